//! The labelled lines `chorus eval triage` reads, and the inbound message
//! each one becomes on its channel.

use std::path::Path;

use chorus_host::model::{Author, HttpRequest, Message, MessageKind, Priority, Route, Visibility};
use serde::Deserialize;

use super::super::Failure;

/// One labelled line (see `tests/data/LABELLING.md`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Labelled {
    pub id: String,
    /// Provenance (`written`, or a public set's row).
    #[serde(default)]
    #[allow(dead_code, reason = "provenance: checked to be a string, not used")]
    pub source: Option<String>,
    #[serde(default)]
    #[allow(dead_code, reason = "provenance: checked to be a string, not used")]
    pub origin: Option<String>,
    #[serde(default)]
    pub split: Option<String>,
    /// Who wrote it; the split is by author.
    #[serde(default)]
    pub author: Option<String>,
    /// The brand it is addressed to.
    #[serde(default)]
    #[allow(dead_code, reason = "the brand is chosen on the command line")]
    pub brand: Option<String>,
    pub channel: Channel,
    pub visibility: Visibility,
    /// Email subject, when the line has one.
    #[serde(default)]
    pub subject: Option<String>,
    pub text: String,
    pub intent: String,
    pub route: Route,
    pub priority: Priority,
    /// Sign of the customer's feeling: -1, 0 or 1.
    #[serde(default)]
    pub sentiment: Option<i8>,
    /// The language the message is written in.
    #[serde(default)]
    pub language: Option<String>,
    /// Signals a care lead wants flagged (`repeat-contact`, ...).
    #[serde(default)]
    pub signals: Vec<String>,
}

/// The channel a line arrived on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(super) enum Channel {
    Twitter,
    Slack,
    Email,
}

impl Channel {
    /// The plugin that serves it.
    pub fn plugin(self) -> &'static str {
        match self {
            Channel::Twitter => "twitter",
            Channel::Slack => "chat",
            Channel::Email => "email",
        }
    }
}

/// Reads the labelled lines of `file`, keeping those of `split` (all when
/// `None`), with their line numbers.
pub(super) fn read(file: &Path, split: Option<&str>) -> Result<Vec<(usize, Labelled)>, Failure> {
    let text = std::fs::read_to_string(file)
        .map_err(|e| Failure::refused(format!("{}: cannot read: {e}", file.display())))?;
    let mut lines = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        if raw.trim().is_empty() {
            continue;
        }
        let line: Labelled = serde_json::from_str(raw)
            .map_err(|e| Failure::refused(format!("{}:{}: {e}", file.display(), i + 1)))?;
        if line.id.is_empty() || line.text.is_empty() || line.intent.is_empty() {
            return Err(Failure::refused(format!(
                "{}:{}: `id`, `text` and `intent` must not be empty",
                file.display(),
                i + 1
            )));
        }
        if line.sentiment.is_some_and(|s| !(-1..=1).contains(&s)) {
            return Err(Failure::refused(format!(
                "{}:{}: `sentiment` must be -1, 0 or 1",
                file.display(),
                i + 1
            )));
        }
        if split.is_none_or(|s| line.split.as_deref() == Some(s)) {
            lines.push((i + 1, line));
        }
    }
    Ok(lines)
}

impl Labelled {
    /// The author's id: the labelled author, or one made from the line id.
    fn author_id(&self) -> String {
        self.author
            .clone()
            .unwrap_or_else(|| format!("customer-{}", self.id))
    }

    /// An email as a mail client sends it, for the email plugin's `listen`:
    /// quoted history and signatures are the plugin's to strip, as in the
    /// server.
    pub fn raw_email(&self) -> HttpRequest {
        let from = self.author_id();
        let from = if from.contains('@') {
            from
        } else {
            format!("{from}@customer.example")
        };
        let mut mail = format!(
            "From: {from}\r\nTo: support@brand.example\r\nMessage-ID: <eval-{}@chorus.example>\r\nDate: Tue, 1 Dec 2026 10:00:00 +0000\r\n",
            self.id
        );
        if let Some(subject) = &self.subject {
            mail.push_str(&format!("Subject: {subject}\r\n"));
        }
        mail.push_str("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n");
        mail.push_str(&self.text.replace("\r\n", "\n").replace('\n', "\r\n"));
        HttpRequest {
            method: "POST".to_owned(),
            path: "/eval".to_owned(),
            query: String::new(),
            headers: vec![("content-type".to_owned(), "message/rfc822".to_owned())],
            body: mail.into_bytes(),
        }
    }

    /// The message as a chat or X plugin hands it to triage.
    pub fn message(&self) -> Message {
        let author = self.author_id();
        Message {
            event_id: format!("eval-{}", self.id),
            external_id: self.id.clone(),
            kind: MessageKind::Original,
            thread_id: None,
            in_reply_to: None,
            author: Author {
                handle: Some(author.trim_start_matches('@').to_owned()),
                id: author,
                display_name: None,
                email: None,
                follower_count: None,
                verified: false,
            },
            text: self.text.clone(),
            full_text: None,
            visibility: self.visibility,
            sent_at: None,
            language: None,
            attachments: Vec::new(),
            attributes: Vec::new(),
        }
    }

    /// The number of words, for the language figure (which counts posts of
    /// four words or more).
    pub fn words(&self) -> usize {
        self.text.split_whitespace().count()
    }
}
