//! `cargo xtask pages draft PAGE`: an OpenAPI 3.0 document holding the page's operation, for a
//! person to finish and move into `specs/<service>.yaml`.
//!
//! What the page does not say, or says in Chinese, is left as a `TODO` (the page's Chinese text
//! is kept beside it as a YAML comment, never translated). Once the TODOs are written the draft
//! passes `cargo xtask lint`: SDK-style `operationId`, `x-idempotent`, tags, descriptions
//! everywhere, the shared `ErrorResponse` on every error status, response enums as component
//! schemas with `x-extensible-enum`, examples that validate.

use std::collections::{HashMap, HashSet};

use heck::ToUpperCamelCase;
use serde_json::Value;

use super::model::{Body, Field, Language, Page, Type};

/// The marker left where a person has to write English.
pub const TODO: &str = "TODO";

/// A YAML node, kept in the order it is written.
#[derive(Debug, Clone)]
enum Y {
    /// An already rendered scalar.
    Scalar(String),
    Map(Vec<Entry>),
    Seq(Vec<Y>),
}

#[derive(Debug, Clone)]
struct Entry {
    key: String,
    value: Y,
    comment: Option<String>,
}

fn str_(text: &str) -> Y {
    Y::Scalar(quote(text))
}

fn raw(text: &str) -> Y {
    Y::Scalar(text.to_string())
}

fn map(entries: Vec<(&str, Y)>) -> Y {
    Y::Map(
        entries
            .into_iter()
            .map(|(key, value)| Entry {
                key: key.to_string(),
                value,
                comment: None,
            })
            .collect(),
    )
}

impl Y {
    fn push(&mut self, key: &str, value: Y) {
        self.push_commented(key, value, None);
    }

    fn push_commented(&mut self, key: &str, value: Y, comment: Option<String>) {
        if let Y::Map(entries) = self {
            entries.push(Entry {
                key: key.to_string(),
                value,
                comment,
            });
        }
    }
}

/// A scalar as YAML: plain when that reads back as the same string, else double-quoted (JSON
/// string syntax is valid YAML).
fn quote(text: &str) -> String {
    let plain = !text.is_empty()
        && text.trim() == text
        && text
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '_')
        && text.chars().all(|c| {
            c.is_ascii_alphanumeric() || " _./(){}<>,;=+-`'?!%&$^~@".contains(c) || !c.is_ascii()
        })
        && !text.contains(" #")
        && !matches!(
            text.to_ascii_lowercase().as_str(),
            "true" | "false" | "null" | "yes" | "no" | "on" | "off" | "y" | "n"
        );
    if plain {
        text.to_string()
    } else {
        Value::String(text.to_string()).to_string()
    }
}

fn key(text: &str) -> String {
    if text.bytes().all(|b| b.is_ascii_digit()) {
        format!("\"{text}\"")
    } else {
        quote(text)
    }
}

fn from_json(value: &Value) -> Y {
    match value {
        Value::Null => raw("null"),
        Value::Bool(b) => raw(&b.to_string()),
        Value::Number(n) => raw(&n.to_string()),
        Value::String(s) => str_(s),
        Value::Array(items) if items.is_empty() => raw("[]"),
        Value::Array(items) => Y::Seq(items.iter().map(from_json).collect()),
        Value::Object(m) if m.is_empty() => raw("{}"),
        Value::Object(m) => Y::Map(
            m.iter()
                .map(|(k, v)| Entry {
                    key: k.clone(),
                    value: from_json(v),
                    comment: None,
                })
                .collect(),
        ),
    }
}

fn render(y: &Y, indent: usize, out: &mut String) {
    let pad = " ".repeat(indent);
    match y {
        Y::Scalar(s) => {
            out.push_str(&pad);
            out.push_str(s);
            out.push('\n');
        }
        Y::Map(entries) => {
            for entry in entries {
                out.push_str(&pad);
                out.push_str(&key(&entry.key));
                out.push(':');
                let comment = entry
                    .comment
                    .as_ref()
                    .map(|c| format!("  # {c}"))
                    .unwrap_or_default();
                match &entry.value {
                    Y::Scalar(s) => {
                        out.push(' ');
                        out.push_str(s);
                        out.push_str(&comment);
                        out.push('\n');
                    }
                    Y::Map(m) if m.is_empty() => out.push_str(&format!(" {{}}{comment}\n")),
                    Y::Seq(s) if s.is_empty() => out.push_str(&format!(" []{comment}\n")),
                    nested => {
                        out.push_str(&comment);
                        out.push('\n');
                        render(nested, indent + 2, out);
                    }
                }
            }
        }
        Y::Seq(items) => {
            for item in items {
                match item {
                    Y::Scalar(s) => out.push_str(&format!("{pad}- {s}\n")),
                    nested => {
                        let mut inner = String::new();
                        render(nested, indent + 2, &mut inner);
                        let inner = inner
                            .strip_prefix(&" ".repeat(indent + 2))
                            .unwrap_or(&inner);
                        out.push_str(&format!("{pad}- {inner}"));
                    }
                }
            }
        }
    }
}

fn has_cjk(text: &str) -> bool {
    text.chars()
        .any(|c| matches!(c as u32, 0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0x3000..=0x303F | 0xFF00..=0xFFEF))
}

/// Prose from the page: English as it is, Chinese (or nothing) as `TODO` with the original in a
/// comment.
fn prose(text: Option<&str>) -> (Y, Option<String>) {
    let text = text.map(str::trim).filter(|t| !t.is_empty());
    match text {
        None => (str_(TODO), None),
        Some(text) if has_cjk(text) => {
            let one: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
            let cut: String = one.chars().take(200).collect();
            (str_(TODO), Some(format!("page: {cut}")))
        }
        Some(text) => (str_(text), None),
    }
}

fn skipped_header(name: &str) -> bool {
    name.eq_ignore_ascii_case("Content-Type")
        || crate::lint::AUTH_HEADERS
            .iter()
            .any(|h| h.eq_ignore_ascii_case(name))
}

/// `GET .../get-switch-vip-status` → `ShowSwitchVipStatus`; `POST .../switch-vip` → `SwitchVip`.
fn synthesized_id(method: &str, path: &str) -> String {
    let last = path
        .split('/')
        .rev()
        .find(|s| !s.is_empty() && !s.starts_with('{'))
        .unwrap_or("operation");
    let mut name = last.to_upper_camel_case();
    for verb in ["Get"] {
        if let Some(rest) = name.strip_prefix(verb) {
            name = format!("Show{rest}");
        }
    }
    let verbs = [
        "Show", "List", "Create", "Update", "Delete", "Switch", "Execute", "Change", "Batch",
        "Upgrade", "Restart", "Start", "Stop",
    ];
    if !verbs.iter().any(|v| name.starts_with(v)) {
        let verb = match method {
            "GET" => "Show",
            "POST" => "Create",
            "PUT" | "PATCH" => "Update",
            "DELETE" => "Delete",
            _ => "Call",
        };
        name = format!("{verb}{name}");
    }
    if crate::lint::is_sdk_pascal_case(&name) {
        name
    } else {
        "TodoOperation".to_string()
    }
}

/// Component schemas, in the order they are made, with unique names.
#[derive(Default)]
struct Components {
    schemas: Vec<(String, Y)>,
    taken: HashSet<String>,
    /// The component made for a page's named object table (by name, and whether it is on the
    /// response side): a table several fields share (`Endpoint`) is one component.
    tables: HashMap<(String, bool), String>,
}

impl Components {
    fn name(&mut self, wanted: &str) -> String {
        let base = wanted.to_upper_camel_case();
        let base = if crate::lint::is_sdk_pascal_case(&base) {
            base
        } else {
            "Schema".to_string()
        };
        let mut name = base.clone();
        let mut n = 2;
        while !self.taken.insert(name.clone()) {
            name = format!("{base}{n}");
            n += 1;
        }
        // Hold its place, so that a schema comes before the ones it refers to.
        self.schemas.push((name.clone(), Y::Map(Vec::new())));
        name
    }

    fn add(&mut self, name: String, schema: Y) -> Y {
        let reference = format!("#/components/schemas/{name}");
        match self.schemas.iter_mut().find(|(n, _)| *n == name) {
            Some(slot) => slot.1 = schema,
            None => self.schemas.push((name, schema)),
        }
        map(vec![("$ref", str_(&reference))])
    }
}

/// Where a schema is made: request (closed enums, `required`) or response (`x-extensible-enum`).
struct Site<'a> {
    response: bool,
    /// Dotted paths (`a.b[].c`) whose example value is null: made `nullable`.
    nulls: &'a HashSet<String>,
}

fn nulls_of(examples: &[&Value]) -> HashSet<String> {
    fn walk(value: &Value, path: &str, out: &mut HashSet<String>) {
        match value {
            Value::Null => {
                out.insert(path.to_string());
            }
            Value::Object(m) => {
                for (k, v) in m {
                    let next = if path.is_empty() {
                        k.clone()
                    } else {
                        format!("{path}.{k}")
                    };
                    walk(v, &next, out);
                }
            }
            Value::Array(items) => {
                for item in items {
                    walk(item, &format!("{path}[]"), out);
                }
            }
            _ => {}
        }
    }
    let mut out = HashSet::new();
    for example in examples {
        walk(example, "", &mut out);
    }
    out
}

type Entries = Vec<(&'static str, Y)>;

fn scalar_schema(ty: &Type) -> Option<(Entries, Option<String>)> {
    Some(match ty {
        Type::String => (vec![("type", raw("string"))], None),
        Type::Integer => (
            vec![("type", raw("integer")), ("format", raw("int32"))],
            None,
        ),
        Type::Long => (
            vec![("type", raw("integer")), ("format", raw("int64"))],
            None,
        ),
        Type::Boolean => (vec![("type", raw("boolean"))], None),
        Type::Number(word) => {
            let format = if word.eq_ignore_ascii_case("float") {
                "float"
            } else {
                "double"
            };
            (vec![("type", raw("number")), ("format", raw(format))], None)
        }
        Type::Other(text) => (
            vec![("type", raw("string"))],
            Some(format!("TODO: the page's type is `{text}`")),
        ),
        _ => return None,
    })
}

/// What a schema is made for: a field or parameter's type, nested table, values and description.
#[derive(Clone, Copy)]
struct Of<'a> {
    ty: &'a Type,
    field: Option<&'a Field>,
    values: &'a [String],
    description: Option<&'a str>,
}

/// The schema of a field or parameter; `owner` names the component it is in, `path` the field.
fn schema_of(
    components: &mut Components,
    site: &Site,
    of: Of,
    owner: &str,
    path: &str,
) -> (Y, Option<String>) {
    let Of {
        ty,
        field,
        values,
        description,
    } = of;
    let (text, note) = prose(description);
    // `true`/`false` listed under a Boolean say what each means; they are not an enum, and
    // values listed under an integer stay integers in the check, not a string enum.
    let values = if matches!(ty, Type::Boolean) {
        &[][..]
    } else {
        values
    };
    if let Some((mut entries, type_note)) = scalar_schema(ty) {
        if !values.is_empty() && site.response {
            // A response enum is an open set: a component schema with x-extensible-enum.
            let field_name = path
                .rsplit(['.', '[', ']'])
                .find(|s| !s.is_empty())
                .unwrap_or("value");
            let name = components.name(&format!("{owner}{}", field_name.to_upper_camel_case()));
            let mut schema = map(vec![("type", raw("string"))]);
            schema.push_commented("description", text, note);
            schema.push(
                "x-extensible-enum",
                Y::Seq(values.iter().map(|v| str_(v)).collect()),
            );
            return (components.add(name, schema), None);
        }
        entries.push(("description", text));
        let mut schema = Y::Map(Vec::new());
        for (k, v) in entries {
            if k == "description" {
                schema.push_commented(k, v, note.clone());
            } else {
                schema.push(k, v);
            }
        }
        if !values.is_empty() {
            schema.push("enum", Y::Seq(values.iter().map(|v| str_(v)).collect()));
        }
        if site.nulls.contains(path) {
            schema.push("nullable", raw("true"));
        }
        return (schema, type_note);
    }
    match ty {
        Type::Array(inner) => {
            let (items, items_note) = schema_of(
                components,
                site,
                Of {
                    ty: inner,
                    field,
                    values,
                    description,
                },
                owner,
                &format!("{path}[]"),
            );
            let mut schema = map(vec![("type", raw("array"))]);
            schema.push_commented("description", text, note);
            schema.push_commented("items", items, items_note);
            if site.nulls.contains(path) {
                schema.push("nullable", raw("true"));
            }
            (schema, None)
        }
        Type::Map(value) => {
            let (values_schema, values_note) = schema_of(
                components,
                site,
                Of {
                    ty: value,
                    field: None,
                    values: &[],
                    description: Some("A value of the map."),
                },
                owner,
                &format!("{path}.*"),
            );
            let mut schema = map(vec![("type", raw("object"))]);
            schema.push_commented("description", text, note);
            schema.push_commented("additionalProperties", values_schema, values_note);
            (schema, None)
        }
        Type::Object(name) => match field.and_then(|f| f.fields.as_deref()) {
            Some(fields) => {
                if let Some(known) = name
                    .as_ref()
                    .and_then(|n| components.tables.get(&(n.clone(), site.response)))
                {
                    let reference = format!("#/components/schemas/{known}");
                    return (map(vec![("$ref", str_(&reference))]), None);
                }
                let wanted = name
                    .clone()
                    .unwrap_or_else(|| format!("{owner}{}", path.to_upper_camel_case()));
                let component = components.name(&wanted);
                if let Some(n) = name {
                    components
                        .tables
                        .insert((n.clone(), site.response), component.clone());
                }
                let mut schema = object_schema(components, site, fields, &component, path);
                if let Y::Map(entries) = &mut schema {
                    entries.insert(
                        1,
                        Entry {
                            key: "description".to_string(),
                            value: text,
                            comment: note,
                        },
                    );
                }
                (components.add(component, schema), None)
            }
            None => {
                let mut schema = map(vec![("type", raw("object"))]);
                schema.push_commented("description", text, note);
                let missing = name
                    .as_ref()
                    .map(|n| format!("TODO: the page has no table for `{n}`"));
                (schema, missing)
            }
        },
        _ => unreachable!("scalar types are handled above"),
    }
}

/// `type: object` with the fields as properties (and `required` on the request side).
fn object_schema(
    components: &mut Components,
    site: &Site,
    fields: &[Field],
    owner: &str,
    path: &str,
) -> Y {
    let mut schema = map(vec![("type", raw("object"))]);
    let required: Vec<Y> = fields
        .iter()
        .filter(|f| !site.response && f.mandatory == Some(true))
        .map(|f| str_(&f.name))
        .collect();
    if !required.is_empty() {
        schema.push("required", Y::Seq(required));
    }
    let mut properties = Y::Map(Vec::new());
    for field in fields {
        let field_path = if path.is_empty() {
            field.name.clone()
        } else {
            format!("{path}.{}", field.name)
        };
        let (property, note) = schema_of(
            components,
            site,
            Of {
                ty: &field.ty,
                field: Some(field),
                values: &field.values,
                description: Some(&field.description),
            },
            owner,
            &field_path,
        );
        properties.push_commented(&field.name, property, note);
    }
    schema.push("properties", properties);
    schema
}

fn examples_entry(target: &mut Y, examples: &[&Value]) {
    match examples {
        [] => {}
        [one] => target.push("example", from_json(one)),
        many => {
            let mut named = Y::Map(Vec::new());
            for (i, example) in many.iter().enumerate() {
                named.push(
                    &format!("example{}", i + 1),
                    map(vec![("value", from_json(example))]),
                );
            }
            target.push("examples", named);
        }
    }
}

/// Draft the operation of `page`; `source` names the page in the header comment.
pub fn draft(page: &Page, source: &str) -> String {
    let mut components = Components::default();
    components.taken.insert("ErrorResponse".to_string());
    let (operation_id, id_note) = match &page.operation_id {
        Some(id) => (id.clone(), None),
        None => (
            synthesized_id(&page.method, &page.path),
            Some("TODO: the official SDK's name for it, if it has one".to_string()),
        ),
    };
    let method = page.method.to_ascii_lowercase();
    let mut op = Y::Map(Vec::new());
    op.push_commented("operationId", str_(&operation_id), id_note);
    let idempotent = matches!(method.as_str(), "get" | "head" | "options");
    op.push_commented(
        "x-idempotent",
        raw(&idempotent.to_string()),
        Some(format!(
            "TODO: check: {} retried on failures when true",
            if idempotent { "is" } else { "would be" }
        )),
    );
    if !idempotent {
        op.push_commented(
            crate::waiter::X_NO_WAITER,
            str_(TODO),
            Some(format!(
                "TODO: replace with an `{}` (how it is followed, what proves its outcome), or \
                 say why it is not followed",
                crate::waiter::X_WAITER
            )),
        );
    }
    op.push_commented(
        crate::generate::CLOUDS,
        Y::Seq(
            crate::generate::KNOWN_CLOUDS
                .iter()
                .map(|(name, _, _)| raw(name))
                .collect(),
        ),
        Some("TODO: only the clouds whose reference documents it".to_string()),
    );
    op.push("tags", Y::Seq(vec![str_(TODO)]));
    let (summary, summary_note) = prose(page.title.as_deref());
    op.push_commented("summary", summary, summary_note);
    let (description, description_note) = prose(page.function.as_deref());
    op.push_commented("description", description, description_note);

    let no_nulls = HashSet::new();
    let request_site = Site {
        response: false,
        nulls: &no_nulls,
    };
    let mut parameters = Vec::new();
    for param in &page.params {
        if param.location.id() == "header" && skipped_header(&param.name) {
            continue;
        }
        let mut entry = map(vec![
            ("name", str_(&param.name)),
            ("in", raw(param.location.id())),
            (
                "required",
                raw(&(param.mandatory || param.location.id() == "path").to_string()),
            ),
        ]);
        let (text, note) = prose(Some(&param.description));
        entry.push_commented("description", text, note);
        let (schema, schema_note) = schema_of(
            &mut components,
            &request_site,
            Of {
                ty: &param.ty,
                field: None,
                values: &param.values,
                description: Some(&param.description),
            },
            &operation_id,
            &param.name,
        );
        // The parameter carries the description; the schema keeps only its type.
        let schema = match schema {
            Y::Map(entries) => Y::Map(
                entries
                    .into_iter()
                    .filter(|e| e.key != "description")
                    .collect(),
            ),
            other => other,
        };
        entry.push_commented("schema", schema, schema_note);
        parameters.push(entry);
    }
    if !parameters.is_empty() {
        op.push("parameters", Y::Seq(parameters));
    }

    if page.request.is_some() || !page.request_examples.is_empty() {
        let examples: Vec<&Value> = page.request_examples.iter().map(|e| &e.value).collect();
        let nulls = nulls_of(&examples);
        let site = Site {
            response: false,
            nulls: &nulls,
        };
        let schema = body_schema(
            &mut components,
            &site,
            page.request.as_ref(),
            &format!("{operation_id}RequestBody"),
            &format!("Request body of {operation_id}."),
        );
        let mut media = map(vec![("schema", schema)]);
        examples_entry(&mut media, &examples);
        let required = page
            .request
            .as_ref()
            .is_some_and(|b| b.fields.iter().any(|f| f.mandatory == Some(true)));
        op.push(
            "requestBody",
            map(vec![
                ("required", raw(&required.to_string())),
                ("content", map(vec![("application/json", media)])),
            ]),
        );
    }

    // The shared error schema: the page's first error table, else error_code and error_msg.
    let error_examples: Vec<&Value> = page
        .responses
        .iter()
        .filter(|r| !r.status.starts_with('2'))
        .flat_map(|r| r.examples.iter().map(|e| &e.value))
        .collect();
    let error_nulls = nulls_of(&error_examples);
    let error_site = Site {
        response: true,
        nulls: &error_nulls,
    };
    let error_schema = match page
        .responses
        .iter()
        .filter(|r| !r.status.starts_with('2'))
        .find_map(|r| r.body.as_ref())
    {
        Some(body) => object_schema(&mut components, &error_site, &body.fields, "Error", ""),
        None => {
            let mut schema = map(vec![("type", raw("object"))]);
            schema.push(
                "properties",
                map(vec![
                    (
                        "error_code",
                        map(vec![
                            ("type", raw("string")),
                            ("description", str_("Error code.")),
                        ]),
                    ),
                    (
                        "error_msg",
                        map(vec![
                            ("type", raw("string")),
                            ("description", str_("Human-readable error message.")),
                        ]),
                    ),
                ]),
            );
            schema
        }
    };
    let mut error_schema = error_schema;
    if let Y::Map(entries) = &mut error_schema {
        entries.insert(
            1,
            Entry {
                key: "description".to_string(),
                value: str_("The body of every error response of the service."),
                comment: None,
            },
        );
    }

    let mut responses = Y::Map(Vec::new());
    let mut success_schema: Option<Y> = None;
    for response in &page.responses {
        let (text, note) = prose(response.description.as_deref());
        let mut entry = Y::Map(Vec::new());
        entry.push_commented("description", text, note);
        let examples: Vec<&Value> = response.examples.iter().map(|e| &e.value).collect();
        if response.status.starts_with('2') {
            if response.body.is_some() || !examples.is_empty() {
                let schema = match &success_schema {
                    Some(schema) => schema.clone(),
                    None => {
                        let nulls = nulls_of(&examples);
                        let site = Site {
                            response: true,
                            nulls: &nulls,
                        };
                        let schema = body_schema(
                            &mut components,
                            &site,
                            response.body.as_ref(),
                            &format!("{operation_id}Response"),
                            &format!("Response body of {operation_id}."),
                        );
                        success_schema = Some(schema.clone());
                        schema
                    }
                };
                let mut media = map(vec![("schema", schema)]);
                examples_entry(&mut media, &examples);
                entry.push("content", map(vec![("application/json", media)]));
            }
        } else {
            let mut media = map(vec![(
                "schema",
                map(vec![("$ref", str_("#/components/schemas/ErrorResponse"))]),
            )]);
            examples_entry(&mut media, &examples);
            entry.push("content", map(vec![("application/json", media)]));
        }
        responses.push(&response.status, entry);
    }
    for range in ["4XX", "5XX"] {
        responses.push(
            range,
            map(vec![(
                "$ref",
                str_("#/components/responses/UnexpectedError"),
            )]),
        );
    }
    op.push("responses", responses);

    let mut schemas = Y::Map(Vec::new());
    schemas.push("ErrorResponse", error_schema);
    for (name, schema) in components.schemas {
        schemas.push(&name, schema);
    }
    let unexpected = map(vec![
        (
            "description",
            str_(
                "Any other 4xx or 5xx status; the body has this shape when the service produced it.",
            ),
        ),
        (
            "content",
            map(vec![(
                "application/json",
                map(vec![(
                    "schema",
                    map(vec![("$ref", str_("#/components/schemas/ErrorResponse"))]),
                )]),
            )]),
        ),
    ]);
    let mut path_item = Y::Map(Vec::new());
    path_item.push(&method, op);
    let document = map(vec![
        ("openapi", raw("3.0.3")),
        (
            "info",
            map(vec![("title", str_(TODO)), ("version", str_(TODO))]),
        ),
        ("paths", {
            let mut paths = Y::Map(Vec::new());
            paths.push(&page.path, path_item);
            paths
        }),
        (
            "components",
            map(vec![
                ("responses", map(vec![("UnexpectedError", unexpected)])),
                ("schemas", schemas),
            ]),
        ),
    ]);
    let mut out = format!(
        "# Drafted by `cargo xtask pages draft` from {source} ({} page).\n\
         # Review it against the page and write every TODO{}.\n\
         # Then move the path item and the component schemas into specs/<service>.yaml and run\n\
         # `cargo xtask pages check` on the page.\n",
        page.language.id(),
        if page.language == Language::Chinese {
            " in English: the page's Chinese text is in the comment\n# beside it, to be written anew by a person, never machine-translated"
        } else {
            ""
        }
    );
    render(&document, 0, &mut out);
    out
}

/// The schema of a request or success body: a component from its table, or a bare object.
fn body_schema(
    components: &mut Components,
    site: &Site,
    body: Option<&Body>,
    wanted: &str,
    description: &str,
) -> Y {
    match body {
        Some(body) => {
            let name = components.name(wanted);
            let mut schema = object_schema(components, site, &body.fields, &name, "");
            if let Y::Map(entries) = &mut schema {
                entries.insert(
                    1,
                    Entry {
                        key: "description".to_string(),
                        value: str_(description),
                        comment: None,
                    },
                );
            }
            components.add(name, schema)
        }
        None => map(vec![
            ("type", raw("object")),
            (
                "description",
                str_(&format!("{description} TODO: the page has no table for it")),
            ),
        ]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting() {
        assert_eq!(quote("Project ID."), "Project ID.");
        assert_eq!(quote("/v2/{project_id}/jobs"), "/v2/{project_id}/jobs");
        assert_eq!(quote("true"), "\"true\"");
        assert_eq!(quote("1.5"), "\"1.5\"");
        assert_eq!(quote("Values: a, b"), "\"Values: a, b\"");
        assert_eq!(quote("a # b"), "\"a # b\"");
        assert_eq!(quote(""), "\"\"");
        assert_eq!(quote("-x"), "\"-x\"");
    }

    #[test]
    fn operation_names() {
        assert_eq!(
            synthesized_id(
                "GET",
                "/v3/{project_id}/jobs/{job_id}/get-switch-vip-status"
            ),
            "ShowSwitchVipStatus"
        );
        assert_eq!(
            synthesized_id("POST", "/v3/{project_id}/jobs/{job_id}/switch-vip"),
            "SwitchVip"
        );
        assert_eq!(
            synthesized_id("POST", "/v2/{project_id}/instances/{instance_id}/restores"),
            "CreateRestores"
        );
    }

    #[test]
    fn rendering() {
        let mut out = String::new();
        let mut y = map(vec![("a", str_("x: y")), ("200", raw("1"))]);
        y.push(
            "list",
            Y::Seq(vec![map(vec![("k", raw("1")), ("m", raw("2"))]), raw("3")]),
        );
        y.push_commented("c", str_(TODO), Some("page: 中文".into()));
        render(&y, 0, &mut out);
        assert_eq!(
            out,
            "a: \"x: y\"\n\"200\": 1\nlist:\n  - k: 1\n    m: 2\n  - 3\nc: TODO  # page: 中文\n"
        );
        let back = crate::openapi::yaml::load(&out).unwrap().value;
        assert_eq!(back["a"], "x: y");
        assert_eq!(back["list"][0]["m"], 2);
        assert_eq!(back["c"], "TODO");
    }
}
