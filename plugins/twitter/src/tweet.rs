//! The v1.1 Tweet object (as the Account Activity API delivers it in
//! `tweet_create_events`) → one Chorus message.
//!
//! Reference: <https://docs.x.com/x-api/enterprise-gnip-2.0/fundamentals/data-dictionary>
//! (Tweet, User, Entities and Extended Entities objects). Only `*_str` ids are
//! read: numeric ids above 2^53 lose digits in many JSON parsers.

use chorus_sdk::{Attachment, Attribute, Author, Message, MessageKind, PluginError, Visibility};
use serde::Deserialize;

use crate::json::{millis, nullable};
use crate::text::{self, Link};
use crate::{attr, bad, time};

/// X Premium posts go up to 25,000 characters; anything longer is not a Tweet.
pub const MAX_TWEET_CHARS: usize = 25_000;

/// A v1.1 Tweet. Fields are optional where X omits them; the ones a message
/// needs (`id_str`, `user`) are required.
#[derive(Debug, Deserialize)]
pub struct Tweet {
    id_str: String,
    #[serde(default)]
    text: Option<String>,
    /// REST `tweet_mode=extended` spelling of the full text.
    #[serde(default)]
    full_text: Option<String>,
    user: User,
    #[serde(default, deserialize_with = "nullable")]
    entities: Entities,
    #[serde(default)]
    extended_entities: Option<MediaList>,
    /// Present when `truncated` is true: the full text and its entities.
    #[serde(default)]
    extended_tweet: Option<ExtendedTweet>,
    #[serde(default)]
    lang: Option<String>,
    #[serde(default)]
    in_reply_to_status_id_str: Option<String>,
    #[serde(default)]
    in_reply_to_user_id_str: Option<String>,
    #[serde(default)]
    in_reply_to_screen_name: Option<String>,
    #[serde(default)]
    quoted_status_id_str: Option<String>,
    #[serde(default)]
    quoted_status: Option<Box<Embedded>>,
    #[serde(default)]
    retweeted_status: Option<Box<Embedded>>,
    #[serde(default, deserialize_with = "millis")]
    timestamp_ms: Option<i64>,
    #[serde(default)]
    created_at: Option<String>,
    #[serde(default)]
    edit_history: Option<EditHistory>,
}

/// The author of a Tweet.
#[derive(Debug, Deserialize)]
pub struct User {
    /// The user id, as a string.
    pub id_str: String,
    #[serde(default)]
    screen_name: Option<String>,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    followers_count: Option<u64>,
    #[serde(default)]
    verified: Option<bool>,
}

/// A quoted or retweeted Tweet: only who and which is needed.
#[derive(Debug, Deserialize)]
struct Embedded {
    #[serde(default)]
    id_str: Option<String>,
    #[serde(default)]
    user: Option<EmbeddedUser>,
}

#[derive(Debug, Deserialize)]
struct EmbeddedUser {
    #[serde(default)]
    screen_name: Option<String>,
}

#[derive(Debug, Deserialize)]
struct ExtendedTweet {
    full_text: String,
    #[serde(default, deserialize_with = "nullable")]
    entities: Entities,
    #[serde(default)]
    extended_entities: Option<MediaList>,
}

#[derive(Debug, Deserialize)]
struct EditHistory {
    #[serde(default)]
    initial_tweet_id: Option<String>,
}

/// `entities` of a Tweet or a DM's `message_data`.
#[derive(Debug, Deserialize, Default)]
pub struct Entities {
    #[serde(default, deserialize_with = "nullable")]
    urls: Vec<UrlEntity>,
    #[serde(default, deserialize_with = "nullable")]
    user_mentions: Vec<Mention>,
    #[serde(default, deserialize_with = "nullable")]
    media: Vec<Media>,
}

#[derive(Debug, Deserialize)]
struct UrlEntity {
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    expanded_url: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Mention {
    #[serde(default)]
    id_str: Option<String>,
}

/// `extended_entities`: every photo, video or GIF of a Tweet.
#[derive(Debug, Deserialize, Default)]
pub struct MediaList {
    #[serde(default, deserialize_with = "nullable")]
    media: Vec<Media>,
}

/// One photo, video or animated GIF.
#[derive(Debug, Deserialize)]
pub struct Media {
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    media_url_https: Option<String>,
    #[serde(default, rename = "type")]
    kind: Option<String>,
    #[serde(default)]
    video_info: Option<VideoInfo>,
}

#[derive(Debug, Deserialize)]
struct VideoInfo {
    #[serde(default, deserialize_with = "nullable")]
    variants: Vec<Variant>,
}

#[derive(Debug, Deserialize)]
struct Variant {
    #[serde(default)]
    content_type: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    bitrate: Option<u64>,
}

impl Tweet {
    /// The author's user id.
    pub fn author_id(&self) -> &str {
        &self.user.id_str
    }

    /// The Tweet's id.
    pub fn id(&self) -> &str {
        &self.id_str
    }

    /// Converts the Tweet. `for_user_id` is the subscribed (brand) account,
    /// used to tell whether the Tweet mentions it.
    pub fn to_message(&self, for_user_id: &str) -> Result<Message, PluginError> {
        let (raw, entities, media) = self.content();
        let text = text::clean(raw, &links(entities, media));
        if text.chars().count() > MAX_TWEET_CHARS {
            return Err(bad(&format!(
                "tweet {} is longer than X's {MAX_TWEET_CHARS} characters",
                self.id_str
            )));
        }
        let initial = self
            .edit_history
            .as_ref()
            .and_then(|h| h.initial_tweet_id.clone())
            .filter(|initial| *initial != self.id_str);
        let kind = if initial.is_some() {
            MessageKind::Edit
        } else {
            MessageKind::Original
        };
        let external_id = initial.unwrap_or_else(|| self.id_str.clone());
        let in_reply_to = self.in_reply_to_status_id_str.clone();
        Ok(Message {
            event_id: self.id_str.clone(),
            thread_id: Some(in_reply_to.clone().unwrap_or_else(|| external_id.clone())),
            external_id,
            kind,
            in_reply_to,
            author: self.user.author(),
            text,
            full_text: None,
            visibility: Visibility::Public,
            sent_at: self.sent_at()?,
            language: text::language(self.lang.as_deref()),
            attachments: media.iter().map(attachment).collect(),
            attributes: self.attributes(entities, for_user_id),
        })
    }

    /// The full text with its entities: `extended_tweet` when X truncated
    /// `text` (140-character compatibility mode), else the Tweet itself.
    fn content(&self) -> (&str, &Entities, &[Media]) {
        if let Some(extended) = &self.extended_tweet {
            let media = extended
                .extended_entities
                .as_ref()
                .map_or(&extended.entities.media[..], |m| &m.media[..]);
            return (&extended.full_text, &extended.entities, media);
        }
        let raw = self
            .full_text
            .as_deref()
            .or(self.text.as_deref())
            .unwrap_or_default();
        let media = self
            .extended_entities
            .as_ref()
            .map_or(&self.entities.media[..], |m| &m.media[..]);
        (raw, &self.entities, media)
    }

    /// `timestamp_ms` when present (streaming deliveries), else `created_at`.
    fn sent_at(&self) -> Result<Option<i64>, PluginError> {
        if self.timestamp_ms.is_some() {
            return Ok(self.timestamp_ms);
        }
        self.created_at
            .as_deref()
            .map(|at| {
                time::parse_created_at(at).ok_or_else(|| {
                    bad(&format!(
                        "tweet {}: created_at {at:?} is not X's date format",
                        self.id_str
                    ))
                })
            })
            .transpose()
    }

    fn attributes(&self, entities: &Entities, for_user_id: &str) -> Vec<Attribute> {
        let mentions_brand = entities
            .user_mentions
            .iter()
            .any(|m| m.id_str.as_deref() == Some(for_user_id));
        let quoted_user = self
            .quoted_status
            .as_ref()
            .and_then(|q| q.user.as_ref()?.screen_name.clone());
        let retweet = self.retweeted_status.as_ref();
        let quote_of = self
            .quoted_status_id_str
            .clone()
            .or_else(|| self.quoted_status.as_ref()?.id_str.clone());
        let optional = [
            ("x.tweet-id", Some(self.id_str.clone())),
            ("x.in-reply-to-user", self.in_reply_to_user_id_str.clone()),
            (
                "x.in-reply-to-screen-name",
                self.in_reply_to_screen_name.clone(),
            ),
            ("x.quote-of", quote_of),
            ("x.quoted-user", quoted_user),
            ("x.retweet", retweet.and_then(|r| r.id_str.clone())),
            (
                "x.retweeted-user",
                retweet.and_then(|r| r.user.as_ref()?.screen_name.clone()),
            ),
            (
                "x.mentions-brand",
                mentions_brand.then(|| "true".to_owned()),
            ),
        ];
        optional
            .into_iter()
            .filter_map(|(key, value)| value.map(|v| attr(key, &v)))
            .collect()
    }
}

impl User {
    /// The user as a Chorus author.
    pub fn author(&self) -> Author {
        Author {
            id: self.id_str.clone(),
            handle: crate::non_empty(self.screen_name.clone()),
            display_name: crate::non_empty(self.name.clone()),
            email: None,
            follower_count: self.followers_count,
            verified: self.verified.unwrap_or(false),
        }
    }
}

impl Entities {
    /// Short links to expand (`urls`) and media links to remove, including
    /// the link of a DM's `attachment`.
    pub fn links(&self, attachment: Option<&Media>) -> Vec<Link> {
        links(
            self,
            attachment.map(std::slice::from_ref).unwrap_or_default(),
        )
    }
}

/// Short links to expand (`urls`) and media links to remove.
fn links(entities: &Entities, media: &[Media]) -> Vec<Link> {
    let expand = entities
        .urls
        .iter()
        .filter_map(|u| Link::expand(u.url.as_deref(), u.expanded_url.as_deref()));
    let remove = media
        .iter()
        .chain(&entities.media)
        .filter_map(|m| Link::remove(m.url.as_deref()));
    expand.chain(remove).collect()
}

/// A photo by its file name and type; a video or GIF (which X serves as MP4)
/// by its best MP4 variant, else by its thumbnail's name. Size is unknown.
pub fn attachment(media: &Media) -> Attachment {
    let thumbnail = media
        .media_url_https
        .as_deref()
        .and_then(text::file_name)
        .unwrap_or_else(|| "media".to_owned());
    match media.kind.as_deref() {
        Some("video" | "animated_gif") => {
            let best = media.video_info.as_ref().and_then(|v| {
                v.variants
                    .iter()
                    .filter(|v| v.content_type.as_deref() == Some("video/mp4"))
                    .max_by_key(|v| v.bitrate.unwrap_or(0))
            });
            Attachment {
                name: best
                    .and_then(|v| v.url.as_deref().and_then(text::file_name))
                    .unwrap_or(thumbnail),
                content_type: "video/mp4".to_owned(),
                size: 0,
            }
        }
        _ => Attachment {
            content_type: text::image_type(&thumbnail).to_owned(),
            name: thumbnail,
            size: 0,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tweet(json: &str) -> Tweet {
        serde_json::from_str(json).expect("tweet parses")
    }

    #[test]
    fn a_minimal_tweet_becomes_a_public_message() {
        let t = tweet(
            r#"{"id_str":"5","text":"hi &amp; bye","user":{"id_str":"9","screen_name":"jo"},
                "created_at":"Wed Oct 10 20:19:24 +0000 2018","lang":"und"}"#,
        );
        let m = t.to_message("1").expect("message");
        assert_eq!((m.event_id.as_str(), m.external_id.as_str()), ("5", "5"));
        assert_eq!(m.thread_id.as_deref(), Some("5"));
        assert_eq!(m.text, "hi & bye");
        assert_eq!(m.sent_at, Some(1_539_202_764_000));
        assert_eq!(m.language, None);
        assert_eq!(m.author.handle.as_deref(), Some("jo"));
        assert_eq!(m.kind, MessageKind::Original);
    }

    #[test]
    fn timestamp_ms_wins_and_bad_dates_are_bad_input() {
        let t = tweet(
            r#"{"id_str":"5","text":"x","user":{"id_str":"9"},"timestamp_ms":"1432228155593",
                "created_at":"garbage"}"#,
        );
        assert_eq!(
            t.to_message("1").expect("ok").sent_at,
            Some(1_432_228_155_593)
        );
        let t = tweet(r#"{"id_str":"5","text":"x","user":{"id_str":"9"},"created_at":"soon"}"#);
        assert!(matches!(t.to_message("1"), Err(PluginError::BadInput(_))));
    }

    #[test]
    fn an_edited_tweet_updates_the_initial_one() {
        let t = tweet(
            r#"{"id_str":"7","text":"fixed","user":{"id_str":"9"},
                "edit_history":{"initial_tweet_id":"5","edit_tweet_ids":["5","7"]}}"#,
        );
        let m = t.to_message("1").expect("ok");
        assert_eq!(m.kind, MessageKind::Edit);
        assert_eq!((m.event_id.as_str(), m.external_id.as_str()), ("7", "5"));
        assert!(
            m.attributes
                .iter()
                .any(|a| a.key == "x.tweet-id" && a.value == "7")
        );
    }

    #[test]
    fn videos_are_named_by_their_best_mp4() {
        let media: Media = serde_json::from_str(
            r#"{"type":"video","media_url_https":"https://pbs.twimg.com/t/thumb.jpg",
                "video_info":{"variants":[
                  {"content_type":"application/x-mpegURL","url":"https://v/x.m3u8"},
                  {"content_type":"video/mp4","bitrate":256000,"url":"https://v/low.mp4?tag=1"},
                  {"content_type":"video/mp4","bitrate":832000,"url":"https://v/high.mp4"}]}}"#,
        )
        .expect("media");
        let a = attachment(&media);
        assert_eq!(
            (a.name.as_str(), a.content_type.as_str()),
            ("high.mp4", "video/mp4")
        );
        let photo: Media =
            serde_json::from_str(r#"{"type":"photo","media_url_https":"https://p/a.png"}"#)
                .expect("photo");
        assert_eq!(attachment(&photo).content_type, "image/png");
    }
}
