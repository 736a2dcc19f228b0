//! Watches a cluster's upgrade (or, with `--az`, its AZ switchover) until it ends.
//!
//! `cargo run -p hwcloud-css --example watch_upgrade -- CLUSTER_ID [--az]`, with the endpoint in
//! `HWCLOUD_ENDPOINT`, credentials in `HUAWEICLOUD_SDK_AK`/`_SK` and the project in
//! `HUAWEICLOUD_SDK_PROJECT_ID`.

use futures_util::StreamExt;
use hwcloud_core::Credentials;
use hwcloud_css::types::ActionMode;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let cluster_id = args
        .next()
        .ok_or("usage: watch_upgrade CLUSTER_ID [--az]")?;
    let css = hwcloud_css::Client::builder()
        .endpoint(std::env::var("HWCLOUD_ENDPOINT")?)
        .credentials(Credentials::from_env()?)
        .build()?;
    let mut watch = css.watch_upgrade(cluster_id);
    if args.next().as_deref() == Some("--az") {
        watch = watch.action_mode(ActionMode::AzMigration);
    }
    let mut progress = std::pin::pin!(watch.stream());
    while let Some(snapshot) = progress.next().await {
        let task = snapshot?;
        let phase = task
            .current_node_detail
            .iter()
            .find(|p| {
                p.status
                    .as_ref()
                    .is_some_and(|s| s.to_string() != "SUCCESS")
            })
            .and_then(|p| p.name.clone())
            .unwrap_or_default();
        println!(
            "{:>3.0}% {} {} {}",
            100.0 * task.progress().unwrap_or(0.0),
            task.status.map(|s| s.to_string()).unwrap_or_default(),
            task.current_node_name.unwrap_or_default(),
            phase
        );
    }
    Ok(())
}
