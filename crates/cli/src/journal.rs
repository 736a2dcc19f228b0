//! The journal: every non-idempotent request, appended as a JSON line before it is sent (the
//! intent) and again with its outcome, so that what a terminal showed outlives the terminal.
//!
//! One line per event; every line of an operation carries its `id`. The file is created `0600`,
//! every line is appended whole under an exclusive lock (two `hwc` at once lose nothing), and no
//! line ever holds a secret: ids, names, statuses and the service's answer to a switchover only.

use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use clap::{Arg, ArgMatches, Command};
use serde_json::{Map, Value, json};

use crate::config::GLOBAL;
use crate::output::{Printer, exit};

/// The variable naming the journal (`--journal`).
pub const ENV_JOURNAL: &str = "HWC_JOURNAL";

/// `--journal PATH`, a global option.
pub fn arg() -> Arg {
    Arg::new("journal")
        .long("journal")
        .value_name("PATH")
        .env(ENV_JOURNAL)
        .global(true)
        .help_heading(GLOBAL)
        .value_parser(clap::value_parser!(PathBuf))
        .help(
            "The journal of non-idempotent requests (JSON lines) [default: hwc/journal.jsonl in \
             the platform's state directory]",
        )
}

/// The journal's default place: `hwc/journal.jsonl` in the platform's state directory
/// (`$XDG_STATE_HOME`, `~/.local/state`), else its local data directory.
pub fn default_path() -> Option<PathBuf> {
    dirs::state_dir()
        .or_else(dirs::data_local_dir)
        .map(|d| d.join("hwc").join("journal.jsonl"))
}

/// The journal a command line names, else the default.
pub fn path(matches: &ArgMatches) -> Result<PathBuf, String> {
    matches
        .try_get_one::<PathBuf>("journal")
        .ok()
        .flatten()
        .cloned()
        .or_else(default_path)
        .ok_or_else(|| {
            format!(
                "no state directory for the journal: pass --journal PATH (or set {ENV_JOURNAL})"
            )
        })
}

/// The time now, RFC 3339 in UTC.
pub fn now() -> String {
    let now = time::OffsetDateTime::from(SystemTime::now());
    now.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_else(|_| now.unix_timestamp().to_string())
}

/// A new operation id: the time and the process, unique on the machine.
pub fn new_id() -> String {
    let nanos = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    format!("{:x}-{:x}", nanos, std::process::id())
}

/// An open journal.
#[derive(Debug, Clone)]
pub struct Journal {
    /// `None`: no place for a journal was found (no home directory); nothing is kept.
    path: Option<PathBuf>,
}

impl Journal {
    /// The journal at `path` (created on the first append).
    pub fn at(path: PathBuf) -> Self {
        Self { path: Some(path) }
    }

    /// The journal a command line names (`--journal`, `HWC_JOURNAL`), else the default; when
    /// the platform has no state directory, a warning and no journal.
    pub fn of(matches: &ArgMatches) -> Self {
        match path(matches) {
            Ok(path) => Self::at(path),
            Err(e) => {
                eprintln!("warning: {e}; this request is not journaled");
                Self { path: None }
            }
        }
    }

    /// Where it is.
    pub fn path(&self) -> &Path {
        self.path.as_deref().unwrap_or(Path::new(""))
    }

    /// Appends one event (a JSON object) as one line, under an exclusive lock. The file and its
    /// directory are created readable by the user only.
    pub fn append(&self, event: &Value) -> Result<(), String> {
        let Some(path) = &self.path else {
            return Ok(());
        };
        let fail = |e: std::io::Error| format!("cannot write the journal {}: {e}", path.display());
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            create_private_dir(dir).map_err(fail)?;
        }
        let mut options = OpenOptions::new();
        options.append(true).create(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let mut file = options.open(path).map_err(fail)?;
        let mut line = serde_json::to_string(event).map_err(|e| e.to_string())?;
        line.push('\n');
        fs4::FileExt::lock(&file).map_err(fail)?;
        let written = file
            .write_all(line.as_bytes())
            .and_then(|()| file.sync_data());
        let _ = fs4::FileExt::unlock(&file);
        written.map_err(fail)
    }

    /// Every event, in order (a line that is not a JSON object is skipped).
    pub fn events(&self) -> Result<Vec<Value>, String> {
        let Some(path) = &self.path else {
            return Ok(Vec::new());
        };
        let file = match File::open(path) {
            Ok(file) => file,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => {
                return Err(format!("cannot read the journal {}: {e}", path.display()));
            }
        };
        let _ = fs4::FileExt::lock_shared(&file);
        let events = BufReader::new(&file)
            .lines()
            .map_while(Result::ok)
            .filter_map(|line| serde_json::from_str::<Value>(&line).ok())
            .filter(Value::is_object)
            .collect();
        let _ = fs4::FileExt::unlock(&file);
        Ok(events)
    }

    /// Every operation: its intent merged with the events that followed it, oldest first.
    pub fn operations(&self) -> Result<Vec<Value>, String> {
        let mut ops: Vec<Map<String, Value>> = Vec::new();
        for event in self.events()? {
            let Some(id) = event.get("id").and_then(Value::as_str) else {
                continue;
            };
            let kind = event.get("event").and_then(Value::as_str).unwrap_or("");
            let at = ops
                .iter()
                .position(|o| o.get("id").and_then(Value::as_str) == Some(id));
            let map = event.as_object().cloned().unwrap_or_default();
            match (kind, at) {
                ("intent", None) => {
                    let mut op = map;
                    op.remove("event");
                    op.insert("performed".into(), Value::from("unknown"));
                    ops.push(op);
                }
                (_, Some(i)) => {
                    for (k, v) in map {
                        if k != "event" && k != "id" && k != "time" {
                            ops[i].insert(k, v);
                        }
                    }
                    ops[i].insert(
                        "updated".into(),
                        event.get("time").cloned().unwrap_or_default(),
                    );
                }
                _ => {}
            }
        }
        Ok(ops.into_iter().map(Value::Object).collect())
    }
}

#[cfg(unix)]
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
}

#[cfg(not(unix))]
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)
}

/// `hwc journal`.
pub fn command() -> Command {
    Command::new("journal")
        .about("List the non-idempotent requests hwc sent, and what became of them")
        .long_about(
            "List the journal: every non-idempotent request hwc sent (or was about to send), with \
             when, where, the target ids, the answer (status, request id, job id), whether it was \
             performed (no, maybe, yes) and how it was verified. `hwc follow ID` picks one up.",
        )
        .arg(
            Arg::new("path")
                .long("path")
                .action(clap::ArgAction::SetTrue)
                .help("Print the journal's path only"),
        )
}

/// Runs `hwc journal`.
pub fn run(matches: &ArgMatches, printer: Printer) -> u8 {
    let path = match path(matches) {
        Ok(path) => path,
        Err(e) => {
            eprintln!("error: {e}");
            return exit::USAGE;
        }
    };
    if matches.get_flag("path") {
        println!("{}", path.display());
        return exit::DONE;
    }
    match Journal::at(path).operations() {
        Ok(ops) => {
            let rows: Vec<Value> = if printer.table {
                ops.iter().map(row).collect()
            } else {
                ops
            };
            printer.document(&Value::Array(rows));
            exit::DONE
        }
        Err(e) => {
            eprintln!("error: {e}");
            exit::NO_OUTCOME
        }
    }
}

/// An operation as one row of the table.
fn row(op: &Value) -> Value {
    let text = |k: &str| op.get(k).cloned().unwrap_or(Value::Null);
    let target = op
        .get("target")
        .and_then(Value::as_object)
        .map(|t| {
            t.iter()
                .filter(|(k, _)| k.as_str() != "project-id")
                .map(|(k, v)| format!("{k}={}", v.as_str().unwrap_or_default()))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_default();
    json!({
        "id": text("id"),
        "time": text("time"),
        "operation": format!(
            "{} {}",
            op.get("service").and_then(Value::as_str).unwrap_or(""),
            op.get("command").and_then(Value::as_str).unwrap_or("")
        ),
        "target": target,
        "status": text("status"),
        "job_id": text("job_id"),
        "performed": text("performed"),
        "verification": text("verification"),
    })
}
