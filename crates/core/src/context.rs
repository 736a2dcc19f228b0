//! The state every generated client carries (progenitor's "inner type") and the hooks it runs.

use std::borrow::Cow;
use std::sync::Arc;
use std::time::SystemTime;

use bytes::Bytes;
use progenitor_client::{Error, OperationInfo};
use reqwest::header::{HeaderName, HeaderValue};
use serde_json::{Value, json};
use tracing::Instrument;

use crate::credentials::Credentials;
use crate::error::{SNIPPET_HEADER, error_fields, snippet};
use crate::region::Cloud;
use crate::retry::{RetryPolicy, retry_after, retryable_status};
use crate::signing::{Clock, SigningConfig, SystemClock, authenticate_request};

/// What the generator knows of one operation, from its spec: emitted by `cargo xtask generate` as
/// each service crate's `OPERATIONS` table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Operation {
    /// progenitor's id for it, as in `OperationInfo::operation_id` (`change_master_standby_async`).
    pub id: &'static str,
    /// The spec's `operationId`, the official SDK's name (`ChangeMasterStandbyAsync`).
    pub name: &'static str,
    /// HTTP method, upper case.
    pub method: &'static str,
    /// Path template as in the spec (`/v2/{project_id}/instances/{instance_id}/async-swap`).
    pub path: &'static str,
    /// The spec's `x-idempotent`: whether sending the request twice is as good as sending it once.
    /// A switchover is not idempotent even when its method is PUT.
    pub idempotent: bool,
    /// The spec's `x-clouds`: the clouds whose API reference documents the operation. A call on
    /// another cloud is sent all the same (the references lag behind the services), with a
    /// warning.
    pub clouds: &'static [Cloud],
}

impl Operation {
    /// Looks up progenitor's operation id in a service's table.
    pub fn find(operations: &'static [Operation], id: &str) -> Option<&'static Operation> {
        operations.iter().find(|op| op.id == id)
    }
}

/// Per-client state shared by every operation of a generated client: who the caller is, how to
/// sign, which project, how to retry. Built by [`ClientBuilder`](crate::ClientBuilder); cheap to
/// clone.
#[derive(Clone, Debug)]
pub struct Context {
    service: &'static str,
    cloud: Option<Cloud>,
    project_id: Option<String>,
    credentials: Option<Credentials>,
    signing: SigningConfig,
    clock: Arc<dyn Clock>,
    retry: RetryPolicy,
}

impl Default for Context {
    fn default() -> Self {
        Self {
            service: "",
            cloud: None,
            project_id: None,
            credentials: None,
            signing: SigningConfig::default(),
            clock: Arc::new(SystemClock),
            retry: RetryPolicy::default(),
        }
    }
}

impl Context {
    /// A context with no credentials: requests go out unsigned. Useful against a local mock.
    pub fn unauthenticated() -> Self {
        Self::default()
    }

    /// Names the service (`dcs`) in traces.
    pub fn with_service(mut self, service: &'static str) -> Self {
        self.service = service;
        self
    }

    /// Says which cloud the endpoint is in, so that calling an operation that cloud's reference
    /// does not document logs a warning.
    pub fn with_cloud(mut self, cloud: Option<Cloud>) -> Self {
        self.cloud = cloud;
        self
    }

    /// The cloud the endpoint is in, when known.
    pub fn cloud(&self) -> Option<Cloud> {
        self.cloud
    }

    /// Sets the project id that fills every `{project_id}` path parameter (and is sent as
    /// `X-Project-Id`).
    pub fn with_project_id(mut self, project_id: impl Into<String>) -> Self {
        let project_id = project_id.into();
        self.signing.project_id = Some(project_id.clone());
        self.project_id = Some(project_id);
        self
    }

    /// Authenticates every request with `credentials`: AK/SK signing, or an IAM token.
    pub fn with_credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = Some(credentials);
        self
    }

    /// Signs with `algorithm` (default `SDK-HMAC-SHA256`).
    pub fn with_algorithm(mut self, algorithm: crate::Algorithm) -> Self {
        self.signing.algorithm = algorithm;
        self
    }

    /// Takes the signing time from `clock` (tests fix it).
    pub fn with_clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    /// Retries as `policy` says.
    pub fn with_retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// The configured project id, if any.
    pub fn project_id(&self) -> Option<&str> {
        self.project_id.as_deref()
    }

    /// The retry policy.
    pub fn retry_policy(&self) -> &RetryPolicy {
        &self.retry
    }

    /// The initial value of every generated builder's `project_id` parameter: the configured project
    /// id, or the message that the request fails with (before any I/O) when none is configured and
    /// the caller does not pass one to the builder.
    pub fn project_id_param(&self) -> Result<String, String> {
        self.project_id.clone().ok_or_else(|| {
            "no project id: configure one on the client or pass `project_id` to the request"
                .to_owned()
        })
    }

    /// Runs on the finished request before it is sent (progenitor's `ClientHooks::pre`): checks the
    /// path against the operation's template, then authenticates the request.
    ///
    /// progenitor adds an `api-version` header to every request; the cloud APIs do not know it, so it
    /// is removed first, before the signer looks at the headers.
    pub async fn prepare<E>(
        &self,
        request: &mut reqwest::Request,
        info: &OperationInfo,
        operations: &'static [Operation],
    ) -> Result<(), Error<E>> {
        const API_VERSION: HeaderName = HeaderName::from_static("api-version");
        request.headers_mut().remove(API_VERSION);
        let mut path_project_id = None;
        // progenitor leaves `+` and `=` of path values as they are; the official SDK sends them
        // percent-encoded (`quote(value, safe='')`), and so do we: a gateway that reads `+` in a
        // path as a space, or canonicalises it differently, then sees what the SDK would send.
        // Spec paths have no literal `+` or `=`, so every one here came from a path value.
        if let Cow::Owned(path) = escape_plus_and_equals(request.url().path()) {
            request.url_mut().set_path(&path);
        }
        if let Some(op) = Operation::find(operations, info.operation_id) {
            path_project_id =
                check_path(op, request.url().path()).map_err(Error::InvalidRequest)?;
            if let Some(cloud) = self.cloud
                && !op.clouds.contains(&cloud)
            {
                tracing::warn!(
                    service = self.service,
                    operation = op.name,
                    %cloud,
                    "{} is not documented for {cloud}; sending it anyway",
                    op.name
                );
            }
        }
        if let Some(credentials) = &self.credentials {
            // `X-Project-Id` names the project the path names, also when a call overrides the
            // configured one.
            let overridden;
            let signing = match path_project_id {
                Some(id) if self.signing.project_id.as_deref() != Some(&*id) => {
                    overridden = SigningConfig {
                        project_id: Some(id.into_owned()),
                        ..self.signing.clone()
                    };
                    &overridden
                }
                _ => &self.signing,
            };
            authenticate_request(request, credentials, signing, self.clock.as_ref())
                .map_err(|e| Error::InvalidRequest(format!("cannot sign the request: {e}")))?;
        }
        Ok(())
    }

    /// Sends the request (progenitor's `ClientHooks::exec`), retrying where that is safe (see
    /// [`crate::retry`]), inside a `tracing` span per call. `operations` is the service crate's
    /// generated `OPERATIONS` table, which says whether `info`'s operation is idempotent.
    ///
    /// Error answers are normalised on the way back so that the generated code always decodes them:
    /// the body becomes `{"error_code", "error_msg", "error_ext_msg"}` read the way the official SDK
    /// reads error bodies (plus the original body's other text members), and a bounded snippet of the
    /// raw body travels in a header to [`crate::Error`].
    pub async fn execute(
        &self,
        client: &reqwest::Client,
        request: reqwest::Request,
        info: &OperationInfo,
        operations: &'static [Operation],
    ) -> reqwest::Result<reqwest::Response> {
        let op = Operation::find(operations, info.operation_id);
        let name = op.map_or(info.operation_id, |op| op.name);
        let idempotent = op.is_some_and(|op| op.idempotent);
        let span = tracing::info_span!(
            "hwcloud.call",
            service = self.service,
            operation = name,
            attempt = tracing::field::Empty,
            status = tracing::field::Empty,
            request_id = tracing::field::Empty,
        );
        self.attempts(client, request, idempotent)
            .instrument(span)
            .await
    }

    async fn attempts(
        &self,
        client: &reqwest::Client,
        request: reqwest::Request,
        idempotent: bool,
    ) -> reqwest::Result<reqwest::Response> {
        let span = tracing::Span::current();
        let mut attempt = 1;
        let mut next = request;
        loop {
            span.record("attempt", attempt);
            // Keep a copy for another attempt, if one is allowed at all. A request whose body
            // cannot be copied (a stream) is sent once.
            let spare = (attempt < self.retry.max_attempts)
                .then(|| next.try_clone())
                .flatten();
            let outcome = client.execute(next).await;
            let (may_retry, retry_after) = match &outcome {
                Ok(response) => {
                    span.record("status", response.status().as_u16());
                    if let Some(id) = response.headers().get("x-request-id") {
                        span.record("request_id", id.to_str().unwrap_or("<binary>"));
                    }
                    let retryable = retryable_status(response.status());
                    // Only an answer that may be retried needs its `Retry-After` (and the time).
                    let retry_after = retryable
                        .then(|| retry_after(response.headers(), SystemTime::now()))
                        .flatten();
                    let patient = retry_after.is_none_or(|d| d <= self.retry.max_retry_after);
                    (retryable && idempotent && patient, retry_after)
                }
                // No connection was made, so nothing reached the service: always safe to repeat.
                Err(e) if e.is_connect() => (true, None),
                // It may have reached the service: only an idempotent operation may be repeated.
                Err(_) => (idempotent, None),
            };
            let Some(spare) = spare.filter(|_| may_retry) else {
                return match outcome {
                    Ok(response) if !response.status().is_success() => {
                        Ok(normalise_error(response).await)
                    }
                    other => other,
                };
            };
            let delay = self.retry.delay(attempt, retry_after);
            match &outcome {
                Ok(r) => tracing::warn!(status = r.status().as_u16(), ?delay, "retrying"),
                Err(e) => tracing::warn!(error = %e, ?delay, "retrying"),
            }
            drop(outcome);
            tokio::time::sleep(delay).await;
            next = spare;
            attempt += 1;
        }
    }
}

/// `+` and `=` percent-encoded, as the official SDK sends them in path values; the rest as it is.
fn escape_plus_and_equals(text: &str) -> Cow<'_, str> {
    if text.contains(['+', '=']) {
        Cow::Owned(text.replace('+', "%2B").replace('=', "%3D"))
    } else {
        Cow::Borrowed(text)
    }
}

/// A path value as the client sends it: progenitor's path encoding, then `+` and `=` encoded as
/// the official SDK encodes them. The generated mock helpers match path values with it.
#[doc(hidden)]
pub fn encode_path_value(value: &str) -> String {
    escape_plus_and_equals(&progenitor_client::encode_path(value)).into_owned()
}

/// Checks that the request's path still has the shape of its template: a path value that is
/// empty, blank, or `.`/`..` (which URL parsing folds away) would send the request to another
/// route. Runs before any I/O. Returns the (decoded) `{project_id}` of the path, if it has one.
fn check_path<'p>(op: &Operation, path: &'p str) -> Result<Option<Cow<'p, str>>, String> {
    let template = op.path.trim_start_matches('/').split('/');
    let actual = path.trim_start_matches('/').split('/');
    if template.clone().count() != actual.clone().count() {
        return Err(format!(
            "{}: a path value changed the route (sent {path:?} for {}); ids may not be `.` or `..`",
            op.name, op.path
        ));
    }
    let mut project_id = None;
    for (want, got) in template.zip(actual) {
        if let Some(name) = want.strip_prefix('{').and_then(|w| w.strip_suffix('}')) {
            let value = percent_encoding::percent_decode_str(got).decode_utf8_lossy();
            if value.trim().is_empty() {
                return Err(format!("{}: `{name}` is empty", op.name));
            }
            if name == "project_id" {
                project_id = Some(value);
            }
        } else if want != got {
            return Err(format!(
                "{}: a path value changed the route (sent {path:?} for {})",
                op.name, op.path
            ));
        }
    }
    Ok(project_id)
}

/// Rewrites an error answer so the generated code decodes it into the spec's `ErrorResponse`
/// whatever the service (or a gateway in front of it) sent.
async fn normalise_error(response: reqwest::Response) -> reqwest::Response {
    let status = response.status();
    let version = response.version();
    let mut headers = response.headers().clone();
    let raw: Bytes = match response.bytes().await {
        Ok(bytes) => bytes,
        Err(_) => Bytes::new(),
    };
    let parsed: Option<Value> = serde_json::from_slice(&raw).ok();
    let (code, msg) = parsed.as_ref().map(error_fields).unwrap_or((None, None));
    let text = snippet(&raw);
    let msg = msg.or_else(|| {
        let trimmed = text.trim();
        (parsed.is_none() && !trimmed.is_empty()).then(|| trimmed.to_owned())
    });
    // The generated `ErrorResponse` reads `error_ext_msg` as a string: pass any other JSON value
    // on as its text, so that it cannot make the whole error answer undecodable.
    let ext = match parsed.as_ref().and_then(|v| v.get("error_ext_msg")) {
        None | Some(Value::Null) => Value::Null,
        Some(Value::String(s)) => Value::String(s.clone()),
        Some(other) => Value::String(other.to_string()),
    };
    // Keep the body's other text members (`errCode`, `externalMessage`,
    // `encoded_authorization_message`, ...) for a service whose error schema names them; values of
    // other types are dropped, since every error schema field is text.
    let mut body: serde_json::Map<String, Value> = match parsed {
        Some(Value::Object(members)) => {
            members.into_iter().filter(|(_, v)| v.is_string()).collect()
        }
        _ => serde_json::Map::new(),
    };
    body.insert("error_code".into(), json!(code));
    body.insert("error_msg".into(), json!(msg));
    body.insert("error_ext_msg".into(), ext);
    let body = Value::Object(body).to_string();
    let encoded = percent_encoding::utf8_percent_encode(&text, percent_encoding::NON_ALPHANUMERIC)
        .to_string();
    if let Ok(value) = HeaderValue::from_str(&encoded) {
        headers.insert(SNIPPET_HEADER, value);
    }
    headers.insert(
        reqwest::header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    headers.remove(reqwest::header::CONTENT_LENGTH);
    headers.remove(reqwest::header::CONTENT_ENCODING);
    headers.remove(reqwest::header::TRANSFER_ENCODING);
    let mut rebuilt = http::Response::new(reqwest::Body::from(body));
    *rebuilt.status_mut() = status;
    *rebuilt.version_mut() = version;
    *rebuilt.headers_mut() = headers;
    reqwest::Response::from(rebuilt)
}

/// Implements progenitor's `ClientHooks` for a generated `Client` whose inner type is [`Context`],
/// delegating every hook to the context, and adds `Client::builder()`. Each service crate's
/// `lib.rs` invokes it once with its name and generated `OPERATIONS` table:
/// `hwcloud_core::service_client!(Client, "dcs", OPERATIONS);`.
#[macro_export]
macro_rules! service_client {
    ($client:ty, $service:literal, $operations:expr) => {
        impl ::progenitor_client::ClientHooks<$crate::Context> for $client {
            async fn pre<E>(
                &self,
                request: &mut ::reqwest::Request,
                info: &::progenitor_client::OperationInfo,
            ) -> ::std::result::Result<(), ::progenitor_client::Error<E>> {
                ::progenitor_client::ClientInfo::inner(self)
                    .prepare(request, info, $operations)
                    .await
            }

            async fn exec(
                &self,
                request: ::reqwest::Request,
                info: &::progenitor_client::OperationInfo,
            ) -> ::reqwest::Result<::reqwest::Response> {
                let client = ::progenitor_client::ClientInfo::client(self);
                ::progenitor_client::ClientInfo::inner(self)
                    .execute(client, request, info, $operations)
                    .await
            }
        }

        impl $client {
            /// A builder for a client of this service: region or endpoint, credentials, project id,
            /// timeouts, retries.
            pub fn builder() -> $crate::ClientBuilder<Self> {
                $crate::ClientBuilder::new($service, |baseurl, http, context| {
                    Self::new_with_client(baseurl, http, context)
                })
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    const SWAP: Operation = Operation {
        id: "change_master_standby_async",
        name: "ChangeMasterStandbyAsync",
        method: "PUT",
        path: "/v2/{project_id}/instances/{instance_id}/async-swap",
        idempotent: false,
        clouds: &[Cloud::HuaweiCloud],
    };

    #[test]
    fn paths_must_keep_their_template_shape() {
        let project = Ok(Some(Cow::Borrowed("p")));
        assert_eq!(check_path(&SWAP, "/v2/p/instances/i-1/async-swap"), project);
        assert_eq!(
            check_path(&SWAP, "/v2/p/instances/..%2Fx/async-swap"),
            project
        );
        let empty = check_path(&SWAP, "/v2/p/instances//async-swap").unwrap_err();
        assert!(empty.contains("`instance_id` is empty"), "{empty}");
        let blank = check_path(&SWAP, "/v2/p/instances/%20%09/async-swap").unwrap_err();
        assert!(blank.contains("`instance_id` is empty"), "{blank}");
        // `..` as a whole id is folded away by URL parsing: the route changes.
        let folded = check_path(&SWAP, "/v2/p/async-swap").unwrap_err();
        assert!(folded.contains("changed the route"), "{folded}");
    }

    #[test]
    fn debug_shows_no_secret() {
        let context = Context::unauthenticated()
            .with_credentials(Credentials::temporary(
                "AK-PUBLIC",
                "SK-SECRET",
                "TOKEN-SECRET",
            ))
            .with_project_id("p");
        let shown = format!("{context:?}");
        assert!(shown.contains("AK-PUBLIC"), "{shown}");
        assert!(
            !shown.contains("SK-SECRET") && !shown.contains("TOKEN-SECRET"),
            "{shown}"
        );
    }
}
