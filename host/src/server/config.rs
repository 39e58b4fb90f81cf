//! The server's configuration file: where it listens, where data lives, and
//! the brands with their channels, keys, VIPs and SLA targets.
//!
//! Validation errors name the file, the field and what was expected;
//! `chorus config check <file>` runs the same validation.

use super::breaker::BreakerPolicy;
use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use chorus_voice::VoiceProfile;
use serde::Deserialize;
use sha2::{Digest, Sha256};

use super::sla::{BusinessHours, BusinessHoursConfig};
use crate::brand::{BrandError, SecretSource, read_toml, resolve_secret};
use crate::incident::BurstConfig;
use crate::listening::{Rule, RuleConfig};
use crate::model::{BrandInfo, CustomerSummary, Message, Priority, is_kebab_id};
use crate::review::Sla;
use crate::runtime::{MAX_KV_ENTRIES, MAX_KV_TOTAL_BYTES, MAX_KV_VALUE_BYTES};
use crate::store::CustomerHistory;
use crate::store::rules::KvQuota;

/// The whole file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServerConfig {
    /// Address to listen on, e.g. `127.0.0.1:8080`.
    #[serde(default = "default_listen")]
    pub listen: SocketAddr,
    /// Directory for the database and the plugin cache (relative to the file).
    #[serde(default = "default_data_dir")]
    pub data_dir: PathBuf,
    /// Database URL: `postgres://…` selects PostgreSQL, `sqlite://…` or a
    /// path SQLite; default `sqlite://<data_dir>/chorus.db`.
    #[serde(default)]
    pub storage_url: Option<String>,
    /// Directory holding `<plugin>.wasm` components (relative to the file).
    #[serde(default = "default_plugins_dir")]
    pub plugins_dir: PathBuf,
    /// Reload a plugin when its file in `plugins_dir` changes (checked every
    /// second). An admin can also reload or upload one:
    /// `POST /v1/admin/reload/{plugin}`.
    #[serde(default)]
    pub watch_plugins: bool,
    /// Plugin name → the SHA-256 (hex) its file must have to load, at start
    /// and on every reload.
    #[serde(default)]
    pub plugin_pins: BTreeMap<String, String>,
    /// The admin key for admin routes.
    #[serde(default)]
    pub admin_key: Option<KeySource>,
    /// Request and plugin limits.
    #[serde(default)]
    pub limits: ServerLimits,
    /// The brands.
    #[serde(default)]
    pub brands: Vec<BrandConfig>,
}

/// Bounds on requests.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServerLimits {
    /// Largest webhook body for chat and social channels, in bytes.
    #[serde(default = "default_body_bytes")]
    pub body_bytes: usize,
    /// Largest webhook body for email channels, in bytes.
    #[serde(default = "default_email_body_bytes")]
    pub email_body_bytes: usize,
    /// Per-request timeout, in milliseconds.
    #[serde(default = "default_request_timeout_ms")]
    pub request_timeout_ms: u64,
    /// Requests handled at once; more get 503 with `Retry-After`.
    #[serde(default = "default_concurrency")]
    pub concurrency: usize,
    /// Deadline of one plugin call, in milliseconds.
    #[serde(default = "default_plugin_deadline_ms")]
    pub plugin_deadline_ms: u64,
    /// Threads running plugin code, apart from those serving HTTP
    /// (default: the machine's cores).
    #[serde(default = "default_plugin_threads")]
    pub plugin_threads: usize,
    /// Plugin calls one brand may run at once (default: half the plugin
    /// threads, at least 1), so that one brand always leaves room for others.
    #[serde(default)]
    pub brand_concurrency: Option<usize>,
    /// Webhooks one brand may have waiting for its plugins; more get 503
    /// with `Retry-After` before they are acknowledged.
    #[serde(default = "default_brand_queue")]
    pub brand_queue: usize,
    /// Plugin failures within a minute that quarantine a brand × channel
    /// for 30 s (its circuit breaker); 0 turns the breakers off.
    #[serde(default = "default_breaker_failures")]
    pub breaker_failures: usize,
    /// How long a host's claim on work lasts, in milliseconds: a
    /// conversation's pending messages, or an event acknowledged but not yet
    /// listened to. When the host dies, another host sharing the database
    /// takes the work over once the claim expires (default 30 000).
    #[serde(default = "default_work_lease_ms")]
    pub work_lease_ms: u64,
    /// Quotas of each brand × plugin's key-value store.
    #[serde(default)]
    pub kv: KvLimits,
}

/// `[limits.kv]`: quotas of each brand × plugin's durable key-value store.
/// A write over one gets the contract's `limit` error.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KvLimits {
    /// Most keys (default 10 000).
    #[serde(default = "default_kv_max_keys")]
    pub max_keys: u64,
    /// Most bytes of keys and values together (default 16 MiB).
    #[serde(default = "default_kv_max_bytes")]
    pub max_bytes: u64,
    /// Longest key, in bytes (default 256).
    #[serde(default = "default_kv_max_key_bytes")]
    pub max_key_bytes: usize,
}

impl Default for KvLimits {
    fn default() -> Self {
        Self {
            max_keys: default_kv_max_keys(),
            max_bytes: default_kv_max_bytes(),
            max_key_bytes: default_kv_max_key_bytes(),
        }
    }
}

impl KvLimits {
    /// The quota of one namespace: these limits and the contract's largest
    /// value.
    pub fn quota(&self) -> KvQuota {
        KvQuota {
            max_keys: self.max_keys,
            max_bytes: self.max_bytes,
            max_key_bytes: self.max_key_bytes,
            max_value_bytes: MAX_KV_VALUE_BYTES,
        }
    }
}

fn default_kv_max_keys() -> u64 {
    MAX_KV_ENTRIES as u64
}
fn default_kv_max_bytes() -> u64 {
    MAX_KV_TOTAL_BYTES as u64
}
fn default_kv_max_key_bytes() -> usize {
    256
}

impl ServerLimits {
    /// The circuit breakers' policy (`None`: off).
    pub fn breaker(&self) -> Option<BreakerPolicy> {
        (self.breaker_failures > 0).then(|| BreakerPolicy {
            failures: self.breaker_failures,
            ..BreakerPolicy::default()
        })
    }

    /// Calls one brand may run at once.
    pub fn brand_concurrency(&self) -> usize {
        self.brand_concurrency
            .unwrap_or(self.plugin_threads / 2)
            .max(1)
    }
}

impl Default for ServerLimits {
    fn default() -> Self {
        Self {
            body_bytes: default_body_bytes(),
            email_body_bytes: default_email_body_bytes(),
            request_timeout_ms: default_request_timeout_ms(),
            concurrency: default_concurrency(),
            plugin_deadline_ms: default_plugin_deadline_ms(),
            plugin_threads: default_plugin_threads(),
            brand_concurrency: None,
            brand_queue: default_brand_queue(),
            breaker_failures: default_breaker_failures(),
            work_lease_ms: default_work_lease_ms(),
            kv: KvLimits::default(),
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

/// One brand.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BrandConfig {
    /// Stable id used in URLs.
    pub id: String,
    /// Display name.
    pub name: String,
    /// The brand's own accounts (handles, bot ids, addresses).
    #[serde(default)]
    pub own_accounts: Vec<String>,
    /// Voice profile file (relative to the config file).
    #[serde(default)]
    pub voice_file: Option<PathBuf>,
    /// API keys for this brand's routes.
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

/// One enabled channel of a brand.
#[derive(Debug, Clone, Deserialize)]
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
}

fn default_listen() -> SocketAddr {
    SocketAddr::from(([127, 0, 0, 1], 8080))
}
fn default_data_dir() -> PathBuf {
    PathBuf::from("data")
}
fn default_plugins_dir() -> PathBuf {
    PathBuf::from("target/plugins")
}
fn default_body_bytes() -> usize {
    1 << 20
}
fn default_email_body_bytes() -> usize {
    10 << 20
}
fn default_request_timeout_ms() -> u64 {
    10_000
}
fn default_concurrency() -> usize {
    256
}
fn default_plugin_deadline_ms() -> u64 {
    50
}
fn default_plugin_threads() -> usize {
    std::thread::available_parallelism().map_or(2, std::num::NonZero::get)
}
fn default_brand_queue() -> usize {
    64
}
fn default_breaker_failures() -> usize {
    BreakerPolicy::default().failures
}
/// The shortest claim on work: shorter, a busy host would lose its work to
/// others before finishing a batch.
const MIN_WORK_LEASE_MS: u64 = 500;
/// The longest: longer, a dead host's work would wait too long.
const MAX_WORK_LEASE_MS: u64 = 3_600_000;
fn default_work_lease_ms() -> u64 {
    30_000
}

/// A loaded brand: config plus resolved voice and hashed keys.
#[derive(Debug, Clone)]
pub struct LoadedBrand {
    /// The configuration as written.
    pub config: BrandConfig,
    /// Who the brand is, for plugins.
    pub info: BrandInfo,
    /// The voice profile.
    pub voice: VoiceProfile,
    /// SHA-256 of each API key.
    pub key_hashes: Vec<[u8; 32]>,
    /// Business hours, when the brand has them.
    pub business_hours: Option<BusinessHours>,
    /// Parsed listening rules.
    pub rules: Vec<Rule>,
}

impl LoadedBrand {
    /// What plugins are told of the author of `message`, with what the
    /// store knows of their other conversations (`history`).
    pub fn customer(&self, message: &Message, history: &CustomerHistory) -> CustomerSummary {
        CustomerSummary {
            id: history
                .person_id
                .map_or_else(|| message.author.id.clone(), |p| p.to_string()),
            name: message.author.display_name.clone(),
            vip: self.is_vip(message),
            past_conversations: u32::try_from(history.conversations.len()).unwrap_or(u32::MAX),
            open_conversations: history.open,
            last_contact_at: history.conversations.first().map(|c| c.opened_at),
        }
    }

    /// Whether the author is on the brand's VIP list (by `@handle`, email
    /// address or email domain, case-insensitively).
    pub fn is_vip(&self, message: &Message) -> bool {
        let author = &message.author;
        let handle = author
            .handle
            .as_deref()
            .map(|h| format!("@{}", h.to_lowercase()));
        let email = author.email.as_deref().map(str::to_lowercase);
        let domain = email
            .as_deref()
            .and_then(|e| e.rsplit_once('@'))
            .map(|(_, d)| d.to_owned());
        self.config.vip.iter().map(|v| v.to_lowercase()).any(|vip| {
            Some(&vip) == handle.as_ref()
                || Some(&vip) == email.as_ref()
                || Some(&vip) == domain.as_ref()
        })
    }

    /// The first-response SLA at `priority`, as replies promise it.
    pub fn sla(&self, priority: Priority) -> Sla {
        let target_ms = self.config.sla.target_ms(priority);
        Sla {
            minutes: u32::try_from(target_ms / 60_000).unwrap_or(u32::MAX),
            business_hours: self.business_hours.is_some(),
        }
    }
}

impl ServerConfig {
    /// Reads and validates a config file; relative paths are resolved
    /// against the file's directory.
    pub fn load(path: &Path) -> Result<Self, BrandError> {
        let file = path.display().to_string();
        let mut config: Self = read_toml(path)?;
        let base = path.parent().unwrap_or(Path::new("."));
        config.data_dir = base.join(&config.data_dir);
        config.plugins_dir = base.join(&config.plugins_dir);
        let key_file = |key: &mut KeySource| {
            if let KeySource::File(path) = key {
                *path = base.join(&*path);
            }
        };
        config.admin_key.iter_mut().for_each(key_file);
        for brand in &mut config.brands {
            if let Some(voice) = &brand.voice_file {
                brand.voice_file = Some(base.join(voice));
            }
            brand.api_keys.iter_mut().for_each(key_file);
            for channel in brand.channels.values_mut() {
                for source in channel.secrets.values_mut() {
                    if let SecretSource::File(path) = source {
                        *path = base.join(&*path);
                    }
                }
            }
        }
        config.validate(&file)?;
        Ok(config)
    }

    fn validate(&self, file: &str) -> Result<(), BrandError> {
        let invalid = |field: String, expected: &str| BrandError::Invalid {
            file: file.to_owned(),
            field,
            expected: expected.to_owned(),
        };
        let mut seen = std::collections::HashSet::new();
        for (i, brand) in self.brands.iter().enumerate() {
            if !is_kebab_id(&brand.id, None) {
                return Err(invalid(
                    format!("brands[{i}].id"),
                    "lower-case letters, digits and '-'",
                ));
            }
            if !seen.insert(brand.id.as_str()) {
                return Err(invalid(format!("brands[{i}].id"), "a unique brand id"));
            }
            for (channel, settings) in &brand.channels {
                if !is_kebab_id(&settings.plugin, Some('_')) {
                    return Err(invalid(
                        format!("brands[{i}].channels.{channel}.plugin"),
                        "a plugin name (a file <plugins_dir>/<name>.wasm)",
                    ));
                }
            }
        }
        if self.limits.concurrency == 0 {
            return Err(invalid("limits.concurrency".into(), "at least 1"));
        }
        if !(MIN_WORK_LEASE_MS..=MAX_WORK_LEASE_MS).contains(&self.limits.work_lease_ms) {
            return Err(invalid(
                "limits.work_lease_ms".into(),
                "between 500 and 3600000 (half a second to an hour)",
            ));
        }
        Ok(())
    }

    /// The file of plugin `name`: `<plugins_dir>/<name>.wasm`.
    pub fn plugin_path(&self, name: &str) -> PathBuf {
        self.plugins_dir.join(format!("{name}.wasm"))
    }

    /// Where the database lives.
    pub fn storage_url(&self) -> String {
        self.storage_url
            .clone()
            .unwrap_or_else(|| format!("sqlite://{}", self.data_dir.join("chorus.db").display()))
    }

    /// Resolves every brand's voice file and keys.
    pub fn load_brands(&self) -> Result<Vec<LoadedBrand>, String> {
        self.brands
            .iter()
            .map(|brand| {
                let voice = match &brand.voice_file {
                    Some(path) => {
                        let text = std::fs::read_to_string(path)
                            .map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
                        VoiceProfile::from_toml_str(&text)
                            .map_err(|e| format!("{}: {e}", path.display()))?
                    }
                    None => VoiceProfile::default(),
                };
                let key_hashes = brand
                    .api_keys
                    .iter()
                    .map(|key| {
                        key_hash(key).map_err(|e| format!("brand `{}` api_keys: {e}", brand.id))
                    })
                    .collect::<Result<_, _>>()?;
                let business_hours = brand
                    .business_hours
                    .as_ref()
                    .map(BusinessHoursConfig::resolve)
                    .transpose()
                    .map_err(|e| format!("brand `{}` {e}", brand.id))?;
                let rules = brand
                    .listening
                    .iter()
                    .enumerate()
                    .map(|(i, rule)| {
                        Rule::new(rule.clone())
                            .map_err(|e| format!("brand `{}` listening[{i}].match: {e}", brand.id))
                    })
                    .collect::<Result<_, _>>()?;
                Ok(LoadedBrand {
                    rules,
                    business_hours,
                    info: BrandInfo {
                        id: brand.id.clone(),
                        name: brand.name.clone(),
                        own_accounts: brand.own_accounts.clone(),
                    },
                    config: brand.clone(),
                    voice,
                    key_hashes,
                })
            })
            .collect()
    }
}

/// SHA-256 of a key, from wherever it is configured.
pub fn key_hash(source: &KeySource) -> Result<[u8; 32], String> {
    let raw = match source {
        KeySource::Sha256(hex) => return decode_sha256_hex(hex),
        KeySource::Env(var) => {
            std::env::var(var).map_err(|_| format!("environment variable {var} is not set"))?
        }
        KeySource::File(path) => std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?
            .trim_end()
            .to_owned(),
    };
    Ok(sha256(raw.as_bytes()))
}

/// SHA-256 digest.
pub fn sha256(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

fn decode_sha256_hex(hex: &str) -> Result<[u8; 32], String> {
    let bytes: Option<Vec<u8>> = (0..hex.len())
        .step_by(2)
        .map(|i| {
            hex.get(i..i + 2)
                .and_then(|pair| u8::from_str_radix(pair, 16).ok())
        })
        .collect();
    bytes
        .and_then(|b| <[u8; 32]>::try_from(b).ok())
        .ok_or_else(|| "sha256 must be 64 hex digits".to_owned())
}

/// Resolves a channel's secrets for the host services.
pub fn channel_secrets(channel: &ChannelConfig) -> Result<Vec<(String, Vec<u8>)>, String> {
    channel
        .secrets
        .iter()
        .map(|(name, source)| resolve_secret(name, source).map(|value| (name.clone(), value)))
        .collect()
}
