//! Two schemas compared field by field: types, nullability, enums, documentation, variants and
//! the fields of objects, arrays and maps, with ids and kinds for the side of the exchange.

use std::collections::BTreeSet;

use serde_json::{Map, Value};

use super::{ChangeId, Differ, Kind, Site, flipped, listed, plural};
use crate::lint::canonical;
use crate::openapi::{deref, ref_name, ref_of};

/// Which way data flows through the schema being compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Direction {
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
    /// How changes to a schema on this side are reported.
    fn side(self) -> &'static Side {
        match self {
            Direction::Parameter => &PARAMETER,
            Direction::Request => &REQUEST,
            Direction::Response | Direction::Error => &RESPONSE,
        }
    }
}

/// How a schema comparison reports changes on one side of the exchange ([`Direction::side`]):
/// the id of each (its kind comes from the registry: what breaks a sender relaxes a reader, and
/// back), with the note that ends the text of some.
struct Side {
    type_changed: ChangeId,
    made_nullable: ChangeId,
    made_non_nullable: ChangeId,
    removed: (ChangeId, &'static str),
    /// A required field added to what the client sends; a reader reports any new field `added`.
    added_required: Option<ChangeId>,
    added: (ChangeId, &'static str),
    made_required: ChangeId,
    made_optional: ChangeId,
    /// `x-extensible-enum` turned into a closed `enum`, and back: a reader's concern only.
    enum_closed: Option<ChangeId>,
    enum_made_extensible: Option<ChangeId>,
    enum_added: (ChangeId, &'static str),
    enum_removed: (ChangeId, &'static str),
    enum_value_added: (ChangeId, &'static str),
    enum_value_removed: ChangeId,
}

/// What the client sends and the server no longer reads.
const IGNORED: &str = ": the server ignores it now";

const REQUEST: Side = Side {
    type_changed: ChangeId::RequestFieldTypeChanged,
    made_nullable: ChangeId::RequestFieldMadeNullable,
    made_non_nullable: ChangeId::RequestFieldMadeNonNullable,
    removed: (ChangeId::RequestFieldRemoved, IGNORED),
    added_required: Some(ChangeId::RequestFieldAddedRequired),
    added: (ChangeId::RequestFieldAddedOptional, ""),
    made_required: ChangeId::RequestFieldMadeRequired,
    made_optional: ChangeId::RequestFieldMadeOptional,
    enum_closed: None,
    enum_made_extensible: None,
    enum_added: (
        ChangeId::RequestEnumAdded,
        ": values outside it are now rejected",
    ),
    enum_removed: (ChangeId::RequestEnumRemoved, ""),
    enum_value_added: (ChangeId::RequestEnumValueAdded, ""),
    enum_value_removed: ChangeId::RequestEnumValueRemoved,
};

/// A parameter's enums are request enums.
const PARAMETER: Side = Side {
    type_changed: ChangeId::ParameterTypeChanged,
    made_nullable: ChangeId::ParameterMadeNullable,
    made_non_nullable: ChangeId::ParameterMadeNonNullable,
    removed: (ChangeId::ParameterRemoved, IGNORED),
    added_required: Some(ChangeId::ParameterAddedRequired),
    added: (ChangeId::ParameterAddedOptional, ""),
    made_required: ChangeId::ParameterMadeRequired,
    made_optional: ChangeId::ParameterMadeOptional,
    ..REQUEST
};

const RESPONSE: Side = Side {
    type_changed: ChangeId::ResponseFieldTypeChanged,
    made_nullable: ChangeId::ResponseFieldMadeNullable,
    made_non_nullable: ChangeId::ResponseFieldMadeNonNullable,
    removed: (ChangeId::ResponseFieldRemoved, ""),
    added_required: None,
    added: (
        ChangeId::ResponseFieldAdded,
        ": optional, so answers without it still decode",
    ),
    made_required: ChangeId::ResponseFieldMadeRequired,
    made_optional: ChangeId::ResponseFieldMadeOptional,
    enum_closed: Some(ChangeId::ResponseEnumClosed),
    enum_made_extensible: Some(ChangeId::ResponseEnumMadeExtensible),
    enum_added: (ChangeId::ResponseEnumAdded, ""),
    enum_removed: (ChangeId::ResponseEnumRemoved, ": any value may come now"),
    enum_value_added: (
        ChangeId::ResponseEnumValueAdded,
        ": old clients must tolerate it",
    ),
    enum_value_removed: ChangeId::ResponseEnumValueRemoved,
};

/// The documentation keys of a parameter or a schema, and the change each is reported as.
pub(super) const DOCUMENTATION: [(&str, ChangeId); 2] = [
    ("description", ChangeId::DescriptionChanged),
    ("example", ChangeId::ExampleChanged),
];

impl Differ<'_> {
    /// Compare two schemas (each in its own document); `field` is the dotted path so far and
    /// `owner` the component schema that holds it.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn schema(
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
        let side = direction.side();
        let what = describe(direction, field, owner.as_deref(), inner.as_deref());
        // The fields below belong to this schema.
        let owner = inner;
        let (old_type, new_type) = (type_of(old), type_of(new));
        if old_type != new_type {
            self.emit(
                site,
                direction,
                side.type_changed,
                field,
                format!("type of {what} changed: {old_type} → {new_type}"),
            );
            return;
        }
        let nullable = |s: &Value| s.get("nullable").and_then(Value::as_bool) == Some(true);
        let states = [
            (side.made_nullable, "made nullable"),
            (side.made_non_nullable, "no longer nullable"),
        ];
        if let Some((id, now)) = flipped(nullable(old), nullable(new), states) {
            self.emit(site, direction, id, field, format!("{what} {now}"));
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
                    let (id, note) = side.removed;
                    self.emit(
                        site,
                        direction,
                        id,
                        &child,
                        format!(
                            "field `{child}`{of} removed (was {}){note}",
                            type_of(&flatten(self.base, old_prop, 0))
                        ),
                    );
                }
                (None, Some(new_prop)) => {
                    let shown = type_of(&flatten(self.head, new_prop, 0));
                    let (id, change) = match side.added_required.filter(|_| required(new, name)) {
                        Some(id) => (id, format!("required field `{child}`{of} added ({shown})")),
                        None => {
                            let (id, note) = side.added;
                            (id, format!("field `{child}`{of} added ({shown}){note}"))
                        }
                    };
                    self.emit(site, direction, id, &child, change);
                }
                (Some(old_prop), Some(new_prop)) => {
                    let states = [
                        (side.made_required, "required"),
                        (side.made_optional, "optional"),
                    ];
                    if let Some((id, now)) =
                        flipped(required(old, name), required(new, name), states)
                    {
                        let change = format!("field `{child}`{of} made {now}");
                        self.emit(site, direction, id, &child, change);
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
        let side = direction.side();
        let closed = |s: &Value| s.get("enum").is_some() && s.get("x-extensible-enum").is_none();
        let extensible = |s: &Value| s.get("x-extensible-enum").is_some();
        if let Some(id) = side.enum_closed
            && extensible(old)
            && closed(new)
        {
            self.emit(
                site,
                direction,
                id,
                field,
                format!("{what} changed from `x-extensible-enum` to a closed `enum`: the generated enum loses its `Unknown` variant"),
            );
        } else if let Some(id) = side.enum_made_extensible
            && closed(old)
            && extensible(new)
        {
            self.emit(
                site,
                direction,
                id,
                field,
                format!("{what} changed from a closed `enum` to `x-extensible-enum`"),
            );
        }
        let (old_values, new_values) = (enum_values(old), enum_values(new));
        match (old_values, new_values) {
            (None, None) => {}
            (None, Some(_)) => {
                let (id, note) = side.enum_added;
                self.emit(
                    site,
                    direction,
                    id,
                    field,
                    format!("{what} restricted to an enum{note}"),
                );
            }
            (Some(_), None) => {
                let (id, note) = side.enum_removed;
                self.emit(
                    site,
                    direction,
                    id,
                    field,
                    format!("{what} no longer an enum{note}"),
                );
            }
            (Some(old_values), Some(new_values)) => {
                let added: Vec<&String> = new_values.difference(&old_values).collect();
                let removed: Vec<&String> = old_values.difference(&new_values).collect();
                if !added.is_empty() {
                    let (id, note) = side.enum_value_added;
                    self.emit(
                        site,
                        direction,
                        id,
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
                        side.enum_value_removed,
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
