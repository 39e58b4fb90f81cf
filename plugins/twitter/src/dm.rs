//! Direct messages → private Chorus messages, in the two shapes X delivers:
//!
//! - the `message_create` DM event of `direct_message_events` (Account
//!   Activity deliveries, and X Activity API `dm.received` payloads);
//! - the X API v2 DM event (`event_type: MessageCreate`, `sender_id`,
//!   `dm_conversation_id`, `created_at`).
//!
//! Who the DMs are for, and how their senders are named, depends on the
//! delivery: that is the [`Mailbox`].

use chorus_sdk::{Attachment, Attribute, Author, Message, MessageKind, PluginError, Visibility};
use serde::Deserialize;

use crate::json::{millis, nullable};
use crate::tweet::{self, Entities, Media};
use crate::{Item, attr, bad, text, time};

/// X's limit for one direct message, in characters.
pub const MAX_DM_CHARS: usize = 10_000;

/// What every DM of one delivery shares.
pub trait Mailbox {
    /// The subscribed account (the brand) the DMs were delivered for.
    fn for_user_id(&self) -> &str;
    /// Whether `user_id` is one of the brand's accounts (whose DMs are skipped).
    fn is_own(&self, user_id: &str) -> bool;
    /// The sender as a Chorus author.
    fn author(&self, user_id: &str) -> Author;
    /// The name of the app a DM was sent with, when the delivery names it.
    fn app_name(&self, _app_id: &str) -> Option<&str> {
        None
    }
    /// The delivery's attributes (`x.source`, `x.event`, …), first on every DM.
    fn attributes(&self) -> Vec<Attribute>;
}

/// A `direct_message_events` entry.
#[derive(Debug, Deserialize)]
pub struct DmEvent {
    #[serde(rename = "type")]
    kind: String,
    id: String,
    #[serde(default, deserialize_with = "millis")]
    created_timestamp: Option<i64>,
    #[serde(default)]
    message_create: Option<MessageCreate>,
}

#[derive(Debug, Deserialize)]
struct MessageCreate {
    #[serde(default)]
    target: Option<Target>,
    sender_id: String,
    #[serde(default)]
    source_app_id: Option<String>,
    message_data: MessageData,
}

#[derive(Debug, Deserialize)]
struct Target {
    #[serde(default)]
    recipient_id: Option<String>,
}

#[derive(Debug, Deserialize)]
struct MessageData {
    #[serde(default)]
    text: String,
    #[serde(default, deserialize_with = "nullable")]
    entities: Entities,
    #[serde(default)]
    attachment: Option<DmAttachment>,
}

#[derive(Debug, Deserialize)]
struct DmAttachment {
    #[serde(default)]
    media: Option<Media>,
}

/// An X API v2 DM event.
#[derive(Debug, Deserialize)]
pub struct V2DmEvent {
    id: String,
    event_type: String,
    #[serde(default)]
    text: String,
    #[serde(default)]
    sender_id: Option<String>,
    #[serde(default)]
    dm_conversation_id: Option<String>,
    #[serde(default)]
    created_at: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    participant_ids: Vec<String>,
}

/// One DM, whatever shape it came in.
#[derive(Debug)]
struct Dm<'a> {
    id: &'a str,
    sender: &'a str,
    recipient: &'a str,
    thread: String,
    text: String,
    sent_at: Option<i64>,
    attachments: Vec<Attachment>,
    extra: Vec<Attribute>,
}

impl DmEvent {
    /// The DM as a private message, or why it is skipped (not a
    /// `message_create`, or sent by the brand).
    pub fn to_item(&self, mailbox: &impl Mailbox) -> Result<Item, PluginError> {
        if self.kind != "message_create" {
            return Ok(Item::Skip(format!(
                "direct message event {} of type `{}` carries no message",
                self.id, self.kind
            )));
        }
        let create = self.message_create.as_ref().ok_or_else(|| {
            bad(&format!(
                "direct message {} without `message_create`",
                self.id
            ))
        })?;
        let sender = create.sender_id.as_str();
        let recipient = create
            .target
            .as_ref()
            .and_then(|t| t.recipient_id.as_deref())
            .unwrap_or(mailbox.for_user_id());
        let data = &create.message_data;
        let media = data.attachment.as_ref().and_then(|a| a.media.as_ref());
        let mut extra = Vec::new();
        if let Some(app) = &create.source_app_id {
            extra.push(attr("x.source-app", mailbox.app_name(app).unwrap_or(app)));
        }
        Dm {
            id: &self.id,
            sender,
            recipient,
            thread: conversation_id(sender, recipient),
            text: text::clean(&data.text, &data.entities.links(media)),
            sent_at: self.created_timestamp,
            attachments: media.map(tweet::attachment).into_iter().collect(),
            extra,
        }
        .into_item(mailbox)
    }
}

impl V2DmEvent {
    /// The DM as a private message, or why it is skipped (not a
    /// `MessageCreate`, or sent by the brand).
    pub fn to_item(&self, mailbox: &impl Mailbox) -> Result<Item, PluginError> {
        if self.event_type != "MessageCreate" {
            return Ok(Item::Skip(format!(
                "direct message event {} of type `{}` carries no message",
                self.id, self.event_type
            )));
        }
        let sender = self
            .sender_id
            .as_deref()
            .filter(|s| !s.is_empty())
            .ok_or_else(|| bad(&format!("direct message {} without `sender_id`", self.id)))?;
        let recipient = self
            .participant_ids
            .iter()
            .map(String::as_str)
            .find(|p| *p != sender)
            .unwrap_or(mailbox.for_user_id());
        let sent_at = self
            .created_at
            .as_deref()
            .map(|at| {
                time::parse_iso8601(at).ok_or_else(|| {
                    bad(&format!(
                        "direct message {}: created_at {at:?} is not ISO 8601",
                        self.id
                    ))
                })
            })
            .transpose()?;
        Dm {
            id: &self.id,
            sender,
            recipient,
            thread: self
                .dm_conversation_id
                .clone()
                .filter(|c| !c.is_empty())
                .unwrap_or_else(|| conversation_id(sender, recipient)),
            text: text::clean(&self.text, &[]),
            sent_at,
            attachments: Vec::new(),
            extra: Vec::new(),
        }
        .into_item(mailbox)
    }
}

impl Dm<'_> {
    fn into_item(self, mailbox: &impl Mailbox) -> Result<Item, PluginError> {
        if mailbox.is_own(self.sender) {
            return Ok(Item::Skip(format!(
                "direct message {} was sent by the brand's own account {}",
                self.id, self.sender
            )));
        }
        if self.text.chars().count() > MAX_DM_CHARS {
            return Err(bad(&format!(
                "direct message {} is longer than X's {MAX_DM_CHARS} characters",
                self.id
            )));
        }
        let mut attributes = mailbox.attributes();
        attributes.push(attr("x.recipient-id", self.recipient));
        attributes.extend(self.extra);
        Ok(Item::Message(Box::new(Message {
            event_id: self.id.to_owned(),
            external_id: self.id.to_owned(),
            kind: MessageKind::Original,
            thread_id: Some(self.thread),
            in_reply_to: None,
            author: mailbox.author(self.sender),
            text: self.text,
            full_text: None,
            visibility: Visibility::Private,
            sent_at: self.sent_at,
            language: None,
            attachments: self.attachments,
            attributes,
        })))
    }
}

/// X's id of a one-to-one DM conversation: both user ids, smaller first,
/// joined by `-` (the v2 `dm_conversation_id` form).
pub fn conversation_id(a: &str, b: &str) -> String {
    let numeric = |id: &str| (id.len(), id.to_owned());
    let (low, high) = if numeric(a) <= numeric(b) {
        (a, b)
    } else {
        (b, a)
    };
    format!("{low}-{high}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conversation_ids_sort_numerically() {
        assert_eq!(
            conversation_id("3001969357", "4337869213"),
            "3001969357-4337869213"
        );
        assert_eq!(
            conversation_id("4337869213", "3001969357"),
            "3001969357-4337869213"
        );
        assert_eq!(conversation_id("99", "100"), "99-100");
    }
}
