//! Word lists: register markers, empathy markers, pronouns and contractions.
//! All entries are lowercase with `'` apostrophes (text is folded before it
//! is compared).

use crate::text::{folded, match_case};

/// Casual register markers; `true` marks slang that even a neutral brand avoids.
pub(crate) const CASUAL: &[(&str, bool)] = &[
    ("hey", false),
    ("hiya", false),
    ("yeah", false),
    ("yep", false),
    ("nope", false),
    ("awesome", false),
    ("cool", false),
    ("super", false),
    ("folks", false),
    ("no worries", false),
    ("kinda", true),
    ("sorta", true),
    ("gonna", true),
    ("wanna", true),
    ("gotta", true),
    ("lol", true),
    ("omg", true),
    ("btw", true),
    ("thx", true),
    ("pls", true),
    ("haha", true),
    ("dude", true),
];

/// Formal register markers; `true` marks stiff phrasing that even a neutral
/// brand avoids.
pub(crate) const FORMAL: &[(&str, bool)] = &[
    ("dear", false),
    ("kindly", false),
    ("regards", false),
    ("sincerely", false),
    ("furthermore", false),
    ("moreover", false),
    ("therefore", false),
    ("we regret", false),
    ("please be advised", false),
    ("do not hesitate", false),
    ("at your earliest convenience", false),
    ("esteemed", false),
    ("valued customer", false),
    ("hereby", true),
    ("herewith", true),
    ("heretofore", true),
    ("pursuant", true),
    ("thereof", true),
    ("whereas", true),
    ("aforementioned", true),
];

/// Phrases that acknowledge the customer's feelings (en, es, fr, de).
pub(crate) const EMPATHY: &[&str] = &[
    // English
    "sorry",
    "apologize",
    "apologise",
    "apologies",
    "understand",
    "understandable",
    "frustrating",
    "frustrated",
    "frustration",
    "that's not okay",
    "that's not ok",
    "not okay",
    "hear you",
    "annoying",
    "disappointing",
    "disappointed",
    "regret",
    "unacceptable",
    "must have been",
    "thank you for your patience",
    "thanks for your patience",
    "appreciate your patience",
    // Spanish
    "lo siento",
    "lo sentimos",
    "siento mucho",
    "sentimos mucho",
    "lamento",
    "lamentamos",
    "disculpa",
    "disculpe",
    "disculpas",
    "perdón",
    "perdon",
    "entiendo",
    "entendemos",
    "frustrante",
    // French
    "désolé",
    "désolée",
    "désolés",
    "desole",
    "navré",
    "navrée",
    "excuses",
    "je comprends",
    "nous comprenons",
    "regrettons",
    "frustrant",
    // German
    "tut uns leid",
    "tut mir leid",
    "entschuldigung",
    "entschuldigen",
    "verstehe",
    "verstehen",
    "ärgerlich",
    "bedauern",
];

/// First person singular words ("I" brands use them, "we" brands do not).
pub(crate) const SINGULAR: &[&str] = &[
    "i", "i'm", "i'll", "i've", "i'd", "me", "my", "mine", "myself",
];

/// First person plural words.
pub(crate) const PLURAL: &[&str] = &[
    "we",
    "we're",
    "we'll",
    "we've",
    "we'd",
    "us",
    "our",
    "ours",
    "ourselves",
];

/// Contractions with irregular or ambiguous expansions. Regular ones
/// (`-n't`, `-'re`, `-'ll`, `-'ve`) are expanded by rule.
const IRREGULAR: &[(&str, &str)] = &[
    ("i'm", "I am"),
    ("i'll", "I will"),
    ("i've", "I have"),
    ("i'd", "I would"),
    ("we'd", "we would"),
    ("you'd", "you would"),
    ("they'd", "they would"),
    ("he'd", "he would"),
    ("she'd", "she would"),
    ("can't", "cannot"),
    ("won't", "will not"),
    ("shan't", "shall not"),
    ("it's", "it is"),
    ("that's", "that is"),
    ("let's", "let us"),
    ("there's", "there is"),
    ("here's", "here is"),
    ("what's", "what is"),
    ("who's", "who is"),
    ("where's", "where is"),
    ("how's", "how is"),
    ("he's", "he is"),
    ("she's", "she is"),
];

/// The expansion of `word` if it is a contraction this crate knows, in the
/// word's own case pattern (`We're` → `We are`, `CAN'T` → `CANNOT`).
pub(crate) fn expand_contraction(word: &str) -> Option<String> {
    let key = folded(word);
    if let Some((_, full)) = IRREGULAR.iter().find(|(short, _)| *short == key) {
        return Some(match_case(word, full));
    }
    const REGULAR: &[(&str, &str)] = &[
        ("n't", "not"),
        ("'re", "are"),
        ("'ll", "will"),
        ("'ve", "have"),
    ];
    for (suffix, full) in REGULAR {
        if key.len() > suffix.len() && key.ends_with(suffix) {
            let cut = word.len() - suffix.len();
            let base = word.get(..cut)?;
            if base.eq_ignore_ascii_case("ai") || !base.chars().all(char::is_alphabetic) {
                return None;
            }
            let tail = if base.chars().all(char::is_uppercase) && base.chars().count() > 1 {
                full.to_uppercase()
            } else {
                (*full).to_owned()
            };
            return Some(format!("{base} {tail}"));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expands_common_contractions_keeping_case() {
        let cases = [
            ("we're", "we are"),
            ("We'll", "We will"),
            ("I'm", "I am"),
            ("i'll", "I will"),
            ("don't", "do not"),
            ("can't", "cannot"),
            ("Won't", "Will not"),
            ("it’s", "it is"),
            ("That's", "That is"),
            ("you're", "you are"),
            ("we've", "we have"),
            ("I've", "I have"),
            ("isn't", "is not"),
            ("DOESN'T", "DOES NOT"),
            ("didn't", "did not"),
            ("you'll", "you will"),
            ("Let's", "Let us"),
        ];
        for (short, full) in cases {
            assert_eq!(expand_contraction(short).as_deref(), Some(full), "{short}");
        }
    }

    #[test]
    fn leaves_possessives_and_other_words_alone() {
        for word in ["Sam's", "o'clock", "rock", "ain't", "y'all"] {
            assert_eq!(expand_contraction(word), None, "{word}");
        }
    }
}
