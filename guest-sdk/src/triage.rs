//! Shared triage: sentiment, intent, urgency, PII and route, with reasons a
//! human understands.
//!
//! Every table here is a compile-time constant, so a fresh sandbox instance
//! pays nothing to set it up. Channel plugins add their own [`Signal`]s
//! (reach, bots, auto-replies) and call [`assess`].

mod classifier;
mod cues;
mod fault;
mod features;
mod feeling;
mod fold;
mod intent;
mod language;
mod pii;
mod rules;
mod sarcasm;
mod sentiment;
mod sign_off;

use crate::{Context, Message, Priority, Route, Triage, Visibility};

use classifier::Features;
pub use fault::tells_a_fault;
pub use intent::{
    Intent, MIN_CONFIDENCE, Prediction, TEMPERATURE, intent, predict as predict_intent,
};
pub use language::{Language, detect as detect_language};
pub use pii::{PiiKind, find_pii};
use rules::Folded;
pub use rules::asks;

/// Whether `text` says the customer has asked before ("4th time I've
/// messaged", "I already emailed"), whatever their mood: the words of the
/// `repeat-contact` signal that are not a wait.
pub fn says_asked_before(text: &str) -> bool {
    cues::asked_before(&rules::Folded::new(text), false).is_some()
}
pub use sentiment::sentiment;

/// Words of [`rules::PRAISING`] that any thanks or close has ("thanks",
/// "merci", "perfect, that worked", "great"): they praise nothing in
/// particular.
const THANKING: &[&str] = &[
    "thank*", "cheers", "merci", "gracias", "danke", "glad", "good", "better", "happy", "perfect*",
    "parfait*", "perfecto", "perfekt", "great", "super", "top", "nickel", "prima", "nice", "👍",
];

/// Whether `text` says what it asks comes without cancelling ("can I put
/// it on hold without cancelling the whole thing?"): it is told how to do
/// that, not how to cancel.
pub fn cancels_nothing(text: &str) -> bool {
    cues::cancels_nothing(&rules::Folded::new(text))
}

/// Whether `text` praises in words beyond those of any thanks
/// ("brilliant", "so kind", "game changer"), in any of the four languages.
pub fn praises(text: &str) -> bool {
    let folded = rules::Folded::new(text);
    rules::PRAISING
        .iter()
        .chain(rules::PRAISE_BY_DENIAL)
        .filter(|word| !THANKING.contains(word))
        .any(|word| rules::has_word(&folded, std::slice::from_ref(word)))
}

/// Builds the tables triage builds lazily (the language detector) now: see
/// [`crate::init`].
pub(crate) fn prepare() {
    language::prepare();
    sign_off::prepare();
}

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
const PRIVATE_INTENTS: &[&str] = &[
    "billing",
    "refund",
    "delivery",
    "account",
    "cancellation",
    "damaged",
    "warranty",
];

/// Intents that need no answer.
const NO_REPLY_INTENTS: &[&str] = &["spam", "auto-reply"];

/// Intents that go to a specialist at once.
const ESCALATE_INTENTS: &[&str] = &["legal", "safety"];

/// Intents that are urgent whoever writes them.
const URGENT_INTENTS: &[&str] = &["legal", "safety", "outage"];

/// Intents that can wait: nothing is at stake for the customer.
const LOW_INTENTS: &[&str] = &["praise", "thanks", "general"];

/// A spam verdict from the intent model at this probability counts as two
/// promotion cues (below it, one); spam needs three (see [`cues::spam`]).
const STRONG_SPAM: f32 = 0.6;

/// At this probability the model's spam verdict is enough on its own (on
/// `dev`, no customer's message reached even 0.3).
const SURE_SPAM: f32 = 0.9;

/// Intents that a failure reported for many people turns into `outage`.
const WIDESPREAD_INTENTS: &[&str] = &[
    "technical",
    "complaint",
    "account",
    "general",
    "question",
    "billing",
    "delivery",
];

/// Confidence of an outage read from a failure for many (its precision on `dev`).
const WIDESPREAD_CONFIDENCE: f32 = 0.8;

/// Content words a text needs for the model's spam verdict to count more
/// than one point.
const SPAM_EVIDENCE: usize = 5;

/// Confidence of a spam verdict (its precision on `dev`).
const SPAM_CONFIDENCE: f32 = 0.95;

/// Assesses one message with the shared signals plus the plugin's own.
///
/// The priority rules, in order (docs/EVAL.md lists them too):
/// 1. a message routed to no reply (spam, auto-replies, the brand's own) is `low`;
/// 2. legal threats, safety and outage reports, and fraud, are `urgent`;
/// 3. a double charge, a repeat contact, strong anger, churn risk, a VIP
///    customer and a customer with another conversation open are `high`;
/// 4. praise, thanks and off-topic chat are `low` unless the customer is unhappy;
/// 5. everything else is `normal`.
///
/// Every rule that fires adds a label and a reason.
pub fn assess(message: &Message, context: &Context, channel_signals: &[Signal]) -> Triage {
    // Intent, sentiment and cues read the message without its closing
    // ("Thanks,\nOmar"); language and personal data read all of it.
    let text = sign_off::without_sign_off(&message.text);
    let folded = Folded::new(text);
    let language = language::detect(&message.text, message.language.as_deref());
    let score = sentiment(text, language.as_ref().map(|l| l.tag.as_str()));
    let features = Features::of(text);
    // Sarcasm turns warm words round ("thanks for the 'help'"): they are
    // negative, and praise or thanks read into them is no such thing.
    let sarcastic = sarcasm::sarcasm(text, &folded);
    let negative = score <= intent::NEGATIVE_WORDS || sarcastic.is_some();
    let mut intent = intent::intent_of(&features, &folded, negative);
    // A message to the brand, not a post a listening search found.
    let addressed = message.visibility == Visibility::Private
        || channel_signals.iter().any(|s| s.label == "mention");
    // Praise or thanks is about the brand whoever reads it; chit-chat is
    // a complaint only when told to the brand (a sarcastic post found by a
    // hashtag search is about something else).
    if let Some(marker) = &sarcastic
        && (["praise", "thanks"].contains(&intent.name) || addressed && intent.name == "general")
    {
        intent = Intent {
            name: "complaint",
            confidence: intent::UNSURE_CONFIDENCE,
            reason: format!("sarcasm ({marker}), was {}", intent.reason),
            risk: intent.risk,
        };
    }
    let mut signals: Vec<Signal> = Vec::new();
    // The model is sure of little on a few words ("very long link"): its
    // verdict counts one point there, whatever its probability.
    let model_spam = match (intent.name, intent.confidence) {
        ("spam", _) if features.content_words() < SPAM_EVIDENCE => 1,
        ("spam", p) if p >= SURE_SPAM => 3,
        ("spam", p) if p >= STRONG_SPAM => 2,
        ("spam", _) => 1,
        _ => 0,
    };
    let sender = cues::sender(&message.author, &context.brand);
    if let Some(cues) = cues::spam(text, &folded, model_spam, sender.as_ref()) {
        intent = Intent {
            name: "spam",
            confidence: intent.confidence.max(SPAM_CONFIDENCE),
            reason: format!("promotion: {}", cues.join(", ")),
            risk: intent.risk,
        };
    } else if intent.name == "spam" {
        // A customer the model took for a spammer ("Can I have an
        // overdraft of £500? How do I apply?") still asks the brand
        // something; a post found by a search that asks is no question to us.
        let (name, asking) = if addressed && rules::asks(text) {
            ("question", ", and it asks us something")
        } else {
            ("general", "")
        };
        intent = Intent {
            name,
            confidence: intent::UNSURE_CONFIDENCE,
            reason: format!(
                "{}; too few promotion cues to call it spam{asking}",
                intent.reason
            ),
            risk: intent.risk,
        };
    }
    // Unsure, but told to the brand in clearly negative words of complaint
    // or mistreatment, asking nothing ("the checkout lad sighed at my mum
    // for counting out coins. Disgraceful."): dissatisfaction with the
    // brand is a complaint, not chit-chat to answer last.
    if addressed
        && intent.name == "general"
        && intent.confidence <= intent::UNSURE_CONFIDENCE
        && negative
        && !text.contains(['?', '¿'])
        && (rules::has_word(&folded, rules::COMPLAINING)
            || rules::has_word(&folded, rules::MISTREATED))
    {
        intent = Intent {
            name: "complaint",
            confidence: intent::UNSURE_CONFIDENCE,
            reason: format!("unhappy with us, was {}", intent.reason),
            risk: intent.risk,
        };
    }
    if WIDESPREAD_INTENTS.contains(&intent.name)
        && let Some((who, what)) = cues::widespread(&folded)
    {
        intent = Intent {
            name: "outage",
            confidence: intent.confidence.max(WIDESPREAD_CONFIDENCE),
            reason: format!(
                "a failure for many (\"{who}\" … \"{what}\"), was {}",
                intent.reason
            ),
            risk: None,
        };
    }
    let name = intent.name;
    let mut reasons = vec![format!("intent {name}: {}", intent.reason)];
    intent_signals(name, &mut signals);
    // A message read as praise or thanks (in words that praise, none
    // negative) hides no danger, whatever the model makes of "that jacket
    // is fire 🔥".
    let warm = matches!(name, "praise" | "thanks");
    if let Some((class, mass)) = intent.risk
        && !NO_REPLY_INTENTS.contains(&name)
        && !warm
    {
        signals.push(
            Signal::note(
                &format!("possible-{class}"),
                format!("possibly {class}: the model gives the urgent intents {mass:.2}"),
            )
            .with_priority(Priority::High),
        );
    }
    let blended = feeling::blend(&features, score);
    if let Some(marker) = sarcastic {
        signals.push(Signal::note("sarcasm", format!("sarcasm: {marker}")));
    }
    if !NO_REPLY_INTENTS.contains(&name) {
        cue_signals(
            text,
            &folded,
            name,
            (score, score.min(blended.0)),
            message.visibility == Visibility::Public,
            &mut signals,
        );
    }
    let (score, why) = feeling::in_context(text, &folded, score, blended, name, &signals);
    if let Some(why) = why {
        reasons.push(why);
    }
    sentiment_signals(score, &mut signals);
    if message.visibility == Visibility::Public {
        private_signals(&message.text, name, &mut signals);
    }
    customer_signals(message, context, score, &mut signals);
    signals.extend_from_slice(channel_signals);
    if let Some(language) = &language {
        reasons.push(language.reason.clone());
    }
    decide(
        &intent,
        score,
        language.map(|l| l.tag),
        &mut reasons,
        &signals,
    )
}

fn sentiment_signals(score: f32, signals: &mut Vec<Signal>) {
    if score <= -0.05 {
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
}

fn intent_signals(name: &'static str, signals: &mut Vec<Signal>) {
    if NO_REPLY_INTENTS.contains(&name) {
        signals.push(
            Signal::note(name, format!("{name}: needs no answer")).with_route(Route::NoReply),
        );
    } else if ESCALATE_INTENTS.contains(&name) {
        signals.push(
            Signal::note(name, format!("{name} issue: a specialist answers"))
                .with_priority(Priority::Urgent)
                .with_route(Route::Escalate),
        );
    } else if URGENT_INTENTS.contains(&name) {
        signals
            .push(Signal::note(name, format!("reports an {name}")).with_priority(Priority::Urgent));
    }
}

/// Repeat contact, double charge, fraud, a death in the family, a customer
/// who cannot pay, churn and anger. `scores` are the words' sentiment and the lower of it and
/// the learnt model's blend: anger is read on the latter, so capitals that
/// make the lexicon read "NOT OK" as pleased do not hide it. `public`: the
/// message is a public post.
fn cue_signals(
    text: &str,
    folded: &Folded,
    name: &str,
    (score, felt): (f32, f32),
    public: bool,
    signals: &mut Vec<Signal>,
) {
    // Thanks and praise close a matter: "thanks for chasing it" is no repeat
    // contact, and "the duplicate charge was reversed, thanks" no longer a
    // double charge or a fraud to chase.
    let closing = LOW_INTENTS.contains(&name) && name != "general";
    // A question about the terms of leaving counts the contract's span,
    // not a wait, and its "again" is no chase ("I don't want to be tied in
    // for 24 months again").
    let terms = cues::asks_the_terms(folded);
    if !closing {
        if let Some(words) = cues::asked_before(folded, score <= -0.05 && !terms) {
            signals.push(
                Signal::note(
                    "repeat-contact",
                    format!("says they asked before (\"{words}\")"),
                )
                .with_priority(Priority::High),
            );
        } else if let Some(wait) = cues::waited(folded).filter(|_| !terms) {
            // A counted wait is a repeat contact for the care team; the
            // `long-wait` label tells the reply to name the wait, not a
            // chase the customer never mentioned.
            signals.push(
                Signal::note("repeat-contact", format!("has waited {wait}"))
                    .with_priority(Priority::High),
            );
            signals.push(Signal::note(
                "long-wait",
                format!("counts the wait (\"{wait}\")"),
            ));
        }
    }
    if let Some((twice, taken)) = cues::double_charge(folded).filter(|_| !closing) {
        signals.push(
            Signal::note(
                "double-charge",
                format!("money taken twice (\"{taken}\" … \"{twice}\")"),
            )
            .with_priority(Priority::High),
        );
    }
    if let Some(words) = cues::fraud(folded).filter(|_| !closing) {
        signals.push(
            Signal::note(
                "fraud",
                format!("money or access taken by someone else (\"{words}\")"),
            )
            .with_priority(Priority::Urgent),
        );
    }
    // Despair or self-harm: the reply speaks to the person.
    if let Some((_, words)) = rules::first_match(&[rules::DISTRESS], folded) {
        signals.push(Signal::note(
            "distress",
            format!("writes of despair or self-harm (\"{words}\")"),
        ));
    }
    // A death in the family: condolences first, and what follows (an
    // account to close, a delivery to cancel) in private, soon.
    if let Some(words) = cues::bereavement(folded).filter(|_| !closing) {
        let signal = Signal::note("bereavement", format!("writes of a death (\"{words}\")"));
        signals.push(if public {
            signal.with_route(Route::TakePrivate)
        } else {
            signal
        });
    }
    if let Some(words) = cues::cannot_pay(folded).filter(|_| !closing) {
        signals.push(
            Signal::note("cannot-pay", format!("cannot pay right now (\"{words}\")"))
                .with_priority(Priority::High),
        );
    }
    // Checked in private when asked in public: an answer about an account
    // is no public post. Asked in private, it is answered where it came.
    if let Some(what) = cues::checks_a_suspect_message(folded) {
        let signal = Signal::note(
            "suspect-message",
            format!("asks whether a {what} in our name is genuine"),
        )
        .with_priority(Priority::High);
        signals.push(if public {
            signal.with_route(Route::TakePrivate)
        } else {
            signal
        });
    }
    // Cancelling anything is time-critical (LABELLING.md): a plan before
    // it renews, an order before it ships. Cancelling a lost card or one
    // payment is neither leaving nor a race.
    let churn = cues::churn(folded);
    let cancels =
        name == "cancellation" && !cues::cancels_a_card(folded) && !cues::cancels_a_payment(folded);
    if churn.is_some() || cancels {
        let why = match churn {
            Some(w) => format!("wants to leave (\"{w}\")"),
            None if cues::cancels_an_order(folded) => {
                "wants to cancel an order before it ships".to_owned()
            }
            None => "wants to cancel".to_owned(),
        };
        signals.push(Signal::note("churn-risk", why).with_priority(Priority::High));
    }
    let labelled = |label: &str| signals.iter().any(|s| s.label == label);
    let reading = if labelled("fraud") {
        cues::Reading::Alarmed
    } else if labelled("suspect-message") {
        cues::Reading::Worried
    } else {
        cues::Reading::Plain
    };
    let anger = cues::anger(text, folded, felt, reading);
    if let Some(why) = anger {
        signals.push(
            Signal::note("angry", format!("strong anger: {why}")).with_priority(Priority::High),
        );
    }
}

/// Personal data and private matters in a public post.
fn private_signals(text: &str, name: &str, signals: &mut Vec<Signal>) {
    for found in find_pii(text) {
        signals.push(
            Signal::note("pii", format!("{} in a public post", found.kind.describe()))
                .with_route(Route::TakePrivate),
        );
    }
    if PRIVATE_INTENTS.contains(&name) {
        signals.push(
            Signal::note(
                "private-details",
                format!("{name} details belong in private"),
            )
            .with_route(Route::TakePrivate),
        );
    }
}

/// VIPs, customers with another conversation open, the brand's own messages.
fn customer_signals(message: &Message, context: &Context, score: f32, signals: &mut Vec<Signal>) {
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
}

fn decide(
    intent: &Intent,
    sentiment: f32,
    language: Option<String>,
    reasons: &mut Vec<String>,
    signals: &[Signal],
) -> Triage {
    let mut priority = if LOW_INTENTS.contains(&intent.name) && sentiment > -0.05 {
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
        if priority == Priority::Normal && signals.iter().all(|s| s.min_priority.is_none()) {
            reasons.push("no urgency signals: baseline reply within the normal SLA".to_owned());
        }
    }
    Triage {
        priority,
        route,
        intent: intent.name.to_owned(),
        sentiment,
        language,
        labels,
        reasons: std::mem::take(reasons),
        confidence: intent.confidence,
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

    /// The triage of `text` sent privately, with no channel signals.
    fn private(text: &str) -> Triage {
        assess(
            &message(text, Visibility::Private),
            &testing::context(280),
            &[],
        )
    }

    #[test]
    fn sarcastic_thanks_is_a_negative_complaint() {
        for text in [
            "Thanks for the 'help'. Told to call a number that's closed on Sundays. Brilliant.",
            "@SkyLarkAir great, another delay on SK412 to Dublin, love that for me",
            "Flug gestrichen, Ersatzflug erst übermorgen. Danke für nix 🙄",
        ] {
            let t = private(text);
            assert_eq!(t.intent, "complaint", "{text:?}: {:?}", t.reasons);
            assert!(t.sentiment < 0.0, "{text:?}: {}", t.sentiment);
            assert_ne!(t.priority, Priority::Low, "{text:?}");
        }
        let meant = private("thanks for the help yesterday, all sorted now!");
        assert_eq!(meant.intent, "thanks");
        assert!(meant.sentiment > 0.0);
    }

    #[test]
    fn unhappy_words_are_a_complaint_only_when_told_to_us() {
        let text = "The checkout lad just rolled his eyes and sighed at my mum for counting out \
                    coins. She's 84. Disgraceful.";
        let told = private(text);
        assert_eq!(told.intent, "complaint", "{:?}", told.reasons);
        // The same words in a post a listening search found, not to us.
        let found = assess(
            &message(text, Visibility::Public),
            &testing::context(280),
            &[],
        );
        assert_eq!(found.intent, "general", "{:?}", found.reasons);
    }

    #[test]
    fn harm_and_regulators_in_plain_words_are_urgent() {
        for (text, intent) in [
            (
                "the box says amlodipine 10mg but she's always been on 5mg. she took one this \
                 morning and now she's dizzy and really pale. what should I do??",
                "safety",
            ),
            (
                "gestern ist unser Regal umgekippt, unsere Tochter hat eine Platzwunde an der \
                 Stirn und musste genäht werden.",
                "safety",
            ),
            (
                "two photos had been sent to an unknown number on WhatsApp while it was with \
                 your technician. I am submitting a complaint to the ICO.",
                "legal",
            ),
        ] {
            let t = private(text);
            assert_eq!(t.intent, intent, "{text:?}: {:?}", t.reasons);
            assert_eq!(t.priority, Priority::Urgent, "{text:?}");
        }
    }

    #[test]
    fn bounces_ombudsmen_and_quoted_promotions_read_as_they_are() {
        for (text, intent) in [
            (
                "** Address not found **\n\nYour message wasn't delivered to k.hughes@oldmail.example.net \
                 because the address couldn't be found.",
                "auto-reply",
            ),
            (
                "Ihre Nachricht hat einige oder alle Empfänger nicht erreicht.\n\nFolgende Empfänger \
                 konnten nicht erreicht werden: buchhaltung@example.com",
                "auto-reply",
            ),
            (
                "Sans réponse satisfaisante de votre part sous quinze jours, je saisirai la Médiation \
                 de l'eau.",
                "legal",
            ),
        ] {
            let t = private(text);
            assert_eq!(t.intent, intent, "{text:?}: {:?}", t.reasons);
        }
        for text in [
            "@GreenBasket_ES es verdad lo del sorteo de 1 año de compra gratis que va por whatsapp? \
             me lo han pasado varias amigas y me da mala espina",
            "@GreenBasketUK is this real? someone's posting 'GreenBasket 50th anniversary £500 \
             voucher, claim at bit.ly/gb-50th-claim' all over facebook. looks dodgy to me",
        ] {
            let t = assess(
                &message(text, Visibility::Public),
                &testing::context(280),
                &[],
            );
            assert_ne!(t.intent, "spam", "{text:?}: {:?}", t.reasons);
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
    fn thanks_alone_praise_nothing() {
        assert!(!praises(
            "Thank you, that answers my question. Kind regards, Patrick"
        ));
        assert!(!praises("perfect, that worked. cheers!"));
        assert!(praises(
            "Thanks so much. Your colleague Mia was brilliant on the phone."
        ));
    }

    #[test]
    fn praise_in_slang_is_not_possibly_urgent() {
        let t = private(
            "that new down jacket is fire 🔥 wore it up Snowdon yesterday, toasty the whole way",
        );
        assert_eq!(t.intent, "praise", "{:?}", t.reasons);
        assert_eq!(t.priority, Priority::Low, "{:?}", t.reasons);
    }

    #[test]
    fn blame_for_a_mistake_is_no_outage() {
        let t = private(
            "Dear LedgerBank,\n\nI have written to you three times about the £25 late fee, which was your error. I am now very unhappy and considering moving my accounts elsewhere.\n\nJames Okoro",
        );
        assert_ne!(t.intent, "outage", "{:?}", t.reasons);
        assert_eq!(t.priority, Priority::High, "{:?}", t.reasons);
    }

    #[test]
    fn money_moved_by_someone_else_is_fraud() {
        let t = private("someone moved £800 out of my savings last night. I did not do this");
        assert_eq!(t.priority, Priority::Urgent, "{:?}", t.reasons);
        assert!(t.labels.contains(&"fraud".to_owned()), "{:?}", t.labels);
    }

    #[test]
    fn a_question_is_neither_a_complaint_nor_spam_for_its_words() {
        for text in [
            "what time does your phone line close today?",
            "Can I have an arranged overdraft of £500? How do I apply?",
        ] {
            let t = private(text);
            assert_eq!(t.intent, "question", "{text}: {:?}", t.reasons);
            assert_ne!(t.priority, Priority::Low, "{text}");
        }
        let t = private("why is your customer service so slow? waited 40 mins on hold");
        assert_eq!(t.intent, "complaint", "{:?}", t.reasons);
    }

    #[test]
    fn unsubscribing_from_marketing_is_not_leaving() {
        let t = private("pls unsubscribe me from your marketing emails");
        assert!(
            !t.labels.contains(&"churn-risk".to_owned()),
            "{:?}",
            t.reasons
        );
        assert_ne!(t.priority, Priority::High);
    }

    #[test]
    fn asking_the_terms_of_leaving_is_neither_leaving_nor_a_chase() {
        let t = private(
            "Hello,\n\nIs there a minimum contract? I don't want to be tied in for 24 months again.\n\nRegards,\nTom",
        );
        assert_eq!(t.intent, "question", "{:?}", t.reasons);
        for label in ["churn-risk", "repeat-contact", "long-wait"] {
            assert!(
                !t.labels.contains(&label.to_owned()),
                "{label}: {:?}",
                t.reasons
            );
        }
        assert_eq!(t.priority, Priority::Normal, "{:?}", t.reasons);
        // Deciding to leave still is.
        let t = private("I want to cancel, is there a notice period?");
        assert!(
            t.labels.contains(&"churn-risk".to_owned()),
            "{:?}",
            t.reasons
        );
    }

    #[test]
    fn cancelling_a_lost_card_is_not_leaving() {
        for text in [
            "lost my card on the bus this morning, can you cancel it and send a new one",
            "j'ai perdu ma carte, pouvez-vous l'annuler et m'en envoyer une nouvelle ?",
        ] {
            let t = private(text);
            assert_ne!(t.intent, "cancellation", "{text}: {:?}", t.reasons);
            assert!(
                !t.labels.contains(&"churn-risk".to_owned()),
                "{text}: {:?}",
                t.reasons
            );
        }
        // Leaving, with a card in the message, still is.
        let t = private("lost my card again. cancel my account, I'm done with you");
        assert!(
            t.labels.contains(&"churn-risk".to_owned()),
            "{:?}",
            t.reasons
        );
    }

    #[test]
    fn disappointment_and_alarm_are_not_anger() {
        let angry = |text: &str| {
            let t = private(text);
            (t.labels.iter().any(|l| l == "angry"), t)
        };
        // Mild disappointment, however negative it reads.
        let (is_angry, t) = angry("the zip on my jacket broke after two weeks. disappointed tbh");
        assert!(!is_angry, "{:?}", t.reasons);
        // Money taken by someone else, told in alarm: fraud, not anger.
        let (is_angry, t) = angry(
            "someone changed the phone number on my account and now I'm not getting the \
             codes!! I didn't do this!!! there's a transfer pending for £2,000",
        );
        assert!(!is_angry, "{:?}", t.reasons);
        assert!(t.labels.iter().any(|l| l == "fraud"), "{:?}", t.reasons);
        // Words of anger stay anger.
        let (is_angry, t) = angry("THIS IS THE THIRD TIME. YOUR SERVICE IS A DISGRACE");
        assert!(is_angry, "{:?}", t.reasons);
    }

    #[test]
    fn a_worried_customer_checking_a_call_is_not_furious_nor_defrauded() {
        let t = private(
            "someone keeps calling me saying they're from your fraud team and want my online \
             banking password. i hung up. should i be worried?",
        );
        assert!(
            t.labels.iter().any(|l| l == "suspect-message"),
            "{:?}",
            t.reasons
        );
        assert!(!t.labels.iter().any(|l| l == "angry"), "{:?}", t.reasons);
        assert!(t.sentiment < 0.0 && t.sentiment > -0.75, "{:?}", t.reasons);
        // Asked in private, it is answered there; asked in public, in private.
        assert_eq!(t.route, Route::ReplyPublic, "{:?}", t.reasons);
        let asked = "got a text saying my account is locked and to click a link, is that you?";
        let public = assess(
            &message(asked, Visibility::Public),
            &testing::context(280),
            &[],
        );
        assert_eq!(public.route, Route::TakePrivate, "{:?}", public.reasons);
        // The customer's own new phone that the app does not know.
        let t =
            private("the app won't let me log in on my new samsung, says device not recognised");
        assert!(!t.labels.iter().any(|l| l == "fraud"), "{:?}", t.reasons);
        let t = private("there's a payment of £64.99 I don't recognise on my card");
        assert!(t.labels.iter().any(|l| l == "fraud"), "{:?}", t.reasons);
        let t = private(
            "Guten Tag,\n\nvon meinem Konto wurden 500 € abgebucht, die ich nicht veranlasst habe.\n\nMfG",
        );
        assert!(t.labels.iter().any(|l| l == "fraud"), "{:?}", t.reasons);
    }

    #[test]
    fn cancelling_an_order_is_a_race_against_dispatch() {
        let t =
            private("Please cancel order AO-5623019, I found the same boots in a shop near me.");
        assert_eq!(t.intent, "cancellation", "{:?}", t.reasons);
        assert_eq!(t.priority, Priority::High, "{:?}", t.reasons);
        assert!(
            t.reasons.iter().any(|r| r.contains("cancel an order")),
            "{:?}",
            t.reasons
        );
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
    fn a_calm_request_about_a_problem_is_neutral() {
        for text in [
            "my parcel hasn't arrived yet, could you check where it is?",
            "Is the website down? getting 502 bad gateway on every page",
            "ma carte ne passe plus au terminal, pouvez-vous m'en envoyer une nouvelle ?",
        ] {
            let t = assess(
                &message(text, Visibility::Public),
                &testing::context(280),
                &[],
            );
            assert!(t.sentiment.abs() < 0.05, "{text:?}: {:?}", t.reasons);
        }
        let t = assess(
            &message(
                "still no parcel after 3 weeks, this is ridiculous!!",
                Visibility::Public,
            ),
            &testing::context(280),
            &[],
        );
        assert!(t.sentiment < -0.05, "{:?}", t.reasons);
    }

    #[test]
    fn thanks_for_a_reversed_charge_is_not_a_double_charge() {
        let t = private("thanks, the duplicate charge was reversed and it's on our statement now");
        assert!(
            !t.labels.contains(&"double-charge".to_owned()),
            "{:?}",
            t.reasons
        );
        assert_eq!(t.priority, Priority::Low, "{:?}", t.reasons);
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
        assert_eq!(t.priority, Priority::Normal, "{:?}", t.reasons);
    }
}
