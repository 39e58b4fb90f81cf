//! The strategies: each turns the message, its triage and the brand's
//! voice into the sentences of one suggestion.

use super::fit::{Kind, Part};
use super::personalize::Personal;
use super::phrases::{self, Phrases};
use crate::{
    CannedResponse, EmojiPolicy, Formality, KnowledgeSnippet, Person, Route, Triage, VoiceProfile,
};
use chorus_voice::fill_name;

/// A strategy name, as written in [`crate::Suggestion::strategy`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Strategy {
    /// Answer or resolve: a canned response or a knowledge-based answer.
    Answer,
    /// Ask precisely for what is missing.
    AskDetail,
    /// Move to a private channel with a concrete next step.
    TakePrivate,
    /// Hand over to a specialist and say what happens next.
    Escalate,
    /// Acknowledge and set expectations with the SLA.
    Acknowledge,
}

impl Strategy {
    /// The name used in suggestions.
    pub fn name(self) -> &'static str {
        match self {
            Self::Answer => "answer",
            Self::AskDetail => "ask-detail",
            Self::TakePrivate => "take-private",
            Self::Escalate => "escalate",
            Self::Acknowledge => "acknowledge",
        }
    }

    /// Strategies in order of relevance for `route`.
    pub fn for_route(route: Route) -> &'static [Strategy] {
        use Strategy::*;
        match route {
            Route::NoReply => &[],
            Route::TakePrivate => &[TakePrivate, Answer, AskDetail, Acknowledge],
            Route::Escalate => &[Escalate, Acknowledge, Answer, AskDetail],
            Route::ReplyPublic => &[Answer, AskDetail, Acknowledge],
        }
    }
}

/// Intents whose missing details are personal: asked for in private when
/// the message is public.
const PERSONAL_DETAILS: &[&str] = &["billing", "refund", "delivery", "account", "cancellation"];

/// One suggestion before it is fitted to the channel.
#[derive(Debug, Clone)]
pub(crate) struct Draft {
    /// Which strategy.
    pub strategy: Strategy,
    /// Why, for the agent.
    pub rationale: String,
    /// The sentences, in order.
    pub parts: Vec<Part>,
    /// The knowledge snippet the draft is built on, if any.
    pub snippet: Option<String>,
}

/// Writes in one brand's voice, for one message.
#[derive(Debug)]
pub(crate) struct Writer<'a> {
    /// The brand's voice.
    pub voice: &'a VoiceProfile,
    /// The phrase table for the language and register.
    pub phrases: &'static Phrases,
    /// Whether the language is the brand's default (its own phrases and
    /// unmarked canned responses are written in it).
    pub default_language: bool,
    /// The customer.
    pub personal: &'a Personal,
    /// The name to use in sentences (none when the greeting already has it).
    pub name: Option<&'a str>,
    /// Where private conversations go.
    pub private: &'a str,
    /// The message text.
    pub text: &'a str,
    /// Whether empathy is required.
    pub needs_empathy: bool,
}

impl Writer<'_> {
    /// A phrase from the tables in the brand's voice: preferred words,
    /// person and contractions (English), with `{name}` filled.
    fn own(&self, template: &str) -> String {
        let mut text = template.to_owned();
        if self.phrases.lang == "en" {
            text = prefer_words(&text, &self.voice.preferred_words);
            if self.voice.person == Person::I {
                text = phrases::to_first_person(&text);
            }
            if !self.voice.contractions {
                text = phrases::expand_contractions(&text);
            }
        }
        fill_name(&text, "{name}", self.name)
    }

    /// [`Self::own`] with `vars` filled; values from the tables pass
    /// through `own` themselves, brand text (tips) does not.
    fn say(&self, template: &str, vars: &[(&str, &str)]) -> String {
        let mut template = template.to_owned();
        if self.phrases.lang != "en" {
            match phrases::private_gloss(self.phrases.lang, self.private) {
                Some("") => template = template.replace(" ({private})", ""),
                Some(gloss) => template = template.replace("{private}", gloss),
                None => {}
            }
        }
        vars.iter().fold(self.own(&template), |text, (key, value)| {
            text.replace(key, value)
        })
    }

    /// The draft for `strategy`, or none when it has nothing to say
    /// (no canned response or knowledge for an answer).
    pub fn draft(&self, strategy: Strategy, triage: &Triage) -> Option<Draft> {
        let (body, rationale, snippet) = match strategy {
            Strategy::Answer => self.answer(triage)?,
            Strategy::AskDetail => self.ask_detail(triage),
            Strategy::TakePrivate => self.take_private(triage),
            Strategy::Escalate => self.escalate(),
            Strategy::Acknowledge => self.acknowledge(triage),
        };
        let mut parts = self.opening(triage);
        if strategy == Strategy::Answer
            && self
                .canned(&triage.intent)
                .is_some_and(|c| c.text.contains("{first_name}"))
        {
            // The canned response names the customer already.
            parts.retain(|p| p.kind != Kind::Hello);
        }
        parts.extend(body.into_iter().map(|text| Part::new(Kind::Body, text)));
        parts.extend(self.closing());
        let parts = without_banned(parts, &self.voice.banned_phrases);
        parts.iter().any(|p| p.kind == Kind::Body).then_some(Draft {
            strategy,
            rationale,
            parts,
            snippet,
        })
    }

    fn opening(&self, triage: &Triage) -> Vec<Part> {
        let p = self.phrases;
        let mut parts = Vec::new();
        if !p.hello.is_empty() && self.name.is_some() {
            parts.push(Part::new(Kind::Hello, self.own(p.hello)));
        }
        let (opener, essential) = if self.needs_empathy {
            (p.empathy, true)
        } else if is_appreciation(&triage.intent) {
            (p.praise, false)
        } else {
            (p.thanks, false)
        };
        parts.push(Part::new(Kind::Opener { essential }, self.own(opener)));
        if self.personal.returning {
            parts.push(Part::new(Kind::Returning, self.own(p.returning)));
        }
        parts
    }

    fn closing(&self) -> Vec<Part> {
        let mut parts = Vec::new();
        if self.voice.warmth >= 0.7 {
            parts.push(Part::new(
                Kind::Closing,
                self.own(self.phrases.warm_closing),
            ));
        }
        let emoji = self.voice.formality == Formality::Casual
            && self.voice.emoji != EmojiPolicy::Never
            && !self.needs_empathy;
        if let Some(e) = self.voice.allowed_emoji.first().filter(|_| emoji) {
            parts.push(Part::new(Kind::Emoji, e.clone()));
        }
        parts
    }

    /// "order 12345" in private, "your order" in public.
    fn order_reference(&self) -> Option<String> {
        self.personal.order_id.as_ref()?;
        Some(match self.personal.speakable_order() {
            Some(id) => self.phrases.order_ref.replace("{id}", id),
            None => self.phrases.your_order.to_owned(),
        })
    }

    fn answer(&self, triage: &Triage) -> Option<(Vec<String>, String, Option<String>)> {
        if let Some(canned) = self.canned(&triage.intent) {
            let mut body = vec![self.fill_canned(&canned.text)];
            if !canned.text.contains("{order_id}")
                && let Some(order) = self.order_reference()
            {
                body.push(self.say(self.phrases.order_followup, &[("{order}", &order)]));
            }
            let rationale = format!(
                "canned response `{}` for intent {}",
                canned.id, triage.intent
            );
            return Some((body, rationale, None));
        }
        let (snippet, keyword) = matching_snippet(self.voice, self.text, None, None)?;
        let body = vec![
            self.say(
                self.phrases.knowledge_answer,
                &[("{tip}", snippet.text.trim())],
            ),
            self.own(self.phrases.knowledge_followup),
        ];
        let rationale = format!("knowledge `{}` matches \"{keyword}\"", snippet.id);
        Some((body, rationale, Some(snippet.id.clone())))
    }

    /// The canned response for `intent`: one marked with the language
    /// (`id.es`, `id-es`) first, else an unmarked one when composing in the
    /// brand's default language.
    fn canned(&self, intent: &str) -> Option<&CannedResponse> {
        let lang = self.phrases.lang;
        let for_intent = || {
            self.voice
                .canned_responses
                .iter()
                .filter(|c| c.intent == intent)
        };
        for_intent()
            .find(|c| canned_language(&c.id) == Some(lang))
            .or_else(|| {
                for_intent()
                    .find(|c| canned_language(&c.id).is_none())
                    .filter(|_| self.default_language)
            })
    }

    /// Fills `{first_name}`, `{order_id}` (private only; "your order" in
    /// public) and `{agent}`; other placeholders stay for the host.
    fn fill_canned(&self, template: &str) -> String {
        let with_name = fill_name(template, "{first_name}", self.name);
        let with_order = match self.personal.speakable_order() {
            Some(id) => with_name.replace("{order_id}", id),
            None => {
                let your = self.phrases.your_order;
                with_name
                    .replace("order #{order_id}", "order")
                    .replace("order {order_id}", "order")
                    .replace("#{order_id}", your)
                    .replace("{order_id}", your)
            }
        };
        with_order.replace("{agent}", &self.voice.persona)
    }

    fn ask_detail(&self, triage: &Triage) -> (Vec<String>, String, Option<String>) {
        let words = self.phrases.intent(&triage.intent);
        let has_order = self.personal.order_id.is_some();
        let detail = if has_order {
            words.detail_with_order
        } else {
            words.detail
        };
        let private = self.personal.public && PERSONAL_DETAILS.contains(&triage.intent.as_str());
        let template = if private {
            self.phrases.ask_private
        } else {
            self.phrases.ask
        };
        let detail = self.own(detail);
        let body = self.say(
            template,
            &[("{detail}", &detail), ("{private}", self.private)],
        );
        let mut rationale = format!(
            "asks for what a {} request still needs",
            triage.intent.replace('-', " ")
        );
        if has_order {
            rationale.push_str(" (the order id is already in the message)");
        }
        (vec![body], rationale, None)
    }

    fn take_private(&self, triage: &Triage) -> (Vec<String>, String, Option<String>) {
        let what = self.own(self.phrases.intent(&triage.intent).what);
        let mut body = vec![self.say(
            self.phrases.take_private,
            &[("{private}", self.private), ("{what}", &what)],
        )];
        if self.personal.public {
            body.push(self.own(self.phrases.privacy_note));
        }
        let rationale = format!(
            "moves to {}: {} details belong in private",
            self.private,
            triage.intent.replace('-', " ")
        );
        (body, rationale, None)
    }

    fn escalate(&self) -> (Vec<String>, String, Option<String>) {
        let brand = self.voice.escalation_phrase.trim();
        let handover = if brand.is_empty() || !self.default_language {
            self.own(self.phrases.escalate)
        } else {
            brand.to_owned()
        };
        let body = vec![handover, self.own(self.phrases.escalate_next)];
        (body, "triage routed this to a specialist".to_owned(), None)
    }

    fn acknowledge(&self, triage: &Triage) -> (Vec<String>, String, Option<String>) {
        if is_appreciation(&triage.intent) {
            let body = vec![self.own(self.phrases.acknowledge_praise)];
            return (
                body,
                "thanks the customer and passes it on".to_owned(),
                None,
            );
        }
        let subject = self
            .order_reference()
            .unwrap_or_else(|| self.own(self.phrases.intent(&triage.intent).subject));
        let body = vec![self.say(self.phrases.acknowledge, &[("{subject}", &subject)])];
        (
            body,
            "acknowledges and sets expectations with the SLA ({response_time})".to_owned(),
            None,
        )
    }
}

/// The language a canned response id is marked with (`refund.es`,
/// `refund-es`), when it is one of the composer's languages.
fn canned_language(id: &str) -> Option<&'static str> {
    let suffix = id.rsplit(['.', '-']).next()?;
    phrases::LANGUAGES
        .iter()
        .find(|l| **l != "en" && suffix.eq_ignore_ascii_case(l) && suffix.len() < id.len())
        .copied()
}

/// The first knowledge snippet whose keyword occurs in `text` (at a word
/// start, case-insensitively) and that fits `channel` (when given), other
/// than `except`, with the keyword.
pub(crate) fn matching_snippet<'a>(
    voice: &'a VoiceProfile,
    text: &str,
    channel: Option<&str>,
    except: Option<&str>,
) -> Option<(&'a KnowledgeSnippet, &'a str)> {
    let lower = text.to_lowercase();
    voice
        .knowledge
        .iter()
        .filter(|k| except != Some(k.id.as_str()) && !k.text.trim().is_empty())
        .filter(|k| {
            channel.is_none_or(|c| k.channels.is_empty() || k.channels.iter().any(|k| k == c))
        })
        .find_map(|k| {
            k.keywords
                .iter()
                .find(|word| starts_word(&lower, &word.to_lowercase()))
                .map(|word| (k, word.as_str()))
        })
}

fn starts_word(text: &str, word: &str) -> bool {
    !word.trim().is_empty()
        && text.match_indices(word.trim()).any(|(at, _)| {
            !text[..at]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
        })
}

/// Swaps in a brand's preferred words where the tables have a natural slot
/// for them (English).
fn prefer_words(text: &str, preferred: &[String]) -> String {
    const SWAPS: &[(&str, &str, &str)] = &[
        ("sorted", "sort it out", "get it sorted"),
        ("fix", "sort it out", "fix it"),
        ("fix", "get it sorted", "fix it"),
        ("resolve", "sort it out", "resolve it"),
        ("check", "look into", "check"),
        ("check", "looking into", "checking"),
        ("happy to help", "We're here to help.", "Happy to help."),
        (
            "happy to help",
            "We are glad to assist.",
            "We are happy to help.",
        ),
        ("asap", "right away", "ASAP"),
        ("shortly", "right away", "shortly"),
    ];
    SWAPS
        .iter()
        .filter(|(word, _, _)| {
            preferred
                .iter()
                .any(|p| p.trim().eq_ignore_ascii_case(word))
        })
        .fold(text.to_owned(), |text, (_, from, to)| {
            text.replace(from, to)
        })
}

/// Removes the sentences that contain a banned phrase; parts left empty
/// are dropped.
fn without_banned(parts: Vec<Part>, banned: &[String]) -> Vec<Part> {
    let banned: Vec<String> = banned
        .iter()
        .map(|b| b.trim().to_lowercase())
        .filter(|b| !b.is_empty())
        .collect();
    if banned.is_empty() {
        return parts;
    }
    parts
        .into_iter()
        .filter_map(|mut part| {
            let kept: Vec<&str> = sentences(&part.text)
                .into_iter()
                .filter(|s| {
                    let lower = s.to_lowercase();
                    !banned.iter().any(|b| lower.contains(b))
                })
                .collect();
            part.text = kept.join(" ");
            (!part.text.trim().is_empty()).then_some(part)
        })
        .collect()
}

/// Splits text after `.`, `!` and `?` followed by a space.
fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, c) in text.char_indices() {
        if matches!(c, '.' | '!' | '?') && bytes.get(i + 1) == Some(&b' ') {
            out.push(text[start..=i].trim());
            start = i + 1;
        }
    }
    out.push(text[start..].trim());
    out.retain(|s| !s.is_empty());
    out
}

/// Praise, or thanks that close a conversation: the customer is giving,
/// not asking.
fn is_appreciation(intent: &str) -> bool {
    matches!(intent, "praise" | "thanks")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canned_languages_are_read_from_the_id() {
        assert_eq!(canned_language("refund.es"), Some("es"));
        assert_eq!(canned_language("refund-de"), Some("de"));
        assert_eq!(canned_language("refund"), None);
        assert_eq!(canned_language("es"), None);
        assert_eq!(canned_language("order-en"), None);
    }

    #[test]
    fn banned_sentences_are_removed() {
        let parts = vec![Part::new(
            Kind::Body,
            "We apologize for any inconvenience. We'll fix it.",
        )];
        let kept = without_banned(parts, &["we apologize for any inconvenience".to_owned()]);
        assert_eq!(kept[0].text, "We'll fix it.");
    }

    #[test]
    fn preferred_words_take_their_slot() {
        assert_eq!(
            prefer_words("Then we can sort it out.", &["sorted".to_owned()]),
            "Then we can get it sorted."
        );
    }
}
