//! Each criterion applied to one case (see the module docs of [`super`]):
//! `None` where a criterion does not apply to the case.

use serde::Serialize;

use super::super::inbound::Channel;
use super::case::{Case, Situation};
use super::judge::{self, ReAsk};
use super::{Kept, Outcome};

/// Knowledge answered (criterion 1).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(super) struct Knowledge {
    /// The top suggestion has every `must_include` string.
    pub answered: bool,
    /// ... in the first sentence of its body.
    pub first_sentence: bool,
    /// The strings it lacks (all of them when there is no suggestion).
    pub missing: Vec<String>,
}

/// What one suggestion did wrong, with its rank (1 = top).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(super) struct Fault {
    pub rank: usize,
    /// Why: the markers, asks or sentences found.
    pub why: Vec<String>,
}

/// Language match (criterion 6).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(super) struct Language {
    /// The language the top suggestion should be in.
    pub expected: String,
    /// The language it is in, when the detector could tell.
    pub detected: Option<String>,
}

impl Language {
    /// Whether it matches.
    pub fn matches(&self) -> bool {
        self.detected.as_deref() == Some(self.expected.as_str())
    }
}

/// Every criterion's verdict on one case.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub(super) struct Verdict {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub knowledge: Option<Knowledge>,
    /// Severe cases: the suggestions with tone markers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tone: Option<Vec<Fault>>,
    /// Praise: the suggestions that ask.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub praise_asks: Option<Vec<Fault>>,
    /// Cases with given facts or `must_avoid`: the suggestions that ask
    /// again.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub re_asks: Option<Vec<Fault>>,
    /// Email with a name and a suggestion: the top one greets by name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub greeted: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<Language>,
    /// The top suggestion answers with a knowledge snippet: the snippet,
    /// when the case does not list it among its `answer`s (an off-target
    /// answer: it shares words with the message but does not answer it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub off_target: Option<Option<String>>,
}

impl Verdict {
    /// Judges `outcome`; `languages` are the brand's reply languages.
    pub fn of(outcome: &Outcome<'_>, languages: &[String]) -> Self {
        let case = outcome.case;
        let kept = &outcome.kept;
        let top = kept.first();
        let faults = |judge: &dyn Fn(&Kept) -> Vec<String>| -> Vec<Fault> {
            kept.iter()
                .enumerate()
                .filter_map(|(i, k)| {
                    let why = judge(k);
                    (!why.is_empty()).then_some(Fault { rank: i + 1, why })
                })
                .collect()
        };
        Verdict {
            knowledge: (!case.answer.is_empty()).then(|| knowledge(case, top)),
            tone: (case.situation == Situation::Severe)
                .then(|| faults(&|k| judge::tone_markers(&k.text, &case.must_avoid))),
            praise_asks: (case.situation == Situation::Praise)
                .then(|| faults(&|k| judge::praise_ask(&k.text).into_iter().collect())),
            re_asks: (!case.given.is_empty() || !case.must_avoid.is_empty()).then(|| {
                faults(&|k| {
                    judge::re_asks(&k.text, &case.given, &case.must_avoid)
                        .into_iter()
                        .map(|ReAsk { kind, sentence }| format!("{kind}: {sentence}"))
                        .collect()
                })
            }),
            greeted: greeted(case, top),
            off_target: top
                .and_then(|k| k.answers_with.clone())
                .map(|id| (!case.answer.contains(&id)).then_some(id)),
            language: top.map(|top| Language {
                expected: expected_language(&case.language, languages),
                detected: judge::language(&top.body),
            }),
        }
    }
}

fn knowledge(case: &Case, top: Option<&Kept>) -> Knowledge {
    let Some(top) = top else {
        return Knowledge {
            answered: false,
            first_sentence: false,
            missing: case.must_include.clone(),
        };
    };
    let missing: Vec<String> = case
        .must_include
        .iter()
        .filter(|s| !judge::contains_ci(&top.text, s))
        .cloned()
        .collect();
    // "Hey Jonas!" is a greeting, not the reply's first sentence.
    let first = judge::sentences(&top.body)
        .into_iter()
        .find(|s| !judge::is_hello(s))
        .unwrap_or("");
    Knowledge {
        answered: missing.is_empty(),
        first_sentence: case
            .must_include
            .iter()
            .all(|s| judge::contains_ci(first, s)),
        missing,
    }
}

fn greeted(case: &Case, top: Option<&Kept>) -> Option<bool> {
    if case.channel != Channel::Email {
        return None;
    }
    // A team ("Ops Team") has no first name to greet.
    let first_name = chorus_voice::given_name(case.name.as_deref()?)?;
    let first_line = top?.text.lines().next().unwrap_or("");
    Some(judge::has_phrase(first_line, &first_name))
}

/// The language a reply should be in: the case's when the brand answers in
/// it, else the brand's first (`en` when it names none). Tags compare by
/// their primary subtag.
pub(super) fn expected_language(case: &str, languages: &[String]) -> String {
    let primary = chorus_voice::primary_subtag;
    let case = primary(case);
    if languages.iter().any(|l| primary(l) == case) {
        return case;
    }
    languages
        .first()
        .map_or_else(|| "en".to_owned(), |l| primary(l))
}
