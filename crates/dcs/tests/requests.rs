//! The exact HTTP request each operation puts on the wire for a fixed input.

use hwcloud_core::Context;
use hwcloud_dcs::Client;
use hwcloud_tests::{CaptureServer, CapturedRequest};

const PROJECT_ID: &str = "0123456789abcdef0123456789abcdef";

async fn capture(status: u16, body: &str, call: impl AsyncFnOnce(&Client)) -> CapturedRequest {
    let server = CaptureServer::start(status, body).await;
    let client = Client::new(
        &server.url(),
        Context::unauthenticated().with_project_id(PROJECT_ID),
    );
    call(&client).await;
    let mut requests = server.requests();
    assert_eq!(requests.len(), 1, "exactly one request is sent");
    requests.remove(0)
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
}

#[tokio::test]
async fn without_a_project_id_nothing_is_sent() {
    let server = CaptureServer::start(200, "{}").await;
    let client = Client::new(&server.url(), Context::unauthenticated());
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
