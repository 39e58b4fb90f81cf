//! A test-only component that exports `chorus:plugin/channel@9.0.0`, a
//! contract version no host speaks: loading it must fail with a message that
//! names the version and what the host loads. Never shipped.

#[allow(missing_docs, clippy::all)]
mod bindings {
    wit_bindgen::generate!({ path: "wit", world: "plugin" });
}

struct Future;

impl bindings::Guest for Future {
    fn init() {}
}

impl bindings::exports::chorus::plugin::channel::Guest for Future {
    fn metadata() -> String {
        "from the future".to_owned()
    }
}

// Exported only in the component: a native build (`cargo build --workspace`)
// cannot link export names such as `chorus:plugin/channel@0.2.0#listen`.
#[cfg(target_arch = "wasm32")]
bindings::export!(Future with_types_in bindings);
