//! "Maybe" resolved by evidence: when the answer to a non-idempotent request is lost after it may
//! have been performed, the target's discovery reads (see [`crate::guard::discovery_reads`]) are
//! read again and compared with what they showed before the request was sent (the baseline): a
//! record absent from the baseline (a task or job that started since) or a status that left its
//! baseline is evidence that it was performed. Absence of evidence is never taken for "not
//! performed".
//!
//! What counts as evidence is read from the answers' shapes: ids of the records the reads list
//! (`id`, `job_id`, `task_id` of a list's items) and the statuses outside lists (`status`,
//! `task`). When issue 21's spec-declared waiters (`x-waiter`: poll operation, baseline,
//! verification) are merged, [`Fingerprint::of`] and [`Evidence`] are where their declared
//! baseline plugs in.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value, json};

/// The keys naming a listed record.
const ID_KEYS: [&str; 3] = ["id", "job_id", "task_id"];
/// The keys holding a state.
const STATE_KEYS: [&str; 2] = ["status", "task"];

/// What a read showed that evidence is looked for in.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Fingerprint {
    /// The ids of the records listed.
    pub ids: BTreeSet<String>,
    /// The states outside lists, by path.
    pub states: BTreeMap<String, String>,
}

impl Fingerprint {
    /// The fingerprint of one answer.
    pub fn of(value: &Value) -> Self {
        let mut out = Self::default();
        walk(value, "", false, &mut out);
        out
    }

    /// As JSON, for the journal.
    pub fn to_json(&self) -> Value {
        json!({"ids": self.ids, "states": self.states})
    }

    /// From the journal's JSON.
    pub fn from_json(value: &Value) -> Self {
        let ids = value
            .get("ids")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default();
        let states = value
            .get("states")
            .and_then(Value::as_object)
            .map(|m| {
                m.iter()
                    .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_owned())))
                    .collect()
            })
            .unwrap_or_default();
        Self { ids, states }
    }
}

fn walk(value: &Value, path: &str, in_list: bool, out: &mut Fingerprint) {
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                let here = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                match v {
                    Value::String(s) if in_list && ID_KEYS.contains(&key.as_str()) => {
                        out.ids.insert(s.clone());
                    }
                    Value::String(_) | Value::Null | Value::Number(_) | Value::Bool(_)
                        if !in_list && STATE_KEYS.contains(&key.as_str()) =>
                    {
                        out.states.insert(here, scalar(v));
                    }
                    _ => walk(v, &here, in_list, out),
                }
            }
        }
        Value::Array(items) => {
            for item in items {
                walk(item, path, true, out);
            }
        }
        _ => {}
    }
}

fn scalar(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// Evidence that a request was performed.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Evidence {
    /// A record absent from the baseline: a task or job that started after the intent.
    NewRecord {
        /// The read that shows it.
        read: String,
        /// Its id.
        id: String,
    },
    /// A state that left its baseline.
    StateLeft {
        /// The read that shows it.
        read: String,
        /// Where in the answer.
        path: String,
        /// Before.
        from: String,
        /// Now.
        to: String,
    },
}

impl Evidence {
    /// Looks for evidence in what `read` shows now, against its baseline: a new record first.
    pub fn find(read: &str, baseline: &Fingerprint, now: &Fingerprint) -> Option<Evidence> {
        if let Some(id) = now.ids.difference(&baseline.ids).next() {
            return Some(Self::NewRecord {
                read: read.to_owned(),
                id: id.clone(),
            });
        }
        now.states.iter().find_map(|(path, to)| {
            let from = baseline.states.get(path)?;
            (from != to).then(|| Self::StateLeft {
                read: read.to_owned(),
                path: path.clone(),
                from: from.clone(),
                to: to.clone(),
            })
        })
    }

    /// What it is, in words.
    pub fn describe(&self) -> String {
        match self {
            Self::NewRecord { read, id } => {
                format!("{read} lists {id}, which it did not list before the request was sent")
            }
            Self::StateLeft {
                read,
                path,
                from,
                to,
            } => format!("{read}'s {path} went from {from:?} to {to:?} after the request was sent"),
        }
    }

    /// As JSON, for the journal.
    pub fn to_json(&self) -> Value {
        let mut map = Map::new();
        map.insert("evidence".into(), Value::from(self.describe()));
        if let Self::NewRecord { id, .. } = self {
            map.insert("record".into(), Value::from(id.clone()));
        }
        Value::Object(map)
    }

    /// The id of the record it found, if it is one.
    pub fn record(&self) -> Option<&str> {
        match self {
            Self::NewRecord { id, .. } => Some(id),
            Self::StateLeft { .. } => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_record_and_a_state_leaving_its_baseline_are_evidence() {
        let before = Fingerprint::of(&json!({
            "status": "RUNNING", "task": null,
            "tasks": [{"id": "j-1", "status": "SUCCESS"}],
        }));
        assert_eq!(before.ids, BTreeSet::from(["j-1".to_owned()]));
        let same = Fingerprint::of(&json!({
            "status": "RUNNING", "task": null,
            "tasks": [{"id": "j-1", "status": "SUCCESS"}],
        }));
        assert_eq!(Evidence::find("r", &before, &same), None);
        let new = Fingerprint::of(&json!({
            "status": "RUNNING", "task": "swap",
            "tasks": [{"id": "j-2", "status": "RUNNING"}, {"id": "j-1", "status": "SUCCESS"}],
        }));
        assert_eq!(
            Evidence::find("r", &before, &new),
            Some(Evidence::NewRecord {
                read: "r".into(),
                id: "j-2".into()
            })
        );
        let moved = Fingerprint::of(&json!({"status": "RUNNING", "task": "swap", "tasks": []}));
        assert!(matches!(
            Evidence::find("r", &before, &moved),
            Some(Evidence::StateLeft { path, .. }) if path == "task"
        ));
        assert_eq!(Fingerprint::from_json(&before.to_json()), before);
    }
}
