//! Every change [`diff_specs`](super::diff_specs) can report: its stable id and how much it
//! matters. The differ reports through [`ChangeId`] only, so an id cannot be reported without
//! being listed here, and its kind is the one listed; `tests/diff.rs` checks that each id has a
//! fixture (`tests/fixtures/diff/<id>/`) that produces it.

/// How much a change matters to the clients of the API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// Old clients (or code written against the old generated crate) can break.
    Breaking,
    /// Not breaking by itself, but old clients must cope (a new response enum value, ...).
    WorthALook,
    /// Additions, relaxations, documentation.
    NonBreaking,
}

impl Kind {
    /// The id used in JSON output: `breaking`, `worth-a-look`, `non-breaking`.
    pub fn id(self) -> &'static str {
        match self {
            Kind::Breaking => "breaking",
            Kind::WorthALook => "worth-a-look",
            Kind::NonBreaking => "non-breaking",
        }
    }

    /// How the Markdown report writes it.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Breaking => "**breaking**",
            Kind::WorthALook => "worth a look",
            Kind::NonBreaking => "non-breaking",
        }
    }
}

/// The registry: one line per change, `Variant = "id", Kind;`.
macro_rules! change_ids {
    ($($(#[$meta:meta])* $variant:ident = $id:literal, $kind:ident;)*) => {
        /// The kind of a change, e.g. [`ChangeId::ResponseFieldRemoved`]
        /// (`response-field-removed`, breaking).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum ChangeId {
            $($(#[$meta])* $variant,)*
        }

        impl ChangeId {
            /// Every change the differ can report, in the order of this registry.
            pub const ALL: &[ChangeId] = &[$(ChangeId::$variant,)*];

            /// The stable id used in reports: `response-field-removed`, ...
            pub fn as_str(self) -> &'static str {
                match self {
                    $(ChangeId::$variant => $id,)*
                }
            }

            /// How much this change matters.
            pub fn kind(self) -> Kind {
                match self {
                    $(ChangeId::$variant => Kind::$kind,)*
                }
            }
        }
    };
}

change_ids! {
    // The spec as a whole.
    SpecAdded = "spec-added", NonBreaking;
    SpecRemoved = "spec-removed", Breaking;

    // Operations, matched by method and path template.
    OperationAdded = "operation-added", NonBreaking;
    OperationRemoved = "operation-removed", Breaking;
    /// The last operation of a path removed.
    PathRemoved = "path-removed", Breaking;
    /// Method or path changed, same `operationId`.
    OperationMoved = "operation-moved", Breaking;
    /// The generated method is renamed.
    OperationIdChanged = "operation-id-changed", Breaking;
    SummaryChanged = "summary-changed", NonBreaking;
    /// Of an operation, a parameter, a response or a schema.
    DescriptionChanged = "description-changed", NonBreaking;
    /// Of a parameter, a body or a schema.
    ExampleChanged = "example-changed", NonBreaking;
    TagsChanged = "tags-changed", NonBreaking;
    /// `x-idempotent`: whether a failed call is retried.
    IdempotencyChanged = "idempotency-changed", WorthALook;
    DeprecatedChanged = "deprecated-changed", NonBreaking;
    /// `x-clouds` gains a cloud.
    CloudsAdded = "clouds-added", NonBreaking;
    /// `x-clouds` loses a cloud: calls there are still sent, with a warning.
    CloudsRemoved = "clouds-removed", WorthALook;

    // Parameters (and the fields of an object parameter).
    ParameterAddedRequired = "parameter-added-required", Breaking;
    ParameterAddedOptional = "parameter-added-optional", NonBreaking;
    ParameterRemoved = "parameter-removed", WorthALook;
    /// A path parameter renamed: same URL, renamed setter.
    ParameterRenamed = "parameter-renamed", WorthALook;
    ParameterMadeRequired = "parameter-made-required", Breaking;
    ParameterMadeOptional = "parameter-made-optional", NonBreaking;
    ParameterTypeChanged = "parameter-type-changed", Breaking;
    ParameterMadeNullable = "parameter-made-nullable", NonBreaking;
    ParameterMadeNonNullable = "parameter-made-non-nullable", Breaking;

    // Request bodies.
    RequestBodyAdded = "request-body-added", NonBreaking;
    RequestBodyAddedRequired = "request-body-added-required", Breaking;
    RequestBodyRemoved = "request-body-removed", WorthALook;
    RequestBodyMadeRequired = "request-body-made-required", Breaking;
    RequestBodyMadeOptional = "request-body-made-optional", NonBreaking;
    RequestMediaTypeAdded = "request-media-type-added", NonBreaking;
    RequestMediaTypeRemoved = "request-media-type-removed", Breaking;

    // Fields of a request body.
    RequestFieldAddedRequired = "request-field-added-required", Breaking;
    RequestFieldAddedOptional = "request-field-added-optional", NonBreaking;
    RequestFieldRemoved = "request-field-removed", WorthALook;
    RequestFieldMadeRequired = "request-field-made-required", Breaking;
    RequestFieldMadeOptional = "request-field-made-optional", NonBreaking;
    RequestFieldTypeChanged = "request-field-type-changed", Breaking;
    RequestFieldMadeNullable = "request-field-made-nullable", NonBreaking;
    RequestFieldMadeNonNullable = "request-field-made-non-nullable", Breaking;

    // Enums of what the client sends (parameters and request bodies).
    /// A free value restricted to an enum.
    RequestEnumAdded = "request-enum-added", Breaking;
    RequestEnumRemoved = "request-enum-removed", NonBreaking;
    RequestEnumValueAdded = "request-enum-value-added", NonBreaking;
    RequestEnumValueRemoved = "request-enum-value-removed", Breaking;

    // Responses.
    SuccessStatusChanged = "success-status-changed", Breaking;
    /// The media types or the schema of a success body.
    SuccessBodyChanged = "success-body-changed", Breaking;
    ErrorStatusAdded = "error-status-added", NonBreaking;
    ErrorStatusRemoved = "error-status-removed", NonBreaking;
    /// The shared `ErrorResponse`, or an error status's body, changed in a way that is not an
    /// addition or documentation.
    ErrorSchemaChanged = "error-schema-changed", Breaking;

    // Fields of a response body.
    ResponseFieldAdded = "response-field-added", NonBreaking;
    ResponseFieldRemoved = "response-field-removed", Breaking;
    ResponseFieldMadeRequired = "response-field-made-required", NonBreaking;
    ResponseFieldMadeOptional = "response-field-made-optional", Breaking;
    ResponseFieldTypeChanged = "response-field-type-changed", Breaking;
    ResponseFieldMadeNullable = "response-field-made-nullable", Breaking;
    ResponseFieldMadeNonNullable = "response-field-made-non-nullable", NonBreaking;

    // Enums of what the client reads.
    /// `x-extensible-enum` turned into a closed `enum`: the `Unknown` variant goes.
    ResponseEnumClosed = "response-enum-closed", Breaking;
    ResponseEnumMadeExtensible = "response-enum-made-extensible", NonBreaking;
    ResponseEnumAdded = "response-enum-added", NonBreaking;
    ResponseEnumRemoved = "response-enum-removed", WorthALook;
    ResponseEnumValueAdded = "response-enum-value-added", WorthALook;
    ResponseEnumValueRemoved = "response-enum-value-removed", NonBreaking;

    /// The `oneOf` or `anyOf` variants of a schema.
    SchemaVariantsChanged = "schema-variants-changed", WorthALook;

    // Waiters (`x-waiter`): how an operation is followed and proven.
    WaiterAdded = "waiter-added", NonBreaking;
    /// The generated `send_and_wait` (and `hwc --wait`) goes.
    WaiterRemoved = "waiter-removed", Breaking;
    /// What it polls, its states, baseline, verification or busy codes changed.
    WaiterChanged = "waiter-changed", WorthALook;
    /// A status value or a field a waiter reads is gone: it would wait for a state that never
    /// comes, or prove nothing.
    WaiterReadRemoved = "waiter-read-removed", Breaking;

    /// The spec's `x-drill` (what `hwc drill` runs against the service) changed.
    DrillChanged = "drill-changed", WorthALook;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_distinct_kebab_case() {
        let mut seen = std::collections::BTreeSet::new();
        for id in ChangeId::ALL {
            let text = id.as_str();
            assert!(seen.insert(text), "`{text}` is registered twice");
            assert!(
                !text.is_empty()
                    && !text.starts_with('-')
                    && !text.ends_with('-')
                    && !text.contains("--")
                    && text.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "`{text}` is not kebab-case"
            );
        }
    }
}
