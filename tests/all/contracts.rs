//! Contract versions: a plugin built against any released `chorus:plugin`
//! version runs on this host, with that version's host imports; a newer
//! version's additions reach only plugins built against it; a version the
//! host does not speak is refused by name; and a brand whose configuration
//! does not fit a plugin's declared schema is refused at start.

use std::sync::Arc;

use chorus_e2e::{chorus, first_attribute, load, plugin, test_guest};
use chorus_host::manifest::ConfigKind;
use chorus_host::model::{HttpRequest, ListenOutcome, Message};
use chorus_host::runtime::{
    HmacHash, InMemoryServices, Limits, LoadedPlugin, Runtime, RuntimeConfig,
};

const SECRET: &[u8] = b"guest-secret";
const BODY: &str = "hello from a plugin";

fn services(greeting: &str) -> Arc<InMemoryServices> {
    Arc::new(
        InMemoryServices::new()
            .with_secret("shared-secret", SECRET.to_vec())
            .with_config([("greeting".to_owned(), greeting.to_owned())].into()),
    )
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

async fn listen(plugin: &LoadedPlugin) -> ListenOutcome {
    let request = HttpRequest {
        method: "POST".into(),
        body: BODY.as_bytes().to_vec(),
        ..HttpRequest::default()
    };
    plugin
        .listen(services("hi"), &request)
        .await
        .expect("the guest answers")
}

fn message(outcome: &ListenOutcome) -> &Message {
    match outcome {
        ListenOutcome::Messages(messages) => &messages[0],
        other => panic!("expected a message, got {other:?}"),
    }
}

#[tokio::test]
async fn a_plugin_built_against_0_1_runs_unchanged() {
    let guest = load(&test_guest("contract-guest-v0-1"), Limits::default()).await;
    assert_eq!(guest.contract_version(), "0.1.0");
    assert_eq!(guest.info().contract_version, "0.1.0");
    // 0.1 declares no schema: the host passes any configuration through and
    // shapes replies by the channel kind.
    assert_eq!(guest.info().manifest.config, None);
    assert_eq!(guest.info().voice_channels(), ["other"]);
    let outcome = listen(&guest).await;
    assert_eq!(first_attribute(&outcome, "guest.contract"), "0.1.0");
    assert_eq!(
        first_attribute(&outcome, "guest.hmac-sha256"),
        hex(&HmacHash::Sha256.mac(SECRET, BODY.as_bytes()))
    );
    assert_eq!(first_attribute(&outcome, "guest.greeting"), "hi");
    // Triage and suggest go through the same dispatch.
    let brand = chorus_host::brand::Brand::example();
    let context = brand.context(guest.info().channel_limits());
    let message = message(&outcome);
    let triage = guest
        .triage(services("hi"), message, &context)
        .await
        .expect("triage");
    assert_eq!(triage.intent, "question");
    let suggestions = guest
        .suggest(services("hi"), message, &triage, &context)
        .await
        .expect("suggest");
    assert!(
        suggestions[0].text.contains(&brand.info.name),
        "{suggestions:?}"
    );
}

#[tokio::test]
async fn a_plugin_built_against_0_2_gets_hmac_sha1_and_declares_its_manifest() {
    let guest = load(&test_guest("contract-guest-v0-2"), Limits::default()).await;
    assert_eq!(guest.contract_version(), "0.2.0");
    let outcome = listen(&guest).await;
    assert_eq!(first_attribute(&outcome, "guest.contract"), "0.2.0");
    assert_eq!(
        first_attribute(&outcome, "guest.hmac-sha1"),
        hex(&HmacHash::Sha1.mac(SECRET, BODY.as_bytes()))
    );
    assert_eq!(
        first_attribute(&outcome, "guest.hmac-sha256"),
        hex(&HmacHash::Sha256.mac(SECRET, BODY.as_bytes()))
    );
    let info = guest.info();
    let config = info.manifest.config.as_deref().expect("0.2 declares");
    assert_eq!(config.len(), 1);
    assert_eq!(config[0].key, "greeting");
    assert_eq!(config[0].kind, ConfigKind::Text);
    assert!(config[0].required);
    // The declared reply format replaces the host's guess from the kind.
    assert_eq!(info.voice_channels(), ["sms"]);
    assert_eq!(info.channel_limits().max_reply_length, 320);
}

#[tokio::test]
async fn the_shipped_plugins_speak_0_4_and_declare_what_they_read_and_where_they_send() {
    for (name, key, kind, send_to) in [
        ("chat", "bot-user-id", ConfigKind::Text, &["slack.com"][..]),
        (
            "twitter",
            "own-user-ids",
            ConfigKind::TextList,
            &["api.x.com", "api.twitter.com"][..],
        ),
        // Email goes out through the host's SMTP transport, or SendGrid's API.
        (
            "email",
            "max-message-bytes",
            ConfigKind::Integer,
            &["api.sendgrid.com"][..],
        ),
    ] {
        let loaded = load(&plugin(name), Limits::default()).await;
        assert_eq!(loaded.contract_version(), "0.4.0", "{name}");
        let config = loaded.info().manifest.config.clone().expect("declared");
        assert!(
            config.iter().any(|f| f.key == key && f.kind == kind),
            "{name}: {config:?}"
        );
        assert_eq!(loaded.info().manifest.send_to, send_to, "{name}");
    }
}

#[tokio::test]
async fn a_plugin_built_against_0_3_runs_and_cannot_send() {
    let guest = load(&test_guest("contract-guest-v0-3"), Limits::default()).await;
    assert_eq!(guest.contract_version(), "0.3.0");
    let config = guest
        .info()
        .manifest
        .config
        .as_deref()
        .expect("0.3 declares");
    assert_eq!(config[0].key, "greeting");
    assert!(
        guest.info().manifest.send_to.is_empty(),
        "0.3 names no host"
    );
    let outcome = listen(&guest).await;
    assert_eq!(first_attribute(&outcome, "guest.contract"), "0.3.0");
    assert_eq!(
        first_attribute(&outcome, "guest.hmac-sha1"),
        hex(&HmacHash::Sha1.mac(SECRET, BODY.as_bytes()))
    );
    let reply = chorus_host::model::OutgoingReply {
        text: "hello".to_owned(),
        idempotency_key: "k1".to_owned(),
    };
    let refused = guest
        .deliver(services("hi"), &reply, "1", message(&outcome))
        .await
        .expect_err("0.3 has no deliver")
        .to_string();
    assert!(refused.contains("sending needs 0.4"), "{refused}");
}

#[tokio::test]
async fn a_plugin_of_a_contract_this_host_does_not_speak_is_refused_by_name() {
    let runtime = Runtime::new(RuntimeConfig::default()).expect("runtime");
    let error = runtime
        .load_file(&test_guest("contract-future"))
        .await
        .expect_err("9.0.0 is not spoken here")
        .to_string();
    assert_eq!(
        error,
        "incompatible contract version 9.0.0: this host loads 0.1.x, 0.2.x, 0.3.x, 0.4.x"
    );
}

#[test]
fn plugin_check_shows_the_configuration_schema_and_the_reply_format() {
    let path = plugin("email");
    let output = chorus(&["plugin", "check", path.to_str().expect("UTF-8")]);
    assert!(output.status.success(), "{output:?}");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("chorus:plugin/channel@0.4.0"), "{stdout}");
    assert!(
        stdout.contains("sends to:        api.sendgrid.com"),
        "email replies go through SMTP, or SendGrid's API: {stdout}"
    );
    assert!(
        stdout.contains("max-message-bytes") && stdout.contains("a whole number, optional"),
        "{stdout}"
    );
    assert!(
        stdout.contains("replies:         voice of email, at most 10000 characters"),
        "{stdout}"
    );
}

#[test]
fn a_brand_whose_configuration_does_not_fit_the_schema_is_refused_at_start() {
    for (settings, expected) in [
        (
            "config = { max-message-bytes = \"ten megabytes\" }",
            "`max-message-bytes` = \"ten megabytes\" is not a whole number",
        ),
        (
            "config = { max-mesage-bytes = \"100\" }",
            "`max-mesage-bytes` is not a key the plugin reads (it reads: `max-message-bytes`, `send-via`",
        ),
    ] {
        let stderr = chorus_e2e::refused_at_start_with("email", "email", settings);
        assert!(
            stderr.contains("brand `acme` channel `email`")
                && stderr.contains("[brands.channels.email.config]")
                && stderr.contains(expected),
            "{settings}: {stderr}"
        );
    }
}
