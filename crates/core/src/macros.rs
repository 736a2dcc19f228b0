//! [`service_client!`](crate::service_client), which each service crate invokes once.

/// Adds `Client::builder()` to a generated `Client` whose inner type is the core's context. Each
/// service crate's `lib.rs` invokes it once with its name and its generated `ENDPOINTS` table: `hwcloud_core::service_client!(Client, "dcs", ENDPOINTS);`. The
/// builder is the only way to make a client: it checks the endpoint and builds the HTTP client so
/// that redirects are never followed.
#[macro_export]
macro_rules! service_client {
    ($client:ty, $service:literal, $endpoints:expr) => {
        impl $client {
            /// A builder for a client of this service: region or endpoint, credentials, project id,
            /// timeouts, retries.
            pub fn builder() -> $crate::ClientBuilder<Self> {
                $crate::__private::client_builder($service, $endpoints, |baseurl, http, context| {
                    Self::new_with_client(baseurl, http, context)
                })
            }
        }
    };
}
