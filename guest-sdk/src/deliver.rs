//! Helpers for [`crate::Plugin::deliver`]: reading the message answered,
//! and building the calls the host makes. A plugin never sees a token: it
//! names the secret (`{secret:NAME}`, see [`bearer`]) and the host fills it
//! in just before sending, to the hosts the manifest's `send_to` allows.

use crate::{Header, Message, OutboundCall, PluginError};

/// The value of the message's attribute `key`, if it has one.
pub fn attribute<'a>(message: &'a Message, key: &str) -> Option<&'a str> {
    message
        .attributes
        .iter()
        .find(|a| a.key == key)
        .map(|a| a.value.as_str())
}

/// An `Authorization: Bearer` header whose token is the brand's secret
/// `secret`, filled in by the host.
pub fn bearer(secret: &str) -> Header {
    header("Authorization", &format!("Bearer {{secret:{secret}}}"))
}

/// A header.
pub fn header(name: &str, value: &str) -> Header {
    Header {
        name: name.to_owned(),
        value: value.to_owned(),
    }
}

/// A `POST` of a JSON `body` to `url`, authorized with the secret
/// `token_secret`; the caller sets how the answer reads
/// ([`OutboundCall::sent_id`], [`OutboundCall::ok_flag`],
/// [`OutboundCall::error_reason`]).
pub fn post_json(url: String, token_secret: &str, body: Vec<u8>) -> OutboundCall {
    OutboundCall {
        method: "POST".to_owned(),
        url,
        headers: vec![
            bearer(token_secret),
            header("Content-Type", "application/json; charset=utf-8"),
        ],
        body,
        sent_id: String::new(),
        ok_flag: String::new(),
        error_reason: String::new(),
    }
}

/// The base URL of the platform's API: the brand's configuration `key`
/// when set (a regional API, a proxy, a local fake), else `default`,
/// without a trailing `/`.
pub fn api_base(key: &str, default: &str) -> String {
    crate::host::config(key)
        .map(|url| url.trim().to_owned())
        .filter(|url| !url.is_empty())
        .unwrap_or_else(|| default.to_owned())
        .trim_end_matches('/')
        .to_owned()
}

/// The error `deliver` returns when the message lacks what a reply needs.
pub fn missing(what: &str) -> PluginError {
    PluginError::BadInput(format!("cannot reply: the message has no {what}"))
}
