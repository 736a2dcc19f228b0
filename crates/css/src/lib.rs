//! Client for the Cloud Search Service (CSS) API v1.0 of Huawei Cloud and Open Telekom Cloud:
//! phase-by-phase progress of a cluster upgrade or AZ switchover (`UpgradeDetail`).
//!
//! The client, builders and types are generated from `specs/css.yaml` by `cargo xtask generate`.
//!
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! use hwcloud_core::{Credentials, Region};
//! use hwcloud_css::{Client, types::ActionMode};
//!
//! let css = Client::builder()
//!     .region(Region::huawei_cloud("cn-north-4"))
//!     .credentials(Credentials::from_env()?)
//!     .project_id("6204a5bd270343b5885144cf9c8c158d")
//!     .build()?;
//! let detail = css
//!     .upgrade_detail()
//!     .cluster_id("ea244205-d641-45d9-9dcb-ab2236bcd07e")
//!     .action_mode(ActionMode::AzMigration)
//!     .send()
//!     .await?;
//! for task in &detail.detail_list {
//!     println!("{:?}: {:?} on {:?}", task.id, task.status, task.current_node_name);
//! }
//! # Ok(())
//! # }
//! ```
//!
//! With the `mock` feature, `mock::MockServerExt` adds a typed [`httpmock`](https://docs.rs/httpmock)
//! helper per operation, for testing code that calls this service.
#![cfg_attr(docsrs, feature(doc_cfg))]

#[rustfmt::skip]
#[allow(missing_docs, unreachable_pub)] // progenitor's output: documented from the spec where it can be
mod generated;
mod wait;

pub use generated::*;
pub use wait::{MAX_PAGE_SIZE, MigrateParam, UpgradeTasks, UpgradeWaitError, UpgradeWatch};

hwcloud_core::service_client!(Client, "css", ENDPOINTS);
