//! Replies sent back to Slack: `chat.postMessage` in the customer's
//! channel, threaded under the message answered (a direct message that
//! was not in a thread gets a plain reply, as a person would write it).
//! The host fills the bot token in and reads Slack's answer: `ok` must be
//! true, `ts` is the id of what was sent.

use chorus_sdk::deliver::{api_base, attribute, missing, post_json};
use chorus_sdk::{ConversationRef, OutboundRequest, OutgoingReply, PluginError, Visibility};
use serde_json::{Value, json};

/// Name of the brand secret holding the Slack app's bot token (`xoxb-…`).
pub const BOT_TOKEN: &str = "slack-bot-token";

/// The configuration key of Slack's API base URL.
pub const API_URL: &str = "slack-api-url";

/// Slack's Web API.
pub const DEFAULT_API_URL: &str = "https://slack.com/api";

/// The host Slack's Web API is on, for the manifest's `send_to`.
pub const API_HOST: &str = "slack.com";

/// The `chat.postMessage` call that sends `reply` to the Slack
/// conversation of `to`.
pub fn deliver(
    reply: &OutgoingReply,
    to: &ConversationRef,
) -> Result<Vec<OutboundRequest>, PluginError> {
    let message = &to.message;
    if attribute(message, "webchat.conversation").is_some() {
        return Err(PluginError::Unsupported(
            "web-chat replies are not sent by this plugin: the widget reads them from the inbox"
                .to_owned(),
        ));
    }
    let channel = attribute(message, "slack.channel").ok_or_else(|| missing("Slack channel"))?;
    let mut body = json!({
        "channel": channel,
        "text": reply.text,
        "unfurl_links": false,
        // Slack has no idempotency key of its own on chat.postMessage; the
        // key travels as message metadata, where a reconciliation can find it.
        "metadata": {
            "event_type": "chorus_reply",
            "event_payload": { "idempotency_key": reply.idempotency_key },
        },
    });
    if let Some(thread) = thread_ts(to) {
        body["thread_ts"] = Value::String(thread.to_owned());
    }
    let url = format!("{}/chat.postMessage", api_base(API_URL, DEFAULT_API_URL));
    let mut call = post_json(url, BOT_TOKEN, body.to_string().into_bytes());
    call.sent_id = "/ts".to_owned();
    call.ok_flag = "/ok".to_owned();
    call.error_reason = "/error".to_owned();
    Ok(vec![OutboundRequest::Call(call)])
}

/// The `ts` of the thread the reply joins: the thread's root (a message in
/// a channel starts one), or none for a direct message outside a thread.
fn thread_ts(to: &ConversationRef) -> Option<&str> {
    let message = &to.message;
    let in_thread = message.in_reply_to.is_some();
    if message.visibility == Visibility::Private
        && !in_thread
        && attribute(message, "slack.channel-type") == Some("im")
    {
        return None;
    }
    let root = message.thread_id.as_deref().unwrap_or(&message.external_id);
    // Ids are `<channel>:<ts>` (see `slack::message_id`).
    Some(root.rsplit_once(':').map_or(root, |(_, ts)| ts))
}

#[cfg(test)]
mod tests {
    use chorus_sdk::testing::FakeHost;
    use chorus_sdk::{Attribute, Author, Message, MessageKind, OutboundCall};

    use super::*;

    fn slack(channel: &str, channel_type: &str, ts: &str, thread: Option<&str>) -> ConversationRef {
        let id = |ts: &str| format!("{channel}:{ts}");
        ConversationRef {
            conversation_id: "7".to_owned(),
            message: Message {
                event_id: "Ev1".to_owned(),
                external_id: id(ts),
                kind: MessageKind::Original,
                thread_id: Some(id(thread.unwrap_or(ts))),
                in_reply_to: thread.map(id),
                author: Author {
                    id: "U1".to_owned(),
                    handle: None,
                    display_name: None,
                    email: None,
                    follower_count: None,
                    verified: false,
                },
                text: "hi".to_owned(),
                full_text: None,
                visibility: if channel_type == "im" {
                    Visibility::Private
                } else {
                    Visibility::Public
                },
                sent_at: None,
                language: None,
                attachments: Vec::new(),
                attributes: [
                    ("slack.channel", channel),
                    ("slack.channel-type", channel_type),
                ]
                .map(|(key, value)| Attribute {
                    key: key.to_owned(),
                    value: value.to_owned(),
                })
                .to_vec(),
            },
        }
    }

    fn call(to: &ConversationRef) -> (OutboundCall, serde_json::Value) {
        let reply = OutgoingReply {
            text: "On its way.".to_owned(),
            idempotency_key: "k-1".to_owned(),
        };
        let mut requests = deliver(&reply, to).expect("deliver");
        assert_eq!(requests.len(), 1);
        let Some(OutboundRequest::Call(call)) = requests.pop() else {
            panic!("a call")
        };
        let body = serde_json::from_slice(&call.body).expect("JSON");
        (call, body)
    }

    #[test]
    fn a_channel_message_is_answered_in_its_thread_with_the_bot_token() {
        let _host = FakeHost::new().install();
        let (call, body) = call(&slack("C1", "channel", "1700000000.000100", None));
        assert_eq!(call.url, "https://slack.com/api/chat.postMessage");
        assert_eq!(body["channel"], "C1");
        assert_eq!(body["thread_ts"], "1700000000.000100");
        assert_eq!(body["text"], "On its way.");
        assert_eq!(body["metadata"]["event_payload"]["idempotency_key"], "k-1");
        assert!(
            call.headers
                .iter()
                .any(|h| h.name == "Authorization" && h.value == "Bearer {secret:slack-bot-token}")
        );
        assert_eq!(
            (call.ok_flag.as_str(), call.sent_id.as_str()),
            ("/ok", "/ts")
        );
    }

    #[test]
    fn a_reply_in_a_thread_joins_the_threads_root() {
        let _host = FakeHost::new().install();
        let to = slack(
            "C1",
            "channel",
            "1700000000.000200",
            Some("1700000000.000100"),
        );
        assert_eq!(call(&to).1["thread_ts"], "1700000000.000100");
    }

    #[test]
    fn a_direct_message_gets_a_plain_reply_and_the_api_url_is_configurable() {
        let _host = FakeHost::new()
            .config(API_URL, "http://127.0.0.1:9999/api/")
            .install();
        let (call, body) = call(&slack("D1", "im", "1700000000.000100", None));
        assert_eq!(call.url, "http://127.0.0.1:9999/api/chat.postMessage");
        assert!(body.get("thread_ts").is_none(), "{body}");
    }

    #[test]
    fn web_chat_cannot_send_and_a_message_without_a_channel_is_bad_input() {
        let _host = FakeHost::new().install();
        let reply = OutgoingReply {
            text: "hi".to_owned(),
            idempotency_key: "k".to_owned(),
        };
        let mut web = slack("C1", "channel", "1", None);
        web.message.attributes = vec![Attribute {
            key: "webchat.conversation".to_owned(),
            value: "c1".to_owned(),
        }];
        assert!(matches!(
            deliver(&reply, &web),
            Err(PluginError::Unsupported(_))
        ));
        let mut bare = slack("C1", "channel", "1", None);
        bare.message.attributes.clear();
        assert!(matches!(
            deliver(&reply, &bare),
            Err(PluginError::BadInput(_))
        ));
    }
}
