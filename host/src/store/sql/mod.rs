//! The SQL backend: one set of queries, written once with `?`
//! placeholders, run through sqlx's `Any` driver on the backend the
//! storage URL names. What differs between backends is in [`dialect`];
//! the domain rules are in [`crate::store::rules`] and
//! [`crate::store::recording`].
//!
//! - [`copy`]: copying a whole store into an empty one (`chorus store migrate`);
//! - `ledger_writer`: group-committed ledger appends;
//! - `ledger`: the ledger's reads and status, dead letters, replay;
//! - `record`: recording heard messages, customers and conversations;
//! - `triage`: pending messages and their triage;
//! - `inbox`: conversations, resolution, customer history and links;
//! - `voice`: suggestions, feedback, voice examples, ranking priors;
//! - `agents`: the inbox's agents and sessions;
//! - `kv`: the plugins' durable key-value namespaces;
//! - `outbox`: replies queued for sending and their attempts;
//! - `notify`: waking the hosts sharing a PostgreSQL database.

mod agents;
mod batch;
pub mod copy;
mod db;
pub mod dialect;
mod inbox;
mod kv;
mod ledger;
mod ledger_writer;
mod notify;
mod outbox;
mod record;
mod record_writer;
pub mod testing;
#[cfg(test)]
mod tests;
mod triage;
mod voice;

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use sqlx::Executor;
use sqlx::any::AnyPoolOptions;
use tokio::sync::{mpsc, oneshot};

use self::db::Db;
use self::dialect::{Dialect, sqlite_path};
use self::ledger_writer::Append;
use super::rows::to_json;
use super::rules::KvQuota;
use super::{AgentLogin, AgentSession, Colleague, NewSession};
use super::{
    Completion, ConversationDetail, ConversationSummary, CustomerHistory, DeadLetter, InboxFilter,
    KvNamespace, Lease, LedgerEntry, LedgerId, LedgerStatus, NewReply, Page, Paged, PendingMessage,
    Recorded, SendJob, SendOutcome, SentReply, Store, StoreError, Verdict, VoiceExample,
};
use crate::model::{HttpRequest, Message, Timestamp};
use crate::review::StrategyStat;

/// Connections in the pool.
const MAX_CONNECTIONS: u32 = 8;

/// How long a query waits for a connection before it fails: when the
/// database is unreachable, requests get their 503 (with `Retry-After`)
/// well within the request timeout, instead of hanging.
const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(5);

/// The SQL store: a pool, its dialect and a group-committing ledger writer.
#[derive(Debug, Clone)]
pub struct SqlStore {
    db: Db,
    ledger: mpsc::Sender<Append>,
    /// Records heard messages in batches.
    recorder: mpsc::Sender<record_writer::Job>,
    /// The URL connected to, for [`Store::watch_work`]'s own connection.
    url: Arc<str>,
}

impl SqlStore {
    /// Opens and migrates the database at `url`: `postgres://…` (or
    /// `postgresql://…`), or `sqlite://path/to/file.db` or a path (created
    /// with its directory when missing).
    ///
    /// Fails when the database cannot be reached or created, or its schema
    /// cannot be migrated.
    pub async fn open(url: &str) -> Result<Self, StoreError> {
        sqlx::any::install_default_drivers();
        let dialect = Dialect::of_url(url);
        if dialect == Dialect::Sqlite {
            create_parent_dir(sqlite_path(url))?;
        }
        let connect_url = dialect.connect_url(url);
        let pool = AnyPoolOptions::new()
            .max_connections(MAX_CONNECTIONS)
            .acquire_timeout(ACQUIRE_TIMEOUT)
            .after_connect(move |connection, _| {
                Box::pin(async move {
                    if let Some(setup) = dialect.connection_setup() {
                        connection.execute(setup).await?;
                    }
                    Ok(())
                })
            })
            .connect(&connect_url)
            .await?;
        dialect.migrator().run(&pool).await?;
        let db = Db { pool, dialect };
        Ok(Self {
            recorder: record_writer::spawn(db.clone()),
            db,
            ledger: ledger_writer::spawn(connect_url.clone(), dialect),
            url: connect_url.into(),
        })
    }

    /// The backend in use.
    pub fn dialect(&self) -> Dialect {
        self.db.dialect
    }
}

fn create_parent_dir(path: &str) -> Result<(), StoreError> {
    match Path::new(path).parent() {
        Some(dir) if !dir.as_os_str().is_empty() => {
            std::fs::create_dir_all(dir).map_err(|source| StoreError::Directory {
                path: dir.to_path_buf(),
                source,
            })
        }
        _ => Ok(()),
    }
}

impl Store for SqlStore {
    async fn append(
        &self,
        brand: &str,
        channel: &str,
        received_at: Timestamp,
        request: &HttpRequest,
    ) -> Result<LedgerId, StoreError> {
        let (reply, answer) = oneshot::channel();
        let append = Append {
            brand: brand.to_owned(),
            channel: channel.to_owned(),
            received_at,
            headers: to_json(&request.headers, "ledger headers")?,
            request: request.clone(),
            reply,
        };
        self.ledger
            .send(append)
            .await
            .map_err(|_| StoreError::Closed)?;
        answer.await.map_err(|_| StoreError::Closed)?
    }

    async fn unprocessed(&self) -> Result<Vec<LedgerEntry>, StoreError> {
        ledger::unprocessed(&self.db).await
    }

    async fn set_status(
        &self,
        id: LedgerId,
        status: LedgerStatus,
        detail: Option<&str>,
    ) -> Result<(), StoreError> {
        ledger::set_status(&self.db, &self.db.pool, id, status, detail).await
    }

    async fn dead_letter(
        &self,
        entry: &LedgerEntry,
        kind: &str,
        reason: &str,
    ) -> Result<(), StoreError> {
        ledger::dead_letter(&self.db, entry, kind, reason).await
    }

    async fn record_messages(
        &self,
        entry: &LedgerEntry,
        messages: &[Message],
    ) -> Result<Vec<Recorded>, StoreError> {
        let (reply, answer) = oneshot::channel();
        let job = record_writer::Job {
            heard: record::Heard::of(entry),
            messages: messages.to_vec(),
            reply,
        };
        self.recorder
            .send(job)
            .await
            .map_err(|_| StoreError::Closed)?;
        answer.await.map_err(|_| StoreError::Closed)?
    }

    async fn claim_unlistened(
        &self,
        lease: &Lease,
        limit: u32,
    ) -> Result<Vec<LedgerEntry>, StoreError> {
        ledger::claim_unlistened(&self.db, lease, limit).await
    }

    async fn claim_messages(
        &self,
        lease: &Lease,
        conversations: u32,
    ) -> Result<Vec<PendingMessage>, StoreError> {
        triage::claim_messages(&self.db, lease, conversations).await
    }

    async fn complete_messages(
        &self,
        lease: &Lease,
        completions: &[Completion],
    ) -> Result<(), StoreError> {
        triage::complete_messages(&self.db, lease, completions).await
    }

    async fn watch_work(&self, wake: impl Fn() + Send + Sync + 'static) {
        if self.db.dialect == Dialect::Postgres {
            notify::watch(&self.url, wake).await;
        }
    }

    async fn fail_message(&self, id: i64, error: &str) -> Result<(), StoreError> {
        triage::fail_message(&self.db, id, error).await
    }

    async fn inbox(
        &self,
        brand: &str,
        filter: &InboxFilter,
        page: &Page,
        now: Timestamp,
    ) -> Result<Paged<ConversationSummary>, StoreError> {
        inbox::inbox(&self.db, brand, filter, page, now).await
    }

    async fn conversation(
        &self,
        brand: &str,
        id: i64,
        now: Timestamp,
    ) -> Result<Option<ConversationDetail>, StoreError> {
        inbox::conversation(&self.db, brand, id, now).await
    }

    async fn resolve(&self, brand: &str, id: i64, now: Timestamp) -> Result<bool, StoreError> {
        inbox::resolve(&self.db, brand, id, now).await
    }

    async fn feedback(
        &self,
        brand: &str,
        suggestion_id: i64,
        verdict: &Verdict,
        now: Timestamp,
    ) -> Result<bool, StoreError> {
        voice::record_feedback(&self.db, brand, suggestion_id, verdict, now).await
    }

    async fn recent_with_intent(
        &self,
        brand: &str,
        intents: &[&str],
        since: Timestamp,
    ) -> Result<u64, StoreError> {
        triage::recent_with_intent(&self.db, brand, intents, since).await
    }

    async fn strategy_stats(&self, brand: &str) -> Result<Vec<StrategyStat>, StoreError> {
        voice::strategy_stats(&self.db, brand).await
    }

    async fn voice_examples(
        &self,
        brand: &str,
        limit: u32,
    ) -> Result<Vec<VoiceExample>, StoreError> {
        voice::voice_examples(&self.db, brand, limit).await
    }

    async fn dead_letters(&self, page: &Page) -> Result<Paged<DeadLetter>, StoreError> {
        ledger::dead_letters(&self.db, page).await
    }

    async fn replayable(
        &self,
        since: Timestamp,
    ) -> Result<Vec<(DeadLetter, LedgerEntry)>, StoreError> {
        ledger::replayable(&self.db, since).await
    }

    async fn mark_replayed(&self, id: i64, now: Timestamp) -> Result<(), StoreError> {
        ledger::mark_replayed(&self.db, id, now).await
    }

    async fn customer_history(
        &self,
        brand: &str,
        channel: &str,
        author_id: &str,
        current_conversation: i64,
        limit: u32,
    ) -> Result<CustomerHistory, StoreError> {
        inbox::customer_history(
            &self.db,
            brand,
            channel,
            author_id,
            current_conversation,
            limit,
        )
        .await
    }

    async fn link_customers(
        &self,
        brand: &str,
        customer: i64,
        other: i64,
    ) -> Result<bool, StoreError> {
        inbox::link_customers(&self.db, brand, customer, other).await
    }

    async fn queue_reply(
        &self,
        brand: &str,
        reply: &NewReply,
    ) -> Result<Option<SentReply>, StoreError> {
        outbox::queue_reply(&self.db, brand, reply).await
    }

    async fn claim_sends(&self, lease: &Lease, limit: u32) -> Result<Vec<SendJob>, StoreError> {
        outbox::claim_sends(&self.db, lease, limit).await
    }

    async fn finish_send(
        &self,
        lease: &Lease,
        job: &SendJob,
        outcome: &SendOutcome,
    ) -> Result<(), StoreError> {
        outbox::finish_send(&self.db, lease, job, outcome).await
    }

    async fn next_send_due(&self) -> Result<Option<Timestamp>, StoreError> {
        outbox::next_send_due(&self.db).await
    }

    async fn put_agent(
        &self,
        brand: &str,
        email: &str,
        name: &str,
        password_hash: &str,
        now: Timestamp,
    ) -> Result<i64, StoreError> {
        agents::put_agent(&self.db, brand, email, name, password_hash, now).await
    }

    async fn agent_login(
        &self,
        brand: &str,
        email: &str,
    ) -> Result<Option<AgentLogin>, StoreError> {
        agents::agent_login(&self.db, brand, email).await
    }

    async fn open_session(&self, session: &NewSession) -> Result<(), StoreError> {
        agents::open_session(&self.db, session).await
    }

    async fn session(
        &self,
        token_hash: &str,
        now: Timestamp,
    ) -> Result<Option<AgentSession>, StoreError> {
        agents::session(&self.db, token_hash, now).await
    }

    async fn end_session(&self, token_hash: &str, now: Timestamp) -> Result<(), StoreError> {
        agents::end_session(&self.db, token_hash, now).await
    }

    async fn colleagues(&self, brand: &str) -> Result<Vec<Colleague>, StoreError> {
        inbox::colleagues(&self.db, brand).await
    }

    async fn assign(
        &self,
        brand: &str,
        conversation: i64,
        agent: Option<i64>,
    ) -> Result<bool, StoreError> {
        inbox::assign(&self.db, brand, conversation, agent).await
    }

    async fn add_label(
        &self,
        brand: &str,
        conversation: i64,
        label: &str,
    ) -> Result<bool, StoreError> {
        inbox::add_label(&self.db, brand, conversation, label).await
    }

    async fn add_note(
        &self,
        brand: &str,
        conversation: i64,
        agent: i64,
        text: &str,
        now: Timestamp,
    ) -> Result<bool, StoreError> {
        inbox::add_note(&self.db, brand, conversation, agent, text, now).await
    }

    async fn counts(&self) -> Result<(i64, i64), StoreError> {
        ledger::counts(&self.db).await
    }

    async fn kv_get(&self, space: &KvNamespace, key: &str) -> Result<Option<Vec<u8>>, StoreError> {
        kv::get(&self.db, space, key).await
    }

    async fn kv_set(
        &self,
        space: &KvNamespace,
        key: &str,
        value: &[u8],
        quota: &KvQuota,
    ) -> Result<(), StoreError> {
        kv::set(&self.db, space, key, value, quota).await
    }

    async fn kv_delete(&self, space: &KvNamespace, key: &str) -> Result<(), StoreError> {
        kv::delete(&self.db, space, key).await
    }
}
