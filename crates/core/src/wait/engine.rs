//! The one wait engine: follows any operation as its spec's `x-waiter` ([`WaiterSpec`]) says,
//! knowing no service. Each service crate's generated `send_and_wait` and `wait_for_*` hand it
//! the spec's table entry, a [`Reader`] that calls the service's operations by name, and the
//! start's inputs.
//!
//! What it promises:
//!
//! - a start is sent once ([`Follow::retry_while_busy`] sends it again only after a busy refusal,
//!   which performed nothing);
//! - a final state counts only when it is this operation's: with `baseline: leave` the status must
//!   be seen to leave what it reported before sending, else the wait ends in
//!   [`WaitError::NoEvidence`]; with `baseline: new-item` the task followed is one that was not
//!   listed before sending (every page read), pinned by its id once seen; with
//!   `baseline: running-item` a watch follows a running task or ends in
//!   [`WaitError::NothingRunning`];
//! - a success is checked by the spec's verification read, and a contradiction is
//!   [`WaitError::Contradicted`], never success.

use std::collections::BTreeSet;
use std::fmt;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures_util::{Stream, StreamExt};
use reqwest::StatusCode;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use super::resume::{Before, Resume};
use super::spec::{Baseline, Condition, Evidence, Read, Select, Source, Tasks, Verify, WaiterSpec};
use super::{Outcome, PollPolicy, Timer, WaitError, poll_changes};
use crate::error::{Error, ServiceError};

/// The future of one call made by the engine.
#[doc(hidden)]
pub type CallFuture = Pin<Box<dyn Future<Output = Result<Value, Error>> + Send>>;

/// Calls an operation of the service by its `operationId` with parameters (by name, as text)
/// and an optional JSON body, answering its JSON body (`null` when it has none). Each service
/// crate's generated `Client::waiter_reader` makes one.
#[doc(hidden)]
pub type Reader =
    Arc<dyn Fn(&'static str, Vec<(String, String)>, Option<Value>) -> CallFuture + Send + Sync>;

/// The inputs of a start (or of a watched read): its parameters and its body, as JSON.
#[derive(Clone, Debug, Default, PartialEq)]
#[doc(hidden)]
pub struct Inputs {
    /// Each parameter set, by its spec name.
    pub params: Map<String, Value>,
    /// The request body (`null` when none).
    pub body: Value,
}

impl Inputs {
    /// Sets a parameter.
    pub fn param(mut self, name: &str, value: impl Into<Value>) -> Self {
        self.params.insert(name.to_owned(), value.into());
        self
    }
}

/// A value as text, as a path or query parameter carries it.
fn text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Bool(_) | Value::Number(_) => Some(v.to_string()),
        _ => None,
    }
}

/// The value a spec's source stands for, as text: a constant, a parameter or a part of the body
/// of the start (`inputs`), or a part of its `answer` (`null` when there is none).
#[doc(hidden)]
pub fn value(source: &Source, inputs: &Inputs, answer: &Value) -> Option<String> {
    match source {
        Source::Const(c) => Some((*c).to_owned()),
        Source::Param(name) => inputs.params.get(*name).and_then(text),
        Source::Answer(p) => answer.pointer(p).and_then(text),
        Source::Body(p) => inputs.body.pointer(p).and_then(text),
    }
}

/// Every value a pointer with `*` segments (every element of an array) reaches.
#[doc(hidden)]
pub fn select<'v>(root: &'v Value, pointer: &str) -> Vec<&'v Value> {
    let mut current = vec![root];
    for segment in pointer.split('/').skip(1) {
        let mut next = Vec::new();
        for v in current {
            if segment == "*" {
                if let Value::Array(items) = v {
                    next.extend(items.iter());
                }
            } else {
                let key = segment.replace("~1", "/").replace("~0", "~");
                match v {
                    Value::Object(map) => next.extend(map.get(&key)),
                    Value::Array(items) => {
                        next.extend(key.parse::<usize>().ok().and_then(|i| items.get(i)))
                    }
                    _ => {}
                }
            }
        }
        current = next;
    }
    current
}

/// What is polled and what its states mean: the spec's poll, or, when a lost answer is resolved
/// through the spec's `evidence`, the evidence read's records.
#[derive(Clone, Copy)]
struct Plan {
    read: &'static Read,
    tasks: Option<&'static Tasks>,
    matches: &'static [Condition],
    state: &'static str,
    success: &'static [&'static str],
    failure: &'static [&'static str],
    /// Whether the records absent before sending are `Before::records` (else `Before::items`).
    records: bool,
}

impl Plan {
    fn of(spec: &'static WaiterSpec) -> Self {
        Self {
            read: &spec.poll,
            tasks: spec.tasks.as_ref(),
            matches: &[],
            state: spec.state,
            success: spec.success,
            failure: spec.failure,
            records: false,
        }
    }

    fn evidence(evidence: &'static Evidence) -> Self {
        Self {
            read: &evidence.read,
            tasks: Some(&evidence.tasks),
            matches: evidence.matches,
            state: evidence.state,
            success: evidence.success,
            failure: evidence.failure,
            records: true,
        }
    }
}

/// What the engine knows while following one operation.
struct Ctx {
    spec: &'static WaiterSpec,
    reader: Reader,
    inputs: Inputs,
    answer: Value,
    /// What is polled.
    plan: Plan,
    /// What was read before sending (restored from a [`Resume`]).
    before: Before,
    /// Resolving a lost answer: until a task or record absent before appears, or the status
    /// leaves its baseline, there is no evidence yet (which is not an error).
    lost: bool,
    /// Whether to run the verification read.
    verify: bool,
    /// Mutable: the pinned task id, and whether the status left the baseline.
    follow: Mutex<FollowState>,
    /// Told what the evidence is, once, when a lost answer is resolved.
    on_evidence: Mutex<Option<OnEvidence>>,
}

#[derive(Default)]
struct FollowState {
    pinned: Option<String>,
    left: bool,
}

/// One poll's observation: the state (the answer, or the followed task), what it means, and
/// whether a final state was held back because the status had not left its baseline.
#[derive(Clone, Debug, PartialEq)]
struct Obs {
    value: Value,
    verdict: Outcome,
    unproven: bool,
}

impl Ctx {
    /// What following `spec` knows to begin with: the start's inputs and answer, what was read
    /// before it; its poll, nothing pinned, no evidence seen, verification on.
    fn new(
        spec: &'static WaiterSpec,
        reader: Reader,
        inputs: Inputs,
        answer: Value,
        before: Before,
    ) -> Self {
        Self {
            spec,
            reader,
            inputs,
            answer,
            plan: Plan::of(spec),
            before,
            lost: false,
            verify: true,
            follow: Mutex::new(FollowState::default()),
            on_evidence: Mutex::new(None),
        }
    }

    fn resolve(&self, source: &Source) -> Option<String> {
        value(source, &self.inputs, &self.answer)
    }

    fn holds(&self, c: &Condition, item: &Value) -> bool {
        let expected = self.resolve(&c.equals);
        if c.all_if.is_some() && expected.as_deref() == c.all_if {
            return true;
        }
        expected.is_some() && item.pointer(c.path).and_then(text) == expected
    }

    fn params(&self, read: &Read) -> Vec<(String, String)> {
        read.params
            .iter()
            .filter_map(|(name, source)| self.resolve(source).map(|v| ((*name).to_owned(), v)))
            .collect()
    }

    fn verdict(&self, value: &Value) -> Outcome {
        let state = value.pointer(self.plan.state).and_then(text);
        match state.as_deref() {
            Some(s) if self.plan.success.contains(&s) => Outcome::Succeeded,
            Some(s) if self.plan.failure.contains(&s) => Outcome::Failed,
            _ => Outcome::Pending,
        }
    }

    async fn read(&self, read: &Read, extra: &[(String, String)]) -> Result<Value, Error> {
        let mut params = self.params(read);
        params.extend(extra.iter().cloned());
        (self.reader)(read.operation, params, None).await
    }

    /// Every task the plan's read lists, every page, that meets the plan's conditions.
    async fn tasks(&self) -> Result<Vec<Value>, Error> {
        let plan = self.plan;
        let mut all = self
            .list(plan.read, plan.tasks.expect("a task list"))
            .await?;
        all.retain(|t| plan.matches.iter().all(|c| self.holds(c, t)));
        Ok(all)
    }

    /// Every item `read` lists where `tasks` says, every page.
    async fn list(&self, read: &Read, tasks: &Tasks) -> Result<Vec<Value>, Error> {
        let items = |v: &Value| -> Vec<Value> {
            v.pointer(tasks.items)
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default()
        };
        let Some(paging) = tasks.paging else {
            return Ok(items(&self.read(read, &[]).await?));
        };
        let mut all = Vec::new();
        let mut offset = paging.first;
        // At most 1000 pages: a service that never ends its list does not keep us forever.
        for _ in 0..1000 {
            let page = self
                .read(
                    read,
                    &[
                        (paging.offset.to_owned(), offset.to_string()),
                        (paging.limit.to_owned(), paging.size.to_string()),
                    ],
                )
                .await?;
            let found = items(&page);
            let count = found.len() as i64;
            all.extend(found);
            // A count, or a count in a string (as some services send it).
            let total = page
                .pointer(paging.total)
                .and_then(|t| t.as_i64().or_else(|| t.as_str()?.trim().parse().ok()));
            if count == 0 || count < paging.size || total.is_some_and(|t| all.len() as i64 >= t) {
                break;
            }
            offset += paging.size;
        }
        Ok(all)
    }

    fn key(&self, task: &Value) -> Option<String> {
        let tasks = self.plan.tasks?;
        task.pointer(tasks.key).and_then(text)
    }

    /// Tells `on_evidence` what the evidence is (once).
    fn evidence(&self, what: &str) {
        tracing::info!(evidence = what, "a lost answer is resolved by evidence");
        if let Some(f) = self.on_evidence.lock().expect("not poisoned").take() {
            f(what);
        }
    }

    /// Reads what tells this operation's outcome from an earlier one's, what evidence of a lost
    /// answer is looked for against, and what the verification checks: before sending.
    async fn read_before(&mut self) -> Result<(), Error> {
        let spec = self.spec;
        self.before.read = true;
        match spec.baseline {
            Baseline::Leave => match self.read(&spec.poll, &[]).await {
                Ok(v) => self.before.state = v.pointer(spec.state).and_then(text),
                // Never switched before: nothing to tell apart.
                Err(e) if e.status().is_some_and(|s| s.is_client_error()) => {}
                Err(e) => return Err(e),
            },
            Baseline::NewItem => {
                let tasks = self.tasks().await?;
                self.before.items = tasks.iter().filter_map(|t| self.key(t)).collect();
            }
            Baseline::None | Baseline::RunningItem => {}
        }
        // Only a lost answer needs them: a target whose records cannot be read is still
        // switched over, and a lost answer then says that no evidence can be looked for.
        if let Some(evidence) = &spec.evidence {
            match self.list(&evidence.read, &evidence.tasks).await {
                Ok(records) => {
                    self.before.records = Some(
                        records
                            .iter()
                            .filter_map(|r| r.pointer(evidence.tasks.key).and_then(text))
                            .collect(),
                    );
                }
                Err(e) => tracing::warn!(
                    error = %e,
                    read = evidence.read.operation,
                    "what evidence of a lost answer would be looked for against cannot be read"
                ),
            }
        }
        if let Some(verify) = spec.verify.as_ref().filter(|_| self.verify)
            && let Select::Before(all) = &verify.select
        {
            let answer = self.read(&verify.read, &[]).await?;
            self.before.selected = select(&answer, verify.items)
                .into_iter()
                .filter(|i| all.iter().all(|c| self.holds(c, i)))
                .filter_map(|i| i.pointer(verify.key).and_then(text))
                .collect();
        }
        Ok(())
    }

    /// Whether evidence of this operation was seen: a task or record pinned, or the status
    /// seen to leave its baseline.
    fn found(&self) -> bool {
        let follow = self.follow.lock().expect("not poisoned");
        follow.pinned.is_some() || follow.left
    }

    /// Why the start's answer is a rejection, if it is.
    fn rejection(&self) -> Option<String> {
        let c = self
            .spec
            .reject
            .iter()
            .find(|c| self.holds(c, &self.answer))?;
        let mut why = format!(
            "{} answered {} {}",
            self.spec.operation,
            c.path.trim_start_matches('/'),
            self.answer
                .pointer(c.path)
                .and_then(text)
                .unwrap_or_default()
        );
        for field in self.spec.reasons {
            if let Some(v) = self.answer.pointer(field).and_then(text) {
                why.push_str(&format!(", {} {v}", field.trim_start_matches('/')));
            }
        }
        Some(why)
    }

    /// One poll.
    async fn poll(&self) -> Result<Obs, Error> {
        let value = if self.plan.tasks.is_some() {
            let tasks = self.tasks().await?;
            let pinned = self.follow.lock().expect("not poisoned").pinned.clone();
            let none = BTreeSet::new();
            let before = if self.plan.records {
                self.before.records.as_ref().unwrap_or(&none)
            } else {
                &self.before.items
            };
            let found = match pinned {
                Some(id) => tasks
                    .into_iter()
                    .find(|t| self.key(t).as_deref() == Some(&id)),
                // Nothing read before it started: only a running task can be this one's.
                None if !self.before.read => tasks
                    .into_iter()
                    .find(|t| self.key(t).is_some() && self.verdict(t) == Outcome::Pending),
                None => tasks
                    .into_iter()
                    .find(|t| self.key(t).is_some_and(|k| !before.contains(&k))),
            };
            match found {
                Some(task) => {
                    if let Some(id) = self.key(&task) {
                        let first = self
                            .follow
                            .lock()
                            .expect("not poisoned")
                            .pinned
                            .replace(id.clone())
                            .is_none();
                        if first && self.lost {
                            let state = task.pointer(self.plan.state).and_then(text);
                            self.evidence(&format!(
                                "{} lists {id}{}, which it did not list before the request was sent",
                                self.plan.read.operation,
                                state.map(|s| format!(" ({s})")).unwrap_or_default(),
                            ));
                        }
                    }
                    task
                }
                // No evidence yet, which is not an error.
                None if self.lost => {
                    return Ok(Obs {
                        value: Value::Null,
                        verdict: Outcome::Pending,
                        unproven: true,
                    });
                }
                None => return Err(no_task()),
            }
        } else {
            self.read(self.plan.read, &[]).await?
        };
        let mut verdict = self.verdict(&value);
        let mut unproven = false;
        if self.spec.baseline == Baseline::Leave && !self.plan.records {
            let mut follow = self.follow.lock().expect("not poisoned");
            let state = value.pointer(self.plan.state).and_then(text);
            // Leaving the baseline: a state in progress, or (when the state before was read)
            // any other state than it.
            if !follow.left
                && (verdict == Outcome::Pending || (self.before.read && state != self.before.state))
            {
                follow.left = true;
                if self.lost {
                    drop(follow);
                    self.evidence(&format!(
                        "{}'s {} went from {} to {} after the request was sent",
                        self.plan.read.operation,
                        self.plan.state.trim_start_matches('/'),
                        self.before.state.as_deref().unwrap_or("nothing"),
                        state.as_deref().unwrap_or("nothing"),
                    ));
                    follow = self.follow.lock().expect("not poisoned");
                }
            }
            if !follow.left && verdict != Outcome::Pending {
                verdict = Outcome::Pending;
                unproven = true;
            }
        }
        Ok(Obs {
            value,
            verdict,
            unproven,
        })
    }

    /// The verification read: `Ok` when it proves the success, `Err(why)` when it contradicts it.
    async fn verify(&self, policy: &PollPolicy) -> Result<Result<(), String>, Error> {
        let Some(verify) = self.spec.verify.as_ref().filter(|_| self.verify) else {
            return Ok(Ok(()));
        };
        let mut why = String::new();
        for attempt in 0..verify.attempts.max(1) {
            if attempt > 0 {
                policy.timer.sleep(policy.interval(0)).await;
            }
            let answer = self.read(&verify.read, &[]).await?;
            match self.judge(verify, &answer) {
                Ok(()) => return Ok(Ok(())),
                Err(e) => why = e,
            }
        }
        Ok(Err(why))
    }

    /// Whether the verification read's `answer` proves the success, or what it shows instead.
    fn judge(&self, verify: &Verify, answer: &Value) -> Result<(), String> {
        let items = select(answer, verify.items);
        let chosen: Vec<&Value> = match &verify.select {
            Select::Now(all) => items
                .into_iter()
                .filter(|i| all.iter().all(|c| self.holds(c, i)))
                .collect(),
            Select::Before(_) => items
                .into_iter()
                .filter(|i| {
                    i.pointer(verify.key)
                        .and_then(text)
                        .is_some_and(|k| self.before.selected.contains(&k))
                })
                .collect(),
        };
        let expected = self.resolve(&verify.expect.equals).unwrap_or_default();
        let field = verify.expect.path.trim_start_matches('/');
        if chosen.is_empty() {
            return Err(format!(
                "{} lists none of the items it should check ({} {})",
                verify.read.operation,
                verify.key.trim_start_matches('/'),
                match &verify.select {
                    Select::Now(all) => all
                        .iter()
                        .filter_map(|c| self.resolve(&c.equals))
                        .collect::<Vec<_>>()
                        .join(", "),
                    Select::Before(_) => self.before.selected.join(", "),
                }
            ));
        }
        let wrong: Vec<String> = chosen
            .iter()
            .filter(|i| !self.holds(&verify.expect, i))
            .map(|i| {
                format!(
                    "{} {} is still {} (expected {expected})",
                    verify.key.trim_start_matches('/'),
                    i.pointer(verify.key)
                        .and_then(text)
                        .unwrap_or_else(|| "(no id)".into()),
                    i.pointer(verify.expect.path)
                        .and_then(text)
                        .map(|v| format!("{field} {v}"))
                        .unwrap_or_else(|| format!("without {field}")),
                )
            })
            .collect();
        if wrong.is_empty() {
            Ok(())
        } else {
            Err(format!(
                "{} shows {}",
                verify.read.operation,
                wrong.join("; ")
            ))
        }
    }
}

/// What a lost answer is resolved by: the spec's `evidence` when the poll needs the start's
/// answer (or has no baseline of its own), else the poll itself against its baseline (`leave`,
/// `new-item`); `None` when nothing can tell it.
fn evidence_plan(spec: &'static WaiterSpec) -> Option<Plan> {
    let needs_answer = spec
        .poll
        .params
        .iter()
        .any(|(_, s)| matches!(s, Source::Answer(_)));
    match (&spec.evidence, spec.baseline) {
        (Some(evidence), _) if needs_answer || spec.baseline == Baseline::None => {
            Some(Plan::evidence(evidence))
        }
        (_, Baseline::Leave | Baseline::NewItem) if !needs_answer => Some(Plan::of(spec)),
        _ => None,
    }
}

/// The read whose answers are looked at for evidence of a lost answer (`operationId`), if
/// evidence can be looked for.
#[doc(hidden)]
pub fn evidence_read(spec: &'static WaiterSpec) -> Option<&'static str> {
    evidence_plan(spec).map(|p| p.read.operation)
}

/// Reads what a follow of the spec's operation with `inputs` reads before sending (the baseline,
/// the records evidence is looked for against, what the verification checks), as the
/// [`Resume`] of an operation not sent yet: a caller that journals it before sending passes its
/// `before` to [`Follow::read_already`].
#[doc(hidden)]
pub async fn read_before(
    spec: &'static WaiterSpec,
    reader: Reader,
    inputs: Inputs,
) -> Result<Resume, Error> {
    let mut ctx = Ctx::new(spec, reader, inputs, Value::Null, Before::default());
    ctx.read_before().await?;
    Ok(Resume {
        operation: spec.operation.to_owned(),
        params: ctx.inputs.params,
        body: ctx.inputs.body,
        answer: None,
        before: ctx.before,
    })
}

/// The spec's verification of what `resume` describes, read once now: `None` when the spec
/// declares none (or it checks what was there before, and nothing was read before); else
/// whether the read proves the success, or what it shows instead. For a caller that holds the
/// ground truth (the simulator) and checks it the way the waiter does.
#[doc(hidden)]
pub async fn verification(
    spec: &'static WaiterSpec,
    reader: Reader,
    resume: &Resume,
) -> Result<Option<Result<(), String>>, Error> {
    let Some(verify) = spec.verify.as_ref() else {
        return Ok(None);
    };
    if matches!(verify.select, Select::Before(_)) && !resume.before.read {
        return Ok(None);
    }
    let inputs = Inputs {
        params: resume.params.clone(),
        body: resume.body.clone(),
    };
    let answer = resume.answer.clone().unwrap_or(Value::Null);
    let ctx = Ctx::new(spec, reader, inputs, answer, resume.before.clone());
    let answer = ctx.read(&verify.read, &[]).await?;
    Ok(Some(ctx.judge(verify, &answer)))
}

/// Why the start's own `answer` is a rejection under the spec's `reject` conditions, if it is.
#[doc(hidden)]
pub fn rejection(spec: &'static WaiterSpec, inputs: &Inputs, answer: &Value) -> Option<String> {
    let nothing: Reader = Arc::new(|_, _, _| Box::pin(std::future::ready(Ok(Value::Null))));
    Ctx::new(
        spec,
        nothing,
        inputs.clone(),
        answer.clone(),
        Before::default(),
    )
    .rejection()
}

/// "Not found", which the poll's grace takes as "not there yet".
fn no_task() -> Error {
    Error::Service(ServiceError::new(
        StatusCode::NOT_FOUND,
        None,
        Some("no task of this operation is listed yet".to_owned()),
        None,
        "",
    ))
}

/// Whether a start's error is one of the spec's busy refusals.
fn busy(spec: &WaiterSpec, error: &Error) -> bool {
    // Only a refusal (4xx) performed nothing: a busy code on a 5xx (a gateway's, or a service
    // failing mid-way) may have been performed, and is never sent again.
    error.service_error().is_some_and(|e| {
        e.status.is_client_error()
            && e.error_code
                .as_deref()
                .is_some_and(|c| spec.busy.contains(&c))
    })
}

/// Sends a start (once per call): for a caller that builds the request itself.
#[doc(hidden)]
pub type Sender = Box<dyn FnMut() -> CallFuture + Send>;

/// What [`Follow::on_change`] keeps.
type OnChange<S> = Box<dyn FnMut(&S) + Send>;

/// What [`Follow::on_sending`] keeps.
type OnSending = Box<dyn FnOnce(&Resume) + Send>;

/// What [`Follow::on_evidence`] keeps.
type OnEvidence = Box<dyn FnOnce(&str) + Send>;

/// The start, sent by the engine: the operation's name (sent through the [`Reader`]).
enum Start {
    /// Send the spec's operation with the inputs, then follow it.
    Send,
    /// Send with this function (a command line's own request), then follow it.
    With(Sender),
    /// Follow only (a `wait_for_*` with an id, or a watch).
    None { answer: Value },
    /// Follow again what a [`Resume`] describes: with its answer as `Follow::started` does, but
    /// against the state read before it was sent; without it, after looking for evidence.
    Resume(Box<Resume>),
}

/// One operation followed as its spec says: configure it, then `.await` it (or
/// [`Follow::wait`]) for the final, proven state, or take [`Follow::stream`] of every change.
/// It owns what it needs (a clone of the client), so it can be handed to `tokio::spawn`.
pub struct Follow<S> {
    spec: &'static WaiterSpec,
    reader: Reader,
    inputs: Result<Inputs, String>,
    start: Start,
    policy: PollPolicy,
    busy_deadline: Option<Duration>,
    verify: bool,
    on_change: Option<OnChange<S>>,
    on_sending: Option<OnSending>,
    already: Option<Before>,
    on_evidence: Option<OnEvidence>,
    _state: PhantomData<fn() -> S>,
}

impl<S> fmt::Debug for Follow<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Follow")
            .field("operation", &self.spec.operation)
            .field("policy", &self.policy)
            .field("busy_deadline", &self.busy_deadline)
            .finish_non_exhaustive()
    }
}

impl<S> Follow<S>
where
    S: DeserializeOwned + fmt::Debug + Clone + Send + 'static,
{
    /// Sends the spec's operation with `inputs` (once), then follows it. `inputs` is the
    /// builder's, or why it is incomplete (nothing is sent then).
    #[doc(hidden)]
    pub fn start(
        spec: &'static WaiterSpec,
        reader: Reader,
        inputs: Result<Inputs, String>,
    ) -> Self {
        Self::new(spec, reader, inputs, Start::Send)
    }

    /// Like [`Follow::start`], but the start is sent by `sender` (called once, and again only
    /// after a busy refusal when [`Follow::retry_while_busy`] asks for it); `inputs` are what
    /// the baseline and the verification read from (its parameters, its body).
    #[doc(hidden)]
    pub fn start_with(
        spec: &'static WaiterSpec,
        reader: Reader,
        inputs: Inputs,
        sender: Sender,
    ) -> Self {
        Self::new(spec, reader, Ok(inputs), Start::With(sender))
    }

    /// Follows what was already started (`answer`: the start's answer, where ids come from; a
    /// watch has none), with the start's or the watched read's `inputs`.
    #[doc(hidden)]
    pub fn started(
        spec: &'static WaiterSpec,
        reader: Reader,
        inputs: Inputs,
        answer: Value,
    ) -> Self {
        Self::new(spec, reader, Ok(inputs), Start::None { answer })
    }

    /// Follows again what `resume` describes (made before sending by an earlier wait, perhaps in
    /// another process), never sending anything: with the start's answer, to its proven outcome
    /// against the state read before it was sent; without it (the answer was lost), after
    /// looking for evidence that it was performed as the spec's `x-waiter` says (the status
    /// leaving its baseline, a task or record absent before). Until evidence appears the wait
    /// shows no state; when none appears by the deadline it ends in
    /// [`WaitError::NoEvidence`], which is [`crate::Performed::Maybe`], never "not performed".
    #[doc(hidden)]
    pub fn resume(spec: &'static WaiterSpec, reader: Reader, resume: Resume) -> Self {
        let inputs = Inputs {
            params: resume.params.clone(),
            body: resume.body.clone(),
        };
        Self::new(spec, reader, Ok(inputs), Start::Resume(Box::new(resume)))
    }

    fn new(
        spec: &'static WaiterSpec,
        reader: Reader,
        inputs: Result<Inputs, String>,
        start: Start,
    ) -> Self {
        Self {
            spec,
            reader,
            inputs,
            start,
            policy: PollPolicy::default().with_deadline(Duration::from_secs(spec.deadline_secs)),
            busy_deadline: None,
            verify: true,
            on_change: None,
            on_sending: None,
            already: None,
            on_evidence: None,
            _state: PhantomData,
        }
    }

    /// Polls as `policy` says (default: [`PollPolicy::default`] with the spec's deadline).
    pub fn policy(mut self, policy: PollPolicy) -> Self {
        self.policy = policy;
        self
    }

    /// How long to wait in all.
    pub fn deadline(mut self, deadline: Duration) -> Self {
        self.policy = self.policy.with_deadline(deadline);
        self
    }

    /// The wait before the second poll.
    pub fn interval(mut self, interval: Duration) -> Self {
        self.policy = self.policy.with_initial_interval(interval);
        self
    }

    /// Takes time from `timer` (tests: a [`super::VirtualTimer`]).
    pub fn timer(mut self, timer: impl Timer + 'static) -> Self {
        self.policy = self.policy.with_timer(timer);
        self
    }

    /// Calls `on_change` with every new state, the final one included.
    pub fn on_change(mut self, on_change: impl FnMut(&S) + Send + 'static) -> Self {
        self.on_change = Some(Box::new(on_change));
        self
    }

    /// Calls `on_sending` once, right before the start is first sent (after what must be read
    /// before sending was read), with what it takes to follow it later: a journal keeps it, so
    /// that a follow killed mid-wait, or a start whose answer is lost, can be resumed (with the
    /// service crate's `Client::resume`) and proven against the state before it.
    pub fn on_sending(mut self, on_sending: impl FnOnce(&Resume) + Send + 'static) -> Self {
        self.on_sending = Some(Box::new(on_sending));
        self
    }

    /// Calls `on_evidence` once, when a lost answer ([`Follow::resume`] without an answer) is
    /// resolved, with what the evidence is, in words ("`ListBackgroundTask` lists t-3 (RUNNING),
    /// which it did not list before the request was sent").
    pub fn on_evidence(mut self, on_evidence: impl FnOnce(&str) + Send + 'static) -> Self {
        self.on_evidence = Some(Box::new(on_evidence));
        self
    }

    /// Sends without reading first what [`read_before`] read already (for a caller that
    /// journals it before sending).
    #[doc(hidden)]
    pub fn read_already(mut self, before: Before) -> Self {
        self.already = Some(before);
        self
    }

    /// While the service refuses the start as busy (nothing performed), sends it again, with the
    /// poll policy's backoff, for at most `deadline`. Off by default: a busy refusal ends the
    /// wait with [`WaitError::Busy`].
    pub fn retry_while_busy(mut self, deadline: Duration) -> Self {
        self.busy_deadline = Some(deadline);
        self
    }

    /// Skips the spec's verification read: for a wait given only an id, which lacks what the
    /// verification reads (the replica promoted, the target AZ). The final state is then what
    /// the service reports, unproven.
    pub fn unverified(mut self) -> Self {
        self.verify = false;
        self
    }

    /// Every change of state, ending with the final proven success, or with the error that
    /// ended the wait. `on_change` is not called: the stream's consumer sees every item.
    pub fn stream(self) -> Pin<Box<dyn Stream<Item = Result<S, WaitError<S>>> + Send>> {
        let Self {
            spec,
            reader,
            inputs,
            start,
            policy,
            busy_deadline,
            verify,
            on_sending,
            already,
            on_evidence,
            ..
        } = self;
        let policy_for_verify = policy.clone();
        let prelude = async move {
            let inputs = inputs.map_err(|e| WaitError::Start(Error::InvalidRequest(e)))?;
            let how = How {
                policy: &policy,
                busy_deadline,
                verify,
                on_sending,
                already,
                on_evidence,
            };
            prepare(spec, reader, inputs, start, how).await
        };
        let stream = futures_util::stream::once(prelude).flat_map(move |prepared| {
            let policy = policy_for_verify.clone();
            match prepared {
                Err(e) => futures_util::stream::once(async move { Err(e) }).boxed(),
                Ok(ctx) => {
                    let ctx = Arc::new(ctx);
                    let polling = Arc::clone(&ctx);
                    let poll = move || {
                        let ctx = Arc::clone(&polling);
                        async move { ctx.poll().await }
                    };
                    let verifying = Arc::clone(&ctx);
                    poll_changes(policy.clone(), poll, |o: &Obs| o.verdict, |a, b| a == b)
                        .then(move |item| {
                            let ctx = Arc::clone(&verifying);
                            let policy = policy.clone();
                            async move { settle(&ctx, &policy, item).await }
                        })
                        // A poll that found no evidence yet shows no state.
                        .filter_map(std::future::ready)
                        .boxed()
                }
            }
        });
        stream.map(typed).boxed()
    }

    /// Waits for the end: the final state once proven, or why there is no proven success.
    pub async fn wait(mut self) -> Result<S, WaitError<S>> {
        let mut on_change = self.on_change.take();
        super::wait_until(self.stream(), |state| {
            if let Some(f) = on_change.as_mut() {
                f(state);
            }
        })
        .await
    }
}

impl<S> std::future::IntoFuture for Follow<S>
where
    S: DeserializeOwned + fmt::Debug + Clone + Send + 'static,
{
    type Output = Result<S, WaitError<S>>;
    type IntoFuture = Pin<Box<dyn Future<Output = Self::Output> + Send>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.wait())
    }
}

/// How a follow runs, as configured.
struct How<'a> {
    policy: &'a PollPolicy,
    busy_deadline: Option<Duration>,
    verify: bool,
    on_sending: Option<OnSending>,
    already: Option<Before>,
    on_evidence: Option<OnEvidence>,
}

/// Reads what must be read before sending, sends the start (once, or again while busy if asked)
/// and checks its answer; or restores what a [`Resume`] kept.
async fn prepare(
    spec: &'static WaiterSpec,
    reader: Reader,
    inputs: Inputs,
    start: Start,
    how: How<'_>,
) -> Result<Ctx, WaitError<Value>> {
    let How {
        policy,
        busy_deadline,
        verify,
        on_sending,
        already,
        on_evidence,
    } = how;
    let (send, mut sender, answer, restored) = match start {
        Start::Send => (true, None, Value::Null, None),
        Start::With(sender) => (true, Some(sender), Value::Null, None),
        Start::None { answer } => (false, None, answer, None),
        Start::Resume(resume) => {
            let answer = resume.answer.clone().unwrap_or(Value::Null);
            (false, None, answer, Some(resume))
        }
    };
    let lost = restored.as_ref().is_some_and(|r| r.answer.is_none());
    let before = restored.map(|r| r.before).unwrap_or_default();
    let mut ctx = Ctx {
        lost,
        verify,
        on_evidence: Mutex::new(on_evidence),
        ..Ctx::new(spec, reader, inputs, answer, before)
    };
    let baseline = |e: Error| WaitError::Baseline(e);
    if send {
        // What was there before: nothing is sent when it cannot be read.
        match already {
            Some(before) => ctx.before = before,
            None => ctx.read_before().await.map_err(baseline)?,
        }
    } else if spec.baseline == Baseline::RunningItem {
        let asked = spec
            .tasks
            .and_then(|t| ctx.inputs.params.get(t.key.trim_start_matches('/')))
            .and_then(text);
        let pinned = match asked {
            Some(id) => id,
            None => {
                let tasks = ctx.tasks().await.map_err(WaitError::Poll)?;
                let running = tasks
                    .iter()
                    .filter(|t| ctx.verdict(t) == Outcome::Pending)
                    .find_map(|t| ctx.key(t));
                running.ok_or(WaitError::NothingRunning)?
            }
        };
        ctx.follow.get_mut().expect("not poisoned").pinned = Some(pinned);
    }
    if lost {
        // The answer was lost: the evidence is what tells this operation from an earlier one,
        // so nothing can be looked for without what was read before it was sent.
        let unresolvable = || WaitError::NoEvidence {
            last: None,
            waited: Duration::ZERO,
        };
        if !ctx.before.read {
            return Err(unresolvable());
        }
        match evidence_plan(spec) {
            Some(plan) if plan.records && ctx.before.records.is_none() => {
                return Err(unresolvable());
            }
            Some(plan) => ctx.plan = plan,
            None => return Err(unresolvable()),
        }
    }
    // A verification of what was there before needs the state before the start: what was
    // started by someone else can be followed to its end, but not proven this way.
    if !ctx.before.read
        && spec
            .verify
            .as_ref()
            .is_some_and(|v| matches!(v.select, Select::Before(_)))
    {
        ctx.verify = false;
    }
    if !send {
        return Ok(ctx);
    }
    let resume = || Resume {
        operation: spec.operation.to_owned(),
        params: ctx.inputs.params.clone(),
        body: ctx.inputs.body.clone(),
        answer: None,
        before: ctx.before.clone(),
    };
    if let Some(on_sending) = on_sending {
        on_sending(&resume());
    }
    let params: Vec<(String, String)> = ctx
        .inputs
        .params
        .iter()
        .filter_map(|(k, v)| text(v).map(|t| (k.clone(), t)))
        .collect();
    let body = (!ctx.inputs.body.is_null()).then(|| ctx.inputs.body.clone());
    let timer = Arc::clone(&policy.timer);
    let began = timer.now();
    let mut refusals = 0u32;
    let answer = loop {
        let sent = match sender.as_mut() {
            Some(send) => send(),
            None => (ctx.reader)(spec.operation, params.clone(), body.clone()),
        };
        match sent.await {
            Ok(answer) => break answer,
            Err(e) if busy(spec, &e) => {
                let waited = timer.now().saturating_sub(began);
                match busy_deadline {
                    Some(deadline) if waited < deadline => {
                        tracing::info!(error = %e, "the instance is busy; sending again later");
                        let pause = policy.interval(refusals).min(deadline - waited);
                        refusals = refusals.saturating_add(1);
                        timer.sleep(pause).await;
                    }
                    _ => return Err(WaitError::Busy(e)),
                }
            }
            Err(e) if e.performed(false) != crate::Performed::No => {
                return Err(WaitError::Lost {
                    error: e,
                    resume: Box::new(resume()),
                });
            }
            Err(e) => return Err(WaitError::Start(e)),
        }
    };
    ctx.answer = answer;
    if let Some(why) = ctx.rejection() {
        return Err(WaitError::Rejected(why));
    }
    Ok(ctx)
}

/// Turns one poll item into the engine's outcome: a success is verified; a deadline that held
/// back a final state for want of evidence is [`WaitError::NoEvidence`]; a poll that found no
/// evidence yet is no item.
async fn settle(
    ctx: &Ctx,
    policy: &PollPolicy,
    item: Result<Obs, WaitError<Obs>>,
) -> Option<Result<Value, WaitError<Value>>> {
    if let Ok(obs) = &item
        && obs.unproven
        && obs.value.is_null()
    {
        return None;
    }
    Some(match item {
        Ok(obs) if obs.verdict == Outcome::Succeeded => match ctx.verify(policy).await {
            Ok(Ok(())) => Ok(obs.value),
            Ok(Err(why)) => Err(WaitError::Contradicted {
                state: Box::new(obs.value),
                why,
            }),
            Err(e) => Err(WaitError::Poll(e)),
        },
        Ok(obs) => Ok(obs.value),
        Err(WaitError::Deadline { last, waited, .. })
            if last.as_ref().is_some_and(|o| o.unproven) || (ctx.lost && !ctx.found()) =>
        {
            Err(WaitError::NoEvidence {
                last: last
                    .filter(|o| !o.value.is_null())
                    .map(|o| Box::new(o.value)),
                waited,
            })
        }
        Err(e) => Err(e.map_state(|o| o.value)),
    })
}

/// A JSON state as the caller's type.
#[allow(clippy::result_large_err)] // the shape of every wait's outcome
fn typed<S: DeserializeOwned + fmt::Debug>(
    item: Result<Value, WaitError<Value>>,
) -> Result<S, WaitError<S>> {
    let decode = |v: Value| -> Result<S, Error> {
        serde_json::from_value(v.clone()).map_err(|e| Error::Decode {
            status: None,
            message: e.to_string(),
            snippet: crate::error::snippet(v.to_string().as_bytes()),
        })
    };
    match item {
        Ok(v) => decode(v).map_err(WaitError::Poll),
        Err(e) => {
            let state = e.last_state().cloned();
            match state.map(decode) {
                Some(Err(error)) => Err(WaitError::Poll(error)),
                _ => Err(e.map_state(|v| decode(v).expect("decoded above"))),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wait::VirtualTimer;
    use crate::wait::spec::Paging;
    use serde_json::json;

    #[test]
    fn pointers_with_stars_reach_every_element() {
        let doc = json!({"g": [{"r": [{"id": 1}, {"id": 2}]}, {"r": [{"id": 3}]}]});
        let ids: Vec<i64> = select(&doc, "/g/*/r/*/id")
            .into_iter()
            .filter_map(Value::as_i64)
            .collect();
        assert_eq!(ids, [1, 2, 3]);
        assert!(select(&doc, "/g/*/missing").is_empty());
        assert_eq!(select(&doc, "").len(), 1);
    }

    const LIST: WaiterSpec = WaiterSpec {
        operation: "Start",
        flag: "wait",
        summary: "",
        busy: &["X.1"],
        reject: &[],
        poll: Read {
            operation: "List",
            params: &[],
        },
        tasks: Some(Tasks {
            items: "/items",
            key: "/id",
            paging: Some(Paging {
                offset: "offset",
                limit: "limit",
                first: 1,
                size: 2,
                total: "/total",
            }),
        }),
        state: "/status",
        success: &["DONE"],
        failure: &["FAILED"],
        pending: &["RUNNING"],
        not_found_grace: 3,
        deadline_secs: 60,
        baseline: Baseline::NewItem,
        verify: None,
        reasons: &[],
        progress: None,
        evidence: None,
        look: &[],
    };

    /// A reader answering from `script` (one answer per call, the last repeated), recording
    /// every call.
    fn scripted(script: Vec<Value>) -> (Reader, Arc<Mutex<Vec<String>>>) {
        let calls = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&calls);
        let script = Arc::new(Mutex::new(script.into_iter().collect::<Vec<_>>()));
        let reader: Reader = Arc::new(move |op, params, _| {
            let query: Vec<String> = params.iter().map(|(k, v)| format!("{k}={v}")).collect();
            log.lock()
                .unwrap()
                .push(format!("{op} {}", query.join("&")));
            let mut script = script.lock().unwrap();
            let next = if script.len() > 1 {
                script.remove(0)
            } else {
                script[0].clone()
            };
            Box::pin(std::future::ready(Ok(next)))
        });
        (reader, calls)
    }

    #[tokio::test]
    async fn a_new_task_is_found_on_any_page_and_pinned() {
        let page = |items: Value, total: u64| json!({"items": items, "total": total});
        let old = json!({"id": "old", "status": "DONE"});
        let (reader, calls) = scripted(vec![
            // Baseline: two pages.
            page(json!([old.clone(), {"id": "older", "status": "FAILED"}]), 3),
            page(json!([{"id": "oldest", "status": "DONE"}]), 3),
            // The start's answer (no id).
            Value::Null,
            // First poll: the new task on the second page.
            page(json!([old.clone(), {"id": "older", "status": "FAILED"}]), 4),
            page(
                json!([{"id": "oldest", "status": "DONE"}, {"id": "new", "status": "RUNNING"}]),
                4,
            ),
            // Then it ends.
            page(json!([{"id": "new", "status": "DONE"}, old]), 4),
            page(json!([]), 4),
        ]);
        let timer = VirtualTimer::new();
        let done: Value = Follow::start(&LIST, reader, Ok(Inputs::default()))
            .timer(timer)
            .await
            .expect("the new task's success");
        assert_eq!(done["id"], "new");
        let calls = calls.lock().unwrap();
        assert_eq!(calls.iter().filter(|c| c.starts_with("Start")).count(), 1);
        assert_eq!(calls[0], "List offset=1&limit=2");
        assert_eq!(calls[1], "List offset=3&limit=2");
    }

    /// A reader answering each operation from its own script (one answer per call, the last
    /// repeated), recording every call.
    type Script = Vec<(&'static str, Vec<Result<Value, u16>>)>;
    fn by_operation(script: Script) -> (Reader, Arc<Mutex<Vec<String>>>) {
        let calls = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&calls);
        let script = Arc::new(Mutex::new(script));
        let reader: Reader = Arc::new(move |op, _, _| {
            log.lock().unwrap().push(op.to_owned());
            let mut script = script.lock().unwrap();
            let answers = &mut script
                .iter_mut()
                .find(|(name, _)| *name == op)
                .unwrap_or_else(|| panic!("unexpected call of {op}"))
                .1;
            let next = if answers.len() > 1 {
                answers.remove(0)
            } else {
                answers[0].clone()
            };
            let next = next.map_err(|status| {
                Error::Service(ServiceError::new(
                    StatusCode::from_u16(status).unwrap(),
                    None,
                    None,
                    None,
                    "",
                ))
            });
            Box::pin(std::future::ready(next))
        });
        (reader, calls)
    }

    fn sends(calls: &Arc<Mutex<Vec<String>>>, op: &str) -> usize {
        calls.lock().unwrap().iter().filter(|c| *c == op).count()
    }

    #[tokio::test]
    async fn a_lost_answer_is_resolved_by_a_task_absent_before_and_never_sent_again() {
        let page = |items: Value| Ok(json!({"items": items, "total": 1}));
        let old = json!([{"id": "old", "status": "DONE"}]);
        let (reader, calls) = by_operation(vec![
            ("List", vec![page(old.clone())]),
            ("Start", vec![Err(502)]),
        ]);
        let timer = VirtualTimer::new();
        let err = Follow::<Value>::start(&LIST, reader, Ok(Inputs::default()))
            .timer(timer.clone())
            .await
            .expect_err("the answer was lost");
        assert_eq!(err.performed(), crate::Performed::Maybe);
        let resume = err.resume().expect("a resume").clone();
        assert!(resume.before.read);
        assert_eq!(resume.before.items, BTreeSet::from(["old".to_owned()]));
        assert_eq!(sends(&calls, "Start"), 1);
        // Read back from a journal, in another process: no task yet, then the new one.
        let resume: Resume =
            serde_json::from_str(&serde_json::to_string(&resume).unwrap()).unwrap();
        let (reader, calls) = by_operation(vec![(
            "List",
            vec![
                page(old.clone()),
                page(json!([{"id": "new", "status": "RUNNING"}, old[0]])),
                page(json!([{"id": "new", "status": "DONE"}, old[0]])),
            ],
        )]);
        let seen = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&seen);
        let evidence = Arc::new(Mutex::new(String::new()));
        let told = Arc::clone(&evidence);
        let done: Value = Follow::resume(&LIST, reader, resume.clone())
            .timer(timer.clone())
            .on_change(move |s: &Value| log.lock().unwrap().push(s.clone()))
            .on_evidence(move |what| *told.lock().unwrap() = what.to_owned())
            .await
            .expect("found and followed");
        assert_eq!(done["id"], "new");
        assert_eq!(
            *evidence.lock().unwrap(),
            "List lists new (RUNNING), which it did not list before the request was sent"
        );
        assert!(seen.lock().unwrap().iter().all(|s| s["id"] == "new"));
        assert_eq!(sends(&calls, "Start"), 0);
        // No new task by the deadline: no evidence, which is "maybe", never "no".
        let (reader, _) = by_operation(vec![("List", vec![page(old)])]);
        let err = Follow::<Value>::resume(&LIST, reader, resume)
            .timer(timer)
            .deadline(Duration::from_secs(30))
            .await
            .expect_err("no evidence");
        assert!(matches!(err, WaitError::NoEvidence { .. }), "{err:?}");
        assert_eq!(err.performed(), crate::Performed::Maybe);
    }

    const JOB: WaiterSpec = WaiterSpec {
        operation: "Start",
        flag: "wait",
        summary: "",
        busy: &[],
        reject: &[],
        poll: Read {
            operation: "Job",
            params: &[("job_id", Source::Answer("/job_id"))],
        },
        tasks: None,
        state: "/status",
        success: &["SUCCESS"],
        failure: &["FAIL"],
        pending: &["RUNNING"],
        not_found_grace: 3,
        deadline_secs: 60,
        baseline: Baseline::None,
        verify: None,
        reasons: &[],
        progress: None,
        evidence: Some(Evidence {
            read: Read {
                operation: "Tasks",
                params: &[],
            },
            tasks: Tasks {
                items: "/tasks",
                key: "/id",
                paging: None,
            },
            matches: &[Condition {
                path: "/name",
                equals: Source::Const("swap"),
                all_if: None,
            }],
            state: "/status",
            success: &["SUCCESS"],
            failure: &["FAILED"],
        }),
        look: &[],
    };

    #[tokio::test]
    async fn a_lost_job_id_is_resolved_by_a_record_of_its_kind_and_followed_by_its_state() {
        let tasks = |t: Value| Ok(json!({ "tasks": t }));
        let old = json!({"id": "t-1", "name": "swap", "status": "SUCCESS"});
        let (reader, calls) = by_operation(vec![
            ("Tasks", vec![tasks(json!([old.clone()]))]),
            ("Start", vec![Err(504)]),
        ]);
        let timer = VirtualTimer::new();
        let err = Follow::<Value>::start(&JOB, reader, Ok(Inputs::default()))
            .timer(timer.clone())
            .await
            .expect_err("lost");
        let resume = err.resume().expect("a resume").clone();
        assert_eq!(
            resume.before.records,
            Some(BTreeSet::from(["t-1".to_owned()]))
        );
        assert_eq!(sends(&calls, "Start"), 1);
        let other = json!({"id": "t-2", "name": "resize", "status": "SUCCESS"});
        let (reader, calls) = by_operation(vec![(
            "Tasks",
            vec![
                tasks(json!([other.clone(), old.clone()])),
                tasks(
                    json!([{"id": "t-3", "name": "swap", "status": "RUNNING"}, other.clone(), old.clone()]),
                ),
                tasks(json!([{"id": "t-3", "name": "swap", "status": "FAILED"}, other, old])),
            ],
        )]);
        let err = Follow::<Value>::resume(&JOB, reader, resume)
            .timer(timer)
            .await
            .expect_err("the record found failed");
        match &err {
            WaitError::Failed(state) => assert_eq!(state["id"], "t-3"),
            other => panic!("{other:?}"),
        }
        assert_eq!(err.performed(), crate::Performed::Yes);
        assert_eq!(sends(&calls, "Job"), 0);
    }

    #[tokio::test]
    async fn nothing_read_before_is_no_evidence_at_once() {
        let (reader, calls) = by_operation(vec![("List", vec![Ok(json!({"items": []}))])]);
        let resume = Resume::new("Start", Map::new(), Value::Null);
        let err = Follow::<Value>::resume(&LIST, reader, resume)
            .timer(VirtualTimer::new())
            .await
            .expect_err("nothing to tell it apart");
        assert!(matches!(err, WaitError::NoEvidence { .. }), "{err:?}");
        assert!(calls.lock().unwrap().is_empty());
    }

    const STATUS: WaiterSpec = WaiterSpec {
        operation: "Start",
        flag: "wait",
        summary: "",
        busy: &[],
        reject: &[],
        poll: Read {
            operation: "Status",
            params: &[],
        },
        tasks: None,
        state: "/status",
        success: &["COMPLETE"],
        failure: &["FAILED"],
        pending: &["START"],
        not_found_grace: 3,
        deadline_secs: 60,
        baseline: Baseline::Leave,
        verify: None,
        reasons: &[],
        progress: None,
        evidence: None,
        look: &[],
    };

    #[tokio::test]
    async fn without_a_baseline_a_status_counts_only_after_it_was_seen_in_progress() {
        let status = |s: &str| Ok(json!({ "status": s }));
        // The previous switchover's COMPLETE, and nothing else: no evidence.
        let (reader, _) = by_operation(vec![("Status", vec![status("COMPLETE")])]);
        let err = Follow::<Value>::started(&STATUS, reader, Inputs::default(), Value::Null)
            .timer(VirtualTimer::new())
            .deadline(Duration::from_secs(20))
            .await
            .expect_err("an earlier outcome is no evidence");
        assert!(matches!(err, WaitError::NoEvidence { .. }), "{err:?}");
        // In progress, then complete: this one's outcome.
        let (reader, _) = by_operation(vec![(
            "Status",
            vec![status("COMPLETE"), status("START"), status("COMPLETE")],
        )]);
        let done: Value = Follow::started(&STATUS, reader, Inputs::default(), Value::Null)
            .timer(VirtualTimer::new())
            .await
            .expect("seen in progress, then complete");
        assert_eq!(done["status"], "COMPLETE");
    }

    #[tokio::test]
    async fn a_busy_code_on_a_5xx_is_not_a_refusal_and_never_sent_again() {
        let sends = Arc::new(Mutex::new(0));
        let counter = Arc::clone(&sends);
        let reader: Reader = Arc::new(move |op, _, _| {
            if op == "Start" {
                *counter.lock().unwrap() += 1;
                return Box::pin(std::future::ready(Err(Error::Service(ServiceError::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    Some("X.1".into()),
                    None,
                    None,
                    "",
                )))));
            }
            Box::pin(std::future::ready(Ok(json!({"items": [], "total": 0}))))
        });
        let err = Follow::<Value>::start(&LIST, reader, Ok(Inputs::default()))
            .retry_while_busy(Duration::from_secs(600))
            .timer(VirtualTimer::new())
            .await
            .expect_err("maybe performed");
        assert!(matches!(err, WaitError::Lost { .. }), "{err:?}");
        assert_eq!(err.performed(), crate::Performed::Maybe);
        assert_eq!(*sends.lock().unwrap(), 1);
    }

    #[tokio::test]
    async fn a_busy_refusal_is_typed_and_not_repeated_unless_asked() {
        let busy = || {
            Error::Service(ServiceError::new(
                StatusCode::BAD_REQUEST,
                Some("X.1".into()),
                None,
                None,
                "",
            ))
        };
        let sends = Arc::new(Mutex::new(0));
        let counter = Arc::clone(&sends);
        let reader: Reader = Arc::new(move |op, _, _| {
            if op == "Start" {
                *counter.lock().unwrap() += 1;
                return Box::pin(std::future::ready(Err(busy())));
            }
            Box::pin(std::future::ready(Ok(json!({"items": [], "total": 0}))))
        });
        let err = Follow::<Value>::start(&LIST, reader, Ok(Inputs::default()))
            .timer(VirtualTimer::new())
            .await
            .expect_err("busy");
        assert!(matches!(err, WaitError::Busy(_)), "{err:?}");
        assert_eq!(err.performed(), crate::Performed::No);
        assert_eq!(*sends.lock().unwrap(), 1);
    }
}
