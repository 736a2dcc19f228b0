//! `cargo xtask generate`: turn `specs/<service>.yaml` into `crates/<service>/src/generated.rs` and
//! the `hwc` command line's `crates/cli/src/generated/<service>.rs`.
//!
//! One generated file per service crate holds progenitor's client, builders and types, the
//! forward-compatible enums this workspace adds (`x-extensible-enum`), and the typed httpmock helpers
//! (`mock` module, behind the crate's `mock` feature). The crate's hand-written `lib.rs` declares
//! `mod generated;` and re-exports it with `pub use generated::*;`.
//!
//! The command line's file per service holds progenitor's `clap` command tree (`Generator::cli`) and
//! the help this workspace adds from the spec (see [`cli`]).

pub mod cli;

use std::fmt;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use heck::{ToSnakeCase, ToUpperCamelCase};
use proc_macro2::TokenStream;
use progenitor_impl::{
    GenerationSettings, Generator, HooksMode, InterfaceStyle, TagStyle, TypeImpl,
};
use quote::{format_ident, quote};
use serde_json::Value;

/// The extension that marks a string schema as an open set of values.
pub const EXTENSIBLE_ENUM: &str = "x-extensible-enum";

/// One service: a spec and the crate generated from it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Service {
    /// Short name, the spec's file stem (`dcs`).
    pub name: String,
    /// The spec, relative to the workspace root (`specs/dcs.yaml`).
    pub spec: PathBuf,
    /// The generated file, relative to the workspace root (`crates/dcs/src/generated.rs`).
    pub output: PathBuf,
    /// The generated command tree of `hwc`, relative to the workspace root
    /// (`crates/cli/src/generated/dcs.rs`).
    pub cli_output: PathBuf,
}

impl Service {
    fn new(name: &str) -> Self {
        Self {
            name: name.to_owned(),
            spec: Path::new("specs").join(format!("{name}.yaml")),
            output: Path::new("crates")
                .join(name)
                .join("src")
                .join("generated.rs"),
            cli_output: Path::new("crates")
                .join("cli")
                .join("src")
                .join("generated")
                .join(format!("{name}.rs")),
        }
    }
}

/// Why a spec could not be turned into code. Always names the spec, and the operation when one is
/// at fault.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GenError {
    /// The spec (or directory) at fault, relative to the workspace root.
    pub spec: String,
    /// `OperationId (METHOD /path)` when one operation is at fault.
    pub operation: Option<String>,
    /// What is wrong.
    pub message: String,
}

impl GenError {
    fn spec(spec: &Path, message: impl Into<String>) -> Self {
        Self {
            spec: spec.display().to_string(),
            operation: None,
            message: message.into(),
        }
    }
}

impl fmt::Display for GenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.operation {
            Some(op) => write!(f, "{}: operation {op}: {}", self.spec, self.message),
            None => write!(f, "{}: {}", self.spec, self.message),
        }
    }
}

impl std::error::Error for GenError {}

/// Every service of the workspace: one per `specs/*.yaml`, sorted by name.
pub fn services(root: &Path) -> Result<Vec<Service>, GenError> {
    let dir = root.join("specs");
    let entries = std::fs::read_dir(&dir)
        .map_err(|e| GenError::spec(Path::new("specs"), format!("cannot list specs: {e}")))?;
    let mut names = Vec::new();
    for entry in entries {
        let entry =
            entry.map_err(|e| GenError::spec(Path::new("specs"), format!("cannot list: {e}")))?;
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "yaml")
            && let Some(stem) = path.file_stem().and_then(|s| s.to_str())
        {
            names.push(stem.to_owned());
        }
    }
    names.sort();
    Ok(names.iter().map(|n| Service::new(n)).collect())
}

/// Reads and generates one service's file, returning its full text.
pub fn generate_service(root: &Path, service: &Service) -> Result<String, GenError> {
    let text = std::fs::read_to_string(root.join(&service.spec))
        .map_err(|e| GenError::spec(&service.spec, format!("cannot read: {e}")))?;
    generate_from_str(&service.spec, &service.name, &text)
}

/// Every file generated from one service's spec, as (path relative to the workspace root, text):
/// the client crate's file and the command line's file.
pub fn generate_files(root: &Path, service: &Service) -> Result<Vec<(PathBuf, String)>, GenError> {
    let text = std::fs::read_to_string(root.join(&service.spec))
        .map_err(|e| GenError::spec(&service.spec, format!("cannot read: {e}")))?;
    Ok(vec![
        (
            service.output.clone(),
            generate_from_str(&service.spec, &service.name, &text)?,
        ),
        (
            service.cli_output.clone(),
            cli::generate_cli_from_str(&service.spec, &service.name, &text)?,
        ),
    ])
}

/// A spec read and checked, with what both generated files are made from.
struct Prepared {
    /// The spec as JSON, with "Documented for: ..." added to each operation's description.
    raw: Value,
    spec: openapiv3::OpenAPI,
    operations: Vec<OperationMeta>,
    /// The `OPERATIONS` table.
    table: syn::Item,
    extensible: Vec<ExtensibleEnum>,
}

fn prepare(spec_path: &Path, text: &str) -> Result<Prepared, GenError> {
    let raw: Value = serde_yaml_ng::from_str(text)
        .map_err(|e| GenError::spec(spec_path, format!("not valid YAML: {e}")))?;
    precheck(spec_path, &raw)?;
    let operations = operations(&raw);
    // Checks `x-idempotent` and `x-clouds` of every operation, before anything else reads them.
    let table = operations_table(spec_path, &operations)?;
    let mut raw = raw;
    document_clouds(spec_path, &mut raw, &operations)?;
    let spec: openapiv3::OpenAPI = serde_json::from_value(raw.clone())
        .map_err(|e| GenError::spec(spec_path, format!("not a valid OpenAPI 3.0 document: {e}")))?;
    let extensible = extensible_enums(spec_path, &raw)?;
    Ok(Prepared {
        raw,
        spec,
        operations,
        table,
        extensible,
    })
}

/// progenitor's settings; the extensible enums are found under `types_path` (`crate::types` in the
/// client crate, `hwcloud_dcs::types` elsewhere).
fn settings(extensible: &[ExtensibleEnum], types_path: &str) -> GenerationSettings {
    let mut settings = GenerationSettings::new();
    settings
        .with_interface(InterfaceStyle::Builder)
        .with_tag(TagStyle::Merged)
        .with_inner_type(quote!(::hwcloud_core::Context))
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

/// The header of every generated file.
fn header(spec_path: &Path, service: &str) -> String {
    let spec_display = spec_path.display().to_string().replace('\\', "/");
    format!(
        "// @generated by `cargo xtask generate` from {spec_display}. DO NOT EDIT.\n\
         // To change this file, edit the spec and run `cargo xtask generate {service}`.\n\n"
    )
}

/// Generates a service file from spec text. `spec_path` is only used in messages and the header.
pub fn generate_from_str(spec_path: &Path, service: &str, text: &str) -> Result<String, GenError> {
    let Prepared {
        raw,
        spec,
        operations,
        table,
        extensible,
    } = prepare(spec_path, text)?;
    let settings = settings(&extensible, "crate::types");

    let client = run_progenitor(spec_path, || {
        Generator::new(&settings).generate_tokens(&spec)
    })?;
    let mock = run_progenitor(spec_path, || {
        Generator::new(&settings).httpmock(&spec, "super::super")
    })?;

    let mut file: syn::File = syn::parse2(client).map_err(|e| {
        GenError::spec(
            spec_path,
            format!("progenitor produced unparsable code: {e}"),
        )
    })?;
    check_operation_ids(spec_path, &file, &operations)?;
    gate_schemars_derives(&mut file);
    add_to_types_module(spec_path, &mut file, &extensible)?;
    default_project_id(spec_path, &mut file, &operations)?;
    builder_accessors(spec_path, &mut file, &operations)?;
    file.items.push(table);
    file.items.push(endpoints_table(spec_path, &raw)?);
    let mock = encode_mock_path_values(spec_path, mock, &operations)?;
    let mock_module: syn::Item = syn::parse2(quote! {
        /// Typed [`httpmock`] helpers, one per operation: `server.change_master_standby(|when, then| ...)`.
        /// Enabled by the crate's `mock` feature, for tests of code that calls this service.
        #[cfg(feature = "mock")]
        #[cfg_attr(docsrs, doc(cfg(feature = "mock")))]
        #[allow(clippy::all)]
        pub mod mock {
            #mock
        }
    })
    .map_err(|e| {
        GenError::spec(
            spec_path,
            format!("progenitor produced unparsable mocks: {e}"),
        )
    })?;
    file.items.push(mock_module);
    // progenitor orders `4XX` between `400` and `401`, so the specific error statuses after a range
    // are unreachable match arms. They all decode the same error type, so nothing is lost.
    file.attrs
        .push(syn::parse_quote!(#![allow(unreachable_patterns)]));

    Ok(header(spec_path, service) + &prettyplease::unparse(&file))
}

/// Runs a progenitor step, turning its errors and panics into a [`GenError`] naming the spec.
fn run_progenitor(
    spec_path: &Path,
    step: impl FnOnce() -> progenitor_impl::Result<TokenStream>,
) -> Result<TokenStream, GenError> {
    let previous_hook = panic::take_hook();
    panic::set_hook(Box::new(|_| {}));
    let outcome = panic::catch_unwind(AssertUnwindSafe(step));
    panic::set_hook(previous_hook);
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

const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// The checks progenitor would otherwise answer with a panic or a vague message: the OpenAPI
/// version, operation ids, and one body type for all success (and all error) responses.
fn precheck(spec_path: &Path, raw: &Value) -> Result<(), GenError> {
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
    let Some(paths) = raw.get("paths").and_then(Value::as_object) else {
        return Ok(());
    };
    for (path, item) in paths {
        for method in METHODS {
            let Some(op) = item.get(method) else { continue };
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
                    (|s: &str| s.starts_with('2') || s == "101" || s == "default")
                        as fn(&str) -> bool,
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
    }
    Ok(())
}

/// The JSON schema of a response's body (following a `$ref` to `components/responses`), if any.
fn response_body_schema(raw: &Value, response: &Value) -> Option<Value> {
    let response = match response.get("$ref").and_then(Value::as_str) {
        Some(r) => raw.pointer(r.strip_prefix('#')?)?,
        None => response,
    };
    let content = response.get("content")?.as_object()?;
    content.values().next()?.get("schema").cloned()
}

/// One operation of the spec, as the core crate's `Operation` table describes it.
#[derive(Debug)]
struct OperationMeta {
    id: String,
    name: String,
    method: String,
    path: String,
    idempotent: Option<bool>,
    /// `x-clouds`, as written (`None` when absent or not a list of strings).
    clouds: Option<Vec<String>>,
    has_project_id: bool,
}

impl OperationMeta {
    fn label(&self) -> String {
        format!("{} ({} {})", self.name, self.method, self.path)
    }
}

/// The extension naming the clouds whose API reference documents an operation.
pub const CLOUDS: &str = "x-clouds";

/// The values `x-clouds` takes: the spec's name, the core's `Cloud` variant, the name shown in docs.
pub const KNOWN_CLOUDS: [(&str, &str, &str); 2] = [
    ("huawei", "HuaweiCloud", "Huawei Cloud"),
    ("otc", "OpenTelekomCloud", "Open Telekom Cloud"),
];

/// The `KNOWN_CLOUDS` rows of an operation's `x-clouds`, or an error naming the operation.
fn clouds_of(
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
fn document_clouds(
    spec_path: &Path,
    raw: &mut Value,
    operations: &[OperationMeta],
) -> Result<(), GenError> {
    for op in operations {
        let shown: Vec<&str> = clouds_of(spec_path, op)?
            .iter()
            .map(|(_, _, shown)| *shown)
            .collect();
        let pointer = format!(
            "/paths/{}/{}",
            op.path.replace('~', "~0").replace('/', "~1"),
            op.method.to_lowercase()
        );
        if let Some(Value::Object(item)) = raw.pointer_mut(&pointer) {
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

fn operations(raw: &Value) -> Vec<OperationMeta> {
    let mut out = Vec::new();
    for (path, item) in raw
        .get("paths")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        for method in METHODS {
            let Some(op) = item.get(method) else { continue };
            let name = op
                .get("operationId")
                .and_then(Value::as_str)
                .unwrap_or_default();
            out.push(OperationMeta {
                id: name.to_snake_case(),
                name: name.to_owned(),
                method: method.to_uppercase(),
                path: path.clone(),
                idempotent: op.get("x-idempotent").and_then(Value::as_bool),
                clouds: op.get(CLOUDS).and_then(Value::as_array).and_then(|a| {
                    a.iter()
                        .map(|v| v.as_str().map(str::to_owned))
                        .collect::<Option<Vec<_>>>()
                }),
                has_project_id: path.contains("{project_id}"),
            });
        }
    }
    out
}

/// The extension of a `servers` entry naming its cloud (`huawei`, `otc`).
pub const SERVER_CLOUD: &str = "x-cloud";

/// The extension of a `servers` entry listing the regions whose endpoint does not follow its URL.
pub const REGION_ENDPOINTS: &str = "x-region-endpoints";

/// `pub const ENDPOINTS: &[hwcloud_core::ServerTemplate]` from the spec's `servers`: one per cloud,
/// with the `region` variable's values and the `x-region-endpoints` exceptions. The core resolves
/// a `Region` with it, so that only the spec knows where a service is.
fn endpoints_table(spec_path: &Path, raw: &Value) -> Result<syn::Item, GenError> {
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
            ::hwcloud_core::ServerTemplate {
                cloud: ::hwcloud_core::Cloud::#variant,
                url: #url,
                regions: &[#(#regions),*],
                exceptions: &[#(#exceptions),*],
            }
        });
    }
    syn::parse2(quote! {
        /// Where this service is, per cloud, as its spec's `servers` say (read by
        /// `Client::builder().region(..)`).
        pub const ENDPOINTS: &[::hwcloud_core::ServerTemplate] = &[#(#entries),*];
    })
    .map_err(|e| fail(format!("endpoint table: {e}")))
}

/// `pub const OPERATIONS: &[hwcloud_core::Operation]`, which the core crate's hooks read (for
/// example `idempotent`, to decide whether a request may be retried).
fn operations_table(spec_path: &Path, operations: &[OperationMeta]) -> Result<syn::Item, GenError> {
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
        entries.push(quote! {
            ::hwcloud_core::Operation {
                id: #id,
                name: #name,
                method: #method,
                path: #path,
                idempotent: #idempotent,
                clouds: &[#(::hwcloud_core::Cloud::#clouds),*],
            }
        });
    }
    syn::parse2(quote! {
        /// Every operation of this service, as its spec describes it (read by the core crate's hooks).
        pub const OPERATIONS: &[::hwcloud_core::Operation] = &[#(#entries),*];
    })
    .map_err(|e| GenError::spec(spec_path, format!("operation table: {e}")))
}

/// Checks that the `OPERATIONS` table names every operation exactly as progenitor's code does
/// (`OperationInfo { operation_id: ".." }`, which the core's hooks look up): an id progenitor
/// spells differently (an `operationId` that is a Rust keyword, or has characters it drops) would
/// leave that operation without its path check and its idempotency rule, silently.
fn check_operation_ids(
    spec_path: &Path,
    file: &syn::File,
    operations: &[OperationMeta],
) -> Result<(), GenError> {
    use syn::visit::Visit;

    #[derive(Default)]
    struct Ids(Vec<String>);
    impl<'ast> Visit<'ast> for Ids {
        fn visit_expr_struct(&mut self, expr: &'ast syn::ExprStruct) {
            if expr
                .path
                .segments
                .last()
                .is_some_and(|s| s.ident == "OperationInfo")
            {
                for field in &expr.fields {
                    if let (syn::Member::Named(name), syn::Expr::Lit(lit)) =
                        (&field.member, &field.expr)
                        && name == "operation_id"
                        && let syn::Lit::Str(id) = &lit.lit
                    {
                        self.0.push(id.value());
                    }
                }
            }
            syn::visit::visit_expr_struct(self, expr);
        }
    }
    let mut emitted = Ids::default();
    emitted.visit_file(file);
    let emitted = emitted.0;
    for op in operations {
        if !emitted.contains(&op.id) {
            let near = emitted
                .iter()
                .filter(|id| !operations.iter().any(|o| &o.id == *id))
                .map(|id| format!("`{id}`"))
                .collect::<Vec<_>>()
                .join(", ");
            return Err(GenError {
                spec: spec_path.display().to_string(),
                operation: Some(op.label()),
                message: format!(
                    "progenitor names this operation {near} in its code, not `{}` as the \
                     OPERATIONS table would: rename the operationId (a Rust keyword or \
                     characters progenitor drops cause this)",
                    op.id
                ),
            });
        }
    }
    let mut sorted = emitted.clone();
    sorted.sort();
    sorted.dedup();
    if sorted.len() != emitted.len() || emitted.len() != operations.len() {
        return Err(GenError::spec(
            spec_path,
            format!(
                "progenitor emitted operation ids {emitted:?}, the OPERATIONS table has {:?}: \
                 they must be the same, once each",
                operations.iter().map(|o| &o.id).collect::<Vec<_>>()
            ),
        ));
    }
    Ok(())
}

/// Makes every request builder start with the client's configured project id, so callers set it
/// once on the client instead of per call (they may still override it per call). progenitor
/// initialises each builder parameter to `Err("... was not initialized")`; for `project_id` this
/// replaces that with `client.inner.project_id_param()`, which is the configured id or the error to
/// report before any I/O. Fails if progenitor's builders no longer have that shape.
fn default_project_id(
    spec_path: &Path,
    file: &mut syn::File,
    operations: &[OperationMeta],
) -> Result<(), GenError> {
    struct Rewrite {
        replaced: usize,
    }
    impl syn::visit_mut::VisitMut for Rewrite {
        fn visit_expr_struct_mut(&mut self, expr: &mut syn::ExprStruct) {
            if expr.path.is_ident("Self") {
                for field in &mut expr.fields {
                    let is_project_id = matches!(
                        &field.member,
                        syn::Member::Named(ident) if ident == "project_id"
                    );
                    let is_uninitialised = matches!(
                        &field.expr,
                        syn::Expr::Call(call)
                            if matches!(&*call.func, syn::Expr::Path(p) if p.path.is_ident("Err"))
                    );
                    if is_project_id && is_uninitialised {
                        field.expr = syn::parse_quote!(client.inner.project_id_param());
                        self.replaced += 1;
                    }
                }
            }
            syn::visit_mut::visit_expr_struct_mut(self, expr);
        }
    }

    let mut rewrite = Rewrite { replaced: 0 };
    for item in &mut file.items {
        if let syn::Item::Mod(m) = item
            && m.ident == "builder"
        {
            syn::visit_mut::VisitMut::visit_item_mod_mut(&mut rewrite, m);
        }
    }
    let expected = operations.iter().filter(|op| op.has_project_id).count();
    if rewrite.replaced != expected {
        return Err(GenError::spec(
            spec_path,
            format!(
                "expected {expected} request builders with a `project_id` parameter, found {}: \
                 has progenitor's builder code changed shape?",
                rewrite.replaced
            ),
        ));
    }
    Ok(())
}

/// Puts progenitor's `schemars::JsonSchema` derives behind the crate's `schemars` feature
/// (`#[cfg_attr(feature = "schemars", derive(::schemars::JsonSchema))]`), so that a user who does not
/// want the JSON Schemas does not compile schemars.
fn gate_schemars_derives(file: &mut syn::File) {
    struct Gate;
    impl Gate {
        fn attrs(attrs: &mut Vec<syn::Attribute>) {
            let mut gated = false;
            for attr in attrs.iter_mut() {
                if !attr.path().is_ident("derive") {
                    continue;
                }
                let Ok(paths) = attr.parse_args_with(
                    syn::punctuated::Punctuated::<syn::Path, syn::Token![,]>::parse_terminated,
                ) else {
                    continue;
                };
                let is_schemars = |p: &syn::Path| {
                    p.segments.first().is_some_and(|s| s.ident == "schemars")
                        && p.segments.last().is_some_and(|s| s.ident == "JsonSchema")
                };
                if !paths.iter().any(is_schemars) {
                    continue;
                }
                let kept = paths.iter().filter(|p| !is_schemars(p));
                *attr = syn::parse_quote!(#[derive(#(#kept),*)]);
                gated = true;
            }
            if gated {
                attrs.push(syn::parse_quote!(
                    #[cfg_attr(feature = "schemars", derive(::schemars::JsonSchema))]
                ));
            }
        }
    }
    impl syn::visit_mut::VisitMut for Gate {
        fn visit_item_struct_mut(&mut self, item: &mut syn::ItemStruct) {
            Self::attrs(&mut item.attrs);
            syn::visit_mut::visit_item_struct_mut(self, item);
        }
        fn visit_item_enum_mut(&mut self, item: &mut syn::ItemEnum) {
            Self::attrs(&mut item.attrs);
            syn::visit_mut::visit_item_enum_mut(self, item);
        }
    }
    syn::visit_mut::VisitMut::visit_file_mut(&mut Gate, file);
}

/// Gives every request builder crate-private accessors for the client it was made from and its
/// project id, so that the service crate's hand-written code (a `send_and_wait` that follows a
/// switchover with the same client and project) can build on a builder. Nothing public changes.
fn builder_accessors(
    spec_path: &Path,
    file: &mut syn::File,
    operations: &[OperationMeta],
) -> Result<(), GenError> {
    let mut added = 0;
    for item in &mut file.items {
        let syn::Item::Mod(m) = item else { continue };
        if m.ident != "builder" {
            continue;
        }
        let with_project: Vec<String> = m
            .content
            .iter()
            .flat_map(|(_, items)| items.iter())
            .filter_map(|i| match i {
                syn::Item::Struct(st)
                    if st
                        .fields
                        .iter()
                        .any(|f| f.ident.as_ref().is_some_and(|name| name == "project_id")) =>
                {
                    Some(st.ident.to_string())
                }
                _ => None,
            })
            .collect();
        for item in m.content.iter_mut().flat_map(|(_, items)| items.iter_mut()) {
            let syn::Item::Impl(imp) = item else { continue };
            if imp.trait_.is_some() {
                continue;
            }
            let has_new = imp
                .items
                .iter()
                .any(|i| matches!(i, syn::ImplItem::Fn(f) if f.sig.ident == "new"));
            if !has_new {
                continue;
            }
            imp.items.push(syn::parse_quote! {
                /// The client this request is sent with.
                #[allow(dead_code)]
                pub(crate) fn client(&self) -> &'a super::Client {
                    self.client
                }
            });
            let self_ty = &imp.self_ty;
            if with_project.contains(
                &quote!(#self_ty)
                    .to_string()
                    .split_whitespace()
                    .next()
                    .unwrap_or_default()
                    .to_owned(),
            ) {
                imp.items.push(syn::parse_quote! {
                    /// The project id this request is sent for (the client's, or the one set on
                    /// this request), or why there is none.
                    #[allow(dead_code)]
                    pub(crate) fn project_id_value(&self) -> ::std::result::Result<&str, &str> {
                        self.project_id.as_deref().map_err(String::as_str)
                    }
                });
            }
            added += 1;
        }
    }
    if added != operations.len() {
        return Err(GenError::spec(
            spec_path,
            format!(
                "expected {} request builders, found {added}: has progenitor's builder code \
                 changed shape?",
                operations.len()
            ),
        ));
    }
    Ok(())
}

/// Makes the mock helpers match path values the way the client sends them. progenitor's httpmock
/// generator puts a path value into the path regex as it is (`format!("^/v2/{}/...", value)`), so
/// `when.instance_id("../x")` could never match the request, which carries `..%2Fx`, and a `.` in a
/// value would match any character. This percent-encodes the value as the client does and escapes
/// it for the regex. Fails if progenitor's mock code no longer has that shape.
fn encode_mock_path_values(
    spec_path: &Path,
    mock: TokenStream,
    operations: &[OperationMeta],
) -> Result<TokenStream, GenError> {
    struct Rewrite {
        replaced: usize,
    }
    impl syn::visit_mut::VisitMut for Rewrite {
        fn visit_expr_macro_mut(&mut self, expr: &mut syn::ExprMacro) {
            let args = (expr.mac.path.is_ident("format"))
                .then(|| {
                    expr.mac.parse_body_with(
                        syn::punctuated::Punctuated::<syn::Expr, syn::Token![,]>::parse_terminated,
                    )
                })
                .and_then(Result::ok);
            if let Some(mut args) = args {
                let is_path_regex = matches!(
                    args.first(),
                    Some(syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(s), .. }))
                        if s.value().starts_with("^/")
                );
                let is_value =
                    |e: &syn::Expr| quote!(#e).to_string().replace(' ', "") == "value.to_string()";
                if is_path_regex && args.len() == 2 && is_value(&args[1]) {
                    args[1] = syn::parse_quote!(::regex::escape(
                        &::hwcloud_core::encode_path_value(&value.to_string())
                    ));
                    expr.mac.tokens = quote!(#args);
                    self.replaced += 1;
                }
            }
            syn::visit_mut::visit_expr_macro_mut(self, expr);
        }
    }

    let mut file: syn::File = syn::parse2(mock).map_err(|e| {
        GenError::spec(
            spec_path,
            format!("progenitor produced unparsable mocks: {e}"),
        )
    })?;
    let mut rewrite = Rewrite { replaced: 0 };
    syn::visit_mut::VisitMut::visit_file_mut(&mut rewrite, &mut file);
    let expected: usize = operations
        .iter()
        .map(|op| op.path.matches('{').count())
        .sum();
    if rewrite.replaced != expected {
        return Err(GenError::spec(
            spec_path,
            format!(
                "expected {expected} path-value matchers in the mock helpers, found {}: has \
                 progenitor's httpmock code changed shape?",
                rewrite.replaced
            ),
        ));
    }
    Ok(quote!(#file))
}

/// A component schema marked `x-extensible-enum`: generated as a Rust enum with an `Unknown`
/// fallback instead of progenitor's closed enum or plain string.
#[derive(Debug)]
struct ExtensibleEnum {
    name: String,
    description: Option<String>,
    values: Vec<String>,
}

fn extensible_enums(spec_path: &Path, raw: &Value) -> Result<Vec<ExtensibleEnum>, GenError> {
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
fn add_to_types_module(
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

/// A generated file whose checked-in text differs from what the spec generates.
#[derive(Debug)]
pub struct Stale {
    /// The file, relative to the workspace root.
    pub path: PathBuf,
    /// A unified diff from the checked-in file to the freshly generated one.
    pub diff: String,
}

/// Selects services by name; an empty filter selects all. Unknown names are an error.
pub fn select(root: &Path, names: &[String]) -> Result<Vec<Service>, GenError> {
    let all = services(root)?;
    if names.is_empty() {
        return Ok(all);
    }
    names
        .iter()
        .map(|n| {
            all.iter().find(|s| &s.name == n).cloned().ok_or_else(|| {
                let known: Vec<_> = all.iter().map(|s| s.name.as_str()).collect();
                GenError::spec(
                    Path::new("specs"),
                    format!(
                        "no service `{n}` (no specs/{n}.yaml); known: {}",
                        known.join(", ")
                    ),
                )
            })
        })
        .collect()
}

/// Regenerates in memory and compares with the files on disk.
pub fn check(root: &Path, services: &[Service]) -> Result<Vec<Stale>, GenError> {
    let mut stale = Vec::new();
    for service in services {
        for (output, fresh) in generate_files(root, service)? {
            let current = std::fs::read_to_string(root.join(&output)).unwrap_or_default();
            if current != fresh {
                let path = output.display().to_string();
                let diff = similar::TextDiff::from_lines(&current, &fresh)
                    .unified_diff()
                    .context_radius(3)
                    .header(&format!("a/{path}"), &format!("b/{path}"))
                    .to_string();
                stale.push(Stale { path: output, diff });
            }
        }
    }
    Ok(stale)
}

/// Entry point of `cargo xtask generate [SERVICE...] [--check]`.
pub fn main(root: &Path, args: &[String]) -> ExitCode {
    let check_only = args.iter().any(|a| a == "--check");
    if let Some(flag) = args.iter().find(|a| a.starts_with('-') && *a != "--check") {
        eprintln!(
            "error: unknown option `{flag}` (usage: cargo xtask generate [SERVICE...] [--check])"
        );
        return ExitCode::from(2);
    }
    let names: Vec<String> = args
        .iter()
        .filter(|a| !a.starts_with('-'))
        .cloned()
        .collect();
    let result = select(root, &names).and_then(|services| {
        if check_only {
            check(root, &services).map(|stale| {
                for s in &stale {
                    print!("{}", s.diff);
                }
                if stale.is_empty() {
                    eprintln!("generated code is up to date ({} services)", services.len());
                    ExitCode::SUCCESS
                } else {
                    let paths: Vec<_> = stale.iter().map(|s| s.path.display().to_string()).collect();
                    eprintln!(
                        "error: generated code is stale: {}\nrun `cargo xtask generate` and commit the result",
                        paths.join(", ")
                    );
                    ExitCode::FAILURE
                }
            })
        } else {
            write_all(root, &services).map(|_| ExitCode::SUCCESS)
        }
    });
    result.unwrap_or_else(|e| {
        eprintln!("error: {e}");
        ExitCode::FAILURE
    })
}

fn write_all(root: &Path, services: &[Service]) -> Result<(), GenError> {
    for service in services {
        for (output, fresh) in generate_files(root, service)? {
            let path = root.join(&output);
            let current = std::fs::read_to_string(&path).ok();
            if current.as_deref() == Some(fresh.as_str()) {
                eprintln!("unchanged {}", output.display());
                continue;
            }
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir).map_err(|e| {
                    GenError::spec(
                        &service.spec,
                        format!("cannot create {}: {e}", dir.display()),
                    )
                })?;
            }
            std::fs::write(&path, fresh).map_err(|e| {
                GenError::spec(
                    &service.spec,
                    format!("cannot write {}: {e}", output.display()),
                )
            })?;
            eprintln!("wrote     {}", output.display());
        }
    }
    Ok(())
}
