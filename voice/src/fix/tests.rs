use super::*;
use crate::lint::tests::acme;
use crate::lint::{Severity, lint};
use crate::profile::{EmojiPolicy, VoiceProfile};

fn fixed(profile: &VoiceProfile, text: &str, target: &Target) -> Fixed {
    let once = fix(profile, text, target);
    let twice = fix(profile, &once.text, target);
    assert_eq!(once.text, twice.text, "idempotent for {text:?}");
    once
}

#[test]
fn clean_text_is_left_alone() {
    let text = "Hi Jo! Thanks, we'll send it today 🙂 — Sam from Acme";
    let out = fixed(
        &acme(),
        text,
        &Target {
            channel: "slack",
            ..Target::default()
        },
    );
    assert_eq!(
        out,
        Fixed {
            text: text.to_owned(),
            applied: vec![]
        }
    );
}

#[test]
fn emoji_are_removed_whole() {
    let p = VoiceProfile {
        emoji: EmojiPolicy::Never,
        ..acme()
    };
    let out = fixed(&p, "Done 👩‍🔬 and 🇪🇸 shipped 👍🏽!", &Target::default());
    assert_eq!(out.text, "Done and shipped!");
    assert_eq!(out.applied, vec![Rule::Emoji]);
    let out = fixed(&acme(), "🙂 one 🙂 two 😀", &Target::default());
    assert_eq!(out.text, "🙂 one two");
}

#[test]
fn contractions_are_expanded() {
    let p = VoiceProfile {
        contractions: false,
        ..acme()
    };
    let out = fixed(
        &p,
        "We're on it, and it’s free. I'll call; don't worry, we can't fail.",
        &Target::default(),
    );
    assert_eq!(
        out.text,
        "We are on it, and it is free. I will call; do not worry, we cannot fail."
    );
    assert_eq!(out.applied, vec![Rule::Contractions]);
}

#[test]
fn avoid_words_are_replaced_or_removed() {
    let out = fixed(
        &acme(),
        "Unfortunately, our Customer waited. CUSTOMER care!",
        &Target::default(),
    );
    assert_eq!(out.text, "Our Friend waited. FRIEND care!");
    assert_eq!(out.applied, vec![Rule::AvoidWord]);
}

#[test]
fn extra_exclamations_become_full_stops() {
    let out = fixed(&acme(), "Great!!! Thanks! See you?!", &Target::default());
    assert_eq!(out.text, "Great! Thanks. See you?");
    let calm = VoiceProfile {
        max_exclamations: 0,
        ..acme()
    };
    assert_eq!(
        fixed(&calm, "Wow! Yes!", &Target::default()).text,
        "Wow. Yes."
    );
}

#[test]
fn greeting_and_sign_off_are_added_per_channel() {
    let p = acme();
    let slack = Target {
        channel: "slack",
        first_name: Some("Jo"),
        ..Target::default()
    };
    let out = fixed(&p, "Thanks for waiting.", &slack);
    assert_eq!(out.text, "Hi Jo! Thanks for waiting. — Sam from Acme");
    assert_eq!(out.applied, vec![Rule::Greeting, Rule::SignOff]);
    let email = Target {
        channel: "email",
        ..Target::default()
    };
    let out = fixed(&p, "Thanks for waiting.", &email);
    assert_eq!(
        out.text,
        "Hi there,\n\nThanks for waiting.\n\nWarm wishes,\nSam from Acme"
    );
    let kept = fixed(&p, "Hi Maria,\nThanks for waiting.", &email);
    assert_eq!(
        kept.text,
        "Hi Maria,\nThanks for waiting.\n\nWarm wishes,\nSam from Acme"
    );
}

#[test]
fn prefix_stays_first() {
    let p = acme();
    let target = Target {
        channel: "twitter",
        prefix: "@jack ",
        ..Target::default()
    };
    assert_eq!(
        fixed(&p, "@jack Unfortunately, late.", &target).text,
        "@jack Late."
    );
    assert_eq!(fixed(&p, "Thanks!", &target).text, "@jack Thanks!");
    let bare = Target {
        prefix: "@jack",
        ..target
    };
    assert_eq!(fixed(&p, "@jack thanks", &bare).text, "@jack thanks");
}

#[test]
fn a_prefix_with_nothing_after_it_is_trimmed_too() {
    // Found by fuzzing: a reply the fixer empties kept the prefix's space.
    let target = Target {
        channel: "twitter",
        prefix: "@jack ",
        ..Target::default()
    };
    assert_eq!(fixed(&acme(), "", &target).text, "@jack");
    assert_eq!(fixed(&acme(), "@jack ", &target).text, "@jack");
}

#[test]
fn trims_at_a_sentence_keeping_prefix_and_sign_off() {
    let p = acme();
    let target = Target {
        channel: "slack",
        max_length: 60,
        prefix: "@jo ",
        ..Target::default()
    };
    let text = "@jo Hi Jo! First sentence here. Second sentence is longer than the rest. Third.";
    let out = fixed(&p, text, &target);
    assert_eq!(out.text, "@jo Hi Jo! First sentence here. — Sam from Acme");
    assert!(out.applied.contains(&Rule::Length));
    assert!(char_len(&out.text) <= 60);
}

#[test]
fn drops_the_sign_off_when_it_does_not_fit() {
    let p = acme();
    let target = Target {
        channel: "slack",
        max_length: 40,
        ..Target::default()
    };
    let out = fixed(
        &p,
        "Hi Jo! One two three four five six seven eight nine ten.",
        &target,
    );
    assert_eq!(out.text, "Hi Jo! One two three four five six…");
    assert!(char_len(&out.text) <= 40);
}

#[test]
fn tiny_limits_still_hold() {
    let p = acme();
    for limit in 1..12 {
        let target = Target {
            channel: "slack",
            max_length: limit,
            prefix: "@someone ",
            ..Target::default()
        };
        let out = fixed(&p, "Hello there, this is long 👩‍🔬 text!", &target);
        assert!(char_len(&out.text) <= limit, "{limit}: {:?}", out.text);
    }
}

#[test]
fn banned_phrases_stay_hard() {
    let text = "We apologize for any inconvenience.";
    let out = fixed(&acme(), text, &Target::default());
    assert_eq!(out.text, text);
    assert_eq!(
        lint(&acme(), &out.text, &Target::default())[0].severity,
        Severity::Hard
    );
}

#[test]
fn trim_to_cuts_at_sentences_words_then_chars() {
    assert_eq!(trim_to("One. Two three.", 6), "One.");
    assert_eq!(trim_to("one two three", 9), "one two…");
    assert_eq!(trim_to("abcdefghij", 5), "abcd…");
    assert_eq!(trim_to("ab👩‍🔬cd", 4), "ab…");
    assert_eq!(trim_to("anything", 0), "");
}
