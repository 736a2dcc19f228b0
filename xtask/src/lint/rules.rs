//! The lint rules, one function per group; see [`Rule`] for what each id checks.

use std::collections::{HashMap, HashSet, VecDeque};

use heck::ToUpperCamelCase;
use serde_json::Value;

use super::{Context, Rule, examples, text};
use crate::generate::{CLOUDS, KNOWN_CLOUDS};
use crate::openapi::yaml::join;
use crate::openapi::{self as spec, deref, ref_of, ref_pointer};

/// The shared error schema every error response must use.
pub const ERROR_SCHEMA_REF: &str = "#/components/schemas/ErrorResponse";

/// Headers that carry authentication: they belong in `components.securitySchemes`.
pub const AUTH_HEADERS: [&str; 5] = [
    "X-Auth-Token",
    "Authorization",
    "X-Sdk-Date",
    "X-Project-Id",
    "X-Security-Token",
];

pub fn run(cx: &mut Context, root: &Value) {
    if !structure(cx, root) {
        return;
    }
    refs(cx, root, root, "", 0);
    operation_metadata(cx, root);
    path_params(cx, root);
    responses(cx, root);
    examples::check_examples(cx, root);
    response_schemas(cx, root);
    extensible_enums(cx, root);
    auth_headers(cx, root);
    descriptions(cx, root);
    page_divergences(cx, root);
    super::waiter::check(cx, root);
}

/// `page-divergence`: the shape `cargo xtask pages check` reads.
fn page_divergences(cx: &mut Context, root: &Value) {
    let (_, invalid) = crate::pages::divergence::collect(root);
    for entry in invalid {
        cx.report(&entry.pointer, Rule::PageDivergence, entry.message);
    }
}

/// `openapi-version` and `openapi-structure`.  Returns false when the document is not a
/// mapping at all, so that nothing else can be checked.
fn structure(cx: &mut Context, root: &Value) -> bool {
    let Some(map) = root.as_object() else {
        cx.report(
            "",
            Rule::OpenapiStructure,
            "the document is not a mapping (an OpenAPI object)".to_string(),
        );
        return false;
    };
    match map.get("openapi") {
        None => cx.report(
            "",
            Rule::OpenapiVersion,
            "no `openapi` field: the specs are OpenAPI 3.0.x (`openapi: 3.0.3`)".to_string(),
        ),
        Some(Value::String(version)) if is_openapi_30(version) => {}
        Some(Value::String(version)) => cx.report(
            "/openapi",
            Rule::OpenapiVersion,
            format!("`openapi: {version}`: the specs are OpenAPI 3.0.x (`openapi: 3.0.3`)"),
        ),
        Some(other) => cx.report(
            "/openapi",
            Rule::OpenapiVersion,
            format!("`openapi: {other}` is not a version string like `3.0.3`"),
        ),
    }
    match map.get("info") {
        Some(info) if info.is_object() => {
            for key in ["title", "version"] {
                if info.get(key).and_then(Value::as_str).is_none() {
                    cx.report(
                        "/info",
                        Rule::OpenapiStructure,
                        format!("`info.{key}` is missing or not a string"),
                    );
                }
            }
        }
        _ => cx.report(
            "",
            Rule::OpenapiStructure,
            "`info` is missing or not a mapping".to_string(),
        ),
    }
    match map.get("paths") {
        Some(Value::Object(paths)) => {
            for (path, item) in paths {
                let pointer = join("/paths", path);
                if !path.starts_with('/') {
                    cx.report(
                        &pointer,
                        Rule::OpenapiStructure,
                        format!("path `{path}` does not start with `/`"),
                    );
                }
                let Some(item) = item.as_object() else {
                    cx.report(
                        &pointer,
                        Rule::OpenapiStructure,
                        format!("path item `{path}` is not a mapping"),
                    );
                    continue;
                };
                if item.contains_key("$ref") {
                    cx.report(
                        &pointer,
                        Rule::OpenapiStructure,
                        "path items by `$ref` are not supported by the generator".to_string(),
                    );
                }
                list_shape(cx, item.get("parameters"), &format!("{pointer}/parameters"));
                for method in spec::METHODS {
                    let Some(op) = item.get(method) else { continue };
                    let op_pointer = join(&pointer, method);
                    let Some(op) = op.as_object() else {
                        cx.report(
                            &op_pointer,
                            Rule::OpenapiStructure,
                            "operation is not a mapping".to_string(),
                        );
                        continue;
                    };
                    list_shape(
                        cx,
                        op.get("parameters"),
                        &format!("{op_pointer}/parameters"),
                    );
                    if let Some(responses) = op.get("responses")
                        && !responses.is_object()
                    {
                        cx.report(
                            &format!("{op_pointer}/responses"),
                            Rule::OpenapiStructure,
                            "`responses` is not a mapping".to_string(),
                        );
                    }
                }
            }
        }
        Some(_) => cx.report(
            "/paths",
            Rule::OpenapiStructure,
            "`paths` is not a mapping".to_string(),
        ),
        None => cx.report("", Rule::OpenapiStructure, "no `paths`".to_string()),
    }
    if let Some(components) = map.get("components") {
        match components.as_object() {
            None => cx.report(
                "/components",
                Rule::OpenapiStructure,
                "`components` is not a mapping".to_string(),
            ),
            Some(components) => {
                for (section, value) in components {
                    if !value.is_object() {
                        cx.report(
                            &join("/components", section),
                            Rule::OpenapiStructure,
                            format!("`components.{section}` is not a mapping"),
                        );
                    }
                }
            }
        }
    }
    true
}

fn is_openapi_30(version: &str) -> bool {
    version
        .strip_prefix("3.0.")
        .is_some_and(|patch| !patch.is_empty() && patch.bytes().all(|b| b.is_ascii_digit()))
}

fn list_shape(cx: &mut Context, value: Option<&Value>, pointer: &str) {
    let Some(value) = value else { return };
    let Some(list) = value.as_array() else {
        cx.report(
            pointer,
            Rule::OpenapiStructure,
            "`parameters` is not a list".to_string(),
        );
        return;
    };
    for (index, param) in list.iter().enumerate() {
        if ref_of(param).is_some() {
            continue;
        }
        let has = |key: &str| param.get(key).and_then(Value::as_str).is_some();
        if !has("name") || !has("in") {
            cx.report(
                &format!("{pointer}/{index}"),
                Rule::OpenapiStructure,
                "a parameter needs a `name` and an `in`".to_string(),
            );
        }
    }
}

/// `ref-resolves`: walk the whole document (but not example payloads or extensions).
fn refs(cx: &mut Context, root: &Value, value: &Value, pointer: &str, depth: usize) {
    if depth > 256 {
        return;
    }
    match value {
        Value::Object(map) => {
            if let Some(reference) = map.get("$ref") {
                let at = format!("{pointer}/$ref");
                match reference.as_str() {
                    None => cx.report(&at, Rule::RefResolves, "`$ref` is not a string".to_string()),
                    Some(reference) => match ref_pointer(reference) {
                        None => cx.report(
                            &at,
                            Rule::RefResolves,
                            format!(
                                "`{reference}` is not a local reference (`#/...`); the specs are self-contained"
                            ),
                        ),
                        Some(target) if root.pointer(&target).is_none() => cx.report(
                            &at,
                            Rule::RefResolves,
                            format!("`{reference}` does not resolve"),
                        ),
                        Some(_) if deref(root, value, pointer).is_none() => cx.report(
                            &at,
                            Rule::RefResolves,
                            format!("`{reference}` leads to a loop of `$ref`s that names nothing"),
                        ),
                        Some(_) => {}
                    },
                }
            }
            let in_example = {
                let mut segments = pointer.rsplit('/');
                let _name = segments.next();
                segments.next() == Some("examples") && segments.next() != Some("properties")
            };
            for (key, child) in map {
                let payload = matches!(key.as_str(), "example" | "default" | "enum")
                    || key.starts_with("x-")
                    || (in_example && key == "value");
                if !payload {
                    refs(cx, root, child, &join(pointer, key), depth + 1);
                }
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                refs(cx, root, item, &format!("{pointer}/{index}"), depth + 1);
            }
        }
        _ => {}
    }
}

/// Whether an `operationId` is in the official SDK's PascalCase: an upper-case ASCII letter
/// first, then letters and digits, acronyms written as words (`SwitchVip`, not `SwitchVIP`).
pub fn is_sdk_pascal_case(id: &str) -> bool {
    let bytes = id.as_bytes();
    bytes.first().is_some_and(u8::is_ascii_uppercase)
        && bytes.iter().all(u8::is_ascii_alphanumeric)
        && !bytes
            .windows(2)
            .any(|pair| pair[0].is_ascii_uppercase() && pair[1].is_ascii_uppercase())
}

/// `operation-id`, `operation-id-unique`, `operation-summary`, `operation-description`,
/// `operation-tag`, `operation-idempotent`.
fn operation_metadata(cx: &mut Context, root: &Value) {
    let mut first_use: HashMap<String, String> = HashMap::new();
    for op in spec::operations(root) {
        let name = format!("{} {}", op.method.to_uppercase(), op.path);
        let id_pointer = format!("{}/operationId", op.pointer);
        match op.value.get("operationId") {
            None => cx.report(
                &op.pointer,
                Rule::OperationId,
                format!("{name} has no `operationId`"),
            ),
            Some(Value::String(id)) => {
                if !is_sdk_pascal_case(id) {
                    let suggestion = id.to_upper_camel_case();
                    let hint = if is_sdk_pascal_case(&suggestion) {
                        format!(" (e.g. `{suggestion}`)")
                    } else {
                        String::new()
                    };
                    cx.report(
                        &id_pointer,
                        Rule::OperationId,
                        format!(
                            "operationId `{id}` is not in the SDK's PascalCase{hint}: letters and digits, acronyms as words (`SwitchVip`)"
                        ),
                    );
                }
                match first_use.get(id) {
                    Some(other) => cx.report(
                        &id_pointer,
                        Rule::OperationIdUnique,
                        format!("operationId `{id}` is also used by {other}"),
                    ),
                    None => {
                        first_use.insert(id.clone(), name.clone());
                    }
                }
            }
            Some(_) => cx.report(
                &id_pointer,
                Rule::OperationId,
                "`operationId` is not a string".to_string(),
            ),
        }
        let label = op.label();
        for (key, rule) in [
            ("summary", Rule::OperationSummary),
            ("description", Rule::OperationDescription),
        ] {
            if text(op.value, key).is_none() {
                let at = if op.value.get(key).is_some() {
                    format!("{}/{key}", op.pointer)
                } else {
                    op.pointer.clone()
                };
                cx.report(&at, rule, format!("{label} has no {key}"));
            }
        }
        let tagged = op
            .value
            .get("tags")
            .and_then(Value::as_array)
            .is_some_and(|tags| {
                !tags.is_empty()
                    && tags
                        .iter()
                        .all(|t| t.as_str().is_some_and(|t| !t.trim().is_empty()))
            });
        if !tagged {
            let at = if op.value.get("tags").is_some() {
                format!("{}/tags", op.pointer)
            } else {
                op.pointer.clone()
            };
            cx.report(
                &at,
                Rule::OperationTag,
                format!("{label} needs `tags` with at least one tag name"),
            );
        }
        match op.value.get("x-idempotent") {
            Some(Value::Bool(_)) => {}
            None => cx.report(
                &op.pointer,
                Rule::OperationIdempotent,
                format!("{label} has no `x-idempotent: true|false` (retries rely on it)"),
            ),
            Some(other) => cx.report(
                &format!("{}/x-idempotent", op.pointer),
                Rule::OperationIdempotent,
                format!("`x-idempotent: {other}` is not a boolean"),
            ),
        }
        clouds(cx, &op, &label);
    }
}

/// `operation-clouds`: `x-clouds` is a non-empty list of known clouds, each named once.
fn clouds(cx: &mut Context, op: &spec::Operation<'_>, label: &str) {
    let at = format!("{}/{CLOUDS}", op.pointer);
    let known: Vec<&str> = KNOWN_CLOUDS.iter().map(|(name, _, _)| *name).collect();
    let Some(value) = op.value.get(CLOUDS) else {
        cx.report(
            &op.pointer,
            Rule::OperationClouds,
            format!(
                "{label} has no `{CLOUDS}`: list the clouds whose reference documents it ({})",
                known.join(", ")
            ),
        );
        return;
    };
    let names: Option<Vec<&str>> = value
        .as_array()
        .map(|items| items.iter().map(Value::as_str).collect::<Option<_>>())
        .unwrap_or(None);
    let Some(names) = names.filter(|n| !n.is_empty()) else {
        cx.report(
            &at,
            Rule::OperationClouds,
            format!(
                "`{CLOUDS}` must be a non-empty list of cloud names ({})",
                known.join(", ")
            ),
        );
        return;
    };
    let mut seen = HashSet::new();
    for name in names {
        if !known.contains(&name) {
            cx.report(
                &at,
                Rule::OperationClouds,
                format!(
                    "`{CLOUDS}` names `{name}`; known clouds: {}",
                    known.join(", ")
                ),
            );
        } else if !seen.insert(name) {
            cx.report(
                &at,
                Rule::OperationClouds,
                format!("`{CLOUDS}` names `{name}` twice"),
            );
        }
    }
}

/// `path-params` and `path-param-required`.
fn path_params(cx: &mut Context, root: &Value) {
    let mut reported_paths = HashSet::new();
    for op in spec::operations(root) {
        let variables = match spec::template_variables(op.path) {
            Ok(variables) => variables,
            Err(message) => {
                if reported_paths.insert(op.path) {
                    cx.report(&op.path_item_pointer, Rule::PathParams, message);
                }
                continue;
            }
        };
        let mut seen = HashSet::new();
        for variable in &variables {
            if !seen.insert(*variable) && reported_paths.insert(op.path) {
                cx.report(
                    &op.path_item_pointer,
                    Rule::PathParams,
                    format!("variable `{{{variable}}}` appears twice in `{}`", op.path),
                );
            }
        }
        let unreadable = [op.path_item, op.value]
            .iter()
            .any(|holder| holder.get("parameters").is_some_and(|p| !p.is_array()));
        if unreadable {
            continue; // openapi-structure
        }
        let label = op.label();
        let params = op.parameters(root);
        let declared: Vec<_> = params.iter().filter(|p| p.location == "path").collect();
        for variable in &variables {
            if !declared.iter().any(|p| p.name == *variable) {
                cx.report(
                    &op.pointer,
                    Rule::PathParams,
                    format!(
                        "path variable `{{{variable}}}` has no `in: path` parameter in {label}"
                    ),
                );
            }
        }
        for param in &declared {
            if !variables.contains(&param.name.as_str()) {
                cx.report(
                    &param.site,
                    Rule::PathParams,
                    format!(
                        "path parameter `{}` of {label} is not a variable of `{}`",
                        param.name, op.path
                    ),
                );
            }
            if !param.required() {
                let at = if param.value.get("required").is_some() {
                    format!("{}/required", param.pointer)
                } else {
                    param.pointer.clone()
                };
                cx.report(
                    &at,
                    Rule::PathParamRequired,
                    format!("path parameter `{}` must say `required: true`", param.name),
                );
            }
        }
    }
}

/// `error-response-schema`, `success-response`, `success-body-type`.
fn responses(cx: &mut Context, root: &Value) {
    let error_schema_defined = ref_pointer(ERROR_SCHEMA_REF)
        .and_then(|pointer| root.pointer(&pointer))
        .is_some();
    let missing_note = if error_schema_defined {
        ""
    } else {
        " (and `components.schemas.ErrorResponse` is not defined)"
    };
    for op in spec::operations(root) {
        let label = op.label();
        let Some(responses) = op.value.get("responses").and_then(Value::as_object) else {
            cx.report(
                &op.pointer,
                Rule::SuccessResponse,
                format!("{label} has no `responses`"),
            );
            continue;
        };
        let responses_pointer = format!("{}/responses", op.pointer);
        let mut bodies: Vec<(&str, String, String)> = Vec::new();
        for (status, response) in responses {
            let site = join(&responses_pointer, status);
            let Some((response, pointer)) = deref(root, response, &site) else {
                continue; // ref-resolves
            };
            if spec::is_error_status(status) {
                let content = response
                    .get("content")
                    .and_then(Value::as_object)
                    .filter(|c| !c.is_empty());
                let Some(content) = content else {
                    cx.report(
                        &site,
                        Rule::ErrorResponseSchema,
                        format!(
                            "error response `{status}` of {label} has no body; it must be `{ERROR_SCHEMA_REF}`{missing_note}"
                        ),
                    );
                    continue;
                };
                for (media_type, media) in content {
                    let media_pointer = join(&format!("{pointer}/content"), media_type);
                    let schema = media.get("schema");
                    if schema.and_then(ref_of) != Some(ERROR_SCHEMA_REF) {
                        let at = if schema.is_some() {
                            format!("{media_pointer}/schema")
                        } else {
                            media_pointer.clone()
                        };
                        let shown = match schema {
                            None => "no schema".to_string(),
                            Some(schema) => match ref_of(schema) {
                                Some(reference) => format!("`{reference}`"),
                                None => "an inline schema".to_string(),
                            },
                        };
                        cx.report(
                            &at,
                            Rule::ErrorResponseSchema,
                            format!(
                                "error response `{status}` ({media_type}) of {label} uses {shown}, not `{ERROR_SCHEMA_REF}`{missing_note}"
                            ),
                        );
                    }
                }
            } else if spec::is_success_status(status) {
                bodies.push((status, site, body_signature(response)));
            }
        }
        let Some((first_status, _, first_body)) = bodies.first().cloned() else {
            cx.report(
                &responses_pointer,
                Rule::SuccessResponse,
                format!("{label} has no success (2xx) response"),
            );
            continue;
        };
        for (status, site, body) in &bodies[1..] {
            if *body != first_body {
                cx.report(
                    site,
                    Rule::SuccessBodyType,
                    format!(
                        "success responses `{first_status}` ({first_body}) and `{status}` ({body}) of {label} differ; progenitor needs one body type for all 2xx responses"
                    ),
                );
            }
        }
    }
}

/// A short description of a response body that is equal for equal body types.
fn body_signature(response: &Value) -> String {
    let Some(content) = response
        .get("content")
        .and_then(Value::as_object)
        .filter(|c| !c.is_empty())
    else {
        return "no body".to_string();
    };
    let mut parts: Vec<String> = content
        .iter()
        .map(|(media_type, media)| {
            let schema = match media.get("schema") {
                None => "no schema".to_string(),
                Some(schema) => match ref_of(schema) {
                    Some(reference) => format!("`{}`", spec::ref_name(reference)),
                    None => format!("inline {}", canonical(schema)),
                },
            };
            format!("{media_type}: {schema}")
        })
        .collect();
    parts.sort();
    parts.join(", ")
}

/// JSON text with sorted keys, so that equal values compare equal whatever the key order.
pub fn canonical(value: &Value) -> String {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<_> = map.iter().collect();
            entries.sort_by(|a, b| a.0.cmp(b.0));
            let inner: Vec<String> = entries
                .into_iter()
                .map(|(k, v)| format!("{}:{}", Value::String(k.clone()), canonical(v)))
                .collect();
            format!("{{{}}}", inner.join(","))
        }
        Value::Array(items) => {
            let inner: Vec<String> = items.iter().map(canonical).collect();
            format!("[{}]", inner.join(","))
        }
        other => other.to_string(),
    }
}

/// `response-additional-properties` and `response-closed-enum`: look at every schema reachable
/// from a response, following `$ref`s.
fn response_schemas(cx: &mut Context, root: &Value) {
    let mut queue: VecDeque<(String, String)> = VecDeque::new();
    for op in spec::operations(root) {
        let label = op.label();
        let Some(responses) = op.value.get("responses").and_then(Value::as_object) else {
            continue;
        };
        for (status, response) in responses {
            let site = join(&format!("{}/responses", op.pointer), status);
            let Some((response, pointer)) = deref(root, response, &site) else {
                continue;
            };
            let via = format!("{label} `{status}`");
            if let Some(content) = response.get("content").and_then(Value::as_object) {
                for (media_type, media) in content {
                    if media.get("schema").is_some() {
                        let media_pointer = join(&format!("{pointer}/content"), media_type);
                        queue.push_back((format!("{media_pointer}/schema"), via.clone()));
                    }
                }
            }
            if let Some(headers) = response.get("headers").and_then(Value::as_object) {
                for (name, header) in headers {
                    let header_site = join(&format!("{pointer}/headers"), name);
                    if let Some((header, header_pointer)) = deref(root, header, &header_site)
                        && header.get("schema").is_some()
                    {
                        queue.push_back((format!("{header_pointer}/schema"), via.clone()));
                    }
                }
            }
        }
    }
    let mut visited = HashSet::new();
    while let Some((pointer, via)) = queue.pop_front() {
        if !visited.insert(pointer.clone()) {
            continue;
        }
        let Some(schema) = root.pointer(&pointer) else {
            continue;
        };
        if let Some(reference) = ref_of(schema) {
            if let Some(target) = ref_pointer(reference) {
                queue.push_back((target, via));
            }
            continue;
        }
        if schema.get("additionalProperties") == Some(&Value::Bool(false)) {
            cx.report(
                &format!("{pointer}/additionalProperties"),
                Rule::ResponseAdditionalProperties,
                format!(
                    "`additionalProperties: false` on a schema in the response of {via}: a field added later would break old clients"
                ),
            );
        }
        if schema.get("enum").is_some() {
            cx.report(
                &format!("{pointer}/enum"),
                Rule::ResponseClosedEnum,
                format!(
                    "closed `enum` on a schema in the response of {via}: a value added later would break old clients; use a component schema with `type: string` and `x-extensible-enum: [...]`"
                ),
            );
        }
        for (suffix, _) in spec::subschemas(schema) {
            queue.push_back((format!("{pointer}{suffix}"), via.clone()));
        }
    }
}

/// `extensible-enum`: the shape the generator maps to an enum with an `Unknown(String)` variant.
fn extensible_enums(cx: &mut Context, root: &Value) {
    for (pointer, schema) in spec::all_schemas(root) {
        let Some(values) = schema.get("x-extensible-enum") else {
            continue;
        };
        let at = format!("{pointer}/x-extensible-enum");
        let top_level = pointer
            .strip_prefix("/components/schemas/")
            .is_some_and(|name| !name.contains('/'));
        if !top_level {
            cx.report(
                &at,
                Rule::ExtensibleEnum,
                "`x-extensible-enum` on an inline schema: the generator maps only component schemas (components.schemas.*) to an extensible enum".to_string(),
            );
        }
        if schema.get("type").and_then(Value::as_str) != Some("string") {
            cx.report(
                &at,
                Rule::ExtensibleEnum,
                "`x-extensible-enum` needs `type: string` beside it".to_string(),
            );
        }
        if schema.get("enum").is_some() {
            cx.report(
                &at,
                Rule::ExtensibleEnum,
                "`x-extensible-enum` and `enum` together: keep only `x-extensible-enum`"
                    .to_string(),
            );
        }
        match values.as_array() {
            Some(list) if !list.is_empty() && list.iter().all(Value::is_string) => {
                let mut seen = HashSet::new();
                for value in list {
                    if !seen.insert(value.as_str()) {
                        cx.report(
                            &at,
                            Rule::ExtensibleEnum,
                            format!("`x-extensible-enum` lists {value} twice"),
                        );
                    }
                }
            }
            _ => cx.report(
                &at,
                Rule::ExtensibleEnum,
                "`x-extensible-enum` must be a non-empty list of strings".to_string(),
            ),
        }
    }
}

/// `auth-header-param`.
fn auth_headers(cx: &mut Context, root: &Value) {
    for op in spec::operations(root) {
        for param in op.parameters(root) {
            if !param.location.eq_ignore_ascii_case("header") {
                continue;
            }
            if let Some(header) = AUTH_HEADERS
                .iter()
                .find(|h| h.eq_ignore_ascii_case(&param.name))
            {
                let spelled = if param.name == *header {
                    String::new()
                } else {
                    format!(" ({header})")
                };
                cx.report(
                    &param.site,
                    Rule::AuthHeaderParam,
                    format!(
                        "`{}` is an authentication header{spelled}: declare it in `components.securitySchemes`, not as a parameter of {}",
                        param.name,
                        op.label()
                    ),
                );
            }
        }
    }
}

/// `parameter-description` and `property-description`.
fn descriptions(cx: &mut Context, root: &Value) {
    let mut params: Vec<(String, &Value)> = Vec::new();
    if let Some(map) = root
        .pointer("/components/parameters")
        .and_then(Value::as_object)
    {
        for (name, param) in map {
            if ref_of(param).is_none() {
                params.push((join("/components/parameters", name), param));
            }
        }
    }
    for op in spec::operations(root) {
        for param in op.parameters(root) {
            params.push((param.pointer, param.value));
        }
    }
    let mut seen = HashSet::new();
    for (pointer, param) in params {
        if seen.insert(pointer.clone()) && text(param, "description").is_none() {
            let name = param.get("name").and_then(Value::as_str).unwrap_or("?");
            cx.report(
                &pointer,
                Rule::ParameterDescription,
                format!("parameter `{name}` has no description"),
            );
        }
    }

    for (pointer, schema) in spec::all_schemas(root) {
        let Some(properties) = schema.get("properties").and_then(Value::as_object) else {
            continue;
        };
        let owner = pointer
            .strip_prefix("/components/schemas/")
            .filter(|name| !name.contains('/'))
            .map(|name| format!(" of `{}`", name.replace("~1", "/").replace("~0", "~")))
            .unwrap_or_default();
        for (name, property) in properties {
            if !described(root, property) {
                cx.report(
                    &join(&format!("{pointer}/properties"), name),
                    Rule::PropertyDescription,
                    format!("property `{name}`{owner} has no description"),
                );
            }
        }
    }
}

/// A property is described by its own `description`, or (for `$ref` or a one-element `allOf`)
/// by the description of the schema it refers to.
fn described(root: &Value, property: &Value) -> bool {
    if text(property, "description").is_some() {
        return true;
    }
    let target = match property.get("allOf").and_then(Value::as_array) {
        Some(list) if list.len() == 1 => &list[0],
        _ => property,
    };
    ref_of(target).is_some()
        && deref(root, target, "").is_some_and(|(schema, _)| text(schema, "description").is_some())
}
