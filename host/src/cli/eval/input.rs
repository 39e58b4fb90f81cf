//! The labelled lines `chorus eval triage` reads, and the inbound message
//! each one becomes on its channel.

use std::path::Path;

use chorus_host::model::{Priority, Route, Visibility};
use serde::Deserialize;

use super::super::Failure;
use super::inbound::{Channel, Inbound};
use super::shared::read_jsonl;

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

/// Reads the labelled lines of `file`, keeping those of `split` (all when
/// `None`), with their line numbers.
pub(super) fn read(file: &Path, split: Option<&str>) -> Result<Vec<(usize, Labelled)>, Failure> {
    let lines = read_jsonl(file, |raw| {
        let line: Labelled = serde_json::from_str(raw).map_err(|e| e.to_string())?;
        if line.id.is_empty() || line.text.is_empty() || line.intent.is_empty() {
            return Err("`id`, `text` and `intent` must not be empty".to_owned());
        }
        if line.sentiment.is_some_and(|s| !(-1..=1).contains(&s)) {
            return Err("`sentiment` must be -1, 0 or 1".to_owned());
        }
        Ok(line)
    })?;
    Ok(lines
        .into_iter()
        .filter(|(_, line)| split.is_none_or(|s| line.split.as_deref() == Some(s)))
        .collect())
}

impl Labelled {
    /// The customer message the line stands for.
    pub fn inbound(&self) -> Inbound<'_> {
        Inbound {
            id: &self.id,
            author: self.author.as_deref(),
            name: None,
            channel: self.channel,
            visibility: self.visibility,
            subject: self.subject.as_deref(),
            text: &self.text,
        }
    }

    /// The number of words, for the language figure (which counts posts of
    /// four words or more).
    pub fn words(&self) -> usize {
        self.text.split_whitespace().count()
    }
}
