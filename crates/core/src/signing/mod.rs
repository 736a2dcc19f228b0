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
//! Each stage is also a public function ([`canonical_uri`], [`canonical_query_string`],
//! [`signed_headers`], [`canonical_headers`], [`payload_hash`], [`canonical_request`],
//! [`string_to_sign`], [`signature`], [`authorization`], [`compute_signature`]) so that tests can check
//! them one by one, and [`Verifier`] checks signed requests (for mock servers and tests).
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

use std::fmt;
use std::sync::Arc;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};

pub use canonical::{
    canonical_headers, canonical_query_string, canonical_uri, decode_query, encode_component,
    header_value, signed_headers, trim,
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
}

/// The body of a request to sign.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Payload<'a> {
    /// A buffered body (empty when there is none).
    Bytes(&'a [u8]),
    /// A streamed body that cannot be read while signing.
    Streaming,
}

/// A request whose headers are final, as the signing stages see it.
#[derive(Clone, Copy, Debug)]
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

/// Every intermediate and final value of one signing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SigningOutput {
    /// The canonical request.
    pub canonical_request: String,
    /// The string to sign.
    pub string_to_sign: String,
    /// The signed header names joined with `;`.
    pub signed_headers: String,
    /// The lower-case hex signature.
    pub signature: String,
    /// The `Authorization` header value.
    pub authorization: String,
    /// The canonical query string, which is also the query the request is sent with.
    pub canonical_query: String,
    /// The `X-Sdk-Date` value signed.
    pub sdk_date: String,
    /// Headers the signer added or replaced, in order (`Authorization` last). Empty for
    /// [`compute_signature`], which adds none.
    pub added_headers: Vec<(String, String)>,
}

/// The payload hash: the hash of an empty body for an empty body; otherwise the value of the
/// algorithm's content-hash header (`X-Sdk-Content-Sha256` / `X-Sdk-Content-Sm3`, normally
/// `UNSIGNED-PAYLOAD`) when present and not empty; otherwise the hex hash of the body.
pub fn payload_hash(
    algorithm: &Algorithm,
    headers: &[(String, String)],
    payload: Payload<'_>,
) -> Result<String, SigningError> {
    if let Payload::Bytes(b"") = payload {
        return Ok(algorithm.hash_hex(b""));
    }
    if let Some(value) = header_value(headers, algorithm.content_hash_header()).map(trim)
        && !value.is_empty()
    {
        return Ok(value.to_owned());
    }
    match payload {
        Payload::Bytes(body) => Ok(algorithm.hash_hex(body)),
        Payload::Streaming => Err(SigningError::StreamingBody),
    }
}

/// The canonical request:
/// `METHOD\n{canonical URI}\n{canonical query}\n{canonical headers}\n{signed headers}\n{payload hash}`.
pub fn canonical_request(
    request: &SignableRequest<'_>,
    signed_headers: &[String],
    payload_hash: &str,
) -> Result<String, SigningError> {
    let canonical_query = canonical_query_string(request.query);
    canonical_request_with_query(request, &canonical_query, signed_headers, payload_hash)
}

/// [`canonical_request`] with the canonical query already computed.
fn canonical_request_with_query(
    request: &SignableRequest<'_>,
    canonical_query: &str,
    signed_headers: &[String],
    payload_hash: &str,
) -> Result<String, SigningError> {
    let headers = canonical_headers(request.headers, signed_headers)?;
    let uri = canonical_uri(request.path);
    let mut out = String::with_capacity(
        request.method.len() + uri.len() + canonical_query.len() + headers.len() + 128,
    );
    for (i, part) in [request.method, &uri, canonical_query, &headers]
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
    for (i, name) in signed_headers.iter().enumerate() {
        if i > 0 {
            out.push(';');
        }
        out.push_str(name);
    }
    out.push('\n');
    out.push_str(payload_hash);
    Ok(out)
}

/// The V11 scope `{yyyymmdd}/{region}/{service}`, or `None` for the other algorithms.
pub fn derived_info(algorithm: &Algorithm, sdk_date: &str) -> Result<Option<String>, SigningError> {
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
pub fn string_to_sign(
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

/// The lower-case hex signature of `string_to_sign`.
pub fn signature(
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
    Ok(crypto::hex_lower(&crypto::hmac(
        algorithm.hash_kind(),
        &key,
        string_to_sign.as_bytes(),
    )))
}

/// The `Authorization` header value:
/// `{algorithm} Access={AK}, SignedHeaders={a;b}, Signature={hex}`, or for V11
/// `V11-HMAC-SHA256 Credential={AK}/{yyyymmdd}/{region}/{service}, SignedHeaders=..., Signature=...`.
pub fn authorization(
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
    for (i, name) in signed_headers.iter().enumerate() {
        if i > 0 {
            out.push(';');
        }
        out.push_str(name);
    }
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

/// Signs a request whose headers are final (including `X-Sdk-Date` and `Host`): every stage, with the
/// signed headers derived from the request's headers. Adds nothing.
pub fn compute_signature(
    request: &SignableRequest<'_>,
    credentials: &AkSk,
    algorithm: &Algorithm,
) -> Result<SigningOutput, SigningError> {
    check_credentials(credentials)?;
    algorithm.validate()?;
    let sdk_date = header_value(request.headers, HEADER_SDK_DATE)
        .map(trim)
        .ok_or(SigningError::MissingDate)?;
    let signed = signed_headers(request.headers);
    let payload_hash = payload_hash(algorithm, request.headers, request.payload)?;
    let canonical_query = canonical_query_string(request.query);
    let canonical_request =
        canonical_request_with_query(request, &canonical_query, &signed, &payload_hash)?;
    let string_to_sign = string_to_sign(algorithm, sdk_date, &canonical_request)?;
    let signature = signature(algorithm, credentials, sdk_date, &string_to_sign)?;
    let authorization = authorization(
        algorithm,
        credentials.access_key(),
        sdk_date,
        &signed,
        &signature,
    )?;
    Ok(SigningOutput {
        canonical_request,
        string_to_sign,
        signed_headers: signed.join(";"),
        signature,
        authorization,
        canonical_query,
        sdk_date: sdk_date.to_owned(),
        added_headers: Vec::new(),
    })
}

/// Adds the headers the SDK adds before signing (see the [module docs](self), steps 1-5) and trims
/// every value. Returns the headers added or replaced, in order.
pub fn prepare_headers(
    headers: &mut Vec<(String, String)>,
    host: &str,
    credentials: &AkSk,
    config: &SigningConfig,
    clock: &dyn Clock,
) -> Result<Vec<(String, String)>, SigningError> {
    check_duplicates(headers)?;
    let mut added = Vec::new();
    if let Some(project_id) = &config.project_id {
        set_header(headers, &mut added, HEADER_PROJECT_ID, project_id);
    }
    if let Some(token) = credentials.security_token() {
        set_header(headers, &mut added, HEADER_SECURITY_TOKEN, expose(token));
    }
    if let Some(content_type) = header_value(headers, "Content-Type")
        && !content_type.is_empty()
        && !content_type.starts_with("application/json")
        && !content_type.starts_with("application/bson")
    {
        let name = config.algorithm.content_hash_header();
        set_header(headers, &mut added, name, UNSIGNED_PAYLOAD);
    }
    if header_value(headers, HEADER_SDK_DATE).is_none() {
        let date = format_sdk_date(clock.now());
        set_header(headers, &mut added, HEADER_SDK_DATE, &date);
    }
    if header_value(headers, "Host").is_none() {
        set_header(headers, &mut added, "Host", host);
    }
    for (_, value) in headers.iter_mut() {
        let trimmed = trim(value);
        if trimmed.len() != value.len() {
            *value = trimmed.to_owned();
        }
    }
    Ok(added)
}

fn check_duplicates(headers: &[(String, String)]) -> Result<(), SigningError> {
    for (i, (name, _)) in headers.iter().enumerate() {
        if headers[..i]
            .iter()
            .any(|(n, _)| n.eq_ignore_ascii_case(name))
        {
            return Err(SigningError::DuplicateHeader { name: name.clone() });
        }
    }
    Ok(())
}

fn set_header(
    headers: &mut Vec<(String, String)>,
    added: &mut Vec<(String, String)>,
    name: &str,
    value: &str,
) {
    match headers
        .iter_mut()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
    {
        Some((_, v)) => *v = value.to_owned(),
        None => headers.push((name.to_owned(), value.to_owned())),
    }
    added.push((name.to_owned(), value.to_owned()));
}

/// The whole signing pipeline on a header list: [`prepare_headers`], [`compute_signature`], then
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
    check_credentials(credentials)?;
    config.algorithm.validate()?;
    headers.retain(|(name, _)| !name.eq_ignore_ascii_case("Authorization"));
    let added = prepare_headers(headers, target.host, credentials, config, clock)?;
    let mut output = compute_signature(
        &SignableRequest {
            method: target.method,
            path: target.path,
            query: target.query,
            headers,
            payload,
        },
        credentials,
        &config.algorithm,
    )?;
    output.added_headers = added;
    let authorization = output.authorization.clone();
    let mut unused = Vec::new();
    set_header(headers, &mut unused, "Authorization", &authorization);
    output
        .added_headers
        .push(("Authorization".to_owned(), authorization));
    Ok(output)
}

/// The `Host` header for a URL: the host, plus `:port` when the port is not the scheme's default.
pub fn host_header(url: &reqwest::Url) -> Result<String, SigningError> {
    let host = url.host_str().ok_or(SigningError::MissingHost)?;
    Ok(match url.port() {
        Some(port) => format!("{host}:{port}"),
        None => host.to_owned(),
    })
}

/// A `HeaderMap` as a `(name, value)` list (lower-case names), failing on non-UTF-8 values and on
/// repeated headers.
pub fn headers_from_map(map: &HeaderMap) -> Result<Vec<(String, String)>, SigningError> {
    let mut out: Vec<(String, String)> = Vec::with_capacity(map.len());
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
        out.push((name.to_owned(), value.to_owned()));
    }
    Ok(out)
}

fn is_sensitive(name: &str) -> bool {
    ["authorization", "x-security-token", "x-auth-token"]
        .iter()
        .any(|s| name.eq_ignore_ascii_case(s))
}

fn to_header(name: &str, value: &str) -> Result<(HeaderName, HeaderValue), SigningError> {
    let invalid = || SigningError::InvalidHeader {
        name: name.to_owned(),
    };
    let header_name = HeaderName::from_bytes(name.as_bytes()).map_err(|_| invalid())?;
    let mut header_value = HeaderValue::from_bytes(value.as_bytes()).map_err(|_| invalid())?;
    header_value.set_sensitive(is_sensitive(name));
    Ok((header_name, header_value))
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
    let (output, changed, query_changed) = {
        let url = request.url();
        let host = host_header(url)?;
        let mut headers = headers_from_map(request.headers())?;
        headers.retain(|(name, _)| name != "authorization");
        let query = decode_query(url.query());
        let payload = match request.body() {
            None => Payload::Bytes(b""),
            Some(body) => body.as_bytes().map_or(Payload::Streaming, Payload::Bytes),
        };
        let target = RequestTarget {
            method: request.method().as_str(),
            host: &host,
            path: url.path(),
            query: &query,
        };
        let output = sign_headers(&target, &mut headers, payload, credentials, config, clock)?;

        // Build every header before touching the request, so that an error leaves it unchanged.
        let original = request.headers();
        let changed = headers
            .iter()
            .filter(|(name, value)| {
                original.get(name.as_str()).map(|v| v.as_bytes()) != Some(value.as_bytes())
            })
            .map(|(name, value)| to_header(name, value))
            .collect::<Result<Vec<_>, _>>()?;
        let query_changed = url.query().unwrap_or_default() != output.canonical_query;
        (output, changed, query_changed)
    };
    let map = request.headers_mut();
    map.remove(reqwest::header::AUTHORIZATION);
    for (name, value) in changed {
        map.insert(name, value);
    }
    if query_changed {
        let query = output.canonical_query.as_str();
        request
            .url_mut()
            .set_query((!query.is_empty()).then_some(query));
    }
    Ok(output)
}

/// Authenticates a request: signs it for AK/SK credentials ([`sign_request`]), or sets
/// `X-Auth-Token` (and `X-Project-Id` when configured) for an IAM token.
pub fn authenticate_request(
    request: &mut reqwest::Request,
    credentials: &Credentials,
    config: &SigningConfig,
    clock: &dyn Clock,
) -> Result<(), SigningError> {
    match credentials {
        Credentials::AkSk(aksk) => sign_request(request, aksk, config, clock).map(|_| ()),
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
