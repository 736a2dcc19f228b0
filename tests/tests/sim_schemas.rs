//! The simulator cannot drift from the specs: a workload walks every operation through its states
//! and errors, and every JSON body the simulator answered is checked against the schema the spec
//! documents for that operation and status (converted to JSON Schema as `cargo xtask lint` does).

mod sim_support;

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use hwcloud_css::types::ActionMode;
use hwcloud_dcs::types::JobStatus;
use hwcloud_drs::types::SwitchoverMode;
use hwcloud_sim::{Fault, Outcome, RequestRecord, Scenario, SimHandle};
use jsonschema::{Draft, Validator};
use serde_json::{Map, Value, json};
use sim_support::*;

/// The schema of the response `status` of `operation`: the exact status, else its class (`4XX`),
/// else `default`. `None` when the spec documents no such response.
fn response_schema<'a>(spec: &'a Value, operation: &str, status: u16) -> Option<Option<&'a Value>> {
    let (_, _, _, op) = hwcloud_tests::operations(spec)
        .into_iter()
        .find(|(id, ..)| id == operation)?;
    let responses = &op["responses"];
    let class = format!("{}XX", status / 100);
    let response = [status.to_string(), class, "default".to_owned()]
        .iter()
        .find_map(|key| responses.get(key))?;
    let response = hwcloud_tests::resolve(spec, response);
    Some(response.pointer("/content/application~1json/schema"))
}

fn validator(spec: &Value, schema: &Value) -> Validator {
    let components: Map<String, Value> = spec["components"]["schemas"]
        .as_object()
        .into_iter()
        .flatten()
        .map(|(name, schema)| (name.clone(), hwcloud_spec_model::to_json_schema(schema)))
        .collect();
    let Value::Object(mut document) = hwcloud_spec_model::to_json_schema(schema) else {
        panic!("a schema is an object");
    };
    document.insert("components".into(), json!({ "schemas": components }));
    jsonschema::options()
        .with_draft(Draft::Draft4)
        .build(&Value::Object(document))
        .expect("the schema compiles")
}

/// Drives every operation through its states and errors.
async fn workload(sim: &SimHandle) {
    let info = sim.info().clone();
    let dcs = dcs(sim, &sha256());
    let drs = drs(sim, &sha256());
    let css = css(sim, &sha256());
    let ms = info.dcs.master_standby_instance_id.clone().unwrap();
    let drs_job = info.drs.job_id.clone().unwrap();

    // DCS: a job polled from INIT to its end, twice (the second fails), a shard switchover, the
    // synchronous swap, and their errors.
    for _ in 0..2 {
        // The second request below may itself start a job when the first has ended already.
        until_idle(sim, &ms).await;
        let job = start_swap(&dcs, &ms).await;
        let _ = dcs
            .change_master_standby_async()
            .instance_id(&ms)
            .send()
            .await;
        poll_job(&dcs, &job, |i| {
            matches!(i.status, JobStatus::Success | JobStatus::Fail)
        })
        .await;
    }
    let _ = dcs
        .execute_cluster_switchover()
        .instance_id(info.dcs.cluster_instance_id.as_deref().unwrap())
        .group_id(info.dcs.group_id.as_deref().unwrap())
        .node_id(info.dcs.replica_node_id.as_deref().unwrap())
        .send()
        .await
        .unwrap();
    let _ = dcs
        .execute_cluster_switchover()
        .instance_id(&ms)
        .group_id("g")
        .node_id("n")
        .send()
        .await;
    let _ = dcs
        .execute_cluster_switchover()
        .instance_id(info.dcs.cluster_instance_id.as_deref().unwrap())
        .group_id("nope")
        .node_id("nope")
        .send()
        .await;
    dcs.change_master_standby()
        .instance_id(&ms)
        .send()
        .await
        .unwrap();
    let single = info.dcs.single_node_instance_id.clone().unwrap();
    let _ = dcs
        .change_master_standby()
        .instance_id(&single)
        .send()
        .await;
    let _ = dcs
        .change_master_standby_async()
        .instance_id("nope")
        .send()
        .await;
    let _ = dcs.show_job_info().job_id("nope").send().await;

    // DRS: before any switchover, one that completes, one that fails, and the errors.
    let _ = drs.show_switch_vip_status().job_id(&drs_job).send().await;
    for mode in [SwitchoverMode::Source, SwitchoverMode::Target] {
        drs.switch_vip()
            .job_id(&drs_job)
            .body(vip_body(mode))
            .send()
            .await
            .unwrap();
        let _ = drs
            .switch_vip()
            .job_id(&drs_job)
            .body(vip_body(mode))
            .send()
            .await;
        poll_switch_vip_end(&drs, &drs_job).await;
    }
    let _ = drs.show_switch_vip_status().job_id("nope").send().await;
    let _ = drs
        .switch_vip()
        .job_id("nope")
        .body(vip_body(SwitchoverMode::Source))
        .send()
        .await;

    // CSS: both clusters in every mode through their whole walk, paging, errors.
    let clusters = [
        info.css.upgrading_cluster_id.clone().unwrap(),
        info.css.az_migrating_cluster_id.clone().unwrap(),
    ];
    for _ in 0..40 {
        for cluster in &clusters {
            css.upgrade_detail()
                .cluster_id(cluster)
                .send()
                .await
                .unwrap();
            for mode in [ActionMode::Upgrading, ActionMode::AzMigration] {
                css.upgrade_detail()
                    .cluster_id(cluster)
                    .action_mode(mode)
                    .send()
                    .await
                    .unwrap();
            }
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    css.upgrade_detail()
        .cluster_id(&clusters[0])
        .offset(2)
        .limit(1)
        .send()
        .await
        .unwrap();
    let _ = css
        .upgrade_detail()
        .cluster_id(&clusters[0])
        .limit(0)
        .send()
        .await;
    let _ = css.upgrade_detail().cluster_id("nope").send().await;

    // The reads around a failover, and the AZ switch: answers and errors.
    let cluster_instance = info.dcs.cluster_instance_id.clone().unwrap();
    for instance in [&ms, &cluster_instance] {
        dcs.list_group_replication_info()
            .instance_id(instance)
            .send()
            .await
            .unwrap();
        dcs.show_instance()
            .instance_id(instance)
            .send()
            .await
            .unwrap();
        dcs.list_background_task()
            .instance_id(instance)
            .limit(2)
            .send()
            .await
            .unwrap();
    }
    let _ = dcs
        .list_group_replication_info()
        .instance_id(&single)
        .send()
        .await;
    let _ = dcs.show_instance().instance_id("nope").send().await;
    let _ = dcs
        .list_background_task()
        .instance_id(&ms)
        .start_time("never")
        .send()
        .await;
    let idle = info.css.idle_cluster_id.clone().unwrap();
    css.show_cluster_detail()
        .cluster_id(&idle)
        .send()
        .await
        .unwrap();
    css.update_az_by_instance_type()
        .cluster_id(&idle)
        .inst_type(hwcloud_css::types::InstType::Ess)
        .body(hwcloud_css::types::UpdateAzByInstanceTypeRequestBody {
            source_az: "cn-north-4a".into(),
            target_az: "cn-north-4c".into(),
            migrate_type: hwcloud_css::types::MigrateType::AzMigrate,
            agency: "css-test-agency".into(),
            indices_backup_check: Some(true),
        })
        .send()
        .await
        .unwrap();
    css.show_cluster_detail()
        .cluster_id(&idle)
        .send()
        .await
        .unwrap();
    let _ = css
        .update_az_by_instance_type()
        .cluster_id(&idle)
        .inst_type(hwcloud_css::types::InstType::Ess)
        .body(hwcloud_css::types::UpdateAzByInstanceTypeRequestBody {
            source_az: "cn-north-4b".into(),
            target_az: "cn-north-4c".into(),
            migrate_type: hwcloud_css::types::MigrateType::AzMigrate,
            agency: "css-test-agency".into(),
            indices_backup_check: None,
        })
        .send()
        .await;
    let _ = css.show_cluster_detail().cluster_id("nope").send().await;
    drs.batch_list_job_details()
        .body(hwcloud_drs::types::BatchQueryJobReqPage {
            jobs: vec![drs_job.clone(), "nope".into()],
            page_req: None,
        })
        .send()
        .await
        .unwrap();
    let _ = drs
        .batch_list_job_details()
        .body(hwcloud_drs::types::BatchQueryJobReqPage {
            jobs: Vec::new(),
            page_req: None,
        })
        .send()
        .await;

    // The gateway's answers, and faults answered with the service's or the gateway's body.
    let wrong = configure(hwcloud_css::Client::builder(), sim, &sha256())
        .credentials(hwcloud_core::Credentials::aksk(&info.ak, "wrong"))
        .build()
        .unwrap();
    let _ = wrong.upgrade_detail().cluster_id(&clusters[0]).send().await;
    let _ = css
        .upgrade_detail()
        .project_id("other")
        .cluster_id(&clusters[0])
        .send()
        .await;
    let _ = dcs
        .show_job_info()
        .project_id("other")
        .job_id("x")
        .send()
        .await;
    let _ = drs
        .show_switch_vip_status()
        .project_id("other")
        .job_id("x")
        .send()
        .await;
    for status in [429, 500, 502, 503, 504] {
        for op in ["ShowJobInfo", "ShowSwitchVipStatus", "UpgradeDetail"] {
            sim.inject(Fault::status(status).on(op)).unwrap();
        }
        let _ = dcs.show_job_info().job_id("x").send().await;
        let _ = drs.show_switch_vip_status().job_id(&drs_job).send().await;
        let _ = css.upgrade_detail().cluster_id(&clusters[0]).send().await;
    }
    // Bad input.
    let _ = raw()
        .post(format!(
            "{}/v3/{}/jobs/{drs_job}/switch-vip",
            info.endpoint, info.project_id
        ))
        .header("x-auth-token", token(sim))
        .header("content-type", "application/json")
        .body("{")
        .send()
        .await
        .unwrap();
}

#[tokio::test]
async fn every_answer_validates_against_the_specs_schemas() {
    let mut scenario = Scenario::default();
    scenario.dcs.instances[0].outcomes = vec![Outcome::Success, Outcome::Fail];
    scenario.drs.jobs[0].outcomes = vec![Outcome::Success, Outcome::Fail];
    // A CSS task that fails part way, and walks short enough to be seen to the end.
    for cluster in &mut scenario.css.clusters {
        for task in &mut cluster.tasks {
            task.phase_ms = 20_000;
        }
    }
    let mut failing = scenario.css.clusters[1].tasks[0].clone();
    failing.id = "failing-az-switchover".into();
    failing.outcome = Outcome::Fail;
    failing.fail_node = Some(1);
    failing.start_offset_ms = -1;
    scenario.css.clusters[1].tasks.insert(0, failing);
    let sim = start_with(scenario).await;
    workload(&sim).await;

    let specs = hwcloud_tests::specs();
    let mut validators: BTreeMap<(String, u16), Validator> = BTreeMap::new();
    let mut checked: BTreeMap<String, BTreeSet<u16>> = BTreeMap::new();
    let requests: Vec<RequestRecord> = sim.requests();
    for record in &requests {
        let Some(operation) = record.operation.as_deref() else {
            continue;
        };
        let Some(status) = record.status else {
            continue;
        };
        let (service, spec) = specs
            .iter()
            .find(|(_, spec)| {
                hwcloud_tests::operations(spec)
                    .iter()
                    .any(|(id, ..)| id == operation)
            })
            .unwrap_or_else(|| panic!("no spec has {operation}"));
        let schema = response_schema(spec, operation, status)
            .unwrap_or_else(|| panic!("{service}: {operation} does not document status {status}"));
        let body = record.response_body.as_deref().unwrap_or_default();
        match (record.content_type.as_deref(), schema) {
            (Some("application/json"), Some(schema)) => {
                let value: Value = serde_json::from_str(body)
                    .unwrap_or_else(|e| panic!("{operation} {status}: not JSON ({e}): {body}"));
                let validator = validators
                    .entry((operation.to_owned(), status))
                    .or_insert_with(|| validator(spec, schema));
                let errors: Vec<String> = validator
                    .iter_errors(&value)
                    .map(|e| e.to_string())
                    .collect();
                assert!(
                    errors.is_empty(),
                    "{operation} {status}: {errors:?}\n{body}"
                );
                checked
                    .entry(operation.to_owned())
                    .or_default()
                    .insert(status);
            }
            // A 204, or a 200 the spec documents without a body: there is none.
            (None, None) => {
                assert!(body.is_empty(), "{operation} {status}: {body}");
                checked
                    .entry(operation.to_owned())
                    .or_default()
                    .insert(status);
            }
            (Some("text/html"), _) => {}
            (content_type, schema) => {
                panic!("{operation} {status}: {content_type:?} answered, schema {schema:?}")
            }
        }
    }
    // Every operation of every spec was checked, with its success status and errors.
    for (service, spec) in &specs {
        for (operation, ..) in hwcloud_tests::operations(spec) {
            let (success, _) = hwcloud_tests::statuses(spec, &operation);
            let statuses = checked.get(&operation).cloned().unwrap_or_default();
            assert!(
                statuses.iter().any(|s| *s >= 400),
                "{service}: {operation}: no error checked"
            );
            if success != [204] {
                assert!(
                    success.iter().any(|s| statuses.contains(s)),
                    "{service}: {operation}: no success checked ({statuses:?})"
                );
            }
        }
    }
    // The check bites: a body missing a required member, or with a member of the wrong type, fails.
    let show = &validators[&("ShowJobInfo".to_owned(), 200)];
    assert!(!show.is_valid(&json!({"status": "SUCCESS"})));
    assert!(!show.is_valid(&json!({"job_id": 1, "status": "SUCCESS"})));
    let failed = requests
        .iter()
        .filter_map(|r| r.response_body.as_deref())
        .any(|b| b.contains("failing-az-switchover") && b.contains("\"FAILED\""));
    assert!(failed, "the failing task was seen failed");
    let total: usize = requests.iter().filter(|r| r.status.is_some()).count();
    assert!(total > 300, "{total} answers");
}
