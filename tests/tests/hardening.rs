//! What a hostile network or a broken server cannot do to a user (issue 10): redirects are never
//! followed, so no header of ours reaches another host; every answer is read within bounds; no
//! internal plumbing shows; a clock more than 15 minutes off is corrected once; proxies and private
//! CAs work; certificate checks are off only when asked for by name.

use std::time::{Duration, Instant, SystemTime};

use hwcloud_core::signing::{FixedClock, ReceivedRequest, VerifyError};
use hwcloud_core::{
    BuildError, ClientBuilder, Credentials, Error, ErrorKind, RetryPolicy, Verifier,
};
use hwcloud_tests::clients;
use hwcloud_tests::tls::TestTls;
use hwcloud_tests::trace::Capture;
use hwcloud_tests::{CaptureServer, CapturedRequest, ForwardProxy, Listen, Reply, ScriptedServer};
use secrecy::SecretString;

const AK: &str = "AKHARDENINGTEST00001";
const SK: &str = "hardening-test-secret-key-0123456789abc";
const SECURITY_TOKEN: &str = "hardening-security-token-SECRET-0001";
const IAM_TOKEN: &str = "MIIhardening-iam-token-SECRET-0001";
const PROJECT_ID: &str = "0123456789abcdef0123456789abcdef";
const INSTANCE_ID: &str = "5560df16-cebf-4473-95c4-d1b573c16e79";
const JOB: &str = r#"{"job_id":"job-1"}"#;

fn every_credential_kind() -> [(&'static str, Credentials); 3] {
    [
        ("AK/SK", Credentials::aksk(AK, SK)),
        (
            "temporary AK/SK",
            Credentials::temporary(AK, SK, SECURITY_TOKEN),
        ),
        ("IAM token", Credentials::iam_token(IAM_TOKEN)),
    ]
}

/// A DCS client builder as users start one, with no environment (no proxy from the machine).
fn dcs(url: &str) -> ClientBuilder<hwcloud_dcs::Client> {
    let retry = RetryPolicy::none();
    clients::loopback(hwcloud_dcs::Client::builder(), url, PROJECT_ID, retry)
        .credentials(Credentials::aksk(AK, SK))
}

async fn swap(client: &hwcloud_dcs::Client) -> Result<String, Error> {
    client
        .change_master_standby_async()
        .instance_id(INSTANCE_ID)
        .send()
        .await
        .map(|r| r.into_inner().job_id)
}

fn swap_path() -> String {
    format!("/v2/{PROJECT_ID}/instances/{INSTANCE_ID}/async-swap")
}

// ---------------------------------------------------------------------------------------------
// Redirects

/// Starts a client builder for an endpoint URL.
type MakeBuilder = fn(&str) -> ClientBuilder<hwcloud_dcs::Client>;

/// Every public way to make a client: the builder as it comes, and the builder whose HTTP client
/// the user configured to follow redirects and allow plain HTTP (which the builder overrides).
fn every_way_to_build() -> Vec<(&'static str, MakeBuilder)> {
    vec![
        ("the builder", dcs),
        ("a configured HTTP client", |url| {
            dcs(url).configure_http(|http| {
                http.redirect(reqwest::redirect::Policy::limited(10))
                    .https_only(false)
            })
        }),
    ]
}

/// A 3xx from the endpoint pointing at another loopback host (127.0.0.2) is an error naming the
/// status and that host, and that host receives nothing, whatever the credentials carry and
/// however the client was made.
async fn redirects_are_not_followed(tls: Option<&TestTls>) {
    for (way, make) in every_way_to_build() {
        redirects_are_not_followed_by(tls, way, make).await;
    }
}

async fn redirects_are_not_followed_by(tls: Option<&TestTls>, way: &str, make: MakeBuilder) {
    let listen = |ip: [u8; 4]| {
        let listen = Listen::on(ip);
        match tls {
            Some(tls) => listen.with_tls(tls),
            None => listen,
        }
    };
    for status in [301, 302, 303, 307, 308] {
        for (kind, credentials) in every_credential_kind() {
            let elsewhere = CaptureServer::start_on(listen([127, 0, 0, 2]), 200, JOB).await;
            let location = format!("{}{}", elsewhere.url(), swap_path());
            let endpoint = ScriptedServer::start_on(
                listen([127, 0, 0, 1]),
                vec![Reply::json(status, "").header("location", &location)],
            )
            .await;
            let mut builder = make(&endpoint.url()).credentials(credentials);
            if let Some(tls) = tls {
                builder = builder.add_root_certificate_pem(tls.ca_pem());
            }
            let client = builder.build().expect("client builds");
            let err = swap(&client).await.expect_err("a redirect is an error");
            let case = format!("{status} with {kind}, {way}");
            assert_eq!(err.kind(), ErrorKind::Service, "{case}: {err:?}");
            assert_eq!(err.status().map(|s| s.as_u16()), Some(status), "{case}");
            let host = elsewhere.url().split_once("://").unwrap().1.to_owned();
            let shown = err.to_string();
            assert!(
                shown.contains(&status.to_string()) && shown.contains(&host),
                "{case}: the error names the status and the Location host: {shown}"
            );
            assert!(shown.contains("not followed"), "{case}: {shown}");
            assert!(
                elsewhere.requests().is_empty(),
                "{case}: nothing may reach the other host: {:?}",
                elsewhere.requests()
            );
            assert_eq!(elsewhere.connections(), 0, "{case}: not even a connection");
            // The endpoint itself got the credentials, once.
            let sent = endpoint.requests();
            assert_eq!(sent.len(), 1, "{case}");
            let carried = sent[0]
                .header("authorization")
                .or(sent[0].header("x-auth-token"));
            assert!(carried.is_some(), "{case}: {sent:?}");
            if kind == "temporary AK/SK" {
                assert_eq!(sent[0].header("x-security-token"), Some(SECURITY_TOKEN));
            }
        }
    }
}

#[tokio::test]
async fn redirects_over_plain_http_are_never_followed() {
    redirects_are_not_followed(None).await;
}

#[tokio::test]
async fn redirects_over_tls_are_never_followed() {
    redirects_are_not_followed(Some(&TestTls::generate())).await;
}

#[test]
fn plain_http_to_another_host_is_refused_however_the_client_is_made() {
    for (way, make) in every_way_to_build() {
        let refused = make("http://gateway.example.com")
            .build()
            .err()
            .unwrap_or_else(|| panic!("{way}: plain HTTP off loopback builds"));
        assert!(
            refused.to_string().contains("endpoint_allowing_http"),
            "{way}: {refused}"
        );
    }
}

#[tokio::test]
async fn a_read_redirected_is_not_retried_or_followed() {
    let elsewhere = CaptureServer::start_on(Listen::on([127, 0, 0, 2]), 200, "{}").await;
    let endpoint = ScriptedServer::start(vec![
        Reply::json(302, "").header("location", &format!("{}/x", elsewhere.url())),
    ])
    .await;
    let client = dcs(&endpoint.url())
        .retry(
            RetryPolicy::default()
                .with_max_attempts(3)
                .with_initial_backoff(Duration::from_millis(1)),
        )
        .build()
        .expect("client builds");
    let err = client
        .show_job_info()
        .job_id("job-1")
        .send()
        .await
        .expect_err("redirect");
    assert_eq!(err.status().map(|s| s.as_u16()), Some(302), "{err:?}");
    assert_eq!(endpoint.requests().len(), 1);
    assert!(elsewhere.requests().is_empty());
}

// ---------------------------------------------------------------------------------------------
// Bounded memory

#[tokio::test]
async fn a_success_body_beyond_the_limit_fails_fast_with_a_typed_error() {
    const GIB: u64 = 1 << 30;
    for (chunked, limit) in [(true, 1 << 20), (false, 1 << 20), (true, 16 << 20)] {
        let server = ScriptedServer::start(vec![Reply::Stream {
            status: 200,
            chunked,
            total: GIB,
        }])
        .await;
        let mut builder = dcs(&server.url());
        if limit != ClientBuilder::<hwcloud_dcs::Client>::DEFAULT_MAX_RESPONSE_BODY {
            builder = builder.max_response_body(limit);
        }
        let client = builder.build().expect("client builds");
        let started = Instant::now();
        let err = swap(&client).await.expect_err("too large");
        let case = format!("chunked {chunked}, limit {limit}");
        assert_eq!(err.kind(), ErrorKind::Decode, "{case}: {err:?}");
        assert_eq!(err.status().map(|s| s.as_u16()), Some(200), "{case}");
        let shown = err.to_string();
        assert!(
            shown.contains(&format!("larger than the client's limit of {limit} bytes"))
                && shown.contains("performed"),
            "{case}: {shown}"
        );
        let Error::Decode { snippet, .. } = &err else {
            unreachable!()
        };
        assert!(
            snippet.starts_with("{\"job_id\":\"aaa"),
            "{case}: {snippet}"
        );
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "{case}: took {:?}",
            started.elapsed()
        );
        // The client stopped reading: the server could write little more than the limit (plus
        // what the sockets buffer), nowhere near the gigabyte.
        tokio::time::sleep(Duration::from_millis(50)).await;
        let written = server.body_bytes_written();
        assert!(
            written < limit as u64 + (32 << 20),
            "{case}: the server wrote {written} bytes"
        );
    }
}

#[tokio::test]
async fn a_body_within_the_limit_decodes() {
    let padded = format!("{{\"job_id\":\"job-1\"{}}}", " ".repeat(3 << 20));
    let server = ScriptedServer::start(vec![Reply::json(200, &padded)]).await;
    let client = dcs(&server.url())
        .max_response_body(4 << 20)
        .build()
        .expect("client builds");
    assert_eq!(swap(&client).await.expect("decodes"), "job-1");
}

#[tokio::test]
async fn an_endless_error_body_is_cut_after_a_few_kib() {
    let server = ScriptedServer::start(vec![Reply::Stream {
        status: 503,
        chunked: true,
        total: 1 << 30,
    }])
    .await;
    let client = dcs(&server.url()).build().expect("client builds");
    let started = Instant::now();
    let err = swap(&client).await.expect_err("an error");
    assert_eq!(err.status().map(|s| s.as_u16()), Some(503), "{err:?}");
    let service = err.service_error().expect("a service error");
    assert!(service.body_snippet.starts_with("{\"job_id\":\"aaa"));
    assert!(started.elapsed() < Duration::from_secs(10));
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert!(server.body_bytes_written() < 32 << 20);
}

#[tokio::test]
async fn a_slow_drip_is_cut_off_by_the_attempt_timeout() {
    for status in [200, 500] {
        let server = ScriptedServer::start(vec![Reply::Drip {
            status,
            total: 10_000,
            every: Duration::from_millis(20),
        }])
        .await;
        let client = dcs(&server.url())
            .timeout(Duration::from_millis(400))
            .build()
            .expect("client builds");
        let started = Instant::now();
        let err = swap(&client).await.expect_err("cut off");
        assert_eq!(err.kind(), ErrorKind::MaybeSent, "{status}: {err:?}");
        assert!(
            started.elapsed() < Duration::from_secs(3),
            "{status}: took {:?}",
            started.elapsed()
        );
        assert_eq!(server.requests().len(), 1, "a switchover is sent once");
    }
}

// ---------------------------------------------------------------------------------------------
// No internal plumbing visible

#[tokio::test]
async fn an_error_answer_carries_its_own_facts() {
    let server = ScriptedServer::start(vec![
        Reply::text(404, "text/html", "<html>gone</html>").header("x-request-id", "r-1"),
        Reply::json(302, "").header("location", "/elsewhere"),
    ])
    .await;
    let client = dcs(&server.url()).build().expect("client builds");
    // A documented error status: the snippet and request id come with the error itself.
    let err = swap(&client).await.expect_err("404");
    let service = err.service_error().expect("service error");
    assert_eq!(service.status.as_u16(), 404);
    assert_eq!(service.body_snippet, "<html>gone</html>");
    assert_eq!(service.error_msg.as_deref(), Some("<html>gone</html>"));
    assert_eq!(service.request_id.as_deref(), Some("r-1"));
    // An undocumented status: a redirect, described and not followed.
    let err = swap(&client).await.expect_err("302");
    let service = err.service_error().expect("service error");
    assert_eq!(service.status.as_u16(), 302);
    assert!(
        service
            .error_msg
            .as_deref()
            .is_some_and(|m| m.contains("not followed")),
        "{service:?}"
    );
    assert_eq!(server.requests().len(), 2, "nothing was sent anywhere else");
}

#[tokio::test]
async fn a_documented_success_that_does_not_decode_names_its_status() {
    let bodies = [
        r#"{"job_id": 42}"#,
        r#"{"job_id": "j", "status""#,
        "",
        "<html>maintenance</html>",
    ];
    for body in bodies {
        let server = ScriptedServer::start(vec![Reply::json(200, body)]).await;
        let client = dcs(&server.url()).build().expect("client builds");
        let err = swap(&client).await.expect_err("does not decode");
        assert_eq!(err.kind(), ErrorKind::Decode, "{body:?}: {err:?}");
        assert_eq!(
            err.status().map(|s| s.as_u16()),
            Some(200),
            "{body:?}: {err:?}"
        );
        let Error::Decode { snippet, .. } = &err else {
            unreachable!()
        };
        assert_eq!(snippet, body);
    }
}

// ---------------------------------------------------------------------------------------------
// Clock skew

/// The request as a server received it, for the verifier.
fn verify_received(request: &CapturedRequest, server: &str) -> Result<(), VerifyError> {
    let url = reqwest::Url::parse(&format!("{server}{}", request.target)).expect("URL");
    Verifier::new()
        .verify(
            &ReceivedRequest::new(&request.method, &url, &request.headers, &request.body),
            &SecretString::from(SK.to_owned()),
        )
        .map(|_| ())
}

fn skew_rejection(code: &str, date: Option<SystemTime>) -> Reply {
    let body = serde_json::json!({
        "error_msg": "Incorrect app authentication information: signature expired, signature time:20230527T000431Z,server time:20230527T020608Z",
        "error_code": code,
        "request_id": "fd6530a01c09807640189e65e837b8ad",
    })
    .to_string();
    let reply = Reply::json(401, &body);
    match date {
        Some(at) => reply.header("date", &httpdate::fmt_http_date(at)),
        None => reply,
    }
}

#[tokio::test]
async fn a_clock_16_minutes_off_is_corrected_once_and_the_switchover_goes_through() {
    let sixteen = Duration::from_secs(16 * 60);
    for (code, off) in [
        ("APIG.0303", SystemTime::now() - sixteen),
        ("APIGW.0301", SystemTime::now() + sixteen),
    ] {
        let server = ScriptedServer::start(vec![
            skew_rejection(code, Some(SystemTime::now())),
            Reply::json(200, JOB),
        ])
        .await;
        let client = dcs(&server.url())
            .clock(FixedClock::new(off))
            .build()
            .expect("client builds");
        let trace = Capture::start();
        assert_eq!(swap(&client).await.expect("corrected"), "job-1", "{code}");
        let sent = server.requests();
        assert_eq!(sent.len(), 2, "{code}: rejected once, sent once more");
        assert!(
            matches!(
                verify_received(&sent[0], &server.url()),
                Err(VerifyError::ClockSkew { .. })
            ),
            "{code}: the first signature was 16 minutes off"
        );
        verify_received(&sent[1], &server.url())
            .unwrap_or_else(|e| panic!("{code}: the second signature is on time: {e}"));
        let warned = trace
            .entries()
            .into_iter()
            .find(|e| e.what.starts_with("event WARN") && e.field("offset_secs").is_some())
            .unwrap_or_else(|| panic!("{code}: the correction is logged"));
        let offset: i64 = warned.field("offset_secs").unwrap().parse().unwrap();
        assert!(
            (offset.abs() - 960).abs() <= 2,
            "{code}: measured {offset} s"
        );
        // The next call is signed on the corrected clock straight away.
        assert_eq!(swap(&client).await.expect("on time"), "job-1");
        let sent = server.requests();
        assert_eq!(sent.len(), 3, "{code}");
        verify_received(&sent[2], &server.url()).expect("still on time");
    }
}

#[tokio::test]
async fn the_server_time_in_the_message_serves_when_there_is_no_date() {
    // The documented message names the gateway's time; the client's clock is 16 minutes behind it.
    let server = ScriptedServer::start(vec![
        skew_rejection("APIG.0303", None),
        Reply::json(200, JOB),
    ])
    .await;
    let gateway = hwcloud_core::signing::parse_sdk_date("20230527T020608Z").unwrap();
    let client = dcs(&server.url())
        .clock(FixedClock::new(gateway - Duration::from_secs(16 * 60)))
        .build()
        .expect("client builds");
    assert_eq!(swap(&client).await.expect("corrected"), "job-1");
    let sent = server.requests();
    assert_eq!(sent.len(), 2);
    assert_eq!(sent[1].header("x-sdk-date"), Some("20230527T020608Z"));
}

#[tokio::test]
async fn no_correction_without_a_rejected_signature_and_a_clock_off() {
    let now = SystemTime::now();
    let far = now - Duration::from_secs(16 * 60);
    let cases: [(&str, Reply, Credentials); 5] = [
        // The clock is right: a wrong key, not a wrong time.
        (
            "on time",
            skew_rejection("APIGW.0301", Some(now)),
            Credentials::aksk(AK, SK),
        ),
        // Another error code and message.
        (
            "other code",
            Reply::json(401, r#"{"error_code":"IAM.0001","error_msg":"no"}"#)
                .header("date", &httpdate::fmt_http_date(now)),
            Credentials::aksk(AK, SK),
        ),
        // Not a 401.
        (
            "403",
            Reply::json(
                403,
                r#"{"error_code":"APIG.0303","error_msg":"signature expired"}"#,
            )
            .header("date", &httpdate::fmt_http_date(now)),
            Credentials::aksk(AK, SK),
        ),
        // A token is not signed with the clock.
        (
            "IAM token",
            skew_rejection("APIG.0303", Some(now)),
            Credentials::iam_token(IAM_TOKEN),
        ),
        // Nothing tells the gateway's time.
        (
            "no time",
            Reply::json(
                401,
                r#"{"error_code":"APIG.0303","error_msg":"signature expired"}"#,
            ),
            Credentials::aksk(AK, SK),
        ),
    ];
    for (case, reply, credentials) in cases {
        let server = ScriptedServer::start(vec![reply, Reply::json(200, JOB)]).await;
        let clock = if case == "on time" { now } else { far };
        let client = dcs(&server.url())
            .credentials(credentials)
            .clock(FixedClock::new(clock))
            .build()
            .expect("client builds");
        let err = swap(&client).await.expect_err("not corrected");
        assert_eq!(err.kind(), ErrorKind::Service, "{case}: {err:?}");
        assert_eq!(server.requests().len(), 1, "{case}: sent once");
    }
    // Corrected once per call at most: a second rejection is the answer.
    let server = ScriptedServer::start(vec![skew_rejection("APIG.0303", Some(now))]).await;
    let client = dcs(&server.url())
        .clock(FixedClock::new(far))
        .build()
        .expect("client builds");
    let err = swap(&client).await.expect_err("rejected twice");
    assert_eq!(err.status().map(|s| s.as_u16()), Some(401));
    assert_eq!(server.requests().len(), 2);
}

// ---------------------------------------------------------------------------------------------
// Proxies and TLS

fn env(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
    move |name| {
        pairs
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| (*v).to_owned())
    }
}

#[tokio::test]
async fn a_proxy_from_the_builder_or_the_environment_is_used() {
    let server = CaptureServer::start(200, JOB).await;
    let proxy = ForwardProxy::start().await;
    let proxy_url: &'static str = Box::leak(proxy.url().into_boxed_str());
    let through = format!("PUT {}{}", server.url(), swap_path());

    // Set on the builder.
    let client = dcs(&server.url())
        .proxy(proxy.url())
        .build()
        .expect("client builds");
    assert_eq!(swap(&client).await.expect("through the proxy"), "job-1");
    assert_eq!(proxy.targets(), [through]);

    // From the environment, as curl reads it.
    for vars in [
        &[("HTTP_PROXY", proxy_url)][..],
        &[("http_proxy", proxy_url)][..],
        &[("ALL_PROXY", proxy_url)][..],
    ] {
        let vars: &'static [(&str, &str)] = Box::leak(vars.to_vec().into_boxed_slice());
        let before = proxy.targets().len();
        let client = dcs(&server.url())
            .env_lookup(env(vars))
            .build()
            .expect("client builds");
        assert_eq!(swap(&client).await.expect("through the proxy"), "job-1");
        assert_eq!(proxy.targets().len(), before + 1, "{vars:?}");
    }

    // NO_PROXY, no_proxy() and a CGI environment go direct.
    let direct: [(&str, ClientBuilder<hwcloud_dcs::Client>); 3] = [
        (
            "NO_PROXY",
            dcs(&server.url()).env_lookup(env(Box::leak(Box::new([
                ("HTTP_PROXY", proxy_url),
                ("NO_PROXY", "localhost,127.0.0.1"),
            ])))),
        ),
        (
            "no_proxy()",
            dcs(&server.url())
                .env_lookup(env(Box::leak(Box::new([("HTTP_PROXY", proxy_url)]))))
                .no_proxy(),
        ),
        (
            "CGI",
            dcs(&server.url()).env_lookup(env(Box::leak(Box::new([
                ("HTTP_PROXY", proxy_url),
                ("REQUEST_METHOD", "GET"),
            ])))),
        ),
    ];
    for (case, builder) in direct {
        let before = proxy.targets().len();
        let served = server.requests().len();
        let client = builder.build().expect("client builds");
        assert_eq!(swap(&client).await.expect("direct"), "job-1", "{case}");
        assert_eq!(
            proxy.targets().len(),
            before,
            "{case}: not through the proxy"
        );
        assert_eq!(server.requests().len(), served + 1, "{case}");
    }
}

#[tokio::test]
async fn an_https_endpoint_is_tunnelled_through_the_proxy() {
    let tls = TestTls::generate();
    let server = CaptureServer::start_on(Listen::default().with_tls(&tls), 200, JOB).await;
    let proxy = ForwardProxy::start().await;
    let proxy_url: &'static str = Box::leak(proxy.url().into_boxed_str());
    let client = dcs(&server.url())
        .add_root_certificate_pem(tls.ca_pem())
        .env_lookup(env(Box::leak(Box::new([("HTTPS_PROXY", proxy_url)]))))
        .build()
        .expect("client builds");
    assert_eq!(swap(&client).await.expect("through the tunnel"), "job-1");
    let authority = server.url().split_once("://").unwrap().1.to_owned();
    assert_eq!(proxy.targets(), [format!("CONNECT {authority}")]);
    // The proxy saw only the host: the signed request went inside TLS.
    assert_eq!(server.requests()[0].target, swap_path());
}

#[test]
fn a_bad_proxy_url_is_a_build_error_without_its_password() {
    let err = dcs("https://dcs.example.com")
        .proxy("http://user:proxy-SECRET@[::not-an-address]:3128")
        .build()
        .expect_err("invalid proxy URL");
    assert!(matches!(err, BuildError::Proxy { .. }), "{err:?}");
    let shown = format!("{err} {err:?}");
    assert!(!shown.contains("proxy-SECRET"), "{shown}");
    assert!(shown.contains("[REDACTED]"), "{shown}");
}

#[tokio::test]
async fn a_private_ca_is_trusted_only_when_added_and_checks_are_off_only_by_name() {
    let tls = TestTls::generate();
    let server = CaptureServer::start_on(Listen::default().with_tls(&tls), 200, JOB).await;
    // The system's roots do not know the test CA: the handshake fails, nothing is sent.
    let client = dcs(&server.url()).build().expect("client builds");
    let err = swap(&client).await.expect_err("untrusted certificate");
    assert_eq!(err.kind(), ErrorKind::NotSent, "{err:?}");
    assert!(server.requests().is_empty());
    // Trusting the CA.
    let client = dcs(&server.url())
        .add_root_certificate_pem(tls.ca_pem())
        .build()
        .expect("client builds");
    assert_eq!(swap(&client).await.expect("trusted"), "job-1");
    // Another CA does not do.
    let client = dcs(&server.url())
        .add_root_certificate_pem(TestTls::generate().ca_pem())
        .build()
        .expect("client builds");
    assert_eq!(
        swap(&client).await.expect_err("wrong CA").kind(),
        ErrorKind::NotSent
    );
    // Only the method named for the danger turns checks off.
    let client = dcs(&server.url())
        .danger_accept_invalid_certs()
        .build()
        .expect("client builds");
    assert_eq!(swap(&client).await.expect("unchecked"), "job-1");
    // Not a certificate at all.
    let err = dcs(&server.url())
        .add_root_certificate_pem("not a certificate")
        .build()
        .expect_err("not PEM");
    assert!(matches!(err, BuildError::Certificate(_)), "{err:?}");
}

#[tokio::test]
async fn tls_1_2_and_1_3_servers_are_reached() {
    use tokio_rustls::rustls::version::{TLS12, TLS13};
    for versions in [&[&TLS12][..], &[&TLS13][..]] {
        let tls = TestTls::generate_with_versions(versions);
        let server = CaptureServer::start_on(Listen::default().with_tls(&tls), 200, JOB).await;
        let client = dcs(&server.url())
            .add_root_certificate_pem(tls.ca_pem())
            .build()
            .expect("client builds");
        assert_eq!(swap(&client).await.expect("handshake"), "job-1");
    }
}
