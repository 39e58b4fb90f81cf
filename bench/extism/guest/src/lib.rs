//! Chorus's chat, twitter and email plugins as one Extism plugin: the peer
//! of Chorus's per-event benchmark (`bench/extism/README.md`).
//!
//! The export `process` takes one [`Event`] and runs its plugin's whole path
//! inside the guest, as `chorus_sdk::testing::run` does: `listen`, then
//! `triage` and `suggest` for each message. The brand's context is built
//! once per instance, from the Extism configuration. Host calls go to the
//! runner's host functions (`host.rs`).
//!
//! Built for `wasm32-unknown-unknown` with `--cfg chorus_core_module`, so
//! that the plugins link none of the component model's imports and exports.

#[cfg(all(target_arch = "wasm32", not(chorus_core_module)))]
compile_error!(
    "build the guest with RUSTFLAGS=\"--cfg chorus_core_module\" (bench/extism/README.md): \
     without it every plugin exports the component model's glue"
);

mod host;

use std::sync::OnceLock;

use anyhow::{Context as _, anyhow};
use base64::Engine as _;
use chorus_extism_wire::{
    CONFIG_BRAND_ID, CONFIG_BRAND_NAME, CONFIG_VOICE, Event, PluginName, Processed,
};
use chorus_sdk::testing::{self, Outcome};
use chorus_sdk::{Brand, ChannelKind, ChannelLimits, Context, Header, HttpRequest, Plugin};
use extism_pdk::{FnResult, Json, plugin_fn};

/// The brand context of each plugin, built on its first event.
static CONTEXTS: [OnceLock<Context>; 3] = [const { OnceLock::new() }; 3];

/// The Extism export. In a private module: `plugin_fn` drops the doc
/// comment of the function it wraps.
mod export {
    use super::*;

    /// Runs one event through its plugin; returns how many messages and
    /// suggestions it made, or the plugin's error.
    #[plugin_fn]
    pub fn process(Json(event): Json<Event>) -> FnResult<Json<Processed>> {
        host::install();
        let plugin = event.plugin;
        let request = request(event)?;
        let processed = match plugin {
            PluginName::Chat => run::<chat::Chat>(request, &CONTEXTS[0])?,
            PluginName::Twitter => run::<twitter::Twitter>(request, &CONTEXTS[1])?,
            PluginName::Email => run::<email::Email>(request, &CONTEXTS[2])?,
        };
        Ok(Json(processed))
    }
}

/// The plugin's request for `event`.
fn request(event: Event) -> anyhow::Result<HttpRequest> {
    Ok(HttpRequest {
        method: event.method,
        path: event.path,
        query: event.query,
        headers: event
            .headers
            .into_iter()
            .map(|(name, value)| Header { name, value })
            .collect(),
        body: base64::engine::general_purpose::STANDARD
            .decode(event.body_base64)
            .context("`body_base64` is not base64")?,
    })
}

/// Runs `request` through `P` with the brand context in `context` (built
/// here on the plugin's first event).
fn run<P: Plugin>(request: HttpRequest, context: &OnceLock<Context>) -> anyhow::Result<Processed> {
    let context = match context.get() {
        Some(context) => context,
        None => {
            let built = brand_context::<P>()?;
            context.get_or_init(|| built)
        }
    };
    let outcome = testing::run::<P>(request, context).map_err(|e| anyhow!("{e:?}"))?;
    Ok(match outcome {
        Outcome::Messages(messages) => Processed {
            messages: u32::try_from(messages.len())?,
            suggestions: u32::try_from(
                messages.iter().map(|m| m.suggestions.len()).sum::<usize>(),
            )?,
        },
        Outcome::Respond(_) | Outcome::Ignore(_) => Processed {
            messages: 0,
            suggestions: 0,
        },
    })
}

/// The context Chorus gives `P` for the configured brand: its voice, no
/// customer record, and the plugin's channel limits.
fn brand_context<P: Plugin>() -> anyhow::Result<Context> {
    let voice = chorus_voice::VoiceProfile::from_toml_str(&setting(CONFIG_VOICE)?)
        .with_context(|| format!("config `{CONFIG_VOICE}` is not a voice profile"))?;
    Ok(Context {
        brand: Brand {
            id: setting(CONFIG_BRAND_ID)?,
            name: setting(CONFIG_BRAND_NAME)?,
            own_accounts: Vec::new(),
        },
        voice: chorus_sdk::voice::wit_profile(&voice),
        customer: None,
        limits: limits::<P>(),
    })
}

/// The limits Chorus sets for `P`'s replies (`PluginInfo::channel_limits`
/// in `host/src/model.rs`): the length its manifest declares, else the
/// default of its channel kind; 3 suggestions.
fn limits<P: Plugin>() -> ChannelLimits {
    let max_reply_length = match (P::manifest().reply.max_reply_length, P::metadata().channel) {
        (0, ChannelKind::Chat) => 4_000,
        (0, _) => 10_000,
        (declared, _) => declared,
    };
    ChannelLimits {
        max_reply_length,
        max_suggestions: 3,
    }
}

/// The Extism configuration value `key`, which the runner must set.
fn setting(key: &str) -> anyhow::Result<String> {
    extism_pdk::config::get(key)?.ok_or_else(|| anyhow!("the Extism configuration has no `{key}`"))
}
