//! What the two call benches share: the answer, the generated client, and the hand-written
//! `reqwest` baseline sending the same request with headers signed once up front.

use hmac::{KeyInit, Mac};
use hwcloud_core::signing::{Clock, FixedClock, format_sdk_date};
use hwcloud_core::{AkSk, ClientBuilder, Credentials, RetryPolicy, Signer};
use hwcloud_dcs::types::ShowJobInfoResponse;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use sha2::{Digest, Sha256};

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

/// The floor for any client that signs: the hand-written call signed afresh on every call with the
/// least work this one request needs. Everything but the date is fixed, so the canonical request
/// is hashed from three pieces (what comes before the date, the date, what comes after), the HMAC
/// starts from a state keyed once, and only `X-Sdk-Date` and `Authorization` are added to the
/// fixed headers. What no signing client can avoid: the clock, two hashes and their hex, two
/// header values.
pub(crate) struct HandMinimal {
    http: reqwest::Client,
    url: String,
    /// `accept`, `host`, `x-project-id`.
    fixed: HeaderMap,
    /// The canonical request up to the date, and from after it.
    before_date: String,
    after_date: String,
    /// HMAC-SHA256 keyed with the SK.
    keyed: hmac::Hmac<Sha256>,
    /// `Authorization` up to the signature.
    authorization: String,
}

impl HandMinimal {
    pub(crate) fn new(base: &str) -> Self {
        let written = HandWritten::new(base);
        let host = base.strip_prefix("http://").expect("an http:// base");
        let mut fixed = HeaderMap::new();
        for (name, value) in [
            ("accept", "application/json"),
            ("host", host),
            ("x-project-id", PROJECT_ID),
        ] {
            fixed.insert(
                HeaderName::from_static(name),
                HeaderValue::from_str(value).expect("header value"),
            );
        }
        let signed = "accept;host;x-project-id;x-sdk-date";
        let minimal = Self {
            url: written.url.clone(),
            http: written.http.clone(),
            fixed,
            before_date: format!(
                "GET\n/v2/{PROJECT_ID}/jobs/job-1/\n\naccept:application/json\nhost:{host}\n\
                 x-project-id:{PROJECT_ID}\nx-sdk-date:"
            ),
            after_date: format!(
                "\n\n{signed}\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
            ),
            keyed: hmac::Hmac::new_from_slice(SK.as_bytes()).expect("any key length"),
            authorization: format!(
                "SDK-HMAC-SHA256 Access={AK}, SignedHeaders={signed}, Signature="
            ),
        };
        // The baseline's headers were signed by the core at this date: the same signature, or
        // this side does not do what a signing client must.
        let date = format_sdk_date(FixedClock::from_unix_seconds(1_700_000_000).now());
        let ours = minimal.headers(&date);
        for name in [
            "authorization",
            "x-sdk-date",
            "host",
            "x-project-id",
            "accept",
        ] {
            assert_eq!(ours.get(name), written.headers.get(name), "{name}");
        }
        assert_eq!(ours.len(), written.headers.len(), "the same headers");
        minimal
    }

    /// The headers to send at `date`: the fixed ones, `X-Sdk-Date` and `Authorization`.
    pub(crate) fn headers(&self, date: &str) -> HeaderMap {
        let mut hash = Sha256::new();
        hash.update(&self.before_date);
        hash.update(date);
        hash.update(&self.after_date);
        let mut mac = self.keyed.clone();
        mac.update(b"SDK-HMAC-SHA256\n");
        mac.update(date.as_bytes());
        mac.update(b"\n");
        mac.update(&hex(&hash.finalize()));
        let mut authorization = String::with_capacity(self.authorization.len() + 64);
        authorization.push_str(&self.authorization);
        let signature = hex(&mac.finalize().into_bytes());
        authorization.push_str(std::str::from_utf8(&signature).expect("hex is ASCII"));
        let mut headers = self.fixed.clone();
        headers.insert(
            HeaderName::from_static("x-sdk-date"),
            HeaderValue::from_str(date).expect("date"),
        );
        let mut authorization = HeaderValue::try_from(authorization).expect("authorization");
        authorization.set_sensitive(true);
        headers.insert(reqwest::header::AUTHORIZATION, authorization);
        headers
    }

    /// One call, signed now: the request, decoded into the same type, checked.
    pub(crate) async fn call(&self) {
        let date = format_sdk_date(std::time::SystemTime::now());
        let response = self
            .http
            .get(&self.url)
            .headers(self.headers(&date))
            .send()
            .await
            .expect("ok");
        let info: ShowJobInfoResponse = response.json().await.expect("decodes");
        assert_eq!(info.job_id, JOB_ID);
    }
}

/// Lower-case hex of a 32-byte digest, written on the stack.
fn hex(bytes: &[u8]) -> [u8; 64] {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = [0u8; 64];
    for (pair, &b) in out.chunks_exact_mut(2).zip(bytes) {
        pair[0] = DIGITS[usize::from(b >> 4)];
        pair[1] = DIGITS[usize::from(b & 15)];
    }
    out
}
