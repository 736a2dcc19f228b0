//! `drill`: the spec's `x-drill` (what `hwc drill` does with the service) reads, and agrees with
//! the spec.

use std::collections::BTreeSet;

use serde_json::Value;

use super::waiter::{answer_schema, schema_at, state_schema};
use super::{Context, Rule};
use crate::drill::*;
use crate::openapi::{self as spec, deref};

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
