//! The `x-waiter` extension, read once for the generator, the lint and the diff: how an
//! operation is followed and what proves its outcome (see `docs/users/waiters.md`).

use serde_json::Value;

/// The extension's name.
pub const X_WAITER: &str = "x-waiter";

/// What a non-idempotent operation that is not followed says instead: why (a string).
pub const X_NO_WAITER: &str = "x-no-waiter";

/// Where a value comes from (`AZ_MIGRATION`, `{param: x}`, `{answer: /p}`, `{body: /p}`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    Const(String),
    Param(String),
    Answer(String),
    Body(String),
}

/// `{path, equals, all-if}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Condition {
    pub path: String,
    pub equals: Source,
    pub all_if: Option<String>,
}

/// `{operation, params}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Read {
    pub operation: String,
    pub params: Vec<(String, Source)>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paging {
    pub offset: String,
    pub limit: String,
    pub first: i64,
    pub size: i64,
    pub total: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tasks {
    pub items: String,
    pub key: String,
    pub paging: Option<Paging>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verify {
    pub read: Read,
    pub items: String,
    pub key: String,
    /// `true` for `select-before`.
    pub before: bool,
    /// Every condition an item meets to be checked.
    pub select: Vec<Condition>,
    pub expect: Condition,
    pub attempts: u32,
}

/// `evidence`: where evidence of a start whose answer was lost is looked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Evidence {
    pub read: Read,
    pub tasks: Tasks,
    pub matches: Vec<Condition>,
    pub state: String,
    pub success: Vec<String>,
    pub failure: Vec<String>,
}

/// One operation's `x-waiter`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Waiter {
    pub operation: String,
    pub flag: String,
    pub summary: String,
    pub busy: Vec<String>,
    pub reject: Vec<Condition>,
    pub poll: Read,
    pub tasks: Option<Tasks>,
    pub state: String,
    pub success: Vec<String>,
    pub failure: Vec<String>,
    pub pending: Vec<String>,
    pub not_found_grace: u32,
    pub deadline_secs: u64,
    /// `none`, `leave`, `new-item`, `running-item`.
    pub baseline: String,
    pub verify: Option<Verify>,
    pub reasons: Vec<String>,
    pub progress: Option<Progress>,
    pub evidence: Option<Evidence>,
    pub look: Vec<Look>,
}

/// `look`: a read made before a start, to show what is about to change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Look {
    pub read: Read,
    pub body: Option<Template>,
    pub show: Vec<String>,
    pub name: Option<String>,
    pub busy: Vec<Busy>,
}

/// A request body: JSON whose string leaves may be sources (`{param: job_id}`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Template {
    Value(Source),
    /// A JSON literal other than a string.
    Literal(String),
    List(Vec<Template>),
    Map(Vec<(String, Template)>),
}

/// `{path, present: true | one-of: [..], say}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Busy {
    pub path: String,
    /// `None` for `present: true`, else the values of `one-of`.
    pub one_of: Option<Vec<String>>,
    pub say: String,
}

/// `progress: {total, done, current}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Progress {
    pub total: String,
    pub done: String,
    pub current: Option<String>,
}

/// The baselines the engine knows.
pub const BASELINES: [&str; 4] = ["none", "leave", "new-item", "running-item"];

const KEYS: [&str; 18] = [
    "flag",
    "summary",
    "busy",
    "reject",
    "poll",
    "tasks",
    "state",
    "success",
    "failure",
    "pending",
    "not-found-grace",
    "deadline",
    "baseline",
    "verify",
    "evidence",
    "reasons",
    "progress",
    "look",
];

fn str_of(v: &Value, key: &str, at: &str) -> Result<String, String> {
    v.get(key)
        .and_then(Value::as_str)
        .map(str::to_owned)
        .ok_or_else(|| format!("{at}: `{key}` must be a string"))
}

fn strings(v: &Value, key: &str, at: &str) -> Result<Vec<String>, String> {
    match v.get(key) {
        None => Ok(Vec::new()),
        Some(Value::Array(items)) => items
            .iter()
            .map(|i| match i {
                Value::String(s) => Ok(s.clone()),
                other => Err(format!("{at}: `{key}` lists {other}, not a string")),
            })
            .collect(),
        Some(other) => Err(format!(
            "{at}: `{key}` must be a list of strings, not {other}"
        )),
    }
}

fn source(v: &Value, at: &str) -> Result<Source, String> {
    match v {
        Value::String(s) => Ok(Source::Const(s.clone())),
        Value::Bool(_) | Value::Number(_) => Ok(Source::Const(v.to_string())),
        Value::Object(map) if map.len() == 1 => {
            let (k, val) = map.iter().next().expect("one entry");
            let text = val
                .as_str()
                .ok_or_else(|| format!("{at}: `{k}` must be a string"))?
                .to_owned();
            match k.as_str() {
                "param" => Ok(Source::Param(text)),
                "answer" => Ok(Source::Answer(text)),
                "body" => Ok(Source::Body(text)),
                other => Err(format!(
                    "{at}: unknown source `{other}` (expected param, answer or body)"
                )),
            }
        }
        other => Err(format!(
            "{at}: a value is a constant or one of {{param: NAME}}, {{answer: /POINTER}}, \
             {{body: /POINTER}}, not {other}"
        )),
    }
}

fn condition(v: &Value, at: &str) -> Result<Condition, String> {
    let path = str_of(v, "path", at)?;
    let equals = source(
        v.get("equals")
            .ok_or_else(|| format!("{at}: no `equals`"))?,
        &format!("{at}/equals"),
    )?;
    let all_if = v.get("all-if").and_then(Value::as_str).map(str::to_owned);
    Ok(Condition {
        path,
        equals,
        all_if,
    })
}

fn read(v: &Value, at: &str) -> Result<Read, String> {
    let operation = str_of(v, "operation", at)?;
    let mut params = Vec::new();
    if let Some(map) = v.get("params") {
        let map = map
            .as_object()
            .ok_or_else(|| format!("{at}: `params` must be a map"))?;
        for (name, value) in map {
            params.push((name.clone(), source(value, &format!("{at}/params/{name}"))?));
        }
    }
    Ok(Read { operation, params })
}

/// Reads the `x-waiter` of the operation `operation_id`, if it has one.
pub fn parse(operation_id: &str, v: &Value) -> Result<Waiter, String> {
    let at = format!("{operation_id}: {X_WAITER}");
    let map = v.as_object().ok_or_else(|| format!("{at} must be a map"))?;
    if let Some(unknown) = map.keys().find(|k| !KEYS.contains(&k.as_str())) {
        return Err(format!("{at}: unknown key `{unknown}`"));
    }
    let flag = str_of(v, "flag", &at)?;
    if flag != "wait" && flag != "watch" {
        return Err(format!("{at}: `flag` is `wait` or `watch`, not `{flag}`"));
    }
    let mut reject = Vec::new();
    for (i, c) in v
        .get("reject")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
    {
        reject.push(condition(c, &format!("{at}/reject/{i}"))?);
    }
    let tasks = v
        .get("tasks")
        .map(|t| tasks_of(t, &format!("{at}/tasks")))
        .transpose()?;
    let evidence = match v.get("evidence") {
        None => None,
        Some(e) => {
            let at = format!("{at}/evidence");
            let mut matches = Vec::new();
            for (i, c) in e
                .get("matches")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .enumerate()
            {
                matches.push(condition(c, &format!("{at}/matches/{i}"))?);
            }
            Some(Evidence {
                read: read(e, &at)?,
                tasks: tasks_of(
                    e.get("tasks").ok_or_else(|| format!("{at}: no `tasks`"))?,
                    &format!("{at}/tasks"),
                )?,
                matches,
                state: str_of(e, "state", &at)?,
                success: strings(e, "success", &at)?,
                failure: strings(e, "failure", &at)?,
            })
        }
    };
    let verify = match v.get("verify") {
        None => None,
        Some(x) => {
            let at = format!("{at}/verify");
            let conditions = |v: &Value, at: String| -> Result<Vec<Condition>, String> {
                match v {
                    Value::Array(items) => items
                        .iter()
                        .enumerate()
                        .map(|(i, c)| condition(c, &format!("{at}/{i}")))
                        .collect(),
                    other => Ok(vec![condition(other, &at)?]),
                }
            };
            let (before, select) = match (x.get("select"), x.get("select-before")) {
                (Some(s), None) => (false, conditions(s, format!("{at}/select"))?),
                (None, Some(s)) => (true, conditions(s, format!("{at}/select-before"))?),
                _ => {
                    return Err(format!(
                        "{at}: exactly one of `select` and `select-before` is needed"
                    ));
                }
            };
            Some(Verify {
                read: read(x, &at)?,
                items: str_of(x, "items", &at)?,
                key: str_of(x, "key", &at)?,
                before,
                select,
                expect: condition(
                    x.get("expect")
                        .ok_or_else(|| format!("{at}: no `expect`"))?,
                    &format!("{at}/expect"),
                )?,
                attempts: x
                    .get("attempts")
                    .map(|a| {
                        a.as_u64()
                            .ok_or_else(|| format!("{at}: `attempts` must be a count"))
                    })
                    .transpose()?
                    .unwrap_or(1)
                    .max(1) as u32,
            })
        }
    };
    let baseline = v
        .get("baseline")
        .and_then(Value::as_str)
        .unwrap_or("none")
        .to_owned();
    if !BASELINES.contains(&baseline.as_str()) {
        return Err(format!(
            "{at}: `baseline` is one of {}, not `{baseline}`",
            BASELINES.join(", ")
        ));
    }
    Ok(Waiter {
        operation: operation_id.to_owned(),
        flag,
        summary: str_of(v, "summary", &at)?
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
        busy: strings(v, "busy", &at)?,
        reject,
        poll: read(
            v.get("poll").ok_or_else(|| format!("{at}: no `poll`"))?,
            &format!("{at}/poll"),
        )?,
        tasks,
        state: str_of(v, "state", &at)?,
        success: strings(v, "success", &at)?,
        failure: strings(v, "failure", &at)?,
        pending: strings(v, "pending", &at)?,
        not_found_grace: v
            .get("not-found-grace")
            .and_then(Value::as_u64)
            .unwrap_or(5) as u32,
        deadline_secs: v
            .get("deadline")
            .map(|d| {
                d.as_u64()
                    .ok_or_else(|| format!("{at}: `deadline` must be seconds"))
            })
            .transpose()?
            .unwrap_or(1800),
        baseline,
        verify,
        reasons: strings(v, "reasons", &at)?,
        progress: match v.get("progress") {
            None => None,
            Some(p) => {
                let at = format!("{at}/progress");
                Some(Progress {
                    total: str_of(p, "total", &at)?,
                    done: str_of(p, "done", &at)?,
                    current: p.get("current").and_then(Value::as_str).map(str::to_owned),
                })
            }
        },
        evidence,
        look: match v.get("look") {
            None => Vec::new(),
            Some(Value::Array(items)) => items
                .iter()
                .enumerate()
                .map(|(i, l)| look(l, &format!("{at}/look/{i}")))
                .collect::<Result<_, _>>()?,
            Some(_) => return Err(format!("{at}: `look` must be a list of reads")),
        },
    })
}

/// One read of `look`: `{operation, params, body, show, name, busy}`.
fn look(v: &Value, at: &str) -> Result<Look, String> {
    const LOOK_KEYS: [&str; 6] = ["operation", "params", "body", "show", "name", "busy"];
    let map = v.as_object().ok_or_else(|| format!("{at} must be a map"))?;
    if let Some(unknown) = map.keys().find(|k| !LOOK_KEYS.contains(&k.as_str())) {
        return Err(format!("{at}: unknown key `{unknown}`"));
    }
    let read = read(v, at)?;
    if let Some((name, _)) = read
        .params
        .iter()
        .find(|(_, s)| matches!(s, Source::Answer(_)))
    {
        return Err(format!(
            "{at}/params/{name}: a look is read before sending: no `{{answer: ..}}`"
        ));
    }
    let show = strings(v, "show", at)?;
    if show.is_empty() {
        return Err(format!("{at}: `show` lists what it shows"));
    }
    let mut busy = Vec::new();
    for (i, b) in v
        .get("busy")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
    {
        let at = format!("{at}/busy/{i}");
        let one_of = match (b.get("present"), b.get("one-of")) {
            (Some(Value::Bool(true)), None) => None,
            (None, Some(_)) => Some(strings(b, "one-of", &at)?),
            _ => {
                return Err(format!(
                    "{at}: exactly one of `present: true` and `one-of: [..]`"
                ));
            }
        };
        busy.push(Busy {
            path: str_of(b, "path", &at)?,
            one_of,
            say: str_of(b, "say", &at)?,
        });
    }
    Ok(Look {
        read,
        body: v
            .get("body")
            .map(|b| template(b, &format!("{at}/body")))
            .transpose()?,
        show,
        name: v.get("name").and_then(Value::as_str).map(str::to_owned),
        busy,
    })
}

/// A body template: a map of one `param` or `body` key is a source, any other map or list is
/// JSON, a string is a constant.
fn template(v: &Value, at: &str) -> Result<Template, String> {
    match v {
        Value::Object(map)
            if map.len() == 1 && (map.contains_key("param") || map.contains_key("body")) =>
        {
            Ok(Template::Value(source(v, at)?))
        }
        Value::Object(map) => map
            .iter()
            .map(|(k, x)| Ok((k.clone(), template(x, &format!("{at}/{k}"))?)))
            .collect::<Result<_, String>>()
            .map(Template::Map),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, x)| template(x, &format!("{at}/{i}")))
            .collect::<Result<_, String>>()
            .map(Template::List),
        Value::String(s) => Ok(Template::Value(Source::Const(s.clone()))),
        other => Ok(Template::Literal(other.to_string())),
    }
}

/// `{items, key, paging}`.
fn tasks_of(t: &Value, at: &str) -> Result<Tasks, String> {
    let paging = match t.get("paging") {
        None => None,
        Some(p) => {
            let at = format!("{at}/paging");
            let int = |k: &str| {
                p.get(k)
                    .and_then(Value::as_i64)
                    .ok_or_else(|| format!("{at}: `{k}` must be an integer"))
            };
            Some(Paging {
                offset: str_of(p, "offset", &at)?,
                limit: str_of(p, "limit", &at)?,
                first: int("first")?,
                size: int("size")?,
                total: str_of(p, "total", &at)?,
            })
        }
    };
    Ok(Tasks {
        items: str_of(t, "items", at)?,
        key: str_of(t, "key", at)?,
        paging,
    })
}

/// Every `x-waiter` of a spec, in the order of its operations.
pub fn waiters(raw: &Value) -> Vec<Result<Waiter, String>> {
    crate::openapi::operations(raw)
        .into_iter()
        .filter_map(|op| {
            let id = op
                .value
                .get("operationId")
                .and_then(Value::as_str)
                .unwrap_or_default();
            op.value.get(X_WAITER).map(|w| parse(id, w))
        })
        .collect()
}
