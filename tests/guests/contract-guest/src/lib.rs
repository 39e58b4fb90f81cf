//! A test-only plugin written against one frozen `chorus:plugin` contract
//! with wit-bindgen alone, as a third party's plugin is: feature `v0-1`
//! builds it against `wit/since_v0.1.0` (a plugin made before 0.2.0
//! existed), `v0-2` against `wit/since_v0.2.0`, `v0-3` against
//! `wit/since_v0.3.0` (a plugin made before replies could be sent). Never
//! shipped.
//!
//! `listen` reads the `greeting` configuration key, signs the body with
//! `host.hmac-sha256` (and, on 0.2, `host.hmac-sha1`) and the secret
//! `shared-secret`, and returns one message whose attributes carry them, so a
//! test sees each version's host imports answer. On 0.2 its manifest
//! declares `greeting` as required. `triage` and `suggest` return fixed
//! values.

#[cfg(any(
    all(feature = "v0-1", feature = "v0-2"),
    all(feature = "v0-1", feature = "v0-3"),
    all(feature = "v0-2", feature = "v0-3"),
))]
compile_error!("build with exactly one of the features v0-1, v0-2 and v0-3");

#[allow(missing_docs, clippy::all)]
mod bindings {
    #[cfg(feature = "v0-1")]
    wit_bindgen::generate!({ path: "../../../wit/since_v0.1.0", world: "plugin" });
    #[cfg(feature = "v0-3")]
    wit_bindgen::generate!({ path: "../../../wit/since_v0.3.0", world: "plugin" });
    #[cfg(not(any(feature = "v0-1", feature = "v0-3")))]
    wit_bindgen::generate!({ path: "../../../wit/since_v0.2.0", world: "plugin" });
}

/// The contract this build speaks.
const CONTRACT: &str = if cfg!(feature = "v0-1") {
    "0.1.0"
} else if cfg!(feature = "v0-3") {
    "0.3.0"
} else {
    "0.2.0"
};

use bindings::chorus::plugin::host;
use bindings::chorus::plugin::types::{
    Attribute, Author, Capability, ChannelKind, Context, HttpRequest, ListenOutcome, Message,
    MessageKind, PluginError, PluginInfo, Priority, Route, Suggestion, Triage, Visibility,
};
use bindings::exports::chorus::plugin::channel::Guest as Channel;

struct Guest;

impl bindings::Guest for Guest {
    fn init() {}
}

impl Channel for Guest {
    fn metadata() -> PluginInfo {
        PluginInfo {
            name: "contract-guest".to_owned(),
            version: "0.1.0".to_owned(),
            description: format!("A plugin built against contract {CONTRACT}"),
            channel: ChannelKind::Other,
            contract_version: CONTRACT.to_owned(),
            capabilities: vec![Capability::Config, Capability::Secrets],
            secrets: vec!["shared-secret".to_owned()],
        }
    }

    #[cfg(not(feature = "v0-1"))]
    fn manifest() -> bindings::chorus::plugin::manifest::PluginManifest {
        use bindings::chorus::plugin::manifest::{
            ConfigField, ConfigKind, PluginManifest, ReplyFormat,
        };
        PluginManifest {
            config: vec![ConfigField {
                key: "greeting".to_owned(),
                description: "how the guest greets".to_owned(),
                kind: ConfigKind::Text,
                required: true,
            }],
            reply: ReplyFormat {
                voice_channels: vec!["sms".to_owned()],
                max_reply_length: 320,
            },
        }
    }

    fn listen(request: HttpRequest) -> Result<ListenOutcome, PluginError> {
        let text = String::from_utf8(request.body.clone())
            .map_err(|_| PluginError::BadInput("the body is not UTF-8".to_owned()))?;
        let mac = host::hmac_sha256("shared-secret", &request.body)
            .map_err(|e| PluginError::Config(format!("{e:?}")))?;
        let sha256 = hex(&mac);
        let greeting = host::config("greeting").unwrap_or_default();
        #[allow(unused_mut)]
        let mut attributes = vec![
            Attribute {
                key: "guest.contract".to_owned(),
                value: CONTRACT.to_owned(),
            },
            Attribute {
                key: "guest.hmac-sha256".to_owned(),
                value: sha256.clone(),
            },
            Attribute {
                key: "guest.greeting".to_owned(),
                value: greeting,
            },
        ];
        #[cfg(not(feature = "v0-1"))]
        attributes.push(Attribute {
            key: "guest.hmac-sha1".to_owned(),
            value: match host::hmac_sha1("shared-secret", &request.body) {
                Ok(mac) => hex(&mac),
                Err(e) => format!("{e:?}"),
            },
        });
        Ok(ListenOutcome::Messages(vec![Message {
            event_id: format!("guest-{}", &sha256[..16]),
            external_id: format!("guest-{}", &sha256[..16]),
            kind: MessageKind::Original,
            thread_id: None,
            in_reply_to: None,
            author: Author {
                id: "guest-user".to_owned(),
                handle: None,
                display_name: Some("Guest User".to_owned()),
                email: None,
                follower_count: None,
                verified: false,
            },
            text,
            full_text: None,
            visibility: Visibility::Private,
            sent_at: Some(host::now()),
            language: Some("en".to_owned()),
            attachments: Vec::new(),
            attributes,
        }]))
    }

    fn triage(_message: Message, _context: Context) -> Result<Triage, PluginError> {
        Ok(Triage {
            priority: Priority::Normal,
            route: Route::ReplyPublic,
            intent: "question".to_owned(),
            sentiment: 0.0,
            language: Some("en".to_owned()),
            labels: vec!["needs-reply".to_owned()],
            reasons: vec!["the contract guest's fixed triage".to_owned()],
            confidence: 0.5,
        })
    }

    fn suggest(
        _message: Message,
        _triage: Triage,
        context: Context,
    ) -> Result<Vec<Suggestion>, PluginError> {
        Ok(vec![Suggestion {
            text: format!(
                "Thanks for writing to {}. We will look into it.",
                context.brand.name
            ),
            strategy: "acknowledge".to_owned(),
            rationale: "the contract guest's fixed reply".to_owned(),
        }])
    }
}

/// Lower-case hex.
fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

// Exported only in the component: a native build (`cargo build --workspace`)
// cannot link export names such as `chorus:plugin/channel@0.2.0#listen`.
#[cfg(target_arch = "wasm32")]
bindings::export!(Guest with_types_in bindings);
