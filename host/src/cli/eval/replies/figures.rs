//! The figures of `chorus eval replies`: each case's verdicts counted into
//! one figure per criterion (see the module docs of [`super`]), and the
//! acceptance thresholds of `--check`.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use serde_json::{Value, json};

use super::case::Situation;
use super::verdict::Verdict;
use super::{Outcome, judge, words};

/// How many acceptance thresholds `--check` applies.
pub(super) const CHECKED: usize = 8;
/// Knowledge answered: at least this share of cases.
const KNOWLEDGE_MIN: f64 = 0.90;
/// Language match: at least this share of cases.
const LANGUAGE_MIN: f64 = 0.95;
/// The most repeated sentence: in at most this share of suggestions.
const REPEATED_MAX: f64 = 0.30;
/// How many repeated sentences are shown.
const TOP_SENTENCES: usize = 3;

/// `count` cases (or suggestions) out of `of`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub(super) struct Rate {
    pub count: u32,
    pub of: u32,
}

impl Rate {
    fn add(&mut self, hit: bool) {
        self.of += 1;
        self.count += u32::from(hit);
    }

    /// `count / of`; `None` when there is nothing to count.
    pub fn share(self) -> Option<f64> {
        (self.of > 0).then(|| f64::from(self.count) / f64::from(self.of))
    }

    /// "count / of unit".
    pub fn text(self, unit: &str) -> String {
        format!("{} / {} {unit}", self.count, self.of)
    }

    /// The share as a percentage, `–` when there is nothing to count.
    pub fn percent(self) -> String {
        self.share()
            .map_or_else(|| "–".to_owned(), |s| format!("{:.1}%", 100.0 * s))
    }

    /// `{count, of, share}`.
    pub fn to_json(self) -> Value {
        json!({ "count": self.count, "of": self.of, "share": self.share() })
    }
}

/// A normalised sentence and how many suggestions have it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(super) struct Repeated {
    pub sentence: String,
    pub suggestions: u32,
}

/// The figures of a run.
#[derive(Debug, Default)]
pub(super) struct Figures {
    /// Each case's verdict, in the order of the outcomes.
    pub verdicts: Vec<Verdict>,
    /// Cases with `answer` whose top suggestion has every string (criterion 1).
    pub knowledge: Rate,
    /// ... of them with every string in the first sentence of the body.
    pub knowledge_first_sentence: u32,
    /// Severe cases with a tone violation (2).
    pub tone: Rate,
    /// Praise cases with a suggestion that asks (3).
    pub praise: Rate,
    /// Cases whose top suggestion answers with a knowledge snippet, and
    /// of them those the case does not list (off-target answers; shown,
    /// not an acceptance threshold).
    pub off_target: Rate,
    /// Cases with given facts or `must_avoid` and a re-ask (4).
    pub re_asks: Rate,
    /// Given fact kinds with no ask patterns, and how many cases have them.
    pub unpatterned: BTreeMap<String, u32>,
    /// Email cases with a name and a suggestion, greeted by name (5).
    pub greeted: Rate,
    /// Cases with a suggestion whose top one is in the right language (6).
    pub language: Rate,
    /// ... per case language.
    pub per_language: BTreeMap<String, Rate>,
    /// The kept suggestions of the run (7).
    pub suggestions: u32,
    /// ... the most repeated sentences, most first.
    pub repeated: Vec<Repeated>,
    /// Lint-clean suggestions (8) out of kept ones and those
    /// dropped for their voice.
    pub lint: Rate,
    /// ... of which dropped by the gate for their voice.
    pub dropped: u32,
    /// Suggestions the gate dropped for another reason (not counted).
    pub dropped_otherwise: u32,
    /// Cases other than spam with no suggestion, by id.
    pub unanswered: Vec<String>,
    /// Spam cases that got a suggestion, out of spam cases.
    pub spam: Rate,
}

impl Figures {
    /// Judges every outcome; `languages` are the brand's reply languages.
    pub fn of(outcomes: &[Outcome<'_>], languages: &[String]) -> Self {
        let mut figures = Figures::default();
        let mut sentences: BTreeMap<String, u32> = BTreeMap::new();
        for outcome in outcomes {
            let verdict = Verdict::of(outcome, languages);
            figures.add(outcome, &verdict);
            let case = outcome.case;
            let names: Vec<&str> = case.name.iter().map(String::as_str).collect();
            for kept in &outcome.kept {
                let distinct: BTreeSet<String> = judge::sentences(&kept.body)
                    .into_iter()
                    .map(|s| judge::normalise(s, &names))
                    .filter(|s| s.chars().any(char::is_alphanumeric))
                    .collect();
                for sentence in distinct {
                    *sentences.entry(sentence).or_default() += 1;
                }
            }
            figures.verdicts.push(verdict);
        }
        let mut repeated: Vec<Repeated> = sentences
            .into_iter()
            .map(|(sentence, suggestions)| Repeated {
                sentence,
                suggestions,
            })
            .collect();
        repeated.sort_by_key(|r| std::cmp::Reverse(r.suggestions));
        repeated.truncate(TOP_SENTENCES);
        figures.repeated = repeated;
        figures
    }

    fn add(&mut self, outcome: &Outcome<'_>, verdict: &Verdict) {
        let case = outcome.case;
        if let Some(k) = &verdict.knowledge {
            self.knowledge.add(k.answered);
            self.knowledge_first_sentence += u32::from(k.answered && k.first_sentence);
        }
        if let Some(off) = &verdict.off_target {
            self.off_target.add(off.is_some());
        }
        if let Some(faults) = &verdict.tone {
            self.tone.add(!faults.is_empty());
        }
        if let Some(faults) = &verdict.praise_asks {
            self.praise.add(!faults.is_empty());
        }
        if let Some(faults) = &verdict.re_asks {
            self.re_asks.add(!faults.is_empty());
            for kind in case.given.keys() {
                if !words::FACT_KINDS.contains(&kind.as_str()) {
                    *self.unpatterned.entry(kind.clone()).or_default() += 1;
                }
            }
        }
        if let Some(greeted) = verdict.greeted {
            self.greeted.add(greeted);
        }
        if let Some(language) = &verdict.language {
            self.language.add(language.matches());
            self.per_language
                .entry(case.language.clone())
                .or_default()
                .add(language.matches());
        }
        self.suggestions += outcome.kept.len() as u32;
        let clean = outcome.kept.iter().filter(|k| k.lint_clean).count() as u32;
        let dropped = outcome.dropped.iter().filter(|d| d.for_voice).count() as u32;
        self.lint.count += clean;
        self.lint.of += outcome.kept.len() as u32 + dropped;
        self.dropped += dropped;
        self.dropped_otherwise += outcome.dropped.len() as u32 - dropped;
        if case.situation == Situation::Spam {
            self.spam.add(!outcome.kept.is_empty());
        } else if outcome.kept.is_empty() {
            self.unanswered.push(case.id.clone());
        }
    }

    /// The share of suggestions with the most repeated sentence.
    pub fn top_share(&self) -> Option<f64> {
        let top = self.repeated.first()?;
        (self.suggestions > 0).then(|| f64::from(top.suggestions) / f64::from(self.suggestions))
    }

    /// One line per acceptance threshold not met (empty when all are).
    pub fn failures(&self) -> Vec<String> {
        let mut failed = Vec::new();
        if self.lint.count < self.lint.of {
            failed.push(format!(
                "lint-clean {} = {} (want 100%)",
                self.lint.text("suggestions"),
                self.lint.percent()
            ));
        }
        for (name, rate) in [
            ("tone violations on severe cases", self.tone),
            ("re-asks for given facts", self.re_asks),
            ("questions to praise", self.praise),
            ("spam answered", self.spam),
        ] {
            if rate.count > 0 {
                failed.push(format!("{name} {} (want 0)", rate.text("cases")));
            }
        }
        for (name, rate, min) in [
            ("knowledge answered", self.knowledge, KNOWLEDGE_MIN),
            ("language match", self.language, LANGUAGE_MIN),
        ] {
            if rate.share().is_some_and(|s| s < min) {
                failed.push(format!(
                    "{name} {} = {} (want ≥ {:.0}%)",
                    rate.text("cases"),
                    rate.percent(),
                    100.0 * min
                ));
            }
        }
        if let Some(share) = self.top_share().filter(|s| *s > REPEATED_MAX)
            && let Some(top) = self.repeated.first()
        {
            failed.push(format!(
                "most repeated sentence in {:.1}% of suggestions (want ≤ {:.0}%): \"{}\"",
                100.0 * share,
                100.0 * REPEATED_MAX,
                top.sentence
            ));
        }
        failed
    }
}

#[cfg(test)]
mod tests;
