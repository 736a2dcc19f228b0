//! Properties of signing, for arbitrary requests: methods, paths of any characters (percent signs,
//! dots, unicode, raw escapes), query pairs, headers and bodies, with every algorithm and credential
//! kind. Signing never panics; what the signer produced, the [`Verifier`] accepts; and any
//! single-byte change that changes what the request means, the verifier rejects.
//!
//! "Changes what it means": a change of the method (other than its case: the signature covers the
//! upper-cased method, as the official SDK's), of the percent-decoded path or query pairs (not the
//! case of a percent-escape's hex digits), of a signed header's trimmed value, of a body whose hash
//! is signed (a body sent as `UNSIGNED-PAYLOAD` is not covered, by design), of `X-Sdk-Date`, or of
//! the `Authorization` value (other than one blank for another between its fields, or the case of
//! a hex digit). The access key
//! is authenticated by the gateway's lookup of its secret key, as here.

use std::time::{Duration, UNIX_EPOCH};

use hwcloud_core::signing::{FixedClock, ReceivedRequest, sign_request};
use hwcloud_core::{AkSk, Algorithm, SigningConfig, Verifier};
use percent_encoding::percent_decode_str;
use proptest::prelude::*;
use reqwest::header::{HeaderName, HeaderValue};
use secrecy::SecretString;

const AK: &str = "AKPROPERTY0000000001";
const SK: &str = "property-secret-key-0123456789abcdefghij";
const AT: u64 = 1_704_164_645; // 2024-01-02T03:04:05Z

/// A request before signing.
#[derive(Clone, Debug)]
struct Plan {
    method: String,
    segments: Vec<String>,
    raw_path_suffix: Option<String>,
    query: Vec<(String, String)>,
    raw_query: Option<String>,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    content_type: Option<&'static str>,
    algorithm: Algorithm,
    token: Option<String>,
    project_id: Option<String>,
}

/// A request as the server receives it.
#[derive(Clone, Debug)]
struct Received {
    method: String,
    url: reqwest::Url,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

fn method() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "GET", "PUT", "POST", "DELETE", "PATCH", "HEAD", "OPTIONS"
        ])
        .prop_map(str::to_owned),
        "[A-Z]{1,10}",
    ]
}

fn header_name() -> impl Strategy<Value = String> {
    "[a-z][a-z0-9_-]{0,14}".prop_filter("not a header the signer owns", |n| {
        ![
            "host",
            "authorization",
            "x-sdk-date",
            "x-project-id",
            "x-security-token",
            "x-sdk-content-sha256",
            "x-sdk-content-sm3",
            "content-type",
            "content-length",
        ]
        .contains(&n.as_str())
    })
}

fn plan() -> impl Strategy<Value = Plan> {
    (
        (
            method(),
            prop::collection::vec("\\PC{0,10}", 0..5),
            prop::option::weighted(
                0.2,
                prop::sample::select(vec!["%FF", "%2F", "%zz", "%2e%2E", "a%C3", "%E4%B8%AD"]),
            )
            .prop_map(|s| s.map(str::to_owned)),
            prop::collection::vec(("\\PC{0,8}", "\\PC{0,8}"), 0..4),
            prop::option::weighted(
                0.2,
                prop::sample::select(vec!["a=%FF", "k=v%2b", "x=1&&y=", "%C3=1"]),
            )
            .prop_map(|s| s.map(str::to_owned)),
        ),
        (
            prop::collection::btree_map(header_name(), "[ -~\u{a0}-\u{2fff}]{0,20}", 0..4),
            prop::collection::vec(any::<u8>(), 0..64),
            prop::sample::select(vec![
                None,
                Some("application/json"),
                Some("application/json;charset=utf-8"),
                Some("text/plain"),
                Some("application/octet-stream"),
            ]),
            prop::sample::select(vec![
                Algorithm::SdkHmacSha256,
                Algorithm::SdkHmacSm3,
                Algorithm::derived("cn-north-4", "dcs"),
            ]),
            prop::option::of("[A-Za-z0-9]{1,24}"),
            prop::option::of("[a-f0-9]{32}"),
        ),
    )
        .prop_map(
            |(
                (method, segments, raw_path_suffix, query, raw_query),
                (headers, body, content_type, algorithm, token, project_id),
            )| Plan {
                method,
                segments,
                raw_path_suffix,
                query,
                raw_query,
                headers: headers.into_iter().collect(),
                body,
                content_type,
                algorithm,
                token,
                project_id,
            },
        )
}

/// Builds and signs the planned request; `None` when it cannot be expressed as a request at all.
/// The result of signing is returned as is: it must never panic.
fn sign(plan: &Plan) -> Option<Result<Received, hwcloud_core::SigningError>> {
    let mut url = reqwest::Url::parse("https://dcs.cn-north-4.myhuaweicloud.com/").unwrap();
    let mut path = format!("/{}", plan.segments.join("/"));
    if let Some(raw) = &plan.raw_path_suffix {
        path.push('/');
        path.push_str(raw);
    }
    url.set_path(&path);
    if !plan.query.is_empty() {
        let mut pairs = url.query_pairs_mut();
        for (k, v) in &plan.query {
            pairs.append_pair(k, v);
        }
    }
    if let Some(raw) = &plan.raw_query {
        let query = match url.query() {
            Some(q) => format!("{q}&{raw}"),
            None => raw.clone(),
        };
        url.set_query(Some(&query));
    }
    let method = reqwest::Method::from_bytes(plan.method.as_bytes()).ok()?;
    let mut request = reqwest::Request::new(method, url);
    for (name, value) in &plan.headers {
        let name = HeaderName::from_bytes(name.as_bytes()).ok()?;
        let value = HeaderValue::from_bytes(value.as_bytes()).ok()?;
        request.headers_mut().insert(name, value);
    }
    if let Some(content_type) = plan.content_type {
        request
            .headers_mut()
            .insert("content-type", HeaderValue::from_static(content_type));
    }
    if !plan.body.is_empty() {
        *request.body_mut() = Some(plan.body.clone().into());
    }
    let mut credentials = AkSk::new(AK, SK);
    if let Some(token) = &plan.token {
        credentials = credentials.with_security_token(token.clone());
    }
    let mut config = SigningConfig::new().with_algorithm(plan.algorithm.clone());
    if let Some(project_id) = &plan.project_id {
        config = config.with_project_id(project_id.clone());
    }
    let clock = FixedClock::from_unix_seconds(AT);
    Some(
        sign_request(&mut request, &credentials, &config, &clock).map(|_| {
            let headers = request
                .headers()
                .iter()
                .map(|(n, v)| {
                    (
                        n.as_str().to_owned(),
                        String::from_utf8(v.as_bytes().to_vec()).expect("UTF-8 header"),
                    )
                })
                .collect();
            Received {
                method: request.method().as_str().to_owned(),
                url: request.url().clone(),
                headers,
                body: plan.body.clone(),
            }
        }),
    )
}

fn verify(received: &Received) -> Result<(), String> {
    Verifier::new()
        .with_clock(FixedClock::new(UNIX_EPOCH + Duration::from_secs(AT)))
        // As the gateway does: the secret key of the access key the request names.
        .verify_with(
            &ReceivedRequest::new(
                &received.method,
                &received.url,
                &received.headers,
                &received.body,
            ),
            |ak| (ak == AK).then(|| SecretString::from(SK.to_owned())),
        )
        .map(|_| ())
        .map_err(|e| e.to_string())
}

fn decoded(text: &str) -> Vec<u8> {
    percent_decode_str(text).collect()
}

fn pairs(query: Option<&str>) -> Vec<(Vec<u8>, Vec<u8>)> {
    let mut out: Vec<(Vec<u8>, Vec<u8>)> = query
        .unwrap_or_default()
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            let k = k.replace('+', " ");
            let v = v.replace('+', " ");
            (decoded(&k), decoded(&v))
        })
        .collect();
    out.sort();
    out
}

/// Whether the body's hash is signed (JSON, BSON or no content type; not `UNSIGNED-PAYLOAD`).
fn body_is_signed(received: &Received) -> bool {
    !received
        .headers
        .iter()
        .any(|(n, v)| n.starts_with("x-sdk-content-") && v == "UNSIGNED-PAYLOAD")
}

/// One single-byte change of `received`, chosen by `which`, `at` and `byte`, and whether it changes
/// what the request means. `None` when the choice does not apply (nothing to change there, or the
/// result is no longer a request).
fn mutate(received: &Received, which: u8, at: usize, byte: u8) -> Option<(Received, bool)> {
    let mut out = received.clone();
    let replace = |text: &str| -> Option<String> {
        if text.is_empty() {
            return None;
        }
        let mut bytes = text.as_bytes().to_vec();
        let i = at % bytes.len();
        if bytes[i] == byte {
            return None;
        }
        bytes[i] = byte;
        String::from_utf8(bytes).ok()
    };
    let meaningful = match which % 6 {
        0 => {
            out.method = replace(&received.method)?;
            if !out.method.bytes().all(|b| b.is_ascii_alphabetic()) {
                return None;
            }
            !out.method.eq_ignore_ascii_case(&received.method)
        }
        1 => {
            let path = replace(received.url.path())?;
            out.url.set_path(&path);
            if out.url.path() != path {
                return None; // the URL parser would not send it so
            }
            decoded(&path) != decoded(received.url.path())
        }
        2 => {
            let query = replace(received.url.query()?)?;
            out.url.set_query(Some(&query));
            if out.url.query() != Some(query.as_str()) {
                return None;
            }
            pairs(Some(&query)) != pairs(received.url.query())
        }
        3 => {
            let signed: Vec<usize> = received
                .headers
                .iter()
                .enumerate()
                .filter(|(_, (n, _))| !n.contains('_') && n != "authorization")
                .map(|(i, _)| i)
                .collect();
            let index = *signed.get(at % signed.len().max(1))?;
            let value = replace(&received.headers[index].1)?;
            if HeaderValue::from_str(&value).is_err() {
                return None;
            }
            let meaningful = value.trim() != received.headers[index].1.trim();
            out.headers[index].1 = value;
            meaningful
        }
        4 => {
            if received.body.is_empty() {
                return None;
            }
            let i = at % received.body.len();
            if received.body[i] == byte {
                return None;
            }
            out.body[i] = byte;
            body_is_signed(received)
        }
        _ => {
            let index = received
                .headers
                .iter()
                .position(|(n, _)| n == "authorization")?;
            let original = &received.headers[index].1;
            let value = replace(original)?;
            // Whitespace between its fields is whitespace, whichever: the signature container's
            // layout, not what is signed.
            let was = original.as_bytes()[at % original.len()];
            // So is a hex digit's case in the signature.
            let blank_for_blank = was.is_ascii_whitespace() && byte.is_ascii_whitespace();
            let hex_case = was.is_ascii_hexdigit() && was.eq_ignore_ascii_case(&byte);
            let meaningful = !blank_for_blank && !hex_case;
            out.headers[index].1 = value;
            meaningful
        }
    };
    Some((out, meaningful))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// Signing never panics, and the verifier accepts every request the signer signed.
    #[test]
    fn the_verifier_accepts_what_the_signer_signed(plan in plan()) {
        if let Some(Ok(received)) = sign(&plan) {
            prop_assert_eq!(verify(&received), Ok(()), "{:#?}", received);
        }
    }

    /// Any single-byte change that changes the request's meaning is rejected.
    #[test]
    fn the_verifier_rejects_any_meaningful_single_byte_change(
        plan in plan(),
        which in any::<u8>(),
        at in any::<usize>(),
        byte in prop_oneof![
            prop::sample::select(b"aZ09-._~%/?&=+ \t:;,*".to_vec()),
            any::<u8>(),
        ],
    ) {
        let Some(Ok(received)) = sign(&plan) else { return Ok(()) };
        let Some((changed, meaningful)) = mutate(&received, which, at, byte) else {
            return Ok(());
        };
        if meaningful {
            prop_assert!(
                verify(&changed).is_err(),
                "accepted a changed request:\nsigned  {:#?}\nchanged {:#?}",
                received,
                changed
            );
        }
    }
}
