//! Client for the Data Replication Service (DRS) API v3 of Open Telekom Cloud and Huawei Cloud:
//! switching the virtual IP address of a replication job's source or destination database
//! (`SwitchVip`).
//!
//! The client, builders and types are generated from `specs/drs.yaml` by `cargo xtask generate`.
//!
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! use hwcloud_core::{Credentials, Region};
//! use hwcloud_drs::{Client, types::{SwitchVipRequestBody, SwitchVipStatus, SwitchoverMode}};
//!
//! let drs = Client::builder()
//!     .region(Region::open_telekom_cloud("eu-de"))
//!     .credentials(Credentials::from_env()?)
//!     .project_id("054ba152d480d55b2f5dc0069e7ddef0")
//!     .build()?;
//! let outcome = drs
//!     .switch_vip()
//!     .job_id("8c81a12f-2581-4424-a3ab-70ed874jb201")
//!     .body(SwitchVipRequestBody { mode: SwitchoverMode::Source })
//!     .send()
//!     .await?;
//! assert_eq!(outcome.status, SwitchVipStatus::Success);
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
pub use wait::{SwitchVipWaitError, SwitchVipWaiter};

hwcloud_core::service_client!(Client, "drs", ENDPOINTS);
