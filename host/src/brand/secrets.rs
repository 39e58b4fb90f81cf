//! Secret and key values, read by the host from where the configuration
//! says they live. Their values never reach a plugin: plugins get MACs and
//! signatures made with them.

use std::path::PathBuf;

use sha2::{Digest, Sha256};

use super::config::{KeySource, SecretSource};

/// Why a secret or key could not be read.
#[derive(Debug, thiserror::Error)]
pub enum SecretError {
    /// The environment variable is not set.
    #[error("environment variable {0} is not set")]
    Unset(String),
    /// The file could not be read.
    #[error("cannot read {}: {source}", path.display())]
    Unreadable {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A configured digest is not one.
    #[error("sha256 must be 64 hex digits")]
    BadDigest,
}

/// Reads a secret's value (a file's trailing newline trimmed).
pub fn resolve_secret(source: &SecretSource) -> Result<Vec<u8>, SecretError> {
    match source {
        SecretSource::Env(var) => std::env::var(var)
            .map(String::into_bytes)
            .map_err(|_| SecretError::Unset(var.clone())),
        SecretSource::File(path) => std::fs::read(path)
            .map(|mut bytes| {
                while bytes.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
                    bytes.pop();
                }
                bytes
            })
            .map_err(|source| SecretError::Unreadable {
                path: path.clone(),
                source,
            }),
    }
}

/// SHA-256 of a key, from wherever it is configured.
pub fn key_hash(source: &KeySource) -> Result<[u8; 32], SecretError> {
    let raw = match source {
        KeySource::Sha256(hex) => return decode_sha256_hex(hex),
        KeySource::Env(var) => std::env::var(var).map_err(|_| SecretError::Unset(var.clone()))?,
        KeySource::File(path) => std::fs::read_to_string(path)
            .map_err(|source| SecretError::Unreadable {
                path: path.clone(),
                source,
            })?
            .trim_end()
            .to_owned(),
    };
    Ok(sha256(raw.as_bytes()))
}

/// SHA-256 digest.
pub fn sha256(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

fn decode_sha256_hex(hex: &str) -> Result<[u8; 32], SecretError> {
    let bytes: Option<Vec<u8>> = (0..hex.len())
        .step_by(2)
        .map(|i| {
            hex.get(i..i + 2)
                .and_then(|pair| u8::from_str_radix(pair, 16).ok())
        })
        .collect();
    bytes
        .and_then(|b| <[u8; 32]>::try_from(b).ok())
        .ok_or(SecretError::BadDigest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_digest_is_taken_as_written_and_a_bad_one_is_refused() {
        let key = "k".repeat(8);
        let digest: String = sha256(key.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(
            key_hash(&KeySource::Sha256(digest)).expect("valid digest"),
            sha256(key.as_bytes())
        );
        assert!(matches!(
            key_hash(&KeySource::Sha256("abc".into())),
            Err(SecretError::BadDigest)
        ));
    }

    #[test]
    fn a_secret_file_loses_its_trailing_newline() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("secret");
        std::fs::write(&path, "s3cret\r\n").expect("write");
        assert_eq!(
            resolve_secret(&SecretSource::File(path)).expect("readable"),
            b"s3cret"
        );
        let missing = resolve_secret(&SecretSource::File(dir.path().join("nope")))
            .expect_err("missing")
            .to_string();
        assert!(
            missing.contains("cannot read") && missing.contains("nope"),
            "{missing}"
        );
    }
}
