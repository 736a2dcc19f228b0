//! The binary's start-up contract: exactly one JSON line on stdout once it is ready to serve, with
//! the documented keys; a signed call works against it; SIGTERM stops it cleanly. And a scenario
//! file, or a bad one.

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

use hwcloud_core::Credentials;
use serde_json::Value;

fn spawn(args: &[&str]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_hwcloud-sim"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts")
}

/// Reads the first line of stdout on a thread, giving up after `limit`.
fn first_line(stdout: ChildStdout, limit: Duration) -> (String, BufReader<ChildStdout>) {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut reader = BufReader::new(stdout);
        let mut line = String::new();
        let _ = reader.read_line(&mut line);
        let _ = tx.send((line, reader));
    });
    rx.recv_timeout(limit).expect("a JSON line in time")
}

fn terminate(child: &Child) {
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(status.success());
}

#[tokio::test]
async fn prints_one_json_line_serves_signed_calls_and_stops_on_sigterm() {
    let started = Instant::now();
    let mut child = spawn(&["--listen", "127.0.0.1:0", "--speed", "1000"]);
    let (line, mut rest) = first_line(child.stdout.take().unwrap(), Duration::from_secs(10));
    let ready_after = started.elapsed();
    eprintln!("JSON line after {ready_after:?}");
    let info: Value = serde_json::from_str(&line).expect("the line is JSON");
    for key in ["endpoint", "ak", "sk", "project_id"] {
        assert!(info[key].is_string(), "{key} in {line}");
    }
    for (object, keys) in [
        (
            "dcs",
            &[
                "master_standby_instance_id",
                "cluster_instance_id",
                "group_id",
                "replica_node_id",
            ][..],
        ),
        ("drs", &["job_id"][..]),
        (
            "css",
            &["upgrading_cluster_id", "az_migrating_cluster_id"][..],
        ),
    ] {
        for key in keys {
            assert!(info[object][key].is_string(), "{object}.{key} in {line}");
        }
    }
    assert_eq!(info["speed"], 1000.0);
    let endpoint = info["endpoint"].as_str().unwrap();
    assert!(endpoint.starts_with("http://127.0.0.1:"), "{endpoint}");

    // A signed call through the generated client.
    let dcs = hwcloud_dcs::Client::builder()
        .endpoint(endpoint)
        .credentials(Credentials::aksk(
            info["ak"].as_str().unwrap(),
            info["sk"].as_str().unwrap(),
        ))
        .project_id(info["project_id"].as_str().unwrap())
        .build()
        .unwrap();
    let job = dcs
        .change_master_standby_async()
        .instance_id(info["dcs"]["master_standby_instance_id"].as_str().unwrap())
        .send()
        .await
        .expect("a signed call succeeds")
        .into_inner()
        .job_id;
    let shown = dcs.show_job_info().job_id(&job).send().await.unwrap();
    assert_eq!(shown.into_inner().job_id, job);
    // The admin endpoint counts it.
    let performed: Value = reqwest::get(format!("{}/performed", info["admin"].as_str().unwrap()))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(performed["counts"]["ChangeMasterStandbyAsync"], 1);

    terminate(&child);
    let status = child.wait().expect("it exits");
    assert!(status.success(), "{status:?}");
    let mut more = String::new();
    rest.read_to_string(&mut more).unwrap();
    assert_eq!(more, "", "exactly one line on stdout");
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert!(
        stderr.contains("hwcloud-sim ready"),
        "logs go to stderr: {stderr}"
    );
    assert!(stderr.contains("stopping"), "{stderr}");
}

#[test]
fn serves_a_scenario_file_and_refuses_a_bad_one() {
    let dir = std::env::temp_dir().join(format!("hwcloud-sim-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let good = dir.join("scenario.json");
    std::fs::write(
        &good,
        r#"{
          "project_id": "p-json",
          "credentials": {"aksk": [{"ak": "AK-JSON", "sk": "SK-JSON"}]},
          "dcs": {"instances": [{"id": "i-1", "type": "single", "groups": [{"id": "g", "master": "n"}]}]}
        }"#,
    )
    .unwrap();
    let mut child = spawn(&["--scenario", good.to_str().unwrap()]);
    let (line, _) = first_line(child.stdout.take().unwrap(), Duration::from_secs(10));
    let info: Value = serde_json::from_str(&line).unwrap();
    assert_eq!(info["ak"], "AK-JSON");
    assert_eq!(info["project_id"], "p-json");
    assert_eq!(info["dcs"]["single_node_instance_id"], "i-1");
    assert_eq!(info["dcs"]["master_standby_instance_id"], Value::Null);
    assert_eq!(info["speed"], 1.0);
    terminate(&child);
    assert!(child.wait().unwrap().success());

    let bad = dir.join("bad.yaml");
    std::fs::write(&bad, "project_id: p\ncredentials: {aksk: []}\nspeed: -1\n").unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_hwcloud-sim"))
        .args(["--scenario", bad.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("invalid scenario"), "{stderr}");
    std::fs::remove_dir_all(&dir).unwrap();
}
