//! A small, hand-written emoji scanner.
//!
//! It finds emoji *clusters* — what a reader sees as one emoji — so that the
//! linter counts them and the fixer removes them whole: ZWJ sequences
//! (👩‍🔬), variation selectors (🏕️), skin tones (👍🏽), flags (🇪🇸), tag
//! sequences (🏴󠁧󠁢󠁳󠁣󠁴󠁿) and keycaps (1️⃣). The ranges follow the Unicode
//! emoji data closely enough for a style checker; symbols that are text by
//! default (©, ™, ♥, ➡ ...) count only when followed by U+FE0F.

use std::ops::Range;

const ZWJ: char = '\u{200D}';
const VS16: char = '\u{FE0F}';
const VS15: char = '\u{FE0E}';
const KEYCAP: char = '\u{20E3}';

/// Emoji that are pictures by default.
fn is_emoji_base(c: char) -> bool {
    let cp = c as u32;
    matches!(cp,
        0x231A..=0x231B | 0x2328 | 0x23CF | 0x23E9..=0x23F3 | 0x23F8..=0x23FA
        | 0x2600..=0x2604 | 0x260E | 0x2611 | 0x2614..=0x2615 | 0x2618 | 0x261D
        | 0x2620 | 0x2622..=0x2623 | 0x2626 | 0x262A | 0x262E..=0x262F
        | 0x2638..=0x263A | 0x2648..=0x2653 | 0x265F | 0x2668 | 0x267B
        | 0x267E..=0x267F | 0x2692..=0x2697 | 0x2699 | 0x269B..=0x269C
        | 0x26A0..=0x26A1 | 0x26A7 | 0x26AA..=0x26AB | 0x26B0..=0x26B1
        | 0x26BD..=0x26BE | 0x26C4..=0x26C5 | 0x26C8 | 0x26CE..=0x26CF | 0x26D1
        | 0x26D3..=0x26D4 | 0x26E9..=0x26EA | 0x26F0..=0x26F5 | 0x26F7..=0x26FA
        | 0x26FD | 0x2702 | 0x2705 | 0x2708..=0x270D | 0x270F | 0x2712
        | 0x271D | 0x2721 | 0x2728 | 0x2733..=0x2734 | 0x2744 | 0x2747 | 0x274C
        | 0x274E | 0x2753..=0x2755 | 0x2757 | 0x2763..=0x2764 | 0x2795..=0x2797
        | 0x27B0 | 0x27BF | 0x2B1B..=0x2B1C | 0x2B50 | 0x2B55
        | 0x1F004 | 0x1F0CF | 0x1F170..=0x1F171 | 0x1F17E..=0x1F17F | 0x1F18E
        | 0x1F191..=0x1F19A | 0x1F201..=0x1F202 | 0x1F21A | 0x1F22F
        | 0x1F232..=0x1F23A | 0x1F250..=0x1F251 | 0x1F300..=0x1F3FA
        | 0x1F400..=0x1F6FF | 0x1F7E0..=0x1F7FF | 0x1F90C..=0x1F9FF
        | 0x1FA70..=0x1FAFF
    )
}

/// Symbols that are text by default and emoji with U+FE0F.
fn is_text_default(c: char) -> bool {
    let cp = c as u32;
    matches!(cp,
        0x00A9 | 0x00AE | 0x203C | 0x2049 | 0x2122 | 0x2139 | 0x2194..=0x2199
        | 0x21A9..=0x21AA | 0x24C2 | 0x25AA..=0x25AB | 0x25B6 | 0x25C0
        | 0x25FB..=0x25FE | 0x2640 | 0x2642 | 0x2660 | 0x2663 | 0x2665..=0x2666
        | 0x2714 | 0x2716 | 0x27A1 | 0x2934..=0x2935 | 0x2B05..=0x2B07 | 0x3030
        | 0x303D | 0x3297 | 0x3299
    )
}

fn is_skin_tone(c: char) -> bool {
    ('\u{1F3FB}'..='\u{1F3FF}').contains(&c)
}

fn is_regional_indicator(c: char) -> bool {
    ('\u{1F1E6}'..='\u{1F1FF}').contains(&c)
}

fn is_tag(c: char) -> bool {
    ('\u{E0020}'..='\u{E007F}').contains(&c)
}

/// Chars that attach to the emoji before them.
fn is_extender(c: char) -> bool {
    c == VS16 || c == VS15 || c == KEYCAP || is_skin_tone(c) || is_tag(c)
}

/// Byte ranges of the emoji clusters in `text`, left to right.
pub(crate) fn clusters(text: &str) -> Vec<Range<usize>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let at = |k: usize| chars.get(k).map(|&(_, c)| c);
    let byte = |k: usize| chars.get(k).map_or(text.len(), |&(b, _)| b);
    let extend = |mut k: usize| {
        while at(k).is_some_and(is_extender) {
            k += 1;
        }
        k
    };
    let mut out = Vec::new();
    let mut k = 0;
    while let Some(c) = at(k) {
        let end = if matches!(c, '0'..='9' | '#' | '*') {
            let mut j = k + 1;
            if at(j) == Some(VS16) {
                j += 1;
            }
            (at(j) == Some(KEYCAP)).then(|| extend(j + 1))
        } else if is_regional_indicator(c) {
            let pair = at(k + 1).is_some_and(is_regional_indicator);
            Some(extend(k + if pair { 2 } else { 1 }))
        } else if is_skin_tone(c) {
            Some(extend(k + 1))
        } else if is_emoji_base(c) || (is_text_default(c) && at(k + 1) == Some(VS16)) {
            let mut j = extend(k + 1);
            while at(j) == Some(ZWJ) {
                j += 1;
                match at(j) {
                    Some(n) if is_emoji_base(n) || is_text_default(n) || is_skin_tone(n) => {
                        j = extend(j + 1);
                    }
                    _ => break,
                }
            }
            Some(j)
        } else {
            None
        };
        match end {
            Some(end) => {
                out.push(byte(k)..byte(end));
                k = end;
            }
            None => k += 1,
        }
    }
    out
}

/// Whether two emoji are the same, ignoring presentation selectors
/// (`🏕` and `🏕️` are the same emoji).
pub(crate) fn same(a: &str, b: &str) -> bool {
    let strip = |s: &str| -> String { s.chars().filter(|&c| c != VS16 && c != VS15).collect() };
    !a.is_empty() && strip(a.trim()) == strip(b.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        clusters(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn single_and_presentation_emoji() {
        assert_eq!(found("ok 🙂 fine 🏕️!"), vec!["🙂", "🏕️"]);
        assert_eq!(found("© 2024 ™ ♥"), Vec::<&str>::new());
        assert_eq!(found("❤️ and ❤"), vec!["❤️", "❤"]);
    }

    #[test]
    fn multi_codepoint_sequences_are_one_cluster() {
        let scientist = "👩\u{200D}🔬";
        let family = "👨\u{200D}👩\u{200D}👧\u{200D}👦";
        let thumbs = "👍🏽";
        let flag = "🇪🇸";
        let keycap = "1\u{FE0F}\u{20E3}";
        let scotland = "🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}";
        let text = format!("{scientist}{family} {thumbs}{flag}x{keycap} {scotland}");
        assert_eq!(
            found(&text),
            vec![scientist, family, thumbs, flag, keycap, scotland]
        );
    }

    #[test]
    fn digits_and_joiners_in_text_are_not_emoji() {
        assert!(found("call 0800 123 #1").is_empty());
        assert!(found("क्\u{200D}ष").is_empty(), "ZWJ in Devanagari is text");
    }

    #[test]
    fn sameness_ignores_selectors() {
        assert!(same("🏕", "🏕️"));
        assert!(!same("🙂", "🙁"));
    }
}
