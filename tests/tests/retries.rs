//! Retries end to end, counting what reaches the server: a request that may have reached the service
//! is repeated only when its operation is idempotent (`x-idempotent` in the spec), so a switchover
//! answered 429/5xx is sent exactly once; a request that never left (connection refused) is always
//! repeated; `Retry-After` is honoured up to the policy's limit; a 4xx other than 429 never is.

use std::time::{Duration, Instant};

use httpmock::{Mock, MockServer};
use hwcloud_core::{ClientBuilder, Credentials, Error, ErrorKind};
use hwcloud_dcs::mock::MockServerExt as _;
use hwcloud_dcs::types::ShowJobInfoResponse;
use hwcloud_tests::clients::{self, outcome};
use hwcloud_tests::{RefusingPort, Reply, ScriptedServer, trace};
use serde_json::json;

const AK: &str = "AKRETRIESTEST0000001";
const SK: &str = "retries-test-secret-key-0123456789abcdef";
const PROJECT_ID: &str = "0123456789abcdef0123456789abcdef";
const INSTANCE_ID: &str = "5560df16-cebf-4473-95c4-d1b573c16e79";
const JOB_ID: &str = "ff8080818822bbf70188235afc24141a";
const CLUSTER_ID: &str = "4f3deec3-efa8-4598-bf91-560aad1377a3";

/// Statuses worth another attempt, for an operation that allows one.
const RETRYABLE: [u16; 4] = [429, 500, 502, 503];

/// A client of `builder`'s service against the loopback server at `url`, signing with the test
/// keys, making at most `max_attempts` attempts.
fn client<C>(builder: ClientBuilder<C>, url: &str, max_attempts: u32) -> C {
    clients::loopback(
        builder,
        url,
        PROJECT_ID,
        clients::fast_retries(max_attempts),
    )
    .credentials(Credentials::aksk(AK, SK))
    .build()
    .expect("client builds")
}

fn dcs(url: &str, max_attempts: u32) -> hwcloud_dcs::Client {
    client(hwcloud_dcs::Client::builder(), url, max_attempts)
}

/// `ShowJobInfo` of [`JOB_ID`] sent to `url`, in at most `max_attempts` attempts.
async fn show_job(url: &str, max_attempts: u32) -> Result<ShowJobInfoResponse, Error> {
    let answer = dcs(url, max_attempts)
        .show_job_info()
        .job_id(JOB_ID)
        .send()
        .await?;
    Ok(answer.into_inner())
}

/// A `ShowJobInfo` answer: job [`JOB_ID`] in `status`.
fn job(status: &str) -> Reply {
    Reply::json(
        200,
        &json!({"job_id": JOB_ID, "status": status}).to_string(),
    )
}

fn error_body(status: u16) -> serde_json::Value {
    json!({"error_code": format!("TEST.{status}"), "error_msg": format!("answered {status}")})
}

/// Answers with `status` and an error body.
fn error_answer(then: httpmock::Then, status: u16) {
    then.status(status).json_body(error_body(status));
}

/// Mocks one operation with `mock` on a fresh server and makes `call` against it: the error it
/// ends with, and how many requests the mock got.
async fn answered(
    mock: impl FnOnce(&MockServer) -> Mock<'_>,
    call: impl AsyncFnOnce(&str) -> Result<(), Error>,
) -> (Error, usize) {
    let server = MockServer::start_async().await;
    let mock = mock(&server);
    let err = call(&server.base_url()).await.expect_err("an error answer");
    (err, mock.calls())
}

fn assert_service(err: &Error, status: u16) {
    assert_eq!(err.kind(), ErrorKind::Service, "{err:?}");
    assert_eq!(err.status().map(|s| s.as_u16()), Some(status), "{err:?}");
    let expected = format!("TEST.{status}");
    assert_eq!(
        err.service_error().and_then(|e| e.error_code.as_deref()),
        Some(expected.as_str())
    );
}

fn vip_body() -> hwcloud_drs::types::SwitchVipRequestBody {
    hwcloud_drs::types::SwitchVipRequestBody {
        mode: hwcloud_drs::types::SwitchoverMode::Source,
    }
}

// ---------------------------------------------------------------------------------------------
// Switchovers: sent once as soon as they may have reached the service.

/// The switchovers, in the order [`every_switchover`] sends them.
const SWITCHOVERS: [&str; 4] = [
    "ChangeMasterStandbyAsync",
    "ExecuteClusterSwitchover",
    "ChangeMasterStandby",
    "SwitchVip",
];

/// Sends every switchover once to `url`; their outcomes in the order of [`SWITCHOVERS`].
async fn every_switchover(url: &str) -> [Result<(), Error>; 4] {
    let dcs = dcs(url, 3);
    let drs = client(hwcloud_drs::Client::builder(), url, 3);
    let shard = dcs.execute_cluster_switchover().instance_id(INSTANCE_ID);
    [
        outcome(
            dcs.change_master_standby_async()
                .instance_id(INSTANCE_ID)
                .send()
                .await,
        ),
        outcome(shard.group_id("group-1").node_id("node-2").send().await),
        outcome(
            dcs.change_master_standby()
                .instance_id(INSTANCE_ID)
                .send()
                .await,
        ),
        outcome(
            drs.switch_vip()
                .job_id(JOB_ID)
                .body(vip_body())
                .send()
                .await,
        ),
    ]
}

#[tokio::test]
async fn every_switchover_answered_429_or_5xx_is_sent_once() {
    use hwcloud_drs::mock::MockServerExt as _;
    for status in RETRYABLE {
        // Each operation's own mock (its method and route), all answering `status`.
        let server = MockServer::start_async().await;
        let mocks = [
            server.change_master_standby_async(|_, then| error_answer(then.into_inner(), status)),
            server.execute_cluster_switchover(|_, then| error_answer(then.into_inner(), status)),
            server.change_master_standby(|_, then| error_answer(then.into_inner(), status)),
            server.switch_vip(|_, then| error_answer(then.into_inner(), status)),
        ];
        let outcomes = every_switchover(&server.base_url()).await;
        for ((op, outcome), mock) in SWITCHOVERS.iter().zip(outcomes).zip(&mocks) {
            assert_service(&outcome.expect_err(op), status);
            assert_eq!(mock.calls(), 1, "{op} answered {status} is sent once");
        }
    }
}

#[tokio::test]
async fn a_switchover_whose_connection_was_cut_is_not_repeated() {
    let server =
        ScriptedServer::start(vec![Reply::Close, Reply::json(200, r#"{"job_id":"j"}"#)]).await;
    let err = dcs(&server.url(), 3)
        .change_master_standby_async()
        .instance_id(INSTANCE_ID)
        .send()
        .await
        .expect_err("the connection was cut");
    assert_eq!(err.kind(), ErrorKind::MaybeSent, "{err:?}");
    assert_eq!(server.requests().len(), 1);
}

// ---------------------------------------------------------------------------------------------
// Idempotent reads: repeated up to max_attempts.

#[tokio::test]
async fn show_job_info_answered_503_is_attempted_max_attempts_times() {
    for attempts in [1, 2, 4] {
        let (err, calls) = answered(
            |server| server.show_job_info(|_, then| error_answer(then.into_inner(), 503)),
            async |url| show_job(url, attempts).await.map(drop),
        )
        .await;
        assert_service(&err, 503);
        assert_eq!(calls, attempts as usize);
    }
}

#[tokio::test]
async fn upgrade_detail_answered_503_is_attempted_max_attempts_times() {
    use hwcloud_css::mock::MockServerExt as _;
    let (err, calls) = answered(
        |server| server.upgrade_detail(|_, then| error_answer(then.into_inner(), 503)),
        async |url| {
            let css = client(hwcloud_css::Client::builder(), url, 3);
            outcome(css.upgrade_detail().cluster_id(CLUSTER_ID).send().await)
        },
    )
    .await;
    assert_service(&err, 503);
    assert_eq!(calls, 3);
}

#[tokio::test]
async fn a_read_answered_503_then_200_succeeds() {
    let server = MockServer::start_async().await;
    // httpmock answers with the first matching mock that is not exhausted, oldest first.
    let unavailable =
        server.show_job_info(|_, then| error_answer(then.into_inner().up_to_n_times(1), 503));
    let ok = server.show_job_info(|_, then| {
        then.into_inner()
            .status(200)
            .json_body(json!({"job_id": JOB_ID, "status": "SUCCESS"}));
    });
    let job = show_job(&server.base_url(), 3)
        .await
        .expect("the second attempt succeeds");
    assert_eq!(job.job_id, JOB_ID);
    unavailable.assert_calls(1);
    ok.assert_calls(1);

    use hwcloud_css::mock::MockServerExt as _;
    let server = MockServer::start_async().await;
    let unavailable =
        server.upgrade_detail(|_, then| error_answer(then.into_inner().up_to_n_times(1), 503));
    let ok = server.upgrade_detail(|_, then| {
        then.into_inner()
            .status(200)
            .json_body(json!({"totalSize": 0}));
    });
    let detail = client(hwcloud_css::Client::builder(), &server.base_url(), 3)
        .upgrade_detail()
        .cluster_id(CLUSTER_ID)
        .send()
        .await
        .expect("the second attempt succeeds");
    assert_eq!(detail.total_size, Some(0));
    unavailable.assert_calls(1);
    ok.assert_calls(1);
}

#[tokio::test]
async fn a_read_is_retried_through_a_mix_of_failures() {
    let server = ScriptedServer::start(vec![
        Reply::json(500, &error_body(500).to_string()),
        Reply::Close,
        Reply::json(429, &error_body(429).to_string()),
        job("RUNNING"),
    ])
    .await;
    let job = show_job(&server.url(), 4)
        .await
        .expect("the fourth attempt succeeds");
    assert_eq!(job.job_id, JOB_ID);
    let requests = server.requests();
    assert_eq!(requests.len(), 4);
    assert!(
        requests
            .iter()
            .all(|r| r.target == format!("/v2/{PROJECT_ID}/jobs/{JOB_ID}")),
        "every attempt is the same request: {requests:?}"
    );
    // Every attempt goes out signed, not only the first.
    assert!(requests.iter().all(|r| r.header("authorization").is_some()));
}

#[tokio::test]
async fn a_4xx_other_than_429_is_never_retried_even_for_a_read() {
    for status in [400, 401, 403, 404, 409] {
        let (err, calls) = answered(
            |server| server.show_job_info(|_, then| error_answer(then.into_inner(), status)),
            async |url| show_job(url, 3).await.map(drop),
        )
        .await;
        assert_service(&err, status);
        assert_eq!(calls, 1, "status {status}");
    }
}

// ---------------------------------------------------------------------------------------------
// Retry-After.

#[tokio::test]
async fn retry_after_on_a_429_to_a_read_is_honoured() {
    let server = ScriptedServer::start(vec![
        Reply::json(429, &error_body(429).to_string()).header("Retry-After", "1"),
        job("SUCCESS"),
    ])
    .await;
    // The policy's own backoff is at most 5 ms: only Retry-After can make the client wait 1 s.
    let job = show_job(&server.url(), 3)
        .await
        .expect("the second attempt succeeds");
    assert_eq!(job.job_id, JOB_ID);
    let arrivals = server.arrivals();
    assert_eq!(arrivals.len(), 2);
    let waited = arrivals[1] - arrivals[0];
    assert!(
        waited >= Duration::from_secs(1),
        "the second attempt came {waited:?} after the first"
    );
}

#[tokio::test]
async fn a_retry_after_longer_than_max_retry_after_stops_retrying() {
    let started = Instant::now();
    let (err, calls) = answered(
        |server| {
            server.show_job_info(|_, then| {
                error_answer(then.into_inner().header("Retry-After", "120"), 429)
            })
        },
        async |url| show_job(url, 3).await.map(drop),
    )
    .await;
    assert_service(&err, 429);
    assert_eq!(calls, 1);
    // It gave up instead of waiting the two minutes.
    assert!(started.elapsed() < Duration::from_secs(60));
}

// ---------------------------------------------------------------------------------------------
// Connection refused: nothing left, so every operation may be repeated. The attempts are counted
// through the core's `retrying` warnings, captured by a tracing subscriber.

#[tokio::test]
async fn connection_refused_is_retried_even_for_a_switchover() {
    let port = RefusingPort::bind();
    for attempts in [1, 3] {
        let capture = trace::Capture::start();
        let err = dcs(&port.url(), attempts)
            .change_master_standby_async()
            .instance_id(INSTANCE_ID)
            .send()
            .await
            .expect_err("nothing listens");
        let entries = capture.entries();
        drop(capture);
        assert_eq!(err.kind(), ErrorKind::NotSent, "{err:?}");
        assert!(err.was_not_sent());
        let retries = entries
            .iter()
            .filter(|e| {
                e.what.starts_with("event WARN hwcloud_core")
                    && e.field("message") == Some("retrying")
            })
            .count();
        assert_eq!(retries, attempts as usize - 1, "{entries:#?}");
        // The span counted the attempts too.
        let last_attempt = entries
            .iter()
            .filter(|e| e.what.ends_with("hwcloud.call"))
            .rev()
            .find_map(|e| e.field("attempt").map(str::to_owned));
        assert_eq!(last_attempt, Some(attempts.to_string()), "{entries:#?}");
    }
}

/// A clock that moves one second on every reading.
#[derive(Debug)]
struct Ticking(std::sync::atomic::AtomicU64);

impl hwcloud_core::signing::Clock for Ticking {
    fn now(&self) -> std::time::SystemTime {
        let tick = self.0.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        std::time::UNIX_EPOCH + Duration::from_secs(1_700_000_000 + tick)
    }
}

#[tokio::test]
async fn every_attempt_is_signed_afresh() {
    let server = ScriptedServer::start(vec![
        Reply::json(503, &error_body(503).to_string()),
        job("SUCCESS"),
    ])
    .await;
    let client = clients::loopback(
        hwcloud_dcs::Client::builder(),
        &server.url(),
        PROJECT_ID,
        clients::fast_retries(3),
    )
    .credentials(Credentials::aksk(AK, SK))
    .clock(Ticking(0.into()))
    .build()
    .expect("client builds");
    let job = client
        .show_job_info()
        .job_id(JOB_ID)
        .send()
        .await
        .expect("the second attempt succeeds");
    assert_eq!(job.job_id, JOB_ID);

    let sent = server.requests();
    assert_eq!(sent.len(), 2, "two attempts");
    let dates: Vec<&str> = sent
        .iter()
        .map(|r| r.header("x-sdk-date").expect("X-Sdk-Date"))
        .collect();
    assert_ne!(dates[0], dates[1], "the retry has a date of its own");
    for (attempt, request) in sent.iter().enumerate() {
        for name in ["authorization", "x-sdk-date", "x-project-id", "host"] {
            let count = request.headers.iter().filter(|(n, _)| n == name).count();
            assert_eq!(count, 1, "attempt {}: one {name}", attempt + 1);
        }
        let verified = request.verify_signature(SK);
        assert!(
            verified.is_ok(),
            "attempt {}: the signature verifies: {verified:?}",
            attempt + 1
        );
    }
}
