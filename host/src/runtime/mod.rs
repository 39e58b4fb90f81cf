//! The plugin runtime: one wasmtime [`Engine`], each plugin compiled and
//! pre-initialized once, and a fresh, limited sandbox instance for every call.
//!
//! ```text
//! Runtime::new ──► load(wasm) ──► inspect (world, contract version)
//!                                 pre-initialize (wizer snapshot, cached)
//!                                 InstancePre
//! LoadedPlugin::listen / triage / suggest
//!     fresh Store (limits, deadline, fuel) ► instantiate ► call ► validate output
//! ```
//!
//! A trap, timeout, out-of-memory or malformed output becomes a
//! [`PluginError`]; the store that failed is dropped and the next call starts
//! clean.

mod bindings;
mod contract;
mod convert;
mod error;
pub mod grant;
mod inspect;
mod knowledge;
mod limits;
mod preinit;
pub mod services;
mod state;
mod validate;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

use wasmtime::component::Linker;
use wasmtime::{
    Config, Enabled, Engine, InstanceAllocationStrategy, PoolingAllocationConfig, Store, Trap,
};

pub use error::{ContractError, LoadError, PluginError};
pub use grant::{Capability, Grants, HostCallLimits};
pub use inspect::{CONTRACT_PACKAGE, SUPPORTED_CONTRACTS};
pub use limits::{Limits, OutputLimits};
pub use services::{
    HmacHash, HostServices, InMemoryKv, InMemoryServices, KvBackend, MAX_KV_ENTRIES,
    MAX_KV_TOTAL_BYTES, MAX_KV_VALUE_BYTES, ServiceError,
};

use crate::model::{self, Context, HttpRequest, ListenOutcome};
use bindings::latest::chorus::plugin::types as wit;
use contract::PluginPre;
use grant::DeadlineExceeded;
use state::CallState;

/// How often the epoch ticks; deadlines are counted in ticks.
const EPOCH_TICK: Duration = Duration::from_millis(1);

/// Settings of a [`Runtime`].
#[derive(Debug, Clone)]
pub struct RuntimeConfig {
    /// Limits applied to every call.
    pub limits: Limits,
    /// Where pre-initialized, compiled plugins are cached (`None`: no cache).
    pub cache_dir: Option<PathBuf>,
    /// How many instances may exist at once (pooling allocator slots).
    pub max_concurrent_instances: u32,
    /// Snapshot each plugin after `init` (the default). Off only to measure
    /// what pre-initialization saves.
    pub preinitialize: bool,
    /// **Benchmarks only; never in a server.** Keep one instance per loaded
    /// plugin and reuse it for every call, so that state (memory, globals)
    /// leaks from one event, and one brand, to the next. Off (the default),
    /// every call gets a fresh store and instance. On, it measures the upper
    /// bound that per-event isolation is compared with.
    pub keep_instances: bool,
}

impl Default for RuntimeConfig {
    fn default() -> Self {
        Self {
            limits: Limits::default(),
            cache_dir: None,
            max_concurrent_instances: 64,
            preinitialize: true,
            keep_instances: false,
        }
    }
}

/// The engine, the linker with the host's imports, and the limits.
#[derive(Clone)]
pub struct Runtime {
    inner: Arc<Inner>,
}

struct Inner {
    engine: Engine,
    linker: Linker<CallState>,
    limits: Limits,
    cache_dir: Option<PathBuf>,
    preinitialize: bool,
    keep_instances: bool,
    _ticker: EpochTicker,
}

impl std::fmt::Debug for Runtime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Runtime")
            .field("limits", &self.inner.limits)
            .field("cache_dir", &self.inner.cache_dir)
            .finish_non_exhaustive()
    }
}

impl Runtime {
    /// Builds the engine (Cranelift, component model, pooling allocator,
    /// epoch interruption, optional fuel) and the linker.
    pub fn new(config: RuntimeConfig) -> anyhow::Result<Self> {
        let limits = config.limits.clone();
        let mut pool = PoolingAllocationConfig::new();
        let instances = config.max_concurrent_instances.max(1);
        pool.total_component_instances(instances)
            .total_core_instances(instances * 16)
            .total_memories(instances * 2)
            .total_tables(instances * 8)
            .total_stacks(instances)
            .max_memory_size(limits.max_memory_bytes)
            .table_elements(limits.max_table_elements)
            .max_core_instances_per_component(limits.max_instances as u32)
            .max_memories_per_component(limits.max_memories as u32)
            .max_tables_per_component(limits.max_tables as u32)
            .linear_memory_keep_resident(limits.keep_resident_bytes.min(limits.max_memory_bytes))
            .table_keep_resident(64 * 1024)
            // Reset only the pages an instance dirtied (Linux 6.7+), not the
            // whole kept-resident prefix: a plugin whose snapshot holds
            // megabytes of tables touches a few pages per event.
            .pagemap_scan(Enabled::Auto);
        let mut wasm = Config::new();
        wasm.wasm_component_model(true)
            .epoch_interruption(true)
            .consume_fuel(limits.fuel.is_some())
            .max_wasm_stack(limits.max_stack_bytes)
            .allocation_strategy(InstanceAllocationStrategy::Pooling(pool));
        // For profiling: `CHORUS_PERFMAP=1` writes /tmp/perf-<pid>.map, so
        // that `perf report` names the guests' functions (docs/MEASUREMENTS.md).
        if std::env::var_os("CHORUS_PERFMAP").is_some() {
            wasm.profiler(wasmtime::ProfilingStrategy::PerfMap);
        }
        let engine = Engine::new(&wasm).map_err(anyhow::Error::from)?;
        let mut linker = Linker::new(&engine);
        contract::add_to_linker(&mut linker).map_err(anyhow::Error::from)?;
        let ticker = EpochTicker::start(engine.clone())?;
        Ok(Self {
            inner: Arc::new(Inner {
                engine,
                linker,
                limits,
                cache_dir: config.cache_dir,
                preinitialize: config.preinitialize,
                keep_instances: config.keep_instances,
                _ticker: ticker,
            }),
        })
    }

    /// The limits every call runs under.
    pub fn limits(&self) -> &Limits {
        &self.inner.limits
    }

    /// Loads a plugin file. See [`Runtime::load`].
    pub async fn load_file(&self, path: &Path) -> Result<LoadedPlugin, LoadError> {
        let bytes = std::fs::read(path).map_err(|source| LoadError::Read {
            path: path.display().to_string(),
            source,
        })?;
        let name = path
            .file_stem()
            .map_or_else(|| "plugin".to_owned(), |s| s.to_string_lossy().into_owned());
        self.load(&name, &bytes).await
    }

    /// Checks that `bytes` is a Chorus plugin of a supported contract version,
    /// pre-initializes it (or takes the snapshot from the cache), and prepares
    /// it for instantiation. Calls its `metadata` once.
    pub async fn load(&self, name: &str, bytes: &[u8]) -> Result<LoadedPlugin, LoadError> {
        let inner = &self.inner;
        let plain = inspect::check_header(bytes)?;
        let exports = inspect::export_names(plain)?;
        let (contract, version) = inspect::contract_of(&exports)?;
        let prepared = preinit::prepare(inner, name, bytes).await?;
        let pre = inner
            .linker
            .instantiate_pre(&prepared.component)
            .map_err(|e| LoadError::Invalid(format!("imports the host cannot satisfy: {e:#}")))?;
        let pre = PluginPre::new(version, pre)?;
        let mut plugin = LoadedPlugin {
            runtime: self.clone(),
            name: Arc::from(name),
            pre,
            info: None,
            contract,
            preinitialized: prepared.preinitialized,
            from_cache: prepared.from_cache,
            exports,
            grants: Grants::default(),
            fuel_consumed: Arc::new(AtomicU64::new(0)),
            kept: Arc::default(),
        };
        let services: Arc<dyn HostServices> = Arc::new(InMemoryServices::new());
        let (info, manifest) = plugin
            .call(None, services, async |store, p| {
                Ok((p.metadata(store).await?, p.manifest(store).await?))
            })
            .await
            .map_err(|e| LoadError::Invalid(format!("metadata() or manifest() failed: {e}")))?;
        let mut info = convert::plugin_info(info);
        if let Some(manifest) = manifest {
            info.manifest = convert::manifest(manifest);
        }
        validate::plugin_info(&info).map_err(|e| LoadError::Invalid(e.to_string()))?;
        plugin.name = Arc::from(info.name.as_str());
        plugin.grants = Grants::from_names(info.capabilities.iter().map(String::as_str));
        plugin.info = Some(info);
        Ok(plugin)
    }
}

/// A plugin ready to run: compiled, pre-initialized, linked. A clone is
/// another handle on the same compiled plugin (and its fuel count).
#[derive(Clone)]
pub struct LoadedPlugin {
    runtime: Runtime,
    name: Arc<str>,
    pre: PluginPre,
    info: Option<model::PluginInfo>,
    contract: String,
    preinitialized: bool,
    from_cache: bool,
    exports: Vec<String>,
    grants: Grants,
    /// Fuel consumed by every call so far (counted only when the runtime
    /// meters fuel).
    fuel_consumed: Arc<AtomicU64>,
    /// The instance reused by every call when the runtime keeps instances
    /// ([`RuntimeConfig::keep_instances`], benchmarks only).
    kept: Arc<Slot>,
}

/// A store and its instance, kept between calls.
struct Kept {
    store: Store<CallState>,
    instance: contract::Plugin,
}

/// Where a store and instance wait between the calls that share them.
type Slot = std::sync::Mutex<Option<Kept>>;

impl std::fmt::Debug for LoadedPlugin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LoadedPlugin")
            .field("name", &self.name)
            .field("contract", &self.contract)
            .field("preinitialized", &self.preinitialized)
            .finish_non_exhaustive()
    }
}

impl LoadedPlugin {
    /// What the plugin said about itself at load time.
    pub fn info(&self) -> &model::PluginInfo {
        // `load` always sets it before returning the plugin.
        self.info
            .as_ref()
            .unwrap_or_else(|| unreachable!("metadata is read in Runtime::load"))
    }

    /// The contract version the plugin exports, e.g. `0.1.0`.
    pub fn contract_version(&self) -> &str {
        &self.contract
    }

    /// Whether initialization was snapshotted (false only if wizer refused
    /// the component; then each instance initializes lazily).
    pub fn preinitialized(&self) -> bool {
        self.preinitialized
    }

    /// Whether the compiled snapshot came from the cache.
    pub fn from_cache(&self) -> bool {
        self.from_cache
    }

    /// The capabilities the plugin declared, before any brand's denials.
    pub fn grants(&self) -> Grants {
        self.grants
    }

    /// The component's export names.
    pub fn exports(&self) -> &[String] {
        &self.exports
    }

    /// Fuel (roughly, wasm instructions) consumed by all calls into this
    /// plugin since it was loaded, including its `metadata` call at load;
    /// `None` when the runtime does not meter fuel ([`Limits::fuel`] is
    /// `None`). Calls that run at the same time add up, so take the
    /// difference around one call only when nothing else runs.
    pub fn fuel_consumed(&self) -> Option<u64> {
        self.runtime
            .inner
            .limits
            .fuel
            .map(|_| self.fuel_consumed.load(Ordering::Relaxed))
    }

    /// The caps on what each call may return.
    pub fn output_limits(&self) -> &OutputLimits {
        &self.runtime.inner.limits.output
    }

    /// Runs `listen` on a raw request in a fresh instance.
    pub async fn listen(
        &self,
        services: Arc<dyn HostServices>,
        request: &HttpRequest,
    ) -> Result<ListenOutcome, PluginError> {
        let request = convert::request(request);
        let outcome = self
            .call(None, services, async |store, p| {
                p.listen(store, &request).await
            })
            .await?
            .map_err(|e| PluginError::Plugin(convert::contract_error(e)))?;
        let outcome = match outcome {
            wit::ListenOutcome::Messages(messages) => ListenOutcome::Messages(
                messages
                    .into_iter()
                    .map(convert::message_from_wit)
                    .collect(),
            ),
            wit::ListenOutcome::Respond(response) => {
                ListenOutcome::Respond(convert::response(response))
            }
            wit::ListenOutcome::Ignore(reason) => ListenOutcome::Ignore(reason),
        };
        validate::listen_outcome(&outcome, &self.runtime.inner.limits.output)?;
        Ok(outcome)
    }

    /// Runs `triage` on one message in a fresh instance.
    pub async fn triage(
        &self,
        services: Arc<dyn HostServices>,
        message: &model::Message,
        context: &Context,
    ) -> Result<model::Triage, PluginError> {
        self.triage_in(None, services, message, context).await
    }

    /// Runs `suggest` on one message and its triage in a fresh instance.
    pub async fn suggest(
        &self,
        services: Arc<dyn HostServices>,
        message: &model::Message,
        triage: &model::Triage,
        context: &Context,
    ) -> Result<Vec<model::Suggestion>, PluginError> {
        self.suggest_in(None, services, message, triage, context)
            .await
    }

    /// A [`MessageCalls`]: `triage` and then `suggest` of one message in
    /// one instance.
    pub fn for_message(self: &Arc<Self>) -> MessageCalls {
        MessageCalls {
            plugin: self.clone(),
            slot: Slot::default(),
        }
    }

    /// `triage` in the instance waiting in `slot`, if any, else a fresh one.
    async fn triage_in(
        &self,
        slot: Option<&Slot>,
        services: Arc<dyn HostServices>,
        message: &model::Message,
        context: &Context,
    ) -> Result<model::Triage, PluginError> {
        let message = convert::message_to_wit(message);
        // From 0.3 on, `triage` gets the voice without the brand's texts
        // (they answer messages, they do not triage them; `suggest` gets
        // them): a few hundred strings fewer to lower into every call.
        let texts = if self.pre.version() >= contract::Version::V0_3 {
            convert::Texts::Without
        } else {
            convert::Texts::With
        };
        let context = convert::context_to_wit(context, texts);
        let triage = self
            .call(slot, services, async |store, p| {
                p.triage(store, &message, &context).await
            })
            .await?
            .map_err(|e| PluginError::Plugin(convert::contract_error(e)))?;
        let triage = convert::triage_from_wit(triage);
        validate::triage(&triage, &self.runtime.inner.limits.output)?;
        Ok(triage)
    }

    /// `suggest` in the instance waiting in `slot`, if any, else a fresh one.
    async fn suggest_in(
        &self,
        slot: Option<&Slot>,
        services: Arc<dyn HostServices>,
        message: &model::Message,
        triage: &model::Triage,
        context: &Context,
    ) -> Result<Vec<model::Suggestion>, PluginError> {
        let message = convert::message_to_wit(message);
        let triage = convert::triage_to_wit(triage);
        let context = convert::context_to_wit(context, convert::Texts::With);
        let suggestions = self
            .call(slot, services, async |store, p| {
                p.suggest(store, &message, &triage, &context).await
            })
            .await?
            .map_err(|e| PluginError::Plugin(convert::contract_error(e)))?;
        let suggestions: Vec<_> = suggestions
            .into_iter()
            .map(convert::suggestion_from_wit)
            .collect();
        validate::suggestions(&suggestions, &self.runtime.inner.limits.output)?;
        Ok(suggestions)
    }

    /// Runs `deliver`: the requests that send `reply` in the conversation
    /// whose latest customer message is `to`. A plugin of a contract before
    /// 0.4 cannot send: [`ContractError::Unsupported`].
    pub async fn deliver(
        &self,
        services: Arc<dyn HostServices>,
        reply: &model::OutgoingReply,
        conversation_id: &str,
        to: &model::Message,
    ) -> Result<Vec<model::OutboundRequest>, PluginError> {
        let reply = convert::outgoing_reply(reply);
        let to = wit::ConversationRef {
            conversation_id: conversation_id.to_owned(),
            message: convert::message_to_wit(to),
        };
        let requests = self
            .call(None, services, async |store, p| {
                p.deliver(store, &reply, &to).await
            })
            .await?
            .ok_or_else(|| {
                PluginError::Plugin(ContractError::Unsupported(format!(
                    "contract {} has no `deliver`: sending needs 0.4 or later",
                    self.contract_version()
                )))
            })?
            .map_err(|e| PluginError::Plugin(convert::contract_error(e)))?;
        let requests: Vec<_> = requests
            .into_iter()
            .map(convert::outbound_from_wit)
            .collect();
        validate::outbound(&requests, &self.runtime.inner.limits.output)?;
        Ok(requests)
    }

    /// Calls the `init` export in a fresh instance. Only tests use this, to
    /// show that calls do not re-run initialization on their own.
    #[doc(hidden)]
    pub async fn call_init(&self, services: Arc<dyn HostServices>) -> Result<(), PluginError> {
        self.call(None, services, async |store, p| p.init(store).await)
            .await
    }

    /// Runs `f` under the runtime's limits and turns every failure into a
    /// [`PluginError`]: in the instance waiting in `slot` (in the plugin's
    /// own when the runtime keeps instances, see
    /// [`RuntimeConfig::keep_instances`]), else in a fresh store and
    /// instance. After a call that succeeded, its instance waits in that
    /// slot for the next; after a failure it is dropped.
    async fn call<R>(
        &self,
        slot: Option<&Slot>,
        services: Arc<dyn HostServices>,
        f: impl AsyncFnOnce(&mut Store<CallState>, &contract::Plugin) -> wasmtime::Result<R>,
    ) -> Result<R, PluginError> {
        let inner = &self.runtime.inner;
        let limits = &inner.limits;
        let granted = self.grants.without(services.denied());
        let slot = match inner.keep_instances {
            true => Some(&*self.kept),
            false => slot,
        };
        let kept = slot.and_then(|slot| slot.lock().ok()?.take());
        let (mut store, instance) = match kept {
            Some(Kept {
                mut store,
                instance,
            }) => {
                store.data_mut().next_call(services, limits, granted);
                (store, instance)
            }
            None => self.instantiate(services, granted).await?,
        };
        arm(&mut store, limits)?;
        let result = tokio::time::timeout(backstop(limits), async {
            let value = f(&mut store, &instance).await?;
            Ok::<_, wasmtime::Error>((value, instance))
        })
        .await;
        store.data().flush_stdio();
        if let Some(budget) = limits.fuel {
            let left = store.get_fuel().unwrap_or(0);
            self.fuel_consumed
                .fetch_add(budget.saturating_sub(left), Ordering::Relaxed);
        }
        match result {
            Err(_elapsed) => Err(timeout(limits)),
            Ok(Ok((value, instance))) => {
                if let Some(slot) = slot
                    && let Ok(mut kept) = slot.lock()
                {
                    *kept = Some(Kept { store, instance });
                }
                Ok(value)
            }
            Ok(Err(error)) => Err(classify(error, store.data(), limits)),
        }
    }

    /// A fresh store and instance. An instantiation that fails for want of a
    /// host resource ([`PluginError::Host`], e.g. the kernel refusing to seal
    /// the memory image for a moment) is tried again with a new store, up to
    /// [`INSTANTIATE_ATTEMPTS`] times: the guest has not run yet, so nothing
    /// happens twice. The call is armed afresh after this (deadline, fuel),
    /// so instantiation's own time and fuel are not taken from the call's.
    async fn instantiate(
        &self,
        services: Arc<dyn HostServices>,
        granted: Grants,
    ) -> Result<(Store<CallState>, contract::Plugin), PluginError> {
        let inner = &self.runtime.inner;
        let limits = &inner.limits;
        let mut attempt = 1;
        loop {
            let mut store = Store::new(
                &inner.engine,
                CallState::new(self.name.clone(), services.clone(), limits, granted),
            );
            store.limiter(|state| state.limiter());
            arm(&mut store, limits)?;
            let error = match tokio::time::timeout(
                backstop(limits),
                self.pre.instantiate(&mut store),
            )
            .await
            {
                Err(_elapsed) => timeout(limits),
                Ok(Ok(instance)) => return Ok((store, instance)),
                Ok(Err(error)) => match classify(error, store.data(), limits) {
                    // Nothing the guest returned: instantiation runs no
                    // export, so an unexplained failure is the host's.
                    PluginError::BadOutput(why) => PluginError::Host(why),
                    other => other,
                },
            };
            match error {
                PluginError::Host(_) if attempt < INSTANTIATE_ATTEMPTS => {
                    tracing::warn!(plugin = %self.name, attempt, "instantiation failed, trying again: {error}");
                    attempt += 1;
                }
                error => return Err(error),
            }
        }
    }
}

/// `triage` and then `suggest` of one message in one instance, as the
/// pipeline calls them ([`LoadedPlugin::for_message`]).
///
/// The first call instantiates from the snapshot; the second runs in the
/// instance the first left, under fresh limits (deadline, fuel, host-call
/// budget), so that one message pays for one instance, not two. Nothing
/// carries to another message: each message gets its own `MessageCalls`,
/// and the instance is dropped with it. A call that fails drops the
/// instance, and the next call starts fresh.
pub struct MessageCalls {
    plugin: Arc<LoadedPlugin>,
    slot: Slot,
}

impl std::fmt::Debug for MessageCalls {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MessageCalls")
            .field("plugin", &self.plugin.name)
            .finish_non_exhaustive()
    }
}

impl MessageCalls {
    /// [`LoadedPlugin::triage`], in this message's instance.
    pub async fn triage(
        &self,
        services: Arc<dyn HostServices>,
        message: &model::Message,
        context: &Context,
    ) -> Result<model::Triage, PluginError> {
        self.plugin
            .triage_in(Some(&self.slot), services, message, context)
            .await
    }

    /// [`LoadedPlugin::suggest`], in this message's instance.
    pub async fn suggest(
        &self,
        services: Arc<dyn HostServices>,
        message: &model::Message,
        triage: &model::Triage,
        context: &Context,
    ) -> Result<Vec<model::Suggestion>, PluginError> {
        self.plugin
            .suggest_in(Some(&self.slot), services, message, triage, context)
            .await
    }
}

/// How many times a call tries to instantiate before it reports
/// [`PluginError::Host`].
const INSTANTIATE_ATTEMPTS: u32 = 3;

/// Sets the call's deadline and fuel on `store`.
fn arm(store: &mut Store<CallState>, limits: &Limits) -> Result<(), PluginError> {
    store.set_epoch_deadline(ticks(limits.deadline));
    store.epoch_deadline_trap();
    if let Some(fuel) = limits.fuel {
        store
            .set_fuel(fuel)
            .map_err(|e| PluginError::Trap(format!("{e:#}")))?;
    }
    Ok(())
}

/// The deadline plus a margin: the backstop for time spent outside wasm
/// (host awaits), where epochs cannot interrupt.
fn backstop(limits: &Limits) -> Duration {
    limits.deadline + Duration::from_millis(250)
}

/// Maps a wasmtime error from a call to the typed error.
fn classify(error: wasmtime::Error, state: &CallState, limits: &Limits) -> PluginError {
    let out_of_memory = || PluginError::OutOfMemory {
        cap_bytes: limits.max_memory_bytes as u64,
    };
    if error.is::<DeadlineExceeded>() {
        return timeout(limits);
    }
    match error.downcast_ref::<Trap>() {
        Some(Trap::Interrupt) => timeout(limits),
        Some(Trap::OutOfFuel) => PluginError::OutOfFuel,
        Some(_) if state.memory_denied() => out_of_memory(),
        Some(Trap::MemoryOutOfBounds) => PluginError::Trap(format!(
            "{}: out of bounds memory access (in Rust guests, usually a stack overflow)",
            Trap::MemoryOutOfBounds
        )),
        Some(trap) => match guest_stderr_tail(&state.stderr_text()) {
            Some(tail) => PluginError::Trap(format!("{trap}; guest stderr: {tail}")),
            None => PluginError::Trap(trap.to_string()),
        },
        None if state.memory_denied() => out_of_memory(),
        None => match error.downcast_ref::<wasmtime_wasi::I32Exit>() {
            Some(exit) => PluginError::Trap(format!(
                "the plugin called exit({}); a plugin must return from its exports",
                exit.0
            )),
            None => PluginError::BadOutput(without_backtrace(&error)),
        },
    }
}

/// The error's chain of causes on one line, without wasm backtraces: what an
/// operator needs is the limit or rule that was broken, not guest frames.
fn without_backtrace(error: &wasmtime::Error) -> String {
    // wasmtime attaches the backtrace as a context whose text starts with
    // this header; each cause's first line is its message.
    const BACKTRACE: &str = "error while executing at wasm backtrace";
    error
        .chain()
        .filter_map(|cause| cause.to_string().lines().next().map(str::to_owned))
        .filter(|line| !line.starts_with(BACKTRACE))
        .collect::<Vec<_>>()
        .join(": ")
}

fn timeout(limits: &Limits) -> PluginError {
    PluginError::Timeout {
        deadline_ms: limits.deadline.as_millis() as u64,
    }
}

/// The last meaningful lines the guest wrote to stderr (a panic message),
/// joined on one line and capped.
fn guest_stderr_tail(stderr: &str) -> Option<String> {
    let lines: Vec<&str> = stderr
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("note: run with `RUST_BACKTRACE"))
        .collect();
    let tail = lines[lines.len().saturating_sub(3)..].join(" | ");
    (!tail.is_empty()).then(|| tail.chars().take(500).collect())
}

fn ticks(deadline: Duration) -> u64 {
    (deadline.as_micros() / EPOCH_TICK.as_micros()).max(1) as u64
}

/// A thread that advances the engine's epoch every [`EPOCH_TICK`] so that
/// deadlines interrupt running guests. Stops when dropped.
struct EpochTicker {
    stop: Arc<AtomicBool>,
}

impl EpochTicker {
    fn start(engine: Engine) -> std::io::Result<Self> {
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        std::thread::Builder::new()
            .name("chorus-epoch".to_owned())
            .spawn(move || {
                while !flag.load(Ordering::Relaxed) {
                    std::thread::sleep(EPOCH_TICK);
                    engine.increment_epoch();
                }
            })?;
        Ok(Self { stop })
    }
}

impl Drop for EpochTicker {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}
