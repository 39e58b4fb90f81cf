//! X's CRC check and webhook signatures on the published test vectors
//! (`tests/fixtures/twitter/crc-*.json`, `signing/`), natively through the
//! SDK's fake host.

use chorus_sdk::testing::{self, FakeHost, Outcome};
use chorus_sdk::{HttpRequest, PluginError};
use serde_json::Value;
use twitter::{CONSUMER_SECRET, Twitter};

fn read(name: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/twitter")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn json(name: &str) -> Value {
    serde_json::from_slice(&read(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn post(body: &[u8]) -> HttpRequest {
    testing::request("POST", body)
        .header("Content-Type", "application/json")
        .build()
}

fn run_request(request: HttpRequest) -> Result<Outcome, PluginError> {
    testing::run::<Twitter>(request, &testing::context(280))
}

#[test]
fn crc_vectors_give_the_published_tokens() {
    for name in ["crc-request.json", "crc-request-url-encoded-token.json"] {
        let vector = json(name);
        let query = vector["query"].as_str().expect("query");
        let secret = vector["consumer_secret"].as_str().expect("secret");
        let expected = vector["expected_response_token"].as_str().expect("token");
        assert_eq!(crc_token(query, secret.as_bytes()), expected, "{name}");
        let mut other_secret = secret.as_bytes().to_vec();
        other_secret[0] ^= 1;
        assert_ne!(crc_token(query, &other_secret), expected, "{name}: secret");
        let other_query = format!("{query}x");
        assert_ne!(
            crc_token(&other_query, secret.as_bytes()),
            expected,
            "{name}: token"
        );
    }
}

fn crc_token(query: &str, secret: &[u8]) -> String {
    let _host = FakeHost::new().secret(CONSUMER_SECRET, secret).install();
    let request = testing::request("GET", b"").query(query).build();
    let Ok(Outcome::Respond(response)) = run_request(request) else {
        panic!("{query}: expected a CRC response");
    };
    assert_eq!(response.status, 200);
    let body: Value = serde_json::from_slice(&response.body).expect("json body");
    body["response_token"]
        .as_str()
        .expect("response_token")
        .to_owned()
}

#[test]
fn crc_without_a_secret_is_a_config_error() {
    let _host = FakeHost::new().install();
    let request = testing::request("GET", b"")
        .query("crc_token=bacon")
        .build();
    let err = run_request(request).expect_err("no secret");
    assert!(
        matches!(&err, PluginError::Config(m) if m.contains("x-consumer-secret")),
        "{err:?}"
    );
}

#[test]
fn other_methods_and_media_types_are_refused() {
    let _host = FakeHost::new().install();
    let get = testing::request("GET", b"").build();
    assert!(matches!(run_request(get), Err(PluginError::BadInput(_))));
    let put = testing::request("PUT", b"{}").build();
    assert!(matches!(run_request(put), Err(PluginError::Unsupported(_))));
    let form = testing::request("POST", b"a=1")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .build();
    assert!(matches!(
        run_request(form),
        Err(PluginError::Unsupported(_))
    ));
}

fn signed_run(secret: &[u8], body: &[u8], signature: &str) -> Result<Outcome, PluginError> {
    let _host = FakeHost::new().secret(CONSUMER_SECRET, secret).install();
    let request = testing::request("POST", body)
        .header("X-Twitter-Webhooks-Signature", signature)
        .build();
    run_request(request)
}

#[test]
fn signing_vectors_pass_the_signature_check() {
    for name in [
        "signing/autohook-form-body.json",
        "signing/autohook-json-body.json",
    ] {
        let vector = json(name);
        let secret = vector["consumer_secret"]
            .as_str()
            .expect("secret")
            .as_bytes();
        let body = vector["body"].as_str().expect("body").as_bytes();
        let signature = vector["signature"].as_str().expect("signature");
        // The bodies are not X events: a passed check ends in bad input or
        // unsupported, never unauthorized.
        let passed = signed_run(secret, body, signature);
        assert!(
            matches!(
                passed,
                Err(PluginError::BadInput(_) | PluginError::Unsupported(_))
            ),
            "{name}: {passed:?}"
        );
        let mut other_body = body.to_vec();
        other_body[0] ^= 1;
        assert!(
            matches!(
                signed_run(secret, &other_body, signature),
                Err(PluginError::Unauthorized(_))
            ),
            "{name}: body"
        );
        let mut other_secret = secret.to_vec();
        other_secret[0] ^= 1;
        assert!(
            matches!(
                signed_run(&other_secret, body, signature),
                Err(PluginError::Unauthorized(_))
            ),
            "{name}: secret"
        );
    }
}

fn sign(secret: &[u8], body: &[u8]) -> String {
    use base64::Engine;
    let _host = FakeHost::new().secret(CONSUMER_SECRET, secret).install();
    let mac = chorus_sdk::host::hmac_sha256(CONSUMER_SECRET, body).expect("mac");
    format!(
        "sha256={}",
        base64::engine::general_purpose::STANDARD.encode(mac)
    )
}

#[test]
fn signed_fixtures_verify_and_tampered_ones_do_not() {
    let body = read("aaa-tweet-create-mention.json");
    let signature = sign(b"consumer-secret", &body);
    assert!(matches!(
        signed_run(b"consumer-secret", &body, &signature),
        Ok(Outcome::Messages(_))
    ));
    let mut tampered = body.clone();
    let at = tampered.len() / 2;
    tampered[at] ^= 1;
    assert!(matches!(
        signed_run(b"consumer-secret", &tampered, &signature),
        Err(PluginError::Unauthorized(_))
    ));
    assert!(matches!(
        signed_run(b"consumer-secreT", &body, &signature),
        Err(PluginError::Unauthorized(_))
    ));
    let _host = FakeHost::new()
        .secret(CONSUMER_SECRET, b"consumer-secret")
        .install();
    assert!(
        matches!(run_request(post(&body)), Err(PluginError::Unauthorized(m)) if m.contains("missing")),
        "a configured secret makes the signature required"
    );
}
