//! Intent: what the customer wants, for routing.
//!
//! Three layers, each explainable:
//!
//! 1. **Rules that win**: high-precision phrases for intents where a miss is
//!    costly or the training data has no examples (spam, legal, safety,
//!    outage, complaint, feature request).
//! 2. **A naive Bayes model** over lower-cased word unigrams and bigrams,
//!    trained at build time by `build.rs` from `data/intent-train.tsv` into a
//!    sorted `const` table (nothing is built per event). Its top class is
//!    used when its posterior is at least [`MIN_CONFIDENCE`]; the reason
//!    names the probability and the words that tipped it.
//! 3. **Fallback rules**: broader keywords, used only when the model is
//!    unsure; then `question` (the text asks something) or `general`.

#[cfg(test)]
use super::features::features;
use super::features::split_features;

include!(concat!(env!("OUT_DIR"), "/intent_model.rs"));

/// The model's answer is used only at or above this posterior (tuned on the
/// `dev` split of `tests/data/triage-eval.jsonl`).
pub const MIN_CONFIDENCE: f32 = 0.6;

/// Spam routes a message to no reply, so the model must be surer of it: a
/// customer wrongly taken for a spammer is never answered.
pub const MIN_SPAM_CONFIDENCE: f32 = 0.95;

/// An intent the care team routes on, with the phrases that suggest it.
struct IntentRule {
    intent: &'static str,
    phrases: &'static [&'static str],
}

/// Checked first, in order; a match wins over the model.
const FIRST_RULES: &[IntentRule] = &[
    IntentRule {
        intent: "spam",
        phrases: &[
            "crypto giveaway",
            "click here to claim",
            "free followers",
            "dm me for promo",
            "earn $",
        ],
    },
    IntentRule {
        intent: "legal",
        phrases: &[
            "lawyer",
            "attorney",
            "lawsuit",
            "sue you",
            "legal action",
            "court",
        ],
    },
    IntentRule {
        intent: "safety",
        phrases: &[
            "fire",
            "smoke",
            "injured",
            "injury",
            "unsafe",
            "dangerous",
            "burned",
        ],
    },
    IntentRule {
        intent: "outage",
        phrases: &[
            "outage",
            "is down",
            "are down",
            "went down",
            "not loading",
            "500 error",
        ],
    },
    IntentRule {
        intent: "complaint",
        phrases: &[
            "complaint",
            "complain",
            "worst service",
            "terrible service",
            "unacceptable",
            "disgusted",
            "fed up",
        ],
    },
    IntentRule {
        intent: "feature-request",
        phrases: &[
            "feature request",
            "would be nice",
            "please add",
            "wish you had",
            "can you add",
        ],
    },
];

/// Checked in order when neither a first rule nor the model decides.
const FALLBACK_RULES: &[IntentRule] = &[
    IntentRule {
        intent: "cancellation",
        phrases: &[
            "cancel",
            "unsubscribe",
            "close my account",
            "delete my account",
            "switching to",
        ],
    },
    IntentRule {
        intent: "refund",
        phrases: &["refund", "money back", "reimburse", "chargeback"],
    },
    IntentRule {
        intent: "billing",
        phrases: &[
            "charged",
            "charge",
            "invoice",
            "billing",
            "bill",
            "payment",
            "overcharged",
            "subscription fee",
        ],
    },
    IntentRule {
        intent: "delivery",
        phrases: &[
            "delivery",
            "package",
            "parcel",
            "shipping",
            "shipped",
            "tracking",
            "hasn't arrived",
            "never arrived",
            "order status",
            "my order",
        ],
    },
    IntentRule {
        intent: "account",
        phrases: &[
            "log in",
            "login",
            "password",
            "locked out",
            "2fa",
            "two-factor",
            "sign in",
            "my account",
        ],
    },
    IntentRule {
        intent: "technical",
        phrases: &[
            "error",
            "bug",
            "crash",
            "broken",
            "not working",
            "doesn't work",
            "isn't working",
            "won't load",
            "glitch",
            "can't connect",
            "cannot connect",
        ],
    },
    IntentRule {
        intent: "praise",
        phrases: &[
            "thank you",
            "thanks",
            "love",
            "awesome",
            "great job",
            "amazing",
            "kudos",
        ],
    },
];

/// The model's verdict on one text.
#[derive(Debug, Clone, PartialEq)]
pub struct Prediction {
    /// The most probable class.
    pub intent: &'static str,
    /// Its posterior probability, 0..1.
    pub probability: f32,
    /// Up to two features of the text that favour `intent` most.
    pub top_words: Vec<&'static str>,
}

/// Classifies the intent of `text` with a human-readable reason, or
/// `question` / `general` when nothing decides.
pub fn intent(text: &str) -> (&'static str, Option<String>) {
    let lower = text.to_lowercase();
    if let Some(found) = first_match(FIRST_RULES, &lower) {
        return found;
    }
    let prediction = predict(text);
    if let Some(p) = &prediction
        && p.probability
            >= if p.intent == "spam" {
                MIN_SPAM_CONFIDENCE
            } else {
                MIN_CONFIDENCE
            }
    {
        return (p.intent, Some(describe(p)));
    }
    if let Some(found) = first_match(FALLBACK_RULES, &lower) {
        return found;
    }
    if lower.contains('?') {
        ("question", Some("asks a question".to_owned()))
    } else {
        ("general", None)
    }
}

fn first_match(rules: &[IntentRule], lower: &str) -> Option<(&'static str, Option<String>)> {
    rules.iter().find_map(|rule| {
        rule.phrases
            .iter()
            .find(|p| contains_phrase(lower, p))
            .map(|phrase| (rule.intent, Some(format!("mentions \"{phrase}\""))))
    })
}

/// `model: refund 0.87 (top words: "refund", "money back")`.
fn describe(p: &Prediction) -> String {
    let words: Vec<String> = p.top_words.iter().map(|w| format!("\"{w}\"")).collect();
    if words.is_empty() {
        format!("model: {} {:.2}", p.intent, p.probability)
    } else {
        format!(
            "model: {} {:.2} (top words: {})",
            p.intent,
            p.probability,
            words.join(", ")
        )
    }
}

/// The model speaks only about texts whose content words it mostly knows:
/// on a long post about something else, naive Bayes sums many weak,
/// irrelevant features into false confidence.
pub const MIN_COVERAGE: f32 = 0.5;

/// Runs the naive Bayes model; `None` when the text has no known feature or
/// fewer than [`MIN_COVERAGE`] of its content words are in the vocabulary.
pub fn predict(text: &str) -> Option<Prediction> {
    let (content, bigrams) = split_features(text);
    let mut rows: Vec<&'static (&'static str, [i16; CLASS_COUNT])> =
        content.iter().filter_map(|w| lookup(w)).collect();
    let known = rows.len();
    if content.is_empty() || (known as f32) < MIN_COVERAGE * content.len() as f32 {
        return None;
    }
    rows.extend(bigrams.iter().filter_map(|f| lookup(f)));
    if rows.is_empty() {
        return None;
    }
    // Uniform priors: the training set's class sizes reflect what the public
    // sources offer, not what a care team receives.
    let mut scores = [0f32; CLASS_COUNT];
    for (_, row) in &rows {
        for (score, &ll) in scores.iter_mut().zip(row) {
            *score += f32::from(ll) / SCALE;
        }
    }
    let (best, &top) = scores
        .iter()
        .enumerate()
        .max_by(|a, b| a.1.total_cmp(b.1))?;
    let total: f32 = scores.iter().map(|s| (s - top).exp()).sum();
    let mut favour: Vec<(&'static str, i32)> = rows
        .iter()
        .map(|(feature, row)| {
            let others = row
                .iter()
                .enumerate()
                .filter(|&(c, _)| c != best)
                .map(|(_, &ll)| i32::from(ll))
                .max()
                .unwrap_or(0);
            (*feature, i32::from(row[best]) - others)
        })
        .filter(|&(_, margin)| margin > 0)
        .collect();
    favour.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    favour.dedup_by(|a, b| a.0 == b.0);
    Some(Prediction {
        intent: CLASSES[best],
        probability: 1.0 / total,
        top_words: favour.iter().take(2).map(|(f, _)| *f).collect(),
    })
}

fn lookup(feature: &str) -> Option<&'static (&'static str, [i16; CLASS_COUNT])> {
    FEATURES
        .binary_search_by(|(f, _)| (*f).cmp(feature))
        .ok()
        .map(|i| &FEATURES[i])
}

/// Whether `phrase` occurs in `text` on word boundaries.
pub(super) fn contains_phrase(text: &str, phrase: &str) -> bool {
    text.match_indices(phrase).any(|(start, _)| {
        let end = start + phrase.len();
        let before = text[..start].chars().next_back();
        let after = text[end..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn model_table_is_sorted_and_unique() {
        assert!(FEATURES.len() > 100, "{} features", FEATURES.len());
        assert!(FEATURES.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(lookup(FEATURES[FEATURES.len() / 2].0).is_some());
    }

    #[test]
    fn tokenizer_matches_the_trainer() {
        for (text, expected) in TOKENIZER_CHECKS {
            assert_eq!(features(text), *expected, "{text:?}");
        }
    }

    #[test]
    fn clear_examples_per_class() {
        let cases = [
            (
                "I want my money back for this purchase, please refund me",
                "refund",
            ),
            ("Why was I charged twice on my statement?", "billing"),
            (
                "Where is my package? The tracking hasn't changed in a week",
                "delivery",
            ),
            (
                "I forgot my passcode and can't log in to the app",
                "account",
            ),
            ("I'd like to close my account permanently", "cancellation"),
            ("My card is not working at the shop", "technical"),
            ("Which currencies do you support?", "question"),
            ("thanks so much, you were really helpful", "praise"),
            (
                "WINNER!! You have won a £1000 prize. Text CLAIM to 80086 now",
                "spam",
            ),
            ("I want to file a complaint about your staff", "complaint"),
            ("Your site is down, outage since this morning", "outage"),
            ("It would be nice to have a dark mode", "feature-request"),
            ("My lawyer will be in touch", "legal"),
        ];
        for (text, expected) in cases {
            let (got, reason) = intent(text);
            assert_eq!(got, expected, "{text:?}: {reason:?}");
            assert!(reason.is_some(), "{text:?}");
        }
    }

    #[test]
    fn model_reason_is_readable() {
        let (got, reason) = intent("I would like a refund for the order please");
        assert_eq!(got, "refund");
        let reason = reason.unwrap_or_default();
        assert!(reason.starts_with("model: refund "), "{reason}");
        assert!(reason.contains("top words: \""), "{reason}");
    }

    #[test]
    fn unknown_text_falls_back() {
        assert_eq!(intent("zzz qqq").0, "general");
        assert_eq!(intent("zzz qqq?").0, "question");
        assert!(predict("zzz qqq").is_none());
    }

    #[test]
    fn phrases_match_on_word_boundaries() {
        assert!(contains_phrase("please cancel it", "cancel"));
        assert!(!contains_phrase("the billboard", "bill"));
    }
}
