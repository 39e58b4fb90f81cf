//! Inbound requests and the raw RFC 5322 message each one carries.
//!
//! Two shapes are accepted:
//!
//! - the raw message as the body: `Content-Type: message/rfc822` (or
//!   `message/global`), or any other type whose body starts like a header
//!   block, or no type at all;
//! - an inbound-parse `multipart/form-data` form whose `email` field
//!   (SendGrid Inbound Parse with "POST the raw, full MIME message") or
//!   `body-mime` field (Mailgun routes forwarding to a URL ending in `mime`)
//!   holds the raw message.

use std::borrow::Cow;

use chorus_sdk::{HttpRequest, PluginError};

use crate::form;

/// Form fields that hold the full raw message, in order of preference:
/// SendGrid's `email` (Send Raw) and Mailgun's `body-mime`.
pub const RAW_FIELDS: &[&str] = &["email", "body-mime"];

/// Longest header field name accepted when sniffing a body (RFC 5322 lines
/// are at most 998 characters; real field names are far shorter).
const MAX_FIELD_NAME: usize = 76;

/// The UTF-8 byte-order mark some tools write before a saved message.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The raw message carried by `request`, ready for the MIME parser.
pub fn raw_message(request: &HttpRequest) -> Result<Cow<'_, [u8]>, PluginError> {
    extract(request).map(tidy)
}

/// Drops a leading byte-order mark and leading white space (a blank first
/// line would end the header block before it starts), and turns the old
/// Mac convention of CR-only line ends into LF, which the MIME parser needs.
fn tidy(raw: &[u8]) -> Cow<'_, [u8]> {
    let raw = raw.strip_prefix(BOM).unwrap_or(raw).trim_ascii_start();
    if raw.contains(&b'\n') || !raw.contains(&b'\r') {
        return Cow::Borrowed(raw);
    }
    Cow::Owned(
        raw.iter()
            .map(|&b| if b == b'\r' { b'\n' } else { b })
            .collect(),
    )
}

/// The raw message bytes: the body itself or a form field.
fn extract(request: &HttpRequest) -> Result<&[u8], PluginError> {
    let body = request.body.as_slice();
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(PluginError::BadInput(
            "empty body: expected a raw email message (message/rfc822) or an inbound-parse form"
                .to_owned(),
        ));
    }
    match request.media_type().as_deref() {
        Some("multipart/form-data") => {
            let content_type = request.header("content-type").unwrap_or_default();
            form_field(content_type, body)
        }
        Some(media @ ("message/rfc822" | "message/global")) => {
            if looks_like_message(body) {
                Ok(body)
            } else {
                Err(PluginError::BadInput(format!(
                    "{media} body does not start with a header field: not an RFC 5322 message"
                )))
            }
        }
        Some(media) if !looks_like_message(body) => Err(PluginError::Unsupported(format!(
            "content type {media}: send the raw message as message/rfc822, or an inbound-parse \
             multipart/form-data form with an `email` (SendGrid, Send Raw) or `body-mime` \
             (Mailgun) field"
        ))),
        None if !looks_like_message(body) => Err(PluginError::BadInput(
            "body without a content type does not look like an email message".to_owned(),
        )),
        _ => Ok(body),
    }
}

/// Whether `bytes` starts like an RFC 5322 header block: a `Name: value`
/// line, optionally after white space, a byte-order mark or an mbox
/// `From ` separator line. RFC 5322 allows
/// any printable character in a field name; real ones use letters, digits
/// and `-` (sometimes `_` or `.`), which keeps JSON and prose out.
pub fn looks_like_message(bytes: &[u8]) -> bool {
    let mut rest = bytes.strip_prefix(BOM).unwrap_or(bytes).trim_ascii_start();
    if rest.starts_with(b"From ") {
        match rest.iter().position(|&b| b == b'\n') {
            Some(end) => rest = &rest[end + 1..],
            None => return false,
        }
    }
    let line_end = rest
        .iter()
        .take(1_000)
        .position(|&b| b == b'\n' || b == b'\r')
        .unwrap_or(rest.len().min(1_000));
    let line = &rest[..line_end];
    let Some(colon) = line.iter().position(|&b| b == b':') else {
        return false;
    };
    let name = line[..colon].trim_ascii_end();
    !name.is_empty()
        && name.len() <= MAX_FIELD_NAME
        && name
            .iter()
            .all(|&b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

/// The raw message in the `email` or `body-mime` field of a
/// `multipart/form-data` body, borrowed as sent (never re-encoded).
fn form_field<'a>(content_type: &str, body: &'a [u8]) -> Result<&'a [u8], PluginError> {
    let Some(bytes) = form::field(content_type, body, RAW_FIELDS)? else {
        return Err(PluginError::Unsupported(
            "inbound-parse form without an `email` or `body-mime` field: enable SendGrid's \
             \"POST the raw, full MIME message\", or forward Mailgun routes to a URL ending in \
             `mime`"
                .to_owned(),
        ));
    };
    if !looks_like_message(bytes) {
        return Err(PluginError::BadInput(
            "the form's raw message field does not hold an RFC 5322 message".to_owned(),
        ));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_blocks_are_recognised() {
        assert!(looks_like_message(b"From: a@b.c\r\nSubject: x\r\n\r\nhi"));
        assert!(looks_like_message(
            b"From a@b.c Mon Jan  1 00:00:00 2024\nTo: x@y.z\n\nhi"
        ));
        assert!(looks_like_message(b"Subject : obsolete spacing\n\n"));
        assert!(looks_like_message(b"\xEF\xBB\xBF  \n From: a@b.c\n\nhi"));
        assert!(!looks_like_message(b"{\"json\": true}"));
        assert!(!looks_like_message(b"hello world: not a header"));
        assert!(!looks_like_message(b"\xff\xfe: binary"));
        assert!(!looks_like_message(b""));
    }

    #[test]
    fn byte_order_marks_and_cr_line_ends_are_tidied() {
        let tidied = tidy(b"\xEF\xBB\xBF  \nFrom: a@b.c\r\rhi");
        assert_eq!(tidied.as_ref(), b"From: a@b.c\n\nhi");
        let crlf = tidy(b"From: a@b.c\r\n\r\nhi");
        assert!(matches!(crlf, Cow::Borrowed(b"From: a@b.c\r\n\r\nhi")));
    }
}
