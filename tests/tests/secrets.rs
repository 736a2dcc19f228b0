//! Secrets (the SK, a security token, an IAM token) never show: not in `Debug`/`Display` of
//! credentials, of a built client, of any error, nor in anything traced during a whole call, while
//! what a reader of the traces needs (service, operation, attempt, status, request id) is recorded.

use std::time::Duration;

use hwcloud_core::{Algorithm, Credentials, Error, ErrorKind, RetryPolicy};
use hwcloud_tests::{RefusingPort, Reply, ScriptedServer};
use serde_json::json;

const AK: &str = "AKSECRETSTEST0000001";
const SK: &str = "SK-must-never-show-5f1c0a9b7e3d";
const SECURITY_TOKEN: &str = "TOKEN-must-never-show-gQpjbi1ub3J0aC00";
const IAM_TOKEN: &str = "IAM-must-never-show-MIIZewYJKoZIhvcN";
const PROJECT_ID: &str = "0123456789abcdef0123456789abcdef";
const JOB_ID: &str = "ff8080818822bbf70188235afc24141a";

const SECRETS: [&str; 3] = [SK, SECURITY_TOKEN, IAM_TOKEN];

fn assert_no_secret(what: &str, text: &str) {
    for secret in SECRETS {
        assert!(!text.contains(secret), "{what} shows a secret: {text}");
    }
}

fn every_credential_kind() -> [Credentials; 3] {
    [
        Credentials::aksk(AK, SK),
        Credentials::temporary(AK, SK, SECURITY_TOKEN),
        Credentials::iam_token(IAM_TOKEN),
    ]
}

fn policy(max_attempts: u32) -> RetryPolicy {
    RetryPolicy {
        max_attempts,
        initial_backoff: Duration::from_millis(1),
        max_backoff: Duration::from_millis(5),
        max_retry_after: Duration::from_secs(1),
    }
}

fn dcs(url: &str, credentials: Credentials, max_attempts: u32) -> hwcloud_dcs::Client {
    hwcloud_dcs::Client::builder()
        .endpoint(url)
        .credentials(credentials)
        .project_id(PROJECT_ID)
        .retry(policy(max_attempts))
        .build()
        .expect("client builds")
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
        let client = hwcloud_dcs::Client::builder()
            .endpoint(port.url())
            .credentials(credentials)
            .project_id(PROJECT_ID)
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
        let err = Error::from(err);
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
        let refused = dcs(&port.url(), credentials.clone(), 2)
            .show_job_info()
            .job_id(JOB_ID)
            .send()
            .await
            .map(|r| r.into_inner())
            .map_err(Error::from)
            .expect_err("refused");
        assert_eq!(refused.kind(), ErrorKind::NotSent);
        shown.push(format!("{refused}"));
        shown.push(format!("{refused:?}"));

        let server = ScriptedServer::start(vec![Reply::json(
            403,
            &json!({"error_code": "APIGW.0306", "error_msg": "denied"}).to_string(),
        )])
        .await;
        let denied = dcs(&server.url(), credentials, 1)
            .show_job_info()
            .job_id(JOB_ID)
            .send()
            .await
            .map(|r| r.into_inner())
            .map_err(Error::from)
            .expect_err("denied");
        assert_eq!(denied.status().map(|s| s.as_u16()), Some(403));
        shown.push(format!("{denied}"));
        shown.push(format!("{denied:?}"));
    }

    for text in &shown {
        assert_no_secret("an error", text);
    }
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
    let job = dcs(
        &server.url(),
        Credentials::temporary(AK, SK, SECURITY_TOKEN),
        3,
    )
    .show_job_info()
    .job_id(JOB_ID)
    .send()
    .await
    .map_err(Error::from)
    .expect("the second attempt succeeds");
    assert_eq!(job.job_id, JOB_ID);
    // An IAM token, against a port that refuses: the transport errors are traced too.
    let err = dcs(&refused.url(), Credentials::iam_token(IAM_TOKEN), 2)
        .change_master_standby_async()
        .instance_id("5560df16-cebf-4473-95c4-d1b573c16e79")
        .send()
        .await
        .map(|r| r.into_inner())
        .map_err(Error::from)
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
    // ...and nothing traced shows them.
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

/// Captures what the code under test traces, with a hand-written `tracing` subscriber.
///
/// The subscriber is installed once as the global default and routes what each thread traces to
/// the [`Capture`] running on that thread (`#[tokio::test]` runs a test and everything it spawns on
/// one thread). A global subscriber, rather than a scoped one per test, because `tracing` caches
/// whether a call site is enabled process-wide: a scoped subscriber misses call sites that another
/// test's thread registered first.
mod trace {
    use std::cell::RefCell;
    use std::collections::HashMap;
    use std::fmt;
    use std::sync::atomic::{AtomicU64, Ordering};
    use std::sync::{Arc, Mutex, Once};

    use tracing::field::{Field, Visit};
    use tracing::span::{Attributes, Id, Record};
    use tracing::subscriber::Interest;
    use tracing::{Event, Metadata, Subscriber};
    use tracing_core::span::Current;

    /// One thing the subscriber was given.
    #[derive(Clone, Debug)]
    pub struct Entry {
        /// `span NAME` (a new span and its fields), `record NAME` (fields recorded on a span
        /// later) or `event LEVEL TARGET`.
        pub what: String,
        /// The fields, as text (`Debug`, or the string itself for strings).
        pub fields: Vec<(String, String)>,
    }

    impl Entry {
        /// The value of one field.
        pub fn field(&self, name: &str) -> Option<&str> {
            self.fields
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.as_str())
        }
    }

    type Sink = Arc<Mutex<Vec<Entry>>>;

    thread_local! {
        static SINK: RefCell<Option<Sink>> = const { RefCell::new(None) };
        static ENTERED: RefCell<Vec<u64>> = const { RefCell::new(Vec::new()) };
    }

    static SPANS: Mutex<Option<HashMap<u64, &'static Metadata<'static>>>> = Mutex::new(None);
    static NEXT_ID: AtomicU64 = AtomicU64::new(1);

    /// Everything this thread traces while the value lives.
    pub struct Capture {
        entries: Sink,
    }

    impl Capture {
        /// Starts capturing on this thread.
        pub fn start() -> Self {
            static INSTALL: Once = Once::new();
            INSTALL.call_once(|| {
                tracing::subscriber::set_global_default(Global)
                    .expect("no other global subscriber in this test binary");
            });
            // Call sites registered before the subscriber was installed may have been cached as
            // disabled.
            tracing_core::callsite::rebuild_interest_cache();
            let entries = Sink::default();
            SINK.with(|sink| *sink.borrow_mut() = Some(Arc::clone(&entries)));
            Self { entries }
        }

        /// What was captured so far.
        pub fn entries(&self) -> Vec<Entry> {
            self.entries.lock().expect("entries").clone()
        }
    }

    impl Drop for Capture {
        fn drop(&mut self) {
            SINK.with(|sink| sink.borrow_mut().take());
        }
    }

    fn push(what: impl FnOnce() -> String, fields: Vec<(String, String)>) {
        SINK.with(|sink| {
            if let Some(sink) = sink.borrow().as_ref() {
                let what = what();
                sink.lock().expect("entries").push(Entry { what, fields });
            }
        });
    }

    fn metadata(id: u64) -> Option<&'static Metadata<'static>> {
        SPANS
            .lock()
            .expect("spans")
            .as_ref()
            .and_then(|m| m.get(&id).copied())
    }

    struct Fields(Vec<(String, String)>);

    impl Visit for Fields {
        fn record_str(&mut self, field: &Field, value: &str) {
            self.0.push((field.name().to_owned(), value.to_owned()));
        }

        fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
            self.0.push((field.name().to_owned(), format!("{value:?}")));
        }
    }

    struct Global;

    impl Subscriber for Global {
        fn register_callsite(&self, _: &'static Metadata<'static>) -> Interest {
            Interest::always()
        }

        fn enabled(&self, _: &Metadata<'_>) -> bool {
            true
        }

        fn new_span(&self, span: &Attributes<'_>) -> Id {
            let id = NEXT_ID.fetch_add(1, Ordering::SeqCst);
            let meta = span.metadata();
            SPANS
                .lock()
                .expect("spans")
                .get_or_insert_with(HashMap::new)
                .insert(id, meta);
            let mut fields = Fields(Vec::new());
            span.record(&mut fields);
            push(|| format!("span {}", meta.name()), fields.0);
            Id::from_u64(id)
        }

        fn record(&self, span: &Id, values: &Record<'_>) {
            let mut fields = Fields(Vec::new());
            values.record(&mut fields);
            let name = metadata(span.into_u64()).map_or("?", |m| m.name());
            push(|| format!("record {name}"), fields.0);
        }

        fn record_follows_from(&self, _: &Id, _: &Id) {}

        fn event(&self, event: &Event<'_>) {
            let mut fields = Fields(Vec::new());
            event.record(&mut fields);
            let meta = event.metadata();
            push(
                || format!("event {} {}", meta.level(), meta.target()),
                fields.0,
            );
        }

        fn enter(&self, span: &Id) {
            ENTERED.with(|entered| entered.borrow_mut().push(span.into_u64()));
        }

        fn exit(&self, span: &Id) {
            ENTERED.with(|entered| {
                let mut entered = entered.borrow_mut();
                if let Some(at) = entered.iter().rposition(|id| *id == span.into_u64()) {
                    entered.remove(at);
                }
            });
        }

        /// What `Span::current()` returns: the core records the attempt and status on it.
        fn current_span(&self) -> Current {
            let current = ENTERED.with(|entered| entered.borrow().last().copied());
            match current.and_then(|id| metadata(id).map(|meta| (id, meta))) {
                Some((id, meta)) => Current::new(Id::from_u64(id), meta),
                None => Current::none(),
            }
        }
    }
}
