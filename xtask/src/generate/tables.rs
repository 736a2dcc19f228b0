//! The tables appended to the client from the spec: `OPERATIONS` (read by the core's hooks),
//! `ENDPOINTS` (where the service is, per cloud) and the per-operation decode table of the
//! example tests.

use std::collections::BTreeMap;
use std::path::Path;

use heck::ToUpperCamelCase;
use quote::{format_ident, quote};
use serde_json::Value;

use super::operations::{OperationMeta, clouds_of, response_body_schema};
use super::{GenError, KNOWN_CLOUDS, REGION_ENDPOINTS, SERVER_CLOUD};

/// `pub const OPERATIONS`, the table of `hwcloud_core`'s `Operation`s every generated call hands
/// the core (which reads, for example, `idempotent` to decide whether a request may be retried).
/// `success` names, per operation id, the success statuses progenitor matched (see
/// [`super::rewrite::send_through_core`]).
pub(super) fn operations_table(
    spec_path: &Path,
    operations: &[OperationMeta],
    success: &BTreeMap<String, Vec<u16>>,
) -> Result<syn::Item, GenError> {
    let mut entries = Vec::new();
    for op in operations {
        let idempotent = op.idempotent.ok_or_else(|| GenError {
            spec: spec_path.display().to_string(),
            operation: Some(op.label()),
            message: "has no boolean `x-idempotent`, which the retry policy needs".to_owned(),
        })?;
        let clouds = clouds_of(spec_path, op)?
            .into_iter()
            .map(|(_, variant, _)| format_ident!("{variant}"));
        let (id, name, method, path) = (&op.id, &op.name, &op.method, &op.path);
        let statuses = success
            .get(&op.id)
            .into_iter()
            .flatten()
            .map(|&status| proc_macro2::Literal::u16_unsuffixed(status));
        entries.push(quote! {
            ::hwcloud_core::__private::Operation {
                id: #id,
                name: #name,
                method: #method,
                path: #path,
                idempotent: #idempotent,
                clouds: &[#(::hwcloud_core::Cloud::#clouds),*],
                success: &[#(#statuses),*],
            }
        });
    }
    syn::parse2(quote! {
        /// Every operation of this service, as its spec describes it (read by the core crate's hooks).
        #[doc(hidden)]
        pub const OPERATIONS: &[::hwcloud_core::__private::Operation] = &[#(#entries),*];
    })
    .map_err(|e| GenError::spec(spec_path, format!("operation table: {e}")))
}

/// `pub const ENDPOINTS: &[hwcloud_core::ServerTemplate]` from the spec's `servers`: one per cloud,
/// with the `region` variable's values and the `x-region-endpoints` exceptions. The core resolves
/// a `Region` with it, so that only the spec knows where a service is.
pub(super) fn endpoints_table(spec_path: &Path, raw: &Value) -> Result<syn::Item, GenError> {
    let fail = |message: String| GenError::spec(spec_path, message);
    let servers = raw
        .get("servers")
        .and_then(Value::as_array)
        .filter(|s| !s.is_empty())
        .ok_or_else(|| fail("has no `servers`: where is the service?".into()))?;
    let mut entries = Vec::new();
    let mut seen = Vec::new();
    for (i, server) in servers.iter().enumerate() {
        let at = format!("servers[{i}]");
        let url = server
            .get("url")
            .and_then(Value::as_str)
            .ok_or_else(|| fail(format!("{at} has no `url`")))?;
        if !url.contains("{region}") || !url.starts_with("https://") {
            return Err(fail(format!(
                "{at}: `{url}` must be an https URL with a `{{region}}` variable"
            )));
        }
        let cloud = server
            .get(SERVER_CLOUD)
            .and_then(Value::as_str)
            .unwrap_or("");
        let (_, variant, _) = KNOWN_CLOUDS
            .iter()
            .find(|(name, _, _)| *name == cloud)
            .ok_or_else(|| {
                fail(format!(
                    "{at} needs `{SERVER_CLOUD}: huawei|otc` (has `{cloud}`)"
                ))
            })?;
        if seen.contains(&cloud) {
            return Err(fail(format!("{at}: a second server for `{cloud}`")));
        }
        seen.push(cloud);
        let mut regions: Vec<&str> = server
            .pointer("/variables/region/enum")
            .and_then(Value::as_array)
            .map(|values| values.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        if regions.is_empty() {
            return Err(fail(format!(
                "{at}: the `region` variable needs an `enum` of the known regions"
            )));
        }
        regions.sort_unstable();
        regions.dedup();
        let mut exceptions = Vec::new();
        for (region, endpoint) in server
            .get(REGION_ENDPOINTS)
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            let endpoint = endpoint.as_str().unwrap_or("");
            if !regions.contains(&region.as_str()) || !endpoint.starts_with("https://") {
                return Err(fail(format!(
                    "{at}: `{REGION_ENDPOINTS}` entry `{region}: {endpoint}` must name a known \
                     region and an https URL"
                )));
            }
            exceptions.push(quote!((#region, #endpoint)));
        }
        let variant = format_ident!("{variant}");
        entries.push(quote! {
            ::hwcloud_core::ServerTemplate::new(
                ::hwcloud_core::Cloud::#variant,
                #url,
                &[#(#regions),*],
                &[#(#exceptions),*],
            )
        });
    }
    syn::parse2(quote! {
        /// Where this service is, per cloud, as its spec's `servers` say (read by
        /// `Client::builder().region(..)`).
        pub const ENDPOINTS: &[::hwcloud_core::ServerTemplate] = &[#(#entries),*];
    })
    .map_err(|e| fail(format!("endpoint table: {e}")))
}

/// `__private::decode_response_debug(operation, status, body)`: the response body of an operation (its
/// `operationId`) with a documented status (as the spec writes it: `200`, `4XX`), decoded into the
/// type the spec gives it and shown with `{:#?}`; `None` for a status without a body type. The
/// per-operation decode table the example tests use, generated so that it cannot drift.
pub(super) fn decode_table(
    spec_path: &Path,
    raw: &Value,
    operations: &[OperationMeta],
) -> Result<syn::Item, GenError> {
    let mut arms = Vec::new();
    for op in operations {
        let name = &op.name;
        for (status, response) in raw
            .pointer(&op.pointer)
            .and_then(|op| op.get("responses"))
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            let Some(schema) = response_body_schema(raw, response) else {
                continue;
            };
            let Some(component) = schema
                .get("$ref")
                .and_then(Value::as_str)
                .and_then(|r| r.strip_prefix("#/components/schemas/"))
            else {
                return Err(GenError {
                    spec: spec_path.display().to_string(),
                    operation: Some(op.label()),
                    message: format!(
                        "response {status} has an inline body schema: give it a component"
                    ),
                });
            };
            let ty = format_ident!("{}", component.to_upper_camel_case());
            arms.push(quote! {
                (#name, #status) => ::std::option::Option::Some(
                    ::serde_json::from_value::<types::#ty>(body).map(|v| ::std::format!("{v:#?}"))
                ),
            });
        }
    }
    syn::parse2(quote! {
        /// What the workspace's tests need. Not part of the API: it changes without notice.
        #[doc(hidden)]
        pub mod __private {
            use super::types;

            /// Decodes a response body of `operation` (its spec `operationId`) answered with
            /// `status` (as the spec writes it) into the type the spec gives it, shown with
            /// `{:#?}`; `None` when the spec gives that status no body. For the example tests.
            pub fn decode_response_debug(
                operation: &str,
                status: &str,
                body: ::serde_json::Value,
            ) -> ::std::option::Option<::std::result::Result<::std::string::String, ::serde_json::Error>> {
                match (operation, status) {
                    #(#arms)*
                    _ => ::std::option::Option::None,
                }
            }
        }
    })
    .map_err(|e| GenError::spec(spec_path, format!("decode table: {e}")))
}
