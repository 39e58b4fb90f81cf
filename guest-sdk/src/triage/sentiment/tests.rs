//! Tests of the sentiment scorer's behaviour: the customer-care readings it
//! was written for, each rule, and each language.

use super::sentiment;

fn en(text: &str) -> f32 {
    sentiment(text, Some("en"))
}

#[track_caller]
fn assert_between(text: &str, language: Option<&str>, low: f32, high: f32) {
    let score = sentiment(text, language);
    assert!(
        (low..=high).contains(&score),
        "{text:?} ({language:?}) scored {score}, expected {low}..{high}"
    );
}

#[track_caller]
fn assert_neutral(text: &str, language: Option<&str>) {
    let score = sentiment(text, language);
    assert!(
        score == 0.0,
        "{text:?} ({language:?}) scored {score}, expected 0"
    );
}

#[test]
fn the_care_readings_it_was_written_for() {
    assert_neutral("where is my order", Some("en"));
    assert_between(
        "still waiting for my refund, this is ridiculous",
        Some("en"),
        -1.0,
        -0.4,
    );
    assert_between("thanks, that fixed it!", Some("en"), 0.3, 1.0);
    assert_between("I'm NOT happy!!!", Some("en"), -1.0, -0.6);
    assert_between("not bad at all", Some("en"), 0.2, 1.0);
    assert_between(
        "The tent is great but the zip broke after two days",
        Some("en"),
        -1.0,
        -0.1,
    );
    assert_between("muy mal servicio", Some("es"), -1.0, -0.4);
    assert_between("c'est nul", Some("fr"), -1.0, -0.4);
    assert_between("super Service, danke!", Some("de"), 0.5, 1.0);
}

#[test]
fn neutral_requests_score_zero() {
    for text in [
        "where is my order",
        "Where is my order??",
        "Can you help me reset my password please?",
        "I'd like to change my delivery address.",
        "I was charged twice for the same order, can you check?",
        "How do I cancel my subscription?",
        "My parcel hasn't arrived yet, could you check?",
        "I'm not sure where my refund is.",
        "Please block my card, I lost it",
        "Is my card accepted in Spain? Is there a top up fee?",
        "Dear support team, my account number is 143. Kind regards, Ana",
        "Good morning, what's the best way to update my email?",
        "ok, yes, I want to pay by credit card",
        "I get an error when I log in, there is a problem with the app",
        "Here is the invoice as an attachment, could you take a look?",
    ] {
        assert_neutral(text, Some("en"));
    }
    assert_neutral("¿Dónde está mi pedido? Buenas tardes", Some("es"));
    assert_neutral("Bonjour, où est ma commande s'il vous plaît ?", Some("fr"));
    assert_neutral(
        "Guten Tag, wo ist meine Bestellung? Mit freundlichen Grüßen",
        Some("de"),
    );
}

#[test]
fn negation_flips_and_dampens_within_three_words() {
    let happy = en("I am happy");
    assert!(happy > 0.3);
    let not_happy = en("I am not happy");
    assert!(not_happy < 0.0 && not_happy.abs() < happy, "{not_happy}");
    assert!(en("I didn't like it") < 0.0, "n't by shape");
    assert!(en("I don’t like it") < 0.0, "curly apostrophe");
    assert!(en("not at all happy") < 0.0, "three words back");
    assert!(
        en("not the product that we were happy with") > 0.0,
        "out of reach"
    );
    assert!(en("No, this is great") > 0.3, "a comma ends the clause");
    assert!(en("never so happy") > en("happy"), "never so is emphasis");
    assert!(en("I have never been so happy") > en("I have been happy"));
    assert!(en("never happy") < 0.0);
    assert!(
        en("without a doubt an excellent idea") > 0.5,
        "without doubt"
    );
    assert!(en("without any help, terrible") < 0.0);
}

#[test]
fn intensifiers_and_dampeners() {
    let good = en("the service was good");
    assert!(en("the service was so good") > good);
    assert!(en("the service was absolutely good") > good);
    assert!(en("the service was kind of good") < good);
    assert!(en("the service was barely good") < good);
    assert!(en("the service was kind of good") > 0.0);
    assert!(en("it was very bad") < en("it was bad"));
    assert!(en("super fast delivery") > en("fast delivery"));
    assert!(
        en("super service") > 0.5,
        "a booster with a valence of its own"
    );
    assert!(en("pretty bad") < en("bad"), "pretty as a booster");
}

#[test]
fn caps_emphasise_only_in_mixed_case_text() {
    assert!(en("this is BAD") < en("this is bad"));
    assert!(en("I am NOT happy") < en("I am not happy"));
    assert!(en("this is VERY bad") < en("this is very bad"));
    assert_eq!(
        en("THIS IS BAD"),
        en("this is bad"),
        "all caps is not emphasis"
    );
    assert_eq!(
        en("I am bad"),
        en("i am bad"),
        "a one-letter word is not caps"
    );
}

#[test]
fn exclamation_and_question_marks_emphasise() {
    let bad = en("this is bad");
    assert!(en("this is bad!") < bad);
    assert!(en("this is bad!!!!") < en("this is bad!"));
    assert_eq!(
        en("this is bad!!!!"),
        en("this is bad!!!!!!!!"),
        "up to four"
    );
    assert!(en("this is bad??") < bad);
    assert_eq!(en("this is bad?"), bad, "a single ? is a question");
    assert!(en("great!!") > en("great"));
    assert_neutral("!!!!", None);
}

#[test]
fn but_weighs_the_clause_after_it() {
    assert!(en("The tent is great but the zip broke") < 0.0);
    assert!(en("The zip broke but the tent is great") > 0.0);
    assert!(sentiment("la tienda es genial pero el envío fue horrible", Some("es")) < 0.0);
    assert!(
        sentiment(
            "le produit est génial mais la livraison est nulle",
            Some("fr")
        ) < 0.0
    );
    assert!(
        sentiment(
            "das Zelt ist toll, aber der Service ist schlecht",
            Some("de")
        ) < 0.0
    );
}

#[test]
fn least_negates_except_at_least() {
    assert!(en("the least helpful support") < 0.0);
    assert!(en("at least it was helpful") > 0.0);
}

#[test]
fn idioms_replace_their_words() {
    assert!(en("thanks for nothing") < -0.3);
    assert!(en("no thanks") < 0.0);
    assert!(en("yeah right") < -0.3);
    assert!(en("that was the kiss of death") < -0.3);
    assert!(en("not bad") > 0.2);
    assert!(en("never again") < -0.3);
    assert!(en("this is a joke") < -0.3);
    assert!(en("I'm fed up") < -0.3, "VADER's two-word entries");
    assert!(sentiment("gracias por nada", Some("es")) < -0.3);
    assert!(sentiment("por fin llegó", Some("es")) > 0.0);
    assert!(sentiment("merci pour rien", Some("fr")) < -0.3);
    assert!(sentiment("pas mal du tout", Some("fr")) > 0.2);
    assert!(sentiment("nein danke", Some("de")) < 0.0);
}

#[test]
fn emoji_and_emoticons() {
    assert!(en("my order 😡") < -0.5);
    assert!(en("thanks 😍") > en("thanks"));
    assert!(en("🤬🤬🖕") < -0.8);
    assert!(en("👍🏽") > 0.3, "a skin tone is ignored");
    assert!(en("❤️") > 0.3, "a variation selector is ignored");
    assert!(
        en("🤦‍♂️") < 0.0,
        "a joined sequence counts by its first emoji"
    );
    assert!(en("ok :)") > 0.3);
    assert!(en("ok :-(") < -0.3);
    assert!(en("thanks:D") > en("thanks"), "glued to a word");
    assert!(en("love it <3") > en("love it"));
    assert!(en("meh :/.") < 0.0, "with trailing punctuation");
    assert!(en("xD") > 0.3);
    assert!(en(":thumbsup:") > 0.3);
    assert!(
        en("not happy 😡") < en("not happy"),
        "negation does not flip emoji"
    );
    assert!(
        sentiment("pedido 😭", Some("es")) < -0.3,
        "emoji in every language"
    );
}

#[test]
fn accents_inflections_and_elongations_are_tolerated() {
    for (a, b, tag) in [
        ("estoy decepcionado", "estoy decepcionadó", "es"),
        ("estoy decepcionado", "estoy decepcionada", "es"),
        ("estoy decepcionado", "estamos decepcionados", "es"),
        ("es malísimo", "es malisimo", "es"),
        ("je suis déçu", "je suis decu", "fr"),
        ("je suis déçu", "je suis déçue", "fr"),
        ("c'est nul", "c'est nulle", "fr"),
        ("ich bin enttäuscht", "ich bin enttaeuscht", "de"),
        ("ich bin enttäuscht", "ich bin enttäuschte", "de"),
        ("ich bin enttäuscht", "ich bin entta\u{308}uscht", "de"),
        ("estoy decepcionado", "estoy decepciona\u{301}do", "es"),
    ] {
        let (x, y) = (sentiment(a, Some(tag)), sentiment(b, Some(tag)));
        assert!(x < 0.0 && y < 0.0, "{a:?} {x}, {b:?} {y}");
    }
    assert!(sentiment("das ist schön", Some("de")) > 0.3);
    assert_neutral("das ist schon da", Some("de"));
    assert!(en("sooo goooood") > en("good"));
    assert!(en("noooo, terrible") < 0.0);
}

#[test]
fn spanish() {
    assert!(sentiment("muchas gracias, excelente atención", Some("es")) > 0.5);
    assert!(sentiment("es una estafa", Some("es")) < -0.5);
    assert!(sentiment("no estoy contento", Some("es")) < 0.0);
    assert!(sentiment("nunca tan contento", Some("es")) > 0.3);
    assert!(sentiment("muy bueno", Some("es")) > sentiment("bueno", Some("es")));
    assert!(sentiment("un poco lento", Some("es")) > sentiment("lento", Some("es")));
    assert!(sentiment("no está mal", Some("es")) > 0.0);
}

#[test]
fn french() {
    assert!(sentiment("merci, service génial", Some("fr")) > 0.5);
    assert!(sentiment("c'est une arnaque", Some("fr")) < -0.5);
    assert!(sentiment("je ne suis pas content", Some("fr")) < 0.0);
    assert!(
        sentiment("je ne suis pas content", Some("fr")) > -0.5,
        "ne … pas counts once"
    );
    assert!(sentiment("je suis pas content", Some("fr")) < 0.0);
    assert!(
        sentiment("j'aime pas ce service", Some("fr")) < 0.0,
        "pas after the verb"
    );
    assert!(sentiment("jamais content", Some("fr")) < 0.0);
    assert!(sentiment("très déçu", Some("fr")) < sentiment("déçu", Some("fr")));
    assert!(sentiment("vraiment nul", Some("fr")) < sentiment("nul", Some("fr")));
    assert!(sentiment("trop bien", Some("fr")) > sentiment("bien", Some("fr")));
}

#[test]
fn german() {
    assert!(sentiment("Vielen Dank, alles super!", Some("de")) > 0.5);
    assert!(sentiment("Was für eine Frechheit", Some("de")) < -0.5);
    assert!(sentiment("Ich bin nicht zufrieden", Some("de")) < 0.0);
    assert!(
        sentiment("Das gefällt mir gar nicht", Some("de")) < 0.0,
        "nicht after the verb"
    );
    assert!(sentiment("kein guter Service", Some("de")) < 0.0);
    assert!(sentiment("keine guten Erfahrungen", Some("de")) < 0.0);
    assert!(sentiment("sehr enttäuscht", Some("de")) < sentiment("enttäuscht", Some("de")));
    assert!(sentiment("echt mega gut", Some("de")) > sentiment("gut", Some("de")));
    assert!(sentiment("total enttäuscht", Some("de")) < -0.5);
}

#[test]
fn language_tags_choose_the_lexicon() {
    let fr = sentiment("c'est nul", Some("fr"));
    assert_eq!(sentiment("c'est nul", Some("fr-CA")), fr);
    assert_eq!(sentiment("c'est nul", Some("FR")), fr);
    assert_eq!(
        sentiment("c'est nul", Some("en")),
        0.0,
        "not an English word"
    );
    assert_eq!(sentiment("this is great", None), en("this is great"));
    assert_eq!(sentiment("this is great", Some("it")), en("this is great"));
    assert_neutral("die Bestellung ist da", Some("de"));
}

#[test]
fn a_text_that_starts_with_a_combining_mark_is_read_without_a_panic() {
    // A mark with no letter before it folds to nothing: its word ends where
    // it starts (found by fuzzing a Shift_JIS email read with the wrong
    // charset).
    assert_neutral("\u{301}", Some("en"));
    assert_neutral("\u{301}'nt ok", Some("en"));
}

#[test]
fn how_you_treat_customers_is_a_complaint() {
    for text in [
        "I've banked with you for 20 years and this is how you treat me?",
        "disgraceful, the way you treat loyal customers",
    ] {
        assert!(sentiment(text, Some("en")) < -0.05, "{text}");
    }
    assert!(sentiment("treat yourself to a new tent", Some("en")) > 0.0);
}
