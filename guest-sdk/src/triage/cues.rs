//! Cues a care lead wants flagged whatever the intent: spam and promotion,
//! repeat contact, money taken twice, fraud, churn and anger. Each finder
//! returns the words that made it fire, for the triage reason.
//!
//! Phrases are folded (lower-case, no accents) and matched on word
//! boundaries, in English, Spanish, French and German.

use super::features::is_link;
use super::rules::{Folded, WORKS_FOR_ME, asks, contains_phrase, has_word};

/// Phrases that on their own say "promotion, not a customer".
const SPAM_STRONG: &[&str] = &[
    "giveaway",
    "free followers",
    "follow back",
    "follow for follow",
    "f4f",
    "link in bio",
    "check my bio",
    "check my profile",
    "dm for promo",
    "dm me for",
    "dm for collab",
    "promote your",
    "boost your",
    "grow your account",
    "backlinks",
    "airdrop",
    "passive income",
    "onlyfans",
    "nsfw",
    "hot singles",
    "you have won",
    "you've won",
    "claim your prize",
    "claim your reward",
    "click here to claim",
    "retweet to win",
    "rt to win",
    "rt & follow",
    "rt and follow",
    "like and retweet",
    "tag 3 friends",
    "recovery expert",
    "recovery specialist",
    "hacker for hire",
    "guaranteed returns",
    "whatsapp me",
    "sorteo",
    "gana dinero",
    "concours",
    "gagnez",
    "gewinnspiel",
    "cvv",
    "full card number",
    "100% legit",
    "he's legit",
    "she's legit",
    "signals group",
    "trading signals",
    "free audit",
    "organic traffic",
    "lead generation",
    "generacion de leads",
    "kostenlose analyse",
    "recovery team",
    "on whatsapp",
    "por whatsapp",
    "sur whatsapp",
    "per whatsapp",
    "private photos",
    "photos privees",
    "in my bio",
    "hot pics",
    "spicy pics",
    "nudes",
    "thank me later",
    "plazas limitadas",
    "escribeme al dm",
    "lien en mp",
    "en mp",
    "while you sleep",
    "turned $",
    "get paid",
    "work from home",
    "loan approved",
    "instant loan",
    "sub4sub",
    "check my channel",
    "subscribe to my channel",
    "mira mi canal",
    "suscribete a mi canal",
    "abonne-toi a ma chaine",
    "abonniert meinen kanal",
    "link en mi perfil",
    "link in my profile",
    "lien dans ma bio",
    "lien en bio",
    "link in der bio",
    "link in meiner bio",
    "no deposit",
    "casino bonus",
    "this one trick",
    "hire me",
    "verify here",
    "join my telegram",
    "telegram group",
    "join my group",
    "rejoins mon groupe",
    "unete a mi grupo",
    "tritt meiner",
    "ethical hacker",
    "hacker etique",
    "hacker etico",
    "ethischer hacker",
    "see my pics",
    "my pics",
    "lonely tonight",
    "connect wallet",
    "connect your wallet",
    "real followers",
    "check bio",
    "send me free",
    "my rates",
    "recover your lost",
    "lost funds",
    "recover your funds",
    "contact me on",
    "verified list",
    "free sample",
    "will be suspended",
    "confirm your identity here",
    "verify your account here",
    "verify your details here",
    "fill your details",
    "wir verlosen",
    "freunde markieren",
    "identifie 3 amis",
    "menciona a",
    "sin aval",
    "prestamos rapidos",
    "lifetime access",
    "reply stop",
    // Cold business outreach: selling links, posts, staff or funds to the
    // brand itself rather than asking it for anything.
    "guest post",
    "sponsored post",
    "sponsored article",
    "dofollow",
    "do-follow",
    "link building",
    "link insertion",
    "outsourcing company",
    "offshore team",
    "white-label",
    "monthly returns",
    "returns per month",
    "exclusive opportunity",
    "reply yes",
    "reply interested",
    "prospectus",
    "dear partner",
    "articulo patrocinado",
    "article sponsorise",
    "gastbeitrag",
];

/// Phrases that suggest promotion; two of them, or one with a link, do.
const SPAM_WEAK: &[&str] = &[
    "crypto",
    "bitcoin",
    "btc",
    "eth",
    "nft",
    "forex",
    "invest",
    "investment",
    "profit",
    "profits",
    "earn",
    "make money",
    "free",
    "winner",
    "win",
    "prize",
    "limited time",
    "promo",
    "discount code",
    "seo",
    "followers",
    "collab",
    "dm me",
    "dm him",
    "dm her",
    "contact him",
    "contact her",
    "18+",
    "click",
    "gratis",
    "gratuit",
    "kostenlos",
    "trading",
    "trades",
    "returns guaranteed",
    "% off",
    "off all",
    "today only",
    "only today",
    "agency",
    "agencia",
    "agence",
    "agentur",
    "traffic",
    "rank",
    "ranking",
    "rankt",
    "legit",
    "income",
    "ingresos",
    "formation",
    "dm us",
    "escribeme",
    "schreib mir",
    "ecris-moi",
    "whatsapp",
    "telegram",
    "unsubscribe",
    "came across your",
    "competitive rates",
    "any requirement",
    "influencer",
    "lonely",
    "suspended",
    "unusual activity",
    "unusual sign-in",
    "verlosen",
    "tirage",
    "abonne-toi",
    // A pitch's ask and its promises; a customer may say one, a pitch says
    // several.
    "quick call",
    "15-minute call",
    "15 minute call",
    "short call",
    "book a call",
    "suitable time to connect",
    "open to a",
    "deck",
    "are you looking to",
    "we help",
    "fraction of the cost",
    "cut costs",
    "valued client",
    "page 1",
    "first page",
    "per post",
    "outsourcing",
    "offshore",
    "fully insured",
    "places remain",
    "places are limited",
    "spring intake",
    "minimum entry",
    "minimum investment",
    "in return",
];

/// First-person accounts of the customer's own dealings with the brand
/// ("my parcel", "je n'arrive pas", "ihr habt mir"), and a customer's
/// question about a promotion ("is the 20% off still on?", "the code
/// doesn't work"): with one of these, weak promotion cues or the model's
/// verdict alone are not enough.
const CUSTOMER: &[&str] = &[
    // The brand's own people and places, as a customer who dealt with them
    // names them ("while it was with your technician").
    "your technician",
    "your engineer",
    "your staff",
    "your branch",
    "your store",
    "your shop",
    "vuestro tecnico",
    "vuestra tienda",
    "votre technicien",
    "votre magasin",
    "votre boutique",
    "euer techniker",
    "ihr techniker",
    "ihre filiale",
    "eure filiale",
    "been a customer",
    "customer for",
    "loyal customer",
    "love my",
    "soy cliente",
    "je suis client",
    "je suis cliente",
    "bin kunde",
    "bin kundin",
    "my order",
    "my account",
    "my card",
    "my refund",
    "my subscription",
    "my package",
    "my payment",
    "i ordered",
    "i bought",
    "i paid",
    "i was charged",
    "mi pedido",
    "mi cuenta",
    "ma commande",
    "mon compte",
    "meine bestellung",
    "mein konto",
    "my parcel",
    "my invoice",
    "my money",
    "my bank",
    "my statement",
    "my app",
    "i can't",
    "i cannot",
    "won't let me",
    "you charged",
    "your app",
    "mi tarjeta",
    "mi paquete",
    "mi factura",
    "mi dinero",
    "mi suscripcion",
    "mi reembolso",
    "he pedido",
    "no puedo",
    "no me deja",
    "me habeis",
    "vuestra app",
    "ma carte",
    "mon colis",
    "ma facture",
    "mon argent",
    "mon abonnement",
    "mon remboursement",
    "j'ai commande",
    "je n'arrive",
    "je ne peux",
    "vous m'avez",
    "votre appli",
    "meine karte",
    "mein paket",
    "meine rechnung",
    "mein geld",
    "mein abo",
    "meine erstattung",
    "ich habe bestellt",
    "ich kann nicht",
    "komme nicht",
    "ihr habt mir",
    "eure app",
    "are you running",
    "still on",
    "still valid",
    "does the code",
    "the code doesn't",
    "the code isn't",
    "promo code doesn't",
    "can i use the",
    "sigue valido",
    "el codigo no",
    "toujours valable",
    "le code ne",
    "noch gultig",
    "der code geht nicht",
];

/// A customer asking the brand whether a promotion or a message in its name
/// is genuine ("is this real?", "c'est vous ?", "ist das echt?"): it quotes
/// the promotion's words, so it weighs more than [`CUSTOMER`]. A spammer's
/// own hook ("is this real?? I turned $200 into $5k") still has its cues.
const VERIFYING: &[&str] = &[
    "is this real",
    "is this legit",
    "is this you",
    "is that you",
    "is that really you",
    "is this really you",
    "is it really you",
    "was that you",
    "was that really you",
    "was it really you",
    "is this a scam",
    "is this genuine",
    "is this official",
    "is this from you",
    "is this actually from you",
    "is this really from you",
    "is it actually from you",
    "is it really from you",
    "actually from you",
    "really from you",
    "did you send",
    "real or fake",
    "es real",
    "es legitimo",
    "sois vosotros",
    "sois vos",
    "es de verdad",
    "es una estafa",
    "es vuestro",
    "c'est vous",
    "c'est bien vous",
    "venant de vous",
    "c'est une arnaque",
    "c'est vrai",
    "est-ce officiel",
    "ist das echt",
    "ist das wirklich",
    "wart ihr das",
    "sind sie das",
    "seid ihr das",
    "ist das betrug",
    "ist das von euch",
    // Doubt voiced about a promotion going round ("¿es verdad lo del
    // sorteo que va por whatsapp? me da mala espina"); not "¿es verdad
    // que…?", which is also the pitch's own hook.
    "mala espina",
    "looks dodgy",
    "seems dodgy",
    "looks like a scam",
    "sent l'arnaque",
    "ca a l'air louche",
    "sieht nach betrug aus",
    "klingt nach betrug",
];

/// Words that open a question about something ("is this …", "is that …").
const ASKING_ABOUT: &[&str] = &["is this", "is that", "is it", "are these", "are you"];

/// Words asking whether something is genuine.
const GENUINE: &[&str] = &[
    "real",
    "legit",
    "genuine",
    "fake",
    "scam",
    "official",
    "safe",
    "really from",
    "from you",
];

/// A customer asking whether something is genuine, in any of the ways
/// below: [`VERIFYING`], [`asks_if_genuine`], [`asks_bare_if_genuine`].
fn asks_whether_genuine(folded: &Folded) -> bool {
    folded.find(VERIFYING).is_some() || asks_if_genuine(folded) || asks_bare_if_genuine(folded)
}

/// A question that is only the word: "asking for my PIN, legit??", "real?".
fn asks_bare_if_genuine(folded: &Folded) -> bool {
    let text = folded.as_str();
    GENUINE.iter().filter(|g| !g.contains(' ')).any(|g| {
        text.match_indices(g).any(|(at, _)| {
            let before_ok = text[..at]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            before_ok && text[at + g.len()..].trim_start().starts_with('?')
        })
    })
}

/// A question whether something is genuine with words in between: "is this
/// giveaway real?", "is that text really from you?" (within four words).
fn asks_if_genuine(folded: &Folded) -> bool {
    let text = folded.as_str();
    ASKING_ABOUT.iter().any(|opening| {
        text.match_indices(opening).any(|(at, _)| {
            let before_ok = text[..at]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            let tail = &text[at + opening.len()..];
            before_ok
                && tail.starts_with(|c: char| !c.is_alphanumeric())
                && tail
                    .split(|c: char| !(c.is_alphanumeric() || c == '\''))
                    .filter(|w| !w.is_empty())
                    .take(4)
                    .any(|w| GENUINE.contains(&w))
                || GENUINE
                    .iter()
                    .filter(|g| g.contains(' '))
                    .any(|g| tail.split('?').next().is_some_and(|q| q.contains(g)))
        })
    })
}

/// Says the customer has asked before. "Still" alone ("it still hasn't
/// arrived", "toujours pas arrivée", "todavía no") says a problem lasts,
/// not that the customer wrote before: a first message about a late parcel
/// must not be answered with an apology for having to chase us.
const REPEAT_STRONG: &[&str] = &[
    "i was told",
    "we were told",
    "you told me",
    "you said it would",
    "you promised",
    "wasted trip",
    "me dijeron",
    "on m'a dit",
    "on m'avait dit",
    "man sagte mir",
    "third time",
    "3rd time",
    "second time",
    "2nd time",
    "fourth time",
    "4th time",
    "fifth time",
    "still no answer",
    "still no reply",
    "still no response",
    "still haven't heard",
    "still have not heard",
    "still waiting",
    "still no word",
    "nobody replied",
    "nobody replies",
    "no one replies",
    "nobody answers",
    "nobody responds",
    "nobody has replied",
    "nobody answered",
    "no one replied",
    "no one has replied",
    "no one answered",
    "no one got back",
    "nobody got back",
    "never got back",
    "never heard back",
    "no reply",
    "no response",
    "already emailed",
    "already called",
    "already contacted",
    "already asked",
    "already told",
    "already explained",
    "asked several times",
    "several times",
    "multiple times",
    "many times",
    "how many times",
    // The customer keeps asking, not a scam text that "keeps asking me
    // to confirm my PIN".
    "i keep asking",
    "we keep asking",
    "keep asking you",
    "keep having to ask",
    "following up",
    "follow up on",
    // Not "ignored" alone: "`timeout = 30` just gets ignored" is a
    // setting, not a customer left unanswered.
    "you've ignored",
    "youve ignored",
    "you have ignored",
    "you ignored",
    "been ignored",
    "being ignored",
    "were ignored",
    "feel ignored",
    "felt ignored",
    "ignored me",
    "ignored us",
    "ignored my",
    "ignored our",
    "ignoring me",
    "ignoring us",
    "ignoring my",
    "ignoring our",
    "werden ignoriert",
    "wurden ignoriert",
    "wurde ignoriert",
    "ignoriert mich",
    "ignoriert meine",
    "ignoriert uns",
    "ignorez mes",
    "avez ignore",
    "me ignoran",
    "han ignorado",
    "tercera vez",
    "segunda vez",
    "sigo esperando",
    "sin respuesta",
    "nadie responde",
    "nadie contesta",
    "nadie me responde",
    "nadie me contesta",
    "ya escribi",
    "ya llame",
    "ya os escribi",
    "varias veces",
    "troisieme fois",
    "deuxieme fois",
    "sans reponse",
    "aucune reponse",
    "personne ne repond",
    "personne ne me repond",
    // Not "j'ai déjà" alone: "j'ai déjà désinstallé/réinstallé" is what the
    // customer tried, not a contact.
    "deja envoye",
    "deja demande",
    "deja contacte",
    "deja relance",
    "deja fait une reclamation",
    "toujours pas de reponse",
    "toujours rien",
    "relance",
    "dritte mal",
    "zweite mal",
    "mehrmals",
    "schon mehrfach",
    "keine antwort",
    "niemand antwortet",
    "niemand meldet sich",
    "bereits geschrieben",
    "schon geschrieben",
    "schon angerufen",
    "warte immer noch",
    "immer noch keine",
    "fourth email",
    "third email",
    "second email",
    "2nd email",
    "3rd email",
    "4th email",
    "second message",
    "third message",
    "fourth message",
    "2nd message",
    "3rd message",
    "4th message",
    "third call",
    "3rd call",
    "third chat",
    "3rd chat",
    "asked twice",
    "asked about it twice",
    "phoned twice",
    "called twice",
    "emailed twice",
    "twice already",
    "any update",
    "nobody's picked",
    "no one has picked",
    "ya van",
    "toujours aucun",
    "2e fois",
    "3e fois",
    "4e fois",
    "personne ne bouge",
    "je reviens vers vous",
    // A reference to earlier mail ("further to my emails of 2 and 16
    // May", "como ya les indiqué en mis correos", "meine E-Mail vom 3.5.").
    "further to my email",
    "further to my emails",
    "further to my previous",
    "further to my last",
    "my previous email",
    "my previous emails",
    "my previous message",
    "my earlier email",
    "my email of",
    "my emails of",
    "como ya les",
    "como ya le",
    "como ya os",
    "mis correos anteriores",
    "mi correo anterior",
    "mon precedent mail",
    "mon precedent message",
    "mon mail precedent",
    "mes precedents mails",
    "meine e-mail vom",
    "meine mail vom",
    "meine letzte mail",
    "meine letzte e-mail",
    // Writing again, said as such ("I'm sorry to write again").
    "write again",
    "writing again",
    "writing to you again",
    "emailing again",
    "vuelvo a escribir",
    "vuelvo a escribiros",
    "je vous ecris a nouveau",
    "je vous reecris",
    "schreibe erneut",
    "schreibe ihnen erneut",
    "schreibe euch erneut",
    "dritte chat",
    "2x angerufen",
    "zweimal angerufen",
    "mehrfach",
    "as i said",
    "as i mentioned",
    "as mentioned before",
    "like i said",
    "you told me",
    "me dijeron",
    "me dijisteis",
    "on m'a dit",
    "vous m'avez dit",
    "mir wurde gesagt",
    "sie sagten mir",
    "i was promised",
    "you promised",
    "haven't heard back",
    "havent heard back",
    "not heard back",
    "heard nothing",
    "nobody has got back",
    "no one has got back",
    "nobody responded",
    "no one has responded",
    "again and again",
    "yet again",
    "weeks now",
    "days now",
    "every time i call",
    "spoke to someone",
    "ya os lo dije",
    "ya lo dije",
    "ya os mande",
    "ya os envie",
    "me prometieron",
    "nadie me ha respondido",
    "nadie me ha contestado",
    "ninguna respuesta",
    "sin noticias",
    "tercer correo",
    "segundo correo",
    "cuarta vez",
    "llevo semanas",
    "semanas esperando",
    "dias esperando",
    "una y otra vez",
    "je vous ai deja",
    "deja ecrit",
    "deja appele",
    "deja signale",
    "comme je l'ai dit",
    "on m'avait promis",
    "sans nouvelles",
    "pas de nouvelles",
    "aucune nouvelle",
    "personne ne m'a repondu",
    "jamais eu de reponse",
    "depuis des semaines",
    "depuis des jours",
    "ca fait des semaines",
    "troisieme mail",
    "deuxieme mail",
    "3eme fois",
    "je relance",
    "relances",
    "mes relances",
    "restees sans suite",
    "restee sans suite",
    "reste sans suite",
    "ca fait trois fois",
    "ca fait deux fois",
    "ca fait 3 fois",
    "ca fait 2 fois",
    "personne ne revient vers moi",
    "personne ne revient vers nous",
    "sans que rien ne soit regle",
    "bereits gemeldet",
    "schon gemeldet",
    "bereits mitgeteilt",
    "wie bereits",
    "wie schon gesagt",
    "mir wurde versprochen",
    "seit wochen",
    "seit tagen",
    "noch keine antwort",
    "keine ruckmeldung",
    "zum dritten mal",
    "zum zweiten mal",
    "dritte mail",
    "immer wieder",
];

/// "Again": a repeat only when the customer is unhappy ("thanks again" is not).
const REPEAT_WEAK: &[&str] = &[
    "again",
    "otra vez",
    "de nuevo",
    "encore",
    "a nouveau",
    "schon wieder",
    "wieder",
    "once again",
    "encore une fois",
    "erneut",
    "nochmal",
    "nochmals",
];

/// "Twice" words; with a [`MONEY_TAKEN`] word they make a double charge.
const TWICE: &[&str] = &[
    "twice",
    "two times",
    "2 times",
    "2x",
    "double",
    "double-charged",
    "duplicate",
    "duplicated",
    "dos veces",
    "doble",
    "duplicado",
    "deux fois",
    "en double",
    "doublon",
    "zweimal",
    "doppelt",
    "doppelte",
    "two identical",
    "2 identical",
    "two charges",
    "2 charges",
    "two payments",
    "2 payments",
    "dos cargos",
    "2 cargos",
    "dos cobros",
    "2 cobros",
    "dos pagos",
    "deux prelevements",
    "2 prelevements",
    "deux paiements",
    "2 paiements",
    "deux debits",
    "zwei abbuchungen",
    "2 abbuchungen",
    "zwei zahlungen",
    "2 zahlungen",
    "zweifach",
    "2 veces",
    "2 fois",
    "2 mal",
];

/// Money-taking words, for [`TWICE`] and [`NEVER_AGREED`].
const MONEY_TAKEN: &[&str] = &[
    "charged",
    "charge",
    "charges",
    "charging",
    "cobran",
    "cobrando",
    "billed",
    "debited",
    "paid",
    "payment",
    "taken",
    "cobrado",
    "cobraron",
    "cobro",
    "cargo",
    "cargado",
    "pagado",
    "debite",
    "debitee",
    "debites",
    "debitees",
    "prelevee",
    "preleves",
    "prelevees",
    "cobradas",
    "preleve",
    "prelevement",
    "facture",
    "paye",
    "abgebucht",
    "belastet",
    "abbuchung",
    "berechnet",
    "bezahlt",
    "payments",
    "transaction",
    "transactions",
    "cargos",
    "cobros",
    "pagos",
    "prelevements",
    "paiements",
    "debits",
    "abbuchungen",
    "zahlungen",
    "abgezogen",
    "cobrada",
    "cobrados",
    "facturado",
    "went out",
    "came out",
    "taken out",
];

/// Money or access taken by someone else.
const FRAUD: &[&str] = &[
    // Payments to or orders in an account the customer does not own.
    "we don't own",
    "we dont own",
    "we do not own",
    "none of us set",
    "someone is ordering",
    "someone's ordering",
    "someone ordered",
    "alguien esta pidiendo",
    "alguien ha pedido",
    "alguien ha usado",
    "quelqu'un a commande",
    "quelqu'un commande",
    "jemand bestellt",
    "jemand hat bestellt",
    "didn't make",
    "did not make",
    "didnt make",
    "didn't do this",
    "did not do this",
    "someone moved",
    "someone took",
    "someone has taken",
    "someone's taken",
    "never created",
    "didn't create",
    "did not create",
    "someone transferred",
    "someone withdrew",
    "i didn't do",
    "wasn't me",
    "was not me",
    "it wasn't me",
    // Not "not me" alone: "you cancelled the course, not me!!!" blames the
    // brand.
    "never authorised",
    "never authorized",
    "didn't authorise",
    "didn't authorize",
    "i never made",
    "never seen",
    "never been to",
    // The card never left the customer's hands ("nobody else has access
    // to my card").
    "nobody else has access",
    "no one else has access",
    "noone else has access",
    "nadie mas tiene acceso",
    "personne d'autre n'a acces",
    "niemand sonst hat zugriff",
    "niemand anderes hat zugriff",
    // Not "never used" or "never bought": "I've never used the app
    // before, how do I…?" is a newcomer.
    "never gambled",
    "haven't ordered",
    "never ordered",
    "don't recognise",
    "don't recognize",
    "dont recognise",
    "dont recognize",
    "do not recognise",
    "do not recognize",
    "not recognised",
    "not recognized",
    "unrecognised",
    "unrecognized",
    "unauthorised payment",
    "unauthorized payment",
    "unauthorised transaction",
    "unauthorized transaction",
    "unauthorised charge",
    "unauthorized charge",
    "unauthorised access",
    "unauthorized access",
    "fraud",
    "fraudulent",
    "hacked",
    "someone logged",
    "someone changed",
    "someone used",
    "someone just used",
    "someone has used",
    "someone's used",
    "someone's just used",
    "card was just used",
    "card's been used",
    "card was used",
    "card has been used",
    "card is in my",
    "still have my card",
    "still got my card",
    "carte est dans mon",
    "tarjeta esta en mi",
    "karte ist in meinem",
    "someone added",
    "someone accessed",
    "someone got into",
    // Someone else inside the account: "someone is in my account watching
    // some korean drama ive never heard of".
    "someone is in my account",
    "someone's in my account",
    "someone else is in my account",
    "someone else is using my account",
    "alguien esta en mi cuenta",
    "alguien esta usando mi cuenta",
    "quelqu'un est sur mon compte",
    "quelqu'un utilise mon compte",
    "jemand ist in meinem konto",
    "jemand nutzt mein konto",
    "someone's got into",
    "someone has got into",
    "somebody got into",
    "somebody's got into",
    // A SIM swap: the number moved to a stranger's SIM.
    "ported my number",
    "sim swap",
    "sim-swap",
    // Orders the customer never placed ("five order confirmations… I
    // didn't place any of them", "3 commandes que j'ai pas passées").
    "didn't place",
    "did not place",
    "never placed",
    "j'ai pas passe",
    "je n'ai pas passe",
    "j'ai jamais passe",
    "je n'ai jamais passe",
    "j'ai pas passee",
    "j'ai pas passees",
    "je n'ai pas passee",
    "je n'ai pas passees",
    "jamais passee",
    "jamais passees",
    "password has been changed",
    "password's been changed",
    // An address on the account the customer never entered.
    "ich nicht eingetragen",
    "ich nicht hinterlegt",
    "someone has been",
    "new device",
    "unknown device",
    "was stolen",
    "been stolen",
    "en opposition",
    "fait opposition",
    "faire opposition",
    "got stolen",
    "got nicked",
    "was nicked",
    "been nicked",
    "nicked my",
    "pickpocketed",
    "someone's already",
    "someone has already",
    "someone already",
    "stolen card",
    "card stolen",
    "identity theft",
    "phishing",
    "no reconozco",
    "no conozco",
    "no hice",
    "no he hecho",
    "no fui yo",
    "fraude",
    "hackearon",
    "hackeada",
    "hackeado",
    "me robaron",
    "robada",
    "robado",
    "alguien ha entrado",
    "alguien ha sacado",
    "alguien saco",
    "me han sacado",
    "jemand hat abgehoben",
    "alguien entro",
    "no autorice",
    "je ne reconnais pas",
    "connais meme pas",
    "je ne connais pas",
    "n'ai pas fait",
    "j'ai jamais fait",
    // Credentials handed to a phisher: "Ist die von euch?? Hab meine
    // Zugangsdaten schon eingegeben".
    "zugangsdaten schon eingegeben",
    "zugangsdaten eingegeben",
    "entered my login details",
    "entered my bank details",
    "gave them my login",
    "gave them my details",
    "gave them my pin",
    "j'ai donne mes identifiants",
    "j'ai rentre mes identifiants",
    "j'ai entre mes identifiants",
    "ya puse mis datos",
    "ya meti mis datos",
    "di mis datos",
    "j'ai pas fait",
    "n'ai jamais fait",
    "aucun de nous",
    "personne chez nous",
    "quelqu'un s'est",
    "ce n'est pas moi",
    "c'est pas moi",
    "quelqu'un a",
    "quelqu'un utilise",
    "someone is using",
    "alguien usa",
    "alguien esta usando",
    "jemand nutzt",
    "jemand benutzt",
    "piratage",
    "pirate",
    "piratee",
    "carte volee",
    "volee",
    "hameconnage",
    "betrug",
    "gehackt",
    "war ich nicht",
    "nicht ich",
    "nie mitglied",
    "nie bestellt",
    "nicht gemacht",
    "jemand hat",
    "jemand meine bankdaten",
    "jemand meine kartendaten",
    "jemand meine daten",
    "sich jemand",
    "gestohlen",
    "unberechtigt",
    "without my permission",
    "without my consent",
    "not authorised by me",
    "not authorized by me",
    "someone else used",
    "someone else made",
    "somebody used",
    "someone has used",
    "someone's using",
    "card was cloned",
    "skimmed",
    "compromised",
    "suspicious login",
    "suspicious transaction",
    "password was changed",
    "emptied my account",
    "yo no hice",
    "no es mio",
    "no son mios",
    "sin mi permiso",
    "sin mi consentimiento",
    "me han robado",
    "clonada",
    "clonaron",
    "suplantacion",
    "alguien ha usado",
    "alguien uso",
    "alguien ha comprado",
    "compra que no hice",
    "cargos que no",
    "movimientos que no",
    "pas fait cet achat",
    "je n'ai pas effectue",
    "n'ai pas autorise",
    "sans mon accord",
    "sans mon autorisation",
    "carte clonee",
    "usurpation",
    "transaction inconnue",
    "paiement inconnu",
    "achat inconnu",
    "pas a l'origine",
    "nicht von mir",
    "ohne meine zustimmung",
    "ohne mein wissen",
    "fremde abbuchung",
    "unbekannte abbuchung",
    "nicht getatigt",
    "nicht veranlasst",
    "nicht genehmigt",
    "nie getatigt",
    "kartenmissbrauch",
    "missbrauch",
    "betruger",
];

/// Words of a home: "moving to a new address next month" is a move of
/// house, not to a competitor.
const HOME_MOVE: &[&str] = &[
    "address",
    "house",
    "flat",
    "home",
    "apartment",
    "relocat*",
    "adresse",
    "direccion",
    "casa",
    "piso",
    "wohnung",
    "umzug",
];

/// Switching within a phone or an app: "every time I switch to another
/// app" is no switch of provider.
const IN_THE_APP: &[&str] = &[
    "switch to another app",
    "switch to other apps",
    "switch to the app",
    "switch to the browser",
    "switch to dark mode",
    "switch to light mode",
    "switch to mobile data",
    "switch to wifi",
    "switch to wi-fi",
    "switch to 4g",
    "switch to 5g",
    "switch to landscape",
    "switch to desktop",
    "switch to the desktop",
    "switch to another tab",
];

/// Leaving, or moving to a competitor.
const CHURN: &[&str] = &[
    "switching to",
    "switch to",
    "moving to",
    "move to",
    "taking my business elsewhere",
    "business elsewhere",
    "accounts elsewhere",
    "account elsewhere",
    "money elsewhere",
    "going elsewhere",
    "go elsewhere",
    "looking elsewhere",
    "look elsewhere",
    "considering switching",
    "considering moving",
    "considering leaving",
    "seriously considering",
    "thinking of switching",
    // Taking the work elsewhere: "moving our team to CircleCI".
    "moving our team",
    "moving our builds",
    "moving our repos",
    "moving our pipelines",
    "moving everything to",
    "migrating to",
    "migrating our team",
    "thinking of leaving",
    "thinking about switching",
    "thinking about leaving",
    "looking at alternatives",
    "pensando en cambiarme",
    "me planteo cambiar",
    "j'envisage de partir",
    "j'envisage de changer",
    "uberlege zu wechseln",
    "uberlegen zu wechseln",
    // Moving what a bank holds: "moving my salary to Monzo next month".
    "moving my salary",
    "moving my money",
    "moving my account",
    "moving our account",
    "taking my salary",
    "me llevo la nomina",
    "llevarme la nomina",
    "je pars chez",
    "done with you",
    "close my account",
    "closing my account",
    "konto schliessen",
    "konto auflosen",
    "fermer mon compte",
    "cloturer mon compte",
    "cerrar mi cuenta",
    "cancel my",
    "cancelling my",
    "canceling my",
    "unsubscribe",
    "leaving you",
    "me cambio a",
    "cambiarme a",
    "darme de baja",
    "dar de baja",
    "cancelar mi",
    // Not "me voy a" alone: "me voy a México", "me voy a quejar".
    "me voy a otro",
    "me voy a la competencia",
    "me voy con otro",
    "me paso a",
    "resilier",
    "je passe chez",
    "je vais chez",
    "annuler mon",
    "kundigen",
    "kundigung",
    "wechsle zu",
    "wechseln zu",
    "gekundigt",
    // A threat to leave, or to claw the money back through the customer's
    // own bank (a bank's customer asking how to start a chargeback is
    // not leaving).
    "we will cancel",
    "we'll cancel",
    "i will cancel",
    "i'll cancel",
    "going to cancel",
    "gonna cancel",
    "with my bank",
    "with our bank",
    "through my bank",
    "through our bank",
    "vamos a cancelar",
    "voy a cancelar",
    "je vais annuler",
    "on va annuler",
    "nous allons annuler",
    "wir kundigen",
    "ich kundige",
    // Leaving said plainly ("I'm off to Vertex", "I'll be moving my
    // prescriptions to MedsNow", "je commence à regarder chez Octave").
    "i'm off to",
    "im off to",
    "moving my prescriptions",
    "moving my business",
    "take my business",
    "commence a regarder chez",
    "regarder ailleurs",
    "changer de banque",
    "changer de fournisseur",
    "changer d'operateur",
    "j'achete chez",
    "j'acheterai chez",
    "on passe sur",
    "on passera sur",
    "de passer sur",
    "de passer chez",
    "voir ailleurs",
];

/// Theft or contempt said of the brand (not of a stolen card): anger
/// whatever the lexicon makes of the words around it ("this is straight
/// up theft", "your branch manager laughed at me. absolute cowboys").
const ACCUSES: &[&str] = &[
    "is theft",
    "straight up theft",
    "daylight robbery",
    "rip-off",
    "ripoff",
    "rip off",
    "you thieves",
    "bunch of thieves",
    "absolute cowboys",
    "bunch of cowboys",
    "laughed at me",
    "laughed in my face",
    "ladrones",
    "bande de voleurs",
    "vous vous foutez",
    "foutage de gueule",
    "vous vous moquez",
    "bande d'escrocs",
    "des escrocs",
    "abzocke",
    "abzocker",
];

/// Laughter and eagerness, which make capitals and "!!!" excitement, not
/// anger ("Notfall!!! 😅 brauch dringend nen Tipp", "dying to try the new
/// course!!! when does it drop???").
const EXCITED: &[&str] = &[
    "😂",
    "🤣",
    "😅",
    "😆",
    "😄",
    "😁",
    "😍",
    "🥰",
    "🤩",
    "🙌",
    "🎉",
    "lol",
    "haha",
    "jaja",
    "mdr",
    "dying to",
    "can't wait",
    "cant wait",
    "so excited",
    "muero de ganas",
    "me muero por",
    "j'ai hate",
    "trop hate",
    "kann es kaum erwarten",
    "freu mich",
    "freue mich",
];

/// Words of strong anger.
const ANGER: &[&str] = &[
    "furious",
    "livid",
    "ridiculous",
    "pathetic",
    "disgrace",
    "disgraceful",
    "disgusting",
    "useless",
    "incompetent",
    "wtf",
    "fed up",
    "sick of",
    "sick and tired",
    "unacceptable",
    "outrageous",
    "joke of a",
    "worst",
    "indignante",
    "verguenza",
    "inutiles",
    "harto",
    "harta",
    "una mierda",
    "lamentable",
    "honteux",
    "scandaleux",
    "inadmissible",
    "marre",
    "foutage de gueule",
    "frechheit",
    "unverschamt",
    "sauer",
    "wutend",
    "unmoglich",
    "katastrophe",
    "das letzte",
    "saftladen",
    "unbelievable",
    "beyond disappointed",
    "not ok",
    "not acceptable",
    "more than patient",
    "lost my patience",
    "had enough",
    "enough is enough",
    "n'importe quoi",
    "ras le bol",
    "une honte",
    "vergonzoso",
    "unfassbar",
    "unglaublich",
    "es reicht",
    "furieux",
    "furieuse",
    "hors de moi",
    "enrage",
    "enragee",
    "furioso",
    "furiosa",
    "cabreado",
    "cabreada",
    "indignado",
    "indignada",
    "stinksauer",
    "ausser mir",
    "stocksauer",
];

/// Upper-case words that are names, not shouting.
const ACRONYMS: &[&str] = &[
    "2FA", "API", "ATM", "AWS", "BIC", "CD", "CEO", "CET", "CI", "CIF", "CLI", "CPU", "CSV", "DHL",
    "DM", "DNS", "DSGVO", "EOF", "ETA", "EU", "EUR", "FAQ", "GBP", "GDPR", "GMT", "GPU", "GTX",
    "HTTP", "HTTPS", "IBAN", "ID", "IT", "IVA", "MFA", "MWST", "NFC", "NIF", "OTP", "PDF", "PIN",
    "PR", "QR", "RAM", "SAML", "SDK", "SEPA", "SMS", "SSH", "SSL", "SSO", "TLS", "TVA", "UK",
    "UPS", "URL", "US", "USD", "UTC", "VAT", "VIP", "XL", "XXL",
];

/// Promotion words in @handles: `@acct_recov_dan`, `@fundsrecovery1`.
const SHADY_HANDLES: &[&str] = &[
    "recov", "hack", "fund", "loan", "crypto", "invest", "trade", "promo",
];

/// Words in a sender's handle or address that sell something: the
/// promotion words of [`SHADY_HANDLES`] and these.
const SHADY_SENDERS: &[&str] = &[
    "giveaway",
    "deals",
    "followers",
    "airdrop",
    "profit",
    "cash",
    "sorteo",
    "concours",
    "gewinnspiel",
    "leads",
    "backlink",
    "outreach",
    "outsourc",
    "wealth",
    "yield",
];

/// Words that make an account look like a brand's support desk.
const DESK_WORDS: &[&str] = &[
    "support", "help", "hlp", "care", "service", "team", "security", "verify", "official",
    "refund", "desk",
];

/// What the sender's own identity says about promotion: a handle or
/// address selling something, or an account named like the brand's
/// support desk that is not one of the brand's own accounts (the
/// phisher's way in): 2 points either way, so that a customer with an odd
/// handle is never spam on their name alone. The brand's own accounts and
/// addresses at their domains are never a cue.
pub fn sender(author: &crate::Author, brand: &crate::Brand) -> Option<(i32, String)> {
    let ids: Vec<String> = [
        Some(&author.id),
        author.handle.as_ref(),
        author.email.as_ref(),
    ]
    .into_iter()
    .flatten()
    .map(|id| id.trim_start_matches('@').to_lowercase())
    .collect();
    let own = |id: &String| {
        brand
            .own_accounts
            .iter()
            .any(|a| a.trim_start_matches('@').eq_ignore_ascii_case(id))
    };
    let domain = |id: &str| id.rsplit_once('@').map(|(_, d)| d.to_lowercase());
    let colleague = ids.iter().filter_map(|id| domain(id)).any(|d| {
        brand
            .own_accounts
            .iter()
            .filter_map(|a| domain(a))
            .any(|own| own == d)
    });
    if ids.is_empty() || ids.iter().any(own) || colleague {
        return None;
    }
    let brand_words = brand_words(brand);
    let shown = ids[ids.len() - 1].clone();
    let impersonates = ids.iter().any(|id| {
        brand_words.iter().any(|w| id.contains(w.as_str()))
            && DESK_WORDS.iter().any(|d| id.contains(d))
    });
    if impersonates {
        return Some((2, format!("{shown} is named like the brand's desk")));
    }
    ids.iter()
        .any(|id| {
            let id = BENIGN_IN_HANDLES
                .iter()
                .fold(id.clone(), |id, benign| id.replace(benign, " "));
            SHADY_HANDLES
                .iter()
                .chain(SHADY_SENDERS)
                .any(|s| id.contains(s))
        })
        .then(|| (2, format!("the sender {shown}")))
}

/// Everyday words that hold a [`SHADY_HANDLES`] word: `@indiehacker_jo`,
/// `@lifehacks_by_mo`, `@the_fishing_shack` sell nothing.
const BENIGN_IN_HANDLES: &[&str] = &[
    "indiehack",
    "lifehack",
    "hackathon",
    "hackney",
    "shack",
    "whack",
    "tradesman",
    "tradie",
    "fundrais",
];

/// The brand's id, its name without spaces, and its name's first word when
/// distinctive (four letters or more), lower-case: what an impersonator
/// puts in a handle (`ledgerbank_hlp`, `ledger_help_desk`).
fn brand_words(brand: &crate::Brand) -> Vec<String> {
    let name: Vec<String> = brand
        .name
        .split_whitespace()
        .map(|w| {
            w.chars()
                .filter(|c| c.is_alphanumeric())
                .collect::<String>()
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect();
    let mut words = vec![brand.id.to_lowercase(), name.concat()];
    words.extend(name.first().filter(|w| w.chars().count() >= 4).cloned());
    words.retain(|w| w.chars().count() >= 4);
    words.dedup();
    words
}

/// Why a text reads as spam: the cues found, or `None`.
///
/// Each strong cue scores 2, each weak cue 1, a link 1, an @handle selling
/// recovery or money 2, the sender's own identity as [`sender`] scores it, a first-person account of the customer's own
/// dealings with the brand -2 (a question whether a promotion is genuine
/// -3, and when asked in so many words ([`VERIFYING`]) only the sender's
/// and the handles' points count); `model` adds the intent model's points (see
/// [`super::assess`]); three points make spam. A customer wrongly taken for
/// a spammer is never answered, so one cue is never enough.
pub fn spam(
    text: &str,
    folded: &Folded,
    model: i32,
    sender: Option<&(i32, String)>,
) -> Option<Vec<String>> {
    let mut cues: Vec<String> = Vec::new();
    let mut score = model;
    if model > 0 {
        cues.push("the intent model".to_owned());
    }
    if let Some((points, why)) = sender {
        score += points;
        cues.push(why.clone());
    }
    for p in SPAM_STRONG.iter().filter(|p| folded.contains(p)) {
        score += 2;
        cues.push(format!("\"{p}\""));
    }
    for p in SPAM_WEAK.iter().filter(|p| folded.contains(p)) {
        score += 1;
        cues.push(format!("\"{p}\""));
    }
    if has_link(text) {
        score += 1;
        cues.push("a link".to_owned());
    }
    let shady = folded
        .as_str()
        .split_whitespace()
        .find(|t| t.starts_with('@') && SHADY_HANDLES.iter().any(|s| t.contains(s)));
    if let Some(handle) = shady {
        score += 2;
        cues.push(format!("the handle {handle}"));
    }
    if folded.find(VERIFYING).is_some() {
        // A customer asking in so many words whether a promotion is
        // genuine quotes it ("¿es verdad lo del sorteo de compra gratis que
        // va por whatsapp?"): its words are the promotion's, not the
        // customer's. Only who sends it counts, and a handle selling money
        // or recovery, which is the hook's whoever asks ("is this real?? I
        // turned $200 into $5k with @crypto_guru_x").
        let sent = sender.map_or(0, |(points, _)| *points);
        score = sent + if shady.is_some() { 3 } else { 0 };
    } else if asks_whether_genuine(folded) {
        // Looser wording ("are you real?", "legit?") is also the pitch's
        // own ("are you tired of fake followers? get REAL ones"): it
        // weighs against spam, no more.
        score -= 3;
    } else if folded.find(CUSTOMER).is_some() || asks_about_service(text, folded) {
        score -= 2;
    }
    (score >= 3).then_some(cues)
}

/// What a customer asks about when "free" is a question, not an offer:
/// returns, delivery, repairs ("is it free to send stuff back?"), a
/// statement, a transfer, an invoice ("Dear Sir/Madam, how far back can I
/// get statements?").
const SERVICE_TERMS: &[&str] = &[
    "send back",
    "send it back",
    "send stuff back",
    "send them back",
    "send things back",
    "bring back",
    "bring it back",
    "take back",
    "return",
    "returns",
    "refund",
    "exchange",
    "delivery",
    "shipping",
    "postage",
    "repair",
    "warranty",
    "devolver",
    "devolucion",
    "envio",
    "retour",
    "livraison",
    "reparation",
    "rucksendung",
    "zuruckschicken",
    "versand",
    "lieferung",
    "reparatur",
    // A bank's and a software vendor's services.
    "statement",
    "statements",
    "overdraft",
    "transfer",
    "invoice",
    "invoices",
    "subscription",
    "my plan",
    "free plan",
    "paid plan",
    "the plan",
    "my card",
    "my account",
    "extracto",
    "extractos",
    "transferencia",
    "factura",
    "releve",
    "releves",
    "virement",
    "facture",
    "kontoauszug",
    "kontoauszuge",
    "uberweisung",
    "rechnung",
];

/// Whether the message asks (a question mark, no link) about one of the
/// brand's services ([`SERVICE_TERMS`]): a customer, however often it
/// says "free".
fn asks_about_service(text: &str, folded: &Folded) -> bool {
    text.contains('?') && !has_link(text) && folded.find(SERVICE_TERMS).is_some()
}

/// Whether the text carries a web link.
pub fn has_link(text: &str) -> bool {
    text.split_whitespace().any(is_link)
}

/// Many people: with a [`FAILING`] word, a report of an outage.
const MANY: &[&str] = &[
    "everyone",
    "everybody",
    "all of us",
    "whole team",
    "whole office",
    "nobody can",
    "no one can",
    "my colleague",
    "my colleague's",
    "colleagues",
    "my mate's",
    "my wife's",
    "my husband's",
    "too",
    "same here",
    "me too",
    "anyone else",
    "todo el mundo",
    "todos",
    "nadie puede",
    "mi companero",
    "mi hermana",
    "tampoco",
    "tout le monde",
    "toute l'equipe",
    "personne ne peut",
    "mes collegues",
    "mon collegue",
    "ma collegue",
    "on est plusieurs",
    "nous sommes plusieurs",
    "plusieurs personnes",
    "c'est general",
    "aussi",
    "alle",
    "keiner",
    "niemand kann",
    "ganze team",
    "coworkers",
    "co-workers",
    "my coworker",
    "see the same",
    "seeing the same",
    "other customers",
    "other teams",
    "d'autres clients",
    "otros clientes",
    "andere kunden",
    "kollegen",
    "auch",
    "is it just me",
    "just me",
    "not just me",
    "whole company",
    "entire team",
    "all our",
    "none of us",
    // "there's like 8 of us stood here with codes that don't work".
    "of us stood",
    "of us standing",
    "of us waiting",
    "for all of us",
    "toda la oficina",
    "todo el equipo",
    "nadie en",
    "toute la boite",
    "tous nos",
    "personne au bureau",
    "chez tous",
    "das ganze buro",
    "ganze firma",
    "wir alle",
    "bei allen",
    "uns allen",
    "half our",
    "half of our",
    "half the team",
    "most of our",
    "our engineers",
    "our developers",
    "our devs",
    "our users",
    "our staff",
    "la mitad de",
    "la moitie de",
    "die halfte",
    // Many projects of one customer: a pipeline that fails in every repo
    // fails for everyone.
    "any of our",
    "all of our",
    "across all",
    "across our",
    "across every",
    "across several",
    "same everywhere",
    "every project",
    "every repo",
    "all projects",
    "all repos",
    "todos los proyectos",
    "tous les projets",
    "tous nos projets",
    "alle projekte",
    "allen projekten",
    // A whole city or region: "ist das Netz in ganz München weg?"
    "in ganz",
    "in der gesamten",
    "die nachbarn",
    "the neighbours",
    "the neighbors",
    "los vecinos",
    "les voisins",
    "en toda la ciudad",
    "dans toute la ville",
    "across the city",
    "across town",
];

/// Words after a [`MANY`] word that make it a degree or a thing, not
/// people: "too late", "too big"; "todos mis ahorros", "alle meine Daten".
const NOT_PEOPLE_AFTER: &[&str] = &[
    "late",
    "early",
    "big",
    "small",
    "much",
    "many",
    "long",
    "short",
    "expensive",
    "high",
    "low",
    "slow",
    "fast",
    "tight",
    "loose",
    "hot",
    "cold",
    "heavy",
    "soon",
    "far",
    "bad",
    "old",
    "young",
    "busy",
    "tired",
    "complicated",
    "hard",
    "difficult",
    "mis",
    "tus",
    "sus",
    "meine",
    "meinen",
    "meiner",
    "mes",
    "tes",
    "ses",
];

/// Whether some occurrence of `many` in the folded `text` speaks of
/// people: one not followed by a [`NOT_PEOPLE_AFTER`] word.
fn of_people(text: &str, many: &str) -> bool {
    let mut rest = text;
    while let Some(at) = rest.find(many) {
        let before_ok = rest[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        let after = &rest[at + many.len()..];
        let after_ok = after.chars().next().is_none_or(|c| !c.is_alphanumeric());
        if before_ok && after_ok {
            let clause = after.split(['.', '?', '!', '\n', ',', ';']).next();
            let next = clause
                .unwrap_or_default()
                .split(|c: char| !c.is_alphanumeric())
                .find(|w| !w.is_empty());
            if !next.is_some_and(|w| NOT_PEOPLE_AFTER.contains(&w)) {
                return true;
            }
        }
        rest = after;
    }
    false
}

/// Something failing: with a [`MANY`] word, a report of an outage.
const FAILING: &[&str] = &[
    "down",
    "declined",
    "error",
    "errors",
    "500",
    "500s",
    "502",
    "502s",
    "503",
    "503s",
    "504",
    "failing",
    "failed",
    "fails",
    "not working",
    "can't log in",
    "cannot log in",
    "can't get in",
    "crashing",
    "plante",
    "panne",
    "erreur",
    "erreurs",
    "ne marche",
    "caido",
    "caida",
    "no funciona",
    "fallan",
    "no puedo entrar",
    "geht nicht",
    "funktioniert nicht",
    "fehler",
    "abgelehnt",
    "bad gateway",
    "went wrong",
    "refusee",
    "refusees",
    "rechazada",
    "rechazadas",
    // "schlagen bei uns alle Deployments fehl": the verb's particle.
    "fehl",
    "fehlgeschlagen",
    "service unavailable",
    "timeout",
    "timing out",
    "times out",
    "won't load",
    "wont load",
    "not loading",
    "doesn't load",
    "can't login",
    "cant log in",
    "cant login",
    "unable to log in",
    "no carga",
    "se cayo",
    "ne charge pas",
    "ne fonctionne pas",
    "ne fonctionne plus",
    "marche plus",
    "plus rien",
    "en rade",
    "erreur serveur",
    "refuses",
    "ladt nicht",
    "nicht erreichbar",
    "geht nichts",
    "ausgefallen",
    "ausfall",
    "fallo",
    "falla",
    "no builds",
    "not triggering",
    "haven't fired",
    "hasn't fired",
    "not firing",
    "stopped firing",
    "aren't firing",
    "isn't firing",
    "aren't triggering",
    "isn't triggering",
    "nothing runs",
    "nothing is running",
    "not running",
    "won't start",
    "stuck in queued",
    "stuck in the queue",
    "ninguna build",
    "no arranca",
    "aucun build",
    "ne se lance",
    "keine builds",
    "startet nicht",
    "ne demarre",
    "ne demarrent",
    "blank page",
    "blank screen",
    // A line, a network or the power gone ("our whole office lost internet
    // at 9:15", "kein Empfang, bei meiner Frau auch nicht").
    "lost internet",
    "no internet",
    "no signal",
    "no service",
    "no connection",
    "lost connection",
    "power cut",
    "no power",
    "sin conexion",
    "sin internet",
    "sin cobertura",
    "sin senal",
    "sin luz",
    "pas de reseau",
    "plus de reseau",
    "pas d'internet",
    "plus d'internet",
    "coupure",
    "kein empfang",
    "kein netz",
    "kein internet",
    "kein strom",
    "strom weg",
    "internet weg",
    "netz weg",
    "don't work",
    "dont work",
    "do not work",
    "not opening",
    "aren't opening",
    "won't open",
    "wont open",
    "stromausfall",
    "no water",
    "no running water",
    "sin agua",
    "pas d'eau",
    "plus d'eau",
    "kein wasser",
];

/// A failure that hits many people: (who, what).
pub fn widespread(folded: &Folded) -> Option<(&'static str, &'static str)> {
    if has_word(folded, WORKS_FOR_ME) || super::rules::self_inflicted(folded) {
        return None;
    }
    let who = MANY
        .iter()
        .copied()
        .find(|w| folded.contains(w) && of_people(folded.as_str(), w))?;
    // A "down" that is a price or a way ("when do your tariffs come down
    // too?") fails nothing.
    let elsewhere = super::rules::down_is_elsewhere(folded);
    let what = FAILING
        .iter()
        .copied()
        .find(|w| !(elsewhere && *w == "down") && folded.contains(w))?;
    Some((who, what))
}

/// Units of a wait, in the four languages.
const WAIT_UNITS: &[&str] = &[
    "day", "days", "week", "weeks", "month", "months", "dia", "dias", "semana", "semanas", "mes",
    "meses", "jour", "jours", "semaine", "semaines", "mois", "tag", "tagen", "tage", "woche",
    "wochen", "monat", "monaten", "monate",
];

/// Words that make "N days" a wait: "for", "since", "llevo", "depuis", "seit".
const WAIT_MARKERS: &[&str] = &[
    "since",
    "been",
    "for",
    "over",
    "waiting",
    "waited",
    "now",
    "already",
    "llevo",
    "van",
    "desde",
    "esperando",
    "depuis",
    "fait",
    "attends",
    "j'attends",
    "seit",
    "schon",
    "warte",
    "warten",
];

/// A word just before "N days" that makes it a span of work, not a wait:
/// "migrated in two weeks", "en deux semaines", "innerhalb 3 Tagen".
const SPAN_BEFORE: &[&str] = &["in", "within", "en", "dentro", "innerhalb", "binnen"];

/// Words before a count that make it a rate: "£5 per month", "5 € pro
/// Monat"; an amount just before it does the same ("£142 a month").
const RATE_BEFORE: &[&str] = &[
    "per", "each", "every", "pro", "por", "par", "cada", "chaque", "jeden",
];

/// "A week", "une semaine": a count of one, a wait only with a marker
/// that says so ("been a week now"), not "for" ("tried it for a week").
const ONE: &[&str] = &[
    "a", "an", "one", "un", "una", "une", "ein", "eine", "einen", "einer",
];

/// The English units, the only ones "a" or "an" count.
const ENGLISH_UNITS: &[&str] = &["day", "days", "week", "weeks", "month", "months"];

/// Markers too loose for [`ONE`]: "for a week" is as often a use as a wait.
const LOOSE_MARKERS: &[&str] = &["for", "over"];

/// Number words a customer writes instead of digits.
const NUMBER_WORDS: &[&str] = &[
    "two",
    "three",
    "four",
    "five",
    "six",
    "several",
    "few",
    "dos",
    "tres",
    "cuatro",
    "cinco",
    "varios",
    "deux",
    "trois",
    "quatre",
    "cinq",
    "plusieurs",
    "zwei",
    "drei",
    "vier",
    "funf",
    "mehrere",
];

/// Words that can only speak of a death, folded: "passed away", "funeral",
/// "décès", "ha fallecido", "verstorben".
const DEATH: &[&str] = &[
    "passed away",
    "has passed",
    "bereave*",
    "funeral",
    "deceased",
    "death of my",
    "death of our",
    "death in the family",
    "probate",
    "executor",
    "late husband",
    "late wife",
    "late mother",
    "late father",
    "decede*",
    "deces",
    "nous a quitte*",
    "obseques",
    "succession de",
    "fallecio",
    "fallecida",
    "fallecido",
    "fallecimiento",
    "ha muerto",
    "murio",
    "defuncion",
    "verstorben*",
    "gestorben",
    "todesfall",
    "beerdigung",
    "nachlass",
];

/// The people whose death a customer may write about: "my mum died".
const KIN: &[&str] = &[
    "mum",
    "mom",
    "mother",
    "dad",
    "father",
    "husband",
    "wife",
    "partner",
    "son",
    "daughter",
    "brother",
    "sister",
    "nan",
    "gran",
    "grandma",
    "grandmother",
    "grandad",
    "grandfather",
];

/// Words saying someone the customer loved has died (see [`DEATH`]), or a
/// relative who "died" or "passed" ("my dad died in June", "my dad passed
/// in the spring"): a phone that died is no bereavement.
pub fn bereavement(folded: &Folded) -> Option<&'static str> {
    if let Some(words) = DEATH.iter().copied().find(|w| match w.strip_suffix('*') {
        Some(prefix) => folded
            .as_str()
            .split(|c: char| !c.is_alphanumeric())
            .any(|word| word.starts_with(prefix)),
        None => folded.contains(w),
    }) {
        return Some(words);
    }
    let words: Vec<&str> = folded
        .as_str()
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .collect();
    words
        .windows(3)
        .any(|w| KIN.contains(&w[0]) && w[1..].iter().any(|v| ["died", "passed"].contains(v)))
        .then_some("died")
}

/// Words of a customer left unable to pay right now (a blocked card at a
/// hotel desk, a declined card at the till).
const CANNOT_PAY: &[&str] = &[
    "can't pay",
    "cannot pay",
    "cant pay",
    "unable to pay",
    "can't buy",
    "no puedo pagar",
    "no me deja pagar",
    "je ne peux pas payer",
    "je peux pas payer",
    "impossible de payer",
    "kann nicht bezahlen",
    "kann nicht zahlen",
    "kann nichts bezahlen",
    // Money for the rent gone or late.
    "rent is due",
    "my rent money",
    "c'est mon loyer",
    "mon loyer",
    "es mi alquiler",
    "el alquiler",
    "meine miete",
];

/// The words saying the customer cannot pay right now.
pub fn cannot_pay(folded: &Folded) -> Option<&'static str> {
    folded.find(CANNOT_PAY)
}

/// Words saying something is still not done.
const STILL: &[&str] = &[
    "still",
    "not yet",
    "todavia",
    "aun no",
    "sigue sin",
    "toujours pas",
    "pas encore",
    "immer noch",
    "noch nicht",
    "noch immer",
];

/// Words of a trip or a plan just before "N months": how long the customer
/// will be away, not how long they have waited.
const PLANS: &[&str] = &[
    "staying",
    "stay",
    "visiting",
    "heading",
    "going",
    "moving",
    "travelling",
    "traveling",
    "travel",
    "trip",
    "holiday",
    "vacation",
    "away",
    "abroad",
    "viaje",
    "viajando",
    "vacaciones",
    "voyage",
    "vacances",
    "urlaub",
    "reise",
    "unterwegs",
];

/// Words that put what follows ahead: "won't be able to … for four
/// months", "gonna be away for 2 weeks".
const FUTURE: &[&str] = &["will", "won't", "wont", "gonna", "shall"];

/// Words just after "N months" that start the span in the future ("from
/// next week", "next month", "a partir de lunes", "ab Montag").
const AHEAD: &[&str] = &[
    "from",
    "starting",
    "next",
    "soon",
    "tomorrow",
    "ahead",
    "partir",
    "proxima",
    "proximo",
    "prochaine",
    "prochain",
    "ab",
    "nachste",
    "nachsten",
];

/// A fault that can last ("useless for 3 days", "kaputt seit 2 Wochen"):
/// how long it lasts is not how long the customer has waited for the brand.
const LASTING_FAULT: &[&str] = &[
    "useless",
    "broken",
    "not working",
    "stopped working",
    "won't",
    "wont",
    "doesn't work",
    "dead",
    "leaking",
    "faulty",
    "cold",
    "wet",
    "sick",
    "ill",
    "roto",
    "rota",
    "no funciona",
    "casse",
    "cassee",
    "en panne",
    "ne marche",
    "kaputt",
    "defekt",
    "funktioniert nicht",
];

/// Words saying the customer is waiting on the brand: with one, a lasting
/// fault's span is a wait after all ("broken for 2 weeks and no reply").
const AWAITING: &[&str] = &[
    "waiting",
    "waited",
    "wait",
    "reply",
    "replied",
    "answer",
    "answered",
    "response",
    "heard",
    "nobody",
    "no one",
    "esperando",
    "espero",
    "respuesta",
    "j'attends",
    "attends",
    "reponse",
    "warte",
    "warten",
    "antwort",
];

/// A wait the customer counts ("3 weeks now", "seit 4 Tagen", "llevo 5
/// dias"): a number, a unit, and a waiting word just before or after; not
/// the span of a fault ([`LASTING_FAULT`]) unless the customer also says
/// they wait on the brand ([`AWAITING`], [`STILL`]), nor a span asked
/// about ahead ([`ASKING_AHEAD`]: "can I add a contractor for 2 weeks?").
pub fn waited(folded: &Folded) -> Option<String> {
    let awaiting = has_word(folded, AWAITING) || has_word(folded, STILL);
    let asks_ahead = folded.find(ASKING_AHEAD).is_some() && !has_word(folded, AWAITING);
    let words: Vec<&str> = folded
        .as_str()
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .collect();
    words.windows(2).enumerate().find_map(|(i, pair)| {
        let one = ONE.contains(&pair[0]);
        // "Wore them for a few days": as often a use as a wait, like "a".
        let loose = one || ["few", "several"].contains(&pair[0]);
        let number =
            one || pair[0].bytes().all(|b| b.is_ascii_digit()) || NUMBER_WORDS.contains(&pair[0]);
        // "a"/"an" only before an English unit: French "à jour" folds to
        // "a jour".
        let english = !["a", "an"].contains(&pair[0]) || ENGLISH_UNITS.contains(&pair[1]);
        if !number || !english || !WAIT_UNITS.contains(&pair[1]) {
            return None;
        }
        let before = &words[i.saturating_sub(3)..i];
        let after = &words[(i + 2).min(words.len())..(i + 4).min(words.len())];
        if before.last().is_some_and(|w| SPAN_BEFORE.contains(w)) {
            return None;
        }
        // A rate ("taking £142 a month", "5 € pro Monat") is no wait.
        if before
            .last()
            .is_some_and(|w| RATE_BEFORE.contains(w) || w.bytes().any(|b| b.is_ascii_digit()))
        {
            return None;
        }
        // "The last 3 months of receipts": a quantity of something, not a
        // wait, unless the customer says they wait.
        if !awaiting && after.first() == Some(&"of") {
            return None;
        }
        // "For the 2 weeks we were in Spain": a span the customer tells,
        // not one they waited, unless they say they wait on the brand.
        if !awaiting && before.last() == Some(&"the") {
            return None;
        }
        let lasting = Folded::new(&before.join(" "));
        if !awaiting && has_word(&lasting, LASTING_FAULT) {
            return None;
        }
        // "Off travelling for 6 months from next week": a plan, not a wait.
        // "We're here for two weeks": a stay, unless they have "been here
        // for two hours".
        let staying = before.contains(&"here") && !before.contains(&"been");
        let ahead = told_ahead(folded.as_str(), pair);
        let planned = staying
            || ahead
            || before.iter().any(|w| PLANS.contains(w))
            || after.iter().any(|w| AHEAD.contains(w));
        if !awaiting && planned {
            return None;
        }
        // Spanish "hace 2 semanas" is "2 weeks ago"; "hace 2 semanas que
        // espero" is a wait.
        let hace_que = before.contains(&"hace") && after.contains(&"que");
        // "ordered 2 weeks ago, still not dispatched": a wait once the
        // customer says it is still not done.
        let ago = after.first() == Some(&"ago")
            || before.last().is_some_and(|w| ["vor", "hace"].contains(w))
            || before.ends_with(&["y", "a"]);
        // "Still not arrived after 4 days" ("toujours pas arrivé après
        // 4 jours", "nach 4 Tagen immer noch nicht"): a count after which
        // it is still not done.
        let after_count = before
            .last()
            .is_some_and(|w| ["after", "apres", "nach"].contains(w))
            || before.ends_with(&["despues", "de"]);
        let ago_still = (ago || after_count) && still_after(folded.as_str(), pair);
        // "For" and "over" mark a wait before the count ("for 3 weeks"),
        // not after it: "need 3 months for a rental application" asks for
        // statements.
        let marked = before
            .iter()
            .any(|w| WAIT_MARKERS.contains(w) && !(loose && LOOSE_MARKERS.contains(w)))
            || after
                .iter()
                .any(|w| WAIT_MARKERS.contains(w) && !LOOSE_MARKERS.contains(w));
        (hace_que || ago_still || (marked && !asks_ahead))
            .then(|| format!("{} {}", pair[0], pair[1]))
    })
}

/// Whether the customer says it is still not done in the sentence that
/// counts `pair` ("ordered 2 weeks ago, still not here") or after it
/// ("Ordered 10 days ago. Still nothing."), not only before it: "Reel was
/// still trying to charge the old card. I got an email a few days ago"
/// counts no wait.
fn still_after(text: &str, pair: &[&str]) -> bool {
    let Some(at) = text.find(&pair.join(" ")) else {
        return false;
    };
    let start = text[..at]
        .rfind(['.', '?', '!', '\n'])
        .map_or(0, |end| end + 1);
    let rest = &text[start..];
    STILL
        .iter()
        .any(|w| contains_phrase(rest, w) && !still_possible(rest, w))
}

/// Words that ask whether something can still be done ("will you still
/// take them back?", "can I still return it?"): a question about what is
/// allowed, not a complaint that something is not done.
const ASKS_IF: &[&str] = &[
    "can", "could", "will", "would", "do", "does", "is", "are", "am", "may", "should",
];

/// Whether every `still` of `text` asks whether something is still
/// possible: a modal or auxiliary, then a pronoun, then `still`.
fn still_possible(text: &str, still: &str) -> bool {
    let words: Vec<&str> = text
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .collect();
    let mut found = false;
    for (i, word) in words.iter().enumerate() {
        if *word != still {
            continue;
        }
        found = true;
        let asks = i >= 2
            && ["i", "you", "we", "they", "it", "there", "he", "she"].contains(&words[i - 1])
            && ASKS_IF.contains(&words[i - 2]);
        if !asks {
            return false;
        }
    }
    found
}

/// Whether the clause that counts `pair` ("four months") puts it ahead
/// before the count: "I won't be able to train for at least four months".
fn told_ahead(text: &str, pair: &[&str]) -> bool {
    let count = pair.join(" ");
    text.split(['.', '?', '!', '\n', ',', ';'])
        .filter_map(|clause| Some(&clause[..clause.find(&count)?]))
        .any(|before| {
            before
                .split(|c: char| !(c.is_alphanumeric() || c == '\''))
                .any(|w| FUTURE.contains(&w) || w.ends_with("'ll"))
        })
}

/// Questions about what the customer may do: "can I add a contractor for
/// 2 weeks and then remove them?" plans a span, it has not waited one.
const ASKING_AHEAD: &[&str] = &[
    "can i",
    "can we",
    "could i",
    "could we",
    "is it possible",
    "puedo",
    "podemos",
    "puis-je",
    "est-ce que je peux",
    "pouvons-nous",
    "kann ich",
    "konnen wir",
];

/// The words saying the customer asked before; "again" counts only when
/// the customer is unhappy (`negative`), and not in a question about what
/// the brand does ("are you lowering savings rates again?").
pub fn asked_before(folded: &Folded, negative: bool) -> Option<&'static str> {
    folded
        .find(REPEAT_STRONG)
        .filter(|words| !(*words == "toujours rien" && folded.find(OTHERS_STILL_WAIT).is_some()))
        .or_else(|| chases(folded))
        .or_else(|| contacted_times(folded))
        .or_else(|| answered_but_unresolved(folded))
        .or_else(|| {
            let weak = negative.then(|| folded.find(REPEAT_WEAK)).flatten()?;
            (!only_asks_about_the_brand(folded.as_str(), weak)
                && !again_elsewhere(folded, weak)
                && !own_slip_again(folded.as_str(), weak))
            .then_some(weak)
        })
}

/// Someone else who still has nothing, folded: "mon proprio me dit qu'il
/// a toujours rien reçu" is a payment on its way, not a customer who
/// wrote before (which "toujours rien" alone says).
const OTHERS_STILL_WAIT: &[&str] = &[
    "il a toujours rien",
    "elle a toujours rien",
    "ils ont toujours rien",
    "elles ont toujours rien",
    "n'a toujours rien",
    "n'ont toujours rien",
];

/// Thanks for the brand's earlier answer, as a follow-up opens.
const THANKS_FOR_THE_ANSWER: &[&str] = &[
    "thanks for the reply",
    "thanks for your reply",
    "thank you for the reply",
    "thank you for your reply",
    "thanks for the response",
    "thanks for your response",
    "thank you for your response",
    "thanks for getting back",
    "thank you for getting back",
    "thanks for the quick reply",
    "thanks for your help so far",
    "gracias por la respuesta",
    "gracias por su respuesta",
    "gracias por responder",
    "gracias por contestar",
    "merci pour votre reponse",
    "merci pour la reponse",
    "merci pour ta reponse",
    "merci de votre reponse",
    "merci pour votre retour",
    "danke fur die antwort",
    "danke fur ihre antwort",
    "danke fur die schnelle antwort",
    "danke fur eure antwort",
    "danke fur die ruckmeldung",
    "danke fur ihre ruckmeldung",
];

/// What is still wrong after that answer: "still", "toujours", "wieder".
const STILL_WRONG: &[&str] = &[
    "still",
    "toujours",
    "sigue",
    "todavia",
    "immer noch",
    "noch immer",
    "wieder",
    "nach wie vor",
];

/// A follow-up to the brand's answer that says the problem is still there
/// ("Thanks for the reply and for walking me through the reset steps.
/// Unfortunately it's still doing the same thing", "danke für die schnelle
/// Antwort. Leider ist auch die Ersatzlieferung wieder…"): the customer is
/// writing a second time about one problem.
fn answered_but_unresolved(folded: &Folded) -> Option<&'static str> {
    folded.find(THANKS_FOR_THE_ANSWER)?;
    folded.find(STILL_WRONG)
}

/// "Again" of a trip or a visit, not of a contact: "we're at my mum's
/// next week and then away again over christmas", "we'll stay again".
const AGAIN_ELSEWHERE: &[&str] = &[
    "away again",
    "off again",
    "abroad again",
    "travelling again",
    "traveling again",
    "stay again",
    "staying again",
    "visit again",
    "visiting again",
    "come again",
    "coming again",
    // Coming back and never again say nothing of writing before ("wir
    // kommen ganz sicher wieder", "would suffer again 10/10", "nie wieder").
    "kommen wieder",
    "komme wieder",
    "sicher wieder",
    "nie wieder",
    "would suffer again",
    "do it again",
    "book again",
    "order again",
    "buy again",
    // A payment that failed once more is no message sent before
    // ("payment declined again when my plan renewed").
    "happens again",
    "happen again",
    "happening again",
    "vuelva a pasar",
    "se repita",
    "se reproduise",
    "wieder passiert",
    // Something coming back or working once more: "no clue how long til
    // i see the cash again", "wann das wieder läuft".
    "see the cash again",
    "see the money again",
    "see my money again",
    "see it again",
    // Verb last: "bis es wieder funktioniert", never "geht wieder nicht".
    "wieder lauft",
    "wieder funktioniert",
    "wieder geht",
    "funciona de nuevo",
    "fonctionne a nouveau",
    "marche a nouveau",
    "marche de nouveau",
    "declined again",
    "failed again",
    "bounced again",
    "rejected again",
];

/// The customer's own slips: "forgot my towel again", "j'ai encore perdu
/// ma carte" is something the customer did again, not a contact.
const SLIPS: &[&str] = &[
    "forgot",
    "forgotten",
    "forget",
    "lost",
    "left",
    "dropped",
    "overslept",
    "olvide",
    "olvidado",
    "perdi",
    "oublie",
    "oubliee",
    "perdu",
    "perdue",
    "vergessen",
    "verloren",
];

/// Whether every sentence with the repeat word `weak` tells a slip of the
/// customer's own ([`SLIPS`]) before or just after it.
fn own_slip_again(text: &str, weak: &str) -> bool {
    let mut found = false;
    for sentence in text.split(['.', '?', '!', '\n', ',', ';']) {
        if !contains_phrase(sentence, weak) {
            continue;
        }
        found = true;
        let words: Vec<&str> = sentence
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        if !words.iter().any(|w| SLIPS.contains(w)) {
            return false;
        }
    }
    found
}

/// Whether every `weak` repeat word of the text is one of
/// [`AGAIN_ELSEWHERE`].
fn again_elsewhere(folded: &Folded, weak: &str) -> bool {
    let text = folded.as_str();
    let trips: Vec<&str> = AGAIN_ELSEWHERE
        .iter()
        .copied()
        .filter(|t| contains_phrase(text, t))
        .collect();
    !trips.is_empty()
        && !contains_phrase(
            &trips
                .iter()
                .fold(text.to_owned(), |rest, t| rest.replace(t, " ")),
            weak,
        )
}

/// Words of chasing an answer.
const CHASE: &[&str] = &["chasing", "chased"];

/// Whether the customer is chasing ("chasing this up", "I chased you
/// twice"), not being chased: "finance is chasing me for the VAT number"
/// is a first question.
fn chases(folded: &Folded) -> Option<&'static str> {
    let words: Vec<&str> = folded
        .as_str()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words.iter().enumerate().find_map(|(i, word)| {
        let chase = CHASE.iter().find(|c| *c == word)?;
        let chased_one = words
            .get(i + 1)
            .is_some_and(|next| ["me", "us"].contains(next));
        (!chased_one).then_some(*chase)
    })
}

/// Openings of a question about what the brand does (folded).
const ASKING_THE_BRAND: &[&str] = &["are you", "will you", "do you", "have you", "r u"];

/// Whether every sentence with `word` is a question about what the brand
/// does: it opens (after @handles) with [`ASKING_THE_BRAND`].
fn only_asks_about_the_brand(text: &str, word: &str) -> bool {
    let mut found = false;
    for sentence in text.split(['.', '?', '!', '\n']) {
        if !contains_phrase(sentence, word) {
            continue;
        }
        found = true;
        let opening = sentence
            .split_whitespace()
            .skip_while(|w| w.starts_with('@'))
            .take(2)
            .collect::<Vec<_>>()
            .join(" ");
        if !ASKING_THE_BRAND.iter().any(|a| opening.starts_with(a)) {
            return false;
        }
    }
    found
}

/// Ways of getting in touch, folded.
const CONTACTED: &[&str] = &[
    "emailed",
    "e-mailed",
    "mailed",
    "written",
    "wrote",
    "called",
    "rang",
    "rung",
    "phoned",
    "messaged",
    "chased",
    "asked",
    "contacted",
    "tweeted",
    "dmed",
    "dm'd",
    "chatted",
    "escrito",
    "llamado",
    "llame",
    "escribi",
    "ecrit",
    "appele",
    // "ça fait 3 fois que j'appelle", "es la tercera vez que escribo"
    "appelle",
    "j'appelle",
    // "j'ai demandé plusieurs fois", not "payer en plusieurs fois".
    "demande",
    "ecris",
    "j'ecris",
    "escribo",
    "llamo",
    "contacte",
    "relance",
    "geschrieben",
    "angerufen",
    "kontaktiert",
    "gemailt",
    // "been on hold twice"
    "hold",
];

/// Counts of times, folded: "three times", "3 veces", "dreimal".
const TIMES: &[&str] = &[
    "times", "veces", "fois", "twice", "dreimal", "viermal", "zweimal", "mehrmals",
];

/// "Emailed three times", "ya he llamado 4 veces", "dreimal angerufen",
/// "written to you three times": a way of getting in touch and a count of
/// times within three words before it or four after.
fn contacted_times(folded: &Folded) -> Option<&'static str> {
    let words: Vec<&str> = folded
        .as_str()
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '-'))
        .filter(|w| !w.is_empty())
        .collect();
    words.iter().enumerate().find_map(|(i, w)| {
        let verb = CONTACTED.iter().find(|v| *v == w)?;
        let near = &words[i.saturating_sub(3)..(i + 5).min(words.len())];
        near.iter().any(|n| TIMES.contains(n)).then_some(*verb)
    })
}

/// A repeat contact in the labelling guide's sense: the customer says they
/// asked before ([`asked_before`]) or counts how long they have waited
/// ([`waited`]).
pub fn repeat_contact(folded: &Folded, negative: bool) -> Option<String> {
    asked_before(folded, negative)
        .map(str::to_owned)
        .or_else(|| waited(folded))
}

/// The words saying money was taken twice.
pub fn double_charge(folded: &Folded) -> Option<(&'static str, &'static str)> {
    let twice = folded.find(TWICE)?;
    let money = folded.find(MONEY_TAKEN).filter(|_| money_taken(folded))?;
    Some((twice, money))
}

/// [`FRAUD`] words that only name the crime ("your fraud team", "a
/// phishing text"): they say nothing was taken when the customer says they
/// did not fall for it ([`RESISTED`]).
const CRIME_NAMES: &[&str] = &[
    "fraud",
    "fraudulent",
    "phishing",
    "fraude",
    "hameconnage",
    "betrug",
];

/// A customer who did not fall for a scam: nothing was taken.
const RESISTED: &[&str] = &[
    "didn't give",
    "did not give",
    "didnt give",
    "didn't click",
    "did not click",
    "didnt click",
    "didn't reply",
    "didn't fall for",
    "hung up",
    "ignored it",
    "deleted it",
    "n'ai rien donne",
    "je n'ai pas clique",
    "j'ai raccroche",
    "no les di",
    "no he dado",
    "no hice clic",
    "colgue",
    "nicht angeklickt",
    "aufgelegt",
    "nichts angegeben",
    "nichts gegeben",
];

/// The words saying someone else took money or access. The crime's name
/// alone does not, when the customer did not fall for it ("someone rang
/// from your 'fraud team' asking for my password, I hung up").
pub fn fraud(folded: &Folded) -> Option<&'static str> {
    let resisted = folded.find(RESISTED).is_some();
    // "Device not recognised" is the customer's new phone, not a stranger's
    // payment (an "unrecognised device" signing in still is).
    let own_device = folded.find(OWN_DEVICE_UNRECOGNISED).is_some();
    let other_meaning = |words: &str| {
        (resisted && CRIME_NAMES.contains(&words))
            || (own_device && words.starts_with("not recogni"))
    };
    FRAUD
        .iter()
        .copied()
        .find(|words| {
            !other_meaning(words) && folded.contains(words) && !done_without(folded, words)
        })
        .or_else(|| never_agreed_to_a_charge(folded))
}

/// Words before a step that say it is avoided, folded: "sans faire
/// opposition" pauses a card the customer still has.
const AVOIDING: &[&str] = &["sans", "without", "ohne"];

/// Whether `words` come only after a word that avoids them ([`AVOIDING`]).
fn done_without(folded: &Folded, words: &str) -> bool {
    let text = folded.as_str();
    let all = text.matches(words).count();
    let avoided: usize = AVOIDING
        .iter()
        .map(|w| text.matches(&format!("{w} {words}")).count())
        .sum();
    avoided == all
}

/// Saying one never agreed to something: fraud when money is taken for it
/// ("£14.99 every month to STREAMFLIX that I never signed up for"), not
/// when it is a newsletter.
const NEVER_AGREED: &[&str] = &[
    "never signed up",
    "didn't sign up",
    "did not sign up",
    "never subscribed",
    "didn't subscribe",
    "did not subscribe",
    "never authorised",
    "never authorized",
    "didn't authorise",
    "didn't authorize",
    "did not authorise",
    "did not authorize",
    "never agreed to",
    "nunca me suscribi",
    "nunca me di de alta",
    "no me suscribi",
    "jamais abonne",
    "jamais souscrit",
    "jamais inscrit",
    "nie abonniert",
    "nie angemeldet",
    // Money for a name the customer does not know ("3 payments to some
    // site called ZYNQ*GAMES, never heard of it").
    "never heard of",
    "nunca he oido",
    "ni idea de que es",
    "jamais entendu parler",
    "nie gehort",
    "die ich nicht kenne",
    "den ich nicht kenne",
    "kenne ich nicht",
    "nie was bestellt",
    "nie etwas bestellt",
    // Money taken by a company the customer has no dealings with ("je
    // suis même pas cliente chez vous, j'ai jamais rien signé").
    "not even a customer",
    "not a customer of yours",
    "never been a customer",
    "never signed anything",
    "meme pas client",
    "meme pas cliente",
    "jamais ete client",
    "jamais ete cliente",
    "jamais rien signe",
    "no soy cliente",
    "nunca he sido cliente",
    "nunca firme nada",
    "kein kunde",
    "keine kundin",
    "nie kunde",
    "nie kundin",
    "nie etwas unterschrieben",
    "don't have a policy with you",
    "don't have an account with you",
    "never taken out",
    "gar keinen vertrag",
    "keinen vertrag bei ihnen",
    "nie eine versicherung",
    "no tengo contrato",
    "no tengo ninguna poliza",
    "aucun contrat chez vous",
    "kein konto bei euch",
    "kein konto bei ihnen",
    "gar kein konto",
    "no tengo cuenta con",
    "no tengo cuenta en",
    "pas de compte chez vous",
    "jamais eu de compte",
    "never had an account",
    "don't even have an account",
    "dont have an account with you",
    "do not have an account with you",
];

/// A [`NEVER_AGREED`] phrase around money taken.
fn never_agreed_to_a_charge(folded: &Folded) -> Option<&'static str> {
    let said = NEVER_AGREED.iter().copied().find(|p| folded.contains(p))?;
    (names_an_amount(folded) || folded.find(MONEY_TAKEN).is_some()).then_some(said)
}

/// Whether a word of `folded` is an amount with its currency sign (`£250`,
/// `14,99€`).
fn names_an_amount(folded: &Folded) -> bool {
    let words: Vec<&str> = folded.as_str().split_whitespace().collect();
    let digits = |w: &str| w.contains(|c: char| c.is_ascii_digit());
    let currency = |w: &str| w.contains(['£', '€', '$']);
    words.iter().any(|&w| currency(w) && digits(w))
        // The sign as a word of its own after the figure: "je 11,99 €".
        || words.windows(2).any(|pair| digits(pair[0]) && currency(pair[1]))
}

/// The customer's own device that the app does not recognise (folded).
const OWN_DEVICE_UNRECOGNISED: &[&str] = &[
    "device not recognised",
    "device not recognized",
    "device is not recognised",
    "device is not recognized",
    "device isn't recognised",
    "device isn't recognized",
    "phone not recognised",
    "phone not recognized",
    "phone is not recognised",
    "phone is not recognized",
    "phone isn't recognised",
    "phone isn't recognized",
    "fingerprint not recognised",
    "fingerprint not recognized",
    "fingerprint is not recognised",
    "fingerprint is not recognized",
    "fingerprint isn't recognised",
    "fingerprint isn't recognized",
    "face not recognised",
    "face not recognized",
    "face is not recognised",
    "face is not recognized",
    "face isn't recognised",
    "face isn't recognized",
];

/// Cancelling wording that says nothing about leaving when what is
/// cancelled is an order ("cancel my order", "annuler ma commande").
const CANCEL_WORDING: &[&str] = &[
    "cancel my",
    "cancelling my",
    "canceling my",
    "cancelar mi",
    "annuler mon",
    "we will cancel",
    "we'll cancel",
    "i will cancel",
    "i'll cancel",
    "going to cancel",
    "gonna cancel",
    "vamos a cancelar",
    "voy a cancelar",
    "je vais annuler",
    "on va annuler",
    "nous allons annuler",
];

/// Words naming an order (folded).
const ORDER: &[&str] = &[
    "order",
    "orders",
    "pedido",
    "commande",
    "bestellung",
    "auftrag",
];

/// The words saying the customer is leaving. Cancelling an order is not
/// leaving: a customer who fixes a wrong size is still a customer.
pub fn churn(folded: &Folded) -> Option<&'static str> {
    let mailing = has_word(folded, MAILINGS);
    // Words that say something else here: cancelling an order, ending a
    // mailing, "can't move to".
    let other_meaning = |w: &str| {
        (CANCEL_WORDING.contains(&w) && cancels_no_relationship(folded))
            || (mailing && UNSUBSCRIBING.contains(&w))
            || (w.starts_with("mov") && has_word(folded, HOME_MOVE))
            || (w.starts_with("switch") && folded.find(IN_THE_APP).is_some())
            || only_negated(folded.as_str(), w)
            || only_to_us(folded.as_str(), w)
            || asks_the_terms(folded)
    };
    CHURN
        .iter()
        .copied()
        .find(|w| folded.contains(w) && !other_meaning(w))
}

/// Words that, just before a phrase, deny it: "we can't move to cloud" is
/// no plan to leave.
const NEGATORS: &[&str] = &[
    "can't", "cant", "cannot", "won't", "wont", "not", "don't", "dont", "never", "no",
];

/// Whether every occurrence of `phrase` in `text` directly follows one of
/// [`NEGATORS`] ("not happy, moving to GitLab" still leaves).
fn only_negated(text: &str, phrase: &str) -> bool {
    every_occurrence(text, phrase, |before, _| {
        words(before)
            .next_back()
            .is_some_and(|w| NEGATORS.contains(&w))
    })
}

/// Whether every occurrence of `phrase` in `text` is followed by the brand
/// ("since the switch to you lot", "moving to you from Barclays"): a
/// customer who came to the brand is not leaving it.
fn only_to_us(text: &str, phrase: &str) -> bool {
    every_occurrence(text, phrase, |_, after| {
        words(after)
            .next()
            .is_some_and(|w| ["you", "y'all", "yall"].contains(&w))
    })
}

/// Words of outrage that also boost the word after them.
const OUTRAGE_OR_BOOSTER: &[&str] = &["unglaublich", "unbelievable", "unfassbar"];

/// Whether `word` is an [`OUTRAGE_OR_BOOSTER`] word and praise follows it
/// wherever it occurs ("das Personal unglaublich aufmerksam").
fn boosts_praise(text: &str, word: &str) -> bool {
    OUTRAGE_OR_BOOSTER.contains(&word)
        && every_occurrence(text, word, |_, after| {
            words(after)
                .next()
                .is_some_and(|next| has_word(&Folded::new(next), super::rules::PRAISING))
        })
}

/// Whether `phrase` occurs in `text` and every occurrence passes `test`,
/// given the text before it and the text after it.
fn every_occurrence(text: &str, phrase: &str, test: impl Fn(&str, &str) -> bool) -> bool {
    let mut found = false;
    for (at, _) in text.match_indices(phrase) {
        found = true;
        if !test(&text[..at], &text[at + phrase.len()..]) {
            return false;
        }
    }
    found
}

/// The words of `text` (letters, digits and apostrophes), in order.
fn words(text: &str) -> impl DoubleEndedIterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
}

/// [`CHURN`] words that also end a mailing.
const UNSUBSCRIBING: &[&str] = &["unsubscribe", "darme de baja", "dar de baja"];

/// Mailings: unsubscribing from one is not leaving ("pls unsubscribe me
/// from your marketing emails").
const MAILINGS: &[&str] = &[
    "email*",
    "e-mail*",
    "newsletter*",
    "marketing",
    "mailing*",
    "promo*",
    "texts",
    "correos",
    "boletin",
    "publicidad",
    "mails",
    "werbung",
];

/// What a customer leaving cancels: naming one makes a cancelled order or
/// card a departure after all.
const RELATIONSHIP: &[&str] = &["subscription", "plan", "account", "abo*"];

/// Whether what the customer cancels is an order rather than a plan or an
/// account.
pub fn cancels_an_order(folded: &Folded) -> bool {
    has_word(folded, ORDER) && !has_word(folded, RELATIONSHIP)
}

/// Payment cards (folded).
const CARD: &[&str] = &["card", "cards", "tarjeta", "carte", "karte", "bankkarte"];

/// What happens to a card that is cancelled and replaced (folded).
const CARD_GONE: &[&str] = &[
    "lost",
    "stolen",
    "new one",
    "replacement",
    "replace",
    "perdi",
    "perdida",
    "robada",
    "robaron",
    "perdu",
    "perdue",
    "vole",
    "volee",
    "verloren",
    "gestohlen",
    "geklaut",
];

/// Whether what the customer cancels is a lost or stolen card, to be
/// blocked and replaced ("lost my card on the bus, can you cancel it and
/// send a new one"), rather than a plan or an account: no departure.
pub fn cancels_a_card(folded: &Folded) -> bool {
    has_word(folded, CARD) && has_word(folded, CARD_GONE) && !has_word(folded, RELATIONSHIP)
}

/// One payment, which a customer (or a scammer) may cancel without ending
/// anything: prefixes of folded words.
const PAYMENT: &[&str] = &[
    "payment",
    "transaction",
    "transfer",
    "debit",
    "pago",
    "transferencia",
    "domiciliacion",
    "paiement",
    "virement",
    "prelevement",
    "zahlung",
    "uberweisung",
    "lastschrift",
    "dauerauftrag",
];

/// Prefixes of the folded words that cancel.
const CANCELS: &[&str] = &["cancel", "anul", "annul", "storn"];

/// Whether what is cancelled is one payment, named within three words of
/// the cancelling with no plan or account among them ("asked for my PIN to
/// cancel a payment", "can I cancel my transfer to the wrong account",
/// "annuler un virement"): no departure. "I'll cancel my plan, the payment
/// page is broken" still leaves.
pub fn cancels_a_payment(folded: &Folded) -> bool {
    let words: Vec<&str> = folded
        .as_str()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let starts = |word: &str, prefixes: &[&str]| prefixes.iter().any(|p| word.starts_with(p));
    let relationship = |word: &str| {
        RELATIONSHIP
            .iter()
            .any(|r| word == *r || r.strip_suffix('*').is_some_and(|p| word.starts_with(p)))
    };
    words.iter().enumerate().any(|(at, word)| {
        let object = || {
            words[at + 1..]
                .iter()
                .take(3)
                .take_while(|w| !relationship(w))
        };
        starts(word, CANCELS) && object().any(|next| starts(next, PAYMENT))
    })
}

/// Cancelling told as done, folded: "CANCELLED WITH 20 MINS NOTICE", "mi
/// vuelo fue cancelado", "le train est annulé", "Zug storniert".
const CANCELLED: &[&str] = &[
    "cancelled",
    "canceled",
    "cancelado",
    "cancelada",
    "cancelados",
    "canceladas",
    "anulado",
    "anulada",
    "annule",
    "annulee",
    "annules",
    "annulees",
    "storniert",
];

/// Whether every cancelling in the text is told as done ([`CANCELLED`]):
/// a ferry cancelled on the customer, or an order cancelled before a
/// charge came anyway, is a complaint or a billing matter, not a customer
/// asking to cancel.
pub fn only_cancelled(folded: &Folded) -> bool {
    let mut done = false;
    for word in folded
        .as_str()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| CANCELS.iter().any(|c| w.starts_with(c)))
    {
        if !CANCELLED.contains(&word) {
            return false;
        }
        done = true;
    }
    done
}

/// Words that keep what follows from happening: "without cancelling".
const WITHOUT: &[&str] = &["without", "sin", "sans", "ohne"];

/// "Or", in the four languages.
const OR: &[&str] = &["or", "o", "ou", "oder"];

/// Words of having to, after "or": "or do I have to cancel?", "o tengo
/// que cancelar?", "ou je dois résilier ?", "oder muss ich kündigen?".
const HAVE_TO: &[&str] = &[
    "do", "must", "should", "have", "need", "tengo", "debo", "hay", "dois", "faut", "muss", "soll",
    "sollte",
];

/// Whether every cancelling in the text is one the customer wants to avoid
/// ("can I move my stay to another weekend without cancelling and
/// rebooking?", "put it on hold without cancelling the whole thing") or
/// the last resort after what they ask for ("can I put my membership on
/// hold or do I have to cancel?"): no departure.
pub fn cancels_nothing(folded: &Folded) -> bool {
    let words: Vec<&str> = folded
        .as_str()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let cancels = |word: &&str| CANCELS.iter().any(|c| word.starts_with(c));
    let avoided = |at: usize| {
        let before = &words[at.saturating_sub(2)..at];
        let asked_first = words[at.saturating_sub(5)..at]
            .iter()
            .position(|w| OR.contains(w))
            .map(|or| &words[at.saturating_sub(5) + or + 1..at])
            .is_some_and(|between| between.iter().any(|w| HAVE_TO.contains(w)));
        before.iter().any(|w| WITHOUT.contains(w)) || asked_first
    };
    let mut found = false;
    for (at, _) in words.iter().enumerate().filter(|(_, w)| cancels(w)) {
        found = true;
        if !avoided(at) {
            return false;
        }
    }
    found
}

/// Money the customer sent or paid: a transfer, a bill, rent or a salary.
const MONEY_SENT: &[&str] = &[
    "transfer*",
    "bill",
    "bills",
    "rent",
    "salary",
    "wage*",
    "wire",
    "direct debit",
    "standing order",
    "bank payment",
    "virement*",
    "prelevement*",
    "transferencia*",
    "giro",
    "recibo",
    "uberweis*",
    "gehalt",
    "dauerauftrag",
    "lastschrift",
];

/// Things that travel by post or courier, a new card among them.
const PARCEL: &[&str] = &[
    "order*",
    "parcel*",
    "package*",
    "deliver*",
    "tracking",
    "courier",
    "shipp*",
    "shipment",
    "card",
    "pedido*",
    "paquete*",
    "envio",
    "tarjeta",
    "commande*",
    "colis",
    "livraison",
    "carte",
    "bestellung*",
    "paket*",
    "lieferung",
    "karte",
];

/// Names of what a bill is made of, folded word beginnings: with money
/// taken ([`MONEY_TAKEN`]) or an amount, a message about a charge.
const BILL_WORDS: &[&str] = &[
    "invoice*",
    "bill",
    "billing",
    "bills",
    "fee",
    "fees",
    "factur*",
    "comision*",
    "cuota*",
    "frais",
    "rechnung*",
    "gebuhr*",
    "declined",
    "rechazad*",
    "refuse*",
    "abgelehnt",
    "overcharg*",
    "refund*",
];

/// Whether the message is about a charge: money taken ([`MONEY_TAKEN`]), an
/// amount, or a bill's words ([`BILL_WORDS`]). "Can I pay with my watch?"
/// is about none.
pub fn names_a_charge(folded: &Folded) -> bool {
    money_taken(folded) || names_an_amount(folded) || has_word(folded, BILL_WORDS)
}

/// "Charge" that takes no money: a price asked before buying ("how much do
/// you charge to replace a screen?") or a battery ("can I charge my phone
/// on the coach?").
const CHARGE_ELSEWHERE: &[&str] = &[
    "how much do you charge",
    "how much would you charge",
    "how much will you charge",
    "what do you charge",
    "do you charge for",
    "charge my phone",
    "charge my laptop",
    "charge my car",
    "charge the car",
    "charge my ev",
    "charge my battery",
    "charge a phone",
    "charge phones",
    "charge your phone",
    "charge devices",
    "charge my devices",
    "charging my phone",
    "charging point",
    "charging points",
    "charging cable",
    "charging port",
    "charging station",
];

/// Whether a [`MONEY_TAKEN`] word says money was taken, once every
/// "charge" that takes none ([`CHARGE_ELSEWHERE`]) is set aside.
fn money_taken(folded: &Folded) -> bool {
    let Some(first) = folded.find(MONEY_TAKEN) else {
        return false;
    };
    if !first.starts_with("charg") || folded.find(CHARGE_ELSEWHERE).is_none() {
        return true;
    }
    let rest = CHARGE_ELSEWHERE
        .iter()
        .fold(folded.as_str().to_owned(), |rest, p| rest.replace(p, " "));
    Folded::new(&rest).find(MONEY_TAKEN).is_some()
}

/// An order not yet sent, folded: a change to it ("can I swap it for the
/// 3-person one before it ships?") is neither a late parcel nor a broken
/// one.
const BEFORE_IT_SHIPS: &[&str] = &[
    "before it ships",
    "before it's shipped",
    "before it is shipped",
    "before it ships out",
    "before it's sent",
    "before it is sent",
    "before it goes out",
    "before you ship",
    "before you send",
    "before it leaves",
    "hasn't shipped yet",
    "not shipped yet",
    "antes de que se envie",
    "antes de que lo envieis",
    "antes del envio",
    "avant l'expedition",
    "avant qu'elle soit expediee",
    "avant qu'il soit expedie",
    "avant l'envoi",
    "vor dem versand",
    "bevor sie verschickt",
    "bevor ihr sie verschickt",
    "bevor es verschickt",
];

/// What makes a message about an account an `account` matter
/// (LABELLING.md: access and identity, a change of details), folded and
/// matched like [`has_word`]: "can my partner and I open a joint account?"
/// or "how far back can I download statements for my account?" name none
/// and are questions.
const ACCESS: &[&str] = &[
    "log in",
    "login",
    "logged out",
    "logs me out",
    "log me in",
    "sign in",
    "signin",
    "password*",
    "passcode",
    "passkey",
    "2fa",
    "two-factor",
    "two factor",
    "authenticat*",
    "verification",
    "verify",
    "one-time code",
    "otp",
    "sms code",
    "pin",
    "username",
    "locked",
    "lock me out",
    "hacked",
    "compromised",
    "access*",
    "can't get in",
    "cant get in",
    "frozen",
    "blocked",
    "suspended",
    "restricted",
    "disabled",
    "deactivated",
    "email address",
    "my email",
    "address",
    "personal details",
    "my details",
    "phone number",
    "my name",
    "iniciar sesion",
    "contrasena",
    "acceso",
    "acceder",
    "codigo",
    "bloquead*",
    "hackead*",
    "correo",
    "direccion",
    "datos",
    "mot de passe",
    "connexion",
    "connecter",
    "identifiant*",
    "bloque*",
    "pirate*",
    "acces",
    "adresse",
    "coordonnees",
    "code",
    "passwort",
    "kennwort",
    "anmeld*",
    "einlogg*",
    "gesperrt",
    "gehackt",
    "zugang",
    "zugriff",
    "e-mail",
    "email*",
    "mail",
    // Who owns and who may use it.
    "owner*",
    "ownership",
    "admin*",
    "ssh key*",
    "token*",
    "api key*",
    "lock down",
    "lock this down",
    "signed up",
    "sign up",
    "registered",
    "merge",
    "duplicate",
    "two accounts",
    "surname",
    "name on",
    "change my name",
    "device",
    "new phone",
    "sms",
    "handy",
    "gerat",
    "autorisiert",
    "freischalt*",
    "wieder rein",
    "wieder in",
    "telefono nuevo",
    "nouveau telephone",
    "titular",
    "titulaire",
    "inhaber",
    // The account's own numbers and cards, and losing them.
    "details",
    "account number",
    "sort code",
    "iban",
    "lost",
    "stolen",
    "nicked",
    "swallowed",
    "perdid*",
    "robad*",
    "perdu*",
    "vole*",
    "avale*",
    "verloren",
    "gestohlen",
];

/// Whether the message names access or identity ([`ACCESS`]): without
/// it, a question about an account is a question.
pub fn names_access(folded: &Folded) -> bool {
    has_word(folded, ACCESS)
}

/// An item that does not fit its wearer, folded: "too small", "trop
/// petites", "zu groß". Said of what arrived, it asks for another size,
/// not a repair.
const DOES_NOT_FIT: &[&str] = &[
    "too small",
    "too big",
    "too tight",
    "too large",
    "too loose",
    "too narrow",
    "too wide",
    "doesn't fit",
    "doesnt fit",
    "don't fit",
    "dont fit",
    "does not fit",
    "do not fit",
    "wrong size",
    "trop petit",
    "trop petite",
    "trop petits",
    "trop petites",
    "trop grand",
    "trop grande",
    "trop grands",
    "trop grandes",
    "trop serre",
    "trop serree",
    "trop serres",
    "trop serrees",
    "mauvaise taille",
    "mauvaise pointure",
    "demasiado pequeno",
    "demasiado pequena",
    "demasiado pequenos",
    "demasiado pequenas",
    "demasiado grande",
    "demasiado grandes",
    "me queda pequeno",
    "me queda pequena",
    "me quedan pequenos",
    "me quedan pequenas",
    "me queda grande",
    "me quedan grandes",
    "talla equivocada",
    "zu klein",
    "zu gross",
    "zu eng",
    "passt nicht",
    "passen nicht",
    "falsche grosse",
];

/// Whether the customer says an item does not fit ([`DOES_NOT_FIT`]).
pub fn does_not_fit(folded: &Folded) -> bool {
    folded.find(DOES_NOT_FIT).is_some()
}

/// The names of a returns or exchange policy: a question that names one
/// asks what the policy says, whatever parcel or order it mentions.
const POLICY: &[&str] = &[
    "return window",
    "returns window",
    "return policy",
    "returns policy",
    "refund policy",
    "return period",
    "returns period",
    "exchange period",
    "exchange policy",
    "plazo de devolucion",
    "politica de devoluciones",
    "politica de devolucion",
    "delai de retour",
    "politique de retour",
    "politique de retours",
    "ruckgabefrist",
    "umtauschfrist",
    "widerrufsfrist",
];

/// Words of an allergy.
const ALLERGY: &[&str] = &[
    "allerg*",
    "peanut*",
    "nut free",
    "nut-free",
    "gluten",
    "coeliac",
    "celiac",
    "lactose",
    "alergi*",
    "alergen*",
    "arachide*",
    "cacahuete*",
    "erdnuss*",
];

/// Words of a reaction that happened: with one, an allergy is a harm.
const REACTION: &[&str] = &[
    "reaction",
    "reacted",
    "hospital",
    "a&e",
    "ambulance",
    "swelling",
    "swollen",
    "epipen",
    "anaphyla*",
    "urgences",
    "urgencias",
    "notaufnahme",
    "reaccion",
    "reaktion",
];

/// Whether the customer asks about an allergy before anything happened
/// ("does the pad thai have peanuts? my son has a severe nut allergy"): a
/// question, not a safety report.
pub fn asks_about_an_allergy(folded: &Folded) -> bool {
    has_word(folded, ALLERGY) && !has_word(folded, REACTION) && asks(folded.as_str())
}

/// A part missing from what came: "the stove is missing the burner head",
/// "falta la bolsa de las piquetas", "il manque", "es fehlt".
const MISSING_PART: &[&str] = &[
    "is missing the",
    "was missing the",
    "are missing",
    "came without",
    "arrived without",
    "falta la",
    "falta el",
    "faltan",
    "faltaba",
    "il manque",
    "manquait",
    "fehlt der",
    "fehlt die",
    "fehlt das",
    "fehlten",
];

/// Whether the customer says a part is missing from what came
/// ([`MISSING_PART`]): a damaged order, not a late one.
pub fn missing_a_part(folded: &Folded) -> bool {
    folded.find(MISSING_PART).is_some()
}

/// Asking for something of the customer's own to be added ("please add
/// our VAT number to future invoices"): a product is asked to add a
/// feature, not "our" or "my" anything.
const ADDS_THEIR_OWN: &[&str] = &[
    "add our",
    "add my",
    "put our",
    "put my",
    "include our",
    "include my",
    "ajouter notre",
    "ajouter nos",
    "ajouter mon",
    "ajouter ma",
    "anadir nuestro",
    "anadir nuestra",
    "anadir mi",
    "agregar nuestro",
    "agregar nuestra",
    "agregar mi",
];

/// Whether the customer asks to add something of their own
/// ([`ADDS_THEIR_OWN`]) rather than a feature.
pub fn adds_their_own(folded: &Folded) -> bool {
    folded.find(ADDS_THEIR_OWN).is_some()
}

/// The terms of leaving, folded: how long a contract binds and what
/// leaving early costs ("minimum term", "cancel anytime", "sin
/// permanencia", "sans engagement", "monatlich kündbar").
const LEAVING_TERMS: &[&str] = &[
    "without paying",
    "without being charged",
    "without a fee",
    "without charge",
    "free of charge",
    "free cancellation",
    "until when",
    "sin coste",
    "sin cargo",
    "sin pagar",
    "sans frais",
    "gratuitement",
    "kostenlos",
    "kostenfrei",
    "any time",
    "anytime",
    "whenever i want",
    "whenever i like",
    "minimum contract",
    "minimum term",
    "minimum period",
    "contract length",
    "length of the contract",
    "how long is the contract",
    "tied in",
    "tied into",
    "locked in",
    "locked into",
    "notice period",
    "leave early",
    "cancel early",
    "exit fee",
    "early termination",
    "month to month",
    "rolling contract",
    "permanencia",
    "cuando quiera",
    "cuando quieras",
    "en cualquier momento",
    "a tout moment",
    "quand je veux",
    "sans engagement",
    "engagement",
    "preavis",
    "duree du contrat",
    "jederzeit",
    "monatlich",
    "laufzeit",
    "mindestlaufzeit",
    "vertragslaufzeit",
    "kundigungsfrist",
    // What happens if the customer leaves: "if I cancel mid-cycle do I
    // keep access till the end of the period?", "si j'annule moins de 24h
    // avant, est-ce qu'il y a des frais ?".
    "if i cancel",
    "if we cancel",
    "if i leave",
    "si cancelo",
    "si cancelamos",
    "si me doy de baja",
    "si j'annule",
    "si je resilie",
    "wenn ich kundige",
    "falls ich kundige",
    "wenn ich storniere",
    "falls ich storniere",
    // A pause instead of leaving ("can i put my gym on hold or do i have
    // to cancel?", "¿puedo congelar la cuota?").
    // Not "on hold" alone: "been on hold for an hour, can I just cancel?"
    // is a customer leaving.
    "put it on hold",
    "put my membership on hold",
    "put my gym on hold",
    "put my subscription on hold",
    "put my account on hold",
    "put my plan on hold",
    "pause my",
    "pause it",
    "freeze my",
    "freeze it",
    "suspend my",
    "pausar",
    "congelar",
    "en pausa",
    "mettre en pause",
    "suspendre",
    "pausieren",
    "ruhen lassen",
];

/// A decision to leave, folded: asked alongside the terms ("I want to
/// cancel, is there a notice period?"), the customer is leaving.
const DECIDED_TO_LEAVE: &[&str] = &[
    "i want to cancel",
    "i'd like to cancel",
    "id like to cancel",
    "i would like to cancel",
    "please cancel",
    "i want to leave",
    "i'm leaving",
    "im leaving",
    "i've decided",
    "ive decided",
    "quiero cancelar",
    "quiero darme de baja",
    "quiero dar de baja",
    "je veux resilier",
    "je souhaite resilier",
    "je voudrais resilier",
    "ich mochte kundigen",
    "ich will kundigen",
    "ich kundige",
    "bitte kundigen",
    "how do i cancel",
    "how can i cancel",
    "how to cancel",
    "como cancelo",
    "como me doy de baja",
    "comment resilier",
    "wie kundige",
];

/// A wish in the first person, folded: beside a cancelling word it is a
/// decision ("ich möchte meinen Vertrag kündigen", "quiero darme de baja
/// de la cuenta premium"), unless what is wished is to know something.
const WISHING: &[&str] = &[
    "i want to",
    "i'd like to",
    "id like to",
    "i would like to",
    "we want to",
    "we'd like to",
    "ich mochte",
    "ich will",
    "ich werde",
    "wir mochten",
    "wir wollen",
    "quiero",
    "queremos",
    "quisiera",
    "je veux",
    "je voudrais",
    "je souhaite",
    "nous voulons",
    "nous souhaitons",
];

/// A wish denied, folded: "no quiero perderlo" wishes nothing.
const WISH_DENIED: &[&str] = &[
    "don't want to",
    "dont want to",
    "do not want to",
    "wouldn't want to",
    "no quiero",
    "no queremos",
    "je ne veux pas",
    "j'veux pas",
    "je veux pas",
    "ich will nicht",
    "ich mochte nicht",
    "wir wollen nicht",
];

/// Whether `folded` wishes something in the first person ([`WISHING`])
/// other than in a denied wish ([`WISH_DENIED`]: "q pasa con mis perfiles
/// si me doy de baja? … no quiero perderlo" asks what leaving does).
fn wishes_something(folded: &Folded) -> bool {
    if folded.find(WISH_DENIED).is_none() {
        return folded.find(WISHING).is_some();
    }
    Folded::new(&without(folded, WISH_DENIED))
        .find(WISHING)
        .is_some()
}

/// `folded`'s text with every one of `phrases` blanked out, to ask what
/// the rest says.
pub(crate) fn without(folded: &Folded, phrases: &[&str]) -> String {
    phrases
        .iter()
        .fold(folded.as_str().to_owned(), |rest, phrase| {
            rest.replace(phrase, " ")
        })
}

/// Openings of a question about what the terms are, folded: "how long is
/// the contract", "quel est le préavis".
const ASKS_WHAT_TERMS: &[&str] = &[
    "how long",
    "how much notice",
    "what is the",
    "what's the",
    "whats the",
    "wie lange",
    "wie lang",
    // What leaving does: "q pasa con mis perfiles si me doy de baja?".
    "what happens",
    "que pasa",
    "q pasa",
    "que se passe",
    "qu'est-ce qui se passe",
    "was passiert",
    "wie ist die",
    "quel est",
    "quelle est",
    "cual es",
    "de cuanto",
];

/// Wishing to know, folded: "I'd like to know whether I can cancel
/// anytime" asks the terms.
const KNOWING: &[&str] = &["know", "wissen", "saber", "savoir", "find out", "check"];

/// Whether the customer asks what the terms of leaving are ("can I cancel
/// anytime or am I locked in for a year?", "¿hay permanencia?", "Kann ich
/// monatlich kündigen?") or whether a pause would do instead ("can i put
/// my gym on hold or do i have to cancel?"), in a question about whether or what
/// ([`ASKS_WHETHER`], [`ASKS_WHAT_TERMS`]), without deciding or wishing to
/// leave: a question the brand's terms answer, not a customer on the way
/// out.
pub fn asks_the_terms(folded: &Folded) -> bool {
    let wishes = || wishes_something(folded) && !has_word(folded, KNOWING);
    // Cheapest first: most messages name no terms, and triage asks this
    // of every one.
    folded.find(LEAVING_TERMS).is_some()
        && (folded.find(ASKS_WHETHER).is_some() || folded.find(ASKS_WHAT_TERMS).is_some())
        && !decided_to_leave(folded)
        && !wishes()
        && super::rules::asks(folded.as_str())
}

/// Whether `folded` says the customer has decided to leave
/// ([`DECIDED_TO_LEAVE`]) outside the terms it asks about: "wenn ich
/// kündige, was passiert mit den Logs?" holds "ich kündige" only inside
/// a condition.
fn decided_to_leave(folded: &Folded) -> bool {
    folded.find(DECIDED_TO_LEAVE).is_some()
        && Folded::new(&without(folded, LEAVING_TERMS))
            .find(DECIDED_TO_LEAVE)
            .is_some()
}

/// An item not used yet, folded: "never worn, tags still on", "sin
/// estrenar", "jamais porté", "ungetragen".
const UNUSED: &[&str] = &[
    "never worn",
    "never been worn",
    "never used",
    "never been used",
    "not worn",
    "not been worn",
    "not used it",
    "unworn",
    "unused",
    "tags still on",
    "tags on",
    "with the tags",
    "with tags",
    "still in the box",
    "still boxed",
    "unopened",
    "sin usar",
    "sin estrenar",
    "con las etiquetas",
    "con etiquetas",
    "jamais porte",
    "jamais portee",
    "jamais utilise",
    "jamais servi",
    "avec les etiquettes",
    "avec etiquettes",
    "ungetragen",
    "nie getragen",
    "unbenutzt",
    "nie benutzt",
    "originalverpackt",
    "mit etikett",
];

/// Whether the customer says the item is unused ([`UNUSED`]) and tells of
/// no fault besides: "bought a down jacket before new year, never worn,
/// tags still on. am i too late to send it back" asks about a return, not
/// a repair under warranty.
pub fn unused(folded: &Folded) -> bool {
    folded.find(UNUSED).is_some() && !super::tells_a_fault(&without(folded, UNUSED))
}

/// Openings that ask whether something can be done or is offered, folded
/// ("can I cancel…", "is there a minimum term…", "kann ich…", "¿hay…",
/// "est-ce que je peux…").
const ASKS_WHETHER: &[&str] = &[
    "can i",
    "can we",
    "can you",
    "could i",
    "is it possible",
    "is there",
    "are there",
    "do you",
    "does it",
    "does the",
    "does your",
    "will it",
    "will the",
    "kann ich",
    "kann man",
    "konnen wir",
    "gibt es",
    "geht bei euch",
    "geht das",
    "funktioniert die",
    "funktioniert das",
    "puedo",
    "se puede",
    "hay",
    "funciona",
    "je peux",
    "puis-je",
    "peut-on",
    "on peut",
    "est-ce qu'on peut",
    "est-ce que je peux",
    "y a-t-il",
    "est-ce possible",
    "do i have to",
    "do i need to",
    "do i keep",
    "do i lose",
    "do i still",
    "will i",
    "est-ce qu'il y a",
    "me devolveis",
    "tengo que",
    "dois-je",
    "est-ce que je dois",
    "muss ich",
];

/// Asking whether the customer can do something, or whether the product
/// works with something, folded ("can I use…", "does the app work on an
/// iPad", "kann man…", "¿se puede…", "est-ce que je peux…"). Not "is
/// there a way to…" or "can you…": those often ask for a fix.
const ASKS_WHAT_IT_DOES: &[&str] = &[
    "can i",
    "can we",
    "could i",
    "could we",
    "is it possible",
    "work on",
    "work with",
    "works with",
    "compatible",
    "kann ich",
    "kann man",
    "konnen wir",
    "funktioniert mit",
    "puedo",
    "podemos",
    "se puede",
    "funciona con",
    "je peux",
    "puis-je",
    "peut-on",
    "on peut",
    "est-ce possible",
    "marche avec",
    "fonctionne avec",
];

/// Whether the message asks what the customer can do or what the product
/// works with ([`ASKS_WHAT_IT_DOES`]) and tells of nothing going wrong
/// ([`super::tells_a_fault`]): "can I use my phone as a hotspot?" asks
/// what the product does, it reports no malfunction.
pub fn asks_whether_it_can(folded: &Folded) -> bool {
    folded.find(ASKS_WHAT_IT_DOES).is_some()
        && super::rules::asks(folded.as_str())
        && !super::tells_a_fault(folded.as_str())
}

/// Whether something will fit through a door or up the stairs, folded:
/// asked before it comes, a question of measurements.
const FITS_THROUGH: &[&str] = &[
    "fit through",
    "fit up",
    "fit in my",
    "get up my stairs",
    "get up the stairs",
    "through the door",
    "through a door",
    "through my door",
    "passe par la porte",
    "passer par la porte",
    "pasa por la puerta",
    "cabe por la puerta",
    "durch die tur",
    "passt durch",
];

/// Whether the customer asks whether something will fit through a door or
/// up the stairs ([`FITS_THROUGH`]): "will the 3 seater fit through a 70cm
/// door? worried it won't get up my stairs" is a question of measurements,
/// no malfunction.
pub fn asks_whether_it_fits(folded: &Folded) -> bool {
    folded.find(FITS_THROUGH).is_some() && super::rules::asks(folded.as_str())
}

/// Closing an account, folded, in en/es/fr/de.
const CLOSES_THE_ACCOUNT: &[&str] = &[
    "close my account",
    "closing my account",
    "close the account",
    "konto schliessen",
    "konto auflosen",
    "konto kundigen",
    "fermer mon compte",
    "cloturer mon compte",
    "cerrar mi cuenta",
    "cerrar la cuenta",
    "delete my account",
    "supprimer mon compte",
    "eliminar mi cuenta",
    "borrar mi cuenta",
    "konto loschen",
];

/// Whether the customer closes their account ([`CLOSES_THE_ACCOUNT`]).
pub fn closes_the_account(folded: &Folded) -> bool {
    folded.find(CLOSES_THE_ACCOUNT).is_some()
}

/// Whether the message names a returns or exchange policy ([`POLICY`]).
pub fn names_a_policy(folded: &Folded) -> bool {
    folded.find(POLICY).is_some()
}

/// Whether the message is about an order before it is sent
/// ([`BEFORE_IT_SHIPS`]).
pub fn before_it_ships(folded: &Folded) -> bool {
    folded.find(BEFORE_IT_SHIPS).is_some()
}

/// Whether the customer waits for money to arrive ("I paid my electricity
/// bill at 6pm on Friday, when will it arrive?", "sent £250 to my landlord
/// and it hasn't arrived"), not a parcel or a new card: a question of
/// transfer times, not a delivery.
pub fn money_on_its_way(folded: &Folded) -> bool {
    (has_word(folded, MONEY_SENT) || names_an_amount(folded)) && !has_word(folded, PARCEL)
}

/// Whether what the customer cancels is something other than the
/// relationship: an order, a lost card or one payment.
pub fn cancels_no_relationship(folded: &Folded) -> bool {
    cancels_an_order(folded) || cancels_a_card(folded) || cancels_a_payment(folded)
}

/// Things that arrive in the brand's name: a customer asking whether one
/// is genuine may be the target of a scam.
const IN_OUR_NAME: &[&str] = &[
    "text",
    "texts",
    "texting",
    "sms",
    "email",
    "emails",
    "e-mail",
    "call",
    "calls",
    "calling",
    "caller",
    "called",
    "phoned",
    "rang",
    "voicemail",
    "whatsapp",
    "link",
    "message",
    "letter",
    "mensaje",
    "llamada",
    "correo",
    "enlace",
    "appel",
    "courriel",
    "lien",
    "anruf",
    "nachricht",
    "mail",
];

/// "Is this normal?": a check whether a message is genuine only when the
/// message asked for a secret ([`SECRETS`]); otherwise a customer asking
/// about delays ("no confirmation email yet, is this normal?").
const NORMAL: &[&str] = &[
    "is this normal",
    "is that normal",
    "should i be worried",
    "should i worry",
    "debo preocuparme",
    "dois-je m'inquieter",
    "muss ich mir sorgen machen",
    "es normal",
    "c'est normal",
    "est-ce normal",
    "ist das normal",
];

/// What a scam asks for.
const SECRETS: &[&str] = &[
    "pin",
    "code",
    "passcode",
    "password",
    "one-time",
    "otp",
    "cvv",
    "card number",
    "card details",
    "codigo",
    "clave",
    "contrasena",
    "numero de tarjeta",
    "mot de passe",
    "numero de carte",
    "passwort",
    "kartennummer",
    "tan",
];

/// A customer checking whether a message, call or link in the brand's name
/// is genuine: the cue words, or none.
pub fn checks_a_suspect_message(folded: &Folded) -> Option<&'static str> {
    let asks = asks_whether_genuine(folded)
        || (folded.find(NORMAL).is_some() && has_word(folded, SECRETS));
    let what = IN_OUR_NAME.iter().find(|w| has_word(folded, &[w]))?;
    asks.then_some(*what)
}

/// The words a person wrote, without links, addresses, @handles, #tags and
/// codes (`UAOJNVKB…` in a URL, `AB12CD` order ids): their capitals are not
/// shouting.
fn prose_words(text: &str) -> impl Iterator<Item = &str> {
    text.split_whitespace()
        .filter(|w| {
            !(w.contains("://") || w.starts_with("www.") || w.contains('@') || w.starts_with('#'))
        })
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| {
            let digits = w.chars().any(|c| c.is_ascii_digit());
            let letters = w.chars().any(char::is_alphabetic);
            w.chars().count() <= 24 && !(digits && letters)
        })
}

/// Whether an upper-case word of at most three letters is no common word
/// of any language the vote knows ("SOC", "NDA", "II" in "a SOC 2 Type II
/// report under NDA"): an abbreviation, not shouting. "NOT", "WHY", "MY"
/// and "WTF" still shout.
fn unknown_abbreviation(word: &str) -> bool {
    word.chars().count() <= 3 && super::language::common_word_mask(&word.to_lowercase()) == 0
}

/// Why the text reads as angry: shouting (not when the customer is
/// pleased: "LOVE IT"), "!!!", words that accuse, or "!!" and words of
/// strong anger with a negative `sentiment`, or a `sentiment` at or below
/// [`FURIOUS`]. A merely strong negative one is not anger: "the zip broke
/// after two weeks. disappointed tbh" reads at −0.8 and is mild
/// disappointment (LABELLING.md). How the customer's state is read
/// (`reading`) rules some of these out.
pub fn anger(text: &str, folded: &Folded, sentiment: f32, reading: Reading) -> Option<String> {
    let alarmed = reading == Reading::Alarmed;
    if sentiment > 0.3 {
        return None;
    }
    let words: Vec<&str> = prose_words(text).collect();
    let shouted: Vec<&str> = words
        .iter()
        .copied()
        // Capitals: scripts without case (Arabic, Chinese) never shout.
        .filter(|w| {
            w.chars().filter(|c| c.is_uppercase()).count() >= 2
                && w.chars().all(|c| !c.is_lowercase())
                && !ACRONYMS.contains(w)
                && !unknown_abbreviation(w)
        })
        .collect();
    let letters: usize = words
        .iter()
        .map(|w| {
            w.chars()
                .filter(|c| c.is_uppercase() || c.is_lowercase())
                .count()
        })
        .sum();
    let upper: usize = words
        .iter()
        .map(|w| w.chars().filter(|c| c.is_uppercase()).count())
        .sum();
    // Laughing or eager, capitals and "!" are excitement; only words of
    // anger are anger.
    let alarmed = alarmed || folded.find(EXCITED).is_some();
    let emphatic = text.contains("!!") || text.contains("??");
    if shouted.len() >= 3
        || shouted.len() >= 2 && emphatic
        || letters >= 10 && upper * 10 >= letters * 7
    {
        let sample: Vec<&str> = shouted.iter().take(3).copied().collect();
        return (!alarmed).then(|| format!("shouting ({})", sample.join(" ")));
    }
    // LABELLING.md: several "!!!" are anger, unless the words are pleased
    // ("thank you!!!").
    if text.contains("!!!") && sentiment <= 0.05 {
        return (!alarmed).then(|| "\"!!!\"".to_owned());
    }
    if let Some(word) = folded.find(ACCUSES) {
        return Some(format!("\"{word}\""));
    }
    if sentiment > -0.05 {
        return None;
    }
    if let Some(word) = ANGER
        .iter()
        .copied()
        .find(|w| folded.contains(w) && !boosts_praise(folded.as_str(), w))
    {
        return Some(format!("\"{word}\""));
    }
    if text.contains("!!") && sentiment <= -0.4 {
        return (!alarmed).then(|| "\"!!\"".to_owned());
    }
    (reading == Reading::Plain && sentiment <= FURIOUS).then(|| format!("sentiment {sentiment:.2}"))
}

/// How a customer's state of mind is read before their words are weighed
/// for anger ([`anger`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// As written.
    Plain,
    /// Checking whether a message in our name is genuine: worried, however
    /// dark the words it quotes ("fraud team", "password"), so a strongly
    /// negative sentiment alone is no anger.
    Worried,
    /// Money or an account taken by someone else, told in alarm ("URGENTE …
    /// POR FAVOR", "650€ au total !!!"): capitals and "!" are fear, and
    /// only words of anger are anger.
    Alarmed,
}

/// Sentiment at or below which the words alone read as anger.
const FURIOUS: f32 = -0.9;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn switching_inside_the_phone_is_not_leaving() {
        assert_eq!(
            churn(&f("the app logs me out every time I switch to another app")),
            None
        );
        assert!(
            churn(&f(
                "I'm done, moving our team to CircleCI at the end of the month"
            ))
            .is_some()
        );
        assert!(churn(&f("we're switching to GitLab next quarter")).is_some());
    }

    #[test]
    fn cancelling_an_order_is_not_leaving() {
        for text in [
            "please cancel my order 5521, wrong size",
            "je veux annuler mon pedido",
            "if it's not here by friday I'll cancel the order",
            "how do I start a chargeback on a restaurant payment?",
        ] {
            assert_eq!(churn(&f(text)), None, "{text}");
        }
        for text in [
            "cancel my plan, we're done",
            "cancel my subscription and order history",
            "fix it today or we will cancel and dispute the charges with our bank",
            "I'll cancel my plan, the payment page is broken again",
            "I am considering moving my accounts elsewhere",
            "third regression this month. seriously considering circleci",
        ] {
            assert!(churn(&f(text)).is_some(), "{text}");
        }
        for text in [
            "someone asked for my PIN to cancel a payment, is this really you?",
            "can I cancel my transfer to the wrong account?",
            "je voudrais annuler mon virement d'hier",
        ] {
            assert!(cancels_a_payment(&f(text)), "{text}");
            assert_eq!(churn(&f(text)), None, "{text}");
        }
        assert!(!cancels_a_payment(&f(
            "cancel my subscription, your payments keep failing"
        )));
    }

    #[test]
    fn money_taken_for_what_was_never_agreed_to_is_fraud() {
        for text in [
            "There's a payment of £14.99 to 'STREAMFLIX' every month that I never signed up for",
            "you keep charging me for a plan I didn't sign up for",
            "me cobran 9,99 € al mes por algo a lo que nunca me suscribí",
        ] {
            assert!(fraud(&f(text)).is_some(), "{text}");
        }
        assert_eq!(
            fraud(&f(
                "I never signed up for your newsletter, stop emailing me"
            )),
            None
        );
    }

    #[test]
    fn money_on_its_way_is_no_parcel() {
        for text in [
            "I paid my electricity bill at 6pm on Friday from the app, when will it actually arrive?",
            "sent £250 to my landlord yesterday and he says it hasn't arrived",
            "mi transferencia de ayer todavía no ha llegado",
            "die Überweisung ist noch nicht angekommen",
        ] {
            assert!(money_on_its_way(&f(text)), "{text}");
        }
        for text in [
            "I paid for my order two weeks ago and it still hasn't arrived",
            "my new card has not arrived yet, it was sent on the 24th",
            "paid £80 for next-day delivery and nothing came",
        ] {
            assert!(!money_on_its_way(&f(text)), "{text}");
        }
        // Going somewhere is not leaving the brand.
        for text in [
            "¿cobráis comisión en cajeros? Me voy a México 2 semanas",
            "me voy a quejar a quien haga falta",
        ] {
            assert_eq!(churn(&f(text)), None, "{text}");
        }
        assert!(churn(&f("me voy a otro banco, estoy harta")).is_some());
    }

    #[test]
    fn a_customer_checking_a_message_in_our_name() {
        for text in [
            "Got a text saying it's from you asking me to confirm a payment. Is this legit?",
            "did you send me this email about my card?",
            "Je viens de recevoir un SMS de votre part me demandant mon code, c'est normal ?",
            "Me llegó un mensaje vuestro pidiendo mi PIN, ¿es normal?",
            "got a text saying it's you asking for my PIN to unblock my card, legit??",
            "Someone phoned me saying they were from your fraud team and asked for my PIN. \
             Is this really you?",
        ] {
            assert!(checks_a_suspect_message(&f(text)).is_some(), "{text}");
        }
        for text in [
            "is this giveaway real?",
            "my text messages from the app are late",
            "still no confirmation email after 2 days, is this normal?",
            "¿Es normal que no me llegue el correo de confirmación?",
        ] {
            assert_eq!(checks_a_suspect_message(&f(text)), None, "{text}");
        }
    }

    fn f(text: &str) -> Folded {
        Folded::new(text)
    }

    #[test]
    fn tables_are_folded() {
        for table in [
            SPAM_STRONG,
            SPAM_WEAK,
            CUSTOMER,
            VERIFYING,
            REPEAT_STRONG,
            REPEAT_WEAK,
            TWICE,
            MONEY_TAKEN,
            MANY,
            FAILING,
            FRAUD,
            CHURN,
            ANGER,
        ] {
            for p in table {
                assert_eq!(super::super::features::fold(p), *p);
            }
        }
    }

    fn brand() -> crate::Brand {
        crate::Brand {
            id: "ledgerbank".into(),
            name: "Ledger Bank".into(),
            own_accounts: vec!["LedgerBank".into(), "care@ledgerbank.example".into()],
        }
    }

    fn author(id: &str, handle: Option<&str>, email: Option<&str>) -> crate::Author {
        crate::Author {
            id: id.into(),
            handle: handle.map(Into::into),
            display_name: None,
            email: email.map(Into::into),
            follower_count: None,
            verified: false,
        }
    }

    #[test]
    fn counted_contacts_are_repeat_contacts() {
        for text in [
            "I've now emailed three times about order AC-77102",
            "ya he llamado 4 veces",
            "je vous ai écrit trois fois",
            "ich habe dreimal angerufen",
        ] {
            assert!(asked_before(&f(text), false).is_some(), "{text}");
        }
        for text in [
            "I tried three times to log in",
            "charged three times",
            "ma carte a été refusée trois fois aujourd'hui",
        ] {
            assert_eq!(asked_before(&f(text), false), None, "{text}");
        }
    }

    #[test]
    fn a_cancelling_told_as_done_asks_to_cancel_nothing() {
        assert!(only_cancelled(&f(
            "CANCELLED WITH 20 MINS NOTICE!!! NO BUS, NO HOTEL, NOTHING!!!"
        )));
        assert!(only_cancelled(&f(
            "mi vuelo fue cancelado y nadie me avisa"
        )));
        assert!(!only_cancelled(&f(
            "my flight was cancelled, so please cancel my hotel too"
        )));
        assert!(!only_cancelled(&f("how do I cancel my plan")));
        assert!(!only_cancelled(&f("where is my parcel")));
    }

    #[test]
    fn a_follow_up_to_our_answer_that_is_still_wrong_is_a_repeat_contact() {
        for text in [
            "Thanks for the reply and the reset steps. Unfortunately it's still doing the same thing",
            "Merci pour votre réponse rapide. Malheureusement la machine fuit toujours",
            "danke für die schnelle Antwort. Leider ist auch die Ersatzlieferung wieder kaputt",
        ] {
            assert!(asked_before(&f(text), false).is_some(), "{text}");
        }
        for text in [
            "Thanks for the reply, that fixed it",
            "the code still says invalid at checkout",
        ] {
            assert_eq!(asked_before(&f(text), false), None, "{text}");
        }
    }

    #[test]
    fn a_question_whether_it_is_genuine_is_a_customer() {
        for text in [
            "is this giveaway real? someone DMed me saying I won",
            "Is that text really from you??",
            "is it a scam or legit",
        ] {
            assert!(asks_if_genuine(&f(text)), "{text}");
        }
        for text in [
            "this is real quality",
            "what is this thing",
            "this is it for you",
        ] {
            assert!(!asks_if_genuine(&f(text)), "{text}");
        }
    }

    #[test]
    fn a_sender_named_like_the_desk_or_selling_something_is_a_cue() {
        let b = brand();
        let fake = author("91", Some("ledgerbank_support_24"), None);
        assert_eq!(sender(&fake, &b).map(|s| s.0), Some(2));
        let fake = author("92", Some("ledger_help_desk"), None);
        assert_eq!(sender(&fake, &b).map(|s| s.0), Some(2));
        let phish = "noreply@ledgerbank-security.co";
        assert_eq!(
            sender(&author(phish, None, Some(phish)), &b).map(|s| s.0),
            Some(2)
        );
        let shady = author("93", Some("hackrecoveryexpert"), None);
        assert_eq!(sender(&shady, &b).map(|s| s.0), Some(2));
        // The brand itself, its colleagues and ordinary customers are not.
        assert_eq!(sender(&author("1", Some("LedgerBank"), None), &b), None);
        let colleague = "support@ledgerbank.example";
        assert_eq!(sender(&author(colleague, None, Some(colleague)), &b), None);
        assert_eq!(
            sender(&author("94", Some("ledgerbank_fan"), None), &b),
            None
        );
        assert_eq!(sender(&author("95", Some("sarah_k_88"), None), &b), None);
        // A word that only holds a promotion word sells nothing.
        assert_eq!(
            sender(&author("96", Some("indiehacker_jo"), None), &b),
            None
        );
    }

    #[test]
    fn promotion_is_spam_but_a_customer_with_a_link_is_not() {
        let t = "🔥 HUGE giveaway 🔥 RT & follow to win a free tent https://bit.ly/x";
        assert!(spam(t, &f(t), 0, None).is_some());
        let t = "@acme my order arrived with a torn tent, photo: https://imgur.com/a/x";
        assert_eq!(spam(t, &f(t), 0, None), None);
        let t = "is the free shipping promo still on?";
        assert_eq!(spam(t, &f(t), 0, None), None);
        // "Free" asked about a service, even with the model's firm spam
        // verdict (two points); the same words as an offer with a link
        // stay spam.
        for t in [
            "hi, is it free to send stuff back?",
            "hi is it free to send things back?",
        ] {
            assert_eq!(spam(t, &f(t), 3, None), None, "{t}");
        }
        let t = "FREE delivery on every order!! click bit.ly/deal";
        assert!(spam(t, &f(t), 2, None).is_some());
        // Adult bait names no product, only the poster's bio.
        let t = "hot pics in my bio 🔥🔥 @AcmeOutdoor";
        assert!(spam(t, &f(t), 3, None).is_some());
        // The model's word on a few words (one point) and a link: not spam.
        let t = "Very long link. This is a very long url http://www.longurlmaker.com/view/?id=UA";
        assert_eq!(spam(t, &f(t), 1, None), None);
        // A customer asking about a promotion or a message in the brand's
        // name is not promoting it.
        for text in [
            "@AcmeOutdoor is this real? says I won a giveaway, click bit.ly/x to claim",
            "Is the 20% off promo still on? the code doesn't work at checkout acme.example/sale",
            "@LedgerBank c'est vous ? un compte me propose un cadeau gratuit en MP",
        ] {
            assert_eq!(spam(text, &f(text), 1, None), None, "{text}");
        }
        let checking =
            "is the 20% off code on insta real or a scam? it says to click bit.ly/acme-deal";
        assert_eq!(spam(checking, &f(checking), 2, None), None, "{checking}");
        let hook = "is this real?? I turned $200 into $5k with @crypto_guru_x, dm him";
        assert!(spam(hook, &f(hook), 3, None).is_some());
        // The model's surest verdict alone does not silence a customer.
        for text in [
            "je n'arrive pas à payer avec ma carte, écrivez-moi en privé",
            "ihr habt mir 50 € abgebucht, bitte per DM melden",
            "no puedo entrar, mi tarjeta está bloqueada",
        ] {
            assert_eq!(spam(text, &f(text), 3, None), None, "{text}");
        }
        for text in [
            "sub4sub?? check my channel",
            "mira mi canal de youtube 🙏",
            "rejoins mon groupe Telegram, 300€/jour",
        ] {
            assert!(spam(text, &f(text), 1, None).is_some(), "{text}");
        }
    }

    #[test]
    fn a_cold_pitch_to_the_brand_is_spam_but_a_business_customer_is_not() {
        for text in [
            "Hi team, I'd love to write a guest post for your blog. In return I'd ask for \
             two dofollow links. Let me know!",
            "We are a leading IT outsourcing company with 300 developers and can build your \
             product at a fraction of the cost. Please let me know a suitable time to connect.",
            "Dear Partner, our fund has paid 10% monthly returns for two years. Reply YES for \
             the prospectus.",
            "Your site is on page 3 for 'hiking boots'. We help shops reach page 1. Open to a \
             quick call next week?",
        ] {
            assert!(spam(text, &f(text), 0, None).is_some(), "{text}");
        }
        for text in [
            "Our team of 40 engineers moves to ForgeKit next month; can we bulk-add seats, and \
             are they billed straight away?",
            "Can we hop on a quick call? My invoice shows the wrong VAT ID and my account is \
             locked.",
            "I'd like to invest some of my savings. What rate do your accounts pay?",
        ] {
            assert_eq!(spam(text, &f(text), 0, None), None, "{text}");
        }
        // A formal letter that the model reads as a pitch: its question
        // about a statement is a customer's.
        let letter = "Dear Sir/Madam,\n\nCould you tell me how far back I can get statements? \
                      I need some from 2019 for probate.\n\nYours faithfully,\nHelen Brown";
        assert_eq!(spam(letter, &f(letter), 2, None), None);
    }

    #[test]
    fn a_failure_for_many_is_an_outage() {
        assert!(widespread(&f("my mate's card got declined too")).is_some());
        assert!(widespread(&f("toute l'équipe se prend des 500")).is_some());
        assert_eq!(widespread(&f("thanks everyone, great trip")), None);
        assert!(widespread(&f("is it just me or is the site timing out")).is_some());
        assert_eq!(
            widespread(&f("not down for me, all our builds run fine too")),
            None
        );
        assert!(widespread(&f("bei uns allen ist die App nicht erreichbar")).is_some());
        assert!(widespread(&f("dashboard is a blank page, my coworkers see the same")).is_some());
        assert!(
            widespread(&f(
                "les pipelines ne démarrent plus, d'autres clients aussi d'après le forum"
            ))
            .is_some()
        );
        assert!(widespread(&f("nadie en la oficina puede entrar, no carga")).is_some());
        assert!(
            widespread(&f(
                "webhooks aren't triggering any builds since 09:10, same everywhere"
            ))
            .is_some()
        );
        assert!(widespread(&f("no builds have run today on any of our projects")).is_some());
        // The customer's own change: their setup, not our outage.
        assert_eq!(
            widespread(&f(
                "after we turned on SSO everyone gets bounced back to the Okta login page"
            )),
            None
        );
        assert!(widespread(&f("since your update everyone gets errors at login")).is_some());
        assert_eq!(
            widespread(&f(
                "my build is stuck in queued, the other projects run fine"
            )),
            None
        );
        // "Too" of a degree and "todos" of things are nobody else.
        assert_eq!(
            widespread(&f(
                "He won't open it until the 25th. If he doesn't like it, will I be too late to bring it back?"
            )),
            None
        );
        assert_eq!(
            widespread(&f(
                "no puedo entrar en la app y tengo ahí todos mis ahorros, la app da error"
            )),
            None
        );
        assert!(
            widespread(&f(
                "the app won't open, my sister's won't either, too late to call?"
            ))
            .is_none()
        );
        assert!(widespread(&f("app won't open for me too. too bad")).is_some());
    }

    #[test]
    fn a_death_in_the_family_is_read_and_a_dead_phone_is_not() {
        for text in [
            "my mum passed away last week, what happens to her account?",
            "My dad died in June and I'm the executor",
            "my dad passed in the spring and I found his old Acme stove",
            "mon père est décédé le mois dernier",
            "mi madre falleció hace dos semanas",
            "mein Vater ist verstorben",
        ] {
            assert!(bereavement(&f(text)).is_some(), "{text}");
        }
        for text in [
            "my phone died and I can't get the code",
            "the stove died on day two",
            "I lost my card at the station",
        ] {
            assert!(bereavement(&f(text)).is_none(), "{text}");
        }
    }

    #[test]
    fn repeat_double_fraud_churn() {
        assert_eq!(
            repeat_contact(&f("This is the THIRD time I ask"), false).as_deref(),
            Some("third time")
        );
        assert_eq!(repeat_contact(&f("thanks again!"), false), None);
        // Paying in several goes is no asking several times.
        assert_eq!(
            repeat_contact(&f("Est-ce qu'on peut payer en plusieurs fois ?"), true),
            None
        );
        assert!(
            repeat_contact(
                &f("j'ai demandé plusieurs fois où en est ma commande"),
                false
            )
            .is_some()
        );
        assert_eq!(
            repeat_contact(&f("I have written to you three times about the fee"), false).as_deref(),
            Some("written")
        );
        assert_eq!(
            repeat_contact(&f("still chasing my refund"), false).as_deref(),
            Some("chasing")
        );
        assert_eq!(
            repeat_contact(
                &f("where do I put our VAT number? finance is chasing me"),
                true
            ),
            None
        );
        assert_eq!(
            repeat_contact(
                &f("@LedgerBank are you lowering savings rates again? got no email about it"),
                true
            ),
            None
        );
        assert!(
            repeat_contact(
                &f("are you serious? the app logged me out again. fix it"),
                true
            )
            .is_some()
        );
        assert!(
            repeat_contact(
                &f("I've rung three times this week about my mortgage application"),
                false
            )
            .is_some()
        );
        assert_eq!(
            repeat_contact(&f("broken again"), true).as_deref(),
            Some("again")
        );
        // Away again is a trip, not a contact; "cancel" avoided is no leaving.
        assert_eq!(
            asked_before(
                &f(
                    "we're at my mum's next week and then away again over christmas and i KNOW i'll forget"
                ),
                true
            ),
            None
        );
        // Forgetting one's towel again is a slip, not a contact.
        assert_eq!(
            asked_before(
                &f("forgot my towel AGAIN 🤦‍♂️ do you lot give them out or do i need to upgrade"),
                true
            ),
            None
        );
        assert_eq!(
            asked_before(&f("lost my card again, and you've charged me again"), true),
            Some("again")
        );
        assert!(cancels_nothing(&f(
            "can i move my stay without cancelling n rebooking?"
        )));
        assert!(cancels_nothing(&f(
            "¿puedo cambiar las fechas sin cancelar?"
        )));
        assert!(!cancels_nothing(&f(
            "cancel my plan please, I don't want it without the discount"
        )));
        assert!(!cancels_nothing(&f("how do I change my address")));
        // The last resort after what is asked.
        assert!(cancels_nothing(&f(
            "Can I put my membership on hold or do I have to cancel?"
        )));
        assert!(cancels_nothing(&f(
            "¿puedo pausar la suscripción o tengo que cancelarla?"
        )));
        assert!(cancels_nothing(&f(
            "je peux décaler ma réservation ou je dois annuler ?"
        )));
        assert!(cancels_nothing(&f(
            "kann ich umbuchen oder muss ich stornieren?"
        )));
        assert!(!cancels_nothing(&f(
            "refund me or cancel my subscription, your choice"
        )));
        assert_eq!(
            waited(&f("It's been 3 weeks now")).as_deref(),
            Some("3 weeks")
        );
        assert_eq!(
            waited(&f("ich warte seit 4 Tagen")).as_deref(),
            Some("4 tagen")
        );
        assert_eq!(waited(&f("the 2 days shipping option")), None);
        // Months of something, and a use of a few days, are no wait.
        assert_eq!(
            waited(&f(
                "our accountant is chasing me for the last 3 months of receipts"
            )),
            None
        );
        assert_eq!(
            waited(&f(
                "Wore them round the house for a few days. Will you still take them back?"
            )),
            None
        );
        assert_eq!(
            waited(&f("been waiting for a few days now")).as_deref(),
            Some("few days")
        );
        // "Can I still…?" asks what is allowed; "still nothing" is a wait.
        assert_eq!(
            waited(&f(
                "I bought them a few weeks ago. Will you still take them back?"
            )),
            None
        );
        // "Still" before the count, of something else, makes no wait.
        assert_eq!(
            waited(&f(
                "Reel was probably still trying to charge the old one. I got an email a few days ago that I didn't read"
            )),
            None
        );
        assert_eq!(
            waited(&f("Ordered 10 days ago. Still nothing.")).as_deref(),
            Some("10 days")
        );
        // A span ahead is no wait.
        assert_eq!(
            waited(&f(
                "surgery soon and I won't be able to do anything in the gym for at least four months"
            )),
            None
        );
        assert_eq!(
            waited(&f("I will have to wait, I've been waiting for 3 weeks")).as_deref(),
            Some("3 weeks")
        );
        // A span asked about ahead is no wait; a wait told beside a
        // question still is.
        assert_eq!(
            waited(&f(
                "can I add a contractor for 2 weeks and then remove them?"
            )),
            None
        );
        assert!(
            waited(&f(
                "can I get an update? ordered 3 weeks ago and still nothing"
            ))
            .is_some()
        );
        assert!(waited(&f("can you check? been waiting for 2 weeks")).is_some());
        // "For" after the count is what it is for, not a wait.
        assert_eq!(
            waited(&f(
                "how do I download statements? need 3 months for a rental"
            )),
            None
        );
        assert!(waited(&f("I've been waiting for 3 weeks for a reply")).is_some());
        // A span of work or a past date is not a wait.
        assert_eq!(
            waited(&f("on a migré depuis Jenkins en deux semaines")),
            None
        );
        assert_eq!(waited(&f("compré una carpa hace 2 semanas")), None);
        // A past date is a wait once the thing is still not done.
        assert_eq!(
            waited(&f("ordered a tent 2 weeks ago, still not dispatched")).as_deref(),
            Some("2 weeks")
        );
        assert_eq!(waited(&f("ordered a tent 2 weeks ago, love it")), None);
        assert_eq!(
            waited(&f("card came but the PIN letter didn't. been a week now")).as_deref(),
            Some("a week")
        );
        assert_eq!(waited(&f("used it for a week in the Alps, love it")), None);
        assert_eq!(waited(&f("l'appli est à jour depuis hier")), None);
        // A rate, a span the customer tells and a stay are no wait.
        assert_eq!(
            waited(&f("you're now taking £142 a month instead of £96")),
            None
        );
        assert_eq!(waited(&f("5 € pro Monat mehr, warum?")), None);
        assert_eq!(
            waited(&f(
                "charged for the 2 weeks we were in spain and the house was empty??"
            )),
            None
        );
        assert_eq!(
            waited(&f(
                "we're here for two weeks, does someone come in to clean every day?"
            )),
            None
        );
        assert!(
            waited(&f(
                "been here for two days and nobody has fixed the heating"
            ))
            .is_some()
        );
        // A trip ahead is no wait.
        assert_eq!(
            waited(&f("Off travelling round Asia for 6 months from next week")),
            None
        );
        assert_eq!(
            waited(&f(
                "heading to Thailand for 2 months next week, do I need to tell you?"
            )),
            None
        );
        assert_eq!(
            waited(&f("I'm away for 3 weeks, still waiting for my new card")).as_deref(),
            Some("3 weeks")
        );
        assert!(asked_before(&f("I was told it would be fixed in 24 hours"), false).is_some());
        assert!(asked_before(&f("I keep asking and nobody answers"), false).is_some());
        assert_eq!(
            asked_before(
                &f("Some texts keep asking me to confirm my PIN, is that you?"),
                false
            ),
            None
        );
        // How long a fault lasts is no wait on the brand, unless they say so.
        assert_eq!(
            waited(&f("My stove has been useless for 3 days of our trip")),
            None
        );
        assert_eq!(waited(&f("die Lampe ist kaputt seit 2 Wochen")), None);
        assert_eq!(
            waited(&f("broken for 2 weeks and nobody has replied")).as_deref(),
            Some("2 weeks")
        );
        assert_eq!(
            cannot_pay(&f("me han bloqueado la tarjeta, no puedo pagar el hotel")),
            Some("no puedo pagar")
        );
        assert_eq!(
            waited(&f("hace 2 semanas que espero el reembolso")).as_deref(),
            Some("2 semanas")
        );
        assert!(repeat_contact(&f("je vous ai déjà écrit la semaine dernière"), false).is_some());
        assert!(
            repeat_contact(
                &f("mon virement n'est toujours pas arrivé après 4 jours"),
                false
            )
            .is_some()
        );
        assert_eq!(
            repeat_contact(&f("after 3 days of rain the tent leaked"), false),
            None
        );
        assert!(repeat_contact(&f("immer noch keine Rückmeldung, seit Wochen"), false).is_some());
        assert!(repeat_contact(&f("nadie me ha contestado"), false).is_some());
        assert!(
            repeat_contact(&f("Ça fait 3 fois que j'appelle pour la même chose"), false).is_some()
        );
        assert!(double_charge(&f("I see two identical payments of £40")).is_some());
        assert!(double_charge(&f("deux prélèvements le même jour")).is_some());
        assert!(double_charge(&f("j'ai été débitée deux fois pour le même achat")).is_some());
        assert!(double_charge(&f("zwei Abbuchungen für denselben Monat")).is_some());
        assert!(fraud(&f("a purchase made without my permission")).is_some());
        assert!(
            fraud(&f(
                "3 invoices paid off our company card to a workspace we dont own"
            ))
            .is_some()
        );
        assert!(
            fraud(&f(
                "alguien está pidiendo con mi cuenta, 5 pedidos en Madrid"
            ))
            .is_some()
        );
        assert!(
            fraud(&f(
                "someone has taken £900 out overnight, I've still got my card"
            ))
            .is_some()
        );
        assert!(fraud(&f("there's a token on my account I never created")).is_some());
        assert!(fraud(&f("la carte est en opposition, quand serai-je remboursé ?")).is_some());
        assert!(
            cannot_pay(&f(
                "quand est-ce que je serai remboursé ? c'est mon loyer ça"
            ))
            .is_some()
        );
        assert!(
            cannot_pay(&f(
                "the payment to my landlord hasn't arrived, rent is due today"
            ))
            .is_some()
        );
        assert!(
            fraud(&f(
                "card got nicked on the tube, someone's already tapped it"
            ))
            .is_some()
        );
        assert!(fraud(&f("je ne suis pas à l'origine de ce paiement")).is_some());
        assert!(fraud(&f("compra que no hice en Madrid")).is_some());
        assert!(fraud(&f("Abbuchung nicht von mir")).is_some());
        assert_eq!(
            fraud(&f("I used my card abroad and the rate was bad")),
            None
        );
        assert_eq!(
            fraud(&f(
                "someone rang from your 'fraud team' asking for my password, I hung up"
            )),
            None
        );
        assert_eq!(
            fraud(&f(
                "got a phishing text, didn't click it, but there's a payment I don't recognise"
            )),
            Some("don't recognise")
        );
        assert!(double_charge(&f("you charged my card twice")).is_some());
        assert!(double_charge(&f("me han cobrado dos veces")).is_some());
        assert_eq!(
            fraud(&f("a payment I don't recognize")),
            Some("don't recognize")
        );
        assert_eq!(churn(&f("Ich will kündigen")), Some("kundigen"));
        assert_eq!(
            churn(&f("pls unsubscribe me from your marketing emails")),
            None
        );
        assert!(churn(&f("unsubscribe me, I'm closing my account")).is_some());
        assert_eq!(
            churn(&f("please add Bitbucket Server, we can't move to cloud")),
            None
        );
        assert!(churn(&f("we can't stay, we'll move to GitLab")).is_some());
        assert!(churn(&f("not happy, moving to GitLab")).is_some());
    }

    #[test]
    fn abbreviations_are_not_shouting_and_short_words_still_are() {
        let t = "Hello, Do you have a SOC 2 Type II report we can review before we sign? Happy to sign an NDA.";
        assert!(anger(t, &f(t), -0.1, Reading::Plain).is_none(), "{t}");
        let t = "why is my card NOT working, WHY, fix it NOW";
        assert!(anger(t, &f(t), -0.4, Reading::Plain).is_some(), "{t}");
    }

    #[test]
    fn moving_house_is_no_churn() {
        assert!(
            churn(&f(
                "I am moving to a new address next month. How do I update it?"
            ))
            .is_none()
        );
        assert!(churn(&f("not happy, moving to GitLab next month")).is_some());
    }

    #[test]
    fn coming_to_the_brand_is_no_churn() {
        assert!(
            churn(&f(
                "zero issues since the switch to you lot, so much faster"
            ))
            .is_none()
        );
        assert!(churn(&f("moving to you from Barclays was painless")).is_none());
        assert!(
            churn(&f(
                "I moved to you last year and now I'm switching to Monzo"
            ))
            .is_some()
        );
    }

    #[test]
    fn anger_needs_a_negative_feeling() {
        let t = "WHERE IS MY ORDER";
        assert!(anger(t, &f(t), -0.3, Reading::Plain).is_some());
        assert!(anger("WOW LOVE IT", &f("WOW LOVE IT"), 0.8, Reading::Plain).is_none());
        assert!(
            anger(
                "the API and SSO via SAML",
                &f("the API and SSO via SAML"),
                0.0,
                Reading::Plain
            )
            .is_none()
        );
        assert!(
            anger(
                "this is ridiculous",
                &f("this is ridiculous"),
                -0.4,
                Reading::Plain
            )
            .is_some()
        );
        assert!(
            anger(
                "vous m'avez prélevé 2 fois !!!",
                &f("vous m'avez prélevé 2 fois !!!"),
                0.0,
                Reading::Plain
            )
            .is_some()
        );
        assert_eq!(
            anger(
                "thank you so much!!!",
                &f("thank you so much!!!"),
                0.6,
                Reading::Plain
            ),
            None
        );
        assert!(
            anger(
                "je suis furieux",
                &f("je suis furieux"),
                -0.4,
                Reading::Plain
            )
            .is_some()
        );
        // Theft said of the brand is anger in any words around it. Two
        // capitalised words alone are not shouting: "RT … USA".
        let t = "you billed us for 40 seats after we removed 25. this is straight up theft";
        assert!(anger(t, &f(t), 0.0, Reading::Plain).is_some());
        let t = "RT @news: the USA deal is off";
        assert_eq!(anger(t, &f(t), -0.4, Reading::Plain), None);
        assert_eq!(
            anger(
                "my card was stolen, theft report attached",
                &f("my card was stolen, theft report attached"),
                -0.4,
                Reading::Plain
            ),
            None
        );
    }

    #[test]
    fn capitals_in_links_handles_and_codes_are_not_shouting() {
        for calm in [
            "http://www.longurlmaker.com/view/?id=UAOJNVKBMQUGPYZKCQZRZKJEXRCRXMRSM",
            "see https://EXAMPLE.COM/ABC/DEF/GHI and @ACME_SUPPORT #BLACKFRIDAY",
            "order AB12CD34 and ref ZX99QQ01 please",
        ] {
            assert_eq!(anger(calm, &f(calm), -0.1, Reading::Plain), None, "{calm}");
        }
        let shout = "WHY IS MY ORDER LATE https://acme.example/o/1";
        assert!(anger(shout, &f(shout), -0.3, Reading::Plain).is_some());
    }

    #[test]
    fn scripts_without_capitals_never_shout() {
        for calm in [
            "شكراً لرسالتك. أنا خارج المكتب حتى يوم الأحد، وسأرد عليك عند عودتي.",
            "您好，我的订单还没有到，请帮我查一下。",
        ] {
            assert_eq!(anger(calm, &f(calm), -0.3, Reading::Plain), None, "{calm}");
        }
    }

    #[test]
    fn fraud_told_in_ordinary_words() {
        for text in [
            "someone ported my number to a new SIM last night, phone says No Service",
            "five order confirmations for takeaways in Birmingham. I didn't place any of them",
            "3 commandes sur mon compte que j'ai pas passées, livrées à Lyon",
            "someone's got into my account, changed the email and booked classes",
            "eine andere E-Mail-Adresse hinterlegt, die ich nicht eingetragen habe",
            "c'est quoi ce prélèvement de 212€ ?? je suis même pas cliente chez vous",
        ] {
            assert!(fraud(&f(text)).is_some(), "{text:?}");
        }
        // Not a customer, with no money taken: a newcomer's question.
        assert_eq!(
            fraud(&f("I'm not even a customer yet, do you deliver to Leeds?")),
            None
        );
        // A card paused while it is fetched, not stopped for a theft; a
        // card stopped is still read.
        assert_eq!(
            fraud(&f(
                "carte oubliée au resto, on peut la mettre en pause sans faire opposition ?"
            )),
            None
        );
        assert!(fraud(&f("sans réponse, j'ai dû faire opposition")).is_some());
    }

    #[test]
    fn earlier_mail_and_writing_again_are_repeat_contact() {
        for text in [
            "Further to my emails of 2 and 16 May, I am still awaiting the refund",
            "I'm sorry to write again but I really don't know what to do",
            "Como ya les indiqué en mis correos del 3 y del 10 de abril, sigo sin recibir el reembolso",
            "I've emailed, DMed and been on hold twice about the refund",
        ] {
            assert!(repeat_contact(&f(text), true).is_some(), "{text:?}");
        }
        for text in [
            "j'ai déjà désinstallé/réinstallé, vous avez une idée ?",
            "wir kommen ganz sicher wieder!",
            "@ReelStream payment declined again when my plan renewed, do i lose my watchlist??",
            // A setting ignored is no customer ignored.
            "`timeout = 30` under [job] just gets ignored, no warning or anything",
            // A landlord still waiting for the rent is no repeat contact.
            "virement fait samedi, mon proprio me dit qu'il a toujours rien reçu, c'est normal ??",
            // Money or a service coming back is no contact made before.
            "sent the jacket back, honestly no clue how long til i see the cash again",
            "502 seit heute früh, ziemlich ärgerlich, wann das wieder läuft?",
        ] {
            assert_eq!(repeat_contact(&f(text), true), None, "{text:?}");
        }
        for text in [
            "Commande payée il y a 3 semaines, toujours rien, pas de suivi",
            "@AcmeOutdoor you've ignored 4 emails about my faulty £420 tent",
            "Mails werden ignoriert. Nächste Woche geht das an meinen Anwalt",
            "our ticket has been ignored for 11 days",
        ] {
            assert!(repeat_contact(&f(text), true).is_some(), "{text:?}");
        }
    }

    #[test]
    fn a_line_or_network_gone_for_many_is_widespread() {
        assert!(widespread(&f("Our whole office (30ish people) lost internet at 9:15")).is_some());
        assert!(
            widespread(&f(
                "Ist das Netz in ganz München weg? Seit 14 Uhr kein Empfang, bei meiner Frau auch nicht"
            ))
            .is_some()
        );
        assert_eq!(
            widespread(&f(
                "wholesale prices went down again so when do your tariffs come down too?"
            )),
            None
        );
    }

    #[test]
    fn a_price_asked_or_a_battery_charged_takes_no_money() {
        for text in [
            "how much do you charge to replace a Pixel 7a screen?",
            "can I charge my phone on the coach, usb or a plug socket?",
        ] {
            assert!(!names_a_charge(&f(text)), "{text:?}");
        }
        assert_eq!(
            double_charge(&f("I have to charge my phone twice a day now")),
            None
        );
        for text in [
            "why did you charge me twice?",
            "you charged my card and I couldn't even charge my phone in the room",
        ] {
            assert!(names_a_charge(&f(text)), "{text:?}");
        }
    }

    #[test]
    fn a_customer_tells_of_the_brand_s_own_people() {
        let t = "two photos had been sent to an unknown number on WhatsApp while it was with your technician";
        assert_eq!(spam(t, &f(t), 0, None), None);
    }
}
