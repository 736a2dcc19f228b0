//! What the `sim_*` tests share: a simulator at test speed, clients of every service configured for
//! it with each kind of credentials, and polling.

#![allow(dead_code)]

use std::future::Future;
use std::time::Duration;

use hwcloud_core::{Algorithm, ClientBuilder, Credentials, RetryPolicy};
use hwcloud_sim::{Scenario, Sim, SimHandle};

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

/// Fast retries: 3 attempts, millisecond backoff.
pub fn fast_retries() -> RetryPolicy {
    RetryPolicy {
        max_attempts: 3,
        initial_backoff: Duration::from_millis(1),
        max_backoff: Duration::from_millis(5),
        max_retry_after: Duration::from_secs(2),
    }
}

/// A builder pointed at `sim`, authenticating with `auth`, for the default project.
pub fn configure<C>(builder: ClientBuilder<C>, sim: &SimHandle, auth: &Auth) -> ClientBuilder<C> {
    let (credentials, algorithm) = auth.credentials(sim);
    builder
        .endpoint(sim.endpoint())
        .credentials(credentials)
        .algorithm(algorithm)
        .project_id(&sim.info().project_id)
        .retry(fast_retries())
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
