//! `hwcloud_core::Error` end to end, through a generated client built the way users build it: each
//! kind tells what happened and whether sending again is safe.
//!
//! - `InvalidRequest`: rejected before any I/O (the server sees nothing);
//! - `NotSent`: no connection could be made;
//! - `MaybeSent`: the request left, no complete answer came back;
//! - `Service`: the service answered with an error (status, code, message, request id, snippet);
//! - `Decode`: the service answered with success, but the body does not decode.

use std::time::Duration;

use httpmock::MockServer;
use hwcloud_core::error::SNIPPET_LIMIT;
use hwcloud_core::{ClientBuilder, Credentials, Error, ErrorKind};
use hwcloud_dcs::mock::MockServerExt;
use hwcloud_dcs::types::ChangeMasterStandbyAsyncResponse;
use hwcloud_tests::clients::{self, error_of};
use hwcloud_tests::{CaptureServer, RefusingPort, Reply, ScriptedServer};
use serde_json::{Value, json};

const AK: &str = "AKERRORSTEST00000001";
const SK: &str = "errors-test-secret-key-0123456789abcdef";
const PROJECT_ID: &str = "0123456789abcdef0123456789abcdef";
const INSTANCE_ID: &str = "5560df16-cebf-4473-95c4-d1b573c16e79";

/// A DCS client as users build it, against a loopback server.
fn dcs(url: &str, max_attempts: u32) -> hwcloud_dcs::Client {
    dcs_builder(url, max_attempts)
        .build()
        .expect("client builds")
}

fn dcs_builder(url: &str, max_attempts: u32) -> ClientBuilder<hwcloud_dcs::Client> {
    let retry = clients::fast_retries(max_attempts);
    clients::loopback(hwcloud_dcs::Client::builder(), url, PROJECT_ID, retry)
        .credentials(Credentials::aksk(AK, SK))
}

/// The error the asynchronous swap of [`INSTANCE_ID`], sent to `url`, ends with.
async fn swap_error(url: &str, max_attempts: u32) -> Error {
    let client = dcs(url, max_attempts);
    error_of(
        client
            .change_master_standby_async()
            .instance_id(INSTANCE_ID)
            .send(),
    )
    .await
}

fn assert_mentions(text: &str, words: &[&str]) {
    for word in words {
        assert!(text.contains(word), "{word:?} missing from {text:?}");
    }
}

#[tokio::test]
async fn empty_blank_and_dot_ids_are_rejected_before_any_io() {
    let server = CaptureServer::start(200, r#"{"job_id":"j"}"#).await;
    // Retries allowed: a rejected request must still never reach the wire.
    let client = dcs(&server.url(), 3);
    for id in ["", "  ", "\t", "..", "."] {
        let err = error_of(client.change_master_standby_async().instance_id(id).send()).await;
        assert_eq!(err.kind(), ErrorKind::InvalidRequest, "{id:?}: {err}");
        assert!(err.was_not_sent(), "{id:?}");
        assert_eq!(err.status(), None);
        assert_eq!(err.request_id(), None);
        assert_mentions(&err.to_string(), &["invalid request", "not sent"]);

        let err = error_of(client.show_job_info().job_id(id).send()).await;
        assert_eq!(err.kind(), ErrorKind::InvalidRequest, "{id:?}: {err}");

        let err = error_of(
            client
                .execute_cluster_switchover()
                .instance_id(INSTANCE_ID)
                .group_id(id)
                .node_id("node-1")
                .send(),
        )
        .await;
        assert_eq!(err.kind(), ErrorKind::InvalidRequest, "{id:?}: {err}");
    }
    let empty = error_of(client.change_master_standby_async().instance_id("").send()).await;
    assert_mentions(&empty.to_string(), &["instance_id", "empty"]);
    assert!(
        server.requests().is_empty(),
        "nothing may reach the server: {:?}",
        server.requests()
    );
}

/// Swaps the instance of each case's id through `client`, each of which must succeed: the job ids.
async fn swap_each(client: &hwcloud_dcs::Client, cases: &[(&str, &str)]) -> Vec<String> {
    let mut jobs = Vec::new();
    for (id, _) in cases {
        let swap = client.change_master_standby_async().instance_id(*id).send();
        let job = swap.await.unwrap_or_else(|e| panic!("{id:?}: {}", e));
        jobs.push(job.into_inner().job_id);
    }
    jobs
}

#[tokio::test]
async fn path_values_are_percent_encoded_and_cannot_change_the_route() {
    let server = CaptureServer::start(200, r#"{"job_id":"j-1"}"#).await;
    let client = dcs(&server.url(), 1);
    let cases = [
        ("../x", "..%2Fx"),
        ("a/b", "a%2Fb"),
        ("../../v3", "..%2F..%2Fv3"),
    ];
    assert_eq!(swap_each(&client, &cases).await, ["j-1"; 3]);
    let targets: Vec<String> = server.requests().into_iter().map(|r| r.target).collect();
    let expected: Vec<String> = cases
        .iter()
        .map(|(_, encoded)| format!("/v2/{PROJECT_ID}/instances/{encoded}/async-swap"))
        .collect();
    assert_eq!(targets, expected);

    // The same through httpmock: only the operation's own route (method and path shape) answers.
    let mock_server = MockServer::start_async().await;
    let route = mock_server.change_master_standby_async(|_, then| {
        then.ok(&ChangeMasterStandbyAsyncResponse {
            job_id: "j-2".to_owned(),
        });
    });
    let client = dcs(&mock_server.base_url(), 1);
    // An id that left the route would get httpmock's 404.
    assert_eq!(swap_each(&client, &cases).await, ["j-2"; 3]);
    route.assert_calls(cases.len());
}

#[tokio::test]
async fn connection_refused_is_not_sent() {
    let port = RefusingPort::bind();
    let err = swap_error(&port.url(), 1).await;
    assert_eq!(err.kind(), ErrorKind::NotSent, "{err:?}");
    assert!(err.was_not_sent());
    assert_eq!(err.status(), None);
    assert!(matches!(err, Error::NotSent(_)));
    assert_mentions(
        &err.to_string(),
        &["could not reach the service", "safe to retry"],
    );
    assert!(
        std::error::Error::source(&err).is_some(),
        "the transport error is kept as the source"
    );
}

#[tokio::test]
async fn a_connection_closed_after_the_request_may_have_been_sent() {
    let server = ScriptedServer::start(vec![Reply::Close]).await;
    let err = swap_error(&server.url(), 3).await;
    assert_eq!(err.kind(), ErrorKind::MaybeSent, "{err:?}");
    assert!(!err.was_not_sent());
    assert_eq!(err.status(), None);
    assert_mentions(
        &err.to_string(),
        &["may have reached the service", "outcome unknown"],
    );
    // It did reach the server, and (a switchover) was not repeated.
    let requests = server.requests();
    assert_eq!(requests.len(), 1, "{requests:?}");
    assert_eq!(
        requests[0].target,
        format!("/v2/{PROJECT_ID}/instances/{INSTANCE_ID}/async-swap")
    );
}

#[tokio::test]
async fn a_timeout_after_sending_may_have_been_sent() {
    let server = ScriptedServer::start(vec![Reply::Hang]).await;
    let client = dcs_builder(&server.url(), 3)
        .timeout(Duration::from_millis(300))
        .build()
        .expect("client builds");
    let err = error_of(
        client
            .execute_cluster_switchover()
            .instance_id(INSTANCE_ID)
            .group_id("group-1")
            .node_id("node-2")
            .send(),
    )
    .await;
    assert_eq!(err.kind(), ErrorKind::MaybeSent, "{err:?}");
    assert!(!err.was_not_sent());
    assert_eq!(server.requests().len(), 1, "a switchover is sent once");
}

/// Answers one `ShowJobInfo` with `status`, an `X-Request-Id` and `body`, and returns the error.
async fn service_error(status: u16, content_type: &str, body: &str) -> Error {
    let server = MockServer::start_async().await;
    let body = body.to_owned();
    let content_type = content_type.to_owned();
    server.show_job_info(move |_, then| {
        then.into_inner()
            .status(status)
            .header("content-type", content_type)
            .header("X-Request-Id", "5f2f0cb1a0e8b7c4d3e2f1a0")
            .body(body);
    });
    let client = dcs(&server.base_url(), 1);
    client
        .show_job_info()
        .job_id("job-1")
        .send()
        .await
        .map(|r| r.into_inner())
        .expect_err("an error answer")
}

#[tokio::test]
async fn error_bodies_are_read_in_every_format_of_the_official_sdk() {
    let cases: [(u16, Value, &str, &str); 5] = [
        (
            404,
            json!({"error_code": "DCS.4855", "error_msg": "The instance does not exist.", "error_ext_msg": null}),
            "DCS.4855",
            "The instance does not exist.",
        ),
        (
            400,
            json!({"errorCode": "DCS.4001", "errorMsg": "Invalid job id."}),
            "DCS.4001",
            "Invalid job id.",
        ),
        (
            401,
            json!({"code": "APIGW.0301", "message": "Incorrect IAM authentication information"}),
            "APIGW.0301",
            "Incorrect IAM authentication information",
        ),
        (
            403,
            json!({"error": {"code": "APIGW.0306", "message": "API access denied"}, "request_id": "x"}),
            "APIGW.0306",
            "API access denied",
        ),
        (
            409,
            json!({"error_code": 111400063, "error_msg": "numeric code"}),
            "111400063",
            "numeric code",
        ),
    ];
    for (status, body, code, msg) in cases {
        let raw = body.to_string();
        let err = service_error(status, "application/json", &raw).await;
        assert_eq!(err.kind(), ErrorKind::Service, "{body}: {err:?}");
        assert!(!err.was_not_sent());
        assert_eq!(err.status().map(|s| s.as_u16()), Some(status), "{body}");
        assert_eq!(err.request_id(), Some("5f2f0cb1a0e8b7c4d3e2f1a0"), "{body}");
        let service = err.service_error().expect("a service error");
        assert_eq!(service.error_code.as_deref(), Some(code), "{body}");
        assert_eq!(service.error_msg.as_deref(), Some(msg), "{body}");
        assert_eq!(
            service.body_snippet, raw,
            "the raw body, not the normalised one"
        );
        assert_mentions(
            &err.to_string(),
            &[&status.to_string(), code, msg, "5f2f0cb1a0e8b7c4d3e2f1a0"],
        );
    }
}

#[tokio::test]
async fn an_html_page_from_a_gateway_falls_back_to_the_status_and_the_text() {
    let page = "<html><head><title>502 Bad Gateway</title></head>\n<body><center><h1>502 Bad Gateway</h1></center></body></html>\n";
    let err = service_error(502, "text/html", page).await;
    assert_eq!(err.kind(), ErrorKind::Service, "{err:?}");
    assert_eq!(err.status().map(|s| s.as_u16()), Some(502));
    let service = err.service_error().expect("a service error");
    assert_eq!(service.error_code, None);
    assert_eq!(service.error_msg.as_deref(), Some(page.trim()));
    assert_eq!(service.body_snippet, page);
    assert_mentions(&err.to_string(), &["502", "Bad Gateway"]);
}

#[tokio::test]
async fn extra_members_of_any_type_do_not_hide_the_error() {
    let body = json!({
        "error_code": "DCS.4855",
        "error_msg": "The instance does not exist.",
        "error_ext_msg": {"detail": "instance 5560df16 is gone", "retryable": false},
    })
    .to_string();
    let err = service_error(404, "application/json", &body).await;
    assert_eq!(err.kind(), ErrorKind::Service, "{err:?}");
    let service = err.service_error().expect("a service error");
    assert_eq!(service.status.as_u16(), 404);
    assert_eq!(service.error_code.as_deref(), Some("DCS.4855"));
    assert_eq!(service.body_snippet, body);
}

#[tokio::test]
async fn body_snippets_are_bounded() {
    // ASCII: exactly the first SNIPPET_LIMIT bytes.
    let long_msg = "x".repeat(SNIPPET_LIMIT * 4);
    let body = json!({"error_code": "DCS.5000", "error_msg": long_msg}).to_string();
    let err = service_error(400, "application/json", &body).await;
    let service = err.service_error().expect("a service error");
    assert_eq!(service.body_snippet.len(), SNIPPET_LIMIT);
    assert!(body.starts_with(&service.body_snippet));
    // The message itself is read from the whole body.
    assert_eq!(service.error_msg.as_deref(), Some(long_msg.as_str()));

    // Multi-byte text whose SNIPPET_LIMIT-th byte falls inside a character: still at most
    // SNIPPET_LIMIT bytes, and still a prefix of the body (no replacement character at the cut).
    let prefix = r#"{"error_code":"X","error_msg":""#;
    assert_eq!(
        (SNIPPET_LIMIT - prefix.len()) % 2,
        1,
        "the cut must split a character"
    );
    let body = format!("{prefix}{}\"}}", "é".repeat(SNIPPET_LIMIT));
    let err = service_error(400, "application/json", &body).await;
    let service = err.service_error().expect("a service error");
    assert!(
        service.body_snippet.len() <= SNIPPET_LIMIT,
        "{} bytes",
        service.body_snippet.len()
    );
    assert!(service.body_snippet.len() >= SNIPPET_LIMIT - 3);
    assert!(
        body.starts_with(&service.body_snippet),
        "not a prefix: {:?}",
        service.body_snippet
    );

    // A non-JSON page longer than the limit: the message falls back to (bounded) text too.
    let page = format!("<html>{}</html>", "gateway ".repeat(SNIPPET_LIMIT));
    let err = service_error(503, "text/html", &page).await;
    let service = err.service_error().expect("a service error");
    assert_eq!(service.status.as_u16(), 503);
    assert_eq!(service.body_snippet.len(), SNIPPET_LIMIT);
    assert!(page.starts_with(&service.body_snippet));
    let msg = service.error_msg.as_deref().expect("the text");
    assert!(
        msg.len() <= SNIPPET_LIMIT && msg.starts_with("<html>gateway"),
        "{msg}"
    );
}

#[tokio::test]
async fn success_with_an_undecodable_body_is_a_decode_error() {
    for (content_type, body) in [
        ("application/json", r#"{"job_id": 42, "status": "SUCCESS"}"#),
        ("application/json", r#"{"job_id": "j", "status""#),
        ("text/html", "<html><body>Service maintenance</body></html>"),
    ] {
        let server = MockServer::start_async().await;
        server.show_job_info(|_, then| {
            then.into_inner()
                .status(200)
                .header("content-type", content_type)
                .body(body);
        });
        let client = dcs(&server.base_url(), 3);
        let err = error_of(client.show_job_info().job_id("job-1").send()).await;
        assert_eq!(err.kind(), ErrorKind::Decode, "{body}: {err:?}");
        assert!(
            !err.was_not_sent(),
            "it was done: never safe to resend blindly"
        );
        let Error::Decode {
            snippet, message, ..
        } = &err
        else {
            panic!("{err:?}")
        };
        assert_eq!(snippet, body);
        assert!(!message.is_empty());
        assert_mentions(
            &err.to_string(),
            &["could not be decoded", &format!("{body:?}")],
        );
    }
}

#[tokio::test]
async fn a_documented_success_keeps_its_status_and_headers() {
    // The answer is handed back as it came, its body decoded from what the hooks read.
    let server = MockServer::start_async().await;
    server.change_master_standby_async(|_, then| {
        then.into_inner()
            .status(200)
            .header("content-type", "application/json")
            .header("x-request-id", "r-ok")
            .body(r#"{"job_id":"j-1"}"#);
    });
    let value = dcs(&server.base_url(), 1)
        .change_master_standby_async()
        .instance_id(INSTANCE_ID)
        .send()
        .await
        .expect("decodes");
    assert_eq!(value.status().as_u16(), 200);
    assert_eq!(value.headers()["x-request-id"], "r-ok");
    assert_eq!(value.into_inner().job_id, "j-1");
}

#[tokio::test]
async fn an_undocumented_success_keeps_its_body_readable() {
    // ChangeMasterStandby documents 204 only: a 200 is a decode error (the operation was
    // performed) whose snippet keeps the body.
    let server = MockServer::start_async().await;
    server.change_master_standby(|_, then| {
        then.into_inner()
            .status(200)
            .header("content-type", "application/json")
            .body(r#"{"job_id":"j-2"}"#);
    });
    let sent = dcs(&server.base_url(), 1)
        .change_master_standby()
        .instance_id(INSTANCE_ID)
        .send()
        .await;
    match sent {
        Err(hwcloud_core::Error::Decode {
            status, snippet, ..
        }) => {
            assert_eq!(status.map(|s| s.as_u16()), Some(200));
            assert_eq!(snippet, r#"{"job_id":"j-2"}"#);
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn an_undocumented_success_status_is_a_decode_error_with_its_status() {
    // ChangeMasterStandby documents 204 only.
    let server = MockServer::start_async().await;
    server.change_master_standby(|_, then| {
        then.into_inner()
            .status(200)
            .header("content-type", "application/json")
            .body("{}");
    });
    let client = dcs(&server.base_url(), 1);
    let err = error_of(
        client
            .change_master_standby()
            .instance_id(INSTANCE_ID)
            .send(),
    )
    .await;
    assert_eq!(err.kind(), ErrorKind::Decode, "{err:?}");
    assert_eq!(err.status().map(|s| s.as_u16()), Some(200));
    assert_mentions(&err.to_string(), &["200", "could not be decoded"]);
}
