//! The judge: pure functions of a reply's text that the criteria of
//! `chorus eval replies` are built from (see the module docs of
//! [`super`]).
//!
//! Phrases match case-insensitively at the start of a word (the character
//! before is not a letter or digit), so "hey" finds "Hey Jo" and "heyyy"
//! but not "they", and "promo" finds "promotion".

use std::collections::BTreeMap;

use super::words::{CHEERY, EMOTICONS, EXCLAMATIONS, PRAISE_ASKS, PROMOTION, REQUESTS, fact_names};

/// Marks that end a sentence (when whitespace or the end follows).
const TERMINATORS: &[char] = &['.', '!', '?', '…', '！', '？', '。'];
/// Characters that may close a sentence after its terminator.
const CLOSERS: &[char] = &['"', '\'', ')', '»', '”', '’'];

/// Whether `phrase` occurs in `text` at the start of a word, ignoring case.
pub(super) fn has_phrase(text: &str, phrase: &str) -> bool {
    let text = text.to_lowercase();
    let phrase = phrase.to_lowercase();
    if phrase.is_empty() {
        return false;
    }
    text.match_indices(&phrase).any(|(i, _)| {
        let starts_word = phrase.starts_with(|c: char| !c.is_alphanumeric());
        starts_word
            || text[..i]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric())
    })
}

/// The first phrase of `phrases` that `text` has.
fn first_phrase<'p>(text: &str, phrases: &[&'p str]) -> Option<&'p str> {
    phrases.iter().copied().find(|p| has_phrase(text, p))
}

/// Whether a character is an emoji or part of an emoji sequence:
/// pictographs, emoticons, transport and map symbols, supplemental symbols
/// (U+1F000–U+1FAFF, regional indicators included), miscellaneous symbols
/// and dingbats (U+2600–U+27BF), a few others that render as emoji, the
/// zero-width joiner of ZWJ sequences, the emoji variation selector and the
/// keycap mark.
pub(super) fn is_emoji(c: char) -> bool {
    matches!(
        u32::from(c),
        0x1F000..=0x1FAFF
            | 0x2600..=0x27BF
            | 0x231A..=0x231B
            | 0x23E9..=0x23FA
            | 0x2B50
            | 0x2B55
            | 0x2B1B..=0x2B1C
            | 0x200D
            | 0xFE0F
            | 0x20E3
    )
}

/// A text emoticon (`:)`, `;)`, `:D`, ...) standing on its own.
fn emoticon(text: &str) -> Option<&'static str> {
    EMOTICONS.iter().copied().find(|e| {
        text.match_indices(e).any(|(i, _)| {
            let before = text[..i].chars().next_back();
            let after = text[i + e.len()..].chars().next();
            before.is_none_or(char::is_whitespace) && after.is_none_or(|c| !c.is_alphanumeric())
        })
    })
}

/// What makes `text` wrong for a severe case, one reason per kind of
/// marker: an emoji, a text emoticon, an exclamation mark, a tip or
/// promotion marker, a cheery greeting or interjection, or one of
/// `must_avoid`.
pub(super) fn tone_markers(text: &str, must_avoid: &[String]) -> Vec<String> {
    let mut found = Vec::new();
    if let Some(c) = text.chars().find(|&c| is_emoji(c)) {
        found.push(format!("emoji {c}"));
    }
    if let Some(e) = emoticon(text) {
        found.push(format!("emoticon {e}"));
    }
    if let Some(c) = text.chars().find(|c| EXCLAMATIONS.contains(c)) {
        found.push(format!("exclamation {c}"));
    }
    if let Some(p) = first_phrase(text, PROMOTION) {
        found.push(format!("promotion \"{p}\""));
    }
    if let Some(p) = first_phrase(text, CHEERY) {
        found.push(format!("cheery \"{p}\""));
    }
    if let Some(p) = must_avoid.iter().find(|p| contains_ci(text, p)) {
        found.push(format!("must avoid \"{p}\""));
    }
    found
}

/// Why a reply to praise asks something: a question mark, or an ask
/// ("let us know", "could you", ...). `None` when it asks nothing.
pub(super) fn praise_ask(text: &str) -> Option<String> {
    if let Some(c) = text.chars().find(|c| matches!(c, '?' | '¿' | '？')) {
        return Some(format!("question mark {c}"));
    }
    first_phrase(text, PRAISE_ASKS).map(|p| format!("asks \"{p}\""))
}

/// Whether `text` contains `needle`, ignoring case.
pub(super) fn contains_ci(text: &str, needle: &str) -> bool {
    !needle.is_empty() && text.to_lowercase().contains(&needle.to_lowercase())
}

/// Whether a sentence asks: a question, or a request in one of the four
/// languages.
fn is_ask(sentence: &str) -> bool {
    sentence.contains(['?', '¿', '？'])
        || REQUESTS
            .iter()
            .any(|(_, phrases)| first_phrase(sentence, phrases).is_some())
}

/// Whether `sentence` mentions the fact's value itself ("we'll check order
/// 4471-2290"): its text, or for values with four digits or more, its
/// digits in order.
fn mentions_value(sentence: &str, value: &str) -> bool {
    if contains_ci(sentence, value.trim()) {
        return true;
    }
    let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
    let wanted = digits(value);
    wanted.len() >= 4 && digits(sentence).contains(&wanted)
}

/// A sentence that asks again for something the customer already gave.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct ReAsk {
    /// The fact's kind (`order_id`, ...), or `must_avoid`.
    pub kind: String,
    /// The sentence (or, for `must_avoid`, the phrase found).
    pub sentence: String,
}

/// Where `text` asks again for a `given` fact: a sentence that names the
/// fact's kind (in any of the four languages), asks (a question or a
/// request) and does not mention the value itself; and every `must_avoid`
/// phrase it contains.
pub(super) fn re_asks(
    text: &str,
    given: &BTreeMap<String, String>,
    must_avoid: &[String],
) -> Vec<ReAsk> {
    let mut found: Vec<ReAsk> = must_avoid
        .iter()
        .filter(|p| contains_ci(text, p))
        .map(|p| ReAsk {
            kind: "must_avoid".to_owned(),
            sentence: p.clone(),
        })
        .collect();
    for sentence in sentences(text) {
        if !is_ask(sentence) {
            continue;
        }
        for (kind, value) in given {
            let Some(names) = fact_names(kind) else {
                continue;
            };
            let named = names
                .iter()
                .any(|(_, phrases)| first_phrase(sentence, phrases).is_some());
            if named && !mentions_value(sentence, value) {
                found.push(ReAsk {
                    kind: kind.clone(),
                    sentence: sentence.to_owned(),
                });
            }
        }
    }
    found
}

/// The sentences of `text`: split after `.`, `!`, `?` or `…` (with any
/// closing quotes) followed by whitespace, and at line breaks; trimmed,
/// empty ones left out.
pub(super) fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let (end, next_start) = if c == '\n' {
            (i, i + 1)
        } else if TERMINATORS.contains(&c) {
            let mut end = i + c.len_utf8();
            while let Some(&(j, n)) = chars.peek() {
                if TERMINATORS.contains(&n) || CLOSERS.contains(&n) {
                    end = j + n.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            if chars.peek().is_some_and(|&(_, n)| !n.is_whitespace()) {
                continue;
            }
            (end, end)
        } else {
            continue;
        };
        let sentence = text[start..end].trim();
        if !sentence.is_empty() {
            out.push(sentence);
        }
        start = next_start;
    }
    let rest = text[start..].trim();
    if !rest.is_empty() {
        out.push(rest);
    }
    out
}

/// A sentence made comparable across replies: lower-cased, the customer's
/// `names` (full name, then each word of it) as `{name}`, every digit `0`,
/// whitespace collapsed, final punctuation removed.
pub(super) fn normalise(sentence: &str, names: &[&str]) -> String {
    let mut text = sentence.to_lowercase();
    let mut names: Vec<String> = names
        .iter()
        .flat_map(|n| {
            let mut all = vec![n.trim().to_lowercase()];
            all.extend(
                n.split(|c: char| c.is_whitespace() || c == ',')
                    .filter(|w| w.chars().count() >= 2)
                    .map(str::to_lowercase),
            );
            all
        })
        .filter(|n| !n.is_empty())
        .collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    for name in &names {
        text = replace_word(&text, name, "{name}");
    }
    let text: String = text
        .chars()
        .map(|c| if c.is_numeric() { '0' } else { c })
        .collect();
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    text.trim_end_matches(|c: char| TERMINATORS.contains(&c) || c.is_whitespace())
        .to_owned()
}

/// `text` with every whole-word `word` replaced by `with`.
fn replace_word(text: &str, word: &str, with: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut previous: Option<char> = None;
    while let Some(i) = rest.find(word) {
        let before = rest[..i].chars().next_back().or(previous);
        let after = rest[i + word.len()..].chars().next();
        let whole = before.is_none_or(|c| !c.is_alphanumeric())
            && after.is_none_or(|c| !c.is_alphanumeric());
        let (head, tail) = rest.split_at(i + word.len());
        if whole {
            out.push_str(&head[..i]);
            out.push_str(with);
        } else {
            out.push_str(head);
        }
        previous = head.chars().next_back();
        rest = tail;
    }
    out.push_str(rest);
    out
}

/// The base id of the knowledge snippet a suggestion answers with, as its
/// rationale names it (``knowledge `returns-window.es` answers "…"``):
/// `returns-window`. `None` for any other reply (a canned response, an
/// acknowledgement).
pub(super) fn answers_with(rationale: &str) -> Option<String> {
    let (_, rest) = rationale.split_once("knowledge `")?;
    let (id, _) = rest.split_once('`')?;
    Some(chorus_voice::retrieve::group_of(id).0.to_owned())
}

/// The reply's own words: `text` without its leading `@handle` mentions,
/// the channel's `greeting` at its start and `sign_off` at its end (as the
/// gate filled them; empty ones are not looked for).
pub(super) fn body<'t>(text: &'t str, greeting: &str, sign_off: &str) -> &'t str {
    let mut body = text[chorus_host::review::mention_prefix(text).len()..].trim();
    let greeting = greeting.trim();
    if !greeting.is_empty()
        && let Some(head) = body.get(..greeting.len())
        && head.to_lowercase() == greeting.to_lowercase()
    {
        body = body[greeting.len()..].trim_start();
    }
    let sign_off = sign_off.trim();
    if !sign_off.is_empty()
        && let Some(start) = body.len().checked_sub(sign_off.len())
        && let Some(tail) = body.get(start..)
        && tail.to_lowercase() == sign_off.to_lowercase()
    {
        body = body[..start].trim_end();
    }
    body
}

/// Words that open a hello, in en/es/fr/de.
const HELLO_WORDS: &[&str] = &[
    "hey", "hi", "hello", "hiya", "dear", "hola", "buenas", "bonjour", "salut", "coucou", "hallo",
    "moin", "servus",
];

/// Whether `sentence` is only a hello: a hello word and at most two more
/// words, the name ("Hey Jonas!", "Hola, Ana:", "Bonjour Sophie !").
pub(super) fn is_hello(sentence: &str) -> bool {
    let words: Vec<String> = sentence
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    words.len() <= 3
        && words
            .first()
            .is_some_and(|w| HELLO_WORDS.contains(&w.as_str()))
}

/// The language `text` is written in, by the SDK's detector (the one
/// plugins' triage uses), with no platform hint.
pub(super) fn language(text: &str) -> Option<String> {
    chorus_sdk::triage::detect_language(text, None).map(|l| l.tag)
}

#[cfg(test)]
mod tests;
