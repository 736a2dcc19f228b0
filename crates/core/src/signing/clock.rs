//! Clocks, and the `X-Sdk-Date` time format (`YYYYMMDDTHHMMSSZ`, UTC).

use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// A source of the current time, so that tests can fix it.
pub trait Clock: fmt::Debug + Send + Sync {
    /// The current time.
    fn now(&self) -> SystemTime;
}

/// The system clock.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> SystemTime {
        SystemTime::now()
    }
}

/// A clock that always returns the same time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FixedClock(SystemTime);

impl FixedClock {
    /// A clock stopped at `at`.
    pub fn new(at: SystemTime) -> Self {
        Self(at)
    }

    /// A clock stopped `secs` seconds after the Unix epoch.
    pub fn from_unix_seconds(secs: u64) -> Self {
        Self(UNIX_EPOCH + Duration::from_secs(secs))
    }

    /// A clock stopped at an `X-Sdk-Date` value such as `20240102T030405Z`.
    pub fn from_sdk_date(value: &str) -> Result<Self, InvalidSdkDate> {
        parse_sdk_date(value).map(Self)
    }
}

impl Clock for FixedClock {
    fn now(&self) -> SystemTime {
        self.0
    }
}

/// An `X-Sdk-Date` value that is not `YYYYMMDDTHHMMSSZ`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "invalid X-Sdk-Date {value:?}: expected a UTC time as YYYYMMDDTHHMMSSZ, e.g. 20240102T030405Z"
)]
#[non_exhaustive]
pub struct InvalidSdkDate {
    /// The rejected value.
    pub value: String,
}

/// Formats a time as an `X-Sdk-Date` value. Times before 1970 are formatted as the epoch.
pub fn format_sdk_date(at: SystemTime) -> String {
    let secs = at
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let days = i64::try_from(secs / 86_400).unwrap_or(i64::MAX / 2);
    let rem = secs % 86_400;
    let (year, month, day) = civil_from_days(days);
    // `YYYYMMDDTHHMMSSZ`, written digit by digit: this runs for every signed request.
    fn digits(out: &mut String, value: u64, width: u32) {
        for place in (0..width).rev() {
            let digit = (value / 10u64.pow(place)) % 10;
            out.push(char::from(b'0' + digit as u8));
        }
    }
    let mut out = String::with_capacity(16);
    digits(&mut out, u64::try_from(year).unwrap_or(0), 4);
    digits(&mut out, u64::from(month), 2);
    digits(&mut out, u64::from(day), 2);
    out.push('T');
    digits(&mut out, rem / 3600, 2);
    digits(&mut out, rem % 3600 / 60, 2);
    digits(&mut out, rem % 60, 2);
    out.push('Z');
    out
}

/// Parses an `X-Sdk-Date` value strictly: exactly `YYYYMMDDTHHMMSSZ`, a real calendar date at or after
/// 1970-01-01, hours 00-23, minutes and seconds 00-59.
pub fn parse_sdk_date(value: &str) -> Result<SystemTime, InvalidSdkDate> {
    let invalid = || InvalidSdkDate {
        value: value.to_owned(),
    };
    let b = value.as_bytes();
    // One pass over the shape: `T` and `Z` in place, ASCII digits everywhere else.
    let shaped = b.len() == 16
        && b.iter().enumerate().all(|(i, &c)| match i {
            8 => c == b'T',
            15 => c == b'Z',
            _ => c.is_ascii_digit(),
        });
    if !shaped {
        return Err(invalid());
    }
    // Digits only from here on: each field is read without another check.
    let num = |range: std::ops::Range<usize>| {
        b[range]
            .iter()
            .fold(0u32, |acc, d| acc * 10 + u32::from(d - b'0'))
    };
    let (year, month, day) = (num(0..4), num(4..6), num(6..8));
    let (hour, minute, second) = (num(9..11), num(11..13), num(13..15));
    if year < 1970
        || !(1..=12).contains(&month)
        || day == 0
        || day > days_in_month(year, month)
        || hour > 23
        || minute > 59
        || second > 59
    {
        return Err(invalid());
    }
    let days = days_from_civil(i64::from(year), month, day);
    let secs = u64::try_from(days).map_err(|_| invalid())? * 86_400
        + u64::from(hour) * 3600
        + u64::from(minute) * 60
        + u64::from(second);
    Ok(UNIX_EPOCH + Duration::from_secs(secs))
}

fn is_leap(year: u32) -> bool {
    year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400))
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The proleptic Gregorian date of a day count since 1970-01-01 (H. Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    // Both are in range by construction (1..=31, 1..=12).
    (year, day_or_month(month), day_or_month(day))
}

fn day_or_month(v: i64) -> u32 {
    u32::try_from(v).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_and_parses_known_instants() {
        // Values cross-checked with Python's datetime.
        let cases = [
            (0u64, "19700101T000000Z"),
            (1_704_164_645, "20240102T030405Z"),
            (951_782_400, "20000229T000000Z"),
            (1_709_251_199, "20240229T235959Z"),
            (4_107_542_400, "21000301T000000Z"),
        ];
        for (secs, text) in cases {
            let at = UNIX_EPOCH + Duration::from_secs(secs);
            assert_eq!(format_sdk_date(at), text, "format {secs}");
            assert_eq!(parse_sdk_date(text), Ok(at), "parse {text}");
        }
        // Out of the format's range: before 1970 is the epoch; past 9999, the year's last four
        // digits.
        assert_eq!(
            format_sdk_date(UNIX_EPOCH - Duration::from_secs(1)),
            "19700101T000000Z"
        );
        let year_10000 = UNIX_EPOCH + Duration::from_secs(253_402_300_800 + 3_661);
        assert_eq!(format_sdk_date(year_10000), "00000101T010101Z");
    }

    #[test]
    fn round_trips_every_day_for_a_few_centuries() {
        let mut secs = 0u64;
        while secs < 200 * 366 * 86_400 {
            let at = UNIX_EPOCH + Duration::from_secs(secs + 45_296);
            assert_eq!(parse_sdk_date(&format_sdk_date(at)), Ok(at));
            secs += 86_400;
        }
    }

    #[test]
    fn rejects_malformed_dates() {
        for bad in [
            "",
            "20240102T030405",
            "20240102 030405Z",
            "2024-01-02T03:04:05Z",
            "20240230T000000Z",
            "20230229T000000Z",
            "20241301T000000Z",
            "20240100T000000Z",
            "20240102T240000Z",
            "20240102T036000Z",
            "20240102T030460Z",
            "19691231T235959Z",
            "2024010+T030405Z",
            "２0240102T030405Z",
        ] {
            assert!(parse_sdk_date(bad).is_err(), "{bad:?} accepted");
        }
        assert!(FixedClock::from_sdk_date("nope").is_err());
    }
}
