//! The 3 a.m. features against the simulator: `--dry-run` sends nothing and shows no secret; the
//! confirmation prompt on a pseudo-terminal and not without one, showing what each spec's `look`
//! reads (DCS, DRS, CSS), and a busy target reported before anything is sent; the journal (0600, whole lines
//! from concurrent writers); `kill -9` during `--wait` then `hwc follow --last`; a lost answer
//! resolved by evidence (`reset_after_perform`) or left at exit 5 (`reset_before_perform`).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use hwcloud_sim::{Fault, Scenario, Sim, SimHandle};
use serde_json::Value;

const SWAP: &str = "ChangeMasterStandbyAsync";

struct Running {
    sim: SimHandle,
    journal: PathBuf,
    _runtime: tokio::runtime::Runtime,
}

#[derive(Debug)]
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Running {
    fn start(scenario: Scenario, name: &str) -> Self {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .expect("runtime");
        let sim = runtime.block_on(Sim::start(scenario)).expect("simulator");
        let dir = std::env::temp_dir().join(format!("hwc-night-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        Self {
            sim,
            journal: dir.join("state").join("journal.jsonl"),
            _runtime: runtime,
        }
    }

    fn env(&self) -> Vec<(String, String)> {
        let info = self.sim.info();
        vec![
            ("HWC_ENDPOINT".into(), info.endpoint.clone()),
            ("HUAWEICLOUD_SDK_AK".into(), info.ak.clone()),
            ("HUAWEICLOUD_SDK_SK".into(), info.sk.clone()),
            ("HUAWEICLOUD_SDK_PROJECT_ID".into(), info.project_id.clone()),
            ("HWC_JOURNAL".into(), self.journal.display().to_string()),
        ]
    }

    fn instance(&self) -> String {
        self.sim
            .info()
            .dcs
            .master_standby_instance_id
            .clone()
            .expect("a master/standby instance")
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_hwc"));
        command
            .args(args)
            .env_clear()
            .envs(self.env())
            .stdin(Stdio::null());
        command
    }

    fn hwc(&self, args: &[&str]) -> Run {
        let out = self.command(args).output().expect("runs hwc");
        let run = Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        };
        self.no_secret(&format!("{}{}", run.stdout, run.stderr));
        run
    }

    fn no_secret(&self, text: &str) {
        let info = self.sim.info();
        assert!(!text.contains(&info.sk), "the SK appeared: {text}");
    }

    fn swap(&self, extra: &[&str]) -> Run {
        let instance = self.instance();
        let mut args = vec![
            "dcs",
            "change-master-standby-async",
            "--instance-id",
            &instance,
        ];
        args.extend_from_slice(extra);
        self.hwc(&args)
    }

    fn events(&self) -> Vec<Value> {
        read_lines(&self.journal)
    }
}

fn read_lines(path: &Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("a broken line ({e}): {l}")))
        .collect()
}

fn expect(run: Run, code: i32) -> Run {
    assert_eq!(run.code, code, "exit code: {run:#?}");
    run
}

#[test]
fn dry_run_sends_nothing_shows_no_secret_and_fails_as_a_call_would() {
    let sim = Running::start(Scenario::default().with_speed(100.0), "dry");
    let run = expect(sim.swap(&["--dry-run", "--wait"]), 0);
    let request: Value = serde_json::from_str(&run.stdout).expect("one JSON document");
    assert_eq!(request["method"], "PUT");
    assert!(
        request["url"]
            .as_str()
            .unwrap()
            .ends_with(&format!("/instances/{}/async-swap", sim.instance())),
        "{request}"
    );
    let authorization = request["headers"]["authorization"].as_str().unwrap();
    assert_eq!(authorization, "SDK-HMAC-SHA256 ****");
    assert!(!run.stdout.contains(&sim.sim.info().ak), "{}", run.stdout);
    // An IAM token is masked too.
    let token = "MIItokenvalue-secret";
    let out = sim
        .command(&[
            "dcs",
            "show-instance",
            "--instance-id",
            &sim.instance(),
            "--dry-run",
        ])
        .env_remove("HUAWEICLOUD_SDK_AK")
        .env_remove("HUAWEICLOUD_SDK_SK")
        .env("HWC_IAM_TOKEN", token)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        !text.contains(token) && text.contains("x-auth-token"),
        "{text}"
    );
    // Without credentials, it fails as the call would, before anything.
    let out = sim
        .command(&["dcs", "show-instance", "--instance-id", "x", "--dry-run"])
        .env_remove("HUAWEICLOUD_SDK_AK")
        .env_remove("HUAWEICLOUD_SDK_SK")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(sim.sim.requests().is_empty(), "{:?}", sim.sim.requests());
    assert!(sim.events().is_empty(), "a dry run is not journaled");
}

#[test]
fn the_journal_is_private_and_has_intent_outcome_and_verification() {
    let sim = Running::start(Scenario::default().with_speed(100.0), "journal");
    expect(sim.swap(&["--wait", "--interval", "50ms"]), 0);
    let events = sim.events();
    let kinds: Vec<&str> = events
        .iter()
        .map(|e| e["event"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["intent", "before", "outcome", "verification"]);
    assert_eq!(events[0]["operation"], SWAP);
    assert_eq!(events[0]["target"]["instance-id"], sim.instance().as_str());
    // What was read before sending, journaled before it was sent: the master whose role the
    // verification checks.
    assert_eq!(events[1]["resume"]["operation"], SWAP);
    assert_eq!(events[1]["resume"]["before"]["read"], true);
    assert_eq!(
        events[1]["resume"]["before"]["selected"]
            .as_array()
            .map(Vec::len),
        Some(1)
    );
    assert_eq!(events[2]["performed"], "yes");
    assert!(events[2]["job_id"].is_string());
    assert!(events[2]["request_id"].is_string());
    assert_eq!(events[3]["verification"], "succeeded");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&sim.journal)
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let text = std::fs::read_to_string(&sim.journal).unwrap();
    sim.no_secret(&text);
    assert!(!text.contains(&sim.sim.info().ak));
    let table = expect(sim.hwc(&["journal", "--output", "table"]), 0);
    assert!(
        table.stdout.contains("dcs change-master-standby-async"),
        "{}",
        table.stdout
    );
    assert!(table.stdout.contains("succeeded"), "{}", table.stdout);
}

#[test]
fn two_writers_at_once_leave_whole_lines() {
    let dir = std::env::temp_dir().join(format!("hwc-night-{}-two", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let path = dir.join("journal.jsonl");
    let big = "x".repeat(64 * 1024);
    let writers: Vec<_> = (0..2)
        .map(|w| {
            let journal = hwc::journal::Journal::at(path.clone());
            let big = big.clone();
            std::thread::spawn(move || {
                for i in 0..50 {
                    journal
                        .append(&serde_json::json!({"id": format!("{w}-{i}"), "event": "intent", "pad": big}))
                        .unwrap();
                }
            })
        })
        .collect();
    for w in writers {
        w.join().unwrap();
    }
    let lines = read_lines(&path);
    assert_eq!(lines.len(), 100);
    // And two hwc processes at once.
    let sim = Running::start(Scenario::default().with_speed(100.0), "two-hwc");
    sim.sim
        .inject(Fault::reset_before_perform().on(SWAP))
        .unwrap();
    let children: Vec<_> = (0..2)
        .map(|_| {
            let instance = sim.instance();
            sim.command(&[
                "dcs",
                "change-master-standby-async",
                "--instance-id",
                &instance,
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
        })
        .collect();
    for mut c in children {
        c.wait().unwrap();
    }
    let events = sim.events();
    for kind in ["intent", "before", "outcome"] {
        assert_eq!(
            events.iter().filter(|e| e["event"] == kind).count(),
            2,
            "{events:?}"
        );
    }
    assert_eq!(events.len(), 6, "{events:?}");
}

/// Whether `script(1)`, which gives a command a pseudo-terminal, is here.
fn has_script() -> bool {
    let here = Command::new("script").arg("--version").output().is_ok();
    if !here {
        eprintln!("no script(1): skipped");
    }
    here
}

/// Runs `hwc args` on a pseudo-terminal (`script(1)`), types `typed` once the simulator was
/// asked `ready` (the last read before the prompt: the prompt is up), and returns what the
/// terminal showed.
fn in_terminal(sim: &Running, args: &[&str], ready: &str, typed: &str) -> String {
    let line = format!("{} {}", env!("CARGO_BIN_EXE_hwc"), args.join(" "));
    let before = sim.sim.requests_of(ready).len();
    let mut child = Command::new("script")
        .args(["-qec", &line, "/dev/null"])
        .env_clear()
        .envs(sim.env())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    let mut stdin = child.stdin.take().unwrap();
    let start = Instant::now();
    while sim.sim.requests_of(ready).len() <= before && start.elapsed() < Duration::from_secs(20) {
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(Duration::from_millis(300));
    writeln!(stdin, "{typed}").unwrap();
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    sim.no_secret(&text);
    text
}

#[test]
fn the_prompt_shows_on_a_terminal_and_not_without_one() {
    if !has_script() {
        return;
    }
    let sim = Running::start(Scenario::default().with_speed(100.0), "prompt");
    let instance = sim.instance();
    let args = [
        "dcs",
        "change-master-standby-async",
        "--instance-id",
        &instance,
    ];
    let text = in_terminal(&sim, &args, "ListGroupReplicationInfo", "not-the-instance");
    assert!(text.contains("About to run"), "{text}");
    assert!(text.contains("Type the target's name or id"), "{text}");
    assert!(text.contains("name=dcs-master-standby"), "{text}");
    assert!(text.contains("cache_mode=ha"), "{text}");
    assert!(text.contains("replication_role=master"), "{text}");
    assert!(text.contains("az_code="), "{text}");
    assert!(text.contains("cancelled: nothing was sent"), "{text}");
    assert_eq!(sim.sim.performed(SWAP), 0);
    let text = in_terminal(&sim, &args, "ListGroupReplicationInfo", &instance);
    assert!(text.contains("job_id"), "{text}");
    assert_eq!(sim.sim.performed(SWAP), 1);
    // The confirmed swap ran without --wait: follow it to its end, or the
    // next swap finds the instance busy (on a slow machine the job outlasts
    // the time between the two commands).
    expect(sim.hwc(&["follow", "--last", "--interval", "50ms"]), 0);
    assert_eq!(sim.sim.performed(SWAP), 1);
    // Without a terminal: no prompt (and --yes is accepted).
    let run = expect(sim.swap(&["--wait", "--interval", "50ms"]), 0);
    assert!(!run.stderr.contains("Type the target"), "{}", run.stderr);
    expect(sim.swap(&["--yes", "--wait", "--interval", "50ms"]), 0);
    assert_eq!(sim.sim.performed(SWAP), 3);
}

#[test]
fn the_drs_prompt_shows_the_jobs_azs_and_goes_on_on_its_id() {
    if !has_script() {
        return;
    }
    let sim = Running::start(Scenario::default().with_speed(100.0), "drs-prompt");
    let info = sim.sim.info();
    let job = info.drs.job_id.clone().expect("a replication job");
    let (master, slave) = (&info.availability_zones[0], &info.availability_zones[1]);
    let args = ["drs", "switch-vip", "--job-id", &job, "--mode", "source"];
    let text = in_terminal(&sim, &args, "ShowSwitchVipStatus", "not-the-job");
    assert!(text.contains("About to run"), "{text}");
    // Only BatchListJobDetails, which takes the job in its body, tells the job's AZs.
    assert!(text.contains("BatchListJobDetails:"), "{text}");
    assert!(text.contains(&format!("master_az={master}")), "{text}");
    assert!(text.contains(&format!("slave_az={slave}")), "{text}");
    assert!(text.contains("is_multi_az=true"), "{text}");
    assert!(text.contains("Type the target's name or id"), "{text}");
    assert!(text.contains("cancelled: nothing was sent"), "{text}");
    assert_eq!(sim.sim.performed("SwitchVip"), 0);
    let text = in_terminal(&sim, &args, "ShowSwitchVipStatus", &job);
    assert!(!text.contains("cancelled"), "{text}");
    assert_eq!(sim.sim.performed("SwitchVip"), 1);
}

#[test]
fn the_shard_prompt_shows_the_shards_replicas_and_goes_on_on_the_instance() {
    if !has_script() {
        return;
    }
    let sim = Running::start(Scenario::default().with_speed(100.0), "shard-prompt");
    let info = sim.sim.info();
    let instance = info.dcs.cluster_instance_id.clone().expect("a cluster");
    let group = info.dcs.group_id.clone().expect("a shard");
    let node = info.dcs.replica_node_id.clone().expect("a replica");
    let args = [
        "dcs",
        "execute-cluster-switchover",
        "--instance-id",
        &instance,
        "--group-id",
        &group,
        "--node-id",
        &node,
    ];
    let text = in_terminal(&sim, &args, "ListGroupReplicationInfo", "not-the-instance");
    assert!(text.contains("About to run"), "{text}");
    assert!(text.contains(&format!("group_id={group}")), "{text}");
    assert!(text.contains(&format!("node_id={node}")), "{text}");
    assert!(text.contains("replication_role=slave"), "{text}");
    assert!(text.contains("cancelled: nothing was sent"), "{text}");
    assert_eq!(sim.sim.performed("ExecuteClusterSwitchover"), 0);
    let text = in_terminal(&sim, &args, "ListGroupReplicationInfo", &instance);
    assert!(text.contains("job_id"), "{text}");
    assert_eq!(sim.sim.performed("ExecuteClusterSwitchover"), 1);
}

/// A CSS cluster's name, the AZ of one of its data nodes and another AZ of the region.
fn css_switchover(sim: &Running, cluster: &str) -> (String, String, String) {
    let run = expect(
        sim.hwc(&["css", "show-cluster-detail", "--cluster-id", cluster]),
        0,
    );
    let detail: Value = serde_json::from_str(&run.stdout).expect("one JSON document");
    let source = detail["instances"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["type"] == "ess")
        .and_then(|n| n["azCode"].as_str())
        .expect("a data node")
        .to_owned();
    let target = sim
        .sim
        .info()
        .availability_zones
        .iter()
        .find(|az| **az != source)
        .expect("another AZ")
        .clone();
    let name = detail["name"].as_str().expect("a name").to_owned();
    (name, source, target)
}

#[test]
fn the_css_prompt_shows_the_nodes_azs_and_goes_on_on_the_clusters_name() {
    if !has_script() {
        return;
    }
    let sim = Running::start(Scenario::default().with_speed(100.0), "css-prompt");
    let cluster = sim
        .sim
        .info()
        .css
        .idle_cluster_id
        .clone()
        .expect("a cluster");
    let (name, source, target) = css_switchover(&sim, &cluster);
    let args = [
        "css",
        "update-az-by-instance-type",
        "--cluster-id",
        &cluster,
        "--inst-type",
        "ess",
        "--source-az",
        &source,
        "--target-az",
        &target,
        "--migrate-type",
        "az_migrate",
        "--agency",
        "night-agency",
    ];
    let text = in_terminal(&sim, &args, "ShowClusterDetail", "not-the-cluster");
    assert!(text.contains("About to run"), "{text}");
    assert!(text.contains(&format!("name={name}")), "{text}");
    assert!(text.contains("instances: name="), "{text}");
    assert!(text.contains("type=ess"), "{text}");
    assert!(text.contains(&format!("azCode={source}")), "{text}");
    assert!(text.contains("cancelled: nothing was sent"), "{text}");
    assert_eq!(sim.sim.performed("UpdateAzByInstanceType"), 0);
    // What the switchover is told is not what names the cluster.
    let text = in_terminal(&sim, &args, "ShowClusterDetail", &source);
    assert!(text.contains("cancelled: nothing was sent"), "{text}");
    assert_eq!(sim.sim.performed("UpdateAzByInstanceType"), 0);
    let text = in_terminal(&sim, &args, "ShowClusterDetail", &name);
    assert!(!text.contains("cancelled"), "{text}");
    assert_eq!(sim.sim.performed("UpdateAzByInstanceType"), 1);
    // Every argument is in the journal as typed, the node type (an enum) too.
    let intent = sim
        .events()
        .into_iter()
        .find(|e| e["event"] == "intent")
        .expect("journaled");
    assert_eq!(intent["target"]["inst-type"], "ess", "{intent}");
    assert_eq!(intent["target"]["target-az"], target.as_str(), "{intent}");
}

#[test]
fn a_css_cluster_switching_azs_is_reported_busy_before_anything_is_sent() {
    let sim = Running::start(Scenario::default(), "css-busy");
    let info = sim.sim.info();
    let cluster = info.css.az_migrating_cluster_id.clone().expect("a cluster");
    let (source, target) = (&info.availability_zones[0], &info.availability_zones[1]);
    let args = [
        "css",
        "update-az-by-instance-type",
        "--cluster-id",
        &cluster,
        "--inst-type",
        "ess",
        "--source-az",
        source,
        "--target-az",
        target,
        "--migrate-type",
        "az_migrate",
        "--agency",
        "night-agency",
    ];
    for yes in [false, true] {
        let mut args = args.to_vec();
        if yes {
            args.push("--yes");
        }
        let run = expect(sim.hwc(&args), 1);
        assert!(run.stderr.contains("busy"), "{}", run.stderr);
        assert!(run.stderr.contains("AZ_MIGRATION"), "{}", run.stderr);
        assert!(run.stderr.contains("nothing was sent"), "{}", run.stderr);
    }
    assert_eq!(sim.sim.performed("UpdateAzByInstanceType"), 0);
    assert!(sim.sim.requests_of("UpdateAzByInstanceType").is_empty());
}

#[test]
fn a_busy_target_is_reported_before_anything_is_sent() {
    let sim = Running::start(Scenario::default(), "busy"); // a job takes 10 s
    expect(sim.swap(&[]), 0);
    let run = expect(sim.swap(&["--yes"]), 1);
    assert!(run.stderr.contains("busy"), "{}", run.stderr);
    assert!(run.stderr.contains("nothing was sent"), "{}", run.stderr);
    assert_eq!(sim.sim.performed(SWAP), 1);
}

#[test]
fn kill_9_while_waiting_then_follow_last_ends_in_success_performed_once() {
    let sim = Running::start(Scenario::default(), "kill"); // a job takes 10 s
    let instance = sim.instance();
    let mut child = sim
        .command(&[
            "dcs",
            "change-master-standby-async",
            "--instance-id",
            &instance,
            "--wait",
            "--interval",
            "100ms",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while sim.sim.requests_of("ShowJobInfo").is_empty() {
        assert!(start.elapsed() < Duration::from_secs(20), "never polled");
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    let run = expect(sim.hwc(&["follow", "--last", "--interval", "200ms"]), 0);
    let job: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(job["status"], "SUCCESS", "{run:#?}");
    assert_eq!(sim.sim.performed(SWAP), 1);
    let events = sim.events();
    assert_eq!(events.last().unwrap()["verification"], "succeeded");
    let outcome = events.iter().find(|e| e["event"] == "outcome").unwrap();
    assert_eq!(outcome["job_id"], job["job_id"]);
    // Proven against the roles read before it was sent, which the journal kept.
    assert!(
        run.stderr.contains("performed:  yes, and proven"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_synchronous_swap_is_followed_from_the_journal_and_proven_not_resolved() {
    // Its answer is an empty 204: received, so followed and proven, never taken for lost.
    let sim = Running::start(Scenario::default().with_speed(100.0), "sync");
    let instance = sim.instance();
    expect(
        sim.hwc(&[
            "dcs",
            "change-master-standby",
            "--instance-id",
            &instance,
            "--yes",
        ]),
        0,
    );
    let run = expect(sim.hwc(&["follow", "--last", "--interval", "100ms"]), 0);
    assert!(!run.stderr.contains("evidence"), "{}", run.stderr);
    assert!(
        run.stderr.contains("performed:  yes, and proven"),
        "{}",
        run.stderr
    );
    assert_eq!(sim.sim.performed("ChangeMasterStandby"), 1);
}

#[test]
fn a_reset_after_performing_is_resolved_by_evidence_and_followed() {
    let sim = Running::start(Scenario::default().with_speed(100.0), "after");
    sim.sim
        .inject(Fault::reset_after_perform().on(SWAP))
        .unwrap();
    let run = expect(
        sim.swap(&[
            "--wait",
            "--yes",
            "--interval",
            "100ms",
            "--deadline",
            "30s",
        ]),
        0,
    );
    assert!(run.stderr.contains("evidence:"), "{}", run.stderr);
    assert!(
        run.stderr.contains("ListBackgroundTask lists"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("performed:  yes, and proven"),
        "{}",
        run.stderr
    );
    // The background task found is what was followed.
    let task: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(task["status"], "SUCCESS");
    assert_eq!(sim.sim.performed(SWAP), 1);
    let events = sim.events();
    let evidence = events.iter().find(|e| e["event"] == "evidence").unwrap();
    assert_eq!(evidence["performed"], "yes");
    let id = task["id"].as_str().unwrap();
    assert!(
        evidence["evidence"].as_str().unwrap().contains(id),
        "{evidence}"
    );
}

#[test]
fn a_reset_before_performing_stays_exit_5_with_what_was_checked() {
    let sim = Running::start(Scenario::default().with_speed(100.0), "before");
    sim.sim
        .inject(Fault::reset_before_perform().on(SWAP))
        .unwrap();
    let run = expect(
        sim.swap(&["--wait", "--yes", "--interval", "100ms", "--deadline", "2s"]),
        5,
    );
    assert!(run.stderr.contains("none found"), "{}", run.stderr);
    assert!(
        run.stderr.contains("does not mean it was not performed"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("until"), "{}", run.stderr);
    assert_eq!(sim.sim.performed(SWAP), 0);
    let events = sim.events();
    let outcome = events.iter().find(|e| e["event"] == "outcome").unwrap();
    assert_eq!(outcome["performed"], "maybe");
    let evidence = events.iter().find(|e| e["event"] == "evidence").unwrap();
    assert_eq!(evidence["performed"], "maybe");
    assert_eq!(evidence["checked"][0], "ListBackgroundTask");
    assert!(evidence["until"].is_string());
}

#[test]
fn profiles_hold_the_path_of_a_private_credentials_file_and_no_secret() {
    let sim = Running::start(Scenario::default().with_speed(100.0), "profile");
    let dir = sim
        .journal
        .parent()
        .unwrap()
        .parent()
        .unwrap()
        .to_path_buf();
    std::fs::create_dir_all(&dir).unwrap();
    let config = dir.join("config").join("profiles.json");
    let creds = dir.join("creds");
    let info = sim.sim.info();
    std::fs::write(
        &creds,
        format!(
            "HUAWEICLOUD_SDK_AK={}\nHUAWEICLOUD_SDK_SK={}\n",
            info.ak, info.sk
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&creds, std::fs::Permissions::from_mode(0o644)).unwrap();
    let configure = |extra: &[&str]| {
        let mut args = vec![
            "configure",
            "--profile",
            "night",
            "--endpoint",
            &info.endpoint,
            "--project-id",
            &info.project_id,
            "--credentials-file",
            creds.to_str().unwrap(),
        ];
        args.extend_from_slice(extra);
        let out = Command::new(env!("CARGO_BIN_EXE_hwc"))
            .args(&args)
            .env_clear()
            .env("HWC_CONFIG", &config)
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, stderr) = configure(&[]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("readable by other users"), "{stderr}");
    std::fs::set_permissions(&creds, std::fs::Permissions::from_mode(0o600)).unwrap();
    let (code, stderr) = configure(&[]);
    assert_eq!(code, Some(0), "{stderr}");
    let text = std::fs::read_to_string(&config).unwrap();
    assert!(
        !text.contains(&info.sk) && !text.contains(&info.ak),
        "{text}"
    );
    assert!(text.contains(creds.to_str().unwrap()), "{text}");
    // Used with nothing else in the environment.
    let out = Command::new(env!("CARGO_BIN_EXE_hwc"))
        .args([
            "--profile",
            "night",
            "dcs",
            "show-instance",
            "--instance-id",
        ])
        .arg(sim.instance())
        .env_clear()
        .env("HWC_CONFIG", &config)
        .env("HWC_JOURNAL", &sim.journal)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("dcs-master-standby"), "{stdout}");
    // An unknown profile is a usage error; nothing is sent.
    let before = sim.sim.requests().len();
    let out = Command::new(env!("CARGO_BIN_EXE_hwc"))
        .args([
            "--profile",
            "day",
            "dcs",
            "show-instance",
            "--instance-id",
            "x",
        ])
        .env_clear()
        .env("HWC_CONFIG", &config)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(sim.sim.requests().len(), before);
}

#[test]
fn a_drill_against_an_endpoint_touches_only_what_is_named_and_asks_first() {
    let sim = Running::start(Scenario::default().with_speed(100.0), "drill");
    let endpoint = sim.sim.info().endpoint.clone();
    let none = expect(sim.hwc(&["drill", "--endpoint", &endpoint]), 2);
    assert!(none.stderr.contains("none was named"), "{}", none.stderr);
    let instance = sim.instance();
    let unconfirmed = expect(
        sim.hwc(&[
            "drill",
            "--endpoint",
            &endpoint,
            "--dcs-instance",
            &instance,
        ]),
        2,
    );
    assert!(
        unconfirmed.stderr.contains("--yes"),
        "{}",
        unconfirmed.stderr
    );
    assert!(sim.sim.requests().is_empty(), "{:?}", sim.sim.requests());
    let run = sim.hwc(&[
        "drill",
        "--endpoint",
        &endpoint,
        "--dcs-instance",
        &instance,
        "--yes",
    ]);
    assert!(run.stderr.contains("the plan against"), "{}", run.stderr);
    assert!(sim.sim.performed(SWAP) >= 1, "{}", run.stderr);
    for other in [
        "ExecuteClusterSwitchover",
        "SwitchVip",
        "UpdateAzByInstanceType",
    ] {
        assert_eq!(sim.sim.performed(other), 0, "{other}: {}", run.stderr);
    }
    let events = sim.events();
    assert!(
        events.iter().any(|e| e["event"] == "drill-step"),
        "{events:?}"
    );
    assert!(events.iter().any(|e| e["event"] == "intent"), "{events:?}");
    assert_eq!(run.code, 0, "{}", run.stderr);
}
