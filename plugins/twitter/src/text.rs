//! Tweet and DM text as X delivers it → plain text.
//!
//! X HTML-escapes `&`, `<` and `>` in `text` (and writes `&quot;` / `&#39;`
//! in some older payloads), and wraps every link in a `t.co` short link whose
//! real target is in `entities.urls[].expanded_url`. Media links
//! (`pic.twitter.com/…`) point at attachments the message already lists.

/// What to do with one `t.co` link found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The short link as it appears in the text (`https://t.co/abc`).
    pub url: String,
    /// Its replacement: the expanded URL, or `None` to remove it (media links).
    pub replacement: Option<String>,
}

impl Link {
    /// A link to expand; without an `expanded_url` it stays as it is.
    pub fn expand(url: Option<&str>, expanded: Option<&str>) -> Option<Self> {
        let url = url.filter(|u| is_link(u))?;
        Some(Self {
            url: url.to_owned(),
            replacement: Some(
                expanded
                    .filter(|e| !e.trim().is_empty())
                    .unwrap_or(url)
                    .to_owned(),
            ),
        })
    }

    /// A media link to remove from the text.
    pub fn remove(url: Option<&str>) -> Option<Self> {
        let url = url.filter(|u| is_link(u))?;
        Some(Self {
            url: url.to_owned(),
            replacement: None,
        })
    }
}

/// Only `http…` links are matched: an empty or odd `url` must never match.
fn is_link(url: &str) -> bool {
    url.starts_with("http://") || url.starts_with("https://")
}

/// Unescapes the text, then expands or removes its links, then trims it.
pub fn clean(raw: &str, links: &[Link]) -> String {
    expand_links(&unescape_html(raw), links).trim().to_owned()
}

/// Decodes the HTML entities X writes into text, in one pass (so `&amp;lt;`
/// becomes `&lt;`, not `<`). Unknown entities are kept as written.
pub fn unescape_html(text: &str) -> String {
    const ENTITIES: &[(&str, char)] = &[
        ("&amp;", '&'),
        ("&lt;", '<'),
        ("&gt;", '>'),
        ("&quot;", '"'),
        ("&#39;", '\''),
        ("&#x27;", '\''),
        ("&apos;", '\''),
    ];
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        match ENTITIES.iter().find(|(name, _)| tail.starts_with(name)) {
            Some((name, ch)) => {
                out.push(*ch);
                rest = &tail[name.len()..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Replaces every short link in one left-to-right pass, so an expanded URL
/// that itself contains a short link is never rewritten again. A removed
/// link takes one neighbouring space with it.
pub fn expand_links(text: &str, links: &[Link]) -> String {
    if links.is_empty() {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("http") {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let found = links
            .iter()
            .filter(|l| tail.starts_with(&l.url))
            .max_by_key(|l| l.url.len());
        match found {
            Some(link) => {
                rest = &tail[link.url.len()..];
                match &link.replacement {
                    Some(expanded) => out.push_str(expanded),
                    None if out.ends_with(' ') && rest.starts_with(' ') => {
                        out.pop();
                    }
                    None => {}
                }
            }
            None => {
                out.push_str("http");
                rest = &tail["http".len()..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The text without its links, for triage: expanded URLs carry Tweet ids and
/// other long numbers that read as phone or card numbers.
pub fn without_links(text: &str) -> String {
    text.split_whitespace()
        .filter(|word| {
            let lower = word.to_ascii_lowercase();
            !(lower.starts_with("http://") || lower.starts_with("https://"))
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// X's `lang` as a BCP-47 hint: `und` (undetermined), `zxx` (no linguistic
/// content) and X's own `q…` codes (`qme` media only, `qht` hashtags only,
/// `qam` mentions only, `qct` cashtags only, `qst` very short) say nothing
/// about the language, so they become `None`.
pub fn language(lang: Option<&str>) -> Option<String> {
    let lang = lang?.trim();
    let meaningless = lang.is_empty()
        || lang.eq_ignore_ascii_case("und")
        || lang.eq_ignore_ascii_case("zxx")
        || (lang.len() == 3 && lang.starts_with('q'));
    (!meaningless).then(|| lang.to_owned())
}

/// The file name at the end of a media URL (`…/DAnifgeWAAAHTea.jpg` →
/// `DAnifgeWAAAHTea.jpg`). A `format=png` query parameter supplies the
/// extension when the path has none (`…/8hToyQjC?format=png&name=orig`).
pub fn file_name(url: &str) -> Option<String> {
    let (path, query) = url.split_once('?').unwrap_or((url, ""));
    let path = path.split('#').next().unwrap_or(path);
    let name = path.rsplit('/').next().filter(|n| !n.is_empty())?;
    if name.contains('.') {
        return Some(name.to_owned());
    }
    let format = query
        .split('&')
        .find_map(|pair| pair.strip_prefix("format="))
        .filter(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_alphanumeric()));
    Some(match format {
        Some(format) => format!("{name}.{format}"),
        None => name.to_owned(),
    })
}

/// MIME type of an image from its file name's extension (X serves JPEG by default).
pub fn image_type(name: &str) -> &'static str {
    let extension = name.rsplit_once('.').map_or("", |(_, e)| e);
    match extension.to_ascii_lowercase().as_str() {
        "png" => "image/png",
        "gif" => "image/gif",
        "webp" => "image/webp",
        _ => "image/jpeg",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_are_unescaped_once() {
        assert_eq!(
            unescape_html("G) 140 chars &amp; replies &lt;3 &gt; &quot;q&quot; it&#39;s"),
            "G) 140 chars & replies <3 > \"q\" it's"
        );
        assert_eq!(unescape_html("&amp;lt; stays &lt;"), "&lt; stays <");
        assert_eq!(unescape_html("AT&T & co &bogus;"), "AT&T & co &bogus;");
        assert_eq!(unescape_html("trailing &"), "trailing &");
    }

    #[test]
    fn short_links_are_expanded_and_media_links_removed() {
        let links = [
            Link::expand(
                Some("https://t.co/ZWLglcp74z"),
                Some("https://smittenkitchen.com/2009/12/sauce/"),
            ),
            Link::remove(Some("https://t.co/eAQvI8SV57")),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>();
        assert_eq!(
            clean(
                "sauce https://t.co/ZWLglcp74z &amp; pic https://t.co/eAQvI8SV57",
                &links
            ),
            "sauce https://smittenkitchen.com/2009/12/sauce/ & pic"
        );
        assert_eq!(
            expand_links("a https://t.co/eAQvI8SV57 b", &links),
            "a b",
            "a removed link takes one space with it"
        );
        assert_eq!(
            expand_links("http://other https://t.co/unknown", &links),
            "http://other https://t.co/unknown"
        );
    }

    #[test]
    fn an_expansion_is_never_expanded_again() {
        let links = [
            Link::expand(Some("https://t.co/a"), Some("https://t.co/b")),
            Link::expand(Some("https://t.co/b"), Some("https://example.com")),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>();
        assert_eq!(
            expand_links("https://t.co/a https://t.co/b", &links),
            "https://t.co/b https://example.com"
        );
    }

    #[test]
    fn odd_links_are_not_used() {
        assert_eq!(Link::expand(Some(""), Some("https://x.y")), None);
        assert_eq!(Link::expand(None, Some("https://x.y")), None);
        assert_eq!(Link::remove(Some("t.co/abc")), None);
        let kept = Link::expand(Some("https://t.co/a"), Some(" ")).expect("link");
        assert_eq!(kept.replacement.as_deref(), Some("https://t.co/a"));
    }

    #[test]
    fn links_are_left_out_for_triage() {
        assert_eq!(
            without_links(
                "Fury https://twitter.com/u/status/1377640162566496258\nso  HTTP://x.y bad"
            ),
            "Fury so bad"
        );
    }

    #[test]
    fn meaningless_languages_are_dropped() {
        assert_eq!(language(Some("en")).as_deref(), Some("en"));
        assert_eq!(language(Some("pt-BR")).as_deref(), Some("pt-BR"));
        for none in ["und", "zxx", "qme", "qht", "qam", "", " "] {
            assert_eq!(language(Some(none)), None, "{none:?}");
        }
        assert_eq!(language(None), None);
    }

    #[test]
    fn media_file_names_and_types() {
        assert_eq!(
            file_name("https://pbs.twimg.com/tweet_video_thumb/DAnifgeWAAAHTea.jpg").as_deref(),
            Some("DAnifgeWAAAHTea.jpg")
        );
        assert_eq!(
            file_name("https://pbs.twimg.com/news_img/1/8hToyQjC?format=png&name=orig").as_deref(),
            Some("8hToyQjC.png")
        );
        assert_eq!(file_name("https://pbs.twimg.com/"), None);
        assert_eq!(image_type("a.PNG"), "image/png");
        assert_eq!(image_type("a.jpg"), "image/jpeg");
        assert_eq!(image_type("noext"), "image/jpeg");
    }
}
