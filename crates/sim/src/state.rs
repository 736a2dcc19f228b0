//! The state every connection shares (world, faults, request log, authentication), the table of
//! operations served, and arming faults: what the HTTP side (`server`) and the admin endpoint
//! (`admin`) both use, so that neither depends on the other.

use std::sync::atomic::AtomicU64;
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use hwcloud_core::__private::Operation;

use crate::answer::Service;
use crate::auth::Auth;
use crate::clock::SimClock;
use crate::faults::{Fault, Faults};
use crate::world::World;
use crate::{RequestRecord, SimInfo};

/// Every operation the simulator serves: the generated tables of the three service crates.
pub(crate) fn operations() -> impl Iterator<Item = (Service, &'static Operation)> {
    let dcs = hwcloud_dcs::OPERATIONS.iter().map(|op| (Service::Dcs, op));
    let drs = hwcloud_drs::OPERATIONS.iter().map(|op| (Service::Drs, op));
    let css = hwcloud_css::OPERATIONS.iter().map(|op| (Service::Css, op));
    dcs.chain(drs).chain(css)
}

/// The operations the simulator has a handler for (`operationId`s).
pub const HANDLED: &[&str] = &[
    "ExecuteClusterSwitchover",
    "ChangeMasterStandbyAsync",
    "ChangeMasterStandby",
    "ShowJobInfo",
    "SwitchVip",
    "ShowSwitchVipStatus",
    "UpgradeDetail",
    "ListGroupReplicationInfo",
    "ShowInstance",
    "ListBackgroundTask",
    "ShowClusterDetail",
    "UpdateAzByInstanceType",
    "BatchListJobDetails",
];

/// State shared by every connection.
#[derive(Debug)]
pub(crate) struct Shared {
    pub clock: SimClock,
    pub world: Mutex<World>,
    pub faults: Mutex<Faults>,
    pub log: Mutex<RequestLog>,
    pub auth: Auth,
    pub max_body: usize,
    /// How long a client may take to send a request's head, or its body.
    pub read_timeout: Duration,
    pub info: std::sync::OnceLock<SimInfo>,
    pub(crate) seq: AtomicU64,
    /// For each switchover performed (by its index in the world's list), what its waiter read
    /// before it was performed, with its answer: how to check it as the waiter does.
    pub(crate) proofs:
        Mutex<std::collections::BTreeMap<usize, (Service, hwcloud_core::wait::Resume)>>,
}

/// The most requests the log keeps; the oldest are dropped past it.
pub(crate) const REQUEST_LOG_LIMIT: usize = 100_000;

/// Every request received (the last [`REQUEST_LOG_LIMIT`]), in order.
#[derive(Debug, Default)]
pub(crate) struct RequestLog {
    records: std::collections::VecDeque<RequestRecord>,
}

impl RequestLog {
    pub(crate) fn push(&mut self, record: RequestRecord) {
        if self.records.len() == REQUEST_LOG_LIMIT {
            self.records.pop_front();
        }
        self.records.push_back(record);
    }

    /// The record of request `seq`, if still kept (recent ones are at the back).
    pub(crate) fn get_mut(&mut self, seq: u64) -> Option<&mut RequestRecord> {
        self.records.iter_mut().rev().find(|r| r.seq == seq)
    }

    /// Every record, oldest first.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &RequestRecord> {
        self.records.iter()
    }

    pub(crate) fn to_vec(&self) -> Vec<RequestRecord> {
        self.records.iter().cloned().collect()
    }
}

/// Locks a mutex, also after a panic elsewhere poisoned it (the state stays usable).
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Shared {
    pub(crate) fn new(scenario: &crate::Scenario) -> Self {
        let clock = SimClock::new(scenario.speed);
        let world = World::new(scenario, clock.start_ms());
        let mut faults = Faults::default();
        for fault in &scenario.faults {
            faults.arm(fault.clone());
        }
        Self {
            world: Mutex::new(world),
            faults: Mutex::new(faults),
            log: Mutex::new(RequestLog::default()),
            auth: Auth::new(scenario),
            max_body: scenario.max_body_bytes,
            read_timeout: Duration::from_millis(scenario.read_timeout_ms.max(1)),
            info: std::sync::OnceLock::new(),
            seq: AtomicU64::new(0),
            proofs: Mutex::default(),
            clock,
        }
    }
}

/// Arms a fault after checking it.
pub(crate) fn arm(shared: &Shared, fault: Fault) -> Result<(), String> {
    fault.validate()?;
    if let Some(name) = fault.operation.as_deref()
        && name != "*"
        && !operations().any(|(_, op)| op.name == name)
    {
        return Err(format!("no operation {name}"));
    }
    lock(&shared.faults).arm(fault);
    Ok(())
}
