//! Sentiment as a care team reads it: the lexicon's score (VADER-style,
//! [`super::sentiment`]) blended with a classifier learnt from labelled care
//! messages, then read in the message's context (intent and signals).

use super::classifier::{self, Features};
use super::rules::{Folded, has_word};
use super::{NO_REPLY_INTENTS, Signal};

/// Weight of the lexicon in the blend; the learnt model has the rest
/// (tuned on the `dev` split).
const LEXICON_WEIGHT: f32 = 0.5;

/// The lexicon's `score` blended with the learnt model's P(positive) −
/// P(negative), and a reason when the model moved the sign: a second
/// opinion where the lexicon is fooled ("THAT IS NOT OK" scores pleased on
/// "OK" in capitals). Computed once per message, for the cues and for
/// [`in_context`].
pub fn blend(features: &Features, score: f32) -> (f32, Option<String>) {
    let table = &classifier::SENTIMENT;
    let Some(scored) = table.score_features(features, 1.0) else {
        return (score, None);
    };
    let p = |label: &str| {
        table
            .classes
            .iter()
            .position(|c| *c == label)
            .map_or(0.0, |i| scored.probabilities[i])
    };
    let learnt = p("1") - p("-1");
    let blended = (LEXICON_WEIGHT * score + (1.0 - LEXICON_WEIGHT) * learnt).clamp(-1.0, 1.0);
    let moved =
        (blended > NEUTRAL) != (score > NEUTRAL) || (blended < -NEUTRAL) != (score < -NEUTRAL);
    let why = moved
        .then(|| format!("sentiment {blended:.2}: words {score:.2}, learnt model {learnt:.2}"));
    (blended, why)
}

/// Scores within this of zero are neutral (VADER's rule).
const NEUTRAL: f32 = 0.05;

/// Intents of a request: politeness in them is not pleasure, and a calm
/// request about a problem is neutral.
const REQUEST_INTENTS: &[&str] = &[
    "account",
    "billing",
    "cancellation",
    "damaged",
    "delivery",
    "feature-request",
    "outage",
    "question",
    "refund",
    "technical",
    "warranty",
];

/// Intents that ask without a problem: a calm one in words without
/// feeling is neutral, whatever the learnt model reads into its topic.
const ASKING_INTENTS: &[&str] = &["question", "general", "feature-request"];

/// Below this, words or the blended score are loaded ("terrible",
/// "useless"), not a description of a problem ("failed", "missing").
const LOADED: f32 = -0.5;

/// Whether both the words' score and the blended one are at most mildly
/// negative.
fn calm(words: f32, blended: f32) -> bool {
    words > LOADED && blended > LOADED
}

/// Phrases that ask for something, in en/es/fr/de.
const ASKS: &[&str] = &[
    "can you",
    "could you",
    "can someone",
    "could someone",
    "would you",
    "please",
    "pls",
    "plz",
    "how do i",
    "how can i",
    "kindly",
    "let me know",
    "puedes",
    "pueden",
    "podeis",
    "podrian",
    "podrias",
    "por favor",
    "pouvez",
    "pourriez",
    "pourrais",
    "merci de",
    "svp",
    "s'il vous plait",
    "konnt ihr",
    "konnen sie",
    "konnten sie",
    "kannst du",
    "bitte",
];

/// Faces of frustration, and applause on a problem (sarcasm: "app down
/// AGAIN on payday. brilliant 👏"): with one, a request is not calm.
const FRUSTRATED_FACES: &[char] = &[
    '👏', '🙄', '😤', '😡', '😠', '🤬', '😩', '😫', '😒', '😑', '😐', '😕', '🙃', '😞', '😢', '😭',
    // Worry, a facepalm and grief: "😟 will it get here in time?", "je
    // stresse un peu là 😬", "nur per Post 🤦‍♂️", "we lost our old boy 💔".
    '😟', '😥', '😰', '😬', '😨', '🤦', '💔',
];

/// A request in a calm voice: it asks (a question or "could you",
/// "pouvez-vous", "könnt ihr", ...) without emphasis ("!!", "??", "?!") or a
/// frustrated face. LABELLING.md: "my parcel hasn't arrived, could you
/// check?" is neutral, "still waiting, this is ridiculous" is not.
pub fn asks_calmly(text: &str, folded: &Folded) -> bool {
    let emphatic = emphatic(text) || text.contains(FRUSTRATED_FACES);
    let asks = text.contains('?') || folded.find(ASKS).is_some();
    asks && !emphatic
}

/// A question asked without upset: like [`asks_calmly`], but "??" is
/// surprise in a question ("when r we meant to send readings, every
/// month??"), not emphasis; "!!", "?!" and a frustrated face still are.
fn asks_in_surprise(text: &str, folded: &Folded) -> bool {
    let upset = EMPHASIS
        .iter()
        .filter(|e| **e != "??")
        .any(|e| text.contains(e))
        || text.contains(FRUSTRATED_FACES);
    (text.contains('?') || folded.find(ASKS).is_some()) && !upset
}

/// Words in which customers name their own upset or what the problem
/// costs them, in en/es/fr/de (folded): a request that names it is not
/// neutral, however calmly it asks ("is there any way to speed it up? a bit
/// stressed tbh", "on perd des ventes").
const UPSET_WORDS: &[&str] = &[
    // Exasperation: "…gave me no cash. what now", "'built for the
    // backcountry' my foot", "faites vite cette fois".
    "what now",
    "my foot",
    "no other way",
    "this time",
    "cette fois",
    "esta vez",
    "diesmal",
    "can't even",
    "cant even",
    "losing sales",
    "losing money",
    "perd des ventes",
    "perdons des ventes",
    "perdiendo ventas",
    "perdemos ventas",
    "verlieren umsatz",
    "worried",
    "worrying",
    "stressed",
    "stressing",
    "panicking",
    "anxious",
    "nervous",
    "frustrated",
    "frustrating",
    "annoyed",
    "annoying",
    "a pain",
    "una pena",
    "disappointed",
    "disappointing",
    "upset",
    "fed up",
    "gutted",
    "not impressed",
    "not happy",
    "unhappy",
    "sick of",
    "tired of",
    "preocupado",
    "preocupada",
    "estresado",
    "estresada",
    "agobiado",
    "agobiada",
    "harto",
    "harta",
    "frustrado",
    "frustrada",
    "decepcionado",
    "decepcionada",
    "inquiet",
    "inquiete",
    "stresse",
    "stressee",
    "decu",
    "decue",
    "agace",
    "agacee",
    "marre",
    "besorgt",
    "gestresst",
    "genervt",
    "frustriert",
    "enttauscht",
    "verargert",
    "argerlich",
    "nervig",
    "sorgen",
    "angst",
    "scared",
    "afraid",
    "panicky",
    "me preocupa",
    "m'inquiete",
    "relou",
    "fachant",
    "penible",
];

/// Emphatic punctuation: asked or told twice over.
const EMPHASIS: &[&str] = &["!!", "??", "?!", "!?"];

/// Intents that report a problem: told with emphasis ("se cayó la app??",
/// "charged twice!!"), or with the customer's own upset named, they are
/// negative whatever the words score. A question or a wish asked with
/// "??" is surprise, not upset.
const PROBLEM_INTENTS: &[&str] = &[
    "account",
    "billing",
    "damaged",
    "delivery",
    "outage",
    "refund",
    "technical",
    "warranty",
];

/// Whether the text asks or tells with emphasis ("??", "!!", "?!").
fn emphatic(text: &str) -> bool {
    EMPHASIS.iter().any(|e| text.contains(e))
}

/// Labels that say the customer is upset, whatever the words' valence.
const UPSET_LABELS: &[&str] = &["repeat-contact", "fraud", "angry", "sarcasm"];

/// The lexicon's score read as a care team reads the message: no feeling in
/// spam or auto-replies; politeness in a request or a problem report is not
/// pleasure (`thanks in advance` on a refund request stays neutral), and a
/// problem told calmly with a request ([`asks_calmly`], words at most mildly
/// negative) is neutral, as LABELLING.md reads it; thanks
/// and praise are positive; a complaint, a safety or legal matter, or a
/// customer who is chasing, defrauded, charged twice or shouting is
/// negative even in neutral words. `words` is the lexicon's score and
/// `blended` its [`blend`] with the learnt model. Returns the score and,
/// when it changed, why.
pub fn in_context(
    text: &str,
    folded: &Folded,
    words: f32,
    blended: (f32, Option<String>),
    intent: &str,
    signals: &[Signal],
) -> (f32, Option<String>) {
    let (score, learnt) = blended;
    let upset = signals
        .iter()
        .find(|s| UPSET_LABELS.contains(&s.label.as_str()))
        .map(|s| s.label.as_str())
        .or_else(|| ["complaint", "safety"].contains(&intent).then_some(intent));
    let labelled = |label: &str| signals.iter().any(|s| s.label == label);
    let adjusted = if NO_REPLY_INTENTS.contains(&intent) {
        0.0
    } else if labelled("suspect-message") && !labelled("angry") && !labelled("fraud") {
        // Checking whether a call in our name was genuine is worry, not
        // fury, however dark the words it quotes ("fraud team",
        // "password").
        score.max(-WORRY)
    } else if upset.is_some() {
        score.min(-CONTEXT_FEELING)
    } else if ["praise", "thanks"].contains(&intent) {
        score.max(CONTEXT_FEELING)
    } else if ASKING_INTENTS.contains(&intent)
        && score < -NEUTRAL
        && words.abs() < NEUTRAL
        && asks_in_surprise(text, folded)
        && folded.find(UPSET_WORDS).is_none()
    {
        // A calm question in words without feeling ("what happens to the
        // data I don't use? do I lose it", "is there a fee if I leave
        // early", "every month?? or only when you email me?"): the learnt
        // model reads the topic's words (lose, leave, fee), not the
        // customer's mood.
        0.0
    } else if REQUEST_INTENTS.contains(&intent) {
        // A rolled eye on a problem report is sarcasm, whatever "thanks a
        // lot" scores; "??" or a named upset on one is not calm.
        let upset_problem = PROBLEM_INTENTS.contains(&intent)
            && (emphatic(text) || folded.find(UPSET_WORDS).is_some());
        if text.contains(FRUSTRATED_FACES) || upset_problem {
            score.min(-CONTEXT_FEELING)
        } else if score < 0.0 && calm(words, score) && asks_calmly(text, folded) {
            0.0
        } else if ASKING_INTENTS.contains(&intent)
            && score > CONTEXT_FEELING
            && words > CONTEXT_FEELING
            && delighted(folded)
        {
            // Delight told beside a question or a wish ("loving forgekit
            // so far! would be great if…", "sinon super outil 👍"), not
            // politeness. On a problem report it is irony ("une matinée
            // de perdue, génial").
            score
        } else {
            score.min(0.0)
        }
    } else {
        score
    };
    if (adjusted - score).abs() < f32::EPSILON {
        return (score, learnt);
    }
    let why = match upset {
        Some(label) if adjusted < score => {
            format!("sentiment {adjusted:.2} ({label}; the words alone score {score:.2})")
        }
        _ => format!("sentiment {adjusted:.2} for {intent} (the words alone score {score:.2})"),
    };
    (adjusted, Some(why))
}

/// Words of delight, folded, matched as word prefixes: pleasure in the
/// product, not the politeness of a request ("thanks in advance",
/// "merci d'avance").
const DELIGHT: &[&str] = &[
    "love*",
    "loving",
    "amazing",
    "awesome",
    "brilliant",
    "fantastic",
    "super",
    "genial",
    "encanta*",
    "contenta",
    "contento",
    "j'adore",
    "adore",
    "ravi*",
    "begeistert",
    "toll",
    "klasse",
    "👍",
    "❤",
    "😍",
    "🥰",
    "🙌",
];

/// A wish said with a word of delight: "would love to see dark mode" asks,
/// it does not praise.
const WISHING: &[&str] = &[
    "would love",
    "i'd love",
    "id love",
    "we'd love",
    "would be super",
    "would be amazing",
    "would be awesome",
    "serait super",
    "seria genial",
    "me encantaria",
    "ware super",
    "ware toll",
    "waere toll",
];

/// Whether the customer says they are delighted ([`DELIGHT`]), beyond a
/// wish ([`WISHING`]).
fn delighted(folded: &Folded) -> bool {
    if folded.find(WISHING).is_none() {
        return has_word(folded, DELIGHT);
    }
    has_word(
        &Folded::new(&super::cues::without(folded, WISHING)),
        DELIGHT,
    )
}

/// The most negative a worried customer reads: below the fury that makes
/// a case severe.
const WORRY: f32 = 0.5;

/// The least feeling a message has when its context decides it.
const CONTEXT_FEELING: f32 = 0.3;

#[cfg(test)]
mod tests {
    use super::*;

    fn calmly(text: &str) -> bool {
        asks_calmly(text, &Folded::new(text))
    }

    #[test]
    fn a_calm_request_asks_without_emphasis() {
        assert!(calmly("my parcel hasn't arrived, could you check?"));
        assert!(calmly("Is the app down? getting 502 on every page"));
        assert!(calmly(
            "ma carte est arrivée pliée, pouvez-vous m'en envoyer une autre"
        ));
        assert!(calmly(
            "die Karte geht nicht, könnt ihr mir eine neue schicken"
        ));
        assert!(calmly(
            "me falta una pieza del pedido, me podéis ayudar por favor"
        ));
        assert!(!calmly("why is it FAILED when every step is green??"));
        assert!(!calmly("still no parcel?! sort it out"));
        assert!(!calmly("any update on my refund? 🙄"));
        assert!(!calmly("my parcel never arrived."));
    }

    fn read(text: &str, intent: &str) -> f32 {
        let words = 0.0;
        in_context(text, &Folded::new(text), words, (words, None), intent, &[]).0
    }

    #[test]
    fn a_problem_told_with_emphasis_or_named_upset_is_negative() {
        let calm = "the tent I ordered still says processing, is there any way to speed it up?";
        assert_eq!(read(calm, "delivery"), 0.0);
        assert!(read(&format!("{calm} a bit stressed tbh"), "delivery") < 0.0);
        assert!(read("se cayó la app?? no puedo entrar", "outage") < 0.0);
        assert!(read("app down AGAIN on payday. brilliant 👏", "outage") < 0.0);
        // A question or a wish asked with "??" is surprise, not upset, and
        // worry about something not yet bought is no problem.
        assert_eq!(
            read("no Bitbucket support?? porfa agreguenlo", "feature-request"),
            0.0
        );
        assert_eq!(
            read(
                "worried about break-in, what's the returns policy?",
                "question"
            ),
            0.0
        );
    }

    fn read_with(text: &str, intent: &str, words: f32) -> f32 {
        in_context(text, &Folded::new(text), words, (words, None), intent, &[]).0
    }

    #[test]
    fn delight_beside_a_question_is_positive_politeness_and_wishes_are_not() {
        let pleased =
            "loving forgekit so far! would be great if we could set limits per branch. any plans?";
        assert!(read_with(pleased, "feature-request", 0.6) > 0.0);
        assert!(
            read_with(
                "sinon super outil 👍 c'est possible via l'API ?",
                "question",
                0.5
            ) > 0.0
        );
        for (text, intent) in [
            ("would love to see dark mode, any plans?", "feature-request"),
            ("thanks in advance, can you check my refund?", "refund"),
            ("une matinée de perdue, génial. un ETA ?", "outage"),
        ] {
            assert_eq!(read_with(text, intent, 0.6), 0.0, "{text}");
        }
    }

    #[test]
    fn loaded_words_are_not_calm() {
        assert!(calm(-0.2, -0.3));
        assert!(!calm(-0.6, -0.3));
        assert!(!calm(-0.2, -0.7));
    }
}
