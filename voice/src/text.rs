//! Text helpers shared by the linter, the fixer and the scorer: case- and
//! whitespace-folded phrase search, words, sentences, case matching and
//! removal with local tidying. Every range is a byte range on char
//! boundaries of the text it came from.

use std::cell::OnceCell;
use std::ops::Range;

/// Folds one char for comparison: lowercase (when that stays one char) and
/// curly apostrophes to `'`.
pub(crate) fn fold(c: char) -> char {
    match c {
        '\u{2019}' | '\u{2018}' | '\u{02BC}' => '\'',
        _ => {
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) => l,
                _ => c,
            }
        }
    }
}

/// Whether `c` belongs to a word.
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Horizontal whitespace (not a line break).
pub(crate) fn is_hspace(c: char) -> bool {
    c.is_whitespace() && c != '\n' && c != '\r'
}

/// Number of chars in `s`.
pub(crate) fn char_len(s: &str) -> usize {
    s.chars().count()
}

/// Byte offset of char number `n` in `s` (or `s.len()` past the end).
pub(crate) fn byte_of_char(s: &str, n: usize) -> usize {
    s.char_indices().nth(n).map_or(s.len(), |(i, _)| i)
}

/// A text with its chars indexed, so several searches share one scan.
#[derive(Debug)]
pub(crate) struct Indexed<'a> {
    pub text: &'a str,
    pub chars: Vec<(usize, char)>,
    /// Each char [`fold`]ed, once, for the phrase searches.
    folded: Vec<char>,
    /// (folded char, char index), sorted: where a phrase's first char
    /// occurs. Built on the first search that needs it: a text only matched
    /// at known places (a greeting at its start) never pays for the sort.
    starts: OnceCell<Vec<(char, usize)>>,
}

impl<'a> Indexed<'a> {
    pub fn new(text: &'a str) -> Self {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let folded: Vec<char> = chars.iter().map(|&(_, c)| fold(c)).collect();
        Self {
            text,
            chars,
            folded,
            starts: OnceCell::new(),
        }
    }

    /// Char indices where the folded char `c` occurs, in order.
    fn positions_of(&self, c: char) -> impl Iterator<Item = usize> + '_ {
        let starts = self.starts.get_or_init(|| {
            let mut starts: Vec<(char, usize)> = self
                .folded
                .iter()
                .enumerate()
                .map(|(k, &c)| (c, k))
                .collect();
            starts.sort_unstable();
            starts
        });
        let from = starts.partition_point(|&(x, _)| x < c);
        let to = starts.partition_point(|&(x, _)| x <= c);
        starts[from..to].iter().map(|&(_, k)| k)
    }

    /// Byte offset of char index `k`.
    pub fn byte(&self, k: usize) -> usize {
        self.chars.get(k).map_or(self.text.len(), |&(i, _)| i)
    }

    fn char_at(&self, k: usize) -> Option<char> {
        self.chars.get(k).map(|&(_, c)| c)
    }
}

/// A phrase compiled for folded matching: `None` stands for a run of
/// whitespace (one or more whitespace chars in the text).
#[derive(Debug, Clone)]
pub(crate) struct Phrase {
    toks: Vec<Option<char>>,
}

impl Phrase {
    /// Compiles `phrase` trimmed; `None` when nothing is left.
    pub fn new(phrase: &str) -> Option<Self> {
        let phrase = Self::raw(phrase.trim());
        (!phrase.toks.is_empty()).then_some(phrase)
    }

    /// Compiles `phrase` as it is (leading or trailing whitespace kept).
    pub fn raw(phrase: &str) -> Self {
        let mut toks = Vec::new();
        for c in phrase.chars() {
            if c.is_whitespace() {
                if toks.last() != Some(&None) {
                    toks.push(None);
                }
            } else {
                toks.push(Some(fold(c)));
            }
        }
        Self { toks }
    }

    /// Matches at char index `i`; returns the char index just past the
    /// match. With `bounded`, a phrase that starts (ends) with a word char
    /// must not start (end) inside a word.
    pub fn match_at(&self, text: &Indexed, i: usize, bounded: bool) -> Option<usize> {
        // Most positions fail on the first char: say so before anything else.
        if let Some(Some(first)) = self.toks.first()
            && text.folded.get(i) != Some(first)
        {
            return None;
        }
        let first_is_word = matches!(self.toks.first(), Some(Some(c)) if is_word_char(*c));
        if bounded && first_is_word && i > 0 && text.char_at(i - 1).is_some_and(is_word_char) {
            return None;
        }
        let mut j = i;
        for tok in &self.toks {
            match tok {
                None => {
                    if !text.char_at(j).is_some_and(char::is_whitespace) {
                        return None;
                    }
                    while text.char_at(j).is_some_and(char::is_whitespace) {
                        j += 1;
                    }
                }
                Some(want) => {
                    if text.folded.get(j) != Some(want) {
                        return None;
                    }
                    j += 1;
                }
            }
        }
        let last_is_word = matches!(self.toks.last(), Some(Some(c)) if is_word_char(*c));
        if bounded && last_is_word && text.char_at(j).is_some_and(is_word_char) {
            return None;
        }
        Some(j)
    }

    /// All non-overlapping word-bounded matches, left to right, as byte ranges.
    pub fn find_all(&self, text: &Indexed) -> Vec<Range<usize>> {
        let mut found = Vec::new();
        let mut free = 0;
        let mut try_at = |i: usize| {
            if i < free {
                return;
            }
            if let Some(end) = self.match_at(text, i, true)
                && end > i
            {
                found.push(text.byte(i)..text.byte(end));
                free = end;
            }
        };
        match self.toks.first() {
            // Only where the first char occurs.
            Some(Some(first)) => text.positions_of(*first).for_each(&mut try_at),
            _ => (0..text.chars.len()).for_each(&mut try_at),
        }
        found
    }
}

/// Byte ranges of the words of `text`: runs of letters and digits, with
/// apostrophes inside a word kept (`we're`, `don’t`).
pub(crate) fn words(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut iter = text.char_indices().peekable();
    let mut start: Option<usize> = None;
    while let Some((i, c)) = iter.next() {
        let next_is_word = iter.peek().is_some_and(|&(_, n)| is_word_char(n));
        let inside = is_word_char(c) || (start.is_some() && is_apostrophe(c) && next_is_word);
        match (inside, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(s..i);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(s..text.len());
    }
    out
}

/// `'` or a typographic apostrophe.
pub(crate) fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02BC}')
}

/// Folded form of a word, for comparison against lowercase word lists.
pub(crate) fn folded(word: &str) -> String {
    word.chars().map(fold).collect()
}

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | '。' | '！' | '？')
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | ')' | ']' | '”' | '’' | '»')
}

/// The sentences of `text`, trimmed, as `sentences` splits them.
pub fn split_sentences(text: &str) -> Vec<&str> {
    sentences(text).into_iter().map(|r| &text[r]).collect()
}

/// Byte ranges of the sentences of `text`, trimmed. A sentence ends after a
/// run of `.`, `!`, `?` or `…` (and closing quotes) followed by whitespace or
/// the end, or at a line break.
pub(crate) fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut start = 0;
    let mut k = 0;
    let mut push = |s: usize, e: usize| {
        let piece = &text[s..e];
        let lead = piece.len() - piece.trim_start().len();
        let trimmed = piece.trim();
        if !trimmed.is_empty() {
            out.push(s + lead..s + lead + trimmed.len());
        }
    };
    while k < chars.len() {
        let (i, c) = chars[k];
        if c == '\n' {
            push(start, i);
            start = i + 1;
            k += 1;
            continue;
        }
        if is_terminator(c) {
            let mut j = k + 1;
            while j < chars.len() && (is_terminator(chars[j].1) || is_closer(chars[j].1)) {
                j += 1;
            }
            let end = chars.get(j).map_or(text.len(), |&(b, _)| b);
            if j == chars.len() || chars[j].1.is_whitespace() {
                push(start, end);
                start = end;
            }
            k = j;
            continue;
        }
        k += 1;
    }
    push(start, text.len());
    out
}

/// `replacement` in the case pattern of `original`: ALL CAPS stays all caps,
/// a capitalised word gives a capitalised replacement, anything else keeps the
/// replacement as written.
pub(crate) fn match_case(original: &str, replacement: &str) -> String {
    let letters: Vec<char> = original.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() > 1 && letters.iter().all(|c| c.is_uppercase()) {
        return replacement.to_uppercase();
    }
    if letters.first().is_some_and(|c| c.is_uppercase()) {
        return capitalize(replacement);
    }
    replacement.to_owned()
}

/// `s` with its first char uppercased.
pub(crate) fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Applies `edits` (sorted or not, overlapping ones dropped) to `text`. An
/// empty replacement removes its range and tidies the junction: no doubled or
/// dangling spaces, no space before punctuation, no orphan comma at the start
/// of a sentence, and a sentence that now starts with a lowercase letter is
/// capitalised.
pub(crate) fn apply_edits(text: &str, mut edits: Vec<(Range<usize>, String)>) -> String {
    edits.sort_by_key(|(r, _)| (r.start, r.end));
    let mut out = String::with_capacity(text.len());
    let mut cursor = 0;
    for (range, replacement) in edits {
        if range.start < cursor || range.end > text.len() || range.start > range.end {
            continue;
        }
        let (Some(before), Some(_)) = (text.get(cursor..range.start), text.get(range.clone()))
        else {
            continue;
        };
        out.push_str(before);
        cursor = range.end;
        if replacement.is_empty() {
            cursor += tidy_junction(&mut out, &text[cursor..]);
        } else {
            out.push_str(&replacement);
        }
    }
    out.push_str(text.get(cursor..).unwrap_or_default());
    out
}

/// Tidies the place where something was removed: `out` is the text before,
/// `rest` the text after. Returns how many bytes of `rest` were consumed.
fn tidy_junction(out: &mut String, rest: &str) -> usize {
    let before_len = out.len();
    let trimmed_len = out.trim_end_matches(is_hspace).len();
    let had_space = trimmed_len < before_len;
    out.truncate(trimmed_len);
    let mut skip = rest.len() - rest.trim_start_matches(is_hspace).len();
    let had_space = had_space || skip > 0;
    let sentence_start = out
        .trim_end()
        .chars()
        .next_back()
        .is_none_or(|c| is_terminator(c) || c == '\n')
        || out.ends_with('\n');
    let joins_clause = out.ends_with([',', ';', ':']);
    if (sentence_start || joins_clause) && rest[skip..].starts_with([',', ';', ':']) {
        skip += 1;
        skip += rest[skip..].len() - rest[skip..].trim_start_matches(is_hspace).len();
    }
    let next = rest[skip..].chars().next();
    let needs_space = had_space
        && !out.is_empty()
        && !out.ends_with(char::is_whitespace)
        && next.is_some_and(|c| !c.is_whitespace() && !",.;:!?)…".contains(c));
    if needs_space {
        out.push(' ');
    }
    if sentence_start
        && let Some(c) = next
        && c.is_lowercase()
    {
        out.extend(c.to_uppercase());
        skip += c.len_utf8();
    }
    skip
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(text: &str, phrase: &str) -> Vec<Range<usize>> {
        Phrase::new(phrase)
            .map(|p| p.find_all(&Indexed::new(text)))
            .unwrap_or_default()
    }

    #[test]
    fn phrases_fold_case_whitespace_and_apostrophes() {
        let text = "We  Apologize\nfor any inconvenience. We don’t.";
        assert_eq!(
            find(text, "we apologize for any inconvenience"),
            vec![0..35]
        );
        assert_eq!(find(text, "don't").len(), 1);
        assert!(find("customers", "customer").is_empty(), "word-bounded");
    }

    #[test]
    fn words_keep_inner_apostrophes() {
        let text = "We're here, 'ok' don’t";
        let got: Vec<&str> = words(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(got, vec!["We're", "here", "ok", "don’t"]);
    }

    #[test]
    fn sentences_split_on_terminators_and_lines() {
        let text = "Hi there! Version 1.2 is out.\nThanks";
        let got: Vec<&str> = sentences(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(got, vec!["Hi there!", "Version 1.2 is out.", "Thanks"]);
    }

    #[test]
    fn case_is_matched() {
        assert_eq!(match_case("Customer", "friend"), "Friend");
        assert_eq!(match_case("CUSTOMER", "friend"), "FRIEND");
        assert_eq!(match_case("customer", "friend"), "friend");
    }

    #[test]
    fn removal_tidies_the_junction() {
        let text = "Unfortunately, the parcel is late.";
        assert_eq!(
            apply_edits(text, vec![(0..13, String::new())]),
            "The parcel is late."
        );
        let text = "We are, unfortunately, out of stock.";
        assert_eq!(
            apply_edits(text, vec![(8..21, String::new())]),
            "We are, out of stock."
        );
        let text = "Thanks 🙂 see you 🙂.";
        assert_eq!(
            apply_edits(
                text,
                vec![
                    (7..11, String::new()),
                    (text.len() - 5..text.len() - 1, String::new())
                ]
            ),
            "Thanks see you."
        );
    }
}
