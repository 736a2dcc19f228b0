//! `x-page-divergence`: a deliberate difference between a spec and its reference page, written
//! in the spec next to what it concerns.
//!
//! ```yaml
//! - name: offset
//!   in: query
//!   x-page-divergence:
//!     - rule: pages-param-extra          # the finding it accepts
//!       when: { page-lists: start }      # only on pages that still call it `start`
//!       reason: >-
//!         Pages before December 2025 name this parameter `start`; the SDK and newer pages `offset`.
//! ```
//!
//! The value is one entry or a list of entries. Each entry has:
//! - `rule` (required): the `pages-*` id of the finding it accepts (see [`Rule::divergible`]);
//! - `reason` (required): why the spec differs from the page, for the next reader;
//! - `name`: the page's parameter or field the spec does not have (required for
//!   `pages-param-missing` and `pages-field-missing`, which sit on the operation or the object
//!   schema);
//! - `status`: the page's status code the spec does not have (required for
//!   `pages-status-missing`, on the operation);
//! - `values`: for `pages-enum`, exactly the values that differ (on either side);
//! - `at`: for `pages-example`, the JSON pointer of the first difference;
//! - `when`: which pages it concerns: `page-lists: NAME` / `page-omits: NAME` (a parameter or field
//!   at any depth, one name or a list), `language: zh|en`. Without it, every page of the operation.
//!
//! `cargo xtask pages check` accepts a finding when an entry on one of the places the finding
//! concerns (the parameter, the property, its schema, the response, the media type, the
//! operation) has its rule and subject and selects the page; an entry that selects the page, whose
//! place and rule were compared, but that accepted nothing is reported as
//! `pages-divergence-stale`. `cargo xtask lint` checks the shape (`page-divergence`).

use std::collections::BTreeSet;

use serde_json::Value;

use super::Rule;
use super::model::Page;
use crate::lint::yaml::join;

/// The extension's name.
pub const EXTENSION: &str = "x-page-divergence";

/// One entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Divergence {
    /// Pointer of the object holding the extension: the place it concerns.
    pub place: String,
    /// Pointer of the entry itself (for its line).
    pub pointer: String,
    pub rule: Rule,
    pub reason: String,
    pub name: Option<String>,
    pub status: Option<String>,
    pub values: Option<BTreeSet<String>>,
    pub at: Option<String>,
    pub when: When,
}

/// Which pages an entry concerns.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct When {
    pub page_lists: Vec<String>,
    pub page_omits: Vec<String>,
    pub language: Option<String>,
}

impl When {
    pub fn selects(&self, page: &Page) -> bool {
        self.page_lists.iter().all(|name| page.lists(name))
            && !self.page_omits.iter().any(|name| page.lists(name))
            && self
                .language
                .as_deref()
                .is_none_or(|language| language == page.language.id())
    }
}

/// An entry that is not shaped as above.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid {
    pub place: String,
    pub pointer: String,
    pub message: String,
}

/// Every entry of the document, and the malformed ones.
pub fn collect(root: &Value) -> (Vec<Divergence>, Vec<Invalid>) {
    let mut found = Vec::new();
    let mut invalid = Vec::new();
    walk(root, "", &mut found, &mut invalid, 0);
    (found, invalid)
}

fn walk(
    value: &Value,
    pointer: &str,
    found: &mut Vec<Divergence>,
    invalid: &mut Vec<Invalid>,
    depth: usize,
) {
    if depth > 256 {
        return;
    }
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                if key == EXTENSION {
                    read(child, pointer, found, invalid);
                } else if !matches!(key.as_str(), "example" | "default" | "enum") {
                    walk(child, &join(pointer, key), found, invalid, depth + 1);
                }
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                walk(
                    item,
                    &format!("{pointer}/{index}"),
                    found,
                    invalid,
                    depth + 1,
                );
            }
        }
        _ => {}
    }
}

fn read(value: &Value, place: &str, found: &mut Vec<Divergence>, invalid: &mut Vec<Invalid>) {
    let base = join(place, EXTENSION);
    let entries: Vec<(String, &Value)> = match value {
        Value::Array(items) if !items.is_empty() => items
            .iter()
            .enumerate()
            .map(|(i, item)| (format!("{base}/{i}"), item))
            .collect(),
        Value::Object(_) => vec![(base.clone(), value)],
        _ => {
            invalid.push(Invalid {
                place: place.to_string(),
                pointer: base,
                message: format!(
                    "`{EXTENSION}` must be an entry (`rule`, `reason`, ...) or a non-empty list of them"
                ),
            });
            return;
        }
    };
    for (pointer, entry) in entries {
        match entry_of(entry) {
            Ok(mut divergence) => {
                divergence.place = place.to_string();
                divergence.pointer = pointer;
                found.push(divergence);
            }
            Err(message) => invalid.push(Invalid {
                place: place.to_string(),
                pointer,
                message,
            }),
        }
    }
}

fn strings(value: &Value, key: &str) -> Result<Vec<String>, String> {
    match value {
        Value::String(s) if !s.trim().is_empty() => Ok(vec![s.clone()]),
        Value::Array(items) if !items.is_empty() => items
            .iter()
            .map(|item| match item {
                Value::String(s) if !s.trim().is_empty() => Ok(s.clone()),
                other => Err(format!("`{key}` lists {other}, not a name")),
            })
            .collect(),
        other => Err(format!(
            "`{key}` must be a name or a list of names, not {other}"
        )),
    }
}

fn entry_of(entry: &Value) -> Result<Divergence, String> {
    let Some(map) = entry.as_object() else {
        return Err(format!(
            "an `{EXTENSION}` entry must be a mapping with `rule` and `reason`"
        ));
    };
    let allowed = ["rule", "reason", "name", "status", "values", "at", "when"];
    if let Some(key) = map.keys().find(|k| !allowed.contains(&k.as_str())) {
        return Err(format!(
            "unknown key `{key}` in an `{EXTENSION}` entry (known: {})",
            allowed.join(", ")
        ));
    }
    let rule_id = map
        .get("rule")
        .and_then(Value::as_str)
        .ok_or_else(|| format!("an `{EXTENSION}` entry needs `rule: pages-...`"))?;
    let rule = Rule::ALL
        .into_iter()
        .find(|r| r.id() == rule_id && r.divergible())
        .ok_or_else(|| {
            let ids: Vec<&str> = Rule::ALL
                .iter()
                .filter(|r| r.divergible())
                .map(|r| r.id())
                .collect();
            format!(
                "`rule: {rule_id}` is not a rule a divergence can accept ({})",
                ids.join(", ")
            )
        })?;
    let reason = map
        .get("reason")
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .ok_or_else(|| format!("the `{rule_id}` divergence needs a `reason`"))?
        .to_string();
    let text = |key: &str| -> Result<Option<String>, String> {
        match map.get(key) {
            None => Ok(None),
            Some(Value::String(s)) if !s.trim().is_empty() => Ok(Some(s.clone())),
            Some(Value::Number(n)) if key == "status" => Ok(Some(n.to_string())),
            Some(other) => Err(format!("`{key}: {other}` must be a non-empty string")),
        }
    };
    let name = text("name")?;
    let status = text("status")?;
    let at = text("at")?;
    let values = match map.get("values") {
        None => None,
        Some(value) => Some(strings(value, "values")?.into_iter().collect()),
    };
    let needs = |key: &str, present: bool, rules: &[Rule]| -> Result<(), String> {
        match (present, rules.contains(&rule)) {
            (false, true) => Err(format!("a `{rule_id}` divergence needs `{key}`")),
            (true, false) => Err(format!(
                "`{key}` does not apply to `{rule_id}` (only to {})",
                rules.iter().map(|r| r.id()).collect::<Vec<_>>().join(", ")
            )),
            _ => Ok(()),
        }
    };
    needs(
        "name",
        name.is_some(),
        &[Rule::ParamMissing, Rule::FieldMissing],
    )?;
    needs("status", status.is_some(), &[Rule::StatusMissing])?;
    if values.is_some() && rule != Rule::Enum {
        return Err(format!(
            "`values` does not apply to `{rule_id}` (only to pages-enum)"
        ));
    }
    if let Some(at) = &at {
        if rule != Rule::Example {
            return Err(format!(
                "`at` does not apply to `{rule_id}` (only to pages-example)"
            ));
        }
        if !at.starts_with('/') {
            return Err(format!(
                "`at: {at}` must be a JSON pointer such as `/fail_reason`"
            ));
        }
    }
    let mut when = When::default();
    if let Some(value) = map.get("when") {
        let Some(conditions) = value.as_object() else {
            return Err("`when` must be a mapping (page-lists, page-omits, language)".to_string());
        };
        for (key, value) in conditions {
            match key.as_str() {
                "page-lists" => when.page_lists = strings(value, key)?,
                "page-omits" => when.page_omits = strings(value, key)?,
                "language" => match value.as_str() {
                    Some(language @ ("zh" | "en")) => when.language = Some(language.to_string()),
                    _ => return Err(format!("`language: {value}` must be `zh` or `en`")),
                },
                other => {
                    return Err(format!(
                        "unknown condition `{other}` in `when` (page-lists, page-omits, language)"
                    ));
                }
            }
        }
    }
    if status
        .as_deref()
        .is_some_and(|s| s.len() != 3 || !s.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(format!(
            "`status: {}` must be a status code such as `404`",
            status.unwrap_or_default()
        ));
    }
    Ok(Divergence {
        place: String::new(),
        pointer: String::new(),
        rule,
        reason,
        name,
        status,
        values,
        at,
        when,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn entries_and_errors() {
        let doc = json!({
            "paths": {"/a": {"get": {
                "x-page-divergence": {"rule": "pages-status-missing", "status": 404, "reason": "r"},
                "parameters": [{
                    "name": "offset",
                    "x-page-divergence": [
                        {"rule": "pages-param-extra", "reason": "r", "when": {"page-lists": "start"}},
                        {"rule": "pages-param-extra"},
                        {"rule": "pages-nope", "reason": "r"},
                        {"rule": "pages-param-missing", "reason": "r"},
                        {"rule": "pages-enum", "reason": "r", "values": "A", "when": {"colour": "x"}}
                    ]
                }],
                "responses": {"200": {"content": {"application/json": {
                    "example": {"x-page-divergence": "not one"},
                    "x-page-divergence": {"rule": "pages-example", "reason": "r", "at": "/fail_resson"}
                }}}}
            }}}
        });
        let (found, invalid) = collect(&doc);
        let rules: Vec<(&str, &str)> = found
            .iter()
            .map(|d| (d.rule.id(), d.place.as_str()))
            .collect();
        assert_eq!(
            rules,
            [
                ("pages-param-extra", "/paths/~1a/get/parameters/0"),
                (
                    "pages-example",
                    "/paths/~1a/get/responses/200/content/application~1json"
                ),
                ("pages-status-missing", "/paths/~1a/get"),
            ]
        );
        assert_eq!(found[0].when.page_lists, ["start"]);
        assert_eq!(found[2].status.as_deref(), Some("404"));
        let messages: Vec<&str> = invalid.iter().map(|i| i.message.as_str()).collect();
        assert_eq!(messages.len(), 4, "{messages:#?}");
        assert!(messages[0].contains("needs a `reason`"), "{messages:?}");
        assert!(messages[1].contains("not a rule a divergence can accept"));
        assert!(messages[2].contains("needs `name`"));
        assert!(messages[3].contains("unknown condition `colour`"));
        assert_eq!(
            invalid[1].pointer,
            "/paths/~1a/get/parameters/0/x-page-divergence/2"
        );
    }
}
