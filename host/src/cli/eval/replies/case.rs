//! The cases `chorus eval replies` reads: one JSON object a line.
//!
//! ```json
//! {"id": "r-0001", "split": "dev", "brand": "acme", "channel": "email",
//!  "visibility": "private", "author": "maria.lopez@example.es",
//!  "name": "Maria Lopez", "text": "...", "language": "es",
//!  "situation": "question", "answer": ["returns-window"],
//!  "must_include": ["60"], "given": {"order_id": "4471-2290"},
//!  "must_avoid": ["order number"]}
//! ```
//!
//! Every field is read on its own so that an error names it
//! (`file:line: field \`situation\`: unknown variant ...`); unknown fields
//! are refused. `subject` (email), `source`, `origin` and `note` are
//! optional extras.

use std::collections::BTreeMap;
use std::path::Path;

use chorus_host::model::Visibility;
use chorus_voice::VoiceProfile;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use super::super::super::Failure;
use super::super::inbound::{Channel, Inbound};
use super::super::shared::read_jsonl;

/// The dev/held-out split of a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(super) enum Split {
    Dev,
    Heldout,
}

impl Split {
    /// Its name in case files and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Split::Dev => "dev",
            Split::Heldout => "heldout",
        }
    }
}

/// What the customer's message is, for the criteria that apply to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(super) enum Situation {
    /// Harm, fraud, a safety or legal matter, strong distress: no cheer.
    Severe,
    Problem,
    Question,
    /// Praise: thank, do not ask.
    Praise,
    Thanks,
    /// Not a customer: no suggestion expected.
    Spam,
}

impl Situation {
    /// Its name in case files.
    pub fn name(self) -> &'static str {
        match self {
            Situation::Severe => "severe",
            Situation::Problem => "problem",
            Situation::Question => "question",
            Situation::Praise => "praise",
            Situation::Thanks => "thanks",
            Situation::Spam => "spam",
        }
    }
}

/// One case.
#[derive(Debug, Clone)]
pub(super) struct Case {
    pub id: String,
    pub split: Split,
    /// The brand id it is addressed to.
    pub brand: String,
    pub channel: Channel,
    pub visibility: Visibility,
    /// `@handle` (X), a chat user id, or an email address.
    pub author: String,
    /// The author's display name (email: the `From` display name).
    pub name: Option<String>,
    /// Email subject.
    pub subject: Option<String>,
    pub text: String,
    /// The language the message is written in (`en`, `es`, `fr`, `de`).
    pub language: String,
    pub situation: Situation,
    /// Ids of the brand's knowledge snippets (or canned responses) that
    /// answer the message.
    pub answer: Vec<String>,
    /// Strings the top suggestion must contain when `answer` is set.
    pub must_include: Vec<String>,
    /// Facts the customer already gave, by kind (`order_id`, ...).
    pub given: BTreeMap<String, String>,
    /// Strings no suggestion may contain.
    pub must_avoid: Vec<String>,
}

/// Reads every case of `file`, checked (see [`Case::parse`]), with its line
/// number.
pub(super) fn read(file: &Path) -> Result<Vec<(usize, Case)>, Failure> {
    read_jsonl(file, Case::parse)
}

/// The fields of one line, taken one by one.
struct Fields(Map<String, Value>);

impl Fields {
    fn value(&mut self, name: &str) -> Option<Value> {
        self.0.remove(name).filter(|v| !v.is_null())
    }

    fn required<T: DeserializeOwned>(&mut self, name: &str) -> Result<T, String> {
        let value = self
            .value(name)
            .ok_or_else(|| format!("missing field `{name}`"))?;
        serde_json::from_value(value).map_err(|e| format!("field `{name}`: {e}"))
    }

    fn optional<T: DeserializeOwned + Default>(&mut self, name: &str) -> Result<T, String> {
        match self.value(name) {
            None => Ok(T::default()),
            Some(value) => {
                serde_json::from_value(value).map_err(|e| format!("field `{name}`: {e}"))
            }
        }
    }

    /// A string that must not be blank.
    fn text(&mut self, name: &str) -> Result<String, String> {
        let text: String = self.required(name)?;
        if text.trim().is_empty() {
            return Err(format!("field `{name}`: must not be empty"));
        }
        Ok(text)
    }

    /// A list of strings none of which is blank.
    fn texts(&mut self, name: &str) -> Result<Vec<String>, String> {
        let texts: Vec<String> = self.optional(name)?;
        if texts.iter().any(|t| t.trim().is_empty()) {
            return Err(format!("field `{name}`: no string may be empty"));
        }
        Ok(texts)
    }

    /// `given`: kinds to strings or numbers.
    fn given(&mut self) -> Result<BTreeMap<String, String>, String> {
        let map: Map<String, Value> = self.optional("given")?;
        map.into_iter()
            .map(|(kind, value)| {
                let value = match value {
                    Value::String(s) if !s.trim().is_empty() => s,
                    Value::Number(n) => n.to_string(),
                    _ => {
                        return Err(format!(
                            "field `given`: `{kind}` must be a non-empty string or a number"
                        ));
                    }
                };
                Ok((kind, value))
            })
            .collect()
    }

    /// Fails on any field not taken.
    fn finish(self) -> Result<(), String> {
        match self.0.keys().next() {
            Some(name) => Err(format!("unknown field `{name}`")),
            None => Ok(()),
        }
    }
}

impl Case {
    /// Parses and checks one line: every field of the schema has the right
    /// type and is not blank where it must not be, `language` is a
    /// lower-case language tag, and a case with `answer` has
    /// `must_include`.
    pub fn parse(raw: &str) -> Result<Case, String> {
        let Value::Object(map) = serde_json::from_str(raw).map_err(|e| e.to_string())? else {
            return Err("a case must be a JSON object".to_owned());
        };
        let mut fields = Fields(map);
        let case = Case {
            id: fields.text("id")?,
            split: fields.required("split")?,
            brand: fields.text("brand")?,
            channel: fields.required("channel")?,
            visibility: fields.required("visibility")?,
            author: fields.text("author")?,
            name: fields.optional::<Option<String>>("name")?,
            subject: fields.optional::<Option<String>>("subject")?,
            text: fields.text("text")?,
            language: fields.text("language")?,
            situation: fields.required("situation")?,
            answer: fields.texts("answer")?,
            must_include: fields.texts("must_include")?,
            given: fields.given()?,
            must_avoid: fields.texts("must_avoid")?,
        };
        for provenance in ["source", "origin", "note"] {
            let _: Option<String> = fields.optional(provenance)?;
        }
        fields.finish()?;
        if case.name.as_ref().is_some_and(|n| n.trim().is_empty()) {
            return Err("field `name`: must be null or not empty".to_owned());
        }
        let tag_ok = (2..=3).contains(&case.language.len())
            && case.language.chars().all(|c| c.is_ascii_lowercase());
        if !tag_ok {
            return Err(format!(
                "field `language`: `{}` is not a language tag such as `en`",
                case.language
            ));
        }
        if !case.answer.is_empty() && case.must_include.is_empty() {
            return Err("field `must_include`: must not be empty when `answer` is set".to_owned());
        }
        Ok(case)
    }

    /// Checks the case against its brand: every `answer` id is one of the
    /// brand's knowledge snippets or canned responses.
    pub fn check_brand(&self, voice: &VoiceProfile) -> Result<(), String> {
        let known = |id: &str| {
            voice.knowledge.iter().any(|k| k.id == id)
                || voice.canned_responses.iter().any(|c| c.id == id)
        };
        match self.answer.iter().find(|id| !known(id)) {
            Some(id) => Err(format!(
                "field `answer`: `{id}` is not a knowledge snippet or canned response of brand `{}`",
                self.brand
            )),
            None => Ok(()),
        }
    }

    /// The customer message the case stands for.
    pub fn inbound(&self) -> Inbound<'_> {
        Inbound {
            id: &self.id,
            author: Some(&self.author),
            name: self.name.as_deref(),
            channel: self.channel,
            visibility: self.visibility,
            subject: self.subject.as_deref(),
            text: &self.text,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"{"id": "r-1", "split": "dev", "brand": "acme", "channel": "email", "visibility": "private", "author": "maria.lopez@example.es", "name": "Maria Lopez", "text": "Hola", "language": "es", "situation": "question", "answer": ["returns-window"], "must_include": ["60"], "given": {"order_id": "4471-2290", "amount": 49.9}, "must_avoid": ["order number"]}"#;

    fn with(field: &str, value: &str) -> String {
        let mut map: Map<String, Value> = serde_json::from_str(GOOD).expect("JSON");
        match serde_json::from_str(value) {
            Ok(value) => map.insert(field.to_owned(), value),
            Err(_) => map.remove(field),
        };
        Value::Object(map).to_string()
    }

    #[test]
    fn a_good_line_parses() {
        let case = Case::parse(GOOD).expect("parses");
        assert_eq!(case.split, Split::Dev);
        assert_eq!(case.given["amount"], "49.9");
        assert_eq!(case.name.as_deref(), Some("Maria Lopez"));
        let minimal = r#"{"id": "r-2", "split": "heldout", "brand": "acme", "channel": "twitter", "visibility": "public", "author": "@jo", "name": null, "text": "love it", "language": "en", "situation": "praise"}"#;
        let case = Case::parse(minimal).expect("parses");
        assert!(case.answer.is_empty() && case.given.is_empty() && case.name.is_none());
    }

    #[test]
    fn errors_name_the_field() {
        let cases = [
            (
                with("situation", r#""angry""#),
                "field `situation`: unknown variant `angry`",
            ),
            (with("channel", "3"), "field `channel`: invalid type"),
            (with("split", "-"), "missing field `split`"),
            (with("text", r#""  ""#), "field `text`: must not be empty"),
            (with("language", r#""Spanish""#), "field `language`"),
            (
                with("must_include", "[]"),
                "field `must_include`: must not be empty",
            ),
            (
                with("given", r#"{"order_id": ""}"#),
                "field `given`: `order_id`",
            ),
            (with("extra", "1"), "unknown field `extra`"),
        ];
        for (line, expected) in cases {
            let error = Case::parse(&line).expect_err(&line);
            assert!(error.starts_with(expected), "{error}");
        }
        assert_eq!(
            Case::parse("[1]").expect_err("array"),
            "a case must be a JSON object"
        );
    }
}
