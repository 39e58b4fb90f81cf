//! `chorus plugin new`: a working plugin crate from the template.
//!
//! The crate depends on chorus-sdk by version (this binary's version, the
//! Chorus workspace version). Where that version comes from is one rule,
//! written into the crate's `Cargo.toml` as a commented `[patch.crates-io]`
//! section:
//!
//! 1. `--vendor`: the SDK source this binary embeds (chorus-sdk,
//!    chorus-voice, the WIT) is copied to `vendor/`, and the patch points
//!    there with relative paths. The crate is self-contained: it moves to any
//!    machine and builds offline (given the crates.io dependencies in cargo's
//!    cache or a mirror).
//! 2. `--sdk-path DIR`, or else the Chorus checkout this binary was built
//!    from when it is still on disk: the patch points at that checkout's
//!    `guest-sdk` by absolute path. Moved to a machine without that path,
//!    delete the section (crates.io) or vendor.
//! 3. Neither: no patch; chorus-sdk comes from crates.io.

mod manifest;
mod vendor;

use std::path::{Path, PathBuf};

/// The chorus-sdk crate of the source tree this binary was built from.
const CHECKOUT_SDK_PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../guest-sdk");

const CARGO_TOML: &str = include_str!("../../../templates/plugin/Cargo.toml.tmpl");
const LIB_RS: &str = include_str!("../../../templates/plugin/lib.rs.tmpl");
const README: &str = include_str!("../../../templates/plugin/README.md.tmpl");
/// A first fixture for `chorus plugin test` (the template's payload).
const FIRST_FIXTURE: &str = include_str!("../../../templates/plugin/first-message.json");

/// Where the new crate's chorus-sdk comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Sdk {
    /// Copied into `vendor/`.
    Vendored,
    /// A chorus-sdk folder on this machine (absolute).
    Local(PathBuf),
    /// crates.io.
    Registry,
}

impl Sdk {
    /// Applies the rule of the module documentation to the command's flags.
    pub(crate) fn choose(vendor: bool, sdk_path: Option<&Path>) -> Result<Self, String> {
        if vendor {
            return Ok(Self::Vendored);
        }
        let (path, given) = match sdk_path {
            Some(path) => (path, true),
            None => (Path::new(CHECKOUT_SDK_PATH), false),
        };
        match path.canonicalize() {
            Ok(sdk) if sdk.join("Cargo.toml").is_file() => Ok(Self::Local(sdk)),
            Ok(sdk) if given => Err(format!("--sdk-path {}: no Cargo.toml there", sdk.display())),
            Err(e) if given => Err(format!("--sdk-path {}: {e}", path.display())),
            _ => Ok(Self::Registry),
        }
    }

    /// Where the crate's chorus-sdk comes from, for the user.
    pub(crate) fn describe(&self) -> String {
        let version = env!("CARGO_PKG_VERSION");
        match self {
            Self::Vendored => format!("{version}, vendored in vendor/ (builds offline)"),
            Self::Local(path) => format!("{version}, patched to {}", path.display()),
            Self::Registry => format!("{version}, from crates.io"),
        }
    }

    /// The `[patch.crates-io]` section (empty for crates.io), commented.
    fn patch(&self) -> String {
        match self {
            Self::Registry => String::new(),
            Self::Vendored => {
                "\n# The Chorus SDK vendored by `chorus plugin new --vendor`: this crate builds\n\
                 # offline and with no Chorus checkout. To use the crates.io releases\n\
                 # instead, delete this section and vendor/.\n\
                 [patch.crates-io]\n\
                 chorus-sdk = { path = \"vendor/chorus-sdk\" }\n\
                 chorus-voice = { path = \"vendor/chorus-voice\" }\n"
                    .to_owned()
            }
            Self::Local(path) => format!(
                "\n# Builds against the Chorus SDK of a checkout on this machine (added by\n\
                 # `chorus plugin new`, which found one). On a machine without this path,\n\
                 # delete this section to use chorus-sdk from crates.io.\n\
                 [patch.crates-io]\n\
                 chorus-sdk = {{ path = {} }}\n",
                toml::Value::String(path.display().to_string())
            ),
        }
    }
}

/// Creates `<dir>/<name>` and returns its path.
pub(crate) fn create(name: &str, dir: &Path, sdk: &Sdk) -> Result<PathBuf, String> {
    let valid = name.len() <= 64
        && name.starts_with(|c: char| c.is_ascii_lowercase())
        && chorus_host::model::is_kebab_id(name, None);
    if !valid {
        return Err(format!(
            "plugin name {name:?}: expected lower-case letters, digits and '-', starting with a letter"
        ));
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
            .replace("{{sdk_version}}", env!("CARGO_PKG_VERSION"))
            .replace("{{patch}}", &sdk.patch())
    };
    write(&root.join("Cargo.toml"), fill(CARGO_TOML).as_bytes())?;
    write(&root.join("src/lib.rs"), fill(LIB_RS).as_bytes())?;
    write(&root.join("README.md"), fill(README).as_bytes())?;
    write(
        &root.join("fixtures/first-message.json"),
        FIRST_FIXTURE.as_bytes(),
    )?;
    if *sdk == Sdk::Vendored {
        vendor::unpack(&root.join("vendor"))?;
    }
    Ok(root)
}

/// Writes a file, creating its folder.
fn write(path: &Path, bytes: &[u8]) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    std::fs::write(path, bytes).map_err(|e| format!("{}: {e}", path.display()))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sdk_is_the_given_path_else_this_checkout() {
        let checkout = Path::new(CHECKOUT_SDK_PATH);
        assert_eq!(
            Sdk::choose(false, None),
            Ok(Sdk::Local(
                checkout.canonicalize().expect("built from a checkout")
            ))
        );
        assert_eq!(Sdk::choose(true, Some(checkout)), Ok(Sdk::Vendored));
        let empty = tempfile::tempdir().expect("tempdir");
        let error = Sdk::choose(false, Some(empty.path())).expect_err("no crate");
        assert!(error.contains("no Cargo.toml"), "{error}");
    }

    #[test]
    fn the_local_patch_quotes_the_path() {
        let patch = Sdk::Local(PathBuf::from("/a \"b\"/guest-sdk")).patch();
        let parsed: toml::Table = patch.parse().expect("TOML");
        assert_eq!(
            parsed["patch"]["crates-io"]["chorus-sdk"]["path"].as_str(),
            Some("/a \"b\"/guest-sdk")
        );
        assert_eq!(Sdk::Registry.patch(), "");
    }
}
