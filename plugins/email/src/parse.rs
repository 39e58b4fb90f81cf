//! A raw RFC 5322 / MIME message → a Chorus message.
//!
//! | Chorus field | from |
//! |---|---|
//! | `event-id`, `external-id` | `Message-ID` without `<>`; without one, a stable FNV-1a hash of From, Date, Subject and text |
//! | `thread-id` | first `References` id, else `In-Reply-To`, else the own id |
//! | `in-reply-to` | `In-Reply-To` |
//! | `author` | `Reply-To` when present, else `From`: id = lower-cased address |
//! | `text` / `full-text` | body text with quoted history and signature stripped / complete |
//! | `sent-at` | `Date` |
//! | `language` | `Content-Language` |
//! | `attachments` | name, MIME type and decoded size of every attachment |

use chorus_sdk::{
    Attachment, Attribute, Author, Message, MessageKind, PluginError, Timestamp, Visibility,
};
use mail_parser::{
    Addr, HeaderName, Message as Mail, MessageParser, MessagePart, MimeHeaders, PartType,
};

use crate::body::{self, Body};
use crate::header::{self, MAX_ATTRIBUTE_CHARS, clip};
use crate::{clean, decode, flags};

/// Most attachments listed; the rest are counted in `email.attachments-omitted`.
pub const MAX_ATTACHMENTS: usize = 100;

/// Longest attachment name kept, in characters.
const MAX_NAME_CHARS: usize = 255;

/// The MIME parser: mail-parser's usual header parsers, except that
/// `Content-Transfer-Encoding` is not interpreted, so no part body is ever
/// decoded by the parser; [`crate::decode`] decodes what is needed.
pub fn parser() -> MessageParser {
    MessageParser::new()
        .with_mime_headers()
        .with_date_headers()
        .with_address_headers()
        .with_message_ids()
        .header_text(HeaderName::Subject)
        .header_text(HeaderName::Comments)
        .header_comma_separated(HeaderName::ContentLanguage)
        .header_comma_separated(HeaderName::Keywords)
        .ignore_header(HeaderName::ContentTransferEncoding)
}

/// Parses `raw` and maps it to a message.
pub fn to_message(raw: &[u8]) -> Result<Message, PluginError> {
    let mail = parser()
        .parse(raw)
        .filter(|mail| !mail.headers().is_empty())
        .ok_or_else(|| bad("not an RFC 5322 message: no header fields found"))?;
    let (author, from) = author(&mail)?;
    let subject = mail.subject().map(header::unfold).unwrap_or_default();
    let (attachments, omitted) = attachments(&mail);
    let body = body::extract(&mail);
    let full = match (
        body.text.is_empty(),
        subject.is_empty(),
        attachments.is_empty(),
    ) {
        (false, _, _) => body.text.clone(),
        (true, false, _) => subject.clone(),
        (true, true, false) => attachments_only(&attachments, omitted),
        (true, true, true) => return Err(bad("message has neither body text nor a subject")),
    };
    let stripped = clean::new_text(&full);
    let text = if stripped.is_empty() {
        full.clone()
    } else {
        clean::with_history(&stripped, &full).unwrap_or(stripped)
    };
    let ids = Ids::of(&mail, &author.id, &subject, &full);
    let facts = Facts {
        subject,
        message_id: ids.message_id,
        from,
        body: &body,
        omitted,
    };
    Ok(Message {
        event_id: ids.external_id.clone(),
        external_id: ids.external_id,
        kind: MessageKind::Original,
        thread_id: Some(ids.thread_id),
        in_reply_to: ids.in_reply_to,
        full_text: (full != text).then_some(full),
        text,
        visibility: Visibility::Private,
        sent_at: sent_at(&mail),
        language: language(&mail),
        attachments,
        attributes: attributes(&mail, facts),
        author,
    })
}

/// The ids that place a message: its own, its thread and its parent.
struct Ids {
    /// `Message-ID`, when the message has one.
    message_id: Option<String>,
    /// `Message-ID`, else a stable hash.
    external_id: String,
    /// First `References` id, else `In-Reply-To`, else the own id.
    thread_id: String,
    in_reply_to: Option<String>,
}

impl Ids {
    fn of(mail: &Mail<'_>, author: &str, subject: &str, text: &str) -> Self {
        let message_id = mail
            .message_id()
            .map(header::clean_id)
            .filter(|id| !id.is_empty());
        let external_id = message_id
            .clone()
            .unwrap_or_else(|| fallback_id(mail, author, subject, text));
        let in_reply_to = header::ids(mail.in_reply_to()).into_iter().next();
        let thread_id = header::ids(mail.references())
            .into_iter()
            .next()
            .or_else(|| in_reply_to.clone())
            .unwrap_or_else(|| external_id.clone());
        Self {
            message_id,
            external_id,
            thread_id,
            in_reply_to,
        }
    }
}

/// What [`attributes`] records besides the headers it reads itself.
struct Facts<'a> {
    subject: String,
    message_id: Option<String>,
    /// The `From` address when the author came from `Reply-To`.
    from: Option<String>,
    body: &'a Body,
    omitted: usize,
}

/// The message's `email.*` attributes: subject, ids, recipients, the
/// auto-reply / bulk / bounce markers and processing notes.
fn attributes(mail: &Mail<'_>, facts: Facts<'_>) -> Vec<Attribute> {
    let mut attributes = Vec::new();
    let flag = |set: bool| set.then(|| "true".to_owned());
    let notes = [
        ("email.subject", Some(facts.subject)),
        ("email.message-id", facts.message_id),
        ("email.from", facts.from),
        ("email.to", header::format_addresses(mail.to())),
        ("email.cc", header::format_addresses(mail.cc())),
    ];
    for (key, value) in notes {
        push(&mut attributes, key, value);
    }
    let (sender, sender_name) = from_address(mail);
    attributes.extend(flags::detect(mail, &sender, sender_name.as_deref()));
    let notes = [
        ("email.html-only", flag(facts.body.from_html)),
        ("email.truncated", flag(facts.body.truncated)),
        (
            "email.attachments-omitted",
            (facts.omitted > 0).then(|| facts.omitted.to_string()),
        ),
    ];
    for (key, value) in notes {
        push(&mut attributes, key, value);
    }
    attributes
}

/// The author (from `Reply-To`, else `From`), and the `From` address when
/// `Reply-To` named someone else (kept as `email.from`).
fn author(mail: &Mail<'_>) -> Result<(Author, Option<String>), PluginError> {
    let from = mail.from().and_then(|a| a.iter().find_map(usable));
    let reply_to = mail.reply_to().and_then(|a| a.iter().find_map(usable));
    let (address, name, other_from) = match (reply_to, from) {
        (Some((reply, reply_name)), Some((from, from_name))) if reply == from => {
            (reply, reply_name.or(from_name), None)
        }
        (Some((reply, reply_name)), from) => (reply, reply_name, from.map(|(a, _)| a)),
        (None, Some((from, from_name))) => (from, from_name, None),
        (None, None) => return Err(bad("no From or Reply-To address")),
    };
    let author = Author {
        id: address.clone(),
        handle: None,
        display_name: name,
        email: Some(address),
        follower_count: None,
        verified: false,
    };
    Ok((author, other_from))
}

/// The lower-cased `From` address and its display name, for bounce
/// detection (empty when there is none).
fn from_address(mail: &Mail<'_>) -> (String, Option<String>) {
    mail.from()
        .and_then(|a| a.iter().find_map(usable))
        .unwrap_or_default()
}

/// A lower-cased address and a cleaned display name, if the address is usable.
fn usable(addr: &Addr<'_>) -> Option<(String, Option<String>)> {
    let address: String = addr
        .address
        .as_deref()?
        .trim()
        .trim_matches(['<', '>'])
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_lowercase();
    if address.is_empty() {
        return None;
    }
    let name = addr
        .name
        .as_deref()
        .map(|n| header::unfold(n.trim().trim_matches(['"', '\''])))
        .filter(|n| !n.is_empty() && !n.eq_ignore_ascii_case(&address))
        .map(|n| clip(&n, 200));
    Some((clip(&address, 320), name))
}

/// A stable id for a message without `Message-ID`.
fn fallback_id(mail: &Mail<'_>, author: &str, subject: &str, text: &str) -> String {
    let date = header::raw(mail, "Date").unwrap_or_default();
    let (text, _) = header::truncate_bytes(text, 64 * 1024);
    let hash = header::fnv1a64(&[
        author.as_bytes(),
        date.as_bytes(),
        subject.as_bytes(),
        text.as_bytes(),
    ]);
    format!("no-message-id-{hash:016x}")
}

/// `Date` in milliseconds, when it is a real date.
fn sent_at(mail: &Mail<'_>) -> Option<Timestamp> {
    let date = mail.date().filter(|d| d.is_valid())?;
    date.to_timestamp().checked_mul(1000)
}

/// The first `Content-Language` tag, when it looks like a BCP-47 tag.
fn language(mail: &Mail<'_>) -> Option<String> {
    let value = mail.content_language();
    let tag = value
        .as_text()
        .or_else(|| {
            value
                .as_text_list()
                .and_then(|l| l.first().map(|t| t.as_ref()))
        })?
        .split(',')
        .next()?
        .trim();
    let valid = !tag.is_empty()
        && tag.len() <= 35
        && tag.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    valid.then(|| tag.to_owned())
}

/// Every attachment (never its content), at most [`MAX_ATTACHMENTS`], and
/// how many more there were.
fn attachments(mail: &Mail<'_>) -> (Vec<Attachment>, usize) {
    let total = mail.attachments().count();
    let listed = mail
        .attachments()
        .take(MAX_ATTACHMENTS)
        .enumerate()
        .map(|(i, part)| Attachment {
            name: attachment_name(part).unwrap_or_else(|| format!("attachment-{}", i + 1)),
            content_type: content_type(part),
            size: match part.body {
                PartType::Message(_) => part.len() as u64,
                _ => decode::decoded_size(&mail.raw_message, part),
            },
        })
        .collect();
    (listed, total.saturating_sub(MAX_ATTACHMENTS))
}

/// The text of a message that is only attachments, without a subject:
/// `(no text; 2 attachments: a.pdf, b.png)`.
fn attachments_only(attachments: &[Attachment], omitted: usize) -> String {
    let count = attachments.len() + omitted;
    let names: Vec<&str> = attachments.iter().map(|a| a.name.as_str()).collect();
    let plural = if count == 1 { "" } else { "s" };
    clip(
        &format!(
            "(no text; {count} attachment{plural}: {})",
            names.join(", ")
        ),
        MAX_ATTRIBUTE_CHARS,
    )
}

/// The part's file name (RFC 2231 and encoded-words decoded by the parser),
/// or `<subject>.eml` for an attached message.
fn attachment_name(part: &MessagePart<'_>) -> Option<String> {
    let name = match (part.attachment_name(), &part.body) {
        (Some(name), _) => name.to_owned(),
        (None, PartType::Message(nested)) => format!("{}.eml", nested.subject()?.trim()),
        _ => return None,
    };
    let name: String = name.chars().filter(|c| !c.is_control()).collect();
    let name = name.trim();
    (!name.is_empty()).then(|| clip(name, MAX_NAME_CHARS))
}

/// The part's MIME type, `type/subtype` in lower case; broken declarations
/// (`application/pdf name="x.pdf"`) keep only their leading tokens.
fn content_type(part: &MessagePart<'_>) -> String {
    let token = |s: &str| -> String {
        s.trim()
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || "!#$&-^_.+".contains(*c))
            .take(100)
            .collect::<String>()
            .to_ascii_lowercase()
    };
    let declared = part.content_type().and_then(|ct| {
        let main = token(ct.ctype());
        let sub = ct.subtype().map(token).unwrap_or_default();
        (!main.is_empty() && !sub.is_empty()).then(|| format!("{main}/{sub}"))
    });
    let fallback = match part.body {
        PartType::Message(_) => "message/rfc822",
        PartType::Text(_) => "text/plain",
        PartType::Html(_) => "text/html",
        _ => "application/octet-stream",
    };
    declared.unwrap_or_else(|| fallback.to_owned())
}

fn push(attributes: &mut Vec<Attribute>, key: &str, value: Option<String>) {
    if let Some(value) = value.filter(|v| !v.is_empty()) {
        attributes.push(Attribute {
            key: key.to_owned(),
            value: clip(&value, MAX_ATTRIBUTE_CHARS),
        });
    }
}

fn bad(reason: &str) -> PluginError {
    PluginError::BadInput(reason.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minimal_message_maps_every_field() {
        let raw = b"From: \"Ada Lovelace\" <Ada@Example.com>\r\nTo: help@acme.test\r\n\
            Subject: Broken\r\nDate: Mon, 1 Jan 2024 10:00:00 +0000\r\n\
            Message-ID: <m1@example.com>\r\nIn-Reply-To: <m0@acme.test>\r\n\
            References: <root@acme.test> <m0@acme.test>\r\nContent-Language: en-GB\r\n\r\n\
            It is broken.\r\n";
        let message = to_message(raw).expect("message");
        assert_eq!(message.external_id, "m1@example.com");
        assert_eq!(message.event_id, "m1@example.com");
        assert_eq!(message.thread_id.as_deref(), Some("root@acme.test"));
        assert_eq!(message.in_reply_to.as_deref(), Some("m0@acme.test"));
        assert_eq!(message.author.id, "ada@example.com");
        assert_eq!(message.author.display_name.as_deref(), Some("Ada Lovelace"));
        assert_eq!(message.text, "It is broken.");
        assert_eq!(message.full_text, None);
        assert_eq!(message.sent_at, Some(1_704_103_200_000));
        assert_eq!(message.language.as_deref(), Some("en-GB"));
        assert_eq!(message.visibility, Visibility::Private);
    }

    #[test]
    fn reply_to_is_the_author_and_from_is_kept() {
        let raw = b"From: Web Form <noreply@acme.test>\nReply-To: Bo <bo@x.y>\n\nhelp";
        let message = to_message(raw).expect("message");
        assert_eq!(message.author.id, "bo@x.y");
        assert_eq!(message.author.display_name.as_deref(), Some("Bo"));
        assert!(
            message
                .attributes
                .iter()
                .any(|a| a.key == "email.from" && a.value == "noreply@acme.test")
        );
    }

    #[test]
    fn missing_message_id_gets_a_stable_fallback() {
        let raw = b"From: a@b.c\nSubject: s\nDate: Mon, 1 Jan 2024 10:00:00 +0000\n\nhello";
        let first = to_message(raw).expect("message");
        let second = to_message(raw).expect("message");
        assert!(first.external_id.starts_with("no-message-id-"));
        assert_eq!(first.external_id, second.external_id);
        assert_eq!(first.thread_id.as_deref(), Some(first.external_id.as_str()));
    }

    #[test]
    fn no_body_uses_the_subject_and_no_author_is_bad_input() {
        let message = to_message(b"From: a@b.c\nSubject: Call me\n\n").expect("message");
        assert_eq!(message.text, "Call me");
        assert!(matches!(
            to_message(b"Subject: hi\n\nbody"),
            Err(PluginError::BadInput(reason)) if reason.contains("no From")
        ));
        assert!(matches!(
            to_message(b"From: a@b.c\n\n"),
            Err(PluginError::BadInput(_))
        ));
        let only_file = b"From: a@b.c\nContent-Type: image/png; name=s.png\n\
            Content-Disposition: attachment\nContent-Transfer-Encoding: base64\n\niVBORw0K";
        let message = to_message(only_file).expect("message");
        assert_eq!(message.text, "(no text; 1 attachment: s.png)");
    }
}
