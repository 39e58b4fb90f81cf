//! A brand as written: a brand file (`brand.toml`, for the CLI) or a
//! `[[brands]]` entry of `chorus.toml` (for the server). Both have the same
//! fields, and paths in them are relative to their file.
//!
//! ```toml
//! id = "acme"
//! name = "Acme"
//! own_accounts = ["U0ACMEBOT"]
//! voice_file = "voice.toml"          # or an inline [voice] table
//! vip = ["@bigcustomer", "example.com"]
//! sla = { urgent = 15, high = 60, normal = 240, low = 1440 }
//!
//! [config]                           # plugin configuration (host.config)
//! bot-user-id = "U0ACMEBOT"
//!
//! [secrets]                          # secret name -> where the value lives
//! slack-signing-secret = { env = "ACME_SLACK_SIGNING_SECRET" }
//!
//! [channels.slack]                   # in chorus.toml: [brands.channels.slack]
//! plugin = "chat"
//! secrets = { slack-signing-secret = { file = "/run/secrets/slack" } }
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chorus_voice::VoiceProfile;
use serde::Deserialize;

use crate::incident::BurstConfig;
use crate::listening::RuleConfig;
use crate::model::Priority;
use crate::outbound::MailSettings;
use crate::sla::BusinessHoursConfig;

/// One brand, as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BrandConfig {
    /// Stable id used in URLs: lower-case letters, digits and `-`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// The brand's own accounts (handles, bot ids, addresses).
    #[serde(default)]
    pub own_accounts: Vec<String>,
    /// Voice profile file (relative to this file).
    #[serde(default)]
    pub voice_file: Option<PathBuf>,
    /// The voice profile inline, instead of `voice_file`.
    #[serde(default)]
    pub voice: Option<VoiceProfile>,
    /// Plugin configuration (`host.config`) for every channel of the brand;
    /// a channel's own `config` wins over it.
    #[serde(default)]
    pub config: BTreeMap<String, String>,
    /// Secret name → where its value lives, for every channel of the brand;
    /// a channel's own `secrets` win over them.
    #[serde(default)]
    pub secrets: BTreeMap<String, SecretSource>,
    /// API keys for this brand's routes (the server's).
    #[serde(default)]
    pub api_keys: Vec<KeySource>,
    /// VIP handles (`@name`), email addresses or domains.
    #[serde(default)]
    pub vip: Vec<String>,
    /// First-response targets per priority, in minutes.
    #[serde(default)]
    pub sla: SlaTargets,
    /// When the team works; SLA targets count only these hours. Absent:
    /// around the clock.
    #[serde(default)]
    pub business_hours: Option<BusinessHoursConfig>,
    /// Listening rules applied to every message on every channel.
    #[serde(default)]
    pub listening: Vec<RuleConfig>,
    /// When reports of an outage or failure make an incident (default: 5
    /// within 10 minutes).
    #[serde(default)]
    pub outage_burst: BurstConfig,
    /// Enabled channels: channel name → plugin and its settings.
    #[serde(default)]
    pub channels: BTreeMap<String, ChannelConfig>,
}

impl BrandConfig {
    /// Resolves the paths it names (voice file, secret and key files)
    /// against `base`, the folder of the file it was read from.
    pub fn resolve_paths(&mut self, base: &Path) {
        if let Some(voice) = &mut self.voice_file {
            *voice = base.join(&*voice);
        }
        for key in &mut self.api_keys {
            key.resolve_path(base);
        }
        let channels = self.channels.values_mut().map(|c| &mut c.secrets);
        for secrets in std::iter::once(&mut self.secrets).chain(channels) {
            for source in secrets.values_mut() {
                source.resolve_path(base);
            }
        }
    }
}

/// One enabled channel of a brand.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChannelConfig {
    /// Plugin name: `<plugins_dir>/<plugin>.wasm`.
    pub plugin: String,
    /// Plugin configuration (`host.config`).
    #[serde(default)]
    pub config: BTreeMap<String, String>,
    /// Secret name → where its value lives.
    #[serde(default)]
    pub secrets: BTreeMap<String, SecretSource>,
    /// Capabilities denied to the plugin for this brand, whatever it
    /// declares (`config`, `secrets`, `kv`, `history`, `knowledge`); its
    /// calls then get `not-permitted`.
    #[serde(default)]
    pub deny: Vec<String>,
    /// The hosts the plugin's replies may reach on this channel, instead of
    /// those its manifest declares (`send-to`): a regional or government
    /// API, a proxy, a local fake in tests.
    #[serde(default)]
    pub send_to: Option<Vec<String>>,
    /// How an email channel sends replies: its SMTP server.
    #[serde(default)]
    pub mail: Option<MailSettings>,
}

/// First-response targets in minutes.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SlaTargets {
    /// Urgent.
    pub urgent: u32,
    /// High.
    pub high: u32,
    /// Normal.
    pub normal: u32,
    /// Low.
    pub low: u32,
}

impl Default for SlaTargets {
    fn default() -> Self {
        Self {
            urgent: 15,
            high: 60,
            normal: 240,
            low: 1440,
        }
    }
}

impl SlaTargets {
    /// The target for `priority`, in milliseconds.
    pub fn target_ms(&self, priority: Priority) -> i64 {
        let minutes = match priority {
            Priority::Urgent => self.urgent,
            Priority::High => self.high,
            Priority::Normal => self.normal,
            Priority::Low => self.low,
        };
        i64::from(minutes) * 60_000
    }
}

/// Where a secret's value comes from.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
pub enum SecretSource {
    /// An environment variable of the host process.
    Env(String),
    /// A file (trailing newline trimmed).
    File(PathBuf),
}

impl SecretSource {
    fn resolve_path(&mut self, base: &Path) {
        if let Self::File(path) = self {
            *path = base.join(&*path);
        }
    }
}

/// Where an API key comes from. Keys are never written in plain text in
/// the file: give their SHA-256, or name an environment variable or file.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
pub enum KeySource {
    /// Hex SHA-256 of the key.
    Sha256(String),
    /// An environment variable holding the key.
    Env(String),
    /// A file holding the key.
    File(PathBuf),
}

impl KeySource {
    /// Resolves a key file's path against `base`.
    pub fn resolve_path(&mut self, base: &Path) {
        if let Self::File(path) = self {
            *path = base.join(&*path);
        }
    }
}
