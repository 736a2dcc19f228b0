//! Following a virtual IP switchover to its end. `send_and_wait` on the `SwitchVip` builder is
//! generated from the spec's `x-waiter`: it reads the status before sending (it describes the
//! job's last switchover and carries no id of this one) and counts a final state only once the
//! status was seen to leave that baseline. [`Client::wait_for_switch_vip`] follows a switchover
//! already sent.

use hwcloud_core::wait::WaitError;
use hwcloud_core::wait::engine::{Follow, Inputs};

use crate::types::ShowSwitchVipStatusResponse;
use crate::{Client, WAITERS};

/// Why a virtual IP switchover did not complete with evidence: it failed (its final state, with
/// `error_code` and `error_msg`), the status never left its baseline (`NoEvidence`), the deadline
/// passed, the request was not accepted or failed, or a poll failed for good.
pub type SwitchVipWaitError = WaitError<ShowSwitchVipStatusResponse>;

/// A wait for a virtual IP switchover: configure it, then `.await` it, or take its `.stream()`.
pub type SwitchVipWaiter = Follow<ShowSwitchVipStatusResponse>;

impl Client {
    /// Follows the virtual IP switchover of the job `job_id` until it completes or fails.
    ///
    /// The status describes the job's last switchover, whichever it was: without the baseline
    /// `send_and_wait` reads before sending, this wait cannot tell this switchover's outcome from
    /// an earlier one's. Prefer `send_and_wait`. Dropping the future stops polling; the
    /// switchover itself goes on.
    pub fn wait_for_switch_vip(&self, job_id: impl Into<String>) -> SwitchVipWaiter {
        let spec = WAITERS
            .iter()
            .find(|w| w.poll.operation == "ShowSwitchVipStatus")
            .expect("the spec follows switch-vip");
        let inputs = Inputs::default().param("job_id", job_id.into());
        Follow::started(spec, self.waiter_reader(), inputs, serde_json::Value::Null)
    }
}
