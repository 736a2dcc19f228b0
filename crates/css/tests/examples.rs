//! Every example response of `specs/css.yaml` (the API page's examples) decodes into its type.

use hwcloud_css::types;
use hwcloud_tests::{ResponseExample, response_examples, spec};

fn decode_example(example: &ResponseExample) -> String {
    match (example.operation.as_str(), example.status.as_str()) {
        ("UpgradeDetail", "200") => example.decode_debug::<types::UpgradeDetailResponse>(),
        _ if example.is_error() => example.decode_debug::<types::ErrorResponse>(),
        (operation, status) => panic!("no type known for {operation} {status}"),
    }
}

#[test]
fn every_response_example_decodes_into_its_type() {
    let examples = response_examples(&spec("css"));
    let names: Vec<String> = examples.iter().map(|e| e.label()).collect();
    assert!(
        names.contains(&"UpgradeDetail-200-upgrade".to_owned())
            && names.contains(&"UpgradeDetail-200-az_migration".to_owned()),
        "both of the page's examples are in the spec: {names:?}"
    );
    let decoded: Vec<String> = examples
        .iter()
        .map(|e| format!("{}:\n{}", e.label(), decode_example(e)))
        .collect();
    insta::assert_snapshot!("decoded_examples", decoded.join("\n\n"));
}
