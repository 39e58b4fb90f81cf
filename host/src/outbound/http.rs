//! A plugin's call, made by the host, and the platform's answer read as
//! sent, worth a retry, or refused.

use std::time::Duration;

use reqwest::StatusCode;
use serde_json::Value;

use super::Attempt;
use super::backoff::retry_after;
use super::policy::PreparedCall;
use crate::model::OutboundCall;

/// Longest wait for a platform's answer.
const TIMEOUT: Duration = Duration::from_secs(30);
/// Longest wait for a connection.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Most bytes of an answer read.
const MAX_ANSWER_BYTES: usize = 1 << 20;
/// Most characters of an answer quoted in a failure's reason.
const QUOTED_CHARS: usize = 200;

/// The HTTP client that makes plugins' calls. One per server: it keeps
/// connections to the platforms open between replies.
#[derive(Debug, Clone)]
pub struct HttpSender {
    client: reqwest::Client,
}

impl HttpSender {
    /// A client that follows no redirect (a redirect could lead outside the
    /// channel's allowlist), with timeouts.
    pub fn new() -> Result<Self, reqwest::Error> {
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(TIMEOUT)
            .connect_timeout(CONNECT_TIMEOUT)
            .user_agent(concat!("chorus/", env!("CARGO_PKG_VERSION")))
            .build()?;
        Ok(Self { client })
    }

    /// Makes `prepared` and reads the answer as `call` says.
    pub async fn send(&self, prepared: PreparedCall, call: &OutboundCall) -> Attempt {
        let response = self
            .client
            .request(prepared.method, prepared.url)
            .headers(prepared.headers)
            .body(prepared.body)
            .send()
            .await;
        let response = match response {
            Ok(response) => response,
            Err(error) => {
                return Attempt::Retry {
                    reason: format!("no answer: {}", causes(&error.without_url())),
                    after: None,
                };
            }
        };
        let status = response.status();
        let after = retry_after(response.headers(), crate::clock::now());
        let body = match read_capped(response).await {
            Ok(body) => body,
            Err(error) => {
                return Attempt::Retry {
                    reason: format!(
                        "HTTP {status}, answer unread: {}",
                        causes(&error.without_url())
                    ),
                    after,
                };
            }
        };
        read_answer(status, &body, call, after)
    }
}

/// An error with its causes, `outer: inner: root` ("error sending request:
/// client error (Connect): dns error: failed to lookup address"), so the
/// reason a reply waits says why.
fn causes(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let cause_text = cause.to_string();
        if !text.contains(&cause_text) {
            text.push_str(": ");
            text.push_str(&cause_text);
        }
        source = cause.source();
    }
    text
}

/// The answer's body, at most [`MAX_ANSWER_BYTES`].
async fn read_capped(mut response: reqwest::Response) -> Result<Vec<u8>, reqwest::Error> {
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await? {
        let room = MAX_ANSWER_BYTES.saturating_sub(body.len());
        body.extend_from_slice(&chunk[..chunk.len().min(room)]);
        if room <= chunk.len() {
            break;
        }
    }
    Ok(body)
}

/// What an answer means: 2xx is sent (when the call's `ok-flag` agrees),
/// 408, 429 and 5xx are worth a retry, anything else is a refusal.
pub fn read_answer(
    status: StatusCode,
    body: &[u8],
    call: &OutboundCall,
    after: Option<Duration>,
) -> Attempt {
    let json = || serde_json::from_slice::<Value>(body).ok();
    if status.is_success() {
        let json = json();
        let at = |pointer: &str| json.as_ref().and_then(|j| j.pointer(pointer));
        if !call.ok_flag.is_empty() && at(&call.ok_flag) != Some(&Value::Bool(true)) {
            let reason = match at(&call.error_reason).filter(|_| !call.error_reason.is_empty()) {
                Some(reason) => text_of(reason),
                None => quote(body),
            };
            return Attempt::Failed {
                reason: format!("HTTP {status}, refused: {reason}"),
            };
        }
        let platform_id = at(&call.sent_id)
            .filter(|_| !call.sent_id.is_empty())
            .map(text_of);
        return Attempt::Sent { platform_id };
    }
    let reason = format!("HTTP {status}: {}", quote(body));
    if status == StatusCode::TOO_MANY_REQUESTS
        || status == StatusCode::REQUEST_TIMEOUT
        || status.is_server_error()
    {
        Attempt::Retry { reason, after }
    } else {
        Attempt::Failed { reason }
    }
}

/// A JSON value as text: a string without its quotes, anything else as JSON.
fn text_of(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The start of an answer's body, for a failure's reason.
fn quote(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let text = text.trim();
    if text.is_empty() {
        return "(empty answer)".to_owned();
    }
    let mut quoted: String = text.chars().take(QUOTED_CHARS).collect();
    if quoted.len() < text.len() {
        quoted.push('…');
    }
    quoted
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slack_call() -> OutboundCall {
        OutboundCall {
            method: "POST".into(),
            url: "https://slack.com/api/chat.postMessage".into(),
            headers: Vec::new(),
            body: Vec::new(),
            sent_id: "/ts".into(),
            ok_flag: "/ok".into(),
            error_reason: "/error".into(),
        }
    }

    fn read(status: u16, body: &str) -> Attempt {
        read_answer(
            StatusCode::from_u16(status).expect("status"),
            body.as_bytes(),
            &slack_call(),
            None,
        )
    }

    #[test]
    fn a_2xx_is_sent_only_when_the_platform_says_ok() {
        assert_eq!(
            read(200, r#"{"ok":true,"ts":"1700000000.000100"}"#),
            Attempt::Sent {
                platform_id: Some("1700000000.000100".into())
            }
        );
        assert_eq!(
            read(200, r#"{"ok":false,"error":"channel_not_found"}"#),
            Attempt::Failed {
                reason: "HTTP 200 OK, refused: channel_not_found".into()
            }
        );
        assert!(matches!(read(200, "not json"), Attempt::Failed { .. }));
    }

    #[test]
    fn overload_and_server_errors_are_retried_and_refusals_are_not() {
        for status in [429, 408, 500, 502, 503] {
            assert!(
                matches!(read(status, ""), Attempt::Retry { .. }),
                "{status}"
            );
        }
        for status in [400, 401, 403, 404, 422] {
            assert!(
                matches!(read(status, "{}"), Attempt::Failed { .. }),
                "{status}"
            );
        }
        let Attempt::Failed { reason } = read(403, &"x".repeat(500)) else {
            panic!("refused")
        };
        assert!(reason.len() < 260, "{reason}");
    }
}
