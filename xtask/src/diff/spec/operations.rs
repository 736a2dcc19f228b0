//! Operations: matched by method and path template, then compared key by key, parameter by
//! parameter.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value};

use super::schema::{DOCUMENTATION, Direction};
use super::{ChangeId, Differ, Site, show, with_part};
use crate::generate::CLOUDS;
use crate::openapi::{self as spec, Operation};

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
        for (key, id) in [
            ("summary", ChangeId::SummaryChanged),
            ("description", ChangeId::DescriptionChanged),
        ] {
            if base.value.get(key) != head.value.get(key) {
                self.push(&site, id, None, format!("operation {key} changed"));
            }
        }
        if base.value.get("tags") != head.value.get("tags") {
            self.push(
                &site,
                ChangeId::TagsChanged,
                None,
                format!(
                    "tags {} → {}",
                    show(base.value.get("tags")),
                    show(head.value.get("tags"))
                ),
            );
        }
        if base.value.get("x-idempotent") != head.value.get("x-idempotent") {
            self.push(
                &site,
                ChangeId::IdempotencyChanged,
                None,
                format!(
                    "`x-idempotent` {} → {}: retries of this operation change",
                    show(base.value.get("x-idempotent")),
                    show(head.value.get("x-idempotent"))
                ),
            );
        }
        self.clouds(&site, base, head);
        if base.value.get("deprecated") != head.value.get("deprecated") {
            self.push(
                &site,
                ChangeId::DeprecatedChanged,
                None,
                format!(
                    "`deprecated` {} → {}",
                    show(base.value.get("deprecated")),
                    show(head.value.get("deprecated"))
                ),
            );
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
        for (key, p) in &old {
            if !new.contains_key(key) {
                let site = with_part(site, &format!("parameter {} ({})", p.name, p.location));
                self.push(
                    &site,
                    ChangeId::ParameterRemoved,
                    None,
                    format!(
                        "{} parameter `{}` removed: the server ignores it now, and the generated method loses it",
                        p.location, p.name
                    ),
                );
            }
        }
        for (key, p) in &new {
            let site = with_part(site, &format!("parameter {} ({})", p.name, p.location));
            let Some(o) = old.get(key) else {
                if p.required() {
                    self.push(
                        &site,
                        ChangeId::ParameterAddedRequired,
                        None,
                        format!("required {} parameter `{}` added", p.location, p.name),
                    );
                } else {
                    self.push(
                        &site,
                        ChangeId::ParameterAddedOptional,
                        None,
                        format!("optional {} parameter `{}` added", p.location, p.name),
                    );
                }
                continue;
            };
            if o.name != p.name {
                self.push(
                    &site,
                    ChangeId::ParameterRenamed,
                    None,
                    format!(
                        "path parameter `{}` renamed `{}`: same URL, but the generated setter is renamed",
                        o.name, p.name
                    ),
                );
            }
            match (o.required(), p.required()) {
                (false, true) => self.push(
                    &site,
                    ChangeId::ParameterMadeRequired,
                    None,
                    format!("{} parameter `{}` made required", p.location, p.name),
                ),
                (true, false) => self.push(
                    &site,
                    ChangeId::ParameterMadeOptional,
                    None,
                    format!("{} parameter `{}` made optional", p.location, p.name),
                ),
                _ => {}
            }
            for (key, id) in DOCUMENTATION {
                if o.value.get(key) != p.value.get(key) {
                    self.push(
                        &site,
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
                &site,
                Direction::Parameter,
                "",
                None,
                old_schema,
                new_schema,
                &mut stack,
            );
        }
    }
}
