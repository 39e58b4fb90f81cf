//! What the customer already told us, and what a reply may still ask for.
//!
//! [`Facts::of`] reads the message and its thread (an email's quoted
//! history, in `full_text`): order ids, invoice ids, amounts, dates, email
//! addresses and phone numbers. Each intent needs a few details ([`Need`]);
//! [`Facts::missing`] keeps those the customer has not given, so a reply
//! never asks for an order number that is in the message.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use super::personalize::find_order_id;
use crate::Message;
use crate::triage::{PiiKind, find_pii};

/// A detail a reply may ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Need {
    /// The order number.
    OrderId,
    /// The email address on the account.
    AccountEmail,
    /// The amount charged.
    Amount,
    /// The date of the charge or event.
    Date,
    /// The invoice number.
    InvoiceId,
    /// Why (a refund's reason).
    Reason,
    /// A photo of the item.
    Photo,
    /// The error message or a screenshot.
    Error,
    /// What the customer was doing when it happened.
    Steps,
    /// Which plan or subscription.
    Plan,
    /// How they would use a feature.
    UseCase,
    /// The message in the brand's name that the customer doubts: a
    /// screenshot of the text, or the email forwarded.
    Suspect,
    /// What they need, when nothing else fits.
    Detail,
}

impl Need {
    /// Whether it asks the customer to describe a fault or say more (an
    /// error, steps, a photo, a reason, more detail), rather than name
    /// their case (an order, an account, a charge, a plan) or their wish.
    pub(crate) fn describes_a_fault(self) -> bool {
        matches!(
            self,
            Need::Error | Need::Steps | Need::Photo | Need::Reason | Need::Detail
        )
    }
}

/// What is left to ask of `needs` once the brand's knowledge has answered
/// the customer's question (`answered`): nothing that describes a fault
/// ("is there a self-hosted version? our security team won't allow SaaS"
/// is not asked for an error message or a screenshot).
pub(crate) fn left_to_ask(mut needs: Vec<Need>, answered: bool) -> Vec<Need> {
    if answered {
        needs.retain(|n| !n.describes_a_fault());
    }
    needs
}

/// What identifies a purchase for this brand, read once from its own texts
/// (knowledge snippets and canned responses): a shop has orders, a SaaS
/// has invoices, a bank has neither and identifies a payment by its amount
/// and date. A bank is never asked "your order number".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reference {
    /// Orders ("order", "pedido", "commande", "Bestellung", "parcel").
    Order,
    /// Invoices, no orders.
    Invoice,
    /// Neither: a payment, by amount and date.
    Payment,
}

/// Words that say a brand's texts are about orders, folded to lower case.
const ORDER_TERMS: &[&str] = &[
    "order",
    "orders",
    "parcel",
    "delivery",
    "shipping",
    "return",
    "returns",
    "pedido",
    "paquete",
    "envío",
    "devolución",
    "commande",
    "colis",
    "livraison",
    "retour",
    "bestellung",
    "paket",
    "versand",
    "lieferung",
    "rücksendung",
];

/// Words that say a brand's texts are about invoices.
const INVOICE_TERMS: &[&str] = &["invoice", "invoices", "factura", "facture", "rechnung"];

impl Reference {
    /// What the brand's `texts` speak of: orders first, then invoices; a
    /// brand without texts is taken for a shop, the common case.
    pub(crate) fn of<'a>(texts: impl IntoIterator<Item = &'a str>) -> Self {
        let mut invoices = false;
        let mut any = false;
        for text in texts {
            any = true;
            let lower = text.to_lowercase();
            let words: Vec<&str> = lower
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .collect();
            if words.iter().any(|w| ORDER_TERMS.contains(w)) {
                return Self::Order;
            }
            invoices |= words.iter().any(|w| INVOICE_TERMS.contains(w));
        }
        match (any, invoices) {
            (false, _) => Self::Order,
            (true, true) => Self::Invoice,
            (true, false) => Self::Payment,
        }
    }

    /// `need` as this brand identifies it.
    fn ask(self, need: Need) -> &'static [Need] {
        match (need, self) {
            (Need::OrderId, Self::Invoice) => &[Need::InvoiceId],
            (Need::OrderId, Self::Payment) => &[Need::Amount, Need::Date],
            (Need::OrderId, Self::Order) => &[Need::OrderId],
            (Need::InvoiceId, Self::Payment) => &[Need::Amount, Need::Date],
            (Need::AccountEmail, _) => &[Need::AccountEmail],
            (Need::Amount, _) => &[Need::Amount],
            (Need::Date, _) => &[Need::Date],
            (Need::InvoiceId, _) => &[Need::InvoiceId],
            (Need::Reason, _) => &[Need::Reason],
            (Need::Photo, _) => &[Need::Photo],
            (Need::Error, _) => &[Need::Error],
            (Need::Steps, _) => &[Need::Steps],
            // What is cancelled is what the brand sells: an order, a plan,
            // or (at a bank) the account itself.
            (Need::Plan, Self::Order) => &[Need::OrderId],
            (Need::Plan, Self::Payment) => &[Need::AccountEmail],
            (Need::Plan, Self::Invoice) => &[Need::Plan],
            (Need::UseCase, _) => &[Need::UseCase],
            (Need::Suspect, _) => &[Need::Suspect],
            (Need::Detail, _) => &[Need::Detail],
        }
    }
}

/// The triage label of a message that asks whether a text, call or email in
/// the brand's name is genuine; [`needs`] takes it for an intent.
pub(crate) const SUSPECT_MESSAGE: &str = "suspect-message";

/// What each intent needs to be resolved, in the order to ask.
pub(crate) fn needs(intent: &str) -> &'static [Need] {
    use Need::*;
    match intent {
        "delivery" => &[OrderId],
        "damaged" | "warranty" => &[OrderId, Photo],
        "refund" => &[OrderId, Reason],
        "billing" => &[Amount, Date],
        "account" => &[AccountEmail],
        "technical" => &[Steps, Error],
        "outage" => &[Error],
        "cancellation" => &[Plan],
        "feature-request" => &[UseCase],
        // A message in our name that the customer doubts: the message
        // itself, never the account's details.
        SUSPECT_MESSAGE => &[Suspect],
        "praise" | "thanks" | "spam" | "auto-reply" => &[],
        _ => &[Detail],
    }
}

/// Facts found in a message and its thread.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Facts {
    /// An order id, as written (`#12345`, `123-4567890`).
    pub order_id: Option<String>,
    /// An invoice id (`INV-2024-0912`, `invoice 88123`).
    pub invoice_id: Option<String>,
    /// An amount of money (`£600`, `15 €`, `$49.99`).
    pub amount: Option<String>,
    /// A date or a day (`12/03`, `3 March`, `yesterday`).
    pub date: Option<String>,
    /// An email address.
    pub email: Option<String>,
    /// A phone number.
    pub phone: Option<String>,
    /// The message attaches something (a photo, a screenshot).
    pub attachment: bool,
    /// Words in the customer's own message (not the quoted thread).
    pub words: usize,
    /// The message quotes an error: a 4xx/5xx code, "error", a stack line,
    /// or words in quotes ("something went wrong"); or says there is none
    /// ("no errors in the log"). Either way there is none to ask for.
    pub error: bool,
    /// The message says what the customer was doing ("when I try to log
    /// in", "beim Export").
    pub steps: bool,
    /// The message names a plan, subscription, newsletter or the account.
    pub plan: bool,
    /// The message mentions a photo or screenshot it sends.
    pub photo: bool,
    /// The message says someone was hurt or a product was dangerous (a
    /// burn, fire, smoke, a shock).
    pub harm: bool,
    /// The message says nobody was hurt ("nobody was hurt", "she's fine",
    /// "personne n'a été blessé"): a reply does not tell them to get
    /// medical help.
    pub unhurt: bool,
    /// The message says something is missing from what came ("came without
    /// the garlic naan"): there is nothing to photograph.
    pub missing_item: bool,
    /// The message says a payment was refused ("card declined", "carte
    /// refusée"): no money was taken.
    pub declined: bool,
    /// The message names a charge it was made (an amount, and a fee or a
    /// charge: "a £12 'account maintenance fee' on my statement"), not a
    /// balance or a payment refused.
    pub charge_named: bool,
    /// The message names a bank card ("my new card hasn't arrived"): a
    /// card on its way is found by the customer, not by a payment.
    pub card: bool,
    /// The message asks what a charge would be, not about one made ("will
    /// I be charged for using my card there?", "est-ce qu'il y a des frais
    /// quand je paie en dollars ?"): nothing was charged yet.
    pub ahead: bool,
    /// The customer says the status page shows nothing wrong: it is no
    /// answer to send them back to.
    pub status_clear: bool,
    /// The message asks a question of its own ("when does the Black
    /// Friday sale start?"), not only for help ("can you help me?").
    pub specific_question: bool,
    /// The message names an invoice by its period ("the invoice for
    /// November", "la factura de marzo"): that identifies the charge.
    pub dated_invoice: bool,
    /// The message asks about an invoice or receipt itself (a copy, the
    /// company name or VAT number on it) and names no amount and no money
    /// taken: nothing was charged wrongly, so it is not asked "the amount
    /// charged and the date of the charge".
    pub invoice_request: bool,
    /// The invoices asked about are many ("where can I download our past
    /// invoices?"): there is no one invoice number to ask for.
    pub invoices_plural: bool,
    /// The message names something on a screen or in code
    /// ([`ON_SCREEN_STEMS`]): an error message or a screenshot can show it.
    pub on_screen: bool,
    /// The message says something goes wrong
    /// ([`crate::triage::tells_a_fault`]); a question without ("can I freeze it in the app
    /// or do I need to call?") reports nothing an error message could show.
    pub fault: bool,
    /// The customer cannot get into their account (a password, a code, a
    /// lock, a hack): the account's email finds it. A question about the
    /// account ("which details does my employer need?") needs none.
    pub access: bool,
    /// The message only says hello or checks that someone is there ("hi",
    /// "anyone there?", "Hello hello can you hear me?", "hola, ¿hay
    /// alguien?"): there is nothing yet to look into or to answer.
    pub only_hello: bool,
}

/// Words that greet or check that someone is there, in en/es/fr/de: a
/// message made of nothing else says no more than hello.
const HELLO_WORDS: &[&str] = &[
    "hi",
    "hello",
    "hey",
    "hiya",
    "yo",
    "morning",
    "afternoon",
    "evening",
    "good",
    "anyone",
    "anybody",
    "someone",
    "somebody",
    "there",
    "out",
    "actually",
    "reading",
    "this",
    "these",
    "is",
    "are",
    "you",
    "can",
    "hear",
    "me",
    "hola",
    "buenas",
    "buenos",
    "días",
    "dias",
    "tardes",
    "hay",
    "alguien",
    "ahí",
    "ahi",
    "por",
    "oyes",
    "oís",
    "estás",
    "estas",
    "bonjour",
    "bonsoir",
    "salut",
    "coucou",
    "il",
    "y",
    "a",
    "quelqu'un",
    "quelqu",
    "un",
    "vous",
    "êtes",
    "etes",
    "là",
    "la",
    "hallo",
    "guten",
    "tag",
    "moin",
    "servus",
    "ist",
    "da",
    "jemand",
    "seid",
    "ihr",
    "sind",
    "sie",
];

/// Whether `tokens` (lowercased words) only greet or ask whether someone
/// is there.
fn only_hello(tokens: &[String]) -> bool {
    let words: Vec<&str> = tokens
        .iter()
        .map(String::as_str)
        .filter(|t| !t.is_empty())
        .collect();
    !words.is_empty() && words.len() <= 8 && words.iter().all(|t| HELLO_WORDS.contains(t))
}

/// Words of a request for help that say nothing of what it is about.
const GENERIC_WORDS: &[&str] = &[
    "help",
    "something",
    "anything",
    "question",
    "please",
    "thanks",
    "thank",
    "hello",
    "there",
    "about",
    "with",
    "have",
    "need",
    "want",
    "could",
    "would",
    "tell",
    "know",
    "this",
    "that",
    "your",
    "does",
    "just",
    "some",
    "like",
    "ayuda",
    "ayudar",
    "algo",
    "pregunta",
    "hola",
    "gracias",
    "favor",
    "aide",
    "aider",
    "quelque",
    "chose",
    "bonjour",
    "merci",
    "hilfe",
    "helfen",
    "etwas",
    "frage",
    "hallo",
    "danke",
    "bitte",
];

/// Whether `text` asks ([`crate::triage::asks`]) in at least three words
/// that say what about: a question an agent answers or looks up, where
/// "can you share a few more details?" reads as a script.
fn asks_specifically(text: &str, tokens: &[String]) -> bool {
    let telling = tokens
        .iter()
        .filter(|t| t.chars().count() >= 4 && t.chars().all(char::is_alphabetic))
        .filter(|t| !GENERIC_WORDS.contains(&t.as_str()))
        .count();
    telling >= 3 && crate::triage::asks(text)
}

/// Words that say a payment was refused.
const DECLINED_WORDS: &[&str] = &[
    "declined",
    "rejected",
    "refusée",
    "refusé",
    "refusee",
    "refuse",
    "rechazada",
    "rechazado",
    "rechaza",
    "denegada",
    "denegado",
    "abgelehnt",
];

/// A payment that did not go through, told as failed or bounced ("the
/// app says payment failed", "my payment bouncing"): like a declined card,
/// nothing was charged. Lower case, matched in the message as written.
const FAILED_PAYMENT: &[&str] = &[
    "payment failed",
    "payment has failed",
    "payment had failed",
    "payment bounced",
    "payment bouncing",
    "payment didn't go through",
    "failed payment",
    "direct debit failed",
    "direct debit bounced",
    "pago fallido",
    "pago ha fallado",
    "pago falló",
    "paiement a échoué",
    "paiement échoué",
    "échec du paiement",
    "zahlung fehlgeschlagen",
    "zahlung ist fehlgeschlagen",
    "lastschrift geplatzt",
    "lastschrift ist geplatzt",
];

/// Phrases asking what a charge would be (lower case, matched in the
/// message as written, accents kept).
const AHEAD_PHRASES: &[&str] = &[
    "will i be charged",
    "would i be charged",
    "will i have to pay",
    "would i have to pay",
    "will i pay",
    "would i pay",
    "do you charge",
    "do you take a fee",
    "is there a fee",
    "is there a charge",
    "is there any fee",
    "are there fees",
    "are there any fees",
    "are there charges",
    "are there any charges",
    "how much does it cost",
    "how much would it cost",
    "how much will it cost",
    "me cobraréis",
    "me cobrarán",
    "cobráis",
    "cobrais",
    "hay comisión",
    "hay comision",
    "hay comisiones",
    "hay algún cargo",
    "cuánto cuesta",
    "cuanto cuesta",
    "est-ce que je paierai",
    "est-ce que je vais payer",
    "je paierai",
    "y a-t-il des frais",
    "il y a des frais",
    "y a des frais",
    "combien ça coûte",
    "combien coûte",
    "serai-je facturé",
    "vais-je payer",
    "est-ce payant",
    "kostet es",
    "was kostet",
    "fallen gebühren",
    "gibt es gebühren",
    "zahle ich",
    "muss ich zahlen",
    "muss ich bezahlen",
];

/// Whether English words ask about a charge to come: a future or
/// conditional ("will", "would", "'ll") at most three words before
/// "charged", "billed", "pay" or "cost": "will we get charged the full
/// month?", "would they be billed?". The past ("did you charge me twice")
/// is a charge made.
fn charge_ahead(tokens: &[String]) -> bool {
    const MODALS: &[&str] = &["will", "would", "shall", "gonna"];
    const CHARGE: &[&str] = &["charged", "billed", "pay", "cost", "invoiced"];
    tokens.iter().enumerate().any(|(i, t)| {
        CHARGE.contains(&t.as_str())
            && tokens[i.saturating_sub(3)..i]
                .iter()
                .any(|w| MODALS.contains(&w.as_str()) || w.ends_with("'ll") || w.ends_with("’ll"))
    })
}

/// Whether the customer says the status page shows nothing wrong ("status
/// page says all green", "la page de statut dit que tout va bien",
/// "Statusseite zeigt nichts").
pub(crate) fn saw_a_clear_status_page(text: &str) -> bool {
    const PAGE: &[&str] = &[
        "status page",
        "status site",
        "statuspage",
        "página de estado",
        "pagina de estado",
        "page de statut",
        "page d'état",
        "page de status",
        "statusseite",
    ];
    const CLEAR: &[&str] = &[
        "green",
        "all good",
        "fine",
        "nothing",
        "operational",
        "no incident",
        "says ok",
        "verde",
        "todo bien",
        "nada",
        "operativo",
        "vert",
        "tout va bien",
        "rien",
        "opérationnel",
        "grün",
        "alles ok",
        "nichts",
        "keine störung",
    ];
    says_any(text, PAGE) && says_any(text, CLEAR)
}

/// Whether `text`, lowercased, contains any of `phrases` (lowercase).
pub(crate) fn says_any(text: &str, phrases: &[&str]) -> bool {
    let lower = text.to_lowercase();
    phrases.iter().any(|p| lower.contains(p))
}

/// Whether a brand text sends the customer to its status page.
pub(crate) fn points_to_status(text: &str) -> bool {
    const STATUS: &[&str] = &[
        "status.",
        "status page",
        "statusseite",
        "page de statut",
        "página de estado",
    ];
    says_any(text, STATUS)
}

/// Words that say an error is quoted.
const ERROR_WORDS: &[&str] = &[
    "error",
    "exception",
    "failed",
    "fails",
    "denied",
    "refused",
    "forbidden",
    "unauthorized",
    "timeout",
    "traceback",
    "panic",
    "fehler",
    "erreur",
    "falla",
];

/// Phrases that say what the customer was doing when it went wrong.
const STEP_PHRASES: &[&str] = &[
    "when i ",
    "when we ",
    "when trying",
    "trying to ",
    "tried to ",
    " fails with",
    " failed with",
    " fails when",
    " exits with",
    " exited with",
    "while ",
    "every time i",
    "each time i",
    "after i ",
    // What changed, or where it stops: "fails at the cache restore step
    // … since we upgraded to the new runner image".
    "after we ",
    "since we ",
    "since i ",
    "since upgrading",
    "since updating",
    "after upgrading",
    "after updating",
    " fails at",
    " failed at",
    " step ",
    "cuando ",
    "al intentar",
    "quand j",
    "lorsque j",
    "en essayant",
    "wenn ich",
    "wenn wir",
    "beim ",
];

/// Whether `text` quotes two words or more ("something went wrong",
/// `exit code 137`, «erreur inconnue»): what the customer saw, as written.
fn quotes_words(text: &str) -> bool {
    const PAIRS: &[(char, char)] = &[('"', '"'), ('“', '”'), ('«', '»'), ('`', '`'), ('„', '“')];
    PAIRS.iter().any(|&(open, close)| {
        let mut rest = text;
        while let Some(start) = rest.find(open) {
            let after = &rest[start + open.len_utf8()..];
            let Some(end) = after.find(close) else {
                return false;
            };
            if after[..end].split_whitespace().count() >= 2 {
                return true;
            }
            rest = &after[end + close.len_utf8()..];
        }
        false
    }) || single_quotes_words(text)
}

/// Whether `text` quotes two words or more in single quotes ('authentication
/// failed', ‘card declined’). A quote opens a word and closes one, so the
/// apostrophes inside words ("don't", "it's") neither open nor close.
fn single_quotes_words(text: &str) -> bool {
    const QUOTES: &[char] = &['\'', '‘', '’'];
    let chars: Vec<char> = text.chars().collect();
    let mut open = None;
    for (i, &c) in chars.iter().enumerate() {
        if !QUOTES.contains(&c) {
            continue;
        }
        let before = i.checked_sub(1).map(|b| chars[b]);
        let after = chars.get(i + 1).copied();
        let opens = before.is_none_or(|b| b.is_whitespace() || "([:".contains(b))
            && after.is_some_and(char::is_alphanumeric);
        let closes = before.is_some_and(|b| !b.is_whitespace())
            && after.is_none_or(|a| a.is_whitespace() || ".,;:!?)".contains(a));
        match open {
            Some(start) if closes => {
                let quoted: String = chars[start + 1..i].iter().collect();
                if quoted.split_whitespace().count() >= 2 {
                    return true;
                }
                open = None;
            }
            _ if opens => open = Some(i),
            _ => {}
        }
    }
    false
}

/// Words that name what a cancellation ends beyond an order: a plan,
/// subscription or membership, a newsletter, the whole account.
const PLAN_WORDS: &[&str] = &[
    "plan",
    "subscription",
    "membership",
    "tier",
    "team",
    "pro",
    "enterprise",
    "suscripción",
    "suscripcion",
    "abonnement",
    "abo",
    "tarif",
    "account",
    "everything",
    "cuenta",
    "compte",
    "konto",
    "newsletter",
    "newsletters",
    "mailing",
    "boletín",
    "boletin",
    "infolettre",
];

/// Word beginnings that say the customer cannot get into their account,
/// in en/es/fr/de.
const ACCESS_STEMS: &[&str] = &[
    "login",
    "logon",
    "password",
    "passcode",
    "locked",
    "lockout",
    "2fa",
    "otp",
    "verif",
    "hack",
    "compromis",
    "access",
    "signin",
    "reset",
    "contraseñ",
    "bloquead",
    "acceder",
    "acceso",
    "connexion",
    "connecter",
    "bloqué",
    "accès",
    "passwort",
    "kennwort",
    "anmeld",
    "einlogg",
    "gesperrt",
    "zugang",
    "gehackt",
];

/// Phrases of the same, written in several words.
const ACCESS_PHRASES: &[&str] = &[
    "log in",
    "log on",
    "sign in",
    "logged out",
    "locked out",
    "can't get in",
    "cannot get in",
    "can't get into",
    "two-factor",
    "two factor",
    "the code",
    "iniciar sesión",
    "iniciar sesion",
    "mot de passe",
    "me connecter",
];

/// Word beginnings of something on a screen or in code (an app, a site, a
/// build, a login, an error), in en/es/fr/de: what an error message or a
/// screenshot can show. A branch that closed early has none.
const ON_SCREEN_STEMS: &[&str] = &[
    "app",
    "site",
    "web",
    "page",
    "log",
    "error",
    "screen",
    "button",
    "browser",
    "api",
    "build",
    "deploy",
    "pipeline",
    "code",
    "link",
    "crash",
    "bug",
    "updat",
    "version",
    "install",
    "download",
    "upload",
    "sync",
    "integrat",
    "webhook",
    "token",
    "sso",
    "password",
    "cli",
    "dashboard",
    "setting",
    "notif",
    "online",
    "iphone",
    "android",
    "ios",
    "laptop",
    "computer",
    "runner",
    "repo",
    "plugin",
    "server",
    "email",
    "sms",
    "freez",
    "load",
    "click",
    "pagin",
    "pantalla",
    "aplicaci",
    "erreur",
    "écran",
    "bouton",
    "connexion",
    "fehler",
    "seite",
    "bildschirm",
    "anmeld",
    "absturz",
    "stürzt",
    "git",
    "ssh",
    "command",
    "terminal",
    "view",
    "mode",
    "theme",
    "display",
    "layout",
    "diff",
    "ui",
];

/// Phrases that say something is missing from what came, lowercased.
const MISSING_ITEM: &[&str] = &[
    "came without",
    "arrived without",
    "is missing",
    "was missing",
    "were missing",
    "are missing",
    "missing from",
    "il manque",
    "il manquait",
    "falta",
    "faltaba",
    "faltan",
    "fehlt",
    "fehlte",
];

/// Phrases that say nobody was hurt, lowercased.
const UNHURT: &[&str] = &[
    "nobody was hurt",
    "no one was hurt",
    "nobody got hurt",
    "no one got hurt",
    "nobody was injured",
    "no one was injured",
    "wasn't hurt",
    "weren't hurt",
    "nadie se hizo daño",
    "nadie resultó herido",
    "nadie salió herido",
    "personne n'a été blessé",
    "personne n'a été blessée",
    "personne n'est blessé",
    "niemand wurde verletzt",
    "niemand ist verletzt",
];

/// Word beginnings that say someone was hurt or a product was dangerous,
/// in en/es/fr/de.
const HARM_STEMS: &[&str] = &[
    "hurt",
    "injur",
    "burn",
    "fire",
    "flame",
    "smok",
    "shock",
    "spark",
    "explo",
    "melt",
    "overheat",
    "bleed",
    "blood",
    "hospital",
    "ambulance",
    "reaction",
    "anaphyla",
    "epipen",
    "poison",
    "chok",
    "allerg",
    "herid",
    "quem",
    "fuego",
    "incendi",
    "humo",
    "lesion",
    "bless",
    "brul",
    "brûl",
    "feu",
    "fumée",
    "fumee",
    "hôpital",
    "urgences",
    "verletz",
    "verbrann",
    "feuer",
    "rauch",
    "krankenhaus",
    "stromschlag",
    "notaufnahme",
];

/// Words that say a photo or screenshot comes with the message.
const PHOTO_WORDS: &[&str] = &[
    "photo",
    "photos",
    "picture",
    "pictures",
    "pic",
    "pics",
    "attached",
    "screenshot",
    "foto",
    "fotos",
    "adjunto",
    "ci-joint",
    "anbei",
    "bild",
];

/// Month names and days that make a date, in the four languages.
const DATE_WORDS: &[&str] = &[
    "yesterday",
    "today",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "ayer",
    "hoy",
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
    "hier",
    "aujourd'hui",
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
    "gestern",
    "heute",
    "januar",
    "februar",
    "märz",
    "juni",
    "juli",
    "oktober",
    "dezember",
];

/// Currency signs and words that make a number an amount.
const CURRENCY_SIGNS: &[char] = &['£', '$', '€', '¥'];
const CURRENCY_WORDS: &[&str] = &[
    "eur", "euro", "euros", "usd", "gbp", "dollars", "pounds", "chf", "libras",
];

/// Phrases that say there is no error to send ("no errors in the
/// integration log, it just… doesn't"): asking for it is asking for what
/// the customer said is not there.
const NO_ERROR: &[&str] = &[
    "no error",
    "no errors",
    "without any error",
    "without an error",
    "without error",
    "nothing in the log",
    "no error message",
    "sin error",
    "ningún error",
    "ningun error",
    "sin mensaje de error",
    "aucune erreur",
    "sans erreur",
    "sans message d'erreur",
    "keine fehlermeldung",
    "kein fehler",
    "ohne fehler",
    "ohne fehlermeldung",
];

/// Words that say something is attached ("Logs attached", "adjunto la
/// captura"), for a mail whose attachment the channel did not pass on.
const ATTACHED: &[&str] = &[
    "attached",
    "see attachment",
    "in the attachment",
    "adjunto",
    "adjunta",
    "ci-joint",
    "pièce jointe",
    "en pj",
    "im anhang",
    "anbei",
    "angehängt",
];

/// [`INVOICE_NAMES`] in the plural.
const INVOICES_PLURAL: &[&str] = &[
    "invoices",
    "receipts",
    "facturas",
    "recibos",
    "factures",
    "rechnungen",
    "quittungen",
];

/// Words that name an invoice or a receipt in a message; wider than
/// [`INVOICE_TERMS`], which tell whether a brand bills by invoice.
const INVOICE_NAMES: &[&str] = &[
    "invoice",
    "invoices",
    "receipt",
    "receipts",
    "factura",
    "facturas",
    "recibo",
    "facture",
    "factures",
    "rechnung",
    "rechnungen",
    "quittung",
];

/// Beginnings of words that say money was taken or is owed back: with
/// them, an invoice is about a charge, not a document to send.
const MONEY_TAKEN_STEMS: &[&str] = &[
    "charg",
    "overcharg",
    "refund",
    "twice",
    "double",
    "wrong",
    "cobr",
    "reembols",
    "rembours",
    "prélev",
    "prelev",
    "erstatt",
    "abgebucht",
    "falsch",
];

/// Words that name a bank card.
const CARD_WORDS: &[&str] = &["card", "cards", "tarjeta", "carte", "karte", "bankkarte"];

/// Stems that name a fee.
const FEE_STEMS: &[&str] = &["fee", "frais", "comisi", "gebühr", "gebuhr"];

/// Words after which a token is an invoice id.
const INVOICE_WORDS: &[&str] = &[
    "invoice",
    "factura",
    "facture",
    "rechnung",
    "rechnungsnummer",
];

/// The phrase lists [`Facts::of`] looks for anywhere in the message as
/// written (lower-cased, accents kept), each a [`Saying`].
const SAYINGS: [(Saying, &[&str]); 8] = [
    (Saying::FailedPayment, FAILED_PAYMENT),
    (Saying::Ahead, AHEAD_PHRASES),
    (Saying::Steps, STEP_PHRASES),
    (Saying::Access, ACCESS_PHRASES),
    (Saying::MissingItem, MISSING_ITEM),
    (Saying::Unhurt, UNHURT),
    (Saying::NoError, NO_ERROR),
    (Saying::Attached, ATTACHED),
];

/// One list of [`SAYINGS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Saying {
    FailedPayment,
    Ahead,
    Steps,
    Access,
    MissingItem,
    Unhurt,
    NoError,
    Attached,
}

/// Every phrase of [`SAYINGS`] in one automaton, with the list of each
/// pattern: a message is read once for all of them, where a substring
/// search per phrase sets up a searcher for each of several hundred
/// phrases (without SIMD in wasm, a tenth of a plugin's time).
struct Sayings {
    automaton: AhoCorasick,
    list_of: Vec<Saying>,
}

/// Built once, in `init` (see [`prepare`]), so the snapshot holds it.
static SAYINGS_AUTOMATON: LazyLock<Option<Sayings>> = LazyLock::new(|| {
    let (list_of, phrases): (Vec<Saying>, Vec<&str>) = SAYINGS
        .iter()
        .flat_map(|&(list, phrases)| phrases.iter().map(move |&p| (list, p)))
        .unzip();
    // Only too large a set of patterns fails to build; a test builds it.
    let automaton = AhoCorasick::new(phrases).ok()?;
    Some(Sayings { automaton, list_of })
});

/// Builds the tables of [`Facts::of`] (called by the `init` export).
pub(crate) fn prepare() {
    LazyLock::force(&SAYINGS_AUTOMATON);
}

/// Which lists of [`SAYINGS`] a text has a phrase of.
#[derive(Debug, Clone, Copy, Default)]
struct Said(u16);

impl Said {
    /// The lists with a phrase in `lower` (a lower-cased text).
    fn in_text(lower: &str) -> Self {
        let Some(sayings) = SAYINGS_AUTOMATON.as_ref() else {
            return Self::default();
        };
        let bits = sayings
            .automaton
            .find_overlapping_iter(lower)
            .filter_map(|m| sayings.list_of.get(m.pattern().as_usize()))
            .fold(0, |bits, &list| bits | list.bit());
        Self(bits)
    }

    fn has(self, list: Saying) -> bool {
        self.0 & list.bit() != 0
    }
}

impl Saying {
    /// The list's bit in [`Said`].
    fn bit(self) -> u16 {
        1 << self as u16
    }
}

impl Facts {
    /// Reads the message and its thread.
    pub fn of(message: &Message) -> Self {
        let own = message.text.as_str();
        let thread = message.full_text.as_deref().unwrap_or_default();
        // An email's subject ("Re: Your order AO-7731204") is part of what
        // the customer sent.
        let subject = message
            .attributes
            .iter()
            .find(|a| a.key.ends_with(".subject"))
            .map_or("", |a| a.value.as_str());
        let both = || [own, thread, subject].into_iter();
        // Each text searched once for both kinds; the first text that has
        // a kind gives it.
        let (mut email, mut phone) = (None, None);
        for text in both() {
            for found in find_pii(text) {
                let slot = match found.kind {
                    PiiKind::Email => &mut email,
                    PiiKind::Phone => &mut phone,
                    _ => continue,
                };
                slot.get_or_insert_with(|| text[found.span].to_owned());
            }
        }
        let tokens: Vec<String> = own
            .split_whitespace()
            .map(|t| {
                t.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'')
                    .to_lowercase()
            })
            .collect();
        // A word, a word's beginning, or a phrase of the customer's own.
        let has = |words: &[&str]| tokens.iter().any(|t| words.contains(&t.as_str()));
        let starts = |stems: &[&str]| {
            tokens
                .iter()
                .any(|t| stems.iter().any(|stem| t.starts_with(stem)))
        };
        let said = Said::in_text(&own.to_lowercase());
        let says = |list: Saying| said.has(list);
        let order_id = both().find_map(find_order_id);
        let invoice_id = both().find_map(find_invoice_id);
        let date = both().find_map(find_date);
        let amount = both().find_map(find_amount);
        let declined = has(DECLINED_WORDS) || says(Saying::FailedPayment);
        let charge_named =
            amount.is_some() && !declined && (starts(MONEY_TAKEN_STEMS) || starts(FEE_STEMS));
        Self {
            dated_invoice: has(INVOICE_NAMES) && date.is_some(),
            invoice_request: has(INVOICE_NAMES) && amount.is_none() && !starts(MONEY_TAKEN_STEMS),
            invoices_plural: has(INVOICES_PLURAL),
            amount,
            date,
            email,
            phone: phone.filter(|p| order_id.as_deref().is_none_or(|o| !o.contains(p.as_str()))),
            attachment: !message.attachments.is_empty() || says(Saying::Attached),
            words: tokens.iter().filter(|t| !t.is_empty()).count(),
            error: has(ERROR_WORDS)
                || tokens.iter().any(|t| is_status_code(t))
                || quotes_words(own)
                || says(Saying::NoError),
            steps: says(Saying::Steps),
            plan: has(PLAN_WORDS),
            photo: has(PHOTO_WORDS),
            harm: starts(HARM_STEMS),
            unhurt: says(Saying::Unhurt),
            missing_item: says(Saying::MissingItem),
            declined,
            charge_named,
            card: has(CARD_WORDS),
            ahead: says(Saying::Ahead) || charge_ahead(&tokens),
            status_clear: saw_a_clear_status_page(own),
            specific_question: asks_specifically(own, &tokens),
            access: starts(ACCESS_STEMS) || says(Saying::Access),
            on_screen: starts(ON_SCREEN_STEMS),
            fault: crate::triage::tells_a_fault(own),
            only_hello: message.full_text.is_none()
                && message.attachments.is_empty()
                && only_hello(&tokens),
            order_id,
            invoice_id,
        }
    }

    /// Whether the customer has already given what `need` asks for.
    pub fn gives(&self, need: Need) -> bool {
        match need {
            Need::OrderId => self.order_id.is_some() || self.invoice_id.is_some(),
            Need::AccountEmail => self.email.is_some(),
            // An invoice names the charge, its amount and its date.
            Need::Amount => {
                self.amount.is_some() || self.invoice_id.is_some() || self.dated_invoice
            }
            Need::Date => self.date.is_some() || self.invoice_id.is_some(),
            Need::InvoiceId => {
                self.invoice_id.is_some() || self.order_id.is_some() || self.dated_invoice
            }
            Need::Reason => self.words >= 12,
            Need::Photo => self.attachment || self.photo,
            Need::Error => self.error || self.attachment,
            Need::Steps => self.steps || self.words >= 20,
            Need::Plan => self.plan,
            Need::UseCase => self.words >= 20,
            Need::Suspect => self.attachment || self.photo,
            Need::Detail => self.words >= 12 || self.specific_question,
        }
    }

    /// What `intent` needs that the customer has not given, in order, as
    /// the brand identifies a purchase (`reference`).
    pub fn missing(&self, intent: &str, reference: Reference) -> Vec<Need> {
        let mut missing: Vec<Need> = Vec::new();
        // A bank card on its way ("mi tarjeta nueva no ha llegado") is no
        // payment: there is no amount or date of a charge to ask for.
        let card_awaited = intent == "delivery" && self.card && self.amount.is_none();
        let ask = |need: Need| match (need, reference) {
            (Need::OrderId, Reference::Payment) if card_awaited => &[][..],
            (Need::Photo, _) if self.missing_item => &[][..],
            // A membership, subscription or newsletter ended at a shop is
            // no order: the account it belongs to identifies it.
            (Need::Plan, Reference::Order) if self.plan => &[Need::AccountEmail][..],
            (Need::AccountEmail, _) if !self.access => &[Need::Detail][..],
            // Nothing on a screen ("the branch was closed at 2pm though the
            // door says 5"): no error message or screenshot to send.
            (Need::Error, _) if !self.on_screen && !self.gives(Need::Error) => &[Need::Detail][..],
            // A question that reports nothing wrong ("can I freeze my card
            // in the app?"): no error message, nor steps before one.
            (Need::Error | Need::Steps, _)
                if self.specific_question && !self.fault && !self.gives(need) =>
            {
                &[Need::Detail][..]
            }
            _ => reference.ask(need),
        };
        // An invoice asked for itself is found by its number, not by an
        // amount and a date the customer never disputed.
        let needed = if intent == "billing" && self.invoice_request {
            if self.invoices_plural {
                &[][..]
            } else {
                &[Need::InvoiceId][..]
            }
        } else {
            needs(intent)
        };
        for need in needed.iter().flat_map(|n| ask(*n)) {
            if !self.gives(*need) && !missing.contains(need) {
                missing.push(*need);
            }
        }
        missing
    }
}

/// `404`, `500`, `503`...: an HTTP error status written alone.
fn is_status_code(token: &str) -> bool {
    token.len() == 3 && token.starts_with(['4', '5']) && token.chars().all(|c| c.is_ascii_digit())
}

/// An invoice id: `INV-…` with digits, or a token with digits after an
/// invoice word.
fn find_invoice_id(text: &str) -> Option<String> {
    let tokens: Vec<&str> = text.split_whitespace().collect();
    let clean = |t: &str| {
        t.trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
            .to_owned()
    };
    for (i, raw) in tokens.iter().enumerate() {
        let token = clean(raw);
        let digits = token.chars().filter(char::is_ascii_digit).count();
        if token.to_ascii_uppercase().starts_with("INV") && digits >= 3 {
            return Some(token);
        }
        if INVOICE_WORDS.contains(&token.to_lowercase().as_str()) {
            let next = tokens.iter().skip(i + 1).take(2).map(|t| clean(t));
            for candidate in next {
                if candidate.chars().filter(char::is_ascii_digit).count() >= 3 {
                    return Some(candidate);
                }
            }
        }
    }
    None
}

/// An amount: a currency sign next to digits (`£600`, `15 €`, `$49.99`,
/// `49,99€`), or digits before a currency word (`200 euros`).
fn find_amount(text: &str) -> Option<String> {
    let tokens: Vec<&str> = text.split_whitespace().collect();
    for (i, raw) in tokens.iter().enumerate() {
        let token = raw.trim_matches(|c: char| matches!(c, ',' | '.' | '!' | '?' | '(' | ')'));
        let has_digit = token.chars().any(|c| c.is_ascii_digit());
        let has_sign = token.contains(CURRENCY_SIGNS);
        if has_digit && has_sign {
            return Some(token.to_owned());
        }
        let number = has_digit
            && token
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '.' | ','));
        if let Some(next) = tokens.get(i + 1).filter(|_| number) {
            let next =
                next.trim_matches(|c: char| !c.is_alphanumeric() && !CURRENCY_SIGNS.contains(&c));
            if next.chars().all(|c| CURRENCY_SIGNS.contains(&c)) && !next.is_empty()
                || CURRENCY_WORDS.contains(&next.to_lowercase().as_str())
            {
                return Some(format!("{token} {next}"));
            }
        }
    }
    None
}

/// A date: `12/03`, `12.03.2026`, `2026-03-12`, a month or day name, or
/// "yesterday"/"today" in the four languages.
fn find_date(text: &str) -> Option<String> {
    text.split_whitespace().find_map(|raw| {
        let token = raw.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'');
        let lower = token.to_lowercase();
        if DATE_WORDS.contains(&lower.as_str()) {
            return Some(token.to_owned());
        }
        let parts: Vec<&str> = token.split(['/', '.', '-']).collect();
        let numeric = parts.len() >= 2
            && parts.len() <= 3
            && parts
                .iter()
                .all(|p| (1..=4).contains(&p.len()) && p.chars().all(|c| c.is_ascii_digit()));
        let plausible = numeric
            && parts[..2].iter().all(|p| p.len() <= 2 || p.len() == 4)
            && parts.iter().filter(|p| p.len() == 4).count() <= 1;
        plausible.then(|| token.to_owned())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing;

    fn facts(text: &str) -> Facts {
        Facts::of(&testing::message(text))
    }

    #[test]
    fn a_charge_to_come_is_told_from_a_charge_made() {
        for ahead in [
            "will we get charged the full month for them?",
            "Would they be billed for March too?",
            "if I add a seat we'll pay for the whole year?",
            "Will I be charged abroad?",
        ] {
            assert!(facts(ahead).ahead, "{ahead}");
        }
        for made in [
            "why did you charge me twice",
            "I was billed £40 and it will not go away",
            "you charged me for a cancelled plan",
        ] {
            assert!(!facts(made).ahead, "{made}");
        }
    }

    #[test]
    fn an_error_quoted_in_single_quotes_is_given_and_apostrophes_are_not_quotes() {
        for quoted in [
            "every push from CI gets 'authentication failed'. nothing changed",
            "the app says ‘card not supported’ at checkout",
            "it fails with 'exit code 137'",
        ] {
            assert!(facts(quoted).error, "{quoted}");
        }
        for told in [
            "it doesn't work and I don't know why it's broken",
            "my kids' tablets can't open the customers' page",
            "it says 'pending' for days",
        ] {
            assert!(!quotes_words(told), "{told}");
        }
    }

    /// Whether a technical problem told as `text` is asked for the error.
    fn asks_for_the_error(text: &str, reference: Reference) -> bool {
        facts(text)
            .missing("technical", reference)
            .contains(&Need::Error)
    }

    #[test]
    fn logs_said_to_be_attached_are_not_asked_for() {
        assert!(!asks_for_the_error(
            "Our runner keeps getting OOMKilled since 3.2. Logs attached. Any idea?",
            Reference::Invoice
        ));
        assert!(asks_for_the_error(
            "Our runner keeps getting OOMKilled since 3.2. Any idea?",
            Reference::Invoice
        ));
    }

    #[test]
    fn nothing_on_a_screen_is_not_asked_for_an_error_message() {
        assert!(!asks_for_the_error(
            "The King Street branch was closed at 2pm on Wednesday even though the sign says it is open until 5.",
            Reference::Payment
        ));
        assert!(asks_for_the_error(
            "the app closes itself when I open my statements",
            Reference::Payment
        ));
    }

    #[test]
    fn a_question_where_nothing_goes_wrong_is_not_asked_for_an_error_message() {
        assert!(!asks_for_the_error(
            "lost my card on the train, can I freeze it in the app or do I need to call?",
            Reference::Payment
        ));
        // Nor for the steps before an error.
        let how_to = facts("Kann ich den Build-Cache pro Branch löschen? Finde die Option nicht.");
        assert!(how_to.missing("technical", Reference::Invoice).is_empty());
        assert!(asks_for_the_error(
            "why can't I freeze my card in the app? the button does nothing",
            Reference::Payment
        ));
    }

    #[test]
    fn an_invoice_asked_for_itself_needs_its_number_not_an_amount() {
        let f =
            facts("can I get an invoice with our company address on it? need it for accounting");
        assert_eq!(f.missing("billing", Reference::Invoice), [Need::InvoiceId]);
        // Invoices in the plural have no one number to ask for.
        let f = facts("Where do we add our VAT number so it shows on the invoices?");
        assert_eq!(f.missing("billing", Reference::Invoice), []);
        let f = facts("Where can I download our past invoices? Our accountant needs them.");
        assert_eq!(f.missing("billing", Reference::Invoice), []);
        // An invoice that took money wrongly is still a charge.
        let f = facts("you charged us twice on the last invoice, why?");
        assert!(
            f.missing("billing", Reference::Invoice)
                .contains(&Need::Amount)
        );
    }

    #[test]
    fn a_charge_is_named_by_an_amount_and_a_fee_or_a_charge() {
        assert!(facts("there's a £12 \"account maintenance fee\" on my statement").charge_named);
        assert!(facts("are you really charging £5 a month for a basic account now??").charge_named);
        assert!(!facts("declined for a £120 contactless payment, I have money").charge_named);
        assert!(facts("my card expired and now the app says payment failed").declined);
        assert!(facts("guy at the desk said my payment bouncing").declined);
        assert!(!facts("you took £30 twice this month").declined);
        assert!(!facts("my gift card balance shows £0 but I haven't spent it").charge_named);
    }

    #[test]
    fn a_fault_told_with_where_it_stops_and_what_changed_needs_no_steps() {
        let f = facts(
            "our pipeline fails at the cache restore step with \"permission denied\" since we \
             upgraded to the new runner image",
        );
        assert_eq!(f.missing("technical", Reference::Invoice), []);
    }

    #[test]
    fn a_missing_item_has_nothing_to_photograph() {
        let f =
            facts("My order came without the garlic naan and one of the drinks. What can I do?");
        assert_eq!(f.missing("damaged", Reference::Order), [Need::OrderId]);
        let broken = facts("the zip on my jacket came broken");
        assert_eq!(
            broken.missing("damaged", Reference::Order),
            [Need::OrderId, Need::Photo]
        );
    }

    #[test]
    fn a_bank_card_on_its_way_is_no_payment_to_name() {
        let bank = Reference::Payment;
        let card = facts("mi tarjeta nueva no ha llegado y ya van 3 semanas");
        assert_eq!(card.missing("delivery", bank), []);
        let transfer = facts("I sent money on Friday and it hasn't arrived");
        assert_eq!(transfer.missing("delivery", bank), [Need::Amount]);
    }

    #[test]
    fn an_answered_question_is_not_asked_to_describe_a_fault() {
        let needs = vec![Need::Error, Need::Steps, Need::OrderId, Need::UseCase];
        assert_eq!(
            left_to_ask(needs.clone(), true),
            [Need::OrderId, Need::UseCase]
        );
        assert_eq!(left_to_ask(needs.clone(), false), needs);
    }

    #[test]
    fn an_invoice_named_by_its_month_needs_no_amount() {
        let f = facts("Could you resend the invoice for November with our VAT number on it?");
        assert!(f.missing("billing", Reference::Invoice).is_empty());
        let f = facts("why is this month's charge so high?");
        assert!(!f.missing("billing", Reference::Invoice).is_empty());
    }

    #[test]
    fn finds_what_the_customer_gave() {
        let f = facts(
            "Charged £600 twice on 12/03 for invoice INV-2026-0417, email me at jo@example.com",
        );
        assert_eq!(f.amount.as_deref(), Some("£600"));
        assert_eq!(f.date.as_deref(), Some("12/03"));
        assert_eq!(f.invoice_id.as_deref(), Some("INV-2026-0417"));
        assert_eq!(f.email.as_deref(), Some("jo@example.com"));
        assert!(f.missing("billing", Reference::Order).is_empty());
        assert_eq!(
            facts("200 euros taken yesterday").amount.as_deref(),
            Some("200 euros")
        );
        assert_eq!(
            facts("me cobraron 15 € ayer").amount.as_deref(),
            Some("15 €")
        );
        // The command and what it printed: nothing left to ask.
        assert!(
            facts("git push fails with Permission denied (publickey)")
                .missing("technical", Reference::Invoice)
                .is_empty()
        );
    }

    #[test]
    fn asks_only_for_what_is_missing() {
        assert_eq!(
            facts("where is my order??").missing("delivery", Reference::Order),
            [Need::OrderId]
        );
        assert!(
            facts("order 4471-2290 still not here")
                .missing("delivery", Reference::Order)
                .is_empty()
        );
        assert_eq!(
            facts("my tent arrived with a torn fly, order #88123")
                .missing("damaged", Reference::Order),
            [Need::Photo]
        );
        assert!(
            facts("tent arrived torn, order #88123, photos attached")
                .missing("damaged", Reference::Order)
                .is_empty()
        );
        assert!(
            facts("nothing to ask")
                .missing("praise", Reference::Order)
                .is_empty()
        );
    }

    #[test]
    fn a_charge_named_by_its_invoice_is_not_asked_for_amount_and_date() {
        assert!(
            facts("we were billed twice this month (invoice INV-2026-1144), please refund one")
                .missing("billing", Reference::Invoice)
                .is_empty()
        );
        assert_eq!(
            facts("we were billed twice this month, please refund one")
                .missing("billing", Reference::Invoice),
            [Need::Amount, Need::Date]
        );
    }

    #[test]
    fn a_clear_question_is_not_asked_for_more_detail() {
        for text in [
            "can u tell me when the black friday sale starts??",
            "¿cuándo empiezan las rebajas de invierno?",
        ] {
            assert!(
                facts(text).missing("question", Reference::Order).is_empty(),
                "{text}"
            );
        }
        for text in [
            "hey can you help me?",
            "I have a question about my account?",
            "the black friday sale starts when",
        ] {
            assert_eq!(
                facts(text).missing("question", Reference::Order),
                [Need::Detail],
                "{text}"
            );
        }
    }

    #[test]
    fn a_membership_or_newsletter_ended_at_a_shop_is_no_order() {
        for text in [
            "please cancel my membership, I don't use it",
            "quiero darme de baja de la newsletter",
        ] {
            assert_eq!(
                facts(text).missing("cancellation", Reference::Order),
                [Need::AccountEmail],
                "{text}"
            );
        }
        assert_eq!(
            facts("cancel my order please").missing("cancellation", Reference::Order),
            [Need::OrderId]
        );
        assert!(
            facts("cancel the membership of jo@example.com")
                .missing("cancellation", Reference::Order)
                .is_empty()
        );
    }

    #[test]
    fn a_brand_without_orders_is_never_asked_for_an_order_number() {
        let bank = Reference::of([
            "Report a lost card in the app.",
            "Payments arrive the same day.",
        ]);
        assert_eq!(bank, Reference::Payment);
        assert_eq!(
            facts("I sent money on Friday and it hasn't arrived").missing("delivery", bank),
            [Need::Amount]
        );
        let saas = Reference::of(["Invoices are emailed to the billing contact."]);
        assert_eq!(saas, Reference::Invoice);
        assert_eq!(
            facts("refund the 2 seats please").missing("refund", saas),
            [Need::InvoiceId, Need::Reason]
        );
        assert_eq!(
            Reference::of(["Track your order at acme.example/track."]),
            Reference::Order
        );
        assert_eq!(Reference::of([]), Reference::Order);
    }

    #[test]
    fn the_thread_counts_too() {
        let mut message = testing::message("Any news?");
        message.full_text =
            Some("Any news?\n\n> On Tue, Jo wrote:\n> my order #55123 is late".into());
        assert_eq!(Facts::of(&message).order_id.as_deref(), Some("#55123"));
    }

    #[test]
    fn numbers_are_not_dates_or_amounts_by_themselves() {
        let f = facts("I have 3 tents and 2 stoves");
        assert_eq!(f.amount, None);
        assert_eq!(f.date, None);
        assert_eq!(facts("error 503 on login").date, None);
        assert!(facts("error 503 on login").error);
        // What the customer saw and did, in their words.
        let seen = facts(
            "the app keeps saying \"something went wrong\" when I try to log in, reinstalled twice",
        );
        assert!(seen.gives(Need::Error) && seen.gives(Need::Steps));
        assert!(facts("« erreur inconnue » quand j'ouvre l'appli").gives(Need::Error));
        let bare = facts("the app doesn't work");
        assert!(!bare.gives(Need::Error) && !bare.gives(Need::Steps));
        // A single quoted word is no error message.
        assert!(!facts("it says \"pending\"").error);
        // No error to send: none is asked for.
        assert!(
            facts("our Jira integration stopped posting, no errors in the integration log").error
        );
    }

    #[test]
    fn one_read_finds_the_lists_a_search_per_phrase_finds() {
        assert!(SAYINGS_AUTOMATON.is_some(), "the phrase automaton builds");
        let per_phrase = |lower: &str| {
            SAYINGS
                .iter()
                .filter(|(_, phrases)| phrases.iter().any(|p| lower.contains(p)))
                .fold(0, |bits, &(list, _)| bits | list.bit())
        };
        let mut texts: Vec<String> = SAYINGS
            .iter()
            .flat_map(|(_, phrases)| phrases.iter())
            .map(|p| format!("well, {p}!! and then"))
            .collect();
        texts.push("i attached a screenshot but the payment failed again".into());
        for text in &texts {
            let said = Said::in_text(text);
            assert_eq!(said.0, per_phrase(text), "{text}");
            assert_ne!(said.0, 0, "{text}");
        }
        assert_eq!(Said::in_text("nothing to see here").0, 0);
    }
}
