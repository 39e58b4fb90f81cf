//! A function-word vote over the languages care traffic is mostly in: en,
//! es, fr, de, pt, it, nl.
//!
//! Each language has a compact, sorted table of its most common words plus
//! the short forms of chat (`thx`, `bjr`, `svp`, `xq`, `pk`), with and
//! without accents (`cuándo` and `cuando`: customers drop them). A word
//! found in a language's table gives that language [`STRONG`] points; a word
//! in the weak list (`thx`, `u`, `q`, international or ambiguous chat
//! forms) gives only [`WEAK`]. A word in several tables (`de`, `la`, `no`,
//! `a`) scores for each of them, so it moves no margin between them. An
//! elided form (`n'est`, `l'adresse`) is looked up as its prefix (`n'`) and
//! its rest (`est`). Letters only some of the languages write (`ñ`, `ß`,
//! `ä`, `ç`, `é`, `ã`, …) give one weak point to the languages that have
//! every such letter of the word, and so does a telling ending (`-ción`,
//! `-ção`, `-ung`, `-lich`, `-zione`, `-eux`, `-lijk`); each `¿`/`¡` is a
//! weak point for es.
//!
//! [`Tally::decide`] answers only with a margin of at least one strong word
//! over the runner-up, so one shared word, or one weak word, never decides;
//! and only when the winner's points amount to a strong word per eight
//! words, so a chance match in a long text in another language neither.

use super::words::{WEAK_BIT, lookup};

/// Tags of the voting languages, in score order.
pub const TAGS: [&str; 7] = ["en", "es", "fr", "de", "pt", "it", "nl"];

/// Points for a word in a language's table.
pub const STRONG: u32 = 2;
/// Points for a weak word, or for telling letters.
pub const WEAK: u32 = 1;
/// The winner's lead over the runner-up must be at least this.
const MARGIN: u32 = STRONG;
/// The winner needs a strong word's points per this many words.
const COVERAGE: usize = 8;

/// Bit of a language in a mask, by its index in [`TAGS`].
const fn bit(index: usize) -> u8 {
    1 << index
}
// Each language's bit.
const B_EN: u8 = bit(0);
const B_ES: u8 = bit(1);
const B_FR: u8 = bit(2);
const B_DE: u8 = bit(3);
const B_PT: u8 = bit(4);
const B_IT: u8 = bit(5);
const B_NL: u8 = bit(6);

/// The points of each language for one cleaned text.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    /// Points per language, in [`TAGS`] order.
    pub scores: [u32; 7],
    /// Words with a letter none of the seven languages writes (`ł`, `å`,
    /// `ş`, Cyrillic…): a sign the text may be in another language.
    pub foreign_words: usize,
}

/// The vote's answer: a language and by how much it won.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decision {
    /// Index in [`TAGS`].
    pub index: usize,
    /// The winner's points.
    pub best: u32,
    /// The winner's lead over the runner-up.
    pub margin: u32,
}

impl Decision {
    /// The winner's tag.
    pub fn tag(&self) -> &'static str {
        TAGS[self.index]
    }
}

impl Tally {
    /// Counts the points of `words` and of `inverted_marks` (`¿`, `¡`).
    pub fn count<'a>(words: impl Iterator<Item = &'a str>, inverted_marks: usize) -> Self {
        let mut tally = Self::default();
        for word in words {
            let (mask, points) = word_mask(word);
            tally.add(mask, points);
            let (mask, points) = suffix_mask(word);
            tally.add(mask, points);
            if !word.is_ascii() {
                tally.add(letters_mask(word), WEAK);
                if word.chars().any(is_foreign) {
                    tally.foreign_words += 1;
                }
            }
        }
        let marks = u32::try_from(inverted_marks.min(2)).unwrap_or(2);
        tally.add(B_ES, marks * WEAK);
        tally
    }

    fn add(&mut self, mask: u8, points: u32) {
        for (index, score) in self.scores.iter_mut().enumerate() {
            if mask & bit(index) != 0 {
                *score += points;
            }
        }
    }

    /// The winner, if it leads the runner-up by at least one strong word
    /// and its points cover the text (one strong word per [`COVERAGE`]
    /// `words`: one chance match in a long text in another language is no
    /// vote).
    pub fn decide(&self, words: usize) -> Option<Decision> {
        let (index, best, runner_up) = self.top();
        let margin = best - runner_up;
        let covers = usize::try_from(best).is_ok_and(|b| b * COVERAGE >= words * STRONG as usize);
        (margin >= MARGIN && covers).then_some(Decision {
            index,
            best,
            margin,
        })
    }

    /// The language strictly ahead of every other, however slightly.
    pub fn leader(&self) -> Option<&'static str> {
        let (index, best, runner_up) = self.top();
        (best > runner_up).then(|| TAGS[index])
    }

    /// Whether `tag` is one of the seven with the most points (every one of
    /// them when no word scored).
    pub fn is_among_the_first(&self, tag: &str) -> bool {
        let (_, best, _) = self.top();
        TAGS.iter()
            .zip(self.scores)
            .any(|(t, score)| *t == tag && score == best)
    }

    /// The first language's index, its points and the runner-up's points.
    fn top(&self) -> (usize, u32, u32) {
        let (mut first, mut best, mut runner_up) = (0, 0, 0);
        for (index, &score) in self.scores.iter().enumerate() {
            if score > best {
                (first, best, runner_up) = (index, score, best);
            } else if score > runner_up {
                runner_up = score;
            }
        }
        (first, best, runner_up)
    }
}

/// The words that voted for language `index` and at most one other, those
/// of `index` alone first, each group in the text's order, at most `max`:
/// what a person would call the evidence.
pub fn evidence<'a>(
    words: impl Iterator<Item = &'a str>,
    index: usize,
    max: usize,
) -> Vec<&'a str> {
    let mut found: Vec<(u32, &str)> = Vec::new();
    for word in words {
        // A word's own table entry says more than its letters or ending.
        let mask = match word_mask(word) {
            (0, _) => letters_mask(word) | suffix_mask(word).0,
            (mask, _) => mask,
        };
        let telling = mask & bit(index) != 0 && mask.count_ones() <= 2;
        if telling && !found.iter().any(|(_, w)| *w == word) {
            found.push((mask.count_ones(), word));
            if found.len() >= 4 * max {
                break;
            }
        }
    }
    found.sort_by_key(|(languages, _)| *languages);
    found.into_iter().take(max).map(|(_, word)| word).collect()
}

/// The languages whose tables have `word` (or, for an elided form, its
/// prefix and rest), and the points it is worth.
fn word_mask(word: &str) -> (u8, u32) {
    let mask = lookup(word);
    if mask & !WEAK_BIT != 0 {
        let points = if mask & WEAK_BIT != 0 { WEAK } else { STRONG };
        return (mask & !WEAK_BIT, points);
    }
    if let Some(cut) = word.find('\'')
        && let (Some(prefix), Some(rest)) = (word.get(..=cut), word.get(cut + 1..))
    {
        let elided = lookup(prefix) & !WEAK_BIT;
        if elided != 0 {
            return (elided | (lookup(rest) & !WEAK_BIT), STRONG);
        }
    }
    (0, 0)
}

/// The languages that write every telling letter of `word`; 0 if it has
/// none (or no language has them all).
fn letters_mask(word: &str) -> u8 {
    let mut mask = u8::MAX;
    let mut telling = false;
    for c in word.chars() {
        let langs = letter_langs(c);
        if langs != 0 {
            telling = true;
            mask &= langs;
        }
    }
    if telling { mask & 0x7f } else { 0 }
}

/// Word endings only some of the seven languages use, with their mask.
const SUFFIXES: &[(&str, u8)] = &[
    ("ción", B_ES),
    ("cion", B_ES),
    ("sión", B_ES),
    ("aron", B_ES),
    ("ieron", B_ES),
    ("ção", B_PT),
    ("ções", B_PT),
    ("zione", B_IT),
    ("zioni", B_IT),
    ("ung", B_DE),
    ("ungen", B_DE),
    ("heit", B_DE),
    ("keit", B_DE),
    ("lich", B_DE),
    ("schaft", B_DE),
    ("eux", B_FR),
    ("euse", B_FR),
    ("ait", B_FR),
    ("aient", B_FR),
    ("heid", B_NL),
    ("lijk", B_NL),
    ("tje", B_NL),
    ("ness", B_EN),
];

/// Endings only one of the seven languages writes, each worth a telling
/// word: the accented "vosotros" verbs ("¿hacéis envíos?", "¿me cobráis?").
const TELLING_SUFFIXES: &[(&str, u8)] = &[("éis", B_ES), ("áis", B_ES)];

/// The languages a telling ending of `word` points to (0 if none), and its
/// points. Short words are left alone: `ung` alone says nothing.
fn suffix_mask(word: &str) -> (u8, u32) {
    let ends = |suffix: &str| word.len() >= suffix.len() + 3 && word.ends_with(suffix);
    if let Some((_, mask)) = TELLING_SUFFIXES.iter().find(|(suffix, _)| ends(suffix)) {
        return (*mask, STRONG);
    }
    SUFFIXES
        .iter()
        .find(|(suffix, _)| ends(suffix))
        .map_or((0, 0), |(_, mask)| (*mask, WEAK))
}

/// Whether `c` is a letter none of the seven languages writes.
fn is_foreign(c: char) -> bool {
    !c.is_ascii() && c.is_alphabetic() && letter_langs(c) == 0
}

/// The voting languages that write `c`, or 0 if `c` tells nothing.
fn letter_langs(c: char) -> u8 {
    match c {
        'ñ' => B_ES,
        'ß' | 'ä' | 'ö' | 'ü' => B_DE,
        'ç' | 'ê' | 'ô' | 'â' => B_FR | B_PT,
        'é' => B_FR | B_ES | B_PT | B_IT,
        'è' => B_FR | B_IT,
        'à' => B_FR | B_IT | B_PT,
        'ë' => B_FR | B_NL,
        'î' | 'ï' | 'û' | 'œ' => B_FR,
        'ù' => B_FR | B_IT,
        'á' | 'í' | 'ó' | 'ú' => B_ES | B_PT,
        'ã' | 'õ' => B_PT,
        'ì' | 'ò' => B_IT,
        _ => 0,
    }
}
