//! Tests of language detection: each rule, hostile input, and the hit rate
//! on realistic messages (which must stay at 95% or more).

use super::clean::{MAX_CLEAN_BYTES, clean};
use super::dev_set::DEV;
use super::held_out::HELD_OUT;
use super::vote::{TAGS, Tally};
use super::*;

fn tag(text: &str, hint: Option<&str>) -> Option<String> {
    detect(text, hint).map(|l| l.tag)
}

/// Share of `set` (messages of four words or more) detected right, without
/// a hint; prints each miss.
fn hit_rate(name: &str, set: &[(&str, &str)]) -> f64 {
    let mut hits = 0usize;
    for (expected, text) in set {
        let found = detect(text, None);
        if found.as_ref().map(|l| l.tag.as_str()) == Some(*expected) {
            hits += 1;
        } else {
            println!("{name} miss: want {expected}, got {found:?} for {text:?}");
        }
    }
    let rate = hits as f64 / set.len() as f64;
    println!("{name}: {hits}/{} right = {:.1}%", set.len(), rate * 100.0);
    rate
}

#[test]
fn realistic_messages_hit_95_percent() {
    for (name, set) in [("dev", DEV), ("held-out", HELD_OUT)] {
        for (_, text) in set {
            assert!(clean(text).words >= 4, "{name} needs 4+ words: {text:?}");
        }
        for lang in ["en", "es", "fr", "de"] {
            let n = set.iter().filter(|(t, _)| *t == lang).count();
            assert!(n >= 15, "{name} has only {n} {lang} messages");
        }
        let rate = hit_rate(name, set);
        assert!(rate >= 0.95, "{name} hit rate {:.1}% < 95%", rate * 100.0);
    }
}

#[test]
fn detects_long_texts_and_maps_to_two_letter_tags() {
    let fr = detect(
        "Bonjour, ma commande n'est jamais arrivée et personne ne me répond.",
        None,
    );
    assert_eq!(fr.map(|l| l.tag).as_deref(), Some("fr"));
    let en = detect(
        "My order never arrived and nobody answers my emails at all.",
        Some("de"),
    );
    assert_eq!(en.map(|l| l.tag).as_deref(), Some("en"));
    let ja = detect("注文した商品がまだ届きません。確認してください。", None);
    assert_eq!(ja.map(|l| l.tag).as_deref(), Some("ja"));
}

#[test]
fn short_texts_take_the_platform_hint() {
    let short = detect("ok thx", Some("ja")).expect("hint");
    assert_eq!(short.tag, "ja");
    assert_eq!(short.reason, "language ja (platform hint)");
    assert_eq!(detect("ok thx", None), None);
    assert_eq!(tag("ok", None), None);
    assert_eq!(tag("ok", Some("en")).as_deref(), Some("en"));
}

#[test]
fn the_motivating_spanish_question_is_spanish() {
    let es = detect("hola, cuándo abren mañana?", None).expect("a language");
    assert_eq!(es.tag, "es");
    assert_eq!(es.reason, "language es (word vote: hola, cuándo, mañana)");
    assert_eq!(
        tag("hola, cuándo abren mañana?", Some("en")).as_deref(),
        Some("es")
    );
}

#[test]
fn a_short_spanish_post_to_a_brand_is_spanish() {
    for text in [
        "@AcmeOutdoor ¿hacéis envíos a Canarias?",
        "@LedgerBank ¿me cobráis comisión?",
    ] {
        assert_eq!(tag(text, Some("en")).as_deref(), Some("es"), "{text}");
    }
}

#[test]
fn very_short_texts_answer_only_on_an_unambiguous_vote() {
    assert_eq!(tag("gracias!!", None).as_deref(), Some("es"));
    assert_eq!(tag("merci 🙏", None).as_deref(), Some("fr"));
    assert_eq!(tag("danke schön", None).as_deref(), Some("de"));
    assert_eq!(tag("thanks!", None).as_deref(), Some("en"));
    for ambiguous in [
        "ok", "no", "a", "de", "la", "de la", "no no", "thx", "ok 👍", "lol",
    ] {
        assert_eq!(tag(ambiguous, None), None, "{ambiguous:?}");
    }
}

#[test]
fn the_vote_needs_a_margin_over_the_runner_up() {
    let decide = |text: &str| {
        let c = clean(text);
        Tally::count(c.words(), c.inverted_marks)
            .decide(c.words)
            .map(|d| d.tag())
    };
    assert_eq!(decide("de la"), None, "shared words move no margin");
    assert_eq!(decide("merci gracias"), None, "a tie");
    assert_eq!(decide("q"), None, "one weak word");
    assert_eq!(decide("¿y?"), None, "marks alone are weak");
    assert_eq!(decide("bjr svp"), Some("fr"));
    assert_eq!(decide("xq no"), Some("es"));
    assert_eq!(decide("n'est"), Some("fr"), "elision");
    assert_eq!(decide("straße"), None, "one weak letter");
    assert_eq!(
        decide("größe größe"),
        Some("de"),
        "two telling words of letters"
    );
}

#[test]
fn confident_detection_beats_the_hint_and_a_weak_one_yields_to_it() {
    let long = "Hallo, ich habe meine Bestellung immer noch nicht bekommen.";
    let de = detect(long, Some("en")).expect("a language");
    assert_eq!(de.tag, "de");
    assert!(!de.reason.contains("hint"), "{}", de.reason);
    let pl = "Dzień dobry, nie mogę zalogować się do aplikacji od wczoraj";
    let pl = detect(pl, Some("en")).expect("a language");
    assert_eq!(pl.tag, "pl");
    assert!(
        pl.reason.starts_with("language pl (detected, confidence "),
        "{}",
        pl.reason
    );
    // "hallo" is de or nl: too weak to overrule the hint.
    assert_eq!(tag("hallo", Some("nl")).as_deref(), Some("nl"));
    assert_eq!(tag("merci", Some("de")).as_deref(), Some("de"));
    assert_eq!(tag("merci", None).as_deref(), Some("fr"));
}

#[test]
fn weak_evidence_takes_whatlangs_guess_only_when_nothing_contradicts_it() {
    // No word of the tables: whatlang's unsure guess, one of the seven.
    let en = detect("great boots, terrible customer service tho", None).expect("a guess");
    assert_eq!(en.tag, "en");
    assert!(
        en.reason
            .starts_with("language en (detected, confidence 0."),
        "{}",
        en.reason
    );
    // A hint still comes first.
    assert_eq!(
        tag("great boots, terrible customer service tho", Some("fr")).as_deref(),
        Some("fr")
    );
}

#[test]
fn no_language_hints_are_no_hint() {
    for hint in [
        "und", "zxx", "qme", "qht", "qam", "qct", "qst", "qaa", "mul", "", " ", "UND", "x", "12",
    ] {
        assert_eq!(tag("ok", Some(hint)), None, "{hint:?}");
    }
    assert_eq!(tag("ok", Some("es-MX")).as_deref(), Some("es"));
    assert_eq!(tag("ok", Some("in")).as_deref(), Some("id"));
    assert_eq!(tag("ok", Some("en-GB")).as_deref(), Some("en"));
    assert_eq!(tag("ok", Some("fil")).as_deref(), Some("fil"));
    assert_eq!(tag("gracias", Some("qme")).as_deref(), Some("es"));
}

#[test]
fn cleaning_drops_handles_links_tags_addresses_emoji_and_digits() {
    let c = clean(
        "@Acme_Help .@bob hola!! 🙏 mira https://x.co/a www.acme.com/x bit.ly/3xYz acme.com \
         #BlackFriday #ayuda yo@mail.com pedido 4421 el 2fa falla ¿¡",
    );
    assert_eq!(c.text, "hola mira pedido el falla");
    assert_eq!(c.words, 5);
    assert_eq!(c.inverted_marks, 2);
    assert_eq!(
        clean("holaaaa graciasss!!! l’adresse n´est").text,
        "hola gracias l'adresse n'est"
    );
    assert_eq!(
        clean("cafe\u{301} e-mail ok.thanks").text,
        "cafe e mail ok thanks"
    );
    assert_eq!(
        clean("tents &amp; boots&#39;s AT&T &").text,
        "tents boots s at t"
    );
}

#[test]
fn cleaning_cuts_quoted_email_history() {
    let cases = [
        "Still broken.\n\nOn Mon, Nov 3, 2026 at 9:14 AM Acme <a@b.c> wrote:\n> Hola",
        "Still broken.\nOn Mon, Nov 3, 2026 at 9:14 AM Acme Support <\nsupport@acme.com> wrote:\n> x",
        "Still broken.\nEl lun, 3 nov 2026 a las 10:00, Acme <a@b.c> escribió:\nHola",
        "Still broken.\nLe lun. 3 nov. 2026 à 10:00, Acme <a@b.c> a écrit :\nBonjour",
        "Still broken.\nAm Mo., 3. Nov. 2026 um 10:00 Uhr schrieb Acme <a@b.c>:\nHallo",
        "Still broken.\n> quoted line\n>> older line",
        "Still broken.\n--\nJane Doe | Head of Everything",
        "Still broken.\n-----Original Message-----\nFrom: x",
        "Still broken.\nFrom: Acme Support\nSent: Monday\nHello",
    ];
    for text in cases {
        assert_eq!(clean(text).text, "still broken", "{text:?}");
    }
    assert_eq!(clean("> only quoted\n> history").words, 0);
}

#[test]
fn hostile_input_is_bounded_and_answers_nothing_odd() {
    let huge = "hola ".repeat(20_000) + &"x".repeat(100_000);
    let c = clean(&huge);
    assert!(c.text.len() <= MAX_CLEAN_BYTES + 8);
    assert_eq!(tag(&huge, None).as_deref(), Some("es"));
    let one_word = "a".repeat(100_000);
    assert_eq!(tag(&one_word, None), None);
    assert_eq!(tag(&"😡🙏👍🔥".repeat(25_000), None), None);
    assert_eq!(tag(&"😡".repeat(1000), Some("fr")).as_deref(), Some("fr"));
    let links = "https://t.co/abc www.acme.com bit.ly/x @acme #help ".repeat(2_000);
    assert_eq!(tag(&links, None), None);
    assert_eq!(tag("", None), None);
    assert_eq!(tag("1234 5678 !!! ???", None), None);
    assert_eq!(tag(&"\n>".repeat(50_000), None), None);
}

#[test]
fn word_tables_are_sorted_and_lower_case() {
    for (tag, table) in TAGS.iter().chain(&["weak"]).zip(super::words::tables()) {
        assert!(
            table.windows(2).all(|w| w[0] < w[1]),
            "{tag} table is not sorted"
        );
        assert!(table.iter().all(|w| *w == w.to_lowercase()), "{tag}");
        assert!(
            *tag == "weak" || (60..=160).contains(&table.len()),
            "{tag}: {}",
            table.len()
        );
    }
}

#[test]
fn a_fifty_word_post_with_handles_links_and_emoji_is_detected() {
    // Speed is measured by `bench_triage` (`cargo xtask bench`), not here.
    let text = "Hola buenas, llevo dos semanas esperando el reembolso del pedido que \
                devolví en la tienda de Madrid y nadie me contesta, ya he escrito tres \
                veces por correo y por aquí, me podéis decir qué pasa? @AcmeOutdoor \
                https://t.co/abc #atencionalcliente 😡 gracias de antemano, un saludo";
    assert_eq!(tag(text, None).as_deref(), Some("es"));
}

#[test]
fn other_languages_are_not_forced_into_the_seven() {
    let cases = [
        (
            "pl",
            "Dzień dobry, nie mogę zalogować się do aplikacji od wczoraj",
        ),
        (
            "sv",
            "Hej, min beställning har inte kommit fram och ingen svarar på mejl",
        ),
        (
            "tr",
            "Siparişim hala gelmedi, kargo takip numarası çalışmıyor",
        ),
        ("ja", "ログインできません"),
        (
            "pt",
            "Olá, minha encomenda ainda não chegou, alguém pode me ajudar?",
        ),
        (
            "it",
            "Buongiorno, il mio ordine non è ancora arrivato, potete aiutarmi?",
        ),
        (
            "nl",
            "Hoi, mijn pakket is nog steeds niet geleverd, kunnen jullie helpen?",
        ),
    ];
    for (want, text) in cases {
        assert_eq!(tag(text, None).as_deref(), Some(want), "{text:?}");
    }
    // Russian: whatlang 0.18 says bg, even sure on longer texts (left as
    // is); its unsure guess is not taken, and the vote never claims it.
    let short_russian = tag("Здравствуйте, мой заказ до сих пор не пришёл", None);
    assert_eq!(short_russian, None);
    let long_russian = tag(
        "Здравствуйте! Я оформил заказ две недели назад, но он до сих пор не \
         пришёл, а в службе поддержки мне никто не отвечает.",
        None,
    );
    assert!(long_russian.is_some_and(|t| !TAGS.contains(&t.as_str())));
    // whatlang takes short Spanish for Catalan: a relative contests no vote.
    assert_eq!(
        tag(
            "hola, me llegó la mochila con una correa rota, qué hago?",
            None
        )
        .as_deref(),
        Some("es")
    );
    // Polish typed without its letters still must not come out as a vote language.
    let ascii_polish = tag(
        "nie moge sie zalogowac do aplikacji i to juz drugi dzien",
        None,
    );
    assert!(ascii_polish.is_none_or(|t| !TAGS.contains(&t.as_str())));
    let ascii_long = [
        "dzien dobry zamowilem namiot dwa tygodnie temu i nadal nie zostal wyslany a to \
         juz drugi raz i nikt mi nie odpowiada na maile ani na czacie",
        "selamat pagi saya sudah pesan tenda dua minggu lalu tapi sampai sekarang belum \
         dikirim dan tidak ada yang membalas email saya",
        "hej jag bestallde ett talt for tva veckor sedan och det har fortfarande inte \
         skickats och ingen svarar pa mina mejl",
    ];
    for text in ascii_long {
        let found = tag(text, None);
        assert!(
            found.as_deref().is_none_or(|t| !TAGS.contains(&t)),
            "{found:?} {text:?}"
        );
    }
}
