//! `hwc drill`: a scripted failover drill that runs every operation of every spec and every waiter
//! with the `hwc` binary itself, against an embedded simulator (or an endpoint given with
//! `--endpoint`), and reports each step, its duration and its outcome.

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
        .arg(
            Arg::new("keep-going")
                .long("keep-going")
                .action(clap::ArgAction::SetTrue)
                .help("Run every step even after one failed (default: stop at the first)"),
        )
}

/// The ids a drill works on.
#[derive(Clone, Debug)]
struct Ids {
    instance: String,
    cluster_instance: String,
    group: String,
    node: String,
    single_instance: Option<String>,
    drs_job: String,
    css_cluster: String,
    css_az_cluster: Option<String>,
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
            group: need(&info.dcs.group_id, "cluster shard")?,
            node: need(&info.dcs.replica_node_id, "replica node")?,
            single_instance: info.dcs.single_node_instance_id.clone(),
            drs_job: need(&info.drs.job_id, "replication job")?,
            css_cluster: need(&info.css.upgrading_cluster_id, "upgrading cluster")?,
            css_az_cluster: info.css.az_migrating_cluster_id.clone(),
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
            group: example("dcs", "execute-cluster-switchover", "group-id"),
            node: example("dcs", "execute-cluster-switchover", "node-id"),
            single_instance: None,
            drs_job: example("drs", "switch-vip", "job-id"),
            css_cluster: example("css", "upgrade-detail", "cluster-id"),
            css_az_cluster: None,
        }
    }
}

/// One step: an `hwc` command and the exit code it should end with.
struct Step {
    title: String,
    service: &'static str,
    operation: &'static str,
    args: Vec<String>,
    expect: u8,
}

impl Step {
    fn new(title: &str, service: &'static str, operation: &'static str, args: &[&str]) -> Self {
        Self {
            title: title.to_owned(),
            service,
            operation,
            args: args.iter().map(|a| (*a).to_owned()).collect(),
            expect: exit::DONE,
        }
    }

    fn expect(mut self, code: u8) -> Self {
        self.expect = code;
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

/// The script. `{job}` stands for the job id the first step printed.
fn script(ids: &Ids) -> Vec<Step> {
    let follow = ["--interval", "100ms", "--deadline", "10m"];
    let with = |args: &[&str], extra: &[&str]| -> Vec<String> {
        args.iter()
            .chain(extra)
            .map(|a| (*a).to_owned())
            .collect::<Vec<_>>()
    };
    let mut steps = vec![
        Step {
            args: with(&["--instance-id", &ids.instance, "--wait"], &follow),
            ..Step::new(
                "DCS master/replica switchover, followed to its end",
                "dcs",
                "change-master-standby-async",
                &[],
            )
        },
        Step::new(
            "DCS job of that switchover",
            "dcs",
            "show-job-info",
            &["--job-id", "{job}"],
        ),
        Step {
            args: with(
                &[
                    "--instance-id",
                    &ids.cluster_instance,
                    "--group-id",
                    &ids.group,
                    "--node-id",
                    &ids.node,
                    "--wait",
                ],
                &follow,
            ),
            ..Step::new(
                "DCS cluster shard switchover, followed to its end",
                "dcs",
                "execute-cluster-switchover",
                &[],
            )
        },
        Step::new(
            "DCS synchronous master/standby switchover",
            "dcs",
            "change-master-standby",
            &["--instance-id", &ids.instance],
        ),
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
    steps.push(Step::new(
        "DRS result of that switchover",
        "drs",
        "show-switch-vip-status",
        &["--job-id", &ids.drs_job],
    ));
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
        steps.push(Step {
            args: with(
                &[
                    "--cluster-id",
                    az,
                    "--action-mode",
                    "AZ_MIGRATION",
                    "--watch",
                ],
                &follow,
            ),
            ..Step::new(
                "CSS AZ switchover, watched to its end",
                "css",
                "upgrade-detail",
                &[],
            )
        });
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
    let (sim, ids, endpoint) = if external {
        let endpoint = config.endpoint.clone().unwrap_or_default();
        (None, Ids::from_examples(), endpoint)
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
    let steps = script(&ids);
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

    let mut job_id = String::new();
    let mut rows = Vec::new();
    let mut failed = 0;
    for (index, step) in steps.iter().enumerate() {
        let number = index + 1;
        let args: Vec<String> = step
            .args
            .iter()
            .map(|a| a.replace("{job}", &job_id))
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
                command.envs(crate::sim::environment(&sim.info));
            }
            None => {
                command.arg("--endpoint").arg(&endpoint);
                command.env_remove(crate::config::ENV_OUTPUT);
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
        if job_id.is_empty()
            && let Some(id) = document.get("job_id").and_then(Value::as_str)
        {
            job_id = id.to_owned();
        }
        let ok = code == step.expect;
        let outcome = if ok {
            format!("ok: {}", summarize(&document, &stderr, code))
        } else {
            failed += 1;
            format!(
                "FAILED: exit {code}, expected {}: {}",
                step.expect,
                summarize(&document, &stderr, code)
            )
        };
        let shown = Step {
            title: step.title.clone(),
            service: step.service,
            operation: step.operation,
            args,
            expect: step.expect,
        };
        eprintln!(
            "[{number:>2}/{}] {:<6} {:>6}  {}\n         $ {}\n         -> {outcome}",
            steps.len(),
            if ok { "ok" } else { "FAILED" },
            format!("{:.1}s", duration.as_secs_f64()),
            shown.title,
            shown.command_line(),
        );
        if !ok {
            for line in stderr.lines() {
                eprintln!("         | {line}");
            }
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
    let success = failed == 0 && rows.len() == steps.len() && uncovered == 0;
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
