//! Authentication as the API gateway does it: AK/SK signatures checked with the core's
//! [`Verifier`] (all three algorithms, the 15-minute `X-Sdk-Date` window), temporary AK/SK with
//! their `X-Security-Token`, IAM tokens in `X-Auth-Token`; then the project in the path must be the
//! credentials' project.

use std::collections::HashMap;
use std::time::Duration;

use hwcloud_core::Verifier;
use hwcloud_core::signing::ReceivedRequest;
use hyper::HeaderMap;
use secrecy::{ExposeSecret, SecretString};

use crate::answer::gateway;
use crate::scenario::Scenario;
use crate::world::ApiError;

struct Key {
    sk: SecretString,
    security_token: Option<SecretString>,
    project_id: String,
}

/// Who a request is from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Principal {
    /// The project the credentials are scoped to.
    pub project_id: String,
    /// How it authenticated, for the request log (`SDK-HMAC-SHA256 AK...`, `IAM token`).
    pub how: String,
}

pub(crate) struct Auth {
    keys: HashMap<String, Key>,
    tokens: HashMap<String, String>,
    verifier: Verifier,
}

impl std::fmt::Debug for Auth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Auth")
            .field("access_keys", &self.keys.keys().collect::<Vec<_>>())
            .field("tokens", &self.tokens.len())
            .finish()
    }
}

fn unauthorized(reason: impl std::fmt::Display) -> ApiError {
    ApiError::new(
        401,
        gateway::UNAUTHORIZED,
        format!("Incorrect IAM authentication information: {reason}"),
    )
}

impl Auth {
    pub(crate) fn new(scenario: &Scenario) -> Self {
        let project = |p: &Option<String>| p.clone().unwrap_or_else(|| scenario.project_id.clone());
        let keys = scenario
            .credentials
            .aksk
            .iter()
            .map(|k| {
                let key = Key {
                    sk: SecretString::from(k.sk.clone()),
                    security_token: k.security_token.clone().map(SecretString::from),
                    project_id: project(&k.project_id),
                };
                (k.ak.clone(), key)
            })
            .collect();
        let tokens = scenario
            .credentials
            .iam_tokens
            .iter()
            .map(|t| (t.token.clone(), project(&t.project_id)))
            .collect();
        Self {
            keys,
            tokens,
            verifier: Verifier::new()
                .with_max_skew(Duration::from_secs(scenario.max_clock_skew_secs)),
        }
    }

    /// Authenticates a request as received: method, path and query as sent, headers, body.
    pub(crate) fn authenticate(
        &self,
        method: &str,
        path_and_query: &str,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Result<Principal, ApiError> {
        let mut pairs = Vec::with_capacity(headers.len());
        for (name, value) in headers {
            let value = value
                .to_str()
                .map_err(|_| unauthorized(format!("header {name} is not valid text")))?;
            pairs.push((name.as_str().to_owned(), value.to_owned()));
        }
        let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
        if headers.contains_key("authorization") {
            let host = header("host").unwrap_or("localhost");
            let url = reqwest::Url::parse(&format!("http://{host}{path_and_query}"))
                .map_err(|e| unauthorized(format!("cannot read the request target: {e}")))?;
            let received = ReceivedRequest::new(method, &url, &pairs, body);
            let verified = self
                .verifier
                .verify_with(&received, |ak| self.keys.get(ak).map(|k| k.sk.clone()))
                .map_err(unauthorized)?;
            let key = &self.keys[&verified.access_key];
            let sent = header("x-security-token");
            match (&key.security_token, sent) {
                (Some(expected), Some(sent)) if expected.expose_secret() == sent => {
                    if !verified
                        .signed_headers
                        .iter()
                        .any(|h| h == "x-security-token")
                    {
                        return Err(unauthorized("X-Security-Token must be signed"));
                    }
                }
                (Some(_), _) => {
                    return Err(unauthorized(
                        "the security token of these temporary credentials is missing or wrong",
                    ));
                }
                (None, Some(_)) => {
                    return Err(unauthorized(
                        "X-Security-Token sent with permanent credentials",
                    ));
                }
                (None, None) => {}
            }
            return Ok(Principal {
                project_id: key.project_id.clone(),
                how: format!("{} {}", verified.algorithm, verified.access_key),
            });
        }
        if let Some(token) = header("x-auth-token") {
            return match self.tokens.get(token) {
                Some(project_id) => Ok(Principal {
                    project_id: project_id.clone(),
                    how: "IAM token".into(),
                }),
                None => Err(unauthorized("the token is invalid or has expired")),
            };
        }
        Err(unauthorized(
            "the request has neither an Authorization nor an X-Auth-Token header",
        ))
    }

    /// The project in the path (and `X-Project-Id`, when sent) must be the credentials' project.
    pub(crate) fn authorize(
        principal: &Principal,
        path_project: Option<&str>,
        headers: &HeaderMap,
    ) -> Result<(), ApiError> {
        let forbidden = |what: &str, project: &str| {
            ApiError::new(
                403,
                gateway::FORBIDDEN,
                format!(
                    "The IAM user is not authorized to access the API: the {what} names project \
                     {project}, not the credentials' project"
                ),
            )
        };
        if let Some(project) = path_project
            && project != principal.project_id
        {
            return Err(forbidden("path", project));
        }
        if let Some(project) = headers.get("x-project-id").and_then(|v| v.to_str().ok())
            && project != principal.project_id
        {
            return Err(forbidden("X-Project-Id header", project));
        }
        Ok(())
    }
}
