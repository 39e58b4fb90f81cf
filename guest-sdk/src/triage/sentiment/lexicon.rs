//! The lexicons, generated at build time into sorted `const` tables (see
//! `build/sentiment.rs` and `data/sentiment/`), and word lookup: exact, then
//! tolerant of simple inflection (`decepcionadas` → `decepcionado`,
//! `nulle` → `nul`, `enttäuschte` → `enttäuscht`) and of elongation
//! (`sooo goooood`). Every lookup is a binary search; nothing is allocated.

use std::cmp::Ordering;

use super::fold::Fold;

/// What a lexicon entry does to the words around it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Role {
    /// A sentiment valence on VADER's -4..4 scale.
    Valence(f32),
    /// Adds this much (in the direction of the valence) to a word up to
    /// three words later: "very" (+0.293), "kind of" (-0.293).
    Booster(f32),
    /// Flips and dampens a valence up to three words later ("not").
    Negation,
    /// "but": what comes before weighs half, what comes after 1.5 times.
    Contrast,
    /// "least": negates the next word, except in "at least", "very least".
    Least,
}

/// One language's tables, each sorted by key for binary search.
#[derive(Debug)]
pub(super) struct Lexicon {
    /// Word valences.
    pub words: &'static [(&'static str, f32)],
    /// Negations, boosters, contrasts.
    pub modifiers: &'static [(&'static str, Role)],
    /// Space-joined phrases of two to four words.
    pub phrases: &'static [(&'static str, Role)],
    /// Verbs that a following negation negates ("j'aime pas", "mag ich nicht").
    pub verbs: &'static [&'static str],
}

// Generated: EN, ES, FR, DE, EMOJI, EMOTICONS.
include!(concat!(env!("OUT_DIR"), "/sentiment_tables.rs"));

/// How the scorer reads one language.
#[derive(Debug)]
pub(super) struct Language {
    pub lexicon: &'static Lexicon,
    pub fold: Fold,
    /// French splits `n'est` into `n` + `est`; elsewhere `don't` is `dont`.
    pub split_apostrophes: bool,
    /// (ending, replacement) tried in order on a word not in the lexicon.
    pub endings: &'static [(&'static str, &'static str)],
    /// Negations that a following [`Language::so`] word turns into emphasis
    /// ("never so good", "nunca tan bueno").
    pub never: &'static [&'static str],
    pub so: &'static [&'static str],
}

const ENGLISH: Language = Language {
    lexicon: &EN,
    fold: Fold::Plain,
    split_apostrophes: false,
    endings: &[],
    never: &["never"],
    so: &["so", "this"],
};

const SPANISH: Language = Language {
    lexicon: &ES,
    fold: Fold::Plain,
    split_apostrophes: false,
    endings: &[
        ("isimas", "o"),
        ("isimos", "o"),
        ("isima", "o"),
        ("isimo", "o"),
        ("as", "o"),
        ("os", "o"),
        ("es", ""),
        ("a", "o"),
        ("s", ""),
    ],
    never: &["nunca", "jamas"],
    so: &["tan", "tanto"],
};

const FRENCH: Language = Language {
    lexicon: &FR,
    fold: Fold::Plain,
    split_apostrophes: true,
    endings: &[
        ("euses", "eux"),
        ("euse", "eux"),
        ("ives", "if"),
        ("ive", "if"),
        ("lles", "l"),
        ("lle", "l"),
        ("nnes", "n"),
        ("nne", "n"),
        ("aux", "al"),
        ("es", ""),
        ("e", ""),
        ("s", ""),
        ("x", ""),
    ],
    never: &["jamais"],
    so: &["aussi", "si", "autant"],
};

const GERMAN: Language = Language {
    lexicon: &DE,
    fold: Fold::German,
    split_apostrophes: false,
    endings: &[
        ("esten", ""),
        ("ester", ""),
        ("estes", ""),
        ("estem", ""),
        ("este", ""),
        ("sten", ""),
        ("ster", ""),
        ("stes", ""),
        ("ste", ""),
        ("en", ""),
        ("er", ""),
        ("es", ""),
        ("em", ""),
        ("e", ""),
        ("n", ""),
        ("s", ""),
    ],
    never: &["nie", "niemals"],
    so: &["so"],
};

/// The language for a BCP-47 tag (`es`, `fr-CA`, `de_AT`); English for
/// `None` and for languages without a lexicon of their own.
pub(super) fn language(tag: Option<&str>) -> &'static Language {
    let primary = tag.and_then(|t| t.split(['-', '_']).next()).unwrap_or("");
    [("es", &SPANISH), ("fr", &FRENCH), ("de", &GERMAN)]
        .into_iter()
        .find(|(code, _)| primary.eq_ignore_ascii_case(code))
        .map_or(&ENGLISH, |(_, language)| language)
}

/// The value for `key` in a table sorted by key.
pub(super) fn find<T: Copy>(table: &[(&str, T)], key: &str) -> Option<T> {
    let index = table.binary_search_by(|(k, _)| compare(k, key)).ok()?;
    table.get(index).map(|(_, value)| *value)
}

/// `a.cmp(b)`, byte by byte inline: keys are short, and a call to memcmp
/// per probe costs more than the comparison itself.
pub(super) fn compare(a: &str, b: &str) -> Ordering {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let shorter = a.len().min(b.len());
    let mut i = 0;
    while i < shorter {
        if a[i] != b[i] {
            return a[i].cmp(&b[i]);
        }
        i += 1;
    }
    a.len().cmp(&b.len())
}

/// What a word means to the scorer.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub(super) struct Entry {
    pub valence: f32,
    pub role: Option<Role>,
    /// A following negation negates it.
    pub verb: bool,
}

/// Shorter base forms are not looked up (`gute` → `gut`, `nulle` → `nul`).
const MIN_STEM: usize = 3;

/// Looks up a folded word: as written, then with an inflectional ending
/// replaced, then with letters repeated three or more times squeezed.
pub(super) fn lookup(language: &Language, word: &str) -> Option<Entry> {
    if let Some(entry) = lookup_inflected(language, word) {
        return Some(entry);
    }
    if !has_run_of_three(word) {
        return None;
    }
    let mut buffer = Buffer::default();
    for keep in [2, 1] {
        buffer.clear();
        let mut previous = None;
        let mut run = 0;
        for c in word.chars() {
            run = if Some(c) == previous { run + 1 } else { 1 };
            previous = Some(c);
            if run <= keep && !buffer.push_char(c) {
                return None;
            }
        }
        if let Some(entry) = lookup_inflected(language, buffer.as_str()) {
            return Some(entry);
        }
    }
    None
}

fn lookup_inflected(language: &Language, word: &str) -> Option<Entry> {
    if let Some(entry) = lookup_exact(language.lexicon, word) {
        return Some(entry);
    }
    let mut buffer = Buffer::default();
    for (ending, replacement) in language.endings {
        let Some(stem) = word.strip_suffix(ending) else {
            continue;
        };
        if stem.len() + replacement.len() < MIN_STEM {
            continue;
        }
        buffer.clear();
        if buffer.push_str(stem)
            && buffer.push_str(replacement)
            && let Some(entry) = lookup_exact(language.lexicon, buffer.as_str())
        {
            return Some(entry);
        }
    }
    None
}

fn lookup_exact(lexicon: &Lexicon, word: &str) -> Option<Entry> {
    let role = find(lexicon.modifiers, word);
    let valence = find(lexicon.words, word);
    if role.is_none() && valence.is_none() {
        return None;
    }
    Some(Entry {
        valence: valence.unwrap_or(0.0),
        role,
        verb: !lexicon.verbs.is_empty() && lexicon.verbs.binary_search(&word).is_ok(),
    })
}

fn has_run_of_three(word: &str) -> bool {
    word.as_bytes()
        .windows(3)
        .any(|w| w[0] == w[1] && w[1] == w[2])
}

/// A word-sized stack buffer: no lexicon key is longer.
#[derive(Debug)]
struct Buffer {
    bytes: [u8; 64],
    len: usize,
}

impl Default for Buffer {
    fn default() -> Self {
        Self {
            bytes: [0; 64],
            len: 0,
        }
    }
}

impl Buffer {
    fn clear(&mut self) {
        self.len = 0;
    }

    /// Appends `s`; false when it does not fit.
    fn push_str(&mut self, s: &str) -> bool {
        let end = self.len + s.len();
        let Some(target) = self.bytes.get_mut(self.len..end) else {
            return false;
        };
        target.copy_from_slice(s.as_bytes());
        self.len = end;
        true
    }

    fn push_char(&mut self, c: char) -> bool {
        self.push_str(c.encode_utf8(&mut [0; 4]))
    }

    fn as_str(&self) -> &str {
        std::str::from_utf8(&self.bytes[..self.len]).unwrap_or_default()
    }
}
