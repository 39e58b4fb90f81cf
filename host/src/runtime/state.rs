//! The state of one store: WASI with nothing ambient, resource limits, the
//! host capabilities of one brand × plugin, and captured guest output.

use std::sync::Arc;
use std::time::{Duration, Instant};

use wasmtime::component::ResourceTable;
use wasmtime::{ResourceLimiter, StoreLimits, StoreLimitsBuilder};
use wasmtime_wasi::p2::pipe::MemoryOutputPipe;
use wasmtime_wasi::{WasiCtx, WasiCtxBuilder, WasiCtxView, WasiView};

use super::Limits;
use super::bindings::latest::chorus::plugin::{host, manifest, types};
use super::bindings::v0_1::chorus::plugin::host as host_v0_1;
use super::bindings::v0_2::chorus::plugin::host as host_v0_2;
use super::bindings::v0_3::chorus::plugin::{host as host_v0_3, manifest as manifest_v0_3};
use super::convert;
use super::grant::{Arg, Budget, Capability, DeadlineExceeded, Grants, Refusal};
use super::services::{HmacHash, HostServices, MAX_KV_VALUE_BYTES};

/// Everything a store holds for one call.
pub struct CallState {
    wasi: WasiCtx,
    table: ResourceTable,
    limiter: Limiter,
    services: Arc<dyn HostServices>,
    plugin: Arc<str>,
    stdout: MemoryOutputPipe,
    stderr: MemoryOutputPipe,
    log_budget: usize,
    budget: Budget,
}

impl std::fmt::Debug for CallState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CallState")
            .field("plugin", &self.plugin)
            .finish_non_exhaustive()
    }
}

impl CallState {
    /// A sandbox with no files, no environment, no arguments, no network and
    /// no stdin; stdout and stderr go to capped in-memory pipes.
    /// Host calls are admitted for the `granted` capabilities, within the
    /// caps of `limits.host_calls` and until `limits.deadline` from now.
    pub fn new(
        plugin: Arc<str>,
        services: Arc<dyn HostServices>,
        limits: &Limits,
        granted: Grants,
    ) -> Self {
        let stdout = MemoryOutputPipe::new(limits.max_stdio_bytes);
        let stderr = MemoryOutputPipe::new(limits.max_stdio_bytes);
        let wasi = WasiCtxBuilder::new()
            .stdout(stdout.clone())
            .stderr(stderr.clone())
            .allow_ip_name_lookup(false)
            .allow_tcp(false)
            .allow_udp(false)
            .build();
        Self {
            wasi,
            table: ResourceTable::new(),
            limiter: Limiter::new(limits),
            services,
            plugin,
            stdout,
            stderr,
            log_budget: limits.max_log_bytes,
            budget: Budget::new(
                granted,
                Instant::now() + limits.deadline,
                limits.host_calls.clone(),
            ),
        }
    }

    /// Readies a kept store for its next call (see
    /// [`super::RuntimeConfig::keep_instances`]): this call's services,
    /// log budget, host-call budget and deadline. Memory, captured output
    /// and the sandbox stay as the last call left them.
    pub fn next_call(&mut self, services: Arc<dyn HostServices>, limits: &Limits, granted: Grants) {
        self.services = services;
        self.log_budget = limits.max_log_bytes;
        self.budget = Budget::new(
            granted,
            Instant::now() + limits.deadline,
            limits.host_calls.clone(),
        );
    }

    /// Admits a host call of `capability` (see [`Budget::admit`]): `Err` ends
    /// the plugin call as a timeout, `Ok(Err)` is the contract's refusal.
    fn admit(
        &mut self,
        capability: Capability,
        args: &[Arg<'_>],
    ) -> wasmtime::Result<Result<(), types::HostError>> {
        match self.budget.admit(capability, args) {
            Ok(()) => Ok(Ok(())),
            Err(Refusal::Deadline) => Err(wasmtime::Error::new(DeadlineExceeded)),
            Err(Refusal::NotPermitted(reason)) => Ok(Err(types::HostError::NotPermitted(reason))),
            Err(Refusal::Limit(reason)) => Ok(Err(types::HostError::Limit(reason))),
        }
    }

    /// `host.hmac-*`: the MAC of `data` with the secret `secret_name`.
    fn hmac(
        &mut self,
        hash: HmacHash,
        secret_name: &str,
        data: &[u8],
    ) -> wasmtime::Result<Result<Vec<u8>, types::HostError>> {
        let args = [
            self.key_arg("secret name", secret_name),
            Arg {
                what: "data to sign",
                size: data.len(),
                cap: self.budget.limits().max_hmac_bytes,
            },
        ];
        if let Err(refusal) = self.admit(Capability::Secrets, &args)? {
            return Ok(Err(refusal));
        }
        Ok(self
            .services
            .hmac(hash, secret_name, data)
            .map_err(convert::host_error))
    }

    fn key_arg<'a>(&self, what: &'a str, key: &str) -> Arg<'a> {
        Arg {
            what,
            size: key.len(),
            cap: self.budget.limits().max_key_bytes,
        }
    }

    /// Restarts the host-call deadline: `deadline` from now.
    pub fn start_clock(&mut self, deadline: Duration) {
        self.budget.restart(Instant::now() + deadline);
    }

    /// The limiter, for `Store::limiter`.
    pub fn limiter(&mut self) -> &mut Limiter {
        &mut self.limiter
    }

    /// Whether a memory or table growth was refused during this call.
    pub fn memory_denied(&self) -> bool {
        self.limiter.denied
    }

    /// What the guest wrote to stderr (capped), for trap messages.
    pub fn stderr_text(&self) -> String {
        String::from_utf8_lossy(&self.stderr.contents()).into_owned()
    }

    /// Sends captured stdout and stderr to `tracing`, one event per line.
    pub fn flush_stdio(&self) {
        for (stream, pipe) in [("stdout", &self.stdout), ("stderr", &self.stderr)] {
            let bytes = pipe.contents();
            for line in String::from_utf8_lossy(&bytes)
                .lines()
                .filter(|l| !l.is_empty())
            {
                tracing::info!(plugin = %self.plugin, stream, text = ?line, "plugin output");
            }
        }
    }
}

impl WasiView for CallState {
    fn ctx(&mut self) -> WasiCtxView<'_> {
        WasiCtxView {
            ctx: &mut self.wasi,
            table: &mut self.table,
        }
    }
}

/// Store limits that remember whether they refused anything, so a trap that
/// follows a refused `memory.grow` is reported as out-of-memory.
#[derive(Debug)]
pub struct Limiter {
    inner: StoreLimits,
    denied: bool,
}

impl Limiter {
    fn new(limits: &Limits) -> Self {
        Self {
            inner: StoreLimitsBuilder::new()
                .memory_size(limits.max_memory_bytes)
                .table_elements(limits.max_table_elements)
                .instances(limits.max_instances)
                .tables(limits.max_tables)
                .memories(limits.max_memories)
                .build(),
            denied: false,
        }
    }
}

impl ResourceLimiter for Limiter {
    fn memory_growing(
        &mut self,
        current: usize,
        desired: usize,
        maximum: Option<usize>,
    ) -> wasmtime::Result<bool> {
        let allowed = self.inner.memory_growing(current, desired, maximum)?;
        self.denied |= !allowed;
        Ok(allowed)
    }

    fn table_growing(
        &mut self,
        current: usize,
        desired: usize,
        maximum: Option<usize>,
    ) -> wasmtime::Result<bool> {
        let allowed = self.inner.table_growing(current, desired, maximum)?;
        self.denied |= !allowed;
        Ok(allowed)
    }

    fn instances(&self) -> usize {
        self.inner.instances()
    }

    fn tables(&self) -> usize {
        self.inner.tables()
    }

    fn memories(&self) -> usize {
        self.inner.memories()
    }
}

impl types::Host for CallState {}

impl manifest::Host for CallState {}

impl manifest_v0_3::Host for CallState {}

impl host::Host for CallState {
    fn log(&mut self, level: types::LogLevel, message: String) -> wasmtime::Result<()> {
        if self.log_budget == 0 {
            return Ok(());
        }
        let message: String = message.chars().take(self.log_budget).collect();
        self.log_budget = self.log_budget.saturating_sub(message.len().max(1));
        // The plugin's text is a field, printed quoted with control
        // characters escaped, so it can never pass for a host line. Brand,
        // channel and event come from the caller's span.
        let plugin = &*self.plugin;
        match level {
            types::LogLevel::Debug => tracing::debug!(plugin, text = ?message, "plugin log"),
            types::LogLevel::Info => tracing::info!(plugin, text = ?message, "plugin log"),
            types::LogLevel::Warn => tracing::warn!(plugin, text = ?message, "plugin log"),
            types::LogLevel::Error => tracing::error!(plugin, text = ?message, "plugin log"),
        }
        Ok(())
    }

    fn config(&mut self, key: String) -> wasmtime::Result<Option<String>> {
        let arg = self.key_arg("config key", &key);
        // `config` has no error case in the contract: a refusal reads as
        // "not set", and the operator sees why in the log.
        if let Err(refusal) = self.admit(Capability::Config, &[arg])? {
            tracing::warn!(plugin = %self.plugin, refusal = ?refusal, "host.config refused");
            return Ok(None);
        }
        Ok(self.services.config(&key))
    }

    fn hmac_sha256(
        &mut self,
        secret_name: String,
        data: Vec<u8>,
    ) -> wasmtime::Result<Result<Vec<u8>, types::HostError>> {
        self.hmac(HmacHash::Sha256, &secret_name, &data)
    }

    fn hmac_sha1(
        &mut self,
        secret_name: String,
        data: Vec<u8>,
    ) -> wasmtime::Result<Result<Vec<u8>, types::HostError>> {
        self.hmac(HmacHash::Sha1, &secret_name, &data)
    }

    fn kv_get(
        &mut self,
        key: String,
    ) -> wasmtime::Result<Result<Option<Vec<u8>>, types::HostError>> {
        let arg = self.key_arg("kv key", &key);
        if let Err(refusal) = self.admit(Capability::Kv, &[arg])? {
            return Ok(Err(refusal));
        }
        Ok(self.services.kv_get(&key).map_err(convert::host_error))
    }

    fn kv_set(
        &mut self,
        key: String,
        value: Vec<u8>,
    ) -> wasmtime::Result<Result<(), types::HostError>> {
        let args = [
            self.key_arg("kv key", &key),
            Arg {
                what: "kv value",
                size: value.len(),
                cap: MAX_KV_VALUE_BYTES,
            },
        ];
        if let Err(refusal) = self.admit(Capability::Kv, &args)? {
            return Ok(Err(refusal));
        }
        Ok(self
            .services
            .kv_set(&key, &value)
            .map_err(convert::host_error))
    }

    fn kv_delete(&mut self, key: String) -> wasmtime::Result<Result<(), types::HostError>> {
        let arg = self.key_arg("kv key", &key);
        if let Err(refusal) = self.admit(Capability::Kv, &[arg])? {
            return Ok(Err(refusal));
        }
        Ok(self.services.kv_delete(&key).map_err(convert::host_error))
    }

    fn customer_history(
        &mut self,
        author_id: String,
        limit: u32,
    ) -> wasmtime::Result<Result<Vec<types::PastConversation>, types::HostError>> {
        let arg = self.key_arg("author id", &author_id);
        if let Err(refusal) = self.admit(Capability::History, &[arg])? {
            return Ok(Err(refusal));
        }
        Ok(self
            .services
            .customer_history(&author_id, limit)
            .map(|list| list.into_iter().map(convert::past_conversation).collect())
            .map_err(convert::host_error))
    }

    fn knowledge_search(
        &mut self,
        query: String,
        limit: u32,
    ) -> wasmtime::Result<Result<Vec<types::KnowledgeHit>, types::HostError>> {
        let arg = Arg {
            what: "knowledge query",
            size: query.len(),
            cap: self.budget.limits().max_query_bytes,
        };
        if let Err(refusal) = self.admit(Capability::Knowledge, &[arg])? {
            return Ok(Err(refusal));
        }
        Ok(self
            .services
            .knowledge_search(&query, limit)
            .map(|list| list.into_iter().map(convert::knowledge_hit).collect())
            .map_err(convert::host_error))
    }

    fn knowledge_find(
        &mut self,
        query: types::KnowledgeQuery,
    ) -> wasmtime::Result<Result<Vec<types::KnowledgeMatch>, types::HostError>> {
        let size = query.text.len() + query.among.iter().map(String::len).sum::<usize>();
        let arg = Arg {
            what: "knowledge query",
            size,
            cap: self.budget.limits().max_query_bytes,
        };
        if let Err(refusal) = self.admit(Capability::Knowledge, &[arg])? {
            return Ok(Err(refusal));
        }
        Ok(self
            .services
            .knowledge_find(&convert::knowledge_query(query))
            .map(|list| list.into_iter().map(convert::knowledge_match).collect())
            .map_err(convert::host_error))
    }

    fn now(&mut self) -> wasmtime::Result<i64> {
        Ok(self.services.now())
    }
}

/// An older contract's `host` for [`CallState`]: each call it shares with
/// the newest goes to the newest's implementation; `$extra` are the calls
/// it has that the first release lacked.
macro_rules! older_host {
    ($version:literal, $host:ident { $($extra:item)* }) => {
        #[doc = concat!("Contract ", $version, "'s `host`: the newest's calls it has.")]
        impl $host::Host for CallState {
            fn log(&mut self, level: types::LogLevel, message: String) -> wasmtime::Result<()> {
                host::Host::log(self, level, message)
            }

            fn config(&mut self, key: String) -> wasmtime::Result<Option<String>> {
                host::Host::config(self, key)
            }

            fn hmac_sha256(
                &mut self,
                secret_name: String,
                data: Vec<u8>,
            ) -> wasmtime::Result<Result<Vec<u8>, types::HostError>> {
                host::Host::hmac_sha256(self, secret_name, data)
            }

            fn kv_get(
                &mut self,
                key: String,
            ) -> wasmtime::Result<Result<Option<Vec<u8>>, types::HostError>> {
                host::Host::kv_get(self, key)
            }

            fn kv_set(
                &mut self,
                key: String,
                value: Vec<u8>,
            ) -> wasmtime::Result<Result<(), types::HostError>> {
                host::Host::kv_set(self, key, value)
            }

            fn kv_delete(&mut self, key: String) -> wasmtime::Result<Result<(), types::HostError>> {
                host::Host::kv_delete(self, key)
            }

            fn customer_history(
                &mut self,
                author_id: String,
                limit: u32,
            ) -> wasmtime::Result<Result<Vec<types::PastConversation>, types::HostError>> {
                host::Host::customer_history(self, author_id, limit)
            }

            fn knowledge_search(
                &mut self,
                query: String,
                limit: u32,
            ) -> wasmtime::Result<Result<Vec<types::KnowledgeHit>, types::HostError>> {
                host::Host::knowledge_search(self, query, limit)
            }

            fn now(&mut self) -> wasmtime::Result<i64> {
                host::Host::now(self)
            }

            $($extra)*
        }
    };
}

older_host!("0.1", host_v0_1 {});

/// `host.hmac-sha1` (0.2 and later), as the newest's.
macro_rules! hmac_sha1 {
    () => {
        fn hmac_sha1(
            &mut self,
            secret_name: String,
            data: Vec<u8>,
        ) -> wasmtime::Result<Result<Vec<u8>, types::HostError>> {
            host::Host::hmac_sha1(self, secret_name, data)
        }
    };
}

older_host!("0.2", host_v0_2 { hmac_sha1!(); });

older_host!("0.3", host_v0_3 {
    hmac_sha1!();

    fn knowledge_find(
        &mut self,
        query: types::KnowledgeQuery,
    ) -> wasmtime::Result<Result<Vec<types::KnowledgeMatch>, types::HostError>> {
        host::Host::knowledge_find(self, query)
    }
});
