//! The upgrade watcher, the task pager and the typed helpers, against scripted answers, in virtual
//! time.

use std::time::Duration;

use futures_util::StreamExt;
use hwcloud_core::wait::{PollPolicy, VirtualTimer, WaitError};
use hwcloud_css::Client;
use hwcloud_css::types::{ActionMode, GetUpgradeDetailInfo, UpgradeStatus};
use hwcloud_tests::{Reply, ScriptedServer, waiting};
use serde_json::{Value, json};

const PROJECT_ID: &str = "6204a5bd270343b5885144cf9c8c158d";
const CLUSTER_ID: &str = "ea244205-d641-45d9-9dcb-ab2236bcd07e";
const NODES: [&str; 3] = ["css-1", "css-2", "css-3"];

fn client(server: &ScriptedServer) -> Client {
    waiting::fast_client(Client::builder, &server.url(), PROJECT_ID)
}

fn policy(timer: &VirtualTimer) -> PollPolicy {
    waiting::virtual_policy(timer, Duration::from_secs(3600))
}

/// The task while node `current` (0-based) goes through its two phases: `phase` of them done.
fn task(status: &str, done: usize, current: Option<usize>, phase: usize, extra: Value) -> Value {
    let phases: Vec<Value> = ["Data migration", "Node replacement"]
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let status = match i.cmp(&phase) {
                std::cmp::Ordering::Less => "SUCCESS",
                std::cmp::Ordering::Equal => "RUNNING",
                std::cmp::Ordering::Greater => "WAITING",
            };
            json!({"order": i, "name": name, "status": status})
        })
        .collect();
    let mut task = json!({
        "id": "task-1",
        "startTime": "2026-11-23T02:00:00",
        "status": status,
        "totalNodes": NODES.join(","),
        "completedNodes": NODES[..done].join(","),
        "currentNodeName": current.map(|c| NODES[c]).unwrap_or(""),
        "currentNodeDetail": if current.is_some() { phases } else { Vec::new() },
    });
    if let (Value::Object(t), Value::Object(e)) = (&mut task, extra) {
        t.extend(e);
    }
    task
}

fn page(tasks: Vec<Value>, total: usize) -> Reply {
    Reply::json(
        200,
        &json!({"totalSize": total, "detailList": tasks}).to_string(),
    )
}

fn one(task: Value) -> Reply {
    page(vec![task], 1)
}

#[tokio::test]
async fn an_upgrade_walks_three_nodes_through_their_phases() {
    let mut script = Vec::new();
    for node in 0..3 {
        for phase in 0..2 {
            script.push(one(task("RUNNING", node, Some(node), phase, json!({}))));
            // Each state is answered twice: the repeat is no change, and is not reported.
            script.push(one(task("RUNNING", node, Some(node), phase, json!({}))));
        }
    }
    script.push(one(task(
        "SUCCESS",
        3,
        None,
        0,
        json!({"endTime": "2026-11-23T02:30:00"}),
    )));
    let server = ScriptedServer::start(script).await;
    let timer = VirtualTimer::new();
    let css = client(&server);
    let snapshots: Vec<GetUpgradeDetailInfo> = css
        .watch_upgrade(CLUSTER_ID)
        .policy(policy(&timer))
        .stream()
        .map(|s| s.expect("no error"))
        .collect()
        .await;
    assert_eq!(snapshots.len(), 7, "six node phases and the end");
    let progress: Vec<(Option<String>, usize)> = snapshots
        .iter()
        .map(|s| (s.current_node_name.clone(), s.completed_nodes().len()))
        .collect();
    assert_eq!(progress[0], (Some("css-1".into()), 0));
    assert_eq!(progress[2], (Some("css-2".into()), 1));
    assert_eq!(progress[5], (Some("css-3".into()), 2));
    let last = snapshots.last().unwrap();
    assert_eq!(last.status, Some(UpgradeStatus::Success));
    assert_eq!(last.total_nodes(), NODES);
    assert_eq!(last.progress(), Some(1.0));
    assert_eq!(snapshots[2].progress(), Some(1.0 / 3.0));
    assert_eq!(server.requests().len(), 13);
}

#[tokio::test]
async fn an_az_switchover_is_watched_with_its_embedded_json() {
    let extra = json!({
        "migrateParam": r#"{"instType":"ess","migrateType":"az_migrate","sourceAz":"eu-de-01","targetAz":"eu-de-02"}"#,
        "finalAzInfoMap": r#"{"eu-de-02":"css-1,css-2,css-3"}"#
    });
    let server = ScriptedServer::start(vec![
        one(task("RUNNING", 1, Some(1), 0, extra.clone())),
        one(task("SUCCESS", 3, None, 0, extra)),
    ])
    .await;
    let timer = VirtualTimer::new();
    let done = client(&server)
        .watch_upgrade(CLUSTER_ID)
        .action_mode(ActionMode::AzMigration)
        .policy(policy(&timer))
        .await
        .expect("succeeds");
    assert!(
        server.requests()[0]
            .target
            .contains("/upgrade/detail?action_mode=AZ_MIGRATION&offset=1&limit=1000"),
        "{}",
        server.requests()[0].target
    );
    let param = done.migrate_param().expect("present").expect("parses");
    assert_eq!(param.source_az.as_deref(), Some("eu-de-01"));
    assert_eq!(param.target_az.as_deref(), Some("eu-de-02"));
    assert_eq!(param.migrate_type.as_deref(), Some("az_migrate"));
    let map = done.final_az_info_map().expect("present").expect("parses");
    assert_eq!(map["eu-de-02"], NODES);
}

#[tokio::test]
async fn embedded_json_that_does_not_parse_is_an_error_value() {
    let broken: GetUpgradeDetailInfo = serde_json::from_value(json!({
        "migrateParam": "{not json",
        "finalAzInfoMap": "[1, 2]",
        "totalNodes": "a,,b, ",
    }))
    .unwrap();
    assert!(broken.migrate_param().expect("present").is_err());
    assert!(broken.final_az_info_map().expect("present").is_err());
    assert_eq!(broken.total_nodes(), ["a", "b"]);
    assert_eq!(broken.completed_nodes(), Vec::<&str>::new());
    let empty: GetUpgradeDetailInfo = serde_json::from_value(json!({"migrateParam": ""})).unwrap();
    assert!(empty.migrate_param().is_none());
    assert!(empty.progress().is_none());
}

#[tokio::test]
async fn failed_and_partially_failed_tasks_end_the_watch() {
    for status in ["FAILED", "PARTIAL_FAILED"] {
        let server = ScriptedServer::start(vec![
            one(task("RUNNING", 0, Some(0), 0, json!({}))),
            one(task(status, 1, None, 0, json!({}))),
        ])
        .await;
        let timer = VirtualTimer::new();
        let err = client(&server)
            .watch_upgrade(CLUSTER_ID)
            .policy(policy(&timer))
            .await
            .expect_err(status);
        match err {
            WaitError::Failed(task) => {
                assert_eq!(task.status.expect("status").to_string(), status)
            }
            other => panic!("{other:?}"),
        }
    }
}

#[tokio::test]
async fn a_watch_never_ends_on_a_task_from_before_it_started() {
    // Only finished tasks: nothing runs, and no finished task is presented as an outcome.
    let old = json!({"id": "old", "startTime": "2026-01-01T00:00:00", "status": "SUCCESS"});
    let older = json!({"id": "older", "startTime": "2025-01-01T00:00:00", "status": "FAILED"});
    let server = ScriptedServer::start(vec![page(vec![old.clone(), older], 2)]).await;
    let timer = VirtualTimer::new();
    let css = client(&server);
    let err = css
        .watch_upgrade(CLUSTER_ID)
        .policy(policy(&timer))
        .await
        .expect_err("nothing runs");
    assert!(matches!(err, WaitError::NothingRunning), "{err:?}");
    assert_eq!(err.performed(), hwcloud_core::Performed::No);
    // Asked for by id, a finished task is its own outcome.
    let named = css
        .watch_upgrade(CLUSTER_ID)
        .task_id("old")
        .policy(policy(&timer))
        .await
        .expect("done");
    assert_eq!(named.id.as_deref(), Some("old"));
}

#[tokio::test]
async fn the_running_task_is_pinned_on_any_page_and_a_newer_one_does_not_replace_it() {
    let done = |id: &str| json!({"id": id, "status": "SUCCESS"});
    let running = json!({"id": "mine", "status": "RUNNING"});
    let finished = json!({"id": "mine", "status": "SUCCESS"});
    let newer = json!({"id": "newer", "status": "RUNNING", "startTime": "2027-01-01T00:00:00"});
    // 1000 finished tasks fill the first page; the running one is on the second.
    let first: Vec<Value> = (0..1000).map(|i| done(&format!("t{i}"))).collect();
    let server = ScriptedServer::start(vec![
        page(first.clone(), 1001),
        page(vec![running.clone()], 1001),
        // While watched, a newer task starts and is listed first.
        page([vec![newer.clone()], first[..999].to_vec()].concat(), 1002),
        page(vec![first[999].clone(), running], 1002),
        page([vec![newer], first[..999].to_vec()].concat(), 1002),
        page(vec![first[999].clone(), finished], 1002),
    ])
    .await;
    let timer = VirtualTimer::new();
    let ended = client(&server)
        .watch_upgrade(CLUSTER_ID)
        .policy(policy(&timer))
        .await
        .expect("the pinned task succeeds");
    assert_eq!(ended.id.as_deref(), Some("mine"));
    let offsets: Vec<bool> = server
        .requests()
        .iter()
        .map(|r| r.target.contains("offset=1001"))
        .collect();
    assert_eq!(
        offsets,
        [false, true, false, true, false, true],
        "every page is read"
    );
}

#[tokio::test]
async fn the_pager_walks_three_pages_with_offset_and_limit() {
    let tasks = |from: usize, n: usize| -> Vec<Value> {
        (from..from + n)
            .map(|i| json!({"id": format!("t{i}"), "status": "SUCCESS"}))
            .collect()
    };
    let server = ScriptedServer::start(vec![
        page(tasks(1, 2), 5),
        page(tasks(3, 2), 5),
        page(tasks(5, 1), 5),
    ])
    .await;
    let all = client(&server)
        .upgrade_tasks(CLUSTER_ID)
        .page_size(2)
        .collect()
        .await
        .expect("every page");
    let ids: Vec<_> = all.iter().filter_map(|t| t.id.clone()).collect();
    assert_eq!(ids, ["t1", "t2", "t3", "t4", "t5"]);
    let queries: Vec<String> = server
        .requests()
        .iter()
        .map(|r| {
            r.target
                .split_once('?')
                .map(|(_, q)| q.to_owned())
                .unwrap_or_default()
        })
        .collect();
    assert_eq!(
        queries,
        ["limit=2&offset=1", "limit=2&offset=3", "limit=2&offset=5"]
    );
}

#[tokio::test]
async fn the_pager_stops_at_an_error() {
    let server = ScriptedServer::start(vec![Reply::json(
        403,
        r#"{"errCode":"CSS.0015","externalMessage":"denied"}"#,
    )])
    .await;
    let err = client(&server)
        .upgrade_tasks(CLUSTER_ID)
        .collect()
        .await
        .expect_err("403");
    assert_eq!(
        err.service_error().and_then(|e| e.error_code.as_deref()),
        Some("CSS.0015")
    );
    assert_eq!(server.requests().len(), 1);
}
