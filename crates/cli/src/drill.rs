//! `hwc drill`: a scripted failover drill that runs every operation of every spec and every waiter
//! with the `hwc` binary itself, against an embedded simulator (or an endpoint given with
//! `--endpoint`), and reports each step, its duration and its outcome.

use std::collections::BTreeMap;
use std::process::Stdio;
use std::time::{Duration, Instant};

use clap::parser::ValueSource;
use clap::{Arg, ArgMatches, Command};
use hwcloud_sim::{Sim, SimInfo};
use serde_json::{Value, json};

use crate::config::Config;
use crate::output::{Printer, exit};
use crate::services::Op;

/// The simulator's speed in a drill unless `--speed` says otherwise: a job of the built-in scenario
/// (10 simulated seconds) takes a tenth of a second, an upgrade of three nodes a few seconds.
const DRILL_SPEED: f64 = 100.0;

/// `hwc drill`'s command.
pub fn command() -> Command {
    Command::new("drill")
        .about("Run a failover drill: every operation and every waiter, against a simulator")
        .long_about(
            "Run a scripted failover drill: every operation of every spec and every waiter \
             (--wait, --watch), each as an `hwc` command, against an embedded simulator it starts \
             itself (or against --endpoint URL, given on the command line, with the credentials \
             of the environment). Each step is shown on stderr as it ends; the report (step, \
             command, duration, outcome, and which steps ran each operation) is the JSON document \
             on stdout. Exit 0 when every step had the expected outcome, 1 otherwise.",
        )
        .arg(crate::sim::scenario_arg())
        .arg(crate::sim::speed_arg().help(format!(
            "Simulated seconds per real second of the embedded simulator [default: {DRILL_SPEED}]"
        )))
        .args(
            RESOURCE_FLAGS
                .iter()
                .map(|(id, help)| Arg::new(*id).long(*id).value_name("ID").help(*help)),
        )
        .arg(
            Arg::new("keep-going")
                .long("keep-going")
                .action(clap::ArgAction::SetTrue)
                .help("Run every step even after one failed (default: stop at the first)"),
        )
}

/// The resources a drill against `--endpoint` works on (the simulator's scenario names its own);
/// what the drill switches inside them (shard, replica, nodes, AZs) it discovers.
const RESOURCE_FLAGS: &[(&str, &str)] = &[
    (
        "dcs-instance",
        "With --endpoint: the master/standby DCS instance to switch over",
    ),
    (
        "dcs-cluster",
        "With --endpoint: the cluster DCS instance whose shard to switch over",
    ),
    (
        "drs-job",
        "With --endpoint: the DRS replication job whose virtual IP to switch",
    ),
    (
        "css-cluster",
        "With --endpoint: the CSS cluster whose upgrades to watch",
    ),
    (
        "css-az-cluster",
        "With --endpoint: the CSS cluster to switch over to another AZ",
    ),
];

/// The ids a drill works on.
#[derive(Clone, Debug)]
struct Ids {
    instance: String,
    cluster_instance: String,
    single_instance: Option<String>,
    drs_job: String,
    css_cluster: String,
    css_az_cluster: Option<String>,
    /// A cluster to start an AZ switchover on.
    css_idle_cluster: Option<String>,
    /// The region's availability zones, when known (the simulator's).
    azs: Vec<String>,
}

impl Ids {
    fn from_info(info: &SimInfo) -> Result<Self, String> {
        let need = |v: &Option<String>, what: &str| {
            v.clone()
                .ok_or_else(|| format!("the scenario has no {what} for the drill"))
        };
        Ok(Self {
            instance: need(
                &info.dcs.master_standby_instance_id,
                "master/standby instance",
            )?,
            cluster_instance: need(&info.dcs.cluster_instance_id, "cluster instance")?,
            single_instance: info.dcs.single_node_instance_id.clone(),
            drs_job: need(&info.drs.job_id, "replication job")?,
            css_cluster: need(&info.css.upgrading_cluster_id, "upgrading cluster")?,
            css_az_cluster: info.css.az_migrating_cluster_id.clone(),
            css_idle_cluster: info.css.idle_cluster_id.clone(),
            azs: info.availability_zones.clone(),
        })
    }

    /// Against an endpoint: the ids of the specs' examples (which the simulator's built-in
    /// scenario also uses).
    fn from_examples() -> Self {
        let example = |service: &str, name: &str, flag: &str| {
            Op::find(service, name)
                .and_then(|op| {
                    op.spec()
                        .args
                        .iter()
                        .find(|a| a.id == flag)
                        .and_then(|a| a.example)
                })
                .unwrap_or_default()
                .to_owned()
        };
        Self {
            instance: example("dcs", "change-master-standby-async", "instance-id"),
            cluster_instance: example("dcs", "execute-cluster-switchover", "instance-id"),
            single_instance: None,
            drs_job: example("drs", "switch-vip", "job-id"),
            css_cluster: example("css", "upgrade-detail", "cluster-id"),
            css_az_cluster: None,
            css_idle_cluster: Some(example("css", "update-az-by-instance-type", "cluster-id")),
            azs: Vec::new(),
        }
    }
}

/// What the drill has discovered so far (`job`, roles before a switchover, AZs), by name: a
/// step's arguments may name them as `{name}`.
type Vars = BTreeMap<String, String>;

/// Reads a step's JSON document: what it verified (and how), or why the step fails. It may
/// record what later steps need.
type Check = Box<dyn Fn(&Value, &mut Vars) -> Result<String, String>>;

/// One step: an `hwc` command, the exit code it should end with, and what its answer must show.
struct Step {
    title: String,
    service: &'static str,
    operation: &'static str,
    args: Vec<String>,
    expect: u8,
    check: Option<Check>,
}

impl Step {
    fn new(title: &str, service: &'static str, operation: &'static str, args: &[&str]) -> Self {
        Self {
            title: title.to_owned(),
            service,
            operation,
            args: args.iter().map(|a| (*a).to_owned()).collect(),
            expect: exit::DONE,
            check: None,
        }
    }

    fn expect(mut self, code: u8) -> Self {
        self.expect = code;
        self
    }

    fn check(
        mut self,
        check: impl Fn(&Value, &mut Vars) -> Result<String, String> + 'static,
    ) -> Self {
        self.check = Some(Box::new(check));
        self
    }

    fn command_line(&self) -> String {
        let mut line = format!("hwc {} {}", self.service, self.operation);
        for arg in &self.args {
            line.push(' ');
            line.push_str(&crate::spec::shell_quote(arg));
        }
        line
    }
}

/// The script. `{job}` stands for the job id the first step printed, `{name}` for what an earlier
/// step discovered. Each switchover is preceded by the reads that discover what to switch and
/// record the state before, and followed by the reads that verify the state after.
fn script(ids: &Ids) -> Vec<Step> {
    let follow = ["--interval", "100ms", "--deadline", "10m"];
    let with = |args: &[&str], extra: &[&str]| -> Vec<String> {
        args.iter()
            .chain(extra)
            .map(|a| (*a).to_owned())
            .collect::<Vec<_>>()
    };
    let instance = ids.instance.as_str();
    let cluster = ids.cluster_instance.as_str();
    let mut steps = vec![
        Step::new(
            "DCS discover: the instance's type, and that it is idle",
            "dcs",
            "show-instance",
            &["--instance-id", instance],
        )
        .check(|doc, _| instance_idle(doc, "ha")),
        Step::new(
            "DCS discover: roles before the switchover",
            "dcs",
            "list-group-replication-info",
            &["--instance-id", instance],
        )
        .check(|doc, vars| record_roles(doc, vars, "ms", None)),
        Step {
            args: with(&["--instance-id", instance, "--wait"], &follow),
            ..Step::new(
                "DCS master/replica switchover, followed to its end",
                "dcs",
                "change-master-standby-async",
                &[],
            )
        }
        .check(|doc, _| job_succeeded(doc)),
        Step::new(
            "DCS job of that switchover",
            "dcs",
            "show-job-info",
            &["--job-id", "{job}"],
        )
        .check(|doc, _| job_succeeded(doc)),
        Step::new(
            "DCS verify: the replica is master now, the old master a replica",
            "dcs",
            "list-group-replication-info",
            &["--instance-id", instance],
        )
        .check(|doc, vars| roles_swapped(doc, vars, "ms")),
        Step::new(
            "DCS verify: the switchover is in the instance's background tasks",
            "dcs",
            "list-background-task",
            &["--instance-id", instance],
        )
        .check(task_recorded),
        Step::new(
            "DCS discover: the cluster's shards, a replica to promote",
            "dcs",
            "list-group-replication-info",
            &["--instance-id", cluster],
        )
        .check(|doc, vars| record_roles(doc, vars, "cluster", None)),
        Step {
            args: with(
                &[
                    "--instance-id",
                    cluster,
                    "--group-id",
                    "{cluster_group}",
                    "--node-id",
                    "{cluster_replica}",
                    "--wait",
                ],
                &follow,
            ),
            ..Step::new(
                "DCS cluster shard switchover of that replica, followed to its end",
                "dcs",
                "execute-cluster-switchover",
                &[],
            )
        }
        .check(|doc, _| job_succeeded(doc)),
        Step::new(
            "DCS verify: in that shard the replica is master now, the old master a replica",
            "dcs",
            "list-group-replication-info",
            &["--instance-id", cluster],
        )
        .check(|doc, vars| roles_swapped(doc, vars, "cluster")),
        Step::new(
            "DCS discover: roles before the synchronous switchover",
            "dcs",
            "list-group-replication-info",
            &["--instance-id", instance],
        )
        .check(|doc, vars| record_roles(doc, vars, "sync", None)),
        Step::new(
            "DCS synchronous master/standby switchover",
            "dcs",
            "change-master-standby",
            &["--instance-id", instance],
        ),
        Step::new(
            "DCS verify: the roles swapped again",
            "dcs",
            "list-group-replication-info",
            &["--instance-id", instance],
        )
        .check(|doc, vars| roles_swapped(doc, vars, "sync")),
    ];
    if let Some(single) = &ids.single_instance {
        steps.push(
            Step::new(
                "DCS switchover of a single-node instance: refused (DCS.4855)",
                "dcs",
                "change-master-standby-async",
                &["--instance-id", single],
            )
            .expect(exit::NO_OUTCOME),
        );
    }
    let drs_job = ids.drs_job.clone();
    steps.push(
        Step::new(
            "DRS discover: the replication job (and an unknown id answered in place)",
            "drs",
            "batch-list-job-details",
            &["--json-body", "{drs_body}"],
        )
        .check(move |doc, _| job_details(doc, &drs_job)),
    );
    steps.push(Step {
        args: with(
            &["--job-id", &ids.drs_job, "--mode", "source", "--wait"],
            &follow,
        ),
        ..Step::new(
            "DRS virtual IP switchover, followed to its end",
            "drs",
            "switch-vip",
            &[],
        )
    });
    steps.push(
        Step::new(
            "DRS verify: the result of that switchover",
            "drs",
            "show-switch-vip-status",
            &["--job-id", &ids.drs_job],
        )
        .check(|doc, _| match doc.get("status").and_then(Value::as_str) {
            Some("SWITCH_VIP_COMPLETE") => {
                Ok("ShowSwitchVipStatus: status SWITCH_VIP_COMPLETE (the address moved)".into())
            }
            other => Err(format!("the switch did not complete: status {other:?}")),
        }),
    );
    steps.push(Step::new(
        "CSS upgrade tasks of a cluster",
        "css",
        "upgrade-detail",
        &["--cluster-id", &ids.css_cluster],
    ));
    steps.push(Step {
        args: with(&["--cluster-id", &ids.css_cluster, "--watch"], &follow),
        ..Step::new(
            "CSS cluster upgrade, watched to its end",
            "css",
            "upgrade-detail",
            &[],
        )
    });
    if let Some(az) = &ids.css_az_cluster {
        // Listed, not watched: the scenario's switchover may have ended by now, and a watch
        // presents no finished task as an outcome (the next AZ switchover is watched).
        steps.push(Step::new(
            "CSS AZ switchover tasks of a cluster",
            "css",
            "upgrade-detail",
            &["--cluster-id", az, "--action-mode", "AZ_MIGRATION"],
        ));
    }
    if let Some(idle) = &ids.css_idle_cluster {
        let azs = ids.azs.clone();
        steps.push(
            Step::new(
                "CSS discover: the nodes' AZs, the data nodes to move and where",
                "css",
                "show-cluster-detail",
                &["--cluster-id", idle],
            )
            .check(move |doc, vars| plan_az_switch(doc, vars, &azs)),
        );
        steps.push(Step::new(
            "CSS AZ switchover of the data nodes",
            "css",
            "update-az-by-instance-type",
            &[
                "--cluster-id",
                idle,
                "--inst-type",
                "ess",
                "--source-az",
                "{az_source}",
                "--target-az",
                "{az_target}",
                "--migrate-type",
                "az_migrate",
                "--agency",
                "hwc-drill-agency",
            ],
        ));
        steps.push(Step {
            args: with(
                &[
                    "--cluster-id",
                    idle,
                    "--action-mode",
                    "AZ_MIGRATION",
                    "--watch",
                ],
                &follow,
            ),
            ..Step::new(
                "CSS that AZ switchover, watched node by node to its end",
                "css",
                "upgrade-detail",
                &[],
            )
        });
        steps.push(
            Step::new(
                "CSS verify: the data nodes are in the target AZ, the others where they were",
                "css",
                "show-cluster-detail",
                &["--cluster-id", idle],
            )
            .check(azs_moved),
        );
    }
    // An operation the script does not know yet (a spec gained one): run the page's example.
    for op in Op::all() {
        let spec = op.spec();
        if !steps
            .iter()
            .any(|s| s.service == spec.service && s.operation == spec.name)
        {
            let args: Vec<&str> = spec.example_args.to_vec();
            steps.push(Step::new(
                &format!("{} (the page's example)", spec.summary),
                spec.service,
                spec.name,
                &args,
            ));
        }
    }
    steps
}

/// `(group_id, [(node_id, role, az_code)])` of each shard of a `ListGroupReplicationInfo` answer.
type Shard = (String, Vec<(String, String, String)>);

fn shards(doc: &Value) -> Result<Vec<Shard>, String> {
    let text = |v: &Value, key: &str| v.get(key).and_then(Value::as_str).unwrap_or("").to_owned();
    let groups = doc
        .get("group_list")
        .and_then(Value::as_array)
        .ok_or("the answer lists no shards (no group_list)")?;
    Ok(groups
        .iter()
        .map(|g| {
            let replicas = g
                .get("replication_list")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .map(|r| {
                    (
                        text(r, "node_id"),
                        text(r, "replication_role"),
                        text(r, "az_code"),
                    )
                })
                .collect();
            (text(g, "group_id"), replicas)
        })
        .collect())
}

fn master_in(shard: &Shard) -> Result<String, String> {
    let masters: Vec<&str> = shard
        .1
        .iter()
        .filter(|(_, role, _)| role == "master")
        .map(|(node, ..)| node.as_str())
        .collect();
    match masters[..] {
        [one] => Ok(one.to_owned()),
        _ => Err(format!("shard {} has {} masters", shard.0, masters.len())),
    }
}

/// Before a switchover: the first shard with a replica, its master and the replica to promote.
fn record_roles(
    doc: &Value,
    vars: &mut Vars,
    prefix: &str,
    _: Option<()>,
) -> Result<String, String> {
    let shards = shards(doc)?;
    let shard = shards
        .iter()
        .find(|s| s.1.iter().any(|(_, role, _)| role == "slave"))
        .ok_or("no shard has a replica to promote")?;
    let master = master_in(shard)?;
    let (replica, _, az) = shard
        .1
        .iter()
        .find(|(_, role, _)| role == "slave")
        .expect("found above");
    vars.insert(format!("{prefix}_group"), shard.0.clone());
    vars.insert(format!("{prefix}_master"), master.clone());
    vars.insert(format!("{prefix}_replica"), replica.clone());
    Ok(format!(
        "recorded from ListGroupReplicationInfo ({} shard(s)): shard {} master {master}, replica {replica} (az {az}) to promote",
        shards.len(),
        shard.0
    ))
}

/// After a switchover: in the recorded shard the replica is master and the old master a replica.
fn roles_swapped(doc: &Value, vars: &mut Vars, prefix: &str) -> Result<String, String> {
    let get = |key: &str| {
        vars.get(&format!("{prefix}_{key}"))
            .cloned()
            .unwrap_or_default()
    };
    let (group, master, replica) = (get("group"), get("master"), get("replica"));
    let shards = shards(doc)?;
    let shard = shards
        .iter()
        .find(|s| s.0 == group)
        .ok_or_else(|| format!("shard {group} is no longer listed"))?;
    let now = master_in(shard)?;
    if now != replica {
        return Err(format!(
            "the roles did not change as asked: shard {group} master is {now}, expected {replica}"
        ));
    }
    let old = shard.1.iter().find(|(node, ..)| *node == master);
    match old {
        Some((_, role, _)) if role == "slave" => Ok(format!(
            "ListGroupReplicationInfo: shard {group} master {master} -> {replica}; {master} is a slave now"
        )),
        other => Err(format!(
            "the old master {master} is not a replica: {other:?}"
        )),
    }
}

fn instance_idle(doc: &Value, mode: &str) -> Result<String, String> {
    let cache_mode = doc.get("cache_mode").and_then(Value::as_str).unwrap_or("");
    let status = doc.get("status").and_then(Value::as_str).unwrap_or("");
    let task = doc.get("task").filter(|t| !t.is_null());
    if cache_mode != mode {
        return Err(format!(
            "cache_mode is {cache_mode:?}, not {mode:?}: that switchover does not apply"
        ));
    }
    if let Some(task) = task {
        return Err(format!("the instance is busy: task {task}"));
    }
    Ok(format!(
        "ShowInstance: cache_mode {cache_mode} (master/standby switchover applies), status {status}, no task (idle)"
    ))
}

fn job_succeeded(doc: &Value) -> Result<String, String> {
    match doc.get("status").and_then(Value::as_str) {
        Some("SUCCESS") => Ok(format!(
            "job {} status SUCCESS",
            doc.get("job_id").and_then(Value::as_str).unwrap_or("?")
        )),
        other => Err(format!("the job did not succeed: status {other:?}")),
    }
}

/// The switchover's job is in the instance's background tasks, finished, with its times.
fn task_recorded(doc: &Value, vars: &mut Vars) -> Result<String, String> {
    let job = vars.get("job").cloned().unwrap_or_default();
    let tasks = doc
        .get("tasks")
        .and_then(Value::as_array)
        .ok_or("no tasks listed")?;
    let task = tasks
        .iter()
        .find(|t| t.get("id").and_then(Value::as_str) == Some(job.as_str()))
        .ok_or_else(|| format!("job {job} is not among the {} tasks listed", tasks.len()))?;
    let field = |key: &str| {
        task.get(key)
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_owned()
    };
    if field("status") != "SUCCESS" {
        return Err(format!("task {job} is {}", field("status")));
    }
    Ok(format!(
        "ListBackgroundTask: task {job} {} SUCCESS, from {} to {}",
        field("name"),
        field("created_at"),
        field("updated_at")
    ))
}

fn job_details(doc: &Value, job: &str) -> Result<String, String> {
    let results = doc
        .get("results")
        .and_then(Value::as_array)
        .ok_or("no results")?;
    let found = results
        .iter()
        .find(|r| r.get("id").and_then(Value::as_str) == Some(job))
        .ok_or_else(|| format!("job {job} is not in the answer"))?;
    if let Some(code) = found.get("error_code").and_then(Value::as_str) {
        return Err(format!("job {job} answered with error {code}"));
    }
    let unknown = results
        .iter()
        .find(|r| r.get("id").and_then(Value::as_str) == Some(UNKNOWN_JOB))
        .and_then(|r| r.get("error_code").and_then(Value::as_str))
        .ok_or("the unknown id was not answered with its error")?;
    let text = |key: &str| {
        found.get(key).map_or_else(
            || "-".to_owned(),
            |v| v.as_str().map_or_else(|| v.to_string(), str::to_owned),
        )
    };
    Ok(format!(
        "BatchListJobDetails: job {job} status {}, is_multi_az {}, master_az {}, slave_az {}; unknown id answered {unknown}",
        text("status"),
        text("is_multi_az"),
        text("master_az"),
        text("slave_az")
    ))
}

/// The id the drill asks `BatchListJobDetails` about that no job has.
const UNKNOWN_JOB: &str = "hwc-drill-no-such-job";

/// `(name, type, azCode)` of each node of a `ShowClusterDetail` answer.
fn nodes(doc: &Value) -> Vec<(String, String, String)> {
    let text = |v: &Value, key: &str| v.get(key).and_then(Value::as_str).unwrap_or("").to_owned();
    doc.get("instances")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|n| (text(n, "name"), text(n, "type"), text(n, "azCode")))
        .collect()
}

/// Before an AZ switchover: the cluster is idle; move the data nodes of the first data node's AZ
/// to a zone of the region no data node is in (else any other zone the nodes use).
fn plan_az_switch(doc: &Value, vars: &mut Vars, region: &[String]) -> Result<String, String> {
    if let Some(actions) = doc
        .get("actions")
        .and_then(Value::as_array)
        .filter(|a| !a.is_empty())
    {
        return Err(format!("the cluster is busy: actions {actions:?}"));
    }
    let nodes = nodes(doc);
    let data: Vec<&(String, String, String)> =
        nodes.iter().filter(|(_, t, _)| t == "ess").collect();
    let source = data
        .first()
        .map(|(_, _, az)| az.clone())
        .ok_or("the cluster has no data node")?;
    let used: Vec<&str> = data.iter().map(|(_, _, az)| az.as_str()).collect();
    let target = region
        .iter()
        .find(|az| !used.contains(&az.as_str()))
        .or_else(|| region.iter().find(|az| **az != source))
        .cloned()
        .or_else(|| {
            nodes
                .iter()
                .map(|(_, _, az)| az.clone())
                .find(|az| *az != source)
        })
        .ok_or("no other availability zone to move to is known")?;
    let moving: Vec<String> = data
        .iter()
        .filter(|(_, _, az)| *az == source)
        .map(|(name, ..)| name.clone())
        .collect();
    vars.insert("az_source".into(), source.clone());
    vars.insert("az_target".into(), target.clone());
    vars.insert("az_moving".into(), moving.join(","));
    vars.insert(
        "az_before".into(),
        nodes
            .iter()
            .map(|(n, _, az)| format!("{n}={az}"))
            .collect::<Vec<_>>()
            .join(","),
    );
    Ok(format!(
        "ShowClusterDetail: idle (no actions); data nodes {} in {source} move to {target}",
        moving.join(", ")
    ))
}

/// After an AZ switchover: the moved nodes are in the target AZ, the others where they were.
fn azs_moved(doc: &Value, vars: &mut Vars) -> Result<String, String> {
    let target = vars.get("az_target").cloned().unwrap_or_default();
    let moving: Vec<String> = vars
        .get("az_moving")
        .map(|m| m.split(',').map(str::to_owned).collect())
        .unwrap_or_default();
    let before: BTreeMap<String, String> = vars
        .get("az_before")
        .map(|b| {
            b.split(',')
                .filter_map(|p| p.split_once('='))
                .map(|(n, az)| (n.to_owned(), az.to_owned()))
                .collect()
        })
        .unwrap_or_default();
    for (name, _, az) in nodes(doc) {
        let expected = if moving.contains(&name) {
            target.as_str()
        } else {
            before.get(&name).map_or("", String::as_str)
        };
        if az != expected {
            return Err(format!("node {name} is in {az}, expected {expected}"));
        }
    }
    if let Some(actions) = doc
        .get("actions")
        .and_then(Value::as_array)
        .filter(|a| !a.is_empty())
    {
        return Err(format!("the cluster still runs {actions:?}"));
    }
    Ok(format!(
        "ShowClusterDetail: {} in {target}, the other nodes where they were, no actions",
        moving.join(", ")
    ))
}

/// A simulator on its own thread, so that the drill's blocking steps never stall it.
struct EmbeddedSim {
    info: SimInfo,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl EmbeddedSim {
    fn start(scenario: hwcloud_sim::Scenario) -> Result<Self, String> {
        let (ready_tx, ready_rx) = std::sync::mpsc::channel();
        let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
        let thread = std::thread::spawn(move || {
            let runtime = match tokio::runtime::Builder::new_multi_thread()
                .worker_threads(1)
                .enable_all()
                .build()
            {
                Ok(runtime) => runtime,
                Err(e) => {
                    let _ = ready_tx.send(Err(e.to_string()));
                    return;
                }
            };
            runtime.block_on(async move {
                match Sim::start(scenario).await {
                    Ok(sim) => {
                        let _ = ready_tx.send(Ok(sim.info().clone()));
                        let _ = stop_rx.await;
                        sim.shutdown().await;
                    }
                    Err(e) => {
                        let _ = ready_tx.send(Err(e.to_string()));
                    }
                }
            });
        });
        let info = ready_rx
            .recv()
            .map_err(|_| "the simulator's thread ended".to_owned())??;
        Ok(Self {
            info,
            stop: Some(stop_tx),
            thread: Some(thread),
        })
    }
}

impl Drop for EmbeddedSim {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// The variables a step must not inherit when it talks to the embedded simulator.
const CLEARED: &[&str] = &[
    "HUAWEICLOUD_SDK_AK",
    "HUAWEICLOUD_SDK_SK",
    "HUAWEICLOUD_SDK_SECURITY_TOKEN",
    "HUAWEICLOUD_SDK_PROJECT_ID",
    "CLOUD_SDK_AK",
    "CLOUD_SDK_SK",
    crate::config::ENV_IAM_TOKEN,
    crate::config::ENV_REGION,
    crate::config::ENV_CLOUD,
    crate::config::ENV_ENDPOINT,
    crate::config::ENV_ALGORITHM,
    crate::config::ENV_CREDENTIALS_FILE,
    crate::config::ENV_OUTPUT,
];

/// Runs the drill and returns the exit code.
pub fn run(matches: &ArgMatches) -> u8 {
    let config = Config::from_matches(matches);
    let printer = Printer {
        table: config.table,
    };
    let external = matches.value_source("endpoint") == Some(ValueSource::CommandLine);
    // Against an endpoint, only the resources named on the command line are touched: the
    // steps of any other resource (the specs' example ids) are left out.
    let mut unnamed: Vec<String> = Vec::new();
    let (sim, ids, endpoint) = if external {
        let endpoint = config.endpoint.clone().unwrap_or_default();
        let mut ids = Ids::from_examples();
        let flag = |id: &str| matches.get_one::<String>(id).cloned();
        let named = RESOURCE_FLAGS
            .iter()
            .filter(|(id, _)| flag(id).is_some())
            .count();
        if named == 0 {
            let flags: Vec<String> = RESOURCE_FLAGS
                .iter()
                .map(|(id, _)| format!("--{id}"))
                .collect();
            eprintln!(
                "error: against --endpoint, a drill runs only on resources named on the command \
                 line ({}); none was named, nothing was sent",
                flags.join(", ")
            );
            return exit::USAGE;
        }
        // A resource not named gets a placeholder no step may run with.
        let placeholder = |id: &str| format!("<{id} not named>");
        for (id, slot) in [
            ("dcs-instance", &mut ids.instance),
            ("dcs-cluster", &mut ids.cluster_instance),
            ("drs-job", &mut ids.drs_job),
            ("css-cluster", &mut ids.css_cluster),
        ] {
            if flag(id).is_none() {
                *slot = placeholder(id);
                unnamed.push(placeholder(id));
            }
        }
        if flag("css-az-cluster").is_none() {
            ids.css_idle_cluster = Some(placeholder("css-az-cluster"));
            unnamed.push(placeholder("css-az-cluster"));
        }
        if flag("drs-job").is_none() {
            unnamed.push("{drs_body}".to_owned());
        }
        if let Some(v) = flag("dcs-instance") {
            ids.instance = v;
        }
        if let Some(v) = flag("dcs-cluster") {
            ids.cluster_instance = v;
        }
        if let Some(v) = flag("drs-job") {
            ids.drs_job = v;
        }
        if let Some(v) = flag("css-cluster") {
            ids.css_cluster = v;
        }
        if let Some(v) = flag("css-az-cluster") {
            ids.css_idle_cluster = Some(v);
        }
        (None, ids, endpoint)
    } else {
        let scenario = match crate::sim::scenario(matches) {
            Ok(s) if matches.get_one::<f64>("speed").is_none() => s.with_speed(DRILL_SPEED),
            Ok(s) => s,
            Err(e) => {
                eprintln!("error: {e}");
                return exit::USAGE;
            }
        };
        let sim = match EmbeddedSim::start(scenario) {
            Ok(sim) => sim,
            Err(e) => {
                eprintln!("error: cannot start the simulator: {e}");
                return exit::USAGE;
            }
        };
        let ids = match Ids::from_info(&sim.info) {
            Ok(ids) => ids,
            Err(e) => {
                eprintln!("error: {e}");
                return exit::USAGE;
            }
        };
        let endpoint = sim.info.endpoint.clone();
        (Some(sim), ids, endpoint)
    };
    let exe = match std::env::current_exe() {
        Ok(exe) => exe,
        Err(e) => {
            eprintln!("error: cannot find the hwc binary: {e}");
            return exit::USAGE;
        }
    };
    let keep_going = matches.get_flag("keep-going");
    let mut steps = script(&ids);
    steps.retain(|step| {
        !step
            .args
            .iter()
            .any(|a| unnamed.iter().any(|u| a.contains(u.as_str())))
    });
    let journal_path = crate::journal::path(matches).ok();
    let sim_journal =
        std::env::temp_dir().join(format!("hwc-drill-{}-journal.jsonl", std::process::id()));
    let drill_id = crate::journal::new_id();
    if sim.is_none() {
        eprintln!("hwc drill: the plan against {endpoint}:");
        for (i, step) in steps.iter().enumerate() {
            eprintln!(
                "  {:>2}. {}\n      $ {}",
                i + 1,
                step.title,
                step.command_line()
            );
        }
        if !crate::guard::confirm_drill(matches, &endpoint, steps.len()) {
            return exit::USAGE;
        }
    }
    eprintln!(
        "hwc drill: {} steps against {}{}",
        steps.len(),
        endpoint,
        if sim.is_some() {
            " (embedded simulator)"
        } else {
            ""
        }
    );

    // The body of the DRS batch query: the drill's job and an id no job has.
    let drs_body = std::env::temp_dir().join(format!("hwc-drill-{}-drs.json", std::process::id()));
    let body =
        json!({"jobs": [ids.drs_job, UNKNOWN_JOB], "page_req": {"cur_page": 1, "per_page": 0}});
    if let Err(e) = std::fs::write(&drs_body, body.to_string()) {
        eprintln!("error: cannot write {}: {e}", drs_body.display());
        return exit::USAGE;
    }
    let mut vars = Vars::new();
    vars.insert("drs_body".into(), drs_body.display().to_string());
    let mut rows = Vec::new();
    let mut failed = 0;
    for (index, step) in steps.iter().enumerate() {
        let number = index + 1;
        let args: Vec<String> = step
            .args
            .iter()
            .map(|a| {
                vars.iter()
                    .fold(a.clone(), |a, (k, v)| a.replace(&format!("{{{k}}}"), v))
            })
            .collect();
        let mut command = std::process::Command::new(&exe);
        command.arg(step.service).arg(step.operation).args(&args);
        command
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        match &sim {
            Some(sim) => {
                for name in CLEARED {
                    command.env_remove(name);
                }
                // The simulator's switchovers stay out of the user's journal.
                command
                    .env_remove(crate::profile::ENV_PROFILE)
                    .env(crate::journal::ENV_JOURNAL, &sim_journal);
                command.envs(crate::sim::environment(&sim.info));
            }
            None => {
                command.arg("--endpoint").arg(&endpoint).arg("--yes");
                command.env_remove(crate::config::ENV_OUTPUT);
                if let Some(path) = &journal_path {
                    command.env(crate::journal::ENV_JOURNAL, path);
                }
            }
        }
        let started = Instant::now();
        let output = command.output();
        let duration = started.elapsed();
        let (code, document, stderr) = match output {
            Ok(out) => (
                out.status
                    .code()
                    .map(|c| c as u8)
                    .unwrap_or(exit::INTERRUPTED),
                serde_json::from_slice::<Value>(&out.stdout).unwrap_or(Value::Null),
                String::from_utf8_lossy(&out.stderr).into_owned(),
            ),
            Err(e) => (exit::USAGE, Value::Null, e.to_string()),
        };
        if !vars.contains_key("job")
            && let Some(id) = document.get("job_id").and_then(Value::as_str)
        {
            vars.insert("job".into(), id.to_owned());
        }
        // What the answer shows: checked only when the command ended as expected.
        let verified = match (&step.check, code == step.expect) {
            (Some(check), true) => Some(check(&document, &mut vars)),
            _ => None,
        };
        let ok = code == step.expect && !matches!(verified, Some(Err(_)));
        let outcome = match (&verified, ok) {
            (_, false) if code == step.expect => {
                failed += 1;
                format!(
                    "FAILED: {}",
                    verified
                        .as_ref()
                        .and_then(|v| v.as_ref().err())
                        .map_or("", String::as_str)
                )
            }
            (_, false) => {
                failed += 1;
                format!(
                    "FAILED: exit {code}, expected {}: {}",
                    step.expect,
                    summarize(&document, &stderr, code)
                )
            }
            (_, true) => format!("ok: {}", summarize(&document, &stderr, code)),
        };
        let verified_text = verified.as_ref().and_then(|v| v.as_ref().ok()).cloned();
        let shown = Step {
            title: step.title.clone(),
            service: step.service,
            operation: step.operation,
            args,
            expect: step.expect,
            check: None,
        };
        eprintln!(
            "[{number:>2}/{}] {:<6} {:>6}  {}\n         $ {}\n         -> {outcome}",
            steps.len(),
            if ok { "ok" } else { "FAILED" },
            format!("{:.1}s", duration.as_secs_f64()),
            shown.title,
            shown.command_line(),
        );
        if let Some(text) = &verified_text {
            eprintln!("         verified: {text}");
        }
        if !ok {
            for line in stderr.lines() {
                eprintln!("         | {line}");
            }
        }
        if sim.is_none()
            && let Some(path) = &journal_path
        {
            let _ = crate::journal::Journal::at(path.clone()).append(&json!({
                "id": drill_id,
                "event": "drill-step",
                "time": crate::journal::now(),
                "step": number,
                "command": shown.command_line(),
                "exit_code": code,
                "outcome": outcome,
                "verified": verified_text,
            }));
        }
        rows.push(json!({
            "step": number,
            "title": shown.title,
            "service": shown.service,
            "operation": shown.operation,
            "command": shown.command_line(),
            "duration_ms": duration_ms(duration),
            "exit_code": code,
            "expected_exit_code": step.expect,
            "outcome": outcome,
            "verified": verified_text,
        }));
        if !ok && !keep_going {
            break;
        }
    }

    let operations: Vec<Value> = Op::all()
        .iter()
        .map(|op| {
            let spec = op.spec();
            let ran: Vec<Value> = rows
                .iter()
                .filter(|r| r["service"] == spec.service && r["operation"] == spec.name)
                .map(|r| r["step"].clone())
                .collect();
            json!({
                "service": spec.service,
                "operation": spec.operation_id,
                "command": format!("hwc {} {}", spec.service, spec.name),
                "steps": ran,
            })
        })
        .collect();
    let uncovered = operations
        .iter()
        .filter(|o| o["steps"].as_array().is_none_or(Vec::is_empty))
        .count();
    eprintln!("\nOperations:");
    for op in &operations {
        let steps: Vec<String> = op["steps"]
            .as_array()
            .into_iter()
            .flatten()
            .map(Value::to_string)
            .collect();
        eprintln!(
            "  {:<28} {:<40} steps {}",
            op["operation"].as_str().unwrap_or_default(),
            op["command"].as_str().unwrap_or_default(),
            if steps.is_empty() {
                "(none)".to_owned()
            } else {
                steps.join(", ")
            }
        );
    }
    let passed = rows.len() - failed;
    let success = failed == 0 && rows.len() == steps.len() && (uncovered == 0 || sim.is_none());
    eprintln!(
        "\ndrill: {passed} passed, {failed} failed{}",
        if uncovered > 0 {
            format!(", {uncovered} operations not run")
        } else {
            String::new()
        }
    );
    let report = json!({
        "endpoint": endpoint,
        "simulator": sim.is_some(),
        "passed": passed,
        "failed": failed,
        "steps": rows,
        "operations": operations,
    });
    if printer.table {
        printer.document(&json!({ "steps": report["steps"], "operations": report["operations"] }));
    } else {
        printer.document(&report);
    }
    let _ = std::fs::remove_file(&drs_body);
    let _ = std::fs::remove_file(&sim_journal);
    drop(sim);
    if success { exit::DONE } else { exit::FAILED }
}

fn duration_ms(duration: Duration) -> u64 {
    u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)
}

/// A step's outcome in a few words: the fields that say what happened.
fn summarize(document: &Value, stderr: &str, code: u8) -> String {
    let mut parts = Vec::new();
    for key in ["job_id", "id", "status", "fail_reason", "totalSize"] {
        if let Some(value) = document.get(key).filter(|v| !v.is_null()) {
            let text = value
                .as_str()
                .map_or_else(|| value.to_string(), str::to_owned);
            parts.push(format!("{key} {text}"));
        }
    }
    if parts.is_empty()
        && code != exit::DONE
        && let Some(line) = stderr.lines().find(|l| l.starts_with("error:"))
    {
        return line.trim_start_matches("error: ").to_owned();
    }
    if parts.is_empty() {
        match document {
            Value::Null => "no body".to_owned(),
            other => format!("{} fields", other.as_object().map_or(0, |o| o.len())),
        }
    } else {
        parts.join(", ")
    }
}
