//! `--dry-run`: the request a command would send, resolved and authenticated exactly as a real
//! call (the same endpoint, credentials and project, and the same errors when one is missing),
//! printed with every credential masked; nothing is sent.

use std::sync::{Arc, Mutex};

use clap::{Arg, ArgAction, ArgMatches};
use serde_json::{Map, Value, json};

use crate::config::{Config, GLOBAL, Sink};
use crate::output::{Printer, exit, report};
use crate::services::{CallError, Op};

/// The flag.
pub const FLAG: &str = "dry-run";

/// `--dry-run`, a global option.
pub fn arg() -> Arg {
    Arg::new(FLAG)
        .long(FLAG)
        .global(true)
        .help_heading(GLOBAL)
        .action(ArgAction::SetTrue)
        .help(
            "Print the request the command would send (method, URL, headers with credentials \
             masked, body) and send nothing",
        )
}

/// Whether the command line asks for a dry run.
pub fn requested(matches: &ArgMatches) -> bool {
    matches
        .try_get_one::<bool>(FLAG)
        .ok()
        .flatten()
        .copied()
        .unwrap_or(false)
}

/// Whether a header carries a credential (its value is masked).
fn secret_header(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    [
        "authorization",
        "token",
        "secret",
        "key",
        "cookie",
        "signature",
        "password",
    ]
    .iter()
    .any(|word| name.contains(word))
}

/// A header's value as printed: a credential's is masked (an `Authorization` keeps its scheme).
fn shown(name: &str, value: &str) -> String {
    if !secret_header(name) {
        return value.to_owned();
    }
    match value.split_once(' ') {
        Some((scheme, _)) if name.eq_ignore_ascii_case("authorization") => {
            format!("{scheme} ****")
        }
        _ => "****".to_owned(),
    }
}

/// A request as a dry run prints it.
pub fn describe(request: &hwcloud_core::__private::reqwest::Request) -> Value {
    let mut headers = Map::new();
    for (name, value) in request.headers() {
        let value = value.to_str().unwrap_or("<binary>");
        headers.insert(
            name.as_str().to_owned(),
            Value::from(shown(name.as_str(), value)),
        );
    }
    let body = request
        .body()
        .and_then(|b| b.as_bytes())
        .map(|bytes| {
            serde_json::from_slice::<Value>(bytes)
                .unwrap_or_else(|_| Value::from(String::from_utf8_lossy(bytes).into_owned()))
        })
        .unwrap_or(Value::Null);
    json!({
        "dry_run": true,
        "method": request.method().as_str(),
        "url": request.url().as_str(),
        "headers": headers,
        "body": body,
    })
}

/// Runs `op` as a dry run: prints the request and returns 0, or fails as the real call would
/// before sending.
pub async fn run(op: &Op, config: &Config, matches: &ArgMatches, printer: Printer) -> u8 {
    let seen: Arc<Mutex<Vec<Value>>> = Arc::default();
    let sink = {
        let seen = seen.clone();
        Sink(Arc::new(move |request| {
            seen.lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(describe(request))
        }))
    };
    let mut config = config.clone();
    config.dry_run = Some(sink);
    let outcome = op.execute(&config, matches).await;
    let seen = std::mem::take(&mut *seen.lock().unwrap_or_else(|e| e.into_inner()));
    match (outcome, seen.into_iter().next()) {
        (_, Some(mut request)) => {
            if let Some(map) = request.as_object_mut() {
                map.insert("operation".into(), Value::from(op.spec().operation_id));
                map.insert("idempotent".into(), Value::from(op.idempotent()));
            }
            printer.document(&request);
            if !config.quiet {
                eprintln!("dry run: nothing was sent");
            }
            exit::DONE
        }
        (Err(e), None) => report(Some(op), &e),
        (Ok(_), None) => report(
            Some(op),
            &CallError::Usage("dry run: the command made no request".to_owned()),
        ),
    }
}
