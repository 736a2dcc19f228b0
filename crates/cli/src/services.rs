//! The generated command trees of every service behind one interface: [`Op`] is one operation of
//! one service, whatever the service.

use std::sync::{Arc, Mutex};

use clap::ArgMatches;
use hwcloud_core::__private::Operation;
use hwcloud_core::wait::engine::Reader;
use hwcloud_core::wait::spec::WaiterSpec;

use crate::config::{Config, ConfigError};
use crate::generated::{css, dcs, drs};
use crate::spec::OperationSpec;

/// What a successful call answered.
#[derive(Clone, Debug)]
pub struct Reply {
    /// The body as JSON; `None` when the operation answers no body.
    pub body: Option<serde_json::Value>,
    /// The answer's `X-Request-Id`.
    pub request_id: Option<String>,
}

/// Why a call has no reply.
#[derive(Debug)]
pub enum CallError {
    /// The configuration or the command line cannot work; nothing was sent.
    Usage(String),
    /// The call failed (see [`hwcloud_core::Error`]).
    Api(hwcloud_core::Error),
}

impl From<ConfigError> for CallError {
    fn from(e: ConfigError) -> Self {
        Self::Usage(e.0)
    }
}

/// The `CliConfig` of every generated command tree: keeps what the call answered, so that the
/// command can print it, or follow it with `--wait` and print the final state instead.
#[derive(Clone, Default)]
pub struct Recorder(Arc<Mutex<Option<Reply>>>);

impl Recorder {
    fn record(&self, reply: Reply) {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) = Some(reply);
    }

    fn take(&self) -> Option<Reply> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).take()
    }
}

/// The `X-Request-Id` of an answer.
fn request_id(headers: &hwcloud_core::__private::reqwest::header::HeaderMap) -> Option<String> {
    headers
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

macro_rules! recorder_impl {
    ($module:ident) => {
        impl $module::CliConfig for Recorder {
            fn success_item<T>(&self, value: &progenitor_client::ResponseValue<T>)
            where
                T: schemars::JsonSchema + serde::Serialize + std::fmt::Debug,
            {
                let body = serde_json::to_value(&**value).unwrap_or(serde_json::Value::Null);
                self.record(Reply {
                    body: Some(body),
                    request_id: request_id(value.headers()),
                });
            }

            fn success_no_item(&self, value: &progenitor_client::ResponseValue<()>) {
                self.record(Reply {
                    body: None,
                    request_id: request_id(value.headers()),
                });
            }

            // Errors are returned by `execute`, and reported from there.
            fn error(&self, _: &hwcloud_core::Error) {}

            // No operation of the specs is paginated the way progenitor's lists are.
            fn list_start<T>(&self)
            where
                T: schemars::JsonSchema + serde::Serialize + std::fmt::Debug,
            {
            }

            fn list_item<T>(&self, _: &T)
            where
                T: schemars::JsonSchema + serde::Serialize + std::fmt::Debug,
            {
            }

            fn list_end_success<T>(&self)
            where
                T: schemars::JsonSchema + serde::Serialize + std::fmt::Debug,
            {
            }

            fn list_end_error(&self, _: &hwcloud_core::Error) {}
        }
    };
}

recorder_impl!(css);
recorder_impl!(dcs);
recorder_impl!(drs);

/// Sorts what a generated `execute` returned: a call error is a [`hwcloud_core::Error`];
/// anything else (a `--json-body` file that cannot be read or parsed) is a usage error.
fn classify(error: anyhow::Error) -> CallError {
    match error.downcast::<hwcloud_core::Error>() {
        Ok(e) => CallError::Api(e),
        Err(other) => CallError::Usage(format!("{other:#}")),
    }
}

macro_rules! services {
    ($($variant:ident => $module:ident, $krate:ident;)*) => {
        /// One operation of one service.
        #[derive(Clone, Copy, Debug)]
        pub enum Op {
            $(
                #[doc = concat!("An operation of `", stringify!($module), "`.")]
                $variant($module::CliCommand),
            )*
        }

        /// Every service: (name, title, title and description).
        pub const SERVICES: &[(&str, &str, &str)] = &[
            $(($module::SERVICE, $module::ABOUT, $module::LONG_ABOUT)),*
        ];

        /// Every service's drill, as its spec's `x-drill` declares it: (name, JSON).
        pub const DRILLS: &[(&str, &str)] = &[$(($module::SERVICE, $module::DRILL)),*];

        impl Op {
            /// Every operation of every service, in the specs' order.
            pub fn all() -> Vec<Op> {
                let mut all = Vec::new();
                $(all.extend($module::CliCommand::iter().map(Op::$variant));)*
                all
            }

            /// What the spec says of the operation.
            pub fn spec(&self) -> &'static OperationSpec {
                match self {
                    $(Op::$variant(c) => c.spec(),)*
                }
            }

            /// progenitor's command, as generated.
            pub fn generated_command(&self) -> clap::Command {
                match self {
                    $(Op::$variant(c) => $module::Cli::<Recorder>::get_command(*c),)*
                }
            }

            /// The operation's row of its crate's `OPERATIONS` table.
            pub fn operation(&self) -> Option<&'static Operation> {
                match self {
                    $(Op::$variant(c) => Operation::find($krate::OPERATIONS, c.operation_id()),)*
                }
            }

            /// How the operation is followed, as its spec's `x-waiter` declares it.
            pub fn waiter(&self) -> Option<&'static WaiterSpec> {
                match self {
                    $(Op::$variant(c) => $krate::WAITERS
                        .iter()
                        .find(|w| w.operation == c.spec().operation_id),)*
                }
            }

            /// How the wait engine calls the operation's service.
            pub fn reader(&self, config: &Config) -> Result<Reader, CallError> {
                match self {
                    $(Op::$variant(_) => Ok(config
                        .configure($krate::Client::builder(), $module::SERVICE)?
                        .build()
                        .map_err(|e| CallError::Usage(e.to_string()))?
                        .waiter_reader()),)*
                }
            }

            /// Sends the request the command line describes, through the generated command.
            pub async fn execute(
                &self,
                config: &Config,
                matches: &ArgMatches,
            ) -> Result<Reply, CallError> {
                let recorder = Recorder::default();
                let outcome = match self {
                    $(Op::$variant(c) => {
                        let client = config
                            .configure($krate::Client::builder(), $module::SERVICE)?
                            .build()
                            .map_err(|e| CallError::Usage(e.to_string()))?;
                        $module::Cli::new(client, recorder.clone())
                            .execute(*c, matches)
                            .await
                            .map_err(classify)
                    })*
                };
                outcome?;
                recorder.take().ok_or_else(|| {
                    CallError::Usage("the generated command recorded no answer".to_owned())
                })
            }
        }
    };
}

services! {
    Dcs => dcs, hwcloud_dcs;
    Drs => drs, hwcloud_drs;
    Css => css, hwcloud_css;
}

impl Op {
    /// Whether sending the operation twice can do it twice.
    pub fn idempotent(&self) -> bool {
        self.operation().is_some_and(|o| o.idempotent)
    }

    /// Finds an operation by service and command name.
    pub fn find(service: &str, name: &str) -> Option<Op> {
        Op::all()
            .into_iter()
            .find(|op| op.spec().service == service && op.spec().name == name)
    }
}
