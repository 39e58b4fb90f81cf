//! A brand's knowledge: its snippets and canned responses with one
//! [`Index`] over all of them, built on the first search and kept.
//!
//! The host keeps one per brand and answers every plugin's
//! `host.knowledge-find` from it, so no event pays for analysing the
//! brand's texts; [`Knowledge::find`] narrows each search to the texts that
//! fit the channel, the moment and the reply's language.

use std::collections::HashSet;
use std::sync::{Arc, OnceLock};

use super::{Doc, Hit, Index};
use crate::VoiceProfile;

/// Where a text comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// A knowledge snippet.
    Snippet,
    /// A canned response.
    Canned,
}

/// One of a brand's texts.
#[derive(Debug, Clone, PartialEq)]
pub struct Text {
    /// Stable id; a language suffix marks a variant (`returns.es`, see
    /// [`super::group_of`]).
    pub id: String,
    /// The text.
    pub text: String,
    /// Keywords that make it relevant (snippets only).
    pub keywords: Vec<String>,
    /// Snippet or canned response.
    pub source: Source,
}

/// One of a brand's texts that answers a query, named by its id: what
/// `host.knowledge-find` returns (a [`Hit`] with owned names).
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    /// Id of the variant that matched.
    pub id: String,
    /// Its group of language variants ([`Hit::group`]).
    pub group: String,
    /// [`Hit::score`].
    pub score: f32,
    /// [`Hit::matched`].
    pub matched: Vec<String>,
    /// [`Hit::concepts`].
    pub concepts: Vec<String>,
    /// [`Hit::anchored`].
    pub anchored: bool,
    /// [`Hit::topics`].
    pub topics: Vec<String>,
}

/// A brand's texts and their index; see the module docs.
#[derive(Debug, Default)]
pub struct Knowledge {
    /// The brand's name: its words prove nothing (see [`Index::for_brand`]).
    brand_name: String,
    /// The language of the texts whose id has no language suffix.
    default_language: String,
    /// The profile its texts are read from at first use (none: they were
    /// given).
    profile: Option<Arc<VoiceProfile>>,
    texts: OnceLock<Vec<Text>>,
    index: OnceLock<Index>,
}

impl Knowledge {
    /// The texts of brand `brand_name`, those without a language suffix in
    /// `default_language`. Texts without words are left out.
    pub fn new(
        brand_name: &str,
        default_language: &str,
        texts: impl IntoIterator<Item = Text>,
    ) -> Self {
        Self {
            brand_name: brand_name.to_owned(),
            default_language: default_language.to_owned(),
            profile: None,
            texts: OnceLock::from(with_words(texts)),
            index: OnceLock::new(),
        }
    }

    /// The snippets and canned responses of `voice`, for brand
    /// `brand_name`; unmarked texts are in the profile's first language.
    /// They are copied out of the profile at the first search (or
    /// [`Knowledge::prepare`]): a brand that gets no messages holds no
    /// second copy of its texts and no index.
    pub fn of_profile(brand_name: &str, voice: Arc<VoiceProfile>) -> Self {
        let first = voice.languages.first().map_or("en", String::as_str);
        Self {
            brand_name: brand_name.to_owned(),
            default_language: first.to_owned(),
            texts: OnceLock::new(),
            profile: Some(voice),
            index: OnceLock::new(),
        }
    }

    /// The texts of `voice` (see [`Knowledge::of_profile`]).
    fn texts_of(voice: &VoiceProfile) -> Vec<Text> {
        let snippets = voice.knowledge.iter().map(|k| Text {
            id: k.id.clone(),
            text: k.text.clone(),
            keywords: k.keywords.clone(),
            source: Source::Snippet,
        });
        let canned = voice.canned_responses.iter().map(|c| Text {
            id: c.id.clone(),
            text: c.text.clone(),
            keywords: Vec::new(),
            source: Source::Canned,
        });
        with_words(snippets.chain(canned))
    }

    /// Builds the index now rather than at the first search (and with it
    /// the analyser's tables), so that no search pays for it. A host calls
    /// this before a brand's plugin calls: the first message's search then
    /// runs inside a plugin's time limit without the setup.
    pub fn prepare(&self) {
        self.index();
    }

    /// Whether its texts are read and indexed (by [`Knowledge::prepare`]
    /// or a search).
    pub fn is_indexed(&self) -> bool {
        self.index.get().is_some()
    }

    /// The language of its texts whose id has no language suffix.
    pub fn default_language(&self) -> &str {
        &self.default_language
    }

    /// Its texts, in the order given; [`Hit::index`] points into them.
    pub fn texts(&self) -> &[Text] {
        self.texts.get_or_init(|| {
            self.profile
                .as_deref()
                .map(Self::texts_of)
                .unwrap_or_default()
        })
    }

    /// The texts whose id is in `among` (all when it is empty) that answer
    /// `query`, written in `language`: best first, at most `limit`, one
    /// per group of language variants, each above the relevance threshold.
    pub fn find(&self, query: &str, language: &str, among: &[String], limit: usize) -> Vec<Answer> {
        let names = |concepts: Vec<&str>| concepts.into_iter().map(str::to_owned).collect();
        self.hits(query, language, among, limit)
            .into_iter()
            .filter_map(|hit| {
                let text = self.texts().get(hit.index)?;
                Some(Answer {
                    id: text.id.clone(),
                    group: hit.group,
                    score: hit.score,
                    matched: hit.matched,
                    concepts: names(hit.concepts),
                    anchored: hit.anchored,
                    topics: names(hit.topics),
                })
            })
            .collect()
    }

    /// [`Knowledge::find`]'s hits, pointing into [`Knowledge::texts`].
    fn hits(&self, query: &str, language: &str, among: &[String], limit: usize) -> Vec<Hit> {
        let texts = self.texts();
        if texts.is_empty() {
            return Vec::new();
        }
        let among: HashSet<&str> = among.iter().map(String::as_str).collect();
        let allowed = |at: usize| {
            among.is_empty() || texts.get(at).is_some_and(|t| among.contains(t.id.as_str()))
        };
        self.index().search_among(query, language, limit, allowed)
    }

    /// The index, built on first use.
    fn index(&self) -> &Index {
        self.index.get_or_init(|| {
            let docs = self
                .texts()
                .iter()
                .map(|t| Doc::from_id(&t.id, &self.default_language, &t.text, &t.keywords));
            Index::for_brand(&self.brand_name, docs)
        })
    }
}

/// `texts` but those without words.
fn with_words(texts: impl IntoIterator<Item = Text>) -> Vec<Text> {
    texts
        .into_iter()
        .filter(|t| !t.text.trim().is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn acme() -> Knowledge {
        let voice = VoiceProfile::from_toml_str(
            r#"
persona = "Sam"
languages = ["en", "es"]
[[knowledge]]
id = "returns-window"
text = "Returns are free within 60 days of delivery."
keywords = ["return", "send back"]
[[knowledge]]
id = "returns-window.es"
text = "Las devoluciones son gratis durante 60 días."
[[knowledge]]
id = "shipping-times"
text = "Orders ship within 2 working days; delivery takes 3 to 5 days."
[[knowledge]]
id = "empty"
text = "  "
[[canned_responses]]
id = "refund-status"
intent = "refund"
text = "Refunds reach your card 5 to 10 days after we receive the return."
"#,
        )
        .expect("valid profile");
        Knowledge::of_profile("Acme", Arc::new(voice))
    }

    fn ids(found: &[Answer]) -> Vec<&str> {
        found.iter().map(|m| m.id.as_str()).collect()
    }

    #[test]
    fn find_ranks_the_text_that_answers_with_its_reasons() {
        let knowledge = acme();
        let found = knowledge.find("how many days do I have to return a jacket?", "en", &[], 4);
        let first = found.first().expect("an answer");
        assert_eq!(ids(&found)[0], "returns-window");
        assert_eq!(first.group, "returns-window");
        assert!(first.anchored, "{first:?}");
        assert!(first.concepts.iter().any(|c| c == "return"), "{first:?}");
        assert!(!ids(&found).contains(&"shipping-times"));
    }

    #[test]
    fn find_keeps_to_the_texts_it_is_given() {
        let knowledge = acme();
        let among = ["shipping-times".to_owned()];
        let hits = knowledge.find(
            "how many days do I have to return a jacket?",
            "en",
            &among,
            4,
        );
        assert!(hits.is_empty(), "{hits:?}");
        let hits = knowledge.find("what a lovely day", "en", &[], 4);
        assert!(hits.is_empty(), "no text answers: {hits:?}");
    }

    #[test]
    fn texts_without_words_are_left_out_and_the_index_is_built_once() {
        let knowledge = acme();
        assert_eq!(knowledge.texts().len(), 4);
        assert_eq!(knowledge.texts()[3].source, Source::Canned);
        let first: *const Index = knowledge.index();
        knowledge.find("refund", "en", &[], 4);
        assert!(std::ptr::eq(first, knowledge.index()));
    }
}
