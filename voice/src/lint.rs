//! The brand voice linter: which rules a reply breaks, and where.
//!
//! [`lint`] looks at a reply the way it will be posted. The reply is read as
//! four parts (see [`Target`]): the platform prefix (ignored), the channel's
//! greeting, the main text, and the channel's sign-off. Banned phrases are
//! searched in everything after the prefix and the length limit counts the
//! whole text; all other rules look at the main text only, because greeting
//! and sign-off are the brand's own templates.

use std::fmt;
use std::ops::Range;

use serde::{Deserialize, Serialize};

pub use crate::fix::{Fixed, fix};
use crate::profile::{EmojiPolicy, VoiceProfile};
use crate::reply::{Channel, Shape, Vars};
use crate::rules;
use crate::situation::Situation;
use crate::text::{Indexed, byte_of_char, char_len};
use crate::tone;

/// How bad a violation is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    /// The reply must not be sent as it is (the host drops it if [`fix`]
    /// cannot repair it).
    Hard,
    /// A style warning: the reply may be sent, with a lower score.
    Soft,
}

/// A voice rule. `Display` gives its kebab-case name (`banned-phrase`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rule {
    /// A phrase from `banned_phrases` (hard, not fixable).
    BannedPhrase,
    /// A word from `avoid_words` (soft, fixed by its `prefer` or removal).
    AvoidWord,
    /// An emoji the `emoji` policy does not allow (hard, fixed by removal).
    Emoji,
    /// More `!` than `max_exclamations` (soft, extras become `.`).
    Exclamations,
    /// A contraction when `contractions = false` (soft, expanded).
    Contractions,
    /// "I" words in a "we" brand or the other way round (soft, not fixed).
    Person,
    /// The channel's greeting is missing (soft, added).
    Greeting,
    /// The channel's sign-off is missing (soft, added).
    SignOff,
    /// Longer than the effective length limit (hard, trimmed).
    Length,
    /// No empathy for an upset customer (soft, not fixed).
    Empathy,
    /// A word of the wrong register (soft, not fixed).
    Formality,
    /// On a severe case: an emoji, a `!`, a tip or promotion, or a cheery
    /// interjection (hard, fixed by [`crate::tone`]'s sobering).
    Tone,
}

impl Rule {
    /// Every rule, in the order of the list above.
    pub const ALL: [Rule; 12] = [
        Rule::BannedPhrase,
        Rule::AvoidWord,
        Rule::Emoji,
        Rule::Exclamations,
        Rule::Contractions,
        Rule::Person,
        Rule::Greeting,
        Rule::SignOff,
        Rule::Length,
        Rule::Empathy,
        Rule::Formality,
        Rule::Tone,
    ];

    /// The kebab-case name used in JSON, WIT and logs.
    pub fn name(self) -> &'static str {
        match self {
            Rule::BannedPhrase => "banned-phrase",
            Rule::AvoidWord => "avoid-word",
            Rule::Emoji => "emoji",
            Rule::Exclamations => "exclamations",
            Rule::Contractions => "contractions",
            Rule::Person => "person",
            Rule::Greeting => "greeting",
            Rule::SignOff => "sign-off",
            Rule::Length => "length",
            Rule::Empathy => "empathy",
            Rule::Formality => "formality",
            Rule::Tone => "tone",
        }
    }

    /// The severity of this rule's violations.
    pub fn severity(self) -> Severity {
        match self {
            Rule::BannedPhrase | Rule::Emoji | Rule::Length | Rule::Tone => Severity::Hard,
            _ => Severity::Soft,
        }
    }

    /// Whether [`fix`] repairs this rule's violations.
    pub fn is_fixable(self) -> bool {
        !matches!(
            self,
            Rule::BannedPhrase | Rule::Person | Rule::Empathy | Rule::Formality
        )
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One broken rule in a reply.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Violation {
    /// The rule.
    pub rule: Rule,
    /// Its severity (always `rule.severity()`).
    pub severity: Severity,
    /// Byte offsets into the linted text; empty (at the place where
    /// something should be) for a missing greeting, sign-off or empathy.
    pub span: Range<usize>,
    /// A human-readable explanation naming the offending text.
    pub message: String,
}

/// Where a reply is going.
#[derive(Debug, Clone, Copy, Default)]
pub struct Target<'a> {
    /// Channel name (`twitter`, `slack`, `email`, ...): picks the profile's
    /// greeting, sign-off and `max_length` for that channel.
    pub channel: &'a str,
    /// The platform's hard limit in chars; 0 = none. The effective limit is
    /// the smaller non-zero one of this and the profile channel's `max_length`.
    pub max_length: usize,
    /// Text the reply must start with that is not the brand's words, such as
    /// `"@jack "` on X (matched ASCII-case-insensitively). Lint and score
    /// ignore it; [`fix`] keeps it (or puts it) first.
    pub prefix: &'a str,
    /// Fills `{first_name}` in greeting and sign-off templates (fallback
    /// "there"); `{agent}` is the profile's persona.
    pub first_name: Option<&'a str>,
    /// The customer's message was negative: with `empathy_required`, the
    /// reply must acknowledge it.
    pub needs_empathy: bool,
    /// The moment the reply is for ([`Situation::of`] reads it from triage).
    /// On a severe case the [`Rule::Tone`] rules apply on top of the
    /// brand's own.
    pub situation: Situation,
}

impl Target<'_> {
    /// The effective length limit in chars for this target, if any.
    pub fn effective_limit(&self, profile: &VoiceProfile) -> Option<usize> {
        Channel::of(profile, self).limit
    }
}

fn violation(rule: Rule, span: Range<usize>, message: String) -> Violation {
    Violation {
        rule,
        severity: rule.severity(),
        span,
        message,
    }
}

/// Every rule `text` breaks, ordered by position. Never panics.
pub fn lint(profile: &VoiceProfile, text: &str, target: &Target) -> Vec<Violation> {
    let channel = Channel::of(profile, target);
    let vars = Vars::new(profile, target);
    let shape = Shape::of(&channel, &vars, target.prefix, text);
    let mut out = Vec::new();

    let body = &text[shape.body.clone()];
    for (r, phrase) in rules::banned(profile, &Indexed::new(body)) {
        let span = shape.body.start + r.start..shape.body.start + r.end;
        out.push(violation(
            Rule::BannedPhrase,
            span,
            format!("banned phrase \"{phrase}\""),
        ));
    }
    if let Some(limit) = channel.limit {
        let len = char_len(text);
        if len > limit {
            let span = byte_of_char(text, limit)..text.len();
            let message = format!(
                "{len} characters; the limit on {} is {limit}",
                channel_name(target)
            );
            out.push(violation(Rule::Length, span, message));
        }
    }
    lint_main(profile, text, shape.main.clone(), target, &mut out);

    if !channel.greeting.is_empty() && shape.greeting.is_none() {
        let at = shape.body.start;
        let message = format!("missing greeting \"{}\"", channel.greeting);
        out.push(violation(Rule::Greeting, at..at, message));
    }
    if !channel.sign_off.is_empty() && shape.sign_off.is_none() {
        let at = shape.body.end;
        let message = format!(
            "missing sign-off \"{}\"",
            channel.sign_off.replace('\n', "\\n")
        );
        out.push(violation(Rule::SignOff, at..at, message));
    }
    out.sort_by_key(|v| (v.span.start, v.span.end));
    out
}

fn channel_name<'a>(target: &Target<'a>) -> &'a str {
    if target.channel.is_empty() {
        "this channel"
    } else {
        target.channel
    }
}

/// The rules that look at the main text only.
fn lint_main(
    profile: &VoiceProfile,
    text: &str,
    main: Range<usize>,
    target: &Target,
    out: &mut Vec<Violation>,
) {
    let base = main.start;
    let main_text = &text[main.clone()];
    let indexed = Indexed::new(main_text);
    let at = |r: Range<usize>| base + r.start..base + r.end;

    let severe = target.situation.is_severe();
    if severe {
        for (r, broken) in tone::breaks(main_text) {
            let message = format!("{broken} \"{}\" on a severe case", &main_text[r.clone()]);
            out.push(violation(Rule::Tone, at(r), message));
        }
    }
    // On a severe case every emoji and `!` is a tone violation already.
    for r in rules::disallowed_emoji(profile, main_text)
        .into_iter()
        .filter(|_| !severe)
    {
        let policy = match profile.emoji {
            EmojiPolicy::Never => "the brand uses no emoji",
            EmojiPolicy::Sparingly => "at most one emoji, from the allowed list",
            EmojiPolicy::Welcome => "only emoji from the allowed list",
        };
        let message = format!("emoji {} not allowed ({policy})", &main_text[r.clone()]);
        out.push(violation(Rule::Emoji, at(r), message));
    }
    for r in rules::extra_exclamations(profile, main_text)
        .into_iter()
        .filter(|_| !severe)
    {
        let message = format!("more than {} exclamation mark(s)", profile.max_exclamations);
        out.push(violation(Rule::Exclamations, at(r), message));
    }
    for (r, replacement) in rules::avoid_words(profile, &indexed) {
        let message = if replacement.prefer.is_empty() {
            format!("avoid \"{}\"", &main_text[r.clone()])
        } else {
            format!(
                "avoid \"{}\": say \"{}\"",
                &main_text[r.clone()],
                replacement.prefer
            )
        };
        out.push(violation(Rule::AvoidWord, at(r), message));
    }
    for (r, full) in rules::contractions(profile, main_text) {
        let message = format!(
            "contraction \"{}\": write \"{full}\"",
            &main_text[r.clone()]
        );
        out.push(violation(Rule::Contractions, at(r), message));
    }
    let (wrong, _) = rules::person(profile, main_text);
    for r in wrong {
        let message = format!(
            "\"{}\": the brand speaks as \"{}\"",
            &main_text[r.clone()],
            match profile.person {
                crate::Person::We => "we",
                crate::Person::I => "I",
            }
        );
        out.push(violation(Rule::Person, at(r), message));
    }
    for (r, marker, casual) in rules::formality(profile, &indexed) {
        let register = if casual { "too casual" } else { "too formal" };
        out.push(violation(
            Rule::Formality,
            at(r),
            format!("\"{marker}\" is {register} for this brand"),
        ));
    }
    if target.needs_empathy && profile.empathy_required && !rules::has_empathy(&indexed) {
        let message =
            "the customer is upset: acknowledge it (\"sorry\", \"I understand\", ...)".to_owned();
        out.push(violation(Rule::Empathy, base..base, message));
    }
}

#[cfg(test)]
pub(crate) mod tests;
