use std::time::Duration;

use reqwest::{Method, Request, Url};
use secrecy::SecretString;

use super::*;

const AK: &str = "AKEXAMPLE0123456789A";
const SK: &str = "SKEXAMPLEsecretKey0123456789abcdefghijKL";
const DATE: &str = "20240102T030405Z";
const PROJECT: &str = "0123456789abcdef0123456789abcdef";

fn clock() -> FixedClock {
    FixedClock::from_sdk_date(DATE).unwrap()
}

fn sk() -> SecretString {
    SecretString::from(SK)
}

fn json_request(method: Method, url: &str, body: &str) -> Request {
    let mut request = Request::new(method, Url::parse(url).unwrap());
    request
        .headers_mut()
        .insert("content-type", HeaderValue::from_static("application/json"));
    if !body.is_empty() {
        *request.body_mut() = Some(reqwest::Body::from(body.to_owned()));
    }
    request
}

fn header(request: &Request, name: &str) -> Option<String> {
    request
        .headers()
        .get(name)
        .map(|v| v.to_str().unwrap().to_owned())
}

fn signed(algorithm: Algorithm) -> Request {
    let mut request = json_request(
        Method::POST,
        "https://dcs.cn-north-4.myhuaweicloud.com/v2/p/instances/x/swap?limit=10&offset=0",
        r#"{"a":1}"#,
    );
    let config = SigningConfig::new()
        .with_algorithm(algorithm)
        .with_project_id(PROJECT);
    sign_request(&mut request, &AkSk::new(AK, SK), &config, &clock()).unwrap();
    request
}

fn verifier() -> Verifier {
    Verifier::new().with_clock(clock())
}

#[test]
fn sign_request_adds_the_sdk_headers() {
    let mut request = json_request(
        Method::GET,
        "https://dcs.cn-north-4.myhuaweicloud.com:8443/v2/p/instances?b=2&a=x+y",
        "",
    );
    let credentials = AkSk::new(AK, SK).with_security_token("TOKEN");
    let config = SigningConfig::new().with_project_id(PROJECT);
    let out = sign_request(&mut request, &credentials, &config, &clock()).unwrap();

    assert_eq!(header(&request, "x-sdk-date").as_deref(), Some(DATE));
    assert_eq!(
        header(&request, "host").as_deref(),
        Some("dcs.cn-north-4.myhuaweicloud.com:8443")
    );
    assert_eq!(header(&request, "x-project-id").as_deref(), Some(PROJECT));
    assert_eq!(
        header(&request, "x-security-token").as_deref(),
        Some("TOKEN")
    );
    assert_eq!(header(&request, "x-sdk-content-sha256"), None);
    assert_eq!(
        header(&request, "authorization").as_deref(),
        Some(out.authorization.as_str())
    );
    assert!(request.headers()["authorization"].is_sensitive());
    assert!(request.headers()["x-security-token"].is_sensitive());
    // Only credentials are hidden from logs.
    for name in ["x-sdk-date", "host", "x-project-id", "content-type"] {
        assert!(!request.headers()[name].is_sensitive(), "{name}");
    }
    assert_eq!(
        out.signed_headers,
        "content-type;host;x-project-id;x-sdk-date;x-security-token"
    );
    // The query is sent exactly as signed: sorted and RFC 3986-encoded (`+` was a space).
    assert_eq!(request.url().query(), Some("a=x%20y&b=2"));
    assert_eq!(out.canonical_query, "a=x%20y&b=2");
    assert!(out.canonical_request.contains("\na=x%20y&b=2\n"));
    assert!(
        out.authorization.starts_with(&format!(
            "SDK-HMAC-SHA256 Access={AK}, SignedHeaders={}, Signature=",
            out.signed_headers
        )),
        "{}",
        out.authorization
    );
    assert_eq!(
        verifier()
            .verify_request(&request, &sk())
            .unwrap()
            .access_key,
        AK
    );
}

#[test]
fn default_port_is_not_in_host_and_date_comes_from_the_clock() {
    let mut request = json_request(Method::GET, "https://example.com:443/x", "");
    let at = FixedClock::from_unix_seconds(1_700_000_000);
    sign_request(&mut request, &AkSk::new(AK, SK), &SigningConfig::new(), &at).unwrap();
    assert_eq!(header(&request, "host").as_deref(), Some("example.com"));
    assert_eq!(
        header(&request, "x-sdk-date").as_deref(),
        Some("20231114T221320Z")
    );
    assert_eq!(request.url().query(), None);
}

#[test]
fn an_existing_date_is_kept_and_authorization_replaced() {
    let mut request = json_request(Method::GET, "https://example.com/x", "");
    request
        .headers_mut()
        .insert("x-sdk-date", HeaderValue::from_static("20200101T000000Z"));
    request
        .headers_mut()
        .insert("authorization", HeaderValue::from_static("stale"));
    let out = sign_request(
        &mut request,
        &AkSk::new(AK, SK),
        &SigningConfig::new(),
        &clock(),
    )
    .unwrap();
    assert_eq!(out.sdk_date, "20200101T000000Z");
    assert_eq!(request.headers().get_all("authorization").iter().count(), 1);
    assert_eq!(
        header(&request, "authorization").as_deref(),
        Some(out.authorization.as_str())
    );
    // Signing again gives the same result (the old Authorization is not signed).
    let resigned = sign_request(
        &mut request,
        &AkSk::new(AK, SK),
        &SigningConfig::new(),
        &clock(),
    )
    .unwrap();
    assert_eq!(
        resigned,
        SigningOutput {
            added_headers: resigned.added_headers.clone(),
            ..out
        }
    );
}

#[test]
fn non_json_content_is_an_unsigned_payload() {
    for (algorithm, header_name) in [
        (Algorithm::SdkHmacSha256, "x-sdk-content-sha256"),
        (Algorithm::SdkHmacSm3, "x-sdk-content-sm3"),
        (
            Algorithm::derived("cn-north-4", "dcs"),
            "x-sdk-content-sha256",
        ),
    ] {
        let mut request = Request::new(Method::PUT, Url::parse("https://example.com/f").unwrap());
        request.headers_mut().insert(
            "content-type",
            HeaderValue::from_static("application/octet-stream"),
        );
        *request.body_mut() = Some(reqwest::Body::from(vec![0u8, 1, 2, 255]));
        let config = SigningConfig::new().with_algorithm(algorithm.clone());
        let out = sign_request(&mut request, &AkSk::new(AK, SK), &config, &clock()).unwrap();
        assert_eq!(
            header(&request, header_name).as_deref(),
            Some(UNSIGNED_PAYLOAD),
            "{algorithm}"
        );
        assert!(
            out.canonical_request.ends_with("\nUNSIGNED-PAYLOAD"),
            "{algorithm}"
        );
        assert!(out.signed_headers.contains(header_name), "{algorithm}");
        // The body is not covered, so a different body still verifies.
        *request.body_mut() = Some(reqwest::Body::from(vec![9u8; 3]));
        assert!(
            verifier().verify_request(&request, &sk()).is_ok(),
            "{algorithm}"
        );
    }
}

#[test]
fn json_and_bson_bodies_are_hashed() {
    for content_type in [
        "application/json",
        "application/json;charset=UTF-8",
        "application/bson",
    ] {
        let headers = vec![("Content-Type".to_owned(), content_type.to_owned())];
        let mut h = headers.clone();
        prepare_headers(
            &mut h,
            "x",
            &AkSk::new(AK, SK),
            &SigningConfig::new(),
            &clock(),
        )
        .unwrap();
        assert!(
            header_value(&h, "X-Sdk-Content-Sha256").is_none(),
            "{content_type}"
        );
        assert_eq!(
            payload_hash(&Algorithm::SdkHmacSha256, &h, Payload::Bytes(b"{}")).unwrap(),
            // SHA-256 of `{}` (`printf '{}' | sha256sum`).
            "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"
        );
    }
}

#[test]
fn streaming_bodies_need_an_unsigned_payload() {
    let headers: Vec<(String, String)> = vec![];
    assert_eq!(
        payload_hash(&Algorithm::SdkHmacSha256, &headers, Payload::Streaming),
        Err(SigningError::StreamingBody)
    );
    let unsigned = vec![(
        "X-Sdk-Content-Sha256".to_owned(),
        UNSIGNED_PAYLOAD.to_owned(),
    )];
    assert_eq!(
        payload_hash(&Algorithm::SdkHmacSha256, &unsigned, Payload::Streaming).unwrap(),
        UNSIGNED_PAYLOAD
    );
    // Empty body: the empty hash even with the header.
    assert_eq!(
        payload_hash(&Algorithm::SdkHmacSm3, &unsigned, Payload::Bytes(b"")).unwrap(),
        "1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b"
    );
}

#[test]
fn errors_leave_the_request_unchanged() {
    let mut request = json_request(Method::GET, "https://example.com/x?a=1", "");
    let before = (request.url().clone(), request.headers().clone());
    let err = sign_request(
        &mut request,
        &AkSk::new(AK, ""),
        &SigningConfig::new(),
        &clock(),
    );
    assert_eq!(err, Err(SigningError::MissingSecretKey));
    let err = sign_request(
        &mut request,
        &AkSk::new("", SK),
        &SigningConfig::new(),
        &clock(),
    );
    assert_eq!(err, Err(SigningError::MissingAccessKey));
    let bad_token = AkSk::new(AK, SK).with_security_token("line\nbreak");
    let err = sign_request(&mut request, &bad_token, &SigningConfig::new(), &clock());
    assert!(
        matches!(err, Err(SigningError::InvalidHeader { .. })),
        "{err:?}"
    );
    let bad_scope = SigningConfig::new().with_algorithm(Algorithm::derived("", "dcs"));
    let err = sign_request(&mut request, &AkSk::new(AK, SK), &bad_scope, &clock());
    assert!(
        matches!(err, Err(SigningError::InvalidDerivedScope { .. })),
        "{err:?}"
    );
    assert_eq!((request.url().clone(), request.headers().clone()), before);
}

#[test]
fn stage_functions_reject_bad_dates_and_duplicates() {
    assert!(matches!(
        string_to_sign(&Algorithm::SdkHmacSha256, "2024-01-02", "x"),
        Err(SigningError::InvalidDate(_))
    ));
    let request = SignableRequest {
        method: "GET",
        path: "/",
        query: &[],
        headers: &[("Host".to_owned(), "x".to_owned())],
        payload: Payload::Bytes(b""),
    };
    assert_eq!(
        compute_signature(&request, &AkSk::new(AK, SK), &Algorithm::SdkHmacSha256),
        Err(SigningError::MissingDate)
    );
    let mut dup = vec![
        ("A".to_owned(), "1".to_owned()),
        ("a".to_owned(), "2".to_owned()),
    ];
    assert!(matches!(
        prepare_headers(
            &mut dup,
            "x",
            &AkSk::new(AK, SK),
            &SigningConfig::new(),
            &clock()
        ),
        Err(SigningError::DuplicateHeader { .. })
    ));
}

#[test]
fn v11_authorization_carries_the_scope() {
    let request = signed(Algorithm::derived("cn-north-4", "dcs"));
    let auth = header(&request, "authorization").unwrap();
    assert!(
        auth.starts_with(&format!(
            "V11-HMAC-SHA256 Credential={AK}/20240102/cn-north-4/dcs, SignedHeaders="
        )),
        "{auth}"
    );
    let verified = verifier().verify_request(&request, &sk()).unwrap();
    assert_eq!(verified.algorithm, Algorithm::derived("cn-north-4", "dcs"));
}

#[test]
fn iam_token_credentials_set_x_auth_token() {
    let mut request = json_request(Method::GET, "https://example.com/x", "");
    let credentials = Credentials::iam_token("MIIZtoken");
    let config = SigningConfig::new().with_project_id(PROJECT);
    authenticate_request(&mut request, &credentials, &config, &clock()).unwrap();
    assert_eq!(
        header(&request, "x-auth-token").as_deref(),
        Some("MIIZtoken")
    );
    assert!(request.headers()["x-auth-token"].is_sensitive());
    assert_eq!(header(&request, "x-project-id").as_deref(), Some(PROJECT));
    assert_eq!(header(&request, "authorization"), None);

    let mut request = json_request(Method::GET, "https://example.com/x", "");
    authenticate_request(&mut request, &Credentials::aksk(AK, SK), &config, &clock()).unwrap();
    assert!(header(&request, "authorization").is_some());
}

#[test]
fn signer_struct_signs_like_sign_request() {
    let signer = Signer::new(AkSk::new(AK, SK))
        .with_project_id(PROJECT)
        .with_algorithm(Algorithm::SdkHmacSm3)
        .with_clock(clock());
    let mut request = json_request(
        Method::POST,
        "https://dcs.cn-north-4.myhuaweicloud.com/v2/p/instances/x/swap?limit=10&offset=0",
        r#"{"a":1}"#,
    );
    signer.sign(&mut request).unwrap();
    let expected = signed(Algorithm::SdkHmacSm3);
    assert_eq!(request.headers(), expected.headers());
    assert_eq!(request.url(), expected.url());
}

// ---- verifier ----

#[test]
fn verifier_accepts_signed_requests_of_every_algorithm() {
    for algorithm in [
        Algorithm::SdkHmacSha256,
        Algorithm::SdkHmacSm3,
        Algorithm::derived("eu-west-101", "drs"),
    ] {
        let request = signed(algorithm.clone());
        let verified = verifier().verify_request(&request, &sk()).unwrap();
        assert_eq!(verified.algorithm, algorithm);
        assert_eq!(verified.sdk_date, DATE);
        assert!(verified.signed_headers.contains(&"x-project-id".to_owned()));
    }
}

#[test]
fn verifier_rejects_a_tampered_body() {
    let mut request = signed(Algorithm::SdkHmacSha256);
    *request.body_mut() = Some(reqwest::Body::from(r#"{"a":2}"#));
    assert_eq!(
        verifier().verify_request(&request, &sk()),
        Err(VerifyError::SignatureMismatch)
    );
}

#[test]
fn verifier_rejects_tampered_headers_query_path_and_method() {
    let mut r = signed(Algorithm::SdkHmacSha256);
    r.headers_mut()
        .insert("x-project-id", HeaderValue::from_static("someone-else"));
    assert_eq!(
        verifier().verify_request(&r, &sk()),
        Err(VerifyError::SignatureMismatch)
    );

    let mut r = signed(Algorithm::SdkHmacSha256);
    r.url_mut().set_query(Some("limit=1000&offset=0"));
    assert_eq!(
        verifier().verify_request(&r, &sk()),
        Err(VerifyError::SignatureMismatch)
    );

    let mut r = signed(Algorithm::SdkHmacSha256);
    r.url_mut().set_path("/v2/p/instances/y/swap");
    assert_eq!(
        verifier().verify_request(&r, &sk()),
        Err(VerifyError::SignatureMismatch)
    );

    let mut r = signed(Algorithm::SdkHmacSm3);
    *r.method_mut() = Method::PUT;
    assert_eq!(
        verifier().verify_request(&r, &sk()),
        Err(VerifyError::SignatureMismatch)
    );

    let mut r = signed(Algorithm::SdkHmacSha256);
    r.headers_mut().remove("x-project-id");
    assert_eq!(
        verifier().verify_request(&r, &sk()),
        Err(VerifyError::MissingSignedHeader {
            header: "x-project-id".to_owned()
        })
    );

    // An unsigned header may be added (proxies do).
    let mut r = signed(Algorithm::SdkHmacSha256);
    r.headers_mut()
        .insert("x-forwarded-for", HeaderValue::from_static("1.2.3.4"));
    assert!(verifier().verify_request(&r, &sk()).is_ok());
}

#[test]
fn verifier_rejects_a_wrong_key() {
    let request = signed(Algorithm::derived("cn-north-4", "dcs"));
    assert_eq!(
        verifier().verify_request(&request, &SecretString::from("other")),
        Err(VerifyError::SignatureMismatch)
    );
}

#[test]
fn verifier_enforces_the_clock_skew() {
    let request = signed(Algorithm::SdkHmacSha256);
    let signed_at = parse_sdk_date(DATE).unwrap();
    let at = |offset: i64| {
        let t = if offset >= 0 {
            signed_at + Duration::from_secs(offset.unsigned_abs())
        } else {
            signed_at - Duration::from_secs(offset.unsigned_abs())
        };
        Verifier::new().with_clock(FixedClock::new(t))
    };
    assert!(at(15 * 60).verify_request(&request, &sk()).is_ok());
    assert!(at(-15 * 60).verify_request(&request, &sk()).is_ok());
    for offset in [15 * 60 + 1, -(15 * 60 + 1), 3600] {
        assert_eq!(
            at(offset).verify_request(&request, &sk()),
            Err(VerifyError::ClockSkew {
                sdk_date: DATE.to_owned(),
                skew_secs: offset.unsigned_abs(),
                max_skew_secs: 900
            }),
            "offset {offset}"
        );
    }
    // A stale date cannot be fixed up: changing X-Sdk-Date breaks the signature.
    let mut moved = request.try_clone().unwrap();
    moved
        .headers_mut()
        .insert("x-sdk-date", HeaderValue::from_static("20240102T040405Z"));
    assert_eq!(
        at(3600).verify_request(&moved, &sk()),
        Err(VerifyError::SignatureMismatch)
    );
    assert!(
        at(3600)
            .with_max_skew(Duration::from_secs(7200))
            .verify_request(&request, &sk())
            .is_ok()
    );
}

fn with_authorization(value: &str) -> Request {
    let mut r = signed(Algorithm::SdkHmacSha256);
    r.headers_mut()
        .insert("authorization", HeaderValue::from_str(value).unwrap());
    r
}

#[test]
fn verifier_names_the_failed_check() {
    let mut r = signed(Algorithm::SdkHmacSha256);
    r.headers_mut().remove("authorization");
    assert_eq!(
        verifier().verify_request(&r, &sk()),
        Err(VerifyError::MissingAuthorization)
    );

    let good = header(&signed(Algorithm::SdkHmacSha256), "authorization").unwrap();
    let rest = good.strip_prefix("SDK-HMAC-SHA256 ").unwrap();
    for (value, expected) in [
        (
            format!("SDK-ECDSA-P256-SHA256 {rest}"),
            VerifyError::UnknownAlgorithm {
                algorithm: "SDK-ECDSA-P256-SHA256".to_owned(),
            },
        ),
        (
            format!("AWS4-HMAC-SHA256 {rest}"),
            VerifyError::UnknownAlgorithm {
                algorithm: "AWS4-HMAC-SHA256".to_owned(),
            },
        ),
        // An SDK-HMAC-SHA256 signature presented as SM3.
        (
            format!("SDK-HMAC-SM3 {rest}"),
            VerifyError::SignatureMismatch,
        ),
    ] {
        assert_eq!(
            verifier().verify_request(&with_authorization(&value), &sk()),
            Err(expected),
            "{value}"
        );
    }
    for value in [
        "SDK-HMAC-SHA256".to_owned(),
        "SDK-HMAC-SHA256 Access=AK".to_owned(),
        format!("SDK-HMAC-SHA256 {}", rest.replace("Access=", "Credential=")),
        format!(
            "SDK-HMAC-SHA256 {}",
            rest.replace("Signature=", "Signature=zz")
        ),
        format!(
            "SDK-HMAC-SHA256 {}",
            rest.replace("Signature=", "Signature=00")
        ),
        format!("SDK-HMAC-SHA256 {rest}, Access=x"),
        format!(
            "SDK-HMAC-SHA256 {}",
            rest.replace("content-type;", "Content-Type;")
        ),
        format!("V11-HMAC-SHA256 {}", rest.replace("Access=", "Credential=")),
    ] {
        let err = verifier()
            .verify_request(&with_authorization(&value), &sk())
            .unwrap_err();
        assert!(
            matches!(err, VerifyError::MalformedAuthorization { .. }),
            "{value}: {err:?}"
        );
    }

    let unsigned_host = format!("SDK-HMAC-SHA256 {}", rest.replace(";host;", ";"));
    assert_eq!(
        verifier().verify_request(&with_authorization(&unsigned_host), &sk()),
        Err(VerifyError::UnsignedHeader {
            header: "host".to_owned()
        })
    );

    let mut r = signed(Algorithm::SdkHmacSha256);
    r.headers_mut().remove("x-sdk-date");
    assert_eq!(
        verifier().verify_request(&r, &sk()),
        Err(VerifyError::MissingDate)
    );
    let mut r = signed(Algorithm::SdkHmacSha256);
    r.headers_mut().insert(
        "x-sdk-date",
        HeaderValue::from_static("2024-01-02T03:04:05Z"),
    );
    assert!(matches!(
        verifier().verify_request(&r, &sk()),
        Err(VerifyError::MalformedDate { .. })
    ));
}

#[test]
fn verifier_checks_v11_scope_date_and_known_keys() {
    let request = signed(Algorithm::derived("cn-north-4", "dcs"));
    let auth = header(&request, "authorization").unwrap();
    let moved = auth.replace("/20240102/", "/20240101/");
    let mut r = request.try_clone().unwrap();
    r.headers_mut()
        .insert("authorization", HeaderValue::from_str(&moved).unwrap());
    assert!(matches!(
        verifier().verify_request(&r, &sk()),
        Err(VerifyError::ScopeMismatch { .. })
    ));

    let headers = headers_from_map(request.headers()).unwrap();
    let received = ReceivedRequest {
        method: "POST",
        url: request.url(),
        headers: &headers,
        body: br#"{"a":1}"#,
    };
    let keys = |ak: &str| (ak == AK).then(sk);
    assert!(verifier().verify_with(&received, keys).is_ok());
    let nobody = |_: &str| None;
    assert_eq!(
        verifier().verify_with(&received, nobody),
        Err(VerifyError::UnknownAccessKey {
            access_key: AK.to_owned()
        })
    );
}

#[test]
fn verifier_checks_a_claimed_payload_hash() {
    let mut request = Request::new(Method::PUT, Url::parse("https://example.com/f").unwrap());
    request
        .headers_mut()
        .insert("content-type", HeaderValue::from_static("text/plain"));
    request.headers_mut().insert(
        "x-sdk-content-sha256",
        // SHA-256 of `hello` (`printf hello | sha256sum`).
        HeaderValue::from_static(
            "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824",
        ),
    );
    *request.body_mut() = Some(reqwest::Body::from("hello"));
    // The signer keeps a present content hash header (prepare_headers overwrites it with
    // UNSIGNED-PAYLOAD for non-JSON content types, as the SDK does), so sign by stages.
    let mut headers = headers_from_map(request.headers()).unwrap();
    headers.push(("Host".to_owned(), "example.com".to_owned()));
    headers.push(("X-Sdk-Date".to_owned(), DATE.to_owned()));
    let out = compute_signature(
        &SignableRequest {
            method: "PUT",
            path: "/f",
            query: &[],
            headers: &headers,
            payload: Payload::Bytes(b"hello"),
        },
        &AkSk::new(AK, SK),
        &Algorithm::SdkHmacSha256,
    )
    .unwrap();
    headers.push(("Authorization".to_owned(), out.authorization));
    let url = Url::parse("https://example.com/f").unwrap();
    let received = |body: &'static [u8]| ReceivedRequest {
        method: "PUT",
        url: &url,
        headers: &headers,
        body,
    };
    assert!(verifier().verify(&received(b"hello"), &sk()).is_ok());
    assert_eq!(
        verifier().verify(&received(b"HELLO"), &sk()),
        Err(VerifyError::PayloadHashMismatch)
    );
}

#[test]
fn host_header_is_the_host_and_a_port_that_is_not_the_default() {
    for (url, host) in [
        ("http://h/", "h"),
        ("https://h:443/", "h"),
        ("http://h:80/", "h"),
        ("http://h:443/", "h:443"),
        ("http://user:secret@h:81/p?q#f", "h:81"),
        ("HTTPS://Dcs.Example.COM:8443/x", "dcs.example.com:8443"),
        ("http://h:0/", "h:0"),
        ("http://h:9/", "h:9"),
        ("http://h:10/", "h:10"),
        ("https://127.0.0.1:8080/", "127.0.0.1:8080"),
        ("http://[::1]:65535/", "[::1]:65535"),
    ] {
        let url = reqwest::Url::parse(url).unwrap();
        assert_eq!(host_header(&url).unwrap(), host);
        let port = url.port().map_or(String::new(), |p| format!(":{p}"));
        assert_eq!(host, format!("{}{port}", url.host_str().unwrap()));
    }
    // A port set to the scheme's default afterwards is not kept either.
    let mut url = reqwest::Url::parse("https://h:8443/").unwrap();
    url.set_port(Some(443)).unwrap();
    assert_eq!(host_header(&url).unwrap(), "h");
    let mut url = reqwest::Url::parse("https://h/").unwrap();
    url.set_port(Some(8443)).unwrap();
    assert_eq!(host_header(&url).unwrap(), "h:8443");
}

/// `compute_signature` writes every stage in one pass: it must give what the stage functions give.
#[test]
fn compute_signature_matches_the_stage_functions() {
    let header_sets: Vec<Vec<(&str, &str)>> = vec![
        vec![("X-Sdk-Date", DATE), ("Host", "h:8080")],
        vec![
            ("x-sdk-date", DATE),
            ("host", "example.com"),
            ("Content-Type", "text/plain"),
            ("X-Sdk-Content-Sha256", "UNSIGNED-PAYLOAD"),
            ("X-Sdk-Content-Sm3", "UNSIGNED-PAYLOAD"),
            ("x_under", "skipped"),
            ("X-Custom-Upper", "  padded value \t"),
            ("X-CUSTOM-UPPER", "second of the same name"),
            ("Accept", "application/json"),
            ("X-Project-Id", PROJECT),
            ("X-Security-Token", "token"),
        ],
        vec![("X-Sdk-Date", DATE), ("_only_underscore", "x")],
    ];
    let queries: Vec<Vec<(String, String)>> = vec![
        vec![],
        vec![
            ("b".to_owned(), "2".to_owned()),
            ("a b".to_owned(), "x/y+z~".to_owned()),
            ("a".to_owned(), String::new()),
            ("中".to_owned(), "文".to_owned()),
        ],
    ];
    let credentials = AkSk::new(AK, SK);
    for algorithm in [
        Algorithm::SdkHmacSha256,
        Algorithm::SdkHmacSm3,
        Algorithm::derived("cn-north-4", "dcs"),
    ] {
        for set in &header_sets {
            let headers: Vec<(String, String)> = set
                .iter()
                .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
                .collect();
            for query in &queries {
                for path in ["", "/", "/v2/p/jobs", "/a/%7e%41/b%2Fc/d+e/", "/a/%zz"] {
                    for payload in [Payload::Bytes(b""), Payload::Bytes(b"{\"a\":1}")] {
                        let request = SignableRequest {
                            method: "get",
                            path,
                            query,
                            headers: &headers,
                            payload,
                        };
                        let out = compute_signature(&request, &credentials, &algorithm).unwrap();
                        let date = trim(header_value(&headers, HEADER_SDK_DATE).unwrap());
                        let signed = signed_headers(&headers);
                        let hash = payload_hash(&algorithm, &headers, payload).unwrap();
                        let cr = canonical_request(&request, &signed, &hash).unwrap();
                        let sts = string_to_sign(&algorithm, date, &cr).unwrap();
                        let sig = signature(&algorithm, &credentials, date, &sts).unwrap();
                        let auth = authorization(&algorithm, AK, date, &signed, &sig).unwrap();
                        assert_eq!(out.canonical_request, cr);
                        assert_eq!(out.string_to_sign, sts);
                        assert_eq!(out.signed_headers, signed.join(";"));
                        assert_eq!(out.signature, sig);
                        assert_eq!(out.authorization, auth);
                        assert_eq!(out.canonical_query, canonical_query_string(query));
                        assert_eq!(out.sdk_date, date);
                        assert!(out.added_headers.is_empty());
                        // Buffers that held another signing are cleared, not appended to.
                        let mut reused = SigningOutput {
                            canonical_request: "stale".into(),
                            authorization: "stale".into(),
                            ..out.clone()
                        };
                        write_stages(&Stages::of(&request), &credentials, &algorithm, &mut reused)
                            .unwrap();
                        assert_eq!(reused, out);
                    }
                }
            }
        }
    }
}

/// `authenticate_request` signs without recording what it added: the request must come out as
/// `sign_request` leaves it.
#[test]
fn authenticate_request_signs_like_sign_request() {
    for (algorithm, token) in [
        (Algorithm::SdkHmacSha256, None),
        (Algorithm::SdkHmacSm3, Some("token")),
        (Algorithm::derived("cn-north-4", "dcs"), None),
    ] {
        let credentials = match token {
            Some(token) => AkSk::new(AK, SK).with_security_token(token),
            None => AkSk::new(AK, SK),
        };
        let config = SigningConfig::new()
            .with_algorithm(algorithm)
            .with_project_id(PROJECT);
        let mut signed = json_request(
            Method::POST,
            "https://example.com:8443/v2/p/x?b=2&a=1",
            "{\"a\":1}",
        );
        signed
            .headers_mut()
            .insert("authorization", HeaderValue::from_static("stale"));
        let mut authenticated = signed.try_clone().unwrap();
        sign_request(&mut signed, &credentials, &config, &clock()).unwrap();
        authenticate_request(
            &mut authenticated,
            &Credentials::AkSk(credentials.clone()),
            &config,
            &clock(),
        )
        .unwrap();
        assert_eq!(signed.url(), authenticated.url());
        assert_eq!(signed.headers(), authenticated.headers());
        for (name, value) in signed.headers() {
            assert_eq!(
                value.is_sensitive(),
                authenticated.headers()[name].is_sensitive()
            );
        }
    }
}

#[test]
fn signing_a_signed_request_again_keeps_its_authorization() {
    let mut request = signed(Algorithm::SdkHmacSha256);
    let first = header(&request, "authorization").expect("signed once");
    let config = SigningConfig::new().with_project_id(PROJECT);
    sign_request(&mut request, &AkSk::new(AK, SK), &config, &clock()).expect("signs again");
    assert_eq!(
        header(&request, "authorization"),
        Some(first),
        "same date, same signature"
    );
    assert!(verifier().verify_request(&request, &sk()).is_ok());
}

#[test]
fn signing_one_request_after_another_on_a_thread_gives_what_a_fresh_thread_gives() {
    // The per-thread lists are reused from request to request: a request signed after others with
    // more (and other) headers must come out as it does on a thread that signed nothing before.
    let credentials = Credentials::AkSk(AkSk::new(AK, SK));
    let config = SigningConfig::new().with_project_id(PROJECT);
    let clock = FixedClock::from_sdk_date(DATE).unwrap();
    let sign = |extra: &[(&str, &str)]| {
        let mut request = Request::new(
            Method::GET,
            Url::parse("https://dcs.example.com/v2/p/jobs/j?b=2&a=1").unwrap(),
        );
        for (name, value) in extra {
            request.headers_mut().insert(
                HeaderName::from_bytes(name.as_bytes()).unwrap(),
                HeaderValue::from_str(value).unwrap(),
            );
        }
        authenticate_request(&mut request, &credentials, &config, &clock).unwrap();
        let headers: Vec<String> = request
            .headers()
            .iter()
            .map(|(n, v)| format!("{n}: {}", v.to_str().unwrap()))
            .collect();
        (request.url().to_string(), headers)
    };
    let last: &[(&str, &str)] = &[("accept", "application/json")];
    let fresh = std::thread::scope(|s| s.spawn(|| sign(last)).join().unwrap());
    sign(&[
        ("accept", "text/plain"),
        ("x-a", "1"),
        ("x-b", "2"),
        ("x-c", "3"),
        ("content-type", "application/json"),
    ]);
    sign(&[]);
    let after_others = sign(last);
    assert_eq!(after_others, fresh);
    assert!(
        after_others
            .1
            .iter()
            .any(|h| h.starts_with("authorization: SDK-HMAC-SHA256")),
        "{after_others:?}"
    );
}

#[test]
fn the_signer_knows_its_own_header_names_in_any_case() {
    for (name, header_name) in &KNOWN_NAMES {
        assert_eq!(header_name.as_str(), name.to_ascii_lowercase(), "{name}");
        for spelling in [
            name.to_string(),
            name.to_ascii_lowercase(),
            name.to_ascii_uppercase(),
        ] {
            assert_eq!(known_name(&spelling), Some(header_name), "{spelling}");
        }
    }
    for other in [
        "",
        "accept",
        "X-Sdk-Dates",
        "X-Sdk-Dat",
        "Hos",
        "x-auth-token",
    ] {
        assert_eq!(known_name(other), None, "{other}");
    }
}
