//! The real `hwc` binary against the in-process simulator: every generated command, `--wait` and
//! `--watch`, JSON output that parses into the generated types, every documented exit code, no
//! credentials in any output, stable progress lines, and the drill.

use std::process::{Command, Stdio};
use std::time::Duration;

use hwc::services::Op;
use hwcloud_sim::{Fault, Outcome, Scenario, Sim, SimHandle, SimInfo};
use serde_json::Value;

/// A simulator kept running on its own runtime while the test thread runs the binary (the
/// simulator is dropped before its runtime).
struct Running {
    sim: SimHandle,
    _runtime: tokio::runtime::Runtime,
}

impl Running {
    fn start(scenario: Scenario) -> Self {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .expect("runtime");
        let sim = runtime.block_on(Sim::start(scenario)).expect("simulator");
        Self {
            sim,
            _runtime: runtime,
        }
    }

    fn fast() -> Self {
        Self::start(Scenario::default().with_speed(100.0))
    }

    fn info(&self) -> &SimInfo {
        self.sim.info()
    }

    /// The environment of a shell that ran `eval` on `hwc sim`'s output.
    fn env(&self) -> Vec<(String, String)> {
        let info = self.info();
        vec![
            ("HWC_ENDPOINT".into(), info.endpoint.clone()),
            ("HUAWEICLOUD_SDK_AK".into(), info.ak.clone()),
            ("HUAWEICLOUD_SDK_SK".into(), info.sk.clone()),
            ("HUAWEICLOUD_SDK_PROJECT_ID".into(), info.project_id.clone()),
        ]
    }

    fn hwc(&self, args: &[&str]) -> Run {
        run(args, &self.env(), &self.secrets())
    }

    /// The arguments of `hwc dcs change-master-standby-async` on the scenario's master/standby
    /// instance, then `extra`.
    fn swap_args<'a>(&'a self, extra: &[&'a str]) -> Vec<&'a str> {
        let info = self.info();
        let instance = info.dcs.master_standby_instance_id.as_deref().unwrap();
        let mut args = vec![
            "dcs",
            "change-master-standby-async",
            "--instance-id",
            instance,
        ];
        args.extend_from_slice(extra);
        args
    }

    /// Runs [`Self::swap_args`].
    fn swap(&self, extra: &[&str]) -> Run {
        self.hwc(&self.swap_args(extra))
    }

    /// Every secret of the scenario: none may appear in any output.
    fn secrets(&self) -> Vec<String> {
        let info = self.info();
        let mut secrets = vec![info.sk.clone()];
        if let Some(t) = &info.temporary {
            secrets.push(t.sk.clone());
            secrets.push(t.security_token.clone());
        }
        secrets.extend(info.iam_token.clone());
        secrets
    }
}

#[derive(Debug)]
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not one JSON document ({e}): {self:#?}"))
    }

    fn typed<T: serde::de::DeserializeOwned>(&self) -> T {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| {
            panic!("stdout does not parse into the generated type ({e}): {self:#?}")
        })
    }

    fn expect(self, code: i32) -> Self {
        assert_eq!(self.code, code, "exit code: {self:#?}");
        self
    }
}

/// The binary with `args` and only `env` (nothing inherited), journaling to a file of this test
/// run unless `env` names one (never to the user's own journal).
fn command(args: &[&str], env: &[(String, String)]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_hwc"));
    command.args(args).env_clear().env(
        "HWC_JOURNAL",
        std::env::temp_dir().join(format!("hwc-cli-test-{}-journal.jsonl", std::process::id())),
    );
    command.envs(env.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    command
}

/// Runs the binary with only `env` (nothing inherited) and checks that no secret shows.
fn run(args: &[&str], env: &[(String, String)], secrets: &[String]) -> Run {
    let out = command(args, env)
        .stdin(Stdio::null())
        .output()
        .expect("runs hwc");
    let run = Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    for secret in secrets {
        assert!(
            !run.stdout.contains(secret.as_str()) && !run.stderr.contains(secret.as_str()),
            "a secret appeared in the output of {args:?}: {run:#?}"
        );
    }
    run
}

/// The ids each operation runs on in the simulator: the page's example, with the ids the default
/// scenario has where the example's would not fit the operation.
fn args_for(op: &Op, info: &SimInfo, job_id: &str) -> Vec<String> {
    let spec = op.spec();
    let mut args: Vec<String> = spec.example_args.iter().map(|a| (*a).to_owned()).collect();
    let mut set = |flag: &str, value: &str| {
        if let Some(i) = args.iter().position(|a| a == flag) {
            args[i + 1] = value.to_owned();
        }
    };
    match (spec.service, spec.name) {
        ("dcs", "execute-cluster-switchover") => {
            set(
                "--instance-id",
                info.dcs.cluster_instance_id.as_deref().unwrap(),
            );
        }
        ("dcs", "show-job-info") => set("--job-id", job_id),
        ("drs", "show-switch-vip-status") => set("--job-id", info.drs.job_id.as_deref().unwrap()),
        ("css", "update-az-by-instance-type") => {
            set("--cluster-id", info.css.idle_cluster_id.as_deref().unwrap());
            set("--source-az", "cn-north-4a");
            set("--target-az", "cn-north-4c");
        }
        ("drs", "batch-list-job-details") => {
            let body = std::env::temp_dir()
                .join(format!("hwc-cli-test-{}-batch.json", std::process::id()));
            let jobs = serde_json::json!({"jobs": [info.drs.job_id.as_deref().unwrap()]});
            std::fs::write(&body, jobs.to_string()).expect("writes the body");
            args.push("--json-body".into());
            args.push(body.display().to_string());
        }
        _ => {}
    }
    args
}

/// Parses a command's output into its operation's generated type, and the page's example too.
fn parses_into_the_generated_type(op: &Op, run: &Run) {
    let spec = op.spec();
    match (spec.service, spec.operation_id) {
        ("dcs", "ExecuteClusterSwitchover") => {
            run.typed::<hwcloud_dcs::types::ExecuteClusterSwitchoverResponse>();
        }
        ("dcs", "ChangeMasterStandbyAsync") => {
            run.typed::<hwcloud_dcs::types::ChangeMasterStandbyAsyncResponse>();
        }
        ("dcs", "ChangeMasterStandby") => assert_eq!(run.stdout, "null\n", "no body: {run:#?}"),
        ("dcs", "ShowJobInfo") => {
            run.typed::<hwcloud_dcs::types::ShowJobInfoResponse>();
        }
        ("drs", "SwitchVip") => {
            run.typed::<hwcloud_drs::types::SwitchVipResponse>();
        }
        ("drs", "ShowSwitchVipStatus") => {
            run.typed::<hwcloud_drs::types::ShowSwitchVipStatusResponse>();
        }
        ("css", "UpgradeDetail") => {
            run.typed::<hwcloud_css::types::UpgradeDetailResponse>();
        }
        ("dcs", "ListGroupReplicationInfo") => {
            run.typed::<hwcloud_dcs::types::ListGroupReplicationInfoResponse>();
        }
        ("dcs", "ShowInstance") => {
            run.typed::<hwcloud_dcs::types::ShowInstanceResponse>();
        }
        ("dcs", "ListBackgroundTask") => {
            run.typed::<hwcloud_dcs::types::ListBackgroundTaskResponse>();
        }
        ("drs", "BatchListJobDetails") => {
            run.typed::<hwcloud_drs::types::BatchListJobDetailsResponse>();
        }
        ("css", "ShowClusterDetail") => {
            run.typed::<hwcloud_css::types::ShowClusterDetailResponse>();
        }
        ("css", "UpdateAzByInstanceType") => {
            assert_eq!(run.stdout, "null\n", "no body: {run:#?}");
        }
        (service, id) => panic!("add the generated type of {service} {id} to this test"),
    }
}

#[test]
fn every_generated_command_runs_against_the_simulator() {
    let sim = Running::fast();
    let info = sim.info().clone();
    let job = sim.swap(&[]).expect(0).json();
    let job_id = job["job_id"].as_str().expect("job_id").to_owned();
    // The result of a virtual IP switchover is there once one was made.
    let drs_job = info.drs.job_id.as_deref().unwrap();
    sim.hwc(&["drs", "switch-vip", "--job-id", drs_job, "--mode", "source"])
        .expect(0);
    std::thread::sleep(Duration::from_millis(300));
    for op in Op::all() {
        let spec = op.spec();
        let args = args_for(&op, &info, &job_id);
        let mut argv = vec![spec.service, spec.name];
        argv.extend(args.iter().map(String::as_str));
        let before = sim.sim.requests_of(spec.operation_id).len();
        let run = sim.hwc(&argv).expect(0);
        parses_into_the_generated_type(&op, &run);
        assert!(
            sim.sim.requests_of(spec.operation_id).len() > before,
            "{} {} sent no {} request",
            spec.service,
            spec.name,
            spec.operation_id
        );
        std::thread::sleep(Duration::from_millis(150)); // let a switchover end before the next
    }
}

#[test]
fn help_has_the_specs_description_and_the_pages_example() {
    for op in Op::all() {
        let spec = op.spec();
        let run = run(&[spec.service, spec.name, "--help"], &[], &[]).expect(0);
        assert!(run.stdout.contains(spec.summary), "{}", run.stdout);
        assert!(
            run.stdout.contains(&spec.example_command()),
            "{}",
            run.stdout
        );
        for response in spec.responses {
            let first = response.json.lines().nth(1).unwrap_or(response.json);
            assert!(run.stdout.contains(first), "{first} in {}", run.stdout);
        }
        assert!(run.stdout.contains("Exit codes:"), "{}", run.stdout);
    }
    let top = run(&["--help"], &[], &[]).expect(0);
    for line in [
        "0    done",
        "1    the operation",
        "2    usage error",
        "3    the service answered",
        "4    the deadline",
        "5    it may have been performed and nothing tells",
        "130  interrupted",
    ] {
        assert!(top.stdout.contains(line), "{line}: {}", top.stdout);
    }
    // What exit 5 means now, where a switchover is followed.
    let wait = run(&["dcs", "change-master-standby-async", "--help"], &[], &[]).expect(0);
    let text = wait.stdout.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        text.contains("5 if its answer was lost and no evidence was found"),
        "{text}"
    );
    assert!(text.contains("[default: 30m]"), "{text}");
}

#[test]
fn wait_prints_the_final_job_and_stable_progress_lines() {
    let sim = Running::start(Scenario::default().with_speed(10.0));
    let run = sim.swap(&["--wait", "--interval", "50ms"]).expect(0);
    let job: hwcloud_dcs::types::ShowJobInfoResponse = run.typed();
    assert_eq!(job.status, hwcloud_dcs::types::JobStatus::Success);
    assert!(
        run.stdout.contains("\"status\": \"SUCCESS\""),
        "{}",
        run.stdout
    );
    let masked = regex::Regex::new(r"(?m)^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \+\d+\.\ds ")
        .unwrap()
        .replace_all(&run.stderr, "<time> +<elapsed> ");
    insta::assert_snapshot!(masked);
}

#[test]
fn wait_ends_with_exit_1_when_the_job_fails() {
    let mut scenario = Scenario::default().with_speed(100.0);
    scenario.dcs.instances[0].outcomes = vec![Outcome::Fail];
    let sim = Running::start(scenario);
    let run = sim.swap(&["--wait", "--interval", "50ms"]).expect(1);
    let job: hwcloud_dcs::types::ShowJobInfoResponse = run.typed();
    assert_eq!(job.status, hwcloud_dcs::types::JobStatus::Fail);
    assert!(run.stderr.contains("not in sync"), "{}", run.stderr);
}

#[test]
fn wait_ends_with_exit_4_when_the_deadline_passes() {
    let sim = Running::start(Scenario::default()); // a job takes 10 s
    let run = sim
        .swap(&["--wait", "--deadline", "500ms", "--interval", "100ms"])
        .expect(4);
    let job: hwcloud_dcs::types::ShowJobInfoResponse = run.typed();
    assert_ne!(job.status, hwcloud_dcs::types::JobStatus::Success);
    assert!(
        run.stderr.contains("the operation goes on"),
        "{}",
        run.stderr
    );
}

#[test]
fn ctrl_c_while_waiting_exits_130_and_says_the_switchover_goes_on() {
    let sim = Running::start(Scenario::default());
    let child = command(&sim.swap_args(&["--wait"]), &sim.env())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawns");
    // Wait until it is following the job.
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while sim.sim.requests_of("ShowJobInfo").is_empty() {
        assert!(std::time::Instant::now() < deadline, "never polled");
        std::thread::sleep(Duration::from_millis(20));
    }
    let status = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(status.success());
    let out = child.wait_with_output().expect("ends");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(130), "{stderr}");
    assert!(stderr.contains("the switchover itself goes on"), "{stderr}");
    assert!(
        stderr.contains("hwc dcs show-job-info --job-id"),
        "{stderr}"
    );
}

#[test]
fn watch_follows_an_upgrade_to_its_end() {
    let sim = Running::fast();
    let cluster = sim.info().css.upgrading_cluster_id.clone().unwrap();
    let run = sim
        .hwc(&[
            "css",
            "upgrade-detail",
            "--cluster-id",
            &cluster,
            "--watch",
            "--interval",
            "50ms",
        ])
        .expect(0);
    let task: hwcloud_css::types::GetUpgradeDetailInfo = run.typed();
    assert_eq!(
        task.status,
        Some(hwcloud_css::types::UpgradeStatus::Success)
    );
    assert!(run.stderr.contains("[3/3 nodes]"), "{}", run.stderr);
}

#[test]
fn drs_wait_follows_the_virtual_ip_switchover() {
    let sim = Running::fast();
    let job = sim.info().drs.job_id.clone().unwrap();
    let switch = |sim: &Running, mode| {
        let args = [
            "--job-id",
            &job,
            "--mode",
            mode,
            "--wait",
            "--interval",
            "50ms",
        ];
        sim.hwc(&[&["drs", "switch-vip"][..], &args].concat())
    };
    let run = switch(&sim, "source").expect(0);
    let state: hwcloud_drs::types::ShowSwitchVipStatusResponse = run.typed();
    assert_eq!(
        state.status,
        hwcloud_drs::types::SwitchVipProgress::SwitchVipComplete
    );

    // The status now repeats the previous switchover's outcome: no evidence, never exit 0.
    sim.sim
        .inject(
            hwcloud_sim::Fault::stale()
                .on("ShowSwitchVipStatus")
                .always(),
        )
        .unwrap();
    let args = [
        "drs",
        "switch-vip",
        "--job-id",
        &job,
        "--mode",
        "target",
        "--wait",
        "--interval",
        "10ms",
        "--deadline",
        "300ms",
    ];
    let run = sim.hwc(&args).expect(7);
    assert!(run.stderr.contains("no evidence"), "{}", run.stderr);
    assert!(run.stderr.contains("performed:  maybe"), "{}", run.stderr);
    assert_eq!(sim.sim.performed("SwitchVip"), 2, "each sent once");

    let mut scenario = Scenario::default().with_speed(100.0);
    scenario.drs.jobs[0].outcomes = vec![Outcome::Fail];
    let failing = Running::start(scenario);
    switch(&failing, "target").expect(1);
}

#[test]
fn dcs_wait_reports_a_success_the_roles_contradict_and_a_busy_refusal() {
    let mut scenario = Scenario::default().with_speed(100.0);
    scenario.dcs.instances[0].outcomes = vec![Outcome::SuccessUnchanged];
    let sim = Running::start(scenario);
    let run = sim.swap(&["--wait", "--interval", "20ms"]).expect(6);
    assert!(
        run.stderr.contains("it reports success, but"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("still replication_role master"),
        "{}",
        run.stderr
    );
    sim.sim
        .inject(hwcloud_sim::Fault::busy("DCS.4049").on("ChangeMasterStandbyAsync"))
        .unwrap();
    let run = sim.swap(&["--wait", "--interval", "20ms"]).expect(3);
    assert!(run.stderr.contains("busy"), "{}", run.stderr);
    assert!(run.stderr.contains("performed:  no"), "{}", run.stderr);
    assert_eq!(sim.sim.performed("ChangeMasterStandbyAsync"), 1);
}

#[test]
fn service_errors_exit_3_with_status_code_message_and_request_id() {
    let sim = Running::fast();
    let single = sim.info().dcs.single_node_instance_id.clone().unwrap();
    let run = sim
        .hwc(&[
            "dcs",
            "change-master-standby-async",
            "--instance-id",
            &single,
        ])
        .expect(3);
    assert_eq!(run.stdout, "", "errors print nothing on stdout");
    for text in [
        "status:     400",
        "error_code: DCS.4855",
        "error_msg:  Master standby swap is not supported.",
        "request_id: ",
        "performed:  no",
    ] {
        assert!(run.stderr.contains(text), "{text} in {}", run.stderr);
    }
    assert!(!run.stderr.contains("request_id: (none)"), "{}", run.stderr);
}

#[test]
fn a_lost_answer_to_a_switchover_exits_5() {
    let sim = Running::fast();
    sim.sim
        .inject(Fault::reset_after_perform().on("ChangeMasterStandbyAsync"))
        .unwrap();
    let run = sim.swap(&[]).expect(5);
    assert!(run.stderr.contains("performed:  maybe"), "{}", run.stderr);
    assert_eq!(sim.sim.performed("ChangeMasterStandbyAsync"), 1);
}

#[test]
fn unreachable_services_exit_3_and_bad_usage_exits_2() {
    // A port nothing listens on.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let env = vec![
        ("HWC_ENDPOINT".into(), format!("http://127.0.0.1:{port}")),
        ("HUAWEICLOUD_SDK_AK".into(), "AK".into()),
        ("HUAWEICLOUD_SDK_SK".into(), "SK-never-printed-0001".into()),
        ("HUAWEICLOUD_SDK_PROJECT_ID".into(), "p".into()),
    ];
    let secrets = ["SK-never-printed-0001".to_owned()];
    let refused = run(&["dcs", "show-job-info", "--job-id", "j"], &env, &secrets).expect(3);
    assert!(
        refused.stderr.contains("performed:  no"),
        "{}",
        refused.stderr
    );

    run(
        &["dcs", "show-job-info", "--job-id", "j", "--bogus"],
        &env,
        &secrets,
    )
    .expect(2);
    run(&["dcs", "show-job-info"], &env, &secrets).expect(2);
    run(&["dcs", "nothing-like-this"], &env, &secrets).expect(2);
    let no_region = run(
        &["dcs", "show-job-info", "--job-id", "j"],
        &env[1..],
        &secrets,
    )
    .expect(2);
    assert!(
        no_region.stderr.contains("--region"),
        "{}",
        no_region.stderr
    );
    let no_credentials = run(
        &["dcs", "show-job-info", "--job-id", "j"],
        &[env[0].clone(), env[3].clone()],
        &secrets,
    )
    .expect(2);
    assert!(
        no_credentials.stderr.contains("HUAWEICLOUD_SDK_AK"),
        "{}",
        no_credentials.stderr
    );
    run(
        &["dcs", "show-job-info", "--job-id", "j", "--deadline", "1s"],
        &env,
        &secrets,
    )
    .expect(2);
}

#[test]
fn credentials_from_a_file_temporary_keys_or_an_iam_token_never_show() {
    let sim = Running::fast();
    let info = sim.info().clone();
    let secrets = sim.secrets();
    let base = |extra: &[(&str, &str)]| {
        let mut env = vec![
            ("HWC_ENDPOINT".to_owned(), info.endpoint.clone()),
            (
                "HUAWEICLOUD_SDK_PROJECT_ID".to_owned(),
                info.project_id.clone(),
            ),
        ];
        env.extend(
            extra
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned())),
        );
        env
    };
    let cluster = info.css.upgrading_cluster_id.clone().unwrap();
    let args = ["css", "upgrade-detail", "--cluster-id", cluster.as_str()];

    let temporary = info.temporary.clone().unwrap();
    run(
        &args,
        &base(&[
            ("CLOUD_SDK_AK", &temporary.ak),
            ("CLOUD_SDK_SK", &temporary.sk),
            ("HUAWEICLOUD_SDK_SECURITY_TOKEN", &temporary.security_token),
        ]),
        &secrets,
    )
    .expect(0);
    let token = info.iam_token.clone().unwrap();
    run(&args, &base(&[("HWC_IAM_TOKEN", &token)]), &secrets).expect(0);

    let dir = std::env::temp_dir().join(format!("hwc-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("credentials");
    std::fs::write(
        &file,
        format!(
            "export HUAWEICLOUD_SDK_AK={}\nHUAWEICLOUD_SDK_SK={}\n",
            info.ak, info.sk
        ),
    )
    .unwrap();
    let path = file.display().to_string();
    let mut with_file: Vec<&str> = args.to_vec();
    with_file.extend(["--credentials-file", &path]);
    run(&with_file, &base(&[]), &secrets).expect(0);

    // A wrong secret is refused by the service (401): exit 3, and the secret is not echoed.
    std::fs::write(
        &file,
        format!(
            "HUAWEICLOUD_SDK_AK={}\nHUAWEICLOUD_SDK_SK=wrong-secret-0001\n",
            info.ak
        ),
    )
    .unwrap();
    let wrong = ["wrong-secret-0001".to_owned()];
    run(&with_file, &base(&[]), &wrong).expect(3);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn table_output_and_body_templates_and_completions() {
    let sim = Running::fast();
    let cluster = sim.info().css.upgrading_cluster_id.clone().unwrap();
    let table = sim
        .hwc(&[
            "css",
            "upgrade-detail",
            "--cluster-id",
            &cluster,
            "--output",
            "table",
        ])
        .expect(0);
    assert!(table.stdout.starts_with("totalSize"), "{}", table.stdout);
    assert!(table.stdout.contains("detailList:"), "{}", table.stdout);

    let template = run(
        &["drs", "switch-vip", "--job-id", "j", "--json-body-template"],
        &[],
        &[],
    )
    .expect(0);
    let body: hwcloud_drs::types::SwitchVipRequestBody = template.typed();
    assert_eq!(body.mode, hwcloud_drs::types::SwitchoverMode::Source);

    let bash = run(&["completions", "bash"], &[], &[]).expect(0);
    assert!(
        bash.stdout.contains("change-master-standby-async"),
        "{}",
        bash.stdout
    );
}

#[test]
#[cfg(feature = "sim")]
fn the_drill_runs_every_operation_and_passes() {
    use std::collections::HashMap;
    let out = command(&["drill"], &[]).output().expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let report: Value = serde_json::from_slice(&out.stdout).expect("a JSON report");
    assert_eq!(report["failed"], 0, "{report:#}");
    let ran: HashMap<String, usize> = report["operations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                o["operation"].as_str().unwrap().to_owned(),
                o["steps"].as_array().unwrap().len(),
            )
        })
        .collect();
    for op in Op::all() {
        let id = op.spec().operation_id;
        assert!(
            ran.get(id).is_some_and(|n| *n > 0),
            "{id} not run: {report:#}"
        );
    }
    for waiter in ["--wait", "--watch"] {
        assert!(stderr.contains(waiter), "{waiter}: {stderr}");
    }
}

/// A switchover that reports success but changes nothing (the synchronous one, which no waiter
/// follows): the drill's declarative check of the roles after it fails the drill, and says why.
#[test]
#[cfg(feature = "sim")]
fn a_drill_fails_when_an_answer_contradicts_a_step_s_check() {
    use hwcloud_sim::DcsInstanceKind;
    let mut scenario = Scenario::default();
    let instance = scenario
        .dcs
        .instances
        .iter_mut()
        .find(|i| i.kind == DcsInstanceKind::MasterStandby)
        .expect("the default scenario has a master/standby instance");
    // The first switchover (followed with --wait) succeeds; the second reports success only.
    instance.outcomes = vec![Outcome::Success, Outcome::SuccessUnchanged];
    let dir = std::env::temp_dir().join(format!("hwc-cli-test-{}-unchanged", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("scenario.json");
    std::fs::write(&path, serde_json::to_string(&scenario).unwrap()).unwrap();
    let out = command(
        &[
            "drill",
            "--scenario",
            path.to_str().unwrap(),
            "--keep-going",
        ],
        &[],
    )
    .output()
    .expect("runs");
    let _ = std::fs::remove_dir_all(&dir);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let report: Value = serde_json::from_slice(&out.stdout).expect("a JSON report");
    assert_eq!(report["failed"], 1, "{report:#}");
    let failed: Vec<&Value> = report["steps"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| {
            s["outcome"]
                .as_str()
                .is_some_and(|o| o.starts_with("FAILED"))
        })
        .collect();
    assert_eq!(failed.len(), 1, "{report:#}");
    let step = failed[0];
    // The switchover itself ended as expected: what fails is the read after it.
    assert_eq!(step["exit_code"], step["expected_exit_code"], "{step:#}");
    assert_eq!(step["verified"], Value::Null, "{step:#}");
    let outcome = step["outcome"].as_str().unwrap();
    assert!(
        outcome.contains("expected") && outcome.contains("node_id"),
        "{outcome}"
    );
    let previous = &report["steps"][step["step"].as_u64().unwrap() as usize - 2];
    assert_eq!(previous["exit_code"], 0, "{previous:#}");
    assert!(
        previous["outcome"].as_str().unwrap().starts_with("ok"),
        "{previous:#}"
    );
}
