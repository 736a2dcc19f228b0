//! `hwc follow [ID | --last]`: picks an operation up from the journal and follows it to its end
//! with its waiter and verification, never sending it again. An operation whose answer was lost
//! (or whose `hwc` was killed before the answer was journaled) is resolved by evidence first,
//! against the baseline the journal kept.

use std::collections::BTreeMap;
use std::time::Duration;

use clap::{Arg, ArgAction, ArgMatches, Command};
use serde_json::{Value, json};

use crate::config::Config;
use crate::guard;
use crate::journal::{self, Journal};
use crate::output::{Printer, exit};
use crate::progress::parse_duration;
use crate::services::Op;
use hwcloud_core::wait::Resume;

/// `hwc follow`.
pub fn command() -> Command {
    Command::new("follow")
        .about("Follow an operation of the journal to its end, without sending it again")
        .long_about(
            "Pick an operation up from the journal (`hwc journal`) and follow it to its end with \
             its waiter, as --wait would have: after a closed terminal, a Ctrl-C or a kill. It is \
             never sent again. When its answer was lost, hwc first looks for evidence that it was \
             performed (against what the target showed before it was sent).",
        )
        .arg(
            Arg::new("id")
                .value_name("ID")
                .help("The operation's id in the journal"),
        )
        .arg(
            Arg::new("last")
                .long("last")
                .action(ArgAction::SetTrue)
                .conflicts_with("id")
                .help("The journal's most recent operation that can be followed"),
        )
        .arg(
            Arg::new("deadline")
                .long("deadline")
                .value_name("DURATION")
                .default_value("30m")
                .value_parser(parse_duration)
                .help("Give up waiting after this long (exit 4; the operation goes on)"),
        )
        .arg(
            Arg::new("interval")
                .long("interval")
                .value_name("DURATION")
                .default_value("1s")
                .value_parser(parse_duration)
                .help("Wait this long before the second poll"),
        )
        .group(
            clap::ArgGroup::new("which")
                .args(["id", "last"])
                .required(true),
        )
}

/// The operation of a journal entry, with how it is followed.
fn operation(entry: &Value) -> Option<Op> {
    let service = entry.get("service")?.as_str()?;
    let operation = entry.get("operation")?.as_str()?;
    let op = Op::all()
        .into_iter()
        .find(|o| o.spec().service == service && o.spec().operation_id == operation)?;
    op.waiter()?;
    Some(op)
}

/// Runs `hwc follow`.
pub async fn run(matches: &ArgMatches) -> u8 {
    let mut config = Config::from_matches(matches);
    if let Err(e) = crate::profile::apply(&mut config, matches) {
        eprintln!("error: {e}");
        return exit::USAGE;
    }
    let printer = Printer {
        table: config.table,
    };
    let journal = match journal::path(matches) {
        Ok(p) => Journal::at(p),
        Err(e) => {
            eprintln!("error: {e}");
            return exit::USAGE;
        }
    };
    let ops = match journal.operations() {
        Ok(ops) => ops,
        Err(e) => {
            eprintln!("error: {e}");
            return exit::NO_OUTCOME;
        }
    };
    let entry = match matches.get_one::<String>("id") {
        Some(id) => ops
            .iter()
            .find(|o| o.get("id").and_then(Value::as_str) == Some(id.as_str())),
        None => ops.iter().rev().find(|o| operation(o).is_some()),
    };
    let Some(entry) = entry else {
        eprintln!(
            "error: no such operation in the journal {} (see `hwc journal`)",
            journal.path().display()
        );
        return exit::USAGE;
    };
    let id = entry
        .get("id")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    let Some(op) = operation(entry) else {
        eprintln!("error: operation {id} has nothing to follow");
        return exit::USAGE;
    };
    let text = |k: &str| entry.get(k).and_then(Value::as_str).map(str::to_owned);
    if config.endpoint.is_none() && config.region.is_none() {
        config.region = text("region");
        config.cloud = config.cloud.clone().or_else(|| text("cloud"));
    }
    let target: BTreeMap<String, String> = entry
        .get("target")
        .and_then(Value::as_object)
        .map(|m| {
            m.iter()
                .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_owned())))
                .collect()
        })
        .unwrap_or_default();
    if config.project_id.is_none() {
        config.project_id = target.get("project-id").cloned();
    }
    let duration = |k: &str| {
        matches
            .get_one::<Duration>(k)
            .map(|d| format!("{}ms", d.as_millis()))
            .unwrap_or_default()
    };
    let mut argv = vec!["hwc".to_owned()];
    for (k, v) in &target {
        argv.push(format!("--{k}"));
        argv.push(v.clone());
    }
    argv.extend([
        format!("--{}", op.waiter().map_or("wait", |w| w.flag)),
        "--deadline".into(),
        duration("deadline"),
        "--interval".into(),
        duration("interval"),
    ]);
    let op_matches = match crate::operation_command(&op)
        .ignore_errors(true)
        .try_get_matches_from(argv)
    {
        Ok(m) => m,
        Err(e) => {
            eprintln!("error: the journal's target cannot be read back: {e}");
            return exit::USAGE;
        }
    };
    if !config.quiet {
        eprintln!(
            "following {id}: {} {} (never sent again)",
            op.spec().service,
            op.spec().name
        );
    }
    // An answer received (an empty one too: a synchronous switchover answers 204) is known; only
    // one never received is lost.
    let accepted = text("status").as_deref() == Some("accepted");
    let answer = match entry.get("answer") {
        Some(a) if accepted || !a.is_null() => Some(a.clone()),
        None if accepted => Some(Value::Null),
        _ => None,
    };
    let resume = entry
        .get("resume")
        .and_then(|r| serde_json::from_value::<Resume>(r.clone()).ok());
    let code = match (resume, answer, text("performed").as_deref()) {
        (_, None, Some("no")) => {
            eprintln!("error: operation {id} was not performed: nothing to follow");
            return exit::FAILED;
        }
        // What was read before it was sent is in the journal: proven against it, and a lost
        // answer resolved by evidence.
        (Some(resume), Some(answer), _) => {
            let resume = resume.with_answer(answer);
            crate::wait::resume(&op, &config, &op_matches, resume, printer, |_| ()).await
        }
        (Some(resume), None, _) => {
            eprintln!("  the answer to {id} was lost: it may have been performed");
            guard::resolve(&op, &config, &op_matches, resume, &journal, &id, printer).await
        }
        // Journaled without what was read before it (an older hwc): followed, not proven
        // against the state before it.
        (None, Some(answer), _) => {
            crate::wait::follow_started(&op, &config, &op_matches, answer, printer).await
        }
        (None, None, _) => {
            eprintln!(
                "error: the answer to {id} was lost and the journal keeps nothing read before it \
                 was sent, so no evidence can be looked for: it may have been performed; check \
                 the target before sending it again"
            );
            return exit::MAYBE_SENT;
        }
    };
    let _ = journal.append(&json!({
        "id": id, "event": "verification", "time": journal::now(),
        "verification": guard::verification(code), "followed": true,
    }));
    code
}
