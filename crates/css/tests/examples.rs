//! Every example response of `specs/css.yaml` (the API page's examples) decodes into its type.

use hwcloud_tests::{ResponseExample, response_examples, spec};

fn decode_example(example: &ResponseExample) -> String {
    example.decode_with(hwcloud_css::__private::decode_response_debug)
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
