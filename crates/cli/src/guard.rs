//! A non-idempotent operation, guarded: what it is about to change is read first with the
//! target's discovery reads (the spec's idempotent operations of the same service that take the
//! target's ids), a busy target is reported before anything is sent, a person at a terminal
//! confirms by typing the target's name or id (`--yes` skips it), the request is journaled before
//! it is sent and its outcome after, and a lost answer is resolved by evidence with `--wait`.
//!
//! Which reads show a target is derived from the generated tables, never named here.

use std::collections::BTreeMap;
use std::io::{BufRead, IsTerminal, Write};
use std::sync::{Arc, Mutex, PoisonError};

use clap::{Arg, ArgAction, ArgMatches};
use serde_json::{Value, json};

use crate::config::{Config, GLOBAL};
use crate::journal::{self, Journal};
use crate::output::{Printer, describe, exit};
use crate::services::{CallError, Op, Reply};
use crate::wait;
use hwcloud_core::wait::Resume;

/// `--yes`, a global option.
pub fn arg() -> Arg {
    Arg::new("yes")
        .long("yes")
        .short('y')
        .global(true)
        .help_heading(GLOBAL)
        .action(ArgAction::SetTrue)
        .help("Do not ask for confirmation before a non-idempotent operation (scripts)")
}

fn flag(matches: &ArgMatches, id: &str) -> bool {
    matches
        .try_get_one::<bool>(id)
        .ok()
        .flatten()
        .copied()
        .unwrap_or(false)
}

/// The ids a command line names: every argument of the operation given as text.
pub fn target(op: &Op, matches: &ArgMatches) -> BTreeMap<String, String> {
    op.spec()
        .args
        .iter()
        .filter_map(|a| {
            let value = matches.try_get_one::<String>(a.id).ok().flatten()?;
            Some((a.id.to_owned(), value.clone()))
        })
        .collect()
}

/// The arguments of a command that must be given (the project id is configured once).
fn required_args(op: &Op) -> Vec<String> {
    crate::operation_command(op)
        .get_arguments()
        .filter(|a| a.is_required_set() && a.get_id() != "project-id")
        .map(|a| a.get_id().to_string())
        .collect()
}

/// The reads that show a target: the idempotent operations of the same service whose required
/// arguments are all among the target's ids.
pub fn discovery_reads(op: &Op, target: &BTreeMap<String, String>) -> Vec<Op> {
    Op::all()
        .into_iter()
        .filter(|read| read.spec().service == op.spec().service && read.idempotent())
        .filter(|read| {
            let required = required_args(read);
            !required.is_empty() && required.iter().all(|id| target.contains_key(id))
        })
        .collect()
}

/// The command line of a read of `target`.
pub fn read_matches(
    read: &Op,
    target: &BTreeMap<String, String>,
    config: &Config,
) -> Result<ArgMatches, String> {
    let mut argv = vec!["hwc".to_owned()];
    for id in required_args(read) {
        argv.push(format!("--{id}"));
        argv.push(target.get(&id).cloned().unwrap_or_default());
    }
    if let Some(project) = &config.project_id {
        argv.push("--project-id".into());
        argv.push(project.clone());
    }
    crate::operation_command(read)
        .try_get_matches_from(argv)
        .map_err(|e| e.to_string())
}

/// What the discovery reads show of a target now: (read's name, answer).
pub async fn discover(
    reads: &[Op],
    target: &BTreeMap<String, String>,
    config: &Config,
) -> Vec<(String, Result<Value, String>)> {
    let mut out = Vec::new();
    for read in reads {
        let name = read.spec().name.to_owned();
        let answer = match read_matches(read, target, config) {
            Ok(m) => read
                .execute(config, &m)
                .await
                .map(|r| r.body.unwrap_or(Value::Null))
                .map_err(|e| describe(Some(read), &e).1.trim().to_owned()),
            Err(e) => Err(e),
        };
        out.push((name, answer));
    }
    out
}

/// The keys shown of a target before it is changed.
const SHOWN: [&str; 12] = [
    "name", "status", "task", "az", "role", "node", "master", "replica", "ip", "type", "mode",
    "group",
];

/// The lines describing a read's answer: the fields that say what the target is and where.
pub fn summary(value: &Value) -> Vec<String> {
    let mut lines = Vec::new();
    summarize(value, "", 1, &mut lines);
    lines.truncate(40);
    lines
}

fn shown(key: &str) -> bool {
    let key = key.to_ascii_lowercase();
    SHOWN.iter().any(|k| key.contains(k)) && !key.contains("time")
}

fn summarize(value: &Value, key: &str, depth: usize, lines: &mut Vec<String>) {
    let pad = "  ".repeat(depth);
    match value {
        Value::Object(map) => {
            let scalars: Vec<String> = map
                .iter()
                .filter(|(k, v)| !v.is_object() && !v.is_array() && shown(k) && !v.is_null())
                .map(|(k, v)| {
                    format!(
                        "{k}={}",
                        v.as_str()
                            .map(str::to_owned)
                            .unwrap_or_else(|| v.to_string())
                    )
                })
                .collect();
            if !scalars.is_empty() {
                lines.push(format!(
                    "{pad}{}{}",
                    if key.is_empty() {
                        String::new()
                    } else {
                        format!("{key}: ")
                    },
                    scalars.join("  ")
                ));
            }
            for (k, v) in map {
                if (v.is_object() || v.is_array()) && depth < 4 {
                    summarize(v, k, depth + 1, lines);
                }
            }
        }
        Value::Array(items) => {
            for item in items.iter().take(12) {
                summarize(item, key, depth, lines);
            }
        }
        Value::String(s) if shown(key) => lines.push(format!("{pad}{key}={s}")),
        _ => {}
    }
}

/// What makes a target busy: a running task in what its reads show (`task` set outside a list,
/// or a listed record whose status says it runs).
pub fn busy(value: &Value) -> Option<String> {
    fn running(status: &str) -> bool {
        let s = status.to_ascii_uppercase();
        s == "RUNNING" || s == "EXECUTING" || s == "SWITCHING" || s.ends_with("_RUNNING")
    }
    if let Some(task) = value.get("task").filter(|t| match t {
        Value::Null => false,
        Value::String(s) => !s.trim().is_empty(),
        Value::Object(m) => !m.is_empty(),
        _ => true,
    }) {
        return Some(format!(
            "task {}",
            task.as_str()
                .map(str::to_owned)
                .unwrap_or_else(|| task.to_string())
        ));
    }
    let mut found = None;
    if let Value::Object(map) = value {
        for v in map.values() {
            if let Value::Array(items) = v {
                for item in items {
                    let status = item.get("status").and_then(Value::as_str).unwrap_or("");
                    if running(status) {
                        let id = item.get("id").and_then(Value::as_str).unwrap_or("(no id)");
                        let name = item.get("name").and_then(Value::as_str).unwrap_or("task");
                        found = Some(format!("{name} {id} is {status}"));
                    }
                }
            }
        }
    }
    found
}

/// The target's name, as its reads show it (a `name` outside any list).
fn target_name(answers: &[(String, Result<Value, String>)]) -> Option<String> {
    answers.iter().find_map(|(_, a)| {
        let v = a.as_ref().ok()?;
        v.get("name")
            .or_else(|| {
                v.as_object()?
                    .values()
                    .find_map(|x| x.as_object()?.get("name"))
            })
            .and_then(Value::as_str)
            .map(str::to_owned)
    })
}

/// Whether the request was performed, from its outcome: `no`, `maybe` or `yes`, as the core's
/// one answer to it says ([`hwcloud_core::Error::performed`]).
pub fn performed(op: &Op, outcome: &Result<Reply, CallError>) -> &'static str {
    use hwcloud_core::Performed;
    match outcome {
        Ok(_) => "yes",
        Err(CallError::Usage(_)) => "no",
        Err(CallError::Api(e)) => match e.performed(op.idempotent()) {
            Performed::No => "no",
            Performed::Yes => "yes",
            _ => "maybe",
        },
    }
}

/// The key of the success answer that names what the operation started (`job_id`), from the
/// spec's example response.
pub fn started_key(op: &Op) -> Option<String> {
    op.spec().responses.iter().find_map(|r| {
        if !(200..300).contains(&r.status) {
            return None;
        }
        let v: Value = serde_json::from_str(r.json).ok()?;
        v.as_object()?
            .iter()
            .find(|(k, v)| v.is_string() && (k.ends_with("_id") || k.as_str() == "id"))
            .map(|(k, _)| k.clone())
    })
}

/// Runs a non-idempotent operation, guarded, and returns the exit code.
pub async fn call(op: &Op, config: &Config, matches: &ArgMatches, printer: Printer) -> u8 {
    let spec = op.spec();
    let target = target(op, matches);
    let journal = Journal::of(matches);
    // Configuration errors first, as the call itself would report them.
    let builder = hwcloud_core::__private::client_builder(spec.service, &[], |_: &str, _, _| ());
    if let Err(e) = config.configure(builder, spec.service) {
        eprintln!("error: {e}\n  performed:  no: nothing was sent");
        return exit::USAGE;
    }
    let reads = discovery_reads(op, &target);
    let answers = discover(&reads, &target, config).await;
    for (read, answer) in &answers {
        if let Ok(v) = answer
            && let Some(what) = busy(v)
        {
            eprintln!(
                "error: the target is busy ({read}: {what}); try again when it ends\n  \
                 performed:  no: nothing was sent"
            );
            return exit::FAILED;
        }
    }
    let interactive = std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
    if interactive && !flag(matches, "yes") {
        let mut err = std::io::stderr().lock();
        let _ = writeln!(
            err,
            "About to run {} {} ({}), which is not idempotent, on:",
            spec.service, spec.name, spec.summary
        );
        for (k, v) in &target {
            if k != "project-id" {
                let _ = writeln!(err, "  {k}: {v}");
            }
        }
        for (read, answer) in &answers {
            let _ = writeln!(err, "{read}:");
            match answer {
                Ok(v) => {
                    for line in summary(v) {
                        let _ = writeln!(err, "{line}");
                    }
                }
                Err(e) => {
                    let _ = writeln!(
                        err,
                        "  (cannot read it: {})",
                        e.lines().next().unwrap_or("")
                    );
                }
            }
        }
        let name = target_name(&answers);
        let accepted: Vec<String> = target
            .iter()
            .filter(|(k, _)| k.as_str() != "project-id")
            .map(|(_, v)| v.clone())
            .chain(name.clone())
            .collect();
        let _ = write!(
            err,
            "Type the target's {} to go on (anything else cancels): ",
            if name.is_some() { "name or id" } else { "id" }
        );
        let _ = err.flush();
        drop(err);
        let mut line = String::new();
        let _ = std::io::stdin().lock().read_line(&mut line);
        let typed = line.trim();
        if typed.is_empty() || !accepted.iter().any(|a| a == typed) {
            eprintln!("cancelled: nothing was sent");
            return exit::USAGE;
        }
    }
    let id = journal::new_id();
    let intent = json!({
        "id": id,
        "event": "intent",
        "time": journal::now(),
        "profile": config.profile,
        "region": config.region,
        "cloud": config.cloud,
        "endpoint_host": endpoint_host(op, config),
        "service": spec.service,
        "operation": spec.operation_id,
        "command": spec.name,
        "target": target,
    });
    if let Err(e) = journal.append(&intent) {
        eprintln!("error: {e}\n  performed:  no: nothing was sent (nothing is sent unjournaled)");
        return exit::USAGE;
    }
    // What following it reads before sending, journaled before it is sent: what tells its
    // outcome from an earlier one's, and what evidence of a lost answer is looked for against.
    let resume = match wait::read_before(op, config, matches).await {
        None => None,
        Some(Ok(resume)) => {
            if let Err(e) = journal.append(&json!({
                "id": id, "event": "before", "time": journal::now(), "resume": resume,
            })) {
                eprintln!(
                    "error: {e}\n  performed:  no: nothing was sent (nothing is sent unjournaled)"
                );
                return exit::USAGE;
            }
            Some(resume)
        }
        // Following needs it: nothing is sent without it.
        Some(Err((code, text))) if wait::requested(op, matches) => {
            eprintln!("error: could not read the state before sending, so nothing was sent");
            eprint!("{text}");
            eprintln!("  performed:  no: nothing was sent");
            let _ = journal.append(&json!({
                "id": id, "event": "outcome", "time": journal::now(),
                "performed": "no", "status": "not sent",
            }));
            return code;
        }
        Some(Err((_, text))) => {
            eprintln!(
                "warning: what following it reads before sending could not be read ({}); if its \
                 answer is lost, no evidence can be looked for",
                text.lines()
                    .next()
                    .unwrap_or_default()
                    .trim_start_matches("error: ")
            );
            None
        }
    };
    if wait::requested(op, matches) {
        // The waiter reads what it must before sending (a baseline), sends once (the outcome
        // journaled as soon as it is known), and follows to a proven outcome.
        let sent: Arc<Mutex<Option<&'static str>>> = Arc::default();
        let on_sent: wait::OnSent = {
            let (journal, id, sent, op) = (journal.clone(), id.clone(), Arc::clone(&sent), *op);
            Arc::new(move |outcome: &Result<Reply, CallError>| {
                let (record, performed) = outcome_record(&op, &id, outcome);
                *sent.lock().unwrap_or_else(PoisonError::into_inner) = Some(performed);
                if let Err(e) = journal.append(&record) {
                    eprintln!("warning: {e}");
                }
            })
        };
        let before = resume.as_ref().map(|r| r.before.clone());
        let code = wait::follow_reporting(op, config, matches, printer, on_sent, before).await;
        let performed = *sent.lock().unwrap_or_else(PoisonError::into_inner);
        let code = match performed {
            // Not sent: the state before could not be read, or the start was refused first.
            None => {
                let _ = journal.append(&json!({
                    "id": id, "event": "outcome", "time": journal::now(),
                    "performed": "no", "status": "not sent",
                }));
                code
            }
            Some("maybe") => match resume {
                Some(resume) => resolve(op, config, matches, resume, &journal, &id, printer).await,
                None => code,
            },
            Some(_) => code,
        };
        let _ = journal.append(&json!({
            "id": id, "event": "verification", "time": journal::now(),
            "verification": verification(code),
        }));
        return code;
    }
    let outcome = op.execute(config, matches).await;
    let (record, performed) = outcome_record(op, &id, &outcome);
    if let Err(e) = journal.append(&record) {
        eprintln!("warning: {e}");
    }
    match outcome {
        Ok(reply) => {
            let body = reply.body.unwrap_or(Value::Null);
            printer.document(&body);
            if wait::rejection(op, matches, &body).is_none() {
                exit::DONE
            } else {
                exit::FAILED
            }
        }
        Err(e) => {
            let code = crate::output::report(Some(op), &e);
            if performed == "maybe" && resume.is_some() {
                eprintln!(
                    "  journal:    {id} in {}; `hwc follow {id}` looks for evidence and follows it",
                    journal.path().display()
                );
            }
            code
        }
    }
}

/// The journal's `outcome` event of the request `id`, and whether it was performed.
fn outcome_record(op: &Op, id: &str, outcome: &Result<Reply, CallError>) -> (Value, &'static str) {
    let performed = performed(op, outcome);
    let mut record =
        json!({"id": id, "event": "outcome", "time": journal::now(), "performed": performed});
    match outcome {
        Ok(reply) => {
            record["status"] = Value::from("accepted");
            record["request_id"] = reply
                .request_id
                .clone()
                .map(Value::from)
                .unwrap_or(Value::Null);
            record["answer"] = reply.body.clone().unwrap_or(Value::Null);
            if let Some(key) = started_key(op)
                && let Some(job) = reply.body.as_ref().and_then(|b| b.get(&key))
            {
                record["job_id"] = job.clone();
            }
        }
        Err(CallError::Api(e)) => {
            record["status"] = e
                .status()
                .map(|s| Value::from(s.as_u16()))
                .unwrap_or(Value::from("no answer"));
            record["request_id"] = e.request_id().map(Value::from).unwrap_or(Value::Null);
            record["error"] = Value::from(e.to_string());
        }
        Err(CallError::Usage(e)) => {
            record["status"] = Value::from("not sent");
            record["error"] = Value::from(e.clone());
        }
    }
    (record, performed)
}

/// The verification an exit code stands for.
pub fn verification(code: u8) -> &'static str {
    match code {
        exit::DONE => "succeeded",
        exit::FAILED => "failed",
        exit::DEADLINE => "deadline passed, still running",
        exit::INTERRUPTED => "interrupted",
        exit::MAYBE_SENT => "no evidence either way",
        _ => "unknown",
    }
}

/// The host a call goes to, for the journal.
fn endpoint_host(op: &Op, config: &Config) -> Option<String> {
    let _ = op;
    config
        .endpoint
        .as_deref()
        .and_then(|u| u.split("://").nth(1))
        .map(|rest| rest.split('/').next().unwrap_or(rest).to_owned())
}

/// Resolves a request whose answer was lost by evidence, as its spec says (never sending it
/// again), journals what the evidence was (or what was checked, and until when), and follows
/// what it found to its proven outcome. Returns the exit code.
pub async fn resolve(
    op: &Op,
    config: &Config,
    matches: &ArgMatches,
    resume: Resume,
    journal: &Journal,
    id: &str,
    printer: Printer,
) -> u8 {
    let checked = op
        .waiter()
        .and_then(hwcloud_core::wait::engine::evidence_read)
        .unwrap_or_default();
    if !config.quiet {
        eprintln!("  looking for evidence that it was performed ({checked})");
    }
    let on_evidence = {
        let (journal, id) = (journal.clone(), id.to_owned());
        move |what: &str| {
            eprintln!("  evidence:   {what}\n  performed:  yes (by evidence); following it");
            let _ = journal.append(&json!({
                "id": id, "event": "evidence", "time": journal::now(), "performed": "yes",
                "evidence": what,
            }));
        }
    };
    let code = wait::resume(op, config, matches, resume, printer, on_evidence).await;
    if code == exit::MAYBE_SENT {
        let until = journal::now();
        eprintln!("  checked:    {checked}, until {until} (`hwc follow {id}` looks again)");
        let _ = journal.append(&json!({
            "id": id, "event": "evidence", "time": until, "performed": "maybe",
            "checked": [checked], "until": until,
        }));
    }
    code
}

/// Asks before a drill against an endpoint: `--yes`, or the endpoint typed on a terminal.
pub fn confirm_drill(matches: &ArgMatches, endpoint: &str, steps: usize) -> bool {
    if flag(matches, "yes") {
        return true;
    }
    if !(std::io::stdin().is_terminal() && std::io::stderr().is_terminal()) {
        eprintln!(
            "error: a drill against {endpoint} performs real switchovers: pass --yes to run it \
             without a terminal; nothing was sent"
        );
        return false;
    }
    eprint!("Type the endpoint ({endpoint}) to run these {steps} steps (anything else cancels): ");
    let _ = std::io::stderr().flush();
    let mut line = String::new();
    let _ = std::io::stdin().lock().read_line(&mut line);
    if line.trim() == endpoint {
        true
    } else {
        eprintln!("cancelled: nothing was sent");
        false
    }
}
