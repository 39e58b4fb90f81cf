//! French: one neutral-warm register with *vous*, "we" and "I".

use super::{DISTRESS, INVOICE_REQUEST, IntentWords, Phrases};
use crate::suggest::facts::Need;

const fn words(intent: &'static str, subject: &'static str) -> IntentWords {
    IntentWords { intent, subject }
}

const INTENTS: &[IntentWords] = &[
    words("billing", "ce prélèvement"),
    words(INVOICE_REQUEST, "votre facture"),
    words("refund", "votre remboursement"),
    words("delivery", "votre livraison"),
    words("damaged", "l'article endommagé"),
    words("warranty", "votre réparation"),
    words("account", "votre compte"),
    words("technical", "le problème"),
    words("outage", "la panne"),
    words("cancellation", "votre résiliation"),
    words("feature-request", "votre suggestion"),
    words("legal", "votre plainte"),
    words("legal-request", "votre demande"),
    words(DISTRESS, "votre message"),
    words("safety", "votre signalement de sécurité"),
    words("complaint", "votre réclamation"),
    words("", "votre demande"),
];

const NEEDS: &[(Need, &str)] = &[
    (Need::OrderId, "votre numéro de commande"),
    (
        Need::AccountEmail,
        "l'adresse e-mail du compte (jamais votre mot de passe)",
    ),
    (Need::Amount, "le montant débité"),
    (Need::Date, "la date du prélèvement"),
    (Need::InvoiceId, "le numéro de facture"),
    (Need::Reason, "le motif du remboursement"),
    (Need::Photo, "une photo de l'article"),
    (Need::Error, "le message d'erreur ou une capture d'écran"),
    (
        Need::Steps,
        "une brève description de ce que vous faisiez à ce moment-là",
    ),
    (Need::Plan, "le nom de l'abonnement à résilier"),
    (
        Need::UseCase,
        "quelques mots sur l'usage que vous en feriez",
    ),
    (Need::Suspect, "une capture d'écran du message reçu"),
    (Need::Detail, "un peu plus de détails sur votre demande"),
];

const PROBLEMS: &[(&str, &str)] = &[
    (DISTRESS, "ce que vous traversez"),
    ("safety", "ce qui s'est passé"),
    ("legal", "la façon dont votre dossier a été traité"),
    ("fraud", "ce problème de sécurité"),
    ("double-charge", "le double prélèvement"),
    ("outage", "la panne"),
    ("outage-burst", "la panne"),
    (
        "repeat-contact",
        "cette relance qui n'aurait pas dû être nécessaire",
    ),
    ("long-wait", "cette longue attente"),
    ("delivery", "le retard de votre commande"),
    ("damaged", "l'état dans lequel votre article est arrivé"),
    ("billing", "le problème lié à ce prélèvement"),
    ("refund", "l'attente de votre remboursement"),
    ("account", "vos difficultés d'accès à votre compte"),
    ("technical", "le problème que vous rencontrez"),
    ("", "les désagréments occasionnés"),
];

/// French, first person plural: "Merci de nous avoir écrit, Lucía."
pub(super) const WE: Phrases = Phrases {
    lang: "fr",
    hello: &[],
    thanks: &[
        "Merci de nous avoir écrit, {name}.",
        "Merci pour votre message, {name}.",
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
        "Nous comprenons votre question, {name}.",
        "{name}, nous comprenons que vous souhaitiez vérifier.",
        "C'est une bonne question, {name} : nous comprenons votre inquiétude.",
    ],
    severe_empathy: &[
        "{name}, nous sommes vraiment désolés pour {problem}.",
        "Nous regrettons sincèrement {problem}, {name}.",
        "{name}, nous comprenons ce que vous ressentez et nous prenons très au sérieux {problem}.",
    ],
    severe_calm: &[
        "Merci pour votre message, {name}.",
        "{name}, merci de nous avoir écrit à ce sujet.",
    ],
    condolences: &[
        "{name}, nous vous présentons nos sincères condoléances.",
        "Toutes nos condoléances, {name}.",
    ],
    returning: &[
        "C'est un plaisir de vous retrouver.",
        "Cela fait plaisir d'avoir à nouveau de vos nouvelles.",
    ],
    praise_specific: &[
        "Merci pour vos gentils mots sur {praised}, {name}.",
        "{name}, nous sommes ravis de lire votre avis sur {praised}.",
        "Votre retour sur {praised} nous touche beaucoup, {name}.",
    ],
    praise: &[
        "Merci beaucoup pour vos gentils mots, {name}.",
        "Merci d'avoir pris le temps de nous écrire, {name}.",
        "Votre message nous fait très plaisir, {name}.",
    ],
    praise_after: &[
        "Nous transmettrons votre message à l'équipe.",
        "Nous allons partager vos mots avec toute l'équipe.",
        "L'équipe sera ravie de le lire.",
    ],
    close: &[
        "Nous sommes ravis que tout soit réglé, {name}.",
        "Avec plaisir, {name}.",
        "Merci à vous, {name}.",
        "C'est une très bonne nouvelle, {name}.",
    ],
    ask_open: &[
        "Comment pouvons-nous vous aider ?",
        "Que pouvons-nous faire pour vous ?",
        "Dites-nous en quoi nous pouvons vous aider.",
    ],
    ask: &[
        "Pourriez-vous nous envoyer {detail} ? Nous pourrons ainsi régler le problème.",
        "Pour avancer, il nous faudrait {detail}.",
        "Pouvez-vous nous transmettre {detail} ? Nous prendrons le relais à partir de là.",
    ],
    ask_private: &[
        "Pourriez-vous nous envoyer {detail} en message privé ({private}) ? Nous pourrons ainsi régler le problème.",
        "Envoyez-nous {detail} en message privé ({private}), et nous prendrons le relais.",
        "Pour avancer, il nous faudrait {detail} : merci de nous écrire en message privé ({private}).",
    ],
    take_private: &[
        "Pour traiter cela en toute sécurité, écrivez-nous en message privé ({private}) avec {what}, et nous prendrons le relais.",
        "Mieux vaut poursuivre en message privé ({private}) : envoyez-nous {what}. Nous verrons cela ensemble en toute sécurité.",
    ],
    take_private_known: &[
        "Écrivez-nous en message privé ({private}) afin que nous puissions examiner {subject} en toute sécurité.",
        "Pourriez-vous nous écrire en message privé ({private}) ? Nous y examinerons {subject} avec vous.",
    ],
    privacy_note: &[
        "Merci de ne pas partager de données personnelles en public.",
        "Pour votre sécurité, évitez de publier ici vos coordonnées ou vos données bancaires.",
    ],
    escalate: &[
        "Nous transmettons votre demande à un spécialiste qui pourra la régler.",
        "Nous confions votre dossier à notre équipe spécialisée.",
    ],
    escalate_next: &[
        "Vous aurez une réponse {response_time} ; tout l'historique a été transmis, vous n'aurez donc rien à répéter.",
        "L'historique complet a été transmis, et une réponse vous parviendra {response_time}.",
    ],
    acknowledge: &[
        "Nous examinons {subject} et vous répondrons {response_time}.",
        "Nous regardons {subject} dès maintenant et revenons vers vous {response_time}.",
        "Nous nous penchons sur {subject} : vous aurez de nos nouvelles {response_time}.",
    ],
    safety_first: &[
        "Consultez d'abord un médecin pour toute personne blessée, et n'utilisez plus le produit tant que nous ne l'avons pas vérifié.",
        "Votre sécurité passe avant tout : faites appel à un médecin pour toute personne blessée, et n'utilisez plus le produit avant notre vérification.",
    ],
    safety_unhurt: &[
        "Nous sommes soulagés que personne n'ait été blessé. N'utilisez plus le produit tant que nous ne l'avons pas vérifié.",
        "Heureusement, personne n'a été blessé ; n'utilisez plus le produit avant notre vérification.",
    ],
    crisis: &[
        "Si vous êtes en danger ou pensez à vous faire du mal, appelez dès maintenant le numéro d'urgence ou une ligne d'écoute ; elles répondent jour et nuit.",
    ],
    severe_next: &[
        "Un membre de notre équipe examine {subject} en ce moment et vous répondra {response_time}.",
        "Nous traitons {subject} en priorité et reviendrons vers vous {response_time}.",
        "Quelqu'un de l'équipe étudie {subject} dès maintenant ; vous aurez une réponse {response_time}.",
    ],
    order_followup: &[
        "Nous vérifions {order} tout de suite.",
        "Nous jetons un œil à {order} dès maintenant.",
        "Nous allons consulter {order} et revenir vers vous.",
    ],
    answer_followup: &[
        "Pour toute autre question, il suffit de répondre à ce message.",
        "Une autre question ? Répondez simplement ici.",
    ],
    fix_followup: &[
        "Si cela ne suffit pas, répondez-nous et nous regarderons de plus près.",
        "Si le problème persiste, dites-le-nous ici et nous vous aiderons.",
    ],
    tip: &["Astuce : {tip}"],
    warm_closing: &[
        "Nous sommes là pour vous aider.",
        "Nous restons à votre disposition.",
    ],
    your_order: "votre commande",
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
        "Merci pour votre message, {name}.",
        "{name}, merci d'avoir pris contact avec moi.",
    ],
    empathy: &[
        "Je comprends tout à fait votre agacement, {name}.",
        "{name}, je comprends que ce soit frustrant.",
        "Toutes mes excuses pour ce contretemps, {name}.",
    ],
    concern: &[
        "Je comprends votre question, {name}.",
        "{name}, je comprends que vous souhaitiez vérifier.",
        "C'est une bonne question, {name} : je comprends votre inquiétude.",
    ],
    severe_empathy: &[
        "{name}, je comprends ce que vous ressentez et je regrette sincèrement {problem}.",
        "Je comprends votre inquiétude, {name}. Je prends très au sérieux {problem}.",
        "{name}, toutes mes excuses pour {problem} : je comprends à quel point c'est pénible.",
    ],
    severe_calm: &[
        "Merci pour votre message, {name}.",
        "{name}, merci de m'avoir écrit à ce sujet.",
    ],
    condolences: &[
        "{name}, je vous présente mes sincères condoléances.",
        "Toutes mes condoléances, {name}.",
    ],
    praise_specific: &[
        "Merci pour vos gentils mots sur {praised}, {name}.",
        "{name}, cela me fait très plaisir de lire votre avis sur {praised}.",
        "Votre retour sur {praised} me touche beaucoup, {name}.",
    ],
    praise: &[
        "Merci beaucoup pour vos gentils mots, {name}.",
        "Merci d'avoir pris le temps de m'écrire, {name}.",
        "Votre message me fait très plaisir, {name}.",
    ],
    praise_after: &[
        "Je transmettrai votre message à l'équipe.",
        "Je vais partager vos mots avec toute l'équipe.",
        "L'équipe sera ravie de le lire.",
    ],
    close: &[
        "Je me réjouis que tout soit réglé, {name}.",
        "Avec plaisir, {name}.",
        "Merci à vous, {name}.",
        "C'est une très bonne nouvelle, {name}.",
    ],
    ask_open: &[
        "Comment puis-je vous aider ?",
        "Que puis-je faire pour vous ?",
        "Dites-moi en quoi je peux vous aider.",
    ],
    ask: &[
        "Pourriez-vous m'envoyer {detail} ? Je pourrai ainsi régler le problème.",
        "Pour avancer, il me faudrait {detail}.",
        "Pouvez-vous me transmettre {detail} ? Je prendrai le relais à partir de là.",
    ],
    ask_private: &[
        "Pourriez-vous m'envoyer {detail} en message privé ({private}) ? Je pourrai ainsi régler le problème.",
        "Envoyez-moi {detail} en message privé ({private}), et je prendrai le relais.",
        "Pour avancer, il me faudrait {detail} : merci de m'écrire en message privé ({private}).",
    ],
    take_private: &[
        "Pour traiter cela en toute sécurité, écrivez-moi en message privé ({private}) avec {what}, et je prendrai le relais.",
        "Mieux vaut poursuivre en message privé ({private}) : envoyez-moi {what}. Nous verrons cela ensemble en toute sécurité.",
    ],
    take_private_known: &[
        "Écrivez-moi en message privé ({private}) afin que je puisse examiner {subject} en toute sécurité.",
        "Pourriez-vous m'écrire en message privé ({private}) ? J'y examinerai {subject} avec vous.",
    ],
    escalate: &[
        "Je transmets votre demande à un spécialiste qui pourra la régler.",
        "Je confie votre dossier à notre équipe spécialisée.",
    ],
    acknowledge: &[
        "J'examine {subject} et vous répondrai {response_time}.",
        "Je regarde {subject} dès maintenant et reviens vers vous {response_time}.",
        "Je me penche sur {subject} : vous aurez de mes nouvelles {response_time}.",
    ],
    crisis: &[
        "Si vous êtes en danger ou pensez à vous faire du mal, appelez dès maintenant le numéro d'urgence ou une ligne d'écoute ; elles répondent jour et nuit.",
    ],
    severe_next: &[
        "J'examine {subject} personnellement en ce moment et vous répondrai {response_time}.",
        "Je traite {subject} en priorité et reviendrai vers vous {response_time}.",
        "J'étudie {subject} dès maintenant ; vous aurez une réponse {response_time}.",
    ],
    order_followup: &[
        "Je vérifie {order} tout de suite.",
        "Je jette un œil à {order} dès maintenant.",
        "Je vais consulter {order} et revenir vers vous.",
    ],
    answer_followup: &[
        "Pour toute autre question, il suffit de répondre à ce message.",
        "Une autre question ? Répondez simplement ici.",
    ],
    fix_followup: &[
        "Si cela ne suffit pas, répondez-moi et je regarderai de plus près.",
        "Si le problème persiste, dites-le-moi ici et je vous aiderai.",
    ],
    warm_closing: &[
        "Je suis là pour vous aider.",
        "Je reste à votre disposition.",
    ],
    ..WE
};
