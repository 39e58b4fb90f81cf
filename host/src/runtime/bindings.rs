//! Host-side bindings of the `chorus:plugin@0.1.0` world.
//!
//! Each released contract version gets its own module generated from its
//! frozen folder under `wit/`, so the host keeps loading older plugins.

#![allow(missing_docs, missing_debug_implementations, clippy::all)]

/// Bindings for contract 0.1.x.
pub mod v0_1 {
    wasmtime::component::bindgen!({
        path: "../wit/since_v0.1.0",
        world: "plugin",
        imports: { default: trappable },
        exports: { default: async },
    });
}
