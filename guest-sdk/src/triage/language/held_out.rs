//! Realistic care messages in en/es/fr/de written after the rule was tuned
//! and never tuned on, the honest measure: X posts, chat lines and emails
//! with @handles, links, hashtags, emoji, typos, missing accents and quoted
//! history.

/// (expected tag, text), four words or more.
pub const HELD_OUT: &[(&str, &str)] = &[
    (
        "en",
        "@AcmeOutdoor @AcmeHelp ordered the 3-person tent, arrived missing the rainfly 😤",
    ),
    ("en", "anyone else getting 502s on the dashboard?"),
    ("en", "hi! quick q - do you guys do student discounts?"),
    (
        "en",
        "been on hold 45 mins now... this is ridiculous #customerservice",
    ),
    (
        "en",
        "my card got declined at checkout but the money left my account??",
    ),
    (
        "en",
        "Hello,\n\nPlease close my account and delete my data.\n\nRegards,\nTom Becker\n--\nSent from Outlook",
    ),
    (
        "en",
        "just wanted to say the guy at the Leeds store was brilliant 👏",
    ),
    ("en", "your app logged me out and now it wont accept my pin"),
    (
        "en",
        "is there a way to export invoices as csv? https://forgekit.io/docs",
    ),
    (
        "en",
        "@LedgerBank someone took 300 quid from my acct, didnt authorise this",
    ),
    ("en", "whens the next restock for the 45L pack"),
    ("en", "the new update broke dark mode on ipad lol"),
    ("en", "sent my boots back 3 weeks ago, no refund yet"),
    (
        "en",
        "ok so the parcel went to my neighbours house instead 🙄",
    ),
    (
        "en",
        "pretty sure I was billed twice this month, can someone check",
    ),
    ("en", "how long does standard shipping take to ireland?"),
    (
        "en",
        "deploys failing with \"permission denied\" since this morning, help",
    ),
    ("en", "cheers for sorting that so quick!"),
    ("es", "@AcmeOutdoor hola, cuando abren mañana??"),
    (
        "es",
        "Hola! me llegó la talla equivocada, como hago el cambio?",
    ),
    ("es", "llevo 3 dias sin poder entrar a la app 😤"),
    (
        "es",
        "alguien de @LedgerBank me puede explicar este cobro???",
    ),
    ("es", "no me ha llegado el reembolso y ya pasaron 2 semanas"),
    (
        "es",
        "Buenas tardes,\n\nQuisiera saber el estado de mi devolución.\n\nUn saludo,\nMarta\n\nEl mar, 4 nov 2026, 12:03, Acme <help@acme.com> escribió:\n> Hi Marta,",
    ),
    ("es", "que verguenza de atencion, nadie me responde #pesimo"),
    ("es", "el paquete esta retenido en aduana, que hago?"),
    ("es", "muchas gracias por resolverlo tan rapido 🙌"),
    ("es", "se puede pagar en cuotas sin interes?"),
    ("es", "me hackearon la cuenta y cambiaron el correo!!"),
    ("es", "tienen tiendas en valencia o solo online?"),
    ("es", "la aplicacion me dice error 500 todo el rato"),
    ("es", "quiero dar de baja mi suscripcion ya"),
    (
        "es",
        "hola, el repartidor dejo el paquete en otra direccion",
    ),
    ("es", "por q me cobran comision por transferir??"),
    (
        "es",
        "la chaqueta se descosio al primer uso, tiene garantia?",
    ),
    ("fr", "bjr ma commande est tjrs pas arrivée 😡"),
    (
        "fr",
        "@AcmeOutdoor Bonjour, est-ce que vous livrez en Suisse ?",
    ),
    ("fr", "je n'arrive plus à me connecter à mon espace client"),
    (
        "fr",
        "Bonjour,\n\nJe n'ai toujours pas reçu ma facture du mois dernier.\n\nBien à vous,\nClaire\n\nLe mar. 4 nov. 2026 à 12:03, Acme <help@acme.com> a écrit :\n> Hi Claire,",
    ),
    ("fr", "on m'a debité 2 fois la meme somme, c normal ??"),
    ("fr", "merci à Sophie pour son aide au magasin 😊"),
    ("fr", "la doudoune est arrivée déchirée, je veux un échange"),
    ("fr", "vous avez des codes promo pour les étudiants ?"),
    ("fr", "ça fait une semaine que j'attends une réponse"),
    ("fr", "mon colis est bloqué au dépôt depuis lundi"),
    ("fr", "l'application ne s'ouvre plus sur mon téléphone"),
    ("fr", "je souhaite clôturer mon compte svp"),
    ("fr", "c'est quoi ces frais de tenue de compte ??"),
    ("fr", "impossible de payer par carte sur le site"),
    ("fr", "des news pour mon remboursement ? toujours rien"),
    (
        "fr",
        "Le service client est vraiment nul, aucune réponse #honte",
    ),
    ("fr", "est ce que je peux retourner un article en magasin"),
    ("de", "hab mein passwort vergessen, komm nicht rein"),
    (
        "de",
        "@AcmeOutdoor meine Bestellung ist immer noch nicht da 😠",
    ),
    (
        "de",
        "Hallo,\n\nbitte schicken Sie mir eine neue Rechnung.\n\nViele Grüße\nJonas\n\nAm Di., 4. Nov. 2026 um 12:03 Uhr schrieb Acme <help@acme.com>:\n> Hi Jonas,",
    ),
    ("de", "warum wurde mir das zweimal abgebucht??"),
    ("de", "die lieferung ist schon 5 tage überfällig"),
    (
        "de",
        "Jacke nach einmal tragen kaputt, wie läuft das mit garantie",
    ),
    ("de", "könnt ihr mir sagen wann der laden aufmacht"),
    ("de", "hab seit gestern keinen zugriff mehr auf mein konto"),
    ("de", "vielen dank für die schnelle antwort 👍"),
    ("de", "ist euer server down? nix geht mehr"),
    ("de", "ich will mein geld zurück, sofort"),
    ("de", "kann ich die rücksendung auch in der filiale abgeben"),
    ("de", "Sendung hängt seit Tagen im Verteilzentrum fest"),
    ("de", "Karte verloren, bitte sofort sperren!!"),
    ("de", "wie ändere ich meine adresse in der app"),
    ("de", "schon wieder eine falsche abbuchung auf meinem konto"),
    ("de", "die app stürzt beim öffnen direkt ab #fail"),
];
