//! `hwc`: the failover operations of Huawei Cloud and Open Telekom Cloud on the command line.
//!
//! The command tree (`hwc <service> <operation> --flags`) is generated from `specs/` by
//! `cargo xtask generate` into `src/generated/`; this crate adds configuration, output, waiting
//! and exit codes.

use std::process::ExitCode;

use clap::{Arg, ArgMatches, Command};

pub mod config;
#[cfg(feature = "sim")]
pub mod drill;
pub mod dry_run;
pub mod follow;
pub mod guard;
pub mod journal;
pub mod output;
pub mod profile;
pub mod progress;
pub mod services;
#[cfg(feature = "sim")]
pub mod sim;
pub mod spec;
pub mod wait;

/// The command trees generated from `specs/` by `cargo xtask generate`. Never edited by hand.
pub mod generated {
    #[rustfmt::skip]
    pub mod css;
    #[rustfmt::skip]
    pub mod dcs;
    #[rustfmt::skip]
    pub mod drs;
}

use config::{Config, GLOBAL};
use output::{EXIT_CODES_HELP, Printer, exit};
use services::{Op, SERVICES};

const ABOUT: &str = "The failover operations of Huawei Cloud and Open Telekom Cloud";

const LONG_ABOUT: &str = "\
The failover operations of Huawei Cloud and Open Telekom Cloud: switch over a cache's master and \
replica (dcs), a replication job's virtual IP (drs), follow a search cluster's upgrade or AZ \
switchover (css). Every operation of every spec is a command: `hwc <service> <operation> --flags`.

Output: one JSON document on stdout (`--output table` for people); progress and errors on stderr.";

const ENVIRONMENT_HELP: &str = "\
Credentials (never flags):
  HUAWEICLOUD_SDK_AK, HUAWEICLOUD_SDK_SK   AK/SK (or CLOUD_SDK_AK, CLOUD_SDK_SK)
  HUAWEICLOUD_SDK_SECURITY_TOKEN           security token of temporary AK/SK
  HWC_IAM_TOKEN                            an IAM token, used when no AK/SK is set
  --credentials-file PATH                  the same variables as NAME=value lines";

/// The whole command tree.
pub fn cli() -> Command {
    let mut root = Command::new("hwc")
        .version(env!("CARGO_PKG_VERSION"))
        .about(ABOUT)
        .long_about(LONG_ABOUT)
        .after_help(format!("{ENVIRONMENT_HELP}\n\n{EXIT_CODES_HELP}"))
        .subcommand_required(true)
        .arg_required_else_help(true)
        .args(config::global_args())
        .args([dry_run::arg(), guard::arg(), journal::arg(), profile::arg()]);
    for (service, about, long_about) in SERVICES {
        let mut sub = Command::new(*service)
            .about(*about)
            .long_about(*long_about)
            .after_long_help(EXIT_CODES_HELP)
            .subcommand_required(true)
            .arg_required_else_help(true);
        for op in Op::all()
            .into_iter()
            .filter(|op| op.spec().service == *service)
        {
            sub = sub.subcommand(operation_command(&op));
        }
        root = root.subcommand(sub);
    }
    root.subcommands(simulator_commands())
        .subcommands([journal::command(), follow::command(), profile::command()])
        .subcommand(
            Command::new("completions")
                .about("Print the shell completion script of hwc")
                .long_about(
                    "Print the shell completion script of hwc, e.g. \
                 `hwc completions bash > ~/.local/share/bash-completion/completions/hwc`",
                )
                .arg(
                    Arg::new("shell")
                        .required(true)
                        .value_parser(clap::value_parser!(clap_complete::Shell)),
                ),
        )
}

/// `hwc sim` and `hwc drill`, with the embedded simulator.
#[cfg(feature = "sim")]
fn simulator_commands() -> [Command; 2] {
    [sim::command(), drill::command()]
}

/// Without the `sim` feature, `hwc sim` and `hwc drill` take any arguments and say how to get
/// them (rather than clap's "unrecognized subcommand").
#[cfg(not(feature = "sim"))]
fn simulator_commands() -> [Command; 2] {
    ["sim", "drill"].map(|name| {
        Command::new(name)
            .about(format!(
                "Not in this build: {name} needs the `sim` feature (see `hwc {name} --help`)"
            ))
            .long_about(without_simulator(name))
            .arg(
                Arg::new("args")
                    .num_args(0..)
                    .trailing_var_arg(true)
                    .allow_hyphen_values(true)
                    .hide(true),
            )
    })
}

/// What `hwc sim` and `hwc drill` say in a build without the `sim` feature.
#[cfg(not(feature = "sim"))]
fn without_simulator(name: &str) -> String {
    format!(
        "error: `hwc {name}` needs the embedded simulator, which this hwc was built without (the \
         `sim` feature is off). Install hwc with its default features to get it: \
         `cargo install hwc` (or `cargo install --path crates/cli` in a checkout), or add \
         `--features sim`. Without it, every operation runs against an endpoint: \
         `hwc <service> <operation> --endpoint URL`; the simulator on its own is \
         `cargo install hwcloud-sim`."
    )
}

/// One operation's command: progenitor's, with the spec's help and examples.
pub fn operation_command(op: &Op) -> Command {
    let spec = op.spec();
    let mut cmd = op
        .generated_command()
        .name(spec.name)
        .about(spec.summary)
        .long_about(format!("{}\n\n{}", spec.summary, spec.description))
        .after_long_help(format!("{}\n{EXIT_CODES_HELP}", spec.examples_help()));
    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    for id in ids {
        let help = spec.arg_help(&id);
        let value_name = id.to_uppercase().replace('-', "_");
        cmd = cmd.mut_arg(&id, |a| {
            let a = match help {
                Some(help) => a.help(help),
                None => a,
            };
            if a.get_action().takes_values() && a.get_value_names().is_none() {
                a.value_name(value_name)
            } else {
                a
            }
        });
    }
    // The project id is configured once, like the global option it mirrors.
    if cmd.get_arguments().any(|a| a.get_id() == "project-id") {
        cmd = cmd.mut_arg("project-id", |a| {
            a.required(false)
                .value_name("PROJECT_ID")
                .env(hwcloud_core::credentials::ENV_PROJECT_ID)
                .hide_env_values(true)
                .help_heading(GLOBAL)
                .help("Project id, filled into every path")
        });
    }
    cmd = wait::add_args(op, cmd);
    if cmd
        .get_arguments()
        .any(|a| a.get_id() == "json-body-template")
    {
        cmd = cmd.mut_arg("json-body", |a| a.conflicts_with("json-body-template"));
    }
    cmd
}

/// Runs `hwc` with the process's arguments and returns its exit code.
pub fn main() -> ExitCode {
    // `hwc drs switch-vip --json-body-template` prints the page's example body and needs no
    // other flag, so it is answered before the required flags are checked.
    let args: Vec<String> = std::env::args().collect();
    if args.iter().any(|a| a == "--json-body-template")
        && let Some(body) = args
            .windows(2)
            .find_map(|w| Op::find(&w[0], &w[1]))
            .and_then(|op| op.spec().body_example)
    {
        Printer { table: false }.document(&serde_json::from_str(body).unwrap_or_default());
        return ExitCode::from(exit::DONE);
    }
    let matches = match cli().try_get_matches() {
        Ok(matches) => matches,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() {
                exit::USAGE
            } else {
                exit::DONE
            });
        }
    };
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("error: cannot start the runtime: {e}");
            return ExitCode::from(exit::NO_OUTCOME);
        }
    };
    ExitCode::from(runtime.block_on(run(matches)))
}

async fn run(matches: ArgMatches) -> u8 {
    let Some((name, sub)) = matches.subcommand() else {
        return exit::USAGE;
    };
    match name {
        "completions" => {
            let shell = *sub
                .get_one::<clap_complete::Shell>("shell")
                .expect("required");
            clap_complete::generate(shell, &mut cli(), "hwc", &mut std::io::stdout());
            exit::DONE
        }
        "journal" => journal::run(
            sub,
            Printer {
                table: Config::from_matches(sub).table,
            },
        ),
        "follow" => follow::run(sub).await,
        "configure" => profile::run(sub),
        #[cfg(feature = "sim")]
        "sim" => sim::run(sub).await,
        #[cfg(feature = "sim")]
        "drill" => drill::run(sub),
        #[cfg(not(feature = "sim"))]
        "sim" | "drill" => {
            eprintln!("{}", without_simulator(name));
            exit::USAGE
        }
        service => {
            let Some((operation, leaf)) = sub.subcommand() else {
                return exit::USAGE;
            };
            let Some(op) = Op::find(service, operation) else {
                return exit::USAGE;
            };
            call(&op, leaf).await
        }
    }
}

/// Runs one operation and prints its answer.
async fn call(op: &Op, matches: &ArgMatches) -> u8 {
    let mut config = Config::from_matches(matches);
    if let Err(e) = profile::apply(&mut config, matches) {
        eprintln!("error: {e}\n  performed:  no: nothing was sent");
        return exit::USAGE;
    }
    let printer = Printer {
        table: config.table,
    };
    if matches
        .try_get_one::<bool>("json-body-template")
        .ok()
        .flatten()
        .copied()
        .unwrap_or(false)
    {
        let body = op.spec().body_example.unwrap_or("{}");
        printer.document(&serde_json::from_str(body).unwrap_or_default());
        return exit::DONE;
    }
    if dry_run::requested(matches) {
        return dry_run::run(op, &config, matches, printer).await;
    }
    if !op.idempotent() {
        return guard::call(op, &config, matches, printer).await;
    }
    if wait::requested(op, matches) {
        // Reads what it must before sending, sends once, and follows to a proven outcome (a
        // watch has nothing to start: it follows what is under way).
        return wait::follow(op, &config, matches, printer).await;
    }
    match op.execute(&config, matches).await {
        Ok(reply) => {
            let body = reply.body.unwrap_or(serde_json::Value::Null);
            printer.document(&body);
            // The spec's `x-waiter` says which answers are rejections (DRS answers a refused
            // virtual IP switchover with 202 and `"status": "failed"`).
            match wait::rejection(op, matches, &body) {
                Some(why) => {
                    eprintln!("error: the service did not accept it: {why}");
                    eprintln!("  performed:  no");
                    exit::FAILED
                }
                None => exit::DONE,
            }
        }
        Err(e) => output::report(Some(op), &e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_tree_is_consistent() {
        cli().debug_assert();
    }

    #[test]
    fn every_argument_of_every_operation_has_help() {
        for op in Op::all() {
            let cmd = operation_command(&op);
            for arg in cmd.get_arguments() {
                assert!(
                    arg.get_help().is_some(),
                    "{} {} --{} has no help",
                    op.spec().service,
                    op.spec().name,
                    arg.get_id()
                );
            }
        }
    }
}
