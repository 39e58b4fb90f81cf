//! The example brand profiles parse, and behave as their brands should.

#![cfg(feature = "toml")]

use chorus_voice::{EmojiPolicy, Formality, Person, Rule, Target, VoiceProfile, fix, lint};

const EXAMPLES: [(&str, &str); 3] = [
    (
        "acme",
        include_str!("../../examples/brands/acme/voice.toml"),
    ),
    (
        "ledgerbank",
        include_str!("../../examples/brands/ledgerbank/voice.toml"),
    ),
    (
        "forgekit",
        include_str!("../../examples/brands/forgekit/voice.toml"),
    ),
];

fn load(name: &str) -> VoiceProfile {
    let (_, text) = EXAMPLES
        .iter()
        .find(|(n, _)| *n == name)
        .expect("known example");
    VoiceProfile::from_toml_str(text).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn every_example_parses() {
    for (name, _) in EXAMPLES {
        load(name);
    }
}

#[test]
fn the_new_examples_have_twitter_slack_and_email_and_no_greeting_on_x() {
    for name in ["ledgerbank", "forgekit"] {
        let profile = load(name);
        for channel in ["twitter", "slack", "email"] {
            assert!(profile.channel(channel).is_some(), "{name} lacks {channel}");
        }
        assert_eq!(
            profile.channel("twitter").map(|c| c.greeting.as_str()),
            Some(""),
            "{name}"
        );
    }
}

#[test]
fn ledgerbank_is_formal() {
    let bank = load("ledgerbank");
    assert_eq!(
        (bank.formality, bank.person, bank.contractions),
        (Formality::Formal, Person::We, false)
    );
    assert_eq!((bank.emoji, bank.max_exclamations), (EmojiPolicy::Never, 0));
    let target = Target {
        channel: "email",
        first_name: Some("Ana"),
        ..Target::default()
    };
    let fixed = fix(
        &bank,
        "Hey! We're sorting your card problem asap 👍",
        &target,
    );
    assert_eq!(
        fixed.text,
        "Dear Ana,\n\nHey. We are sorting your card issue as soon as possible\n\nKind regards,\nLedger Bank Client Care"
    );
    let left: Vec<Rule> = lint(&bank, &fixed.text, &target)
        .into_iter()
        .map(|v| v.rule)
        .collect();
    assert_eq!(
        left,
        vec![Rule::Formality],
        "\"hey\" is not fixed automatically"
    );
}

#[test]
fn forgekit_is_terse() {
    let kit = load("forgekit");
    let slack = Target {
        channel: "slack",
        ..Target::default()
    };
    assert!(
        lint(
            &kit,
            "I shipped a fix in 2.4.1, see the changelog. – Kit",
            &slack
        )
        .is_empty()
    );
    assert_eq!(slack.effective_limit(&kit), Some(400));
    let fixed = fix(&kit, "We just pushed a fix!", &slack);
    assert_eq!(fixed.text, "We pushed a fix. – Kit");
    let left: Vec<Rule> = lint(&kit, &fixed.text, &slack)
        .into_iter()
        .map(|v| v.rule)
        .collect();
    assert_eq!(left, vec![Rule::Person]);
}
