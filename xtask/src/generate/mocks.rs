//! The typed httpmock helpers (`mock` module, behind the service crate's `mock` feature).

use std::path::Path;

use proc_macro2::TokenStream;
use quote::quote;

use super::GenError;
use super::operations::OperationMeta;

/// Makes the mock helpers match path values the way the client sends them. progenitor's httpmock
/// generator puts a path value into the path regex as it is (`format!("^/v2/{}/...", value)`), so
/// `when.instance_id("../x")` could never match the request, which carries `..%2Fx`, and a `.` in a
/// value would match any character. This percent-encodes the value as the client does and escapes
/// it for the regex. Fails if progenitor's mock code no longer has that shape.
/// The `mock` module: progenitor's httpmock helpers, with path values matched as the client sends
/// them ([`encode_mock_path_values`]).
pub(super) fn mock_module(
    spec_path: &Path,
    mock: TokenStream,
    operations: &[OperationMeta],
) -> Result<syn::Item, GenError> {
    let mock = encode_mock_path_values(spec_path, mock, operations)?;
    syn::parse2(quote! {
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
    })
}

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
                        &::hwcloud_core::__private::encode_path_value(&value.to_string())
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
