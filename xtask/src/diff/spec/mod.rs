//! The spec comparison: a pure function over two parsed specs ([`diff_specs`]), classifying every
//! change the way oasdiff does (breaking / worth a look / non-breaking).
//!
//! Requests and responses are compared in opposite directions: a field removed from a response
//! breaks old clients, one removed from a request does not; a value added to a request enum is
//! harmless, one added to a response enum is something old clients must tolerate.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value};

use crate::generate::CLOUDS;
use crate::lint::canonical;
use crate::openapi::{self as spec, Operation, deref, ref_name, ref_of, ref_pointer};

mod ids;

pub use ids::{ChangeId, Kind};

/// One change between the two specs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// How much it matters: always `id.kind()`.
    pub kind: Kind,
    /// What kind of change it is, e.g. [`ChangeId::ResponseFieldRemoved`].
    pub id: ChangeId,
    /// The operation's `operationId` (or `GET /path` without one); `None` for spec-level changes.
    pub operation: Option<String>,
    /// Upper-case HTTP method and path template of the operation (the new ones if they changed).
    pub method: Option<String>,
    pub path: Option<String>,
    /// Where in the operation: `parameter job_id (path)`, `request body`, `response 200`, ...
    pub part: Option<String>,
    /// The field inside a body or schema, e.g. `job.status` or `jobs[].id`.
    pub field: Option<String>,
    /// What changed, in words.
    pub change: String,
}

/// Compare two specs; `None` is a spec that does not exist on that side.  The changes come
/// sorted: breaking first, then worth a look, then non-breaking; within a kind by path and method.
pub fn diff_specs(base: Option<&Value>, head: Option<&Value>) -> Vec<Change> {
    let empty = Value::Object(Map::new());
    let mut differ = Differ {
        base: base.unwrap_or(&empty),
        head: head.unwrap_or(&empty),
        changes: Vec::new(),
    };
    match (base, head) {
        (None, None) => {}
        (None, Some(head)) => {
            let count = spec::operations(head).len();
            differ.push_spec(
                ChangeId::SpecAdded,
                None,
                format!("spec added with {count} operation{}", plural(count)),
            );
            differ.operations();
        }
        (Some(base), None) => {
            let count = spec::operations(base).len();
            differ.push_spec(
                ChangeId::SpecRemoved,
                None,
                format!("spec removed with its {count} operation{}", plural(count)),
            );
            differ.operations();
        }
        (Some(_), Some(_)) => {
            differ.operations();
            differ.error_schema();
        }
    }
    let mut changes = differ.changes;
    let method_rank = |m: &Option<String>| {
        m.as_deref()
            .and_then(|m| spec::METHODS.iter().position(|x| x.eq_ignore_ascii_case(m)))
            .unwrap_or(usize::MAX)
    };
    changes.sort_by(|a, b| {
        (a.kind, a.path.is_some(), &a.path, method_rank(&a.method)).cmp(&(
            b.kind,
            b.path.is_some(),
            &b.path,
            method_rank(&b.method),
        ))
    });
    changes
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Which way data flows through the schema being compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Direction {
    /// A parameter: sent by the client.
    Parameter,
    /// A request body: sent by the client.
    Request,
    /// A response body: read by the client.
    Response,
    /// The shared error schema: read by the client; any structural change is breaking.
    Error,
}

impl Direction {
    fn sends(self) -> bool {
        matches!(self, Direction::Parameter | Direction::Request)
    }

    /// The ids of the changes to a schema on this side.
    fn ids(self) -> &'static SchemaIds {
        match self {
            Direction::Parameter => &PARAMETER_IDS,
            Direction::Request => &REQUEST_IDS,
            Direction::Response | Direction::Error => &RESPONSE_IDS,
        }
    }
}

/// The changes a schema comparison reports, for one side of the exchange ([`Direction::ids`]).
/// Their kinds come from the registry: what breaks a sender relaxes a reader, and back.
struct SchemaIds {
    type_changed: ChangeId,
    made_nullable: ChangeId,
    made_non_nullable: ChangeId,
    removed: ChangeId,
    /// A required field added to what the client sends (a response reports `added`).
    added_required: ChangeId,
    added: ChangeId,
    made_required: ChangeId,
    made_optional: ChangeId,
    enum_added: ChangeId,
    enum_removed: ChangeId,
    enum_value_added: ChangeId,
    enum_value_removed: ChangeId,
}

const REQUEST_IDS: SchemaIds = SchemaIds {
    type_changed: ChangeId::RequestFieldTypeChanged,
    made_nullable: ChangeId::RequestFieldMadeNullable,
    made_non_nullable: ChangeId::RequestFieldMadeNonNullable,
    removed: ChangeId::RequestFieldRemoved,
    added_required: ChangeId::RequestFieldAddedRequired,
    added: ChangeId::RequestFieldAddedOptional,
    made_required: ChangeId::RequestFieldMadeRequired,
    made_optional: ChangeId::RequestFieldMadeOptional,
    enum_added: ChangeId::RequestEnumAdded,
    enum_removed: ChangeId::RequestEnumRemoved,
    enum_value_added: ChangeId::RequestEnumValueAdded,
    enum_value_removed: ChangeId::RequestEnumValueRemoved,
};

/// A parameter's enums are request enums.
const PARAMETER_IDS: SchemaIds = SchemaIds {
    type_changed: ChangeId::ParameterTypeChanged,
    made_nullable: ChangeId::ParameterMadeNullable,
    made_non_nullable: ChangeId::ParameterMadeNonNullable,
    removed: ChangeId::ParameterRemoved,
    added_required: ChangeId::ParameterAddedRequired,
    added: ChangeId::ParameterAddedOptional,
    made_required: ChangeId::ParameterMadeRequired,
    made_optional: ChangeId::ParameterMadeOptional,
    ..REQUEST_IDS
};

const RESPONSE_IDS: SchemaIds = SchemaIds {
    type_changed: ChangeId::ResponseFieldTypeChanged,
    made_nullable: ChangeId::ResponseFieldMadeNullable,
    made_non_nullable: ChangeId::ResponseFieldMadeNonNullable,
    removed: ChangeId::ResponseFieldRemoved,
    added_required: ChangeId::ResponseFieldAdded,
    added: ChangeId::ResponseFieldAdded,
    made_required: ChangeId::ResponseFieldMadeRequired,
    made_optional: ChangeId::ResponseFieldMadeOptional,
    enum_added: ChangeId::ResponseEnumAdded,
    enum_removed: ChangeId::ResponseEnumRemoved,
    enum_value_added: ChangeId::ResponseEnumValueAdded,
    enum_value_removed: ChangeId::ResponseEnumValueRemoved,
};

/// The documentation keys of a parameter or a schema, and the change each is reported as.
const DOCUMENTATION: [(&str, ChangeId); 2] = [
    ("description", ChangeId::DescriptionChanged),
    ("example", ChangeId::ExampleChanged),
];

/// Where a change is: the operation and the part of it.
#[derive(Debug, Clone, Default)]
struct Site {
    operation: Option<String>,
    method: Option<String>,
    path: Option<String>,
    part: Option<String>,
}

struct Differ<'a> {
    base: &'a Value,
    head: &'a Value,
    changes: Vec<Change>,
}

/// Operations are matched by method and path template with variable names ignored.
fn op_key(op: &Operation) -> (String, String) {
    (op.method.to_string(), normalize_path(op.path))
}

fn normalize_path(path: &str) -> String {
    let mut out = String::new();
    let mut in_var = false;
    for c in path.chars() {
        match c {
            '{' => {
                in_var = true;
                out.push_str("{}");
            }
            '}' => in_var = false,
            _ if !in_var => out.push(c),
            _ => {}
        }
    }
    out
}

fn op_id(op: &Operation) -> Option<String> {
    op.value
        .get("operationId")
        .and_then(Value::as_str)
        .map(str::to_string)
}

fn site_of(op: &Operation) -> Site {
    Site {
        operation: Some(op.label()),
        method: Some(op.method.to_uppercase()),
        path: Some(op.path.to_string()),
        part: None,
    }
}

impl<'a> Differ<'a> {
    fn push(&mut self, site: &Site, id: ChangeId, field: Option<&str>, change: String) {
        self.changes.push(Change {
            kind: id.kind(),
            id,
            operation: site.operation.clone(),
            method: site.method.clone(),
            path: site.path.clone(),
            part: site.part.clone(),
            field: field.filter(|f| !f.is_empty()).map(str::to_string),
            change,
        });
    }

    fn push_spec(&mut self, id: ChangeId, part: Option<&str>, change: String) {
        let site = Site {
            part: part.map(str::to_string),
            ..Site::default()
        };
        self.push(&site, id, None, change);
    }

    fn operations(&mut self) {
        let base_ops = spec::operations(self.base);
        let head_ops = spec::operations(self.head);
        let head_by_key: BTreeMap<_, _> = head_ops.iter().map(|op| (op_key(op), op)).collect();
        let base_keys: BTreeSet<_> = base_ops.iter().map(op_key).collect();
        let mut matched_head: BTreeSet<(String, String)> = BTreeSet::new();
        let mut unmatched_base = Vec::new();
        for op in &base_ops {
            match head_by_key.get(&op_key(op)) {
                Some(head_op) => {
                    matched_head.insert(op_key(head_op));
                    self.operation(op, head_op);
                }
                None => unmatched_base.push(op),
            }
        }
        // An operation whose method or path changed keeps its operationId.
        let mut unmatched_head: Vec<&Operation> = head_ops
            .iter()
            .filter(|op| !matched_head.contains(&op_key(op)) && !base_keys.contains(&op_key(op)))
            .collect();
        let head_paths: BTreeSet<String> =
            head_ops.iter().map(|op| normalize_path(op.path)).collect();
        for op in unmatched_base {
            let id = op_id(op);
            let moved = id.as_ref().and_then(|id| {
                unmatched_head
                    .iter()
                    .position(|h| op_id(h).as_ref() == Some(id))
            });
            if let Some(index) = moved {
                let head_op = unmatched_head.remove(index);
                let site = site_of(head_op);
                self.push(
                    &site,
                    ChangeId::OperationMoved,
                    None,
                    format!(
                        "method or path changed: `{} {}` → `{} {}`",
                        op.method.to_uppercase(),
                        op.path,
                        head_op.method.to_uppercase(),
                        head_op.path
                    ),
                );
                self.operation(op, head_op);
                continue;
            }
            let site = site_of(op);
            if head_paths.contains(&normalize_path(op.path)) {
                self.push(
                    &site,
                    ChangeId::OperationRemoved,
                    None,
                    "operation removed".to_string(),
                );
            } else {
                self.push(
                    &site,
                    ChangeId::PathRemoved,
                    None,
                    "path removed, and with it this operation".to_string(),
                );
            }
        }
        for op in unmatched_head {
            let site = site_of(op);
            self.push(
                &site,
                ChangeId::OperationAdded,
                None,
                "operation added: a new client method; existing calls are unchanged".to_string(),
            );
        }
    }

    /// `x-clouds`: a cloud added is documentation; a cloud removed means callers there now get a
    /// warning (the call is still sent).
    fn clouds(&mut self, site: &Site, base: &Operation<'a>, head: &Operation<'a>) {
        let names = |op: &Operation<'a>| -> BTreeSet<String> {
            op.value
                .get(CLOUDS)
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        };
        let (old, new) = (names(base), names(head));
        for cloud in new.difference(&old) {
            self.push(
                site,
                ChangeId::CloudsAdded,
                None,
                format!("`{CLOUDS}` gains `{cloud}`: documented there now"),
            );
        }
        for cloud in old.difference(&new) {
            self.push(
                site,
                ChangeId::CloudsRemoved,
                None,
                format!(
                    "`{CLOUDS}` loses `{cloud}`: calls on that cloud are still sent, with a warning"
                ),
            );
        }
    }

    fn operation(&mut self, base: &Operation<'a>, head: &Operation<'a>) {
        let site = site_of(head);
        if let (Some(old), Some(new)) = (op_id(base), op_id(head))
            && old != new
        {
            self.push(
                &site,
                ChangeId::OperationIdChanged,
                None,
                format!("operationId `{old}` → `{new}`: the generated method is renamed"),
            );
        }
        for (key, id) in [
            ("summary", ChangeId::SummaryChanged),
            ("description", ChangeId::DescriptionChanged),
        ] {
            if base.value.get(key) != head.value.get(key) {
                self.push(&site, id, None, format!("operation {key} changed"));
            }
        }
        if base.value.get("tags") != head.value.get("tags") {
            self.push(
                &site,
                ChangeId::TagsChanged,
                None,
                format!(
                    "tags {} → {}",
                    show(base.value.get("tags")),
                    show(head.value.get("tags"))
                ),
            );
        }
        if base.value.get("x-idempotent") != head.value.get("x-idempotent") {
            self.push(
                &site,
                ChangeId::IdempotencyChanged,
                None,
                format!(
                    "`x-idempotent` {} → {}: retries of this operation change",
                    show(base.value.get("x-idempotent")),
                    show(head.value.get("x-idempotent"))
                ),
            );
        }
        self.clouds(&site, base, head);
        if base.value.get("deprecated") != head.value.get("deprecated") {
            self.push(
                &site,
                ChangeId::DeprecatedChanged,
                None,
                format!(
                    "`deprecated` {} → {}",
                    show(base.value.get("deprecated")),
                    show(head.value.get("deprecated"))
                ),
            );
        }
        self.parameters(&site, base, head);
        self.request_body(&site, base, head);
        self.responses(&site, base, head);
    }

    fn parameters(&mut self, site: &Site, base: &Operation<'a>, head: &Operation<'a>) {
        let keyed = |op: &Operation<'a>, root: &'a Value| {
            let vars = spec::template_variables(op.path).unwrap_or_default();
            op.parameters(root)
                .into_iter()
                .map(|p| {
                    let key = match p.location.as_str() {
                        "path" => match vars.iter().position(|v| *v == p.name) {
                            Some(index) => format!("path:#{index}"),
                            None => format!("path:{}", p.name),
                        },
                        "header" => format!("header:{}", p.name.to_ascii_lowercase()),
                        other => format!("{other}:{}", p.name),
                    };
                    (key, p)
                })
                .collect::<BTreeMap<_, _>>()
        };
        let old = keyed(base, self.base);
        let new = keyed(head, self.head);
        for (key, p) in &old {
            if !new.contains_key(key) {
                let site = with_part(site, &format!("parameter {} ({})", p.name, p.location));
                self.push(
                    &site,
                    ChangeId::ParameterRemoved,
                    None,
                    format!(
                        "{} parameter `{}` removed: the server ignores it now, and the generated method loses it",
                        p.location, p.name
                    ),
                );
            }
        }
        for (key, p) in &new {
            let site = with_part(site, &format!("parameter {} ({})", p.name, p.location));
            let Some(o) = old.get(key) else {
                if p.required() {
                    self.push(
                        &site,
                        ChangeId::ParameterAddedRequired,
                        None,
                        format!("required {} parameter `{}` added", p.location, p.name),
                    );
                } else {
                    self.push(
                        &site,
                        ChangeId::ParameterAddedOptional,
                        None,
                        format!("optional {} parameter `{}` added", p.location, p.name),
                    );
                }
                continue;
            };
            if o.name != p.name {
                self.push(
                    &site,
                    ChangeId::ParameterRenamed,
                    None,
                    format!(
                        "path parameter `{}` renamed `{}`: same URL, but the generated setter is renamed",
                        o.name, p.name
                    ),
                );
            }
            match (o.required(), p.required()) {
                (false, true) => self.push(
                    &site,
                    ChangeId::ParameterMadeRequired,
                    None,
                    format!("{} parameter `{}` made required", p.location, p.name),
                ),
                (true, false) => self.push(
                    &site,
                    ChangeId::ParameterMadeOptional,
                    None,
                    format!("{} parameter `{}` made optional", p.location, p.name),
                ),
                _ => {}
            }
            for (key, id) in DOCUMENTATION {
                if o.value.get(key) != p.value.get(key) {
                    self.push(
                        &site,
                        id,
                        None,
                        format!("{key} of parameter `{}` changed", p.name),
                    );
                }
            }
            let empty = Value::Object(Map::new());
            let old_schema = o.value.get("schema").unwrap_or(&empty);
            let new_schema = p.value.get("schema").unwrap_or(&empty);
            let mut stack = Vec::new();
            self.schema(
                &site,
                Direction::Parameter,
                "",
                None,
                old_schema,
                new_schema,
                &mut stack,
            );
        }
    }

    fn request_body(&mut self, site: &Site, base: &Operation<'a>, head: &Operation<'a>) {
        let site = &with_part(site, "request body");
        let old = base
            .value
            .get("requestBody")
            .and_then(|b| deref(self.base, b, "").map(|(v, _)| v));
        let new = head
            .value
            .get("requestBody")
            .and_then(|b| deref(self.head, b, "").map(|(v, _)| v));
        let required = |b: &Value| b.get("required").and_then(Value::as_bool) == Some(true);
        match (old, new) {
            (None, None) => {}
            (None, Some(new)) => {
                if required(new) {
                    self.push(
                        site,
                        ChangeId::RequestBodyAddedRequired,
                        None,
                        "required request body added".to_string(),
                    );
                } else {
                    self.push(
                        site,
                        ChangeId::RequestBodyAdded,
                        None,
                        "optional request body added".to_string(),
                    );
                }
            }
            (Some(_), None) => self.push(
                site,
                ChangeId::RequestBodyRemoved,
                None,
                "request body removed: the server ignores it now".to_string(),
            ),
            (Some(old), Some(new)) => {
                match (required(old), required(new)) {
                    (false, true) => self.push(
                        site,
                        ChangeId::RequestBodyMadeRequired,
                        None,
                        "request body made required".to_string(),
                    ),
                    (true, false) => self.push(
                        site,
                        ChangeId::RequestBodyMadeOptional,
                        None,
                        "request body made optional".to_string(),
                    ),
                    _ => {}
                }
                let (old_content, new_content) = (content(old), content(new));
                for media in old_content.keys() {
                    if !new_content.contains_key(media) {
                        self.push(
                            site,
                            ChangeId::RequestMediaTypeRemoved,
                            None,
                            format!("request media type `{media}` removed"),
                        );
                    }
                }
                for (media, new_media) in &new_content {
                    let Some(old_media) = old_content.get(media) else {
                        self.push(
                            site,
                            ChangeId::RequestMediaTypeAdded,
                            None,
                            format!("request media type `{media}` added"),
                        );
                        continue;
                    };
                    self.media(site, Direction::Request, old_media, new_media);
                }
            }
        }
    }

    fn media(&mut self, site: &Site, direction: Direction, old: &Value, new: &Value) {
        if old.get("example") != new.get("example") || old.get("examples") != new.get("examples") {
            self.push(
                site,
                ChangeId::ExampleChanged,
                None,
                "example changed".to_string(),
            );
        }
        let empty = Value::Object(Map::new());
        let mut stack = Vec::new();
        self.schema(
            site,
            direction,
            "",
            None,
            old.get("schema").unwrap_or(&empty),
            new.get("schema").unwrap_or(&empty),
            &mut stack,
        );
    }

    fn responses(&mut self, site: &Site, base: &Operation<'a>, head: &Operation<'a>) {
        let collect = |op: &Operation<'a>, root: &'a Value| {
            let mut success = BTreeMap::new();
            let mut errors = BTreeMap::new();
            if let Some(responses) = op.value.get("responses").and_then(Value::as_object) {
                for (status, response) in responses {
                    let Some((response, _)) = deref(root, response, "") else {
                        continue;
                    };
                    if spec::is_success_status(status) {
                        success.insert(status.clone(), response);
                    } else if spec::is_error_status(status) {
                        errors.insert(status.clone(), response);
                    }
                }
            }
            (success, errors)
        };
        let (old_success, old_errors) = collect(base, self.base);
        let (new_success, new_errors) = collect(head, self.head);

        let old_statuses: Vec<&String> = old_success.keys().collect();
        let new_statuses: Vec<&String> = new_success.keys().collect();
        if old_statuses != new_statuses {
            self.push(
                &with_part(site, "responses"),
                ChangeId::SuccessStatusChanged,
                None,
                format!(
                    "success status {} → {}",
                    statuses(&old_statuses),
                    statuses(&new_statuses)
                ),
            );
        }
        // Bodies: status by status, or the first with the first when the statuses changed.
        let mut pairs: Vec<(String, &Value, &Value)> = old_success
            .iter()
            .filter_map(|(status, old)| {
                new_success
                    .get(status)
                    .map(|new| (status.clone(), *old, *new))
            })
            .collect();
        if pairs.is_empty()
            && let (Some((old_status, old)), Some((new_status, new))) =
                (old_success.iter().next(), new_success.iter().next())
        {
            pairs.push((format!("{old_status} → {new_status}"), *old, *new));
        }
        for (status, old, new) in pairs {
            let site = with_part(site, &format!("response {status}"));
            self.success_body(&site, old, new);
        }

        for status in old_errors.keys() {
            if !new_errors.contains_key(status) {
                self.push(
                    &with_part(site, &format!("response {status}")),
                    ChangeId::ErrorStatusRemoved,
                    None,
                    format!("error status {status} removed"),
                );
            }
        }
        for (status, new) in &new_errors {
            let site = with_part(site, &format!("response {status}"));
            let Some(old) = old_errors.get(status) else {
                self.push(
                    &site,
                    ChangeId::ErrorStatusAdded,
                    None,
                    format!("error status {status} added"),
                );
                continue;
            };
            let (old_body, new_body) = (body_identity(old), body_identity(new));
            if old_body != new_body {
                self.push(
                    &site,
                    ChangeId::ErrorSchemaChanged,
                    None,
                    format!("error body {old_body} → {new_body}"),
                );
            }
        }
    }

    fn success_body(&mut self, site: &Site, old: &Value, new: &Value) {
        if old.get("description") != new.get("description") {
            self.push(
                site,
                ChangeId::DescriptionChanged,
                None,
                "response description changed".to_string(),
            );
        }
        let (old_content, new_content) = (content(old), content(new));
        let old_media: Vec<&String> = old_content.keys().collect();
        let new_media: Vec<&String> = new_content.keys().collect();
        if old_media != new_media {
            let shown = |media: &[&String]| {
                if media.is_empty() {
                    "no body".to_string()
                } else {
                    media
                        .iter()
                        .map(|m| format!("`{m}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                }
            };
            self.push(
                site,
                ChangeId::SuccessBodyChanged,
                None,
                format!("body {} → {}", shown(&old_media), shown(&new_media)),
            );
        }
        for (media, new_media) in &new_content {
            let Some(old_media) = old_content.get(media) else {
                continue;
            };
            let old_ref = old_media.get("schema").and_then(ref_of);
            let new_ref = new_media.get("schema").and_then(ref_of);
            if let (Some(old_ref), Some(new_ref)) = (old_ref, new_ref)
                && ref_name(old_ref) != ref_name(new_ref)
            {
                self.push(
                    site,
                    ChangeId::SuccessBodyChanged,
                    None,
                    format!(
                        "body type `{}` → `{}`",
                        ref_name(old_ref),
                        ref_name(new_ref)
                    ),
                );
            }
            self.media(site, Direction::Response, old_media, new_media);
        }
    }

    /// The shared error schema, compared once for the whole spec.
    fn error_schema(&mut self) {
        let Some(pointer) = ref_pointer(crate::lint::ERROR_SCHEMA_REF) else {
            return;
        };
        let part = "components.schemas.ErrorResponse";
        match (self.base.pointer(&pointer), self.head.pointer(&pointer)) {
            (Some(old), Some(new)) => {
                let site = Site {
                    part: Some(part.to_string()),
                    ..Site::default()
                };
                let mut stack = Vec::new();
                self.schema(
                    &site,
                    Direction::Error,
                    "",
                    Some("ErrorResponse".to_string()),
                    old,
                    new,
                    &mut stack,
                );
            }
            (Some(_), None) => self.push_spec(
                ChangeId::ErrorSchemaChanged,
                Some(part),
                "the shared error schema `ErrorResponse` was removed".to_string(),
            ),
            _ => {}
        }
    }

    /// Compare two schemas (each in its own document); `field` is the dotted path so far and
    /// `owner` the component schema that holds it.
    #[allow(clippy::too_many_arguments)]
    fn schema(
        &mut self,
        site: &Site,
        direction: Direction,
        field: &str,
        owner: Option<String>,
        old: &Value,
        new: &Value,
        stack: &mut Vec<(String, String)>,
    ) {
        if stack.len() > 32 {
            return;
        }
        let (old_ref, new_ref) = (ref_of(old), ref_of(new));
        let inner = new_ref.map(|r| ref_name(r).to_string()).or(owner.clone());
        if old_ref.is_some() || new_ref.is_some() {
            let pair = (
                old_ref.unwrap_or_default().to_string(),
                new_ref.unwrap_or_default().to_string(),
            );
            if stack.contains(&pair) {
                return;
            }
            stack.push(pair);
        }
        let old = flatten(self.base, old, 0);
        let new = flatten(self.head, new, 0);
        self.schema_flat(site, direction, field, owner, inner, &old, &new, stack);
        if old_ref.is_some() || new_ref.is_some() {
            stack.pop();
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn schema_flat(
        &mut self,
        site: &Site,
        direction: Direction,
        field: &str,
        owner: Option<String>,
        inner: Option<String>,
        old: &Value,
        new: &Value,
        stack: &mut Vec<(String, String)>,
    ) {
        let ids = direction.ids();
        let what = describe(direction, field, owner.as_deref(), inner.as_deref());
        // The fields below belong to this schema.
        let owner = inner;
        let (old_type, new_type) = (type_of(old), type_of(new));
        if old_type != new_type {
            self.emit(
                site,
                direction,
                ids.type_changed,
                field,
                format!("type of {what} changed: {old_type} → {new_type}"),
            );
            return;
        }
        let nullable = |s: &Value| s.get("nullable").and_then(Value::as_bool) == Some(true);
        match (nullable(old), nullable(new)) {
            (false, true) => self.emit(
                site,
                direction,
                ids.made_nullable,
                field,
                format!("{what} made nullable"),
            ),
            (true, false) => self.emit(
                site,
                direction,
                ids.made_non_nullable,
                field,
                format!("{what} no longer nullable"),
            ),
            _ => {}
        }
        self.enums(site, direction, field, &what, old, new);
        for (key, id) in DOCUMENTATION {
            if old.get(key) != new.get(key) {
                self.emit(
                    site,
                    direction,
                    id,
                    field,
                    format!("{key} of {what} changed"),
                );
            }
        }
        for keyword in ["oneOf", "anyOf"] {
            let (o, n) = (old.get(keyword), new.get(keyword));
            if o.map(canonical) != n.map(canonical) {
                self.emit(
                    site,
                    direction,
                    ChangeId::SchemaVariantsChanged,
                    field,
                    format!("`{keyword}` variants of {what} changed"),
                );
            }
        }

        // Object fields.
        let empty = Map::new();
        let old_props = old
            .get("properties")
            .and_then(Value::as_object)
            .unwrap_or(&empty);
        let new_props = new
            .get("properties")
            .and_then(Value::as_object)
            .unwrap_or(&empty);
        let required = |s: &Value, name: &str| {
            s.get("required")
                .and_then(Value::as_array)
                .is_some_and(|r| r.iter().any(|x| x == name))
        };
        let names: BTreeSet<&String> = old_props.keys().chain(new_props.keys()).collect();
        for name in names {
            let child = if field.is_empty() {
                name.clone()
            } else {
                format!("{field}.{name}")
            };
            let of = owner
                .as_deref()
                .map(|o| format!(" of `{o}`"))
                .unwrap_or_default();
            match (old_props.get(name), new_props.get(name)) {
                (Some(old_prop), None) => {
                    let note = if direction.sends() {
                        ": the server ignores it now"
                    } else {
                        ""
                    };
                    self.emit(
                        site,
                        direction,
                        ids.removed,
                        &child,
                        format!(
                            "field `{child}`{of} removed (was {}){note}",
                            type_of(&flatten(self.base, old_prop, 0))
                        ),
                    );
                }
                (None, Some(new_prop)) => {
                    let shown = type_of(&flatten(self.head, new_prop, 0));
                    let (id, change) = match (direction.sends(), required(new, name)) {
                        (true, true) => (
                            ids.added_required,
                            format!("required field `{child}`{of} added ({shown})"),
                        ),
                        (true, false) => {
                            (ids.added, format!("field `{child}`{of} added ({shown})"))
                        }
                        (false, _) => (
                            ids.added,
                            format!(
                                "field `{child}`{of} added ({shown}): optional, so answers \
                                 without it still decode"
                            ),
                        ),
                    };
                    self.emit(site, direction, id, &child, change);
                }
                (Some(old_prop), Some(new_prop)) => {
                    match (required(old, name), required(new, name)) {
                        (false, true) => self.emit(
                            site,
                            direction,
                            ids.made_required,
                            &child,
                            format!("field `{child}`{of} made required"),
                        ),
                        (true, false) => self.emit(
                            site,
                            direction,
                            ids.made_optional,
                            &child,
                            format!("field `{child}`{of} made optional"),
                        ),
                        _ => {}
                    }
                    self.schema(
                        site,
                        direction,
                        &child,
                        owner.clone(),
                        old_prop,
                        new_prop,
                        stack,
                    );
                }
                (None, None) => {}
            }
        }
        if let (Some(old_items), Some(new_items)) = (old.get("items"), new.get("items")) {
            self.schema(
                site,
                direction,
                &format!("{field}[]"),
                owner.clone(),
                old_items,
                new_items,
                stack,
            );
        }
        if let (Some(old_extra), Some(new_extra)) = (
            old.get("additionalProperties").filter(|v| v.is_object()),
            new.get("additionalProperties").filter(|v| v.is_object()),
        ) {
            self.schema(
                site,
                direction,
                &format!("{field}{{}}"),
                owner,
                old_extra,
                new_extra,
                stack,
            );
        }
    }

    fn enums(
        &mut self,
        site: &Site,
        direction: Direction,
        field: &str,
        what: &str,
        old: &Value,
        new: &Value,
    ) {
        let ids = direction.ids();
        let closed = |s: &Value| s.get("enum").is_some() && s.get("x-extensible-enum").is_none();
        let extensible = |s: &Value| s.get("x-extensible-enum").is_some();
        if !direction.sends() {
            if extensible(old) && closed(new) {
                self.emit(
                    site,
                    direction,
                    ChangeId::ResponseEnumClosed,
                    field,
                    format!("{what} changed from `x-extensible-enum` to a closed `enum`: the generated enum loses its `Unknown` variant"),
                );
            } else if closed(old) && extensible(new) {
                self.emit(
                    site,
                    direction,
                    ChangeId::ResponseEnumMadeExtensible,
                    field,
                    format!("{what} changed from a closed `enum` to `x-extensible-enum`"),
                );
            }
        }
        let (old_values, new_values) = (enum_values(old), enum_values(new));
        match (old_values, new_values) {
            (None, None) => {}
            (None, Some(_)) => {
                let note = if direction.sends() {
                    ": values outside it are now rejected"
                } else {
                    ""
                };
                self.emit(
                    site,
                    direction,
                    ids.enum_added,
                    field,
                    format!("{what} restricted to an enum{note}"),
                );
            }
            (Some(_), None) => {
                let note = if direction.sends() {
                    ""
                } else {
                    ": any value may come now"
                };
                self.emit(
                    site,
                    direction,
                    ids.enum_removed,
                    field,
                    format!("{what} no longer an enum{note}"),
                );
            }
            (Some(old_values), Some(new_values)) => {
                let added: Vec<&String> = new_values.difference(&old_values).collect();
                let removed: Vec<&String> = old_values.difference(&new_values).collect();
                if !added.is_empty() {
                    let note = if direction.sends() {
                        ""
                    } else {
                        ": old clients must tolerate it"
                    };
                    self.emit(
                        site,
                        direction,
                        ids.enum_value_added,
                        field,
                        format!(
                            "value{} {} added to {what}{note}",
                            plural(added.len()),
                            listed(&added)
                        ),
                    );
                }
                if !removed.is_empty() {
                    self.emit(
                        site,
                        direction,
                        ids.enum_value_removed,
                        field,
                        format!(
                            "value{} {} removed from {what}",
                            plural(removed.len()),
                            listed(&removed)
                        ),
                    );
                }
            }
        }
    }

    /// Push a schema-level change; in the shared error schema every change that is not
    /// additive or documentation is an `error-schema-changed`.
    fn emit(
        &mut self,
        site: &Site,
        direction: Direction,
        id: ChangeId,
        field: &str,
        change: String,
    ) {
        let id = if direction == Direction::Error && id.kind() != Kind::NonBreaking {
            ChangeId::ErrorSchemaChanged
        } else {
            id
        };
        self.push(site, id, Some(field), change);
    }
}

fn with_part(site: &Site, part: &str) -> Site {
    Site {
        part: Some(part.to_string()),
        ..site.clone()
    }
}

fn show(value: Option<&Value>) -> String {
    match value {
        None => "(none)".to_string(),
        Some(value) => format!("`{value}`"),
    }
}

fn statuses(list: &[&String]) -> String {
    if list.is_empty() {
        "(none)".to_string()
    } else {
        list.iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

fn listed(values: &[&String]) -> String {
    values
        .iter()
        .map(|v| format!("`{v}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn content(holder: &Value) -> BTreeMap<String, &Value> {
    holder
        .get("content")
        .and_then(Value::as_object)
        .map(|c| c.iter().map(|(k, v)| (k.clone(), v)).collect())
        .unwrap_or_default()
}

/// What an error response's body is: its media types and schema refs (or inline schemas).
fn body_identity(response: &Value) -> String {
    let content = content(response);
    if content.is_empty() {
        return "no body".to_string();
    }
    content
        .iter()
        .map(|(media, m)| {
            let schema = match m.get("schema") {
                None => "no schema".to_string(),
                Some(s) => match ref_of(s) {
                    Some(r) => format!("`{}`", ref_name(r)),
                    None => format!("inline `{}`", canonical(s)),
                },
            };
            format!("{media} {schema}")
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The schema with `$ref`s followed and `allOf` merged (properties, required, type), so that
/// moving fields into or out of an `allOf` is not a change.
fn flatten(root: &Value, schema: &Value, depth: usize) -> Value {
    let Some((resolved, _)) = deref(root, schema, "") else {
        return schema.clone();
    };
    let Some(map) = resolved.as_object() else {
        return resolved.clone();
    };
    let Some(parts) = map.get("allOf").and_then(Value::as_array) else {
        return resolved.clone();
    };
    if depth > 16 {
        return resolved.clone();
    }
    let mut out = map.clone();
    out.remove("allOf");
    let mut properties = out
        .remove("properties")
        .and_then(|p| p.as_object().cloned())
        .unwrap_or_default();
    let mut required: Vec<Value> = out
        .remove("required")
        .and_then(|r| r.as_array().cloned())
        .unwrap_or_default();
    for part in parts {
        let part = flatten(root, part, depth + 1);
        if let Some(props) = part.get("properties").and_then(Value::as_object) {
            for (k, v) in props {
                properties.entry(k.clone()).or_insert_with(|| v.clone());
            }
        }
        if let Some(r) = part.get("required").and_then(Value::as_array) {
            required.extend(r.iter().cloned());
        }
        for key in [
            "type",
            "nullable",
            "description",
            "enum",
            "x-extensible-enum",
            "items",
            "format",
        ] {
            if !out.contains_key(key)
                && let Some(v) = part.get(key)
            {
                out.insert(key.to_string(), v.clone());
            }
        }
    }
    if !properties.is_empty() {
        out.insert("properties".into(), Value::Object(properties));
    }
    if !required.is_empty() {
        out.insert("required".into(), Value::Array(required));
    }
    Value::Object(out)
}

/// `string`, `string (date-time)`, `object`, `array`, ... (`any` when nothing says).
fn type_of(schema: &Value) -> String {
    let explicit = schema.get("type").map(|t| match t {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    });
    let base = explicit.unwrap_or_else(|| {
        if schema.get("properties").is_some() || schema.get("additionalProperties").is_some() {
            "object".to_string()
        } else if schema.get("items").is_some() {
            "array".to_string()
        } else {
            "any".to_string()
        }
    });
    match schema.get("format").and_then(Value::as_str) {
        Some(format) => format!("`{base}` (`{format}`)"),
        None => format!("`{base}`"),
    }
}

/// The values of `enum` and `x-extensible-enum` together, as JSON text.
fn enum_values(schema: &Value) -> Option<BTreeSet<String>> {
    let mut values: Option<BTreeSet<String>> = None;
    for key in ["enum", "x-extensible-enum"] {
        if let Some(list) = schema.get(key).and_then(Value::as_array) {
            let set = values.get_or_insert_with(BTreeSet::new);
            for v in list {
                set.insert(v.as_str().map_or_else(|| v.to_string(), str::to_string));
            }
        }
    }
    values
}

/// "field `x` of `Owner`" (with the field's own schema when it has one: "(`JobStatus`)"),
/// "the body (`Type`)", "the parameter".
fn describe(direction: Direction, field: &str, owner: Option<&str>, inner: Option<&str>) -> String {
    if field.is_empty() {
        return match (direction, inner) {
            (Direction::Parameter, _) => "the parameter".to_string(),
            (_, Some(inner)) => format!("the body (`{inner}`)"),
            (_, None) => "the body".to_string(),
        };
    }
    let of = owner.map(|o| format!(" of `{o}`")).unwrap_or_default();
    let own = match inner {
        Some(inner) if Some(inner) != owner => format!(" (`{inner}`)"),
        _ => String::new(),
    };
    format!("field `{field}`{of}{own}")
}
