//! When a failed attempt may be sent again, and how long to wait first.
//!
//! The rule: a request that never left (no connection could be made) may always be sent again; one
//! that may have reached the service (a timeout after sending, a reset, a 429 or 5xx answer) only
//! when its operation is idempotent (`x-idempotent: true` in the spec). A switchover is therefore
//! sent at most once as soon as it may have reached the service.

use std::time::{Duration, SystemTime};

use reqwest::StatusCode;
use reqwest::header::{HeaderMap, RETRY_AFTER};

/// How many times, and how patiently, a call is attempted: [`RetryPolicy::default`] or
/// [`RetryPolicy::none`], changed with the `with_*` methods.
///
/// ```
/// use std::time::Duration;
/// let policy = hwcloud_core::RetryPolicy::default()
///     .with_max_attempts(5)
///     .with_max_backoff(Duration::from_secs(10));
/// assert_eq!(policy.max_attempts, 5);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct RetryPolicy {
    /// Attempts in all, the first included (1 disables retries).
    pub max_attempts: u32,
    /// Backoff ceiling before the first retry; it doubles with each retry.
    pub initial_backoff: Duration,
    /// The most the exponential backoff grows to.
    pub max_backoff: Duration,
    /// The longest `Retry-After` honoured; a longer one ends the retries and returns the answer.
    pub max_retry_after: Duration,
}

impl Default for RetryPolicy {
    /// 3 attempts, backoff from up to 200 ms doubling to at most 5 s, `Retry-After` up to 30 s.
    fn default() -> Self {
        Self {
            max_attempts: 3,
            initial_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(5),
            max_retry_after: Duration::from_secs(30),
        }
    }
}

impl RetryPolicy {
    /// A policy that never retries.
    pub fn none() -> Self {
        Self {
            max_attempts: 1,
            ..Self::default()
        }
    }

    /// Attempts in all, the first included (1 disables retries).
    pub fn with_max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts;
        self
    }

    /// Backoff ceiling before the first retry; it doubles with each retry.
    pub fn with_initial_backoff(mut self, backoff: Duration) -> Self {
        self.initial_backoff = backoff;
        self
    }

    /// The most the exponential backoff grows to.
    pub fn with_max_backoff(mut self, backoff: Duration) -> Self {
        self.max_backoff = backoff;
        self
    }

    /// The longest `Retry-After` honoured; a longer one ends the retries and returns the answer.
    pub fn with_max_retry_after(mut self, wait: Duration) -> Self {
        self.max_retry_after = wait;
        self
    }

    /// The capped exponential backoff ceiling before retry number `retry` (1 for the first retry).
    pub fn backoff_ceiling(&self, retry: u32) -> Duration {
        let factor = 2u32.saturating_pow(retry.saturating_sub(1));
        self.initial_backoff
            .saturating_mul(factor)
            .min(self.max_backoff)
    }

    /// The wait before retry number `retry`: "full jitter" (uniform between zero and the capped
    /// exponential ceiling), but never less than the service's `Retry-After`.
    pub fn delay(&self, retry: u32, retry_after: Option<Duration>) -> Duration {
        let ceiling = self.backoff_ceiling(retry);
        let jittered = ceiling.mul_f64(fastrand::f64());
        retry_after.map_or(jittered, |after| after.max(jittered))
    }
}

/// Whether an answer with this status is worth another attempt (if the operation allows one).
pub fn retryable_status(status: StatusCode) -> bool {
    status == StatusCode::TOO_MANY_REQUESTS || status.is_server_error()
}

/// The `Retry-After` of an answer, in seconds or as an HTTP date, relative to `now`.
pub fn retry_after(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    #[test]
    fn backoff_doubles_up_to_the_cap() {
        let policy = RetryPolicy {
            initial_backoff: Duration::from_millis(100),
            max_backoff: Duration::from_millis(350),
            ..RetryPolicy::default()
        };
        let ceilings: Vec<_> = (1..=4)
            .map(|r| policy.backoff_ceiling(r).as_millis())
            .collect();
        assert_eq!(ceilings, [100, 200, 350, 350]);
        for retry in 1..=4 {
            let delay = policy.delay(retry, None);
            assert!(delay <= policy.backoff_ceiling(retry), "{delay:?}");
        }
    }

    #[test]
    fn full_jitter_spreads_delays_uniformly_below_the_ceiling() {
        let policy = RetryPolicy {
            initial_backoff: Duration::from_millis(100),
            max_backoff: Duration::from_secs(5),
            ..RetryPolicy::default()
        };
        for retry in [1, 3] {
            let ceiling = policy.backoff_ceiling(retry).as_secs_f64();
            let samples: Vec<f64> = (0..4000)
                .map(|_| policy.delay(retry, None).as_secs_f64() / ceiling)
                .collect();
            assert!(samples.iter().all(|s| (0.0..=1.0).contains(s)));
            let mean = samples.iter().sum::<f64>() / samples.len() as f64;
            assert!(
                (0.45..0.55).contains(&mean),
                "mean {mean} for retry {retry}"
            );
            // Every quarter of the range gets about a quarter of the samples (uniform, not a
            // constant, not bunched at either end).
            for quarter in 0..4 {
                let (low, high) = (quarter as f64 / 4.0, (quarter + 1) as f64 / 4.0);
                let share = samples.iter().filter(|s| (low..high).contains(*s)).count() as f64
                    / samples.len() as f64;
                assert!((0.20..0.30).contains(&share), "quarter {quarter}: {share}");
            }
        }
    }

    #[test]
    fn retry_after_is_a_floor() {
        let policy = RetryPolicy::default();
        assert!(policy.delay(1, Some(Duration::from_secs(2))) >= Duration::from_secs(2));
    }

    #[test]
    fn retry_after_reads_seconds_and_dates() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        let mut headers = HeaderMap::new();
        headers.insert(RETRY_AFTER, HeaderValue::from_static("7"));
        assert_eq!(retry_after(&headers, now), Some(Duration::from_secs(7)));
        let later = httpdate::fmt_http_date(now + Duration::from_secs(90));
        headers.insert(RETRY_AFTER, HeaderValue::from_str(&later).unwrap());
        assert_eq!(retry_after(&headers, now), Some(Duration::from_secs(90)));
        headers.insert(RETRY_AFTER, HeaderValue::from_static("soon"));
        assert_eq!(retry_after(&headers, now), None);
    }

    #[test]
    fn only_throttling_and_server_errors_are_retryable() {
        assert!(retryable_status(StatusCode::TOO_MANY_REQUESTS));
        assert!(retryable_status(StatusCode::SERVICE_UNAVAILABLE));
        assert!(!retryable_status(StatusCode::BAD_REQUEST));
        assert!(!retryable_status(StatusCode::NOT_FOUND));
    }
}
