//! Faults, and the ground truth that shows what they did: a switchover whose connection is reset
//! after it was performed is reported `MaybeSent` by the client, never repeated, and counted once by
//! the simulator; one reset before is never performed; 5xx/429 on a job query are retried until it
//! succeeds; HTML pages, truncated and slow bodies, latency; faults from the scenario and from the
//! admin endpoint.

mod sim_support;

use std::time::{Duration, Instant};

use hwcloud_core::{Error, ErrorKind};
use hwcloud_dcs::types::JobStatus;
use hwcloud_drs::types::SwitchoverMode;
use hwcloud_sim::{Fault, FaultKind, Scenario, SimHandle};
use hwcloud_tests::clients::{answer_of, error_of, outcome};
use serde_json::{Value, json};
use sim_support::*;

/// Starts every switchover of [`SWITCHOVERS`] once; the outcome of each, by operation.
async fn every_switchover(sim: &SimHandle) -> Vec<(&'static str, Result<(), Error>)> {
    let info = sim.info().dcs.clone();
    let (dcs, drs) = (dcs(sim, &sha256()), drs(sim, &sha256()));
    let (cluster, group) = (info.cluster_instance_id.unwrap(), info.group_id.unwrap());
    let ms = master_standby(sim);
    let swap = dcs.change_master_standby_async().instance_id(&ms);
    let shard = dcs.execute_cluster_switchover().instance_id(cluster);
    let shard = shard.group_id(group).node_id(info.replica_node_id.unwrap());
    let vip = drs
        .switch_vip()
        .job_id(sim.info().drs.job_id.as_deref().unwrap());
    let vip = vip.body(vip_body(SwitchoverMode::Source));
    let outcomes = [
        outcome(swap.send().await),
        outcome(shard.send().await),
        outcome(vip.send().await),
    ];
    SWITCHOVERS.into_iter().zip(outcomes).collect()
}

#[tokio::test]
async fn a_reset_after_the_switchover_is_maybe_sent_and_it_was_performed_exactly_once() {
    let sim = start().await;
    inject_on_every_switchover(&sim, Fault::reset_after_perform);
    for (op, outcome) in every_switchover(&sim).await {
        let err = outcome.expect_err(op);
        assert_eq!(err.kind(), ErrorKind::MaybeSent, "{op}: {err:?}");
        assert!(!err.was_not_sent(), "{op}");
        assert_eq!(sim.performed(op), 1, "{op} performed exactly once");
        let requests = sim.requests_of(op);
        assert_eq!(requests.len(), 1, "{op} was not sent again");
        assert!(requests[0].reset && requests[0].faults == ["reset_after_perform"]);
    }
    assert!(sim.faults().is_empty(), "each fault hit once");
    // It really happened: the swap completes.
    let instance = master_standby(&sim);
    let master = Scenario::default().dcs.instances[0].groups[0]
        .master
        .clone();
    poll(Duration::from_secs(2), || async {
        (master_of(&sim, &instance) != master).then_some(())
    })
    .await;
}

#[tokio::test]
async fn the_synchronous_swap_reset_after_is_performed_once_too() {
    let sim = start().await;
    sim.inject(Fault::reset_after_perform().on("ChangeMasterStandby"))
        .unwrap();
    let instance = master_standby(&sim);
    let err = error_of(
        dcs(&sim, &sha256())
            .change_master_standby()
            .instance_id(&instance)
            .send(),
    )
    .await;
    assert_eq!(err.kind(), ErrorKind::MaybeSent, "{err:?}");
    assert_eq!(sim.performed("ChangeMasterStandby"), 1);
    assert_eq!(sim.requests_of("ChangeMasterStandby").len(), 1);
}

#[tokio::test]
async fn a_reset_before_the_switchover_is_maybe_sent_and_nothing_was_performed() {
    let sim = start().await;
    inject_on_every_switchover(&sim, Fault::reset_before_perform);
    for (op, outcome) in every_switchover(&sim).await {
        let err = outcome.expect_err(op);
        // The client cannot tell the two resets apart: it may have been sent.
        assert_eq!(err.kind(), ErrorKind::MaybeSent, "{op}: {err:?}");
        assert_eq!(sim.performed(op), 0, "{op}");
        assert_eq!(sim.requests_of(op).len(), 1, "{op} was not sent again");
    }
    // Sent again by the caller (after checking), each is performed once.
    for (op, outcome) in every_switchover(&sim).await {
        outcome.unwrap_or_else(|e| panic!("{op}: {e:?}"));
        assert_eq!(sim.performed(op), 1, "{op}");
    }
}

#[tokio::test]
async fn server_errors_and_throttling_on_a_job_query_are_retried_until_it_succeeds() {
    let sim = start().await;
    let dcs = dcs(&sim, &sha256());
    let instance = master_standby(&sim);
    let job = start_swap(&dcs, &instance).await;
    for fault in [
        Fault::status(503).on("ShowJobInfo").times(2),
        Fault::status(500).on("ShowJobInfo").times(2),
        Fault::status(502).on("ShowJobInfo").times(2),
        Fault::new(FaultKind::Status {
            status: 429,
            retry_after_secs: Some(0),
        })
        .on("ShowJobInfo")
        .times(2),
        Fault::html_error(502).on("ShowJobInfo").times(2),
    ] {
        let before = sim.requests_of("ShowJobInfo").len();
        sim.inject(fault.clone()).unwrap();
        let info = dcs
            .show_job_info()
            .job_id(&job)
            .send()
            .await
            .unwrap_or_else(|e| panic!("{fault:?}: {e:?}"));
        assert_eq!(info.into_inner().job_id, job);
        let statuses: Vec<_> = sim.requests_of("ShowJobInfo")[before..]
            .iter()
            .map(|r| r.status)
            .collect();
        let status = match fault.kind {
            FaultKind::Status { status, .. } | FaultKind::HtmlError { status } => status,
            _ => unreachable!(),
        };
        assert_eq!(
            statuses,
            [Some(status), Some(status), Some(200)],
            "{fault:?}"
        );
    }
    assert_eq!(sim.performed("ChangeMasterStandbyAsync"), 1);
}

#[tokio::test]
async fn a_switchover_answered_with_an_error_status_is_sent_once_and_not_performed() {
    let sim = start().await;
    sim.inject(Fault::status(503).on("ChangeMasterStandbyAsync").times(3))
        .unwrap();
    sim.inject(Fault::html_error(502).on("SwitchVip")).unwrap();
    sim.inject(Fault::throttle(1).on("ExecuteClusterSwitchover"))
        .unwrap();
    let outcomes = every_switchover(&sim).await;
    for ((op, outcome), status) in outcomes.into_iter().zip([503, 429, 502]) {
        let err = outcome.expect_err(op);
        assert_eq!(err.kind(), ErrorKind::Service, "{op}: {err:?}");
        assert_eq!(err.status().map(|s| s.as_u16()), Some(status), "{op}");
        assert_eq!(sim.requests_of(op).len(), 1, "{op} is sent once");
        assert_eq!(sim.performed(op), 0, "{op}");
    }
    let last = sim.requests_of("SwitchVip").pop().unwrap();
    assert_eq!(last.content_type.as_deref(), Some("text/html"));
    let err = error_of(
        drs(&sim, &sha256())
            .switch_vip()
            .job_id("x")
            .body(vip_body(SwitchoverMode::Source))
            .send(),
    )
    .await;
    assert_eq!(
        err.status().map(|s| s.as_u16()),
        Some(404),
        "the HTML fault was used up"
    );
    let throttled = sim.requests_of("ExecuteClusterSwitchover").pop().unwrap();
    let retry_after = throttled.headers.iter().any(|(n, _)| n == "retry-after");
    assert!(!retry_after, "request headers do not carry it");
    let body: Value = serde_json::from_str(throttled.response_body.as_deref().unwrap()).unwrap();
    assert_eq!(body["error_code"], "APIGW.0308");
}

#[tokio::test]
async fn throttling_answers_carry_retry_after() {
    let sim = start().await;
    sim.inject(Fault::throttle(7).always()).unwrap();
    let info = sim.info();
    let response = raw()
        .get(format!("{}/v2/{}/jobs/x", info.endpoint, info.project_id))
        .header("x-auth-token", token(&sim))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 429);
    assert_eq!(response.headers()["retry-after"], "7");
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error_code"], "APIGW.0308");
    assert_eq!(sim.faults().len(), 1, "an unlimited fault stays armed");
}

#[tokio::test]
async fn a_truncated_answer_is_maybe_sent_and_a_slow_one_arrives_whole() {
    let sim = start().await;
    let dcs = dcs(&sim, &sha256());
    let instance = master_standby(&sim);
    sim.inject(Fault::new(FaultKind::TruncatedBody).on("ChangeMasterStandbyAsync"))
        .unwrap();
    let err = swap_error(&dcs, &instance).await;
    assert_eq!(err.kind(), ErrorKind::MaybeSent, "{err:?}");
    assert_eq!(sim.performed("ChangeMasterStandbyAsync"), 1);
    let job = sim.switchovers()[0].job_id.clone().unwrap();

    sim.inject(
        Fault::new(FaultKind::SlowBody {
            chunk_bytes: 16,
            chunk_delay_ms: 10,
        })
        .on("ShowJobInfo"),
    )
    .unwrap();
    let started = Instant::now();
    let info = answer_of(dcs.show_job_info().job_id(&job).send()).await;
    let body_len = sim.requests_of("ShowJobInfo")[0]
        .response_body
        .as_ref()
        .unwrap()
        .len();
    assert!(body_len > 64, "{body_len}");
    assert!(started.elapsed() >= Duration::from_millis(10 * (body_len as u64 / 16 - 1)));
    assert_eq!(info.job_id, job);
}

#[tokio::test]
async fn latency_delays_the_answer() {
    let sim = start().await;
    let dcs = dcs(&sim, &sha256());
    sim.inject(Fault::latency(150)).unwrap();
    let started = Instant::now();
    let err = error_of(dcs.show_job_info().job_id("x").send()).await;
    assert_eq!(err.status().map(|s| s.as_u16()), Some(404));
    assert!(started.elapsed() >= Duration::from_millis(150));
    dcs.show_job_info().job_id("x").send().await.unwrap_err();
    let faults: Vec<_> = sim.requests().into_iter().map(|r| r.faults).collect();
    assert_eq!(faults, [vec!["latency".to_owned()], vec![]], "used up");
}

#[tokio::test]
async fn faults_can_come_from_the_scenario() {
    // The default scenario's text, with a fault armed from the start.
    let yaml = hwcloud_sim::DEFAULT_SCENARIO.replace(
        "faults: []",
        "faults:\n  - {operation: ShowSwitchVipStatus, kind: status, status: 500, times: 1}",
    );
    let scenario = Scenario::from_yaml(&yaml).unwrap();
    assert_eq!(scenario.faults.len(), 1);
    let sim = start_with(scenario).await;
    let drs = drs(&sim, &sha256());
    let job = sim.info().drs.job_id.clone().unwrap();
    start_vip_switch(&drs, &job).await;
    // Retried once past the 500.
    drs.show_switch_vip_status()
        .job_id(&job)
        .send()
        .await
        .unwrap();
    let statuses: Vec<_> = sim
        .requests_of("ShowSwitchVipStatus")
        .iter()
        .map(|r| r.status)
        .collect();
    assert_eq!(statuses, [Some(500), Some(200)]);
}

/// The JSON body of the answer to `request`.
async fn json_of(request: reqwest::RequestBuilder) -> Value {
    let answer = request.send().await.expect("an answer");
    answer.json().await.expect("a JSON body")
}

#[tokio::test]
async fn the_admin_endpoint_arms_faults_and_reports_the_ground_truth() {
    let sim = start().await;
    let admin = sim.info().admin.clone();
    let http = raw();
    let info: Value = json_of(http.get(format!("{admin}/info"))).await;
    assert_eq!(info, serde_json::to_value(sim.info()).unwrap());

    let armed: Value = json_of(http.post(format!("{admin}/faults")).json(&json!([
        {"operation": "ChangeMasterStandbyAsync", "kind": "reset_after_perform"},
        {"operation": "ShowJobInfo", "kind": "status", "status": 503, "times": 2}
    ])))
    .await;
    assert_eq!(armed.as_array().unwrap().len(), 2, "{armed}");
    assert_eq!(sim.faults().len(), 2);
    for bad in [
        json!({"kind": "explode"}),
        json!({"kind": "status", "status": 200}),
        json!({"operation": "Nope", "kind": "latency", "ms": 1}),
    ] {
        let response = http
            .post(format!("{admin}/faults"))
            .json(&bad)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status().as_u16(), 400, "{bad}");
    }

    let dcs = dcs(&sim, &sha256());
    let instance = master_standby(&sim);
    let err = swap_error(&dcs, &instance).await;
    assert_eq!(err.kind(), ErrorKind::MaybeSent);
    let performed: Value = json_of(http.get(format!("{admin}/performed"))).await;
    assert_eq!(performed["counts"], json!({"ChangeMasterStandbyAsync": 1}));
    let job = performed["performed"][0]["job_id"]
        .as_str()
        .unwrap()
        .to_owned();
    // The job query is retried past its two 503s.
    let done = poll_job(&dcs, &job, |info| info.status == JobStatus::Success).await;
    assert_eq!(done.job_id, job);

    let requests: Value = json_of(http.get(format!("{admin}/requests"))).await;
    let requests = requests.as_array().unwrap();
    assert_eq!(requests[0]["operation"], "ChangeMasterStandbyAsync");
    assert_eq!(requests[0]["reset"], true);
    assert_eq!(requests[1]["status"], 503);
    let state: Value = json_of(http.get(format!("{admin}/state"))).await;
    let swapped = state["dcs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == instance.as_str())
        .unwrap();
    assert_eq!(
        swapped["groups"][0]["master"],
        Scenario::default().dcs.instances[0].groups[0].replicas[0].as_str()
    );

    let cleared: Value = json_of(http.delete(format!("{admin}/faults"))).await;
    assert_eq!(cleared, json!([]));
    assert!(sim.faults().is_empty());
}
