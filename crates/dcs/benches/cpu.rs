//! Client CPU time per call: the generated, signed `ShowJobInfo` call against a hand-written
//! `reqwest` call sending the same request with fixed (presigned) headers and decoding the same
//! type, in the same run, against the same server in a separate process (so that the server's
//! work is not counted).
//!
//! `cargo bench -p hwcloud-dcs --bench cpu [-- ROUNDS CALLS]` (Linux: CPU time is read from
//! `/proc/self/schedstat`, in nanoseconds). Each round runs CALLS generated calls, then CALLS
//! hand-written ones, on one current-thread runtime; the ratio of their CPU times is printed per
//! round, then the median: absolute times drift on a shared machine, ratios in one run do not.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use hwcloud_core::signing::FixedClock;
use hwcloud_core::{AkSk, Credentials, RetryPolicy, Signer};
use hwcloud_dcs::types::ShowJobInfoResponse;

const AK: &str = "AKEXAMPLE0123456789A";
const SK: &str = "SKEXAMPLEsecretKey0123456789abcdefghijKL";
const PROJECT_ID: &str = "0123456789abcdef0123456789abcdef";
const BODY: &str = r#"{"job_id":"ff8080818822bbf70188235afc24141a","job_type":"masterStandbySwapJob","status":"SUCCESS","begin_time":"1684191545379","end_time":"1684191548248","fail_reason":null}"#;
const SERVE: &str = "HWCLOUD_BENCH_SERVE";

/// The server process: a keep-alive HTTP/1.1 server answering every request with `BODY`, one
/// thread per connection. Prints its port, then serves until killed.
fn serve() -> ! {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
    println!("{}", listener.local_addr().expect("addr").port());
    std::io::stdout().flush().expect("flush");
    let response = format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{BODY}",
        BODY.len()
    );
    for stream in listener.incoming() {
        let Ok(mut stream) = stream else { continue };
        let response = response.clone();
        std::thread::spawn(move || {
            let _ = stream.set_nodelay(true);
            let mut buf = vec![0u8; 16384];
            let mut filled = 0;
            loop {
                let Ok(n) = stream.read(&mut buf[filled..]) else {
                    return;
                };
                if n == 0 {
                    return;
                }
                filled += n;
                // GET requests have no body: a request ends at the blank line.
                while let Some(end) = buf[..filled].windows(4).position(|w| w == b"\r\n\r\n") {
                    if stream.write_all(response.as_bytes()).is_err() {
                        return;
                    }
                    buf.copy_within(end + 4..filled, 0);
                    filled -= end + 4;
                }
            }
        });
    }
    std::process::exit(0)
}

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start_server() -> (Server, u16) {
    let mut child = Command::new(std::env::current_exe().expect("this bench"))
        .env(SERVE, "1")
        .stdout(Stdio::piped())
        .spawn()
        .expect("server process");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("port");
    let port = line.trim().parse().expect("a port");
    // Wait until it accepts.
    for _ in 0..100 {
        if TcpStream::connect(("127.0.0.1", port)).is_ok() {
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    (Server(child), port)
}

/// CPU time of this process's main thread (where the current-thread runtime runs), in ns.
fn cpu_ns() -> u64 {
    let text = std::fs::read_to_string("/proc/self/schedstat").expect("/proc/self/schedstat");
    text.split_whitespace()
        .next()
        .and_then(|t| t.parse().ok())
        .expect("CPU time in ns")
}

fn main() {
    if std::env::var_os(SERVE).is_some() {
        serve();
    }
    let numbers: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let rounds = numbers.first().copied().unwrap_or(15);
    let calls = numbers.get(1).copied().unwrap_or(2000);
    let (_server, port) = start_server();
    let base = format!("http://127.0.0.1:{port}");

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let generated = hwcloud_dcs::Client::builder()
        .endpoint(base.clone())
        .credentials(Credentials::aksk(AK, SK))
        .project_id(PROJECT_ID)
        .retry(RetryPolicy::none())
        .build()
        .expect("client");
    // The hand-written call: a client configured like the generated one's, the same request
    // (same headers), signed once up front.
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
    Signer::new(AkSk::new(AK, SK))
        .with_project_id(PROJECT_ID)
        .with_clock(FixedClock::from_unix_seconds(1_700_000_000))
        .sign(&mut signed)
        .expect("signs");
    let headers = signed.headers().clone();

    let run_generated = || {
        runtime.block_on(async {
            let start = cpu_ns();
            for _ in 0..calls {
                let info = generated
                    .show_job_info()
                    .job_id("job-1")
                    .send()
                    .await
                    .expect("ok");
                assert_eq!(info.job_id, "ff8080818822bbf70188235afc24141a");
            }
            cpu_ns() - start
        })
    };
    let run_hand_written = || {
        runtime.block_on(async {
            let start = cpu_ns();
            for _ in 0..calls {
                let response = http
                    .get(&url)
                    .headers(headers.clone())
                    .send()
                    .await
                    .expect("ok");
                let info: ShowJobInfoResponse = response.json().await.expect("decodes");
                assert_eq!(info.job_id, "ff8080818822bbf70188235afc24141a");
            }
            cpu_ns() - start
        })
    };
    // Warm up both (connections, allocator).
    run_generated();
    run_hand_written();
    let mut ratios = Vec::new();
    println!("round  generated µs/call  hand-written µs/call  ratio");
    for round in 1..=rounds {
        let g = run_generated();
        let h = run_hand_written();
        let ratio = g as f64 / h as f64;
        ratios.push(ratio);
        println!(
            "{round:>5}  {:>17.2}  {:>20.2}  {ratio:.3}",
            g as f64 / calls as f64 / 1000.0,
            h as f64 / calls as f64 / 1000.0
        );
    }
    ratios.sort_by(f64::total_cmp);
    println!(
        "CPU per call, generated / hand-written: median {:.3} (min {:.3}, max {:.3}) over {rounds} rounds of {calls} calls",
        ratios[ratios.len() / 2],
        ratios[0],
        ratios[ratios.len() - 1]
    );
}
