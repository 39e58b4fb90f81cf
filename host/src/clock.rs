//! The host's wall clock, in milliseconds since the Unix epoch.

use crate::model::Timestamp;

/// Now, in milliseconds since the Unix epoch (0 if the system clock is
/// before 1970).
pub fn now() -> Timestamp {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as Timestamp)
}
