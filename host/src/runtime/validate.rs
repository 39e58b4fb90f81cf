//! Output caps: what a plugin returns is checked before the host uses it.

use super::error::PluginError;
use super::limits::OutputLimits;
use crate::manifest::HOST_KEY_PREFIX;
use crate::model::{
    ListenOutcome, Message, MessageKind, OutboundRequest, PluginInfo, PluginManifest, Suggestion,
    Triage,
};

fn over(what: &str, size: usize, cap: usize) -> PluginError {
    PluginError::BadOutput(format!("{what} is {size}, over the cap of {cap}"))
}

fn field(what: &str, value: &str, limits: &OutputLimits) -> Result<(), PluginError> {
    if value.len() > limits.max_field_bytes {
        return Err(over(
            &format!("{what} (bytes)"),
            value.len(),
            limits.max_field_bytes,
        ));
    }
    Ok(())
}

fn list<T>(what: &str, items: &[T], limits: &OutputLimits) -> Result<(), PluginError> {
    if items.len() > limits.max_list_items {
        return Err(over(
            &format!("{what} (items)"),
            items.len(),
            limits.max_list_items,
        ));
    }
    Ok(())
}

/// Checks a `listen` outcome against the caps.
pub(crate) fn listen_outcome(
    outcome: &ListenOutcome,
    limits: &OutputLimits,
) -> Result<(), PluginError> {
    match outcome {
        ListenOutcome::Messages(messages) => {
            if messages.len() > limits.max_messages {
                return Err(over("message count", messages.len(), limits.max_messages));
            }
            messages.iter().enumerate().try_for_each(|(i, m)| {
                author(i + 1, m)?;
                message(m, limits)
            })
        }
        ListenOutcome::Respond(response) => {
            if !(200..=599).contains(&response.status) {
                return Err(PluginError::BadOutput(format!(
                    "response status {} outside 200-599",
                    response.status
                )));
            }
            if response.body.len() > limits.max_response_bytes {
                return Err(over(
                    "response body (bytes)",
                    response.body.len(),
                    limits.max_response_bytes,
                ));
            }
            list("response headers", &response.headers, limits)?;
            response.headers.iter().try_for_each(|(n, v)| {
                field("response header name", n, limits)?;
                field("response header value", v, limits)
            })
        }
        ListenOutcome::Ignore(reason) => field("ignore reason", reason, limits),
    }
}

/// Every message has a real author: an empty or blank author id would make
/// a customer of nobody. A deletion may leave it empty, because it names a
/// message the host already has (and takes its author from there).
/// `position` counts from 1, as the refusal says it.
fn author(position: usize, m: &Message) -> Result<(), PluginError> {
    if m.kind != MessageKind::Deletion && m.author.id.trim().is_empty() {
        return Err(PluginError::BadOutput(format!(
            "message {position} has an empty author id"
        )));
    }
    Ok(())
}

fn message(m: &Message, limits: &OutputLimits) -> Result<(), PluginError> {
    let texts = [
        ("message text", Some(&m.text)),
        ("message full text", m.full_text.as_ref()),
    ];
    for (what, text) in texts {
        if let Some(text) = text
            && text.len() > limits.max_text_bytes
        {
            return Err(over(
                &format!("{what} (bytes)"),
                text.len(),
                limits.max_text_bytes,
            ));
        }
    }
    if m.event_id.is_empty() {
        return Err(PluginError::BadOutput(
            "message with an empty event-id".to_owned(),
        ));
    }
    let short = [
        ("event-id", Some(&m.event_id)),
        ("external-id", Some(&m.external_id)),
        ("thread-id", m.thread_id.as_ref()),
        ("in-reply-to", m.in_reply_to.as_ref()),
        ("author id", Some(&m.author.id)),
        ("author handle", m.author.handle.as_ref()),
        ("author display name", m.author.display_name.as_ref()),
        ("author email", m.author.email.as_ref()),
        ("language", m.language.as_ref()),
    ];
    for (what, value) in short {
        if let Some(value) = value {
            field(what, value, limits)?;
        }
    }
    list("attachments", &m.attachments, limits)?;
    list("attributes", &m.attributes, limits)?;
    for a in &m.attachments {
        field("attachment name", &a.name, limits)?;
        field("attachment content type", &a.content_type, limits)?;
    }
    for a in &m.attributes {
        field("attribute key", &a.key, limits)?;
        field("attribute value", &a.value, limits)?;
    }
    Ok(())
}

/// Checks a triage against the caps and the value ranges of the contract.
pub(crate) fn triage(t: &Triage, limits: &OutputLimits) -> Result<(), PluginError> {
    if !(-1.0..=1.0).contains(&t.sentiment) {
        return Err(PluginError::BadOutput(format!(
            "sentiment {} outside -1..1",
            t.sentiment
        )));
    }
    if !(0.0..=1.0).contains(&t.confidence) {
        return Err(PluginError::BadOutput(format!(
            "confidence {} outside 0..1",
            t.confidence
        )));
    }
    field("intent", &t.intent, limits)?;
    list("labels", &t.labels, limits)?;
    list("reasons", &t.reasons, limits)?;
    t.labels
        .iter()
        .try_for_each(|l| field("label", l, limits))?;
    t.reasons
        .iter()
        .try_for_each(|r| field("reason", r, limits))
}

/// Checks suggestions against the caps.
pub(crate) fn suggestions(list: &[Suggestion], limits: &OutputLimits) -> Result<(), PluginError> {
    if list.len() > limits.max_suggestions {
        return Err(over("suggestion count", list.len(), limits.max_suggestions));
    }
    for s in list {
        if s.text.len() > limits.max_suggestion_bytes {
            return Err(over(
                "suggestion text (bytes)",
                s.text.len(),
                limits.max_suggestion_bytes,
            ));
        }
        field("strategy", &s.strategy, limits)?;
        field("rationale", &s.rationale, limits)?;
    }
    Ok(())
}

/// Checks plugin metadata.
/// Most requests one `deliver` may return: a reply is one message, or a
/// few (a long post split into a thread).
const MAX_OUTBOUND_REQUESTS: usize = 10;

/// Checks what `deliver` returned against the caps: a few requests, bodies
/// no larger than a message's text, short fields.
pub(crate) fn outbound(
    requests: &[OutboundRequest],
    limits: &OutputLimits,
) -> Result<(), PluginError> {
    if requests.is_empty() {
        return Err(PluginError::BadOutput(
            "`deliver` returned no request".to_owned(),
        ));
    }
    if requests.len() > MAX_OUTBOUND_REQUESTS {
        return Err(over(
            "outbound request count",
            requests.len(),
            MAX_OUTBOUND_REQUESTS,
        ));
    }
    let body = |what: &str, size: usize| match size > limits.max_text_bytes {
        true => Err(over(what, size, limits.max_text_bytes)),
        false => Ok(()),
    };
    requests.iter().try_for_each(|r| match r {
        OutboundRequest::Call(c) => {
            field("outbound method", &c.method, limits)?;
            field("outbound url", &c.url, limits)?;
            list("outbound headers", &c.headers, limits)?;
            c.headers.iter().try_for_each(|(n, v)| {
                field("outbound header name", n, limits)?;
                field("outbound header value", v, limits)
            })?;
            body("outbound body (bytes)", c.body.len())?;
            [&c.sent_id, &c.ok_flag, &c.error_reason]
                .into_iter()
                .try_for_each(|p| field("outbound response pointer", p, limits))
        }
        OutboundRequest::Mail(m) => {
            list("mail recipients", &m.to, limits)?;
            list("mail copies", &m.cc, limits)?;
            list("mail references", &m.references, limits)?;
            m.to.iter()
                .chain(&m.cc)
                .chain(&m.references)
                .chain(&m.in_reply_to)
                .chain([&m.subject])
                .try_for_each(|v| field("mail header", v, limits))?;
            body("mail body (bytes)", m.text.len())
        }
    })
}

pub(crate) fn plugin_info(info: &PluginInfo) -> Result<(), PluginError> {
    if !is_name(&info.name, 64, '_') {
        return Err(PluginError::BadOutput(format!(
            "plugin name {:?} must be 1-64 characters of a-z, 0-9, '-' or '_'",
            info.name
        )));
    }
    manifest(&info.manifest)
}

/// Most configuration keys a plugin may declare.
const MAX_CONFIG_FIELDS: usize = 64;
/// Most voice channels a reply format may name.
const MAX_VOICE_CHANNELS: usize = 8;
/// Longest description of a configuration key, in bytes.
const MAX_DESCRIPTION_BYTES: usize = 500;

/// `name` is 1 to `max` characters of a-z, 0-9, '-' and `extra`.
fn is_name(name: &str, max: usize, extra: char) -> bool {
    name.len() <= max && crate::model::is_kebab_id(name, Some(extra))
}

/// A manifest's keys are kebab-case and distinct, and its lists are short.
fn manifest(manifest: &PluginManifest) -> Result<(), PluginError> {
    let bad = |reason: String| Err(PluginError::BadOutput(format!("manifest: {reason}")));
    let fields = manifest.config.as_deref().unwrap_or_default();
    if fields.len() > MAX_CONFIG_FIELDS {
        return bad(format!(
            "{} configuration keys, over the cap of {MAX_CONFIG_FIELDS}",
            fields.len()
        ));
    }
    let mut seen = std::collections::HashSet::new();
    for field in fields {
        if !is_name(&field.key, 64, '-') || field.key.starts_with(HOST_KEY_PREFIX) {
            return bad(format!(
                "configuration key {:?} must be 1-64 characters of a-z, 0-9 or '-'",
                field.key
            ));
        }
        if !seen.insert(field.key.as_str()) {
            return bad(format!(
                "configuration key `{}` is declared twice",
                field.key
            ));
        }
        if field.description.len() > MAX_DESCRIPTION_BYTES {
            return bad(format!(
                "the description of `{}` is over {MAX_DESCRIPTION_BYTES} bytes",
                field.key
            ));
        }
    }
    let channels = &manifest.reply.voice_channels;
    if channels.len() > MAX_VOICE_CHANNELS {
        return bad(format!(
            "{} voice channels, over the cap of {MAX_VOICE_CHANNELS}",
            channels.len()
        ));
    }
    if let Some(name) = channels.iter().find(|c| !is_name(c, 32, '_')) {
        return bad(format!(
            "voice channel {name:?} must be 1-32 characters of a-z, 0-9, '-' or '_'"
        ));
    }
    if manifest.send_to.len() > MAX_SEND_TO {
        return bad(format!(
            "{} hosts to send to, over the cap of {MAX_SEND_TO}",
            manifest.send_to.len()
        ));
    }
    if let Some(host) = manifest.send_to.iter().find(|h| !is_host_name(h)) {
        return bad(format!(
            "send-to host {host:?} must be a lower-case DNS name or IP address, without scheme or port"
        ));
    }
    Ok(())
}

/// Most hosts one manifest's `send-to` may name.
const MAX_SEND_TO: usize = 16;

/// A DNS name (`slack.com`) or an IPv4 address, lower case, no port.
fn is_host_name(host: &str) -> bool {
    (1..=253).contains(&host.len())
        && host.split('.').all(|label| {
            (1..=63).contains(&label.len())
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Author, Visibility};

    fn written_by(id: &str, kind: MessageKind) -> Message {
        Message {
            event_id: "e1".into(),
            external_id: "m1".into(),
            kind,
            thread_id: None,
            in_reply_to: None,
            author: Author {
                id: id.into(),
                handle: None,
                display_name: None,
                email: None,
                follower_count: None,
                verified: false,
            },
            text: "hello".into(),
            full_text: None,
            visibility: Visibility::Private,
            sent_at: None,
            language: None,
            attachments: Vec::new(),
            attributes: Vec::new(),
        }
    }

    #[test]
    fn a_message_without_a_real_author_is_refused_with_its_position() {
        let limits = OutputLimits::default();
        for blank in ["", "   ", "\t\n"] {
            let outcome = ListenOutcome::Messages(vec![
                written_by("U1", MessageKind::Original),
                written_by(blank, MessageKind::Edit),
            ]);
            let error = listen_outcome(&outcome, &limits).expect_err("blank author");
            assert_eq!(
                error,
                PluginError::BadOutput("message 2 has an empty author id".into())
            );
        }
        let outcome = ListenOutcome::Messages(vec![written_by("U1", MessageKind::Original)]);
        assert_eq!(listen_outcome(&outcome, &limits), Ok(()));
    }

    #[test]
    fn a_deletion_may_leave_the_author_to_the_stored_message() {
        let outcome = ListenOutcome::Messages(vec![written_by("", MessageKind::Deletion)]);
        assert_eq!(listen_outcome(&outcome, &OutputLimits::default()), Ok(()));
    }

    #[test]
    fn a_manifest_with_bad_keys_or_long_lists_is_refused() {
        use crate::manifest::{ConfigField, ConfigKind, ReplyFormat};
        let field = |key: &str| ConfigField {
            key: key.into(),
            description: "d".into(),
            kind: ConfigKind::Text,
            required: false,
        };
        let with = |keys: &[&str], channels: &[&str]| PluginManifest {
            config: Some(keys.iter().map(|k| field(k)).collect()),
            reply: ReplyFormat {
                voice_channels: channels.iter().map(|c| (*c).to_owned()).collect(),
                max_reply_length: 0,
            },
            send_to: Vec::new(),
        };
        assert_eq!(manifest(&with(&["account-sid", "from"], &["sms"])), Ok(()));
        for (bad, expected) in [
            (with(&["Account SID"], &[]), "\"Account SID\""),
            (with(&["from", "from"], &[]), "`from` is declared twice"),
            (with(&["chorus.require-signatures"], &[]), "chorus.require"),
            (with(&[], &["SMS!"]), "\"SMS!\""),
            (with(&[], &["a"; 9]), "9 voice channels"),
        ] {
            let error = manifest(&bad).expect_err(expected).to_string();
            assert!(error.contains(expected), "{error:?} lacks {expected:?}");
        }
    }
}
