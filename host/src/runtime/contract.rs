//! One plugin, whatever contract version it was built against: the version
//! it exports picks the bindings, and each call is dispatched to them.
//! Every version shares the newest `types` ([`super::bindings`]), so the
//! arguments and results are the same values for all of them; what a version
//! lacks (`manifest` before 0.2) is answered here.

use wasmtime::Store;
use wasmtime::component::{HasSelf, InstancePre, Linker};

use super::bindings::latest::chorus::plugin::manifest::{
    ConfigField, ConfigKind, PluginManifest, ReplyFormat,
};
use super::bindings::latest::chorus::plugin::types::{
    Context, ConversationRef, HttpRequest, ListenOutcome, Message, OutboundRequest, OutgoingReply,
    PluginError, PluginInfo, Suggestion, Triage,
};
use super::bindings::{v0_1, v0_2, v0_3, v0_4};
use super::error::LoadError;
use super::state::CallState;

/// A contract version this host speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Version {
    /// 0.1.x: the first release.
    V0_1,
    /// 0.2.x: `host.hmac-sha1` and `channel.manifest`.
    V0_2,
    /// 0.3.x: `host.knowledge-find`.
    V0_3,
    /// 0.4.x: `channel.deliver` and the manifest's `send-to`.
    V0_4,
}

impl Version {
    /// Every version, oldest first, with its `major.minor` series (0.x
    /// versions are compatible within a minor series, per semver).
    pub(crate) const ALL: [(Self, &'static str); 4] = [
        (Self::V0_1, "0.1"),
        (Self::V0_2, "0.2"),
        (Self::V0_3, "0.3"),
        (Self::V0_4, "0.4"),
    ];

    /// The version whose series `version` (`0.1.3`) belongs to.
    pub(crate) fn of(version: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|(_, series)| compatible(version, series))
            .map(|(v, _)| v)
    }
}

/// Whether `version` (`0.1.3`) belongs to `series` (`0.1`): same major, and
/// for 0.x the same minor.
pub(crate) fn compatible(version: &str, series: &str) -> bool {
    let mut v = version.split(['.', '-', '+']);
    let mut s = series.split('.');
    let (Some(v_major), Some(v_minor)) = (v.next(), v.next()) else {
        return false;
    };
    let (Some(s_major), Some(s_minor)) = (s.next(), s.next()) else {
        return false;
    };
    v_major == s_major && (s_major != "0" || v_minor == s_minor)
}

/// Adds every version's host imports (and WASI) to `linker`.
pub(crate) fn add_to_linker(linker: &mut Linker<CallState>) -> wasmtime::Result<()> {
    wasmtime_wasi::p2::add_to_linker_async(linker)?;
    v0_1::Plugin::add_to_linker::<_, HasSelf<CallState>>(linker, |state| state)?;
    v0_2::Plugin::add_to_linker::<_, HasSelf<CallState>>(linker, |state| state)?;
    v0_3::Plugin::add_to_linker::<_, HasSelf<CallState>>(linker, |state| state)?;
    v0_4::Plugin::add_to_linker::<_, HasSelf<CallState>>(linker, |state| state)?;
    Ok(())
}

/// A plugin linked and ready to instantiate, by version.
#[derive(Clone)]
pub(crate) enum PluginPre {
    V0_1(v0_1::PluginPre<CallState>),
    V0_2(v0_2::PluginPre<CallState>),
    V0_3(v0_3::PluginPre<CallState>),
    V0_4(v0_4::PluginPre<CallState>),
}

impl PluginPre {
    /// Checks that the linked component has `version`'s world.
    pub(crate) fn new(version: Version, pre: InstancePre<CallState>) -> Result<Self, LoadError> {
        let mismatch = |e: wasmtime::Error| {
            LoadError::Invalid(format!("does not match the chorus:plugin world: {e:#}"))
        };
        Ok(match version {
            Version::V0_1 => Self::V0_1(v0_1::PluginPre::new(pre).map_err(mismatch)?),
            Version::V0_2 => Self::V0_2(v0_2::PluginPre::new(pre).map_err(mismatch)?),
            Version::V0_3 => Self::V0_3(v0_3::PluginPre::new(pre).map_err(mismatch)?),
            Version::V0_4 => Self::V0_4(v0_4::PluginPre::new(pre).map_err(mismatch)?),
        })
    }

    /// The contract version it speaks.
    pub(crate) fn version(&self) -> Version {
        match self {
            Self::V0_1(_) => Version::V0_1,
            Self::V0_2(_) => Version::V0_2,
            Self::V0_3(_) => Version::V0_3,
            Self::V0_4(_) => Version::V0_4,
        }
    }

    /// A fresh instance in `store`.
    pub(crate) async fn instantiate(
        &self,
        store: &mut Store<CallState>,
    ) -> wasmtime::Result<Plugin> {
        Ok(match self {
            Self::V0_1(pre) => Plugin::V0_1(pre.instantiate_async(store).await?),
            Self::V0_2(pre) => Plugin::V0_2(pre.instantiate_async(store).await?),
            Self::V0_3(pre) => Plugin::V0_3(pre.instantiate_async(store).await?),
            Self::V0_4(pre) => Plugin::V0_4(pre.instantiate_async(store).await?),
        })
    }
}

/// One instance of a plugin, by version.
pub(crate) enum Plugin {
    V0_1(v0_1::Plugin),
    V0_2(v0_2::Plugin),
    V0_3(v0_3::Plugin),
    V0_4(v0_4::Plugin),
}

/// Calls `$method` on the instance's `channel` export, whatever its version.
macro_rules! channel_call {
    ($plugin:expr, $store:expr, $method:ident $(, $arg:expr)*) => {
        match $plugin {
            Plugin::V0_1(p) => p.chorus_plugin_channel().$method($store $(, $arg)*).await,
            Plugin::V0_2(p) => p.chorus_plugin_channel().$method($store $(, $arg)*).await,
            Plugin::V0_3(p) => p.chorus_plugin_channel().$method($store $(, $arg)*).await,
            Plugin::V0_4(p) => p.chorus_plugin_channel().$method($store $(, $arg)*).await,
        }
    };
}

impl Plugin {
    pub(crate) async fn init(&self, store: &mut Store<CallState>) -> wasmtime::Result<()> {
        match self {
            Self::V0_1(p) => p.call_init(store).await,
            Self::V0_2(p) => p.call_init(store).await,
            Self::V0_3(p) => p.call_init(store).await,
            Self::V0_4(p) => p.call_init(store).await,
        }
    }

    pub(crate) async fn metadata(
        &self,
        store: &mut Store<CallState>,
    ) -> wasmtime::Result<PluginInfo> {
        channel_call!(self, store, call_metadata)
    }

    /// The plugin's manifest; `None` for a version without one.
    pub(crate) async fn manifest(
        &self,
        store: &mut Store<CallState>,
    ) -> wasmtime::Result<Option<PluginManifest>> {
        match self {
            Self::V0_1(_) => Ok(None),
            Self::V0_2(p) => p
                .chorus_plugin_channel()
                .call_manifest(store)
                .await
                .map(|m| Some(upgrade(m))),
            Self::V0_3(p) => p
                .chorus_plugin_channel()
                .call_manifest(store)
                .await
                .map(|m| Some(upgrade(m))),
            Self::V0_4(p) => p
                .chorus_plugin_channel()
                .call_manifest(store)
                .await
                .map(Some),
        }
    }

    pub(crate) async fn listen(
        &self,
        store: &mut Store<CallState>,
        request: &HttpRequest,
    ) -> wasmtime::Result<Result<ListenOutcome, PluginError>> {
        channel_call!(self, store, call_listen, request)
    }

    pub(crate) async fn triage(
        &self,
        store: &mut Store<CallState>,
        message: &Message,
        context: &Context,
    ) -> wasmtime::Result<Result<Triage, PluginError>> {
        channel_call!(self, store, call_triage, message, context)
    }

    pub(crate) async fn suggest(
        &self,
        store: &mut Store<CallState>,
        message: &Message,
        triage: &Triage,
        context: &Context,
    ) -> wasmtime::Result<Result<Vec<Suggestion>, PluginError>> {
        channel_call!(self, store, call_suggest, message, triage, context)
    }

    /// What sends `reply` in `to`; `None` for a version that cannot send
    /// (before 0.4).
    pub(crate) async fn deliver(
        &self,
        store: &mut Store<CallState>,
        reply: &OutgoingReply,
        to: &ConversationRef,
    ) -> wasmtime::Result<Option<Result<Vec<OutboundRequest>, PluginError>>> {
        match self {
            Self::V0_1(_) | Self::V0_2(_) | Self::V0_3(_) => Ok(None),
            Self::V0_4(p) => p
                .chorus_plugin_channel()
                .call_deliver(store, reply, to)
                .await
                .map(Some),
        }
    }
}

/// A 0.2 or 0.3 manifest as the newest: the same, with no hosts to send to.
fn upgrade(old: v0_3::chorus::plugin::manifest::PluginManifest) -> PluginManifest {
    use v0_3::chorus::plugin::manifest as v0_3;
    PluginManifest {
        config: old
            .config
            .into_iter()
            .map(|f| ConfigField {
                key: f.key,
                description: f.description,
                kind: match f.kind {
                    v0_3::ConfigKind::Text => ConfigKind::Text,
                    v0_3::ConfigKind::Integer => ConfigKind::Integer,
                    v0_3::ConfigKind::Boolean => ConfigKind::Boolean,
                    v0_3::ConfigKind::TextList => ConfigKind::TextList,
                },
                required: f.required,
            })
            .collect(),
        reply: ReplyFormat {
            voice_channels: old.reply.voice_channels,
            max_reply_length: old.reply.max_reply_length,
        },
        send_to: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_are_compatible_within_a_series() {
        assert!(compatible("0.1.0", "0.1"));
        assert!(compatible("0.1.7", "0.1"));
        assert!(!compatible("0.2.0", "0.1"));
        assert!(!compatible("1.1.0", "0.1"));
        assert!(compatible("1.4.0", "1.0"));
        assert!(!compatible("garbage", "0.1"));
    }

    #[test]
    fn each_release_picks_its_bindings() {
        assert_eq!(Version::of("0.1.0"), Some(Version::V0_1));
        assert_eq!(Version::of("0.1.4"), Some(Version::V0_1));
        assert_eq!(Version::of("0.2.0"), Some(Version::V0_2));
        assert_eq!(Version::of("0.3.0"), Some(Version::V0_3));
        assert_eq!(Version::of("0.4.0"), Some(Version::V0_4));
        assert_eq!(Version::of("0.5.0"), None);
        assert_eq!(Version::of("1.0.0"), None);
    }
}
