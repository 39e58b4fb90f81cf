//! Shared triage: sentiment, intent, urgency, PII and route, with reasons a
//! human understands.
//!
//! Every table here is a compile-time constant, so a fresh sandbox instance
//! pays nothing to set it up. Channel plugins add their own [`Signal`]s
//! (reach, bots, auto-replies) and call [`assess`].

mod features;
mod intent;
mod language;
mod pii;
mod sentiment;

use crate::{Context, Message, Priority, Route, Triage, Visibility};

pub use intent::{MIN_CONFIDENCE, MIN_COVERAGE, Prediction, intent, predict as predict_intent};
pub use language::{Language, detect as detect_language};
pub use pii::{PiiKind, find_pii};
pub use sentiment::sentiment;

/// A channel-specific fact that bears on triage, added by a plugin.
#[derive(Debug, Clone, PartialEq)]
pub struct Signal {
    /// Label added to the triage, e.g. `bot`, `auto-reply`, `high-reach`.
    pub label: String,
    /// Human-readable reason, e.g. "author has 120k followers".
    pub reason: String,
    /// Raise the priority to at least this.
    pub min_priority: Option<Priority>,
    /// Force this route (the strongest forced route wins: no-reply, escalate, take-private).
    pub route: Option<Route>,
}

impl Signal {
    /// A signal that only labels and explains.
    pub fn note(label: &str, reason: impl Into<String>) -> Self {
        Self {
            label: label.to_owned(),
            reason: reason.into(),
            min_priority: None,
            route: None,
        }
    }

    /// Also raises the priority to at least `priority`.
    pub fn with_priority(mut self, priority: Priority) -> Self {
        self.min_priority = Some(priority);
        self
    }

    /// Also forces `route`.
    pub fn with_route(mut self, route: Route) -> Self {
        self.route = Some(route);
        self
    }
}

/// Intents whose details (orders, accounts, payments) belong in private.
const PRIVATE_INTENTS: &[&str] = &["billing", "refund", "delivery", "account", "cancellation"];

/// Assesses one message with the shared signals plus the plugin's own.
pub fn assess(message: &Message, context: &Context, channel_signals: &[Signal]) -> Triage {
    let mut signals: Vec<Signal> = Vec::new();
    let text = &message.text;
    let language = language::detect(text, message.language.as_deref());
    let score = sentiment(text, language.as_ref().map(|l| l.tag.as_str()));
    let (intent, intent_reason) = intent(text);
    let mut reasons = Vec::new();
    if let Some(reason) = intent_reason {
        reasons.push(format!("intent {intent}: {reason}"));
    }

    if score <= -0.5 {
        signals.push(
            Signal::note("negative", format!("negative sentiment {score:.2}"))
                .with_priority(Priority::High),
        );
    } else if score <= -0.05 {
        signals.push(Signal::note(
            "negative",
            format!("negative sentiment {score:.2}"),
        ));
    } else if score >= 0.5 {
        signals.push(Signal::note(
            "positive",
            format!("positive sentiment {score:.2}"),
        ));
    }

    match intent {
        "spam" => signals.push(Signal::note("spam", "looks like spam").with_route(Route::NoReply)),
        "legal" | "safety" => signals.push(
            Signal::note(intent, format!("{intent} issue"))
                .with_priority(Priority::Urgent)
                .with_route(Route::Escalate),
        ),
        "outage" => signals
            .push(Signal::note("outage", "reports an outage").with_priority(Priority::Urgent)),
        "cancellation" => signals
            .push(Signal::note("churn-risk", "wants to cancel").with_priority(Priority::High)),
        "complaint" => signals.push(
            Signal::note("complaint", "complains about the service").with_priority(Priority::High),
        ),
        _ => {}
    }

    let public = message.visibility == Visibility::Public;
    if public {
        for found in find_pii(text) {
            signals.push(
                Signal::note("pii", format!("{} in a public post", found.kind.describe()))
                    .with_route(Route::TakePrivate),
            );
        }
        if PRIVATE_INTENTS.contains(&intent) {
            signals.push(
                Signal::note(
                    "private-details",
                    format!("{intent} details belong in private"),
                )
                .with_route(Route::TakePrivate),
            );
        }
    }

    if let Some(customer) = &context.customer {
        if customer.vip {
            let vip = Signal::note("vip", "VIP customer").with_priority(Priority::High);
            signals.push(if score <= -0.05 {
                vip.with_route(Route::Escalate)
            } else {
                vip
            });
        }
        if customer.open_conversations > 0 {
            signals.push(
                Signal::note(
                    "repeat-contact",
                    format!("{} conversation(s) still open", customer.open_conversations),
                )
                .with_priority(Priority::High),
            );
        }
    }
    let own = context
        .brand
        .own_accounts
        .iter()
        .any(|a| a == &message.author.id || message.author.handle.as_deref() == Some(a));
    if own {
        signals.push(
            Signal::note("own-message", "written by the brand itself").with_route(Route::NoReply),
        );
    }
    signals.extend_from_slice(channel_signals);
    let mut triage = decide(
        intent,
        score,
        language.as_ref().map(|l| l.tag.clone()),
        reasons,
        &signals,
    );
    if let Some(language) = language {
        triage.reasons.push(language.reason);
    }
    triage
}

fn decide(
    intent: &str,
    sentiment: f32,
    language: Option<String>,
    mut reasons: Vec<String>,
    signals: &[Signal],
) -> Triage {
    let mut priority = if intent == "praise" {
        Priority::Low
    } else {
        Priority::Normal
    };
    let mut route = Route::ReplyPublic;
    let mut labels = Vec::new();
    for signal in signals {
        if let Some(min) = signal.min_priority {
            priority = priority.max(min);
        }
        if let Some(forced) = signal.route {
            route = strongest(route, forced);
        }
        if !labels.contains(&signal.label) {
            labels.push(signal.label.clone());
        }
        reasons.push(signal.reason.clone());
    }
    if route == Route::NoReply {
        priority = Priority::Low;
    } else {
        labels.push("needs-reply".to_owned());
        if reasons.is_empty() {
            reasons.push("no urgency signals: baseline reply within the normal SLA".to_owned());
        }
    }
    let confidence = (0.5 + 0.1 * signals.len() as f32 + sentiment.abs() * 0.2).min(0.95);
    Triage {
        priority,
        route,
        intent: intent.to_owned(),
        sentiment,
        language,
        labels,
        reasons,
        confidence,
    }
}

/// The more protective of two routes: no-reply > escalate > take-private > reply-public.
fn strongest(a: Route, b: Route) -> Route {
    let rank = |r: Route| match r {
        Route::ReplyPublic => 0,
        Route::TakePrivate => 1,
        Route::Escalate => 2,
        Route::NoReply => 3,
    };
    if rank(b) > rank(a) { b } else { a }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing;

    fn message(text: &str, visibility: Visibility) -> Message {
        Message {
            visibility,
            ..testing::message(text)
        }
    }

    #[test]
    fn outage_is_urgent_with_a_reason() {
        let t = assess(
            &message(
                "Your app is down again, not working at all!!",
                Visibility::Public,
            ),
            &testing::context(280),
            &[],
        );
        assert_eq!(t.priority, Priority::Urgent);
        assert_eq!(t.intent, "outage");
        assert!(
            t.reasons.iter().any(|r| r.contains("outage")),
            "{:?}",
            t.reasons
        );
        assert!(t.labels.contains(&"needs-reply".to_owned()));
    }

    #[test]
    fn card_number_in_public_goes_private() {
        let t = assess(
            &message("why was 4111 1111 1111 1111 declined?", Visibility::Public),
            &testing::context(280),
            &[],
        );
        assert_eq!(t.route, Route::TakePrivate);
        assert!(
            t.reasons.iter().any(|r| r.contains("card number")),
            "{:?}",
            t.reasons
        );
    }

    #[test]
    fn vip_and_negative_escalates() {
        let mut ctx = testing::context(280);
        ctx.customer = Some(crate::CustomerSummary {
            id: "c1".into(),
            name: None,
            vip: true,
            past_conversations: 3,
            open_conversations: 0,
            last_contact_at: None,
        });
        let t = assess(
            &message("This is really disappointing.", Visibility::Private),
            &ctx,
            &[],
        );
        assert_eq!(t.route, Route::Escalate);
        assert!(t.priority >= Priority::High);
    }

    #[test]
    fn own_messages_and_spam_get_no_reply() {
        let mut ctx = testing::context(280);
        ctx.brand.own_accounts = vec!["U1".into()];
        let t = assess(&message("hello", Visibility::Public), &ctx, &[]);
        assert_eq!(t.route, Route::NoReply);
        assert!(!t.labels.contains(&"needs-reply".to_owned()));
        let t = assess(
            &message("Crypto giveaway! click here to claim", Visibility::Public),
            &testing::context(280),
            &[],
        );
        assert_eq!(t.route, Route::NoReply);
    }

    #[test]
    fn complaints_are_classified() {
        let t = assess(
            &message(
                "I want to make a complaint about the service",
                Visibility::Public,
            ),
            &testing::context(280),
            &[],
        );
        assert_eq!(t.intent, "complaint");
        assert_eq!(t.priority, Priority::High);
    }
}
