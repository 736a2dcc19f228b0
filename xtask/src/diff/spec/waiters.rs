//! Changes to the `x-waiter`s: one added, removed or changed, and a status value or field that a
//! waiter of the base reads and the head no longer has (breaking: it would wait for a state
//! that never comes, or prove nothing). And a change to the spec's `x-drill`.

use std::collections::BTreeMap;

use serde_json::Value;

use super::{ChangeId, Differ, Site};
use crate::lint::waiter::{answer_schema, schema_at, state_schema};
use crate::openapi as spec;
use crate::waiter::{Waiter, X_WAITER, parse};

/// Every well-formed waiter of a spec, by its operation.
fn waiters(root: &Value) -> BTreeMap<String, (Value, Waiter)> {
    spec::operations(root)
        .into_iter()
        .filter_map(|op| {
            let id = op.value.get("operationId")?.as_str()?;
            let raw = op.value.get(X_WAITER)?;
            let w = parse(id, raw).ok()?;
            Some((id.to_owned(), (raw.clone(), w)))
        })
        .collect()
}

/// The values of the schema at `pointer` of the state.
fn values<'a>(root: &'a Value, w: &Waiter) -> Option<Vec<&'a str>> {
    let field = schema_at(root, state_schema(root, w)?, &w.state)?;
    let list = field
        .get("x-extensible-enum")
        .or_else(|| field.get("enum"))?
        .as_array()?;
    Some(list.iter().filter_map(Value::as_str).collect())
}

/// Every (answer, pointer) a waiter reads: the state and the task's key in the polled state, the
/// verification's items.
fn reads(w: &Waiter) -> Vec<(String, String)> {
    let mut out = vec![("state".to_owned(), w.state.clone())];
    if let Some(t) = &w.tasks {
        out.push(("state".to_owned(), t.key.clone()));
    }
    if let Some(p) = &w.progress {
        for pointer in [Some(&p.total), Some(&p.done), p.current.as_ref()]
            .into_iter()
            .flatten()
        {
            out.push(("state".to_owned(), pointer.clone()));
        }
    }
    if let Some(e) = &w.evidence {
        let which = format!("evidence {}", e.read.operation);
        out.push((which.clone(), format!("{}/*", e.tasks.items)));
        let paths = std::iter::once(&e.tasks.key)
            .chain(std::iter::once(&e.state))
            .chain(e.matches.iter().map(|c| &c.path));
        for path in paths {
            out.push((which.clone(), format!("{}/*{path}", e.tasks.items)));
        }
    }
    if let Some(v) = &w.verify {
        out.push((format!("verify {}", v.read.operation), v.items.clone()));
        for c in v.select.iter().chain(std::iter::once(&v.expect)) {
            out.push((
                format!("verify {} item", v.read.operation),
                format!("{}{}", v.items, c.path),
            ));
        }
    }
    out
}

fn exists(root: &Value, w: &Waiter, which: &str, pointer: &str) -> bool {
    if which == "state" {
        return state_schema(root, w).is_some_and(|s| schema_at(root, s, pointer).is_some());
    }
    let read = if which.starts_with("evidence") {
        w.evidence.as_ref().map(|e| &e.read)
    } else {
        w.verify.as_ref().map(|v| &v.read)
    };
    let Some(read) = read else { return false };
    spec::operations(root)
        .into_iter()
        .find(|o| o.value.get("operationId").and_then(Value::as_str) == Some(&read.operation))
        .and_then(|o| answer_schema(root, &o))
        .is_some_and(|s| schema_at(root, s, pointer).is_some())
}

impl Differ<'_> {
    pub(super) fn waiters(&mut self) {
        let base = waiters(self.base);
        let head = waiters(self.head);
        for (id, (raw, w)) in &base {
            let site = Site {
                operation: Some(id.clone()),
                part: Some(X_WAITER.to_owned()),
                ..Site::default()
            };
            let Some((head_raw, _)) = head.get(id) else {
                self.push(
                    &site,
                    ChangeId::WaiterRemoved,
                    None,
                    format!("the waiter of `{id}` removed"),
                );
                continue;
            };
            if raw != head_raw {
                let keys: Vec<&str> = raw
                    .as_object()
                    .into_iter()
                    .chain(head_raw.as_object())
                    .flat_map(|m| m.keys())
                    .map(String::as_str)
                    .filter(|k| raw.get(k) != head_raw.get(k))
                    .collect::<std::collections::BTreeSet<_>>()
                    .into_iter()
                    .collect();
                self.push(
                    &site,
                    ChangeId::WaiterChanged,
                    None,
                    format!("the waiter of `{id}` changed: {}", keys.join(", ")),
                );
            }
            // What the base's waiter reads must still be there.
            if let (Some(before), Some(after)) = (values(self.base, w), values(self.head, w)) {
                for state in w.success.iter().chain(&w.failure).chain(&w.pending) {
                    if before.contains(&state.as_str()) && !after.contains(&state.as_str()) {
                        self.push(
                            &site,
                            ChangeId::WaiterReadRemoved,
                            Some(&w.state),
                            format!("the status value `{state}` that the waiter of `{id}` reads was removed"),
                        );
                    }
                }
            }
            for (which, pointer) in reads(w) {
                if exists(self.base, w, &which, &pointer) && !exists(self.head, w, &which, &pointer)
                {
                    self.push(
                        &site,
                        ChangeId::WaiterReadRemoved,
                        Some(&pointer),
                        format!(
                            "`{pointer}` ({which}), which the waiter of `{id}` reads, was removed"
                        ),
                    );
                }
            }
        }
        for id in head.keys().filter(|id| !base.contains_key(*id)) {
            let site = Site {
                operation: Some(id.clone()),
                part: Some(X_WAITER.to_owned()),
                ..Site::default()
            };
            self.push(
                &site,
                ChangeId::WaiterAdded,
                None,
                format!("`{id}` declares a waiter"),
            );
        }
    }
}

impl Differ<'_> {
    /// A change to the spec's `x-drill`: the steps it runs, by title, added or gone, or changed.
    pub(super) fn drill(&mut self) {
        let (base, head) = (self.base.get("x-drill"), self.head.get("x-drill"));
        if base == head {
            return;
        }
        let titles = |drill: Option<&Value>| -> Vec<String> {
            drill
                .and_then(|d| d.get("steps"))
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|s| s.get("title").and_then(Value::as_str).map(str::to_owned))
                .collect()
        };
        let (before, after) = (titles(base), titles(head));
        let mut what: Vec<String> = Vec::new();
        let added: Vec<&String> = after.iter().filter(|t| !before.contains(t)).collect();
        let gone: Vec<&String> = before.iter().filter(|t| !after.contains(t)).collect();
        if !added.is_empty() {
            what.push(format!("steps added: {}", quoted(&added)));
        }
        if !gone.is_empty() {
            what.push(format!("steps removed: {}", quoted(&gone)));
        }
        if what.is_empty() {
            what.push("its resources, steps or checks".to_owned());
        }
        self.push_spec(
            ChangeId::DrillChanged,
            Some("x-drill"),
            format!("the drill changed: {}", what.join("; ")),
        );
    }
}

fn quoted(titles: &[&String]) -> String {
    titles
        .iter()
        .map(|t| format!("`{t}`"))
        .collect::<Vec<_>>()
        .join(", ")
}
