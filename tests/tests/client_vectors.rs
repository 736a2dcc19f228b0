//! The official SDK's `client` signing vectors, driven through the generated clients: each
//! operation is called with the vector's credentials, project, path values, query and headers at
//! the vector's `X-Sdk-Date`, against a loopback server that records the request. The path and
//! query sent must be the SDK's byte for byte (path values percent-encoded as the SDK's
//! `quote(value, safe='')`: `+` as `%2B`, `=` as `%3D`, `/` as `%2F`), the headers the signer adds
//! must be the SDK's, and the signature must verify.

use hwcloud_core::signing::FixedClock;
use hwcloud_core::{Credentials, RetryPolicy};
use hwcloud_tests::{CaptureServer, CapturedRequest, clients};
use serde_json::Value;

const VECTORS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../crates/core/tests/data/official-sdk-vectors.json"
);

fn client_vectors() -> Vec<Value> {
    let text = std::fs::read_to_string(VECTORS).expect("the vectors file");
    let file: Value = serde_json::from_str(&text).expect("JSON");
    let vectors: Vec<Value> = file["vectors"]
        .as_array()
        .expect("vectors")
        .iter()
        .filter(|v| v["kind"] == "client")
        .cloned()
        .collect();
    assert!(vectors.len() >= 10, "the file has its client vectors");
    vectors
}

fn text<'a>(v: &'a Value, pointer: &str) -> &'a str {
    v.pointer(pointer)
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("{pointer} in {}", v["name"]))
}

macro_rules! client {
    ($krate:ident, $vector:expr, $server:expr) => {{
        let v = $vector;
        let credentials = match v
            .pointer("/credentials/security_token")
            .and_then(Value::as_str)
        {
            Some(token) => Credentials::temporary(
                text(v, "/credentials/ak"),
                text(v, "/credentials/sk"),
                token,
            ),
            None => Credentials::aksk(text(v, "/credentials/ak"), text(v, "/credentials/sk")),
        };
        let project_id = text(v, "/credentials/project_id");
        clients::loopback(
            $krate::Client::builder(),
            &$server.url(),
            project_id,
            RetryPolicy::none(),
        )
        .credentials(credentials)
        .clock(FixedClock::from_sdk_date(text(v, "/input/headers/X-Sdk-Date")).expect("date"))
        .build()
        .expect("client")
    }};
}

/// Calls the vector's operation through its generated client; returns the request sent.
async fn send(v: &Value) -> CapturedRequest {
    let server = CaptureServer::start(200, "{}").await;
    let path = |name: &str| text(v, &format!("/input/path_params/{name}")).to_owned();
    let template = text(v, "/input/resource_path_template");
    let method = text(v, "/input/method");
    // The answer's body is not what these operations return: only the request matters here.
    let _ = match (method, template.rsplit('/').next().unwrap_or_default()) {
        ("POST", "async-switchover") => client!(hwcloud_dcs, v, server)
            .execute_cluster_switchover()
            .instance_id(path("instance_id"))
            .group_id(path("group_id"))
            .node_id(path("node_id"))
            .send()
            .await
            .map(drop)
            .map_err(drop),
        ("PUT", "async-swap") => client!(hwcloud_dcs, v, server)
            .change_master_standby_async()
            .instance_id(path("instance_id"))
            .send()
            .await
            .map(drop)
            .map_err(drop),
        ("POST", "swap") => client!(hwcloud_dcs, v, server)
            .change_master_standby()
            .instance_id(path("instance_id"))
            .send()
            .await
            .map(drop)
            .map_err(drop),
        ("GET", "{job_id}") => client!(hwcloud_dcs, v, server)
            .show_job_info()
            .job_id(path("job_id"))
            .send()
            .await
            .map(drop)
            .map_err(drop),
        ("GET", "detail") => {
            let css = client!(hwcloud_css, v, server);
            let mut request = css.upgrade_detail().cluster_id(path("cluster_id"));
            for pair in v["input"]["query_params"].as_array().expect("query") {
                let value = &pair[1];
                request = match pair[0].as_str().expect("name") {
                    "offset" => request.offset(value.as_i64().expect("int") as i32),
                    "limit" => request.limit(value.as_i64().expect("int") as i32),
                    "action_mode" => request.action_mode(
                        value
                            .as_str()
                            .expect("mode")
                            .parse::<hwcloud_css::types::ActionMode>()
                            .expect("known mode"),
                    ),
                    other => panic!("query parameter {other}"),
                };
            }
            request.send().await.map(drop).map_err(drop)
        }
        ("POST", "switch-vip") => {
            let drs = client!(hwcloud_drs, v, server);
            let body: hwcloud_drs::types::SwitchVipRequestBody =
                serde_json::from_str(text(v, "/input/body")).expect("body");
            let mut request = drs.switch_vip().job_id(path("job_id")).body(body);
            if let Some(language) = v
                .pointer("/input/headers/X-Language")
                .and_then(Value::as_str)
            {
                request = request.x_language(
                    language
                        .parse::<hwcloud_drs::types::Language>()
                        .expect("language"),
                );
            }
            request.send().await.map(drop).map_err(drop)
        }
        other => panic!("{}: no operation for {other:?}", v["name"]),
    };
    let mut requests = server.requests();
    assert_eq!(requests.len(), 1, "{}: sent once", v["name"]);
    requests.remove(0)
}

#[tokio::test]
async fn every_client_vector_goes_out_as_the_sdk_sends_it() {
    for v in client_vectors() {
        let name = v["name"].as_str().expect("name").to_owned();
        let sent = send(&v).await;
        let expected = reqwest::Url::parse(text(&v, "/expected/url")).expect("url");
        let expected_target = match expected.query() {
            Some(q) => format!("{}?{q}", expected.path()),
            None => expected.path().to_owned(),
        };
        assert_eq!(sent.method, text(&v, "/input/method"), "{name}: method");
        assert_eq!(sent.target, expected_target, "{name}: path and query");
        for header in ["X-Project-Id", "X-Security-Token"] {
            let want = v
                .pointer(&format!("/expected/added_headers/{header}"))
                .and_then(Value::as_str);
            assert_eq!(sent.header(header), want, "{name}: {header}");
        }
        assert_eq!(
            sent.header("X-Sdk-Date"),
            Some(text(&v, "/input/headers/X-Sdk-Date")),
            "{name}: X-Sdk-Date"
        );
        let sk = text(&v, "/credentials/sk");
        let verified = sent.verify_signature(sk);
        assert!(
            verified.is_ok(),
            "{name}: the signature verifies: {verified:?}"
        );
    }
}
