//! The exact HTTP request each operation puts on the wire for a fixed input.

use hwcloud_core::Context;
use hwcloud_drs::Client;
use hwcloud_drs::types::{Language, SwitchVipRequestBody, SwitchoverMode};
use hwcloud_tests::{CaptureServer, CapturedRequest};

const PROJECT_ID: &str = "054ba152d480d55b2f5dc0069e7ddef0";

async fn capture(call: impl AsyncFnOnce(&Client)) -> CapturedRequest {
    let server = CaptureServer::start(202, r#"{"id":"j","status":"success"}"#).await;
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
async fn switch_vip() {
    let request = capture(async |c| {
        c.switch_vip()
            .job_id("8c81a12f-2581-4424-a3ab-70ed874jb201")
            .body(SwitchVipRequestBody {
                mode: SwitchoverMode::Source,
            })
            .send()
            .await
            .expect("202");
    })
    .await;
    insta::assert_snapshot!(request.render());
}

#[tokio::test]
async fn switch_vip_with_a_language() {
    let request = capture(async |c| {
        c.switch_vip()
            .job_id("8c81a12f-2581-4424-a3ab-70ed874jb201")
            .x_language(Language::ZhCn)
            .body(SwitchVipRequestBody {
                mode: SwitchoverMode::Target,
            })
            .send()
            .await
            .expect("202");
    })
    .await;
    insta::assert_snapshot!(request.render());
}
