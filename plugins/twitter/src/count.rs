//! Counting characters the way X does (twitter-text v3 "weighted length"),
//! and fitting a reply into 280 of them.
//!
//! X's rules (twitter-text `config/v3.json`):
//! - code points in U+0000–U+10FF, U+2000–U+200D, U+2010–U+201F and
//!   U+2032–U+2037 count 1; every other code point counts 2 (CJK, most
//!   symbols, `…`);
//! - every URL counts 23, whatever its length (X wraps it in a t.co link);
//! - every emoji counts 2, however many code points it has (skin tones,
//!   ZWJ families, flags, keycaps).
//!
//! Differences from twitter-text, all on the safe side (they can only make
//! a text count *longer* than X would): bare domains are recognised by a
//! short list of generic TLDs plus any two-letter country code, and text is
//! not NFC-normalised first.

/// X's limit for one public post, in weighted characters.
pub const MAX_TWEET_LENGTH: usize = 280;

/// What any URL counts, however long.
pub const URL_LENGTH: usize = 23;

/// Generic TLDs recognised for links written without `http(s)://`
/// (two-letter country codes are recognised without a list).
const GENERIC_TLDS: &[&str] = &[
    "com",
    "net",
    "org",
    "edu",
    "gov",
    "mil",
    "int",
    "info",
    "biz",
    "name",
    "pro",
    "aero",
    "coop",
    "museum",
    "mobi",
    "asia",
    "tel",
    "travel",
    "jobs",
    "app",
    "dev",
    "shop",
    "store",
    "online",
    "site",
    "tech",
    "blog",
    "cloud",
    "news",
    "xyz",
    "top",
    "club",
    "live",
    "life",
    "world",
    "today",
    "help",
    "support",
    "email",
    "link",
    "page",
    "website",
    "space",
    "art",
    "design",
    "agency",
    "studio",
    "media",
    "digital",
    "network",
    "group",
    "company",
    "solutions",
    "services",
    "center",
    "systems",
    "zone",
    "global",
    "social",
    "inc",
    "llc",
    "ltd",
    "bank",
    "care",
];

/// Length of `text` as X counts it (twitter-text v3 weighting).
pub fn x_length(text: &str) -> usize {
    let chars: Vec<char> = text.chars().collect();
    let mut length = 0;
    let mut i = 0;
    while i < chars.len() {
        let token_start = i == 0 || chars[i - 1].is_whitespace();
        if token_start && let Some((before, url_len)) = url_in_token(&chars[i..]) {
            length += chars[i..i + before]
                .iter()
                .map(|&c| weight(c))
                .sum::<usize>();
            length += URL_LENGTH;
            i += before + url_len;
            continue;
        }
        match emoji_len(&chars[i..]) {
            Some(n) => {
                length += 2;
                i += n;
            }
            None => {
                length += weight(chars[i]);
                i += 1;
            }
        }
    }
    length
}

/// The weight of one code point that is neither in a URL nor an emoji.
fn weight(c: char) -> usize {
    match u32::from(c) {
        0x0000..=0x10FF | 0x2000..=0x200D | 0x2010..=0x201F | 0x2032..=0x2037 => 1,
        _ => 2,
    }
}

/// Finds a URL in the whitespace-delimited token at the start of `chars`:
/// returns how many characters precede it and how long it is. Trailing
/// punctuation (`.`, `,`, `)`, …) is not part of a URL.
fn url_in_token(chars: &[char]) -> Option<(usize, usize)> {
    let token_len = chars
        .iter()
        .position(|c| c.is_whitespace())
        .unwrap_or(chars.len());
    let token: String = chars[..token_len].iter().collect();
    let lower = token.to_ascii_lowercase();
    let (start_byte, with_scheme) = match lower.find("https://").or_else(|| lower.find("http://")) {
        Some(at) => (at, true),
        None => (
            token.len()
                - token
                    .trim_start_matches(['(', '[', '{', '"', '\'', '<'])
                    .len(),
            false,
        ),
    };
    let preceding = token[..start_byte].chars().next_back();
    if preceding.is_some_and(|c| c.is_alphanumeric() || matches!(c, '@' | '$' | '#')) {
        return None;
    }
    let candidate = token[start_byte..]
        .trim_end_matches(['.', ',', ';', ':', '!', '?', '\'', '"', ')', ']', '}', '>']);
    let is_url = if with_scheme {
        let rest = candidate.split_once("://").map_or("", |(_, rest)| rest);
        host(rest).is_some_and(|h| h.contains('.'))
    } else {
        host(candidate).is_some_and(is_bare_domain)
    };
    is_url.then(|| {
        (
            token[..start_byte].chars().count(),
            candidate.chars().count(),
        )
    })
}

/// The host part of `scheme-less` URL text (up to `/`, `?`, `#` or `:`).
fn host(rest: &str) -> Option<&str> {
    let host = rest.split(['/', '?', '#', ':']).next()?;
    (!host.is_empty()).then_some(host)
}

/// `acme.com`, `www.acme.co.uk`: labels of letters, digits and `-`, ending
/// in a known generic TLD or a two-letter country code.
fn is_bare_domain(host: &str) -> bool {
    let labels: Vec<&str> = host.split('.').collect();
    let well_formed = labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.chars()
                    .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
        });
    let tld = labels
        .last()
        .map(|t| t.to_ascii_lowercase())
        .unwrap_or_default();
    well_formed
        && ((tld.len() == 2 && tld.bytes().all(|b| b.is_ascii_lowercase()))
            || GENERIC_TLDS.contains(&tld.as_str()))
}

/// How many code points the emoji starting at `chars[0]` spans, if one does.
fn emoji_len(chars: &[char]) -> Option<usize> {
    let first = *chars.first()?;
    let next = chars.get(1).copied();
    if is_regional_indicator(first) {
        return Some(if next.is_some_and(is_regional_indicator) {
            2
        } else {
            1
        });
    }
    if first.is_ascii_digit() || first == '#' || first == '*' {
        // Keycaps: `1️⃣` (digit, VS16, U+20E3) or `1⃣`.
        return match (next, chars.get(2).copied()) {
            (Some('\u{FE0F}'), Some('\u{20E3}')) => Some(3),
            (Some('\u{20E3}'), _) => Some(2),
            _ => None,
        };
    }
    if matches!(first, '\u{A9}' | '\u{AE}') {
        return (next == Some('\u{FE0F}')).then_some(2);
    }
    if !is_pictographic(first) {
        return None;
    }
    let mut n = 1;
    while let Some(&c) = chars.get(n) {
        let joined = c == '\u{200D}' && chars.get(n + 1).is_some_and(|&c| is_pictographic(c));
        if joined {
            n += 2;
        } else if is_emoji_modifier(c) {
            n += 1;
        } else {
            break;
        }
    }
    Some(n)
}

/// Code points that start an emoji (Unicode `Extended_Pictographic`, coarsely).
fn is_pictographic(c: char) -> bool {
    matches!(
        u32::from(c),
        0x1F000..=0x1FAFF
            | 0x2600..=0x27BF
            | 0x2300..=0x23FF
            | 0x2B00..=0x2BFF
            | 0x2190..=0x21FF
            | 0x25A0..=0x25FF
            | 0x2934..=0x2935
            | 0x203C
            | 0x2049
            | 0x2122
            | 0x2139
            | 0x24C2
            | 0x3030
            | 0x303D
            | 0x3297
            | 0x3299
    )
}

/// Code points that modify the emoji before them: VS16, skin tones, tags,
/// the keycap mark.
fn is_emoji_modifier(c: char) -> bool {
    matches!(
        u32::from(c),
        0xFE0F | 0x1F3FB..=0x1F3FF | 0xE0020..=0xE007F | 0x20E3
    )
}

fn is_regional_indicator(c: char) -> bool {
    matches!(u32::from(c), 0x1F1E6..=0x1F1FF)
}

/// Cuts `text` so that X counts at most `limit`, keeping `prefix` (the
/// `@handle ` a reply must start with) first. Prefers the last sentence end
/// that fits (`.`, `!`, `?` before a space; `。`, `！`, `？`), then the last
/// word boundary (with `…`), then a hard cut.
pub fn fit(text: &str, prefix: &str, limit: usize) -> String {
    if x_length(text) <= limit {
        return text.to_owned();
    }
    let (prefix, body) = match text.strip_prefix(prefix) {
        Some(body) => (prefix, body),
        None => ("", text),
    };
    let fits = |candidate: &str| x_length(&format!("{prefix}{candidate}")) <= limit;
    let boundaries: Vec<(usize, char)> = body.char_indices().collect();
    let sentence_ends = boundaries.iter().rev().filter_map(|&(at, c)| {
        let end = at + c.len_utf8();
        let closes = matches!(c, '。' | '！' | '？')
            || (matches!(c, '.' | '!' | '?')
                && body[end..].chars().next().is_none_or(char::is_whitespace));
        closes.then(|| body[..end].to_owned())
    });
    let word_ends = boundaries.iter().rev().filter_map(|&(at, c)| {
        let word = body[..at].trim_end();
        (c.is_whitespace() && !word.is_empty()).then(|| format!("{word}…"))
    });
    let hard_cuts = boundaries
        .iter()
        .rev()
        .map(|&(at, _)| format!("{}…", &body[..at]));
    let body = sentence_ends
        .chain(word_ends)
        .chain(hard_cuts)
        .find(|candidate| fits(candidate))
        .unwrap_or_default();
    format!("{prefix}{body}").trim_end().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_latin_counts_one_per_character() {
        assert_eq!(x_length(""), 0);
        assert_eq!(x_length("hello world"), 11);
        assert_eq!(x_length("café — “quoted” ‘x’ ′"), 21);
        assert_eq!(x_length(&"a".repeat(280)), 280);
        assert_eq!(x_length("e.g. i.e. U.S. 3.5"), 18);
        assert_eq!(
            x_length("node.js"),
            23,
            "any two-letter TLD is taken for a country code: counting long is safe"
        );
    }

    #[test]
    fn cjk_and_other_symbols_count_two() {
        assert_eq!(x_length("你好"), 4);
        assert_eq!(x_length("こんにちは世界"), 14);
        assert_eq!(x_length("한국어"), 6);
        assert_eq!(
            x_length("wait…"),
            6,
            "U+2026 is outside the 1-weight ranges"
        );
        assert_eq!(x_length(&"你".repeat(140)), 280);
    }

    #[test]
    fn emoji_count_two_whatever_their_code_points() {
        assert_eq!(x_length("👍"), 2);
        assert_eq!(x_length("👍🏽"), 2, "skin tone");
        assert_eq!(x_length("👨\u{200D}👩\u{200D}👧"), 2, "ZWJ family");
        assert_eq!(x_length("🇺🇸"), 2, "flag");
        assert_eq!(x_length("☕\u{FE0F}"), 2, "VS16");
        assert_eq!(x_length("1\u{FE0F}\u{20E3}"), 2, "keycap");
        assert_eq!(x_length("🕷\u{FE0F}🦗"), 4);
        assert_eq!(x_length("thanks 🙏"), 9);
        assert_eq!(x_length("©"), 1, "text-style © is a Latin-1 character");
    }

    #[test]
    fn every_url_counts_23() {
        assert_eq!(x_length("https://a.co"), 23);
        assert_eq!(
            x_length("https://example.com/a/very/long/path?with=query&and=more#fragment"),
            23
        );
        assert_eq!(x_length("see https://acme.com/help."), 4 + 23 + 1);
        assert_eq!(x_length("(https://acme.com/help)"), 1 + 23 + 1);
        assert_eq!(
            x_length("visit acme.com or www.acme.co.uk"),
            6 + 23 + 4 + 23
        );
        assert_eq!(x_length("link:https://acme.com"), 5 + 23);
        assert_eq!(x_length("me@acme.com"), 11, "an email address is not a URL");
        assert_eq!(x_length("x$https://acme.com"), 18, "not after $");
        assert_eq!(x_length("https://localhost"), 17, "no domain");
        assert_eq!(x_length("HTTPS://ACME.COM"), 23);
    }

    #[test]
    fn fit_keeps_short_texts() {
        assert_eq!(fit("@jo hi.", "@jo ", 280), "@jo hi.");
    }

    #[test]
    fn fit_cuts_at_sentences_then_words_and_keeps_the_prefix() {
        let text = format!("@jo One sentence. Two {}", "你好".repeat(200));
        assert_eq!(fit(&text, "@jo ", 280), "@jo One sentence.");
        let cjk = format!("@jo One sentence. {}", "你好。".repeat(100));
        assert_eq!(
            fit(&cjk, "@jo ", 280),
            format!("@jo One sentence. {}", "你好。".repeat(43)),
            "。 ends a sentence too"
        );
        let words = format!("@jo {}", "word ".repeat(100));
        let fitted = fit(&words, "@jo ", 40);
        assert!(fitted.starts_with("@jo word"), "{fitted}");
        assert!(fitted.ends_with("word…"), "{fitted}");
        assert!(x_length(&fitted) <= 40, "{fitted}");
        let solid = format!("@jo {}", "你".repeat(300));
        let fitted = fit(&solid, "@jo ", 280);
        assert!(fitted.starts_with("@jo 你"));
        assert!(x_length(&fitted) <= 280);
        assert!(x_length(&fitted) >= 276, "a hard cut uses the room");
    }

    #[test]
    fn fit_counts_urls_as_x_does() {
        let url = format!("https://acme.com/{}", "p".repeat(300));
        let text = format!("@jo Details: {url} thanks.");
        assert_eq!(x_length(&text), 4 + 9 + 23 + 8);
        assert_eq!(fit(&text, "@jo ", 280), text);
    }
}
