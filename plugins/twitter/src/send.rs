//! Replies sent back to X with the API v2: a public post answers with a
//! reply post (`POST /2/tweets`, `reply.in_reply_to_tweet_id`), a direct
//! message with a direct message to its author
//! (`POST /2/dm_conversations/with/{participant_id}/messages`). The host
//! fills in the brand's user-context access token.

use chorus_sdk::deliver::{api_base, missing, post_json};
use chorus_sdk::{ConversationRef, OutboundRequest, OutgoingReply, PluginError, Visibility};
use serde_json::json;

/// Name of the brand secret holding an OAuth 2.0 user-context access token
/// of the brand's account, with the `tweet.write` and `dm.write` scopes.
pub const ACCESS_TOKEN: &str = "x-access-token";

/// The configuration key of X's API base URL.
pub const API_URL: &str = "x-api-url";

/// X's API.
pub const DEFAULT_API_URL: &str = "https://api.x.com";

/// The hosts X's API answers on, for the manifest's `send_to`.
pub const API_HOSTS: [&str; 2] = ["api.x.com", "api.twitter.com"];

/// The call that sends `reply` in the conversation of `to`.
pub fn deliver(reply: &OutgoingReply, to: &ConversationRef) -> Result<Vec<OutboundRequest>, PluginError> {
    let message = &to.message;
    let base = api_base(API_URL, DEFAULT_API_URL);
    let (url, body, sent_id) = match message.visibility {
        Visibility::Public => {
            let post = digits(&message.external_id).ok_or_else(|| missing("post id"))?;
            (
                format!("{base}/2/tweets"),
                json!({ "text": reply.text, "reply": { "in_reply_to_tweet_id": post } }),
                "/data/id",
            )
        }
        Visibility::Private => {
            let author = digits(&message.author.id).ok_or_else(|| missing("author id"))?;
            (
                format!("{base}/2/dm_conversations/with/{author}/messages"),
                json!({ "text": reply.text }),
                "/data/dm_event_id",
            )
        }
    };
    let mut call = post_json(url, ACCESS_TOKEN, body.to_string().into_bytes());
    call.sent_id = sent_id.to_owned();
    call.error_reason = "/detail".to_owned();
    Ok(vec![OutboundRequest::Call(call)])
}

/// `id` when it is an X id (decimal digits), which also keeps it safe in a
/// URL path.
fn digits(id: &str) -> Option<&str> {
    let id = id.trim();
    (!id.is_empty() && id.bytes().all(|b| b.is_ascii_digit())).then_some(id)
}
