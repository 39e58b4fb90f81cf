//! Agents' passwords and sessions: Argon2id hashes (the PHC string keeps
//! the salt and parameters), random session and CSRF tokens, and a bound
//! on sign-in attempts.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use argon2::Argon2;
use argon2::password_hash::rand_core::{OsRng, RngCore};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};

/// Why a password could not be hashed.
#[derive(Debug, thiserror::Error)]
pub enum PasswordError {
    /// Shorter than [`MIN_PASSWORD_CHARS`].
    #[error("the password must have at least {MIN_PASSWORD_CHARS} characters")]
    TooShort,
    /// The hasher failed.
    #[error("hashing the password failed: {0}")]
    Hash(String),
}

/// The shortest password accepted.
pub const MIN_PASSWORD_CHARS: usize = 10;

/// The Argon2id hash of `password` (a PHC string with its own salt).
pub fn hash_password(password: &str) -> Result<String, PasswordError> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(PasswordError::TooShort);
    }
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|e| PasswordError::Hash(e.to_string()))
}

/// Whether `password` matches `hash` (false for a hash that does not parse).
pub fn verify_password(hash: &str, password: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
}

/// A random token: 32 bytes from the operating system, in hex.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    hex(&bytes)
}

/// SHA-256 of a session token, in hex: what the store keeps.
pub fn token_hash(token: &str) -> String {
    hex(&crate::brand::sha256(token.as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Compares two strings in time independent of where they differ.
pub fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// Failed sign-ins allowed per key (a brand and email, or a client
/// address) in [`WINDOW`].
pub const MAX_FAILURES: usize = 5;

/// The window failed sign-ins are counted in.
pub const WINDOW: Duration = Duration::from_secs(60);

/// Counts failed sign-ins per key; a key over [`MAX_FAILURES`] in the last
/// [`WINDOW`] is refused before its password is checked.
#[derive(Debug, Default)]
pub struct SignInLimiter {
    failures: Mutex<HashMap<String, Vec<Instant>>>,
}

impl SignInLimiter {
    /// Whether `key` may try now.
    pub fn allows(&self, key: &str, now: Instant) -> bool {
        let mut failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        let recent = failures.entry(key.to_owned()).or_default();
        recent.retain(|at| now.duration_since(*at) < WINDOW);
        recent.len() < MAX_FAILURES
    }

    /// Counts a failed attempt by `key`.
    pub fn failed(&self, key: &str, now: Instant) {
        let mut failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        failures.entry(key.to_owned()).or_default().push(now);
        // Keys whose failures all aged out are forgotten.
        failures.retain(|_, at| at.iter().any(|t| now.duration_since(*t) < WINDOW));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_verifies_against_its_hash_only() {
        let hash = hash_password("correct horse battery").expect("hash");
        assert!(hash.starts_with("$argon2id$"), "{hash}");
        assert!(verify_password(&hash, "correct horse battery"));
        assert!(!verify_password(&hash, "correct horse battery!"));
        assert!(!verify_password("not a hash", "correct horse battery"));
        assert_ne!(
            hash,
            hash_password("correct horse battery").expect("hash"),
            "salted"
        );
        assert!(matches!(
            hash_password("short"),
            Err(PasswordError::TooShort)
        ));
    }

    #[test]
    fn tokens_are_random_and_stored_hashed() {
        let (a, b) = (random_token(), random_token());
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
        assert_ne!(token_hash(&a), a);
        assert!(same(&a, &a.clone()) && !same(&a, &b) && !same("a", "ab"));
    }

    #[test]
    fn sign_ins_are_limited_per_key_within_the_window() {
        let limiter = SignInLimiter::default();
        let start = Instant::now();
        for _ in 0..MAX_FAILURES {
            assert!(limiter.allows("acme/ana", start));
            limiter.failed("acme/ana", start);
        }
        assert!(!limiter.allows("acme/ana", start));
        assert!(
            limiter.allows("acme/ben", start),
            "other keys are not held back"
        );
        assert!(
            limiter.allows("acme/ana", start + WINDOW),
            "the window passes"
        );
    }
}
