//! Switches a replication job's source virtual IP over and waits until it has moved.
//!
//! `cargo run -p hwcloud-drs --example switch_vip -- JOB_ID`, with the endpoint in
//! `HWCLOUD_ENDPOINT`, credentials in `HUAWEICLOUD_SDK_AK`/`_SK` and the project in
//! `HUAWEICLOUD_SDK_PROJECT_ID`.

use hwcloud_core::Credentials;
use hwcloud_drs::types::{SwitchVipRequestBody, SwitchoverMode};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let job_id = std::env::args().nth(1).ok_or("usage: switch_vip JOB_ID")?;
    let drs = hwcloud_drs::Client::builder()
        .endpoint(std::env::var("HWCLOUD_ENDPOINT")?)
        .credentials(Credentials::from_env()?)
        .build()?;
    let done = drs
        .switch_vip()
        .job_id(job_id)
        .body(SwitchVipRequestBody {
            mode: SwitchoverMode::Source,
        })
        .send_and_wait()
        .await?;
    println!("virtual IP switched over: {}", done.status);
    Ok(())
}
