//! Fault injection: what the network or a gateway in front of the service does to a request.

use std::time::Duration;

use serde::{Deserialize, Serialize};

/// One fault: what happens, to which operation's requests, how many times.
///
/// In a scenario or a `POST /_sim/faults` body:
/// `{"operation": "ShowJobInfo", "times": 2, "kind": "status", "status": 503, "retry_after_secs": 1}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Fault {
    /// The operation (`operationId`, e.g. `ChangeMasterStandbyAsync`) whose requests it hits; absent
    /// or `"*"`: every operation's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operation: Option<String>,
    /// How many matching requests it hits (default 1); `null`: every one, until cleared.
    #[serde(default = "once")]
    pub times: Option<u32>,
    /// What happens.
    #[serde(flatten)]
    pub kind: FaultKind,
}

fn once() -> Option<u32> {
    Some(1)
}

/// What a fault does.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FaultKind {
    /// Waits `ms` (real milliseconds) before handling the request.
    Latency {
        /// The delay.
        ms: u64,
    },
    /// Answers `status` (429, 500, 502, 503, ...) with the service's error body, without performing
    /// the operation; `Retry-After: retry_after_secs` when given.
    Status {
        /// The status.
        status: u16,
        /// The `Retry-After` header, in seconds.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        retry_after_secs: Option<u64>,
    },
    /// Answers an HTML error page from a "gateway" (default 502), without performing the operation.
    HtmlError {
        /// The status.
        #[serde(default = "bad_gateway")]
        status: u16,
    },
    /// Resets the connection (TCP RST) once the request has arrived, before the operation is
    /// performed: nothing happened.
    ResetBeforePerform,
    /// Performs the operation, then resets the connection instead of answering: it happened, and
    /// the client cannot know.
    ResetAfterPerform,
    /// Performs the operation and sends the answer slowly: `chunk_bytes` at a time, `chunk_delay_ms`
    /// (real milliseconds) apart.
    SlowBody {
        /// Bytes per chunk (default 8).
        #[serde(default = "eight")]
        chunk_bytes: usize,
        /// Delay between chunks (default 100 ms).
        #[serde(default = "hundred")]
        chunk_delay_ms: u64,
    },
    /// Performs the operation, announces the whole body's length but sends only its first half,
    /// then resets the connection.
    TruncatedBody,
    /// A proxy alters the request body in flight (one byte flipped; an empty body gets one byte),
    /// before the gateway checks the signature.
    TamperBody,
    /// The service refuses the request because the instance is busy (`error_code`, such as
    /// `DCS.4049`, with `status`, default 400), without performing it.
    Busy {
        /// The status (default 400).
        #[serde(default = "bad_request")]
        status: u16,
        /// The service's error code.
        error_code: String,
    },
    /// Answers what this operation last answered for the same path and query, without handling
    /// the request: a status that still reports the previous outcome, a task list that does not
    /// show a new task yet. Handled normally when it has answered nothing yet.
    Stale,
}

fn bad_request() -> u16 {
    400
}

fn bad_gateway() -> u16 {
    502
}
fn eight() -> usize {
    8
}
fn hundred() -> u64 {
    100
}

impl Fault {
    /// A fault of `kind` hitting the next request of any operation.
    pub fn new(kind: FaultKind) -> Self {
        Self {
            operation: None,
            times: Some(1),
            kind,
        }
    }

    /// Answers `status` with the service's error body.
    pub fn status(status: u16) -> Self {
        Self::new(FaultKind::Status {
            status,
            retry_after_secs: None,
        })
    }

    /// Answers 429 with `Retry-After: secs`.
    pub fn throttle(secs: u64) -> Self {
        Self::new(FaultKind::Status {
            status: 429,
            retry_after_secs: Some(secs),
        })
    }

    /// Refuses the request as busy with `error_code` (400), performing nothing.
    pub fn busy(error_code: impl Into<String>) -> Self {
        Self::new(FaultKind::Busy {
            status: 400,
            error_code: error_code.into(),
        })
    }

    /// Answers what the operation last answered for the same path and query.
    pub fn stale() -> Self {
        Self::new(FaultKind::Stale)
    }

    /// Resets the connection after performing the operation.
    pub fn reset_after_perform() -> Self {
        Self::new(FaultKind::ResetAfterPerform)
    }

    /// Resets the connection before performing the operation.
    pub fn reset_before_perform() -> Self {
        Self::new(FaultKind::ResetBeforePerform)
    }

    /// Adds `ms` of latency.
    pub fn latency(ms: u64) -> Self {
        Self::new(FaultKind::Latency { ms })
    }

    /// Answers an HTML error page with `status`.
    pub fn html_error(status: u16) -> Self {
        Self::new(FaultKind::HtmlError { status })
    }

    /// Hits only `operation`'s requests.
    pub fn on(mut self, operation: impl Into<String>) -> Self {
        self.operation = Some(operation.into());
        self
    }

    /// Hits the next `n` matching requests.
    pub fn times(mut self, n: u32) -> Self {
        self.times = Some(n);
        self
    }

    /// Hits every matching request until cleared.
    pub fn always(mut self) -> Self {
        self.times = None;
        self
    }

    fn matches(&self, operation: Option<&str>) -> bool {
        match self.operation.as_deref() {
            None | Some("*") => true,
            Some(name) => operation == Some(name),
        }
    }

    /// Checks the values the types cannot.
    pub fn validate(&self) -> Result<(), String> {
        match &self.kind {
            FaultKind::Status { status, .. }
            | FaultKind::HtmlError { status }
            | FaultKind::Busy { status, .. }
                if !(400..=599).contains(status) =>
            {
                Err(format!("status {status} is not an error status (400-599)"))
            }
            FaultKind::Busy { error_code, .. } if error_code.trim().is_empty() => {
                Err("a busy refusal needs an error_code".into())
            }
            FaultKind::SlowBody { chunk_bytes: 0, .. } => {
                Err("chunk_bytes must be positive".into())
            }
            _ => Ok(()),
        }
    }
}

/// What happens to the answer of a request (after the operation ran).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum After {
    Reset,
    Slow { chunk_bytes: usize, delay: Duration },
    Truncate,
}

/// What happens instead of handling a request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Instead {
    Reset,
    Busy {
        status: u16,
        error_code: String,
    },
    Stale,
    Status {
        status: u16,
        retry_after_secs: Option<u64>,
    },
    Html {
        status: u16,
    },
}

/// The faults that hit one request.
#[derive(Clone, Debug, Default)]
pub(crate) struct Plan {
    pub latency: Duration,
    pub tamper: bool,
    pub instead: Option<Instead>,
    pub after: Option<After>,
    /// The kinds applied, for the request log.
    pub applied: Vec<String>,
}

/// The armed faults, in the order they were armed.
#[derive(Debug, Default)]
pub(crate) struct Faults {
    armed: Vec<Fault>,
}

impl Faults {
    pub(crate) fn arm(&mut self, fault: Fault) {
        if fault.times != Some(0) {
            self.armed.push(fault);
        }
    }

    pub(crate) fn clear(&mut self) {
        self.armed.clear();
    }

    pub(crate) fn list(&self) -> Vec<Fault> {
        self.armed.clone()
    }

    /// Takes the faults that hit a request of `operation`: any number of latencies, one tamper,
    /// one fault in place of the handling and one on the answer, first armed first. Each one taken
    /// is used up once.
    pub(crate) fn take(&mut self, operation: Option<&str>) -> Plan {
        let mut plan = Plan::default();
        for fault in &mut self.armed {
            if !fault.matches(operation) {
                continue;
            }
            let taken = match &fault.kind {
                FaultKind::Latency { ms } => {
                    plan.latency += Duration::from_millis(*ms);
                    true
                }
                FaultKind::TamperBody if !plan.tamper => {
                    plan.tamper = true;
                    true
                }
                FaultKind::ResetBeforePerform if plan.instead.is_none() => {
                    plan.instead = Some(Instead::Reset);
                    true
                }
                FaultKind::Status {
                    status,
                    retry_after_secs,
                } if plan.instead.is_none() => {
                    plan.instead = Some(Instead::Status {
                        status: *status,
                        retry_after_secs: *retry_after_secs,
                    });
                    true
                }
                FaultKind::Busy { status, error_code } if plan.instead.is_none() => {
                    plan.instead = Some(Instead::Busy {
                        status: *status,
                        error_code: error_code.clone(),
                    });
                    true
                }
                FaultKind::Stale if plan.instead.is_none() => {
                    plan.instead = Some(Instead::Stale);
                    true
                }
                FaultKind::HtmlError { status } if plan.instead.is_none() => {
                    plan.instead = Some(Instead::Html { status: *status });
                    true
                }
                FaultKind::ResetAfterPerform if plan.after.is_none() => {
                    plan.after = Some(After::Reset);
                    true
                }
                FaultKind::SlowBody {
                    chunk_bytes,
                    chunk_delay_ms,
                } if plan.after.is_none() => {
                    plan.after = Some(After::Slow {
                        chunk_bytes: (*chunk_bytes).max(1),
                        delay: Duration::from_millis(*chunk_delay_ms),
                    });
                    true
                }
                FaultKind::TruncatedBody if plan.after.is_none() => {
                    plan.after = Some(After::Truncate);
                    true
                }
                _ => false,
            };
            if taken {
                plan.applied.push(kind_name(&fault.kind).to_owned());
                if let Some(n) = &mut fault.times {
                    *n = n.saturating_sub(1);
                }
            }
        }
        self.armed.retain(|f| f.times != Some(0));
        plan
    }
}

fn kind_name(kind: &FaultKind) -> &'static str {
    match kind {
        FaultKind::Latency { .. } => "latency",
        FaultKind::Status { .. } => "status",
        FaultKind::HtmlError { .. } => "html_error",
        FaultKind::ResetBeforePerform => "reset_before_perform",
        FaultKind::ResetAfterPerform => "reset_after_perform",
        FaultKind::SlowBody { .. } => "slow_body",
        FaultKind::TruncatedBody => "truncated_body",
        FaultKind::TamperBody => "tamper_body",
        FaultKind::Busy { .. } => "busy",
        FaultKind::Stale => "stale",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn faults_parse_from_the_documented_shapes() {
        let faults: Vec<Fault> = serde_yaml_ng::from_str(
            r#"
- {operation: ShowJobInfo, times: 2, kind: status, status: 503, retry_after_secs: 1}
- {kind: latency, ms: 20, times: null}
- {operation: ChangeMasterStandbyAsync, kind: reset_after_perform}
- {kind: html_error}
- {kind: slow_body}
"#,
        )
        .unwrap();
        assert_eq!(
            faults[0],
            Fault::status(503).on("ShowJobInfo").times(2).with_retry(1)
        );
        assert_eq!(faults[1], Fault::latency(20).always());
        assert_eq!(
            faults[2],
            Fault::reset_after_perform().on("ChangeMasterStandbyAsync")
        );
        assert_eq!(faults[3], Fault::html_error(502));
        assert_eq!(
            faults[4].kind,
            FaultKind::SlowBody {
                chunk_bytes: 8,
                chunk_delay_ms: 100
            }
        );
        assert!(serde_yaml_ng::from_str::<Fault>("{kind: explode}").is_err());
    }

    impl Fault {
        fn with_retry(mut self, secs: u64) -> Self {
            if let FaultKind::Status {
                retry_after_secs, ..
            } = &mut self.kind
            {
                *retry_after_secs = Some(secs);
            }
            self
        }
    }

    #[test]
    fn faults_are_used_up_in_order_per_operation() {
        let mut faults = Faults::default();
        faults.arm(Fault::status(503).on("ShowJobInfo").times(2));
        faults.arm(Fault::status(500).on("ShowJobInfo"));
        faults.arm(Fault::latency(5).always());
        let other = faults.take(Some("SwitchVip"));
        assert_eq!(other.instead, None);
        assert_eq!(other.latency, Duration::from_millis(5));
        for expected in [503, 503, 500] {
            let plan = faults.take(Some("ShowJobInfo"));
            assert_eq!(
                plan.instead,
                Some(Instead::Status {
                    status: expected,
                    retry_after_secs: None
                })
            );
        }
        assert_eq!(faults.take(Some("ShowJobInfo")).instead, None);
        assert_eq!(faults.list().len(), 1, "only the unlimited latency is left");
    }
}
