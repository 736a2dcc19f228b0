//! Following a virtual IP switchover to its end: [`Client::wait_for_switch_vip`] polls
//! `ShowSwitchVipStatus` until `SWITCH_VIP_COMPLETE` or `SWITCH_VIP_FAILED`, and
//! `send_and_wait` on the `SwitchVip` builder sends the switchover once and follows it.

use hwcloud_core::wait::{Outcome, PollPolicy, WaitError, Waiter};

use crate::types::{ShowSwitchVipStatusResponse, SwitchVipProgress, SwitchVipStatus};
use crate::{Client, builder};

/// Why a virtual IP switchover did not complete: it failed (its final state, with `error_code`
/// and `error_msg`), the deadline passed, the request was not accepted or failed, or a poll
/// failed for good.
pub type SwitchVipWaitError = WaitError<ShowSwitchVipStatusResponse>;

/// A wait for a virtual IP switchover: configure it, then `.await` it, or take its `.stream()`.
pub type SwitchVipWaiter = Waiter<'static, ShowSwitchVipStatusResponse>;

fn outcome(state: &ShowSwitchVipStatusResponse) -> Outcome {
    match state.status {
        SwitchVipProgress::SwitchVipComplete => Outcome::Succeeded,
        SwitchVipProgress::SwitchVipFailed => Outcome::Failed,
        // SWITCH_VIP_START, and any state added after this release: keep polling.
        _ => Outcome::Pending,
    }
}

fn same(a: &ShowSwitchVipStatusResponse, b: &ShowSwitchVipStatusResponse) -> bool {
    a.status == b.status
}

impl Client {
    /// Follows the virtual IP switchover of the job `job_id` until it completes or fails:
    /// `.await` gives the final state on `SWITCH_VIP_COMPLETE`, or a [`SwitchVipWaitError`].
    /// Dropping the future stops polling; the switchover itself goes on.
    pub fn wait_for_switch_vip(&self, job_id: impl Into<String>) -> SwitchVipWaiter {
        self.switch_vip_waiter(job_id.into(), None)
    }

    fn switch_vip_waiter(&self, job_id: String, project_id: Option<String>) -> SwitchVipWaiter {
        let client = self.clone();
        Waiter::new(
            move || {
                let (client, job_id, project_id) =
                    (client.clone(), job_id.clone(), project_id.clone());
                Box::pin(async move {
                    let mut request = client.show_switch_vip_status().job_id(job_id);
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

impl builder::SwitchVip<'_> {
    /// Sends the switchover once and follows it to the end with the default [`PollPolicy`]: the
    /// final state on `SWITCH_VIP_COMPLETE`, or a [`SwitchVipWaitError`] that says whether the
    /// switchover may have been performed ([`WaitError::may_have_been_performed`]). A request the
    /// service answers with `status: failed` is [`WaitError::Rejected`]. Never sent twice.
    pub async fn send_and_wait(self) -> Result<ShowSwitchVipStatusResponse, SwitchVipWaitError> {
        self.send_and_wait_with(PollPolicy::default()).await
    }

    /// [`Self::send_and_wait`], polling as `policy` says.
    pub async fn send_and_wait_with(
        self,
        policy: PollPolicy,
    ) -> Result<ShowSwitchVipStatusResponse, SwitchVipWaitError> {
        let client = self.client();
        let project_id = self.project_id_value().ok().map(str::to_owned);
        let accepted = self.send().await.map_err(WaitError::Start)?.into_inner();
        if accepted.status == SwitchVipStatus::Failed {
            return Err(WaitError::Rejected(format!(
                "switch-vip answered status `{}`{}{}",
                accepted.status,
                accepted
                    .error_code
                    .map(|c| format!(", error_code {c}"))
                    .unwrap_or_default(),
                accepted
                    .error_msg
                    .map(|m| format!(": {m}"))
                    .unwrap_or_default(),
            )));
        }
        client
            .switch_vip_waiter(accepted.id, project_id)
            .policy(policy)
            .wait()
            .await
    }
}
