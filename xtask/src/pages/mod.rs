//! `cargo xtask pages`: read an API reference page and say where the spec disagrees with it
//! (`check`), or draft the operation from it (`draft`).
//!
//! A page is read in any of its three forms ([`model::Form`]) into one [`Page`]: method and path,
//! parameters, request and response fields (nested tables followed by their captions), examples
//! and status codes. `check` finds the operation with the same method and path in `specs/*.yaml`
//! and compares every fact, printing `page:line: rule-id: message (spec:line)`; a difference that is
//! deliberate is written in the spec as an `x-page-divergence` ([`divergence`]). The rule ids are
//! listed in [`Rule`] and are stable.
//!
//! Exit codes: 0 when every page agrees with the specs, 1 on any finding, 2 on a usage error or
//! when a page or spec cannot be read.

use std::fmt;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub mod check;
pub mod divergence;
pub mod draft;
pub mod model;
pub mod parse;
pub mod report;

pub use check::{Finding, PageReport, SpecDoc, check_page};
pub use model::Page;
pub use parse::parse;

/// What `check` reports. The ids are stable: scripts, reviewers and `x-page-divergence` entries
/// rely on them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rule {
    /// `pages-operation-missing`: no spec has an operation with the page's method and path
    /// (path variables may be named differently).
    OperationMissing,
    /// `pages-param-missing`: the page lists a path, query or header parameter the operation does
    /// not have. Authentication headers (`X-Auth-Token`, ...) and `Content-Type` are not
    /// compared: they are security schemes and the body's media type.
    ParamMissing,
    /// `pages-param-extra`: the operation has a parameter the page does not list.
    ParamExtra,
    /// `pages-field-missing`: the page lists a request or response body field (at any depth) the
    /// spec's schema does not have.
    FieldMissing,
    /// `pages-field-extra`: the spec's schema has a field the page's table does not list (only
    /// where the page has that table).
    FieldExtra,
    /// `pages-mandatory`: a parameter or field is mandatory on one side and optional on the other.
    Mandatory,
    /// `pages-type`: the page's type (`String`, `Integer`, `Long`, `Boolean`, `Array of X
    /// objects`, `X object`, `Map<String,String>`) does not match the spec's schema.
    Type,
    /// `pages-enum`: the values a description lists differ from the schema's `enum` or
    /// `x-extensible-enum` (compared only where the page lists values).
    Enum,
    /// `pages-status-missing`: the page lists a status code the operation does not have.
    StatusMissing,
    /// `pages-status-extra`: the operation has a status code (three digits; `4XX`, `5XX` and
    /// `default` are not compared) that the page does not list.
    StatusExtra,
    /// `pages-example`: an example body of the page is not JSON-equal to any example of the
    /// spec's request body or response.
    Example,
    /// `pages-unreadable`: part of the page could not be read (an example that is not JSON).
    Unreadable,
    /// `pages-divergence-stale`: an `x-page-divergence` that concerns this page accepted nothing:
    /// the page no longer differs from the spec there.
    DivergenceStale,
    /// `pages-divergence-invalid`: an `x-page-divergence` in the operation's reach is malformed.
    DivergenceInvalid,
}

impl Rule {
    pub const ALL: [Rule; 14] = [
        Rule::OperationMissing,
        Rule::ParamMissing,
        Rule::ParamExtra,
        Rule::FieldMissing,
        Rule::FieldExtra,
        Rule::Mandatory,
        Rule::Type,
        Rule::Enum,
        Rule::StatusMissing,
        Rule::StatusExtra,
        Rule::Example,
        Rule::Unreadable,
        Rule::DivergenceStale,
        Rule::DivergenceInvalid,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Rule::OperationMissing => "pages-operation-missing",
            Rule::ParamMissing => "pages-param-missing",
            Rule::ParamExtra => "pages-param-extra",
            Rule::FieldMissing => "pages-field-missing",
            Rule::FieldExtra => "pages-field-extra",
            Rule::Mandatory => "pages-mandatory",
            Rule::Type => "pages-type",
            Rule::Enum => "pages-enum",
            Rule::StatusMissing => "pages-status-missing",
            Rule::StatusExtra => "pages-status-extra",
            Rule::Example => "pages-example",
            Rule::Unreadable => "pages-unreadable",
            Rule::DivergenceStale => "pages-divergence-stale",
            Rule::DivergenceInvalid => "pages-divergence-invalid",
        }
    }

    /// Whether an `x-page-divergence` may accept findings of this rule.
    pub fn divergible(self) -> bool {
        !matches!(
            self,
            Rule::OperationMissing | Rule::DivergenceStale | Rule::DivergenceInvalid
        )
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// What a command printed and its exit code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub stdout: String,
    pub stderr: String,
    pub code: u8,
}

impl Outcome {
    fn usage_error(message: &str) -> Outcome {
        Outcome {
            stdout: String::new(),
            stderr: format!("error: {message}\n\n{USAGE}"),
            code: 2,
        }
    }
}

const USAGE: &str = "\
usage: cargo xtask pages check [--spec SPEC]... [--format text|markdown|json] PAGE...
       cargo xtask pages draft PAGE
       cargo xtask pages parse PAGE

check   find each page's operation (method and path) in specs/*.yaml (or the --spec files) and
        report every fact where they disagree, as `page:line: rule-id: message (spec:line)`;
        differences recorded in the spec as `x-page-divergence` are accepted, and one that no
        longer applies is reported. --format markdown or json gives a report like `cargo xtask diff`.
draft   print an OpenAPI 3.0 document holding the page's operation (path item, parameters,
        component schemas, examples, status codes with the shared ErrorResponse); descriptions
        a Chinese page gives are left as TODO for a person to write in English.
parse   print what was read from the page, as JSON.

PAGE is a Huawei Cloud or Open Telekom Cloud API reference page: text (Chinese or English) or
reStructuredText (.rst). exit code: 1 on any finding, 2 on usage errors or unreadable files.
";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Json,
}

/// `cargo xtask pages ...`, returning what it prints.
pub fn run(root: &Path, args: &[String]) -> Outcome {
    let Some((command, rest)) = args.split_first() else {
        return Outcome::usage_error("`pages` needs a command: check, draft or parse");
    };
    match command.as_str() {
        "check" => run_check(root, rest),
        "draft" | "parse" => {
            if rest.iter().any(|a| a == "-h" || a == "--help") {
                return help();
            }
            let [page] = rest else {
                return Outcome::usage_error(&format!("`pages {command}` takes one PAGE"));
            };
            if page.starts_with('-') {
                return Outcome::usage_error(&format!("unknown option `{page}`"));
            }
            let parsed = match read_page(page) {
                Ok(parsed) => parsed,
                Err(message) => {
                    return Outcome {
                        stdout: String::new(),
                        stderr: format!("error: {message}\n"),
                        code: 2,
                    };
                }
            };
            let stdout = if command == "draft" {
                draft::draft(&parsed, page)
            } else {
                let mut text = serde_json::to_string_pretty(&parsed.to_json()).unwrap_or_default();
                text.push('\n');
                text
            };
            Outcome {
                stdout,
                stderr: String::new(),
                code: 0,
            }
        }
        "-h" | "--help" | "help" => help(),
        other => Outcome::usage_error(&format!("unknown `pages` command `{other}`")),
    }
}

fn help() -> Outcome {
    Outcome {
        stdout: USAGE.to_string(),
        stderr: String::new(),
        code: 0,
    }
}

/// Entry point for `cargo xtask pages`.
pub fn main(root: &Path, args: &[String]) -> ExitCode {
    let outcome = run(root, args);
    print!("{}", outcome.stdout);
    eprint!("{}", outcome.stderr);
    ExitCode::from(outcome.code)
}

/// Read and parse one page file.
pub fn read_page(path: &str) -> Result<Page, String> {
    let src = std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    parse(&src, path).map_err(|e| format!("{path}: {e}"))
}

fn run_check(root: &Path, args: &[String]) -> Outcome {
    let mut format = Format::Text;
    let mut spec_args: Vec<String> = Vec::new();
    let mut pages: Vec<String> = Vec::new();
    let mut flags = crate::args::Flags::new(args);
    while let Some(flag) = flags.next_flag() {
        match flag.name {
            "-h" | "--help" => return help(),
            "--format" => {
                format = match flags.value(&flag).as_deref() {
                    Ok("text") => Format::Text,
                    Ok("markdown" | "md") => Format::Markdown,
                    Ok("json") => Format::Json,
                    Ok(other) => {
                        return Outcome::usage_error(&format!(
                            "unknown format `{other}` (text, markdown or json)"
                        ));
                    }
                    Err(message) => return Outcome::usage_error(message),
                }
            }
            "--spec" => match flags.value(&flag) {
                Ok(spec) => spec_args.push(spec),
                Err(message) => return Outcome::usage_error(&message),
            },
            other if other.starts_with('-') && other.len() > 1 => {
                return Outcome::usage_error(&format!("unknown option `{other}`"));
            }
            _ => pages.push(flag.arg.to_owned()),
        }
    }
    if pages.is_empty() {
        return Outcome::usage_error("`pages check` needs at least one PAGE");
    }
    let mut stderr = String::new();
    let mut code = 0;
    let spec_paths: Vec<(PathBuf, String)> = if spec_args.is_empty() {
        match crate::lint::default_specs(root) {
            Ok(paths) => paths
                .into_iter()
                .map(|p| {
                    let shown = p
                        .strip_prefix(root)
                        .map(|r| r.display().to_string())
                        .unwrap_or_else(|_| p.display().to_string());
                    (p, shown)
                })
                .collect(),
            Err(message) => {
                return Outcome {
                    stdout: String::new(),
                    stderr: format!("error: {message}\n"),
                    code: 2,
                };
            }
        }
    } else {
        spec_args
            .iter()
            .map(|s| (PathBuf::from(s), s.clone()))
            .collect()
    };
    let mut specs = Vec::new();
    for (path, shown) in &spec_paths {
        match std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read {shown}: {e}"))
            .and_then(|src| SpecDoc::load(shown, &src))
        {
            Ok(spec) => specs.push(spec),
            Err(message) => {
                stderr.push_str(&format!("error: {message}\n"));
                code = 2;
            }
        }
    }
    let mut reports = Vec::new();
    for page in &pages {
        match read_page(page) {
            Ok(parsed) => reports.push(check_page(page, &parsed, &specs)),
            Err(message) => {
                stderr.push_str(&format!("error: {message}\n"));
                code = 2;
            }
        }
    }
    let stdout = match format {
        Format::Text => report::text(&reports),
        Format::Markdown => report::markdown(&reports),
        Format::Json => {
            let mut text =
                serde_json::to_string_pretty(&report::json(&reports)).unwrap_or_default();
            text.push('\n');
            text
        }
    };
    stderr.push_str(&report::summary(&reports));
    if code == 0 && reports.iter().any(|r| !r.findings.is_empty()) {
        code = 1;
    }
    Outcome {
        stdout,
        stderr,
        code,
    }
}
