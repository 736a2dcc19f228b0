//! What a spec's `x-waiter` extension declares, as `cargo xtask generate` writes it into each
//! service crate's `WAITERS` table: how the operation is followed, what proves its outcome, and
//! what counts as this operation's outcome rather than an earlier one's. The engine
//! ([`super::engine`]) reads it; it knows no service.
//!
//! Paths are JSON pointers into an answer (RFC 6901), where a segment `*` stands for every
//! element of an array (`/group_list/*/replication_list/*`).

/// One waiter: the spec's `x-waiter` on an operation.
#[doc(hidden)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WaiterSpec {
    /// The operation that carries it (`operationId`): a start (`SwitchVip`) or a read that can be
    /// watched (`UpgradeDetail`).
    pub operation: &'static str,
    /// The command-line flag that asks for it: `wait` on a start, `watch` on a read.
    pub flag: &'static str,
    /// What following it does, in a sentence (the flag's help).
    pub summary: &'static str,
    /// Error codes of the start's answer that mean "refused, nothing performed, the instance is
    /// busy" (`busy`).
    pub busy: &'static [&'static str],
    /// Conditions on the start's own (2xx) answer that make it a rejection (`reject`).
    pub reject: &'static [Condition],
    /// The read that is polled (`poll`).
    pub poll: Read,
    /// When the read answers a list of tasks (`tasks`): where they are and what identifies one.
    pub tasks: Option<Tasks>,
    /// Where the state is in the polled answer (or in a task of it) (`state`).
    pub state: &'static str,
    /// States that end the wait in success, subject to the baseline and the verification.
    pub success: &'static [&'static str],
    /// States that end the wait in failure.
    pub failure: &'static [&'static str],
    /// States known to mean "in progress"; any state in no list is taken as in progress too (the
    /// enums are open).
    pub pending: &'static [&'static str],
    /// How many "not found" answers (404, or no matching task) are "not there yet" before any
    /// state was seen (`not-found-grace`).
    pub not_found_grace: u32,
    /// The default deadline, in seconds (`deadline`).
    pub deadline_secs: u64,
    /// What counts as this operation's outcome rather than an earlier one's (`baseline`).
    pub baseline: Baseline,
    /// The read that proves a success (`verify`).
    pub verify: Option<Verify>,
    /// Pointers, into a state or the start's answer, to what says why it failed or was not
    /// accepted (`reasons`: `/fail_reason`, `/error_code`).
    pub reasons: &'static [&'static str],
    /// How a state lists the nodes it works through (`progress`), for a display.
    pub progress: Option<Progress>,
    /// Where evidence is looked for when the start's answer was lost and the poll needs it
    /// (a job id): `evidence`. With `baseline: leave` or `new-item` the baseline is the evidence.
    pub evidence: Option<Evidence>,
    /// The reads made before a non-idempotent start, to show a person what is about to change
    /// and to refuse a busy target before anything is sent (`look`).
    pub look: &'static [Look],
}

/// A read made before a start (`look`): what it shows of the target, the target's name, and
/// what makes the target busy.
#[doc(hidden)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Look {
    /// The read and where each of its parameters comes from (never the start's answer).
    pub read: Read,
    /// The read's request body, when it takes one (`body`).
    pub body: Option<Template>,
    /// Pointers (with `*`) to what is shown (`show`).
    pub show: &'static [&'static str],
    /// Pointer to the target's name, accepted when typed beside its ids (`name`).
    pub name: Option<&'static str>,
    /// What makes the target busy (`busy`).
    pub busy: &'static [Busy],
}

/// A request body: JSON whose leaves may come from the start's inputs.
#[doc(hidden)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Template {
    /// A string (a constant, or a value from the start's parameters or body).
    Value(Source),
    /// A JSON literal other than a string (`3`, `true`, `null`).
    Literal(&'static str),
    /// A list.
    List(&'static [Template]),
    /// A map.
    Map(&'static [(&'static str, Template)]),
}

/// "The target is busy when the value at `path` (with `*`: any value it reaches) is as `when`
/// says"; `say` is what it means, in words.
#[doc(hidden)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Busy {
    /// Pointer into the read's answer.
    pub path: &'static str,
    /// What the value is.
    pub when: When,
    /// What it means, in words.
    pub say: &'static str,
}

/// A test on a value.
#[doc(hidden)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum When {
    /// `present: true`: set, and neither null nor empty (`""`, `[]`, `{}`).
    Present,
    /// `one-of: [...]`: one of these values (as text).
    OneOf(&'static [&'static str]),
}

/// Where a state lists the nodes a task works through: each a list, or a string of names
/// separated by commas.
#[doc(hidden)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    /// Every node.
    pub total: &'static str,
    /// The nodes done.
    pub done: &'static str,
    /// The node in progress.
    pub current: Option<&'static str>,
}

/// Where evidence that a start was performed is looked for when its answer (the id the poll
/// needs) was lost: a read that lists records of what was performed on the target. The records
/// are listed before sending; one absent from that list and meeting every condition of `matches`
/// is the evidence, and is then followed to its end by its own state.
#[doc(hidden)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Evidence {
    /// The read.
    pub read: Read,
    /// Where its records are, what identifies one, how to read every page.
    pub tasks: Tasks,
    /// What a record of this operation meets (its kind).
    pub matches: &'static [Condition],
    /// Where a record's state is.
    pub state: &'static str,
    /// A record's states that are a success.
    pub success: &'static [&'static str],
    /// A record's states that are a failure.
    pub failure: &'static [&'static str],
}

/// A read operation and where each of its parameters comes from.
#[doc(hidden)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Read {
    /// The read's `operationId`.
    pub operation: &'static str,
    /// Each parameter the waiter sets (the client's project is always used).
    pub params: &'static [(&'static str, Source)],
}

/// Where a value comes from.
#[doc(hidden)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// A constant (`AZ_MIGRATION`).
    Const(&'static str),
    /// A parameter of the start (or of the watched read): `{param: job_id}`.
    Param(&'static str),
    /// A pointer into the start's answer: `{answer: /job_id}`.
    Answer(&'static str),
    /// A pointer into the start's request body: `{body: /target_az}`.
    Body(&'static str),
}

/// "The value at `path` equals `equals`"; with `all_if`, any value matches when `equals` is
/// `all_if` (a node type `all`).
#[doc(hidden)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Condition {
    /// Pointer into the answer (or the item).
    pub path: &'static str,
    /// The value it must have.
    pub equals: Source,
    /// The value of `equals` for which the condition holds for any value.
    pub all_if: Option<&'static str>,
}

/// An answer that lists tasks.
#[doc(hidden)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tasks {
    /// Pointer to the array of tasks.
    pub items: &'static str,
    /// Pointer, within a task, to its id.
    pub key: &'static str,
    /// How to read every page.
    pub paging: Option<Paging>,
}

/// Offset paging.
#[doc(hidden)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Paging {
    /// The offset parameter.
    pub offset: &'static str,
    /// The page size parameter.
    pub limit: &'static str,
    /// The first offset.
    pub first: i64,
    /// The page size asked for.
    pub size: i64,
    /// Pointer to the total count in the answer.
    pub total: &'static str,
}

/// What counts as this operation's outcome rather than an earlier one's.
#[doc(hidden)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Baseline {
    /// The read carries an id of what the start started (a job id): nothing to tell apart.
    None,
    /// `leave`: the read describes the last operation of its kind, whichever it was. It is read
    /// before sending; a final state counts only once the state was seen to leave that baseline
    /// (a pending state, or any state other than the baseline's). If it never does, the wait
    /// ends without evidence, never in success.
    Leave,
    /// `new-item`: the tasks are listed before sending (every page); the task followed is the
    /// first one not in that list, pinned by its id once seen.
    NewItem,
    /// `running-item` (a watch with no start): the task followed is one that runs when the watch
    /// starts (or the one asked for by id), pinned by its id; when none runs, the watch says so
    /// and presents no finished task as an outcome.
    RunningItem,
}

/// A read that proves a success.
#[doc(hidden)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Verify {
    /// The read.
    pub read: Read,
    /// Pointer (with `*`) to the items checked.
    pub items: &'static str,
    /// Pointer, within an item, to what names it in a report (`node_id`).
    pub key: &'static str,
    /// Which items must meet `expect`.
    pub select: Select,
    /// What each selected item must show.
    pub expect: Condition,
    /// How many reads, a poll interval apart, before a contradiction stands (the state of the
    /// nodes may lag behind the job's).
    pub attempts: u32,
}

/// Which items a verification checks.
#[doc(hidden)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Select {
    /// The items that meet every condition now (`select`).
    Now(&'static [Condition]),
    /// The items that met every condition in a read made before sending (`select-before`),
    /// matched by `key`.
    Before(&'static [Condition]),
}
