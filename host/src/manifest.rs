//! What a plugin declares beyond its metadata (contract 0.2, `manifest`):
//! the brand configuration it reads, checked before a brand's channel is
//! enabled, and the shape of its replies. A 0.1 plugin declares nothing: its
//! configuration is not checked, and its replies get the host's defaults for
//! its channel kind.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::model::{ChannelKind, ChannelLimits};

/// Configuration keys that start with this belong to the host, which sets
/// them itself (e.g. `chorus.require-signatures`).
pub const HOST_KEY_PREFIX: &str = "chorus.";

/// Whose keys a configuration holds, which decides whether a key the
/// plugin does not read is a mistake.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConfigScope {
    /// One channel's (the server's `[brands.channels.<name>.config]`): a
    /// key the plugin does not read is refused, as a likely typo.
    Channel,
    /// Shared by all of a brand's plugins (a brand file's `[config]`): keys
    /// that other plugins read are let through.
    Brand,
}

/// What a plugin declares beyond its metadata.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PluginManifest {
    /// The configuration keys the plugin reads; `None` when it declares no
    /// schema (a 0.1 plugin), and then any configuration is passed through.
    pub config: Option<Vec<ConfigField>>,
    /// How its replies are shaped.
    pub reply: ReplyFormat,
    /// The hosts its `deliver` calls may reach (a name admits its
    /// subdomains); empty before contract 0.4, or for a plugin that does
    /// not send.
    #[serde(default)]
    pub send_to: Vec<String>,
}

/// One configuration key a plugin reads with `host.config`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConfigField {
    /// The key, kebab-case.
    pub key: String,
    /// What it is for, one line.
    pub description: String,
    /// How its value is written.
    pub kind: ConfigKind,
    /// Whether a brand must set it.
    pub required: bool,
}

/// How a configuration value is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ConfigKind {
    /// Any text.
    Text,
    /// A whole number in decimal.
    Integer,
    /// `true` or `false`.
    Boolean,
    /// Values separated by commas.
    TextList,
}

impl ConfigKind {
    /// How the kind reads in messages and `plugin check`.
    pub fn describe(self) -> &'static str {
        match self {
            Self::Text => "text",
            Self::Integer => "a whole number",
            Self::Boolean => "true or false",
            Self::TextList => "a comma-separated list",
        }
    }

    /// Whether `value` is written as this kind.
    fn accepts(self, value: &str) -> bool {
        let value = value.trim();
        match self {
            Self::Text => true,
            Self::Integer => value.parse::<i64>().is_ok(),
            Self::Boolean => matches!(value, "true" | "false"),
            Self::TextList => value.split(',').all(|item| !item.trim().is_empty()),
        }
    }
}

/// How replies on a channel are shaped, as the plugin declares it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReplyFormat {
    /// The voice profile's channel sections replies follow, most specific
    /// first; empty for the host's default for the channel kind.
    pub voice_channels: Vec<String>,
    /// Most characters in one reply; 0 for the host's default.
    pub max_reply_length: u32,
}

impl ReplyFormat {
    /// The voice sections that apply: the declared ones, else the usual
    /// names of the channel kind.
    pub fn voice_channels(&self, kind: ChannelKind) -> Vec<String> {
        if !self.voice_channels.is_empty() {
            return self.voice_channels.clone();
        }
        let usual: &[&str] = match kind {
            ChannelKind::Social => &["twitter", "x", "social"],
            ChannelKind::Chat => &["slack", "chat"],
            ChannelKind::Email => &["email"],
            ChannelKind::Other => &["other"],
        };
        usual.iter().map(|s| (*s).to_owned()).collect()
    }

    /// The channel limits of the replies: the declared length, else the
    /// default for the channel kind (Slack's 4,000 characters for chat;
    /// social plugins apply their platform's own counting, X's weighted
    /// 280, themselves).
    pub fn limits(&self, kind: ChannelKind) -> ChannelLimits {
        let max_reply_length = match (self.max_reply_length, kind) {
            (0, ChannelKind::Chat) => 4_000,
            (0, _) => ChannelLimits::default().max_reply_length,
            (declared, _) => declared,
        };
        ChannelLimits {
            max_reply_length,
            ..ChannelLimits::default()
        }
    }
}

/// Why a brand's configuration does not fit a plugin's schema. Each names
/// the key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    /// A required key is not set.
    #[error("`{key}` is required ({description})")]
    Missing {
        /// The key.
        key: String,
        /// What the plugin says it is for.
        description: String,
    },
    /// A value is not written as its kind.
    #[error("`{key}` = {value:?} is not {kind}")]
    WrongKind {
        /// The key.
        key: String,
        /// The value as configured.
        value: String,
        /// The kind the plugin declares, described.
        kind: &'static str,
    },
    /// A key the plugin does not read (usually a typo).
    #[error("`{key}` is not a key the plugin reads (it reads: {known})")]
    Unknown {
        /// The key.
        key: String,
        /// The keys the plugin declares, or `none`.
        known: String,
    },
    /// A key reserved for the host.
    #[error("`{key}` is set by the host itself; remove it")]
    Reserved {
        /// The key.
        key: String,
    },
}

impl PluginManifest {
    /// Checks a brand's configuration for this plugin against the declared
    /// schema: every required key set, every value of its kind, no host key
    /// and, in a channel's own configuration, no key the plugin does not
    /// read. The first problem (in key order) is returned; a plugin that
    /// declares no schema accepts any configuration.
    pub fn check_config<'a>(
        &self,
        config: impl IntoIterator<Item = (&'a String, &'a String)>,
        scope: ConfigScope,
    ) -> Result<(), ConfigError> {
        let Some(fields) = &self.config else {
            return Ok(());
        };
        let config: BTreeMap<&str, &str> = config
            .into_iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        for &key in config.keys() {
            if key.starts_with(HOST_KEY_PREFIX) {
                return Err(ConfigError::Reserved {
                    key: key.to_owned(),
                });
            }
            if scope == ConfigScope::Channel && !fields.iter().any(|f| f.key == key) {
                let known = fields
                    .iter()
                    .map(|f| format!("`{}`", f.key))
                    .collect::<Vec<_>>()
                    .join(", ");
                return Err(ConfigError::Unknown {
                    key: key.to_owned(),
                    known: if known.is_empty() {
                        "none".to_owned()
                    } else {
                        known
                    },
                });
            }
        }
        for field in fields {
            match config.get(field.key.as_str()) {
                None if field.required => {
                    return Err(ConfigError::Missing {
                        key: field.key.clone(),
                        description: field.description.clone(),
                    });
                }
                Some(value) if !field.kind.accepts(value) => {
                    return Err(ConfigError::WrongKind {
                        key: field.key.clone(),
                        value: (*value).to_owned(),
                        kind: field.kind.describe(),
                    });
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// Checks the configuration one channel's plugin gets: `shared` (a
    /// brand's `[config]`, which every plugin of the brand reads: keys this
    /// one does not read are let through) with `own` (the channel's, which
    /// wins) over it, every key of `own` one the plugin reads.
    pub fn check_channel_config(
        &self,
        shared: &BTreeMap<String, String>,
        own: &BTreeMap<String, String>,
    ) -> Result<(), ConfigError> {
        let Some(fields) = &self.config else {
            return Ok(());
        };
        let read =
            |key: &str| key.starts_with(HOST_KEY_PREFIX) || fields.iter().any(|f| f.key == key);
        let merged: BTreeMap<&String, &String> = shared
            .iter()
            .filter(|(key, _)| read(key))
            .chain(own)
            .collect();
        self.check_config(merged, ConfigScope::Channel)
    }
}

impl ConfigError {
    /// The key the problem is about.
    pub fn key(&self) -> &str {
        match self {
            Self::Missing { key, .. }
            | Self::WrongKind { key, .. }
            | Self::Unknown { key, .. }
            | Self::Reserved { key } => key,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(key: &str, kind: ConfigKind, required: bool) -> ConfigField {
        ConfigField {
            key: key.to_owned(),
            description: format!("the {key}"),
            kind,
            required,
        }
    }

    fn schema() -> PluginManifest {
        PluginManifest {
            config: Some(vec![
                field("account-sid", ConfigKind::Text, true),
                field("max-segments", ConfigKind::Integer, false),
                field("strict", ConfigKind::Boolean, false),
                field("own-numbers", ConfigKind::TextList, false),
            ]),
            reply: ReplyFormat::default(),
            send_to: Vec::new(),
        }
    }

    fn config(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn a_configuration_that_fits_is_accepted() {
        let ok = config(&[
            ("account-sid", "AC123"),
            ("max-segments", "4"),
            ("strict", "false"),
            ("own-numbers", "+15550001, +15550002"),
        ]);
        assert_eq!(schema().check_config(&ok, ConfigScope::Channel), Ok(()));
        assert_eq!(
            schema().check_config(&config(&[("account-sid", "AC1")]), ConfigScope::Channel),
            Ok(())
        );
    }

    #[test]
    fn each_problem_names_its_key() {
        let cases = [
            (config(&[]), "`account-sid` is required"),
            (
                config(&[("account-sid", "A"), ("max-segments", "four")]),
                "`max-segments` = \"four\" is not a whole number",
            ),
            (
                config(&[("account-sid", "A"), ("strict", "yes")]),
                "`strict` = \"yes\" is not true or false",
            ),
            (
                config(&[("account-sid", "A"), ("own-numbers", "+1,,+2")]),
                "`own-numbers`",
            ),
            (
                config(&[("account-sid", "A"), ("acount-sid", "A")]),
                "`acount-sid` is not a key the plugin reads",
            ),
            (
                config(&[("account-sid", "A"), ("chorus.require-signatures", "false")]),
                "`chorus.require-signatures` is set by the host",
            ),
        ];
        for (config, expected) in cases {
            let error = schema()
                .check_config(&config, ConfigScope::Channel)
                .expect_err(expected)
                .to_string();
            assert!(error.contains(expected), "{error:?} lacks {expected:?}");
        }
    }

    #[test]
    fn a_plugin_without_a_schema_takes_any_configuration() {
        let manifest = PluginManifest::default();
        assert_eq!(
            manifest.check_config(&config(&[("anything", "x")]), ConfigScope::Channel),
            Ok(())
        );
        let empty = PluginManifest {
            config: Some(Vec::new()),
            ..PluginManifest::default()
        };
        let error = empty
            .check_config(&config(&[("anything", "x")]), ConfigScope::Channel)
            .expect_err("no key is declared");
        assert!(error.to_string().contains("it reads: none"), "{error}");
        let shared = config(&[("anything", "x")]);
        assert_eq!(empty.check_config(&shared, ConfigScope::Brand), Ok(()));
    }

    #[test]
    fn declared_reply_formats_win_over_the_kind_defaults() {
        let none = ReplyFormat::default();
        assert_eq!(none.limits(ChannelKind::Chat).max_reply_length, 4_000);
        assert_eq!(none.limits(ChannelKind::Email).max_reply_length, 10_000);
        assert_eq!(none.voice_channels(ChannelKind::Social)[0], "twitter");
        let sms = ReplyFormat {
            voice_channels: vec!["sms".to_owned(), "other".to_owned()],
            max_reply_length: 1_600,
        };
        assert_eq!(sms.limits(ChannelKind::Other).max_reply_length, 1_600);
        assert_eq!(sms.voice_channels(ChannelKind::Other), ["sms", "other"]);
    }
}
