//! The exact HTTP request each operation puts on the wire for a fixed input, signed with fixed keys
//! at a fixed date.

use hwcloud_core::Credentials;
use hwcloud_core::signing::{FixedClock, ReceivedRequest, Verifier};
use hwcloud_dcs::Client;
use hwcloud_tests::{CaptureServer, CapturedRequest, signed};
use secrecy::SecretString;

const PROJECT_ID: &str = "0123456789abcdef0123456789abcdef";

/// The one request `call` sends, signed with the vectors' keys at their date to a fixed host name:
/// the snapshots pin `Authorization`, `X-Sdk-Date`, `X-Project-Id` and the rest of it.
async fn capture(status: u16, body: &str, call: impl AsyncFnOnce(&Client)) -> CapturedRequest {
    CaptureServer::capture_signed(Client::builder, PROJECT_ID, (status, body), call).await
}

#[tokio::test]
async fn execute_cluster_switchover() {
    let request = capture(200, r#"{"job_id":"j"}"#, async |c| {
        c.execute_cluster_switchover()
            .instance_id("2b6d7a3e-1c4f-4d8e-9a0b-1234567890ab")
            .group_id("group-0001")
            .node_id("node-0002")
            .send()
            .await
            .expect("200");
    })
    .await;
    insta::assert_snapshot!(request.render());
}

#[tokio::test]
async fn change_master_standby_async() {
    let request = capture(200, r#"{"job_id":"j"}"#, async |c| {
        c.change_master_standby_async()
            .instance_id("5560df16-cebf-4473-95c4-d1b573c16e79")
            .send()
            .await
            .expect("200");
    })
    .await;
    insta::assert_snapshot!(request.render());
}

#[tokio::test]
async fn change_master_standby() {
    let request = capture(204, "", async |c| {
        c.change_master_standby()
            .instance_id("5560df16-cebf-4473-95c4-d1b573c16e79")
            .send()
            .await
            .expect("204");
    })
    .await;
    insta::assert_snapshot!(request.render());
}

#[tokio::test]
async fn show_job_info() {
    let request = capture(200, r#"{"job_id":"j","status":"RUNNING"}"#, async |c| {
        c.show_job_info()
            .job_id("ff8080818822bbf70188235afc24141a")
            .send()
            .await
            .expect("200");
    })
    .await;
    insta::assert_snapshot!(request.render());
}

#[tokio::test]
async fn a_per_call_project_id_overrides_the_configured_one() {
    let request = capture(200, r#"{"job_id":"j","status":"RUNNING"}"#, async |c| {
        c.show_job_info()
            .project_id("other-project")
            .job_id("job")
            .send()
            .await
            .expect("200");
    })
    .await;
    assert_eq!(request.target, "/v2/other-project/jobs/job");
    // The header names the project the path names, and the signature covers it.
    assert_eq!(request.header("x-project-id"), Some("other-project"));
    let url = reqwest::Url::parse(&format!("http://{}{}", signed::HOST, request.target)).unwrap();
    let received = ReceivedRequest::new(&request.method, &url, &request.headers, &request.body);
    let verified = Verifier::new()
        .with_clock(FixedClock::from_sdk_date(signed::SDK_DATE).unwrap())
        .verify(&received, &SecretString::from(signed::SK.to_owned()))
        .expect("the signature verifies");
    assert!(
        verified.signed_headers.iter().any(|h| h == "x-project-id"),
        "{verified:?}"
    );
}

#[tokio::test]
async fn temporary_credentials_add_the_security_token() {
    let server = CaptureServer::start(200, r#"{"job_id":"j"}"#).await;
    let credentials = Credentials::temporary(signed::AK, signed::SK, signed::SECURITY_TOKEN);
    server
        .signed_client(Client::builder, PROJECT_ID, credentials)
        .change_master_standby_async()
        .instance_id("5560df16-cebf-4473-95c4-d1b573c16e79")
        .send()
        .await
        .expect("200");
    let request = server.requests().remove(0);
    insta::assert_snapshot!(request.render());
}

#[tokio::test]
async fn without_a_project_id_nothing_is_sent() {
    let server = CaptureServer::start(200, "{}").await;
    let client = Client::builder()
        .endpoint(server.url())
        .env_lookup(|_| None)
        .build()
        .expect("a client");
    let err = client
        .show_job_info()
        .job_id("job")
        .send()
        .await
        .expect_err("no project id configured");
    assert!(
        matches!(&err, hwcloud_dcs::Error::InvalidRequest(m) if m.contains("project id")),
        "{err:?}"
    );
    assert!(server.requests().is_empty(), "the request must not leave");
}

#[tokio::test]
async fn path_values_are_percent_encoded() {
    let request = capture(200, r#"{"job_id":"j"}"#, async |c| {
        c.change_master_standby_async()
            .instance_id("../a/b?c#d")
            .send()
            .await
            .expect("200");
    })
    .await;
    assert_eq!(
        request.target,
        format!("/v2/{PROJECT_ID}/instances/..%2Fa%2Fb%3Fc%23d/async-swap")
    );
}

#[tokio::test]
async fn list_group_replication_info() {
    let request = capture(200, r#"{"group_list":[],"group_count":0}"#, async |c| {
        c.list_group_replication_info()
            .instance_id("3f0f1d6e-8a3c-4b8e-b7a9-2c6d1e0f9a10")
            .send()
            .await
            .expect("200");
    })
    .await;
    assert!(
        request.target.contains("/instance/3f0f1d6e"),
        "singular `instance`"
    );
    insta::assert_snapshot!(request.render());
}

#[tokio::test]
async fn show_instance() {
    let answer = r#"{"instance_id":"5560df16-cebf-4473-95c4-d1b573c16e79","status":"RUNNING"}"#;
    let request = capture(200, answer, async |c| {
        c.show_instance()
            .instance_id("5560df16-cebf-4473-95c4-d1b573c16e79")
            .send()
            .await
            .expect("200");
    })
    .await;
    insta::assert_snapshot!(request.render());
}

#[tokio::test]
async fn list_background_task_with_every_query_parameter() {
    let request = capture(200, r#"{"task_count":"0","tasks":[]}"#, async |c| {
        c.list_background_task()
            .instance_id("5560df16-cebf-4473-95c4-d1b573c16e79")
            .offset(0)
            .limit(10)
            .start_time("20200609160000")
            .end_time("20200617155959")
            .send()
            .await
            .expect("200");
    })
    .await;
    assert!(
        request.target.contains("start_time=20200609160000"),
        "not begin_time"
    );
    insta::assert_snapshot!(request.render());
}
