//! A test-only guest whose `init` misbehaves, one way per build:
//!
//! | feature | `init`                                  | the host says              |
//! |---------|-----------------------------------------|----------------------------|
//! | `sleep` | blocks in a WASI sleep (a host call)    | `init timed out after N ms` |
//! | `spin`  | loops in wasm code                      | `init timed out after N ms` |
//! | `panic` | panics                                  | `init panicked: <message>` |
//!
//! xtask builds it three times into `target/test-guests/bad-init-<feature>.wasm`.

use chorus_sdk::{
    ChannelKind, Context, HttpRequest, ListenOutcome, Message, Plugin, PluginError, PluginInfo,
    Suggestion, Triage,
};

/// The guest.
#[derive(Debug)]
pub struct BadInit;

impl Plugin for BadInit {
    fn metadata() -> PluginInfo {
        chorus_sdk::plugin_info(
            "bad-init",
            env!("CARGO_PKG_VERSION"),
            "test guest whose init misbehaves",
            ChannelKind::Other,
        )
    }

    fn init() {
        if cfg!(feature = "sleep") {
            std::thread::sleep(std::time::Duration::from_secs(3600));
        }
        if cfg!(feature = "spin") {
            loop {
                std::hint::black_box(());
            }
        }
        if cfg!(feature = "panic") {
            panic!("bad-init panicked on purpose while building its tables");
        }
    }

    fn listen(_request: HttpRequest) -> Result<ListenOutcome, PluginError> {
        Ok(ListenOutcome::Ignore(
            "bad-init never gets this far".to_owned(),
        ))
    }

    fn suggest(
        _message: Message,
        _triage: Triage,
        _context: Context,
    ) -> Result<Vec<Suggestion>, PluginError> {
        Ok(Vec::new())
    }
}

chorus_sdk::export_plugin!(BadInit);
