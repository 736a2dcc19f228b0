//! The post-processing of progenitor's client code: checks that it names operations as the
//! tables do, and rewrites of its builders and derives. Each fails when progenitor's code no
//! longer has the shape it rewrites.

use std::collections::BTreeMap;
use std::path::Path;

use heck::{ToSnakeCase, ToUpperCamelCase};
use quote::{format_ident, quote};

use super::GenError;
use super::operations::OperationMeta;

/// Checks that the `OPERATIONS` table names every operation exactly as progenitor's code does
/// (`OperationInfo { operation_id: ".." }`, which the core's hooks look up): an id progenitor
/// spells differently (an `operationId` that is a Rust keyword, or has characters it drops) would
/// leave that operation without its path check and its idempotency rule, silently.
pub(super) fn check_operation_ids(
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
pub(super) fn default_project_id(
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
pub(super) fn gate_schemars_derives(file: &mut syn::File) {
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
pub(super) fn builder_accessors(
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
        // Each builder's fields (but the client), for `waiter_inputs`.
        let fields: std::collections::BTreeMap<String, Vec<(syn::Ident, syn::Type)>> = m
            .content
            .iter()
            .flat_map(|(_, items)| items.iter())
            .filter_map(|i| match i {
                syn::Item::Struct(st) => Some((
                    st.ident.to_string(),
                    st.fields
                        .iter()
                        .filter_map(|f| Some((f.ident.clone()?, f.ty.clone())))
                        .filter(|(name, _)| name != "client")
                        .collect(),
                )),
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
            let ty_name = quote!(#self_ty)
                .to_string()
                .split_whitespace()
                .next()
                .unwrap_or_default()
                .to_owned();
            // Each field's parameter, by the name the spec gives it (what the waiters read),
            // not the Rust name progenitor made of it.
            let spec_params = operations
                .iter()
                .find(|o| o.name.to_upper_camel_case() == ty_name)
                .map(|o| o.params.clone())
                .unwrap_or_default();
            let mut unmatched = Vec::new();
            let keyed: Vec<(String, &syn::Ident, &syn::Type)> = fields
                .get(&ty_name)
                .into_iter()
                .flatten()
                .filter_map(|(name, ty)| {
                    let field = name.to_string();
                    if field == "body" {
                        return Some((field, name, ty));
                    }
                    let param = spec_params.iter().find(|p| {
                        let snake = p.to_snake_case();
                        snake == field || format!("{snake}_") == field
                    });
                    match param {
                        Some(p) => Some((p.clone(), name, ty)),
                        None => {
                            unmatched.push(field);
                            None
                        }
                    }
                })
                .collect();
            if !unmatched.is_empty() {
                return Err(GenError::spec(
                    spec_path,
                    format!(
                        "the request builder `{ty_name}` has fields {unmatched:?} that match no \
                         parameter of the operation: has progenitor's naming changed?"
                    ),
                ));
            }
            let inputs = keyed.into_iter().map(|(key, name, ty)| {
                if key == "body" {
                    // `Result<types::builder::X, String>`: the body as it is sent, `types::X`.
                    let sent = body_type(ty);
                    quote! {
                        let body = self.body.clone().and_then(|b| {
                            #sent::try_from(b).map_err(|e| e.to_string())
                        })?;
                        inputs.body = ::serde_json::to_value(body).map_err(|e| e.to_string())?;
                    }
                } else {
                    quote! {
                        let value = self.#name.as_ref().map_err(::std::clone::Clone::clone)?;
                        inputs.params.insert(
                            #key.to_owned(),
                            ::serde_json::to_value(value).map_err(|e| e.to_string())?,
                        );
                    }
                }
            });
            imp.items.push(syn::parse_quote! {
                /// The request's parameters and body as JSON, for the wait engine (or why the
                /// request is incomplete).
                #[allow(dead_code)]
                pub(crate) fn waiter_inputs(
                    &self,
                ) -> ::std::result::Result<::hwcloud_core::wait::engine::Inputs, ::std::string::String> {
                    let mut inputs = ::hwcloud_core::wait::engine::Inputs::default();
                    #(#inputs)*
                    Ok(inputs)
                }
            });
            if with_project.contains(&ty_name) {
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

/// `types::X` for a body field typed `Result<types::builder::X, String>`.
fn body_type(ty: &syn::Type) -> proc_macro2::TokenStream {
    let text = quote!(#ty).to_string().replace(' ', "");
    let name = text
        .split("builder::")
        .nth(1)
        .and_then(|rest| rest.split(',').next())
        .unwrap_or_default();
    let ident = format_ident!("{}", name);
    quote!(types::#ident)
}

/// Shapes progenitor's requests as the core sends them, so that the hooks have nothing to undo:
///
/// - progenitor adds an `api-version` header to every request, which the cloud APIs do not know:
///   its `append` is dropped and the header map's capacity lowered by one;
/// - path values are encoded by `hwcloud_core`'s `encode_path_value` (progenitor's encoding, and
///   `+` and `=` percent-encoded as the official SDK sends them) instead of progenitor's
///   `encode_path`, whose import goes too.
///
/// Fails when progenitor's code no longer has that shape: one `api-version` header per operation.
pub(super) fn request_shape(
    spec_path: &Path,
    file: &mut syn::File,
    operations: &[OperationMeta],
) -> Result<(), GenError> {
    #[derive(Default)]
    struct Rewrite {
        headers_dropped: usize,
        capacities_lowered: usize,
        paths: usize,
        urls: usize,
    }
    /// `header_map.append(HeaderName::from_static("api-version"), ..)`.
    fn is_api_version_append(stmt: &syn::Stmt) -> bool {
        let syn::Stmt::Expr(syn::Expr::MethodCall(call), Some(_)) = stmt else {
            return false;
        };
        let Some(syn::Expr::Call(name)) = call.args.first() else {
            return false;
        };
        call.method == "append"
            && matches!(&*name.func, syn::Expr::Path(p)
                if p.path.segments.last().is_some_and(|s| s.ident == "from_static"))
            && matches!(name.args.first(), Some(syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(s), ..
            })) if s.value() == "api-version")
    }
    fn ends_with(path: &syn::Path, names: &[&str]) -> bool {
        let idents: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
        idents.ends_with(&names.iter().map(|n| n.to_string()).collect::<Vec<_>>())
    }
    impl syn::visit_mut::VisitMut for Rewrite {
        fn visit_block_mut(&mut self, block: &mut syn::Block) {
            let before = block.stmts.len();
            block.stmts.retain(|stmt| !is_api_version_append(stmt));
            let dropped = before - block.stmts.len();
            self.headers_dropped += dropped;
            // A header map nothing else appends to no longer needs to be `mut`.
            let appends = || {
                block
                    .stmts
                    .iter()
                    .any(|stmt| quote!(#stmt).to_string().contains("header_map . append"))
            };
            if dropped > 0 && !appends() {
                for stmt in &mut block.stmts {
                    if let syn::Stmt::Local(local) = stmt
                        && let syn::Pat::Ident(ident) = &mut local.pat
                        && ident.ident == "header_map"
                    {
                        ident.mutability = None;
                    }
                }
            }
            syn::visit_mut::visit_block_mut(self, block);
        }
        fn visit_expr_call_mut(&mut self, call: &mut syn::ExprCall) {
            if let syn::Expr::Path(func) = &mut *call.func {
                if func.path.is_ident("encode_path") {
                    func.path = syn::parse_quote!(::hwcloud_core::__private::encode_path_value);
                    self.paths += 1;
                } else if ends_with(&func.path, &["HeaderMap", "with_capacity"])
                    && let Some(syn::Expr::Lit(syn::ExprLit {
                        lit: syn::Lit::Int(n),
                        ..
                    })) = call.args.first_mut()
                    && let Ok(capacity) = n.base10_parse::<usize>()
                    && capacity > 0
                {
                    *n = syn::LitInt::new(&format!("{}usize", capacity - 1), n.span());
                    self.capacities_lowered += 1;
                }
            }
            syn::visit_mut::visit_expr_call_mut(self, call);
        }
        fn visit_local_mut(&mut self, local: &mut syn::Local) {
            syn::visit_mut::visit_local_mut(self, local);
            if let syn::Pat::Ident(name) = &local.pat
                && name.ident == "url"
                && let Some(init) = &mut local.init
                && let syn::Expr::Macro(m) = &*init.expr
                && let Some(concat) = url_concat(&m.mac)
            {
                *init.expr = concat;
                self.urls += 1;
            }
        }
        fn visit_macro_mut(&mut self, mac: &mut syn::Macro) {
            // progenitor builds each URL with `format!(.., encode_path(..), ..)`, whose arguments
            // syn leaves as tokens: parse them to rewrite the calls inside.
            if mac.path.is_ident("format")
                && let Ok(mut args) = mac.parse_body_with(
                    syn::punctuated::Punctuated::<syn::Expr, syn::Token![,]>::parse_terminated,
                )
            {
                for arg in &mut args {
                    syn::visit_mut::VisitMut::visit_expr_mut(self, arg);
                }
                mac.tokens = quote!(#args);
            }
        }
        fn visit_use_tree_mut(&mut self, tree: &mut syn::UseTree) {
            if let syn::UseTree::Group(group) = tree {
                group.items = std::mem::take(&mut group.items)
                    .into_iter()
                    .filter(
                        |item| !matches!(item, syn::UseTree::Name(n) if n.ident == "encode_path"),
                    )
                    .collect();
            }
            syn::visit_mut::visit_use_tree_mut(self, tree);
        }
    }

    /// A URL `format!` whose text has only `{}` placeholders, as a concatenation of its pieces
    /// (one allocation, no formatting machinery): `[&*a, "/v2/", &*b].concat()`.
    fn url_concat(mac: &syn::Macro) -> Option<syn::Expr> {
        if !mac.path.is_ident("format") {
            return None;
        }
        let args = mac
            .parse_body_with(
                syn::punctuated::Punctuated::<syn::Expr, syn::Token![,]>::parse_terminated,
            )
            .ok()?;
        let mut args = args.into_iter();
        let syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(text),
            ..
        }) = args.next()?
        else {
            return None;
        };
        let text = text.value();
        let pieces: Vec<&str> = text.split("{}").collect();
        let values: Vec<syn::Expr> = args.collect();
        if pieces.len() != values.len() + 1 || pieces.iter().any(|p| p.contains(['{', '}'])) {
            return None;
        }
        let mut parts: Vec<proc_macro2::TokenStream> = Vec::new();
        for (i, piece) in pieces.iter().enumerate() {
            if !piece.is_empty() {
                parts.push(quote!(#piece));
            }
            match values.get(i) {
                // Postfix expressions are borrowed as they are; others need parentheses. `&*`
                // borrows a `String` and the `Cow` that `encode_path_value` returns alike.
                Some(
                    value @ (syn::Expr::Field(_)
                    | syn::Expr::Path(_)
                    | syn::Expr::Call(_)
                    | syn::Expr::MethodCall(_)),
                ) => parts.push(quote!(&*#value)),
                Some(value) => parts.push(quote!(&*(#value))),
                None => {}
            }
        }
        Some(syn::parse_quote!([#(#parts),*].concat()))
    }

    let mut rewrite = Rewrite::default();
    for item in &mut file.items {
        match item {
            syn::Item::Mod(m) if m.ident == "builder" => {
                syn::visit_mut::VisitMut::visit_item_mod_mut(&mut rewrite, m)
            }
            syn::Item::Use(u) => syn::visit_mut::VisitMut::visit_item_use_mut(&mut rewrite, u),
            _ => {}
        }
    }
    let expected = operations.len();
    let with_path_values = operations.iter().filter(|op| op.path.contains('{')).count();
    if rewrite.headers_dropped != expected
        || rewrite.capacities_lowered != expected
        || rewrite.urls != expected
        || (with_path_values > 0 && rewrite.paths < with_path_values)
    {
        return Err(GenError::spec(
            spec_path,
            format!(
                "expected {expected} request builders each building its URL with `format!(\"{{}}..\", ..)` \
                 and adding an `api-version` header to a `HeaderMap::with_capacity(n)`, and \
                 {with_path_values} encoding path values with `encode_path`; found {} URLs, {} \
                 headers, {} capacities and {} path values: has progenitor's builder code changed \
                 shape?",
                rewrite.urls, rewrite.headers_dropped, rewrite.capacities_lowered, rewrite.paths,
            ),
        ));
    }
    Ok(())
}

/// Makes every generated call end in the core, and the core's error the only error a call
/// returns: each builder's `send()` builds its request as progenitor wrote it, then hands it to
/// `hwcloud_core::__private::send` (a JSON success body) or `send_empty` (a success without body),
/// which check, authenticate, send (again where safe), read the answer within bounds and decode it.
/// progenitor's hooks, its `Error<E>` and its status `match` go: `Error` is the core's, re-exported,
/// and the success statuses progenitor matched are returned per operation id for the `OPERATIONS`
/// table.
///
/// A client is made only through `Client::builder()`: progenitor's public `Client::new` goes, and
/// `new_with_client` (which the builder calls) is crate-private, so that no client can be made that
/// follows redirects or skips the endpoint checks.
///
/// Fails when progenitor's code no longer has the shape rewritten here.
pub(super) fn send_through_core(
    spec_path: &Path,
    file: &mut syn::File,
    operations: &[OperationMeta],
) -> Result<BTreeMap<String, Vec<u16>>, GenError> {
    let fail = |message: String| GenError::spec(spec_path, message);
    let mut success: BTreeMap<String, Vec<u16>> = BTreeMap::new();
    let mut constructors = 0;
    let mut reexported = false;
    let mut items = Vec::new();
    for mut item in std::mem::take(&mut file.items) {
        match &mut item {
            // `pub use progenitor_client::{ByteStream, ClientInfo, Error, ResponseValue};`: the
            // error is the core's.
            syn::Item::Use(u) if matches!(u.vis, syn::Visibility::Public(_)) => {
                let text = quote!(#u).to_string();
                if text.contains("progenitor_client") && text.contains("Error") {
                    *u = syn::parse_quote! {
                        pub use progenitor_client::{ByteStream, ClientInfo, ResponseValue};
                    };
                    items.push(item);
                    items.push(syn::parse_quote! {
                        /// The error of every call: what went wrong, and what is safe next.
                        pub use ::hwcloud_core::Error;
                    });
                    reexported = true;
                    continue;
                }
            }
            // `const _: () = { fn assert_client_hooks() where Client: ClientHooks<..> {} };`: the
            // hooks are not used.
            syn::Item::Const(c) if quote!(#c).to_string().contains("assert_client_hooks") => {
                continue;
            }
            syn::Item::Impl(imp) if imp.trait_.is_none() && is_client(&imp.self_ty) => {
                let before = imp.items.len();
                imp.items
                    .retain(|i| !matches!(i, syn::ImplItem::Fn(f) if f.sig.ident == "new"));
                for i in &mut imp.items {
                    if let syn::ImplItem::Fn(f) = i
                        && f.sig.ident == "new_with_client"
                    {
                        f.vis = syn::parse_quote!(pub(crate));
                        f.attrs.retain(|a| !a.path().is_ident("doc"));
                        f.attrs.push(syn::parse_quote!(
                            #[doc = " The client `Client::builder()` makes, from the HTTP client \
                                     and context it built."]
                        ));
                        constructors += 1;
                    }
                }
                constructors += before - imp.items.len();
            }
            syn::Item::Mod(m) if m.ident == "builder" => {
                for inner in m.content.iter_mut().flat_map(|(_, items)| items.iter_mut()) {
                    let syn::Item::Impl(imp) = inner else {
                        continue;
                    };
                    for method in &mut imp.items {
                        let syn::ImplItem::Fn(f) = method else {
                            continue;
                        };
                        if f.sig.ident != "send" {
                            continue;
                        }
                        let (id, statuses) = rewrite_send(f, operations)
                            .map_err(|why| fail(format!("a builder's `send`: {why}")))?;
                        success.insert(id, statuses);
                    }
                }
            }
            _ => {}
        }
        items.push(item);
    }
    file.items = items;
    if !reexported || constructors != 2 || success.len() != operations.len() {
        return Err(fail(format!(
            "expected progenitor to re-export its `Error`, to give `Client` `new` and \
             `new_with_client`, and one `send` per operation ({}); found {}, {constructors} \
             constructors and {} `send`s: has progenitor's code changed shape?",
            operations.len(),
            if reexported {
                "the re-export"
            } else {
                "no re-export"
            },
            success.len()
        )));
    }
    Ok(success)
}

/// Whether `ty` is the generated `Client`.
fn is_client(ty: &syn::Type) -> bool {
    matches!(ty, syn::Type::Path(p) if p.path.is_ident("Client"))
}

/// Rewrites one builder's `send()` (see [`send_through_core`]); returns its operation id and the
/// success statuses progenitor matched.
fn rewrite_send(
    f: &mut syn::ImplItemFn,
    operations: &[OperationMeta],
) -> Result<(String, Vec<u16>), String> {
    // `-> Result<ResponseValue<T>, Error<E>>` becomes `-> Result<ResponseValue<T>, Error>`.
    let syn::ReturnType::Type(_, ty) = &mut f.sig.output else {
        return Err("it returns nothing".into());
    };
    let syn::Type::Path(result) = &mut **ty else {
        return Err("its return type is not a `Result`".into());
    };
    let Some(syn::PathArguments::AngleBracketed(args)) =
        result.path.segments.last_mut().map(|s| &mut s.arguments)
    else {
        return Err("its return type is not a `Result<_, _>`".into());
    };
    let Some(syn::GenericArgument::Type(syn::Type::Path(error))) = args.args.iter_mut().nth(1)
    else {
        return Err("its return type has no error type".into());
    };
    let Some(last) = error.path.segments.last_mut() else {
        return Err("its error type has no name".into());
    };
    last.arguments = syn::PathArguments::None;

    let stmts = &mut f.block.stmts;
    // `let info = OperationInfo { operation_id: "x" };` and everything after it go.
    let at = stmts
        .iter()
        .position(|s| matches!(s, syn::Stmt::Local(l) if quote!(#l).to_string().contains("OperationInfo")))
        .ok_or("it has no `OperationInfo`")?;
    let tail: Vec<syn::Stmt> = stmts.split_off(at);
    let id = tail
        .first()
        .and_then(|s| {
            let text = quote!(#s).to_string();
            let start = text.find("operation_id : \"")? + "operation_id : \"".len();
            let end = start + text[start..].find('"')?;
            Some(text[start..end].to_owned())
        })
        .ok_or("its `OperationInfo` has no `operation_id`")?;
    let index = operations
        .iter()
        .position(|op| op.id == id)
        .ok_or_else(|| format!("operation `{id}` is not in the OPERATIONS table"))?;
    // The success arms of progenitor's `match response.status().as_u16() { .. }`.
    let mut statuses = Vec::new();
    let mut empty = None;
    {
        struct Arms<'a> {
            statuses: &'a mut Vec<u16>,
            empty: &'a mut Option<bool>,
        }
        impl<'ast> syn::visit::Visit<'ast> for Arms<'_> {
            fn visit_arm(&mut self, arm: &'ast syn::Arm) {
                let pat = &arm.pat;
                if let Some(status) = quote!(#pat)
                    .to_string()
                    .strip_suffix("u16")
                    .and_then(|s| s.parse::<u16>().ok())
                    && (200..300).contains(&status)
                {
                    self.statuses.push(status);
                    let body = &arm.body;
                    let is_empty = quote!(#body).to_string().contains("ResponseValue :: empty");
                    *self.empty = Some(self.empty.unwrap_or(is_empty) && is_empty);
                }
                syn::visit::visit_arm(self, arm);
            }
        }
        let mut arms = Arms {
            statuses: &mut statuses,
            empty: &mut empty,
        };
        for stmt in &tail {
            syn::visit::Visit::visit_stmt(&mut arms, stmt);
        }
    }
    let empty = empty.ok_or_else(|| format!("`{id}` matches no success status"))?;
    statuses.sort_unstable();
    statuses.dedup();
    // `let mut request = <builder>.build()?;` becomes `let request = <builder>.build();`: the core
    // sorts a request that cannot be built as an invalid request.
    let Some(syn::Stmt::Local(local)) = stmts.last_mut() else {
        return Err(format!(
            "`{id}` builds no request before its `OperationInfo`"
        ));
    };
    let syn::Pat::Ident(name) = &mut local.pat else {
        return Err(format!("`{id}`'s request is not a plain binding"));
    };
    if name.ident != "request" {
        return Err(format!("`{id}` binds `{}`, not `request`", name.ident));
    }
    name.mutability = None;
    local.attrs.retain(|a| !a.path().is_ident("allow"));
    let Some(init) = &mut local.init else {
        return Err(format!("`{id}`'s request has no value"));
    };
    let syn::Expr::Try(built) = &*init.expr else {
        return Err(format!("`{id}`'s request is not built with `?`"));
    };
    init.expr = built.expr.clone();
    // A header parameter's value is converted with `.try_into()?`, whose error progenitor's
    // `Error` took through `From`: the core's takes it as an invalid request, said so.
    struct HeaderValues;
    impl syn::visit_mut::VisitMut for HeaderValues {
        fn visit_expr_try_mut(&mut self, expr: &mut syn::ExprTry) {
            syn::visit_mut::visit_expr_try_mut(self, expr);
            if let syn::Expr::MethodCall(call) = &*expr.expr
                && call.method == "try_into"
                && call.args.is_empty()
            {
                let inner = &expr.expr;
                *expr.expr = syn::parse_quote! {
                    #inner.map_err(|e: ::reqwest::header::InvalidHeaderValue| {
                        Error::InvalidRequest(format!("invalid header value: {e}"))
                    })
                };
            }
        }
    }
    for stmt in stmts.iter_mut() {
        syn::visit_mut::VisitMut::visit_stmt_mut(&mut HeaderValues, stmt);
    }
    let call = if empty {
        quote!(send_empty)
    } else {
        quote!(send)
    };
    stmts.push(syn::Stmt::Expr(
        syn::parse_quote! {
            ::hwcloud_core::__private::#call(
                &client.inner,
                &client.client,
                request,
                &super::OPERATIONS[#index],
            )
            .await
        },
        None,
    ));
    Ok((id, statuses))
}
