//! Progress on stderr while `--wait` or `--watch` follows an operation: a live display (indicatif)
//! when stderr is a terminal, plain timestamped lines, one per change, when it is not (logs, CI).

use std::io::{IsTerminal, Write as _};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};

/// One node of an upgrade, as the live display shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NodeLine {
    pub name: String,
    /// `done`, `waiting`, or the current phase and its status.
    pub state: String,
}

/// What changed, in a form every display can show.
#[derive(Clone, Debug)]
pub struct Snapshot {
    /// One line: `job 8abf... RUNNING`.
    pub summary: String,
    /// For an upgrade: the nodes done and in all, and a line per node.
    pub nodes: Option<(u64, u64, Vec<NodeLine>)>,
}

/// Where progress goes.
pub enum Progress {
    /// Nothing (`--quiet`).
    Quiet,
    /// Plain lines with a UTC timestamp and the time since the start.
    Lines { started: Instant },
    /// A live display on a terminal.
    Live(Box<Live>),
}

pub struct Live {
    multi: MultiProgress,
    status: ProgressBar,
    bar: Option<ProgressBar>,
    nodes: Vec<ProgressBar>,
}

impl Progress {
    /// Live on a terminal, lines otherwise, nothing when quiet.
    pub fn new(quiet: bool) -> Self {
        if quiet {
            Self::Quiet
        } else if std::io::stderr().is_terminal() {
            let multi = MultiProgress::with_draw_target(ProgressDrawTarget::stderr());
            let status = multi.add(ProgressBar::new_spinner());
            status.set_style(
                ProgressStyle::with_template("{spinner} {msg} ({elapsed})")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            );
            status.enable_steady_tick(Duration::from_millis(120));
            Self::Live(Box::new(Live {
                multi,
                status,
                bar: None,
                nodes: Vec::new(),
            }))
        } else {
            Self::Lines {
                started: Instant::now(),
            }
        }
    }

    /// A message that is not a change of state (the job was created, waiting stopped).
    pub fn note(&mut self, message: &str) {
        match self {
            Self::Quiet => {}
            Self::Lines { started } => line(*started, message),
            Self::Live(live) => live.multi.suspend(|| eprintln!("{message}")),
        }
    }

    /// A new state.
    pub fn update(&mut self, snapshot: &Snapshot) {
        match self {
            Self::Quiet => {}
            Self::Lines { started } => {
                let mut text = snapshot.summary.clone();
                if let Some((done, total, nodes)) = &snapshot.nodes {
                    text.push_str(&format!(" [{done}/{total} nodes]"));
                    for node in nodes
                        .iter()
                        .filter(|n| n.state != "waiting" && n.state != "done")
                    {
                        text.push_str(&format!(" {}: {}", node.name, node.state));
                    }
                }
                line(*started, &text);
            }
            Self::Live(live) => live.update(snapshot),
        }
    }

    /// Ends the live display, leaving its last state on screen.
    pub fn finish(&mut self) {
        if let Self::Live(live) = self {
            live.status.finish();
            if let Some(bar) = &live.bar {
                bar.finish();
            }
            for node in &live.nodes {
                node.finish();
            }
        }
    }
}

impl Live {
    fn update(&mut self, snapshot: &Snapshot) {
        self.status.set_message(snapshot.summary.clone());
        let Some((done, total, nodes)) = &snapshot.nodes else {
            return;
        };
        let bar = self.bar.get_or_insert_with(|| {
            let bar = self.multi.add(ProgressBar::new(*total));
            bar.set_style(
                ProgressStyle::with_template("  [{bar:30}] {pos}/{len} nodes done")
                    .unwrap_or_else(|_| ProgressStyle::default_bar())
                    .progress_chars("=> "),
            );
            bar
        });
        bar.set_length(*total);
        bar.set_position(*done);
        while self.nodes.len() < nodes.len() {
            let line = self.multi.add(ProgressBar::new_spinner());
            line.set_style(
                ProgressStyle::with_template("    {msg}")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            );
            self.nodes.push(line);
        }
        for (line, node) in self.nodes.iter().zip(nodes) {
            line.set_message(format!("{}: {}", node.name, node.state));
        }
    }
}

fn line(started: Instant, message: &str) {
    let elapsed = started.elapsed().as_secs_f64();
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "{} +{elapsed:.1}s {message}", utc_now());
    let _ = err.flush();
}

/// The time now as `2025-01-31T12:34:56Z`.
pub fn utc_now() -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    utc(secs)
}

/// A Unix time as `2025-01-31T12:34:56Z`: the core's `X-Sdk-Date` (`20250131T123456Z`), with the
/// separators put back.
pub fn utc(secs: u64) -> String {
    let date = hwcloud_core::signing::format_sdk_date(UNIX_EPOCH + Duration::from_secs(secs));
    format!(
        "{}-{}-{}T{}:{}:{}Z",
        &date[0..4],
        &date[4..6],
        &date[6..8],
        &date[9..11],
        &date[11..13],
        &date[13..15]
    )
}

/// Parses `90s`, `10m`, `1h`, `1h30m`, `500ms` or plain seconds.
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    if let Ok(secs) = text.parse::<u64>() {
        return Ok(Duration::from_secs(secs));
    }
    let mut total = Duration::ZERO;
    let mut number = String::new();
    let mut chars = text.chars().peekable();
    let bad = || format!("`{text}` is not a duration (such as 90s, 10m, 1h30m)");
    while let Some(c) = chars.next() {
        if c.is_ascii_digit() || c == '.' {
            number.push(c);
            continue;
        }
        let value: f64 = number.parse().map_err(|_| bad())?;
        number.clear();
        let unit = match (c, chars.peek()) {
            ('m', Some('s')) => {
                chars.next();
                0.001
            }
            ('s', _) => 1.0,
            ('m', _) => 60.0,
            ('h', _) => 3600.0,
            _ => return Err(bad()),
        };
        total += Duration::from_secs_f64(value * unit);
    }
    if !number.is_empty() || total.is_zero() && text != "0s" {
        return Err(bad());
    }
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_times() {
        assert_eq!(utc(0), "1970-01-01T00:00:00Z");
        assert_eq!(utc(1_684_191_545), "2023-05-15T22:59:05Z");
        assert_eq!(utc(951_782_400), "2000-02-29T00:00:00Z");
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("90"), Ok(Duration::from_secs(90)));
        assert_eq!(parse_duration("90s"), Ok(Duration::from_secs(90)));
        assert_eq!(parse_duration("10m"), Ok(Duration::from_secs(600)));
        assert_eq!(parse_duration("1h30m"), Ok(Duration::from_secs(5400)));
        assert_eq!(parse_duration("250ms"), Ok(Duration::from_millis(250)));
        assert!(parse_duration("soon").is_err());
        assert!(parse_duration("10x").is_err());
        assert!(parse_duration("").is_err());
    }
}
