//! Every example response of `specs/drs.yaml` (the API page's examples) decodes into its type.

use hwcloud_tests::{ResponseExample, response_examples, spec};

fn decode_example(example: &ResponseExample) -> String {
    example.decode_with(hwcloud_drs::__private::decode_response_debug)
}

#[test]
fn every_response_example_decodes_into_its_type() {
    let examples = response_examples(&spec("drs"));
    assert!(
        !examples.is_empty(),
        "specs/drs.yaml has no response examples"
    );
    let decoded: Vec<String> = examples
        .iter()
        .map(|e| format!("{}:\n{}", e.label(), decode_example(e)))
        .collect();
    insta::assert_snapshot!("decoded_examples", decoded.join("\n\n"));
}
