//! `pub const WAITERS`, each operation's `x-waiter` as the core's `wait::spec` types, which the
//! core's engine, the service crates' `send_and_wait`, `hwc` and the simulator read.

use std::path::Path;

use proc_macro2::TokenStream;
use quote::quote;
use serde_json::Value;

use super::GenError;
use crate::waiter::{Condition, Read, Source, waiters};

fn source(s: &Source) -> TokenStream {
    match s {
        Source::Const(v) => quote!(::hwcloud_core::wait::spec::Source::Const(#v)),
        Source::Param(v) => quote!(::hwcloud_core::wait::spec::Source::Param(#v)),
        Source::Answer(v) => quote!(::hwcloud_core::wait::spec::Source::Answer(#v)),
        Source::Body(v) => quote!(::hwcloud_core::wait::spec::Source::Body(#v)),
    }
}

fn condition(c: &Condition) -> TokenStream {
    let path = &c.path;
    let equals = source(&c.equals);
    let all_if = match &c.all_if {
        Some(v) => quote!(Some(#v)),
        None => quote!(None),
    };
    quote!(::hwcloud_core::wait::spec::Condition { path: #path, equals: #equals, all_if: #all_if })
}

fn read(r: &Read) -> TokenStream {
    let op = &r.operation;
    let params = r.params.iter().map(|(name, s)| {
        let s = source(s);
        quote!((#name, #s))
    });
    quote!(::hwcloud_core::wait::spec::Read { operation: #op, params: &[#(#params),*] })
}

/// The table, or the first malformed `x-waiter`.
pub(super) fn waiters_table(spec_path: &Path, raw: &Value) -> Result<syn::Item, GenError> {
    let mut entries = Vec::new();
    for waiter in waiters(raw) {
        let w = waiter.map_err(|e| GenError::spec(spec_path, e))?;
        let (operation, flag, summary, state) = (&w.operation, &w.flag, &w.summary, &w.state);
        let (busy, success, failure, pending) = (&w.busy, &w.success, &w.failure, &w.pending);
        let reject = w.reject.iter().map(condition);
        let poll = read(&w.poll);
        let tasks = match &w.tasks {
            None => quote!(None),
            Some(t) => {
                let (items, key) = (&t.items, &t.key);
                let paging = match &t.paging {
                    None => quote!(None),
                    Some(p) => {
                        let (offset, limit, first, size, total) =
                            (&p.offset, &p.limit, p.first, p.size, &p.total);
                        quote!(Some(::hwcloud_core::wait::spec::Paging {
                            offset: #offset, limit: #limit, first: #first, size: #size, total: #total,
                        }))
                    }
                };
                quote!(Some(::hwcloud_core::wait::spec::Tasks { items: #items, key: #key, paging: #paging }))
            }
        };
        let (grace, deadline) = (w.not_found_grace, w.deadline_secs);
        let baseline = match w.baseline.as_str() {
            "leave" => quote!(Leave),
            "new-item" => quote!(NewItem),
            "running-item" => quote!(RunningItem),
            _ => quote!(None),
        };
        let verify = match &w.verify {
            None => quote!(None),
            Some(v) => {
                let r = read(&v.read);
                let (items, key, attempts) = (&v.items, &v.key, v.attempts);
                let sel = condition(&v.select);
                let select = if v.before {
                    quote!(::hwcloud_core::wait::spec::Select::Before(#sel))
                } else {
                    quote!(::hwcloud_core::wait::spec::Select::Now(#sel))
                };
                let expect = condition(&v.expect);
                quote!(Some(::hwcloud_core::wait::spec::Verify {
                    read: #r, items: #items, key: #key, select: #select, expect: #expect,
                    attempts: #attempts,
                }))
            }
        };
        entries.push(quote! {
            ::hwcloud_core::wait::spec::WaiterSpec {
                operation: #operation,
                flag: #flag,
                summary: #summary,
                busy: &[#(#busy),*],
                reject: &[#(#reject),*],
                poll: #poll,
                tasks: #tasks,
                state: #state,
                success: &[#(#success),*],
                failure: &[#(#failure),*],
                pending: &[#(#pending),*],
                not_found_grace: #grace,
                deadline_secs: #deadline,
                baseline: ::hwcloud_core::wait::spec::Baseline::#baseline,
                verify: #verify,
            }
        });
    }
    syn::parse2(quote! {
        /// How each operation that starts something (or can be watched) is followed and proven,
        /// from its spec's `x-waiter` (read by the core's wait engine, `hwc` and the simulator).
        #[doc(hidden)]
        pub const WAITERS: &[::hwcloud_core::wait::spec::WaiterSpec] = &[#(#entries),*];
    })
    .map_err(|e| GenError::spec(spec_path, format!("waiter table: {e}")))
}
