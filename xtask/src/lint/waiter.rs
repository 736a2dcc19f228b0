//! `waiter`: each `x-waiter` is well formed and agrees with its spec: the operations it reads
//! exist and take the parameters it sets, every JSON pointer it reads exists in the schema of
//! the answer it points into, the states it names are values of the state's schema, it has a
//! failure state, a read that carries no id of the start has a baseline, and the deadline leaves
//! room for a poll; each `look` read is idempotent, takes the parameters and body it sets, and
//! shows what its answer has.

use serde_json::Value;

use super::{Context, Rule};
use crate::openapi::{self as spec, deref};
use crate::waiter::{
    Condition, Paging, Read, Source, Template, Waiter, X_NO_WAITER, X_WAITER, parse,
};

/// The schema a JSON pointer (with `*` for every array element) reaches from `schema`, if every
/// step exists (through `$ref`s, `properties` and `items`).
pub fn schema_at<'a>(root: &'a Value, schema: &'a Value, pointer: &str) -> Option<&'a Value> {
    let mut current = deref(root, schema, "")?.0;
    for segment in pointer.split('/').skip(1) {
        current = if segment == "*" {
            deref(root, current.get("items")?, "")?.0
        } else {
            deref(root, current.get("properties")?.get(segment)?, "")?.0
        };
    }
    Some(current)
}

/// The operation with this `operationId`.
fn operation<'a>(root: &'a Value, id: &str) -> Option<spec::Operation<'a>> {
    spec::operations(root)
        .into_iter()
        .find(|o| o.value.get("operationId").and_then(Value::as_str) == Some(id))
}

/// The schema of an operation's first 2xx JSON answer.
pub fn answer_schema<'a>(root: &'a Value, op: &spec::Operation<'a>) -> Option<&'a Value> {
    let responses = op.value.get("responses")?.as_object()?;
    responses
        .iter()
        .filter(|(status, _)| spec::is_success_status(status))
        .find_map(|(_, r)| {
            deref(root, r, "")?
                .0
                .pointer("/content/application~1json/schema")
        })
}

/// The schema of the state the waiter reads: the poll's answer, or one task of it.
pub fn state_schema<'a>(root: &'a Value, w: &Waiter) -> Option<&'a Value> {
    let op = operation(root, &w.poll.operation)?;
    let answer = answer_schema(root, &op)?;
    match &w.tasks {
        None => Some(answer),
        Some(t) => schema_at(root, answer, &format!("{}/*", t.items)),
    }
}

pub fn check(cx: &mut Context, root: &Value) {
    for op in spec::operations(root) {
        let no_waiter = op.value.get(X_NO_WAITER);
        if let Some(why) = no_waiter
            && why.as_str().is_none_or(|w| w.trim().is_empty())
        {
            cx.report(
                &format!("{}/{X_NO_WAITER}", op.pointer),
                Rule::Waiter,
                format!("`{X_NO_WAITER}` says, in words, why the operation is not followed"),
            );
        }
        let Some(raw) = op.value.get(X_WAITER) else {
            if op.value.get("x-idempotent").and_then(Value::as_bool) == Some(false)
                && no_waiter.is_none()
            {
                cx.report(
                    &op.pointer,
                    Rule::Waiter,
                    format!(
                        "a non-idempotent operation declares no `{X_WAITER}` (how it is \
                         followed, what proves its outcome, where evidence of a lost answer is \
                         looked for), nor `{X_NO_WAITER}: <why>`"
                    ),
                );
            }
            continue;
        };
        if no_waiter.is_some() {
            cx.report(
                &op.pointer,
                Rule::Waiter,
                format!("both `{X_WAITER}` and `{X_NO_WAITER}`: one or the other"),
            );
        }
        let at = format!("{}/{X_WAITER}", op.pointer);
        let id = op
            .value
            .get("operationId")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let w = match parse(id, raw) {
            Ok(w) => w,
            Err(e) => {
                cx.report(&at, Rule::Waiter, e);
                continue;
            }
        };
        let mut report = |message: String| cx.report(&at, Rule::Waiter, message);
        let params_of = |o: &spec::Operation| -> Vec<String> {
            o.parameters(root)
                .iter()
                .filter_map(|p| p.value.get("name").and_then(Value::as_str))
                .map(str::to_owned)
                .collect()
        };
        let start_params = params_of(&op);
        let start_answer = answer_schema(root, &op);
        let start_body = op
            .value
            .pointer("/requestBody/content/application~1json/schema");
        // Where each value comes from exists.
        let sources = |source: &Source, what: &str, report: &mut dyn FnMut(String)| match source {
            Source::Param(p) if !start_params.contains(p) => {
                report(format!("{what}: `{id}` has no parameter `{p}`"))
            }
            Source::Answer(p) if start_answer.is_none_or(|s| schema_at(root, s, p).is_none()) => {
                report(format!("{what}: `{p}` is not in `{id}`'s answer"))
            }
            Source::Body(p) if start_body.is_none_or(|s| schema_at(root, s, p).is_none()) => {
                report(format!("{what}: `{p}` is not in `{id}`'s request body"))
            }
            _ => {}
        };
        let paging =
            |what: &str, read: &str, p: &Paging, answer: &Value, report: &mut dyn FnMut(String)| {
                let names = operation(root, read)
                    .map(|o| params_of(&o))
                    .unwrap_or_default();
                for param in [&p.offset, &p.limit] {
                    if !names.contains(param) {
                        report(format!(
                            "{what} paging: `{read}` has no parameter `{param}`"
                        ));
                    }
                }
                if schema_at(root, answer, &p.total).is_none() {
                    report(format!(
                        "{what} paging: `{}` is not in `{read}`'s answer",
                        p.total
                    ));
                }
            };
        let read = |r: &Read, what: &str, report: &mut dyn FnMut(String)| -> Option<&Value> {
            let Some(target) = operation(root, &r.operation) else {
                report(format!(
                    "{what} reads `{}`, which this spec does not have",
                    r.operation
                ));
                return None;
            };
            if target.value.get("x-idempotent").and_then(Value::as_bool) != Some(true) {
                report(format!(
                    "{what} reads `{}`, which is not idempotent",
                    r.operation
                ));
            }
            let names = params_of(&target);
            for (name, source) in &r.params {
                if !names.contains(name) {
                    report(format!(
                        "{what}: `{}` has no parameter `{name}`",
                        r.operation
                    ));
                }
                sources(source, &format!("{what} parameter `{name}`"), report);
            }
            answer_schema(root, &target)
        };
        let poll_answer = read(&w.poll, "poll", &mut report);
        let state = state_schema(root, &w);
        if let Some(answer) = poll_answer
            && let Some(t) = &w.tasks
        {
            {
                if schema_at(root, answer, &format!("{}/*", t.items)).is_none() {
                    report(format!(
                        "tasks: `{}` is not an array in `{}`'s answer",
                        t.items, w.poll.operation
                    ));
                }
                if let Some(p) = &t.paging {
                    paging("tasks", &w.poll.operation, p, answer, &mut report);
                }
            }
        }
        match state {
            None => report(format!(
                "`{}`'s answer has no schema to read the state from",
                w.poll.operation
            )),
            Some(s) => {
                if let Some(t) = &w.tasks
                    && schema_at(root, s, &t.key).is_none()
                {
                    report(format!("tasks: the key `{}` is not in a task", t.key));
                }
                match schema_at(root, s, &w.state) {
                    None => report(format!("state: `{}` is not in the state's schema", w.state)),
                    Some(field) => {
                        let values: Option<Vec<&str>> = field
                            .get("x-extensible-enum")
                            .or_else(|| field.get("enum"))
                            .and_then(Value::as_array)
                            .map(|v| v.iter().filter_map(Value::as_str).collect());
                        if let Some(values) = values {
                            for state in w.success.iter().chain(&w.failure).chain(&w.pending) {
                                if !values.contains(&state.as_str()) {
                                    report(format!(
                                        "state `{state}` is not a value of `{}`",
                                        w.state
                                    ));
                                }
                            }
                        }
                    }
                }
            }
        }
        let in_state = |p: &str| state.is_some_and(|s| schema_at(root, s, p).is_some());
        for p in &w.reasons {
            let in_answer = start_answer.is_some_and(|s| schema_at(root, s, p).is_some());
            if !in_state(p) && !in_answer {
                report(format!(
                    "reasons: `{p}` is in neither the state's schema nor `{id}`'s answer"
                ));
            }
        }
        if let Some(p) = &w.progress {
            for pointer in [Some(&p.total), Some(&p.done), p.current.as_ref()]
                .into_iter()
                .flatten()
            {
                if !in_state(pointer) {
                    report(format!(
                        "progress: `{pointer}` is not in the state's schema"
                    ));
                }
            }
        }
        if w.success.is_empty() {
            report("no `success` state".into());
        }
        if w.failure.is_empty() {
            report(
                "no `failure` state: a failure would read as \"still running\" until the deadline"
                    .into(),
            );
        }
        if let Some(both) = w.success.iter().find(|s| w.failure.contains(s)) {
            report(format!("`{both}` is both a success and a failure"));
        }
        let carries_id = w
            .poll
            .params
            .iter()
            .any(|(_, s)| matches!(s, Source::Answer(_)));
        // A start that answers no body is done when it answers: its answer is its outcome, and
        // the poll only sees the target settle.
        let answers_body = start_answer.is_some();
        if w.flag == "wait" && !carries_id && w.baseline == "none" && answers_body {
            report(format!(
                "`{}` carries no id of what `{id}` started (no parameter from its answer): declare a \
                 `baseline` (leave, new-item) so that an earlier operation's outcome is not taken \
                 for this one's",
                w.poll.operation
            ));
        }
        let resolvable = w.evidence.is_some()
            || (!carries_id && (w.baseline == "leave" || w.baseline == "new-item"));
        if w.flag == "wait" && !resolvable {
            report(format!(
                "a lost answer cannot be resolved: `{}` needs an id from `{id}`'s answer, so \
                 declare `evidence` (a read listing records of what was performed, listed before \
                 sending)",
                w.poll.operation
            ));
        }
        if let Some(e) = &w.evidence {
            if let Some(answer) = read(&e.read, "evidence", &mut report) {
                match schema_at(root, answer, &format!("{}/*", e.tasks.items)) {
                    None => report(format!(
                        "evidence: `{}` is not an array in `{}`'s answer",
                        e.tasks.items, e.read.operation
                    )),
                    Some(item) => {
                        let paths = std::iter::once(&e.tasks.key)
                            .chain(std::iter::once(&e.state))
                            .chain(e.matches.iter().map(|c| &c.path));
                        for path in paths {
                            if schema_at(root, item, path).is_none() {
                                report(format!(
                                    "evidence: `{path}` is not in a record of `{}`",
                                    e.tasks.items
                                ));
                            }
                        }
                    }
                }
                if let Some(p) = &e.tasks.paging {
                    paging("evidence", &e.read.operation, p, answer, &mut report);
                }
            }
            for c in &e.matches {
                sources(&c.equals, "evidence", &mut report);
            }
            if e.success.is_empty() || e.failure.is_empty() {
                report("evidence: a record needs `success` and `failure` states".into());
            }
        }
        if w.baseline == "new-item" && w.tasks.is_none() {
            report("`baseline: new-item` needs `tasks`".into());
        }
        if w.flag == "watch" && w.baseline != "running-item" && w.baseline != "none" {
            report("a watch has no start: its baseline is `running-item`".into());
        }
        if w.flag == "wait" && op.value.get("x-idempotent").and_then(Value::as_bool) != Some(false)
        {
            report("`flag: wait` is for a start, which is not idempotent".into());
        }
        if w.deadline_secs <= 1 {
            report(format!(
                "the deadline ({} s) leaves no room for a second poll (1 s)",
                w.deadline_secs
            ));
        }
        for (i, c) in w.reject.iter().enumerate() {
            if start_answer.is_none_or(|s| schema_at(root, s, &c.path).is_none()) {
                report(format!(
                    "reject/{i}: `{}` is not in `{id}`'s answer",
                    c.path
                ));
            }
            sources(&c.equals, &format!("reject/{i}"), &mut report);
        }
        if w.look.is_empty() && w.flag == "wait" {
            report(
                "no `look`: what a person confirming the start at a terminal is shown of its \
                 target, and what makes the target busy"
                    .into(),
            );
        }
        if !w.look.is_empty() && w.flag != "wait" {
            report("`look` is read before a start: it is for `flag: wait`".into());
        }
        for (i, l) in w.look.iter().enumerate() {
            let what = format!("look/{i}");
            let answer = read(&l.read, &what, &mut report);
            let Some(target) = operation(root, &l.read.operation) else {
                continue;
            };
            // Every required parameter is set (the client's project is always used).
            for p in target.parameters(root) {
                let name = p.value.get("name").and_then(Value::as_str).unwrap_or("");
                if p.value.get("required").and_then(Value::as_bool) == Some(true)
                    && name != "project_id"
                    && !l.read.params.iter().any(|(n, _)| n == name)
                {
                    report(format!(
                        "{what}: `{}` needs the parameter `{name}`",
                        l.read.operation
                    ));
                }
            }
            let request = target
                .value
                .pointer("/requestBody/content/application~1json/schema");
            let body_required = target
                .value
                .pointer("/requestBody/required")
                .and_then(Value::as_bool)
                == Some(true);
            match (&l.body, request) {
                (None, Some(_)) if body_required => report(format!(
                    "{what}: `{}` needs a request body (`body`)",
                    l.read.operation
                )),
                (Some(_), None) => report(format!(
                    "{what}: `{}` takes no request body",
                    l.read.operation
                )),
                (Some(t), Some(schema)) => {
                    let mut leaves = Vec::new();
                    template_paths(t, String::new(), &mut leaves);
                    for (path, source) in leaves {
                        if schema_at(root, schema, &path).is_none() {
                            report(format!(
                                "{what} body: `{path}` is not in `{}`'s request body",
                                l.read.operation
                            ));
                        }
                        if let Some(source) = source {
                            sources(source, &format!("{what} body `{path}`"), &mut report);
                        }
                    }
                }
                _ => {}
            }
            let Some(answer) = answer else { continue };
            let pointers = l
                .show
                .iter()
                .chain(&l.name)
                .chain(l.busy.iter().map(|b| &b.path));
            for p in pointers {
                if schema_at(root, answer, p).is_none() {
                    report(format!(
                        "{what}: `{p}` is not in `{}`'s answer",
                        l.read.operation
                    ));
                }
            }
        }
        if let Some(v) = &w.verify {
            let answer = read(&v.read, "verify", &mut report);
            if let Some(answer) = answer {
                match schema_at(
                    root,
                    answer,
                    v.items.trim_end_matches("/*").trim_end_matches('/'),
                )
                .and_then(|_| schema_at(root, answer, &v.items))
                {
                    None => report(format!(
                        "verify: `{}` is not in `{}`'s answer",
                        v.items, v.read.operation
                    )),
                    Some(item) => {
                        let conditions: Vec<&Condition> =
                            v.select.iter().chain(std::iter::once(&v.expect)).collect();
                        for path in
                            std::iter::once(&v.key).chain(conditions.iter().map(|c| &c.path))
                        {
                            if schema_at(root, item, path).is_none() {
                                report(format!(
                                    "verify: `{path}` is not in an item of `{}`",
                                    v.items
                                ));
                            }
                        }
                    }
                }
            }
            for c in v.select.iter().chain(std::iter::once(&v.expect)) {
                sources(&c.equals, "verify", &mut report);
            }
        }
    }
}

/// Every leaf of a body template, as a pointer (`*` for a list's element), with its source
/// unless it is a literal.
fn template_paths<'t>(t: &'t Template, at: String, out: &mut Vec<(String, Option<&'t Source>)>) {
    match t {
        Template::Value(s) => out.push((at, Some(s))),
        Template::Literal(_) => out.push((at, None)),
        Template::List(items) => {
            for item in items {
                template_paths(item, format!("{at}/*"), out);
            }
        }
        Template::Map(entries) => {
            for (k, v) in entries {
                template_paths(v, format!("{at}/{k}"), out);
            }
        }
    }
}
