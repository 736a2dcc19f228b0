//! Library half of `cargo xtask`, so that `cargo test` can run the same checks as the command line.

use std::path::{Path, PathBuf};

/// The workspace's one OpenAPI model, in its own crate so that the tests read specs without
/// building the generator.
pub use hwcloud_spec_model as openapi;

mod args;
pub mod diff;
pub mod drill;
pub mod generate;
pub mod lint;
pub mod pages;
pub mod release_notes;
pub mod waiter;

/// The workspace root: the parent of this crate's directory.
///
/// Read from `CARGO_MANIFEST_DIR` at run time (`cargo run` and `cargo test` set it), so that a
/// binary built for one checkout and reused from a shared target directory still works on the
/// checkout it is run from; the compile-time value is the fallback.
pub fn workspace_root() -> PathBuf {
    let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    manifest_dir
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or(manifest_dir)
}
