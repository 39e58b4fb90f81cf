//! The outbox's records: a reply an agent sends, as the API queues it; the
//! work the sender claims; how one attempt ended; and the reply as the
//! conversation shows it.

use serde::Serialize;

use crate::model::{Message, Timestamp};

/// A reply to queue for sending ([`super::Store::queue_reply`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewReply {
    /// The conversation it answers.
    pub conversation_id: i64,
    /// The customer's message it answers (the conversation's latest).
    pub message_id: i64,
    /// The suggestion it was sent from, if any.
    pub suggestion_id: Option<i64>,
    /// The text, through the voice gate.
    pub text: String,
    /// The key that makes queueing and sending idempotent: queueing the
    /// same key twice returns the first reply, and plugins hand it to
    /// platforms that deduplicate.
    pub idempotency_key: String,
    /// When it was queued; its first attempt is due then.
    pub now: Timestamp,
}

/// A queued reply the sender claimed, with the customer's message it
/// answers.
#[derive(Debug, Clone)]
pub struct SendJob {
    /// Outbox row id.
    pub id: i64,
    /// Brand id.
    pub brand: String,
    /// Channel name.
    pub channel: String,
    /// The conversation.
    pub conversation_id: i64,
    /// The customer's message answered, as `listen` made it.
    pub message: Message,
    /// The suggestion it was sent from, if any.
    pub suggestion_id: Option<i64>,
    /// The text.
    pub text: String,
    /// Its idempotency key.
    pub idempotency_key: String,
    /// Attempts made before this one.
    pub attempts: u32,
    /// Requests of the reply already sent (a reply may take several; a
    /// retry resumes after them).
    pub progress: u32,
}

/// How an attempt to send ended ([`super::Store::finish_send`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SendOutcome {
    /// Every request was acknowledged.
    Sent {
        /// The platform's id of what was sent, when it returns one.
        platform_id: Option<String>,
        /// When the last acknowledgement came.
        at: Timestamp,
    },
    /// A failure worth retrying (a 5xx, a 429, a network error).
    Retry {
        /// Requests acknowledged so far.
        progress: u32,
        /// When to try again.
        next_at: Timestamp,
        /// What went wrong.
        reason: String,
    },
    /// A failure retrying cannot fix (a refusal, a plugin error, a host
    /// outside the allowlist), or the last attempt.
    Failed {
        /// Requests acknowledged before it.
        progress: u32,
        /// Why.
        reason: String,
    },
}

/// A reply as the conversation shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct SentReply {
    /// Outbox row id.
    pub id: i64,
    /// `queued`, `sent` or `failed`.
    pub status: String,
    /// The text sent (or to send).
    pub text: String,
    /// The suggestion it came from, if any.
    pub suggestion_id: Option<i64>,
    /// The message it answers.
    pub message_id: i64,
    /// Attempts made.
    pub attempts: i64,
    /// When the next attempt is due, while queued.
    pub next_attempt_at: Option<Timestamp>,
    /// The platform's id of what was sent.
    pub platform_id: Option<String>,
    /// The last failure: why it was retried, or why it failed.
    pub error: Option<String>,
    /// When it was queued.
    pub created_at: Timestamp,
    /// When the platform acknowledged it.
    pub sent_at: Option<Timestamp>,
}
