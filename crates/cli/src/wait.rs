//! `--wait` and `--watch`: follow what an operation started to its proven outcome, as its spec's
//! `x-waiter` declares (the generated `WAITERS` tables, through the core's wait engine); show
//! each change on stderr, print the final state as the command's one JSON document, and say
//! whether it was performed. No operation is named here: the flags, their help and the outcome
//! all come from the table.

use std::sync::Arc;
use std::time::Duration;

use clap::{Arg, ArgAction, ArgMatches, Command};
use futures_util::StreamExt;
use hwcloud_core::Performed;
use hwcloud_core::wait::engine::{Follow, Inputs};
use hwcloud_core::wait::spec::{Select, WaiterSpec};
use hwcloud_core::wait::{Before, PollPolicy, Resume, WaitError};
use serde_json::{Map, Value};

use crate::config::Config;
use crate::output::{Printer, describe, describe_error, exit};
use crate::progress::{NodeLine, Progress, Snapshot, parse_duration};
use crate::services::{CallError, Op};

/// The flag of `--task-id`, for a watch of a task list.
const TASK_ID: &str = "task-id";

/// The exit codes of following, as the flags' help lists them.
const OUTCOMES_HELP: &str = "exit 0 once the outcome is proven; 1 if it failed or was not \
    accepted; 3 if refused (busy) or following failed; 4 at the deadline; 5 if its answer was \
    lost and no evidence was found that it was performed (it may have been: check before \
    sending it again); 6 if a success is contradicted by the verification read; 7 if there is \
    no evidence of this operation's outcome; 8 if no task runs";

/// Adds the flags of following to an operation's command, if its spec declares a waiter.
pub fn add_args(op: &Op, cmd: Command) -> Command {
    let Some(spec) = op.waiter() else {
        return cmd;
    };
    let flag = spec.flag;
    let heading = "Following";
    let help = format!("{}; {OUTCOMES_HELP}", spec.summary.trim_end_matches('.'));
    let deadline = humantime(Duration::from_secs(spec.deadline_secs));
    let mut cmd = cmd
        .arg(
            Arg::new(flag)
                .long(flag)
                .action(ArgAction::SetTrue)
                .help_heading(heading)
                .help(help),
        )
        .arg(
            Arg::new("deadline")
                .long("deadline")
                .value_name("DURATION")
                .requires(flag)
                .value_parser(parse_duration)
                .help_heading(heading)
                .help(format!(
                    "Give up waiting after this long (exit 4; the operation goes on), such as \
                     90s, 10m, 1h [default: {deadline}]"
                )),
        )
        .arg(
            Arg::new("interval")
                .long("interval")
                .value_name("DURATION")
                .requires(flag)
                .default_value("1s")
                .value_parser(parse_duration)
                .help_heading(heading)
                .help(
                    "Wait this long before the second poll; it doubles while nothing changes, \
                     up to 8 times as long (at most 10s)",
                ),
        );
    if spec.tasks.is_some() && spec.flag == "watch" {
        cmd = cmd.arg(
            Arg::new(TASK_ID)
                .long(TASK_ID)
                .value_name("TASK_ID")
                .requires(flag)
                .help_heading(heading)
                .help(
                    "Follow this task, whatever its state (default: the task that runs; with \
                     none running, say so)",
                ),
        );
    }
    cmd
}

fn humantime(d: Duration) -> String {
    let secs = d.as_secs();
    if secs.is_multiple_of(3600) {
        format!("{}h", secs / 3600)
    } else if secs.is_multiple_of(60) {
        format!("{}m", secs / 60)
    } else {
        format!("{secs}s")
    }
}

/// Whether the command line asks to follow the operation.
pub fn requested(op: &Op, matches: &ArgMatches) -> bool {
    op.waiter().is_some_and(|spec| {
        matches
            .try_get_one::<bool>(spec.flag)
            .ok()
            .flatten()
            .copied()
            .unwrap_or(false)
    })
}

/// Why the start's own answer is a rejection under its spec, if it is.
pub fn rejection(op: &Op, matches: &ArgMatches, answer: &Value) -> Option<String> {
    let spec = op.waiter()?;
    hwcloud_core::wait::engine::rejection(spec, &inputs(op, matches), answer)
}

/// How patiently to poll, from `--deadline` and `--interval`.
fn policy(matches: &ArgMatches, spec: &WaiterSpec) -> PollPolicy {
    let get = |id: &str, default: Duration| {
        matches
            .try_get_one::<Duration>(id)
            .ok()
            .flatten()
            .copied()
            .unwrap_or(default)
    };
    let interval = get("interval", Duration::from_secs(1)).max(Duration::from_millis(10));
    PollPolicy::default()
        .with_initial_interval(interval)
        .with_max_interval((interval * 8).min(Duration::from_secs(10)).max(interval))
        .with_deadline(get("deadline", Duration::from_secs(spec.deadline_secs)))
}

/// Each argument of the operation the command line gives, by its flag's id, as typed (whatever
/// it parses to: an enum such as `--inst-type` too).
pub(crate) fn typed(op: &Op, matches: &ArgMatches) -> Vec<(&'static str, String)> {
    op.spec()
        .args
        .iter()
        .filter_map(|a| {
            let value = matches.try_get_raw(a.id).ok().flatten()?.next()?.to_str()?;
            Some((a.id, value.to_owned()))
        })
        .collect()
}

/// The command line's parameters (by their spec names) and body, for the baseline and the
/// verification.
pub(crate) fn inputs(op: &Op, matches: &ArgMatches) -> Inputs {
    let mut params: Map<String, Value> = typed(op, matches)
        .into_iter()
        .map(|(id, value)| (id.replace('-', "_"), Value::String(value)))
        .collect();
    if let Some(id) = matches.try_get_one::<String>(TASK_ID).ok().flatten()
        && let Some(key) = op.waiter().and_then(|w| w.tasks).map(|t| t.key)
    {
        params.insert(
            key.trim_start_matches('/').to_owned(),
            Value::String(id.clone()),
        );
    }
    // The body: the `--json-body` file, with the body's flags over it.
    let mut body = matches
        .try_get_one::<std::path::PathBuf>("json-body")
        .ok()
        .flatten()
        .and_then(|path| std::fs::read_to_string(path).ok())
        .and_then(|text| serde_json::from_str::<Value>(&text).ok())
        .unwrap_or_else(|| Value::Object(Map::new()));
    if let Value::Object(map) = &mut body {
        for (k, v) in &params {
            map.entry(k.clone()).or_insert_with(|| v.clone());
        }
    }
    Inputs { params, body }
}

/// Sends (for `--wait`) or watches (for `--watch`) `op` and follows it to its proven outcome;
/// returns the exit code.
pub async fn follow(op: &Op, config: &Config, matches: &ArgMatches, printer: Printer) -> u8 {
    follow_reporting(op, config, matches, printer, Arc::new(|_: &_| ()), None).await
}

/// Reads what following `op` reads before sending it (the baseline, the records evidence of a
/// lost answer is looked for against, what the verification checks), as the [`Resume`] a
/// journal keeps; or the exit code and text of why it could not be read.
pub async fn read_before(
    op: &Op,
    config: &Config,
    matches: &ArgMatches,
) -> Option<Result<Resume, (u8, String)>> {
    let spec = op.waiter().filter(|w| w.flag == "wait")?;
    let reader = match op.reader(config) {
        Ok(reader) => reader,
        Err(e) => return Some(Err(describe(Some(op), &e))),
    };
    let read = hwcloud_core::wait::engine::read_before(spec, reader, inputs(op, matches)).await;
    Some(read.map_err(|e| describe_error(Some(op), &e)))
}

/// What is told the start's own outcome, right after it was sent.
pub type OnSent = Arc<dyn Fn(&Result<crate::services::Reply, CallError>) + Send + Sync>;

/// [`follow`], telling `on_sent` the start's own outcome right after it is sent (after the
/// baseline was read), so that the journal's guard records it.
pub async fn follow_reporting(
    op: &Op,
    config: &Config,
    matches: &ArgMatches,
    printer: Printer,
    on_sent: OnSent,
    before: Option<Before>,
) -> u8 {
    drive(
        op,
        config,
        matches,
        printer,
        Proof::Sent,
        |spec, reader, inputs| {
            if spec.flag == "watch" {
                Follow::started(spec, reader, inputs, Value::Null)
            } else {
                let (op, config, matches) = (*op, config.clone(), matches.clone());
                let sender = Box::new(move || {
                    let (config, matches, on_sent) =
                        (config.clone(), matches.clone(), on_sent.clone());
                    Box::pin(async move {
                        let outcome = op.execute(&config, &matches).await;
                        on_sent(&outcome);
                        match outcome {
                            Ok(reply) => Ok(reply.body.unwrap_or(Value::Null)),
                            Err(CallError::Api(e)) => Err(e),
                            Err(CallError::Usage(e)) => Err(hwcloud_core::Error::InvalidRequest(e)),
                        }
                    }) as hwcloud_core::wait::engine::CallFuture
                });
                let follow = Follow::start_with(spec, reader, inputs, sender);
                match before {
                    Some(before) => follow.read_already(before),
                    None => follow,
                }
            }
        },
    )
    .await
}

/// Follows what was started already (sent by the journal's guard, or picked up from the journal
/// by `hwc follow`), from the start's `answer` (where the poll's ids come from), to its proven
/// outcome; never sends it. Returns the exit code.
pub async fn follow_started(
    op: &Op,
    config: &Config,
    matches: &ArgMatches,
    answer: Value,
    printer: Printer,
) -> u8 {
    drive(
        op,
        config,
        matches,
        printer,
        Proof::Started,
        |spec, reader, inputs| Follow::started(spec, reader, inputs, answer),
    )
    .await
}

/// Follows again, never sending it, what a journal kept of an operation (`resume`): with its
/// answer, to its outcome proven against the state read before it was sent; without it (the
/// answer was lost), after looking for evidence that it was performed, as its spec says.
/// `on_evidence` is told what the evidence is; with none found by the deadline the exit code is
/// [`exit::MAYBE_SENT`]. Returns the exit code.
pub async fn resume(
    op: &Op,
    config: &Config,
    matches: &ArgMatches,
    resume: Resume,
    printer: Printer,
    on_evidence: impl FnOnce(&str) + Send + 'static,
) -> u8 {
    let proof = if resume.answer.is_none() {
        Proof::Lost
    } else if resume.before.read {
        Proof::Sent
    } else {
        Proof::Started
    };
    drive(op, config, matches, printer, proof, |spec, reader, _| {
        Follow::resume(spec, reader, resume).on_evidence(on_evidence)
    })
    .await
}

/// What following can prove.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Proof {
    /// Sent (or resumed) with the state read before it: proven as the spec says.
    Sent,
    /// Started by someone else: what the verification reads of the state before it is gone.
    Started,
    /// Its answer was lost: evidence first.
    Lost,
}

/// Follows `op` as `make` sets the follow up, with the command line's pace; prints every change
/// and the outcome, and returns the exit code.
async fn drive(
    op: &Op,
    config: &Config,
    matches: &ArgMatches,
    printer: Printer,
    proof: Proof,
    make: impl FnOnce(&'static WaiterSpec, hwcloud_core::wait::engine::Reader, Inputs) -> Follow<Value>,
) -> u8 {
    let Some(spec) = op.waiter() else {
        return exit::USAGE;
    };
    let progress = Progress::new(config.quiet);
    let reader = match op.reader(config) {
        Ok(reader) => reader,
        Err(e) => return finish_usage(describe(Some(op), &e)),
    };
    let inputs = inputs(op, matches);
    let policy = policy(matches, spec);
    let service = op.spec().service;
    let hint = Hint {
        command: format!(
            "hwc {service} {}",
            command_name(spec.poll.operation).unwrap_or_default()
        ),
        spec,
        inputs: inputs.clone(),
    };
    let follow = make(spec, reader, inputs);
    // What was started by someone else cannot be proven against the state before it (gone).
    let proven = !(proof == Proof::Started
        && spec
            .verify
            .as_ref()
            .is_some_and(|v| matches!(v.select, Select::Before(_))));
    run(
        op,
        spec,
        proven,
        proof == Proof::Lost,
        follow.policy(policy),
        &format!("{service} {}", spec.operation),
        hint,
        progress,
        printer,
    )
    .await
}

/// The command name of an operation of the same service, by its `operationId`.
fn command_name(operation_id: &str) -> Option<&'static str> {
    Op::all()
        .into_iter()
        .find(|o| o.spec().operation_id == operation_id)
        .map(|o| o.spec().name)
}

/// The command that follows the operation by hand: the poll's command with its parameters.
struct Hint {
    command: String,
    spec: &'static WaiterSpec,
    inputs: Inputs,
}

impl Hint {
    /// The command line, with each value the poll reads (one from the start's answer is taken
    /// from the last state, which repeats it).
    fn line(&self, state: Option<&Value>) -> String {
        use hwcloud_core::wait::spec::Source;
        let mut line = self.command.clone();
        for (name, source) in self.spec.poll.params {
            let value = match source {
                Source::Const(v) => Some((*v).to_owned()),
                Source::Param(p) => self
                    .inputs
                    .params
                    .get(*p)
                    .and_then(|v| v.as_str().map(str::to_owned)),
                Source::Answer(p) | Source::Body(p) => state
                    .and_then(|s| s.pointer(p))
                    .and_then(Value::as_str)
                    .map(str::to_owned),
            };
            if let Some(value) = value {
                line.push_str(&format!(" --{} {value}", name.replace('_', "-")));
            }
        }
        line
    }
}

fn finish_usage((code, text): (u8, String)) -> u8 {
    eprint!("{text}");
    code
}

fn field<'v>(v: &'v Value, pointer: &str) -> Option<&'v str> {
    v.pointer(pointer).and_then(Value::as_str)
}

/// One line (and, for a task that lists its nodes, a line per node) for a state.
fn snapshot(spec: &WaiterSpec, label: &str, state: &Value) -> Snapshot {
    let status = field(state, spec.state).unwrap_or("(no status)");
    // What identifies the state: the task's id, or the start's id the poll reads (a job id).
    let id = match spec.tasks {
        Some(t) => field(state, t.key)
            .map(|id| format!(" task {id}"))
            .unwrap_or_default(),
        None => spec
            .poll
            .params
            .iter()
            .filter_map(|(name, source)| match source {
                hwcloud_core::wait::spec::Source::Answer(p) => {
                    field(state, p).map(|v| format!(" {name} {v}"))
                }
                _ => None,
            })
            .collect(),
    };
    let why: Vec<&str> = spec
        .reasons
        .iter()
        .filter_map(|p| field(state, p))
        .filter(|s| !s.is_empty())
        .collect();
    let mut summary = format!("{label}{id}: {status}");
    if !why.is_empty() {
        summary.push_str(&format!(" ({})", why.join(": ")));
    }
    // A list of names, or a string of names separated by commas (as CSS sends them).
    let list = |p: &str| -> Vec<String> {
        match state.pointer(p) {
            Some(Value::Array(items)) => items
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect(),
            Some(Value::String(text)) => text
                .split(',')
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .map(str::to_owned)
                .collect(),
            _ => Vec::new(),
        }
    };
    let nodes = spec.progress.and_then(|progress| {
        let total = list(progress.total);
        if total.is_empty() {
            return None;
        }
        let done = list(progress.done);
        let current = progress.current.and_then(|p| field(state, p));
        let lines = total
            .iter()
            .map(|name| NodeLine {
                name: name.clone(),
                state: if done.contains(name) {
                    "done".to_owned()
                } else if current == Some(name.as_str()) {
                    "in progress".to_owned()
                } else {
                    "waiting".to_owned()
                },
            })
            .collect();
        Some((done.len() as u64, total.len() as u64, lines))
    });
    Snapshot { summary, nodes }
}

/// The exit code and the `performed:` line of a wait's end.
pub fn outcome_code<S: std::fmt::Debug>(error: &WaitError<S>) -> u8 {
    match error {
        WaitError::Failed(_) | WaitError::Rejected(_) => exit::FAILED,
        WaitError::Contradicted { .. } => exit::CONTRADICTED,
        WaitError::NoEvidence { .. } => exit::NO_EVIDENCE,
        WaitError::NothingRunning => exit::NOTHING_RUNS,
        WaitError::Deadline { .. } => exit::DEADLINE,
        WaitError::Start(e) => match e.performed(false) {
            Performed::No => exit::NO_OUTCOME,
            _ => exit::MAYBE_SENT,
        },
        WaitError::Lost { .. } => exit::MAYBE_SENT,
        _ => exit::NO_OUTCOME,
    }
}

fn performed_line(performed: Performed) -> &'static str {
    match performed {
        Performed::No => "no: nothing was performed",
        Performed::Maybe => {
            "maybe: it may have been performed; check the state before sending it again"
        }
        Performed::Yes => "yes",
    }
}

/// Consumes the wait's stream: shows each change, prints the final (or last known) state, says
/// whether it was performed, and returns the exit code. Ctrl-C stops waiting (130); the
/// operation itself goes on.
#[allow(clippy::too_many_arguments)]
async fn run(
    op: &Op,
    spec: &WaiterSpec,
    proven: bool,
    lost: bool,
    follow: Follow<Value>,
    label: &str,
    hint: Hint,
    mut progress: Progress,
    printer: Printer,
) -> u8 {
    let mut last: Option<Value> = None;
    let mut stream = follow.stream();
    let interrupted = tokio::signal::ctrl_c();
    let mut interrupted = std::pin::pin!(interrupted);
    loop {
        tokio::select! {
            item = stream.next() => match item {
                Some(Ok(state)) => {
                    progress.update(&snapshot(spec, label, &state));
                    last = Some(state);
                }
                None => {
                    progress.finish();
                    printer.document(last.as_ref().unwrap_or(&Value::Null));
                    if spec.flag == "wait" && proven {
                        eprintln!("  performed:  yes, and proven");
                    } else if spec.flag == "wait" {
                        eprintln!(
                            "  performed:  yes, as {} says; not proven against the state before \
                             it started, which is gone (check it with a read)",
                            spec.poll.operation
                        );
                    }
                    return exit::DONE;
                }
                Some(Err(error)) => {
                    progress.finish();
                    let state = error.last_state().cloned().or(last);
                    if let WaitError::Start(e) | WaitError::Lost { error: e, .. } = &error {
                        // The start failed: nothing to show on stdout (the journal's guard may
                        // go on to look for evidence and print what it follows).
                        let (code, text) = describe_error(Some(op), e);
                        eprint!("{text}");
                        return code;
                    }
                    if lost && matches!(error, WaitError::NoEvidence { .. }) {
                        // Absence of evidence is not "not performed".
                        eprintln!(
                            "  evidence:   none found: nothing read until {} differs from what \
                             was read before it was sent; that does not mean it was not \
                             performed: check before sending it again",
                            crate::journal::now()
                        );
                        eprintln!("  performed:  {}", performed_line(Performed::Maybe));
                        return exit::MAYBE_SENT;
                    }
                    printer.document(state.as_ref().unwrap_or(&Value::Null));
                    eprintln!("error: {error}");
                    if let Some(s) = state.as_ref() {
                        eprintln!("  last state: {}", snapshot(spec, label, s).summary);
                    }
                    if let WaitError::Busy(e) | WaitError::Poll(e) | WaitError::Baseline(e) = &error
                        && let Some(s) = e.service_error()
                    {
                        eprintln!("  status:     {}", s.status);
                        eprintln!("  error_code: {}", s.error_code.as_deref().unwrap_or("(none)"));
                        eprintln!("  error_msg:  {}", s.error_msg.as_deref().unwrap_or("(none)"));
                        eprintln!("  request_id: {}", s.request_id.as_deref().unwrap_or("(none)"));
                    }
                    let performed = error.performed();
                    eprintln!("  performed:  {}", performed_line(performed));
                    if matches!(error, WaitError::Deadline { .. }) {
                        eprintln!("  the operation goes on");
                    }
                    if performed != Performed::No && !matches!(error, WaitError::Failed(_)) {
                        eprintln!("  follow it with `{}`", hint.line(state.as_ref()));
                    }
                    return outcome_code(&error);
                }
            },
            _ = &mut interrupted => {
                progress.finish();
                printer.document(last.as_ref().unwrap_or(&Value::Null));
                eprintln!(
                    "interrupted: stopped waiting; the {} itself goes on: follow it with `{}`",
                    if spec.flag == "watch" { "task" } else { "switchover" },
                    hint.line(last.as_ref())
                );
                return exit::INTERRUPTED;
            }
        }
    }
}
