//! The HTTP intake: any request to the whole router of a server running the
//! example brands and the built plugins on an embedded store, in process.
//!
//! A request to one of the example brand's channels that carries no proof
//! of its own is signed the way its platform signs (with the example
//! secrets), so fuzzed events go through the whole pipeline (ledger, listen,
//! triage, suggest, voice gate, store) instead of stopping at a 401; one
//! that carries a signature, a token or a timestamp is sent as it is. The
//! plugins must be built first (`cargo xtask build`).

use std::sync::{Arc, OnceLock};

use axum::body::Body;
use axum::http::{self, HeaderName, HeaderValue};
use chorus_host::server::{self, ServerConfig};
use tower::ServiceExt;

use crate::input::Request;

/// Where a request without a request line goes.
const DEFAULT_PATH: &str = "/v1/brands/acme/channels/slack/events";

struct Server {
    runtime: tokio::runtime::Runtime,
    router: axum::Router,
    _data: tempfile::TempDir,
}

fn server() -> &'static Server {
    static SERVER: OnceLock<Server> = OnceLock::new();
    SERVER.get_or_init(|| {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("a tokio runtime");
        let data = tempfile::tempdir().expect("a temporary data folder");
        let file = crate::workspace_root().join("examples/chorus.toml");
        let mut config =
            ServerConfig::load(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        config.data_dir = data.path().to_path_buf();
        config.storage_url = None;
        // Where `cargo xtask build` put them, `CARGO_TARGET_DIR` included.
        config.plugins_dir = chorus_e2e::target_dir().join("plugins");
        let app = runtime.block_on(server::open(config)).unwrap_or_else(|e| {
            panic!("the example server does not start (run `cargo xtask build` first): {e:#}")
        });
        Server {
            router: server::router(Arc::clone(&app)),
            runtime,
            _data: data,
        }
    })
}

/// Starts the server [`intake`] sends to, if it is not running yet: a
/// fuzzer calls it before the first input.
pub fn start_intake_server() {
    server();
}

/// Sends `data` as one request; the answer must never be a 5xx, and an
/// error must be JSON naming what went wrong.
pub fn intake(data: &[u8]) {
    let mut input = Request::parse(data);
    input.path.get_or_insert_with(|| DEFAULT_PATH.to_owned());
    sign(&mut input);
    let Some(request) = http_request(&input) else {
        return;
    };
    let server = server();
    let (status, body) = server.runtime.block_on(async {
        let response = server
            .router
            .clone()
            .oneshot(request)
            .await
            .unwrap_or_else(|never| match never {});
        let status = response.status();
        let body = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .expect("the response body is readable");
        (status, body)
    });
    assert!(
        !status.is_server_error(),
        "a request got {status}: {}",
        String::from_utf8_lossy(&body)
    );
    if status.is_client_error() {
        let error: Option<serde_json::Value> = serde_json::from_slice(&body).ok();
        assert!(
            error
                .as_ref()
                .is_some_and(|e| e["error"]["code"].is_string()),
            "a {status} without a JSON error body: {:?}",
            String::from_utf8_lossy(&body)
        );
    }
}

/// The request as axum gets it; `None` when the bytes name no valid method
/// or path (hyper would have refused the request before the router).
fn http_request(input: &Request) -> Option<http::Request<Body>> {
    let method = http::Method::from_bytes(input.method.as_bytes()).ok()?;
    let path = input.path.as_deref()?;
    let uri = if input.query.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{}", input.query)
    };
    let mut builder = http::Request::builder().method(method).uri(uri);
    for (name, value) in &input.headers {
        if let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(value),
        ) {
            builder = builder.header(name, value);
        }
    }
    builder.body(Body::from(input.body.to_vec())).ok()
}

/// Headers by which a request proves where it comes from.
const PROOFS: [&str; 5] = [
    "x-slack-signature",
    "x-slack-request-timestamp",
    "x-twitter-webhooks-signature",
    "x-chorus-signature",
    "authorization",
];

/// Signs a webhook to the example brand's `slack`, `x` or `email` channel
/// as its platform would, unless it carries a proof of its own.
fn sign(input: &mut Request) {
    let has_proof = input
        .headers
        .iter()
        .any(|(name, _)| PROOFS.iter().any(|p| name.eq_ignore_ascii_case(p)));
    let channel = input
        .path
        .as_deref()
        .and_then(|p| p.strip_prefix("/v1/brands/acme/channels/"))
        .and_then(|p| p.strip_suffix("/events"));
    if has_proof || input.method != "POST" {
        return;
    }
    let secret = |name: &str| {
        let file = crate::workspace_root().join("examples/secrets").join(name);
        std::fs::read_to_string(&file)
            .map(|s| s.trim().to_owned())
            .unwrap_or_else(|e| panic!("{}: {e}", file.display()))
    };
    let proof = match channel {
        Some("slack") => chorus_e2e::slack_headers(
            input.body,
            &secret("slack-signing-secret"),
            chorus_e2e::unix_now(),
        ),
        Some("x") => chorus_e2e::x_headers_with(input.body, &secret("x-consumer-secret")),
        Some("email") => chorus_e2e::bearer(&secret("email-webhook-token")),
        _ => return,
    };
    // The signers add a content type too; the input's own one stays.
    let has_type = input
        .headers
        .iter()
        .any(|(name, _)| name.eq_ignore_ascii_case("content-type"));
    input.headers.extend(
        proof
            .into_iter()
            .filter(|(name, _)| !(has_type && name == "content-type")),
    );
}
