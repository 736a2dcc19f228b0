//! `hwc`'s man pages and shell completions, kept in `crates/cli/dist/` for packagers: rendered by
//! the cli crate's `dist` example (`cargo run -p hwc --example dist -- DIR`, which has the command
//! tree as the binary has it, built from the sources as they are now), then compared with or
//! written to that directory like the generated code.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use super::{GenError, Stale};

/// Where the man pages (`man/`) and completion scripts (`completions/`) are kept.
pub const DIST_DIR: &str = "crates/cli/dist";

fn error(message: String) -> GenError {
    GenError {
        spec: DIST_DIR.to_owned(),
        operation: None,
        message,
    }
}

/// Every file under `dir`, by its path relative to `dir`.
fn read_tree(dir: &Path) -> Result<BTreeMap<PathBuf, String>, GenError> {
    fn walk(base: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, String>) -> std::io::Result<()> {
        if !dir.exists() {
            return Ok(());
        }
        for entry in std::fs::read_dir(dir)? {
            let path = entry?.path();
            if path.is_dir() {
                walk(base, &path, out)?;
            } else {
                let text = std::fs::read_to_string(&path)?;
                let relative = path.strip_prefix(base).unwrap_or(&path).to_owned();
                out.insert(relative, text);
            }
        }
        Ok(())
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out).map_err(|e| error(format!("cannot read {}: {e}", dir.display())))?;
    Ok(out)
}

/// Renders every file with the `dist` example, into a scratch directory removed afterwards.
fn render(root: &Path) -> Result<BTreeMap<PathBuf, String>, GenError> {
    let scratch = std::env::temp_dir().join(format!("hwc-dist-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&scratch);
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = Command::new(cargo)
        .current_dir(root)
        .args(["run", "--quiet", "-p", "hwc", "--example", "dist", "--"])
        .arg(&scratch)
        .status()
        .map_err(|e| error(format!("cannot run cargo: {e}")))?;
    let files = if status.success() {
        read_tree(&scratch)
    } else {
        Err(error(format!(
            "`cargo run -p hwc --example dist` failed ({status})"
        )))
    };
    let _ = std::fs::remove_dir_all(&scratch);
    files
}

/// The files of `crates/cli/dist/` that differ from what the command tree renders (changed,
/// missing, or no longer rendered).
pub fn check(root: &Path) -> Result<Vec<Stale>, GenError> {
    let fresh = render(root)?;
    let current = read_tree(&root.join(DIST_DIR))?;
    let mut stale = Vec::new();
    let paths: std::collections::BTreeSet<&PathBuf> = fresh.keys().chain(current.keys()).collect();
    for relative in paths {
        let old = current.get(relative).map(String::as_str).unwrap_or("");
        let new = fresh.get(relative).map(String::as_str).unwrap_or("");
        if current.get(relative) != fresh.get(relative) {
            let path = Path::new(DIST_DIR).join(relative);
            let shown = path.display().to_string();
            let diff = similar::TextDiff::from_lines(old, new)
                .unified_diff()
                .context_radius(3)
                .header(&format!("a/{shown}"), &format!("b/{shown}"))
                .to_string();
            stale.push(Stale { path, diff });
        }
    }
    Ok(stale)
}

/// Writes what changed into `crates/cli/dist/` and removes what is no longer rendered.
pub fn write(root: &Path) -> Result<(), GenError> {
    let fresh = render(root)?;
    let dir = root.join(DIST_DIR);
    let current = read_tree(&dir)?;
    for (relative, text) in &fresh {
        let shown = Path::new(DIST_DIR).join(relative);
        if current.get(relative) == Some(text) {
            continue;
        }
        let path = dir.join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| error(format!("cannot create {}: {e}", parent.display())))?;
        }
        std::fs::write(&path, text)
            .map_err(|e| error(format!("cannot write {}: {e}", shown.display())))?;
        eprintln!("wrote     {}", shown.display());
    }
    for relative in current.keys().filter(|r| !fresh.contains_key(*r)) {
        let shown = Path::new(DIST_DIR).join(relative);
        std::fs::remove_file(dir.join(relative))
            .map_err(|e| error(format!("cannot remove {}: {e}", shown.display())))?;
        eprintln!("removed   {}", shown.display());
    }
    eprintln!(
        "{} man pages and completion scripts in {DIST_DIR}",
        fresh.len()
    );
    Ok(())
}
