//! Transfer-encoding and charset decoding of single MIME parts.
//!
//! The MIME parser is told not to interpret `Content-Transfer-Encoding`
//! ([`crate::parse::parser`]), so it never decodes a part's body: a 10 MB
//! base64 attachment costs one boundary scan instead of a decode into a new
//! 7.5 MB buffer, which keeps large mail inside the 50 ms deadline. The few
//! parts whose text is needed are decoded here from the raw bytes, only as
//! far as the text limits reach; attachments only get their decoded size
//! counted.

use std::borrow::Cow;

use mail_parser::decoders::charsets::map::charset_decoder;
use mail_parser::parsers::MessageStream;
use mail_parser::{HeaderName, MessagePart, MimeHeaders};

/// A part's `Content-Transfer-Encoding`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransferEncoding {
    /// `7bit`, `8bit`, `binary` or none: the bytes are the content.
    Identity,
    /// `quoted-printable`.
    QuotedPrintable,
    /// `base64`.
    Base64,
}

/// The transfer encoding declared by `part`, read from its raw header.
pub fn transfer_encoding(raw: &[u8], part: &MessagePart<'_>) -> TransferEncoding {
    let value = part
        .headers
        .iter()
        .find(|h| h.name == HeaderName::ContentTransferEncoding)
        .and_then(|h| raw.get(h.offset_start as usize..h.offset_end as usize))
        .map(<[u8]>::trim_ascii)
        .unwrap_or_default();
    let is = |name: &[u8]| {
        value
            .get(..name.len())
            .is_some_and(|v| v.eq_ignore_ascii_case(name))
    };
    if is(b"base64") {
        TransferEncoding::Base64
    } else if is(b"quoted-printable") {
        TransferEncoding::QuotedPrintable
    } else {
        TransferEncoding::Identity
    }
}

/// The raw (still transfer-encoded) body bytes of `part`.
pub fn body_bytes<'a>(raw: &'a [u8], part: &MessagePart<'_>) -> &'a [u8] {
    raw.get(part.offset_body as usize..part.offset_end as usize)
        .unwrap_or_default()
}

/// The text of a text part, decoded from at most `max_raw` of its raw
/// bytes, and whether the part was longer than that.
pub fn part_text(raw: &[u8], part: &MessagePart<'_>, max_raw: usize) -> (String, bool) {
    let bytes = body_bytes(raw, part);
    let cut = bytes.len() > max_raw;
    let bytes = if cut { &bytes[..max_raw] } else { bytes };
    let decoded = transfer_decode(bytes, transfer_encoding(raw, part));
    let charset = part.content_type().and_then(|ct| ct.attribute("charset"));
    (charset_decode(&decoded, charset, cut), cut)
}

/// Undoes quoted-printable or base64 with mail-parser's lenient decoders;
/// bytes that do not decode are kept as they are (as mail-parser does).
fn transfer_decode(bytes: &[u8], encoding: TransferEncoding) -> Cow<'_, [u8]> {
    let (end, decoded) = match encoding {
        TransferEncoding::Identity => return Cow::Borrowed(bytes),
        TransferEncoding::QuotedPrintable => {
            MessageStream::new(bytes).decode_quoted_printable_mime(b"")
        }
        TransferEncoding::Base64 => MessageStream::new(bytes).decode_base64_mime(b""),
    };
    if end == usize::MAX {
        Cow::Borrowed(bytes)
    } else {
        decoded
    }
}

/// Decodes `bytes` from `charset` (UTF-8 when unlabelled or unknown).
///
/// Text labelled with a legacy charset whose bytes are valid UTF-8 with
/// non-ASCII characters is read as UTF-8: senders often mislabel UTF-8
/// (as `us-ascii`, `iso-8859-1`, `gb2312`, ...), while legacy-charset text
/// with non-ASCII bytes is almost never valid UTF-8 by accident. `cut` says
/// the bytes may end inside a character.
pub fn charset_decode(bytes: &[u8], charset: Option<&str>, cut: bool) -> String {
    let label = charset.map(str::trim).unwrap_or("");
    let utf8_label = label.is_empty()
        || label.eq_ignore_ascii_case("utf-8")
        || label.eq_ignore_ascii_case("utf8");
    if !utf8_label
        && !bytes.is_ascii()
        && let Some(text) = valid_utf8(bytes, cut)
    {
        return text.to_owned();
    }
    match charset_decoder(label.as_bytes()).filter(|_| !utf8_label) {
        Some(decode) => decode(bytes),
        None => String::from_utf8_lossy(bytes).into_owned(),
    }
}

/// `bytes` as UTF-8 if valid, allowing an incomplete last character when
/// the bytes were `cut`.
fn valid_utf8(bytes: &[u8], cut: bool) -> Option<&str> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Some(text),
        Err(e) if cut && e.error_len().is_none() && e.valid_up_to() > 0 => {
            std::str::from_utf8(&bytes[..e.valid_up_to()]).ok()
        }
        Err(_) => None,
    }
}

/// The decoded size of a leaf part's body, counted without decoding it.
pub fn decoded_size(raw: &[u8], part: &MessagePart<'_>) -> u64 {
    let bytes = body_bytes(raw, part);
    let size = match transfer_encoding(raw, part) {
        TransferEncoding::Identity => bytes.len(),
        TransferEncoding::Base64 => base64_size(bytes),
        TransferEncoding::QuotedPrintable => quoted_printable_size(bytes),
    };
    size as u64
}

/// Base64 bodies up to this size are counted byte by byte; larger ones
/// are estimated from their line layout (a 10 MB attachment would
/// otherwise cost a full pass in a 50 ms budget).
const EXACT_BASE64_BYTES: usize = 1024 * 1024;

/// Bytes encoded by base64 text: three for every four alphabet characters;
/// a last, partial group counts only when `=` padding completes it (as
/// mail-parser decodes it). Text that is not base64 at all counts as is,
/// since it would be kept undecoded.
fn base64_size(bytes: &[u8]) -> usize {
    if bytes.len() > EXACT_BASE64_BYTES {
        return base64_size_estimate(bytes);
    }
    let mut data = 0;
    let mut padded = false;
    for &b in bytes {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'+' | b'/' => data += 1,
            b'=' => padded = true,
            b' ' | b'\t' | b'\r' | b'\n' => {}
            _ => return bytes.len(),
        }
    }
    let partial = match (padded, data % 4) {
        (true, 2) => 1,
        (true, 3) => 2,
        _ => 0,
    };
    data / 4 * 3 + partial
}

/// The decoded size of a large base64 body, assuming the usual layout:
/// lines of equal length (76 characters) with the same line ending. Exact
/// for what mail clients produce; an estimate otherwise.
fn base64_size_estimate(bytes: &[u8]) -> usize {
    let body = bytes.trim_ascii_end();
    let Some(first_end) = body.iter().position(|&b| b == b'\n') else {
        return body.len() / 4 * 3;
    };
    let ending = if first_end > 0 && body[first_end - 1] == b'\r' {
        2
    } else {
        1
    };
    let line = first_end + 1;
    let breaks = body.len() / line;
    let padding = body.iter().rev().take_while(|&&b| b == b'=').count();
    let data = body.len().saturating_sub(breaks * ending + padding);
    data / 4 * 3 + [0, 0, 1, 2][data % 4] * usize::from(padding > 0)
}

/// Bytes encoded by quoted-printable text: `=XX` is one byte, a soft line
/// break (`=` at the end of a line) none.
fn quoted_printable_size(bytes: &[u8]) -> usize {
    let (mut size, mut i) = (0, 0);
    while i < bytes.len() {
        let next = &bytes[i + 1..];
        i += match (bytes[i], next) {
            (b'=', [b'\r', b'\n', ..]) => 3,
            (b'=', [b'\n', ..]) => 2,
            (b'=', [hi, lo, ..]) if hi.is_ascii_hexdigit() && lo.is_ascii_hexdigit() => {
                size += 1;
                3
            }
            _ => {
                size += 1;
                1
            }
        };
    }
    size
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_counted_without_decoding() {
        assert_eq!(base64_size(b"QUJD\r\nREVG\r\n"), 6);
        assert_eq!(base64_size(b"QQ=="), 1);
        assert_eq!(base64_size(b"QUI="), 2);
        assert_eq!(base64_size(b"QUJDREV"), 3);
        assert_eq!(base64_size(b"not-base64"), 10);
        let line = "QUJD".repeat(19) + "\r\n";
        let big = format!("{}QUI=\r\n", line.repeat(20_000));
        assert_eq!(base64_size_estimate(big.as_bytes()), 20_000 * 57 + 2);
        assert_eq!(base64_size(big.as_bytes()), 20_000 * 57 + 2);
        assert_eq!(quoted_printable_size(b"caf=E9 =\r\nau lait\r\n"), 14);
        assert_eq!(quoted_printable_size(b"a=\nb=3"), 4);
    }

    #[test]
    fn charsets_decode_and_mislabelled_utf8_is_recognised() {
        assert_eq!(
            charset_decode(b"caf\xe9", Some("iso-8859-1"), false),
            "café"
        );
        assert_eq!(
            charset_decode("Dzień".as_bytes(), Some("iso-8859-1"), false),
            "Dzień"
        );
        assert_eq!(charset_decode(b"caf\xc3", Some("iso-8859-1"), true), "caf");
        assert_eq!(charset_decode(b"caf\xe9", None, false), "caf\u{fffd}");
        assert_eq!(charset_decode(b"abc", Some("x-unknown"), false), "abc");
    }

    #[test]
    fn transfer_encodings_decode_leniently() {
        assert_eq!(
            transfer_decode(b"caf=E9 =\r\nau", TransferEncoding::QuotedPrintable).as_ref(),
            b"caf\xe9 au"
        );
        assert_eq!(
            transfer_decode(b"QUJD\r\nREVG", TransferEncoding::Base64).as_ref(),
            b"ABCDEF"
        );
        assert_eq!(
            transfer_decode(b"not base64!", TransferEncoding::Base64).as_ref(),
            b"not base64!"
        );
    }
}
