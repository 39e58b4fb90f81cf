//! The one rule, for every channel and every backend, of what becomes of a
//! message a plugin heard: stored as new, a duplicate of a message the
//! platform already delivered, or an edit or deletion of a message Chorus
//! never stored. A backend answers two questions (is this platform message
//! stored? where is the original?) and [`decide`] does the rest.

use crate::model::{Message, MessageKind};

use super::{LedgerStatus, Recorded};

/// The platform's identity of a message version, unique per brand and
/// channel: the same message delivered twice (a retry, or Slack's `message`
/// and `app_mention` for one mention) has the same key. An original and a
/// deletion are one per external id; an edit is one per delivery, since a
/// message can be edited many times.
pub fn platform_key(message: &Message) -> String {
    match message.kind {
        MessageKind::Original => format!("original:{}", message.external_id),
        MessageKind::Deletion => format!("deletion:{}", message.external_id),
        MessageKind::Edit => format!("edit:{}:{}", message.external_id, message.event_id),
    }
}

/// What the store holds of the message an edit or deletion applies to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredOriginal {
    /// Its conversation.
    pub conversation_id: i64,
    /// Its author's platform id.
    pub author_id: String,
}

/// What to do with one message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Store it; `in_conversation` is the original's conversation for an
    /// edit or deletion, `None` for a new message (its thread decides).
    Store {
        /// The conversation it joins, when it changes a stored message.
        in_conversation: Option<StoredOriginal>,
    },
    /// Already stored under the same [`platform_key`]: not again.
    Duplicate,
    /// An edit or deletion of a message Chorus never stored: never a
    /// conversation of its own, never triaged.
    UnknownOriginal,
}

/// Decides what becomes of `message`, given whether its [`platform_key`] is
/// already stored and the stored original it changes, if any.
pub fn decide(
    message: &Message,
    already_stored: bool,
    original: Option<StoredOriginal>,
) -> Decision {
    if already_stored {
        return Decision::Duplicate;
    }
    match (message.kind, original) {
        (MessageKind::Original, _) => Decision::Store {
            in_conversation: None,
        },
        (_, Some(original)) => Decision::Store {
            in_conversation: Some(original),
        },
        (_, None) => Decision::UnknownOriginal,
    }
}

/// The ledger status and detail of an entry whose messages came to
/// `results`: listened when one was new; otherwise `duplicate` or
/// `ignored`, with a reason naming each message that was not stored.
pub fn ledger_outcome(results: &[Recorded]) -> (LedgerStatus, Option<String>) {
    let reasons: Vec<String> = results
        .iter()
        .enumerate()
        .filter_map(|(i, result)| {
            let position = i + 1;
            match result {
                Recorded::New => None,
                Recorded::Duplicate { key } => Some(format!(
                    "message {position} is a duplicate of stored message {key}"
                )),
                Recorded::UnknownOriginal { kind, external_id } => Some(format!(
                    "message {position} is {} of message {external_id}, which Chorus never stored: ignored",
                    match kind {
                        MessageKind::Deletion => "a deletion",
                        _ => "an edit",
                    }
                )),
            }
        })
        .collect();
    let detail = (!reasons.is_empty()).then(|| reasons.join("; "));
    let status = if results.contains(&Recorded::New) {
        LedgerStatus::Listened
    } else if results
        .iter()
        .all(|r| matches!(r, Recorded::Duplicate { .. }))
    {
        LedgerStatus::Duplicate
    } else {
        LedgerStatus::Ignored
    };
    (status, detail)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Author, Visibility};

    fn message(kind: MessageKind, event_id: &str) -> Message {
        Message {
            event_id: event_id.into(),
            external_id: "1717430480.219309".into(),
            kind,
            thread_id: None,
            in_reply_to: None,
            author: Author {
                id: "U1".into(),
                handle: None,
                display_name: None,
                email: None,
                follower_count: None,
                verified: false,
            },
            text: String::new(),
            full_text: None,
            visibility: Visibility::Public,
            sent_at: None,
            language: None,
            attachments: Vec::new(),
            attributes: Vec::new(),
        }
    }

    #[test]
    fn one_platform_message_has_one_key_whatever_the_delivery() {
        let as_message = message(MessageKind::Original, "Ev1");
        let as_mention = message(MessageKind::Original, "Ev2");
        assert_eq!(platform_key(&as_message), platform_key(&as_mention));
        assert_ne!(
            platform_key(&message(MessageKind::Edit, "Ev3")),
            platform_key(&message(MessageKind::Edit, "Ev4")),
            "two edits are two versions"
        );
        assert_ne!(
            platform_key(&as_message),
            platform_key(&message(MessageKind::Deletion, "Ev1"))
        );
    }

    #[test]
    fn edits_and_deletions_need_their_original() {
        let original = StoredOriginal {
            conversation_id: 7,
            author_id: "U1".into(),
        };
        for kind in [MessageKind::Edit, MessageKind::Deletion] {
            assert_eq!(
                decide(&message(kind, "Ev1"), false, None),
                Decision::UnknownOriginal
            );
            assert_eq!(
                decide(&message(kind, "Ev1"), false, Some(original.clone())),
                Decision::Store {
                    in_conversation: Some(original.clone())
                }
            );
        }
        assert_eq!(
            decide(&message(MessageKind::Original, "Ev1"), false, None),
            Decision::Store {
                in_conversation: None
            }
        );
        assert_eq!(
            decide(&message(MessageKind::Original, "Ev1"), true, None),
            Decision::Duplicate
        );
    }

    #[test]
    fn the_ledger_says_why_nothing_was_stored() {
        assert_eq!(
            ledger_outcome(&[Recorded::New]),
            (LedgerStatus::Listened, None)
        );
        let duplicate = Recorded::Duplicate {
            key: "original:1".into(),
        };
        let (status, detail) = ledger_outcome(std::slice::from_ref(&duplicate));
        assert_eq!(status, LedgerStatus::Duplicate);
        assert!(detail.is_some_and(|d| d.contains("duplicate of stored message original:1")));
        let unknown = Recorded::UnknownOriginal {
            kind: MessageKind::Deletion,
            external_id: "42".into(),
        };
        let (status, detail) = ledger_outcome(&[duplicate, unknown]);
        assert_eq!(status, LedgerStatus::Ignored);
        assert!(detail.is_some_and(|d| d.contains("message 2 is a deletion of message 42")),);
    }
}
