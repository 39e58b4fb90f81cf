//! The figures on hand-written outcomes: what each criterion counts.

use super::super::case::Case;
use super::super::{Dropped, Kept};
use super::*;

fn case(json: &str) -> Case {
    Case::parse(json).unwrap_or_else(|e| panic!("{e}: {json}"))
}

fn kept(text: &str, greeting: &str, sign_off: &str) -> Kept {
    Kept {
        strategy: "answer".to_owned(),
        text: text.to_owned(),
        body: judge::body(text, greeting, sign_off).to_owned(),
        lint_clean: true,
        answers_with: None,
        rationale: String::new(),
    }
}

fn answering(id: &str, text: &str) -> Kept {
    Kept {
        answers_with: Some(id.to_owned()),
        ..kept(text, "", "")
    }
}

fn outcome<'c>(case: &'c Case, kept: Vec<Kept>) -> Outcome<'c> {
    Outcome {
        case,
        line: 1,
        triage: None,
        ignored: None,
        kept,
        dropped: Vec::new(),
    }
}

const HEAD: &str = r#""split": "dev", "brand": "acme", "visibility": "private""#;

fn line(rest: &str) -> String {
    format!("{{{HEAD}, {rest}}}")
}

#[test]
fn each_criterion_counts_what_it_says() {
    let knowledge = case(&line(
        r#""id": "k", "channel": "email", "author": "maria@example.es", "name": "Maria Lopez", "text": "Can I return it?", "language": "en", "situation": "question", "answer": ["returns-window"], "must_include": ["60 days"]"#,
    ));
    let praise = case(&line(
        r#""id": "p", "channel": "slack", "author": "U1", "name": null, "text": "Love the tent", "language": "en", "situation": "praise""#,
    ));
    let severe = case(&line(
        r#""id": "s", "channel": "slack", "author": "U2", "name": null, "text": "The stove burned my hand", "language": "en", "situation": "severe", "given": {"order_id": "4471-2290"}"#,
    ));
    let spanish = case(&line(
        r#""id": "e", "channel": "email", "author": "ana@example.es", "name": "Ana Ruiz", "text": "Mi pedido no llega", "language": "es", "situation": "problem", "given": {"order_id": "4471-2290"}, "must_avoid": ["número de pedido"]"#,
    ));
    let spam = case(&line(
        r#""id": "x", "channel": "slack", "author": "U3", "name": null, "text": "Buy followers", "language": "en", "situation": "spam""#,
    ));
    let quiet = case(&line(
        r#""id": "q", "channel": "slack", "author": "U4", "name": null, "text": "Hello?", "language": "en", "situation": "question""#,
    ));
    let quiet_answered = case(&line(
        r#""id": "qa", "channel": "slack", "author": "U5", "name": null, "text": "Waited 40 min at the store", "language": "en", "situation": "problem""#,
    ));
    let answered = case(&line(
        r#""id": "ra", "channel": "slack", "author": "U6", "name": null, "text": "Free to send back?", "language": "en", "situation": "question", "answer": ["returns-window"], "must_include": ["60"]"#,
    ));
    let greeting = "Hi Maria,";
    let sign_off = "Warm wishes,\nSam from Acme";
    let mut dropped = outcome(&quiet, Vec::new());
    dropped.dropped.push(Dropped {
        strategy: "answer".to_owned(),
        reason: "banned phrase".to_owned(),
        text: "As per our policy.".to_owned(),
        for_voice: true,
    });
    // A drop for another reason than the voice is not counted.
    dropped.dropped.push(Dropped {
        strategy: "acknowledge".to_owned(),
        reason: "nothing to answer".to_owned(),
        text: "Thanks for reaching out.".to_owned(),
        for_voice: false,
    });
    let outcomes = vec![
        outcome(
            &knowledge,
            vec![kept(
                "Hi Maria,\n\nThanks for asking. Returns are free within 60 days.\n\nWarm wishes,\nSam from Acme",
                greeting,
                sign_off,
            )],
        ),
        outcome(
            &praise,
            vec![
                kept("Thanks so much, that means a lot.", "", ""),
                kept("Thanks so much! How was the trip?", "", ""),
            ],
        ),
        outcome(
            &severe,
            vec![kept(
                "Thanks so much for telling us. We'll check order 4471-2290 today.",
                "",
                "",
            )],
        ),
        outcome(
            &spanish,
            vec![kept(
                "Hi there,\n\nGracias por escribirnos. ¿Nos envías el número de pedido?",
                "Hi there,",
                "",
            )],
        ),
        outcome(
            &spam,
            vec![kept("Thanks so much for reaching out.", "", "")],
        ),
        // Answers with a snippet the case does not name: off-target.
        outcome(
            &quiet_answered,
            vec![answering("store-hours", "Our stores open at 9:00.")],
        ),
        // Answers with the snippet the case names.
        outcome(
            &answered,
            vec![answering(
                "returns-window",
                "Sending it back is free for 60 days.",
            )],
        ),
        dropped,
    ];
    let languages = vec!["en".to_owned()];
    let f = Figures::of(&outcomes, &languages);

    // 1. Maria's top suggestion has "60 days", but not in its first
    // sentence; the other answer has it first.
    assert_eq!(f.knowledge, Rate { count: 2, of: 2 });
    assert_eq!(f.knowledge_first_sentence, 1);
    // Of the two answers from knowledge, the store hours answer nothing
    // the case names.
    assert_eq!(f.off_target, Rate { count: 1, of: 2 });
    assert_eq!(
        f.verdicts[5].off_target,
        Some(Some("store-hours".to_owned()))
    );
    // 2. No marker in the severe reply; mentioning the order is fine.
    assert_eq!(f.tone, Rate { count: 0, of: 1 });
    // 3. The second praise reply asks a question.
    assert_eq!(f.praise, Rate { count: 1, of: 1 });
    // 4. The Spanish reply asks for the order number again (and says the
    // must-avoid phrase); the severe one only mentions it.
    assert_eq!(f.re_asks, Rate { count: 1, of: 2 });
    let faults = f.verdicts[3].re_asks.as_ref().expect("re-asks judged");
    assert_eq!(faults[0].why.len(), 2, "{faults:?}");
    // 5. Maria is greeted; Ana is not ("Hi there,").
    assert_eq!(f.greeted, Rate { count: 1, of: 2 });
    // 6. Acme answers in English only: the Spanish reply is wrong; the
    // case without a suggestion is not judged.
    assert_eq!(f.language.of, 7);
    assert_eq!(f.per_language["es"], Rate { count: 0, of: 1 });
    // 7. Every sentence differs ("thanks so much" and "thanks so much,
    // that means a lot" are two sentences): 1 of 8 suggestions each.
    assert_eq!(f.suggestions, 8);
    assert_eq!(f.repeated.len(), 3);
    assert!(
        f.repeated.iter().all(|r| r.suggestions == 1),
        "{:?}",
        f.repeated
    );
    // 8. Eight kept and clean, one dropped.
    assert_eq!(f.lint, Rate { count: 8, of: 9 });
    assert_eq!(f.dropped, 1);
    assert_eq!(f.dropped_otherwise, 1);
    assert_eq!(f.unanswered, ["q"]);
    assert_eq!(f.spam, Rate { count: 1, of: 1 });

    let failures = f.failures();
    for name in [
        "lint-clean",
        "questions to praise",
        "re-asks",
        "spam answered",
        "language match",
    ] {
        assert!(
            failures.iter().any(|l| l.starts_with(name)),
            "{name}: {failures:?}"
        );
    }
    assert!(!failures.iter().any(|l| l.starts_with("knowledge")));
    assert!(!failures.iter().any(|l| l.starts_with("tone")));
    assert!(!failures.iter().any(|l| l.starts_with("most repeated")));
}

#[test]
fn the_most_repeated_sentence_counts_once_per_suggestion_with_names_and_digits_normalised() {
    let a = case(&line(
        r#""id": "a", "channel": "slack", "author": "U1", "name": "Jo Park", "text": "Where is order 12?", "language": "en", "situation": "problem""#,
    ));
    let b = case(&line(
        r#""id": "b", "channel": "slack", "author": "U2", "name": "Li Wei", "text": "Where is order 34?", "language": "en", "situation": "problem""#,
    ));
    let outcomes = vec![
        outcome(
            &a,
            vec![kept(
                "Sorry, Jo. We're checking order 12. We're checking order 12!",
                "",
                "",
            )],
        ),
        outcome(
            &b,
            vec![
                kept("Sorry, Li. We're checking order 34.", "", ""),
                kept("Sorry, Li! Please bear with us.", "", ""),
            ],
        ),
    ];
    let f = Figures::of(&outcomes, &["en".to_owned()]);
    assert_eq!(
        f.repeated[0],
        Repeated {
            sentence: "sorry, {name}".to_owned(),
            suggestions: 3
        }
    );
    assert_eq!(
        f.repeated[1],
        Repeated {
            sentence: "we're checking order 00".to_owned(),
            suggestions: 2
        }
    );
    assert_eq!(f.top_share(), Some(1.0));
    assert!(
        f.failures()
            .iter()
            .any(|l| l.starts_with("most repeated sentence in 100.0%"))
    );
}

#[test]
fn nothing_to_judge_passes() {
    let f = Figures::of(&[], &[]);
    assert!(f.failures().is_empty(), "{:?}", f.failures());
}
