//! What a plugin's call may do: reach the channel's allowed hosts, over
//! HTTPS (plain HTTP only to a loopback address, for local fakes), with the
//! secrets its plugin declares filled into its headers by the host.

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use reqwest::{Method, Url};

use super::{ChannelAccess, OutboundError};
use crate::model::OutboundCall;

/// The hosts a channel's calls may reach: the plugin's `send-to`, or the
/// operator's `send_to` for the channel instead. A name admits its
/// subdomains (`slack.com` admits `api.slack.com`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Allowlist {
    hosts: Vec<String>,
}

impl Allowlist {
    /// The operator's list when there is one, else the plugin's.
    pub fn new(plugin: &[String], operator: Option<&[String]>) -> Self {
        let hosts = operator.unwrap_or(plugin);
        Self {
            hosts: hosts
                .iter()
                .map(|h| h.trim().to_ascii_lowercase())
                .collect(),
        }
    }

    /// Whether `host` (lower case, as a URL parser gives it) is allowed.
    pub fn allows(&self, host: &str) -> bool {
        self.hosts.iter().any(|allowed| {
            host == allowed
                || host
                    .strip_suffix(allowed.as_str())
                    .is_some_and(|sub| sub.ends_with('.'))
        })
    }
}

impl std::fmt::Display for Allowlist {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.hosts.as_slice() {
            [] => f.write_str("none"),
            hosts => f.write_str(&hosts.join(", ")),
        }
    }
}

/// A call checked and ready: its secrets are filled in, and its header
/// values holding one are marked sensitive (never printed).
#[derive(Debug)]
pub struct PreparedCall {
    /// The method.
    pub method: Method,
    /// The URL.
    pub url: Url,
    /// The headers.
    pub headers: HeaderMap,
    /// The body.
    pub body: Vec<u8>,
}

/// Checks `call` against what the channel allows and fills its secrets.
pub fn prepare(
    call: &OutboundCall,
    access: ChannelAccess<'_>,
) -> Result<PreparedCall, OutboundError> {
    let bad_url = |reason: &str| OutboundError::BadUrl {
        url: call.url.clone(),
        reason: reason.to_owned(),
    };
    let url = Url::parse(&call.url).map_err(|e| bad_url(&e.to_string()))?;
    let host = url.host_str().ok_or_else(|| bad_url("no host"))?.to_owned();
    match url.scheme() {
        "https" => {}
        "http" if is_loopback(&url) => {}
        "http" => return Err(bad_url("plain http is allowed only to a loopback address")),
        _ => return Err(bad_url("the scheme must be https")),
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(bad_url(
            "credentials belong in a header with {secret:NAME}, not in the url",
        ));
    }
    if !access.allowlist.allows(&host) {
        return Err(OutboundError::HostNotAllowed {
            host,
            allowed: access.allowlist.to_string(),
        });
    }
    let method = Method::from_bytes(call.method.as_bytes())
        .map_err(|_| OutboundError::BadRequest(format!("method {:?}", call.method)))?;
    let mut headers = HeaderMap::new();
    for (name, value) in &call.headers {
        let header = HeaderName::from_bytes(name.as_bytes())
            .map_err(|_| OutboundError::BadRequest(format!("header name {name:?}")))?;
        let (filled, secret) = fill_secrets(value, access)?;
        let mut value = HeaderValue::from_bytes(&filled)
            .map_err(|_| OutboundError::BadRequest(format!("the value of header {name:?}")))?;
        value.set_sensitive(secret);
        headers.append(header, value);
    }
    Ok(PreparedCall {
        method,
        url,
        headers,
        body: call.body.clone(),
    })
}

/// The placeholder a header value names a secret with.
const SECRET_OPEN: &str = "{secret:";

/// `value` with each `{secret:NAME}` replaced by the channel's secret
/// NAME, and whether it held one.
fn fill_secrets(value: &str, access: ChannelAccess<'_>) -> Result<(Vec<u8>, bool), OutboundError> {
    let mut filled = Vec::with_capacity(value.len());
    let mut rest = value;
    let mut secret = false;
    while let Some(start) = rest.find(SECRET_OPEN) {
        let after = &rest[start + SECRET_OPEN.len()..];
        let Some(end) = after.find('}') else { break };
        let name = &after[..end];
        if !access.declared_secrets.iter().any(|d| d == name) {
            return Err(OutboundError::UndeclaredSecret(name.to_owned()));
        }
        let value =
            (access.secret)(name).ok_or_else(|| OutboundError::MissingSecret(name.to_owned()))?;
        filled.extend_from_slice(&rest.as_bytes()[..start]);
        filled.extend_from_slice(&value);
        secret = true;
        rest = &after[end + 1..];
    }
    filled.extend_from_slice(rest.as_bytes());
    Ok((filled, secret))
}

/// Whether the URL's host is a loopback address (`127.0.0.0/8`, `::1`,
/// `localhost`).
fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        Some(url::Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn access<'a>(
        allowlist: &'a Allowlist,
        secret: &'a (dyn Fn(&str) -> Option<Vec<u8>> + Sync),
    ) -> ChannelAccess<'a> {
        ChannelAccess {
            allowlist,
            declared_secrets: &DECLARED,
            secret,
            mail: None,
            idempotency_key: "k1",
        }
    }

    static DECLARED: [String; 0] = [];

    fn call(url: &str, headers: &[(&str, &str)]) -> OutboundCall {
        OutboundCall {
            method: "POST".into(),
            url: url.into(),
            headers: headers
                .iter()
                .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
                .collect(),
            body: b"{}".to_vec(),
            sent_id: String::new(),
            ok_flag: String::new(),
            error_reason: String::new(),
        }
    }

    #[test]
    fn a_name_admits_itself_and_its_subdomains_only() {
        let list = Allowlist::new(&["slack.com".to_owned()], None);
        assert!(list.allows("slack.com"));
        assert!(list.allows("api.slack.com"));
        assert!(!list.allows("evilslack.com"));
        assert!(!list.allows("slack.com.evil.example"));
        let replaced = Allowlist::new(&["slack.com".to_owned()], Some(&["127.0.0.1".to_owned()]));
        assert!(replaced.allows("127.0.0.1"));
        assert!(
            !replaced.allows("slack.com"),
            "the operator's list replaces the plugin's"
        );
    }

    #[test]
    fn a_host_outside_the_list_is_refused_with_a_typed_error() {
        let list = Allowlist::new(&["slack.com".to_owned()], None);
        let none = |_: &str| None;
        let refused = prepare(&call("https://evil.example/x", &[]), access(&list, &none));
        assert!(
            matches!(&refused, Err(OutboundError::HostNotAllowed { host, .. }) if host == "evil.example"),
            "{refused:?}"
        );
        for url in [
            "http://slack.com/api",
            "ftp://slack.com/",
            "https://u:p@slack.com/",
            "slack.com",
        ] {
            assert!(
                matches!(
                    prepare(&call(url, &[]), access(&list, &none)),
                    Err(OutboundError::BadUrl { .. })
                ),
                "{url}"
            );
        }
        let loopback = Allowlist::new(&["127.0.0.1".to_owned()], None);
        assert!(prepare(&call("http://127.0.0.1:9/x", &[]), access(&loopback, &none)).is_ok());
    }

    #[test]
    fn declared_secrets_are_filled_and_marked_sensitive() {
        let list = Allowlist::new(&["slack.com".to_owned()], None);
        let declared = ["slack-bot-token".to_owned()];
        let secret = |name: &str| (name == "slack-bot-token").then(|| b"xoxb-1".to_vec());
        let access = ChannelAccess {
            declared_secrets: &declared,
            ..access(&list, &secret)
        };
        let prepared = prepare(
            &call(
                "https://slack.com/api/chat.postMessage",
                &[
                    ("Authorization", "Bearer {secret:slack-bot-token}"),
                    ("X-Plain", "{secret:"),
                ],
            ),
            access,
        )
        .expect("prepared");
        let auth = &prepared.headers["authorization"];
        assert_eq!(auth, "Bearer xoxb-1");
        assert!(auth.is_sensitive());
        assert!(!format!("{prepared:?}").contains("xoxb-1"));
        assert_eq!(prepared.headers["x-plain"], "{secret:");
        let undeclared = prepare(
            &call("https://slack.com/", &[("Authorization", "{secret:other}")]),
            access,
        );
        assert!(
            matches!(undeclared, Err(OutboundError::UndeclaredSecret(name)) if name == "other")
        );
    }
}
