//! Reply suggestions composed in the brand's voice and shaped for a channel.
//!
//! [`compose`] turns one message, its [`Triage`] and the host's [`Context`]
//! into up to three ranked [`Suggestion`]s, each with a different strategy.
//! Everything comes from the brand's voice profile (canned responses,
//! knowledge, escalation phrase, channel greetings and sign-offs) and from
//! the phrase tables in this module: no network, no model, and every
//! suggestion says why in its `rationale`.
//!
//! # The moment
//!
//! The reply fits the moment triage found ([`situation`], the rule the
//! host's voice gate uses too):
//!
//! | situation | what the replies do |
//! |-----------|---------------------|
//! | severe (safety, legal, outage, strong anger, repeat contact) | no hello, emoji, `!`, tip or warm line; the first sentence is sorry for the problem in plain words ("being charged twice"); then the answer or the next step and when it happens (the SLA); never asks for details |
//! | problem | empathy when the message is negative and the brand asks for it, else thanks; answer or ask for what is missing |
//! | question | the answer leads; else asks for what is missing |
//! | praise | thanks for what was praised ("the new tent") and says it goes to the team; asks nothing |
//! | thanks | a short close |
//! | no-reply (spam, auto-replies) | no suggestion |
//!
//! # Strategies
//!
//! | `strategy`     | what it says |
//! |----------------|--------------|
//! | `answer`       | (questions; problems with a strong, anchored match, or an anchored one on a shared care concept when the customer asks what to do; severe cases only for an outage, fraud or a question asked again) what answers the message: the brand's knowledge snippet or canned response found by retrieval ([`chorus_voice::retrieve`]: BM25, stemming and synonyms in en/es/fr/de, a relevance threshold), in the reply's language, as the first sentence; else the canned response for the intent; then the next step |
//! | `ask-detail`   | asks only for what the intent still needs and the message (or its quoted thread) does not give: never an order number, amount, date or email the customer wrote; in private when the detail is personal and the message public |
//! | `take-private` | where to go ([`ChannelForm::private_channel`]) and what to send there, without echoing anything personal |
//! | `escalate`     | the brand's escalation phrase and what happens next |
//! | `acknowledge`  | names the matter (the order, when given) and sets expectations with the SLA |
//! | `thank`        | praise only |
//! | `close`        | thanks only |
//!
//! Order by route: `take-private` → take-private, answer, ask-detail,
//! acknowledge; `escalate` → escalate, acknowledge, answer; `reply-public`
//! → answer, ask-detail, acknowledge. An answer found by retrieval moves to
//! the front (except on a hand-over). At most
//! `context.limits.max_suggestions` (and at most three) are kept, all with
//! different strategies.
//!
//! # No scripts
//!
//! Every sentence of the phrase tables has variants. One is picked per
//! conversation (the thread id, else the message id), so a customer's
//! replies are stable while a brand's replies to different customers do not
//! repeat one stock sentence. The brand's warm line appears at most once,
//! on ordinary moments.
//!
//! # The `{response_time}` placeholder
//!
//! `acknowledge` suggestions promise a reply time without knowing the SLA:
//! their text contains the literal placeholder `{response_time}` ("we'll
//! get back to you {response_time}."). The host replaces it after triage
//! with the brand's SLA for the conversation's priority, e.g. "within 4
//! business hours". A plugin that post-processes texts must keep it intact.
//!
//! # Voice
//!
//! Formality picks the phrase table (casual "Hey Jo! Ugh, sorry about
//! that." / neutral "We're sorry to hear about this, Jo." / formal "We are
//! sorry to hear about this, Jo."); `person` turns "we/us" into "I/me";
//! contractions are spelled out when the brand does not use them; warm
//! brands (`warmth` ≥ 0.7) get a closing line; casual brands whose emoji
//! policy allows it get one allowed emoji (on praise, thanks and questions
//! only); a few
//! preferred words take their natural slot; empathy opens the reply when
//! the sentiment is ≤ -0.05 and the brand requires it; sentences with a
//! banned phrase are removed. The profile's greeting and sign-off for
//! [`ChannelForm::channel`] frame every text (`{first_name}`, `{agent}` =
//! persona). Finally every text goes through the voice engine's fixer
//! ([`chorus_voice::fix`]), so what leaves here passes
//! [`chorus_voice::lint()`] for the brand with no hard violation (a banned
//! phrase, a disallowed emoji, too long).
//!
//! # Personalisation and language
//!
//! The customer's first name (customer record, else display name; never a
//! placeholder), "Good to hear from you again" for returning customers,
//! and the order id found in the message (`#12345`, `order 123-4567890`,
//! `order number AB12345`) — written out in private, "your order" in public.
//! When triage detects a language the brand answers in (`voice.languages`),
//! the reply is written in it: there are tables for English, Spanish,
//! French and German. Otherwise the brand's first language is used (English
//! when it has no table). Canned responses are used as written: one whose
//! id is marked with the language (`refund.es` or `refund-es`) is preferred,
//! and unmarked ones (and the brand's escalation phrase) are used only in
//! the brand's first language.
//!
//! # Channel fit
//!
//! Every text fits the smallest of [`ChannelForm::max_length`],
//! `context.limits.max_reply_length` and the profile's channel
//! `max_length` (zeros ignored), and starts with [`ChannelForm::prefix`].
//! Optional sentences (tip, emoji, closing, returning, hello, thanks) are
//! left out before the body is cut at a sentence end. A second knowledge
//! snippet that also answers the message (and whose `channels` allow the
//! channel) is appended as a tip to the best suggestion, only when it still
//! fits, and only on a question (never on a problem or a severe case).
//!
//! # Using it from a plugin
//!
//! ```
//! use chorus_sdk::suggest::{ChannelForm, compose};
//! use chorus_sdk::{Route, testing};
//!
//! let message = testing::message("My order #12345 never arrived");
//! let context = testing::context(280);
//! let mut triage = chorus_sdk::triage::assess(&message, &context, &[]);
//! triage.route = Route::ReplyPublic;
//! let form = ChannelForm::new("sms", "", 160, "a text message");
//! let suggestions = compose(&message, &triage, &context, &form);
//! assert!(suggestions.iter().all(|s| s.text.chars().count() <= 160));
//! assert!(suggestions.iter().any(|s| s.strategy == "acknowledge"));
//! ```
//!
//! A plugin with its own platform rules (X counts URLs as 23 characters,
//! Slack escapes `<>&`) post-processes the texts; it must keep the
//! `{response_time}` placeholder.

mod compose;
mod facts;
mod fit;
mod knowledge;
mod personalize;
mod phrases;

use crate::{Context, Message, Route, Suggestion, Triage, VoiceProfile};
use chorus_voice::Situation;
use compose::{Strategy, Writer};
use facts::{Facts, Reference};
use fit::{Frame, Kind, Part, chars, join};
use knowledge::Found;

pub use fit::truncate_at_sentence;
pub use personalize::{Personal, find_order_id, first_name, praised};

/// How a channel wants replies shaped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChannelForm {
    /// Channel name used to pick the profile's greeting, sign-off and
    /// length, and to match knowledge snippets' `channels`.
    pub channel: String,
    /// Text every reply must start with (e.g. `@jack ` on X).
    pub prefix: String,
    /// Hard length limit in characters (0 = the context's limit).
    pub max_length: u32,
    /// Where to move a private conversation ("a DM", "email"), written
    /// into `take-private` suggestions.
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

    /// A channel named `channel` whose replies start with `prefix`, are at
    /// most `max_length` characters (0 = the context's limit) and move
    /// private conversations to `private_channel`.
    pub fn new(channel: &str, prefix: &str, max_length: u32, private_channel: &str) -> Self {
        Self {
            channel: channel.to_owned(),
            prefix: prefix.to_owned(),
            max_length,
            private_channel: private_channel.to_owned(),
        }
    }
}

/// Builds `suggest`'s tables (called by the `init` export, so the
/// snapshot holds them).
pub(crate) fn prepare() {
    facts::prepare();
}

/// Composes up to `context.limits.max_suggestions` (at most three) replies,
/// best first, each with a different strategy, fitted to the moment
/// ([`situation`]). Spam, auto-replies and messages routed `no-reply` get
/// none. See the [module docs](self) for what each strategy says.
pub fn compose(
    message: &Message,
    triage: &Triage,
    context: &Context,
    form: &ChannelForm,
) -> Vec<Suggestion> {
    let facts = Facts::of(message);
    let situation = match situation(triage) {
        // Thanks that also praise at length ("thank you for sorting the
        // replacement tent so quickly. Your colleague Mia was brilliant on
        // the phone") are thanked for it, not closed with "Any time."
        Situation::Thanks
            if crate::triage::praises(&message.text) && facts.words >= PRAISING_THANKS_WORDS =>
        {
            Situation::Praise
        }
        situation => situation,
    };
    if situation == Situation::NoReply {
        return Vec::new();
    }
    let voice = &context.voice;
    let personal = Personal::of(message, context);
    let (lang, default_language) = language(triage, voice);
    let frame = Frame::new(
        form,
        context,
        personal.name.as_deref(),
        situation.is_severe(),
    )
    .in_language(lang, context);
    let query_language = triage
        .language
        .as_deref()
        .filter(|l| phrases::LANGUAGES.contains(l))
        .unwrap_or(lang);
    // A problem whose order is named wants that order looked into: the
    // brand's own response for the moment, which names the order, answers
    // before any text on doing it yourself ("the tracking link is in your
    // dispatch email" to one whose tracking has stopped moving), unless
    // the customer asks how to do it ("where can I see where it is?").
    let looks_into_the_order = situation == Situation::Problem
        && facts.order_id.is_some()
        && !asks_how_to(&message.text)
        && voice
            .canned_responses
            .iter()
            .any(|c| c.intent == triage.intent && c.text.contains("{order_id}"));
    // Two questions in sentences of their own may be answered by two
    // texts: the second is looked for among all that were found, since
    // the answer's fit to the message's topic is no test of it.
    let questions = knowledge::questions(&message.text);
    let mut candidates = Vec::new();
    let answers = if matches!(situation, Situation::Praise | Situation::Thanks)
        || looks_into_the_order
    {
        Vec::new()
    } else {
        let query = &message.text;
        let found = knowledge::search(context, query, query_language, lang, &form.channel, triage);
        let found = knowledge::on_the_question(found, query);
        if !questions.is_empty() {
            candidates = found.clone();
        }
        fitting(found, situation, triage, query, facts.charge_named)
    };
    let retopic;
    // Nothing was charged when a payment was refused or when the customer
    // asks what a charge would be: no charge to look into or ask about.
    let uncharged = facts.declined || (facts.ahead && facts.amount.is_none());
    let nothing_charged = triage.intent == "billing" && uncharged;
    let triage = if nothing_charged || answers.first().is_some_and(|lead| misread(triage, lead)) {
        retopic = Triage {
            intent: "question".to_owned(),
            ..triage.clone()
        };
        &retopic
    } else {
        triage
    };
    let needs_empathy = needs_empathy(voice, situation, triage);
    let reference = Reference::of(
        voice
            .knowledge
            .iter()
            .map(|k| k.text.as_str())
            .chain(voice.canned_responses.iter().map(|c| c.text.as_str())),
    );
    let writer = Writer {
        voice,
        phrases: phrases::table(
            lang,
            voice.formality,
            phrases::register(lang, voice.formality, texts_in(voice, lang)),
            voice.person,
        ),
        default_language,
        personal: &personal,
        facts: &facts,
        reference,
        name: personal.name.as_deref().filter(|_| !frame.greets()),
        private: form.private_channel.trim(),
        situation,
        needs_empathy,
        // Only praise is thanked for what was praised.
        praised: (lang == "en" && situation == Situation::Praise)
            .then(|| praised(&message.text))
            .flatten(),
        key: conversation_key(message),
        answers: &answers,
        also: answers
            .first()
            .filter(|_| matches!(situation, Situation::Question | Situation::Problem))
            .and_then(|lead| knowledge::another_question(lead, &candidates, &questions)),
    };
    let profile = crate::voice::rules(voice);
    let target = chorus_voice::Target {
        channel: &form.channel,
        max_length: frame.max_length(),
        prefix: &form.prefix,
        first_name: personal.name.as_deref(),
        needs_empathy,
        situation,
    };
    let polish = |text: &str| chorus_voice::fix(&profile, text, &target);
    let keep = context.limits.max_suggestions.min(3) as usize;
    let missing = !writer.needs(triage).is_empty();
    // A hello has nothing yet to answer or look into: ask how to help.
    let hello = facts.only_hello && matches!(situation, Situation::Question | Situation::Problem);
    let plan = if hello && triage.route != Route::NoReply {
        vec![Strategy::AskDetail]
    } else {
        Strategy::plan(
            situation,
            triage.route,
            !answers.is_empty(),
            writer.has_canned(triage),
            missing,
        )
    };
    let drafts: Vec<_> = plan
        .into_iter()
        .filter_map(|s| writer.draft(s, triage))
        .take(keep)
        .collect();
    drafts
        .into_iter()
        .enumerate()
        .filter_map(|(rank, draft)| {
            let mut parts = fit::name_once(&draft.parts, writer.name);
            let mut fitted = frame.fit(&parts);
            // An answer whose first sentence is too long for the channel
            // (a post on X) is said without its asides: "smart TVs from
            // Samsung (2017 or later), LG (webOS 4.0 or later)…" names the
            // devices without their model years.
            if draft.strategy == Strategy::Answer && !keeps_the_answer(&fitted, &parts) {
                parts = fit::without_asides(&parts);
                fitted = frame.fit(&parts);
            }
            // An answer cut away to fit the channel leaves an empathy line
            // labelled as an answer: no suggestion is better.
            if draft.strategy == Strategy::Answer && !keeps_the_answer(&fitted, &parts) {
                return None;
            }
            let mut text = polish(&fitted).text;
            let mut rationale = draft.rationale;
            // A second answer that also fits the message is a tip, on the
            // best suggestion of an ordinary moment, only when it fits.
            let tip = (rank == 0 && situation == Situation::Question)
                .then(|| with_tip(&writer, &frame, &parts, answers.get(1)))
                .flatten();
            if let Some((id, tip, with_tip)) = tip {
                // Only when the fixer keeps it whole: never count on trimming.
                let fixed = polish(&with_tip);
                if !fixed.applied.contains(&chorus_voice::Rule::Length) && fixed.text.contains(&tip)
                {
                    text = fixed.text;
                    rationale.push_str(&format!("; tip `{id}`"));
                }
            }
            Some(Suggestion {
                text: finish(&text, &frame),
                strategy: draft.strategy.name().to_owned(),
                rationale,
            })
        })
        .collect()
}

/// Whether `fitted` still holds the first sentence of the draft's first
/// body part (for an answer, the brand's text that answers): a long answer
/// cut at a later sentence still answers, one cut before its first does not.
/// Compared without case: after a greeting that ends in a comma the
/// answer's first letter is lower-cased ("Hello Lucía, you can freeze…").
fn keeps_the_answer(fitted: &str, parts: &[Part]) -> bool {
    parts
        .iter()
        .find(|p| p.kind == Kind::Body)
        .is_none_or(|body| {
            let first = fit::first_sentence(&body.text).to_lowercase();
            fitted.to_lowercase().contains(&first)
        })
}

/// Whether the answer that leads (`lead`) is about another topic than the
/// one triage read: "what's the latest I can send a payment", read as
/// billing, is answered by the transfer cut-off. Triage's topic is then
/// doubted, and the drafts treat the message as a question: they neither
/// name the misread topic ("we are reviewing the charge") nor ask for what
/// it would need (the amount charged). So do they for a billing message
/// about a refused payment ("carte refusée au péage"): nothing was charged.
fn misread(triage: &Triage, lead: &Found) -> bool {
    !knowledge::about(&triage.intent).is_empty() && !lead.is_about(&triage.intent)
}

/// The answers that fit the moment, best first.
///
/// - A fee charged is not answered by a text on the fee of another case
///   (cash abroad, an overdraft: [`Found::fee_of_another_case`]), and a
///   charge the customer names (`charged`: [`facts::Facts::charge_named`])
///   only by a text on fees, refunds or disputes.
/// - A customer checking whether a message in the brand's name is genuine
///   takes only a text about scams ("we never ask for your PIN").
/// - Money taken wrongly (fraud, a double charge) takes only a text about
///   getting it back or stopping the card ([`knowledge::MONEY_TAKEN`]).
/// - A question takes any answer, those about the message's topic (its
///   intent, [`knowledge::about`]) first.
/// - A customer threatening to leave is never told how to cancel, unless
///   cancelling is what they ask; nor is one who asks for something
///   "without cancelling" ("can I put it on hold without cancelling?").
/// - A complaint about service (a queue, a rude call) is not answered by a
///   snippet (opening hours are not an apology), unless it also asks a
///   question a snippet answers well ("confusing pricing page: is it per
///   user?").
/// - On a severe case the next step is ours, unless the brand's knowledge
///   is the fix: the status page in an outage, freezing a card on fraud,
///   signing out whoever got into the account.
///   An outage takes only a text about outages (the status page), even
///   when the customer only names the symptom ("503s since 10 min").
/// - A defect (damaged, warranty) takes a text about its fix (a return, a
///   repair), even when the customer only names the symptom ("size 44 in
///   the box, I need the 42"), and another only when the customer asks
///   and it matches strongly: tent-care tips do not fix a leaking seam.
/// - Any other moment (a problem) takes the texts about its topic, or,
///   when there are none, a strong match anchored on more than plain
///   words only: a wrong answer to a problem is worse than none (and
///   triage can misread the topic), and sharing "build" and "minutes"
///   with the price list does not make it the answer to a wrong counter.
///   A problem told as a question ("the cash machine kept my card, what
///   now") also takes an anchored match on a care topic the two share
///   (the lost-card text): the customer asked what to do.
/// - A severe case whose point is a question (asked again, or in anger:
///   "asked 2x already: what time do I need to send money by?") takes a
///   strong, anchored match; other severe cases (harm, a legal
///   threat, a dispute gone wrong) take none.
fn fitting<'a>(
    mut found: Vec<Found<'a>>,
    situation: Situation,
    triage: &Triage,
    query: &str,
    charged: bool,
) -> Vec<Found<'a>> {
    let asks = crate::triage::asks(query);
    let intent = triage.intent.as_str();
    let topical = !knowledge::about(intent).is_empty();
    let labelled = |label: &str| triage.labels.iter().any(|l| l == label);
    // Not told how to cancel: a customer on the way out, nor one who asks
    // for something "without cancelling" (a pause, another date).
    if (labelled("churn-risk") && intent != "cancellation") || crate::triage::cancels_nothing(query)
    {
        found.retain(|f| !f.fits("cancellation"));
    }
    // A warning about scams ("we will never ask for your PIN") presumes
    // one: a customer locked out after a wrong password is not told it.
    let scam = labelled("suspect-message") || labelled("fraud");
    found.retain(|f| scam || !f.topics.iter().any(|t| t == "scam") || f.fits_concept("scam"));
    // A fee the customer was charged, not one asked about ("is it free to
    // use my card in the US?" names its case in words no table has).
    if situation != Situation::Question {
        found.retain(|f| !f.fee_of_another_case());
    }
    match situation {
        // "Is this text from you asking for my code normal?": only what
        // the brand says about scams answers it, not how its real codes
        // work.
        _ if labelled("suspect-message") => found.retain(|f| f.names("scam")),
        _ if labelled("fraud") || labelled("double-charge") => {
            found.retain(|f| {
                f.concepts.iter().any(|c| {
                    knowledge::MONEY_TAKEN.contains(&c.as_str())
                        || knowledge::ACCOUNT_TAKEN.contains(&c.as_str())
                })
            });
        }
        // A wish for what the product does not do is not answered by the
        // list of what it does, unless that list names the wish.
        Situation::Question if intent == "feature-request" => {
            found.retain(|f| f.anchored && f.score >= knowledge::STRONG);
        }
        Situation::Question => {}
        // An angry complaint gets a person, not the opening hours: its
        // question ("is this how you treat me?") is rhetorical.
        _ if intent == "complaint" && situation != Situation::Severe => {
            found.retain(|f| asks && f.score >= knowledge::STRONG);
        }
        Situation::Severe if intent == "outage" || labelled("outage-burst") => {
            // A customer who has seen the status page show nothing wrong
            // is not sent back to it.
            let seen = facts::saw_a_clear_status_page(query);
            found.retain(|f| f.is_about("outage") && !seen);
        }
        // Asked again, or asked in anger: a question the brand's knowledge
        // answers well is answered at once.
        Situation::Severe if asks && intent == "question" => {
            found.retain(|f| f.score >= knowledge::STRONG && f.anchored);
        }
        // Severe only because the customer has waited ("got my refund
        // email, no money yet, it's been 3 days"): the text on its topic
        // that says when is the concrete next step. So is the text that
        // explains what nobody explained ("third time I write: you charged
        // me £15 for cash in Madrid and nobody explains why").
        Situation::Severe if topical && (only_waited(triage, query) || nobody_explained(query)) => {
            found.retain(|f| f.fits(intent) && f.anchored && f.score >= knowledge::STRONG);
            // To one who waits, the text that says how long it takes
            // leads ("still not refunded 10 days after my return": the
            // refund's timing, not the returns window).
            found.sort_by_key(|f| !f.names("processing-time"));
        }
        Situation::Severe => found.clear(),
        // A defect is fixed by a repair or a return, never by care tips,
        // unless the customer asks what went wrong and the tips are on the
        // care topic the two share ("my tent smells musty, what did I do
        // wrong?": how to dry and store it).
        _ if DEFECTS.contains(&intent) => {
            found.retain(|f| {
                f.is_about(intent)
                    || (asks
                        && (f.score >= knowledge::STRONG || (f.anchored && f.beside_the_fault())))
            });
            // What to do leads what happens afterwards: "the zip came
            // broken, can you send another?" gets how to start the
            // return, not when its refund arrives.
            found.sort_by_key(|f| !f.instructs());
        }
        _ if topical && found.iter().any(|f| f.fits(intent)) => {
            found.retain(|f| f.fits(intent));
        }
        // A charge the customer names ("a £12 'account maintenance fee' on
        // my statement, what is that?") is explained by a text on fees,
        // refunds or disputes, or by a person: not by where statements are
        // downloaded.
        Situation::Problem if intent == "billing" && charged => found.clear(),
        // A late parcel or refund told in other words ("ordered on
        // sunday, tracking still says label created, need them for
        // saturday"): the text about it (the tracking link in the
        // dispatch email), not one that shares the weekdays (the opening
        // hours). Not a charge: the fees abroad do not answer a card
        // declined in Spain.
        Situation::Problem
            if matches!(intent, "delivery" | "refund")
                && found.iter().any(|f| f.is_about(intent)) =>
        {
            found.retain(|f| f.is_about(intent));
        }
        _ => {
            found.retain(|f| f.anchored && (f.score >= knowledge::STRONG || (asks && f.topical())))
        }
    }
    // Something of the customer's that does not work, told without a
    // question ("after we turned on SSO everyone is bounced back to
    // Okta"): only a text that says what to do can fix it, not one that
    // says what a feature is or which plan has it.
    if situation == Situation::Problem && BROKEN_FOR_ONE.contains(&intent) && !asks {
        found.retain(Found::instructs);
    }
    // A refund or a parcel that has not come: the text that says when
    // leads ("cancelled my booking last tuesday and still no money back??"
    // asks when the refund comes, not what the cancellation terms are).
    if situation == Situation::Problem && matches!(intent, "refund" | "delivery") {
        found.sort_by_key(|f| !f.names("processing-time"));
    }
    // Stable: the texts about the message's topic first, then those that
    // share a care topic with it, then the rest; the best match leads each.
    // A shared topic weighs less than matching much better: "how do I give
    // my bookkeeper access? does it cost extra?" is answered by the text on
    // access for accountants, not by the price list on "cost" alone.
    let best = found.iter().map(|f| f.score).fold(0.0, f32::max);
    found.sort_by_key(|f| {
        (
            !f.fits(intent),
            !(f.topical() && f.score * FAR_BETTER >= best),
        )
    });
    how_first(&mut found, query);
    found
}

/// How many times another text's score a match must be to lead one that
/// shares a care topic with the message.
const FAR_BETTER: f32 = 3.0;

/// Words that ask how to do something ("Comment dois-je procéder ?").
const ASKS_HOW: &[&str] = &[
    "how do",
    "how can",
    "how to",
    "how would",
    "what do i do",
    "what should i do",
    "comment ",
    "procéder",
    "que dois-je faire",
    "cómo",
    "como hago",
    "como puedo",
    "qué tengo que hacer",
    "wie kann",
    "wie gehe",
    "wie mache",
    "was muss ich",
];

/// Asked how, the text that says what to do leads among those on the
/// leading answer's care topic: "Je voudrais retourner une veste… Comment
/// dois-je procéder ?" gets the returns how-to ("Lancez votre retour sur
/// acme.example/returns…"), not "Les retours sont gratuits pendant 60
/// jours".
fn how_first(found: &mut [Found<'_>], query: &str) {
    let query = query.to_lowercase();
    if !ASKS_HOW.iter().any(|w| query.contains(w)) {
        return;
    }
    let Some(lead) = found.first().filter(|lead| !lead.instructs()) else {
        return;
    };
    let on_its_topic = |f: &Found<'_>| f.concepts.iter().any(|c| lead.concepts.contains(c));
    if let Some(at) = found.iter().position(|f| f.instructs() && on_its_topic(f)) {
        found[..=at].rotate_right(1);
    }
}

/// Whether the customer says nobody has explained or answered yet ("nobody
/// explains why", "nadie me explica", "personne ne m'explique").
fn nobody_explained(text: &str) -> bool {
    const UNEXPLAINED: &[&str] = &[
        "nobody explains",
        "nobody has explained",
        "no one explains",
        "no one has explained",
        "nobody can explain",
        "no one can explain",
        "nobody told me why",
        "no one told me why",
        "nadie me explica",
        "nadie me ha explicado",
        "nadie me dice por qué",
        "personne ne m'explique",
        "personne ne m'a expliqué",
        "niemand erklärt",
        "keiner erklärt",
        "niemand kann mir erklären",
    ];
    facts::says_any(text, UNEXPLAINED)
}

/// Whether the customer asks how or where to do something themselves.
pub(crate) fn asks_how_to(text: &str) -> bool {
    const HOW_TO: &[&str] = &[
        "where can i",
        "how can i",
        "how do i",
        "where do i",
        "dónde puedo",
        "donde puedo",
        "cómo puedo",
        "como puedo",
        "où puis-je",
        "comment puis-je",
        "comment je peux",
        "où je peux",
        "wo kann ich",
        "wie kann ich",
        // Another way than the one they lost ("deleted the dispatch email.
        // Is there any other way to see where it's got to?").
        "any other way to",
        "another way to",
        "otra forma de",
        "otra manera de",
        "un autre moyen de",
        "une autre façon de",
        "eine andere möglichkeit",
    ];
    facts::says_any(text, HOW_TO)
}

/// Whether the only thing that makes the case severe is a wait: no
/// earlier contact ("the 4th time I've messaged" is owed a person, not the
/// policy it was already told), anger, harm, legal matter, fraud, outage
/// or departure.
fn only_waited(triage: &Triage, text: &str) -> bool {
    const WORSE: &[&str] = &[
        "angry",
        "fraud",
        "double-charge",
        "outage-burst",
        "safety",
        "legal",
        "churn-risk",
    ];
    triage.labels.iter().any(|l| l == "repeat-contact")
        && !triage.labels.iter().any(|l| WORSE.contains(&l.as_str()))
        && !matches!(triage.intent.as_str(), "safety" | "legal" | "outage")
        && triage.sentiment > -0.75
        && !crate::triage::says_asked_before(text)
}

/// Intents of something that does not work for this one customer. A
/// parcel that did not come is one: "another 'delivery attempted' when I
/// was home all day" is helped by where to follow the order, not by how
/// long standard delivery takes.
const BROKEN_FOR_ONE: &[&str] = &["technical", "account", "delivery"];

/// Intents that report a defect: only a text about their fix (a return
/// for goods that arrived broken, a repair under warranty) answers them.
const DEFECTS: &[&str] = &["damaged", "warranty"];

/// A stable number for the conversation, so one customer's replies pick
/// the same phrase variants every time: the thread, else the message.
fn conversation_key(message: &Message) -> u64 {
    let id = message
        .thread_id
        .as_deref()
        .filter(|t| !t.is_empty())
        .unwrap_or(&message.external_id);
    id.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Words from which thanks that praise are thanked for it (a short
/// "thanks, great!" is closed).
const PRAISING_THANKS_WORDS: usize = 12;

/// The moment a reply is for, read from triage as the host's voice gate
/// reads it ([`chorus_voice::Situation::of`]).
pub fn situation(triage: &Triage) -> chorus_voice::Situation {
    let route = match triage.route {
        Route::ReplyPublic => "reply-public",
        Route::TakePrivate => "take-private",
        Route::Escalate => "escalate",
        Route::NoReply => "no-reply",
    };
    chorus_voice::Situation::of(route, &triage.intent, &triage.labels, triage.sentiment)
}

/// Whether the reply must acknowledge feelings first.
fn needs_empathy(voice: &VoiceProfile, situation: Situation, triage: &Triage) -> bool {
    voice.empathy_required && situation.needs_empathy(triage.sentiment)
}

/// The brand's own texts (knowledge snippets and canned responses) in
/// `lang`: a text marked with a language (`returns.de`) is in that one,
/// an unmarked text in the brand's first language.
fn texts_in<'v>(voice: &'v VoiceProfile, lang: &'v str) -> impl Iterator<Item = &'v str> {
    let first = voice.languages.first().map_or("en", String::as_str);
    let in_lang = move |id: &str| {
        let (_, marked) = chorus_voice::retrieve::group_of(id);
        chorus_voice::primary_subtag(marked.unwrap_or(first)) == lang
    };
    let snippets = voice
        .knowledge
        .iter()
        .filter(move |k| in_lang(&k.id))
        .map(|k| k.text.as_str());
    let canned = voice
        .canned_responses
        .iter()
        .filter(move |c| in_lang(&c.id))
        .map(|c| c.text.as_str());
    snippets.chain(canned)
}

/// The language to write in and whether it is the brand's first language
/// ([`chorus_voice::reply_language`], the rule the host uses too).
fn language(triage: &Triage, voice: &VoiceProfile) -> (&'static str, bool) {
    chorus_voice::reply_language(
        &voice.languages,
        triage.language.as_deref(),
        phrases::LANGUAGES,
    )
}

/// The best suggestion with a second relevant knowledge snippet appended
/// as a tip after its body, when that still fits the limit as it is: the
/// snippet id, the tip sentence and the whole text. Relevant: it scores
/// close to the answer and matches words of the message the answer does
/// not, so it speaks to another part of the message, not to the same words
/// less well ("can I pay annually?" answered by the price list gets no
/// open-source plan for sharing "month" and "team").
fn with_tip(
    writer: &Writer<'_>,
    frame: &Frame,
    parts: &[Part],
    found: Option<&Found<'_>>,
) -> Option<(String, String, String)> {
    // A message answered on two questions gets no tip besides.
    let found =
        found.filter(|f| f.source == knowledge::Source::Knowledge && writer.also.is_none())?;
    let best = writer.answers.first()?;
    if found.score < best.score * knowledge::TIP_SHARE || !found.adds_to(best) {
        return None;
    }
    let tip = writer.phrases.tip[0].replace("{tip}", found.text);
    let at = parts.iter().rposition(|p| p.kind == Kind::Body)? + 1;
    let mut parts = parts.to_vec();
    parts.insert(at, Part::new(Kind::Tip, tip.clone()));
    let text = frame.render(&join(&parts));
    (chars(&text) <= frame.limit).then(|| (found.id.to_owned(), tip, text))
}

/// Final checks: the prefix leads and the limit holds.
fn finish(text: &str, frame: &Frame) -> String {
    let mut text = text.to_owned();
    if !text.starts_with(&frame.prefix) {
        text = format!("{}{}", frame.prefix, text);
    }
    if chars(&text) > frame.limit {
        text = fit::truncate_chars(&text, frame.limit);
    }
    text
}

#[cfg(test)]
mod tests;
