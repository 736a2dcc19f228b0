//! One error type for every generated call: what happened, and what is safe to do next.
//!
//! Every generated `send()` returns [`Error`], which sorts what went wrong into the five things a
//! caller needs to tell apart:
//!
//! | variant | what happened | safe to send again? |
//! |---|---|---|
//! | [`Error::InvalidRequest`] | rejected before any I/O (empty path id, no project id, cannot sign) | after fixing the request |
//! | [`Error::NotSent`] | failed before the request could reach the service (DNS, connection refused) | yes |
//! | [`Error::MaybeSent`] | may have reached the service (timeout after sending, connection reset) | only if idempotent |
//! | [`Error::Service`] | the service answered with an error status | depends on the status |
//! | [`Error::Decode`] | the service answered with success, but the body does not decode | no: it was done |

use std::fmt;

use reqwest::StatusCode;
use serde_json::Value;

/// The most bytes of a raw body kept in an error.
pub const SNIPPET_LIMIT: usize = 512;

/// The most bytes of an error answer's body that are read: the rest is left unread and the
/// connection dropped. The error's code, message and snippet come from these.
pub const ERROR_BODY_LIMIT: usize = 8 * 1024;

/// What went wrong with a call, sorted by what is safe to do next. See the [module docs](self).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The request was rejected before any I/O: nothing was sent.
    #[error("invalid request, not sent: {0}")]
    InvalidRequest(String),
    /// The request failed before it could reach the service (no connection could be made): it is
    /// safe to send it again.
    #[error("the request could not reach the service (safe to retry): {0}")]
    NotSent(#[source] TransportError),
    /// The request may have reached the service, but no complete answer came back (a timeout after
    /// sending, a connection reset mid-response). Repeating a non-idempotent operation such as a
    /// switchover may perform it twice: check its state first.
    #[error("the request may have reached the service, outcome unknown: {0}")]
    MaybeSent(#[source] TransportError),
    /// The service answered with an error status.
    #[error("{0}")]
    Service(ServiceError),
    /// The service answered with a success status, but its body could not be decoded (or was
    /// larger than the client's limit, [`crate::ClientBuilder::max_response_body`]). The operation
    /// was performed.
    #[error(
        "the service answered{} but the body could not be decoded ({message}): {snippet:?}",
        status.map(|s| format!(" {s}")).unwrap_or_default()
    )]
    Decode {
        /// The status, when known.
        status: Option<StatusCode>,
        /// Why decoding failed.
        message: String,
        /// The start of the body (at most [`SNIPPET_LIMIT`] bytes, lossily decoded).
        snippet: String,
    },
}

/// A failure to exchange a request and an answer with the service (connecting, sending, or
/// receiving): the HTTP library's error, kept as this error's [`source`](std::error::Error::source)
/// without being part of this crate's API.
#[derive(Debug)]
pub struct TransportError(reqwest::Error);

impl TransportError {
    /// Whether the attempt ran out of time.
    pub fn is_timeout(&self) -> bool {
        self.0.is_timeout()
    }

    /// Whether it failed while connecting.
    pub fn is_connect(&self) -> bool {
        self.0.is_connect()
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl std::error::Error for TransportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        std::error::Error::source(&self.0)
    }
}

/// An error answer from the service.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct ServiceError {
    /// The HTTP status.
    pub status: StatusCode,
    /// The service's error code (`DCS.4855`), when the body had one.
    pub error_code: Option<String>,
    /// The service's error message, when the body had one; for a body that is not JSON (an HTML
    /// page from a gateway), its text.
    pub error_msg: Option<String>,
    /// The `X-Request-Id` the service answered with, for support requests.
    pub request_id: Option<String>,
    /// The start of the raw body (at most [`SNIPPET_LIMIT`] bytes).
    pub body_snippet: String,
}

impl ServiceError {
    /// An error answer of `status` with the service's code and message, the answer's request id
    /// and the start of its body (cut to [`SNIPPET_LIMIT`] bytes).
    pub fn new(
        status: StatusCode,
        error_code: Option<String>,
        error_msg: Option<String>,
        request_id: Option<String>,
        body: impl AsRef<[u8]>,
    ) -> Self {
        Self {
            status,
            error_code,
            error_msg,
            request_id,
            body_snippet: snippet(body.as_ref()),
        }
    }
}

impl fmt::Display for ServiceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the service answered {}", self.status)?;
        if let Some(code) = &self.error_code {
            write!(f, " {code}")?;
        }
        if let Some(msg) = &self.error_msg {
            write!(f, ": {msg}")?;
        }
        if let Some(id) = &self.request_id {
            write!(f, " (request id {id})")?;
        }
        Ok(())
    }
}

/// The coarse kind of an [`Error`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// See [`Error::InvalidRequest`].
    InvalidRequest,
    /// See [`Error::NotSent`].
    NotSent,
    /// See [`Error::MaybeSent`].
    MaybeSent,
    /// See [`Error::Service`].
    Service,
    /// See [`Error::Decode`].
    Decode,
}

impl Error {
    /// The kind of error.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Self::InvalidRequest(_) => ErrorKind::InvalidRequest,
            Self::NotSent(_) => ErrorKind::NotSent,
            Self::MaybeSent(_) => ErrorKind::MaybeSent,
            Self::Service(_) => ErrorKind::Service,
            Self::Decode { .. } => ErrorKind::Decode,
        }
    }

    /// Whether the request certainly did not reach the service, so that sending it again cannot
    /// perform the operation twice.
    pub fn was_not_sent(&self) -> bool {
        matches!(self, Self::InvalidRequest(_) | Self::NotSent(_))
    }

    /// The HTTP status the service answered with, if it answered.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Self::Service(e) => Some(e.status),
            Self::Decode { status, .. } => *status,
            _ => None,
        }
    }

    /// The service's error answer, if it answered with an error.
    pub fn service_error(&self) -> Option<&ServiceError> {
        match self {
            Self::Service(e) => Some(e),
            _ => None,
        }
    }

    /// The `X-Request-Id` of the service's error answer, if any.
    pub fn request_id(&self) -> Option<&str> {
        self.service_error().and_then(|e| e.request_id.as_deref())
    }
}

/// Whether an operation may have been performed: the one answer every error and every wait
/// outcome gives ([`Error::performed`], [`crate::wait::WaitError::performed`]), and what `hwc`
/// prints as its `performed:` line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Performed {
    /// Certainly not: it never left, the service refused it, or the service said it is busy.
    No,
    /// Perhaps: it may have reached the service and nothing proves either way. Check the state
    /// before sending a non-idempotent operation again.
    Maybe,
    /// Yes: the service took it (it may have failed since; the outcome says).
    Yes,
}

impl fmt::Display for Performed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::No => "no",
            Self::Maybe => "maybe",
            Self::Yes => "yes",
        })
    }
}

impl Error {
    /// Whether the operation this error ended may have been performed, for an operation that is
    /// (`idempotent`) or is not safe to send twice:
    ///
    /// - rejected before sending, or could not reach the service: [`Performed::No`];
    /// - may have reached it with no complete answer: [`Performed::Maybe`];
    /// - a 3xx (never followed) or 4xx answer: [`Performed::No`];
    /// - a 2xx answer carrying an error body: [`Performed::Maybe`] for a non-idempotent
    ///   operation (the service said success and error at once), [`Performed::No`] for a read;
    /// - a 5xx answer: [`Performed::Maybe`], or [`Performed::No`] for a read;
    /// - a success whose body could not be read: [`Performed::Yes`].
    pub fn performed(&self, idempotent: bool) -> Performed {
        match self {
            Self::InvalidRequest(_) | Self::NotSent(_) => Performed::No,
            Self::MaybeSent(_) => Performed::Maybe,
            Self::Service(e) if e.status.is_redirection() || e.status.is_client_error() => {
                Performed::No
            }
            Self::Service(_) if idempotent => Performed::No,
            Self::Service(_) => Performed::Maybe,
            Self::Decode { .. } => Performed::Yes,
        }
    }
}

/// Sorts a transport error by whether the request can have reached the service.
pub(crate) fn from_transport(e: reqwest::Error) -> Error {
    if e.is_builder() {
        Error::InvalidRequest(e.to_string())
    } else if e.is_connect() {
        Error::NotSent(TransportError(e))
    } else {
        Error::MaybeSent(TransportError(e))
    }
}

/// The first [`SNIPPET_LIMIT`] bytes of a body, lossily decoded, and never longer than
/// [`SNIPPET_LIMIT`] bytes.
pub fn snippet(body: &[u8]) -> String {
    let end = body.len().min(SNIPPET_LIMIT);
    let mut text = String::from_utf8_lossy(&body[..end]).into_owned();
    // A character cut in two at the limit (or an invalid byte) decodes to U+FFFD, three bytes:
    // cut again at a character boundary so that the snippet stays within the limit.
    let mut cut = text.len().min(SNIPPET_LIMIT);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    text.truncate(cut);
    text
}

/// The error code and message of an error body, read the way the official SDK reads them:
/// `error_code`/`error_msg`, `errorCode`/`errorMsg`, `code`/`message`, or the same nested under an
/// object-valued member such as `{"error": {"code": .., "message": ..}}`; and beyond the SDK, the
/// `errCode`/`externalMessage` some services (CSS v1.0) answer with. An
/// `encoded_authorization_message` (an IAM policy denial) is the message when the body has no
/// other.
pub fn error_fields(body: &Value) -> (Option<String>, Option<String>) {
    fn text(v: &Value) -> Option<String> {
        match v {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        }
    }
    fn flat(obj: &serde_json::Map<String, Value>) -> (Option<String>, Option<String>) {
        const PAIRS: [(&str, &str); 4] = [
            ("error_code", "error_msg"),
            ("errorCode", "errorMsg"),
            ("errCode", "externalMessage"),
            ("code", "message"),
        ];
        for (code, msg) in PAIRS {
            let pair = (obj.get(code).and_then(text), obj.get(msg).and_then(text));
            if pair.0.is_some() || pair.1.is_some() {
                return pair;
            }
        }
        (None, None)
    }
    let Some(obj) = body.as_object() else {
        return (None, None);
    };
    let top = flat(obj);
    let (code, msg) = if top.0.is_some() || top.1.is_some() {
        top
    } else {
        obj.values()
            .filter_map(Value::as_object)
            .map(flat)
            .find(|pair| pair.0.is_some() || pair.1.is_some())
            .unwrap_or((None, None))
    };
    let msg = msg.or_else(|| obj.get("encoded_authorization_message").and_then(text));
    (code, msg)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn error_bodies_are_read_like_the_official_sdk() {
        let cases = [
            (
                json!({"error_code": "DCS.4855", "error_msg": "no"}),
                "DCS.4855",
                "no",
            ),
            (
                json!({"errorCode": "E1", "errorMsg": "camel"}),
                "E1",
                "camel",
            ),
            (
                json!({"code": "APIGW.0301", "message": "bad token"}),
                "APIGW.0301",
                "bad token",
            ),
            (
                json!({"error": {"code": "X", "message": "nested"}}),
                "X",
                "nested",
            ),
            (
                json!({"error_code": 111400063, "error_msg": "numeric"}),
                "111400063",
                "numeric",
            ),
            (
                json!({"errCode": "CSS.0015", "externalMessage": "No resources are found."}),
                "CSS.0015",
                "No resources are found.",
            ),
            (
                json!({"error_code": "IAM.0002", "encoded_authorization_message": "enc-1"}),
                "IAM.0002",
                "enc-1",
            ),
        ];
        for (body, code, msg) in cases {
            assert_eq!(
                error_fields(&body),
                (Some(code.to_owned()), Some(msg.to_owned())),
                "{body}"
            );
        }
        assert_eq!(error_fields(&json!("text")), (None, None));
        assert_eq!(error_fields(&json!({"other": 1})), (None, None));
    }

    #[test]
    fn snippets_are_bounded() {
        let body = vec![b'a'; SNIPPET_LIMIT * 3];
        assert_eq!(snippet(&body).len(), SNIPPET_LIMIT);
        assert_eq!(snippet(b"<html>"), "<html>");
        // The limit falls inside a two-byte character: no replacement character past the limit.
        let mut body = vec![b'a'; SNIPPET_LIMIT - 1];
        body.extend_from_slice("é".as_bytes());
        assert_eq!(snippet(&body), "a".repeat(SNIPPET_LIMIT - 1));
        assert!(snippet(&[0xff; SNIPPET_LIMIT]).len() <= SNIPPET_LIMIT);
    }
}
