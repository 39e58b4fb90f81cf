//! The host services a plugin gets on one channel of a brand: built here,
//! once per brand × channel, for the server, `chorus plugin run`, fixtures
//! and evaluations alike.

use std::collections::HashMap;
use std::sync::Arc;

use super::Brand;
use super::config::ChannelConfig;
use super::secrets::{SecretError, resolve_secret};
use crate::manifest::ConfigError;
use crate::runtime::{Capability, Grants, InMemoryServices, KvBackend, LoadedPlugin};

/// The configuration key that tells a plugin to refuse any request whose
/// signature it cannot verify (the SDK's
/// `chorus_sdk::host::REQUIRE_SIGNATURES`).
pub const REQUIRE_SIGNATURES: &str = "chorus.require-signatures";

/// Whether requests must be verified.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verification {
    /// The server: a plugin that verifies signatures must get one of its
    /// secrets, and is told to refuse what it cannot verify (fail closed).
    Required,
    /// A local run (`chorus plugin run` with a brand file, fixtures,
    /// evaluations): a plugin verifies only when it is given a secret.
    WhenConfigured,
}

/// Why a channel's host services could not be built.
#[derive(Debug, thiserror::Error)]
pub enum ServicesError {
    /// Configuration the plugin does not read, or a required key missing.
    #[error("brand `{brand}` channel `{channel}`: {table} does not fit plugin `{plugin}`: {error}")]
    Config {
        /// Brand id.
        brand: String,
        /// Channel name.
        channel: String,
        /// Where the configuration is written.
        table: String,
        /// Plugin name.
        plugin: String,
        /// What is wrong.
        error: Box<ConfigError>,
    },
    /// A plugin that verifies requests got none of its secrets.
    #[error(
        "brand `{brand}` channel `{channel}`: plugin `{plugin}` verifies requests with {secrets}; configure it under [brands.channels.{channel}.secrets] (the server never runs a channel unverified)"
    )]
    Unverified {
        /// Brand id.
        brand: String,
        /// Channel name.
        channel: String,
        /// Plugin name.
        plugin: String,
        /// The secrets it declares, listed.
        secrets: String,
    },
    /// `deny` names no capability.
    #[error(
        "brand `{brand}` channel `{channel}`: deny: unknown capability `{name}` (one of config, secrets, kv, history, knowledge)"
    )]
    UnknownCapability {
        /// Brand id.
        brand: String,
        /// Channel name.
        channel: String,
        /// The name written.
        name: String,
    },
    /// A secret could not be read.
    #[error("brand `{brand}` channel `{channel}`: secret `{name}`: {error}")]
    Secret {
        /// Brand id.
        brand: String,
        /// Channel name.
        channel: String,
        /// Secret name.
        name: String,
        /// Why.
        error: SecretError,
    },
}

impl Brand {
    /// The host services `plugin` gets on `channel` of this brand: the
    /// brand's `[config]` and `[secrets]` with the channel's own over them
    /// (secrets read now), the channel's denied capabilities, the brand's
    /// knowledge, and key-value entries in `kv`. Secrets `given` by value
    /// (a run's `--secret`, a fixture's) win over configured ones, which are
    /// then not read.
    pub fn services(
        &self,
        (channel, settings): (&str, &ChannelConfig),
        plugin: &LoadedPlugin,
        given: &[(String, String)],
        kv: Arc<dyn KvBackend>,
        verification: Verification,
    ) -> Result<InMemoryServices, ServicesError> {
        let info = plugin.info();
        let brand = || self.info.id.clone();
        let channel_name = || channel.to_owned();
        info.manifest
            .check_channel_config(&self.config, &settings.config)
            .map_err(|source| {
                // Named where it is written, or would be written.
                let own = settings.config.contains_key(source.key())
                    || (!self.config.contains_key(source.key()) && !self.channels.is_empty());
                ServicesError::Config {
                    brand: brand(),
                    channel: channel_name(),
                    table: if own {
                        format!("[brands.channels.{channel}.config]")
                    } else {
                        "[config]".to_owned()
                    },
                    plugin: info.name.clone(),
                    error: Box::new(source),
                }
            })?;
        let mut secrets = self.secrets.clone();
        secrets.extend(settings.secrets.clone());
        let declared = &info.secrets;
        let verifiable = |name: &String| {
            secrets.contains_key(name) || given.iter().any(|(given, _)| given == name)
        };
        if verification == Verification::Required
            && !declared.is_empty()
            && !declared.iter().any(verifiable)
        {
            return Err(ServicesError::Unverified {
                brand: brand(),
                channel: channel_name(),
                plugin: info.name.clone(),
                secrets: declared
                    .iter()
                    .map(|s| format!("`{s}`"))
                    .collect::<Vec<_>>()
                    .join(" or "),
            });
        }
        let denied = settings
            .deny
            .iter()
            .try_fold(Grants::default(), |denied, name| {
                Capability::from_name(name)
                    .map(|c| denied.with(c))
                    .ok_or_else(|| ServicesError::UnknownCapability {
                        brand: brand(),
                        channel: channel_name(),
                        name: name.clone(),
                    })
            })?;
        let mut config: HashMap<String, String> = self.config.clone().into_iter().collect();
        config.extend(settings.config.clone());
        if verification == Verification::Required {
            config.insert(REQUIRE_SIGNATURES.to_owned(), "true".to_owned());
        }
        let mut services = InMemoryServices::new()
            .with_kv(kv)
            .with_config(config)
            .with_denied(denied)
            .with_shared_knowledge(self.knowledge());
        for (name, value) in given {
            secrets.remove(name);
            services = services.with_secret(name, value.as_bytes().to_vec());
        }
        for (name, source) in &secrets {
            let value = resolve_secret(source).map_err(|error| ServicesError::Secret {
                brand: brand(),
                channel: channel_name(),
                name: name.clone(),
                error,
            })?;
            services = services.with_secret(name, value);
        }
        Ok(services)
    }

    /// The brand's channel that runs plugin `name` (the first, by channel
    /// name), or, when none does, a channel named after the plugin with no
    /// settings of its own: a brand file run from the command line.
    pub fn channel_for(&self, name: &str) -> (String, ChannelConfig) {
        self.channels
            .iter()
            .find(|(_, settings)| settings.plugin == name)
            .map(|(channel, settings)| (channel.clone(), settings.clone()))
            .unwrap_or_else(|| {
                (
                    name.to_owned(),
                    ChannelConfig {
                        plugin: name.to_owned(),
                        ..ChannelConfig::default()
                    },
                )
            })
    }
}
