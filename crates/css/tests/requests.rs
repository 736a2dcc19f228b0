//! The exact HTTP request each operation puts on the wire for a fixed input.

use hwcloud_core::Context;
use hwcloud_css::Client;
use hwcloud_css::types::ActionMode;
use hwcloud_tests::{CaptureServer, CapturedRequest};

const PROJECT_ID: &str = "6204a5bd270343b5885144cf9c8c158d";
const CLUSTER_ID: &str = "ea244205-d641-45d9-9dcb-ab2236bcd07e";

async fn capture(call: impl AsyncFnOnce(&Client)) -> CapturedRequest {
    let server = CaptureServer::start(200, r#"{"totalSize":0,"detailList":[]}"#).await;
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
async fn upgrade_detail() {
    let request = capture(async |c| {
        c.upgrade_detail()
            .cluster_id(CLUSTER_ID)
            .send()
            .await
            .expect("200");
    })
    .await;
    insta::assert_snapshot!(request.render());
}

#[tokio::test]
async fn upgrade_detail_with_every_query_parameter() {
    let request = capture(async |c| {
        c.upgrade_detail()
            .cluster_id(CLUSTER_ID)
            .start(1)
            .limit(10)
            .action_mode(ActionMode::AzMigration)
            .send()
            .await
            .expect("200");
    })
    .await;
    insta::assert_snapshot!(request.render());
}
