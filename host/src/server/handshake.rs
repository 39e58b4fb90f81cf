//! Handshake answers (X's CRC check, Slack's `url_verification`): the plugin
//! chooses the status, the body and a few descriptive headers; the host owns
//! the framing.
//!
//! A plugin is untrusted. Were its headers copied, a `Content-Length: 0`
//! followed by a body would let it forge a second HTTP response on a
//! keep-alive connection (response smuggling), poisoning whatever a proxy
//! sends next on that upstream connection, possibly another tenant's answer.
//! So only headers on [`ALLOWED`] pass, the body length is set by the host,
//! and the status is already checked (200–599) with the plugin's output.

use axum::body::Body;
use axum::http::{HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::model::HttpResponse;

/// Headers a plugin may set on a handshake answer. Everything else, the
/// framing (`content-length`, `transfer-encoding`), hop-by-hop headers
/// (`connection`, `upgrade`, `te`, `trailer`, `keep-alive`…), `host`,
/// cookies and redirects, is dropped.
pub const ALLOWED: [&str; 5] = [
    "content-type",
    "content-language",
    "cache-control",
    "retry-after",
    "www-authenticate",
];

/// What the host sends for a plugin's handshake answer, and the names of
/// the headers it dropped (for the log).
pub fn response(answer: HttpResponse) -> (Response, Vec<String>) {
    // The status was validated with the plugin's output; a 502 would only
    // show if that check were bypassed.
    let status = StatusCode::from_u16(answer.status)
        .ok()
        .filter(|s| (200..=599).contains(&s.as_u16()))
        .unwrap_or(StatusCode::BAD_GATEWAY);
    let mut out = (status, Body::from(answer.body)).into_response();
    let mut dropped = Vec::new();
    for (name, value) in answer.headers {
        let allowed = ALLOWED.iter().any(|a| a.eq_ignore_ascii_case(&name));
        match (
            allowed,
            HeaderName::try_from(name.as_str()),
            HeaderValue::try_from(value),
        ) {
            (true, Ok(name), Ok(value)) => {
                out.headers_mut().insert(name, value);
            }
            _ => dropped.push(name),
        }
    }
    (out, dropped)
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::header;

    fn answer(status: u16, headers: &[(&str, &str)], body: &str) -> HttpResponse {
        HttpResponse {
            status,
            headers: headers
                .iter()
                .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
                .collect(),
            body: body.to_owned(),
        }
    }

    #[test]
    fn descriptive_headers_pass() {
        let (out, dropped) = response(answer(
            200,
            &[("Content-Type", "application/json")],
            "{\"response_token\":\"sha256=x\"}",
        ));
        assert_eq!(out.status(), StatusCode::OK);
        assert_eq!(out.headers()[header::CONTENT_TYPE], "application/json");
        assert!(dropped.is_empty());
    }

    #[test]
    fn framing_and_hop_by_hop_headers_are_dropped() {
        let forged = [
            ("Content-Length", "0"),
            ("transfer-encoding", "chunked"),
            ("Connection", "keep-alive"),
            ("upgrade", "websocket"),
            ("host", "evil.example"),
            ("te", "trailers"),
            ("trailer", "x-evil"),
            ("keep-alive", "timeout=5"),
            ("set-cookie", "session=stolen"),
            ("location", "https://evil.example/"),
        ];
        let body = "HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nforged";
        let (out, dropped) = response(answer(200, &forged, body));
        for (name, _) in forged {
            assert!(
                out.headers().get(name).is_none(),
                "{name} reached the response"
            );
        }
        assert_eq!(dropped.len(), forged.len());
    }

    #[test]
    fn invalid_header_values_are_dropped_not_fatal() {
        let (out, dropped) = response(answer(200, &[("content-type", "a\r\nb: c")], "ok"));
        assert_eq!(out.status(), StatusCode::OK);
        assert!(out.headers().get(header::CONTENT_TYPE).is_none());
        assert_eq!(dropped, ["content-type"]);
    }

    #[test]
    fn a_status_outside_the_range_never_goes_out() {
        for status in [0, 1, 101, 199, 600, 999] {
            let (out, _) = response(answer(status, &[], ""));
            assert_eq!(out.status(), StatusCode::BAD_GATEWAY, "status {status}");
        }
    }
}
