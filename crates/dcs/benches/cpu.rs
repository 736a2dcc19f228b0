//! Client CPU time per call: the generated, signed `ShowJobInfo` call against a hand-written
//! `reqwest` call sending the same request with fixed (presigned) headers and decoding the same
//! type, in the same run, against the same server in a separate process (so that the server's
//! work is not counted). Two more sides tell signing's share apart: "hand-signed", the
//! hand-written call signed afresh on every call with the core's public `Signer` (as a real client
//! must: the signature covers the date), and "generated-unsigned", the generated call without
//! credentials; and "hand-minimal", the hand-written call signed afresh with the least work this
//! one request needs (everything but the date precomputed): the floor for any client that signs.
//!
//! `cargo bench -p hwcloud-dcs --bench cpu [-- ROUNDS CALLS]` (Linux: CPU time is read from
//! `/proc/self/schedstat`, in nanoseconds). Each round runs CALLS calls of each side, on one
//! current-thread runtime, starting with another side each round (so that none always follows
//! the same one); the ratios of their CPU times are printed per round, then their medians:
//! absolute times drift on a shared machine, ratios in one run do not.
//!
//! On a shared machine the per-round ratios spread widely; pinning the client and the server to
//! different CPUs steadies them (Linux, `taskset` from util-linux):
//! `taskset -c 0 cargo bench -p hwcloud-dcs --bench cpu -- 61 1000 --server-cpu 1`
//! (build first with `--no-run`: under `taskset -c 0`, cargo compiles on one CPU). Besides the
//! median and quartiles of the per-round ratios, the ratio of the sides' fastest rounds is
//! printed: interference only ever adds time.
//!
//! `-- --only generated|hand-written|hand-signed|generated-unsigned|hand-minimal` runs just one side, once, for a profiler
//! (`valgrind --tool=callgrind`, `perf record`) to compare them.
//!
//! `NOTES.md` beside this file names each optimization the signed call's hot path keeps, with its
//! share of a call as `scripts/call-instructions` measured it (at least 1%, or it goes).

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use common::{
    HandMinimal, HandWritten, answer, complete_requests, generated, generated_call, hand_signer,
};

const SERVE: &str = "HWCLOUD_BENCH_SERVE";

/// The server process: a keep-alive HTTP/1.1 server answering every request with the job, one
/// thread per connection. Prints its port, then serves until killed.
fn serve() -> ! {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
    println!("{}", listener.local_addr().expect("addr").port());
    std::io::stdout().flush().expect("flush");
    let response = answer();
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
                for _ in 0..complete_requests(&mut buf, &mut filled) {
                    if stream.write_all(response.as_bytes()).is_err() {
                        return;
                    }
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

/// Starts the server process, on CPU `cpu` (through `taskset`) when one is given.
fn start_server(cpu: Option<&str>) -> (Server, u16) {
    let exe = std::env::current_exe().expect("this bench");
    let mut command = match cpu {
        Some(cpu) => {
            let mut taskset = Command::new("taskset");
            taskset.args(["-c", cpu]).arg(exe);
            taskset
        }
        None => Command::new(exe),
    };
    let mut child = command
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

/// One side of the comparison.
#[derive(Clone, Copy, PartialEq)]
enum Side {
    /// The generated client's call, signed by its hooks.
    Generated,
    /// The hand-written call with fixed, presigned headers (the baseline).
    HandWritten,
    /// The hand-written call signed afresh with the core's public `Signer`.
    HandSigned,
    /// The generated client's call without credentials (nothing signed).
    GeneratedUnsigned,
    /// The hand-written call signed afresh with the least work this request needs: the floor for
    /// any client that signs.
    HandMinimal,
}

const SIDES: [(Side, &str); 5] = [
    (Side::Generated, "generated"),
    (Side::HandWritten, "hand-written"),
    (Side::HandSigned, "hand-signed"),
    (Side::GeneratedUnsigned, "generated-unsigned"),
    (Side::HandMinimal, "hand-minimal"),
];

/// The median, quartiles and extremes of `ratios`, as printed.
fn summary(mut ratios: Vec<f64>) -> String {
    ratios.sort_by(f64::total_cmp);
    let quartile = |q: usize| ratios[(ratios.len() - 1) * q / 4];
    format!(
        "median {:.3} (quartiles {:.3}-{:.3}, min {:.3}, max {:.3})",
        quartile(2),
        quartile(1),
        quartile(3),
        ratios[0],
        ratios[ratios.len() - 1]
    )
}

fn main() {
    if std::env::var_os(SERVE).is_some() {
        serve();
    }
    let args: Vec<String> = std::env::args().skip(1).collect();
    let only = args.windows(2).find(|w| w[0] == "--only").map(|w| {
        SIDES
            .iter()
            .find(|(_, name)| *name == w[1])
            .map(|(side, _)| *side)
            .unwrap_or_else(|| {
                let names: Vec<&str> = SIDES.iter().map(|(_, name)| *name).collect();
                panic!("--only takes one of {names:?}, not {:?}", w[1])
            })
    });
    let server_cpu = args
        .windows(2)
        .find(|w| w[0] == "--server-cpu")
        .map(|w| w[1].as_str());
    let numbers: Vec<usize> = args
        .iter()
        .enumerate()
        .filter(|(i, _)| *i == 0 || args[i - 1] != "--server-cpu")
        .filter_map(|(_, a)| a.parse().ok())
        .collect();
    let rounds = numbers.first().copied().unwrap_or(15);
    let calls = numbers.get(1).copied().unwrap_or(2000);
    let (_server, port) = start_server(server_cpu);
    let base = format!("http://127.0.0.1:{port}");

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let client = generated(&base, true);
    let unsigned = generated(&base, false);
    let hand_written = HandWritten::new(&base);
    let signer = hand_signer();
    let hand_minimal = HandMinimal::new(&base);

    let run = |side: Side| {
        runtime.block_on(async {
            let start = cpu_ns();
            for _ in 0..calls {
                match side {
                    Side::Generated => generated_call(&client).await,
                    Side::HandWritten => hand_written.call().await,
                    Side::HandSigned => hand_written.call_signed(&signer).await,
                    Side::GeneratedUnsigned => generated_call(&unsigned).await,
                    Side::HandMinimal => hand_minimal.call().await,
                }
            }
            cpu_ns() - start
        })
    };
    if let Some(side) = only {
        let ns = run(side);
        println!("{:.2} µs/call", ns as f64 / calls as f64 / 1000.0);
        return;
    }
    // Warm up every side (connections, allocator).
    for (side, _) in SIDES {
        run(side);
    }
    let per_call = |ns: u64| ns as f64 / calls as f64 / 1000.0;
    // Per side, each round's ratio to the hand-written call.
    let mut ratios: [Vec<f64>; SIDES.len()] = Default::default();
    let mut fastest = [u64::MAX; SIDES.len()];
    println!("µs per call (ratio to hand-written)");
    println!(
        "round  {}",
        SIDES.map(|(_, name)| format!("{name:>26}")).join("")
    );
    for round in 1..=rounds {
        // Each round starts with another side, so that none always follows the same one.
        let mut ns = [0u64; SIDES.len()];
        for k in 0..SIDES.len() {
            let i = (round + k) % SIDES.len();
            ns[i] = run(SIDES[i].0);
        }
        let mut line = format!("{round:>5}  ");
        for i in 0..SIDES.len() {
            fastest[i] = fastest[i].min(ns[i]);
            let ratio = ns[i] as f64 / ns[1] as f64;
            ratios[i].push(ratio);
            line += &format!("{:>17.2} ({ratio:.3})", per_call(ns[i]));
        }
        println!("{line}");
    }
    println!("CPU per call, over {rounds} rounds of {calls} calls:");
    for (i, (side, name)) in SIDES.iter().enumerate() {
        if *side != Side::HandWritten {
            println!(
                "  {name} / hand-written (presigned): {}",
                summary(ratios[i].clone())
            );
        }
    }
    // Interference (other processes, a shared host) only ever adds time: the fastest rounds of
    // each side are the steadiest estimate of what each call costs.
    println!("fastest rounds, µs per call (ratio to hand-written):");
    for (i, (_, name)) in SIDES.iter().enumerate() {
        println!(
            "  {name}: {:.2} ({:.3})",
            per_call(fastest[i]),
            fastest[i] as f64 / fastest[1] as f64
        );
    }
}
