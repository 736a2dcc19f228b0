//! The `hwc` command line's file per service (`crates/cli/src/generated/<service>.rs`).
//!
//! It holds progenitor's `clap` command tree for the service (`Generator::cli`: `Cli`, the
//! `CliConfig` trait the command line implements, and `CliCommand`, one variant per operation) and,
//! from the same spec, what `hwc` adds to it: the service's title, and per operation its name on the
//! command line, summary, description, the help and example of each argument, an example command
//! line built from the page's examples, the example request body and the example responses
//! (`CliCommand::spec`, returning the command line's hand-written `crate::spec::OperationSpec`).

use std::collections::BTreeMap;

use heck::{ToKebabCase, ToSnakeCase, ToUpperCamelCase};
use proc_macro2::TokenStream;
use progenitor_impl::Generator;
use quote::{format_ident, quote};
use serde_json::Value;

use std::path::Path;

use super::files::header;
use super::progenitor::{run_progenitor, settings};
use super::{GenError, prepare};

/// Generates the command line's file for a service from spec text.
pub fn generate_cli_from_str(
    spec_path: &Path,
    service: &str,
    text: &str,
) -> Result<String, GenError> {
    let prepared = prepare(spec_path, text)?;
    let crate_name = format!("hwcloud_{}", service.replace('-', "_"));
    let settings = settings(&prepared.extensible, &format!("{crate_name}::types"));
    let tree = run_progenitor(spec_path, || {
        Generator::new(&settings).cli(&prepared.spec, &crate_name)
    })?;
    let tree: syn::File = syn::parse2(tree).map_err(|e| {
        GenError::spec(
            spec_path,
            format!("progenitor produced an unparsable command tree: {e}"),
        )
    })?;
    let mut tree = tree;
    core_errors(spec_path, &mut tree)?;
    let args = generated_args(&tree);
    let spec_items = spec_tokens(spec_path, service, &prepared.raw, &args)?;
    // As a raw string of pretty JSON, so that a change of the drill reads as one in the diff.
    let drill: TokenStream = format!(
        "r##\"{}\"##",
        crate::drill::table_json(&prepared.raw).map_err(|e| GenError::spec(spec_path, e))?
    )
    .parse()
    .map_err(|e| GenError::spec(spec_path, format!("x-drill: {e}")))?;
    let mut file: syn::File = syn::parse2(quote! {
        #tree
        #spec_items
        /// The spec's `x-drill` as JSON: what `hwc drill` does with the service.
        pub const DRILL: &str = #drill;
    })
    .map_err(|e| GenError::spec(spec_path, format!("command line help: {e}")))?;
    // progenitor's command tree clones `Copy` values and declares `mut` bindings it may not need.
    file.attrs.push(syn::parse_quote!(#![allow(clippy::all)]));
    file.attrs.push(
        syn::parse_quote!(#![allow(unused_mut, unused_imports, unused_variables, dead_code)]),
    );
    Ok(header(spec_path, service) + &prettyplease::unparse(&file))
}

/// Every call returns the core's error (see `rewrite::send_through_core`), which is not generic:
/// the `CliConfig` methods that take progenitor's `Error<T>` (`error`, `list_end_error`) take
/// `&Error` instead. Fails when progenitor's trait no longer has them.
fn core_errors(spec_path: &Path, tree: &mut syn::File) -> Result<(), GenError> {
    let mut rewritten = 0;
    for item in &mut tree.items {
        let syn::Item::Trait(t) = item else { continue };
        if t.ident != "CliConfig" {
            continue;
        }
        for method in &mut t.items {
            let syn::TraitItem::Fn(f) = method else {
                continue;
            };
            if f.sig.ident == "error" || f.sig.ident == "list_end_error" {
                let name = &f.sig.ident;
                f.sig = syn::parse_quote!(fn #name(&self, value: &Error));
                rewritten += 1;
            }
        }
    }
    if rewritten != 2 {
        return Err(GenError::spec(
            spec_path,
            format!(
                "expected progenitor's `CliConfig` to have `error` and `list_end_error`, found \
                 {rewritten}: has its command tree changed shape?"
            ),
        ));
    }
    Ok(())
}

/// The arguments of each `cli_<operation>` function of progenitor's command tree, by function name.
fn generated_args(tree: &syn::File) -> BTreeMap<String, Vec<String>> {
    struct Args {
        current: Option<String>,
        found: BTreeMap<String, Vec<String>>,
    }
    impl syn::visit_mut::VisitMut for Args {
        fn visit_impl_item_fn_mut(&mut self, f: &mut syn::ImplItemFn) {
            let name = f.sig.ident.to_string();
            if name.starts_with("cli_") {
                self.current = Some(name.clone());
                self.found.entry(name).or_default();
                syn::visit_mut::visit_impl_item_fn_mut(self, f);
                self.current = None;
            }
        }
        fn visit_expr_call_mut(&mut self, call: &mut syn::ExprCall) {
            let is_arg_new = matches!(&*call.func, syn::Expr::Path(p)
                if p.path.segments.len() >= 2
                    && p.path.segments.iter().rev().nth(1).is_some_and(|s| s.ident == "Arg")
                    && p.path.segments.last().is_some_and(|s| s.ident == "new"));
            if is_arg_new
                && let Some(current) = &self.current
                && let Some(syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(id),
                    ..
                })) = call.args.first()
            {
                self.found
                    .entry(current.clone())
                    .or_default()
                    .push(id.value());
            }
            syn::visit_mut::visit_expr_call_mut(self, call);
        }
    }
    let mut args = Args {
        current: None,
        found: BTreeMap::new(),
    };
    // `VisitMut` on a copy: the crate enables syn's `visit-mut`, not `visit`.
    syn::visit_mut::VisitMut::visit_file_mut(&mut args, &mut tree.clone());
    args.found
}

/// Follows a local `$ref` (`#/components/...`), or returns the value itself.
fn resolve<'a>(raw: &'a Value, value: &'a Value) -> &'a Value {
    let mut value = value;
    for _ in 0..8 {
        match value
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| r.strip_prefix('#'))
            .and_then(|r| raw.pointer(r))
        {
            Some(target) => value = target,
            None => break,
        }
    }
    value
}

fn text(value: &Value, key: &str) -> Option<String> {
    value
        .get(key)
        .and_then(Value::as_str)
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
}

/// An example value as it is typed on a command line.
fn cli_value(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// One argument of a command: where it comes from in the spec.
struct ArgInfo {
    id: String,
    description: String,
    example: Option<String>,
    /// Whether the example command line shows it.
    in_example: bool,
    /// A field of the JSON body (progenitor makes flags only of the scalar ones).
    from_body: bool,
}

/// What the spec says of one operation, for the command line.
struct OperationInfo {
    variant: syn::Ident,
    operation_id: String,
    name: String,
    summary: String,
    description: String,
    args: Vec<ArgInfo>,
    body_example: Option<String>,
    /// (status, summary, pretty JSON)
    responses: Vec<(u16, String, String)>,
}

fn operation_info(
    spec_path: &Path,
    raw: &Value,
    path: &str,
    method: &str,
    op: &Value,
    generated: &BTreeMap<String, Vec<String>>,
) -> Result<OperationInfo, GenError> {
    let operation_id = text(op, "operationId").unwrap_or_default();
    let fail = |message: String| GenError {
        spec: spec_path.display().to_string(),
        operation: Some(format!("{operation_id} ({} {path})", method.to_uppercase())),
        message,
    };
    let summary = text(op, "summary").unwrap_or_else(|| operation_id.clone());
    let description = text(op, "description").unwrap_or_default();

    // Parameters of the path item, then of the operation (which override them by name and place).
    let mut params: Vec<&Value> = Vec::new();
    let item = raw
        .pointer(&format!(
            "/paths/{}",
            path.replace('~', "~0").replace('/', "~1")
        ))
        .unwrap_or(&Value::Null);
    for list in [item.get("parameters"), op.get("parameters")]
        .into_iter()
        .flatten()
    {
        for p in list.as_array().into_iter().flatten() {
            let p = resolve(raw, p);
            let key = (p.get("name"), p.get("in"));
            params.retain(|q| (q.get("name"), q.get("in")) != key);
            params.push(p);
        }
    }

    let mut infos: Vec<ArgInfo> = Vec::new();
    for p in params {
        let name = text(p, "name").unwrap_or_default();
        let schema = p.get("schema").map(|s| resolve(raw, s));
        let mut description = text(p, "description")
            .or_else(|| schema.and_then(|s| text(s, "description")))
            .unwrap_or_default();
        let deprecated = p.get("deprecated").and_then(Value::as_bool) == Some(true);
        if deprecated {
            description = format!("Deprecated. {description}");
        }
        let example = p
            .get("example")
            .or_else(|| schema.and_then(|s| s.get("example")))
            .and_then(cli_value);
        let required = p.get("required").and_then(Value::as_bool) == Some(true);
        let default = schema.and_then(|s| s.get("default")).and_then(cli_value);
        let in_example = example.is_some()
            && name != "project_id"
            && !deprecated
            && (required || example != default);
        infos.push(ArgInfo {
            id: name.to_snake_case().to_kebab_case(),
            description,
            example,
            in_example,
            from_body: false,
        });
    }

    // A JSON body: one argument per property progenitor could make one of, and `--json-body`.
    let body = op.get("requestBody").map(|b| resolve(raw, b));
    let media = body
        .and_then(|b| b.get("content"))
        .and_then(|c| c.get("application/json"));
    let body_example = media.and_then(|m| {
        m.get("example").cloned().or_else(|| {
            m.get("examples")
                .and_then(Value::as_object)
                .and_then(|e| e.values().next())
                .map(|e| resolve(raw, e))
                .and_then(|e| e.get("value").cloned())
        })
    });
    if let Some(media) = media {
        let schema = media.get("schema").map(|s| resolve(raw, s));
        let body_description = body.and_then(|b| text(b, "description"));
        for (prop, prop_schema) in schema
            .and_then(|s| s.get("properties"))
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            let resolved = resolve(raw, prop_schema);
            let description = text(prop_schema, "description")
                .or_else(|| text(resolved, "description"))
                .unwrap_or_default();
            let example = body_example
                .as_ref()
                .and_then(|e| e.get(prop))
                .or_else(|| resolved.get("example"))
                .and_then(cli_value);
            infos.push(ArgInfo {
                id: prop.to_kebab_case(),
                description,
                in_example: example.is_some(),
                example,
                from_body: true,
            });
        }
        infos.push(ArgInfo {
            id: "json-body".to_owned(),
            description: format!(
                "Path to a file holding the whole JSON request body{}; when given, it replaces \
                 the body the other flags would make.",
                body_description
                    .map(|d| format!(" ({})", d.trim_end_matches('.')))
                    .unwrap_or_default()
            ),
            example: None,
            in_example: false,
            from_body: true,
        });
        infos.push(ArgInfo {
            id: "json-body-template".to_owned(),
            description: "Print the page's example request body as JSON, to start a --json-body \
                          file from, and exit."
                .to_owned(),
            example: None,
            in_example: false,
            from_body: true,
        });
    }

    // Every argument progenitor generated must be described here, and the other way round.
    let snake = operation_id.to_snake_case();
    let generated_ids = generated
        .get(&format!("cli_{snake}"))
        .ok_or_else(|| fail(format!("progenitor generated no `cli_{snake}` command")))?;
    let mut args = Vec::new();
    for id in generated_ids {
        let index = infos.iter().position(|i| &i.id == id).ok_or_else(|| {
            fail(format!(
                "progenitor's command has an argument `--{id}` that matches no parameter or body \
                 field of the spec: has its naming changed?"
            ))
        })?;
        args.push(infos.remove(index));
    }
    // Body fields progenitor cannot take as flags (objects, lists) stay in --json-body; every
    // parameter is a flag.
    if let Some(missing) = infos.iter().find(|i| !i.from_body) {
        return Err(fail(format!(
            "the spec's parameter `{}` has no argument in progenitor's command: has its naming \
             changed?",
            missing.id
        )));
    }

    let mut responses = Vec::new();
    for (status, response) in op
        .get("responses")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        let Ok(code) = status.parse::<u16>() else {
            continue;
        };
        if !(200..300).contains(&code) {
            continue;
        }
        let response = resolve(raw, response);
        let Some(media) = response
            .get("content")
            .and_then(|c| c.get("application/json"))
        else {
            continue;
        };
        let mut examples = Vec::new();
        if let Some(example) = media.get("example") {
            examples.push((String::new(), example.clone()));
        }
        for example in media
            .get("examples")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
            .map(|(_, e)| resolve(raw, e))
        {
            if let Some(value) = example.get("value") {
                examples.push((text(example, "summary").unwrap_or_default(), value.clone()));
            }
        }
        for (summary, value) in examples {
            let json = serde_json::to_string_pretty(&value)
                .map_err(|e| fail(format!("example response: {e}")))?;
            responses.push((code, summary, json));
        }
    }

    let body_example = body_example
        .map(|b| serde_json::to_string_pretty(&b))
        .transpose()
        .map_err(|e| fail(format!("example body: {e}")))?;
    Ok(OperationInfo {
        variant: format_ident!("{}", operation_id.to_upper_camel_case()),
        name: operation_id.to_kebab_case(),
        operation_id,
        summary,
        description,
        args,
        body_example,
        responses,
    })
}

fn spec_tokens(
    spec_path: &Path,
    service: &str,
    raw: &Value,
    generated: &BTreeMap<String, Vec<String>>,
) -> Result<TokenStream, GenError> {
    let info = raw.get("info").unwrap_or(&Value::Null);
    let about = text(info, "title").unwrap_or_else(|| service.to_owned());
    let long_about = match text(info, "description") {
        Some(d) => format!("{about}\n\n{d}"),
        None => about.clone(),
    };

    let mut ops = Vec::new();
    for operation in crate::openapi::operations(raw) {
        ops.push(operation_info(
            spec_path,
            raw,
            operation.path,
            operation.method,
            operation.value,
            generated,
        )?);
    }
    if ops.len() != generated.len() {
        return Err(GenError::spec(
            spec_path,
            format!(
                "the spec has {} operations but progenitor generated {} commands",
                ops.len(),
                generated.len()
            ),
        ));
    }

    let arms = ops.iter().map(|op| {
        let OperationInfo {
            variant,
            operation_id,
            name,
            summary,
            description,
            args,
            body_example,
            responses,
        } = op;
        let arg_specs = args.iter().map(|a| {
            let (id, description) = (&a.id, &a.description);
            let example = match &a.example {
                Some(e) => quote!(::std::option::Option::Some(#e)),
                None => quote!(::std::option::Option::None),
            };
            quote! {
                crate::spec::ArgSpec { id: #id, description: #description, example: #example }
            }
        });
        let example_args = args
            .iter()
            .filter(|a| a.in_example)
            .flat_map(|a| [format!("--{}", a.id), a.example.clone().unwrap_or_default()]);
        let body_example = match body_example {
            Some(b) => quote!(::std::option::Option::Some(#b)),
            None => quote!(::std::option::Option::None),
        };
        let responses = responses.iter().map(|(status, summary, json)| {
            quote! {
                crate::spec::ResponseExample { status: #status, summary: #summary, json: #json }
            }
        });
        quote! {
            CliCommand::#variant => &crate::spec::OperationSpec {
                service: #service,
                operation_id: #operation_id,
                name: #name,
                summary: #summary,
                description: #description,
                args: &[#(#arg_specs),*],
                example_args: &[#(#example_args),*],
                body_example: #body_example,
                responses: &[#(#responses),*],
            },
        }
    });

    Ok(quote! {
        /// The service's name on the command line (`hwc <SERVICE> ...`).
        pub const SERVICE: &str = #service;
        /// The spec's title: the one-line help of `hwc <SERVICE>`.
        pub const ABOUT: &str = #about;
        /// The spec's title and description: the help of `hwc <SERVICE> --help`.
        pub const LONG_ABOUT: &str = #long_about;

        impl CliCommand {
            /// What the spec says of this operation: its name on the command line, help text,
            /// the help and example of each argument, and the page's examples.
            pub fn spec(&self) -> &'static crate::spec::OperationSpec {
                match self {
                    #(#arms)*
                }
            }
        }
    })
}
