use super::*;
use crate::profile::{ChannelVoice, Formality, Person, Replacement};

pub(crate) fn acme() -> VoiceProfile {
    let channel = |name: &str, greeting: &str, sign_off: &str, max_length| ChannelVoice {
        channel: name.into(),
        greeting: greeting.into(),
        sign_off: sign_off.into(),
        max_length,
        languages: Default::default(),
    };
    VoiceProfile {
        persona: "Sam from Acme".into(),
        formality: Formality::Casual,
        emoji: EmojiPolicy::Sparingly,
        allowed_emoji: vec!["🙂".into(), "🏕️".into()],
        banned_phrases: vec!["we apologize for any inconvenience".into()],
        avoid_words: vec![
            Replacement {
                avoid: "unfortunately".into(),
                prefer: String::new(),
            },
            Replacement {
                avoid: "customer".into(),
                prefer: "friend".into(),
            },
        ],
        channels: vec![
            channel("twitter", "", "", 280),
            channel("slack", "Hi {first_name}!", "— {agent}", 0),
            channel("email", "Hi {first_name},", "Warm wishes,\n{agent}", 0),
        ],
        ..VoiceProfile::default()
    }
}

fn rules_of(profile: &VoiceProfile, text: &str, target: &Target) -> Vec<Rule> {
    lint(profile, text, target)
        .into_iter()
        .map(|v| v.rule)
        .collect()
}

fn spans<'t>(profile: &VoiceProfile, text: &'t str, target: &Target, rule: Rule) -> Vec<&'t str> {
    lint(profile, text, target)
        .into_iter()
        .filter(|v| v.rule == rule)
        .map(|v| &text[v.span])
        .collect()
}

#[test]
fn a_clean_reply_has_no_violations() {
    let text = "Hi Jo! So sorry about the tent, we'll send a new one today 🙂 — Sam from Acme";
    let target = Target {
        channel: "slack",
        needs_empathy: true,
        ..Target::default()
    };
    assert_eq!(lint(&acme(), text, &target), vec![]);
}

#[test]
fn banned_phrase_is_hard_and_found_case_and_space_insensitively() {
    let text = "@jo We  APOLOGIZE for any\ninconvenience.";
    let target = Target {
        channel: "twitter",
        prefix: "@jo ",
        ..Target::default()
    };
    let found = lint(&acme(), text, &target);
    assert_eq!(found[0].rule, Rule::BannedPhrase);
    assert_eq!(found[0].severity, Severity::Hard);
    assert_eq!(
        &text[found[0].span.clone()],
        "We  APOLOGIZE for any\ninconvenience"
    );
}

#[test]
fn length_uses_the_smaller_limit_and_counts_chars() {
    let p = acme();
    let text = "é".repeat(300);
    let platform = Target {
        channel: "twitter",
        max_length: 250,
        ..Target::default()
    };
    let found = lint(&p, &text, &platform);
    let length = found
        .iter()
        .find(|v| v.rule == Rule::Length)
        .expect("too long");
    assert_eq!(length.severity, Severity::Hard);
    assert_eq!(length.span, 500..600, "starts at char 250");
    assert!(
        rules_of(
            &p,
            &"é".repeat(280),
            &Target {
                channel: "twitter",
                ..Target::default()
            }
        )
        .is_empty()
    );
    assert_eq!(platform.effective_limit(&p), Some(250));
    assert_eq!(
        Target {
            channel: "slack",
            ..platform
        }
        .effective_limit(&p),
        Some(250)
    );
    assert_eq!(Target::default().effective_limit(&p), None);
}

#[test]
fn emoji_policies() {
    let sparing = acme();
    let target = Target::default();
    assert_eq!(
        spans(&sparing, "ok 🙂 yes 🙂 no 😀", &target, Rule::Emoji),
        vec!["🙂", "😀"]
    );
    let never = VoiceProfile {
        emoji: EmojiPolicy::Never,
        ..acme()
    };
    assert_eq!(
        spans(&never, "ok 🙂 👩‍🔬", &target, Rule::Emoji),
        vec!["🙂", "👩‍🔬"]
    );
    let welcome = VoiceProfile {
        emoji: EmojiPolicy::Welcome,
        ..acme()
    };
    assert_eq!(
        spans(&welcome, "🙂🙂🏕 🎉", &target, Rule::Emoji),
        vec!["🎉"]
    );
    assert_eq!(lint(&never, "x 😀", &target)[0].severity, Severity::Hard);
}

#[test]
fn exclamations_over_the_maximum_are_soft() {
    let text = "Great! Thanks! Bye!";
    let found = lint(&acme(), text, &Target::default());
    assert_eq!(
        found
            .iter()
            .filter(|v| v.rule == Rule::Exclamations)
            .count(),
        2
    );
    assert!(found.iter().all(|v| v.severity == Severity::Soft));
}

#[test]
fn avoid_words_are_whole_words() {
    let text = "Unfortunately our customer, not customers, waited.";
    assert_eq!(
        spans(&acme(), text, &Target::default(), Rule::AvoidWord),
        vec!["Unfortunately", "customer"]
    );
}

#[test]
fn contractions_only_when_the_brand_avoids_them() {
    let text = "We're sure it’s fine, don't worry.";
    assert!(spans(&acme(), text, &Target::default(), Rule::Contractions).is_empty());
    let formal = VoiceProfile {
        contractions: false,
        ..acme()
    };
    assert_eq!(
        spans(&formal, text, &Target::default(), Rule::Contractions),
        vec!["We're", "it’s", "don't"]
    );
}

#[test]
fn person_both_ways() {
    let text = "I checked my notes. We will call you.";
    assert_eq!(
        spans(&acme(), text, &Target::default(), Rule::Person),
        vec!["I"]
    );
    let solo = VoiceProfile {
        person: Person::I,
        ..acme()
    };
    assert_eq!(
        spans(&solo, text, &Target::default(), Rule::Person),
        vec!["We"]
    );
}

#[test]
fn greeting_and_sign_off_when_the_channel_has_them() {
    let p = acme();
    let slack = Target {
        channel: "slack",
        ..Target::default()
    };
    assert_eq!(
        rules_of(&p, "Thanks for waiting.", &slack),
        vec![Rule::Greeting, Rule::SignOff]
    );
    assert!(rules_of(&p, "Hi Maria! Thanks for waiting. — Sam from Acme", &slack).is_empty());
    let email = Target {
        channel: "email",
        ..Target::default()
    };
    let text = "Hi Maria,\n\nThanks for waiting.\n\nWarm wishes,\nSam from Acme";
    assert!(rules_of(&p, text, &email).is_empty());
    assert!(
        rules_of(
            &p,
            "Thanks for waiting.",
            &Target {
                channel: "twitter",
                ..slack
            }
        )
        .is_empty()
    );
}

#[test]
fn empathy_when_the_customer_is_upset() {
    let p = acme();
    let upset = Target {
        needs_empathy: true,
        ..Target::default()
    };
    assert_eq!(
        rules_of(&p, "Your order ships Monday.", &upset),
        vec![Rule::Empathy]
    );
    assert!(rules_of(&p, "Sorry! Your order ships Monday.", &upset).is_empty());
    let relaxed = VoiceProfile {
        empathy_required: false,
        ..acme()
    };
    assert!(rules_of(&relaxed, "Your order ships Monday.", &upset).is_empty());
}

#[test]
fn formality_mismatch_both_ways() {
    let casual = acme();
    assert_eq!(
        spans(
            &casual,
            "We kindly ask you to wait.",
            &Target::default(),
            Rule::Formality
        ),
        vec!["kindly"]
    );
    let formal = VoiceProfile {
        formality: Formality::Formal,
        ..acme()
    };
    assert_eq!(
        spans(
            &formal,
            "Hey, we're gonna fix it lol.",
            &Target::default(),
            Rule::Formality
        ),
        vec!["Hey", "gonna", "lol"]
    );
}

#[test]
fn prefix_is_ignored_and_spans_point_into_the_whole_text() {
    let p = VoiceProfile {
        emoji: EmojiPolicy::Never,
        ..acme()
    };
    let text = "@jack 😀 hi";
    let target = Target {
        prefix: "@jack ",
        ..Target::default()
    };
    let found = lint(&p, text, &target);
    assert_eq!(&text[found[0].span.clone()], "😀");
}

#[test]
fn rules_display_in_kebab_case() {
    let names: Vec<String> = Rule::ALL.iter().map(ToString::to_string).collect();
    assert_eq!(names[0], "banned-phrase");
    assert_eq!(names[7], "sign-off");
    for rule in Rule::ALL {
        let json = format!("\"{rule}\"");
        assert_eq!(serde_json_like(rule), json);
    }
}

/// Serde's kebab-case name, checked through the `Deserialize` impl.
fn serde_json_like(rule: Rule) -> String {
    use serde::de::IntoDeserializer;
    use serde::de::value::{Error, StrDeserializer};
    let de: StrDeserializer<Error> = rule.name().into_deserializer();
    let back = Rule::deserialize(de).expect("round trip");
    format!("\"{back}\"")
}
