//! Email replies, sent by the host through the channel's SMTP server, with
//! STARTTLS or TLS and the channel's credentials. The plugin says what to
//! send ([`OutboundMail`]); the host sets `From`, `Date` and a
//! `Message-ID` made from the reply's idempotency key, so a retry is the
//! same message.

use std::time::Duration;

use lettre::message::header::ContentType;
use lettre::message::{Mailbox, Mailboxes};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use serde::Deserialize;

use super::{Attempt, OutboundError};
use crate::model::OutboundMail;

/// Longest wait for the SMTP server at each step.
const SMTP_TIMEOUT: Duration = Duration::from_secs(30);

/// `[brands.channels.<name>.mail]`: how an email channel sends.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MailSettings {
    /// The SMTP server, `host:port` (587 for STARTTLS, 465 for TLS).
    pub smtp: String,
    /// How the connection is secured (default `starttls`).
    #[serde(default)]
    pub tls: MailTls,
    /// The sender, `Name <address>` or an address.
    pub from: String,
    /// The user to log in as, when the server wants a login.
    #[serde(default)]
    pub username: Option<String>,
    /// The channel secret (under its `secrets`) holding the password.
    #[serde(default)]
    pub password_secret: Option<String>,
}

/// How the SMTP connection is secured.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MailTls {
    /// Plain connection upgraded with STARTTLS, which is required.
    #[default]
    Starttls,
    /// TLS from the first byte (SMTPS).
    Tls,
    /// No encryption: only to a server on a loopback address (a local
    /// relay or a test sink).
    None,
}

impl MailSettings {
    /// The server's host and port.
    fn server(&self) -> Result<(&str, u16), String> {
        let (host, port) = self
            .smtp
            .rsplit_once(':')
            .ok_or_else(|| format!("smtp {:?} must be host:port", self.smtp))?;
        let port = port
            .parse()
            .map_err(|_| format!("smtp {:?}: the port is not a number", self.smtp))?;
        Ok((host.trim_matches(['[', ']']), port))
    }

    /// Checks what can be checked before anything is sent: the server's
    /// address, the sender, and that `tls = "none"` goes only to loopback.
    pub fn check(&self) -> Result<(), String> {
        let (host, _) = self.server()?;
        self.from
            .parse::<Mailbox>()
            .map_err(|e| format!("from {:?}: {e}", self.from))?;
        if self.tls == MailTls::None && !is_loopback(host) {
            return Err(format!(
                "tls = \"none\" is allowed only to a loopback address, not {host}"
            ));
        }
        if self.password_secret.is_some() && self.username.is_none() {
            return Err("password_secret without username".to_owned());
        }
        Ok(())
    }
}

/// Whether `host` is a loopback address or `localhost`.
fn is_loopback(host: &str) -> bool {
    host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// Sends `mail` through `settings`' server; `secret` gives the channel's
/// secrets by name.
pub async fn send(
    settings: &MailSettings,
    mail: &OutboundMail,
    idempotency_key: &str,
    secret: &(dyn Fn(&str) -> Option<Vec<u8>> + Sync),
) -> Attempt {
    let (message, message_id) = match build(settings, mail, idempotency_key) {
        Ok(built) => built,
        Err(error) => return error.into(),
    };
    let transport = match transport(settings, secret) {
        Ok(transport) => transport,
        Err(error) => return error.into(),
    };
    match transport.send(message).await {
        Ok(_) => Attempt::Sent {
            platform_id: Some(message_id),
        },
        Err(error) if error.is_permanent() => Attempt::Failed {
            reason: format!("the mail server refused it: {error}"),
        },
        Err(error) => Attempt::Retry {
            reason: format!("the mail server: {error}"),
            after: None,
        },
    }
}

/// The message, and its `Message-ID`.
fn build(
    settings: &MailSettings,
    mail: &OutboundMail,
    idempotency_key: &str,
) -> Result<(Message, String), OutboundError> {
    let bad =
        |what: &str, e: &dyn std::fmt::Display| OutboundError::BadMail(format!("{what}: {e}"));
    let from: Mailbox = settings.from.parse().map_err(|e| bad("from", &e))?;
    let mailboxes = |list: &[String], what: &str| -> Result<Option<Mailboxes>, OutboundError> {
        match list {
            [] => Ok(None),
            list => list.join(", ").parse().map(Some).map_err(|e| bad(what, &e)),
        }
    };
    let to = mailboxes(&mail.to, "to")?
        .ok_or_else(|| OutboundError::BadMail("no recipient".to_owned()))?;
    let key: String = idempotency_key
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || "-_.".contains(*c))
        .collect();
    let message_id = format!("<{key}@{}>", from.email.domain());
    let mut builder = Message::builder()
        .from(from)
        .mailbox(lettre::message::header::To::from(to))
        .subject(&mail.subject)
        .message_id(Some(message_id.clone()))
        .header(ContentType::TEXT_PLAIN);
    if let Some(cc) = mailboxes(&mail.cc, "cc")? {
        builder = builder.mailbox(lettre::message::header::Cc::from(cc));
    }
    if let Some(parent) = &mail.in_reply_to {
        builder = builder.in_reply_to(parent.clone());
    }
    if !mail.references.is_empty() {
        builder = builder.references(mail.references.join(" "));
    }
    let message = builder
        .body(mail.text.clone())
        .map_err(|e| bad("message", &e))?;
    Ok((message, message_id))
}

/// A transport to `settings`' server.
fn transport(
    settings: &MailSettings,
    secret: &(dyn Fn(&str) -> Option<Vec<u8>> + Sync),
) -> Result<AsyncSmtpTransport<Tokio1Executor>, OutboundError> {
    settings.check().map_err(OutboundError::BadMail)?;
    let (host, port) = settings.server().map_err(OutboundError::BadMail)?;
    let tls_error = |e: lettre::transport::smtp::Error| OutboundError::BadMail(format!("tls: {e}"));
    let builder = match settings.tls {
        MailTls::Starttls => {
            AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(host).map_err(tls_error)?
        }
        MailTls::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(host).map_err(tls_error)?,
        MailTls::None => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host),
    };
    let mut builder = builder.port(port).timeout(Some(SMTP_TIMEOUT));
    if let Some(username) = &settings.username {
        let password = match &settings.password_secret {
            Some(name) => {
                let value =
                    secret(name).ok_or_else(|| OutboundError::MissingSecret(name.clone()))?;
                String::from_utf8(value)
                    .map_err(|_| OutboundError::BadMail(format!("secret `{name}` is not UTF-8")))?
            }
            None => String::new(),
        };
        builder = builder.credentials(Credentials::new(username.clone(), password));
    }
    Ok(builder.build())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(tls: MailTls, smtp: &str) -> MailSettings {
        MailSettings {
            smtp: smtp.to_owned(),
            tls,
            from: "Acme Care <care@acme.example>".to_owned(),
            username: None,
            password_secret: None,
        }
    }

    #[test]
    fn unencrypted_smtp_only_to_loopback() {
        assert!(settings(MailTls::None, "127.0.0.1:2525").check().is_ok());
        assert!(settings(MailTls::None, "localhost:25").check().is_ok());
        assert!(
            settings(MailTls::None, "smtp.example.com:25")
                .check()
                .is_err()
        );
        assert!(
            settings(MailTls::Starttls, "smtp.example.com:587")
                .check()
                .is_ok()
        );
        assert!(
            settings(MailTls::Starttls, "smtp.example.com")
                .check()
                .is_err()
        );
    }

    #[test]
    fn a_reply_threads_on_the_customers_message_and_keeps_its_id_across_retries() {
        let mail = OutboundMail {
            to: vec!["Ada <ada@example.com>".to_owned()],
            cc: Vec::new(),
            subject: "Re: Broken zip".to_owned(),
            in_reply_to: Some("<m1@example.com>".to_owned()),
            references: vec!["<m0@example.com>".to_owned(), "<m1@example.com>".to_owned()],
            text: "Hi Ada,\n\nA new zip is on its way.".to_owned(),
        };
        let settings = settings(MailTls::None, "127.0.0.1:2525");
        let (message, id) = build(&settings, &mail, "reply-42").expect("built");
        assert_eq!(id, "<reply-42@acme.example>");
        let raw = String::from_utf8(message.formatted()).expect("utf-8");
        for header in [
            "In-Reply-To: <m1@example.com>",
            "References: <m0@example.com> <m1@example.com>",
            "Subject: Re: Broken zip",
            "Message-ID: <reply-42@acme.example>",
            "To: Ada <ada@example.com>",
        ] {
            assert!(raw.contains(header), "{header} in {raw}");
        }
        let (_, again) = build(&settings, &mail, "reply-42").expect("built");
        assert_eq!(again, id);
    }
}
