//! Checking signed requests, as the API gateway does: for mock servers and tests.

use std::sync::Arc;
use std::time::Duration;

use secrecy::SecretString;

use super::canonical::{check_utf8_escapes, decode_query, header_value, trim};
use super::{
    Algorithm, Clock, HEADER_SDK_DATE, Payload, SignableRequest, SigningError, SystemClock,
    UNSIGNED_PAYLOAD, canonical_request, check_duplicates, crypto, parse_sdk_date, payload_hash,
    signing_key, string_to_sign,
};
use crate::credentials::expose;

/// The largest accepted difference between `X-Sdk-Date` and the verifier's clock: 15 minutes.
pub const DEFAULT_MAX_SKEW: Duration = Duration::from_secs(15 * 60);

/// A request as received: method, URL (path as sent, query), headers and body.
#[derive(Clone, Copy, Debug)]
#[non_exhaustive]
pub struct ReceivedRequest<'a> {
    /// HTTP method.
    pub method: &'a str,
    /// The URL, with the path and query as sent.
    pub url: &'a reqwest::Url,
    /// All headers, `(name, value)`, including `Host`.
    pub headers: &'a [(String, String)],
    /// The body (empty when there is none).
    pub body: &'a [u8],
}

impl<'a> ReceivedRequest<'a> {
    /// A request as received: its method, URL (path and query as sent), every header (with
    /// `Host`) and body.
    pub fn new(
        method: &'a str,
        url: &'a reqwest::Url,
        headers: &'a [(String, String)],
        body: &'a [u8],
    ) -> Self {
        Self {
            method,
            url,
            headers,
            body,
        }
    }
}

/// What a valid signature established.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct VerifiedRequest {
    /// The access key id that signed the request.
    pub access_key: String,
    /// The algorithm, with the V11 scope for `V11-HMAC-SHA256`.
    pub algorithm: Algorithm,
    /// The signed header names, as listed in `Authorization`.
    pub signed_headers: Vec<String>,
    /// The `X-Sdk-Date` value.
    pub sdk_date: String,
}

/// Which check a request failed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum VerifyError {
    /// No `Authorization` header.
    #[error("the request has no Authorization header")]
    MissingAuthorization,
    /// The `Authorization` header does not have the expected format.
    #[error("malformed Authorization header: {reason}")]
    MalformedAuthorization {
        /// What is wrong with it.
        reason: String,
    },
    /// The algorithm named in `Authorization` is unknown or not supported.
    #[error("unknown or unsupported signing algorithm {algorithm:?}")]
    UnknownAlgorithm {
        /// The algorithm name found.
        algorithm: String,
    },
    /// The key lookup does not know the access key.
    #[error("unknown access key {access_key:?}")]
    UnknownAccessKey {
        /// The access key id found.
        access_key: String,
    },
    /// No `X-Sdk-Date` header.
    #[error("the request has no X-Sdk-Date header")]
    MissingDate,
    /// `X-Sdk-Date` is not `YYYYMMDDTHHMMSSZ`.
    #[error("malformed X-Sdk-Date header {value:?}")]
    MalformedDate {
        /// The value found.
        value: String,
    },
    /// `X-Sdk-Date` is too far from the verifier's clock.
    #[error(
        "X-Sdk-Date {sdk_date} is {skew_secs} s away from the verifier's clock (at most {max_skew_secs} s allowed)"
    )]
    ClockSkew {
        /// The value found.
        sdk_date: String,
        /// The difference in seconds (rounded down).
        skew_secs: u64,
        /// The largest accepted difference in seconds.
        max_skew_secs: u64,
    },
    /// The date of the V11 credential scope is not the date of `X-Sdk-Date`.
    #[error("the V11 credential scope date {scope_date} does not match X-Sdk-Date {sdk_date}")]
    ScopeMismatch {
        /// The scope's date.
        scope_date: String,
        /// The `X-Sdk-Date` value.
        sdk_date: String,
    },
    /// A header that must be signed (`host`, `x-sdk-date`, a present content-hash header) is not.
    #[error("header {header:?} must be signed")]
    UnsignedHeader {
        /// The header's lower-case name.
        header: String,
    },
    /// A header listed in `SignedHeaders` is not in the request.
    #[error("signed header {header:?} is not in the request")]
    MissingSignedHeader {
        /// The header's lower-case name.
        header: String,
    },
    /// The content-hash header is neither `UNSIGNED-PAYLOAD` nor the body's hash.
    #[error("the content hash header does not match the body")]
    PayloadHashMismatch,
    /// The request cannot be canonicalized (e.g. a repeated header).
    #[error("the request cannot be canonicalized: {0}")]
    InvalidRequest(SigningError),
    /// The signature does not match the request.
    #[error("signature mismatch")]
    SignatureMismatch,
}

/// Checks `Authorization` signatures and `X-Sdk-Date` freshness.
#[derive(Clone, Debug)]
pub struct Verifier {
    clock: Arc<dyn Clock>,
    max_skew: Duration,
}

impl Default for Verifier {
    fn default() -> Self {
        Self::new()
    }
}

struct ParsedAuthorization {
    algorithm: Algorithm,
    access_key: String,
    scope_date: Option<String>,
    signed_headers: Vec<String>,
    signature: Vec<u8>,
}

fn malformed(reason: impl Into<String>) -> VerifyError {
    VerifyError::MalformedAuthorization {
        reason: reason.into(),
    }
}

fn parse_authorization(value: &str) -> Result<ParsedAuthorization, VerifyError> {
    let (name, rest) = value
        .trim()
        .split_once(' ')
        .ok_or_else(|| malformed("expected `ALGORITHM key=value, ...`"))?;
    let derived = match name {
        "SDK-HMAC-SHA256" | "SDK-HMAC-SM3" => false,
        "V11-HMAC-SHA256" => true,
        other => {
            return Err(VerifyError::UnknownAlgorithm {
                algorithm: other.to_owned(),
            });
        }
    };
    let id_key = if derived { "Credential" } else { "Access" };
    let (mut id, mut signed, mut signature) = (None, None, None);
    for part in rest.split(',') {
        let (key, val) = part
            .trim()
            .split_once('=')
            .ok_or_else(|| malformed(format!("expected key=value, got {:?}", part.trim())))?;
        let slot = match key {
            k if k == id_key => &mut id,
            "SignedHeaders" => &mut signed,
            "Signature" => &mut signature,
            other => return Err(malformed(format!("unexpected field {other:?}"))),
        };
        if slot.replace(val).is_some() {
            return Err(malformed(format!("field {key} given twice")));
        }
    }
    let id = id.ok_or_else(|| malformed(format!("missing {id_key}")))?;
    let signed = signed.ok_or_else(|| malformed("missing SignedHeaders"))?;
    let signature = signature.ok_or_else(|| malformed("missing Signature"))?;

    let signature = hex::decode(signature)
        .ok()
        .filter(|s| s.len() == 32)
        .ok_or_else(|| malformed("Signature is not 64 hex digits"))?;
    let signed_headers: Vec<String> = signed.split(';').map(str::to_owned).collect();
    if signed_headers
        .iter()
        .any(|h| h.is_empty() || h.chars().any(|c| c.is_ascii_uppercase() || c == '_'))
    {
        return Err(malformed(
            "SignedHeaders must be non-empty lower-case names without `_`",
        ));
    }

    let (algorithm, access_key, scope_date) = if derived {
        let parts: Vec<&str> = id.split('/').collect();
        let [ak, date, region, service] = parts[..] else {
            return Err(malformed(
                "Credential must be {AK}/{yyyymmdd}/{region}/{service}",
            ));
        };
        let algorithm = Algorithm::derived(region, service);
        algorithm
            .validate()
            .map_err(|e| malformed(format!("Credential scope: {e}")))?;
        (algorithm, ak.to_owned(), Some(date.to_owned()))
    } else if name == "SDK-HMAC-SM3" {
        (Algorithm::SdkHmacSm3, id.to_owned(), None)
    } else {
        (Algorithm::SdkHmacSha256, id.to_owned(), None)
    };
    if access_key.is_empty() {
        return Err(malformed("empty access key"));
    }
    Ok(ParsedAuthorization {
        algorithm,
        access_key,
        scope_date,
        signed_headers,
        signature,
    })
}

impl Verifier {
    /// A verifier on the system clock accepting [`DEFAULT_MAX_SKEW`].
    pub fn new() -> Self {
        Self {
            clock: Arc::new(SystemClock),
            max_skew: DEFAULT_MAX_SKEW,
        }
    }

    /// Takes the time from `clock`.
    pub fn with_clock(mut self, clock: impl Clock + 'static) -> Self {
        self.clock = Arc::new(clock);
        self
    }

    /// Accepts an `X-Sdk-Date` at most `max_skew` away from the clock.
    pub fn with_max_skew(mut self, max_skew: Duration) -> Self {
        self.max_skew = max_skew;
        self
    }

    /// Verifies a request signed with `secret_key` (by whatever access key it names).
    pub fn verify(
        &self,
        request: &ReceivedRequest<'_>,
        secret_key: &SecretString,
    ) -> Result<VerifiedRequest, VerifyError> {
        self.verify_with(request, |_| Some(secret_key.clone()))
    }

    /// Verifies a request, finding the secret key of the access key it names with `lookup`.
    pub fn verify_with(
        &self,
        request: &ReceivedRequest<'_>,
        lookup: impl Fn(&str) -> Option<SecretString>,
    ) -> Result<VerifiedRequest, VerifyError> {
        let headers = request.headers;
        let auth =
            header_value(headers, "Authorization").ok_or(VerifyError::MissingAuthorization)?;
        let parsed = parse_authorization(auth)?;
        let secret_key =
            lookup(&parsed.access_key).ok_or_else(|| VerifyError::UnknownAccessKey {
                access_key: parsed.access_key.clone(),
            })?;

        let sdk_date = header_value(headers, HEADER_SDK_DATE)
            .map(trim)
            .ok_or(VerifyError::MissingDate)?;
        let signed_at = parse_sdk_date(sdk_date).map_err(|_| VerifyError::MalformedDate {
            value: sdk_date.to_owned(),
        })?;
        let now = self.clock.now();
        let skew = now
            .duration_since(signed_at)
            .or_else(|_| signed_at.duration_since(now))
            .unwrap_or(Duration::MAX);
        if skew > self.max_skew {
            return Err(VerifyError::ClockSkew {
                sdk_date: sdk_date.to_owned(),
                skew_secs: skew.as_secs(),
                max_skew_secs: self.max_skew.as_secs(),
            });
        }
        if let Some(scope_date) = &parsed.scope_date
            && scope_date.as_str() != &sdk_date[..8]
        {
            return Err(VerifyError::ScopeMismatch {
                scope_date: scope_date.clone(),
                sdk_date: sdk_date.to_owned(),
            });
        }

        check_duplicates(headers).map_err(VerifyError::InvalidRequest)?;
        let content_header = parsed.algorithm.content_hash_header();
        let content_hash = header_value(headers, content_header).map(trim);
        let mut required = vec!["host", "x-sdk-date"];
        let content_header_lower = content_header.to_ascii_lowercase();
        if content_hash.is_some() {
            required.push(&content_header_lower);
        }
        for header in required {
            if !parsed.signed_headers.iter().any(|h| h == header) {
                return Err(VerifyError::UnsignedHeader {
                    header: header.to_owned(),
                });
            }
        }
        for header in &parsed.signed_headers {
            if header_value(headers, header).is_none() {
                return Err(VerifyError::MissingSignedHeader {
                    header: header.clone(),
                });
            }
        }
        if let Some(claimed) = content_hash
            && !request.body.is_empty()
            && !claimed.is_empty()
            && claimed != UNSIGNED_PAYLOAD
            && claimed != parsed.algorithm.hash_hex(request.body)
        {
            return Err(VerifyError::PayloadHashMismatch);
        }

        for (part, text) in [
            ("path", request.url.path()),
            ("query", request.url.query().unwrap_or_default()),
        ] {
            check_utf8_escapes(part, text).map_err(VerifyError::InvalidRequest)?;
        }
        let query = decode_query(request.url.query());
        let signable = SignableRequest {
            method: request.method,
            path: request.url.path(),
            query: &query,
            headers,
            payload: Payload::Bytes(request.body),
        };
        let hash = payload_hash(&parsed.algorithm, headers, signable.payload)
            .map_err(VerifyError::InvalidRequest)?;
        let canonical = canonical_request(&signable, &parsed.signed_headers, &hash)
            .map_err(VerifyError::InvalidRequest)?;
        let to_sign = string_to_sign(&parsed.algorithm, sdk_date, &canonical)
            .map_err(VerifyError::InvalidRequest)?;
        let key = signing_key(
            &parsed.algorithm,
            &parsed.access_key,
            expose(&secret_key),
            sdk_date,
        )
        .map_err(VerifyError::InvalidRequest)?;
        if !crypto::hmac_verify(
            parsed.algorithm.hash_kind(),
            &key,
            to_sign.as_bytes(),
            &parsed.signature,
        ) {
            return Err(VerifyError::SignatureMismatch);
        }
        Ok(VerifiedRequest {
            access_key: parsed.access_key,
            algorithm: parsed.algorithm,
            signed_headers: parsed.signed_headers,
            sdk_date: sdk_date.to_owned(),
        })
    }

    /// Verifies a (signed) `reqwest::Request` against `secret_key`.
    pub fn verify_request(
        &self,
        request: &reqwest::Request,
        secret_key: &SecretString,
    ) -> Result<VerifiedRequest, VerifyError> {
        let headers =
            super::headers_from_map(request.headers()).map_err(VerifyError::InvalidRequest)?;
        let body = match request.body() {
            None => &[][..],
            Some(body) => body
                .as_bytes()
                .ok_or(VerifyError::InvalidRequest(SigningError::StreamingBody))?,
        };
        self.verify(
            &ReceivedRequest {
                method: request.method().as_str(),
                url: request.url(),
                headers: &headers,
                body,
            },
            secret_key,
        )
    }
}
