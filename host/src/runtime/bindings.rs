//! Host-side bindings of every released `chorus:plugin` contract, one module
//! per frozen folder under `wit/`, so the host keeps loading older plugins
//! when the contract grows.
//!
//! The newest version is also [`latest`]: the host's own code is written
//! against it. An older version's module maps every interface that did not
//! change (`types`) to the newest one's, so values cross versions without
//! conversion; only what changed (the `host` imports, the `channel` exports)
//! has its own bindings, and [`super::state`] implements each older `host` by
//! calling the newest.

#![allow(missing_docs, missing_debug_implementations, clippy::all)]

/// Bindings for contract 0.4.x: 0.3 plus `channel.deliver` (the platform
/// calls that send a reply) and the manifest's `send-to`.
pub mod v0_4 {
    wasmtime::component::bindgen!({
        path: "../wit/since_v0.4.0",
        world: "plugin",
        imports: { default: trappable },
        exports: { default: async },
    });
}

/// Bindings for contract 0.3.x: 0.2 plus `host.knowledge-find` (the host's
/// retrieval over the brand's knowledge). Its `types` are 0.4's; its
/// `manifest` (without `send-to`) is its own.
pub mod v0_3 {
    wasmtime::component::bindgen!({
        path: "../wit/since_v0.3.0",
        world: "plugin",
        imports: { default: trappable },
        exports: { default: async },
        with: {
            "chorus:plugin/types": crate::runtime::bindings::v0_4::chorus::plugin::types,
        },
    });
}

/// Bindings for contract 0.2.x: 0.1 plus `host.hmac-sha1` and the
/// `manifest` interface (config schema, reply format). Its `types` are
/// 0.4's and its `manifest` 0.3's.
pub mod v0_2 {
    wasmtime::component::bindgen!({
        path: "../wit/since_v0.2.0",
        world: "plugin",
        imports: { default: trappable },
        exports: { default: async },
        with: {
            "chorus:plugin/types": crate::runtime::bindings::v0_4::chorus::plugin::types,
            "chorus:plugin/manifest": crate::runtime::bindings::v0_3::chorus::plugin::manifest,
        },
    });
}

/// Bindings for contract 0.1.x. Its `types` are 0.4's.
pub mod v0_1 {
    wasmtime::component::bindgen!({
        path: "../wit/since_v0.1.0",
        world: "plugin",
        imports: { default: trappable },
        exports: { default: async },
        with: {
            "chorus:plugin/types": crate::runtime::bindings::v0_4::chorus::plugin::types,
        },
    });
}

/// The newest contract, the one the host's own code speaks.
pub use v0_4 as latest;
