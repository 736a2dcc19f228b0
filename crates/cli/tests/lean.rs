//! `hwc` without its default `sim` feature (`cargo test -p hwc --no-default-features --test lean`,
//! as `.ci/run` does): `hwc sim` and `hwc drill` say how to get them and send nothing. That every
//! operation runs against an endpoint in this build is `tests/cli.rs`, which `.ci/run` also runs
//! without the feature.
#![cfg(not(feature = "sim"))]

use std::process::{Command, Stdio};

fn hwc(args: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_hwc"))
        .args(args)
        .env_clear()
        .stdin(Stdio::null())
        .output()
        .expect("runs hwc");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn drill_and_sim_say_how_to_get_them() {
    for args in [
        &["drill"][..],
        &["drill", "--speed", "10", "--keep-going"],
        &["drill", "--endpoint", "http://127.0.0.1:9"],
        &["sim"],
        &["sim", "--listen", "127.0.0.1:0"],
    ] {
        let (code, stdout, stderr) = hwc(args);
        assert_eq!(code, Some(2), "{args:?}: {stderr}");
        assert_eq!(stdout, "", "{args:?}");
        assert!(
            stderr.contains(&format!("`hwc {}` needs the embedded simulator", args[0]))
                && stderr.contains("`sim` feature")
                && stderr.contains("cargo install hwc"),
            "{args:?}: {stderr}"
        );
    }
}

#[test]
fn help_says_which_commands_are_not_in_this_build() {
    let (code, stdout, _) = hwc(&["--help"]);
    assert_eq!(code, Some(0));
    assert!(
        stdout.contains("Not in this build: drill needs the `sim` feature"),
        "{stdout}"
    );
    let (code, stdout, _) = hwc(&["drill", "--help"]);
    assert_eq!(code, Some(0));
    assert!(stdout.contains("cargo install hwc"), "{stdout}");
}
