//! AK/SK request signing, identical to the official Huawei Cloud SDKs' signer.
//!
//! Three algorithms are supported: `SDK-HMAC-SHA256` (the default), `SDK-HMAC-SM3`, and the derived
//! `V11-HMAC-SHA256` (the HMAC key is derived with HKDF from the AK/SK, the date, the region and the
//! service). The randomized `SDK-ECDSA-P256-SHA256` and `SDK-SM2-SM3` are not.
//!
//! Signing a finished `reqwest::Request` ([`sign_request`], or a configured [`Signer`]) does what the
//! SDK does, in the same order:
//!
//! 1. `X-Project-Id` is set when a project id is configured;
//! 2. `X-Security-Token` is set for temporary credentials;
//! 3. `X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD` (`X-Sdk-Content-Sm3` for SM3) is set when a
//!    `Content-Type` is present and starts with neither `application/json` nor `application/bson`;
//! 4. `X-Sdk-Date` is added from the clock unless already present (a present one is used as is);
//! 5. `Host` is added unless present: the URL's host, with the port when it is not the default one;
//! 6. header values are trimmed, every header whose name has no `_` is signed, and `Authorization`
//!    is set (any previous `Authorization` is removed first);
//! 7. the URL's query is replaced by the canonical query string, so what is sent is what was signed.
//!
//! The public surface is signing ([`sign_request`], [`sign_headers`] on a header list, a [`Signer`])
//! and verifying ([`Verifier`], for mock servers and tests). One function writes every stage
//! (canonical request, string to sign, signature, `Authorization`) into a caller's
//! [`SigningOutput`]; the stage functions the tests check one by one are crate-private, and the
//! official SDK's vectors are checked through the `vectors` feature.
//!
//! Differences from the SDK, all for requests the SDK would not sign either: the `Content-Type` lookup
//! ignores case (reqwest lower-cases header names), a header that appears twice is an error (the SDK
//! keeps headers in a dictionary), a malformed `X-Sdk-Date` is an error (the SDK's `strptime` also
//! accepts e.g. one-digit months and re-formats them), and a body that is a stream can only be sent
//! with an unsigned payload.

mod canonical;
mod clock;
mod crypto;
mod verify;

use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

use reqwest::header::{AUTHORIZATION, CONTENT_TYPE, HOST, HeaderMap, HeaderName, HeaderValue};

#[cfg(any(test, feature = "vectors"))]
pub(crate) use canonical::encode_component;
#[cfg(test)]
pub(crate) use canonical::signed_headers;
pub(crate) use canonical::{
    canonical_headers, canonical_query_string, canonical_uri, decode_query, header_value, trim,
};
pub use clock::{Clock, FixedClock, InvalidSdkDate, SystemClock, format_sdk_date, parse_sdk_date};
pub use verify::{DEFAULT_MAX_SKEW, ReceivedRequest, VerifiedRequest, Verifier, VerifyError};

use crate::credentials::{AkSk, Credentials, expose};
use crypto::HashKind;

/// `X-Sdk-Date`: the signing time, `YYYYMMDDTHHMMSSZ`.
pub const HEADER_SDK_DATE: &str = "X-Sdk-Date";
/// `X-Project-Id`, added when a project id is configured.
pub const HEADER_PROJECT_ID: &str = "X-Project-Id";
/// `X-Security-Token`, added for temporary credentials.
pub const HEADER_SECURITY_TOKEN: &str = "X-Security-Token";
/// `X-Auth-Token`, carrying an IAM token.
pub const HEADER_AUTH_TOKEN: &str = "X-Auth-Token";
/// The payload hash of requests whose body is not signed.
pub const UNSIGNED_PAYLOAD: &str = "UNSIGNED-PAYLOAD";

/// A signing algorithm.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Algorithm {
    /// `SDK-HMAC-SHA256`: SHA-256 hashes, HMAC-SHA256 keyed with the SK.
    #[default]
    SdkHmacSha256,
    /// `SDK-HMAC-SM3`: SM3 hashes, HMAC-SM3 keyed with the SK.
    SdkHmacSm3,
    /// `V11-HMAC-SHA256`: SHA-256 hashes, HMAC-SHA256 keyed with a key derived (HKDF-SHA256) from the
    /// AK/SK and `{yyyymmdd}/{region}/{service}`.
    V11HmacSha256 {
        /// Region id, e.g. `cn-north-4`.
        region: String,
        /// Service name, e.g. `dcs`.
        service: String,
    },
}

impl Algorithm {
    /// `V11-HMAC-SHA256` for a region and service.
    pub fn derived(region: impl Into<String>, service: impl Into<String>) -> Self {
        Self::V11HmacSha256 {
            region: region.into(),
            service: service.into(),
        }
    }

    /// The name used in the `Authorization` header and the string to sign.
    pub fn name(&self) -> &'static str {
        match self {
            Self::SdkHmacSha256 => "SDK-HMAC-SHA256",
            Self::SdkHmacSm3 => "SDK-HMAC-SM3",
            Self::V11HmacSha256 { .. } => "V11-HMAC-SHA256",
        }
    }

    /// The header announcing an unsigned payload: `X-Sdk-Content-Sm3` for SM3, else
    /// `X-Sdk-Content-Sha256`.
    pub fn content_hash_header(&self) -> &'static str {
        match self {
            Self::SdkHmacSm3 => "X-Sdk-Content-Sm3",
            _ => "X-Sdk-Content-Sha256",
        }
    }

    /// Lower-case hex hash of `data` with the algorithm's hash function.
    pub fn hash_hex(&self, data: &[u8]) -> String {
        crypto::hash_hex(self.hash_kind(), data)
    }

    fn hash_kind(&self) -> HashKind {
        match self {
            Self::SdkHmacSm3 => HashKind::Sm3,
            _ => HashKind::Sha256,
        }
    }

    fn validate(&self) -> Result<(), SigningError> {
        if let Self::V11HmacSha256 { region, service } = self {
            let ok = |s: &str| {
                !s.is_empty()
                    && s.chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.')
            };
            if !ok(region) || !ok(service) {
                return Err(SigningError::InvalidDerivedScope {
                    region: region.clone(),
                    service: service.clone(),
                });
            }
        }
        Ok(())
    }
}

impl fmt::Display for Algorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What, besides the credentials, decides how a request is signed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct SigningConfig {
    /// The signing algorithm.
    pub algorithm: Algorithm,
    /// Sent (and signed) as `X-Project-Id` when set.
    pub project_id: Option<String>,
}

impl SigningConfig {
    /// `SDK-HMAC-SHA256` without a project id.
    pub fn new() -> Self {
        Self::default()
    }

    /// Uses `algorithm`.
    pub fn with_algorithm(mut self, algorithm: Algorithm) -> Self {
        self.algorithm = algorithm;
        self
    }

    /// Sends `X-Project-Id: {project_id}`.
    pub fn with_project_id(mut self, project_id: impl Into<String>) -> Self {
        self.project_id = Some(project_id.into());
        self
    }
}

/// Why a request could not be signed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SigningError {
    /// The access key id is empty.
    #[error("the access key (AK) is empty")]
    MissingAccessKey,
    /// The secret access key is empty.
    #[error("the secret key (SK) is empty")]
    MissingSecretKey,
    /// The V11 region or service is empty or has characters other than `A-Z a-z 0-9 - _ .`.
    #[error("invalid V11-HMAC-SHA256 scope: region {region:?}, service {service:?}")]
    InvalidDerivedScope {
        /// The region.
        region: String,
        /// The service.
        service: String,
    },
    /// The request has no `X-Sdk-Date` header (only when signing stages are called directly).
    #[error("the request has no X-Sdk-Date header")]
    MissingDate,
    /// The `X-Sdk-Date` header is not `YYYYMMDDTHHMMSSZ`.
    #[error(transparent)]
    InvalidDate(#[from] InvalidSdkDate),
    /// A header to be signed is not in the request.
    #[error("signed header {name:?} is not in the request")]
    MissingSignedHeader {
        /// The header's lower-case name.
        name: String,
    },
    /// A header appears more than once; the signature format cannot express that.
    #[error("header {name:?} appears more than once")]
    DuplicateHeader {
        /// The header's name.
        name: String,
    },
    /// A header value is not valid UTF-8.
    #[error("the value of header {name:?} is not valid UTF-8")]
    InvalidHeaderValue {
        /// The header's name.
        name: String,
    },
    /// A header to be added cannot be sent (e.g. a security token or project id with a line break).
    #[error("header {name:?} cannot be sent: invalid name or value")]
    InvalidHeader {
        /// The header's name.
        name: String,
    },
    /// The body is a stream, so it cannot be hashed; send it with a non-JSON content type (unsigned
    /// payload) or buffer it.
    #[error(
        "the request body is a stream and cannot be hashed; use an unsigned payload or a buffered body"
    )]
    StreamingBody,
    /// The URL has no host.
    #[error("the request URL has no host")]
    MissingHost,
    /// The path or query has a percent-escape that does not decode to UTF-8 (`%FF`): the
    /// canonical request cannot tell it from another, so it is not signed.
    #[error(
        "the request {part} has percent-escapes that are not UTF-8; it cannot be signed unambiguously"
    )]
    NotUtf8 {
        /// `path` or `query`.
        part: &'static str,
    },
}

/// The body of a request to sign.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Payload<'a> {
    /// A buffered body (empty when there is none).
    Bytes(&'a [u8]),
    /// A streamed body that cannot be read while signing.
    Streaming,
}

/// A request whose headers are final, as the signing stages see it.
#[derive(Clone, Copy, Debug)]
#[non_exhaustive]
pub struct SignableRequest<'a> {
    /// HTTP method (upper-cased for signing).
    pub method: &'a str,
    /// The path as sent, percent-encoded.
    pub path: &'a str,
    /// The decoded query pairs.
    pub query: &'a [(String, String)],
    /// All headers, `(name, value)`, names in any case.
    pub headers: &'a [(String, String)],
    /// The body.
    pub payload: Payload<'a>,
}

/// The parts of a request that [`sign_headers`] does not modify.
#[derive(Clone, Copy, Debug)]
#[non_exhaustive]
pub struct RequestTarget<'a> {
    /// HTTP method.
    pub method: &'a str,
    /// The `Host` header to add when none is present: host, and `:port` when not the default.
    pub host: &'a str,
    /// The path as sent, percent-encoded.
    pub path: &'a str,
    /// The decoded query pairs.
    pub query: &'a [(String, String)],
}

impl<'a> SignableRequest<'a> {
    /// A request to sign: its method, path as sent (percent-encoded), decoded query pairs,
    /// final headers and body.
    pub fn new(
        method: &'a str,
        path: &'a str,
        query: &'a [(String, String)],
        headers: &'a [(String, String)],
        payload: Payload<'a>,
    ) -> Self {
        Self {
            method,
            path,
            query,
            headers,
            payload,
        }
    }
}

impl<'a> RequestTarget<'a> {
    /// What [`sign_headers`] signs besides the headers: the method, the `Host` to add when none
    /// is present, the path as sent and the decoded query pairs.
    pub fn new(
        method: &'a str,
        host: &'a str,
        path: &'a str,
        query: &'a [(String, String)],
    ) -> Self {
        Self {
            method,
            host,
            path,
            query,
        }
    }
}

/// What one signing gives: the `Authorization` value, the `X-Sdk-Date` signed, and the headers the
/// signer added or replaced. The intermediate stages (canonical request, string to sign, ...) are
/// kept for the official SDK's vectors, and are not part of the API.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct SigningOutput {
    /// The canonical request.
    #[doc(hidden)]
    pub canonical_request: String,
    /// The string to sign.
    #[doc(hidden)]
    pub string_to_sign: String,
    /// The signed header names joined with `;`.
    #[doc(hidden)]
    pub signed_headers: String,
    /// The lower-case hex signature.
    #[doc(hidden)]
    pub signature: String,
    /// The `Authorization` header value.
    pub authorization: String,
    /// The canonical query string, which is also the query the request is sent with.
    #[doc(hidden)]
    pub canonical_query: String,
    /// The `X-Sdk-Date` value signed.
    pub sdk_date: String,
    /// Headers the signer added or replaced, in order (`Authorization` last). Empty for
    /// `compute_signature`, which adds none.
    pub added_headers: Vec<(String, String)>,
}

/// The payload hash: the hash of an empty body for an empty body; otherwise the value of the
/// algorithm's content-hash header (`X-Sdk-Content-Sha256` / `X-Sdk-Content-Sm3`, normally
/// `UNSIGNED-PAYLOAD`) when present and not empty; otherwise the hex hash of the body.
pub(crate) fn payload_hash(
    algorithm: &Algorithm,
    headers: &[(String, String)],
    payload: Payload<'_>,
) -> Result<String, SigningError> {
    payload_hash_cow(algorithm, headers, payload).map(Cow::into_owned)
}

/// [`payload_hash`], borrowing what it can.
fn payload_hash_cow<'h, N: AsRef<str>, V: AsRef<str>>(
    algorithm: &Algorithm,
    headers: &'h [(N, V)],
    payload: Payload<'_>,
) -> Result<Cow<'h, str>, SigningError> {
    if let Payload::Bytes(b"") = payload {
        return Ok(Cow::Borrowed(crypto::empty_hash_hex(algorithm.hash_kind())));
    }
    if let Some(value) = header_value(headers, algorithm.content_hash_header()).map(trim)
        && !value.is_empty()
    {
        return Ok(Cow::Borrowed(value));
    }
    match payload {
        Payload::Bytes(body) => Ok(Cow::Owned(algorithm.hash_hex(body))),
        Payload::Streaming => Err(SigningError::StreamingBody),
    }
}

/// The canonical request:
/// `METHOD\n{canonical URI}\n{canonical query}\n{canonical headers}\n{signed headers}\n{payload hash}`.
pub(crate) fn canonical_request(
    request: &SignableRequest<'_>,
    signed_headers: &[String],
    payload_hash: &str,
) -> Result<String, SigningError> {
    let headers = canonical_headers(request.headers, signed_headers)?;
    let uri = canonical_uri(request.path);
    let canonical_query = canonical_query_string(request.query);
    let mut out = String::with_capacity(
        request.method.len() + uri.len() + canonical_query.len() + headers.len() + 128,
    );
    for (i, part) in [request.method, &uri, &canonical_query, &headers]
        .into_iter()
        .enumerate()
    {
        if i == 0 {
            out.extend(part.chars().map(|c| c.to_ascii_uppercase()));
        } else {
            out.push_str(part);
        }
        out.push('\n');
    }
    push_joined(&mut out, signed_headers);
    out.push('\n');
    out.push_str(payload_hash);
    Ok(out)
}

/// The V11 scope `{yyyymmdd}/{region}/{service}`, or `None` for the other algorithms.
pub(crate) fn derived_info(
    algorithm: &Algorithm,
    sdk_date: &str,
) -> Result<Option<String>, SigningError> {
    match algorithm {
        Algorithm::V11HmacSha256 { region, service } => {
            parse_sdk_date(sdk_date)?;
            Ok(Some(format!("{}/{region}/{service}", &sdk_date[..8])))
        }
        _ => Ok(None),
    }
}

/// The string to sign: `{algorithm}\n{X-Sdk-Date}\n{hex hash of the canonical request}`, with the V11
/// scope as an extra line before the hash for `V11-HMAC-SHA256`.
pub(crate) fn string_to_sign(
    algorithm: &Algorithm,
    sdk_date: &str,
    canonical_request: &str,
) -> Result<String, SigningError> {
    parse_sdk_date(sdk_date)?;
    let hash = algorithm.hash_hex(canonical_request.as_bytes());
    let info = derived_info(algorithm, sdk_date)?;
    let mut out = String::with_capacity(128);
    out.push_str(algorithm.name());
    out.push('\n');
    out.push_str(sdk_date);
    out.push('\n');
    if let Some(info) = info {
        out.push_str(&info);
        out.push('\n');
    }
    out.push_str(&hash);
    Ok(out)
}

/// The HMAC key: the SK's bytes, or for V11 the bytes of the hex-encoded derived key.
fn signing_key(
    algorithm: &Algorithm,
    access_key: &str,
    secret_key: &str,
    sdk_date: &str,
) -> Result<Vec<u8>, SigningError> {
    Ok(match derived_info(algorithm, sdk_date)? {
        Some(info) => crypto::derive_v11_key(access_key, secret_key, &info).into_bytes(),
        None => secret_key.as_bytes().to_vec(),
    })
}

#[cfg(test)]
/// The lower-case hex signature of `string_to_sign`.
pub(crate) fn signature(
    algorithm: &Algorithm,
    credentials: &AkSk,
    sdk_date: &str,
    string_to_sign: &str,
) -> Result<String, SigningError> {
    check_credentials(credentials)?;
    algorithm.validate()?;
    let key = signing_key(
        algorithm,
        credentials.access_key(),
        expose(credentials.secret_key()),
        sdk_date,
    )?;
    Ok(hex::encode(crypto::hmac(
        algorithm.hash_kind(),
        &key,
        string_to_sign.as_bytes(),
    )))
}

#[cfg(test)]
/// The `Authorization` header value:
/// `{algorithm} Access={AK}, SignedHeaders={a;b}, Signature={hex}`, or for V11
/// `V11-HMAC-SHA256 Credential={AK}/{yyyymmdd}/{region}/{service}, SignedHeaders=..., Signature=...`.
pub(crate) fn authorization(
    algorithm: &Algorithm,
    access_key: &str,
    sdk_date: &str,
    signed_headers: &[String],
    signature: &str,
) -> Result<String, SigningError> {
    let info = derived_info(algorithm, sdk_date)?;
    let mut out = String::with_capacity(192);
    out.push_str(algorithm.name());
    match info {
        Some(info) => {
            out.push_str(" Credential=");
            out.push_str(access_key);
            out.push('/');
            out.push_str(&info);
        }
        None => {
            out.push_str(" Access=");
            out.push_str(access_key);
        }
    }
    out.push_str(", SignedHeaders=");
    push_joined(&mut out, signed_headers);
    out.push_str(", Signature=");
    out.push_str(signature);
    Ok(out)
}

fn check_credentials(credentials: &AkSk) -> Result<(), SigningError> {
    if credentials.access_key().is_empty() {
        return Err(SigningError::MissingAccessKey);
    }
    if expose(credentials.secret_key()).is_empty() {
        return Err(SigningError::MissingSecretKey);
    }
    Ok(())
}

#[cfg(test)]
/// Signs a request whose headers are final (including `X-Sdk-Date` and `Host`): every stage, with the
/// signed headers derived from the request's headers. Adds nothing.
pub(crate) fn compute_signature(
    request: &SignableRequest<'_>,
    credentials: &AkSk,
    algorithm: &Algorithm,
) -> Result<SigningOutput, SigningError> {
    check_credentials(credentials)?;
    algorithm.validate()?;
    let mut out = SigningOutput::default();
    write_stages(&Stages::of(request), credentials, algorithm, &mut out)?;
    Ok(out)
}

/// The lower-case name of a signed header: borrowed when it already is lower case (as every name
/// from a `HeaderMap` is) or is one of the names the signer adds.
fn lower_name(name: &str) -> Cow<'_, str> {
    // The signer's own names first, then names already lower case (every name from a `HeaderMap`).
    if let Some(known) = signer_name(name) {
        return Cow::Borrowed(known.as_str());
    }
    if !name.bytes().any(|b| b.is_ascii_uppercase()) {
        return Cow::Borrowed(name);
    }
    match known_name(name) {
        Some(known) => Cow::Borrowed(known.as_str()),
        None => Cow::Owned(name.to_ascii_lowercase()),
    }
}

/// The headers the signer adds or looks at, as the official SDK spells them, with their
/// `HeaderName`s. A `static`, not a `const`: a `const` array would be built and dropped on every
/// use.
static KNOWN_NAMES: [(&str, HeaderName); 8] = [
    (HEADER_SDK_DATE, HeaderName::from_static("x-sdk-date")),
    (HEADER_PROJECT_ID, HeaderName::from_static("x-project-id")),
    (
        HEADER_SECURITY_TOKEN,
        HeaderName::from_static("x-security-token"),
    ),
    (
        "X-Sdk-Content-Sha256",
        HeaderName::from_static("x-sdk-content-sha256"),
    ),
    (
        "X-Sdk-Content-Sm3",
        HeaderName::from_static("x-sdk-content-sm3"),
    ),
    ("Host", HOST),
    ("Authorization", AUTHORIZATION),
    ("Content-Type", CONTENT_TYPE),
];

/// The `HeaderName` of one of the signer's own names, spelled exactly as in [`KNOWN_NAMES`] (as
/// the signer adds them).
fn signer_name(name: &str) -> Option<&'static HeaderName> {
    KNOWN_NAMES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, known)| known)
}

/// The known `HeaderName` of `name`, in any case.
fn known_name(name: &str) -> Option<&'static HeaderName> {
    signer_name(name).or_else(|| {
        KNOWN_NAMES
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, known)| known)
    })
}

/// The signed headers with their values: as [`signed_headers`] names them (lower case, sorted,
/// without duplicates), each with the value [`canonical_headers`] takes (the first header of that
/// name, untrimmed).
fn signed_pairs<'h, N: AsRef<str>, V: AsRef<str>>(
    headers: &'h [(N, V)],
) -> Vec<(Cow<'h, str>, &'h str)> {
    let mut pairs: Vec<_> = headers
        .iter()
        .map(|(name, value)| (name.as_ref(), value.as_ref()))
        .filter(|(name, _)| !name.contains('_'))
        .map(|(name, value)| (lower_name(name), value))
        .collect();
    // Stable, so the first header of a name stays first and is the one kept.
    pairs.sort_by(|a, b| a.0.cmp(&b.0));
    pairs.dedup_by(|later, kept| later.0 == kept.0);
    pairs
}

/// Appends the signed header names joined with `;`.
fn push_signed_names(out: &mut String, signed: &[(Cow<'_, str>, &str)]) {
    push_joined(out, signed.iter().map(|(name, _)| name));
}

/// Appends `names` joined with `;` (the signed-headers list).
fn push_joined<S: AsRef<str>>(out: &mut String, names: impl IntoIterator<Item = S>) {
    for (i, name) in names.into_iter().enumerate() {
        if i > 0 {
            out.push(';');
        }
        out.push_str(name.as_ref());
    }
}

/// What [`write_stages`] signs: a [`SignableRequest`] whose headers may be borrowed.
struct Stages<'a, N, V> {
    method: &'a str,
    path: &'a str,
    query: &'a [(String, String)],
    headers: &'a [(N, V)],
    payload: Payload<'a>,
}

#[cfg(test)]
impl<'a> Stages<'a, String, String> {
    /// A [`SignableRequest`], as it is.
    fn of(request: &SignableRequest<'a>) -> Self {
        Self {
            method: request.method,
            path: request.path,
            query: request.query,
            headers: request.headers,
            payload: request.payload,
        }
    }
}

/// [`compute_signature`] once the credentials and algorithm have been checked: every stage written
/// into `out`'s buffers (cleared first, their capacity reused), the V11 scope derived once.
/// `out.added_headers` is left as it is.
fn write_stages<N: AsRef<str>, V: AsRef<str>>(
    request: &Stages<'_, N, V>,
    credentials: &AkSk,
    algorithm: &Algorithm,
    out: &mut SigningOutput,
) -> Result<(), SigningError> {
    let sdk_date = header_value(request.headers, HEADER_SDK_DATE)
        .map(trim)
        .ok_or(SigningError::MissingDate)?;
    parse_sdk_date(sdk_date)?;
    canonical::check_utf8_escapes("path", request.path)?;
    let payload_hash = payload_hash_cow(algorithm, request.headers, request.payload)?;
    let signed = signed_pairs(request.headers);

    out.canonical_query.clear();
    canonical::push_canonical_query(&mut out.canonical_query, request.query);
    out.signed_headers.clear();
    push_signed_names(&mut out.signed_headers, &signed);
    out.sdk_date.clear();
    out.sdk_date.push_str(sdk_date);

    let headers_len: usize = signed.iter().map(|(n, v)| n.len() + v.len() + 2).sum();
    let canonical_request = &mut out.canonical_request;
    canonical_request.clear();
    // Room for all of it at once: one allocation for a new buffer, none for a reused one.
    canonical_request.reserve(
        request.method.len()
            + request.path.len()
            + out.canonical_query.len()
            + headers_len
            + out.signed_headers.len()
            + payload_hash.len()
            + 8,
    );
    canonical_request.extend(request.method.chars().map(|c| c.to_ascii_uppercase()));
    canonical_request.push('\n');
    canonical::push_canonical_uri(canonical_request, request.path);
    canonical_request.push('\n');
    canonical_request.push_str(&out.canonical_query);
    canonical_request.push('\n');
    canonical::push_header_lines(canonical_request, &signed);
    canonical_request.push('\n');
    canonical_request.push_str(&out.signed_headers);
    canonical_request.push('\n');
    canonical_request.push_str(&payload_hash);

    let info = match algorithm {
        Algorithm::V11HmacSha256 { region, service } => {
            Some(format!("{}/{region}/{service}", &sdk_date[..8]))
        }
        _ => None,
    };
    let kind = algorithm.hash_kind();
    let name = algorithm.name();
    let request_hash = crypto::digest(kind, out.canonical_request.as_bytes());
    let string_to_sign = &mut out.string_to_sign;
    string_to_sign.clear();
    string_to_sign
        .reserve(name.len() + sdk_date.len() + info.as_ref().map_or(0, |i| i.len() + 1) + 2 + 64);
    string_to_sign.push_str(name);
    string_to_sign.push('\n');
    string_to_sign.push_str(sdk_date);
    string_to_sign.push('\n');
    if let Some(info) = &info {
        string_to_sign.push_str(info);
        string_to_sign.push('\n');
    }
    crypto::push_hex(string_to_sign, &request_hash);

    let access_key = credentials.access_key();
    let secret_key = expose(credentials.secret_key());
    let tag = match &info {
        Some(info) => {
            let key = crypto::derive_v11_key(access_key, secret_key, info);
            crypto::hmac(kind, key.as_bytes(), out.string_to_sign.as_bytes())
        }
        None => crypto::hmac(kind, secret_key.as_bytes(), out.string_to_sign.as_bytes()),
    };
    out.signature.clear();
    crypto::push_hex(&mut out.signature, &tag);

    let authorization = &mut out.authorization;
    authorization.clear();
    authorization.reserve(
        name.len()
            + " Credential=".len()
            + access_key.len()
            + info.as_ref().map_or(0, |i| i.len() + 1)
            + ", SignedHeaders=".len()
            + out.signed_headers.len()
            + ", Signature=".len()
            + out.signature.len(),
    );
    authorization.push_str(name);
    match &info {
        Some(info) => {
            authorization.push_str(" Credential=");
            authorization.push_str(access_key);
            authorization.push('/');
            authorization.push_str(info);
        }
        None => {
            authorization.push_str(" Access=");
            authorization.push_str(access_key);
        }
    }
    authorization.push_str(", SignedHeaders=");
    authorization.push_str(&out.signed_headers);
    authorization.push_str(", Signature=");
    authorization.push_str(&out.signature);
    Ok(())
}

/// A header list as the signer works on it: names and values borrowed where they can be (from a
/// request's `HeaderMap`, the configuration, the credentials), owned where the signer makes them.
type Headers<'a> = Vec<(Cow<'a, str>, Cow<'a, str>)>;

/// `headers`, taken out of the list (moved, not copied) for the signer.
fn borrowing(headers: &mut Vec<(String, String)>) -> Headers<'static> {
    headers
        .drain(..)
        .map(|(name, value)| (Cow::Owned(name), Cow::Owned(value)))
        .collect()
}

/// The signer's list back as owned pairs.
fn owning(headers: Headers<'_>) -> Vec<(String, String)> {
    headers
        .into_iter()
        .map(|(name, value)| (name.into_owned(), value.into_owned()))
        .collect()
}

#[cfg(test)]
/// Adds the headers the SDK adds before signing (see the [module docs](self), steps 1-5) and trims
/// every value. Returns the headers added or replaced, in order.
pub(crate) fn prepare_headers(
    headers: &mut Vec<(String, String)>,
    host: &str,
    credentials: &AkSk,
    config: &SigningConfig,
    clock: &dyn Clock,
) -> Result<Vec<(String, String)>, SigningError> {
    let before = headers.clone();
    let mut list = borrowing(headers);
    let prepared = prepare_headers_into(&mut list, host, credentials, config, clock);
    *headers = owning(list);
    prepared?;
    Ok(added_between(&before, headers))
}

/// The headers of `after` that `before` does not have with that value (names compared in any
/// case, values as the signer trims them): what the signer added or replaced, in `after`'s order.
fn added_between(before: &[(String, String)], after: &[(String, String)]) -> Vec<(String, String)> {
    after
        .iter()
        .filter(|(name, value)| {
            !before
                .iter()
                .any(|(n, v)| n.eq_ignore_ascii_case(name) && trim(v) == value)
        })
        .cloned()
        .collect()
}

/// [`prepare_headers`], in place.
fn prepare_headers_into<'a>(
    headers: &mut Headers<'a>,
    host: &'a str,
    credentials: &'a AkSk,
    config: &'a SigningConfig,
    clock: &dyn Clock,
) -> Result<(), SigningError> {
    check_duplicates(headers)?;
    headers.reserve(5);
    if let Some(project_id) = &config.project_id {
        set_header(headers, HEADER_PROJECT_ID, Cow::Borrowed(project_id));
    }
    if let Some(token) = credentials.security_token() {
        set_header(headers, HEADER_SECURITY_TOKEN, Cow::Borrowed(expose(token)));
    }
    if let Some(content_type) = header_value(headers, "Content-Type")
        && !content_type.is_empty()
        && !content_type.starts_with("application/json")
        && !content_type.starts_with("application/bson")
    {
        let name = config.algorithm.content_hash_header();
        set_header(headers, name, Cow::Borrowed(UNSIGNED_PAYLOAD));
    }
    if header_value(headers, HEADER_SDK_DATE).is_none() {
        // Absent, so appended.
        headers.push((
            Cow::Borrowed(HEADER_SDK_DATE),
            Cow::Owned(format_sdk_date(clock.now())),
        ));
    }
    if header_value(headers, "Host").is_none() {
        set_header(headers, "Host", Cow::Borrowed(host));
    }
    for (_, value) in headers.iter_mut() {
        match value {
            Cow::Borrowed(text) => *text = trim(text),
            Cow::Owned(text) => {
                let trimmed = trim(text);
                if trimmed.len() != text.len() {
                    *text = trimmed.to_owned();
                }
            }
        }
    }
    Ok(())
}

fn check_duplicates<N: AsRef<str>, V>(headers: &[(N, V)]) -> Result<(), SigningError> {
    for (i, (name, _)) in headers.iter().enumerate() {
        let name = name.as_ref();
        if headers[..i]
            .iter()
            .any(|(n, _)| n.as_ref().eq_ignore_ascii_case(name))
        {
            return Err(SigningError::DuplicateHeader {
                name: name.to_owned(),
            });
        }
    }
    Ok(())
}

/// Sets `name: value`, replacing the value of a header of that name in any case.
fn set_header<'a>(headers: &mut Headers<'a>, name: &'static str, value: Cow<'a, str>) {
    match headers
        .iter_mut()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
    {
        Some((_, v)) => *v = value,
        None => headers.push((Cow::Borrowed(name), value)),
    }
}

/// The whole signing pipeline on a header list: `prepare_headers`, `compute_signature`, then
/// `Authorization` is set (replacing any). `headers` ends up as the headers to send; the request must
/// be sent with the query string [`SigningOutput::canonical_query`].
pub fn sign_headers(
    target: &RequestTarget<'_>,
    headers: &mut Vec<(String, String)>,
    payload: Payload<'_>,
    credentials: &AkSk,
    config: &SigningConfig,
    clock: &dyn Clock,
) -> Result<SigningOutput, SigningError> {
    let before = headers.clone();
    let mut out = SigningOutput::default();
    let mut list = borrowing(headers);
    let signed = sign_into(
        target,
        &mut list,
        payload,
        credentials,
        config,
        clock,
        &mut out,
    );
    *headers = owning(list);
    signed?;
    out.added_headers = added_between(&before, headers);
    Ok(out)
}

/// The one signing path: drops any `Authorization`, prepares the headers, writes every stage into
/// `out` and appends the new `Authorization` to `headers`. `out.added_headers` is left as it is.
fn sign_into<'a>(
    target: &RequestTarget<'a>,
    headers: &mut Headers<'a>,
    payload: Payload<'_>,
    credentials: &'a AkSk,
    config: &'a SigningConfig,
    clock: &dyn Clock,
    out: &mut SigningOutput,
) -> Result<(), SigningError> {
    check_credentials(credentials)?;
    config.algorithm.validate()?;
    headers.retain(|(name, _)| !name.eq_ignore_ascii_case("Authorization"));
    prepare_headers_into(headers, target.host, credentials, config, clock)?;
    write_stages(
        &Stages {
            method: target.method,
            path: target.path,
            query: target.query,
            headers,
            payload,
        },
        credentials,
        &config.algorithm,
        out,
    )?;
    // `Authorization` was removed above, so it is appended.
    headers.push((
        Cow::Borrowed("Authorization"),
        Cow::Owned(out.authorization.clone()),
    ));
    Ok(())
}

#[cfg(any(test, feature = "vectors"))]
/// The `Host` header for a URL: the host, plus `:port` when the port is not the scheme's default.
pub(crate) fn host_header(url: &reqwest::Url) -> Result<String, SigningError> {
    host_of(url).map(str::to_owned)
}

/// [`host_header`], borrowed from the URL's own text: from the host to the end of the port, which is
/// there only when it is not the scheme's default (a `Url` keeps no default port).
fn host_of(url: &reqwest::Url) -> Result<&str, SigningError> {
    url.host_str().ok_or(SigningError::MissingHost)?;
    Ok(&url[url::Position::BeforeHost..url::Position::AfterPort])
}

/// A `HeaderMap` as a `(name, value)` list (lower-case names), failing on non-UTF-8 values and on
/// repeated headers.
pub(crate) fn headers_from_map(map: &HeaderMap) -> Result<Vec<(String, String)>, SigningError> {
    borrowed_headers(map, 0).map(owning)
}

/// A `HeaderMap` as the signer's list, borrowing every name and value (lower-case names), failing
/// on non-UTF-8 values and on repeated headers; room for `extra` more headers.
fn borrowed_headers(map: &HeaderMap, extra: usize) -> Result<Headers<'_>, SigningError> {
    let mut out = Vec::with_capacity(map.len() + extra);
    for (name, value) in map {
        let name = name.as_str();
        if out.iter().any(|(n, _)| n == name) {
            return Err(SigningError::DuplicateHeader {
                name: name.to_owned(),
            });
        }
        let value = std::str::from_utf8(value.as_bytes()).map_err(|_| {
            SigningError::InvalidHeaderValue {
                name: name.to_owned(),
            }
        })?;
        out.push((Cow::Borrowed(name), Cow::Borrowed(value)));
    }
    Ok(out)
}

/// Whether a header carries a credential: `Authorization`, `X-Security-Token`, `X-Auth-Token`.
fn is_sensitive(name: &HeaderName) -> bool {
    // A `HeaderName` is lower case.
    matches!(
        name.as_str(),
        "authorization" | "x-security-token" | "x-auth-token"
    )
}

/// The `HeaderName` for `name`: the headers the signer adds without parsing, any other parsed.
fn header_name(name: &str) -> Result<HeaderName, SigningError> {
    if let Some(known) = known_name(name) {
        return Ok(known.clone());
    }
    HeaderName::from_bytes(name.as_bytes()).map_err(|_| SigningError::InvalidHeader {
        name: name.to_owned(),
    })
}

/// Marks the value of a credential header sensitive.
fn mark_sensitive(name: &HeaderName, mut value: HeaderValue) -> HeaderValue {
    value.set_sensitive(is_sensitive(name));
    value
}

fn to_header(name: &str, value: &str) -> Result<(HeaderName, HeaderValue), SigningError> {
    let header_name = header_name(name)?;
    let header_value =
        HeaderValue::from_bytes(value.as_bytes()).map_err(|_| SigningError::InvalidHeader {
            name: name.to_owned(),
        })?;
    let header_value = mark_sensitive(&header_name, header_value);
    Ok((header_name, header_value))
}

/// The value of header `name` (`header_name` parsed) from an owned string, which becomes the
/// header value without a copy.
fn owned_header_value(
    name: &str,
    header_name: &HeaderName,
    value: String,
) -> Result<HeaderValue, SigningError> {
    let header_value = HeaderValue::from_maybe_shared(bytes::Bytes::from(value)).map_err(|_| {
        SigningError::InvalidHeader {
            name: name.to_owned(),
        }
    })?;
    Ok(mark_sensitive(header_name, header_value))
}

/// The value of a header that is the same call after call (`Host`, `X-Project-Id`: never a
/// credential or the date), built once per thread and then shared: a few recent values are kept.
fn repeated_value(name: &str, value: &str) -> Result<HeaderValue, SigningError> {
    const KEPT: usize = 4;
    thread_local! {
        static RECENT: std::cell::RefCell<(usize, [Option<HeaderValue>; KEPT])> =
            Default::default();
    }
    RECENT.with(|recent| {
        let Ok(mut recent) = recent.try_borrow_mut() else {
            return to_header(name, value).map(|(_, v)| v);
        };
        let (next, kept) = &mut *recent;
        if let Some(found) = kept
            .iter()
            .flatten()
            .find(|v| v.as_bytes() == value.as_bytes())
        {
            return Ok(found.clone());
        }
        let (_, built) = to_header(name, value)?;
        kept[*next] = Some(built.clone());
        *next = (*next + 1) % KEPT;
        Ok(built)
    })
}

/// Signs a finished `reqwest::Request` in place (see the [module docs](self) for what is added).
///
/// The body must be buffered unless the payload is unsigned (non-JSON content type). On error the
/// request is left unchanged.
pub fn sign_request(
    request: &mut reqwest::Request,
    credentials: &AkSk,
    config: &SigningConfig,
    clock: &dyn Clock,
) -> Result<SigningOutput, SigningError> {
    let before = headers_from_map(request.headers())?;
    let mut out = SigningOutput::default();
    sign_request_into(request, credentials, config, clock, &mut out)?;
    out.added_headers = added_between(&before, &headers_from_map(request.headers())?);
    Ok(out)
}

/// [`sign_request`] through [`sign_into`], the one signing path; `out.added_headers` is left as
/// it is.
fn sign_request_into(
    request: &mut reqwest::Request,
    credentials: &AkSk,
    config: &SigningConfig,
    clock: &dyn Clock,
    out: &mut SigningOutput,
) -> Result<(), SigningError> {
    let changed = {
        let url = request.url();
        canonical::check_utf8_escapes("query", url.query().unwrap_or_default())?;
        let host = host_of(url)?;
        // The request's own headers, borrowed, with room for what the signer adds: project id,
        // token, content hash, date, host, authorization.
        let mut headers = borrowed_headers(request.headers(), 6)?;
        headers.retain(|(name, _)| name != "authorization");
        let query = decode_query(url.query());
        let payload = match request.body() {
            None => Payload::Bytes(b""),
            Some(body) => body.as_bytes().map_or(Payload::Streaming, Payload::Bytes),
        };
        let target = RequestTarget {
            method: request.method().as_str(),
            host,
            path: url.path(),
            query: &query,
        };
        sign_into(
            &target,
            &mut headers,
            payload,
            credentials,
            config,
            clock,
            out,
        )?;

        // Build every header before touching the request, so that an error leaves it unchanged;
        // a header the request already has with that value (an `Authorization` signed the same
        // included) stays as it is.
        let original = request.headers();
        let mut changed = Vec::with_capacity(headers.len());
        for (name, value) in headers {
            let header_name = header_name(&name)?;
            if original.get(&header_name).map(HeaderValue::as_bytes) == Some(value.as_bytes()) {
                continue;
            }
            let repeated = matches!(header_name.as_str(), "host" | "x-project-id");
            let header_value = if repeated {
                repeated_value(&name, &value)?
            } else {
                owned_header_value(&name, &header_name, value.into_owned())?
            };
            changed.push((header_name, header_value));
        }
        changed
    };
    // `insert` replaces a previous value (there is at most one: duplicates are refused above).
    let map = request.headers_mut();
    for (name, value) in changed {
        map.insert(name, value);
    }
    // What is sent is what was signed: the canonical query.
    let query = out.canonical_query.as_str();
    request
        .url_mut()
        .set_query((!query.is_empty()).then_some(query));
    Ok(())
}

/// Authenticates a request: signs it for AK/SK credentials ([`sign_request`]), or sets
/// `X-Auth-Token` (and `X-Project-Id` when configured) for an IAM token.
pub(crate) fn authenticate_request(
    request: &mut reqwest::Request,
    credentials: &Credentials,
    config: &SigningConfig,
    clock: &dyn Clock,
) -> Result<(), SigningError> {
    match credentials {
        Credentials::AkSk(aksk) => {
            // The stages' buffers are kept per thread and reused (each stage clears its own).
            thread_local! {
                static STAGES: std::cell::RefCell<SigningOutput> = Default::default();
            }
            STAGES.with(|stages| match stages.try_borrow_mut() {
                Ok(mut out) => sign_request_into(request, aksk, config, clock, &mut out),
                Err(_) => {
                    sign_request_into(request, aksk, config, clock, &mut SigningOutput::default())
                }
            })
        }
        Credentials::IamToken(token) => {
            let mut set = vec![to_header(HEADER_AUTH_TOKEN, expose(token.secret()))?];
            if let Some(project_id) = &config.project_id {
                set.push(to_header(HEADER_PROJECT_ID, project_id)?);
            }
            for (name, value) in set {
                request.headers_mut().insert(name, value);
            }
            Ok(())
        }
    }
}

/// A signer bundling credentials, configuration and clock, for a client to keep.
#[derive(Clone, Debug)]
pub struct Signer {
    credentials: AkSk,
    config: SigningConfig,
    clock: Arc<dyn Clock>,
}

impl Signer {
    /// A `SDK-HMAC-SHA256` signer on the system clock, without a project id.
    pub fn new(credentials: AkSk) -> Self {
        Self {
            credentials,
            config: SigningConfig::default(),
            clock: Arc::new(SystemClock),
        }
    }

    /// Uses `config`.
    pub fn with_config(mut self, config: SigningConfig) -> Self {
        self.config = config;
        self
    }

    /// Uses `algorithm`.
    pub fn with_algorithm(mut self, algorithm: Algorithm) -> Self {
        self.config.algorithm = algorithm;
        self
    }

    /// Sends `X-Project-Id: {project_id}`.
    pub fn with_project_id(mut self, project_id: impl Into<String>) -> Self {
        self.config.project_id = Some(project_id.into());
        self
    }

    /// Takes the time from `clock`.
    pub fn with_clock(mut self, clock: impl Clock + 'static) -> Self {
        self.clock = Arc::new(clock);
        self
    }

    /// The credentials.
    pub fn credentials(&self) -> &AkSk {
        &self.credentials
    }

    /// The configuration.
    pub fn config(&self) -> &SigningConfig {
        &self.config
    }

    /// Signs `request` in place ([`sign_request`]).
    pub fn sign(&self, request: &mut reqwest::Request) -> Result<SigningOutput, SigningError> {
        sign_request(
            request,
            &self.credentials,
            &self.config,
            self.clock.as_ref(),
        )
    }
}

#[cfg(test)]
mod tests;
