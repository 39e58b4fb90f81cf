//! A compact, VADER-style sentiment scorer: a valence lexicon, negation,
//! intensifiers, ALL-CAPS and exclamation emphasis, normalised to -1..1.
//!
//! The lexicon is a sorted constant table searched with binary search, so it
//! costs nothing to set up in a fresh instance.

/// Word valences on VADER's -4..4 scale, sorted by word for binary search.
const VALENCE: &[(&str, f32)] = &[
    ("amazing", 2.8),
    ("angry", -2.3),
    ("annoyed", -1.6),
    ("annoying", -1.7),
    ("appreciate", 1.7),
    ("awesome", 3.1),
    ("awful", -2.0),
    ("bad", -2.5),
    ("best", 3.2),
    ("broken", -1.8),
    ("disappointed", -1.9),
    ("disappointing", -2.2),
    ("disgusting", -2.4),
    ("excellent", 2.7),
    ("fail", -2.5),
    ("failed", -2.3),
    ("fantastic", 2.6),
    ("frustrated", -2.1),
    ("frustrating", -1.9),
    ("glad", 2.0),
    ("good", 1.9),
    ("great", 3.1),
    ("happy", 2.7),
    ("hate", -2.7),
    ("helpful", 1.8),
    ("horrible", -2.5),
    ("love", 3.2),
    ("nice", 1.8),
    ("perfect", 2.7),
    ("problem", -1.7),
    ("rude", -2.0),
    ("sad", -2.1),
    ("scam", -2.5),
    ("slow", -1.0),
    ("sucks", -1.5),
    ("terrible", -2.1),
    ("thank", 1.5),
    ("thanks", 1.9),
    ("unacceptable", -2.0),
    ("upset", -1.6),
    ("useless", -1.8),
    ("worst", -3.1),
    ("wrong", -2.1),
];

const NEGATIONS: &[&str] = &[
    "aint", "cannot", "cant", "didnt", "doesnt", "dont", "isnt", "never", "no", "not", "nothing",
    "wasnt", "wont",
];

const BOOSTERS: &[&str] = &[
    "absolutely",
    "extremely",
    "incredibly",
    "really",
    "so",
    "super",
    "totally",
    "very",
];

/// Emoji with their valence.
const EMOJI: &[(char, f32)] = &[
    ('😀', 2.0),
    ('😊', 2.0),
    ('😍', 2.7),
    ('👍', 1.8),
    ('❤', 2.6),
    ('🙏', 1.2),
    ('😡', -2.6),
    ('😠', -2.3),
    ('😢', -1.9),
    ('😭', -2.0),
    ('👎', -1.8),
    ('🤬', -2.9),
];

const NEGATION_SCALAR: f32 = -0.74;
const BOOSTER_INCREMENT: f32 = 0.293;
const CAPS_INCREMENT: f32 = 0.733;

fn valence(word: &str) -> Option<f32> {
    VALENCE
        .binary_search_by(|(w, _)| w.cmp(&word))
        .ok()
        .map(|i| VALENCE[i].1)
}

/// Sentiment of `text` from -1.0 (very negative) to 1.0 (very positive).
pub fn sentiment(text: &str) -> f32 {
    let raw: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '.' | ';' | ':' | '?' | '(' | ')'))
        .filter(|w| !w.is_empty())
        .collect();
    let words: Vec<String> = raw
        .iter()
        .map(|w| {
            w.chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect()
        })
        .collect();
    let shouting = raw.iter().any(|w| is_caps(w)) && !raw.iter().all(|w| is_caps(w));
    let mut total = 0.0f32;
    for (i, word) in words.iter().enumerate() {
        let Some(mut score) = valence(word) else {
            continue;
        };
        if shouting && is_caps(raw[i]) {
            score += CAPS_INCREMENT * score.signum();
        }
        let window = &words[i.saturating_sub(3)..i];
        for (distance, previous) in window.iter().rev().enumerate() {
            if BOOSTERS.contains(&previous.as_str()) {
                score += BOOSTER_INCREMENT * score.signum() * (1.0 - 0.05 * distance as f32);
            }
        }
        if window.iter().any(|w| NEGATIONS.contains(&w.as_str())) {
            score *= NEGATION_SCALAR;
        }
        total += score;
    }
    total += text
        .chars()
        .filter_map(|c| EMOJI.iter().find(|(e, _)| *e == c).map(|(_, v)| *v))
        .sum::<f32>();
    let exclamations = text.matches('!').count().min(4) as f32;
    if total != 0.0 {
        total += exclamations * 0.292 * total.signum();
    }
    normalize(total)
}

fn is_caps(word: &str) -> bool {
    word.chars().filter(|c| c.is_alphabetic()).count() > 1
        && word.chars().all(|c| !c.is_lowercase())
}

/// VADER's normalisation of a summed valence into -1..1.
fn normalize(score: f32) -> f32 {
    (score / (score * score + 15.0).sqrt()).clamp(-1.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicon_is_sorted_for_binary_search() {
        assert!(VALENCE.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn negation_flips_sentiment() {
        assert!(sentiment("I am happy") > 0.3);
        assert!(sentiment("I am not happy") < 0.0);
    }

    #[test]
    fn intensifiers_caps_and_exclamations_strengthen() {
        let plain = sentiment("this is bad");
        assert!(sentiment("this is very bad") < plain);
        assert!(sentiment("this is BAD") < plain);
        assert!(sentiment("this is bad!!!") < plain);
    }

    #[test]
    fn emoji_count() {
        assert!(sentiment("thanks 😍") > sentiment("thanks"));
        assert!(sentiment("my order 😡") < 0.0);
    }

    #[test]
    fn neutral_text_is_zero() {
        assert_eq!(sentiment("where is my order"), 0.0);
    }
}
