//! The official SDK's signing vectors (`tests/data/official-sdk-vectors.json`, a copy of the data file
//! `shared/signing-vectors/official-sdk-vectors.json` produced by huaweicloudsdkcore 3.1.219), one
//! test per vector, every stage asserted with a labelled message.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use hwcloud_core::vectors::{self, Vector, VectorFile, lowercase_names};

const VECTORS_FILE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/official-sdk-vectors.json"
);

fn file() -> &'static VectorFile {
    static FILE: OnceLock<VectorFile> = OnceLock::new();
    FILE.get_or_init(|| vectors::load(VECTORS_FILE).unwrap_or_else(|e| panic!("{e}")))
}

fn vector(name: &str) -> &'static Vector {
    file()
        .vectors
        .iter()
        .find(|v| v.name == name)
        .unwrap_or_else(|| panic!("vector {name} is not in {VECTORS_FILE}"))
}

fn run(name: &str) {
    let v = vector(name);
    let got = vectors::compute(v).unwrap_or_else(|e| panic!("{name}: {e}"));
    let expected = &v.expected;
    if let Some(path) = &expected.resource_path {
        assert_eq!(&got.resource_path, path, "{name}: resource path");
    }
    assert_eq!(
        got.canonical_request, expected.canonical_request,
        "{name}: canonical request"
    );
    assert_eq!(
        got.string_to_sign, expected.string_to_sign,
        "{name}: string to sign"
    );
    assert_eq!(
        got.signed_headers, expected.signed_headers,
        "{name}: signed headers"
    );
    assert_eq!(
        got.authorization, expected.authorization,
        "{name}: authorization"
    );
    assert_eq!(got.url, expected.url, "{name}: url");
    if let Some(added) = &expected.added_headers {
        assert_eq!(
            got.added_headers,
            lowercase_names(added),
            "{name}: added headers"
        );
    }
    if let Some(all) = &expected.final_headers {
        assert_eq!(
            got.final_headers,
            lowercase_names(all),
            "{name}: final headers"
        );
        assert_eq!(
            got.reqwest_headers,
            lowercase_names(all),
            "{name}: reqwest headers"
        );
    }
    assert_eq!(got.reqwest_url, expected.url, "{name}: reqwest url");
    assert_eq!(
        got.reqwest_headers.get("authorization"),
        Some(&expected.authorization),
        "{name}: reqwest authorization"
    );
    // The shared checker (used by the example) agrees.
    assert_eq!(vectors::check(v), [], "{name}: vectors::check");
}

macro_rules! vector_tests {
    ($($name:ident),* $(,)?) => {
        /// The vectors that have a test here.
        const NAMES: &[&str] = &[$(stringify!($name)),*];
        $(
            #[test]
            fn $name() {
                run(stringify!($name));
            }
        )*
    };
}

vector_tests!(
    dcs_execute_cluster_switchover,
    dcs_change_master_standby_async,
    dcs_change_master_standby,
    dcs_show_job_info,
    css_upgrade_detail_query,
    css_upgrade_detail_no_query,
    drs_switch_vip_source,
    drs_switch_vip_target_xlanguage,
    dcs_switchover_security_token,
    dcs_path_param_escaping,
    signer_query_special_chars,
    signer_percent_encoded_path,
    signer_trailing_slash_path,
    signer_json_body_unicode,
    signer_empty_string_body_post,
    signer_octet_stream_unsigned_payload,
    signer_octet_stream_empty_body,
    signer_header_rules,
    signer_no_content_type_get,
    credentials_project_and_token,
    signer_sm3,
    signer_derived_v11,
);

#[test]
fn every_vector_in_the_file_has_a_test() {
    let in_file: Vec<&str> = file().vectors.iter().map(|v| v.name.as_str()).collect();
    let unique: BTreeSet<&str> = in_file.iter().copied().collect();
    assert_eq!(
        unique.len(),
        in_file.len(),
        "duplicate vector names in {VECTORS_FILE}"
    );
    let tested: BTreeSet<&str> = NAMES.iter().copied().collect();
    assert_eq!(
        unique, tested,
        "vectors in the file vs. tests in vector_tests!"
    );
}

#[test]
fn a_wrong_expectation_is_reported_at_its_stage() {
    let mut v = vector("signer_sm3").clone();
    v.expected.string_to_sign.push('x');
    let mismatches = vectors::check(&v);
    assert_eq!(mismatches.len(), 1, "{mismatches:?}");
    assert_eq!(mismatches[0].stage, "string to sign");
}
