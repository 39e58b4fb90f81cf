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

fn capitalize_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) if first.is_lowercase() => first.to_uppercase().chain(chars).collect(),
        _ => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
