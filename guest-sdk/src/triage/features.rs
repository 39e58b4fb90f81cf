//! The intent model's features, shared by the trainer (`build.rs`, which
//! includes this file) and the classifier, so both tokenize alike.

/// Function words: alone, or paired only with each other, they say nothing
/// about what a customer wants, yet summed over a long post they tip a naive
/// Bayes model with false confidence. Sorted, for binary search.
const STOPWORDS: &[&str] = &[
    "a", "about", "after", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be",
    "because", "been", "being", "but", "by", "can", "could", "d", "did", "do", "does", "doing",
    "for", "from", "had", "has", "have", "he", "her", "here", "him", "his", "how", "i", "if", "in",
    "into", "is", "it", "its", "just", "ll", "m", "me", "more", "my", "of", "on", "one", "only",
    "or", "our", "out", "over", "re", "s", "she", "so", "some", "t", "than", "that", "the",
    "their", "them", "then", "there", "these", "they", "this", "those", "to", "too", "up", "us",
    "ve", "very", "was", "we", "were", "what", "when", "where", "which", "who", "why", "will",
    "with", "would", "you", "your",
];

/// Whether `word` (lower-cased) is a function word.
pub fn is_stopword(word: &str) -> bool {
    STOPWORDS.binary_search(&word).is_ok()
}

/// Lower-cased words (runs of alphanumeric characters), leaving out links
/// and email addresses: their pieces (`www`, `com`, `http`) say nothing about
/// what a customer wants, and a customer pasting a link is not a spammer.
pub fn words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split_whitespace()
        .filter(|token| !is_link_or_address(token))
        .flat_map(|token| token.split(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The unigrams that are not function words, then the space-joined bigrams
/// with at least one word that is not. The trainer (`build.rs`) uses it;
/// the classifier uses [`split_features`].
#[cfg_attr(not(test), allow(dead_code, reason = "used by build.rs"))]
pub fn features(text: &str) -> Vec<String> {
    let (mut unigrams, bigrams) = split_features(text);
    unigrams.extend(bigrams);
    unigrams
}

/// [`features`] as (unigrams, bigrams): the unigrams are the text's content
/// words, which the classifier's coverage check counts.
pub fn split_features(text: &str) -> (Vec<String>, Vec<String>) {
    let words = words(text);
    let bigrams = words
        .windows(2)
        .filter(|pair| !(is_stopword(&pair[0]) && is_stopword(&pair[1])))
        .map(|pair| format!("{} {}", pair[0], pair[1]))
        .collect();
    let unigrams = words.into_iter().filter(|w| !is_stopword(w)).collect();
    (unigrams, bigrams)
}

/// `https://…`, `www.…`, `name@host`: a whitespace-separated token that is a
/// link or an email address.
fn is_link_or_address(token: &str) -> bool {
    token.contains("://")
        || token.starts_with("www.")
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
    fn function_words_and_links_are_not_features() {
        assert_eq!(
            features("Is it in my account? See https://x.example/a"),
            ["account", "see", "my account", "account see"]
        );
    }
}
