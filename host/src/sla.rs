//! First-response due times, counted in the brand's business hours.

use jiff::civil::{Time, Weekday};
use jiff::tz::TimeZone;
use jiff::{Timestamp as Instant, ToSpan, Zoned};
use serde::Deserialize;

use crate::model::Timestamp;

/// Business hours as written in the config:
/// `{ timezone = "Europe/Paris", days = ["mon", ..., "fri"], start = "09:00", end = "17:30" }`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BusinessHoursConfig {
    /// IANA time zone name.
    pub timezone: String,
    /// Working days: `mon` .. `sun`.
    pub days: Vec<String>,
    /// Opening time, `HH:MM`.
    pub start: String,
    /// Closing time, `HH:MM`, after `start`.
    pub end: String,
}

/// Why business hours were refused: the field under `business_hours` and
/// what it should be.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("business_hours.{field}: {expected}")]
pub struct HoursError {
    /// `timezone`, `days`, `start` or `end`.
    pub field: &'static str,
    /// What was expected.
    pub expected: String,
}

impl HoursError {
    fn new(field: &'static str, expected: String) -> Self {
        Self { field, expected }
    }
}

/// Validated business hours.
#[derive(Debug, Clone)]
pub struct BusinessHours {
    zone: TimeZone,
    days: Vec<Weekday>,
    start: Time,
    end: Time,
}

impl BusinessHoursConfig {
    /// Validates the config; errors name the field.
    pub fn resolve(&self) -> Result<BusinessHours, HoursError> {
        let zone = TimeZone::get(&self.timezone).map_err(|_| {
            HoursError::new("timezone", format!("unknown time zone {:?}", self.timezone))
        })?;
        let days = self
            .days
            .iter()
            .map(|d| {
                weekday(d).ok_or_else(|| HoursError::new("days", format!("{d:?} is not mon..sun")))
            })
            .collect::<Result<Vec<_>, _>>()?;
        if days.is_empty() {
            return Err(HoursError::new("days", "at least one day".to_owned()));
        }
        let time = |field: &'static str, text: &str| {
            Time::strptime("%H:%M", text)
                .map_err(|_| HoursError::new(field, format!("{text:?} is not HH:MM")))
        };
        let (start, end) = (time("start", &self.start)?, time("end", &self.end)?);
        if end <= start {
            return Err(HoursError::new("end", "must be after start".to_owned()));
        }
        Ok(BusinessHours {
            zone,
            days,
            start,
            end,
        })
    }
}

fn weekday(name: &str) -> Option<Weekday> {
    Some(match name.to_ascii_lowercase().as_str() {
        "mon" => Weekday::Monday,
        "tue" => Weekday::Tuesday,
        "wed" => Weekday::Wednesday,
        "thu" => Weekday::Thursday,
        "fri" => Weekday::Friday,
        "sat" => Weekday::Saturday,
        "sun" => Weekday::Sunday,
        _ => return None,
    })
}

/// When a first response is due: `target_ms` after `received`, counting only
/// business hours when the brand has them (wall-clock time otherwise).
pub fn due(received: Timestamp, target_ms: i64, hours: Option<&BusinessHours>) -> Timestamp {
    let Some(hours) = hours else {
        return received.saturating_add(target_ms);
    };
    hours
        .add_business_time(received, target_ms)
        .unwrap_or(received.saturating_add(target_ms))
}

impl BusinessHours {
    fn add_business_time(&self, received: Timestamp, target_ms: i64) -> Option<Timestamp> {
        let mut now: Zoned = Instant::from_millisecond(received)
            .ok()?
            .to_zoned(self.zone.clone());
        let mut remaining = target_ms;
        // Two years of days is far more than any SLA needs; it bounds the loop.
        for _ in 0..730 {
            let date = now.date();
            let open = date
                .to_datetime(self.start)
                .to_zoned(self.zone.clone())
                .ok()?;
            let close = date
                .to_datetime(self.end)
                .to_zoned(self.zone.clone())
                .ok()?;
            if self.days.contains(&date.weekday()) && now < close {
                let from = if now < open { open } else { now.clone() };
                let available =
                    close.timestamp().as_millisecond() - from.timestamp().as_millisecond();
                if remaining <= available {
                    return Some(from.timestamp().as_millisecond() + remaining);
                }
                remaining -= available;
            }
            let next_day = date.checked_add(1.day()).ok()?;
            now = next_day
                .to_datetime(Time::midnight())
                .to_zoned(self.zone.clone())
                .ok()?;
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hours() -> BusinessHours {
        BusinessHoursConfig {
            timezone: "Europe/Paris".into(),
            days: ["mon", "tue", "wed", "thu", "fri"]
                .map(String::from)
                .to_vec(),
            start: "09:00".into(),
            end: "17:00".into(),
        }
        .resolve()
        .expect("valid")
    }

    fn ms(text: &str) -> Timestamp {
        text.parse::<Instant>().expect("timestamp").as_millisecond()
    }

    #[test]
    fn without_business_hours_time_is_wall_clock() {
        assert_eq!(due(1_000, 60_000, None), 61_000);
    }

    #[test]
    fn inside_hours_the_target_is_added() {
        // Wednesday 10:00 Paris (09:00 UTC in winter) + 60 min.
        assert_eq!(
            due(ms("2024-01-10T09:00:00Z"), 3_600_000, Some(&hours())),
            ms("2024-01-10T10:00:00Z")
        );
    }

    #[test]
    fn friday_evening_rolls_over_the_weekend() {
        // Friday 16:30 Paris + 60 min = Monday 09:30 Paris (08:30 UTC).
        let friday = ms("2024-01-12T15:30:00Z");
        assert_eq!(
            due(friday, 3_600_000, Some(&hours())),
            ms("2024-01-15T08:30:00Z")
        );
    }

    #[test]
    fn night_messages_start_counting_at_opening() {
        // Tuesday 03:00 Paris + 15 min = Tuesday 09:15 Paris.
        assert_eq!(
            due(ms("2024-01-09T02:00:00Z"), 900_000, Some(&hours())),
            ms("2024-01-09T08:15:00Z")
        );
    }

    #[test]
    fn bad_config_names_the_field() {
        let mut config = BusinessHoursConfig {
            timezone: "Mars/Olympus".into(),
            days: vec!["mon".into()],
            start: "09:00".into(),
            end: "17:00".into(),
        };
        let error = config.resolve().expect_err("zone");
        assert_eq!(error.field, "timezone");
        assert!(
            error.to_string().contains("business_hours.timezone"),
            "{error}"
        );
        config.timezone = "UTC".into();
        config.end = "08:00".into();
        let error = config.resolve().expect_err("order");
        assert_eq!(error.to_string(), "business_hours.end: must be after start");
    }
}
