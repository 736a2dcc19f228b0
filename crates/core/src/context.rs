//! The state every generated client carries (progenitor's "inner type") and the hooks it runs.

use std::borrow::Cow;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use progenitor_client::{Error, OperationInfo};
use reqwest::StatusCode;
use reqwest::header::{CONTENT_ENCODING, CONTENT_LENGTH, CONTENT_TYPE, TRANSFER_ENCODING};
use serde_json::{Value, json};
use tracing::Instrument;

use crate::answer::{
    Answer, DEFAULT_MAX_RESPONSE_BODY, ERROR_BODY_LIMIT, Handed, Note, Problem, X_REQUEST_ID,
    noted_json_content_type, read_body,
};
use crate::credentials::Credentials;
use crate::error::{error_fields, snippet};
use crate::region::Cloud;
use crate::retry::{RetryPolicy, retry_after, retryable_status};
use crate::signing::{
    Clock, DEFAULT_MAX_SKEW, SigningConfig, SigningError, SystemClock, authenticate_request,
    parse_sdk_date,
};

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
    /// The success statuses whose answer the generated code decodes with
    /// [`response_value`](crate::response_value) (JSON bodies), so never reads from the response
    /// itself: such an answer is handed back as it came, its body kept beside it.
    pub decoded: &'static [u16],
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
    /// Seconds added to `clock` when signing: the gateway's clock minus ours, once measured (see
    /// [`Context::execute`]). Shared by every clone, so every call of a client benefits.
    clock_offset: Arc<AtomicI64>,
    retry: RetryPolicy,
    max_response_body: usize,
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
            clock_offset: Arc::new(AtomicI64::new(0)),
            retry: RetryPolicy::default(),
            max_response_body: DEFAULT_MAX_RESPONSE_BODY,
        }
    }
}

/// A clock moved by a whole number of seconds.
#[derive(Debug)]
struct Offset<'a>(&'a dyn Clock, i64);

impl Clock for Offset<'_> {
    fn now(&self) -> SystemTime {
        let offset = Duration::from_secs(self.1.unsigned_abs());
        let now = self.0.now();
        if self.1 >= 0 {
            now.checked_add(offset).unwrap_or(now)
        } else {
            now.checked_sub(offset).unwrap_or(now)
        }
    }
}

/// Error codes the API gateway answers a rejected AK/SK signature with (`APIGW.0301`, "Incorrect
/// IAM authentication information: verify aksk signature fail", among whose causes is a clock more
/// than 15 minutes off) and an expired one (`APIG.0303`/`APIGW.0303`, "Incorrect app
/// authentication information: signature expired, signature time:..., server time:...").
const SIGNATURE_REJECTED: [&str; 4] = ["APIGW.0301", "APIG.0301", "APIGW.0303", "APIG.0303"];

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

    /// Fails a call whose success answer's body is larger than `bytes` (default 16 MiB).
    pub fn with_max_response_body(mut self, bytes: usize) -> Self {
        self.max_response_body = bytes;
        self
    }

    /// The signing clock's correction, in seconds: the API gateway's clock minus the local clock,
    /// as measured from an answer that rejected a signature for the time (zero until then).
    pub fn clock_offset(&self) -> i64 {
        self.clock_offset.load(Ordering::Relaxed)
    }

    /// The configured project id, if any.
    pub fn project_id(&self) -> Option<&str> {
        self.project_id.as_deref()
    }

    /// The retry policy.
    pub fn retry_policy(&self) -> &RetryPolicy {
        &self.retry
    }

    #[doc(hidden)]
    /// The initial value of every generated builder's `project_id` parameter: the configured project
    /// id, or the message that the request fails with (before any I/O) when none is configured and
    /// the caller does not pass one to the builder.
    pub fn project_id_param(&self) -> Result<String, String> {
        self.project_id.clone().ok_or_else(|| {
            "no project id: configure one on the client or pass `project_id` to the request"
                .to_owned()
        })
    }

    #[doc(hidden)]
    /// Runs on the finished request before it is sent (progenitor's `ClientHooks::pre`): checks the
    /// path against the operation's template, then authenticates the request.
    ///
    /// The generated builders already shape the request as it is sent (no `api-version` header,
    /// path values encoded by [`encode_path_value`]), so nothing is undone here.
    pub async fn prepare<E>(
        &self,
        request: &mut reqwest::Request,
        info: &OperationInfo,
        operations: &'static [Operation],
    ) -> Result<(), Error<E>> {
        let mut path_project_id = None;
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
        if self.credentials.is_some() {
            let signing = self.signing_config(path_project_id);
            self.authenticate(request, &signing)
                .map_err(|e| Error::InvalidRequest(format!("cannot sign the request: {e}")))?;
        }
        Ok(())
    }

    /// The signing configuration for a request whose path names `path_project_id`: `X-Project-Id`
    /// names the project the path names, also when a call overrides the configured one.
    fn signing_config(&self, path_project_id: Option<Cow<'_, str>>) -> Cow<'_, SigningConfig> {
        match path_project_id {
            Some(id) if self.signing.project_id.as_deref() != Some(&*id) => {
                Cow::Owned(SigningConfig {
                    project_id: Some(id.into_owned()),
                    ..self.signing.clone()
                })
            }
            _ => Cow::Borrowed(&self.signing),
        }
    }

    /// Authenticates `request` with the credentials, if any, on the corrected signing clock.
    fn authenticate(
        &self,
        request: &mut reqwest::Request,
        signing: &SigningConfig,
    ) -> Result<(), SigningError> {
        let Some(credentials) = &self.credentials else {
            return Ok(());
        };
        let clock = Offset(self.clock.as_ref(), self.clock_offset());
        authenticate_request(request, credentials, signing, &clock)
    }

    #[doc(hidden)]
    /// Sends the request (progenitor's `ClientHooks::exec`), retrying where that is safe (see
    /// [`crate::retry`]), inside a `tracing` span per call. `operations` is the service crate's
    /// generated `OPERATIONS` table, which says whether `info`'s operation is idempotent.
    ///
    /// Redirects are never followed (the client is built so): a 3xx is handed back as an error
    /// naming the host it pointed to, and nothing is sent there.
    ///
    /// Every answer handed back has been read within bounds: a success
    /// body up to the client's limit, an error body up to [`crate::error::ERROR_BODY_LIMIT`]. Error answers are
    /// normalised so that the generated code always decodes them: the body becomes
    /// `{"error_code", "error_msg", "error_ext_msg"}` read the way the official SDK reads error
    /// bodies (plus the original body's other text members).
    ///
    /// A 401 that rejects an AK/SK signature while the answer's `Date` shows the local clock more
    /// than 15 minutes off the gateway's is not the caller's fault and performed nothing: the
    /// signing clock is corrected by the measured offset (for every later call of the client too),
    /// and the request is signed again and sent once more, whatever the operation.
    pub async fn execute(
        &self,
        client: &reqwest::Client,
        request: reqwest::Request,
        info: &OperationInfo,
        operations: &'static [Operation],
    ) -> reqwest::Result<reqwest::Response> {
        let op = Operation::find(operations, info.operation_id);
        let name = op.map_or(info.operation_id, |op| op.name);
        let span = tracing::info_span!(
            "hwcloud.call",
            service = self.service,
            operation = name,
            attempt = tracing::field::Empty,
            status = tracing::field::Empty,
            request_id = tracing::field::Empty,
        );
        self.attempts(client, request, op).instrument(span).await
    }

    async fn attempts(
        &self,
        client: &reqwest::Client,
        request: reqwest::Request,
        op: Option<&Operation>,
    ) -> reqwest::Result<reqwest::Response> {
        let idempotent = op.is_some_and(|op| op.idempotent);
        let signs = matches!(self.credentials, Some(Credentials::AkSk(_)));
        let span = tracing::Span::current();
        let mut attempt = 1;
        // Whether the clock may still be corrected (once per call).
        let mut may_correct_clock = signs;
        // What another attempt is made from, if one is allowed at all: the request without its
        // authentication, which every attempt gets afresh (a new date; the corrected clock after
        // a skew). A request whose body cannot be copied (a stream) is sent once.
        let unsigned = (self.retry.max_attempts > 1 || may_correct_clock)
            .then(|| Unsigned::of(&request))
            .flatten();
        let mut next = request;
        loop {
            span.record("attempt", attempt);
            let error = match client.execute(next).await {
                Ok(response) => {
                    let status = response.status();
                    span.record("status", status.as_u16());
                    // Looked up only when the span is recorded (a subscriber wants it).
                    if !span.is_disabled()
                        && let Some(id) = response.headers().get(X_REQUEST_ID)
                    {
                        span.record("request_id", id.to_str().unwrap_or("<binary>"));
                    }
                    if status == StatusCode::UNAUTHORIZED && may_correct_clock {
                        may_correct_clock = false;
                        // A cut rejection body: nothing was performed, but there is no complete
                        // answer either.
                        let answer = Answer::read(response, ERROR_BODY_LIMIT).await?;
                        if let (Some(unsigned), Some(offset)) =
                            (&unsigned, self.clock_correction(&answer))
                        {
                            self.correct_clock(offset);
                            if let Ok(request) = self.again(unsigned, op) {
                                next = request;
                                attempt += 1;
                                continue;
                            }
                        }
                        return Ok(normalise_error(answer));
                    }
                    let retryable = retryable_status(status);
                    // Only an answer that may be retried needs its `Retry-After` (and the time).
                    let retry_after = retryable
                        .then(|| retry_after(response.headers(), SystemTime::now()))
                        .flatten();
                    let patient = retry_after.is_none_or(|d| d <= self.retry.max_retry_after);
                    let retry = retryable && idempotent && patient;
                    if retry
                        && attempt < self.retry.max_attempts
                        && let Some(unsigned) = &unsigned
                        && let Ok(request) = self.again(unsigned, op)
                    {
                        let delay = self.retry.delay(attempt, retry_after);
                        tracing::warn!(status = status.as_u16(), ?delay, "retrying");
                        drop(response);
                        tokio::time::sleep(delay).await;
                        next = request;
                        attempt += 1;
                        continue;
                    }
                    match self.hand_back(response, op).await {
                        Ok(response) => return Ok(response),
                        // The body was cut short: as if no answer had come.
                        Err(e) => e,
                    }
                }
                Err(e) => e,
            };
            // No complete answer: a request that never left (no connection was made) may always
            // be sent again; one that may have reached the service only if it is idempotent.
            let may_retry = error.is_connect() || idempotent;
            let again = unsigned
                .as_ref()
                .filter(|_| may_retry && attempt < self.retry.max_attempts)
                .and_then(|unsigned| self.again(unsigned, op).ok());
            match again {
                Some(request) => {
                    let delay = self.retry.delay(attempt, None);
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

    /// Reads the answer within bounds and hands it back as the generated code should see it.
    async fn hand_back(
        &self,
        mut response: reqwest::Response,
        op: Option<&Operation>,
    ) -> reqwest::Result<reqwest::Response> {
        let status = response.status();
        if status.is_success() {
            let limit = self.max_response_body;
            let (body, complete) = read_body(&mut response, limit).await?;
            let problem = problem(&body, complete, limit);
            // An answer the generated code decodes from the kept body, and that has no problem,
            // needs no rebuilding: its drained body is never read.
            if problem.is_none() && op.is_some_and(|op| op.decoded.contains(&status.as_u16())) {
                let note = Note::of(status, response.headers(), body.clone());
                response.extensions_mut().insert(Handed { note, body });
                return Ok(response);
            }
            Ok(success(Answer::of(response, body), problem))
        } else {
            Ok(normalise_error(
                Answer::read(response, ERROR_BODY_LIMIT).await?,
            ))
        }
    }

    /// The signing clock's new offset when `answer` (a 401) rejected the signature and the
    /// gateway's clock is more than [`DEFAULT_MAX_SKEW`] away from the signing clock.
    fn clock_correction(&self, answer: &Answer) -> Option<i64> {
        let body: Value = serde_json::from_slice(&answer.body).ok()?;
        let (code, message) = error_fields(&body);
        let message = message.unwrap_or_default();
        let rejected = code.is_some_and(|c| SIGNATURE_REJECTED.contains(&c.as_str()))
            || message.contains("signature expired");
        if !rejected {
            return None;
        }
        // The gateway's time: its `Date`, or the `server time:` its message names.
        let server = answer
            .headers
            .get(reqwest::header::DATE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| httpdate::parse_http_date(v).ok())
            .or_else(|| {
                let (_, rest) = message.split_once("server time:")?;
                parse_sdk_date(rest.trim_start().get(..16)?).ok()
            })?;
        let offset = self.clock_offset();
        let local = Offset(self.clock.as_ref(), offset).now();
        let skew = match server.duration_since(local) {
            Ok(ahead) => i64::try_from(ahead.as_secs()).ok()?,
            Err(behind) => -i64::try_from(behind.duration().as_secs()).ok()?,
        };
        (skew.unsigned_abs() > DEFAULT_MAX_SKEW.as_secs()).then(|| offset.saturating_add(skew))
    }

    /// Corrects the signing clock to `offset`, for this call's next attempt and every later call.
    fn correct_clock(&self, offset: i64) {
        let previous = self.clock_offset.swap(offset, Ordering::Relaxed);
        tracing::warn!(
            offset_secs = offset,
            previous_offset_secs = previous,
            "the API gateway rejected the signature and its clock is {offset} s away from the local \
             clock; signing with the gateway's time and sending once more (nothing was performed)"
        );
    }

    /// Another attempt of a call: its request again, authenticated afresh.
    fn again(
        &self,
        unsigned: &Unsigned,
        op: Option<&Operation>,
    ) -> Result<reqwest::Request, SigningError> {
        let mut request = unsigned.request();
        let project = op.and_then(|op| check_path(op, request.url().path()).ok().flatten());
        let signing = self.signing_config(project).into_owned();
        self.authenticate(&mut request, &signing)?;
        Ok(request)
    }
}

/// A request without the headers its authentication adds, kept for another attempt: copying it
/// before sending costs the URL and the few headers the generated code sets, not the signature's.
struct Unsigned {
    method: reqwest::Method,
    url: reqwest::Url,
    /// As a list: a few headers, and another attempt is rare.
    headers: Vec<(reqwest::header::HeaderName, reqwest::header::HeaderValue)>,
    body: Option<Bytes>,
    timeout: Option<Duration>,
    version: reqwest::Version,
}

impl Unsigned {
    /// Whether `name` is one of the headers every attempt's authentication sets afresh (signing,
    /// or an IAM token). One `match` on the (lower-case) name: this runs for every header of every
    /// call.
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

    /// A new request from it, to be authenticated.
    fn request(&self) -> reqwest::Request {
        let mut request = reqwest::Request::new(self.method.clone(), self.url.clone());
        let headers = request.headers_mut();
        headers.reserve(self.headers.len());
        for (name, value) in &self.headers {
            headers.append(name.clone(), value.clone());
        }
        *request.body_mut() = self.body.clone().map(reqwest::Body::from);
        *request.timeout_mut() = self.timeout;
        *request.version_mut() = self.version;
        request
    }
}

/// What progenitor's `encode_path` percent-encodes in a path value (controls, space, `"#<>?`{}/%`),
/// and `+` and `=`, which the official SDK sends encoded (`quote(value, safe='')`): a gateway that
/// reads `+` in a path as a space, or canonicalises it differently, then sees what the SDK sends.
const PATH_VALUE: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'/')
    .add(b'%')
    .add(b'+')
    .add(b'=');

/// A path value as the client sends it: progenitor's path encoding, and `+` and `=` encoded as the
/// official SDK encodes them. The generated builders and mock helpers encode path values with it.
#[doc(hidden)]
pub fn encode_path_value(value: &str) -> Cow<'_, str> {
    // A value of letters, digits and `-._~` (the common case: ids) has nothing to encode.
    // Folded without an early exit: one table load a byte, no branch.
    if value
        .bytes()
        .fold(true, |plain, b| plain & crate::signing::is_unreserved(b))
    {
        return Cow::Borrowed(value);
    }
    percent_encoding::utf8_percent_encode(value, PATH_VALUE).into()
}

/// Checks that the request's path still has the shape of its template: a path value that is
/// empty, blank, or `.`/`..` (which URL parsing folds away) would send the request to another
/// route. Runs before any I/O. Returns the (decoded) `{project_id}` of the path, if it has one.
fn check_path<'p>(op: &Operation, path: &'p str) -> Result<Option<Cow<'p, str>>, String> {
    // Paths are short and ASCII-delimited: splitting their bytes is cheaper than a string search.
    let segments = |text: &'p str| {
        let text = text.strip_prefix('/').unwrap_or(text);
        text.as_bytes().split(|&b| b == b'/')
    };
    let mut template = segments(op.path);
    let mut actual = segments(path);
    let mut project_id = None;
    // The first segment that is wrong; reported once the segment counts are known to agree (a
    // different count is the more telling error).
    let mut wrong: Option<Result<&str, ()>> = None;
    loop {
        match (template.next(), actual.next()) {
            (Some(want), Some(got)) if wrong.is_none() => {
                if let Some(name) = want.strip_prefix(b"{").and_then(|w| w.strip_suffix(b"}")) {
                    // Split at ASCII `/`, a segment of `path` is a `str` itself: sliced out of
                    // `path` at its offset (no second UTF-8 check).
                    let text = |bytes: &[u8]| {
                        let start = bytes.as_ptr() as usize - path.as_ptr() as usize;
                        &path[start..start + bytes.len()]
                    };
                    // A value without escapes, spaces or controls (an id) is not blank and
                    // decodes to itself: only the others need decoding and the blank check.
                    // Folded without an early exit, so that the compiler can test many bytes
                    // at once.
                    let plain = !got.is_empty()
                        && got
                            .iter()
                            .fold(true, |plain, &b| plain & (b > b' ') & (b != b'%'));
                    if plain {
                        if name == b"project_id" {
                            project_id = Some(Cow::Borrowed(text(got)));
                        }
                    } else {
                        let value =
                            percent_encoding::percent_decode_str(text(got)).decode_utf8_lossy();
                        if value.trim().is_empty() {
                            wrong = Some(Ok(std::str::from_utf8(name).unwrap_or_default()));
                        } else if name == b"project_id" {
                            project_id = Some(value);
                        }
                    }
                } else if want != got {
                    wrong = Some(Err(()));
                }
            }
            (Some(_), Some(_)) => {}
            (None, None) => break,
            _ => {
                return Err(format!(
                    "{}: a path value changed the route (sent {path:?} for {}); ids may not be `.` \
                     or `..`",
                    op.name, op.path
                ));
            }
        }
    }
    match wrong {
        None => Ok(project_id),
        Some(Ok(name)) => Err(format!("{}: `{name}` is empty", op.name)),
        Some(Err(())) => Err(format!(
            "{}: a path value changed the route (sent {path:?} for {})",
            op.name, op.path
        )),
    }
}

/// Hands back a success answer: its body as read, or, when it cannot be what the operation
/// documents (its [`problem`]), a short text saying why (which never decodes as JSON), with the reason in the note
/// for the error conversion.
fn success(answer: Answer, problem: Option<(Problem, CodeAndMessage)>) -> reqwest::Response {
    let mut note = answer.note();
    if let Some((problem, error)) = problem {
        if let Problem::TooLarge { .. } = problem {
            // Only the start is kept, not the whole buffer.
            let start = answer.body.len().min(crate::error::SNIPPET_LIMIT);
            note.body = Bytes::copy_from_slice(&answer.body[..start]);
        }
        (note.code, note.message) = error;
        note.problem = Some(problem);
    }
    let mut headers = answer.headers;
    let body = match &note.problem {
        None => answer.body,
        Some(problem) => {
            for name in [
                CONTENT_LENGTH,
                CONTENT_ENCODING,
                TRANSFER_ENCODING,
                CONTENT_TYPE,
            ] {
                headers.remove(name);
            }
            let text = match problem {
                Problem::TooLarge { limit } => {
                    format!("the body is larger than the client's limit of {limit} bytes")
                }
                Problem::Empty => "the body is empty".to_owned(),
                Problem::ErrorBody => "the body is an error answer".to_owned(),
            };
            Bytes::from(text)
        }
    };
    crate::answer::response(
        answer.status,
        answer.version,
        answer.url,
        headers,
        body,
        note,
    )
}

/// An error code and message, either of which an error body may lack.
type CodeAndMessage = (Option<String>, Option<String>);

/// Why a success answer's body (read within `limit`, whole when `complete`) cannot be what the
/// operation documents, if it cannot: with the error code and message of an error body.
fn problem(body: &[u8], complete: bool, limit: usize) -> Option<(Problem, CodeAndMessage)> {
    if !complete {
        Some((Problem::TooLarge { limit }, (None, None)))
    } else if body.is_empty() {
        Some((Problem::Empty, (None, None)))
    } else {
        error_body(body).map(|error| (Problem::ErrorBody, error))
    }
}

/// The error code and message of a success answer's body that is an error answer and nothing
/// else: a JSON object whose members are all the error members services and gateways answer
/// with, with a code. Only small bodies that mention a code are parsed.
fn error_body(body: &[u8]) -> Option<CodeAndMessage> {
    if body.len() > ERROR_BODY_LIMIT || !first_key_may_be(body, &ERROR_MEMBERS) {
        return None;
    }
    error_body_parsed(body)
}

/// The members of an error answer, in any service's or gateway's spelling.
const ERROR_MEMBERS: [&str; 12] = [
    "error_code",
    "error_msg",
    "error_ext_msg",
    "errorCode",
    "errorMsg",
    "errCode",
    "externalMessage",
    "code",
    "message",
    "request_id",
    "encoded_authorization_message",
    "error",
];

/// [`error_body`] without its first-key shortcut: the body parsed, when it mentions a code.
fn error_body_parsed(body: &[u8]) -> Option<CodeAndMessage> {
    if body.len() > ERROR_BODY_LIMIT || !mentions_code(body) {
        return None;
    }
    let Value::Object(members) = serde_json::from_slice(body).ok()? else {
        return None;
    };
    if !members.keys().all(|k| ERROR_MEMBERS.contains(&k.as_str())) {
        return None;
    }
    let (code, message) = error_fields(&Value::Object(members));
    code.as_deref()
        .is_some_and(|c| !c.trim().is_empty() && c != "0")
        .then_some((code, message))
}

/// Whether `body` may be a JSON object whose first key is one of `keys`: false only when it
/// certainly is not (it does not start as an object, or its first key, free of escapes, is another).
/// A success body's first key settles most answers without a scan of the whole body.
fn first_key_may_be(body: &[u8], keys: &[&str]) -> bool {
    fn after_space(text: &[u8]) -> &[u8] {
        let start = text
            .iter()
            .position(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
            .unwrap_or(text.len());
        &text[start..]
    }
    let Some(rest) = after_space(body).strip_prefix(b"{") else {
        return false;
    };
    let Some(key) = after_space(rest).strip_prefix(b"\"") else {
        return false;
    };
    match memchr::memchr2(b'"', b'\\', key) {
        Some(end) if key[end] == b'"' => keys.iter().any(|k| k.as_bytes() == &key[..end]),
        // An escape (or no end): only the JSON parser can tell.
        _ => true,
    }
}

/// Whether `body` has a `code"` (in any case) anywhere: found from the quotes, which a body has far
/// fewer of than bytes.
fn mentions_code(body: &[u8]) -> bool {
    memchr::memchr_iter(b'"', body)
        .any(|end| end >= 4 && body[end - 4..end].eq_ignore_ascii_case(b"code"))
}

/// Rewrites an error answer so the generated code decodes it into the spec's `ErrorResponse`
/// whatever the service (or a gateway in front of it) sent. A redirect is described, not followed.
fn normalise_error(answer: Answer) -> reqwest::Response {
    let mut note = answer.note();
    let parsed: Option<Value> = serde_json::from_slice(&answer.body).ok();
    let (code, msg) = if answer.status.is_redirection() {
        let target = answer
            .redirect_host
            .as_deref()
            .unwrap_or("nowhere (no usable Location)");
        let msg = format!(
            "redirected to {target}; not followed: the client never follows redirects, so \
             nothing was sent there"
        );
        (None, Some(msg))
    } else {
        let (code, msg) = parsed.as_ref().map(error_fields).unwrap_or((None, None));
        let msg = msg.or_else(|| {
            let text = snippet(&answer.body);
            let trimmed = text.trim();
            (parsed.is_none() && !trimmed.is_empty()).then(|| trimmed.to_owned())
        });
        (code, msg)
    };
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
    note.code = code;
    note.message = msg;
    let mut headers = answer.headers;
    headers.insert(CONTENT_TYPE, noted_json_content_type(note.clone()));
    headers.remove(CONTENT_LENGTH);
    headers.remove(CONTENT_ENCODING);
    headers.remove(TRANSFER_ENCODING);
    crate::answer::response(
        answer.status,
        answer.version,
        answer.url,
        headers,
        Bytes::from(body),
        note,
    )
}

/// Implements progenitor's `ClientHooks` for a generated `Client` whose inner type is [`Context`],
/// delegating every hook to the context, and adds `Client::builder()`. Each service crate's
/// `lib.rs` invokes it once with its name and its generated `OPERATIONS` and `ENDPOINTS` tables:
/// `hwcloud_core::service_client!(Client, "dcs", OPERATIONS, ENDPOINTS);`. It names its
/// dependencies through this crate, so a service crate needs nothing more for it.
#[macro_export]
macro_rules! service_client {
    ($client:ty, $service:literal, $operations:expr, $endpoints:expr) => {
        impl $crate::__private::progenitor_client::ClientHooks<$crate::Context> for $client {
            async fn pre<E>(
                &self,
                request: &mut $crate::__private::reqwest::Request,
                info: &$crate::__private::progenitor_client::OperationInfo,
            ) -> ::std::result::Result<(), $crate::__private::progenitor_client::Error<E>> {
                $crate::__private::progenitor_client::ClientInfo::inner(self)
                    .prepare(request, info, $operations)
                    .await
            }

            async fn exec(
                &self,
                request: $crate::__private::reqwest::Request,
                info: &$crate::__private::progenitor_client::OperationInfo,
            ) -> $crate::__private::reqwest::Result<$crate::__private::reqwest::Response> {
                let client = $crate::__private::progenitor_client::ClientInfo::client(self);
                $crate::__private::progenitor_client::ClientInfo::inner(self)
                    .execute(client, request, info, $operations)
                    .await
            }
        }

        impl $client {
            /// A builder for a client of this service: region or endpoint, credentials, project id,
            /// timeouts, retries.
            pub fn builder() -> $crate::ClientBuilder<Self> {
                $crate::ClientBuilder::new($service, $endpoints, |baseurl, http, context| {
                    Self::new_with_client(baseurl, http, context)
                })
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use progenitor_client::ResponseValue;
    use proptest::prelude::*;

    const SWAP: Operation = Operation {
        id: "change_master_standby_async",
        name: "ChangeMasterStandbyAsync",
        method: "PUT",
        path: "/v2/{project_id}/instances/{instance_id}/async-swap",
        idempotent: false,
        clouds: &[Cloud::HuaweiCloud],
        decoded: &[200],
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
        assert!(folded.contains("`.` or `..`"), "{folded}");
        // Same number of segments, another literal: the route changed too.
        let moved = check_path(&SWAP, "/v2/p/instancez/i-1/async-swap").unwrap_err();
        assert!(moved.contains("changed the route"), "{moved}");
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
            ("X-Sdk-Content-Sha256", "UNSIGNED-PAYLOAD"),
        ] {
            headers.insert(
                reqwest::header::HeaderName::from_bytes(name.as_bytes()).expect("name"),
                value.parse().expect("value"),
            );
        }
        *request.body_mut() = Some(reqwest::Body::from("{}"));
        let copy = Unsigned::of(&request).expect("a buffered body is copied");
        let kept: Vec<&str> = copy.headers.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            kept,
            ["accept", "content-type", "x-sdk-content-sha256"],
            "only what the call itself set"
        );
        let again = copy.request();
        assert_eq!(again.url(), request.url());
        assert_eq!(again.method(), request.method());
        assert_eq!(again.headers().len(), 3);
        assert_eq!(
            again.body().and_then(reqwest::Body::as_bytes),
            Some(&b"{}"[..])
        );
    }

    /// A success answer as the hook hands it back when rebuilt, read within `limit` (whole when
    /// `complete`).
    fn handed_back(answer: Answer, complete: bool, limit: usize) -> reqwest::Response {
        let problem = problem(&answer.body, complete, limit);
        success(answer, problem)
    }

    fn answer(status: u16, body: Vec<u8>) -> Answer {
        Answer {
            status: StatusCode::from_u16(status).unwrap(),
            version: reqwest::Version::HTTP_11,
            headers: reqwest::header::HeaderMap::new(),
            body: Bytes::from(body),
            redirect_host: None,
            url: reqwest::Url::parse("https://dcs.example.com/").unwrap(),
        }
    }

    proptest! {
        /// Path values are encoded as progenitor encodes them, with `+` and `=` encoded too (as the
        /// official SDK sends them); what needs no encoding is copied as it is.
        #[test]
        fn path_values_are_encoded_like_progenitor_plus_the_sdk_characters(value in "\\PC{0,24}") {
            let expected = progenitor_client::encode_path(&value)
                .replace('+', "%2B")
                .replace('=', "%3D");
            prop_assert_eq!(encode_path_value(&value), expected);
        }
    }

    #[test]
    fn path_value_encoding_examples() {
        assert_eq!(encode_path_value("ff8080818822bbf7"), "ff8080818822bbf7");
        assert_eq!(encode_path_value("a+b=c"), "a%2Bb%3Dc");
        assert_eq!(encode_path_value("../x y/%"), "..%2Fx%20y%2F%25");
        assert_eq!(encode_path_value("中"), "%E4%B8%AD");
    }

    /// Any JSON value, nested a few levels.
    fn json_value() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            any::<i64>().prop_map(Value::from),
            any::<f64>().prop_map(Value::from),
            "\\PC{0,12}".prop_map(Value::from),
        ];
        leaf.prop_recursive(4, 64, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
                prop::collection::btree_map(
                    prop_oneof![
                        Just("error_code".to_owned()),
                        Just("error_msg".to_owned()),
                        Just("error_ext_msg".to_owned()),
                        Just("code".to_owned()),
                        Just("message".to_owned()),
                        Just("error".to_owned()),
                        "\\PC{0,8}",
                    ],
                    inner,
                    0..6
                )
                .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    fn bytes() -> impl Strategy<Value = Vec<u8>> {
        prop_oneof![
            prop::collection::vec(any::<u8>(), 0..3000),
            json_value().prop_map(|v| v.to_string().into_bytes()),
        ]
    }

    proptest! {
        /// The error-body reader takes any bytes under any error status: it never panics, and what
        /// it hands the generated code always decodes as the error schema's JSON object.
        #[test]
        fn the_error_body_reader_never_panics(
            status in 300u16..600,
            body in bytes(),
        ) {
            let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
            let response = normalise_error(answer(status, body));
            let text = runtime.block_on(response.bytes()).unwrap();
            let value: Value = serde_json::from_slice(&text).unwrap();
            prop_assert!(value.is_object());
            for member in ["error_code", "error_msg", "error_ext_msg"] {
                prop_assert!(
                    matches!(value.get(member), Some(Value::String(_) | Value::Null)),
                    "{member}: {value}"
                );
            }
            let _ = error_fields(&value);
        }

        /// Reading the error fields, or an error body under a success status, or the gateway's
        /// clock from a rejection, never panics on any JSON.
        #[test]
        fn error_fields_take_any_json(value in json_value(), body in bytes()) {
            let _ = error_fields(&value);
            let _ = error_body(value.to_string().as_bytes());
            let _ = error_body(&body);
            let context = Context::unauthenticated()
                .with_credentials(Credentials::aksk("AK", "SK"));
            let _ = context.clock_correction(&answer(401, body));
            let _ = context.clock_correction(&answer(401, value.to_string().into_bytes()));
        }

        /// Looking at the first key first changes no answer: whatever the body, the error-body
        /// reader says what the full parse says.
        #[test]
        fn the_first_key_settles_only_what_the_parse_would(value in json_value(), body in bytes()) {
            for text in [value.to_string().into_bytes(), body, format!(" \n{value}").into_bytes()] {
                prop_assert_eq!(error_body(&text), error_body_parsed(&text));
            }
        }

        /// The generated code's decoding from the body the hook kept gives what progenitor's
        /// `from_response` gives reading the body again: the same value, status and headers, or
        /// the same failure with the same bytes.
        #[test]
        fn decoding_the_kept_body_is_decoding_the_answer(
            status in 200u16..300,
            body in bytes(),
            complete in any::<bool>(),
        ) {
            type Decoded = Result<ResponseValue<Value>, progenitor_client::Error<()>>;
            fn outcome(decoded: Decoded) -> (Option<(Value, u16, usize)>, Option<Bytes>) {
                match decoded {
                    Ok(v) => {
                        let (status, headers) = (v.status().as_u16(), v.headers().len());
                        (Some((v.into_inner(), status, headers)), None)
                    }
                    Err(progenitor_client::Error::InvalidResponsePayload(bytes, _)) => (None, Some(bytes)),
                    Err(e) => panic!("unexpected failure: {e}"),
                }
            }
            let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
            let mut headers = reqwest::header::HeaderMap::new();
            headers.insert(CONTENT_TYPE, "application/json".parse().unwrap());
            let with_headers = || Answer { headers: headers.clone(), ..answer(status, body.clone()) };
            let kept: Decoded = runtime.block_on(crate::answer::response_value(handed_back(with_headers(), complete, 1024)));
            let read: Decoded = runtime.block_on(ResponseValue::from_response(handed_back(with_headers(), complete, 1024)));
            prop_assert_eq!(outcome(kept), outcome(read));
        }

        /// A success answer of any bytes is handed back without panicking.
        #[test]
        fn success_answers_of_any_bytes_are_handed_back(
            status in 200u16..300,
            body in bytes(),
            complete in any::<bool>(),
        ) {
            let response = handed_back(answer(status, body), complete, 1024);
            prop_assert_eq!(response.status().as_u16(), status);
        }
    }
}
