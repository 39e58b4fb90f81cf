//! `chorus replay`: re-run unprocessed entries and dead letters, with a
//! progress bar.

use std::path::Path;

use chorus_host::server::{self, ServerConfig};
use indicatif::{ProgressBar, ProgressStyle};

use super::Failure;

pub(crate) async fn run(
    config: &Path,
    dead_letters: bool,
    since: Option<&str>,
) -> Result<(), Failure> {
    let since = since.map(parse_since).transpose()?.unwrap_or(0);
    let loaded = ServerConfig::load(config).map_err(|e| Failure::refused(e.to_string()))?;
    let app = server::open(loaded)
        .await
        .map_err(|e| Failure::other(format!("{}: {e:#}", config.display())))?;
    let bar = ProgressBar::new(0);
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let report = server::replay::replay(&app, dead_letters, since, |done, total| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
    })
    .await
    .map_err(|e| Failure::other(format!("replay failed: {e}")))?;
    bar.finish_and_clear();
    println!(
        "replayed {}: {} accepted, {} ignored, {} failed again; {} messages triaged",
        report.replayed, report.accepted, report.ignored, report.failed, report.triaged
    );
    Ok(())
}

/// `30m`, `2h`, `7d` (ago), or unix milliseconds.
fn parse_since(text: &str) -> Result<i64, Failure> {
    let refuse = || {
        Failure::refused(format!(
            "--since {text:?}: expected 30m, 2h, 7d or unix milliseconds"
        ))
    };
    if let Ok(ms) = text.parse::<i64>() {
        return Ok(ms);
    }
    let (number, unit) = text.split_at(text.len().saturating_sub(1));
    let number: i64 = number.parse().map_err(|_| refuse())?;
    let minutes = match unit {
        "m" => number,
        "h" => number * 60,
        "d" => number * 60 * 24,
        _ => return Err(refuse()),
    };
    Ok(chorus_host::clock::now() - minutes * 60_000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn since_accepts_durations_and_milliseconds() {
        assert_eq!(parse_since("1700000000000").ok(), Some(1_700_000_000_000));
        let two_hours_ago = parse_since("2h").ok().unwrap_or_default();
        assert!((chorus_host::clock::now() - two_hours_ago - 7_200_000).abs() < 5_000);
        assert!(parse_since("soon").is_err());
        assert!(parse_since("3w").is_err());
    }
}
