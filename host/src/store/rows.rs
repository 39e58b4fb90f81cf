//! The rows the SQL layer reads, derived with `sqlx::FromRow` (columns by
//! name), and their conversion into the store's types; with the encoding of
//! values into columns (enum words, JSON).
//!
//! A column holding JSON is read as text and decoded here, so a corrupt
//! record is a [`StoreError::Corrupt`] naming what it was.

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::rules::{self, Identity, LatestVerdict, PersonCandidate};
use super::{
    Colleague, ConversationSummary, Customer, DeadLetter, LedgerEntry, MessageDetail,
    PendingMessage, StoreError, StoredSuggestion,
};
use crate::model::{HttpRequest, Message, PastConversation, Suggestion, Timestamp};
use crate::review::DroppedSuggestion;

/// The stored word of a kebab-case enum value (`high`, `take-private`).
pub(crate) fn word<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// The enum value of a stored word; `None` for none or an unknown word.
pub(crate) fn from_word<T: DeserializeOwned>(text: Option<String>) -> Option<T> {
    text.and_then(|t| serde_json::from_value(serde_json::Value::String(t)).ok())
}

/// Decodes a JSON column.
pub(super) fn from_json<T: DeserializeOwned>(
    text: &str,
    what: &'static str,
) -> Result<T, StoreError> {
    serde_json::from_str(text).map_err(|source| StoreError::Corrupt { what, source })
}

/// Encodes a value for a JSON column.
pub(super) fn to_json<T: Serialize>(value: &T, what: &'static str) -> Result<String, StoreError> {
    serde_json::to_string(value).map_err(|source| StoreError::Corrupt { what, source })
}

/// Columns of [`LedgerRow`], from the ledger aliased `l`.
pub(super) const LEDGER_COLUMNS: &str =
    "l.id, l.brand, l.channel, l.received_at, l.method, l.path, l.query, l.headers, l.body";

/// A ledger entry.
#[derive(Debug, sqlx::FromRow)]
pub(super) struct LedgerRow {
    id: i64,
    brand: String,
    channel: String,
    received_at: Timestamp,
    method: String,
    path: String,
    query: String,
    headers: String,
    body: Vec<u8>,
}

impl TryFrom<LedgerRow> for LedgerEntry {
    type Error = StoreError;

    fn try_from(row: LedgerRow) -> Result<Self, StoreError> {
        Ok(Self {
            id: row.id,
            brand: row.brand,
            channel: row.channel,
            received_at: row.received_at,
            request: HttpRequest {
                method: row.method,
                path: row.path,
                query: row.query,
                headers: from_json(&row.headers, "ledger headers")?,
                body: row.body,
            },
        })
    }
}

/// Columns of [`DeadLetterRow`], from the dead letters aliased `d`.
pub(super) const DEAD_LETTER_COLUMNS: &str =
    "d.id AS dead_id, d.ledger_id, d.brand, d.channel, d.kind, d.reason, d.created_at";

/// A dead letter.
#[derive(Debug, sqlx::FromRow)]
pub(super) struct DeadLetterRow {
    dead_id: i64,
    ledger_id: i64,
    brand: String,
    channel: String,
    kind: String,
    reason: String,
    created_at: Timestamp,
}

impl From<DeadLetterRow> for DeadLetter {
    fn from(row: DeadLetterRow) -> Self {
        Self {
            id: row.dead_id,
            ledger_id: row.ledger_id,
            brand: row.brand,
            channel: row.channel,
            kind: row.kind,
            reason: row.reason,
            created_at: row.created_at,
        }
    }
}

/// A dead letter with its ledger entry.
#[derive(Debug, sqlx::FromRow)]
pub(super) struct ReplayRow {
    #[sqlx(flatten)]
    dead: DeadLetterRow,
    #[sqlx(flatten)]
    ledger: LedgerRow,
}

impl TryFrom<ReplayRow> for (DeadLetter, LedgerEntry) {
    type Error = StoreError;

    fn try_from(row: ReplayRow) -> Result<Self, StoreError> {
        Ok((row.dead.into(), row.ledger.try_into()?))
    }
}

/// Columns of [`SummaryRow`]: conversations `c` joined with customers `u`.
pub(super) const SUMMARY_COLUMNS: &str =
    "c.id, c.channel, c.status, c.priority, c.route, c.intent, c.opened_at,
     c.first_response_due, c.first_response_at, u.id AS customer_id, u.author_id, u.handle, u.display_name, u.email,
     c.assignee, g.name AS assignee_name";

/// The tables [`SUMMARY_COLUMNS`] come from.
pub(super) const SUMMARY_FROM: &str = "conversations c JOIN customers u ON u.id = c.customer_id
     LEFT JOIN agents g ON g.id = c.assignee";

/// An inbox row.
#[derive(Debug, sqlx::FromRow)]
pub(super) struct SummaryRow {
    id: i64,
    channel: String,
    status: String,
    priority: Option<String>,
    route: Option<String>,
    intent: Option<String>,
    opened_at: Timestamp,
    first_response_due: Option<Timestamp>,
    first_response_at: Option<Timestamp>,
    customer_id: i64,
    author_id: String,
    handle: Option<String>,
    display_name: Option<String>,
    email: Option<String>,
    assignee: Option<i64>,
    assignee_name: Option<String>,
}

impl SummaryRow {
    /// The inbox row as seen at `now`.
    pub(super) fn at(self, now: Timestamp) -> ConversationSummary {
        ConversationSummary {
            id: self.id,
            overdue: rules::overdue(
                &self.status,
                self.first_response_due,
                self.first_response_at,
                now,
            ),
            status: self.status,
            priority: from_word(self.priority),
            route: from_word(self.route),
            intent: self.intent,
            opened_at: self.opened_at,
            first_response_due: self.first_response_due,
            first_response_at: self.first_response_at,
            assignee: self
                .assignee
                .zip(self.assignee_name)
                .map(|(id, name)| Colleague { id, name }),
            labels: Vec::new(),
            customer: Customer {
                id: self.customer_id,
                channel: self.channel.clone(),
                author_id: self.author_id,
                handle: self.handle,
                display_name: self.display_name,
                email: self.email,
            },
            channel: self.channel,
        }
    }
}

/// A message waiting for triage, with when its conversation opened.
#[derive(Debug, sqlx::FromRow)]
pub(super) struct PendingRow {
    id: i64,
    conversation_id: i64,
    opened_at: Timestamp,
    brand: String,
    channel: String,
    message: String,
}

impl TryFrom<PendingRow> for PendingMessage {
    type Error = StoreError;

    fn try_from(row: PendingRow) -> Result<Self, StoreError> {
        Ok(Self {
            id: row.id,
            conversation_id: row.conversation_id,
            conversation_opened_at: row.opened_at,
            brand: row.brand,
            channel: row.channel,
            message: from_json(&row.message, "message")?,
        })
    }
}

/// A stored message with its triage.
#[derive(Debug, sqlx::FromRow)]
pub(super) struct MessageRow {
    pub(super) id: i64,
    message: String,
    triage: Option<String>,
    status: String,
    error: Option<String>,
}

impl MessageRow {
    /// The message with its kept and dropped suggestions.
    pub(super) fn with(
        self,
        suggestions: Vec<StoredSuggestion>,
        dropped_suggestions: Vec<DroppedSuggestion>,
    ) -> Result<MessageDetail, StoreError> {
        Ok(MessageDetail {
            id: self.id,
            message: from_json(&self.message, "message")?,
            triage: self.triage.map(|t| from_json(&t, "triage")).transpose()?,
            status: self.status,
            error: self.error,
            suggestions,
            dropped_suggestions,
        })
    }
}

/// One of a customer's other conversations, with its first message.
#[derive(Debug, sqlx::FromRow)]
pub(super) struct HistoryRow {
    id: i64,
    channel: String,
    opened_at: Timestamp,
    intent: Option<String>,
    status: String,
    first: Option<String>,
}

impl From<HistoryRow> for PastConversation {
    fn from(row: HistoryRow) -> Self {
        // The summary is a courtesy: an unreadable first message leaves it
        // empty rather than failing the whole history.
        let summary = row
            .first
            .and_then(|m| serde_json::from_str::<Message>(&m).ok())
            .map(|m| m.text.chars().take(200).collect())
            .unwrap_or_default();
        Self {
            id: row.id.to_string(),
            channel: row.channel,
            opened_at: row.opened_at,
            intent: row.intent.unwrap_or_default(),
            status: row.status,
            summary,
        }
    }
}

/// A kept suggestion with its latest feedback.
#[derive(Debug, sqlx::FromRow)]
pub(super) struct SuggestionRow {
    id: i64,
    rank: i64,
    text: String,
    strategy: String,
    rationale: String,
    review: Option<String>,
    verdict: Option<String>,
    final_text: Option<String>,
    reason: Option<String>,
}

impl TryFrom<SuggestionRow> for StoredSuggestion {
    type Error = StoreError;

    fn try_from(row: SuggestionRow) -> Result<Self, StoreError> {
        Ok(Self {
            id: row.id,
            rank: row.rank,
            feedback: rules::verdict_from(row.verdict.as_deref(), row.final_text, row.reason),
            suggestion: Suggestion {
                text: row.text,
                strategy: row.strategy,
                rationale: row.rationale,
            },
            review: row.review.map(|r| from_json(&r, "review")).transpose()?,
        })
    }
}

/// A suggestion the voice gate refused.
#[derive(Debug, sqlx::FromRow)]
pub(super) struct DroppedRow {
    text: String,
    strategy: String,
    rationale: String,
    reason: String,
    rules: String,
}

impl TryFrom<DroppedRow> for DroppedSuggestion {
    type Error = StoreError;

    fn try_from(row: DroppedRow) -> Result<Self, StoreError> {
        Ok(Self {
            suggestion: Suggestion {
                text: row.text,
                strategy: row.strategy,
                rationale: row.rationale,
            },
            reason: row.reason,
            rules: from_json(&row.rules, "rules")?,
        })
    }
}

/// The suggestion feedback is given on, with what it answered.
#[derive(Debug, sqlx::FromRow)]
pub(super) struct FeedbackTargetRow {
    pub(super) text: String,
    pub(super) strategy: String,
    pub(super) channel: String,
    pub(super) intent: Option<String>,
}

/// The latest verdict on one suggestion.
#[derive(Debug, sqlx::FromRow)]
pub(super) struct LatestVerdictRow {
    strategy: String,
    intent: Option<String>,
    verdict: String,
}

impl From<LatestVerdictRow> for LatestVerdict {
    fn from(row: LatestVerdictRow) -> Self {
        Self {
            strategy: row.strategy,
            intent: row.intent.unwrap_or_default(),
            verdict: row.verdict,
        }
    }
}

/// A customer identity as [`rules::person_for`] weighs it.
#[derive(Debug, sqlx::FromRow)]
pub(super) struct IdentityRow {
    id: i64,
    person_id: Option<i64>,
    email: Option<String>,
    handle: Option<String>,
}

impl IdentityRow {
    /// Its id, person and identity.
    pub(super) fn into_parts(self) -> (i64, Option<i64>, Identity) {
        let identity = Identity {
            email: self.email,
            handle: self.handle,
        };
        (self.id, self.person_id, identity)
    }

    /// As a candidate person, when it has one.
    pub(super) fn candidate(self) -> Option<PersonCandidate> {
        let (customer_id, person_id, identity) = self.into_parts();
        Some(PersonCandidate {
            customer_id,
            person_id: person_id?,
            identity,
        })
    }
}
