//! Every generated waiter driven through the simulator's hard cases, in virtual time on the
//! client's side, hit-counted against the simulator's ground truth: a status that reports the
//! previous outcome, a task listed late or after an older finished one, a job that reports
//! SUCCESS while nothing changed, a busy instance. Nothing is sent twice, and nothing is called
//! a success without evidence.

mod sim_support;

use std::time::Duration;

use hwcloud_core::Performed;
use hwcloud_core::wait::{PollPolicy, VirtualTimer, WaitError};
use hwcloud_css::types::{InstType, MigrateType, UpdateAzByInstanceTypeRequestBody};
use hwcloud_dcs::types::JobStatus;
use hwcloud_drs::types::{SwitchVipProgress, SwitchoverMode};
use hwcloud_sim::{Fault, Outcome, Scenario, SimHandle};
use sim_support::*;

/// Polls at once (virtual time) for at most `secs` virtual seconds.
fn policy(secs: u64) -> PollPolicy {
    PollPolicy::default()
        .with_jitter(false)
        .with_initial_interval(Duration::from_millis(200))
        .with_max_interval(Duration::from_secs(2))
        .with_deadline(Duration::from_secs(secs))
        .with_timer(VirtualTimer::new())
}

/// Real polling, for waits that need the simulator's clock to move.
fn real(secs: u64) -> PollPolicy {
    PollPolicy::default()
        .with_jitter(false)
        .with_initial_interval(Duration::from_millis(5))
        .with_max_interval(Duration::from_millis(20))
        .with_deadline(Duration::from_secs(secs))
}

fn drs_job(sim: &SimHandle) -> String {
    sim.info().drs.job_id.clone().expect("a DRS job")
}

#[tokio::test]
async fn drs_a_status_stuck_on_the_previous_outcome_is_never_a_success() {
    let sim = start().await;
    let drs = drs(&sim, &sha256());
    let job = drs_job(&sim);
    // A first switchover, completed: the status now reports SWITCH_VIP_COMPLETE.
    drs.switch_vip()
        .job_id(&job)
        .body(vip_body(SwitchoverMode::Source))
        .send_and_wait_with(real(5))
        .await
        .expect("the first switchover completes");
    // From now on the status query repeats what it said last.
    sim.inject(Fault::stale().on("ShowSwitchVipStatus").always())
        .unwrap();
    let err = drs
        .switch_vip()
        .job_id(&job)
        .body(vip_body(SwitchoverMode::Target))
        .send_and_wait_with(policy(60))
        .await
        .expect_err("no evidence of this switchover");
    match &err {
        WaitError::NoEvidence { last, .. } => assert_eq!(
            last.as_ref().expect("seen").status,
            SwitchVipProgress::SwitchVipComplete
        ),
        other => panic!("{other:?}"),
    }
    assert_eq!(err.performed(), Performed::Maybe);
    assert_eq!(sim.performed("SwitchVip"), 2, "each switchover sent once");
    // Followed by its job id alone, with nothing read before it: the previous outcome is no
    // evidence either.
    let err = drs
        .wait_for_switch_vip(&job)
        .policy(policy(60))
        .await
        .expect_err("a completed status never seen in progress is no evidence");
    assert!(matches!(err, WaitError::NoEvidence { .. }), "{err:?}");
    assert_eq!(sim.performed("SwitchVip"), 2);
}

#[tokio::test]
async fn drs_a_status_stale_for_a_few_polls_then_this_outcome() {
    // The previous switchover failed; this one completes, but the status reports the previous
    // failure for the baseline read and three polls.
    let mut scenario = Scenario::default();
    for job in &mut scenario.drs.jobs {
        job.outcomes = vec![Outcome::Fail, Outcome::Success];
    }
    let sim = start_with(scenario).await;
    let drs = drs(&sim, &sha256());
    let job = drs_job(&sim);
    let err = drs
        .switch_vip()
        .job_id(&job)
        .body(vip_body(SwitchoverMode::Source))
        .send_and_wait_with(real(5))
        .await
        .expect_err("the first switchover fails");
    assert!(matches!(err, WaitError::Failed(_)), "{err:?}");
    assert_eq!(err.performed(), Performed::Yes);
    sim.inject(Fault::stale().on("ShowSwitchVipStatus").times(4))
        .unwrap();
    let done = drs
        .switch_vip()
        .job_id(&job)
        .body(vip_body(SwitchoverMode::Source))
        .send_and_wait_with(real(5))
        .await
        .expect("the status left its baseline: this switchover's outcome");
    assert_eq!(done.status, SwitchVipProgress::SwitchVipComplete);
    let stale = sim
        .requests_of("ShowSwitchVipStatus")
        .iter()
        .filter(|r| r.faults.iter().any(|f| f == "stale"))
        .count();
    assert_eq!(stale, 4);
    assert_eq!(sim.performed("SwitchVip"), 2, "each switchover sent once");
}

#[tokio::test]
async fn dcs_a_job_success_with_unchanged_roles_is_contradicted() {
    let mut scenario = Scenario::default();
    for instance in &mut scenario.dcs.instances {
        instance.outcomes = vec![Outcome::SuccessUnchanged];
    }
    let sim = start_with(scenario).await;
    let dcs = dcs(&sim, &sha256());
    let instance = master_standby(&sim);
    let master = master_of(&sim, &instance);
    let err = dcs
        .change_master_standby_async()
        .instance_id(&instance)
        .send_and_wait_with(real(5))
        .await
        .expect_err("the roles did not change");
    match &err {
        WaitError::Contradicted { state, why } => {
            assert_eq!(state.status, JobStatus::Success);
            assert!(why.contains(&master), "{why}");
            assert!(why.contains("still replication_role master"), "{why}");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(err.performed(), Performed::Maybe);
    assert_eq!(master_of(&sim, &instance), master, "the ground truth");
    assert_eq!(sim.performed("ChangeMasterStandbyAsync"), 1);
    // The simulator checks it as the spec's waiter does, and agrees.
    let WaitError::Contradicted { why, .. } = &err else {
        unreachable!()
    };
    assert_eq!(sim.verify(0).await, Some(Err(why.clone())));
}

#[tokio::test]
async fn dcs_a_switchover_is_proven_by_the_roles() {
    let sim = start().await;
    let dcs = dcs(&sim, &sha256());
    let instance = master_standby(&sim);
    let master = master_of(&sim, &instance);
    let job = dcs
        .change_master_standby_async()
        .instance_id(&instance)
        .send_and_wait_with(real(5))
        .await
        .expect("proven");
    assert_eq!(job.status, JobStatus::Success);
    assert_ne!(master_of(&sim, &instance), master);
    assert_eq!(sim.performed("ChangeMasterStandbyAsync"), 1);
    assert_eq!(sim.verify(0).await, Some(Ok(())), "the spec's proof holds");
    assert_eq!(
        sim.requests_of("ListGroupReplicationInfo").len(),
        2,
        "read before sending, and to prove it"
    );
}

#[tokio::test]
async fn dcs_a_busy_instance_refuses_nothing_performed_and_retry_while_busy_sends_again() {
    let sim = start().await;
    let dcs = dcs(&sim, &sha256());
    let instance = master_standby(&sim);
    let master = master_of(&sim, &instance);
    sim.inject(Fault::busy("DCS.4049").on("ChangeMasterStandbyAsync"))
        .unwrap();
    let err = dcs
        .change_master_standby_async()
        .instance_id(&instance)
        .send_and_wait_with(policy(60))
        .await
        .expect_err("busy");
    assert!(matches!(&err, WaitError::Busy(_)), "{err:?}");
    assert_eq!(err.performed(), Performed::No);
    assert_eq!(
        sim.performed("ChangeMasterStandbyAsync"),
        0,
        "nothing started"
    );
    assert_eq!(master_of(&sim, &instance), master);

    sim.inject(
        Fault::busy("DCS.4096")
            .on("ChangeMasterStandbyAsync")
            .times(2),
    )
    .unwrap();
    dcs.change_master_standby_async()
        .instance_id(&instance)
        .send_and_wait_with(real(5))
        .retry_while_busy(Duration::from_secs(5))
        .await
        .expect("sent again once idle, and proven");
    assert_eq!(
        sim.performed("ChangeMasterStandbyAsync"),
        1,
        "performed once"
    );
    assert_eq!(sim.requests_of("ChangeMasterStandbyAsync").len(), 4);
    assert_ne!(master_of(&sim, &instance), master);
}

#[tokio::test]
async fn dcs_a_cluster_switchover_is_proven_by_the_promoted_replica() {
    let sim = start().await;
    let dcs = dcs(&sim, &sha256());
    let info = sim.info();
    let instance = info.dcs.cluster_instance_id.clone().expect("a cluster");
    let group = info.dcs.group_id.clone().expect("a shard");
    let node = info.dcs.replica_node_id.clone().expect("a replica");
    dcs.execute_cluster_switchover()
        .instance_id(&instance)
        .group_id(&group)
        .node_id(&node)
        .send_and_wait_with(real(5))
        .await
        .expect("the replica is master");
    assert_eq!(sim.performed("ExecuteClusterSwitchover"), 1);
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

fn fast_css() -> Scenario {
    let mut scenario = Scenario::default();
    for cluster in &mut scenario.css.clusters {
        cluster.az_switch_phase_ms = 2_000;
    }
    scenario
}

#[tokio::test]
async fn css_an_az_switch_follows_its_own_task_listed_late_after_an_older_finished_one() {
    let sim = start_with(fast_css()).await;
    let css = css(&sim, &sha256());
    let cluster = sim.info().css.idle_cluster_id.clone().expect("idle");
    // An older task, finished: there, then back.
    css.update_az_by_instance_type()
        .cluster_id(&cluster)
        .inst_type(InstType::Ess)
        .body(az_body("cn-north-4a", "cn-north-4c"))
        .send_and_wait_with(real(10))
        .await
        .expect("the first switch is proven");
    // The new task shows only after three more reads of the list.
    sim.inject(Fault::stale().on("UpgradeDetail").times(4))
        .unwrap();
    let task = css
        .update_az_by_instance_type()
        .cluster_id(&cluster)
        .inst_type(InstType::Ess)
        .body(az_body("cn-north-4c", "cn-north-4a"))
        .send_and_wait_with(real(10))
        .await
        .expect("the second switch is followed and proven");
    let tasks = css
        .upgrade_tasks(&cluster)
        .action_mode(hwcloud_css::types::ActionMode::AzMigration)
        .collect()
        .await
        .unwrap();
    assert_eq!(tasks.len(), 2);
    let first_id = tasks
        .iter()
        .find(|t| t.id != task.id)
        .and_then(|t| t.id.clone());
    assert!(task.id.is_some() && task.id != first_id, "{task:?}");
    assert_eq!(sim.performed("UpdateAzByInstanceType"), 2);
}

#[tokio::test]
async fn css_an_az_switch_that_moved_nothing_is_contradicted() {
    let mut scenario = fast_css();
    for cluster in &mut scenario.css.clusters {
        cluster.outcomes = vec![Outcome::SuccessUnchanged];
    }
    let sim = start_with(scenario).await;
    let css = css(&sim, &sha256());
    let cluster = sim.info().css.idle_cluster_id.clone().expect("idle");
    let err = css
        .update_az_by_instance_type()
        .cluster_id(&cluster)
        .inst_type(InstType::Ess)
        .body(az_body("cn-north-4a", "cn-north-4c"))
        .send_and_wait_with(real(10))
        .await
        .expect_err("no node moved");
    match &err {
        WaitError::Contradicted { why, .. } => {
            assert!(why.contains("azCode cn-north-4a"), "{why}");
            assert_eq!(sim.verify(0).await, Some(Err(why.clone())));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(sim.performed("UpdateAzByInstanceType"), 1);
}

#[tokio::test]
async fn the_simulator_checks_every_switchover_as_its_spec_proves_it() {
    // Each switchover, unchanged then done, and the simulator's own check of it, made from the
    // specs' waiters: a DRS switchover has no verification, the others hold only when done.
    let mut scenario = Scenario::default();
    for instance in &mut scenario.dcs.instances {
        instance.outcomes = vec![Outcome::SuccessUnchanged, Outcome::Success];
    }
    let sim = start_with(scenario).await;
    let dcs = dcs(&sim, &sha256());
    let drs = drs(&sim, &sha256());
    let instance = master_standby(&sim);
    // Each is checked once its wait ended: a later switchover of the same instance changes
    // what the check reads.
    let mut checked = Vec::new();
    for _ in 0..2 {
        let _ = dcs
            .change_master_standby_async()
            .instance_id(&instance)
            .send_and_wait_with(real(5))
            .await;
        checked.push(sim.verify(checked.len()).await);
    }
    dcs.change_master_standby()
        .instance_id(&instance)
        .send_and_wait_with(real(5))
        .await
        .expect("the synchronous swap, proven by the roles");
    checked.push(sim.verify(2).await);
    let job = drs_job(&sim);
    let _ = drs
        .switch_vip()
        .job_id(&job)
        .body(vip_body(SwitchoverMode::Source))
        .send_and_wait_with(real(5))
        .await;
    checked.push(sim.verify(3).await);
    let performed: Vec<String> = sim.switchovers().into_iter().map(|p| p.operation).collect();
    assert_eq!(
        performed,
        [
            "ChangeMasterStandbyAsync",
            "ChangeMasterStandbyAsync",
            "ChangeMasterStandby",
            "SwitchVip"
        ]
    );
    assert!(
        matches!(&checked[0], Some(Err(why)) if why.contains("still replication_role master")),
        "{checked:?}"
    );
    assert_eq!(checked[1], Some(Ok(())), "{checked:?}");
    assert_eq!(checked[2], Some(Ok(())), "{checked:?}");
    assert_eq!(checked[3], None, "no verification declared: {checked:?}");
    assert_eq!(sim.verify(4).await, None, "no such switchover");
}

#[tokio::test]
async fn css_a_watch_with_nothing_running_says_so() {
    let sim = start_with(fast_css()).await;
    let css = css(&sim, &sha256());
    let cluster = sim.info().css.idle_cluster_id.clone().expect("idle");
    css.update_az_by_instance_type()
        .cluster_id(&cluster)
        .inst_type(InstType::Ess)
        .body(az_body("cn-north-4a", "cn-north-4c"))
        .send_and_wait_with(real(10))
        .await
        .expect("proven");
    // The only task has ended: a watch does not present it as an outcome.
    let err = css
        .watch_upgrade(&cluster)
        .action_mode(hwcloud_css::types::ActionMode::AzMigration)
        .policy(policy(60))
        .await
        .expect_err("nothing runs");
    assert!(matches!(err, WaitError::NothingRunning), "{err:?}");
    assert_eq!(err.performed(), Performed::No);
}
