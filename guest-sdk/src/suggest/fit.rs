//! Channel fit: the frame around a reply (prefix, greeting, sign-off) and
//! the length limit, met by leaving out optional sentences before cutting.

use super::ChannelForm;
use crate::{ChannelVoice, Context, VoiceProfile};

/// What a sentence does in a reply; optional kinds are left out, in
/// [`DROP_ORDER`], when the reply would not fit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// "Hey Jo!"
    Hello,
    /// Empathy or thanks; essential when empathy is required.
    Opener { essential: bool },
    /// "Good to hear from you again."
    Returning,
    /// The strategy itself. Never left out; cut at a sentence end last.
    Body,
    /// A warm closing line.
    Closing,
    /// One emoji.
    Emoji,
    /// A knowledge tip.
    Tip,
}

/// Optional kinds, least valuable first.
const DROP_ORDER: &[Kind] = &[
    Kind::Tip,
    Kind::Emoji,
    Kind::Closing,
    Kind::Returning,
    Kind::Hello,
    Kind::Opener { essential: false },
];

/// One sentence (or a few) of a reply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Part {
    /// What it does.
    pub kind: Kind,
    /// The text, already in the brand's voice.
    pub text: String,
}

impl Part {
    /// A part of `kind`.
    pub fn new(kind: Kind, text: impl Into<String>) -> Self {
        Self {
            kind,
            text: text.into(),
        }
    }
}

/// What surrounds the composed sentences on a channel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Frame {
    /// Text every reply starts with (`@jo `).
    pub prefix: String,
    /// The channel's greeting, filled; empty for none.
    pub greeting: String,
    /// The channel's sign-off, filled; empty for none.
    pub sign_off: String,
    /// Between greeting, body and sign-off: a blank line on email, else a space.
    pub separator: &'static str,
    /// The effective length limit in characters (`usize::MAX` for none).
    pub limit: usize,
    /// Words that keep their capital after a comma greeting (see
    /// [`Frame::in_language`]), lowercased: the brand's name, and the words
    /// its texts capitalise inside a sentence ("Mastercard", the "Free"
    /// plan, the "Cards" menu). `None` when the reply's language
    /// capitalises nouns (German) or is not known yet.
    pub proper: Option<Vec<String>>,
}

impl Frame {
    /// The frame for `form` in `context`, with `name` for `{first_name}`;
    /// on a severe case the channel's greeting and sign-off are used in
    /// their sober form ([`chorus_voice::tone::sober_template`]), as the
    /// voice engine reads them.
    pub fn new(form: &ChannelForm, context: &Context, name: Option<&str>, severe: bool) -> Self {
        let voice = &context.voice;
        let channel = channel_voice(voice, &form.channel);
        // As the voice engine reads replies: email-like channels (named
        // `email`, or with multi-line templates) put the parts on their own
        // lines.
        let multiline = form.channel.eq_ignore_ascii_case("email")
            || channel.is_some_and(|c| c.greeting.contains('\n') || c.sign_off.contains('\n'));
        // Filled as the voice engine fills them, so the engine recognises
        // them as the channel's greeting and sign-off.
        let fill = |template: &str| {
            let template = template.trim();
            let template = if severe {
                chorus_voice::tone::sober_template(template)
            } else {
                template.into()
            };
            chorus_voice::fill_template(&template, name, &voice.persona)
        };
        Self {
            prefix: form.prefix.clone(),
            greeting: channel.map(|c| fill(&c.greeting)).unwrap_or_default(),
            sign_off: channel.map(|c| fill(&c.sign_off)).unwrap_or_default(),
            separator: if multiline { "\n\n" } else { " " },
            limit: effective_limit(form, context),
            proper: None,
        }
    }

    /// The same frame for a reply in `language`: after a comma greeting on
    /// one line, the body's first word is lowercased unless it is a proper
    /// name ("Hello there, card transactions can…", "Bonjour, signalez…",
    /// but "Hi Jo, Acme gift cards…"). German capitalises nouns, so there
    /// only the voice engine's closed list of openers applies.
    pub fn in_language(mut self, language: &str, context: &Context) -> Self {
        if language != "de" && self.greets_with_comma() {
            self.proper = Some(proper_words(context));
        }
        self
    }

    /// Whether a greeting ending in a comma leads into the body on its
    /// line, the only frame whose body's first word [`Frame::lead`]
    /// lowercases (so the only one that reads the brand's proper words).
    fn greets_with_comma(&self) -> bool {
        self.separator == " " && self.greeting.trim_end().ends_with(',')
    }

    /// `core`'s first word as it reads after the greeting (see
    /// [`Frame::in_language`]).
    fn lead<'a>(&self, core: &'a str) -> std::borrow::Cow<'a, str> {
        use std::borrow::Cow;
        let Some(proper) = &self.proper else {
            return Cow::Borrowed(core);
        };
        if !self.greets_with_comma() {
            return Cow::Borrowed(core);
        }
        let word: String = core.chars().take_while(|c| c.is_alphabetic()).collect();
        let mut letters = word.chars();
        let titlecase = letters.next().is_some_and(char::is_uppercase)
            && word.chars().count() > 1
            && letters.all(char::is_lowercase);
        if !titlecase || proper.contains(&word.to_lowercase()) {
            return Cow::Borrowed(core);
        }
        let mut chars = core.chars();
        match chars.next() {
            Some(first) => Cow::Owned(first.to_lowercase().chain(chars).collect()),
            None => Cow::Borrowed(core),
        }
    }

    /// Whether the greeting already addresses the customer by name.
    pub fn greets(&self) -> bool {
        !self.greeting.is_empty()
    }

    /// The limit as the voice engine takes it (0 = none).
    pub fn max_length(&self) -> usize {
        if self.limit == usize::MAX {
            0
        } else {
            self.limit
        }
    }

    /// The reply with `core` inside the frame.
    pub fn render(&self, core: &str) -> String {
        let mut text = self.prefix.clone();
        let core = if self.separator == " " {
            chorus_voice::after_greeting(&self.greeting, core)
        } else {
            core.into()
        };
        let core = self.lead(&core);
        for piece in [
            self.greeting.as_str(),
            core.as_ref(),
            self.sign_off.as_str(),
        ] {
            if piece.is_empty() {
                continue;
            }
            if text.len() > self.prefix.len() {
                text.push_str(self.separator);
            }
            text.push_str(piece);
        }
        text
    }

    /// Renders `parts`, leaving out optional ones and then cutting the body
    /// at a sentence end until the reply fits the limit.
    pub fn fit(&self, parts: &[Part]) -> String {
        let mut parts = parts.to_vec();
        for kind in DROP_ORDER {
            if chars(&self.render(&join(&parts))) <= self.limit {
                break;
            }
            parts.retain(|p| p.kind != *kind);
        }
        let text = self.render(&join(&parts));
        if chars(&text) <= self.limit {
            return text;
        }
        // Still too long: keep the frame when it leaves room, cut the core.
        let mut frame = self.clone();
        for drop_sign_off in [false, true] {
            if drop_sign_off {
                frame.sign_off.clear();
            }
            let overhead = chars(&frame.render("x")) - 1;
            if overhead * 2 <= self.limit {
                let core = truncate_at_sentence(&join(&parts), self.limit - overhead);
                return frame.render(&core);
            }
        }
        frame.greeting.clear();
        let overhead = chars(&frame.prefix);
        let core = truncate_at_sentence(&join(&parts), self.limit.saturating_sub(overhead));
        truncate_chars(&frame.render(&core), self.limit)
    }
}

/// The words `context`'s brand writes with a capital inside a sentence,
/// and the words of its name and persona, lowercased (see
/// [`Frame::proper`]). A word capitalised only as a place in the app
/// (after "under", "then", "→") that also opens one of its sentences is a
/// label, not a name ("under Account, then Statements" and "Statements
/// for the past 7 years…": "Hello Sam, statements for…"); "Mastercard"
/// stays a name wherever it stands.
fn proper_words(context: &Context) -> Vec<String> {
    // A quote mark opens a label too: "puis « Report lost or stolen »".
    const PLACES: &[&str] = &[
        "under", "then", "→", ">", "tap", "select", "open", "«", "\"", "“", "„",
    ];
    let voice = &context.voice;
    let texts = voice
        .knowledge
        .iter()
        .map(|k| k.text.as_str())
        .chain(voice.canned_responses.iter().map(|c| c.text.as_str()));
    let mut words = Vec::new();
    let (mut labels, mut openers) = (Vec::new(), Vec::new());
    for text in texts {
        let mut sentence_start = true;
        let mut previous = "";
        for word in text.split_whitespace() {
            let bare = word.trim_matches(|c: char| !c.is_alphanumeric());
            if sentence_start {
                openers.push(bare.to_lowercase());
            } else if bare.chars().next().is_some_and(char::is_uppercase) {
                let place =
                    PLACES.contains(&previous.trim_end_matches(',').to_lowercase().as_str());
                if place { &mut labels } else { &mut words }.push(bare.to_lowercase());
            }
            sentence_start = word.ends_with(['.', '!', '?', ':']);
            previous = word;
        }
    }
    labels.retain(|w| !openers.contains(w));
    words.append(&mut labels);
    let names = [context.brand.name.as_str(), voice.persona.as_str()];
    words.extend(
        names
            .iter()
            .flat_map(|n| n.split(|c: char| !c.is_alphanumeric()))
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase),
    );
    words.sort_unstable();
    words.dedup();
    words
}

/// The profile's settings for `channel`.
pub(crate) fn channel_voice<'a>(
    voice: &'a VoiceProfile,
    channel: &str,
) -> Option<&'a ChannelVoice> {
    voice.channels.iter().find(|c| c.channel == channel)
}

/// The smallest non-zero limit of the form, the context and the profile's
/// channel, or `usize::MAX` when none is set.
pub(crate) fn effective_limit(form: &ChannelForm, context: &Context) -> usize {
    let profile = channel_voice(&context.voice, &form.channel).map_or(0, |c| c.max_length);
    [form.max_length, context.limits.max_reply_length, profile]
        .into_iter()
        .filter(|&l| l > 0)
        .min()
        .map_or(usize::MAX, |l| l as usize)
}

/// Joins parts with spaces (an emoji follows its sentence).
/// `parts` with the customer's `name` kept only where it first appears:
/// "…, Hanna. Let's find your parcel, Hanna: …" loses the second "Hanna"
/// the way an unknown name is left out of a template.
pub(crate) fn name_once(parts: &[Part], name: Option<&str>) -> Vec<Part> {
    let mut parts = parts.to_vec();
    let Some(name) = name.filter(|n| !n.is_empty()) else {
        return parts;
    };
    let mut seen = false;
    for part in &mut parts {
        let mut text = String::with_capacity(part.text.len());
        let mut rest = part.text.as_str();
        while let Some(at) = find_word(rest, name) {
            text.push_str(&rest[..at]);
            text.push_str(if seen { "{name}" } else { name });
            seen = true;
            rest = &rest[at + name.len()..];
        }
        text.push_str(rest);
        if text.contains("{name}") {
            part.text = chorus_voice::fill_name(&text, "{name}", None);
        }
    }
    parts
}

/// Byte offset of `word` in `text` where it stands as a whole word.
fn find_word(text: &str, word: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(found) = text[from..].find(word) {
        let at = from + found;
        let end = at + word.len();
        let before = text[..at].chars().next_back();
        let after = text[end..].chars().next();
        if !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric) {
            return Some(at);
        }
        from = end;
    }
    None
}

pub(crate) fn join(parts: &[Part]) -> String {
    let mut text = String::new();
    for part in parts.iter().filter(|p| !p.text.is_empty()) {
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(&part.text);
    }
    text
}

/// The number of characters (Unicode scalar values) in `text`.
pub(crate) fn chars(text: &str) -> usize {
    text.chars().count()
}

/// Cuts `text` to at most `limit` characters, at the last sentence end
/// that fits: a `.`, `!` or `?` followed by a space or the end of `text`
/// (not the dot of `crumb.example/allergens` or `£3.50`), or a CJK stop;
/// without one, at the limit.
pub fn truncate_at_sentence(text: &str, limit: usize) -> String {
    if chars(text) <= limit {
        return text.to_owned();
    }
    let cut = truncate_chars(text, limit);
    let mut end = None;
    for (i, c) in text.char_indices().take(limit) {
        let after = i + c.len_utf8();
        let ends = match c {
            '.' | '!' | '?' => text[after..].chars().next().is_none_or(char::is_whitespace),
            c => SENTENCE_ENDS.contains(&c),
        };
        if ends && i > 0 {
            end = Some(after);
        }
    }
    match end {
        Some(end) => text[..end].to_owned(),
        None => cut.trim_end().to_owned(),
    }
}

/// The marks that end a sentence, Latin and CJK.
const SENTENCE_ENDS: [char; 6] = ['.', '!', '?', '。', '！', '？'];

/// The first sentence of `text`, trimmed: up to the first `.`, `!` or `?`
/// followed by a space (or a CJK full stop), else all of it.
pub(crate) fn first_sentence(text: &str) -> &str {
    let text = text.trim();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let end = i + c.len_utf8();
        let ends = match c {
            // A Latin stop ends a sentence before a space ("v2.1" does not).
            '.' | '!' | '?' => chars.peek().is_none_or(|&(_, next)| next.is_whitespace()),
            c => SENTENCE_ENDS.contains(&c),
        };
        if ends {
            return &text[..end];
        }
    }
    text
}

/// `parts` with the asides in brackets taken out of the body ("LG (webOS 4.0
/// or later), and Sony" → "LG, and Sony"): what a reply says without them
/// when its first sentence is too long for the channel. A part without
/// brackets is kept as it is.
pub(crate) fn without_asides(parts: &[Part]) -> Vec<Part> {
    parts
        .iter()
        .map(|part| match part.kind {
            Kind::Body => Part::new(Kind::Body, strip_asides(&part.text)),
            _ => part.clone(),
        })
        .collect()
}

/// `text` without its bracketed asides (one level, `(` … `)`), and without
/// the space each left before it. An unclosed bracket is kept.
fn strip_asides(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find(" (") {
        let Some(close) = rest[open..].find(')') else {
            break;
        };
        out.push_str(&rest[..open]);
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    out
}

/// The first `limit` characters of `text`.
pub(crate) fn truncate_chars(text: &str, limit: usize) -> String {
    text.chars().take(limit).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_name_is_said_once() {
        let parts = [
            Part::new(
                Kind::Opener { essential: false },
                "We're so sorry about the delay, Hanna.",
            ),
            Part::new(Kind::Body, "Let's find your parcel, Hanna: we'll check it."),
            Part::new(Kind::Body, "Hannah from the team will call."),
        ];
        let texts: Vec<String> = name_once(&parts, Some("Hanna"))
            .into_iter()
            .map(|p| p.text)
            .collect();
        assert_eq!(
            texts,
            [
                "We're so sorry about the delay, Hanna.",
                "Let's find your parcel: we'll check it.",
                "Hannah from the team will call.",
            ]
        );
        assert_eq!(name_once(&parts, None)[1].text, parts[1].text);
    }

    #[test]
    fn a_label_that_also_opens_a_sentence_is_no_name() {
        let mut context = crate::testing::context(0);
        for (id, text) in [
            (
                "cards",
                "Report a lost card in the Ledger app under Cards, then Report lost.",
            ),
            (
                "statements",
                "Statements can be downloaded under Account, then Statements.",
            ),
            (
                "cards.fr",
                "Signalez-la dans l'app, rubrique « Cards » puis « Report lost ».",
            ),
        ] {
            context.voice.knowledge.push(crate::KnowledgeSnippet {
                id: id.into(),
                text: text.into(),
                keywords: Vec::new(),
                channels: Vec::new(),
            });
        }
        let proper = proper_words(&context);
        for name in ["ledger", "cards", "account", "acme"] {
            assert!(proper.iter().any(|w| w == name), "{name}");
        }
        for label in ["report", "statements"] {
            assert!(!proper.iter().any(|w| w == label), "{label}");
        }
    }

    #[test]
    fn asides_are_taken_out_of_the_body_only() {
        let parts = [
            Part::new(Kind::Hello, "Hi (you)!"),
            Part::new(
                Kind::Body,
                "Reel works on smart TVs from Samsung (2017 or later), LG (webOS 4.0 or later), \
                 and in browsers. Check reel.example/devices (all models).",
            ),
            Part::new(Kind::Body, "Unclosed (bracket stays."),
        ];
        let stripped = without_asides(&parts);
        assert_eq!(stripped[0].text, "Hi (you)!");
        assert_eq!(
            stripped[1].text,
            "Reel works on smart TVs from Samsung, LG, and in browsers. Check \
             reel.example/devices."
        );
        assert_eq!(stripped[2].text, "Unclosed (bracket stays.");
    }

    #[test]
    fn truncation_prefers_sentence_ends() {
        assert_eq!(truncate_at_sentence("One. Two three four.", 10), "One.");
        // A dot inside a link or a price ends no sentence.
        assert_eq!(
            truncate_at_sentence("It costs £3.50 a box. Delivery is free on Mondays.", 30),
            "It costs £3.50 a box."
        );
        assert_eq!(
            truncate_at_sentence("See crumb.example/allergens now. And more text here.", 40),
            "See crumb.example/allergens now."
        );
        assert_eq!(truncate_at_sentence("short", 10), "short");
        assert_eq!(
            truncate_at_sentence("確認します。詳細はこちら", 8),
            "確認します。"
        );
    }

    #[test]
    fn the_first_sentence_ends_at_a_stop_before_a_space() {
        assert_eq!(
            first_sentence(" Open Settings > Billing. Then pick a plan."),
            "Open Settings > Billing."
        );
        assert_eq!(first_sentence("Go to v2.1 now! Done."), "Go to v2.1 now!");
        assert_eq!(first_sentence("確認します。詳細"), "確認します。");
        assert_eq!(first_sentence("no stop at all"), "no stop at all");
    }
}
