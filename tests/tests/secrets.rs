//! Secrets (the SK, a security token, an IAM token) never show: not in `Debug`/`Display` of
//! credentials, of a built client, of any error, nor in anything traced during a whole call, while
//! what a reader of the traces needs (service, operation, attempt, status, request id) is recorded.

use hwcloud_core::{Algorithm, ClientBuilder, Credentials, Error, ErrorKind};
use hwcloud_tests::{RefusingPort, Reply, ScriptedServer, clients, trace};
use serde_json::json;

const AK: &str = "AKSECRETSTEST0000001";
const SK: &str = "SK-must-never-show-5f1c0a9b7e3d";
const SECURITY_TOKEN: &str = "TOKEN-must-never-show-gQpjbi1ub3J0aC00";
const IAM_TOKEN: &str = "IAM-must-never-show-MIIZewYJKoZIhvcN";
const PROJECT_ID: &str = "0123456789abcdef0123456789abcdef";
const JOB_ID: &str = "ff8080818822bbf70188235afc24141a";

const SECRETS: [&str; 3] = [SK, SECURITY_TOKEN, IAM_TOKEN];

/// Standard base64, with and without padding, and its URL-safe alphabet.
fn base64_forms(bytes: &[u8]) -> Vec<String> {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n =
            chunk.iter().fold(0u32, |acc, b| acc << 8 | u32::from(*b)) << (8 * (3 - chunk.len()));
        for i in 0..=chunk.len() {
            out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    let unpadded = out.clone();
    let padded = format!("{out}{}", "=".repeat((3 - bytes.len() % 3) % 3));
    let url_safe = unpadded.replace('+', "-").replace('/', "_");
    vec![padded, unpadded, url_safe]
}

/// Every form a secret could leak in: as is, hex (either case), base64, percent-encoded, and as
/// the byte list `Debug` prints for `&[u8]` or `Vec<u8>`.
fn leak_forms(secret: &str) -> Vec<String> {
    let bytes = secret.as_bytes();
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    let mut forms = vec![secret.to_owned(), hex.clone(), hex.to_uppercase()];
    forms.extend(base64_forms(bytes));
    forms.push(format!("{bytes:?}"));
    forms.push(
        bytes
            .iter()
            .map(|b| format!("{b:#04x}"))
            .collect::<Vec<_>>()
            .join(", "),
    );
    forms.push(
        secret
            .bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' => (b as char).to_string(),
                _ => format!("%{b:02X}"),
            })
            .collect(),
    );
    forms
}

fn assert_no_secret(what: &str, text: &str) {
    for secret in SECRETS {
        for form in leak_forms(secret) {
            assert!(
                !text.contains(&form),
                "{what} shows a secret ({form}): {text}"
            );
        }
    }
}

#[test]
fn the_leak_forms_are_the_real_encodings() {
    // Known answers, so that the checker cannot silently look for the wrong strings.
    assert_eq!(base64_forms(b"Man")[0], "TWFu");
    assert_eq!(base64_forms(b"Ma")[0], "TWE=");
    assert_eq!(base64_forms(b"M")[1], "TQ");
    assert_eq!(base64_forms(&[0xfb, 0xff])[2], "-_8");
    let forms = leak_forms("S/K");
    assert!(forms.contains(&"532f4b".to_owned()), "{forms:?}");
    assert!(forms.contains(&"[83, 47, 75]".to_owned()), "{forms:?}");
    assert!(forms.contains(&"S%2FK".to_owned()), "{forms:?}");
}

fn every_credential_kind() -> [Credentials; 3] {
    [
        Credentials::aksk(AK, SK),
        Credentials::temporary(AK, SK, SECURITY_TOKEN),
        Credentials::iam_token(IAM_TOKEN),
    ]
}

fn dcs(url: &str, credentials: Credentials, max_attempts: u32) -> hwcloud_dcs::Client {
    dcs_builder(url, credentials, max_attempts)
        .build()
        .expect("client builds")
}

fn dcs_builder(
    url: &str,
    credentials: Credentials,
    max_attempts: u32,
) -> ClientBuilder<hwcloud_dcs::Client> {
    let retry = clients::fast_retries(max_attempts);
    clients::loopback(hwcloud_dcs::Client::builder(), url, PROJECT_ID, retry)
        .credentials(credentials)
}

/// `ShowJobInfo` of [`JOB_ID`], its error the core's.
async fn show_job(
    client: &hwcloud_dcs::Client,
) -> Result<hwcloud_dcs::types::ShowJobInfoResponse, Error> {
    let answer = client.show_job_info().job_id(JOB_ID).send().await?;
    Ok(answer.into_inner())
}

#[test]
fn credentials_never_print_secrets() {
    for credentials in every_credential_kind() {
        for text in [
            format!("{credentials:?}"),
            format!("{credentials:#?}"),
            format!("{credentials}"),
            format!("{:?}", credentials.as_aksk()),
            format!("{:?}", credentials.clone()),
        ] {
            assert_no_secret("credentials", &text);
            if credentials.as_aksk().is_some() {
                assert!(text.contains(AK), "the access key id is shown: {text}");
            }
        }
    }
}

#[test]
fn built_clients_never_print_secrets() {
    for credentials in every_credential_kind() {
        let dcs = hwcloud_dcs::Client::builder()
            .endpoint("https://dcs.cn-north-4.myhuaweicloud.com")
            .credentials(credentials.clone())
            .project_id(PROJECT_ID)
            .build()
            .expect("client builds");
        let drs = hwcloud_drs::Client::builder()
            .endpoint("https://drs.cn-north-4.myhuaweicloud.com")
            .credentials(credentials.clone())
            .project_id(PROJECT_ID)
            .algorithm(Algorithm::derived("cn-north-4", "drs"))
            .build()
            .expect("client builds");
        let css = hwcloud_css::Client::builder()
            .endpoint("https://css.cn-north-4.myhuaweicloud.com")
            .credentials(credentials.clone())
            .project_id(PROJECT_ID)
            .algorithm(Algorithm::SdkHmacSm3)
            .build()
            .expect("client builds");
        for text in [
            format!("{dcs:?}"),
            format!("{dcs:#?}"),
            format!("{drs:?}"),
            format!("{css:#?}"),
            format!("{:?}", dcs.show_job_info().job_id(JOB_ID)),
        ] {
            assert_no_secret("a client", &text);
            // Not vacuous: the client's Debug does print its context.
            assert!(text.contains(PROJECT_ID), "{text}");
            if credentials.as_aksk().is_some() {
                assert!(text.contains(AK), "{text}");
            }
        }
    }
}

#[tokio::test]
async fn errors_never_print_secrets() {
    // Everything traced or logged while the errors happen is checked too.
    let capture = trace::Capture::start();
    let mut shown = Vec::new();
    let port = RefusingPort::bind();

    // Signing errors: an empty AK, a V11 scope that cannot be used, a token that cannot be sent.
    let cases = [
        (Credentials::aksk("", SK), Algorithm::SdkHmacSha256),
        (Credentials::aksk(AK, SK), Algorithm::derived("", "dcs")),
        (
            Credentials::temporary(AK, SK, format!("{SECURITY_TOKEN}\r\nX-Injected: 1")),
            Algorithm::SdkHmacSha256,
        ),
    ];
    for (credentials, algorithm) in cases {
        // Signing fails before anything is sent: one attempt or more makes no difference.
        let client = dcs_builder(&port.url(), credentials, 1)
            .algorithm(algorithm)
            .build()
            .expect("client builds");
        let err = client
            .show_job_info()
            .job_id(JOB_ID)
            .send()
            .await
            .map(|r| r.into_inner())
            .expect_err("cannot sign");
        shown.push(format!("{err:?}"));
        let err = err;
        assert_eq!(err.kind(), ErrorKind::InvalidRequest, "{err:?}");
        assert!(err.to_string().contains("cannot sign"), "{err}");
        shown.push(format!("{err}"));
        shown.push(format!("{err:?}"));
    }

    // Build errors, including credentials put into the endpoint URL.
    for url in [
        "http://10.1.2.3".to_owned(),
        format!("https://{AK}:{SK}@dcs.cn-north-4.myhuaweicloud.com"),
        format!("https://{AK}:{SECURITY_TOKEN}@dcs.cn-north-4.myhuaweicloud.com/"),
    ] {
        let err = hwcloud_dcs::Client::builder()
            .endpoint(url)
            .credentials(Credentials::temporary(AK, SK, SECURITY_TOKEN))
            .project_id(PROJECT_ID)
            .build()
            .expect_err("rejected endpoint");
        shown.push(format!("{err}"));
        shown.push(format!("{err:?}"));
    }

    // Transport and service errors of authenticated calls.
    for credentials in every_credential_kind() {
        let refused = show_job(&dcs(&port.url(), credentials.clone(), 2))
            .await
            .expect_err("refused");
        assert_eq!(refused.kind(), ErrorKind::NotSent);
        shown.push(format!("{refused}"));
        shown.push(format!("{refused:?}"));

        let server = ScriptedServer::start(vec![Reply::json(
            403,
            &json!({"error_code": "APIGW.0306", "error_msg": "denied"}).to_string(),
        )])
        .await;
        let denied = show_job(&dcs(&server.url(), credentials, 1))
            .await
            .expect_err("denied");
        assert_eq!(denied.status().map(|s| s.as_u16()), Some(403));
        shown.push(format!("{denied}"));
        shown.push(format!("{denied:?}"));
    }

    for text in &shown {
        assert_no_secret("an error", text);
    }
    let entries = capture.entries();
    drop(capture);
    assert!(
        entries.iter().any(|e| e.what == "span hwcloud.call"),
        "the calls were traced"
    );
    assert_no_secret("the traces and logs", &format!("{entries:#?}"));
}

#[tokio::test]
async fn a_whole_call_traces_no_secret_but_what_happened() {
    let server = ScriptedServer::start(vec![
        Reply::json(503, r#"{"error_code":"DCS.5000","error_msg":"busy"}"#)
            .header("X-Request-Id", "req-first-503"),
        Reply::json(
            200,
            &json!({"job_id": JOB_ID, "status": "SUCCESS"}).to_string(),
        )
        .header("X-Request-Id", "req-second-200"),
    ])
    .await;
    let refused = RefusingPort::bind();

    let capture = trace::Capture::start();
    // Temporary credentials: signed, with the security token; retried once after the 503.
    let temporary = Credentials::temporary(AK, SK, SECURITY_TOKEN);
    let job = show_job(&dcs(&server.url(), temporary, 3))
        .await
        .expect("the second attempt succeeds");
    assert_eq!(job.job_id, JOB_ID);
    // An IAM token, against a port that refuses: the transport errors are traced too.
    let err = dcs(&refused.url(), Credentials::iam_token(IAM_TOKEN), 2)
        .change_master_standby_async()
        .instance_id("5560df16-cebf-4473-95c4-d1b573c16e79")
        .send()
        .await
        .map(|r| r.into_inner())
        .expect_err("refused");
    assert_eq!(err.kind(), ErrorKind::NotSent);
    let entries = capture.entries();
    drop(capture);

    // The secrets were used...
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    assert!(
        requests
            .iter()
            .all(|r| r.header("x-security-token") == Some(SECURITY_TOKEN))
    );
    // ...and nothing traced or logged shows them (the HTTP stack logs through `log`).
    assert!(
        entries.iter().any(|e| e.what.starts_with("log ")),
        "log records are captured too"
    );
    let dump = format!("{entries:#?}");
    assert_no_secret("the traces", &dump);

    // What happened is recorded.
    let calls: Vec<_> = entries
        .iter()
        .filter(|e| e.what == "span hwcloud.call")
        .collect();
    assert_eq!(calls.len(), 2, "{dump}");
    assert_eq!(calls[0].field("service"), Some("dcs"), "{dump}");
    assert_eq!(calls[0].field("operation"), Some("ShowJobInfo"), "{dump}");
    assert_eq!(calls[1].field("service"), Some("dcs"), "{dump}");
    assert_eq!(
        calls[1].field("operation"),
        Some("ChangeMasterStandbyAsync"),
        "{dump}"
    );
    let recorded = |name: &str| -> Vec<String> {
        entries
            .iter()
            .filter(|e| e.what == "record hwcloud.call")
            .filter_map(|e| e.field(name).map(str::to_owned))
            .collect()
    };
    assert_eq!(recorded("attempt"), ["1", "2", "1", "2"], "{dump}");
    assert_eq!(recorded("status"), ["503", "200"], "{dump}");
    assert_eq!(
        recorded("request_id"),
        ["req-first-503", "req-second-200"],
        "{dump}"
    );
    let retries: Vec<_> = entries
        .iter()
        .filter(|e| e.field("message") == Some("retrying"))
        .collect();
    assert_eq!(retries.len(), 2, "{dump}");
    assert_eq!(retries[0].field("status"), Some("503"), "{dump}");
    assert!(retries[1].field("error").is_some(), "{dump}");
}
