//! The spec comparison: a pure function over two parsed specs ([`diff_specs`]), classifying every
//! change the way oasdiff does (breaking / worth a look / non-breaking).
//!
//! Requests and responses are compared in opposite directions: a field removed from a response
//! breaks old clients, one removed from a request does not; a value added to a request enum is
//! harmless, one added to a response enum is something old clients must tolerate.
//!
//! - `ids`: the registry of every change this reports, with its kind;
//! - `operations`: matching the operations of both specs, and an operation's own keys and
//!   parameters;
//! - `bodies`: request bodies, responses and the shared error schema;
//! - `schema`: two schemas compared field by field, for either side of the exchange.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::openapi as spec;

mod bodies;
mod ids;
mod operations;
mod schema;
mod waiters;

pub use ids::{ChangeId, Kind};

/// One change between the two specs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// How much it matters: always `id.kind()`.
    pub kind: Kind,
    /// What kind of change it is, e.g. [`ChangeId::ResponseFieldRemoved`].
    pub id: ChangeId,
    /// The operation's `operationId` (or `GET /path` without one); `None` for spec-level changes.
    pub operation: Option<String>,
    /// Upper-case HTTP method and path template of the operation (the new ones if they changed).
    pub method: Option<String>,
    pub path: Option<String>,
    /// Where in the operation: `parameter job_id (path)`, `request body`, `response 200`, ...
    pub part: Option<String>,
    /// The field inside a body or schema, e.g. `job.status` or `jobs[].id`.
    pub field: Option<String>,
    /// What changed, in words.
    pub change: String,
}

/// Compare two specs; `None` is a spec that does not exist on that side.  The changes come
/// sorted: breaking first, then worth a look, then non-breaking; within a kind by path and method.
pub fn diff_specs(base: Option<&Value>, head: Option<&Value>) -> Vec<Change> {
    let empty = Value::Object(Map::new());
    let mut differ = Differ {
        base: base.unwrap_or(&empty),
        head: head.unwrap_or(&empty),
        changes: Vec::new(),
    };
    match (base, head) {
        (None, None) => {}
        (None, Some(only)) | (Some(only), None) => {
            let count = spec::operations(only).len();
            let (id, how) = if head.is_some() {
                (ChangeId::SpecAdded, "added with")
            } else {
                (ChangeId::SpecRemoved, "removed with its")
            };
            let change = format!("spec {how} {count} operation{}", plural(count));
            differ.push_spec(id, None, change);
            differ.operations();
        }
        (Some(_), Some(_)) => {
            differ.operations();
            differ.error_schema();
            differ.waiters();
            differ.drill();
        }
    }
    let mut changes = differ.changes;
    let method_rank = |m: &Option<String>| {
        m.as_deref()
            .and_then(|m| spec::METHODS.iter().position(|x| x.eq_ignore_ascii_case(m)))
            .unwrap_or(usize::MAX)
    };
    changes.sort_by(|a, b| {
        (a.kind, a.path.is_some(), &a.path, method_rank(&a.method)).cmp(&(
            b.kind,
            b.path.is_some(),
            &b.path,
            method_rank(&b.method),
        ))
    });
    changes
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Where a change is: the operation and the part of it.
#[derive(Debug, Clone, Default)]
struct Site {
    operation: Option<String>,
    method: Option<String>,
    path: Option<String>,
    part: Option<String>,
}

struct Differ<'a> {
    base: &'a Value,
    head: &'a Value,
    changes: Vec<Change>,
}

impl<'a> Differ<'a> {
    fn push(&mut self, site: &Site, id: ChangeId, field: Option<&str>, change: String) {
        self.changes.push(Change {
            kind: id.kind(),
            id,
            operation: site.operation.clone(),
            method: site.method.clone(),
            path: site.path.clone(),
            part: site.part.clone(),
            field: field.filter(|f| !f.is_empty()).map(str::to_string),
            change,
        });
    }

    fn push_spec(&mut self, id: ChangeId, part: Option<&str>, change: String) {
        let site = Site {
            part: part.map(str::to_string),
            ..Site::default()
        };
        self.push(&site, id, None, change);
    }
}

fn with_part(site: &Site, part: &str) -> Site {
    Site {
        part: Some(part.to_string()),
        ..site.clone()
    }
}

/// An entry of two maps paired by key ([`paired`]).
enum Pair<V> {
    Removed(V),
    Added(V),
    Both(V, V),
}

/// The entries of two maps paired by key: first those only in `old`, then every entry of `new`
/// (with its old entry when there is one), each in key order.
fn paired<'m, K: Ord, V>(
    old: &'m BTreeMap<K, V>,
    new: &'m BTreeMap<K, V>,
) -> impl Iterator<Item = (&'m K, Pair<&'m V>)> {
    let removed = old
        .iter()
        .filter(|(key, _)| !new.contains_key(key))
        .map(|(key, old)| (key, Pair::Removed(old)));
    let rest = new.iter().map(|(key, new)| match old.get(key) {
        Some(old) => (key, Pair::Both(old, new)),
        None => (key, Pair::Added(new)),
    });
    removed.chain(rest)
}

/// A flag turned on or off: `on` or `off` (an id and words for the new state), `None` when it
/// stayed as it was.
fn flipped(
    old: bool,
    new: bool,
    [on, off]: [(ChangeId, &'static str); 2],
) -> Option<(ChangeId, &'static str)> {
    match (old, new) {
        (false, true) => Some(on),
        (true, false) => Some(off),
        _ => None,
    }
}

fn show(value: Option<&Value>) -> String {
    match value {
        None => "(none)".to_string(),
        Some(value) => format!("`{value}`"),
    }
}

fn listed(values: &[&String]) -> String {
    values
        .iter()
        .map(|v| format!("`{v}`"))
        .collect::<Vec<_>>()
        .join(", ")
}
