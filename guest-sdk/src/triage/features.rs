//! The intent model's features, shared by the trainer (`build.rs`, which
//! includes this file) and the classifier, so both tokenize alike.
//!
//! A text becomes words: lower-cased, accents folded (`mañana` → `manana`,
//! `Größe` → `grosse`), without @handles, links, email addresses or order
//! numbers. Features are the content words, their 5-letter stems (so
//! `charged`, `charges` and `charging` share `~charg`), and the bigrams with
//! at least one content word.

use super::fold::{Fold, push_folded};

/// Function words in en, es, fr and de: alone, or paired only with each
/// other, they say nothing about what a customer wants. Accent-folded and
/// sorted, for binary search.
const STOPWORDS: &[&str] = &[
    "a", "about", "after", "al", "all", "also", "am", "an", "and", "any", "are", "as", "at", "au",
    "auf", "aus", "be", "because", "been", "bei", "being", "but", "by", "c", "can", "ce", "cette",
    "could", "d", "das", "dass", "de", "dem", "den", "der", "des", "did", "die", "do", "does",
    "doing", "du", "ein", "eine", "einen", "el", "en", "es", "est", "et", "for", "from", "had",
    "has", "have", "he", "her", "here", "him", "his", "how", "i", "ich", "if", "il", "im", "in",
    "into", "is", "ist", "it", "its", "j", "je", "just", "l", "la", "las", "le", "les", "ll", "lo",
    "los", "m", "me", "mi", "mit", "more", "my", "n", "ne", "of", "on", "one", "only", "or", "our",
    "out", "over", "por", "pour", "qu", "que", "re", "s", "se", "she", "so", "some", "su", "t",
    "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "those",
    "to", "too", "un", "una", "und", "une", "up", "us", "ve", "very", "was", "we", "were", "what",
    "when", "where", "which", "who", "why", "will", "with", "would", "y", "you", "your", "zu",
];

/// Words at least this long also give a stem feature (their first
/// [`STEM_LEN`] letters).
const STEM_FROM: usize = 6;
/// Letters kept in a stem feature.
const STEM_LEN: usize = 5;

/// Whether `word` (lower-cased, folded) is a function word.
pub fn is_stopword(word: &str) -> bool {
    STOPWORDS.binary_search(&word).is_ok()
}

/// `text` lower-cased with accents folded (`Größe` → `grosse`), as the
/// sentiment lexicons fold it.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        push_folded(c, Fold::Plain, &mut out);
    }
    out
}

/// Folded words (runs of alphanumeric characters), leaving out @handles,
/// links and email addresses (their pieces say nothing about what a
/// customer wants, and a customer pasting a link is not a spammer) and
/// numbers, except three-digit HTTP error codes (`502`), which do.
pub fn words(text: &str) -> Vec<String> {
    fold(text)
        .split_whitespace()
        .filter(|token| !token.starts_with('@') && !is_link_or_address(token))
        .flat_map(|token| token.split(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty() && (!w.bytes().all(|b| b.is_ascii_digit()) || is_status(w)))
        .map(str::to_owned)
        .collect()
}

/// FNV-1a of a word or feature: the classifiers' tables and the phrase
/// rules look words up by this hash, comparing integers where a table of
/// strings would compare bytes.
pub fn hash(word: &str) -> u64 {
    word.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// `4xx` and `5xx`: an HTTP error code a customer quotes.
fn is_status(word: &str) -> bool {
    word.len() == 3 && matches!(word.as_bytes()[0], b'4' | b'5')
}

/// The unigrams that are not function words, their stems, then the
/// space-joined bigrams with at least one word that is not. The trainer
/// (`build.rs`) uses it; the classifier uses [`split_features`].
#[cfg_attr(not(test), allow(dead_code, reason = "used by build.rs"))]
pub fn features(text: &str) -> Vec<String> {
    let (mut unigrams, bigrams) = split_features(text);
    unigrams.extend(bigrams);
    unigrams
}

/// [`features`] as (content words with their stems, bigrams).
pub fn split_features(text: &str) -> (Vec<String>, Vec<String>) {
    let words = words(text);
    let bigrams = words
        .windows(2)
        .filter(|pair| !(is_stopword(&pair[0]) && is_stopword(&pair[1])))
        .map(|pair| format!("{} {}", pair[0], pair[1]))
        .collect();
    let mut unigrams = Vec::with_capacity(words.len() * 2);
    for word in words.into_iter().filter(|w| !is_stopword(w)) {
        if word.chars().count() >= STEM_FROM {
            unigrams.push(format!(
                "~{}",
                word.chars().take(STEM_LEN).collect::<String>()
            ));
        }
        unigrams.push(word);
    }
    (unigrams, bigrams)
}

/// `https://…`, `www.…`, `bit.ly/…`: a whitespace-separated token that is a
/// web link.
pub fn is_link(token: &str) -> bool {
    token.contains("://")
        || token.starts_with("www.")
        || token
            .split_once('/')
            .is_some_and(|(host, _)| host.contains('.') && !host.ends_with('.'))
}

/// `https://…`, `www.…`, `bit.ly/…`, `name@host`: a whitespace-separated
/// token that is a link or an email address.
fn is_link_or_address(token: &str) -> bool {
    is_link(token)
        || token
            .split_once('@')
            .is_some_and(|(user, host)| !user.is_empty() && host.contains('.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stopwords_are_sorted() {
        assert!(STOPWORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn function_words_handles_and_links_are_not_features() {
        assert_eq!(
            features("@Acme Is it in my account? See https://x.example/a bit.ly/3xYz"),
            ["~accou", "account", "see", "my account", "account see"]
        );
    }

    #[test]
    fn accents_fold_and_numbers_drop_but_status_codes_stay() {
        assert_eq!(
            words("Größe Cancelación #4411 502"),
            ["grosse", "cancelacion", "502"]
        );
    }
}
