//! Domain rules every backend calls, in plain Rust: a backend answers
//! questions (what is stored?) and stores what these rules decide, so no
//! rule is written twice in two SQL dialects.
//!
//! - a conversation keeps the highest priority seen and the tightest
//!   first-response due time;
//! - a verdict is stored as words and read back from them; an edit keeps
//!   its word diff;
//! - a verdict weighs 1 (accepted), ½ (edited) or 0 (rejected) in the
//!   brand's learnt ranking priors;
//! - a new customer identity joins the person with the same email address
//!   or handle;
//! - a conversation's first response is overdue once its due time passed
//!   with no reply sent;
//! - a reply sent from a suggestion accepts it, or edits it when its text
//!   changed;
//! - a plugin's key-value write fits its namespace's quotas.

use std::collections::BTreeMap;

use super::Verdict;
use crate::model::{Priority, Timestamp};
use crate::review::{StrategyStat, word_diff};

/// The priority a conversation keeps when one of its messages is triaged
/// `triaged`: the highest seen.
pub fn escalate(current: Option<Priority>, triaged: Priority) -> Priority {
    current.map_or(triaged, |current| current.max(triaged))
}

/// The first-response due time a conversation keeps when a message asks
/// for `due`: the earliest.
pub fn earliest_due(current: Option<Timestamp>, due: Timestamp) -> Timestamp {
    current.map_or(due, |current| current.min(due))
}

/// Whether a conversation's first response is overdue at `now`: it is
/// open, no reply went out, and its due time passed.
pub fn overdue(
    status: &str,
    first_response_due: Option<Timestamp>,
    first_response_at: Option<Timestamp>,
    now: Timestamp,
) -> bool {
    status == "open"
        && first_response_at.is_none()
        && first_response_due.is_some_and(|due| due < now)
}

/// The feedback a sent reply gives the suggestion it came from: accepted
/// when sent as suggested (surrounding whitespace aside), else edited into
/// the text sent.
pub fn verdict_of_send(suggested: &str, sent: &str) -> Verdict {
    if suggested.trim() == sent.trim() {
        Verdict::Accepted
    } else {
        Verdict::Edited {
            final_text: sent.to_owned(),
        }
    }
}

/// A verdict as stored: its word, the final text of an edit with its word
/// diff from the suggestion, the reason of a rejection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedbackRecord<'a> {
    /// `accepted`, `edited` or `rejected`.
    pub verdict: &'static str,
    /// What an agent sent after editing.
    pub final_text: Option<&'a str>,
    /// Why a suggestion was rejected.
    pub reason: Option<&'a str>,
    /// Word diff from the suggestion to the final text:
    /// `[-removed-]{+added+}`.
    pub diff: Option<String>,
}

impl<'a> FeedbackRecord<'a> {
    /// How `verdict` on a suggestion that read `suggested` is stored.
    pub fn new(verdict: &'a Verdict, suggested: &str) -> Self {
        match verdict {
            Verdict::Accepted => Self {
                verdict: "accepted",
                final_text: None,
                reason: None,
                diff: None,
            },
            Verdict::Edited { final_text } => Self {
                verdict: "edited",
                final_text: Some(final_text),
                reason: None,
                diff: Some(word_diff(suggested, final_text)),
            },
            Verdict::Rejected { reason } => Self {
                verdict: "rejected",
                final_text: None,
                reason: Some(reason),
                diff: None,
            },
        }
    }
}

/// The verdict stored as `word` with its final text and reason; `None` for
/// no verdict (or a word this version does not know).
pub fn verdict_from(
    word: Option<&str>,
    final_text: Option<String>,
    reason: Option<String>,
) -> Option<Verdict> {
    match word? {
        "accepted" => Some(Verdict::Accepted),
        "edited" => Some(Verdict::Edited {
            final_text: final_text.unwrap_or_default(),
        }),
        "rejected" => Some(Verdict::Rejected {
            reason: reason.unwrap_or_default(),
        }),
        _ => None,
    }
}

/// How much a verdict counts as a success in the learnt priors: accepted 1,
/// edited ½ (the idea was right, the words were not), anything else 0.
pub fn verdict_weight(word: &str) -> f64 {
    match word {
        "accepted" => 1.0,
        "edited" => 0.5,
        _ => 0.0,
    }
}

/// The latest verdict on one suggestion, with what it answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LatestVerdict {
    /// The suggestion's strategy.
    pub strategy: String,
    /// The intent of the message it answered (empty when untriaged).
    pub intent: String,
    /// The verdict's word.
    pub verdict: String,
}

/// Feedback counts per (strategy, intent), ordered by both: each
/// suggestion's latest verdict is one trial, weighed by [`verdict_weight`].
pub fn strategy_stats(latest: impl IntoIterator<Item = LatestVerdict>) -> Vec<StrategyStat> {
    let mut groups: BTreeMap<(String, String), (f64, f64)> = BTreeMap::new();
    for verdict in latest {
        let weight = verdict_weight(&verdict.verdict);
        let (trials, successes) = groups
            .entry((verdict.strategy, verdict.intent))
            .or_default();
        *trials += 1.0;
        *successes += weight;
    }
    groups
        .into_iter()
        .map(|((strategy, intent), (trials, successes))| StrategyStat {
            strategy,
            intent,
            trials,
            successes,
        })
        .collect()
}

/// What identifies a customer identity as a person's.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Identity {
    /// Email address.
    pub email: Option<String>,
    /// Handle.
    pub handle: Option<String>,
}

impl Identity {
    /// Whether the two identities are one person's: the same email address
    /// or the same handle, case-insensitively.
    pub fn same_person(&self, other: &Identity) -> bool {
        let same = |a: &Option<String>, b: &Option<String>| match (a, b) {
            (Some(a), Some(b)) => a.to_lowercase() == b.to_lowercase(),
            _ => false,
        };
        same(&self.email, &other.email) || same(&self.handle, &other.handle)
    }
}

/// An identity already linked to a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonCandidate {
    /// The identity's customer id.
    pub customer_id: i64,
    /// Its person.
    pub person_id: i64,
    /// What identifies it.
    pub identity: Identity,
}

/// The person a new identity (customer `customer_id`) joins: the person of
/// the earliest other identity that is the same person, else a person of
/// its own (numbered by its customer id).
pub fn person_for(
    customer_id: i64,
    identity: &Identity,
    candidates: impl IntoIterator<Item = PersonCandidate>,
) -> i64 {
    candidates
        .into_iter()
        .filter(|c| c.customer_id != customer_id && identity.same_person(&c.identity))
        .min_by_key(|c| c.customer_id)
        .map_or(customer_id, |c| c.person_id)
}

/// The quotas of one brand × plugin key-value namespace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KvQuota {
    /// Most keys.
    pub max_keys: u64,
    /// Most bytes of keys and values together.
    pub max_bytes: u64,
    /// Longest key, in bytes.
    pub max_key_bytes: usize,
    /// Largest value, in bytes.
    pub max_value_bytes: usize,
}

/// What a key-value namespace holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct KvUsage {
    /// Keys.
    pub keys: u64,
    /// Bytes of keys and values together.
    pub bytes: u64,
}

/// Why a key-value write was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KvQuotaExceeded {
    /// The key is too long.
    #[error("key of {len} bytes exceeds {max}")]
    KeyTooLong {
        /// Its length.
        len: usize,
        /// The quota.
        max: usize,
    },
    /// The value is too large.
    #[error("value of {len} bytes exceeds {max}")]
    ValueTooLarge {
        /// Its length.
        len: usize,
        /// The quota.
        max: usize,
    },
    /// The namespace would hold too many keys.
    #[error("more than {max} keys")]
    TooManyKeys {
        /// The quota.
        max: u64,
    },
    /// The namespace would hold too many bytes.
    #[error("more than {max} bytes of keys and values")]
    TooManyBytes {
        /// The quota.
        max: u64,
    },
}

/// The bytes an entry counts for: its key's and its value's.
pub fn kv_entry_bytes(key: &str, value: &[u8]) -> u64 {
    (key.len() + value.len()) as u64
}

/// Whether a namespace holding `usage` may store `value` under `key`,
/// replacing an entry of `replaced` bytes if the key is already there
/// (an overwrite is not a new key, and only its growth counts).
pub fn kv_admit(
    quota: &KvQuota,
    usage: KvUsage,
    key: &str,
    value: &[u8],
    replaced: Option<u64>,
) -> Result<(), KvQuotaExceeded> {
    if key.len() > quota.max_key_bytes {
        return Err(KvQuotaExceeded::KeyTooLong {
            len: key.len(),
            max: quota.max_key_bytes,
        });
    }
    if value.len() > quota.max_value_bytes {
        return Err(KvQuotaExceeded::ValueTooLarge {
            len: value.len(),
            max: quota.max_value_bytes,
        });
    }
    if replaced.is_none() && usage.keys >= quota.max_keys {
        return Err(KvQuotaExceeded::TooManyKeys {
            max: quota.max_keys,
        });
    }
    let bytes = usage.bytes - replaced.unwrap_or(0).min(usage.bytes) + kv_entry_bytes(key, value);
    if bytes > quota.max_bytes {
        return Err(KvQuotaExceeded::TooManyBytes {
            max: quota.max_bytes,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_conversation_keeps_its_highest_priority() {
        assert_eq!(escalate(None, Priority::Low), Priority::Low);
        assert_eq!(
            escalate(Some(Priority::Urgent), Priority::Normal),
            Priority::Urgent
        );
        assert_eq!(
            escalate(Some(Priority::Normal), Priority::High),
            Priority::High
        );
    }

    #[test]
    fn a_conversation_keeps_its_tightest_due_time() {
        assert_eq!(earliest_due(None, 50), 50);
        assert_eq!(earliest_due(Some(40), 50), 40);
        assert_eq!(earliest_due(Some(60), 50), 50);
    }

    #[test]
    fn only_open_conversations_are_overdue() {
        assert!(overdue("open", Some(1), None, 2));
        assert!(!overdue("open", Some(2), None, 2));
        assert!(!overdue("resolved", Some(1), None, 2));
        assert!(!overdue("open", None, None, 2));
        assert!(!overdue("open", Some(1), Some(3), 4), "a reply went out");
    }

    #[test]
    fn a_send_accepts_its_suggestion_unless_the_text_changed() {
        assert_eq!(verdict_of_send("Hi Ana.", " Hi Ana.\n"), Verdict::Accepted);
        assert_eq!(
            verdict_of_send("Hi Ana.", "Hi Ana, sorted."),
            Verdict::Edited {
                final_text: "Hi Ana, sorted.".to_owned()
            }
        );
    }

    #[test]
    fn verdicts_are_stored_and_read_back() {
        let verdicts = [
            Verdict::Accepted,
            Verdict::Edited {
                final_text: "Loud and clear!".into(),
            },
            Verdict::Rejected {
                reason: "off topic".into(),
            },
        ];
        for verdict in &verdicts {
            let record = FeedbackRecord::new(verdict, "Loud and clear.");
            let back = verdict_from(
                Some(record.verdict),
                record.final_text.map(str::to_owned),
                record.reason.map(str::to_owned),
            );
            assert_eq!(back.as_ref(), Some(verdict));
        }
        assert_eq!(verdict_from(None, None, None), None);
        assert_eq!(verdict_from(Some("shrugged"), None, None), None);
    }

    #[test]
    fn an_edit_keeps_its_word_diff() {
        let edited = Verdict::Edited {
            final_text: "We will refund you tomorrow.".into(),
        };
        let record = FeedbackRecord::new(&edited, "We will refund you today.");
        assert_eq!(
            record.diff.as_deref(),
            Some(word_diff(
                "We will refund you today.",
                "We will refund you tomorrow."
            ))
            .as_deref()
        );
        assert!(record.diff.is_some_and(|d| d.contains("{+tomorrow.+}")));
        assert_eq!(FeedbackRecord::new(&Verdict::Accepted, "x").diff, None);
    }

    #[test]
    fn stats_weigh_each_suggestions_latest_verdict() {
        let verdict = |strategy: &str, intent: &str, verdict: &str| LatestVerdict {
            strategy: strategy.into(),
            intent: intent.into(),
            verdict: verdict.into(),
        };
        let stats = strategy_stats([
            verdict("ask-detail", "refund", "accepted"),
            verdict("ask-detail", "refund", "edited"),
            verdict("ask-detail", "refund", "rejected"),
            verdict("apologize", "", "edited"),
        ]);
        assert_eq!(
            stats,
            [
                StrategyStat {
                    strategy: "apologize".into(),
                    intent: String::new(),
                    trials: 1.0,
                    successes: 0.5,
                },
                StrategyStat {
                    strategy: "ask-detail".into(),
                    intent: "refund".into(),
                    trials: 3.0,
                    successes: 1.5,
                },
            ]
        );
    }

    #[test]
    fn a_new_identity_joins_the_earliest_matching_person() {
        let identity = |email: Option<&str>, handle: Option<&str>| Identity {
            email: email.map(str::to_owned),
            handle: handle.map(str::to_owned),
        };
        let candidate = |customer_id, person_id, id: Identity| PersonCandidate {
            customer_id,
            person_id,
            identity: id,
        };
        let new = identity(Some("Joana@Example.com"), None);
        let candidates = vec![
            candidate(7, 3, identity(None, Some("joana"))),
            candidate(5, 2, identity(Some("joana@example.com"), None)),
            candidate(4, 1, identity(Some("someone@example.com"), None)),
            candidate(9, 9, identity(Some("joana@example.com"), None)),
        ];
        assert_eq!(person_for(10, &new, candidates.clone()), 2);
        assert_eq!(
            person_for(10, &identity(None, Some("JOANA")), candidates.clone()),
            3
        );
        assert_eq!(person_for(10, &identity(None, None), candidates), 10);
        assert_eq!(
            person_for(5, &new, [candidate(5, 2, new.clone())]),
            5,
            "never itself"
        );
    }

    #[test]
    fn key_value_quotas_count_keys_and_bytes() {
        let quota = KvQuota {
            max_keys: 2,
            max_bytes: 20,
            max_key_bytes: 4,
            max_value_bytes: 8,
        };
        let empty = KvUsage::default();
        assert_eq!(kv_admit(&quota, empty, "k", b"12345678", None), Ok(()));
        assert_eq!(
            kv_admit(&quota, empty, "long-key", b"", None),
            Err(KvQuotaExceeded::KeyTooLong { len: 8, max: 4 })
        );
        assert_eq!(
            kv_admit(&quota, empty, "k", b"123456789", None),
            Err(KvQuotaExceeded::ValueTooLarge { len: 9, max: 8 })
        );
        let full = KvUsage { keys: 2, bytes: 18 };
        assert_eq!(
            kv_admit(&quota, full, "new", b"", None),
            Err(KvQuotaExceeded::TooManyKeys { max: 2 })
        );
        // An overwrite is not a new key; only its growth counts.
        assert_eq!(kv_admit(&quota, full, "k", b"1234567", Some(9)), Ok(()));
        assert_eq!(
            kv_admit(&quota, full, "k", b"12345678", Some(6)),
            Err(KvQuotaExceeded::TooManyBytes { max: 20 })
        );
        assert_eq!(kv_entry_bytes("ké", b"v"), 4, "bytes, not characters");
    }
}
