//! The brand voice end to end: real components, the host's voice gate, the
//! example brands.

use std::path::Path;
use std::sync::Arc;

use chorus_e2e::{fixture, load, plugin, root, test_guest};
use chorus_host::brand::Brand;
use chorus_host::model::{ChannelLimits, HttpRequest};
use chorus_host::pipeline::{EventResult, ProcessedMessage, Standalone, run_event};
use chorus_host::runtime::{Capability, Grants, InMemoryServices, Limits};
use chorus_voice::{Severity, Target};

/// One complaint, as a customer would write it anywhere.
const COMPLAINT: &str = "My order never arrived and nobody answers me. This is really frustrating.";

fn brand(name: &str) -> Brand {
    let mut brand = Brand::example();
    let path = root().join(format!("examples/brands/{name}/voice.toml"));
    let text = std::fs::read_to_string(&path).expect("example profile reads");
    brand.voice = std::sync::Arc::new(
        chorus_voice::VoiceProfile::from_toml_str(&text).expect("example profile parses"),
    );
    brand
}

fn request(content_type: &str, body: Vec<u8>) -> HttpRequest {
    HttpRequest {
        method: "POST".into(),
        headers: vec![("content-type".into(), content_type.into())],
        body,
        ..HttpRequest::default()
    }
}

fn replace_in_fixture(relative: &str, from: &str, to: &str) -> Vec<u8> {
    let text = std::fs::read_to_string(fixture(relative)).expect("fixture reads");
    assert!(text.contains(from), "{relative} has {from:?}");
    text.replace(from, to).into_bytes()
}

/// The complaint as an X direct message, a Slack DM and an email.
fn complaint_everywhere() -> Vec<(&'static str, HttpRequest)> {
    let email = format!(
        "From: Jordan Brinks <jordan@example.com>\r\nTo: care@acme.example\r\nSubject: Where is my order?\r\nMessage-ID: <complaint-1@example.com>\r\nDate: Mon, 1 Jan 2024 10:00:00 +0000\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{COMPLAINT}\r\n"
    );
    vec![
        (
            "twitter",
            request(
                "application/json",
                replace_in_fixture(
                    "twitter/aaa-direct-message-received.json",
                    "Hello World!",
                    COMPLAINT,
                ),
            ),
        ),
        (
            "chat",
            request(
                "application/json",
                replace_in_fixture(
                    "slack/message-im.json",
                    "Hello hello can you hear me?",
                    COMPLAINT,
                ),
            ),
        ),
        ("email", request("message/rfc822", email.into_bytes())),
    ]
}

/// The brand's services as the server gives them to a plugin: its
/// knowledge, ranked by the host.
fn services_of(brand: &Brand) -> InMemoryServices {
    InMemoryServices::new().with_shared_knowledge(brand.knowledge())
}

async fn first_message(component: &Path, brand: &Brand, request: &HttpRequest) -> ProcessedMessage {
    first_message_with(component, brand, request, services_of(brand)).await
}

async fn first_message_with(
    component: &Path,
    brand: &Brand,
    request: &HttpRequest,
    services: InMemoryServices,
) -> ProcessedMessage {
    let plugin = Arc::new(load(component, Limits::default()).await);
    let context = brand.context(plugin.info().channel_limits());
    let services = Arc::new(services);
    match run_event(&plugin, services, request, &context, &Standalone::default()).await {
        Ok(EventResult::Messages { mut messages }) if !messages.is_empty() => messages.remove(0),
        other => panic!("{}: expected a message, got {other:?}", component.display()),
    }
}

fn hard_violations(brand: &Brand, channel: &str, max_length: usize, text: &str) -> Vec<String> {
    let prefix_end = text
        .split(' ')
        .take_while(|w| w.starts_with('@'))
        .map(|w| w.len() + 1)
        .sum::<usize>();
    let target = Target {
        channel,
        max_length,
        prefix: &text[..prefix_end.min(text.len())],
        ..Target::default()
    };
    chorus_voice::lint(&brand.voice, text, &target)
        .into_iter()
        .filter(|v| v.severity == Severity::Hard)
        .map(|v| v.message)
        .collect()
}

#[tokio::test]
async fn the_same_complaint_sounds_like_one_brand_on_x_slack_and_email() {
    let acme = brand("acme");
    let mut means = Vec::new();
    for (component, request) in complaint_everywhere() {
        let processed = first_message(&plugin(component), &acme, &request).await;
        assert!(
            processed.dropped_suggestions.is_empty(),
            "{component}: {:?}",
            processed.dropped_suggestions
        );
        assert!(
            !processed.suggestions.is_empty(),
            "{component}: no suggestions"
        );
        let scores: Vec<f32> = processed
            .suggestions
            .iter()
            .map(|s| s.review.voice_score)
            .collect();
        for reviewed in &processed.suggestions {
            let hard = hard_violations(&acme, component, 10_000, &reviewed.suggestion.text);
            assert!(
                hard.is_empty(),
                "{component}: {hard:?} in {:?}",
                reviewed.suggestion.text
            );
        }
        let mean = scores.iter().sum::<f32>() / scores.len() as f32;
        println!("{component}: voice scores {scores:?}, mean {mean:.3}");
        means.push(mean);
    }
    let spread = means.iter().cloned().fold(f32::MIN, f32::max)
        - means.iter().cloned().fold(f32::MAX, f32::min);
    println!("voice score spread across channels: {spread:.3}");
    assert!(spread <= 0.1, "scores differ by {spread}: {means:?}");
}

#[tokio::test]
async fn contrasting_brands_answer_the_same_message_differently() {
    let (_, slack) = complaint_everywhere().remove(1);
    let chat = plugin("chat");
    let acme = first_message(&chat, &brand("acme"), &slack).await;
    let bank = first_message(&chat, &brand("ledgerbank"), &slack).await;
    let texts = |p: &ProcessedMessage| -> Vec<String> {
        p.suggestions
            .iter()
            .map(|s| s.suggestion.text.clone())
            .collect()
    };
    let (acme_texts, bank_texts) = (texts(&acme), texts(&bank));
    println!("acme: {acme_texts:#?}\nledgerbank: {bank_texts:#?}");
    assert!(!acme_texts.is_empty() && !bank_texts.is_empty());
    for text in &acme_texts {
        assert!(!bank_texts.contains(text), "both brands wrote {text:?}");
    }
    for text in &bank_texts {
        for contraction in ["'re ", "'ll ", "n't ", "'m ", "'ve "] {
            assert!(
                !text.contains(contraction),
                "the bank does not contract: {text:?}"
            );
        }
        assert!(!text.contains('!'), "the bank does not exclaim: {text:?}");
    }
}

#[tokio::test]
async fn hostile_suggestions_are_fixed_or_dropped_never_passed_on() {
    let acme = brand("acme");
    let processed = first_message(
        &test_guest("hostile"),
        &acme,
        &request("text/plain", b"voice".to_vec()),
    )
    .await;
    let limit = ChannelLimits::default().max_reply_length as usize;
    for kept in &processed.suggestions {
        let text = &kept.suggestion.text;
        assert!(
            text.chars().count() <= limit,
            "{} characters",
            text.chars().count()
        );
        assert!(!text.contains('🔥'), "disallowed emoji kept: {text}");
        for phrase in &acme.voice.banned_phrases {
            assert!(
                !text.to_lowercase().contains(phrase),
                "banned phrase kept: {text}"
            );
        }
        assert!(
            kept.review.original_text.is_some(),
            "the host changed it: {text}"
        );
    }
    let strategies: Vec<&str> = processed
        .suggestions
        .iter()
        .map(|s| s.suggestion.strategy.as_str())
        .collect();
    assert!(
        strategies.contains(&"answer") && strategies.contains(&"ask-detail"),
        "{strategies:?}"
    );
    let dropped = &processed.dropped_suggestions;
    assert_eq!(dropped.len(), 1, "{dropped:?}");
    assert_eq!(dropped[0].suggestion.strategy, "acknowledge");
    assert!(
        dropped[0].rules.contains(&"banned-phrase".to_owned()),
        "{dropped:?}"
    );
}

#[test]
fn the_server_stores_hostile_suggestions_fixed_or_records_them_dropped() {
    use chorus_e2e::{LAB_KEY, bearer, http, start_hostile_server};
    let (_dir, server) = start_hostile_server();
    let reply = http(
        "POST",
        &server.url("/v1/brands/lab/channels/hostile/events"),
        &[("content-type".into(), "text/plain".into())],
        Some(b"voice"),
    );
    assert_eq!(reply.status, 200, "{}", reply.body);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    let message = loop {
        let detail = http(
            "GET",
            &server.url("/v1/brands/lab/conversations/1"),
            &bearer(LAB_KEY),
            None,
        );
        if detail.json["messages"][0]["status"] == "done" {
            break detail.json["messages"][0].clone();
        }
        assert!(std::time::Instant::now() < deadline, "{}", detail.body);
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    let limit = ChannelLimits::default().max_reply_length as usize;
    for stored in message["suggestions"].as_array().expect("suggestions") {
        let text = stored["text"].as_str().unwrap_or_default();
        assert!(
            text.chars().count() <= limit && !text.contains('🔥'),
            "{text}"
        );
        assert!(stored["review"]["original_text"].is_string(), "{stored}");
    }
    let dropped = message["dropped_suggestions"].as_array().expect("dropped");
    assert_eq!(dropped.len(), 1, "{message}");
    assert_eq!(dropped[0]["rules"][0], "banned-phrase", "{message}");
    let metrics = http("GET", &server.url("/metrics"), &[], None).body;
    assert!(
        metrics
            .lines()
            .any(|l| l.starts_with("chorus_suggestions_total")
                && l.contains("verdict=\"dropped\"")
                && l.contains("rule=\"banned-phrase\"")),
        "{metrics}"
    );
}

#[tokio::test]
async fn answers_come_from_the_knowledge_the_host_ranks_and_only_with_the_capability() {
    let acme = brand("acme");
    let question = "how many days do I have to return a jacket?";
    let request = request(
        "application/json",
        replace_in_fixture(
            "slack/message-im.json",
            "Hello hello can you hear me?",
            question,
        ),
    );
    let answered = first_message(&plugin("chat"), &acme, &request).await;
    let top = &answered.suggestions[0].suggestion;
    assert_eq!(top.strategy, "answer", "{:?}", answered.suggestions);
    assert!(
        top.rationale.contains("`returns-window`"),
        "{}",
        top.rationale
    );
    assert!(
        top.text.contains("Returns are free within 60 days."),
        "{}",
        top.text
    );

    // An operator who denies the capability gets replies without the
    // brand's texts, not a failed event.
    let denied = services_of(&acme).with_denied(Grants::default().with(Capability::Knowledge));
    let unanswered = first_message_with(&plugin("chat"), &acme, &request, denied).await;
    assert!(unanswered.error.is_none(), "{:?}", unanswered.error);
    assert!(!unanswered.suggestions.is_empty());
    assert!(
        unanswered
            .suggestions
            .iter()
            .all(|s| !s.suggestion.text.contains("60 days")
                && !s.suggestion.rationale.contains("knowledge `")),
        "{:?}",
        unanswered.suggestions
    );
}
