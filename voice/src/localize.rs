//! Greetings and sign-offs in the reply's language.
//!
//! A brand writes its channel templates once, in its first language
//! (`greeting = "Hi {first_name},"`, `sign_off = "Warm wishes,\n{agent}"`).
//! A reply in another language the brand lists must not open "Hi Aurélie,"
//! and close "Warm wishes," around French text. For each such language a
//! channel takes, in order:
//!
//! 1. the brand's own words, `[channels.languages.fr]` with `greeting` and
//!    `sign_off` (either may be left out);
//! 2. else a translation of the first-language template: the greeting's
//!    opener becomes the language's greeting of the same register ("Hi",
//!    "Hey", "Hello" → "Hola" / "Bonjour" / "Hallo"; "Dear" and a formal
//!    brand → "Buenos días" / "Bonjour" / "Guten Tag"), keeping the
//!    `{first_name}` slot and the closing mark; a sign-off's closing words
//!    ("Warm wishes,", "Cheers, {agent}") become the language's closing of
//!    the brand's register, and what identifies the sender (`{agent}`, a
//!    dash line, a team name) stays as written.
//!
//! Templates in a language this module has no words for (anything but en,
//! es, fr, de) are left as they are.

use std::borrow::Cow;

use crate::profile::{ChannelVoice, Formality, VoiceProfile};

/// The languages this module can write greetings and closings in.
pub const LANGUAGES: &[&str] = &["en", "es", "fr", "de"];

/// How a greeting or closing sounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Register {
    Casual,
    Formal,
}

impl VoiceProfile {
    /// The profile as a reply to a message detected in `detected` uses it:
    /// with every channel's greeting and sign-off in the reply's language
    /// ([`crate::reply_language`]). Borrowed when that is the brand's first
    /// language (nothing to change).
    pub fn for_reply(&self, detected: Option<&str>) -> Cow<'_, VoiceProfile> {
        let (language, first) = crate::reply_language(&self.languages, detected, LANGUAGES);
        if first {
            return Cow::Borrowed(self);
        }
        let mut profile = self.clone();
        for channel in &mut profile.channels {
            let (greeting, sign_off) = words_in(channel, language, self.formality);
            channel.greeting = greeting;
            channel.sign_off = sign_off;
        }
        Cow::Owned(profile)
    }
}

/// `channel`'s greeting and sign-off in `language`: the brand's own, else
/// translated from the first-language templates.
fn words_in(channel: &ChannelVoice, language: &str, formality: Formality) -> (String, String) {
    let own = channel.languages.get(language);
    let greeting = match own.and_then(|w| w.greeting.clone()) {
        Some(greeting) => greeting,
        None => greeting_in(&channel.greeting, language, formality),
    };
    let sign_off = match own.and_then(|w| w.sign_off.clone()) {
        Some(sign_off) => sign_off,
        None => sign_off_in(&channel.sign_off, language, formality),
    };
    (greeting, sign_off)
}

/// Openers read as casual; anything else not formal follows the brand.
const CASUAL_OPENERS: &[&str] = &[
    "hi", "hey", "hiya", "hello", "howdy", "hola", "salut", "hallo",
];
/// Openers read as formal.
const FORMAL_OPENERS: &[&str] = &[
    "dear",
    "good morning",
    "good afternoon",
    "estimado",
    "estimada",
    "buenos días",
    "madame, monsieur",
    "guten tag",
    "sehr geehrte",
];

/// The greeting template in `language`, the same shape as `template`.
fn greeting_in(template: &str, language: &str, formality: Formality) -> String {
    let template = template.trim();
    if template.is_empty() || template.contains('\n') {
        return template.to_owned();
    }
    let (opener, named, close) = match template.split_once("{first_name}") {
        Some((before, after)) => (before, true, after.trim()),
        None => {
            let close = template.trim_end_matches(|c: char| !c.is_alphanumeric());
            (close, false, &template[close.len()..])
        }
    };
    let opener = opener.trim().trim_end_matches([',', ' ']);
    let register = register(opener, formality);
    let Some(word) = opener_in(language, register) else {
        return template.to_owned();
    };
    let exclaims = close.contains('!');
    let close = close.replace(['!', '¡'], "");
    let close = if exclaims {
        match language {
            "fr" => format!("{close} !"),
            _ => format!("{close}!"),
        }
    } else {
        close
    };
    let comma = if language == "es" && named { ", " } else { " " };
    let body = if named {
        format!("{word}{comma}{{first_name}}{close}")
    } else {
        format!("{word}{close}")
    };
    if exclaims && language == "es" {
        format!("¡{body}")
    } else {
        body
    }
}

/// The register of an opener: formal words, or the brand's formality when
/// the opener says nothing (an unknown word).
fn register(opener: &str, formality: Formality) -> Register {
    let opener = opener.to_lowercase();
    if FORMAL_OPENERS.iter().any(|f| opener.starts_with(f)) {
        Register::Formal
    } else if CASUAL_OPENERS.contains(&opener.as_str()) || formality != Formality::Formal {
        Register::Casual
    } else {
        Register::Formal
    }
}

/// The greeting word of `language` in `register`.
fn opener_in(language: &str, register: Register) -> Option<&'static str> {
    Some(match (language, register) {
        ("en", Register::Casual) => "Hi",
        ("en", Register::Formal) => "Dear",
        ("es", Register::Casual) => "Hola",
        ("es", Register::Formal) => "Buenos días",
        ("fr", _) => "Bonjour",
        ("de", Register::Casual) => "Hallo",
        ("de", Register::Formal) => "Guten Tag",
        _ => return None,
    })
}

/// The closing words of `language` in `register`, with their punctuation.
fn closing_in(language: &str, register: Register) -> Option<&'static str> {
    Some(match (language, register) {
        ("en", Register::Casual) => "Best,",
        ("en", Register::Formal) => "Kind regards,",
        ("es", Register::Casual) => "Un saludo,",
        ("es", Register::Formal) => "Atentamente,",
        // Not "Bien à vous": a casual French brand may write *tu*.
        ("fr", Register::Casual) => "À bientôt,",
        ("fr", Register::Formal) => "Cordialement,",
        ("de", Register::Casual) => "Viele Grüße",
        ("de", Register::Formal) => "Mit freundlichen Grüßen",
        _ => return None,
    })
}

/// The sign-off template in `language`: closing words translated, the
/// sender kept.
fn sign_off_in(template: &str, language: &str, formality: Formality) -> String {
    let register = if formality == Formality::Formal {
        Register::Formal
    } else {
        Register::Casual
    };
    let Some(closing) = closing_in(language, register) else {
        return template.to_owned();
    };
    let lines: Vec<&str> = template.trim().lines().collect();
    let several = lines.len() > 1;
    let out: Vec<String> = lines
        .iter()
        .map(|line| match line.split_once("{agent}") {
            // "Cheers, {agent}": closing words before the sender.
            Some((before, after)) if before.chars().any(char::is_alphabetic) => {
                format!("{closing} {{agent}}{after}")
            }
            Some(_) => (*line).to_owned(),
            // "Warm wishes," on a line of its own above the sender.
            None if several && line.trim_end().ends_with(',') => closing.to_owned(),
            None => (*line).to_owned(),
        })
        .collect();
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::ChannelWords;

    fn profile(formality: Formality, greeting: &str, sign_off: &str) -> VoiceProfile {
        VoiceProfile {
            formality,
            languages: vec!["en".into(), "es".into(), "fr".into(), "de".into()],
            channels: vec![ChannelVoice {
                channel: "email".into(),
                greeting: greeting.into(),
                sign_off: sign_off.into(),
                ..ChannelVoice::default()
            }],
            ..VoiceProfile::default()
        }
    }

    fn words(profile: &VoiceProfile, language: &str) -> (String, String) {
        let localized = profile.for_reply(Some(language));
        let channel = &localized.channels[0];
        (channel.greeting.clone(), channel.sign_off.clone())
    }

    #[test]
    fn the_first_language_is_left_alone() {
        let p = profile(
            Formality::Casual,
            "Hi {first_name},",
            "Warm wishes,\n{agent}",
        );
        assert!(matches!(p.for_reply(Some("en")), Cow::Borrowed(_)));
        assert!(matches!(p.for_reply(None), Cow::Borrowed(_)));
        // A language the brand does not list is answered in the first one.
        let mut english_only = p.clone();
        english_only.languages = vec!["en".into()];
        assert!(matches!(
            english_only.for_reply(Some("fr")),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn casual_templates_translate_with_their_shape() {
        let p = profile(
            Formality::Casual,
            "Hi {first_name},",
            "Warm wishes,\n{agent}",
        );
        assert_eq!(
            words(&p, "fr"),
            ("Bonjour {first_name},".into(), "À bientôt,\n{agent}".into())
        );
        assert_eq!(
            words(&p, "es"),
            ("Hola, {first_name},".into(), "Un saludo,\n{agent}".into())
        );
        assert_eq!(
            words(&p, "de"),
            ("Hallo {first_name},".into(), "Viele Grüße\n{agent}".into())
        );
        let chat = profile(Formality::Casual, "Hey {first_name}!", "Cheers, {agent}");
        assert_eq!(
            words(&chat, "es"),
            ("¡Hola, {first_name}!".into(), "Un saludo, {agent}".into())
        );
        assert_eq!(words(&chat, "fr").0, "Bonjour {first_name} !");
    }

    #[test]
    fn formal_templates_stay_formal_and_senders_stay() {
        let p = profile(
            Formality::Formal,
            "Dear {first_name},",
            "Kind regards,\nLedger Bank Client Care",
        );
        assert_eq!(
            words(&p, "de"),
            (
                "Guten Tag {first_name},".into(),
                "Mit freundlichen Grüßen\nLedger Bank Client Care".into()
            )
        );
        assert_eq!(words(&p, "es").0, "Buenos días, {first_name},");
        // A one-line sender is not a closing.
        let team = profile(
            Formality::Formal,
            "Hello {first_name},",
            "Ledger Bank Client Care",
        );
        assert_eq!(words(&team, "fr").1, "Ledger Bank Client Care");
        let dash = profile(Formality::Neutral, "", "– Kit");
        assert_eq!(words(&dash, "de"), (String::new(), "– Kit".into()));
    }

    #[test]
    fn the_brands_own_words_win() {
        let mut p = profile(
            Formality::Casual,
            "Hi {first_name},",
            "Warm wishes,\n{agent}",
        );
        p.channels[0].languages.insert(
            "fr".into(),
            ChannelWords {
                greeting: Some("Salut {first_name},".into()),
                sign_off: None,
            },
        );
        assert_eq!(
            words(&p, "fr"),
            ("Salut {first_name},".into(), "À bientôt,\n{agent}".into())
        );
    }
}
