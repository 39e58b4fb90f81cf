//! Splits a message once into words and emoji, with what the rules need to
//! know about each: its folded form, whether it is written in ALL CAPS, and
//! which sentence and clause it is in (`.`, `!`, `?`, `;`, `:` and line
//! breaks end a sentence; commas, brackets and quotes end a clause).
//!
//! Folded words go into one buffer, separated by single spaces, so a run of
//! words is its own space-joined phrase key: phrases are looked up without
//! building a string. @mentions, links and email addresses are skipped.

use super::fold::{is_apostrophe, is_word_char, push_folded};
use super::lexicon::{EMOJI, EMOTICONS, Language, find};

/// A word or an emoji.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Token {
    /// The folded word is `folded[start..end]` (empty for an emoji).
    pub start: usize,
    pub end: usize,
    /// An emoji's or emoticon's valence; `None` for a word.
    pub emoji: Option<f32>,
    /// Two or more letters, none lower-case.
    pub caps: bool,
    /// Ends in `n't` ("didn't", "ain't"): a negation by its shape.
    pub nt: bool,
    pub sentence: usize,
    pub clause: usize,
}

/// A tokenized message.
#[derive(Debug, Default)]
pub(super) struct Tokens {
    pub folded: String,
    pub tokens: Vec<Token>,
    /// Counts of `!` and `?` in the whole text.
    pub exclamations: usize,
    pub questions: usize,
    /// Some words are in ALL CAPS and some are not: caps then mean emphasis.
    pub mixed_case: bool,
}

impl Tokens {
    /// The folded text of a word token.
    pub fn text(&self, token: &Token) -> &str {
        self.folded.get(token.start..token.end).unwrap_or_default()
    }
}

/// Splits `text` for `language`.
pub(super) fn tokenize(text: &str, language: &Language) -> Tokens {
    let mut state = State {
        out: Tokens {
            folded: String::with_capacity(text.len() + 16),
            tokens: Vec::with_capacity(text.len() / 4 + 1),
            ..Tokens::default()
        },
        language,
        word: None,
        sentence: 0,
        clause: 0,
        any_caps: false,
        any_lower: false,
    };
    for line in text.lines() {
        for raw in line.split_whitespace() {
            state.raw_token(raw);
        }
        state.boundary(true);
    }
    state.out.mixed_case = state.any_caps && state.any_lower;
    state.out
}

/// A word being read.
#[derive(Debug)]
struct Word {
    start: usize,
    letters: usize,
    lower: bool,
    /// Byte offset in `folded` just after the last apostrophe, if any.
    apostrophe: Option<usize>,
}

struct State<'a> {
    out: Tokens,
    language: &'a Language,
    word: Option<Word>,
    sentence: usize,
    clause: usize,
    any_caps: bool,
    any_lower: bool,
}

impl State<'_> {
    fn raw_token(&mut self, raw: &str) {
        self.out.exclamations += raw.matches('!').count();
        self.out.questions += raw.matches('?').count();
        if (raw.starts_with('@') && raw.len() > 1) || is_link_or_address(raw) {
            return;
        }
        // Every emoticon has punctuation or is at most three bytes ("xD").
        if raw.len() > 3 && !raw.bytes().any(|b| b.is_ascii_punctuation()) {
            self.chars(raw);
            self.end_word();
            return;
        }
        if let Some(valence) = find(EMOTICONS, raw) {
            self.emoji(valence);
            return;
        }
        let trimmed = raw.trim_end_matches(['.', ',', '!', '?', ';', ':']);
        if trimmed.len() < raw.len()
            && trimmed.len() > 1
            && let Some(valence) = find(EMOTICONS, trimmed)
        {
            self.emoji(valence);
            self.chars(&raw[trimmed.len()..]);
            return;
        }
        // An emoticon glued to a word: "thanks:)".
        for n in [3, 2] {
            let Some(split) = trimmed.len().checked_sub(n) else {
                continue;
            };
            if split == 0 || !trimmed.is_char_boundary(split) {
                continue;
            }
            let (head, tail) = trimmed.split_at(split);
            if tail.starts_with(|c: char| c.is_ascii_punctuation())
                && head.ends_with(char::is_alphanumeric)
                && let Some(valence) = find(EMOTICONS, tail)
            {
                self.chars(head);
                self.emoji(valence);
                self.chars(&raw[trimmed.len()..]);
                return;
            }
        }
        self.chars(raw);
        self.end_word();
    }

    fn chars(&mut self, s: &str) {
        let mut chars = s.chars().peekable();
        while let Some(c) = chars.next() {
            if is_word_char(c) {
                self.word_char(c);
            } else if is_apostrophe(c) {
                if self.language.split_apostrophes {
                    self.end_word();
                } else if self.word.is_some()
                    && chars.peek().is_some_and(|&next| is_word_char(next))
                {
                    let at = self.out.folded.len();
                    if let Some(word) = &mut self.word {
                        word.apostrophe = Some(at);
                    }
                } else {
                    self.end_word();
                }
            } else if let Some(valence) = emoji(c) {
                self.emoji(valence);
            } else {
                match c {
                    '.' | '!' | '?' | ';' | ':' | '…' | '¡' | '¿' => self.boundary(true),
                    ',' | '(' | ')' | '[' | ']' | '"' | '“' | '”' | '«' | '»' | '–' | '—' =>
                    {
                        self.boundary(false);
                    }
                    // Emoji modifiers and joiners neither end nor start a word.
                    '\u{FE0F}' | '\u{FE0E}' | '\u{200D}' | '\u{1F3FB}'..='\u{1F3FF}' => {}
                    _ => self.end_word(),
                }
            }
        }
    }

    fn word_char(&mut self, c: char) {
        if self.word.is_none() {
            if !self.out.folded.is_empty() {
                self.out.folded.push(' ');
            }
            self.word = Some(Word {
                start: self.out.folded.len(),
                letters: 0,
                lower: false,
                apostrophe: None,
            });
        }
        if let Some(word) = &mut self.word
            && c.is_alphabetic()
        {
            word.letters += 1;
            word.lower |= c.is_lowercase();
        }
        push_folded(c, self.language.fold, &mut self.out.folded);
    }

    fn end_word(&mut self) {
        let Some(word) = self.word.take() else {
            return;
        };
        let end = self.out.folded.len();
        let caps = word.letters >= 2 && !word.lower;
        self.any_caps |= caps;
        self.any_lower |= word.lower;
        let folded = self.out.folded.get(word.start..end).unwrap_or_default();
        // A word may fold to nothing (`end` 0 at the start of the text).
        let nt = end
            .checked_sub(1)
            .is_some_and(|last| word.apostrophe == Some(last))
            && folded.ends_with("nt");
        self.out.tokens.push(Token {
            start: word.start,
            end,
            emoji: None,
            caps,
            nt,
            sentence: self.sentence,
            clause: self.clause,
        });
    }

    fn emoji(&mut self, valence: f32) {
        self.end_word();
        let at = self.out.folded.len();
        self.out.tokens.push(Token {
            start: at,
            end: at,
            emoji: Some(valence),
            caps: false,
            nt: false,
            sentence: self.sentence,
            clause: self.clause,
        });
    }

    /// Ends a clause, and with `sentence` a sentence too.
    fn boundary(&mut self, sentence: bool) {
        self.end_word();
        self.clause += 1;
        if sentence {
            self.sentence += 1;
        }
    }
}

/// The valence of a one-character emoji.
fn emoji(c: char) -> Option<f32> {
    if c.is_ascii() {
        return None;
    }
    find(EMOJI, c.encode_utf8(&mut [0; 4]))
}

/// `https://…`, `www.…`, `name@host.tld`.
fn is_link_or_address(token: &str) -> bool {
    token.contains("://")
        || token.starts_with("www.")
        || token
            .split_once('@')
            .is_some_and(|(user, host)| !user.is_empty() && host.contains('.'))
}
