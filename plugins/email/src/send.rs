//! Replies sent back by email: to the customer's address (`Reply-To`, else
//! `From`), threaded with `In-Reply-To` and `References`, and `Re:` on the
//! subject. The host sends it through the channel's SMTP server.

use chorus_sdk::deliver::{attribute, missing};
use chorus_sdk::{ConversationRef, OutboundMail, OutboundRequest, OutgoingReply, PluginError};

/// Subject prefixes that already mark a reply, in the languages customers
/// write in (`Re:`, German `AW:`, Nordic `SV:`, Dutch `Antw:`).
const REPLY_PREFIXES: [&str; 4] = ["re:", "aw:", "sv:", "antw:"];

/// The email that sends `reply` in the conversation of `to`.
pub fn deliver(
    reply: &OutgoingReply,
    to: &ConversationRef,
) -> Result<Vec<OutboundRequest>, PluginError> {
    let message = &to.message;
    let address = message
        .author
        .email
        .as_deref()
        .filter(|a| a.contains('@'))
        .ok_or_else(|| missing("sender address"))?;
    let recipient = match message.author.display_name.as_deref() {
        Some(name) => format!("\"{}\" <{address}>", name.replace(['"', '\\'], "")),
        None => address.to_owned(),
    };
    let parent = attribute(message, "email.message-id").map(bracketed);
    let mut references = Vec::new();
    if let Some(root) = message.thread_id.as_deref().filter(|r| r.contains('@')) {
        references.push(bracketed(root));
    }
    if let Some(parent) = &parent
        && !references.contains(parent)
    {
        references.push(parent.clone());
    }
    Ok(vec![OutboundRequest::Mail(OutboundMail {
        to: vec![recipient],
        cc: Vec::new(),
        subject: subject(attribute(message, "email.subject")),
        in_reply_to: parent,
        references,
        text: reply.text.clone(),
    })])
}

/// The reply's subject: the customer's, with `Re: ` unless it already
/// marks a reply.
fn subject(original: Option<&str>) -> String {
    let original = original.map(str::trim).filter(|s| !s.is_empty());
    match original {
        Some(s)
            if REPLY_PREFIXES
                .iter()
                .any(|p| s.to_lowercase().starts_with(p)) =>
        {
            s.to_owned()
        }
        Some(s) => format!("Re: {s}"),
        None => "Re: your message".to_owned(),
    }
}

/// A message id in angle brackets, as headers write it.
fn bracketed(id: &str) -> String {
    format!(
        "<{}>",
        id.trim().trim_start_matches('<').trim_end_matches('>')
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_subject_is_marked_as_a_reply_once() {
        assert_eq!(subject(Some("Broken zip")), "Re: Broken zip");
        assert_eq!(subject(Some("RE: Broken zip")), "RE: Broken zip");
        assert_eq!(subject(Some("AW: Reißverschluss")), "AW: Reißverschluss");
        assert_eq!(subject(Some("  ")), "Re: your message");
        assert_eq!(subject(None), "Re: your message");
    }
}
