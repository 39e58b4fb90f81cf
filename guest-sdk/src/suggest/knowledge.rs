//! Answer first: what in the brand's knowledge answers this message.
//!
//! The brand's knowledge snippets and canned responses are indexed with
//! [`chorus_voice::retrieve`] (BM25 with stemming, care-domain synonyms
//! and a relevance threshold, in en/es/fr/de) and searched with the
//! customer's own words. A snippet marked with a language (`returns.es`) is
//! that language's variant of `returns`; unmarked ones are in the brand's
//! first language. An answer is only used in the language of the reply: a
//! French reply never quotes an English snippet.

use chorus_voice::primary_subtag;
use chorus_voice::retrieve::{group_of, is_qualifier};

use crate::{CannedResponse, Context, KnowledgeMatch, KnowledgeQuery, Triage};

/// Where an answer comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Source {
    /// A knowledge snippet.
    Knowledge,
    /// A canned response.
    Canned,
}

/// A text of the brand's that answers the message, in the reply's language.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Found<'a> {
    /// The snippet's or canned response's id, as written.
    pub id: &'a str,
    /// The text to answer with.
    pub text: &'a str,
    /// Where it comes from.
    pub source: Source,
    /// The message's words that matched, for the rationale.
    pub matched: Vec<String>,
    /// The retrieval score, in units of one distinctive word.
    pub score: f32,
    /// The care-domain concepts it shares with the message.
    pub concepts: Vec<String>,
    /// It matched on more than plain words ([`chorus_voice::retrieve::Hit::anchored`]).
    pub anchored: bool,
    /// The care concepts the text itself names.
    pub topics: Vec<String>,
}

impl Found<'_> {
    /// Whether it speaks to a part of the message `other` does not: it
    /// matched a word of the message that `other` did not, and shares a
    /// care topic with the message that `other` does not (the fit of boots
    /// beside their return). Other words alone are not enough: "fin de
    /// semana" in a date change does not make breakfast hours a tip, nor
    /// "room" a lost charger's tip about pets.
    pub(crate) fn adds_to(&self, other: &Found<'_>) -> bool {
        let own_words = |f: &Found<'_>| -> Vec<String> {
            f.matched.iter().map(|m| words(surface(m))).collect()
        };
        let theirs = own_words(other);
        own_words(self).iter().any(|w| !theirs.contains(w))
            && self
                .concepts
                .iter()
                .any(|c| !is_qualifier(c) && !other.concepts.contains(c))
    }

    /// Whether the text is about `intent`'s topic ([`about`]), whether or
    /// not the message names it: the status page answers an outage
    /// reported as "only 503s for 20 minutes".
    pub(crate) fn is_about(&self, intent: &str) -> bool {
        about(intent).iter().any(|c| self.names(c))
    }

    /// Whether it is about retrieval concept `concept`, matched in the
    /// message or named by the text itself.
    pub(crate) fn names(&self, concept: &str) -> bool {
        self.concepts
            .iter()
            .chain(&self.topics)
            .any(|c| c == concept)
    }

    /// Whether it shares a care topic with the message (a refund, a
    /// password, an outage), not only words.
    pub(crate) fn topical(&self) -> bool {
        self.concepts.iter().any(|c| !is_qualifier(c))
    }

    /// Whether it shares a care topic with the message other than the
    /// fault itself (broken, repair): a musty tent and the text on drying
    /// it share mould; a strap that arrived torn and the repair text share
    /// only the fault, which a return fixes.
    pub(crate) fn beside_the_fault(&self) -> bool {
        self.concepts
            .iter()
            .any(|c| !is_qualifier(c) && c != "broken" && c != "repair")
    }

    /// Whether the text tells the customer what to do (a place in the
    /// product, a command, steps, "you can …", an opening imperative), not
    /// only what something is or who gets it: "SSO comes with the
    /// Enterprise plan" fixes no login loop.
    pub(crate) fn instructs(&self) -> bool {
        const STEPS: &[&str] = &[
            "→",
            "`",
            " under ",
            " then ",
            "you can",
            "can be ",
            "puedes",
            "se puede",
            "puede ser",
            "vous pouvez",
            "peut être",
            "se fait",
            "können sie",
            "kannst du",
            "lässt sich",
            "kann ",
            // Where the exact thing is documented ("every config key is
            // documented at …"): the customer's error names it.
            "documented",
            "documentado",
            "documenté",
            "dokumentiert",
        ];
        // "To use the app on a new phone, install it…": a purpose, then steps.
        const OPENINGS: &[&str] = &[
            "to", "para", "pour", "um", "start", "report", "reset", "call", "go", "open", "tap",
            "click", "run", "send", "use", "add", "remove", "check", "update", "install", "sign",
            "always", "never", "freeze", "contact", "visit", "email", "inicia", "llama", "abre",
            "usa", "envía", "lancez", "signalez", "appelez", "ouvrez", "utilisez", "envoyez",
            "starten", "rufen", "öffnen", "nutzen", "senden",
        ];
        let text = self.text.to_lowercase();
        let first = text
            .split(|c: char| !c.is_alphanumeric())
            .find(|w| !w.is_empty())
            .unwrap_or_default();
        STEPS.iter().any(|s| text.contains(s)) || OPENINGS.contains(&first)
    }

    /// Whether it is a text on a fee in a case of its own (abroad, an
    /// overdraft) found for a fee the message does not place there: "a
    /// £12 'account maintenance fee' on my statement, what is that?" is
    /// not answered by what cash abroad costs.
    pub(crate) fn fee_of_another_case(&self) -> bool {
        let fee_only = !self.concepts.is_empty() && self.concepts.iter().all(|c| c == "fee");
        fee_only
            && self
                .topics
                .iter()
                .any(|t| FEE_CASES.contains(&t.as_str()) && !self.fits_concept(t))
    }

    /// Whether the message and the text share care concept `concept`.
    pub(crate) fn fits_concept(&self, concept: &str) -> bool {
        self.concepts.iter().any(|c| c == concept)
    }

    /// Whether it is about what triage says the message is about
    /// ([`about`]).
    pub(crate) fn fits(&self, intent: &str) -> bool {
        about(intent)
            .iter()
            .any(|c| self.concepts.iter().any(|own| own == c))
    }
}

/// The retrieval concepts (see [`chorus_voice::retrieve`]) an intent is
/// about, when it names a topic: a refund request is answered by a text
/// about refunds, not by the one that shares the word "statement" with it.
/// Intents that name a moment rather than a topic (a question, a
/// complaint, praise) have none.
pub(crate) fn about(intent: &str) -> &'static [&'static str] {
    match intent {
        "refund" => &["refund", "return"],
        "delivery" => &["shipping"],
        "cancellation" => &["cancel"],
        // A blocked card is an account matter too.
        "account" => &["login", "password", "blocked"],
        // Challenging a payment, or paying for part of a month, is a
        // billing matter.
        "billing" => &["invoice", "fee", "refund", "dispute", "prorate"],
        // Arrived broken: a return or a replacement, not a repair.
        "damaged" => &["return"],
        "warranty" => &["repair", "broken"],
        "outage" => &["outage"],
        _ => &[],
    }
}

/// Concepts that put a fee in a case of its own: what cash abroad or an
/// overdraft costs says nothing of other fees.
const FEE_CASES: &[&str] = &[
    "abroad",
    "cash",
    "overdraft",
    "customs",
    "savings",
    "prorate",
];

/// The concepts of a text that can answer money taken wrongly (a double
/// charge, a payment the customer did not make): how to dispute it, how
/// to stop the card. The price list or the transfer times do not.
pub(crate) const MONEY_TAKEN: &[&str] = &["refund", "dispute", "stolen"];

/// The concepts of a text that can answer an account taken by someone
/// else ("someone is in my account… how do i kick them out"): how to sign
/// them out and change the password.
pub(crate) const ACCOUNT_TAKEN: &[&str] = &["intruder"];

/// The score an answer needs when the customer did not ask a question (a
/// problem, a severe case): twice the evidence, because a wrong answer to
/// a complaint is worse than none.
pub(crate) const STRONG: f32 = 1.5;

/// How close to the answer a second snippet must score to be a tip.
pub(crate) const TIP_SHARE: f32 = 0.8;

/// Moments a canned response can be written for that it then takes for
/// granted ("Please freeze your card now" for fraud): such a response is
/// only found for a message triage reads that way (its intent or a label),
/// never because it shares words with an ordinary question (see also
/// [`may_answer`]).
const PRESUMING: &[&str] = &[
    "fraud",
    "double-charge",
    "outage",
    "outage-burst",
    "safety",
    "legal",
    "churn-risk",
];

/// Whether canned response `c` may answer a message triaged as `triage`
/// (see [`PRESUMING`]).
/// A message that asks how to do something (`asks_how`) is not answered
/// by a response that reports the brand has done it ([`reports_an_action`])
/// unless it is that response's moment: "I lost my wallet, how do I block
/// it?" is not told "We have placed a temporary block on your card", which
/// does answer "the app says my card is blocked??".
fn may_answer(c: &CannedResponse, triage: &Triage, asks_how: bool) -> bool {
    let moment = c.intent.as_str();
    let presumes = PRESUMING.contains(&moment) || (asks_how && reports_an_action(&c.text));
    !presumes || fits_moment(moment, triage)
}

/// Whether a canned response reports what the brand has done ("We have
/// placed a temporary block on your card").
fn reports_an_action(text: &str) -> bool {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .collect();
    words.windows(3).any(|w| match w {
        ["we", "have", done, ..] | ["we've", done, ..] => {
            done.ends_with("ed") || ["sent", "made", "put", "taken", "frozen"].contains(done)
        }
        ["hemos", done, ..] => done.ends_with("ado") || done.ends_with("ido"),
        ["nous", "avons", done] => done.ends_with('é') || done.ends_with("ée"),
        ["wir", "haben", ..] => true,
        _ => false,
    })
}

/// Whether a message triaged as `triage` is the moment (an intent or a
/// label) a canned response was written for.
fn fits_moment(moment: &str, triage: &Triage) -> bool {
    triage.intent == moment || triage.labels.iter().any(|l| l == moment)
}

/// The texts that answer what the customer asks, when the message asks it
/// in sentences of its own beside others that tell the story: "how do I
/// rotate the API token? the old one leaked in a public repo" is about the
/// token, not the open-source plan that shares "public repo". Only when
/// some text matches words of the asking sentences are the others left
/// out: "My tent pole snapped. What do I do?" asks in words no text has.
/// A short question that points back ("We need our VAT number on the
/// invoices. Where do we add it?") asks about the sentences before it, so
/// nothing is left out for sharing "add" with it; unless it names a care
/// topic a text is about ("a charge from a hotel in Prague I never stayed
/// at. How do I dispute it?": the dispute text, not the fees abroad).
pub(crate) fn on_the_question<'a>(mut found: Vec<Found<'a>>, query: &str) -> Vec<Found<'a>> {
    // One answer or none: nothing to choose between.
    if found.len() < 2 {
        return found;
    }
    let sentences = chorus_voice::split_sentences(query);
    let (asking, telling): (Vec<&str>, Vec<&str>) =
        sentences.iter().partition(|s| crate::triage::asks(s));
    if asking.is_empty() || telling.is_empty() {
        return found;
    }
    let asked = format!(" {} ", words(&asking.join(" ")));
    // A match may stand for several of the message's phrases ("api calls /
    // 429s"): it is asked for when one of them is in the question.
    let asks_for = |m: &String| {
        surface(m)
            .split(" / ")
            .any(|s| asked.contains(&format!(" {} ", words(s))))
    };
    let in_question = |f: &Found<'_>| f.matched.iter().any(asks_for);
    let names_a_topic = |f: &Found<'_>| {
        f.matched
            .iter()
            .any(|m| asks_for(m) && f.concepts.iter().any(|c| c == concept_of(m)))
    };
    let pointing = asking.iter().any(|s| points_back(s));
    // A plain word in the question ("could you point me to the right
    // documents?") does not outweigh a better match on a care word in the
    // story ("which audits or certifications you hold").
    let best_in_story = found
        .iter()
        .filter(|f| f.anchored && !in_question(f))
        .map(|f| f.score)
        .fold(0.0, f32::max);
    let question_decides = found
        .iter()
        .any(|f| in_question(f) && (f.anchored || f.score >= best_in_story));
    if (!pointing || found.iter().any(names_a_topic))
        && found.iter().any(in_question)
        && question_decides
    {
        found.retain(in_question);
    }
    found
}

/// The questions of a message asked in sentences of their own, as
/// lowercase words one space apart with a space at each end: two or more,
/// or none.
pub(crate) fn questions(query: &str) -> Vec<String> {
    let asking: Vec<String> = chorus_voice::split_sentences(query)
        .into_iter()
        .filter(|s| crate::triage::asks(s) && !points_back(s))
        .map(|s| format!(" {} ", words(s)))
        .collect();
    if asking.len() < 2 { Vec::new() } else { asking }
}

/// The text among `found` that answers another of the message's
/// `questions` ([`questions`]) than `lead` does: "What's the easiest way
/// to get the spare one back to you? And how long until the money shows on
/// his card?" is answered on the refund's timing and on how to return. A
/// brand text, matched on a care word or keyword of a question the lead
/// matched nothing of, that speaks to what the lead does not
/// ([`Found::adds_to`]), or, naming no care topic, matched two words of
/// that question. With it, whether its question comes first in the
/// message. A question that points back ("does it cost extra?") asks about
/// the other one, not a second matter, and counts for none.
pub(crate) fn another_question<'f, 'a>(
    lead: &Found<'_>,
    found: &'f [Found<'a>],
    questions: &[String],
) -> Option<(&'f Found<'a>, bool)> {
    if lead.source != Source::Knowledge {
        return None;
    }
    let count_in = |f: &Found<'_>, question: &str| {
        f.matched
            .iter()
            .filter(|m| {
                surface(m)
                    .split(" / ")
                    .any(|s| question.contains(&format!(" {} ", words(s))))
            })
            .count()
    };
    let matches_in = |f: &Found<'_>, question: &str| count_in(f, question) > 0;
    let lead_asked = questions.iter().position(|q| matches_in(lead, q))?;
    let (lead_group, _) = group_of(lead.id);
    found.iter().find_map(|f| {
        let fits = f.source == Source::Knowledge && f.anchored && group_of(f.id).0 != lead_group;
        // A text matched on keywords alone ("uni", "students") names no
        // care topic to compare: two of its words in a question the lead
        // does not touch will do, one will not ("waterproof" trousers are
        // no tent to re-proof).
        let speaks_to = |q: &str| {
            if f.concepts.is_empty() {
                count_in(f, q) >= 2
            } else {
                f.adds_to(lead)
            }
        };
        let asked = questions
            .iter()
            .position(|q| !matches_in(lead, q) && matches_in(f, q) && speaks_to(q))
            .filter(|_| fits)?;
        Some((f, asked < lead_asked))
    })
}

/// Whether a question of a few words names its matter only by a pronoun
/// ("where do we add it?", "¿dónde lo cambio?", "wo finde ich das?").
fn points_back(sentence: &str) -> bool {
    const POINTERS: &[&str] = &[
        "it", "them", "this", "that", "these", "those", "lo", "los", "eso", "esto", "ça", "cela",
        "das", "dies", "ihn",
    ];
    let words = words(sentence);
    let words: Vec<&str> = words.split(' ').collect();
    words.len() <= 8 && words.iter().any(|w| POINTERS.contains(w))
}

/// The care concept of a match: "returned (return)" → `return`; a word
/// that names its concept itself ("dispute") is its own.
fn concept_of(matched: &str) -> &str {
    matched
        .split_once(" (")
        .map_or(matched, |(_, concept)| concept.trim_end_matches(')'))
}

/// The message's own words of a match: "returned (return)" → `returned`.
fn surface(matched: &str) -> &str {
    matched.split(" (").next().unwrap_or_default()
}

/// The lowercase words of `text`, one space apart.
fn words(text: &str) -> String {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words.join(" ")
}

/// At most this many answers are looked at (the answer and a tip).
const LIMIT: u32 = 4;

/// The brand's texts that answer `query`, best first, in `reply_language`:
/// snippets that fit `channel` (when they name channels) and canned
/// responses that fit the moment ([`PRESUMING`]), in the message's or the
/// reply's language. `query_language` analyses the message. The host ranks
/// them ([`find`]).
pub(crate) fn search<'a>(
    context: &'a Context,
    query: &str,
    query_language: &str,
    reply_language: &str,
    channel: &str,
    triage: &Triage,
) -> Vec<Found<'a>> {
    let voice = &context.voice;
    let first = voice.languages.first().map_or("en", String::as_str);
    let asks_how = super::asks_how_to(query);
    let candidate = |id: &'a str, text: &'a str, moment: Option<&'a str>| {
        let (group, language) = group_of(id);
        Candidate {
            id,
            group,
            language: language.unwrap_or(first),
            text,
            source: if moment.is_some() {
                Source::Canned
            } else {
                Source::Knowledge
            },
            moment,
        }
    };
    let snippets = voice
        .knowledge
        .iter()
        .filter(|k| k.channels.is_empty() || k.channels.iter().any(|c| c == channel))
        .map(|k| candidate(&k.id, &k.text, None));
    let canned = voice
        .canned_responses
        .iter()
        .filter(|c| may_answer(c, triage, asks_how))
        .map(|c| candidate(&c.id, &c.text, Some(c.intent.as_str())));
    // Only the variants a hit can come from (the reply's language) or be
    // found by take part: the message's language, and the brand's first
    // one, whose texts carry the keywords a customer borrows from it
    // ("Backup" in "Wie bekomme ich ein Backup aller Projekte?").
    let wanted = |c: &Candidate<'_>| {
        let language = primary_subtag(c.language);
        [reply_language, query_language, first]
            .iter()
            .any(|l| language == primary_subtag(l))
    };
    let candidates: Vec<Candidate<'a>> = snippets
        .chain(canned)
        .filter(|c| !c.text.trim().is_empty() && wanted(c))
        .collect();
    if candidates.is_empty() {
        return Vec::new();
    }
    let query = KnowledgeQuery {
        text: clip(query, MAX_QUERY_TEXT).to_owned(),
        language: query_language.to_owned(),
        among: candidates.iter().map(|c| c.id.to_owned()).collect(),
        limit: LIMIT,
    };
    find(context, &query)
        .into_iter()
        .filter_map(|m| {
            // The group's variant in the reply's language, whichever
            // variant the search ranked.
            let at = candidates
                .iter()
                .find(|c| c.group == m.group && c.language == reply_language)?;
            // A canned response is a reply to its moment: sharing plain
            // words ("forge", "takes") with a message of another moment
            // does not make "Can you share a minimal repro?" the answer to
            // "how do I see what flags `forge deploy` takes?".
            if at.moment.is_some_and(|moment| !fits_moment(moment, triage)) && !m.anchored {
                return None;
            }
            Some(Found {
                id: at.id,
                text: at.text.trim(),
                source: at.source,
                matched: m.matched,
                score: m.score,
                concepts: m.concepts,
                anchored: m.anchored,
                topics: m.topics,
            })
        })
        .collect()
}

/// The most of a message that is searched with: its first 32 KiB say what
/// it is about, and the host caps a query (64 KiB by default).
const MAX_QUERY_TEXT: usize = 32 << 10;

/// `text` cut to at most `max` bytes, at a character boundary.
fn clip(text: &str, max: usize) -> &str {
    let end = (0..=max.min(text.len()))
        .rev()
        .find(|&at| text.is_char_boundary(at))
        .unwrap_or(0);
    &text[..end]
}

/// A text that may answer, before the search.
struct Candidate<'a> {
    id: &'a str,
    group: &'a str,
    language: &'a str,
    text: &'a str,
    source: Source,
    /// The moment a canned response is written for (its intent or label);
    /// none for a knowledge snippet.
    moment: Option<&'a str>,
}

/// The host's `knowledge-find` in a component: one index per brand, built
/// once by the host. A native or core-module build runs the same engine
/// here, over an index kept per thread and brand. A failed call (the host
/// denies the `knowledge` capability) is logged and answers nothing.
fn find(context: &Context, query: &KnowledgeQuery) -> Vec<KnowledgeMatch> {
    #[cfg(all(target_arch = "wasm32", not(chorus_core_module)))]
    {
        let _ = context;
        crate::host::knowledge_find(query).unwrap_or_else(|e| {
            crate::host::log(
                crate::LogLevel::Warn,
                &format!("knowledge-find failed, answering without the brand's texts: {e:?}"),
            );
            Vec::new()
        })
    }
    #[cfg(not(all(target_arch = "wasm32", not(chorus_core_module))))]
    {
        let knowledge = crate::voice::local_knowledge(&context.brand.name, &context.voice);
        crate::voice::knowledge_find(&knowledge, query)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found<'a>(id: &'a str, matched: &[&str]) -> Found<'a> {
        Found {
            id,
            text: id,
            source: Source::Knowledge,
            matched: matched.iter().map(|m| (*m).to_owned()).collect(),
            score: 3.0,
            concepts: Vec::new(),
            anchored: true,
            topics: Vec::new(),
        }
    }

    fn ids(found: &[Found<'_>]) -> Vec<String> {
        found.iter().map(|f| f.id.to_owned()).collect()
    }

    #[test]
    fn a_fee_is_not_answered_by_the_fee_of_another_case() {
        let with = |concepts: &[&str], topics: &[&str]| {
            let mut f = found("international-fees", &["fee"]);
            f.concepts = concepts.iter().map(|c| (*c).to_owned()).collect();
            f.topics = topics.iter().map(|t| (*t).to_owned()).collect();
            f.fee_of_another_case()
        };
        // "a £12 'account maintenance fee' on my statement": only the fee.
        assert!(with(&["fee"], &["abroad", "cash", "fee"]));
        // "what does cash abroad cost?": the case is shared.
        assert!(!with(&["fee", "abroad"], &["abroad", "cash", "fee"]));
        // A text on fees in general answers any fee.
        assert!(!with(&["fee"], &["fee"]));
    }

    #[test]
    fn a_long_query_is_clipped_at_a_character_boundary() {
        assert_eq!(clip("héllo", 2), "h");
        assert_eq!(clip("héllo", 3), "hé");
        assert_eq!(clip("hi", 10), "hi");
    }

    #[test]
    fn sentences_end_at_stops_not_at_links_or_prices() {
        assert_eq!(
            chorus_voice::split_sentences("Charged £3.50 twice. See acme.example/help? thanks\nJo"),
            [
                "Charged £3.50 twice.",
                "See acme.example/help?",
                "thanks",
                "Jo"
            ]
        );
    }

    #[test]
    fn a_response_that_reports_an_action_presumes_its_moment() {
        for text in [
            "We have placed a temporary block on your card for your security.",
            "We've refunded the charge.",
            "Hemos bloqueado tu tarjeta.",
            "Nous avons bloqué votre carte.",
            "Wir haben Ihre Karte vorübergehend gesperrt.",
        ] {
            assert!(reports_an_action(text), "{text}");
        }
        for text in [
            "We have a 2-year warranty on all gear.",
            "Can you share a minimal repro?",
            "Transfers made after 16:00 are processed on the next business day.",
        ] {
            assert!(!reports_an_action(text), "{text}");
        }
    }

    #[test]
    fn a_second_question_is_answered_by_another_text() {
        let query = "kann ich vorher alles rausziehen, also projekte und build-logs?\nund wenn wir dann kündigen, wie lange ist das zeug danach noch da?";
        let asked = questions(query);
        assert_eq!(asked.len(), 2, "{asked:?}");
        let about = |id, matched: &[&str], concept: &str| Found {
            concepts: vec![concept.to_owned()],
            ..found(id, matched)
        };
        let lead = about(
            "cancel-downgrade.de",
            &["kündigen (cancel)", "danach"],
            "cancel",
        );
        let hits = vec![
            lead.clone(),
            about(
                "data-export.de",
                &["rausziehen (export)", "projekte"],
                "export",
            ),
        ];
        let (also, first) = another_question(&lead, &hits, &asked).expect("a second answer");
        assert_eq!((also.id, first), ("data-export.de", true));
        // A text that matches only the question the lead answers is no
        // second answer, nor is one that adds nothing to the lead.
        let hits = vec![lead.clone(), about("pricing", &["kündigen"], "fee")];
        assert_eq!(another_question(&lead, &hits, &asked), None);
        // A text matched on its keywords alone answers the question they
        // are in.
        let asked = questions(
            "what's the most you can put on one gift card?\ntotally separate, I've just started at uni, do you do anything for students?",
        );
        let lead = found("gift-cards", &["gift card"]);
        let hits = vec![
            lead.clone(),
            found("student-discount", &["uni", "students"]),
        ];
        let (also, first) = another_question(&lead, &hits, &asked).expect("a second answer");
        assert_eq!((also.id, first), ("student-discount", false));
        // One plain word is not enough: waterproof trousers are no tent.
        let asked = questions(
            "are the taped seams on the waterproof trousers any good?\nand what size for a 12 year old?",
        );
        let lead = found("sizing", &["size"]);
        let hits = vec![lead.clone(), found("tent-care", &["waterproof"])];
        assert_eq!(another_question(&lead, &hits, &asked), None);
        // One question, or a second that points back, asks one thing.
        assert!(questions("how do I give my bookkeeper access? does it cost extra?").is_empty());
        assert!(questions("what's the student discount?").is_empty());
    }

    #[test]
    fn the_asking_sentence_decides_what_answers() {
        let query =
            "how do I rotate the API token for our org? the old one leaked in a public repo";
        let hits = vec![
            found("open-source", &["public", "repo", "public repo"]),
            found("api-tokens", &["api", "token"]),
        ];
        assert_eq!(ids(&on_the_question(hits, query)), ["api-tokens"]);
        // Nothing matches the question's words: every text stays.
        let query = "My tent pole snapped on day two. What do I do?";
        let hits = vec![found("warranty", &["snapped (broken)"])];
        assert_eq!(ids(&on_the_question(hits, query)), ["warranty"]);
        // One sentence that asks and tells: nothing to choose.
        let query = "the old token leaked in a public repo, how do I rotate it?";
        let hits = vec![found("open-source", &["public repo"])];
        assert_eq!(ids(&on_the_question(hits, query)), ["open-source"]);
        // A short question that points back asks about the story before it.
        let query = "Our finance team needs our VAT number on the invoices. Where do we add it?";
        let hits = vec![
            found("invoices-vat", &["vat", "invoices"]),
            found("seats", &["invoices", "add"]),
        ];
        assert_eq!(
            ids(&on_the_question(hits, query)),
            ["invoices-vat", "seats"]
        );
        // Unless it names a care topic a text is about.
        let query =
            "there's a charge from a hotel in Prague I never stayed at, £212. How do I dispute it?";
        let about = |id, matched: &[&str], concepts: &[&str]| Found {
            concepts: concepts.iter().map(|c| (*c).to_owned()).collect(),
            ..found(id, matched)
        };
        let hits = vec![
            about(
                "international-fees",
                &["charge (fee)", "prague (abroad)"],
                &["fee", "abroad"],
            ),
            about("dispute-window", &["dispute"], &["dispute"]),
        ];
        assert_eq!(ids(&on_the_question(hits, query)), ["dispute-window"]);
        // A plain word of the question does not outweigh a better match on
        // a care word of the story; a better plain match still decides.
        let query = "Our vendor-risk questionnaire asks which audits you hold. Could you point me to the right documents?";
        let plain = |id, matched: &[&str], score| Found {
            anchored: false,
            score,
            ..found(id, matched)
        };
        let hits = vec![
            found("security", &["vendor risk / audits (compliance)"]),
            plain("docs-config", &["documents"], 1.5),
        ];
        assert_eq!(
            ids(&on_the_question(hits, query)),
            ["security", "docs-config"]
        );
        let query = "thinking of switching. is there 5G in Leeds LS6?";
        let hits = vec![
            plain("coverage", &["5g", "leeds"], 3.5),
            found("keep-number", &["switching"]),
        ];
        assert_eq!(ids(&on_the_question(hits, query)), ["coverage"]);
    }
}
