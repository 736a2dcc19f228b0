//! What `hwc` prints: one JSON document on stdout (or a table for people), everything else on
//! stderr; and the exit codes.

use std::fmt::Write as _;
use std::io::Write as _;

use serde_json::Value;

use crate::services::{CallError, Op};

/// The exit codes, documented in `--help` and the README.
pub mod exit {
    /// Done: the operation succeeded (with `--wait`/`--watch`: it ended successfully).
    pub const DONE: u8 = 0;
    /// The operation or the job failed.
    pub const FAILED: u8 = 1;
    /// Usage error: a bad flag or configuration; nothing was sent.
    pub const USAGE: u8 = 2;
    /// The service answered with an error, or the transport failed, before an outcome was known.
    pub const NO_OUTCOME: u8 = 3;
    /// The deadline passed while waiting; the operation goes on.
    pub const DEADLINE: u8 = 4;
    /// The request may have been sent and performed: the outcome is unknown.
    pub const MAYBE_SENT: u8 = 5;
    /// The operation reports success, but the verification read contradicts it.
    pub const CONTRADICTED: u8 = 6;
    /// No evidence of this operation's outcome: the status never left what it reported before.
    pub const NO_EVIDENCE: u8 = 7;
    /// A watch found no task in progress (finished ones are not outcomes).
    pub const NOTHING_RUNS: u8 = 8;
    /// Interrupted (Ctrl-C) while waiting; the operation goes on.
    pub const INTERRUPTED: u8 = 130;
}

/// The exit codes, as `--help` and the README list them.
pub const EXIT_CODES_HELP: &str = "\
Exit codes:
  0    done (with --wait or --watch: the job or upgrade ended successfully)
  1    the operation, the job or the upgrade failed
  2    usage error (bad flag, no region or credentials); nothing was sent
  3    the service answered with an error, or the transport failed, before an outcome was known
  4    the deadline passed while waiting (the operation goes on)
  5    it may have been performed and nothing tells: its answer was lost and, with --wait or
       `hwc follow`, no evidence was found that it was performed (the read checked and until
       when are printed); not \"not performed\": check before sending it again (`hwc follow ID`)
  6    it reports success, but the verification read contradicts it (say which node)
  7    no evidence of this operation's outcome: the status never left what it said before sending
  8    --watch: no task is in progress (a finished one is not presented as an outcome)
  130  interrupted while waiting (Ctrl-C); the switchover itself goes on";

/// How documents are printed.
#[derive(Clone, Copy, Debug)]
pub struct Printer {
    /// `--output table`.
    pub table: bool,
}

impl Printer {
    /// Prints one document on stdout. A closed stdout (`| head`) is not an error.
    pub fn document(&self, value: &Value) {
        let text = if self.table {
            table(value)
        } else {
            serde_json::to_string_pretty(value).unwrap_or_else(|_| "null".to_owned()) + "\n"
        };
        let mut out = std::io::stdout().lock();
        let _ = out.write_all(text.as_bytes());
        let _ = out.flush();
    }
}

/// A document as a table: one `key  value` row per field; a list of objects as one row per item
/// under a header of its fields.
pub fn table(value: &Value) -> String {
    let mut out = String::new();
    match value {
        Value::Object(map) => {
            let is_list = |v: &Value| matches!(v, Value::Array(items) if !items.is_empty() && items.iter().all(Value::is_object));
            let width = map
                .iter()
                .filter(|(_, v)| !is_list(v))
                .map(|(k, _)| k.chars().count())
                .max()
                .unwrap_or(0);
            let mut lists = Vec::new();
            for (key, v) in map {
                match v {
                    Value::Array(items) if is_list(v) => lists.push((key, items)),
                    _ => {
                        let _ = writeln!(out, "{key:width$}  {}", cell(v));
                    }
                }
            }
            for (key, items) in lists {
                let _ = writeln!(out, "\n{key}:");
                out.push_str(&rows(items));
            }
        }
        Value::Array(items) if items.iter().all(Value::is_object) => out.push_str(&rows(items)),
        Value::Null => out.push_str("(no body)\n"),
        other => {
            let _ = writeln!(out, "{}", cell(other));
        }
    }
    out
}

fn rows(items: &[Value]) -> String {
    let mut columns: Vec<&str> = Vec::new();
    for item in items {
        for key in item.as_object().into_iter().flat_map(|m| m.keys()) {
            if !columns.contains(&key.as_str()) {
                columns.push(key);
            }
        }
    }
    let cells: Vec<Vec<String>> = items
        .iter()
        .map(|item| {
            columns
                .iter()
                .map(|c| item.get(*c).map(cell).unwrap_or_default())
                .collect()
        })
        .collect();
    let widths: Vec<usize> = columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            cells
                .iter()
                .map(|r| r[i].chars().count())
                .chain([c.chars().count()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    let line = |values: Vec<&str>| {
        let mut l = String::from("  ");
        for (i, v) in values.iter().enumerate() {
            let _ = write!(l, "{v:w$}  ", w = widths[i]);
        }
        l.trim_end().to_owned() + "\n"
    };
    out.push_str(&line(columns.clone()));
    for row in &cells {
        out.push_str(&line(row.iter().map(String::as_str).collect()));
    }
    out
}

/// One value in a cell: text as it is, anything nested as compact JSON, at most 60 characters.
fn cell(value: &Value) -> String {
    let text = match value {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    };
    let text = text.replace('\n', " ");
    if text.chars().count() > 60 {
        text.chars().take(57).collect::<String>() + "..."
    } else {
        text
    }
}

/// Prints a failed call on stderr (what happened, the service's answer, and whether the request
/// may have been performed) and returns the exit code.
pub fn report(op: Option<&Op>, error: &CallError) -> u8 {
    let (code, text) = describe(op, error);
    eprint!("{text}");
    code
}

/// The exit code and the text of [`report`].
pub fn describe(op: Option<&Op>, error: &CallError) -> (u8, String) {
    match error {
        CallError::Usage(message) => (exit::USAGE, format!("error: {message}\n")),
        CallError::Api(e) => describe_error(op, e),
    }
}

/// The exit code and the text of a failed call: what happened, the service's answer, and
/// whether it was performed ([`hwcloud_core::Error::performed`], the core's one answer).
pub fn describe_error(op: Option<&Op>, error: &hwcloud_core::Error) -> (u8, String) {
    use hwcloud_core::{Error, Performed};
    let idempotent = op.is_some_and(Op::idempotent);
    let mut out = String::new();
    let _ = writeln!(out, "error: {error}");
    let performed = error.performed(idempotent);
    let why = match error {
        Error::InvalidRequest(_) => "the request was rejected before it was sent",
        Error::NotSent(_) => "the request could not reach the service",
        Error::MaybeSent(_) if idempotent => "it only reads: sending it again is safe",
        Error::MaybeSent(_) => {
            "it may have reached the service; check the state before sending it again"
        }
        Error::Service(e) if e.status.is_success() => {
            "the service answered success with an error body; check the state before sending \
             it again"
        }
        Error::Service(e) if e.status.is_redirection() || e.status.is_client_error() => {
            "the service refused the request"
        }
        Error::Service(_) if idempotent => "the service failed to answer a request that only reads",
        Error::Service(_) => {
            "the service failed while handling it; check the state before sending it again"
        }
        Error::Decode { .. } if idempotent => "it only reads, but the answer could not be read",
        Error::Decode { .. } => "the service answered success, but the answer could not be read",
        _ => "unknown",
    };
    let code = match (error, performed) {
        (Error::InvalidRequest(_), _) => exit::USAGE,
        (_, Performed::No) => exit::NO_OUTCOME,
        (_, _) if idempotent => exit::NO_OUTCOME,
        (_, _) => exit::MAYBE_SENT,
    };
    if let Some(status) = error.status() {
        let _ = writeln!(out, "  status:     {status}");
    }
    if let Some(e) = error.service_error() {
        let none = "(none)";
        let _ = writeln!(
            out,
            "  error_code: {}",
            e.error_code.as_deref().unwrap_or(none)
        );
        let _ = writeln!(
            out,
            "  error_msg:  {}",
            e.error_msg.as_deref().unwrap_or(none)
        );
        let _ = writeln!(
            out,
            "  request_id: {}",
            e.request_id.as_deref().unwrap_or(none)
        );
    }
    let _ = writeln!(out, "  performed:  {performed}: {why}");
    (code, out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn tables_list_fields_and_rows() {
        let text = table(&json!({
            "totalSize": 1,
            "detailList": [{"id": "t-1", "status": "RUNNING"}, {"id": "t-2", "status": "SUCCESS"}],
        }));
        assert_eq!(
            text,
            "totalSize  1\n\ndetailList:\n  id   status\n  t-1  RUNNING\n  t-2  SUCCESS\n"
        );
        assert_eq!(table(&Value::Null), "(no body)\n");
    }
}
