//! The state every generated client carries (progenitor's "inner type") and the hooks it runs.

use progenitor_client::{Error, OperationInfo};

/// What the generator knows of one operation, from its spec: emitted by `cargo xtask generate` as
/// each service crate's `OPERATIONS` table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Operation {
    /// progenitor's id for it, as in `OperationInfo::operation_id` (`change_master_standby_async`).
    pub id: &'static str,
    /// The spec's `operationId`, the official SDK's name (`ChangeMasterStandbyAsync`).
    pub name: &'static str,
    /// HTTP method, upper case.
    pub method: &'static str,
    /// Path template as in the spec (`/v2/{project_id}/instances/{instance_id}/async-swap`).
    pub path: &'static str,
    /// The spec's `x-idempotent`: whether sending the request twice is as good as sending it once.
    /// A switchover is not idempotent even when its method is PUT.
    pub idempotent: bool,
}

/// Per-client state shared by every operation of a generated client.
#[derive(Clone, Debug, Default)]
pub struct Context {
    project_id: Option<String>,
}

impl Context {
    /// A context with no credentials: requests go out unsigned. Useful against a local mock.
    pub fn unauthenticated() -> Self {
        Self::default()
    }

    /// Sets the project id that fills every `{project_id}` path parameter.
    pub fn with_project_id(mut self, project_id: impl Into<String>) -> Self {
        self.project_id = Some(project_id.into());
        self
    }

    /// The configured project id, if any.
    pub fn project_id(&self) -> Option<&str> {
        self.project_id.as_deref()
    }

    /// The initial value of every generated builder's `project_id` parameter: the configured project
    /// id, or the message that the request fails with (before any I/O) when none is configured and
    /// the caller does not pass one to the builder.
    pub fn project_id_param(&self) -> Result<String, String> {
        self.project_id.clone().ok_or_else(|| {
            "no project id: configure one on the client or pass `project_id` to the request"
                .to_owned()
        })
    }

    /// Runs on the finished request before it is sent (progenitor's `ClientHooks::pre`).
    ///
    /// progenitor adds an `api-version` header to every request; the cloud APIs do not know it, so it
    /// is removed here, before anything (such as a signer) looks at the headers.
    pub async fn prepare<E>(
        &self,
        request: &mut reqwest::Request,
        _info: &OperationInfo,
    ) -> Result<(), Error<E>> {
        request.headers_mut().remove("api-version");
        Ok(())
    }

    /// Sends the request (progenitor's `ClientHooks::exec`). `operations` is the service crate's
    /// generated `OPERATIONS` table, which says (among other things) whether `info`'s operation is
    /// idempotent.
    pub async fn execute(
        &self,
        client: &reqwest::Client,
        request: reqwest::Request,
        _info: &OperationInfo,
        _operations: &'static [Operation],
    ) -> reqwest::Result<reqwest::Response> {
        client.execute(request).await
    }
}

/// Implements progenitor's `ClientHooks` for a generated `Client` whose inner type is [`Context`],
/// delegating every hook to the context. Each service crate's `lib.rs` invokes it once, with its
/// generated `OPERATIONS` table: `hwcloud_core::client_hooks!(Client, OPERATIONS);`.
#[macro_export]
macro_rules! client_hooks {
    ($client:ty, $operations:expr) => {
        impl ::progenitor_client::ClientHooks<$crate::Context> for $client {
            async fn pre<E>(
                &self,
                request: &mut ::reqwest::Request,
                info: &::progenitor_client::OperationInfo,
            ) -> ::std::result::Result<(), ::progenitor_client::Error<E>> {
                ::progenitor_client::ClientInfo::inner(self)
                    .prepare(request, info)
                    .await
            }

            async fn exec(
                &self,
                request: ::reqwest::Request,
                info: &::progenitor_client::OperationInfo,
            ) -> ::reqwest::Result<::reqwest::Response> {
                let client = ::progenitor_client::ClientInfo::client(self);
                ::progenitor_client::ClientInfo::inner(self)
                    .execute(client, request, info, $operations)
                    .await
            }
        }
    };
}
