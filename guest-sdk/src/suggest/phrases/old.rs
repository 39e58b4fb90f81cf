//! Phrase tables: the sentence frames suggestions are built from, one table
//! per language and register.
//!
//! English has three registers (casual, neutral, formal), written in the
//! first person plural; an "I" brand gets them through [`to_first_person`].
//! Spanish, French and German have one neutral register each (informal *tú*,
//! formal *vous* and *Sie*, as care teams usually write), with separate "we"
//! and "I" tables because their verbs agree with the person.
//!
//! Placeholders, filled by the composer:
//! `{name}` the customer's first name (the clause around it is dropped when
//! there is none: `"Hey {name}!"` → `"Hey!"`), `{detail}` what is missing,
//! `{what}` what to send privately, `{private}` where to send it, `{subject}`
//! what is being looked into, `{order}` the order reference, `{tip}` a
//! knowledge snippet, `{id}` an order id, and `{response_time}`, which is
//! left for the host (see the [`suggest`](crate::suggest) module docs).

use crate::{Formality, Person};

/// The sentence frames of one language and register.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Phrases {
    /// Language tag of the table (`en`, `es`, ...).
    pub lang: &'static str,
    /// A greeting word before everything else; empty when the register
    /// puts the name into the opener instead.
    pub hello: &'static str,
    /// Opener acknowledging feelings, for negative messages.
    pub empathy: &'static str,
    /// Opener for everything else.
    pub thanks: &'static str,
    /// Opener for praise.
    pub praise: &'static str,
    /// Acknowledges a returning customer.
    pub returning: &'static str,
    /// Asks for `{detail}`.
    pub ask: &'static str,
    /// Asks for `{detail}` to be sent to `{private}` (public messages).
    pub ask_private: &'static str,
    /// Moves the conversation to `{private}` with `{what}`.
    pub take_private: &'static str,
    /// Reminds a public poster not to share personal data.
    pub privacy_note: &'static str,
    /// Hand-over to a specialist, when the brand's own phrase does not fit.
    pub escalate: &'static str,
    /// What happens after the escalation phrase.
    pub escalate_next: &'static str,
    /// Acknowledges and sets expectations for `{subject}`.
    pub acknowledge: &'static str,
    /// Acknowledges praise.
    pub acknowledge_praise: &'static str,
    /// Next step about a known `{order}`.
    pub order_followup: &'static str,
    /// An answer built from a knowledge snippet `{tip}`.
    pub knowledge_answer: &'static str,
    /// Follows a knowledge answer.
    pub knowledge_followup: &'static str,
    /// A knowledge tip appended to a suggestion.
    pub tip: &'static str,
    /// Warm closing line for warm brands.
    pub warm_closing: &'static str,
    /// "your order", when the id must not be echoed.
    pub your_order: &'static str,
    /// "order {id}".
    pub order_ref: &'static str,
    /// Per-intent words.
    pub intents: &'static [IntentWords],
}

/// What to ask for and how to name the matter, for one intent.
#[derive(Debug, Clone, Copy)]
pub(crate) struct IntentWords {
    /// The intent label; `""` is the fallback for every other intent.
    pub intent: &'static str,
    /// The detail to ask for.
    pub detail: &'static str,
    /// The detail to ask for when the message already has an order id
    /// (never the order number again).
    pub detail_with_order: &'static str,
    /// What to send in private.
    pub what: &'static str,
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
            .unwrap_or(&EN_INTENTS[EN_INTENTS.len() - 1])
    }
}

/// Languages with phrase tables.
pub(crate) const LANGUAGES: &[&str] = &["en", "es", "fr", "de"];

/// The table for `lang` (one of [`LANGUAGES`], else English), register and
/// person. English "I" tables are the "we" tables; the composer converts
/// them with [`to_first_person`].
pub(crate) fn table(lang: &str, formality: Formality, person: Person) -> &'static Phrases {
    match (lang, person) {
        ("es", Person::We) => &ES_WE,
        ("es", Person::I) => &ES_I,
        ("fr", Person::We) => &FR_WE,
        ("fr", Person::I) => &FR_I,
        ("de", Person::We) => &DE_WE,
        ("de", Person::I) => &DE_I,
        _ => match formality {
            Formality::Casual => &EN_CASUAL,
            Formality::Neutral => &EN_NEUTRAL,
            Formality::Formal => &EN_FORMAL,
        },
    }
}

const fn words(
    intent: &'static str,
    detail: &'static str,
    detail_with_order: &'static str,
    what: &'static str,
    subject: &'static str,
) -> IntentWords {
    IntentWords {
        intent,
        detail,
        detail_with_order,
        what,
        subject,
    }
}

const EN_INTENTS: &[IntentWords] = &[
    words(
        "billing",
        "the invoice number and the amount charged",
        "the amount charged and the date of the charge",
        "the invoice number",
        "your billing question",
    ),
    words(
        "refund",
        "your order number and the reason for the refund",
        "the reason for the refund and whether the item was sent back",
        "your order number",
        "your refund",
    ),
    words(
        "delivery",
        "your order number",
        "the delivery date shown in your confirmation",
        "your order number",
        "your delivery",
    ),
    words(
        "account",
        "the email address on the account (never your password)",
        "the email address on the account (never your password)",
        "the email address on your account",
        "your account",
    ),
    words(
        "technical",
        "what you were doing when it happened and any error message",
        "what you were doing when it happened and any error message",
        "a screenshot of the error",
        "the problem",
    ),
    words(
        "outage",
        "what you see (an error message or a screenshot) and since when",
        "what you see (an error message or a screenshot) and since when",
        "your account email and what you see",
        "the outage",
    ),
    words(
        "cancellation",
        "which plan you'd like to cancel",
        "which plan you'd like to cancel",
        "the email address on your account",
        "your cancellation",
    ),
    words(
        "feature-request",
        "a bit more about what you'd like it to do",
        "a bit more about what you'd like it to do",
        "a few details about how you'd use it",
        "your suggestion",
    ),
    words(
        "praise",
        "what you liked most",
        "what you liked most",
        "anything you'd like to add",
        "your message",
    ),
    words(
        "",
        "a little more detail about what you need",
        "a little more detail about what you need",
        "the details",
        "your message",
    ),
];

const EN_NEUTRAL: Phrases = Phrases {
    escalate: "We're bringing in a specialist who can sort this out.",
    lang: "en",
    hello: "",
    empathy: "We're sorry to hear about this, {name}.",
    thanks: "Thanks for reaching out, {name}.",
    praise: "Thanks so much, {name}.",
    returning: "Good to hear from you again.",
    ask: "Could you share {detail}? Then we can sort it out.",
    ask_private: "Could you share {detail} in {private}? Then we can sort it out.",
    take_private: "So we can look into this safely, please send us {private} with {what}, and we'll take it from there.",
    privacy_note: "Please don't post personal or payment details here.",
    escalate_next: "They'll have the full conversation, so you won't need to repeat anything.",
    acknowledge: "We're looking into {subject} and we'll get back to you {response_time}.",
    acknowledge_praise: "We'll pass this on to the team.",
    order_followup: "We'll check {order} right away.",
    knowledge_answer: "Here's what should help: {tip}",
    knowledge_followup: "If that doesn't solve it, just reply and we'll dig in.",
    tip: "Tip: {tip}",
    warm_closing: "We're here to help.",
    your_order: "your order",
    order_ref: "order {id}",
    intents: EN_INTENTS,
};

const EN_CASUAL: Phrases = Phrases {
    escalate: "We're looping in a specialist to get this sorted.",
    lang: "en",
    hello: "Hey {name}!",
    empathy: "Ugh, sorry about that.",
    thanks: "Thanks for the message.",
    praise: "Aw, thank you so much.",
    returning: "Great to hear from you again.",
    ask: "Can you send us {detail}? Then we'll get it sorted.",
    ask_private: "Can you send us {detail} via {private}? Then we'll get it sorted.",
    take_private: "Pop us {private} with {what} and we'll take it from there.",
    privacy_note: "Just keep personal details out of public posts.",
    escalate_next: "They'll see the whole thread, so no need to repeat yourself.",
    acknowledge: "We're on it: we're looking into {subject} and we'll get back to you {response_time}.",
    acknowledge_praise: "We'll share this with the team, it'll make their day.",
    order_followup: "We'll check {order} right away.",
    knowledge_answer: "Quick answer: {tip}",
    knowledge_followup: "Still stuck? Just reply and we'll dig in.",
    tip: "Pro tip: {tip}",
    warm_closing: "We've got you.",
    ..EN_NEUTRAL
};

const EN_FORMAL: Phrases = Phrases {
    escalate: "We are referring this to a specialist who can resolve it.",
    lang: "en",
    hello: "",
    empathy: "We are sorry to hear about this, {name}.",
    thanks: "Thank you for contacting us, {name}.",
    praise: "Thank you for your kind words, {name}.",
    returning: "It is good to hear from you again.",
    ask: "Could you please provide {detail}? We will then be able to resolve this.",
    ask_private: "Could you please provide {detail} via {private}? We will then be able to resolve this.",
    take_private: "To handle this securely, please send us {private} with {what}, and we will continue from there.",
    privacy_note: "For your privacy, please do not share personal details publicly.",
    escalate_next: "The specialist will have the full history, so you will not need to repeat anything.",
    acknowledge: "We are reviewing {subject} and will respond {response_time}.",
    acknowledge_praise: "We will pass your message on to the team.",
    order_followup: "We will review {order} promptly.",
    knowledge_answer: "The following should help: {tip}",
    knowledge_followup: "Should this not resolve the matter, please reply and we will investigate.",
    tip: "Please note: {tip}",
    warm_closing: "We are glad to assist.",
    ..EN_NEUTRAL
};

const ES_INTENTS: &[IntentWords] = &[
    words(
        "billing",
        "el número de factura y el importe cobrado",
        "el importe cobrado y la fecha del cargo",
        "el número de factura",
        "tu consulta de facturación",
    ),
    words(
        "refund",
        "tu número de pedido y el motivo del reembolso",
        "el motivo del reembolso y si ya devolviste el artículo",
        "tu número de pedido",
        "tu reembolso",
    ),
    words(
        "delivery",
        "tu número de pedido",
        "la fecha de entrega que aparece en tu confirmación",
        "tu número de pedido",
        "tu envío",
    ),
    words(
        "account",
        "el correo electrónico de la cuenta (nunca tu contraseña)",
        "el correo electrónico de la cuenta (nunca tu contraseña)",
        "el correo electrónico de tu cuenta",
        "tu cuenta",
    ),
    words(
        "technical",
        "qué estabas haciendo cuando ocurrió y el mensaje de error",
        "qué estabas haciendo cuando ocurrió y el mensaje de error",
        "una captura del error",
        "el problema",
    ),
    words(
        "outage",
        "qué ves (un mensaje de error o una captura) y desde cuándo",
        "qué ves (un mensaje de error o una captura) y desde cuándo",
        "el correo de tu cuenta y lo que ves",
        "la incidencia",
    ),
    words(
        "cancellation",
        "qué plan quieres cancelar",
        "qué plan quieres cancelar",
        "el correo electrónico de tu cuenta",
        "tu cancelación",
    ),
    words(
        "feature-request",
        "un poco más sobre lo que te gustaría que hiciera",
        "un poco más sobre lo que te gustaría que hiciera",
        "algunos detalles de cómo lo usarías",
        "tu sugerencia",
    ),
    words(
        "praise",
        "qué es lo que más te gustó",
        "qué es lo que más te gustó",
        "lo que quieras añadir",
        "tu mensaje",
    ),
    words(
        "",
        "un poco más de detalle sobre lo que necesitas",
        "un poco más de detalle sobre lo que necesitas",
        "los detalles",
        "tu mensaje",
    ),
];

const ES_WE: Phrases = Phrases {
    escalate: "Vamos a pasar tu caso a un especialista que podrá resolverlo.",
    lang: "es",
    hello: "",
    empathy: "Lamentamos mucho lo ocurrido, {name}.",
    thanks: "Gracias por escribirnos, {name}.",
    praise: "Muchas gracias, {name}.",
    returning: "Nos alegra saber de ti de nuevo.",
    ask: "¿Podrías enviarnos {detail}? Así podremos resolverlo.",
    ask_private: "¿Podrías enviarnos {detail} por mensaje privado ({private})? Así podremos resolverlo.",
    take_private: "Para revisarlo de forma segura, escríbenos por mensaje privado ({private}) con {what} y seguiremos desde ahí.",
    privacy_note: "Por favor, no compartas datos personales en público.",
    escalate_next: "El especialista tendrá toda la conversación, así que no tendrás que repetir nada.",
    acknowledge: "Estamos revisando {subject} y te responderemos {response_time}.",
    acknowledge_praise: "Se lo haremos saber al equipo.",
    order_followup: "Revisaremos {order} enseguida.",
    knowledge_answer: "Esto debería ayudarte: {tip}",
    knowledge_followup: "Si no lo resuelve, responde y lo investigamos.",
    tip: "Consejo: {tip}",
    warm_closing: "Estamos aquí para ayudarte.",
    your_order: "tu pedido",
    order_ref: "el pedido {id}",
    intents: ES_INTENTS,
};

const ES_I: Phrases = Phrases {
    escalate: "Voy a pasar tu caso a un especialista que podrá resolverlo.",
    empathy: "Lamento mucho lo ocurrido, {name}.",
    returning: "Me alegra saber de ti de nuevo.",
    ask: "¿Podrías enviarme {detail}? Así podré resolverlo.",
    ask_private: "¿Podrías enviarme {detail} por mensaje privado ({private})? Así podré resolverlo.",
    take_private: "Para revisarlo de forma segura, escríbeme por mensaje privado ({private}) con {what} y seguiré desde ahí.",
    acknowledge: "Estoy revisando {subject} y te responderé {response_time}.",
    acknowledge_praise: "Se lo haré saber al equipo.",
    order_followup: "Revisaré {order} enseguida.",
    knowledge_followup: "Si no lo resuelve, responde y lo investigo.",
    warm_closing: "Estoy aquí para ayudarte.",
    ..ES_WE
};

const FR_INTENTS: &[IntentWords] = &[
    words(
        "billing",
        "le numéro de facture et le montant débité",
        "le montant débité et la date du prélèvement",
        "le numéro de facture",
        "votre question de facturation",
    ),
    words(
        "refund",
        "votre numéro de commande et le motif du remboursement",
        "le motif du remboursement et si l'article a été renvoyé",
        "votre numéro de commande",
        "votre remboursement",
    ),
    words(
        "delivery",
        "votre numéro de commande",
        "la date de livraison indiquée dans votre confirmation",
        "votre numéro de commande",
        "votre livraison",
    ),
    words(
        "account",
        "l'adresse e-mail du compte (jamais votre mot de passe)",
        "l'adresse e-mail du compte (jamais votre mot de passe)",
        "l'adresse e-mail de votre compte",
        "votre compte",
    ),
    words(
        "technical",
        "ce que vous faisiez au moment du problème et le message d'erreur",
        "ce que vous faisiez au moment du problème et le message d'erreur",
        "une capture d'écran de l'erreur",
        "le problème",
    ),
    words(
        "outage",
        "ce que vous voyez (message d'erreur ou capture) et depuis quand",
        "ce que vous voyez (message d'erreur ou capture) et depuis quand",
        "l'e-mail de votre compte et ce que vous voyez",
        "l'incident",
    ),
    words(
        "cancellation",
        "l'abonnement que vous souhaitez résilier",
        "l'abonnement que vous souhaitez résilier",
        "l'adresse e-mail de votre compte",
        "votre résiliation",
    ),
    words(
        "feature-request",
        "un peu plus de détails sur ce que vous aimeriez",
        "un peu plus de détails sur ce que vous aimeriez",
        "quelques détails sur votre usage",
        "votre suggestion",
    ),
    words(
        "praise",
        "ce qui vous a le plus plu",
        "ce qui vous a le plus plu",
        "ce que vous souhaitez ajouter",
        "votre message",
    ),
    words(
        "",
        "un peu plus de détails sur votre demande",
        "un peu plus de détails sur votre demande",
        "les détails",
        "votre demande",
    ),
];

const FR_WE: Phrases = Phrases {
    escalate: "Nous transmettons votre demande à un spécialiste qui pourra la régler.",
    lang: "fr",
    hello: "",
    empathy: "Nous sommes désolés de ce qui s'est passé, {name}.",
    thanks: "Merci de nous avoir écrit, {name}.",
    praise: "Merci beaucoup, {name}.",
    returning: "C'est un plaisir de vous retrouver.",
    ask: "Pourriez-vous nous envoyer {detail} ? Nous pourrons ainsi régler le problème.",
    ask_private: "Pourriez-vous nous envoyer {detail} en message privé ({private}) ? Nous pourrons ainsi régler le problème.",
    take_private: "Pour traiter cela en toute sécurité, écrivez-nous en message privé ({private}) avec {what}, et nous prendrons le relais.",
    privacy_note: "Merci de ne pas partager de données personnelles en public.",
    escalate_next: "Le spécialiste aura tout l'historique : vous n'aurez rien à répéter.",
    acknowledge: "Nous examinons {subject} et vous répondrons {response_time}.",
    acknowledge_praise: "Nous transmettrons votre message à l'équipe.",
    order_followup: "Nous vérifions {order} tout de suite.",
    knowledge_answer: "Voici ce qui devrait vous aider : {tip}",
    knowledge_followup: "Si cela ne suffit pas, répondez-nous et nous regarderons de plus près.",
    tip: "Astuce : {tip}",
    warm_closing: "Nous sommes là pour vous aider.",
    your_order: "votre commande",
    order_ref: "la commande {id}",
    intents: FR_INTENTS,
};

const FR_I: Phrases = Phrases {
    escalate: "Je transmets votre demande à un spécialiste qui pourra la régler.",
    empathy: "Je regrette sincèrement ce qui s'est passé, {name}.",
    ask: "Pourriez-vous m'envoyer {detail} ? Je pourrai ainsi régler le problème.",
    ask_private: "Pourriez-vous m'envoyer {detail} en message privé ({private}) ? Je pourrai ainsi régler le problème.",
    take_private: "Pour traiter cela en toute sécurité, écrivez-moi en message privé ({private}) avec {what}, et je prendrai le relais.",
    acknowledge: "J'examine {subject} et vous répondrai {response_time}.",
    acknowledge_praise: "Je transmettrai votre message à l'équipe.",
    order_followup: "Je vérifie {order} tout de suite.",
    knowledge_followup: "Si cela ne suffit pas, répondez-moi et je regarderai de plus près.",
    warm_closing: "Je suis là pour vous aider.",
    ..FR_WE
};

const DE_INTENTS: &[IntentWords] = &[
    words(
        "billing",
        "die Rechnungsnummer und den abgebuchten Betrag",
        "den abgebuchten Betrag und das Datum der Abbuchung",
        "der Rechnungsnummer",
        "Ihre Rechnungsfrage",
    ),
    words(
        "refund",
        "Ihre Bestellnummer und den Grund für die Erstattung",
        "den Grund für die Erstattung und ob der Artikel zurückgeschickt wurde",
        "Ihrer Bestellnummer",
        "Ihre Erstattung",
    ),
    words(
        "delivery",
        "Ihre Bestellnummer",
        "das Lieferdatum aus Ihrer Bestätigung",
        "Ihrer Bestellnummer",
        "Ihre Lieferung",
    ),
    words(
        "account",
        "die E-Mail-Adresse des Kontos (niemals Ihr Passwort)",
        "die E-Mail-Adresse des Kontos (niemals Ihr Passwort)",
        "der E-Mail-Adresse Ihres Kontos",
        "Ihr Konto",
    ),
    words(
        "technical",
        "was Sie gerade getan haben, und die Fehlermeldung",
        "was Sie gerade getan haben, und die Fehlermeldung",
        "einem Screenshot des Fehlers",
        "das Problem",
    ),
    words(
        "outage",
        "was Sie sehen (Fehlermeldung oder Screenshot) und seit wann",
        "was Sie sehen (Fehlermeldung oder Screenshot) und seit wann",
        "Ihrer Konto-E-Mail und dem, was Sie sehen",
        "die Störung",
    ),
    words(
        "cancellation",
        "welchen Tarif Sie kündigen möchten",
        "welchen Tarif Sie kündigen möchten",
        "der E-Mail-Adresse Ihres Kontos",
        "Ihre Kündigung",
    ),
    words(
        "feature-request",
        "etwas mehr dazu, was die Funktion können soll",
        "etwas mehr dazu, was die Funktion können soll",
        "ein paar Details zur Nutzung",
        "Ihren Vorschlag",
    ),
    words(
        "praise",
        "was Ihnen am besten gefallen hat",
        "was Ihnen am besten gefallen hat",
        "allem, was Sie ergänzen möchten",
        "Ihre Nachricht",
    ),
    words(
        "",
        "etwas mehr Details zu Ihrem Anliegen",
        "etwas mehr Details zu Ihrem Anliegen",
        "den Details",
        "Ihr Anliegen",
    ),
];

const DE_WE: Phrases = Phrases {
    escalate: "Wir geben Ihr Anliegen an eine Fachkraft weiter, die das klären kann.",
    lang: "de",
    hello: "",
    empathy: "Das tut uns leid, {name}.",
    thanks: "Danke für Ihre Nachricht, {name}.",
    praise: "Vielen Dank, {name}.",
    returning: "Schön, wieder von Ihnen zu hören.",
    ask: "Könnten Sie uns {detail} schicken? Dann können wir das klären.",
    ask_private: "Könnten Sie uns {detail} per Direktnachricht ({private}) schicken? Dann können wir das klären.",
    take_private: "Damit wir das sicher prüfen können, schreiben Sie uns bitte per Direktnachricht ({private}) mit {what}, dann kümmern wir uns darum.",
    privacy_note: "Bitte teilen Sie keine persönlichen Daten öffentlich.",
    escalate_next: "Die Fachkraft sieht den ganzen Verlauf, Sie müssen also nichts wiederholen.",
    acknowledge: "Wir prüfen {subject} und melden uns {response_time}.",
    acknowledge_praise: "Wir geben das gerne an das Team weiter.",
    order_followup: "Wir prüfen {order} sofort.",
    knowledge_answer: "Das sollte helfen: {tip}",
    knowledge_followup: "Falls das nicht hilft, antworten Sie einfach und wir sehen genauer hin.",
    tip: "Tipp: {tip}",
    warm_closing: "Wir sind für Sie da.",
    your_order: "Ihre Bestellung",
    order_ref: "Bestellung {id}",
    intents: DE_INTENTS,
};

const DE_I: Phrases = Phrases {
    escalate: "Ich gebe Ihr Anliegen an eine Fachkraft weiter, die das klären kann.",
    empathy: "Das tut mir leid, {name}.",
    ask: "Könnten Sie mir {detail} schicken? Dann kann ich das klären.",
    ask_private: "Könnten Sie mir {detail} per Direktnachricht ({private}) schicken? Dann kann ich das klären.",
    take_private: "Damit ich das sicher prüfen kann, schreiben Sie mir bitte per Direktnachricht ({private}) mit {what}, dann kümmere ich mich darum.",
    acknowledge: "Ich prüfe {subject} und melde mich {response_time}.",
    acknowledge_praise: "Ich gebe das gerne an das Team weiter.",
    order_followup: "Ich prüfe {order} sofort.",
    knowledge_followup: "Falls das nicht hilft, antworten Sie einfach und ich sehe genauer hin.",
    warm_closing: "Ich bin für Sie da.",
    ..DE_WE
};

/// Rewrites an English "we" phrase in the first person singular:
/// `we'll` → `I'll`, `us` → `me`, `our` → `my`, `we are` → `I am`.
///
/// Only for the tables above, whose verbs were chosen to agree with both
/// persons; brand-written text (canned responses, the escalation phrase) is
/// used as written.
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

pub(crate) fn to_first_person(text: &str) -> String {
    let text = text
        .replace("We are", "I am")
        .replace("we are", "I am")
        .replace("We were", "I was")
        .replace("we were", "I was");
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
            "you'll" => "you will",
            "don't" => "do not",
            "Don't" => "Do not",
            "doesn't" => "does not",
            "won't" => "will not",
            "can't" => "cannot",
            "it's" => "it is",
            "It's" => "It is",
            "it'll" => "it will",
            "that's" => "that is",
            "That's" => "That is",
            "Here's" => "Here is",
            "here's" => "here is",
            "They'll" => "They will",
            "they'll" => "they will",
            "Let's" => "Let us",
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
mod tests {
    use super::*;

    #[test]
    fn first_person_keeps_verbs_in_agreement() {
        assert_eq!(
            to_first_person("We are sorry. Please send us a DM and we'll take it from there."),
            "I am sorry. Please send me a DM and I'll take it from there."
        );
        assert_eq!(to_first_person("trust our team"), "trust my team");
    }

    #[test]
    fn contractions_are_spelled_out() {
        assert_eq!(
            expand_contractions("We're here, don't worry: we'll fix it."),
            "We are here, do not worry: we will fix it."
        );
    }

    #[test]
    fn every_table_has_a_fallback_intent() {
        for lang in LANGUAGES {
            for formality in [Formality::Casual, Formality::Neutral, Formality::Formal] {
                for person in [Person::We, Person::I] {
                    let t = table(lang, formality, person);
                    assert_eq!(t.lang, *lang);
                    assert!(t.intents.iter().any(|w| w.intent.is_empty()));
                    assert_eq!(t.intent("no-such-intent").intent, "");
                    assert!(t.acknowledge.contains("{response_time}"));
                }
            }
        }
    }
}
