//! Any request built from fuzz bytes: signing never panics, and what was signed verifies.
#![no_main]

use hwcloud_core::signing::{FixedClock, ReceivedRequest, sign_request};
use hwcloud_core::{AkSk, Algorithm, SigningConfig, Verifier};
use libfuzzer_sys::fuzz_target;
use secrecy::SecretString;

const AK: &str = "AKFUZZ00000000000001";
const SK: &str = "fuzz-secret-key-0123456789abcdefghijklm";

fuzz_target!(|data: &[u8]| {
    // method \0 path \0 query \0 header-name \0 header-value \0 body
    let mut parts = data.splitn(6, |b| *b == 0);
    let mut next = || parts.next().unwrap_or_default();
    let (method, path, query, name, value, body) = (next(), next(), next(), next(), next(), next());
    let Ok(method) = reqwest::Method::from_bytes(method) else {
        return;
    };
    let Ok(mut url) = reqwest::Url::parse("https://dcs.cn-north-4.myhuaweicloud.com/") else {
        return;
    };
    url.set_path(&String::from_utf8_lossy(path));
    url.set_query(Some(&String::from_utf8_lossy(query)));
    let mut request = reqwest::Request::new(method, url);
    if let (Ok(name), Ok(value)) = (
        reqwest::header::HeaderName::from_bytes(name),
        reqwest::header::HeaderValue::from_bytes(value),
    ) {
        request.headers_mut().insert(name, value);
    }
    *request.body_mut() = Some(body.to_vec().into());
    let algorithm = match data.first().map(|b| b % 3) {
        Some(0) => Algorithm::SdkHmacSha256,
        Some(1) => Algorithm::SdkHmacSm3,
        _ => Algorithm::derived("cn-north-4", "dcs"),
    };
    let clock = FixedClock::from_unix_seconds(1_704_164_645);
    let config = SigningConfig::new()
        .with_algorithm(algorithm)
        .with_project_id("p");
    if sign_request(&mut request, &AkSk::new(AK, SK), &config, &clock).is_err() {
        return;
    }
    let headers: Vec<(String, String)> = request
        .headers()
        .iter()
        .map(|(n, v)| {
            (
                n.to_string(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect();
    let received = ReceivedRequest::new(request.method().as_str(), request.url(), &headers, body);
    Verifier::new()
        .with_clock(clock)
        .verify(&received, &SecretString::from(SK.to_owned()))
        .expect("what was signed verifies");
});
