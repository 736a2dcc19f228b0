//! The simulator's services through the generated clients: DCS jobs that move from `INIT` to
//! `SUCCESS` and then really swap roles (and back), one switchover at a time per instance, the
//! documented errors; DRS virtual IP switchovers; CSS upgrades and AZ switchovers walking node by
//! node, consistent at every poll, with paging. And bad input: always a 400 with an error body.

mod sim_support;

use std::time::Duration;

use hwcloud_core::{Error, ErrorKind};
use hwcloud_css::types::{ActionMode, GetUpgradeDetailInfo, PhaseStatus, UpgradeStatus};
use hwcloud_dcs::types::JobStatus;
use hwcloud_drs::types::{SwitchVipProgress, SwitchoverMode};
use hwcloud_sim::{Outcome, Scenario};
use hwcloud_tests::clients::{answer_of, error_of};
use serde_json::Value;
use sim_support::*;

fn assert_service_error(err: &Error, status: u16, code: &str) {
    assert_eq!(err.kind(), ErrorKind::Service, "{err:?}");
    assert_eq!(err.status().map(|s| s.as_u16()), Some(status), "{err:?}");
    assert_eq!(
        err.service_error().and_then(|e| e.error_code.as_deref()),
        Some(code),
        "{err:?}"
    );
    assert!(err.request_id().is_some(), "{err:?}");
}

#[tokio::test]
async fn an_async_swap_goes_init_running_success_then_roles_swap_and_a_second_swaps_back() {
    // 100 ms in each state, so that even a slow poller sees them all.
    let mut scenario = Scenario::default();
    scenario.dcs.durations.init_ms = 100_000;
    scenario.dcs.durations.running_ms = 100_000;
    let sim = start_with(scenario).await;
    let dcs = dcs(&sim, &sha256());
    let instance = master_standby(&sim);
    let master = master_of(&sim, &instance);
    let standby = sim.snapshot().dcs_instance(&instance).unwrap().groups[0].replicas[0].clone();

    let job = start_swap(&dcs, &instance).await;
    let mut seen = Vec::new();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(2);
    let done = loop {
        let before = sim.snapshot();
        let info = answer_of(dcs.show_job_info().job_id(&job).send()).await;
        if seen.last() != Some(&info.status) {
            seen.push(info.status.clone());
        }
        if matches!(info.status, JobStatus::Success | JobStatus::Fail) {
            break info;
        }
        // The job had not ended when this poll was answered, so the roles had not moved before.
        assert_eq!(before.dcs_instance(&instance).unwrap().master(), master);
        assert!(tokio::time::Instant::now() < deadline, "{seen:?}");
        tokio::time::sleep(Duration::from_millis(1)).await;
    };
    assert_eq!(seen.first(), Some(&JobStatus::Init), "{seen:?}");
    assert!(seen.contains(&JobStatus::Running), "{seen:?}");
    assert_eq!(done.status, JobStatus::Success);
    assert!(done.begin_time.is_some() && done.end_time.is_some());
    assert_eq!(done.fail_reason, None);
    assert_eq!(master_of(&sim, &instance), standby);

    // A second swap swaps back.
    let again = start_swap(&dcs, &instance).await;
    assert_ne!(again, job);
    poll_job(&dcs, &again, |info| info.status == JobStatus::Success).await;
    assert_eq!(master_of(&sim, &instance), master);
    assert_eq!(sim.performed("ChangeMasterStandbyAsync"), 2);
}

#[tokio::test]
async fn a_second_switchover_while_one_runs_is_an_error_not_a_second_switchover() {
    // Slow jobs, so that the second request surely arrives while the first runs.
    let mut scenario = Scenario::default();
    scenario.dcs.durations.running_ms = 3_600_000;
    let sim = start_with(scenario).await;
    let dcs = dcs(&sim, &sha256());
    let info = sim.info().dcs.clone();
    let instance = info.master_standby_instance_id.unwrap();
    dcs.change_master_standby_async()
        .instance_id(&instance)
        .send()
        .await
        .unwrap();
    let err = swap_error(&dcs, &instance).await;
    assert_service_error(&err, 400, "DCS.4856");
    let err = error_of(dcs.change_master_standby().instance_id(&instance).send()).await;
    assert_service_error(&err, 400, "DCS.4856");
    assert_eq!(sim.performed("ChangeMasterStandbyAsync"), 1);
    assert_eq!(sim.performed("ChangeMasterStandby"), 0);

    let cluster = info.cluster_instance_id.unwrap();
    let shard = |node: &str| {
        dcs.execute_cluster_switchover()
            .instance_id(&cluster)
            .group_id(info.group_id.as_deref().unwrap())
            .node_id(node.to_owned())
            .send()
    };
    shard(info.replica_node_id.as_deref().unwrap())
        .await
        .unwrap();
    let err = error_of(shard("8abf6e1e87ae28440187b1198c4c1031")).await;
    assert_service_error(&err, 400, "DCS.4856");
    assert_eq!(sim.performed("ExecuteClusterSwitchover"), 1);
}

#[tokio::test]
async fn the_synchronous_swap_answers_204_once_done_and_fails_where_the_scenario_says() {
    let mut scenario = Scenario::default();
    scenario.dcs.instances[0].outcomes = vec![Outcome::Success, Outcome::Fail];
    let sim = start_with(scenario).await;
    let dcs = dcs(&sim, &sha256());
    let instance = master_standby(&sim);
    let master = master_of(&sim, &instance);

    let response = dcs
        .change_master_standby()
        .instance_id(&instance)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 204);
    assert_ne!(master_of(&sim, &instance), master);

    // The second one fails as scripted, and changes nothing.
    let err = error_of(dcs.change_master_standby().instance_id(&instance).send()).await;
    assert_eq!(err.status().map(|s| s.as_u16()), Some(500), "{err:?}");
    assert_ne!(master_of(&sim, &instance), master);
    assert_eq!(sim.performed("ChangeMasterStandby"), 2);
}

#[tokio::test]
async fn a_failed_job_reports_fail_with_its_reason_and_swaps_nothing() {
    let mut scenario = Scenario::default();
    scenario.dcs.instances[0].outcomes = vec![Outcome::Fail];
    let sim = start_with(scenario).await;
    let dcs = dcs(&sim, &sha256());
    let instance = master_standby(&sim);
    let master = master_of(&sim, &instance);
    let job = start_swap(&dcs, &instance).await;
    let done = poll_job(&dcs, &job, |info| {
        matches!(info.status, JobStatus::Success | JobStatus::Fail)
    })
    .await;
    assert_eq!(done.status, JobStatus::Fail);
    assert_eq!(
        done.fail_reason.as_deref(),
        Some("The replica is not in sync with the master.")
    );
    assert_eq!(master_of(&sim, &instance), master);
}

#[tokio::test]
async fn a_shard_switchover_promotes_the_replica_of_that_shard_only() {
    let sim = start().await;
    let dcs = dcs(&sim, &sha256());
    let info = sim.info().dcs.clone();
    let (cluster, group, replica) = (
        info.cluster_instance_id.unwrap(),
        info.group_id.unwrap(),
        info.replica_node_id.unwrap(),
    );
    let before = sim.snapshot().dcs_instance(&cluster).unwrap().clone();
    let job = answer_of(
        dcs.execute_cluster_switchover()
            .instance_id(&cluster)
            .group_id(&group)
            .node_id(&replica)
            .send(),
    )
    .await
    .job_id;
    poll_job(&dcs, &job, |info| info.status == JobStatus::Success).await;
    let after = sim.snapshot().dcs_instance(&cluster).unwrap().clone();
    let shard = after.group(&group).unwrap();
    assert_eq!(shard.master, replica);
    assert!(
        shard
            .replicas
            .contains(&before.group(&group).unwrap().master)
    );
    // The other shard is untouched.
    assert_eq!(after.groups[1].master, before.groups[1].master);

    // Promoting the node that is master now, or a node of no shard, is an invalid parameter.
    for (group, node) in [
        (group.as_str(), replica.as_str()),
        (group.as_str(), "nope"),
        ("nope", replica.as_str()),
    ] {
        let err = error_of(
            dcs.execute_cluster_switchover()
                .instance_id(&cluster)
                .group_id(group)
                .node_id(node)
                .send(),
        )
        .await;
        assert_service_error(&err, 400, "111400063");
    }
}

#[tokio::test]
async fn unsupported_swaps_and_unknown_ids_get_the_documented_errors() {
    let sim = start().await;
    let dcs = dcs(&sim, &sha256());
    let info = sim.info().dcs.clone();
    let single = info.single_node_instance_id.unwrap();

    let err = error_of(dcs.change_master_standby().instance_id(&single).send()).await;
    assert_service_error(&err, 400, "DCS.4855");
    let body: Value = serde_json::from_str(&err.service_error().unwrap().body_snippet).unwrap();
    assert_eq!(
        body,
        serde_json::json!({"error_code": "DCS.4855", "error_msg": "Master standby swap is not supported.", "error_ext_msg": null})
    );
    let err = swap_error(&dcs, &single).await;
    assert_service_error(&err, 400, "DCS.4855");
    // A cluster has no master/standby swap; a master/standby instance has no shards.
    let err = swap_error(&dcs, info.cluster_instance_id.as_deref().unwrap()).await;
    assert_service_error(&err, 400, "DCS.4855");
    let err = error_of(
        dcs.execute_cluster_switchover()
            .instance_id(info.master_standby_instance_id.as_deref().unwrap())
            .group_id("g")
            .node_id("n")
            .send(),
    )
    .await;
    assert_service_error(&err, 400, "DCS.4855");

    let err = swap_error(&dcs, "no-such-instance").await;
    assert_service_error(&err, 404, "111404022");
    let err = error_of(dcs.show_job_info().job_id("no-such-job").send()).await;
    assert_service_error(&err, 404, "DCS.4404");

    let drs = drs(&sim, &sha256());
    let err = error_of(drs.show_switch_vip_status().job_id("no-such-job").send()).await;
    assert_service_error(&err, 404, "DRS.M05004");
    let css = css(&sim, &sha256());
    let err = error_of(css.upgrade_detail().cluster_id("no-such-cluster").send()).await;
    assert_eq!(err.status().map(|s| s.as_u16()), Some(403));
    assert_eq!(
        err.service_error().and_then(|e| e.error_code.as_deref()),
        Some("CSS.0015")
    );
    assert_eq!(sim.switchovers(), Vec::new(), "nothing was performed");
}

#[tokio::test]
async fn a_virtual_ip_switchover_starts_then_completes_or_fails() {
    let mut scenario = Scenario::default();
    scenario.drs.jobs[0].outcomes = vec![Outcome::Success, Outcome::Fail];
    // 200 ms, so that the checks made while it runs surely are.
    scenario.drs.durations.switch_ms = 200_000;
    let sim = start_with(scenario).await;
    let drs = drs(&sim, &sha256());
    let job = sim.info().drs.job_id.clone().unwrap();

    // Before any switchover there is nothing to report.
    let err = error_of(drs.show_switch_vip_status().job_id(&job).send()).await;
    assert_service_error(&err, 400, "DRS.M05024");

    let accepted = start_vip_switch(&drs, &job).await;
    assert_eq!(accepted.status().as_u16(), 202);
    assert_eq!(accepted.into_inner().id, job);
    let first = answer_of(drs.show_switch_vip_status().job_id(&job).send()).await;
    assert_eq!(first.status, SwitchVipProgress::SwitchVipStart);
    let err = error_of(
        drs.switch_vip()
            .job_id(&job)
            .body(vip_body(SwitchoverMode::Target))
            .send(),
    )
    .await;
    assert_service_error(&err, 400, "DRS.M05023");
    let done = poll_switch_vip_end(&drs, &job).await;
    assert_eq!(done.status, SwitchVipProgress::SwitchVipComplete);
    assert!(sim.snapshot().drs_job(&job).unwrap().source_vip_switched);

    start_vip_switch(&drs, &job).await;
    let failed = poll_switch_vip_end(&drs, &job).await;
    assert_eq!(failed.status, SwitchVipProgress::SwitchVipFailed);
    assert!(failed.error_code.is_some() && failed.error_msg.is_some());
    // The failed switchover moved nothing back.
    assert!(sim.snapshot().drs_job(&job).unwrap().source_vip_switched);
    assert_eq!(sim.performed("SwitchVip"), 2);
}

/// Checks what must hold of a task at every poll.
fn check_consistent(task: &GetUpgradeDetailInfo, phases: usize) {
    let total: Vec<&str> = task.total_nodes.as_deref().unwrap().split(',').collect();
    let completed: Vec<&str> = match task.completed_nodes.as_deref().unwrap() {
        "" => Vec::new(),
        list => list.split(',').collect(),
    };
    assert_eq!(
        completed[..],
        total[..completed.len()],
        "completed nodes are done in order"
    );
    let statuses: Vec<&PhaseStatus> = task
        .current_node_detail
        .iter()
        .map(|d| d.status.as_ref().unwrap())
        .collect();
    assert_eq!(statuses.len(), phases);
    let current = task.current_node_name.as_deref().unwrap();
    match task.status.as_ref().unwrap() {
        UpgradeStatus::Running => {
            assert_eq!(
                current,
                total[completed.len()],
                "the current node is the next one"
            );
            assert_eq!(task.end_time.as_deref(), Some(""));
            let running = statuses
                .iter()
                .filter(|s| ***s == PhaseStatus::Running)
                .count();
            assert_eq!(running, 1, "{statuses:?}");
            // SUCCESS*, RUNNING, WAITING*.
            let at = statuses
                .iter()
                .position(|s| **s == PhaseStatus::Running)
                .unwrap();
            assert!(statuses[..at].iter().all(|s| **s == PhaseStatus::Success));
            assert!(
                statuses[at + 1..]
                    .iter()
                    .all(|s| **s == PhaseStatus::Waiting)
            );
            for detail in &task.current_node_detail {
                let waiting = detail.status == Some(PhaseStatus::Waiting);
                assert_eq!(
                    detail.begin_time.as_deref() == Some(""),
                    waiting,
                    "{detail:?}"
                );
            }
        }
        UpgradeStatus::Success => {
            assert_eq!(completed, total);
            assert!(statuses.iter().all(|s| **s == PhaseStatus::Success));
            assert_ne!(task.end_time.as_deref(), Some(""));
        }
        other => panic!("unexpected status {other}"),
    }
}

#[tokio::test]
async fn an_upgrade_walks_node_by_node_consistent_at_every_poll() {
    // 150 ms per phase: 900 ms for the whole walk.
    let mut scenario = Scenario::default();
    scenario.css.clusters[0].tasks[1].phase_ms = 150_000;
    let sim = start_with(scenario).await;
    let css = css(&sim, &sha256());
    let cluster = sim.info().css.upgrading_cluster_id.clone().unwrap();
    let mut progress = Vec::new();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
    let done = loop {
        let answer = answer_of(css.upgrade_detail().cluster_id(&cluster).limit(1).send()).await;
        assert_eq!(
            answer.total_size,
            Some(2),
            "this upgrade and an earlier one"
        );
        let task = answer.detail_list[0].clone();
        assert_eq!(
            task.id.as_deref(),
            Some("b7ac4c5b-3bda-4feb-a303-eb80f4bce986")
        );
        assert!(task.image_info.is_some() && task.migrate_param.is_none());
        check_consistent(&task, 2);
        let step = (
            task.completed_nodes.clone().unwrap(),
            task.current_node_name.clone().unwrap(),
        );
        if progress.last() != Some(&step) {
            progress.push(step);
        }
        if task.status == Some(UpgradeStatus::Success) {
            break task;
        }
        assert!(tokio::time::Instant::now() < deadline, "{progress:?}");
        tokio::time::sleep(Duration::from_millis(1)).await;
    };
    assert_eq!(done.completed_nodes, done.total_nodes);
    // The walk only moves forward, and was seen moving (how much of it depends on how fast this
    // machine polls).
    let completed: Vec<usize> = progress
        .iter()
        .map(|(c, _)| c.split(',').filter(|n| !n.is_empty()).count())
        .collect();
    assert!(completed.windows(2).all(|w| w[0] <= w[1]), "{progress:?}");
    assert!(progress.len() >= 2, "{progress:?}");
}

#[tokio::test]
async fn an_az_switchover_reports_its_migration_and_final_placement() {
    let sim = start().await;
    let css = css(&sim, &sha256());
    let cluster = sim.info().css.az_migrating_cluster_id.clone().unwrap();
    let answer = answer_of(
        css.upgrade_detail()
            .cluster_id(&cluster)
            .action_mode(ActionMode::AzMigration)
            .send(),
    )
    .await;
    let task = &answer.detail_list[0];
    check_consistent(task, 2);
    let param: Value = serde_json::from_str(task.migrate_param.as_deref().unwrap()).unwrap();
    assert_eq!(
        param,
        serde_json::json!({"instType": "ess", "migrateType": "az_migrate", "sourceAz": "cn-north-4a", "targetAz": "cn-north-4c"})
    );
    let placement: Value =
        serde_json::from_str(task.final_az_info_map.as_deref().unwrap()).unwrap();
    assert_eq!(
        placement["cn-north-4c"],
        task.total_nodes.clone().unwrap().as_str()
    );
    // Without action_mode, the cluster's upgrades are reported: it has none.
    let upgrades = answer_of(css.upgrade_detail().cluster_id(&cluster).send()).await;
    assert_eq!(upgrades.total_size, Some(0));
    assert!(upgrades.detail_list.is_empty());
}

#[tokio::test]
async fn paging_honours_offset_start_and_limit() {
    let mut scenario = Scenario::default();
    let cluster = &mut scenario.css.clusters[0];
    let template = cluster.tasks[0].clone();
    cluster.tasks = (0..5)
        .map(|i| hwcloud_sim::CssTaskSpec {
            id: format!("task-{i}"),
            start_offset_ms: -1_000_000 + i * 1000,
            ..template.clone()
        })
        .collect();
    let sim = start_with(scenario).await;
    let css = css(&sim, &sha256());
    let cluster = sim.info().css.upgrading_cluster_id.clone().unwrap();
    let ids = |list: &[GetUpgradeDetailInfo]| -> Vec<String> {
        list.iter().map(|t| t.id.clone().unwrap()).collect()
    };
    let all = answer_of(css.upgrade_detail().cluster_id(&cluster).send()).await;
    assert_eq!(all.total_size, Some(5));
    assert_eq!(
        ids(&all.detail_list),
        ["task-4", "task-3", "task-2", "task-1", "task-0"],
        "newest first"
    );
    let page = answer_of(
        css.upgrade_detail()
            .cluster_id(&cluster)
            .offset(2)
            .limit(2)
            .send(),
    )
    .await;
    assert_eq!(page.total_size, Some(5));
    assert_eq!(ids(&page.detail_list), ["task-3", "task-2"]);
    #[allow(deprecated)]
    let old = answer_of(
        css.upgrade_detail()
            .cluster_id(&cluster)
            .start(4)
            .limit(10)
            .send(),
    )
    .await;
    assert_eq!(ids(&old.detail_list), ["task-1", "task-0"]);
    let past = answer_of(css.upgrade_detail().cluster_id(&cluster).offset(6).send()).await;
    assert!(past.detail_list.is_empty());
    for (name, value) in [("limit", 0), ("limit", 1001), ("offset", 0)] {
        let request = css.upgrade_detail().cluster_id(&cluster);
        let request = if name == "limit" {
            request.limit(value)
        } else {
            request.offset(value)
        };
        let err = error_of(request.send()).await;
        assert_service_error(&err, 400, "CSS.0001");
    }
}

/// A raw request with the IAM token (no signature to keep valid), answered with status and body.
async fn raw_call(
    sim: &hwcloud_sim::SimHandle,
    method: reqwest::Method,
    path: &str,
    content_type: Option<&str>,
    body: Vec<u8>,
) -> (u16, Value) {
    let mut request = raw()
        .request(method, format!("{}{path}", sim.endpoint()))
        .header("x-auth-token", token(sim))
        .body(body);
    if let Some(ct) = content_type {
        request = request.header("content-type", ct);
    }
    let response = request
        .send()
        .await
        .expect("an answer, not a hung or reset connection");
    let status = response.status().as_u16();
    let body = response.json().await.expect("a JSON error body");
    (status, body)
}

#[tokio::test]
async fn bad_input_gets_400_with_the_services_error_body() {
    let sim = start().await;
    let project = sim.info().project_id.clone();
    let job = sim.info().drs.job_id.clone().unwrap();
    let vip = format!("/v3/{project}/jobs/{job}/switch-vip");
    let json = Some("application/json");
    let cases: Vec<(Option<&str>, Vec<u8>, &str)> = vec![
        (json, b"{\"mode\": ".to_vec(), "malformed JSON"),
        (
            json,
            b"{\"mode\": \"sideways\"}".to_vec(),
            "unknown enum value",
        ),
        (json, b"{}".to_vec(), "missing field"),
        (json, b"[1, 2]".to_vec(), "wrong shape"),
        (
            Some("text/plain"),
            b"{\"mode\": \"source\"}".to_vec(),
            "wrong content type",
        ),
        (None, b"{\"mode\": \"source\"}".to_vec(), "no content type"),
        (json, vec![b' '; 200 * 1024], "oversized body"),
    ];
    for (content_type, body, what) in cases {
        let (status, body) = raw_call(&sim, reqwest::Method::POST, &vip, content_type, body).await;
        assert_eq!(status, 400, "{what}: {body}");
        assert_eq!(body["error_code"], "DRS.M00002", "{what}: {body}");
        assert!(
            body["error_msg"]
                .as_str()
                .unwrap()
                .starts_with("Invalid request"),
            "{what}"
        );
    }
    // An unknown X-Language.
    let response = raw()
        .get(format!(
            "{}/v3/{project}/jobs/{job}/get-switch-vip-status",
            sim.endpoint()
        ))
        .header("x-auth-token", token(&sim))
        .header("x-language", "fr-fr")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 400);
    // An unknown action_mode, in the CSS format.
    let cluster = sim.info().css.upgrading_cluster_id.clone().unwrap();
    let (status, body) = raw_call(
        &sim,
        reqwest::Method::GET,
        &format!("/v1.0/{project}/clusters/{cluster}/upgrade/detail?action_mode=SIDEWAYS"),
        None,
        Vec::new(),
    )
    .await;
    assert_eq!(
        (status, body["errCode"].as_str()),
        (400, Some("CSS.0001")),
        "{body}"
    );
    assert!(
        body["externalMessage"]
            .as_str()
            .unwrap()
            .contains("action_mode")
    );
    // No such API, and a method the path does not have.
    let (status, body) = raw_call(&sim, reqwest::Method::GET, "/v2/nope", None, Vec::new()).await;
    assert_eq!(
        (status, body["error_code"].as_str()),
        (404, Some("APIGW.0101"))
    );
    let (status, _) = raw_call(&sim, reqwest::Method::DELETE, &vip, None, Vec::new()).await;
    assert_eq!(status, 404);
    assert_eq!(sim.performed("SwitchVip"), 0);

    // The simulator still serves after all of that.
    let drs = drs(&sim, &sha256());
    start_vip_switch(&drs, &job).await;
    assert_eq!(sim.performed("SwitchVip"), 1);
}

#[tokio::test]
async fn a_client_that_stops_sending_is_answered_or_cut_off_never_left_hanging() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let scenario = Scenario {
        read_timeout_ms: 200,
        ..Scenario::default()
    };
    let sim = start_with(scenario).await;
    let info = sim.info().clone();
    let addr = info.endpoint.trim_start_matches("http://").to_owned();
    let read_all = |mut stream: tokio::net::TcpStream| async move {
        let mut answer = Vec::new();
        tokio::time::timeout(Duration::from_secs(3), stream.read_to_end(&mut answer))
            .await
            .expect("the simulator ends the exchange")
            .expect("read");
        String::from_utf8_lossy(&answer).into_owned()
    };

    // The head arrives, a tenth of the body, then nothing.
    let mut stream = tokio::net::TcpStream::connect(&addr).await.unwrap();
    let head = format!(
        "POST /v3/{}/jobs/{}/switch-vip HTTP/1.1\r\nHost: {addr}\r\nX-Auth-Token: {}\r\n\
         Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{{\"mode\"",
        info.project_id,
        info.drs.job_id.as_deref().unwrap(),
        token(&sim),
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    let answer = read_all(stream).await;
    assert!(answer.starts_with("HTTP/1.1 400"), "{answer}");
    assert!(answer.contains("did not arrive in time"), "{answer}");

    // Half a request head, then nothing: the connection is closed.
    let mut stream = tokio::net::TcpStream::connect(&addr).await.unwrap();
    stream
        .write_all(b"GET /v2/p/jobs/x HTTP/1.1\r\nHost")
        .await
        .unwrap();
    let started = std::time::Instant::now();
    let answer = read_all(stream).await;
    assert!(!answer.contains("200 OK"), "{answer}");
    assert!(started.elapsed() < Duration::from_secs(2));
    assert_eq!(sim.performed("SwitchVip"), 0);
}
