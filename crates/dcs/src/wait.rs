//! Following a switchover to its end. `send_and_wait` on the asynchronous switchover builders is
//! generated from the spec's `x-waiter` (the busy codes, the job it follows, the replication roles
//! that prove it); [`Client::wait_for_job`] follows a job given only its id.

use hwcloud_core::wait::WaitError;
use hwcloud_core::wait::engine::{Follow, Inputs};

use crate::types::ShowJobInfoResponse;
use crate::{Client, WAITERS};

/// Why waiting for a job did not end in a proven `SUCCESS`: the job failed (its final state, with
/// `fail_reason`), the roles contradict its success, the instance was busy, the deadline passed
/// (with the last state seen), the switchover request itself failed, or a poll failed for good.
/// [`WaitError::performed`] says whether the switchover may have been performed.
pub type JobWaitError = WaitError<ShowJobInfoResponse>;

/// A wait for a DCS job: configure it, then `.await` it, or take its `.stream()` of changes. It
/// owns what it needs (a clone of the client), so it can be handed to `tokio::spawn`.
pub type JobWaiter = Follow<ShowJobInfoResponse>;

impl Client {
    /// Follows the job `job_id` (as returned by an asynchronous switchover) until it ends:
    /// `.await` gives the final `ShowJobInfoResponse` on `SUCCESS`, or a [`JobWaitError`].
    ///
    /// Given only the job, it cannot read what proves the switchover (which replica was to be
    /// promoted): the `SUCCESS` is the job's word. `send_and_wait` on the switchover builders
    /// proves it with the replication roles.
    ///
    /// Polls `ShowJobInfo`, immediately and then with capped backoff and jitter; takes a 404 just
    /// after the job was created as "not there yet" a few times; stops at once on other errors
    /// (401, 403). Dropping the future stops polling; the job itself goes on.
    ///
    /// ```no_run
    /// # async fn run(dcs: hwcloud_dcs::Client) -> Result<(), Box<dyn std::error::Error>> {
    /// use std::time::Duration;
    /// let job = dcs
    ///     .wait_for_job("job-1")
    ///     .deadline(Duration::from_secs(600))
    ///     .on_change(|job| eprintln!("job is {}", job.status))
    ///     .await?;
    /// # Ok(())
    /// # }
    /// ```
    pub fn wait_for_job(&self, job_id: impl Into<String>) -> JobWaiter {
        let spec = WAITERS
            .iter()
            .find(|w| w.poll.operation == "ShowJobInfo")
            .expect("the spec follows its switchovers' jobs");
        let answer = serde_json::json!({ "job_id": job_id.into() });
        Follow::started(spec, self.waiter_reader(), Inputs::default(), answer).unverified()
    }
}
