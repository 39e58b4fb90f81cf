//! The brand voice engine ([`chorus_voice`]) for plugins: convert the
//! contract's [`VoiceProfile`] record into the engine's
//! profile, then lint, fix or score texts with it.
//!
//! ```
//! let wit = chorus_sdk::testing::default_voice();
//! let profile = chorus_sdk::voice::profile(&wit);
//! assert_eq!(profile.persona, wit.persona);
//! assert_eq!(chorus_sdk::voice::wit_profile(&profile), wit);
//! ```
//!
//! The two types have the same fields with the same names; the conversion
//! is lossless both ways. The engine's TOML parsing is not built into
//! plugins (the host parses brand files).

use crate::{
    CannedResponse, ChannelVoice, EmojiPolicy, Formality, KnowledgeMatch, KnowledgeQuery,
    KnowledgeSnippet, Person, Replacement, VoiceProfile,
};
use chorus_voice as engine;

/// The engine's profile for the brand voice a plugin received in its
/// [`Context`](crate::Context). Copies every field; it cannot fail.
pub fn profile(voice: &VoiceProfile) -> engine::VoiceProfile {
    engine::VoiceProfile {
        canned_responses: voice
            .canned_responses
            .iter()
            .map(|c| engine::CannedResponse {
                id: c.id.clone(),
                intent: c.intent.clone(),
                text: c.text.clone(),
            })
            .collect(),
        knowledge: voice
            .knowledge
            .iter()
            .map(|k| engine::KnowledgeSnippet {
                id: k.id.clone(),
                text: k.text.clone(),
                keywords: k.keywords.clone(),
                channels: k.channels.clone(),
            })
            .collect(),
        ..rules(voice)
    }
}

/// The engine's profile without the brand's texts (knowledge snippets and
/// canned responses, left empty): all that [`chorus_voice::lint()`], `fix`
/// and `score` read, for a fraction of the copying. The SDK's replies use
/// it on every call.
pub fn rules(voice: &VoiceProfile) -> engine::VoiceProfile {
    engine::VoiceProfile {
        persona: voice.persona.clone(),
        formality: match voice.formality {
            Formality::Casual => engine::Formality::Casual,
            Formality::Neutral => engine::Formality::Neutral,
            Formality::Formal => engine::Formality::Formal,
        },
        warmth: voice.warmth,
        person: match voice.person {
            Person::We => engine::Person::We,
            Person::I => engine::Person::I,
        },
        contractions: voice.contractions,
        emoji: match voice.emoji {
            EmojiPolicy::Never => engine::EmojiPolicy::Never,
            EmojiPolicy::Sparingly => engine::EmojiPolicy::Sparingly,
            EmojiPolicy::Welcome => engine::EmojiPolicy::Welcome,
        },
        allowed_emoji: voice.allowed_emoji.clone(),
        max_exclamations: voice.max_exclamations,
        preferred_words: voice.preferred_words.clone(),
        avoid_words: voice
            .avoid_words
            .iter()
            .map(|r| engine::Replacement {
                avoid: r.avoid.clone(),
                prefer: r.prefer.clone(),
            })
            .collect(),
        banned_phrases: voice.banned_phrases.clone(),
        empathy_required: voice.empathy_required,
        channels: voice
            .channels
            .iter()
            .map(|c| engine::ChannelVoice {
                channel: c.channel.clone(),
                greeting: c.greeting.clone(),
                sign_off: c.sign_off.clone(),
                max_length: c.max_length,
                languages: Default::default(),
            })
            .collect(),
        languages: voice.languages.clone(),
        canned_responses: Vec::new(),
        knowledge: Vec::new(),
        escalation_phrase: voice.escalation_phrase.clone(),
    }
}

/// The contract's record for an engine profile, as the host sends it; for
/// tests and tools that build profiles with the engine's defaults.
pub fn wit_profile(voice: &engine::VoiceProfile) -> VoiceProfile {
    VoiceProfile {
        persona: voice.persona.clone(),
        formality: match voice.formality {
            engine::Formality::Casual => Formality::Casual,
            engine::Formality::Neutral => Formality::Neutral,
            engine::Formality::Formal => Formality::Formal,
        },
        warmth: voice.warmth,
        person: match voice.person {
            engine::Person::We => Person::We,
            engine::Person::I => Person::I,
        },
        contractions: voice.contractions,
        emoji: match voice.emoji {
            engine::EmojiPolicy::Never => EmojiPolicy::Never,
            engine::EmojiPolicy::Sparingly => EmojiPolicy::Sparingly,
            engine::EmojiPolicy::Welcome => EmojiPolicy::Welcome,
        },
        allowed_emoji: voice.allowed_emoji.clone(),
        max_exclamations: voice.max_exclamations,
        preferred_words: voice.preferred_words.clone(),
        avoid_words: voice
            .avoid_words
            .iter()
            .map(|r| Replacement {
                avoid: r.avoid.clone(),
                prefer: r.prefer.clone(),
            })
            .collect(),
        banned_phrases: voice.banned_phrases.clone(),
        empathy_required: voice.empathy_required,
        channels: voice
            .channels
            .iter()
            .map(|c| ChannelVoice {
                channel: c.channel.clone(),
                greeting: c.greeting.clone(),
                sign_off: c.sign_off.clone(),
                max_length: c.max_length,
            })
            .collect(),
        languages: voice.languages.clone(),
        canned_responses: voice
            .canned_responses
            .iter()
            .map(|c| CannedResponse {
                id: c.id.clone(),
                intent: c.intent.clone(),
                text: c.text.clone(),
            })
            .collect(),
        knowledge: voice
            .knowledge
            .iter()
            .map(|k| KnowledgeSnippet {
                id: k.id.clone(),
                text: k.text.clone(),
                keywords: k.keywords.clone(),
                channels: k.channels.clone(),
            })
            .collect(),
        escalation_phrase: voice.escalation_phrase.clone(),
    }
}

/// The brand's texts as the host's retrieval indexes them: every knowledge
/// snippet and canned response of `voice`.
pub fn knowledge_texts(voice: &VoiceProfile) -> Vec<engine::retrieve::Text> {
    use engine::retrieve::{Source, Text};
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
    snippets.chain(canned).collect()
}

/// What the host's `knowledge-find` answers for `query` from `knowledge`:
/// the same engine, run here. For the native test harness and for builds
/// without the host's retrieval.
pub fn knowledge_find(
    knowledge: &engine::retrieve::Knowledge,
    query: &KnowledgeQuery,
) -> Vec<KnowledgeMatch> {
    let limit = usize::try_from(query.limit).unwrap_or(usize::MAX);
    let found = knowledge.find(&query.text, &query.language, &query.among, limit);
    found
        .into_iter()
        .map(|m| KnowledgeMatch {
            id: m.id,
            group: m.group,
            score: m.score,
            matched: m.matched,
            concepts: m.concepts,
            anchored: m.anchored,
            topics: m.topics,
        })
        .collect()
}

/// The brand `brand_name`'s knowledge with voice `voice`, built once per
/// thread and brand: what the host keeps per brand, for builds that run
/// without it (natively, or as a core module). A profile whose texts changed
/// gets a new index.
#[cfg(not(all(target_arch = "wasm32", not(chorus_core_module))))]
pub(crate) fn local_knowledge(
    brand_name: &str,
    voice: &VoiceProfile,
) -> std::rc::Rc<engine::retrieve::Knowledge> {
    use std::cell::RefCell;
    use std::rc::Rc;

    use engine::retrieve::Knowledge;

    /// Brands kept per thread; the oldest goes first.
    const KEPT: usize = 8;
    thread_local! {
        static KNOWN: RefCell<Vec<(String, Rc<Knowledge>)>> = const { RefCell::new(Vec::new()) };
    }
    let first = voice.languages.first().map_or("en", String::as_str);
    let fresh = Knowledge::new(brand_name, first, knowledge_texts(voice));
    KNOWN.with(|known| {
        let mut known = known.borrow_mut();
        let same = |(name, k): &(String, Rc<Knowledge>)| {
            name == brand_name && k.default_language() == first && k.texts() == fresh.texts()
        };
        if let Some((_, k)) = known.iter().find(|e| same(e)) {
            return Rc::clone(k);
        }
        if known.len() >= KEPT {
            known.remove(0);
        }
        let k = Rc::new(fresh);
        known.push((brand_name.to_owned(), Rc::clone(&k)));
        k
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_are_the_profile_without_its_texts_and_fix_alike() {
        let mut wit = crate::testing::default_voice();
        wit.banned_phrases = vec!["as per our policy".into()];
        wit.knowledge = vec![KnowledgeSnippet {
            id: "returns".into(),
            text: "Returns are free within 60 days.".into(),
            keywords: Vec::new(),
            channels: Vec::new(),
        }];
        let mut full = profile(&wit);
        let rules = rules(&wit);
        let text = "As per our policy, returns are free within 60 days!!";
        let target = engine::Target::default();
        assert_eq!(
            engine::fix(&full, text, &target),
            engine::fix(&rules, text, &target)
        );
        full.knowledge.clear();
        assert_eq!(full, rules);
    }

    #[test]
    fn local_knowledge_is_built_once_per_brand_and_again_when_its_texts_change() {
        let mut voice = crate::testing::default_voice();
        voice.knowledge = vec![KnowledgeSnippet {
            id: "returns".into(),
            text: "Returns are free within 60 days.".into(),
            keywords: Vec::new(),
            channels: Vec::new(),
        }];
        let first = local_knowledge("Acme", &voice);
        assert!(std::rc::Rc::ptr_eq(
            &first,
            &local_knowledge("Acme", &voice)
        ));
        assert!(!std::rc::Rc::ptr_eq(
            &first,
            &local_knowledge("Other", &voice)
        ));
        voice.knowledge[0].text = "Returns are free within 30 days.".into();
        let changed = local_knowledge("Acme", &voice);
        assert!(!std::rc::Rc::ptr_eq(&first, &changed));
        assert_eq!(changed.texts()[0].text, "Returns are free within 30 days.");
    }

    #[test]
    fn every_field_survives_the_round_trip() {
        let mut wit = crate::testing::default_voice();
        wit.formality = Formality::Casual;
        wit.person = Person::I;
        wit.emoji = EmojiPolicy::Sparingly;
        wit.allowed_emoji = vec!["🙂".into()];
        wit.preferred_words = vec!["sorted".into()];
        wit.avoid_words = vec![Replacement {
            avoid: "customer".into(),
            prefer: "friend".into(),
        }];
        wit.banned_phrases = vec!["as per our policy".into()];
        wit.channels = vec![ChannelVoice {
            channel: "email".into(),
            greeting: "Hi {first_name},".into(),
            sign_off: "— {agent}".into(),
            max_length: 900,
        }];
        wit.canned_responses = vec![CannedResponse {
            id: "c".into(),
            intent: "refund".into(),
            text: "t".into(),
        }];
        wit.knowledge = vec![KnowledgeSnippet {
            id: "k".into(),
            text: "tip".into(),
            keywords: vec!["return".into()],
            channels: vec!["email".into()],
        }];
        let engine = profile(&wit);
        assert_eq!(engine.formality, engine::Formality::Casual);
        assert_eq!(engine.person, engine::Person::I);
        assert_eq!(engine.channels[0].max_length, 900);
        assert_eq!(engine.knowledge[0].channels, vec!["email".to_owned()]);
        assert_eq!(wit_profile(&engine), wit);
    }
}
