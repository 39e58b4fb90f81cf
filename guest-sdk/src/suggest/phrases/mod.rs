//! Phrase tables: the sentences suggestions are built from, one table per
//! language and register, with several variants per slot.
//!
//! English has three registers (casual, neutral, formal), written in the
//! first person plural; an "I" brand gets them through [`to_first_person`].
//! Spanish, French and German have separate "we" and "I" tables because
//! their verbs agree with the person. Spanish writes *tú*, as care teams
//! usually do; French and German write *vous* and *Sie*, or *tu* and *du*
//! for a brand whose own texts in that language say *tu* or *du*, or
//! that is casual and has none ([`register`]): a reply that says *Sie*
//! around the brand's own "Kündigen kannst du…" reads as two writers.
//!
//! Every slot holds **variants**: different sentences that do the same job.
//! The composer picks one per conversation ([`pick`]), so one customer's
//! replies are stable and testable while a brand's replies across customers
//! do not read like a script.
//!
//! Placeholders, filled by the composer:
//! `{name}` the customer's first name (the clause around it is dropped when
//! there is none: `"Hey {name}!"` → `"Hey there!"`), `{detail}` what is
//! missing, `{what}` what to send privately, `{private}` where to send it,
//! `{subject}` what is being looked into, `{problem}` the severe problem in
//! plain words, `{praised}` what the customer praised, `{order}` the order
//! reference, `{tip}` a knowledge snippet, `{id}` an order id, and
//! `{response_time}`, which is left for the host (see the
//! [`suggest`](crate::suggest) module docs).

mod de;
mod de_du;
mod en;
mod es;
mod fr;
mod fr_tu;

use super::facts::Need;
use crate::{Formality, Person};

/// Sentences that do the same job; the composer picks one per conversation.
pub(crate) type Variants = &'static [&'static str];

/// The sentences of one language and register.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Phrases {
    /// Language tag of the table (`en`, `es`, ...).
    pub lang: &'static str,
    /// A greeting by name before everything else ("Hey {name}!"); empty
    /// when the register puts the name into the opener instead. Never on a
    /// severe case.
    pub hello: Variants,
    /// Opener on a problem or question that is not negative.
    pub thanks: Variants,
    /// Opener acknowledging feelings on a negative problem.
    pub empathy: Variants,
    /// Opener on a question asked in worry or in strong words ("nervous
    /// tbh", "every time I look it's gone 😩"): understands why the
    /// customer asks, and apologises for nothing that went wrong.
    pub concern: Variants,
    /// Opener on a severe case: sorry, in plain words, for `{problem}`.
    pub severe_empathy: Variants,
    /// Opener on a legal matter raised calmly (a data request, a contract
    /// to sign): thanks, with `{name}`, and no apology for what did not
    /// happen.
    pub severe_calm: Variants,
    /// Opener for a customer who writes of a death in the family:
    /// condolences, with `{name}`, and no apology for a fault.
    pub condolences: Variants,
    /// Acknowledges a returning customer.
    pub returning: Variants,
    /// Thanks for praise of `{praised}`.
    pub praise_specific: Variants,
    /// Thanks for praise when nothing specific was named.
    pub praise: Variants,
    /// After praise: that it goes to the team. Never a question.
    pub praise_after: Variants,
    /// A short close when the customer says thanks or all is sorted.
    pub close: Variants,
    /// Asks how to help a customer who only said hello or asked whether
    /// anyone is there. Presumes no problem.
    pub ask_open: Variants,
    /// Asks for `{detail}`.
    pub ask: Variants,
    /// Asks for `{detail}` to be sent to `{private}` (public messages).
    pub ask_private: Variants,
    /// Moves the conversation to `{private}` with `{what}`.
    pub take_private: Variants,
    /// Moves to `{private}` when nothing is missing: to look into
    /// `{subject}` safely.
    pub take_private_known: Variants,
    /// Reminds a public poster not to share personal data.
    pub privacy_note: Variants,
    /// Hand-over to a specialist, when the brand's own phrase does not fit.
    pub escalate: Variants,
    /// What happens after a hand-over, with `{response_time}`.
    pub escalate_next: Variants,
    /// Acknowledges `{subject}` and sets expectations with `{response_time}`.
    pub acknowledge: Variants,
    /// On a safety report, before anything else: get medical help for
    /// anyone who was hurt (said as given, never "if anyone was hurt" to
    /// one who wrote that their son burnt his hand), and stop using the
    /// product.
    pub safety_first: Variants,
    /// On a safety report whose writer says nobody was hurt: relief, and
    /// stop using the product.
    pub safety_unhurt: Variants,
    /// To someone in despair (triage's `distress`), after the next step:
    /// help that is there now, day and night, for anyone in danger; the
    /// brand's answer comes in working hours.
    pub crisis: Variants,
    /// On a severe case: who is on `{subject}` and when they answer
    /// (`{response_time}`).
    pub severe_next: Variants,
    /// The next step on an order the customer named: `{order}`.
    pub order_followup: Variants,
    /// After an answer to a question: an open door, not "if that doesn't
    /// solve it" (nothing was broken).
    pub answer_followup: Variants,
    /// After an answer to a problem: what to do if the fix does not work.
    pub fix_followup: Variants,
    /// A knowledge tip: `{tip}`.
    pub tip: Variants,
    /// A warm closing line for warm brands, on ordinary moments only.
    pub warm_closing: Variants,
    /// "your order", when the id must not be echoed.
    pub your_order: &'static str,
    /// "order {id}".
    pub order_ref: &'static str,
    /// Joins the last two items of a list ("a and b").
    pub and: &'static str,
    /// How each missing detail is asked for.
    pub needs: &'static [(Need, &'static str)],
    /// How a severe problem is named, by triage label or intent, first
    /// match wins; `""` is the fallback.
    pub problems: &'static [(&'static str, &'static str)],
    /// Per-intent words.
    pub intents: &'static [IntentWords],
}

/// How to name one intent's matter.
#[derive(Debug, Clone, Copy)]
pub(crate) struct IntentWords {
    /// The intent label; `""` is the fallback for every other intent.
    pub intent: &'static str,
    /// What is being looked into.
    pub subject: &'static str,
}

impl Phrases {
    /// The words for `intent`, or the fallback.
    pub fn intent(&self, intent: &str) -> &IntentWords {
        self.intents
            .iter()
            .find(|w| w.intent == intent)
            .or_else(|| self.intents.iter().find(|w| w.intent.is_empty()))
            .unwrap_or(&FALLBACK_INTENT)
    }

    /// How `need` is asked for.
    pub fn need(&self, need: Need) -> &'static str {
        self.needs
            .iter()
            .find(|(n, _)| *n == need)
            .map_or("", |(_, words)| words)
    }

    /// How the severe problem is named: the most serious of `labels` with
    /// words (each language lists its problems most serious first), then
    /// the intent, else the fallback. A repeat contact that is only
    /// a counted wait (`long-wait`) is named by the intent ("the delay with
    /// your order") or as the wait itself, never as a chase.
    pub fn problem(&self, intent: &str, labels: &[String]) -> &'static str {
        let named = |key: &str| self.problems.iter().find(|(k, _)| *k == key);
        let wait = labels.iter().any(|l| l == LONG_WAIT);
        self.problems
            .iter()
            .filter(|(k, _)| !k.is_empty())
            .filter(|(k, _)| !(wait && (*k == LONG_WAIT || *k == "repeat-contact")))
            .find(|(k, _)| labels.iter().any(|l| l == k))
            .or_else(|| named(intent))
            .or_else(|| wait.then(|| named(LONG_WAIT)).flatten())
            .or_else(|| named(""))
            .map_or("", |(_, words)| words)
    }

    /// `items` as a list: "a", "a and b", "a, b and c".
    pub fn list(&self, items: &[&str]) -> String {
        match items {
            [] => String::new(),
            [one] => (*one).to_owned(),
            [init @ .., last] => format!("{}{}{last}", init.join(", "), self.and),
        }
    }
}

/// The label triage adds when a repeat contact is only a counted wait.
const LONG_WAIT: &str = "long-wait";

/// The subject of a billing message that asks for an invoice itself (a
/// copy, a company name or VAT number on it): "your invoice", not "the
/// charge".
pub(crate) const INVOICE_REQUEST: &str = "invoice-request";

/// Triage's label for despair or self-harm: the matter is named as what
/// the customer is going through, and the subject as their message, never
/// "your safety report".
pub(crate) const DISTRESS: &str = "distress";

const FALLBACK_INTENT: IntentWords = IntentWords {
    intent: "",
    subject: "your message",
};

/// Languages with phrase tables.
pub(crate) const LANGUAGES: &[&str] = &["en", "es", "fr", "de"];

/// How a reply addresses the customer where a language has two ways.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Register {
    /// *du*, *tu*.
    Familiar,
    /// *Sie*, *vous*.
    Polite,
}

/// Words that address the customer familiarly and politely in `lang`
/// (German, French), as they stand in a brand's texts.
fn address_words(lang: &str) -> (&'static [&'static str], &'static [&'static str]) {
    match lang {
        "de" => (
            &[
                "du", "dich", "dir", "dein", "deine", "deinen", "deinem", "deiner", "deines",
            ],
            &[
                "Sie", "Ihnen", "Ihr", "Ihre", "Ihren", "Ihrem", "Ihrer", "Ihres",
            ],
        ),
        "fr" => (
            &["tu", "te", "t'", "toi", "ton", "ta", "tes"],
            &["vous", "votre", "vos"],
        ),
        _ => (&[], &[]),
    }
}

/// The register of the brand's `texts` in `lang`: the way of address its
/// own words use most ("Kündigen kannst du…" is familiar), else familiar
/// for a casual brand in German and polite otherwise (French care teams
/// write *vous* even when relaxed). German "Sie" and "Ihr" count only
/// capitalised and not opening a sentence, where they are "they" and
/// "her" or "their".
pub(crate) fn register<'t>(
    lang: &str,
    formality: Formality,
    texts: impl IntoIterator<Item = &'t str>,
) -> Register {
    let (familiar, polite) = address_words(lang);
    // One way of address only (English, Spanish): no text need be read.
    if familiar.is_empty() {
        return Register::Polite;
    }
    let (mut f, mut p) = (0usize, 0usize);
    for text in texts {
        let mut opens = true;
        for word in text.split(|c: char| !(c.is_alphanumeric() || c == '\'')) {
            if word.is_empty() {
                continue;
            }
            let lower = word.to_lowercase();
            let elided = lower.split_once('\'').map(|(head, _)| format!("{head}'"));
            let lower = elided.as_deref().unwrap_or(&lower);
            if familiar.contains(&lower) {
                f += 1;
            } else if lang == "de" {
                p += usize::from(!opens && polite.contains(&word));
            } else if polite.contains(&lower) {
                p += 1;
            }
            opens = false;
        }
    }
    match f.cmp(&p) {
        std::cmp::Ordering::Greater => Register::Familiar,
        std::cmp::Ordering::Less => Register::Polite,
        std::cmp::Ordering::Equal if lang == "de" && formality == Formality::Casual => {
            Register::Familiar
        }
        std::cmp::Ordering::Equal => Register::Polite,
    }
}

/// The table for `lang` (one of [`LANGUAGES`], else English), register and
/// person. English "I" tables are the "we" tables; the composer converts
/// them with [`to_first_person`].
pub(crate) fn table(
    lang: &str,
    formality: Formality,
    register: Register,
    person: Person,
) -> &'static Phrases {
    let familiar = register == Register::Familiar;
    match (lang, person) {
        ("es", Person::We) => &es::WE,
        ("es", Person::I) => &es::I,
        ("fr", Person::We) if familiar => &fr_tu::WE,
        ("fr", Person::I) if familiar => &fr_tu::I,
        ("fr", Person::We) => &fr::WE,
        ("fr", Person::I) => &fr::I,
        ("de", Person::We) if familiar => &de_du::WE,
        ("de", Person::I) if familiar => &de_du::I,
        ("de", Person::We) => &de::WE,
        ("de", Person::I) => &de::I,
        _ => match formality {
            Formality::Casual => &en::CASUAL,
            Formality::Neutral => &en::NEUTRAL,
            Formality::Formal => &en::FORMAL,
        },
    }
}

/// One of `variants`, chosen by `key` (the conversation) and `slot` (so
/// slots vary independently); `""` when there are none.
pub(crate) fn pick(variants: Variants, key: u64, slot: &str) -> &'static str {
    if variants.is_empty() {
        return "";
    }
    let mut hash = key ^ 0xcbf2_9ce4_8422_2325;
    for byte in slot.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    // Mix the high bits down: FNV's low bits are weak for short slots.
    hash ^= hash >> 29;
    variants[(hash % variants.len() as u64) as usize]
}

/// How a plugin's (English) `private_channel` reads inside a non-English
/// template's "by private message ({private})": a direct message needs no
/// gloss (the template already says it), a reply to the email gets the
/// language's words, anything else stays as the plugin wrote it (`None`).
pub(crate) fn private_gloss(lang: &str, private: &str) -> Option<&'static str> {
    let direct = ["a dm", "a direct message", "a private message"];
    let private = private.trim().to_lowercase();
    if direct.contains(&private.as_str()) {
        return Some("");
    }
    if private != "a reply to this email" {
        return None;
    }
    match lang {
        "es" => Some("respondiendo a este correo"),
        "fr" => Some("en répondant à cet e-mail"),
        "de" => Some("als Antwort auf diese E-Mail"),
        _ => None,
    }
}

/// Rewrites an English "we" phrase in the first person singular:
/// `we'll` → `I'll`, `us` → `me`, `our` → `my`, `we are` → `I am`.
///
/// Only for the tables above, whose verbs were chosen to agree with both
/// persons; brand-written text (canned responses, the escalation phrase) is
/// used as written.
pub(crate) fn to_first_person(text: &str) -> String {
    let text = text
        .replace("We are", "I am")
        .replace("we are", "I am")
        .replace("We were", "I was")
        .replace("we were", "I was")
        .replace("We have", "I have")
        .replace("we have", "I have");
    map_words(&text, |word| {
        Some(match word {
            "we" | "We" => "I",
            "us" => "me",
            "Us" => "Me",
            "our" => "my",
            "Our" => "My",
            "ours" => "mine",
            "ourselves" => "myself",
            "we're" | "We're" => "I'm",
            "we've" | "We've" => "I've",
            "we'll" | "We'll" => "I'll",
            "we'd" | "We'd" => "I'd",
            _ => return None,
        })
    })
}

/// Spells out English contractions, for brands that do not use them.
pub(crate) fn expand_contractions(text: &str) -> String {
    map_words(text, |word| {
        Some(match word {
            "I'm" => "I am",
            "I'll" => "I will",
            "I've" => "I have",
            "I'd" => "I would",
            "we're" => "we are",
            "We're" => "We are",
            "we'll" => "we will",
            "We'll" => "We will",
            "we've" => "we have",
            "We've" => "We have",
            "you'd" => "you would",
            "you're" => "you are",
            "You're" => "You are",
            "you'll" => "you will",
            "You'll" => "You will",
            "you've" => "you have",
            "don't" => "do not",
            "Don't" => "Do not",
            "doesn't" => "does not",
            "didn't" => "did not",
            "isn't" => "is not",
            "won't" => "will not",
            "can't" => "cannot",
            "it's" => "it is",
            "It's" => "It is",
            "it'll" => "it will",
            "that's" => "that is",
            "That's" => "That is",
            "Here's" => "Here is",
            "here's" => "here is",
            "There's" => "There is",
            "there's" => "there is",
            "They'll" => "They will",
            "they'll" => "they will",
            "Let's" => "Let us",
            "shouldn't" => "should not",
            _ => return None,
        })
    })
}

/// Replaces whole words (letters and apostrophes) for which `map` has a
/// replacement; everything else is copied.
fn map_words(text: &str, map: impl Fn(&str) -> Option<&'static str>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        match map(word) {
            Some(replacement) => out.push_str(replacement),
            None => out.push_str(word),
        }
        word.clear();
    };
    for c in text.chars() {
        if c.is_alphabetic() || c == '\'' || c == '’' {
            word.push(if c == '’' { '\'' } else { c });
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

#[cfg(test)]
mod tests;
