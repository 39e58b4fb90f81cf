//! X API v2 keyword listening: Tweets found by the host's poller (recent
//! search) or pushed by a filtered stream, as `data` + `includes`.
//!
//! The two formats are told apart by shape:
//! - `data` is an **array** (with `meta`): a recent search page;
//! - `data` is an **object** with `matching_rules`: one filtered-stream line;
//! - `data` is an object without them: a single Tweet lookup.
//!
//! Each Post is mapped by `post.rs`. A response whose Posts all lack
//! `author_id` (fetched without `tweet.fields=author_id`) is refused: every
//! stranger would become one customer. Reference:
//! <https://docs.x.com/x-api/fundamentals/data-dictionary>.

use chorus_sdk::{Attribute, ListenOutcome, PluginError};
use serde::Deserialize;
use serde_json::{Map, Value};

use crate::json::{id_text, nullable};
use crate::post::{AUTHOR_FIELDS, Includes, Origin, Post};
use crate::{attr, bad};

/// X API v2 returns at most 100 Tweets per page; the host accepts at most
/// 100 messages per request.
pub const MAX_TWEETS: usize = 100;

/// Whether a JSON object looks like an X API v2 response or stream line.
pub fn is_response(body: &Map<String, Value>) -> bool {
    ["data", "includes", "meta", "errors", "matching_rules"]
        .iter()
        .any(|k| body.contains_key(*k))
}

#[derive(Debug, Deserialize)]
struct Body {
    #[serde(default)]
    data: Option<Value>,
    #[serde(default, deserialize_with = "nullable")]
    includes: Includes,
    #[serde(default)]
    matching_rules: Option<Vec<Rule>>,
    #[serde(default)]
    meta: Option<Meta>,
    #[serde(default, deserialize_with = "nullable")]
    errors: Vec<ApiError>,
}

#[derive(Debug, Deserialize)]
struct Rule {
    #[serde(deserialize_with = "id_text")]
    id: String,
    #[serde(default)]
    tag: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Meta {
    #[serde(default)]
    result_count: Option<u64>,
}

#[derive(Debug, Deserialize)]
struct ApiError {
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    detail: Option<String>,
}

/// Parses one v2 response or stream line.
pub fn listen(
    body: Map<String, Value>,
    own_accounts: &[String],
) -> Result<ListenOutcome, PluginError> {
    let mut body: Body = serde_json::from_value(Value::Object(body))
        .map_err(|e| bad(&format!("not an X API v2 payload: {e}")))?;
    let (posts, source) = match body.data.take() {
        None | Some(Value::Null) => return Ok(ListenOutcome::Ignore(no_data_reason(&body))),
        Some(Value::Array(items)) => (parse(Value::Array(items))?, "recent-search"),
        Some(item @ Value::Object(_)) => {
            let source = if body.matching_rules.is_some() {
                "filtered-stream"
            } else {
                "tweet-lookup"
            };
            (vec![parse_object(item)?], source)
        }
        Some(_) => {
            return Err(bad("`data` must be a Tweet object or an array of Tweets"));
        }
    };
    if posts.len() > MAX_TWEETS {
        return Err(PluginError::Unsupported(format!(
            "{} Tweets in one request; at most {MAX_TWEETS} are accepted (use max_results <= 100)",
            posts.len()
        )));
    }
    if !posts.is_empty() && posts.iter().all(|p| p.author_id().is_none()) {
        return Err(bad(&format!(
            "X API v2 Tweets without `author_id`: every stranger would be one customer; request {AUTHOR_FIELDS}"
        )));
    }
    let items = posts
        .iter()
        .map(|post| {
            let origin = Origin {
                source,
                own: own_accounts,
                extra: rule_attributes(&body),
            };
            post.to_item(&body.includes, origin)
        })
        .collect::<Result<Vec<_>, _>>()?;
    let reasons = if items.is_empty() {
        vec!["X API v2 response with an empty `data` list".to_owned()]
    } else {
        Vec::new()
    };
    crate::outcome(items, reasons)
}

fn parse<T: for<'de> Deserialize<'de>>(value: Value) -> Result<T, PluginError> {
    serde_json::from_value(value).map_err(|e| bad(&format!("not an X API v2 Tweet: {e}")))
}

/// A `data` object: a Tweet, or a clear error saying what else it could have been.
fn parse_object(value: Value) -> Result<Post, PluginError> {
    serde_json::from_value(value).map_err(|e| {
        bad(&format!(
            "`data` is neither an X API v2 Tweet (`id`, `text`) nor an X Activity API event \
             (`event_type`, `payload`): {e}"
        ))
    })
}

/// `x.matching-rule` / `x.matching-rule-tag`, one pair per filtered-stream rule.
fn rule_attributes(body: &Body) -> Vec<Attribute> {
    let mut attributes = Vec::new();
    for rule in body.matching_rules.iter().flatten() {
        attributes.push(attr("x.matching-rule", &rule.id));
        attributes.push(attr(
            "x.matching-rule-tag",
            rule.tag.as_deref().unwrap_or(""),
        ));
    }
    attributes
}

/// Why a response without `data` carries nothing: no results, or errors only
/// (e.g. a stream's `operational-disconnect`).
fn no_data_reason(body: &Body) -> String {
    if let Some(error) = body.errors.first() {
        let title = error.title.as_deref().unwrap_or("error");
        let detail = error.detail.as_deref().unwrap_or("");
        return format!("X API v2 error without Tweets: {title} {detail}")
            .trim_end()
            .to_owned();
    }
    match body.meta.as_ref().and_then(|m| m.result_count) {
        Some(count) => format!("X API v2 response without Tweets (result_count {count})"),
        None => "X API v2 response without `data`".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use chorus_sdk::{Message, MessageKind};

    use super::*;

    fn object(json: &str) -> Map<String, Value> {
        match serde_json::from_str(json) {
            Ok(Value::Object(map)) => map,
            other => panic!("not an object: {other:?}"),
        }
    }

    fn messages(json: &str, own: &[String]) -> Vec<Message> {
        let _host = chorus_sdk::testing::FakeHost::new().install();
        match listen(object(json), own) {
            Ok(ListenOutcome::Messages(m)) => m,
            other => panic!("expected messages, got {other:?}"),
        }
    }

    #[test]
    fn empty_and_error_responses_are_ignored_with_a_reason() {
        let reason = |json: &str| match listen(object(json), &[]) {
            Ok(ListenOutcome::Ignore(reason)) => reason,
            other => panic!("expected ignore, got {other:?}"),
        };
        assert!(reason(r#"{"meta":{"result_count":0}}"#).contains("result_count 0"));
        assert!(
            reason(r#"{"errors":[{"title":"operational-disconnect","detail":"Stream reset"}]}"#)
                .contains("operational-disconnect")
        );
        assert!(reason(r#"{"data":[]}"#).contains("empty"));
    }

    #[test]
    fn edits_long_posts_and_media_links() {
        let m = &messages(
            r#"{"data":{"id":"3","text":"short","author_id":"5","edit_history_tweet_ids":["1","3"],
                "note_tweet":{"text":"long &amp; full https://t.co/a https://t.co/p",
                  "entities":{"urls":[
                    {"url":"https://t.co/a","expanded_url":"https://acme.com/a"},
                    {"url":"https://t.co/p","expanded_url":"https://x.com/u/status/3/photo/1",
                     "display_url":"pic.x.com/p","media_key":"3_1"}]}},
                "attachments":{"media_keys":["3_1"]}},
              "includes":{"media":[{"media_key":"3_1","type":"photo","url":"https://pbs.twimg.com/media/F.png"}]}}"#,
            &[],
        )[0];
        assert_eq!(m.kind, MessageKind::Edit);
        assert_eq!((m.event_id.as_str(), m.external_id.as_str()), ("3", "1"));
        assert_eq!(m.text, "long & full https://acme.com/a");
        assert_eq!(m.attachments[0].name, "F.png");
        assert_eq!(m.attachments[0].content_type, "image/png");
        assert_eq!(m.thread_id.as_deref(), Some("1"));
    }

    #[test]
    fn own_tweets_are_skipped_and_mentions_of_own_accounts_marked() {
        let own = ["9".to_owned()];
        let body = r#"{"data":[{"id":"1","text":"mine","author_id":"9"},
            {"id":"2","text":"@acme hi","author_id":"5","entities":{"mentions":[{"username":"acme","id":"9"}]}}]}"#;
        let found = messages(body, &own);
        assert_eq!(found.len(), 1);
        assert!(
            found[0]
                .attributes
                .iter()
                .any(|a| a.key == "x.mentions-brand")
        );
        assert!(matches!(
            listen(object(r#"{"data":{"id":"1","text":"mine","author_id":"9"}}"#), &own),
            Ok(ListenOutcome::Ignore(reason)) if reason.contains("own account")
        ));
    }

    #[test]
    fn wrong_shapes_are_bad_input() {
        for json in [
            r#"{"data":"tweet"}"#,
            r#"{"data":{"id":1,"text":"x"}}"#,
            r#"{"data":{"id":"1"}}"#,
            r#"{"data":{"id":"1","text":"x","author_id":"5","created_at":"yesterday"}}"#,
            r#"{"data":[{"id":"1","text":"x"},{"id":"2","text":"y"}]}"#,
            r#"{"data":{"event_uuid":"1"}}"#,
            r#"{"data":[{"id":"1","text":"x"}],"matching_rules":[{"id":1.5}]}"#,
        ] {
            assert!(
                matches!(listen(object(json), &[]), Err(PluginError::BadInput(_))),
                "{json}"
            );
        }
    }

    #[test]
    fn tweets_without_author_are_refused_or_skipped_never_anonymous() {
        let refused = listen(object(r#"{"data":[{"id":"1","text":"x"}]}"#), &[]);
        assert!(
            matches!(&refused, Err(PluginError::BadInput(r)) if r.contains("tweet.fields=author_id")),
            "{refused:?}"
        );
        let mixed = messages(
            r#"{"data":[{"id":"1","text":"who?"},{"id":"2","text":"me","author_id":"5"}]}"#,
            &[],
        );
        assert_eq!(mixed.len(), 1);
        assert_eq!(mixed[0].author.id, "5");
    }

    #[test]
    fn more_than_a_page_is_refused() {
        let tweets: Vec<String> = (0..=MAX_TWEETS)
            .map(|i| format!(r#"{{"id":"{i}","text":"t"}}"#))
            .collect();
        let body = format!(r#"{{"data":[{}]}}"#, tweets.join(","));
        assert!(matches!(
            listen(object(&body), &[]),
            Err(PluginError::Unsupported(_))
        ));
    }
}
