//! `hwc sim`: the local simulator in the foreground, with the `export` lines that point `hwc` (and
//! the SDKs) at it.

use std::io::Write as _;
use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Arg, ArgMatches, Command};
use hwcloud_core::credentials::{ENV_AK, ENV_PROJECT_ID, ENV_SK};
use hwcloud_sim::{Scenario, Sim, SimInfo};

use crate::config::ENV_ENDPOINT;
use crate::output::exit;

/// `hwc sim`'s command.
pub fn command() -> Command {
    Command::new("sim")
        .about("Run the local simulator of every operation in the foreground")
        .long_about(
            "Run the local simulator (hwcloud-sim) of every operation in the foreground, until \
             Ctrl-C. It checks signatures, keeps state (jobs go INIT, RUNNING, SUCCESS; upgrades \
             move node by node) and serves the specs' example ids.\n\n\
             Its stdout is `export` lines a shell can eval (endpoint, credentials, project id, \
             resource ids); a summary goes to stderr. For example:\n\n  \
             hwc sim > sim.env &  until [ -s sim.env ]; do sleep 0.1; done;  . ./sim.env\n  \
             hwc dcs change-master-standby-async --instance-id \"$HWC_SIM_DCS_INSTANCE_ID\" --wait",
        )
        .arg(scenario_arg())
        .arg(speed_arg())
        .arg(
            Arg::new("listen")
                .long("listen")
                .value_name("ADDR")
                .default_value("127.0.0.1:0")
                .value_parser(clap::value_parser!(SocketAddr))
                .help("Address to listen on (a loopback address; port 0 picks a free port)"),
        )
}

pub(crate) fn scenario_arg() -> Arg {
    Arg::new("scenario")
        .long("scenario")
        .value_name("FILE")
        .value_parser(clap::value_parser!(PathBuf))
        .help("Scenario file (YAML or JSON) of the simulator; default: its built-in scenario")
}

pub(crate) fn speed_arg() -> Arg {
    Arg::new("speed")
        .long("speed")
        .value_name("X")
        .value_parser(clap::value_parser!(f64))
        .help("Simulated seconds per real second (default: the scenario's)")
}

/// The scenario of `--scenario` and `--speed`.
pub fn scenario(matches: &ArgMatches) -> Result<Scenario, String> {
    let scenario = match matches.get_one::<PathBuf>("scenario") {
        Some(path) => Scenario::from_file(path).map_err(|e| format!("{}: {e}", path.display()))?,
        None => Scenario::default(),
    };
    Ok(match matches.get_one::<f64>("speed") {
        Some(speed) if *speed > 0.0 => scenario.with_speed(*speed),
        Some(_) => return Err("--speed must be greater than 0".to_owned()),
        None => scenario,
    })
}

/// The environment a command needs to talk to a simulator: (variable, value).
pub fn environment(info: &SimInfo) -> Vec<(String, String)> {
    let mut vars = vec![
        (ENV_ENDPOINT.to_owned(), info.endpoint.clone()),
        (ENV_AK.to_owned(), info.ak.clone()),
        (ENV_SK.to_owned(), info.sk.clone()),
        (ENV_PROJECT_ID.to_owned(), info.project_id.clone()),
    ];
    let ids = [
        (
            "HWC_SIM_DCS_INSTANCE_ID",
            &info.dcs.master_standby_instance_id,
        ),
        (
            "HWC_SIM_DCS_CLUSTER_INSTANCE_ID",
            &info.dcs.cluster_instance_id,
        ),
        ("HWC_SIM_DCS_GROUP_ID", &info.dcs.group_id),
        ("HWC_SIM_DCS_NODE_ID", &info.dcs.replica_node_id),
        ("HWC_SIM_DRS_JOB_ID", &info.drs.job_id),
        ("HWC_SIM_CSS_CLUSTER_ID", &info.css.upgrading_cluster_id),
        (
            "HWC_SIM_CSS_AZ_CLUSTER_ID",
            &info.css.az_migrating_cluster_id,
        ),
        ("HWC_SIM_CSS_IDLE_CLUSTER_ID", &info.css.idle_cluster_id),
    ];
    for (name, value) in ids {
        if let Some(value) = value {
            vars.push((name.to_owned(), value.clone()));
        }
    }
    vars
}

/// Runs `hwc sim` until Ctrl-C (or SIGTERM).
pub async fn run(matches: &ArgMatches) -> u8 {
    let scenario = match scenario(matches) {
        Ok(scenario) => scenario,
        Err(e) => {
            eprintln!("error: {e}");
            return exit::USAGE;
        }
    };
    let listen = *matches
        .get_one::<SocketAddr>("listen")
        .expect("has a default");
    let sim = match Sim::start_on(scenario, listen).await {
        Ok(sim) => sim,
        Err(e) => {
            eprintln!("error: cannot start the simulator: {e}");
            return exit::USAGE;
        }
    };
    let info = sim.info().clone();
    {
        // One write, so that a file the lines go to is either empty or complete: a script may
        // wait for it to be non-empty (`until [ -s sim.env ]`) and then source it.
        let mut lines = format!(
            "# hwc sim: the simulator at {} (speed {})\n",
            info.endpoint, info.speed
        );
        for (name, value) in environment(&info) {
            lines.push_str(&format!(
                "export {name}={}\n",
                crate::spec::shell_quote(&value)
            ));
        }
        let mut out = std::io::stdout().lock();
        let _ = out.write_all(lines.as_bytes());
        let _ = out.flush();
    }
    eprintln!(
        "hwc sim: serving every operation at {} (speed {}x); Ctrl-C stops it",
        info.endpoint, info.speed
    );
    eprintln!("  project id:  {}", info.project_id);
    eprintln!("  access key:  {}", info.ak);
    eprintln!("  stdout has the export lines; then for example:");
    if let Some(id) = &info.dcs.master_standby_instance_id {
        eprintln!("  hwc dcs change-master-standby-async --instance-id {id} --wait");
    }
    if let Some(id) = &info.css.upgrading_cluster_id {
        eprintln!("  hwc css upgrade-detail --cluster-id {id} --watch");
    }
    stop_signal().await;
    eprintln!("hwc sim: stopping");
    sim.shutdown().await;
    exit::DONE
}

/// Ctrl-C, or SIGTERM on Unix.
async fn stop_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}
