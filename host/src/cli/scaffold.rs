//! `chorus plugin new`: a working plugin crate from the template.

use std::path::{Path, PathBuf};

/// The chorus-sdk crate of the source tree this binary was built from.
pub(crate) const DEFAULT_SDK_PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../guest-sdk");

const CARGO_TOML: &str = include_str!("../../templates/plugin/Cargo.toml.tmpl");
const LIB_RS: &str = include_str!("../../templates/plugin/lib.rs.tmpl");
const README: &str = include_str!("../../templates/plugin/README.md.tmpl");

/// Creates `<dir>/<name>` and returns its path.
pub(crate) fn create(name: &str, dir: &Path, sdk_path: &Path) -> Result<PathBuf, String> {
    let valid = !name.is_empty()
        && name.len() <= 64
        && name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !valid {
        return Err(format!(
            "plugin name {name:?}: expected lower-case letters, digits and '-', starting with a letter"
        ));
    }
    let sdk = sdk_path
        .canonicalize()
        .map_err(|e| format!("--sdk-path {}: {e}", sdk_path.display()))?;
    if !sdk.join("Cargo.toml").is_file() {
        return Err(format!("--sdk-path {}: no Cargo.toml there", sdk.display()));
    }
    let root = dir.join(name);
    if root.exists() {
        return Err(format!("{}: already exists", root.display()));
    }
    let fill = |template: &str| {
        template
            .replace("{{name}}", name)
            .replace("{{crate_name}}", &name.replace('-', "_"))
            .replace("{{type_name}}", &type_name(name))
            .replace("{{sdk_path}}", &sdk.display().to_string())
    };
    let write = |relative: &str, text: String| {
        let path = root.join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))
    };
    write("Cargo.toml", fill(CARGO_TOML))?;
    write("src/lib.rs", fill(LIB_RS))?;
    write("README.md", fill(README))?;
    Ok(root)
}

/// `acme-sms` → `AcmeSms`.
fn type_name(name: &str) -> String {
    name.split('-')
        .map(|part| {
            let mut chars = part.chars();
            chars
                .next()
                .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        })
        .collect()
}
