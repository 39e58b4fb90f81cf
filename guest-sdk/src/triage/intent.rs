//! Intent: what the customer wants, for routing, with a confidence that
//! means what it says.
//!
//! Three layers, each explainable:
//!
//! 1. **Rules that win** ([`super::rules::DECISIVE`]): high-precision
//!    phrases for intents where a miss is costly (legal, safety, outage,
//!    auto-replies). Their confidence is the precision measured on the `dev`
//!    split. An auto-reply's bare name ([`super::rules::NAMED_AUTO_REPLY`])
//!    wins only when the text does not chase an answer.
//! 2. **A multinomial logistic regression** over folded word unigrams,
//!    stems and bigrams, trained at build time by `build/intent_model.rs`
//!    into a sorted `const` table (nothing is built per event). Its
//!    probabilities are tempered by [`TEMPERATURE`] (fitted on `dev`), so a
//!    0.8 is right about 80% of the time. Its top class is used at or above
//!    [`MIN_CONFIDENCE`].
//! 3. **Keyword rules** ([`super::rules::FALLBACK`]) when the model is
//!    unsure; then `general`, with the model's doubt as the reason.

use super::classifier::{self, Features};
use super::rules::{self, Folded};

/// The model's answer is used at or above this probability (tuned on the
/// `dev` split of `tests/data/triage-eval.jsonl`).
pub const MIN_CONFIDENCE: f32 = 0.25;

/// Logits are divided by this before the softmax: temperature scaling
/// fitted on the `dev` split, so probabilities are calibrated.
pub const TEMPERATURE: f32 = 0.6;

/// Confidence of a decisive rule's intent (its precision on `dev`).
const DECISIVE_CONFIDENCE: f32 = 0.9;
/// Confidence of `general` when nothing decides: how often such messages
/// are off-topic (measured on `dev`).
pub(super) const UNSURE_CONFIDENCE: f32 = 0.3;
/// Confidence of a keyword rule's intent when the model was unsure.
const FALLBACK_CONFIDENCE: f32 = 0.55;

/// What the customer wants, how sure, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Intent {
    /// The intent name (`refund`, `outage`, ...).
    pub name: &'static str,
    /// Probability that `name` is right, 0..1.
    pub confidence: f32,
    /// Why, e.g. `model: refund 0.87 (top words: "refund", "money back")`.
    pub reason: String,
    /// When the model gives the urgent intents (outage, safety, legal)
    /// together at least `URGENT_RISK` but `name` is none of them: the
    /// most likely of them and their summed probability.
    pub risk: Option<(&'static str, f32)>,
}

/// Summed probability of the urgent intents at which a message is treated
/// as possibly urgent whatever its most likely intent (tuned on `dev`).
pub const URGENT_RISK: f32 = 0.4;

/// The intents whose risk [`Intent::risk`] measures.
const URGENT: &[&str] = &["outage", "safety", "legal"];

/// The model's verdict on one text.
#[derive(Debug, Clone, PartialEq)]
pub struct Prediction {
    /// The most probable class.
    pub intent: &'static str,
    /// Its calibrated probability, 0..1.
    pub probability: f32,
    /// The runner-up class and its probability.
    pub runner_up: (&'static str, f32),
    /// Up to two features of the text that favour `intent` most.
    pub top_words: Vec<&'static str>,
    /// The model's first choice when the text contradicted it (`legal`
    /// without a legal word, `praise` in negative words) and `intent` is
    /// its runner-up.
    pub doubted: Option<&'static str>,
    /// The most likely urgent intent and the urgent intents' summed probability.
    pub urgent: (&'static str, f32),
}

/// Classifies the intent of `text`.
pub fn intent(text: &str) -> Intent {
    let folded = Folded::new(text);
    let negative = super::sentiment(text, None) <= NEGATIVE_WORDS;
    intent_of(&Features::of(text), &folded, negative)
}

/// Words of recommending: a lawyer who recommended the brand threatens
/// nothing ("unser Anwalt hat uns TaskFlow empfohlen").
const RECOMMENDED: &[&str] = &[
    "recommended",
    "recommends",
    "recomendo",
    "recomendado",
    "recommande",
    "empfohlen",
    "empfiehlt",
];

/// Words that turn a recommendation round ("I wouldn't have recommended
/// you"), folded.
const NEGATION: &[&str] = &[
    "not", "never", "wouldn't", "wouldnt", "don't", "dont", "didn't", "didnt", "nicht", "nie",
    "pas", "jamais", "no", "nunca",
];

/// The lawyers among the decisive legal phrases: only a lawyer can be the
/// one who recommended the brand.
const LAWYERS: &[&str] = &[
    "lawyer",
    "lawyers",
    "attorney",
    "solicitor",
    "abogado",
    "abogados",
    "avocat",
    "anwalt",
    "rechtsanwalt",
];

/// Whether the only legal words are a lawyer who recommended the brand, in
/// words that are neither negative nor negated: "our lawyer (a customer herself)
/// recommended you" is no threat; "my lawyer recommended I sue" is, and so
/// is any other legal phrase beside the lawyer.
fn a_lawyer_recommended(folded: &Folded, negative: bool) -> bool {
    let threats = rules::DECISIVE
        .iter()
        .filter(|rule| rule.intent == "legal")
        .flat_map(|rule| rule.phrases.iter())
        .filter(|phrase| !LAWYERS.contains(phrase));
    !negative
        && folded.find(RECOMMENDED).is_some()
        && !rules::has_word(folded, NEGATION)
        && !threats.into_iter().any(|phrase| folded.contains(phrase))
}

/// A lawyer's power held by a person, not a lawyer: "sorted my dad's power
/// of attorney in 20 min" threatens nothing.
const POWER_OF_ATTORNEY: &[&str] = &[
    "power of attorney",
    "lasting power",
    "poder notarial",
    "procuration",
    "vollmacht",
];

/// Whether the only legal word is "attorney" in a power of attorney, with
/// no other legal phrase.
fn an_attorney_as_a_document(folded: &Folded) -> bool {
    folded.find(POWER_OF_ATTORNEY).is_some()
        && !rules::DECISIVE
            .iter()
            .filter(|rule| rule.intent == "legal")
            .flat_map(|rule| rule.phrases.iter())
            .filter(|phrase| **phrase != "attorney")
            .any(|phrase| folded.contains(phrase))
}

/// "On fire" as praise of a streak, not a fire: "my code is on fire
/// today 🔥", "you guys are on fire".
const FIRE_AS_A_FIGURE: &[&str] = &[
    "code is on fire",
    "on fire today",
    "on fire lately",
    "on fire this week",
    "on fire this year",
    "you're on fire",
    "youre on fire",
    "you are on fire",
    "you guys are on fire",
    "team is on fire",
    "i'm on fire",
    "im on fire",
    "been on fire",
];

/// Below this sentiment the words are too negative for praise or thanks.
pub(super) const NEGATIVE_WORDS: f32 = -0.3;

/// [`intent`] on a text already folded for the rules and its features; `negative` says the
/// words alone are clearly negative.
pub(super) fn intent_of(features: &Features, folded: &Folded, negative: bool) -> Intent {
    let named = || {
        rules::first_match(rules::NAMED_AUTO_REPLY, folded)
            .filter(|_| super::cues::repeat_contact(folded, true).is_none())
    };
    let gear = || {
        rules::gear_gave_way(folded)
            .or_else(|| rules::medicine_harmed(folded))
            .map(|word| ("safety", word))
    };
    // A decisive phrase in another sense decides nothing: "the price went
    // down £40" is no outage, "our lawyer recommended you" no threat.
    let decisive =
        rules::first_match(rules::DECISIVE, folded).filter(|(name, phrase)| match *name {
            "outage" => !rules::down_is_elsewhere(folded),
            "legal" => {
                !a_lawyer_recommended(folded, negative) && !an_attorney_as_a_document(folded)
            }
            "safety" => !(*phrase == "on fire" && folded.find(FIRE_AS_A_FIGURE).is_some()),
            _ => true,
        });
    if let Some((name, phrase)) = decisive.or_else(named).or_else(gear) {
        return Intent {
            name,
            confidence: DECISIVE_CONFIDENCE,
            reason: format!("mentions \"{phrase}\""),
            risk: None,
        };
    }
    let prediction = predict_features(features)
        .map(|p| checked(p, folded, negative))
        .map(|p| paying_asked(p, folded))
        .map(|p| closes_the_account(p, folded))
        .map(|p| account_asked(p, folded));
    // A first choice the words ruled out (legal without a legal word) is no risk.
    let urgent = prediction
        .as_ref()
        .filter(|p| p.doubted.is_none())
        .map(|p| p.urgent);
    let mut decided = decide(prediction, folded, negative);
    if PRAISE_MISREADS.contains(&decided.name)
        && let Some(phrase) = thanking(folded, negative)
    {
        decided = Intent {
            name: "thanks",
            confidence: FALLBACK_CONFIDENCE,
            reason: format!("thanks the team (\"{phrase}\"), not {}", decided.name),
            risk: None,
        };
    }
    decided.risk =
        urgent.filter(|&(_, mass)| mass >= URGENT_RISK && !URGENT.contains(&decided.name));
    decided
}

/// The phrase with which a message sets out to thank ("wollte mich nur
/// kurz bedanken", "just wanted to thank"), when nothing in it is wrong,
/// asked or negative: such a message is thanks whatever the model made of
/// the rest of its words.
fn thanking(folded: &Folded, negative: bool) -> Option<&'static str> {
    folded
        .find(rules::THANKING)
        .filter(|_| only_warm(folded, negative))
}

/// Whether nothing in the words goes against warmth: they are not
/// negative, ask nothing and name no defect or request
/// ([`rules::NOT_PRAISE`]).
fn only_warm(folded: &Folded, negative: bool) -> bool {
    !negative && !folded.as_str().contains('?') && !rules::has_word(folded, rules::NOT_PRAISE)
}

/// Faces and signs that say all a wordless message says, with the intent
/// they make: folded hands and a thumbs-up close a conversation, hearts and
/// heart-eyes praise, an angry face complains.
const WORDLESS: &[(char, &str)] = &[
    ('🙏', "thanks"),
    ('👍', "thanks"),
    ('👌', "thanks"),
    ('😍', "praise"),
    ('🥰', "praise"),
    ('🤩', "praise"),
    ('❤', "praise"),
    ('💚', "praise"),
    ('💙', "praise"),
    ('💜', "praise"),
    ('🧡', "praise"),
    ('💛', "praise"),
    ('🙌', "praise"),
    ('😡', "complaint"),
    ('🤬', "complaint"),
    ('😠', "complaint"),
    ('👎', "complaint"),
];

/// The intent of a message with no words, only faces and signs ("🙏",
/// "@PedalPointBikes 😍😍😍"), and the face that says it: `None` when it
/// has a word (an @handle and a link are not words) or no face of
/// [`WORDLESS`].
fn wordless_feeling(folded: &Folded) -> Option<(&'static str, char)> {
    let wordless = folded
        .as_str()
        .split_whitespace()
        .filter(|token| !token.starts_with('@') && !token.contains("://"))
        .all(|token| !token.chars().any(char::is_alphanumeric));
    if !wordless {
        return None;
    }
    folded
        .as_str()
        .chars()
        .find_map(|c| WORDLESS.iter().find(|(face, _)| *face == c))
        .map(|&(face, name)| (name, face))
}

/// The model's or the keyword rules' intent, or `general`; `negative` says
/// the words alone are clearly negative.
fn decide(prediction: Option<Prediction>, folded: &Folded, negative: bool) -> Intent {
    if let Some(p) = &prediction
        && p.probability >= MIN_CONFIDENCE
    {
        return Intent {
            name: p.intent,
            confidence: p.probability,
            reason: describe(p),
            risk: None,
        };
    }
    // "thank you… but the zip is broken" is no thanks, nor is the "Merci"
    // that ends a question ("j'ai perdu ma carte… Que dois-je faire ?
    // Merci"): answered "glad it's all sorted", the customer is left alone
    // with a lost card.
    let warm_but_wrong =
        |name: &str| ["thanks", "praise"].contains(&name) && !only_warm(folded, negative);
    if let Some((name, phrase)) =
        rules::first_match(rules::FALLBACK, folded).filter(|(name, _)| !warm_but_wrong(name))
    {
        return Intent {
            name,
            confidence: FALLBACK_CONFIDENCE,
            reason: format!("mentions \"{phrase}\""),
            risk: None,
        };
    }
    match prediction {
        // Unsure, but its best guess is praise and the words only praise
        // ("just summited Ben Nevis in your boots, not a single blister.
        // legends"): thanked for it, not asked what it is about.
        Some(p)
            if p.intent == "praise"
                && rules::praising(folded)
                && !rules::has_word(folded, rules::NOT_PRAISE)
                && only_warm(folded, negative) =>
        {
            Intent {
                name: "praise",
                confidence: UNSURE_CONFIDENCE,
                reason: format!(
                    "unsure, but only warm words: the model's best guess, praise at {:.2}, is under {MIN_CONFIDENCE}",
                    p.probability
                ),
                risk: None,
            }
        }
        // Unsure, but its best guess is a question and it asks one ("any
        // chance the Ridgeline comes in a wide fit?"): a question to the
        // brand waits for an answer, not for chit-chat.
        Some(p) if p.intent == "question" && folded.as_str().contains(['?', '¿']) => Intent {
            name: "question",
            confidence: UNSURE_CONFIDENCE,
            reason: format!(
                "unsure, but it asks: the model's best guess, question at {:.2}, is under {MIN_CONFIDENCE}",
                p.probability
            ),
            risk: None,
        },
        // Unsure, but it asks how to do something ("lost my wallet on the
        // bus with my card in it. how do I block it?"): a question to the
        // brand, not chit-chat, whatever the model's faint guess.
        Some(p) if folded.find(ASKS_HOW_TO).is_some() => Intent {
            name: "question",
            confidence: UNSURE_CONFIDENCE,
            reason: format!(
                "unsure, but it asks how to do something: the model's best guess, {} at {:.2}, is under {MIN_CONFIDENCE}",
                p.intent, p.probability
            ),
            risk: None,
        },
        Some(p) => Intent {
            name: "general",
            confidence: UNSURE_CONFIDENCE,
            reason: format!(
                "unsure: the model's best guess, {} at {:.2}, is under {MIN_CONFIDENCE}",
                p.intent, p.probability
            ),
            risk: None,
        },
        None => match wordless_feeling(folded) {
            Some((name, face)) => Intent {
                name,
                confidence: UNSURE_CONFIDENCE,
                reason: format!("no words, only {face}"),
                risk: None,
            },
            None => Intent {
                name: "general",
                confidence: UNSURE_CONFIDENCE,
                reason: "unsure: no word the model knows".to_owned(),
                risk: None,
            },
        },
    }
}

/// The most likely urgent intent and the urgent intents' summed probability.
fn urgent_mass(table: &classifier::Table, probabilities: &[f32]) -> (&'static str, f32) {
    let mut best = ("outage", 0.0f32);
    let mut mass = 0.0;
    for (class, &p) in table.classes.iter().zip(probabilities) {
        if URGENT.contains(class) {
            mass += p;
            if p > best.1 {
                best = (class, p);
            }
        }
    }
    (best.0, mass)
}

/// The model's verdict, or its runner-up when the verdict contradicts the
/// text: `legal`, `safety`, `outage` or `auto-reply` without a word that
/// confirms it ([`rules::CONFIRMING`]: an outage needs a failure, a status
/// code or many people, and not a rate limit or the customer's own change
/// alone: [`rules::self_inflicted`]), `praise` or `thanks` in clearly negative words,
/// `praise` without a word of praise ([`rules::PRAISING`]) or next to a
/// defect or a request ([`rules::NOT_PRAISE`]),
/// `thanks` around a question, `complaint` as a question in words that are
/// not negative,
/// `outage` from someone for whom it works ([`rules::WORKS_FOR_ME`]),
/// `cancellation` of a lost or stolen card or of one payment
/// ([`super::cues::cancels_a_card`], [`super::cues::cancels_a_payment`]);
/// and a problem ([`PRAISE_MISREADS`]) in words that fit praise, with
/// praise a close second, is praise.
fn checked(p: Prediction, folded: &Folded, negative: bool) -> Prediction {
    let unconfirmed = |name: &str| {
        let words = rules::confirming(name);
        !words.is_empty() && !rules::has_word(folded, words)
    };
    let doubtful = |name: &str| match name {
        // Thanks around a question ("¿Puedo devolver unas botas…?
        // Gracias") still waits for an answer. Praise may ask rhetorically
        // ("is it everything a river should be?").
        // Nor is sarcasm ("great, another 'delivery attempted' when I was
        // home all day 🙄 thanks for nothing").
        "thanks" => {
            negative || folded.as_str().contains('?') || rules::has_word(folded, rules::NOT_THANKS)
        }
        // A defect conceded in the praise ("Großes Lob an den Fahrer… obwohl
        // der Aufzug kaputt war") is what the praised person overcame.
        "praise" => {
            negative
                || !rules::praising(folded)
                || rules::has_word(&rules::without_concessions(folded), rules::NOT_PRAISE)
        }
        "outage" => {
            rules::has_word(folded, rules::WORKS_FOR_ME)
                || rules::self_inflicted(folded)
                || rules::blames_a_mistake(folded)
                || unconfirmed(name)
                || rules::down_is_elsewhere(folded)
        }
        // Cancelling a lost or stolen card is blocking and replacing it,
        // and cancelling a payment stops one payment: neither is leaving.
        "cancellation" => {
            super::cues::cancels_a_card(folded)
                || super::cues::cancels_a_payment(folded)
                || super::cues::cancels_nothing(folded)
                || super::cues::only_cancelled(folded)
                || unconfirmed(name)
        }
        // A complaint says something is wrong: a question in neutral words
        // ("what time does your phone line close today?") is none.
        // "C'EST ÇA VOTRE SERVICE CLIENT ???" and "why is your service so
        // slow?" are no questions.
        //
        // A complaint is also "none of the above" (LABELLING.md): anger
        // about a parcel that never arrived is about the delivery, when
        // the model's second choice is that topic and the words name it.
        "complaint" => {
            (!negative
                && folded.as_str().contains('?')
                && !folded.as_str().contains("??")
                && !rules::has_word(folded, rules::COMPLAINING))
                || names_its_topic(p.runner_up.0, folded)
        }
        // A child, a hospital or the gas is a safety report only when
        // something physical went wrong ("2 adults + a baby, can you pick
        // us up at the airport?" is a question).
        "safety" => {
            let endangered =
                rules::has_word(folded, rules::AT_RISK) && rules::has_word(folded, rules::HAZARD);
            !(rules::confirms_without_harmless(folded, rules::confirming(name)) || endangered)
        }
        // "My lawyer friend recommended you" threatens nothing.
        "legal" => unconfirmed(name) || a_lawyer_recommended(folded, negative),
        name => unconfirmed(name),
    };
    // Praise by denial ("not a single complaint from her after 3 days
    // hiking", "zero issues since the update") in words otherwise warm is
    // praise, whatever the model read into the complaint or the issue it
    // denies ("since the update" is no account matter): told "sorry about
    // that, we're looking into it", the customer who said something kind
    // reads a script.
    if p.intent != "praise"
        && !SILENCING.contains(&p.intent)
        && rules::praises_by_denial(folded)
        && only_warm(folded, negative)
    {
        return read_as(p, "praise");
    }
    // Thanks for something done ("merci pour le service au magasin de
    // Lyon, le vendeur a pris 30 min pour m'aider 🙏"), read as a complaint
    // about the service it names or a question about the shop, in words
    // that only praise: answered "sorry about this", the customer who
    // took the time to thank reads a script.
    if (PRAISE_MISREADS.contains(&p.intent) || p.intent == "question")
        && folded.find(GRATEFUL).is_some()
        && only_warm(folded, negative)
    {
        let thanks = p.runner_up.0 == "thanks";
        return read_as(p, if thanks { "thanks" } else { "praise" });
    }
    // The mirror case: a problem read in words that only praise ("der neue
    // Log-Viewer ist richtig gut geworden 🔥", "froze my card, unfroze it.
    // 30 seconds. this is how banking should be"), with praise a close
    // second, is praise: asked for details of a problem, the customer who
    // took the time to say something kind reads a script. Sarcasm stays a
    // problem: it names a defect, waits on something or is negative.
    if PRAISE_MISREADS.contains(&p.intent)
        && p.runner_up.0 == "praise"
        && p.runner_up.1 >= p.probability * CLOSE_SECOND
        && rules::praising(folded)
        && only_warm(folded, negative)
    {
        let (name, probability) = p.runner_up;
        return Prediction {
            intent: name,
            probability: probability / (probability + p.probability).max(f32::EPSILON),
            runner_up: (p.intent, 0.0),
            top_words: Vec::new(),
            doubted: Some(p.intent),
            urgent: p.urgent,
        };
    }
    // Money on its way is no parcel: when it arrives is a question the
    // brand's knowledge answers (transfer times, cut-offs).
    if p.intent == "delivery" && super::cues::money_on_its_way(folded) {
        return as_question(p);
    }
    // Shoes too small to be swapped for a bigger size are a question of
    // exchanges (sizes, the returns window), not a broken item or a late
    // parcel ("vor drei Wochen bestellt … zu klein. Kann ich sie noch
    // umtauschen?"): asked for a photo of the damage, the customer reads a
    // script.
    if matches!(p.intent, "damaged" | "delivery") && super::cues::does_not_fit(folded) {
        return as_question(p);
    }
    // Asking to change an order not yet sent ("can I swap it for the
    // 3-person one before it ships?") is a question of whether it can be
    // made: neither a late parcel nor a broken one.
    if super::cues::before_it_ships(folded)
        && folded.as_str().contains('?')
        && (matches!(p.intent, "delivery" | "damaged") || doubtful(p.intent))
    {
        return as_question(p);
    }
    // Whether a dish holds an allergen, asked before anything happened, is
    // a question: told "if anyone was hurt, get medical help", the parent
    // asking reads a script.
    if p.intent == "safety" && super::cues::asks_about_an_allergy(folded) {
        return as_question(p);
    }
    // A part missing from what came ("the stove is missing the burner
    // head") is a damaged order, whatever else the words suggest (a burner
    // read as a burn, a wait read as a delivery).
    if super::cues::missing_a_part(folded)
        && (matches!(p.intent, "delivery" | "general" | "complaint") || doubtful(p.intent))
    {
        return read_as(p, "damaged");
    }
    // "Please add our VAT number to future invoices" asks for something of
    // the customer's to be recorded, not for a feature: asked how they
    // would use it, they read a script.
    if p.intent == "feature-request" && super::cues::adds_their_own(folded) {
        return as_question(p);
    }
    // A calm question that names the returns policy ("is the 60 day return
    // window from when it's delivered or from the order date?") asks what
    // the policy says: no parcel to look for, no order number to ask for.
    if matches!(p.intent, "delivery" | "refund" | "damaged")
        && !negative
        && rules::asks(folded.as_str())
        && super::cues::names_a_policy(folded)
    {
        return as_question(p);
    }
    // An item never used, asked about going back ("bought a down jacket
    // before new year, never worn, tags still on. am i too late to send it
    // back"), asks what the returns policy allows: no repair, no parcel.
    if matches!(p.intent, "warranty" | "delivery") && !negative && super::cues::unused(folded) {
        return as_question(p);
    }
    // Asking how long a contract binds, whether one can leave at any time
    // or what leaving early costs ("Kann ich monatlich kündigen?", "is
    // there a fee if I leave early") is neither leaving nor a wrong
    // charge: the terms answer it.
    // A fee already charged for leaving is a billing matter.
    // So is a calm question about what leaving does to what the customer
    // keeps ("wenn ich kündige, was passiert mit unseren Build-Logs?"),
    // whatever product word the model read it by.
    let ahead = p.intent == "cancellation"
        || (p.intent == "billing" && !super::cues::names_a_charge(folded))
        || (matches!(p.intent, "technical" | "account" | "general") && !negative);
    if ahead && super::cues::asks_the_terms(folded) {
        return as_question(p);
    }
    // Asking what the product does ("can I use my phone as a hotspot?",
    // "does the app work on an iPad?") with nothing going wrong is a
    // question: asked for an error message, the customer reads a script.
    if p.intent == "technical" && super::cues::asks_whether_it_can(folded) {
        return as_question(p);
    }
    // Whether a sofa will fit through the door, asked before it comes, is
    // a question of measurements.
    if matches!(p.intent, "technical" | "delivery" | "general")
        && super::cues::asks_whether_it_fits(folded)
    {
        return as_question(p);
    }
    if !doubtful(p.intent) {
        return p;
    }
    // The runner-up's probability given that the first choice is ruled out
    // (none when the runner-up does not fit the words either).
    // A runner-up that silences the customer (spam, auto-reply) keeps its
    // own probability: renormalised after a sure first choice, a runner-up
    // at 0.001 would become a sure verdict ("a procedure before the data
    // protection agency" read as spam once `legal` lacked its word).
    let (mut name, probability) = p.runner_up;
    // Warm words or a wish around a question ("love the tent, does it
    // come in a 3-person size?", "is there a way to bulk-add seats?") make
    // a question, and so do neutral words read as a complaint, unless the
    // runner-up names its topic (a refund, a delivery) in words that fit
    // it: a runner-up like `technical` would ask for an error message
    // nobody mentioned.
    // A wish among them ("love the new caching. any plans for ARM
    // runners?") is a feature request.
    if ASKING_MOMENTS.contains(&p.intent)
        && folded.as_str().contains('?')
        && (!TOPICS.contains(&name) || doubtful(name))
    {
        name = if p.intent != "feature-request" && wishes(folded) {
            "feature-request"
        } else {
            "question"
        };
    }
    let probability = if doubtful(name) {
        0.0
    } else if SILENCING.contains(&name) {
        probability
    } else {
        probability / (1.0 - p.probability).max(probability).max(f32::EPSILON)
    };
    Prediction {
        intent: name,
        probability,
        runner_up: (p.intent, 0.0),
        top_words: Vec::new(),
        doubted: Some(p.intent),
        urgent: p.urgent,
    }
}

/// A question about paying that names no charge ("¿puedo pagar con el
/// reloj?") is a question: billing is about what was charged. Money taken
/// by someone else, surely read as billing ("someone just used my card in
/// Dubai?? is this you or a scam"), stays billing.
fn paying_asked(p: Prediction, folded: &Folded) -> Prediction {
    if p.intent != "billing"
        || !rules::asks(folded.as_str())
        || super::cues::names_a_charge(folded)
        || (p.probability >= MIN_CONFIDENCE && super::cues::fraud(folded).is_some())
    {
        return p;
    }
    as_question(p)
}

/// A question about an account that names no access or identity matter
/// ([`super::cues::names_access`]: "can my partner and I open a joint
/// account in the app?", "Wie bekomme ich ein Backup aller Projekte
/// raus?") is a question: nothing is wrong with the customer's account, and
/// nothing about it needs a private channel.
fn account_asked(p: Prediction, folded: &Folded) -> Prediction {
    if p.intent != "account" || !rules::asks(folded.as_str()) || super::cues::names_access(folded) {
        return p;
    }
    as_question(p)
}

/// Whether the words wish for something the product does not do
/// ([`rules::FALLBACK`]'s feature-request phrases: "any plans to", "would
/// be great if").
fn wishes(folded: &Folded) -> bool {
    mentions("feature-request", folded)
}

/// An account closed ("konto schließen", "fermer mon compte"): leaving,
/// not an access matter.
fn closes_the_account(p: Prediction, folded: &Folded) -> Prediction {
    if p.intent == "account" && super::cues::closes_the_account(folded) {
        return read_as(p, "cancellation");
    }
    p
}

/// `p` ruled out for a question, at `p`'s probability: its first choice
/// is what the message is about, not what it is (a parcel, money, a bill).
fn as_question(p: Prediction) -> Prediction {
    read_as(p, "question")
}

/// `p` read as `intent`, the model's verdict kept as the doubted one.
fn read_as(p: Prediction, intent: &'static str) -> Prediction {
    Prediction {
        intent,
        runner_up: (p.intent, 0.0),
        top_words: Vec::new(),
        doubted: Some(p.intent),
        ..p
    }
}

/// Whether `intent` is a topic ([`TOPICS`]) that the text names in its
/// own words ([`rules::FALLBACK`]: "never arrived", "refund"). Not a
/// cancellation: "unsubscribe me from your marketing emails" is no leaving.
fn names_its_topic(intent: &str, folded: &Folded) -> bool {
    TOPICS.contains(&intent) && intent != "cancellation" && mentions(intent, folded)
}

/// Whether the text has one of [`rules::FALLBACK`]'s phrases for `intent`.
fn mentions(intent: &str, folded: &Folded) -> bool {
    rules::FALLBACK
        .iter()
        .any(|rule| rule.intent == intent && folded.find(rule.phrases).is_some())
}

/// Problems the model reads into warm words with nothing wrong in them:
/// with praise a close second and words that fit praise, the message is
/// praise ([`checked`]).
/// Thanks for something done, folded: "merci pour", "thanks to Jo for".
const GRATEFUL: &[&str] = &[
    "thanks for",
    "thank you for",
    "thanks to",
    "thank you to",
    "big thanks",
    "huge thanks",
    "gracias por",
    "gracias a",
    "merci pour",
    "merci a",
    "merci beaucoup pour",
    "un grand merci",
    "danke fur",
    "danke an",
    "vielen dank fur",
    "herzlichen dank",
];

const PRAISE_MISREADS: &[&str] = &[
    "complaint",
    "technical",
    "general",
    // "The boots arrived today and they fit perfectly. Really pleased!"
    "damaged",
    "delivery",
];

/// How close a runner-up must be to the first choice, as a share of its
/// probability, to be preferred when the words fit it and not the first.
const CLOSE_SECOND: f32 = 0.5;

/// Intents that, ruled out around a question, leave a question.
const ASKING_MOMENTS: &[&str] = &["praise", "thanks", "feature-request", "complaint"];

/// Intents that name what a message is about, kept as the runner-up of
/// a ruled-out [`ASKING_MOMENTS`] intent.
const TOPICS: &[&str] = &[
    "refund",
    "delivery",
    "cancellation",
    "account",
    "billing",
    "damaged",
    "warranty",
    "outage",
    "legal",
    "safety",
];

/// Intents that leave the customer without an answer.
const SILENCING: &[&str] = &["spam", "auto-reply"];

/// Asking how to do something, folded: "how do I", "que dois-je faire",
/// "wie kann ich".
const ASKS_HOW_TO: &[&str] = &[
    "how do i",
    "how can i",
    "how do we",
    "how can we",
    "where do i",
    "where can i",
    "what do i do",
    "what should i do",
    "como puedo",
    "como hago",
    "que tengo que hacer",
    "comment puis-je",
    "comment je peux",
    "comment faire",
    "que dois-je faire",
    "wie kann ich",
    "wie mache ich",
    "was muss ich",
];

/// `model: refund 0.87 (top words: "refund", "money back")`.
fn describe(p: &Prediction) -> String {
    let words: Vec<String> = p.top_words.iter().map(|w| format!("\"{w}\"")).collect();
    let mut out = format!("model: {} {:.2}", p.intent, p.probability);
    if let Some(doubted) = p.doubted {
        out.push_str(&format!(
            " (its first choice, {doubted}, does not fit the words)"
        ));
    }
    if !words.is_empty() {
        out.push_str(&format!(" (top words: {})", words.join(", ")));
    }
    if p.doubted.is_none() && p.runner_up.1 >= 0.15 {
        out.push_str(&format!("; then {} {:.2}", p.runner_up.0, p.runner_up.1));
    }
    out
}

/// Runs the logistic regression; `None` when the text has no feature the
/// model knows.
pub fn predict(text: &str) -> Option<Prediction> {
    predict_features(&Features::of(text))
}

/// [`predict`] on features already extracted.
fn predict_features(features: &Features) -> Option<Prediction> {
    let table = &classifier::INTENT;
    let scored = table.score_features(features, TEMPERATURE)?;
    let order = scored.ranked();
    let (best, second) = (order[0], *order.get(1).unwrap_or(&order[0]));
    Some(Prediction {
        intent: table.classes[best],
        probability: scored.probabilities[best],
        runner_up: (table.classes[second], scored.probabilities[second]),
        top_words: scored.top_features(best, 2),
        doubted: None,
        urgent: urgent_mass(table, &scored.probabilities),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clear_examples_per_class() {
        let cases = [
            (
                "I want my money back for this purchase, please refund me",
                "refund",
            ),
            ("Why was I charged twice on my statement?", "billing"),
            (
                "Where is my package? The tracking hasn't changed in a week",
                "delivery",
            ),
            (
                "I forgot my password and can't log in to the app",
                "account",
            ),
            ("I'd like to cancel my subscription please", "cancellation"),
            ("What time do you open on Saturdays?", "question"),
            ("thanks, that fixed it!", "thanks"),
            (
                "The tent arrived with a torn seam and a broken pole",
                "damaged",
            ),
            ("Your site is down, outage since this morning", "outage"),
            ("It would be nice to have a dark mode", "feature-request"),
            ("My lawyer will be in touch", "legal"),
            (
                "¿dónde está mi pedido? llevo dos semanas esperando",
                "delivery",
            ),
            ("je veux annuler mon abonnement", "cancellation"),
            // A return's tracking number does not make it a delivery.
            (
                "sent my boots back 3 weeks ago, tracking says delivered to your warehouse \
                 but still no refund on my card",
                "refund",
            ),
            (
                "just wanted to say the new size guide is miles better than the old one 👍",
                "praise",
            ),
            (
                "@LedgerBank moved my savings and set up a standing order in two minutes. this \
                 is how banking should be",
                "praise",
            ),
            // Thanks the model does not know in German.
            (
                "Ich wollte mich nur bedanken, der Support hat uns gestern echt gerettet",
                "thanks",
            ),
            // Read as a complaint by the model, with praise a close second.
            (
                "Wollte nur mal sagen: das neue Dashboard ist richtig gut geworden 🔥",
                "praise",
            ),
        ];
        for text in [
            "Hola, ¿Puedo devolver unas botas que ya he usado en una ruta? Me hacen daño. Gracias",
            "thanks so much! quick one: do you ship to Ireland?",
            // No word of praise: a question about a plan.
            "@forgekit how much is Team for a 6 person startup? and do we keep the free build minutes",
            // A request, however polite.
            "love the new app! can you post my statements to me or is there a quicker way?",
            // A question after the praise waits for its answer.
            "absolutely love the new Ridgeline tent ⛺️ does it come in a 3-person version?",
            "honestly the best CI I've used. does the Team plan include macOS runners?",
            // Sarcasm next to a defect.
            "@AcmeOutdoors my Trek stove's burner cracked on day 2 of a 5 day trip. brilliant. cold food for 3 days 🙃",
            "brilliant. the app logged me out again 🙃",
            "just wanted to thank you for the jacket, but the zip is broken already",
            // Warm words before a defect.
            "the new search is great but it doesn't find anything older than a week",
        ] {
            let got = intent(text);
            assert!(
                !["thanks", "praise"].contains(&got.name),
                "{text:?}: {}",
                got.reason
            );
        }
        // A question how to do something is no wish for a new feature, and
        // praise around a question is a question.
        for text in [
            "Our team of 40 engineers is moving to ForgeKit. Is there a way to bulk-add seats \
             for everyone, and are new seats billed straight away?",
            "Hallo, wie kann ich alle unsere Projekte samt Build-Logs exportieren? Wir brauchen \
             das für ein Audit.",
            "absolutely love the new Ridgeline tent ⛺️ does it come in a 3-person version?",
        ] {
            let got = intent(text);
            assert_eq!(got.name, "question", "{text:?}: {}", got.reason);
        }
        for (text, expected) in cases {
            let got = intent(text);
            assert_eq!(got.name, expected, "{text:?}: {}", got.reason);
            assert!(got.confidence > 0.0 && got.confidence <= 1.0);
        }
    }

    #[test]
    fn a_wordless_message_says_what_its_face_says() {
        assert_eq!(intent("🙏").name, "thanks");
        assert_eq!(intent("@PedalPointBikes 😍😍😍").name, "praise");
        assert_eq!(intent("@PedalPointBikes 😡").name, "complaint");
        assert_eq!(intent("🤔").name, "general");
    }

    #[test]
    fn a_defect_overcome_does_not_spoil_the_praise() {
        let text = "Großes Lob an @Korbly_de – der Fahrer hat mir heute die Kisten bis in den 4. \
                    Stock getragen, obwohl der Aufzug kaputt war. 💚";
        // Read as triage reads it, in its language ("kaputt" is the only
        // dark word, and the words alone are warm).
        let negative = super::super::sentiment(text, Some("de")) <= NEGATIVE_WORDS;
        let got = intent_of(&Features::of(text), &Folded::new(text), negative);
        assert_eq!(got.name, "praise", "{text:?}: {}", got.reason);
        let text = "love the tent but the zip is broken";
        assert_ne!(intent(text).name, "praise", "{text:?}");
    }

    #[test]
    fn a_power_of_attorney_is_no_threat_and_a_solicitors_letter_is() {
        let text = "@LedgerBank Shoutout to Aisha at the Bristol branch who sorted my dad's power of \
                    attorney in 20 min and was so patient with him ❤️";
        assert_ne!(intent(text).name, "legal", "{text:?}");
        let text = "We act for the above-named. We invite you to provide a substantive response \
                    within 14 days, failing which our client will issue proceedings. Hartley & Voss \
                    Solicitors LLP";
        assert_eq!(intent(text).name, "legal", "{text:?}");
    }

    #[test]
    fn harm_told_plainly_is_safety() {
        for text in [
            "My 2yo has just swallowed one of the little star buttons off the cardigan, it came off really easily. We're in A&E now",
            "guy in a van has been following me round level 3 at the car park shouting he'll sort me out. what do I do",
            "im Studio ist heute am Latzug das Seil gerissen, der Typ neben mir hat das Gewicht auf die Schulter bekommen",
            // Despair that sees no way out is heard, whatever the topic.
            "I can't keep up with the overdraft any more. the charges keep piling up and I honestly \
             can't see any way out of this. haven't slept properly in days",
            "i can't keep doing this\noverdraft maxed, the loan, two credit cards, rent due friday\ni honestly don't see a way out anymore",
        ] {
            assert_eq!(intent(text).name, "safety", "{text:?}");
        }
        // A streak "on fire" is praise, a jacket on fire is not.
        assert_ne!(
            intent(
                "my code is on fire today 🔥🔥 the new split diff view is chef's kiss, thank you"
            )
            .name,
            "safety"
        );
        assert_eq!(
            intent("the stove's fuel line was on fire when I lit it, my hand is burnt").name,
            "safety"
        );
        // Not a contract one cannot leave.
        assert_ne!(
            intent("is there really no way out of this contract without paying the exit fee?").name,
            "safety"
        );
    }

    #[test]
    fn costly_intents_need_a_confirming_word() {
        // Off-topic posts the model once read as safety or auto-replies:
        // escalating or ignoring them would be the costly mistakes.
        for text in [
            "Got the doggo groomed because it's been hot outside and now it's 48 degrees",
            "broadcasting this reply",
            "We've hit the black humour phase now. #brexit",
            "Learn how to use the user Post timeline endpoints in the X API v2 to explore Posts https://t.co/56a0vZUx7i",
            // A regulator blamed in a post is no complaint to it.
            "The email blames the bad decisions of @KwasiKwarteng, @beisgovuk and @ofgem. \
             The #GasCrisis proves that privatised energy isn't working.",
            // Water through a seam is no danger.
            "@AcmeOutdoor honestly gutted, the tent I saved up for leaks at every seam after one night",
        ] {
            let got = intent(text);
            assert!(
                !["safety", "auto-reply", "legal"].contains(&got.name),
                "{text:?}: {}",
                got.reason
            );
        }
        assert_eq!(intent("my kid burned his hand on the stove").name, "safety");
        assert_eq!(
            intent("the stove is leaking gas at the valve, I can smell it").name,
            "safety"
        );
        // Leaving Jenkins for the brand is no cancellation.
        let text = "any chance you plug into azure devops? we're moving off jenkins";
        assert_ne!(intent(text).name, "cancellation", "{text:?}");
        assert_eq!(
            intent("how do we stop being billed? moving to github actions").name,
            "cancellation"
        );
    }

    #[test]
    fn a_ruled_out_first_choice_does_not_make_spam_sure() {
        for text in [
            "Les informo que he iniciado un procedimiento ante la Agencia Española de Protección de Datos",
            "Your message has been received. A confirmation number will follow.",
        ] {
            if let Some(p) = predict(text).map(|p| checked(p, &Folded::new(text), false))
                && p.intent == "spam"
            {
                assert!(
                    p.probability < MIN_CONFIDENCE,
                    "{text:?}: {}",
                    p.probability
                );
            }
        }
    }

    #[test]
    fn nobody_helping_is_no_outage_but_nobody_getting_in_is() {
        assert_ne!(
            intent("es la tercera vez que escribo por lo mismo y nadie me ayuda").name,
            "outage"
        );
        assert_eq!(
            intent("nadie en la oficina puede entrar a la app desde las 9").name,
            "outage"
        );
    }

    #[test]
    fn a_down_jacket_is_no_outage() {
        for text in [
            "can I machine-wash my down jacket?",
            "is the goose down in the Summit parka ethically sourced?",
        ] {
            assert_ne!(intent(text).name, "outage", "{text:?}");
        }
        assert_eq!(
            intent("your site is down and I can't order the down jacket").name,
            "outage"
        );
    }

    #[test]
    fn works_for_me_is_not_an_outage() {
        for text in [
            "not down for me fwiw, our builds in eu-west run fine",
            "chez moi ça marche bien, c'est peut-être ton wifi",
            "bei mir läuft alles, komisch",
            // The cause found on the writer's side.
            "is the app down or just my wifi? nvm it's my wifi",
            // Their own upgrade.
            "builds got really slow since I upgraded the CLI, anyone else?",
        ] {
            assert_ne!(intent(text).name, "outage", "{text:?}");
        }
    }

    #[test]
    fn anger_about_a_parcel_that_never_arrived_is_about_the_delivery() {
        let text = "I am so disappointed in you. Ten days. Three emails. No answers. My son's birthday present never arrived.";
        let got = intent(text);
        assert_eq!(got.name, "delivery", "{}", got.reason);
    }

    #[test]
    fn gear_that_holds_a_person_giving_way_is_a_safety_report() {
        for text in [
            "the buckle on my kid's climbing harness cracked at the crag today. thankfully she was on the ground",
            "el mosquetón se abrió solo en la vía, menos mal que iba asegurado",
            "la sangle du baudrier s'est déchirée en pleine voie",
            "Steigeisen nach zwei Touren gebrochen, zum Glück im flachen Gelände",
        ] {
            assert_eq!(intent(text).name, "safety", "{text}");
        }
        // Not gear that holds anyone.
        assert_ne!(
            intent("the zip on my jacket snapped after two wears").name,
            "safety"
        );
    }

    #[test]
    fn a_change_to_an_order_not_yet_sent_is_a_question() {
        for text in [
            "hi! ordered the 2-person tent yesterday, can I swap it for the 3-person one before it ships? order 55120",
            "¿puedo cambiar la talla antes de que se envíe el pedido?",
        ] {
            let got = intent(text);
            assert_eq!(got.name, "question", "{text}: {}", got.reason);
        }
    }

    #[test]
    fn a_question_about_paying_that_names_no_charge_is_a_question() {
        let text = "¿puedo pagar con el reloj (Apple Watch) con vuestra tarjeta?";
        let got = intent(text);
        assert_eq!(got.name, "question", "{text}: {}", got.reason);
        let text = "why was I charged a £5 fee for a transfer to Spain?";
        assert_eq!(intent(text).name, "billing", "{text}");
    }

    #[test]
    fn money_taken_by_someone_else_stays_billing_when_asked() {
        reads_as(&[(
            "@LedgerBank someone just used my card in Dubai and I'm sat in Leeds?? is this you or a scam 😡",
            "billing",
        )]);
    }

    #[test]
    fn sarcastic_thanks_are_no_thanks() {
        let text = "@AcmeOutdoor great, another 'delivery attempted' when I was home all day 🙄 thanks for nothing";
        let got = intent(text);
        assert_ne!(got.name, "thanks", "{text}: {}", got.reason);
    }

    #[test]
    fn a_question_that_ends_in_thanks_is_no_thanks() {
        reads_as(&[(
            "Bonjour, j'ai perdu ma carte hier soir dans le métro. Que dois-je faire ? Merci",
            "question",
        )]);
    }

    #[test]
    fn thanks_then_a_question_is_a_question() {
        let text = "Bonjour, Merci pour la réponse rapide et pour le geste. Petite question du coup : à partir de quand est-ce qu'on peut voir les plats de la semaine suivante ? Camille";
        reads_as(&[(text, "question")]);
    }

    #[test]
    fn a_plan_put_on_hold_is_no_complaint() {
        let text = "hey! we're off travelling for two months from mid july 🌍 can i put crumb on hold for that long without cancelling the whole thing? don't want to lose all my saved favourites";
        let read = intent(text);
        assert!(
            !["complaint", "cancellation"].contains(&read.name),
            "{text}: {}",
            read.reason
        );
    }

    #[test]
    fn praise_by_denial_is_praise_unless_a_turn_undoes_it() {
        for text in [
            "@acme my daughter loves her new boots, not a single complaint from her after 3 days hiking!",
            "zero issues since the update, whatever you changed it's so much faster now",
            "ni una sola queja desde que nos cambiamos a vuestro plan",
        ] {
            reads_as(&[(text, "praise")]);
        }
        for text in [
            "never had a problem with you until today, the app won't let me log in",
            "no complaints about the boots but can you tell me where my refund is?",
        ] {
            let read = intent(text);
            assert_ne!(read.name, "praise", "{text}: {}", read.reason);
        }
    }

    #[test]
    fn asking_whether_something_is_good_is_no_praise() {
        reads_as(&[(
            "@AcmeOutdoors are the taped seams on the Ridge waterproof trousers any good? and what size for a 12 year old",
            "question",
        )]);
    }

    #[test]
    fn a_burning_smell_a_near_miss_and_a_regulator_are_urgent_matters() {
        reads_as(&[
            (
                "@AcmeOutdoor c'est normal que ma lampe frontale sente le brûlé quand elle charge ?",
                "safety",
            ),
            (
                "die Schnalle ist gerissen, ich bin einen Meter gefallen, das hätte tödlich enden können",
                "safety",
            ),
            (
                "I have today filed a complaint with the Financial Conduct Authority about my hardship application.",
                "legal",
            ),
        ]);
    }

    #[test]
    fn a_flare_up_and_payments_refused_everywhere_are_confirmed() {
        reads_as(&[
            (
                "the camping stove flared up massively when I lit it and singed my eyebrows",
                "safety",
            ),
            (
                "card payments aren't going through anywhere today, my wife's card too, both Ledger",
                "outage",
            ),
        ]);
    }

    #[test]
    fn an_allergy_asked_about_is_a_question_and_a_reaction_is_safety() {
        reads_as(&[
            (
                "@Munchbox does the pad thai from Thai Orchid have peanuts? my son has a severe nut allergy",
                "question",
            ),
            (
                "@Munchbox I ordered a \"nut free\" dish and my daughter had a reaction, we're at A&E now",
                "safety",
            ),
        ]);
    }

    #[test]
    fn a_part_missing_from_what_came_is_damaged() {
        reads_as(&[(
            "@AcmeOutdoor order took 3 weeks to turn up and now that it finally has, the stove is \
             missing the burner head. honestly. what am I meant to cook on, hope?",
            "damaged",
        )]);
    }

    #[test]
    fn adding_something_of_ones_own_is_no_feature_request() {
        reads_as(&[(
            "Hello,\n\nPlease add our VAT number GB123456789 to future invoices.\n\nThanks",
            "question",
        )]);
    }

    #[test]
    fn a_question_on_the_returns_policy_is_no_parcel_to_find() {
        reads_as(&[
            (
                "@AcmeOutdoor is the 60 day return window from when it's delivered or from the order date?",
                "question",
            ),
            (
                "¿el plazo de devolución cuenta desde que llega el pedido?",
                "question",
            ),
        ]);
    }

    #[test]
    fn an_item_too_small_to_wear_is_a_question_of_exchange() {
        reads_as(&[(
            "Bonjour, j'ai reçu des chaussures trop petites, puis-je les échanger contre une pointure au-dessus ?",
            "question",
        )]);
    }

    #[test]
    fn asking_the_terms_of_leaving_or_what_the_product_does_is_a_question() {
        reads_as(&[
            (
                "can I cancel anytime or am I locked in for a year?",
                "question",
            ),
            (
                "Wie lange ist die Vertragslaufzeit? Kann ich monatlich kündigen?",
                "question",
            ),
            (
                "¿hay permanencia? ¿puedo darme de baja cuando quiera?",
                "question",
            ),
            ("can I use my phone as a hotspot for my laptop?", "question"),
            ("does the app work on an ipad or only phones?", "question"),
            (
                "quick q: if I cancel the monthly plan mid-cycle do I keep access till the end of the \
                 billing period or does it cut off straight away?",
                "question",
            ),
            (
                "@ReelHelp q pasa con mis perfiles si me doy de baja? tengo todo el historial de mis \
                 series ahi y no quiero perderlo 😢",
                "question",
            ),
            (
                "kurze Frage: wie lang ist die Kündigungsfrist beim Jahresabo? Will nicht kündigen, \
                 nur für später wissen.",
                "question",
            ),
            // A condition holds no decision, and the product it names
            // makes it no fault.
            (
                "wenn ich kündige, was passiert mit unseren Build-Logs? will nicht kündigen, nur \
                 wissen",
                "question",
            ),
            (
                "off travelling round vietnam for 2 months 🎒 can i put my gym on hold or do i \
                 have to cancel and pay the joining thing again when i get back",
                "question",
            ),
            (
                "will the 3 seater fit through a 70cm door? worried it won't get up my stairs",
                "question",
            ),
            // Deciding to leave, or a fault, is what it was.
            (
                "I want to cancel, is there a notice period?",
                "cancellation",
            ),
            ("cancel my subscription please", "cancellation"),
            (
                "Servus, bitte mein TeilAuto-Konto löschen, ich fahr jetzt eh nur mehr mit den Öffis. Danke",
                "cancellation",
            ),
        ]);
    }

    #[test]
    fn closing_an_account_is_leaving_praise_is_praise_and_a_wish_a_wish() {
        reads_as(&[
            (
                "Guten Tag, ich möchte mein Konto schließen und das Guthaben auf mein neues Konto bei einer anderen Bank überweisen.",
                "cancellation",
            ),
            (
                "@AcmeOutdoor just summited Ben Nevis in your Ridge boots, not a single blister. legends 🏔️",
                "praise",
            ),
            (
                "Großes Lob an Ihren Fahrer heute! Hat das Sofa trotz kaputtem Aufzug in den 4. Stock \
                 getragen.",
                "praise",
            ),
            (
                "@AcmeOutdoor bought a down jacket just before new year, never worn, tags still on. \
                 am i too late to send it back",
                "question",
            ),
            (
                "Love the new caching, builds went from 12 min to 4. One thing: any plans for ARM runners?",
                "feature-request",
            ),
        ]);
    }

    #[test]
    fn a_claim_on_the_guarantee_names_something_that_gave_way() {
        reads_as(&[
            (
                "Bonjour, Le piezo de mon réchaud Summit ne fait plus d'étincelle depuis notre dernière sortie (acheté chez vous l'an dernier).",
                "warranty",
            ),
            (
                "My tent (bought from you about 3 years ago) has started letting water in along the seams of the outer. Is there something I can put on it?",
                "warranty",
            ),
        ]);
    }

    #[test]
    fn a_child_a_hospital_or_the_gas_is_a_safety_report_only_when_something_went_wrong() {
        for text in [
            "hi! we land at 6am on the 14th 😴 any chance someone can pick us up at the airport? 2 adults + a baby, 2 big suitcases",
            "need to cancel our booking for next weekend, my mum's been taken into hospital. will i get charged for it?",
            "I work long shifts at the hospital and usually don't get home until 8pm. What time does your driver come round?",
            "We complete on 14 March. What do I need to do so we don't end up paying for the new owners' gas and electric?",
            "ich war den ganzen Februar im Krankenhaus, die Wohnung stand leer. Wofür zahle ich da?",
            "@NookHotels do u have parking? driving down from lyon with the kids and a roof box lol",
        ] {
            let got = intent(text);
            assert!(
                !["safety", "outage"].contains(&got.name),
                "{text}: {}",
                got.reason
            );
        }
        reads_as(&[
            (
                "the stove i bought from you leaks gas at the valve, i can smell it even when it's off",
                "safety",
            ),
            (
                "the carabiner on my daughter's harness cracked while she was on the wall today",
                "safety",
            ),
        ]);
    }

    #[test]
    fn danger_words_in_another_sense_decide_nothing_and_plain_danger_still_does() {
        for text in [
            "@VoltMartStore price of the sony xm5s went down £40 two days after i bought them, can i get the difference back?",
            "Hallo! Kurze Frage: unser Anwalt (ist selbst Kunde bei euch) hat uns TaskFlow empfohlen 🙂 Gibt es einen Rabatt für Vereine?",
            "@StreamBoxTV does the app work on the fire stick 4k max or only the older one? thinking of ditching cable lol",
            "@StreamBoxTV Akku von der Fernbedienung ist leer und jetzt geht gar nix mehr 🙈 kann man die Box über die App steuern?",
            "my lawyer friend recommended you guys, do you do family plans?",
            "the banks are all cutting what they pay on savings. Where can I check my rate, and would you tell me before it goes down?",
        ] {
            let got = intent(text);
            assert!(
                !["safety", "outage", "legal"].contains(&got.name),
                "{text}: {}",
                got.reason
            );
        }
        reads_as(&[
            (
                "@FibreLinkUK whole street's been without internet since 7am, neighbours both sides too. anything going on round BS7?",
                "outage",
            ),
            (
                "you gave my mum someone elses prescription yesterday. shes already taken two before i noticed",
                "safety",
            ),
            (
                "@ZipCarHire brakes on the van you rented me went soft on the A38, pedal nearly to the floor. got it into a layby",
                "safety",
            ),
            (
                "cable on one of the machines snapped mid-rep, the whole stack dropped and missed my foot by inches",
                "safety",
            ),
            (
                "Mein Anwalt hat mir empfohlen, Sie zu verklagen, wenn das Geld nicht bis Freitag da ist.",
                "legal",
            ),
            (
                "I wouldn't have recommended you to anyone. My solicitor will be in touch.",
                "legal",
            ),
        ]);
    }

    /// Asserts that each text reads as its intent.
    fn reads_as(cases: &[(&str, &str)]) {
        for (text, want) in cases {
            let got = intent(text);
            assert_eq!(got.name, *want, "{text}: {}", got.reason);
        }
    }

    #[test]
    fn a_question_about_an_account_that_names_no_access_is_a_question() {
        // Access, identity and the account's own details stay account
        // matters.
        reads_as(&[
            (
                "@LedgerBank can my partner and I open a joint account in the app?",
                "question",
            ),
            (
                "Wie bekomme ich ein Backup aller Projekte raus?",
                "question",
            ),
            (
                "Est-ce que je peux avoir un compte épargne en plus de mon compte courant ?",
                "question",
            ),
            (
                "@LedgerBank can't log in to the app since this morning, says my password is wrong",
                "account",
            ),
            (
                "I got married and need to change my surname on my account. What do you need?",
                "account",
            ),
            (
                "@ForgeKitHQ need to transfer org ownership from a dev who left. how do we do that?",
                "account",
            ),
        ]);
    }

    #[test]
    fn praise_by_denial_or_on_arrival_is_praise() {
        for text in [
            "honestly can't fault the new Trailhead pack, carried 14kg all weekend no bother",
            "Hi there, The boots arrived today and they fit perfectly. Really pleased! Tom",
            "the new build cache took our CI from 14 min to just under 3. whoever shipped that, I owe you a beer 🍺",
            "@AcmeOutdoorFR merci pour le service au magasin de Lyon, le vendeur a pris 30 min pour m'aider 🙏",
        ] {
            let got = intent(text);
            assert_eq!(got.name, "praise", "{text}: {}", got.reason);
        }
    }

    #[test]
    fn an_unsure_message_that_asks_how_is_a_question() {
        let text = "hi, I lost my wallet on the bus this morning with my Ledger card in it. how do I block it?";
        let got = intent(text);
        assert_eq!(got.name, "question", "{text}: {}", got.reason);
    }

    #[test]
    fn a_verb_and_its_negation_apart_still_fail() {
        let text = "Hallo, leider funktioniert die Integration mit Bitbucket seit gestern nicht mehr. Das ist wirklich ärgerlich, wir haben eine Deadline. Gruß Jan";
        let got = intent(text);
        assert_eq!(got.name, "technical", "{text}: {}", got.reason);
    }

    #[test]
    fn a_word_of_one_language_confirms_nothing_in_another() {
        // German "die" is no death (nor French "son" a son).
        let text = "die Filiale in der Hauptstraße hatte heute um 14 Uhr schon zu, obwohl 18 Uhr dran steht. Ärgerlich.";
        assert_ne!(intent(text).name, "safety", "{text}");
    }

    #[test]
    fn words_that_confirm_a_reading_are_read_in_each_language() {
        reads_as(&[
            (
                "My mother passed away last month. What do I need to do to close her account?",
                "cancellation",
            ),
            (
                "@LedgerBank la app no me deja entrar desde esta mañana, ¿os pasa algo?",
                "outage",
            ),
            // A refund needs money back in its words; a call back is none.
            (
                "I'd like my money back for the boots, returned them last week",
                "refund",
            ),
            // "Denunciar" in any form is a legal word.
            (
                "si no me devolvéis el dinero os denuncio a consumo",
                "legal",
            ),
            // Unsure, but the best guess is a question and it asks one.
            (
                "@AcmeOutdoor any chance the Ridgeline comes in a wide fit?",
                "question",
            ),
        ]);
    }

    #[test]
    fn a_call_back_is_no_refund() {
        let text =
            "@LedgerBank still waiting on a call back I was promised on Monday. It's Thursday.";
        assert_ne!(intent(text).name, "refund", "{text}");
    }

    #[test]
    fn a_rate_limit_is_no_outage_unless_the_service_is_down_too() {
        let limited = "our builds started failing with 429 from your API around noon, is there a limit on tokens?";
        assert_ne!(intent(limited).name, "outage", "{limited:?}");
        let down = "API is down for all of us, 503 and 429 on every call since 10:40";
        assert_eq!(intent(down).name, "outage", "{down:?}");
    }

    #[test]
    fn a_customer_chasing_past_an_auto_reply_is_not_one() {
        let chasing =
            intent("6 days since I flagged the double charge and all I've had is an auto-reply");
        assert_ne!(chasing.name, "auto-reply", "{}", chasing.reason);
        let got = intent("Automatic reply: I am back on Monday and will answer then");
        assert_eq!(got.name, "auto-reply", "{}", got.reason);
    }

    #[test]
    fn model_reason_is_readable() {
        let got = intent("I would like a refund for the order please");
        assert_eq!(got.name, "refund");
        assert!(got.reason.starts_with("model: refund "), "{}", got.reason);
        assert!(got.reason.contains("top words: \""), "{}", got.reason);
    }

    #[test]
    fn unknown_text_is_general_and_says_why() {
        let got = intent("zzz qqq");
        assert_eq!(got.name, "general");
        assert!(got.reason.starts_with("unsure"), "{}", got.reason);
        assert!(predict("zzz qqq").is_none());
    }
}
