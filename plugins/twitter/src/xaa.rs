//! X Activity API (XAA) webhook deliveries → Chorus messages.
//!
//! Every delivery is `{"data": {event_uuid, filter: {user_id}, event_type,
//! tag, payload, includes}}`; `filter.user_id` is the subscribed account (the
//! brand). Reference: <https://docs.x.com/x-api/activity/introduction>.
//!
//! - `post.mention.create`, `post.reply.create`, `post.quote.create`: the
//!   payload is an X API v2 Post → a public message (`post.rs`);
//! - `post.create`: the subscribed account's own Post → ignored;
//! - `post.delete` → a deletion of that Post;
//! - `dm.received` → a private message (`dm.rs`), in either payload shape;
//! - `chat.received`: end-to-end encrypted, X delivers no text → ignored,
//!   saying where to answer;
//! - likes, follows, profile changes, Spaces, news, revocations, the
//!   account's own DMs and chats, and unknown types → ignored with a reason.
//!
//! `event_uuid` (a string or a JSON integer, often negative) is each
//! message's `event-id`: X's retries of one delivery carry the same one.

use std::collections::HashMap;

use chorus_sdk::{Attribute, Author, ListenOutcome, PluginError};
use serde::Deserialize;
use serde_json::{Map, Value};

use crate::dm::{DmEvent, Mailbox, V2DmEvent};
use crate::json::{id_text, nullable};
use crate::post::{self, Includes, Origin, Post, User};
use crate::{Item, attr, bad};

/// The `x.source` of every message from the X Activity API.
pub const SOURCE: &str = "x-activity";

/// Event types (or, ending in `.`, families) that carry nothing to answer, with why.
const IGNORED: &[(&str, &str)] = &[
    (
        "post.repost.create",
        "a repost carries no words of its own to answer",
    ),
    ("like.", "a like is a signal, not a conversation"),
    ("follow.", "a (un)follow is a signal, not a conversation"),
    ("mute.", "a (un)mute is a signal, not a conversation"),
    ("block.", "a (un)block is a signal, not a conversation"),
    ("profile.update.", "a profile change is not a conversation"),
    (
        "spaces.",
        "a Space starting or ending is not a conversation",
    ),
    (
        "news.",
        "a Grok-curated news item is not a customer message",
    ),
    (
        "oauth.revoke",
        "the account revoked the app's access; there is nothing to answer",
    ),
    (
        "dm.sent",
        "a DM sent by the subscribed account itself (answering it would loop)",
    ),
    ("dm.read", "a read receipt carries no message"),
    (
        "dm.indicate_typing",
        "a typing indicator carries no message",
    ),
    (
        "chat.sent",
        "an X Chat message sent by the subscribed account itself (answering it would loop)",
    ),
    (
        "chat.conversation_join",
        "someone joined an encrypted X Chat conversation; there is no message",
    ),
];

/// Why `chat.received` is ignored: what the agent can do about it.
const ENCRYPTED_CHAT: &str =
    "encrypted X Chat message: X does not deliver its content to apps; answer it in the X app";

/// Whether a JSON object is an X Activity API delivery: a `data` object with
/// `event_type` and a `payload` (or an `event_uuid`).
pub fn is_delivery(body: &Map<String, Value>) -> bool {
    body.get("data")
        .and_then(Value::as_object)
        .is_some_and(|data| {
            data.contains_key("event_type")
                && (data.contains_key("payload") || data.contains_key("event_uuid"))
        })
}

#[derive(Debug, Deserialize)]
struct Envelope {
    data: Event,
}

#[derive(Debug, Deserialize)]
struct Event {
    #[serde(deserialize_with = "id_text")]
    event_uuid: String,
    event_type: String,
    #[serde(default, deserialize_with = "nullable")]
    filter: Filter,
    #[serde(default)]
    tag: Option<String>,
    #[serde(default)]
    payload: Value,
    #[serde(default)]
    includes: Value,
}

#[derive(Debug, Deserialize, Default)]
struct Filter {
    #[serde(default)]
    user_id: Option<String>,
}

/// `post.delete`: the deleted Post and who wrote it.
#[derive(Debug, Deserialize)]
struct Deleted {
    id: String,
    #[serde(default)]
    author_id: Option<String>,
}

/// `dm.received` as documented: AAA-style DM events and a `users` map of
/// (wrapped) v2 users.
#[derive(Debug, Deserialize)]
struct DmBatch {
    direct_message_events: Vec<DmEvent>,
    #[serde(default, deserialize_with = "nullable")]
    users: HashMap<String, User>,
}

/// Parses one X Activity API delivery.
pub fn listen(
    body: Map<String, Value>,
    own_accounts: &[String],
) -> Result<ListenOutcome, PluginError> {
    let Envelope { data: event } = serde_json::from_value(Value::Object(body))
        .map_err(|e| bad(&format!("not an X Activity API delivery: {e}")))?;
    if event.event_uuid.trim().is_empty() {
        return Err(bad("X Activity API delivery with an empty `event_uuid`"));
    }
    let kind = event.event_type.as_str();
    let item = match kind {
        "post.mention.create" | "post.reply.create" | "post.quote.create" | "post.create" => {
            post_item(&event, own_accounts)?
        }
        "post.delete" => deletion(&event)?,
        "dm.received" => return dms(&event, own_accounts),
        "chat.received" => Item::Skip(chat_reason(&event.payload)),
        _ => Item::Skip(ignored_reason(kind)),
    };
    let item = match item {
        Item::Skip(reason) => Item::Skip(format!("{kind}: {reason}")),
        message => message,
    };
    crate::outcome(vec![item], Vec::new())
}

impl Event {
    /// `filter.user_id`, required for events that become messages.
    fn user_id(&self) -> Result<&str, PluginError> {
        self.filter
            .user_id
            .as_deref()
            .filter(|id| !id.trim().is_empty())
            .ok_or_else(|| {
                bad(&format!(
                    "X Activity API `{}` delivery without `filter.user_id`: the subscribed \
                     account is needed to tell the brand's own posts from customers'",
                    self.event_type
                ))
            })
    }

    /// `x.event`, `x.for-user-id` and `x.subscription-tag`.
    fn attributes(&self, user_id: &str) -> Vec<Attribute> {
        let mut attributes = vec![
            attr("x.event", &self.event_type),
            attr("x.for-user-id", user_id),
        ];
        if let Some(tag) = crate::non_empty(self.tag.clone()) {
            attributes.push(attr("x.subscription-tag", &tag));
        }
        attributes
    }

    fn payload<T: for<'de> Deserialize<'de>>(&self, what: &str) -> Result<T, PluginError> {
        serde_json::from_value(self.payload.clone()).map_err(|e| {
            bad(&format!(
                "X Activity API `{}` payload is not {what}: {e}",
                self.event_type
            ))
        })
    }

    fn includes(&self) -> Result<Includes, PluginError> {
        if self.includes.is_null() {
            return Ok(Includes::default());
        }
        serde_json::from_value(self.includes.clone()).map_err(|e| {
            bad(&format!(
                "X Activity API `{}` includes: {e}",
                self.event_type
            ))
        })
    }
}

/// The brand's accounts: the subscribed one first.
fn own(user_id: &str, own_accounts: &[String]) -> Vec<String> {
    std::iter::once(user_id.to_owned())
        .chain(own_accounts.iter().cloned())
        .collect()
}

/// A mention, reply or quote of the subscribed account (or its own Post,
/// which is skipped) as a message keyed by the delivery's `event_uuid`.
fn post_item(event: &Event, own_accounts: &[String]) -> Result<Item, PluginError> {
    let user_id = event.user_id()?;
    let post: Post = event.payload("an X API v2 Post")?;
    let own = own(user_id, own_accounts);
    let origin = Origin {
        source: SOURCE,
        own: &own,
        extra: event.attributes(user_id),
    };
    let item = post.to_item(&event.includes()?, origin)?;
    Ok(match item {
        Item::Message(mut message) => {
            message.event_id = event.event_uuid.clone();
            let marked = message
                .attributes
                .iter()
                .any(|a| a.key == "x.mentions-brand");
            if event.event_type == "post.mention.create" && !marked {
                message.attributes.push(attr("x.mentions-brand", "true"));
            }
            Item::Message(message)
        }
        skip => skip,
    })
}

/// `post.delete`: the host marks the stored Post as deleted.
fn deletion(event: &Event) -> Result<Item, PluginError> {
    let deleted: Deleted = event.payload("a deleted Post (`id`, `author_id`)")?;
    if deleted.id.trim().is_empty() {
        return Err(bad(
            "X Activity API `post.delete` payload with an empty `id`",
        ));
    }
    // X fires post.delete for the filtered user's own Posts.
    let author_id = match crate::non_empty(deleted.author_id) {
        Some(author) => author,
        None => event.user_id()?.to_owned(),
    };
    let for_user = crate::non_empty(event.filter.user_id.clone()).unwrap_or(author_id.clone());
    let mut attributes = vec![attr("x.source", SOURCE)];
    attributes.extend(event.attributes(&for_user));
    attributes.push(attr("x.tweet-id", &deleted.id));
    let includes = event.includes().unwrap_or_default();
    Ok(Item::Message(Box::new(crate::deletion(
        event.event_uuid.clone(),
        deleted.id,
        post::author(&author_id, includes.user(&author_id)),
        None,
        attributes,
    ))))
}

/// `dm.received`: one private message per DM, whichever shape X used.
fn dms(event: &Event, own_accounts: &[String]) -> Result<ListenOutcome, PluginError> {
    let user_id = event.user_id()?;
    let own = own(user_id, own_accounts);
    let documented = event
        .payload
        .as_object()
        .is_some_and(|p| p.contains_key("direct_message_events"));
    let items = if documented {
        let batch: DmBatch = event.payload("a batch of `direct_message_events`")?;
        let mailbox = Dms {
            event,
            own: &own,
            users: Users::Map(&batch.users),
        };
        batch
            .direct_message_events
            .iter()
            .map(|dm| dm.to_item(&mailbox))
            .collect::<Result<Vec<_>, _>>()?
    } else {
        let dm: V2DmEvent = event.payload("an X API v2 DM event")?;
        let includes = event.includes()?;
        let mailbox = Dms {
            event,
            own: &own,
            users: Users::Includes(&includes),
        };
        vec![dm.to_item(&mailbox)?]
    };
    let items = items
        .into_iter()
        .map(|item| match item {
            Item::Message(mut message) => {
                // One delivery, one key: X's retries carry the same event_uuid.
                message.event_id = event.event_uuid.clone();
                Item::Message(message)
            }
            Item::Skip(reason) => Item::Skip(format!("dm.received: {reason}")),
        })
        .collect::<Vec<_>>();
    let reasons = if items.is_empty() {
        vec!["dm.received: a delivery without direct message events".to_owned()]
    } else {
        Vec::new()
    };
    crate::outcome(items, reasons)
}

/// Where the senders of `dm.received` are named.
#[derive(Debug)]
enum Users<'a> {
    /// The documented `users` map, by user id.
    Map(&'a HashMap<String, User>),
    /// `includes.users` (the X API v2 DM shape).
    Includes(&'a Includes),
}

/// The [`Mailbox`] of one `dm.received` delivery.
#[derive(Debug)]
struct Dms<'a> {
    event: &'a Event,
    /// The subscribed account first (see [`own`]), then the brand's others.
    own: &'a [String],
    users: Users<'a>,
}

impl Mailbox for Dms<'_> {
    fn for_user_id(&self) -> &str {
        self.own.first().map_or("", String::as_str)
    }

    fn is_own(&self, user_id: &str) -> bool {
        self.own.iter().any(|o| o == user_id)
    }

    fn author(&self, user_id: &str) -> Author {
        let user = match self.users {
            Users::Map(map) => map.get(user_id),
            Users::Includes(includes) => includes.user(user_id),
        };
        post::author(user_id, user)
    }

    fn attributes(&self) -> Vec<Attribute> {
        let mut attributes = vec![attr("x.source", SOURCE)];
        attributes.extend(self.event.attributes(self.for_user_id()));
        attributes
    }
}

/// `chat.received`: who wrote, and that the words can only be read in X.
fn chat_reason(payload: &Value) -> String {
    let field = |key: &str| payload.get(key).and_then(Value::as_str);
    match (field("sender_id"), field("conversation_id")) {
        (Some(sender), Some(conversation)) => {
            format!("{ENCRYPTED_CHAT} (from user {sender}, conversation {conversation})")
        }
        (Some(sender), None) => format!("{ENCRYPTED_CHAT} (from user {sender})"),
        _ => ENCRYPTED_CHAT.to_owned(),
    }
}

/// Why an event type that is not a conversation is ignored.
fn ignored_reason(event_type: &str) -> String {
    IGNORED
        .iter()
        .find(|(name, _)| {
            if name.ends_with('.') {
                event_type.starts_with(name)
            } else {
                event_type == *name
            }
        })
        .map_or_else(
            || "unknown X Activity API event type; nothing to answer".to_owned(),
            |(_, why)| (*why).to_owned(),
        )
}

#[cfg(test)]
mod tests {
    use chorus_sdk::{MessageKind, Visibility};

    use super::*;

    fn object(json: &str) -> Map<String, Value> {
        match serde_json::from_str(json) {
            Ok(Value::Object(map)) => map,
            other => panic!("not an object: {other:?}"),
        }
    }

    fn run(json: &str, own: &[String]) -> Result<ListenOutcome, PluginError> {
        let _host = chorus_sdk::testing::FakeHost::new().install();
        let body = object(json);
        assert!(is_delivery(&body), "{json}");
        listen(body, own)
    }

    fn message(json: &str) -> chorus_sdk::Message {
        match run(json, &[]) {
            Ok(ListenOutcome::Messages(mut m)) => m.remove(0),
            other => panic!("expected a message, got {other:?}"),
        }
    }

    fn ignored(json: &str, own: &[String]) -> String {
        match run(json, own) {
            Ok(ListenOutcome::Ignore(reason)) => reason,
            other => panic!("expected ignore, got {other:?}"),
        }
    }

    const MENTION: &str = r#"{"data":{"event_uuid":UUID,"filter":{"user_id":"100"},
        "event_type":"post.mention.create","payload":{"id":"555","text":"@acme hi",
        "author_id":"200","conversation_id":"555"}INCLUDES}}"#;

    fn mention(uuid: &str, includes: &str) -> String {
        MENTION.replace("UUID", uuid).replace("INCLUDES", includes)
    }

    #[test]
    fn event_uuids_may_be_strings_or_numbers_even_negative() {
        for (uuid, expected) in [
            (r#""-1234567890123456789""#, "-1234567890123456789"),
            ("-1234567890123456789", "-1234567890123456789"),
            ("2080765813578191303", "2080765813578191303"),
        ] {
            assert_eq!(message(&mention(uuid, "")).event_id, expected);
        }
        for uuid in ["1.5", "null", r#""""#, "[]"] {
            assert!(
                matches!(run(&mention(uuid, ""), &[]), Err(PluginError::BadInput(_))),
                "{uuid}"
            );
        }
    }

    #[test]
    fn a_mention_without_includes_keeps_its_author_id() {
        let m = message(&mention(r#""9""#, ""));
        assert_eq!(m.author.id, "200");
        assert_eq!(m.author.handle, None);
        assert_eq!(m.external_id, "555");
        assert_eq!(m.visibility, Visibility::Public);
        assert!(m.attributes.iter().any(|a| a.key == "x.mentions-brand"));
        let named = message(&mention(
            r#""9""#,
            r#","includes":{"users":[{"id":"200","username":"ana_b","name":"Ana B."}]}"#,
        ));
        assert_eq!(named.author.display_name.as_deref(), Some("Ana B."));
    }

    #[test]
    fn own_posts_and_other_brand_accounts_are_skipped() {
        let own_post =
            mention(r#""9""#, "").replace(r#""author_id":"200""#, r#""author_id":"100""#);
        assert!(ignored(&own_post, &[]).contains("own account 100"));
        let sibling = ["200".to_owned()];
        assert!(ignored(&mention(r#""9""#, ""), &sibling).contains("own account 200"));
    }

    #[test]
    fn unknown_and_signal_types_are_ignored_never_errors() {
        for (kind, expected) in [
            ("like.create", "like"),
            ("follow.unfollow", "follow"),
            ("profile.update.bio", "profile"),
            ("spaces.start", "Space"),
            ("news.new", "news"),
            ("oauth.revoke", "revoked"),
            ("dm.sent", "loop"),
            ("chat.sent", "loop"),
            ("post.repost.create", "repost"),
            ("quantum.entangle", "unknown"),
        ] {
            let json = format!(
                r#"{{"data":{{"event_uuid":"-7","filter":{{}},"event_type":"{kind}","payload":{{"x":1}}}}}}"#
            );
            let reason = ignored(&json, &[]);
            assert!(
                reason.starts_with(kind) && reason.contains(expected),
                "{reason}"
            );
        }
    }

    #[test]
    fn encrypted_chats_say_where_to_answer() {
        let reason = ignored(
            r#"{"data":{"event_uuid":"1","filter":{"user_id":"100"},"event_type":"chat.received",
                "payload":{"sender_id":"200","conversation_id":"200:100","encoded_event":"Cw"}}}"#,
            &[],
        );
        assert!(reason.contains("answer it in the X app") && reason.contains("200"));
    }

    #[test]
    fn deletions_and_dms_in_both_shapes() {
        let deleted = message(
            r#"{"data":{"event_uuid":"-3","filter":{"user_id":"100"},"event_type":"post.delete",
                "payload":{"id":"555"}}}"#,
        );
        assert_eq!(deleted.kind, MessageKind::Deletion);
        assert_eq!(
            (deleted.external_id.as_str(), deleted.author.id.as_str()),
            ("555", "100")
        );
        let v2 = message(
            r#"{"data":{"event_uuid":"-4","filter":{"user_id":"100"},"event_type":"dm.received",
                "payload":{"id":"77","event_type":"MessageCreate","text":"hola","sender_id":"200",
                  "dm_conversation_id":"100-200","created_at":"2026-03-01T10:00:00.000Z",
                  "participant_ids":["200","100"]}}}"#,
        );
        assert_eq!(v2.visibility, Visibility::Private);
        assert_eq!(
            (v2.event_id.as_str(), v2.external_id.as_str()),
            ("-4", "77")
        );
        assert_eq!(v2.thread_id.as_deref(), Some("100-200"));
        let documented = message(
            r#"{"data":{"event_uuid":"-5","filter":{"user_id":"100"},"event_type":"dm.received",
                "payload":{"direct_message_events":[{"type":"message_create","id":"78",
                  "created_timestamp":"1772359200000","message_create":{"target":{"recipient_id":"100"},
                  "sender_id":"200","message_data":{"text":"hi"}}}],
                  "users":{"200":{"data":{"id":"200","username":"ana_b"}}}}}}"#,
        );
        assert_eq!(documented.author.handle.as_deref(), Some("ana_b"));
        assert_eq!(documented.thread_id.as_deref(), Some("100-200"));
    }

    #[test]
    fn conversation_events_need_the_subscribed_account() {
        let json = mention(r#""9""#, "").replace(r#""filter":{"user_id":"100"},"#, "");
        assert!(matches!(
            run(&json, &[]),
            Err(PluginError::BadInput(reason)) if reason.contains("filter.user_id")
        ));
    }
}
