//! Switches a master/standby instance over and follows the job to its end.
//!
//! `cargo run -p hwcloud-dcs --example switchover -- INSTANCE_ID`, with the endpoint in
//! `HWCLOUD_ENDPOINT` (for example the simulator's), credentials in `HUAWEICLOUD_SDK_AK`/`_SK`
//! and the project in `HUAWEICLOUD_SDK_PROJECT_ID`.

use std::time::Duration;

use hwcloud_core::Credentials;
use hwcloud_core::wait::{PollPolicy, WaitError};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let instance_id = std::env::args()
        .nth(1)
        .ok_or("usage: switchover INSTANCE_ID")?;
    let endpoint = std::env::var("HWCLOUD_ENDPOINT")?;
    let dcs = hwcloud_dcs::Client::builder()
        .endpoint(endpoint)
        .credentials(Credentials::from_env()?)
        .build()?;
    let policy = PollPolicy::default().with_deadline(Duration::from_secs(600));
    match dcs
        .change_master_standby_async()
        .instance_id(instance_id)
        .send_and_wait_with(policy)
        .await
    {
        Ok(job) => println!("switched over: job {} {}", job.job_id, job.status),
        Err(WaitError::Failed(job)) => println!("the switchover failed: {:?}", job.fail_reason),
        Err(e) if e.may_have_been_performed() => println!("outcome unknown, check first: {e}"),
        Err(e) => println!("not performed: {e}"),
    }
    Ok(())
}
