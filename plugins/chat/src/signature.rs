//! Slack request signing (`v0`): HMAC-SHA256 of `v0:{timestamp}:{raw body}`
//! with the app's signing secret, compared with `X-Slack-Signature`.
//! Requests older than five minutes are refused to stop replays.

use chorus_sdk::host::{self, constant_time_eq};
use chorus_sdk::{HttpRequest, PluginError};

use crate::SIGNING_SECRET;

/// How old a request may be, in seconds.
pub const MAX_AGE_SECONDS: i64 = 5 * 60;

/// Verifies the request's Slack signature.
///
/// When the brand has no signing secret configured (only possible in
/// `chorus plugin run`: the server refuses to enable the channel without it),
/// the check is skipped with a warning in the log.
pub fn verify(request: &HttpRequest) -> Result<(), PluginError> {
    let signature = request.header("x-slack-signature");
    let timestamp = request.header("x-slack-request-timestamp");
    let mut base = Vec::with_capacity(request.body.len() + 24);
    base.extend_from_slice(b"v0:");
    base.extend_from_slice(timestamp.unwrap_or("").as_bytes());
    base.push(b':');
    base.extend_from_slice(&request.body);
    // Ask the host first: whether a secret exists decides the policy.
    let Some(expected) = host::expected_signature(SIGNING_SECRET, &base)? else {
        return Ok(());
    };
    let (Some(signature), Some(timestamp)) = (signature, timestamp) else {
        return Err(PluginError::Unauthorized(
            "missing X-Slack-Signature or X-Slack-Request-Timestamp".to_owned(),
        ));
    };
    let sent: i64 = timestamp.trim().parse().map_err(|_| {
        PluginError::Unauthorized(format!(
            "X-Slack-Request-Timestamp is not a number: {timestamp:?}"
        ))
    })?;
    let age = host::now() / 1000 - sent;
    if age.abs() > MAX_AGE_SECONDS {
        return Err(PluginError::Unauthorized(format!(
            "stale request: timestamp is {age} s from now (limit {MAX_AGE_SECONDS} s)"
        )));
    }
    let given = signature
        .strip_prefix("v0=")
        .and_then(decode_hex)
        .ok_or_else(|| PluginError::Unauthorized("X-Slack-Signature is not v0=<hex>".to_owned()))?;
    if constant_time_eq(&expected, &given) {
        Ok(())
    } else {
        Err(PluginError::Unauthorized("signature mismatch".to_owned()))
    }
}

fn decode_hex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
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
            .secret(SIGNING_SECRET, secret)
            .now(now_s * 1000)
            .install()
    }

    #[test]
    fn published_example_verifies() {
        let _h = host(SECRET, 1_531_420_618 + 10);
        assert_eq!(verify(&signed(BODY, SIGNATURE)), Ok(()));
    }

    #[test]
    fn one_byte_changes_are_rejected() {
        let _h = host(SECRET, 1_531_420_618);
        let mut body = BODY.to_vec();
        body[10] ^= 1;
        assert!(matches!(
            verify(&signed(&body, SIGNATURE)),
            Err(PluginError::Unauthorized(_))
        ));
        drop(_h);
        let mut secret = SECRET.to_vec();
        secret[0] ^= 1;
        let _h = host(&secret, 1_531_420_618);
        assert!(matches!(
            verify(&signed(BODY, SIGNATURE)),
            Err(PluginError::Unauthorized(_))
        ));
    }

    #[test]
    fn stale_and_unsigned_requests_are_rejected() {
        let _h = host(SECRET, 1_531_420_618 + MAX_AGE_SECONDS + 1);
        let err = verify(&signed(BODY, SIGNATURE)).expect_err("stale");
        assert!(
            matches!(&err, PluginError::Unauthorized(m) if m.contains("stale")),
            "{err:?}"
        );
        drop(_h);
        let _h = host(SECRET, 1_531_420_618);
        assert!(matches!(
            verify(&request("POST", BODY).build()),
            Err(PluginError::Unauthorized(_))
        ));
        assert!(matches!(
            verify(&signed(BODY, "v0=zz")),
            Err(PluginError::Unauthorized(_))
        ));
    }

    #[test]
    fn without_a_secret_the_check_is_skipped_with_a_warning() {
        let _h = FakeHost::new().install();
        assert_eq!(verify(&request("POST", BODY).build()), Ok(()));
        assert!(
            FakeHost::logs()
                .iter()
                .any(|(level, line)| *level == chorus_sdk::LogLevel::Warn
                    && line.contains("NOT verified"))
        );
    }
}
