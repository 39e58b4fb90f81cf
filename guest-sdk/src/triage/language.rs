//! Language detection for customer messages: clean the text, detect with
//! whatlang, back it with a function-word vote for the languages care
//! traffic is mostly in (en, es, fr, de, pt, it, nl: "the seven"), and
//! weigh both against the platform's hint.
//!
//! The rule, in order:
//! 1. **A confident detection wins**, over the hint too:
//!    - a vote so clear that whatlang could only agree answers alone
//!      (whatlang costs ten times more);
//!    - whatlang at [`CONFIDENT`] or more, on [`MIN_WORDS`] words or more
//!      (any length in a script only one language writes), unless it names
//!      one of the seven and a confident vote names another of them;
//!    - a confident vote: a lead of [`CONFIDENT_LEAD`] points (two telling
//!      words) and no word in letters foreign to the seven.
//!
//!    When whatlang is fairly sure ([`CONTESTED`]) of a language outside
//!    the seven, the vote's words are chance look-alikes and it is set aside.
//! 2. **Else a real hint** (not `und`, `zxx`, `qme`, … see
//!    [`tags::normalize_hint`]).
//! 3. **Else weak evidence**: the vote, if it decides at all (one telling
//!    word is enough, one shared or weak word never is: "gracias!!" is es,
//!    "ok" is nothing); else whatlang's unsure guess when the vote's leader
//!    agrees, or when there is no leader and the guess is one of the seven
//!    that tie first (any of them when no word scored).
//!
//! Texts of one to three words are never given to whatlang (its trigrams
//! need more), except in a script that names one language (kana, hangul…):
//! they get a language only from an unambiguous vote or the hint. Every
//! table is a constant: no setup per call.

mod clean;
mod tags;
mod vote;
mod words;

pub(crate) use words::lookup as common_word_mask;

#[cfg(test)]
mod dev_set;
#[cfg(test)]
mod held_out;
#[cfg(test)]
mod tests;

use std::sync::LazyLock;

use vote::{Decision, STRONG, Tally};

/// Cleaned texts with fewer words than this are not given to whatlang.
pub const MIN_WORDS: usize = 4;

/// whatlang's confidence from which a detection is trusted.
const CONFIDENT: f64 = 0.9;

/// whatlang's confidence in a language outside the seven from which the
/// vote's words are taken for chance look-alikes (short texts in the seven
/// stay below it; Polish typed without its letters goes above).
const CONTESTED: f64 = 0.4;

/// whatlang's confidence from which its guess is taken when nothing else
/// (no hint, no word of the seven languages' tables) speaks, and the guess
/// is one of the seven (care traffic is mostly in them; an unsure guess of
/// another, such as bg for a short Russian text, is too often wrong).
const GUESS: f64 = 0.1;

/// A vote leading by this many points (two telling words) is confident.
pub const CONFIDENT_LEAD: u32 = 2 * STRONG;

/// The most words a vote's reason lists.
const MAX_EVIDENCE: usize = 5;

/// A language decision: the tag and a human reason.
#[derive(Debug, Clone, PartialEq)]
pub struct Language {
    /// BCP-47 tag, two letters where there is one (`en`, `ja`, ...).
    pub tag: String,
    /// Why, e.g. "language en (detected, confidence 0.97)",
    /// "language es (word vote: hola, cuándo, mañana)" or
    /// "language de (platform hint)".
    pub reason: String,
}

/// Detects the language of `text`; `hint` is the platform's own guess (X's
/// `lang`), used when detection is weak. See the module doc for the rule.
pub fn detect(text: &str, hint: Option<&str>) -> Option<Language> {
    let cleaned = clean::clean(text);
    let tally = Tally::count(cleaned.words(), cleaned.inverted_marks);
    // A text mostly in letters the seven languages do not write is not theirs.
    let seven = tally.foreign_words * 4 <= cleaned.words;
    let vote = tally.decide(cleaned.words).filter(|_| seven);
    let is_confident = |v: &Decision| v.margin >= CONFIDENT_LEAD && tally.foreign_words == 0;

    // 1. A confident detection; a vote so clear that whatlang could only
    // agree answers alone.
    if let Some(v) = vote.filter(|v| is_confident(v) && is_overwhelming(*v, cleaned.words)) {
        return Some(voted(&cleaned, v));
    }
    let whatlang = whatlang_top(&cleaned);
    // whatlang fairly sure of another language: the vote's words are chance
    // look-alikes (Polish typed without its letters has `i`, `to`, `do`).
    // A close relative of the vote's language (Catalan for Spanish:
    // "me llegó la mochila con una correa rota") contests nothing.
    let contested = whatlang.is_some_and(|(tag, c)| {
        c >= CONTESTED
            && !vote::TAGS.contains(&tag)
            && !vote.is_some_and(|v| relatives(v.tag()).contains(&tag))
    });
    let vote = vote.filter(|_| !contested);
    let confident_vote = vote.filter(is_confident);
    if let Some((tag, confidence)) = whatlang.filter(|(_, c)| *c >= CONFIDENT) {
        // Among its own seven languages the vote knows the telling words.
        return Some(match confident_vote {
            Some(v) if v.tag() != tag && vote::TAGS.contains(&tag) => voted(&cleaned, v),
            _ => detected(tag, confidence),
        });
    }
    if let Some(v) = confident_vote {
        return Some(voted(&cleaned, v));
    }
    // 2. The platform's hint.
    if let Some(tag) = tags::normalize_hint(hint) {
        return Some(Language {
            reason: format!("language {tag} (platform hint)"),
            tag,
        });
    }
    // 3. Weak evidence: the vote, else whatlang's guess when the vote's
    // leader agrees with it, or when there is no leader and the guess is one
    // of the seven.
    if let Some(v) = vote {
        return Some(voted(&cleaned, v));
    }
    let (tag, confidence) = whatlang?;
    let agrees = match tally.leader().filter(|_| seven && !contested) {
        Some(leader) => leader == tag,
        None => confidence >= GUESS && tally.is_among_the_first(tag),
    };
    agrees.then(|| {
        let mut language = detected(tag, confidence);
        if tally.leader().is_some() {
            language.reason = format!(
                "language {tag} (detected, confidence {confidence:.2}; the word vote agrees)"
            );
        }
        language
    })
}

/// Languages whatlang takes a short text in `tag` for: its close
/// relatives, which share its function words.
fn relatives(tag: &str) -> &'static [&'static str] {
    match tag {
        "es" => &["ca", "gl"],
        "pt" => &["gl"],
        "fr" | "it" => &["ca"],
        "nl" => &["af"],
        _ => &[],
    }
}

/// The vote's answer, with the words that made it.
fn voted(cleaned: &clean::Cleaned, decision: Decision) -> Language {
    let words = vote::evidence(cleaned.words(), decision.index, MAX_EVIDENCE);
    let tag = decision.tag();
    Language {
        tag: tag.to_owned(),
        reason: format!("language {tag} (word vote: {})", words.join(", ")),
    }
}

/// whatlang's answer, with its confidence.
fn detected(tag: &str, confidence: f64) -> Language {
    Language {
        tag: tag.to_owned(),
        reason: format!("language {tag} (detected, confidence {confidence:.2})"),
    }
}

/// Whether a vote is so clear that whatlang could only agree (and would
/// cost ten times more): three telling words' lead, twice the runner-up's
/// points, and two points for every three words (a third of the words are
/// the winner's function words; in another language typed without its
/// letters, chance matches such as Polish `i`, `to`, `do` stay far below).
fn is_overwhelming(vote: Decision, words: usize) -> bool {
    let runner_up = vote.best - vote.margin;
    vote.margin >= 3 * STRONG
        && vote.best >= 2 * runner_up
        && usize::try_from(vote.best).is_ok_and(|best| best * 3 >= words * 2)
}

/// Latin-script languages whatlang may not answer: they never come up in
/// care traffic, yet their trigrams catch short texts in the ones that do.
const DENIED: [whatlang::Lang; 9] = [
    whatlang::Lang::Afr,
    whatlang::Lang::Aka,
    whatlang::Lang::Epo,
    whatlang::Lang::Jav,
    whatlang::Lang::Lat,
    whatlang::Lang::Sna,
    whatlang::Lang::Tgl,
    whatlang::Lang::Tuk,
    whatlang::Lang::Zul,
];

/// whatlang's detector, without the languages of [`DENIED`].
static DETECTOR: LazyLock<whatlang::Detector> =
    LazyLock::new(|| whatlang::Detector::with_denylist(DENIED.to_vec()));

/// Builds the detector now rather than at the first detection (see
/// [`crate::init`]).
pub(crate) fn prepare() {
    LazyLock::force(&DETECTOR);
}

/// whatlang's best guess and its confidence: on [`MIN_WORDS`] words or
/// more, or on any text in a script only one language writes (kana,
/// hangul, Greek…).
fn whatlang_top(cleaned: &clean::Cleaned) -> Option<(&'static str, f64)> {
    let script = whatlang::detect_script(&cleaned.text)?;
    let multi_language = matches!(
        script,
        whatlang::Script::Latin | whatlang::Script::Cyrillic | whatlang::Script::Arabic
    );
    if multi_language && cleaned.words < MIN_WORDS {
        return None;
    }
    let info = DETECTOR.detect(&cleaned.text)?;
    Some((tags::two_letter(info.lang()), info.confidence()))
}
