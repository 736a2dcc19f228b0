//! Every example response of `specs/drs.yaml` (the API page's examples) decodes into its type.

use hwcloud_drs::types;
use hwcloud_tests::{ResponseExample, response_examples, spec};

fn decode_example(example: &ResponseExample) -> String {
    match (example.operation.as_str(), example.status.as_str()) {
        ("SwitchVip", "202") => example.decode_debug::<types::SwitchVipResponse>(),
        ("ShowSwitchVipStatus", "200") => {
            example.decode_debug::<types::ShowSwitchVipStatusResponse>()
        }
        _ if example.is_error() => example.decode_debug::<types::ErrorResponse>(),
        (operation, status) => panic!("no type known for {operation} {status}"),
    }
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
