//! What a change does to the generated Rust API: both revisions of `generated.rs` are parsed
//! with `syn` and their public items compared: types, struct fields, enum variants, inherent
//! methods (the `Client` methods and the request builders' setters and `send`), consts and
//! free functions.
//!
//! typify's `types::builder` and progenitor's `mock` modules are left out: they mirror the
//! types and the operations, so they would only repeat what is listed.

use std::collections::BTreeMap;

use quote::ToTokens;
use syn::{Fields, ImplItem, Item, Visibility};

/// One public item and how it looks.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    /// The item that holds this one (`ShowJobInfoResponse` for `ShowJobInfoResponse.job_id`).
    parent: Option<String>,
    /// Its kind and shape: `struct`, `String`, `fn(&self) -> builder::ShowJobInfo<'_>`, ...
    shape: String,
}

/// The public API of one generated file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RustApi {
    entries: BTreeMap<String, Entry>,
    /// Types left out as `#[doc(hidden)]`: their `impl` blocks are left out too.
    hidden: std::collections::BTreeSet<String>,
}

/// What happened to an item of the generated API; reports list them in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ItemChange {
    Removed,
    Changed,
    Added,
}

impl ItemChange {
    /// Every kind, in report order.
    pub const ALL: [ItemChange; 3] = [ItemChange::Removed, ItemChange::Changed, ItemChange::Added];

    /// `removed`, `changed` or `added`.
    pub fn as_str(self) -> &'static str {
        match self {
            ItemChange::Removed => "removed",
            ItemChange::Changed => "changed",
            ItemChange::Added => "added",
        }
    }
}

/// One change to the generated API.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RustChange {
    pub change: ItemChange,
    /// `ShowJobInfoResponse.job_id`, `JobStatus::Fail`, `Client::show_job_info`, ...
    pub item: String,
    /// The item's shape before (for `removed` and `changed`) ...
    pub old: Option<String>,
    /// ... and after (for `added` and `changed`): a field's type, a method's signature, `struct`.
    pub new: Option<String>,
}

impl RustChange {
    /// `old`, `new` or `old → new`.
    pub fn detail(&self) -> String {
        match (&self.old, &self.new) {
            (Some(old), Some(new)) => format!("{old} → {new}"),
            (Some(one), None) | (None, Some(one)) => one.clone(),
            (None, None) => String::new(),
        }
    }
}

impl RustApi {
    /// Parse a generated file.
    pub fn parse(src: &str) -> Result<RustApi, String> {
        let file = syn::parse_file(src).map_err(|e| format!("not valid Rust: {e}"))?;
        let mut api = RustApi::default();
        api.items(&file.items, "");
        api.drop_members_of_hidden();
        Ok(api)
    }

    /// The public items of a crate's hand-written sources: every `.rs` file under `src` (but
    /// `generated.rs`, whose API `cargo xtask diff` reports), each under the module path its file
    /// gives it. A `pub` item of a private module is listed too: the list errs on the side of
    /// showing more.
    pub fn parse_crate(src_dir: &std::path::Path) -> Result<RustApi, String> {
        fn files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) -> Result<(), String> {
            let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
            for entry in entries {
                let path = entry.map_err(|e| e.to_string())?.path();
                if path.is_dir() {
                    files(&path, out)?;
                } else if path.extension().is_some_and(|e| e == "rs") {
                    out.push(path);
                }
            }
            Ok(())
        }
        let mut paths = Vec::new();
        files(src_dir, &mut paths)?;
        paths.sort();
        let mut api = RustApi::default();
        for path in paths {
            let relative = path.strip_prefix(src_dir).map_err(|e| e.to_string())?;
            let mut module: Vec<String> = relative
                .with_extension("")
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            match module.last().map(String::as_str) {
                Some("generated") | Some("tests") => continue,
                Some("lib") | Some("main") | Some("mod") => {
                    module.pop();
                }
                _ => {}
            }
            let src =
                std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            let file = syn::parse_file(&src).map_err(|e| format!("{}: {e}", path.display()))?;
            let items = expand_local_macros(&file.items);
            api.items(&items, &module.join("::"));
        }
        api.drop_members_of_hidden();
        Ok(api)
    }

    /// Leaves out the members of hidden types (whose `impl` may come before the type) and the
    /// items of hidden modules (whose files are read apart from their `mod` line).
    fn drop_members_of_hidden(&mut self) {
        let hidden = std::mem::take(&mut self.hidden);
        self.entries.retain(|key, e| {
            e.parent.as_ref().is_none_or(|p| !hidden.contains(p))
                && !hidden.iter().any(|m| key.starts_with(&format!("{m}::")))
        });
        self.hidden = hidden;
    }

    /// Every item, one per line: `path: shape`.
    pub fn listing(&self) -> String {
        self.entries
            .iter()
            .map(|(name, entry)| format!("{name}: {}\n", entry.shape))
            .collect()
    }

    /// How many public types it has and how many `Client` methods.
    pub fn counts(&self) -> (usize, usize) {
        let types = self
            .entries
            .values()
            .filter(|e| {
                e.parent.is_none()
                    && (matches!(e.shape.as_str(), "struct" | "enum")
                        || e.shape.starts_with("type "))
            })
            .count();
        let methods = self
            .entries
            .keys()
            .filter(|k| k.starts_with("Client::"))
            .count();
        (types, methods)
    }

    fn insert(&mut self, key: String, parent: Option<String>, shape: String) {
        self.entries.insert(key, Entry { parent, shape });
    }

    fn items(&mut self, items: &[Item], module: &str) {
        for item in items {
            // Not part of the API: `#[doc(hidden)]` plumbing, and what only tests and doctests
            // compile.
            if let Some(attrs) = item_attrs(item)
                && out_of_api(attrs)
            {
                let name = match item {
                    Item::Struct(s) => Some(&s.ident),
                    Item::Enum(e) => Some(&e.ident),
                    Item::Trait(t) => Some(&t.ident),
                    // A hidden module's file is read on its own: its items go at the end.
                    Item::Mod(m) => Some(&m.ident),
                    _ => None,
                };
                if let Some(name) = name {
                    self.hidden.insert(qualified(module, &name.to_string()));
                }
                continue;
            }
            match item {
                Item::Struct(s) if public(&s.vis) => {
                    let name = qualified(module, &s.ident.to_string());
                    match &s.fields {
                        Fields::Named(fields) => {
                            self.insert(name.clone(), None, "struct".to_string());
                            for field in &fields.named {
                                if public(&field.vis)
                                    && !out_of_api(&field.attrs)
                                    && let Some(ident) = &field.ident
                                {
                                    self.insert(
                                        format!("{name}.{ident}"),
                                        Some(name.clone()),
                                        tokens(&field.ty),
                                    );
                                }
                            }
                        }
                        Fields::Unnamed(fields) => {
                            let shown: Vec<String> = fields
                                .unnamed
                                .iter()
                                .map(|f| {
                                    if public(&f.vis) {
                                        tokens(&f.ty)
                                    } else {
                                        "_".to_string()
                                    }
                                })
                                .collect();
                            self.insert(name, None, format!("struct({})", shown.join(", ")));
                        }
                        Fields::Unit => self.insert(name, None, "struct".to_string()),
                    }
                }
                Item::Enum(e) if public(&e.vis) => {
                    let name = qualified(module, &e.ident.to_string());
                    self.insert(name.clone(), None, "enum".to_string());
                    for variant in &e.variants {
                        let shape = match &variant.fields {
                            Fields::Unit => "unit variant".to_string(),
                            Fields::Unnamed(f) => format!(
                                "({})",
                                f.unnamed
                                    .iter()
                                    .map(|f| tokens(&f.ty))
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            ),
                            Fields::Named(f) => format!(
                                "{{ {} }}",
                                f.named
                                    .iter()
                                    .map(|f| format!(
                                        "{}: {}",
                                        f.ident
                                            .as_ref()
                                            .map(ToString::to_string)
                                            .unwrap_or_default(),
                                        tokens(&f.ty)
                                    ))
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            ),
                        };
                        self.insert(
                            format!("{name}::{}", variant.ident),
                            Some(name.clone()),
                            shape,
                        );
                    }
                }
                Item::Type(t) if public(&t.vis) => {
                    let name = qualified(module, &t.ident.to_string());
                    self.insert(name, None, format!("type = {}", tokens(&t.ty)));
                }
                Item::Const(c) if public(&c.vis) => {
                    let name = qualified(module, &c.ident.to_string());
                    self.insert(name, None, format!("const: {}", tokens(&c.ty)));
                }
                Item::Static(s) if public(&s.vis) => {
                    let name = qualified(module, &s.ident.to_string());
                    self.insert(name, None, format!("static: {}", tokens(&s.ty)));
                }
                Item::Fn(f) if public(&f.vis) => {
                    let name = qualified(module, &f.sig.ident.to_string());
                    self.insert(name, None, signature(&f.sig));
                }
                Item::Trait(t) if public(&t.vis) => {
                    let name = qualified(module, &t.ident.to_string());
                    self.insert(name.clone(), None, "trait".to_string());
                    for item in &t.items {
                        if let syn::TraitItem::Fn(f) = item {
                            self.insert(
                                format!("{name}::{}", f.sig.ident),
                                Some(name.clone()),
                                signature(&f.sig),
                            );
                        }
                    }
                }
                Item::Impl(imp) if imp.trait_.is_none() => {
                    let Some(self_name) = type_name(&imp.self_ty) else {
                        continue;
                    };
                    let owner = qualified(module, &self_name);
                    for item in &imp.items {
                        match item {
                            ImplItem::Fn(f) if public(&f.vis) && !out_of_api(&f.attrs) => {
                                self.insert(
                                    format!("{owner}::{}", f.sig.ident),
                                    Some(owner.clone()),
                                    signature(&f.sig),
                                );
                            }
                            ImplItem::Const(c) if public(&c.vis) => {
                                self.insert(
                                    format!("{owner}::{}", c.ident),
                                    Some(owner.clone()),
                                    format!("const: {}", tokens(&c.ty)),
                                );
                            }
                            _ => {}
                        }
                    }
                }
                Item::Mod(m) if public(&m.vis) => {
                    let name = m.ident.to_string();
                    let path = if module.is_empty() {
                        name.clone()
                    } else {
                        format!("{module}::{name}")
                    };
                    if path == "types::builder" || path == "mock" {
                        continue;
                    }
                    if let Some((_, items)) = &m.content {
                        self.items(items, &path);
                    }
                }
                _ => {}
            }
        }
    }
}

/// Compare the public APIs of two revisions of a generated file.  Members of an added or
/// removed type are not listed apart from it.
pub fn diff_api(old: &RustApi, new: &RustApi) -> Vec<RustChange> {
    let mut out = Vec::new();
    let gone_with_parent = |entry: &Entry, other: &RustApi| {
        entry
            .parent
            .as_ref()
            .is_some_and(|p| !other.entries.contains_key(p))
    };
    for (key, entry) in &old.entries {
        match new.entries.get(key) {
            None if !gone_with_parent(entry, new) => out.push(RustChange {
                change: ItemChange::Removed,
                item: key.clone(),
                old: Some(entry.shape.clone()),
                new: None,
            }),
            Some(now) if now.shape != entry.shape => out.push(RustChange {
                change: ItemChange::Changed,
                item: key.clone(),
                old: Some(entry.shape.clone()),
                new: Some(now.shape.clone()),
            }),
            _ => {}
        }
    }
    for (key, entry) in &new.entries {
        if !old.entries.contains_key(key) && !gone_with_parent(entry, old) {
            out.push(RustChange {
                change: ItemChange::Added,
                item: key.clone(),
                old: None,
                new: Some(entry.shape.clone()),
            });
        }
    }
    out.sort_by(|a, b| (a.change, &a.item).cmp(&(b.change, &b.item)));
    out
}

/// `items` with the invocations of the file's own one-rule `macro_rules!` whose parameters are
/// fragments (`$builder:ident`) expanded, so that what such a macro defines (`send_and_wait` on
/// each builder) is listed like any other item. Invocations of other macros stay as they are.
fn expand_local_macros(items: &[Item]) -> Vec<Item> {
    use proc_macro2::{Group, TokenStream, TokenTree};

    /// A macro's parameter names and body.
    struct Rule {
        params: Vec<String>,
        body: TokenStream,
    }
    /// `($a:ident, $b:ty) => { body }`: the one rule of a `macro_rules!`.
    fn rule(tokens: TokenStream) -> Option<Rule> {
        let trees: Vec<TokenTree> = tokens.into_iter().collect();
        let [
            TokenTree::Group(pattern),
            TokenTree::Punct(eq),
            TokenTree::Punct(gt),
            TokenTree::Group(body),
            rest @ ..,
        ] = trees.as_slice()
        else {
            return None;
        };
        if eq.as_char() != '='
            || gt.as_char() != '>'
            || rest
                .iter()
                .any(|t| !matches!(t, TokenTree::Punct(p) if p.as_char() == ';'))
        {
            return None;
        }
        let pattern: Vec<TokenTree> = pattern.stream().into_iter().collect();
        let mut params = Vec::new();
        for window in pattern.windows(2) {
            if let [TokenTree::Punct(dollar), TokenTree::Ident(name)] = window
                && dollar.as_char() == '$'
            {
                params.push(name.to_string());
            }
        }
        Some(Rule {
            params,
            body: body.stream(),
        })
    }
    /// `body` with each `$param` replaced by its argument's tokens.
    fn substitute(body: TokenStream, args: &BTreeMap<String, TokenStream>) -> TokenStream {
        let mut out = Vec::new();
        let mut trees = body.into_iter().peekable();
        while let Some(tree) = trees.next() {
            match tree {
                TokenTree::Punct(p) if p.as_char() == '$' => match trees.peek() {
                    Some(TokenTree::Ident(name)) if args.contains_key(&name.to_string()) => {
                        out.extend(args[&name.to_string()].clone());
                        trees.next();
                    }
                    _ => out.push(TokenTree::Punct(p)),
                },
                TokenTree::Group(g) => {
                    let mut group = Group::new(g.delimiter(), substitute(g.stream(), args));
                    group.set_span(g.span());
                    out.push(TokenTree::Group(group));
                }
                other => out.push(other),
            }
        }
        out.into_iter().collect()
    }

    let rules: BTreeMap<String, Rule> = items
        .iter()
        .filter_map(|item| match item {
            Item::Macro(m) if m.mac.path.is_ident("macro_rules") => {
                Some((m.ident.as_ref()?.to_string(), rule(m.mac.tokens.clone())?))
            }
            _ => None,
        })
        .collect();
    let mut out = Vec::new();
    for item in items {
        if let Item::Macro(m) = item
            && m.ident.is_none()
            && let Some(rule) = m
                .mac
                .path
                .get_ident()
                .and_then(|name| rules.get(&name.to_string()))
        {
            // Arguments split at the top-level commas (a group is one token tree).
            let mut args: Vec<TokenStream> = vec![TokenStream::new()];
            for tree in m.mac.tokens.clone() {
                match tree {
                    TokenTree::Punct(p) if p.as_char() == ',' => args.push(TokenStream::new()),
                    tree => args.last_mut().expect("one at least").extend([tree]),
                }
            }
            args.retain(|a| !a.is_empty());
            if args.len() == rule.params.len() {
                let args: BTreeMap<String, TokenStream> =
                    rule.params.iter().cloned().zip(args).collect();
                if let Ok(file) = syn::parse2::<syn::File>(substitute(rule.body.clone(), &args)) {
                    out.extend(file.items);
                    continue;
                }
            }
        }
        out.push(item.clone());
    }
    out
}

fn public(vis: &Visibility) -> bool {
    matches!(vis, Visibility::Public(_))
}

/// The attributes of an item that has them.
fn item_attrs(item: &Item) -> Option<&[syn::Attribute]> {
    Some(match item {
        Item::Struct(i) => &i.attrs,
        Item::Enum(i) => &i.attrs,
        Item::Type(i) => &i.attrs,
        Item::Const(i) => &i.attrs,
        Item::Static(i) => &i.attrs,
        Item::Fn(i) => &i.attrs,
        Item::Trait(i) => &i.attrs,
        Item::Impl(i) => &i.attrs,
        Item::Mod(i) => &i.attrs,
        _ => return None,
    })
}

/// Whether attributes put an item out of the public API: `#[doc(hidden)]`, `#[cfg(test)]` or
/// `#[cfg(doctest)]`.
fn out_of_api(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|attr| {
        let Ok(list) = attr.meta.require_list() else {
            return false;
        };
        let inner = list.tokens.to_string();
        (attr.path().is_ident("doc") && inner == "hidden")
            || (attr.path().is_ident("cfg") && (inner == "test" || inner == "doctest"))
    })
}

/// Items of `types` are named without the module (`ShowJobInfoResponse`); others keep it
/// (`builder::ShowJobInfo`).
fn qualified(module: &str, name: &str) -> String {
    match module {
        "" | "types" => name.to_string(),
        _ => format!(
            "{}::{name}",
            module.strip_prefix("types::").unwrap_or(module)
        ),
    }
}

fn type_name(ty: &syn::Type) -> Option<String> {
    match ty {
        syn::Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
        _ => None,
    }
}

fn signature(sig: &syn::Signature) -> String {
    let mut sig = sig.clone();
    for input in sig.inputs.iter_mut() {
        match input {
            syn::FnArg::Receiver(r) => r.mutability = None,
            syn::FnArg::Typed(t) => {
                if let syn::Pat::Ident(ident) = t.pat.as_mut() {
                    ident.mutability = None;
                }
            }
        }
    }
    tokens(&sig)
}

/// Tokens as compact Rust text, with the `::std::...` noise trimmed.
fn tokens(node: &impl ToTokens) -> String {
    let text = node.to_token_stream().to_string();
    let mut out = text
        .replace(" :: ", "::")
        .replace(":: ", "::")
        .replace(" ::", "::")
        .replace(" : ", ": ")
        .replace(" < ", "<")
        .replace("< ", "<")
        .replace(" <", "<")
        .replace(" >", ">")
        .replace(" ,", ",")
        .replace("& ", "&")
        .replace("' ", "'")
        .replace(" (", "(")
        .replace("( ", "(")
        .replace(" )", ")")
        .replace(" ;", ";");
    if let Some(trimmed) = out.strip_suffix(',') {
        out = trimmed.to_string();
    }
    for noise in [
        "::std::convert::",
        "std::convert::",
        "::std::option::",
        "::std::string::",
        "::std::vec::",
        "::std::collections::",
        "::std::boxed::",
        "::std::result::",
        "::std::primitive::",
        "crate::types::",
        "super::types::",
        "types::",
    ] {
        out = out.replace(noise, "");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const OLD: &str = r#"
        pub mod types {
            pub struct ShowJobInfoResponse {
                pub job_id: ::std::string::String,
                pub fail_reason: ::std::option::Option<::std::string::String>,
                pub size: i32,
            }
            pub enum JobStatus { Running, Unknown(::std::string::String) }
            pub struct Gone { pub a: i32 }
            pub mod builder { pub struct ShowJobInfoResponse { job_id: i32 } }
        }
        pub struct Client { pub(crate) baseurl: String }
        impl Client {
            pub fn show_job_info(&self) -> builder::ShowJobInfo<'_> { todo!() }
            fn private(&self) {}
        }
        pub mod builder {
            pub struct ShowJobInfo<'a> { client: &'a super::Client }
            impl<'a> ShowJobInfo<'a> {
                pub fn job_id<V>(mut self, value: V) -> Self where V: TryInto<String> { self }
            }
        }
    "#;

    const NEW: &str = r#"
        pub mod types {
            pub struct ShowJobInfoResponse {
                pub fail_reason: ::std::option::Option<::std::string::String>,
                pub size: i64,
                pub extra: bool,
            }
            pub enum JobStatus { Running, Done, Unknown(::std::string::String) }
        }
        pub struct Client { pub(crate) baseurl: String }
        impl Client {
            pub fn show_job_info(&self) -> builder::ShowJobInfo<'_> { todo!() }
            pub fn list_jobs(&self) -> builder::ListJobs<'_> { todo!() }
        }
        pub mod builder {
            pub struct ShowJobInfo<'a> { client: &'a super::Client }
            impl<'a> ShowJobInfo<'a> {}
        }
    "#;

    #[test]
    fn lists_removed_changed_and_added_items() {
        let old = RustApi::parse(OLD).unwrap();
        let new = RustApi::parse(NEW).unwrap();
        let found = diff_api(&old, &new);
        let changes: Vec<String> = found
            .iter()
            .map(|c| format!("{} {}: {}", c.change.as_str(), c.item, c.detail()))
            .collect();
        assert_eq!(
            changes,
            [
                "removed Gone: struct",
                "removed ShowJobInfoResponse.job_id: String",
                "removed builder::ShowJobInfo::job_id: fn job_id<V>(self, value: V) -> Self where V: TryInto<String>",
                "changed ShowJobInfoResponse.size: i32 → i64",
                "added Client::list_jobs: fn list_jobs(&self) -> builder::ListJobs<'_>",
                "added JobStatus::Done: unit variant",
                "added ShowJobInfoResponse.extra: bool",
            ]
        );
        for kind in ItemChange::ALL {
            assert!(
                found.iter().any(|c| c.change == kind),
                "{kind:?}: not covered here"
            );
        }
    }

    #[test]
    fn bad_rust_is_an_error() {
        assert!(RustApi::parse("pub struct {").is_err());
    }
}
