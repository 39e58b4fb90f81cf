//! Language detection with a confidence, falling back to the platform's
//! hint for texts too short to tell.

/// Texts with fewer letters than this take the platform's hint.
const MIN_LETTERS: usize = 20;

/// ISO 639-3 codes (whatlang) to the BCP-47 tags platforms and brands use.
const TWO_LETTER: &[(&str, &str)] = &[
    ("ara", "ar"),
    ("ces", "cs"),
    ("cmn", "zh"),
    ("dan", "da"),
    ("deu", "de"),
    ("ell", "el"),
    ("eng", "en"),
    ("fin", "fi"),
    ("fra", "fr"),
    ("heb", "he"),
    ("hin", "hi"),
    ("hun", "hu"),
    ("ind", "id"),
    ("ita", "it"),
    ("jpn", "ja"),
    ("kor", "ko"),
    ("nld", "nl"),
    ("nob", "nb"),
    ("pol", "pl"),
    ("por", "pt"),
    ("ron", "ro"),
    ("rus", "ru"),
    ("spa", "es"),
    ("swe", "sv"),
    ("tha", "th"),
    ("tur", "tr"),
    ("ukr", "uk"),
    ("vie", "vi"),
];

/// A language decision: the tag and a human reason.
#[derive(Debug, Clone, PartialEq)]
pub struct Language {
    /// BCP-47 tag (`en`, `ja`, ...).
    pub tag: String,
    /// Why, e.g. "language en (detected, confidence 0.97)".
    pub reason: String,
}

/// Detects the language of `text`; uses `hint` (the platform's `lang`) when
/// the text is too short or detection is unreliable.
pub fn detect(text: &str, hint: Option<&str>) -> Option<Language> {
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    if letters >= MIN_LETTERS
        && let Some(info) = whatlang::detect(text)
        && info.is_reliable()
    {
        let code = info.lang().code();
        let tag = TWO_LETTER
            .iter()
            .find(|(three, _)| *three == code)
            .map_or(code, |(_, two)| two);
        return Some(Language {
            tag: tag.to_owned(),
            reason: format!(
                "language {tag} (detected, confidence {:.2})",
                info.confidence()
            ),
        });
    }
    hint.filter(|h| !h.is_empty()).map(|tag| Language {
        tag: tag.to_owned(),
        reason: format!("language {tag} (platform hint)"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_long_texts_and_maps_to_two_letter_tags() {
        let fr = detect(
            "Bonjour, ma commande n'est jamais arrivée et personne ne me répond.",
            None,
        );
        assert_eq!(fr.map(|l| l.tag).as_deref(), Some("fr"));
        let en = detect(
            "My order never arrived and nobody answers my emails at all.",
            Some("de"),
        );
        assert_eq!(en.map(|l| l.tag).as_deref(), Some("en"));
    }

    #[test]
    fn short_texts_take_the_platform_hint() {
        let short = detect("ok thx", Some("ja")).expect("hint");
        assert_eq!(short.tag, "ja");
        assert!(short.reason.contains("hint"));
        assert_eq!(detect("ok thx", None), None);
    }
}
