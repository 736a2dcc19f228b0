//! Regions and service endpoints.
//!
//! [`Region::endpoint`] resolves a service name to its base URL, in this order:
//!
//! 1. the official SDKs' override variable `HUAWEICLOUD_SDK_REGION_{SERVICE}_{REGION}` (service and
//!    region upper-cased, `-` replaced by `_`, e.g. `HUAWEICLOUD_SDK_REGION_DCS_CN_NORTH_4`); the SDK
//!    accepts a comma-separated list and fails over between them, here the first one is used;
//! 2. the region tables of the official SDK (huaweicloudsdk{dcs,drs,css} 3.1.219) for Huawei Cloud:
//!    `https://{service}.{region}.myhuaweicloud.com`, except CSS in `cn-north-1` and `cn-east-2`
//!    (`https://es.{region}.myhuaweicloud.com`) and DRS in `eu-west-101`
//!    (`https://drs.eu-west-101.myhuaweicloud.eu`);
//! 3. for Open Telekom Cloud, `https://{service}.{region}.otc.t-systems.com` in `eu-de` and `eu-nl`.
//!
//! An [`Endpoint`] can also be given explicitly. It must be `https`; plain `http` is accepted only for
//! a loopback host (`127.0.0.0/8`, `::1`, `localhost`) or when the caller opts in with
//! [`Endpoint::parse_allowing_http`].

use std::fmt;
use std::net::IpAddr;
use std::str::FromStr;

use reqwest::Url;

/// The prefix of the endpoint override variables.
pub const ENV_REGION_PREFIX: &str = "HUAWEICLOUD_SDK_REGION";

/// Which cloud a region belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Cloud {
    /// Huawei Cloud (`myhuaweicloud.com`).
    HuaweiCloud,
    /// Open Telekom Cloud (`otc.t-systems.com`).
    OpenTelekomCloud,
}

impl fmt::Display for Cloud {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::HuaweiCloud => "Huawei Cloud",
            Self::OpenTelekomCloud => "Open Telekom Cloud",
        })
    }
}

/// Where a service is in one cloud, from its spec's `servers` entry: emitted by
/// `cargo xtask generate` into each service crate's `ENDPOINTS`, so that the core knows no service.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct ServerTemplate {
    /// The cloud (the server's `x-cloud`).
    pub cloud: Cloud,
    /// The endpoint URL with a `{region}` variable, e.g. `https://dcs.{region}.myhuaweicloud.com`.
    pub url: &'static str,
    /// The known regions (the `region` variable's `enum`), sorted.
    pub regions: &'static [&'static str],
    /// Regions whose endpoint does not follow `url` (`x-region-endpoints`): `(region, endpoint)`.
    pub exceptions: &'static [(&'static str, &'static str)],
}

impl ServerTemplate {
    /// A service's endpoint in `cloud`: `url` with a `{region}` variable, the known `regions`
    /// (sorted), and the `exceptions` whose endpoint does not follow `url`.
    pub const fn new(
        cloud: Cloud,
        url: &'static str,
        regions: &'static [&'static str],
        exceptions: &'static [(&'static str, &'static str)],
    ) -> Self {
        Self {
            cloud,
            url,
            regions,
            exceptions,
        }
    }
}

/// The override variable for a service and region, e.g. `HUAWEICLOUD_SDK_REGION_DCS_CN_NORTH_4`.
pub fn override_variable(service: &str, region: &str) -> String {
    format!(
        "{ENV_REGION_PREFIX}_{}_{}",
        service.to_ascii_uppercase(),
        region.replace('-', "_").to_ascii_uppercase()
    )
}

/// Why an endpoint could not be resolved or accepted.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EndpointError {
    /// The region is not a known region of the service.
    #[error(
        "unknown {cloud} region {region:?} for service {service}; known regions: {}; \
         or set {variable} or give an explicit endpoint",
        known.join(", ")
    )]
    UnknownRegion {
        /// The cloud.
        cloud: Cloud,
        /// The service.
        service: String,
        /// The region asked for.
        region: String,
        /// The known regions of the service.
        known: Vec<&'static str>,
        /// The override variable that would be consulted.
        variable: String,
    },
    /// The service's spec lists no endpoint in this cloud.
    #[error(
        "service {service} lists no {cloud} endpoint in its spec; set {variable} or give an explicit endpoint"
    )]
    UnknownService {
        /// The cloud.
        cloud: Cloud,
        /// The service asked for.
        service: String,
        /// The override variable that would be consulted.
        variable: String,
    },
    /// The service name cannot be part of a host name.
    #[error("invalid service name {service:?}: expected letters, digits and '-'")]
    InvalidServiceName {
        /// The service asked for.
        service: String,
    },
    /// The URL cannot be parsed or is not a plain base URL.
    #[error("invalid endpoint {url:?}: {reason}")]
    InvalidUrl {
        /// The URL given.
        url: String,
        /// What is wrong with it.
        reason: String,
    },
    /// `http` for a host that is not loopback, without opting in.
    #[error(
        "refusing plain http endpoint {url:?}: http is only allowed for loopback hosts \
         (127.0.0.0/8, ::1, localhost) unless allowed with `.endpoint_allowing_http(..)`; use https"
    )]
    InsecureHttp {
        /// The URL given.
        url: String,
    },
    /// The override variable's value is not an acceptable endpoint.
    #[error("{variable}: {source}")]
    InvalidOverride {
        /// The variable.
        variable: String,
        /// Why its value was rejected.
        source: Box<EndpointError>,
    },
}

/// A region of Huawei Cloud or Open Telekom Cloud.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Region {
    cloud: Cloud,
    id: String,
}

impl Region {
    /// A Huawei Cloud region, e.g. `cn-north-4`. Checked when an endpoint is resolved.
    pub fn huawei_cloud(id: impl Into<String>) -> Self {
        Self {
            cloud: Cloud::HuaweiCloud,
            id: id.into(),
        }
    }

    /// An Open Telekom Cloud region, `eu-de` or `eu-nl`. Checked when an endpoint is resolved.
    pub fn open_telekom_cloud(id: impl Into<String>) -> Self {
        Self {
            cloud: Cloud::OpenTelekomCloud,
            id: id.into(),
        }
    }

    /// The region id.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The cloud.
    pub fn cloud(&self) -> Cloud {
        self.cloud
    }

    /// The endpoint of `service` in this region, from the service's `servers` (its crate's
    /// `ENDPOINTS`); the override variable in the process environment wins when set.
    pub fn endpoint(
        &self,
        service: &str,
        servers: &[ServerTemplate],
    ) -> Result<Endpoint, EndpointError> {
        self.endpoint_with_env(service, servers, |name| std::env::var(name).ok())
    }

    /// [`Region::endpoint`] reading the override variable through `lookup` instead of the process
    /// environment.
    pub fn endpoint_with_env(
        &self,
        service: &str,
        servers: &[ServerTemplate],
        lookup: impl Fn(&str) -> Option<String>,
    ) -> Result<Endpoint, EndpointError> {
        let service = check_service(service)?;
        let variable = override_variable(&service, &self.id);
        if let Some(value) = lookup(&variable)
            && let Some(first) = value.split(',').map(str::trim).find(|s| !s.is_empty())
        {
            return Endpoint::parse(first).map_err(|e| EndpointError::InvalidOverride {
                variable,
                source: Box::new(e),
            });
        }
        self.default_endpoint(&service, servers)
    }

    /// The endpoint of `service` from its `servers` only.
    pub fn default_endpoint(
        &self,
        service: &str,
        servers: &[ServerTemplate],
    ) -> Result<Endpoint, EndpointError> {
        let service = check_service(service)?;
        let variable = override_variable(&service, &self.id);
        let server = servers
            .iter()
            .find(|s| s.cloud == self.cloud)
            .ok_or_else(|| EndpointError::UnknownService {
                cloud: self.cloud,
                service: service.clone(),
                variable: variable.clone(),
            })?;
        if !server.regions.contains(&self.id.as_str()) {
            return Err(EndpointError::UnknownRegion {
                cloud: self.cloud,
                service,
                region: self.id.clone(),
                known: server.regions.to_vec(),
                variable,
            });
        }
        let url = match server.exceptions.iter().find(|(r, _)| *r == self.id) {
            Some((_, url)) => (*url).to_owned(),
            None => server.url.replace("{region}", &self.id),
        };
        Endpoint::parse(&url)
    }
}

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.cloud, self.id)
    }
}

fn check_service(service: &str) -> Result<String, EndpointError> {
    let ok = !service.is_empty()
        && !service.starts_with('-')
        && !service.ends_with('-')
        && service
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-');
    if ok {
        Ok(service.to_ascii_lowercase())
    } else {
        Err(EndpointError::InvalidServiceName {
            service: service.to_owned(),
        })
    }
}

/// A validated base URL of a service: `http(s)://host[:port][/path]`, no query, fragment or
/// credentials. Displayed without a trailing `/`, as progenitor's generated clients expect.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Endpoint {
    url: Url,
    base: String,
}

impl Endpoint {
    /// Parses an `https` endpoint; `http` only for a loopback host.
    pub fn parse(url: &str) -> Result<Self, EndpointError> {
        Self::parse_with(url, false)
    }

    /// Parses an endpoint, allowing plain `http` to any host (explicit opt-in, e.g. for a test
    /// network or a TLS-terminating proxy on the same machine).
    pub fn parse_allowing_http(url: &str) -> Result<Self, EndpointError> {
        Self::parse_with(url, true)
    }

    fn parse_with(input: &str, allow_http: bool) -> Result<Self, EndpointError> {
        let invalid = |reason: &str| EndpointError::InvalidUrl {
            url: without_userinfo(input),
            reason: reason.to_owned(),
        };
        let url = Url::parse(input.trim()).map_err(|e| invalid(&e.to_string()))?;
        match url.scheme() {
            "https" => {}
            "http" => {
                if !allow_http && !is_loopback(&url) {
                    return Err(EndpointError::InsecureHttp {
                        url: without_userinfo(input),
                    });
                }
            }
            _ => return Err(invalid("the scheme must be https (or http)")),
        }
        if url.host_str().is_none_or(str::is_empty) {
            return Err(invalid("no host"));
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(invalid("credentials in the URL are not allowed"));
        }
        if url.query().is_some() || url.fragment().is_some() {
            return Err(invalid("a base URL cannot have a query or fragment"));
        }
        let base = url.as_str().trim_end_matches('/').to_owned();
        Ok(Self { url, base })
    }

    /// The URL.
    pub fn url(&self) -> &Url {
        &self.url
    }

    /// The base URL without a trailing `/`, e.g. `https://dcs.cn-north-4.myhuaweicloud.com`.
    pub fn as_str(&self) -> &str {
        &self.base
    }

    /// The host name.
    pub fn host(&self) -> &str {
        self.url.host_str().unwrap_or_default()
    }

    /// The cloud whose domain the host is in (`*.myhuaweicloud.com` or `.eu`,
    /// `*.otc.t-systems.com`), or `None` for any other host (a simulator, a private gateway).
    pub fn cloud(&self) -> Option<Cloud> {
        let host = self.host().trim_end_matches('.').to_ascii_lowercase();
        let within = |domain: &str| host.strip_suffix(domain).is_some_and(|h| h.ends_with('.'));
        if within("myhuaweicloud.com") || within("myhuaweicloud.eu") {
            Some(Cloud::HuaweiCloud)
        } else if within("otc.t-systems.com") {
            Some(Cloud::OpenTelekomCloud)
        } else {
            None
        }
    }
}

/// The URL as errors show it: a user name and password in it (`https://AK:SK@host`) are replaced
/// by `[REDACTED]`, even when the rest does not parse.
pub(crate) fn without_userinfo(input: &str) -> String {
    if let Some((scheme, rest)) = input.split_once("://") {
        let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        if let Some(at) = rest[..authority_end].rfind('@') {
            return format!("{scheme}://[REDACTED]@{}", &rest[at + 1..]);
        }
    }
    input.to_owned()
}

fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(domain)) => {
            domain.eq_ignore_ascii_case("localhost") || domain.eq_ignore_ascii_case("localhost.")
        }
        Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        None => false,
    }
}

impl fmt::Display for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.base)
    }
}

impl FromStr for Endpoint {
    type Err = EndpointError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl AsRef<str> for Endpoint {
    fn as_ref(&self) -> &str {
        &self.base
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn endpoints_know_their_cloud() {
        let cloud = |url: &str| Endpoint::parse(url).unwrap().cloud();
        assert_eq!(
            cloud("https://dcs.cn-north-4.myhuaweicloud.com"),
            Some(Cloud::HuaweiCloud)
        );
        assert_eq!(
            cloud("https://drs.eu-west-101.myhuaweicloud.eu"),
            Some(Cloud::HuaweiCloud)
        );
        assert_eq!(
            cloud("https://dcs.eu-de.otc.t-systems.com/"),
            Some(Cloud::OpenTelekomCloud)
        );
        assert_eq!(cloud("https://evil-myhuaweicloud.com"), None);
        assert_eq!(cloud("https://gateway.example.com"), None);
        assert_eq!(cloud("http://127.0.0.1:8080"), None);
    }

    fn no_env(_: &str) -> Option<String> {
        None
    }

    /// A made-up service's `ENDPOINTS`, as the generator emits them from a spec.
    const SERVERS: &[ServerTemplate] = &[
        ServerTemplate {
            cloud: Cloud::HuaweiCloud,
            url: "https://svc.{region}.myhuaweicloud.com",
            regions: &["ap-southeast-1", "cn-north-1", "cn-north-4"],
            exceptions: &[("cn-north-1", "https://other.cn-north-1.myhuaweicloud.com")],
        },
        ServerTemplate {
            cloud: Cloud::OpenTelekomCloud,
            url: "https://svc.{region}.otc.t-systems.com",
            regions: &["eu-de", "eu-nl"],
            exceptions: &[],
        },
    ];

    fn endpoint(region: &Region) -> String {
        region
            .endpoint_with_env("svc", SERVERS, no_env)
            .unwrap_or_else(|e| panic!("{region}: {e}"))
            .to_string()
    }

    #[test]
    fn the_url_template_takes_the_region() {
        assert_eq!(
            endpoint(&Region::huawei_cloud("cn-north-4")),
            "https://svc.cn-north-4.myhuaweicloud.com"
        );
        assert_eq!(
            endpoint(&Region::huawei_cloud("ap-southeast-1")),
            "https://svc.ap-southeast-1.myhuaweicloud.com"
        );
        for region in ["eu-de", "eu-nl"] {
            assert_eq!(
                endpoint(&Region::open_telekom_cloud(region)),
                format!("https://svc.{region}.otc.t-systems.com")
            );
        }
    }

    #[test]
    fn a_region_exception_wins_over_the_template() {
        assert_eq!(
            endpoint(&Region::huawei_cloud("cn-north-1")),
            "https://other.cn-north-1.myhuaweicloud.com"
        );
    }

    #[test]
    fn unknown_region_lists_known_ones() {
        let err = Region::huawei_cloud("xx-nowhere-1")
            .endpoint_with_env("svc", SERVERS, no_env)
            .unwrap_err();
        assert!(matches!(err, EndpointError::UnknownRegion { .. }), "{err}");
        let msg = err.to_string();
        for region in SERVERS[0].regions {
            assert!(msg.contains(region), "{region} not listed in {msg}");
        }
        assert!(
            msg.contains("HUAWEICLOUD_SDK_REGION_SVC_XX_NOWHERE_1"),
            "{msg}"
        );
        let err = Region::open_telekom_cloud("cn-north-4")
            .endpoint_with_env("svc", SERVERS, no_env)
            .unwrap_err();
        assert!(err.to_string().contains("eu-de, eu-nl"), "{err}");
    }

    #[test]
    fn a_cloud_without_a_server_and_invalid_service_names() {
        let err = Region::open_telekom_cloud("eu-de")
            .endpoint_with_env("svc", &SERVERS[..1], no_env)
            .unwrap_err();
        assert!(matches!(err, EndpointError::UnknownService { .. }), "{err}");
        assert!(
            err.to_string().contains("Open Telekom Cloud")
                && err.to_string().contains("HUAWEICLOUD_SDK_REGION_SVC_EU_DE"),
            "{err}"
        );
        for bad in ["", "a.b", "svc/x", "-svc"] {
            assert!(matches!(
                Region::huawei_cloud("cn-north-4").endpoint_with_env(bad, SERVERS, no_env),
                Err(EndpointError::InvalidServiceName { .. })
            ));
        }
    }

    #[test]
    fn override_variable_wins() {
        assert_eq!(
            override_variable("svc", "cn-north-4"),
            "HUAWEICLOUD_SDK_REGION_SVC_CN_NORTH_4"
        );
        let env: HashMap<&str, &str> = [
            (
                "HUAWEICLOUD_SDK_REGION_SVC_CN_NORTH_4",
                "https://svc.internal.example, https://b",
            ),
            (
                "HUAWEICLOUD_SDK_REGION_SVC_XX_PRIVATE_1",
                "https://svc.private.example/",
            ),
            ("HUAWEICLOUD_SDK_REGION_SVC_EU_DE", "http://svc.example"),
        ]
        .into_iter()
        .collect();
        let lookup = |name: &str| env.get(name).map(|v| v.to_string());
        let resolve = |region: Region| region.endpoint_with_env("svc", SERVERS, lookup);
        assert_eq!(
            resolve(Region::huawei_cloud("cn-north-4"))
                .unwrap()
                .as_str(),
            "https://svc.internal.example"
        );
        // Unknown regions, and clouds without a server, work through the override.
        assert_eq!(
            resolve(Region::huawei_cloud("xx-private-1"))
                .unwrap()
                .as_str(),
            "https://svc.private.example"
        );
        // The override is validated like any endpoint.
        let err = resolve(Region::open_telekom_cloud("eu-de")).unwrap_err();
        assert!(
            matches!(err, EndpointError::InvalidOverride { .. }),
            "{err}"
        );
        assert!(
            err.to_string().contains("HUAWEICLOUD_SDK_REGION_SVC_EU_DE"),
            "{err}"
        );
        // Not set: the servers.
        assert_eq!(
            resolve(Region::huawei_cloud("ap-southeast-1"))
                .unwrap()
                .as_str(),
            "https://svc.ap-southeast-1.myhuaweicloud.com"
        );
    }

    #[test]
    fn http_only_on_loopback_or_opt_in() {
        for ok in [
            "http://127.0.0.1:8080",
            "http://127.1.2.3",
            "http://[::1]:9000/base/",
            "http://localhost:3000",
            "http://LOCALHOST",
            "https://dcs.example.com",
        ] {
            assert!(Endpoint::parse(ok).is_ok(), "{ok} rejected");
        }
        for insecure in [
            "http://dcs.cn-north-4.myhuaweicloud.com",
            "http://10.0.0.1",
            "http://128.0.0.1",
            "http://[::2]",
            "http://localhost.example.com",
        ] {
            assert!(
                matches!(
                    Endpoint::parse(insecure),
                    Err(EndpointError::InsecureHttp { .. })
                ),
                "{insecure} accepted"
            );
            assert!(
                Endpoint::parse_allowing_http(insecure).is_ok(),
                "{insecure} with opt-in"
            );
        }
        for invalid in [
            "ftp://x",
            "dcs.cn-north-4.myhuaweicloud.com",
            "https://user:pw@x",
            "https://x/?a=b",
            "https://x/#f",
            "",
        ] {
            assert!(
                matches!(
                    Endpoint::parse_allowing_http(invalid),
                    Err(EndpointError::InvalidUrl { .. })
                ),
                "{invalid} accepted"
            );
        }
    }

    #[test]
    fn endpoint_errors_do_not_show_credentials_in_the_url() {
        for input in [
            "https://AK:SECRET@x.example",
            "http://AK:SECRET@10.0.0.1/base",
            "https://AK:SECRET@",
        ] {
            let err = Endpoint::parse(input).unwrap_err().to_string();
            assert!(!err.contains("SECRET"), "{err}");
            assert!(err.contains("[REDACTED]@"), "{err}");
        }
    }

    #[test]
    fn endpoint_display_has_no_trailing_slash() {
        let e: Endpoint = "https://x.example/base/".parse().unwrap();
        assert_eq!(e.as_str(), "https://x.example/base");
        assert_eq!(e.host(), "x.example");
        assert_eq!(
            Endpoint::parse("https://x.example").unwrap().to_string(),
            "https://x.example"
        );
    }
}
