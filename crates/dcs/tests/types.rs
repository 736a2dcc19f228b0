//! Pins the public shape of every generated type: its JSON Schema, as schemars derives it.
//! A change to `specs/dcs.yaml` that changes a type shows up here as a snapshot diff.

use std::collections::BTreeMap;

#[test]
fn every_generated_type_has_a_pinned_json_schema() {
    let schemas: BTreeMap<_, _> = hwcloud_dcs::types::json_schemas().into_iter().collect();
    for name in ["ErrorResponse", "JobStatus", "ShowJobInfoResponse"] {
        assert!(
            schemas.contains_key(name),
            "{name} is missing from the catalog"
        );
    }
    insta::assert_json_snapshot!("json_schemas", schemas);
}
