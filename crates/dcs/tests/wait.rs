//! The job waiter and `send_and_wait`, against scripted answers, in virtual time: a job that takes
//! minutes is followed in milliseconds.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures_util::StreamExt;
use hwcloud_core::wait::{PollPolicy, VirtualTimer, WaitError};
use hwcloud_core::{ErrorKind, Performed};
use hwcloud_dcs::types::{JobStatus, ShowJobInfoResponse};
use hwcloud_dcs::{Client, JobWaitError};
use hwcloud_tests::{Reply, ScriptedServer, waiting};

const PROJECT_ID: &str = "0123456789abcdef0123456789abcdef";
const INSTANCE_ID: &str = "5560df16-cebf-4473-95c4-d1b573c16e79";
const JOB_ID: &str = "ff80808288a7ea6b0188a8d3e0b50c37";

fn job(status: &str) -> Reply {
    Reply::json(
        200,
        &format!(
            r#"{{"job_id":"{JOB_ID}","job_type":"masterStandbySwap","status":"{status}","begin_time":"1687000000000","end_time":null,"fail_reason":null}}"#
        ),
    )
}

fn failed_job(reason: &str) -> Reply {
    Reply::json(
        200,
        &format!(r#"{{"job_id":"{JOB_ID}","status":"FAIL","fail_reason":"{reason}"}}"#),
    )
}

fn error(status: u16, code: &str) -> Reply {
    Reply::json(
        status,
        &format!(r#"{{"error_code":"{code}","error_msg":"no"}}"#),
    )
}

/// `ListGroupReplicationInfo` of a master/standby instance: `master` is the master's node id.
fn roles(master: &str) -> Reply {
    let role = |node: &str| if node == master { "master" } else { "slave" };
    Reply::json(
        200,
        &format!(
            r#"{{"group_count":1,"group_list":[{{"group_id":"g-1","replication_list":[
                {{"node_id":"n-1","replication_role":"{}"}},
                {{"node_id":"n-2","replication_role":"{}"}}]}}]}}"#,
            role("n-1"),
            role("n-2")
        ),
    )
}

/// `ListBackgroundTask` before a switchover: an earlier one (what evidence of a lost answer is
/// looked for against).
fn tasks() -> Reply {
    Reply::json(
        200,
        r#"{"task_count":"1","tasks":[{"id":"t-old","name":"masterStandbySwapJob","status":"SUCCESS"}]}"#,
    )
}

fn client(server: &ScriptedServer) -> Client {
    waiting::fast_client(Client::builder, &server.url(), PROJECT_ID)
}

fn policy(timer: &VirtualTimer) -> PollPolicy {
    waiting::virtual_policy(timer, Duration::from_secs(600))
}

/// Waits for job [`JOB_ID`] against a server answering with `script`, in virtual time: what the
/// waiter ended with, and the server (for what it was sent).
async fn wait_through(
    script: Vec<Reply>,
) -> (Result<ShowJobInfoResponse, JobWaitError>, ScriptedServer) {
    let server = ScriptedServer::start(script).await;
    let timer = VirtualTimer::new();
    let outcome = client(&server)
        .wait_for_job(JOB_ID)
        .policy(policy(&timer))
        .await;
    (outcome, server)
}

fn paths(server: &ScriptedServer) -> Vec<String> {
    server
        .requests()
        .iter()
        .map(|r| format!("{} {}", r.method, r.target))
        .collect()
}

#[tokio::test]
async fn send_and_wait_sends_once_and_follows_init_running_success() {
    let server = ScriptedServer::start(vec![
        tasks(),
        roles("n-1"),
        Reply::json(200, &format!(r#"{{"job_id":"{JOB_ID}"}}"#)),
        job("INIT"),
        job("RUNNING"),
        job("RUNNING"),
        job("SUCCESS"),
        roles("n-2"),
    ])
    .await;
    let timer = VirtualTimer::new();
    let done = client(&server)
        .change_master_standby_async()
        .instance_id(INSTANCE_ID)
        .send_and_wait_with(policy(&timer))
        .await
        .expect("the job succeeds and the old master is slave");
    assert_eq!(done.status, JobStatus::Success);
    assert_eq!(done.job_id, JOB_ID);
    let sent = paths(&server);
    let groups = format!("GET /v2/{PROJECT_ID}/instance/{INSTANCE_ID}/groups");
    assert!(
        sent[0].starts_with(&format!(
            "GET /v2/{PROJECT_ID}/instances/{INSTANCE_ID}/tasks?"
        )),
        "the background tasks are listed before sending: {sent:?}"
    );
    assert_eq!(sent[1], groups, "the roles are read before sending");
    assert_eq!(
        sent[2],
        format!("PUT /v2/{PROJECT_ID}/instances/{INSTANCE_ID}/async-swap")
    );
    assert_eq!(sent.len(), 8, "{sent:?}");
    assert_eq!(sent[7], groups, "and read again to prove the switchover");
    assert!(
        sent[3..7]
            .iter()
            .all(|p| *p == format!("GET /v2/{PROJECT_ID}/jobs/{JOB_ID}")),
        "{sent:?}"
    );
    assert!(
        timer.elapsed() >= Duration::from_secs(2),
        "it waited between polls"
    );
}

#[tokio::test]
async fn every_change_is_reported_once_including_unknown_states() {
    let server = ScriptedServer::start(vec![
        job("INIT"),
        job("QUEUED_FOR_SWAP"),
        job("QUEUED_FOR_SWAP"),
        job("RUNNING"),
        job("SUCCESS"),
    ])
    .await;
    let timer = VirtualTimer::new();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let record = Arc::clone(&seen);
    let dcs = client(&server);
    let done = dcs
        .wait_for_job(JOB_ID)
        .policy(policy(&timer))
        .on_change(move |job| record.lock().unwrap().push(job.status.to_string()))
        .await
        .expect("succeeds");
    assert_eq!(done.status, JobStatus::Success);
    assert_eq!(
        *seen.lock().unwrap(),
        ["INIT", "QUEUED_FOR_SWAP", "RUNNING", "SUCCESS"]
    );
}

#[tokio::test]
async fn the_stream_yields_every_change_then_ends() {
    let server = ScriptedServer::start(vec![job("INIT"), job("RUNNING"), job("SUCCESS")]).await;
    let timer = VirtualTimer::new();
    let dcs = client(&server);
    let states: Vec<_> = dcs
        .wait_for_job(JOB_ID)
        .policy(policy(&timer))
        .stream()
        .map(|item| item.expect("no error").status)
        .collect()
        .await;
    assert_eq!(
        states,
        [JobStatus::Init, JobStatus::Running, JobStatus::Success]
    );
}

#[tokio::test]
async fn a_failed_job_ends_the_wait_with_its_reason() {
    let (outcome, _server) = wait_through(vec![
        job("RUNNING"),
        failed_job("The standby node is abnormal."),
    ])
    .await;
    let err = outcome.expect_err("the job failed");
    match &err {
        WaitError::Failed(job) => {
            assert_eq!(job.status, JobStatus::Fail);
            assert_eq!(
                job.fail_reason.as_deref(),
                Some("The standby node is abnormal.")
            );
        }
        other => panic!("{other:?}"),
    }
    assert!(err.may_have_been_performed());
}

#[tokio::test]
async fn the_deadline_passes_while_running() {
    let server = ScriptedServer::start(vec![job("INIT"), job("RUNNING")]).await;
    let timer = VirtualTimer::new();
    let err = client(&server)
        .wait_for_job(JOB_ID)
        .policy(policy(&timer))
        .deadline(Duration::from_secs(10 * 60))
        .await
        .expect_err("never ends");
    match err {
        WaitError::Deadline { last, waited, .. } => {
            assert_eq!(last.expect("a state was seen").status, JobStatus::Running);
            assert_eq!(waited, Duration::from_secs(600));
        }
        other => panic!("{other:?}"),
    }
    // Ten virtual minutes at up to 10 s between polls: dozens of polls, not thousands.
    let polls = server.requests().len();
    assert!((60..=700).contains(&polls), "{polls} polls");
}

#[tokio::test]
async fn a_job_that_appears_late_is_waited_for() {
    let (outcome, _server) = wait_through(vec![
        error(404, "DCS.4133"),
        error(404, "DCS.4133"),
        job("RUNNING"),
        job("SUCCESS"),
    ])
    .await;
    let done = outcome.expect("found after two 404s");
    assert_eq!(done.status, JobStatus::Success);
}

#[tokio::test]
async fn a_job_that_never_appears_stops_the_wait() {
    let (outcome, server) = wait_through(vec![error(404, "DCS.4133")]).await;
    let err = outcome.expect_err("not found");
    match err {
        WaitError::Poll(e) => assert_eq!(e.status().map(|s| s.as_u16()), Some(404)),
        other => panic!("{other:?}"),
    }
    // The first poll and the five tolerated ones.
    assert_eq!(server.requests().len(), 6);
}

#[tokio::test]
async fn a_503_while_polling_is_retried() {
    let (outcome, server) = wait_through(vec![
        job("RUNNING"),
        error(503, "APIGW.0503"),
        job("SUCCESS"),
    ])
    .await;
    let done = outcome.expect("the 503 is retried");
    assert_eq!(done.status, JobStatus::Success);
    assert_eq!(server.requests().len(), 3);
}

#[tokio::test]
async fn a_401_while_polling_stops_at_once() {
    let (outcome, server) = wait_through(vec![
        job("RUNNING"),
        error(401, "APIGW.0301"),
        job("SUCCESS"),
    ])
    .await;
    let err = outcome.expect_err("401");
    match &err {
        WaitError::Poll(e) => {
            assert_eq!(e.status().map(|s| s.as_u16()), Some(401));
            assert_eq!(
                e.service_error().and_then(|s| s.error_code.as_deref()),
                Some("APIGW.0301")
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(server.requests().len(), 2, "no poll after the 401");
}

#[tokio::test]
async fn a_switchover_lost_on_the_way_is_not_sent_again_and_says_so() {
    // The connection closes after the request was read: it may have been performed.
    let server = ScriptedServer::start(vec![tasks(), Reply::Close, job("SUCCESS")]).await;
    let timer = VirtualTimer::new();
    let err = client(&server)
        .execute_cluster_switchover()
        .instance_id(INSTANCE_ID)
        .group_id("g-1")
        .node_id("n-2")
        .send_and_wait_with(policy(&timer))
        .await
        .expect_err("no answer");
    match &err {
        WaitError::Lost { error, resume } => {
            assert_eq!(error.kind(), ErrorKind::MaybeSent);
            // What resolving it by evidence needs: the switchovers listed before it was sent.
            assert_eq!(resume.operation, "ExecuteClusterSwitchover");
            assert_eq!(resume.params["node_id"], "n-2");
            let records = resume.before.records.as_ref().expect("listed");
            assert!(records.contains("t-old"), "{records:?}");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(err.performed(), Performed::Maybe);
    assert_eq!(server.requests().len(), 2, "listed, then sent exactly once");
}

#[tokio::test]
async fn a_refused_switchover_is_not_followed() {
    let server = ScriptedServer::start(vec![tasks(), roles("n-1"), error(400, "DCS.4917")]).await;
    let timer = VirtualTimer::new();
    let err = client(&server)
        .change_master_standby_async()
        .instance_id(INSTANCE_ID)
        .send_and_wait_with(policy(&timer))
        .await
        .expect_err("refused");
    assert!(matches!(&err, WaitError::Start(e) if e.kind() == ErrorKind::Service));
    assert_eq!(err.performed(), Performed::No);
    assert_eq!(
        server.requests().len(),
        3,
        "the tasks and the roles, then the refused swap"
    );
}

#[tokio::test]
async fn a_job_success_the_roles_contradict_is_not_success() {
    let server = ScriptedServer::start(vec![
        tasks(),
        roles("n-1"),
        Reply::json(200, &format!(r#"{{"job_id":"{JOB_ID}"}}"#)),
        job("SUCCESS"),
        roles("n-1"),
    ])
    .await;
    let timer = VirtualTimer::new();
    let err = client(&server)
        .change_master_standby_async()
        .instance_id(INSTANCE_ID)
        .send_and_wait_with(policy(&timer))
        .await
        .expect_err("the roles did not change");
    match &err {
        WaitError::Contradicted { state, why } => {
            assert_eq!(state.status, JobStatus::Success);
            assert!(
                why.contains("node_id n-1 is still replication_role master"),
                "{why}"
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(err.performed(), Performed::Maybe);
    let swaps = paths(&server)
        .iter()
        .filter(|p| p.starts_with("PUT"))
        .count();
    assert_eq!(swaps, 1);
}

#[tokio::test]
async fn a_cluster_switchover_is_proven_by_the_promoted_replica() {
    let switch = |after: &str| {
        vec![
            tasks(),
            Reply::json(200, &format!(r#"{{"job_id":"{JOB_ID}"}}"#)),
            job("SUCCESS"),
            roles(after),
        ]
    };
    for (after, proven) in [("n-2", true), ("n-1", false)] {
        let server = ScriptedServer::start(switch(after)).await;
        let timer = VirtualTimer::new();
        let outcome = client(&server)
            .execute_cluster_switchover()
            .instance_id(INSTANCE_ID)
            .group_id("g-1")
            .node_id("n-2")
            .send_and_wait_with(policy(&timer))
            .await;
        match outcome {
            Ok(job) => assert!(proven, "{job:?}"),
            Err(WaitError::Contradicted { why, .. }) => {
                assert!(!proven);
                assert!(
                    why.contains("node_id n-2 is still replication_role slave"),
                    "{why}"
                );
            }
            Err(other) => panic!("{other:?}"),
        }
    }
}

#[tokio::test]
async fn a_busy_instance_refuses_and_nothing_is_performed() {
    let server = ScriptedServer::start(vec![tasks(), roles("n-1"), error(400, "DCS.4049")]).await;
    let timer = VirtualTimer::new();
    let err = client(&server)
        .change_master_standby_async()
        .instance_id(INSTANCE_ID)
        .send_and_wait_with(policy(&timer))
        .await
        .expect_err("busy");
    assert!(matches!(&err, WaitError::Busy(e) if e.status().map(|s| s.as_u16()) == Some(400)));
    assert_eq!(err.performed(), Performed::No);
    assert_eq!(server.requests().len(), 3);
}

#[tokio::test]
async fn retry_while_busy_sends_again_only_after_busy_refusals() {
    let server = ScriptedServer::start(vec![
        tasks(),
        roles("n-1"),
        error(400, "DCS.4096"),
        error(400, "DCS.4856"),
        Reply::json(200, &format!(r#"{{"job_id":"{JOB_ID}"}}"#)),
        job("SUCCESS"),
        roles("n-2"),
    ])
    .await;
    let timer = VirtualTimer::new();
    client(&server)
        .change_master_standby_async()
        .instance_id(INSTANCE_ID)
        .send_and_wait_with(policy(&timer))
        .retry_while_busy(Duration::from_secs(120))
        .await
        .expect("sent again once idle");
    let swaps = paths(&server)
        .iter()
        .filter(|p| p.starts_with("PUT"))
        .count();
    assert_eq!(swaps, 3, "two busy refusals, then the one that was taken");
}
