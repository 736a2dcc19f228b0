//! Following a switchover to its end: [`Client::wait_for_job`] polls `ShowJobInfo` until the job is
//! `SUCCESS` or `FAIL`, and `send_and_wait` on the asynchronous switchover builders sends the
//! switchover once and follows its job.

use hwcloud_core::wait::{Outcome, PollPolicy, WaitError, Waiter};

use crate::types::{JobStatus, ShowJobInfoResponse};
use crate::{Client, builder};

/// Why waiting for a job did not end in `SUCCESS`: the job failed (its final state, with
/// `fail_reason`), the deadline passed (with the last state seen), the switchover request itself
/// failed, or a poll failed for good.
pub type JobWaitError = WaitError<ShowJobInfoResponse>;

/// A wait for a DCS job: configure it, then `.await` it, or take its `.stream()` of changes. It
/// owns what it needs (a clone of the client), so it can be handed to `tokio::spawn`.
pub type JobWaiter = Waiter<'static, ShowJobInfoResponse>;

fn outcome(job: &ShowJobInfoResponse) -> Outcome {
    match job.status {
        JobStatus::Success => Outcome::Succeeded,
        JobStatus::Fail => Outcome::Failed,
        // INIT, RUNNING, and any state added after this release: keep polling.
        _ => Outcome::Pending,
    }
}

fn same(a: &ShowJobInfoResponse, b: &ShowJobInfoResponse) -> bool {
    a.status == b.status
}

impl Client {
    /// Follows the job `job_id` (as returned by an asynchronous switchover) until it ends:
    /// `.await` gives the final `ShowJobInfoResponse` on `SUCCESS`, or a [`JobWaitError`].
    ///
    /// Polls `ShowJobInfo` (retried by the core on 429, 5xx and lost connections, like every
    /// idempotent call), immediately and then with capped backoff and jitter; takes a 404 just
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
        self.job_waiter(job_id.into(), None)
    }

    fn job_waiter(&self, job_id: String, project_id: Option<String>) -> JobWaiter {
        let client = self.clone();
        Waiter::new(
            move || {
                let (client, job_id, project_id) =
                    (client.clone(), job_id.clone(), project_id.clone());
                Box::pin(async move {
                    let mut request = client.show_job_info().job_id(job_id);
                    if let Some(project_id) = project_id {
                        request = request.project_id(project_id);
                    }
                    request.send().await.map(|r| r.into_inner())
                })
            },
            outcome,
            same,
        )
    }
}

macro_rules! send_and_wait {
    ($builder:ident) => {
        impl<'a> builder::$builder<'a> {
            /// Sends the switchover once and follows its job to the end with the default
            /// [`PollPolicy`]: the final job on `SUCCESS`, or a [`JobWaitError`] that says
            /// whether the switchover may have been performed
            /// ([`WaitError::may_have_been_performed`]). The switchover is never sent twice.
            pub async fn send_and_wait(self) -> Result<ShowJobInfoResponse, JobWaitError> {
                self.send_and_wait_with(PollPolicy::default()).await
            }

            /// [`Self::send_and_wait`], polling as `policy` says.
            pub async fn send_and_wait_with(
                self,
                policy: PollPolicy,
            ) -> Result<ShowJobInfoResponse, JobWaitError> {
                let client = self.client();
                let project_id = self.project_id_value().ok().map(str::to_owned);
                let job = self.send().await.map_err(WaitError::Start)?.into_inner();
                client
                    .job_waiter(job.job_id, project_id)
                    .policy(policy)
                    .wait()
                    .await
            }
        }
    };
}

send_and_wait!(ChangeMasterStandbyAsync);
send_and_wait!(ExecuteClusterSwitchover);
