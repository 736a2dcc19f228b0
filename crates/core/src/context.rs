//! The state every generated client carries (progenitor's "inner type"): who the caller is, how to
//! sign, which project, how to retry.

use std::borrow::Cow;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{Duration, SystemTime};

use crate::answer::DEFAULT_MAX_RESPONSE_BODY;
use crate::credentials::Credentials;
use crate::error::Error;
use crate::operation::Operation;
use crate::path::check_path;
use crate::region::Cloud;
use crate::retry::RetryPolicy;
use crate::signing::{Clock, SigningConfig, SigningError, SystemClock, authenticate_request};

/// Per-client state shared by every operation of a generated client. Built only by
/// [`ClientBuilder`](crate::ClientBuilder); cheap to clone.
#[doc(hidden)]
#[derive(Clone, Debug)]
pub struct Context {
    pub(crate) service: &'static str,
    pub(crate) cloud: Option<Cloud>,
    project_id: Option<String>,
    credentials: Option<Credentials>,
    signing: SigningConfig,
    clock: Arc<dyn Clock>,
    /// Seconds added to `clock` when signing: the gateway's clock minus ours, once measured (see
    /// [`crate::clock_skew`]). Shared by every clone, so every call of a client benefits.
    clock_offset: Arc<AtomicI64>,
    pub(crate) retry: RetryPolicy,
    pub(crate) max_response_body: usize,
    /// Where a dry run hands each finished request instead of sending it.
    pub(crate) dry_run: Option<DryRun>,
}

/// A dry run's sink: it gets every request, authenticated as it would be sent, and nothing is
/// sent.
#[derive(Clone)]
pub(crate) struct DryRun(pub Arc<dyn Fn(&reqwest::Request) + Send + Sync>);

impl std::fmt::Debug for DryRun {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DryRun")
    }
}

/// A clock moved by a whole number of seconds.
#[derive(Debug)]
pub(crate) struct Offset<'a>(pub &'a dyn Clock, pub i64);

impl Clock for Offset<'_> {
    fn now(&self) -> SystemTime {
        let offset = Duration::from_secs(self.1.unsigned_abs());
        let now = self.0.now();
        if self.1 >= 0 {
            now.checked_add(offset).unwrap_or(now)
        } else {
            now.checked_sub(offset).unwrap_or(now)
        }
    }
}

impl Context {
    /// A context for `service`, with no credentials (requests go out unsigned) and the defaults
    /// of everything else.
    pub(crate) fn new(service: &'static str) -> Self {
        Self {
            service,
            cloud: None,
            project_id: None,
            credentials: None,
            signing: SigningConfig::default(),
            clock: Arc::new(SystemClock),
            clock_offset: Arc::new(AtomicI64::new(0)),
            retry: RetryPolicy::default(),
            max_response_body: DEFAULT_MAX_RESPONSE_BODY,
            dry_run: None,
        }
    }

    pub(crate) fn with_cloud(mut self, cloud: Option<Cloud>) -> Self {
        self.cloud = cloud;
        self
    }

    pub(crate) fn with_project_id(mut self, project_id: String) -> Self {
        self.signing.project_id = Some(project_id.clone());
        self.project_id = Some(project_id);
        self
    }

    pub(crate) fn with_credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = Some(credentials);
        self
    }

    pub(crate) fn with_algorithm(mut self, algorithm: crate::Algorithm) -> Self {
        self.signing.algorithm = algorithm;
        self
    }

    pub(crate) fn with_clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    pub(crate) fn with_retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    pub(crate) fn with_max_response_body(mut self, bytes: usize) -> Self {
        self.max_response_body = bytes;
        self
    }

    /// The configured project id, if any.
    pub fn project_id(&self) -> Option<&str> {
        self.project_id.as_deref()
    }

    /// The signing clock's correction, in seconds: the API gateway's clock minus the local clock,
    /// as measured from an answer that rejected a signature for the time (zero until then).
    pub fn clock_offset(&self) -> i64 {
        self.clock_offset.load(Ordering::Relaxed)
    }

    /// Whether requests are signed with an AK/SK (and so may have their clock corrected).
    pub(crate) fn signs(&self) -> bool {
        matches!(self.credentials, Some(Credentials::AkSk(_)))
    }

    /// The signing clock, corrected by the measured offset.
    pub(crate) fn signing_clock(&self) -> Offset<'_> {
        Offset(self.clock.as_ref(), self.clock_offset())
    }

    /// Corrects the signing clock to `offset`, for this call's next attempt and every later call;
    /// returns the previous offset.
    pub(crate) fn set_clock_offset(&self, offset: i64) -> i64 {
        self.clock_offset.swap(offset, Ordering::Relaxed)
    }

    #[doc(hidden)]
    /// The initial value of every generated builder's `project_id` parameter: the configured project
    /// id, or the message that the request fails with (before any I/O) when none is configured and
    /// the caller does not pass one to the builder.
    pub fn project_id_param(&self) -> Result<String, String> {
        self.project_id.clone().ok_or_else(|| {
            "no project id: configure one on the client or pass `project_id` to the request"
                .to_owned()
        })
    }

    /// Checks the finished request's path against the operation's template, warns when the
    /// operation is not documented for the endpoint's cloud, then authenticates the request.
    pub(crate) fn prepare(
        &self,
        request: &mut reqwest::Request,
        op: &Operation,
    ) -> Result<(), Error> {
        let path_project_id =
            check_path(op, request.url().path()).map_err(Error::InvalidRequest)?;
        if let Some(cloud) = self.cloud
            && !op.clouds.contains(&cloud)
        {
            tracing::warn!(
                service = self.service,
                operation = op.name,
                %cloud,
                "{} is not documented for {cloud}; sending it anyway",
                op.name
            );
        }
        let signing = self.signing_config(path_project_id);
        self.authenticate(request, &signing)
            .map_err(|e| Error::InvalidRequest(format!("cannot sign the request: {e}")))
    }

    /// The signing configuration for a request whose path names `path_project_id`: `X-Project-Id`
    /// names the project the path names, also when a call overrides the configured one.
    pub(crate) fn signing_config(
        &self,
        path_project_id: Option<Cow<'_, str>>,
    ) -> Cow<'_, SigningConfig> {
        match path_project_id {
            Some(id) if self.signing.project_id.as_deref() != Some(&*id) => {
                Cow::Owned(SigningConfig {
                    project_id: Some(id.into_owned()),
                    ..self.signing.clone()
                })
            }
            _ => Cow::Borrowed(&self.signing),
        }
    }

    /// Authenticates `request` with the credentials, if any, on the corrected signing clock.
    pub(crate) fn authenticate(
        &self,
        request: &mut reqwest::Request,
        signing: &SigningConfig,
    ) -> Result<(), SigningError> {
        let Some(credentials) = &self.credentials else {
            return Ok(());
        };
        authenticate_request(request, credentials, signing, &self.signing_clock())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_shows_no_secret() {
        let context = Context::new("dcs")
            .with_credentials(Credentials::temporary(
                "AK-PUBLIC",
                "SK-SECRET",
                "TOKEN-SECRET",
            ))
            .with_project_id("p".to_owned());
        let shown = format!("{context:?}");
        assert!(shown.contains("AK-PUBLIC"), "{shown}");
        assert!(
            !shown.contains("SK-SECRET") && !shown.contains("TOKEN-SECRET"),
            "{shown}"
        );
    }
}
