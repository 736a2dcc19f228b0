//! Scenarios: the resources, durations, outcomes, faults and credentials a simulator starts with.
//!
//! A scenario is a YAML (or JSON) document; `scenarios/default.yaml` is the default one and documents
//! every field. Durations are in simulated milliseconds: the speed factor divides them in real time.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::faults::Fault;

/// The default scenario's text (`crates/sim/scenarios/default.yaml`).
pub const DEFAULT_SCENARIO: &str = include_str!("../scenarios/default.yaml");

/// Why a scenario could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum ScenarioError {
    /// The file could not be read.
    #[error("cannot read scenario {path}: {source}")]
    Read {
        /// The file.
        path: String,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The text is not a valid scenario.
    #[error("invalid scenario: {0}")]
    Parse(#[from] serde_yaml_ng::Error),
    /// The scenario parses but is inconsistent.
    #[error("invalid scenario: {0}")]
    Invalid(String),
}

/// Everything a simulator starts with.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// How many simulated seconds pass per real second (default 1).
    #[serde(default = "one")]
    pub speed: f64,
    /// The project every resource belongs to.
    pub project_id: String,
    /// Who may call.
    pub credentials: CredentialsSpec,
    /// The largest accepted difference between `X-Sdk-Date` and the simulator's clock, in seconds
    /// (default 900: the gateway's 15 minutes).
    #[serde(default = "default_skew")]
    pub max_clock_skew_secs: u64,
    /// The largest request body accepted, in bytes (default 65536); larger ones get 400.
    #[serde(default = "default_body_limit")]
    pub max_body_bytes: usize,
    /// How long a client may take to send a request's head, and then its body, in real
    /// milliseconds (default 30000); then the connection is closed, or the request answered 400.
    #[serde(default = "default_read_timeout")]
    pub read_timeout_ms: u64,
    /// The availability zones of the scenario's region, in order (default: `cn-north-4a`,
    /// `cn-north-4b`, `cn-north-4c`). DCS nodes are spread over them (a shard's master in the
    /// first, its replicas in the next ones); a CSS node without an `az` is in the first; a CSS AZ
    /// switchover to a zone not listed here is refused.
    #[serde(default = "default_azs")]
    pub availability_zones: Vec<String>,
    /// Distributed Cache Service resources.
    #[serde(default)]
    pub dcs: DcsSpec,
    /// Data Replication Service resources.
    #[serde(default)]
    pub drs: DrsSpec,
    /// Cloud Search Service resources.
    #[serde(default)]
    pub css: CssSpec,
    /// Faults armed from the start.
    #[serde(default)]
    pub faults: Vec<Fault>,
}

fn default_azs() -> Vec<String> {
    ["cn-north-4a", "cn-north-4b", "cn-north-4c"]
        .map(String::from)
        .to_vec()
}

fn one() -> f64 {
    1.0
}

fn default_skew() -> u64 {
    15 * 60
}

fn default_body_limit() -> usize {
    64 * 1024
}

fn default_read_timeout() -> u64 {
    30_000
}

/// The credentials the simulated gateway accepts.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CredentialsSpec {
    /// AK/SK pairs (temporary ones with their security token).
    #[serde(default)]
    pub aksk: Vec<AkSkSpec>,
    /// IAM tokens, sent as `X-Auth-Token`.
    #[serde(default)]
    pub iam_tokens: Vec<IamTokenSpec>,
}

/// One AK/SK pair.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AkSkSpec {
    /// Access key id.
    pub ak: String,
    /// Secret access key.
    pub sk: String,
    /// For temporary credentials: the security token every request must carry (and sign) as
    /// `X-Security-Token`.
    #[serde(default)]
    pub security_token: Option<String>,
    /// The project these credentials are scoped to (default: the scenario's).
    #[serde(default)]
    pub project_id: Option<String>,
}

/// One IAM token.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IamTokenSpec {
    /// The token.
    pub token: String,
    /// The project it is scoped to (default: the scenario's).
    #[serde(default)]
    pub project_id: Option<String>,
}

/// How a switchover ends.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// It succeeds.
    #[default]
    Success,
    /// It fails (and changes nothing).
    Fail,
    /// It reports success but changes nothing (a job `SUCCESS` while the roles, the address or
    /// the AZs stay as they were): what a verification read must catch.
    SuccessUnchanged,
}

impl Outcome {
    /// Whether it is reported as a success.
    pub fn reported_success(self) -> bool {
        self != Self::Fail
    }
}

/// DCS instances and how long their switchovers take.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DcsSpec {
    /// Durations of switchover jobs.
    #[serde(default)]
    pub durations: DcsDurations,
    /// The instances.
    #[serde(default)]
    pub instances: Vec<DcsInstanceSpec>,
}

/// Durations of DCS switchovers, in simulated milliseconds.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DcsDurations {
    /// How long a job stays `INIT`.
    #[serde(default = "dcs_init")]
    pub init_ms: u64,
    /// How long a job then stays `RUNNING` before `SUCCESS` or `FAIL`.
    #[serde(default = "dcs_running")]
    pub running_ms: u64,
    /// How long the synchronous `ChangeMasterStandby` takes before it answers.
    #[serde(default = "dcs_sync")]
    pub sync_swap_ms: u64,
}

fn dcs_init() -> u64 {
    2_000
}
fn dcs_running() -> u64 {
    8_000
}
fn dcs_sync() -> u64 {
    3_000
}

impl Default for DcsDurations {
    fn default() -> Self {
        Self {
            init_ms: dcs_init(),
            running_ms: dcs_running(),
            sync_swap_ms: dcs_sync(),
        }
    }
}

/// The kind of a DCS instance.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DcsInstanceKind {
    /// A master node and a standby replica: `ChangeMasterStandby(Async)` swaps them.
    MasterStandby,
    /// Shards (groups) of a master and replicas: `ExecuteClusterSwitchover` promotes a replica.
    Cluster,
    /// A single node: every switchover is "not supported" (`DCS.4855`).
    Single,
}

/// One DCS instance.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DcsInstanceSpec {
    /// Instance id.
    pub id: String,
    /// Instance name.
    #[serde(default)]
    pub name: Option<String>,
    /// Its kind.
    #[serde(rename = "type")]
    pub kind: DcsInstanceKind,
    /// The shards: one for `master_standby` (a master and one replica) and `single` (a master only),
    /// any number for `cluster`.
    pub groups: Vec<DcsGroupSpec>,
    /// How successive switchovers of this instance end, in order; once the list is used up they
    /// succeed.
    #[serde(default)]
    pub outcomes: Vec<Outcome>,
    /// The `fail_reason` of a failed job.
    #[serde(default)]
    pub fail_reason: Option<String>,
}

/// One shard (replication group).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DcsGroupSpec {
    /// Group id.
    pub id: String,
    /// The master node's id.
    pub master: String,
    /// The replica nodes' ids.
    #[serde(default)]
    pub replicas: Vec<String>,
}

/// DRS jobs and how long a virtual IP switchover takes.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DrsSpec {
    /// Duration of a switchover.
    #[serde(default)]
    pub durations: DrsDurations,
    /// The replication jobs.
    #[serde(default)]
    pub jobs: Vec<DrsJobSpec>,
}

/// Durations of DRS switchovers, in simulated milliseconds.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DrsDurations {
    /// How long `SWITCH_VIP_START` lasts before `SWITCH_VIP_COMPLETE` or `SWITCH_VIP_FAILED`.
    #[serde(default = "drs_switch")]
    pub switch_ms: u64,
}

fn drs_switch() -> u64 {
    10_000
}

impl Default for DrsDurations {
    fn default() -> Self {
        Self {
            switch_ms: drs_switch(),
        }
    }
}

/// One replication job.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DrsJobSpec {
    /// Job id.
    pub id: String,
    /// Job name (default: `DRS-` and the id's first 8 characters).
    #[serde(default)]
    pub name: Option<String>,
    /// Whether it is a cross-AZ job (default true): `BatchListJobDetails` then reports its
    /// `master_az` and `slave_az`, the first two availability zones unless given.
    #[serde(default = "yes")]
    pub multi_az: bool,
    /// The primary AZ of a cross-AZ job.
    #[serde(default)]
    pub master_az: Option<String>,
    /// The standby AZ of a cross-AZ job.
    #[serde(default)]
    pub slave_az: Option<String>,
    /// How successive virtual IP switchovers end, in order; then they succeed.
    #[serde(default)]
    pub outcomes: Vec<Outcome>,
}

/// CSS clusters, their tasks, and the phases each node goes through.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CssSpec {
    /// The phases of the work on one node, in order (default: the two of the API page's example).
    #[serde(default = "default_phases")]
    pub phases: Vec<PhaseSpec>,
    /// The clusters.
    #[serde(default)]
    pub clusters: Vec<CssClusterSpec>,
}

impl Default for CssSpec {
    fn default() -> Self {
        Self {
            phases: default_phases(),
            clusters: Vec::new(),
        }
    }
}

/// One phase of the work on a node.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhaseSpec {
    /// Sequence number.
    pub order: i32,
    /// Name.
    pub name: String,
    /// What it does.
    #[serde(default)]
    pub desc: String,
}

fn default_phases() -> Vec<PhaseSpec> {
    vec![
        PhaseSpec {
            order: 0,
            name: "Data migration".into(),
            desc: "Data is migrated from a node to other nodes in the cluster by running the \
                   exclude command."
                .into(),
        },
        PhaseSpec {
            order: 12,
            name: "Task status update".into(),
            desc: "The cluster task status is refreshed. If there are no nodes to be replaced, \
                   the task is marked as completed. Otherwise, another node starts to be replaced."
                .into(),
        },
    ]
}

/// One search cluster.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CssClusterSpec {
    /// Cluster id.
    pub id: String,
    /// Cluster name (default: the id).
    #[serde(default)]
    pub name: Option<String>,
    /// The nodes, in the order the tasks walk them: a name, or `{name, az, type}`.
    pub nodes: Vec<CssNodeSpec>,
    /// How successive AZ switchovers started with `UpdateAzByInstanceType` end, in order; then
    /// they succeed.
    #[serde(default)]
    pub outcomes: Vec<Outcome>,
    /// How long each phase of each node takes in an AZ switchover started with
    /// `UpdateAzByInstanceType` (default 60000).
    #[serde(default = "css_phase")]
    pub az_switch_phase_ms: u64,
    /// Upgrades and AZ switchovers, oldest first.
    #[serde(default)]
    pub tasks: Vec<CssTaskSpec>,
}

/// A CSS node: a name alone, or `{name, az, type}`.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(untagged)]
pub enum CssNodeSpec {
    /// Just its name: a data node (`ess`) in the region's first availability zone.
    Name(String),
    /// Its name, availability zone and type.
    Node {
        /// Node name.
        name: String,
        /// Its availability zone (default: the region's first).
        #[serde(default)]
        az: Option<String>,
        /// Its type: `ess` (the default), `ess-cold`, `ess-client` or `ess-master`.
        #[serde(default, rename = "type")]
        node_type: Option<String>,
    },
}

impl CssNodeSpec {
    /// The node's name.
    pub fn name(&self) -> &str {
        match self {
            CssNodeSpec::Name(name) | CssNodeSpec::Node { name, .. } => name,
        }
    }

    /// Its availability zone, if given.
    pub fn az(&self) -> Option<&str> {
        match self {
            CssNodeSpec::Name(_) => None,
            CssNodeSpec::Node { az, .. } => az.as_deref(),
        }
    }

    /// Its type (`ess` unless given).
    pub fn node_type(&self) -> &str {
        match self {
            CssNodeSpec::Node {
                node_type: Some(t), ..
            } => t,
            _ => "ess",
        }
    }
}

/// The kind of a CSS task.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CssTaskKind {
    /// A version upgrade (reported without `action_mode`, or with `UPGRADING`).
    Upgrade,
    /// An AZ switchover (reported with `action_mode=AZ_MIGRATION`).
    AzMigration,
}

/// One upgrade or AZ switchover.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CssTaskSpec {
    /// Task id.
    pub id: String,
    /// Its kind.
    pub kind: CssTaskKind,
    /// When it started, relative to the simulator's start, in simulated milliseconds (negative:
    /// before, so a task can be over already).
    #[serde(default)]
    pub start_offset_ms: i64,
    /// How long each phase of each node takes.
    #[serde(default = "css_phase")]
    pub phase_ms: u64,
    /// How it ends.
    #[serde(default)]
    pub outcome: Outcome,
    /// For a failing task: the node (index into `nodes`) whose phase fails (default: the last).
    #[serde(default)]
    pub fail_node: Option<usize>,
    /// For a failing task: the phase (index into `phases`) that fails (default: the first).
    #[serde(default)]
    pub fail_phase: Option<usize>,
    /// The agency name reported.
    #[serde(default = "agency")]
    pub agency_name: String,
    /// For an upgrade: the target image.
    #[serde(default)]
    pub image: Option<ImageSpec>,
    /// For an AZ switchover: the AZ the nodes leave.
    #[serde(default)]
    pub source_az: Option<String>,
    /// For an AZ switchover: the AZ the nodes move to.
    #[serde(default)]
    pub target_az: Option<String>,
    /// For an AZ switchover: the node type it moves (`all`, `ess`, ...; default `ess`).
    #[serde(default)]
    pub inst_type: Option<String>,
    /// For an AZ switchover: `az_migrate` (the default) or `multi_az_change`.
    #[serde(default)]
    pub migrate_type: Option<String>,
    /// The nodes the task walks, by name, in order (default: every node of the cluster).
    #[serde(default)]
    pub nodes: Option<Vec<String>>,
}

fn yes() -> bool {
    true
}

fn css_phase() -> u64 {
    60_000
}

fn agency() -> String {
    "css_test_agency".into()
}

/// The image an upgrade installs.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImageSpec {
    /// Image id.
    pub id: String,
    /// Display name.
    pub display_name: String,
    /// Description.
    #[serde(default)]
    pub image_desc: String,
    /// Engine.
    #[serde(default = "elasticsearch")]
    pub datastore_type: String,
    /// Engine version.
    pub datastore_version: String,
    /// Priority.
    #[serde(default)]
    pub priority: i32,
}

fn elasticsearch() -> String {
    "elasticsearch".into()
}

impl Default for Scenario {
    /// The default scenario (`scenarios/default.yaml`): fixed, well-known ids and credentials.
    fn default() -> Self {
        Self::from_yaml(DEFAULT_SCENARIO).expect("the default scenario is valid")
    }
}

impl Scenario {
    /// Parses a scenario from YAML (or JSON, which is YAML too) and checks it.
    pub fn from_yaml(text: &str) -> Result<Self, ScenarioError> {
        let scenario: Self = serde_yaml_ng::from_str(text)?;
        scenario.validate()?;
        Ok(scenario)
    }

    /// Reads a scenario file (YAML or JSON).
    pub fn from_file(path: impl AsRef<Path>) -> Result<Self, ScenarioError> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|source| ScenarioError::Read {
            path: path.display().to_string(),
            source,
        })?;
        Self::from_yaml(&text)
    }

    /// The same scenario at another speed.
    pub fn with_speed(mut self, speed: f64) -> Self {
        self.speed = speed;
        self
    }

    /// Checks what the types cannot: a positive speed, unique ids, shards that fit their kind.
    pub fn validate(&self) -> Result<(), ScenarioError> {
        let invalid = |m: String| Err(ScenarioError::Invalid(m));
        if !(self.speed.is_finite() && self.speed > 0.0) {
            return invalid(format!(
                "speed must be a positive number, not {}",
                self.speed
            ));
        }
        if self.project_id.trim().is_empty() {
            return invalid("project_id is empty".into());
        }
        let mut ids = std::collections::HashSet::new();
        for instance in &self.dcs.instances {
            if !ids.insert(("dcs", instance.id.as_str())) {
                return invalid(format!("DCS instance {} appears twice", instance.id));
            }
            let groups = instance.groups.len();
            match instance.kind {
                DcsInstanceKind::MasterStandby
                    if groups != 1 || instance.groups[0].replicas.len() != 1 =>
                {
                    return invalid(format!(
                        "master_standby instance {} needs exactly one group with one replica",
                        instance.id
                    ));
                }
                DcsInstanceKind::Single
                    if groups != 1 || !instance.groups[0].replicas.is_empty() =>
                {
                    return invalid(format!(
                        "single instance {} needs exactly one group without replicas",
                        instance.id
                    ));
                }
                DcsInstanceKind::Cluster if groups == 0 => {
                    return invalid(format!("cluster instance {} has no groups", instance.id));
                }
                _ => {}
            }
        }
        for job in &self.drs.jobs {
            if !ids.insert(("drs", job.id.as_str())) {
                return invalid(format!("DRS job {} appears twice", job.id));
            }
        }
        if self.availability_zones.is_empty() {
            return invalid("availability_zones is empty".into());
        }
        if self.css.phases.is_empty() {
            return invalid("css.phases is empty".into());
        }
        for cluster in &self.css.clusters {
            if !ids.insert(("css", cluster.id.as_str())) {
                return invalid(format!("CSS cluster {} appears twice", cluster.id));
            }
            if cluster.nodes.is_empty() {
                return invalid(format!("CSS cluster {} has no nodes", cluster.id));
            }
            if cluster.az_switch_phase_ms == 0 {
                return invalid(format!(
                    "CSS cluster {}: az_switch_phase_ms must be positive",
                    cluster.id
                ));
            }
            for node in &cluster.nodes {
                if let Some(az) = node.az()
                    && !self.availability_zones.iter().any(|z| z == az)
                {
                    return invalid(format!(
                        "CSS node {} is in {az}, which is not one of availability_zones",
                        node.name()
                    ));
                }
            }
            for task in &cluster.tasks {
                if let Some(names) = &task.nodes
                    && (names.is_empty()
                        || names
                            .iter()
                            .any(|n| !cluster.nodes.iter().any(|c| c.name() == n)))
                {
                    return invalid(format!(
                        "CSS task {}: nodes must name nodes of the cluster",
                        task.id
                    ));
                }
                if task.phase_ms == 0 {
                    return invalid(format!("CSS task {}: phase_ms must be positive", task.id));
                }
                let walked = task.nodes.as_ref().map_or(cluster.nodes.len(), Vec::len);
                if task.fail_node.is_some_and(|n| n >= walked)
                    || task.fail_phase.is_some_and(|p| p >= self.css.phases.len())
                {
                    return invalid(format!(
                        "CSS task {}: fail_node or fail_phase out of range",
                        task.id
                    ));
                }
            }
        }
        if !self
            .credentials
            .aksk
            .iter()
            .any(|k| k.security_token.is_none())
        {
            return invalid("credentials.aksk needs at least one permanent AK/SK pair".into());
        }
        for aksk in &self.credentials.aksk {
            if aksk.ak.is_empty() || aksk.sk.is_empty() {
                return invalid("an AK/SK pair has an empty AK or SK".into());
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_scenario_parses_and_has_every_kind_of_resource() {
        let scenario = Scenario::default();
        assert_eq!(scenario.speed, 1.0);
        assert_eq!(scenario.max_clock_skew_secs, 900);
        let kinds: Vec<_> = scenario.dcs.instances.iter().map(|i| i.kind).collect();
        for kind in [
            DcsInstanceKind::MasterStandby,
            DcsInstanceKind::Cluster,
            DcsInstanceKind::Single,
        ] {
            assert!(kinds.contains(&kind), "{kind:?}");
        }
        assert_eq!(scenario.css.phases.len(), 2);
    }

    #[test]
    fn a_minimal_json_scenario_takes_the_defaults() {
        let scenario = Scenario::from_yaml(
            r#"{"project_id": "p", "credentials": {"aksk": [{"ak": "A", "sk": "S"}]}}"#,
        )
        .unwrap();
        assert_eq!(scenario.dcs.durations.running_ms, 8_000);
        assert_eq!(scenario.read_timeout_ms, 30_000);
        assert!(scenario.faults.is_empty());
    }

    #[test]
    fn inconsistent_scenarios_are_refused_with_the_reason() {
        let base = "project_id: p\ncredentials: {aksk: [{ak: A, sk: S}]}\n";
        for (extra, words) in [
            ("speed: 0\n", "speed"),
            ("surprise: 1\n", "unknown field"),
            (
                "dcs: {instances: [{id: i, type: master_standby, groups: [{id: g, master: m}]}]}\n",
                "one replica",
            ),
            (
                "dcs: {instances: [{id: i, type: single, groups: [{id: g, master: m}]}, \
                 {id: i, type: single, groups: [{id: g, master: m}]}]}\n",
                "twice",
            ),
            (
                "css: {clusters: [{id: c, nodes: [a], tasks: [{id: t, kind: upgrade, fail_node: 3}]}]}\n",
                "out of range",
            ),
            (
                "css: {clusters: [{id: c, nodes: [{name: a, az: mars-1a}]}]}\n",
                "not one of availability_zones",
            ),
            (
                "css: {clusters: [{id: c, nodes: [a], tasks: [{id: t, kind: az_migration, nodes: [b]}]}]}\n",
                "nodes must name nodes",
            ),
            ("availability_zones: []\n", "availability_zones is empty"),
        ] {
            let err = Scenario::from_yaml(&format!("{base}{extra}")).unwrap_err();
            assert!(err.to_string().contains(words), "{extra}: {err}");
        }
        let err = Scenario::from_yaml("project_id: p\ncredentials: {iam_tokens: [{token: t}]}\n")
            .unwrap_err();
        assert!(err.to_string().contains("permanent"), "{err}");
    }
}
