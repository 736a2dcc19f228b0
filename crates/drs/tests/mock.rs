//! Every operation against httpmock, through the crate's own typed mock helpers: the page's example
//! body, every documented error status (answered by a loopback server that records what it got),
//! forward compatibility (unknown enum values, extra fields), and a wrongly typed body, which is an
//! error and never a panic.

use httpmock::MockServer;
use hwcloud_core::RetryPolicy;
use hwcloud_drs::mock::MockServerExt;
use hwcloud_drs::types::{
    ShowSwitchVipStatusResponse, SwitchVipProgress, SwitchVipRequestBody, SwitchVipResponse,
    SwitchVipStatus, SwitchoverMode,
};
use hwcloud_drs::{Client, Error, ResponseValue};
use hwcloud_tests::clients;
use hwcloud_tests::{response_examples, spec, statuses};
use serde_json::json;

const PROJECT_ID: &str = "054ba152d480d55b2f5dc0069e7ddef0";
const JOB_ID: &str = "8c81a12f-2581-4424-a3ab-70ed874jb201";

/// A client of the server at `url` that takes every answer as it comes: retries are the core
/// crate's business (tested there).
fn client(url: &str) -> Client {
    clients::plain(Client::builder, url, PROJECT_ID, RetryPolicy::none())
}

fn source() -> SwitchVipRequestBody {
    SwitchVipRequestBody {
        mode: SwitchoverMode::Source,
    }
}

/// `SwitchVip` of [`JOB_ID`] to the source, sent to `url`.
async fn switch(url: &str) -> Result<ResponseValue<SwitchVipResponse>, Error> {
    client(url)
        .switch_vip()
        .job_id(JOB_ID)
        .body(source())
        .send()
        .await
}

/// `ShowSwitchVipStatus` of [`JOB_ID`], sent to `url`.
async fn vip_state(url: &str) -> Result<ResponseValue<ShowSwitchVipStatusResponse>, Error> {
    client(url)
        .show_switch_vip_status()
        .job_id(JOB_ID)
        .send()
        .await
}

#[tokio::test]
async fn switch_vip_sends_the_mode_and_decodes_the_page_example() {
    let example = response_examples(&spec("drs"))
        .into_iter()
        .find(|e| e.operation == "SwitchVip" && e.status == "202")
        .expect("a 202 example")
        .value;
    let server = MockServer::start_async().await;
    let mock = server.switch_vip(|when, then| {
        when.project_id(PROJECT_ID).job_id(JOB_ID).body(&source());
        then.into_inner().status(202).json_body(example);
    });
    let outcome = switch(&server.base_url()).await.expect("accepted");
    assert_eq!(outcome.status().as_u16(), 202);
    assert_eq!(outcome.id, JOB_ID);
    assert_eq!(outcome.status, SwitchVipStatus::Success);
    assert_eq!(outcome.error_code, None);
    mock.assert();
}

#[tokio::test]
async fn switch_vip_tolerates_unknown_states_and_fields() {
    let server = MockServer::start_async().await;
    server.switch_vip(|_, then| {
        then.into_inner().status(202).json_body(json!({
            "id": JOB_ID,
            "status": "pending",
            "error_code": "DRS.X",
            "error_msg": "later",
            "trace": [1, 2]
        }));
    });
    let outcome = switch(&server.base_url()).await;
    let outcome = outcome.expect("decodes");
    assert_eq!(
        outcome.status,
        SwitchVipStatus::Unknown("pending".to_owned())
    );
    assert_eq!(outcome.error_msg.as_deref(), Some("later"));
}

#[tokio::test]
async fn a_wrongly_typed_body_is_an_error_not_a_panic() {
    let server = MockServer::start_async().await;
    server.switch_vip(|_, then| {
        then.into_inner()
            .status(202)
            .json_body(json!({ "id": ["x"], "status": "success" }));
    });
    let err = switch(&server.base_url()).await.expect_err("id is a list");
    assert!(matches!(err, Error::Decode { .. }), "{err:?}");
}

#[tokio::test]
async fn every_documented_error_status_is_a_typed_error() {
    let (_, errors) = statuses(&spec("drs"), "SwitchVip");
    assert!(!errors.is_empty(), "SwitchVip documents no error status");
    clients::assert_typed_errors("DRS", &errors, switch).await;
}

#[tokio::test]
async fn show_switch_vip_status_decodes_the_page_example_and_unknown_states() {
    let example = response_examples(&spec("drs"))
        .into_iter()
        .find(|e| e.operation == "ShowSwitchVipStatus" && e.status == "200")
        .expect("a 200 example")
        .value;
    let server = MockServer::start_async().await;
    let mut mock = server.show_switch_vip_status(|when, then| {
        when.project_id(PROJECT_ID).job_id(JOB_ID);
        then.ok(&serde_json::from_value(example).expect("the example fits the type"));
    });
    let state = vip_state(&server.base_url()).await.expect("decodes");
    assert_eq!(state.status, SwitchVipProgress::SwitchVipComplete);
    mock.assert();
    mock.delete();

    server.show_switch_vip_status(|_, then| {
        then.into_inner().status(200).json_body(json!({
            "id": JOB_ID,
            "status": "SWITCH_VIP_ROLLING_BACK",
            "error_code": "DRS.M0001",
            "error_msg": "rolling back"
        }));
    });
    let state = vip_state(&server.base_url()).await.expect("decodes");
    assert_eq!(
        state.status,
        SwitchVipProgress::Unknown("SWITCH_VIP_ROLLING_BACK".to_owned())
    );
    assert_eq!(state.error_code.as_deref(), Some("DRS.M0001"));
}

#[tokio::test]
async fn show_switch_vip_status_errors_are_typed() {
    let server = MockServer::start_async().await;
    server.show_switch_vip_status(|_, then| {
        then.into_inner().status(400).json_body(json!({
            "error_code": "DRS.10000010",
            "error_msg": "The job does not exist."
        }));
    });
    let err = vip_state(&server.base_url()).await.expect_err("400");
    let err = err;
    let service = err.service_error().expect("a service error");
    assert_eq!(service.status.as_u16(), 400);
    assert_eq!(service.error_code.as_deref(), Some("DRS.10000010"));
}

#[tokio::test]
async fn batch_list_job_details_decodes_the_page_example() {
    use hwcloud_drs::types::{BatchQueryJobReqPage, PageReq};
    let example = response_examples(&spec("drs"))
        .into_iter()
        .find(|e| e.operation == "BatchListJobDetails" && e.status == "200")
        .expect("an example")
        .value;
    let body = BatchQueryJobReqPage {
        jobs: vec!["24834eb6-be30-464e-a299-f7aa730jb101".into()],
        page_req: Some(PageReq {
            cur_page: Some(1),
            per_page: Some(10),
        }),
    };
    let server = MockServer::start_async().await;
    let mock = server.batch_list_job_details(|when, then| {
        when.project_id(PROJECT_ID).body(&body);
        then.into_inner().status(200).json_body(example);
    });
    let jobs = client(&server.base_url())
        .batch_list_job_details()
        .body(body.clone())
        .send()
        .await
        .expect("success");
    assert_eq!(jobs.count, Some(2));
    assert_eq!(
        jobs.results[0].id.as_deref(),
        Some("24834eb6-be30-464e-a299-f7aa730jb101")
    );
    mock.assert();
    // `node_num` as the page (a string) or the SDK (an integer) gives it.
    for node_num in [json!("2"), json!(2)] {
        let server = MockServer::start_async().await;
        let answer = json!({"count": 1, "results": [{"id": "j", "node_num": node_num}]});
        server.batch_list_job_details(|when, then| {
            when.project_id(PROJECT_ID);
            then.into_inner().status(200).json_body(answer.clone());
        });
        let jobs = client(&server.base_url())
            .batch_list_job_details()
            .body(body.clone())
            .send()
            .await
            .expect("success");
        assert_eq!(jobs.results[0].node_num.as_ref().unwrap().to_string(), "2");
    }
}
