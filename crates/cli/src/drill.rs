//! `hwc drill`: a scripted failover drill that runs every operation of every spec and every waiter
//! with the `hwc` binary itself, against an embedded simulator (or an endpoint given with
//! `--endpoint`), and reports each step, its duration and its outcome.
//!
//! The script is the specs': each spec's `x-drill` declares the resources its drill works on and
//! its steps (the `plan` module reads it); this module runs them, and the page's example for an operation no
//! drill runs. It names no service, operation or field.

mod plan;

use std::process::Stdio;
use std::time::{Duration, Instant};

use clap::parser::ValueSource;
use clap::{Arg, ArgMatches, Command};
use hwcloud_sim::{Sim, SimInfo};
use serde_json::{Value, json};

use crate::config::Config;
use crate::output::{Printer, exit};
use crate::services::Op;
use plan::{Check, Drill, Vars};

/// The simulator's speed in a drill unless `--speed` says otherwise: a job of the built-in scenario
/// (10 simulated seconds) takes a tenth of a second, an upgrade of three nodes a few seconds.
const DRILL_SPEED: f64 = 100.0;

/// The resources named on the command line against `--endpoint`: (flag, help), as the specs'
/// drills declare them.
fn resource_flags() -> Vec<(String, String)> {
    drills()
        .unwrap_or_default()
        .into_iter()
        .flat_map(|(_, drill)| drill.resources)
        .filter_map(|r| r.help.map(|help| (r.name, help)))
        .collect()
}

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
        .args(resource_flags().into_iter().map(|(name, help)| {
            Arg::new(name.clone())
                .long(name)
                .value_name("ID")
                .help(help)
        }))
        .arg(
            Arg::new("keep-going")
                .long("keep-going")
                .action(clap::ArgAction::SetTrue)
                .help("Run every step even after one failed (default: stop at the first)"),
        )
}

/// Every service's drill, as its spec's `x-drill` declares it: (service, drill).
fn drills() -> Result<Vec<(&'static str, Drill)>, String> {
    crate::services::DRILLS
        .iter()
        .map(|(service, json)| {
            serde_json::from_str::<Drill>(json)
                .map(|drill| (*service, drill))
                .map_err(|e| format!("the drill of {service} does not read: {e}"))
        })
        .collect()
}

/// The exit codes a step may expect, by the names the specs give them.
fn exit_code(name: &str) -> Option<u8> {
    Some(match name {
        "done" => exit::DONE,
        "failed" => exit::FAILED,
        "usage" => exit::USAGE,
        "no-outcome" => exit::NO_OUTCOME,
        "deadline" => exit::DEADLINE,
        "maybe-sent" => exit::MAYBE_SENT,
        "contradicted" => exit::CONTRADICTED,
        "no-evidence" => exit::NO_EVIDENCE,
        "nothing-runs" => exit::NOTHING_RUNS,
        _ => return None,
    })
}

/// How a step with `follow` paces its `--wait`/`--watch`.
const FOLLOW: [&str; 4] = ["--interval", "100ms", "--deadline", "10m"];

/// One step: an `hwc` command, the exit code it should end with, and what its answer must show.
struct Step<'a> {
    title: String,
    service: &'static str,
    /// The command's name.
    operation: &'static str,
    operation_id: &'static str,
    /// The arguments: templates, unless `literal`.
    args: Vec<String>,
    /// The arguments are the page's example, taken as they are.
    literal: bool,
    body: Option<Value>,
    expect: u8,
    checks: &'a [Check],
    /// The answer's fields that say what happened.
    summary: &'a [String],
}

impl Step<'_> {
    /// The command line, with what is known so far filled in (`{name}` for what is not).
    fn command_line(&self, args: &[String]) -> String {
        let mut line = format!("hwc {} {}", self.service, self.operation);
        for arg in args {
            line.push(' ');
            line.push_str(&crate::spec::shell_quote(arg));
        }
        line
    }

    /// The arguments as the plan shows them, before anything ran.
    fn planned(&self, vars: &Vars) -> Vec<String> {
        let mut args: Vec<String> = self
            .args
            .iter()
            .map(|a| {
                if self.literal {
                    a.clone()
                } else {
                    plan::expand(a, None, vars, true).unwrap_or_else(|_| a.clone())
                }
            })
            .collect();
        if let Some(body) = &self.body {
            let body = plan::expand_body(body, vars, true).unwrap_or_else(|_| body.clone());
            args.extend(["--json-body".to_owned(), body.to_string()]);
        }
        args
    }

    /// Whether the step's command names one of `names` (`{name}`); with `checks`, or its checks.
    fn uses_any(&self, names: &[String], checks: bool) -> bool {
        let mut texts: Vec<String> = self.args.clone();
        texts.extend(self.body.as_ref().map(Value::to_string));
        if checks {
            texts.extend(self.checks.iter().flat_map(Check::texts).map(str::to_owned));
        }
        names.iter().any(|name| {
            let used = format!("{{{name}}}");
            texts.iter().any(|t| t.contains(&used))
        })
    }
}

/// Leaves out the steps whose command names a resource the drill does not have, and then the
/// steps that use what only a left-out step records.
fn leave_out(steps: &mut Vec<Step<'_>>, missing: &[String]) {
    let mut unrecorded: Vec<String> = Vec::new();
    steps.retain(|step| {
        let out = step.uses_any(missing, false) || step.uses_any(&unrecorded, true);
        if out {
            unrecorded.extend(step.checks.iter().flat_map(Check::records));
        }
        !out
    });
}

/// The steps of every service's drill, then, for an operation no drill runs (a spec gained
/// one), a step that runs the page's example.
fn script<'a>(drills: &'a [(&'static str, Drill)]) -> Result<Vec<Step<'a>>, String> {
    let mut steps = Vec::new();
    for (service, drill) in drills {
        for spec in &drill.steps {
            let op = Op::all()
                .into_iter()
                .find(|op| {
                    op.spec().service == *service && op.spec().operation_id == spec.operation
                })
                .ok_or_else(|| {
                    format!(
                        "the drill of {service} runs {}, which it has not",
                        spec.operation
                    )
                })?;
            let expect = spec.expect.as_deref().unwrap_or("done");
            let mut args = spec.args.clone();
            if let Some(follow) = &spec.follow {
                args.push(format!("--{follow}"));
                args.extend(FOLLOW.map(str::to_owned));
            }
            steps.push(Step {
                title: spec.title.clone(),
                service,
                operation: op.spec().name,
                operation_id: op.spec().operation_id,
                args,
                literal: false,
                body: spec.body.clone(),
                expect: exit_code(expect).ok_or_else(|| {
                    format!("the drill of {service} expects `{expect}`, no exit code")
                })?,
                checks: &spec.checks,
                summary: &drill.summary,
            });
        }
    }
    for op in Op::all() {
        let spec = op.spec();
        if !steps
            .iter()
            .any(|s| s.service == spec.service && s.operation == spec.name)
        {
            steps.push(Step {
                title: format!("{} (the page's example)", spec.summary),
                service: spec.service,
                operation: spec.name,
                operation_id: spec.operation_id,
                args: spec.example_args.iter().map(|a| (*a).to_owned()).collect(),
                literal: true,
                body: None,
                expect: exit::DONE,
                checks: &[],
                summary: drills
                    .iter()
                    .find(|(s, _)| *s == spec.service)
                    .map_or(&[][..], |(_, d)| &d.summary),
            });
        }
    }
    Ok(steps)
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
    let drills = match drills() {
        Ok(drills) => drills,
        Err(e) => {
            eprintln!("error: {e}");
            return exit::USAGE;
        }
    };
    let resources: Vec<&plan::Resource> = drills.iter().flat_map(|(_, d)| &d.resources).collect();
    // What the drill works on, by name; a resource it does not have leaves its steps out (and
    // reads as nothing in a check).
    let mut vars = Vars::new();
    let mut missing: Vec<String> = Vec::new();
    let (sim, endpoint) = if external {
        // Against an endpoint, only the resources named on the command line are touched.
        let endpoint = config.endpoint.clone().unwrap_or_default();
        let flags: Vec<&str> = resources
            .iter()
            .filter(|r| r.help.is_some())
            .map(|r| r.name.as_str())
            .collect();
        for r in &resources {
            let named = r
                .help
                .as_ref()
                .and_then(|_| matches.get_one::<String>(&r.name).cloned());
            match named {
                Some(id) => {
                    vars.insert(r.name.clone(), id);
                }
                None => missing.push(r.name.clone()),
            }
        }
        if vars.is_empty() {
            let flags: Vec<String> = flags.iter().map(|f| format!("--{f}")).collect();
            eprintln!(
                "error: against --endpoint, a drill runs only on resources named on the command \
                 line ({}); none was named, nothing was sent",
                flags.join(", ")
            );
            return exit::USAGE;
        }
        (None, endpoint)
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
        let info = serde_json::to_value(&sim.info).unwrap_or_default();
        for r in &resources {
            let found = r
                .sim
                .as_deref()
                .and_then(|p| info.pointer(p))
                .map(|v| match v {
                    Value::Array(items) => items
                        .iter()
                        .filter_map(Value::as_str)
                        .collect::<Vec<_>>()
                        .join(","),
                    Value::String(s) => s.clone(),
                    _ => String::new(),
                })
                .filter(|v| !v.is_empty());
            match found {
                Some(value) => {
                    vars.insert(r.name.clone(), value);
                }
                // A resource the simulator cannot give (no `sim`) is one it has not.
                None if r.optional || r.sim.is_none() => missing.push(r.name.clone()),
                None => {
                    eprintln!("error: the scenario has no {} for the drill", r.name);
                    return exit::USAGE;
                }
            }
        }
        let endpoint = sim.info.endpoint.clone();
        (Some(sim), endpoint)
    };
    let exe = match std::env::current_exe() {
        Ok(exe) => exe,
        Err(e) => {
            eprintln!("error: cannot find the hwc binary: {e}");
            return exit::USAGE;
        }
    };
    let keep_going = matches.get_flag("keep-going");
    let mut steps = match script(&drills) {
        Ok(steps) => steps,
        Err(e) => {
            eprintln!("error: {e}");
            return exit::USAGE;
        }
    };
    leave_out(&mut steps, &missing);
    for name in missing {
        vars.insert(name, String::new());
    }
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
                step.command_line(&step.planned(&vars))
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

    let mut rows = Vec::new();
    let mut failed = 0;
    for (index, step) in steps.iter().enumerate() {
        let number = index + 1;
        // A body goes in a file of its own, given as `--json-body FILE`.
        let body_file =
            std::env::temp_dir().join(format!("hwc-drill-{}-{number}.json", std::process::id()));
        let prepared = step
            .args
            .iter()
            .map(|a| {
                if step.literal {
                    Ok(a.clone())
                } else {
                    plan::expand(a, None, &vars, false)
                }
            })
            .collect::<Result<Vec<String>, String>>()
            .and_then(|mut args| {
                if let Some(body) = &step.body {
                    let body = plan::expand_body(body, &vars, false)?;
                    std::fs::write(&body_file, body.to_string())
                        .map_err(|e| format!("cannot write {}: {e}", body_file.display()))?;
                    args.extend(["--json-body".to_owned(), body_file.display().to_string()]);
                }
                Ok(args)
            });
        let args = match prepared {
            Ok(args) => args,
            Err(e) => {
                // What the step needs was not found by the steps before it: it cannot run.
                failed += 1;
                let outcome = format!("FAILED: {e}");
                eprintln!(
                    "[{number:>2}/{}] FAILED           {}\n         -> {outcome}",
                    steps.len(),
                    step.title
                );
                rows.push(json!({
                    "step": number,
                    "title": step.title,
                    "service": step.service,
                    "operation": step.operation,
                    "command": step.command_line(&step.planned(&vars)),
                    "duration_ms": 0,
                    "exit_code": null,
                    "expected_exit_code": step.expect,
                    "outcome": outcome,
                    "verified": null,
                }));
                if keep_going {
                    continue;
                }
                break;
            }
        };
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
        let _ = std::fs::remove_file(&body_file);
        // What the answer shows: checked only when the command ended as expected.
        let verified = (code == step.expect && !step.checks.is_empty()).then(|| {
            plan::run_checks(step.checks, &document, &mut vars)
                .map(|said| format!("{}: {said}", step.operation_id))
        });
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
                    summarize(step.summary, &document, &stderr, code)
                )
            }
            (_, true) => format!("ok: {}", summarize(step.summary, &document, &stderr, code)),
        };
        let verified_text = verified.as_ref().and_then(|v| v.as_ref().ok()).cloned();
        let command_line = step.command_line(&args);
        eprintln!(
            "[{number:>2}/{}] {:<6} {:>6}  {}\n         $ {}\n         -> {outcome}",
            steps.len(),
            if ok { "ok" } else { "FAILED" },
            format!("{:.1}s", duration.as_secs_f64()),
            step.title,
            command_line,
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
                "command": command_line,
                "exit_code": code,
                "outcome": outcome,
                "verified": verified_text,
            }));
        }
        rows.push(json!({
            "step": number,
            "title": step.title,
            "service": step.service,
            "operation": step.operation,
            "command": command_line,
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
    let _ = std::fs::remove_file(&sim_journal);
    drop(sim);
    if success { exit::DONE } else { exit::FAILED }
}

fn duration_ms(duration: Duration) -> u64 {
    u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)
}

/// A step's outcome in a few words: the fields of the answer that say what happened (the
/// service's drill names them), else the error, else the answer's size.
fn summarize(summary: &[String], document: &Value, stderr: &str, code: u8) -> String {
    let mut parts = Vec::new();
    for pointer in summary {
        if let Some(value) = document.pointer(pointer).filter(|v| !v.is_null()) {
            let text = value
                .as_str()
                .map_or_else(|| value.to_string(), str::to_owned);
            parts.push(format!("{} {text}", pointer.trim_start_matches('/')));
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Whatever resource is missing, every step left can fill its command line: with the other
    /// resources and what the steps before it record.
    #[test]
    fn a_step_that_needs_what_a_left_out_step_records_is_left_out_too() {
        let drills = drills().expect("the specs' drills read");
        let resources: Vec<&str> = drills
            .iter()
            .flat_map(|(_, d)| &d.resources)
            .map(|r| r.name.as_str())
            .collect();
        assert!(!resources.is_empty());
        for missing in &resources {
            let mut steps = script(&drills).expect("a script");
            leave_out(&mut steps, &[(*missing).to_owned()]);
            let mut vars: Vars = resources
                .iter()
                .filter(|r| *r != missing)
                .map(|r| ((*r).to_owned(), "x".to_owned()))
                .collect();
            for step in &steps {
                for arg in &step.args {
                    assert!(
                        plan::expand(arg, None, &vars, false).is_ok(),
                        "without {missing}: `{}` cannot fill `{arg}`",
                        step.title
                    );
                }
                vars.extend(
                    step.checks
                        .iter()
                        .flat_map(Check::records)
                        .map(|name| (name, "x".to_owned())),
                );
            }
        }
    }
}
