//! Errors of plugin loading and plugin calls.

use serde::{Deserialize, Serialize};

/// Why a call into a plugin failed. Every variant leaves the host running;
/// the store of the failed call is dropped, never reused.
#[derive(Debug, Clone, PartialEq, thiserror::Error, Serialize, Deserialize)]
#[serde(tag = "kind", content = "detail", rename_all = "kebab-case")]
pub enum PluginError {
    /// The guest trapped: a panic, `unreachable`, a stack overflow, an
    /// out-of-bounds access. The message includes the panic text when the
    /// guest printed one.
    #[error("plugin trapped: {0}")]
    Trap(String),
    /// The call ran past its deadline and was interrupted.
    #[error("plugin timed out after {deadline_ms} ms")]
    Timeout {
        /// The deadline in force, in milliseconds.
        deadline_ms: u64,
    },
    /// The guest asked for more memory than its cap allows.
    #[error("plugin ran out of memory (cap {cap_bytes} bytes)")]
    OutOfMemory {
        /// The memory cap in force.
        cap_bytes: u64,
    },
    /// The call consumed all the fuel it was given.
    #[error("plugin ran out of fuel")]
    OutOfFuel,
    /// The guest returned something the host refuses: over an output cap, or
    /// values the component model could not lift.
    #[error("plugin returned bad output: {0}")]
    BadOutput(String),
    /// The host lacked a resource to run the plugin (the kernel refused a
    /// memory mapping or a file descriptor for a moment): nothing the plugin
    /// did. Reported after the instantiation was tried again and failed
    /// every time; it does not count against the plugin's breaker.
    #[error("the host could not start the plugin: {0}")]
    Host(String),
    /// The plugin reported an error of its own through the contract.
    #[error("plugin error: {0}")]
    Plugin(ContractError),
}

/// An error a plugin reports through the contract's `plugin-error` variant.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[serde(tag = "kind", content = "detail", rename_all = "kebab-case")]
pub enum ContractError {
    /// Malformed input.
    #[error("bad input: {0}")]
    BadInput(String),
    /// A failed signature or token check.
    #[error("unauthorized: {0}")]
    Unauthorized(String),
    /// Missing or wrong brand configuration.
    #[error("configuration: {0}")]
    Config(String),
    /// Input the plugin does not handle.
    #[error("unsupported: {0}")]
    Unsupported(String),
    /// Any other failure inside the plugin.
    #[error("internal: {0}")]
    Internal(String),
}

/// Why a plugin could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file could not be read.
    #[error("cannot read: {source}")]
    Read {
        /// The file.
        path: String,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The bytes are not WebAssembly at all.
    #[error("not a WebAssembly file (no \\0asm header)")]
    NotWasm,
    /// A core module, not a component.
    #[error(
        "a core WebAssembly module, not a component: build it with `--target wasm32-wasip2` or wrap it with `wasm-tools component new`"
    )]
    CoreModule,
    /// A component that does not export the Chorus contract.
    #[error("a component of another world: it exports [{exports}], not `chorus:plugin/channel`")]
    OtherWorld {
        /// What it exports instead.
        exports: String,
    },
    /// A Chorus plugin built against a contract version this host cannot load.
    #[error("incompatible contract version {found}: this host loads {supported}")]
    IncompatibleVersion {
        /// The version the plugin exports.
        found: String,
        /// The versions this host supports.
        supported: String,
    },
    /// `init` ran past its deadline, in wasm or blocked in a host call.
    #[error("init timed out after {deadline_ms} ms")]
    InitTimeout {
        /// The init deadline in force, in milliseconds.
        deadline_ms: u64,
    },
    /// `init` panicked; the message is the guest's panic text.
    #[error("init panicked: {0}")]
    InitPanicked(String),
    /// `init` trapped otherwise (out of memory, stack overflow…).
    #[error("init trapped: {0}")]
    InitTrapped(String),
    /// Invalid, or its imports cannot be satisfied, or pre-initialization failed.
    #[error("{0}")]
    Invalid(String),
}
