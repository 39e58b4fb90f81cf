//! Embeds the plugin SDK's source for `chorus plugin new --vendor`.
//!
//! `--vendor` copies chorus-sdk, chorus-voice and the WIT contract into a new
//! plugin crate, so an author without a Chorus checkout or crates.io access
//! builds it offline. The copy must be the SDK this binary speaks to, and
//! must not depend on a checkout still being on disk when `chorus` runs, so
//! the files are packed into the binary here (about 2 MB) in a trivial
//! format: per file, a little-endian u32 path length, the path, a u64
//! content length, the content. The workspace manifest is packed too: the
//! crates' `*.workspace = true` fields are filled in from it when unpacked
//! (`host/src/cli/scaffold/vendor.rs`). Built outside a checkout (no
//! `../guest-sdk`), the archive is empty and `--vendor` says so.

use std::path::{Path, PathBuf};

/// (crate, folder in the workspace, what it packs). Keep in step with
/// `include` in guest-sdk/Cargo.toml and voice/Cargo.toml: the vendored copy
/// is the published crate.
const SOURCES: &[(&str, &str, &[&str])] = &[
    (
        "chorus-sdk",
        "guest-sdk",
        &[
            "Cargo.toml",
            "README.md",
            "build.rs",
            "build",
            "src",
            "data",
            "wit",
        ],
    ),
    ("chorus-voice", "voice", &["Cargo.toml", "README.md", "src"]),
];

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets it"));
    let root = manifest.parent().unwrap_or(&manifest).to_path_buf();
    let mut archive = Vec::new();
    if root.join("guest-sdk/Cargo.toml").is_file() {
        pack(
            &mut archive,
            "workspace/Cargo.toml",
            &root.join("Cargo.toml"),
        );
        println!(
            "cargo::rerun-if-changed={}",
            root.join("Cargo.toml").display()
        );
        for (name, folder, entries) in SOURCES {
            for entry in *entries {
                let path = root.join(folder).join(entry);
                println!("cargo::rerun-if-changed={}", path.display());
                pack_tree(&mut archive, &format!("{name}/{entry}"), &path);
            }
        }
    }
    std::fs::write(out.join("sdk-source.bin"), archive).expect("OUT_DIR is writable");
}

/// Packs `path` (a file, or a folder walked in name order; links followed)
/// under `name`.
fn pack_tree(archive: &mut Vec<u8>, name: &str, path: &Path) {
    if path.is_file() {
        pack(archive, name, path);
        return;
    }
    let mut children: Vec<PathBuf> = std::fs::read_dir(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .map(|entry| entry.expect("readable folder").path())
        .collect();
    children.sort();
    for child in children {
        let file_name = child
            .file_name()
            .expect("a named entry")
            .to_string_lossy()
            .into_owned();
        if !file_name.starts_with('.') {
            pack_tree(archive, &format!("{name}/{file_name}"), &child);
        }
    }
}

fn pack(archive: &mut Vec<u8>, name: &str, path: &Path) {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    archive.extend_from_slice(&(name.len() as u32).to_le_bytes());
    archive.extend_from_slice(name.as_bytes());
    archive.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
    archive.extend_from_slice(&bytes);
}
