//! The state every generated client carries (progenitor's "inner type") and the hooks it runs.

use progenitor_client::{Error, OperationInfo};

/// Per-client state shared by every operation of a generated client.
#[derive(Clone, Debug, Default)]
pub struct Context {
    _private: (),
}

impl Context {
    /// A context with no credentials: requests go out unsigned. Useful against a local mock.
    pub fn unauthenticated() -> Self {
        Self::default()
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

    /// Sends the request (progenitor's `ClientHooks::exec`).
    pub async fn execute(
        &self,
        client: &reqwest::Client,
        request: reqwest::Request,
        _info: &OperationInfo,
    ) -> reqwest::Result<reqwest::Response> {
        client.execute(request).await
    }
}

/// Implements progenitor's `ClientHooks` for a generated `Client` whose inner type is [`Context`],
/// delegating every hook to the context. Each service crate's `lib.rs` invokes it once.
#[macro_export]
macro_rules! client_hooks {
    ($client:ty) => {
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
                    .execute(client, request, info)
                    .await
            }
        }
    };
}
