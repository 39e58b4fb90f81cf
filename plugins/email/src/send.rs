//! Replies sent back by email: to the customer's address (`Reply-To`, else
//! `From`), threaded with `In-Reply-To` and `References`, and `Re:` on the
//! subject. By default the host sends it through the channel's SMTP server;
//! a brand that sets `send-via = "sendgrid"` sends it with SendGrid's v3
//! Mail Send API instead, authorized with its secret `sendgrid-api-key`.

use chorus_sdk::deliver::{api_base, attribute, header, missing, post_json};
use chorus_sdk::{
    ConversationRef, OutboundMail, OutboundRequest, OutgoingReply, PluginError, host,
};
use serde_json::{Value, json};

/// The configuration key choosing how replies go out: `smtp` (the default,
/// the host's transport) or `sendgrid`.
pub const SEND_VIA: &str = "send-via";

/// The configuration key of the sender, `Name <address>` (for `sendgrid`).
pub const FROM_ADDRESS: &str = "from-address";

/// The configuration key of SendGrid's API base URL.
pub const SENDGRID_API_URL: &str = "sendgrid-api-url";

/// Name of the brand secret holding a SendGrid API key with Mail Send access.
pub const SENDGRID_API_KEY: &str = "sendgrid-api-key";

/// SendGrid's API.
const DEFAULT_SENDGRID_API_URL: &str = "https://api.sendgrid.com";

/// The host SendGrid's API is on, for the manifest's `send_to`.
pub const SENDGRID_HOST: &str = "api.sendgrid.com";

/// Subject prefixes that already mark a reply, in the languages customers
/// write in (`Re:`, German `AW:`, Nordic `SV:`, Dutch `Antw:`).
const REPLY_PREFIXES: [&str; 4] = ["re:", "aw:", "sv:", "antw:"];

/// What sends `reply` in the conversation of `to`: the email, or the
/// SendGrid call that sends it.
pub fn deliver(
    reply: &OutgoingReply,
    to: &ConversationRef,
) -> Result<Vec<OutboundRequest>, PluginError> {
    let mail = email(reply, to)?;
    let via = host::config(SEND_VIA);
    match via.as_deref().map(str::trim) {
        None | Some("" | "smtp") => Ok(vec![OutboundRequest::Mail(mail)]),
        Some("sendgrid") => Ok(vec![OutboundRequest::Call(sendgrid(&mail, reply)?)]),
        Some(other) => Err(PluginError::Config(format!(
            "{SEND_VIA} must be `smtp` or `sendgrid`, not {other:?}"
        ))),
    }
}

/// The email answering the customer's.
fn email(reply: &OutgoingReply, to: &ConversationRef) -> Result<OutboundMail, PluginError> {
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
    Ok(OutboundMail {
        to: vec![recipient],
        cc: Vec::new(),
        subject: subject(attribute(message, "email.subject")),
        in_reply_to: parent,
        references,
        text: reply.text.clone(),
    })
}

/// SendGrid's v3 Mail Send call for `mail`, from the brand's
/// `from-address`. SendGrid answers 202 with no body: the reply has no
/// platform id.
fn sendgrid(
    mail: &OutboundMail,
    reply: &OutgoingReply,
) -> Result<chorus_sdk::OutboundCall, PluginError> {
    let from = host::config(FROM_ADDRESS)
        .filter(|f| f.contains('@'))
        .ok_or_else(|| {
            PluginError::Config(format!("{SEND_VIA} = sendgrid needs {FROM_ADDRESS}"))
        })?;
    let mut headers = serde_json::Map::new();
    if let Some(parent) = &mail.in_reply_to {
        headers.insert("In-Reply-To".to_owned(), Value::String(parent.clone()));
    }
    if !mail.references.is_empty() {
        headers.insert(
            "References".to_owned(),
            Value::String(mail.references.join(" ")),
        );
    }
    let body = json!({
        "personalizations": [{ "to": mail.to.iter().map(|a| mailbox(a)).collect::<Vec<_>>() }],
        "from": mailbox(&from),
        "subject": mail.subject,
        "content": [{ "type": "text/plain", "value": mail.text }],
        "headers": headers,
        "custom_args": { "chorus_idempotency_key": reply.idempotency_key },
    });
    let url = format!(
        "{}/v3/mail/send",
        api_base(SENDGRID_API_URL, DEFAULT_SENDGRID_API_URL)
    );
    let mut call = post_json(url, SENDGRID_API_KEY, body.to_string().into_bytes());
    call.headers.push(header("Accept", "application/json"));
    call.error_reason = "/errors/0/message".to_owned();
    Ok(call)
}

/// `Name <address>` or `address` as SendGrid's `{ "email", "name" }`.
fn mailbox(written: &str) -> Value {
    match written.rsplit_once('<') {
        Some((name, address)) => {
            let name = name.trim().trim_matches('"').trim();
            let address = address.trim_end_matches('>').trim();
            match name {
                "" => json!({ "email": address }),
                name => json!({ "email": address, "name": name }),
            }
        }
        None => json!({ "email": written.trim() }),
    }
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
    use chorus_sdk::testing::FakeHost;
    use chorus_sdk::{Attribute, Author, Message, MessageKind, Visibility};

    use super::*;

    fn to() -> ConversationRef {
        ConversationRef {
            conversation_id: "5".to_owned(),
            message: Message {
                event_id: "m2@example.com".to_owned(),
                external_id: "m2@example.com".to_owned(),
                kind: MessageKind::Original,
                thread_id: Some("m1@example.com".to_owned()),
                in_reply_to: Some("m1@example.com".to_owned()),
                author: Author {
                    id: "ada@example.com".to_owned(),
                    handle: None,
                    display_name: Some("Ada \"Countess\" L".to_owned()),
                    email: Some("ada@example.com".to_owned()),
                    follower_count: None,
                    verified: false,
                },
                text: "Where is it?".to_owned(),
                full_text: None,
                visibility: Visibility::Private,
                sent_at: None,
                language: None,
                attachments: Vec::new(),
                attributes: [
                    ("email.subject", "Order 1234"),
                    ("email.message-id", "m2@example.com"),
                ]
                .map(|(key, value)| Attribute {
                    key: key.to_owned(),
                    value: value.to_owned(),
                })
                .to_vec(),
            },
        }
    }

    fn reply() -> OutgoingReply {
        OutgoingReply {
            text: "Hi Ada,\n\nIt ships today.".to_owned(),
            idempotency_key: "k-9".to_owned(),
        }
    }

    #[test]
    fn a_reply_threads_on_the_customers_message_through_smtp_by_default() {
        let _host = FakeHost::new().install();
        let requests = deliver(&reply(), &to()).expect("deliver");
        let [OutboundRequest::Mail(mail)] = requests.as_slice() else {
            panic!("{requests:?}")
        };
        assert_eq!(mail.to, ["\"Ada Countess L\" <ada@example.com>"]);
        assert_eq!(mail.subject, "Re: Order 1234");
        assert_eq!(mail.in_reply_to.as_deref(), Some("<m2@example.com>"));
        assert_eq!(mail.references, ["<m1@example.com>", "<m2@example.com>"]);
    }

    #[test]
    fn a_brand_on_sendgrid_sends_through_its_api() {
        let _host = FakeHost::new()
            .config(SEND_VIA, "sendgrid")
            .config(FROM_ADDRESS, "Acme Care <care@acme.example>")
            .install();
        let requests = deliver(&reply(), &to()).expect("deliver");
        let [OutboundRequest::Call(call)] = requests.as_slice() else {
            panic!("{requests:?}")
        };
        assert_eq!(call.url, "https://api.sendgrid.com/v3/mail/send");
        assert!(
            call.headers
                .iter()
                .any(|h| h.value == "Bearer {secret:sendgrid-api-key}")
        );
        let body: Value = serde_json::from_slice(&call.body).expect("JSON");
        assert_eq!(
            body["from"],
            json!({ "email": "care@acme.example", "name": "Acme Care" })
        );
        assert_eq!(
            body["personalizations"][0]["to"][0]["email"],
            "ada@example.com"
        );
        assert_eq!(body["headers"]["In-Reply-To"], "<m2@example.com>");
        assert_eq!(body["subject"], "Re: Order 1234");
    }

    #[test]
    fn sendgrid_without_a_sender_or_an_unknown_way_is_a_configuration_error() {
        let _host = FakeHost::new().config(SEND_VIA, "sendgrid").install();
        assert!(matches!(
            deliver(&reply(), &to()),
            Err(PluginError::Config(_))
        ));
        let _host = FakeHost::new().config(SEND_VIA, "pigeon").install();
        assert!(matches!(
            deliver(&reply(), &to()),
            Err(PluginError::Config(_))
        ));
    }

    #[test]
    fn the_subject_is_marked_as_a_reply_once() {
        assert_eq!(subject(Some("Broken zip")), "Re: Broken zip");
        assert_eq!(subject(Some("RE: Broken zip")), "RE: Broken zip");
        assert_eq!(subject(Some("AW: Reißverschluss")), "AW: Reißverschluss");
        assert_eq!(subject(Some("  ")), "Re: your message");
        assert_eq!(subject(None), "Re: your message");
    }
}
