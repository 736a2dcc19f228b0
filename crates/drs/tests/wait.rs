//! The virtual IP switchover waiter and `send_and_wait`, against scripted answers, in virtual time.

use std::time::Duration;

use hwcloud_core::wait::{PollPolicy, VirtualTimer, WaitError};
use hwcloud_core::{ErrorKind, Performed};
use hwcloud_drs::types::{
    ShowSwitchVipStatusResponse, SwitchVipProgress, SwitchVipRequestBody, SwitchoverMode,
};
use hwcloud_drs::{Client, SwitchVipWaitError};
use hwcloud_tests::{Reply, ScriptedServer, waiting};

const PROJECT_ID: &str = "054ba152d480d55b2f5dc0069e7ddef0";
const JOB_ID: &str = "260e27fd-4976-44dc-9948-e1265e4jb201";

fn state(status: &str) -> Reply {
    Reply::json(200, &format!(r#"{{"id":"{JOB_ID}","status":"{status}"}}"#))
}

fn client(server: &ScriptedServer) -> Client {
    waiting::fast_client(Client::builder, &server.url(), PROJECT_ID)
}

fn policy(timer: &VirtualTimer) -> PollPolicy {
    waiting::virtual_policy(timer, Duration::from_secs(300))
}

fn source() -> SwitchVipRequestBody {
    SwitchVipRequestBody {
        mode: SwitchoverMode::Source,
    }
}

type Outcome = Result<ShowSwitchVipStatusResponse, SwitchVipWaitError>;

/// Switches the virtual IP of [`JOB_ID`] and waits, against a server answering with `script`, in
/// virtual time: what it ended with, and the server (for what it was sent).
async fn switch_through(script: Vec<Reply>) -> (Outcome, ScriptedServer) {
    let server = ScriptedServer::start(script).await;
    let timer = VirtualTimer::new();
    let drs = client(&server);
    let switch = drs.switch_vip().job_id(JOB_ID).body(source());
    (switch.send_and_wait_with(policy(&timer)).await, server)
}

/// Waits for the switchover of [`JOB_ID`] against a server answering with `script`, in virtual
/// time: what the waiter ended with.
async fn wait_through(script: Vec<Reply>) -> Outcome {
    let server = ScriptedServer::start(script).await;
    let timer = VirtualTimer::new();
    let drs = client(&server);
    drs.wait_for_switch_vip(JOB_ID).policy(policy(&timer)).await
}

#[tokio::test]
async fn send_and_wait_sends_once_and_polls_until_complete() {
    let (outcome, server) = switch_through(vec![
        // The baseline: the previous switchover's outcome.
        state("SWITCH_VIP_COMPLETE"),
        Reply::json(202, &format!(r#"{{"id":"{JOB_ID}","status":"success"}}"#)),
        state("SWITCH_VIP_START"),
        state("SWITCH_VIP_START"),
        state("SWITCH_VIP_COMPLETE"),
    ])
    .await;
    let done = outcome.expect("completes");
    assert_eq!(done.status, SwitchVipProgress::SwitchVipComplete);
    let sent: Vec<String> = server
        .requests()
        .iter()
        .map(|r| format!("{} {}", r.method, r.target))
        .collect();
    assert_eq!(
        sent,
        [
            format!("GET /v3/{PROJECT_ID}/jobs/{JOB_ID}/get-switch-vip-status"),
            format!("POST /v3/{PROJECT_ID}/jobs/{JOB_ID}/switch-vip"),
            format!("GET /v3/{PROJECT_ID}/jobs/{JOB_ID}/get-switch-vip-status"),
            format!("GET /v3/{PROJECT_ID}/jobs/{JOB_ID}/get-switch-vip-status"),
            format!("GET /v3/{PROJECT_ID}/jobs/{JOB_ID}/get-switch-vip-status"),
        ]
    );
}

#[tokio::test]
async fn a_failed_switchover_carries_its_error() {
    let outcome = wait_through(vec![
        state("SWITCH_VIP_START"),
        Reply::json(
            200,
            &format!(
                r#"{{"id":"{JOB_ID}","status":"SWITCH_VIP_FAILED","error_code":"DRS.M05004","error_msg":"vip unreachable"}}"#
            ),
        ),
    ])
    .await;
    let err = outcome.expect_err("failed");
    match err {
        WaitError::Failed(state) => {
            assert_eq!(state.error_code.as_deref(), Some("DRS.M05004"));
            assert_eq!(state.error_msg.as_deref(), Some("vip unreachable"));
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn unknown_states_keep_it_polling_until_the_deadline() {
    let outcome = wait_through(vec![state("SWITCH_VIP_QUEUED")]).await;
    let err = outcome.expect_err("never ends");
    match err {
        WaitError::Deadline { last, .. } => assert_eq!(
            last.expect("seen").status,
            SwitchVipProgress::Unknown("SWITCH_VIP_QUEUED".into())
        ),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn a_request_the_service_did_not_accept_is_not_followed() {
    let (outcome, server) = switch_through(vec![
        state("SWITCH_VIP_COMPLETE"),
        Reply::json(
            202,
            &format!(r#"{{"id":"{JOB_ID}","status":"failed","error_code":"DRS.M00289","error_msg":"not dual vip"}}"#),
        ),
    ])
    .await;
    let err = outcome.expect_err("rejected");
    match &err {
        WaitError::Rejected(why) => assert!(why.contains("DRS.M00289"), "{why}"),
        other => panic!("{other:?}"),
    }
    assert_eq!(err.performed(), Performed::No);
    assert_eq!(
        server.requests().len(),
        2,
        "the baseline and the switchover, nothing after"
    );
}

#[tokio::test]
async fn a_503_on_the_switchover_is_never_repeated() {
    let (outcome, server) = switch_through(vec![
        state("SWITCH_VIP_FAILED"),
        Reply::json(503, r#"{"error_code":"APIGW.0503","error_msg":"busy"}"#),
        state("SWITCH_VIP_COMPLETE"),
    ])
    .await;
    let err = outcome.expect_err("503");
    match &err {
        WaitError::Lost { error, resume } => {
            assert_eq!(error.kind(), ErrorKind::Service);
            // What resolving it needs: the status before it was sent.
            assert_eq!(resume.before.state.as_deref(), Some("SWITCH_VIP_FAILED"));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(err.performed(), Performed::Maybe, "a 5xx leaves it unknown");
    let posts = server
        .requests()
        .iter()
        .filter(|r| r.method == "POST")
        .count();
    assert_eq!(posts, 1, "a switchover is sent once");
    assert_eq!(
        server.requests().len(),
        2,
        "nothing is polled after a failed start"
    );
}

#[tokio::test]
async fn a_status_that_never_leaves_its_baseline_is_no_evidence() {
    // The previous switchover completed; this one's status never shows: every poll reports the
    // previous outcome (the script's last answer repeats).
    let (outcome, server) = switch_through(vec![
        state("SWITCH_VIP_COMPLETE"),
        Reply::json(202, &format!(r#"{{"id":"{JOB_ID}","status":"success"}}"#)),
        state("SWITCH_VIP_COMPLETE"),
    ])
    .await;
    let err = outcome.expect_err("never proven");
    match &err {
        WaitError::NoEvidence { last, .. } => assert_eq!(
            last.as_ref().expect("seen").status,
            SwitchVipProgress::SwitchVipComplete
        ),
        other => panic!("{other:?}"),
    }
    assert_eq!(err.performed(), Performed::Maybe);
    let posts = server
        .requests()
        .iter()
        .filter(|r| r.method == "POST")
        .count();
    assert_eq!(posts, 1);
}

#[tokio::test]
async fn a_previous_outcome_for_a_few_polls_then_the_new_one_counts() {
    // The status reports the previous failure for two polls, then this switchover's completion.
    let (outcome, _server) = switch_through(vec![
        state("SWITCH_VIP_FAILED"),
        Reply::json(202, &format!(r#"{{"id":"{JOB_ID}","status":"success"}}"#)),
        state("SWITCH_VIP_FAILED"),
        state("SWITCH_VIP_FAILED"),
        state("SWITCH_VIP_COMPLETE"),
    ])
    .await;
    let done = outcome.expect("the status left its baseline: a change is evidence");
    assert_eq!(done.status, SwitchVipProgress::SwitchVipComplete);
}
