//! The tone of a reply on a severe case: what breaks it, and how to sober a
//! reply that does.
//!
//! On a [`Situation::Severe`](crate::Situation::Severe) case (harm, a legal
//! threat, an outage, strong anger, a repeat contact) a reply carries no
//! emoji or emoticon, no `!` or `¡`, no tip or promotion, and does not open
//! with a cheery interjection ("Yay", "Aw", "Ugh", "Good news:") or "Hey",
//! whatever the brand's usual register. `breaks` finds those places for
//! the linter; `sober` rewrites them for the fixer: tip and promotion
//! sentences go, interjections go (the sentence is recapitalised), "Hey"
//! becomes "Hi", `!` becomes `.` and emoji go. [`sober_template`] does the
//! same to a channel's greeting or sign-off template ("Hey {first_name}! 🙂"
//! → "Hi {first_name},").

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;

use crate::emoji;
use crate::text::{apply_edits, capitalize, fold, sentences};

/// What breaks the tone of a severe case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Break {
    /// An emoji or a text emoticon (`:)`).
    Emoji,
    /// `!`, `！` or `¡`.
    Exclamation,
    /// A sentence with a tip or a promotion.
    Promotion,
    /// A cheery interjection opening a sentence, or "Hey".
    Cheer,
}

impl fmt::Display for Break {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Break::Emoji => "an emoji",
            Break::Exclamation => "an exclamation mark",
            Break::Promotion => "a tip or promotion",
            Break::Cheer => "a cheery interjection",
        })
    }
}

/// Text emoticons, matched as whole tokens.
const EMOTICONS: &[&str] = &[
    ":)", ":-)", ";)", ";-)", ":D", ":-D", ":P", ":-P", ":p", "<3", "^^", "xD", "XD", "(:",
];

/// Markers of a tip or a promotion (folded): the whole sentence goes.
const PROMOTION: &[&str] = &[
    "tip:",
    "pro tip",
    "quick tip",
    "top tip",
    "psst",
    "% off",
    "discount",
    "promo",
    "coupon",
    "consejo:",
    "descuento",
    "astuce",
    "réduction",
    "code promo",
    "tipp:",
    "rabatt",
];

/// Interjections that open a cheery sentence (folded), in every language
/// the composer writes.
const CHEER: &[&str] = &[
    "yay",
    "yippee",
    "woohoo",
    "woo-hoo",
    "hooray",
    "awww",
    "aww",
    "aw",
    "ugh",
    "oops",
    "whoops",
    "yikes",
    "wow",
    "awesome",
    "great news",
    "good news",
    "genial",
    "buenas noticias",
    "génial",
    "bonne nouvelle",
    "youpi",
    "juhu",
    "super",
    "gute nachrichten",
];

/// Where `text` breaks the tone of a severe case, in order.
pub(crate) fn breaks(text: &str) -> Vec<(Range<usize>, Break)> {
    let mut out: Vec<(Range<usize>, Break)> = Vec::new();
    let promotions: Vec<Range<usize>> = sentences(text)
        .into_iter()
        .filter(|s| is_promotion(&text[s.clone()]))
        .collect();
    out.extend(promotions.iter().cloned().map(|r| (r, Break::Promotion)));
    let inside = |r: &Range<usize>| {
        promotions
            .iter()
            .any(|p| p.start <= r.start && r.end <= p.end)
    };
    let mut others: Vec<(Range<usize>, Break)> = Vec::new();
    for s in sentences(text) {
        if let Some(end) = cheer_at(&text[s.clone()]) {
            others.push((s.start..s.start + end, Break::Cheer));
        }
    }
    others.extend(emoji::clusters(text).into_iter().map(|r| (r, Break::Emoji)));
    others.extend(emoticons(text).into_iter().map(|r| (r, Break::Emoji)));
    others.extend(
        text.char_indices()
            .filter(|&(_, c)| is_exclamation(c))
            .map(|(i, c)| (i..i + c.len_utf8(), Break::Exclamation)),
    );
    out.extend(others.into_iter().filter(|(r, _)| !inside(r)));
    out.sort_by_key(|(r, _)| (r.start, r.end));
    out
}

/// `text` rewritten for a severe case (see the module docs); text that
/// breaks nothing comes back unchanged.
pub(crate) fn sober(text: &str) -> String {
    if breaks(text).is_empty() {
        return text.to_owned();
    }
    // Whole sentences first, then what is inside the ones kept.
    let kept: Vec<String> = sentences(text)
        .into_iter()
        .filter(|s| !is_promotion(&text[s.clone()]))
        .filter_map(|s| sober_sentence(&text[s]))
        .collect();
    let mut out = String::new();
    let mut pieces = kept.iter().peekable();
    while let Some(piece) = pieces.next() {
        out.push_str(piece);
        if pieces.peek().is_some() {
            out.push(' ');
        }
    }
    out
}

/// A greeting or sign-off template with the severe-case tone: emoji gone,
/// "Hey" → "Hi", a `!` → `,` (`.` before a line break inside a sign-off is
/// not needed: templates end lines with `,`).
pub fn sober_template(template: &str) -> Cow<'_, str> {
    if breaks(template).is_empty() {
        return Cow::Borrowed(template);
    }
    let without_emoji = remove_emoji(template);
    let mut out = String::with_capacity(without_emoji.len());
    for line in without_emoji.split_inclusive('\n') {
        let (body, newline) = match line.strip_suffix('\n') {
            Some(body) => (body, "\n"),
            None => (line, ""),
        };
        let body = swap_hey(body.trim_end());
        let body = body.replace(['!', '！'], ",").replace('¡', "");
        out.push_str(body.trim_end_matches([',', ' ']));
        if body.trim_end().ends_with(',') {
            out.push(',');
        }
        out.push_str(newline);
    }
    Cow::Owned(out)
}

/// One sentence with the severe tone, or none when nothing is left of it.
fn sober_sentence(sentence: &str) -> Option<String> {
    let mut s = remove_emoji(sentence);
    if let Some(end) = cheer_at(&s) {
        if folded_start(&s, "hey") {
            s = swap_hey(&s);
        } else {
            s = capitalize(s[end..].trim_start());
        }
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '¡' => {}
            '!' | '！' if out.ends_with(['.', '?', '!']) => {}
            '!' | '！' => out.push('.'),
            _ => out.push(c),
        }
    }
    let out = out.trim().to_owned();
    out.chars().any(char::is_alphanumeric).then_some(out)
}

/// Emoji clusters and emoticons removed, with the junctions tidied.
fn remove_emoji(text: &str) -> String {
    let edits = emoji::clusters(text)
        .into_iter()
        .chain(emoticons(text))
        .map(|r| (r, String::new()))
        .collect();
    apply_edits(text, edits)
}

/// "Hey" opening `text` becomes "Hi" (case kept).
fn swap_hey(text: &str) -> String {
    let lead = text.len() - text.trim_start().len();
    let rest = &text[lead..];
    if !folded_start(rest, "hey") {
        return text.to_owned();
    }
    let hi = if rest.starts_with("HEY") { "HI" } else { "Hi" };
    format!("{}{hi}{}", &text[..lead], &rest[3..])
}

/// Where a cheery opening of `sentence` ends (past its punctuation), when
/// the sentence opens with one.
fn cheer_at(sentence: &str) -> Option<usize> {
    let lead = sentence.len() - sentence.trim_start_matches([' ', '¡']).len();
    let rest = &sentence[lead..];
    if folded_start(rest, "hey") {
        return Some(lead + 3);
    }
    CHEER.iter().find_map(|word| {
        if !folded_start(rest, word) {
            return None;
        }
        let after = &rest[word.len()..];
        let next = after.chars().next();
        // A whole word followed by punctuation or the end: "Aw, thanks",
        // "Good news: ...", "Yay!" (not "awful", not "super useful").
        let punct = |c: char| matches!(c, ',' | '!' | '！' | ':' | '.' | '…');
        match next {
            None => Some(lead + word.len()),
            Some(c) if punct(c) => {
                let end = after
                    .char_indices()
                    .find(|&(_, c)| !punct(c))
                    .map_or(after.len(), |(i, _)| i);
                Some(lead + word.len() + end)
            }
            _ => None,
        }
    })
}

/// Whether `text` starts with `word` (already folded), compared folded and
/// ending at a word boundary.
fn folded_start(text: &str, word: &str) -> bool {
    let mut chars = text.chars();
    for expected in word.chars() {
        match chars.next() {
            Some(c) if fold(c) == expected => {}
            _ => return false,
        }
    }
    !chars.next().is_some_and(char::is_alphanumeric)
}

fn is_promotion(sentence: &str) -> bool {
    let folded: String = sentence.chars().map(fold).collect();
    PROMOTION.iter().any(|m| folded.contains(m))
}

fn is_exclamation(c: char) -> bool {
    matches!(c, '!' | '！' | '¡')
}

/// Text emoticons standing as their own token.
fn emoticons(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (c.is_whitespace(), start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                let token = text[s..i].trim_end_matches(['.', ',']);
                if EMOTICONS.contains(&token) {
                    out.push(s..s + token.len());
                }
                start = None;
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn severe_breaks_are_found() {
        let found: Vec<Break> = breaks("Hey Jo! Ugh, sorry. Pro tip: returns are free. 🙂 :)")
            .into_iter()
            .map(|(_, b)| b)
            .collect();
        assert!(found.contains(&Break::Cheer));
        assert!(found.contains(&Break::Exclamation));
        assert!(found.contains(&Break::Promotion));
        assert_eq!(found.iter().filter(|b| **b == Break::Emoji).count(), 2);
        assert!(
            breaks("We are sorry to hear about the fire. Our safety team will call you today.")
                .is_empty()
        );
        assert!(breaks("That awful stove is a super risk.").is_empty());
    }

    #[test]
    fn sober_rewrites_a_cheery_reply() {
        assert_eq!(
            sober(
                "Hey Jo! Ugh, sorry about that. We're on it! Pro tip: Returns are free within 60 days. 🙂"
            ),
            "Hi Jo. Sorry about that. We're on it."
        );
        assert_eq!(
            sober("¡Genial! Lo revisamos ahora mismo."),
            "Lo revisamos ahora mismo."
        );
        assert_eq!(sober("Good news: the fix is live."), "The fix is live.");
        let calm = "We are sorry. The team will call you within 1 hour.";
        assert_eq!(sober(calm), calm);
        // A fixed point.
        let once = sober("Aw, thanks!! :) Tip: use code SAVE10 for 10% off.");
        assert_eq!(sober(&once), once);
        assert!(breaks(&once).is_empty(), "{once}");
    }

    #[test]
    fn templates_lose_their_cheer() {
        assert_eq!(sober_template("Hey {first_name}! 🙂"), "Hi {first_name},");
        assert_eq!(sober_template("Hi {first_name},"), "Hi {first_name},");
        assert_eq!(sober_template("Cheers! 🏕️\n{agent}"), "Cheers,\n{agent}");
        assert!(matches!(
            sober_template("Dear {first_name},"),
            Cow::Borrowed(_)
        ));
    }
}
