//! The read operations around a failover (what a failover discovers before and verifies after)
//! and the CSS AZ switchover, served from the same state the switchovers change.

use hwcloud_css::types as css;
use hwcloud_dcs::types as dcs;
use hwcloud_drs::types as drs;

use super::{
    ApiError, CssCluster, CssTaskKind, CssTaskSpec, DcsInstance, TaskProgress, TaskState, World,
    codes,
};
use crate::clock::{css_time, dcs_time, parse_compact_time};
use crate::scenario::{DcsInstanceKind, Outcome};

/// `ListBackgroundTask`'s query, checked.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct TaskQuery {
    pub offset: usize,
    pub limit: usize,
    pub start_ms: Option<i64>,
    pub end_ms: Option<i64>,
}

impl TaskQuery {
    /// Reads `offset` (0 or more, default 0), `limit` (1 to 1000, default 10), `start_time` and
    /// `end_time` (`yyyyMMddHHmmss`, UTC); anything else wrong is an error naming it.
    pub(crate) fn parse(query: Option<&str>) -> Result<Self, String> {
        let mut out = Self {
            offset: 0,
            limit: 10,
            start_ms: None,
            end_ms: None,
        };
        for (key, value) in form_urlencoded::parse(query.unwrap_or("").as_bytes()) {
            let time = |name: &str| {
                parse_compact_time(&value).ok_or_else(|| {
                    format!("{name} must be a UTC time as yyyyMMddHHmmss, not {value:?}")
                })
            };
            match &*key {
                "offset" => {
                    out.offset = value.parse::<usize>().map_err(|_| {
                        format!("offset must be an integer of 0 or more, not {value:?}")
                    })?;
                }
                "limit" => {
                    out.limit = value
                        .parse::<usize>()
                        .ok()
                        .filter(|v| (1..=1000).contains(v))
                        .ok_or_else(|| {
                            format!("limit must be an integer from 1 to 1000, not {value:?}")
                        })?;
                }
                "start_time" => out.start_ms = Some(time("start_time")?),
                // The end is inclusive to the second.
                "end_time" => out.end_ms = Some(time("end_time")? + 999),
                _ => {}
            }
        }
        Ok(out)
    }
}

/// A node's IP address in the simulator, from its position.
fn ip(a: usize, b: usize) -> String {
    format!("192.168.{}.{}", 10 + a % 200, 10 + b % 200)
}

fn built<T, B: TryInto<T>>(builder: B) -> T
where
    B::Error: std::fmt::Display,
{
    builder
        .try_into()
        .unwrap_or_else(|e| panic!("a simulator answer misses a required field: {e}"))
}

impl World {
    /// The AZ of each node of a DCS instance: a shard's first node (its master at the start) in
    /// the first zone, its replicas in the next ones. Nodes keep their AZ when roles swap.
    fn dcs_node_az(&self, instance: &DcsInstance, node: &str) -> String {
        let original = self
            .dcs_nodes
            .get(&instance.id)
            .and_then(|nodes| nodes.iter().position(|n| n.0 == node));
        let k = original.map_or(0, |i| self.dcs_nodes[&instance.id][i].1);
        self.azs[k % self.azs.len()].clone()
    }

    /// `ListGroupReplicationInfo`.
    pub(crate) fn list_group_replication_info(
        &mut self,
        now: i64,
        instance_id: &str,
    ) -> Result<dcs::ListGroupReplicationInfoResponse, ApiError> {
        self.settle(now);
        let instance = self.instance(instance_id)?;
        if instance.kind == DcsInstanceKind::Single {
            return Err(ApiError::new(
                400,
                codes::DCS_NO_REPLICAS,
                "Single-node instances have no shards or replicas to list.",
            ));
        }
        let switching = self
            .jobs
            .iter()
            .any(|j| j.instance_id == instance_id && !j.settled);
        let groups: Vec<dcs::InstanceGroupListInfo> = instance
            .groups
            .iter()
            .enumerate()
            .map(|(g, group)| {
                let nodes = std::iter::once((&group.master, dcs::ReplicationRole::Master)).chain(
                    group
                        .replicas
                        .iter()
                        .map(|r| (r, dcs::ReplicationRole::Slave)),
                );
                let replication_list = nodes
                    .enumerate()
                    .map(|(n, (node, role))| {
                        built::<dcs::InstanceReplicationListInfo, _>(
                            dcs::InstanceReplicationListInfo::builder()
                                .node_id(node.clone())
                                .replication_role(role)
                                .az_code(self.dcs_node_az(instance, node))
                                .status(if switching { "Switching" } else { "Active" }.to_owned())
                                .replication_id(format!("{node}-replication"))
                                .replication_ip(ip(g, n))
                                .is_replication(false)
                                .dimensions(vec![
                                    built::<dcs::InstanceReplicationDimensionsInfo, _>(
                                        dcs::InstanceReplicationDimensionsInfo::builder()
                                            .name("dcs_instance_id".to_owned())
                                            .value(instance.id.clone()),
                                    ),
                                    built::<dcs::InstanceReplicationDimensionsInfo, _>(
                                        dcs::InstanceReplicationDimensionsInfo::builder()
                                            .name("dcs_cluster_redis_node".to_owned())
                                            .value(format!("{node}-monitor")),
                                    ),
                                ]),
                        )
                    })
                    .collect::<Vec<_>>();
                built::<dcs::InstanceGroupListInfo, _>(
                    dcs::InstanceGroupListInfo::builder()
                        .group_id(group.id.clone())
                        .group_name(format!("group-{g}"))
                        .replication_list(replication_list),
                )
            })
            .collect();
        Ok(built::<dcs::ListGroupReplicationInfoResponse, _>(
            dcs::ListGroupReplicationInfoResponse::builder()
                .group_count(i32::try_from(groups.len()).unwrap_or(i32::MAX))
                .group_list(groups),
        ))
    }

    /// `ShowInstance`.
    pub(crate) fn show_instance(
        &mut self,
        now: i64,
        instance_id: &str,
    ) -> Result<dcs::ShowInstanceResponse, ApiError> {
        self.settle(now);
        let instance = self.instance(instance_id)?;
        let cache_mode = match instance.kind {
            DcsInstanceKind::MasterStandby => dcs::CacheMode::Ha,
            DcsInstanceKind::Cluster => dcs::CacheMode::Cluster,
            DcsInstanceKind::Single => dcs::CacheMode::Single,
        };
        let running = self
            .jobs
            .iter()
            .any(|j| j.instance_id == instance_id && !j.settled);
        let mut az_codes: Vec<String> = Vec::new();
        for group in &instance.groups {
            for node in std::iter::once(&group.master).chain(&group.replicas) {
                let az = self.dcs_node_az(instance, node);
                if !az_codes.contains(&az) {
                    az_codes.push(az);
                }
            }
        }
        let replicas = instance.groups.first().map_or(1, |g| g.replicas.len() + 1);
        Ok(built::<dcs::ShowInstanceResponse, _>(
            dcs::ShowInstanceResponse::builder()
                .instance_id(instance.id.clone())
                .name(instance.name.clone())
                .status("RUNNING".to_owned())
                .cache_mode(cache_mode)
                .engine("Redis".to_owned())
                .engine_version("6.0".to_owned())
                .az_codes(az_codes)
                .port(6379)
                .ip(ip(0, 0))
                .replica_count(i32::try_from(replicas).unwrap_or(i32::MAX))
                .sharding_count(i32::try_from(instance.groups.len()).unwrap_or(i32::MAX))
                .created_at(dcs_time(self.start_ms))
                // The job type of the switchover running on it; null when it is idle.
                .task(running.then(|| serde_json::Value::from("masterStandbySwapJob"))),
        ))
    }

    /// `ListBackgroundTask`: the instance's switchovers (started by any of the three DCS
    /// operations), newest first, in the query's time window and page.
    pub(crate) fn list_background_task(
        &mut self,
        now: i64,
        instance_id: &str,
        query: &TaskQuery,
    ) -> Result<dcs::ListBackgroundTaskResponse, ApiError> {
        self.settle(now);
        let instance = self.instance(instance_id)?;
        let mut jobs: Vec<&super::DcsJob> = self
            .jobs
            .iter()
            .filter(|j| j.instance_id == instance_id)
            .filter(|j| query.start_ms.is_none_or(|s| j.created_ms >= s))
            .filter(|j| query.end_ms.is_none_or(|e| j.created_ms <= e))
            .collect();
        jobs.sort_by_key(|j| std::cmp::Reverse((j.created_ms, j.id.clone())));
        let total = jobs.len();
        let tasks = jobs
            .into_iter()
            .skip(query.offset)
            .take(query.limit)
            .map(|job| {
                let status = match (job.settled, job.outcome) {
                    (false, _) => "RUNNING",
                    (true, Outcome::Success | Outcome::SuccessUnchanged) => "SUCCESS",
                    (true, Outcome::Fail) => "FAILED",
                };
                let group = &instance.groups[job.group];
                built::<dcs::SingleBackgroundTask, _>(
                    dcs::SingleBackgroundTask::builder()
                        .id(job.id.clone())
                        .name("masterStandbySwapJob".to_owned())
                        .status(status.to_owned())
                        .created_at(dcs_time(job.created_ms))
                        .updated_at(dcs_time(if job.settled { job.end_ms() } else { now }))
                        .user_name("hwcloud-sim".to_owned())
                        .enable_show(true)
                        .details(built::<dcs::DetailsBody, _>(
                            dcs::DetailsBody::builder()
                                .group_name(format!("group-{}", job.group))
                                .node_name(job.promote.clone())
                                .replica_az(self.dcs_node_az(instance, &job.promote))
                                .replica_ip(ip(
                                    job.group,
                                    group
                                        .replicas
                                        .iter()
                                        .chain(std::iter::once(&group.master))
                                        .position(|n| *n == job.promote)
                                        .unwrap_or(0),
                                )),
                        )),
                )
            })
            .collect::<Vec<_>>();
        Ok(built::<dcs::ListBackgroundTaskResponse, _>(
            dcs::ListBackgroundTaskResponse::builder()
                .task_count(dcs::TaskCount::String(total.to_string()))
                .tasks(tasks),
        ))
    }

    /// The AZ of every node of a cluster at `now`: where it started, moved by each AZ switchover
    /// once the node's turn in it has ended.
    pub(super) fn css_node_azs(&self, cluster: &CssCluster, now: i64) -> Vec<String> {
        let mut azs: Vec<String> = cluster.nodes.iter().map(|n| n.az.clone()).collect();
        let mut tasks: Vec<&CssTaskSpec> = cluster
            .tasks
            .iter()
            .filter(|t| t.kind == CssTaskKind::AzMigration && t.target_az.is_some())
            .collect();
        tasks.sort_by_key(|t| t.start_offset_ms);
        for task in tasks {
            let walk = cluster.walk(task);
            let progress =
                TaskProgress::at(task, walk.len(), self.phases.len(), self.start_ms, now);
            if progress.start > now || task.outcome == Outcome::SuccessUnchanged {
                continue;
            }
            let done = match progress.state {
                TaskState::Succeeded => walk.len(),
                _ => progress.step / self.phases.len(),
            };
            for &i in &walk[..done] {
                azs[i] = task.target_az.clone().unwrap_or_default();
            }
        }
        azs
    }

    /// The task running on a cluster at `now`, if any.
    fn css_running<'c>(&self, cluster: &'c CssCluster, now: i64) -> Option<(&'c CssTaskSpec, f64)> {
        cluster.tasks.iter().find_map(|t| {
            let walked = cluster.walk(t).len();
            let progress = TaskProgress::at(t, walked, self.phases.len(), self.start_ms, now);
            let steps = (walked * self.phases.len()).max(1);
            (progress.start <= now && progress.state == TaskState::Running)
                .then(|| (t, progress.step as f64 / steps as f64))
        })
    }

    fn css_cluster(&self, id: &str) -> Result<&CssCluster, ApiError> {
        self.css.get(id).ok_or_else(|| {
            ApiError::new(
                403,
                codes::CSS_NOT_FOUND,
                "No resources are found or the access is denied.",
            )
        })
    }

    /// `ShowClusterDetail`.
    pub(crate) fn show_cluster_detail(
        &mut self,
        now: i64,
        cluster_id: &str,
    ) -> Result<css::ShowClusterDetailResponse, ApiError> {
        let cluster = self.css_cluster(cluster_id)?;
        let azs = self.css_node_azs(cluster, now);
        let instances = cluster
            .nodes
            .iter()
            .zip(&azs)
            .enumerate()
            .map(|(i, (node, az))| {
                built::<css::ClusterDetailInstances, _>(
                    css::ClusterDetailInstances::builder()
                        .id(format!("{}-{i}", cluster.id))
                        .name(node.name.clone())
                        .type_(node.node_type.parse::<css::NodeType>().ok())
                        .status("200".to_owned())
                        .az_code(az.clone())
                        .ip(ip(100, i))
                        .spec_code("ess.spec-4u8g".to_owned())
                        .resource_id(format!("{}-{i}-resource", cluster.id)),
                )
            })
            .collect::<Vec<_>>();
        // The running task's kind, as `UpgradeDetail`'s `action_mode` names it.
        let (actions, progress) = match self.css_running(cluster, now) {
            Some((task, done)) => {
                let action = match task.kind {
                    CssTaskKind::AzMigration => "AZ_MIGRATION",
                    CssTaskKind::Upgrade => "UPGRADING",
                };
                let mut map = std::collections::HashMap::new();
                map.insert(action.to_owned(), format!("{}%", (done * 100.0).round()));
                (vec![action.to_owned()], map)
            }
            None => (Vec::new(), std::collections::HashMap::new()),
        };
        Ok(built::<css::ShowClusterDetailResponse, _>(
            css::ShowClusterDetailResponse::builder()
                .id(cluster.id.clone())
                .name(cluster.name.clone())
                .status("200".to_owned())
                .created(css_time(self.start_ms))
                .updated(css_time(now))
                .endpoint(format!("{}:9200", ip(100, 0)))
                .datastore(built::<css::ClusterDetailDatastore, _>(
                    css::ClusterDetailDatastore::builder()
                        .type_(css::DatastoreType::Elasticsearch)
                        .version("7.10.2".to_owned()),
                ))
                .instances(instances)
                .actions(actions)
                .action_progress(progress),
        ))
    }

    /// `UpdateAzByInstanceType`: checks everything, then starts an AZ switchover task walking the
    /// nodes of that type in `source_az`. Nothing starts when anything is wrong.
    pub(crate) fn update_az_by_instance_type(
        &mut self,
        now: i64,
        cluster_id: &str,
        inst_type: &str,
        body: &css::UpdateAzByInstanceTypeRequestBody,
    ) -> Result<(), ApiError> {
        let invalid = |message: String| ApiError::new(400, codes::CSS_INVALID_PARAMETER, message);
        let cluster = self.css_cluster(cluster_id)?;
        let inst_type: css::InstType = inst_type.parse().map_err(|_| {
            invalid(format!(
                "inst_type must be all, ess, ess-cold, ess-client or ess-master, not {inst_type:?}"
            ))
        })?;
        if body.agency.trim().is_empty() {
            return Err(invalid("agency is empty".into()));
        }
        if let Some((task, _)) = self.css_running(cluster, now) {
            return Err(ApiError::new(
                400,
                codes::CSS_CLUSTER_BUSY,
                format!(
                    "The cluster is running task {}; try again after it ends.",
                    task.id
                ),
            ));
        }
        if !self.azs.contains(&body.target_az) {
            return Err(invalid(format!(
                "target_az {} is not an availability zone of the region ({})",
                body.target_az,
                self.azs.join(", ")
            )));
        }
        if body.target_az == body.source_az {
            return Err(invalid("target_az is source_az".into()));
        }
        let azs = self.css_node_azs(cluster, now);
        let walk: Vec<String> = cluster
            .nodes
            .iter()
            .zip(&azs)
            .filter(|(node, az)| {
                **az == body.source_az
                    && (inst_type == css::InstType::All || node.node_type == inst_type.to_string())
            })
            .map(|(node, _)| node.name.clone())
            .collect();
        if walk.is_empty() {
            return Err(invalid(format!(
                "no {inst_type} node of the cluster is in source_az {}",
                body.source_az
            )));
        }
        let phase_ms = cluster.az_switch_phase_ms;
        let cluster = self.css.get_mut(cluster_id).expect("checked above");
        let outcome = cluster.outcomes.pop_front().unwrap_or_default();
        self.next_css_task += 1;
        let id = format!("0a2c7e91-5d3b-4c6f-9e8a-{:012x}", self.next_css_task);
        cluster.tasks.push(CssTaskSpec {
            id: id.clone(),
            kind: CssTaskKind::AzMigration,
            start_offset_ms: now - self.start_ms,
            phase_ms,
            outcome,
            fail_node: None,
            fail_phase: None,
            agency_name: body.agency.clone(),
            image: None,
            source_az: Some(body.source_az.clone()),
            target_az: Some(body.target_az.clone()),
            inst_type: Some(inst_type.to_string()),
            migrate_type: Some(body.migrate_type.to_string()),
            nodes: Some(walk),
        });
        self.performed.push(super::Performed {
            operation: "UpdateAzByInstanceType".into(),
            resource_id: cluster_id.to_owned(),
            job_id: Some(id.clone()),
            at_ms: now,
        });
        tracing::info!(cluster = cluster_id, task = %id, source = %body.source_az, target = %body.target_az, ?outcome, "AZ switchover started");
        Ok(())
    }

    /// `BatchListJobDetails`: the jobs asked for, in the order asked, one page of them; an id the
    /// scenario does not have is answered in the list with its error.
    pub(crate) fn batch_list_job_details(
        &mut self,
        now: i64,
        request: &drs::BatchQueryJobReqPage,
    ) -> Result<drs::BatchListJobDetailsResponse, ApiError> {
        self.settle(now);
        let invalid = |message: &str| ApiError::new(400, codes::DRS_INVALID_PARAMETER, message);
        if request.jobs.is_empty() {
            return Err(invalid("jobs is empty"));
        }
        let page = request.page_req.as_ref();
        let cur_page = page.and_then(|p| p.cur_page).unwrap_or(1);
        let per_page = page.and_then(|p| p.per_page).unwrap_or(5);
        if cur_page < 1 {
            return Err(invalid("page_req.cur_page must be 1 or more"));
        }
        if !(0..=100).contains(&per_page) {
            return Err(invalid("page_req.per_page must be from 0 to 100"));
        }
        let (skip, take) = if per_page == 0 {
            (0, request.jobs.len())
        } else {
            let per = usize::try_from(per_page).unwrap_or(0);
            (usize::try_from(cur_page - 1).unwrap_or(0) * per, per)
        };
        let results = request
            .jobs
            .iter()
            .skip(skip)
            .take(take)
            .map(|id| match self.drs.get(id) {
                Some(job) => {
                    let switching = job.switches.iter().any(|s| !s.settled);
                    let endpoint = |az: &str| {
                        built::<drs::Endpoint, _>(
                            drs::Endpoint::builder()
                                .db_type(drs::EndpointDbType::Mysql)
                                .az_code(az.to_owned())
                                .ip(ip(150, 1))
                                .db_port(3306),
                        )
                    };
                    let mut b = drs::QueryJobResp::builder()
                        .id(job.id.clone())
                        .name(job.name.clone())
                        .status(drs::QueryJobRespStatus::IncreTransferStarted)
                        .create_time(self.start_ms.to_string())
                        .db_use_type(drs::QueryJobRespDbUseType::Sync)
                        .job_direction(drs::QueryJobRespJobDirection::NonDbs)
                        .is_multi_az(job.multi_az)
                        .source_endpoint(endpoint(&job.master_az))
                        .target_endpoint(endpoint(&job.slave_az))
                        .node_num(drs::NodeNum::Int32(if job.multi_az { 2 } else { 1 }))
                        .node_role(if switching { "switching" } else { "master" }.to_owned())
                        .description(String::new());
                    if job.multi_az {
                        b = b
                            .master_az(job.master_az.clone())
                            .slave_az(job.slave_az.clone())
                            .az_code(job.master_az.clone());
                    }
                    built::<drs::QueryJobResp, _>(b)
                }
                None => built::<drs::QueryJobResp, _>(
                    drs::QueryJobResp::builder()
                        .id(id.clone())
                        .error_code(codes::DRS_JOB_NOT_FOUND.to_owned())
                        .error_message("The job does not exist.".to_owned()),
                ),
            })
            .collect::<Vec<_>>();
        Ok(built::<drs::BatchListJobDetailsResponse, _>(
            drs::BatchListJobDetailsResponse::builder()
                .count(i32::try_from(request.jobs.len()).unwrap_or(i32::MAX))
                .results(results),
        ))
    }
}
