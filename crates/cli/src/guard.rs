//! A non-idempotent operation, guarded: what it is about to change is read first with the reads
//! its spec's `x-waiter` declares in `look`, a busy target (as `look` says what is busy) is
//! reported before anything is sent, a person at a terminal confirms by typing the target's name
//! (as `look` says where it is) or id (`--yes` skips it), the request is journaled before it is
//! sent and its outcome after, and a lost answer is resolved by evidence with `--wait`.
//!
//! Which reads show a target, what they show and what is busy come from the generated tables,
//! never named here.

use std::collections::BTreeMap;
use std::io::{BufRead, IsTerminal, Write};
use std::sync::{Arc, Mutex, PoisonError};

use clap::{Arg, ArgAction, ArgMatches};
use serde_json::{Map, Value, json};

use crate::config::{Config, GLOBAL};
use crate::journal::{self, Journal};
use crate::output::{Printer, describe, exit};
use crate::services::{CallError, Op, Reply};
use crate::wait;
use hwcloud_core::wait::Resume;
use hwcloud_core::wait::engine::{Inputs, select};
use hwcloud_core::wait::spec::{Look, Source, Template, When};

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
    wait::typed(op, matches)
        .into_iter()
        .map(|(id, value)| (id.to_owned(), value))
        .collect()
}

/// A value as text, as a parameter carries it and a person reads it (`None` when null or
/// empty: nothing to show).
fn text(v: &Value) -> Option<String> {
    match v {
        Value::Null => None,
        Value::String(s) if s.trim().is_empty() => None,
        Value::String(s) => Some(s.clone()),
        Value::Array(items) if items.is_empty() => None,
        Value::Object(map) if map.is_empty() => None,
        Value::Array(items) if items.iter().all(|i| !i.is_object() && !i.is_array()) => {
            Some(items.iter().filter_map(text).collect::<Vec<_>>().join(","))
        }
        other => Some(other.to_string()),
    }
}

/// Where a value of a look's parameters or body comes from, in the start's inputs (a look is
/// read before sending: it has no answer to read from).
fn value_of(source: &Source, inputs: &Inputs) -> Option<String> {
    hwcloud_core::wait::engine::value(source, inputs, &Value::Null)
}

/// A look's request body, its template filled from the start's inputs.
fn fill(template: &Template, inputs: &Inputs) -> Value {
    match template {
        Template::Value(s) => value_of(s, inputs).map_or(Value::Null, Value::String),
        Template::Literal(l) => serde_json::from_str(l).unwrap_or(Value::Null),
        Template::List(items) => items.iter().map(|t| fill(t, inputs)).collect(),
        Template::Map(entries) => entries
            .iter()
            .map(|(k, t)| ((*k).to_owned(), fill(t, inputs)))
            .collect::<Map<_, _>>()
            .into(),
    }
}

/// What one of the spec's `look` reads answered, or why it could not be read.
struct Seen {
    look: &'static Look,
    answer: Result<Value, String>,
}

/// Makes the reads the spec's `look` declares for `op` (none without one).
async fn look(op: &Op, config: &Config, inputs: &Inputs) -> Vec<Seen> {
    let looks = op.waiter().map(|w| w.look).unwrap_or_default();
    let reader = match op.reader(config) {
        Ok(reader) => reader,
        Err(e) => {
            let why = describe(Some(op), &e).1;
            return looks
                .iter()
                .map(|look| Seen {
                    look,
                    answer: Err(why.clone()),
                })
                .collect();
        }
    };
    let mut seen = Vec::new();
    for look in looks {
        let params = look
            .read
            .params
            .iter()
            .filter_map(|(name, s)| value_of(s, inputs).map(|v| ((*name).to_owned(), v)))
            .collect();
        let body = look.body.as_ref().map(|t| fill(t, inputs));
        let answer = reader(look.read.operation, params, body)
            .await
            .map_err(|e| e.to_string());
        seen.push(Seen { look, answer });
    }
    seen
}

/// The last segment of a pointer that is not `*` (what a value is called).
fn label(pointer: &str) -> &str {
    pointer
        .rsplit('/')
        .find(|s| *s != "*" && !s.is_empty())
        .unwrap_or(pointer)
}

/// The lines showing what a look's `show` pointers reach: the values outside any list on one
/// line, then one line per element of each list (the pointers sharing the part up to their
/// last `*`).
fn shown(look: &Look, answer: &Value) -> Vec<String> {
    let mut groups: Vec<(&str, Vec<&str>)> = Vec::new();
    for pointer in look.show {
        let (prefix, field) = match pointer.rfind("/*") {
            Some(i) => pointer.split_at(i + 2),
            None => ("", *pointer),
        };
        match groups.iter_mut().find(|(p, _)| *p == prefix) {
            Some((_, fields)) => fields.push(field),
            None => groups.push((prefix, vec![field])),
        }
    }
    let pairs = |item: &Value, fields: &[&str]| -> String {
        fields
            .iter()
            .filter_map(|f| Some(format!("{}={}", label(f), text(item.pointer(f)?)?)))
            .collect::<Vec<_>>()
            .join("  ")
    };
    let mut lines = Vec::new();
    for (prefix, fields) in &groups {
        if prefix.is_empty() {
            let line = pairs(answer, fields);
            if !line.is_empty() {
                lines.push(format!("  {line}"));
            }
            continue;
        }
        for item in select(answer, prefix) {
            let line = pairs(item, fields);
            if !line.is_empty() {
                lines.push(format!("  {}: {line}", label(prefix)));
            }
        }
    }
    lines.truncate(40);
    lines
}

/// What makes the target busy in what a look read, as the spec's `busy` says.
fn busy(look: &Look, answer: &Value) -> Option<String> {
    look.busy.iter().find_map(|b| {
        let value = select(answer, b.path).into_iter().find(|v| match b.when {
            When::Present => text(v).is_some(),
            When::OneOf(values) => text(v).is_some_and(|t| values.contains(&t.as_str())),
        })?;
        Some(format!(
            "{}: {}={}",
            b.say,
            label(b.path),
            text(value).unwrap_or_default()
        ))
    })
}

/// The target's ids: the values of the start's parameters the looks read it by.
fn ids(seen: &[Seen], inputs: &Inputs) -> Vec<String> {
    fn params(t: &Template, out: &mut Vec<&'static str>) {
        match t {
            Template::Value(Source::Param(name)) => out.push(name),
            Template::List(items) => items.iter().for_each(|t| params(t, out)),
            Template::Map(entries) => entries.iter().for_each(|(_, t)| params(t, out)),
            _ => {}
        }
    }
    let mut names = Vec::new();
    for Seen { look, .. } in seen {
        for (_, source) in look.read.params {
            if let Source::Param(name) = source {
                names.push(*name);
            }
        }
        if let Some(body) = &look.body {
            params(body, &mut names);
        }
    }
    let mut ids: Vec<String> = names
        .into_iter()
        .filter_map(|n| inputs.params.get(n).and_then(text))
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

/// The target's name, as the first look that declares one shows it.
fn target_name(seen: &[Seen]) -> Option<String> {
    seen.iter().find_map(|s| {
        let answer = s.answer.as_ref().ok()?;
        select(answer, s.look.name?).into_iter().find_map(text)
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
    let inputs = wait::inputs(op, matches);
    let seen = look(op, config, &inputs).await;
    for Seen { look, answer } in &seen {
        if let Ok(v) = answer
            && let Some(what) = busy(look, v)
        {
            eprintln!(
                "error: the target is busy ({}: {what}); try again when it ends\n  \
                 performed:  no: nothing was sent",
                look.read.operation
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
        for Seen { look, answer } in &seen {
            let _ = writeln!(err, "{}:", look.read.operation);
            match answer {
                Ok(v) => {
                    for line in shown(look, v) {
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
        let name = target_name(&seen);
        let mut accepted = ids(&seen, &inputs);
        if accepted.is_empty() {
            accepted = target
                .iter()
                .filter(|(k, _)| k.as_str() != "project-id")
                .map(|(_, v)| v.clone())
                .collect();
        }
        accepted.extend(name.clone());
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
