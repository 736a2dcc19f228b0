//! `cargo xtask release-notes`, end to end in scratch git repositories: the draft sorts the specs'
//! changes since the last tag into Keep a Changelog's sections and names each crate's bump; with
//! no tag it starts from the first commit and says so.

use std::path::{Path, PathBuf};
use std::process::Command;

use xtask::release_notes;

fn fixture(case: &str, file: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/diff")
        .join(case)
        .join(file)
}

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args([
            "-c",
            "user.name=xtask test",
            "-c",
            "user.email=xtask@example.invalid",
            "-c",
            "commit.gpgsign=false",
            "-c",
            "tag.gpgsign=false",
        ])
        .args(args)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A repository with the dcs spec of `base` in its first commit, then `head` in a second one,
/// tagged `tag` between the two when given.
fn repo(name: &str, case: &str, tag: Option<&str>) -> PathBuf {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(root.join("specs")).unwrap();
    std::fs::create_dir_all(root.join("crates/dcs")).unwrap();
    std::fs::write(
        root.join("crates/dcs/Cargo.toml"),
        "[package]\nname = \"hwcloud-dcs\"\n",
    )
    .unwrap();
    git(&root, &["init", "-q", "-b", "trunk"]);
    std::fs::copy(fixture(case, "base.yaml"), root.join("specs/dcs.yaml")).unwrap();
    git(&root, &["add", "."]);
    git(&root, &["commit", "-q", "-m", "first"]);
    if let Some(tag) = tag {
        git(&root, &["tag", tag]);
    }
    std::fs::copy(fixture(case, "head.yaml"), root.join("specs/dcs.yaml")).unwrap();
    git(&root, &["commit", "-q", "-am", "second"]);
    root
}

#[test]
fn a_breaking_change_since_the_last_tag_is_a_major_bump_under_removed() {
    let root = repo(
        "release-notes-tagged",
        "response-field-removed",
        Some("v0.1.0"),
    );
    let outcome = release_notes::run(&root, &[]);
    assert_eq!(outcome.code, 0, "{outcome:?}");
    let out = &outcome.stdout;
    assert!(out.starts_with("## [Unreleased]\n"), "{out}");
    assert!(out.contains("since the last tag, `v0.1.0`"), "{out}");
    assert!(
        out.contains("- `hwcloud-dcs` (`specs/dcs.yaml`): major (1 breaking change"),
        "{out}"
    );
    let removed = out.split("### Removed").nth(1).expect("a Removed section");
    assert!(
        removed.contains("- `hwcloud-dcs`: **Breaking:** field `fail_reason`")
            && removed.contains("`ShowJobInfo`"),
        "{out}"
    );
    assert!(!out.contains("### Added"), "{out}");
}

#[test]
fn an_addition_is_a_minor_bump_under_added() {
    let root = repo("release-notes-added", "operation-added", Some("v1.0.0"));
    let outcome = release_notes::run(&root, &[]);
    assert_eq!(outcome.code, 0, "{outcome:?}");
    let out = &outcome.stdout;
    assert!(
        out.contains("`hwcloud-dcs` (`specs/dcs.yaml`): minor"),
        "{out}"
    );
    assert!(out.contains("### Added\n\n- `hwcloud-dcs`: "), "{out}");
    assert!(!out.contains("**Breaking:**"), "{out}");
}

#[test]
fn without_a_tag_it_starts_from_the_first_commit_and_says_so() {
    let root = repo("release-notes-untagged", "response-field-removed", None);
    let outcome = release_notes::run(&root, &[]);
    assert_eq!(outcome.code, 0, "{outcome:?}");
    assert!(
        outcome
            .stdout
            .contains("since the first commit, as there is no release tag yet"),
        "{outcome:?}"
    );
    // The first commit has the spec, so the field's removal is what changed since.
    assert!(outcome.stdout.contains("**Breaking:**"), "{outcome:?}");
    assert!(
        outcome.stderr.contains("there is no release tag yet"),
        "{outcome:?}"
    );

    let since = release_notes::run(&root, &["--since".into(), "HEAD".into()]);
    assert_eq!(since.code, 0, "{since:?}");
    assert!(since.stdout.contains("No spec changes."), "{since:?}");
    assert!(since.stdout.contains("dcs.yaml`): unchanged"), "{since:?}");

    let bad = release_notes::run(&root, &["--frobnicate".into()]);
    assert_eq!(bad.code, 2, "{bad:?}");
    let unknown = release_notes::run(&root, &["--since".into(), "no-such-ref".into()]);
    assert_eq!(unknown.code, 2, "{unknown:?}");
}
