//! `cargo xtask pages check`: compare a page with the spec operation of the same method and path.
//!
//! Every comparison names the places of the spec it concerns (parameter, its schema, property,
//! response, media type, operation) and records that it was made; a difference becomes a raw
//! finding with those places. Raw findings an `x-page-divergence` on one of their places accepts
//! are listed as accepted; the others are findings. An entry that selects the page, sits on a
//! place where its rule was compared, and accepted nothing is stale.

use std::collections::{BTreeSet, HashMap, HashSet};

use serde_json::Value;

use super::Rule;
use super::divergence::{self, Divergence};
use super::model::{Field, Page, Type};
use crate::openapi::yaml::{self, join};
use crate::openapi::{self as spec, Operation, deref};

/// A spec, read with the lint's loader, and the name findings give it.
#[derive(Debug, Clone)]
pub struct SpecDoc {
    pub file: String,
    pub document: yaml::Document,
}

impl SpecDoc {
    pub fn load(file: &str, src: &str) -> Result<SpecDoc, String> {
        let document = yaml::load(src)
            .map_err(|e| format!("{file} is not valid YAML: {e} (run `cargo xtask lint`)"))?;
        Ok(SpecDoc {
            file: file.to_string(),
            document,
        })
    }
}

/// A place in a spec: file and line.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct SpecLine {
    pub file: String,
    pub line: usize,
}

/// A difference between page and spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub rule: Rule,
    pub page_line: usize,
    pub spec: Option<SpecLine>,
    pub message: String,
}

/// A difference an `x-page-divergence` accounts for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Accepted {
    pub rule: Rule,
    pub page_line: usize,
    /// Where the divergence is written.
    pub spec: SpecLine,
    pub message: String,
    pub reason: String,
}

/// The outcome for one page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageReport {
    pub page: String,
    pub method: String,
    pub path: String,
    pub operation: Option<String>,
    pub spec_file: Option<String>,
    pub findings: Vec<Finding>,
    pub accepted: Vec<Accepted>,
}

/// What a difference is about, matched against a divergence's `name`, `status`, `values`, `at`.
#[derive(Debug, Clone, Default)]
struct Subject {
    name: Option<String>,
    status: Option<String>,
    values: Option<BTreeSet<String>>,
    at: Option<String>,
}

#[derive(Debug, Clone)]
struct Raw {
    rule: Rule,
    page_line: usize,
    places: Vec<String>,
    subject: Subject,
    message: String,
}

struct Cx<'a> {
    page: &'a Page,
    root: &'a Value,
    label: String,
    raws: Vec<Raw>,
    /// (rule, place) compared, and the page line of the first such comparison.
    compared: HashMap<(Rule, String), usize>,
}

impl Cx<'_> {
    fn compared(&mut self, rule: Rule, places: &[String], page_line: usize) {
        for place in places {
            self.compared
                .entry((rule, place.clone()))
                .or_insert(page_line);
        }
    }

    fn report(
        &mut self,
        rule: Rule,
        page_line: usize,
        places: Vec<String>,
        subject: Subject,
        message: String,
    ) {
        self.raws.push(Raw {
            rule,
            page_line,
            places,
            subject,
            message,
        });
    }
}

fn dedup(places: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for place in places {
        if !out.contains(&place) {
            out.push(place);
        }
    }
    out
}

/// `/v2/{project_id}/x` → `/v2/{}/x`.
fn shape(path: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in path.chars() {
        match c {
            '{' => {
                depth += 1;
                out.push('{');
            }
            '}' => {
                depth -= 1;
                out.push('}');
            }
            _ if depth > 0 => {}
            _ => out.push(c),
        }
    }
    out.trim_end_matches('/').to_string()
}

/// Compare one page with the specs.
pub fn check_page(display: &str, page: &Page, specs: &[SpecDoc]) -> PageReport {
    let mut report = PageReport {
        page: display.to_string(),
        method: page.method.clone(),
        path: page.path.clone(),
        operation: None,
        spec_file: None,
        findings: Vec::new(),
        accepted: Vec::new(),
    };
    let wanted = shape(&page.path);
    let found = specs.iter().find_map(|spec| {
        spec::operations(&spec.document.value)
            .into_iter()
            .find(|op| op.method.eq_ignore_ascii_case(&page.method) && shape(op.path) == wanted)
            .map(|op| (spec, op))
    });
    let Some((spec, op)) = found else {
        for problem in &page.problems {
            report.findings.push(Finding {
                rule: Rule::Unreadable,
                page_line: problem.line,
                spec: None,
                message: problem.message.clone(),
            });
        }
        let files: Vec<&str> = specs.iter().map(|s| s.file.as_str()).collect();
        report.findings.push(Finding {
            rule: Rule::OperationMissing,
            page_line: page.line,
            spec: None,
            message: format!(
                "no operation `{} {}` in {}",
                page.method,
                page.path,
                if files.is_empty() {
                    "any spec".to_string()
                } else {
                    files.join(", ")
                }
            ),
        });
        return report;
    };
    report.operation = Some(op.label());
    report.spec_file = Some(spec.file.clone());
    let root = &spec.document.value;
    let mut cx = Cx {
        page,
        root,
        label: op.label(),
        raws: Vec::new(),
        compared: HashMap::new(),
    };
    unreadable(&mut cx, &op);
    params(&mut cx, &op);
    request(&mut cx, &op);
    responses(&mut cx, &op);
    resolve(cx, spec, &mut report);
    report
        .findings
        .sort_by(|a, b| (a.page_line, a.rule, &a.message).cmp(&(b.page_line, b.rule, &b.message)));
    report
}

/// Sort raw findings into accepted and reported; add stale and invalid divergences.
fn resolve(cx: Cx, spec: &SpecDoc, report: &mut PageReport) {
    let lines = &spec.document.lines;
    let spec_line = |pointer: &str| SpecLine {
        file: spec.file.clone(),
        line: lines.line(pointer),
    };
    let (divergences, invalid) = divergence::collect(cx.root);
    let selected: Vec<bool> = divergences
        .iter()
        .map(|d| d.when.selects(cx.page))
        .collect();
    let mut used = vec![false; divergences.len()];
    for raw in &cx.raws {
        let matched = divergences.iter().enumerate().position(|(i, d)| {
            selected[i] && d.rule == raw.rule && raw.places.contains(&d.place) && accepts(d, raw)
        });
        match matched {
            Some(i) => {
                used[i] = true;
                report.accepted.push(Accepted {
                    rule: raw.rule,
                    page_line: raw.page_line,
                    spec: spec_line(&divergences[i].pointer),
                    message: raw.message.clone(),
                    reason: divergences[i].reason.clone(),
                });
            }
            None => report.findings.push(Finding {
                rule: raw.rule,
                page_line: raw.page_line,
                spec: raw.places.first().map(|p| spec_line(p)),
                message: raw.message.clone(),
            }),
        }
    }
    for (i, d) in divergences.iter().enumerate() {
        if used[i] || !selected[i] {
            continue;
        }
        let Some(&page_line) = cx.compared.get(&(d.rule, d.place.clone())) else {
            continue;
        };
        let mut what = d.rule.id().to_string();
        for (key, value) in [("name", &d.name), ("status", &d.status), ("at", &d.at)] {
            if let Some(value) = value {
                what.push_str(&format!(", {key} `{value}`"));
            }
        }
        if let Some(values) = &d.values {
            what.push_str(&format!(", values {}", list(values.iter())));
        }
        report.findings.push(Finding {
            rule: Rule::DivergenceStale,
            page_line,
            spec: Some(spec_line(&d.pointer)),
            message: format!(
                "`x-page-divergence` ({what}) of {} no longer applies: the page agrees with the spec here (reason given: {})",
                cx.label,
                short(&d.reason, 100)
            ),
        });
    }
    let compared_places: HashSet<&String> = cx.compared.keys().map(|(_, p)| p).collect();
    for bad in invalid {
        if compared_places.contains(&bad.place) {
            report.findings.push(Finding {
                rule: Rule::DivergenceInvalid,
                page_line: cx.page.line,
                spec: Some(spec_line(&bad.pointer)),
                message: bad.message,
            });
        }
    }
}

/// Examples the page has that cannot be read: a divergence on the response (or its media type,
/// or the request body for a request example, or the operation) may say why the spec's example
/// differs.
fn unreadable(cx: &mut Cx, op: &Operation) {
    let root = cx.root;
    for problem in &cx.page.problems {
        let mut places = Vec::new();
        match &problem.status {
            Some(status) => {
                let site = join(&format!("{}/responses", op.pointer), status);
                if let Some(value) = op
                    .value
                    .get("responses")
                    .and_then(|r| r.get(status.as_str()))
                    && let Some((response, resolved)) = deref(root, value, &site)
                {
                    if let Some((_, media_pointer)) = media(response, &resolved) {
                        places.push(media_pointer);
                    }
                    places.push(resolved);
                }
                places.push(site);
            }
            None => places.push(format!("{}/requestBody", op.pointer)),
        }
        places.push(op.pointer.clone());
        let places = dedup(places);
        cx.compared(Rule::Unreadable, &places, problem.line);
        cx.report(
            Rule::Unreadable,
            problem.line,
            places,
            Subject {
                status: problem.status.clone(),
                ..Subject::default()
            },
            problem.message.clone(),
        );
    }
}

fn accepts(d: &Divergence, raw: &Raw) -> bool {
    let same = |want: &Option<String>, got: &Option<String>| want.is_none() || want == got;
    same(&d.name, &raw.subject.name)
        && same(&d.status, &raw.subject.status)
        && same(&d.at, &raw.subject.at)
        && (d.values.is_none() || d.values == raw.subject.values)
}

fn short(text: &str, max: usize) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max {
        return text;
    }
    let cut: String = text.chars().take(max).collect();
    format!("{cut}…")
}

fn list<'a>(values: impl Iterator<Item = &'a String>) -> String {
    let shown: Vec<String> = values.map(|v| format!("`{v}`")).collect();
    if shown.is_empty() {
        "none".to_string()
    } else {
        shown.join(", ")
    }
}

/// Headers the pages list that the specs hold elsewhere: authentication headers are security
/// schemes, `Content-Type` is the request body's media type.
fn skipped_header(name: &str) -> bool {
    name.eq_ignore_ascii_case("Content-Type")
        || crate::lint::AUTH_HEADERS
            .iter()
            .any(|h| h.eq_ignore_ascii_case(name))
}

fn params(cx: &mut Cx, op: &Operation) {
    let root = cx.root;
    let page = cx.page;
    let spec_params: Vec<_> = op
        .parameters(root)
        .into_iter()
        .filter(|p| matches!(p.location.as_str(), "path" | "query" | "header"))
        .filter(|p| !(p.location == "header" && skipped_header(&p.name)))
        .collect();
    let same = |location: &str, a: &str, b: &str| {
        if location == "header" {
            a.eq_ignore_ascii_case(b)
        } else {
            a == b
        }
    };
    for pp in &page.params {
        let location = pp.location.id();
        if location == "header" && skipped_header(&pp.name) {
            continue;
        }
        let op_places = vec![op.pointer.clone()];
        cx.compared(Rule::ParamMissing, &op_places, pp.line);
        let Some(sp) = spec_params
            .iter()
            .find(|sp| sp.location == location && same(location, &sp.name, &pp.name))
        else {
            cx.report(
                Rule::ParamMissing,
                pp.line,
                op_places,
                Subject {
                    name: Some(pp.name.clone()),
                    ..Subject::default()
                },
                format!(
                    "{location} parameter `{}` ({}, {}) is on the page but not in {}",
                    pp.name,
                    pp.ty,
                    if pp.mandatory {
                        "mandatory"
                    } else {
                        "optional"
                    },
                    cx.label
                ),
            );
            continue;
        };
        let schema_site = format!("{}/schema", sp.pointer);
        let resolved = sp
            .value
            .get("schema")
            .and_then(|s| resolve_schema(root, s, &schema_site))
            .map(|(_, p)| p);
        let places = dedup(
            [
                Some(sp.pointer.clone()),
                Some(sp.site.clone()),
                Some(schema_site.clone()),
                resolved,
            ]
            .into_iter()
            .flatten()
            .collect(),
        );
        let what = format!("{location} parameter `{}`", pp.name);
        cx.compared(Rule::Mandatory, &places, pp.line);
        if pp.mandatory != sp.required() {
            cx.report(
                Rule::Mandatory,
                pp.line,
                places.clone(),
                Subject::default(),
                format!(
                    "{what} is {} on the page but {} in the spec",
                    if pp.mandatory {
                        "mandatory"
                    } else {
                        "optional"
                    },
                    if sp.required() {
                        "required"
                    } else {
                        "optional"
                    }
                ),
            );
        }
        if let Some(schema) = sp.value.get("schema") {
            compare_type_and_values(
                cx,
                &what,
                &pp.ty,
                &pp.values,
                schema,
                &schema_site,
                pp.line,
                &places,
            );
        }
    }
    for sp in &spec_params {
        let places = dedup(vec![sp.pointer.clone(), sp.site.clone()]);
        let location = sp.location.as_str();
        let page_line = page
            .params
            .iter()
            .find(|p| p.location.id() == location)
            .map_or(page.line, |p| p.line);
        cx.compared(Rule::ParamExtra, &places, page_line);
        let listed = page
            .params
            .iter()
            .any(|pp| pp.location.id() == location && same(location, &pp.name, &sp.name));
        if !listed {
            cx.report(
                Rule::ParamExtra,
                page_line,
                places,
                Subject::default(),
                format!(
                    "{location} parameter `{}` of {} is in the spec but not on the page",
                    sp.name, cx.label
                ),
            );
        }
    }
}

/// Follow `$ref`s and a one-element `allOf`.
fn resolve_schema<'a>(
    root: &'a Value,
    value: &'a Value,
    pointer: &str,
) -> Option<(&'a Value, String)> {
    let mut current = deref(root, value, pointer)?;
    for _ in 0..8 {
        match current.0.get("allOf").and_then(Value::as_array) {
            Some(items) if items.len() == 1 => {
                let site = format!("{}/allOf/0", current.1);
                current = deref(root, &items[0], &site)?;
            }
            _ => break,
        }
    }
    Some(current)
}

/// How the spec's schema reads, for messages.
fn describe(root: &Value, schema: &Value, pointer: &str, depth: usize) -> String {
    let name = spec::ref_of(schema).map(spec::ref_name);
    let Some((resolved, resolved_pointer)) = resolve_schema(root, schema, pointer) else {
        return "an unresolvable `$ref`".to_string();
    };
    let ty = resolved.get("type").and_then(Value::as_str);
    let format = resolved.get("format").and_then(Value::as_str);
    let named = |text: &str| match name {
        Some(name) => format!("{text} `{name}`"),
        None => text.to_string(),
    };
    if depth > 4 {
        return ty.unwrap_or("schema").to_string();
    }
    match ty {
        Some("array") => match resolved.get("items") {
            Some(items) => format!(
                "array of {}",
                describe(root, items, &format!("{resolved_pointer}/items"), depth + 1)
            ),
            None => "array".to_string(),
        },
        Some("object") | None
            if resolved.get("properties").is_none()
                && resolved
                    .get("additionalProperties")
                    .is_some_and(Value::is_object) =>
        {
            format!(
                "map of {}",
                describe(
                    root,
                    &resolved["additionalProperties"],
                    &format!("{resolved_pointer}/additionalProperties"),
                    depth + 1
                )
            )
        }
        Some("object") => named("object"),
        None if resolved.get("properties").is_some() => named("object"),
        Some(ty) => match format {
            Some(format) => format!("{ty} ({format})"),
            None => ty.to_string(),
        },
        None => "a schema without `type`".to_string(),
    }
}

/// Whether the page's type matches the schema.
fn type_matches(root: &Value, ty: &Type, schema: &Value, pointer: &str, depth: usize) -> bool {
    let Some((resolved, resolved_pointer)) = resolve_schema(root, schema, pointer) else {
        return true; // ref-resolves is the lint's
    };
    let spec_type = resolved.get("type").and_then(Value::as_str);
    let format = resolved.get("format").and_then(Value::as_str);
    let objectish = spec_type == Some("object")
        || (spec_type.is_none() && resolved.get("properties").is_some());
    match ty {
        Type::String => spec_type == Some("string"),
        Type::Integer => spec_type == Some("integer") && format != Some("int64"),
        Type::Long => spec_type == Some("integer") && format == Some("int64"),
        Type::Boolean => spec_type == Some("boolean"),
        Type::Number(_) => spec_type == Some("number"),
        Type::Object(_) => objectish,
        Type::Map(value) => {
            objectish
                && depth < 8
                && resolved
                    .get("additionalProperties")
                    .filter(|v| v.is_object())
                    .is_some_and(|v| {
                        type_matches(
                            root,
                            value,
                            v,
                            &format!("{resolved_pointer}/additionalProperties"),
                            depth + 1,
                        )
                    })
        }
        Type::Array(inner) => {
            spec_type == Some("array")
                && depth < 8
                && resolved.get("items").is_some_and(|items| {
                    type_matches(
                        root,
                        inner,
                        items,
                        &format!("{resolved_pointer}/items"),
                        depth + 1,
                    )
                })
        }
        Type::Other(_) => false,
    }
}

/// The values of an `enum` or `x-extensible-enum` (of the items, for an array).
fn spec_values(root: &Value, schema: &Value, pointer: &str, depth: usize) -> Option<Vec<String>> {
    let (resolved, resolved_pointer) = resolve_schema(root, schema, pointer)?;
    for key in ["enum", crate::generate::EXTENSIBLE_ENUM] {
        if let Some(values) = resolved.get(key).and_then(Value::as_array) {
            return Some(
                values
                    .iter()
                    .map(|v| match v {
                        Value::String(s) => s.clone(),
                        other => other.to_string(),
                    })
                    .collect(),
            );
        }
    }
    if depth < 4
        && let Some(items) = resolved.get("items")
    {
        return spec_values(root, items, &format!("{resolved_pointer}/items"), depth + 1);
    }
    None
}

#[allow(clippy::too_many_arguments)]
fn compare_type_and_values(
    cx: &mut Cx,
    what: &str,
    ty: &Type,
    values: &[String],
    schema: &Value,
    schema_site: &str,
    page_line: usize,
    places: &[String],
) -> bool {
    let root = cx.root;
    cx.compared(Rule::Type, places, page_line);
    let matches = type_matches(root, ty, schema, schema_site, 0);
    if !matches {
        cx.report(
            Rule::Type,
            page_line,
            places.to_vec(),
            Subject::default(),
            format!(
                "{what} is `{ty}` on the page but {} in the spec",
                describe(root, schema, schema_site, 0)
            ),
        );
    }
    if !values.is_empty() {
        cx.compared(Rule::Enum, places, page_line);
        let page_set: BTreeSet<String> = values.iter().cloned().collect();
        match spec_values(root, schema, schema_site, 0) {
            None => cx.report(
                Rule::Enum,
                page_line,
                places.to_vec(),
                Subject {
                    values: Some(page_set.clone()),
                    ..Subject::default()
                },
                format!(
                    "{what}: the page lists the values {}; the spec has no `enum` or `x-extensible-enum`",
                    list(values.iter())
                ),
            ),
            Some(spec_list) => {
                let spec_set: BTreeSet<String> = spec_list.iter().cloned().collect();
                if spec_set != page_set {
                    let page_only: BTreeSet<String> =
                        page_set.difference(&spec_set).cloned().collect();
                    let spec_only: BTreeSet<String> =
                        spec_set.difference(&page_set).cloned().collect();
                    let mut parts = Vec::new();
                    if !page_only.is_empty() {
                        parts.push(format!("only on the page: {}", list(page_only.iter())));
                    }
                    if !spec_only.is_empty() {
                        parts.push(format!("only in the spec: {}", list(spec_only.iter())));
                    }
                    cx.report(
                        Rule::Enum,
                        page_line,
                        places.to_vec(),
                        Subject {
                            values: Some(page_only.union(&spec_only).cloned().collect()),
                            ..Subject::default()
                        },
                        format!("{what}: values differ ({})", parts.join("; ")),
                    );
                }
            }
        }
    }
    matches
}

/// The media type of a request body or response: `application/json`, else the first.
fn media<'a>(holder: &'a Value, pointer: &str) -> Option<(&'a Value, String)> {
    let content = holder.get("content").and_then(Value::as_object)?;
    let (media_type, media) = content
        .get_key_value("application/json")
        .or_else(|| content.iter().next())?;
    Some((media, join(&format!("{pointer}/content"), media_type)))
}

/// The component name of a schema pointer, for messages: ` (`X`)`.
fn owner(pointer: &str) -> String {
    pointer
        .strip_prefix("/components/schemas/")
        .filter(|name| !name.contains('/'))
        .map(|name| format!(" (`{}`)", name.replace("~1", "/").replace("~0", "~")))
        .unwrap_or_default()
}

struct Fields<'a> {
    context: &'a str,
    prefix: String,
    table_line: usize,
    depth: usize,
}

/// Compare a table's fields with an object schema (at `schema_site`, maybe a `$ref`).
fn compare_fields(cx: &mut Cx, fields: &[Field], schema_site: &str, at: Fields) {
    let root = cx.root;
    let Some(schema) = root.pointer(schema_site) else {
        return;
    };
    let Some((object, object_pointer)) = resolve_schema(root, schema, schema_site) else {
        return;
    };
    let empty = serde_json::Map::new();
    let properties = object
        .get("properties")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    let required: HashSet<&str> = object
        .get("required")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let object_places = dedup(vec![object_pointer.clone(), schema_site.to_string()]);
    let path_of = |name: &str| {
        if at.prefix.is_empty() {
            name.to_string()
        } else {
            format!("{}.{name}", at.prefix)
        }
    };
    for field in fields {
        let path = path_of(&field.name);
        cx.compared(Rule::FieldMissing, &object_places, field.line);
        let Some(property) = properties.get(&field.name) else {
            cx.report(
                Rule::FieldMissing,
                field.line,
                object_places.clone(),
                Subject {
                    name: Some(field.name.clone()),
                    ..Subject::default()
                },
                format!(
                    "{} field `{path}` ({}) is on the page but not in the spec{}",
                    at.context,
                    field.ty,
                    owner(&object_pointer)
                ),
            );
            continue;
        };
        let site = join(&format!("{object_pointer}/properties"), &field.name);
        let resolved = resolve_schema(root, property, &site).map(|(_, p)| p);
        let places = dedup(
            [Some(site.clone()), resolved.clone()]
                .into_iter()
                .flatten()
                .collect(),
        );
        let what = format!("{} field `{path}`", at.context);
        if let Some(mandatory) = field.mandatory {
            cx.compared(Rule::Mandatory, &places, field.line);
            let is_required = required.contains(field.name.as_str());
            if mandatory != is_required {
                cx.report(
                    Rule::Mandatory,
                    field.line,
                    places.clone(),
                    Subject::default(),
                    format!(
                        "{what} is {} on the page but {} in the spec{}",
                        if mandatory { "mandatory" } else { "optional" },
                        if is_required {
                            "required"
                        } else {
                            "not in `required`"
                        },
                        owner(&object_pointer)
                    ),
                );
            }
        }
        let matches = compare_type_and_values(
            cx,
            &what,
            &field.ty,
            &field.values,
            property,
            &site,
            field.line,
            &places,
        );
        if let (true, Some(children), Some(resolved)) = (matches, &field.fields, resolved)
            && at.depth < 16
        {
            let (child_site, child_prefix) = match field.ty {
                Type::Array(_) => (format!("{resolved}/items"), format!("{path}[]")),
                _ => (resolved, path.clone()),
            };
            compare_fields(
                cx,
                children,
                &child_site,
                Fields {
                    context: at.context,
                    prefix: child_prefix,
                    table_line: field.line,
                    depth: at.depth + 1,
                },
            );
        }
    }
    for name in properties.keys() {
        let site = join(&format!("{object_pointer}/properties"), name);
        let resolved = resolve_schema(root, &properties[name], &site).map(|(_, p)| p);
        let places = dedup([Some(site), resolved].into_iter().flatten().collect());
        cx.compared(Rule::FieldExtra, &places, at.table_line);
        if !fields.iter().any(|f| &f.name == name) {
            cx.report(
                Rule::FieldExtra,
                at.table_line,
                places,
                Subject::default(),
                format!(
                    "{} field `{}` is in the spec{} but not on the page",
                    at.context,
                    path_of(name),
                    owner(&object_pointer)
                ),
            );
        }
    }
}

fn request(cx: &mut Cx, op: &Operation) {
    let root = cx.root;
    let page = cx.page;
    let site = format!("{}/requestBody", op.pointer);
    let body = op
        .value
        .get("requestBody")
        .and_then(|rb| deref(root, rb, &site));
    let media = body.as_ref().and_then(|(rb, p)| media(rb, p));
    let schema_site = media
        .as_ref()
        .filter(|(m, _)| m.get("schema").is_some())
        .map(|(_, p)| format!("{p}/schema"));
    let fields: &[Field] = page.request.as_ref().map_or(&[], |b| &b.fields);
    let table_line = page.request.as_ref().map_or(page.line, |b| b.line);
    match &schema_site {
        Some(schema_site) => {
            if page.request.is_some()
                || root
                    .pointer(schema_site)
                    .and_then(|s| resolve_schema(root, s, schema_site))
                    .is_some_and(|(s, _)| s.get("properties").is_some())
            {
                compare_fields(
                    cx,
                    fields,
                    schema_site,
                    Fields {
                        context: "request body",
                        prefix: String::new(),
                        table_line,
                        depth: 0,
                    },
                );
            }
        }
        None => {
            let places = dedup(
                [
                    body.as_ref().map(|(_, p)| p.clone()),
                    Some(op.pointer.clone()),
                ]
                .into_iter()
                .flatten()
                .collect(),
            );
            for field in fields {
                cx.compared(Rule::FieldMissing, &places, field.line);
                cx.report(
                    Rule::FieldMissing,
                    field.line,
                    places.clone(),
                    Subject {
                        name: Some(field.name.clone()),
                        ..Subject::default()
                    },
                    format!(
                        "request body field `{}` ({}) is on the page but {} has no request body schema",
                        field.name, field.ty, cx.label
                    ),
                );
            }
        }
    }
    let places: Vec<String> = dedup(
        [
            media.as_ref().map(|(_, p)| p.clone()),
            body.as_ref().map(|(_, p)| p.clone()),
            Some(site.clone()),
        ]
        .into_iter()
        .flatten()
        .collect(),
    );
    for example in &page.request_examples {
        let candidates = media
            .as_ref()
            .map(|(m, _)| media_examples(root, m))
            .unwrap_or_default();
        compare_example(cx, "request body", example, &candidates, &places);
    }
}

fn media_examples(root: &Value, media: &Value) -> Vec<Value> {
    let mut out = Vec::new();
    if let Some(example) = media.get("example") {
        out.push(example.clone());
    }
    if let Some(examples) = media.get("examples").and_then(Value::as_object) {
        for example in examples.values() {
            if let Some((example, _)) = deref(root, example, "")
                && let Some(value) = example.get("value")
            {
                out.push(value.clone());
            }
        }
    }
    out
}

/// The leaves where two JSON values differ: (pointer, page side, spec side).
fn differences(
    page: &Value,
    spec: &Value,
    pointer: &str,
    out: &mut Vec<(String, Option<Value>, Option<Value>)>,
) {
    match (page, spec) {
        (Value::Object(a), Value::Object(b)) => {
            let keys: BTreeSet<&String> = a.keys().chain(b.keys()).collect();
            for key in keys {
                let at = join(pointer, key);
                match (a.get(key), b.get(key)) {
                    (Some(x), Some(y)) => differences(x, y, &at, out),
                    (x, y) => out.push((at, x.cloned(), y.cloned())),
                }
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            for index in 0..a.len().max(b.len()) {
                let at = format!("{pointer}/{index}");
                match (a.get(index), b.get(index)) {
                    (Some(x), Some(y)) => differences(x, y, &at, out),
                    (x, y) => out.push((at, x.cloned(), y.cloned())),
                }
            }
        }
        (a, b) if a != b => out.push((pointer.to_string(), Some(a.clone()), Some(b.clone()))),
        _ => {}
    }
}

fn shown(value: &Option<Value>) -> String {
    match value {
        None => "absent".to_string(),
        Some(value) => format!("`{}`", short(&value.to_string(), 60)),
    }
}

fn compare_example(
    cx: &mut Cx,
    context: &str,
    example: &super::model::Example,
    candidates: &[Value],
    places: &[String],
) {
    cx.compared(Rule::Example, places, example.line);
    if candidates.contains(&example.value) {
        return;
    }
    if candidates.is_empty() {
        cx.report(
            Rule::Example,
            example.line,
            places.to_vec(),
            Subject::default(),
            format!(
                "the page's {context} example is not in the spec ({} has no {context} example)",
                cx.label
            ),
        );
        return;
    }
    let closest = candidates
        .iter()
        .map(|candidate| {
            let mut diffs = Vec::new();
            differences(&example.value, candidate, "", &mut diffs);
            diffs
        })
        .min_by_key(Vec::len)
        .unwrap_or_default();
    let Some((at, page_side, spec_side)) = closest.first() else {
        return;
    };
    let more = if closest.len() > 1 {
        format!(
            " and {} more place{}",
            closest.len() - 1,
            if closest.len() == 2 { "" } else { "s" }
        )
    } else {
        String::new()
    };
    let at_shown = if at.is_empty() { "/" } else { at.as_str() };
    cx.report(
        Rule::Example,
        example.line,
        places.to_vec(),
        Subject {
            at: Some(at.clone()),
            ..Subject::default()
        },
        format!(
            "the page's {context} example differs from the spec's at `{at_shown}`{more}: page {}, spec {}",
            shown(page_side),
            shown(spec_side)
        ),
    );
}

fn is_status_code(status: &str) -> bool {
    status.len() == 3 && status.bytes().all(|b| b.is_ascii_digit())
}

fn responses(cx: &mut Cx, op: &Operation) {
    let root = cx.root;
    let page = cx.page;
    let responses_pointer = format!("{}/responses", op.pointer);
    let empty = serde_json::Map::new();
    let spec_responses = op
        .value
        .get("responses")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    if page.responses.is_empty() {
        return;
    }
    let op_places = vec![responses_pointer.clone(), op.pointer.clone()];
    for response in &page.responses {
        cx.compared(Rule::StatusMissing, &op_places, response.line);
        if !spec_responses.contains_key(&response.status) {
            cx.report(
                Rule::StatusMissing,
                response.line,
                op_places.clone(),
                Subject {
                    status: Some(response.status.clone()),
                    ..Subject::default()
                },
                format!(
                    "status {} is on the page but not in {}",
                    response.status, cx.label
                ),
            );
        }
    }
    let last_line = page
        .responses
        .iter()
        .map(|r| r.line)
        .max()
        .unwrap_or(page.line);
    for (status, value) in spec_responses {
        if !is_status_code(status) {
            continue;
        }
        let site = join(&responses_pointer, status);
        let resolved = deref(root, value, &site).map(|(_, p)| p);
        let places = dedup([Some(site), resolved].into_iter().flatten().collect());
        cx.compared(Rule::StatusExtra, &places, last_line);
        if page.response(status).is_none() {
            cx.report(
                Rule::StatusExtra,
                last_line,
                places,
                Subject::default(),
                format!(
                    "status {status} of {} is in the spec but not on the page",
                    cx.label
                ),
            );
        }
    }
    for response in &page.responses {
        let Some(value) = spec_responses.get(&response.status) else {
            continue;
        };
        let site = join(&responses_pointer, &response.status);
        let Some((spec_response, resolved)) = deref(root, value, &site) else {
            continue;
        };
        let media = media(spec_response, &resolved);
        let context = format!("response {}", response.status);
        if let Some(body) = &response.body {
            match media.as_ref().filter(|(m, _)| m.get("schema").is_some()) {
                Some((_, media_pointer)) => compare_fields(
                    cx,
                    &body.fields,
                    &format!("{media_pointer}/schema"),
                    Fields {
                        context: &context,
                        prefix: String::new(),
                        table_line: body.line,
                        depth: 0,
                    },
                ),
                None => {
                    let places = dedup(vec![resolved.clone(), site.clone()]);
                    for field in &body.fields {
                        cx.compared(Rule::FieldMissing, &places, field.line);
                        cx.report(
                            Rule::FieldMissing,
                            field.line,
                            places.clone(),
                            Subject {
                                name: Some(field.name.clone()),
                                ..Subject::default()
                            },
                            format!(
                                "{context} field `{}` ({}) is on the page but the spec's {context} has no body",
                                field.name, field.ty
                            ),
                        );
                    }
                }
            }
        }
        let places = dedup(
            [
                media.as_ref().map(|(_, p)| p.clone()),
                Some(resolved.clone()),
                Some(site.clone()),
            ]
            .into_iter()
            .flatten()
            .collect(),
        );
        let candidates = media
            .as_ref()
            .map(|(m, _)| media_examples(root, m))
            .unwrap_or_default();
        for example in &response.examples {
            compare_example(cx, &context, example, &candidates, &places);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_shapes() {
        assert_eq!(shape("/v2/{project_id}/jobs/{job_id}"), "/v2/{}/jobs/{}");
        assert_eq!(shape("/v2/{p}/jobs/"), "/v2/{}/jobs");
    }

    #[test]
    fn json_differences() {
        let mut out = Vec::new();
        differences(
            &serde_json::json!({"a": 1, "b": [1, 2], "c": "x"}),
            &serde_json::json!({"a": 1, "b": [1, 3], "d": true}),
            "",
            &mut out,
        );
        let at: Vec<&str> = out.iter().map(|(p, _, _)| p.as_str()).collect();
        assert_eq!(at, ["/b/1", "/c", "/d"]);
    }
}
