//! The system of record: a durable ledger of every inbound request, dead
//! letters, customers, conversations, messages, triage, suggestions and
//! agent feedback.
//!
//! [`Store`] is the interface the server uses. Its parts, each importing
//! only downwards (this file imports none of them):
//!
//! - [`recording`] and [`rules`]: the domain rules every backend calls
//!   (what becomes of a heard message, priority escalation, verdict
//!   weights, identity merging, edit diffs), in plain Rust;
//! - [`agents`]: the inbox's agents and their sessions;
//! - [`outbox`]: replies queued for sending, and how each attempt ended;
//! - [`page`]: cursor paging of long lists;
//! - `rows`: the rows the SQL layer reads, derived with `sqlx::FromRow`
//!   and converted into the types below;
//! - [`sql`]: the SQL backend ([`sql::SqlStore`]), embedded SQLite by
//!   default.

pub mod agents;
pub mod outbox;
pub mod page;
pub mod recording;
mod rows;
pub mod rules;
pub mod sql;

use std::future::Future;
use std::path::PathBuf;
use std::sync::Arc;

use serde::Serialize;

use crate::model::{
    HttpRequest, Message, MessageKind, PastConversation, Priority, Route, Suggestion, Timestamp,
    Triage,
};
use crate::review::{DroppedSuggestion, Review, StrategyStat, VoiceReview};

pub use agents::{AgentLogin, AgentSession, NewSession};
pub use outbox::{NewReply, SendJob, SendOutcome, SentReply};
pub use page::{Cursor, Page, PageError, Paged};
pub(crate) use rows::{from_word, word};

/// Row id of a ledger entry.
pub type LedgerId = i64;

/// Why a store operation failed. Every variant keeps the error it comes
/// from as its [`std::error::Error::source`].
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database failed (unreachable, constraint, I/O...).
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    /// A batch of ledger appends failed; every append in it gets this.
    #[error("ledger append: {0}")]
    Ledger(#[source] Arc<sqlx::Error>),
    /// The schema could not be migrated.
    #[error("migrations: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// The database's directory could not be created.
    #[error("{}: {source}", path.display())]
    Directory {
        /// The directory.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// Stored data could not be decoded, or a value could not be encoded.
    #[error("corrupt record: {what}: {source}")]
    Corrupt {
        /// What was being decoded or encoded.
        what: &'static str,
        /// The JSON error.
        #[source]
        source: serde_json::Error,
    },
    /// A plugin's key-value write is over its namespace's quota.
    #[error("key-value quota: {0}")]
    KvQuota(#[from] rules::KvQuotaExceeded),
    /// The store is shutting down.
    #[error("the store is closed")]
    Closed,
}

/// A plugin's key-value namespace: one per brand × plugin.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct KvNamespace {
    /// Brand id.
    pub brand: String,
    /// Plugin name.
    pub plugin: String,
}

/// A raw inbound request, as appended to the ledger.
#[derive(Debug, Clone)]
pub struct LedgerEntry {
    /// Row id.
    pub id: LedgerId,
    /// Brand id.
    pub brand: String,
    /// Channel name.
    pub channel: String,
    /// When the host received it.
    pub received_at: Timestamp,
    /// The request, byte for byte.
    pub request: HttpRequest,
}

/// What became of a ledger entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LedgerStatus {
    /// Not yet listened to (only between acknowledgement and processing).
    Received,
    /// Messages were recorded.
    Listened,
    /// A handshake was answered.
    Responded,
    /// Valid but nothing to answer (or only edits and deletions of
    /// messages never stored).
    Ignored,
    /// Every message in it was already stored (the platform delivered the
    /// same message again, under another delivery id).
    Duplicate,
    /// Failed; see dead letters.
    Dead,
}

impl LedgerStatus {
    /// The stored word.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Received => "received",
            Self::Listened => "listened",
            Self::Responded => "responded",
            Self::Ignored => "ignored",
            Self::Duplicate => "duplicate",
            Self::Dead => "dead",
        }
    }
}

/// What recording one message came to (see [`recording::decide`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Recorded {
    /// Stored.
    New,
    /// Not stored: the same platform message is already stored.
    Duplicate {
        /// The message's [`recording::platform_key`].
        key: String,
    },
    /// Not stored: an edit or deletion of a message Chorus never stored.
    UnknownOriginal {
        /// Edit or deletion.
        kind: MessageKind,
        /// The external id it names.
        external_id: String,
    },
}

/// A host's claim on work, for [`Store::claim_messages`] and
/// [`Store::claim_unlistened`]: who takes it, when, and until when. Work
/// whose lease expired (its host died, or took too long) may be claimed by
/// another host; completing it twice stores it once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lease {
    /// The host taking the work: unique per process ([`Lease::host_id`]).
    pub owner: Arc<str>,
    /// When the claim is made.
    pub now: Timestamp,
    /// How long it lasts, in milliseconds.
    pub duration_ms: i64,
}

impl Lease {
    /// A lease for `owner` from `now`, lasting `duration_ms`.
    pub fn new(owner: Arc<str>, now: Timestamp, duration_ms: i64) -> Self {
        Self {
            owner,
            now,
            duration_ms,
        }
    }

    /// When the claim ends.
    pub fn until(&self) -> Timestamp {
        self.now.saturating_add(self.duration_ms)
    }

    /// An id for this process, unique among the hosts sharing a database:
    /// the machine's name, the process id and the start time.
    pub fn host_id() -> String {
        let machine = std::fs::read_to_string("/proc/sys/kernel/hostname")
            .map(|name| name.trim().to_owned())
            .ok()
            .filter(|name| !name.is_empty())
            .unwrap_or_else(|| "host".to_owned());
        let started = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default();
        format!("{machine}:{}:{started:x}", std::process::id())
    }
}

/// A message waiting for triage and suggestions.
#[derive(Debug, Clone)]
pub struct PendingMessage {
    /// Row id.
    pub id: i64,
    /// Its conversation.
    pub conversation_id: i64,
    /// When its conversation opened (SLA clocks start there).
    pub conversation_opened_at: Timestamp,
    /// Brand id.
    pub brand: String,
    /// Channel name.
    pub channel: String,
    /// The message.
    pub message: Message,
}

/// A message's triage and reviewed suggestions, ready to store with
/// [`Store::complete_messages`].
#[derive(Debug, Clone)]
pub struct Completion {
    /// The message's row id.
    pub id: i64,
    /// Its triage.
    pub triage: Triage,
    /// Its suggestions, through the voice gate.
    pub review: Review,
    /// First response due, by the message's priority.
    pub due: Timestamp,
}

/// What the store knows of a customer's other conversations (across their
/// linked identities).
#[derive(Debug, Clone, Default)]
pub struct CustomerHistory {
    /// The person the identity belongs to, when known.
    pub person_id: Option<i64>,
    /// Other conversations, newest first.
    pub conversations: Vec<PastConversation>,
    /// Of those, still open.
    pub open: u32,
}

/// A dead letter.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DeadLetter {
    /// Row id.
    pub id: i64,
    /// The ledger entry.
    pub ledger_id: LedgerId,
    /// Brand id.
    pub brand: String,
    /// Channel name.
    pub channel: String,
    /// Error kind, e.g. `bad-input`, `trap`, `timeout`.
    pub kind: String,
    /// Why.
    pub reason: String,
    /// When.
    pub created_at: Timestamp,
}

/// Inbox filters; `None` means any.
#[derive(Debug, Clone, Default)]
pub struct InboxFilter {
    /// `open` or `resolved`.
    pub status: Option<String>,
    /// Priority.
    pub priority: Option<Priority>,
    /// Route.
    pub route: Option<Route>,
    /// Channel name.
    pub channel: Option<String>,
    /// A label agents put on the conversation.
    pub label: Option<String>,
    /// Whom it is assigned to.
    pub assignee: Option<Assignee>,
}

/// Whom a conversation is assigned to, as a filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Assignee {
    /// This agent.
    Agent(i64),
    /// No one.
    Nobody,
}

/// A note an agent left on a conversation for colleagues.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema, sqlx::FromRow)]
pub struct Note {
    /// Row id.
    pub id: i64,
    /// Who wrote it.
    pub agent_name: String,
    /// What.
    pub text: String,
    /// When.
    pub created_at: Timestamp,
}

/// An agent of a brand, as colleagues see them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema, sqlx::FromRow)]
pub struct Colleague {
    /// Row id.
    pub id: i64,
    /// Name.
    pub name: String,
}

/// A customer record.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema, sqlx::FromRow)]
pub struct Customer {
    /// Row id.
    pub id: i64,
    /// Channel of this identity.
    pub channel: String,
    /// Platform id.
    pub author_id: String,
    /// Handle.
    pub handle: Option<String>,
    /// Display name.
    pub display_name: Option<String>,
    /// Email.
    pub email: Option<String>,
}

/// One inbox row.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ConversationSummary {
    /// Row id.
    pub id: i64,
    /// Channel name.
    pub channel: String,
    /// `open` or `resolved`.
    pub status: String,
    /// Highest priority so far.
    pub priority: Option<Priority>,
    /// Latest route.
    pub route: Option<Route>,
    /// Latest intent.
    pub intent: Option<String>,
    /// When it opened.
    pub opened_at: Timestamp,
    /// First response due.
    pub first_response_due: Option<Timestamp>,
    /// When the first reply went out (the SLA is met then).
    pub first_response_at: Option<Timestamp>,
    /// The agent it is assigned to, by id and name.
    pub assignee: Option<Colleague>,
    /// Labels agents put on it, sorted.
    pub labels: Vec<String>,
    /// Whether the first response is overdue.
    pub overdue: bool,
    /// The customer.
    pub customer: Customer,
}

/// Agent feedback on a suggestion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize, utoipa::ToSchema)]
#[serde(tag = "verdict", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Verdict {
    /// Sent as suggested.
    Accepted,
    /// Sent after editing; the final text.
    Edited {
        /// What was sent.
        final_text: String,
    },
    /// Not used; why.
    Rejected {
        /// Why.
        reason: String,
    },
}

/// A stored suggestion with its feedback.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct StoredSuggestion {
    /// Row id (used by the feedback route).
    pub id: i64,
    /// Rank, 0 is best.
    pub rank: i64,
    /// The suggestion.
    #[serde(flatten)]
    pub suggestion: Suggestion,
    /// Feedback given, if any.
    pub feedback: Option<Verdict>,
    /// The voice gate's scores, fixes and warnings.
    pub review: Option<VoiceReview>,
}

/// A text an agent sent after editing a suggestion: an example of the
/// brand's voice, with what was changed. Its fields are its table's
/// columns, so it is read as a row directly.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema, sqlx::FromRow)]
pub struct VoiceExample {
    /// Row id.
    pub id: i64,
    /// The suggestion it was edited from.
    pub suggestion_id: i64,
    /// Channel name.
    pub channel: String,
    /// Intent of the message answered.
    pub intent: String,
    /// Strategy of the suggestion.
    pub strategy: String,
    /// What the agent sent.
    pub text: String,
    /// Word diff from the suggestion: `[-removed-]{+added+}`.
    pub diff: String,
    /// When.
    pub created_at: Timestamp,
}

/// A stored message with what was made of it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MessageDetail {
    /// Row id.
    pub id: i64,
    /// The message.
    pub message: Message,
    /// Its triage, when done.
    pub triage: Option<Triage>,
    /// `pending`, `done` or `failed`.
    pub status: String,
    /// The failure, when failed.
    pub error: Option<String>,
    /// Suggestions, best first.
    pub suggestions: Vec<StoredSuggestion>,
    /// Suggestions the voice gate refused, with why.
    pub dropped_suggestions: Vec<DroppedSuggestion>,
}

/// A conversation with its messages.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ConversationDetail {
    /// The inbox row.
    #[serde(flatten)]
    pub summary: ConversationSummary,
    /// Messages, oldest first.
    pub messages: Vec<MessageDetail>,
    /// The customer's other conversations (linked identities included), newest first.
    pub history: Vec<PastConversation>,
    /// Replies sent or being sent from the inbox, oldest first.
    pub replies: Vec<SentReply>,
    /// Notes agents left for colleagues, oldest first.
    pub notes: Vec<Note>,
    /// The customer's other identities linked to the same person (another
    /// channel, another address).
    pub identities: Vec<Customer>,
}

/// What the server needs from storage. Every read is scoped to a brand.
/// A clone is another handle on the same store.
pub trait Store: Clone + Send + Sync + 'static {
    /// Appends a raw request and returns once it is durable.
    fn append(
        &self,
        brand: &str,
        channel: &str,
        received_at: Timestamp,
        request: &HttpRequest,
    ) -> impl Future<Output = Result<LedgerId, StoreError>> + Send;

    /// Entries still `received` (acknowledged but not processed), all of
    /// them: what an operator's replay runs.
    fn unprocessed(&self) -> impl Future<Output = Result<Vec<LedgerEntry>, StoreError>> + Send;

    /// Claims up to `limit` entries still `received` whose host gave up on
    /// them: leased to another host that let the lease expire, or never
    /// leased and received more than a lease's duration ago (their host died
    /// between the acknowledgement and the listening). Each is leased to
    /// `lease`'s owner; several hosts claiming at once never get the same
    /// entry. Oldest first.
    fn claim_unlistened(
        &self,
        lease: &Lease,
        limit: u32,
    ) -> impl Future<Output = Result<Vec<LedgerEntry>, StoreError>> + Send;

    /// Marks a ledger entry.
    fn set_status(
        &self,
        id: LedgerId,
        status: LedgerStatus,
        detail: Option<&str>,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// Records a failure: a dead letter, and the entry marked dead.
    fn dead_letter(
        &self,
        entry: &LedgerEntry,
        kind: &str,
        reason: &str,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// Records the messages of a ledger entry by the rule of
    /// [`recording::decide`]: idempotent on brand, channel and
    /// [`recording::platform_key`]; an edit or deletion joins its original's
    /// conversation, or is not stored when there is none. Customers and
    /// conversations are created as needed and the entry is marked by
    /// [`recording::ledger_outcome`] — in one transaction, which the SQL
    /// store shares with the entries recorded at the same moment (one
    /// durable commit for all; an entry that fails is recorded again on
    /// its own, so it fails alone). Returns what became of each message,
    /// in order.
    fn record_messages(
        &self,
        entry: &LedgerEntry,
        messages: &[Message],
    ) -> impl Future<Output = Result<Vec<Recorded>, StoreError>> + Send;

    /// Claims up to `conversations` conversations with messages waiting for
    /// triage, whose lease is free or expired, for `lease`'s owner, and
    /// returns their pending messages, oldest first. A conversation's
    /// messages are claimed together: one host triages a thread, in order.
    /// Hosts claiming at once never get the same conversation (PostgreSQL:
    /// `FOR UPDATE SKIP LOCKED`).
    fn claim_messages(
        &self,
        lease: &Lease,
        conversations: u32,
    ) -> impl Future<Output = Result<Vec<PendingMessage>, StoreError>> + Send;

    /// For each of `completions`, in order: stores the message's triage and
    /// reviewed suggestions (kept and dropped) and updates its conversation
    /// (priority, route, intent, and first-response due: the earliest of
    /// the current one and the completion's); then ends `lease` (the
    /// conversations it claimed may be claimed again). A message that is no
    /// longer pending (another host completed it after this host's lease
    /// expired) is left as it is: nothing is stored twice. One transaction:
    /// all are stored, or none (group commit: one durable commit for the
    /// batch).
    fn complete_messages(
        &self,
        lease: &Lease,
        completions: &[Completion],
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// Wakes this host's worker, by calling `wake`, whenever another host
    /// sharing the database records work, until the process ends
    /// (PostgreSQL: `LISTEN`/`NOTIFY`). Returns at once on a backend no
    /// other host can share (SQLite).
    fn watch_work(
        &self,
        wake: impl Fn() + Send + Sync + 'static,
    ) -> impl Future<Output = ()> + Send;

    /// Marks a message's triage as failed, unless it is no longer pending.
    fn fail_message(
        &self,
        id: i64,
        error: &str,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// A page of the brand's inbox, by first-response due time (none
    /// last), then id. The cursor is the due time (`i64::MAX` for none)
    /// and the id of the page's last conversation; a conversation whose due
    /// time changes while a client pages may move across it.
    fn inbox(
        &self,
        brand: &str,
        filter: &InboxFilter,
        page: &Page,
        now: Timestamp,
    ) -> impl Future<Output = Result<Paged<ConversationSummary>, StoreError>> + Send;

    /// One conversation of the brand.
    fn conversation(
        &self,
        brand: &str,
        id: i64,
        now: Timestamp,
    ) -> impl Future<Output = Result<Option<ConversationDetail>, StoreError>> + Send;

    /// Resolves a conversation of the brand; false if there is none.
    fn resolve(
        &self,
        brand: &str,
        id: i64,
        now: Timestamp,
    ) -> impl Future<Output = Result<bool, StoreError>> + Send;

    /// Records feedback on a suggestion of the brand; false if there is none.
    /// An edit is stored with its word diff and becomes a voice example.
    fn feedback(
        &self,
        brand: &str,
        suggestion_id: i64,
        verdict: &Verdict,
        now: Timestamp,
    ) -> impl Future<Output = Result<bool, StoreError>> + Send;

    /// How many of the brand's messages received at or after `since` were
    /// triaged with one of `intents` (for incident bursts).
    fn recent_with_intent(
        &self,
        brand: &str,
        intents: &[&str],
        since: Timestamp,
    ) -> impl Future<Output = Result<u64, StoreError>> + Send;

    /// Feedback counts per strategy and intent, for the brand's learnt
    /// ranking priors.
    fn strategy_stats(
        &self,
        brand: &str,
    ) -> impl Future<Output = Result<Vec<StrategyStat>, StoreError>> + Send;

    /// The brand's voice examples (edited suggestions), newest first.
    fn voice_examples(
        &self,
        brand: &str,
        limit: u32,
    ) -> impl Future<Output = Result<Vec<VoiceExample>, StoreError>> + Send;

    /// A page of dead letters, newest first (the cursor is the id).
    fn dead_letters(
        &self,
        page: &Page,
    ) -> impl Future<Output = Result<Paged<DeadLetter>, StoreError>> + Send;

    /// Dead letters not yet replayed, created at or after `since`, oldest
    /// first, with their ledger entries.
    fn replayable(
        &self,
        since: Timestamp,
    ) -> impl Future<Output = Result<Vec<(DeadLetter, LedgerEntry)>, StoreError>> + Send;

    /// Marks a dead letter as replayed.
    fn mark_replayed(
        &self,
        id: i64,
        now: Timestamp,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// The customer's other conversations (all linked identities),
    /// excluding `current_conversation`, newest first, at most `limit`.
    fn customer_history(
        &self,
        brand: &str,
        channel: &str,
        author_id: &str,
        current_conversation: i64,
        limit: u32,
    ) -> impl Future<Output = Result<CustomerHistory, StoreError>> + Send;

    /// Links customer `other` (and everyone linked to it) to `customer`'s
    /// person; false if either is not the brand's.
    fn link_customers(
        &self,
        brand: &str,
        customer: i64,
        other: i64,
    ) -> impl Future<Output = Result<bool, StoreError>> + Send;

    /// Queues a reply of the brand for sending; `None` when its
    /// conversation, message or suggestion is not the brand's. Queueing an
    /// idempotency key again returns the reply first queued with it.
    /// Durable when it returns.
    fn queue_reply(
        &self,
        brand: &str,
        reply: &NewReply,
    ) -> impl Future<Output = Result<Option<SentReply>, StoreError>> + Send;

    /// Claims up to `limit` queued replies due at `lease.now`, whose lease
    /// is free or expired, for `lease`'s owner, oldest due first. Hosts
    /// claiming at once never get the same reply.
    fn claim_sends(
        &self,
        lease: &Lease,
        limit: u32,
    ) -> impl Future<Output = Result<Vec<SendJob>, StoreError>> + Send;

    /// Records how an attempt at `job` ended and frees its lease (nothing,
    /// when the lease passed to another host). A reply sent meets its
    /// conversation's first response and records feedback on its
    /// suggestion by [`rules::verdict_of_send`].
    fn finish_send(
        &self,
        lease: &Lease,
        job: &SendJob,
        outcome: &SendOutcome,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// When the earliest queued reply is due, if any is queued.
    fn next_send_due(&self) -> impl Future<Output = Result<Option<Timestamp>, StoreError>> + Send;

    /// Adds an agent to the brand, or replaces the name and password hash
    /// of its agent with this email (ending that agent's sessions); returns
    /// the agent's id.
    fn put_agent(
        &self,
        brand: &str,
        email: &str,
        name: &str,
        password_hash: &str,
        now: Timestamp,
    ) -> impl Future<Output = Result<i64, StoreError>> + Send;

    /// The brand's agent with this email, for signing in.
    fn agent_login(
        &self,
        brand: &str,
        email: &str,
    ) -> impl Future<Output = Result<Option<AgentLogin>, StoreError>> + Send;

    /// Opens an agent's session.
    fn open_session(
        &self,
        session: &NewSession,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// The session whose token hashes to `token_hash`, unless it expired
    /// by `now`.
    fn session(
        &self,
        token_hash: &str,
        now: Timestamp,
    ) -> impl Future<Output = Result<Option<AgentSession>, StoreError>> + Send;

    /// Ends the session whose token hashes to `token_hash` (signing out),
    /// and every session expired by `now`.
    fn end_session(
        &self,
        token_hash: &str,
        now: Timestamp,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// The brand's agents, by name.
    fn colleagues(
        &self,
        brand: &str,
    ) -> impl Future<Output = Result<Vec<Colleague>, StoreError>> + Send;

    /// Assigns a conversation of the brand to one of its agents, or to no
    /// one; false when either is not the brand's.
    fn assign(
        &self,
        brand: &str,
        conversation: i64,
        agent: Option<i64>,
    ) -> impl Future<Output = Result<bool, StoreError>> + Send;

    /// Puts a label on a conversation of the brand (once); false when the
    /// conversation is not the brand's.
    fn add_label(
        &self,
        brand: &str,
        conversation: i64,
        label: &str,
    ) -> impl Future<Output = Result<bool, StoreError>> + Send;

    /// Leaves a note on a conversation of the brand; false when the
    /// conversation or the agent is not the brand's.
    fn add_note(
        &self,
        brand: &str,
        conversation: i64,
        agent: i64,
        text: &str,
        now: Timestamp,
    ) -> impl Future<Output = Result<bool, StoreError>> + Send;

    /// Counts ledger entries and messages (for readiness and tests).
    fn counts(&self) -> impl Future<Output = Result<(i64, i64), StoreError>> + Send;

    /// The value a plugin stored under `key` in `space`, if any.
    fn kv_get(
        &self,
        space: &KvNamespace,
        key: &str,
    ) -> impl Future<Output = Result<Option<Vec<u8>>, StoreError>> + Send;

    /// Stores `value` under `key` in `space`, durably, when
    /// [`rules::kv_admit`] admits it under `quota`; otherwise
    /// [`StoreError::KvQuota`] and nothing changes.
    fn kv_set(
        &self,
        space: &KvNamespace,
        key: &str,
        value: &[u8],
        quota: &rules::KvQuota,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// Deletes `key` from `space`, if it is there.
    fn kv_delete(
        &self,
        space: &KvNamespace,
        key: &str,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;
}
