//! The inbound message an eval line stands for, as its channel's plugin
//! would see it: the raw mail a client sends for email (the plugin's
//! `listen` makes the message of it), the plugin's [`Message`] for X posts
//! and chat messages. Shared by `chorus eval triage` and `chorus eval
//! replies`.

use chorus_host::model::{Attribute, Author, HttpRequest, Message, MessageKind, Visibility};
use serde::Deserialize;

/// The secret that verifies an email webhook with a bearer token (the
/// email plugin's `webhook-token`).
pub(super) const EMAIL_TOKEN_SECRET: &str = "webhook-token";

/// The evaluation's own email webhook token: it stands for the one an
/// operator configures, so the eval runs the plugin's verified path.
pub(super) const EMAIL_TOKEN: &str = "chorus-eval";

/// The channel a line arrived on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(super) enum Channel {
    Twitter,
    Slack,
    Email,
}

impl Channel {
    /// The plugin that serves it.
    pub fn plugin(self) -> &'static str {
        match self {
            Channel::Twitter => "twitter",
            Channel::Slack => "chat",
            Channel::Email => "email",
        }
    }

    /// Its name in eval files.
    pub fn name(self) -> &'static str {
        match self {
            Channel::Twitter => "twitter",
            Channel::Slack => "slack",
            Channel::Email => "email",
        }
    }
}

/// One customer message of an eval file, whatever the file's labels.
#[derive(Debug, Clone, Copy)]
pub(super) struct Inbound<'a> {
    /// The line's id.
    pub id: &'a str,
    /// Who wrote it: an `@handle`, a chat user id or an email address.
    pub author: Option<&'a str>,
    /// The author's display name (for email, the `From` display name).
    pub name: Option<&'a str>,
    pub channel: Channel,
    pub visibility: Visibility,
    /// Email subject, when the line has one.
    pub subject: Option<&'a str>,
    pub text: &'a str,
}

impl Inbound<'_> {
    /// The author's id: the line's author, or one made from the line id.
    fn author_id(&self) -> String {
        self.author
            .map_or_else(|| format!("customer-{}", self.id), str::to_owned)
    }

    /// An email as a mail client sends it, for the email plugin's `listen`:
    /// quoted history and signatures are the plugin's to strip, as in the
    /// server. A display name goes in `From: Name <address>`.
    pub fn raw_email(&self) -> HttpRequest {
        let address = self.author_id();
        let address = if address.contains('@') {
            address
        } else {
            format!("{address}@customer.example")
        };
        let from = match self.name.filter(|n| !n.trim().is_empty()) {
            Some(name) => format!("{} <{address}>", display_name(name)),
            None => address,
        };
        let mut mail = format!(
            "From: {from}\r\nTo: support@brand.example\r\nMessage-ID: <eval-{}@chorus.example>\r\nDate: Tue, 1 Dec 2026 10:00:00 +0000\r\n",
            self.id
        );
        if let Some(subject) = self.subject {
            mail.push_str(&format!("Subject: {subject}\r\n"));
        }
        mail.push_str("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n");
        mail.push_str(&self.text.replace("\r\n", "\n").replace('\n', "\r\n"));
        HttpRequest {
            method: "POST".to_owned(),
            path: "/eval".to_owned(),
            query: String::new(),
            headers: vec![
                ("content-type".to_owned(), "message/rfc822".to_owned()),
                ("authorization".to_owned(), format!("Bearer {EMAIL_TOKEN}")),
            ],
            body: mail.into_bytes(),
        }
    }

    /// The message as a chat or X plugin hands it to triage, for the brand
    /// named `brand_name`. A public X post that @-mentions the brand is
    /// marked `x.mentions-brand`, as the X plugin marks a mention of the
    /// brand's account (by its user id, which eval lines do not have: here
    /// a handle that holds the brand's name, as `@AcmeOutdoor` holds
    /// "Acme Outdoor").
    pub fn message(&self, brand_name: &str) -> Message {
        let author = self.author_id();
        Message {
            event_id: format!("eval-{}", self.id),
            external_id: self.id.to_owned(),
            kind: MessageKind::Original,
            thread_id: None,
            in_reply_to: None,
            author: Author {
                handle: Some(author.trim_start_matches('@').to_owned()),
                id: author,
                display_name: self.name.map(str::to_owned),
                email: None,
                follower_count: None,
                verified: false,
            },
            text: self.text.to_owned(),
            full_text: None,
            visibility: self.visibility,
            sent_at: None,
            language: None,
            attachments: Vec::new(),
            attributes: if self.mentions(brand_name) {
                vec![Attribute {
                    key: "x.mentions-brand".to_owned(),
                    value: "true".to_owned(),
                }]
            } else {
                Vec::new()
            },
        }
    }

    /// Whether this is a public X post with an @handle that holds the
    /// brand's name (its letters and digits, any case).
    fn mentions(&self, brand_name: &str) -> bool {
        let squeeze = |s: &str| -> String {
            s.chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect()
        };
        let brand = squeeze(brand_name);
        self.channel == Channel::Twitter
            && self.visibility == Visibility::Public
            && !brand.is_empty()
            && self
                .text
                .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '@'))
                .filter_map(|word| word.strip_prefix('@'))
                .any(|handle| squeeze(handle).contains(&brand))
    }
}

/// A display name as a `From` header writes it: a quoted string when it is
/// ASCII, an RFC 2047 encoded word (`=?UTF-8?Q?...?=`) otherwise.
fn display_name(name: &str) -> String {
    let name = name.trim();
    if name.is_ascii() {
        let escaped = name.replace('\\', "\\\\").replace('"', "\\\"");
        return format!("\"{escaped}\"");
    }
    let mut encoded = String::from("=?UTF-8?Q?");
    for byte in name.bytes() {
        match byte {
            b' ' => encoded.push('_'),
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' => encoded.push(char::from(byte)),
            _ => encoded.push_str(&format!("={byte:02X}")),
        }
    }
    encoded.push_str("?=");
    encoded
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_public_post_to_the_brand_is_marked_a_mention() {
        let post = |text, visibility| Inbound {
            id: "t-1",
            author: Some("@wes"),
            name: None,
            channel: Channel::Twitter,
            visibility,
            subject: None,
            text,
        };
        let mentions = |inbound: Inbound| {
            inbound
                .message("Acme Outdoor")
                .attributes
                .iter()
                .any(|a| a.key == "x.mentions-brand")
        };
        assert!(mentions(post(
            "@AcmeOutdoor my boots leak",
            Visibility::Public
        )));
        assert!(mentions(post(
            "cc @acme_outdoor_help, anyone?",
            Visibility::Public
        )));
        assert!(!mentions(post(
            "@wetboots_wes acme boots leak",
            Visibility::Public
        )));
        assert!(!mentions(post(
            "@AcmeOutdoor my boots leak",
            Visibility::Private
        )));
    }

    fn email(name: Option<&str>) -> String {
        let inbound = Inbound {
            id: "r-1",
            author: Some("maria.lopez@example.es"),
            name,
            channel: Channel::Email,
            visibility: Visibility::Private,
            subject: None,
            text: "Hola\nque tal",
        };
        String::from_utf8(inbound.raw_email().body).expect("UTF-8 mail")
    }

    #[test]
    fn an_email_names_its_sender_in_from() {
        assert!(email(None).starts_with("From: maria.lopez@example.es\r\n"));
        assert!(
            email(Some("Maria Lopez"))
                .starts_with("From: \"Maria Lopez\" <maria.lopez@example.es>\r\n")
        );
        assert!(email(Some("José Núñez")).starts_with(
            "From: =?UTF-8?Q?Jos=C3=A9_N=C3=BA=C3=B1ez?= <maria.lopez@example.es>\r\n"
        ));
        assert!(email(None).ends_with("\r\n\r\nHola\r\nque tal"));
    }
}
