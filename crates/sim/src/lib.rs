//! `hwcloud-sim`: a local cloud for the operations of this workspace's specs.
//!
//! A stateful, signature-checking simulator of every operation of `specs/dcs.yaml`,
//! `specs/drs.yaml` and `specs/css.yaml`, on the specs' paths, answering bodies serialized from the
//! generated types of the service crates, with fault injection and ground truth for tests.
//!
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! use hwcloud_core::Credentials;
//! use hwcloud_sim::{Fault, Scenario, Sim};
//!
//! let sim = Sim::start(Scenario::default().with_speed(1000.0)).await?;
//! let info = sim.info();
//! let dcs = hwcloud_dcs::Client::builder()
//!     .endpoint(&info.endpoint)
//!     .credentials(Credentials::aksk(&info.ak, &info.sk))
//!     .project_id(&info.project_id)
//!     .build()?;
//! sim.inject(Fault::reset_after_perform().on("ChangeMasterStandbyAsync"))?;
//! let outcome = dcs
//!     .change_master_standby_async()
//!     .instance_id(info.dcs.master_standby_instance_id.as_deref().unwrap())
//!     .send()
//!     .await;
//! assert!(outcome.is_err());
//! assert_eq!(sim.performed("ChangeMasterStandbyAsync"), 1);
//! # Ok(())
//! # }
//! ```

mod admin;
mod answer;
mod auth;
mod clock;
mod faults;
mod handlers;
mod proof;
mod scenario;
mod server;
mod state;
mod world;

use std::net::SocketAddr;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use tokio::net::TcpListener;
use tokio::sync::watch;

pub use answer::Service;
pub use faults::{Fault, FaultKind};
pub use scenario::{
    AkSkSpec, CredentialsSpec, CssClusterSpec, CssNodeSpec, CssSpec, CssTaskKind, CssTaskSpec,
    DEFAULT_SCENARIO, DcsDurations, DcsGroupSpec, DcsInstanceKind, DcsInstanceSpec, DcsSpec,
    DrsDurations, DrsJobSpec, DrsSpec, IamTokenSpec, ImageSpec, Outcome, PhaseSpec, Scenario,
    ScenarioError,
};
pub use state::HANDLED;
pub use world::{
    CssClusterState, CssTaskState, DcsGroupState, DcsInstanceState, DrsJobState, Performed,
    Snapshot,
};

use state::{Shared, lock};

/// Why the simulator could not start.
#[derive(Debug, thiserror::Error)]
pub enum SimError {
    /// The scenario is inconsistent.
    #[error(transparent)]
    Scenario(#[from] ScenarioError),
    /// The address could not be bound.
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// The address.
        addr: SocketAddr,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// A spec operation has no handler (a spec changed without the simulator).
    #[error("the simulator cannot serve every operation: {0}")]
    Routes(String),
}

/// What a client needs to talk to a running simulator: the start-up JSON line.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SimInfo {
    /// The bound URL, `http://127.0.0.1:PORT`.
    pub endpoint: String,
    /// The first permanent access key.
    pub ak: String,
    /// Its secret key.
    pub sk: String,
    /// The project every resource belongs to.
    pub project_id: String,
    /// Temporary credentials, if the scenario has some.
    pub temporary: Option<TemporaryInfo>,
    /// An IAM token, if the scenario has one.
    pub iam_token: Option<String>,
    /// DCS resources.
    pub dcs: DcsInfo,
    /// DRS resources.
    pub drs: DrsInfo,
    /// CSS resources.
    pub css: CssInfo,
    /// The availability zones of the scenario's region.
    #[serde(default)]
    pub availability_zones: Vec<String>,
    /// The admin endpoint, `{endpoint}/_sim`.
    pub admin: String,
    /// The speed factor.
    pub speed: f64,
    /// The process id.
    pub pid: u32,
}

/// Temporary AK/SK and their security token.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemporaryInfo {
    /// Access key id.
    pub ak: String,
    /// Secret key.
    pub sk: String,
    /// Security token.
    pub security_token: String,
}

/// Well-known DCS ids.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DcsInfo {
    /// A master/standby instance.
    pub master_standby_instance_id: Option<String>,
    /// A cluster instance.
    pub cluster_instance_id: Option<String>,
    /// A shard of that cluster.
    pub group_id: Option<String>,
    /// A replica in that shard.
    pub replica_node_id: Option<String>,
    /// A single-node instance (every switchover: `DCS.4855`).
    pub single_node_instance_id: Option<String>,
}

/// Well-known DRS ids.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DrsInfo {
    /// A replication job.
    pub job_id: Option<String>,
}

/// Well-known CSS ids.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CssInfo {
    /// A cluster with a running upgrade.
    pub upgrading_cluster_id: Option<String>,
    /// A cluster with a running AZ switchover.
    pub az_migrating_cluster_id: Option<String>,
    /// A cluster with no task, ever: one to start an AZ switchover on.
    #[serde(default)]
    pub idle_cluster_id: Option<String>,
}

impl SimInfo {
    fn new(scenario: &Scenario, endpoint: String) -> Self {
        let permanent = scenario
            .credentials
            .aksk
            .iter()
            .find(|k| k.security_token.is_none());
        let temporary = scenario.credentials.aksk.iter().find_map(|k| {
            k.security_token.as_ref().map(|token| TemporaryInfo {
                ak: k.ak.clone(),
                sk: k.sk.clone(),
                security_token: token.clone(),
            })
        });
        let instance = |kind| scenario.dcs.instances.iter().find(move |i| i.kind == kind);
        let cluster = instance(DcsInstanceKind::Cluster);
        let group = cluster.and_then(|c| c.groups.iter().find(|g| !g.replicas.is_empty()));
        let css_with = |kind| {
            scenario
                .css
                .clusters
                .iter()
                .find(|c| c.tasks.iter().any(|t| t.kind == kind))
                .map(|c| c.id.clone())
        };
        Self {
            admin: format!("{endpoint}/_sim"),
            endpoint,
            ak: permanent.map(|k| k.ak.clone()).unwrap_or_default(),
            sk: permanent.map(|k| k.sk.clone()).unwrap_or_default(),
            project_id: scenario.project_id.clone(),
            temporary,
            iam_token: scenario
                .credentials
                .iam_tokens
                .first()
                .map(|t| t.token.clone()),
            dcs: DcsInfo {
                master_standby_instance_id: instance(DcsInstanceKind::MasterStandby)
                    .map(|i| i.id.clone()),
                cluster_instance_id: cluster.map(|i| i.id.clone()),
                group_id: group.map(|g| g.id.clone()),
                replica_node_id: group.and_then(|g| g.replicas.first().cloned()),
                single_node_instance_id: instance(DcsInstanceKind::Single).map(|i| i.id.clone()),
            },
            drs: DrsInfo {
                job_id: scenario.drs.jobs.first().map(|j| j.id.clone()),
            },
            css: CssInfo {
                upgrading_cluster_id: css_with(CssTaskKind::Upgrade),
                az_migrating_cluster_id: css_with(CssTaskKind::AzMigration),
                idle_cluster_id: scenario
                    .css
                    .clusters
                    .iter()
                    .find(|c| c.tasks.is_empty())
                    .map(|c| c.id.clone()),
            },
            availability_zones: scenario.availability_zones.clone(),
            speed: scenario.speed,
            pid: std::process::id(),
        }
    }
}

/// One request the simulator received, and what it answered.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RequestRecord {
    /// Order of arrival, from 0.
    pub seq: u64,
    /// When it arrived, in simulated milliseconds since the epoch.
    pub at_ms: i64,
    /// Method.
    pub method: String,
    /// Path, as sent.
    pub path: String,
    /// Query, as sent.
    pub query: Option<String>,
    /// The operation its route belongs to (`None`: no such API).
    pub operation: Option<String>,
    /// Headers (`X-Auth-Token` and `X-Security-Token` redacted).
    pub headers: Vec<(String, String)>,
    /// Body, as received (lossy UTF-8).
    pub body: String,
    /// Who it authenticated as (`SDK-HMAC-SHA256 AK...`, `IAM token`), if it did.
    pub principal: Option<String>,
    /// Faults that hit it.
    pub faults: Vec<String>,
    /// The status answered (`None`: the connection was reset, or no answer yet).
    pub status: Option<u16>,
    /// The answer's content type.
    pub content_type: Option<String>,
    /// The answer's body, in full, before any fault cut or slowed it.
    pub response_body: Option<String>,
    /// Whether the connection was reset instead of answering.
    pub reset: bool,
}

/// Starts simulators.
pub struct Sim;

impl Sim {
    /// Starts a simulator of `scenario` on a free loopback port.
    pub async fn start(scenario: Scenario) -> Result<SimHandle, SimError> {
        Self::start_on(scenario, SocketAddr::from(([127, 0, 0, 1], 0))).await
    }

    /// Starts a simulator of `scenario` on `addr`.
    pub async fn start_on(scenario: Scenario, addr: SocketAddr) -> Result<SimHandle, SimError> {
        scenario.validate()?;
        let listener = TcpListener::bind(addr)
            .await
            .map_err(|source| SimError::Bind { addr, source })?;
        let bound = listener
            .local_addr()
            .map_err(|source| SimError::Bind { addr, source })?;
        let shared = Arc::new(Shared::new(&scenario));
        let info = SimInfo::new(&scenario, format!("http://{bound}"));
        let _ = shared.info.set(info.clone());
        let router = server::router(Arc::clone(&shared)).map_err(SimError::Routes)?;
        let (stop, stopped) = watch::channel(false);
        let task = tokio::spawn(server::serve(
            listener,
            router,
            shared.read_timeout,
            stopped,
        ));
        tracing::info!(endpoint = %info.endpoint, speed = scenario.speed, "hwcloud-sim ready");
        Ok(SimHandle {
            info,
            shared,
            stop,
            task: Some(task),
        })
    }
}

/// A running simulator; dropping it stops it.
pub struct SimHandle {
    info: SimInfo,
    shared: Arc<Shared>,
    stop: watch::Sender<bool>,
    task: Option<tokio::task::JoinHandle<()>>,
}

impl std::fmt::Debug for SimHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SimHandle")
            .field("endpoint", &self.info.endpoint)
            .finish_non_exhaustive()
    }
}

impl SimHandle {
    /// The facts of the start-up JSON line.
    pub fn info(&self) -> &SimInfo {
        &self.info
    }

    /// The bound URL.
    pub fn endpoint(&self) -> &str {
        &self.info.endpoint
    }

    /// How many times `operation` (`ChangeMasterStandbyAsync`, `ChangeMasterStandby`,
    /// `ExecuteClusterSwitchover`, `SwitchVip`) was really performed.
    pub fn performed(&self, operation: &str) -> usize {
        lock(&self.shared.world)
            .performed()
            .iter()
            .filter(|p| p.operation == operation)
            .count()
    }

    /// Every switchover really performed, in order.
    pub fn switchovers(&self) -> Vec<Performed> {
        lock(&self.shared.world).performed().to_vec()
    }

    /// The `n`-th switchover performed ([`SimHandle::switchovers`]) checked the way its spec's
    /// waiter verifies it, against the simulator's state now (a later switchover of the same
    /// target changes what it reads): `None` when its spec declares no verification;
    /// `Some(Err(why))` when it does not hold (a `success_unchanged` outcome, a failed
    /// switchover, one not over yet), with what the verification read shows.
    pub async fn verify(&self, n: usize) -> Option<Result<(), String>> {
        let (service, resume) = lock(&self.shared.proofs).get(&n).cloned()?;
        let spec = proof::waiter(service, &resume.operation)?;
        let reader = proof::reader(Arc::clone(&self.shared), service);
        hwcloud_core::wait::engine::verification(spec, reader, &resume)
            .await
            .ok()
            .flatten()
    }

    /// Every request received, in order (the last 100 000).
    pub fn requests(&self) -> Vec<RequestRecord> {
        lock(&self.shared.log).to_vec()
    }

    /// The requests of one operation, in order.
    pub fn requests_of(&self, operation: &str) -> Vec<RequestRecord> {
        self.requests()
            .into_iter()
            .filter(|r| r.operation.as_deref() == Some(operation))
            .collect()
    }

    /// Arms a fault (an unknown operation or a status that is not an error is refused).
    pub fn inject(&self, fault: Fault) -> Result<(), String> {
        state::arm(&self.shared, fault)
    }

    /// The armed faults.
    pub fn faults(&self) -> Vec<Fault> {
        lock(&self.shared.faults).list()
    }

    /// Disarms every fault.
    pub fn clear_faults(&self) {
        lock(&self.shared.faults).clear();
    }

    /// Where every resource is now.
    pub fn snapshot(&self) -> Snapshot {
        let now = self.shared.clock.now_ms();
        lock(&self.shared.world).snapshot(now)
    }

    /// Stops accepting connections, lets the open ones finish their current request, and waits.
    pub async fn shutdown(mut self) {
        let _ = self.stop.send(true);
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for SimHandle {
    fn drop(&mut self) {
        let _ = self.stop.send(true);
        if let Some(task) = self.task.take() {
            task.abort();
        }
    }
}
