//! The brand voice fixer: rewrites what can be rewritten safely.
//!
//! One pass of the fixer, in this order:
//!
//! 1. **Split** the reply into prefix, greeting, main text and sign-off (as
//!    the linter does). Greeting and sign-off are the brand's templates and
//!    are not rewritten.
//! 2. On the main text: remove disallowed **emoji**; expand **contractions**;
//!    replace **avoid words**; turn extra **exclamation** marks into `.`.
//!    Emoji go first so that a removal cannot hide a word from the later
//!    steps; contractions go before avoid words because an expansion can
//!    produce an avoid word, while a `prefer` text is itself expanded before
//!    it is inserted; exclamations go after them because a `prefer` text or
//!    a tidied removal can bring new `!`. On a severe case
//!    ([`Target::situation`]) the **tone** is sobered last
//!    ([`crate::tone`]): tips and promotions, cheery interjections, every
//!    `!` and every emoji go, and the channel's greeting and sign-off are
//!    used in their sober form.
//! 3. Add the missing **greeting** (right after the prefix) and **sign-off**
//!    (at the end). On email-like channels (named `email`, or whose
//!    templates span lines) they are separated from the text by a blank
//!    line, elsewhere by a space.
//! 4. **Length**: trim the main text at a sentence boundary (else at a word,
//!    with `…`) so the whole reply fits the effective limit. The prefix is
//!    always kept; the sign-off and then the greeting are dropped when
//!    keeping them would leave fewer than [`MIN_BODY`] chars for the text,
//!    and put back when the trimmed text leaves room for them.
//!
//! Every step leaves text that its own check and the earlier steps' checks
//! accept, and the length decision depends only on the budget, not on the
//! text, so a second pass finds nothing to do. Because a profile can make
//! steps feed each other (an emoji between two halves of an avoid word, a
//! `prefer` that contains a contraction), [`fix`] repeats the pass until the
//! text stops changing (at most [`MAX_PASSES`] passes); the property tests
//! check that one call is always a fixed point.

use serde::Serialize;

use crate::lint::{Rule, Target};
use crate::profile::VoiceProfile;
use crate::reply::{Channel, Shape, Vars, render};
use crate::rules;
use crate::text::{Indexed, apply_edits, char_len, match_case};
use crate::{emoji, text, tone};

/// The fewest chars of main text worth keeping a greeting or sign-off for.
pub const MIN_BODY: usize = 20;
/// How many fixer passes [`fix`] runs at most.
pub const MAX_PASSES: usize = 4;

/// The result of [`fix`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fixed {
    /// The fixed reply.
    pub text: String,
    /// The rules whose fixes changed the text, in the order they ran.
    pub applied: Vec<Rule>,
}

/// Rewrites `text` to follow the profile where that can be done safely.
/// Banned phrases, person, empathy and formality are left for the caller
/// (lint the result). Idempotent: `fix(fix(x).text) == fix(x).text`; the
/// result is never longer (in chars) than the effective limit when one is
/// set; surrounding whitespace is trimmed.
pub fn fix(profile: &VoiceProfile, text: &str, target: &Target) -> Fixed {
    let mut current = text.to_owned();
    let mut applied = Vec::new();
    for _ in 0..MAX_PASSES {
        let (next, rules) = fix_once(profile, &current, target);
        for rule in rules {
            if !applied.contains(&rule) {
                applied.push(rule);
            }
        }
        if next == current {
            break;
        }
        current = next;
    }
    Fixed {
        text: current,
        applied,
    }
}

fn fix_once(profile: &VoiceProfile, text: &str, target: &Target) -> (String, Vec<Rule>) {
    let channel = Channel::of(profile, target);
    let vars = Vars::new(profile, target);
    let shape = Shape::of(&channel, &vars, target.prefix, text);
    let mut applied = Vec::new();
    let main = fix_main(profile, &text[shape.main.clone()], target, &mut applied);

    let sep = channel.separator();
    let original_sep = |range: std::ops::Range<usize>| {
        let ws = text.get(range).unwrap_or_default();
        if ws.is_empty() || !ws.trim().is_empty() {
            sep.to_owned()
        } else {
            ws.to_owned()
        }
    };
    let greeting = match &shape.greeting {
        Some(g) => {
            let next = if shape.main.is_empty() {
                shape.sign_off.as_ref().map_or(g.end, |s| s.start)
            } else {
                shape.main.start
            };
            Some(Part {
                text: text[g.clone()].to_owned(),
                sep: original_sep(g.end..next),
                added: false,
            })
        }
        None if !channel.greeting.is_empty() => Some(Part {
            text: render(&channel.greeting, &vars),
            sep: sep.to_owned(),
            added: true,
        }),
        None => None,
    };
    let sign_off = match &shape.sign_off {
        Some(s) => {
            let prev = if shape.main.is_empty() {
                shape.greeting.as_ref().map_or(s.start, |g| g.end)
            } else {
                shape.main.end
            };
            Some(Part {
                text: text[s.clone()].to_owned(),
                sep: original_sep(prev..s.start),
                added: false,
            })
        }
        None if !channel.sign_off.is_empty() => Some(Part {
            text: render(&channel.sign_off, &vars),
            sep: sep.to_owned(),
            added: true,
        }),
        None => None,
    };
    let reply = Reply {
        prefix: target.prefix,
        greeting,
        main,
        sign_off,
    };
    let (out, kept_greeting, kept_sign_off, trimmed) = reply.fit(channel.limit);
    if kept_greeting && reply.greeting.as_ref().is_some_and(|g| g.added) {
        applied.push(Rule::Greeting);
    }
    if kept_sign_off && reply.sign_off.as_ref().is_some_and(|s| s.added) {
        applied.push(Rule::SignOff);
    }
    if trimmed {
        applied.push(Rule::Length);
    }
    (out, applied)
}

/// Steps 2a–2e on the main text.
fn fix_main(
    profile: &VoiceProfile,
    main: &str,
    target: &Target,
    applied: &mut Vec<Rule>,
) -> String {
    let mut current = main.to_owned();
    let mut step =
        |rule: Rule, edits: Vec<(std::ops::Range<usize>, String)>, current: &mut String| {
            if !edits.is_empty() {
                *current = apply_edits(current, edits);
                applied.push(rule);
            }
        };
    let edits = rules::disallowed_emoji(profile, &current)
        .into_iter()
        .map(|r| (r, String::new()))
        .collect();
    step(Rule::Emoji, edits, &mut current);

    let edits = rules::contractions(profile, &current);
    step(Rule::Contractions, edits, &mut current);

    let indexed = Indexed::new(&current);
    let edits: Vec<_> = rules::avoid_words(profile, &indexed)
        .into_iter()
        .filter_map(|(r, replacement)| {
            let prefer = usable_prefer(profile, &replacement.prefer)?;
            let original = &current[r.clone()];
            Some((
                r,
                if prefer.is_empty() {
                    prefer
                } else {
                    match_case(original, &prefer)
                },
            ))
        })
        .collect();
    step(Rule::AvoidWord, edits, &mut current);

    if !rules::extra_exclamations(profile, &current).is_empty() {
        current = calm_exclamations(profile, &current);
        applied.push(Rule::Exclamations);
    }
    if target.situation.is_severe() {
        let sober = tone::sober(&current);
        if sober != current {
            current = sober;
            applied.push(Rule::Tone);
        }
    }
    current.trim().to_owned()
}

/// The text to put in place of an avoid word: `prefer` with emoji removed
/// and contractions expanded as the profile wants; `None` when that text
/// would itself contain an avoid word (so fixing could never settle).
fn usable_prefer(profile: &VoiceProfile, prefer: &str) -> Option<String> {
    let mut prefer = prefer.trim().to_owned();
    let clusters: Vec<_> = emoji::clusters(&prefer)
        .into_iter()
        .map(|r| (r, String::new()))
        .collect();
    prefer = apply_edits(&prefer, clusters);
    let expansions = rules::contractions(profile, &prefer);
    prefer = apply_edits(&prefer, expansions);
    rules::avoid_words(profile, &Indexed::new(&prefer))
        .is_empty()
        .then_some(prefer)
}

/// Keeps the first `max_exclamations` marks; an extra one becomes `.`, or
/// disappears when it follows `.`, `!` or `?` (so `!!!` becomes `!` or `.`).
fn calm_exclamations(profile: &VoiceProfile, text: &str) -> String {
    let mut kept = 0;
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if !rules::is_exclamation(c) {
            out.push(c);
            continue;
        }
        if kept < profile.max_exclamations {
            kept += 1;
            out.push(c);
        } else if !out.ends_with(['.', '!', '?', '！']) {
            out.push('.');
        }
    }
    out
}

/// Greeting or sign-off as it will be written.
#[derive(Debug)]
struct Part {
    text: String,
    /// Whitespace between this part and the main text.
    sep: String,
    /// Rendered by the fixer (not in the original reply).
    added: bool,
}

#[derive(Debug)]
struct Reply<'a> {
    prefix: &'a str,
    greeting: Option<Part>,
    main: String,
    sign_off: Option<Part>,
}

impl Reply<'_> {
    fn assemble(&self, greeting: bool, main: &str, sign_off: bool) -> String {
        let mut body = String::new();
        let greeting = self.greeting.as_ref().filter(|_| greeting);
        if let Some(g) = greeting {
            body.push_str(&g.text);
        }
        if !main.is_empty() {
            match greeting {
                Some(g) if !g.sep.contains('\n') => {
                    body.push_str(&g.sep);
                    body.push_str(&crate::template::after_greeting(&g.text, main));
                }
                Some(g) => {
                    body.push_str(&g.sep);
                    body.push_str(main);
                }
                None => body.push_str(main),
            }
        }
        if let Some(s) = self.sign_off.as_ref().filter(|_| sign_off) {
            if !body.is_empty() {
                body.push_str(&s.sep);
            }
            body.push_str(&s.text);
        }
        if body.is_empty() {
            // Nothing of the brand's is left: the prefix alone, trimmed.
            return self.prefix.trim_end().to_owned();
        }
        let mut out = self.prefix.to_owned();
        if !self.prefix.is_empty() && !self.prefix.ends_with(char::is_whitespace) {
            out.push(' ');
        }
        out.push_str(&body);
        out
    }

    /// Step 4. Returns the text, whether greeting and sign-off were kept,
    /// and whether the main text was trimmed.
    fn fit(&self, limit: Option<usize>) -> (String, bool, bool, bool) {
        let has_g = self.greeting.is_some();
        let has_s = self.sign_off.is_some();
        let full = self.assemble(has_g, &self.main, has_s);
        let Some(limit) = limit.filter(|&l| char_len(&full) > l) else {
            return (full, has_g, has_s, false);
        };
        let mut configs = vec![(has_g, has_s)];
        if has_s {
            configs.push((has_g, false));
        }
        if has_g {
            configs.push((false, false));
        }
        let overhead = |(g, s): (bool, bool)| char_len(&self.assemble(g, "x", s)).saturating_sub(1);
        let last = configs.len() - 1;
        let chosen = configs
            .iter()
            .position(|&c| limit.saturating_sub(overhead(c)) >= MIN_BODY)
            .unwrap_or(last);
        let budget = limit.saturating_sub(overhead(configs[chosen]));
        let main = trim_to(&self.main, budget);
        // Put back what the trimmed text leaves room for.
        let (g, s) = configs[..chosen]
            .iter()
            .copied()
            .find(|&(g, s)| char_len(&self.assemble(g, &main, s)) <= limit)
            .unwrap_or(configs[chosen]);
        let mut out = self.assemble(g, &main, s);
        if char_len(&out) > limit {
            out.truncate(text::byte_of_char(&out, limit));
        }
        (out, g, s, true)
    }
}

/// The longest start of `text` that fits `budget` chars: whole sentences
/// when at least one fits, else whole words and `…`, else a cut between
/// chars that never splits an emoji or a combining mark.
fn trim_to(text: &str, budget: usize) -> String {
    if char_len(text) <= budget {
        return text.to_owned();
    }
    if budget == 0 {
        return String::new();
    }
    let best = text::sentences(text)
        .into_iter()
        .map(|s| s.end)
        .take_while(|&end| char_len(&text[..end]) <= budget)
        .last();
    if let Some(end) = best {
        return text[..end].trim_end().to_owned();
    }
    if budget < 2 {
        return hard_cut(text, budget).to_owned();
    }
    let room = hard_cut(text, budget - 1);
    let at_word = if text[room.len()..].starts_with(char::is_whitespace) {
        room
    } else {
        room.rfind(char::is_whitespace)
            .map_or(room, |ws| &room[..ws])
    };
    let kept = at_word
        .trim_end()
        .trim_end_matches([',', ';', ':', '-', '—'])
        .trim_end();
    let kept = if kept.is_empty() {
        room.trim_end()
    } else {
        kept
    };
    format!("{kept}…")
}

/// The first `n` chars of `text`, moved back so no emoji or combining mark
/// is split.
fn hard_cut(text: &str, n: usize) -> &str {
    let mut cut = text::byte_of_char(text, n);
    for r in emoji::clusters(text) {
        if r.start < cut && cut < r.end {
            cut = r.start;
            break;
        }
    }
    while cut > 0 && text[cut..].chars().next().is_some_and(is_combining) {
        cut = text[..cut].char_indices().next_back().map_or(0, |(i, _)| i);
    }
    &text[..cut]
}

fn is_combining(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F
        | 0x200D | 0xFE0E | 0xFE0F)
}

#[cfg(test)]
mod tests;
