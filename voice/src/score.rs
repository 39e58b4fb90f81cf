//! The brand voice scorer: how well a reply sounds like the brand, 0..1.
//!
//! The score looks at the main text only — prefix, greeting and sign-off are
//! stripped first — so the same reply body scores the same on X, Slack and
//! email. Only the `length` feature looks at the whole reply, and only when
//! it is over the channel's limit.
//!
//! | feature | weight | 1.0 means |
//! |---|---|---|
//! | `formality` | 0.15 | no marker of the wrong register (contractions count half a casual marker for a brand without them) |
//! | `lexicon` | 0.20 | no banned phrase (else 0), no avoid word, a preferred word used (when the profile lists some) |
//! | `length` | 0.15 | fits the limit and has at least five words |
//! | `empathy` | 0.15 | empathy shown when the customer is upset (always 1.0 when not needed) |
//! | `readability` | 0.15 | at most 20 words per sentence and at most 10% words of 12+ letters |
//! | `emoji-exclamations` | 0.10 | emoji and `!` within the policy |
//! | `person` | 0.10 | every first-person sentence uses the brand's person |

use serde::Serialize;

use crate::lint::Target;
use crate::profile::{Formality, VoiceProfile};
use crate::reply::{Channel, Shape, Vars};
use crate::rules;
use crate::text::{Indexed, Phrase, char_len, sentences, words};

/// Feature names and weights, in the order [`score`] reports them.
pub const WEIGHTS: [(&str, f32); 7] = [
    ("formality", 0.15),
    ("lexicon", 0.20),
    ("length", 0.15),
    ("empathy", 0.15),
    ("readability", 0.15),
    ("emoji-exclamations", 0.10),
    ("person", 0.10),
];

/// One scored aspect of a reply.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Feature {
    /// Feature name (see [`WEIGHTS`]).
    pub name: &'static str,
    /// How well the reply does, 0..1.
    pub value: f32,
    /// Its weight in the total.
    pub weight: f32,
    /// Why it got this value, for people.
    pub note: String,
}

/// A reply's voice score.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Score {
    /// Weighted mean of the features, 0..1.
    pub total: f32,
    /// The features, in the order of [`WEIGHTS`].
    pub features: Vec<Feature>,
}

/// Scores `text` against the profile for `target`. Never panics; the total
/// is always within 0..=1.
pub fn score(profile: &VoiceProfile, text: &str, target: &Target) -> Score {
    let channel = Channel::of(profile, target);
    let vars = Vars::new(profile, target);
    let shape = Shape::of(&channel, &vars, target.prefix, text);
    let main = &text[shape.main.clone()];
    let indexed = Indexed::new(main);
    let word_count = words(main).len();

    let values: [(f32, String); 7] = [
        formality(profile, main, &indexed),
        lexicon(profile, &indexed),
        length(channel.limit, char_len(text), word_count),
        empathy(profile, target, &indexed),
        readability(main, word_count),
        emoji_exclamations(profile, main),
        person(profile, main),
    ];
    let features: Vec<Feature> = WEIGHTS
        .iter()
        .zip(values)
        .map(|(&(name, weight), (value, note))| Feature {
            name,
            value: clamp01(value),
            weight,
            note,
        })
        .collect();
    let weights: f32 = features.iter().map(|f| f.weight).sum();
    let sum: f32 = features.iter().map(|f| f.weight * f.value).sum();
    Score {
        total: clamp01(sum / weights),
        features,
    }
}

fn clamp01(v: f32) -> f32 {
    if v.is_nan() { 0.0 } else { v.clamp(0.0, 1.0) }
}

fn inverse(n: f32) -> f32 {
    1.0 / (1.0 + n)
}

fn formality(profile: &VoiceProfile, main: &str, indexed: &Indexed) -> (f32, String) {
    let markers = rules::formality(profile, indexed);
    let contractions = if profile.formality == Formality::Formal {
        rules::contractions(profile, main).len()
    } else {
        0
    };
    let mismatch = markers.len() as f32 + 0.5 * contractions as f32;
    let note = if markers.is_empty() && contractions == 0 {
        format!("fits a {:?} brand", profile.formality).to_lowercase()
    } else {
        let mut names: Vec<&str> = markers.iter().map(|m| m.1).collect();
        names.dedup();
        format!(
            "{} off-register marker(s) {names:?}, {contractions} contraction(s)",
            markers.len()
        )
    };
    (inverse(mismatch), note)
}

fn lexicon(profile: &VoiceProfile, indexed: &Indexed) -> (f32, String) {
    let banned = rules::banned(profile, indexed);
    if let Some((_, phrase)) = banned.first() {
        return (0.0, format!("banned phrase \"{phrase}\""));
    }
    let avoid = rules::avoid_words(profile, indexed).len();
    let preferred: Vec<&str> = profile
        .preferred_words
        .iter()
        .filter(|w| Phrase::new(w).is_some_and(|p| !p.find_all(indexed).is_empty()))
        .map(String::as_str)
        .collect();
    let bonus = if profile.preferred_words.is_empty() || !preferred.is_empty() {
        1.0
    } else {
        0.85
    };
    let note = format!("{avoid} avoid word(s), preferred words used: {preferred:?}");
    (inverse(avoid as f32) * bonus, note)
}

fn length(limit: Option<usize>, chars: usize, word_count: usize) -> (f32, String) {
    let fit = match limit {
        Some(limit) if chars > limit => limit as f32 / chars as f32,
        _ => 1.0,
    };
    let short = match word_count {
        0 => 0.0,
        1..=2 => 0.4,
        3..=4 => 0.7,
        _ => 1.0,
    };
    let note = match limit {
        Some(limit) => format!("{chars} of {limit} chars, {word_count} words"),
        None => format!("{chars} chars (no limit), {word_count} words"),
    };
    (fit * short, note)
}

fn empathy(profile: &VoiceProfile, target: &Target, indexed: &Indexed) -> (f32, String) {
    if !(target.needs_empathy && profile.empathy_required) {
        return (1.0, "not needed".to_owned());
    }
    if rules::has_empathy(indexed) {
        (1.0, "acknowledges the customer's feelings".to_owned())
    } else {
        (0.0, "upset customer, no empathy shown".to_owned())
    }
}

fn readability(main: &str, word_count: usize) -> (f32, String) {
    if word_count == 0 {
        return (0.0, "no words".to_owned());
    }
    let sentence_count = sentences(main).len().max(1);
    let per_sentence = word_count as f32 / sentence_count as f32;
    let long = words(main)
        .into_iter()
        .filter(|r| {
            main[r.clone()]
                .chars()
                .filter(|c| c.is_alphabetic())
                .count()
                >= 12
        })
        .count();
    let long_ratio = long as f32 / word_count as f32;
    let sentence_part = 1.0 - ((per_sentence - 20.0) / 20.0).clamp(0.0, 1.0);
    let word_part = 1.0 - ((long_ratio - 0.1) / 0.3).clamp(0.0, 1.0);
    let note = format!(
        "{per_sentence:.1} words per sentence, {:.0}% long words",
        long_ratio * 100.0
    );
    (0.6 * sentence_part + 0.4 * word_part, note)
}

fn emoji_exclamations(profile: &VoiceProfile, main: &str) -> (f32, String) {
    let emoji = rules::disallowed_emoji(profile, main).len();
    let bangs = rules::extra_exclamations(profile, main).len();
    let note = format!("{emoji} emoji and {bangs} exclamation mark(s) over the policy");
    (inverse((emoji + bangs) as f32), note)
}

fn person(profile: &VoiceProfile, main: &str) -> (f32, String) {
    let (wrong, with_person) = rules::person(profile, main);
    if with_person == 0 {
        return (1.0, "no first-person sentences".to_owned());
    }
    let note = format!(
        "{} of {with_person} first-person sentence(s) off-person",
        wrong.len()
    );
    (1.0 - wrong.len() as f32 / with_person as f32, note)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::tests::acme;

    #[test]
    fn weights_sum_to_one() {
        let sum: f32 = WEIGHTS.iter().map(|w| w.1).sum();
        assert!((sum - 1.0).abs() < 1e-6);
    }

    #[test]
    fn same_body_scores_the_same_on_three_channels() {
        let p = acme();
        let body = "So sorry your tent arrived torn! We'll send a new one today.";
        let on = |channel, text: String, prefix| {
            let target = Target {
                channel,
                prefix,
                needs_empathy: true,
                first_name: Some("Jo"),
                ..Target::default()
            };
            score(&p, &text, &target).total
        };
        let x = on("twitter", format!("@jo {body}"), "@jo ");
        let slack = on("slack", format!("Hi Jo! {body} — Sam from Acme"), "");
        let email = on(
            "email",
            format!("Hi Jo,\n\n{body}\n\nWarm wishes,\nSam from Acme"),
            "",
        );
        assert_eq!(x, slack);
        assert_eq!(x, email);
    }

    #[test]
    fn banned_phrase_zeroes_the_lexicon() {
        let p = VoiceProfile {
            banned_phrases: vec!["as per our policy".into()],
            ..acme()
        };
        let s = score(&p, "As per our policy, no.", &Target::default());
        assert_eq!(s.features[1].value, 0.0);
        assert!(s.total < 1.0);
    }

    #[test]
    fn empathy_counts_only_when_needed() {
        let p = acme();
        let cold = "Your replacement ships on Monday from our warehouse.";
        let calm = score(&p, cold, &Target::default());
        let upset = score(
            &p,
            cold,
            &Target {
                needs_empathy: true,
                ..Target::default()
            },
        );
        assert_eq!(calm.features[3].value, 1.0);
        assert_eq!(upset.features[3].value, 0.0);
    }

    #[test]
    fn long_sentences_read_worse() {
        let p = acme();
        let short = score(
            &p,
            "We fixed it. Thanks for the report. It ships today.",
            &Target::default(),
        );
        let long_text = "We have now completely and thoroughly investigated the extraordinarily \
            complicated circumstances surrounding the unfortunate miscommunication regarding your \
            reservation and the accompanying documentation that our representatives provided";
        let long = score(&p, long_text, &Target::default());
        assert!(long.features[4].value < short.features[4].value);
    }
}
