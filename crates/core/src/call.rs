//! One call of a generated operation: the request is checked and authenticated, sent (again only
//! where that is safe), and its answer read within bounds and turned into the operation's value or
//! an [`Error`].
//!
//! Redirects are never followed (the HTTP client is built so): a 3xx is an error naming the host it
//! pointed to, and nothing is sent there.
//!
//! A 401 that rejects an AK/SK signature while the answer's `Date` shows the local clock more than
//! 15 minutes off the gateway's is not the caller's fault and performed nothing: the signing clock
//! is corrected by the measured offset (for every later call of the client too), and the request is
//! signed again and sent once more, whatever the operation ([`crate::clock_skew`]).

use std::time::{Duration, SystemTime};

use bytes::Bytes;
use progenitor_client::ResponseValue;
use reqwest::StatusCode;
use serde::de::DeserializeOwned;
use tracing::Instrument;

use crate::answer::{Answer, X_REQUEST_ID};
use crate::context::Context;
use crate::error::{Error, from_transport};
use crate::operation::Operation;
use crate::path::check_path;
use crate::retry::{retry_after, retryable_status};

/// What a dry run's call returns (as [`Error::InvalidRequest`]): the request went to the dry
/// run's sink and nothing was sent.
#[doc(hidden)]
pub const DRY_RUN: &str = "dry run: the request was not sent";

/// Sends a generated operation's `request` and decodes its JSON success body. The generated
/// `send()` of every operation that answers a body ends here.
#[doc(hidden)]
pub async fn send<T: DeserializeOwned>(
    context: &Context,
    http: &reqwest::Client,
    request: reqwest::Result<reqwest::Request>,
    op: &Operation,
) -> Result<ResponseValue<T>, Error> {
    call(context, http, request, op).await?.into_value(op)
}

/// Sends the operation `op` with `params` (path parameters by their template names, the rest as
/// query parameters; the client's project fills `{project_id}` unless given) and `body`, and
/// returns its JSON answer (`null` for a success without a body): how the wait engine reads and
/// starts, knowing operations only by the spec's table. Sent as the generated `send()` sends it
/// (retried only where that is safe).
#[doc(hidden)]
pub async fn call_json(
    context: &Context,
    http: &reqwest::Client,
    baseurl: &str,
    op: &Operation,
    params: &[(&str, String)],
    body: Option<&serde_json::Value>,
) -> Result<serde_json::Value, Error> {
    let mut path = String::new();
    let mut used = Vec::new();
    for segment in op.path.split('/').filter(|s| !s.is_empty()) {
        path.push('/');
        match segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            Some(name) => {
                let value = match params.iter().find(|(n, _)| *n == name) {
                    Some((_, v)) => v.as_str(),
                    None if name == "project_id" => context.project_id().ok_or_else(|| {
                        Error::InvalidRequest("no project id is configured".to_owned())
                    })?,
                    None => {
                        return Err(Error::InvalidRequest(format!(
                            "{}: no value for the path parameter `{name}`",
                            op.name
                        )));
                    }
                };
                used.push(name);
                path.push_str(&crate::path::encode_path_value(value));
            }
            None => path.push_str(segment),
        }
    }
    let query: Vec<(&str, &str)> = params
        .iter()
        .filter(|(n, _)| !used.contains(n))
        .map(|(n, v)| (*n, v.as_str()))
        .collect();
    let method = reqwest::Method::from_bytes(op.method.as_bytes())
        .map_err(|e| Error::InvalidRequest(format!("{}: {e}", op.name)))?;
    let mut request = http
        .request(method, format!("{baseurl}{path}"))
        .query(&query)
        .header(
            reqwest::header::ACCEPT,
            reqwest::header::HeaderValue::from_static("application/json"),
        );
    if let Some(body) = body {
        request = request.json(body);
    }
    let answer = call(context, http, request.build(), op).await?;
    if answer.status.is_success() && answer.complete && answer.body.is_empty() {
        return answer.into_empty(op).map(|_| serde_json::Value::Null);
    }
    answer.into_value(op).map(ResponseValue::into_inner)
}

/// Sends a generated operation's `request` whose documented success has no body.
#[doc(hidden)]
pub async fn send_empty(
    context: &Context,
    http: &reqwest::Client,
    request: reqwest::Result<reqwest::Request>,
    op: &Operation,
) -> Result<ResponseValue<()>, Error> {
    call(context, http, request, op).await?.into_empty(op)
}

/// Checks and authenticates `request`, then sends it as often as is safe, inside a `tracing` span
/// per call; returns the last answer, read within bounds.
async fn call(
    context: &Context,
    http: &reqwest::Client,
    request: reqwest::Result<reqwest::Request>,
    op: &Operation,
) -> Result<Answer, Error> {
    let mut request = request.map_err(from_transport)?;
    context.prepare(&mut request, op)?;
    if let Some(sink) = &context.dry_run {
        (sink.0)(&request);
        return Err(Error::InvalidRequest(DRY_RUN.to_owned()));
    }
    let span = tracing::info_span!(
        "hwcloud.call",
        service = context.service,
        operation = op.name,
        attempt = tracing::field::Empty,
        status = tracing::field::Empty,
        request_id = tracing::field::Empty,
    );
    attempts(context, http, request, op)
        .instrument(span)
        .await
        .map_err(from_transport)
}

/// Sends `request`, and sends it again while that is safe and worth it: a request that never left
/// (no connection was made) may always be sent again; one that may have reached the service (a
/// timeout after sending, a reset, a 429 or 5xx answer) only when the operation is idempotent.
async fn attempts(
    context: &Context,
    http: &reqwest::Client,
    request: reqwest::Request,
    op: &Operation,
) -> reqwest::Result<Answer> {
    let policy = &context.retry;
    let span = tracing::Span::current();
    let mut attempt = 1;
    // Whether the clock may still be corrected (once per call).
    let mut may_correct_clock = context.signs();
    // What another attempt is made from, if one is allowed at all: the request without its
    // authentication, which every attempt gets afresh (a new date; the corrected clock after a
    // skew). A request whose body cannot be copied (a stream) is sent once.
    let resendable = (policy.max_attempts > 1 || may_correct_clock)
        .then(|| ResendableRequest::of(&request))
        .flatten();
    let resend = |copy: &ResendableRequest| copy.authenticated(context, op).ok();
    let mut next = request;
    loop {
        span.record("attempt", attempt);
        let error = match http.execute(next).await {
            Ok(response) => {
                let status = response.status();
                span.record("status", status.as_u16());
                if let Some(id) = response.headers().get(X_REQUEST_ID) {
                    span.record("request_id", id.to_str().unwrap_or("<binary>"));
                }
                if status == StatusCode::UNAUTHORIZED && may_correct_clock {
                    may_correct_clock = false;
                    // A cut rejection body: nothing was performed, but there is no complete
                    // answer either.
                    let answer = Answer::read(response, context.max_response_body).await?;
                    if let Some(copy) = &resendable
                        && let Some(offset) = crate::clock_skew::correction(context, &answer)
                    {
                        crate::clock_skew::correct(context, offset);
                        if let Some(request) = resend(copy) {
                            next = request;
                            attempt += 1;
                            continue;
                        }
                    }
                    return Ok(answer);
                }
                let retryable = retryable_status(status);
                let retry_after = retryable
                    .then(|| retry_after(response.headers(), SystemTime::now()))
                    .flatten();
                let patient = retry_after.is_none_or(|d| d <= policy.max_retry_after);
                if retryable
                    && op.idempotent
                    && patient
                    && attempt < policy.max_attempts
                    && let Some(request) = resendable.as_ref().and_then(resend)
                {
                    let delay = policy.delay(attempt, retry_after);
                    tracing::warn!(status = status.as_u16(), ?delay, "retrying");
                    drop(response);
                    tokio::time::sleep(delay).await;
                    next = request;
                    attempt += 1;
                    continue;
                }
                match Answer::read(response, context.max_response_body).await {
                    Ok(answer) => return Ok(answer),
                    // The body was cut short: as if no answer had come.
                    Err(e) => e,
                }
            }
            Err(e) => e,
        };
        let may_retry = error.is_connect() || op.idempotent;
        let again = resendable
            .as_ref()
            .filter(|_| may_retry && attempt < policy.max_attempts)
            .and_then(resend);
        match again {
            Some(request) => {
                let delay = policy.delay(attempt, None);
                tracing::warn!(error = %error, ?delay, "retrying");
                drop(error);
                tokio::time::sleep(delay).await;
                next = request;
                attempt += 1;
            }
            None => return Err(error),
        }
    }
}

/// A request without the headers its authentication adds, kept so that another attempt can be
/// authenticated afresh (a new `X-Sdk-Date`, the corrected clock).
struct ResendableRequest {
    method: reqwest::Method,
    url: reqwest::Url,
    /// The headers the call itself set (a few), as a list: copying a whole header map for every
    /// call costs several times more, and another attempt is rare.
    headers: Vec<(reqwest::header::HeaderName, reqwest::header::HeaderValue)>,
    body: Option<Bytes>,
    timeout: Option<Duration>,
    version: reqwest::Version,
}

impl ResendableRequest {
    /// Whether `name` is one of the headers every attempt's authentication sets afresh (signing,
    /// or an IAM token).
    fn is_authentication(name: &reqwest::header::HeaderName) -> bool {
        matches!(
            name.as_str(),
            "authorization"
                | "x-sdk-date"
                | "x-project-id"
                | "x-security-token"
                | "x-auth-token"
                | "host"
        )
    }

    /// `request` without its authentication; `None` when its body is a stream, which cannot be
    /// sent twice.
    fn of(request: &reqwest::Request) -> Option<Self> {
        let body = match request.body() {
            None => None,
            Some(body) => Some(Bytes::copy_from_slice(body.as_bytes()?)),
        };
        let headers = request
            .headers()
            .iter()
            .filter(|(name, _)| !Self::is_authentication(name))
            .map(|(name, value)| (name.clone(), value.clone()))
            .collect();
        Some(Self {
            method: request.method().clone(),
            url: request.url().clone(),
            headers,
            body,
            timeout: request.timeout().copied(),
            version: request.version(),
        })
    }

    /// A new request from it, authenticated as the first one was.
    fn authenticated(
        &self,
        context: &Context,
        op: &Operation,
    ) -> Result<reqwest::Request, crate::SigningError> {
        let mut request = reqwest::Request::new(self.method.clone(), self.url.clone());
        let headers = request.headers_mut();
        for (name, value) in &self.headers {
            headers.append(name.clone(), value.clone());
        }
        *request.body_mut() = self.body.clone().map(reqwest::Body::from);
        *request.timeout_mut() = self.timeout;
        *request.version_mut() = self.version;
        let project = check_path(op, request.url().path()).ok().flatten();
        let signing = context.signing_config(project).into_owned();
        context.authenticate(&mut request, &signing)?;
        Ok(request)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_copy_kept_for_another_attempt_has_no_authentication() {
        let mut request = reqwest::Request::new(
            reqwest::Method::POST,
            "https://dcs.example.com/v2/p/jobs?a=1"
                .parse()
                .expect("url"),
        );
        let headers = request.headers_mut();
        for (name, value) in [
            ("Authorization", "SDK-HMAC-SHA256 Access=AK"),
            ("X-Sdk-Date", "20240102T030405Z"),
            ("X-Project-Id", "p"),
            ("X-Security-Token", "token"),
            ("X-Auth-Token", "iam"),
            ("Host", "dcs.example.com"),
            ("Accept", "application/json"),
            ("Content-Type", "application/json"),
        ] {
            headers.insert(
                reqwest::header::HeaderName::from_bytes(name.as_bytes()).expect("name"),
                value.parse().expect("value"),
            );
        }
        *request.body_mut() = Some(reqwest::Body::from("{}"));
        let copy = ResendableRequest::of(&request).expect("a buffered body is copied");
        let mut kept: Vec<&str> = copy.headers.iter().map(|(n, _)| n.as_str()).collect();
        kept.sort_unstable();
        assert_eq!(kept, ["accept", "content-type"], "only what the call set");
        let op = Operation {
            id: "show_jobs",
            name: "ShowJobs",
            method: "POST",
            path: "/v2/{project_id}/jobs",
            idempotent: true,
            clouds: &[],
            success: &[200],
        };
        let again = copy
            .authenticated(&Context::new("dcs"), &op)
            .expect("nothing to sign with");
        assert_eq!(again.url(), request.url());
        assert_eq!(again.method(), request.method());
        assert_eq!(again.headers().len(), 2);
        assert_eq!(
            again.body().and_then(reqwest::Body::as_bytes),
            Some(&b"{}"[..])
        );
    }
}
