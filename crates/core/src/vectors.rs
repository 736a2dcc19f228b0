//! Loader and checker for signing test-vector files (feature `vectors`).
//!
//! The format is that of `shared/signing-vectors/official-sdk-vectors.json`, produced by running the
//! official Python SDK: each vector gives credentials, a request (method, endpoint, path or path
//! template with parameters, query parameters, headers, body) and the expected URL, canonical request,
//! string to sign, signed headers, `Authorization` value, added headers and final headers.
//!
//! [`compute`] signs a vector's request twice: through the header-list pipeline
//! ([`crate::signing::sign_headers`]) and as a real `reqwest::Request` through
//! [`crate::signing::sign_request`]. [`check`] compares every stage with the expected
//! values. The `signing_vectors` test and example both use it.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use reqwest::header::{HeaderName, HeaderValue};
use serde::Deserialize;
use serde_json::Value;

use crate::credentials::AkSk;
use crate::signing::{
    Algorithm, FixedClock, Payload, RequestTarget, SigningConfig, SigningError,
    canonical_query_string, encode_component, header_value, headers_from_map, host_header,
    sign_headers, sign_request,
};

/// A vectors file.
#[derive(Clone, Debug, Deserialize)]
pub struct VectorFile {
    /// What produced the file.
    #[serde(default)]
    pub generator: Option<String>,
    /// The vectors.
    pub vectors: Vec<Vector>,
}

/// One test vector.
#[derive(Clone, Debug, Deserialize)]
pub struct Vector {
    /// Unique name.
    pub name: String,
    /// `client` (the SDK's whole pipeline) or `signer` (the signer called directly).
    #[serde(default)]
    pub kind: String,
    /// What the vector shows.
    #[serde(default)]
    pub description: String,
    /// `SDK-HMAC-SHA256`, `SDK-HMAC-SM3` or `V11-HMAC-SHA256`.
    pub algorithm: String,
    /// Region and service of `V11-HMAC-SHA256`.
    #[serde(default)]
    pub derived: Option<DerivedScope>,
    /// The credentials.
    pub credentials: VectorCredentials,
    /// The request.
    pub input: VectorInput,
    /// The expected results.
    pub expected: Expected,
}

/// Region and service of a `V11-HMAC-SHA256` vector.
#[derive(Clone, Debug, Deserialize)]
pub struct DerivedScope {
    /// Region id.
    pub region_id: String,
    /// Service name.
    pub service: String,
}

/// Credentials of a vector.
#[derive(Clone, Debug, Deserialize)]
pub struct VectorCredentials {
    /// Access key id.
    pub ak: String,
    /// Secret key.
    pub sk: String,
    /// Project id (adds `X-Project-Id`).
    #[serde(default)]
    pub project_id: Option<String>,
    /// Security token (adds `X-Security-Token`).
    #[serde(default)]
    pub security_token: Option<String>,
}

/// The request of a vector.
#[derive(Clone, Debug, Deserialize)]
pub struct VectorInput {
    /// HTTP method.
    pub method: String,
    /// `scheme://host[:port]`.
    pub endpoint: String,
    /// The path as sent (signer vectors).
    #[serde(default)]
    pub resource_path: Option<String>,
    /// The path template (client vectors), `{name}` replaced by the encoded path parameter.
    #[serde(default)]
    pub resource_path_template: Option<String>,
    /// Path parameters of the template (`project_id` comes from the credentials).
    #[serde(default)]
    pub path_params: BTreeMap<String, Value>,
    /// Query parameters as `[key, value]`; a value can be a string, number, boolean or list.
    #[serde(default)]
    pub query_params: Vec<(String, Value)>,
    /// Headers given to the signer.
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
    /// The body: a string, `null`, or `{"hex": "..."}`.
    #[serde(default)]
    pub body: Option<VectorBody>,
}

/// A vector's body.
#[derive(Clone, Debug, Deserialize)]
#[serde(untagged)]
pub enum VectorBody {
    /// UTF-8 text.
    Text(String),
    /// Binary, hex-encoded.
    Hex {
        /// The bytes, hex-encoded.
        hex: String,
    },
}

/// The expected results of a vector.
#[derive(Clone, Debug, Deserialize)]
pub struct Expected {
    /// The expanded path (client vectors).
    #[serde(default)]
    pub resource_path: Option<String>,
    /// The URL as sent.
    pub url: String,
    /// The canonical request.
    pub canonical_request: String,
    /// The string to sign.
    pub string_to_sign: String,
    /// The signed headers, `;`-separated.
    pub signed_headers: String,
    /// The `Authorization` value.
    pub authorization: String,
    /// Headers the signer added.
    #[serde(default)]
    pub added_headers: Option<BTreeMap<String, String>>,
    /// All headers sent.
    #[serde(default)]
    pub final_headers: Option<BTreeMap<String, String>>,
}

/// Why a vector file could not be used.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum VectorError {
    /// The file cannot be read.
    #[error("cannot read {path}: {message}")]
    Read {
        /// The file.
        path: String,
        /// The I/O error.
        message: String,
    },
    /// The file is not a vectors file.
    #[error("cannot parse {path}: {message}")]
    Parse {
        /// The file.
        path: String,
        /// The JSON error.
        message: String,
    },
    /// The vector's input cannot be expressed as a request.
    #[error("vector {name}: {reason}")]
    Unsupported {
        /// The vector.
        name: String,
        /// Why.
        reason: String,
    },
    /// Signing failed.
    #[error("vector {name}: {source}")]
    Signing {
        /// The vector.
        name: String,
        /// The error.
        source: SigningError,
    },
}

/// Reads and parses a vectors file.
pub fn load(path: impl AsRef<Path>) -> Result<VectorFile, VectorError> {
    let path = path.as_ref();
    let text = std::fs::read_to_string(path).map_err(|e| VectorError::Read {
        path: path.display().to_string(),
        message: e.to_string(),
    })?;
    parse(&text).map_err(|e| match e {
        VectorError::Parse { message, .. } => VectorError::Parse {
            path: path.display().to_string(),
            message,
        },
        other => other,
    })
}

/// Parses the text of a vectors file.
pub fn parse(text: &str) -> Result<VectorFile, VectorError> {
    serde_json::from_str(text).map_err(|e| VectorError::Parse {
        path: "<text>".to_owned(),
        message: e.to_string(),
    })
}

/// Everything computed for a vector. Header maps have lower-case names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Computed {
    /// The expanded path.
    pub resource_path: String,
    /// The URL as sent by the header-list pipeline.
    pub url: String,
    /// The canonical request.
    pub canonical_request: String,
    /// The string to sign.
    pub string_to_sign: String,
    /// The signed headers.
    pub signed_headers: String,
    /// The `Authorization` value.
    pub authorization: String,
    /// Headers added by the signer.
    pub added_headers: BTreeMap<String, String>,
    /// All headers after signing.
    pub final_headers: BTreeMap<String, String>,
    /// The URL of the `reqwest::Request` after `sign_request`.
    pub reqwest_url: String,
    /// The headers of the `reqwest::Request` after `sign_request`.
    pub reqwest_headers: BTreeMap<String, String>,
}

/// One stage whose result differs from the expected one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mismatch {
    /// The stage, e.g. `canonical request`.
    pub stage: &'static str,
    /// The expected value.
    pub expected: String,
    /// The computed value.
    pub got: String,
}

impl fmt::Display for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: expected {:?} got {:?}",
            self.stage, self.expected, self.got
        )
    }
}

/// Lower-cases the names of a header map.
pub fn lowercase_names(headers: &BTreeMap<String, String>) -> BTreeMap<String, String> {
    headers
        .iter()
        .map(|(k, v)| (k.to_ascii_lowercase(), v.clone()))
        .collect()
}

fn unsupported(v: &Vector, reason: impl Into<String>) -> VectorError {
    VectorError::Unsupported {
        name: v.name.clone(),
        reason: reason.into(),
    }
}

/// Python's `str()` of a JSON scalar.
fn py_str(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Bool(true) => Some("True".to_owned()),
        Value::Bool(false) => Some("False".to_owned()),
        Value::Number(n) if n.is_i64() || n.is_u64() => Some(n.to_string()),
        Value::Null => Some("None".to_owned()),
        _ => None,
    }
}

/// The query values of one parameter as the SDK's signer stringifies them: lists sorted then each
/// `str()`-ed, booleans lower-cased, anything else `str()`-ed.
fn query_values(v: &Vector, key: &str, value: &Value) -> Result<Vec<String>, VectorError> {
    match value {
        Value::Bool(b) => Ok(vec![b.to_string()]),
        Value::Array(items) => {
            let strings: Option<Vec<String>> = if items.iter().all(Value::is_string) {
                let mut s: Vec<String> = items.iter().filter_map(py_str).collect();
                s.sort();
                Some(s)
            } else if items.iter().all(|i| i.is_i64() || i.is_u64()) {
                let mut n: Vec<i128> = items
                    .iter()
                    .filter_map(|i| {
                        i.as_i64()
                            .map(i128::from)
                            .or_else(|| i.as_u64().map(i128::from))
                    })
                    .collect();
                n.sort();
                let s: Vec<String> = n.iter().map(i128::to_string).collect();
                // The flat (key, value) sort would reorder e.g. [9, 10]: not representable.
                s.is_sorted().then_some(s)
            } else {
                None
            };
            strings.ok_or_else(|| {
                unsupported(
                    v,
                    format!("query parameter {key:?}: unsupported list value {value}"),
                )
            })
        }
        other => py_str(other).map(|s| vec![s]).ok_or_else(|| {
            unsupported(
                v,
                format!("query parameter {key:?}: unsupported value {other}"),
            )
        }),
    }
}

fn resource_path(v: &Vector) -> Result<String, VectorError> {
    if let Some(path) = &v.input.resource_path {
        return Ok(path.clone());
    }
    let template = v
        .input
        .resource_path_template
        .as_deref()
        .ok_or_else(|| unsupported(v, "neither resource_path nor resource_path_template"))?;
    let mut params: BTreeMap<&str, String> = BTreeMap::new();
    if let Some(project_id) = &v.credentials.project_id {
        params.insert("project_id", project_id.clone());
    }
    for (name, value) in &v.input.path_params {
        let value = py_str(value)
            .ok_or_else(|| unsupported(v, format!("path parameter {name:?}: {value}")))?;
        params.insert(name, value);
    }
    let mut path = template.to_owned();
    for (name, value) in params {
        path = path.replace(&format!("{{{name}}}"), &encode_component(&value));
    }
    if path.contains('{') {
        return Err(unsupported(
            v,
            format!("unfilled path parameter in {path:?}"),
        ));
    }
    Ok(path)
}

fn algorithm(v: &Vector) -> Result<Algorithm, VectorError> {
    match (v.algorithm.as_str(), &v.derived) {
        ("SDK-HMAC-SHA256", _) => Ok(Algorithm::SdkHmacSha256),
        ("SDK-HMAC-SM3", _) => Ok(Algorithm::SdkHmacSm3),
        ("V11-HMAC-SHA256", Some(d)) => Ok(Algorithm::derived(&d.region_id, &d.service)),
        ("V11-HMAC-SHA256", None) => Err(unsupported(v, "V11-HMAC-SHA256 without `derived`")),
        (other, _) => Err(unsupported(v, format!("unknown algorithm {other:?}"))),
    }
}

fn body(v: &Vector) -> Result<Option<Vec<u8>>, VectorError> {
    match &v.input.body {
        None => Ok(None),
        Some(VectorBody::Text(text)) => Ok(Some(text.clone().into_bytes())),
        Some(VectorBody::Hex { hex }) => hex::decode(hex)
            .map(Some)
            .map_err(|e| unsupported(v, format!("body hex: {e}"))),
    }
}

/// Signs a vector's request through both pipelines.
pub fn compute(v: &Vector) -> Result<Computed, VectorError> {
    let signing = |source| VectorError::Signing {
        name: v.name.clone(),
        source,
    };
    let algorithm = algorithm(v)?;
    let mut credentials = AkSk::new(&v.credentials.ak, &v.credentials.sk);
    if let Some(token) = &v.credentials.security_token {
        credentials = credentials.with_security_token(token);
    }
    let config = SigningConfig {
        algorithm,
        project_id: v.credentials.project_id.clone(),
    };
    let headers: Vec<(String, String)> = v
        .input
        .headers
        .iter()
        .map(|(k, val)| (k.clone(), val.clone()))
        .collect();
    let clock = header_value(&headers, "X-Sdk-Date")
        .and_then(|d| FixedClock::from_sdk_date(d).ok())
        .unwrap_or_else(|| FixedClock::from_unix_seconds(0));
    let path = resource_path(v)?;
    let mut query: Vec<(String, String)> = Vec::new();
    for (key, value) in &v.input.query_params {
        for value in query_values(v, key, value)? {
            query.push((key.clone(), value));
        }
    }
    let body = body(v)?;
    let base = reqwest::Url::parse(&format!("{}{path}", v.input.endpoint))
        .map_err(|e| unsupported(v, format!("endpoint + path is not a URL: {e}")))?;
    let host = host_header(&base).map_err(signing)?;

    // 1. The header-list pipeline.
    let mut signed_headers_list = headers.clone();
    let output = sign_headers(
        &RequestTarget {
            method: &v.input.method,
            host: &host,
            path: &path,
            query: &query,
        },
        &mut signed_headers_list,
        Payload::Bytes(body.as_deref().unwrap_or_default()),
        &credentials,
        &config,
        &clock,
    )
    .map_err(signing)?;
    let canonical_query = canonical_query_string(&query);
    let mut url = format!("{}{path}", v.input.endpoint);
    if !canonical_query.is_empty() {
        url.push('?');
        url.push_str(&canonical_query);
    }

    // 2. A real reqwest::Request, its query encoded as reqwest's `query()` does.
    let mut request_url = base;
    if !query.is_empty() {
        request_url.query_pairs_mut().extend_pairs(&query);
    }
    let method = reqwest::Method::from_bytes(v.input.method.as_bytes())
        .map_err(|e| unsupported(v, format!("method: {e}")))?;
    let mut request = reqwest::Request::new(method, request_url);
    for (name, value) in &headers {
        let name = HeaderName::from_bytes(name.as_bytes())
            .map_err(|e| unsupported(v, format!("header name {name:?}: {e}")))?;
        let value = HeaderValue::from_bytes(value.as_bytes())
            .map_err(|e| unsupported(v, format!("header value {value:?}: {e}")))?;
        request.headers_mut().insert(name, value);
    }
    if let Some(body) = &body {
        *request.body_mut() = Some(reqwest::Body::from(body.clone()));
    }
    sign_request(&mut request, &credentials, &config, &clock).map_err(signing)?;
    let reqwest_headers = headers_from_map(request.headers())
        .map_err(signing)?
        .into_iter()
        .collect();

    Ok(Computed {
        resource_path: path,
        url,
        canonical_request: output.canonical_request,
        string_to_sign: output.string_to_sign,
        signed_headers: output.signed_headers,
        authorization: output.authorization,
        added_headers: output
            .added_headers
            .into_iter()
            .map(|(k, val)| (k.to_ascii_lowercase(), val))
            .collect(),
        final_headers: signed_headers_list
            .into_iter()
            .map(|(k, val)| (k.to_ascii_lowercase(), val))
            .collect(),
        reqwest_url: request.url().to_string(),
        reqwest_headers,
    })
}

/// Every stage of `computed` next to its expected value, as `(stage, expected, got)`. Stages whose
/// expected value the vector does not give are left out.
pub fn stages(v: &Vector, computed: &Computed) -> Vec<(&'static str, String, String)> {
    let e = &v.expected;
    let map = |m: &BTreeMap<String, String>| format!("{m:?}");
    let mut out = Vec::new();
    if let Some(path) = &e.resource_path {
        out.push((
            "resource path",
            path.clone(),
            computed.resource_path.clone(),
        ));
    }
    out.extend([
        ("url", e.url.clone(), computed.url.clone()),
        (
            "canonical request",
            e.canonical_request.clone(),
            computed.canonical_request.clone(),
        ),
        (
            "string to sign",
            e.string_to_sign.clone(),
            computed.string_to_sign.clone(),
        ),
        (
            "signed headers",
            e.signed_headers.clone(),
            computed.signed_headers.clone(),
        ),
        (
            "authorization",
            e.authorization.clone(),
            computed.authorization.clone(),
        ),
    ]);
    if let Some(added) = &e.added_headers {
        out.push((
            "added headers",
            map(&lowercase_names(added)),
            map(&computed.added_headers),
        ));
    }
    if let Some(all) = &e.final_headers {
        out.push((
            "final headers",
            map(&lowercase_names(all)),
            map(&computed.final_headers),
        ));
    }
    out.push(("reqwest url", e.url.clone(), computed.reqwest_url.clone()));
    if let Some(all) = &e.final_headers {
        out.push((
            "reqwest headers",
            map(&lowercase_names(all)),
            map(&computed.reqwest_headers),
        ));
    } else {
        out.push((
            "reqwest authorization",
            e.authorization.clone(),
            computed
                .reqwest_headers
                .get("authorization")
                .cloned()
                .unwrap_or_default(),
        ));
    }
    out
}

/// Checks a vector: the stages that differ (empty when it passes). A vector that cannot be signed at
/// all gives one mismatch at stage `signing`.
pub fn check(v: &Vector) -> Vec<Mismatch> {
    match compute(v) {
        Err(e) => vec![Mismatch {
            stage: "signing",
            expected: "a signed request".to_owned(),
            got: e.to_string(),
        }],
        Ok(computed) => stages(v, &computed)
            .into_iter()
            .filter(|(_, expected, got)| expected != got)
            .map(|(stage, expected, got)| Mismatch {
                stage,
                expected,
                got,
            })
            .collect(),
    }
}
