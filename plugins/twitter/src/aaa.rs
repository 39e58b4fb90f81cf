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

use chorus_sdk::{Attribute, Author, ListenOutcome, Message, PluginError};
use serde::Deserialize;
use serde_json::{Map, Value};

use crate::dm::{DmEvent, Mailbox};
use crate::json::{flag, millis, nullable};
use crate::tweet::Tweet;
use crate::{Item, attr, bad};

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

impl Mailbox for Delivery<'_> {
    fn for_user_id(&self) -> &str {
        self.for_user_id
    }

    fn is_own(&self, user_id: &str) -> bool {
        user_id == self.for_user_id || self.own_accounts.iter().any(|a| a == user_id)
    }

    fn author(&self, user_id: &str) -> Author {
        dm_author(user_id, self.users.get(user_id))
    }

    fn app_name(&self, app_id: &str) -> Option<&str> {
        self.apps.get(app_id).and_then(|a| a.name.as_deref())
    }

    fn attributes(&self) -> Vec<Attribute> {
        self.attributes_of("direct_message_events")
    }
}

impl Delivery<'_> {
    fn attributes_of(&self, event: &str) -> Vec<Attribute> {
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
        items.push(event.to_item(&delivery)?);
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
    let mut attributes = delivery.attributes_of("tweet_create_events");
    attributes.append(&mut message.attributes);
    message.attributes = attributes;
    Ok(Item::Message(Box::new(message)))
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
        .filter(|user| !user.is_empty())
        .ok_or_else(|| {
            bad(&format!(
                "tweet_delete_events entry {id} without a string `status.user_id`"
            ))
        })?;
    let mut attributes = delivery.attributes_of("tweet_delete_events");
    attributes.push(attr("x.tweet-id", &id));
    Ok(crate::deletion(
        format!("delete:{id}"),
        id,
        dm_author(&user_id, None),
        event.timestamp_ms,
        attributes,
    ))
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
            r#"{"for_user_id":"1","tweet_delete_events":[{"status":{"id":1,"id_str":"1045405559317569537","user_id_str":"2"}}]}"#,
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
