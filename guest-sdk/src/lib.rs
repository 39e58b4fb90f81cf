//! Write Chorus channel plugins in plain Rust.
//!
//! A plugin is a type that implements [`Plugin`] and is registered once with
//! [`export_plugin!`]. The crate is built for `wasm32-wasip2` as a component
//! (`crate-type = ["cdylib", "rlib"]`), and the same code runs natively under
//! `cargo test` through the fake host in [`testing`].
//!
//! ```no_run
//! use chorus_sdk::{Plugin, PluginInfo, HttpRequest, ListenOutcome, PluginError, ChannelKind};
//!
//! struct Echo;
//!
//! impl Plugin for Echo {
//!     fn metadata() -> PluginInfo {
//!         chorus_sdk::plugin_info("echo", env!("CARGO_PKG_VERSION"), "Echoes text", ChannelKind::Other)
//!     }
//!     fn listen(request: HttpRequest) -> Result<ListenOutcome, PluginError> {
//!         Ok(ListenOutcome::Ignore(format!("{} bytes", request.body.len())))
//!     }
//! }
//!
//! chorus_sdk::export_plugin!(Echo);
//! ```
//!
//! Guest initialization (building lexicons and tables) belongs in
//! [`Plugin::init`]: the host runs it once when it loads the plugin and keeps a
//! snapshot of the initialized memory, so no event pays for it.

#[cfg(chorus_core_module)]
pub mod core_module;
pub mod deliver;
pub mod host;
mod init;
pub mod request;
pub mod suggest;
pub mod testing;
pub mod triage;
pub mod voice;

/// Generated bindings for the `chorus:plugin@0.4.0` world. Plugin code rarely
/// needs these directly: the types are re-exported at the crate root.
#[allow(missing_docs, missing_debug_implementations, clippy::all)]
pub mod bindings {
    wit_bindgen::generate!({
        // `wit` links to the workspace's `wit/` folder; `cargo package` copies
        // the files, so the published crate carries the contract it binds.
        path: "wit/since_v0.4.0",
        world: "plugin",
        pub_export_macro: true,
        export_macro_name: "__export_chorus_world",
        default_bindings_module: "::chorus_sdk::bindings",
        additional_derives: [PartialEq, Clone],
    });
}

pub use bindings::chorus::plugin::manifest::{
    ConfigField, ConfigKind, PluginManifest, ReplyFormat,
};
pub use bindings::chorus::plugin::types::{
    Attachment, Attribute, Author, Brand, CannedResponse, Capability, ChannelKind, ChannelLimits,
    ChannelVoice, Context, ConversationRef, CustomerSummary, EmojiPolicy, Formality, Header,
    HostError, HttpRequest, HttpResponse, KnowledgeHit, KnowledgeMatch, KnowledgeQuery,
    KnowledgeSnippet, ListenOutcome, LogLevel, Message, MessageKind, OutboundCall, OutboundMail,
    OutboundRequest, OutgoingReply, PastConversation, Person, PluginError, PluginInfo, Priority,
    Replacement, Route, Suggestion, Timestamp, Triage, Visibility, VoiceProfile,
};
pub use init::{InitReport, init_report};

/// The contract version this SDK implements.
pub const CONTRACT_VERSION: &str = "0.4.0";

/// A Chorus channel plugin. Implement it on a unit struct and register the
/// type with [`export_plugin!`].
///
/// Every method is an associated function: each event runs in a fresh
/// sandbox instance, so there is no state to carry between calls except what
/// [`Plugin::init`] built into the snapshot and what the host stores
/// ([`host::kv_get`]).
pub trait Plugin {
    /// Describes the plugin. Must be cheap; must not call the host.
    fn metadata() -> PluginInfo;

    /// The brand configuration the plugin reads (the host refuses a brand
    /// whose configuration does not fit it, naming the key) and the shape of
    /// its replies. The default reads no configuration and leaves the reply
    /// format to the host's defaults for the channel kind; see
    /// [`plugin_manifest`]. Must be cheap; must not call the host.
    fn manifest() -> PluginManifest {
        plugin_manifest()
    }

    /// One-time initialization: build lexicons, tables and patterns here.
    /// The host runs it once at load time and snapshots the result.
    /// Must not call the host.
    fn init() {}

    /// Turns one raw inbound request into messages, a handshake response or
    /// an ignore with a reason.
    fn listen(request: HttpRequest) -> Result<ListenOutcome, PluginError>;

    /// Assesses one message. The default is the SDK's shared triage
    /// ([`triage::assess`]); override it to add channel signals.
    fn triage(message: Message, context: Context) -> Result<Triage, PluginError> {
        Ok(triage::assess(&message, &context, &[]))
    }

    /// Suggests replies, best first. The default composes replies in the
    /// brand's voice ([`suggest::compose`]) for a channel without special form.
    fn suggest(
        message: Message,
        triage: Triage,
        context: Context,
    ) -> Result<Vec<Suggestion>, PluginError> {
        Ok(suggest::compose(
            &message,
            &triage,
            &context,
            &suggest::ChannelForm::plain(),
        ))
    }

    /// The platform calls (or the email) that send `reply` in the
    /// conversation `to`; the host makes them with the brand's secrets
    /// filled in, only to the hosts [`PluginManifest::send_to`] names, and
    /// retries a failed one, so the same arguments must give the same
    /// requests. It may read the brand's configuration ([`host::config`],
    /// e.g. an API's base URL: [`deliver::api_base`]). The default: this
    /// channel cannot send.
    fn deliver(
        reply: OutgoingReply,
        to: ConversationRef,
    ) -> Result<Vec<OutboundRequest>, PluginError> {
        let _ = (reply, to);
        Err(PluginError::Unsupported(
            "this plugin does not send replies".to_owned(),
        ))
    }
}

/// Builds a [`PluginInfo`] with this SDK's contract version, the
/// `knowledge` capability (the SDK's replies, [`suggest::compose`], rank the
/// brand's texts with `host.knowledge-find`) and no secrets; extend the
/// returned value as needed.
pub fn plugin_info(
    name: &str,
    version: &str,
    description: &str,
    channel: ChannelKind,
) -> PluginInfo {
    PluginInfo {
        name: name.to_owned(),
        version: version.to_owned(),
        description: description.to_owned(),
        channel,
        contract_version: CONTRACT_VERSION.to_owned(),
        capabilities: vec![Capability::Knowledge],
        secrets: Vec::new(),
    }
}

/// A [`PluginManifest`] that reads no configuration and leaves the reply
/// format to the host; add [`ConfigField`]s and set [`ReplyFormat`] as
/// needed.
pub fn plugin_manifest() -> PluginManifest {
    PluginManifest {
        config: Vec::new(),
        reply: ReplyFormat {
            voice_channels: Vec::new(),
            max_reply_length: 0,
        },
        send_to: Vec::new(),
    }
}

/// A [`ConfigField`]: `key`, what it is for, how it is written, whether a
/// brand must set it.
pub fn config_field(key: &str, description: &str, kind: ConfigKind, required: bool) -> ConfigField {
    ConfigField {
        key: key.to_owned(),
        description: description.to_owned(),
        kind,
        required,
    }
}

/// Registers a [`Plugin`] implementation as the component's exports.
/// Use it exactly once per plugin crate.
#[macro_export]
macro_rules! export_plugin {
    ($plugin:ty) => {
        const _: () = {
            struct ChorusExports;

            impl $crate::bindings::Guest for ChorusExports {
                fn init() {
                    $crate::__private::run_init::<$plugin>();
                }
            }

            impl $crate::bindings::exports::chorus::plugin::channel::Guest for ChorusExports {
                fn metadata() -> $crate::PluginInfo {
                    <$plugin as $crate::Plugin>::metadata()
                }
                fn manifest() -> $crate::PluginManifest {
                    <$plugin as $crate::Plugin>::manifest()
                }
                fn listen(
                    request: $crate::HttpRequest,
                ) -> ::core::result::Result<$crate::ListenOutcome, $crate::PluginError> {
                    $crate::__private::ensure_init::<$plugin>();
                    <$plugin as $crate::Plugin>::listen(request)
                }
                fn triage(
                    message: $crate::Message,
                    context: $crate::Context,
                ) -> ::core::result::Result<$crate::Triage, $crate::PluginError> {
                    $crate::__private::ensure_init::<$plugin>();
                    <$plugin as $crate::Plugin>::triage(message, context)
                }
                fn suggest(
                    message: $crate::Message,
                    triage: $crate::Triage,
                    context: $crate::Context,
                ) -> ::core::result::Result<::std::vec::Vec<$crate::Suggestion>, $crate::PluginError>
                {
                    $crate::__private::ensure_init::<$plugin>();
                    <$plugin as $crate::Plugin>::suggest(message, triage, context)
                }
                fn deliver(
                    reply: $crate::OutgoingReply,
                    to: $crate::ConversationRef,
                ) -> ::core::result::Result<::std::vec::Vec<$crate::OutboundRequest>, $crate::PluginError>
                {
                    $crate::__private::ensure_init::<$plugin>();
                    <$plugin as $crate::Plugin>::deliver(reply, to)
                }
            }

            $crate::__component_only! {
                $crate::bindings::__export_chorus_world!(ChorusExports with_types_in $crate::bindings);
            }
        };
    };
}

// Only component builds export symbols: a native cdylib cannot carry the
// component model's export names, and native tests need none; a core-module
// build (`--cfg chorus_core_module`, benchmarks only) exports none either, as
// its embedding guest calls the plugin. The cfg is evaluated here rather than
// in `export_plugin!`, whose cfgs would be the plugin crate's: every plugin
// would have to declare `chorus_core_module` to its `unexpected_cfgs` lint.

/// Expands to its input in a component build. Not public API.
#[cfg(all(target_arch = "wasm32", not(chorus_core_module)))]
#[doc(hidden)]
#[macro_export]
macro_rules! __component_only {
    ($($item:tt)*) => { $($item)* };
}

/// Expands to nothing outside a component build. Not public API.
#[cfg(not(all(target_arch = "wasm32", not(chorus_core_module))))]
#[doc(hidden)]
#[macro_export]
macro_rules! __component_only {
    ($($item:tt)*) => {};
}

#[doc(hidden)]
pub mod __private {
    pub use crate::init::{ensure_init, run_init};
}
