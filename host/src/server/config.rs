//! The server's configuration file: where it listens, where data lives, and
//! the brands with their channels, keys, VIPs and SLA targets.
//!
//! Validation errors name the file, the field and what was expected;
//! `chorus config check <file>` runs the same validation.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::breaker::BreakerPolicy;
use crate::brand::{Brand, BrandConfig, BrandError, Field, KeySource, VoiceFiles, read_toml};
use crate::runtime::{MAX_KV_ENTRIES, MAX_KV_TOTAL_BYTES, MAX_KV_VALUE_BYTES};
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
    /// Directory of the compiled, pre-initialized plugins (relative to the
    /// file; default `<data_dir>/cache`). Entries are keyed by the
    /// component's bytes and the engine, so hosts of one version may share
    /// it, and a new build never reuses a stale entry.
    #[serde(default)]
    pub cache_dir: Option<PathBuf>,
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
    /// The brands as written (`[[brands]]`); [`ServerConfig::load`] turns
    /// them into [`ServerConfig::brands`].
    #[serde(default, rename = "brands")]
    written_brands: Vec<BrandConfig>,
    /// The brands, loaded.
    #[serde(skip)]
    pub brands: Vec<Brand>,
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
    /// Attempts at sending one reply before it fails (default 8).
    #[serde(default = "default_send_attempts")]
    pub send_attempts: u32,
    /// The wait before a reply's first retry, in milliseconds; it doubles
    /// with each attempt, up to ten minutes, with jitter (default 2 000).
    /// A platform's `Retry-After` wins.
    #[serde(default = "default_send_retry_base_ms")]
    pub send_retry_base_ms: u64,
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
            send_attempts: default_send_attempts(),
            send_retry_base_ms: default_send_retry_base_ms(),
        }
    }
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

fn default_send_attempts() -> u32 {
    8
}

fn default_send_retry_base_ms() -> u64 {
    2_000
}

impl ServerConfig {
    /// Reads and validates a config file, and loads its brands; relative
    /// paths are resolved against the file's directory.
    pub fn load(path: &Path) -> Result<Self, BrandError> {
        let file = path.display().to_string();
        let mut config: Self = read_toml(path)?;
        // Absolute, so that a relative `--config` still makes a SQLite URL
        // that names a path (`sqlite://examples/../data` would read
        // `examples` as a host).
        let parent = path
            .parent()
            .filter(|dir| !dir.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let base = std::path::absolute(parent).map_err(|source| BrandError::Read {
            file: file.clone(),
            source,
        })?;
        let base = base.as_path();
        config.data_dir = base.join(&config.data_dir);
        config.plugins_dir = base.join(&config.plugins_dir);
        config.cache_dir = Some(
            base.join(
                config
                    .cache_dir
                    .take()
                    .unwrap_or_else(|| config.data_dir.join("cache")),
            ),
        );
        if let Some(key) = &mut config.admin_key {
            key.resolve_path(base);
        }
        config.validate(&file)?;
        let mut voices = VoiceFiles::default();
        config.brands = std::mem::take(&mut config.written_brands)
            .into_iter()
            .enumerate()
            .map(|(i, mut brand)| {
                brand.resolve_paths(base);
                Brand::from_config(brand, &Field::entry(&file, i), &mut voices)
            })
            .collect::<Result<_, _>>()?;
        Ok(config)
    }

    fn validate(&self, file: &str) -> Result<(), BrandError> {
        let invalid = |field: String, expected: &str| BrandError::Invalid {
            file: file.to_owned(),
            field,
            expected: expected.to_owned(),
        };
        let mut seen = std::collections::HashSet::new();
        for (i, brand) in self.written_brands.iter().enumerate() {
            if !seen.insert(brand.id.as_str()) {
                return Err(invalid(format!("brands[{i}].id"), "a unique brand id"));
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
        if self.limits.send_attempts == 0 {
            return Err(invalid("limits.send_attempts".into(), "at least 1"));
        }
        for (i, brand) in self.written_brands.iter().enumerate() {
            for (name, channel) in &brand.channels {
                if let Some(mail) = &channel.mail {
                    mail.check().map_err(|reason| {
                        invalid(
                            format!("brands[{i}].channels.{name}.mail"),
                            &format!("a usable SMTP transport ({reason})"),
                        )
                    })?;
                }
            }
        }
        Ok(())
    }

    /// The brand `id`, or the first brand when `id` is `None`, that `keep`
    /// accepts.
    pub fn brand(&self, id: Option<&str>, keep: impl Fn(&Brand) -> bool) -> Option<&Brand> {
        self.brands
            .iter()
            .find(|brand| id.is_none_or(|id| brand.info.id == id) && keep(brand))
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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_relative_config_path_gives_absolute_paths_and_a_sqlite_url_that_names_a_file() {
        // Tests run in the package's directory: this path is relative.
        let config = ServerConfig::load(Path::new("../examples/chorus.toml")).expect("valid");
        assert!(
            config.data_dir.is_absolute(),
            "{}",
            config.data_dir.display()
        );
        assert!(config.plugins_dir.is_absolute());
        assert!(
            config.storage_url().starts_with("sqlite:///"),
            "{}",
            config.storage_url()
        );
    }

    #[test]
    fn brands_that_name_one_voice_file_share_its_profile() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join("voice.toml"), "persona = \"Sam\"\n").expect("write");
        std::fs::write(dir.path().join("other.toml"), "persona = \"Kim\"\n").expect("write");
        let brand = |id: &str, voice: &str| {
            format!("[[brands]]\nid = \"{id}\"\nname = \"{id}\"\nvoice_file = \"{voice}\"\n")
        };
        let path = dir.path().join("chorus.toml");
        std::fs::write(
            &path,
            brand("north", "voice.toml")
                + &brand("south", "voice.toml")
                + &brand("east", "other.toml"),
        )
        .expect("write");
        let config = ServerConfig::load(&path).expect("valid");
        let [north, south, east] = &config.brands[..] else {
            panic!("three brands: {:?}", config.brands.len());
        };
        assert!(std::sync::Arc::ptr_eq(&north.voice, &south.voice));
        assert_eq!(east.voice.persona, "Kim");
        assert!(!std::sync::Arc::ptr_eq(&north.voice, &east.voice));
    }
}
