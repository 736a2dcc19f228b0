//! What it takes to follow an operation later: in this process after its answer was lost, or in
//! another one (a command line killed mid-wait, a journal read back at 3 a.m.). A [`Resume`] is
//! made by the wait engine right before it sends a start, holds what was read before sending (the
//! baseline that tells this operation's outcome from an earlier one's, and the records evidence is
//! looked for against) and serializes to JSON. Each service crate's generated `Client::resume`
//! follows it again, never sending anything.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// An operation to follow again, as JSON: the start's inputs, its answer when it was received,
/// and what was read before it was sent.
///
/// Followed with the service crate's `Client::resume`: with the answer it is followed as
/// `send_and_wait` would have (and proven against the state before it); without it (the answer
/// was lost: [`super::WaitError::Lost`]) the engine first looks for evidence that it was
/// performed, as the spec's `x-waiter` says, and follows what it finds. Absence of evidence is
/// never taken for "not performed".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Resume {
    /// The start's `operationId`.
    pub operation: String,
    /// The start's parameters, by their spec names.
    #[serde(default)]
    pub params: Map<String, Value>,
    /// The start's request body (`null` when none).
    #[serde(default)]
    pub body: Value,
    /// The start's answer, when it was received.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer: Option<Value>,
    /// What was read before sending.
    #[serde(default)]
    pub before: Before,
}

impl Resume {
    /// An operation with these inputs, its answer unknown and nothing read before it: following it
    /// cannot tell its outcome from an earlier one's unless the poll carries its id. Prefer the
    /// one a wait made ([`super::WaitError::resume`], the `on_sending` hook).
    pub fn new(operation: impl Into<String>, params: Map<String, Value>, body: Value) -> Self {
        Self {
            operation: operation.into(),
            params,
            body,
            answer: None,
            before: Before::default(),
        }
    }

    /// The same, with the start's answer (as received, or as a journal kept it).
    pub fn with_answer(mut self, answer: Value) -> Self {
        self.answer = Some(answer);
        self
    }
}

/// What a follow read before sending.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Before {
    /// Whether it was read (`false`: the operation was started by someone else).
    #[serde(default)]
    pub read: bool,
    /// `baseline: leave`: the state the status reported (`None`: there was none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// `baseline: new-item`: the ids of the tasks listed.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub items: BTreeSet<String>,
    /// `select-before`: the keys of the items the verification checks.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub selected: Vec<String>,
    /// `evidence`: the ids of the records listed (`None`: they could not be read, so a lost
    /// answer cannot be resolved through them).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub records: Option<BTreeSet<String>>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_resume_survives_a_journal() {
        let mut before = Before {
            read: true,
            state: Some("SWITCH_VIP_COMPLETE".into()),
            ..Before::default()
        };
        before.records = Some(BTreeSet::from(["t-1".to_owned()]));
        let resume = Resume {
            before,
            ..Resume::new("Start", Map::new(), json!({"a": 1}))
        };
        let text = serde_json::to_string(&resume).unwrap();
        assert!(!text.contains("answer"), "{text}");
        let back: Resume = serde_json::from_str(&text).unwrap();
        assert_eq!(back, resume);
        let old: Resume = serde_json::from_value(json!({"operation": "Start"})).unwrap();
        assert!(!old.before.read);
    }
}
