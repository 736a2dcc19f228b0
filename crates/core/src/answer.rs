//! Reading an answer within bounds, and turning it into what the generated call returns: the
//! operation's value, or an [`Error`] that carries every fact it needs (status, request id, error
//! code and message, the start of the body).
//!
//! A success body is read up to the client's limit ([`crate::ClientBuilder::max_response_body`]),
//! an error body up to [`ERROR_BODY_LIMIT`]; then the connection is dropped with the rest unread.

use bytes::Bytes;
use progenitor_client::ResponseValue;
use reqwest::StatusCode;
use reqwest::header::{CONTENT_LENGTH, HeaderMap};
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::error::{ERROR_BODY_LIMIT, Error, SNIPPET_LIMIT, ServiceError, error_fields, snippet};
use crate::operation::Operation;

/// The default limit of a success answer's body: 16 MiB.
pub(crate) const DEFAULT_MAX_RESPONSE_BODY: usize = 16 * 1024 * 1024;

/// The header naming an answer's request id.
pub(crate) const X_REQUEST_ID: reqwest::header::HeaderName =
    reqwest::header::HeaderName::from_static("x-request-id");

/// An answer whose body has been read (within a limit).
#[derive(Debug)]
pub(crate) struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    /// What was read of the body (its start, when it was longer than the limit).
    pub body: Bytes,
    /// Whether `body` is the whole body.
    pub complete: bool,
    /// For a redirect: the host (and port) its `Location` names, resolved against the request's
    /// URL; `None` without a usable `Location`.
    pub redirect_host: Option<String>,
    /// The limit the body was read within.
    pub limit: usize,
}

impl Answer {
    /// Reads `response`'s body: up to `success_limit` bytes for a success status, up to
    /// [`ERROR_BODY_LIMIT`] otherwise.
    pub(crate) async fn read(
        mut response: reqwest::Response,
        success_limit: usize,
    ) -> reqwest::Result<Self> {
        let limit = if response.status().is_success() {
            success_limit
        } else {
            ERROR_BODY_LIMIT
        };
        let (body, complete) = read_body(&mut response, limit).await?;
        let redirect_host = response
            .status()
            .is_redirection()
            .then(|| {
                let location = response.headers().get(reqwest::header::LOCATION)?;
                let target = response.url().join(location.to_str().ok()?).ok()?;
                let host = target.host_str()?;
                Some(match target.port() {
                    Some(port) => format!("{host}:{port}"),
                    None => host.to_owned(),
                })
            })
            .flatten();
        Ok(Self {
            status: response.status(),
            headers: std::mem::take(response.headers_mut()),
            body,
            complete,
            redirect_host,
            limit,
        })
    }

    /// The `X-Request-Id`, as text.
    pub(crate) fn request_id(&self) -> Option<String> {
        request_id(&self.headers)
    }

    /// The operation's value, decoded from a documented success answer's JSON body.
    pub(crate) fn into_value<T: DeserializeOwned>(
        self,
        op: &Operation,
    ) -> Result<ResponseValue<T>, Error> {
        if !self.status.is_success() {
            return Err(self.into_service_error());
        }
        if !op.success.contains(&self.status.as_u16()) {
            return Err(self.undocumented_success());
        }
        if !self.complete {
            return Err(Error::Decode {
                status: Some(self.status),
                message: format!(
                    "the body is larger than the client's limit of {} bytes \
                     (ClientBuilder::max_response_body); the operation was performed",
                    self.limit
                ),
                snippet: snippet(&self.body),
            });
        }
        if self.body.is_empty() {
            return Err(Error::Decode {
                status: Some(self.status),
                message: "the body is empty".to_owned(),
                snippet: String::new(),
            });
        }
        if let Some((code, message)) = error_body(&self.body) {
            return Err(self.service_error(code, message));
        }
        match serde_json::from_slice(&self.body) {
            Ok(inner) => Ok(ResponseValue::new(inner, self.status, self.headers)),
            Err(e) => Err(Error::Decode {
                status: Some(self.status),
                message: e.to_string(),
                snippet: snippet(&self.body),
            }),
        }
    }

    /// The answer of an operation whose documented success has no body (`204`).
    pub(crate) fn into_empty(self, op: &Operation) -> Result<ResponseValue<()>, Error> {
        if !self.status.is_success() {
            return Err(self.into_service_error());
        }
        if !op.success.contains(&self.status.as_u16()) {
            return Err(self.undocumented_success());
        }
        Ok(ResponseValue::new((), self.status, self.headers))
    }

    /// A success status the operation does not document: the service's error when the body is
    /// an error body and nothing else, otherwise a decode error (the operation was performed).
    fn undocumented_success(self) -> Error {
        match self.complete.then(|| error_body(&self.body)).flatten() {
            Some((code, message)) => self.service_error(code, message),
            None => Error::Decode {
                status: Some(self.status),
                message: "a success status the API does not document".to_owned(),
                snippet: snippet(&self.body),
            },
        }
    }

    /// The error of an answer with an error status (or a redirect, which is described, never
    /// followed): its code and message read the way the official SDK reads them; the text of a
    /// body that is not JSON (an HTML page from a gateway) as the message.
    pub(crate) fn into_service_error(self) -> Error {
        if self.status.is_redirection() {
            let target = self
                .redirect_host
                .as_deref()
                .unwrap_or("nowhere (no usable Location)");
            let message = format!(
                "redirected to {target}; not followed: the client never follows redirects, so \
                 nothing was sent there"
            );
            return self.service_error(None, Some(message));
        }
        let parsed: Option<Value> = serde_json::from_slice(&self.body).ok();
        let (code, message) = parsed.as_ref().map(error_fields).unwrap_or((None, None));
        let message = message.or_else(|| {
            let text = snippet(&self.body);
            let trimmed = text.trim();
            (parsed.is_none() && !trimmed.is_empty()).then(|| trimmed.to_owned())
        });
        self.service_error(code, message)
    }

    fn service_error(&self, error_code: Option<String>, error_msg: Option<String>) -> Error {
        Error::Service(ServiceError::new(
            self.status,
            error_code,
            error_msg,
            self.request_id(),
            snippet(&self.body),
        ))
    }
}

/// The `X-Request-Id` of an answer, as text.
pub(crate) fn request_id(headers: &HeaderMap) -> Option<String> {
    headers
        .get(X_REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

/// Reads `response`'s body up to `limit` bytes, leaving the response drained. A body that
/// declares a larger length is not read beyond the snippet's worth; one that turns out larger is
/// read no further. Either way the connection is then dropped with the rest unread. Returns what
/// was read and whether it is the whole body.
pub(crate) async fn read_body(
    response: &mut reqwest::Response,
    limit: usize,
) -> reqwest::Result<(Bytes, bool)> {
    let declared = response
        .headers()
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    match declared {
        Some(length) if length > limit as u64 => read_within(response, SNIPPET_LIMIT, false).await,
        // A declared length within the limit bounds the body by itself (the HTTP layer reads no
        // more than it declares); otherwise the limit does.
        _ => read_within(response, limit, true).await,
    }
}

/// Reads `response`'s body chunk by chunk, no further than `want` bytes; `complete` is false
/// once it turned out longer (or, as passed in, when it declared more than the limit).
async fn read_within(
    response: &mut reqwest::Response,
    want: usize,
    mut complete: bool,
) -> reqwest::Result<(Bytes, bool)> {
    // One chunk is kept as it came; more are gathered in a buffer that grows by doubling but
    // never past what the limit needs, so a runaway body costs at most `limit` and a chunk.
    let mut first: Option<Bytes> = None;
    let mut more: Vec<u8> = Vec::new();
    let mut read = 0usize;
    while read <= want {
        let Some(chunk) = response.chunk().await? else {
            break;
        };
        read += chunk.len();
        if read > want {
            complete = false;
        }
        match &first {
            None => first = Some(chunk),
            Some(head) => {
                if more.is_empty() {
                    more.extend_from_slice(head);
                }
                let needed = more.len() + chunk.len();
                if needed > more.capacity() {
                    let grown = (more.capacity() * 2).max(needed);
                    let capped = grown.min(want.saturating_add(chunk.len())).max(needed);
                    more.reserve_exact(capped - more.len());
                }
                more.extend_from_slice(&chunk);
            }
        }
    }
    let mut body = if more.is_empty() {
        first.unwrap_or_default()
    } else {
        Bytes::from(more)
    };
    if !complete {
        body.truncate(want.min(body.len()));
    }
    Ok((body, complete))
}

/// An error code and message, either of which an error body may lack.
type CodeAndMessage = (Option<String>, Option<String>);

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

/// The error code and message of a success answer's body that is an error answer and nothing
/// else: a JSON object whose members are all the error members services and gateways answer
/// with, with a code. Only small bodies are parsed, and only when their first key is an error
/// member (a success body's first key settles most answers without a parse).
pub(crate) fn error_body(body: &[u8]) -> Option<CodeAndMessage> {
    if body.len() > ERROR_BODY_LIMIT || !first_key_may_be(body, &ERROR_MEMBERS) {
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
fn first_key_may_be(body: &[u8], keys: &[&str]) -> bool {
    let after_space = |text: &[u8]| -> usize {
        text.iter()
            .position(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
            .unwrap_or(text.len())
    };
    let rest = &body[after_space(body)..];
    let Some(rest) = rest.strip_prefix(b"{") else {
        return false;
    };
    let rest = &rest[after_space(rest)..];
    let Some(key) = rest.strip_prefix(b"\"") else {
        return false;
    };
    match key.iter().position(|&b| b == b'"' || b == b'\\') {
        Some(end) if key[end] == b'"' => keys.iter().any(|k| k.as_bytes() == &key[..end]),
        // An escape (or no end): only the JSON parser can tell.
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    use crate::operation::TEST_SWAP as SWAP;

    fn answer(status: u16, body: &[u8]) -> Answer {
        Answer {
            status: StatusCode::from_u16(status).unwrap(),
            headers: HeaderMap::new(),
            body: Bytes::copy_from_slice(body),
            complete: true,
            redirect_host: None,
            limit: 1024,
        }
    }

    /// [`error_body`] without its first-key shortcut.
    fn error_body_parsed(body: &[u8]) -> Option<CodeAndMessage> {
        let Value::Object(members) = serde_json::from_slice(body).ok()? else {
            return None;
        };
        if body.len() > ERROR_BODY_LIMIT
            || !members.keys().all(|k| ERROR_MEMBERS.contains(&k.as_str()))
        {
            return None;
        }
        let (code, message) = error_fields(&Value::Object(members));
        code.as_deref()
            .is_some_and(|c| !c.trim().is_empty() && c != "0")
            .then_some((code, message))
    }

    #[test]
    fn a_success_answer_is_decoded_or_said_to_be_wrong() {
        let ok: ResponseValue<Value> = answer(200, br#"{"job_id":"j"}"#).into_value(&SWAP).unwrap();
        assert_eq!(ok.into_inner(), serde_json::json!({"job_id": "j"}));
        let empty = answer(200, b"").into_value::<Value>(&SWAP).unwrap_err();
        assert!(empty.to_string().contains("the body is empty"), "{empty}");
        let error = answer(200, br#"{"error_code":"DCS.4855","error_msg":"no"}"#)
            .into_value::<Value>(&SWAP)
            .unwrap_err();
        let service = error.service_error().expect("a service error");
        assert_eq!(service.error_code.as_deref(), Some("DCS.4855"));
        let undocumented = answer(201, b"{}").into_value::<Value>(&SWAP).unwrap_err();
        assert!(
            undocumented.to_string().contains("does not document"),
            "{undocumented}"
        );
        let cut = Answer {
            complete: false,
            ..answer(200, b"{\"a\":")
        };
        let too_large = cut.into_value::<Value>(&SWAP).unwrap_err();
        assert!(
            too_large
                .to_string()
                .contains("larger than the client's limit"),
            "{too_large}"
        );
    }

    #[test]
    fn a_redirect_names_its_host_and_is_not_followed() {
        let redirect = Answer {
            redirect_host: Some("elsewhere.example:8443".into()),
            ..answer(307, b"")
        };
        let error = redirect.into_service_error();
        assert!(
            error.to_string().contains("elsewhere.example:8443"),
            "{error}"
        );
        assert!(error.to_string().contains("not followed"), "{error}");
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
        /// Any bytes under any status give a value or a typed error, never a panic; an error
        /// status always gives the service's error with that status.
        #[test]
        fn any_answer_gives_a_value_or_a_typed_error(status in 200u16..600, body in bytes()) {
            let outcome = answer(status, &body).into_value::<Value>(&SWAP);
            if status >= 300 {
                let error = outcome.unwrap_err();
                prop_assert_eq!(error.status().map(|s| s.as_u16()), Some(status));
                prop_assert!(error.service_error().is_some());
            }
        }

        /// Looking at the first key first changes no answer.
        #[test]
        fn the_first_key_settles_only_what_the_parse_would(value in json_value(), body in bytes()) {
            for text in [value.to_string().into_bytes(), body, format!(" \n{value}").into_bytes()] {
                prop_assert_eq!(error_body(&text), error_body_parsed(&text));
            }
        }
    }
}
