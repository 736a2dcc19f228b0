//! The exact HTTP request each operation puts on the wire for a fixed input, signed with fixed keys
//! at a fixed date.

use hwcloud_drs::Client;
use hwcloud_drs::types::{Language, SwitchVipRequestBody, SwitchoverMode};
use hwcloud_tests::{CaptureServer, CapturedRequest};

const PROJECT_ID: &str = "054ba152d480d55b2f5dc0069e7ddef0";

/// The one request `call` sends, signed with the vectors' keys at their date to a fixed host name:
/// the snapshots pin `Authorization`, `X-Sdk-Date`, `X-Project-Id` and the rest of it.
async fn capture(call: impl AsyncFnOnce(&Client)) -> CapturedRequest {
    let answer = (202, r#"{"id":"j","status":"success"}"#);
    CaptureServer::capture_signed(Client::builder, PROJECT_ID, answer, call).await
}

#[tokio::test]
async fn switch_vip() {
    let request = capture(async |c| {
        c.switch_vip()
            .job_id("8c81a12f-2581-4424-a3ab-70ed874jb201")
            .body(SwitchVipRequestBody {
                mode: SwitchoverMode::Source,
            })
            .send()
            .await
            .expect("202");
    })
    .await;
    insta::assert_snapshot!(request.render());
}

#[tokio::test]
async fn switch_vip_with_a_language() {
    let request = capture(async |c| {
        c.switch_vip()
            .job_id("8c81a12f-2581-4424-a3ab-70ed874jb201")
            .x_language(Language::ZhCn)
            .body(SwitchVipRequestBody {
                mode: SwitchoverMode::Target,
            })
            .send()
            .await
            .expect("202");
    })
    .await;
    insta::assert_snapshot!(request.render());
}

#[tokio::test]
async fn show_switch_vip_status() {
    let request = capture(async |c| {
        c.show_switch_vip_status()
            .job_id("260e27fd-4976-44dc-9948-e1265e4jb201")
            .send()
            .await
            .map(drop)
            .map_err(drop)
            .ok();
    })
    .await;
    insta::assert_snapshot!(request.render());
}

#[tokio::test]
async fn batch_list_job_details() {
    let answer = (200, r#"{"count":0,"results":[]}"#);
    let request =
        CaptureServer::capture_signed(Client::builder, PROJECT_ID, answer, async |c: &Client| {
            c.batch_list_job_details()
                .x_language(Language::EnUs)
                .body(hwcloud_drs::types::BatchQueryJobReqPage {
                    jobs: vec![
                        "24834eb6-be30-464e-a299-f7aa730jb101".into(),
                        "140b5236-88ad-43c8-811c-1268453jb101".into(),
                    ],
                    page_req: Some(hwcloud_drs::types::PageReq {
                        cur_page: Some(1),
                        per_page: Some(10),
                    }),
                })
                .send()
                .await
                .expect("200");
        })
        .await;
    insta::assert_snapshot!(request.render());
}
