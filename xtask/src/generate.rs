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
//!
//! The steps, one module each: `progenitor` (its settings, running it, and the checks it would
//! otherwise answer with a panic), `operations` (the spec's operations as the generated tables
//! and rewrites see them), `tables` (the `OPERATIONS`, `ENDPOINTS` and decode tables appended to
//! the client), `rewrite` (the post-processing of progenitor's client code), `mocks` (the httpmock
//! helpers), `extensible` (the open enums) and `files` (the header, `--check` and writing).
//!
//! With every service selected, it also keeps `hwc`'s man pages and shell completions in
//! `crates/cli/dist/` (see [`dist`]): rendered from the command line built from the sources just
//! written.

pub mod cli;
pub mod dist;
mod extensible;
mod files;
mod mocks;
mod operations;
mod progenitor;
mod rewrite;
mod tables;
mod waiters;

use std::fmt;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use progenitor_impl::Generator;
use serde_json::Value;

use extensible::ExtensibleEnum;
pub use files::{Stale, check};
use operations::OperationMeta;
use progenitor::{run_progenitor, settings};

/// The extension that marks a string schema as an open set of values.
pub const EXTENSIBLE_ENUM: &str = "x-extensible-enum";

/// The extension naming the clouds whose API reference documents an operation.
pub const CLOUDS: &str = "x-clouds";

/// The values `x-clouds` takes: the spec's name, the core's `Cloud` variant, the name shown in docs.
pub const KNOWN_CLOUDS: [(&str, &str, &str); 2] = [
    ("huawei", "HuaweiCloud", "Huawei Cloud"),
    ("otc", "OpenTelekomCloud", "Open Telekom Cloud"),
];

/// The extension of a `servers` entry naming its cloud (`huawei`, `otc`).
pub const SERVER_CLOUD: &str = "x-cloud";

/// The extension of a `servers` entry listing the regions whose endpoint does not follow its URL.
pub const REGION_ENDPOINTS: &str = "x-region-endpoints";

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
    extensible: Vec<ExtensibleEnum>,
}

fn prepare(spec_path: &Path, text: &str) -> Result<Prepared, GenError> {
    let raw: Value = serde_yaml_ng::from_str(text)
        .map_err(|e| GenError::spec(spec_path, format!("not valid YAML: {e}")))?;
    progenitor::precheck(spec_path, &raw)?;
    let operations = operations::operations(&raw);
    // Checks `x-idempotent` and `x-clouds` of every operation, before anything else reads them
    // (the table itself is built once the generated code says which answers it decodes).
    tables::operations_table(spec_path, &operations, &Default::default())?;
    let mut raw = raw;
    operations::document_clouds(spec_path, &mut raw, &operations)?;
    let spec: openapiv3::OpenAPI = serde_json::from_value(raw.clone())
        .map_err(|e| GenError::spec(spec_path, format!("not a valid OpenAPI 3.0 document: {e}")))?;
    let extensible = extensible::extensible_enums(spec_path, &raw)?;
    Ok(Prepared {
        raw,
        spec,
        operations,
        extensible,
    })
}

/// Generates a service file from spec text. `spec_path` is only used in messages and the header.
pub fn generate_from_str(spec_path: &Path, service: &str, text: &str) -> Result<String, GenError> {
    let Prepared {
        raw,
        spec,
        operations,
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
    rewrite::check_operation_ids(spec_path, &file, &operations)?;
    rewrite::gate_schemars_derives(&mut file);
    extensible::add_to_types_module(spec_path, &mut file, &extensible)?;
    rewrite::default_project_id(spec_path, &mut file, &operations)?;
    rewrite::builder_accessors(spec_path, &mut file, &operations)?;
    rewrite::request_shape(spec_path, &mut file, &operations)?;
    let success = rewrite::send_through_core(spec_path, &mut file, &operations)?;
    file.items
        .push(tables::operations_table(spec_path, &operations, &success)?);
    file.items.push(tables::endpoints_table(spec_path, &raw)?);
    file.items.push(waiters::waiters_table(spec_path, &raw)?);
    file.items.extend(waiters::waiters_api(spec_path, &raw)?);
    file.items
        .push(tables::decode_table(spec_path, &raw, &operations)?);
    file.items
        .push(mocks::mock_module(spec_path, mock, &operations)?);
    // progenitor orders `4XX` between `400` and `401`, so the specific error statuses after a range
    // are unreachable match arms. They all decode the same error type, so nothing is lost.
    file.attrs
        .push(syn::parse_quote!(#![allow(unreachable_patterns)]));

    Ok(files::header(spec_path, service) + &prettyplease::unparse(&file))
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
    let all = names.is_empty();
    let result = select(root, &names).and_then(|services| {
        if check_only {
            let stale = check(root, &services)?;
            // The man pages come from the compiled command line: only meaningful once the code
            // it is compiled from is current.
            let stale = if all && stale.is_empty() {
                dist::check(root)?
            } else {
                stale
            };
            Ok(stale).map(|stale| {
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
            files::write_all(root, &services)?;
            if all {
                dist::write(root)?;
            }
            Ok(ExitCode::SUCCESS)
        }
    });
    result.unwrap_or_else(|e| {
        eprintln!("error: {e}");
        ExitCode::FAILURE
    })
}
