//! The shell examples of the README and of every page under `docs/`: each one runs, with this
//! build's `hwc` first on `PATH`, in a scratch directory, or the line above it says why it cannot
//! (`<!-- not run: REASON -->`). Also: every page with a Rust example is compiled as doctests.
//!
//! A shell example is a fenced block marked `sh`, `bash`, `shell` or `console`, or a `text` block
//! whose first line starts with `$ ` (a transcript). A script block runs as one `bash -eu` script
//! and must exit 0. A transcript's `$ ` lines run one by one (`cargo run -p hwc --` is this `hwc`)
//! and must exit 0; each line of output it shows must be in what the command printed, compared
//! with the digits and the spacing left out (ports, durations and column widths change from run
//! to run), and a line with `...` stands for lines left out.
#![cfg(feature = "sim")] // the examples start `hwc sim` and `hwc drill`

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// One fenced block of a Markdown file.
#[derive(Debug)]
struct Block {
    file: PathBuf,
    line: usize,
    info: String,
    body: Vec<String>,
    /// The reason of a `<!-- not run: REASON -->` on the line above, if any.
    not_run: Option<String>,
}

impl Block {
    fn is_shell(&self) -> bool {
        let lang = self.info.split([',', ' ']).next().unwrap_or("");
        matches!(lang, "sh" | "bash" | "shell" | "console")
            || (lang == "text" && self.is_transcript())
    }

    fn is_transcript(&self) -> bool {
        self.body
            .iter()
            .find(|l| !l.trim().is_empty())
            .is_some_and(|l| l.starts_with("$ "))
    }

    fn is_rust(&self) -> bool {
        self.info.split([',', ' ']).next() == Some("rust")
    }

    fn place(&self) -> String {
        format!("{}:{}", self.file.display(), self.line)
    }
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The README and every Markdown file under `docs/`, sorted.
fn markdown_files(root: &Path) -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "md") {
                out.push(path);
            }
        }
    }
    let mut files = vec![root.join("README.md")];
    walk(&root.join("docs"), &mut files);
    files.sort();
    files
}

/// The fenced blocks of a Markdown text (fences may be indented, as in a list item).
fn blocks(file: &Path, text: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut open: Option<(usize, String, usize, Option<String>)> = None;
    let mut body = Vec::new();
    let mut previous = "";
    for (index, raw) in text.lines().enumerate() {
        let line = raw.trim_start();
        match &open {
            None => {
                if let Some(info) = line.strip_prefix("```") {
                    let not_run = previous
                        .trim()
                        .strip_prefix("<!-- not run:")
                        .and_then(|r| r.strip_suffix("-->"))
                        .map(|r| r.trim().to_owned());
                    open = Some((
                        index + 1,
                        info.trim().to_owned(),
                        raw.len() - line.len(),
                        not_run,
                    ));
                    body.clear();
                } else if !line.is_empty() {
                    previous = raw;
                }
            }
            Some((start, info, indent, not_run)) => {
                if line.starts_with("```") {
                    out.push(Block {
                        file: file.to_owned(),
                        line: *start,
                        info: info.clone(),
                        body: std::mem::take(&mut body),
                        not_run: not_run.clone(),
                    });
                    open = None;
                    previous = "";
                } else {
                    let cut = raw.len() - raw.trim_start().len();
                    body.push(raw[cut.min(*indent)..].to_owned());
                }
            }
        }
    }
    out
}

fn all_blocks() -> Vec<Block> {
    let root = workspace_root();
    markdown_files(&root)
        .into_iter()
        .flat_map(|file| {
            let text = std::fs::read_to_string(&file)
                .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            let shown = file.strip_prefix(&root).unwrap_or(&file).to_owned();
            blocks(&shown, &text)
        })
        .collect()
}

/// What a command printed (or what a transcript shows it printing), compared without digits and
/// spacing.
fn normalize(line: &str) -> String {
    let mut out = String::new();
    let mut last_digit = false;
    for c in line.chars().filter(|c| !c.is_whitespace()) {
        if c.is_ascii_digit() {
            if !last_digit {
                out.push('0');
            }
            last_digit = true;
        } else {
            out.push(c);
            last_digit = false;
        }
    }
    out
}

/// A scratch directory of its own for each example.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("hwc-docs-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch directory");
    dir
}

/// Runs a bash script with this `hwc` first on `PATH`, none of the caller's cloud settings, and
/// every background job stopped when it ends; gives up after `limit`.
fn bash(script: &str, dir: &Path, limit: Duration) -> (Option<i32>, String) {
    let hwc = PathBuf::from(env!("CARGO_BIN_EXE_hwc"));
    let bin = hwc.parent().expect("hwc's directory");
    let path = std::env::join_paths(
        std::iter::once(bin.to_owned()).chain(
            std::env::var_os("PATH")
                .map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
                .unwrap_or_default(),
        ),
    )
    .expect("PATH");
    let wrapped = format!(
        "set -eu\ntrap 'kill $(jobs -p) 2>/dev/null || true; wait 2>/dev/null || true' EXIT\n{script}\n"
    );
    let mut command = Command::new("bash");
    command
        .arg("-c")
        .arg(wrapped)
        .current_dir(dir)
        .env("PATH", path)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (name, _) in std::env::vars_os() {
        let name = name.to_string_lossy();
        if name.starts_with("HWC_")
            || name.starts_with("HUAWEICLOUD_SDK_")
            || name.starts_with("CLOUD_SDK_")
        {
            command.env_remove(name.as_ref());
        }
    }
    let mut child = command.spawn().expect("runs bash");
    let stdout = child.stdout.take().expect("piped");
    let stderr = child.stderr.take().expect("piped");
    let out = std::thread::spawn(move || std::io::read_to_string(stdout).unwrap_or_default());
    let err = std::thread::spawn(move || std::io::read_to_string(stderr).unwrap_or_default());
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("waits") {
            break Some(status);
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let text = format!(
        "{}{}",
        out.join().unwrap_or_default(),
        err.join().unwrap_or_default()
    );
    (status.and_then(|s| s.code()), text)
}

const LIMIT: Duration = Duration::from_secs(180);

/// Runs one example; `Err` says what went wrong.
fn run(block: &Block, index: usize) -> Result<(), String> {
    let dir = scratch(&index.to_string());
    let result = if block.is_transcript() {
        run_transcript(block, &dir)
    } else {
        let script = block.body.join("\n");
        match bash(&script, &dir, LIMIT) {
            (Some(0), _) => Ok(()),
            (code, output) => Err(format!("exit {code:?}:\n{output}")),
        }
    };
    let _ = std::fs::remove_dir_all(&dir);
    result
}

fn run_transcript(block: &Block, dir: &Path) -> Result<(), String> {
    let mut commands: Vec<(String, Vec<String>)> = Vec::new();
    for line in &block.body {
        if let Some(command) = line.strip_prefix("$ ") {
            commands.push((command.to_owned(), Vec::new()));
        } else if let Some((_, shown)) = commands.last_mut() {
            shown.push(line.clone());
        }
    }
    for (command, shown) in commands {
        let command = command
            .strip_prefix("cargo run -p hwc -- ")
            .map(|rest| format!("hwc {rest}"))
            .unwrap_or(command);
        let (code, output) = bash(&command, dir, LIMIT);
        if code != Some(0) {
            return Err(format!("`{command}`: exit {code:?}:\n{output}"));
        }
        let printed: Vec<String> = output.lines().map(normalize).collect();
        for line in shown
            .iter()
            .filter(|l| !l.trim().is_empty() && !l.contains("..."))
        {
            if !printed.contains(&normalize(line)) {
                return Err(format!(
                    "`{command}` did not print `{line}`; it printed:\n{output}"
                ));
            }
        }
    }
    Ok(())
}

/// Whether an example runs cargo (other than `cargo run -p hwc --`, which is this `hwc`).
fn runs_cargo(block: &Block) -> bool {
    block
        .body
        .iter()
        .any(|l| l.replace("cargo run -p hwc -- ", "hwc ").contains("cargo "))
}

#[test]
fn the_markdown_reader_finds_blocks_markers_and_transcripts() {
    let text = "intro\n\n<!-- not run: needs a cloud -->\n```sh\nhwc dcs x\n```\n\n\
                - item\n\n   ```text\n   $ hwc --version\n   hwc 1.0\n   ```\n\n```rust\nfn main() {}\n```\n";
    let found = blocks(Path::new("x.md"), text);
    assert_eq!(found.len(), 3, "{found:#?}");
    assert_eq!(found[0].not_run.as_deref(), Some("needs a cloud"));
    assert!(found[0].is_shell() && !found[0].is_transcript());
    assert_eq!(found[1].not_run, None);
    assert_eq!(found[1].line, 10);
    assert_eq!(found[1].body, ["$ hwc --version", "hwc 1.0"]);
    assert!(found[1].is_shell() && found[1].is_transcript());
    assert!(!found[2].is_shell() && found[2].is_rust());
    assert_eq!(
        normalize("[ 1/10] ok     0.2s  x"),
        normalize("[10/10] ok 12.5s x")
    );
    assert_ne!(normalize("status SUCCESS"), normalize("status FAIL"));
}

#[test]
fn a_transcript_fails_when_the_command_does_not_print_what_it_shows() {
    let block = Block {
        file: "x.md".into(),
        line: 1,
        info: "text".into(),
        body: vec!["$ hwc --version".into(), "hwc is not this".into()],
        not_run: None,
    };
    let err = run(&block, 9_999).expect_err("the shown output is not printed");
    assert!(err.contains("did not print"), "{err}");
    let good = Block {
        body: vec![
            "$ hwc --version".into(),
            format!("hwc {}", env!("CARGO_PKG_VERSION")),
        ],
        ..block
    };
    run(&good, 9_998).expect("prints its version");
}

#[test]
fn every_shell_example_runs_or_says_why_it_cannot() {
    let blocks = all_blocks();
    let shell: Vec<&Block> = blocks.iter().filter(|b| b.is_shell()).collect();
    assert!(
        shell.iter().any(|b| b.not_run.is_none()),
        "no runnable shell example found: {blocks:#?}"
    );
    let mut failures = Vec::new();
    for (index, block) in shell.iter().enumerate() {
        match &block.not_run {
            Some(reason) if reason.is_empty() => {
                failures.push(format!("{}: `not run` with no reason", block.place()))
            }
            Some(_) => {}
            None if runs_cargo(block) => failures.push(format!(
                "{}: runs cargo, which cannot run inside cargo test: say why above it \
                 (`<!-- not run: REASON -->`) and where it is checked instead",
                block.place()
            )),
            None => {
                if let Err(e) = run(block, index) {
                    failures.push(format!("{}: {e}", block.place()));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn every_page_with_rust_examples_is_compiled_as_doctests() {
    let root = workspace_root();
    let mut includes = String::new();
    for lib in ["crates/dcs/src/lib.rs", "crates/core/src/lib.rs"] {
        includes.push_str(&std::fs::read_to_string(root.join(lib)).unwrap_or_default());
    }
    let blocks = all_blocks();
    let mut missing: Vec<String> = blocks
        .iter()
        .filter(|b| b.is_rust())
        .map(|b| b.file.display().to_string())
        .filter(|file| !includes.contains(&format!("include_str!(\"../../../{file}\")")))
        .collect();
    missing.dedup();
    assert!(
        missing.is_empty(),
        "pages with Rust examples that no `#[cfg(doctest)] #[doc = include_str!(..)]` compiles: {missing:?}"
    );
}
