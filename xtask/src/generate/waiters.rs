//! `pub const WAITERS`, each operation's `x-waiter` as the core's `wait::spec` types, which the
//! core's engine, the service crates' `send_and_wait`, `hwc` and the simulator read.

use std::path::Path;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use serde_json::Value;

use super::GenError;
use crate::waiter::{Condition, Look, Read, Source, Template, waiters};

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

fn template(t: &Template) -> TokenStream {
    match t {
        Template::Value(s) => {
            let s = source(s);
            quote!(::hwcloud_core::wait::spec::Template::Value(#s))
        }
        Template::Literal(l) => quote!(::hwcloud_core::wait::spec::Template::Literal(#l)),
        Template::List(items) => {
            let items = items.iter().map(template);
            quote!(::hwcloud_core::wait::spec::Template::List(&[#(#items),*]))
        }
        Template::Map(entries) => {
            let entries = entries.iter().map(|(k, v)| {
                let v = template(v);
                quote!((#k, #v))
            });
            quote!(::hwcloud_core::wait::spec::Template::Map(&[#(#entries),*]))
        }
    }
}

fn look(l: &Look) -> TokenStream {
    let r = read(&l.read);
    let body = match &l.body {
        Some(t) => {
            let t = template(t);
            quote!(Some(#t))
        }
        None => quote!(None),
    };
    let show = &l.show;
    let name = match &l.name {
        Some(n) => quote!(Some(#n)),
        None => quote!(None),
    };
    let busy = l.busy.iter().map(|b| {
        let (path, say) = (&b.path, &b.say);
        let when = match &b.one_of {
            None => quote!(::hwcloud_core::wait::spec::When::Present),
            Some(values) => quote!(::hwcloud_core::wait::spec::When::OneOf(&[#(#values),*])),
        };
        quote!(::hwcloud_core::wait::spec::Busy { path: #path, when: #when, say: #say })
    });
    quote!(::hwcloud_core::wait::spec::Look {
        read: #r, body: #body, show: &[#(#show),*], name: #name, busy: &[#(#busy),*],
    })
}

fn tasks_of(t: &crate::waiter::Tasks) -> TokenStream {
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
    quote!(::hwcloud_core::wait::spec::Tasks { items: #items, key: #key, paging: #paging })
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
                let t = tasks_of(t);
                quote!(Some(#t))
            }
        };
        let reasons = &w.reasons;
        let progress = match &w.progress {
            None => quote!(None),
            Some(p) => {
                let (total, done) = (&p.total, &p.done);
                let current = match &p.current {
                    Some(c) => quote!(Some(#c)),
                    None => quote!(None),
                };
                quote!(Some(::hwcloud_core::wait::spec::Progress {
                    total: #total, done: #done, current: #current,
                }))
            }
        };
        let evidence = match &w.evidence {
            None => quote!(None),
            Some(e) => {
                let (r, t) = (read(&e.read), tasks_of(&e.tasks));
                let matches = e.matches.iter().map(condition);
                let (state, success, failure) = (&e.state, &e.success, &e.failure);
                quote!(Some(::hwcloud_core::wait::spec::Evidence {
                    read: #r, tasks: #t, matches: &[#(#matches),*], state: #state,
                    success: &[#(#success),*], failure: &[#(#failure),*],
                }))
            }
        };
        let looks = w.look.iter().map(look);
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
                let sel = v.select.iter().map(condition);
                let sel = quote!(&[#(#sel),*]);
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
                reasons: &[#(#reasons),*],
                progress: #progress,
                evidence: #evidence,
                look: &[#(#looks),*],
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

/// The component schema a `$ref` names.
fn ref_name(v: &Value) -> Option<&str> {
    v.get("$ref")?.as_str()?.rsplit('/').next()
}

/// The Rust type of the state a waiter follows: the poll's success answer, or the item of its
/// task list.
fn state_type(raw: &Value, w: &crate::waiter::Waiter) -> Result<syn::Ident, String> {
    let op = crate::openapi::operations(raw)
        .into_iter()
        .find(|o| o.value.get("operationId").and_then(Value::as_str) == Some(&w.poll.operation))
        .ok_or_else(|| {
            format!(
                "{}: polls `{}`, which the spec does not have",
                w.operation, w.poll.operation
            )
        })?;
    let answer = op
        .value
        .get("responses")
        .and_then(|r| r.get("200"))
        .and_then(|r| r.pointer("/content/application~1json/schema"))
        .and_then(ref_name)
        .ok_or_else(|| {
            format!(
                "{}: `{}` answers no component schema on 200",
                w.operation, w.poll.operation
            )
        })?;
    let name = match &w.tasks {
        None => answer.to_owned(),
        Some(t) => {
            let field = t.items.trim_start_matches('/');
            raw.pointer(&format!(
                "/components/schemas/{answer}/properties/{field}/items"
            ))
            .and_then(ref_name)
            .ok_or_else(|| {
                format!(
                    "{}: `{answer}.{field}` is not an array of a component schema",
                    w.operation
                )
            })?
            .to_owned()
        }
    };
    Ok(format_ident!(
        "{}",
        heck::ToUpperCamelCase::to_upper_camel_case(name.as_str())
    ))
}

/// The generated API of the waiters: `Client::waiter_reader` (how the engine calls this
/// service's operations), each start builder's `send_and_wait`, and `Client::waiter_for` by name.
pub(super) fn waiters_api(spec_path: &Path, raw: &Value) -> Result<Vec<syn::Item>, GenError> {
    let mut items: Vec<syn::Item> = vec![syn::parse_quote! {
        impl Client {
            /// How the wait engine calls this service's operations (by `operationId`).
            #[doc(hidden)]
            pub fn waiter_reader(&self) -> ::hwcloud_core::wait::engine::Reader {
                let client = self.clone();
                ::std::sync::Arc::new(move |operation: &'static str, params: ::std::vec::Vec<(::std::string::String, ::std::string::String)>, body: ::std::option::Option<::serde_json::Value>| {
                    let client = client.clone();
                    ::std::boxed::Box::pin(async move {
                        let op = OPERATIONS.iter().find(|o| o.name == operation).ok_or_else(|| {
                            ::hwcloud_core::Error::InvalidRequest(format!("this service has no operation {operation}"))
                        })?;
                        let params: ::std::vec::Vec<(&str, ::std::string::String)> =
                            params.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
                        ::hwcloud_core::__private::call_json(
                            &client.inner, &client.client, &client.baseurl, op, &params, body.as_ref(),
                        )
                        .await
                    })
                })
            }
        }
    }];
    if !waiters(raw).is_empty() {
        items.push(syn::parse_quote! {
            impl Client {
                /// Follows again an operation this client's service started, as `resume`
                /// describes it, never sending it again: a `WaitError::Lost`'s (the start's answer
                /// was lost: evidence that it was performed is looked for first, as the spec's
                /// `x-waiter` says, and what is found is followed), or one kept by `on_sending` in
                /// a journal (with its answer, it is followed and proven against the state read
                /// before it was sent). No evidence by the deadline ends in
                /// `WaitError::NoEvidence`: it may have been performed, never "it was not".
                ///
                /// `S` is the state's type: the poll's answer type, as `send_and_wait`'s, or
                /// `serde_json::Value` (a lost answer resolved through a record of the spec's
                /// `evidence` read follows that record).
                pub fn resume<S>(
                    &self,
                    resume: ::hwcloud_core::wait::Resume,
                ) -> ::hwcloud_core::wait::engine::Follow<S>
                where
                    S: ::serde::de::DeserializeOwned + ::std::fmt::Debug + ::std::clone::Clone + ::std::marker::Send + 'static,
                {
                    match WAITERS.iter().find(|w| w.operation == resume.operation && w.flag == "wait") {
                        Some(spec) => ::hwcloud_core::wait::engine::Follow::resume(spec, self.waiter_reader(), resume),
                        None => ::hwcloud_core::wait::engine::Follow::start(
                            &WAITERS[0],
                            self.waiter_reader(),
                            ::std::result::Result::Err(format!(
                                "this service follows no operation {}",
                                resume.operation
                            )),
                        ),
                    }
                }
            }
        });
    }
    for (index, waiter) in waiters(raw).into_iter().enumerate() {
        let w = waiter.map_err(|e| GenError::spec(spec_path, e))?;
        let state = state_type(raw, &w).map_err(|e| GenError::spec(spec_path, e))?;
        if w.flag != "wait" {
            continue;
        }
        let builder = format_ident!("{}", w.operation);
        let summary = format!(" {}.", w.summary.trim_end_matches('.'));
        let method_doc = format!(
            " Reads what it must before sending, sends `{}` once (again only after a busy refusal, \
             which performed nothing, if `retry_while_busy` asks for it), and follows it as the \
             spec's `x-waiter` says: `.await` gives the final `{state}` once its outcome is \
             proven, or a `WaitError` whose `performed()` says whether it may have been performed.",
            w.operation
        );
        items.push(syn::parse_quote! {
            impl<'a> builder::#builder<'a> {
                #[doc = #summary]
                ///
                #[doc = #method_doc]
                pub fn send_and_wait(self) -> ::hwcloud_core::wait::engine::Follow<types::#state> {
                    ::hwcloud_core::wait::engine::Follow::start(
                        &WAITERS[#index],
                        self.client().waiter_reader(),
                        self.waiter_inputs(),
                    )
                }

                /// [`Self::send_and_wait`], polling as `policy` says.
                pub fn send_and_wait_with(
                    self,
                    policy: ::hwcloud_core::wait::PollPolicy,
                ) -> ::hwcloud_core::wait::engine::Follow<types::#state> {
                    self.send_and_wait().policy(policy)
                }
            }
        });
    }
    Ok(items)
}
