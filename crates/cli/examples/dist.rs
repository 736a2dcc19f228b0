//! Writes `hwc`'s man pages (clap_mangen: `man/hwc.1` and one page per command) and shell
//! completion scripts (clap_complete: `completions/`) into a directory, from the command tree the
//! binary has. `cargo xtask generate` runs it and keeps the result in `crates/cli/dist/`, where
//! packagers take them; `cargo xtask generate --check` fails when they are stale.
//!
//! `cargo run -p hwc --example dist -- DIR`

use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum as _;
use clap_complete::Shell;

fn main() -> ExitCode {
    let Some(dir) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: cargo run -p hwc --example dist -- DIR");
        return ExitCode::from(2);
    };
    match write(&dir) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {}: {e}", dir.display());
            ExitCode::FAILURE
        }
    }
}

fn write(dir: &std::path::Path) -> std::io::Result<()> {
    let man = dir.join("man");
    let completions = dir.join("completions");
    std::fs::create_dir_all(&man)?;
    std::fs::create_dir_all(&completions)?;
    clap_mangen::generate_to(hwc::cli(), &man)?;
    for shell in Shell::value_variants() {
        clap_complete::generate_to(*shell, &mut hwc::cli(), "hwc", &completions)?;
    }
    Ok(())
}
