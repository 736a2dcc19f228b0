//! Operations: matched by method and path template, then compared key by key, parameter by
//! parameter.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value};

use super::schema::{DOCUMENTATION, Direction};
use super::{ChangeId, Differ, Pair, Site, flipped, paired, show, with_part};
use crate::generate::CLOUDS;
use crate::openapi::{self as spec, Operation, Parameter};

/// Operations are matched by method and path template with variable names ignored.
fn op_key(op: &Operation) -> (String, String) {
    (op.method.to_string(), normalize_path(op.path))
}

fn normalize_path(path: &str) -> String {
    let mut out = String::new();
    let mut in_var = false;
    for c in path.chars() {
        match c {
            '{' => {
                in_var = true;
                out.push_str("{}");
            }
            '}' => in_var = false,
            _ if !in_var => out.push(c),
            _ => {}
        }
    }
    out
}

fn op_id(op: &Operation) -> Option<String> {
    op.value
        .get("operationId")
        .and_then(Value::as_str)
        .map(str::to_string)
}

fn site_of(op: &Operation) -> Site {
    Site {
        operation: Some(op.label()),
        method: Some(op.method.to_uppercase()),
        path: Some(op.path.to_string()),
        part: None,
    }
}

/// What is compared on an operation itself, in the order its changes are listed.
enum OperationKey {
    /// A key compared as a value; `change(old, new)` says how, each shown as JSON or `(none)`.
    Value {
        key: &'static str,
        id: ChangeId,
        change: fn(&str, &str) -> String,
    },
    /// `x-clouds`: each cloud added or removed is a change ([`Differ::clouds`]).
    Clouds,
}

const OPERATION_KEYS: [OperationKey; 6] = [
    OperationKey::Value {
        key: "summary",
        id: ChangeId::SummaryChanged,
        change: |_, _| "operation summary changed".to_string(),
    },
    OperationKey::Value {
        key: "description",
        id: ChangeId::DescriptionChanged,
        change: |_, _| "operation description changed".to_string(),
    },
    OperationKey::Value {
        key: "tags",
        id: ChangeId::TagsChanged,
        change: |old, new| format!("tags {old} → {new}"),
    },
    OperationKey::Value {
        key: "x-idempotent",
        id: ChangeId::IdempotencyChanged,
        change: |old, new| {
            format!("`x-idempotent` {old} → {new}: retries of this operation change")
        },
    },
    OperationKey::Clouds,
    OperationKey::Value {
        key: "deprecated",
        id: ChangeId::DeprecatedChanged,
        change: |old, new| format!("`deprecated` {old} → {new}"),
    },
];

impl<'a> Differ<'a> {
    pub(super) fn operations(&mut self) {
        let base_ops = spec::operations(self.base);
        let head_ops = spec::operations(self.head);
        let head_by_key: BTreeMap<_, _> = head_ops.iter().map(|op| (op_key(op), op)).collect();
        let base_keys: BTreeSet<_> = base_ops.iter().map(op_key).collect();
        let mut matched_head: BTreeSet<(String, String)> = BTreeSet::new();
        let mut unmatched_base = Vec::new();
        for op in &base_ops {
            match head_by_key.get(&op_key(op)) {
                Some(head_op) => {
                    matched_head.insert(op_key(head_op));
                    self.operation(op, head_op);
                }
                None => unmatched_base.push(op),
            }
        }
        // An operation whose method or path changed keeps its operationId.
        let mut unmatched_head: Vec<&Operation> = head_ops
            .iter()
            .filter(|op| !matched_head.contains(&op_key(op)) && !base_keys.contains(&op_key(op)))
            .collect();
        let head_paths: BTreeSet<String> =
            head_ops.iter().map(|op| normalize_path(op.path)).collect();
        for op in unmatched_base {
            let id = op_id(op);
            let moved = id.as_ref().and_then(|id| {
                unmatched_head
                    .iter()
                    .position(|h| op_id(h).as_ref() == Some(id))
            });
            if let Some(index) = moved {
                let head_op = unmatched_head.remove(index);
                let site = site_of(head_op);
                self.push(
                    &site,
                    ChangeId::OperationMoved,
                    None,
                    format!(
                        "method or path changed: `{} {}` → `{} {}`",
                        op.method.to_uppercase(),
                        op.path,
                        head_op.method.to_uppercase(),
                        head_op.path
                    ),
                );
                self.operation(op, head_op);
                continue;
            }
            let site = site_of(op);
            if head_paths.contains(&normalize_path(op.path)) {
                self.push(
                    &site,
                    ChangeId::OperationRemoved,
                    None,
                    "operation removed".to_string(),
                );
            } else {
                self.push(
                    &site,
                    ChangeId::PathRemoved,
                    None,
                    "path removed, and with it this operation".to_string(),
                );
            }
        }
        for op in unmatched_head {
            let site = site_of(op);
            self.push(
                &site,
                ChangeId::OperationAdded,
                None,
                "operation added: a new client method; existing calls are unchanged".to_string(),
            );
        }
    }

    /// `x-clouds`: a cloud added is documentation; a cloud removed means callers there now get a
    /// warning (the call is still sent).
    fn clouds(&mut self, site: &Site, base: &Operation<'a>, head: &Operation<'a>) {
        let names = |op: &Operation<'a>| -> BTreeSet<String> {
            op.value
                .get(CLOUDS)
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        };
        let (old, new) = (names(base), names(head));
        for cloud in new.difference(&old) {
            self.push(
                site,
                ChangeId::CloudsAdded,
                None,
                format!("`{CLOUDS}` gains `{cloud}`: documented there now"),
            );
        }
        for cloud in old.difference(&new) {
            self.push(
                site,
                ChangeId::CloudsRemoved,
                None,
                format!(
                    "`{CLOUDS}` loses `{cloud}`: calls on that cloud are still sent, with a warning"
                ),
            );
        }
    }

    fn operation(&mut self, base: &Operation<'a>, head: &Operation<'a>) {
        let site = site_of(head);
        if let (Some(old), Some(new)) = (op_id(base), op_id(head))
            && old != new
        {
            self.push(
                &site,
                ChangeId::OperationIdChanged,
                None,
                format!("operationId `{old}` → `{new}`: the generated method is renamed"),
            );
        }
        for key in OPERATION_KEYS {
            match key {
                OperationKey::Value { key, id, change } => {
                    let (old, new) = (base.value.get(key), head.value.get(key));
                    if old != new {
                        self.push(&site, id, None, change(&show(old), &show(new)));
                    }
                }
                OperationKey::Clouds => self.clouds(&site, base, head),
            }
        }
        self.parameters(&site, base, head);
        self.request_body(&site, base, head);
        self.responses(&site, base, head);
    }

    fn parameters(&mut self, site: &Site, base: &Operation<'a>, head: &Operation<'a>) {
        let keyed = |op: &Operation<'a>, root: &'a Value| {
            let vars = spec::template_variables(op.path).unwrap_or_default();
            op.parameters(root)
                .into_iter()
                .map(|p| {
                    let key = match p.location.as_str() {
                        "path" => match vars.iter().position(|v| *v == p.name) {
                            Some(index) => format!("path:#{index}"),
                            None => format!("path:{}", p.name),
                        },
                        "header" => format!("header:{}", p.name.to_ascii_lowercase()),
                        other => format!("{other}:{}", p.name),
                    };
                    (key, p)
                })
                .collect::<BTreeMap<_, _>>()
        };
        let old = keyed(base, self.base);
        let new = keyed(head, self.head);
        for (_, pair) in paired(&old, &new) {
            let (Pair::Removed(p) | Pair::Added(p) | Pair::Both(_, p)) = pair;
            let site = with_part(site, &format!("parameter {} ({})", p.name, p.location));
            match pair {
                Pair::Removed(p) => self.push(
                    &site,
                    ChangeId::ParameterRemoved,
                    None,
                    format!(
                        "{} parameter `{}` removed: the server ignores it now, and the generated method loses it",
                        p.location, p.name
                    ),
                ),
                Pair::Added(p) => {
                    let (id, how) = if p.required() {
                        (ChangeId::ParameterAddedRequired, "required")
                    } else {
                        (ChangeId::ParameterAddedOptional, "optional")
                    };
                    let change = format!("{how} {} parameter `{}` added", p.location, p.name);
                    self.push(&site, id, None, change);
                }
                Pair::Both(o, p) => self.parameter(&site, o, p),
            }
        }
    }

    /// A parameter in both operations.
    fn parameter(&mut self, site: &Site, o: &Parameter<'a>, p: &Parameter<'a>) {
        if o.name != p.name {
            self.push(
                site,
                ChangeId::ParameterRenamed,
                None,
                format!(
                    "path parameter `{}` renamed `{}`: same URL, but the generated setter is renamed",
                    o.name, p.name
                ),
            );
        }
        let required = [
            (ChangeId::ParameterMadeRequired, "required"),
            (ChangeId::ParameterMadeOptional, "optional"),
        ];
        if let Some((id, now)) = flipped(o.required(), p.required(), required) {
            let change = format!("{} parameter `{}` made {now}", p.location, p.name);
            self.push(site, id, None, change);
        }
        for (key, id) in DOCUMENTATION {
            if o.value.get(key) != p.value.get(key) {
                self.push(
                    site,
                    id,
                    None,
                    format!("{key} of parameter `{}` changed", p.name),
                );
            }
        }
        let empty = Value::Object(Map::new());
        let old_schema = o.value.get("schema").unwrap_or(&empty);
        let new_schema = p.value.get("schema").unwrap_or(&empty);
        let mut stack = Vec::new();
        self.schema(
            site,
            Direction::Parameter,
            "",
            None,
            old_schema,
            new_schema,
            &mut stack,
        );
    }
}
