//! Whether a message tells of something going wrong: a denial that
//! something works ("not loading", "no funciona", "ne marche pas", "geht
//! nicht") or a word of failure ("error", "stuck", "kaputt"). A question
//! without one ("can I freeze my card in the app?") reports no fault, so
//! it is no bug to ask an error message about, and no malfunction to triage.

/// Words that deny something works ("not loading", "no funciona", "ne
/// marche pas", "geht nicht"), folded, matched whole.
const FAULT_WORDS: &[&str] = &[
    "not",
    "no",
    "never",
    "nothing",
    "won't",
    "wont",
    "can't",
    "cant",
    "cannot",
    "doesn't",
    "doesnt",
    "didn't",
    "didnt",
    "isn't",
    "isnt",
    "couldn't",
    "nada",
    "nunca",
    "ne",
    "pas",
    "rien",
    "jamais",
    "nicht",
    "nichts",
    "kein",
    "keine",
    "keinen",
    "won’t",
    "can’t",
    "doesn’t",
    "didn’t",
    "isn’t",
    "couldn’t",
];

/// Not finding something ("can't find the option", "finde die Option
/// nicht"), folded: a denial that reports no fault.
const CANT_FIND: &[&str] = &[
    "can't find",
    "can’t find",
    "cannot find",
    "cant find",
    "couldn't find",
    "don't see",
    "no encuentro",
    "no lo encuentro",
    "je ne trouve pas",
    "je ne trouve",
    "finde die",
    "finde es nicht",
    "finde ich nicht",
    "finde keine",
    "finde keinen",
];

/// Word beginnings of something going wrong, in en/es/fr/de, folded.
const FAULT_STEMS: &[&str] = &[
    "error",
    "fail",
    "crash",
    "bug",
    "broke",
    "stuck",
    "hang",
    "glitch",
    "blank",
    "wrong",
    "problem",
    "issue",
    "keep",
    "stopp",
    "timeout",
    "slow",
    "missing",
    "disappear",
    "weird",
    "strange",
    "fehl",
    "kaputt",
    "hangt",
    "absturz",
    "sturz",
    "erreur",
    "plant",
    "bloqu",
    "probleme",
    "falla",
    "cuelg",
    "lent",
    "langsam",
    "lento",
    "raro",
    "bizarre",
    "seltsam",
    // Lagging, dropping out, draining, giving way (not freezing: a card
    // is frozen on purpose).
    "lagg",
    "disconnect",
    "deconnect",
    "unresponsive",
    "unable",
    "drain",
    "overheat",
    "faulty",
    "defect",
    "damag",
    "leak",
    "crack",
    "snapp",
    "torn",
    "fige",
    "friert",
];

/// Whether `text` says something goes wrong: a word of `FAULT_STEMS`
/// begins one of its words, or it denies something (`FAULT_WORDS`) other
/// than finding it (`CANT_FIND`: "can't find the option" reports no
/// fault).
pub fn tells_a_fault(text: &str) -> bool {
    let lower = super::features::fold(text);
    let words: Vec<&str> = lower
        .split_whitespace()
        .map(|t| t.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’'))
        .collect();
    let denies = words.iter().any(|w| FAULT_WORDS.contains(w));
    words
        .iter()
        .any(|w| FAULT_STEMS.iter().any(|stem| w.starts_with(stem)))
        || (denies && !CANT_FIND.iter().any(|p| lower.contains(p)))
}

#[cfg(test)]
mod tests {
    use super::tells_a_fault;

    #[test]
    fn a_denial_or_a_failure_tells_a_fault_and_a_plain_question_none() {
        for text in [
            "the app won't load on my phone",
            "la app no funciona",
            "ça ne marche pas depuis hier",
            "der Export hängt seit Stunden",
            "keeps logging me out",
            "error 500 on checkout",
        ] {
            assert!(tells_a_fault(text), "{text}");
        }
        for text in [
            "can I use my phone as a hotspot for my laptop?",
            "does the app work on an ipad or only phones?",
            "I can't find the option to export, where is it?",
            "kann ich meine Nummer mitnehmen?",
        ] {
            assert!(!tells_a_fault(text), "{text}");
        }
    }
}
