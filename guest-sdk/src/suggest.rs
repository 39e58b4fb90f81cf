//! Reply suggestions composed in the brand's voice and shaped for a channel.
//!
//! Replies are built from the voice profile (greeting, sign-off, person,
//! contractions, escalation phrasing, canned responses) and the triage
//! (intent, route, sentiment). No network, no model: every suggestion is
//! explainable by its `rationale`.

use crate::{Context, Message, Route, Suggestion, Triage, VoiceProfile};

/// How a channel wants replies shaped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChannelForm {
    /// Channel name used to pick the profile's greeting and sign-off.
    pub channel: String,
    /// Text every reply must start with (e.g. `@jack ` on X).
    pub prefix: String,
    /// Hard length limit in characters (0 = the context's limit).
    pub max_length: u32,
    /// Where to move a private conversation ("a DM", "email").
    pub private_channel: String,
}

impl ChannelForm {
    /// A channel with no special form.
    pub fn plain() -> Self {
        Self {
            channel: String::new(),
            prefix: String::new(),
            max_length: 0,
            private_channel: "a private message".to_owned(),
        }
    }
}

/// Composes up to `context.limits.max_suggestions` replies, best first.
/// Messages routed `no-reply` get none.
pub fn compose(
    message: &Message,
    triage: &Triage,
    context: &Context,
    form: &ChannelForm,
) -> Vec<Suggestion> {
    if triage.route == Route::NoReply {
        return Vec::new();
    }
    let voice = &context.voice;
    let name = first_name(message, context);
    let empathy = (voice.empathy_required && triage.sentiment <= -0.05)
        .then(|| empathy_line(voice, name.as_deref()));
    let we = if voice.person == crate::Person::I {
        "I"
    } else {
        "we"
    };
    let mut drafts: Vec<(String, &str, String)> = Vec::new();

    if let Some(canned) = voice
        .canned_responses
        .iter()
        .find(|c| c.intent == triage.intent)
    {
        drafts.push((
            fill(&canned.text, name.as_deref(), &voice.persona),
            "answer",
            format!(
                "canned response `{}` for intent {}",
                canned.id, triage.intent
            ),
        ));
    }
    match triage.route {
        Route::Escalate => drafts.push((
            voice.escalation_phrase.clone(),
            "escalate",
            "triage routed this to a specialist".to_owned(),
        )),
        Route::TakePrivate => drafts.push((
            format!(
                "So {we} can look into this safely, could you send {us} {} with the details? Please don't share personal or payment details here.",
                form.private_channel,
                us = if we == "I" { "me" } else { "us" },
            ),
            "take-private",
            "account, order or personal details belong in private".to_owned(),
        )),
        _ => {}
    }
    drafts.push((
        ask_detail(&triage.intent, we),
        "ask-detail",
        format!(
            "ask for the detail needed to resolve a {} request",
            triage.intent.replace('-', " ")
        ),
    ));
    drafts.push((
        format!(
            "Thanks for reaching out. {}, and {we}'ll get back to you shortly.",
            capitalize(&acknowledge(&triage.intent, we))
        ),
        "acknowledge",
        "acknowledge and set expectations".to_owned(),
    ));

    let limit = effective_limit(form, context);
    drafts
        .into_iter()
        .take(context.limits.max_suggestions.max(1) as usize)
        .map(|(body, strategy, rationale)| Suggestion {
            text: shape(
                &body,
                empathy.as_deref(),
                voice,
                form,
                name.as_deref(),
                limit,
            ),
            strategy: strategy.to_owned(),
            rationale,
        })
        .collect()
}

fn effective_limit(form: &ChannelForm, context: &Context) -> usize {
    let profile_limit = context
        .voice
        .channels
        .iter()
        .find(|c| c.channel == form.channel)
        .map_or(0, |c| c.max_length);
    [
        form.max_length,
        context.limits.max_reply_length,
        profile_limit,
    ]
    .into_iter()
    .filter(|&l| l > 0)
    .min()
    .unwrap_or(u32::MAX) as usize
}

fn first_name(message: &Message, context: &Context) -> Option<String> {
    context
        .customer
        .as_ref()
        .and_then(|c| c.name.clone())
        .or_else(|| message.author.display_name.clone())
        .and_then(|n| n.split_whitespace().next().map(str::to_owned))
}

fn empathy_line(voice: &VoiceProfile, name: Option<&str>) -> String {
    let sorry = if voice.contractions {
        "I'm sorry"
    } else {
        "I am sorry"
    };
    let sorry = if voice.person == crate::Person::We {
        sorry.replace("I'm", "We're").replace("I am", "We are")
    } else {
        sorry.to_owned()
    };
    match name {
        Some(name) => format!("{sorry} about this, {name}, that's frustrating."),
        None => format!("{sorry} about this, that's frustrating."),
    }
}

fn acknowledge(intent: &str, we: &str) -> String {
    let have = if we == "I" { "I've" } else { "we've" };
    match intent {
        "praise" => "it means a lot to hear that".to_owned(),
        "general" | "question" => format!("{have} got your message"),
        other => format!("{have} got your {} question", other.replace('-', " ")),
    }
}

fn ask_detail(intent: &str, we: &str) -> String {
    let detail = match intent {
        "billing" | "refund" => "the invoice or order number and the amount charged",
        "delivery" => "your order number",
        "account" => "the email address on the account (not your password)",
        "technical" | "outage" => "what you were doing when it happened and any error message",
        "cancellation" => "which plan you'd like to cancel",
        _ => "a little more detail",
    };
    format!("Could you share {detail}? Then {we} can sort it out.")
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Fills `{first_name}` and `{agent}` in a template; unknown variables stay.
fn fill(template: &str, name: Option<&str>, agent: &str) -> String {
    template
        .replace("{first_name}", name.unwrap_or("there"))
        .replace("{agent}", agent)
}

fn shape(
    body: &str,
    empathy: Option<&str>,
    voice: &VoiceProfile,
    form: &ChannelForm,
    name: Option<&str>,
    limit: usize,
) -> String {
    let channel = voice.channels.iter().find(|c| c.channel == form.channel);
    let greeting = channel
        .map(|c| fill(&c.greeting, name, &voice.persona))
        .unwrap_or_default();
    let sign_off = channel
        .map(|c| fill(&c.sign_off, name, &voice.persona))
        .unwrap_or_default();
    let mut core = String::new();
    for part in [empathy.unwrap_or(""), body] {
        if !part.is_empty() {
            if !core.is_empty() {
                core.push(' ');
            }
            core.push_str(part);
        }
    }
    if !voice.contractions {
        core = expand_contractions(&core);
    }
    let mut text = form.prefix.clone();
    if !greeting.is_empty() {
        text.push_str(&greeting);
        text.push(' ');
    }
    let fixed = text.chars().count()
        + if sign_off.is_empty() {
            0
        } else {
            sign_off.chars().count() + 1
        };
    text.push_str(&truncate_at_sentence(&core, limit.saturating_sub(fixed)));
    if !sign_off.is_empty() && text.chars().count() + sign_off.chars().count() < limit {
        text.push(' ');
        text.push_str(&sign_off);
    }
    truncate_chars(&text, limit)
}

fn expand_contractions(text: &str) -> String {
    const PAIRS: &[(&str, &str)] = &[
        ("We're", "We are"),
        ("we're", "we are"),
        ("we'll", "we will"),
        ("I'll", "I will"),
        ("I'm", "I am"),
        ("don't", "do not"),
        ("that's", "that is"),
        ("you'd", "you would"),
        ("we've", "we have"),
        ("I've", "I have"),
        ("It's", "It is"),
        ("it's", "it is"),
    ];
    PAIRS
        .iter()
        .fold(text.to_owned(), |t, (from, to)| t.replace(from, to))
}

/// Cuts `text` to at most `limit` characters, at the last sentence end that fits.
pub fn truncate_at_sentence(text: &str, limit: usize) -> String {
    if text.chars().count() <= limit {
        return text.to_owned();
    }
    let cut = truncate_chars(text, limit);
    match cut.rfind(['.', '!', '?']) {
        Some(end) if end > 0 => cut[..=end].to_owned(),
        _ => cut,
    }
}

fn truncate_chars(text: &str, limit: usize) -> String {
    text.chars().take(limit).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Priority, testing};

    fn message() -> Message {
        testing::message("my order never arrived")
    }

    fn triage(route: Route, sentiment: f32) -> Triage {
        Triage {
            priority: Priority::Normal,
            route,
            intent: "delivery".into(),
            sentiment,
            language: None,
            labels: vec![],
            reasons: vec![],
            confidence: 0.5,
        }
    }

    #[test]
    fn no_reply_gets_no_suggestions() {
        assert!(
            compose(
                &message(),
                &triage(Route::NoReply, 0.0),
                &testing::context(280),
                &ChannelForm::plain()
            )
            .is_empty()
        );
    }

    #[test]
    fn negative_messages_get_empathy_and_the_name() {
        let s = compose(
            &message(),
            &triage(Route::ReplyPublic, -0.6),
            &testing::context(280),
            &ChannelForm::plain(),
        );
        assert!(!s.is_empty());
        assert!(
            s[0].text.contains("sorry") && s[0].text.contains("Jo"),
            "{}",
            s[0].text
        );
    }

    #[test]
    fn replies_respect_prefix_and_limit() {
        let form = ChannelForm {
            prefix: "@jo ".into(),
            max_length: 60,
            ..ChannelForm::plain()
        };
        for s in compose(
            &message(),
            &triage(Route::TakePrivate, -0.6),
            &testing::context(280),
            &form,
        ) {
            assert!(s.text.starts_with("@jo "), "{}", s.text);
            assert!(s.text.chars().count() <= 60, "{}", s.text);
        }
    }

    #[test]
    fn truncation_prefers_sentence_ends() {
        assert_eq!(truncate_at_sentence("One. Two three four.", 10), "One.");
        assert_eq!(truncate_at_sentence("short", 10), "short");
    }
}
