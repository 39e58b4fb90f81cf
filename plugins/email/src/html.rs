//! HTML → readable plain text, for mail that has no `text/plain` part.
//!
//! A single linear pass: block elements become line breaks, list items
//! dashes, `<blockquote>` content is prefixed with `> ` (so quoted history is
//! stripped like plain-text quotes), `<head>` content, `<style>`, `<script>`
//! and comments are dropped, entities are decoded and white space is
//! collapsed. Links keep their text; a short `http(s)` target that differs
//! from the text follows it in angle brackets.

use mail_parser::decoders::html::add_html_token;

/// Elements whose content is not text.
const SKIPPED: &[&str] = &["style", "script", "title", "template", "noscript", "svg"];

/// Elements that start and end a paragraph (a blank line around them).
const PARAGRAPHS: &[&str] = &[
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "dl", "pre", "hr",
];

/// Elements that start and end a line.
const LINES: &[&str] = &[
    "div", "tr", "li", "dd", "dt", "section", "article", "header", "footer", "center", "address",
    "form", "fieldset", "figure", "main", "nav", "aside", "caption", "tbody", "thead", "tfoot",
];

/// Longest link target shown after a link's text.
const MAX_SHOWN_URL: usize = 200;

/// Converts an HTML document or fragment to plain text.
pub fn to_text(html: &str) -> String {
    let mut writer = Writer::default();
    let bytes = html.as_bytes();
    let mut pos = 0;
    while pos < bytes.len() {
        let next_tag = bytes[pos..]
            .iter()
            .position(|&b| b == b'<')
            .map_or(bytes.len(), |offset| pos + offset);
        if next_tag > pos {
            writer.text(&html[pos..next_tag]);
        }
        if next_tag >= bytes.len() {
            break;
        }
        pos = markup(html, next_tag, &mut writer);
    }
    writer.finish()
}

/// Longest element name recognised; longer names are ignored.
const MAX_NAME: usize = 16;

/// Handles the markup starting with `<` at `start`; returns where text
/// resumes.
fn markup(html: &str, start: usize, writer: &mut Writer) -> usize {
    let bytes = html.as_bytes();
    let rest = &bytes[start..];
    if rest.starts_with(b"<!--") {
        return find(bytes, start + 4, b"-->").map_or(bytes.len(), |end| end + 3);
    }
    if rest.starts_with(b"<!") || rest.starts_with(b"<?") {
        return find(bytes, start, b">").map_or(bytes.len(), |end| end + 1);
    }
    let closing = rest.get(1) == Some(&b'/');
    let name_start = start + 1 + usize::from(closing);
    let name_len = bytes[name_start..]
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || **b == b':' || **b == b'-')
        .count();
    if name_len == 0 {
        writer.text("<");
        return start + 1;
    }
    let end = tag_end(bytes, name_start + name_len);
    let attributes = &html[name_start + name_len..end.min(bytes.len())];
    let resume = (end + 1).min(bytes.len());
    // Lower-case the name in a stack buffer: no allocation per tag.
    let mut buffer = [0u8; MAX_NAME + 2];
    if name_len > MAX_NAME {
        return resume;
    }
    buffer[..2].copy_from_slice(b"</");
    for (slot, b) in buffer[2..]
        .iter_mut()
        .zip(&bytes[name_start..name_start + name_len])
    {
        *slot = b.to_ascii_lowercase();
    }
    let close_tag = &buffer[..2 + name_len];
    let name = std::str::from_utf8(&close_tag[2..]).unwrap_or("");
    let skipped = SKIPPED.iter().position(|s| *s == name);
    if let Some(index) = skipped.filter(|_| !closing && !attributes.ends_with('/')) {
        // A search that found no closing tag is not repeated: none follows
        // later either, and repeating it would make the pass quadratic.
        let bit = 1u8 << index;
        if writer.unclosed & bit == 0 {
            match find_ignore_case(bytes, resume, close_tag) {
                Some(close_at) => {
                    return find(bytes, close_at, b">").map_or(bytes.len(), |gt| gt + 1);
                }
                None => writer.unclosed |= bit,
            }
        }
    }
    writer.element(name, closing, attributes);
    resume
}

/// Position of the `>` closing a tag whose attributes start at `from`,
/// ignoring `>` inside quoted attribute values; `bytes.len()` when missing.
fn tag_end(bytes: &[u8], from: usize) -> usize {
    let mut quote: Option<u8> = None;
    for (offset, &b) in bytes[from..].iter().enumerate() {
        match (quote, b) {
            (Some(q), _) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b),
            (None, b'>') => return from + offset,
            (None, _) => {}
        }
    }
    bytes.len()
}

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|offset| from + offset)
}

fn find_ignore_case(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map(|offset| from + offset)
}

/// The value of attribute `name` in a tag's attribute text.
fn attribute<'a>(attributes: &'a str, name: &str) -> Option<&'a str> {
    let bytes = attributes.as_bytes();
    let key = name.as_bytes();
    let mut from = 0;
    while let Some(found) = bytes
        .get(from..)?
        .windows(key.len())
        .position(|w| w.eq_ignore_ascii_case(key))
    {
        let at = from + found;
        from = at + key.len();
        let before_ok = at == 0 || bytes[at - 1].is_ascii_whitespace();
        let rest = attributes[from..].trim_start();
        if !before_ok || !rest.starts_with('=') {
            continue;
        }
        let value = rest[1..].trim_start();
        return Some(match value.chars().next() {
            Some(q @ ('"' | '\'')) => value[1..].split(q).next().unwrap_or(""),
            _ => value
                .split(|c: char| c.is_whitespace() || c == '>')
                .next()
                .unwrap_or(""),
        });
    }
    None
}

/// Accumulates text with collapsed white space, pending line breaks and
/// the current blockquote depth.
#[derive(Debug, Default)]
struct Writer {
    out: String,
    /// Line breaks owed before the next text (at most 2).
    breaks: usize,
    /// A space is owed before the next text on this line.
    space: bool,
    /// Nothing has been written on the current line yet.
    line_empty: bool,
    quote_depth: usize,
    pre_depth: usize,
    /// The open link: its target and where its text starts in `out`.
    link: Option<(String, usize)>,
    /// Bit `i` set: no closing tag of `SKIPPED[i]` follows.
    unclosed: u8,
}

impl Writer {
    fn element(&mut self, name: &str, closing: bool, attributes: &str) {
        match name {
            "br" => self.breaks = (self.breaks + 1).min(2),
            "blockquote" => {
                self.paragraph();
                self.quote_depth = if closing {
                    self.quote_depth.saturating_sub(1)
                } else {
                    self.quote_depth + 1
                };
            }
            "li" if !closing => {
                self.line();
                self.push_str("- ");
            }
            "td" | "th" if !closing => self.space = true,
            "pre" => {
                self.paragraph();
                self.pre_depth = if closing {
                    self.pre_depth.saturating_sub(1)
                } else {
                    self.pre_depth + 1
                };
            }
            "a" if !closing => {
                let href = attribute(attributes, "href").unwrap_or("").trim();
                let href = if href.contains('&') {
                    decode_entities(href)
                } else {
                    href.to_owned()
                };
                self.link = Some((href, self.out.len()));
            }
            "a" => self.close_link(),
            _ if PARAGRAPHS.contains(&name) => self.paragraph(),
            _ if LINES.contains(&name) => self.line(),
            _ => {}
        }
    }

    fn close_link(&mut self) {
        let Some((href, start)) = self.link.take() else {
            return;
        };
        let shown = self.out.get(start..).unwrap_or("").trim();
        let web = href.starts_with("http://") || href.starts_with("https://");
        if web && !shown.is_empty() && shown != href && href.len() <= MAX_SHOWN_URL {
            self.space = true;
            self.push_str(&format!("<{href}>"));
        }
    }

    fn paragraph(&mut self) {
        if !self.out.is_empty() {
            self.breaks = 2;
        }
    }

    fn line(&mut self) {
        if !self.out.is_empty() {
            self.breaks = self.breaks.max(1);
        }
    }

    /// Writes text content: entities decoded, white space (and no-break
    /// spaces) collapsed.
    fn text(&mut self, raw: &str) {
        let decoded;
        let text = if raw.contains('&') {
            decoded = decode_entities(raw);
            decoded.as_str()
        } else {
            raw
        };
        let bytes = text.as_bytes();
        let mut word_start: Option<usize> = None;
        let mut i = 0;
        while i < bytes.len() {
            let blank = match bytes[i] {
                b' ' | b'\t' | b'\r' | b'\x0c' => 1,
                b'\n' => 1,
                0xC2 if bytes.get(i + 1) == Some(&0xA0) => 2,
                _ => 0,
            };
            if blank == 0 {
                word_start.get_or_insert(i);
                i += 1;
                continue;
            }
            if let Some(start) = word_start.take() {
                self.push_str(&text[start..i]);
            }
            if bytes[i] == b'\n' && self.pre_depth > 0 {
                self.breaks = (self.breaks + 1).min(2);
            } else {
                self.space = true;
            }
            i += blank;
        }
        if let Some(start) = word_start {
            self.push_str(&text[start..]);
        }
    }

    /// Writes a word, settling owed line breaks and spaces first.
    fn push_str(&mut self, word: &str) {
        if self.out.is_empty() {
            self.line_empty = true;
            self.breaks = 0;
        }
        if self.breaks > 0 {
            for _ in 0..self.breaks {
                self.out.push('\n');
            }
            self.breaks = 0;
            self.line_empty = true;
        }
        if self.line_empty {
            for _ in 0..self.quote_depth {
                self.out.push_str("> ");
            }
            self.line_empty = false;
        } else if self.space {
            self.out.push(' ');
        }
        self.space = false;
        self.out.push_str(word);
    }

    fn finish(self) -> String {
        self.out
    }
}

/// Decodes `&name;`, `&#NNN;` and `&#xHHH;` entities; anything else that
/// starts with `&` stays as written.
pub fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let len = after
            .bytes()
            .take(32)
            .take_while(|b| b.is_ascii_alphanumeric() || *b == b'#')
            .count();
        if len > 0 && after.as_bytes().get(len) == Some(&b';') {
            let entity = &rest[amp..amp + len + 2];
            let before = out.len();
            add_html_token(&mut out, entity.as_bytes(), false);
            if out[before..]
                .chars()
                .any(|c| c.is_control() && c != '\n' && c != '\t')
            {
                out.truncate(before);
            }
            rest = &after[len + 1..];
        } else {
            out.push('&');
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_become_lines_and_markup_goes() {
        let html = "<html><head><title>T</title><style>p{color:red}</style></head>\
                    <body><p>Hello&nbsp;there,</p><div>second&amp;line</div>\
                    <ul><li>one</li><li>two</li></ul><!-- hidden --><script>x<y</script></body></html>";
        assert_eq!(to_text(html), "Hello there,\n\nsecond&line\n\n- one\n- two");
    }

    #[test]
    fn blockquotes_are_marked_as_quotes() {
        let html =
            "Thanks!<br><div>On Mon, Bob wrote:<br><blockquote>Hi<br>there</blockquote></div>";
        assert_eq!(
            to_text(html),
            "Thanks!\nOn Mon, Bob wrote:\n\n> Hi\n> there"
        );
    }

    #[test]
    fn links_keep_their_text_and_short_targets() {
        assert_eq!(
            to_text(r#"See <a href="https://x.example/a?b=1&amp;c=2">the docs</a>."#),
            "See the docs <https://x.example/a?b=1&c=2>."
        );
        assert_eq!(
            to_text(r#"<a href="https://x.example">https://x.example</a>"#),
            "https://x.example"
        );
        assert_eq!(
            to_text(r#"<a title="a > b" href='mailto:x@y'>mail us</a>"#),
            "mail us"
        );
    }

    #[test]
    fn entities_decode_and_unknown_ones_stay() {
        assert_eq!(
            decode_entities("&lt;b&gt; &#233;&#x20AC; &bogus; AT&T"),
            "<b> é€ &bogus; AT&T"
        );
        assert_eq!(decode_entities("&#0;x"), "x");
    }

    #[test]
    fn stray_angle_brackets_and_unclosed_tags_do_not_panic() {
        assert_eq!(to_text("1 < 2 and 3 > 2"), "1 < 2 and 3 > 2");
        assert_eq!(to_text("text <b"), "text");
        assert_eq!(to_text("<style>never closed"), "never closed");
        assert_eq!(to_text("<p>é<"), "é<");
        assert_eq!(to_text("<script>a<script>b"), "ab");
    }
}
