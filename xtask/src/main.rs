//! `cargo xtask`: workspace automation. Run `cargo xtask help` for the commands.

use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask <command> [args]

commands:
  generate [SERVICE...] [--check]   write crates/<service>/src/generated.rs and the command line's
                                    crates/cli/src/generated/<service>.rs from specs/<service>.yaml;
                                    with --check, write nothing and fail with a diff if anything is stale
  lint [SPEC...]                    check specs against the workspace rules (file:line: rule-id: message)
  diff [--base GIT_REF] [--format markdown|json] [--allow-breaking]
                                    classify the spec changes since GIT_REF (default: merge base with main)
  pages check [--spec SPEC]... [--format text|markdown|json] PAGE...
                                    compare API reference pages with the specs, fact by fact
  pages draft PAGE                  draft an operation (OpenAPI 3.0) from an API reference page
  release-notes [--since GIT_REF]   draft the CHANGELOG entry from the specs' diff since the last tag
  help                              print this message
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((command, rest)) = args.split_first() else {
        eprint!("{USAGE}");
        return ExitCode::from(2);
    };
    let root = xtask::workspace_root();
    match command.as_str() {
        "generate" => xtask::generate::main(&root, rest),
        "lint" => xtask::lint::main(&root, rest),
        "diff" => xtask::diff::main(&root, rest),
        "pages" => xtask::pages::main(&root, rest),
        "release-notes" => xtask::release_notes::main(&root, rest),
        "help" | "--help" | "-h" => {
            print!("{USAGE}");
            ExitCode::SUCCESS
        }
        other => {
            eprintln!("error: unknown command `{other}`\n");
            eprint!("{USAGE}");
            ExitCode::from(2)
        }
    }
}
