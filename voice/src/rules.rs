//! Finders for each rule: where in a piece of text the rule is broken. The
//! linter turns the findings into violations, the fixer into edits and the
//! scorer into counts, so the three always agree.

use std::ops::Range;

use crate::emoji;
use crate::markers::{self, expand_contraction};
use crate::profile::{EmojiPolicy, Formality, Person, Replacement, VoiceProfile};
use crate::text::{Indexed, Phrase, folded, sentences, words};

/// Banned phrases found in `text`, with the phrase as the profile wrote it.
pub(crate) fn banned<'p>(
    profile: &'p VoiceProfile,
    text: &Indexed,
) -> Vec<(Range<usize>, &'p str)> {
    let mut out = Vec::new();
    for phrase in &profile.banned_phrases {
        if let Some(compiled) = Phrase::new(phrase) {
            out.extend(
                compiled
                    .find_all(text)
                    .into_iter()
                    .map(|r| (r, phrase.as_str())),
            );
        }
    }
    out.sort_by_key(|(r, _)| r.start);
    out
}

/// Emoji clusters the policy does not allow.
pub(crate) fn disallowed_emoji(profile: &VoiceProfile, text: &str) -> Vec<Range<usize>> {
    let allowed = |r: &Range<usize>| {
        profile
            .allowed_emoji
            .iter()
            .any(|a| emoji::same(a, &text[r.clone()]))
    };
    let clusters = emoji::clusters(text);
    match profile.emoji {
        EmojiPolicy::Never => clusters,
        EmojiPolicy::Sparingly => {
            let keep = clusters.iter().position(allowed);
            clusters
                .into_iter()
                .enumerate()
                .filter(|(i, _)| Some(*i) != keep)
                .map(|(_, r)| r)
                .collect()
        }
        EmojiPolicy::Welcome if profile.allowed_emoji.is_empty() => Vec::new(),
        EmojiPolicy::Welcome => clusters.into_iter().filter(|r| !allowed(r)).collect(),
    }
}

/// Whether `c` is an exclamation mark.
pub(crate) fn is_exclamation(c: char) -> bool {
    c == '!' || c == '！'
}

/// Exclamation marks beyond `max_exclamations`.
pub(crate) fn extra_exclamations(profile: &VoiceProfile, text: &str) -> Vec<Range<usize>> {
    text.char_indices()
        .filter(|&(_, c)| is_exclamation(c))
        .skip(profile.max_exclamations as usize)
        .map(|(i, c)| i..i + c.len_utf8())
        .collect()
}

/// Avoid-word matches, non-overlapping, left to right.
pub(crate) fn avoid_words<'p>(
    profile: &'p VoiceProfile,
    text: &Indexed,
) -> Vec<(Range<usize>, &'p Replacement)> {
    let mut found: Vec<(Range<usize>, &Replacement)> = Vec::new();
    for replacement in &profile.avoid_words {
        if let Some(phrase) = Phrase::new(&replacement.avoid) {
            found.extend(phrase.find_all(text).into_iter().map(|r| (r, replacement)));
        }
    }
    found.sort_by_key(|(r, _)| (r.start, usize::MAX - r.end));
    let mut out: Vec<(Range<usize>, &Replacement)> = Vec::new();
    for (range, replacement) in found {
        if out.last().is_none_or(|(last, _)| last.end <= range.start) {
            out.push((range, replacement));
        }
    }
    out
}

/// Contractions in `text` with their expansions (empty when the brand uses
/// contractions).
pub(crate) fn contractions(profile: &VoiceProfile, text: &str) -> Vec<(Range<usize>, String)> {
    if profile.contractions {
        return Vec::new();
    }
    words(text)
        .into_iter()
        .filter_map(|r| expand_contraction(&text[r.clone()]).map(|full| (r, full)))
        .collect()
}

/// Ranges of `text` covered by the profile's escalation phrase, which the
/// person rule leaves alone (it is the brand's own wording).
fn escalation_ranges(profile: &VoiceProfile, text: &Indexed) -> Vec<Range<usize>> {
    Phrase::new(&profile.escalation_phrase).map_or_else(Vec::new, |p| p.find_all(text))
}

/// Per sentence that uses the wrong person, the first offending word; and
/// the number of sentences that use any first person word.
pub(crate) fn person(profile: &VoiceProfile, text: &str) -> (Vec<Range<usize>>, usize) {
    let wrong = match profile.person {
        Person::We => markers::SINGULAR,
        Person::I => markers::PLURAL,
    };
    let skip = escalation_ranges(profile, &Indexed::new(text));
    let mut offending = Vec::new();
    let mut with_person = 0;
    for sentence in sentences(text) {
        let mut any = false;
        let mut first_wrong = None;
        for w in words(&text[sentence.clone()]) {
            let range = sentence.start + w.start..sentence.start + w.end;
            let word = &text[range.clone()];
            let key = folded(word);
            let is_person = markers::SINGULAR.contains(&key.as_str())
                || markers::PLURAL.contains(&key.as_str());
            if !is_person || word == "US" {
                continue;
            }
            any = true;
            let excused = skip
                .iter()
                .any(|s| s.start <= range.start && range.end <= s.end);
            if first_wrong.is_none() && !excused && wrong.contains(&key.as_str()) {
                first_wrong = Some(range);
            }
        }
        with_person += usize::from(any);
        offending.extend(first_wrong);
    }
    (offending, with_person)
}

/// Register markers that do not fit the profile's formality, with the
/// marker and whether it is casual.
pub(crate) fn formality(
    profile: &VoiceProfile,
    text: &Indexed,
) -> Vec<(Range<usize>, &'static str, bool)> {
    let mut out = Vec::new();
    let mut scan = |list: &[(&'static str, bool)], casual: bool, strong_only: bool| {
        for &(marker, strong) in list {
            if strong_only && !strong {
                continue;
            }
            if let Some(phrase) = Phrase::new(marker) {
                out.extend(
                    phrase
                        .find_all(text)
                        .into_iter()
                        .map(|r| (r, marker, casual)),
                );
            }
        }
    };
    match profile.formality {
        Formality::Formal => scan(markers::CASUAL, true, false),
        Formality::Casual => scan(markers::FORMAL, false, false),
        Formality::Neutral => {
            scan(markers::CASUAL, true, true);
            scan(markers::FORMAL, false, true);
        }
    }
    out.sort_by_key(|(r, _, _)| r.start);
    out
}

/// Whether `text` acknowledges the customer's feelings.
pub(crate) fn has_empathy(text: &Indexed) -> bool {
    markers::EMPATHY
        .iter()
        .filter_map(|m| Phrase::new(m))
        .any(|p| !p.find_all(text).is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile() -> VoiceProfile {
        VoiceProfile {
            emoji: EmojiPolicy::Sparingly,
            allowed_emoji: vec!["🙂".into()],
            contractions: false,
            ..VoiceProfile::default()
        }
    }

    #[test]
    fn sparingly_keeps_the_first_allowed_emoji() {
        let text = "a 😀 b 🙂 c 🙂";
        let got: Vec<&str> = disallowed_emoji(&profile(), text)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(got, vec!["😀", "🙂"]);
    }

    #[test]
    fn welcome_with_empty_list_allows_all() {
        let p = VoiceProfile {
            emoji: EmojiPolicy::Welcome,
            ..VoiceProfile::default()
        };
        assert!(disallowed_emoji(&p, "🎉🎉").is_empty());
    }

    #[test]
    fn person_flags_one_word_per_sentence_and_spares_the_escalation_phrase() {
        let p = VoiceProfile::default();
        let text = "I think my order. We ship to the US. I'm bringing in a specialist who can sort this out.";
        let (wrong, with_person) = person(&p, text);
        assert_eq!(
            wrong.iter().map(|r| &text[r.clone()]).collect::<Vec<_>>(),
            vec!["I"]
        );
        assert_eq!(with_person, 3);
    }

    #[test]
    fn empathy_in_four_languages() {
        for text in [
            "So sorry!",
            "Lo siento mucho",
            "Nous sommes désolés",
            "Das tut uns leid",
        ] {
            assert!(has_empathy(&Indexed::new(text)), "{text}");
        }
        assert!(!has_empathy(&Indexed::new("Your order shipped.")));
    }

    #[test]
    fn neutral_brands_only_mind_strong_markers() {
        let p = VoiceProfile::default();
        let found = formality(&p, &Indexed::new("Hey, we're gonna fix it hereby."));
        let markers: Vec<&str> = found.iter().map(|f| f.1).collect();
        assert_eq!(markers, vec!["gonna", "hereby"]);
    }
}
