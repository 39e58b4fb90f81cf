//! `chorus plugin new --vendor`: unpacks the SDK source that `host/build.rs`
//! embedded into `<crate>/vendor/`, each crate's manifest made standalone.

use std::path::{Component, Path};

use super::{manifest, write};

/// chorus-sdk, chorus-voice and the workspace manifest, packed by
/// `host/build.rs`.
static ARCHIVE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/sdk-source.bin"));

/// Where the workspace manifest is in the archive.
const WORKSPACE_MANIFEST: &str = "workspace/Cargo.toml";

/// Writes `vendor/chorus-sdk` and `vendor/chorus-voice` under `into`.
pub(super) fn unpack(into: &Path) -> Result<(), String> {
    let files = entries(ARCHIVE)?;
    let workspace = files
        .iter()
        .find(|(name, _)| *name == WORKSPACE_MANIFEST)
        .map(|(_, bytes)| String::from_utf8_lossy(bytes))
        .ok_or(
            "--vendor: this chorus binary was built without the SDK source (outside a Chorus \
             checkout); use --sdk-path or chorus-sdk from crates.io",
        )?;
    for (name, bytes) in &files {
        if *name == WORKSPACE_MANIFEST {
            continue;
        }
        let relative = Path::new(name);
        if !relative
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
        {
            return Err(format!(
                "--vendor: unsafe path {name:?} in the embedded SDK"
            ));
        }
        // `chorus-sdk/Cargo.toml`: a crate's own manifest.
        if relative.components().count() == 2 && relative.ends_with("Cargo.toml") {
            let text = manifest::standalone(&String::from_utf8_lossy(bytes), &workspace)
                .map_err(|e| format!("--vendor: {name}: {e}"))?;
            write(&into.join(relative), text.as_bytes())?;
        } else {
            write(&into.join(relative), bytes)?;
        }
    }
    Ok(())
}

/// The (path, content) pairs of an archive in `host/build.rs`'s format.
fn entries(mut archive: &[u8]) -> Result<Vec<(&str, &[u8])>, String> {
    let mut files = Vec::new();
    while !archive.is_empty() {
        let name_len = take_number::<4>(&mut archive)? as usize;
        let name = std::str::from_utf8(take(&mut archive, name_len)?)
            .map_err(|_| "--vendor: a path in the embedded SDK is not UTF-8".to_owned())?;
        let len = usize::try_from(take_number::<8>(&mut archive)?)
            .map_err(|_| "--vendor: the embedded SDK is damaged".to_owned())?;
        files.push((name, take(&mut archive, len)?));
    }
    Ok(files)
}

fn take<'a>(archive: &mut &'a [u8], len: usize) -> Result<&'a [u8], String> {
    if archive.len() < len {
        return Err("--vendor: the embedded SDK is damaged".to_owned());
    }
    let (head, rest) = archive.split_at(len);
    *archive = rest;
    Ok(head)
}

fn take_number<const N: usize>(archive: &mut &[u8]) -> Result<u64, String> {
    let mut bytes = [0u8; 8];
    bytes[..N].copy_from_slice(take(archive, N)?);
    Ok(u64::from_le_bytes(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_archive_holds_both_crates_and_the_contract() {
        let files = entries(ARCHIVE).expect("a well-formed archive");
        let names: Vec<&str> = files.iter().map(|(name, _)| *name).collect();
        for expected in [
            WORKSPACE_MANIFEST,
            "chorus-sdk/Cargo.toml",
            "chorus-sdk/build.rs",
            "chorus-sdk/src/lib.rs",
            "chorus-sdk/wit/since_v0.1.0/plugin.wit",
            "chorus-voice/Cargo.toml",
            "chorus-voice/src/lib.rs",
        ] {
            assert!(names.contains(&expected), "{expected} missing");
        }
    }

    #[test]
    fn a_truncated_archive_is_an_error() {
        assert!(entries(&ARCHIVE[..ARCHIVE.len() - 1]).is_err());
        assert_eq!(entries(&[]), Ok(Vec::new()));
    }
}
