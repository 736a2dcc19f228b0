//! Failover drills end to end: the generated clients and their waiters against the simulator, one
//! drill per service, run with every signing algorithm, temporary credentials and an IAM token;
//! the simulator's ground truth says what really happened. And the waiters under faults: a
//! switchover whose answer is lost is reported as maybe performed and was performed exactly once;
//! a job query answered 503 is retried until the waiter sees the end.

mod sim_support;

use std::time::Duration;

use futures_util::StreamExt;
use hwcloud_core::wait::{PollPolicy, TokioTimer, VirtualTimer, WaitError};
use hwcloud_core::{ErrorKind, Performed};
use hwcloud_css::types::{ActionMode, UpgradeStatus};
use hwcloud_dcs::types::JobStatus;
use hwcloud_drs::types::{SwitchVipProgress, SwitchoverMode};
use hwcloud_sim::{Fault, Outcome, Scenario};
use hwcloud_tests::clients::answer_of;
use sim_support::*;

/// Real time, polling every few milliseconds: the simulator at test speed ends a switchover in
/// about 10 ms.
fn fast_polls() -> PollPolicy {
    PollPolicy::default()
        .with_initial_interval(Duration::from_millis(2))
        .with_max_interval(Duration::from_millis(10))
        .with_deadline(Duration::from_secs(10))
        .with_not_found_grace(3)
        .with_jitter(false)
        .with_timer(TokioTimer::default())
}

#[tokio::test]
async fn dcs_drill_with_every_kind_of_credentials() {
    for auth in Auth::all() {
        let sim = start().await;
        let dcs = dcs(&sim, &auth);
        let info = sim.info().dcs.clone();
        let ms = info.master_standby_instance_id.clone().unwrap();
        let cluster = info.cluster_instance_id.clone().unwrap();
        let group = info.group_id.clone().unwrap();
        let replica = info.replica_node_id.clone().unwrap();
        let master_before = master_of(&sim, &ms);

        // Master/standby: swap, and swap back, each followed to its end.
        let job = dcs
            .change_master_standby_async()
            .instance_id(&ms)
            .send_and_wait_with(fast_polls())
            .await
            .unwrap_or_else(|e| panic!("{auth:?}: {e:?}"));
        assert_eq!(job.status, JobStatus::Success, "{auth:?}");
        assert_ne!(master_of(&sim, &ms), master_before);
        dcs.change_master_standby_async()
            .instance_id(&ms)
            .send_and_wait_with(fast_polls())
            .await
            .unwrap();
        assert_eq!(master_of(&sim, &ms), master_before);

        // Cluster: promote a replica of one shard, following the job's every change.
        let started = answer_of(
            dcs.execute_cluster_switchover()
                .instance_id(&cluster)
                .group_id(&group)
                .node_id(&replica)
                .send(),
        )
        .await;
        let changes: Vec<JobStatus> = dcs
            .wait_for_job(&started.job_id)
            .policy(fast_polls())
            .stream()
            .map(|item| item.unwrap().status)
            .collect()
            .await;
        assert_eq!(
            changes.last(),
            Some(&JobStatus::Success),
            "{auth:?}: {changes:?}"
        );
        let mut deduped = changes.clone();
        deduped.dedup();
        assert_eq!(deduped, changes, "one item per change");
        assert_eq!(
            sim.snapshot()
                .dcs_instance(&cluster)
                .unwrap()
                .group(&group)
                .unwrap()
                .master,
            replica
        );

        // The synchronous swap, and what the ground truth counted.
        dcs.change_master_standby()
            .instance_id(&ms)
            .send()
            .await
            .unwrap();
        assert_ne!(master_of(&sim, &ms), master_before);
        assert_eq!(sim.performed("ChangeMasterStandbyAsync"), 2, "{auth:?}");
        assert_eq!(sim.performed("ExecuteClusterSwitchover"), 1, "{auth:?}");
        assert_eq!(sim.performed("ChangeMasterStandby"), 1, "{auth:?}");
        let signed_by: Vec<_> = sim
            .requests()
            .iter()
            .filter_map(|r| r.principal.clone())
            .collect();
        assert!(
            signed_by.iter().all(|p| *p == signed_by[0]),
            "{signed_by:?}"
        );
    }
}

#[tokio::test]
async fn drs_drill_with_every_kind_of_credentials() {
    for auth in Auth::all() {
        let mut scenario = Scenario::default();
        scenario.drs.jobs[0].outcomes = vec![Outcome::Success, Outcome::Success, Outcome::Fail];
        let sim = start_with(scenario).await;
        let drs = drs(&sim, &auth);
        let job = sim.info().drs.job_id.clone().unwrap();
        let switch = |mode| drs.switch_vip().job_id(&job).body(vip_body(mode));

        let done = switch(SwitchoverMode::Source)
            .send_and_wait_with(fast_polls())
            .await
            .unwrap_or_else(|e| panic!("{auth:?}: {e:?}"));
        assert_eq!(done.status, SwitchVipProgress::SwitchVipComplete);
        switch(SwitchoverMode::Target).send().await.unwrap();
        let done = drs
            .wait_for_switch_vip(&job)
            .policy(fast_polls())
            .await
            .unwrap();
        assert_eq!(done.status, SwitchVipProgress::SwitchVipComplete);
        let state = sim.snapshot().drs_job(&job).unwrap().clone();
        assert!(
            state.source_vip_switched && state.target_vip_switched,
            "{auth:?}"
        );

        // The third switchover fails as the scenario says: the waiter reports the failed state.
        let err = switch(SwitchoverMode::Source)
            .send_and_wait_with(fast_polls())
            .await
            .unwrap_err();
        let WaitError::Failed(last) = &err else {
            panic!("{auth:?}: {err:?}")
        };
        assert_eq!(last.status, SwitchVipProgress::SwitchVipFailed);
        assert!(last.error_code.is_some());
        assert!(err.may_have_been_performed());
        assert!(
            sim.snapshot().drs_job(&job).unwrap().source_vip_switched,
            "nothing moved back"
        );
        assert_eq!(sim.performed("SwitchVip"), 3, "{auth:?}");
    }
}

#[tokio::test]
async fn css_drill_with_every_kind_of_credentials() {
    for auth in Auth::all() {
        // A 20-second phase: each walk takes 120 ms.
        let mut scenario = Scenario::default();
        for cluster in &mut scenario.css.clusters {
            for task in &mut cluster.tasks {
                task.phase_ms = 20_000;
            }
        }
        let sim = start_with(scenario).await;
        let css = css(&sim, &auth);
        let info = sim.info().css.clone();
        let upgrading = info.upgrading_cluster_id.clone().unwrap();

        // Every visible change of the upgrade, to its end.
        let snapshots: Vec<_> = css
            .watch_upgrade(&upgrading)
            .policy(fast_polls())
            .stream()
            .map(|item| item.unwrap_or_else(|e| panic!("{auth:?}: {e:?}")))
            .collect()
            .await;
        let last = snapshots.last().unwrap();
        assert_eq!(last.status, Some(UpgradeStatus::Success), "{auth:?}");
        assert_eq!(last.progress(), Some(1.0));
        let progress: Vec<f64> = snapshots.iter().map(|s| s.progress().unwrap()).collect();
        assert!(progress.windows(2).all(|w| w[0] <= w[1]), "{progress:?}");
        for snapshot in &snapshots {
            let done = snapshot.completed_nodes();
            assert_eq!(done[..], snapshot.total_nodes()[..done.len()]);
        }

        // The AZ switchover, and what it says it does.
        // It may have ended by now: a watch follows it only when asked for it by id (a watch
        // with no id presents no finished task as an outcome).
        let az_cluster = info.az_migrating_cluster_id.as_deref().unwrap();
        let az_task = css
            .upgrade_tasks(az_cluster)
            .action_mode(ActionMode::AzMigration)
            .collect()
            .await
            .unwrap()
            .into_iter()
            .find_map(|t| t.id)
            .expect("the scenario's AZ switchover");
        let az = css
            .watch_upgrade(az_cluster)
            .action_mode(ActionMode::AzMigration)
            .task_id(az_task)
            .policy(fast_polls())
            .await
            .unwrap();
        let param = az.migrate_param().unwrap().unwrap();
        assert_eq!(param.target_az.as_deref(), Some("cn-north-4c"));
        let placement = az.final_az_info_map().unwrap().unwrap();
        assert_eq!(placement["cn-north-4c"], az.total_nodes());

        // Every task of the cluster, one page at a time.
        let tasks = css
            .upgrade_tasks(&upgrading)
            .page_size(1)
            .collect()
            .await
            .unwrap();
        let ids: Vec<_> = tasks.iter().map(|t| t.id.clone().unwrap()).collect();
        assert_eq!(
            ids,
            [
                "b7ac4c5b-3bda-4feb-a303-eb80f4bce986",
                "5f0c2b1a-9d8e-4f7a-b6c5-d4e3f2a1b0c9"
            ]
        );
        let pages: Vec<_> = sim
            .requests_of("UpgradeDetail")
            .into_iter()
            .filter_map(|r| r.query)
            .filter(|q| q.split('&').any(|p| p == "limit=1"))
            .collect();
        assert_eq!(pages.len(), 2, "{pages:?}");
    }
}

#[tokio::test]
async fn a_failing_upgrade_ends_the_watch_with_its_failed_state() {
    let mut scenario = Scenario::default();
    let task = &mut scenario.css.clusters[0].tasks[1];
    task.phase_ms = 20_000;
    task.outcome = Outcome::Fail;
    task.fail_node = Some(1);
    task.fail_phase = Some(1);
    let sim = start_with(scenario).await;
    let css = css(&sim, &sha256());
    let cluster = sim.info().css.upgrading_cluster_id.clone().unwrap();
    let err = css
        .watch_upgrade(&cluster)
        .policy(fast_polls())
        .await
        .unwrap_err();
    let failed = err
        .last_state()
        .unwrap_or_else(|| panic!("the failed state: {err:?}"));
    assert_eq!(failed.status, Some(UpgradeStatus::Failed));
    assert_eq!(failed.completed_nodes(), ["css-test-ess-esn-1-1"]);
    assert_eq!(
        failed.current_node_name.as_deref(),
        Some("css-test-ess-esn-2-1")
    );
}

#[tokio::test]
async fn a_failing_job_ends_the_wait_with_its_reason() {
    let mut scenario = Scenario::default();
    scenario.dcs.instances[0].outcomes = vec![Outcome::Fail];
    let sim = start_with(scenario).await;
    let ms = master_standby(&sim);
    let master = master_of(&sim, &ms);
    let err = dcs(&sim, &sha256())
        .change_master_standby_async()
        .instance_id(&ms)
        .send_and_wait_with(fast_polls())
        .await
        .unwrap_err();
    let job = err.last_state().expect("the failed job");
    assert_eq!(job.status, JobStatus::Fail);
    assert_eq!(
        job.fail_reason.as_deref(),
        Some("The replica is not in sync with the master.")
    );
    assert_eq!(master_of(&sim, &ms), master);
}

#[tokio::test]
async fn a_lost_answer_is_maybe_performed_and_was_performed_exactly_once() {
    let sim = start().await;
    let info = sim.info().clone();
    let dcs = dcs(&sim, &sha256());
    let drs = drs(&sim, &sha256());
    inject_on_every_switchover(&sim, Fault::reset_after_perform);
    let ms = master_standby(&sim);
    let swap = dcs.change_master_standby_async().instance_id(&ms);
    let shard = dcs.execute_cluster_switchover();
    let shard = shard.instance_id(info.dcs.cluster_instance_id.as_deref().unwrap());
    let shard = shard.group_id(info.dcs.group_id.as_deref().unwrap());
    let shard = shard.node_id(info.dcs.replica_node_id.as_deref().unwrap());
    let vip = drs.switch_vip().job_id(info.drs.job_id.as_deref().unwrap());
    let vip = vip.body(vip_body(SwitchoverMode::Source));
    let errors = [
        swap.send_and_wait_with(fast_polls())
            .await
            .unwrap_err()
            .map_state(|_| ()),
        shard
            .send_and_wait_with(fast_polls())
            .await
            .unwrap_err()
            .map_state(|_| ()),
        vip.send_and_wait_with(fast_polls())
            .await
            .unwrap_err()
            .map_state(|_| ()),
    ];
    let errors: Vec<_> = errors
        .into_iter()
        .map(|e| {
            // Lost after it was performed: maybe, with what resolving it needs.
            assert_eq!(e.performed(), Performed::Maybe, "{e:?}");
            let message = e.to_string();
            assert!(
                message.contains("may have reached the service"),
                "{message}"
            );
            e.resume().expect("resolvable").clone()
        })
        .collect();
    for op in SWITCHOVERS {
        assert_eq!(sim.performed(op), 1, "{op} performed exactly once");
        assert_eq!(sim.requests_of(op).len(), 1, "{op} never sent again");
    }
    // Resolved by evidence, as each spec says, and followed to a proven end: never sent again.
    let resolved: Vec<serde_json::Value> = vec![
        dcs.resume(errors[0].clone())
            .policy(fast_polls())
            .await
            .expect("the swap's background task, then the roles"),
        dcs.resume(errors[1].clone())
            .policy(fast_polls())
            .await
            .expect("the shard's background task, then the promoted replica"),
        drs.resume(errors[2].clone())
            .policy(fast_polls())
            .await
            .expect("the status left its baseline"),
    ];
    assert_eq!(resolved[0]["status"], "SUCCESS");
    assert_eq!(resolved[2]["status"], "SWITCH_VIP_COMPLETE");
    for op in SWITCHOVERS {
        assert_eq!(sim.performed(op), 1, "{op} performed exactly once");
        assert_eq!(sim.requests_of(op).len(), 1, "{op} never sent again");
    }
    // The same through the typed error.
    sim.inject(Fault::reset_after_perform().on("ChangeMasterStandbyAsync"))
        .unwrap();
    // Wait for the first swap to end, so that this one is accepted.
    until_idle(&sim, &ms).await;
    let err = dcs
        .change_master_standby_async()
        .instance_id(&ms)
        .send_and_wait_with(fast_polls())
        .await
        .unwrap_err();
    let WaitError::Lost { error, .. } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(error.kind(), ErrorKind::MaybeSent);
    assert!(err.may_have_been_performed());
    assert_eq!(sim.performed("ChangeMasterStandbyAsync"), 2);
}

#[tokio::test]
async fn a_job_query_answered_503_is_retried_until_the_waiter_sees_the_end() {
    let sim = start().await;
    let dcs = dcs(&sim, &sha256());
    let ms = master_standby(&sim);
    // More 503s than one poll's attempts (3): the core retries, then the waiter polls again.
    sim.inject(Fault::status(503).on("ShowJobInfo").times(5))
        .unwrap();
    let job = dcs
        .change_master_standby_async()
        .instance_id(&ms)
        .send_and_wait_with(fast_polls())
        .await
        .unwrap();
    assert_eq!(job.status, JobStatus::Success);
    let statuses: Vec<_> = sim
        .requests_of("ShowJobInfo")
        .iter()
        .map(|r| r.status)
        .collect();
    assert_eq!(statuses[..5], [Some(503); 5], "{statuses:?}");
    assert_eq!(statuses.last(), Some(&Some(200)));
    assert_eq!(sim.performed("ChangeMasterStandbyAsync"), 1);
}

#[tokio::test]
async fn a_deadline_in_virtual_time_gives_up_while_the_switchover_goes_on() {
    // A job of a simulated hour; the waiter gives up after ten virtual minutes, in no real time
    // to speak of.
    let mut scenario = Scenario::default();
    scenario.dcs.durations.running_ms = 3_600_000;
    let sim = start_with(scenario).await;
    let dcs = dcs(&sim, &sha256());
    let ms = master_standby(&sim);
    let job = start_swap(&dcs, &ms).await;
    let timer = VirtualTimer::new();
    let started = std::time::Instant::now();
    let err = dcs
        .wait_for_job(&job)
        .timer(timer.clone())
        .deadline(Duration::from_secs(600))
        .await
        .unwrap_err();
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
    assert!(timer.elapsed() >= Duration::from_secs(600));
    let WaitError::Deadline { last, .. } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(last.as_ref().unwrap().status, JobStatus::Running);
    assert!(
        sim.snapshot().dcs_instance(&ms).unwrap().switching,
        "the switchover goes on"
    );
    assert_eq!(sim.performed("ChangeMasterStandbyAsync"), 1);
}
