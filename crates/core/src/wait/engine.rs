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

use super::spec::{Baseline, Condition, Read, Select, Source, WaiterSpec};
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

/// What the engine knows while following one operation.
struct Ctx {
    spec: &'static WaiterSpec,
    reader: Reader,
    inputs: Inputs,
    answer: Value,
    /// `baseline: leave`: the state before sending (`None`: there was none).
    before_state: Option<String>,
    /// `baseline: new-item`: the task ids listed before sending.
    before_items: BTreeSet<String>,
    /// `select-before`: the keys of the items the verification checks.
    before_selected: Vec<String>,
    /// Whether to run the verification read.
    verify: bool,
    /// Mutable: the pinned task id, and whether the status left the baseline.
    follow: Mutex<FollowState>,
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
    fn resolve(&self, source: &Source) -> Option<String> {
        match source {
            Source::Const(c) => Some((*c).to_owned()),
            Source::Param(name) => self.inputs.params.get(*name).and_then(text),
            Source::Answer(p) => self.answer.pointer(p).and_then(text),
            Source::Body(p) => self.inputs.body.pointer(p).and_then(text),
        }
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
        let state = value.pointer(self.spec.state).and_then(text);
        match state.as_deref() {
            Some(s) if self.spec.success.contains(&s) => Outcome::Succeeded,
            Some(s) if self.spec.failure.contains(&s) => Outcome::Failed,
            _ => Outcome::Pending,
        }
    }

    async fn read(&self, read: &Read, extra: &[(String, String)]) -> Result<Value, Error> {
        let mut params = self.params(read);
        params.extend(extra.iter().cloned());
        (self.reader)(read.operation, params, None).await
    }

    /// Every task the poll lists, every page.
    async fn tasks(&self) -> Result<Vec<Value>, Error> {
        let tasks = self.spec.tasks.as_ref().expect("a task list");
        let items = |v: &Value| -> Vec<Value> {
            v.pointer(tasks.items)
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default()
        };
        let Some(paging) = tasks.paging else {
            return Ok(items(&self.read(&self.spec.poll, &[]).await?));
        };
        let mut all = Vec::new();
        let mut offset = paging.first;
        // At most 1000 pages: a service that never ends its list does not keep us forever.
        for _ in 0..1000 {
            let page = self
                .read(
                    &self.spec.poll,
                    &[
                        (paging.offset.to_owned(), offset.to_string()),
                        (paging.limit.to_owned(), paging.size.to_string()),
                    ],
                )
                .await?;
            let found = items(&page);
            let count = found.len() as i64;
            all.extend(found);
            let total = page.pointer(paging.total).and_then(Value::as_i64);
            if count == 0 || count < paging.size || total.is_some_and(|t| all.len() as i64 >= t) {
                break;
            }
            offset += paging.size;
        }
        Ok(all)
    }

    fn key(&self, task: &Value) -> Option<String> {
        let tasks = self.spec.tasks.as_ref()?;
        task.pointer(tasks.key).and_then(text)
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
        for field in ["/error_code", "/error_msg"] {
            if let Some(v) = self.answer.pointer(field).and_then(text) {
                why.push_str(&format!(", {} {v}", field.trim_start_matches('/')));
            }
        }
        Some(why)
    }

    /// One poll.
    async fn poll(&self) -> Result<Obs, Error> {
        let value = if self.spec.tasks.is_some() {
            let tasks = self.tasks().await?;
            let pinned = self.follow.lock().expect("not poisoned").pinned.clone();
            let found = match pinned {
                Some(id) => tasks
                    .into_iter()
                    .find(|t| self.key(t).as_deref() == Some(&id)),
                None => tasks
                    .into_iter()
                    .find(|t| self.key(t).is_some_and(|k| !self.before_items.contains(&k))),
            };
            let task = found.ok_or_else(no_task)?;
            if let Some(id) = self.key(&task) {
                self.follow.lock().expect("not poisoned").pinned = Some(id);
            }
            task
        } else {
            self.read(&self.spec.poll, &[]).await?
        };
        let mut verdict = self.verdict(&value);
        let mut unproven = false;
        if self.spec.baseline == Baseline::Leave {
            let mut follow = self.follow.lock().expect("not poisoned");
            let state = value.pointer(self.spec.state).and_then(text);
            if !follow.left && (verdict == Outcome::Pending || state != self.before_state) {
                follow.left = true;
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
            let items = select(&answer, verify.items);
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
                            .is_some_and(|k| self.before_selected.contains(&k))
                    })
                    .collect(),
            };
            let expected = self.resolve(&verify.expect.equals).unwrap_or_default();
            let field = verify.expect.path.trim_start_matches('/');
            if chosen.is_empty() {
                why = format!(
                    "{} lists none of the items it should check ({} {})",
                    verify.read.operation,
                    verify.key.trim_start_matches('/'),
                    match &verify.select {
                        Select::Now(all) => all
                            .iter()
                            .filter_map(|c| self.resolve(&c.equals))
                            .collect::<Vec<_>>()
                            .join(", "),
                        Select::Before(_) => self.before_selected.join(", "),
                    }
                );
                continue;
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
                return Ok(Ok(()));
            }
            why = format!("{} shows {}", verify.read.operation, wrong.join("; "));
        }
        Ok(Err(why))
    }
}

/// Why the start's own `answer` is a rejection under the spec's `reject` conditions, if it is.
#[doc(hidden)]
pub fn rejection(spec: &'static WaiterSpec, inputs: &Inputs, answer: &Value) -> Option<String> {
    let ctx = Ctx {
        spec,
        reader: Arc::new(|_, _, _| Box::pin(std::future::ready(Ok(Value::Null)))),
        inputs: inputs.clone(),
        answer: answer.clone(),
        before_state: None,
        before_items: BTreeSet::new(),
        before_selected: Vec::new(),
        verify: false,
        follow: Mutex::new(FollowState::default()),
    };
    ctx.rejection()
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
    error.service_error().is_some_and(|e| {
        !e.status.is_success()
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

/// The start, sent by the engine: the operation's name (sent through the [`Reader`]).
enum Start {
    /// Send the spec's operation with the inputs, then follow it.
    Send,
    /// Send with this function (a command line's own request), then follow it.
    With(Sender),
    /// Follow only (a `wait_for_*` with an id, or a watch).
    None { answer: Value },
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
            ..
        } = self;
        let policy_for_verify = policy.clone();
        let prelude = async move {
            let inputs = inputs.map_err(|e| WaitError::Start(Error::InvalidRequest(e)))?;
            prepare(spec, reader, inputs, start, &policy, busy_deadline, verify).await
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

/// Reads the baseline, sends the start (once, or again while busy if asked), checks its answer.
async fn prepare(
    spec: &'static WaiterSpec,
    reader: Reader,
    inputs: Inputs,
    start: Start,
    policy: &PollPolicy,
    busy_deadline: Option<Duration>,
    verify: bool,
) -> Result<Ctx, WaitError<Value>> {
    let (send, mut sender, answer) = match start {
        Start::Send => (true, None, Value::Null),
        Start::With(sender) => (true, Some(sender), Value::Null),
        Start::None { answer } => (false, None, answer),
    };
    let mut ctx = Ctx {
        spec,
        reader,
        inputs,
        answer,
        before_state: None,
        before_items: BTreeSet::new(),
        before_selected: Vec::new(),
        verify,
        follow: Mutex::new(FollowState::default()),
    };
    // What was there before: nothing is sent when it cannot be read.
    let baseline = |e: Error| WaitError::Baseline(e);
    match spec.baseline {
        Baseline::Leave if send => match ctx.read(&spec.poll, &[]).await {
            Ok(v) => ctx.before_state = v.pointer(spec.state).and_then(text),
            // Never switched before: nothing to tell apart.
            Err(e) if e.status().is_some_and(|s| s.is_client_error()) => {}
            Err(e) => return Err(baseline(e)),
        },
        Baseline::Leave => ctx.follow.get_mut().expect("not poisoned").left = true,
        Baseline::NewItem => {
            let tasks = ctx.tasks().await.map_err(baseline)?;
            ctx.before_items = tasks.iter().filter_map(|t| ctx.key(t)).collect();
        }
        Baseline::RunningItem => {
            let asked = spec
                .tasks
                .and_then(|t| ctx.inputs.params.get(t.key.trim_start_matches('/')))
                .or_else(|| ctx.inputs.params.get("task_id"))
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
        Baseline::None => {}
    }
    // A verification of what was there before needs the state before the start: what was
    // started already (`Follow::started`) can be followed to its end, but not proven that way.
    if !send
        && spec
            .verify
            .as_ref()
            .is_some_and(|v| matches!(v.select, Select::Before(_)))
    {
        ctx.verify = false;
    }
    if let Some(verify) = spec.verify.as_ref().filter(|_| ctx.verify)
        && let Select::Before(all) = &verify.select
    {
        let answer = ctx.read(&verify.read, &[]).await.map_err(baseline)?;
        ctx.before_selected = select(&answer, verify.items)
            .into_iter()
            .filter(|i| all.iter().all(|c| ctx.holds(c, i)))
            .filter_map(|i| i.pointer(verify.key).and_then(text))
            .collect();
    }
    if !send {
        return Ok(ctx);
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
            Err(e) => return Err(WaitError::Start(e)),
        }
    };
    ctx.answer = answer;
    if let Some(c) = spec.reject.iter().find(|c| ctx.holds(c, &ctx.answer)) {
        let mut why = format!(
            "{} answered {} {}",
            spec.operation,
            c.path.trim_start_matches('/'),
            ctx.answer
                .pointer(c.path)
                .and_then(text)
                .unwrap_or_default()
        );
        for field in ["/error_code", "/error_msg"] {
            if let Some(v) = ctx.answer.pointer(field).and_then(text) {
                why.push_str(&format!(", {} {v}", field.trim_start_matches('/')));
            }
        }
        return Err(WaitError::Rejected(why));
    }
    Ok(ctx)
}

/// Turns one poll item into the engine's outcome: a success is verified; a deadline that held
/// back a final state for want of evidence is [`WaitError::NoEvidence`].
async fn settle(
    ctx: &Ctx,
    policy: &PollPolicy,
    item: Result<Obs, WaitError<Obs>>,
) -> Result<Value, WaitError<Value>> {
    match item {
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
            if last.as_ref().is_some_and(|o| o.unproven) =>
        {
            Err(WaitError::NoEvidence {
                last: last.map(|o| Box::new(o.value)),
                waited,
            })
        }
        Err(e) => Err(e.map_state(|o| o.value)),
    }
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
    use crate::wait::spec::{Paging, Tasks};
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
