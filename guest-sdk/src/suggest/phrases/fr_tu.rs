//! French in the familiar register (*tu*), "we" and "I", for brands that
//! write to customers with *tu* (see [`super::Register`]).

use super::{DISTRESS, INVOICE_REQUEST, IntentWords, Phrases};
use crate::suggest::facts::Need;

const fn words(intent: &'static str, subject: &'static str) -> IntentWords {
    IntentWords { intent, subject }
}

const INTENTS: &[IntentWords] = &[
    words("billing", "ce prélèvement"),
    words(INVOICE_REQUEST, "ta facture"),
    words("refund", "ton remboursement"),
    words("delivery", "ta livraison"),
    words("damaged", "l'article endommagé"),
    words("warranty", "ta réparation"),
    words("account", "ton compte"),
    words("technical", "le problème"),
    words("outage", "la panne"),
    words("cancellation", "ta résiliation"),
    words("feature-request", "ta suggestion"),
    words("legal", "ta plainte"),
    words("legal-request", "ta demande"),
    words(DISTRESS, "ton message"),
    words("safety", "ton signalement de sécurité"),
    words("complaint", "ta réclamation"),
    words("", "ta demande"),
];

const NEEDS: &[(Need, &str)] = &[
    (Need::OrderId, "ton numéro de commande"),
    (
        Need::AccountEmail,
        "l'adresse e-mail du compte (jamais ton mot de passe)",
    ),
    (Need::Amount, "le montant débité"),
    (Need::Date, "la date du prélèvement"),
    (Need::InvoiceId, "le numéro de facture"),
    (Need::Reason, "le motif du remboursement"),
    (Need::Photo, "une photo de l'article"),
    (Need::Error, "le message d'erreur ou une capture d'écran"),
    (
        Need::Steps,
        "une brève description de ce que tu faisais à ce moment-là",
    ),
    (Need::Plan, "le nom de l'abonnement à résilier"),
    (Need::UseCase, "quelques mots sur l'usage que tu en ferais"),
    (Need::Suspect, "une capture d'écran du message reçu"),
    (Need::Detail, "un peu plus de détails sur ta demande"),
];

const PROBLEMS: &[(&str, &str)] = &[
    (DISTRESS, "ce que tu traverses"),
    ("safety", "ce qui s'est passé"),
    ("legal", "la façon dont ton dossier a été traité"),
    ("fraud", "ce problème de sécurité"),
    ("double-charge", "le double prélèvement"),
    ("outage", "la panne"),
    ("outage-burst", "la panne"),
    (
        "repeat-contact",
        "cette relance qui n'aurait pas dû être nécessaire",
    ),
    ("long-wait", "cette longue attente"),
    ("delivery", "le retard de ta commande"),
    ("damaged", "l'état dans lequel ton article est arrivé"),
    ("billing", "le problème lié à ce prélèvement"),
    ("refund", "l'attente de ton remboursement"),
    ("account", "tes difficultés d'accès à ton compte"),
    ("technical", "le problème que tu rencontres"),
    ("", "les désagréments occasionnés"),
];

/// French, first person plural: "Merci de nous avoir écrit, Lucía."
pub(super) const WE: Phrases = Phrases {
    lang: "fr",
    hello: &[],
    thanks: &[
        "Merci de nous avoir écrit, {name}.",
        "Merci pour ton message, {name}.",
        "{name}, merci de nous avoir contactés.",
        "Merci de nous avoir prévenus, {name}.",
    ],
    empathy: &[
        "Nous sommes désolés de ce qui s'est passé, {name}.",
        "Nous comprenons que ce soit frustrant, {name}.",
        "{name}, nous regrettons sincèrement ce désagrément.",
        "Désolés pour ce contretemps, {name}.",
    ],
    concern: &[
        "Nous comprenons ta question, {name}.",
        "{name}, nous comprenons que tu souhaites vérifier.",
        "C'est une bonne question, {name} : nous comprenons ton inquiétude.",
    ],
    severe_empathy: &[
        "{name}, nous sommes vraiment désolés pour {problem}.",
        "Nous regrettons sincèrement {problem}, {name}.",
        "{name}, nous comprenons ce que tu ressens et nous prenons très au sérieux {problem}.",
    ],
    severe_calm: &[
        "Merci pour ton message, {name}.",
        "{name}, merci de nous avoir écrit à ce sujet.",
    ],
    condolences: &[
        "{name}, nous te présentons nos sincères condoléances.",
        "Toutes nos condoléances, {name}.",
    ],
    returning: &[
        "C'est un plaisir de te retrouver.",
        "Ça fait plaisir d'avoir à nouveau de tes nouvelles.",
    ],
    praise_specific: &[
        "Merci pour tes gentils mots sur {praised}, {name}.",
        "{name}, nous sommes ravis de lire ton avis sur {praised}.",
        "Nous sommes très touchés par ton retour sur {praised}, {name}.",
    ],
    praise: &[
        "Merci beaucoup pour tes gentils mots, {name}.",
        "Merci d'avoir pris le temps de nous écrire, {name}.",
        "Ça nous fait très plaisir de lire ton message, {name}.",
    ],
    praise_after: &[
        "Nous transmettrons ton message à l'équipe.",
        "Nous allons partager tes mots avec toute l'équipe.",
        "L'équipe sera ravie de le lire.",
    ],
    close: &[
        "Nous sommes ravis que tout soit réglé, {name}.",
        "Avec plaisir, {name}.",
        "Merci à toi, {name}.",
        "C'est une très bonne nouvelle, {name}.",
    ],
    ask_open: &[
        "Comment pouvons-nous t'aider ?",
        "Que pouvons-nous faire pour toi ?",
        "Dis-nous en quoi nous pouvons t'aider.",
    ],
    ask: &[
        "Pourrais-tu nous envoyer {detail} ? Nous pourrons ainsi régler le problème.",
        "Pour avancer, il nous faudrait {detail}.",
        "Peux-tu nous transmettre {detail} ? Nous prendrons le relais à partir de là.",
    ],
    ask_private: &[
        "Pourrais-tu nous envoyer {detail} en message privé ({private}) ? Nous pourrons ainsi régler le problème.",
        "Envoie-nous {detail} en message privé ({private}), et nous prendrons le relais.",
        "Pour avancer, il nous faudrait {detail} : merci de nous écrire en message privé ({private}).",
    ],
    take_private: &[
        "Pour traiter cela en toute sécurité, écris-nous en message privé ({private}) avec {what}, et nous prendrons le relais.",
        "Mieux vaut poursuivre en message privé ({private}) : envoie-nous {what}. Nous verrons cela ensemble en toute sécurité.",
    ],
    take_private_known: &[
        "Écris-nous en message privé ({private}) afin que nous puissions examiner {subject} en toute sécurité.",
        "Pourrais-tu nous écrire en message privé ({private}) ? Nous y examinerons {subject} avec toi.",
    ],
    privacy_note: &[
        "Merci de ne pas partager de données personnelles en public.",
        "Pour ta sécurité, évite de publier ici tes coordonnées ou tes données bancaires.",
    ],
    escalate: &[
        "Nous transmettons ta demande à un spécialiste qui pourra la régler.",
        "Nous confions ton dossier à notre équipe spécialisée.",
    ],
    escalate_next: &[
        "Tu auras une réponse {response_time} ; tout l'historique a été transmis, tu n'auras donc rien à répéter.",
        "L'historique complet a été transmis, et une réponse te parviendra {response_time}.",
    ],
    acknowledge: &[
        "Nous examinons {subject} et te répondrons {response_time}.",
        "Nous regardons {subject} dès maintenant et revenons vers toi {response_time}.",
        "Nous nous penchons sur {subject} : tu auras de nos nouvelles {response_time}.",
    ],
    safety_first: &[
        "Consulte d'abord un médecin pour toute personne blessée, et n'utilise plus le produit tant que nous ne l'avons pas vérifié.",
        "Le plus important, c'est ta sécurité : fais appel à un médecin pour toute personne blessée, et n'utilise plus le produit avant notre vérification.",
    ],
    safety_unhurt: &[
        "Nous sommes soulagés que personne n'ait été blessé. N'utilise plus le produit tant que nous ne l'avons pas vérifié.",
        "Heureusement, personne n'a été blessé ; n'utilise plus le produit avant notre vérification.",
    ],
    crisis: &[
        "Si tu es en danger ou penses à te faire du mal, appelle dès maintenant le numéro d'urgence ou une ligne d'écoute ; elles répondent jour et nuit.",
    ],
    severe_next: &[
        "Un membre de notre équipe examine {subject} en ce moment et te répondra {response_time}.",
        "Nous traitons {subject} en priorité et reviendrons vers toi {response_time}.",
        "Quelqu'un de l'équipe étudie {subject} dès maintenant ; tu auras une réponse {response_time}.",
    ],
    order_followup: &[
        "Nous vérifions {order} tout de suite.",
        "Nous jetons un œil à {order} dès maintenant.",
        "Nous allons consulter {order} et revenir vers toi.",
    ],
    answer_followup: &[
        "Pour toute autre question, il suffit de répondre à ce message.",
        "Une autre question ? Réponds simplement ici.",
    ],
    fix_followup: &[
        "Si cela ne suffit pas, réponds-nous et nous regarderons de plus près.",
        "Si le problème persiste, dis-le-nous ici et nous t'aiderons.",
    ],
    tip: &["Astuce : {tip}"],
    warm_closing: &[
        "Nous sommes là pour t'aider.",
        "Nous restons à ta disposition.",
    ],
    your_order: "ta commande",
    order_ref: "la commande {id}",
    and: " et ",
    needs: NEEDS,
    problems: PROBLEMS,
    intents: INTENTS,
};

/// French, first person singular: "Merci de m'avoir écrit, Lucía." No
/// adjective or participle agrees with the speaker (*désolé·e*, *ravi·e*),
/// whose gender the tables do not know.
pub(super) const I: Phrases = Phrases {
    lang: "fr",
    thanks: &[
        "Merci de m'avoir écrit, {name}.",
        "Merci pour ton message, {name}.",
        "{name}, merci d'avoir pris contact avec moi.",
    ],
    empathy: &[
        "Je comprends tout à fait ton agacement, {name}.",
        "{name}, je comprends que ce soit frustrant.",
        "Toutes mes excuses pour ce contretemps, {name}.",
    ],
    concern: &[
        "Je comprends ta question, {name}.",
        "{name}, je comprends que tu souhaites vérifier.",
        "C'est une bonne question, {name} : je comprends ton inquiétude.",
    ],
    severe_empathy: &[
        "{name}, je comprends ce que tu ressens et je regrette sincèrement {problem}.",
        "Je comprends ton inquiétude, {name}. Je prends très au sérieux {problem}.",
        "{name}, toutes mes excuses pour {problem} : je comprends à quel point c'est pénible.",
    ],
    severe_calm: &[
        "Merci pour ton message, {name}.",
        "{name}, merci de m'avoir écrit à ce sujet.",
    ],
    condolences: &[
        "{name}, je te présente mes sincères condoléances.",
        "Toutes mes condoléances, {name}.",
    ],
    praise_specific: &[
        "Merci pour tes gentils mots sur {praised}, {name}.",
        "{name}, ça me fait très plaisir de lire ton avis sur {praised}.",
        "Ça me touche beaucoup de lire ton retour sur {praised}, {name}.",
    ],
    praise: &[
        "Merci beaucoup pour tes gentils mots, {name}.",
        "Merci d'avoir pris le temps de m'écrire, {name}.",
        "C'est un vrai plaisir de lire ton message, {name}.",
    ],
    praise_after: &[
        "Je transmettrai ton message à l'équipe.",
        "Je vais partager tes mots avec toute l'équipe.",
        "L'équipe sera ravie de le lire.",
    ],
    close: &[
        "Je me réjouis que tout soit réglé, {name}.",
        "Avec plaisir, {name}.",
        "Merci à toi, {name}.",
        "C'est une très bonne nouvelle, {name}.",
    ],
    ask_open: &[
        "Comment puis-je t'aider ?",
        "Que puis-je faire pour toi ?",
        "Dis-moi en quoi je peux t'aider.",
    ],
    ask: &[
        "Pourrais-tu m'envoyer {detail} ? Je pourrai ainsi régler le problème.",
        "Pour avancer, il me faudrait {detail}.",
        "Peux-tu me transmettre {detail} ? Je prendrai le relais à partir de là.",
    ],
    ask_private: &[
        "Pourrais-tu m'envoyer {detail} en message privé ({private}) ? Je pourrai ainsi régler le problème.",
        "Envoie-moi {detail} en message privé ({private}), et je prendrai le relais.",
        "Pour avancer, il me faudrait {detail} : merci de m'écrire en message privé ({private}).",
    ],
    take_private: &[
        "Pour traiter cela en toute sécurité, écris-moi en message privé ({private}) avec {what}, et je prendrai le relais.",
        "Mieux vaut poursuivre en message privé ({private}) : envoie-moi {what}. Nous verrons cela ensemble en toute sécurité.",
    ],
    take_private_known: &[
        "Écris-moi en message privé ({private}) afin que je puisse examiner {subject} en toute sécurité.",
        "Pourrais-tu m'écrire en message privé ({private}) ? J'y examinerai {subject} avec toi.",
    ],
    escalate: &[
        "Je transmets ta demande à un spécialiste qui pourra la régler.",
        "Je confie ton dossier à notre équipe spécialisée.",
    ],
    acknowledge: &[
        "J'examine {subject} et te répondrai {response_time}.",
        "Je regarde {subject} dès maintenant et reviens vers toi {response_time}.",
        "Je me penche sur {subject} : tu auras de mes nouvelles {response_time}.",
    ],
    crisis: &[
        "Si tu es en danger ou penses à te faire du mal, appelle dès maintenant le numéro d'urgence ou une ligne d'écoute ; elles répondent jour et nuit.",
    ],
    severe_next: &[
        "J'examine {subject} personnellement en ce moment et te répondrai {response_time}.",
        "Je traite {subject} en priorité et reviendrai vers toi {response_time}.",
        "J'étudie {subject} dès maintenant ; tu auras une réponse {response_time}.",
    ],
    order_followup: &[
        "Je vérifie {order} tout de suite.",
        "Je jette un œil à {order} dès maintenant.",
        "Je vais consulter {order} et revenir vers toi.",
    ],
    answer_followup: &[
        "Pour toute autre question, il suffit de répondre à ce message.",
        "Une autre question ? Réponds simplement ici.",
    ],
    fix_followup: &[
        "Si cela ne suffit pas, réponds-moi et je regarderai de plus près.",
        "Si le problème persiste, dis-le-moi ici et je t'aiderai.",
    ],
    warm_closing: &["Je suis là pour t'aider.", "Je reste à ta disposition."],
    ..WE
};
