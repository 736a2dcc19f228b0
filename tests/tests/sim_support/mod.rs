//! What the `sim_*` tests share: a simulator at test speed, clients of every service configured for
//! it with each kind of credentials, and polling.

#![allow(dead_code)]

use std::future::Future;
use std::time::Duration;

use hwcloud_core::{Algorithm, ClientBuilder, Credentials};
use hwcloud_dcs::types::ShowJobInfoResponse;
use hwcloud_drs::ResponseValue;
use hwcloud_drs::types::{
    ShowSwitchVipStatusResponse, SwitchVipProgress, SwitchVipRequestBody, SwitchVipResponse,
    SwitchoverMode,
};
use hwcloud_sim::{Fault, Scenario, Sim, SimHandle};
use hwcloud_tests::clients::{self, error_of, fast_retries};

/// Simulated seconds per real second in tests: a 10-second switchover takes 10 ms.
pub const SPEED: f64 = 1000.0;

/// The default scenario at [`SPEED`].
pub async fn start() -> SimHandle {
    start_with(Scenario::default()).await
}

/// `scenario` at [`SPEED`].
pub async fn start_with(scenario: Scenario) -> SimHandle {
    Sim::start(scenario.with_speed(SPEED))
        .await
        .expect("the simulator starts")
}

/// How a test client authenticates.
#[derive(Clone, Debug)]
pub enum Auth {
    /// The permanent AK/SK, signing with this algorithm.
    AkSk(Algorithm),
    /// The temporary AK/SK with their security token.
    Temporary,
    /// The IAM token.
    Iam,
}

impl Auth {
    /// Every way to authenticate: the three algorithms, temporary credentials, an IAM token.
    pub fn all() -> Vec<Self> {
        vec![
            Self::AkSk(Algorithm::SdkHmacSha256),
            Self::AkSk(Algorithm::SdkHmacSm3),
            Self::AkSk(Algorithm::derived("eu-de", "dcs")),
            Self::Temporary,
            Self::Iam,
        ]
    }

    /// The credentials and algorithm for `sim`.
    pub fn credentials(&self, sim: &SimHandle) -> (Credentials, Algorithm) {
        let info = sim.info();
        match self {
            Self::AkSk(algorithm) => (Credentials::aksk(&info.ak, &info.sk), algorithm.clone()),
            Self::Temporary => {
                let t = info.temporary.as_ref().expect("temporary credentials");
                (
                    Credentials::temporary(&t.ak, &t.sk, &t.security_token),
                    Algorithm::default(),
                )
            }
            Self::Iam => (
                Credentials::iam_token(info.iam_token.as_deref().expect("an IAM token")),
                Algorithm::default(),
            ),
        }
    }
}

/// A builder pointed at `sim`, authenticating with `auth`, for the default project, with fast
/// retries (3 attempts, millisecond backoff).
pub fn configure<C>(builder: ClientBuilder<C>, sim: &SimHandle, auth: &Auth) -> ClientBuilder<C> {
    let (credentials, algorithm) = auth.credentials(sim);
    clients::loopback(
        builder,
        sim.endpoint(),
        &sim.info().project_id,
        fast_retries(3),
    )
    .credentials(credentials)
    .algorithm(algorithm)
    .timeout(Duration::from_secs(5))
}

pub fn dcs(sim: &SimHandle, auth: &Auth) -> hwcloud_dcs::Client {
    configure(hwcloud_dcs::Client::builder(), sim, auth)
        .build()
        .expect("client builds")
}

pub fn drs(sim: &SimHandle, auth: &Auth) -> hwcloud_drs::Client {
    configure(hwcloud_drs::Client::builder(), sim, auth)
        .build()
        .expect("client builds")
}

pub fn css(sim: &SimHandle, auth: &Auth) -> hwcloud_css::Client {
    configure(hwcloud_css::Client::builder(), sim, auth)
        .build()
        .expect("client builds")
}

/// The default AK/SK client of each service.
pub fn sha256() -> Auth {
    Auth::AkSk(Algorithm::SdkHmacSha256)
}

/// Polls `probe` every few milliseconds until it returns `Some`, for at most `limit` of real time.
pub async fn poll<T, F, Fut>(limit: Duration, mut probe: F) -> T
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Option<T>>,
{
    let deadline = tokio::time::Instant::now() + limit;
    loop {
        if let Some(value) = probe().await {
            return value;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "gave up after {limit:?}"
        );
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
}

/// A plain HTTP client for requests the generated clients cannot make (bad input, raw bodies).
pub fn raw() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(Duration::from_secs(5))
        .build()
        .expect("client builds")
}

/// `X-Auth-Token` with the scenario's IAM token, for raw requests.
pub fn token(sim: &SimHandle) -> String {
    sim.info().iam_token.clone().expect("an IAM token")
}

/// The switchovers that answer at once and finish later, in the order the tests send them.
pub const SWITCHOVERS: [&str; 3] = [
    "ChangeMasterStandbyAsync",
    "ExecuteClusterSwitchover",
    "SwitchVip",
];

/// Arms `fault` once on each of [`SWITCHOVERS`].
pub fn inject_on_every_switchover(sim: &SimHandle, fault: impl Fn() -> Fault) {
    for op in SWITCHOVERS {
        sim.inject(fault().on(op)).expect("the fault is armed");
    }
}

/// A virtual IP switchover body.
pub fn vip_body(mode: SwitchoverMode) -> SwitchVipRequestBody {
    SwitchVipRequestBody { mode }
}

/// The scenario's master/standby DCS instance.
pub fn master_standby(sim: &SimHandle) -> String {
    let info = sim.info();
    info.dcs
        .master_standby_instance_id
        .clone()
        .expect("a master/standby instance")
}

/// The master node of DCS instance `instance` now.
pub fn master_of(sim: &SimHandle, instance: &str) -> String {
    let snapshot = sim.snapshot();
    snapshot
        .dcs_instance(instance)
        .expect("the instance")
        .master()
        .to_owned()
}

/// Starts an asynchronous master/standby swap of `instance`: its job id.
pub async fn start_swap(dcs: &hwcloud_dcs::Client, instance: &str) -> String {
    let started = dcs
        .change_master_standby_async()
        .instance_id(instance)
        .send()
        .await;
    started.expect("the swap starts").into_inner().job_id
}

/// Starts a virtual IP switchover of DRS job `job` to the source: the answer.
pub async fn start_vip_switch(
    drs: &hwcloud_drs::Client,
    job: &str,
) -> ResponseValue<SwitchVipResponse> {
    let body = vip_body(SwitchoverMode::Source);
    let started = drs.switch_vip().job_id(job).body(body).send().await;
    started.expect("the switchover starts")
}

/// The error an asynchronous master/standby swap of `instance` ends with (panics if it starts).
pub async fn swap_error(dcs: &hwcloud_dcs::Client, instance: &str) -> hwcloud_core::Error {
    error_of(
        dcs.change_master_standby_async()
            .instance_id(instance)
            .send(),
    )
    .await
}

/// Polls DCS job `job` (for at most 2 s) until `done` holds of it: that state.
pub async fn poll_job(
    dcs: &hwcloud_dcs::Client,
    job: &str,
    done: impl Fn(&ShowJobInfoResponse) -> bool,
) -> ShowJobInfoResponse {
    poll(Duration::from_secs(2), || async {
        let info = dcs.show_job_info().job_id(job).send().await;
        Some(info.expect("the job is shown").into_inner()).filter(&done)
    })
    .await
}

/// Polls the virtual IP switchover of DRS job `job` (for at most 2 s) until it has ended: that
/// state.
pub async fn poll_switch_vip_end(
    drs: &hwcloud_drs::Client,
    job: &str,
) -> ShowSwitchVipStatusResponse {
    poll(Duration::from_secs(2), || async {
        let state = drs.show_switch_vip_status().job_id(job).send().await;
        let state = state.expect("the state is shown").into_inner();
        (state.status != SwitchVipProgress::SwitchVipStart).then_some(state)
    })
    .await
}

/// Waits (for at most 2 s) until no switchover of DCS instance `instance` runs.
pub async fn until_idle(sim: &SimHandle, instance: &str) {
    poll(Duration::from_secs(2), || async {
        let snapshot = sim.snapshot();
        (!snapshot
            .dcs_instance(instance)
            .expect("the instance")
            .switching)
            .then_some(())
    })
    .await;
}
