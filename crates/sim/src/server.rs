//! The HTTP side: one route per operation of every spec (from the generated `OPERATIONS` tables),
//! the gateway in front of them (request log, faults, authentication), the admin endpoint, and
//! connections that can be reset on purpose.

use std::convert::Infallible;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll};
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::{RawPathParams, Request, State};
use axum::response::Response;
use axum::routing::{MethodFilter, MethodRouter, on};
use bytes::Bytes;
use futures_util::FutureExt;
use http_body_util::BodyExt;
use hwcloud_core::__private::Operation;
use hyper::StatusCode;
use hyper::body::Incoming;
use hyper::header::{CONTENT_LENGTH, CONTENT_TYPE, HeaderValue};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Notify, watch};

use crate::RequestRecord;
use crate::answer::{Answer, Service, fault_answer, gateway, html_page};
use crate::auth::Auth;
use crate::faults::{After, Instead};
use crate::handlers::{Call, bad_request, handle};
use crate::state::{HANDLED, Shared, lock, operations};
use crate::world::ApiError;

/// How much of an oversized body is read (and dropped) before answering.
const DRAIN_LIMIT: usize = 16 * 1024 * 1024;

/// What a connection's requests can do to the connection.
#[derive(Debug, Default)]
pub(crate) struct ConnCtl {
    /// Close with a TCP reset rather than a FIN.
    reset: Arc<AtomicBool>,
    /// Drop the connection now.
    kill: Notify,
}

impl ConnCtl {
    fn reset_now(&self) {
        self.reset.store(true, Ordering::SeqCst);
        self.kill.notify_one();
    }
}

#[derive(Clone)]
struct ConnHandle(Arc<ConnCtl>);

/// A TCP stream that, when told to, closes with a reset (`SO_LINGER` 0) instead of a FIN.
struct ResettableStream {
    stream: TcpStream,
    reset: Arc<AtomicBool>,
}

impl Drop for ResettableStream {
    fn drop(&mut self) {
        if self.reset.load(Ordering::SeqCst) {
            let _ = self.stream.set_zero_linger();
        }
    }
}

impl AsyncRead for ResettableStream {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_read(cx, buf)
    }
}

impl AsyncWrite for ResettableStream {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.get_mut().stream).poll_write(cx, buf)
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_shutdown(cx)
    }
}

/// Accepts connections until `shutdown` turns true.
pub(crate) async fn serve(
    listener: TcpListener,
    router: Router,
    read_timeout: Duration,
    mut shutdown: watch::Receiver<bool>,
) {
    loop {
        tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, peer)) => {
                    let _ = stream.set_nodelay(true);
                    tracing::debug!(%peer, "connection");
                    tokio::spawn(connection(stream, router.clone(), read_timeout, shutdown.clone()));
                }
                Err(e) => {
                    tracing::warn!(error = %e, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
            },
            _ = shutdown.changed() => break,
        }
    }
}

async fn connection(
    stream: TcpStream,
    router: Router,
    read_timeout: Duration,
    mut shutdown: watch::Receiver<bool>,
) {
    let ctl = Arc::new(ConnCtl::default());
    let io = ResettableStream {
        stream,
        reset: Arc::clone(&ctl.reset),
    };
    let handle = ConnHandle(Arc::clone(&ctl));
    let service = hyper::service::service_fn(move |request: hyper::Request<Incoming>| {
        let router = router.clone();
        let handle = handle.clone();
        async move {
            let mut request = request.map(Body::new);
            request.extensions_mut().insert(handle);
            let call = tower::ServiceExt::oneshot(router, request);
            match std::panic::AssertUnwindSafe(call).catch_unwind().await {
                Ok(Ok(response)) => Ok::<_, Infallible>(response),
                Ok(Err(never)) => match never {},
                Err(_) => {
                    tracing::error!("a handler panicked");
                    Ok(plain(500, "internal error"))
                }
            }
        }
    });
    let conn = hyper::server::conn::http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(read_timeout)
        .serve_connection(TokioIo::new(io), service);
    tokio::pin!(conn);
    tokio::select! {
        _ = conn.as_mut() => {}
        _ = ctl.kill.notified() => {
            tracing::debug!("connection reset on purpose");
        }
        _ = shutdown.changed() => {
            conn.as_mut().graceful_shutdown();
            let _ = tokio::time::timeout(Duration::from_secs(2), conn).await;
        }
    }
}

fn plain(status: u16, text: &str) -> Response {
    let mut response = Response::new(Body::from(text.to_owned()));
    *response.status_mut() =
        StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    response
}

/// The router: a route per operation, the admin endpoint, and the gateway's 404 for anything else.
pub(crate) fn router(shared: Arc<Shared>) -> Result<Router, String> {
    let mut router = Router::new();
    for (service, op) in operations() {
        if !HANDLED.contains(&op.name) {
            return Err(format!(
                "no handler for {} ({} {})",
                op.name, op.method, op.path
            ));
        }
        let filter = MethodFilter::try_from(
            op.method
                .parse::<hyper::Method>()
                .map_err(|e| format!("{}: {e}", op.name))?,
        )
        .map_err(|e| format!("{}: {e}", op.name))?;
        let method: MethodRouter<Arc<Shared>> = on(
            filter,
            move |State(shared): State<Arc<Shared>>, params: RawPathParams, request: Request| {
                gateway(shared, service, op, params, request)
            },
        )
        .fallback(move |State(shared): State<Arc<Shared>>, request: Request| {
            no_api(shared, Some(service), request)
        });
        router = router.route(op.path, method);
    }
    let admin = crate::admin::router();
    Ok(router
        .nest("/_sim", admin)
        .fallback(|State(shared): State<Arc<Shared>>, request: Request| {
            no_api(shared, None, request)
        })
        .with_state(shared))
}

/// The answer to a path (or method) no operation has.
async fn no_api(shared: Arc<Shared>, service: Option<Service>, request: Request) -> Response {
    let (parts, _) = request.into_parts();
    let index = start_record(&shared, &parts, None, Bytes::new());
    let answer = Answer::gateway_error(
        service.unwrap_or(Service::Dcs),
        &ApiError::new(
            404,
            gateway::NO_API,
            "The API does not exist or has not been published in the environment.",
        ),
    );
    finish_record(&shared, index, &answer, None);
    into_response(answer, &request_id(index))
}

fn request_id(index: u64) -> String {
    format!("5135a5e0{:024x}", index + 1)
}

fn redact(name: &str, value: &str) -> String {
    match name {
        "x-auth-token" | "x-security-token" => "[REDACTED]".into(),
        _ => value.to_owned(),
    }
}

/// Logs a request as it arrives; returns its `seq`.
fn start_record(
    shared: &Shared,
    parts: &hyper::http::request::Parts,
    operation: Option<&str>,
    body: Bytes,
) -> u64 {
    let record = RequestRecord {
        seq: shared.seq.fetch_add(1, Ordering::SeqCst),
        at_ms: shared.clock.now_ms(),
        method: parts.method.to_string(),
        path: parts.uri.path().to_owned(),
        query: parts.uri.query().map(str::to_owned),
        operation: operation.map(str::to_owned),
        headers: parts
            .headers
            .iter()
            .map(|(n, v)| {
                let v = String::from_utf8_lossy(v.as_bytes());
                (n.as_str().to_owned(), redact(n.as_str(), &v))
            })
            .collect(),
        body: String::from_utf8_lossy(&body).into_owned(),
        principal: None,
        faults: Vec::new(),
        status: None,
        content_type: None,
        response_body: None,
        reset: false,
    };
    let seq = record.seq;
    lock(&shared.log).push(record);
    seq
}

fn finish_record(shared: &Shared, index: u64, answer: &Answer, principal: Option<String>) {
    let mut log = lock(&shared.log);
    if let Some(record) = log.get_mut(index) {
        record.status = Some(answer.status.as_u16());
        record.content_type = answer.content_type.map(str::to_owned);
        record.response_body = Some(String::from_utf8_lossy(&answer.body).into_owned());
        if principal.is_some() {
            record.principal = principal;
        }
    }
}

/// What the operation of request `index` last answered (2xx) for the same path and query.
fn last_answer(shared: &Shared, index: u64) -> Option<Answer> {
    let log = lock(&shared.log);
    let this = log.iter().find(|r| r.seq == index)?;
    let (operation, path, query) = (
        this.operation.clone(),
        this.path.clone(),
        this.query.clone(),
    );
    log.iter()
        .filter(|r| r.seq < index)
        .filter(|r| r.operation == operation && r.path == path && r.query == query)
        .filter(|r| r.status.is_some_and(|s| (200..300).contains(&s)))
        .last()
        .and_then(|r| {
            Some(Answer {
                status: axum::http::StatusCode::from_u16(r.status?).ok()?,
                content_type: Some("application/json"),
                body: bytes::Bytes::from(r.response_body.clone()?),
                headers: Vec::new(),
            })
        })
}

fn update_record(shared: &Shared, index: u64, f: impl FnOnce(&mut RequestRecord)) {
    if let Some(record) = lock(&shared.log).get_mut(index) {
        f(record);
    }
}

fn into_response(answer: Answer, request_id: &str) -> Response {
    let mut response = Response::new(Body::from(answer.body));
    *response.status_mut() = answer.status;
    let headers = response.headers_mut();
    if let Some(ct) = answer.content_type {
        headers.insert(CONTENT_TYPE, HeaderValue::from_static(ct));
    }
    if let Ok(id) = HeaderValue::from_str(request_id) {
        headers.insert("x-request-id", id);
    }
    for (name, value) in answer.headers {
        if let Ok(value) = HeaderValue::from_str(&value) {
            headers.insert(name, value);
        }
    }
    response
}

/// Waits forever: the connection task drops the connection (and this future) first.
async fn reset(ctl: &ConnCtl) -> Response {
    ctl.reset_now();
    std::future::pending::<()>().await;
    unreachable!("the connection is dropped before this resolves")
}

/// The API gateway and the service behind it, for one request of `op`.
async fn gateway(
    shared: Arc<Shared>,
    service: Service,
    op: &'static Operation,
    params: RawPathParams,
    request: Request,
) -> Response {
    let params: Vec<(String, String)> = params
        .iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
    let (parts, body) = request.into_parts();
    let ctl = parts
        .extensions
        .get::<ConnHandle>()
        .map(|h| Arc::clone(&h.0));

    // The whole request arrives first (bounded in size and time).
    let body = match read_body(body, shared.max_body, shared.read_timeout).await {
        Ok(body) => body,
        Err(message) => {
            let index = start_record(&shared, &parts, Some(op.name), Bytes::new());
            let answer = Answer::service_error(service, &bad_request(service, &message));
            finish_record(&shared, index, &answer, None);
            let mut response = into_response(answer, &request_id(index));
            // The rest of an oversized body is not read: close rather than reuse the connection.
            response
                .headers_mut()
                .insert("connection", HeaderValue::from_static("close"));
            return response;
        }
    };
    let index = start_record(&shared, &parts, Some(op.name), body.clone());
    let id = request_id(index);
    let plan = lock(&shared.faults).take(Some(op.name));
    if !plan.applied.is_empty() {
        tracing::info!(operation = op.name, faults = ?plan.applied, "faults injected");
        let applied = plan.applied.clone();
        update_record(&shared, index, |r| r.faults = applied);
    }
    if !plan.latency.is_zero() {
        tokio::time::sleep(plan.latency).await;
    }
    let mut body = body.to_vec();
    if plan.tamper {
        match body.first_mut() {
            Some(byte) => *byte ^= 0x01,
            None => body.push(b' '),
        }
    }
    match plan.instead {
        Some(Instead::Reset) => {
            update_record(&shared, index, |r| r.reset = true);
            if let Some(ctl) = &ctl {
                return reset(ctl).await;
            }
        }
        Some(Instead::Status {
            status,
            retry_after_secs,
        }) => {
            let answer = fault_answer(service, status, retry_after_secs);
            finish_record(&shared, index, &answer, None);
            return into_response(answer, &id);
        }
        Some(Instead::Html { status }) => {
            let answer = html_page(status);
            finish_record(&shared, index, &answer, None);
            return into_response(answer, &id);
        }
        Some(Instead::Busy { status, error_code }) => {
            let error = crate::world::ApiError::new(
                status,
                &error_code,
                "The instance is busy (a task is running); nothing was done. Try again later.",
            );
            let answer = Answer::service_error(service, &error);
            finish_record(&shared, index, &answer, None);
            return into_response(answer, &id);
        }
        Some(Instead::Stale) => {
            if let Some(answer) = last_answer(&shared, index) {
                finish_record(&shared, index, &answer, None);
                return into_response(answer, &id);
            }
        }
        None => {}
    }

    let param = |name: &str| {
        params
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or_default()
    };
    let path_and_query = parts
        .uri
        .path_and_query()
        .map(|pq| pq.as_str())
        .unwrap_or("/");
    let principal = shared
        .auth
        .authenticate(parts.method.as_str(), path_and_query, &parts.headers, &body)
        .and_then(|p| {
            let project = params
                .iter()
                .any(|(k, _)| k == "project_id")
                .then(|| param("project_id"));
            Auth::authorize(&p, project, &parts.headers).map(|()| p)
        });
    let (answer, who) = match principal {
        Err(error) => {
            tracing::info!(operation = op.name, status = error.status, reason = %error.msg, "refused");
            (Answer::gateway_error(service, &error), None)
        }
        Ok(principal) => {
            // What the operation's waiter reads before sending, as it stands before it is
            // performed: what checking it later the way the waiter does needs.
            let before = crate::proof::before(&shared, service, op.name, &params, &body).await;
            let performed = lock(&shared.world).performed().len();
            let call = Call {
                shared: &shared,
                service,
                params: &params,
                query: parts.uri.query(),
                headers: &parts.headers,
                body: &body,
            };
            let answer = handle(op.name, &call).await;
            if let Some(resume) = before
                && lock(&shared.world).performed().len() > performed
            {
                let answer =
                    serde_json::from_slice(&answer.body).unwrap_or(serde_json::Value::Null);
                lock(&shared.proofs).insert(performed, (service, resume.with_answer(answer)));
            }
            (answer, Some(principal.how))
        }
    };
    finish_record(&shared, index, &answer, who);
    match (plan.after, ctl) {
        (Some(After::Reset), Some(ctl)) => {
            update_record(&shared, index, |r| r.reset = true);
            reset(&ctl).await
        }
        (Some(After::Truncate), Some(ctl)) => truncated(answer, &id, ctl),
        (Some(After::Slow { chunk_bytes, delay }), _) => slow(answer, &id, chunk_bytes, delay),
        _ => into_response(answer, &id),
    }
}

/// Reads the whole body, keeping at most `limit` bytes. An oversized body is still read (and
/// dropped) up to [`DRAIN_LIMIT`], so that the client gets the 400 rather than a broken pipe.
async fn read_body(mut body: Body, limit: usize, timeout: Duration) -> Result<Bytes, String> {
    let read = async {
        let mut kept = Vec::new();
        let mut total = 0usize;
        while let Some(frame) = body.frame().await {
            let frame = frame.map_err(|e| format!("the request body could not be read: {e}"))?;
            if let Ok(data) = frame.into_data() {
                total += data.len();
                if total <= limit {
                    kept.extend_from_slice(&data);
                } else if total > DRAIN_LIMIT {
                    break;
                }
            }
        }
        if total > limit {
            return Err(format!("the request body is larger than {limit} bytes"));
        }
        Ok(Bytes::from(kept))
    };
    tokio::time::timeout(timeout, read)
        .await
        .unwrap_or_else(|_| Err("the request body did not arrive in time".into()))
}

/// The answer with its full length announced, its first half sent, then a reset.
fn truncated(answer: Answer, id: &str, ctl: Arc<ConnCtl>) -> Response {
    let full = answer.body.clone();
    let half = full.slice(..full.len() / 2);
    let stream = futures_util::stream::unfold(0u8, move |state| {
        let half = half.clone();
        let ctl = Arc::clone(&ctl);
        async move {
            match state {
                0 => Some((Ok::<Bytes, std::io::Error>(half), 1)),
                _ => {
                    // Give the first half time to leave, then reset.
                    tokio::time::sleep(Duration::from_millis(20)).await;
                    ctl.reset_now();
                    std::future::pending::<()>().await;
                    None
                }
            }
        }
    });
    let len = full.len();
    let mut response = into_response(answer, id);
    *response.body_mut() = Body::from_stream(stream);
    response
        .headers_mut()
        .insert(CONTENT_LENGTH, HeaderValue::from(len));
    response
}

/// The answer sent `chunk_bytes` at a time, `delay` apart.
fn slow(answer: Answer, id: &str, chunk_bytes: usize, delay: Duration) -> Response {
    let full = answer.body.clone();
    let len = full.len();
    let stream = futures_util::stream::unfold(0usize, move |at| {
        let full = full.clone();
        async move {
            if at >= full.len() {
                return None;
            }
            if at > 0 {
                tokio::time::sleep(delay).await;
            }
            let end = (at + chunk_bytes).min(full.len());
            Some((Ok::<Bytes, std::io::Error>(full.slice(at..end)), end))
        }
    });
    let mut response = into_response(answer, id);
    *response.body_mut() = Body::from_stream(stream);
    response
        .headers_mut()
        .insert(CONTENT_LENGTH, HeaderValue::from(len));
    response
}
