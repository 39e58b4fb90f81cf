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
pub fn deliver(reply: &OutgoingReply, to: &ConversationRef) -> Result<Vec<OutboundRequest>, PluginError> {
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
