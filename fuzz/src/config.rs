//! Configuration parsing: any bytes as a server config (`chorus.toml`, with
//! its brands resolved), a brand file and a voice profile.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use chorus_host::brand::Brand;
use chorus_host::server::ServerConfig;
use chorus_voice::VoiceProfile;

/// A folder holding the example brand's voice and secrets, so that the
/// relative files a fuzzed config names can resolve; the config is written
/// beside them.
fn folder() -> &'static Path {
    static FOLDER: OnceLock<tempfile::TempDir> = OnceLock::new();
    FOLDER
        .get_or_init(|| {
            let dir = tempfile::tempdir().expect("a temporary folder");
            let examples = crate::workspace_root().join("examples");
            for (from, to) in [
                ("brands/acme/voice.toml", "voice.toml"),
                ("secrets/acme-api-key", "api-key"),
            ] {
                std::fs::copy(examples.join(from), dir.path().join(to))
                    .unwrap_or_else(|e| panic!("cannot copy examples/{from}: {e}"));
            }
            dir
        })
        .path()
}

/// Parses `data` every way Chorus reads configuration. An error is an
/// answer; only a panic is a finding.
pub fn config(data: &[u8]) {
    let path: PathBuf = folder().join("config.toml");
    std::fs::write(&path, data).expect("the fuzzed config is written");
    let _ = ServerConfig::load(&path);
    let _ = Brand::load(&path);
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = VoiceProfile::from_toml_str(text);
    }
}
