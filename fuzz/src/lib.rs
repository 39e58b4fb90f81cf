//! Fuzz targets for Chorus.
//!
//! Each target is a plain function from bytes to nothing that panics when an
//! invariant breaks: `cargo xtask fuzz` drives them through libFuzzer (the
//! entry points in `fuzz_targets/`), and `cargo test` replays their seeds and
//! every input that ever made one fail (`fuzz/regressions/<target>/`).
//!
//! | target | what it feeds | what must hold |
//! |---|---|---|
//! | `listen_chat`, `listen_email`, `listen_twitter` | a request ([`input`]) to the plugin's listen → triage → suggest, natively | no panic |
//! | `voice` | a reply to the linter, fixer, scorer and knowledge search of the example brands | no panic; spans inside the text; the fixer's promises |
//! | `config` | a TOML file as server config, brand file and voice profile | no panic |
//! | `intake` | a request ([`input`]) to the whole HTTP router of a server with the example brands | no panic; never a 5xx; errors are JSON |

mod config;
pub mod input;
mod intake;
mod listen;
pub mod seeds;
mod voice;

pub use config::config;
pub use intake::{intake, start_intake_server};
pub use listen::{listen_chat, listen_email, listen_twitter};
pub use voice::voice;

/// A fuzz target.
pub type Target = fn(&[u8]);

/// Every target by name, as `cargo fuzz` knows them.
pub const TARGETS: [(&str, Target); 6] = [
    ("listen_chat", listen_chat),
    ("listen_email", listen_email),
    ("listen_twitter", listen_twitter),
    ("voice", voice),
    ("config", config),
    ("intake", intake),
];

/// The workspace root (the folder holding `fuzz/`).
pub fn workspace_root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(std::path::Path::to_path_buf)
        .unwrap_or_default()
}
