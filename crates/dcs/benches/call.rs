//! One whole generated, signed call against a loopback server, beside a hand-written `reqwest`
//! call that sends the same request with a precomputed signature and decodes the same type.
//! The generated call's extra cost is the hooks: path check, signing, retry bookkeeping, tracing.
//!
//! `cargo bench -p hwcloud-dcs --bench call`

use std::net::SocketAddr;

use criterion::{Criterion, criterion_group, criterion_main};
use hwcloud_core::signing::FixedClock;
use hwcloud_core::{Credentials, RetryPolicy, Signer};
use hwcloud_dcs::types::ShowJobInfoResponse;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

const AK: &str = "AKEXAMPLE0123456789A";
const SK: &str = "SKEXAMPLEsecretKey0123456789abcdefghijKL";
const PROJECT_ID: &str = "0123456789abcdef0123456789abcdef";
const BODY: &str = r#"{"job_id":"ff8080818822bbf70188235afc24141a","job_type":"masterStandbySwapJob","status":"SUCCESS","begin_time":"1684191545379","end_time":"1684191548248","fail_reason":null}"#;

/// A keep-alive HTTP/1.1 server on loopback that answers every request with `BODY`.
async fn serve() -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            tokio::spawn(async move {
                let response = format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{BODY}",
                    BODY.len()
                );
                let mut buf = vec![0u8; 8192];
                let mut filled = 0;
                loop {
                    let Ok(n) = stream.read(&mut buf[filled..]).await else {
                        return;
                    };
                    if n == 0 {
                        return;
                    }
                    filled += n;
                    // GET requests have no body: a request ends at the blank line.
                    while let Some(end) = buf[..filled].windows(4).position(|w| w == b"\r\n\r\n") {
                        if stream.write_all(response.as_bytes()).await.is_err() {
                            return;
                        }
                        buf.copy_within(end + 4..filled, 0);
                        filled -= end + 4;
                    }
                }
            });
        }
    });
    addr
}

fn calls(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let addr = runtime.block_on(serve());
    let base = format!("http://{addr}");

    let generated = hwcloud_dcs::Client::builder()
        .endpoint(base.clone())
        .credentials(Credentials::aksk(AK, SK))
        .project_id(PROJECT_ID)
        .retry(RetryPolicy::none())
        .build()
        .expect("client");

    // The hand-written call: the same request (same headers, User-Agent included) from a client
    // configured like the generated one's (timeouts), signed once up front.
    let http = reqwest::Client::builder()
        .user_agent(concat!("hwcloud-rust/", env!("CARGO_PKG_VERSION")))
        .connect_timeout(hwcloud_core::ClientBuilder::<()>::DEFAULT_CONNECT_TIMEOUT)
        .timeout(hwcloud_core::ClientBuilder::<()>::DEFAULT_TIMEOUT)
        .build()
        .expect("client");
    let url = format!("{base}/v2/{PROJECT_ID}/jobs/job-1");
    let mut signed = http
        .get(&url)
        .header("accept", "application/json")
        .build()
        .expect("request");
    Signer::new(hwcloud_core::AkSk::new(AK, SK))
        .with_project_id(PROJECT_ID)
        .with_clock(FixedClock::from_unix_seconds(1_700_000_000))
        .sign(&mut signed)
        .expect("signs");
    let headers = signed.headers().clone();

    let unsigned = hwcloud_dcs::Client::builder()
        .endpoint(base.clone())
        .project_id(PROJECT_ID)
        .retry(RetryPolicy::none())
        .build()
        .expect("client");

    let mut group = c.benchmark_group("call");
    group.bench_function("generated_unsigned_show_job_info", |b| {
        b.to_async(&runtime).iter(|| async {
            let info = unsigned
                .show_job_info()
                .job_id("job-1")
                .send()
                .await
                .expect("ok");
            assert_eq!(info.job_id, "ff8080818822bbf70188235afc24141a");
        })
    });
    group.bench_function("generated_signed_show_job_info", |b| {
        b.to_async(&runtime).iter(|| async {
            let info = generated
                .show_job_info()
                .job_id("job-1")
                .send()
                .await
                .expect("ok");
            assert_eq!(info.job_id, "ff8080818822bbf70188235afc24141a");
        })
    });
    group.bench_function("hand_written_reqwest_presigned", |b| {
        b.to_async(&runtime).iter(|| async {
            let response = http
                .get(&url)
                .headers(headers.clone())
                .send()
                .await
                .expect("ok");
            let info: ShowJobInfoResponse = response.json().await.expect("decodes");
            assert_eq!(info.job_id, "ff8080818822bbf70188235afc24141a");
        })
    });
    group.finish();
}

criterion_group!(benches, calls);
criterion_main!(benches);
