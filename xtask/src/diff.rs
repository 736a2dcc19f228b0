//! `cargo xtask diff` (not written yet).

use std::path::Path;
use std::process::ExitCode;

pub fn main(_root: &Path, _args: &[String]) -> ExitCode {
    eprintln!("cargo xtask diff: not implemented yet");
    ExitCode::FAILURE
}
