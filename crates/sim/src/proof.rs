//! How a switchover is proven, which the simulator does not know on its own: each spec's waiter
//! (the generated `WAITERS` tables) says what its verification reads and expects. Before a start
//! is performed, the simulator reads through its own handlers what the waiter reads before
//! sending (the roles, the AZs); any switchover performed can then be checked the way the waiter
//! checks it, against the simulator's ground truth ([`crate::SimHandle::verify`]).

use std::sync::Arc;

use hwcloud_core::__private::reqwest::StatusCode;
use hwcloud_core::wait::Resume;
use hwcloud_core::wait::engine::{CallFuture, Inputs, Reader};
use hwcloud_core::wait::spec::WaiterSpec;
use hwcloud_core::{Error, ServiceError};
use serde_json::{Map, Value};

use crate::answer::Service;
use crate::handlers::{Call, handle};
use crate::state::{Shared, operations};

/// The waiter of a start, if its spec declares one.
pub(crate) fn waiter(service: Service, operation: &str) -> Option<&'static WaiterSpec> {
    let table = match service {
        Service::Dcs => hwcloud_dcs::WAITERS,
        Service::Drs => hwcloud_drs::WAITERS,
        Service::Css => hwcloud_css::WAITERS,
    };
    table
        .iter()
        .find(|w| w.operation == operation && w.flag == "wait")
}

/// A start's inputs as the waiter reads them: its path parameters and its JSON body.
pub(crate) fn inputs(params: &[(String, String)], body: &[u8]) -> Inputs {
    Inputs {
        params: params
            .iter()
            .map(|(k, v)| (k.clone(), Value::String(v.clone())))
            .collect::<Map<_, _>>(),
        body: serde_json::from_slice(body).unwrap_or(Value::Null),
    }
}

/// Calls the simulator's own handlers, as the wait engine calls a service: by `operationId`,
/// parameters by name (path or query, as the operation's path says), a JSON body. Nothing goes
/// through the network, the request log or the faults.
pub(crate) fn reader(shared: Arc<Shared>, service: Service) -> Reader {
    Arc::new(move |name: &'static str, params, body| {
        let shared = Arc::clone(&shared);
        Box::pin(async move {
            let op = operations()
                .find(|(s, op)| *s == service && op.name == name)
                .map(|(_, op)| op)
                .ok_or_else(|| Error::InvalidRequest(format!("no operation {name}")))?;
            let (path, query): (Vec<_>, Vec<_>) = params
                .into_iter()
                .partition(|(k, _)| op.path.contains(&format!("{{{k}}}")));
            let query: String = form_urlencoded::Serializer::new(String::new())
                .extend_pairs(query)
                .finish();
            let body = body.map(|b| b.to_string().into_bytes()).unwrap_or_default();
            let mut headers = hyper::HeaderMap::new();
            headers.insert(
                hyper::header::CONTENT_TYPE,
                hyper::header::HeaderValue::from_static("application/json"),
            );
            let call = Call {
                shared: &shared,
                service,
                params: &path,
                query: Some(&query),
                headers: &headers,
                body: &body,
            };
            let answer = handle(op.name, &call).await;
            let status = answer.status.as_u16();
            if answer.status.is_success() {
                return Ok(serde_json::from_slice(&answer.body).unwrap_or(Value::Null));
            }
            let error: Value = serde_json::from_slice(&answer.body).unwrap_or(Value::Null);
            let text = |keys: &[&str]| {
                keys.iter()
                    .find_map(|k| error.get(k).and_then(Value::as_str))
                    .map(str::to_owned)
            };
            Err(Error::Service(ServiceError::new(
                StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
                text(&["error_code", "errCode"]),
                text(&["error_msg", "externalMessage"]),
                None,
                &answer.body,
            )))
        }) as CallFuture
    })
}

/// What the waiter of `operation` reads before sending, read now (before the start is
/// performed); `None` when it has no waiter or the reads fail.
pub(crate) async fn before(
    shared: &Arc<Shared>,
    service: Service,
    operation: &str,
    params: &[(String, String)],
    body: &[u8],
) -> Option<Resume> {
    let spec = waiter(service, operation)?;
    let reader = reader(Arc::clone(shared), service);
    hwcloud_core::wait::engine::read_before(spec, reader, inputs(params, body))
        .await
        .ok()
}
