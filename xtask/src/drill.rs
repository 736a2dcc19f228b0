//! The `x-drill` extension at the root of a spec, read once for the generator and the lint: what
//! `hwc drill` does with the service, the resources it works on and its ordered steps, each an
//! operation with its arguments, the exit it should end with and the checks and records over its
//! JSON answer (see `docs/maintainers/workflow.md`, "The drill").
//!
//! The generator embeds the extension, once it reads, as JSON in the command line's file of the
//! service (`DRILL`); `hwc drill` interprets it and names no service or operation itself.

use serde_json::Value;

/// The extension's name.
pub const X_DRILL: &str = "x-drill";

/// The exits a step may expect, by the names `hwc drill` knows (its `output::exit` codes).
pub const EXITS: [&str; 9] = [
    "done",
    "failed",
    "usage",
    "no-outcome",
    "deadline",
    "maybe-sent",
    "contradicted",
    "no-evidence",
    "nothing-runs",
];

/// How a step's command follows what it started: `--wait` or `--watch`.
pub const FOLLOWS: [&str; 2] = ["wait", "watch"];

/// A resource a drill works on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resource {
    /// Its name: `{name}` in a step, and `--name` of `hwc drill` when it has a `help`.
    pub name: String,
    /// The help of `hwc drill --name ID`: the resource is named with it against `--endpoint`.
    pub help: Option<String>,
    /// Where the embedded simulator's `SimInfo` (as JSON) has it: a JSON pointer.
    pub sim: Option<String>,
    /// Whether the drill runs without it (its steps left out) when the simulator has none.
    pub optional: bool,
}

/// What a value must be: the conditions a check or a `where` names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Condition {
    Equals(String),
    Differs(String),
    OneOf(Vec<String>),
    NoneOf(Vec<String>),
    Contains(String),
    Absent(bool),
}

/// One check over a JSON document (the step's answer, or an item of it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Check {
    /// `{at: /pointer, <condition>}`.
    Is { at: String, condition: Condition },
    /// `{record: {var: /pointer}}`.
    Record(Vec<(String, String)>),
    /// `{show: [/pointer]}`.
    Show(Vec<String>),
    /// `{pick: ITEMS, where, unique, then, else}` and `{every: ITEMS, where, then}`.
    Items {
        every: bool,
        items: String,
        filter: Vec<Check>,
        unique: bool,
        then: Vec<Check>,
        otherwise: Vec<Check>,
    },
}

/// One step of a drill.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    pub title: String,
    /// The operation, by `operationId`.
    pub operation: String,
    /// The command line after `hwc <service> <operation>`: `--flag`, value, ...
    pub args: Vec<String>,
    /// The request body, given as `--json-body FILE`.
    pub body: Option<Value>,
    /// `wait` or `watch`.
    pub follow: Option<String>,
    /// The exit it should end with, by name.
    pub expect: String,
    pub checks: Vec<Check>,
}

/// A spec's `x-drill`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Drill {
    /// The fields of an answer that say in a few words what happened (JSON pointers).
    pub summary: Vec<String>,
    pub resources: Vec<Resource>,
    pub steps: Vec<Step>,
}

fn keys(v: &Value, known: &[&str], at: &str) -> Result<(), String> {
    let map = v
        .as_object()
        .ok_or_else(|| format!("{at}: must be a map, not {v}"))?;
    match map.keys().find(|k| !known.contains(&k.as_str())) {
        Some(unknown) => Err(format!(
            "{at}: unknown key `{unknown}` (known: {})",
            known.join(", ")
        )),
        None => Ok(()),
    }
}

fn string(v: &Value, key: &str, at: &str) -> Result<String, String> {
    v.get(key)
        .and_then(Value::as_str)
        .map(str::to_owned)
        .ok_or_else(|| format!("{at}: `{key}` must be a string"))
}

fn opt_string(v: &Value, key: &str, at: &str) -> Result<Option<String>, String> {
    v.get(key).map(|_| string(v, key, at)).transpose()
}

fn bool_of(v: &Value, key: &str, at: &str) -> Result<bool, String> {
    match v.get(key) {
        None => Ok(false),
        Some(Value::Bool(b)) => Ok(*b),
        Some(other) => Err(format!("{at}: `{key}` must be true or false, not {other}")),
    }
}

/// A string, or a list of strings.
fn strings(v: &Value, at: &str) -> Result<Vec<String>, String> {
    match v {
        Value::String(s) => Ok(vec![s.clone()]),
        Value::Array(items) => items
            .iter()
            .map(|i| {
                i.as_str()
                    .map(str::to_owned)
                    .ok_or_else(|| format!("{at}: lists {i}, not a string"))
            })
            .collect(),
        other => Err(format!("{at}: a string or a list of strings, not {other}")),
    }
}

/// A JSON pointer with `*` for every array element: empty (the value itself) or `/...`.
fn pointer(text: &str, at: &str) -> Result<String, String> {
    if text.is_empty() || text.starts_with('/') {
        Ok(text.to_owned())
    } else {
        Err(format!(
            "{at}: `{text}` is not a JSON pointer (`/field/*/field`, or empty for the value itself)"
        ))
    }
}

fn checks(v: Option<&Value>, at: &str) -> Result<Vec<Check>, String> {
    match v {
        None => Ok(Vec::new()),
        Some(Value::Array(items)) => items
            .iter()
            .enumerate()
            .map(|(i, c)| check(c, &format!("{at}/{i}")))
            .collect(),
        Some(other) => Err(format!("{at}: must be a list of checks, not {other}")),
    }
}

const CONDITIONS: [&str; 6] = [
    "equals", "differs", "one-of", "none-of", "contains", "absent",
];

fn check(v: &Value, at: &str) -> Result<Check, String> {
    let map = v
        .as_object()
        .ok_or_else(|| format!("{at}: a check is a map, not {v}"))?;
    if map.contains_key("pick") || map.contains_key("every") {
        let every = map.contains_key("every");
        let kind = if every { "every" } else { "pick" };
        let known: &[&str] = if every {
            &["every", "where", "then"]
        } else {
            &["pick", "where", "unique", "then", "else"]
        };
        keys(v, known, at)?;
        let items = string(v, kind, at)?;
        if !items.starts_with('/') && !items.starts_with('{') {
            return Err(format!(
                "{at}: `{kind}` is a JSON pointer with `*` (`/list/*`) or a recorded list \
                 (`{{name}}`), not `{items}`"
            ));
        }
        if items.starts_with('/') && !items.contains('*') {
            return Err(format!(
                "{at}: `{items}` names no items: a pointer to pick from has a `*`"
            ));
        }
        return Ok(Check::Items {
            every,
            items,
            filter: checks(map.get("where"), &format!("{at}/where"))?,
            unique: bool_of(v, "unique", at)?,
            then: checks(map.get("then"), &format!("{at}/then"))?,
            otherwise: checks(map.get("else"), &format!("{at}/else"))?,
        });
    }
    if let Some(record) = map.get("record") {
        keys(v, &["record"], at)?;
        let record = record
            .as_object()
            .filter(|m| !m.is_empty())
            .ok_or_else(|| format!("{at}: `record` is a map of names to JSON pointers"))?;
        return record
            .iter()
            .map(|(name, p)| {
                let p = p
                    .as_str()
                    .ok_or_else(|| format!("{at}: `record/{name}` must be a JSON pointer"))?;
                Ok((name.clone(), pointer(p, at)?))
            })
            .collect::<Result<_, String>>()
            .map(Check::Record);
    }
    if let Some(show) = map.get("show") {
        keys(v, &["show"], at)?;
        return strings(show, &format!("{at}/show"))?
            .iter()
            .map(|p| pointer(p, at))
            .collect::<Result<_, _>>()
            .map(Check::Show);
    }
    let mut known = vec!["at"];
    known.extend(CONDITIONS);
    keys(v, &known, at)?;
    let at_pointer = pointer(&opt_string(v, "at", at)?.unwrap_or_default(), at)?;
    let named: Vec<&str> = CONDITIONS
        .into_iter()
        .filter(|c| map.contains_key(*c))
        .collect();
    let [name] = named[..] else {
        return Err(format!(
            "{at}: a check is `pick`, `every`, `record`, `show`, or `at` with exactly one of {} \
             (has {})",
            CONDITIONS.join(", "),
            if named.is_empty() {
                "none".to_owned()
            } else {
                named.join(", ")
            }
        ));
    };
    let condition = match name {
        "equals" => Condition::Equals(string(v, name, at)?),
        "differs" => Condition::Differs(string(v, name, at)?),
        "contains" => Condition::Contains(string(v, name, at)?),
        "one-of" => Condition::OneOf(strings(&map[name], &format!("{at}/{name}"))?),
        "none-of" => Condition::NoneOf(strings(&map[name], &format!("{at}/{name}"))?),
        _ => match &map[name] {
            Value::Bool(b) => Condition::Absent(*b),
            other => return Err(format!("{at}: `absent` is true or false, not {other}")),
        },
    };
    Ok(Check::Is {
        at: at_pointer,
        condition,
    })
}

fn step(v: &Value, at: &str) -> Result<Step, String> {
    keys(
        v,
        &[
            "title",
            "operation",
            "args",
            "body",
            "follow",
            "expect",
            "checks",
        ],
        at,
    )?;
    let args = match v.get("args") {
        None => Vec::new(),
        Some(a) => strings(a, &format!("{at}/args"))?,
    };
    let follow = opt_string(v, "follow", at)?;
    if let Some(f) = &follow
        && !FOLLOWS.contains(&f.as_str())
    {
        return Err(format!("{at}: `follow` is `wait` or `watch`, not `{f}`"));
    }
    let expect = opt_string(v, "expect", at)?.unwrap_or_else(|| "done".to_owned());
    if !EXITS.contains(&expect.as_str()) {
        return Err(format!(
            "{at}: `expect` is one of {}, not `{expect}`",
            EXITS.join(", ")
        ));
    }
    Ok(Step {
        title: string(v, "title", at)?,
        operation: string(v, "operation", at)?,
        args,
        body: v.get("body").cloned(),
        follow,
        expect,
        checks: checks(v.get("checks"), &format!("{at}/checks"))?,
    })
}

/// Reads a spec's `x-drill` (the value of the key); errors name where, as a JSON pointer under it.
pub fn parse(v: &Value) -> Result<Drill, String> {
    let at = format!("/{X_DRILL}");
    keys(v, &["summary", "resources", "steps"], &at)?;
    let summary = match v.get("summary") {
        None => Vec::new(),
        Some(s) => strings(s, &format!("{at}/summary"))?
            .iter()
            .map(|p| pointer(p, &format!("{at}/summary")))
            .collect::<Result<_, _>>()?,
    };
    let list = |key: &str| match v.get(key) {
        None => Ok(&[][..]),
        Some(Value::Array(items)) => Ok(&items[..]),
        Some(other) => Err(format!("{at}/{key}: must be a list, not {other}")),
    };
    let mut resources = Vec::new();
    for (i, r) in list("resources")?.iter().enumerate() {
        let at = format!("{at}/resources/{i}");
        keys(r, &["name", "help", "sim", "optional"], &at)?;
        let name = string(r, "name", &at)?;
        if !is_name(&name) {
            return Err(format!(
                "{at}: `{name}` is not a name (letters, digits, `-` and `_`)"
            ));
        }
        resources.push(Resource {
            name,
            help: opt_string(r, "help", &at)?,
            sim: opt_string(r, "sim", &at)?
                .map(|p| pointer(&p, &at))
                .transpose()?,
            optional: bool_of(r, "optional", &at)?,
        });
    }
    let steps = list("steps")?
        .iter()
        .enumerate()
        .map(|(i, s)| step(s, &format!("{at}/steps/{i}")))
        .collect::<Result<_, _>>()?;
    Ok(Drill {
        summary,
        resources,
        steps,
    })
}

fn is_name(text: &str) -> bool {
    !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// What a template (`{name}`, `{/pointer}`, nested innermost first) refers to: the names of the
/// values it takes, with a nested `{/pointer}` written `*` (`az_{/name}` is `az_*`), and whether
/// it reads the current item (`{/pointer}`).
pub fn references(template: &str) -> (Vec<String>, bool) {
    let mut text = template.to_owned();
    let mut names = Vec::new();
    let mut reads_item = false;
    while let Some(close) = text.find('}') {
        let Some(open) = text[..close].rfind('{') else {
            break;
        };
        let inner = &text[open + 1..close];
        let replacement = if inner.starts_with('/') || inner.is_empty() {
            reads_item = true;
            "*".to_owned()
        } else {
            names.push(inner.to_owned());
            "\u{1}".to_owned()
        };
        text.replace_range(open..=close, &replacement);
    }
    (names, reads_item)
}

/// A record's name as [`references`] writes a use of it.
pub(crate) fn name_pattern(name: &str) -> String {
    let mut text = name.to_owned();
    while let Some(close) = text.find('}') {
        let Some(open) = text[..close].rfind('{') else {
            break;
        };
        text.replace_range(open..=close, "*");
    }
    text
}

/// The JSON `hwc drill` reads: the spec's `x-drill` once it reads (`{}` without one), pretty.
pub fn table_json(raw: &Value) -> Result<String, String> {
    let Some(v) = raw.get(X_DRILL) else {
        return Ok("{}".to_owned());
    };
    parse(v)?;
    let json = serde_json::to_string_pretty(v).map_err(|e| format!("{X_DRILL}: {e}"))?;
    if json.contains("\"##") {
        return Err(format!(
            "{X_DRILL}: a string holds `\"##`, which the generated raw string cannot"
        ));
    }
    Ok(json)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_name_values_and_nested_pointers() {
        assert_eq!(references("{a}-{b}"), (vec!["a".into(), "b".into()], false));
        assert_eq!(references("{az_{/name}}"), (vec!["az_*".into()], true));
        assert_eq!(references("{/id}"), (vec![], true));
        assert_eq!(references("plain"), (vec![], false));
        assert_eq!(name_pattern("az_{/name}"), "az_*");
    }

    #[test]
    fn a_check_needs_exactly_one_condition() {
        let bad = serde_json::json!({"steps": [{"title": "t", "operation": "X",
            "checks": [{"at": "/a", "equals": "1", "absent": true}]}]});
        assert!(parse(&bad).unwrap_err().contains("exactly one of"));
        let good = serde_json::json!({"steps": [{"title": "t", "operation": "X",
            "checks": [{"pick": "/a/*", "where": [{"at": "/b", "equals": "1"}],
                        "then": [{"record": {"x": "/c"}}]}]}]});
        assert!(parse(&good).is_ok());
        let unknown = serde_json::json!({"steps": [{"title": "t", "operation": "X",
            "expect": "fine"}]});
        assert!(parse(&unknown).unwrap_err().contains("`expect` is one of"));
    }
}
