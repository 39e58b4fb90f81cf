//! X's two date formats, parsed to milliseconds since the Unix epoch.
//!
//! - v1.1 / Account Activity API `created_at`: `Wed Oct 10 20:19:24 +0000 2018`
//! - X API v2 `created_at` (ISO 8601): `2021-09-22T16:34:38.000Z`
//!
//! A small parser instead of a date crate: both formats are fixed, and the
//! plugin stays small in wasm.

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Parses a v1.1 `created_at` (`Wed Oct 10 20:19:24 +0000 2018`) to milliseconds.
pub fn parse_created_at(text: &str) -> Option<i64> {
    let parts: Vec<&str> = text.split_whitespace().collect();
    let [_weekday, month, day, clock, offset, year] = parts.as_slice() else {
        return None;
    };
    let month = MONTHS.iter().position(|m| m.eq_ignore_ascii_case(month))?;
    let (hour, minute, second) = parse_clock(clock)?;
    let date = Date {
        year: year.parse().ok()?,
        month: u32::try_from(month).ok()? + 1,
        day: day.parse().ok()?,
    };
    to_millis(&date, (hour, minute, second), 0, parse_offset(offset)?)
}

/// Parses an ISO 8601 timestamp as X API v2 writes it
/// (`2021-09-22T16:34:38.000Z`, also `+00:00` / `+0000` offsets) to milliseconds.
pub fn parse_iso8601(text: &str) -> Option<i64> {
    let (date, rest) = text.trim().split_once(['T', 't', ' '])?;
    let mut fields = date.split('-');
    let date = Date {
        year: fields.next()?.parse().ok()?,
        month: fields.next()?.parse().ok()?,
        day: fields.next()?.parse().ok()?,
    };
    if fields.next().is_some() {
        return None;
    }
    let zone_at = rest.find(['Z', 'z', '+', '-']).unwrap_or(rest.len());
    let (time, zone) = rest.split_at(zone_at);
    let (clock, fraction) = time.split_once('.').unwrap_or((time, ""));
    let millis = parse_fraction(fraction)?;
    let offset = match zone {
        "Z" | "z" => 0,
        "" => return None,
        zone => parse_offset(zone)?,
    };
    to_millis(&date, parse_clock(clock)?, millis, offset)
}

struct Date {
    year: i64,
    month: u32,
    day: u32,
}

/// `HH:MM:SS` to its parts.
fn parse_clock(clock: &str) -> Option<(u32, u32, u32)> {
    let mut parts = clock.split(':');
    let hour = parts.next()?.parse().ok()?;
    let minute = parts.next()?.parse().ok()?;
    let second = parts.next()?.parse().ok()?;
    (parts.next().is_none() && hour < 24 && minute < 60 && second <= 60)
        .then_some((hour, minute, second))
}

/// Fractional seconds (`000`, `5`, `123456`) to whole milliseconds.
fn parse_fraction(fraction: &str) -> Option<i64> {
    if fraction.is_empty() {
        return Some(0);
    }
    if !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let first3 = fraction.get(..3).unwrap_or(fraction);
    format!("{first3:0<3}").parse().ok()
}

/// `+0000`, `-0530`, `+05:30` to seconds east of UTC.
fn parse_offset(offset: &str) -> Option<i64> {
    let (sign, digits) = match offset.split_at_checked(1)? {
        ("+", rest) => (1, rest),
        ("-", rest) => (-1, rest),
        _ => return None,
    };
    let digits = digits.replace(':', "");
    if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let hours: i64 = digits.get(..2)?.parse().ok()?;
    let minutes: i64 = digits.get(2..)?.parse().ok()?;
    (hours < 24 && minutes < 60).then_some(sign * (hours * 3600 + minutes * 60))
}

fn to_millis(date: &Date, clock: (u32, u32, u32), millis: i64, offset: i64) -> Option<i64> {
    // Years outside 0..=9999 are not X dates, and would overflow below.
    if !(0..=9999).contains(&date.year) || !(1..=12).contains(&date.month) || date.day == 0 {
        return None;
    }
    if date.day > days_in_month(date.year, date.month) {
        return None;
    }
    let days = days_from_civil(date.year, date.month, date.day);
    let (hour, minute, second) = clock;
    let seconds = days * 86_400 + i64::from(hour * 3600 + minute * 60 + second) - offset;
    seconds.checked_mul(1000)?.checked_add(millis)
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year.rem_euclid(400);
    let month_from_march = i64::from((month + 9) % 12);
    let day_of_year = (153 * month_from_march + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn v1_created_at_is_parsed() {
        // X's documented example, and a fixture's (cross-checked with `date -d`).
        assert_eq!(
            parse_created_at("Wed Oct 10 20:19:24 +0000 2018"),
            Some(1_539_202_764_000)
        );
        assert_eq!(
            parse_created_at("Wed May 24 20:03:13 +0000 2017"),
            Some(1_495_656_193_000)
        );
        assert_eq!(
            parse_created_at("Wed May 24 22:03:13 +0200 2017"),
            Some(1_495_656_193_000)
        );
        assert_eq!(
            parse_created_at("Thu Feb 29 00:00:00 +0000 2024"),
            Some(1_709_164_800_000)
        );
    }

    #[test]
    fn bad_v1_dates_are_refused() {
        for bad in [
            "",
            "yesterday",
            "Wed Foo 24 20:03:13 +0000 2017",
            "Wed May 32 20:03:13 +0000 2017",
            "Thu Feb 29 00:00:00 +0000 2023",
            "Wed May 24 24:03:13 +0000 2017",
            "Wed May 24 20:03:13 0000 2017",
            "Wed May 24 20:03:13 +0000 2017 extra",
            "Wed May 24 20:03:13 +0000 9223372036854775807",
        ] {
            assert_eq!(parse_created_at(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn iso8601_is_parsed() {
        assert_eq!(
            parse_iso8601("2021-09-22T16:34:38.000Z"),
            Some(1_632_328_478_000)
        );
        assert_eq!(
            parse_iso8601("2021-09-22T16:34:38.123456Z"),
            Some(1_632_328_478_123)
        );
        assert_eq!(
            parse_iso8601("2018-05-24T09:48:12+00:00"),
            Some(1_527_155_292_000)
        );
        assert_eq!(
            parse_iso8601("2018-05-24T11:48:12+0200"),
            Some(1_527_155_292_000)
        );
        assert_eq!(parse_iso8601("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(parse_iso8601("1969-12-31T23:59:59Z"), Some(-1000));
    }

    #[test]
    fn bad_iso8601_is_refused() {
        for bad in [
            "",
            "2021-09-22",
            "2021-09-22T16:34:38",
            "2021-13-22T16:34:38Z",
            "2021-09-22T16:34:38.x1Z",
            "2021-09-22-01T16:34:38Z",
            "2021-09-22T16:34Z",
            "99999999999999999-09-22T16:34:38Z",
            "-5-09-22T16:34:38Z",
        ] {
            assert_eq!(parse_iso8601(bad), None, "{bad:?}");
        }
    }
}
