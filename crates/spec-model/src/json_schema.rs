//! OpenAPI 3.0 schemas as JSON Schema.
//!
//! OpenAPI 3.0 schemas are not JSON Schema: `nullable: true` widens the type to admit `null`,
//! `$ref` ignores its siblings, and `example`, `discriminator`, `readOnly`, `x-*`, ... are not
//! JSON Schema keywords.  [`to_json_schema`] converts one (draft 4, whose boolean
//! `exclusiveMinimum`/`exclusiveMaximum` are OpenAPI 3.0's); `#/components/schemas/...` refs are
//! kept, to be resolved inside a document that holds the converted components.

use serde_json::{Map, Value, json};

/// JSON Schema (draft 4) keywords kept as they are (besides the ones holding subschemas).
const KEPT: &[&str] = &[
    "type",
    "enum",
    "format",
    "multipleOf",
    "maximum",
    "exclusiveMaximum",
    "minimum",
    "exclusiveMinimum",
    "maxLength",
    "minLength",
    "pattern",
    "maxItems",
    "minItems",
    "uniqueItems",
    "maxProperties",
    "minProperties",
    "required",
    "title",
    "description",
    "default",
];

/// Convert an OpenAPI 3.0 schema object into a draft 4 JSON Schema.
pub fn to_json_schema(schema: &Value) -> Value {
    let Some(map) = schema.as_object() else {
        return schema.clone();
    };
    if let Some(reference) = map.get("$ref") {
        // OpenAPI 3.0: siblings of `$ref` are ignored.
        return json!({ "$ref": reference });
    }
    let mut out = Map::new();
    for (key, value) in map {
        match key.as_str() {
            "properties" => {
                if let Some(properties) = value.as_object() {
                    let converted = properties
                        .iter()
                        .map(|(name, sub)| (name.clone(), to_json_schema(sub)))
                        .collect();
                    out.insert(key.clone(), Value::Object(converted));
                }
            }
            "items" | "not" => {
                out.insert(key.clone(), to_json_schema(value));
            }
            "additionalProperties" => {
                let converted = if value.is_object() {
                    to_json_schema(value)
                } else {
                    value.clone()
                };
                out.insert(key.clone(), converted);
            }
            "allOf" | "anyOf" | "oneOf" => {
                if let Some(list) = value.as_array() {
                    out.insert(
                        key.clone(),
                        Value::Array(list.iter().map(to_json_schema).collect()),
                    );
                }
            }
            _ if KEPT.contains(&key.as_str()) => {
                out.insert(key.clone(), value.clone());
            }
            // nullable, discriminator, readOnly, writeOnly, xml, externalDocs, example,
            // deprecated, x-*: OpenAPI-only.
            _ => {}
        }
    }
    if map.get("nullable").and_then(Value::as_bool) == Some(true) {
        return nullable(out);
    }
    Value::Object(out)
}

/// `nullable: true`: admit `null` besides what the schema admits.
fn nullable(mut schema: Map<String, Value>) -> Value {
    if let Some(values) = schema.get_mut("enum").and_then(Value::as_array_mut)
        && !values.contains(&Value::Null)
    {
        values.push(Value::Null);
    }
    let combined = ["allOf", "anyOf", "oneOf", "not"]
        .iter()
        .any(|k| schema.contains_key(*k));
    match schema.get("type").cloned() {
        Some(Value::String(single)) if !combined => {
            schema.insert("type".into(), json!([single, "null"]));
            Value::Object(schema)
        }
        None if !combined => Value::Object(schema),
        _ => json!({ "anyOf": [{ "type": "null" }, Value::Object(schema)] }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_nullable_and_drops_openapi_keywords() {
        let schema = json!({
            "type": "object",
            "required": ["a"],
            "properties": {
                "a": { "type": "string", "nullable": true, "example": "x", "x-foo": 1 },
                "b": { "$ref": "#/components/schemas/B", "description": "ignored" },
                "c": { "allOf": [{ "$ref": "#/components/schemas/C" }], "nullable": true },
                "d": { "type": "string", "enum": ["on", "off"], "nullable": true },
            },
            "discriminator": { "propertyName": "a" },
            "readOnly": true,
        });
        assert_eq!(
            to_json_schema(&schema),
            json!({
                "type": "object",
                "required": ["a"],
                "properties": {
                    "a": { "type": ["string", "null"] },
                    "b": { "$ref": "#/components/schemas/B" },
                    "c": { "anyOf": [{ "type": "null" }, { "allOf": [{ "$ref": "#/components/schemas/C" }] }] },
                    "d": { "type": ["string", "null"], "enum": ["on", "off", null] },
                },
            })
        );
    }
}
