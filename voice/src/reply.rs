//! The shape of a reply: prefix, greeting, main text and sign-off, and the
//! channel settings that decide them.
//!
//! Greeting and sign-off templates are matched, not just compared: literal
//! parts match case-insensitively with whitespace folded, `{agent}` is the
//! profile's persona, and `{first_name}` matches the target's first name or
//! any one to four words, so "Hi Maria," counts as the greeting
//! "Hi {first_name}," even when the target has no name.

use crate::template::fill_template;
use std::borrow::Cow;
use std::ops::Range;

use crate::lint::Target;
use crate::profile::VoiceProfile;
use crate::text::{Indexed, Phrase, char_len, is_word_char};

/// What the profile says about the target's channel.
#[derive(Debug, Clone)]
pub(crate) struct Channel<'p> {
    /// The greeting template, with the severe-case tone when the target is
    /// severe ([`crate::tone::sober_template`]).
    pub greeting: Cow<'p, str>,
    /// The sign-off template, likewise.
    pub sign_off: Cow<'p, str>,
    /// Effective length limit in chars.
    pub limit: Option<usize>,
    /// Email-like: parts go on their own lines.
    pub multiline: bool,
}

impl<'p> Channel<'p> {
    pub fn of(profile: &'p VoiceProfile, target: &Target) -> Self {
        let voice = profile.channel(target.channel);
        let template = |t: &'p str| {
            if target.situation.is_severe() {
                crate::tone::sober_template(t)
            } else {
                Cow::Borrowed(t)
            }
        };
        let greeting = template(voice.map_or("", |v| v.greeting.trim()));
        let sign_off = template(voice.map_or("", |v| v.sign_off.trim()));
        let own = voice.map_or(0, |v| v.max_length as usize);
        let limit = [target.max_length, own]
            .into_iter()
            .filter(|&n| n > 0)
            .min();
        let multiline = target.channel.eq_ignore_ascii_case("email")
            || greeting.contains('\n')
            || sign_off.contains('\n');
        Self {
            greeting,
            sign_off,
            limit,
            multiline,
        }
    }

    /// The separator put between a greeting (or before a sign-off) and the
    /// main text when the fixer adds one.
    pub fn separator(&self) -> &'static str {
        if self.multiline { "\n\n" } else { " " }
    }
}

/// Values for template placeholders.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Vars<'a> {
    pub first_name: Option<&'a str>,
    pub agent: &'a str,
}

impl<'a> Vars<'a> {
    pub fn new(profile: &'a VoiceProfile, target: &Target<'a>) -> Self {
        Self {
            first_name: target.first_name,
            agent: &profile.persona,
        }
    }
}

/// One piece of a template, compiled for matching.
enum Part {
    Lit(Phrase),
    Name,
}

/// A greeting or sign-off template compiled once for a search: the whole
/// rendered text, and its pieces with `{first_name}` as a one-to-four-word
/// gap.
struct Template {
    whole: Option<Phrase>,
    parts: Vec<Part>,
}

impl Template {
    fn new(template: &str, vars: &Vars) -> Self {
        Self {
            whole: Phrase::new(&render(template, vars)),
            parts: parts(template, vars),
        }
    }

    /// Matches at char index `i` of `text`; returns the end char index.
    fn match_at(&self, text: &Indexed, i: usize) -> Option<usize> {
        if let Some(end) = self.whole.as_ref().and_then(|p| p.match_at(text, i, true)) {
            return Some(end);
        }
        match_parts(&self.parts, text, i)
    }
}

fn parts(template: &str, vars: &Vars) -> Vec<Part> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else {
            break;
        };
        if open > 0 {
            out.push(Part::Lit(Phrase::raw(&rest[..open])));
        }
        match &rest[open + 1..close] {
            "first_name" => out.push(Part::Name),
            "agent" => out.push(Part::Lit(Phrase::raw(vars.agent))),
            _ => out.push(Part::Lit(Phrase::raw(&rest[open..=close]))),
        }
        rest = &rest[close + 1..];
    }
    if !rest.is_empty() {
        out.push(Part::Lit(Phrase::raw(rest)));
    }
    out
}

/// Fills `{first_name}` and `{agent}` in `template` ([`fill_template`]).
pub(crate) fn render(template: &str, vars: &Vars) -> String {
    fill_template(template, vars.first_name, vars.agent)
}

fn match_parts(parts: &[Part], text: &Indexed, i: usize) -> Option<usize> {
    let Some((first, rest)) = parts.split_first() else {
        return Some(i);
    };
    match first {
        Part::Lit(lit) => {
            let end = lit.match_at(text, i, rest.is_empty())?;
            match_parts(rest, text, end)
        }
        Part::Name => {
            // One to four words: try each word end, shortest first.
            let mut words = 0;
            for k in i..text.chars.len().min(i + 60) {
                let c = text.chars[k].1;
                if c == '\n' || (k == i && c.is_whitespace()) {
                    break;
                }
                let ends_word = is_word_char(c)
                    && !text.chars.get(k + 1).is_some_and(|&(_, n)| is_word_char(n));
                if ends_word {
                    words += 1;
                    if let Some(end) = match_parts(rest, text, k + 1) {
                        return Some(end);
                    }
                    if words == 4 {
                        break;
                    }
                }
            }
            None
        }
    }
}

/// Byte length of the greeting at the very start of `text`, if there is one.
pub(crate) fn find_greeting(template: &str, vars: &Vars, text: &str) -> Option<usize> {
    let indexed = Indexed::new(text);
    Template::new(template, vars)
        .match_at(&indexed, 0)
        .map(|end| indexed.byte(end))
}

/// Byte offset where the sign-off that ends `text` starts, if there is one.
/// `text` must be trimmed at the end.
pub(crate) fn find_sign_off(template: &str, vars: &Vars, text: &str) -> Option<usize> {
    let indexed = Indexed::new(text);
    let n = indexed.chars.len();
    let window = char_len(&render(template, vars)) * 2 + 80;
    let first = n.saturating_sub(window);
    let compiled = Template::new(template, vars);
    (first..n).find_map(|k| {
        let starts_clean = k == 0 || indexed.chars[k - 1].1.is_whitespace();
        (starts_clean && compiled.match_at(&indexed, k) == Some(n)).then(|| indexed.byte(k))
    })
}

/// Where the parts of a reply are, as byte ranges of the reply text.
#[derive(Debug, Clone)]
pub(crate) struct Shape {
    /// The text after the prefix, trimmed.
    pub body: Range<usize>,
    /// The greeting, when the channel has one and the text starts with it.
    pub greeting: Option<Range<usize>>,
    /// The brand's words between greeting and sign-off, trimmed.
    pub main: Range<usize>,
    /// The sign-off, when the channel has one and the text ends with it.
    pub sign_off: Option<Range<usize>>,
}

impl Shape {
    pub fn of(channel: &Channel, vars: &Vars, prefix: &str, text: &str) -> Self {
        let bare = prefix.trim_end();
        let prefix_end = if !prefix.is_empty()
            && text
                .get(..prefix.len())
                .is_some_and(|p| p.eq_ignore_ascii_case(prefix))
        {
            prefix.len()
        } else if !bare.is_empty() && text.trim_end().eq_ignore_ascii_case(bare) {
            // The prefix alone, as the fixer leaves it when nothing follows.
            text.trim_end().len()
        } else {
            0
        };
        let after = &text[prefix_end..];
        let body_start = prefix_end + (after.len() - after.trim_start().len());
        let body_end = text.trim_end().len().max(body_start);
        let body = body_start..body_end;
        let mut cursor = body_start;
        let greeting = (!channel.greeting.is_empty())
            .then(|| find_greeting(&channel.greeting, vars, &text[body.clone()]))
            .flatten()
            .map(|len| body_start..body_start + len);
        if let Some(g) = &greeting {
            cursor = g.end;
        }
        let sign_off = (!channel.sign_off.is_empty())
            .then(|| find_sign_off(&channel.sign_off, vars, &text[cursor..body_end]))
            .flatten()
            .map(|start| cursor + start..body_end);
        let main_end = sign_off.as_ref().map_or(body_end, |s| s.start);
        let main = trimmed(text, cursor..main_end);
        Self {
            body,
            greeting,
            main,
            sign_off,
        }
    }
}

/// `range` of `text` without its surrounding whitespace.
pub(crate) fn trimmed(text: &str, range: Range<usize>) -> Range<usize> {
    let piece = &text[range.clone()];
    let start = range.start + (piece.len() - piece.trim_start().len());
    let end = (range.start + piece.trim_end().len()).max(start);
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars(name: Option<&'static str>) -> Vars<'static> {
        Vars {
            first_name: name,
            agent: "Sam from Acme",
        }
    }

    #[test]
    fn greeting_matches_any_name() {
        let v = vars(None);
        assert_eq!(
            find_greeting("Hi {first_name},", &v, "hi Maria, ok"),
            Some(9)
        );
        assert_eq!(
            find_greeting("Dear {first_name},", &v, "Dear Ms Smith, we"),
            Some(14)
        );
        assert_eq!(find_greeting("Hi {first_name},", &v, "Hello Maria,"), None);
        assert_eq!(
            find_greeting("Hi {first_name}", &vars(Some("Jo")), "Hi Jo thanks"),
            Some(5)
        );
    }

    #[test]
    fn sign_off_matches_at_the_end_only() {
        let v = vars(None);
        let text = "Thanks for waiting.\n\nWarm wishes,\nSam from Acme";
        assert_eq!(find_sign_off("Warm wishes,\n{agent}", &v, text), Some(21));
        assert_eq!(
            find_sign_off("— {agent}", &v, "ok — Sam from Acme"),
            Some(3)
        );
        assert_eq!(find_sign_off("— {agent}", &v, "— Sam from Acme, ok"), None);
    }

    #[test]
    fn renders_placeholders() {
        assert_eq!(
            render("Hi {first_name}! — {agent}", &vars(None)),
            "Hi there! — Sam from Acme"
        );
    }
}
