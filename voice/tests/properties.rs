//! Property tests: the linter never panics, `fix` is idempotent and keeps to
//! the length limit, and the score stays within 0..=1 — for several
//! contrasting profiles, random limits and hostile text.

use chorus_voice::{
    ChannelVoice, EmojiPolicy, Formality, Person, Replacement, Rule, Situation, Target,
    VoiceProfile, fix, lint, score,
};
use proptest::prelude::*;

fn channel(name: &str, greeting: &str, sign_off: &str, max_length: u32) -> ChannelVoice {
    ChannelVoice {
        channel: name.into(),
        greeting: greeting.into(),
        sign_off: sign_off.into(),
        max_length,
        languages: Default::default(),
    }
}

fn replacement(avoid: &str, prefer: &str) -> Replacement {
    Replacement {
        avoid: avoid.into(),
        prefer: prefer.into(),
    }
}

/// Casual, "we", contractions, emoji sparingly.
fn casual() -> VoiceProfile {
    VoiceProfile {
        persona: "Sam from Acme".into(),
        formality: Formality::Casual,
        emoji: EmojiPolicy::Sparingly,
        allowed_emoji: vec!["🙂".into(), "🏕️".into()],
        banned_phrases: vec![
            "we apologize for any inconvenience".into(),
            "as per our policy".into(),
        ],
        avoid_words: vec![
            replacement("unfortunately", ""),
            replacement("customer", "friend"),
        ],
        preferred_words: vec!["adventure".into()],
        channels: vec![
            channel("twitter", "", "", 280),
            channel("slack", "Hi {first_name}!", "— {agent}", 0),
            channel("email", "Hi {first_name},", "Warm wishes,\n{agent}", 0),
        ],
        ..VoiceProfile::default()
    }
}

/// Formal bank: no contractions, no emoji, no `!`.
fn formal() -> VoiceProfile {
    VoiceProfile {
        persona: "Ledger Bank Client Care".into(),
        formality: Formality::Formal,
        contractions: false,
        emoji: EmojiPolicy::Never,
        max_exclamations: 0,
        banned_phrases: vec!["guaranteed returns".into(), "no worries".into()],
        avoid_words: vec![
            replacement("asap", "as soon as possible"),
            replacement("problem", "issue"),
        ],
        channels: vec![
            channel("twitter", "", "", 280),
            channel("slack", "Hello {first_name},", "Ledger Bank", 600),
            channel("email", "Dear {first_name},", "Kind regards,\n{agent}", 0),
        ],
        ..VoiceProfile::default()
    }
}

/// Terse developer tool: "I", short replies, welcome emoji from a list.
fn terse() -> VoiceProfile {
    VoiceProfile {
        persona: "Kit".into(),
        person: Person::I,
        emoji: EmojiPolicy::Welcome,
        allowed_emoji: vec!["✅".into()],
        max_exclamations: 2,
        avoid_words: vec![replacement("just", ""), replacement("simply", "")],
        channels: vec![
            channel("twitter", "", "", 200),
            channel("slack", "", "– {agent}", 300),
            channel("email", "Hi {first_name},", "— {agent}", 1200),
        ],
        ..VoiceProfile::default()
    }
}

const FRAGMENTS: &[&str] = &[
    "Hey Jo!",
    "Aw, thanks!",
    "Pro tip: returns are free.",
    ":)",
    "¡Genial!",
    "Good news:",
    "Hi Jo!",
    "Hi there,",
    "Dear Ms Smith,",
    "— Sam from Acme",
    "Warm wishes,\nSam from Acme",
    "Kind regards,\nLedger Bank Client Care",
    "– Kit",
    "we",
    "I",
    "me",
    "my",
    "our",
    "us",
    "we're",
    "don’t",
    "can't",
    "it's",
    "I'll",
    "you'll",
    "won't",
    "let's",
    "isn't",
    "customer",
    "Customer",
    "CUSTOMER",
    "unfortunately",
    "Unfortunately,",
    "just",
    "simply",
    "asap",
    "problem",
    "we apologize for any inconvenience",
    "As per our policy",
    "guaranteed returns",
    "hey",
    "gonna",
    "lol",
    "kindly",
    "hereby",
    "sorry",
    "lo siento",
    "désolé",
    "tut uns leid",
    "!",
    "!!!",
    "?!",
    ".",
    "…",
    ",",
    ";",
    "\n",
    "\n\n",
    "  ",
    "\t",
    "🙂",
    "🏕️",
    "🏕",
    "😀",
    "🎉",
    "✅",
    "❤️",
    "❤",
    "©",
    "©\u{FE0F}",
    "👍🏽",
    "🏽",
    "👩\u{200D}🔬",
    "👨\u{200D}👩\u{200D}👧\u{200D}👦",
    "🇪🇸",
    "🇪",
    "🇸",
    "1\u{FE0F}\u{20E3}",
    "#\u{20E3}",
    "🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}",
    "\u{200D}",
    "\u{FE0F}",
    "\u{20E3}",
    "e\u{301}",
    "क्\u{200D}ष",
    "مرحبا",
    "你好。",
    "İstanbul",
    "straße",
    "ß",
    "@jack",
    "@jack ",
    "https://example.com/docs",
    "order #1234",
    "adventure",
];

fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => prop::sample::select(FRAGMENTS).prop_map(str::to_owned),
        2 => "[a-zA-Z]{1,12}",
        1 => any::<String>(),
        1 => "\\PC{0,8}",
    ]
}

fn reply() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::collection::vec((fragment(), prop::sample::select(&[" ", "", " ", "\n"][..])), 0..40)
            .prop_map(|parts| parts.into_iter().map(|(f, sep)| f + sep).collect()),
        1 => any::<String>(),
        1 => prop::collection::vec(fragment(), 200..600).prop_map(|parts| parts.join(" ")),
    ]
}

#[derive(Debug, Clone)]
struct Case {
    profile: usize,
    channel: &'static str,
    max_length: usize,
    prefix: &'static str,
    first_name: Option<&'static str>,
    needs_empathy: bool,
    situation: Situation,
}

fn case() -> impl Strategy<Value = Case> {
    (
        0..3usize,
        prop::sample::select(&["twitter", "slack", "email", "chat", ""][..]),
        prop_oneof![2 => Just(0usize), 3 => 0..400usize, 1 => 0..20usize],
        prop::sample::select(&["", "@jack ", "@jack", "@a_very_long_handle_indeed "][..]),
        prop::sample::select(&[None, Some("Jo"), Some("Mary-Jane"), Some("😀"), Some("")][..]),
        any::<bool>(),
        prop::sample::select(&Situation::ALL[..]),
    )
        .prop_map(
            |(profile, channel, max_length, prefix, first_name, needs_empathy, situation)| Case {
                profile,
                channel,
                max_length,
                prefix,
                first_name,
                needs_empathy,
                situation,
            },
        )
}

impl Case {
    fn profile(&self) -> VoiceProfile {
        [casual, formal, terse][self.profile]()
    }

    fn target(&self) -> Target<'static> {
        Target {
            channel: self.channel,
            max_length: self.max_length,
            prefix: self.prefix,
            first_name: self.first_name,
            needs_empathy: self.needs_empathy,
            situation: self.situation,
        }
    }
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(256)
}

proptest! {
    // 256 cases keep the debug binary at a few seconds; PROPTEST_CASES=5000
    // runs a deeper search.
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn lint_never_panics_and_spans_are_valid(text in reply(), case in case()) {
        let violations = lint(&case.profile(), &text, &case.target());
        for v in violations {
            prop_assert!(v.span.start <= v.span.end && v.span.end <= text.len(), "{v:?}");
            prop_assert!(text.is_char_boundary(v.span.start) && text.is_char_boundary(v.span.end), "{v:?}");
            prop_assert_eq!(v.severity, v.rule.severity());
        }
    }

    #[test]
    fn fix_is_idempotent_and_fits(text in reply(), case in case()) {
        let (profile, target) = (case.profile(), case.target());
        let once = fix(&profile, &text, &target);
        let twice = fix(&profile, &once.text, &target);
        prop_assert_eq!(&once.text, &twice.text);
        if let Some(limit) = target.effective_limit(&profile) {
            prop_assert!(once.text.chars().count() <= limit, "{} > {limit}", once.text.chars().count());
        }
        let left: Vec<Rule> = lint(&profile, &once.text, &target).into_iter().map(|v| v.rule).collect();
        for rule in [Rule::Emoji, Rule::Length, Rule::Exclamations, Rule::Contractions, Rule::Tone] {
            prop_assert!(!left.contains(&rule), "{rule} left in {:?}", once.text);
        }
    }

    #[test]
    fn score_is_within_bounds(text in reply(), case in case()) {
        let s = score(&case.profile(), &text, &case.target());
        prop_assert!((0.0..=1.0).contains(&s.total), "{}", s.total);
        for f in &s.features {
            prop_assert!((0.0..=1.0).contains(&f.value), "{f:?}");
        }
    }
}

#[test]
fn hostile_reply_is_reported_fixed_where_possible_and_still_hard() {
    let profile = casual();
    let target = Target {
        channel: "twitter",
        prefix: "@jack ",
        ..Target::default()
    };
    let mut text = String::from("@jack ");
    for i in 0..50 {
        text.push_str(["😀 ", "👩\u{200D}🔬 ", "🇪🇸 ", "👍🏽 ", "🎉 "][i % 5]);
        if i % 17 == 0 {
            text.push_str(
                "We apologize for any inconvenience. As per our policy, your call matters. ",
            );
        }
    }
    text.push_str("Your call is important to us but we apologize for any inconvenience. ");
    while text.chars().count() < 10_000 {
        text.push_str("This sentence keeps the reply going for a very long time. ");
    }
    let violations = lint(&profile, &text, &target);
    let hard: Vec<Rule> = violations
        .iter()
        .filter(|v| v.severity == chorus_voice::Severity::Hard)
        .map(|v| v.rule)
        .collect();
    assert!(hard.contains(&Rule::Length));
    assert!(hard.contains(&Rule::BannedPhrase));
    assert_eq!(hard.iter().filter(|r| **r == Rule::Emoji).count(), 50);

    let fixed = fix(&profile, &text, &target);
    assert!(fixed.text.starts_with("@jack "));
    assert!(fixed.text.chars().count() <= 280);
    assert!(fixed.applied.contains(&Rule::Emoji) && fixed.applied.contains(&Rule::Length));
    let left = lint(&profile, &fixed.text, &target);
    assert!(
        left.iter()
            .all(|v| v.rule != Rule::Emoji && v.rule != Rule::Length),
        "{left:?}"
    );
    assert!(
        left.iter()
            .any(|v| v.rule == Rule::BannedPhrase && v.severity == chorus_voice::Severity::Hard),
        "{}",
        fixed.text
    );
    assert_eq!(fix(&profile, &fixed.text, &target).text, fixed.text);
}
