//! `x-clouds`: an operation called on a cloud whose reference does not document it is sent all the
//! same, with a `tracing` warning; on a cloud that documents it, or an endpoint of unknown cloud,
//! nothing is said.

use httpmock::MockServer;
use hwcloud_core::{Cloud, Region, RetryPolicy};
use hwcloud_dcs::Client;
use hwcloud_tests::trace;
use serde_json::json;

async fn swap_on(cloud: Option<Cloud>) -> Vec<trace::Entry> {
    let server = MockServer::start_async().await;
    let mock = server.mock(|when, then| {
        when.path_includes("async-swap");
        then.status(200).json_body(json!({"job_id": "job-1"}));
    });
    // A region of `cloud` whose endpoint the official override variable points at the mock, or
    // the mock's URL itself (a cloud unknown).
    let url = server.base_url();
    let builder = match cloud {
        Some(Cloud::HuaweiCloud) => Client::builder().region(Region::huawei_cloud("cn-north-4")),
        Some(_) => Client::builder().region(Region::open_telekom_cloud("eu-de")),
        None => Client::builder().endpoint(url.clone()),
    };
    let dcs = builder
        .env_lookup(move |name| {
            name.starts_with("HUAWEICLOUD_SDK_REGION_DCS_")
                .then(|| url.clone())
        })
        .project_id("p-1")
        .retry(RetryPolicy::none())
        .build()
        .expect("a client");
    let capture = trace::Capture::start();
    let job = dcs
        .change_master_standby_async()
        .instance_id("i-1")
        .send()
        .await
        .expect("sent all the same");
    let entries = capture.entries();
    drop(capture);
    assert_eq!(job.job_id, "job-1");
    mock.assert();
    entries
}

fn warnings(entries: &[trace::Entry]) -> Vec<String> {
    entries
        .iter()
        .filter(|e| e.what.starts_with("event WARN"))
        .filter_map(|e| e.field("message"))
        .filter(|m| m.contains("is not documented for"))
        .map(str::to_owned)
        .collect()
}

#[tokio::test]
async fn an_operation_off_its_clouds_is_sent_with_a_warning() {
    // ChangeMasterStandbyAsync is published for Huawei Cloud only.
    let otc = warnings(&swap_on(Some(Cloud::OpenTelekomCloud)).await);
    assert_eq!(otc.len(), 1, "{otc:?}");
    assert!(
        otc[0].contains("ChangeMasterStandbyAsync") && otc[0].contains("Open Telekom Cloud"),
        "{otc:?}"
    );
    assert!(warnings(&swap_on(Some(Cloud::HuaweiCloud)).await).is_empty());
    assert!(warnings(&swap_on(None).await).is_empty());
}

#[test]
fn the_operation_table_carries_the_spec_clouds() {
    let find = |ops: &'static [hwcloud_core::__private::Operation], name: &str| {
        ops.iter().find(|op| op.name == name).expect(name).clouds
    };
    assert_eq!(
        find(hwcloud_dcs::OPERATIONS, "ChangeMasterStandbyAsync"),
        [Cloud::HuaweiCloud]
    );
    assert_eq!(
        find(hwcloud_dcs::OPERATIONS, "ShowJobInfo"),
        [Cloud::HuaweiCloud, Cloud::OpenTelekomCloud]
    );
    assert_eq!(
        find(hwcloud_drs::OPERATIONS, "ShowSwitchVipStatus"),
        [Cloud::OpenTelekomCloud]
    );
}
