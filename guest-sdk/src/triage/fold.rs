//! Lookup forms of words: lower-cased with diacritics folded away, shared by
//! the table generators (`build/*.rs` include this file), the sentiment
//! scorer, the intent features and the phrase rules, so a table key and a
//! word of a message fold alike.
//!
//! Folding strips accents (`decepcionadó` and `decepcionado` meet,
//! `déçu` becomes `decu`) and drops combining marks, so text typed in either
//! composed or decomposed form matches. German folds umlauts to their `e`
//! spellings (`schön` → `schoen`, `ß` → `ss`), as people type them without an
//! umlaut key, and so that `schön` (beautiful) stays apart from `schon`
//! (already).

/// How a language folds letters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fold {
    /// Accents dropped (`é` → `e`, `ä` → `a`, `ß` → `ss`).
    Plain,
    /// As [`Fold::Plain`], but `ä` → `ae`, `ö` → `oe`, `ü` → `ue`.
    German,
}

/// Whether `c` belongs inside a word: a letter, a digit, or a combining mark
/// (an accent typed as its own code point).
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining(c)
}

/// The apostrophes people type: `'`, `’`, `‘`, `´`, `` ` ``, `ʼ`.
pub fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '\u{2019}' | '\u{2018}' | '\u{00B4}' | '`' | '\u{02BC}'
    )
}

fn is_combining(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}')
}

/// Appends the lookup form of `c` (lower-cased, folded) to `out`.
pub fn push_folded(c: char, fold: Fold, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    if is_combining(c) {
        // A decomposed umlaut (`a` + U+0308) folds like a composed one.
        if c == '\u{0308}' && fold == Fold::German && out.ends_with(['a', 'o', 'u']) {
            out.push('e');
        }
        return;
    }
    for lower in c.to_lowercase() {
        match lower {
            'à' | 'á' | 'â' | 'ã' | 'å' | 'ā' | 'ă' | 'ą' => out.push('a'),
            'ä' => out.push_str(if fold == Fold::German { "ae" } else { "a" }),
            'æ' => out.push_str("ae"),
            'ç' | 'ć' | 'č' => out.push('c'),
            'ď' | 'đ' => out.push('d'),
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => out.push('e'),
            'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => out.push('i'),
            'ł' => out.push('l'),
            'ñ' | 'ń' | 'ň' => out.push('n'),
            'ò' | 'ó' | 'ô' | 'õ' | 'ø' | 'ō' | 'ő' => out.push('o'),
            'ö' => out.push_str(if fold == Fold::German { "oe" } else { "o" }),
            'œ' => out.push_str("oe"),
            'ř' => out.push('r'),
            'ß' => out.push_str("ss"),
            'ś' | 'š' | 'ş' => out.push('s'),
            'ť' => out.push('t'),
            'ù' | 'ú' | 'û' | 'ū' | 'ů' | 'ű' | 'ų' => out.push('u'),
            'ü' => out.push_str(if fold == Fold::German { "ue" } else { "u" }),
            'ý' | 'ÿ' => out.push('y'),
            'ź' | 'ż' | 'ž' => out.push('z'),
            c if is_combining(c) => {}
            c => out.push(c),
        }
    }
}
