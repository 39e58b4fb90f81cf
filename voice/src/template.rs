//! Filling `{first_name}` and `{agent}` in the brand's templates — one rule
//! for the engine, the SDK's composer, the plugins and the host.

/// Fills `placeholder` with `name`. Without a name, a greeting keeps a
/// neutral address (`Hi {first_name},` → `Hi there,`, `Dear {first_name},`
/// → `Hello,`) and any other clause around it is dropped (`Thanks,
/// {first_name}.` → `Thanks.`).
pub fn fill_name(template: &str, placeholder: &str, name: Option<&str>) -> String {
    if let Some(name) = name {
        return template.replace(placeholder, name);
    }
    if !template.contains(placeholder) {
        return template.to_owned();
    }
    let leads = template.starts_with(placeholder);
    let mut text = template.to_owned();
    for greeting in ["Hi", "Hey", "Hello", "hi", "hey", "hello"] {
        text = text.replace(
            &format!("{greeting} {placeholder}"),
            &format!("{greeting} there"),
        );
    }
    text = text
        .replace(&format!("Dear {placeholder}"), "Hello")
        .replace(&format!(", {placeholder}"), "")
        .replace(&format!(" {placeholder}"), "")
        .replace(&format!("{placeholder}, "), "")
        .replace(placeholder, "");
    if leads { capitalize_first(&text) } else { text }
}

/// Fills `{first_name}` (see [`fill_name`]) and `{agent}` in a greeting,
/// sign-off or canned response.
pub fn fill_template(template: &str, first_name: Option<&str>, agent: &str) -> String {
    fill_name(template, "{first_name}", first_name).replace("{agent}", agent)
}

/// Words that open a reply's main text and are written in lower case when
/// they follow a greeting on the same line ("Hello Chloé, we can…"), in
/// en/es/fr/de. Closed on purpose: any other first word may be a name
/// (a product, a place, the brand) or a German noun, and keeps its capital.
const OPENERS: &[&str] = &[
    // en
    "we",
    "we're",
    "we've",
    "we'll",
    "we'd",
    "our",
    "you",
    "you're",
    "you've",
    "you'll",
    "you'd",
    "your",
    "sorry",
    "thanks",
    "thank",
    "that",
    "that's",
    "this",
    "these",
    "the",
    "a",
    "an",
    "it",
    "it's",
    "there",
    "there's",
    "here",
    "here's",
    "happy",
    "glad",
    "great",
    "good",
    "no",
    "yes",
    "every",
    "all",
    "any",
    "please",
    "let",
    "let's",
    "to",
    "if",
    "when",
    "so",
    "just",
    "and",
    "but",
    "can",
    "could",
    "would",
    "what",
    "how",
    "once",
    "as",
    "for",
    "in",
    "on",
    "at",
    "with",
    "after",
    "before",
    "since",
    "really",
    "totally",
    "absolutely",
    // es
    "lo",
    "la",
    "las",
    "los",
    "el",
    "un",
    "una",
    "gracias",
    "sentimos",
    "siento",
    "lamentamos",
    "lamento",
    "entendemos",
    "entiendo",
    "te",
    "tu",
    "tus",
    "puedes",
    "ya",
    "si",
    "cuando",
    "nuestro",
    "nuestra",
    "nuestros",
    "nuestras",
    "hemos",
    "estamos",
    "vamos",
    "hay",
    "qué",
    "muchas",
    "perdona",
    "disculpa",
    "para",
    "todas",
    "todos",
    "en",
    "con",
    // fr
    "nous",
    "je",
    "vous",
    "votre",
    "vos",
    "merci",
    "désolé",
    "désolés",
    "désolée",
    "le",
    "les",
    "une",
    "des",
    "on",
    "ça",
    "c'est",
    "il",
    "si",
    "quand",
    "toutes",
    "tous",
    "pour",
    "dans",
    "avec",
    "notre",
    "nos",
    "pouvez",
    "voici",
    "ton",
    "ta",
    "tes",
    "toi",
    // de
    "du",
    "dein",
    "deine",
    "deinen",
    "deinem",
    "deiner",
    "dich",
    "dir",
    "wir",
    "ich",
    "danke",
    "vielen",
    "das",
    "es",
    "hier",
    "gern",
    "gerne",
    "leider",
    "tut",
    "jeder",
    "jede",
    "wenn",
    "bitte",
    "damit",
    "um",
    "der",
    "die",
    "den",
    "dem",
    "ein",
    "eine",
    "einen",
    "einem",
    "einer",
    "kein",
    "keine",
    "nicht",
    "mit",
    "bei",
    "im",
    "am",
    "auf",
    "für",
    "ab",
    "alle",
    "jedes",
    "jeden",
    "unser",
    "unsere",
    "unseren",
    "unserem",
    "sobald",
    "falls",
    "während",
    "nach",
    "seit",
];

/// The main text of a reply as it reads after `greeting` on the same line:
/// when the greeting ends with a comma ("Hello {first_name},"), a first
/// word from a closed list of openers is lowercased ("Hello Chloé, we…",
/// not "Hello Chloé, We…"). Names and other words keep their capital.
pub fn after_greeting<'a>(greeting: &str, main: &'a str) -> std::borrow::Cow<'a, str> {
    use std::borrow::Cow;
    if !greeting.trim_end().ends_with(',') {
        return Cow::Borrowed(main);
    }
    let word = main
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '.' | '!' | '?' | ':' | ';'))
        .next()
        .unwrap_or_default()
        .replace('’', "'");
    let mut chars = main.chars();
    let Some(first) = chars.next() else {
        return Cow::Borrowed(main);
    };
    if !first.is_uppercase() || !OPENERS.contains(&word.to_lowercase().as_str()) {
        return Cow::Borrowed(main);
    }
    Cow::Owned(first.to_lowercase().chain(chars).collect())
}

fn capitalize_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) if first.is_lowercase() => first.to_uppercase().chain(chars).collect(),
        _ => text.to_owned(),
    }
}

/// The first name to greet someone by, from a full name as a customer
/// record or a display name gives it: `"Ada Lovelace"` and `"Lovelace,
/// Ada"` give `Ada`. Handles and addresses (`@jo`, `jo@example.com`),
/// placeholders (`null`, `unknown`) and the names of a team, a department
/// or a company (`Ops Team`, `Kessler IT`, `Brightlabs GmbH`) give none:
/// "Hi Ops," greets nobody.
pub fn given_name(full: &str) -> Option<String> {
    if names_a_team(full) {
        return None;
    }
    let given = match full.split_once(',') {
        Some((_, given)) if !given.trim().is_empty() => given,
        _ => full,
    };
    let raw = given.split_whitespace().next()?;
    let word = raw.trim_matches(|c: char| !c.is_alphanumeric());
    let placeholder = ["null", "none", "undefined", "unknown", "n/a", "anonymous"]
        .iter()
        .any(|p| word.eq_ignore_ascii_case(p));
    let plausible = word.chars().next().is_some_and(char::is_alphabetic)
        && !raw.contains('@')
        && word.chars().count() <= 40
        && !placeholder;
    plausible.then(|| word.to_owned())
}

/// The first of `names` (a customer record's, then a display name, say)
/// that gives a [`given_name`]: a record that names a team falls through
/// to the person's display name.
pub fn first_given_name<'a>(names: impl IntoIterator<Item = Option<&'a str>>) -> Option<String> {
    names.into_iter().flatten().find_map(given_name)
}

/// Words that make a name a team's, a department's or a company's.
const TEAM_WORDS: &[&str] = &[
    "team",
    "ops",
    "operations",
    "support",
    "info",
    "admin",
    "accounts",
    "accounting",
    "billing",
    "finance",
    "payroll",
    "procurement",
    "purchasing",
    "sales",
    "office",
    "reception",
    "helpdesk",
    "dept",
    "department",
    "service",
    "services",
    "engineering",
    "devops",
    "legal",
    "hr",
    "gmbh",
    "ltd",
    "llc",
    "inc",
    "plc",
    "corp",
    "bv",
    "sarl",
    "noreply",
    "no-reply",
];

/// Whether `full` names a team or a company rather than a person: one of
/// [`TEAM_WORDS`], or `IT` in capitals ("Kessler IT").
fn names_a_team(full: &str) -> bool {
    full.split(|c: char| c.is_whitespace() || c == ',')
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-'))
        .any(|w| w == "IT" || TEAM_WORDS.iter().any(|t| w.eq_ignore_ascii_case(t)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_first_name_is_a_persons() {
        assert_eq!(given_name("Lovelace, Ada").as_deref(), Some("Ada"));
        assert_eq!(given_name("Itzel Ramos").as_deref(), Some("Itzel"));
        for none in [
            "Ops Team",
            "Kessler IT",
            "Brightlabs GmbH",
            "Accounts Payable",
            "support",
            "null",
            "@jo",
            "jo@example.com",
            "",
            "😀",
        ] {
            assert_eq!(given_name(none), None, "{none}");
        }
    }

    #[test]
    fn a_comma_greeting_lowercases_only_known_openers() {
        assert_eq!(
            after_greeting("Hello Chloé,", "We can help."),
            "we can help."
        );
        assert_eq!(after_greeting("Hi Jo,", "You’re right."), "you’re right.");
        assert_eq!(after_greeting("Hi Jo!", "We can help."), "We can help.");
        assert_eq!(
            after_greeting("Hi Jo,", "Acme ships to Ireland."),
            "Acme ships to Ireland."
        );
        assert_eq!(after_greeting("Hi Jo,", "I see."), "I see.");
        assert_eq!(
            after_greeting("Hola,", "Entendemos tu malestar."),
            "entendemos tu malestar."
        );
        assert_eq!(after_greeting("Hallo Jonas,", "Ich prüfe…"), "ich prüfe…");
        assert_eq!(
            after_greeting("Hallo Jonas,", "Rechnungen gehen…"),
            "Rechnungen gehen…"
        );
        assert_eq!(after_greeting("Hallo Jonas,", "Sie finden…"), "Sie finden…");
        assert_eq!(after_greeting("Hallo Anna,", "Du kannst…"), "du kannst…");
        assert_eq!(
            after_greeting("Hallo Alex,", "Nicht verbrauchtes Datenvolumen…"),
            "nicht verbrauchtes Datenvolumen…"
        );
        assert_eq!(after_greeting("Salut Léa,", "Ton colis…"), "ton colis…");
        assert_eq!(after_greeting("Hallo Jonas,", "Danke!"), "danke!");
    }

    #[test]
    fn names_fill_and_missing_names_read_naturally() {
        assert_eq!(fill_name("Hey {name}!", "{name}", None), "Hey there!");
        assert_eq!(
            fill_name("Sorry to hear that, {name}.", "{name}", None),
            "Sorry to hear that."
        );
        assert_eq!(fill_template("Dear {first_name},", None, "A"), "Hello,");
        assert_eq!(fill_template("Hi {first_name},", Some("Jo"), "A"), "Hi Jo,");
        assert_eq!(fill_name("{name}, thanks", "{name}", None), "Thanks");
        assert_eq!(
            fill_name("see your order", "{name}", None),
            "see your order"
        );
        assert_eq!(
            fill_template("Kind regards,\n{agent}", None, "Ledger Bank"),
            "Kind regards,\nLedger Bank"
        );
    }
}
