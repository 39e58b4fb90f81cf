//! Sending replies through their channel. A plugin's `deliver` says what
//! to send ([`OutboundRequest`]); the host checks it, fills in the brand's
//! secrets and sends it, so a plugin never opens a socket and never sees a
//! token:
//!
//! - [`policy`]: a call may reach only the hosts its plugin declares (or the
//!   operator allows instead), over HTTPS (plain HTTP only to loopback), and
//!   may name only the secrets its plugin declares;
//! - [`http`]: the call, made without following redirects, and the platform's
//!   answer read as sent, worth a retry, or refused;
//! - [`mail`]: an email, through the channel's SMTP transport;
//! - [`backoff`]: when to try again.
//!
//! The durable outbox and its retries are the server's (`server::sender`).

pub mod backoff;
pub mod http;
pub mod mail;
pub mod policy;

use std::time::Duration;

pub use http::HttpSender;
pub use mail::{MailSettings, MailTls};
pub use policy::Allowlist;

use crate::model::OutboundRequest;

/// Why a request could not be sent as asked. None of these is worth a
/// retry: the plugin, or the channel's configuration, must change.
#[derive(Debug, thiserror::Error)]
pub enum OutboundError {
    /// The URL's host is not one the channel may reach.
    #[error(
        "the plugin asked to reach `{host}`, which is not among the hosts it may send to ({allowed})"
    )]
    HostNotAllowed {
        /// The host asked for.
        host: String,
        /// The hosts allowed, listed.
        allowed: String,
    },
    /// The URL is not an absolute `https://` URL (or `http://` to loopback).
    #[error("bad url {url:?}: {reason}")]
    BadUrl {
        /// The URL as written.
        url: String,
        /// What is wrong.
        reason: String,
    },
    /// A `{secret:NAME}` the plugin does not declare in its metadata.
    #[error("the plugin asked for secret `{0}`, which it does not declare")]
    UndeclaredSecret(String),
    /// A declared secret the channel has no value for.
    #[error("secret `{0}` is not configured for this channel")]
    MissingSecret(String),
    /// A header or method the HTTP client refuses.
    #[error("bad request: {0}")]
    BadRequest(String),
    /// An email on a channel without a mail transport.
    #[error(
        "the plugin asked to send an email, and the channel has no `mail` transport configured"
    )]
    NoMailTransport,
    /// An email the host cannot build (an address that does not parse).
    #[error("bad email: {0}")]
    BadMail(String),
}

/// How one request went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Attempt {
    /// The platform acknowledged it.
    Sent {
        /// Its id for what was sent, when it gave one.
        platform_id: Option<String>,
    },
    /// It failed in a way a later attempt may not: a 5xx, a 429, a
    /// timeout, a refused connection, a transient SMTP reply.
    Retry {
        /// What went wrong.
        reason: String,
        /// How long the platform asked us to wait (`Retry-After`).
        after: Option<Duration>,
    },
    /// The platform refused it, or it could not be sent as asked.
    Failed {
        /// Why.
        reason: String,
    },
}

impl From<OutboundError> for Attempt {
    fn from(error: OutboundError) -> Self {
        Self::Failed {
            reason: error.to_string(),
        }
    }
}

/// What a request may use on the channel it is sent for.
#[derive(Clone, Copy)]
pub struct ChannelAccess<'a> {
    /// The hosts its calls may reach.
    pub allowlist: &'a Allowlist,
    /// The secrets its plugin declares.
    pub declared_secrets: &'a [String],
    /// The channel's secret values, by name.
    pub secret: &'a (dyn Fn(&str) -> Option<Vec<u8>> + Sync),
    /// Its mail transport, if it has one.
    pub mail: Option<&'a MailSettings>,
    /// The reply's idempotency key (an email's `Message-ID` is made from it).
    pub idempotency_key: &'a str,
}

impl std::fmt::Debug for ChannelAccess<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ChannelAccess")
            .field("allowlist", &self.allowlist)
            .field("declared_secrets", &self.declared_secrets)
            .finish_non_exhaustive()
    }
}

/// Sends one request of a reply; never panics, never returns a secret in
/// its reasons.
pub async fn send(
    http: &HttpSender,
    request: &OutboundRequest,
    access: ChannelAccess<'_>,
) -> Attempt {
    match request {
        OutboundRequest::Call(call) => match policy::prepare(call, access) {
            Ok(prepared) => http.send(prepared, call).await,
            Err(error) => error.into(),
        },
        OutboundRequest::Mail(message) => match access.mail {
            Some(settings) => {
                mail::send(settings, message, access.idempotency_key, access.secret).await
            }
            None => OutboundError::NoMailTransport.into(),
        },
    }
}
