//! Following an upgrade or AZ switchover: [`Client::watch_upgrade`] polls `UpgradeDetail` and
//! reports every visible change of the task until it ends; [`Client::upgrade_tasks`] walks every
//! page of tasks; typed helpers read what CSS packs into strings.

use std::collections::BTreeMap;

use futures_util::Stream;
use hwcloud_core::Error;
use hwcloud_core::wait::engine::{Follow, Inputs};
use hwcloud_core::wait::{PollPolicy, Timer, WaitError};
use serde::Deserialize;

use crate::types::{ActionMode, GetUpgradeDetailInfo, UpgradeStatus};
use crate::{Client, WAITERS};

/// Why following an upgrade did not end in `SUCCESS`: the task `FAILED` or `PARTIAL_FAILED` (its
/// final state), the deadline passed (with the last state seen), or a poll failed for good.
pub type UpgradeWaitError = WaitError<GetUpgradeDetailInfo>;

/// The most tasks one page may hold (`limit`).
pub const MAX_PAGE_SIZE: i32 = 1000;

/// A split comma-separated node list; empty entries are skipped.
fn nodes(list: Option<&str>) -> Vec<&str> {
    list.unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .collect()
}

/// What an AZ switchover does, as CSS sends it in `migrateParam` (a JSON document in a string).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MigrateParam {
    /// Node type, such as `ess`.
    #[serde(default)]
    pub inst_type: Option<String>,
    /// Kind of migration, such as `az_migrate`.
    #[serde(default)]
    pub migrate_type: Option<String>,
    /// The AZ the nodes leave.
    #[serde(default)]
    pub source_az: Option<String>,
    /// The AZ the nodes move to.
    #[serde(default)]
    pub target_az: Option<String>,
    /// Any other member, kept as sent.
    #[serde(flatten)]
    pub other: BTreeMap<String, serde_json::Value>,
}

impl GetUpgradeDetailInfo {
    /// The names of every node the task works on (`totalNodes`, comma-separated by the service).
    pub fn total_nodes(&self) -> Vec<&str> {
        nodes(self.total_nodes.as_deref())
    }

    /// The names of the nodes already done (`completedNodes`).
    pub fn completed_nodes(&self) -> Vec<&str> {
        nodes(self.completed_nodes.as_deref())
    }

    /// The share of nodes done, from 0.0 to 1.0; `None` when the task names no node.
    pub fn progress(&self) -> Option<f64> {
        let total = self.total_nodes().len();
        (total > 0).then(|| self.completed_nodes().len().min(total) as f64 / total as f64)
    }

    /// `migrateParam` parsed: `None` when absent or empty, an error value when it is not the
    /// JSON document it should be.
    pub fn migrate_param(&self) -> Option<Result<MigrateParam, serde_json::Error>> {
        let text = self
            .migrate_param
            .as_deref()
            .filter(|t| !t.trim().is_empty())?;
        Some(serde_json::from_str(text))
    }

    /// `finalAzInfoMap` parsed: each AZ with the nodes it will hold once the task is done.
    /// `None` when absent or empty, an error value when it is not a JSON object of strings.
    pub fn final_az_info_map(
        &self,
    ) -> Option<Result<BTreeMap<String, Vec<String>>, serde_json::Error>> {
        let text = self
            .final_az_info_map
            .as_deref()
            .filter(|t| !t.trim().is_empty())?;
        Some(
            serde_json::from_str::<BTreeMap<String, String>>(text).map(|map| {
                map.into_iter()
                    .map(|(az, list)| {
                        let names = nodes(Some(&list)).into_iter().map(str::to_owned).collect();
                        (az, names)
                    })
                    .collect()
            }),
        )
    }

    /// Whether the task has ended (`SUCCESS`, `FAILED`, `PARTIAL_FAILED`).
    pub fn is_finished(&self) -> bool {
        matches!(
            self.status,
            Some(UpgradeStatus::Success | UpgradeStatus::Failed | UpgradeStatus::PartialFailed)
        )
    }
}

/// A watch of a cluster's upgrade or AZ switchover task (from [`Client::watch_upgrade`]).
#[derive(Debug)]
pub struct UpgradeWatch {
    client: Client,
    cluster_id: String,
    action_mode: Option<ActionMode>,
    task_id: Option<String>,
    policy: PollPolicy,
}

impl UpgradeWatch {
    /// Which kind of task: [`ActionMode::AzMigration`] for an AZ switchover (default: upgrades).
    pub fn action_mode(mut self, mode: ActionMode) -> Self {
        self.action_mode = Some(mode);
        self
    }

    /// Follows the task with this id, whatever its state (default: a task that runs when the
    /// watch starts; with none running the watch ends in `WaitError::NothingRunning`, and never
    /// presents a finished task as its outcome).
    pub fn task_id(mut self, id: impl Into<String>) -> Self {
        self.task_id = Some(id.into());
        self
    }

    /// Polls as `policy` says.
    pub fn policy(mut self, policy: PollPolicy) -> Self {
        self.policy = policy;
        self
    }

    /// How long to watch in all.
    pub fn deadline(mut self, deadline: std::time::Duration) -> Self {
        self.policy = self.policy.with_deadline(deadline);
        self
    }

    /// Takes time from `timer`.
    pub fn timer(mut self, timer: impl Timer + 'static) -> Self {
        self.policy = self.policy.with_timer(timer);
        self
    }

    /// The wait itself, as the spec's `x-waiter` on `UpgradeDetail` declares it: configure more
    /// (`on_change`), then `.await` it for the final task.
    pub fn follow(self) -> Follow<GetUpgradeDetailInfo> {
        let Self {
            client,
            cluster_id,
            action_mode,
            task_id,
            policy,
        } = self;
        let spec = WAITERS
            .iter()
            .find(|w| w.operation == "UpgradeDetail")
            .expect("the spec declares how UpgradeDetail is watched");
        let mut inputs = Inputs::default().param("cluster_id", cluster_id);
        if let Some(mode) = action_mode {
            inputs = inputs.param("action_mode", mode.to_string());
        }
        if let Some(id) = task_id {
            inputs = inputs.param("id", id);
        }
        Follow::started(
            spec,
            client.waiter_reader(),
            inputs,
            serde_json::Value::Null,
        )
        .policy(policy)
    }

    /// A snapshot whenever anything visible changed in the followed task, ending with its
    /// `SUCCESS`, or an error carrying its `FAILED`/`PARTIAL_FAILED` state, `NothingRunning` when
    /// no task runs (and none was asked for by id), the deadline, or the poll error.
    pub fn stream(
        self,
    ) -> impl Stream<Item = Result<GetUpgradeDetailInfo, UpgradeWaitError>> + Send + 'static {
        self.follow().stream()
    }

    /// Watches to the end: the final task on `SUCCESS`.
    pub async fn wait(self) -> Result<GetUpgradeDetailInfo, UpgradeWaitError> {
        self.follow().wait().await
    }
}

impl std::future::IntoFuture for UpgradeWatch {
    type Output = Result<GetUpgradeDetailInfo, UpgradeWaitError>;
    type IntoFuture =
        std::pin::Pin<Box<dyn std::future::Future<Output = Self::Output> + Send + 'static>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.wait())
    }
}

/// Every task of a cluster, page by page (from [`Client::upgrade_tasks`]).
#[derive(Debug)]
pub struct UpgradeTasks {
    client: Client,
    cluster_id: String,
    action_mode: Option<ActionMode>,
    page_size: i32,
}

impl UpgradeTasks {
    /// Which kind of task: [`ActionMode::AzMigration`] for AZ switchovers.
    pub fn action_mode(mut self, mode: ActionMode) -> Self {
        self.action_mode = Some(mode);
        self
    }

    /// Tasks per page, 1 to [`MAX_PAGE_SIZE`] (default 10, as the service's); clamped.
    pub fn page_size(mut self, size: i32) -> Self {
        self.page_size = size.clamp(1, MAX_PAGE_SIZE);
        self
    }

    /// Every task, in the service's order, requesting a page at a time (`offset` 1, then 1 +
    /// `limit`, ...) until a page comes back short, empty, or `totalSize` tasks were seen.
    pub fn stream(
        self,
    ) -> impl Stream<Item = Result<GetUpgradeDetailInfo, Error>> + Send + 'static {
        use futures_util::StreamExt;
        struct Cursor {
            offset: Option<i32>,
            seen: i64,
        }
        let Self {
            client,
            cluster_id,
            action_mode,
            page_size,
        } = self;
        futures_util::stream::unfold(
            Cursor {
                offset: Some(1),
                seen: 0,
            },
            move |mut cursor| {
                let (client, cluster_id) = (client.clone(), cluster_id.clone());
                async move {
                    let offset = cursor.offset?;
                    let mut request = client
                        .upgrade_detail()
                        .cluster_id(cluster_id)
                        .offset(offset)
                        .limit(page_size);
                    if let Some(mode) = action_mode {
                        request = request.action_mode(mode);
                    }
                    match request.send().await {
                        Ok(page) => {
                            let page = page.into_inner();
                            let count = page.detail_list.len();
                            cursor.seen += count as i64;
                            let more = count > 0
                                && count >= page_size as usize
                                && page.total_size.is_none_or(|t| cursor.seen < i64::from(t));
                            cursor.offset = if more {
                                offset.checked_add(page_size)
                            } else {
                                None
                            };
                            let items: Vec<Result<_, Error>> =
                                page.detail_list.into_iter().map(Ok).collect();
                            Some((futures_util::stream::iter(items), cursor))
                        }
                        Err(e) => {
                            cursor.offset = None;
                            Some((futures_util::stream::iter(vec![Err(e)]), cursor))
                        }
                    }
                }
            },
        )
        .flatten()
    }

    /// Every task, collected.
    pub async fn collect(self) -> Result<Vec<GetUpgradeDetailInfo>, Error> {
        use futures_util::TryStreamExt;
        self.stream().try_collect().await
    }
}

impl Client {
    /// Watches the cluster's upgrade (or, with `.action_mode(ActionMode::AzMigration)`, its AZ
    /// switchover) until the task ends: `.await` for the final task, or `.stream()` for a
    /// snapshot at every visible change. Dropping it stops polling; the task itself goes on.
    ///
    /// ```no_run
    /// # async fn run(css: hwcloud_css::Client) -> Result<(), Box<dyn std::error::Error>> {
    /// use futures_util::StreamExt;
    /// use hwcloud_css::types::ActionMode;
    /// let mut progress = std::pin::pin!(css
    ///     .watch_upgrade("ea244205-d641-45d9-9dcb-ab2236bcd07e")
    ///     .action_mode(ActionMode::AzMigration)
    ///     .stream());
    /// while let Some(snapshot) = progress.next().await {
    ///     let task = snapshot?;
    ///     println!("{:?} on {:?}: {:.0}%", task.status, task.current_node_name,
    ///         100.0 * task.progress().unwrap_or(0.0));
    /// }
    /// # Ok(())
    /// # }
    /// ```
    pub fn watch_upgrade(&self, cluster_id: impl Into<String>) -> UpgradeWatch {
        UpgradeWatch {
            client: self.clone(),
            cluster_id: cluster_id.into(),
            action_mode: None,
            task_id: None,
            policy: PollPolicy::default(),
        }
    }

    /// Every upgrade (or AZ switchover) task of the cluster, across all pages.
    pub fn upgrade_tasks(&self, cluster_id: impl Into<String>) -> UpgradeTasks {
        UpgradeTasks {
            client: self.clone(),
            cluster_id: cluster_id.into(),
            action_mode: None,
            page_size: 10,
        }
    }
}
