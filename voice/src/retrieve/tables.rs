//! The hand-written tables behind [`super`]: stopwords per language, the
//! noise of web addresses, accent folding, and the care-domain synonyms.
//!
//! Everything here is written in plain words, as a person types them; the
//! analyser stems and folds the entries once, lazily (see `analyze`).

/// English stopwords: function words, plus chat filler that says nothing
/// about what a customer needs ("hi", "pls", "thanks"). Words that carry a
/// care meaning ("down", "off", "out", "open", "back") are left out on
/// purpose.
pub(crate) const STOP_EN: &[&str] = &[
    "a", "about", "after", "again", "all", "also", "am", "an", "and", "any", "are", "aren", "as",
    "at", "be", "been", "before", "being", "both", "but", "by", "can", "cant", "could", "couldn",
    "did", "didn", "didnt", "do", "does", "doesn", "doesnt", "doing", "don", "dont", "each", "for",
    "from", "get", "gets", "getting", "got", "guys", "had", "has", "hasn", "have", "haven",
    "having", "he", "hello", "her", "here", "hers", "hey", "hi", "him", "his", "how", "i", "if",
    "im", "in", "into", "ll", "is", "isn", "isnt", "it", "its", "ive", "just", "know", "let",
    "lol", "me", "mine", "more", "most", "much", "must", "my", "need", "no", "nor", "not", "now",
    "of", "ok", "okay", "on", "once", "only", "or", "other", "our", "ours", "please", "pls", "plz",
    "re", "same", "she", "should", "so", "some", "such", "than", "thank", "thanks", "that", "the",
    "their", "them", "then", "there", "these", "they", "this", "those", "thx", "to", "too", "u",
    "ur", "us", "ve", "very", "want", "was", "wasn", "we", "were", "what", "when", "where",
    "which", "while", "who", "whom", "why", "will", "with", "won", "would", "wouldn", "yes", "you",
    "your", "yours",
];

/// Everyday words that say nothing about which snippet answers: time
/// ("days", "next", "morning"), quantity ("one", "every"), and verbs and
/// nouns any message uses ("come", "order", "new"). They still add to a
/// snippet's score, at [`super::WEAK_WEIGHT`], but give no evidence, so
/// "order … over … days" never makes the delivery-times snippet an answer
/// to a damaged tent. Compared folded and lowercased, as written (no
/// stemming): list the forms.
pub(crate) const WEAK_EN: &[&str] = &[
    "afternoon",
    "ago",
    "already",
    "always",
    "anyone",
    "anything",
    "asked",
    "away",
    "back",
    "bad",
    "big",
    "bit",
    "came",
    "clean",
    "come",
    "day",
    "days",
    "evening",
    "even",
    "ever",
    "every",
    "everyone",
    "everything",
    "first",
    "found",
    "go",
    "going",
    "gone",
    "good",
    "great",
    "hour",
    "item",
    "last",
    "little",
    "look",
    "lot",
    "made",
    "make",
    "minute",
    "minutes",
    "month",
    "months",
    "morning",
    "never",
    "new",
    "next",
    "night",
    "nothing",
    "off",
    "old",
    "one",
    "order",
    "ordered",
    "orders",
    "out",
    "over",
    "people",
    "really",
    "right",
    "said",
    "say",
    "see",
    "someone",
    "something",
    "still",
    "stuff",
    "sure",
    "take",
    "thing",
    "things",
    "three",
    "time",
    "times",
    "today",
    "told",
    "tomorrow",
    "tonight",
    "took",
    "two",
    "up",
    "use",
    "used",
    "way",
    "week",
    "weeks",
    "well",
    "went",
    "year",
    "years",
    "yesterday",
];

/// Spanish everyday words (see [`WEAK_EN`]).
pub(crate) const WEAK_ES: &[&str] = &[
    "ahora", "ano", "anos", "ayer", "bien", "cosa", "dia", "dias", "dos", "hace", "hoy", "mal",
    "manana", "mes", "meses", "nuevo", "nueva", "pedido", "semana", "semanas", "siempre", "tiempo",
    "todavia", "tres", "vez", "veces",
];

/// French everyday words (see [`WEAK_EN`]).
pub(crate) const WEAK_FR: &[&str] = &[
    "an", "ans", "annee", "aujourd", "bien", "chose", "commande", "demain", "deux", "encore",
    "fait", "fois", "hier", "jour", "jours", "mois", "nouveau", "nouvelle", "semaine", "semaines",
    "temps", "toujours", "trois",
];

/// German everyday words (see [`WEAK_EN`]).
pub(crate) const WEAK_DE: &[&str] = &[
    "bestellung",
    "drei",
    "gestern",
    "heute",
    "immer",
    "jahr",
    "jahre",
    "mal",
    "monat",
    "monate",
    "morgen",
    "neu",
    "neue",
    "noch",
    "schon",
    "tag",
    "tage",
    "woche",
    "wochen",
    "zeit",
    "zwei",
];

/// Spanish stopwords (accents optional: entries are compared folded).
pub(crate) const STOP_ES: &[&str] = &[
    "a", "al", "algo", "algun", "alguna", "algunas", "alguno", "algunos", "ante", "como", "con",
    "contra", "cual", "cuando", "de", "del", "desde", "donde", "durante", "e", "el", "ella",
    "ellas", "ellos", "en", "entre", "era", "es", "esa", "esas", "ese", "eso", "esos", "esta",
    "estan", "estas", "este", "esto", "estos", "estoy", "fue", "gracias", "ha", "han", "hasta",
    "hay", "he", "hola", "la", "las", "le", "les", "lo", "los", "me", "mi", "mis", "mucho", "muy",
    "nada", "ni", "no", "nos", "nosotros", "o", "os", "otra", "otro", "para", "pero", "poco",
    "por", "porque", "puede", "pueden", "puedo", "que", "quiero", "se", "sea", "ser", "si", "sin",
    "sobre", "son", "su", "sus", "tambien", "te", "tengo", "ti", "tiene", "todo", "todos", "tu",
    "tus", "un", "una", "unas", "uno", "unos", "usted", "vosotros", "y", "ya", "yo",
];

/// French stopwords, including the elided forms left by an apostrophe
/// (`l'`, `d'`, `qu'`).
pub(crate) const STOP_FR: &[&str] = &[
    "a", "ai", "au", "aux", "avec", "avez", "avoir", "bonjour", "c", "ce", "ces", "cette", "comme",
    "comment", "d", "dans", "de", "des", "du", "elle", "en", "est", "et", "etre", "eu", "il",
    "ils", "j", "je", "l", "la", "le", "les", "leur", "lui", "m", "ma", "mais", "me", "merci",
    "mes", "moi", "mon", "n", "ne", "nos", "notre", "nous", "on", "ou", "par", "pas", "peut",
    "peux", "plus", "pour", "qu", "quand", "que", "quel", "quelle", "qui", "s", "sa", "salut",
    "se", "ses", "si", "son", "sont", "sur", "t", "ta", "te", "tes", "toi", "ton", "tres", "tu",
    "un", "une", "veux", "voudrais", "vos", "votre", "vous", "y",
];

/// German stopwords.
pub(crate) const STOP_DE: &[&str] = &[
    "aber", "alle", "als", "also", "am", "an", "auch", "auf", "aus", "bei", "bin", "bis", "bitte",
    "da", "danke", "das", "dass", "dem", "den", "der", "des", "die", "dies", "diese", "dieser",
    "doch", "du", "durch", "ein", "eine", "einem", "einen", "einer", "eines", "er", "es", "euch",
    "euer", "fur", "hab", "habe", "haben", "hallo", "hat", "ich", "ihr", "ihre", "im", "in", "ist",
    "ja", "kann", "konnen", "mein", "meine", "meinen", "meiner", "mich", "mir", "mit", "muss",
    "nach", "nein", "nicht", "noch", "nur", "oder", "sich", "sie", "sind", "so", "uber", "um",
    "und", "uns", "unser", "von", "vor", "war", "was", "wie", "wir", "wird", "wo", "zu", "zum",
    "zur",
];

/// Pieces of web addresses that say nothing (`https`, `www`, `com`); dropped
/// in every language.
pub(crate) const URL_NOISE: &[&str] = &["com", "htm", "html", "http", "https", "net", "org", "www"];

/// Accent folding, applied after stemming: each char of the left string
/// becomes the right string. Lowercase only (analysis lowercases first).
pub(crate) const ACCENTS: &[(&str, &str)] = &[
    ("àáâãäåāăą", "a"),
    ("æ", "ae"),
    ("çćč", "c"),
    ("ďđ", "d"),
    ("èéêëēėęě", "e"),
    ("ğ", "g"),
    ("ìíîïīįı", "i"),
    ("ł", "l"),
    ("ñńň", "n"),
    ("òóôõöøō", "o"),
    ("œ", "oe"),
    ("ř", "r"),
    ("śšş", "s"),
    ("ß", "ss"),
    ("ťţ", "t"),
    ("ùúûüūůű", "u"),
    ("ýÿ", "y"),
    ("źżž", "z"),
];

/// One care-domain concept and how each language says it. Entries may be
/// phrases ("send back", "mot de passe"); a phrase matches its words in
/// order with at most [`MAX_GAP`] stopwords between them ("send *it*
/// back", "close *my* account").
#[derive(Debug)]
pub(crate) struct Concept {
    /// Stable id, shown in a hit's rationale ("send back (return)").
    pub id: &'static str,
    /// English words and phrases.
    pub en: &'static [&'static str],
    /// Spanish.
    pub es: &'static [&'static str],
    /// French.
    pub fr: &'static [&'static str],
    /// German.
    pub de: &'static [&'static str],
}

/// Stopwords a synonym phrase may skip between two of its words.
pub(crate) const MAX_GAP: usize = 2;

/// The care-domain synonyms. A concept is shared by the four languages, so a
/// Spanish "devolver" also reaches an English "return" (at the synonym
/// weight), which is what lets a query find an untranslated snippet.
pub(crate) const CONCEPTS: &[Concept] = &[
    Concept {
        id: "return",
        en: &["return", "send back", "bring back", "exchange"],
        es: &[
            "devolver",
            "devolución",
            "devoluciones",
            "devuelvo",
            "cambiar",
            "cambio",
        ],
        fr: &["retour", "retourner", "renvoyer", "échanger", "échange"],
        de: &[
            "Rücksendung",
            "zurückschicken",
            "zurücksenden",
            "Retoure",
            "Umtausch",
            "umtauschen",
        ],
    },
    Concept {
        id: "refund",
        en: &["refund", "money back", "reimburse", "reimbursement"],
        es: &[
            "reembolso",
            "reembolsar",
            "devolver dinero",
            "devolución dinero",
        ],
        fr: &["remboursement", "rembourser", "remboursé"],
        de: &["Erstattung", "erstatten", "Rückerstattung", "Geld zurück"],
    },
    Concept {
        id: "shipping",
        en: &[
            "shipping", "shipment", "delivery", "deliver", "parcel", "package", "dispatch",
            "next day", "next-day", "express",
        ],
        es: &[
            "envío",
            "entrega",
            "entregar",
            "paquete",
            "reparto",
            "día siguiente",
            "urgente",
        ],
        fr: &[
            "livraison",
            "livrer",
            "colis",
            "envoi",
            "expédition",
            "expédier",
        ],
        de: &[
            "Lieferung",
            "liefern",
            "Versand",
            "versenden",
            "Paket",
            "Zustellung",
        ],
    },
    Concept {
        id: "login",
        en: &["login", "log in", "log on", "sign in", "signin"],
        es: &["iniciar sesión", "acceder", "acceso"],
        fr: &["connexion", "connecter", "identifier"],
        de: &["anmelden", "Anmeldung", "einloggen", "Login"],
    },
    Concept {
        id: "cancel",
        en: &[
            "cancel",
            "cancellation",
            "unsubscribe",
            "close account",
            "delete account",
        ],
        es: &[
            "cancelar",
            "cancelación",
            "darme de baja",
            "dar de baja",
            "anular",
        ],
        fr: &[
            "annuler",
            "annulation",
            "résilier",
            "résiliation",
            "désabonner",
        ],
        de: &[
            "kündigen",
            "Kündigung",
            "stornieren",
            "Stornierung",
            "abbestellen",
        ],
    },
    Concept {
        id: "invoice",
        en: &["invoice", "receipt", "bill"],
        es: &["factura", "recibo"],
        fr: &["facture", "reçu"],
        de: &["Rechnung", "Quittung", "Beleg"],
    },
    Concept {
        id: "fee",
        en: &["fee", "charge", "cost", "price"],
        es: &["tarifa", "cargo", "coste", "costo", "precio", "comisión"],
        fr: &["frais", "tarif", "prix", "coût"],
        de: &["Gebühr", "Kosten", "Preis"],
    },
    Concept {
        id: "broken",
        en: &["broken", "faulty", "defective", "defect", "damaged"],
        es: &["roto", "defectuoso", "dañado", "estropeado"],
        fr: &["cassé", "défectueux", "endommagé", "abîmé"],
        de: &["kaputt", "defekt", "beschädigt"],
    },
    Concept {
        id: "hours",
        en: &[
            "hours",
            "open",
            "opening",
            "closing",
            "what time close",
            "close on",
            "sunday",
            "sundays",
            "bank holiday",
        ],
        es: &[
            "horario", "abierto", "abren", "cierran", "domingo", "domingos",
        ],
        fr: &[
            "horaires",
            "ouvert",
            "ouverture",
            "fermez",
            "ferme",
            "dimanche",
        ],
        de: &[
            "Öffnungszeiten",
            "geöffnet",
            "Uhrzeit",
            "schließt",
            "Sonntag",
            "sonntags",
        ],
    },
    Concept {
        id: "outage",
        en: &["down", "outage", "offline", "not working", "unavailable"],
        es: &["caído", "caída", "no funciona", "fuera de servicio"],
        fr: &["panne", "hors ligne", "indisponible", "ne marche pas"],
        de: &[
            "Störung",
            "Ausfall",
            "offline",
            "funktioniert nicht",
            "nicht erreichbar",
        ],
    },
    Concept {
        id: "password",
        en: &["password", "pin", "passcode"],
        es: &["contraseña", "clave", "pin"],
        fr: &["mot de passe", "pin"],
        de: &["Passwort", "Kennwort", "PIN"],
    },
];
