use std::collections::BTreeMap;

use super::*;

fn given(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

fn kinds(text: &str, given: &BTreeMap<String, String>, avoid: &[&str]) -> Vec<String> {
    let avoid: Vec<String> = avoid.iter().map(|s| (*s).to_owned()).collect();
    re_asks(text, given, &avoid)
        .into_iter()
        .map(|r| r.kind)
        .collect()
}

#[test]
fn asking_again_for_a_given_order_number_is_a_re_ask_in_four_languages() {
    let order = given(&[("order_id", "4471-2290")]);
    for text in [
        "Sorry about that. Could you send us your order number?",
        "Please share the order number in a DM and we'll look.",
        "Lo sentimos. ¿Nos envías el número de pedido por MD?",
        "Désolés. Pourriez-vous nous indiquer votre numéro de commande ?",
        "Das tut uns leid. Nennen Sie uns bitte Ihre Bestellnummer.",
        "Können Sie uns die Bestellnummer schicken?",
    ] {
        assert_eq!(kinds(text, &order, &[]), ["order_id"], "{text}");
    }
}

#[test]
fn mentioning_a_given_fact_is_not_a_re_ask() {
    let order = given(&[("order_id", "4471-2290")]);
    for text in [
        "We'll check order 4471-2290 with the carrier today.",
        "Thanks for the order number: we're on it.",
        "Could you tell us if order number 4471-2290 arrived damaged?",
        "Revisamos el pedido 4471-2290 hoy mismo.",
        "Nous vérifions la commande 4471 2290 aujourd'hui.",
        "Wir prüfen die Bestellung 44712290 noch heute.",
        // Asks, but for something else.
        "Could you send us a photo of the damage?",
    ] {
        assert!(kinds(text, &order, &[]).is_empty(), "{text}");
    }
}

#[test]
fn other_kinds_of_fact_and_must_avoid() {
    let facts = given(&[
        ("account_email", "maria@example.es"),
        ("amount", "49.90"),
        ("invoice_id", "INV-2291"),
    ]);
    assert_eq!(
        kinds("What email address is the account under?", &facts, &[]),
        ["account_email"]
    );
    assert_eq!(
        kinds("¿Cuál es el importe del cargo?", &facts, &[]),
        ["amount"]
    );
    assert_eq!(
        kinds(
            "Merci de nous transmettre le numéro de facture.",
            &facts,
            &[]
        ),
        ["invoice_id"]
    );
    // Stating the amount, or promising to write to the address, is not asking.
    assert!(kinds("We'll refund the 49.90 today.", &facts, &[]).is_empty());
    assert!(kinds("Reply to this email if anything changes.", &facts, &[]).is_empty());
    // A must-avoid phrase counts wherever it is.
    assert_eq!(
        kinds(
            "We will look into it. Your order number helps.",
            &facts,
            &["order number"]
        ),
        ["must_avoid"]
    );
    // Kinds with no patterns are only checked through must_avoid.
    assert!(
        kinds(
            "What is your username?",
            &given(&[("username", "mlopez")]),
            &[]
        )
        .is_empty()
    );
}

#[test]
fn tone_markers_on_severe_replies() {
    let none: Vec<String> = Vec::new();
    let cases: &[(&str, &str)] = &[
        ("We're so sorry 🙏 We'll call you today.", "emoji"),
        ("I'm sorry. We are on it :)", "emoticon"),
        ("We are on it!", "exclamation"),
        ("¡Lo sentimos mucho.", "exclamation"),
        ("Sorry. Pro tip: keep the receipt.", "promotion"),
        ("Désolés. Astuce : gardez le reçu.", "promotion"),
        ("Es tut uns leid. Tipp: Beleg aufheben.", "promotion"),
        ("Take 20% off your next order.", "promotion"),
        ("Hey Jo, that sounds awful.", "cheery"),
        ("Ugh, sorry about that.", "cheery"),
        ("Good news: the recall covers your stove.", "cheery"),
    ];
    for (text, kind) in cases {
        let found = tone_markers(text, &none);
        assert!(
            found.iter().any(|f| f.starts_with(kind)),
            "{text}: {found:?}"
        );
    }
    for text in [
        "We are very sorry. They will call you today at 10:00.",
        "Nous sommes désolés. Un conseiller vous rappelle aujourd'hui.",
        "Lo sentimos mucho. Te llamamos hoy.",
        "Das tut uns sehr leid. Wir rufen Sie heute an.",
        "Please see https://example.com/Docs for the recall.",
    ] {
        assert!(tone_markers(text, &none).is_empty(), "{text}");
    }
    let avoid = vec!["no worries".to_owned()];
    assert_eq!(
        tone_markers("No worries, we will fix it.", &avoid),
        ["must avoid \"no worries\""]
    );
}

#[test]
fn asks_in_a_reply_to_praise() {
    for text in [
        "Thanks so much. Anything else we can help with?",
        "¡Gracias! ¿Qué tal el viaje?",
        "Thanks! Let us know how the trip goes.",
        "Merci ! Pourriez-vous nous laisser un avis ?",
        "Danke! Könnten Sie uns eine Bewertung schreiben.",
    ] {
        assert!(praise_ask(text).is_some(), "{text}");
    }
    for text in [
        "Thanks so much, that means a lot to the team.",
        "Merci beaucoup, toute l'équipe est ravie.",
        "Vielen Dank, das freut das ganze Team.",
        "¡Muchas gracias! Nos alegra mucho.",
    ] {
        assert_eq!(praise_ask(text), None, "{text}");
    }
}

#[test]
fn sentences_split_at_ends_and_lines() {
    assert_eq!(
        sentences("Hi Jo,\n\nSorry! Is it 4.5 kg? Yes… we'll check.\n— Sam"),
        [
            "Hi Jo,",
            "Sorry!",
            "Is it 4.5 kg?",
            "Yes…",
            "we'll check.",
            "— Sam"
        ]
    );
    assert_eq!(
        sentences("¿Puedes verlo? \"Sí.\" Vale"),
        ["¿Puedes verlo?", "\"Sí.\"", "Vale"]
    );
    assert!(sentences(" \n ").is_empty());
}

#[test]
fn sentences_normalise_names_digits_case_and_final_punctuation() {
    let names = ["María López"];
    assert_eq!(
        normalise("Thanks, María! Order 4471-2290 ships in 3 days.", &names),
        "thanks, {name}! order 0000-0000 ships in 0 days"
    );
    assert_eq!(
        normalise("Gracias,  MARÍA LÓPEZ.", &names),
        "gracias, {name}"
    );
    // Names are replaced as whole words only.
    assert_eq!(
        normalise("Ana likes bananas.", &["Ana"]),
        "{name} likes bananas"
    );
    assert_eq!(
        normalise("Danke, Herr López!", &["Lopez, Jürgen", "López"]),
        "danke, herr {name}"
    );
}

#[test]
fn the_body_leaves_out_mentions_greeting_and_sign_off() {
    assert_eq!(
        body(
            "Hi Maria,\n\nReturns are free within 60 days.\n\nWarm wishes,\nSam from Acme",
            "Hi Maria,",
            "Warm wishes,\nSam from Acme"
        ),
        "Returns are free within 60 days."
    );
    assert_eq!(
        body("@jo_b Sorry to hear that. – Kit", "", "– Kit"),
        "Sorry to hear that."
    );
    // A greeting that is not the template's stays.
    assert_eq!(
        body("Hola Maria, gracias.", "Hi Maria,", ""),
        "Hola Maria, gracias."
    );
}

#[test]
fn phrases() {
    assert!(has_phrase("Hey there", "hey"));
    assert!(!has_phrase("They said", "hey"));
    assert!(has_phrase("a promotional code", "promo"));
    assert!(has_phrase("Save 10% off", "% off"));
}

#[test]
fn the_sdk_detects_the_language_of_a_reply() {
    assert_eq!(
        language("Lo sentimos mucho, revisamos tu pedido hoy mismo y te escribimos.").as_deref(),
        Some("es")
    );
    assert_eq!(
        language("Nous sommes désolés, nous vérifions votre commande aujourd'hui.").as_deref(),
        Some("fr")
    );
    assert_eq!(
        language("Das tut uns leid, wir prüfen Ihre Bestellung noch heute.").as_deref(),
        Some("de")
    );
    assert_eq!(
        language("Sorry about that, we are checking your order today.").as_deref(),
        Some("en")
    );
}

#[test]
fn the_snippet_a_reply_answers_with_comes_from_its_rationale() {
    assert_eq!(
        answers_with("question: knowledge `returns-window.es` answers \"devolver\"; tip `x`")
            .as_deref(),
        Some("returns-window")
    );
    assert_eq!(
        answers_with("problem: canned response `delivery-status` for intent delivery"),
        None
    );
    assert_eq!(
        answers_with("question: acknowledge; tip `store-hours`"),
        None
    );
}

#[test]
fn a_hello_is_not_the_first_sentence() {
    for hello in ["Hey Jonas!", "Hola, Ana:", "Bonjour Sophie !", "Hi there!"] {
        assert!(super::is_hello(hello), "{hello}");
    }
    for sentence in [
        "Hi, returns are free within 60 days.",
        "Hello and welcome to the new dashboard, which now shows builds.",
        "Returns are free within 60 days.",
    ] {
        assert!(!super::is_hello(sentence), "{sentence}");
    }
}
