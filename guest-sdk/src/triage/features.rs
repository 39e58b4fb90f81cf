//! The intent model's features, shared by the trainer (`build.rs`, which
//! includes this file) and the classifier, so both tokenize alike.

/// Lower-cased words (runs of alphanumeric characters), then unigrams
/// followed by space-joined bigrams. Links and addresses are left out: their
/// pieces (`www`, `com`, `http`) say nothing about what a customer wants,
/// and a customer pasting a link is not a spammer.
pub fn features(text: &str) -> Vec<String> {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split_whitespace()
        .filter(|token| !is_link_or_address(token))
        .flat_map(|token| token.split(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .collect();
    let mut out: Vec<String> = words.iter().map(|w| (*w).to_owned()).collect();
    out.extend(
        words
            .windows(2)
            .map(|pair| format!("{} {}", pair[0], pair[1])),
    );
    out
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
