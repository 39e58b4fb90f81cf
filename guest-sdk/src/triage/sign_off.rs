//! The closing of a written message: "Thanks,\nOmar", "Kind regards,
//! Priya", "Merci,\nMarie". A valediction is manners, not content: left in,
//! "Thanks," makes a failing pipeline read as a thank-you and "Cheers"
//! lifts the sentiment of a complaint. [`without_sign_off`] cuts it before
//! intent and sentiment are read.

use std::sync::LazyLock;

use super::features::fold;

/// Valedictions in en/es/fr/de, compared word by word after folding
/// (lower-case, no accents).
const VALEDICTIONS: &[&str] = &[
    "thanks",
    "thank you",
    "thanks in advance",
    "thanks again",
    "many thanks",
    "thx",
    "ty",
    "cheers",
    "best",
    "best regards",
    "best wishes",
    "kind regards",
    "kindest regards",
    "warm regards",
    "regards",
    "all the best",
    "sincerely",
    "yours sincerely",
    "yours faithfully",
    "gracias",
    "muchas gracias",
    "saludos",
    "un saludo",
    "atentamente",
    "un abrazo",
    "merci",
    "merci d'avance",
    "cordialement",
    "bien cordialement",
    "bien à vous",
    "bonne journée",
    "danke",
    "vielen dank",
    "grüße",
    "gruss",
    "viele grüße",
    "viele gruesse",
    "beste grüße",
    "liebe grüße",
    "mit freundlichen grüßen",
    "freundliche grüße",
    "danke und gruß",
    "danke und grüße",
    "danke und viele grüße",
    "danke und liebe grüße",
    "danke und beste grüße",
    "thanks and regards",
    "thanks and best regards",
    "thanks and kind regards",
    "gracias y un saludo",
    "gracias y saludos",
    "lg",
    "vg",
    "mfg",
];

/// [`VALEDICTIONS`] split into words and folded, once (in `init`, see
/// [`prepare`]): the closing of every line of every message is compared
/// with each.
struct Valedictions {
    words: Vec<Vec<String>>,
    /// Words in the longest valediction.
    longest: usize,
}

static FOLDED_VALEDICTIONS: LazyLock<Valedictions> = LazyLock::new(|| {
    let words: Vec<Vec<String>> = VALEDICTIONS
        .iter()
        .map(|v| v.split(' ').map(fold).collect())
        .collect();
    let longest = words.iter().map(Vec::len).max().unwrap_or(0);
    Valedictions { words, longest }
});

/// Builds the folded valedictions (called by the `init` export).
pub(super) fn prepare() {
    LazyLock::force(&FOLDED_VALEDICTIONS);
}

/// At most this many lines of name, title, phone or "Sent from my iPhone"
/// follow a valediction.
const MAX_SIGNATURE_LINES: usize = 4;

/// At most this many words make a signature line or the name after
/// "Thanks, ".
const MAX_NAME_WORDS: usize = 5;

/// At least this many words must remain for the cut to be made: a message
/// that is only "Thanks!\nAnna" is a thank-you.
const MIN_BODY_WORDS: usize = 3;

/// `text` without its closing valediction and the signature after it, when
/// it has one: a line that is a valediction (optionally followed by a
/// comma and a short name, "Kind regards, Priya") with nothing after it but
/// a few short signature lines, of which there must be at least one when
/// the valediction is alone on its line ("Thanks!" that ends a thank-you
/// stays). Otherwise `text` unchanged.
pub fn without_sign_off(text: &str) -> &str {
    let lines: Vec<(usize, &str)> = text
        .split_inclusive('\n')
        .scan(0, |at, line| {
            let start = *at;
            *at += line.len();
            Some((start, line))
        })
        .filter(|(_, line)| !line.trim().is_empty())
        .collect();
    let tail = lines.len().saturating_sub(MAX_SIGNATURE_LINES + 1);
    for (i, &(start, line)) in lines.iter().enumerate().skip(tail).rev() {
        let after = &lines[i + 1..];
        if !after.iter().all(|(_, l)| is_signature(l)) {
            return text;
        }
        let (sentence_start, named) = match closing_of(line) {
            Some(found) => found,
            None => continue,
        };
        if !named && after.is_empty() {
            return text;
        }
        let body = text[..start + sentence_start].trim_end();
        return if word_count(body) >= MIN_BODY_WORDS {
            body
        } else {
            text
        };
    }
    text
}

/// Where in `line` a valediction starts (at the line's start or after a
/// sentence end), and whether a name follows it on the line.
fn closing_of(line: &str) -> Option<(usize, bool)> {
    let starts = std::iter::once(0).chain(
        line.char_indices()
            .filter(|(_, c)| matches!(c, '.' | '!' | '?'))
            .map(|(i, c)| i + c.len_utf8()),
    );
    for start in starts {
        let rest = line[start..].trim();
        let Some(name) = valediction_rest(rest) else {
            continue;
        };
        let offset = start + (line[start..].len() - line[start..].trim_start().len());
        let name = name
            .trim_start_matches([',', '!', '.', ' ', '-', '—'])
            .trim();
        if name.is_empty() {
            return Some((offset, false));
        }
        if word_count(name) <= MAX_NAME_WORDS && !name.contains(['?', '.']) {
            return Some((offset, true));
        }
    }
    None
}

/// What follows a valediction that `segment` starts with (the longest
/// one), when nothing but punctuation joins it to the rest: "Thanks, Omar"
/// gives ", Omar", "Thanks for the fix" gives `None`.
fn valediction_rest(segment: &str) -> Option<&str> {
    let valedictions = &*FOLDED_VALEDICTIONS;
    let words = word_spans(segment);
    // The segment's first words folded once, for every valediction.
    let folded: Vec<String> = words
        .iter()
        .take(valedictions.longest)
        .map(|(_, w)| fold(w))
        .collect();
    valedictions
        .words
        .iter()
        .filter_map(|phrase| {
            let matched =
                phrase.len() <= words.len() && phrase.iter().zip(&folded).all(|(p, w)| p == w);
            let end = words
                .get(phrase.len().checked_sub(1)?)
                .map(|(range, _)| range.end)?;
            let rest = &segment[end..];
            let joined =
                rest.trim().is_empty() || rest.trim_start().starts_with([',', '!', '.', '-', '—']);
            (matched && joined).then_some((phrase.len(), rest))
        })
        .max_by_key(|(len, _)| *len)
        .map(|(_, rest)| rest)
}

/// The words of `text` (runs of letters, digits and apostrophes) with
/// their byte ranges.
fn word_spans(text: &str) -> Vec<(std::ops::Range<usize>, &str)> {
    let mut spans = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        let in_word = c.is_alphanumeric() || c == '\'';
        match (in_word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                spans.push((s..i, &text[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    spans
}

/// A short line of a signature: a name, a title, a phone number, a
/// company, "--" or "Sent from my iPhone".
fn is_signature(line: &str) -> bool {
    let line = line.trim();
    word_count(line) <= MAX_NAME_WORDS && !line.ends_with('?')
}

fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

#[cfg(test)]
mod tests {
    use super::without_sign_off as cut;

    #[test]
    fn a_closing_with_a_name_is_cut() {
        let mail = "Hi,\n\nOur pipeline has been failing with 'runner lost' since this morning. Logs attached.\n\nThanks,\nOmar";
        assert!(cut(mail).ends_with("Logs attached."), "{}", cut(mail));
        assert_eq!(
            cut("Could you please confirm whether my payment was received? Kind regards, Priya"),
            "Could you please confirm whether my payment was received?"
        );
        assert_eq!(
            cut("Je voudrais renvoyer des chaussures.\n\nCordialement,\nMarie\n06 12 34 56 78"),
            "Je voudrais renvoyer des chaussures."
        );
        assert_eq!(
            cut("Meine Rechnung fehlt seit März.\n\nViele Grüße\nJonas Becker"),
            "Meine Rechnung fehlt seit März."
        );
        assert_eq!(
            cut(
                "ich leite euch die Frage meines Kollegen weiter.\n\nDanke und Gruß\nCarolin Becker"
            ),
            "ich leite euch die Frage meines Kollegen weiter."
        );
    }

    #[test]
    fn thanks_that_are_the_message_stay() {
        for text in [
            "Great, it works now. Thanks!",
            "Thanks!\nAnna",
            "Thanks for the quick fix!",
            "thanks for sorting my refund so fast, you're the best",
            "My order never came. Thanks for nothing",
            "Thanks, but it still fails?",
        ] {
            assert_eq!(cut(text), text);
        }
    }
}
