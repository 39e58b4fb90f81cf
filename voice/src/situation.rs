//! The moment a reply is written for, read from triage.
//!
//! A reply's tone depends on what the customer is going through, not only on
//! the brand: a cheerful "Hey! 🙂" that suits a thank-you note is wrong on a
//! safety report. [`Situation::of`] reads the moment from a triage result,
//! so the plugins' composer and the host's voice gate agree on it.

use std::fmt;

use serde::{Deserialize, Serialize};

/// What the customer is going through, as far as a reply's tone goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Situation {
    /// Harm, a legal threat, an outage, strong anger or a repeat contact:
    /// no emoji, no `!`, no tips or promotions, no cheery greeting; name the
    /// problem and the next step.
    Severe,
    /// Something went wrong for this customer (a late parcel, a wrong
    /// charge, a bug).
    #[default]
    Problem,
    /// A question, a request or small talk.
    Question,
    /// Praise with no request: thank for it and ask nothing.
    Praise,
    /// Thanks that close a conversation: a short close.
    Thanks,
    /// Nothing to answer: spam, promotions, auto-replies, the brand's own
    /// messages.
    NoReply,
}

/// Intents that are severe whatever else triage found.
const SEVERE_INTENTS: &[&str] = &["safety", "legal", "outage"];

/// Triage labels that make any message severe.
const SEVERE_LABELS: &[&str] = &[
    "angry",
    "repeat-contact",
    "fraud",
    "outage-burst",
    "safety",
    "legal",
    "bereavement",
];

/// Sentiment at or below which a message reads negative.
const NEGATIVE: f32 = -0.05;

/// Sentiment at or below which a question is asked upset enough for the
/// reply to acknowledge it first.
pub const UPSET_QUESTION: f32 = -0.4;

/// Sentiment at or below which anger is strong enough to be severe.
const FURIOUS: f32 = -0.75;

/// The triage label of a customer who wants to cancel or leave.
const CHURN_RISK: &str = "churn-risk";

/// Intents that ask or request without a problem.
const QUESTION_INTENTS: &[&str] = &["question", "general", "feature-request"];

impl Situation {
    /// Every situation, in the order above.
    pub const ALL: [Situation; 6] = [
        Situation::Severe,
        Situation::Problem,
        Situation::Question,
        Situation::Praise,
        Situation::Thanks,
        Situation::NoReply,
    ];

    /// Reads the moment from a triage result: its `route` (kebab-case,
    /// `no-reply` and `escalate` matter), `intent`, `labels` and
    /// `sentiment`. Rules, first match wins:
    ///
    /// 1. route `no-reply`, or intent `spam` / `auto-reply` → [`NoReply`](Self::NoReply);
    /// 2. route `escalate`, intent `safety` / `legal` / `outage`, a label
    ///    `angry`, `repeat-contact`, `fraud`, `outage-burst`, `safety` or
    ///    `legal`, sentiment ≤ −0.75, or a label `churn-risk` with
    ///    sentiment ≤ −0.4 (upset and leaving) → [`Severe`](Self::Severe);
    /// 3. intent `praise` → [`Praise`](Self::Praise), `thanks` → [`Thanks`](Self::Thanks);
    /// 4. intent `question`, `general` or `feature-request` → [`Question`](Self::Question);
    /// 5. anything else → [`Problem`](Self::Problem).
    pub fn of(route: &str, intent: &str, labels: &[String], sentiment: f32) -> Self {
        let labelled = |set: &[&str]| labels.iter().any(|l| set.contains(&l.as_str()));
        if route == "no-reply" || matches!(intent, "spam" | "auto-reply") {
            Situation::NoReply
        } else if route == "escalate"
            || SEVERE_INTENTS.contains(&intent)
            || labelled(SEVERE_LABELS)
            || sentiment <= FURIOUS
            // Upset and on the way out: owed a calm "sorry" and the next
            // step, not a cheery hello and "ugh".
            || (labelled(&[CHURN_RISK]) && sentiment <= UPSET_QUESTION)
        {
            Situation::Severe
        } else if intent == "praise" {
            Situation::Praise
        } else if intent == "thanks" {
            Situation::Thanks
        } else if QUESTION_INTENTS.contains(&intent) {
            Situation::Question
        } else {
            Situation::Problem
        }
    }

    /// Whether the severe-case tone rules apply.
    pub fn is_severe(self) -> bool {
        self == Situation::Severe
    }

    /// Whether a reply at this moment must acknowledge the customer's
    /// feelings first: on a severe case or a problem told in negative
    /// words (sentiment ≤ −0.05); on a question only when the customer is
    /// clearly upset (`UPSET_QUESTION`), since "do you deliver to
    /// Ireland?? 🙃" wants an answer, not "that's frustrating, sorry";
    /// never on praise, thanks or no reply. One rule for the composer and
    /// the host's voice gate.
    pub fn needs_empathy(self, sentiment: f32) -> bool {
        match self {
            Situation::Severe | Situation::Problem => sentiment <= NEGATIVE,
            Situation::Question => sentiment <= UPSET_QUESTION,
            Situation::Praise | Situation::Thanks | Situation::NoReply => false,
        }
    }

    /// The kebab-case name used in JSON and rationales.
    pub fn name(self) -> &'static str {
        match self {
            Situation::Severe => "severe",
            Situation::Problem => "problem",
            Situation::Question => "question",
            Situation::Praise => "praise",
            Situation::Thanks => "thanks",
            Situation::NoReply => "no-reply",
        }
    }
}

impl fmt::Display for Situation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn empathy_follows_the_moment() {
        assert!(Situation::Problem.needs_empathy(-0.1));
        assert!(Situation::Severe.needs_empathy(-0.9));
        assert!(!Situation::Question.needs_empathy(-0.1));
        assert!(Situation::Question.needs_empathy(-0.6));
        assert!(!Situation::Praise.needs_empathy(-0.6));
        assert!(!Situation::Problem.needs_empathy(0.0));
    }

    #[test]
    fn the_first_matching_rule_wins() {
        let none = labels(&[]);
        assert_eq!(
            Situation::of("no-reply", "legal", &none, -1.0),
            Situation::NoReply
        );
        assert_eq!(
            Situation::of("reply-public", "spam", &none, 0.0),
            Situation::NoReply
        );
        assert_eq!(
            Situation::of("escalate", "general", &none, 0.0),
            Situation::Severe
        );
        assert_eq!(
            Situation::of("reply-public", "outage", &none, 0.0),
            Situation::Severe
        );
        assert_eq!(
            Situation::of(
                "take-private",
                "delivery",
                &labels(&["repeat-contact"]),
                0.0
            ),
            Situation::Severe
        );
        assert_eq!(
            Situation::of("reply-public", "complaint", &none, -0.9),
            Situation::Severe
        );
        // Leaving upset is severe; asking how to cancel is not.
        let leaving = labels(&["churn-risk"]);
        assert_eq!(
            Situation::of("reply-public", "cancellation", &leaving, -0.5),
            Situation::Severe
        );
        assert_eq!(
            Situation::of("reply-public", "cancellation", &leaving, -0.1),
            Situation::Problem
        );
        assert_eq!(
            Situation::of("reply-public", "praise", &none, 0.8),
            Situation::Praise
        );
        assert_eq!(
            Situation::of("reply-public", "thanks", &none, 0.5),
            Situation::Thanks
        );
        assert_eq!(
            Situation::of("reply-public", "question", &none, 0.0),
            Situation::Question
        );
        assert_eq!(
            Situation::of("take-private", "delivery", &labels(&["needs-reply"]), -0.3),
            Situation::Problem
        );
    }

    #[test]
    fn names_are_kebab_case() {
        let names: Vec<String> = Situation::ALL.iter().map(ToString::to_string).collect();
        assert_eq!(
            names,
            [
                "severe", "problem", "question", "praise", "thanks", "no-reply"
            ]
        );
    }
}
