//! The workspace's one OpenAPI model: a spec read as a `serde_json::Value` with the line of every
//! node ([`yaml`]), the walk over it (local `$ref`s, operations, parameters and the places where
//! schemas live), and its schemas as JSON Schema ([`json_schema`]). `cargo xtask` (`generate`,
//! `lint`, `diff`, `pages`, as `xtask::openapi`) and the workspace tests read specs through it.

pub mod json_schema;
pub mod yaml;

pub use json_schema::to_json_schema;

use serde_json::Value;

use yaml::join;

/// The HTTP methods an OpenAPI path item may hold, in the order they are reported.
pub const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// How many `$ref` hops are followed before giving up (a cycle of refs to refs).
const MAX_HOPS: usize = 32;

/// Decode the fragment of a local `$ref` (`#/components/schemas/Foo`) into a JSON pointer.
/// `None` for refs to other documents.
pub fn ref_pointer(reference: &str) -> Option<String> {
    let fragment = reference.strip_prefix('#')?;
    if !fragment.is_empty() && !fragment.starts_with('/') {
        return None;
    }
    Some(percent_decode(fragment))
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Some(byte) = std::str::from_utf8(&bytes[i + 1..i + 3])
                .ok()
                .and_then(|hex| u8::from_str_radix(hex, 16).ok())
        {
            out.push(byte);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The `$ref` string of a reference object, if `value` is one.
pub fn ref_of(value: &Value) -> Option<&str> {
    value.get("$ref").and_then(Value::as_str)
}

/// Follow `$ref`s from `value` (found at `pointer`) to the object they name.  Returns the
/// object and its pointer; `None` when a ref does not resolve or refs loop.
pub fn deref<'a>(root: &'a Value, value: &'a Value, pointer: &str) -> Option<(&'a Value, String)> {
    let mut value = value;
    let mut pointer = pointer.to_string();
    for _ in 0..MAX_HOPS {
        let Some(reference) = ref_of(value) else {
            return Some((value, pointer));
        };
        pointer = ref_pointer(reference)?;
        value = root.pointer(&pointer)?;
    }
    None
}

/// The component name a local ref points to (`#/components/schemas/Foo` → `Foo`).
pub fn ref_name(reference: &str) -> &str {
    reference.rsplit('/').next().unwrap_or(reference)
}

/// One operation of the document.
#[derive(Debug, Clone)]
pub struct Operation<'a> {
    pub path: &'a str,
    pub method: &'static str,
    /// JSON pointer to the operation object.
    pub pointer: String,
    pub value: &'a Value,
    /// The path item holding it (for path-level parameters).
    pub path_item: &'a Value,
    pub path_item_pointer: String,
}

impl<'a> Operation<'a> {
    /// `operationId` if there is one, else `GET /path`.
    pub fn label(&self) -> String {
        match self.value.get("operationId").and_then(Value::as_str) {
            Some(id) => id.to_string(),
            None => format!("{} {}", self.method.to_uppercase(), self.path),
        }
    }

    /// The effective parameters: path-level ones, overridden by operation-level ones with the
    /// same `name` and `in`.  Each is (pointer of the list entry, the resolved parameter,
    /// pointer of the resolved parameter); unresolvable refs are skipped.
    pub fn parameters(&self, root: &'a Value) -> Vec<Parameter<'a>> {
        let mut out: Vec<Parameter<'a>> = Vec::new();
        for (holder, holder_pointer) in [
            (self.path_item, &self.path_item_pointer),
            (self.value, &self.pointer),
        ] {
            let Some(list) = holder.get("parameters").and_then(Value::as_array) else {
                continue;
            };
            for (index, entry) in list.iter().enumerate() {
                let site = format!("{holder_pointer}/parameters/{index}");
                let Some((param, resolved)) = deref(root, entry, &site) else {
                    continue;
                };
                let name = param
                    .get("name")
                    .and_then(Value::as_str)
                    .unwrap_or_default();
                let location = param.get("in").and_then(Value::as_str).unwrap_or_default();
                out.retain(|p| !(p.name == name && p.location == location));
                out.push(Parameter {
                    site,
                    pointer: resolved,
                    value: param,
                    name: name.to_string(),
                    location: location.to_string(),
                });
            }
        }
        out
    }
}

/// A parameter in effect for an operation.
#[derive(Debug, Clone)]
pub struct Parameter<'a> {
    /// Pointer of the list entry (maybe a `$ref`).
    pub site: String,
    /// Pointer of the parameter object itself.
    pub pointer: String,
    pub value: &'a Value,
    pub name: String,
    pub location: String,
}

impl Parameter<'_> {
    pub fn required(&self) -> bool {
        self.value.get("required").and_then(Value::as_bool) == Some(true)
    }
}

/// Every operation, in document order of paths and in [`METHODS`] order within a path.
pub fn operations(root: &Value) -> Vec<Operation<'_>> {
    let mut out = Vec::new();
    let Some(paths) = root.get("paths").and_then(Value::as_object) else {
        return out;
    };
    for (path, item) in paths {
        if !item.is_object() {
            continue;
        }
        let item_pointer = join("/paths", path);
        for method in METHODS {
            if let Some(op) = item.get(method).filter(|op| op.is_object()) {
                out.push(Operation {
                    path,
                    method,
                    pointer: join(&item_pointer, method),
                    value: op,
                    path_item: item,
                    path_item_pointer: item_pointer.clone(),
                });
            }
        }
    }
    out
}

/// The `{name}` variables of a path template, or an error for unbalanced braces.
pub fn template_variables(path: &str) -> Result<Vec<&str>, String> {
    let mut out = Vec::new();
    let mut rest = path;
    while let Some(open) = rest.find(['{', '}']) {
        if rest.as_bytes()[open] == b'}' {
            return Err(format!("unbalanced `}}` in path `{path}`"));
        }
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            return Err(format!("unbalanced `{{` in path `{path}`"));
        };
        let name = &after[..close];
        if name.is_empty() || name.contains('{') {
            return Err(format!("malformed variable in path `{path}`"));
        }
        out.push(name);
        rest = &after[close + 1..];
    }
    Ok(out)
}

/// Whether a response key is an error status: `4xx`, `5xx`, `4XX`, `5XX` or `default`.
pub fn is_error_status(status: &str) -> bool {
    status == "default" || matches!(status.as_bytes().first(), Some(b'4' | b'5'))
}

/// Whether a response key is a success status: `2xx` or `2XX`.
pub fn is_success_status(status: &str) -> bool {
    status.as_bytes().first() == Some(&b'2')
}

/// The subschemas of a schema object: (pointer suffix, subschema).
pub fn subschemas(schema: &Value) -> Vec<(String, &Value)> {
    let mut out = Vec::new();
    let Some(map) = schema.as_object() else {
        return out;
    };
    if let Some(properties) = map.get("properties").and_then(Value::as_object) {
        for (name, property) in properties {
            out.push((join("/properties", name), property));
        }
    }
    for keyword in ["items", "not"] {
        if let Some(sub) = map.get(keyword).filter(|s| s.is_object()) {
            out.push((format!("/{keyword}"), sub));
        }
    }
    if let Some(sub) = map.get("additionalProperties").filter(|s| s.is_object()) {
        out.push(("/additionalProperties".to_string(), sub));
    }
    for keyword in ["allOf", "anyOf", "oneOf"] {
        if let Some(list) = map.get(keyword).and_then(Value::as_array) {
            for (index, sub) in list.iter().enumerate() {
                out.push((format!("/{keyword}/{index}"), sub));
            }
        }
    }
    out
}

/// The schemas written directly in the document (not through a `$ref` to them), as pointers:
/// component schemas, and the inline `schema` of parameters, headers and media types, wherever
/// they are.  Subschemas are not listed; see [`subschemas`].
pub fn schema_roots(root: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let components = root.get("components");
    if let Some(schemas) = components
        .and_then(|c| c.get("schemas"))
        .and_then(Value::as_object)
    {
        for name in schemas.keys() {
            out.push(join("/components/schemas", name));
        }
    }
    let mut holders: Vec<String> = Vec::new();
    for (section, kind) in [
        ("parameters", "parameter"),
        ("headers", "parameter"),
        ("requestBodies", "body"),
        ("responses", "response"),
    ] {
        if let Some(map) = components
            .and_then(|c| c.get(section))
            .and_then(Value::as_object)
        {
            for name in map.keys() {
                holders.push(format!(
                    "{kind}:{}",
                    join(&format!("/components/{section}"), name)
                ));
            }
        }
    }
    for op in operations(root) {
        for (holder, holder_pointer) in [
            (op.path_item, &op.path_item_pointer),
            (op.value, &op.pointer),
        ] {
            if let Some(list) = holder.get("parameters").and_then(Value::as_array) {
                for index in 0..list.len() {
                    holders.push(format!("parameter:{holder_pointer}/parameters/{index}"));
                }
            }
        }
        holders.push(format!("body:{}/requestBody", op.pointer));
        if let Some(responses) = op.value.get("responses").and_then(Value::as_object) {
            for status in responses.keys() {
                holders.push(format!(
                    "response:{}",
                    join(&format!("{}/responses", op.pointer), status)
                ));
            }
        }
    }
    holders.sort();
    holders.dedup();
    for holder in holders {
        let (kind, pointer) = holder.split_once(':').unwrap_or_default();
        let Some(value) = root.pointer(pointer) else {
            continue;
        };
        if ref_of(value).is_some() {
            continue; // the component it names is listed on its own
        }
        match kind {
            "parameter" => {
                if value.get("schema").is_some() {
                    out.push(format!("{pointer}/schema"));
                }
                media_type_schemas(value, pointer, &mut out);
            }
            "body" => media_type_schemas(value, pointer, &mut out),
            _ => {
                media_type_schemas(value, pointer, &mut out);
                if let Some(headers) = value.get("headers").and_then(Value::as_object) {
                    for (name, header) in headers {
                        if ref_of(header).is_none() && header.get("schema").is_some() {
                            out.push(format!(
                                "{}/schema",
                                join(&format!("{pointer}/headers"), name)
                            ));
                        }
                    }
                }
            }
        }
    }
    out
}

fn media_type_schemas(holder: &Value, pointer: &str, out: &mut Vec<String>) {
    if let Some(content) = holder.get("content").and_then(Value::as_object) {
        for (media_type, media) in content {
            if media.get("schema").is_some() {
                out.push(format!(
                    "{}/schema",
                    join(&format!("{pointer}/content"), media_type)
                ));
            }
        }
    }
}

/// Every schema node written in the document, each once: the roots of [`schema_roots`] and all
/// their subschemas, as (pointer, schema).  `$ref`s are not followed.
pub fn all_schemas(root: &Value) -> Vec<(String, &Value)> {
    let mut out = Vec::new();
    for pointer in schema_roots(root) {
        if let Some(schema) = root.pointer(&pointer) {
            collect(schema, pointer, &mut out, 0);
        }
    }
    out
}

fn collect<'a>(
    schema: &'a Value,
    pointer: String,
    out: &mut Vec<(String, &'a Value)>,
    depth: usize,
) {
    if !schema.is_object() || depth > 64 {
        return;
    }
    for (suffix, sub) in subschemas(schema) {
        collect(sub, format!("{pointer}{suffix}"), out, depth + 1);
    }
    out.push((pointer, schema));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates() {
        assert_eq!(
            template_variables("/v2/{project_id}/jobs/{job_id}").unwrap(),
            ["project_id", "job_id"]
        );
        assert!(template_variables("/v2/{project_id/jobs").is_err());
        assert!(template_variables("/v2/project_id}/jobs").is_err());
        assert!(template_variables("/v2/{}/jobs").is_err());
    }

    #[test]
    fn refs() {
        assert_eq!(
            ref_pointer("#/paths/~1a~1%7Bid%7D").as_deref(),
            Some("/paths/~1a~1{id}")
        );
        assert_eq!(ref_pointer("other.yaml#/x"), None);
        assert_eq!(ref_pointer("#").as_deref(), Some(""));
    }
}
