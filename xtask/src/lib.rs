//! Library half of `cargo xtask`, so that `cargo test` can run the same checks as the command line.

use std::path::{Path, PathBuf};

pub mod diff;
pub mod generate;
pub mod lint;

/// The workspace root: the parent of this crate's directory.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives one level below the workspace root")
        .to_path_buf()
}
