//! German: one neutral-warm register with *Sie*, "we" and "I".
//!
//! Cases: `{detail}`, `{what}` and `{subject}` are always accusative objects
//! ("Wir prüfen den Fall", "schicken Sie Ihre Bestellnummer mit": `{what}`
//! is filled from the needs, so no template puts it after dative "mit"); a
//! `{problem}` is feminine or neuter singular, so it reads as both
//! subject and object ("wie belastend die Störung ist", "Wir nehmen die
//! Störung sehr ernst"). None of them holds a comma clause, which would
//! need a closing comma in the middle of a German sentence.

use super::{DISTRESS, INVOICE_REQUEST, IntentWords, Phrases};
use crate::suggest::facts::Need;

const fn words(intent: &'static str, subject: &'static str) -> IntentWords {
    IntentWords { intent, subject }
}

const INTENTS: &[IntentWords] = &[
    words("billing", "die Abbuchung"),
    words(INVOICE_REQUEST, "Ihre Rechnung"),
    words("refund", "Ihre Erstattung"),
    words("delivery", "Ihre Lieferung"),
    words("damaged", "Ihre Reklamation"),
    words("warranty", "Ihre Reparatur"),
    words("account", "Ihr Konto"),
    words("technical", "das Problem"),
    words("outage", "die Störung"),
    words("cancellation", "Ihre Kündigung"),
    words("feature-request", "Ihren Vorschlag"),
    words("legal", "Ihre Beschwerde"),
    words("legal-request", "Ihre Anfrage"),
    words(DISTRESS, "Ihre Nachricht"),
    words("safety", "Ihre Sicherheitsmeldung"),
    words("complaint", "den Fall"),
    words("", "Ihr Anliegen"),
];

const NEEDS: &[(Need, &str)] = &[
    (Need::OrderId, "Ihre Bestellnummer"),
    (
        Need::AccountEmail,
        "die E-Mail-Adresse Ihres Kontos (niemals Ihr Passwort)",
    ),
    (Need::Amount, "den abgebuchten Betrag"),
    (Need::Date, "das Datum der Abbuchung"),
    (Need::InvoiceId, "die Rechnungsnummer"),
    (Need::Reason, "den Grund für die Erstattung"),
    (Need::Photo, "ein Foto des Artikels"),
    (Need::Error, "die Fehlermeldung oder einen Screenshot"),
    (
        Need::Steps,
        "eine kurze Schilderung Ihrer Schritte vor dem Fehler",
    ),
    (Need::Plan, "den Namen Ihres Tarifs"),
    (Need::UseCase, "ein paar Worte zu Ihrem Anwendungsfall"),
    (Need::Suspect, "einen Screenshot der erhaltenen Nachricht"),
    (Need::Detail, "noch ein paar Details zu Ihrem Anliegen"),
];

const PROBLEMS: &[(&str, &str)] = &[
    (DISTRESS, "Ihre Lage"),
    ("safety", "das Geschehene"),
    ("legal", "die bisherige Bearbeitung Ihres Anliegens"),
    ("fraud", "dieses Sicherheitsproblem"),
    ("double-charge", "die doppelte Abbuchung"),
    ("outage", "die Störung"),
    ("outage-burst", "die Störung"),
    (
        "repeat-contact",
        "das lange Warten auf eine Antwort von uns",
    ),
    ("long-wait", "die lange Wartezeit"),
    ("delivery", "die Verspätung Ihrer Bestellung"),
    ("damaged", "die Beschädigung Ihres Artikels"),
    ("billing", "die Sache mit der Abbuchung"),
    ("refund", "das Warten auf Ihre Erstattung"),
    ("account", "das Problem mit Ihrem Kontozugang"),
    ("technical", "das technische Problem"),
    ("", "die ganze Situation"),
];

/// German, first person plural: "Danke für Ihre Nachricht, Lucía."
pub(super) const WE: Phrases = Phrases {
    lang: "de",
    hello: &[],
    thanks: &[
        "Danke für Ihre Nachricht, {name}.",
        "Vielen Dank, dass Sie sich bei uns melden, {name}.",
        "{name}, danke, dass Sie uns Bescheid geben.",
    ],
    empathy: &[
        "Das tut uns leid, {name}.",
        "{name}, wir verstehen Ihren Ärger.",
        "Wir bedauern die Unannehmlichkeiten, {name}.",
        "Es tut uns leid, dass das passiert ist, {name}.",
    ],
    concern: &[
        "Wir verstehen Ihre Frage gut, {name}.",
        "{name}, wir verstehen, dass Sie das vorher wissen möchten.",
        "Gut, dass Sie fragen, {name}; wir verstehen Ihre Sorge.",
    ],
    severe_empathy: &[
        "{name}, wir bedauern {problem} sehr.",
        "Das tut uns leid, {name}. Wir nehmen {problem} sehr ernst.",
        "{name}, wir verstehen, wie belastend {problem} für Sie ist.",
    ],
    severe_calm: &[
        "Vielen Dank für Ihre Nachricht, {name}.",
        "{name}, danke, dass Sie uns dazu schreiben.",
    ],
    condolences: &[
        "{name}, unser aufrichtiges Beileid.",
        "Es tut uns sehr leid, von Ihrem Verlust zu hören, {name}.",
    ],
    returning: &[
        "Schön, wieder von Ihnen zu hören.",
        "Schön, dass Sie sich wieder melden.",
    ],
    praise_specific: &[
        "Vielen Dank für Ihre freundlichen Worte über {praised}, {name}.",
        "{name}, Ihr Lob für {praised} freut uns sehr.",
        "Schön zu lesen, was Sie über {praised} schreiben, {name}.",
    ],
    praise: &[
        "Vielen Dank für Ihre freundlichen Worte, {name}.",
        "Danke, dass Sie sich die Zeit genommen haben, uns zu schreiben, {name}.",
        "Das freut uns wirklich sehr, {name}.",
    ],
    praise_after: &[
        "Wir geben das gerne an das Team weiter.",
        "Ihre Nachricht teilen wir mit dem ganzen Team.",
        "Das Team wird sich sehr darüber freuen.",
    ],
    close: &[
        "Schön, dass alles geklärt ist, {name}.",
        "Gern geschehen, {name}.",
        "Das freut uns zu hören, {name}.",
        "Wir haben gern geholfen, {name}.",
    ],
    ask_open: &[
        "Wie können wir Ihnen helfen?",
        "Was können wir für Sie tun?",
        "Womit können wir Ihnen weiterhelfen?",
    ],
    ask: &[
        "Könnten Sie uns {detail} schicken? Dann können wir das klären.",
        "Damit wir weiterhelfen können, brauchen wir {detail}.",
        "Schicken Sie uns bitte {detail}, dann kümmern wir uns sofort darum.",
    ],
    ask_private: &[
        "Könnten Sie uns {detail} per Direktnachricht ({private}) schicken? Dann können wir das klären.",
        "Schicken Sie uns {detail} bitte per Direktnachricht ({private}), dann kümmern wir uns darum.",
    ],
    take_private: &[
        "Damit wir das sicher prüfen können, schreiben Sie uns bitte per Direktnachricht ({private}) und schicken Sie {what} mit.",
        "Am besten klären wir das per Direktnachricht ({private}): Schicken Sie uns dort bitte {what}.",
    ],
    take_private_known: &[
        "Schreiben Sie uns bitte per Direktnachricht ({private}), damit wir uns {subject} sicher ansehen können.",
        "Könnten Sie uns per Direktnachricht ({private}) schreiben? Dort prüfen wir {subject} in Ruhe.",
    ],
    privacy_note: &[
        "Bitte teilen Sie keine persönlichen Daten öffentlich.",
        "Bitte posten Sie keine Konto- oder Zahlungsdaten öffentlich.",
    ],
    escalate: &[
        "Wir geben Ihr Anliegen an eine Fachkraft weiter, die das klären kann.",
        "Wir übergeben Ihren Fall an unser Fachteam.",
    ],
    escalate_next: &[
        "Sie erhalten {response_time} eine Antwort; der gesamte Verlauf wird mitgegeben, Sie müssen also nichts wiederholen.",
        "Alle bisherigen Nachrichten liegen dort bereits vor, und Sie bekommen {response_time} eine Rückmeldung.",
    ],
    acknowledge: &[
        "Wir prüfen {subject} und melden uns {response_time} bei Ihnen.",
        "Wir sehen uns {subject} gerade an; Sie hören {response_time} von uns.",
        "Wir kümmern uns jetzt um {subject} und geben Ihnen {response_time} Bescheid.",
    ],
    safety_first: &[
        "Bitte suchen Sie für jede verletzte Person zuerst ärztliche Hilfe und benutzen Sie das Produkt nicht weiter, bis wir es geprüft haben.",
        "Ihre Sicherheit geht vor: Bitte holen Sie für Verletzte ärztliche Hilfe und verwenden Sie das Produkt nicht mehr, bis wir es geprüft haben.",
    ],
    safety_unhurt: &[
        "Wir sind erleichtert, dass niemand verletzt wurde. Bitte benutzen Sie das Produkt nicht weiter, bis wir es geprüft haben.",
        "Gut, dass niemand verletzt wurde; bitte verwenden Sie das Produkt nicht mehr, bis wir es geprüft haben.",
    ],
    crisis: &[
        "Wenn Sie in Gefahr sind oder daran denken, sich etwas anzutun, rufen Sie bitte jetzt den Notruf oder eine Krisenhotline an; dort ist Tag und Nacht jemand erreichbar.",
    ],
    severe_next: &[
        "Jemand aus unserem Team kümmert sich bereits um {subject} und meldet sich {response_time} bei Ihnen.",
        "Wir behandeln {subject} vorrangig und melden uns {response_time}.",
        "Eine Kollegin oder ein Kollege prüft {subject} gerade; Sie hören {response_time} von uns.",
    ],
    order_followup: &[
        "Wir prüfen {order} sofort.",
        "Wir sehen uns {order} gleich genauer an.",
        "Wir kümmern uns direkt um {order}.",
    ],
    answer_followup: &[
        "Bei weiteren Fragen antworten Sie einfach auf diese Nachricht.",
        "Wenn Sie noch etwas brauchen, schreiben Sie uns hier, wir helfen gern weiter.",
    ],
    fix_followup: &[
        "Falls das nicht hilft, antworten Sie einfach und wir sehen genauer hin.",
        "Wenn es weiterhin nicht klappt, schreiben Sie uns hier, dann prüfen wir das.",
    ],
    tip: &["Tipp: {tip}"],
    warm_closing: &["Wir sind für Sie da.", "Wir helfen Ihnen gern weiter."],
    your_order: "Ihre Bestellung",
    order_ref: "Bestellung {id}",
    and: " und ",
    needs: NEEDS,
    problems: PROBLEMS,
    intents: INTENTS,
};

/// German, first person singular: "Danke für Ihre Nachricht, Lucía."
pub(super) const I: Phrases = Phrases {
    lang: "de",
    thanks: &[
        "Danke für Ihre Nachricht, {name}.",
        "Vielen Dank, dass Sie sich bei mir melden, {name}.",
        "{name}, danke, dass Sie mir Bescheid geben.",
    ],
    empathy: &[
        "Das tut mir leid, {name}.",
        "{name}, ich verstehe Ihren Ärger.",
        "Ich verstehe, wie ärgerlich das ist, {name}.",
        "Es tut mir leid, dass das passiert ist, {name}.",
    ],
    concern: &[
        "Ich verstehe Ihre Frage gut, {name}.",
        "{name}, ich verstehe, dass Sie das vorher wissen möchten.",
        "Gut, dass Sie fragen, {name}; ich verstehe Ihre Sorge.",
    ],
    severe_empathy: &[
        "{name}, ich verstehe Ihre Sorge und bedauere {problem} sehr.",
        "Das tut mir leid, {name}. Ich nehme {problem} sehr ernst.",
        "{name}, ich verstehe, wie belastend {problem} für Sie ist.",
    ],
    severe_calm: &[
        "Vielen Dank für Ihre Nachricht, {name}.",
        "{name}, danke, dass Sie mir dazu schreiben.",
    ],
    condolences: &[
        "{name}, mein aufrichtiges Beileid.",
        "Es tut mir sehr leid, von Ihrem Verlust zu hören, {name}.",
    ],
    praise_specific: &[
        "Vielen Dank für Ihre freundlichen Worte über {praised}, {name}.",
        "{name}, Ihr Lob für {praised} freut mich sehr.",
        "Schön zu lesen, was Sie über {praised} schreiben, {name}.",
    ],
    praise: &[
        "Vielen Dank für Ihre freundlichen Worte, {name}.",
        "Danke, dass Sie sich die Zeit genommen haben, mir zu schreiben, {name}.",
        "Das freut mich wirklich sehr, {name}.",
    ],
    praise_after: &[
        "Ich gebe das gerne an das Team weiter.",
        "Ihre Nachricht teile ich mit dem ganzen Team.",
        "Das Team wird sich sehr darüber freuen.",
    ],
    close: &[
        "Schön, dass alles geklärt ist, {name}.",
        "Gern geschehen, {name}.",
        "Das freut mich zu hören, {name}.",
        "Ich habe gern geholfen, {name}.",
    ],
    ask_open: &[
        "Wie kann ich Ihnen helfen?",
        "Was kann ich für Sie tun?",
        "Womit kann ich Ihnen weiterhelfen?",
    ],
    ask: &[
        "Könnten Sie mir {detail} schicken? Dann kann ich das klären.",
        "Damit ich weiterhelfen kann, brauche ich {detail}.",
        "Schicken Sie mir bitte {detail}, dann kümmere ich mich sofort darum.",
    ],
    ask_private: &[
        "Könnten Sie mir {detail} per Direktnachricht ({private}) schicken? Dann kann ich das klären.",
        "Schicken Sie mir {detail} bitte per Direktnachricht ({private}), dann kümmere ich mich darum.",
    ],
    take_private: &[
        "Damit ich das sicher prüfen kann, schreiben Sie mir bitte per Direktnachricht ({private}) und schicken Sie {what} mit.",
        "Am besten kläre ich das per Direktnachricht ({private}): Schicken Sie mir dort bitte {what}.",
    ],
    take_private_known: &[
        "Schreiben Sie mir bitte per Direktnachricht ({private}), damit ich mir {subject} sicher ansehen kann.",
        "Könnten Sie mir per Direktnachricht ({private}) schreiben? Dort prüfe ich {subject} in Ruhe.",
    ],
    escalate: &[
        "Ich gebe Ihr Anliegen an eine Fachkraft weiter, die das klären kann.",
        "Ich übergebe Ihren Fall an unser Fachteam.",
    ],
    acknowledge: &[
        "Ich prüfe {subject} und melde mich {response_time} bei Ihnen.",
        "Ich sehe mir {subject} gerade an; Sie hören {response_time} von mir.",
        "Ich kümmere mich jetzt um {subject} und gebe Ihnen {response_time} Bescheid.",
    ],
    crisis: &[
        "Wenn Sie in Gefahr sind oder daran denken, sich etwas anzutun, rufen Sie bitte jetzt den Notruf oder eine Krisenhotline an; dort ist Tag und Nacht jemand erreichbar.",
    ],
    severe_next: &[
        "Ich kümmere mich persönlich um {subject} und melde mich {response_time} bei Ihnen.",
        "Ich behandle {subject} vorrangig und melde mich {response_time}.",
        "Ich prüfe {subject} gerade selbst; Sie hören {response_time} von mir.",
    ],
    order_followup: &[
        "Ich prüfe {order} sofort.",
        "Ich sehe mir {order} gleich genauer an.",
        "Ich kümmere mich direkt um {order}.",
    ],
    answer_followup: &[
        "Bei weiteren Fragen antworten Sie einfach auf diese Nachricht.",
        "Wenn Sie noch etwas brauchen, schreiben Sie mir hier, ich helfe gern weiter.",
    ],
    fix_followup: &[
        "Falls das nicht hilft, antworten Sie einfach und ich sehe genauer hin.",
        "Wenn es weiterhin nicht klappt, schreiben Sie mir hier, dann prüfe ich das.",
    ],
    warm_closing: &["Ich bin für Sie da.", "Ich helfe Ihnen gern weiter."],
    ..WE
};
