//! Account Activity API webhook deliveries → Chorus messages.
//!
//! Every delivery is a JSON object with `for_user_id` (the subscribed
//! account: the brand) and one or more `<kind>_events` arrays. Reference:
//! <https://docs.x.com/x-api/account-activity/introduction#payload-examples>.
//!
//! - `tweet_create_events`: mentions, replies, quote Tweets, retweets → messages;
//! - `direct_message_events` (`message_create`) → private messages, authors
//!   from the delivery's `users` map;
//! - `tweet_delete_events` → deletions;
//! - likes, follows, blocks, mutes, typing indicators, read receipts and
//!   `user_event` (app revoked) are signals, not conversations → ignored.

use std::collections::HashMap;

use chorus_sdk::{
    Attachment, Attribute, Author, ListenOutcome, Message, MessageKind, PluginError, Visibility,
};
use serde::Deserialize;
use serde_json::{Map, Value};

use crate::json::{flag, millis, nullable};
use crate::tweet::{self, Entities, Media, Tweet};
use crate::{Item, attr, bad, text};

/// X's limit for one direct message, in characters.
pub const MAX_DM_CHARS: usize = 10_000;

/// Event keys that become messages.
const CONVERSATION_KEYS: &[&str] = &[
    "tweet_create_events",
    "direct_message_events",
    "tweet_delete_events",
];

/// Keys of the envelope itself.
const ENVELOPE_KEYS: &[&str] = &[
    "for_user_id",
    "user_has_blocked",
    "is_blocked_by",
    "users",
    "apps",
];

/// Keys that are signals, not conversations, with why. Unfollows, unblocks
/// and unmutes arrive under `follow_events`, `block_events` and
/// `mute_events` with their own `type`.
const SIGNAL_KEYS: &[(&str, &str)] = &[
    ("favorite_events", "a like is a signal, not a conversation"),
    (
        "follow_events",
        "a (un)follow is a signal, not a conversation",
    ),
    (
        "unfollow_events",
        "an unfollow is a signal, not a conversation",
    ),
    (
        "block_events",
        "a (un)block is a signal, not a conversation",
    ),
    (
        "unblock_events",
        "an unblock is a signal, not a conversation",
    ),
    ("mute_events", "a (un)mute is a signal, not a conversation"),
    ("unmute_events", "an unmute is a signal, not a conversation"),
    (
        "direct_message_indicate_typing_events",
        "a typing indicator carries no message",
    ),
    (
        "direct_message_mark_read_events",
        "a read receipt carries no message",
    ),
    (
        "user_event",
        "the account revoked the app's access; there is nothing to answer",
    ),
    (
        "replay_job_status",
        "a replay job's status; replayed events arrive as deliveries of their own",
    ),
];

/// Whether a JSON object looks like an Account Activity delivery.
pub fn is_delivery(body: &Map<String, Value>) -> bool {
    body.contains_key("for_user_id")
        || body
            .keys()
            .any(|k| k.ends_with("_events") || k == "user_event" || k == "replay_job_status")
}

#[derive(Debug, Deserialize)]
struct Envelope {
    #[serde(default)]
    for_user_id: Option<String>,
    /// `"true"` on a mention by an author the subscribed account has blocked.
    #[serde(default, deserialize_with = "flag")]
    user_has_blocked: bool,
    /// The v2 Account Activity API's name for the same fact.
    #[serde(default, deserialize_with = "flag")]
    is_blocked_by: bool,
    #[serde(default, deserialize_with = "nullable")]
    tweet_create_events: Vec<Tweet>,
    #[serde(default, deserialize_with = "nullable")]
    direct_message_events: Vec<DmEvent>,
    #[serde(default, deserialize_with = "nullable")]
    tweet_delete_events: Vec<DeleteEvent>,
    #[serde(default, deserialize_with = "nullable")]
    users: HashMap<String, DmUser>,
    #[serde(default, deserialize_with = "nullable")]
    apps: HashMap<String, App>,
}

#[derive(Debug, Deserialize)]
struct DmEvent {
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

/// An entry of the delivery's `users` map (ids are strings here).
#[derive(Debug, Deserialize)]
struct DmUser {
    #[serde(default)]
    screen_name: Option<String>,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    followers_count: Option<u64>,
    #[serde(default)]
    verified: Option<bool>,
}

#[derive(Debug, Deserialize)]
struct App {
    #[serde(default)]
    name: Option<String>,
}

#[derive(Debug, Deserialize)]
struct DeleteEvent {
    status: DeletedStatus,
    #[serde(default, deserialize_with = "millis")]
    timestamp_ms: Option<i64>,
}

/// `id` / `user_id` are strings in the Account Activity API; numeric ids
/// (other X APIs) are never used, only their `*_str` twins.
#[derive(Debug, Deserialize)]
struct DeletedStatus {
    #[serde(default)]
    id: Option<Value>,
    #[serde(default)]
    id_str: Option<String>,
    #[serde(default)]
    user_id: Option<Value>,
    #[serde(default)]
    user_id_str: Option<String>,
}

/// What every message of one delivery shares.
struct Delivery<'a> {
    for_user_id: &'a str,
    user_has_blocked: bool,
    own_accounts: &'a [String],
    users: &'a HashMap<String, DmUser>,
    apps: &'a HashMap<String, App>,
}

impl Delivery<'_> {
    fn is_own(&self, user_id: &str) -> bool {
        user_id == self.for_user_id || self.own_accounts.iter().any(|a| a == user_id)
    }

    fn attributes(&self, event: &str) -> Vec<Attribute> {
        let mut attributes = vec![
            attr("x.source", "account-activity"),
            attr("x.event", event),
            attr("x.for-user-id", self.for_user_id),
        ];
        if self.user_has_blocked {
            attributes.push(attr("x.user-has-blocked", "true"));
        }
        attributes
    }
}

/// Parses one Account Activity delivery.
pub fn listen(
    body: Map<String, Value>,
    own_accounts: &[String],
) -> Result<ListenOutcome, PluginError> {
    let mut reasons: Vec<String> = body.keys().filter_map(|key| signal_reason(key)).collect();
    if !CONVERSATION_KEYS.iter().any(|k| body.contains_key(*k)) {
        if reasons.is_empty() {
            reasons.push("Account Activity delivery without events".to_owned());
        }
        return Ok(ListenOutcome::Ignore(reasons.join("; ")));
    }
    let envelope: Envelope = serde_json::from_value(Value::Object(body))
        .map_err(|e| bad(&format!("not an Account Activity payload: {e}")))?;
    let for_user_id = envelope
        .for_user_id
        .as_deref()
        .filter(|id| !id.is_empty())
        .ok_or_else(|| bad("Account Activity payload without `for_user_id`"))?;
    let delivery = Delivery {
        for_user_id,
        user_has_blocked: envelope.user_has_blocked || envelope.is_blocked_by,
        own_accounts,
        users: &envelope.users,
        apps: &envelope.apps,
    };
    let mut items = Vec::new();
    for tweet in &envelope.tweet_create_events {
        items.push(tweet_item(tweet, &delivery)?);
    }
    for event in &envelope.direct_message_events {
        items.push(dm_item(event, &delivery)?);
    }
    for event in &envelope.tweet_delete_events {
        items.push(Item::Message(Box::new(deletion(event, &delivery)?)));
    }
    if items.is_empty() {
        reasons.push("Account Activity delivery with empty event lists".to_owned());
    }
    crate::outcome(items, reasons)
}

/// Why a non-conversation key is ignored; `None` for envelope and conversation keys.
fn signal_reason(key: &str) -> Option<String> {
    if CONVERSATION_KEYS.contains(&key) || ENVELOPE_KEYS.contains(&key) {
        return None;
    }
    if let Some((_, why)) = SIGNAL_KEYS.iter().find(|(k, _)| *k == key) {
        return Some(format!("{key}: {why}"));
    }
    (key.ends_with("_events") || key.ends_with("_event"))
        .then(|| format!("unknown Account Activity event `{key}`"))
}

fn tweet_item(tweet: &Tweet, delivery: &Delivery) -> Result<Item, PluginError> {
    if delivery.is_own(tweet.author_id()) {
        return Ok(Item::Skip(format!(
            "tweet {} was written by the brand's own account {} (answering it would loop)",
            tweet.id(),
            tweet.author_id()
        )));
    }
    let mut message = tweet.to_message(delivery.for_user_id)?;
    let mut attributes = delivery.attributes("tweet_create_events");
    attributes.append(&mut message.attributes);
    message.attributes = attributes;
    Ok(Item::Message(Box::new(message)))
}

fn dm_item(event: &DmEvent, delivery: &Delivery) -> Result<Item, PluginError> {
    if event.kind != "message_create" {
        return Ok(Item::Skip(format!(
            "direct message event {} of type `{}` carries no message",
            event.id, event.kind
        )));
    }
    let create = event.message_create.as_ref().ok_or_else(|| {
        bad(&format!(
            "direct message {} without `message_create`",
            event.id
        ))
    })?;
    let sender = create.sender_id.as_str();
    if delivery.is_own(sender) {
        return Ok(Item::Skip(format!(
            "direct message {} was sent by the brand's own account {sender}",
            event.id
        )));
    }
    let data = &create.message_data;
    let media = data.attachment.as_ref().and_then(|a| a.media.as_ref());
    let text = text::clean(&data.text, &data.entities.links(media));
    if text.chars().count() > MAX_DM_CHARS {
        return Err(bad(&format!(
            "direct message {} is longer than X's {MAX_DM_CHARS} characters",
            event.id
        )));
    }
    let recipient = create
        .target
        .as_ref()
        .and_then(|t| t.recipient_id.as_deref())
        .unwrap_or(delivery.for_user_id);
    let mut attributes = delivery.attributes("direct_message_events");
    attributes.push(attr("x.recipient-id", recipient));
    if let Some(app) = &create.source_app_id {
        let name = delivery.apps.get(app).and_then(|a| a.name.as_deref());
        attributes.push(attr("x.source-app", name.unwrap_or(app)));
    }
    Ok(Item::Message(Box::new(Message {
        event_id: event.id.clone(),
        external_id: event.id.clone(),
        kind: MessageKind::Original,
        thread_id: Some(dm_conversation_id(sender, recipient)),
        in_reply_to: None,
        author: dm_author(sender, delivery.users.get(sender)),
        text,
        full_text: None,
        visibility: Visibility::Private,
        sent_at: event.created_timestamp,
        language: None,
        attachments: media
            .map(tweet::attachment)
            .into_iter()
            .collect::<Vec<Attachment>>(),
        attributes,
    })))
}

fn dm_author(id: &str, user: Option<&DmUser>) -> Author {
    Author {
        id: id.to_owned(),
        handle: user.and_then(|u| crate::non_empty(u.screen_name.clone())),
        display_name: user.and_then(|u| crate::non_empty(u.name.clone())),
        email: None,
        follower_count: user.and_then(|u| u.followers_count),
        verified: user.and_then(|u| u.verified).unwrap_or(false),
    }
}

/// X's id of a one-to-one DM conversation: both user ids, smaller first,
/// joined by `-` (the v2 `dm_conversation_id` form).
fn dm_conversation_id(a: &str, b: &str) -> String {
    let numeric = |id: &str| (id.len(), id.to_owned());
    let (low, high) = if numeric(a) <= numeric(b) {
        (a, b)
    } else {
        (b, a)
    };
    format!("{low}-{high}")
}

/// A deleted Tweet: the host marks the stored message with this external id.
/// The event id differs from the Tweet's own (`delete:<id>`), so the host's
/// de-duplication does not mistake the deletion for a retry of the Tweet.
/// Deletions by the brand's own account are passed on too: they never get a
/// reply (triage routes deletions `no-reply`), so they cannot loop.
fn deletion(event: &DeleteEvent, delivery: &Delivery) -> Result<Message, PluginError> {
    let status = &event.status;
    let id = status
        .id_str
        .clone()
        .or_else(|| string(status.id.as_ref()))
        .filter(|id| !id.is_empty())
        .ok_or_else(|| bad("tweet_delete_events entry without a string `status.id`"))?;
    let user_id = status
        .user_id_str
        .clone()
        .or_else(|| string(status.user_id.as_ref()))
        .unwrap_or_default();
    let mut attributes = delivery.attributes("tweet_delete_events");
    attributes.push(attr("x.tweet-id", &id));
    Ok(Message {
        event_id: format!("delete:{id}"),
        external_id: id,
        kind: MessageKind::Deletion,
        thread_id: None,
        in_reply_to: None,
        author: dm_author(&user_id, None),
        text: String::new(),
        full_text: None,
        visibility: Visibility::Public,
        sent_at: event.timestamp_ms,
        language: None,
        attachments: Vec::new(),
        attributes,
    })
}

fn string(value: Option<&Value>) -> Option<String> {
    value.and_then(Value::as_str).map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn object(json: &str) -> Map<String, Value> {
        match serde_json::from_str(json) {
            Ok(Value::Object(map)) => map,
            other => panic!("not an object: {other:?}"),
        }
    }

    #[test]
    fn replay_job_notices_are_ignored() {
        let body = object(
            r#"{"replay_job_status":{"webhook_id":"1","job_state":"Complete","job_id":"2"}}"#,
        );
        assert!(is_delivery(&body));
        assert!(matches!(listen(body, &[]), Ok(ListenOutcome::Ignore(r)) if r.contains("replay")));
    }

    #[test]
    fn conversation_ids_sort_numerically() {
        assert_eq!(
            dm_conversation_id("3001969357", "4337869213"),
            "3001969357-4337869213"
        );
        assert_eq!(
            dm_conversation_id("4337869213", "3001969357"),
            "3001969357-4337869213"
        );
        assert_eq!(dm_conversation_id("99", "100"), "99-100");
    }

    #[test]
    fn signal_and_unknown_keys_have_reasons() {
        assert!(signal_reason("favorite_events").is_some_and(|r| r.contains("signal")));
        assert!(signal_reason("some_new_events").is_some_and(|r| r.contains("unknown")));
        assert_eq!(signal_reason("for_user_id"), None);
        assert_eq!(signal_reason("tweet_create_events"), None);
        assert_eq!(signal_reason("noise"), None);
    }

    #[test]
    fn numeric_delete_ids_are_not_used() {
        let body = object(
            r#"{"for_user_id":"1","tweet_delete_events":[{"status":{"id":1045405559317569537}}]}"#,
        );
        assert!(matches!(listen(body, &[]), Err(PluginError::BadInput(_))));
        let body = object(
            r#"{"for_user_id":"1","tweet_delete_events":[{"status":{"id":1,"id_str":"1045405559317569537"}}]}"#,
        );
        let Ok(ListenOutcome::Messages(messages)) = listen(body, &[]) else {
            panic!("expected a deletion");
        };
        assert_eq!(messages[0].external_id, "1045405559317569537");
    }

    #[test]
    fn dms_from_other_brand_accounts_are_skipped() {
        let body = object(
            r#"{"for_user_id":"1","direct_message_events":[{"type":"message_create","id":"d1",
                "message_create":{"sender_id":"2","message_data":{"text":"hi"}}}]}"#,
        );
        let own = ["2".to_owned()];
        assert!(
            matches!(listen(body, &own), Ok(ListenOutcome::Ignore(r)) if r.contains("own account"))
        );
    }
}
