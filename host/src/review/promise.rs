//! The SLA promise that replaces `{response_time}`, in the reply's
//! language: "within 4 business hours", "en un plazo de 4 horas laborables",
//! "sous 4 heures ouvrées", "innerhalb von 4 Arbeitsstunden".

/// Languages the promise is written in (others get English).
pub const LANGUAGES: &[&str] = &["en", "es", "fr", "de"];

/// The first-response target of a message, as the brand configured it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sla {
    /// Minutes until the first response is due.
    pub minutes: u32,
    /// Whether they count business hours only.
    pub business_hours: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Unit {
    Minute,
    Hour,
    Day,
}

/// One language's words: (singular, plural) for each unit and its business
/// form, the frame around the count, and the words for "now" and "soon".
struct Words {
    minute: (&'static str, &'static str),
    hour: (&'static str, &'static str),
    day: (&'static str, &'static str),
    business_hour: (&'static str, &'static str),
    business_day: (&'static str, &'static str),
    within: &'static str,
    now: &'static str,
    soon: &'static str,
}

const EN: Words = Words {
    minute: ("minute", "minutes"),
    hour: ("hour", "hours"),
    day: ("day", "days"),
    business_hour: ("business hour", "business hours"),
    business_day: ("business day", "business days"),
    within: "within {n} {unit}",
    now: "right away",
    soon: "shortly",
};

const ES: Words = Words {
    minute: ("minuto", "minutos"),
    hour: ("hora", "horas"),
    day: ("día", "días"),
    business_hour: ("hora laborable", "horas laborables"),
    business_day: ("día laborable", "días laborables"),
    within: "en un plazo de {n} {unit}",
    now: "enseguida",
    soon: "en breve",
};

const FR: Words = Words {
    minute: ("minute", "minutes"),
    hour: ("heure", "heures"),
    day: ("jour", "jours"),
    business_hour: ("heure ouvrée", "heures ouvrées"),
    business_day: ("jour ouvré", "jours ouvrés"),
    within: "sous {n} {unit}",
    now: "tout de suite",
    soon: "très vite",
};

const DE: Words = Words {
    minute: ("Minute", "Minuten"),
    hour: ("Stunde", "Stunden"),
    day: ("Tag", "Tagen"),
    business_hour: ("Arbeitsstunde", "Arbeitsstunden"),
    business_day: ("Arbeitstag", "Arbeitstagen"),
    within: "innerhalb von {n} {unit}",
    now: "sofort",
    soon: "in Kürze",
};

fn words(language: &str) -> &'static Words {
    match language {
        "es" => &ES,
        "fr" => &FR,
        "de" => &DE,
        _ => &EN,
    }
}

/// The promise in `language` (a `LANGUAGES` tag; others get English);
/// without a known SLA, "shortly".
pub fn promise(sla: Option<Sla>, language: &str) -> String {
    let words = words(language);
    let Some(sla) = sla else {
        return words.soon.to_owned();
    };
    let business = sla.business_hours;
    let (count, unit) = match sla.minutes {
        0 => return words.now.to_owned(),
        m if m < 60 => (m, Unit::Minute),
        // A business day is shorter than 24 hours: keep hours up to a week.
        m if m < 24 * 60 || business && m < 5 * 24 * 60 => (m.div_ceil(60), Unit::Hour),
        m => (m.div_ceil(24 * 60), Unit::Day),
    };
    let (one, many) = match (unit, business) {
        (Unit::Minute, _) => words.minute,
        (Unit::Hour, false) => words.hour,
        (Unit::Day, false) => words.day,
        (Unit::Hour, true) => words.business_hour,
        (Unit::Day, true) => words.business_day,
    };
    words
        .within
        .replace("{n}", &count.to_string())
        .replace("{unit}", if count == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sla(minutes: u32, business_hours: bool) -> Option<Sla> {
        Some(Sla {
            minutes,
            business_hours,
        })
    }

    #[test]
    fn promises_read_naturally_in_english() {
        assert_eq!(promise(sla(15, false), "en"), "within 15 minutes");
        assert_eq!(promise(sla(60, false), "en"), "within 1 hour");
        assert_eq!(promise(sla(240, true), "en"), "within 4 business hours");
        assert_eq!(promise(sla(1440, false), "en"), "within 1 day");
        assert_eq!(promise(sla(1440, true), "en"), "within 24 business hours");
        assert_eq!(promise(sla(10_080, true), "en"), "within 7 business days");
        assert_eq!(promise(sla(0, false), "en"), "right away");
        assert_eq!(promise(None, "en"), "shortly");
        assert_eq!(promise(None, "ja"), "shortly", "unsupported: English");
    }

    #[test]
    fn and_in_the_other_languages() {
        assert_eq!(
            promise(sla(240, true), "es"),
            "en un plazo de 4 horas laborables"
        );
        assert_eq!(promise(sla(60, false), "fr"), "sous 1 heure");
        assert_eq!(promise(sla(240, true), "fr"), "sous 4 heures ouvrées");
        assert_eq!(promise(sla(2880, false), "de"), "innerhalb von 2 Tagen");
        assert_eq!(promise(None, "de"), "in Kürze");
    }
}
