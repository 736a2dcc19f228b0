//! Every operation against httpmock, through the crate's own typed mock helpers: the page's example
//! body, every documented error status (answered by a loopback server that records what it got),
//! 204 without a body, forward compatibility (unknown enum values, extra fields), and a wrongly
//! typed body, which is an error and never a panic.

use httpmock::MockServer;
use hwcloud_core::RetryPolicy;
use hwcloud_dcs::mock::MockServerExt;
use hwcloud_dcs::{Client, Error, ResponseValue, types};
use hwcloud_tests::clients;
use hwcloud_tests::{response_examples, spec, statuses};
use serde_json::{Value, json};

const PROJECT_ID: &str = "a4d31cb6-3d72-4fdc-8ec9-6e3a41e47f71";
const INSTANCE_ID: &str = "5560df16-cebf-4473-95c4-d1b573c16e79";

/// A client of the server at `url` that takes every answer as it comes: retries are the core
/// crate's business (tested there).
fn client(url: &str) -> Client {
    clients::plain(Client::builder, url, PROJECT_ID, RetryPolicy::none())
}

fn example(operation: &str, status: &str) -> Value {
    response_examples(&spec("dcs"))
        .into_iter()
        .find(|e| e.operation == operation && e.status == status)
        .unwrap_or_else(|| panic!("specs/dcs.yaml has no {operation} {status} example"))
        .value
}

/// The error statuses `operation` documents.
fn documented(operation: &str) -> Vec<u16> {
    let (_, errors) = statuses(&spec("dcs"), operation);
    assert!(!errors.is_empty(), "{operation} documents no error status");
    errors
}

/// `ShowJobInfo` of job `j`, sent to `url`.
async fn show_job(url: &str) -> Result<ResponseValue<types::ShowJobInfoResponse>, Error> {
    client(url).show_job_info().job_id("j").send().await
}

#[tokio::test]
async fn execute_cluster_switchover_returns_the_job_id_of_the_page_example() {
    let server = MockServer::start_async().await;
    let mock = server.execute_cluster_switchover(|when, then| {
        when.project_id(PROJECT_ID)
            .instance_id("i")
            .group_id("g")
            .node_id("n");
        then.into_inner()
            .status(200)
            .json_body(example("ExecuteClusterSwitchover", "200"));
    });
    let response = client(&server.base_url())
        .execute_cluster_switchover()
        .instance_id("i")
        .group_id("g")
        .node_id("n")
        .send()
        .await
        .expect("success");
    assert_eq!(response.job_id, "8abf6e1e87bce0740187bd32748b0530");
    mock.assert();
}

#[tokio::test]
async fn change_master_standby_async_returns_the_job_id_of_the_page_example() {
    let server = MockServer::start_async().await;
    let mock = server.change_master_standby_async(|when, then| {
        when.instance_id(INSTANCE_ID);
        then.into_inner()
            .status(200)
            .json_body(example("ChangeMasterStandbyAsync", "200"));
    });
    let response = client(&server.base_url())
        .change_master_standby_async()
        .instance_id(INSTANCE_ID)
        .send()
        .await
        .expect("success");
    assert_eq!(response.job_id, "8abfa7aa88ad5aa50188aef7ec0936d1");
    mock.assert();
}

#[tokio::test]
async fn change_master_standby_answers_204_without_a_body() {
    let server = MockServer::start_async().await;
    let mock = server.change_master_standby(|when, then| {
        when.instance_id(INSTANCE_ID);
        then.no_content();
    });
    let response = client(&server.base_url())
        .change_master_standby()
        .instance_id(INSTANCE_ID)
        .send()
        .await
        .expect("success");
    assert_eq!(response.status().as_u16(), 204);
    mock.assert();
}

#[tokio::test]
async fn show_job_info_decodes_the_page_example() {
    let server = MockServer::start_async().await;
    let mock = server.show_job_info(|when, then| {
        when.job_id("ff8080818822bbf70188235afc24141a");
        then.into_inner()
            .status(200)
            .json_body(example("ShowJobInfo", "200"));
    });
    let info = client(&server.base_url())
        .show_job_info()
        .job_id("ff8080818822bbf70188235afc24141a")
        .send()
        .await
        .expect("success");
    assert_eq!(info.status, types::JobStatus::Success);
    assert_eq!(info.job_type, Some(types::JobType::MasterStandbySwapJob));
    assert_eq!(info.fail_reason, None);
    mock.assert();
}

#[tokio::test]
async fn show_job_info_tolerates_unknown_states_and_fields() {
    let server = MockServer::start_async().await;
    server.show_job_info(|when, then| {
        when.job_id("j");
        then.into_inner().status(200).json_body(json!({
            "job_id": "j",
            "status": "PAUSED",
            "job_type": "someFutureJob",
            "fail_resson": null,
            "progress": {"percent": 50}
        }));
    });
    let info = client(&server.base_url())
        .show_job_info()
        .job_id("j")
        .send()
        .await
        .expect("decodes");
    assert_eq!(info.status, types::JobStatus::Unknown("PAUSED".to_owned()));
    assert_eq!(info.status.to_string(), "PAUSED");
    assert!(!info.status.is_known());
    assert_eq!(
        info.job_type,
        Some(types::JobType::Unknown("someFutureJob".to_owned()))
    );
}

#[tokio::test]
async fn a_wrongly_typed_body_is_an_error_not_a_panic() {
    let server = MockServer::start_async().await;
    server.change_master_standby_async(|_, then| {
        then.into_inner()
            .status(200)
            .json_body(json!({ "job_id": 42 }));
    });
    server.show_job_info(|_, then| {
        then.into_inner().status(200).body("<html>gateway</html>");
    });
    let err = client(&server.base_url())
        .change_master_standby_async()
        .instance_id(INSTANCE_ID)
        .send()
        .await
        .expect_err("job_id is a number");
    assert!(matches!(err, Error::Decode { .. }), "{err:?}");
    let err = client(&server.base_url())
        .show_job_info()
        .job_id("j")
        .send()
        .await
        .expect_err("not JSON");
    assert!(matches!(err, Error::Decode { .. }), "{err:?}");
}

#[tokio::test]
async fn every_documented_error_status_is_a_typed_error() {
    let shard = async |url: &str| {
        let c = client(url);
        let shard = c.execute_cluster_switchover().instance_id("i");
        shard.group_id("g").node_id("n").send().await
    };
    let errors = documented("ExecuteClusterSwitchover");
    clients::assert_typed_errors("DCS", &errors, shard).await;
    let swap = async |url: &str| {
        let c = client(url);
        c.change_master_standby_async()
            .instance_id("i")
            .send()
            .await
    };
    let errors = documented("ChangeMasterStandbyAsync");
    clients::assert_typed_errors("DCS", &errors, swap).await;
    let sync_swap = async |url: &str| {
        let c = client(url);
        c.change_master_standby().instance_id("i").send().await
    };
    let errors = documented("ChangeMasterStandby");
    clients::assert_typed_errors("DCS", &errors, sync_swap).await;
    let errors = documented("ShowJobInfo");
    clients::assert_typed_errors("DCS", &errors, show_job).await;
}

#[tokio::test]
async fn an_undocumented_error_status_is_still_a_typed_error() {
    clients::assert_typed_errors("DCS", &[429, 502, 503], show_job).await;
}

#[tokio::test]
async fn mock_helpers_match_path_values_as_the_client_sends_them() {
    let server = MockServer::start_async().await;
    // `..%2Fx` on the wire; and a `.` in a value must not match any character.
    let odd = server.change_master_standby_async(|when, then| {
        when.instance_id("../x");
        then.ok(&types::ChangeMasterStandbyAsyncResponse {
            job_id: "odd".into(),
        });
    });
    let dotted = server.change_master_standby_async(|when, then| {
        when.instance_id("a.b");
        then.ok(&types::ChangeMasterStandbyAsyncResponse {
            job_id: "dotted".into(),
        });
    });
    let c = client(&server.base_url());
    let job = c
        .change_master_standby_async()
        .instance_id("../x")
        .send()
        .await;
    assert_eq!(job.expect("matched").job_id, "odd");
    let err = c
        .change_master_standby_async()
        .instance_id("aXb")
        .send()
        .await;
    assert!(err.is_err(), "`a.b` must not match `aXb`");
    let job = c
        .change_master_standby_async()
        .instance_id("a.b")
        .send()
        .await;
    assert_eq!(job.expect("matched").job_id, "dotted");
    odd.assert();
    dotted.assert();
    // `+` and `=` go out as `%2B` and `%3D`, as the official SDK sends them.
    let plus = server.change_master_standby_async(|when, then| {
        when.instance_id("grp+1=2");
        then.ok(&types::ChangeMasterStandbyAsyncResponse {
            job_id: "plus".into(),
        });
    });
    let job = c
        .change_master_standby_async()
        .instance_id("grp+1=2")
        .send()
        .await;
    assert_eq!(job.expect("matched").job_id, "plus");
    plus.assert();
}

#[tokio::test]
async fn list_group_replication_info_returns_the_shards_of_the_page_example() {
    let server = MockServer::start_async().await;
    let mock = server.list_group_replication_info(|when, then| {
        when.project_id(PROJECT_ID).instance_id(INSTANCE_ID);
        then.into_inner()
            .status(200)
            .json_body(example("ListGroupReplicationInfo", "200"));
    });
    let groups = client(&server.base_url())
        .list_group_replication_info()
        .instance_id(INSTANCE_ID)
        .send()
        .await
        .expect("success");
    assert_eq!(groups.group_count, Some(3));
    let first = &groups.group_list[0].replication_list;
    assert_eq!(
        first[0].replication_role,
        Some(types::ReplicationRole::Master)
    );
    assert_eq!(
        first[1].replication_role,
        Some(types::ReplicationRole::Slave)
    );
    assert_eq!(
        first[1].node_id.as_deref(),
        Some("8abfa7aa73291f15017329e1cdb0002e")
    );
    mock.assert();
}

#[tokio::test]
async fn show_instance_returns_the_cache_mode_and_the_task_of_the_mended_example() {
    let server = MockServer::start_async().await;
    let mock = server.show_instance(|when, then| {
        when.instance_id(INSTANCE_ID);
        then.into_inner()
            .status(200)
            .json_body(example("ShowInstance", "200"));
    });
    let instance = client(&server.base_url())
        .show_instance()
        .instance_id(INSTANCE_ID)
        .send()
        .await
        .expect("success");
    assert_eq!(instance.cache_mode, Some(types::CacheMode::Ha));
    assert_eq!(instance.status, "RUNNING");
    assert_eq!(instance.task, Some(json!("BACKUPING")));
    mock.assert();
}

#[tokio::test]
async fn list_background_task_reads_the_count_as_a_string_or_a_number() {
    for (count, expected) in [(json!("2"), "2"), (json!(2), "2")] {
        let server = MockServer::start_async().await;
        let mut body = example("ListBackgroundTask", "200");
        body["task_count"] = count;
        let mock = server.list_background_task(|when, then| {
            when.instance_id(INSTANCE_ID)
                .start_time("20200609160000")
                .limit(std::num::NonZeroU32::new(10));
            then.into_inner().status(200).json_body(body.clone());
        });
        let tasks = client(&server.base_url())
            .list_background_task()
            .instance_id(INSTANCE_ID)
            .start_time("20200609160000")
            .limit(10)
            .send()
            .await
            .expect("success");
        assert_eq!(tasks.task_count.as_ref().unwrap().to_string(), expected);
        assert_eq!(tasks.tasks[0].name.as_deref(), Some("EXTEND"));
        mock.assert();
    }
}
