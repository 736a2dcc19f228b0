//! Every operation against httpmock, through the crate's own typed mock helpers: the page's
//! example body, every documented error status, 204 without a body, forward compatibility (unknown
//! enum values, extra fields), and a wrongly typed body, which is an error and never a panic.

use httpmock::MockServer;
use hwcloud_core::{Context, RetryPolicy};
use hwcloud_dcs::mock::MockServerExt;
use hwcloud_dcs::{Client, Error, types};
use hwcloud_tests::{response_examples, spec, statuses};
use serde_json::{Value, json};

const PROJECT_ID: &str = "a4d31cb6-3d72-4fdc-8ec9-6e3a41e47f71";
const INSTANCE_ID: &str = "5560df16-cebf-4473-95c4-d1b573c16e79";

fn client(server: &MockServer) -> Client {
    // Retries are the core crate's business (tested there); here every answer is taken as it comes.
    let context = Context::unauthenticated()
        .with_project_id(PROJECT_ID)
        .with_retry(RetryPolicy::none());
    Client::new(&server.base_url(), context)
}

fn example(operation: &str, status: &str) -> Value {
    response_examples(&spec("dcs"))
        .into_iter()
        .find(|e| e.operation == operation && e.status == status)
        .unwrap_or_else(|| panic!("specs/dcs.yaml has no {operation} {status} example"))
        .value
}

fn error_body(status: u16) -> Value {
    json!({ "error_code": format!("DCS.{status}"), "error_msg": format!("failed with {status}"), "error_ext_msg": null })
}

fn assert_typed_error<T: std::fmt::Debug>(
    result: Result<T, Error<types::ErrorResponse>>,
    status: u16,
) {
    match result {
        Err(Error::ErrorResponse(response)) => {
            assert_eq!(response.status().as_u16(), status);
            let expected = format!("DCS.{status}");
            assert_eq!(
                response.error_code.as_deref(),
                Some(expected.as_str()),
                "error_code"
            );
            let expected = format!("failed with {status}");
            assert_eq!(
                response.error_msg.as_deref(),
                Some(expected.as_str()),
                "error_msg"
            );
        }
        other => panic!("status {status}: expected a typed error response, got {other:?}"),
    }
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
    let response = client(&server)
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
    let response = client(&server)
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
    let response = client(&server)
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
    let info = client(&server)
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
    let info = client(&server)
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
    let err = client(&server)
        .change_master_standby_async()
        .instance_id(INSTANCE_ID)
        .send()
        .await
        .expect_err("job_id is a number");
    assert!(matches!(err, Error::InvalidResponsePayload(..)), "{err:?}");
    let err = client(&server)
        .show_job_info()
        .job_id("j")
        .send()
        .await
        .expect_err("not JSON");
    assert!(matches!(err, Error::InvalidResponsePayload(..)), "{err:?}");
}

#[tokio::test]
async fn every_documented_error_status_is_a_typed_error() {
    let dcs = spec("dcs");
    let server = MockServer::start_async().await;
    let c = client(&server);
    let operations = [
        "ExecuteClusterSwitchover",
        "ChangeMasterStandbyAsync",
        "ChangeMasterStandby",
        "ShowJobInfo",
    ];
    for operation in operations {
        let (_, errors) = statuses(&dcs, operation);
        assert!(!errors.is_empty(), "{operation} documents no error status");
        for status in errors {
            let mut mock = server.mock(|when, then| {
                when.any_request();
                then.status(status).json_body(error_body(status));
            });
            match operation {
                "ExecuteClusterSwitchover" => assert_typed_error(
                    c.execute_cluster_switchover()
                        .instance_id("i")
                        .group_id("g")
                        .node_id("n")
                        .send()
                        .await,
                    status,
                ),
                "ChangeMasterStandbyAsync" => assert_typed_error(
                    c.change_master_standby_async()
                        .instance_id("i")
                        .send()
                        .await,
                    status,
                ),
                "ChangeMasterStandby" => assert_typed_error(
                    c.change_master_standby().instance_id("i").send().await,
                    status,
                ),
                "ShowJobInfo" => {
                    assert_typed_error(c.show_job_info().job_id("j").send().await, status)
                }
                other => unreachable!("{other}"),
            }
            mock.assert();
            mock.delete();
        }
    }
}

#[tokio::test]
async fn an_undocumented_error_status_is_still_a_typed_error() {
    let server = MockServer::start_async().await;
    let c = client(&server);
    for status in [429u16, 502, 503] {
        let mut mock = server.mock(|when, then| {
            when.any_request();
            then.status(status).json_body(error_body(status));
        });
        assert_typed_error(c.show_job_info().job_id("j").send().await, status);
        mock.delete();
    }
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
    let c = client(&server);
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
