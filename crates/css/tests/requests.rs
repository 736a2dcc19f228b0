//! The exact HTTP request each operation puts on the wire for a fixed input, signed with fixed keys
//! at a fixed date.

use hwcloud_css::Client;
use hwcloud_css::types::{ActionMode, InstType, MigrateType, UpdateAzByInstanceTypeRequestBody};
use hwcloud_tests::{CaptureServer, CapturedRequest};

const PROJECT_ID: &str = "6204a5bd270343b5885144cf9c8c158d";
const CLUSTER_ID: &str = "ea244205-d641-45d9-9dcb-ab2236bcd07e";

/// The one request `call` sends, signed with the vectors' keys at their date to a fixed host name:
/// the snapshots pin `Authorization`, `X-Sdk-Date`, `X-Project-Id` and the rest of it.
async fn capture(call: impl AsyncFnOnce(&Client)) -> CapturedRequest {
    capture_answering((200, r#"{"totalSize":0,"detailList":[]}"#), call).await
}

async fn capture_answering(
    answer: (u16, &str),
    call: impl AsyncFnOnce(&Client),
) -> CapturedRequest {
    CaptureServer::capture_signed(Client::builder, PROJECT_ID, answer, call).await
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
            .offset(1)
            .limit(10)
            .action_mode(ActionMode::AzMigration)
            .send()
            .await
            .expect("200");
    })
    .await;
    insta::assert_snapshot!(request.render());
}

#[tokio::test]
async fn the_deprecated_start_still_goes_out_under_its_own_name() {
    let request = capture(async |c| {
        #[allow(deprecated)]
        c.upgrade_detail()
            .cluster_id(CLUSTER_ID)
            .start(11)
            .send()
            .await
            .expect("200");
    })
    .await;
    assert!(
        request.target.ends_with("/upgrade/detail?start=11"),
        "{}",
        request.target
    );
}

#[tokio::test]
async fn show_cluster_detail() {
    let request = capture_answering((200, r#"{"id":"c","instances":[]}"#), async |c| {
        c.show_cluster_detail()
            .cluster_id(CLUSTER_ID)
            .send()
            .await
            .expect("200");
    })
    .await;
    insta::assert_snapshot!(request.render());
}

#[tokio::test]
async fn update_az_by_instance_type() {
    let request = capture_answering((200, ""), async |c| {
        c.update_az_by_instance_type()
            .cluster_id(CLUSTER_ID)
            .inst_type(InstType::EssMaster)
            .body(UpdateAzByInstanceTypeRequestBody {
                source_az: "cn-north-4c".into(),
                target_az: "cn-north-4a".into(),
                migrate_type: MigrateType::AzMigrate,
                agency: "css-test-agency".into(),
                indices_backup_check: Some(true),
            })
            .send()
            .await
            .expect("200");
    })
    .await;
    assert!(
        request.target.ends_with("/inst-type/ess-master/azmigrate"),
        "{}",
        request.target
    );
    insta::assert_snapshot!(request.render());
}
