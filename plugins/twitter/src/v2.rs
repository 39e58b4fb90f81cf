//! X API v2 keyword listening: Tweets found by the host's poller (recent
//! search) or pushed by a filtered stream, as `data` + `includes`.
//!
//! The two formats are told apart by shape:
//! - `data` is an **array** (with `meta`): a recent search page;
//! - `data` is an **object** with `matching_rules`: one filtered-stream line;
//! - `data` is an object without them: a single Tweet lookup.
//!
//! Authors come from `includes.users` by `author_id` (requested with
//! `expansions=author_id&user.fields=public_metrics,verified`). Reference:
//! <https://docs.x.com/x-api/fundamentals/data-dictionary>.

use chorus_sdk::{
    Attachment, Attribute, Author, ListenOutcome, Message, MessageKind, PluginError, Visibility,
};
use serde::Deserialize;
use serde_json::{Map, Value};

use crate::json::{id_text, nullable};
use crate::text::{self, Link};
use crate::tweet::MAX_TWEET_CHARS;
use crate::{Item, attr, bad, time};

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

#[derive(Debug, Deserialize, Default)]
struct Includes {
    #[serde(default, deserialize_with = "nullable")]
    users: Vec<User>,
    #[serde(default, deserialize_with = "nullable")]
    media: Vec<Media>,
    #[serde(default, deserialize_with = "nullable")]
    tweets: Vec<IncludedTweet>,
}

#[derive(Debug, Deserialize)]
struct User {
    id: String,
    #[serde(default)]
    username: Option<String>,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    verified: Option<bool>,
    #[serde(default)]
    public_metrics: Option<UserMetrics>,
}

#[derive(Debug, Deserialize)]
struct UserMetrics {
    #[serde(default)]
    followers_count: Option<u64>,
}

#[derive(Debug, Deserialize)]
struct Media {
    media_key: String,
    #[serde(default, rename = "type")]
    kind: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    preview_image_url: Option<String>,
}

/// A referenced Tweet in `includes.tweets`: only who wrote it is needed.
#[derive(Debug, Deserialize)]
struct IncludedTweet {
    id: String,
    #[serde(default)]
    author_id: Option<String>,
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

#[derive(Debug, Deserialize)]
struct Tweet {
    id: String,
    text: String,
    #[serde(default)]
    author_id: Option<String>,
    #[serde(default)]
    created_at: Option<String>,
    #[serde(default)]
    conversation_id: Option<String>,
    #[serde(default)]
    in_reply_to_user_id: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    referenced_tweets: Vec<Reference>,
    #[serde(default, deserialize_with = "nullable")]
    entities: Entities,
    #[serde(default)]
    lang: Option<String>,
    #[serde(default)]
    attachments: Option<Attachments>,
    #[serde(default, deserialize_with = "nullable")]
    edit_history_tweet_ids: Vec<String>,
    /// Posts over 280 characters: the whole text and its entities.
    #[serde(default)]
    note_tweet: Option<NoteTweet>,
    #[serde(default, deserialize_with = "nullable")]
    context_annotations: Vec<Annotation>,
}

#[derive(Debug, Deserialize)]
struct Reference {
    #[serde(rename = "type")]
    kind: String,
    id: String,
}

#[derive(Debug, Deserialize, Default)]
struct Entities {
    #[serde(default, deserialize_with = "nullable")]
    urls: Vec<UrlEntity>,
    #[serde(default, deserialize_with = "nullable")]
    mentions: Vec<Mention>,
}

#[derive(Debug, Deserialize)]
struct UrlEntity {
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    expanded_url: Option<String>,
    #[serde(default)]
    display_url: Option<String>,
    #[serde(default)]
    media_key: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Mention {
    #[serde(default)]
    id: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Attachments {
    #[serde(default, deserialize_with = "nullable")]
    media_keys: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct NoteTweet {
    text: String,
    #[serde(default, deserialize_with = "nullable")]
    entities: Entities,
}

#[derive(Debug, Deserialize)]
struct Annotation {
    #[serde(default)]
    domain: Option<Named>,
    #[serde(default)]
    entity: Option<Named>,
}

#[derive(Debug, Deserialize)]
struct Named {
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    name: Option<String>,
}

/// The context-annotation domain X uses for brands and companies.
const BRAND_DOMAIN: &str = "47";

/// Parses one v2 response or stream line.
pub fn listen(
    body: Map<String, Value>,
    own_accounts: &[String],
) -> Result<ListenOutcome, PluginError> {
    let mut body: Body = serde_json::from_value(Value::Object(body))
        .map_err(|e| bad(&format!("not an X API v2 payload: {e}")))?;
    let (tweets, source) = match body.data.take() {
        None | Some(Value::Null) => return Ok(ListenOutcome::Ignore(no_data_reason(&body))),
        Some(Value::Array(items)) => (parse(Value::Array(items))?, "recent-search"),
        Some(item @ Value::Object(_)) => {
            let source = if body.matching_rules.is_some() {
                "filtered-stream"
            } else {
                "tweet-lookup"
            };
            (vec![parse(item)?], source)
        }
        Some(_) => {
            return Err(bad("`data` must be a Tweet object or an array of Tweets"));
        }
    };
    if tweets.len() > MAX_TWEETS {
        return Err(PluginError::Unsupported(format!(
            "{} Tweets in one request; at most {MAX_TWEETS} are accepted (use max_results <= 100)",
            tweets.len()
        )));
    }
    let items = tweets
        .iter()
        .map(|tweet| item(tweet, &body, source, own_accounts))
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

fn item(tweet: &Tweet, body: &Body, source: &str, own: &[String]) -> Result<Item, PluginError> {
    if let Some(author) = tweet.author_id.as_deref()
        && own.iter().any(|o| o == author)
    {
        return Ok(Item::Skip(format!(
            "tweet {} was written by the brand's own account {author} (answering it would loop)",
            tweet.id
        )));
    }
    let (raw, entities) = match &tweet.note_tweet {
        Some(note) => (note.text.as_str(), &note.entities),
        None => (tweet.text.as_str(), &tweet.entities),
    };
    let text = text::clean(raw, &links(entities));
    if text.chars().count() > MAX_TWEET_CHARS {
        return Err(bad(&format!(
            "tweet {} is longer than X's {MAX_TWEET_CHARS} characters",
            tweet.id
        )));
    }
    let initial = tweet
        .edit_history_tweet_ids
        .first()
        .filter(|first| **first != tweet.id)
        .cloned();
    let kind = if initial.is_some() {
        MessageKind::Edit
    } else {
        MessageKind::Original
    };
    let external_id = initial.unwrap_or_else(|| tweet.id.clone());
    let in_reply_to = tweet.reference("replied_to").map(str::to_owned);
    Ok(Item::Message(Box::new(Message {
        event_id: tweet.id.clone(),
        thread_id: Some(
            tweet
                .conversation_id
                .clone()
                .or_else(|| in_reply_to.clone())
                .unwrap_or_else(|| external_id.clone()),
        ),
        external_id,
        kind,
        in_reply_to,
        author: author(tweet.author_id.as_deref(), &body.includes),
        text,
        full_text: None,
        visibility: Visibility::Public,
        sent_at: sent_at(tweet)?,
        language: text::language(tweet.lang.as_deref()),
        attachments: attachments(tweet, &body.includes),
        attributes: attributes(tweet, body, source, own),
    })))
}

impl Tweet {
    /// The id of the referenced Tweet of `kind` (`replied_to`, `quoted`, `retweeted`).
    fn reference(&self, kind: &str) -> Option<&str> {
        self.referenced_tweets
            .iter()
            .find(|r| r.kind == kind)
            .map(|r| r.id.as_str())
    }
}

fn sent_at(tweet: &Tweet) -> Result<Option<i64>, PluginError> {
    tweet
        .created_at
        .as_deref()
        .map(|at| {
            time::parse_iso8601(at).ok_or_else(|| {
                bad(&format!(
                    "tweet {}: created_at {at:?} is not ISO 8601",
                    tweet.id
                ))
            })
        })
        .transpose()
}

/// Short links to expand; links to the Tweet's own photos and videos
/// (`media_key`, or `pic.twitter.com` / `pic.x.com`) are removed.
fn links(entities: &Entities) -> Vec<Link> {
    entities
        .urls
        .iter()
        .filter_map(|u| {
            let media = u.media_key.is_some()
                || u.display_url.as_deref().is_some_and(|d| {
                    d.starts_with("pic.twitter.com/") || d.starts_with("pic.x.com/")
                });
            if media {
                Link::remove(u.url.as_deref())
            } else {
                Link::expand(u.url.as_deref(), u.expanded_url.as_deref())
            }
        })
        .collect()
}

/// The author from `includes.users`. Without `expansions=author_id` a
/// Tweet names no author: the id is then empty (and `x.author-missing` says so).
fn author(author_id: Option<&str>, includes: &Includes) -> Author {
    let user = author_id.and_then(|id| includes.users.iter().find(|u| u.id == id));
    Author {
        id: author_id.unwrap_or_default().to_owned(),
        handle: user.and_then(|u| crate::non_empty(u.username.clone())),
        display_name: user.and_then(|u| crate::non_empty(u.name.clone())),
        email: None,
        follower_count: user.and_then(|u| u.public_metrics.as_ref()?.followers_count),
        verified: user.and_then(|u| u.verified).unwrap_or(false),
    }
}

fn attachments(tweet: &Tweet, includes: &Includes) -> Vec<Attachment> {
    let keys = tweet
        .attachments
        .as_ref()
        .map_or(&[][..], |a| &a.media_keys[..]);
    keys.iter()
        .filter_map(|key| includes.media.iter().find(|m| m.media_key == *key))
        .map(|media| {
            let name = media
                .url
                .as_deref()
                .or(media.preview_image_url.as_deref())
                .and_then(text::file_name)
                .unwrap_or_else(|| media.media_key.clone());
            let content_type = match media.kind.as_deref() {
                Some("video" | "animated_gif") => "video/mp4",
                _ => text::image_type(&name),
            };
            Attachment {
                name,
                content_type: content_type.to_owned(),
                size: 0,
            }
        })
        .collect()
}

fn username<'a>(includes: &'a Includes, user_id: Option<&str>) -> Option<&'a str> {
    let user_id = user_id?;
    includes
        .users
        .iter()
        .find(|u| u.id == user_id)?
        .username
        .as_deref()
}

fn author_of<'a>(includes: &'a Includes, tweet_id: Option<&str>) -> Option<&'a str> {
    let tweet_id = tweet_id?;
    let author = includes.tweets.iter().find(|t| t.id == tweet_id)?;
    username(includes, author.author_id.as_deref())
}

fn attributes(tweet: &Tweet, body: &Body, source: &str, own: &[String]) -> Vec<Attribute> {
    let includes = &body.includes;
    let quoted = tweet.reference("quoted");
    let retweeted = tweet.reference("retweeted");
    let mentions_brand = tweet
        .entities
        .mentions
        .iter()
        .any(|m| m.id.as_ref().is_some_and(|id| own.contains(id)));
    let optional = [
        ("x.source", Some(source)),
        ("x.tweet-id", Some(tweet.id.as_str())),
        ("x.conversation-id", tweet.conversation_id.as_deref()),
        ("x.in-reply-to-user", tweet.in_reply_to_user_id.as_deref()),
        (
            "x.in-reply-to-screen-name",
            username(includes, tweet.in_reply_to_user_id.as_deref()),
        ),
        ("x.quote-of", quoted),
        ("x.quoted-user", author_of(includes, quoted)),
        ("x.retweet", retweeted),
        ("x.retweeted-user", author_of(includes, retweeted)),
        ("x.mentions-brand", mentions_brand.then_some("true")),
        (
            "x.author-missing",
            tweet.author_id.is_none().then_some("true"),
        ),
    ];
    let mut attributes: Vec<Attribute> = optional
        .into_iter()
        .filter_map(|(key, value)| value.map(|v| attr(key, v)))
        .collect();
    for rule in body.matching_rules.iter().flatten() {
        attributes.push(attr("x.matching-rule", &rule.id));
        attributes.push(attr(
            "x.matching-rule-tag",
            rule.tag.as_deref().unwrap_or(""),
        ));
    }
    let mut brands: Vec<&str> = Vec::new();
    for annotation in &tweet.context_annotations {
        let is_brand =
            annotation.domain.as_ref().and_then(|d| d.id.as_deref()) == Some(BRAND_DOMAIN);
        let name = annotation.entity.as_ref().and_then(|e| e.name.as_deref());
        if let (true, Some(name)) = (is_brand, name)
            && !brands.contains(&name)
        {
            brands.push(name);
            attributes.push(attr("x.annotated-brand", name));
        }
    }
    attributes
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
            r#"{"data":{"id":"3","text":"short","edit_history_tweet_ids":["1","3"],
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
            r#"{"data":{"id":"1","text":"x","created_at":"yesterday"}}"#,
            r#"{"data":[{"id":"1","text":"x"}],"matching_rules":[{"id":1.5}]}"#,
        ] {
            assert!(
                matches!(listen(object(json), &[]), Err(PluginError::BadInput(_))),
                "{json}"
            );
        }
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
