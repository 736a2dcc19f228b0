//! `Client::builder()` of every service crate: region or endpoint, credentials, project id,
//! signing algorithm, timeouts and retries, checked once when the client is built.

use std::sync::Arc;
use std::time::Duration;

use crate::context::Context;
use crate::credentials::{Credentials, CredentialsError, ENV_PROJECT_ID};
use crate::region::{Endpoint, EndpointError, Region};
use crate::retry::RetryPolicy;
use crate::signing::{Algorithm, Clock};

/// Why a client could not be built.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BuildError {
    /// Neither a region nor an endpoint was given.
    #[error("no endpoint: call `.region(..)` or `.endpoint(..)`")]
    NoEndpoint,
    /// The region is unknown, the endpoint URL is invalid, or plain HTTP was not allowed.
    #[error(transparent)]
    Endpoint(#[from] EndpointError),
    /// The credentials could not be read.
    #[error(transparent)]
    Credentials(#[from] CredentialsError),
    /// The HTTP client could not be built.
    #[error("cannot build the HTTP client: {0}")]
    Http(#[source] reqwest::Error),
}

/// Reads an environment variable.
type EnvLookup = Arc<dyn Fn(&str) -> Option<String> + Send + Sync>;

enum Target {
    None,
    Region(Region),
    Endpoint { url: String, allow_http: bool },
}

/// Builds a generated client (`hwcloud_dcs::Client::builder()`).
///
/// ```no_run
/// # fn run() -> Result<(), Box<dyn std::error::Error>> {
/// use hwcloud_core::{Credentials, Region};
/// # struct Client;
/// # impl Client { fn builder() -> hwcloud_core::ClientBuilder<Self> {
/// #     hwcloud_core::ClientBuilder::new("dcs", |_, _, _| Client) } }
/// let dcs = Client::builder()
///     .region(Region::huawei_cloud("cn-north-4"))
///     .credentials(Credentials::from_env()?)
///     .project_id("0123456789abcdef0123456789abcdef")
///     .build()?;
/// # Ok(())
/// # }
/// ```
pub struct ClientBuilder<C> {
    service: &'static str,
    make: fn(&str, reqwest::Client, Context) -> C,
    target: Target,
    credentials: Option<Credentials>,
    project_id: Option<String>,
    algorithm: Algorithm,
    clock: Option<Arc<dyn Clock>>,
    connect_timeout: Duration,
    timeout: Duration,
    retry: RetryPolicy,
    env: EnvLookup,
}

impl<C> ClientBuilder<C> {
    /// Default connect timeout.
    pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
    /// Default timeout of one attempt, from sending to the end of the answer.
    pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

    /// A builder for `service`'s client; `make` is the generated `Client::new_with_client`.
    pub fn new(service: &'static str, make: fn(&str, reqwest::Client, Context) -> C) -> Self {
        Self {
            service,
            make,
            target: Target::None,
            credentials: None,
            project_id: None,
            algorithm: Algorithm::default(),
            clock: None,
            connect_timeout: Self::DEFAULT_CONNECT_TIMEOUT,
            timeout: Self::DEFAULT_TIMEOUT,
            retry: RetryPolicy::default(),
            env: Arc::new(|name| std::env::var(name).ok()),
        }
    }

    /// Sends to the service's endpoint in `region` (Huawei Cloud or Open Telekom Cloud). The
    /// official override variable `HUAWEICLOUD_SDK_REGION_{SERVICE}_{REGION}` wins when set.
    pub fn region(mut self, region: Region) -> Self {
        self.target = Target::Region(region);
        self
    }

    /// Sends to this endpoint URL: HTTPS, or plain HTTP to a loopback address.
    pub fn endpoint(mut self, url: impl Into<String>) -> Self {
        self.target = Target::Endpoint {
            url: url.into(),
            allow_http: false,
        };
        self
    }

    /// Sends to this endpoint URL even over plain HTTP to a non-loopback host. Only for networks
    /// you trust: the signature does not hide the request.
    pub fn endpoint_allowing_http(mut self, url: impl Into<String>) -> Self {
        self.target = Target::Endpoint {
            url: url.into(),
            allow_http: true,
        };
        self
    }

    /// Authenticates with these credentials (AK/SK, temporary AK/SK with a security token, or an
    /// IAM token). Without credentials requests go out unsigned.
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = Some(credentials);
        self
    }

    /// The project id, set once: it fills every `{project_id}` path parameter and is sent as
    /// `X-Project-Id`. Without it, [`Self::build`] reads `HUAWEICLOUD_SDK_PROJECT_ID`.
    pub fn project_id(mut self, project_id: impl Into<String>) -> Self {
        self.project_id = Some(project_id.into());
        self
    }

    /// Signs with `algorithm`: `SDK-HMAC-SHA256` (default), `SDK-HMAC-SM3`, or the derived
    /// `V11-HMAC-SHA256` ([`Algorithm::derived`]).
    pub fn algorithm(mut self, algorithm: Algorithm) -> Self {
        self.algorithm = algorithm;
        self
    }

    /// Takes the signing time from `clock` instead of the system clock.
    pub fn clock(mut self, clock: impl Clock + 'static) -> Self {
        self.clock = Some(Arc::new(clock));
        self
    }

    /// How long to wait for a connection (default 10 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// How long one attempt may take in all (default 60 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// How to retry (default [`RetryPolicy::default`]; [`RetryPolicy::none`] disables retries).
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Reads environment variables through `lookup` instead of the process environment (tests).
    pub fn env_lookup(
        mut self,
        lookup: impl Fn(&str) -> Option<String> + Send + Sync + 'static,
    ) -> Self {
        self.env = Arc::new(lookup);
        self
    }

    /// Checks the configuration and builds the client.
    pub fn build(self) -> Result<C, BuildError> {
        let endpoint = match &self.target {
            Target::None => return Err(BuildError::NoEndpoint),
            Target::Region(region) => region.endpoint_with_env(self.service, |n| (self.env)(n))?,
            Target::Endpoint { url, allow_http } => {
                if *allow_http {
                    Endpoint::parse_allowing_http(url)?
                } else {
                    Endpoint::parse(url)?
                }
            }
        };
        let project_id = self
            .project_id
            .or_else(|| (self.env)(ENV_PROJECT_ID).filter(|p| !p.trim().is_empty()));
        let cloud = match &self.target {
            Target::Region(region) => Some(region.cloud()),
            _ => endpoint.cloud(),
        };
        let mut context = Context::unauthenticated()
            .with_service(self.service)
            .with_cloud(cloud)
            .with_algorithm(self.algorithm)
            .with_retry(self.retry);
        if let Some(project_id) = project_id {
            context = context.with_project_id(project_id);
        }
        if let Some(credentials) = self.credentials {
            context = context.with_credentials(credentials);
        }
        if let Some(clock) = self.clock {
            context = context.with_clock(clock);
        }
        let http = reqwest::Client::builder()
            .connect_timeout(self.connect_timeout)
            .timeout(self.timeout)
            .user_agent(concat!("hwcloud-rust/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(BuildError::Http)?;
        let baseurl = endpoint.as_str().trim_end_matches('/');
        Ok((self.make)(baseurl, http, context))
    }
}
