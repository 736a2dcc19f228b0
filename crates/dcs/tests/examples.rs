//! Every example response of `specs/dcs.yaml` (the API pages' examples) decodes into its type.

use hwcloud_dcs::types;
use hwcloud_tests::{ResponseExample, response_examples, spec};
use serde::de::DeserializeOwned;

fn decode<T: DeserializeOwned + std::fmt::Debug>(example: &ResponseExample) -> String {
    let value: T = serde_json::from_value(example.value.clone())
        .unwrap_or_else(|e| panic!("{}: does not decode: {e}", example.label()));
    format!("{value:#?}")
}

fn decode_example(example: &ResponseExample) -> String {
    match (example.operation.as_str(), example.status.as_str()) {
        ("ExecuteClusterSwitchover", "200") => {
            decode::<types::ExecuteClusterSwitchoverResponse>(example)
        }
        ("ChangeMasterStandbyAsync", "200") => {
            decode::<types::ChangeMasterStandbyAsyncResponse>(example)
        }
        ("ShowJobInfo", "200") => decode::<types::ShowJobInfoResponse>(example),
        (_, status) if status.starts_with('4') || status.starts_with('5') => {
            decode::<types::ErrorResponse>(example)
        }
        (operation, status) => panic!("no type known for {operation} {status}"),
    }
}

#[test]
fn every_response_example_decodes_into_its_type() {
    let examples = response_examples(&spec("dcs"));
    assert!(
        !examples.is_empty(),
        "specs/dcs.yaml has no response examples"
    );
    let decoded: Vec<String> = examples
        .iter()
        .map(|e| format!("{}:\n{}", e.label(), decode_example(e)))
        .collect();
    insta::assert_snapshot!("decoded_examples", decoded.join("\n\n"));
}
