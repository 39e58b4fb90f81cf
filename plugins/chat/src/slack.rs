//! Slack Events API payloads and how they become Chorus messages.
//!
//! Reference: <https://api.slack.com/apis/events-api> (envelope, `url_verification`)
//! and the `message` / `app_mention` event pages.

use chorus_sdk::host;
use chorus_sdk::{
    Attachment, Attribute, Author, HttpRequest, HttpResponse, ListenOutcome, Message, MessageKind,
    PluginError, Visibility,
};
use serde::Deserialize;

use crate::mrkdwn;

/// The outer envelope of every Events API request.
#[derive(Debug, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum Envelope {
    UrlVerification {
        challenge: String,
    },
    EventCallback {
        event_id: String,
        #[serde(default)]
        team_id: Option<String>,
        /// When Slack dispatched the event (epoch seconds).
        #[serde(default)]
        event_time: Option<i64>,
        event: Box<Event>,
        #[serde(default)]
        authorizations: Vec<Authorization>,
    },
    AppRateLimited {
        #[serde(default)]
        minute_rate_limited: Option<i64>,
    },
    /// A Socket Mode envelope relayed over HTTP: the Events API payload it
    /// carries is handled as if it had been posted itself.
    EventsApi {
        payload: Box<Envelope>,
    },
}

#[derive(Debug, Deserialize)]
struct Authorization {
    #[serde(default)]
    user_id: Option<String>,
    #[serde(default)]
    is_bot: bool,
}

/// The inner event. Fields are optional because Slack's event types share
/// one shape loosely; what is required is checked when it is used.
#[derive(Debug, Deserialize, Default, Clone)]
struct Event {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    subtype: Option<String>,
    #[serde(default)]
    channel: Option<String>,
    #[serde(default)]
    channel_type: Option<String>,
    #[serde(default)]
    user: Option<String>,
    #[serde(default)]
    bot_id: Option<String>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    ts: Option<String>,
    #[serde(default)]
    thread_ts: Option<String>,
    #[serde(default)]
    user_profile: Option<UserProfile>,
    #[serde(default)]
    files: Vec<File>,
    /// For `message_changed`: the new version.
    #[serde(default)]
    message: Option<Box<Event>>,
    /// For `message_deleted`: the deleted message's `ts`.
    #[serde(default)]
    deleted_ts: Option<String>,
    /// For `message_deleted` / `message_changed`: the old version.
    #[serde(default)]
    previous_message: Option<Box<Event>>,
}

#[derive(Debug, Deserialize, Default, Clone)]
struct UserProfile {
    #[serde(default)]
    display_name: Option<String>,
    #[serde(default)]
    real_name: Option<String>,
    #[serde(default)]
    name: Option<String>,
}

#[derive(Debug, Deserialize, Default, Clone)]
struct File {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    mimetype: Option<String>,
    #[serde(default)]
    size: Option<u64>,
}

/// Message subtypes that carry a customer's words.
const CONVERSATIONAL_SUBTYPES: &[&str] = &["file_share", "thread_broadcast", "me_message"];

/// Largest Events API payload accepted. Real payloads are a few KiB: a
/// message's text is capped by Slack at 40,000 characters.
pub const MAX_BODY_BYTES: usize = 1 << 20;

/// Slack truncates message text beyond this many characters.
pub const MAX_TEXT_CHARS: usize = 40_000;

/// Parses one Events API request.
pub fn listen(request: &HttpRequest) -> Result<ListenOutcome, PluginError> {
    if request.body.len() > MAX_BODY_BYTES {
        return Err(PluginError::BadInput(format!(
            "payload of {} bytes exceeds {MAX_BODY_BYTES}: not a Slack event",
            request.body.len()
        )));
    }
    if request.body.is_empty() {
        return Err(PluginError::BadInput(
            "empty body: expected a Slack Events API JSON payload".to_owned(),
        ));
    }
    if let Some(media) = request.media_type()
        && media != "application/json"
    {
        return Err(PluginError::Unsupported(format!(
            "content type {media}: the Events API sends application/json"
        )));
    }
    let envelope: Envelope = serde_json::from_slice(&request.body)
        .map_err(|e| PluginError::BadInput(format!("not a Slack Events API payload: {e}")))?;
    let envelope = match envelope {
        Envelope::EventsApi { payload } => *payload,
        direct => direct,
    };
    match envelope {
        Envelope::EventsApi { .. } => Err(bad(
            "a Socket Mode envelope inside another: not a Slack Events API payload",
        )),
        Envelope::UrlVerification { challenge } => {
            let body = serde_json::json!({ "challenge": challenge }).to_string();
            Ok(ListenOutcome::Respond(HttpResponse::json(200, body)))
        }
        Envelope::AppRateLimited {
            minute_rate_limited,
        } => Ok(ListenOutcome::Ignore(format!(
            "app_rate_limited notice (minute {})",
            minute_rate_limited.unwrap_or_default()
        ))),
        Envelope::EventCallback {
            event_id,
            team_id,
            event_time,
            event,
            authorizations,
        } => {
            let own_users = own_users(&authorizations);
            let context = Delivery {
                event_id,
                event_time: event_time.map(|t| t.to_string()),
                team_id,
                retry_num: request.header("x-slack-retry-num").map(str::to_owned),
                retry_reason: request.header("x-slack-retry-reason").map(str::to_owned),
                own_users,
            };
            event_to_outcome(&event, &context)
        }
    }
}

/// Facts about the delivery that every message from it shares.
struct Delivery {
    event_id: String,
    event_time: Option<String>,
    team_id: Option<String>,
    retry_num: Option<String>,
    retry_reason: Option<String>,
    /// Slack users that are the app itself ([`own_users`]).
    own_users: Vec<String>,
}

/// Brand configuration key: the app's bot user id (or several, separated
/// by commas or spaces).
pub const BOT_USER_ID: &str = "bot-user-id";

/// Every Slack user that is the app itself: the configured
/// [`BOT_USER_ID`]s *and* each bot user the payload's `authorizations`
/// name. Both count, always: a configured id does not hide the payload's
/// (the brand may have reinstalled the app, or run several).
fn own_users(authorizations: &[Authorization]) -> Vec<String> {
    let configured = host::config(BOT_USER_ID).unwrap_or_default();
    configured
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|id| !id.is_empty())
        .map(str::to_owned)
        .chain(
            authorizations
                .iter()
                .filter(|a| a.is_bot)
                .filter_map(|a| a.user_id.clone()),
        )
        .collect()
}

/// Why a message is the app's (or another bot's) own, if it is: a
/// `bot_message`, a `bot_id`, or a user that is the app ([`own_users`]).
/// Every signal is checked on the message that would be stored.
fn written_by_a_bot(source: &Event, delivery: &Delivery) -> Option<String> {
    if source.subtype.as_deref() == Some("bot_message") {
        return Some("bot_message from an integration".to_owned());
    }
    if let Some(bot) = &source.bot_id {
        return Some(format!("message from bot {bot}"));
    }
    source
        .user
        .as_deref()
        .filter(|u| delivery.own_users.iter().any(|own| own == u))
        .map(|u| format!("the brand's own bot user {u} wrote this"))
}

fn event_to_outcome(event: &Event, delivery: &Delivery) -> Result<ListenOutcome, PluginError> {
    if event.kind != "message" && event.kind != "app_mention" {
        return Ok(ListenOutcome::Ignore(format!(
            "unsupported event type `{}`",
            event.kind
        )));
    }
    let (source, kind) = match event.subtype.as_deref() {
        None => (event.clone(), MessageKind::Original),
        Some(s) if CONVERSATIONAL_SUBTYPES.contains(&s) => (event.clone(), MessageKind::Original),
        Some("message_changed") => match edited(event) {
            Ok(new) => (new, MessageKind::Edit),
            Err(reason) => return Ok(ListenOutcome::Ignore(reason)),
        },
        Some("message_deleted") => {
            let previous = event
                .previous_message
                .as_deref()
                .cloned()
                .unwrap_or_default();
            let deleted = Event {
                ts: event.deleted_ts.clone().or(previous.ts.clone()),
                text: Some(String::new()),
                files: Vec::new(),
                channel: event.channel.clone(),
                channel_type: event.channel_type.clone(),
                ..previous
            };
            (deleted, MessageKind::Deletion)
        }
        // Ignored with the other bot signals below.
        Some("bot_message") => (event.clone(), MessageKind::Original),
        Some(other) => {
            return Ok(ListenOutcome::Ignore(format!(
                "message subtype `{other}` carries no customer text"
            )));
        }
    };
    if let Some(reason) = written_by_a_bot(&source, delivery) {
        return Ok(ListenOutcome::Ignore(reason));
    }
    // A deletion may not say who wrote the deleted message; the host finds
    // the message by its external id.
    let user = match (source.user.clone(), kind) {
        (Some(user), _) => user,
        (None, MessageKind::Deletion) => String::new(),
        (None, MessageKind::Edit) => {
            return Ok(ListenOutcome::Ignore(
                "message_changed without `user`: no author to apply it for".to_owned(),
            ));
        }
        (None, MessageKind::Original) => return Err(bad("message without `user`")),
    };
    Ok(ListenOutcome::Messages(vec![to_message(
        &source, user, kind, event, delivery,
    )?]))
}

/// The new version of a `message_changed` event, with what the inner
/// `message` leaves out taken from the event: `ts` from `previous_message`,
/// then the event's own `ts`; the author from `previous_message`; the
/// channel from the event. An edit is never refused as bad input: one that
/// names no message or no author is ignored with the reason.
fn edited(event: &Event) -> Result<Event, String> {
    let Some(new) = event.message.as_deref() else {
        return Err("message_changed without `message`: nothing to apply".to_owned());
    };
    let previous = event.previous_message.as_deref();
    let mut new = new.clone();
    new.ts = new
        .ts
        .or_else(|| previous.and_then(|p| p.ts.clone()))
        .or_else(|| event.ts.clone());
    if new.ts.is_none() {
        return Err("message_changed without any `ts`: no message to apply it to".to_owned());
    }
    new.user = new.user.or_else(|| previous.and_then(|p| p.user.clone()));
    new.channel = new.channel.or_else(|| event.channel.clone());
    new.channel_type = new.channel_type.or_else(|| event.channel_type.clone());
    Ok(new)
}

fn to_message(
    source: &Event,
    user: String,
    kind: MessageKind,
    outer: &Event,
    delivery: &Delivery,
) -> Result<Message, PluginError> {
    let ts = source
        .ts
        .clone()
        .ok_or_else(|| bad("message without `ts`"))?;
    let text = source.text.as_deref().unwrap_or("");
    if text.chars().count() > MAX_TEXT_CHARS {
        return Err(bad(&format!(
            "text longer than Slack's {MAX_TEXT_CHARS} characters"
        )));
    }
    let sent_at =
        parse_ts(&ts).ok_or_else(|| bad(&format!("`ts` is not a Slack timestamp: {ts:?}")))?;
    let visibility = visibility(source.channel_type.as_deref(), source.channel.as_deref());
    let profile = source.user_profile.clone().unwrap_or_default();
    let display_name =
        non_empty(profile.display_name).or_else(|| non_empty(profile.real_name.clone()));
    let mut attributes = vec![attr("slack.event-type", &outer.kind)];
    let optional = [
        ("slack.channel", source.channel.clone()),
        ("slack.channel-type", source.channel_type.clone()),
        ("slack.team", delivery.team_id.clone()),
        ("slack.event-time", delivery.event_time.clone()),
        ("slack.subtype", outer.subtype.clone()),
        ("slack.retry-num", delivery.retry_num.clone()),
        ("slack.retry-reason", delivery.retry_reason.clone()),
    ];
    attributes.extend(
        optional
            .into_iter()
            .filter_map(|(k, v)| v.map(|v| attr(k, &v))),
    );
    let id = |ts: &str| message_id(source.channel.as_deref(), ts);
    Ok(Message {
        event_id: delivery.event_id.clone(),
        external_id: id(&ts),
        kind,
        thread_id: Some(id(source.thread_ts.as_deref().unwrap_or(&ts))),
        in_reply_to: source.thread_ts.as_deref().filter(|t| *t != ts).map(id),
        author: Author {
            id: user,
            handle: non_empty(profile.name),
            display_name,
            email: None,
            follower_count: None,
            verified: false,
        },
        text: mrkdwn::to_plain(text),
        full_text: None,
        visibility,
        sent_at: Some(sent_at),
        language: None,
        attachments: source
            .files
            .iter()
            .enumerate()
            .map(|(i, f)| Attachment {
                name: f
                    .name
                    .clone()
                    .or(f.title.clone())
                    .unwrap_or_else(|| format!("file-{}", i + 1)),
                content_type: f
                    .mimetype
                    .clone()
                    .unwrap_or_else(|| "application/octet-stream".to_owned()),
                size: f.size.unwrap_or(0),
            })
            .collect(),
        attributes,
    })
}

/// A Slack message's identity: its `ts` is unique only within its channel,
/// so the id is `<channel>:<ts>` (bare `ts` when the event names no channel).
/// External ids, threads and replies all use it, so an edit, a deletion or a
/// second delivery of a message finds the first, and two channels' messages
/// never collide.
fn message_id(channel: Option<&str>, ts: &str) -> String {
    match channel {
        Some(channel) => format!("{channel}:{ts}"),
        None => ts.to_owned(),
    }
}

/// Public for public channels; private for DMs, group DMs and private
/// channels. Without `channel_type` (e.g. `app_mention`), the channel id's
/// prefix tells: `C` public, `G` private group, `D` direct message.
fn visibility(channel_type: Option<&str>, channel: Option<&str>) -> Visibility {
    match (channel_type, channel) {
        (Some("channel"), _) => Visibility::Public,
        (Some(_), _) => Visibility::Private,
        (None, Some(id)) if id.starts_with('C') => Visibility::Public,
        _ => Visibility::Private,
    }
}

/// Slack `ts` ("1355517523.000005") to milliseconds.
fn parse_ts(ts: &str) -> Option<i64> {
    let (seconds, fraction) = ts.split_once('.').unwrap_or((ts, "0"));
    let seconds: i64 = seconds.parse().ok()?;
    let millis: i64 = format!("{:0<3}", fraction.get(..3).unwrap_or(fraction))
        .parse()
        .ok()?;
    seconds.checked_mul(1000)?.checked_add(millis)
}

fn non_empty(value: Option<String>) -> Option<String> {
    value.filter(|v| !v.trim().is_empty())
}

fn attr(key: &str, value: &str) -> Attribute {
    Attribute {
        key: key.to_owned(),
        value: value.to_owned(),
    }
}

fn bad(reason: &str) -> PluginError {
    PluginError::BadInput(reason.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slack_timestamps_become_milliseconds() {
        assert_eq!(parse_ts("1355517523.000005"), Some(1_355_517_523_000));
        assert_eq!(parse_ts("1355517523.123456"), Some(1_355_517_523_123));
        assert_eq!(parse_ts("1355517523"), Some(1_355_517_523_000));
        assert_eq!(parse_ts("soon"), None);
    }

    fn changed(message: Event, previous: Option<Event>) -> Event {
        Event {
            kind: "message".into(),
            subtype: Some("message_changed".into()),
            channel: Some("C1".into()),
            ts: Some("1717430512.219500".into()),
            message: Some(Box::new(message)),
            previous_message: previous.map(Box::new),
            ..Event::default()
        }
    }

    #[test]
    fn an_edit_without_ts_falls_back_to_the_previous_then_the_event_ts() {
        let new = Event {
            user: Some("U1".into()),
            text: Some("fixed".into()),
            ..Event::default()
        };
        let previous = Event {
            ts: Some("1717430480.219309".into()),
            user: Some("U1".into()),
            ..Event::default()
        };
        let edit = edited(&changed(new.clone(), Some(previous))).expect("an edit");
        assert_eq!(edit.ts.as_deref(), Some("1717430480.219309"));
        assert_eq!(edit.channel.as_deref(), Some("C1"));
        let edit = edited(&changed(new, None)).expect("an edit");
        assert_eq!(edit.ts.as_deref(), Some("1717430512.219500"));
    }

    #[test]
    fn an_edit_that_names_nothing_is_ignored_not_refused() {
        let mut event = changed(Event::default(), None);
        event.ts = None;
        assert!(edited(&event).is_err_and(|reason| reason.contains("ts")));
        event.message = None;
        assert!(edited(&event).is_err_and(|reason| reason.contains("`message`")));
    }

    #[test]
    fn visibility_follows_channel_type_then_channel_id() {
        assert_eq!(visibility(Some("channel"), Some("D1")), Visibility::Public);
        assert_eq!(visibility(Some("im"), Some("C1")), Visibility::Private);
        assert_eq!(visibility(None, Some("C024BE91L")), Visibility::Public);
        assert_eq!(visibility(None, Some("D024BE91L")), Visibility::Private);
        assert_eq!(visibility(None, None), Visibility::Private);
    }
}
