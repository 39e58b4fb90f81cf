//! The judge's word lists: what counts as an emoticon, an exclamation, a
//! promotion, a cheery word, an ask to praise, a request, and how each of
//! en/es/fr/de names a fact the customer may already have given. Phrases
//! match ignoring case at the start of a word (see [`super::judge`]).

/// Text emoticons, matched between whitespace (or the text's ends) and a
/// character that is not a letter or digit.
pub(super) const EMOTICONS: &[&str] = &[
    ":)", ":-)", ";)", ";-)", ":D", ":-D", ";D", ":(", ":-(", ":P", ":p", ":-P", "<3", "^^", "^_^",
    "xD", "XD", ":o", ":O",
];

/// Exclamation marks, Spanish opening one included.
pub(super) const EXCLAMATIONS: &[char] = &['!', '¡', '！'];

/// Tip or promotion markers (en, es, fr, de).
pub(super) const PROMOTION: &[&str] = &[
    "tip:",
    "pro tip",
    "quick tip",
    "consejo:",
    "astuce",
    "tipp:",
    "% off",
    "discount",
    "promo",
];

/// Cheery greetings and interjections.
pub(super) const CHEERY: &[&str] = &[
    "hey",
    "yay",
    "woohoo",
    "awesome",
    "aw,",
    "great news",
    "good news",
    "ugh",
];

/// Asks a praise reply should not make (besides any question mark).
pub(super) const PRAISE_ASKS: &[&str] = &[
    "send us",
    "let us know",
    "let me know",
    "could you",
    "can you",
    "would you",
    "tell us",
    "dm us",
    "pourriez-vous",
    "pouvez-vous",
    "podrías",
    "podria",
    "puedes",
    "könnten sie",
    "können sie",
    "kannst du",
];

/// Requests, per language: a sentence with one of these (or a question
/// mark) asks the customer for something. Promises ("we'll send you a new
/// one") are left out where a verb is both.
pub(super) const REQUESTS: &[(&str, &[&str])] = &[
    (
        "en",
        &[
            "send us",
            "send me",
            "send your",
            "send the",
            "send over",
            "please send",
            "share your",
            "share the",
            "please share",
            "provide your",
            "provide the",
            "please provide",
            "dm us",
            "dm me",
            "message us",
            "let us know",
            "let me know",
            "tell us",
            "tell me",
            "give us",
            "reply with",
            "please confirm",
            "what is your",
            "what's your",
            "could you",
            "can you",
            "would you",
            "we need",
            "we'll need",
            "i need",
            "i'll need",
        ],
    ),
    (
        "es",
        &[
            "envía",
            "envia",
            "envíe",
            "envie",
            "mándanos",
            "mandanos",
            "manda",
            "compártenos",
            "comparte",
            "facilítanos",
            "facilita",
            "indícanos",
            "indicanos",
            "indíquenos",
            "indica",
            "dinos",
            "díganos",
            "dime",
            "confírmanos",
            "confirmanos",
            "confirma",
            "proporciona",
            "podrías",
            "podrias",
            "podría",
            "puedes",
            "escríbenos",
            "necesitamos",
            "necesito",
            "por md",
            "por dm",
        ],
    ),
    (
        "fr",
        &[
            "envoyez",
            "envoie",
            "envoyer",
            "transmettez",
            "communiquez",
            "indiquez",
            "précisez",
            "donnez",
            "partagez",
            "confirmez",
            "pourriez-vous",
            "pouvez-vous",
            "peux-tu",
            "pourrais-tu",
            "écrivez-nous",
            "merci de nous",
            "en mp",
            "en dm",
            "nous avons besoin",
            "j'ai besoin",
        ],
    ),
    (
        "de",
        &[
            "schick",
            "senden sie",
            "sende uns",
            "sende mir",
            "teilen sie",
            "teil uns",
            "nennen sie",
            "nenn uns",
            "geben sie",
            "gib uns",
            "mitteilen",
            "bestätigen sie",
            "könnten sie",
            "können sie",
            "kannst du",
            "könntest du",
            "per dm",
            "per pn",
            "brauchen wir",
            "benötigen wir",
            "brauche ich",
        ],
    ),
];

/// Kinds of given facts that have ask patterns.
pub(super) const FACT_KINDS: &[&str] = &[
    "order_id",
    "email",
    "account_email",
    "phone",
    "amount",
    "date",
    "product",
    "invoice_id",
];

/// How each language names a fact of `kind` (`None` for an unknown kind).
pub(super) fn fact_names(kind: &str) -> Option<&'static [(&'static str, &'static [&'static str])]> {
    Some(match kind {
        "order_id" => &[
            (
                "en",
                &[
                    "order number",
                    "order no",
                    "order #",
                    "order id",
                    "order reference",
                ],
            ),
            (
                "es",
                &[
                    "número de pedido",
                    "numero de pedido",
                    "número del pedido",
                    "nº de pedido",
                    "n.º de pedido",
                    "número de orden",
                    "referencia del pedido",
                ],
            ),
            (
                "fr",
                &[
                    "numéro de commande",
                    "numero de commande",
                    "n° de commande",
                    "référence de commande",
                    "référence de la commande",
                ],
            ),
            ("de", &["bestellnummer", "auftragsnummer", "bestell-nr"]),
        ],
        "email" | "account_email" => &[
            (
                "en",
                &[
                    "email address",
                    "e-mail address",
                    "your email",
                    "your e-mail",
                ],
            ),
            (
                "es",
                &[
                    "correo electrónico",
                    "correo electronico",
                    "dirección de correo",
                    "tu correo",
                    "su correo",
                    "tu email",
                    "su email",
                ],
            ),
            (
                "fr",
                &[
                    "adresse e-mail",
                    "adresse email",
                    "adresse mail",
                    "adresse électronique",
                    "votre e-mail",
                    "votre email",
                    "courriel",
                ],
            ),
            (
                "de",
                &[
                    "e-mail-adresse",
                    "email-adresse",
                    "mailadresse",
                    "e-mail adresse",
                    "ihre e-mail",
                    "deine e-mail",
                ],
            ),
        ],
        "phone" => &[
            (
                "en",
                &[
                    "phone number",
                    "telephone number",
                    "mobile number",
                    "cell number",
                    "contact number",
                ],
            ),
            (
                "es",
                &[
                    "número de teléfono",
                    "numero de telefono",
                    "número de móvil",
                    "tu teléfono",
                    "su teléfono",
                ],
            ),
            (
                "fr",
                &[
                    "numéro de téléphone",
                    "numero de telephone",
                    "numéro de portable",
                    "votre téléphone",
                ],
            ),
            (
                "de",
                &["telefonnummer", "handynummer", "rufnummer", "mobilnummer"],
            ),
        ],
        "amount" => &[
            ("en", &["amount", "how much"]),
            ("es", &["importe", "cantidad", "monto", "cuánto", "cuanto"]),
            ("fr", &["montant", "combien"]),
            ("de", &["betrag", "wie viel", "wieviel"]),
        ],
        "date" => &[
            ("en", &["date", "when did", "what day", "which day"]),
            ("es", &["fecha", "cuándo", "qué día"]),
            ("fr", &["date", "quand", "quel jour"]),
            ("de", &["datum", "wann", "welchem tag", "welchen tag"]),
        ],
        "product" => &[
            (
                "en",
                &[
                    "which product",
                    "what product",
                    "product name",
                    "which model",
                    "what model",
                    "model number",
                    "which item",
                    "item name",
                ],
            ),
            (
                "es",
                &[
                    "qué producto",
                    "cuál producto",
                    "nombre del producto",
                    "qué modelo",
                    "modelo",
                    "qué artículo",
                ],
            ),
            (
                "fr",
                &[
                    "quel produit",
                    "nom du produit",
                    "quel modèle",
                    "modèle",
                    "référence du produit",
                ],
            ),
            (
                "de",
                &[
                    "welches produkt",
                    "welchen artikel",
                    "welches modell",
                    "produktname",
                    "modellnummer",
                    "artikelnummer",
                ],
            ),
        ],
        "invoice_id" => &[
            (
                "en",
                &[
                    "invoice number",
                    "invoice no",
                    "invoice #",
                    "invoice id",
                    "receipt number",
                ],
            ),
            ("es", &["número de factura", "numero de factura"]),
            ("fr", &["numéro de facture", "numero de facture"]),
            ("de", &["rechnungsnummer", "rechnungs-nr"]),
        ],
        _ => return None,
    })
}
