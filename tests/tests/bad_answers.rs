//! Bad answers through every operation of every service: the corpus in `tests/data/bad-answers/`
//! (one raw HTTP answer per `NAME.http`, its expected typed outcome in `NAME.expect.json`), then
//! arbitrary statuses, headers and bytes (proptest): nothing panics, every outcome is typed.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::LazyLock;
use std::time::Duration;

use hwcloud_core::{Credentials, Error, ErrorKind, RetryPolicy};
use hwcloud_tests::{Reply, ScriptedServer, clients, workspace_root};
use proptest::prelude::*;
use serde_json::Value;

const AK: &str = "AKBADANSWERS00000001";
const SK: &str = "bad-answers-secret-key-0123456789abcdef";
const PROJECT_ID: &str = "0123456789abcdef0123456789abcdef";
const ID: &str = "5560df16-cebf-4473-95c4-d1b573c16e79";

/// Every operation of every service, by its spec `operationId`.
fn every_operation() -> Vec<&'static str> {
    [
        hwcloud_dcs::OPERATIONS,
        hwcloud_drs::OPERATIONS,
        hwcloud_css::OPERATIONS,
    ]
    .concat()
    .into_iter()
    .map(|op| op.name)
    .collect()
}

macro_rules! client {
    ($service:ident, $url:expr) => {
        clients::loopback(
            $service::Client::builder(),
            $url,
            PROJECT_ID,
            RetryPolicy::none(),
        )
        .credentials(Credentials::aksk(AK, SK))
        .timeout(Duration::from_secs(5))
        .build()
        .expect("client builds")
    };
}

/// Calls `operation` once against `url`, as a user would, keeping only whether it succeeded.
async fn call(operation: &str, url: &str) -> Result<(), Error> {
    match operation {
        "ExecuteClusterSwitchover" => client!(hwcloud_dcs, url)
            .execute_cluster_switchover()
            .instance_id(ID)
            .group_id("group-1")
            .node_id("node-1")
            .send()
            .await
            .map(|_| ()),
        "ChangeMasterStandbyAsync" => client!(hwcloud_dcs, url)
            .change_master_standby_async()
            .instance_id(ID)
            .send()
            .await
            .map(|_| ()),
        "ChangeMasterStandby" => client!(hwcloud_dcs, url)
            .change_master_standby()
            .instance_id(ID)
            .send()
            .await
            .map(|_| ()),
        "ShowJobInfo" => client!(hwcloud_dcs, url)
            .show_job_info()
            .job_id("job-1")
            .send()
            .await
            .map(|_| ()),
        "SwitchVip" => client!(hwcloud_drs, url)
            .switch_vip()
            .job_id(ID)
            .body(hwcloud_drs::types::SwitchVipRequestBody {
                mode: hwcloud_drs::types::SwitchoverMode::Source,
            })
            .send()
            .await
            .map(|_| ()),
        "ShowSwitchVipStatus" => client!(hwcloud_drs, url)
            .show_switch_vip_status()
            .job_id(ID)
            .send()
            .await
            .map(|_| ()),
        "UpgradeDetail" => client!(hwcloud_css, url)
            .upgrade_detail()
            .cluster_id(ID)
            .send()
            .await
            .map(|_| ()),
        "ListGroupReplicationInfo" => client!(hwcloud_dcs, url)
            .list_group_replication_info()
            .instance_id(ID)
            .send()
            .await
            .map(|_| ()),
        "ShowInstance" => client!(hwcloud_dcs, url)
            .show_instance()
            .instance_id(ID)
            .send()
            .await
            .map(|_| ()),
        "ListBackgroundTask" => client!(hwcloud_dcs, url)
            .list_background_task()
            .instance_id(ID)
            .send()
            .await
            .map(|_| ()),
        "BatchListJobDetails" => client!(hwcloud_drs, url)
            .batch_list_job_details()
            .body(hwcloud_drs::types::BatchQueryJobReqPage {
                jobs: vec![ID.to_owned()],
                page_req: None,
            })
            .send()
            .await
            .map(|_| ()),
        "ShowClusterDetail" => client!(hwcloud_css, url)
            .show_cluster_detail()
            .cluster_id(ID)
            .send()
            .await
            .map(|_| ()),
        "UpdateAzByInstanceType" => client!(hwcloud_css, url)
            .update_az_by_instance_type()
            .cluster_id(ID)
            .inst_type(hwcloud_css::types::InstType::All)
            .body(hwcloud_css::types::UpdateAzByInstanceTypeRequestBody {
                source_az: "az-1".into(),
                target_az: "az-2".into(),
                migrate_type: hwcloud_css::types::MigrateType::AzMigrate,
                agency: "agency".into(),
                indices_backup_check: None,
            })
            .send()
            .await
            .map(|_| ()),
        other => panic!("no call for {other}: add it to `call` in {}", file!()),
    }
}

/// Sends `reply` as the answer to one call of `operation`.
async fn answer(operation: &str, reply: Reply) -> Result<(), Error> {
    let server = ScriptedServer::start(vec![reply]).await;
    call(operation, &server.url()).await
}

fn corpus_dir() -> PathBuf {
    workspace_root().join("tests/data/bad-answers")
}

/// Whether `outcome` is what `expected` (`{"kind", "status", "message", "error_code"}`) says.
fn check(outcome: &Result<(), Error>, expected: &Value) -> Result<(), String> {
    let kind = expected["kind"].as_str().expect("kind");
    let err = match (outcome, kind) {
        (Ok(()), "Ok") => return Ok(()),
        (Ok(()), _) => return Err(format!("succeeded, expected {kind}")),
        (Err(e), "Ok") => return Err(format!("expected success, got {e:?}")),
        (Err(e), _) => e,
    };
    let actual = format!("{:?}", err.kind());
    if actual != kind {
        return Err(format!("expected {kind}, got {err:?}"));
    }
    if let Some(status) = expected["status"].as_u64()
        && err.status().map(|s| u64::from(s.as_u16())) != Some(status)
    {
        return Err(format!("expected status {status}, got {err:?}"));
    }
    if let Some(code) = expected["error_code"].as_str()
        && err.service_error().and_then(|e| e.error_code.as_deref()) != Some(code)
    {
        return Err(format!("expected error code {code}, got {err:?}"));
    }
    if let Some(message) = expected["message"].as_str()
        && !err.to_string().contains(message)
    {
        return Err(format!("expected {message:?} in the message: {err}"));
    }
    Ok(())
}

#[tokio::test]
async fn every_bad_answer_gives_its_expected_outcome_on_every_operation() {
    let operations = every_operation();
    let mut cases = BTreeMap::new();
    for entry in std::fs::read_dir(corpus_dir()).expect("tests/data/bad-answers") {
        let path = entry.expect("entry").path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if let Some(case) = name.strip_suffix(".http") {
            let expect = corpus_dir().join(format!("{case}.expect.json"));
            let expected: Value = serde_json::from_str(
                &std::fs::read_to_string(&expect)
                    .unwrap_or_else(|e| panic!("{case}: no {}: {e}", expect.display())),
            )
            .unwrap_or_else(|e| panic!("{case}: invalid expectation: {e}"));
            cases.insert(case.to_owned(), (std::fs::read(&path).unwrap(), expected));
        } else {
            assert!(
                name.strip_suffix(".expect.json")
                    .is_some_and(|case| corpus_dir().join(format!("{case}.http")).exists()),
                "{name}: not a case (NAME.http) or the expectation of one"
            );
        }
    }
    assert!(cases.len() >= 11, "the corpus is there: {:?}", cases.keys());
    let mut failures = Vec::new();
    for (case, (raw, expected)) in &cases {
        for key in expected.as_object().unwrap().keys() {
            assert!(
                ["why", "default"].contains(&key.as_str()) || operations.contains(&key.as_str()),
                "{case}: {key} is not an operation"
            );
        }
        for operation in &operations {
            let wanted = expected.get(*operation).unwrap_or(&expected["default"]);
            let outcome = answer(operation, Reply::from_http_file(raw)).await;
            if let Err(why) = check(&outcome, wanted) {
                failures.push(format!("{case} / {operation}: {why}"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// One runtime for the property tests, which are synchronous.
static RUNTIME: LazyLock<tokio::runtime::Runtime> = LazyLock::new(|| {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("runtime")
});

/// A body: arbitrary bytes, or JSON-looking text that gets further into decoding.
fn body() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..600),
        "[ -~]{0,200}".prop_map(String::into_bytes),
        (
            prop::sample::select(vec![
                "job_id",
                "status",
                "id",
                "detailList",
                "error_code",
                "error_msg",
                "errCode",
                "code",
                "totalSize",
            ]),
            prop_oneof![
                Just("null".to_owned()),
                Just("[]".to_owned()),
                Just("{}".to_owned()),
                any::<i64>().prop_map(|n| n.to_string()),
                any::<f64>().prop_map(|n| n.to_string()),
                "\"[^\"\\\\]{0,20}\"",
            ]
        )
            .prop_map(|(k, v)| format!("{{\"{k}\": {v}}}").into_bytes()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// Any status, content type, extra header and body, through any operation: no panic, and a
    /// typed outcome that fits the status.
    #[test]
    fn any_answer_through_any_operation_is_typed(
        operation in prop::sample::select(every_operation()),
        status in 100u16..600,
        content_type in prop::sample::select(vec![
            "application/json", "text/html", "text/plain", "application/octet-stream", "",
        ]),
        header in "[a-z]{1,12}: [ -~]{0,40}",
        body in body(),
    ) {
        let mut raw = format!("HTTP/1.1 {status} X\r\n");
        if !content_type.is_empty() {
            raw.push_str(&format!("content-type: {content_type}\r\n"));
        }
        raw.push_str(&format!("{header}\r\ncontent-length: {}\r\n\r\n", body.len()));
        let mut raw = raw.into_bytes();
        raw.extend_from_slice(&body);
        let outcome = RUNTIME.block_on(answer(operation, Reply::Raw(raw)));
        match &outcome {
            Ok(()) => prop_assert!((200..300).contains(&status), "{status} succeeded"),
            Err(err) => {
                // Informational answers are not final: the connection then closed.
                if status < 200 {
                    prop_assert!(
                        matches!(err.kind(), ErrorKind::MaybeSent | ErrorKind::Service),
                        "{status}: {err:?}"
                    );
                } else {
                    prop_assert_eq!(err.status().map(|s| s.as_u16()), Some(status), "{:?}", err);
                    let kinds: &[ErrorKind] = if (200..300).contains(&status) {
                        &[ErrorKind::Decode, ErrorKind::Service]
                    } else {
                        &[ErrorKind::Service]
                    };
                    prop_assert!(kinds.contains(&err.kind()), "{status}: {err:?}");
                }
                // Every error can be shown and is bounded.
                let shown = err.to_string();
                prop_assert!(shown.len() < 4096, "{} bytes", shown.len());
            }
        }
    }
}
