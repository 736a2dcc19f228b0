//! `Client::builder()` of every service crate: region or endpoint, credentials, project id,
//! signing algorithm, timeouts and retries, checked once when the client is built.

use std::sync::Arc;
use std::time::Duration;

use crate::context::Context;
use crate::credentials::{Credentials, CredentialsError, ENV_PROJECT_ID};
use crate::region::{Endpoint, EndpointError, Region, ServerTemplate};
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
    Http(String),
    /// A proxy URL (given to [`ClientBuilder::proxy`] or in `HTTPS_PROXY`, `HTTP_PROXY` or
    /// `ALL_PROXY`) is not a valid URL. The URL is shown without a user name or password.
    #[error("invalid proxy URL {url}: {reason}")]
    Proxy {
        /// The URL, with any user name and password replaced by `[REDACTED]`.
        url: String,
        /// Why it is invalid.
        reason: String,
    },
    /// A CA certificate given to [`ClientBuilder::add_root_certificate_pem`] is not PEM.
    #[error("invalid CA certificate: {0}")]
    Certificate(String),
}

/// Changes the user makes to the HTTP client's configuration ([`ClientBuilder::configure_http`]).
type HttpConfiguration = Box<dyn FnOnce(reqwest::ClientBuilder) -> reqwest::ClientBuilder + Send>;

/// Reads an environment variable.
type EnvLookup = Arc<dyn Fn(&str) -> Option<String> + Send + Sync>;

/// Which proxy to send through.
enum ProxyChoice {
    /// As the environment says (`HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY`, `NO_PROXY`).
    Environment,
    /// Through this proxy, whatever the environment says.
    Url(String),
    /// Never through a proxy.
    Direct,
}

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
/// #     hwcloud_core::__private::client_builder("dcs", &[], |_, _, _| Client) } }
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
    servers: &'static [ServerTemplate],
    make: fn(&str, reqwest::Client, Context) -> C,
    configure_http: Option<HttpConfiguration>,
    target: Target,
    credentials: Option<Credentials>,
    project_id: Option<String>,
    algorithm: Algorithm,
    clock: Option<Arc<dyn Clock>>,
    connect_timeout: Duration,
    timeout: Duration,
    retry: RetryPolicy,
    env: EnvLookup,
    max_response_body: usize,
    proxy: ProxyChoice,
    root_certificates: Vec<Vec<u8>>,
    accept_invalid_certs: bool,
    dry_run: Option<crate::context::DryRun>,
}

impl<C> ClientBuilder<C> {
    /// Default connect timeout.
    pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
    /// Default timeout of one attempt, from sending to the end of the answer.
    pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
    /// Default limit of a success answer's body: 16 MiB.
    pub const DEFAULT_MAX_RESPONSE_BODY: usize = crate::answer::DEFAULT_MAX_RESPONSE_BODY;

    /// A builder for `service`'s client: `servers` are its endpoints (the crate's generated
    /// `ENDPOINTS`), `make` is the generated `Client::new_with_client`.
    pub(crate) fn new(
        service: &'static str,
        servers: &'static [ServerTemplate],
        make: fn(&str, reqwest::Client, Context) -> C,
    ) -> Self {
        Self {
            service,
            servers,
            make,
            configure_http: None,
            target: Target::None,
            credentials: None,
            project_id: None,
            algorithm: Algorithm::default(),
            clock: None,
            connect_timeout: Self::DEFAULT_CONNECT_TIMEOUT,
            timeout: Self::DEFAULT_TIMEOUT,
            retry: RetryPolicy::default(),
            env: Arc::new(|name| std::env::var(name).ok()),
            max_response_body: Self::DEFAULT_MAX_RESPONSE_BODY,
            proxy: ProxyChoice::Environment,
            root_certificates: Vec::new(),
            accept_invalid_certs: false,
            dry_run: None,
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

    /// Fails a call whose success answer's body is larger than `bytes` (default
    /// [`Self::DEFAULT_MAX_RESPONSE_BODY`], 16 MiB) with [`crate::Error::Decode`], after reading
    /// no more than that: a runaway answer cannot exhaust memory. An error answer's body is read
    /// up to [`crate::error::ERROR_BODY_LIMIT`] whatever this says.
    pub fn max_response_body(mut self, bytes: usize) -> Self {
        self.max_response_body = bytes;
        self
    }

    /// Sends every request through this proxy (`http://proxy.example:3128`; a user name and
    /// password in the URL authenticate to the proxy), whatever the environment says. An HTTPS
    /// endpoint is reached through a `CONNECT` tunnel, so the proxy sees only the host name.
    ///
    /// Without this, the proxy comes from the environment as curl reads it: `HTTPS_PROXY` for
    /// HTTPS endpoints, `HTTP_PROXY` for plain HTTP ones (ignored when `REQUEST_METHOD` is set, as
    /// in a CGI script), `ALL_PROXY` for both, and `NO_PROXY` lists the hosts reached directly
    /// (lower-case names are read too).
    pub fn proxy(mut self, url: impl Into<String>) -> Self {
        self.proxy = ProxyChoice::Url(url.into());
        self
    }

    /// Never sends through a proxy, whatever the environment says.
    pub fn no_proxy(mut self) -> Self {
        self.proxy = ProxyChoice::Direct;
        self
    }

    /// Trusts the CA certificate(s) in `pem` (one or more `-----BEGIN CERTIFICATE-----` blocks)
    /// besides the system's, for a private gateway or a TLS-inspecting proxy.
    pub fn add_root_certificate_pem(mut self, pem: impl AsRef<[u8]>) -> Self {
        self.root_certificates.push(pem.as_ref().to_vec());
        self
    }

    /// **Dangerous**: accepts any server certificate, expired, self-signed or for another host,
    /// so that anyone on the network path can read and change every request, credentials
    /// included. Only for a throwaway test gateway; prefer [`Self::add_root_certificate_pem`].
    pub fn danger_accept_invalid_certs(mut self) -> Self {
        self.accept_invalid_certs = true;
        self
    }

    /// Configures the HTTP client beyond what this builder offers (a DNS resolver, a local
    /// address, HTTP/2 settings...): `configure` gets reqwest's builder with this builder's
    /// timeouts, proxy and certificates set, and what it returns is built. Whatever it sets, the
    /// client never follows a redirect and speaks TLS 1.2 or later, and the endpoint is checked as
    /// always: these are set after `configure` runs.
    pub fn configure_http(
        mut self,
        configure: impl FnOnce(reqwest::ClientBuilder) -> reqwest::ClientBuilder + Send + 'static,
    ) -> Self {
        self.configure_http = Some(Box::new(configure));
        self
    }

    /// A dry run: every call checks and authenticates its request as it would be sent, hands it
    /// to `sink`, and sends nothing; the call then fails with
    /// [`Error::InvalidRequest`](crate::Error::InvalidRequest) saying so
    /// ([`__private::DRY_RUN`](crate::__private::DRY_RUN)). For `hwc --dry-run`.
    #[doc(hidden)]
    pub fn dry_run(mut self, sink: impl Fn(&reqwest::Request) + Send + Sync + 'static) -> Self {
        self.dry_run = Some(crate::context::DryRun(Arc::new(sink)));
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
            Target::Region(region) => {
                region.endpoint_with_env(self.service, self.servers, |n| (self.env)(n))?
            }
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
        let mut context = Context::new(self.service)
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
        context = context.with_max_response_body(self.max_response_body);
        context.dry_run = self.dry_run;
        install_tls_provider();
        let mut http = reqwest::Client::builder()
            .connect_timeout(self.connect_timeout)
            .timeout(self.timeout)
            .user_agent(concat!("hwcloud-rust/", env!("CARGO_PKG_VERSION")))
            // The proxy is chosen below, from the builder or through `env`.
            .no_proxy();
        for proxy in proxies(&self.proxy, |n| (self.env)(n))? {
            http = http.proxy(proxy);
        }
        let mut roots = Vec::new();
        for pem in &self.root_certificates {
            let certs = reqwest::Certificate::from_pem_bundle(pem)
                .map_err(|e| BuildError::Certificate(e.to_string()))?;
            if certs.is_empty() {
                return Err(BuildError::Certificate(
                    "no `-----BEGIN CERTIFICATE-----` block".to_owned(),
                ));
            }
            roots.extend(certs);
        }
        if !roots.is_empty() {
            http = http.tls_certs_merge(roots);
        }
        if self.accept_invalid_certs {
            tracing::warn!(
                "certificate checks are off (danger_accept_invalid_certs): anyone on the network \
                 path can read and change the requests"
            );
            http = http.tls_danger_accept_invalid_certs(true);
        }
        if let Some(configure) = self.configure_http {
            http = configure(http);
        }
        // A redirect would carry our headers (the IAM token, the security token) to whatever
        // host it names: never follow one (the official SDK does not either). Set last, so that
        // nothing can undo it.
        let http = http
            .redirect(reqwest::redirect::Policy::none())
            .tls_version_min(reqwest::tls::Version::TLS_1_2)
            .build()
            .map_err(|e| BuildError::Http(e.to_string()))?;
        let baseurl = endpoint.as_str().trim_end_matches('/');
        Ok((self.make)(baseurl, http, context))
    }
}

/// With the `rustls-ring` feature, makes ring the process's rustls crypto provider, unless one is
/// installed already (reqwest's `rustls-no-provider` leaves that to the application; this client
/// does it itself). With the other TLS features there is nothing to do.
fn install_tls_provider() {
    #[cfg(feature = "rustls-ring")]
    {
        // An error means a provider is installed already: that one is kept.
        let _ = rustls::crypto::ring::default_provider().install_default();
    }
}

/// The proxies to send through, as `choice` says (reading the environment through `env`).
fn proxies(
    choice: &ProxyChoice,
    env: impl Fn(&str) -> Option<String>,
) -> Result<Vec<reqwest::Proxy>, BuildError> {
    let parse = |url: &str, make: fn(&str) -> reqwest::Result<reqwest::Proxy>| {
        make(url).map_err(|e| BuildError::Proxy {
            url: crate::region::without_userinfo(url),
            reason: std::error::Error::source(&e)
                .map_or_else(|| e.to_string(), ToString::to_string),
        })
    };
    match choice {
        ProxyChoice::Direct => Ok(Vec::new()),
        ProxyChoice::Url(url) => Ok(vec![parse(url, |u| reqwest::Proxy::all(u))?]),
        ProxyChoice::Environment => {
            let first = |names: [&str; 2]| {
                names
                    .into_iter()
                    .find_map(|n| env(n).filter(|v| !v.trim().is_empty()))
            };
            // As curl and hyper read them; `HTTP_PROXY` in a CGI script may come from the
            // client's `Proxy:` header ("httpoxy"), so a CGI script reads no proxy at all.
            if env("REQUEST_METHOD").is_some() {
                return Ok(Vec::new());
            }
            let all = first(["ALL_PROXY", "all_proxy"]);
            let https = first(["HTTPS_PROXY", "https_proxy"]).or_else(|| all.clone());
            let http = first(["HTTP_PROXY", "http_proxy"]).or(all);
            let no_proxy = first(["NO_PROXY", "no_proxy"])
                .as_deref()
                .and_then(reqwest::NoProxy::from_string);
            let mut out = Vec::new();
            if let Some(url) = https {
                out.push(parse(&url, |u| reqwest::Proxy::https(u))?.no_proxy(no_proxy.clone()));
            }
            if let Some(url) = http {
                out.push(parse(&url, |u| reqwest::Proxy::http(u))?.no_proxy(no_proxy));
            }
            Ok(out)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// With `rustls-ring`, building a client installs ring as the process's provider (reqwest's
    /// `rustls-no-provider` would otherwise fail to build the client).
    #[cfg(feature = "rustls-ring")]
    #[test]
    fn the_ring_provider_is_installed_by_the_builder() {
        let client = ClientBuilder::new("svc", &[], |base: &str, _, _| base.to_owned())
            .endpoint("https://gateway.example")
            .build()
            .expect("a client with ring");
        assert_eq!(client, "https://gateway.example");
        assert!(rustls::crypto::CryptoProvider::get_default().is_some());
    }

    #[test]
    fn a_client_builds_with_the_chosen_tls_backend() {
        let client = ClientBuilder::new("svc", &[], |base: &str, _, _| base.to_owned())
            .endpoint("https://gateway.example")
            .add_root_certificate_pem(TEST_CA)
            .build()
            .expect("builds");
        assert_eq!(client, "https://gateway.example");
    }

    /// A throwaway self-signed CA certificate (never used to sign anything).
    const TEST_CA: &str = "-----BEGIN CERTIFICATE-----
MIIBiTCCAS+gAwIBAgIUWwFELGKa1nIEZleeHwK7YSyIam0wCgYIKoZIzj0EAwIw
GjEYMBYGA1UEAwwPaHdjbG91ZC10ZXN0LWNhMB4XDTI2MTEyMzIxNTEyNFoXDTM2
MTEyMDIxNTEyNFowGjEYMBYGA1UEAwwPaHdjbG91ZC10ZXN0LWNhMFkwEwYHKoZI
zj0CAQYIKoZIzj0DAQcDQgAEdwhAY2PvcoNlgLpyx0DAzL+px7Rhb2mrmxtFy5jD
bsLGL3o9hRi8jhJ1zd+7qbYksKDHn4ZZcQGLbIeMcKXkjaNTMFEwHQYDVR0OBBYE
FDSxC4pQCO/aSck2Okkd6FHbf43cMB8GA1UdIwQYMBaAFDSxC4pQCO/aSck2Okkd
6FHbf43cMA8GA1UdEwEB/wQFMAMBAf8wCgYIKoZIzj0EAwIDSAAwRQIgbaBMOcoK
TBGOBCiPhd6JJ7arUVBD90P6OmSC15zqooICIQDFd+SyTwK0Q5tXC/2HlZPe1rus
2sdBcJ+31CGdHSn0Vg==
-----END CERTIFICATE-----
";
}
