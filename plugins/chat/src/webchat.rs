//! A generic web-chat widget format, for sites without Slack.
//!
//! The site's backend posts one JSON object per visitor message:
//!
//! ```json
//! {
//!   "type": "webchat.message",
//!   "message_id": "msg-0001",
//!   "conversation_id": "conv-42",
//!   "visitor": { "id": "v-7", "name": "Ada Lovelace", "email": "ada@example.com" },
//!   "text": "Hi! My order hasn't arrived.",
//!   "sent_at": 1714564800000,
//!   "page_url": "https://shop.example.com/orders/1234",
//!   "attachments": [{ "name": "receipt.pdf", "content_type": "application/pdf", "size": 48213 }]
//! }
//! ```
//!
//! signed like Slack's requests (see [`crate::signature::WEBCHAT`]): `X-Webchat-Timestamp: <unix seconds>` and
//! `X-Webchat-Signature: v0=<hex HMAC-SHA256(webchat-signing-secret, "v0:{timestamp}:{body}")>`.

use chorus_sdk::{
    Attachment, Attribute, Author, HttpRequest, ListenOutcome, Message, MessageKind, PluginError,
    Visibility,
};
use serde::Deserialize;

/// Name of the brand secret the site signs widget requests with.
pub const SIGNING_SECRET: &str = "webchat-signing-secret";

/// The `type` of a widget message.
pub const MESSAGE_TYPE: &str = "webchat.message";

/// Longest text accepted, in characters.
const MAX_TEXT_CHARS: usize = 40_000;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct WidgetMessage {
    #[serde(rename = "type")]
    kind: String,
    message_id: String,
    conversation_id: String,
    visitor: Visitor,
    text: String,
    #[serde(default)]
    sent_at: Option<i64>,
    #[serde(default)]
    page_url: Option<String>,
    #[serde(default)]
    attachments: Vec<WidgetAttachment>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Visitor {
    id: String,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    email: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct WidgetAttachment {
    name: String,
    content_type: String,
    #[serde(default)]
    size: u64,
}

/// Only the `type` field, to tell a widget request from a Slack one.
#[derive(Debug, Deserialize)]
struct TypeOnly {
    #[serde(rename = "type", default)]
    kind: Option<String>,
}

/// Whether the request is in the widget format (by its signature header or
/// its `type`).
pub fn is_webchat(request: &HttpRequest) -> bool {
    request.header("x-webchat-signature").is_some()
        || serde_json::from_slice::<TypeOnly>(&request.body)
            .ok()
            .and_then(|t| t.kind)
            .is_some_and(|kind| kind.starts_with("webchat."))
}

/// Parses one widget request.
pub fn listen(request: &HttpRequest) -> Result<ListenOutcome, PluginError> {
    let widget: WidgetMessage = serde_json::from_slice(&request.body)
        .map_err(|e| PluginError::BadInput(format!("not a web-chat widget message: {e}")))?;
    if widget.kind != MESSAGE_TYPE {
        return Ok(ListenOutcome::Ignore(format!(
            "widget event `{}` carries no message",
            widget.kind
        )));
    }
    if widget.text.trim().is_empty() && widget.attachments.is_empty() {
        return Err(PluginError::BadInput(
            "widget message without text or attachments".to_owned(),
        ));
    }
    if widget.text.chars().count() > MAX_TEXT_CHARS {
        return Err(PluginError::BadInput(format!(
            "text longer than {MAX_TEXT_CHARS} characters"
        )));
    }
    let attributes = [
        ("webchat.conversation", Some(&widget.conversation_id)),
        ("webchat.page-url", widget.page_url.as_ref()),
    ]
    .into_iter()
    .filter_map(|(key, value)| {
        value.map(|v| Attribute {
            key: key.to_owned(),
            value: v.clone(),
        })
    })
    .collect();
    Ok(ListenOutcome::Messages(vec![Message {
        event_id: widget.message_id.clone(),
        external_id: widget.message_id,
        kind: MessageKind::Original,
        thread_id: Some(widget.conversation_id),
        in_reply_to: None,
        author: Author {
            id: widget.visitor.id,
            handle: None,
            display_name: widget.visitor.name,
            email: widget.visitor.email,
            follower_count: None,
            verified: false,
        },
        text: widget.text,
        full_text: None,
        visibility: Visibility::Private,
        sent_at: widget.sent_at,
        language: None,
        attachments: widget
            .attachments
            .into_iter()
            .map(|a| Attachment {
                name: a.name,
                content_type: a.content_type,
                size: a.size,
            })
            .collect(),
        attributes,
    }]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::signature::WEBCHAT;
    use chorus_sdk::testing::{FakeHost, request};

    const BODY: &[u8] = br#"{"type":"webchat.message","message_id":"m1","conversation_id":"c1","visitor":{"id":"v1","name":"Ada","email":"ada@example.com"},"text":"Where is my order?","sent_at":1714564800000}"#;

    fn signed(body: &[u8], secret: &[u8], timestamp: i64) -> HttpRequest {
        let mut base = format!("v0:{timestamp}:").into_bytes();
        base.extend_from_slice(body);
        let _host = FakeHost::new().secret("s", secret).install();
        let mac = chorus_sdk::host::hmac_sha256("s", &base).expect("mac");
        let hex: String = mac.iter().map(|b| format!("{b:02x}")).collect();
        request("POST", body)
            .header("X-Webchat-Timestamp", &timestamp.to_string())
            .header("X-Webchat-Signature", &format!("v0={hex}"))
            .build()
    }

    #[test]
    fn a_widget_message_becomes_a_private_message_in_its_conversation() {
        let request = request("POST", BODY).build();
        assert!(is_webchat(&request));
        let Ok(ListenOutcome::Messages(messages)) = listen(&request) else {
            panic!("expected a message");
        };
        let message = &messages[0];
        assert_eq!(message.event_id, "m1");
        assert_eq!(message.thread_id.as_deref(), Some("c1"));
        assert_eq!(message.author.email.as_deref(), Some("ada@example.com"));
        assert_eq!(message.visibility, Visibility::Private);
        assert_eq!(message.sent_at, Some(1_714_564_800_000));
    }

    #[test]
    fn slack_payloads_are_not_widget_messages() {
        assert!(!is_webchat(
            &request("POST", br#"{"type":"event_callback"}"#).build()
        ));
        assert!(!is_webchat(&request("POST", b"not json").build()));
    }

    #[test]
    fn widget_signatures_verify_and_one_byte_changes_fail() {
        let now = 1_714_564_800;
        let good = signed(BODY, b"widget-secret", now);
        let _host = FakeHost::new()
            .secret(SIGNING_SECRET, b"widget-secret")
            .now(now * 1000)
            .install();
        assert_eq!(WEBCHAT.verify(&good), Ok(()));
        let mut tampered = good.clone();
        tampered.body[10] ^= 1;
        assert!(matches!(
            WEBCHAT.verify(&tampered),
            Err(PluginError::Unauthorized(_))
        ));
        drop(_host);
        let _host = FakeHost::new()
            .secret(SIGNING_SECRET, b"widget-secreT")
            .now(now * 1000)
            .install();
        assert!(matches!(
            WEBCHAT.verify(&good),
            Err(PluginError::Unauthorized(_))
        ));
    }

    #[test]
    fn a_host_that_requires_signatures_refuses_without_the_secret() {
        let _host = FakeHost::new()
            .config(chorus_sdk::host::REQUIRE_SIGNATURES, "true")
            .install();
        let unsigned = request("POST", BODY).build();
        assert!(matches!(
            WEBCHAT.verify(&unsigned),
            Err(PluginError::Unauthorized(m)) if m.contains("webchat-signing-secret")
        ));
    }
}
