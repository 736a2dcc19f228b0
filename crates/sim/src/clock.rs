//! Simulated time: real time since the start, multiplied by the speed factor.

use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// Maps real time to simulated milliseconds since the Unix epoch.
#[derive(Clone, Debug)]
pub(crate) struct SimClock {
    started: Instant,
    epoch_ms: i64,
    speed: f64,
}

impl SimClock {
    pub(crate) fn new(speed: f64) -> Self {
        let epoch_ms = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX / 4))
            .unwrap_or(0);
        Self {
            started: Instant::now(),
            epoch_ms,
            speed,
        }
    }

    /// The simulator's start, in simulated milliseconds since the epoch.
    pub(crate) fn start_ms(&self) -> i64 {
        self.epoch_ms
    }

    /// Now, in simulated milliseconds since the epoch.
    pub(crate) fn now_ms(&self) -> i64 {
        let elapsed = self.started.elapsed().as_secs_f64() * 1000.0 * self.speed;
        self.epoch_ms.saturating_add(elapsed as i64)
    }

    /// How long, in real time, `sim_ms` simulated milliseconds take.
    pub(crate) fn real(&self, sim_ms: u64) -> Duration {
        Duration::from_secs_f64(sim_ms as f64 / 1000.0 / self.speed)
    }
}

/// A simulated instant as the CSS pages write times: `yyyy-MM-ddTHH:mm:ss` (UTC).
pub(crate) fn css_time(ms: i64) -> String {
    let secs = u64::try_from(ms.max(0) / 1000).unwrap_or(0);
    // `YYYYMMDDTHHMMSSZ` from the core, re-punctuated.
    let d = hwcloud_core::signing::format_sdk_date(UNIX_EPOCH + Duration::from_secs(secs));
    format!(
        "{}-{}-{}T{}:{}:{}",
        &d[0..4],
        &d[4..6],
        &d[6..8],
        &d[9..11],
        &d[11..13],
        &d[13..15]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn css_times_look_like_the_page() {
        assert_eq!(css_time(1_672_885_419_000), "2023-01-05T02:23:39");
    }

    #[test]
    fn speed_scales_real_durations() {
        let clock = SimClock::new(1000.0);
        assert_eq!(clock.real(10_000), Duration::from_millis(10));
    }
}
