//! The `x-drill` extension at the root of a spec, read once for the generator and the lint: what
//! `hwc drill` does with the service, the resources it works on and its ordered steps, each an
//! operation with its arguments, the exit it should end with and the checks and records over its
//! JSON answer (see `docs/maintainers/workflow.md`, "The drill").
//!
//! The generator embeds the extension, once it reads, as JSON in the command line's file of the
//! service (`DRILL`); `hwc drill` interprets it and names no service or operation itself.

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;

use crate::generate::GenError;
use crate::lint::waiter::{answer_schema, schema_at, state_schema};
use crate::lint::{Context, Rule};
use crate::openapi::{self as spec, deref};

/// The extension's name.
pub const X_DRILL: &str = "x-drill";

/// The exits a step may expect, by the names `hwc drill` knows (its `output::exit` codes).
pub const EXITS: [&str; 9] = [
    "done",
    "failed",
    "usage",
    "no-outcome",
    "deadline",
    "maybe-sent",
    "contradicted",
    "no-evidence",
    "nothing-runs",
];

/// How a step's command follows what it started: `--wait` or `--watch`.
pub const FOLLOWS: [&str; 2] = ["wait", "watch"];

/// A resource a drill works on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resource {
    /// Its name: `{name}` in a step, and `--name` of `hwc drill` when it has a `help`.
    pub name: String,
    /// The help of `hwc drill --name ID`: the resource is named with it against `--endpoint`.
    pub help: Option<String>,
    /// Where the embedded simulator's `SimInfo` (as JSON) has it: a JSON pointer.
    pub sim: Option<String>,
    /// Whether the drill runs without it (its steps left out) when the simulator has none.
    pub optional: bool,
}

/// What a value must be: the conditions a check or a `where` names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Condition {
    Equals(String),
    Differs(String),
    OneOf(Vec<String>),
    NoneOf(Vec<String>),
    Contains(String),
    Absent(bool),
}

/// One check over a JSON document (the step's answer, or an item of it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Check {
    /// `{at: /pointer, <condition>}`.
    Is { at: String, condition: Condition },
    /// `{record: {var: /pointer}}`.
    Record(Vec<(String, String)>),
    /// `{show: [/pointer]}`.
    Show(Vec<String>),
    /// `{pick: ITEMS, where, unique, then, else}` and `{every: ITEMS, where, then}`.
    Items {
        every: bool,
        items: String,
        filter: Vec<Check>,
        unique: bool,
        then: Vec<Check>,
        otherwise: Vec<Check>,
    },
}

/// One step of a drill.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    pub title: String,
    /// The operation, by `operationId`.
    pub operation: String,
    /// The command line after `hwc <service> <operation>`: `--flag`, value, ...
    pub args: Vec<String>,
    /// The request body, given as `--json-body FILE`.
    pub body: Option<Value>,
    /// `wait` or `watch`.
    pub follow: Option<String>,
    /// The exit it should end with, by name.
    pub expect: String,
    pub checks: Vec<Check>,
}

/// A spec's `x-drill`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Drill {
    /// The fields of an answer that say in a few words what happened (JSON pointers).
    pub summary: Vec<String>,
    pub resources: Vec<Resource>,
    pub steps: Vec<Step>,
}

fn keys(v: &Value, known: &[&str], at: &str) -> Result<(), String> {
    let map = v
        .as_object()
        .ok_or_else(|| format!("{at}: must be a map, not {v}"))?;
    match map.keys().find(|k| !known.contains(&k.as_str())) {
        Some(unknown) => Err(format!(
            "{at}: unknown key `{unknown}` (known: {})",
            known.join(", ")
        )),
        None => Ok(()),
    }
}

fn string(v: &Value, key: &str, at: &str) -> Result<String, String> {
    v.get(key)
        .and_then(Value::as_str)
        .map(str::to_owned)
        .ok_or_else(|| format!("{at}: `{key}` must be a string"))
}

fn opt_string(v: &Value, key: &str, at: &str) -> Result<Option<String>, String> {
    v.get(key).map(|_| string(v, key, at)).transpose()
}

fn bool_of(v: &Value, key: &str, at: &str) -> Result<bool, String> {
    match v.get(key) {
        None => Ok(false),
        Some(Value::Bool(b)) => Ok(*b),
        Some(other) => Err(format!("{at}: `{key}` must be true or false, not {other}")),
    }
}

/// A string, or a list of strings.
fn strings(v: &Value, at: &str) -> Result<Vec<String>, String> {
    match v {
        Value::String(s) => Ok(vec![s.clone()]),
        Value::Array(items) => items
            .iter()
            .map(|i| {
                i.as_str()
                    .map(str::to_owned)
                    .ok_or_else(|| format!("{at}: lists {i}, not a string"))
            })
            .collect(),
        other => Err(format!("{at}: a string or a list of strings, not {other}")),
    }
}

/// A JSON pointer with `*` for every array element: empty (the value itself) or `/...`.
fn pointer(text: &str, at: &str) -> Result<String, String> {
    if text.is_empty() || text.starts_with('/') {
        Ok(text.to_owned())
    } else {
        Err(format!(
            "{at}: `{text}` is not a JSON pointer (`/field/*/field`, or empty for the value itself)"
        ))
    }
}

fn checks(v: Option<&Value>, at: &str) -> Result<Vec<Check>, String> {
    match v {
        None => Ok(Vec::new()),
        Some(Value::Array(items)) => items
            .iter()
            .enumerate()
            .map(|(i, c)| check(c, &format!("{at}/{i}")))
            .collect(),
        Some(other) => Err(format!("{at}: must be a list of checks, not {other}")),
    }
}

const CONDITIONS: [&str; 6] = [
    "equals", "differs", "one-of", "none-of", "contains", "absent",
];

fn check(v: &Value, at: &str) -> Result<Check, String> {
    let map = v
        .as_object()
        .ok_or_else(|| format!("{at}: a check is a map, not {v}"))?;
    if map.contains_key("pick") || map.contains_key("every") {
        let every = map.contains_key("every");
        let kind = if every { "every" } else { "pick" };
        let known: &[&str] = if every {
            &["every", "where", "then"]
        } else {
            &["pick", "where", "unique", "then", "else"]
        };
        keys(v, known, at)?;
        let items = string(v, kind, at)?;
        if !items.starts_with('/') && !items.starts_with('{') {
            return Err(format!(
                "{at}: `{kind}` is a JSON pointer with `*` (`/list/*`) or a recorded list \
                 (`{{name}}`), not `{items}`"
            ));
        }
        if items.starts_with('/') && !items.contains('*') {
            return Err(format!(
                "{at}: `{items}` names no items: a pointer to pick from has a `*`"
            ));
        }
        return Ok(Check::Items {
            every,
            items,
            filter: checks(map.get("where"), &format!("{at}/where"))?,
            unique: bool_of(v, "unique", at)?,
            then: checks(map.get("then"), &format!("{at}/then"))?,
            otherwise: checks(map.get("else"), &format!("{at}/else"))?,
        });
    }
    if let Some(record) = map.get("record") {
        keys(v, &["record"], at)?;
        let record = record
            .as_object()
            .filter(|m| !m.is_empty())
            .ok_or_else(|| format!("{at}: `record` is a map of names to JSON pointers"))?;
        return record
            .iter()
            .map(|(name, p)| {
                let p = p
                    .as_str()
                    .ok_or_else(|| format!("{at}: `record/{name}` must be a JSON pointer"))?;
                Ok((name.clone(), pointer(p, at)?))
            })
            .collect::<Result<_, String>>()
            .map(Check::Record);
    }
    if let Some(show) = map.get("show") {
        keys(v, &["show"], at)?;
        return strings(show, &format!("{at}/show"))?
            .iter()
            .map(|p| pointer(p, at))
            .collect::<Result<_, _>>()
            .map(Check::Show);
    }
    let mut known = vec!["at"];
    known.extend(CONDITIONS);
    keys(v, &known, at)?;
    let at_pointer = pointer(&opt_string(v, "at", at)?.unwrap_or_default(), at)?;
    let named: Vec<&str> = CONDITIONS
        .into_iter()
        .filter(|c| map.contains_key(*c))
        .collect();
    let [name] = named[..] else {
        return Err(format!(
            "{at}: a check is `pick`, `every`, `record`, `show`, or `at` with exactly one of {} \
             (has {})",
            CONDITIONS.join(", "),
            if named.is_empty() {
                "none".to_owned()
            } else {
                named.join(", ")
            }
        ));
    };
    let condition = match name {
        "equals" => Condition::Equals(string(v, name, at)?),
        "differs" => Condition::Differs(string(v, name, at)?),
        "contains" => Condition::Contains(string(v, name, at)?),
        "one-of" => Condition::OneOf(strings(&map[name], &format!("{at}/{name}"))?),
        "none-of" => Condition::NoneOf(strings(&map[name], &format!("{at}/{name}"))?),
        _ => match &map[name] {
            Value::Bool(b) => Condition::Absent(*b),
            other => return Err(format!("{at}: `absent` is true or false, not {other}")),
        },
    };
    Ok(Check::Is {
        at: at_pointer,
        condition,
    })
}

fn step(v: &Value, at: &str) -> Result<Step, String> {
    keys(
        v,
        &[
            "title",
            "operation",
            "args",
            "body",
            "follow",
            "expect",
            "checks",
        ],
        at,
    )?;
    let args = match v.get("args") {
        None => Vec::new(),
        Some(a) => strings(a, &format!("{at}/args"))?,
    };
    let follow = opt_string(v, "follow", at)?;
    if let Some(f) = &follow
        && !FOLLOWS.contains(&f.as_str())
    {
        return Err(format!("{at}: `follow` is `wait` or `watch`, not `{f}`"));
    }
    let expect = opt_string(v, "expect", at)?.unwrap_or_else(|| "done".to_owned());
    if !EXITS.contains(&expect.as_str()) {
        return Err(format!(
            "{at}: `expect` is one of {}, not `{expect}`",
            EXITS.join(", ")
        ));
    }
    Ok(Step {
        title: string(v, "title", at)?,
        operation: string(v, "operation", at)?,
        args,
        body: v.get("body").cloned(),
        follow,
        expect,
        checks: checks(v.get("checks"), &format!("{at}/checks"))?,
    })
}

/// Reads a spec's `x-drill` (the value of the key); errors name where, as a JSON pointer under it.
pub fn parse(v: &Value) -> Result<Drill, String> {
    let at = format!("/{X_DRILL}");
    keys(v, &["summary", "resources", "steps"], &at)?;
    let summary = match v.get("summary") {
        None => Vec::new(),
        Some(s) => strings(s, &format!("{at}/summary"))?
            .iter()
            .map(|p| pointer(p, &format!("{at}/summary")))
            .collect::<Result<_, _>>()?,
    };
    let list = |key: &str| match v.get(key) {
        None => Ok(&[][..]),
        Some(Value::Array(items)) => Ok(&items[..]),
        Some(other) => Err(format!("{at}/{key}: must be a list, not {other}")),
    };
    let mut resources = Vec::new();
    for (i, r) in list("resources")?.iter().enumerate() {
        let at = format!("{at}/resources/{i}");
        keys(r, &["name", "help", "sim", "optional"], &at)?;
        let name = string(r, "name", &at)?;
        if !is_name(&name) {
            return Err(format!(
                "{at}: `{name}` is not a name (letters, digits, `-` and `_`)"
            ));
        }
        resources.push(Resource {
            name,
            help: opt_string(r, "help", &at)?,
            sim: opt_string(r, "sim", &at)?
                .map(|p| pointer(&p, &at))
                .transpose()?,
            optional: bool_of(r, "optional", &at)?,
        });
    }
    let steps = list("steps")?
        .iter()
        .enumerate()
        .map(|(i, s)| step(s, &format!("{at}/steps/{i}")))
        .collect::<Result<_, _>>()?;
    Ok(Drill {
        summary,
        resources,
        steps,
    })
}

fn is_name(text: &str) -> bool {
    !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// What a template (`{name}`, `{/pointer}`, nested innermost first) refers to: the names of the
/// values it takes, with a nested `{/pointer}` written `*` (`az_{/name}` is `az_*`), and whether
/// it reads the current item (`{/pointer}`).
pub fn references(template: &str) -> (Vec<String>, bool) {
    let mut text = template.to_owned();
    let mut names = Vec::new();
    let mut reads_item = false;
    while let Some(close) = text.find('}') {
        let Some(open) = text[..close].rfind('{') else {
            break;
        };
        let inner = &text[open + 1..close];
        let replacement = if inner.starts_with('/') || inner.is_empty() {
            reads_item = true;
            "*".to_owned()
        } else {
            names.push(inner.to_owned());
            "\u{1}".to_owned()
        };
        text.replace_range(open..=close, &replacement);
    }
    (names, reads_item)
}

/// A record's name as [`references`] writes a use of it.
fn name_pattern(name: &str) -> String {
    let mut text = name.to_owned();
    while let Some(close) = text.find('}') {
        let Some(open) = text[..close].rfind('{') else {
            break;
        };
        text.replace_range(open..=close, "*");
    }
    text
}

/// The JSON `hwc drill` reads: the spec's `x-drill` once it reads (`{}` without one), pretty.
pub fn table_json(spec_path: &Path, raw: &Value) -> Result<String, GenError> {
    let Some(v) = raw.get(X_DRILL) else {
        return Ok("{}".to_owned());
    };
    let fail = |message: String| GenError {
        spec: spec_path.display().to_string(),
        operation: None,
        message,
    };
    parse(v).map_err(fail)?;
    let json = serde_json::to_string_pretty(v).map_err(|e| fail(format!("{X_DRILL}: {e}")))?;
    if json.contains("\"##") {
        return Err(fail(format!(
            "{X_DRILL}: a string holds `\"##`, which the generated raw string cannot"
        )));
    }
    Ok(json)
}

/// `drill`: the spec's `x-drill` reads, and agrees with the spec: its operations exist and take
/// its arguments and body, every name it uses is a resource or was recorded before, and every
/// pointer it reads exists in the schema of the answer.
pub fn lint(cx: &mut Context, root: &Value) {
    let Some(raw) = root.get(X_DRILL) else {
        return;
    };
    let at = format!("/{X_DRILL}");
    let drill = match parse(raw) {
        Ok(drill) => drill,
        Err(e) => {
            let pointer = e.split(':').next().unwrap_or(&at).to_owned();
            cx.report(&pointer, Rule::Drill, e);
            return;
        }
    };
    for p in &drill.summary {
        let answered = spec::operations(root)
            .iter()
            .filter_map(|op| answer_schema(root, op))
            .any(|s| schema_at(root, s, p).is_some());
        if !answered {
            cx.report(
                &format!("{at}/summary"),
                Rule::Drill,
                format!("`{p}` is in no operation's answer"),
            );
        }
    }
    let mut known: BTreeSet<String> = BTreeSet::new();
    for (i, r) in drill.resources.iter().enumerate() {
        if !known.insert(r.name.clone()) {
            cx.report(
                &format!("{at}/resources/{i}"),
                Rule::Drill,
                format!("resource `{}` is declared twice", r.name),
            );
        }
        if r.help.is_none() && r.sim.is_none() {
            cx.report(
                &format!("{at}/resources/{i}"),
                Rule::Drill,
                format!(
                    "resource `{}` has neither a `help` (a flag) nor a `sim` (the simulator's): \
                     nothing can give it",
                    r.name
                ),
            );
        }
    }
    for (i, step) in drill.steps.iter().enumerate() {
        let at = format!("{at}/steps/{i}");
        let mut report = |message: String| cx.report(&at, Rule::Drill, message);
        let Some(op) = spec::operations(root).into_iter().find(|o| {
            o.value.get("operationId").and_then(Value::as_str) == Some(step.operation.as_str())
        }) else {
            report(format!(
                "`{}` is not an operation of this spec",
                step.operation
            ));
            continue;
        };
        // Arguments: `--flag value` pairs, each flag a parameter or a body field.
        let flags = flags_of(root, &op);
        let mut pairs = step.args.chunks(2);
        for pair in pairs.by_ref() {
            match pair {
                [flag, value] if flag.starts_with("--") => {
                    if !flags.contains(&flag[2..].to_owned()) {
                        report(format!(
                            "`{}` has no argument `{flag}` (it has {})",
                            step.operation,
                            flags
                                .iter()
                                .map(|f| format!("--{f}"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ));
                    }
                    uses(value, &known, false, &mut report);
                }
                other => report(format!(
                    "`args` are `--flag`, value pairs: `{}` is not",
                    other.join(" ")
                )),
            }
        }
        if let Some(body) = &step.body {
            let schema = op
                .value
                .pointer("/requestBody/content/application~1json/schema");
            match (schema, body.as_object()) {
                (Some(schema), Some(fields)) => {
                    for field in fields.keys() {
                        if schema_at(root, schema, &format!("/{field}")).is_none() {
                            report(format!(
                                "`body`: `{field}` is not a field of `{}`'s request body",
                                step.operation
                            ));
                        }
                    }
                }
                (None, _) => report(format!(
                    "`body`: `{}` takes no JSON request body",
                    step.operation
                )),
                (_, None) => report("`body` must be a map".to_owned()),
            }
            for text in body_strings(body) {
                uses(&text, &known, false, &mut report);
            }
        }
        // The documents the step may print: the answer, or with `follow` the waiter's state.
        let mut answers: Vec<&Value> = answer_schema(root, &op).into_iter().collect();
        if let Some(follow) = &step.follow {
            match op
                .value
                .get(crate::waiter::X_WAITER)
                .map(|w| crate::waiter::parse(&step.operation, w))
            {
                Some(Ok(w)) if &w.flag == follow => {
                    answers.extend(state_schema(root, &w));
                    if let Some(poll) = spec::operations(root).into_iter().find(|o| {
                        o.value.get("operationId").and_then(Value::as_str)
                            == Some(w.poll.operation.as_str())
                    }) {
                        answers.extend(answer_schema(root, &poll));
                    }
                }
                Some(Ok(w)) => report(format!(
                    "`follow: {follow}`, but `{}`'s waiter is followed with `--{}`",
                    step.operation, w.flag
                )),
                _ => report(format!(
                    "`follow: {follow}`, but `{}` has no `{}`",
                    step.operation,
                    crate::waiter::X_WAITER
                )),
            }
        }
        let schemas: Vec<Option<&Value>> = if answers.is_empty() {
            vec![None]
        } else {
            answers.into_iter().map(Some).collect()
        };
        let mut recorded = Vec::new();
        walk(
            root,
            &step.checks,
            &schemas,
            &known,
            &mut recorded,
            &mut report,
        );
        known.extend(recorded);
    }
}

/// Every string of a body, where templates may be.
fn body_strings(v: &Value) -> Vec<String> {
    match v {
        Value::String(s) => vec![s.clone()],
        Value::Array(items) => items.iter().flat_map(body_strings).collect(),
        Value::Object(map) => map.values().flat_map(body_strings).collect(),
        _ => Vec::new(),
    }
}

/// The flags of an operation's command: its parameters and JSON body fields, kebab-case, and
/// `json-body`.
fn flags_of(root: &Value, op: &spec::Operation) -> Vec<String> {
    use heck::{ToKebabCase, ToSnakeCase};
    let mut flags: Vec<String> = op
        .parameters(root)
        .iter()
        .filter_map(|p| p.value.get("name").and_then(Value::as_str))
        .map(|n| n.to_snake_case().to_kebab_case())
        .collect();
    if let Some(schema) = op
        .value
        .pointer("/requestBody/content/application~1json/schema")
        .and_then(|s| deref(root, s, ""))
    {
        flags.extend(
            schema
                .0
                .get("properties")
                .and_then(Value::as_object)
                .into_iter()
                .flatten()
                .map(|(k, _)| k.to_kebab_case()),
        );
        flags.push("json-body".to_owned());
    }
    flags
}

/// Reports a template's names that are neither resources nor recorded before it; `item`: the
/// template is read where `{/pointer}` has an item.
fn uses(template: &str, known: &BTreeSet<String>, item: bool, report: &mut dyn FnMut(String)) {
    let (names, reads_item) = references(template);
    for name in names {
        let pattern = name.replace('\u{1}', "*");
        if !known.contains(&pattern) {
            report(format!(
                "`{{{name}}}` (in `{template}`) is neither a resource nor recorded by an earlier \
                 check"
            ));
        }
    }
    if reads_item && !item {
        report(format!(
            "`{template}` reads `{{/pointer}}` where there is no answer to read"
        ));
    }
}

/// Checks a list of checks against the schemas the value they read may have (`None`: unknown,
/// a recorded list's item); what they record goes into `recorded`.
fn walk(
    root: &Value,
    checks: &[Check],
    schemas: &[Option<&Value>],
    known: &BTreeSet<String>,
    recorded: &mut Vec<String>,
    report: &mut dyn FnMut(String),
) {
    let exists = |p: &str| {
        schemas
            .iter()
            .any(|s| s.is_none_or(|s| schema_at(root, s, p).is_some()))
    };
    let pointer_exists = |p: &str, report: &mut dyn FnMut(String)| {
        if !exists(p) {
            report(format!("`{p}` is not in the answer's schema"));
        }
    };
    for check in checks {
        let scope: BTreeSet<String> = known.iter().cloned().chain(recorded.clone()).collect();
        match check {
            Check::Is { at, condition } => {
                pointer_exists(at, report);
                let values: Vec<&String> = match condition {
                    Condition::Equals(v) | Condition::Differs(v) | Condition::Contains(v) => {
                        vec![v]
                    }
                    Condition::OneOf(v) | Condition::NoneOf(v) => v.iter().collect(),
                    Condition::Absent(_) => Vec::new(),
                };
                for v in values {
                    uses(v, &scope, true, report);
                }
            }
            Check::Record(entries) => {
                for (name, p) in entries {
                    pointer_exists(p, report);
                    uses(name, &scope, true, report);
                    recorded.push(name_pattern(name));
                }
            }
            Check::Show(pointers) => {
                for p in pointers {
                    pointer_exists(p, report);
                }
            }
            Check::Items {
                items,
                filter,
                then,
                otherwise,
                ..
            } => {
                let inner: Vec<Option<&Value>> = if items.starts_with('/') {
                    pointer_exists(items, report);
                    schemas
                        .iter()
                        .filter_map(|s| match s {
                            None => Some(None),
                            Some(s) => schema_at(root, s, items).map(Some),
                        })
                        .collect()
                } else {
                    uses(items, &scope, false, report);
                    vec![None]
                };
                let inner = if inner.is_empty() { vec![None] } else { inner };
                let mut scratch = Vec::new();
                walk(root, filter, &inner, &scope, &mut scratch, report);
                walk(root, then, &inner, &scope, recorded, report);
                walk(root, otherwise, schemas, &scope, recorded, report);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_name_values_and_nested_pointers() {
        assert_eq!(references("{a}-{b}"), (vec!["a".into(), "b".into()], false));
        assert_eq!(references("{az_{/name}}"), (vec!["az_*".into()], true));
        assert_eq!(references("{/id}"), (vec![], true));
        assert_eq!(references("plain"), (vec![], false));
        assert_eq!(name_pattern("az_{/name}"), "az_*");
    }

    #[test]
    fn a_check_needs_exactly_one_condition() {
        let bad = serde_json::json!({"steps": [{"title": "t", "operation": "X",
            "checks": [{"at": "/a", "equals": "1", "absent": true}]}]});
        assert!(parse(&bad).unwrap_err().contains("exactly one of"));
        let good = serde_json::json!({"steps": [{"title": "t", "operation": "X",
            "checks": [{"pick": "/a/*", "where": [{"at": "/b", "equals": "1"}],
                        "then": [{"record": {"x": "/c"}}]}]}]});
        assert!(parse(&good).is_ok());
        let unknown = serde_json::json!({"steps": [{"title": "t", "operation": "X",
            "expect": "fine"}]});
        assert!(parse(&unknown).unwrap_err().contains("`expect` is one of"));
    }
}
