//! Reading an answer within bounds, and telling the error conversion what the `exec` hook learned
//! of it without anything a user can see.
//!
//! Every answer the core hands back to the generated code has been read here: a success body up to
//! the client's limit ([`crate::ClientBuilder::max_response_body`]), an error body up to
//! [`crate::error::ERROR_BODY_LIMIT`] (then the connection is dropped, unread). The generated code then decodes
//! it, and progenitor passes on only some of what it had: a documented error keeps the headers but
//! not the body, a body that does not decode keeps the bytes but not the status, an undocumented
//! status keeps the whole `reqwest::Response`. So what [`crate::Error`] needs (the status, the
//! start of the raw body, why a body was set aside) travels as a [`Note`] in three ways, none of
//! them a header or a body member a user could mistake for the service's:
//!
//! - in the response's extensions (an undocumented status), beside the body the response holds,
//!   which the generated code decodes from there ([`response_value`]) instead of reading it again;
//! - keyed by the address of the body's buffer (a body that does not decode: attached by
//!   [`response_value`] once decoding failed, so an answer that decodes never touches the table);
//! - keyed by the address of the buffer of the `Content-Type` value the core sets on a normalised
//!   error answer (a documented error).
//!
//! An entry keyed by a buffer lives exactly as long as the buffer: the buffer's owner removes it
//! when the last copy of the bytes is dropped, so the table holds only answers still in hand.

use std::sync::{LazyLock, Mutex, PoisonError};

use bytes::Bytes;
use reqwest::StatusCode;
use reqwest::header::{CONTENT_LENGTH, HeaderMap, HeaderValue};
use rustc_hash::FxHashMap;

use crate::error::{SNIPPET_LIMIT, snippet};

pub(crate) use crate::error::ERROR_BODY_LIMIT;

/// The default limit of a success answer's body: 16 MiB.
pub(crate) const DEFAULT_MAX_RESPONSE_BODY: usize = 16 * 1024 * 1024;

/// The header naming an answer's request id. A `HeaderName` (not a `&str`), so that looking it up
/// hashes the name without parsing it first.
pub(crate) const X_REQUEST_ID: reqwest::header::HeaderName =
    reqwest::header::HeaderName::from_static("x-request-id");

/// What the core learned of an answer, for the error conversion.
#[derive(Clone, Debug)]
pub(crate) struct Note {
    /// The answer's status.
    pub status: StatusCode,
    /// Its `X-Request-Id`.
    pub request_id: Option<HeaderValue>,
    /// The start of the body as received (the whole body when it was read in full).
    pub body: Bytes,
    /// The error code and message read from an error body (or said by the core, for a redirect).
    pub code: Option<String>,
    /// See `code`.
    pub message: Option<String>,
    /// Why a success answer's body was set aside, if it was.
    pub problem: Option<Problem>,
}

impl Note {
    /// The start of the body as received, within [`SNIPPET_LIMIT`].
    pub(crate) fn snippet(&self) -> String {
        snippet(&self.body)
    }

    /// The `X-Request-Id`, as text.
    pub(crate) fn request_id(&self) -> Option<String> {
        self.request_id
            .as_ref()
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    }
}

/// Why a success answer's body was not handed to the generated code as it came.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Problem {
    /// It was larger than the client's limit.
    TooLarge {
        /// The limit, in bytes.
        limit: usize,
    },
    /// It was empty.
    Empty,
    /// It was an error body (an error code and nothing else) under a success status.
    ErrorBody,
}

/// The table of notes kept for buffers still in hand, keyed by the buffer's address (hashed with
/// FxHash: the keys are addresses, not attacker-chosen, and an entry is added and removed on every
/// call).
static NOTES: LazyLock<Mutex<FxHashMap<usize, Note>>> = LazyLock::new(Default::default);

fn notes() -> std::sync::MutexGuard<'static, FxHashMap<usize, Note>> {
    // A panic while the lock was held cannot leave the map half-changed: take it as it is.
    NOTES.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The owner of a noted buffer: removes the note when the last copy of the bytes is dropped.
struct Noted {
    bytes: Bytes,
    key: usize,
}

impl AsRef<[u8]> for Noted {
    fn as_ref(&self) -> &[u8] {
        &self.bytes
    }
}

impl Drop for Noted {
    fn drop(&mut self) {
        notes().remove(&self.key);
    }
}

/// How many notes are kept for buffers still in hand (for tests: it falls back to zero once every
/// answer and error has been dropped).
#[doc(hidden)]
pub fn notes_in_hand() -> usize {
    notes().len()
}

/// `bytes` (not empty) with `note` attached: [`note_of`] finds it from any copy of the result.
pub(crate) fn noted(bytes: Bytes, note: Note) -> Bytes {
    debug_assert!(
        !bytes.is_empty(),
        "an empty buffer has no address of its own"
    );
    let key = bytes.as_ptr() as usize;
    notes().insert(key, note);
    Bytes::from_owner(Noted { bytes, key })
}

/// The note attached to the buffer `bytes` starts, if any.
pub(crate) fn note_of(bytes: &[u8]) -> Option<Note> {
    if bytes.is_empty() {
        return None;
    }
    notes().get(&(bytes.as_ptr() as usize)).cloned()
}

/// A `Content-Type: application/json` value that carries `note` (see the module docs).
pub(crate) fn noted_json_content_type(note: Note) -> HeaderValue {
    let bytes = noted(Bytes::from(b"application/json".to_vec()), note);
    HeaderValue::from_maybe_shared(bytes)
        .unwrap_or_else(|_| HeaderValue::from_static("application/json"))
}

/// An answer whose body has been read (within a limit).
pub(crate) struct Answer {
    pub status: StatusCode,
    pub version: reqwest::Version,
    pub headers: HeaderMap,
    /// What was read of the body (its start, when it was longer than the limit).
    pub body: Bytes,
    /// For a redirect: the host (and port) its `Location` names, resolved against the request's
    /// URL; `None` without a usable `Location`.
    pub redirect_host: Option<String>,
    /// The URL the answer came from, kept for the rebuilt response (which would otherwise parse a
    /// placeholder URL on every call).
    pub url: reqwest::Url,
}

impl Answer {
    /// Reads `response`'s body up to `limit` bytes (see [`read_body`]).
    pub(crate) async fn read(
        mut response: reqwest::Response,
        limit: usize,
    ) -> reqwest::Result<Self> {
        let (body, _) = read_body(&mut response, limit).await?;
        Ok(Self::of(response, body))
    }

    /// The answer of a `response` whose body has been read (as `body`).
    pub(crate) fn of(mut response: reqwest::Response, body: Bytes) -> Self {
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
        Self {
            status: response.status(),
            version: response.version(),
            headers: std::mem::take(response.headers_mut()),
            body,
            redirect_host,
            url: response.url().clone(),
        }
    }

    /// The note of this answer, before its body is looked at.
    pub(crate) fn note(&self) -> Note {
        Note::of(self.status, &self.headers, self.body.clone())
    }
}

impl Note {
    /// The note of an answer with `status` and `headers` whose body (as received) is `body`.
    pub(crate) fn of(status: StatusCode, headers: &HeaderMap, body: Bytes) -> Self {
        Self {
            status,
            request_id: headers.get(X_REQUEST_ID).cloned(),
            body,
            code: None,
            message: None,
            problem: None,
        }
    }
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

/// What every answer the core hands back carries in its extensions: the core's note, and the body
/// as read (the rebuilt response's body; an answer handed back as it came is left drained), so that
/// [`response_value`] decodes it without reading the body a second time.
#[derive(Clone, Debug)]
pub(crate) struct Handed {
    pub note: Note,
    pub body: Bytes,
}

/// Decodes an answer the way progenitor's `ResponseValue::from_response` does (same value, same
/// errors), from the body the `exec` hook already read when the answer came through it. The
/// generated code calls it in place of `from_response`.
#[doc(hidden)]
pub async fn response_value<T: serde::de::DeserializeOwned, E>(
    mut response: reqwest::Response,
) -> Result<progenitor_client::ResponseValue<T>, progenitor_client::Error<E>> {
    let Some(Handed { note, body }) = response.extensions_mut().remove::<Handed>() else {
        return progenitor_client::ResponseValue::from_response(response).await;
    };
    let status = response.status();
    let headers = std::mem::take(response.headers_mut());
    match serde_json::from_slice(&body) {
        Ok(inner) => Ok(progenitor_client::ResponseValue::new(
            inner, status, headers,
        )),
        // Only now does the error conversion need the note, from the bytes alone.
        Err(e) if !body.is_empty() => Err(progenitor_client::Error::InvalidResponsePayload(
            noted(body, note),
            e,
        )),
        Err(e) => Err(progenitor_client::Error::InvalidResponsePayload(body, e)),
    }
}

/// Rebuilds a response from its parts, with the URL it came from.
pub(crate) fn response(
    status: StatusCode,
    version: reqwest::Version,
    url: reqwest::Url,
    headers: HeaderMap,
    body: Bytes,
    note: Note,
) -> reqwest::Response {
    use reqwest::ResponseBuilderExt;
    let handed = Handed {
        note,
        body: body.clone(),
    };
    let mut rebuilt = http::Response::builder()
        .url(url)
        .body(reqwest::Body::from(body))
        .unwrap_or_else(|_| unreachable!("a builder given only a URL extension cannot fail"));
    *rebuilt.status_mut() = status;
    *rebuilt.version_mut() = version;
    *rebuilt.headers_mut() = headers;
    rebuilt.extensions_mut().insert(handed);
    reqwest::Response::from(rebuilt)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn note(status: u16) -> Note {
        Note {
            status: StatusCode::from_u16(status).unwrap(),
            request_id: None,
            body: Bytes::new(),
            code: None,
            message: None,
            problem: None,
        }
    }

    #[test]
    fn a_note_lives_as_long_as_its_buffer() {
        let bytes = noted(Bytes::from(b"{\"a\":1}".to_vec()), note(201));
        let copy = bytes.clone();
        let sliced = bytes.slice(..);
        assert_eq!(note_of(&copy).map(|n| n.status.as_u16()), Some(201));
        assert_eq!(note_of(&sliced).map(|n| n.status.as_u16()), Some(201));
        // A buffer that starts elsewhere is not this one.
        assert!(note_of(&bytes[1..]).is_none());
        let key = bytes.as_ptr() as usize;
        drop((bytes, copy, sliced));
        assert!(
            !notes().contains_key(&key),
            "the entry goes with the buffer"
        );
    }

    #[test]
    fn an_answer_that_did_not_come_through_the_hook_is_read_for_its_value() {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let plain = |body: &'static str| {
            reqwest::Response::from(
                http::Response::builder()
                    .status(202)
                    .header("x-request-id", "r-1")
                    .body(body)
                    .unwrap(),
            )
        };
        let value: progenitor_client::ResponseValue<serde_json::Value> = runtime
            .block_on(response_value::<_, ()>(plain(r#"{"job_id":"j"}"#)))
            .unwrap();
        assert_eq!(value.status().as_u16(), 202);
        assert_eq!(value.headers()["x-request-id"], "r-1");
        assert_eq!(value.into_inner(), serde_json::json!({"job_id": "j"}));
        let failed = runtime.block_on(response_value::<serde_json::Value, ()>(plain("{")));
        assert!(
            matches!(&failed, Err(progenitor_client::Error::InvalidResponsePayload(bytes, _)) if &bytes[..] == b"{"),
            "{failed:?}"
        );
    }

    #[test]
    fn a_header_value_carries_its_note_through_clones() {
        let value = noted_json_content_type(note(404));
        assert_eq!(value, "application/json");
        let mut headers = HeaderMap::new();
        headers.insert(reqwest::header::CONTENT_TYPE, value);
        let cloned = headers.clone();
        drop(headers);
        let found = note_of(cloned[reqwest::header::CONTENT_TYPE].as_bytes());
        assert_eq!(found.map(|n| n.status.as_u16()), Some(404));
        assert!(note_of(b"").is_none());
    }
}
