//! The spec's operations as the generated tables and rewrites see them, with their `x-clouds`.

use std::path::Path;

use heck::ToSnakeCase;
use serde_json::Value;

use super::{CLOUDS, GenError, KNOWN_CLOUDS};

/// One operation of the spec, as the core crate's `Operation` table describes it.
#[derive(Debug)]
pub(super) struct OperationMeta {
    pub(super) id: String,
    pub(super) name: String,
    pub(super) method: String,
    pub(super) path: String,
    pub(super) idempotent: Option<bool>,
    /// `x-clouds`, as written (`None` when absent or not a list of strings).
    pub(super) clouds: Option<Vec<String>>,
    pub(super) has_project_id: bool,
    /// JSON pointer to the operation object in the spec.
    pub(super) pointer: String,
    /// The names of its parameters, as the spec spells them.
    pub(super) params: Vec<String>,
}

impl OperationMeta {
    pub(super) fn label(&self) -> String {
        format!("{} ({} {})", self.name, self.method, self.path)
    }
}

pub(super) fn operations(raw: &Value) -> Vec<OperationMeta> {
    let mut out = Vec::new();
    for operation in crate::openapi::operations(raw) {
        let (path, method, op) = (operation.path, operation.method, operation.value);
        let name = op
            .get("operationId")
            .and_then(Value::as_str)
            .unwrap_or_default();
        out.push(OperationMeta {
            id: name.to_snake_case(),
            name: name.to_owned(),
            method: method.to_uppercase(),
            path: path.to_owned(),
            idempotent: op.get("x-idempotent").and_then(Value::as_bool),
            clouds: op.get(CLOUDS).and_then(Value::as_array).and_then(|a| {
                a.iter()
                    .map(|v| v.as_str().map(str::to_owned))
                    .collect::<Option<Vec<_>>>()
            }),
            has_project_id: path.contains("{project_id}"),
            params: operation
                .parameters(raw)
                .into_iter()
                .map(|p| p.name)
                .collect(),
            pointer: operation.pointer.clone(),
        });
    }
    out
}

/// The `KNOWN_CLOUDS` rows of an operation's `x-clouds`, or an error naming the operation.
pub(super) fn clouds_of(
    spec_path: &Path,
    op: &OperationMeta,
) -> Result<Vec<(&'static str, &'static str, &'static str)>, GenError> {
    let fail = |message: String| GenError {
        spec: spec_path.display().to_string(),
        operation: Some(op.label()),
        message,
    };
    let names = op
        .clouds
        .as_ref()
        .filter(|c| !c.is_empty())
        .ok_or_else(|| {
            fail(format!(
                "has no `{CLOUDS}` (a list of `huawei`, `otc`): which clouds document it?"
            ))
        })?;
    names
        .iter()
        .map(|name| {
            KNOWN_CLOUDS
                .iter()
                .find(|(known, _, _)| known == name)
                .copied()
                .ok_or_else(|| {
                    fail(format!(
                        "`{CLOUDS}` names `{name}`; known clouds are `huawei` and `otc`"
                    ))
                })
        })
        .collect()
}

/// Adds "Documented for: ..." to each operation's description, so the generated method docs say
/// where the operation is documented.
pub(super) fn document_clouds(
    spec_path: &Path,
    raw: &mut Value,
    operations: &[OperationMeta],
) -> Result<(), GenError> {
    for op in operations {
        let shown: Vec<&str> = clouds_of(spec_path, op)?
            .iter()
            .map(|(_, _, shown)| *shown)
            .collect();
        if let Some(Value::Object(item)) = raw.pointer_mut(&op.pointer) {
            let note = format!("Documented for: {}.", shown.join(", "));
            let text = match item.get("description").and_then(Value::as_str) {
                Some(d) if !d.trim().is_empty() => format!("{}\n\n{note}", d.trim_end()),
                _ => note,
            };
            item.insert("description".into(), Value::String(text));
        }
    }
    Ok(())
}

/// The JSON schema of a response's body (following a `$ref` to `components/responses`), if any.
pub(super) fn response_body_schema(raw: &Value, response: &Value) -> Option<Value> {
    let response = match response.get("$ref").and_then(Value::as_str) {
        Some(r) => raw.pointer(r.strip_prefix('#')?)?,
        None => response,
    };
    let content = response.get("content")?.as_object()?;
    content.values().next()?.get("schema").cloned()
}
