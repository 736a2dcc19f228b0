//! The `example-valid` rule: every example validates against its schema.
//!
//! OpenAPI 3.0 schemas are not JSON Schema: `nullable: true` widens the type to admit `null`,
//! `$ref` ignores its siblings, and `example`, `discriminator`, `readOnly`, `x-*`, ... are not
//! JSON Schema keywords.  [`to_json_schema`] converts one (draft 4, whose boolean
//! `exclusiveMinimum`/`exclusiveMaximum` are OpenAPI 3.0's), and the `jsonschema` crate checks
//! the examples against it, with `#/components/schemas/...` refs resolved inside the converted
//! document.

use std::collections::{HashMap, HashSet};

use jsonschema::{Draft, Validator};
use serde_json::{Map, Value, json};

use super::{Context, Rule};
use crate::openapi::yaml::join;
use crate::openapi::{self as spec, deref, to_json_schema};

/// Checks examples against schemas, compiling each schema once.
pub struct Checker<'a> {
    root: &'a Value,
    /// `components.schemas`, converted: the target of every `#/components/schemas/...` ref.
    components: Value,
    validators: HashMap<String, Result<Validator, String>>,
    checked: HashSet<String>,
}

impl<'a> Checker<'a> {
    pub fn new(root: &'a Value) -> Self {
        let schemas = root
            .pointer("/components/schemas")
            .and_then(Value::as_object)
            .map(|schemas| {
                schemas
                    .iter()
                    .map(|(name, schema)| (name.clone(), to_json_schema(schema)))
                    .collect::<Map<_, _>>()
            })
            .unwrap_or_default();
        Checker {
            root,
            components: json!({ "schemas": schemas }),
            validators: HashMap::new(),
            checked: HashSet::new(),
        }
    }

    /// Check `example` (at `example_pointer`) against the schema at `schema_pointer`.
    pub fn check(&mut self, cx: &mut Context, example_pointer: &str, schema_pointer: &str) {
        if !self.checked.insert(example_pointer.to_string()) {
            return;
        }
        let (Some(example), Some(schema)) = (
            self.root.pointer(example_pointer),
            self.root.pointer(schema_pointer),
        ) else {
            return;
        };
        let components = &self.components;
        let validator = self
            .validators
            .entry(schema_pointer.to_string())
            .or_insert_with(|| compile(schema, components));
        let validator = match validator {
            Ok(validator) => validator,
            Err(message) => {
                cx.report(
                    example_pointer,
                    Rule::ExampleValid,
                    format!("cannot check this example: its schema does not compile: {message}"),
                );
                return;
            }
        };
        for error in validator.iter_errors(example).take(3) {
            let at = error.instance_path().as_str().to_string();
            let place = if at.is_empty() {
                String::new()
            } else {
                format!(" at `{at}`")
            };
            cx.report(
                &format!("{example_pointer}{at}"),
                Rule::ExampleValid,
                format!("example does not match its schema{place}: {error}"),
            );
        }
    }
}

fn compile(schema: &Value, components: &Value) -> Result<Validator, String> {
    let mut document = match to_json_schema(schema) {
        Value::Object(map) => map,
        other => return Err(format!("a schema must be an object, not `{other}`")),
    };
    document.insert("components".into(), components.clone());
    jsonschema::options()
        .with_draft(Draft::Draft4)
        .should_validate_formats(true)
        .should_ignore_unknown_formats(true)
        .build(&Value::Object(document))
        .map_err(|error| error.to_string())
}

/// Run `example-valid` over the whole document.
pub fn check_examples(cx: &mut Context, root: &Value) {
    let mut checker = Checker::new(root);

    // Schema-level `example`s, everywhere a schema is written.
    for (pointer, schema) in spec::all_schemas(root) {
        if schema.get("example").is_some() && spec::ref_of(schema).is_none() {
            checker.check(cx, &format!("{pointer}/example"), &pointer);
        }
    }

    // Parameters, request bodies, responses and headers: their `example`/`examples`.
    let mut holders: Vec<(String, &str)> = Vec::new();
    for section in ["parameters", "headers", "requestBodies", "responses"] {
        if let Some(map) = root
            .pointer(&format!("/components/{section}"))
            .and_then(Value::as_object)
        {
            for name in map.keys() {
                holders.push((join(&format!("/components/{section}"), name), section));
            }
        }
    }
    for op in spec::operations(root) {
        for param in op.parameters(root) {
            holders.push((param.pointer, "parameters"));
        }
        if let Some(body) = op.value.get("requestBody")
            && let Some((_, pointer)) = deref(root, body, &format!("{}/requestBody", op.pointer))
        {
            holders.push((pointer, "requestBodies"));
        }
        if let Some(responses) = op.value.get("responses").and_then(Value::as_object) {
            for (status, response) in responses {
                let site = join(&format!("{}/responses", op.pointer), status);
                if let Some((_, pointer)) = deref(root, response, &site) {
                    holders.push((pointer, "responses"));
                }
            }
        }
    }
    for (pointer, section) in holders {
        let Some(holder) = root.pointer(&pointer) else {
            continue;
        };
        if matches!(section, "parameters" | "headers") && holder.get("schema").is_some() {
            example_values(
                cx,
                &mut checker,
                root,
                holder,
                &pointer,
                &format!("{pointer}/schema"),
            );
        }
        if section == "responses"
            && let Some(headers) = holder.get("headers").and_then(Value::as_object)
        {
            for (name, header) in headers {
                let site = join(&format!("{pointer}/headers"), name);
                if let Some((header, header_pointer)) = deref(root, header, &site)
                    && header.get("schema").is_some()
                {
                    example_values(
                        cx,
                        &mut checker,
                        root,
                        header,
                        &header_pointer,
                        &format!("{header_pointer}/schema"),
                    );
                }
            }
        }
        if let Some(content) = holder.get("content").and_then(Value::as_object) {
            for (media_type, media) in content {
                let media_pointer = join(&format!("{pointer}/content"), media_type);
                if media.get("schema").is_some() {
                    example_values(
                        cx,
                        &mut checker,
                        root,
                        media,
                        &media_pointer,
                        &format!("{media_pointer}/schema"),
                    );
                }
            }
        }
    }
}

/// The `example` and `examples.*.value` of a parameter, header or media type object.
fn example_values(
    cx: &mut Context,
    checker: &mut Checker,
    root: &Value,
    holder: &Value,
    pointer: &str,
    schema_pointer: &str,
) {
    if holder.get("example").is_some() {
        checker.check(cx, &format!("{pointer}/example"), schema_pointer);
    }
    if let Some(examples) = holder.get("examples").and_then(Value::as_object) {
        for (name, example) in examples {
            let site = join(&format!("{pointer}/examples"), name);
            if let Some((example, example_pointer)) = deref(root, example, &site)
                && example.get("value").is_some()
            {
                checker.check(cx, &format!("{example_pointer}/value"), schema_pointer);
            }
        }
    }
}
