//! What the two call benches share: the answer, the generated client, and the hand-written
//! `reqwest` baseline sending the same request with headers signed once up front.

use hwcloud_core::signing::FixedClock;
use hwcloud_core::{AkSk, ClientBuilder, Credentials, RetryPolicy, Signer};
use hwcloud_dcs::types::ShowJobInfoResponse;

pub(crate) const AK: &str = "AKEXAMPLE0123456789A";
pub(crate) const SK: &str = "SKEXAMPLEsecretKey0123456789abcdefghijKL";
pub(crate) const PROJECT_ID: &str = "0123456789abcdef0123456789abcdef";
pub(crate) const JOB_ID: &str = "ff8080818822bbf70188235afc24141a";
/// The page's `ShowJobInfo` answer.
pub(crate) const BODY: &str = r#"{"job_id":"ff8080818822bbf70188235afc24141a","job_type":"masterStandbySwapJob","status":"SUCCESS","begin_time":"1684191545379","end_time":"1684191548248","fail_reason":null}"#;

/// The whole HTTP/1.1 answer a bench server sends for every request.
pub(crate) fn answer() -> String {
    format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{BODY}",
        BODY.len()
    )
}

/// Hands `answer` back for every request that ends in `buf[..filled]` (GET requests have no
/// body: a request ends at the blank line); returns how many were answered and keeps the rest.
pub(crate) fn complete_requests(buf: &mut [u8], filled: &mut usize) -> usize {
    let mut count = 0;
    while let Some(end) = buf[..*filled].windows(4).position(|w| w == b"\r\n\r\n") {
        buf.copy_within(end + 4..*filled, 0);
        *filled -= end + 4;
        count += 1;
    }
    count
}

/// The generated client for `base`: AK/SK, project id, no retries (as in the baseline).
pub(crate) fn generated(base: &str, signed: bool) -> hwcloud_dcs::Client {
    let builder = hwcloud_dcs::Client::builder()
        .endpoint(base.to_owned())
        .project_id(PROJECT_ID)
        .retry(RetryPolicy::none());
    let builder = if signed {
        builder.credentials(Credentials::aksk(AK, SK))
    } else {
        builder
    };
    builder.build().expect("client")
}

/// One generated `ShowJobInfo` call, checked.
pub(crate) async fn generated_call(client: &hwcloud_dcs::Client) {
    let info = client
        .show_job_info()
        .job_id("job-1")
        .send()
        .await
        .expect("ok");
    assert_eq!(info.job_id, JOB_ID);
}

/// The hand-written baseline: a `reqwest` client configured like the generated one's (User-Agent,
/// timeouts), the URL, and the same request's headers, signed once up front.
/// The signer a hand-written client keeps: the bench's credentials and project id, the system
/// clock.
pub(crate) fn hand_signer() -> Signer {
    Signer::new(AkSk::new(AK, SK)).with_project_id(PROJECT_ID)
}

pub(crate) struct HandWritten {
    http: reqwest::Client,
    url: String,
    headers: reqwest::header::HeaderMap,
}

impl HandWritten {
    pub(crate) fn new(base: &str) -> Self {
        let http = reqwest::Client::builder()
            .user_agent(concat!("hwcloud-rust/", env!("CARGO_PKG_VERSION")))
            .connect_timeout(ClientBuilder::<()>::DEFAULT_CONNECT_TIMEOUT)
            .timeout(ClientBuilder::<()>::DEFAULT_TIMEOUT)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client");
        let url = format!("{base}/v2/{PROJECT_ID}/jobs/job-1");
        let mut signed = http
            .get(&url)
            .header("accept", "application/json")
            .build()
            .expect("request");
        Signer::new(AkSk::new(AK, SK))
            .with_project_id(PROJECT_ID)
            .with_clock(FixedClock::from_unix_seconds(1_700_000_000))
            .sign(&mut signed)
            .expect("signs");
        let headers = signed.headers().clone();
        Self { http, url, headers }
    }

    /// One call: the presigned request, decoded into the same type, checked.
    /// The same call, signed afresh (as every real call must be, the date changing) with the
    /// core's public [`Signer`]: what a hand-written client using this crate's signer does.
    pub(crate) async fn call_signed(&self, signer: &Signer) {
        let mut request = self
            .http
            .get(&self.url)
            .header("accept", "application/json")
            .build()
            .expect("request");
        signer.sign(&mut request).expect("signs");
        let response = self.http.execute(request).await.expect("ok");
        let info: ShowJobInfoResponse = response.json().await.expect("decodes");
        assert_eq!(info.job_id, JOB_ID);
    }

    pub(crate) async fn call(&self) {
        let response = self
            .http
            .get(&self.url)
            .headers(self.headers.clone())
            .send()
            .await
            .expect("ok");
        let info: ShowJobInfoResponse = response.json().await.expect("decodes");
        assert_eq!(info.job_id, JOB_ID);
    }
}
