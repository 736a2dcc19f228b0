//! A service's drill as its spec's `x-drill` declares it (written by `cargo xtask generate` into
//! the service's `DRILL`), and the interpreter of its checks: nothing here knows a service, an
//! operation or a field.
//!
//! A check reads a JSON document (a step's answer, or an item of it) with JSON pointers in which
//! `*` stands for every element of an array. Values in a check, an argument or a body are
//! templates: `{name}` is a resource or what an earlier check recorded, `{/pointer}` the value at
//! the pointer in the item being checked; they nest, innermost first (`{before_{/name}}`).

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::Value;

/// What the drill knows by name: the resources and what the checks recorded.
pub type Vars = BTreeMap<String, String>;

/// One service's `x-drill`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Drill {
    /// The fields of an answer that say in a few words what happened.
    #[serde(default)]
    pub summary: Vec<String>,
    #[serde(default)]
    pub resources: Vec<Resource>,
    #[serde(default)]
    pub steps: Vec<StepSpec>,
}

/// A resource a drill works on.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Resource {
    /// `{name}` in a step; `hwc drill --name ID` when it has a help.
    pub name: String,
    /// The flag's help: against `--endpoint`, the resource is named with it.
    pub help: Option<String>,
    /// Where the embedded simulator's `SimInfo`, as JSON, has it.
    pub sim: Option<String>,
    /// The drill runs without it (and its steps) when the simulator has none.
    #[serde(default)]
    pub optional: bool,
}

/// One step: an operation, its arguments, the exit it should end with and its checks.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StepSpec {
    pub title: String,
    /// The operation, by `operationId`.
    pub operation: String,
    /// `--flag`, value, ... (templates).
    #[serde(default)]
    pub args: Vec<String>,
    /// A request body, sent as `--json-body FILE` (its strings are templates).
    pub body: Option<Value>,
    /// `wait` or `watch`.
    pub follow: Option<String>,
    /// The exit code's name (default `done`).
    pub expect: Option<String>,
    #[serde(default)]
    pub checks: Vec<Check>,
}

/// A string or a list of them.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum Strings {
    One(String),
    Many(Vec<String>),
}

impl Strings {
    fn list(&self) -> Vec<&str> {
        match self {
            Strings::One(s) => vec![s.as_str()],
            Strings::Many(v) => v.iter().map(String::as_str).collect(),
        }
    }
}

/// One check: `at` with a condition, `record`, `show`, `pick` or `every` (the lint made sure it
/// is exactly one of them).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Check {
    at: Option<String>,
    equals: Option<String>,
    differs: Option<String>,
    one_of: Option<Strings>,
    none_of: Option<Strings>,
    contains: Option<String>,
    absent: Option<bool>,
    record: Option<BTreeMap<String, String>>,
    show: Option<Strings>,
    pick: Option<String>,
    every: Option<String>,
    #[serde(rename = "where", default)]
    filter: Vec<Check>,
    #[serde(default)]
    unique: bool,
    #[serde(default)]
    then: Vec<Check>,
    #[serde(rename = "else", default)]
    otherwise: Vec<Check>,
}

impl Check {
    /// Every template of the check and of the checks in it.
    pub fn texts(&self) -> Vec<&str> {
        let mut out: Vec<&str> = [
            &self.equals,
            &self.differs,
            &self.contains,
            &self.pick,
            &self.every,
        ]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .collect();
        for list in [&self.one_of, &self.none_of].into_iter().flatten() {
            out.extend(list.list());
        }
        out.extend(
            self.record
                .iter()
                .flat_map(|r| r.keys().map(String::as_str)),
        );
        for inner in [&self.filter, &self.then, &self.otherwise] {
            out.extend(inner.iter().flat_map(Check::texts));
        }
        out
    }

    /// The names the check and the checks in it record.
    pub fn records(&self) -> Vec<String> {
        let mut out: Vec<String> = self.record.iter().flat_map(|r| r.keys().cloned()).collect();
        for inner in [&self.then, &self.otherwise] {
            out.extend(inner.iter().flat_map(Check::records));
        }
        out
    }
}

/// The values a pointer reaches, `*` standing for every element of an array.
fn reach<'a>(value: &'a Value, pointer: &str) -> Vec<&'a Value> {
    let mut current = vec![value];
    for segment in pointer.split('/').skip(1) {
        let segment = segment.replace("~1", "/").replace("~0", "~");
        current = current
            .into_iter()
            .flat_map(|v| match (v, segment.as_str()) {
                (Value::Array(items), "*") => items.iter().collect(),
                (Value::Object(map), key) => map.get(key).into_iter().collect(),
                (Value::Array(items), index) => index
                    .parse::<usize>()
                    .ok()
                    .and_then(|i| items.get(i))
                    .into_iter()
                    .collect(),
                _ => Vec::new(),
            })
            .collect();
    }
    current
}

/// Whether a value says something: not null, not empty.
fn present(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
        _ => true,
    }
}

fn text(value: &Value) -> String {
    value
        .as_str()
        .map_or_else(|| value.to_string(), str::to_owned)
}

/// The present values a pointer reaches, as text.
fn texts(value: &Value, pointer: &str) -> Vec<String> {
    reach(value, pointer)
        .into_iter()
        .filter(|v| present(v))
        .map(text)
        .collect()
}

/// A pointer as the evidence names it.
fn field(pointer: &str) -> &str {
    match pointer.strip_prefix('/') {
        Some(p) => p,
        None => "the value",
    }
}

/// Expands a template. `item`: what `{/pointer}` reads. `lenient`: what cannot be expanded yet
/// stays as it is (for the plan shown before anything ran); otherwise it is an error.
pub fn expand(
    template: &str,
    item: Option<&Value>,
    vars: &Vars,
    lenient: bool,
) -> Result<String, String> {
    let mut out = template.to_owned();
    let mut from = 0;
    while let Some(rel) = out[from..].find('}') {
        let close = from + rel;
        let Some(open) = out[..close].rfind('{') else {
            from = close + 1;
            continue;
        };
        let inner = &out[open + 1..close];
        let value = if inner.starts_with('/') {
            let found = item.map(|i| texts(i, inner)).unwrap_or_default();
            (!found.is_empty()).then(|| found.join(","))
        } else {
            vars.get(inner).cloned()
        };
        match value {
            Some(value) => {
                out.replace_range(open..=close, &value);
                from = open;
            }
            None if lenient => from = close + 1,
            None if inner.starts_with('/') => {
                return Err(format!("nothing at {inner} to fill `{template}` with"));
            }
            None => return Err(format!("`{template}`: nothing is known as {{{inner}}}")),
        }
    }
    Ok(out)
}

/// A body's strings expanded.
pub fn expand_body(body: &Value, vars: &Vars, lenient: bool) -> Result<Value, String> {
    Ok(match body {
        Value::String(s) => Value::String(expand(s, None, vars, lenient)?),
        Value::Array(items) => Value::Array(
            items
                .iter()
                .map(|i| expand_body(i, vars, lenient))
                .collect::<Result<_, _>>()?,
        ),
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| Ok((k.clone(), expand_body(v, vars, lenient)?)))
                .collect::<Result<_, String>>()?,
        ),
        other => other.clone(),
    })
}

/// Runs checks in order over `doc`; what they verified, or why the first one failed.
pub fn run_checks(checks: &[Check], doc: &Value, vars: &mut Vars) -> Result<String, String> {
    let mut said = Vec::new();
    for check in checks {
        said.push(run(check, doc, vars)?);
    }
    Ok(said.join("; "))
}

/// The items `pick`/`every` go through: a pointer's values, or a recorded list.
fn items(spec: &str, doc: &Value, vars: &Vars) -> Result<Vec<Value>, String> {
    if spec.starts_with('/') {
        Ok(reach(doc, spec).into_iter().cloned().collect())
    } else {
        Ok(expand(spec, Some(doc), vars, false)?
            .split(',')
            .filter(|s| !s.is_empty())
            .map(|s| Value::String(s.to_owned()))
            .collect())
    }
}

/// A check in a few words (for `where` and `every`), with what is known filled in.
fn describe(check: &Check, vars: &Vars) -> String {
    let at = field(check.at.as_deref().unwrap_or(""));
    let fill = |v: &str| expand(v, None, vars, true).unwrap_or_else(|_| v.to_owned());
    let list = |s: &Strings| {
        s.list()
            .into_iter()
            .map(&fill)
            .collect::<Vec<_>>()
            .join(", ")
    };
    if let Some(record) = &check.record {
        return record
            .iter()
            .map(|(name, p)| format!("record {} as {name}", field(p)))
            .collect::<Vec<_>>()
            .join(", ");
    }
    if let Some(show) = &check.show {
        return format!("show {}", list(show));
    }
    if let Some(items) = check.pick.as_ref().or(check.every.as_ref()) {
        return format!(
            "{} {} where {}",
            if check.every.is_some() {
                "every"
            } else {
                "pick"
            },
            field(items),
            describe_all(&check.filter, vars)
        );
    }
    match check {
        Check {
            equals: Some(v), ..
        } => format!("{at} = {}", fill(v)),
        Check {
            differs: Some(v), ..
        } => format!("{at} != {}", fill(v)),
        Check {
            contains: Some(v), ..
        } => format!("{at} has {}", fill(v)),
        Check {
            one_of: Some(v), ..
        } => format!("{at} in [{}]", list(v)),
        Check {
            none_of: Some(v), ..
        } => format!("{at} not in [{}]", list(v)),
        Check {
            absent: Some(true), ..
        } => format!("no {at}"),
        Check {
            absent: Some(false),
            ..
        } => format!("{at} present"),
        _ => "?".to_owned(),
    }
}

fn describe_all(checks: &[Check], vars: &Vars) -> String {
    if checks.is_empty() {
        return "any".to_owned();
    }
    checks
        .iter()
        .map(|c| describe(c, vars))
        .collect::<Vec<_>>()
        .join(" and ")
}

/// The item at `index` of `items`, as the evidence names it (`group_list/0`).
fn item_name(items: &str, index: usize) -> String {
    match items.strip_prefix('/') {
        Some(p) if p.matches('*').count() == 1 => p.replace('*', &index.to_string()),
        _ => format!("{items} #{index}"),
    }
}

/// The values of a condition's list (`one-of`, `none-of`): each expanded, recorded lists split.
fn listed(values: &Strings, doc: &Value, vars: &Vars) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    for v in values.list() {
        out.extend(
            expand(v, Some(doc), vars, false)?
                .split(',')
                .map(str::to_owned),
        );
    }
    Ok(out)
}

fn run(check: &Check, doc: &Value, vars: &mut Vars) -> Result<String, String> {
    if let Some(spec) = check.pick.as_ref().or(check.every.as_ref()) {
        return run_items(check, spec, doc, vars);
    }
    if let Some(record) = &check.record {
        let mut said = Vec::new();
        for (name, pointer) in record {
            let name = expand(name, Some(doc), vars, false)?;
            let found = texts(doc, pointer);
            if found.is_empty() {
                return Err(format!("nothing at {} to record as {name}", field(pointer)));
            }
            let value = found.join(",");
            said.push(format!("{name} = {value}"));
            vars.insert(name, value);
        }
        return Ok(format!("recorded {}", said.join(", ")));
    }
    if let Some(show) = &check.show {
        return Ok(show
            .list()
            .iter()
            .map(|p| {
                let found = texts(doc, p);
                let value = if found.is_empty() {
                    "-".to_owned()
                } else {
                    found.join(",")
                };
                format!("{} {value}", field(p))
            })
            .collect::<Vec<_>>()
            .join(", "));
    }
    let pointer = check.at.as_deref().unwrap_or("");
    let at = field(pointer);
    let found = texts(doc, pointer);
    let shown = found.join(",");
    if let Some(absent) = check.absent {
        return match (absent, found.is_empty()) {
            (true, true) => Ok(format!("no {at}")),
            (true, false) => Err(format!("{at} is {shown}, expected none")),
            (false, false) => Ok(format!("{at} {shown}")),
            (false, true) => Err(format!("no {at}, expected one")),
        };
    }
    if found.is_empty() {
        return Err(format!("no {at} in the answer"));
    }
    let one = |v: &String| expand(v, Some(doc), vars, false);
    let (ok, expected) = match check {
        Check {
            equals: Some(v), ..
        } => {
            let v = one(v)?;
            (found.iter().all(|f| *f == v), v)
        }
        Check {
            differs: Some(v), ..
        } => {
            let v = one(v)?;
            (found.iter().all(|f| *f != v), format!("not {v}"))
        }
        Check {
            contains: Some(v), ..
        } => {
            let v = one(v)?;
            (found.contains(&v), format!("one to be {v}"))
        }
        Check {
            one_of: Some(v), ..
        } => {
            let v = listed(v, doc, vars)?;
            (
                found.iter().all(|f| v.contains(f)),
                format!("one of {}", v.join(", ")),
            )
        }
        Check {
            none_of: Some(v), ..
        } => {
            let v = listed(v, doc, vars)?;
            (
                found.iter().all(|f| !v.contains(f)),
                format!("none of {}", v.join(", ")),
            )
        }
        _ => return Err("a check with no condition".to_owned()),
    };
    if ok {
        Ok(format!("{at} {shown}"))
    } else {
        Err(format!("{at} is {shown}, expected {expected}"))
    }
}

/// `pick`: the first (with `unique`, the only) item the `where` checks pass, then its checks;
/// `else` when none does. `every`: at least one item passes `where`, and each such item passes
/// the `then` checks; what they record is the list over those items.
fn run_items(check: &Check, spec: &str, doc: &Value, vars: &mut Vars) -> Result<String, String> {
    let candidates = items(spec, doc, vars)?;
    let matching: Vec<(usize, &Value)> = candidates
        .iter()
        .enumerate()
        .filter(|(_, item)| run_checks(&check.filter, item, &mut vars.clone()).is_ok())
        .collect();
    let which = describe_all(&check.filter, vars);
    if matching.is_empty() {
        if check.every.is_none() && !check.otherwise.is_empty() {
            let said = run_checks(&check.otherwise, doc, vars)?;
            return Ok(format!(
                "no item of {} where {which}, so {said}",
                field(spec)
            ));
        }
        return Err(format!(
            "no item of {} (of {}) where {which}",
            field(spec),
            candidates.len()
        ));
    }
    if check.every.is_none() {
        if check.unique && matching.len() != 1 {
            return Err(format!(
                "{} items of {} where {which}, expected one",
                matching.len(),
                field(spec)
            ));
        }
        let (index, item) = matching[0];
        let name = item_name(spec, index);
        let said =
            run_checks(&check.then, item, vars).map_err(|e| format!("{name} ({which}): {e}"))?;
        return Ok(format!("{name} ({which}): {said}"));
    }
    let mut lists: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (index, item) in &matching {
        let mut scratch = vars.clone();
        run_checks(&check.then, item, &mut scratch)
            .map_err(|e| format!("{} ({which}): {e}", item_name(spec, *index)))?;
        for (name, value) in scratch {
            if vars.get(&name) != Some(&value) {
                lists.entry(name).or_default().push(value);
            }
        }
    }
    let recorded: Vec<String> = lists
        .iter()
        .map(|(name, values)| format!("{name} = {}", values.join(",")))
        .collect();
    for (name, values) in lists {
        vars.insert(name, values.join(","));
    }
    let then = describe_all(&check.then, vars);
    Ok(format!(
        "every {} where {which} ({}): {then}{}",
        field(spec),
        matching.len(),
        if recorded.is_empty() {
            String::new()
        } else {
            format!(" ({})", recorded.join(", "))
        }
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn checks(v: Value) -> Vec<Check> {
        serde_json::from_value(v).expect("checks")
    }

    #[test]
    fn templates_nest_and_read_the_item() {
        let vars = Vars::from([("a".into(), "1".into()), ("b_x".into(), "2".into())]);
        let item = json!({"name": "x"});
        assert_eq!(
            expand("{a}-{b_{/name}}", Some(&item), &vars, false),
            Ok("1-2".into())
        );
        assert!(expand("{c}", None, &vars, false).is_err());
        assert_eq!(expand("{c}/{a}", None, &vars, true), Ok("{c}/1".into()));
    }

    #[test]
    fn a_pick_records_from_its_item_and_a_contradiction_fails() {
        let doc = json!({"groups": [
            {"id": "g1", "nodes": [{"id": "n1", "role": "master"}]},
            {"id": "g2", "nodes": [{"id": "n2", "role": "master"}, {"id": "n3", "role": "slave"}]},
        ]});
        let record = checks(json!([{
            "pick": "/groups/*",
            "where": [{"at": "/nodes/*/role", "contains": "slave"}],
            "then": [
                {"record": {"group": "/id"}},
                {"pick": "/nodes/*", "where": [{"at": "/role", "equals": "master"}],
                 "unique": true, "then": [{"record": {"master": "/id"}}]},
            ],
        }]));
        let mut vars = Vars::new();
        run_checks(&record, &doc, &mut vars).expect("passes");
        assert_eq!(vars["group"], "g2");
        assert_eq!(vars["master"], "n2");
        let swapped = checks(json!([{
            "pick": "/groups/*",
            "where": [{"at": "/id", "equals": "{group}"}],
            "then": [{"pick": "/nodes/*", "where": [{"at": "/role", "equals": "master"}],
                      "then": [{"at": "/id", "differs": "{master}"}]}],
        }]));
        let error = run_checks(&swapped, &doc, &mut vars).unwrap_err();
        assert!(error.contains("id is n2, expected not n2"), "{error}");
    }

    #[test]
    fn every_checks_each_item_and_records_the_list() {
        let doc = json!({"nodes": [
            {"name": "a", "az": "1", "type": "data"},
            {"name": "b", "az": "1", "type": "data"},
            {"name": "m", "az": "2", "type": "master"},
        ], "busy": []});
        let mut vars = Vars::new();
        let plan = checks(json!([
            {"at": "/busy", "absent": true},
            {"every": "/nodes/*", "where": [{"at": "/type", "equals": "data"}],
             "then": [{"record": {"moving": "/name"}}]},
            {"every": "/nodes/*", "then": [{"record": {"az_{/name}": "/az"}}]},
            {"pick": "{moving}", "where": [{"none-of": ["a"]}], "then": [{"record": {"next": ""}}]},
        ]));
        run_checks(&plan, &doc, &mut vars).expect("passes");
        assert_eq!(vars["moving"], "a,b");
        assert_eq!(vars["az_m"], "2");
        assert_eq!(vars["next"], "b");
        let moved = checks(json!([{"every": "/nodes/*",
            "where": [{"at": "/name", "one-of": "{moving}"}],
            "then": [{"at": "/az", "equals": "3"}]}]));
        assert!(run_checks(&moved, &doc, &mut vars).is_err());
        let stayed = checks(json!([{"every": "/nodes/*",
            "where": [{"at": "/name", "none-of": "{moving}"}],
            "then": [{"at": "/az", "equals": "{az_{/name}}"}]}]));
        assert!(run_checks(&stayed, &doc, &mut vars).is_ok());
        let none =
            checks(json!([{"every": "/nodes/*", "where": [{"at": "/type", "equals": "x"}]}]));
        assert!(run_checks(&none, &doc, &mut vars).is_err());
    }
}
