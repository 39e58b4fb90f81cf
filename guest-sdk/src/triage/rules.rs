//! Phrase rules for intents, in English, Spanish, French and German.
//!
//! Phrases are written lower-case and without accents, and matched on word
//! boundaries in a [`Folded`] text, so `cancelación`, `Cancelacion` and
//! `CANCELACION` all match `cancelacion`. A rule names the phrase that fired,
//! which becomes the triage reason.

use super::features::{fold, hash};

/// A text lower-cased with accents folded, for phrase rules, with its
/// words indexed: a phrase that starts with a word is looked for only where
/// that word starts in the text, so hundreds of phrases cost one binary
/// search each, plus a comparison of bytes for the handful that could match.
#[derive(Debug, Clone)]
pub struct Folded {
    text: String,
    /// The text's words (runs of letters and digits) as (hash, byte offset
    /// of the word), sorted: integer compares, where a table of strings
    /// would compare bytes.
    words: Vec<(u64, usize)>,
    /// One bit per word, at the top byte of its hash: most phrases start
    /// with a word the text does not have, and this says so before any
    /// search.
    seen: [u64; 4],
}

/// The letters and digits `phrase` starts with: empty when it starts with
/// neither. Byte by byte while they are ASCII, as cue phrases nearly all
/// are (this runs for each of thousands of phrases per message).
fn first_word(phrase: &str) -> &str {
    match phrase.bytes().position(|b| !b.is_ascii_alphanumeric()) {
        None => phrase,
        Some(end) if phrase.as_bytes()[end].is_ascii() => &phrase[..end],
        Some(_) => phrase
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or_default(),
    }
}

/// A word hash's place in [`Folded`]'s `seen`: the slot and the bit.
fn seen_bit(hash: u64) -> (usize, u64) {
    let top = (hash >> 56) as usize;
    (top / 64, 1 << (top % 64))
}

impl Folded {
    /// Folds `text` once and indexes its words.
    pub fn new(text: &str) -> Self {
        let text = fold(text);
        let mut words: Vec<(u64, usize)> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| (hash(w), w.as_ptr() as usize - text.as_ptr() as usize))
            .collect();
        words.sort_unstable();
        let mut seen = [0; 4];
        for &(h, _) in &words {
            let (slot, bit) = seen_bit(h);
            seen[slot] |= bit;
        }
        Self { text, words, seen }
    }

    /// The folded text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Whether `phrase` occurs on word boundaries.
    pub fn contains(&self, phrase: &str) -> bool {
        let first = first_word(phrase);
        if first.is_empty() {
            return contains_phrase(&self.text, phrase);
        }
        let key = hash(first);
        let (slot, bit) = seen_bit(key);
        if self.seen[slot] & bit == 0 {
            return false;
        }
        let from = self.words.partition_point(|&(h, _)| h < key);
        let ends_word = phrase
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric);
        // A match on word boundaries starts where a word equal to `first`
        // starts: the phrase's first word ends the text's word too.
        self.words[from..]
            .iter()
            .take_while(|&&(h, _)| h == key)
            .any(|&(_, start)| {
                let rest = &self.text[start..];
                rest.starts_with(phrase)
                    && !(ends_word
                        && rest[phrase.len()..]
                            .chars()
                            .next()
                            .is_some_and(char::is_alphanumeric))
            })
    }

    /// The first of `phrases` that occurs.
    pub fn find<'p>(&self, phrases: &[&'p str]) -> Option<&'p str> {
        phrases.iter().copied().find(|p| self.contains(p))
    }
}

/// An intent with the phrases that suggest it.
#[derive(Debug)]
pub struct IntentRule {
    /// The intent.
    pub intent: &'static str,
    /// Folded phrases, any of which suggests it.
    pub phrases: &'static [&'static str],
}

/// Despair and self-harm, folded: a safety matter whatever the topic
/// (part of [`DECISIVE`]), with the label `distress`, so that the reply
/// speaks to the person and what they are going through, not to a
/// "safety report".
pub const DISTRESS: IntentRule = IntentRule {
    intent: "safety",
    phrases: &[
        "kill myself",
        "end my life",
        "end it all",
        "suicide",
        "suicidal",
        "self-harm",
        "don't see the point",
        "no point in going on",
        "quitarme la vida",
        "no quiero vivir",
        "en finir",
        "plus envie de vivre",
        "keinen sinn mehr",
        "nicht mehr leben",
        // Wishing not to be here, however softly said.
        "better off without me",
        "better off dead",
        "not be here anymore",
        "not to be here anymore",
        "nicht mehr da ware",
        "nicht mehr da sein",
        "mejor si no estuviera",
        "ne plus etre la",
        // Despair that sees no way out, the words care teams are
        // trained to hear ("the charges keep piling up and I can't see
        // any way out of this"): not "no way out of the contract", nor
        // "I can't cope anymore with this" about a late refund.
        "can't see any way out",
        "cant see any way out",
        "can't see a way out",
        "cant see a way out",
        "see no way out",
        "don't see a way out",
        "dont see a way out",
        "do not see a way out",
        "don't see any way out",
        "dont see any way out",
        "do not see any way out",
        "no le veo salida",
        "no veo ninguna salida",
        "no veo salida",
        "je ne vois pas d'issue",
        "je vois pas d'issue",
        "je ne vois plus d'issue",
        "keinen ausweg",
        "weiss nicht mehr weiter",
    ],
};

/// Checked first, in order; a match wins over the model. Only phrases that
/// almost never occur in another intent belong here.
pub const DECISIVE: &[IntentRule] = &[
    IntentRule {
        intent: "auto-reply",
        phrases: &[
            "out of office",
            "out of the office",
            "i am currently away",
            "i'm currently away",
            "i am away from the office",
            "on annual leave until",
            "with limited access to email",
            "delivery status notification",
            // Bounces as mail servers word them.
            "address not found",
            "your message wasn't delivered",
            "your message was not delivered",
            "delivery has failed to these recipients",
            "the recipient's mailbox is full",
            "tried to reach does not exist",
            "nicht erreicht werden",
            "empfanger nicht erreicht",
            "no se ha podido entregar",
            "no se pudo entregar",
            "n'a pas pu etre remis",
            "n'a pas pu etre distribue",
            "mail delivery failed",
            "mail delivery subsystem",
            "mailer-daemon",
            "undeliverable",
            "could not be delivered",
            "message not delivered",
            "this is an automated message",
            "this is an automatic reply",
            "ceci est une reponse automatique",
            "esta es una respuesta automatica",
            "dies ist eine automatische antwort",
            "this mailbox is not monitored",
            "abwesenheitsnotiz",
            "bin ich nicht im buro",
            "ich bin bis",
            "absent du bureau",
            "je suis absent",
            "je serai absent",
            "je serai absente",
            "fuera de la oficina",
            "estare fuera",
            "no puedo atender",
        ],
    },
    IntentRule {
        intent: "legal",
        phrases: &[
            "lawyer",
            "lawyers",
            "attorney",
            "lawsuit",
            "sue you",
            "suing",
            "legal action",
            "small claims",
            "take you to court",
            "see you in court",
            "solicitor",
            // Not "solicitors": a law firm's own signature ("Greaves & Pike
            // Solicitors LLP") asking to add a buyer threatens nothing.
            "issue proceedings",
            "court proceedings",
            "legal proceedings",
            "letter before action",
            "letter before claim",
            "cfpb",
            "ombudsman",
            // Regulators by name: "filed a complaint with the Financial
            // Conduct Authority", "una reclamación en el Banco de España".
            "financial conduct authority",
            "information commissioner",
            // Ombudsmen by their local names: "je saisirai la Médiation de
            // l'eau", "die Schlichtungsstelle Energie".
            "saisirai la mediation",
            "saisir la mediation",
            "saisirai le mediateur",
            "saisir le mediateur",
            "schlichtungsstelle",
            "arbitraje de consumo",
            "junta arbitral",
            // The UK's ICO by its initials, as a complaint goes to it: not
            // a coin offering ("join the ICO presale", "welcome to the
            // ICO").
            "complaint to the ico",
            "complaint with the ico",
            "complain to the ico",
            "report you to the ico",
            "reporting you to the ico",
            "raise this with the ico",
            "refer this to the ico",
            "escalate this to the ico",
            "banco de espana",
            "bafin",
            "cnil",
            "datenschutzbehorde",
            "trading standards",
            "class action",
            "abogado",
            "abogados",
            "demanda judicial",
            "acciones legales",
            "denunciaros",
            "avocat",
            "poursuites",
            "mise en demeure",
            "porter plainte",
            "mets en demeure",
            "met en demeure",
            "mettre en demeure",
            "anwalt",
            "rechtsanwalt",
            "klage",
            "verklagen",
            "rechtliche schritte",
            "verbraucherzentrale",
            // Regulators and consumer bodies a complaint goes to: "signalement
            // fait à l'ARCEP", "dossier envoyé à l'UFC-Que Choisir". Named
            // as the place a complaint goes, not bare: a post that blames
            // "@ofgem" for the gas crisis threatens the brand with nothing.
            "a l'arcep",
            "aupres de l'arcep",
            "a la dgccrf",
            "aupres de la dgccrf",
            "signalconso",
            "a l'ufc",
            "aupres de l'ufc",
            "to ofcom",
            "to ofgem",
            "to ofwat",
            "with ofcom",
            "with ofgem",
            "with ofwat",
            "financial ombudsman",
            "die bundesnetzagentur",
            "der bundesnetzagentur",
            "aufsichtsbehorde",
            "aepd",
            "facua",
            "hoja de reclamaciones",
            "protection du consommateur",
        ],
    },
    DISTRESS,
    IntentRule {
        intent: "safety",
        phrases: &[
            "caught fire",
            "on fire",
            // A smell of burning, and a near miss told as one.
            "smells of burning",
            "smell of burning",
            "burning smell",
            "smells burnt",
            "smelled burnt",
            "sent le brule",
            "sente le brule",
            "sentait le brule",
            "odeur de brule",
            "huele a quemado",
            "olor a quemado",
            "riecht verbrannt",
            "brandgeruch",
            "could have died",
            "could've died",
            "could have been killed",
            "could have killed",
            "aurait pu mourir",
            "j'aurais pu mourir",
            "podria haber muerto",
            "pude haber muerto",
            "todlich",
            "lebensgefahrlich",
            "fire hazard",
            "burst into flames",
            "burned my",
            "burnt my",
            "got burned",
            "is burned",
            "was burned",
            "the burn",
            "a burn",
            "burns on",
            "injured",
            "injury",
            "carbon monoxide",
            "exploded",
            "electric shock",
            "choking",
            "choke hazard",
            "unsafe",
            "incendio",
            "se incendio",
            "quemadura",
            "me queme",
            "herido",
            "explosion",
            "incendie",
            "brulure",
            "blesse",
            "blessee",
            "a explose",
            "feuer gefangen",
            "zu qualmen",
            "hat gequalmt",
            "qualmt",
            "uberhitzt",
            "battery swelled",
            "swollen battery",
            "started smoking",
            "smoke came out",
            "echaba humo",
            "salia humo",
            "se ha sobrecalentado",
            "fumait",
            "de la fumee",
            "surchauffe",
            "verbrannt",
            "verletzt",
            "kohlenmonoxid",
            "explodiert",
            "stromschlag",
            "stitches",
            "points de suture",
            "entorse",
            "someone else's prescription",
            "someone elses prescription",
            "wrong prescription",
            "wrong medication",
            "wrong medicine",
            "wrong tablets",
            "wrong pills",
            "wrong dose",
            // Wounds that needed care: "eine Platzwunde an der Stirn und
            // musste genäht werden".
            "platzwunde",
            // Someone down and not getting up (a person: "bitcoin just
            // collapsed" is a market).
            "man just collapsed",
            "woman just collapsed",
            "someone collapsed",
            "someone's collapsed",
            "somebody collapsed",
            "he collapsed",
            "she collapsed",
            "collapsed on the floor",
            "collapsed on the platform",
            "not breathing",
            "se ha desmayado",
            "no respira",
            "s'est effondre",
            "s'est effondree",
            "ne respire plus",
            "zusammengebrochen",
            "atmet nicht",
            "musste genaht",
            "puntos de sutura",
            // Followed or threatened by someone on the premises ("guy in a
            // van has been following me round level 3 shouting he'll sort me
            // out"): not a follow on X.
            "following me round",
            "following me around",
            "followed me round",
            "followed me around",
            "followed me to my car",
            "threatened to hurt",
            "threatened to hit",
            "threatened to kill",
            "threatened to punch",
            "threatening to hurt",
            "threatening to hit",
            "threatening to kill",
            "me esta siguiendo",
            "me estaba siguiendo",
            "me suit partout",
            "me suivait",
            "verfolgt mich",
            "hat mich verfolgt",
        ],
    },
    IntentRule {
        intent: "outage",
        phrases: &[
            "outage",
            "is down",
            "are down",
            "down again",
            "went down",
            "down for everyone",
            "down for anyone",
            "is it down",
            "anyone else getting",
            "anyone else having",
            // Many homes or people at once: "whole street's been without
            // internet since 7am", "our whole block has no heating".
            "whole street",
            "whole road",
            "whole block",
            "whole building",
            "whole estate",
            "whole village",
            "whole area",
            "entire street",
            "entire building",
            "whole neighbourhood",
            "whole neighborhood",
            "whole town",
            "ganze siedlung",
            "ganze strasse",
            "ganze viertel",
            "ganzen ort",
            "ganze dorf",
            "toute la rue",
            "tout le quartier",
            "tout l'immeuble",
            "todo el barrio",
            "toda la calle",
            "todo el edificio",
            "neighbours too",
            "neighbors too",
            "neighbours both sides",
            "neighbours as well",
            "bad gateway",
            "service unavailable",
            "esta caida",
            "esta caido",
            "se cayo",
            "alguien mas",
            "en panne",
            "est down",
            "ist down",
            "storung",
            "nicht erreichbar",
            "incident en cours",
            "panne generale",
            "c'est general ?",
            "c'est general?",
            "tout est plante",
        ],
    },
    // A refund that was due and has not come: a return-tracking number in
    // the same message makes the model read delivery.
    IntentRule {
        intent: "refund",
        phrases: &[
            "still no refund",
            "no refund yet",
            "still not refunded",
            "not been refunded",
            "havent been refunded",
            "haven't been refunded",
            "where is my refund",
            "where's my refund",
            "wheres my refund",
            "still waiting for my refund",
            "still waiting on my refund",
            "haven't received my refund",
            "havent received my refund",
            "not received my refund",
            "never got my refund",
            "sigo sin reembolso",
            "sigo esperando el reembolso",
            "sigo esperando mi reembolso",
            "todavia no me han devuelto",
            "toujours pas rembourse",
            "toujours pas ete rembourse",
            "pas encore ete rembourse",
            "toujours pas de remboursement",
            "noch keine erstattung",
            "immer noch keine erstattung",
            "noch kein geld zuruck",
            // Waiting for the money of a return: "sent a jacket back, how
            // long till the money's actually back on my amex??".
            "money to come back",
            "money be back",
            "money's back",
            "money is back",
            "money's actually back",
            "money back on my",
        ],
    },
];

/// Gear that holds a person (climbing, a bike's brakes, a child's seat),
/// folded: when it gives way, someone could have been hurt.
const HOLDS_A_PERSON: &[&str] = &[
    "harness",
    "carabiner",
    "karabiner",
    "belay device",
    "climbing rope",
    "crampon",
    "crampons",
    "crampones",
    "steigeisen",
    "kletterseil",
    "brake",
    "brakes",
    "child seat",
    "car seat",
    "arnes",
    "mosqueton",
    "frenos",
    "baudrier",
    "mousqueton",
    "freins",
    "klettergurt",
    "bremse",
    "bremsen",
    "rope",
    "seil",
    "cuerda",
    "corde",
    "ladder",
    "leiter",
    "echelle",
    "pushchair",
    "pram",
    "stroller",
    "high chair",
    "highchair",
    "poussette",
    "chaise haute",
    "kinderwagen",
    "hochstuhl",
    "cochecito",
    "trona",
    "treadmill",
    "laufband",
];

/// Giving way, folded.
const GAVE_WAY: &[&str] = &[
    "cracked",
    "snapped",
    "gave way",
    "gave out",
    "failed",
    "came undone",
    "came apart",
    "sheared",
    "torn",
    "tore",
    "ripped",
    "se rasgo",
    "se desgarro",
    "dechire",
    "dechiree",
    "a cede",
    "abgerissen",
    "se rompio",
    "se partio",
    "se abrio",
    "fallaron",
    "a lache",
    "ont lache",
    "s'est rompu",
    "s'est ouvert",
    "casse",
    "gerissen",
    "gebrochen",
    "aufgegangen",
    "versagt",
    "came off",
    "came loose",
    "s'est detache",
    "s'est detachee",
    "se solto",
    "se desprendio",
    "hat sich gelost",
    "abgefallen",
];

/// A medicine, by its form or its dose.
const MEDICINE: &[&str] = &[
    // Not "tablet": it is also a computer.
    "mg",
    "pill",
    "pills",
    "dose",
    "medicine",
    "medication",
    "prescription",
    "comprimido",
    "comprimidos",
    "pastilla",
    "pastillas",
    "dosis",
    "comprime",
    "comprimes",
    "medicament",
    "tablette",
    "tabletten",
    "medikament",
    "dosierung",
];

/// Signs that a body reacted badly.
const SYMPTOM: &[&str] = &[
    "dizzy",
    "fainted",
    "pale",
    "vomiting",
    "throwing up",
    "can't breathe",
    "cant breathe",
    "struggling to breathe",
    "unconscious",
    "collapsed",
    "mareada",
    "mareado",
    "desmayo",
    "se desmayo",
    "vomitando",
    "vertiges",
    "s'est evanoui",
    "s'est evanouie",
    "vomit",
    "schwindelig",
    "ohnmachtig",
    "bewusstlos",
    "erbricht",
];

/// A medicine taken and a body reacting ("the box says 10mg but she's
/// always been on 5mg… now she's dizzy and really pale"): a safety report
/// whatever else the message asks. Returns the symptom's word.
pub fn medicine_harmed(folded: &Folded) -> Option<&'static str> {
    let dosed = folded
        .as_str()
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| {
            w.strip_suffix("mg")
                .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
        });
    if !dosed {
        folded.find(MEDICINE)?;
    }
    folded.find(SYMPTOM)
}

/// Gear that holds a person and gave way ("the buckle on my kid's
/// climbing harness cracked at the crag"): a safety report, injured or not.
/// Returns the gear's word.
pub fn gear_gave_way(folded: &Folded) -> Option<&'static str> {
    let gear = folded.find(HOLDS_A_PERSON)?;
    folded.find(GAVE_WAY).map(|_| gear)
}

/// Who or what was at risk, for a safety report: a child, a body part, a
/// hospital stay, the gas, a near miss. They confirm the model's `safety`
/// only beside a [`HAZARD`] ("the buckle snapped when my daughter fell", "I
/// can smell gas"): alone they are the circumstances of an ordinary request
/// ("2 adults + a baby, any chance of an airport pick-up?", "my mum's been
/// taken into hospital, will I be charged for cancelling?", "what do I do
/// so we don't pay the new owners' gas and electric?"). Matched as word
/// prefixes, folded.
pub const AT_RISK: &[&str] = &[
    "child*",
    "kid",
    "kids",
    "daughter*",
    // Not "son" alone: it is French for "his" or "her".
    "my son",
    "our son",
    "her son",
    "his son",
    "son's",
    "baby",
    "babies",
    "toddler*",
    // A small child by age: "my 2yo has just swallowed a button".
    "1yo",
    "2yo",
    "3yo",
    "4yo",
    "5yo",
    "year old",
    "year-old",
    "yr old",
    "months old",
    "month old",
    "ankle*",
    "wrist*",
    "knee*",
    "neck",
    "hospital*",
    "gas",
    "gaz",
    "foot",
    "feet",
    "toe*",
    "finger*",
    "nearly",
    "could have",
    "could've",
    "vida",
    "hopital",
    "leben",
    "krankenhaus*",
    "tobillo*",
    "hija*",
    "hijo*",
    "bebe",
    "cheville*",
    "fille",
    "fils",
    "knochel*",
    "tochter",
    "sohn",
];

/// Names and idioms that sound like danger and are none: a streaming
/// stick, a deal, a job well done. Taken out before the words that confirm
/// a safety report are looked for.
pub const HARMLESS: &[&str] = &[
    "fire stick",
    "firestick",
    "fire tv",
    "kindle fire",
    "smoking deal",
    "killing it",
    "dying to",
    "to die for",
];

/// Whether `folded` confirms `words` once the [`HARMLESS`] names are taken
/// out: "does the app work on the fire stick 4k?" names no fire.
pub fn confirms_without_harmless(folded: &Folded, words: &[&str]) -> bool {
    let text = folded.as_str();
    if !HARMLESS.iter().any(|h| contains_phrase(text, h)) {
        return has_word(folded, words);
    }
    let rest = HARMLESS
        .iter()
        .fold(text.to_owned(), |rest, h| rest.replace(h, " "));
    has_word(&Folded::new(&rest), words)
}

/// Something physical going wrong, which makes an [`AT_RISK`] word a
/// safety report: heat, smoke or a smell, a leak, a part that snapped,
/// cracked or came off, a fall, something in a child's mouth, a reaction
/// that needed emergency care. Matched as
/// word prefixes, folded.
pub const HAZARD: &[&str] = &[
    "hot",
    "heat*",
    "smok*",
    "smell*",
    "hiss*",
    "leak*",
    "snap*",
    "crack*",
    "broke*",
    "gave way",
    "give way",
    "came off",
    "come off",
    "came loose",
    "fell",
    "fall*",
    "dropped",
    "tore",
    "torn",
    "fray*",
    "bent",
    "swell*",
    "swollen",
    "mouth",
    "swallow*",
    "brakes",
    "brake failed",
    "missed my",
    "by inches",
    "throat",
    "fuga",
    "olor",
    "huele",
    "boca",
    "garganta",
    "cayo",
    "caida",
    "rompi*",
    "roto",
    "odeur",
    "sent",
    "fuite",
    "chaud*",
    "bouche",
    "gorge",
    "tombe*",
    "chute*",
    "casse*",
    "riech*",
    "geruch",
    "heiss*",
    "gerissen",
    "gebrochen",
    "gefallen",
    "sturz",
    "gesturzt",
    "mund",
    "undicht",
    // A reaction that sent someone to emergency care.
    "reaction*",
    "reacted",
    "anaphyla*",
    "a&e",
    "emergency room",
    "urgences",
    "urgencias",
    "notaufnahme",
];

/// Words without which the model's verdict is not believed, for the
/// intents whose route is costly when wrong: legal and safety go to a
/// specialist, auto-replies get no answer. Matched as word prefixes
/// (`injur` matches `injured`, `injuries`), folded.
pub const CONFIRMING: &[(&str, &[&str])] = &[
    // Money back in words (a refund, a payment, a return): "still waiting
    // on a call back I was promised" is no refund. Matched by word, so a
    // currency sign cannot be listed here.
    (
        "refund",
        &[
            "refund*",
            "money",
            "money's",
            "back to you",
            "reimburs*",
            "repa*",
            "credit*",
            "charge*",
            "paid",
            "pay*",
            "return*",
            "sent back",
            "send back",
            "sent it back",
            "cancel*",
            "reembols*",
            "devol*",
            "devuelv*",
            "dinero",
            "cobr*",
            "pag*",
            "rembours*",
            "argent",
            "renvoy*",
            "retour*",
            "erstatt*",
            "ruckerstatt*",
            "geld",
            "zuruckgeschickt",
            "zuruckgesendet",
            "retoure*",
            "bezahlt",
        ],
    ),
    (
        "legal",
        &[
            "legal",
            "lawyer*",
            "attorney*",
            "solicitor*",
            "court*",
            "sue",
            "suing",
            "lawsuit*",
            "regulator*",
            "ombuds*",
            "fca",
            "cfpb",
            "ftc",
            "ico",
            "gdpr",
            "rgpd",
            "dsgvo",
            "article",
            "art",
            "data protection",
            "proteccion de datos",
            "protection des donnees",
            "procedimiento",
            "banco de espana",
            "banque de france",
            "acpr",
            "trading standards",
            "consumer*",
            "chargeback*",
            "abogad*",
            "demanda*",
            "juzgado*",
            "tribunal*",
            "denunci*",
            "consumo",
            "aepd",
            "omic",
            "facua",
            "profeco",
            "avocat*",
            "plainte*",
            "mediateur*",
            "justice",
            "cnil",
            "dgccrf",
            "mise en demeure",
            "en demeure",
            "consommateurs",
            "anwalt*",
            "gericht*",
            "klage*",
            "verbraucher*",
            "datenschutz*",
            "schlichtung*",
            "bafin",
            "arbeiterkammer",
            "mahnbescheid*",
            "claim*",
            "formal*",
        ],
    ),
    (
        "outage",
        &[
            "down",
            "dead",
            "blank",
            "firing",
            "outage*",
            "unavailable",
            "unreachable",
            "offline",
            "50*",
            "error*",
            "fail*",
            "crash*",
            "broken",
            "broke",
            "not working",
            "isn't working",
            "doesn't work",
            "won't load",
            "not loading",
            "timeout*",
            "timing out",
            "times out",
            "stuck",
            "hang*",
            "slow*",
            "can't",
            "cannot",
            "cant",
            "unable",
            "everyone",
            "anyone",
            // Not "nobody" alone: "nobody helps me" is no outage.
            "nobody can",
            "no one can",
            "nobody is able",
            "all of us",
            "coworker*",
            "co-workers",
            "colleague*",
            "other customers",
            "other teams",
            "autres clients",
            "queue*",
            "queued",
            "status",
            "caid*",
            "cayo",
            "funciona",
            "panne",
            "plante*",
            "marche",
            "fonctionne",
            "storung*",
            "ausfall",
            "fehl*",
            "demarr*",
            "funktioniert",
            "geht nicht",
            "erreichbar",
            "incident*",
            "degraded",
            // Payments refused everywhere: "card payments aren't going
            // through anywhere today, my wife's card too".
            "going through",
            "go through",
            "declined",
            "anywhere",
            // A supply cut off ("no power since 7pm", "kein Strom").
            "power cut",
            "no power",
            "no electricity",
            "blackout",
            "no internet",
            "strom",
            "sin luz",
            "courant",
            // Asking whether something is up on the brand's side.
            "something up",
            "pasa algo",
            "os pasa",
            "un souci chez vous",
            "un probleme chez vous",
            "bei euch",
            "no me deja",
            "same here",
            "me too",
            "eta",
            "nothing",
            "start*",
            "disponible",
            "pueden",
            "tampoco",
            "nadie puede",
            "nadie consigue",
            "puede entrar",
            "pueden entrar",
            "puede acceder",
            "pueden acceder",
            "peut se connecter",
            "kann sich anmelden",
            "kann sich einloggen",
            "personne ne peut",
            "personne n'arrive",
            "niemand kann",
            "keiner kann",
            "geht",
        ],
    ),
    (
        "safety",
        &[
            "hurt*",
            "injur*",
            // Not "burn*": a stove's burner gone rusty is a warranty matter.
            "burn",
            "burns",
            "burned",
            "burnt",
            "burning",
            "fire",
            "fires",
            "flame*",
            "flared",
            "flare up",
            "singed",
            "scorched",
            "smoke*",
            "smoking",
            // Not "leak*": a tent that leaks at the seams is no danger.
            "fuel leak*",
            "leaking fuel",
            "carbon",
            "shock*",
            "spark*",
            "chok*",
            "allerg*",
            // Not "fall" alone: German "in diesem Fall" is a case.
            "a fall",
            "fall off",
            "fall from",
            "fall down",
            "fell",
            "falling",
            "danger*",
            "unsafe",
            "harm*",
            // Not "die" alone: it is German's commonest article.
            "to die",
            "could die",
            "might die",
            "would die",
            "will die",
            "gonna die",
            "nearly die",
            "almost die",
            "died",
            "dying",
            "kill*",
            "suicid*",
            // Not "explo*": "explore the API" is no explosion.
            "explosion*",
            "melt*",
            "overheat*",
            "blood*",
            "bleed*",
            "stitches",
            "ambulance",
            "poison*",
            "threat*",
            "herid*",
            "quem*",
            "fuego",
            "incendi*",
            "peligr*",
            "humo",
            "morir",
            "blesse*",
            "brul*",
            "feu",
            "fumee",
            "urgences",
            "mourir",
            "verletz*",
            "verbrann*",
            "feuer",
            "rauch",
            "qualm*",
            "uberhitz*",
            "gefahr*",
            "gefaehr*",
            "notauf*",
            "sterben",
            "stromschlag*",
            "explod*",
            "en finir",
            "see the point",
            "sinn mehr",
            "sprain*",
            "fractur*",
            "bruis*",
            "concuss*",
        ],
    ),
    // Something that gave way or a claim on the guarantee: without one,
    // "are the taped seams on the Ridge trousers any good?" is a question
    // before buying, and taken private the customer is asked for an order
    // they never placed.
    (
        "warranty",
        &[
            "broke*",
            "break*",
            "repair*",
            "warrant*",
            "guarantee*",
            "fix*",
            "replace*",
            "tear*",
            "torn",
            "rip*",
            "split*",
            "snap*",
            "crack*",
            "leak*",
            "fail*",
            "worn",
            "wore",
            "faulty",
            "defect*",
            "apart",
            "delamin*",
            "peel*",
            "came off",
            "come off",
            "coming off",
            "fell off",
            "hole*",
            "bust*",
            "dead",
            "died",
            "stopped",
            // Something that does not do its job: "clicks but never lights".
            "not",
            "never",
            "won't",
            "wont",
            "doesn't",
            "doesnt",
            "isn't",
            "no longer",
            "lasted",
            "ruined",
            "anymore",
            "any more",
            "letting water",
            "lets water",
            "let water",
            "water in",
            // Time in use: "bought from you about 3 years ago".
            "ago",
            "depuis",
            "an dernier",
            "plus",
            "pas",
            "hace",
            "no",
            "seit",
            "nicht",
            "kein*",
            "garant*",
            "repar*",
            "roto",
            "rota",
            "rompi*",
            "romp*",
            "descos*",
            "cass*",
            "dechir*",
            "trou",
            "trous",
            "kaputt*",
            "defekt*",
            "gebrochen",
            "gerissen",
            "undicht*",
            "reklamation",
            "loch*",
            "zip*",
        ],
    ),
    // A wish for the product to do more: without one, "is there a way to
    // bulk-add seats?" or "wie kann ich exportieren?" is a question, and
    // the acknowledgement would thank them for a suggestion they never made.
    (
        "feature-request",
        &[
            "any plans",
            "plans to",
            "planning to",
            "roadmap",
            "suggest*",
            "would be",
            "would love",
            "would make",
            "would help",
            "it'd be",
            "wish*",
            "please add",
            "pls add",
            "could you add",
            "can you add",
            "can we get",
            "could we get",
            "can we have",
            "support for",
            "no support",
            "feature*",
            "idea",
            "option to",
            "ability to",
            "be able to",
            "allow us",
            "handy",
            "useful",
            "missing",
            "sugerencia",
            "seria",
            "ojala",
            "agreg*",
            "anad*",
            "soporte",
            "estaria bien",
            "me encantaria",
            "funcion*",
            "opcion de",
            "permitiera",
            "serait",
            "prevoy*",
            "prevu",
            "ajout*",
            "fonctionnalit*",
            "possibilite de",
            "j'aimerais",
            "vorschlag",
            "ware",
            "waere",
            "war echt",
            "nice wenn",
            "toll wenn",
            "schon wenn",
            "funktion*",
            "hinzufug*",
            "unterstutz*",
            "wunsch*",
            "konnte man",
            "konntet ihr",
            "geplant",
            "plant ihr",
        ],
    ),
    // A warranty claim names a fault, the cover or a repair: "need 3
    // months of statements for a rental" is no warranty claim, however
    // much its "months" sound like one.
    (
        "warranty",
        &[
            "warrant*",
            "guarant*",
            "broke*",
            "break*",
            "fault*",
            "defect*",
            "repair*",
            "fix*",
            "stopped",
            "not working",
            "doesn't work",
            "does not work",
            "won't",
            "wont",
            "dead",
            "never",
            "died",
            "dies",
            "no longer",
            "anymore",
            "any more",
            "snapped",
            "split*",
            "ripped",
            "torn",
            "tear*",
            "leak*",
            "crack*",
            "peel*",
            "apart",
            "worn",
            "wore",
            "frayed",
            "rust*",
            "bent",
            "zip*",
            "seam*",
            "sole*",
            "buckle*",
            "strap*",
            "pole*",
            "battery",
            "replace*",
            "garantia",
            "roto",
            "rota",
            "romp*",
            "defectuos*",
            "averia*",
            "no funciona",
            "ya no",
            "no va",
            "descos*",
            "reparac*",
            "cambiar",
            "garantie",
            "casse*",
            "defectueu*",
            "panne",
            "ne marche",
            "ne fonctionne",
            "ne fait plus",
            "plus du tout",
            "dechir*",
            "fuite",
            "fuit",
            "repar*",
            "remplac*",
            "kaputt",
            "defekt",
            "gewahrleist*",
            "reparat*",
            "gerissen",
            "undicht",
            "funktioniert nicht",
            "geht nicht",
            "nicht mehr",
            "ersatz",
            "umtausch*",
        ],
    ),
    // Leaving the brand, said some way: "moving off jenkins" (to the
    // brand) is no cancellation.
    (
        "cancellation",
        &[
            "cancel*",
            "unsubscrib*",
            "close my",
            "close our",
            "close the account",
            // Someone else's account: "my mother passed away, how do I
            // close her account?"
            "close her",
            "close his",
            "close their",
            "closing my",
            "closing our",
            "delete my account",
            "delete our account",
            "terminat*",
            "end my",
            "end our",
            "stop my",
            "stop our",
            "stop the subscription",
            "leave",
            "leaving",
            "switch to",
            "switching to",
            "moving to",
            "move to",
            "downgrad*",
            "renew*",
            "opt out",
            "quit*",
            "done with",
            "stop paying",
            "stop charging",
            "stop being",
            "stop billing",
            "elsewhere",
            "subscription",
            "membership",
            "contract",
            "baja",
            "cerrar mi",
            "cerrar la cuenta",
            "anular*",
            "desuscrib*",
            "suscripcion",
            "cambiarme",
            "resili*",
            "desabonn*",
            "desinscri*",
            "abonnement",
            "fermer mon",
            "clotur*",
            "annul*",
            "kundig*",
            "kuendig*",
            "abbestell*",
            "abmeld*",
            "abo",
            "konto schliess*",
            "konto losch*",
            "storn*",
            "vertrag",
        ],
    ),
    (
        "auto-reply",
        &[
            "automatic*",
            "automated",
            "auto",
            "autoreply",
            "away",
            "office",
            "leave",
            "holiday*",
            "vacation*",
            "undeliver*",
            "delivery status",
            "mailer*",
            "daemon",
            "postmaster",
            "bounce*",
            "ticket*",
            "received your",
            "receipt",
            "do not reply",
            "noreply",
            "abwesen*",
            "automatisch*",
            "urlaub*",
            "zustell*",
            "absent*",
            "automatique*",
            "conges",
            "fuera",
            "vacaciones",
            "entrega*",
            "recibido",
            "recu",
            "eingegangen",
        ],
    ),
];

/// Words of praise, without one of which the model's `praise` is not
/// believed: read as praise, a message gets thanks and no answer, so a
/// question about a team plan ("how much is Team…?") must not be.
/// Matched like [`CONFIRMING`].
pub const PRAISING: &[&str] = &[
    "love*",
    "amazing",
    "awesome",
    "great",
    "brilliant",
    "fantastic",
    "excellent",
    "superb",
    "wonderful",
    "perfect*",
    "best",
    "impress*",
    "kudos",
    "shout out",
    "shoutout",
    "well done",
    "hats off",
    "legend*",
    "stellar",
    "incredible",
    "outstanding",
    "top notch",
    "five stars",
    "5 stars",
    "recommend*",
    "delighted",
    "chuffed",
    "beautiful",
    "lovely",
    "nice",
    "good job",
    "thank*",
    "cheers",
    "better",
    "good",
    "glad",
    "happy",
    "helpful",
    "smooth*",
    "is how",
    "as it should",
    "nailed it",
    "game changer",
    "seamless*",
    "painless",
    "effortless*",
    // Gear that held: "the Trek 2 didn't budge in 50mph gusts, absolute tank".
    "tank",
    "beast",
    "bombproof",
    "bomb proof",
    "rock solid",
    "didn't budge",
    "didnt budge",
    "did not budge",
    "never budged",
    "held up",
    "held strong",
    "kept us dry",
    "kept me dry",
    "bone dry",
    "💪",
    // Owing the team a drink: "whoever shipped that, I owe you a beer 🍺".
    "owe you a",
    "owe u a",
    "owe you one",
    "owe whoever",
    "buy you a beer",
    "buy you a pint",
    "buy you a coffee",
    "🍺",
    "🍻",
    "so easy",
    "super easy",
    "so quick",
    "so fast",
    "10/10",
    "como debe ser",
    "comme il faut",
    "so muss",
    "👍",
    "❤",
    "😍",
    "🥰",
    "👏",
    "🙌",
    "💚",
    "💙",
    "⭐",
    "🔥",
    "encant*",
    "genial",
    "increible",
    "maravill*",
    "excelente",
    "gracias",
    "felicidades",
    "enhorabuena",
    "me gusta",
    "perfecto",
    "mejor",
    "buenisim*",
    "guay",
    "merci",
    "bravo",
    "super",
    "excellent*",
    "parfait*",
    "adore",
    "j'adore",
    "top",
    "felicitations",
    "magnifique",
    "formidable",
    "impeccable",
    "nickel",
    "meilleure decision",
    "au top",
    "je recommande",
    "ravi*",
    "danke",
    "toll",
    "klasse",
    "grossartig",
    "hervorragend",
    "perfekt",
    "begeistert",
    "liebe",
    "spitze",
    "prima",
    "wunderbar",
    // "großes Lob an Ihren Fahrer", "mes compliments au chef".
    "lob",
    "kompliment*",
    "compliment*",
    "chapeau",
    // Staff and care praised ("liebevoll dekoriert, das Personal
    // aufmerksam", "le livreur a été adorable").
    "liebevoll*",
    "aufmerksam*",
    "hilfsbereit*",
    "adorable*",
    "encantador*",
];

/// Phrases that set out to thank: a message built on one is thanks unless
/// it also names a defect, asks or is negative (see `intent::thanking`).
/// Matched like [`DECISIVE`]'s phrases.
pub const THANKING: &[&str] = &[
    "queria felicitar",
    "quiero felicitar",
    "solo queria felicitar",
    "wanted to thank",
    "want to thank",
    "wanted to say thank",
    "wanted to say thanks",
    "just to say thank",
    "just to say thanks",
    "bedanken",
    "danke sagen",
    "queria agradecer",
    "quiero agradecer",
    "queria dar las gracias",
    "quiero dar las gracias",
    "vous remercier",
    "te remercier",
    "dire merci",
    "pour remercier",
    "un petit mot pour",
    "juste un mot pour",
];

/// Words that make thanks sarcasm: an eye-roll, "thanks for nothing", a
/// wait or a failure still going on. Matched like [`CONFIRMING`].
pub const NOT_THANKS: &[&str] = &[
    "🙄",
    "🙃",
    "for nothing",
    "pour rien",
    "por nada",
    "fur nichts",
    "still no",
    "still not",
    "still waiting",
    "never arrived",
    "never came",
    // A request still open ("just gently following up on the below… would
    // be really grateful if you could send them over. Thanks so much"); not
    // "chasing", which thanks the brand for it.
    "following up",
    "follow up",
    "if you could",
    "still missing",
    // Thanks for the answer, then what is still wrong ("thanks for getting
    // back so fast. Unfortunately the code still says 'invalid'").
    "unfortunately",
    "sadly",
    "leider",
    "malheureusement",
    "lamentablemente",
    "por desgracia",
    "desafortunadamente",
    "still says",
    "still doing",
    "still the same",
    "still broken",
    "toujours pas",
    "immer noch",
    "noch immer",
    "sigue sin",
    "sigue igual",
];

/// Praise by denial: nothing to complain of ("honestly can't fault the
/// new pack", "not a single complaint from her", "zero issues since the
/// update"). It praises however the model reads the complaint or the
/// issue it denies ([`praising`]), unless a turn undoes it
/// ([`DENIAL_UNDONE`]: "never had a problem until today").
pub const PRAISE_BY_DENIAL: &[&str] = &[
    "can't fault",
    "cannot fault",
    "cant fault",
    "no complaints",
    "not a single complaint",
    "not one complaint",
    "zero complaints",
    "not a single moan",
    "not a single problem",
    "not one problem",
    "not a single issue",
    "not one issue",
    "zero issues",
    "zero problems",
    "no issues at all",
    "no problems at all",
    "no problems whatsoever",
    "never had a problem",
    "never had an issue",
    "never had a single",
    "not a single hiccup",
    "without a single hiccup",
    "rien a redire",
    "pas une seule plainte",
    "aucune plainte",
    "jamais eu le moindre souci",
    "jamais eu de probleme",
    "jamais eu un seul probleme",
    "nada que objetar",
    "ni una queja",
    "ni una sola queja",
    "cero quejas",
    "nunca he tenido un problema",
    "nunca he tenido ningun problema",
    "nichts auszusetzen",
    "keine beschwerden",
    "kein einziges problem",
    "nicht ein einziges problem",
    "nie ein problem",
    "nie probleme",
    "can't complain",
    "cant complain",
    "cannot complain",
    "not bad at all",
    "without a hitch",
    "no tengo ninguna queja",
    "ninguna queja",
    "no me puedo quejar",
    "sin ningun problema",
    "je ne peux pas me plaindre",
    "rien a dire",
    "kann mich nicht beschweren",
    "nicht beschweren",
    "echt nicht schlecht",
    "gar nicht schlecht",
];

/// Turns that undo a [`PRAISE_BY_DENIAL`]: the trouble it denies came after
/// all ("never had a problem until today", "no complaints till now, but…").
pub const DENIAL_UNDONE: &[&str] = &[
    "until",
    "till",
    "but",
    "hasta",
    "pero",
    "jusqu",
    "mais",
    "bis heute",
    "bis jetzt",
    "aber",
];

/// Whether `folded` praises: a word of [`PRAISING`], or a denial of any
/// complaint ([`PRAISE_BY_DENIAL`]).
pub fn praising(folded: &Folded) -> bool {
    has_word(folded, PRAISING) || has_word(folded, PRAISE_BY_DENIAL)
}

/// Whether `folded` praises by denying any complaint, with no turn that
/// undoes it ([`DENIAL_UNDONE`]).
pub fn praises_by_denial(folded: &Folded) -> bool {
    has_word(folded, PRAISE_BY_DENIAL) && !has_word(folded, DENIAL_UNDONE)
}

/// Words that open a concession: what follows, to the end of its clause,
/// was overcome ("carried the boxes up four floors even though the lift
/// was broken").
pub const CONCEDING: &[&str] = &[
    "even though",
    "although",
    "despite",
    "aunque",
    "a pesar de",
    "bien que",
    "malgre",
    "obwohl",
    "trotz",
];

/// `folded` without its conceded clauses: from a [`CONCEDING`] word to the
/// next `,`, `.`, `;`, `!` or `?` (or the end).
pub fn without_concessions(folded: &Folded) -> Folded {
    let text = folded.as_str();
    let Some(at) = CONCEDING
        .iter()
        .filter_map(|c| {
            text.match_indices(c)
                .find(|&(i, _)| !text[..i].ends_with(char::is_alphanumeric))
                .map(|(i, _)| i)
        })
        .min()
    else {
        return folded.clone();
    };
    let end = text[at..]
        .find([',', '.', ';', '!', '?'])
        .map_or(text.len(), |e| at + e);
    let rest = format!("{} {}", &text[..at], &text[end..]);
    without_concessions(&Folded::new(&rest))
}

/// Words that make praise doubtful however warm the rest: a defect or a
/// failure ("burner cracked… brilliant. 🙃" is sarcasm), a refund still
/// due, or a request the customer is waiting on ("can you post them to
/// me?"). Matched like [`CONFIRMING`].
pub const NOT_PRAISE: &[&str] = &[
    // An accusation after the praise ("love the resale option but £14.50 in
    // fees is daylight robbery").
    "daylight robbery",
    "rip off",
    "rip-off",
    "ripoff",
    "broken",
    "broke",
    "cracked",
    "leak*",
    "snapped",
    "torn",
    "ripped",
    "faulty",
    "defective",
    "damaged",
    "not working",
    "doesn't",
    "doesnt",
    "does not",
    "🙃",
    "🙄",
    "stopped working",
    "never arrived",
    "still no",
    "still not",
    "still waiting",
    "refund*",
    "can you",
    "could you",
    "can i",
    "can we",
    "how do",
    "how can",
    "how much",
    "how long",
    "is there",
    "do you",
    "do we",
    "does it",
    "does the",
    "does this",
    "do they",
    "are there",
    "will it",
    "will there",
    "any plans",
    "any good",
    "what size",
    "which size",
    "is it worth",
    "are they worth",
    "where is",
    "when will",
    "tienen",
    "teneis",
    "hay alguna",
    "avez-vous",
    "y a-t-il",
    "gibt es",
    "habt ihr",
    "roto",
    "rota",
    "no funciona",
    "puedes",
    "pueden",
    "podeis",
    "como puedo",
    "cuanto",
    "casse",
    "cassee",
    "ne marche pas",
    "ne fonctionne pas",
    "pouvez",
    "pourriez",
    "est-ce que",
    "est-ce qu",
    "quand est-ce",
    "a partir de quand",
    // A question announced: "Merci pour le geste. Petite question du coup :
    // à partir de quand…" thanks, then asks.
    "quick question",
    "one question",
    "small question",
    "petite question",
    "une question",
    "una pregunta",
    "una duda",
    "kurze frage",
    "eine frage",
    "combien",
    "kaputt",
    "defekt",
    "funktioniert nicht",
    "konnen sie",
    "konnt ihr",
    "kann ich",
    "wie kann",
    "wie viel",
    "wieviel",
];

/// The names of an auto-reply. An auto-reply may name itself ("Automatic
/// reply: ..."), but so does a customer chasing an answer ("all I've had is
/// an auto-reply"): these win over the model only when the text does not
/// chase (see [`super::intent`]), since a customer taken for an auto-reply
/// gets no answer.
pub const NAMED_AUTO_REPLY: &[IntentRule] = &[IntentRule {
    intent: "auto-reply",
    phrases: &[
        "automatic reply",
        "auto-reply",
        "autoreply",
        "auto reply",
        "automatische antwort",
        "reponse automatique",
        "respuesta automatica",
    ],
}];

/// "Down" that is no failure: a filling (a down jacket, goose down), a
/// way of travelling ("driving down from Lyon with the kids") or a price
/// ("the price went down £40 two days after I bought them").
const DOWN_ELSEWHERE: &[&str] = &[
    // Made safe, not gone: "we've locked it down but need help NOW".
    "locked it down",
    "locked down",
    "lock it down",
    "price went down",
    "prices went down",
    "price has gone down",
    "price's gone down",
    "prices have gone down",
    "went down by",
    "driving down",
    "drive down",
    "coming down",
    "come down",
    "heading down",
    "head down",
    "travelling down",
    "traveling down",
    "flying down",
    "popping down",
    "pop down",
    // A project or a plan brought to an end or made smaller: "winding down
    // my side project", "drop down to the free plan".
    "winding down",
    "wind down",
    "winding it down",
    "scaling down",
    "scale down",
    "scaled down",
    "drop down to",
    "dropping down to",
    "step down to",
    // The building's lift, not the service: "il a monté 4 étages parce
    // que l'ascenseur était en panne".
    "ascenseur etait en panne",
    "ascenseur est en panne",
    "ascenseur en panne",
    // A rate that falls, or a fall to come, not a service down: "the
    // banks are all cutting what they pay… tell me before it goes down?".
    "rate goes down",
    "rates go down",
    "rate went down",
    "rates went down",
    "rate has gone down",
    "rates have gone down",
    "rate going down",
    "rates going down",
    "before it goes down",
    "before they go down",
    "if it goes down",
    "down the road",
    "down the street",
    "down jacket*",
    "down coat*",
    "down vest*",
    "down parka*",
    "down hood*",
    "down sweater*",
    "down sleeping bag*",
    "down bag*",
    "down quilt*",
    "down duvet*",
    "down pillow*",
    "down bootie*",
    "down fill*",
    "down-fill*",
    "down insulat*",
    "goose down",
    "duck down",
    "hydrophobic down",
];

/// Whether the only word that would confirm an outage is a "down" that is
/// no failure ([`DOWN_ELSEWHERE`]): "can I machine-wash my down jacket?",
/// "do u have parking? driving down from lyon".
pub fn down_is_elsewhere(folded: &Folded) -> bool {
    let text = folded.as_str();
    let fillings: Vec<&str> = DOWN_ELSEWHERE
        .iter()
        .map(|f| f.trim_end_matches('*'))
        .filter(|f| text.contains(f))
        .collect();
    let by_an_amount = down_by_an_amount(text);
    if fillings.is_empty() && by_an_amount == text {
        return false;
    }
    let without = fillings
        .iter()
        .fold(by_an_amount, |rest, filling| rest.replace(filling, " "));
    !has_word(&Folded::new(&without), confirming("outage"))
}

/// The words that confirm `intent` ([`CONFIRMING`]); none for an intent
/// that needs no confirming.
pub fn confirming(intent: &str) -> &'static [&'static str] {
    CONFIRMING
        .iter()
        .find(|(name, _)| *name == intent)
        .map_or(&[][..], |(_, words)| *words)
}

/// `text` without each "down" (and the "went" or "gone" before it) that an
/// amount follows: "went down £40", "down 20%" is a price or a figure.
fn down_by_an_amount(text: &str) -> String {
    let words: Vec<&str> = text.split(' ').collect();
    let amount = |w: &&str| {
        w.chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit() || "£$€".contains(c))
    };
    let mut out: Vec<&str> = Vec::with_capacity(words.len());
    for (at, word) in words.iter().enumerate() {
        if *word == "down" && words.get(at + 1).is_some_and(amount) {
            if out
                .last()
                .is_some_and(|w| ["went", "gone", "go", "goes"].contains(w))
            {
                out.pop();
            }
            continue;
        }
        out.push(word);
    }
    out.join(" ")
}

/// A rate limit: the customer's own quota answered "429 Too Many
/// Requests", which says the service is up ([`self_inflicted`]).
pub const RATE_LIMITED: &[&str] = &[
    "429",
    "429s",
    "rate limit*",
    "rate-limit*",
    "ratelimit*",
    "too many requests",
    "throttl*",
];

/// A change the customer made just before the failure ("after we turned on
/// SSO everyone is bounced back to Okta"): their setup, not our outage.
/// Folded, matched as phrases.
const OWN_CHANGE: &[&str] = &[
    "after we turned on",
    "after we enabled",
    "after we switched",
    "after we changed",
    "after we set up",
    "after we configured",
    "after we migrated",
    "after we moved",
    "after we updated",
    "after we upgraded",
    "after i changed",
    "after i enabled",
    "after i turned on",
    "after i updated",
    "since we turned on",
    "since we enabled",
    "since we switched",
    "since we changed",
    "since we migrated",
    "since we moved",
    "since i changed",
    "since i updated",
    "since i upgraded",
    "since i installed",
    "since we updated",
    "since we upgraded",
    "since updating",
    "since upgrading",
    "after updating",
    "after upgrading",
    "after i upgraded",
    "after i installed",
    "desde que actualice",
    "depuis que j'ai mis a jour",
    "seit ich aktualisiert",
    "desde que activamos",
    "desde que cambiamos",
    "desde que configuramos",
    "despues de activar",
    "despues de cambiar",
    "depuis qu'on a active",
    "depuis que nous avons active",
    "depuis qu'on a change",
    "depuis que nous avons change",
    "apres avoir active",
    "apres avoir change",
];

/// A battery, and words of it being flat: together, the customer's own
/// device ran out ("Akku von der Fernbedienung ist leer und jetzt geht gar
/// nix mehr" is one remote, not an outage).
const BATTERY: &[&str] = &["battery", "batteries", "akku", "batterie*", "bateria"];
const FLAT: &[&str] = &["died", "dead", "flat", "ran out", "leer", "vide", "agotada"];

/// Whether a failure is the customer's own doing, not an outage: a rate
/// limit ([`RATE_LIMITED`]), a change they made ([`OWN_CHANGE`]) or a flat
/// battery ([`BATTERY`], [`FLAT`]), unless
/// they also say the service is down ([`OUTAGE_SAID`]).
pub fn self_inflicted(folded: &Folded) -> bool {
    (has_word(folded, RATE_LIMITED)
        || folded.find(OWN_CHANGE).is_some()
        || (has_word(folded, BATTERY) && has_word(folded, FLAT)))
        && !has_word(folded, OUTAGE_SAID)
}

/// The brand's mistake, named as such ("the late fee, which was your
/// error"): blame for one case, not a failing service. Folded phrases.
const BLAME: &[&str] = &[
    "your error",
    "your mistake",
    "your fault",
    "an error on your side",
    "an error on your part",
    "vuestro error",
    "su error",
    "error suyo",
    "votre erreur",
    "erreur de votre part",
    "euer fehler",
    "ihr fehler",
    "ihren fehler",
    "fehler eurerseits",
];

/// Whether the customer blames the brand for a mistake ([`BLAME`]) and
/// says nothing of the service being down ([`OUTAGE_SAID`]).
pub fn blames_a_mistake(folded: &Folded) -> bool {
    folded.find(BLAME).is_some() && !has_word(folded, OUTAGE_SAID)
}

/// Words that name an outage outright, beside a rate limit or the
/// customer's own change.
pub const OUTAGE_SAID: &[&str] = &[
    "down",
    "outage*",
    "offline",
    "incident*",
    "500*",
    "502*",
    "503*",
    "504*",
];

/// "Not down for me": a reply in a thread saying the service works for the
/// writer. The model reads "down" and "pipelines" as an outage; these words
/// rule it out (LABELLING.md: such replies are `general`).
pub const WORKS_FOR_ME: &[&str] = &[
    // Found to be the only one: "can't log in… just me apparently?",
    // "Mes collègues, eux, y arrivent", "works fine on my colleague's box".
    "just me apparently",
    "only me apparently",
    "y arrivent",
    "marche pour eux",
    "marche chez eux",
    "fonctionne chez eux",
    "works fine on",
    "works for my",
    "works for them",
    "a ellos les funciona",
    "a ellos si",
    "bei den anderen geht",
    "bei meinen kollegen geht",
    "bei meinem kollegen geht",
    "not down",
    "isn't down",
    "isnt down",
    "works for me",
    "working for me",
    "works fine for me",
    "fine for me",
    "fine here",
    "working fine",
    "running normally",
    "all good here",
    "me funciona",
    "a mi me va",
    "funciona bien",
    "chez moi ca marche",
    "ca marche chez moi",
    "marche bien",
    "fonctionne bien",
    "bei mir geht",
    "bei mir lauft",
    "lauft bei mir",
    "geht bei mir",
    "funktioniert bei mir",
    // The writer found the cause on their side ("is it down or my wifi?
    // nvm it's my wifi").
    "nvm",
    "never mind",
    "nevermind",
    "false alarm",
    "it's my wifi",
    "it was my wifi",
    "it's my internet",
    "it was my internet",
];

/// Words of a complaint asked as a question ("why is your service so
/// slow?", "¿por qué tardáis tanto?"): such a question is no neutral one.
/// Words of a customer badly treated ("me ha tratado fatal", "q poca
/// educación", "Disgraceful."). Matched like [`CONFIRMING`].
pub const MISTREATED: &[&str] = &[
    "rude*",
    "disgrace*",
    "disgusting",
    "appalling",
    "shocking",
    "treated",
    "tratado",
    "trato",
    "fatal",
    "educacion",
    "maleducad*",
    "grossier*",
    "impoli*",
    "mepris*",
    "unfreundlich*",
    "unverschamt*",
    "respektlos*",
];

pub const COMPLAINING: &[&str] = &[
    "why",
    "slow*",
    "rude",
    // On hold on the phone, not a plan put on hold ("can i put crumb on
    // hold for two months without cancelling?").
    "been on hold",
    "kept on hold",
    "kept me on hold",
    "left on hold",
    "left me on hold",
    "hold music",
    "minutes on hold",
    "mins on hold",
    "hour on hold",
    "hours on hold",
    "on hold again",
    "on hold forever",
    "wait*",
    "queue*",
    "terrible",
    "awful",
    "worst",
    "useless",
    "ridiculous",
    "joke",
    "disappoint*",
    "poor",
    "por que",
    "tardais",
    "lent*",
    "pourquoi",
    "attente",
    "warum",
    "langsam*",
    "warte*",
];

/// Openings of a question, for messages typed without a `?` ("the cash
/// machine kept my card, what now", "comment je fais pour débloquer ma
/// carte"). Only phrases: a lone "how" or "wie" opens a statement as often.
pub const ASKING: &[&str] = &[
    // English
    "how do i",
    "how do we",
    "how can i",
    "how can we",
    "how long",
    "how much",
    "how many",
    "how to",
    "what now",
    "what do i",
    "what do we",
    "what should i",
    "what can i",
    "what time",
    "what size",
    "which size",
    "whats the",
    "what's the",
    "what is the",
    "when will",
    "when does",
    "where can i",
    "where do i",
    "is there a way",
    "is it possible",
    "can i",
    "do i need",
    "do you know",
    "any way to",
    "wondering if",
    "let me know how",
    // French
    "comment faire",
    "comment je",
    "comment puis",
    "comment on",
    "je fais comment",
    "on fait comment",
    "est-ce que",
    "est ce que",
    "que dois-je",
    "que faire",
    "quel est",
    "quelle est",
    "a quelle heure",
    "c'est normal",
    "pouvez-vous me dire",
    // Spanish
    "como puedo",
    "como hago",
    "como se",
    "que hago",
    "que tengo que",
    "a que hora",
    "se puede",
    "me podeis decir",
    "podrian indicar",
    // German
    "wie kann",
    "wie lange",
    "wie viel",
    "wie bekomme",
    "was muss",
    "was kann ich",
    "was soll ich",
    "kann ich",
    "muss ich",
    "gibt es",
    "bis wann",
    "wo finde",
];

/// Whether `text` asks something: a question mark outside a link, or a
/// question's opening (`ASKING`) when the customer typed none.
pub fn asks(text: &str) -> bool {
    text.split_whitespace()
        .filter(|word| !(word.contains("://") || word.starts_with("www.")))
        .any(|word| word.contains(['?', '¿']))
        || has_word(&Folded::new(text), ASKING)
}

/// Whether `text` has one of `words`: a word ending in `*` is a prefix
/// (`injur*` matches `injured`), one with a space a phrase, any other a
/// whole word.
pub fn has_word(text: &Folded, words: &[&str]) -> bool {
    words.iter().any(|w| match w.strip_suffix('*') {
        Some(prefix) => text
            .as_str()
            .split(|c: char| !c.is_alphanumeric())
            .any(|word| word.starts_with(prefix)),
        None => text.contains(w),
    })
}

/// Checked in order when the model is unsure.
pub const FALLBACK: &[IntentRule] = &[
    IntentRule {
        intent: "cancellation",
        phrases: &[
            "cancel",
            "unsubscribe",
            "close my account",
            "delete my account",
            "supprimer mon compte",
            "eliminar mi cuenta",
            "borrar mi cuenta",
            "konto loschen",
            "cancelar",
            "darme de baja",
            "annuler",
            "resilier",
            "kundigen",
            "kundigung",
            "stornieren",
        ],
    },
    IntentRule {
        intent: "refund",
        phrases: &[
            "refund",
            "money back",
            "reimburse",
            "reembolso",
            "devolucion del dinero",
            "rembourser",
            "remboursement",
            "erstattung",
            "ruckerstattung",
            "geld zuruck",
        ],
    },
    IntentRule {
        intent: "billing",
        phrases: &[
            "charged",
            "charge",
            "invoice",
            "billing",
            "overcharged",
            "cobro",
            "cobrado",
            "factura",
            "preleve",
            "prelevement",
            "facture",
            "abgebucht",
            "rechnung",
            "abbuchung",
        ],
    },
    IntentRule {
        intent: "damaged",
        phrases: &[
            "arrived damaged",
            "arrived broken",
            "damaged",
            "wrong item",
            "missing parts",
            "llego roto",
            "llego danado",
            "arrive casse",
            "endommage",
            "beschadigt",
            "kaputt angekommen",
        ],
    },
    IntentRule {
        intent: "delivery",
        phrases: &[
            "delivery",
            "package",
            "parcel",
            "shipping",
            "tracking",
            "never arrived",
            "hasn't arrived",
            "not arrived",
            "my order",
            "pedido",
            "envio",
            "commande",
            "livraison",
            "colis",
            "bestellung",
            "lieferung",
            "paket",
        ],
    },
    IntentRule {
        intent: "account",
        phrases: &[
            "log in",
            "login",
            "password",
            "locked out",
            "2fa",
            "sign in",
            "contrasena",
            "mot de passe",
            "passwort",
            "anmelden",
        ],
    },
    IntentRule {
        intent: "technical",
        phrases: &[
            "error",
            "bug",
            "crash",
            "crashes",
            "not working",
            "doesn't work",
            "glitch",
            "no funciona",
            "ne marche pas",
            "ne fonctionne pas",
            "funktioniert nicht",
            "fehler",
            // "funktioniert die Integration seit gestern nicht mehr": the
            // verb and its negation apart.
            "nicht mehr",
            "stopped working",
            "ya no funciona",
            "ne marche plus",
            "ne fonctionne plus",
        ],
    },
    IntentRule {
        intent: "feature-request",
        phrases: &[
            "feature request",
            "would be nice",
            "would be great if",
            "please add",
            "any plans to",
            "any plans for",
            "seria genial",
            "ce serait bien",
            "ware cool",
            "waere cool",
            // A wish in so many words ("gibt's anscheinend nicht, wär aber
            // echt praktisch").
            "would be handy",
            "would be useful",
            "would love to see",
            "wish you had",
            "wish there was",
            "seria util",
            "seria practico",
            "estaria bien que",
            "ce serait pratique",
            "ca serait pratique",
            "ca serait bien",
            "ware praktisch",
            "war aber praktisch",
            "war echt praktisch",
            "war aber echt praktisch",
            "ware aber echt praktisch",
            "gibt es dazu plane",
            "gibt es plane",
            "est-il prevu",
            "avez-vous prevu",
            "hay planes",
            "teneis pensado",
            "ware super",
            "ware toll",
        ],
    },
    IntentRule {
        intent: "thanks",
        phrases: &["thanks", "thank you", "gracias", "merci", "danke"],
    },
];

/// The first rule in `rules` with a phrase in `text`: (intent, phrase).
pub fn first_match(rules: &[IntentRule], text: &Folded) -> Option<(&'static str, &'static str)> {
    rules
        .iter()
        .find_map(|rule| text.find(rule.phrases).map(|phrase| (rule.intent, phrase)))
}

/// Whether `phrase` occurs in `text` on word boundaries (where the phrase
/// starts or ends with a letter or digit: `% off` matches in `70% off`).
pub fn contains_phrase(text: &str, phrase: &str) -> bool {
    let starts_word = phrase.chars().next().is_some_and(char::is_alphanumeric);
    let ends_word = phrase
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric);
    text.match_indices(phrase).any(|(start, _)| {
        let end = start + phrase.len();
        let before = text[..start].chars().next_back();
        let after = text[end..].chars().next();
        let joined_before = starts_word && before.is_some_and(char::is_alphanumeric);
        let joined_after = ends_word && after.is_some_and(char::is_alphanumeric);
        !(joined_before || joined_after)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_phrase_starts_with_its_letters_and_digits_in_any_script() {
        assert_eq!(first_word("charged twice"), "charged");
        assert_eq!(first_word("überweisung fehlt"), "überweisung");
        assert_eq!(first_word("café fermé"), "café");
        assert_eq!(first_word("it’s gone"), "it");
        assert_eq!(first_word("wi-fi"), "wi");
        assert_eq!(first_word("24h"), "24h");
        assert_eq!(first_word("« urgent"), "");
        assert_eq!(first_word("!!!"), "");
        // As the slow path reads it, on every kind of start.
        for phrase in ["charged twice", "überweisung", "it’s", "« urgent", "", "é"] {
            let slow = phrase
                .split(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap_or_default();
            assert_eq!(first_word(phrase), slow, "{phrase}");
        }
        let folded = Folded::new("J'ai été débité deux fois, überweisung fehlt");
        assert!(folded.contains("debite deux fois"));
        assert!(!folded.contains("debite trois fois"));
    }

    #[test]
    fn a_burner_is_no_burn() {
        let confirms = |text: &str| has_word(&Folded::new(text), confirming("safety"));
        assert!(!confirms(
            "my stove's burner has gone all rusty after 2 years"
        ));
        assert!(confirms("burnt my hand on the stove"));
        assert!(confirms("it started burning"));
    }

    #[test]
    fn a_question_is_read_without_its_question_mark() {
        for text in [
            "the cash machine kept my card, what now",
            "whats the latest I can send a payment and it still goes today",
            "comment je fais pour débloquer ma carte",
            "bis wann muss die Überweisung raus",
            "¿cuánto tarda una transferencia",
        ] {
            assert!(asks(text), "{text}");
        }
        for text in [
            "the cash machine kept my card this morning",
            "how it works is beyond me, cancel my plan",
            "canister leaked, I can't use the stove",
            "see https://acme.example/track?id=123",
        ] {
            assert!(!asks(text), "{text}");
        }
    }

    #[test]
    fn phrases_are_folded() {
        for rule in DECISIVE.iter().chain(NAMED_AUTO_REPLY).chain(FALLBACK) {
            for phrase in rule.phrases {
                assert_eq!(fold(phrase), *phrase, "{} phrase {phrase:?}", rule.intent);
            }
        }
    }

    #[test]
    fn phrases_match_on_word_boundaries_and_ignore_accents() {
        assert!(contains_phrase("please cancel it", "cancel"));
        assert!(!contains_phrase("the billboard", "bill"));
        assert!(Folded::new("Quiero CANCELAR mi suscripción").contains("cancelar"));
        assert!(Folded::new("Die Kündigung bitte").contains("kundigung"));
    }

    #[test]
    fn decisive_rules_name_their_phrase() {
        let text = Folded::new("Automatic reply: I am out of the office until Monday");
        assert_eq!(
            first_match(DECISIVE, &text),
            Some(("auto-reply", "out of the office"))
        );
        let text = Folded::new("Mi abogado se pondrá en contacto");
        assert_eq!(first_match(DECISIVE, &text), Some(("legal", "abogado")));
    }
}
