//! Small helpers for reading header fields of a parsed message and for
//! keeping values within the host's limits.

use mail_parser::{Address, HeaderValue, Message as Mail};

/// Longest value kept for a free-form attribute (subject, recipients, ...).
/// The host caps short fields at 4 KiB; 1,000 characters leaves room.
pub const MAX_ATTRIBUTE_CHARS: usize = 1_000;

/// The unfolded value of the first top-level header named `name`
/// (case-insensitive), exactly as sent: encoded-words are not decoded,
/// invalid UTF-8 is replaced. Used for machine-readable headers
/// (`Auto-Submitted`, `Precedence`, `List-Id`, ...).
pub fn raw(mail: &Mail<'_>, name: &str) -> Option<String> {
    let header = mail
        .headers()
        .iter()
        .find(|h| h.name.as_str().eq_ignore_ascii_case(name))?;
    let bytes = mail
        .raw_message
        .get(header.offset_start as usize..header.offset_end as usize)?;
    let value = unfold(&String::from_utf8_lossy(bytes));
    Some(clip(&value, MAX_ATTRIBUTE_CHARS))
}

/// Collapses every run of white space (including folding line breaks)
/// into one space and trims the ends.
pub fn unfold(value: &str) -> String {
    value.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Message ids of an id header (`Message-ID`, `In-Reply-To`, `References`),
/// without angle brackets, in order.
pub fn ids(value: &HeaderValue<'_>) -> Vec<String> {
    let list: Vec<&str> = match value {
        HeaderValue::Text(id) => vec![id.as_ref()],
        HeaderValue::TextList(ids) => ids.iter().map(|id| id.as_ref()).collect(),
        _ => Vec::new(),
    };
    list.into_iter()
        .map(clean_id)
        .filter(|id| !id.is_empty())
        .collect()
}

/// An id without white space or angle brackets, bounded in length.
pub fn clean_id(id: &str) -> String {
    let id: String = id
        .trim()
        .trim_start_matches('<')
        .trim_end_matches('>')
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect();
    clip(&id, MAX_ATTRIBUTE_CHARS)
}

/// A recipient list as `Name <address>, address, ...`, bounded in length.
pub fn format_addresses(address: Option<&Address<'_>>) -> Option<String> {
    let formatted: Vec<String> = address?
        .iter()
        .filter_map(|addr| {
            let email = addr.address.as_deref().map(str::trim).unwrap_or("");
            let name = addr.name.as_deref().map(str::trim).unwrap_or("");
            match (name.is_empty(), email.is_empty()) {
                (true, true) => None,
                (true, false) => Some(email.to_owned()),
                (false, true) => Some(name.to_owned()),
                (false, false) => Some(format!("{name} <{email}>")),
            }
        })
        .collect();
    (!formatted.is_empty()).then(|| clip(&formatted.join(", "), MAX_ATTRIBUTE_CHARS))
}

/// The first `max_chars` characters of `value`.
pub fn clip(value: &str, max_chars: usize) -> String {
    match value.char_indices().nth(max_chars) {
        Some((end, _)) => value[..end].to_owned(),
        None => value.to_owned(),
    }
}

/// The longest prefix of `value` of at most `max_bytes` bytes that ends on a
/// character boundary, and whether anything was cut.
pub fn truncate_bytes(value: &str, max_bytes: usize) -> (&str, bool) {
    if value.len() <= max_bytes {
        return (value, false);
    }
    let mut end = max_bytes;
    while !value.is_char_boundary(end) {
        end -= 1;
    }
    (&value[..end], true)
}

/// 64-bit FNV-1a: a small, stable hash for fallback ids.
pub fn fnv1a64(parts: &[&[u8]]) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut hash = OFFSET;
    for part in parts {
        for &byte in *part {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(PRIME);
        }
        // A separator, so ("ab", "c") and ("a", "bc") differ.
        hash ^= 0xff;
        hash = hash.wrapping_mul(PRIME);
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_lose_brackets_and_white_space() {
        assert_eq!(clean_id(" <abc@example.com> "), "abc@example.com");
        assert_eq!(clean_id("<a b@c>"), "ab@c");
    }

    #[test]
    fn clipping_respects_characters() {
        assert_eq!(clip("héllo", 2), "hé");
        assert_eq!(clip("hi", 5), "hi");
        assert_eq!(truncate_bytes("héllo", 2), ("h", true));
        assert_eq!(truncate_bytes("héllo", 3), ("hé", true));
        assert_eq!(truncate_bytes("hi", 3), ("hi", false));
    }

    #[test]
    fn fnv_is_stable_and_separates_parts() {
        assert_eq!(fnv1a64(&[b"a"]), fnv1a64(&[b"a"]));
        assert_ne!(fnv1a64(&[b"ab", b"c"]), fnv1a64(&[b"a", b"bc"]));
    }
}
