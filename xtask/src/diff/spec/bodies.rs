//! Request bodies, responses and the shared error schema.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::schema::Direction;
use super::{ChangeId, Differ, Pair, Site, flipped, paired, with_part};
use crate::lint::canonical;
use crate::openapi::{self as spec, Operation, deref, ref_name, ref_of, ref_pointer};

impl<'a> Differ<'a> {
    pub(super) fn request_body(&mut self, site: &Site, base: &Operation<'a>, head: &Operation<'a>) {
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
                let (id, how) = if required(new) {
                    (ChangeId::RequestBodyAddedRequired, "required")
                } else {
                    (ChangeId::RequestBodyAdded, "optional")
                };
                self.push(site, id, None, format!("{how} request body added"));
            }
            (Some(_), None) => self.push(
                site,
                ChangeId::RequestBodyRemoved,
                None,
                "request body removed: the server ignores it now".to_string(),
            ),
            (Some(old), Some(new)) => {
                let flags = [
                    (ChangeId::RequestBodyMadeRequired, "required"),
                    (ChangeId::RequestBodyMadeOptional, "optional"),
                ];
                if let Some((id, now)) = flipped(required(old), required(new), flags) {
                    self.push(site, id, None, format!("request body made {now}"));
                }
                for (media, pair) in paired(&content(old), &content(new)) {
                    match pair {
                        Pair::Removed(_) => self.push(
                            site,
                            ChangeId::RequestMediaTypeRemoved,
                            None,
                            format!("request media type `{media}` removed"),
                        ),
                        Pair::Added(_) => self.push(
                            site,
                            ChangeId::RequestMediaTypeAdded,
                            None,
                            format!("request media type `{media}` added"),
                        ),
                        Pair::Both(old, new) => self.media(site, Direction::Request, old, new),
                    }
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

    pub(super) fn responses(&mut self, site: &Site, base: &Operation<'a>, head: &Operation<'a>) {
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

        for (status, pair) in paired(&old_errors, &new_errors) {
            let site = with_part(site, &format!("response {status}"));
            match pair {
                Pair::Removed(_) => self.push(
                    &site,
                    ChangeId::ErrorStatusRemoved,
                    None,
                    format!("error status {status} removed"),
                ),
                Pair::Added(_) => self.push(
                    &site,
                    ChangeId::ErrorStatusAdded,
                    None,
                    format!("error status {status} added"),
                ),
                Pair::Both(old, new) => {
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
    pub(super) fn error_schema(&mut self) {
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
