//! Every operation against httpmock, through the crate's own typed mock helpers: the page's example
//! bodies, every documented error status (answered by a loopback server that records what it got),
//! forward compatibility (unknown enum values, extra fields), and a wrongly typed body, which is an
//! error and never a panic.

use httpmock::MockServer;
use hwcloud_core::RetryPolicy;
use hwcloud_css::mock::MockServerExt;
use hwcloud_css::types::{ActionMode, PhaseStatus, UpgradeDetailResponse, UpgradeStatus};
use hwcloud_css::{Client, Error, ResponseValue};
use hwcloud_tests::clients;
use hwcloud_tests::{response_examples, spec, statuses};
use serde_json::{Value, json};

const PROJECT_ID: &str = "6204a5bd270343b5885144cf9c8c158d";
const CLUSTER_ID: &str = "ea244205-d641-45d9-9dcb-ab2236bcd07e";

/// A client of the server at `url` that takes every answer as it comes: retries are the core
/// crate's business (tested there).
fn client(url: &str) -> Client {
    clients::plain(Client::builder, url, PROJECT_ID, RetryPolicy::none())
}

/// `UpgradeDetail` of [`CLUSTER_ID`], no query parameters, sent to `url`.
async fn detail(url: &str) -> Result<ResponseValue<UpgradeDetailResponse>, Error> {
    client(url)
        .upgrade_detail()
        .cluster_id(CLUSTER_ID)
        .send()
        .await
}

fn example(name: &str) -> Value {
    response_examples(&spec("css"))
        .into_iter()
        .find(|e| e.operation == "UpgradeDetail" && e.name == name)
        .unwrap_or_else(|| panic!("specs/css.yaml has no `{name}` example"))
        .value
}

#[tokio::test]
async fn upgrade_detail_decodes_the_upgrade_example() {
    let server = MockServer::start_async().await;
    let mock = server.upgrade_detail(|when, then| {
        when.project_id(PROJECT_ID)
            .cluster_id(CLUSTER_ID)
            .action_mode(None);
        then.into_inner().status(200).json_body(example("upgrade"));
    });
    let detail = detail(&server.base_url()).await;
    let detail = detail.expect("success");
    assert_eq!(detail.total_size, Some(1));
    let task = &detail.detail_list[0];
    assert_eq!(task.status, Some(UpgradeStatus::Running));
    let image = task.image_info.as_ref().expect("imageInfo");
    assert_eq!(image.datastore_version.as_deref(), Some("7.10.2"));
    assert_eq!(image.priority, Some(16));
    let phases: Vec<_> = task
        .current_node_detail
        .iter()
        .map(|p| p.status.clone())
        .collect();
    assert_eq!(
        phases,
        [Some(PhaseStatus::Success), Some(PhaseStatus::Waiting)]
    );
    mock.assert();
}

#[tokio::test]
async fn upgrade_detail_decodes_the_az_switchover_example() {
    let server = MockServer::start_async().await;
    let mock = server.upgrade_detail(|when, then| {
        when.cluster_id(CLUSTER_ID)
            .action_mode(ActionMode::AzMigration)
            .start(2)
            .limit(5);
        then.into_inner()
            .status(200)
            .json_body(example("az_migration"));
    });
    let detail = client(&server.base_url())
        .upgrade_detail()
        .cluster_id(CLUSTER_ID)
        .action_mode(ActionMode::AzMigration)
        .start(2)
        .limit(5)
        .send()
        .await
        .expect("success");
    let task = &detail.detail_list[0];
    assert_eq!(
        task.completed_nodes.as_deref(),
        Some("css-test-ess-esn-2-1")
    );
    let migrate: Value =
        serde_json::from_str(task.migrate_param.as_deref().expect("migrateParam")).expect("JSON");
    assert_eq!(migrate["targetAz"], "cn-north-4c");
    assert!(task.image_info.is_none());
    mock.assert();
}

#[tokio::test]
async fn upgrade_detail_tolerates_unknown_states_and_fields() {
    let server = MockServer::start_async().await;
    server.upgrade_detail(|_, then| {
        then.into_inner().status(200).json_body(json!({
            "totalSize": 1,
            "detailList": [{
                "id": "t",
                "status": "ROLLING_BACK",
                "batchSize": 2,
                "currentBatchNodes": "n-1,n-2",
                "newField": {"x": 1},
                "currentNodeDetail": [{"order": 1, "status": "SKIPPED", "other": true}]
            }],
            "requestId": "r"
        }));
    });
    let detail = detail(&server.base_url()).await;
    let task = &detail.expect("decodes").detail_list[0];
    assert_eq!(
        task.status,
        Some(UpgradeStatus::Unknown("ROLLING_BACK".to_owned()))
    );
    assert_eq!(task.batch_size, Some(2));
    assert_eq!(task.current_batch_nodes.as_deref(), Some("n-1,n-2"));
    assert_eq!(
        task.current_node_detail[0].status,
        Some(PhaseStatus::Unknown("SKIPPED".to_owned()))
    );
}

#[tokio::test]
async fn a_wrongly_typed_body_is_an_error_not_a_panic() {
    let server = MockServer::start_async().await;
    server.upgrade_detail(|_, then| {
        then.into_inner()
            .status(200)
            .json_body(json!({ "totalSize": "one" }));
    });
    let err = detail(&server.base_url())
        .await
        .expect_err("totalSize is a string");
    assert!(matches!(err, Error::Decode { .. }), "{err:?}");
}

#[tokio::test]
async fn every_documented_error_status_is_a_typed_error() {
    let (_, errors) = statuses(&spec("css"), "UpgradeDetail");
    assert!(
        !errors.is_empty(),
        "UpgradeDetail documents no error status"
    );
    clients::assert_typed_errors("CSS", &errors, detail).await;
}

#[tokio::test]
async fn a_css_error_body_keeps_its_code_and_message() {
    // CSS v1.0 answers errors as `errCode`/`externalMessage`, not in the gateway's format.
    let server = MockServer::start_async().await;
    server.mock(|when, then| {
        when.any_request();
        then.status(403)
            .header("x-request-id", "req-css-1")
            .json_body(json!({
                "errCode": "CSS.0015",
                "externalMessage": "No resources are found or the access is denied."
            }));
    });
    let err = detail(&server.base_url()).await.expect_err("403");
    let service = err.service_error().expect("a service error");
    assert_eq!(service.status.as_u16(), 403);
    assert_eq!(service.error_code.as_deref(), Some("CSS.0015"));
    assert_eq!(
        service.error_msg.as_deref(),
        Some("No resources are found or the access is denied.")
    );
    assert_eq!(service.request_id.as_deref(), Some("req-css-1"));
    assert!(
        service.body_snippet.contains("externalMessage"),
        "{service:?}"
    );
}

#[tokio::test]
async fn paging_sends_offset_and_limit() {
    let server = MockServer::start_async().await;
    let mock = server.mock(|when, then| {
        when.query_param("offset", "11")
            .query_param("limit", "10")
            .query_param_missing("start");
        then.status(200)
            .json_body(json!({"totalSize": 0, "detailList": []}));
    });
    let page = client(&server.base_url())
        .upgrade_detail()
        .cluster_id(CLUSTER_ID)
        .offset(11)
        .limit(10)
        .send()
        .await
        .expect("page");
    assert_eq!(page.total_size, Some(0));
    mock.assert();
}

fn example_of(operation: &str) -> Value {
    response_examples(&spec("css"))
        .into_iter()
        .find(|e| e.operation == operation && e.status == "200")
        .unwrap_or_else(|| panic!("specs/css.yaml has no {operation} 200 example"))
        .value
}

#[tokio::test]
async fn show_cluster_detail_decodes_the_nodes_and_their_azs_of_the_page_example() {
    let server = MockServer::start_async().await;
    let mock = server.show_cluster_detail(|when, then| {
        when.project_id(PROJECT_ID).cluster_id(CLUSTER_ID);
        then.into_inner()
            .status(200)
            .json_body(example_of("ShowClusterDetail"));
    });
    let cluster = client(&server.base_url())
        .show_cluster_detail()
        .cluster_id(CLUSTER_ID)
        .send()
        .await
        .expect("success");
    assert_eq!(cluster.status.as_deref(), Some("200"));
    let node = &cluster.instances[0];
    assert_eq!(node.az_code.as_deref(), Some("{AZ_CODE}"));
    assert_eq!(node.type_, Some(hwcloud_css::types::NodeType::Ess));
    assert!(cluster.actions.is_empty());
    mock.assert();
}

#[tokio::test]
async fn update_az_by_instance_type_sends_the_body_and_takes_a_200_without_one() {
    use hwcloud_css::types::{InstType, MigrateType, UpdateAzByInstanceTypeRequestBody};
    let body = UpdateAzByInstanceTypeRequestBody {
        source_az: "cn-north-4c".into(),
        target_az: "cn-north-4a".into(),
        migrate_type: MigrateType::AzMigrate,
        agency: "css-test-agency".into(),
        indices_backup_check: None,
    };
    let server = MockServer::start_async().await;
    let mock = server.update_az_by_instance_type(|when, then| {
        when.cluster_id(CLUSTER_ID)
            .inst_type(InstType::Ess)
            .body(&body);
        then.ok();
    });
    client(&server.base_url())
        .update_az_by_instance_type()
        .cluster_id(CLUSTER_ID)
        .inst_type(InstType::Ess)
        .body(body.clone())
        .send()
        .await
        .expect("success");
    mock.assert();
    let refused = MockServer::start_async().await;
    let error: hwcloud_css::types::ErrorResponse = serde_json::from_value(json!({
        "errCode": "CSS.0001",
        "externalMessage": "no ess node of the cluster is in source_az",
    }))
    .unwrap();
    let mock = refused.update_az_by_instance_type(|when, then| {
        when.cluster_id(CLUSTER_ID);
        then.bad_request(&error);
    });
    let err = client(&refused.base_url())
        .update_az_by_instance_type()
        .cluster_id(CLUSTER_ID)
        .inst_type(InstType::Ess)
        .body(body)
        .send()
        .await
        .expect_err("400");
    assert_eq!(err.status().map(|s| s.as_u16()), Some(400));
    mock.assert();
}
