//! Slack `mrkdwn` ↔ plain text.
//!
//! Slack escapes `&`, `<` and `>` and wraps links and mentions in angle
//! brackets: `<@U123>`, `<#C123|general>`, `<https://x.y|label>`,
//! `<!here>`. See <https://api.slack.com/reference/surfaces/formatting>.

/// Converts Slack message text to plain text for triage and agents.
pub fn to_plain(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('>') {
            Some(close) => {
                out.push_str(&render_token(&after[..close]));
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    unescape(&out)
}

/// Renders one `<...>` token.
fn render_token(token: &str) -> String {
    let (target, label) = match token.split_once('|') {
        Some((t, l)) => (t, Some(l)),
        None => (token, None),
    };
    if let Some(user) = target.strip_prefix('@') {
        format!("@{}", label.unwrap_or(user))
    } else if let Some(channel) = target.strip_prefix('#') {
        format!("#{}", label.unwrap_or(channel))
    } else if let Some(special) = target.strip_prefix('!') {
        let name = special.split('^').next().unwrap_or(special);
        format!("@{}", label.unwrap_or(name))
    } else {
        match label {
            Some(label) if label != target => format!("{label} ({target})"),
            _ => target.strip_prefix("mailto:").unwrap_or(target).to_owned(),
        }
    }
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Escapes plain text so Slack shows it literally.
pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mentions_links_and_channels_become_plain() {
        assert_eq!(
            to_plain("<@U024BE7LH> see <https://example.com|the docs> in <#C123|general> <!here>"),
            "@U024BE7LH see the docs (https://example.com) in #general @here"
        );
        assert_eq!(
            to_plain("<mailto:bob@example.com|bob@example.com>"),
            "bob@example.com (mailto:bob@example.com)"
        );
        assert_eq!(to_plain("<https://example.com>"), "https://example.com");
    }

    #[test]
    fn entities_are_unescaped_once() {
        assert_eq!(to_plain("a &lt;b&gt; &amp;amp;"), "a <b> &amp;");
        assert_eq!(to_plain("unclosed <tag"), "unclosed <tag");
    }

    #[test]
    fn escape_round_trips() {
        let text = "1 < 2 & 3 > 2";
        assert_eq!(to_plain(&escape(text)), text);
    }
}
