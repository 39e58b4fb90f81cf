//! Sarcasm: warm words that mean the opposite ("thanks so much for the
//! 'upgrade' that doubled my bill 🙄", "great, another delay, love that for
//! me", "Danke für nix"). Read as written, such a message is praise or
//! thanks and waits at low priority for a cheerful answer; a care lead
//! reads a complaint.
//!
//! Only plain markers count, since a customer who means their thanks and
//! is answered as if angry reads a script too: a set phrase, a service
//! word in scare quotes, thanks for a harm, or a rolled eye beside warm
//! words.

use super::rules::{CONCEDING, Folded, contains_phrase};

/// Phrases that are sarcastic whatever surrounds them, folded.
const SET_PHRASES: &[&str] = &[
    "thanks for nothing",
    "thank you for nothing",
    "thanks a bunch",
    "love that for me",
    "cool cool cool",
    "just what i needed",
    "oh great",
    "oh joy",
    "yay another",
    "great another",
    "great, another",
    "brilliant, another",
    "fantastic, another",
    "wonderful, another",
    "gracias por nada",
    "merci pour rien",
    "merci pour le cadeau",
    "danke fur nix",
    "danke fur nichts",
    "vielen dank auch",
    "na toll",
];

/// Words of good service that sarcasm puts in quotes ("thanks for the
/// 'help'", "the 'upgrade' that doubled my bill"), folded.
const SCARE_QUOTED: &[&str] = &[
    "help",
    "helpful",
    "upgrade",
    "improvement",
    "improved",
    "service",
    "customer service",
    "support",
    "express",
    "priority",
    "premium",
    "solution",
    "ayuda",
    "servicio",
    "mejora",
    "aide",
    "service client",
    "amelioration",
    "hilfe",
    "kundenservice",
    "verbesserung",
];

/// Quotation marks, folded text keeps them.
const QUOTES: &[char] = &['\'', '"', '‘', '’', '“', '”', '«', '»'];

/// Thanks words, folded.
const THANKS_FOR: &[&str] = &[
    "thanks for",
    "thank you for",
    "gracias por",
    "merci pour",
    "merci de",
    "danke fur",
];

/// Harms thanked for ("gracias por cobrarme 18€", "thanks for ignoring
/// me"), within a few words of the thanks.
const HARMS: &[&str] = &[
    "nothing",
    "ignoring",
    "wasting",
    "ruining",
    "charging me",
    "taking my money",
    "cobrarme",
    "ignorarme",
    "rien",
    "nix",
    "nichts",
];

/// Faces that roll their eyes. Not the upside-down smile: it is as often
/// laughing at oneself ("typed my own email wrong, thanks for fixing it 🙃").
const ROLLED_EYES: &[char] = &['🙄', '😒'];

/// Warm words that a rolled eye turns round, folded.
const WARM: &[&str] = &[
    "great",
    "love",
    "thanks",
    "thank you",
    "appreciate",
    "brilliant",
    "amazing",
    "perfect",
    "wonderful",
    "fantastic",
    "genial",
    "gracias",
    "merci",
    "super",
    "danke",
    "toll",
    "cheers",
    "bravo",
    "stellar",
    "maravilloso",
    "klasse",
];

/// Marks of irony beside warm words: applause, an upside-down smile, "as
/// always", five stars for a failure.
const IRONY: &[&str] = &[
    "👏",
    "🙃",
    "as always",
    "as usual",
    "como siempre",
    "comme toujours",
    "comme d'habitude",
    "wie immer",
    "wie jeden",
    "5 etoiles",
    "5 stars",
    "five stars",
    "10/10",
    "en prime",
    "au moins vous",
];

/// Words of a failure put right ("thanks for sorting the refund after the
/// delay, great service as always"): the praise is meant.
const PUT_RIGHT: &[&str] = &[
    "sorted",
    "sorting",
    "fixed",
    "fixing",
    "resolved",
    "solved",
    "regle",
    "resolu",
    "solucionado",
    "arreglado",
    "gelost",
    "erledigt",
    "behoben",
];

/// Failures told as facts ("locker 'opened', completely empty", "encore 2h
/// de retard", "Schließfach leer"), folded, matched whole.
const FAILURES: &[&str] = &[
    "empty",
    "leer",
    "vide",
    "vacio",
    "vacia",
    "delay",
    "delayed",
    "retard",
    "retraso",
    "verspatung",
    "verspatet",
    "missed",
    "fallo",
    "bloquee",
    "bloque",
    "blocked",
    "stuck",
    "cancelled",
    "annule",
    "cancelado",
    "gestrichen",
    "ausgefallen",
];

/// The marker of sarcasm in `text`, if any: why the warm words mean the
/// opposite.
pub fn sarcasm(text: &str, folded: &Folded) -> Option<String> {
    if let Some(phrase) = folded.find(SET_PHRASES) {
        return Some(format!("\"{phrase}\""));
    }
    if let Some(word) = scare_quoted(folded.as_str()) {
        return Some(format!("'{word}' in quotes"));
    }
    if let Some(harm) = thanks_for_a_harm(folded.as_str()) {
        return Some(format!("thanks for \"{harm}\""));
    }
    if let Some(face) = text.chars().find(|c| ROLLED_EYES.contains(c)) {
        let warm = folded.find(WARM)?;
        return Some(format!("\"{warm}\" beside {face}"));
    }
    ironic_praise_of_a_failure(folded)
}

/// Warm words, a mark of irony and a failure told as a fact ("amazing
/// service as always. Locker 'opened', completely empty", "bravo, encore 2h
/// de retard 👏👏"): praise for what went wrong. All three are needed: a
/// customer thanking for help after a delay names no irony; and a failure
/// conceded ([`CONCEDING`]: "even though the lift was stuck") or put right
/// ([`PUT_RIGHT`]) was overcome.
fn ironic_praise_of_a_failure(folded: &Folded) -> Option<String> {
    if folded.find(CONCEDING).is_some() || folded.find(PUT_RIGHT).is_some() {
        return None;
    }
    let warm = folded.find(WARM)?;
    let irony = folded.find(IRONY)?;
    let failure = folded.find(FAILURES)?;
    Some(format!("\"{warm}\" and \"{irony}\" for \"{failure}\""))
}

/// The first [`SCARE_QUOTED`] word standing alone between quotes.
fn scare_quoted(folded: &str) -> Option<&'static str> {
    SCARE_QUOTED.iter().copied().find(|word| {
        folded.match_indices(word).any(|(at, _)| {
            let before = folded[..at].chars().next_back();
            let after = folded[at + word.len()..].chars().next();
            before.is_some_and(|c| QUOTES.contains(&c))
                && after.is_some_and(|c| QUOTES.contains(&c))
        })
    })
}

/// A [`HARMS`] word within four words after a [`THANKS_FOR`] phrase.
fn thanks_for_a_harm(folded: &str) -> Option<&'static str> {
    THANKS_FOR.iter().find_map(|thanks| {
        folded.match_indices(thanks).find_map(|(at, _)| {
            let rest = &folded[at + thanks.len()..];
            let near: String = rest
                .split_whitespace()
                .take(4)
                .collect::<Vec<_>>()
                .join(" ");
            HARMS
                .iter()
                .copied()
                .find(|harm| contains_phrase(&near, harm))
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Option<String> {
        sarcasm(text, &Folded::new(text))
    }

    #[test]
    fn warm_words_that_mean_the_opposite_are_sarcasm() {
        for text in [
            "@SkyLarkAir great, another delay on SK412 to Dublin, love that for me 🙃",
            "thanks so much for the 'upgrade' that doubled my monthly bill and halved my speed. really appreciate it",
            "Thanks for the 'help'. Told to call a number that's closed on Sundays. Brilliant.",
            "gracias por cobrarme 18€ de 'gastos de gestion' por una entrada que me descargo yo",
            "Flug gestrichen, Ersatzflug erst übermorgen. Danke für nix",
            "cool cool cool, paid £3.99 delivery for a pizza that turned up folded in half",
            "merci pour rien, toujours pas de colis",
            "oh wonderful, the app logged me out mid-payment 🙄",
            "Wow @LockBoxPoint amazing service as always. Locker 14 'opened', completely empty. Stellar work 🌟",
            "bravo @Ferovia_SAV, encore 2h de retard sur le Paris-Lille 👏👏",
            "@LockBoxDE Danke, super Service 👏 Paket laut App 'im Fach', Schließfach leer.",
            "me encanta que me quite la racha por un fallo de la app. maravilloso. gracias 🙃",
        ] {
            assert!(read(text).is_some(), "{text:?}");
        }
    }

    #[test]
    fn meant_thanks_and_quoted_labels_are_no_sarcasm() {
        for text in [
            "thanks for the help yesterday, all sorted now",
            "love the new app, great job 😍",
            "my order still says 'in preparation' after 9 days, can you check?",
            "£14.50 in 'service fees' on a £40 ticket",
            "thanks for cancelling my order so quickly, much appreciated",
            "typed my own email wrong, thanks for fixing it 🙃",
            "merci de votre réponse rapide",
            "danke für die schnelle Hilfe",
            "great, thanks! that fixed it",
            "the app crashes when I open settings 🙄 any idea?",
            "thanks for sorting the refund after the delay, great service as always",
            "the new Oxford Rd dock is a killer addition, saves me 10 mins 🙌",
            "bravo to the driver who carried it up even though the lift was stuck 👏",
        ] {
            assert_eq!(read(text), None, "{text:?}");
        }
    }
}
