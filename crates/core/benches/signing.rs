//! Signing one request: `SDK-HMAC-SHA256`, `SDK-HMAC-SM3` and `V11-HMAC-SHA256`.

use criterion::{Criterion, criterion_group, criterion_main};
use hwcloud_core::AkSk;
use hwcloud_core::signing::{Algorithm, FixedClock, SigningConfig, sign_request};
use reqwest::header::HeaderValue;
use reqwest::{Method, Request, Url};
use std::hint::black_box;

fn request() -> Request {
    let url = Url::parse(
        "https://dcs.cn-north-4.myhuaweicloud.com/v2/0123456789abcdef0123456789abcdef/instances?limit=10&offset=0&name=redis%20prod",
    )
    .expect("valid URL");
    let mut request = Request::new(Method::POST, url);
    request
        .headers_mut()
        .insert("content-type", HeaderValue::from_static("application/json"));
    request
        .headers_mut()
        .insert("user-agent", HeaderValue::from_static("hwcloud-rust/0.1.0"));
    *request.body_mut() = Some(reqwest::Body::from(
        r#"{"name":"redis-prod","engine":"Redis","engine_version":"6.0","capacity":1,"spec_code":"redis.ha.xu1.large.r2.1"}"#,
    ));
    request
}

fn bench_signing(c: &mut Criterion) {
    let credentials = AkSk::new(
        "AKEXAMPLE0123456789A",
        "SKEXAMPLEsecretKey0123456789abcdefghijKL",
    );
    let clock = FixedClock::from_unix_seconds(1_704_164_645);
    let template = request();
    for algorithm in [
        Algorithm::SdkHmacSha256,
        Algorithm::SdkHmacSm3,
        Algorithm::derived("cn-north-4", "dcs"),
    ] {
        let config = SigningConfig::new()
            .with_algorithm(algorithm.clone())
            .with_project_id("0123456789abcdef0123456789abcdef");
        c.bench_function(&format!("sign_request/{algorithm}"), |b| {
            b.iter_batched(
                || template.try_clone().expect("buffered body"),
                |mut request| {
                    sign_request(black_box(&mut request), &credentials, &config, &clock)
                        .expect("signs");
                    request
                },
                criterion::BatchSize::SmallInput,
            )
        });
    }
}

/// What a generated `ShowJobInfo` call signs: a GET without body or query.
fn bench_signing_get(c: &mut Criterion) {
    let credentials = AkSk::new(
        "AKEXAMPLE0123456789A",
        "SKEXAMPLEsecretKey0123456789abcdefghijKL",
    );
    let clock = FixedClock::from_unix_seconds(1_704_164_645);
    let url = Url::parse("http://127.0.0.1:8080/v2/0123456789abcdef0123456789abcdef/jobs/job-1")
        .expect("valid URL");
    let mut template = Request::new(Method::GET, url);
    template
        .headers_mut()
        .insert("accept", HeaderValue::from_static("application/json"));
    let config = SigningConfig::new().with_project_id("0123456789abcdef0123456789abcdef");
    c.bench_function("sign_request/GET SDK-HMAC-SHA256", |b| {
        b.iter_batched(
            || template.try_clone().expect("no body"),
            |mut request| {
                sign_request(black_box(&mut request), &credentials, &config, &clock)
                    .expect("signs");
                request
            },
            criterion::BatchSize::SmallInput,
        )
    });
}

criterion_group!(benches, bench_signing, bench_signing_get);
criterion_main!(benches);
