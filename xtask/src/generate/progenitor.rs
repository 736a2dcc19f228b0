//! progenitor: its settings, running it with its panics turned into errors, and the checks it
//! would otherwise answer with a panic or a vague message.

use std::panic::{self, AssertUnwindSafe};
use std::path::Path;

use proc_macro2::TokenStream;
use progenitor_impl::{GenerationSettings, HooksMode, InterfaceStyle, TagStyle, TypeImpl};
use quote::quote;
use serde_json::Value;

use super::GenError;
use super::extensible::ExtensibleEnum;
use super::operations::response_body_schema;

/// progenitor's settings; the extensible enums are found under `types_path` (`crate::types` in the
/// client crate, `hwcloud_dcs::types` elsewhere).
pub(super) fn settings(extensible: &[ExtensibleEnum], types_path: &str) -> GenerationSettings {
    let mut settings = GenerationSettings::new();
    settings
        .with_interface(InterfaceStyle::Builder)
        .with_tag(TagStyle::Merged)
        .with_inner_type(quote!(::hwcloud_core::__private::Context))
        .with_hooks(HooksMode::Expected)
        .with_derive("schemars::JsonSchema")
        .with_derive("PartialEq");
    for e in extensible {
        settings.with_replacement(
            &e.name,
            format!("{types_path}::{}", e.name),
            [TypeImpl::Display, TypeImpl::FromStr].into_iter(),
        );
    }
    settings
}

thread_local! {
    /// Whether this thread is in a progenitor step, whose panics are reported as a [`GenError`].
    static QUIET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f` with the panic hook silent for this thread. The hook is installed once, for the
/// process: it stays silent on a thread inside `quietly` and hands every other panic to the hook
/// that was there before, so that threads running at the same time (tests) keep their messages.
fn quietly<T>(f: impl FnOnce() -> T) -> T {
    static INSTALL: std::sync::Once = std::sync::Once::new();
    INSTALL.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !QUIET.with(std::cell::Cell::get) {
                previous(info);
            }
        }));
    });
    let was = QUIET.with(|q| q.replace(true));
    let out = f();
    QUIET.with(|q| q.set(was));
    out
}

/// Runs a progenitor step, turning its errors and panics into a [`GenError`] naming the spec.
pub(super) fn run_progenitor(
    spec_path: &Path,
    step: impl FnOnce() -> progenitor_impl::Result<TokenStream>,
) -> Result<TokenStream, GenError> {
    let outcome = quietly(|| panic::catch_unwind(AssertUnwindSafe(step)));
    match outcome {
        Ok(Ok(tokens)) => Ok(tokens),
        Ok(Err(e)) => Err(GenError::spec(
            spec_path,
            format!("progenitor rejected the spec: {e}"),
        )),
        Err(payload) => {
            let why = payload
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap_or_else(|| "unknown panic".to_owned());
            Err(GenError::spec(
                spec_path,
                format!("progenitor failed: {why}"),
            ))
        }
    }
}

/// The checks progenitor would otherwise answer with a panic or a vague message: the OpenAPI
/// version, operation ids, and one body type for all success (and all error) responses.
pub(super) fn precheck(spec_path: &Path, raw: &Value) -> Result<(), GenError> {
    let version = raw.get("openapi").and_then(Value::as_str).unwrap_or("");
    if !version.starts_with("3.0.") {
        let shown = if version.is_empty() {
            "no `openapi` version"
        } else {
            version
        };
        return Err(GenError::spec(
            spec_path,
            format!("OpenAPI {shown} is not supported: progenitor takes only OpenAPI 3.0.x"),
        ));
    }
    for operation in crate::openapi::operations(raw) {
        let (path, method, op) = (operation.path, operation.method, operation.value);
        let id = op.get("operationId").and_then(Value::as_str);
        let label = format!(
            "{} ({} {path})",
            id.unwrap_or("<no operationId>"),
            method.to_uppercase()
        );
        let fail = |message: String| GenError {
            spec: spec_path.display().to_string(),
            operation: Some(label.clone()),
            message,
        };
        if id.is_none_or(str::is_empty) {
            return Err(fail(
                "has no operationId, which progenitor needs to name it".into(),
            ));
        }
        let responses = op.get("responses").and_then(Value::as_object);
        // As progenitor classifies them: `default` is both a success and an error response.
        for (class, is_class) in [
            (
                "success",
                (|s: &str| s.starts_with('2') || s == "101" || s == "default") as fn(&str) -> bool,
            ),
            ("error", |s: &str| {
                s.starts_with('4') || s.starts_with('5') || s == "default"
            }),
        ] {
            let mut seen: Option<(String, Option<Value>)> = None;
            for (status, response) in responses.into_iter().flatten() {
                if !is_class(status) {
                    continue;
                }
                let body = response_body_schema(raw, response);
                match &seen {
                    None => seen = Some((status.clone(), body)),
                    Some((first, first_body)) if *first_body != body => {
                        return Err(fail(format!(
                            "{class} responses {first} and {status} have different body types; \
                             progenitor needs one body type for all {class} responses"
                        )));
                    }
                    Some(_) => {}
                }
            }
        }
    }
    Ok(())
}
