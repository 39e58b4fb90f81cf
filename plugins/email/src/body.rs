//! The decoded text of a message's body.
//!
//! mail-parser lists the body parts a reader would see: in a
//! `multipart/alternative` the `text/plain` part (the HTML one only when
//! there is no plain text), plus every inline text part of a
//! `multipart/mixed`. Their transfer encoding and charset are decoded in
//! [`crate::decode`]; HTML is converted in [`crate::html`]. Attachments, nested messages (a bounce's returned
//! mail, a forwarded `.eml`) and binary parts never contribute text.

use mail_parser::{Message as Mail, MessagePart, PartType};

use crate::header::truncate_bytes;
use crate::{decode, html};

/// Largest text kept, in bytes (256 KiB). The host rejects texts over 1 MiB.
pub const MAX_TEXT_BYTES: usize = 256 * 1024;

/// Largest HTML converted, in bytes (512 KiB): markup is verbose, so this
/// rarely yields less text than a real message has, and it bounds the
/// conversion's time.
pub const MAX_HTML_BYTES: usize = 512 * 1024;

/// Most raw (transfer-encoded) bytes of one part decoded: enough for
/// [`MAX_HTML_BYTES`] of typical quoted-printable HTML, and for
/// [`MAX_TEXT_BYTES`] of text even when every byte is escaped (`=XX`).
const MAX_RAW_PART_BYTES: usize = 768 * 1024;

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
        let Some((decoded, is_html, cut)) = decoded(&mail.raw_message, part) else {
            continue;
        };
        body.truncated |= cut;
        let converted;
        let piece = if is_html {
            let (markup, cut) = truncate_bytes(&decoded, MAX_HTML_BYTES);
            body.truncated |= cut;
            body.from_html = true;
            converted = html::to_text(markup);
            converted.as_str()
        } else {
            decoded.as_str()
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

/// The decoded text of a text or HTML body part, whether it is HTML, and
/// whether the part was too long to decode whole.
fn decoded(raw: &[u8], part: &MessagePart<'_>) -> Option<(String, bool, bool)> {
    let is_html = match &part.body {
        PartType::Text(_) => false,
        PartType::Html(_) => true,
        _ => return None,
    };
    let (text, cut) = decode::part_text(raw, part, MAX_RAW_PART_BYTES);
    Some((text, is_html, cut))
}

/// Normalises line ends (CRLF and lone CR become LF), drops control
/// characters and byte-order marks, trims line ends, keeps at most one
/// blank line in a row, and trims the whole text.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank_run = 0;
    let lines = text
        .split('\n')
        .flat_map(|line| line.strip_suffix('\r').unwrap_or(line).split('\r'));
    for line in lines {
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
        if has_control(line) {
            out.extend(
                line.chars()
                    .filter(|&c| (!c.is_control() || c == '\t') && c != '\u{feff}'),
            );
        } else {
            out.push_str(line);
        }
    }
    out
}

/// Whether `line` may hold a control character or a byte-order mark: a C0
/// control or DEL, or the lead bytes of C1 controls (`C2 80`–`C2 9F`) and
/// U+FEFF (`EF BB BF`). A cheap byte scan that lets clean lines be copied.
fn has_control(line: &str) -> bool {
    line.bytes()
        .any(|b| (b < 0x20 && b != b'\t') || b == 0x7f || b == 0xc2 || b == 0xef)
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
        let mail = crate::parse::parser().parse(&raw[..]).expect("parses");
        let body = extract(&mail);
        assert_eq!(body.text, "Hello there");
        assert!(body.from_html);
        assert!(!body.truncated);
    }

    #[test]
    fn mislabelled_utf8_is_read_as_utf8() {
        let raw = "From: a@b.c\r\nContent-Type: text/plain; charset=iso-8859-1\r\n\r\nDzień dobry"
            .as_bytes();
        let mail = crate::parse::parser().parse(raw).expect("parses");
        assert_eq!(extract(&mail).text, "Dzień dobry");
        let latin1 = b"From: a@b.c\r\nContent-Type: text/plain; charset=iso-8859-1\r\n\r\ncaf\xe9";
        let mail = crate::parse::parser().parse(&latin1[..]).expect("parses");
        assert_eq!(extract(&mail).text, "café");
    }
}
