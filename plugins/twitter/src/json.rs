//! Serde helpers for X's loosely typed JSON.

use serde::{Deserialize, Deserializer};
use serde_json::Value;

/// A field that may be absent or `null`: both give the default.
pub fn nullable<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

/// Milliseconds since the epoch, written as a string (`"1432228155593"`,
/// the usual form) or a number.
pub fn millis<'de, D>(deserializer: D) -> Result<Option<i64>, D::Error>
where
    D: Deserializer<'de>,
{
    match Option::<Value>::deserialize(deserializer)? {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => n
            .as_i64()
            .map(Some)
            .ok_or_else(|| serde::de::Error::custom(format!("timestamp {n} is not an integer"))),
        Some(Value::String(s)) => s
            .trim()
            .parse()
            .map(Some)
            .map_err(|_| serde::de::Error::custom(format!("timestamp {s:?} is not a number"))),
        Some(other) => Err(serde::de::Error::custom(format!(
            "timestamp must be a string or number, not {other}"
        ))),
    }
}

/// An id X writes as a string or, in a few v2 fields (`matching_rules[].id`),
/// as a JSON number above 2^53. serde_json keeps integers exact, so the
/// number's digits are the id.
pub fn id_text<'de, D>(deserializer: D) -> Result<String, D::Error>
where
    D: Deserializer<'de>,
{
    match Value::deserialize(deserializer)? {
        Value::String(s) => Ok(s),
        Value::Number(n) if n.is_u64() || n.is_i64() => Ok(n.to_string()),
        other => Err(serde::de::Error::custom(format!(
            "id must be a string or an integer, not {other}"
        ))),
    }
}

/// A flag X writes as a boolean or as the string `"true"` / `"false"`
/// (`user_has_blocked`).
pub fn flag<'de, D>(deserializer: D) -> Result<bool, D::Error>
where
    D: Deserializer<'de>,
{
    match Option::<Value>::deserialize(deserializer)? {
        None | Some(Value::Null) => Ok(false),
        Some(Value::Bool(b)) => Ok(b),
        Some(Value::String(s)) if s.eq_ignore_ascii_case("true") => Ok(true),
        Some(Value::String(s)) if s.eq_ignore_ascii_case("false") => Ok(false),
        Some(other) => Err(serde::de::Error::custom(format!(
            "flag must be true or false, not {other}"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    struct Sample {
        #[serde(default, deserialize_with = "millis")]
        at: Option<i64>,
        #[serde(default, deserialize_with = "flag")]
        blocked: bool,
        #[serde(default, deserialize_with = "nullable")]
        list: Vec<u8>,
    }

    #[derive(Debug, Deserialize)]
    struct Rule {
        #[serde(deserialize_with = "id_text")]
        id: String,
    }

    fn sample(json: &str) -> Result<Sample, serde_json::Error> {
        serde_json::from_str(json)
    }

    #[test]
    fn loose_fields_are_read() {
        let s = sample(r#"{"at":"1432228155593","blocked":"true","list":null}"#).expect("ok");
        assert_eq!(
            (s.at, s.blocked, s.list.len()),
            (Some(1_432_228_155_593), true, 0)
        );
        let s = sample(r#"{"at":1432228155593,"blocked":false}"#).expect("ok");
        assert_eq!((s.at, s.blocked), (Some(1_432_228_155_593), false));
        let s = sample("{}").expect("ok");
        assert_eq!((s.at, s.blocked), (None, false));
    }

    #[test]
    fn wrong_loose_fields_are_errors() {
        assert!(sample(r#"{"at":"soon"}"#).is_err());
        assert!(sample(r#"{"at":1.5}"#).is_err());
        assert!(sample(r#"{"at":[]}"#).is_err());
        assert!(sample(r#"{"blocked":"maybe"}"#).is_err());
        assert!(sample(r#"{"blocked":1}"#).is_err());
    }

    #[test]
    fn big_numeric_ids_keep_every_digit() {
        let rule: Rule = serde_json::from_str(r#"{"id":1377649934414049282}"#).expect("ok");
        assert_eq!(rule.id, "1377649934414049282");
        let rule: Rule = serde_json::from_str(r#"{"id":"120897978112909812"}"#).expect("ok");
        assert_eq!(rule.id, "120897978112909812");
        assert!(serde_json::from_str::<Rule>(r#"{"id":1.5e3}"#).is_err());
        assert!(serde_json::from_str::<Rule>(r#"{"id":null}"#).is_err());
    }
}
