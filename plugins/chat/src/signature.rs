//! Slack's `v0` request signing: HMAC-SHA256 of `v0:{timestamp}:{raw body}`
//! with a signing secret, compared in constant time with the signature
//! header. Requests more than five minutes from the host's clock are refused
//! to stop replays. The web-chat widget format is signed the same way.

use chorus_sdk::host::{self, constant_time_eq, decode_hex};
use chorus_sdk::{HttpRequest, PluginError};

/// How old a request may be, in seconds.
pub const MAX_AGE_SECONDS: i64 = 5 * 60;

/// One `v0` signing scheme: which secret, which headers.
#[derive(Debug, Clone, Copy)]
pub struct V0 {
    /// Brand secret name.
    pub secret: &'static str,
    /// Header carrying `v0=<hex>`.
    pub signature_header: &'static str,
    /// Header carrying the unix timestamp in seconds.
    pub timestamp_header: &'static str,
}

/// Slack's Events API signing.
pub const SLACK: V0 = V0 {
    secret: crate::SIGNING_SECRET,
    signature_header: "X-Slack-Signature",
    timestamp_header: "X-Slack-Request-Timestamp",
};

/// The web-chat widget's signing.
pub const WEBCHAT: V0 = V0 {
    secret: crate::webchat::SIGNING_SECRET,
    signature_header: "X-Webchat-Signature",
    timestamp_header: "X-Webchat-Timestamp",
};

impl V0 {
    /// Verifies the request's signature.
    ///
    /// When the brand has no such secret configured and the host does not
    /// require signatures (only `chorus plugin run`), the check is skipped
    /// with a warning in the log.
    pub fn verify(&self, request: &HttpRequest) -> Result<(), PluginError> {
        let unauthorized = |why: String| PluginError::Unauthorized(why);
        let timestamp = request.header(self.timestamp_header);
        let mut base = Vec::with_capacity(request.body.len() + 24);
        base.extend_from_slice(b"v0:");
        base.extend_from_slice(timestamp.unwrap_or("").as_bytes());
        base.push(b':');
        base.extend_from_slice(&request.body);
        // Ask the host first: whether a secret exists decides the policy.
        let Some(expected) = host::expected_signature(self.secret, &base)? else {
            return Ok(());
        };
        let (Some(signature), Some(timestamp)) = (request.header(self.signature_header), timestamp)
        else {
            return Err(unauthorized(format!(
                "missing {} or {}",
                self.signature_header, self.timestamp_header
            )));
        };
        let sent: i64 = timestamp.trim().parse().map_err(|_| {
            unauthorized(format!(
                "{} is not a number: {timestamp:?}",
                self.timestamp_header
            ))
        })?;
        let age = host::now() / 1000 - sent;
        if age.abs() > MAX_AGE_SECONDS {
            return Err(unauthorized(format!(
                "stale request: timestamp is {age} s from now (limit {MAX_AGE_SECONDS} s)"
            )));
        }
        let given = signature
            .strip_prefix("v0=")
            .and_then(decode_hex)
            .ok_or_else(|| unauthorized(format!("{} is not v0=<hex>", self.signature_header)))?;
        if constant_time_eq(&expected, &given) {
            Ok(())
        } else {
            Err(unauthorized("signature mismatch".to_owned()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chorus_sdk::testing::{FakeHost, request};

    // Slack's published example ("Verifying requests from Slack").
    const SECRET: &[u8] = b"8f742231b10e8888abcd99yyyzzz85a5";
    const TIMESTAMP: &str = "1531420618";
    const BODY: &[u8] = b"token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    const SIGNATURE: &str = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

    fn signed(body: &[u8], signature: &str) -> chorus_sdk::HttpRequest {
        request("POST", body)
            .header("X-Slack-Request-Timestamp", TIMESTAMP)
            .header("X-Slack-Signature", signature)
            .build()
    }

    fn host(secret: &[u8], now_s: i64) -> chorus_sdk::testing::FakeHostGuard {
        FakeHost::new()
            .secret(crate::SIGNING_SECRET, secret)
            .now(now_s * 1000)
            .install()
    }

    #[test]
    fn published_example_verifies() {
        let _h = host(SECRET, 1_531_420_618 + 10);
        assert_eq!(SLACK.verify(&signed(BODY, SIGNATURE)), Ok(()));
    }

    #[test]
    fn one_byte_changes_are_rejected() {
        let _h = host(SECRET, 1_531_420_618);
        let mut body = BODY.to_vec();
        body[10] ^= 1;
        assert!(matches!(
            SLACK.verify(&signed(&body, SIGNATURE)),
            Err(PluginError::Unauthorized(_))
        ));
        drop(_h);
        let mut secret = SECRET.to_vec();
        secret[0] ^= 1;
        let _h = host(&secret, 1_531_420_618);
        assert!(matches!(
            SLACK.verify(&signed(BODY, SIGNATURE)),
            Err(PluginError::Unauthorized(_))
        ));
    }

    #[test]
    fn stale_and_unsigned_requests_are_rejected() {
        let _h = host(SECRET, 1_531_420_618 + MAX_AGE_SECONDS + 1);
        let err = SLACK.verify(&signed(BODY, SIGNATURE)).expect_err("stale");
        assert!(
            matches!(&err, PluginError::Unauthorized(m) if m.contains("stale")),
            "{err:?}"
        );
        drop(_h);
        let _h = host(SECRET, 1_531_420_618);
        assert!(matches!(
            SLACK.verify(&request("POST", BODY).build()),
            Err(PluginError::Unauthorized(_))
        ));
        assert!(matches!(
            SLACK.verify(&signed(BODY, "v0=zz")),
            Err(PluginError::Unauthorized(_))
        ));
    }

    #[test]
    fn without_a_secret_the_check_is_skipped_with_a_warning() {
        let _h = FakeHost::new().install();
        assert_eq!(SLACK.verify(&request("POST", BODY).build()), Ok(()));
        assert!(
            FakeHost::logs()
                .iter()
                .any(|(level, line)| *level == chorus_sdk::LogLevel::Warn
                    && line.contains("NOT verified"))
        );
    }
}
