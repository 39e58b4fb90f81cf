//! Sentiment as a care team reads it: the lexicon's score (VADER-style,
//! [`super::sentiment`]) blended with a classifier learnt from labelled care
//! messages, then read in the message's context (intent and signals).

use super::classifier::{self, Features};
use super::{NO_REPLY_INTENTS, Signal};

/// Weight of the lexicon in the blend; the learnt model has the rest
/// (tuned on the `dev` split).
const LEXICON_WEIGHT: f32 = 0.5;

/// The lexicon's `score` blended with the learnt model's P(positive) −
/// P(negative), and a reason when the model moved the sign.
fn blend(features: &Features, score: f32) -> (f32, Option<String>) {
    let table = &classifier::SENTIMENT;
    let Some(scored) = table.score_features(features, 1.0) else {
        return (score, None);
    };
    let p = |label: &str| {
        table
            .classes
            .iter()
            .position(|c| *c == label)
            .map_or(0.0, |i| scored.probabilities[i])
    };
    let learnt = p("1") - p("-1");
    let blended = (LEXICON_WEIGHT * score + (1.0 - LEXICON_WEIGHT) * learnt).clamp(-1.0, 1.0);
    let moved =
        (blended > NEUTRAL) != (score > NEUTRAL) || (blended < -NEUTRAL) != (score < -NEUTRAL);
    let why = moved
        .then(|| format!("sentiment {blended:.2}: words {score:.2}, learnt model {learnt:.2}"));
    (blended, why)
}

/// Scores within this of zero are neutral (VADER's rule).
const NEUTRAL: f32 = 0.05;

/// Intents a customer writes about a problem: however politely worded, the
/// customer is not pleased.
const PROBLEM_INTENTS: &[&str] = &[
    "account",
    "billing",
    "complaint",
    "damaged",
    "delivery",
    "legal",
    "outage",
    "refund",
    "safety",
    "technical",
    "warranty",
];

/// Labels that say the customer is upset, whatever the words' valence.
const UPSET_LABELS: &[&str] = &["repeat-contact", "fraud", "angry"];

/// The lexicon's score read as a care team reads the message: no feeling in
/// spam or auto-replies; politeness in a request or a problem report is not
/// pleasure (`thanks in advance` on a refund request stays neutral); thanks
/// and praise are positive; a complaint, a safety or legal matter, or a
/// customer who is chasing, defrauded, charged twice or shouting is
/// negative even in neutral words. `features` are the text's, for the
/// learnt model. Returns the score and, when it changed, why.
pub fn in_context(
    features: &Features,
    score: f32,
    intent: &str,
    signals: &[Signal],
) -> (f32, Option<String>) {
    let (score, learnt) = blend(features, score);
    let upset = signals
        .iter()
        .find(|s| UPSET_LABELS.contains(&s.label.as_str()))
        .map(|s| s.label.as_str())
        .or_else(|| ["complaint", "safety"].contains(&intent).then_some(intent));
    let adjusted = if NO_REPLY_INTENTS.contains(&intent) {
        0.0
    } else if upset.is_some() {
        score.min(-CONTEXT_FEELING)
    } else if ["praise", "thanks"].contains(&intent) {
        score.max(CONTEXT_FEELING)
    } else if PROBLEM_INTENTS.contains(&intent) || ["question", "feature-request"].contains(&intent)
    {
        score.min(0.0)
    } else {
        score
    };
    if (adjusted - score).abs() < f32::EPSILON {
        return (score, learnt);
    }
    let why = match upset {
        Some(label) if adjusted < score => {
            format!("sentiment {adjusted:.2} ({label}; the words alone score {score:.2})")
        }
        _ => format!("sentiment {adjusted:.2} for {intent} (the words alone score {score:.2})"),
    };
    (adjusted, Some(why))
}

/// The least feeling a message has when its context decides it.
const CONTEXT_FEELING: f32 = 0.3;
