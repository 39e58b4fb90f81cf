//! The server's state: brands with their loaded channel plugins, the store
//! and the runtime. Built once at start; afterwards only what each channel
//! runs changes, when its plugin is reloaded (see `reload`).

use std::collections::HashMap;
use std::sync::{Arc, PoisonError, RwLock};
use std::time::Duration;

use tokio::runtime::Handle;
use tokio::sync::Notify;

use super::breaker::{Breaker, BreakerState};
use super::config::ServerConfig;
use super::kv::StoreKv;
use super::pool::{PluginPool, PoolSize};
use super::priors::PriorsCache;
use crate::brand::{Brand, ChannelConfig, Verification, key_hash, sha256};
use crate::model::{Context, Message};
use crate::outbound::HttpSender;
use crate::runtime::{
    HostServices, InMemoryServices, Limits, LoadError, LoadedPlugin, PluginError, Runtime,
    RuntimeConfig,
};
use crate::store::{CustomerHistory, KvNamespace, Lease, Store};

/// What a channel runs: one plugin version, with the host services scoped
/// to it for one brand × channel. A reload swaps it whole; a call holds its
/// own `Arc` and finishes on the version it started with.
#[derive(Debug)]
pub struct Running {
    /// The plugin serving the channel.
    pub plugin: Arc<LoadedPlugin>,
    /// Host capabilities scoped to this brand × channel and plugin version.
    pub services: Arc<InMemoryServices>,
    /// SHA-256 of the component.
    pub sha256: [u8; 32],
}

/// One enabled channel of a brand.
#[derive(Debug)]
pub struct Channel {
    running: RwLock<Arc<Running>>,
    /// Its configuration.
    pub settings: ChannelConfig,
    /// Quarantines the plugin for this brand after repeated failures.
    pub breaker: Breaker,
}

impl Channel {
    fn new(running: Running, settings: ChannelConfig, breaker: Breaker) -> Self {
        Self {
            running: RwLock::new(Arc::new(running)),
            settings,
            breaker,
        }
    }

    /// What the channel runs now.
    pub fn running(&self) -> Arc<Running> {
        // The lock guards a single `Arc` swap: a poisoned one holds a whole value.
        self.running
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Runs `next` from now on; calls already started finish on the old
    /// version, which is returned.
    pub fn replace(&self, next: Running) -> Arc<Running> {
        let mut running = self.running.write().unwrap_or_else(PoisonError::into_inner);
        std::mem::replace(&mut *running, Arc::new(next))
    }
}

/// One brand and its channels.
#[derive(Debug)]
pub struct BrandState {
    /// The brand.
    pub brand: Brand,
    /// Channel name → channel.
    pub channels: HashMap<String, Channel>,
    /// Channel name → why it is disabled (its plugin failed to load). Its
    /// events are kept as dead letters for replay once it loads.
    pub disabled: HashMap<String, String>,
}

impl BrandState {
    /// The context plugins get for a message on `channel`, with what the
    /// store knows of the customer's other conversations.
    pub fn context(
        &self,
        running: &Running,
        message: &Message,
        history: &CustomerHistory,
    ) -> Context {
        Context {
            brand: self.brand.info.clone(),
            voice: self.brand.voice.clone(),
            customer: Some(self.brand.customer(message, history)),
            limits: running.plugin.info().channel_limits(),
        }
    }
}

/// Everything the handlers need.
#[derive(Debug)]
pub struct App<S> {
    /// The system of record.
    pub store: S,
    /// Brand id → brand.
    pub brands: HashMap<String, BrandState>,
    /// SHA-256 of the admin key.
    pub admin_key: Option<[u8; 32]>,
    /// The parsed config.
    pub config: ServerConfig,
    /// Wakes the triage worker.
    pub work: Notify,
    /// Wakes the sender when a reply is queued.
    pub outbox: Notify,
    /// Live changes of the brands' inboxes, for the agents' pages.
    pub inbox: super::inbox::InboxEvents,
    /// Failed agent sign-ins, per account and per client address.
    pub sign_ins: super::inbox::SignInLimiter,
    /// Makes plugins' outbound calls.
    pub http: HttpSender,
    /// This host's id in the leases it takes on shared work
    /// ([`crate::store::Lease`]).
    pub host_id: Arc<str>,
    /// Prometheus metrics.
    pub metrics: super::metrics::Metrics,
    /// Where plugin calls run, a lane per brand.
    pub pool: PluginPool,
    /// The brands' learnt ranking priors, read once and kept until their
    /// feedback changes.
    pub priors: PriorsCache,
    /// Loads plugins (at start and on reload).
    pub runtime: Runtime,
    /// Held by a reload, so that two never interleave.
    pub reloading: tokio::sync::Mutex<()>,
}

impl<S> App<S> {
    /// Feeds a plugin call's outcome to the channel's breaker, and the
    /// breaker's state to the metrics.
    pub fn breaker_outcome(
        &self,
        brand: &str,
        name: &str,
        channel: &Channel,
        error: Option<&PluginError>,
    ) {
        let now = std::time::Instant::now();
        channel.breaker.record(now, error);
        let (state, _) = channel.breaker.status(now);
        self.metrics
            .quarantined(brand, name, state != BreakerState::Closed);
    }
}

impl<S: Store> App<S> {
    /// Loads brands and plugins; refuses to start when a channel's required
    /// secrets are missing (fail closed). A plugin that fails to load
    /// (missing, invalid, or its `init` traps or times out) disables its
    /// channels only: the other brands and channels serve.
    pub async fn build(mut config: ServerConfig, store: S) -> anyhow::Result<Arc<Self>> {
        let runtime = Runtime::new(RuntimeConfig {
            limits: Limits {
                deadline: Duration::from_millis(config.limits.plugin_deadline_ms),
                ..Limits::default()
            },
            cache_dir: config.cache_dir.clone(),
            max_concurrent_instances: instance_slots(config.limits.plugin_threads),
            ..RuntimeConfig::default()
        })?;
        // Plugin name → the loaded plugin, or why it failed to load. A
        // plugin that fails disables its channels, never the server.
        let mut plugins: HashMap<String, Result<(Arc<LoadedPlugin>, LoadReport), String>> =
            HashMap::new();
        let mut brands = HashMap::new();
        // The brands move into the app's map: the configuration keeps none
        // (a second copy of every voice profile).
        for brand in std::mem::take(&mut config.brands) {
            let mut channels = HashMap::new();
            let mut disabled = HashMap::new();
            for (name, settings) in &brand.channels {
                let loaded = match plugins.get(&settings.plugin) {
                    Some(loaded) => loaded.clone(),
                    None => {
                        let path = config.plugin_path(&settings.plugin);
                        // A missing file is a mistake in the config.
                        let bytes = std::fs::read(&path)
                            .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
                        let loaded = load_plugin(&runtime, &config, &settings.plugin, &bytes)
                            .await
                            .map_err(|e| format!("{}: {e}", path.display()));
                        plugins.insert(settings.plugin.clone(), loaded.clone());
                        loaded
                    }
                };
                match loaded {
                    Ok((plugin, report)) => {
                        let running = running(
                            &store,
                            &config,
                            &brand,
                            name,
                            settings,
                            plugin,
                            report.sha256,
                        )?;
                        let breaker = Breaker::new(config.limits.breaker());
                        channels.insert(
                            name.clone(),
                            Channel::new(running, settings.clone(), breaker),
                        );
                    }
                    Err(reason) => {
                        tracing::error!(
                            brand = %brand.info.id,
                            channel = %name,
                            "channel disabled: its plugin failed to load: {reason}"
                        );
                        disabled.insert(name.clone(), reason);
                    }
                }
            }
            brands.insert(
                brand.info.id.clone(),
                BrandState {
                    brand,
                    channels,
                    disabled,
                },
            );
        }
        let admin_key = config
            .admin_key
            .as_ref()
            .map(key_hash)
            .transpose()
            .map_err(|e| anyhow::anyhow!("admin_key: {e}"))?;
        let metrics = super::metrics::Metrics::default();
        for (id, brand) in &brands {
            for channel in brand.disabled.keys() {
                metrics.channel_disabled(id, channel);
            }
        }
        let limits = &config.limits;
        let pool = PluginPool::new(
            PoolSize {
                threads: limits.plugin_threads,
                brand_concurrency: limits.brand_concurrency(),
                brand_queue: limits.brand_queue,
            },
            brands.keys().map(String::as_str),
        )?;
        Ok(Arc::new(Self {
            store,
            brands,
            admin_key,
            config,
            work: Notify::new(),
            outbox: Notify::new(),
            inbox: Default::default(),
            sign_ins: Default::default(),
            http: HttpSender::new()
                .map_err(|e| anyhow::anyhow!("the outbound HTTP client: {e}"))?,
            host_id: Lease::host_id().into(),
            metrics,
            pool,
            priors: PriorsCache::default(),
            runtime,
            reloading: tokio::sync::Mutex::new(()),
        }))
    }
}

/// How a plugin file was loaded.
#[derive(Debug, Clone, Copy)]
pub struct LoadReport {
    /// Wall time of the load: compiling (or reading the compiled snapshot
    /// from the cache), pre-initializing, linking, `metadata`.
    pub elapsed: Duration,
    /// Whether the compiled snapshot came from the cache.
    pub from_cache: bool,
    /// SHA-256 of the component.
    pub sha256: [u8; 32],
}

/// Why the server did not load a plugin file.
#[derive(Debug, thiserror::Error)]
pub enum PluginLoadError {
    /// The file is not the one the configuration pins.
    #[error("its SHA-256 is {actual}, not the {pinned} pinned in [plugin_pins]")]
    Pin {
        /// The file's SHA-256, hex.
        actual: String,
        /// The pinned one, as written.
        pinned: String,
    },
    /// The runtime refused it (world, contract version, `init`).
    #[error(transparent)]
    Load(#[from] LoadError),
}

/// Loads plugin `name` from `bytes` after checking them against the
/// config's SHA-256 pin for it, if any: the runtime then checks the world
/// and the contract version.
pub(super) async fn load_plugin(
    runtime: &Runtime,
    config: &ServerConfig,
    name: &str,
    bytes: &[u8],
) -> Result<(Arc<LoadedPlugin>, LoadReport), PluginLoadError> {
    let digest = sha256(bytes);
    if let Some(pin) = config.plugin_pins.get(name) {
        let actual = hex(&digest);
        if !pin.trim().eq_ignore_ascii_case(&actual) {
            return Err(PluginLoadError::Pin {
                actual,
                pinned: pin.clone(),
            });
        }
    }
    let started = std::time::Instant::now();
    let plugin = runtime.load(name, bytes).await?;
    let report = LoadReport {
        elapsed: started.elapsed(),
        from_cache: plugin.from_cache(),
        sha256: digest,
    };
    Ok((Arc::new(plugin), report))
}

/// Lower-case hex.
pub(super) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// What `plugin` runs as on channel `name` of `brand`: its key-value space
/// in the store and its host services, with every secret the plugin
/// declares present (fail closed).
pub(super) fn running<S: Store>(
    store: &S,
    config: &ServerConfig,
    brand: &Brand,
    name: &str,
    settings: &ChannelConfig,
    plugin: Arc<LoadedPlugin>,
    sha256: [u8; 32],
) -> anyhow::Result<Running> {
    let kv = Arc::new(StoreKv::new(
        store.clone(),
        KvNamespace {
            brand: brand.info.id.clone(),
            plugin: plugin.info().name.clone(),
        },
        config.limits.kv.quota(),
        Handle::current(),
    ));
    let services = brand.services((name, settings), &plugin, &[], kv, Verification::Required)?;
    tracing::info!(
        brand = %brand.info.id,
        channel = %name,
        plugin = %plugin.info().name,
        granted = %plugin.grants().without(services.denied()),
        denied = %services.denied(),
        "channel ready"
    );
    Ok(Running {
        plugin,
        services: Arc::new(services),
        sha256,
    })
}

/// Instances the runtime must hold at once: each conversation the worker
/// has in flight keeps one from its message's `triage` to its `suggest`
/// (across the store's awaits between them), and the plugin threads run
/// `listen` for webhooks beside them; never fewer than the runtime's
/// default.
fn instance_slots(plugin_threads: usize) -> u32 {
    let threads = plugin_threads.max(1);
    let needed = (super::worker::CONVERSATIONS_PER_THREAD + 1) * threads;
    u32::try_from(needed)
        .unwrap_or(u32::MAX)
        .max(RuntimeConfig::default().max_concurrent_instances)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_conversation_in_flight_and_every_plugin_thread_has_an_instance() {
        // Small hosts keep the runtime's default.
        assert_eq!(
            instance_slots(2),
            RuntimeConfig::default().max_concurrent_instances
        );
        // A large one gets one per conversation in flight plus one per thread.
        let threads = 64;
        assert_eq!(
            instance_slots(threads) as usize,
            (super::super::worker::CONVERSATIONS_PER_THREAD + 1) * threads
        );
    }
}
