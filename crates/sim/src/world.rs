//! The simulated resources and how they move: DCS instances and jobs, DRS virtual IP switchovers,
//! CSS upgrades and AZ switchovers.
//!
//! State advances lazily: every access first settles what simulated time has completed, in order,
//! so that what a poll sees is exactly what the durations say, whatever the polling rate.

use std::collections::{BTreeMap, VecDeque};

use serde::Serialize;

use hwcloud_css::types as css;
use hwcloud_dcs::types as dcs;
use hwcloud_drs::types as drs;

use crate::clock::css_time;

mod reads;

use crate::scenario::{CssTaskKind, CssTaskSpec, DcsInstanceKind, Outcome, PhaseSpec, Scenario};
pub(crate) use reads::TaskQuery;

/// An error answer, before it is written in the service's format.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ApiError {
    pub status: u16,
    pub code: String,
    pub msg: String,
}

impl ApiError {
    pub(crate) fn new(status: u16, code: &str, msg: impl Into<String>) -> Self {
        Self {
            status,
            code: code.to_owned(),
            msg: msg.into(),
        }
    }
}

/// Error codes. Those the API pages document are marked; the others are the simulator's own, in
/// the service's style.
pub(crate) mod codes {
    /// DCS, documented (ChangeMasterStandby's 400): "Master standby swap is not supported."
    pub(crate) const DCS_SWAP_NOT_SUPPORTED: &str = "DCS.4855";
    /// DCS, documented (the v1 error table): "This DCS instance does not exist."
    pub(crate) const DCS_INSTANCE_NOT_FOUND: &str = "111404022";
    /// DCS, documented (the pages' 400 example): "Invalid {0} parameter in the request."
    pub(crate) const DCS_INVALID_PARAMETER: &str = "111400063";
    /// DCS, the simulator's: the job does not exist.
    pub(crate) const DCS_JOB_NOT_FOUND: &str = "DCS.4404";
    /// DCS, the simulator's: a switchover of the instance is already running.
    pub(crate) const DCS_SWITCHOVER_RUNNING: &str = "DCS.4856";
    /// DCS, the simulator's: the synchronous switchover failed.
    pub(crate) const DCS_SWITCHOVER_FAILED: &str = "DCS.5855";
    /// DRS, the simulator's: the job does not exist.
    pub(crate) const DRS_JOB_NOT_FOUND: &str = "DRS.M05004";
    /// DRS, the simulator's: a virtual IP switchover of the job is already running.
    pub(crate) const DRS_SWITCH_RUNNING: &str = "DRS.M05023";
    /// DRS, the simulator's: the job has had no virtual IP switchover.
    pub(crate) const DRS_NO_SWITCH: &str = "DRS.M05024";
    /// DRS, the simulator's: a switchover failed (in `ShowSwitchVipStatus`).
    pub(crate) const DRS_SWITCH_FAILED: &str = "DRS.M05025";
    /// DRS, the simulator's: invalid request.
    pub(crate) const DRS_INVALID_PARAMETER: &str = "DRS.M00002";
    /// CSS, documented (UpgradeDetail's 403): "No resources are found or the access is denied."
    pub(crate) const CSS_NOT_FOUND: &str = "CSS.0015";
    /// CSS, the simulator's: invalid request parameter.
    pub(crate) const CSS_INVALID_PARAMETER: &str = "CSS.0001";
    /// CSS, the simulator's: the cluster is running a task (upgrade or AZ switchover).
    pub(crate) const CSS_CLUSTER_BUSY: &str = "CSS.0002";
    /// DCS, the simulator's: a single-node instance has no shards or replicas to list.
    pub(crate) const DCS_NO_REPLICAS: &str = "DCS.4857";
}

/// One switchover the simulator really performed (started).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Performed {
    /// The operation (`ChangeMasterStandbyAsync`, `ChangeMasterStandby`,
    /// `ExecuteClusterSwitchover`, `SwitchVip`).
    pub operation: String,
    /// The instance or job switched over.
    pub resource_id: String,
    /// The job that reports on it, if any.
    pub job_id: Option<String>,
    /// When, in simulated milliseconds since the epoch.
    pub at_ms: i64,
}

#[derive(Clone, Debug)]
struct Group {
    id: String,
    master: String,
    replicas: Vec<String>,
}

#[derive(Clone, Debug)]
struct DcsInstance {
    id: String,
    name: String,
    kind: DcsInstanceKind,
    groups: Vec<Group>,
    outcomes: VecDeque<Outcome>,
    fail_reason: String,
}

#[derive(Clone, Debug)]
struct DcsJob {
    id: String,
    instance_id: String,
    group: usize,
    promote: String,
    created_ms: i64,
    init_ms: i64,
    running_ms: i64,
    outcome: Outcome,
    fail_reason: String,
    settled: bool,
    /// Whether `ShowJobInfo` reports it (the synchronous swap's internal job is not).
    visible: bool,
}

impl DcsJob {
    fn end_ms(&self) -> i64 {
        self.created_ms + self.init_ms + self.running_ms
    }

    fn status(&self, now: i64) -> dcs::JobStatus {
        if now < self.created_ms + self.init_ms {
            dcs::JobStatus::Init
        } else if now < self.end_ms() {
            dcs::JobStatus::Running
        } else if self.outcome.reported_success() {
            dcs::JobStatus::Success
        } else {
            dcs::JobStatus::Fail
        }
    }
}

#[derive(Clone, Debug)]
struct VipSwitch {
    mode: drs::SwitchoverMode,
    started_ms: i64,
    duration_ms: i64,
    outcome: Outcome,
    settled: bool,
}

#[derive(Clone, Debug)]
struct DrsJob {
    id: String,
    name: String,
    multi_az: bool,
    master_az: String,
    slave_az: String,
    outcomes: VecDeque<Outcome>,
    switches: Vec<VipSwitch>,
    source_switched: bool,
    target_switched: bool,
}

#[derive(Clone, Debug)]
struct CssNode {
    name: String,
    /// Where it was at the start; AZ switchovers move it when its turn ends.
    az: String,
    node_type: String,
}

#[derive(Clone, Debug)]
struct CssCluster {
    id: String,
    name: String,
    nodes: Vec<CssNode>,
    tasks: Vec<CssTaskSpec>,
    outcomes: VecDeque<Outcome>,
    az_switch_phase_ms: u64,
}

impl CssCluster {
    /// The indexes of the nodes a task walks, in order.
    fn walk(&self, task: &CssTaskSpec) -> Vec<usize> {
        match &task.nodes {
            Some(names) => names
                .iter()
                .filter_map(|n| self.nodes.iter().position(|node| node.name == *n))
                .collect(),
            None => (0..self.nodes.len()).collect(),
        }
    }
}

/// What a new DCS job does.
struct NewJob<'a> {
    operation: &'a str,
    instance_id: &'a str,
    group: usize,
    promote: String,
    running_ms: i64,
    /// Whether `ShowJobInfo` reports it.
    visible: bool,
}

/// Everything the simulator holds.
#[derive(Debug)]
pub(crate) struct World {
    start_ms: i64,
    /// The region's availability zones.
    azs: Vec<String>,
    /// Each DCS instance's nodes with the index of their AZ (fixed at the start: roles move
    /// between nodes, nodes do not move).
    dcs_nodes: BTreeMap<String, Vec<(String, usize)>>,
    dcs_durations: crate::scenario::DcsDurations,
    drs_switch_ms: i64,
    phases: Vec<PhaseSpec>,
    dcs: BTreeMap<String, DcsInstance>,
    jobs: Vec<DcsJob>,
    drs: BTreeMap<String, DrsJob>,
    css: BTreeMap<String, CssCluster>,
    performed: Vec<Performed>,
    next_job: u64,
    next_css_task: u64,
}

fn ms(value: u64) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX / 4)
}

impl World {
    pub(crate) fn new(scenario: &Scenario, start_ms: i64) -> Self {
        let dcs = scenario
            .dcs
            .instances
            .iter()
            .map(|i| {
                let instance = DcsInstance {
                    id: i.id.clone(),
                    name: i.name.clone().unwrap_or_else(|| i.id.clone()),
                    kind: i.kind,
                    groups: i
                        .groups
                        .iter()
                        .map(|g| Group {
                            id: g.id.clone(),
                            master: g.master.clone(),
                            replicas: g.replicas.clone(),
                        })
                        .collect(),
                    outcomes: i.outcomes.iter().copied().collect(),
                    fail_reason: i
                        .fail_reason
                        .clone()
                        .unwrap_or_else(|| "The switchover failed.".into()),
                };
                (i.id.clone(), instance)
            })
            .collect();
        let drs = scenario
            .drs
            .jobs
            .iter()
            .map(|j| {
                let job = DrsJob {
                    name: j.name.clone().unwrap_or_else(|| {
                        format!("DRS-{}", j.id.chars().take(8).collect::<String>())
                    }),
                    multi_az: j.multi_az,
                    master_az: j
                        .master_az
                        .clone()
                        .unwrap_or_else(|| scenario.availability_zones[0].clone()),
                    slave_az: j.slave_az.clone().unwrap_or_else(|| {
                        scenario.availability_zones[1.min(scenario.availability_zones.len() - 1)]
                            .clone()
                    }),
                    id: j.id.clone(),
                    outcomes: j.outcomes.iter().copied().collect(),
                    switches: Vec::new(),
                    source_switched: false,
                    target_switched: false,
                };
                (j.id.clone(), job)
            })
            .collect();
        let css = scenario
            .css
            .clusters
            .iter()
            .map(|c| {
                let cluster = CssCluster {
                    id: c.id.clone(),
                    name: c.name.clone().unwrap_or_else(|| c.id.clone()),
                    nodes: c
                        .nodes
                        .iter()
                        .map(|n| CssNode {
                            name: n.name().to_owned(),
                            az: n.az().unwrap_or(&scenario.availability_zones[0]).to_owned(),
                            node_type: n.node_type().to_owned(),
                        })
                        .collect(),
                    tasks: c.tasks.clone(),
                    outcomes: c.outcomes.iter().copied().collect(),
                    az_switch_phase_ms: c.az_switch_phase_ms,
                };
                (c.id.clone(), cluster)
            })
            .collect();
        let dcs_nodes = scenario
            .dcs
            .instances
            .iter()
            .map(|i| {
                let nodes = i
                    .groups
                    .iter()
                    .flat_map(|g| {
                        std::iter::once(&g.master)
                            .chain(&g.replicas)
                            .enumerate()
                            .map(|(k, node)| (node.clone(), k))
                    })
                    .collect();
                (i.id.clone(), nodes)
            })
            .collect();
        Self {
            start_ms,
            azs: scenario.availability_zones.clone(),
            dcs_nodes,
            dcs_durations: scenario.dcs.durations.clone(),
            drs_switch_ms: ms(scenario.drs.durations.switch_ms),
            phases: scenario.css.phases.clone(),
            dcs,
            jobs: Vec::new(),
            drs,
            css,
            performed: Vec::new(),
            next_job: 0,
            next_css_task: 0,
        }
    }

    pub(crate) fn performed(&self) -> &[Performed] {
        &self.performed
    }

    fn new_job_id(&mut self) -> String {
        self.next_job += 1;
        // 32 hex digits, like the service's job ids.
        format!("8abf5a5e{:024x}", self.next_job)
    }

    /// Applies every job and switch that has ended by `now`, in the order they ended.
    pub(crate) fn settle(&mut self, now: i64) {
        let mut due: Vec<usize> = (0..self.jobs.len())
            .filter(|&i| !self.jobs[i].settled && self.jobs[i].end_ms() <= now)
            .collect();
        due.sort_by_key(|&i| self.jobs[i].end_ms());
        for i in due {
            let job = &mut self.jobs[i];
            job.settled = true;
            if job.outcome != Outcome::Success {
                continue;
            }
            if let Some(group) = self
                .dcs
                .get_mut(&job.instance_id)
                .and_then(|inst| inst.groups.get_mut(job.group))
                && let Some(pos) = group.replicas.iter().position(|r| *r == job.promote)
            {
                let old = std::mem::replace(&mut group.master, job.promote.clone());
                group.replicas[pos] = old;
                tracing::info!(instance = %job.instance_id, group = %group.id, master = %group.master, "switchover done");
            }
        }
        for job in self.drs.values_mut() {
            for switch in &mut job.switches {
                if !switch.settled && switch.started_ms + switch.duration_ms <= now {
                    switch.settled = true;
                    if switch.outcome == Outcome::Success {
                        match switch.mode {
                            drs::SwitchoverMode::Source => job.source_switched ^= true,
                            drs::SwitchoverMode::Target => job.target_switched ^= true,
                        }
                    }
                }
            }
        }
    }

    fn instance(&self, id: &str) -> Result<&DcsInstance, ApiError> {
        self.dcs.get(id).ok_or_else(|| {
            ApiError::new(
                404,
                codes::DCS_INSTANCE_NOT_FOUND,
                "This DCS instance does not exist.",
            )
        })
    }

    fn check_idle(&self, instance_id: &str) -> Result<(), ApiError> {
        if self
            .jobs
            .iter()
            .any(|j| j.instance_id == instance_id && !j.settled)
        {
            return Err(ApiError::new(
                400,
                codes::DCS_SWITCHOVER_RUNNING,
                "A switchover of this instance is in progress. Try again after it ends.",
            ));
        }
        Ok(())
    }

    fn not_supported() -> ApiError {
        ApiError::new(
            400,
            codes::DCS_SWAP_NOT_SUPPORTED,
            "Master standby swap is not supported.",
        )
    }

    /// Starts a job promoting `promote` in `group` of `instance_id`.
    fn start_dcs_job(&mut self, now: i64, new: NewJob<'_>) -> DcsJob {
        let NewJob {
            operation,
            instance_id,
            group,
            promote,
            running_ms,
            visible,
        } = new;
        let id = self.new_job_id();
        let init_ms = if visible {
            ms(self.dcs_durations.init_ms)
        } else {
            0
        };
        let instance = self
            .dcs
            .get_mut(instance_id)
            .expect("checked by the caller");
        let outcome = instance.outcomes.pop_front().unwrap_or_default();
        let job = DcsJob {
            id: id.clone(),
            instance_id: instance_id.to_owned(),
            group,
            promote,
            created_ms: now,
            init_ms,
            running_ms,
            outcome,
            fail_reason: instance.fail_reason.clone(),
            settled: false,
            visible,
        };
        self.jobs.push(job.clone());
        self.performed.push(Performed {
            operation: operation.to_owned(),
            resource_id: instance_id.to_owned(),
            job_id: visible.then_some(id),
            at_ms: now,
        });
        tracing::info!(operation, instance = instance_id, job = %job.id, ?outcome, "switchover started");
        job
    }

    /// The master/standby swap, asynchronous or not: checks, then starts its job.
    fn swap(
        &mut self,
        now: i64,
        operation: &str,
        instance_id: &str,
        visible: bool,
    ) -> Result<DcsJob, ApiError> {
        self.settle(now);
        let instance = self.instance(instance_id)?;
        if instance.kind != DcsInstanceKind::MasterStandby {
            return Err(Self::not_supported());
        }
        let promote = instance.groups[0].replicas[0].clone();
        self.check_idle(instance_id)?;
        let running = if visible {
            ms(self.dcs_durations.running_ms)
        } else {
            ms(self.dcs_durations.sync_swap_ms)
        };
        Ok(self.start_dcs_job(
            now,
            NewJob {
                operation,
                instance_id,
                group: 0,
                promote,
                running_ms: running,
                visible,
            },
        ))
    }

    /// `ChangeMasterStandbyAsync`.
    pub(crate) fn change_master_standby_async(
        &mut self,
        now: i64,
        instance_id: &str,
    ) -> Result<dcs::ChangeMasterStandbyAsyncResponse, ApiError> {
        let job = self.swap(now, "ChangeMasterStandbyAsync", instance_id, true)?;
        Ok(dcs::ChangeMasterStandbyAsyncResponse { job_id: job.id })
    }

    /// `ChangeMasterStandby`: starts the swap; the caller waits `sync_swap_ms` and then asks
    /// [`World::sync_swap_result`]. Returns the internal job's id and end.
    pub(crate) fn change_master_standby(
        &mut self,
        now: i64,
        instance_id: &str,
    ) -> Result<(String, i64), ApiError> {
        let job = self.swap(now, "ChangeMasterStandby", instance_id, false)?;
        Ok((job.id.clone(), job.end_ms()))
    }

    /// Whether the synchronous swap's job succeeded, once it has ended.
    pub(crate) fn sync_swap_result(
        &mut self,
        now: i64,
        job_id: &str,
    ) -> Option<Result<(), ApiError>> {
        self.settle(now);
        let job = self.jobs.iter().find(|j| j.id == job_id)?;
        if !job.settled {
            return None;
        }
        Some(match job.outcome {
            Outcome::Success | Outcome::SuccessUnchanged => Ok(()),
            Outcome::Fail => Err(ApiError::new(
                500,
                codes::DCS_SWITCHOVER_FAILED,
                format!("Master standby swap failed: {}", job.fail_reason),
            )),
        })
    }

    /// `ExecuteClusterSwitchover`.
    pub(crate) fn execute_cluster_switchover(
        &mut self,
        now: i64,
        instance_id: &str,
        group_id: &str,
        node_id: &str,
    ) -> Result<dcs::ExecuteClusterSwitchoverResponse, ApiError> {
        self.settle(now);
        let instance = self.instance(instance_id)?;
        if instance.kind != DcsInstanceKind::Cluster {
            return Err(Self::not_supported());
        }
        let invalid = |name: &str| {
            ApiError::new(
                400,
                codes::DCS_INVALID_PARAMETER,
                format!("Invalid {name} parameter in the request."),
            )
        };
        let group = instance
            .groups
            .iter()
            .position(|g| g.id == group_id)
            .ok_or_else(|| invalid("group_id"))?;
        if !instance.groups[group].replicas.iter().any(|r| r == node_id) {
            return Err(invalid("node_id"));
        }
        self.check_idle(instance_id)?;
        let running = ms(self.dcs_durations.running_ms);
        let job = self.start_dcs_job(
            now,
            NewJob {
                operation: "ExecuteClusterSwitchover",
                instance_id,
                group,
                promote: node_id.to_owned(),
                running_ms: running,
                visible: true,
            },
        );
        Ok(dcs::ExecuteClusterSwitchoverResponse { job_id: job.id })
    }

    /// `ShowJobInfo`.
    pub(crate) fn show_job_info(
        &mut self,
        now: i64,
        job_id: &str,
    ) -> Result<dcs::ShowJobInfoResponse, ApiError> {
        self.settle(now);
        let job = self
            .jobs
            .iter()
            .find(|j| j.visible && j.id == job_id)
            .ok_or_else(|| {
                ApiError::new(404, codes::DCS_JOB_NOT_FOUND, "The job does not exist.")
            })?;
        let status = job.status(now);
        let done = matches!(status, dcs::JobStatus::Success | dcs::JobStatus::Fail);
        Ok(dcs::ShowJobInfoResponse {
            job_id: job.id.clone(),
            job_type: Some(dcs::JobType::MasterStandbySwapJob),
            begin_time: Some(job.created_ms.to_string()),
            end_time: done.then(|| job.end_ms().to_string()),
            fail_reason: (status == dcs::JobStatus::Fail).then(|| job.fail_reason.clone()),
            status,
        })
    }

    /// `SwitchVip`.
    pub(crate) fn switch_vip(
        &mut self,
        now: i64,
        job_id: &str,
        mode: drs::SwitchoverMode,
    ) -> Result<drs::SwitchVipResponse, ApiError> {
        self.settle(now);
        let duration_ms = self.drs_switch_ms;
        let job = self.drs.get_mut(job_id).ok_or_else(|| {
            ApiError::new(404, codes::DRS_JOB_NOT_FOUND, "The job does not exist.")
        })?;
        if job.switches.iter().any(|s| !s.settled) {
            return Err(ApiError::new(
                400,
                codes::DRS_SWITCH_RUNNING,
                "A virtual IP switchover of this job is in progress.",
            ));
        }
        let outcome = job.outcomes.pop_front().unwrap_or_default();
        job.switches.push(VipSwitch {
            mode,
            started_ms: now,
            duration_ms,
            outcome,
            settled: false,
        });
        self.performed.push(Performed {
            operation: "SwitchVip".into(),
            resource_id: job_id.to_owned(),
            job_id: Some(job_id.to_owned()),
            at_ms: now,
        });
        tracing::info!(job = job_id, %mode, ?outcome, "virtual IP switchover started");
        Ok(drs::SwitchVipResponse {
            id: job_id.to_owned(),
            status: drs::SwitchVipStatus::Success,
            error_code: None,
            error_msg: None,
        })
    }

    /// `ShowSwitchVipStatus`.
    pub(crate) fn show_switch_vip_status(
        &mut self,
        now: i64,
        job_id: &str,
    ) -> Result<drs::ShowSwitchVipStatusResponse, ApiError> {
        self.settle(now);
        let job = self.drs.get(job_id).ok_or_else(|| {
            ApiError::new(404, codes::DRS_JOB_NOT_FOUND, "The job does not exist.")
        })?;
        let last = job.switches.last().ok_or_else(|| {
            ApiError::new(
                400,
                codes::DRS_NO_SWITCH,
                "No virtual IP switchover has been performed for this job.",
            )
        })?;
        let (status, error_code, error_msg) = match (last.settled, last.outcome) {
            (false, _) => (drs::SwitchVipProgress::SwitchVipStart, None, None),
            (true, Outcome::Success | Outcome::SuccessUnchanged) => {
                (drs::SwitchVipProgress::SwitchVipComplete, None, None)
            }
            (true, Outcome::Fail) => (
                drs::SwitchVipProgress::SwitchVipFailed,
                Some(codes::DRS_SWITCH_FAILED.to_owned()),
                Some("Failed to switch over the virtual IP address.".to_owned()),
            ),
        };
        Ok(drs::ShowSwitchVipStatusResponse {
            id: job.id.clone(),
            status,
            error_code,
            error_msg,
        })
    }

    /// `UpgradeDetail`.
    pub(crate) fn upgrade_detail(
        &mut self,
        now: i64,
        cluster_id: &str,
        query: &CssQuery,
    ) -> Result<css::UpgradeDetailResponse, ApiError> {
        let cluster = self.css.get(cluster_id).ok_or_else(|| {
            ApiError::new(
                403,
                codes::CSS_NOT_FOUND,
                "No resources are found or the access is denied.",
            )
        })?;
        let kind = match query.action_mode {
            Some(css::ActionMode::AzMigration) => CssTaskKind::AzMigration,
            _ => CssTaskKind::Upgrade,
        };
        let mut tasks: Vec<&CssTaskSpec> = cluster
            .tasks
            .iter()
            .filter(|t| t.kind == kind && self.start_ms + t.start_offset_ms <= now)
            .collect();
        // Newest first.
        tasks.sort_by_key(|t| std::cmp::Reverse(t.start_offset_ms));
        let total = tasks.len();
        let skip = usize::try_from(query.offset.max(1) - 1).unwrap_or(0);
        let take = usize::try_from(query.limit.max(1)).unwrap_or(1);
        let detail_list = tasks
            .iter()
            .skip(skip)
            .take(take)
            .map(|t| self.task_view(cluster, t, now, query.action_mode.is_some()))
            .collect();
        Ok(css::UpgradeDetailResponse {
            total_size: Some(i32::try_from(total).unwrap_or(i32::MAX)),
            detail_list,
        })
    }

    /// One task as `UpgradeDetail` reports it at `now`.
    fn task_view(
        &self,
        cluster: &CssCluster,
        task: &CssTaskSpec,
        now: i64,
        with_mode: bool,
    ) -> css::GetUpgradeDetailInfo {
        let walk: Vec<&str> = cluster
            .walk(task)
            .into_iter()
            .map(|i| cluster.nodes[i].name.as_str())
            .collect();
        let progress = TaskProgress::at(task, walk.len(), self.phases.len(), self.start_ms, now);
        let phase = ms(task.phase_ms);
        let p = self.phases.len();
        let node = progress.step / p;
        let details = self
            .phases
            .iter()
            .enumerate()
            .map(|(q, spec)| {
                let step = node * p + q;
                let begin = progress.start + ms(step as u64) * phase;
                let (status, begin, end) = if step < progress.step {
                    (
                        css::PhaseStatus::Success,
                        css_time(begin),
                        css_time(begin + phase),
                    )
                } else if step == progress.step {
                    match progress.state {
                        TaskState::Running => {
                            (css::PhaseStatus::Running, css_time(begin), String::new())
                        }
                        TaskState::Succeeded => (
                            css::PhaseStatus::Success,
                            css_time(begin),
                            css_time(begin + phase),
                        ),
                        TaskState::Failed => (
                            css::PhaseStatus::Failed,
                            css_time(begin),
                            css_time(begin + phase),
                        ),
                    }
                } else {
                    (css::PhaseStatus::Waiting, String::new(), String::new())
                };
                css::CurrentNodeDetail {
                    order: Some(spec.order),
                    name: Some(spec.name.clone()),
                    status: Some(status),
                    desc: Some(spec.desc.clone()),
                    begin_time: Some(begin),
                    end_time: Some(end),
                }
            })
            .collect();
        let completed = match progress.state {
            TaskState::Succeeded => walk.len(),
            _ => node,
        };
        let running = progress.state == TaskState::Running;
        let (status, end_time) = match progress.state {
            TaskState::Running => (css::UpgradeStatus::Running, String::new()),
            TaskState::Succeeded => (css::UpgradeStatus::Success, css_time(progress.end)),
            TaskState::Failed => (css::UpgradeStatus::Failed, css_time(progress.end)),
        };
        let az = task.kind == CssTaskKind::AzMigration && with_mode;
        let source = task.source_az.clone().unwrap_or_else(|| "az-1".into());
        let target = task.target_az.clone().unwrap_or_else(|| "az-2".into());
        css::GetUpgradeDetailInfo {
            id: Some(task.id.clone()),
            start_time: Some(css_time(progress.start)),
            end_time: Some(end_time),
            status: Some(status),
            agency_name: Some(task.agency_name.clone()),
            image_info: task.image.as_ref().map(|i| css::GetTargetImageIdDetail {
                id: Some(i.id.clone()),
                display_name: Some(i.display_name.clone()),
                image_desc: Some(i.image_desc.clone()),
                datastore_type: Some(i.datastore_type.clone()),
                datastore_version: Some(i.datastore_version.clone()),
                priority: Some(i.priority),
            }),
            total_nodes: Some(walk.join(",")),
            completed_nodes: Some(walk[..completed].join(",")),
            current_node_name: Some(walk[node].to_owned()),
            execute_times: Some("1".into()),
            migrate_param: az.then(|| {
                serde_json::json!({
                    "instType": task.inst_type.as_deref().unwrap_or("ess"),
                    "migrateType": task.migrate_type.as_deref().unwrap_or("az_migrate"),
                    "sourceAz": source,
                    "targetAz": target,
                })
                .to_string()
            }),
            final_az_info_map: az.then(|| {
                let mut map = serde_json::Map::new();
                map.insert(target.clone(), walk.join(",").into());
                serde_json::Value::Object(map).to_string()
            }),
            current_node_detail: details,
            batch_size: Some(1),
            current_batch_nodes: Some(if running {
                walk[node].to_owned()
            } else {
                String::new()
            }),
        }
    }

    /// What the ground-truth API reports.
    pub(crate) fn snapshot(&mut self, now: i64) -> Snapshot {
        self.settle(now);
        Snapshot {
            dcs: self
                .dcs
                .values()
                .map(|i| DcsInstanceState {
                    id: i.id.clone(),
                    name: i.name.clone(),
                    kind: i.kind,
                    switching: self
                        .jobs
                        .iter()
                        .any(|j| j.instance_id == i.id && !j.settled),
                    groups: i
                        .groups
                        .iter()
                        .map(|g| DcsGroupState {
                            id: g.id.clone(),
                            master: g.master.clone(),
                            replicas: g.replicas.clone(),
                        })
                        .collect(),
                })
                .collect(),
            drs: self
                .drs
                .values()
                .map(|j| DrsJobState {
                    id: j.id.clone(),
                    switching: j.switches.iter().any(|s| !s.settled),
                    switches: j.switches.len(),
                    source_vip_switched: j.source_switched,
                    target_vip_switched: j.target_switched,
                })
                .collect(),
            css: self
                .css
                .values()
                .map(|c| CssClusterState {
                    id: c.id.clone(),
                    node_azs: c
                        .nodes
                        .iter()
                        .map(|n| n.name.clone())
                        .zip(self.css_node_azs(c, now))
                        .collect(),
                    tasks: c
                        .tasks
                        .iter()
                        .map(|t| {
                            let walked = c.walk(t).len();
                            let progress =
                                TaskProgress::at(t, walked, self.phases.len(), self.start_ms, now);
                            CssTaskState {
                                id: t.id.clone(),
                                kind: t.kind,
                                started: progress.start <= now,
                                status: match progress.state {
                                    TaskState::Running => "RUNNING",
                                    TaskState::Succeeded => "SUCCESS",
                                    TaskState::Failed => "FAILED",
                                }
                                .into(),
                                completed_nodes: match progress.state {
                                    TaskState::Succeeded => walked,
                                    _ => progress.step / self.phases.len(),
                                },
                            }
                        })
                        .collect(),
                })
                .collect(),
            performed: self.performed.clone(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum TaskState {
    Running,
    Succeeded,
    Failed,
}

/// Where a task is at a given time: the step (node × phase) it is on.
struct TaskProgress {
    start: i64,
    end: i64,
    step: usize,
    state: TaskState,
}

impl TaskProgress {
    fn at(task: &CssTaskSpec, nodes: usize, phases: usize, sim_start: i64, now: i64) -> Self {
        let start = sim_start + task.start_offset_ms;
        let phase = ms(task.phase_ms).max(1);
        let steps = nodes * phases;
        let fail_step = (task.outcome == Outcome::Fail)
            .then(|| task.fail_node.unwrap_or(nodes - 1) * phases + task.fail_phase.unwrap_or(0));
        let last = fail_step.unwrap_or(steps - 1);
        let end = start + ms(last as u64 + 1) * phase;
        if now >= end {
            let state = if fail_step.is_some() {
                TaskState::Failed
            } else {
                TaskState::Succeeded
            };
            return Self {
                start,
                end,
                step: last,
                state,
            };
        }
        let elapsed = (now - start).max(0);
        let step = usize::try_from(elapsed / phase).unwrap_or(0).min(last);
        Self {
            start,
            end,
            step,
            state: TaskState::Running,
        }
    }
}

/// `UpgradeDetail`'s query, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct CssQuery {
    pub offset: i32,
    pub limit: i32,
    pub action_mode: Option<css::ActionMode>,
}

impl CssQuery {
    /// Reads `offset` (or the older `start`), `limit` and `action_mode`; a value that is not an
    /// integer in 1..=1000, or an unknown `action_mode`, is an error naming it.
    pub(crate) fn parse(query: Option<&str>) -> Result<Self, String> {
        let mut out = Self {
            offset: 1,
            limit: 10,
            action_mode: None,
        };
        let mut offset = None;
        let mut start = None;
        for (key, value) in form_urlencoded::parse(query.unwrap_or("").as_bytes()) {
            let int = |name: &str| -> Result<i32, String> {
                value
                    .parse::<i32>()
                    .ok()
                    .filter(|v| (1..=1000).contains(v))
                    .ok_or_else(|| {
                        format!("{name} must be an integer from 1 to 1000, not {value:?}")
                    })
            };
            match &*key {
                "offset" => offset = Some(int("offset")?),
                "start" => start = Some(int("start")?),
                "limit" => out.limit = int("limit")?,
                "action_mode" => {
                    out.action_mode = Some(value.parse().map_err(|_| {
                        format!("action_mode must be UPGRADING or AZ_MIGRATION, not {value:?}")
                    })?)
                }
                _ => {}
            }
        }
        out.offset = offset.or(start).unwrap_or(1);
        Ok(out)
    }
}

/// The ground truth: where every resource is.
#[derive(Clone, Debug, Serialize)]
pub struct Snapshot {
    /// DCS instances.
    pub dcs: Vec<DcsInstanceState>,
    /// DRS jobs.
    pub drs: Vec<DrsJobState>,
    /// CSS clusters.
    pub css: Vec<CssClusterState>,
    /// Every switchover performed, in order.
    pub performed: Vec<Performed>,
}

impl Snapshot {
    /// The instance with this id.
    pub fn dcs_instance(&self, id: &str) -> Option<&DcsInstanceState> {
        self.dcs.iter().find(|i| i.id == id)
    }

    /// The DRS job with this id.
    pub fn drs_job(&self, id: &str) -> Option<&DrsJobState> {
        self.drs.iter().find(|j| j.id == id)
    }
}

/// A DCS instance now.
#[derive(Clone, Debug, Serialize)]
pub struct DcsInstanceState {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Kind.
    pub kind: DcsInstanceKind,
    /// Whether a switchover is running.
    pub switching: bool,
    /// The shards, with their current master and replicas.
    pub groups: Vec<DcsGroupState>,
}

impl DcsInstanceState {
    /// The master of the first shard (of a master/standby instance: its master).
    pub fn master(&self) -> &str {
        &self.groups[0].master
    }

    /// The shard with this id.
    pub fn group(&self, id: &str) -> Option<&DcsGroupState> {
        self.groups.iter().find(|g| g.id == id)
    }
}

/// A shard now.
#[derive(Clone, Debug, Serialize)]
pub struct DcsGroupState {
    /// Group id.
    pub id: String,
    /// The master node.
    pub master: String,
    /// The replica nodes.
    pub replicas: Vec<String>,
}

/// A DRS job now.
#[derive(Clone, Debug, Serialize)]
pub struct DrsJobState {
    /// Job id.
    pub id: String,
    /// Whether a virtual IP switchover is running.
    pub switching: bool,
    /// How many virtual IP switchovers were started.
    pub switches: usize,
    /// Whether the source's virtual IP is switched over (toggled by each successful switchover).
    pub source_vip_switched: bool,
    /// Whether the target's virtual IP is switched over.
    pub target_vip_switched: bool,
}

/// A CSS cluster now.
#[derive(Clone, Debug, Serialize)]
pub struct CssClusterState {
    /// Cluster id.
    pub id: String,
    /// Each node's name and the AZ it is in now, in the cluster's order.
    pub node_azs: Vec<(String, String)>,
    /// Its tasks, oldest first.
    pub tasks: Vec<CssTaskState>,
}

/// A CSS task now.
#[derive(Clone, Debug, Serialize)]
pub struct CssTaskState {
    /// Task id.
    pub id: String,
    /// Kind.
    pub kind: CssTaskKind,
    /// Whether it has started.
    pub started: bool,
    /// `RUNNING`, `SUCCESS` or `FAILED`.
    pub status: String,
    /// How many nodes are done.
    pub completed_nodes: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn world() -> (World, Scenario) {
        let scenario = Scenario::default();
        (World::new(&scenario, 1_000_000), scenario)
    }

    const MS: &str = "5560df16-cebf-4473-95c4-d1b573c16e79";

    #[test]
    fn a_swap_job_moves_through_its_states_and_then_roles_swap() {
        let (mut w, _) = world();
        let t0 = 1_000_000;
        let before = w.snapshot(t0).dcs_instance(MS).unwrap().master().to_owned();
        let job = w.change_master_standby_async(t0, MS).unwrap().job_id;
        assert_eq!(
            w.show_job_info(t0, &job).unwrap().status,
            dcs::JobStatus::Init
        );
        assert_eq!(
            w.show_job_info(t0 + 2_000, &job).unwrap().status,
            dcs::JobStatus::Running
        );
        assert_eq!(
            w.snapshot(t0 + 9_999).dcs_instance(MS).unwrap().master(),
            before
        );
        let err = w.change_master_standby_async(t0 + 5_000, MS).unwrap_err();
        assert_eq!(err.code, codes::DCS_SWITCHOVER_RUNNING);
        let done = w.show_job_info(t0 + 10_000, &job).unwrap();
        assert_eq!(done.status, dcs::JobStatus::Success);
        assert_eq!(done.end_time.as_deref(), Some("1010000"));
        assert_ne!(
            w.snapshot(t0 + 10_000).dcs_instance(MS).unwrap().master(),
            before
        );
        // A second swap swaps back.
        w.change_master_standby_async(t0 + 20_000, MS).unwrap();
        assert_eq!(
            w.snapshot(t0 + 30_000).dcs_instance(MS).unwrap().master(),
            before
        );
        assert_eq!(w.performed().len(), 2);
    }

    #[test]
    fn css_progress_walks_node_by_node() {
        let (mut w, _) = world();
        let cluster = "ea244205-d641-45d9-9dcb-ab2236bcd07e";
        let q = CssQuery::parse(None).unwrap();
        let at = |w: &mut World, t: i64| w.upgrade_detail(1_000_000 + t, cluster, &q).unwrap();
        let first = at(&mut w, 0);
        assert_eq!(first.total_size, Some(2));
        let task = &first.detail_list[0];
        assert_eq!(
            task.id.as_deref(),
            Some("b7ac4c5b-3bda-4feb-a303-eb80f4bce986")
        );
        assert_eq!(task.completed_nodes.as_deref(), Some(""));
        assert_eq!(
            task.current_node_detail[0].status,
            Some(css::PhaseStatus::Running)
        );
        assert_eq!(
            task.current_node_detail[1].status,
            Some(css::PhaseStatus::Waiting)
        );
        let second = &at(&mut w, 120_000).detail_list[0];
        assert_eq!(
            second.completed_nodes.as_deref(),
            Some("css-test-ess-esn-1-1")
        );
        assert_eq!(
            second.current_node_name.as_deref(),
            Some("css-test-ess-esn-2-1")
        );
        let done = &at(&mut w, 360_000).detail_list[0];
        assert_eq!(done.status, Some(css::UpgradeStatus::Success));
        assert_eq!(done.completed_nodes, done.total_nodes);
    }

    #[test]
    fn css_queries_are_checked() {
        assert_eq!(CssQuery::parse(Some("start=2&limit=1")).unwrap().offset, 2);
        assert_eq!(CssQuery::parse(Some("offset=3&start=2")).unwrap().offset, 3);
        for bad in ["limit=0", "offset=1001", "limit=x", "action_mode=SIDEWAYS"] {
            assert!(CssQuery::parse(Some(bad)).is_err(), "{bad}");
        }
    }
}
