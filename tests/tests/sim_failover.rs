//! Discover before, verify after, against the simulator: the read operations around a failover
//! show what the switchovers really changed (roles, background tasks, nodes' AZs), and a bad AZ
//! switch starts nothing.

mod sim_support;

use std::time::Duration;

use hwcloud_css::types::{
    ActionMode, InstType, MigrateType, UpdateAzByInstanceTypeRequestBody, UpgradeStatus,
};
use hwcloud_dcs::types::{ListGroupReplicationInfoResponse, ReplicationRole, TaskCount};
use hwcloud_drs::types::{BatchQueryJobReqPage, PageReq};
use hwcloud_sim::SimHandle;
use hwcloud_tests::clients::error_of;
use serde_json::Value;
use sim_support::*;

/// `(node_id, role, az_code)` of a replica.
type Replica = (String, String, String);

/// `(node_id, role, az_code)` of every replica of every shard, by shard id.
fn roles(groups: &ListGroupReplicationInfoResponse) -> Vec<(String, Vec<Replica>)> {
    groups
        .group_list
        .iter()
        .map(|g| {
            let replicas = g
                .replication_list
                .iter()
                .map(|r| {
                    (
                        r.node_id.clone().unwrap(),
                        r.replication_role.as_ref().unwrap().to_string(),
                        r.az_code.clone().unwrap(),
                    )
                })
                .collect();
            (g.group_id.clone().unwrap(), replicas)
        })
        .collect()
}

fn master_in(shard: &[Replica]) -> &str {
    let masters: Vec<&str> = shard
        .iter()
        .filter(|(_, role, _)| role == "master")
        .map(|(node, ..)| node.as_str())
        .collect();
    assert_eq!(masters.len(), 1, "one master per shard: {shard:?}");
    masters[0]
}

async fn groups(dcs: &hwcloud_dcs::Client, instance: &str) -> ListGroupReplicationInfoResponse {
    dcs.list_group_replication_info()
        .instance_id(instance)
        .send()
        .await
        .expect("the shards are listed")
        .into_inner()
}

#[tokio::test]
async fn a_master_standby_switchover_swaps_the_roles_the_shard_list_shows() {
    // A switchover long enough (300 ms) to be seen running.
    let mut scenario = hwcloud_sim::Scenario::default();
    scenario.dcs.durations.running_ms = 300_000;
    let sim = start_with(scenario).await;
    let dcs = dcs(&sim, &sha256());
    let instance = master_standby(&sim);
    let before = roles(&groups(&dcs, &instance).await);
    assert_eq!(before.len(), 1);
    let old_master = master_in(&before[0].1).to_owned();
    assert_eq!(
        old_master,
        master_of(&sim, &instance),
        "the list shows the truth"
    );
    let replica = before[0]
        .1
        .iter()
        .find(|(_, role, _)| role == "slave")
        .unwrap()
        .0
        .clone();
    let shown = dcs
        .show_instance()
        .instance_id(&instance)
        .send()
        .await
        .unwrap();
    assert!(shown.task.is_none(), "idle before: {:?}", shown.task);
    assert_eq!(shown.cache_mode.as_ref().unwrap().to_string(), "ha");

    let job = start_swap(&dcs, &instance).await;
    let busy = dcs
        .show_instance()
        .instance_id(&instance)
        .send()
        .await
        .unwrap();
    assert!(busy.task.is_some(), "a task while the switchover runs");
    poll_job(&dcs, &job, |j| j.end_time.is_some()).await;

    let after = roles(&groups(&dcs, &instance).await);
    assert_eq!(master_in(&after[0].1), replica, "the replica was promoted");
    let demoted = after[0]
        .1
        .iter()
        .find(|(node, ..)| *node == old_master)
        .unwrap();
    assert_eq!(demoted.1, "slave", "the old master is a replica now");
    // Nodes keep their AZ when roles move between them.
    for (node, _, az) in &after[0].1 {
        let was = before[0].1.iter().find(|(n, ..)| n == node).unwrap();
        assert_eq!(*az, was.2, "{node} stays in its AZ");
    }
    let idle = dcs
        .show_instance()
        .instance_id(&instance)
        .send()
        .await
        .unwrap();
    assert!(idle.task.is_none(), "no task after: {:?}", idle.task);
}

#[tokio::test]
async fn a_cluster_switchover_swaps_the_roles_of_that_shard_only() {
    let sim = start().await;
    let dcs = dcs(&sim, &sha256());
    let instance = sim.info().dcs.cluster_instance_id.clone().unwrap();
    let before = roles(&groups(&dcs, &instance).await);
    assert!(before.len() >= 2, "{before:?}");
    // Discover what to switch: the first shard with a replica, and that replica.
    let (group, shard) = before.iter().find(|(_, s)| s.len() > 1).unwrap();
    let promote = shard
        .iter()
        .find(|(_, role, _)| role == "slave")
        .unwrap()
        .0
        .clone();
    let old_master = master_in(shard).to_owned();
    let job = dcs
        .execute_cluster_switchover()
        .instance_id(&instance)
        .group_id(group)
        .node_id(&promote)
        .send()
        .await
        .unwrap()
        .into_inner()
        .job_id;
    poll_job(&dcs, &job, |j| j.end_time.is_some()).await;

    let after = roles(&groups(&dcs, &instance).await);
    for ((id, was), (id_after, now)) in before.iter().zip(&after) {
        assert_eq!(id, id_after);
        if id == group {
            assert_eq!(master_in(now), promote);
            let demoted = now.iter().find(|(n, ..)| *n == old_master).unwrap();
            assert_eq!(demoted.1, "slave");
        } else {
            assert_eq!(master_in(now), master_in(was), "shard {id} untouched");
        }
    }
    assert!(matches!(
        groups(&dcs, &instance).await.group_list[0].replication_list[0].replication_role,
        Some(ReplicationRole::Master | ReplicationRole::Slave)
    ));
    // A single-node instance has no shards to list.
    let single = sim.info().dcs.single_node_instance_id.clone().unwrap();
    let err = error_of(
        dcs.list_group_replication_info()
            .instance_id(&single)
            .send(),
    )
    .await;
    assert_eq!(err.status().map(|s| s.as_u16()), Some(400));
}

fn count(tasks: &hwcloud_dcs::types::ListBackgroundTaskResponse) -> u64 {
    match tasks.task_count.as_ref().unwrap() {
        TaskCount::String(s) => s.parse().unwrap(),
        TaskCount::Int64(n) => u64::try_from(*n).unwrap(),
    }
}

#[tokio::test]
async fn a_switchover_is_recorded_as_a_background_task_with_its_times_and_status() {
    // Switchovers long enough (100 ms) to be seen running.
    let mut scenario = hwcloud_sim::Scenario::default();
    scenario.dcs.durations.running_ms = 100_000;
    let sim = start_with(scenario).await;
    let dcs = dcs(&sim, &sha256());
    let instance = master_standby(&sim);
    let none = dcs
        .list_background_task()
        .instance_id(&instance)
        .send()
        .await
        .unwrap();
    assert_eq!(count(&none), 0);
    assert!(none.tasks.is_empty());

    let first = start_swap(&dcs, &instance).await;
    let running = dcs
        .list_background_task()
        .instance_id(&instance)
        .send()
        .await
        .unwrap();
    assert_eq!(running.tasks[0].id.as_deref(), Some(first.as_str()));
    assert_eq!(running.tasks[0].status.as_deref(), Some("RUNNING"));
    poll_job(&dcs, &first, |j| j.end_time.is_some()).await;
    let second = start_swap(&dcs, &instance).await;
    poll_job(&dcs, &second, |j| j.end_time.is_some()).await;

    let all = dcs
        .list_background_task()
        .instance_id(&instance)
        .send()
        .await
        .unwrap();
    assert_eq!(count(&all), 2);
    let ids: Vec<&str> = all.tasks.iter().map(|t| t.id.as_deref().unwrap()).collect();
    assert_eq!(ids, [second.as_str(), first.as_str()], "newest first");
    for task in &all.tasks {
        assert_eq!(task.name.as_deref(), Some("masterStandbySwapJob"));
        assert_eq!(task.status.as_deref(), Some("SUCCESS"));
        let (created, updated) = (
            task.created_at.clone().unwrap(),
            task.updated_at.clone().unwrap(),
        );
        assert!(created.ends_with('Z') && created.len() == 24, "{created}");
        assert!(updated >= created, "{created} .. {updated}");
    }
    // Paging.
    let page = dcs
        .list_background_task()
        .instance_id(&instance)
        .offset(1)
        .limit(1)
        .send()
        .await
        .unwrap();
    assert_eq!(count(&page), 2, "the count is of every page");
    assert_eq!(page.tasks.len(), 1);
    assert_eq!(page.tasks[0].id.as_deref(), Some(first.as_str()));
    // The time window: the tasks' own second includes them, a window that ended before excludes them.
    let created = &all.tasks[1].created_at.clone().unwrap();
    let compact: String = created[..19].chars().filter(char::is_ascii_digit).collect();
    let within = dcs
        .list_background_task()
        .instance_id(&instance)
        .start_time(&compact)
        .send()
        .await
        .unwrap();
    assert_eq!(count(&within), 2);
    let before = dcs
        .list_background_task()
        .instance_id(&instance)
        .end_time("20000101000000")
        .send()
        .await
        .unwrap();
    assert_eq!(count(&before), 0);
    let bad = error_of(
        dcs.list_background_task()
            .instance_id(&instance)
            .start_time("yesterday")
            .send(),
    )
    .await;
    assert_eq!(bad.status().map(|s| s.as_u16()), Some(400));
}

/// The nodes' AZs as `ShowClusterDetail` reports them, by name.
async fn node_azs(css: &hwcloud_css::Client, cluster: &str) -> Vec<(String, String)> {
    let detail = css
        .show_cluster_detail()
        .cluster_id(cluster)
        .send()
        .await
        .unwrap();
    detail
        .instances
        .iter()
        .map(|n| (n.name.clone().unwrap(), n.az_code.clone().unwrap()))
        .collect()
}

fn az_body(source: &str, target: &str) -> UpdateAzByInstanceTypeRequestBody {
    UpdateAzByInstanceTypeRequestBody {
        source_az: source.into(),
        target_az: target.into(),
        migrate_type: MigrateType::AzMigrate,
        agency: "css-test-agency".into(),
        indices_backup_check: None,
    }
}

fn idle_cluster(sim: &SimHandle) -> String {
    sim.info()
        .css
        .idle_cluster_id
        .clone()
        .expect("an idle cluster")
}

#[tokio::test]
async fn an_az_switchover_moves_the_nodes_one_by_one_as_their_turn_ends() {
    let mut scenario = hwcloud_sim::Scenario::default();
    for cluster in &mut scenario.css.clusters {
        cluster.az_switch_phase_ms = 20_000;
    }
    let sim = start_with(scenario).await;
    let css = css(&sim, &sha256());
    let cluster = idle_cluster(&sim);
    let before = node_azs(&css, &cluster).await;
    let moving: Vec<String> = before
        .iter()
        .filter(|(name, az)| az == "cn-north-4a" && name.contains("-ess-esn-"))
        .map(|(name, _)| name.clone())
        .collect();
    assert_eq!(moving.len(), 2, "{before:?}");

    css.update_az_by_instance_type()
        .cluster_id(&cluster)
        .inst_type(InstType::Ess)
        .body(az_body("cn-north-4a", "cn-north-4c"))
        .send()
        .await
        .unwrap();
    assert_eq!(sim.performed("UpdateAzByInstanceType"), 1);
    let busy = css
        .show_cluster_detail()
        .cluster_id(&cluster)
        .send()
        .await
        .unwrap();
    assert_eq!(busy.actions, ["AZ_MIGRATION"]);

    // Follow it node by node: record every distinct set of moved nodes seen.
    let mut seen: Vec<Vec<String>> = Vec::new();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
    let (after, task) = loop {
        let azs = node_azs(&css, &cluster).await;
        let moved: Vec<String> = azs
            .iter()
            .filter(|(_, az)| az == "cn-north-4c")
            .map(|(name, _)| name.clone())
            .collect();
        if seen.last() != Some(&moved) {
            seen.push(moved);
        }
        let detail = css
            .upgrade_detail()
            .cluster_id(&cluster)
            .action_mode(ActionMode::AzMigration)
            .send()
            .await
            .unwrap();
        let task = detail.detail_list[0].clone();
        if task.status == Some(UpgradeStatus::Success) {
            break (azs, task);
        }
        assert!(tokio::time::Instant::now() < deadline, "gave up: {seen:?}");
        tokio::time::sleep(Duration::from_millis(2)).await;
    };
    // Re-read once more: the end of the task is the end of the last node's turn.
    let after = if seen.last().map(Vec::len) == Some(2) {
        after
    } else {
        node_azs(&css, &cluster).await
    };
    assert_eq!(
        seen.first().map(Vec::len),
        Some(0),
        "nothing moved at the start: {seen:?}"
    );
    assert!(
        seen.iter()
            .any(|moved| moved.len() == 1 && moved[0] == moving[0]),
        "the first node moved before the second: {seen:?}"
    );
    for (name, az) in &after {
        let was = &before.iter().find(|(n, _)| n == name).unwrap().1;
        if moving.contains(name) {
            assert_eq!(az, "cn-north-4c", "{name} moved");
        } else {
            assert_eq!(az, was, "{name} did not move");
        }
    }
    assert_eq!(task.total_nodes.as_deref(), Some(moving.join(",").as_str()));
    // The ground truth agrees with what ShowClusterDetail reported.
    let truth = sim.snapshot();
    let state = truth.css.iter().find(|c| c.id == cluster).unwrap();
    assert_eq!(state.node_azs, after);
    let idle = css
        .show_cluster_detail()
        .cluster_id(&cluster)
        .send()
        .await
        .unwrap();
    assert!(idle.actions.is_empty());
}

/// A raw `UpdateAzByInstanceType` request (the typed client cannot send an unknown node type).
async fn raw_az_switch(
    sim: &SimHandle,
    cluster: &str,
    inst_type: &str,
    body: Value,
) -> (u16, Value) {
    let info = sim.info();
    let response = raw()
        .post(format!(
            "{}/v1.0/{}/clusters/{cluster}/inst-type/{inst_type}/azmigrate",
            info.endpoint, info.project_id
        ))
        .header("x-auth-token", token(sim))
        .header("content-type", "application/json")
        .body(body.to_string())
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    let body: Value = response.json().await.unwrap_or(Value::Null);
    (status, body)
}

#[tokio::test]
async fn every_bad_az_switch_is_refused_and_starts_nothing() {
    // An AZ switchover long enough (an hour a phase: seconds at the tests' speed) to be running
    // still when the next request comes, however loaded the machine is.
    let mut scenario = hwcloud_sim::Scenario::default();
    for cluster in &mut scenario.css.clusters {
        cluster.az_switch_phase_ms = 3_600_000;
    }
    let sim = start_with(scenario).await;
    let css = css(&sim, &sha256());
    let cluster = idle_cluster(&sim);
    let good = serde_json::json!({
        "source_az": "cn-north-4a", "target_az": "cn-north-4c",
        "migrate_type": "az_migrate", "agency": "css-test-agency",
    });
    let with = |key: &str, value: &str| {
        let mut body = good.clone();
        body[key] = value.into();
        body
    };
    let tasks = || async {
        css.upgrade_detail()
            .cluster_id(&cluster)
            .action_mode(ActionMode::AzMigration)
            .send()
            .await
            .unwrap()
            .detail_list
            .len()
    };
    for (inst_type, body, what) in [
        ("ess-hot", good.clone(), "inst_type"),
        ("ess", with("source_az", "cn-north-4z"), "source_az"),
        ("ess-cold", good.clone(), "source_az"),
        ("ess", with("target_az", "eu-de-01"), "target_az"),
        ("ess", with("target_az", "cn-north-4a"), "target_az"),
        ("ess", with("migrate_type", "teleport"), "body"),
        ("ess", with("agency", " "), "agency"),
    ] {
        let (status, answer) = raw_az_switch(&sim, &cluster, inst_type, body).await;
        assert_eq!(status, 400, "{what}: {answer}");
        assert!(
            answer["errCode"]
                .as_str()
                .is_some_and(|c| c.starts_with("CSS.")),
            "{answer}"
        );
        assert!(
            answer["externalMessage"]
                .as_str()
                .is_some_and(|m| m.contains(what)),
            "{what}: {answer}"
        );
        assert_eq!(
            sim.performed("UpdateAzByInstanceType"),
            0,
            "{what}: nothing started"
        );
        assert_eq!(tasks().await, 0, "{what}: no task");
    }
    let before = node_azs(&css, &cluster).await;
    // A cluster already running a task.
    css.update_az_by_instance_type()
        .cluster_id(&cluster)
        .inst_type(InstType::All)
        .body(az_body("cn-north-4a", "cn-north-4c"))
        .send()
        .await
        .unwrap();
    let (status, answer) =
        raw_az_switch(&sim, &cluster, "ess", with("source_az", "cn-north-4b")).await;
    assert_eq!(status, 400, "{answer}");
    assert_eq!(answer["errCode"], "CSS.0002");
    assert_eq!(
        sim.performed("UpdateAzByInstanceType"),
        1,
        "only the first started"
    );
    assert_eq!(tasks().await, 1);
    // An unknown cluster.
    let err = error_of(
        css.update_az_by_instance_type()
            .cluster_id("nope")
            .inst_type(InstType::All)
            .body(az_body("cn-north-4a", "cn-north-4c"))
            .send(),
    )
    .await;
    assert_eq!(err.status().map(|s| s.as_u16()), Some(403));
    assert_eq!(sim.performed("UpdateAzByInstanceType"), 1);
    assert_eq!(before.len(), node_azs(&css, &cluster).await.len());
}

#[tokio::test]
async fn batch_job_details_report_the_scenarios_jobs_and_unknown_ids_in_place() {
    let sim = start().await;
    let drs = drs(&sim, &sha256());
    let job = sim.info().drs.job_id.clone().unwrap();
    let body = BatchQueryJobReqPage {
        jobs: vec![job.clone(), "nope".into()],
        page_req: Some(PageReq {
            cur_page: Some(1),
            per_page: Some(0),
        }),
    };
    let answer = drs
        .batch_list_job_details()
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(answer.count, Some(2));
    let known = &answer.results[0];
    assert_eq!(known.id.as_deref(), Some(job.as_str()));
    assert_eq!(known.is_multi_az, Some(true));
    assert_eq!(known.master_az.as_deref(), Some("cn-north-4a"));
    assert_eq!(known.slave_az.as_deref(), Some("cn-north-4b"));
    assert!(known.error_code.is_none());
    let unknown = &answer.results[1];
    assert_eq!(unknown.id.as_deref(), Some("nope"));
    assert_eq!(unknown.error_code.as_deref(), Some("DRS.M05004"));
    assert!(unknown.error_message.is_some() && unknown.status.is_none());
    // Paging: one per page, the second page.
    let body = BatchQueryJobReqPage {
        jobs: vec![job.clone(), "nope".into()],
        page_req: Some(PageReq {
            cur_page: Some(2),
            per_page: Some(1),
        }),
    };
    let page = drs
        .batch_list_job_details()
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(page.results.len(), 1);
    assert_eq!(page.results[0].id.as_deref(), Some("nope"));
    let empty = BatchQueryJobReqPage {
        jobs: Vec::new(),
        page_req: None,
    };
    let err = error_of(drs.batch_list_job_details().body(empty).send()).await;
    assert_eq!(err.status().map(|s| s.as_u16()), Some(400));
}
