//! German in the familiar register (*du*), "we" and "I", for brands that
//! write to customers with *du* (see [`super::Register`]).
//!
//! Cases: `{detail}`, `{what}` and `{subject}` are always accusative objects
//! ("Wir prüfen den Fall", "schick deine Bestellnummer mit": `{what}`
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
    words(INVOICE_REQUEST, "deine Rechnung"),
    words("refund", "deine Erstattung"),
    words("delivery", "deine Lieferung"),
    words("damaged", "deine Reklamation"),
    words("warranty", "deine Reparatur"),
    words("account", "dein Konto"),
    words("technical", "das Problem"),
    words("outage", "die Störung"),
    words("cancellation", "deine Kündigung"),
    words("feature-request", "deinen Vorschlag"),
    words("legal", "deine Beschwerde"),
    words("legal-request", "deine Anfrage"),
    words(DISTRESS, "deine Nachricht"),
    words("safety", "deine Sicherheitsmeldung"),
    words("complaint", "den Fall"),
    words("", "dein Anliegen"),
];

const NEEDS: &[(Need, &str)] = &[
    (Need::OrderId, "deine Bestellnummer"),
    (
        Need::AccountEmail,
        "die E-Mail-Adresse deines Kontos (niemals dein Passwort)",
    ),
    (Need::Amount, "den abgebuchten Betrag"),
    (Need::Date, "das Datum der Abbuchung"),
    (Need::InvoiceId, "die Rechnungsnummer"),
    (Need::Reason, "den Grund für die Erstattung"),
    (Need::Photo, "ein Foto des Artikels"),
    (Need::Error, "die Fehlermeldung oder einen Screenshot"),
    (
        Need::Steps,
        "eine kurze Schilderung deiner Schritte vor dem Fehler",
    ),
    (Need::Plan, "den Namen deines Tarifs"),
    (Need::UseCase, "ein paar Worte zu deinem Anwendungsfall"),
    (Need::Suspect, "einen Screenshot der erhaltenen Nachricht"),
    (Need::Detail, "noch ein paar Details zu deinem Anliegen"),
];

const PROBLEMS: &[(&str, &str)] = &[
    (DISTRESS, "deine Lage"),
    ("safety", "das Geschehene"),
    ("legal", "die bisherige Bearbeitung deines Anliegens"),
    ("fraud", "dieses Sicherheitsproblem"),
    ("double-charge", "die doppelte Abbuchung"),
    ("outage", "die Störung"),
    ("outage-burst", "die Störung"),
    (
        "repeat-contact",
        "das lange Warten auf eine Antwort von uns",
    ),
    ("long-wait", "die lange Wartezeit"),
    ("delivery", "die Verspätung deiner Bestellung"),
    ("damaged", "die Beschädigung deines Artikels"),
    ("billing", "die Sache mit der Abbuchung"),
    ("refund", "das Warten auf deine Erstattung"),
    ("account", "das Problem mit deinem Kontozugang"),
    ("technical", "das technische Problem"),
    ("", "die ganze Situation"),
];

/// German, first person plural: "Danke für deine Nachricht, Lucía."
pub(super) const WE: Phrases = Phrases {
    lang: "de",
    hello: &[],
    thanks: &[
        "Danke für deine Nachricht, {name}.",
        "Vielen Dank, dass du dich bei uns meldest, {name}.",
        "{name}, danke, dass du uns Bescheid gibst.",
    ],
    empathy: &[
        "Das tut uns leid, {name}.",
        "{name}, wir verstehen deinen Ärger.",
        "Wir bedauern die Unannehmlichkeiten, {name}.",
        "Es tut uns leid, dass das passiert ist, {name}.",
    ],
    concern: &[
        "Wir verstehen deine Frage gut, {name}.",
        "{name}, wir verstehen, dass du das vorher wissen möchtest.",
        "Gut, dass du fragst, {name}; wir verstehen deine Sorge.",
    ],
    severe_empathy: &[
        "{name}, wir bedauern {problem} sehr.",
        "Das tut uns leid, {name}. Wir nehmen {problem} sehr ernst.",
        "{name}, wir verstehen, wie belastend {problem} für dich ist.",
    ],
    severe_calm: &[
        "Vielen Dank für deine Nachricht, {name}.",
        "{name}, danke, dass du uns dazu schreibst.",
    ],
    condolences: &[
        "{name}, unser aufrichtiges Beileid.",
        "Es tut uns sehr leid, von deinem Verlust zu hören, {name}.",
    ],
    returning: &[
        "Schön, wieder von dir zu hören.",
        "Schön, dass du dich wieder meldest.",
    ],
    praise_specific: &[
        "Vielen Dank für deine lieben Worte über {praised}, {name}.",
        "{name}, dein Lob für {praised} freut uns sehr.",
        "Schön zu lesen, was du über {praised} schreibst, {name}.",
    ],
    praise: &[
        "Vielen Dank für deine lieben Worte, {name}.",
        "Danke, dass du dir die Zeit genommen hast, uns zu schreiben, {name}.",
        "Das freut uns wirklich sehr, {name}.",
    ],
    praise_after: &[
        "Wir geben das gerne an das Team weiter.",
        "Deine Nachricht teilen wir mit dem ganzen Team.",
        "Das Team wird sich sehr darüber freuen.",
    ],
    close: &[
        "Schön, dass alles geklärt ist, {name}.",
        "Gern geschehen, {name}.",
        "Das freut uns zu hören, {name}.",
        "Wir haben gern geholfen, {name}.",
    ],
    ask_open: &[
        "Wie können wir dir helfen?",
        "Was können wir für dich tun?",
        "Womit können wir dir weiterhelfen?",
    ],
    ask: &[
        "Könntest du uns {detail} schicken? Dann können wir das klären.",
        "Damit wir weiterhelfen können, brauchen wir {detail}.",
        "Schick uns bitte {detail}, dann kümmern wir uns sofort darum.",
    ],
    ask_private: &[
        "Könntest du uns {detail} per Direktnachricht ({private}) schicken? Dann können wir das klären.",
        "Schick uns {detail} bitte per Direktnachricht ({private}), dann kümmern wir uns darum.",
    ],
    take_private: &[
        "Damit wir das sicher prüfen können, schreib uns bitte per Direktnachricht ({private}) und schick {what} mit.",
        "Am besten klären wir das per Direktnachricht ({private}): Schick uns dort bitte {what}.",
    ],
    take_private_known: &[
        "Schreib uns bitte per Direktnachricht ({private}), damit wir uns {subject} sicher ansehen können.",
        "Könntest du uns per Direktnachricht ({private}) schreiben? Dort prüfen wir {subject} in Ruhe.",
    ],
    privacy_note: &[
        "Bitte teile keine persönlichen Daten öffentlich.",
        "Bitte poste keine Konto- oder Zahlungsdaten öffentlich.",
    ],
    escalate: &[
        "Wir geben dein Anliegen an eine Fachkraft weiter, die das klären kann.",
        "Wir übergeben deinen Fall an unser Fachteam.",
    ],
    escalate_next: &[
        "Du erhältst {response_time} eine Antwort; der gesamte Verlauf wird mitgegeben, du musst also nichts wiederholen.",
        "Alle bisherigen Nachrichten liegen dort bereits vor, und du bekommst {response_time} eine Rückmeldung.",
    ],
    acknowledge: &[
        "Wir prüfen {subject} und melden uns {response_time} bei dir.",
        "Wir sehen uns {subject} gerade an; du hörst {response_time} von uns.",
        "Wir kümmern uns jetzt um {subject} und geben dir {response_time} Bescheid.",
    ],
    safety_first: &[
        "Bitte such für jede verletzte Person zuerst ärztliche Hilfe und benutze das Produkt nicht weiter, bis wir es geprüft haben.",
        "Deine Sicherheit geht vor: Bitte hol für Verletzte ärztliche Hilfe und verwende das Produkt nicht mehr, bis wir es geprüft haben.",
    ],
    safety_unhurt: &[
        "Wir sind erleichtert, dass niemand verletzt wurde. Bitte benutze das Produkt nicht weiter, bis wir es geprüft haben.",
        "Gut, dass niemand verletzt wurde; bitte verwende das Produkt nicht mehr, bis wir es geprüft haben.",
    ],
    crisis: &[
        "Wenn du in Gefahr bist oder daran denkst, dir etwas anzutun, ruf bitte jetzt den Notruf oder eine Krisenhotline an; dort ist Tag und Nacht jemand erreichbar.",
    ],
    severe_next: &[
        "Jemand aus unserem Team kümmert sich bereits um {subject} und meldet sich {response_time} bei dir.",
        "Wir behandeln {subject} vorrangig und melden uns {response_time}.",
        "Eine Kollegin oder ein Kollege prüft {subject} gerade; du hörst {response_time} von uns.",
    ],
    order_followup: &[
        "Wir prüfen {order} sofort.",
        "Wir sehen uns {order} gleich genauer an.",
        "Wir kümmern uns direkt um {order}.",
    ],
    answer_followup: &[
        "Bei weiteren Fragen antworte einfach auf diese Nachricht.",
        "Wenn du noch etwas brauchst, schreib uns hier, wir helfen gern weiter.",
    ],
    fix_followup: &[
        "Falls das nicht hilft, antworte einfach und wir sehen genauer hin.",
        "Wenn es weiterhin nicht klappt, schreib uns hier, dann prüfen wir das.",
    ],
    tip: &["Tipp: {tip}"],
    warm_closing: &["Wir sind für dich da.", "Wir helfen dir gern weiter."],
    your_order: "deine Bestellung",
    order_ref: "Bestellung {id}",
    and: " und ",
    needs: NEEDS,
    problems: PROBLEMS,
    intents: INTENTS,
};

/// German, first person singular: "Danke für deine Nachricht, Lucía."
pub(super) const I: Phrases = Phrases {
    lang: "de",
    thanks: &[
        "Danke für deine Nachricht, {name}.",
        "Vielen Dank, dass du dich bei mir meldest, {name}.",
        "{name}, danke, dass du mir Bescheid gibst.",
    ],
    empathy: &[
        "Das tut mir leid, {name}.",
        "{name}, ich verstehe deinen Ärger.",
        "Ich verstehe, wie ärgerlich das ist, {name}.",
        "Es tut mir leid, dass das passiert ist, {name}.",
    ],
    concern: &[
        "Ich verstehe deine Frage gut, {name}.",
        "{name}, ich verstehe, dass du das vorher wissen möchtest.",
        "Gut, dass du fragst, {name}; ich verstehe deine Sorge.",
    ],
    severe_empathy: &[
        "{name}, ich verstehe deine Sorge und bedauere {problem} sehr.",
        "Das tut mir leid, {name}. Ich nehme {problem} sehr ernst.",
        "{name}, ich verstehe, wie belastend {problem} für dich ist.",
    ],
    severe_calm: &[
        "Vielen Dank für deine Nachricht, {name}.",
        "{name}, danke, dass du mir dazu schreibst.",
    ],
    condolences: &[
        "{name}, mein aufrichtiges Beileid.",
        "Es tut mir sehr leid, von deinem Verlust zu hören, {name}.",
    ],
    praise_specific: &[
        "Vielen Dank für deine lieben Worte über {praised}, {name}.",
        "{name}, dein Lob für {praised} freut mich sehr.",
        "Schön zu lesen, was du über {praised} schreibst, {name}.",
    ],
    praise: &[
        "Vielen Dank für deine lieben Worte, {name}.",
        "Danke, dass du dir die Zeit genommen hast, mir zu schreiben, {name}.",
        "Das freut mich wirklich sehr, {name}.",
    ],
    praise_after: &[
        "Ich gebe das gerne an das Team weiter.",
        "Deine Nachricht teile ich mit dem ganzen Team.",
        "Das Team wird sich sehr darüber freuen.",
    ],
    close: &[
        "Schön, dass alles geklärt ist, {name}.",
        "Gern geschehen, {name}.",
        "Das freut mich zu hören, {name}.",
        "Ich habe gern geholfen, {name}.",
    ],
    ask_open: &[
        "Wie kann ich dir helfen?",
        "Was kann ich für dich tun?",
        "Womit kann ich dir weiterhelfen?",
    ],
    ask: &[
        "Könntest du mir {detail} schicken? Dann kann ich das klären.",
        "Damit ich weiterhelfen kann, brauche ich {detail}.",
        "Schick mir bitte {detail}, dann kümmere ich mich sofort darum.",
    ],
    ask_private: &[
        "Könntest du mir {detail} per Direktnachricht ({private}) schicken? Dann kann ich das klären.",
        "Schick mir {detail} bitte per Direktnachricht ({private}), dann kümmere ich mich darum.",
    ],
    take_private: &[
        "Damit ich das sicher prüfen kann, schreib mir bitte per Direktnachricht ({private}) und schick {what} mit.",
        "Am besten kläre ich das per Direktnachricht ({private}): Schick mir dort bitte {what}.",
    ],
    take_private_known: &[
        "Schreib mir bitte per Direktnachricht ({private}), damit ich mir {subject} sicher ansehen kann.",
        "Könntest du mir per Direktnachricht ({private}) schreiben? Dort prüfe ich {subject} in Ruhe.",
    ],
    escalate: &[
        "Ich gebe dein Anliegen an eine Fachkraft weiter, die das klären kann.",
        "Ich übergebe deinen Fall an unser Fachteam.",
    ],
    acknowledge: &[
        "Ich prüfe {subject} und melde mich {response_time} bei dir.",
        "Ich sehe mir {subject} gerade an; du hörst {response_time} von mir.",
        "Ich kümmere mich jetzt um {subject} und gebe dir {response_time} Bescheid.",
    ],
    crisis: &[
        "Wenn du in Gefahr bist oder daran denkst, dir etwas anzutun, ruf bitte jetzt den Notruf oder eine Krisenhotline an; dort ist Tag und Nacht jemand erreichbar.",
    ],
    severe_next: &[
        "Ich kümmere mich persönlich um {subject} und melde mich {response_time} bei dir.",
        "Ich behandle {subject} vorrangig und melde mich {response_time}.",
        "Ich prüfe {subject} gerade selbst; du hörst {response_time} von mir.",
    ],
    order_followup: &[
        "Ich prüfe {order} sofort.",
        "Ich sehe mir {order} gleich genauer an.",
        "Ich kümmere mich direkt um {order}.",
    ],
    answer_followup: &[
        "Bei weiteren Fragen antworte einfach auf diese Nachricht.",
        "Wenn du noch etwas brauchst, schreib mir hier, ich helfe gern weiter.",
    ],
    fix_followup: &[
        "Falls das nicht hilft, antworte einfach und ich sehe genauer hin.",
        "Wenn es weiterhin nicht klappt, schreib mir hier, dann prüfe ich das.",
    ],
    warm_closing: &["Ich bin für dich da.", "Ich helfe dir gern weiter."],
    ..WE
};
