//! Chorus X/Twitter plugin: Account Activity API and X Activity API
//! webhooks, and X API v2 keyword listening.
//!
//! - `GET ?crc_token=…` (X's CRC check) is answered with the HMAC response token.
//! - Every POST is verified with `x-twitter-webhooks-signature`, through the
//!   host's HMAC import: the consumer secret never enters the plugin.
//! - Account Activity deliveries: Tweets (mentions, replies, quotes) and DMs
//!   become messages, deletions mark them; likes, follows, typing indicators,
//!   read receipts and app revocations are ignored with a reason.
//! - X Activity API deliveries (`data.event_type`, `data.payload`):
//!   mentions, replies, quotes and DMs become messages, `post.delete` a
//!   deletion; every other event type is ignored with a reason.
//! - X API v2 `data` + `includes` (recent search pages, filtered-stream
//!   lines) become one message per Tweet; Tweets without `author_id` never
//!   become anonymous messages.
//! - The brand's own Tweets and DMs are ignored, or replies would loop.
//! - Replies are counted as X counts (URLs 23, CJK and emoji 2) and fit 280.
//!
//! See `README.md` next to this file for the brand configuration it needs.

mod aaa;
mod count;
mod crc;
mod dm;
mod json;
mod post;
mod send;
mod signature;
mod text;
mod time;
mod tweet;
mod v2;
mod xaa;

use chorus_sdk::suggest::{ChannelForm, compose};
use chorus_sdk::triage::{Signal, assess};
use chorus_sdk::{
    Attribute, Author, Capability, ChannelKind, ConfigKind, Context, ConversationRef, HttpRequest,
    ListenOutcome, LogLevel, Message, MessageKind, OutboundRequest, OutgoingReply, Plugin,
    PluginError, PluginInfo, PluginManifest, Priority, ReplyFormat, Route, Suggestion, Triage,
    Visibility,
};
use serde_json::{Map, Value};

pub use count::{MAX_TWEET_LENGTH, fit, x_length};

/// Name of the brand secret holding the X app's consumer secret (API secret).
pub const CONSUMER_SECRET: &str = "x-consumer-secret";

/// Brand config key: comma-separated user ids of the brand's other X accounts,
/// whose Tweets and DMs are ignored like those of `for_user_id`.
pub const OWN_USER_IDS: &str = "own-user-ids";

/// Largest body accepted. Account Activity deliveries are a few KiB; a v2
/// search page of 100 Tweets with expansions a few hundred KiB.
pub const MAX_BODY_BYTES: usize = 1 << 20;

/// X's limit for one direct message, in characters.
pub const MAX_DM_LENGTH: u32 = 10_000;

/// Authors with at least this many followers get the `high-reach` label.
pub const HIGH_REACH_FOLLOWERS: u64 = 10_000;

/// The host accepts at most this many messages from one request.
pub const MAX_MESSAGES: usize = 100;

/// The X/Twitter plugin.
#[derive(Debug)]
pub struct Twitter;

impl Plugin for Twitter {
    fn metadata() -> PluginInfo {
        let mut info = chorus_sdk::plugin_info(
            "twitter",
            env!("CARGO_PKG_VERSION"),
            "X/Twitter: Account Activity and X Activity API webhooks (CRC, signatures, posts, DMs) and X API v2 keyword listening",
            ChannelKind::Social,
        );
        info.capabilities = vec![
            Capability::Config,
            Capability::Secrets,
            Capability::Knowledge,
        ];
        // The consumer secret verifies webhooks; the access token sends replies.
        info.secrets = vec![CONSUMER_SECRET.to_owned(), send::ACCESS_TOKEN.to_owned()];
        info
    }

    fn manifest() -> PluginManifest {
        let mut manifest = chorus_sdk::plugin_manifest();
        manifest.config = vec![
            chorus_sdk::config_field(
                OWN_USER_IDS,
                "user ids of the brand's other X accounts, whose posts and DMs are ignored",
                ConfigKind::TextList,
                false,
            ),
            chorus_sdk::config_field(
                send::API_URL,
                "the base URL of X's API that replies go to (default https://api.x.com)",
                ConfigKind::Text,
                false,
            ),
        ];
        manifest.send_to = send::API_HOSTS.map(str::to_owned).to_vec();
        // No host cap: X counts a post's 280 by weight (a link is 23, most
        // CJK characters 2), which the plugin applies itself.
        manifest.reply = ReplyFormat {
            voice_channels: vec!["twitter".to_owned(), "x".to_owned(), "social".to_owned()],
            max_reply_length: 0,
        };
        manifest
    }

    fn listen(request: HttpRequest) -> Result<ListenOutcome, PluginError> {
        if request.method.eq_ignore_ascii_case("GET") {
            return crc::respond(&request);
        }
        if !request.method.eq_ignore_ascii_case("POST") {
            return Err(PluginError::Unsupported(format!(
                "method {}: X sends GET (CRC) and POST (events)",
                request.method
            )));
        }
        check_body(&request)?;
        signature::verify(&request)?;
        let body = parse_object(&request.body)?;
        let own = own_accounts();
        if aaa::is_delivery(&body) {
            aaa::listen(body, &own)
        } else if xaa::is_delivery(&body) {
            xaa::listen(body, &own)
        } else if v2::is_response(&body) {
            v2::listen(body, &own)
        } else {
            Err(PluginError::Unsupported(
                "neither an Account Activity delivery (`for_user_id`, `*_events`), an X Activity API \
                 event (`data.event_type`, `data.payload`) nor an X API v2 payload (`data`)"
                    .to_owned(),
            ))
        }
    }

    fn triage(message: Message, context: Context) -> Result<Triage, PluginError> {
        let signals = channel_signals(&message);
        // Links are left out: their Tweet ids look like phone or card numbers.
        let mut words = message;
        words.text = text::without_links(&words.text);
        Ok(assess(&words, &context, &signals))
    }

    fn suggest(
        message: Message,
        triage: Triage,
        context: Context,
    ) -> Result<Vec<Suggestion>, PluginError> {
        let public = message.visibility == Visibility::Public;
        let prefix = match (&message.author.handle, public) {
            (Some(handle), true) if !handle.is_empty() => format!("@{handle} "),
            _ => String::new(),
        };
        let form = ChannelForm {
            channel: "twitter".to_owned(),
            prefix: prefix.clone(),
            max_length: if public {
                MAX_TWEET_LENGTH as u32
            } else {
                MAX_DM_LENGTH
            },
            private_channel: "a DM".to_owned(),
        };
        let mut suggestions = compose(&message, &triage, &context, &form);
        if public {
            // compose counts characters; X counts URLs as 23 and CJK and emoji as 2.
            for suggestion in &mut suggestions {
                suggestion.text = fit(&suggestion.text, &prefix, MAX_TWEET_LENGTH);
            }
        }
        Ok(suggestions)
    }

    fn deliver(
        reply: OutgoingReply,
        to: ConversationRef,
    ) -> Result<Vec<OutboundRequest>, PluginError> {
        send::deliver(&reply, &to)
    }
}

/// Size, emptiness and media type, checked before anything is computed over
/// the body (the signature's HMAC included).
fn check_body(request: &HttpRequest) -> Result<(), PluginError> {
    if request.body.len() > MAX_BODY_BYTES {
        return Err(PluginError::BadInput(format!(
            "payload of {} bytes exceeds {MAX_BODY_BYTES}: not an X event",
            request.body.len()
        )));
    }
    if request.body.is_empty() {
        return Err(PluginError::BadInput(
            "empty body: expected an X JSON payload".to_owned(),
        ));
    }
    match request.media_type() {
        Some(media) if media != "application/json" => Err(PluginError::Unsupported(format!(
            "content type {media}: X sends application/json"
        ))),
        _ => Ok(()),
    }
}

fn parse_object(body: &[u8]) -> Result<Map<String, Value>, PluginError> {
    match serde_json::from_slice(body) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(other) => Err(bad(&format!(
            "expected a JSON object, got {}",
            kind_of(&other)
        ))),
        Err(e) => Err(bad(&format!("not JSON: {e}"))),
    }
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// The brand's other accounts, from config [`OWN_USER_IDS`].
fn own_accounts() -> Vec<String> {
    chorus_sdk::host::config(OWN_USER_IDS)
        .unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|id| !id.is_empty())
        .map(str::to_owned)
        .collect()
}

/// One event of a delivery: a message, or why it was skipped.
#[derive(Debug)]
enum Item {
    Message(Box<Message>),
    Skip(String),
}

/// Messages when there are any (skipped events are logged), else an ignore
/// with every reason.
fn outcome(items: Vec<Item>, mut reasons: Vec<String>) -> Result<ListenOutcome, PluginError> {
    let mut messages = Vec::new();
    for item in items {
        match item {
            Item::Message(message) => messages.push(*message),
            Item::Skip(reason) => reasons.push(reason),
        }
    }
    if messages.len() > MAX_MESSAGES {
        return Err(PluginError::Unsupported(format!(
            "{} messages in one request; the host accepts at most {MAX_MESSAGES}",
            messages.len()
        )));
    }
    if messages.is_empty() {
        return Ok(ListenOutcome::Ignore(reasons.join("; ")));
    }
    for reason in reasons {
        chorus_sdk::host::log(LogLevel::Info, &format!("skipped: {reason}"));
    }
    Ok(ListenOutcome::Messages(messages))
}

/// A deleted Tweet: the host marks the stored message whose external id is
/// `tweet_id`. The text is empty; `event_id` must differ from the Tweet's own
/// so that the host's de-duplication does not take it for a retry.
pub(crate) fn deletion(
    event_id: String,
    tweet_id: String,
    author: Author,
    sent_at: Option<i64>,
    attributes: Vec<Attribute>,
) -> Message {
    Message {
        event_id,
        external_id: tweet_id,
        kind: MessageKind::Deletion,
        thread_id: None,
        in_reply_to: None,
        author,
        text: String::new(),
        full_text: None,
        visibility: Visibility::Public,
        sent_at,
        language: None,
        attachments: Vec::new(),
        attributes,
    }
}

/// X-specific facts that bear on triage.
fn channel_signals(message: &Message) -> Vec<Signal> {
    if message.kind == MessageKind::Deletion {
        return vec![Signal::note("deleted", "the author deleted it").with_route(Route::NoReply)];
    }
    let mut signals = Vec::new();
    if message.kind == MessageKind::Edit {
        signals.push(Signal::note(
            "edited",
            "an edited version of an earlier Tweet",
        ));
    }
    if let Some(followers) = message.author.follower_count
        && followers >= HIGH_REACH_FOLLOWERS
    {
        signals.push(
            Signal::note(
                "high-reach",
                format!("author has {} followers", thousands(followers)),
            )
            .with_priority(Priority::High),
        );
    }
    if message.author.verified {
        signals.push(Signal::note("verified", "author is verified on X"));
    }
    if message.visibility == Visibility::Private {
        signals.push(Signal::note("direct", "sent as a direct message"));
    } else {
        signals.extend(public_signals(message));
    }
    if message.in_reply_to.is_some() {
        signals.push(Signal::note("thread-reply", "reply in an existing thread"));
    }
    signals
}

fn public_signals(message: &Message) -> Vec<Signal> {
    let mut signals = Vec::new();
    let has = |key: &str| attribute(message, key).is_some();
    if has("x.mentions-brand") {
        signals.push(Signal::note("mention", "publicly mentions the brand"));
    }
    let for_user = attribute(message, "x.for-user-id");
    if for_user.is_some() && attribute(message, "x.in-reply-to-user") == for_user {
        signals.push(Signal::note(
            "reply-to-brand",
            "replies to the brand's Tweet",
        ));
    }
    if let Some(quoted) = attribute(message, "x.quote-of") {
        signals.push(Signal::note("quote", format!("quote Tweet of {quoted}")));
    }
    if let Some(rule) = attribute(message, "x.matching-rule") {
        signals.push(Signal::note(
            "keyword-match",
            format!("found by keyword listening (rule {rule})"),
        ));
    }
    if has("x.retweet") {
        signals.push(
            Signal::note("retweet", "a retweet: the words are someone else's")
                .with_route(Route::NoReply),
        );
    }
    if has("x.user-has-blocked") {
        signals.push(
            Signal::note("blocked", "the brand has blocked this author").with_route(Route::NoReply),
        );
    }
    signals
}

fn attribute<'a>(message: &'a Message, key: &str) -> Option<&'a str> {
    message
        .attributes
        .iter()
        .find(|a| a.key == key)
        .map(|a| a.value.as_str())
}

/// `34920` → `34,920`.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// An `x.…` attribute.
pub(crate) fn attr(key: &str, value: &str) -> Attribute {
    Attribute {
        key: key.to_owned(),
        value: value.to_owned(),
    }
}

/// A `bad-input` error.
pub(crate) fn bad(reason: &str) -> PluginError {
    PluginError::BadInput(reason.to_owned())
}

/// `None` for a missing or blank value.
pub(crate) fn non_empty(value: Option<String>) -> Option<String> {
    value.filter(|v| !v.trim().is_empty())
}

chorus_sdk::export_plugin!(Twitter);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(10_000), "10,000");
        assert_eq!(thousands(34_920), "34,920");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn metadata_names_the_secrets() {
        let info = Twitter::metadata();
        assert_eq!(info.name, "twitter");
        assert_eq!(info.channel, ChannelKind::Social);
        assert_eq!(
            info.secrets,
            vec![CONSUMER_SECRET.to_owned(), send::ACCESS_TOKEN.to_owned()]
        );
    }
}
