//! Which language a reply is written in — one rule for the SDK's composer
//! and the host.

/// The language of a reply: the customer's (as triage detected it) when the
/// brand answers in it and `supported` has it; else the brand's first
/// language when supported; else `en`. Tags compare by their primary subtag
/// (`de-DE` is `de`). Also says whether the choice is the brand's first
/// language (its own canned texts are written in that one).
pub fn reply_language<'s>(
    brand_languages: &[String],
    detected: Option<&str>,
    supported: &[&'s str],
) -> (&'s str, bool) {
    let brand: Vec<String> = brand_languages.iter().map(|l| primary_subtag(l)).collect();
    let first = brand.first().cloned().unwrap_or_else(|| "en".to_owned());
    let find = |tag: &str| supported.iter().copied().find(|l| *l == tag);
    if let Some(detected) = detected.map(primary_subtag)
        && brand.contains(&detected)
        && let Some(language) = find(&detected)
    {
        return (language, detected == first);
    }
    (find(&first).unwrap_or("en"), true)
}

/// The primary subtag of a language tag, lowercase: `en-GB` → `en`,
/// `ES_mx` → `es`. Tags compare by it.
pub fn primary_subtag(tag: &str) -> String {
    tag.split(['-', '_'])
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SUPPORTED: &[&str] = &["en", "es", "fr", "de"];

    #[test]
    fn the_customers_language_when_the_brand_speaks_it() {
        let brand = vec!["en".to_owned(), "de-DE".to_owned()];
        assert_eq!(reply_language(&brand, Some("de"), SUPPORTED), ("de", false));
        assert_eq!(reply_language(&brand, Some("fr"), SUPPORTED), ("en", true));
        assert_eq!(reply_language(&brand, None, SUPPORTED), ("en", true));
        let spanish_first = vec!["es".to_owned()];
        assert_eq!(
            reply_language(&spanish_first, Some("es-MX"), SUPPORTED),
            ("es", true)
        );
        assert_eq!(
            reply_language(&["ja".to_owned()], None, SUPPORTED),
            ("en", true)
        );
    }
}
