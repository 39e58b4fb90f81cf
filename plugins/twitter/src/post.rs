//! The X API v2 Post object (a Tweet, as v2 names it) with its `includes` →
//! one Chorus message. Shared by v2 responses (recent search, filtered
//! stream, lookup: `v2.rs`) and X Activity API post events (`xaa.rs`).
//!
//! Authors come from `includes.users` by `author_id`. A Post without
//! `author_id` is skipped: its author could not be told apart from any other
//! stranger. Reference: <https://docs.x.com/x-api/fundamentals/data-dictionary>.

use chorus_sdk::{Attachment, Attribute, Author, Message, MessageKind, PluginError, Visibility};
use serde::Deserialize;

use crate::json::nullable;
use crate::text::{self, Link};
use crate::tweet::MAX_TWEET_CHARS;
use crate::{Item, attr, bad, time};

/// The fields a poller or stream must request for Posts to carry their author.
pub const AUTHOR_FIELDS: &str = "`tweet.fields=author_id` and `expansions=author_id` \
     (with `user.fields=username,name,public_metrics,verified`)";

/// `includes`: the users, media and referenced Posts that Posts point to.
#[derive(Debug, Deserialize, Default)]
pub struct Includes {
    #[serde(default, deserialize_with = "nullable")]
    users: Vec<User>,
    #[serde(default, deserialize_with = "nullable")]
    media: Vec<Media>,
    #[serde(default, deserialize_with = "nullable")]
    tweets: Vec<IncludedPost>,
}

/// A v2 User. X Activity API deliveries sometimes wrap it as `{"data": {…}}`
/// (`post.delete` includes, the DM `users` map); both forms are read.
#[derive(Debug, Deserialize)]
#[serde(from = "UserForm")]
pub struct User {
    id: String,
    username: Option<String>,
    name: Option<String>,
    verified: Option<bool>,
    public_metrics: Option<UserMetrics>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum UserForm {
    Wrapped { data: UserFields },
    Flat(UserFields),
}

#[derive(Debug, Deserialize)]
struct UserFields {
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

impl From<UserForm> for User {
    fn from(form: UserForm) -> Self {
        let (UserForm::Wrapped { data: f } | UserForm::Flat(f)) = form;
        User {
            id: f.id,
            username: f.username,
            name: f.name,
            verified: f.verified,
            public_metrics: f.public_metrics,
        }
    }
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

/// A referenced Post in `includes.tweets`: only who wrote it is needed.
#[derive(Debug, Deserialize)]
struct IncludedPost {
    id: String,
    #[serde(default)]
    author_id: Option<String>,
}

/// An X API v2 Post. `id` and `text` are required; the rest depends on the
/// `tweet.fields` and `expansions` requested.
#[derive(Debug, Deserialize)]
pub struct Post {
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

/// Where a Post came from, for its message's attributes and the loop check.
#[derive(Debug)]
pub struct Origin<'a> {
    /// The `x.source` attribute (`recent-search`, `x-activity`, …).
    pub source: &'a str,
    /// The brand's accounts: their Posts are skipped and mentions of them
    /// marked `x.mentions-brand`.
    pub own: &'a [String],
    /// Attributes of the delivery (matching rules, the activity event),
    /// placed after the Post's own.
    pub extra: Vec<Attribute>,
}

impl Includes {
    /// The included user with this id.
    pub fn user(&self, id: &str) -> Option<&User> {
        self.users.iter().find(|u| u.id == id)
    }

    fn username(&self, user_id: Option<&str>) -> Option<&str> {
        self.user(user_id?)?.username.as_deref()
    }

    /// The username of the author of the referenced Post `tweet_id`.
    fn author_of(&self, tweet_id: Option<&str>) -> Option<&str> {
        let tweet_id = tweet_id?;
        let post = self.tweets.iter().find(|t| t.id == tweet_id)?;
        self.username(post.author_id.as_deref())
    }
}

impl User {
    /// The user as a Chorus author.
    pub fn author(&self) -> Author {
        Author {
            id: self.id.clone(),
            handle: crate::non_empty(self.username.clone()),
            display_name: crate::non_empty(self.name.clone()),
            email: None,
            follower_count: self.public_metrics.as_ref().and_then(|m| m.followers_count),
            verified: self.verified.unwrap_or(false),
        }
    }
}

/// The author `id`, named from `users` when it is there, else by id alone.
pub fn author(id: &str, user: Option<&User>) -> Author {
    user.map_or_else(
        || Author {
            id: id.to_owned(),
            handle: None,
            display_name: None,
            email: None,
            follower_count: None,
            verified: false,
        },
        User::author,
    )
}

impl Post {
    /// The author's user id; `None` when the response was fetched without
    /// `author_id` (see [`AUTHOR_FIELDS`]).
    pub fn author_id(&self) -> Option<&str> {
        self.author_id.as_deref().filter(|id| !id.trim().is_empty())
    }

    /// The id of the referenced Post of `kind` (`replied_to`, `quoted`, `retweeted`).
    fn reference(&self, kind: &str) -> Option<&str> {
        self.referenced_tweets
            .iter()
            .find(|r| r.kind == kind)
            .map(|r| r.id.as_str())
    }

    /// The Post as a message, or why it is skipped: written by one of the
    /// brand's accounts, or naming no author.
    pub fn to_item(&self, includes: &Includes, origin: Origin) -> Result<Item, PluginError> {
        let Some(author_id) = self.author_id() else {
            return Ok(Item::Skip(format!(
                "tweet {} names no author: request {AUTHOR_FIELDS}",
                self.id
            )));
        };
        if origin.own.iter().any(|o| o == author_id) {
            return Ok(Item::Skip(format!(
                "tweet {} was written by the brand's own account {author_id} (answering it would loop)",
                self.id
            )));
        }
        let (raw, entities) = match &self.note_tweet {
            Some(note) => (note.text.as_str(), &note.entities),
            None => (self.text.as_str(), &self.entities),
        };
        let text = text::clean(raw, &links(entities));
        if text.chars().count() > MAX_TWEET_CHARS {
            return Err(bad(&format!(
                "tweet {} is longer than X's {MAX_TWEET_CHARS} characters",
                self.id
            )));
        }
        let initial = self
            .edit_history_tweet_ids
            .first()
            .filter(|first| **first != self.id)
            .cloned();
        let kind = if initial.is_some() {
            MessageKind::Edit
        } else {
            MessageKind::Original
        };
        let external_id = initial.unwrap_or_else(|| self.id.clone());
        let in_reply_to = self.reference("replied_to").map(str::to_owned);
        Ok(Item::Message(Box::new(Message {
            event_id: self.id.clone(),
            thread_id: Some(
                self.conversation_id
                    .clone()
                    .or_else(|| in_reply_to.clone())
                    .unwrap_or_else(|| external_id.clone()),
            ),
            external_id,
            kind,
            in_reply_to,
            author: author(author_id, includes.user(author_id)),
            text,
            full_text: None,
            visibility: Visibility::Public,
            sent_at: self.sent_at()?,
            language: text::language(self.lang.as_deref()),
            attachments: self.attachments(includes),
            attributes: self.attributes(includes, origin),
        })))
    }

    fn sent_at(&self) -> Result<Option<i64>, PluginError> {
        self.created_at
            .as_deref()
            .map(|at| {
                time::parse_iso8601(at).ok_or_else(|| {
                    bad(&format!(
                        "tweet {}: created_at {at:?} is not ISO 8601",
                        self.id
                    ))
                })
            })
            .transpose()
    }

    fn attachments(&self, includes: &Includes) -> Vec<Attachment> {
        let keys = self
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

    fn attributes(&self, includes: &Includes, origin: Origin) -> Vec<Attribute> {
        let quoted = self.reference("quoted");
        let retweeted = self.reference("retweeted");
        let mentions_brand = self
            .entities
            .mentions
            .iter()
            .any(|m| m.id.as_ref().is_some_and(|id| origin.own.contains(id)));
        let optional = [
            ("x.source", Some(origin.source)),
            ("x.tweet-id", Some(self.id.as_str())),
            ("x.conversation-id", self.conversation_id.as_deref()),
            ("x.in-reply-to-user", self.in_reply_to_user_id.as_deref()),
            (
                "x.in-reply-to-screen-name",
                includes.username(self.in_reply_to_user_id.as_deref()),
            ),
            ("x.quote-of", quoted),
            ("x.quoted-user", includes.author_of(quoted)),
            ("x.retweet", retweeted),
            ("x.retweeted-user", includes.author_of(retweeted)),
            ("x.mentions-brand", mentions_brand.then_some("true")),
        ];
        let mut attributes: Vec<Attribute> = optional
            .into_iter()
            .filter_map(|(key, value)| value.map(|v| attr(key, v)))
            .collect();
        attributes.extend(origin.extra);
        let mut brands: Vec<&str> = Vec::new();
        for annotation in &self.context_annotations {
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
}

/// Short links to expand; links to the Post's own photos and videos
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

#[cfg(test)]
mod tests {
    use super::*;

    fn includes(json: &str) -> Includes {
        serde_json::from_str(json).expect("includes parse")
    }

    #[test]
    fn users_are_read_flat_or_wrapped_in_data() {
        let both = includes(
            r#"{"users":[{"id":"1","username":"flat","public_metrics":{"followers_count":12}},
                {"data":{"id":"2","username":"wrapped","name":"W","verified":true}}]}"#,
        );
        let flat = author("1", both.user("1"));
        assert_eq!(
            (flat.handle.as_deref(), flat.follower_count),
            (Some("flat"), Some(12))
        );
        let wrapped = author("2", both.user("2"));
        assert_eq!(wrapped.handle.as_deref(), Some("wrapped"));
        assert!(wrapped.verified);
        let unknown = author("3", both.user("3"));
        assert_eq!((unknown.id.as_str(), unknown.handle), ("3", None));
    }

    #[test]
    fn a_post_without_author_is_skipped_naming_the_fix() {
        let post: Post =
            serde_json::from_str(r#"{"id":"7","text":"hi","author_id":" "}"#).expect("post parses");
        let origin = Origin {
            source: "recent-search",
            own: &[],
            extra: Vec::new(),
        };
        match post.to_item(&Includes::default(), origin) {
            Ok(Item::Skip(reason)) => assert!(reason.contains("expansions=author_id"), "{reason}"),
            other => panic!("expected a skip, got {other:?}"),
        }
    }
}
