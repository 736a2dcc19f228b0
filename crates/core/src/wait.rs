//! Following an operation that finishes later: poll a read operation until the state it reports
//! is final, with capped exponential backoff and jitter, an overall deadline, and every change of
//! state on the way.
//!
//! The service crates build their waiters (`wait_for_job`, `wait_for_switch_vip`,
//! `watch_upgrade`) on [`poll_changes`], which knows no service: it is given a function that
//! polls once, a function that says whether a state is final, and a function that says whether
//! two states look the same.
//!
//! Polling runs only while the caller awaits: dropping the future or stream stops it at once, and
//! nothing runs in the background. Time comes from a [`Timer`], so tests follow a job that takes
//! ten minutes in milliseconds with a [`VirtualTimer`].

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use futures_util::Stream;
use reqwest::StatusCode;

use crate::error::{Error, ErrorKind, Performed};

pub mod engine;
mod resume;
pub mod spec;

pub use resume::{Before, Resume};

use crate::retry::retryable_status;

/// Where time comes from while waiting.
pub trait Timer: fmt::Debug + Send + Sync {
    /// Time elapsed since some fixed origin.
    fn now(&self) -> Duration;
    /// Waits `duration`.
    fn sleep(&self, duration: Duration) -> Pin<Box<dyn Future<Output = ()> + Send>>;
}

/// Real time, from tokio's clock, measured from when the timer was made.
#[derive(Clone, Copy, Debug)]
pub struct TokioTimer {
    origin: tokio::time::Instant,
}

impl Default for TokioTimer {
    fn default() -> Self {
        Self {
            origin: tokio::time::Instant::now(),
        }
    }
}

impl Timer for TokioTimer {
    fn now(&self) -> Duration {
        self.origin.elapsed()
    }

    fn sleep(&self, duration: Duration) -> Pin<Box<dyn Future<Output = ()> + Send>> {
        Box::pin(tokio::time::sleep(duration))
    }
}

/// Virtual time for tests: a sleep returns at once and moves the clock forward, so a wait of
/// minutes takes no real time. Clones share one clock.
#[derive(Clone, Debug, Default)]
pub struct VirtualTimer {
    nanos: Arc<AtomicU64>,
}

impl VirtualTimer {
    /// A clock at zero.
    pub fn new() -> Self {
        Self::default()
    }

    /// Moves the clock forward.
    pub fn advance(&self, duration: Duration) {
        let nanos = u64::try_from(duration.as_nanos()).unwrap_or(u64::MAX);
        self.nanos.fetch_add(nanos, Ordering::SeqCst);
    }

    /// Every sleep so far, added up.
    pub fn elapsed(&self) -> Duration {
        Duration::from_nanos(self.nanos.load(Ordering::SeqCst))
    }
}

impl Timer for VirtualTimer {
    fn now(&self) -> Duration {
        self.elapsed()
    }

    fn sleep(&self, duration: Duration) -> Pin<Box<dyn Future<Output = ()> + Send>> {
        self.advance(duration);
        Box::pin(std::future::ready(()))
    }
}

/// How patiently to poll: [`PollPolicy::default`], changed with the `with_*` methods.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct PollPolicy {
    /// The wait before the second poll; it doubles after each poll that saw no change.
    pub initial_interval: Duration,
    /// The longest wait between two polls.
    pub max_interval: Duration,
    /// How long to wait in all before giving up with [`WaitError::Deadline`].
    pub deadline: Duration,
    /// How many "not found" (404) answers to take as "not there yet" before any state was seen:
    /// a job may appear a moment after the request that created it.
    pub not_found_grace: u32,
    /// Whether to spread each interval at random over its upper half (avoids polling in step
    /// with other clients).
    pub jitter: bool,
    /// The clock.
    pub timer: Arc<dyn Timer>,
}

impl Default for PollPolicy {
    /// Polls after 1 s, then backs off to at most 10 s between polls, for at most 30 minutes;
    /// tolerates 5 "not found" answers before the first state; jitter on; real time.
    fn default() -> Self {
        Self {
            initial_interval: Duration::from_secs(1),
            max_interval: Duration::from_secs(10),
            deadline: Duration::from_secs(30 * 60),
            not_found_grace: 5,
            jitter: true,
            timer: Arc::new(TokioTimer::default()),
        }
    }
}

impl PollPolicy {
    /// The wait before the second poll; it doubles after each poll that saw no change.
    pub fn with_initial_interval(mut self, interval: Duration) -> Self {
        self.initial_interval = interval;
        self
    }

    /// The longest wait between two polls.
    pub fn with_max_interval(mut self, interval: Duration) -> Self {
        self.max_interval = interval;
        self
    }

    /// How long to wait in all.
    pub fn with_deadline(mut self, deadline: Duration) -> Self {
        self.deadline = deadline;
        self
    }

    /// How many "not found" answers to take as "not there yet" before any state was seen.
    pub fn with_not_found_grace(mut self, polls: u32) -> Self {
        self.not_found_grace = polls;
        self
    }

    /// Whether to spread each interval at random over its upper half.
    pub fn with_jitter(mut self, jitter: bool) -> Self {
        self.jitter = jitter;
        self
    }

    /// The clock ([`VirtualTimer`] in tests).
    pub fn with_timer(mut self, timer: impl Timer + 'static) -> Self {
        self.timer = Arc::new(timer);
        self
    }

    /// The wait after `unchanged` polls in a row that saw no change (0 after a change).
    pub fn interval(&self, unchanged: u32) -> Duration {
        let factor = 2u32.saturating_pow(unchanged.min(31));
        let ceiling = self
            .initial_interval
            .saturating_mul(factor)
            .min(self.max_interval);
        if self.jitter {
            ceiling.mul_f64(0.5 + fastrand::f64() / 2.0)
        } else {
            ceiling
        }
    }
}

/// Whether a state is the end of the wait.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Outcome {
    /// Not over yet (including states this release does not know).
    Pending,
    /// Over, and done.
    Succeeded,
    /// Over, and failed.
    Failed,
}

/// Why a wait did not end in a proven success. [`WaitError::performed`] says, for each, whether
/// the operation may have been performed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WaitError<S: fmt::Debug> {
    /// The request that starts the operation failed: [`Error::performed`] (through
    /// [`WaitError::performed`]) says whether it may have been performed (a [`ErrorKind::MaybeSent`]
    /// switchover may be running: check before sending it again).
    #[error("the request that starts it failed: {0}")]
    Start(#[source] Error),
    /// The request that starts the operation may have been performed, and its answer was lost
    /// (a reset, a timeout after sending, a 5xx): [`Performed::Maybe`] ([`Performed::Yes`] when
    /// an answer came that could not be read). `resume` holds what was read
    /// before sending; the service crate's `Client::resume` looks for evidence that it was
    /// performed and follows what it finds (never sending it again). It serializes, so it can be
    /// kept in a journal and resolved later.
    #[error(
        "the request that starts it may have been performed, and its answer was lost: {error}; \
         resume it to look for evidence"
    )]
    Lost {
        /// Why the answer is missing.
        #[source]
        error: Error,
        /// What resolving it needs.
        resume: Box<Resume>,
    },
    /// The service refused to start it because the instance is busy (one of the spec's `busy`
    /// error codes): nothing was performed; it may be sent again once the instance is idle
    /// (`retry_while_busy`).
    #[error("refused, nothing performed: the instance is busy: {0}")]
    Busy(#[source] Error),
    /// What the operation's outcome is told apart from could not be read before sending (the
    /// status, the tasks, the roles), so nothing was sent.
    #[error("could not read the state before sending, so nothing was sent: {0}")]
    Baseline(#[source] Error),
    /// The service answered the start request but did not accept it.
    #[error("the service did not accept the request: {0}")]
    Rejected(String),
    /// The operation ended and failed; the final state says why.
    #[error("it failed: {0:?}")]
    Failed(Box<S>),
    /// The operation reports success, but the verification read contradicts it (a replica that
    /// should be master is still slave, a node still in the old AZ): not a success.
    #[error("it reports success, but {why}")]
    Contradicted {
        /// The final state, as reported.
        state: Box<S>,
        /// What the verification read shows instead.
        why: String,
    },
    /// Nothing seen tells this operation's outcome from an earlier one's: the status never left
    /// the state it had before the operation was sent (every final state seen may be an earlier
    /// operation's), or, resolving a lost answer, no task or record absent before it appeared.
    /// Absence of evidence is not "not performed".
    #[error(
        "no evidence of this operation's outcome after {waited:?}: nothing read since it was sent \
         differs from what was read before ({last:?})"
    )]
    NoEvidence {
        /// The last state seen.
        last: Option<Box<S>>,
        /// How long it waited.
        waited: Duration,
    },
    /// A watch with no start found no running task to follow (finished ones are not outcomes).
    #[error("nothing runs: no task is in progress to follow")]
    NothingRunning,
    /// The deadline passed before the operation ended. The operation itself goes on.
    #[error(
        "gave up after {waited:?} without an outcome; last state seen: {last:?}{}",
        last_error.as_ref().map(|e| format!("; last poll error: {e}")).unwrap_or_default()
    )]
    Deadline {
        /// The last state seen, if any.
        last: Option<Box<S>>,
        /// How long it waited.
        waited: Duration,
        /// The error of the last poll, when it failed with a transient error.
        last_error: Option<Error>,
    },
    /// A poll failed with an error that polling again will not cure (401, 403, 404 past the
    /// grace, a body that does not decode). The operation itself may still be running.
    #[error("following it failed: {0}")]
    Poll(#[source] Error),
}

impl<S: fmt::Debug> WaitError<S> {
    /// Whether the operation may have been performed, the one answer the waiters and `hwc`'s
    /// `performed:` line give: [`Performed::No`] when the start never reached the service, was
    /// refused (4xx, busy, rejected) or a watch found nothing running; [`Performed::Yes`] when it
    /// ran and failed; [`Performed::Maybe`] otherwise (accepted, but nothing proves its outcome,
    /// or the verification contradicts the reported success). The start is a non-idempotent
    /// operation: a 2xx answer with an error body is [`Performed::Maybe`].
    pub fn performed(&self) -> Performed {
        match self {
            Self::Start(e) => e.performed(false),
            Self::Lost { error, .. } => error.performed(false),
            Self::Busy(_) | Self::Baseline(_) | Self::Rejected(_) | Self::NothingRunning => {
                Performed::No
            }
            Self::Failed(_) => Performed::Yes,
            Self::Contradicted { .. }
            | Self::NoEvidence { .. }
            | Self::Deadline { .. }
            | Self::Poll(_) => Performed::Maybe,
        }
    }

    /// Whether the operation may have been started: [`WaitError::performed`] is not
    /// [`Performed::No`].
    pub fn may_have_been_performed(&self) -> bool {
        self.performed() != Performed::No
    }

    /// When the start's answer was lost ([`WaitError::Lost`]): what it takes to look for
    /// evidence that it was performed and follow it.
    pub fn resume(&self) -> Option<&Resume> {
        match self {
            Self::Lost { resume, .. } => Some(resume),
            _ => None,
        }
    }

    /// The last state seen, if any.
    pub fn last_state(&self) -> Option<&S> {
        match self {
            Self::Failed(s) | Self::Contradicted { state: s, .. } => Some(s),
            Self::Deadline { last, .. } | Self::NoEvidence { last, .. } => last.as_deref(),
            _ => None,
        }
    }

    /// The same error with its states turned into another type.
    pub fn map_state<T: fmt::Debug>(self, f: impl Fn(S) -> T) -> WaitError<T> {
        let boxed = |s: Box<S>| Box::new(f(*s));
        match self {
            Self::Start(e) => WaitError::Start(e),
            Self::Lost { error, resume } => WaitError::Lost { error, resume },
            Self::Busy(e) => WaitError::Busy(e),
            Self::Baseline(e) => WaitError::Baseline(e),
            Self::Rejected(r) => WaitError::Rejected(r),
            Self::Failed(s) => WaitError::Failed(boxed(s)),
            Self::Contradicted { state, why } => WaitError::Contradicted {
                state: boxed(state),
                why,
            },
            Self::NoEvidence { last, waited } => WaitError::NoEvidence {
                last: last.map(boxed),
                waited,
            },
            Self::NothingRunning => WaitError::NothingRunning,
            Self::Deadline {
                last,
                waited,
                last_error,
            } => WaitError::Deadline {
                last: last.map(boxed),
                waited,
                last_error,
            },
            Self::Poll(e) => WaitError::Poll(e),
        }
    }
}

/// Whether an error of a poll is worth polling again for: the request never left, it may have
/// been lost, or the service was busy (429, 5xx). The core has already retried the poll itself.
fn transient(error: &Error) -> bool {
    match error.kind() {
        ErrorKind::NotSent | ErrorKind::MaybeSent => true,
        ErrorKind::Service => error.status().is_some_and(retryable_status),
        _ => false,
    }
}

struct State<S, P> {
    poll: P,
    policy: PollPolicy,
    started: Option<Duration>,
    last: Option<S>,
    unchanged: u32,
    not_found: u32,
    last_error: Option<Error>,
    polled: bool,
    done: bool,
}

/// Polls with `poll` until `outcome` says a state is final, as a stream of every change: each
/// state that `same` does not equate with the previous one is an item; a final success state is
/// the last item, and a failure, the deadline or a poll error end the stream with an `Err`.
///
/// The first poll is immediate. Transient poll errors ([`ErrorKind::NotSent`],
/// [`ErrorKind::MaybeSent`], 429, 5xx) keep it polling until the deadline; a 404 before any state
/// was seen is "not there yet" up to [`PollPolicy::not_found_grace`] times; any other error ends
/// it.
pub fn poll_changes<S, P, F>(
    policy: PollPolicy,
    poll: P,
    outcome: fn(&S) -> Outcome,
    same: fn(&S, &S) -> bool,
) -> impl Stream<Item = Result<S, WaitError<S>>>
where
    S: fmt::Debug + Clone,
    P: FnMut() -> F,
    F: Future<Output = Result<S, Error>>,
{
    let state = State {
        poll,
        policy,
        started: None,
        last: None,
        unchanged: 0,
        not_found: 0,
        last_error: None,
        polled: false,
        done: false,
    };
    futures_util::stream::unfold(state, move |mut st| async move {
        if st.done {
            return None;
        }
        let timer = Arc::clone(&st.policy.timer);
        let started = *st.started.get_or_insert_with(|| timer.now());
        loop {
            if st.polled {
                let waited = timer.now().saturating_sub(started);
                let remaining = st.policy.deadline.saturating_sub(waited);
                if remaining.is_zero() {
                    st.done = true;
                    let error = WaitError::Deadline {
                        last: st.last.take().map(Box::new),
                        waited,
                        last_error: st.last_error.take(),
                    };
                    return Some((Err(error), st));
                }
                let interval = st.policy.interval(st.unchanged).min(remaining);
                timer.sleep(interval).await;
            }
            st.polled = true;
            match (st.poll)().await {
                Ok(state) => {
                    st.last_error = None;
                    let changed = st.last.as_ref().is_none_or(|last| !same(last, &state));
                    st.last = Some(state.clone());
                    let verdict = outcome(&state);
                    if verdict == Outcome::Failed {
                        st.done = true;
                        return Some((Err(WaitError::Failed(Box::new(state))), st));
                    }
                    if verdict == Outcome::Succeeded {
                        st.done = true;
                        return Some((Ok(state), st));
                    }
                    if changed {
                        st.unchanged = 0;
                        return Some((Ok(state), st));
                    }
                    st.unchanged = st.unchanged.saturating_add(1);
                }
                Err(error)
                    if st.last.is_none()
                        && error.status() == Some(StatusCode::NOT_FOUND)
                        && st.not_found < st.policy.not_found_grace =>
                {
                    st.not_found += 1;
                    st.unchanged = st.unchanged.saturating_add(1);
                    tracing::debug!(attempt = st.not_found, "not found yet; polling again");
                }
                Err(error) if transient(&error) => {
                    tracing::warn!(%error, "poll failed; polling again");
                    st.last_error = Some(error);
                    st.unchanged = st.unchanged.saturating_add(1);
                }
                Err(error) => {
                    st.done = true;
                    return Some((Err(WaitError::Poll(error)), st));
                }
            }
        }
    })
}

/// Drives [`poll_changes`] to its end, calling `on_change` with every item, and returns the final
/// state or the error that ended it.
pub async fn wait_until<S, St>(stream: St, mut on_change: impl FnMut(&S)) -> Result<S, WaitError<S>>
where
    S: fmt::Debug,
    St: Stream<Item = Result<S, WaitError<S>>>,
{
    use futures_util::StreamExt;
    let mut stream = std::pin::pin!(stream);
    let mut last = None;
    while let Some(item) = stream.next().await {
        match item {
            Ok(state) => {
                on_change(&state);
                last = Some(state);
            }
            Err(error) => return Err(error),
        }
    }
    // The stream ends after a success state, always preceded by it.
    last.ok_or_else(|| {
        WaitError::Poll(Error::InvalidRequest(
            "the wait ended without a state".into(),
        ))
    })
}

/// A future of one poll.
pub type PollFuture<'a, S> = Pin<Box<dyn Future<Output = Result<S, Error>> + Send + 'a>>;

/// A wait for one operation to end, as the service crates hand it out (`wait_for_job`,
/// `wait_for_switch_vip`, ...): configure how patiently to poll and what to do with each change,
/// then `.await` it (or call [`Waiter::wait`]) for the final state, or take [`Waiter::stream`] of
/// every change.
pub struct Waiter<'a, S> {
    poll: Box<dyn FnMut() -> PollFuture<'a, S> + Send + 'a>,
    outcome: fn(&S) -> Outcome,
    same: fn(&S, &S) -> bool,
    policy: PollPolicy,
    on_change: Option<OnChange<'a, S>>,
}

/// What [`Waiter::on_change`] keeps.
type OnChange<'a, S> = Box<dyn FnMut(&S) + Send + 'a>;

impl<S> fmt::Debug for Waiter<'_, S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Waiter")
            .field("policy", &self.policy)
            .finish_non_exhaustive()
    }
}

impl<'a, S> Waiter<'a, S>
where
    S: fmt::Debug + Clone + Send + 'a,
{
    /// A wait that polls with `poll`, ends when `outcome` says so, and reports a change whenever
    /// `same` tells two states apart.
    pub fn new(
        poll: impl FnMut() -> PollFuture<'a, S> + Send + 'a,
        outcome: fn(&S) -> Outcome,
        same: fn(&S, &S) -> bool,
    ) -> Self {
        Self {
            poll: Box::new(poll),
            outcome,
            same,
            policy: PollPolicy::default(),
            on_change: None,
        }
    }

    /// Polls as `policy` says (default [`PollPolicy::default`]).
    pub fn policy(mut self, policy: PollPolicy) -> Self {
        self.policy = policy;
        self
    }

    /// The wait before the second poll (default 1 s); it doubles while nothing changes.
    pub fn interval(mut self, interval: Duration) -> Self {
        self.policy.initial_interval = interval;
        self
    }

    /// The longest wait between two polls (default 10 s).
    pub fn max_interval(mut self, interval: Duration) -> Self {
        self.policy.max_interval = interval;
        self
    }

    /// How long to wait in all (default 30 minutes).
    pub fn deadline(mut self, deadline: Duration) -> Self {
        self.policy.deadline = deadline;
        self
    }

    /// Takes time from `timer` (tests: a [`VirtualTimer`]).
    pub fn timer(mut self, timer: impl Timer + 'static) -> Self {
        self.policy.timer = Arc::new(timer);
        self
    }

    /// Calls `on_change` with every new state, the final one included.
    pub fn on_change(mut self, on_change: impl FnMut(&S) + Send + 'a) -> Self {
        self.on_change = Some(Box::new(on_change));
        self
    }

    /// Every change of state, ending with the final success state, or with the error that ended
    /// the wait. `on_change` is not called: the stream's consumer sees every item.
    pub fn stream(self) -> impl Stream<Item = Result<S, WaitError<S>>> + Send + 'a {
        poll_changes(self.policy, self.poll, self.outcome, self.same)
    }

    /// Waits for the end: the final state on success, or why it did not succeed.
    pub async fn wait(mut self) -> Result<S, WaitError<S>> {
        let mut on_change = self.on_change.take();
        wait_until(self.stream(), |state| {
            if let Some(f) = on_change.as_mut() {
                f(state);
            }
        })
        .await
    }
}

impl<'a, S> std::future::IntoFuture for Waiter<'a, S>
where
    S: fmt::Debug + Clone + Send + 'a,
{
    type Output = Result<S, WaitError<S>>;
    type IntoFuture = Pin<Box<dyn Future<Output = Self::Output> + Send + 'a>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.wait())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures_util::StreamExt;
    use std::sync::Mutex;

    #[derive(Clone, Debug, PartialEq)]
    struct Job(&'static str);

    fn outcome(job: &Job) -> Outcome {
        match job.0 {
            "SUCCESS" => Outcome::Succeeded,
            "FAIL" => Outcome::Failed,
            _ => Outcome::Pending,
        }
    }

    fn same(a: &Job, b: &Job) -> bool {
        a == b
    }

    fn policy(timer: &VirtualTimer) -> PollPolicy {
        PollPolicy {
            initial_interval: Duration::from_secs(1),
            max_interval: Duration::from_secs(8),
            deadline: Duration::from_secs(600),
            not_found_grace: 2,
            jitter: false,
            timer: Arc::new(timer.clone()),
        }
    }

    fn script(
        answers: Vec<Result<Job, Error>>,
    ) -> impl FnMut() -> std::future::Ready<Result<Job, Error>> {
        let answers = Arc::new(Mutex::new(answers.into_iter()));
        move || {
            let next = answers.lock().unwrap().next();
            std::future::ready(next.unwrap_or(Ok(Job("RUNNING"))))
        }
    }

    fn service(status: u16) -> Error {
        Error::Service(crate::ServiceError {
            status: StatusCode::from_u16(status).unwrap(),
            error_code: None,
            error_msg: None,
            request_id: None,
            body_snippet: String::new(),
        })
    }

    #[tokio::test]
    async fn yields_each_change_and_ends_on_success() {
        let timer = VirtualTimer::new();
        let answers = vec![
            Ok(Job("INIT")),
            Ok(Job("INIT")),
            Ok(Job("RUNNING")),
            Ok(Job("RUNNING")),
            Ok(Job("SUCCESS")),
        ];
        let items: Vec<_> = poll_changes(policy(&timer), script(answers), outcome, same)
            .collect()
            .await;
        let states: Vec<_> = items.into_iter().map(|i| i.unwrap().0).collect();
        assert_eq!(states, ["INIT", "RUNNING", "SUCCESS"]);
        // Intervals: after INIT (changed) 1 s; after INIT again 2 s; after RUNNING 1 s; 2 s.
        assert_eq!(timer.elapsed(), Duration::from_secs(6));
    }

    #[tokio::test]
    async fn backoff_is_capped() {
        let timer = VirtualTimer::new();
        let p = policy(&timer);
        let waits: Vec<u64> = (0..6).map(|n| p.interval(n).as_secs()).collect();
        assert_eq!(waits, [1, 2, 4, 8, 8, 8]);
        let jittered = PollPolicy { jitter: true, ..p };
        for n in 0..6 {
            let ceiling = jittered.initial_interval * 2u32.pow(n).min(8);
            let wait = jittered.interval(n);
            assert!(wait <= ceiling && wait >= ceiling / 2, "{wait:?} for {n}");
        }
    }

    #[tokio::test]
    async fn a_failure_ends_with_the_final_state() {
        let timer = VirtualTimer::new();
        let answers = vec![Ok(Job("RUNNING")), Ok(Job("FAIL"))];
        let result = wait_until(
            poll_changes(policy(&timer), script(answers), outcome, same),
            |_| {},
        )
        .await;
        match result {
            Err(WaitError::Failed(job)) => assert_eq!(*job, Job("FAIL")),
            other => panic!("{other:?}"),
        }
    }

    #[tokio::test]
    async fn the_deadline_reports_the_last_state() {
        let timer = VirtualTimer::new();
        let result = wait_until(
            poll_changes(policy(&timer), script(vec![]), outcome, same),
            |_| {},
        )
        .await;
        match result {
            Err(WaitError::Deadline { last, waited, .. }) => {
                assert_eq!(last.as_deref(), Some(&Job("RUNNING")));
                assert_eq!(waited, Duration::from_secs(600));
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(timer.elapsed(), Duration::from_secs(600));
    }

    #[tokio::test]
    async fn not_found_is_tolerated_only_at_first_and_only_a_few_times() {
        let timer = VirtualTimer::new();
        let late = vec![Err(service(404)), Err(service(404)), Ok(Job("SUCCESS"))];
        let job = wait_until(
            poll_changes(policy(&timer), script(late), outcome, same),
            |_| {},
        )
        .await
        .expect("found after two 404s");
        assert_eq!(job, Job("SUCCESS"));

        let gone = vec![Err(service(404)), Err(service(404)), Err(service(404))];
        let result = wait_until(
            poll_changes(policy(&timer), script(gone), outcome, same),
            |_| {},
        )
        .await;
        assert!(
            matches!(result, Err(WaitError::Poll(e)) if e.status() == Some(StatusCode::NOT_FOUND))
        );

        let vanished = vec![Ok(Job("RUNNING")), Err(service(404))];
        let result = wait_until(
            poll_changes(policy(&timer), script(vanished), outcome, same),
            |_| {},
        )
        .await;
        assert!(matches!(result, Err(WaitError::Poll(_))), "{result:?}");
    }

    #[tokio::test]
    async fn transient_errors_keep_polling_and_others_stop_at_once() {
        let timer = VirtualTimer::new();
        let busy = vec![Ok(Job("RUNNING")), Err(service(503)), Ok(Job("SUCCESS"))];
        let mut seen = Vec::new();
        let job = wait_until(
            poll_changes(policy(&timer), script(busy), outcome, same),
            |j| seen.push(j.0),
        )
        .await
        .expect("the 503 is ridden out");
        assert_eq!(job, Job("SUCCESS"));
        assert_eq!(seen, ["RUNNING", "SUCCESS"]);

        let denied = vec![Ok(Job("RUNNING")), Err(service(401)), Ok(Job("SUCCESS"))];
        let result = wait_until(
            poll_changes(policy(&timer), script(denied), outcome, same),
            |_| {},
        )
        .await;
        assert!(
            matches!(&result, Err(WaitError::Poll(e)) if e.status() == Some(StatusCode::UNAUTHORIZED)),
            "{result:?}"
        );
    }

    #[tokio::test]
    async fn dropping_the_stream_stops_polling() {
        let timer = VirtualTimer::new();
        let polls = Arc::new(AtomicU64::new(0));
        let counter = Arc::clone(&polls);
        let poll = move || {
            counter.fetch_add(1, Ordering::SeqCst);
            std::future::ready(Ok::<_, Error>(Job("RUNNING")))
        };
        let mut stream = Box::pin(poll_changes(policy(&timer), poll, outcome, same));
        assert_eq!(stream.next().await.unwrap().unwrap(), Job("RUNNING"));
        drop(stream);
        assert_eq!(polls.load(Ordering::SeqCst), 1);
    }

    #[test]
    fn whether_it_may_have_been_performed() {
        let refused: WaitError<Job> = WaitError::Start(Error::InvalidRequest("bad id".into()));
        assert!(!refused.may_have_been_performed());
        let answered: WaitError<Job> = WaitError::Start(service(400));
        assert!(!answered.may_have_been_performed());
        // A 2xx answer with an error body on a switchover: it may have been taken.
        let mixed: WaitError<Job> = WaitError::Start(service(200));
        assert_eq!(mixed.performed(), Performed::Maybe);
        let busy: WaitError<Job> = WaitError::Busy(service(400));
        assert_eq!(busy.performed(), Performed::No);
        let unproven: WaitError<Job> = WaitError::NoEvidence {
            last: None,
            waited: Duration::ZERO,
        };
        assert_eq!(unproven.performed(), Performed::Maybe);
        let unknown: WaitError<Job> = WaitError::Start(service(502));
        assert!(unknown.may_have_been_performed());
        let rejected: WaitError<Job> = WaitError::Rejected("failed".into());
        assert!(!rejected.may_have_been_performed());
        let failed = WaitError::Failed(Box::new(Job("FAIL")));
        assert!(failed.may_have_been_performed());
        assert_eq!(failed.last_state(), Some(&Job("FAIL")));
    }
}
