//! `cargo xtask diff [--base GIT_REF] [--format markdown|json] [--allow-breaking]`: list and
//! classify the spec changes since GIT_REF, and what they do to the generated Rust API.
//!
//! The comparison itself is pure ([`spec::diff_specs`] over two parsed specs,
//! [`report::spec_report`] over two specs and two generated files); this module is the thin git
//! plumbing around it: `git show REF:specs/x.yaml` against the working tree.
//!
//! Exit code: 1 when a change is breaking (unless `--allow-breaking`), 2 on a usage error or
//! when git or a file cannot be read, 0 otherwise.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, ExitCode};

use serde_json::Value;

pub mod report;
pub mod rust;
pub mod spec;

pub use report::{Report, Revisions, SpecReport, SpecStatus, spec_report};
pub use rust::{ItemChange, RustApi, RustChange, diff_api};
pub use spec::{Change, ChangeId, Kind, diff_specs};

use crate::openapi::yaml;

const USAGE: &str = "\
usage: cargo xtask diff [--base GIT_REF] [--format markdown|json] [--allow-breaking]

Compares every specs/*.yaml at GIT_REF (default: `git merge-base HEAD main`, or HEAD when
there is none) with the working tree, classifies each change as breaking, worth a look or
non-breaking, and lists what it does to the generated Rust API (crates/<service>/src/generated.rs).

  --base GIT_REF     the revision to compare with
  --format FORMAT    markdown (default, ready for a pull request) or json (its shape is
                     documented in xtask/src/diff/report.rs)
  --allow-breaking   exit 0 even when a change is breaking

exit code: 1 when a change is breaking (unless --allow-breaking), 2 on usage or I/O errors.
";

/// What the command printed and its exit code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub stdout: String,
    pub stderr: String,
    pub code: u8,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Markdown,
    Json,
}

struct Options {
    base: Option<String>,
    format: Format,
    allow_breaking: bool,
}

fn parse_args(args: &[String]) -> Result<Option<Options>, String> {
    let mut options = Options {
        base: None,
        format: Format::Markdown,
        allow_breaking: false,
    };
    let mut flags = crate::args::Flags::new(args);
    while let Some(flag) = flags.next_flag() {
        match flag.name {
            "-h" | "--help" => return Ok(None),
            "--base" => options.base = Some(flags.value(&flag)?),
            "--format" => {
                options.format = match flags.value(&flag)?.as_str() {
                    "markdown" | "md" => Format::Markdown,
                    "json" => Format::Json,
                    other => {
                        return Err(format!("unknown format `{other}` (markdown or json)"));
                    }
                }
            }
            "--allow-breaking" if flag.inline.is_none() => options.allow_breaking = true,
            other => return Err(format!("unexpected argument `{other}`")),
        }
    }
    Ok(Some(options))
}

/// `cargo xtask diff`, returning what it prints.
pub fn run(root: &Path, args: &[String]) -> Outcome {
    let options = match parse_args(args) {
        Ok(Some(options)) => options,
        Ok(None) => {
            return Outcome {
                stdout: USAGE.to_string(),
                stderr: String::new(),
                code: 0,
            };
        }
        Err(message) => {
            return Outcome {
                stdout: String::new(),
                stderr: format!("error: {message}\n\n{USAGE}"),
                code: 2,
            };
        }
    };
    let mut notes = String::new();
    let report = match build_report(root, options.base.as_deref(), &mut notes) {
        Ok(report) => report,
        Err(message) => {
            return Outcome {
                stdout: String::new(),
                stderr: format!("{notes}error: {message}\n"),
                code: 2,
            };
        }
    };
    let stdout = match options.format {
        Format::Markdown => report.markdown(),
        Format::Json => {
            let mut text = serde_json::to_string_pretty(&report.json()).unwrap_or_default();
            text.push('\n');
            text
        }
    };
    let counts = report.counts();
    let code = if counts.breaking > 0 && !options.allow_breaking {
        notes.push_str(&format!(
            "diff: {} breaking change{} (pass --allow-breaking to accept)\n",
            counts.breaking,
            if counts.breaking == 1 { "" } else { "s" }
        ));
        1
    } else {
        0
    };
    Outcome {
        stdout,
        stderr: notes,
        code,
    }
}

/// Entry point for `cargo xtask diff`.
pub fn main(root: &Path, args: &[String]) -> ExitCode {
    let outcome = run(root, args);
    print!("{}", outcome.stdout);
    eprint!("{}", outcome.stderr);
    ExitCode::from(outcome.code)
}

/// Read every spec at the base and in the working tree and compare them.
pub(crate) fn build_report(
    root: &Path,
    base: Option<&str>,
    notes: &mut String,
) -> Result<Report, String> {
    let (base_ref, base_commit) = match base {
        Some(reference) => (reference.to_string(), resolve(root, reference)?),
        None => match git(root, &["merge-base", "HEAD", "main"]) {
            Ok(commit) => ("main".to_string(), commit.trim().to_string()),
            Err(_) => {
                notes.push_str("note: no merge base of HEAD and main; comparing with HEAD\n");
                ("HEAD".to_string(), resolve(root, "HEAD")?)
            }
        },
    };

    let mut services: BTreeSet<String> = BTreeSet::new();
    let listing = git(
        root,
        &["ls-tree", "--name-only", &base_commit, "--", "specs/"],
    )?;
    let base_services: BTreeSet<String> = listing.lines().filter_map(service_of).collect();
    services.extend(base_services.iter().cloned());
    let head_services: BTreeSet<String> = crate::lint::default_specs(root)?
        .iter()
        .filter_map(|p| p.file_name().and_then(|n| n.to_str()))
        .filter_map(|name| service_of(&format!("specs/{name}")))
        .collect();
    services.extend(head_services.iter().cloned());

    let mut specs = Vec::new();
    for service in services {
        let path = format!("specs/{service}.yaml");
        let rust_path = format!("crates/{service}/src/generated.rs");
        let base_spec = if base_services.contains(&service) {
            let text = show(root, &base_commit, &path)?
                .ok_or_else(|| format!("{path} is listed at {base_ref} but cannot be read"))?;
            Some(parse_spec(&text, &format!("{path} at {base_ref}"))?)
        } else {
            None
        };
        let head_spec = if head_services.contains(&service) {
            let text = read(&root.join(&path))?;
            Some(parse_spec(&text, &path)?)
        } else {
            None
        };
        let base_rust = show(root, &base_commit, &rust_path)?;
        let head_file = root.join(&rust_path);
        let head_rust = if head_file.exists() {
            Some(read(&head_file)?)
        } else {
            None
        };
        specs.push(spec_report(
            &service,
            Revisions {
                base_spec: base_spec.as_ref(),
                head_spec: head_spec.as_ref(),
                base_rust: base_rust.as_deref(),
                head_rust: head_rust.as_deref(),
            },
        ));
    }
    Ok(Report {
        base_ref,
        base_commit,
        specs,
    })
}

/// `specs/dcs.yaml` → `dcs`.
fn service_of(path: &str) -> Option<String> {
    let name = path.strip_prefix("specs/")?;
    let stem = name.strip_suffix(".yaml")?;
    (!stem.is_empty() && !stem.contains('/')).then(|| stem.to_string())
}

fn parse_spec(text: &str, what: &str) -> Result<Value, String> {
    yaml::load(text)
        .map(|doc| doc.value)
        .map_err(|e| format!("{what} is not valid YAML: {e} (run `cargo xtask lint`)"))
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

/// Run git in `root`; its stdout on success.
pub(crate) fn git(root: &Path, args: &[&str]) -> Result<String, String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(args)
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        return Err(format!(
            "`git {}` failed: {}",
            args.join(" "),
            stderr.trim()
        ));
    }
    String::from_utf8(output.stdout)
        .map_err(|_| format!("`git {}` printed non-UTF-8", args.join(" ")))
}

/// The commit a ref names.
fn resolve(root: &Path, reference: &str) -> Result<String, String> {
    git(
        root,
        &[
            "rev-parse",
            "--verify",
            "--quiet",
            &format!("{reference}^{{commit}}"),
        ],
    )
    .map(|commit| commit.trim().to_string())
    .map_err(|_| format!("`{reference}` does not name a commit in {}", root.display()))
}

/// A file at a commit, `None` when the commit does not have it.
fn show(root: &Path, commit: &str, path: &str) -> Result<Option<String>, String> {
    let listing = git(root, &["ls-tree", "--name-only", commit, "--", path])?;
    if listing.trim().is_empty() {
        return Ok(None);
    }
    git(root, &["show", &format!("{commit}:{path}")]).map(Some)
}
