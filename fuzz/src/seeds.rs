//! Seed inputs of every target, made from the project's own data: the
//! plugins' fixtures, the example configuration and brands, and the reply
//! eval's messages. `cargo xtask fuzz` writes them into each target's
//! corpus; the regression tests replay them.

use std::path::Path;

use chorus_host::fixtures::{Fixture, discover};

use crate::input::Request;

/// The seeds of `target`, named.
pub fn seeds(target: &str) -> Vec<(String, Vec<u8>)> {
    let root = crate::workspace_root();
    let fixtures = root.join("tests/fixtures");
    match target {
        "listen_chat" => requests(&fixtures, &["slack", "webchat"], None),
        "listen_email" => requests(&fixtures, &["email"], None),
        "listen_twitter" => requests(&fixtures, &["twitter"], None),
        "intake" => {
            let mut seeds = requests(
                &fixtures,
                &["slack", "webchat", "twitter", "email"],
                Some(channel_of),
            );
            seeds.extend(api_requests(&root));
            seeds
        }
        "voice" => replies(&root),
        "config" => [
            "chorus.toml",
            "brands/acme/brand.toml",
            "brands/acme/voice.toml",
        ]
        .iter()
        .chain(&["brands/forgekit/voice.toml", "brands/ledgerbank/voice.toml"])
        .filter_map(|file| {
            let bytes = std::fs::read(root.join("examples").join(file)).ok()?;
            Some((file.replace('/', "-"), bytes))
        })
        .collect(),
        _ => Vec::new(),
    }
}

/// The example server's channel for a fixture folder.
fn channel_of(folder: &str) -> &'static str {
    match folder {
        "twitter" => "x",
        "email" => "email",
        _ => "slack",
    }
}

/// Every fixture of `folders` (and their `malformed/` sub-folders) as a
/// request; with `channel_of`, with a request line to the example brand's
/// channel.
fn requests(
    fixtures: &Path,
    folders: &[&str],
    channel_of: Option<fn(&str) -> &'static str>,
) -> Vec<(String, Vec<u8>)> {
    let mut seeds = Vec::new();
    for folder in folders {
        for dir in [
            fixtures.join(folder),
            fixtures.join(folder).join("malformed"),
        ] {
            for fixture in discover(&dir).unwrap_or_default() {
                let Ok(body) = std::fs::read(&fixture.path) else {
                    continue;
                };
                let path = channel_of.map(|channel_of| {
                    format!("/v1/brands/acme/channels/{}/events", channel_of(folder))
                });
                seeds.push((
                    format!("{folder}-{}", fixture.name()),
                    render(&fixture, path, &body),
                ));
            }
        }
    }
    seeds
}

fn render(fixture: &Fixture, path: Option<String>, body: &[u8]) -> Vec<u8> {
    Request {
        method: fixture.request.method.clone(),
        path: path.or_else(|| fixture.request.path.clone()),
        query: fixture.request.query.clone(),
        headers: fixture.request.headers.clone(),
        body,
    }
    .render()
}

/// Reads of the example brand's inbox and admin routes, with its keys.
fn api_requests(root: &Path) -> Vec<(String, Vec<u8>)> {
    let key = |file: &str| {
        std::fs::read_to_string(root.join("examples/secrets").join(file))
            .map(|k| k.trim().to_owned())
            .unwrap_or_default()
    };
    let (brand, admin) = (key("acme-api-key"), key("admin-key"));
    [
        ("inbox", "GET /v1/brands/acme/conversations?limit=5", &brand),
        (
            "conversation",
            "GET /v1/brands/acme/conversations/1",
            &brand,
        ),
        (
            "feedback",
            "POST /v1/brands/acme/suggestions/1/feedback",
            &brand,
        ),
        ("dead-letters", "GET /v1/admin/dead-letters", &admin),
        ("plugins", "GET /v1/admin/plugins", &admin),
    ]
    .into_iter()
    .map(|(name, line, key)| {
        let body = if line.starts_with("POST") {
            r#"{"verdict":"edited","final_text":"Thanks, Jo!"}"#
        } else {
            ""
        };
        let text = format!(
            "{line}\nauthorization: Bearer {key}\ncontent-type: application/json\n\n{body}"
        );
        (format!("api-{name}"), text.into_bytes())
    })
    .collect()
}

/// Customers' messages from the reply eval, and the example brands' own
/// texts, each behind the three bytes that choose brand, target and
/// situation.
fn replies(root: &Path) -> Vec<(String, Vec<u8>)> {
    let mut texts: Vec<String> = Vec::new();
    if let Ok(cases) = std::fs::read_to_string(root.join("tests/fixtures/eval/reply-cases.jsonl")) {
        texts.extend(cases.lines().filter_map(|line| {
            let case: serde_json::Value = serde_json::from_str(line).ok()?;
            case["text"].as_str().map(str::to_owned)
        }));
    }
    for brand in ["acme", "forgekit", "ledgerbank"] {
        let file = root.join("examples/brands").join(brand).join("voice.toml");
        let voice = std::fs::read_to_string(file)
            .ok()
            .and_then(|toml| chorus_voice::VoiceProfile::from_toml_str(&toml).ok());
        if let Some(voice) = voice {
            texts.extend(voice.canned_responses.into_iter().map(|c| c.text));
            texts.extend(voice.knowledge.into_iter().map(|k| k.text));
        }
    }
    texts
        .into_iter()
        .enumerate()
        .map(|(i, text)| {
            // Spread the seeds over brands, targets and situations.
            let knobs = [(i % 12) as u8, (i * 37 % 256) as u8, (i % 6) as u8];
            let mut bytes = knobs.to_vec();
            bytes.extend_from_slice(text.as_bytes());
            (format!("reply-{i:03}"), bytes)
        })
        .collect()
}
