//! Reply suggestions shaped as emails: a greeting line, the body composed in
//! the brand's voice, and the brand's sign-off.
//!
//! The voice profile's `email` channel greeting and sign-off are used when
//! set (`{first_name}` and `{agent}` filled in); otherwise the greeting is
//! "Hi Ada," ("Dear Ada," for a formal brand, "there" without a name) and
//! the sign-off "Best regards,\n{persona}".

use chorus_sdk::suggest::{ChannelForm, compose, first_name};
use chorus_sdk::{Context, Formality, Message, Suggestion, Triage};
use chorus_voice::fill_template;

/// Channel name looked up in the voice profile.
pub const CHANNEL: &str = "email";

/// Suggests email replies, best first. Every one has a greeting and a
/// sign-off; `no-reply` messages get none.
pub fn suggest(message: &Message, triage: &Triage, context: &Context) -> Vec<Suggestion> {
    let name = first_name(message, context);
    let voice = &context.voice;
    let profile = voice.channels.iter().find(|c| c.channel == CHANNEL);
    let greeting = profile
        .map(|c| c.greeting.trim())
        .filter(|g| !g.is_empty())
        .map(|g| fill_template(g, name.as_deref(), &voice.persona))
        .unwrap_or_else(|| default_greeting(voice.formality, name.as_deref()));
    let sign_off = profile
        .map(|c| c.sign_off.trim())
        .filter(|s| !s.is_empty())
        .map(|s| fill_template(s, name.as_deref(), &voice.persona))
        .unwrap_or_else(|| format!("Best regards,\n{}", voice.persona.trim()));

    // Compose the body alone: greeting and sign-off go on their own lines
    // here, so the profile's are blanked and their length is reserved.
    let overhead = greeting.chars().count() + sign_off.chars().count() + 4;
    let limit = [
        context.limits.max_reply_length,
        profile.map_or(0, |c| c.max_length),
    ]
    .into_iter()
    .filter(|&l| l > 0)
    .min();
    let mut body_context = context.clone();
    for channel in &mut body_context.voice.channels {
        if channel.channel == CHANNEL {
            channel.greeting.clear();
            channel.sign_off.clear();
            channel.max_length = 0;
        }
    }
    body_context.limits.max_reply_length =
        limit.map_or(0, |l| l.saturating_sub(overhead as u32).max(1));
    // The SDK names the customer by the first word of their name; give it
    // the same first name the greeting uses ("Lovelace, Ada" → "Ada"), or
    // none when the greeting already says it, so the body does not repeat it.
    let greeted = name.as_deref().is_some_and(|n| greeting.contains(n));
    let body_name = if greeted { None } else { name };
    if let Some(customer) = &mut body_context.customer {
        customer.name = body_name.clone();
    }
    let mut named = message.clone();
    named.author.display_name = body_name;
    let form = ChannelForm {
        channel: CHANNEL.to_owned(),
        prefix: String::new(),
        max_length: 0,
        private_channel: "a reply to this email".to_owned(),
    };
    compose(&named, triage, &body_context, &form)
        .into_iter()
        .map(|mut suggestion| {
            suggestion.text = format!("{greeting}\n\n{}\n\n{sign_off}", suggestion.text.trim());
            suggestion
        })
        .collect()
}

fn default_greeting(formality: Formality, name: Option<&str>) -> String {
    let salutation = if formality == Formality::Formal {
        "Dear"
    } else {
        "Hi"
    };
    match (formality, name) {
        (_, Some(name)) => format!("{salutation} {name},"),
        (Formality::Formal, None) => "Hello,".to_owned(),
        (_, None) => "Hi there,".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chorus_sdk::{Author, ChannelVoice, MessageKind, Priority, Route, Visibility, testing};

    fn message(display_name: Option<&str>) -> Message {
        Message {
            event_id: "e".into(),
            external_id: "m".into(),
            kind: MessageKind::Original,
            thread_id: None,
            in_reply_to: None,
            author: Author {
                id: "ada@example.com".into(),
                handle: None,
                display_name: display_name.map(str::to_owned),
                email: Some("ada@example.com".into()),
                follower_count: None,
                verified: false,
            },
            text: "My invoice is wrong, I was charged twice.".into(),
            full_text: None,
            visibility: Visibility::Private,
            sent_at: None,
            language: None,
            attachments: vec![],
            attributes: vec![],
        }
    }

    fn triage(route: Route) -> Triage {
        Triage {
            priority: Priority::Normal,
            route,
            intent: "billing".into(),
            sentiment: -0.3,
            language: None,
            labels: vec![],
            reasons: vec![],
            confidence: 0.5,
        }
    }

    #[test]
    fn suggestions_have_greeting_body_and_sign_off() {
        let context = testing::context(5_000);
        let suggestions = suggest(
            &message(Some("Ada Lovelace")),
            &triage(Route::ReplyPublic),
            &context,
        );
        assert!(!suggestions.is_empty());
        for s in &suggestions {
            assert!(s.text.starts_with("Hi Ada,\n\n"), "{}", s.text);
            assert_eq!(s.text.matches("Ada").count(), 1, "named once: {}", s.text);
            assert!(
                s.text.ends_with("\n\nBest regards,\nthe Acme team"),
                "{}",
                s.text
            );
        }
    }

    #[test]
    fn the_profile_greeting_and_sign_off_win_and_limits_hold() {
        let mut context = testing::context(300);
        context.voice.channels.push(ChannelVoice {
            channel: "email".into(),
            greeting: "Hello {first_name},".into(),
            sign_off: "Warmly,\n{agent}".into(),
            max_length: 0,
        });
        let suggestions = suggest(
            &message(Some("Lovelace, Ada")),
            &triage(Route::ReplyPublic),
            &context,
        );
        assert!(!suggestions.is_empty());
        for s in &suggestions {
            assert!(s.text.starts_with("Hello Ada,\n\n"), "{}", s.text);
            assert!(s.text.ends_with("Warmly,\nthe Acme team"), "{}", s.text);
            assert!(s.text.chars().count() <= 300, "{}", s.text);
        }
    }

    #[test]
    fn no_name_and_no_reply() {
        let context = testing::context(5_000);
        let suggestions = suggest(&message(None), &triage(Route::ReplyPublic), &context);
        assert!(suggestions[0].text.starts_with("Hi there,"));
        assert!(suggest(&message(None), &triage(Route::NoReply), &context).is_empty());
    }
}
