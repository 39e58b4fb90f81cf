//! When to try a failed send again: exponential backoff with jitter, or
//! when the platform said (`Retry-After`).

use std::time::Duration;

use reqwest::header::{HeaderMap, RETRY_AFTER};

use crate::model::Timestamp;

/// Longest wait between two attempts, whatever the attempt count.
pub const MAX_DELAY: Duration = Duration::from_secs(600);
/// Longest `Retry-After` honoured; a platform asking for more gets this.
pub const MAX_RETRY_AFTER: Duration = Duration::from_secs(3600);

/// How long to wait after `attempts` failed attempts (1 after the first):
/// `base` doubled for each attempt after the first, at most
/// [`MAX_DELAY`], of which a random half (`jitter` in 0..1) is waited, so
/// that replies failing together do not retry together. When the platform
/// said how long to wait, that, at most [`MAX_RETRY_AFTER`], however short.
pub fn delay(
    attempts: u32,
    base: Duration,
    jitter: f64,
    retry_after: Option<Duration>,
) -> Duration {
    if let Some(after) = retry_after {
        return after.min(MAX_RETRY_AFTER);
    }
    let doublings = attempts.saturating_sub(1).min(30);
    let full = base.saturating_mul(1 << doublings).min(MAX_DELAY);
    let jitter = jitter.clamp(0.0, 1.0);
    full.div_f64(2.0) + full.div_f64(2.0).mul_f64(jitter)
}

/// The `Retry-After` of an answer, as a wait from `now` (milliseconds
/// since the epoch): delay-seconds or an HTTP date (RFC 9110).
pub fn retry_after(headers: &HeaderMap, now: Timestamp) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = jiff::fmt::rfc2822::parse(value)
        .ok()?
        .timestamp()
        .as_millisecond();
    Some(Duration::from_millis(u64::try_from(at - now).unwrap_or(0)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_double_with_jitter_up_to_a_cap() {
        let base = Duration::from_secs(1);
        assert_eq!(delay(1, base, 0.0, None), Duration::from_millis(500));
        assert_eq!(delay(1, base, 1.0, None), Duration::from_secs(1));
        assert_eq!(delay(3, base, 1.0, None), Duration::from_secs(4));
        assert_eq!(delay(40, base, 1.0, None), MAX_DELAY);
        let jittered = delay(4, base, 0.5, None);
        assert!(jittered > Duration::from_secs(4) && jittered < Duration::from_secs(8));
    }

    #[test]
    fn the_platforms_retry_after_wins_within_a_cap() {
        let base = Duration::from_secs(1);
        let asked = Some(Duration::from_secs(7));
        assert_eq!(delay(1, base, 0.0, asked), Duration::from_secs(7));
        assert_eq!(
            delay(1, base, 0.0, Some(Duration::from_secs(86_400))),
            MAX_RETRY_AFTER
        );
    }

    #[test]
    fn retry_after_reads_seconds_and_http_dates() {
        let mut headers = HeaderMap::new();
        headers.insert(RETRY_AFTER, "2".parse().expect("value"));
        assert_eq!(retry_after(&headers, 0), Some(Duration::from_secs(2)));
        // Sun, 06 Nov 1994 08:49:37 GMT is 784111777 s after the epoch.
        headers.insert(
            RETRY_AFTER,
            "Sun, 06 Nov 1994 08:49:37 GMT".parse().expect("value"),
        );
        assert_eq!(
            retry_after(&headers, 784_111_770_000),
            Some(Duration::from_secs(7))
        );
        assert_eq!(retry_after(&headers, 784_111_790_000), Some(Duration::ZERO));
        headers.insert(RETRY_AFTER, "soon".parse().expect("value"));
        assert_eq!(retry_after(&headers, 0), None);
        assert_eq!(retry_after(&HeaderMap::new(), 0), None);
    }
}
