//! `cargo xtask lint [SPEC...]`: check specs against the workspace rules.
//!
//! Each finding is printed as `file:line: rule-id: message`; the exit code is 1 when there is
//! any finding, 2 when a spec cannot be read.  The rules and their ids are listed in [`Rule`].
//! The checks work on the spec as a `serde_json::Value` plus a line index ([`yaml`]), so a spec
//! that does not parse, or is not shaped like OpenAPI, gives findings and never a panic.

use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde_json::Value;

use crate::openapi::yaml;

mod drill;
mod examples;
mod rules;
pub mod waiter;

pub use rules::{AUTH_HEADERS, ERROR_SCHEMA_REF, canonical, is_sdk_pascal_case};

/// A lint rule.  The ids ([`Rule::id`]) are stable: scripts and reviewers may rely on them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rule {
    /// `yaml-parse`: the file is well-formed YAML.
    YamlParse,
    /// `openapi-version`: the document says `openapi: 3.0.x`.
    OpenapiVersion,
    /// `openapi-structure`: the objects the other rules read have the shape OpenAPI gives them
    /// (`info`, `paths` a mapping, `parameters` a list, ...).
    OpenapiStructure,
    /// `ref-resolves`: every `$ref` is a local reference (`#/...`) to something that exists.
    RefResolves,
    /// `operation-id`: every operation has an `operationId` in the official SDK's PascalCase
    /// (`ShowJobInfo`, `SwitchVip`: acronyms written as words).
    OperationId,
    /// `operation-id-unique`: no two operations share an `operationId`.
    OperationIdUnique,
    /// `operation-summary`: every operation has a non-empty `summary`.
    OperationSummary,
    /// `operation-description`: every operation has a non-empty `description`.
    OperationDescription,
    /// `operation-tag`: every operation has at least one tag.
    OperationTag,
    /// `operation-idempotent`: every operation says `x-idempotent: true|false` (retries rely on it).
    OperationIdempotent,
    /// `operation-clouds`: every operation says which clouds' references document it,
    /// `x-clouds: [huawei, otc]` (a non-empty list of known clouds, each once).
    OperationClouds,
    /// `path-params`: the `{variables}` of the path template and the declared `in: path`
    /// parameters match one to one.
    PathParams,
    /// `path-param-required`: path parameters say `required: true`.
    PathParamRequired,
    /// `error-response-schema`: every 4xx/5xx/default response has a body whose schema is
    /// `#/components/schemas/ErrorResponse`.
    ErrorResponseSchema,
    /// `success-response`: every operation has a 2xx response.
    SuccessResponse,
    /// `success-body-type`: all 2xx responses of an operation share one body type (the same
    /// media types and schemas, or all without a body), as progenitor needs.
    SuccessBodyType,
    /// `example-valid`: every example (parameter, media type, header and schema `example`,
    /// `examples.*.value`) validates against its schema, `nullable` honoured.
    ExampleValid,
    /// `response-additional-properties`: no `additionalProperties: false` on a schema reachable
    /// from a response (a new field would break old clients).
    ResponseAdditionalProperties,
    /// `response-closed-enum`: no `enum` on a schema reachable from a response; use a component
    /// schema with `type: string` and `x-extensible-enum`.
    ResponseClosedEnum,
    /// `extensible-enum`: `x-extensible-enum` sits on a top-level component schema of
    /// `type: string`, as a non-empty list of distinct strings, without `enum`.
    ExtensibleEnum,
    /// `auth-header-param`: authentication headers (`X-Auth-Token`, `Authorization`,
    /// `X-Sdk-Date`, `X-Project-Id`, `X-Security-Token`) are not declared as parameters.
    AuthHeaderParam,
    /// `parameter-description`: every parameter has a non-empty `description`.
    ParameterDescription,
    /// `property-description`: every schema property has a non-empty `description` (on the
    /// property, or on the component schema it refers to).
    PropertyDescription,
    /// `page-divergence`: every `x-page-divergence` (a deliberate difference from the API
    /// reference page, read by `cargo xtask pages check`) is shaped as
    /// [`crate::pages::divergence`] describes: a `rule` a divergence can accept and a `reason`.
    PageDivergence,
    /// `waiter`: every `x-waiter` is well formed and agrees with its spec (operations,
    /// parameters and JSON paths exist, states are values of the state's schema, a failure state,
    /// a baseline where the read carries no id of the start, a deadline above the poll interval).
    Waiter,
    /// `drill`: the spec's `x-drill` (what `hwc drill` does with the service) is well formed and
    /// agrees with its spec (operations, arguments and body fields exist, every name a step uses
    /// is a resource or recorded by an earlier step, the JSON pointers exist in the answers).
    Drill,
}

impl Rule {
    pub const ALL: [Rule; 26] = [
        Rule::YamlParse,
        Rule::OpenapiVersion,
        Rule::OpenapiStructure,
        Rule::RefResolves,
        Rule::OperationId,
        Rule::OperationIdUnique,
        Rule::OperationSummary,
        Rule::OperationDescription,
        Rule::OperationTag,
        Rule::OperationIdempotent,
        Rule::OperationClouds,
        Rule::PathParams,
        Rule::PathParamRequired,
        Rule::ErrorResponseSchema,
        Rule::SuccessResponse,
        Rule::SuccessBodyType,
        Rule::ExampleValid,
        Rule::ResponseAdditionalProperties,
        Rule::ResponseClosedEnum,
        Rule::ExtensibleEnum,
        Rule::AuthHeaderParam,
        Rule::ParameterDescription,
        Rule::PropertyDescription,
        Rule::PageDivergence,
        Rule::Waiter,
        Rule::Drill,
    ];

    /// The stable id printed in findings.
    pub fn id(self) -> &'static str {
        match self {
            Rule::YamlParse => "yaml-parse",
            Rule::OpenapiVersion => "openapi-version",
            Rule::OpenapiStructure => "openapi-structure",
            Rule::RefResolves => "ref-resolves",
            Rule::OperationId => "operation-id",
            Rule::OperationIdUnique => "operation-id-unique",
            Rule::OperationSummary => "operation-summary",
            Rule::OperationDescription => "operation-description",
            Rule::OperationTag => "operation-tag",
            Rule::OperationIdempotent => "operation-idempotent",
            Rule::OperationClouds => "operation-clouds",
            Rule::PathParams => "path-params",
            Rule::PathParamRequired => "path-param-required",
            Rule::ErrorResponseSchema => "error-response-schema",
            Rule::SuccessResponse => "success-response",
            Rule::SuccessBodyType => "success-body-type",
            Rule::ExampleValid => "example-valid",
            Rule::ResponseAdditionalProperties => "response-additional-properties",
            Rule::ResponseClosedEnum => "response-closed-enum",
            Rule::ExtensibleEnum => "extensible-enum",
            Rule::AuthHeaderParam => "auth-header-param",
            Rule::ParameterDescription => "parameter-description",
            Rule::PropertyDescription => "property-description",
            Rule::PageDivergence => "page-divergence",
            Rule::Waiter => "waiter",
            Rule::Drill => "drill",
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// One finding: `file:line: rule-id: message`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Finding {
    pub file: String,
    pub line: usize,
    pub rule: Rule,
    pub message: String,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: {}: {}",
            self.file, self.line, self.rule, self.message
        )
    }
}

/// Where the rules put their findings.
pub struct Context<'a> {
    file: &'a str,
    lines: &'a yaml::LineIndex,
    findings: Vec<Finding>,
    seen: HashSet<(usize, Rule, String)>,
}

impl Context<'_> {
    /// Report a finding on the node at JSON pointer `pointer` (or its nearest ancestor).
    pub fn report(&mut self, pointer: &str, rule: Rule, message: String) {
        let line = self.lines.line(pointer);
        self.report_line(line, rule, message);
    }

    fn report_line(&mut self, line: usize, rule: Rule, message: String) {
        if self.seen.insert((line, rule, message.clone())) {
            self.findings.push(Finding {
                file: self.file.to_string(),
                line,
                rule,
                message,
            });
        }
    }
}

/// Lint one spec's text; `file` is the name findings carry.  Findings are sorted by line.
pub fn lint_source(file: &str, src: &str) -> Vec<Finding> {
    let document = match yaml::load(src) {
        Ok(document) => document,
        Err(error) => {
            return vec![Finding {
                file: file.to_string(),
                line: error.line,
                rule: Rule::YamlParse,
                message: format!("not valid YAML: {}", error.message),
            }];
        }
    };
    let mut cx = Context {
        file,
        lines: &document.lines,
        findings: Vec::new(),
        seen: HashSet::new(),
    };
    rules::run(&mut cx, &document.value);
    if document.value.is_object() {
        drill::lint(&mut cx, &document.value);
    }
    let mut findings = cx.findings;
    findings.sort();
    findings
}

/// Lint one spec file, naming it `display` in findings.
pub fn lint_file(path: &Path, display: &str) -> Result<Vec<Finding>, String> {
    let src = std::fs::read_to_string(path)
        .map_err(|error| format!("cannot read {}: {error}", path.display()))?;
    Ok(lint_source(display, &src))
}

/// What `cargo xtask lint` printed and its exit code, for tests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub stdout: String,
    pub stderr: String,
    pub code: u8,
}

const USAGE: &str = "usage: cargo xtask lint [SPEC...]\n\n\
SPEC is a path to an OpenAPI YAML file or a service name (`dcs` for specs/dcs.yaml);\n\
without one, every specs/*.yaml is linted.  Findings are printed as\n\
`file:line: rule-id: message`; the exit code is 1 if there is any, 2 if a spec cannot be read.\n";

/// `cargo xtask lint`, returning what it prints.
pub fn run(root: &Path, args: &[String]) -> Outcome {
    let mut outcome = Outcome {
        stdout: String::new(),
        stderr: String::new(),
        code: 0,
    };
    if args.iter().any(|a| a == "-h" || a == "--help") {
        outcome.stdout = USAGE.to_string();
        return outcome;
    }
    if let Some(flag) = args.iter().find(|a| a.starts_with('-')) {
        outcome.stderr = format!("error: unknown option `{flag}`\n\n{USAGE}");
        outcome.code = 2;
        return outcome;
    }
    let specs = if args.is_empty() {
        match default_specs(root) {
            Ok(specs) => specs,
            Err(message) => {
                outcome.stderr = format!("error: {message}\n");
                outcome.code = 2;
                return outcome;
            }
        }
    } else {
        args.iter().map(|arg| locate(root, arg)).collect()
    };
    if specs.is_empty() {
        outcome.stderr = "lint: no specs/*.yaml to lint\n".to_string();
        return outcome;
    }
    let mut total = 0;
    for path in &specs {
        let display = display_path(root, path);
        match lint_file(path, &display) {
            Ok(findings) => {
                total += findings.len();
                for finding in findings {
                    outcome.stdout.push_str(&format!("{finding}\n"));
                }
            }
            Err(message) => {
                outcome.stderr.push_str(&format!("error: {message}\n"));
                outcome.code = 2;
            }
        }
    }
    let specs_word = if specs.len() == 1 { "spec" } else { "specs" };
    if total == 0 {
        outcome
            .stderr
            .push_str(&format!("lint: {} {specs_word} clean\n", specs.len()));
    } else {
        let findings_word = if total == 1 { "finding" } else { "findings" };
        outcome.stderr.push_str(&format!(
            "lint: {total} {findings_word} in {} {specs_word}\n",
            specs.len()
        ));
        if outcome.code == 0 {
            outcome.code = 1;
        }
    }
    outcome
}

/// Entry point for `cargo xtask lint`.
pub fn main(root: &Path, args: &[String]) -> ExitCode {
    let outcome = run(root, args);
    print!("{}", outcome.stdout);
    eprint!("{}", outcome.stderr);
    ExitCode::from(outcome.code)
}

/// Every `specs/*.yaml`, sorted.
pub fn default_specs(root: &Path) -> Result<Vec<PathBuf>, String> {
    let dir = root.join("specs");
    let entries = match std::fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(error) => return Err(format!("cannot list {}: {error}", dir.display())),
    };
    let mut specs: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| {
            path.extension()
                .is_some_and(|ext| ext == "yaml" || ext == "yml")
        })
        .collect();
    specs.sort();
    Ok(specs)
}

/// A command-line SPEC: an existing path, a path relative to the workspace root, or a service.
fn locate(root: &Path, arg: &str) -> PathBuf {
    let given = PathBuf::from(arg);
    if given.exists() {
        return given;
    }
    let under_root = root.join(arg);
    if under_root.exists() {
        return under_root;
    }
    let service = root.join("specs").join(format!("{arg}.yaml"));
    if !arg.contains(['/', '.']) && service.exists() {
        return service;
    }
    given
}

/// `path` relative to the workspace root when it is inside it, else as given.
fn display_path(root: &Path, path: &Path) -> String {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|cwd| cwd.join(path))
            .unwrap_or_else(|_| path.to_path_buf())
    };
    if let Ok(relative) = absolute.strip_prefix(root) {
        return relative.display().to_string();
    }
    let canonical = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    match canonical(&absolute).strip_prefix(canonical(root)) {
        Ok(relative) => relative.display().to_string(),
        Err(_) => path.display().to_string(),
    }
}

/// The text of a `description`/`summary`-like field, when present and not blank.
fn text(value: &Value, key: &str) -> Option<String> {
    value
        .get(key)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}
