//! The decoded text of a message's body.
//!
//! mail-parser lists the body parts a reader would see: in a
//! `multipart/alternative` the `text/plain` part (the HTML one only when
//! there is no plain text), plus every inline text part of a
//! `multipart/mixed`. Charsets are decoded by mail-parser; HTML is converted
//! here ([`crate::html`]). Attachments, nested messages (a bounce's returned
//! mail, a forwarded `.eml`) and binary parts never contribute text.

use std::borrow::Cow;

use mail_parser::decoders::base64::base64_decode;
use mail_parser::decoders::charsets::map::charset_decoder;
use mail_parser::decoders::quoted_printable::quoted_printable_decode;
use mail_parser::{Encoding, Message as Mail, MessagePart, MimeHeaders, PartType};

use crate::header::truncate_bytes;
use crate::html;

/// Largest text kept, in bytes (256 KiB). The host rejects texts over 1 MiB.
pub const MAX_TEXT_BYTES: usize = 256 * 1024;

/// Largest HTML converted, in bytes: HTML is verbose, so 1 MiB of it
/// rarely yields more than [`MAX_TEXT_BYTES`] of text.
pub const MAX_HTML_BYTES: usize = 1024 * 1024;

/// Raw text kept beyond [`MAX_TEXT_BYTES`] before normalising it.
const SLACK_BYTES: usize = 16 * 1024;

/// The body text of a message.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Body {
    /// Normalised text: `\n` line ends, no trailing white space, at most one
    /// blank line in a row, no control characters.
    pub text: String,
    /// Some of the text came from an HTML part.
    pub from_html: bool,
    /// The text (or the HTML it came from) was cut to fit the limits.
    pub truncated: bool,
}

/// Extracts the readable body text of `mail`.
pub fn extract(mail: &Mail<'_>) -> Body {
    let mut body = Body::default();
    let mut joined = String::new();
    for &id in &mail.text_body {
        let Some(part) = mail.parts.get(id as usize) else {
            continue;
        };
        let Some((decoded, is_html)) = decoded(&mail.raw_message, part) else {
            continue;
        };
        let converted;
        let piece = if is_html {
            let (markup, cut) = truncate_bytes(&decoded, MAX_HTML_BYTES);
            body.truncated |= cut;
            body.from_html = true;
            converted = html::to_text(markup);
            converted.as_str()
        } else {
            decoded.as_ref()
        };
        if piece.trim().is_empty() {
            continue;
        }
        if !joined.is_empty() {
            joined.push_str("\n\n");
        }
        // Normalising only shrinks text, so a little over the limit is enough.
        let room = (MAX_TEXT_BYTES + SLACK_BYTES).saturating_sub(joined.len());
        let (piece, cut) = truncate_bytes(piece, room);
        joined.push_str(piece);
        if cut {
            body.truncated = true;
            break;
        }
    }
    body.text = normalize(&joined);
    let (text, cut) = truncate_bytes(&body.text, MAX_TEXT_BYTES);
    if cut {
        body.text = text.trim_end().to_owned();
        body.truncated = true;
    }
    body
}

/// The decoded text of a text or HTML body part, and whether it is HTML:
/// as mail-parser decoded it, recovered when it could not, or re-read as
/// UTF-8 when its charset label is wrong.
fn decoded<'a>(raw: &[u8], part: &'a MessagePart<'_>) -> Option<(Cow<'a, str>, bool)> {
    let (text, is_html) = match &part.body {
        PartType::Text(text) => (text.as_ref(), false),
        PartType::Html(markup) => (markup.as_ref(), true),
        _ => return None,
    };
    let text = if part.is_encoding_problem {
        Cow::Owned(recover(part, text))
    } else {
        mislabelled_utf8(raw, part).map_or(Cow::Borrowed(text), Cow::Owned)
    };
    Some((text, is_html))
}

/// The part's text when it is labelled with a legacy charset but its bytes
/// are valid UTF-8 with non-ASCII characters. Senders often mislabel UTF-8
/// (as `us-ascii`, `iso-8859-1`, `gb2312`, ...), while legacy-charset text
/// with non-ASCII bytes is almost never valid UTF-8 by accident.
fn mislabelled_utf8(raw: &[u8], part: &MessagePart<'_>) -> Option<String> {
    let charset = part.content_type()?.attribute("charset")?.trim();
    if charset.eq_ignore_ascii_case("utf-8") || charset.eq_ignore_ascii_case("utf8") {
        return None;
    }
    let bytes = raw.get(part.offset_body as usize..part.offset_end as usize)?;
    let bytes = match part.encoding {
        Encoding::None => Cow::Borrowed(bytes),
        Encoding::QuotedPrintable => Cow::Owned(quoted_printable_decode(bytes)?),
        Encoding::Base64 => Cow::Owned(base64_decode(bytes)?),
    };
    if bytes.is_ascii() {
        return None;
    }
    std::str::from_utf8(&bytes).ok().map(str::to_owned)
}

/// The text of a part mail-parser could not decode (typically a truncated
/// message whose closing boundary is missing, so the part was kept
/// undecoded): decodes its quoted-printable or base64 transfer encoding and
/// its charset, or returns it as it is.
fn recover(part: &MessagePart<'_>, text: &str) -> String {
    let encoding = part.content_transfer_encoding().unwrap_or("").trim();
    let decoded = if encoding.eq_ignore_ascii_case("quoted-printable") {
        quoted_printable_decode(text.as_bytes())
    } else if encoding.eq_ignore_ascii_case("base64") {
        base64_decode(text.trim().as_bytes())
    } else {
        None
    };
    let Some(bytes) = decoded else {
        return text.to_owned();
    };
    let charset = part
        .content_type()
        .and_then(|ct| ct.attribute("charset"))
        .and_then(|c| charset_decoder(c.as_bytes()));
    match charset {
        Some(decode) => decode(&bytes),
        None => String::from_utf8_lossy(&bytes).into_owned(),
    }
}

/// Normalises line ends (CRLF and lone CR become LF), drops control
/// characters and byte-order marks, trims line ends, keeps at most one
/// blank line in a row, and trims the whole text.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank_run = 0;
    let unified = text.replace("\r\n", "\n");
    for line in unified.split(['\n', '\r']) {
        let line = line.trim_end();
        let line = if out.is_empty() {
            line.trim_start()
        } else {
            line
        };
        if line.is_empty() {
            blank_run += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank_run > 0 { "\n\n" } else { "\n" });
        }
        blank_run = 0;
        out.extend(
            line.chars()
                .filter(|&c| (!c.is_control() || c == '\t') && c != '\u{feff}'),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_ends_and_blank_runs_are_normalised() {
        assert_eq!(
            normalize("\r\n a \r\n\r\n\r\nb\rc\u{0}\u{feff}  \n\n"),
            "a\n\nb\nc"
        );
    }

    #[test]
    fn html_only_mail_is_converted() {
        let raw = b"From: a@b.c\r\nContent-Type: text/html\r\n\r\n<p>Hello <b>there</b></p>";
        let mail = mail_parser::MessageParser::default()
            .parse(&raw[..])
            .expect("parses");
        let body = extract(&mail);
        assert_eq!(body.text, "Hello there");
        assert!(body.from_html);
        assert!(!body.truncated);
    }

    #[test]
    fn mislabelled_utf8_is_read_as_utf8() {
        let raw = "From: a@b.c\r\nContent-Type: text/plain; charset=iso-8859-1\r\n\r\nDzień dobry"
            .as_bytes();
        let mail = mail_parser::MessageParser::default()
            .parse(raw)
            .expect("parses");
        assert_eq!(extract(&mail).text, "Dzień dobry");
        let latin1 = b"From: a@b.c\r\nContent-Type: text/plain; charset=iso-8859-1\r\n\r\ncaf\xe9";
        let mail = mail_parser::MessageParser::default()
            .parse(&latin1[..])
            .expect("parses");
        assert_eq!(extract(&mail).text, "café");
    }
}
