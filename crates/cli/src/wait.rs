//! `--wait` and `--watch`: follow what an operation started to its outcome with the service
//! crates' waiters, show each change on stderr, and print the final state as the command's one
//! JSON document.

use std::fmt::Debug;
use std::time::Duration;

use clap::{Arg, ArgAction, ArgMatches, Command};
use futures_util::{Stream, StreamExt};
use hwcloud_core::wait::{PollPolicy, WaitError};
use serde::Serialize;
use serde_json::Value;

use crate::config::Config;
use crate::output::{Printer, describe, exit};
use crate::progress::{NodeLine, Progress, Snapshot, parse_duration};
use crate::services::{CallError, Op, Reply};

/// What an operation starts, and how it is followed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Follow {
    /// A DCS job (`job_id` in the answer), followed with `wait_for_job` (`--wait`).
    DcsJob,
    /// A DRS virtual IP switchover, followed with `wait_for_switch_vip` (`--wait`).
    DrsSwitchVip,
    /// A CSS upgrade or AZ switchover, watched with `watch_upgrade` (`--watch`).
    CssUpgrade,
}

impl Follow {
    /// How an operation is followed, if it starts something.
    pub fn of(op: &Op) -> Option<Follow> {
        let spec = op.spec();
        match (spec.service, spec.operation_id) {
            ("dcs", "ExecuteClusterSwitchover" | "ChangeMasterStandbyAsync") => Some(Self::DcsJob),
            ("drs", "SwitchVip") => Some(Self::DrsSwitchVip),
            ("css", "UpgradeDetail") => Some(Self::CssUpgrade),
            _ => None,
        }
    }

    /// The flag that asks for it.
    pub fn flag(self) -> &'static str {
        match self {
            Self::DcsJob | Self::DrsSwitchVip => "wait",
            Self::CssUpgrade => "watch",
        }
    }

    /// Adds the flags of following to an operation's command.
    pub fn add_args(self, cmd: Command) -> Command {
        let flag = self.flag();
        let help = match self {
            Self::DcsJob => {
                "Follow the switchover's job until it ends (ShowJobInfo) and print the final job: \
                 exit 0 on SUCCESS, 1 on FAIL"
            }
            Self::DrsSwitchVip => {
                "Follow the switchover until it ends (ShowSwitchVipStatus) and print the final \
                 status: exit 0 on SWITCH_VIP_COMPLETE, 1 on SWITCH_VIP_FAILED"
            }
            Self::CssUpgrade => {
                "Follow the cluster's latest upgrade or AZ switchover task until it ends and print \
                 the final task: exit 0 on SUCCESS, 1 on FAILED or PARTIAL_FAILED"
            }
        };
        let heading = "Following";
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
                    .default_value("30m")
                    .value_parser(parse_duration)
                    .help_heading(heading)
                    .help(
                        "Give up waiting after this long (exit 4; the operation goes on), such \
                         as 90s, 10m, 1h",
                    ),
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
                        "Wait this long before the second poll; it doubles while nothing \
                         changes, up to 8 times as long (at most 10s)",
                    ),
            );
        if self == Self::CssUpgrade {
            cmd = cmd.arg(
                Arg::new("task-id")
                    .long("task-id")
                    .value_name("TASK_ID")
                    .requires(flag)
                    .help_heading(heading)
                    .help("Follow this task (default: the most recently started one)"),
            );
        }
        cmd
    }

    /// Whether the command line asks for it.
    pub fn requested(self, matches: &ArgMatches) -> bool {
        matches
            .try_get_one::<bool>(self.flag())
            .ok()
            .flatten()
            .copied()
            .unwrap_or(false)
    }
}

/// How patiently to poll, from `--deadline` and `--interval`.
fn policy(matches: &ArgMatches) -> PollPolicy {
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
        .with_deadline(get("deadline", Duration::from_secs(30 * 60)))
}

/// Follows what `op` started (`start`, its answer; none for `--watch`) and returns the exit code.
pub async fn follow(
    op: &Op,
    follow: Follow,
    config: &Config,
    matches: &ArgMatches,
    start: Option<Reply>,
    printer: Printer,
) -> u8 {
    let mut progress = Progress::new(config.quiet);
    let start_doc = start
        .as_ref()
        .and_then(|r| r.body.clone())
        .unwrap_or(Value::Null);
    let policy = policy(matches);
    let spec = op.spec();
    let usage = |e: String| describe(Some(op), &CallError::Usage(e));
    match follow {
        Follow::DcsJob => {
            let Some(job_id) = start_doc.get("job_id").and_then(Value::as_str) else {
                printer.document(&start_doc);
                eprintln!(
                    "error: the switchover was accepted but its answer has no job_id to follow\n  \
                     performed:  yes, outcome unknown"
                );
                return exit::MAYBE_SENT;
            };
            let client = match config
                .configure(hwcloud_dcs::Client::builder(), "dcs")
                .map_err(|e| e.0)
                .and_then(|b| b.build().map_err(|e| e.to_string()))
            {
                Ok(client) => client,
                Err(e) => return finish_usage(usage(e)),
            };
            progress.note(&format!("dcs {}: job {job_id} started", spec.name));
            let stream = client.wait_for_job(job_id).policy(policy).stream();
            let hint = format!("hwc dcs show-job-info --job-id {job_id}");
            run(
                stream,
                dcs_snapshot,
                start_doc.clone(),
                &hint,
                progress,
                printer,
            )
            .await
        }
        Follow::DrsSwitchVip => {
            let job_id = matches
                .get_one::<String>("job-id")
                .cloned()
                .or_else(|| {
                    start_doc
                        .get("id")
                        .and_then(Value::as_str)
                        .map(str::to_owned)
                })
                .unwrap_or_default();
            if start_doc.get("status").and_then(Value::as_str) == Some("failed") {
                printer.document(&start_doc);
                let why = [start_doc.get("error_code"), start_doc.get("error_msg")]
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                    .collect::<Vec<_>>()
                    .join(": ");
                eprintln!("error: the service did not accept the switchover: {why}");
                return exit::FAILED;
            }
            let client = match config
                .configure(hwcloud_drs::Client::builder(), "drs")
                .map_err(|e| e.0)
                .and_then(|b| b.build().map_err(|e| e.to_string()))
            {
                Ok(client) => client,
                Err(e) => return finish_usage(usage(e)),
            };
            progress.note(&format!("drs {}: job {job_id} switching", spec.name));
            let stream = client.wait_for_switch_vip(&job_id).policy(policy).stream();
            let hint = format!("hwc drs show-switch-vip-status --job-id {job_id}");
            run(
                stream,
                drs_snapshot,
                start_doc.clone(),
                &hint,
                progress,
                printer,
            )
            .await
        }
        Follow::CssUpgrade => {
            let client = match config
                .configure(hwcloud_css::Client::builder(), "css")
                .map_err(|e| e.0)
                .and_then(|b| b.build().map_err(|e| e.to_string()))
            {
                Ok(client) => client,
                Err(e) => return finish_usage(usage(e)),
            };
            let cluster_id = matches
                .get_one::<String>("cluster-id")
                .cloned()
                .unwrap_or_default();
            let mut watch = client.watch_upgrade(&cluster_id).policy(policy);
            if let Some(mode) = matches.get_one::<hwcloud_css::types::ActionMode>("action-mode") {
                watch = watch.action_mode(*mode);
            }
            if let Some(task) = matches.get_one::<String>("task-id") {
                watch = watch.task_id(task.clone());
            }
            progress.note(&format!("css: watching cluster {cluster_id}"));
            let hint = format!("hwc css upgrade-detail --cluster-id {cluster_id}");
            run(
                watch.stream(),
                css_snapshot,
                Value::Null,
                &hint,
                progress,
                printer,
            )
            .await
        }
    }
}

fn finish_usage((code, text): (u8, String)) -> u8 {
    eprint!("{text}");
    code
}

fn dcs_snapshot(job: &hwcloud_dcs::types::ShowJobInfoResponse) -> Snapshot {
    let mut summary = format!("dcs job {}: {}", job.job_id, job.status);
    if let Some(reason) = job.fail_reason.as_deref().filter(|r| !r.is_empty()) {
        summary.push_str(&format!(" ({reason})"));
    }
    Snapshot {
        summary,
        nodes: None,
    }
}

fn drs_snapshot(state: &hwcloud_drs::types::ShowSwitchVipStatusResponse) -> Snapshot {
    let mut summary = format!("drs job {}: {}", state.id, state.status);
    let why: Vec<&str> = [state.error_code.as_deref(), state.error_msg.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    if !why.is_empty() {
        summary.push_str(&format!(" ({})", why.join(": ")));
    }
    Snapshot {
        summary,
        nodes: None,
    }
}

fn css_snapshot(task: &hwcloud_css::types::GetUpgradeDetailInfo) -> Snapshot {
    let status = task
        .status
        .as_ref()
        .map(ToString::to_string)
        .unwrap_or_else(|| "(no status)".to_owned());
    let summary = format!(
        "css task {}: {status}",
        task.id.as_deref().unwrap_or("(no id)")
    );
    let total = task.total_nodes();
    let done = task.completed_nodes();
    let phase = task
        .current_node_detail
        .iter()
        .find(|p| {
            p.status
                .as_ref()
                .is_some_and(|s| s.as_str() != "SUCCESS" && s.as_str() != "WAITING")
        })
        .or_else(|| {
            task.current_node_detail
                .iter()
                .rev()
                .find(|p| p.status.as_ref().is_some_and(|s| s.as_str() == "SUCCESS"))
        })
        .map(|p| {
            format!(
                "{} {}",
                p.name.as_deref().unwrap_or("(phase)"),
                p.status
                    .as_ref()
                    .map(ToString::to_string)
                    .unwrap_or_default()
            )
        });
    let nodes = total
        .iter()
        .map(|name| NodeLine {
            name: (*name).to_owned(),
            state: if done.contains(name) {
                "done".to_owned()
            } else if task.current_node_name.as_deref() == Some(*name) {
                phase.clone().unwrap_or_else(|| "in progress".to_owned())
            } else {
                "waiting".to_owned()
            },
        })
        .collect();
    Snapshot {
        summary,
        nodes: Some((done.len() as u64, total.len() as u64, nodes)),
    }
}

/// Consumes a waiter's stream: shows each change, prints the final (or last known) state, and
/// returns the exit code. Ctrl-C stops waiting (130); the operation itself goes on.
async fn run<S, St>(
    stream: St,
    snapshot: fn(&S) -> Snapshot,
    start_doc: Value,
    hint: &str,
    mut progress: Progress,
    printer: Printer,
) -> u8
where
    S: Serialize + Debug,
    St: Stream<Item = Result<S, WaitError<S>>>,
{
    let document = |state: Option<&S>| {
        state
            .and_then(|s| serde_json::to_value(s).ok())
            .unwrap_or_else(|| start_doc.clone())
    };
    let mut last: Option<S> = None;
    let stream = std::pin::pin!(stream);
    let mut stream = stream;
    let interrupted = tokio::signal::ctrl_c();
    let mut interrupted = std::pin::pin!(interrupted);
    loop {
        tokio::select! {
            item = stream.next() => match item {
                Some(Ok(state)) => {
                    progress.update(&snapshot(&state));
                    last = Some(state);
                }
                None => {
                    progress.finish();
                    printer.document(&document(last.as_ref()));
                    return exit::DONE;
                }
                Some(Err(error)) => {
                    let code = match &error {
                        WaitError::Failed(state) => {
                            progress.update(&snapshot(state));
                            progress.finish();
                            printer.document(&document(Some(state)));
                            eprintln!("error: {}", snapshot(state).summary);
                            eprintln!("  performed:  yes, and it failed");
                            exit::FAILED
                        }
                        WaitError::Deadline { last: seen, waited, last_error } => {
                            progress.finish();
                            let state = seen.as_deref().or(last.as_ref());
                            printer.document(&document(state));
                            eprintln!(
                                "error: gave up waiting after {:.0?} without an outcome; the \
                                 operation goes on: follow it with `{hint}`",
                                waited
                            );
                            if let Some(e) = last_error {
                                eprintln!("  last poll error: {e}");
                            }
                            exit::DEADLINE
                        }
                        WaitError::Rejected(why) => {
                            progress.finish();
                            printer.document(&document(last.as_ref()));
                            eprintln!("error: the service did not accept it: {why}");
                            exit::FAILED
                        }
                        WaitError::Start(e) | WaitError::Poll(e) => {
                            progress.finish();
                            printer.document(&document(last.as_ref()));
                            eprintln!(
                                "error: following it failed: {e}\n  the operation may still be \
                                 running: follow it with `{hint}`"
                            );
                            if let Some(s) = e.service_error() {
                                eprintln!("  status:     {}", s.status);
                                eprintln!("  error_code: {}", s.error_code.as_deref().unwrap_or("(none)"));
                                eprintln!("  error_msg:  {}", s.error_msg.as_deref().unwrap_or("(none)"));
                                eprintln!("  request_id: {}", s.request_id.as_deref().unwrap_or("(none)"));
                            }
                            exit::NO_OUTCOME
                        }
                        _ => {
                            progress.finish();
                            printer.document(&document(last.as_ref()));
                            eprintln!("error: {error}");
                            exit::NO_OUTCOME
                        }
                    };
                    return code;
                }
            },
            _ = &mut interrupted => {
                progress.finish();
                printer.document(&document(last.as_ref()));
                eprintln!(
                    "interrupted: stopped waiting; the switchover itself goes on: follow it with \
                     `{hint}`"
                );
                return exit::INTERRUPTED;
            }
        }
    }
}
