use super::*;
use chorus_voice::{Rule, Target};

fn tables() -> Vec<&'static Phrases> {
    tables_with_person().into_iter().map(|(t, _)| t).collect()
}

fn tables_with_person() -> Vec<(&'static Phrases, Person)> {
    let mut out = Vec::new();
    for lang in LANGUAGES {
        for formality in [Formality::Casual, Formality::Neutral, Formality::Formal] {
            for register in [Register::Familiar, Register::Polite] {
                for person in [Person::We, Person::I] {
                    out.push((table(lang, formality, register, person), person));
                }
            }
        }
    }
    out
}

fn slots(t: &Phrases) -> Vec<(&'static str, Variants)> {
    vec![
        ("thanks", t.thanks),
        ("empathy", t.empathy),
        ("severe_empathy", t.severe_empathy),
        ("returning", t.returning),
        ("praise_specific", t.praise_specific),
        ("praise", t.praise),
        ("praise_after", t.praise_after),
        ("close", t.close),
        ("ask", t.ask),
        ("ask_private", t.ask_private),
        ("take_private", t.take_private),
        ("take_private_known", t.take_private_known),
        ("privacy_note", t.privacy_note),
        ("escalate", t.escalate),
        ("escalate_next", t.escalate_next),
        ("acknowledge", t.acknowledge),
        ("severe_next", t.severe_next),
        ("order_followup", t.order_followup),
        ("answer_followup", t.answer_followup),
        ("fix_followup", t.fix_followup),
        ("tip", t.tip),
        ("warm_closing", t.warm_closing),
    ]
}

#[test]
fn first_person_keeps_verbs_in_agreement() {
    assert_eq!(
        to_first_person("We are sorry. Please send us a DM and we'll take it from there."),
        "I am sorry. Please send me a DM and I'll take it from there."
    );
    assert_eq!(to_first_person("trust our team"), "trust my team");
}

#[test]
fn contractions_are_spelled_out() {
    assert_eq!(
        expand_contractions("We're here, don't worry: we'll fix it."),
        "We are here, do not worry: we will fix it."
    );
}

#[test]
fn every_slot_has_variants_with_its_placeholders() {
    for t in tables() {
        assert!(t.intents.iter().any(|w| w.intent.is_empty()), "{}", t.lang);
        assert_eq!(t.intent("no-such-intent").intent, "");
        assert!(!t.problem("no-such-intent", &[]).is_empty());
        for (name, variants) in slots(t) {
            assert!(!variants.is_empty(), "{} {name}", t.lang);
            let needs: &[&str] = match name {
                "acknowledge" | "severe_next" => &["{subject}", "{response_time}"],
                "escalate_next" => &["{response_time}"],
                "severe_empathy" => &["{problem}"],
                "praise_specific" => &["{praised}"],
                "ask" => &["{detail}"],
                "ask_private" => &["{detail}", "{private}"],
                "take_private" => &["{private}", "{what}"],
                "take_private_known" => &["{private}", "{subject}"],
                "order_followup" => &["{order}"],
                "tip" => &["{tip}"],
                _ => &[],
            };
            for v in variants {
                for placeholder in needs {
                    assert!(v.contains(placeholder), "{} {name}: {v}", t.lang);
                }
            }
        }
    }
}

#[test]
fn praise_and_closes_ask_nothing() {
    for t in tables() {
        for v in [t.praise, t.praise_specific, t.praise_after, t.close].concat() {
            assert!(!v.contains(['?', '¿']), "{}: {v}", t.lang);
        }
    }
}

#[test]
fn severe_slots_have_the_severe_tone_and_empathy() {
    let target = Target {
        needs_empathy: true,
        situation: chorus_voice::Situation::Severe,
        ..Target::default()
    };
    for (t, person) in tables_with_person() {
        // English "I" tables are converted by the composer, not written.
        let person = if t.lang == "en" { Person::We } else { person };
        let profile = chorus_voice::VoiceProfile {
            empathy_required: true,
            person: match person {
                Person::We => chorus_voice::Person::We,
                Person::I => chorus_voice::Person::I,
            },
            ..chorus_voice::VoiceProfile::default()
        };
        let severe = [t.severe_empathy, t.severe_next, t.escalate, t.escalate_next].concat();
        for v in severe {
            let rules: Vec<Rule> = chorus_voice::lint(&profile, v, &target)
                .into_iter()
                .map(|v| v.rule)
                .filter(|r| *r != Rule::Empathy)
                .collect();
            assert!(rules.is_empty(), "{}: {v} breaks {rules:?}", t.lang);
        }
        for v in [t.severe_empathy, t.empathy].concat() {
            let text = v.replace("{problem}", "x");
            let rules: Vec<Rule> = chorus_voice::lint(&profile, &text, &target)
                .into_iter()
                .map(|v| v.rule)
                .collect();
            assert!(!rules.contains(&Rule::Empathy), "{}: {v}", t.lang);
        }
    }
}

#[test]
fn variants_are_picked_per_conversation() {
    let variants: Variants = &["a", "b", "c"];
    assert_eq!(pick(variants, 42, "thanks"), pick(variants, 42, "thanks"));
    let mut seen: Vec<&str> = (0..60).map(|key| pick(variants, key, "thanks")).collect();
    seen.sort_unstable();
    seen.dedup();
    assert_eq!(seen, ["a", "b", "c"]);
    assert_eq!(pick(&[], 1, "x"), "");
}

#[test]
fn the_most_serious_problem_is_the_one_named() {
    // Labels come sorted by name; "two charges I don't recognise" is a
    // fraud first, whatever else it is.
    let labels: Vec<String> = ["double-charge", "fraud", "negative"]
        .iter()
        .map(|l| (*l).to_owned())
        .collect();
    for table in tables() {
        let fraud = table.problem("", &["fraud".to_owned()]);
        assert_eq!(table.problem("billing", &labels), fraud, "{}", table.lang);
    }
}

#[test]
fn the_register_is_the_brand_s_own() {
    let du = ["Kündigen kannst du in der App, und dein Zugang bleibt bis dahin aktiv."];
    assert_eq!(register("de", Formality::Neutral, du), Register::Familiar);
    // "Sie" opening a sentence is "they"; capitalised inside one, "you".
    let sie = ["Sie erhalten eine Bestätigung. Bitte geben Sie Ihre Kundennummer an."];
    assert_eq!(register("de", Formality::Casual, sie), Register::Polite);
    assert_eq!(register("de", Formality::Casual, []), Register::Familiar);
    assert_eq!(register("de", Formality::Formal, []), Register::Polite);
    let tu = ["Coupe un coin et vide-les : ton colis arrive demain, tu peux t'inscrire ici."];
    assert_eq!(register("fr", Formality::Neutral, tu), Register::Familiar);
    assert_eq!(register("fr", Formality::Casual, []), Register::Polite);
    assert_eq!(
        register("fr", Formality::Casual, ["Vous pouvez suivre votre colis."]),
        Register::Polite
    );
}
