//! Client for the Distributed Cache Service (DCS) API v2 of Huawei Cloud and Open Telekom Cloud:
//! master/replica switchover of an instance (`ChangeMasterStandby`, `ChangeMasterStandbyAsync`),
//! switchover of one shard of a Proxy/Cluster instance (`ExecuteClusterSwitchover`), and the job
//! query that follows an asynchronous switchover to its end (`ShowJobInfo`).
//!
//! The client, builders and types are generated from `specs/dcs.yaml` by `cargo xtask generate`.
//!
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! use hwcloud_core::{Credentials, Region};
//! use hwcloud_dcs::{Client, types::JobStatus};
//!
//! let dcs = Client::builder()
//!     .region(Region::huawei_cloud("cn-north-4"))
//!     .credentials(Credentials::from_env()?)
//!     .project_id("0123456789abcdef0123456789abcdef")
//!     .build()?;
//! let job = dcs
//!     .change_master_standby_async()
//!     .instance_id("5560df16-cebf-4473-95c4-d1b573c16e79")
//!     .send()
//!     .await?;
//! let info = dcs.show_job_info().job_id(&job.job_id).send().await?;
//! if info.status == JobStatus::Success {
//!     println!("switched over");
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
pub use wait::{JobWaitError, JobWaiter};

hwcloud_core::service_client!(Client, "dcs", ENDPOINTS);

/// The crate README's example, compiled as a doctest so it stays true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct CrateReadmeDoctests;

/// The README's Rust examples, compiled as doctests so they stay true.
#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
pub struct ReadmeDoctests;

/// The Rust examples of the pages under `docs/`, compiled as doctests so they stay true (one
/// `include_str!` per page with Rust examples; `crates/cli/tests/docs.rs` checks that none is
/// missing).
#[cfg(doctest)]
#[doc = include_str!("../../../docs/users/clients.md")]
#[doc = include_str!("../../../docs/users/waiters.md")]
#[doc = include_str!("../../../docs/users/simulator.md")]
#[doc = include_str!("../../../docs/users/failover.md")]
pub struct DocsDoctests;
