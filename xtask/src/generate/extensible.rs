//! The open enums: a component schema marked `x-extensible-enum` becomes a Rust enum with an
//! `Unknown` fallback, added to progenitor's `types` module with the JSON Schema catalog.

use std::path::Path;

use heck::ToUpperCamelCase;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use serde_json::Value;

use super::{EXTENSIBLE_ENUM, GenError};

/// A component schema marked `x-extensible-enum`: generated as a Rust enum with an `Unknown`
/// fallback instead of progenitor's closed enum or plain string.
#[derive(Debug)]
pub(super) struct ExtensibleEnum {
    pub(super) name: String,
    description: Option<String>,
    values: Vec<String>,
}

pub(super) fn extensible_enums(
    spec_path: &Path,
    raw: &Value,
) -> Result<Vec<ExtensibleEnum>, GenError> {
    let Some(schemas) = raw
        .pointer("/components/schemas")
        .and_then(Value::as_object)
    else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for (name, schema) in schemas {
        let Some(values) = schema.get(EXTENSIBLE_ENUM) else {
            continue;
        };
        let bad = |m: &str| GenError::spec(spec_path, format!("schema {name}: {m}"));
        if schema.get("type").and_then(Value::as_str) != Some("string") {
            return Err(bad("`x-extensible-enum` needs `type: string`"));
        }
        if schema.get("enum").is_some() {
            return Err(bad(
                "use either `enum` (closed) or `x-extensible-enum` (open), not both",
            ));
        }
        let values = values
            .as_array()
            .map(|vs| {
                vs.iter()
                    .map(|v| v.as_str().map(str::to_owned))
                    .collect::<Option<Vec<_>>>()
            })
            .and_then(|vs| vs)
            .filter(|vs| !vs.is_empty())
            .ok_or_else(|| bad("`x-extensible-enum` must be a non-empty list of strings"))?;
        let mut variants: Vec<String> = values.iter().map(|v| variant_name(v)).collect();
        variants.sort();
        if variants.iter().any(|v| v.is_empty() || v == "Unknown")
            || variants.windows(2).any(|w| w[0] == w[1])
        {
            return Err(bad(
                "values must map to distinct Rust variant names other than `Unknown`",
            ));
        }
        out.push(ExtensibleEnum {
            name: name.clone(),
            description: schema
                .get("description")
                .and_then(Value::as_str)
                .map(str::to_owned),
            values,
        });
    }
    Ok(out)
}

fn variant_name(value: &str) -> String {
    let name = value.to_upper_camel_case();
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("V{name}")
    } else {
        name
    }
}

/// Appends the extensible enums to progenitor's `types` module.
pub(super) fn add_to_types_module(
    spec_path: &Path,
    file: &mut syn::File,
    enums: &[ExtensibleEnum],
) -> Result<(), GenError> {
    let types = file
        .items
        .iter_mut()
        .find_map(|item| match item {
            syn::Item::Mod(m) if m.ident == "types" => m.content.as_mut(),
            _ => None,
        })
        .ok_or_else(|| GenError::spec(spec_path, "progenitor produced no `types` module"))?;
    for e in enums {
        let tokens = extensible_enum_tokens(e);
        let item: syn::File = syn::parse2(tokens)
            .map_err(|err| GenError::spec(spec_path, format!("enum {}: {err}", e.name)))?;
        types.1.extend(item.items);
    }

    // A catalog of every generated type's JSON Schema, so that snapshot tests pin the public shape
    // of all of them without keeping a hand-written list in step with the spec.
    let mut names: Vec<syn::Ident> = types
        .1
        .iter()
        .filter_map(|item| match item {
            syn::Item::Struct(s) if matches!(s.vis, syn::Visibility::Public(_)) => {
                Some(s.ident.clone())
            }
            syn::Item::Enum(e) if matches!(e.vis, syn::Visibility::Public(_)) => {
                Some(e.ident.clone())
            }
            _ => None,
        })
        .collect();
    names.sort();
    let labels = names.iter().map(|n| n.to_string());
    let catalog: syn::File = syn::parse2(quote! {
        /// The JSON Schema of every type in this module, by name (used by the snapshot tests).
        #[doc(hidden)]
        #[cfg(feature = "schemars")]
        pub fn json_schemas() -> ::std::vec::Vec<(&'static str, ::schemars::Schema)> {
            ::std::vec![#((#labels, ::schemars::schema_for!(#names))),*]
        }
    })
    .map_err(|err| GenError::spec(spec_path, format!("schema catalog: {err}")))?;
    types.1.extend(catalog.items);
    Ok(())
}

fn extensible_enum_tokens(e: &ExtensibleEnum) -> TokenStream {
    let name = format_ident!("{}", e.name);
    let name_str = &e.name;
    let doc = e
        .description
        .clone()
        .unwrap_or_else(|| format!("`{}` values.", e.name));
    let values = &e.values;
    let variants: Vec<_> = values
        .iter()
        .map(|v| format_ident!("{}", variant_name(v)))
        .collect();
    let variant_docs: Vec<_> = values.iter().map(|v| format!("`{v}`")).collect();
    let known_list = values
        .iter()
        .map(|v| format!("`{v}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let schema_doc = doc.clone();
    quote! {
        #[doc = #doc]
        ///
        #[doc = concat!("Known values: ", #known_list, ". Any other value decodes as [`Self::Unknown`], so a")]
        /// service that adds a value does not break this client. Build values with `From<&str>` or
        /// `parse()`, which map known strings to their variant.
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum #name {
            #(
                #[doc = #variant_docs]
                #variants,
            )*
            /// A value this version of the crate does not know, kept as received.
            Unknown(::std::string::String),
        }

        impl #name {
            /// The values this version of the crate knows, as the service spells them.
            pub const KNOWN: &'static [&'static str] = &[#(#values),*];

            /// The value as the service spells it.
            pub fn as_str(&self) -> &str {
                match self {
                    #(Self::#variants => #values,)*
                    Self::Unknown(value) => value.as_str(),
                }
            }

            /// Whether this is one of the [`Self::KNOWN`] values.
            pub fn is_known(&self) -> bool {
                !matches!(self, Self::Unknown(_))
            }
        }

        impl ::std::convert::From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #(#values => Self::#variants,)*
                    other => Self::Unknown(other.to_owned()),
                }
            }
        }

        impl ::std::convert::From<::std::string::String> for #name {
            fn from(value: ::std::string::String) -> Self {
                Self::from(value.as_str())
            }
        }

        impl ::std::str::FromStr for #name {
            type Err = ::std::convert::Infallible;

            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                Ok(Self::from(value))
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                <::std::string::String as ::serde::Deserialize>::deserialize(deserializer)
                    .map(Self::from)
            }
        }

        #[cfg(feature = "schemars")]
        impl ::schemars::JsonSchema for #name {
            fn schema_name() -> ::std::borrow::Cow<'static, str> {
                ::std::borrow::Cow::Borrowed(#name_str)
            }

            fn json_schema(_: &mut ::schemars::SchemaGenerator) -> ::schemars::Schema {
                ::schemars::json_schema!({
                    "type": "string",
                    "description": #schema_doc,
                    "x-extensible-enum": [#(#values),*],
                })
            }
        }
    }
}
