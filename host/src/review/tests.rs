use super::*;
use crate::manifest::ReplyFormat;
use crate::model::{ChannelKind, PluginInfo, PluginManifest};

fn profile() -> VoiceProfile {
    VoiceProfile {
        persona: "Sam from Acme".into(),
        banned_phrases: vec!["we apologize for any inconvenience".into()],
        ..VoiceProfile::default()
    }
}

fn target(max_length: usize) -> ReplyTarget {
    ReplyTarget {
        channel: "slack".into(),
        max_length,
        max_suggestions: 3,
        first_name: Some("Jo".into()),
        needs_empathy: false,
        intent: "delivery".into(),
        response_time: "within 4 hours".into(),
        situation: Situation::Problem,
    }
}

fn suggestion(text: &str, strategy: &str) -> Suggestion {
    Suggestion {
        text: text.into(),
        strategy: strategy.into(),
        rationale: "test".into(),
    }
}

fn emoji(count: usize) -> String {
    "😀".repeat(count)
}

#[test]
fn hostile_output_is_fixed_to_fit_the_channel() {
    let text = format!(
        "Thanks for your patience. {}{}",
        "We are checking this. ".repeat(500),
        emoji(50)
    );
    assert!(text.chars().count() > 10_000);
    let review = review(
        &profile(),
        &target(4_000),
        vec![suggestion(&text, "answer")],
        &StrategyPriors::default(),
    );
    assert!(review.dropped.is_empty(), "{:?}", review.dropped);
    let kept = &review.kept[0];
    assert!(kept.suggestion.text.chars().count() <= 4_000);
    assert!(!kept.suggestion.text.contains('😀'));
    assert_eq!(kept.review.original_text.as_deref(), Some(text.as_str()));
    for rule in ["emoji", "length"] {
        assert!(
            kept.review.fixes.iter().any(|f| f == rule),
            "{rule}: {:?}",
            kept.review.fixes
        );
    }
}

#[test]
fn banned_phrases_are_dropped_with_the_reason() {
    let review = review(
        &profile(),
        &target(4_000),
        vec![
            suggestion(
                "We apologize for any inconvenience. Your order ships today.",
                "answer",
            ),
            suggestion("Your order ships today.", "acknowledge"),
        ],
        &StrategyPriors::default(),
    );
    assert_eq!(review.kept.len(), 1);
    assert_eq!(review.kept[0].suggestion.strategy, "acknowledge");
    let dropped = &review.dropped[0];
    assert_eq!(dropped.rules, vec!["banned-phrase"]);
    assert!(
        dropped.reason.to_lowercase().contains("inconvenience"),
        "{}",
        dropped.reason
    );
}

#[test]
fn response_time_and_leftover_variables_are_filled() {
    let review = review(
        &profile(),
        &target(4_000),
        vec![suggestion(
            "Thanks {first_name}, we'll reply {response_time}. — {agent}",
            "acknowledge",
        )],
        &StrategyPriors::default(),
    );
    let text = &review.kept[0].suggestion.text;
    assert!(
        text.contains("Thanks Jo, we'll reply within 4 hours. — Sam from Acme"),
        "{text}"
    );
}

#[test]
fn x_mentions_stay_first_and_count_toward_the_limit() {
    let text = format!("@jack @bob {}", "Short sentence here. ".repeat(30));
    let review = review(
        &profile(),
        &ReplyTarget {
            channel: "twitter".into(),
            ..target(280)
        },
        vec![suggestion(&text, "answer")],
        &StrategyPriors::default(),
    );
    let fixed = &review.kept[0].suggestion.text;
    assert!(fixed.starts_with("@jack @bob "), "{fixed}");
    assert!(fixed.chars().count() <= 280, "{}", fixed.chars().count());
}

#[test]
fn mention_prefix_takes_leading_handles_only() {
    assert_eq!(mention_prefix("@jack @b_2 hi @x"), "@jack @b_2 ");
    assert_eq!(mention_prefix("hi @jack"), "");
    assert_eq!(mention_prefix("@ hi"), "");
    assert_eq!(mention_prefix("@jack"), "");
}

#[test]
fn learnt_priors_reorder_the_plugins_ranking() {
    let drafts = || {
        vec![
            suggestion("Could you share your order number?", "ask-detail"),
            suggestion("Thanks, we're on it.", "acknowledge"),
        ]
    };
    let neutral = review(
        &profile(),
        &target(4_000),
        drafts(),
        &StrategyPriors::default(),
    );
    assert_eq!(neutral.kept[0].suggestion.strategy, "ask-detail");
    let taught = StrategyPriors::new(vec![
        StrategyStat {
            strategy: "acknowledge".into(),
            intent: "delivery".into(),
            trials: 10.0,
            successes: 10.0,
        },
        StrategyStat {
            strategy: "ask-detail".into(),
            intent: "delivery".into(),
            trials: 10.0,
            successes: 0.0,
        },
    ]);
    let learnt = review(&profile(), &target(4_000), drafts(), &taught);
    assert_eq!(learnt.kept[0].suggestion.strategy, "acknowledge");
    let first = &learnt.kept[0].review;
    assert!((first.rank_score - first.relevance * first.voice_score * first.prior).abs() < 1e-6);
}

#[test]
fn keeps_at_most_the_channel_number_without_duplicates() {
    let review = review(
        &profile(),
        &ReplyTarget {
            max_suggestions: 2,
            ..target(4_000)
        },
        vec![
            suggestion("One.", "a"),
            suggestion("One.", "b"),
            suggestion("Two.", "c"),
            suggestion("Three.", "d"),
        ],
        &StrategyPriors::default(),
    );
    let texts: Vec<_> = review
        .kept
        .iter()
        .map(|k| k.suggestion.text.as_str())
        .collect();
    assert_eq!(texts, vec!["One.", "Two."]);
}

/// A plugin's metadata for a channel of `kind` with the declared `reply`.
fn plugin(kind: ChannelKind, reply: ReplyFormat) -> PluginInfo {
    PluginInfo {
        name: "test".into(),
        version: "1.0.0".into(),
        description: "test".into(),
        channel: kind,
        contract_version: "0.2.0".into(),
        capabilities: vec![],
        secrets: vec![],
        manifest: PluginManifest {
            config: None,
            reply,
            send_to: Vec::new(),
        },
    }
}

#[test]
fn voice_channel_follows_the_profile_names() {
    let mut profile = profile();
    let social = plugin(ChannelKind::Social, ReplyFormat::default()).voice_channels();
    assert_eq!(voice_channel(&profile, &social), "twitter");
    profile.channels.push(chorus_voice::ChannelVoice {
        channel: "x".into(),
        ..Default::default()
    });
    assert_eq!(voice_channel(&profile, &social), "x");
    let email = plugin(ChannelKind::Email, ReplyFormat::default()).voice_channels();
    assert_eq!(voice_channel(&profile, &email), "email");
}

#[test]
fn a_declared_reply_format_shapes_the_target() {
    let brand = crate::brand::Brand::example();
    let sms = plugin(
        ChannelKind::Other,
        ReplyFormat {
            voice_channels: vec!["sms".into(), "other".into()],
            max_reply_length: 320,
        },
    );
    let context = brand.context(sms.channel_limits());
    let message = spanish_order_question();
    let triage = delivery_triage();
    let target = ReplyTarget::new(&context, &sms, &message, &triage, None);
    assert_eq!(target.channel, "sms");
    assert_eq!(target.max_length, 320);
}

#[test]
fn the_promise_speaks_the_customers_language_when_the_brand_does() {
    let mut brand = crate::brand::Brand::example();
    std::sync::Arc::make_mut(&mut brand.voice).languages = vec!["en".into(), "es".into()];
    let context = brand.context(crate::model::ChannelLimits::default());
    let message = spanish_order_question();
    let mut triage = delivery_triage();
    let chat = plugin(ChannelKind::Chat, ReplyFormat::default());
    let sla = Some(Sla {
        minutes: 240,
        business_hours: true,
    });
    let target = ReplyTarget::new(&context, &chat, &message, &triage, sla);
    assert_eq!(target.response_time, "en un plazo de 4 horas laborables");
    assert_eq!(target.first_name.as_deref(), Some("Lucía"));
    triage.language = Some("fr".into());
    let target = ReplyTarget::new(&context, &chat, &message, &triage, sla);
    assert_eq!(
        target.response_time, "within 4 business hours",
        "the brand does not answer in French"
    );
}

#[test]
fn severe_cases_get_a_sober_tone_from_any_plugin() {
    let profile = VoiceProfile {
        allowed_emoji: vec!["🙂".into()],
        emoji: chorus_voice::EmojiPolicy::Sparingly,
        max_exclamations: 2,
        ..profile()
    };
    let cheery = "Hey Jo! Ugh, sorry about that. Our safety team will call you today! \
                  Pro tip: Returns are free within 60 days. 🙂";
    let severe = review(
        &profile,
        &ReplyTarget {
            situation: Situation::Severe,
            ..target(4_000)
        },
        vec![suggestion(cheery, "escalate")],
        &StrategyPriors::default(),
    );
    let text = &severe.kept[0].suggestion.text;
    assert_eq!(
        text, "Hi Jo. Sorry about that. Our safety team will call you today.",
        "{text}"
    );
    assert!(severe.kept[0].review.fixes.contains(&"tone".to_owned()));
    // The same reply on an ordinary problem keeps the brand's register.
    let ordinary = review(
        &profile,
        &target(4_000),
        vec![suggestion(cheery, "escalate")],
        &StrategyPriors::default(),
    );
    assert!(ordinary.kept[0].suggestion.text.contains('🙂'));
}

#[test]
fn no_reply_cases_keep_no_suggestion() {
    let review = review(
        &profile(),
        &ReplyTarget {
            situation: Situation::NoReply,
            ..target(4_000)
        },
        vec![suggestion("Thanks for the follow!", "answer")],
        &StrategyPriors::default(),
    );
    assert!(review.kept.is_empty());
    assert_eq!(review.dropped[0].rules, ["no-reply"]);
}

/// Lucía's "¿Dónde está mi pedido?" in a DM.
fn spanish_order_question() -> Message {
    use crate::model::{Author, MessageKind, Visibility};
    Message {
        event_id: "e1".into(),
        external_id: "m1".into(),
        kind: MessageKind::Original,
        thread_id: None,
        in_reply_to: None,
        author: Author {
            id: "u1".into(),
            handle: None,
            display_name: Some("Lucía Pérez".into()),
            email: None,
            follower_count: None,
            verified: false,
        },
        text: "¿Dónde está mi pedido?".into(),
        full_text: None,
        visibility: Visibility::Private,
        sent_at: None,
        language: Some("es".into()),
        attachments: vec![],
        attributes: vec![],
    }
}

/// A normal-priority delivery question in Spanish.
fn delivery_triage() -> Triage {
    use crate::model::{Priority, Route};
    Triage {
        priority: Priority::Normal,
        route: Route::ReplyPublic,
        intent: "delivery".into(),
        sentiment: 0.0,
        language: Some("es".into()),
        labels: vec![],
        reasons: vec![],
        confidence: 0.5,
    }
}
