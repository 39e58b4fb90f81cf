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
pub fn deliver(
    reply: &OutgoingReply,
    to: &ConversationRef,
) -> Result<Vec<OutboundRequest>, PluginError> {
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

#[cfg(test)]
mod tests {
    use chorus_sdk::testing::FakeHost;
    use chorus_sdk::{Author, Message, MessageKind};

    use super::*;

    fn to(visibility: Visibility, id: &str, author: &str) -> ConversationRef {
        ConversationRef {
            conversation_id: "3".to_owned(),
            message: Message {
                event_id: id.to_owned(),
                external_id: id.to_owned(),
                kind: MessageKind::Original,
                thread_id: None,
                in_reply_to: None,
                author: Author {
                    id: author.to_owned(),
                    handle: Some("ada".to_owned()),
                    display_name: None,
                    email: None,
                    follower_count: None,
                    verified: false,
                },
                text: "hi".to_owned(),
                full_text: None,
                visibility,
                sent_at: None,
                language: None,
                attachments: Vec::new(),
                attributes: Vec::new(),
            },
        }
    }

    fn reply() -> OutgoingReply {
        OutgoingReply {
            text: "@ada On it.".to_owned(),
            idempotency_key: "k".to_owned(),
        }
    }

    fn only_call(requests: Vec<OutboundRequest>) -> chorus_sdk::OutboundCall {
        match requests.as_slice() {
            [OutboundRequest::Call(call)] => call.clone(),
            other => panic!("one call, got {other:?}"),
        }
    }

    #[test]
    fn a_direct_message_is_answered_by_a_direct_message_to_its_author() {
        let _host = FakeHost::new().install();
        let call = only_call(
            deliver(&reply(), &to(Visibility::Private, "1800", "2244")).expect("deliver"),
        );
        assert_eq!(
            call.url,
            "https://api.x.com/2/dm_conversations/with/2244/messages"
        );
        assert_eq!(call.sent_id, "/data/dm_event_id");
        let body: serde_json::Value = serde_json::from_slice(&call.body).expect("JSON");
        assert_eq!(body, serde_json::json!({ "text": "@ada On it." }));
    }

    #[test]
    fn a_post_is_answered_by_a_reply_post() {
        let _host = FakeHost::new().install();
        let call =
            only_call(deliver(&reply(), &to(Visibility::Public, "1800", "2244")).expect("deliver"));
        assert_eq!(call.url, "https://api.x.com/2/tweets");
        let body: serde_json::Value = serde_json::from_slice(&call.body).expect("JSON");
        assert_eq!(body["reply"]["in_reply_to_tweet_id"], "1800");
        assert!(
            call.headers
                .iter()
                .any(|h| h.value == "Bearer {secret:x-access-token}")
        );
    }

    #[test]
    fn ids_that_are_not_x_ids_never_reach_a_url() {
        let _host = FakeHost::new().install();
        let refused = deliver(&reply(), &to(Visibility::Private, "1800", "../../admin"));
        assert!(matches!(refused, Err(PluginError::BadInput(_))));
    }
}
