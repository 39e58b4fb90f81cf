//! Cleaning a message before its language is detected, in one pass.
//!
//! What is dropped, and why:
//! - **@mentions, email addresses, URLs** (`http(s)://…`, `www.…`, short
//!   links such as `bit.ly/…` and bare domains such as `acme.com`): names
//!   and addresses are in no language, and their pieces (`www`, `com`,
//!   `status`) pull a short post towards English.
//! - **#hashtags, whatever their length**: in care traffic they are mostly
//!   brand and campaign tags (`#AcmeOutdoor`, `#BlackFriday`) or English
//!   by habit (`#fail`, `#help`, `#customerservice`) pasted onto posts in
//!   any language, so they mislead more often than they tell.
//! - **Emoji, symbols, punctuation, HTML entities** (`&amp;`): not words.
//!   The Spanish inverted marks `¿` `¡` are counted (see
//!   [`Cleaned::inverted_marks`]) before they go.
//! - **Digits, and any word with a digit in it** (`502s`, `2fa`, `10am`,
//!   order numbers).
//! - **Quoted email history**: lines starting with `>`, and from a reply
//!   header (`On … wrote:`, `El … escribió:`, `Le … a écrit :`,
//!   `Am … schrieb …:`, and the pt/it/nl forms, also split over two lines),
//!   a signature delimiter (`--`), an `-----Original Message-----` or an
//!   Outlook `From:`/`Sent:` block onward, everything. A message that is only
//!   quoted history therefore has no words: the customer wrote nothing new.
//!
//! Words are lower-cased; a run of three or more of one letter becomes one
//! (`holaaa` → `hola`, `merciii` → `merci`); combining accents are dropped
//! (a decomposed `é` reads as `e`, which the word tables also know); an
//! apostrophe inside a word stays, as `'` (`n'est`, `don’t`, `n´est`).
//! Hostile input is bounded: at most [`MAX_SCAN_BYTES`] are read and at
//! most [`MAX_CLEAN_BYTES`] kept, and words over 40 letters are dropped.

/// At most this many bytes of a message are read; the rest is ignored.
pub const MAX_SCAN_BYTES: usize = 32 * 1024;

/// At most this many bytes of cleaned text are kept: plenty for detection.
pub const MAX_CLEAN_BYTES: usize = 2048;

/// Words longer than this (in letters) are junk (tokens, base64), dropped.
const MAX_WORD_CHARS: usize = 40;

/// Top-level domains that make a bare `name.tld` token a link. Sorted.
const TLDS: &[&str] = &[
    "app", "be", "biz", "ca", "ch", "co", "com", "de", "dev", "es", "eu", "fr", "gg", "gl", "info",
    "io", "it", "ly", "me", "mx", "net", "nl", "org", "pt", "shop", "store", "to", "uk", "us",
];

/// Verbs that end a reply header line ("… wrote:"), lower-case.
const HEADER_VERBS: &[&str] = &[
    "wrote",
    "escribió",
    "escribio",
    "a écrit",
    "a ecrit",
    "schrieb",
    "escreveu",
    "ha scritto",
    "schreef",
];

/// Words that start a reply header line, lower-case with their space.
const HEADER_STARTS: &[&str] = &["on ", "el ", "le ", "am ", "em ", "il ", "op "];

/// Outlook header block, first line: the sender field.
const OUTLOOK_FROM: &[&str] = &["from:", "de:", "de :", "von:", "da:", "van:"];
/// Outlook header block, second line: the date, recipient or sent field.
const OUTLOOK_NEXT: &[&str] = &[
    "sent:",
    "date:",
    "to:",
    "enviado:",
    "fecha:",
    "envoyé :",
    "envoyé:",
    "date :",
    "gesendet:",
    "datum:",
    "an:",
    "inviato:",
    "verzonden:",
    "para:",
    "à :",
];

/// A message's words, ready for the detectors.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Cleaned {
    /// Lower-cased words separated by single spaces.
    pub text: String,
    /// How many words `text` has.
    pub words: usize,
    /// How many `¿` and `¡` the kept text had (Spanish evidence).
    pub inverted_marks: usize,
}

impl Cleaned {
    /// The words, in order.
    pub fn words(&self) -> impl Iterator<Item = &str> {
        self.text.split(' ').filter(|w| !w.is_empty())
    }

    /// Whether the cleaned text is full (hostile or very long input).
    fn is_full(&self) -> bool {
        self.text.len() >= MAX_CLEAN_BYTES
    }

    /// Adds the words of one whitespace-separated token, unless the token
    /// is a mention, hashtag, address or link.
    fn push_token(&mut self, token: &str) {
        let core = token.trim_start_matches(|c: char| {
            !c.is_alphanumeric() && c != '@' && c != '#' && c != '¿' && c != '¡'
        });
        let core_start = core.trim_start_matches(['¿', '¡']);
        if core_start.starts_with(['@', '#']) || core.contains('@') || is_link(core) {
            return;
        }
        let mut word = WordBuf::default();
        let mut skip_to = 0;
        for (at, c) in token.char_indices() {
            if self.is_full() {
                break;
            }
            if at < skip_to {
                continue;
            }
            match c {
                '&' => {
                    word.end(self);
                    skip_to = entity_end(token, at);
                }
                '¿' | '¡' => {
                    self.inverted_marks += 1;
                    word.end(self);
                }
                '\'' | '’' | 'ʼ' | '´' | '`' => word.apostrophe(self),
                _ if is_combining(c) => {}
                _ if c.is_alphabetic() => word.letter(self, c),
                _ if c.is_numeric() => word.taint(),
                _ => word.end(self),
            }
        }
        word.end(self);
    }
}

/// The word being built, straight into [`Cleaned::text`].
#[derive(Default)]
struct WordBuf {
    /// Where the word starts in the text, once it has a letter.
    start: Option<usize>,
    /// Letters so far.
    chars: usize,
    /// The last letter and how many times in a row it came.
    run: Option<(char, usize)>,
    /// A digit was seen: the whole word goes.
    tainted: bool,
    /// An apostrophe is pending (kept only if a letter follows).
    apostrophe: bool,
}

impl WordBuf {
    fn letter(&mut self, out: &mut Cleaned, c: char) {
        for lower in c.to_lowercase().filter(|l| !is_combining(*l)) {
            let start = *self.start.get_or_insert_with(|| {
                if !out.text.is_empty() {
                    out.text.push(' ');
                }
                out.text.len()
            });
            if std::mem::take(&mut self.apostrophe) && out.text.len() > start {
                out.text.push('\'');
                self.run = None;
            }
            match &mut self.run {
                Some((last, n)) if *last == lower => {
                    *n += 1;
                    if *n == 3 {
                        out.text.pop();
                        self.chars -= 1;
                    }
                    if *n >= 3 {
                        continue;
                    }
                }
                _ => self.run = Some((lower, 1)),
            }
            out.text.push(lower);
            self.chars += 1;
        }
    }

    fn apostrophe(&mut self, out: &mut Cleaned) {
        if self.start.is_some() && !self.apostrophe {
            self.apostrophe = true;
        } else {
            self.end(out);
        }
    }

    fn taint(&mut self) {
        self.tainted = true;
    }

    /// Closes the word: keeps it, or takes it back out of the text.
    fn end(&mut self, out: &mut Cleaned) {
        let word = std::mem::take(self);
        if let Some(start) = word.start {
            if word.tainted || word.chars > MAX_WORD_CHARS {
                out.text.truncate(start.saturating_sub(1));
            } else {
                out.words += 1;
            }
        }
    }
}

/// Cleans `text` for language detection (see the module doc).
pub fn clean(text: &str) -> Cleaned {
    let text = head(text, MAX_SCAN_BYTES);
    let mut out = Cleaned::default();
    let mut lines = text.lines().map(str::trim).peekable();
    while let Some(line) = lines.next() {
        if line.starts_with('>') {
            continue;
        }
        let next = lines.peek().copied();
        if is_reply_header(line, next) || is_end_of_message(line, next) {
            break;
        }
        for token in line.split_whitespace() {
            out.push_token(token);
            if out.is_full() {
                return out;
            }
        }
    }
    out
}

/// The longest prefix of `text` of at most `max` bytes, cut at a char boundary.
fn head(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.get(..end).unwrap_or_default()
}

/// Where an HTML entity starting at `at` (`&amp;`, `&#39;`, as X sends
/// them) ends, or just past the `&` when it is none.
fn entity_end(token: &str, at: usize) -> usize {
    let rest = token.get(at + 1..).unwrap_or_default();
    let name_len = rest
        .bytes()
        .take(10)
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'#')
        .count();
    if name_len > 0 && rest.as_bytes().get(name_len) == Some(&b';') {
        at + name_len + 2
    } else {
        at + 1
    }
}

/// Whether `c` is a combining diacritical mark (as in a decomposed `é`).
fn is_combining(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036f}' | '\u{1ab0}'..='\u{1aff}' | '\u{20d0}'..='\u{20ff}')
}

/// Whether `token` (leading punctuation trimmed) is a URL, a short link or a
/// bare domain.
fn is_link(token: &str) -> bool {
    if token.contains("://")
        || token
            .get(..4)
            .is_some_and(|w| w.eq_ignore_ascii_case("www."))
    {
        return true;
    }
    let token = token.trim_end_matches(|c: char| !c.is_alphanumeric() && c != '/');
    let host = token.split('/').next().unwrap_or_default();
    let Some((name, tld)) = host.rsplit_once('.') else {
        return false;
    };
    let plausible_name = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
    let has_path = token.len() > host.len();
    plausible_name
        && !tld.is_empty()
        && tld.chars().all(|c| c.is_ascii_alphabetic())
        && (has_path
            || TLDS
                .binary_search(&tld.to_ascii_lowercase().as_str())
                .is_ok())
}

/// Whether `line` (trimmed) starts quoted history: "On … wrote:" and its
/// translations, on this line or split with the `next`.
fn is_reply_header(line: &str, next: Option<&str>) -> bool {
    let starts = HEADER_STARTS.iter().any(|s| {
        line.get(..s.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(s))
    });
    if !starts {
        return false;
    }
    let ends_header = |l: &str| {
        let l = l.trim_end();
        l.ends_with(':') && {
            let lower = l.to_lowercase();
            HEADER_VERBS.iter().any(|v| lower.contains(v))
        }
    };
    ends_header(line) || next.is_some_and(|n| !line.ends_with(':') && ends_header(n))
}

/// Whether `line` (trimmed) ends what the customer wrote: a signature
/// delimiter, a forwarded/original message rule, or an Outlook header.
fn is_end_of_message(line: &str, next: Option<&str>) -> bool {
    if line == "--" || (line.len() >= 5 && line.chars().all(|c| c == '_')) {
        return true;
    }
    if line.starts_with("-----") && line.ends_with("-----") && line.len() > 10 {
        return true;
    }
    let starts_with_any = |l: &str, set: &[&str]| {
        set.iter()
            .any(|s| l.get(..s.len()).is_some_and(|p| p.eq_ignore_ascii_case(s)))
    };
    starts_with_any(line, OUTLOOK_FROM) && next.is_some_and(|n| starts_with_any(n, OUTLOOK_NEXT))
}
