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

/// A simulated instant as DCS writes times: `yyyy-MM-ddTHH:mm:ss.SSSZ` (UTC).
pub(crate) fn dcs_time(ms: i64) -> String {
    format!("{}.{:03}Z", css_time(ms), ms.rem_euclid(1000))
}

/// `yyyyMMddHHmmss` (UTC, as `ListBackgroundTask`'s `start_time` and `end_time`) in milliseconds
/// since the epoch; `None` when it is not such a time.
pub(crate) fn parse_compact_time(text: &str) -> Option<i64> {
    if text.len() != 14 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n = |from: usize, to: usize| text[from..to].parse::<i64>().ok();
    let (y, m, d) = (n(0, 4)?, n(4, 6)?, n(6, 8)?);
    let (hh, mm, ss) = (n(8, 10)?, n(10, 12)?, n(12, 14)?);
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) || hh > 23 || mm > 59 || ss > 59 {
        return None;
    }
    // Days from the civil date (Howard Hinnant's algorithm).
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(((days * 24 + hh) * 60 + mm) * 60_000 + ss * 1000)
}

#[cfg(test)]
mod tests {
    #[test]
    fn compact_times_read_back_what_css_time_writes() {
        for ms in [0_i64, 951_782_400_000, 1_684_191_545_000, 4_102_444_799_000] {
            let t = super::css_time(ms).replace(['-', 'T', ':'], "");
            assert_eq!(super::parse_compact_time(&t), Some(ms), "{t}");
        }
        assert_eq!(super::parse_compact_time("20201301000000"), None);
        assert_eq!(super::parse_compact_time("2020-06-09"), None);
        assert_eq!(
            super::dcs_time(1_684_191_545_379),
            "2023-05-15T22:59:05.379Z"
        );
    }

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
