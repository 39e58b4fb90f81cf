//! Who sent an inbound email webhook. Each provider proves it its own way,
//! and the channel configures the secret of the one it uses (at least one;
//! the server refuses to start an email channel with none):
//!
//! - Mailgun routes: HMAC-SHA256 (hex) of `timestamp + token` with the
//!   webhook signing key ([`MAILGUN_SIGNING_KEY`]), in the form fields
//!   `timestamp`, `token` and `signature`; requests more than five minutes
//!   from the host's clock are refused (replays).
//! - SendGrid Inbound Parse: HTTP basic auth in the parse URL
//!   (`https://user:password@…`), checked against [`BASIC_AUTH`]
//!   (`user:password`).
//! - Raw MIME posts (or SendGrid without basic auth): `Authorization:
//!   Bearer <token>`, or `?token=<token>` in the URL, checked against
//!   [`WEBHOOK_TOKEN`].
//!
//! Secrets stay in the host: the Mailgun MAC comes from `host.hmac-sha256`,
//! and tokens and passwords are compared through
//! [`host::secret_matches`]. Every comparison is constant-time. Without any
//! secret configured, `chorus plugin run` skips the check with a warning.

use chorus_sdk::host::{self, REQUIRE_SIGNATURES, constant_time_eq, decode_hex};
use chorus_sdk::{HostError, HttpRequest, LogLevel, PluginError};

use crate::form;

/// Secret name: Mailgun's HTTP webhook signing key.
pub const MAILGUN_SIGNING_KEY: &str = "mailgun-signing-key";

/// Secret name: `user:password` of the basic auth in SendGrid's parse URL.
pub const BASIC_AUTH: &str = "basic-auth";

/// Secret name: the token of `Authorization: Bearer` or `?token=`.
pub const WEBHOOK_TOKEN: &str = "webhook-token";

/// Every secret that can verify an email webhook.
pub const SECRETS: &[&str] = &[MAILGUN_SIGNING_KEY, BASIC_AUTH, WEBHOOK_TOKEN];

/// How far a Mailgun timestamp may be from the host's clock, in seconds.
pub const MAX_AGE_SECONDS: i64 = 5 * 60;

/// The proof a request carries, first found in this order: an
/// `Authorization` header, a `token` query parameter, Mailgun's fields.
#[derive(Debug, PartialEq, Eq)]
enum Credential {
    Bearer(String),
    Basic(Vec<u8>),
    Mailgun {
        timestamp: String,
        token: String,
        signature: String,
    },
}

impl Credential {
    /// The secret that checks this credential.
    fn secret(&self) -> &'static str {
        match self {
            Credential::Bearer(_) => WEBHOOK_TOKEN,
            Credential::Basic(_) => BASIC_AUTH,
            Credential::Mailgun { .. } => MAILGUN_SIGNING_KEY,
        }
    }

    fn of(request: &HttpRequest) -> Result<Option<Self>, PluginError> {
        if let Some(value) = request.header("authorization") {
            let (scheme, rest) = value.trim().split_once(' ').unwrap_or((value.trim(), ""));
            return match scheme.to_ascii_lowercase().as_str() {
                "bearer" => Ok(Some(Credential::Bearer(rest.trim().to_owned()))),
                "basic" => mail_parser::decoders::base64::base64_decode(rest.trim().as_bytes())
                    .map(|decoded| Some(Credential::Basic(decoded)))
                    .ok_or_else(|| unauthorized("Authorization: Basic is not base64")),
                other => Err(unauthorized(&format!(
                    "Authorization scheme `{other}`: expected Bearer or Basic"
                ))),
            };
        }
        if let Some(token) = request.query_param("token") {
            return Ok(Some(Credential::Bearer(token)));
        }
        mailgun_fields(request)
    }
}

/// Mailgun's `timestamp`, `token` and `signature` form fields, when the
/// request is a form that has a `signature`.
fn mailgun_fields(request: &HttpRequest) -> Result<Option<Credential>, PluginError> {
    if request.media_type().as_deref() != Some("multipart/form-data") {
        return Ok(None);
    }
    let content_type = request.header("content-type").unwrap_or_default();
    let text = |name: &str| -> Result<Option<String>, PluginError> {
        Ok(form::field(content_type, &request.body, &[name])?
            .map(|bytes| String::from_utf8_lossy(bytes).trim().to_owned()))
    };
    let Some(signature) = text("signature")? else {
        return Ok(None);
    };
    Ok(Some(Credential::Mailgun {
        timestamp: text("timestamp")?.unwrap_or_default(),
        token: text("token")?.unwrap_or_default(),
        signature,
    }))
}

/// Verifies that the request comes from the brand's email provider.
pub fn verify(request: &HttpRequest) -> Result<(), PluginError> {
    let mut configured = Vec::new();
    for name in SECRETS {
        if host::secret_configured(name)? {
            configured.push(*name);
        }
    }
    if configured.is_empty() {
        return unverifiable();
    }
    let Some(credential) = Credential::of(request)? else {
        return Err(unauthorized(
            "no proof of the sender: expected Mailgun's signature fields, HTTP basic auth, \
             Authorization: Bearer or ?token=",
        ));
    };
    let secret = credential.secret();
    if !configured.contains(&secret) {
        return Err(unauthorized(&format!(
            "the request is proved with `{secret}`, which this channel does not configure"
        )));
    }
    let verified = match &credential {
        Credential::Bearer(token) => matches(secret, token.as_bytes())?,
        Credential::Basic(user_password) => matches(secret, user_password)?,
        Credential::Mailgun {
            timestamp,
            token,
            signature,
        } => mailgun(timestamp, token, signature)?,
    };
    if verified {
        Ok(())
    } else {
        Err(unauthorized(&format!("`{secret}` does not match")))
    }
}

/// No secret configured: a configuration error where signatures are
/// required (the server), else skipped with a warning (`chorus plugin run`).
fn unverifiable() -> Result<(), PluginError> {
    let names = SECRETS.join(", ");
    if host::config(REQUIRE_SIGNATURES).as_deref() == Some("true") {
        return Err(PluginError::Config(format!(
            "none of {names} is configured for this channel, and this host requires verified webhooks"
        )));
    }
    host::log(
        LogLevel::Warn,
        &format!("email webhook NOT verified: none of {names} is configured"),
    );
    Ok(())
}

fn matches(secret: &str, presented: &[u8]) -> Result<bool, PluginError> {
    host::secret_matches(secret, presented).map_err(host_failed)
}

/// Mailgun's check: a fresh timestamp, and the hex MAC of `timestamp + token`.
fn mailgun(timestamp: &str, token: &str, signature: &str) -> Result<bool, PluginError> {
    let sent: i64 = timestamp
        .parse()
        .map_err(|_| unauthorized(&format!("Mailgun timestamp is not a number: {timestamp:?}")))?;
    let age = host::now() / 1000 - sent;
    if age.abs() > MAX_AGE_SECONDS {
        return Err(unauthorized(&format!(
            "stale request: Mailgun timestamp is {age} s from now (limit {MAX_AGE_SECONDS} s)"
        )));
    }
    let given =
        decode_hex(signature).ok_or_else(|| unauthorized("Mailgun signature is not hex"))?;
    let expected = host::hmac_sha256(
        MAILGUN_SIGNING_KEY,
        format!("{timestamp}{token}").as_bytes(),
    )
    .map_err(host_failed)?;
    Ok(constant_time_eq(&expected, &given))
}

fn unauthorized(why: &str) -> PluginError {
    PluginError::Unauthorized(why.to_owned())
}

fn host_failed(error: HostError) -> PluginError {
    PluginError::Internal(format!("host HMAC failed: {error:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chorus_sdk::testing::{FakeHost, request};

    const KEY: &[u8] = b"key-3ax6xnjp29jd6fds4gc373sgvjxteol0";
    const NOW_S: i64 = 1_717_430_000;

    fn mailgun_form(timestamp: &str, token: &str, signature: &str) -> HttpRequest {
        let body = format!(
            "--b\r\nContent-Disposition: form-data; name=\"timestamp\"\r\n\r\n{timestamp}\r\n\
             --b\r\nContent-Disposition: form-data; name=\"token\"\r\n\r\n{token}\r\n\
             --b\r\nContent-Disposition: form-data; name=\"signature\"\r\n\r\n{signature}\r\n--b--\r\n"
        );
        request("POST", body.as_bytes())
            .header("Content-Type", "multipart/form-data; boundary=b")
            .build()
    }

    fn sign(timestamp: &str, token: &str) -> String {
        use hmac::{Hmac, Mac};
        let mut mac = <Hmac<sha2::Sha256> as Mac>::new_from_slice(KEY).expect("any key");
        mac.update(format!("{timestamp}{token}").as_bytes());
        mac.finalize()
            .into_bytes()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }

    fn host() -> chorus_sdk::testing::FakeHostGuard {
        FakeHost::new()
            .secret(MAILGUN_SIGNING_KEY, KEY)
            .secret(WEBHOOK_TOKEN, b"raw-mime-token")
            .now(NOW_S * 1000)
            .install()
    }

    #[test]
    fn a_fresh_mailgun_signature_verifies() {
        let _h = host();
        let ts = (NOW_S - 30).to_string();
        assert_eq!(
            verify(&mailgun_form(&ts, "tok-1", &sign(&ts, "tok-1"))),
            Ok(())
        );
    }

    #[test]
    fn forged_stale_and_missing_mailgun_signatures_are_refused() {
        let _h = host();
        let ts = NOW_S.to_string();
        let forged = mailgun_form(&ts, "tok-2", &sign(&ts, "tok-1"));
        let stale_ts = (NOW_S - MAX_AGE_SECONDS - 1).to_string();
        let stale = mailgun_form(&stale_ts, "tok-1", &sign(&stale_ts, "tok-1"));
        let unsigned = request("POST", b"From: a@b.example\r\n\r\nhi").build();
        for (what, request) in [("forged", forged), ("stale", stale), ("unsigned", unsigned)] {
            assert!(
                matches!(verify(&request), Err(PluginError::Unauthorized(_))),
                "{what}"
            );
        }
    }

    #[test]
    fn a_bearer_or_url_token_verifies_raw_mime() {
        let _h = host();
        let raw = |header: Option<&str>, query: &str| {
            let mut builder = request("POST", b"From: a@b.example\r\n\r\nhi").query(query);
            if let Some(value) = header {
                builder = builder.header("Authorization", value);
            }
            verify(&builder.build())
        };
        assert_eq!(raw(Some("Bearer raw-mime-token"), ""), Ok(()));
        assert_eq!(raw(None, "token=raw-mime-token"), Ok(()));
        assert!(matches!(
            raw(Some("Bearer nope"), ""),
            Err(PluginError::Unauthorized(_))
        ));
        assert!(matches!(
            raw(None, "token=nope"),
            Err(PluginError::Unauthorized(_))
        ));
        // Basic auth is not configured on this channel: refused, not skipped.
        let basic = raw(Some("Basic dXNlcjpwYXNz"), "");
        assert!(
            matches!(&basic, Err(PluginError::Unauthorized(m)) if m.contains(BASIC_AUTH)),
            "{basic:?}"
        );
    }

    #[test]
    fn sendgrid_basic_auth_verifies() {
        let _h = FakeHost::new()
            .secret(BASIC_AUTH, b"parse:hunter2")
            .install();
        let with = |value: &str| {
            verify(
                &request("POST", b"From: a@b.example\r\n\r\nhi")
                    .header("Authorization", value)
                    .build(),
            )
        };
        // base64("parse:hunter2")
        assert_eq!(with("Basic cGFyc2U6aHVudGVyMg=="), Ok(()));
        assert!(matches!(
            with("Basic cGFyc2U6aHVudGVyMw=="),
            Err(PluginError::Unauthorized(_))
        ));
    }

    #[test]
    fn without_any_secret_the_check_is_skipped_with_a_warning_or_required() {
        let _h = FakeHost::new().install();
        assert_eq!(verify(&request("POST", b"x").build()), Ok(()));
        assert!(
            FakeHost::logs()
                .iter()
                .any(|(_, line)| line.contains("NOT verified"))
        );
        drop(_h);
        let _h = FakeHost::new().config(REQUIRE_SIGNATURES, "true").install();
        assert!(matches!(
            verify(&request("POST", b"x").build()),
            Err(PluginError::Config(_))
        ));
    }
}
