//! `cargo xtask release-notes [--since GIT_REF]`: drafts the `CHANGELOG.md` entry of the next
//! release from the specs' diff since the last tag (`git describe --tags --abbrev=0`), or since
//! the first commit when there is no tag yet (and says so). The diff is `cargo xtask diff`'s own
//! ([`crate::diff`]); this module only sorts its changes into Keep a Changelog's sections and
//! says which version bump each crate needs (docs/maintainers/versioning.md).

use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;

use crate::diff::report::{location, short};
use crate::diff::{Change, Kind, Report, SpecReport, SpecStatus, build_report, git};

const USAGE: &str = "\
usage: cargo xtask release-notes [--since GIT_REF]

Drafts the CHANGELOG.md entry of the next release (Keep a Changelog: Added, Changed, Removed) from
the specs' changes since the last tag (`git describe --tags --abbrev=0`), or since the first
commit when there is no tag, and the version bump each service crate needs. Prints Markdown to
paste under `## [Unreleased]`; changes to the core, hwc or the docs are added by hand.

  --since GIT_REF   compare with this revision instead of the last tag

exit code: 0, or 2 on usage or git errors.
";

/// What the command printed and its exit code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub stdout: String,
    pub stderr: String,
    pub code: u8,
}

/// The revision the notes start from, and how it was chosen (for the reader).
fn since(root: &Path, given: Option<&str>) -> Result<(String, String), String> {
    if let Some(reference) = given {
        return Ok((reference.to_owned(), format!("since `{reference}`")));
    }
    if let Ok(tag) = git(root, &["describe", "--tags", "--abbrev=0"]) {
        let tag = tag.trim().to_owned();
        return Ok((tag.clone(), format!("since the last tag, `{tag}`")));
    }
    let roots = git(root, &["rev-list", "--max-parents=0", "HEAD"])?;
    let first = roots
        .lines()
        .last()
        .ok_or("the repository has no commits")?
        .to_owned();
    Ok((
        first,
        "since the first commit, as there is no release tag yet".to_owned(),
    ))
}

/// The crate generated from a service's spec: the `name` of `crates/<service>/Cargo.toml`.
fn crate_name(root: &Path, service: &str) -> String {
    std::fs::read_to_string(root.join("crates").join(service).join("Cargo.toml"))
        .ok()
        .and_then(|manifest| {
            manifest.lines().find_map(|line| {
                let value = line.trim().strip_prefix("name")?.trim_start();
                let value = value.strip_prefix('=')?.trim();
                Some(value.trim_matches('"').to_owned())
            })
        })
        .unwrap_or_else(|| format!("hwcloud-{service}"))
}

/// Keep a Changelog's section of one change.
fn section(change: &Change) -> &'static str {
    let id = change.id.as_str();
    if id.contains("removed") {
        "Removed"
    } else if id.contains("added") && change.kind != Kind::Breaking {
        "Added"
    } else {
        "Changed"
    }
}

/// The bump a spec's changes need, in the words of the versioning policy.
fn bump(spec: &SpecReport) -> String {
    let count = |kind: Kind| spec.changes.iter().filter(|c| c.kind == kind).count();
    let breaking = count(Kind::Breaking);
    match spec.status {
        SpecStatus::Added => "new crate (first release)".to_owned(),
        SpecStatus::Removed => "spec removed: the crate is no longer generated".to_owned(),
        _ if breaking > 0 => format!(
            "major ({breaking} breaking change{}; while the version is 0.x, the minor number)",
            if breaking == 1 { "" } else { "s" }
        ),
        _ if spec.changes.iter().any(|c| section(c) == "Added") || count(Kind::WorthALook) > 0 => {
            "minor (additions)".to_owned()
        }
        _ if !spec.changes.is_empty() => "patch".to_owned(),
        _ => "unchanged".to_owned(),
    }
}

/// The draft, from a diff report.
pub fn draft(root: &Path, report: &Report, since_note: &str) -> String {
    let mut out = String::from("## [Unreleased]\n\n");
    let _ = writeln!(
        out,
        "<!-- Drafted by `cargo xtask release-notes` from the specs' diff {since_note} \
         (`{}`). Edit it, and add the core's, hwc's and the docs' changes by hand. -->\n",
        short(&report.base_commit)
    );
    out.push_str("Version bumps (docs/maintainers/versioning.md):\n\n");
    for spec in &report.specs {
        let _ = writeln!(
            out,
            "- `{}` (`{}`): {}",
            crate_name(root, &spec.service),
            spec.file,
            bump(spec)
        );
    }
    let mut any = false;
    for name in ["Added", "Changed", "Removed"] {
        let mut lines = Vec::new();
        for spec in &report.specs {
            let krate = crate_name(root, &spec.service);
            if name == "Added" && spec.status == SpecStatus::Added {
                lines.push(format!(
                    "- `{krate}`: a new client crate, generated from `{}`.",
                    spec.file
                ));
                continue;
            }
            if name == "Removed" && spec.status == SpecStatus::Removed {
                lines.push(format!("- `{krate}`: `{}` was removed.", spec.file));
                continue;
            }
            if matches!(spec.status, SpecStatus::Added | SpecStatus::Removed) {
                continue;
            }
            for change in spec.changes.iter().filter(|c| section(c) == name) {
                let breaking = if change.kind == Kind::Breaking {
                    "**Breaking:** "
                } else {
                    ""
                };
                let operation = change
                    .operation
                    .as_ref()
                    .map(|o| format!("`{o}`, "))
                    .unwrap_or_default();
                lines.push(format!(
                    "- `{krate}`: {breaking}{} ({operation}{}).",
                    change.change,
                    location(change)
                ));
            }
        }
        if !lines.is_empty() {
            any = true;
            let _ = write!(out, "\n### {name}\n\n{}\n", lines.join("\n"));
        }
    }
    if !any {
        out.push_str("\nNo spec changes.\n");
    }
    out
}

/// `cargo xtask release-notes`, returning what it prints.
pub fn run(root: &Path, args: &[String]) -> Outcome {
    let mut given = None;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "-h" | "--help" => {
                return Outcome {
                    stdout: USAGE.to_owned(),
                    stderr: String::new(),
                    code: 0,
                };
            }
            "--since" => match rest.next() {
                Some(value) => given = Some(value.clone()),
                None => return usage_error("--since needs a GIT_REF"),
            },
            other => match other.strip_prefix("--since=") {
                Some(value) => given = Some(value.to_owned()),
                None => return usage_error(&format!("unexpected argument `{other}`")),
            },
        }
    }
    let mut notes = String::new();
    let result = since(root, given.as_deref()).and_then(|(base, since_note)| {
        build_report(root, Some(&base), &mut notes).map(|report| (report, since_note))
    });
    match result {
        Ok((report, since_note)) => {
            notes.push_str(&format!("release-notes: the specs' changes {since_note}\n"));
            Outcome {
                stdout: draft(root, &report, &since_note),
                stderr: notes,
                code: 0,
            }
        }
        Err(message) => Outcome {
            stdout: String::new(),
            stderr: format!("{notes}error: {message}\n"),
            code: 2,
        },
    }
}

fn usage_error(message: &str) -> Outcome {
    Outcome {
        stdout: String::new(),
        stderr: format!("error: {message}\n\n{USAGE}"),
        code: 2,
    }
}

/// Entry point for `cargo xtask release-notes`.
pub fn main(root: &Path, args: &[String]) -> ExitCode {
    let outcome = run(root, args);
    print!("{}", outcome.stdout);
    eprint!("{}", outcome.stderr);
    ExitCode::from(outcome.code)
}
