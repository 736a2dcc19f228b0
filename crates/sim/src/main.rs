//! `hwcloud-sim [--listen ADDR] [--scenario FILE] [--speed X]`: serves a scenario, prints one JSON
//! line on stdout once it is ready (see the README), logs to stderr, stops on Ctrl-C or SIGTERM.

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use hwcloud_sim::{Scenario, Sim};

/// A local, stateful, signature-checking simulator of the DCS, DRS and CSS operations.
#[derive(Debug, Parser)]
#[command(name = "hwcloud-sim", version)]
struct Args {
    /// Address to listen on; port 0 picks a free port.
    #[arg(long, default_value = "127.0.0.1:0")]
    listen: SocketAddr,
    /// Scenario file (YAML or JSON); without it, the default scenario.
    #[arg(long)]
    scenario: Option<PathBuf>,
    /// Simulated seconds per real second (overrides the scenario's `speed`).
    #[arg(long)]
    speed: Option<f64>,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let level = match std::env::var("HWCLOUD_SIM_LOG").as_deref() {
        Ok("debug") => tracing::Level::DEBUG,
        Ok("warn") => tracing::Level::WARN,
        Ok("error") => tracing::Level::ERROR,
        _ => tracing::Level::INFO,
    };
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_max_level(level)
        .with_ansi(false)
        .init();
    let scenario = match &args.scenario {
        Some(path) => Scenario::from_file(path),
        None => Ok(Scenario::default()),
    };
    let mut scenario = match scenario {
        Ok(scenario) => scenario,
        Err(e) => {
            eprintln!("hwcloud-sim: {e}");
            return ExitCode::from(2);
        }
    };
    if let Some(speed) = args.speed {
        scenario = scenario.with_speed(speed);
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("hwcloud-sim: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(run(args.listen, scenario))
}

async fn run(listen: SocketAddr, scenario: Scenario) -> ExitCode {
    // Listen for the stop signals before announcing readiness, so that a SIGTERM sent right after
    // the JSON line still stops the simulator cleanly.
    let stop = match StopSignal::listen() {
        Ok(stop) => stop,
        Err(e) => {
            eprintln!("hwcloud-sim: cannot listen for signals: {e}");
            return ExitCode::FAILURE;
        }
    };
    let sim = match Sim::start_on(scenario, listen).await {
        Ok(sim) => sim,
        Err(e) => {
            eprintln!("hwcloud-sim: {e}");
            return ExitCode::from(2);
        }
    };
    let line = match serde_json::to_string(sim.info()) {
        Ok(line) => line,
        Err(e) => {
            eprintln!("hwcloud-sim: {e}");
            return ExitCode::FAILURE;
        }
    };
    {
        let mut stdout = std::io::stdout().lock();
        if writeln!(stdout, "{line}")
            .and_then(|()| stdout.flush())
            .is_err()
        {
            eprintln!("hwcloud-sim: cannot write to stdout");
        }
    }
    stop.wait().await;
    tracing::info!("stopping");
    sim.shutdown().await;
    ExitCode::SUCCESS
}

/// Ctrl-C (SIGINT) or SIGTERM, registered as soon as this exists.
#[cfg(unix)]
struct StopSignal {
    interrupt: tokio::signal::unix::Signal,
    terminate: tokio::signal::unix::Signal,
}

#[cfg(unix)]
impl StopSignal {
    fn listen() -> std::io::Result<Self> {
        use tokio::signal::unix::{SignalKind, signal};
        Ok(Self {
            interrupt: signal(SignalKind::interrupt())?,
            terminate: signal(SignalKind::terminate())?,
        })
    }

    async fn wait(mut self) {
        tokio::select! {
            _ = self.interrupt.recv() => {}
            _ = self.terminate.recv() => {}
        }
    }
}

/// Ctrl-C.
#[cfg(not(unix))]
struct StopSignal;

#[cfg(not(unix))]
impl StopSignal {
    fn listen() -> std::io::Result<Self> {
        Ok(Self)
    }

    async fn wait(self) {
        let _ = tokio::signal::ctrl_c().await;
    }
}
