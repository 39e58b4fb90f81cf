//! The strategies: each turns the message, its triage and the brand's
//! voice into the sentences of one suggestion, fitted to the moment.

use chorus_voice::{Situation, fill_name};

use super::facts::{self, Facts, Need, Reference, SUSPECT_MESSAGE, points_to_status};
use super::fit::{Kind, Part};
use super::knowledge::{Found, Source};
use super::personalize::Personal;
use super::phrases::{self, Phrases, Variants, pick};
use crate::{CannedResponse, EmojiPolicy, Formality, Person, Route, Triage, VoiceProfile};

/// Intents of something that does not work, which an answer may fix:
/// after it, "if it's still not working" fits. A refund, a charge or a
/// question answered is no fault to be "still playing up".
const FIXABLE_INTENTS: &[&str] = &["account", "technical"];

/// The intent of a report that someone was, or could be, hurt.
const SAFETY_INTENT: &str = "safety";

/// What decides the details a reply asks for: the intent, or the check of
/// a message in the brand's name ("got a text saying my account is locked,
/// is that really you?"), which needs that message, not the account's
/// email address.
fn needed_for(triage: &Triage) -> &str {
    if triage.labels.iter().any(|l| l == SUSPECT_MESSAGE) {
        SUSPECT_MESSAGE
    } else {
        &triage.intent
    }
}

/// The triage label of a customer who writes of a death in the family: the
/// reply opens with condolences, never with an apology for a fault.
const BEREAVEMENT: &str = "bereavement";

/// Labels that say something went wrong for the customer: harm, anger,
/// chasing, money taken.
const HARM_LABELS: &[&str] = &[
    "angry",
    "repeat-contact",
    "safety",
    "fraud",
    "outage",
    "outage-burst",
    "double-charge",
];

/// A strategy name, as written in [`crate::Suggestion::strategy`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Strategy {
    /// Answer from the brand's knowledge or canned responses.
    Answer,
    /// Ask precisely for what is missing.
    AskDetail,
    /// Move to a private channel with a concrete next step.
    TakePrivate,
    /// Hand over to a specialist and say what happens next.
    Escalate,
    /// Acknowledge and set expectations with the SLA.
    Acknowledge,
    /// Thank for praise; ask nothing.
    Thank,
    /// Close a conversation the customer closed with thanks.
    Close,
}

impl Strategy {
    /// The name used in suggestions.
    pub fn name(self) -> &'static str {
        match self {
            Self::Answer => "answer",
            Self::AskDetail => "ask-detail",
            Self::TakePrivate => "take-private",
            Self::Escalate => "escalate",
            Self::Acknowledge => "acknowledge",
            Self::Thank => "thank",
            Self::Close => "close",
        }
    }

    /// Strategies in order for a moment. An answer found in the brand's
    /// knowledge (`found`) leads, except on a hand-over; a canned response
    /// for the intent alone (`canned`) keeps the route's own order. Nothing
    /// is asked when nothing is `missing` or the case is severe; praise and
    /// thanks get no question at all.
    pub fn plan(
        situation: Situation,
        route: Route,
        found: bool,
        canned: bool,
        missing: bool,
    ) -> Vec<Strategy> {
        use Strategy::*;
        let mut plan = match (situation, route) {
            (Situation::NoReply, _) | (_, Route::NoReply) => return Vec::new(),
            (Situation::Praise, _) => return vec![Thank],
            (Situation::Thanks, _) => return vec![Close],
            (_, Route::Escalate) => vec![Escalate, Acknowledge, Answer],
            (_, Route::TakePrivate) => vec![TakePrivate, Answer, AskDetail, Acknowledge],
            (_, Route::ReplyPublic) => vec![Answer, AskDetail, Acknowledge],
        };
        if found && route != Route::Escalate {
            plan.retain(|s| *s != Answer);
            plan.insert(0, Answer);
        }
        plan.retain(|s| match s {
            Answer => found || canned,
            // A severe case is not asked for details: the next step is ours.
            AskDetail => missing && !situation.is_severe(),
            _ => true,
        });
        plan
    }
}

/// One suggestion before it is fitted to the channel.
#[derive(Debug, Clone)]
pub(crate) struct Draft {
    /// Which strategy.
    pub strategy: Strategy,
    /// Why, for the agent.
    pub rationale: String,
    /// The sentences, in order.
    pub parts: Vec<Part>,
}

/// Writes in one brand's voice, for one message.
#[derive(Debug)]
pub(crate) struct Writer<'a> {
    /// The brand's voice.
    pub voice: &'a VoiceProfile,
    /// The phrase table for the language and register.
    pub phrases: &'static Phrases,
    /// Whether the language is the brand's default (its own phrases and
    /// unmarked canned responses are written in it).
    pub default_language: bool,
    /// The customer.
    pub personal: &'a Personal,
    /// What the customer already told us.
    pub facts: &'a Facts,
    /// What identifies a purchase for the brand (orders, invoices, payments).
    pub reference: Reference,
    /// The name to use in sentences (none when the greeting already has it).
    pub name: Option<&'a str>,
    /// Where private conversations go.
    pub private: &'a str,
    /// The moment.
    pub situation: Situation,
    /// Whether the reply must acknowledge feelings first.
    pub needs_empathy: bool,
    /// What the praise was about ("the new tent"), when the customer said.
    pub praised: Option<String>,
    /// The conversation, for picking phrase variants.
    pub key: u64,
    /// What answers the message, best first.
    pub answers: &'a [Found<'a>],
    /// What answers a second question of the message, and whether that
    /// question comes first ([`super::knowledge::another_question`]): the
    /// answers follow the order of the questions.
    pub also: Option<(&'a Found<'a>, bool)>,
}

impl Writer<'_> {
    /// One variant of a slot, in the brand's voice.
    fn one(&self, variants: Variants, slot: &str) -> String {
        self.own(pick(variants, self.key, slot))
    }

    /// A phrase from the tables in the brand's voice: preferred words,
    /// person and contractions (English), with `{name}` filled.
    fn own(&self, template: &str) -> String {
        let mut text = template.to_owned();
        if self.phrases.lang == "en" {
            text = prefer_words(&text, &self.voice.preferred_words);
            if self.voice.person == Person::I {
                text = phrases::to_first_person(&text);
            }
            if !self.voice.contractions {
                text = phrases::expand_contractions(&text);
            }
        }
        fill_name(&text, "{name}", self.name)
    }

    /// [`Self::one`] with `vars` filled; values from the tables pass
    /// through `own` themselves, brand text does not.
    fn say(&self, variants: Variants, slot: &str, vars: &[(&str, &str)]) -> String {
        let mut template = pick(variants, self.key, slot).to_owned();
        if self.phrases.lang != "en" {
            match phrases::private_gloss(self.phrases.lang, self.private) {
                Some("") => template = template.replace(" ({private})", ""),
                Some(gloss) => template = template.replace("{private}", gloss),
                None => {}
            }
        }
        vars.iter().fold(self.own(&template), |text, (key, value)| {
            text.replace(key, value)
        })
    }

    /// Whether the brand has a canned response for the intent in the
    /// reply's language.
    pub fn has_canned(&self, triage: &Triage) -> bool {
        self.canned_for(triage).is_some()
    }

    /// The draft for `strategy`, or none when it has nothing to say.
    pub fn draft(&self, strategy: Strategy, triage: &Triage) -> Option<Draft> {
        let (mut body, rationale) = match strategy {
            Strategy::Answer => self.answer(triage)?,
            Strategy::AskDetail => self.ask_detail(triage)?,
            Strategy::TakePrivate => self.take_private(triage),
            Strategy::Escalate => self.escalate(),
            Strategy::Acknowledge => self.acknowledge(triage),
            Strategy::Thank => self.thank(),
            Strategy::Close => self.close(),
        };
        // Whatever the next step, a report of harm first says what to do
        // now: care for anyone hurt, and stop using the product.
        if triage.intent == SAFETY_INTENT
            && self.facts.harm
            && !matches!(strategy, Strategy::Thank | Strategy::Close)
        {
            let first = if self.facts.unhurt {
                self.phrases.safety_unhurt
            } else {
                self.phrases.safety_first
            };
            body.insert(0, self.one(first, "safety"));
        }
        // Despair gets, besides the brand's next step, help that is there
        // now: the specialist answers in working hours.
        if triage.labels.iter().any(|l| l == phrases::DISTRESS)
            && matches!(strategy, Strategy::Escalate | Strategy::Acknowledge)
        {
            body.push(self.one(self.phrases.crisis, "crisis"));
        }
        let mut parts = self.opening(strategy, triage);
        parts.extend(body.into_iter().map(|text| Part::new(Kind::Body, text)));
        parts.extend(self.closing(strategy));
        let parts = without_banned(parts, &self.voice.banned_phrases);
        parts.iter().any(|p| p.kind == Kind::Body).then_some(Draft {
            strategy,
            rationale: format!("{}: {rationale}", self.situation),
            parts,
        })
    }

    /// Hello, the opener and "good to hear from you again", as the moment
    /// allows: an answer leads with the answer (after empathy, when owed);
    /// praise and thanks open with their own sentence.
    fn opening(&self, strategy: Strategy, triage: &Triage) -> Vec<Part> {
        let p = self.phrases;
        let severe = self.situation.is_severe();
        let mut parts = Vec::new();
        if !severe && self.name.is_some() && !p.hello.is_empty() {
            parts.push(Part::new(Kind::Hello, self.one(p.hello, "hello")));
        }
        let opener = if Self::condolences_first(triage) {
            Some((self.one(p.condolences, "severe"), true))
        } else if self.calm_legal(triage) {
            Some((self.one(p.severe_calm, "severe"), true))
        } else if severe {
            let problem = p.problem(&triage.intent, &triage.labels);
            Some((
                self.say(p.severe_empathy, "severe", &[("{problem}", problem)]),
                true,
            ))
        } else if matches!(strategy, Strategy::Thank | Strategy::Close) || self.facts.only_hello {
            // A hello is answered, not thanked for or consoled.
            None
        } else if self.needs_empathy
            && self.situation == Situation::Question
            && self.facts.specific_question
            && !(self.facts.fault || self.facts.missing_item)
        {
            // Nothing went wrong yet: "That's frustrating, sorry" answers
            // a worried "is there nuts in any of your meals?" with a
            // script. A grievance read as a general message ("the branch
            // closed at 2, annoying", "the chicken wasn't in my box, what
            // do I do?") still gets the apology.
            Some((self.one(p.concern, "empathy"), true))
        } else if self.needs_empathy {
            Some((self.one(p.empathy, "empathy"), true))
        } else if strategy == Strategy::Answer {
            None
        } else {
            Some((self.one(p.thanks, "thanks"), false))
        };
        if let Some((text, essential)) = opener {
            parts.push(Part::new(Kind::Opener { essential }, text));
        }
        if self.personal.returning && !severe {
            parts.push(Part::new(
                Kind::Returning,
                self.one(p.returning, "returning"),
            ));
        }
        parts
    }

    /// The brand's warm line and an emoji, on ordinary moments only, each
    /// at most once. A thanks for praise or a close ends on its own: "We've
    /// got you" after "so glad you're enjoying the tent" answers nothing.
    /// An answer ends on its own offer ("Anything else, just shout."): a
    /// second one after it ("Here if you need us.") reads like a script.
    fn closing(&self, strategy: Strategy) -> Vec<Part> {
        let mut parts = Vec::new();
        let ordinary = !self.situation.is_severe() && !self.needs_empathy;
        // A reply to a hello is itself the offer of help.
        let offers_help = !matches!(
            strategy,
            Strategy::Close | Strategy::Thank | Strategy::Answer
        ) && !self.facts.only_hello;
        if ordinary && self.voice.warmth >= 0.7 && offers_help {
            parts.push(Part::new(
                Kind::Closing,
                self.one(self.phrases.warm_closing, "warm"),
            ));
        }
        let cheerful = matches!(
            self.situation,
            Situation::Praise | Situation::Thanks | Situation::Question
        );
        let emoji = ordinary
            && cheerful
            && self.voice.formality == Formality::Casual
            && self.voice.emoji != EmojiPolicy::Never;
        if let Some(e) = self.voice.allowed_emoji.first().filter(|_| emoji) {
            parts.push(Part::new(Kind::Emoji, e.clone()));
        }
        parts
    }

    /// "order 12345" in private, "your order" in public.
    fn order_reference(&self) -> Option<String> {
        self.facts.order_id.as_ref()?;
        Some(
            match self.personal.speakable(self.facts.order_id.as_deref()) {
                Some(id) => self.phrases.order_ref.replace("{id}", id),
                None => self.phrases.your_order.to_owned(),
            },
        )
    }

    /// Whether the message raises a legal matter calmly: a data request
    /// under the GDPR, a contract to sign, told without negative words and
    /// without harm, anger or chasing beside it. It is still severe (no
    /// emoji, no tips, a specialist), but nothing went wrong to apologise
    /// for, and it is a request, not "your complaint".
    fn calm_legal(&self, triage: &Triage) -> bool {
        let labelled = |set: &[&str]| triage.labels.iter().any(|l| set.contains(&l.as_str()));
        self.situation.is_severe()
            && !self.situation.needs_empathy(triage.sentiment)
            && (triage.intent == "legal" || labelled(&["legal"]))
            && !labelled(HARM_LABELS)
    }

    /// Whether the message is first of all about a death in the family:
    /// condolences open the reply, and an answer needs no "we are treating
    /// this as a priority" after it. A complaint about how a late father's
    /// accounts were handled, angry or chasing, is still that complaint.
    fn condolences_first(triage: &Triage) -> bool {
        let labelled = |label: &str| triage.labels.iter().any(|l| l == label);
        labelled(BEREAVEMENT)
            && !HARM_LABELS.iter().any(|l| labelled(l))
            && !matches!(triage.intent.as_str(), "legal" | "safety" | "outage")
    }

    /// What the matter is called: the order when one was named and the
    /// intent is about an order, else the intent's words.
    fn subject(&self, triage: &Triage) -> String {
        // A message in our name that the customer checks is not the
        // account problem its words name ("being locked out of your
        // account" to one who hung up on a scam call).
        if triage.labels.iter().any(|l| l == SUSPECT_MESSAGE) {
            return self.own(self.phrases.intent("general").subject);
        }
        if triage.labels.iter().any(|l| l == phrases::DISTRESS) {
            return self.own(self.phrases.intent(phrases::DISTRESS).subject);
        }
        if self.calm_legal(triage) {
            return self.own(self.phrases.intent(LEGAL_REQUEST).subject);
        }
        if triage.intent == "billing" && self.facts.invoice_request {
            return self.own(self.phrases.intent(phrases::INVOICE_REQUEST).subject);
        }
        let about_order = matches!(
            triage.intent.as_str(),
            "delivery" | "refund" | "damaged" | "warranty"
        );
        self.order_reference()
            .filter(|_| about_order)
            .unwrap_or_else(|| self.own(self.phrases.intent(&triage.intent).subject))
    }

    /// The answer: the best of the brand's knowledge and canned responses
    /// that answers the message, else the canned response for the intent;
    /// a next step follows.
    fn answer(&self, triage: &Triage) -> Option<(Vec<String>, String)> {
        let (template, text, rationale) = match self.answers.first() {
            Some(found) => {
                let kind = match found.source {
                    Source::Knowledge => "knowledge",
                    Source::Canned => "canned response",
                };
                let text = match found.source {
                    Source::Knowledge => found.text.to_owned(),
                    Source::Canned => self.fill_canned(found.text),
                };
                let why = format!(
                    "{kind} `{}` answers \"{}\"",
                    found.id,
                    found.matched.join("\", \"")
                );
                (found.text, text, why)
            }
            None => {
                let (canned, what) = self
                    .canned_for(triage)
                    .filter(|(c, _)| !(self.facts.status_clear && points_to_status(&c.text)))?;
                let why = format!("canned response `{}` for {what}", canned.id);
                (canned.text.as_str(), self.fill_canned(&canned.text), why)
            }
        };
        if asks_for_given(&text, self.facts) {
            return None;
        }
        // A brand text that names the order (`{order_id}`) has said it; on
        // a severe case the next step names it: the order line would say
        // it a second time.
        let mut body = vec![text];
        let mut rationale = rationale;
        if let Some((also, first)) = self.also.filter(|_| !self.answers.is_empty()) {
            body.insert(usize::from(!first), also.text.to_owned());
            rationale.push_str(&format!(
                "; `{}` answers \"{}\"",
                also.id,
                also.matched.join("\", \"")
            ));
        }
        if let Some(order) = self
            .order_reference()
            .filter(|_| !self.situation.is_severe() && !template.contains("{order_id}"))
        {
            body.push(self.say(self.phrases.order_followup, "order", &[("{order}", &order)]));
        }
        body.push(
            if self.situation.is_severe() && !Self::condolences_first(triage) {
                let subject = self.subject(triage);
                self.say(self.phrases.severe_next, "next", &[("{subject}", &subject)])
            } else if self.situation != Situation::Question
            && FIXABLE_INTENTS.contains(&triage.intent.as_str())
            // A check whether a message was ours reports no fault, and
            // neither does a question in words where nothing goes wrong
            // ("lost my card, can I freeze it in the app?").
            && !triage.labels.iter().any(|l| l == SUSPECT_MESSAGE)
            && self.facts.fault
            {
                self.one(self.phrases.fix_followup, "followup")
            } else {
                self.one(self.phrases.answer_followup, "followup")
            },
        );
        Some((body, rationale))
    }

    /// The canned response for `intent`: one marked with the language
    /// (`id.es`, `id-es`) first, else an unmarked one when composing in the
    /// brand's default language.
    /// The canned response for the triage's intent, else for one of its
    /// labels (a `fraud` reply whatever the intent it came with), and what
    /// it was found for ("intent billing", "label fraud").
    fn canned_for(&self, triage: &Triage) -> Option<(&CannedResponse, String)> {
        self.canned(&triage.intent)
            .map(|c| (c, format!("intent {}", triage.intent)))
            .or_else(|| {
                triage
                    .labels
                    .iter()
                    .find_map(|label| self.canned(label).map(|c| (c, format!("label {label}"))))
            })
    }

    fn canned(&self, intent: &str) -> Option<&CannedResponse> {
        let lang = self.phrases.lang;
        let for_intent = || {
            self.voice
                .canned_responses
                .iter()
                .filter(|c| c.intent == intent)
        };
        for_intent()
            .find(|c| canned_language(&c.id) == Some(lang))
            .or_else(|| {
                for_intent()
                    .find(|c| canned_language(&c.id).is_none())
                    .filter(|_| self.default_language)
            })
    }

    /// Fills `{first_name}`, `{order_id}` (private only; "your order" in
    /// public) and `{agent}`; other placeholders stay for the host.
    fn fill_canned(&self, template: &str) -> String {
        let with_name = fill_name(template, "{first_name}", self.name);
        let with_order = match self.personal.speakable(self.facts.order_id.as_deref()) {
            Some(id) => with_name.replace("{order_id}", id),
            None => {
                let your = self.phrases.your_order;
                with_name
                    .replace("order #{order_id}", "order")
                    .replace("order {order_id}", "order")
                    .replace("#{order_id}", your)
                    .replace("{order_id}", your)
            }
        };
        with_order.replace("{agent}", &self.voice.persona)
    }

    /// What is still to ask for ([`facts::left_to_ask`]).
    pub(crate) fn needs(&self, triage: &Triage) -> Vec<Need> {
        // A problem told as a question of its own ("is there a
        // self-hosted version? our security team won't allow SaaS") is
        // answered as one.
        let asked = self.situation == Situation::Question
            || (self.situation == Situation::Problem && self.facts.specific_question);
        let answered = asked && !self.answers.is_empty();
        facts::left_to_ask(
            self.facts.missing(needed_for(triage), self.reference),
            answered,
        )
    }

    /// `needs` as one phrase ("your order number and a photo of the
    /// item"); none when nothing is missing.
    fn missing(&self, needs: &[Need]) -> Option<String> {
        let missing: Vec<&str> = needs
            .iter()
            .map(|n| self.phrases.need(*n))
            .filter(|words| !words.is_empty())
            .collect();
        (!missing.is_empty()).then(|| self.own(&self.phrases.list(&missing)))
    }

    fn ask_detail(&self, triage: &Triage) -> Option<(Vec<String>, String)> {
        if self.facts.only_hello {
            let body = vec![self.one(self.phrases.ask_open, "ask-open")];
            return Some((
                body,
                "asks how to help: the message only says hello".to_owned(),
            ));
        }
        let needs = self.needs(triage);
        let detail = self.missing(&needs)?;
        let personal = needs.iter().any(|n| {
            matches!(
                n,
                Need::OrderId | Need::AccountEmail | Need::Amount | Need::InvoiceId
            )
        });
        let variants = if self.personal.public && personal {
            self.phrases.ask_private
        } else {
            self.phrases.ask
        };
        let mut body = vec![self.say(
            variants,
            "ask",
            &[("{detail}", &detail), ("{private}", self.private)],
        )];
        if let Some(order) = self.order_reference() {
            body.insert(
                0,
                self.say(self.phrases.order_followup, "order", &[("{order}", &order)]),
            );
        }
        let rationale = format!(
            "asks only for what a {} request still needs",
            triage.intent.replace('-', " ")
        );
        Some((body, rationale))
    }

    fn take_private(&self, triage: &Triage) -> (Vec<String>, String) {
        let p = self.phrases;
        let mut body = vec![match self.missing(&self.needs(triage)) {
            Some(what) => self.say(
                p.take_private,
                "private",
                &[("{private}", self.private), ("{what}", &what)],
            ),
            None => {
                let subject = self.subject(triage);
                self.say(
                    p.take_private_known,
                    "private",
                    &[("{private}", self.private), ("{subject}", &subject)],
                )
            }
        }];
        if self.personal.public {
            body.push(self.one(p.privacy_note, "privacy"));
        }
        let rationale = format!(
            "moves to {}: {} details belong in private",
            self.private,
            triage.intent.replace('-', " ")
        );
        (body, rationale)
    }

    fn escalate(&self) -> (Vec<String>, String) {
        let brand = self.voice.escalation_phrase.trim();
        let own = !brand.is_empty() && self.default_language;
        let handover = if own {
            brand.to_owned()
        } else {
            self.one(self.phrases.escalate, "escalate")
        };
        let mut body = vec![handover];
        // The brand's phrase may promise its own time ("within one
        // business day"): a second, vaguer promise would contradict it.
        if !(own && promises_a_time(brand)) {
            body.push(self.one(self.phrases.escalate_next, "escalate-next"));
        }
        (body, "hands over to a specialist".to_owned())
    }

    fn acknowledge(&self, triage: &Triage) -> (Vec<String>, String) {
        let subject = self.subject(triage);
        let variants = if self.situation.is_severe() {
            self.phrases.severe_next
        } else {
            self.phrases.acknowledge
        };
        let body = vec![self.say(variants, "ack", &[("{subject}", &subject)])];
        (
            body,
            "acknowledges and sets expectations with the SLA ({response_time})".to_owned(),
        )
    }

    fn thank(&self) -> (Vec<String>, String) {
        let p = self.phrases;
        let thanks = match &self.praised {
            Some(praised) => self.say(p.praise_specific, "praise", &[("{praised}", praised)]),
            None => self.one(p.praise, "praise"),
        };
        let body = vec![thanks, self.one(p.praise_after, "praise-after")];
        let why = match &self.praised {
            Some(praised) => format!("thanks for \"{praised}\" and asks nothing"),
            None => "thanks the customer and asks nothing".to_owned(),
        };
        (body, why)
    }

    fn close(&self) -> (Vec<String>, String) {
        (
            vec![self.one(self.phrases.close, "close")],
            "a short close".to_owned(),
        )
    }
}

/// The intent words of a legal matter raised calmly ([`Writer::calm_legal`]).
const LEGAL_REQUEST: &str = "legal-request";

/// Whether a brand text asks for something the customer already gave (a
/// canned "send us your order number" to a message with one).
fn asks_for_given(text: &str, facts: &Facts) -> bool {
    const ORDER: &[&str] = &[
        "order number",
        "número de pedido",
        "numéro de commande",
        "bestellnummer",
    ];
    const EMAIL: &[&str] = &[
        "email address",
        "correo",
        "adresse e-mail",
        "e-mail-adresse",
    ];
    /// Words of a request ("send us", "envoyez", "schicken Sie").
    const REQUEST: &[&str] = &[
        "send",
        "share",
        "provide",
        "dm us",
        "envía",
        "envíanos",
        "comparte",
        "envoy",
        "transmett",
        "schick",
        "senden",
        "nennen",
    ];
    let lower = text.to_lowercase();
    let asks = |words: &[&str]| {
        lower.split_inclusive(['.', '?', '!']).any(|s| {
            words.iter().any(|w| s.contains(w))
                && (s.ends_with('?') || REQUEST.iter().any(|r| s.contains(r)))
        })
    };
    (facts.order_id.is_some() && asks(ORDER)) || (facts.email.is_some() && asks(EMAIL))
}

/// The language a canned response id is marked with (`refund.es`,
/// `refund-es`), when it is one of the composer's languages.
pub(crate) fn canned_language(id: &str) -> Option<&'static str> {
    let suffix = id.rsplit(['.', '-']).next()?;
    phrases::LANGUAGES
        .iter()
        .find(|l| **l != "en" && suffix.eq_ignore_ascii_case(l) && suffix.len() < id.len())
        .copied()
}

/// Swaps in a brand's preferred words where the tables have a natural slot
/// for them (English).
fn prefer_words(text: &str, preferred: &[String]) -> String {
    const SWAPS: &[(&str, &str, &str)] = &[
        ("sorted", "sort it out", "get it sorted"),
        ("fix", "sort it out", "fix it"),
        ("fix", "get it sorted", "fix it"),
        ("resolve", "sort it out", "resolve it"),
        ("check", "look into", "check"),
        ("check", "looking into", "checking"),
        ("happy to help", "We're here to help.", "Happy to help."),
        (
            "happy to help",
            "We are glad to assist.",
            "We are happy to help.",
        ),
        ("asap", "right away", "ASAP"),
        ("shortly", "right away", "shortly"),
    ];
    SWAPS
        .iter()
        .filter(|(word, _, _)| {
            preferred
                .iter()
                .any(|p| p.trim().eq_ignore_ascii_case(word))
        })
        .fold(text.to_owned(), |text, (_, from, to)| {
            text.replace(from, to)
        })
}

/// Removes the sentences that contain a banned phrase; parts left empty
/// are dropped.
fn without_banned(parts: Vec<Part>, banned: &[String]) -> Vec<Part> {
    let banned: Vec<String> = banned
        .iter()
        .map(|b| b.trim().to_lowercase())
        .filter(|b| !b.is_empty())
        .collect();
    if banned.is_empty() {
        return parts;
    }
    parts
        .into_iter()
        .filter_map(|mut part| {
            let kept: Vec<&str> = sentences(&part.text)
                .into_iter()
                .filter(|s| {
                    let lower = s.to_lowercase();
                    !banned.iter().any(|b| lower.contains(b))
                })
                .collect();
            part.text = kept.join(" ");
            (!part.text.trim().is_empty()).then_some(part)
        })
        .collect()
}

/// Splits text after `.`, `!` and `?` followed by a space.
fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, c) in text.char_indices() {
        if matches!(c, '.' | '!' | '?') && bytes.get(i + 1) == Some(&b' ') {
            out.push(text[start..=i].trim());
            start = i + 1;
        }
    }
    out.push(text[start..].trim());
    out.retain(|s| !s.is_empty());
    out
}

/// Words that say when something will happen, in en/es/fr/de.
const TIME_WORDS: &[&str] = &[
    "within",
    "business day",
    "working day",
    "hour",
    "minute",
    "today",
    "tomorrow",
    "en menos de",
    "día hábil",
    "hora",
    "hoy",
    "mañana",
    "sous",
    "jour ouvré",
    "heure",
    "aujourd'hui",
    "demain",
    "innerhalb",
    "werktag",
    "stunde",
    "heute",
    "morgen",
];

/// Whether `text` promises a time of its own: a digit or a word of time.
fn promises_a_time(text: &str) -> bool {
    let lower = text.to_lowercase();
    lower.chars().any(|c| c.is_ascii_digit()) || TIME_WORDS.iter().any(|w| lower.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canned_languages_are_read_from_the_id() {
        assert_eq!(canned_language("refund.es"), Some("es"));
        assert_eq!(canned_language("refund-de"), Some("de"));
        assert_eq!(canned_language("refund"), None);
        assert_eq!(canned_language("es"), None);
        assert_eq!(canned_language("order-en"), None);
    }

    #[test]
    fn banned_sentences_are_removed() {
        let parts = vec![Part::new(
            Kind::Body,
            "We apologize for any inconvenience. We'll fix it.",
        )];
        let kept = without_banned(parts, &["we apologize for any inconvenience".to_owned()]);
        assert_eq!(kept[0].text, "We'll fix it.");
    }

    #[test]
    fn preferred_words_take_their_slot() {
        assert_eq!(
            prefer_words("Then we can sort it out.", &["sorted".to_owned()]),
            "Then we can get it sorted."
        );
    }

    #[test]
    fn a_brand_phrase_with_its_own_time_is_not_promised_twice() {
        assert!(promises_a_time(
            "We are referring your case to a specialist team, who will contact you within one \
             business day."
        ));
        assert!(promises_a_time("Un especialista te escribirá en 24 horas."));
        assert!(!promises_a_time("We're looping in our specialist team."));
    }

    #[test]
    fn plans_fit_the_moment() {
        use Strategy::*;
        let plan = Strategy::plan;
        let public = Route::ReplyPublic;
        assert_eq!(plan(Situation::Praise, public, true, true, true), [Thank]);
        assert_eq!(
            plan(Situation::Thanks, public, false, false, false),
            [Close]
        );
        assert!(plan(Situation::NoReply, Route::NoReply, true, true, true).is_empty());
        assert_eq!(
            plan(Situation::Question, public, true, false, true),
            [Answer, AskDetail, Acknowledge]
        );
        assert_eq!(
            plan(Situation::Problem, Route::TakePrivate, false, false, false),
            [TakePrivate, Acknowledge]
        );
        assert_eq!(
            plan(Situation::Problem, Route::TakePrivate, false, true, true),
            [TakePrivate, Answer, AskDetail, Acknowledge]
        );
        assert_eq!(
            plan(Situation::Problem, Route::TakePrivate, true, false, true),
            [Answer, TakePrivate, AskDetail, Acknowledge]
        );
        assert_eq!(
            plan(Situation::Severe, public, true, false, true),
            [Answer, Acknowledge]
        );
        assert_eq!(
            plan(Situation::Severe, Route::Escalate, false, false, true),
            [Escalate, Acknowledge]
        );
    }

    #[test]
    fn a_canned_ask_for_a_given_order_is_not_used() {
        let given = Facts {
            order_id: Some("#12345".into()),
            ..Facts::default()
        };
        assert!(asks_for_given(
            "Could you send us your order number? We'll check it.",
            &given
        ));
        assert!(!asks_for_given("We'll check it with the carrier.", &given));
        assert!(asks_for_given(
            "Send us a photo and your order number and we'll get it fixed.",
            &given
        ));
        assert!(!asks_for_given(
            "Could you send us your order number?",
            &Facts::default()
        ));
    }
}
