//! The embedded SQLite backend: WAL, `synchronous=FULL`, migrations, and a
//! group-committing ledger writer.

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use serde::Serialize;
use serde::de::DeserializeOwned;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Connection, Row, SqliteConnection, SqlitePool};
use tokio::sync::{mpsc, oneshot};

use super::ledger_writer::{self, Append};
use super::{
    ConversationDetail, ConversationSummary, Customer, CustomerHistory, DeadLetter, InboxFilter,
    LedgerEntry, LedgerId, LedgerStatus, MessageDetail, PendingMessage, Recorded, Store,
    StoreError, Verdict, VoiceExample,
};
use super::{sqlite_record, sqlite_voice};
use crate::model::{HttpRequest, Message, PastConversation, Timestamp, Triage};
use crate::review::{Review, StrategyStat};

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// SQLite store.
#[derive(Debug, Clone)]
pub struct SqliteStore {
    pool: SqlitePool,
    ledger: mpsc::Sender<Append>,
}

impl SqliteStore {
    /// Opens (creating if missing) and migrates the database at `url`
    /// (`sqlite://path/to/file.db`).
    pub async fn open(url: &str) -> Result<Self, StoreError> {
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .busy_timeout(Duration::from_secs(10))
            .foreign_keys(true);
        if let Some(dir) = Path::new(url.trim_start_matches("sqlite://")).parent() {
            std::fs::create_dir_all(dir)
                .map_err(|e| StoreError::Database(format!("{}: {e}", dir.display())))?;
        }
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .connect_with(options.clone())
            .await?;
        MIGRATOR
            .run(&pool)
            .await
            .map_err(|e| StoreError::Database(format!("migrations: {e}")))?;
        let writer = SqliteConnection::connect_with(&options).await?;
        Ok(Self {
            pool,
            ledger: ledger_writer::spawn(writer),
        })
    }
}

pub(super) fn word<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

fn from_word<T: DeserializeOwned>(text: Option<String>) -> Option<T> {
    text.and_then(|t| serde_json::from_value(serde_json::Value::String(t)).ok())
}

pub(super) fn from_json<T: DeserializeOwned>(text: &str, what: &str) -> Result<T, StoreError> {
    serde_json::from_str(text).map_err(|e| StoreError::Corrupt(format!("{what}: {e}")))
}

pub(super) fn to_json<T: Serialize>(value: &T) -> Result<String, StoreError> {
    serde_json::to_string(value).map_err(|e| StoreError::Corrupt(e.to_string()))
}

/// Columns of a ledger entry.
const LEDGER_COLUMNS: &str =
    "l.id, l.brand, l.channel, l.received_at, l.method, l.path, l.query, l.headers, l.body";

fn ledger_entry(row: &sqlx::sqlite::SqliteRow) -> Result<LedgerEntry, StoreError> {
    let headers: String = row.try_get("headers")?;
    Ok(LedgerEntry {
        id: row.try_get("id")?,
        brand: row.try_get("brand")?,
        channel: row.try_get("channel")?,
        received_at: row.try_get("received_at")?,
        request: HttpRequest {
            method: row.try_get("method")?,
            path: row.try_get("path")?,
            query: row.try_get("query")?,
            headers: from_json(&headers, "ledger headers")?,
            body: row.try_get("body")?,
        },
    })
}

fn dead_letter(row: &sqlx::sqlite::SqliteRow) -> Result<DeadLetter, StoreError> {
    Ok(DeadLetter {
        id: row.try_get("dead_id")?,
        ledger_id: row.try_get("ledger_id")?,
        brand: row.try_get("brand")?,
        channel: row.try_get("channel")?,
        kind: row.try_get("kind")?,
        reason: row.try_get("reason")?,
        created_at: row.try_get("created_at")?,
    })
}

/// Columns of an inbox row. Only constants are formatted into SQL; every
/// value is bound.
const SUMMARY_COLUMNS: &str =
    "c.id, c.channel, c.status, c.priority, c.route, c.intent, c.opened_at,
     c.first_response_due, u.id AS customer_id, u.author_id, u.handle, u.display_name, u.email";

fn summary(
    row: &sqlx::sqlite::SqliteRow,
    now: Timestamp,
) -> Result<ConversationSummary, StoreError> {
    let status: String = row.try_get("status")?;
    let due: Option<i64> = row.try_get("first_response_due")?;
    let channel: String = row.try_get("channel")?;
    Ok(ConversationSummary {
        id: row.try_get("id")?,
        overdue: status == "open" && due.is_some_and(|d| d < now),
        status,
        priority: from_word(row.try_get("priority")?),
        route: from_word(row.try_get("route")?),
        intent: row.try_get("intent")?,
        opened_at: row.try_get("opened_at")?,
        first_response_due: due,
        customer: Customer {
            id: row.try_get("customer_id")?,
            channel: channel.clone(),
            author_id: row.try_get("author_id")?,
            handle: row.try_get("handle")?,
            display_name: row.try_get("display_name")?,
            email: row.try_get("email")?,
        },
        channel,
    })
}

impl Store for SqliteStore {
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
        let sql = format!(
            "SELECT {LEDGER_COLUMNS} FROM ledger l WHERE l.status = 'received' ORDER BY l.id"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(ledger_entry).collect()
    }

    async fn set_status(
        &self,
        id: LedgerId,
        status: LedgerStatus,
        detail: Option<&str>,
    ) -> Result<(), StoreError> {
        sqlx::query("UPDATE ledger SET status = ?, detail = ? WHERE id = ?")
            .bind(status.as_str())
            .bind(detail)
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn dead_letter(
        &self,
        entry: &LedgerEntry,
        kind: &str,
        reason: &str,
    ) -> Result<(), StoreError> {
        let mut transaction = self.pool.begin().await?;
        sqlx::query(
            "INSERT INTO dead_letters (ledger_id, brand, channel, kind, reason, created_at) VALUES (?, ?, ?, ?, ?, ?)",
        )
        .bind(entry.id)
        .bind(&entry.brand)
        .bind(&entry.channel)
        .bind(kind)
        .bind(reason)
        .bind(crate::clock::now())
        .execute(&mut *transaction)
        .await?;
        sqlx::query("UPDATE ledger SET status = 'dead', detail = ? WHERE id = ?")
            .bind(reason)
            .bind(entry.id)
            .execute(&mut *transaction)
            .await?;
        transaction.commit().await?;
        Ok(())
    }

    async fn record_messages(
        &self,
        entry: &LedgerEntry,
        messages: &[Message],
    ) -> Result<Vec<Recorded>, StoreError> {
        // IMMEDIATE: the transaction reads before it writes, and a read
        // transaction cannot become a write one once the ledger writer has
        // committed (SQLITE_BUSY_SNAPSHOT); taking the write lock first makes
        // it wait its turn instead.
        let mut transaction = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let results = sqlite_record::record(&mut transaction, entry, messages).await?;
        transaction.commit().await?;
        Ok(results)
    }

    async fn pending_messages(&self) -> Result<Vec<PendingMessage>, StoreError> {
        let rows = sqlx::query(
            "SELECT m.id, m.conversation_id, c.opened_at, m.brand, m.channel, m.message
             FROM messages m JOIN conversations c ON c.id = m.conversation_id
             WHERE m.status = 'pending' ORDER BY m.id",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                let message: String = row.try_get("message")?;
                Ok(PendingMessage {
                    id: row.try_get("id")?,
                    conversation_id: row.try_get("conversation_id")?,
                    conversation_opened_at: row.try_get("opened_at")?,
                    brand: row.try_get("brand")?,
                    channel: row.try_get("channel")?,
                    message: from_json(&message, "message")?,
                })
            })
            .collect()
    }

    async fn complete_message(
        &self,
        id: i64,
        triage: &Triage,
        review: &Review,
        due: Timestamp,
    ) -> Result<(), StoreError> {
        let mut transaction = self.pool.begin().await?;
        sqlx::query("UPDATE messages SET triage = ?, status = 'done', error = NULL WHERE id = ?")
            .bind(to_json(triage)?)
            .bind(id)
            .execute(&mut *transaction)
            .await?;
        sqlite_voice::replace_suggestions(&mut transaction, id, review).await?;
        // The conversation takes the highest priority seen and the latest
        // route and intent; its first response is due by the tightest target.
        sqlx::query(
            "UPDATE conversations SET
               priority = CASE WHEN priority IS NULL OR ? > (CASE priority WHEN 'low' THEN 0 WHEN 'normal' THEN 1 WHEN 'high' THEN 2 ELSE 3 END)
                          THEN ? ELSE priority END,
               route = ?, intent = ?,
               first_response_due = MIN(COALESCE(first_response_due, ?), ?)
             WHERE id = (SELECT conversation_id FROM messages WHERE id = ?)",
        )
        .bind(triage.priority as i64)
        .bind(word(&triage.priority))
        .bind(word(&triage.route))
        .bind(&triage.intent)
        .bind(due)
        .bind(due)
        .bind(id)
        .execute(&mut *transaction)
        .await?;
        transaction.commit().await?;
        Ok(())
    }

    async fn fail_message(&self, id: i64, error: &str) -> Result<(), StoreError> {
        sqlx::query("UPDATE messages SET status = 'failed', error = ? WHERE id = ?")
            .bind(error)
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn inbox(
        &self,
        brand: &str,
        filter: &InboxFilter,
        now: Timestamp,
    ) -> Result<Vec<ConversationSummary>, StoreError> {
        let sql = format!(
            "SELECT {SUMMARY_COLUMNS} FROM conversations c JOIN customers u ON u.id = c.customer_id
             WHERE c.brand = ?
               AND (? IS NULL OR c.status = ?)
               AND (? IS NULL OR c.priority = ?)
               AND (? IS NULL OR c.route = ?)
               AND (? IS NULL OR c.channel = ?)
             ORDER BY c.first_response_due IS NULL, c.first_response_due, c.id
             LIMIT 500"
        );
        let priority = filter.priority.map(|p| word(&p));
        let route = filter.route.map(|r| word(&r));
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(brand)
            .bind(&filter.status)
            .bind(&filter.status)
            .bind(&priority)
            .bind(&priority)
            .bind(&route)
            .bind(&route)
            .bind(&filter.channel)
            .bind(&filter.channel)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(|row| summary(row, now)).collect()
    }

    async fn conversation(
        &self,
        brand: &str,
        id: i64,
        now: Timestamp,
    ) -> Result<Option<ConversationDetail>, StoreError> {
        // Messages first, the conversation row second: the triage worker
        // commits a message and its conversation together, so a message seen
        // as done guarantees its conversation's update is seen too.
        let rows = sqlx::query(
            "SELECT id, message, triage, status, error FROM messages
             WHERE conversation_id = ? AND brand = ? ORDER BY id",
        )
        .bind(id)
        .bind(brand)
        .fetch_all(&self.pool)
        .await?;
        let mut messages = Vec::with_capacity(rows.len());
        for row in &rows {
            let message_id: i64 = row.try_get("id")?;
            let message: String = row.try_get("message")?;
            let triage: Option<String> = row.try_get("triage")?;
            messages.push(MessageDetail {
                id: message_id,
                message: from_json(&message, "message")?,
                triage: triage.map(|t| from_json(&t, "triage")).transpose()?,
                status: row.try_get("status")?,
                error: row.try_get("error")?,
                suggestions: sqlite_voice::suggestions_of(&self.pool, message_id).await?,
                dropped_suggestions: sqlite_voice::dropped_of(&self.pool, message_id).await?,
            });
        }
        let sql = format!(
            "SELECT {SUMMARY_COLUMNS} FROM conversations c JOIN customers u ON u.id = c.customer_id
             WHERE c.brand = ? AND c.id = ?"
        );
        let Some(row) = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(brand)
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
        else {
            return Ok(None);
        };
        let summary = summary(&row, now)?;
        let history = self
            .customer_history(brand, &summary.channel, &summary.customer.author_id, id, 20)
            .await?
            .conversations;
        Ok(Some(ConversationDetail {
            summary,
            messages,
            history,
        }))
    }

    async fn resolve(&self, brand: &str, id: i64, now: Timestamp) -> Result<bool, StoreError> {
        let done = sqlx::query("UPDATE conversations SET status = 'resolved', resolved_at = ? WHERE brand = ? AND id = ?")
            .bind(now)
            .bind(brand)
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn feedback(
        &self,
        brand: &str,
        suggestion_id: i64,
        verdict: &Verdict,
        now: Timestamp,
    ) -> Result<bool, StoreError> {
        sqlite_voice::record_feedback(&self.pool, brand, suggestion_id, verdict, now).await
    }

    async fn recent_with_intent(
        &self,
        brand: &str,
        intents: &[&str],
        since: Timestamp,
    ) -> Result<u64, StoreError> {
        let intents = to_json(&intents)?;
        let count: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM messages m JOIN ledger l ON l.id = m.ledger_id
             WHERE m.brand = ? AND m.status = 'done' AND l.received_at >= ?
               AND json_extract(m.triage, '$.intent') IN (SELECT value FROM json_each(?))",
        )
        .bind(brand)
        .bind(since)
        .bind(intents)
        .fetch_one(&self.pool)
        .await?;
        Ok(u64::try_from(count).unwrap_or_default())
    }

    async fn strategy_stats(&self, brand: &str) -> Result<Vec<StrategyStat>, StoreError> {
        sqlite_voice::strategy_stats(&self.pool, brand).await
    }

    async fn voice_examples(
        &self,
        brand: &str,
        limit: u32,
    ) -> Result<Vec<VoiceExample>, StoreError> {
        sqlite_voice::voice_examples(&self.pool, brand, limit).await
    }

    async fn dead_letters(&self, limit: u32) -> Result<Vec<DeadLetter>, StoreError> {
        let rows = sqlx::query(
            "SELECT id AS dead_id, ledger_id, brand, channel, kind, reason, created_at
             FROM dead_letters ORDER BY id DESC LIMIT ?",
        )
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(dead_letter).collect()
    }

    async fn replayable(
        &self,
        since: Timestamp,
    ) -> Result<Vec<(DeadLetter, LedgerEntry)>, StoreError> {
        let sql = format!(
            "SELECT d.id AS dead_id, d.ledger_id, d.kind, d.reason, d.created_at, {LEDGER_COLUMNS}
             FROM dead_letters d JOIN ledger l ON l.id = d.ledger_id
             WHERE d.replayed_at IS NULL AND d.created_at >= ? ORDER BY d.id"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(since)
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|row| Ok((dead_letter(row)?, ledger_entry(row)?)))
            .collect()
    }

    async fn mark_replayed(&self, id: i64, now: Timestamp) -> Result<(), StoreError> {
        sqlx::query("UPDATE dead_letters SET replayed_at = ? WHERE id = ?")
            .bind(now)
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn customer_history(
        &self,
        brand: &str,
        channel: &str,
        author_id: &str,
        current_conversation: i64,
        limit: u32,
    ) -> Result<CustomerHistory, StoreError> {
        let person: Option<i64> = sqlx::query_scalar(
            "SELECT person_id FROM customers WHERE brand = ? AND channel = ? AND author_id = ?",
        )
        .bind(brand)
        .bind(channel)
        .bind(author_id)
        .fetch_optional(&self.pool)
        .await?
        .flatten();
        let Some(person) = person else {
            return Ok(CustomerHistory::default());
        };
        let rows = sqlx::query(
            "SELECT c.id, c.channel, c.opened_at, c.intent, c.status,
                    (SELECT m.message FROM messages m WHERE m.conversation_id = c.id ORDER BY m.id LIMIT 1) AS first
             FROM conversations c JOIN customers u ON u.id = c.customer_id
             WHERE c.brand = ? AND u.person_id = ? AND c.id != ?
             ORDER BY c.opened_at DESC, c.id DESC LIMIT ?",
        )
        .bind(brand)
        .bind(person)
        .bind(current_conversation)
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await?;
        let mut history = CustomerHistory {
            person_id: Some(person),
            ..CustomerHistory::default()
        };
        for row in &rows {
            let first: Option<String> = row.try_get("first")?;
            let summary = first
                .and_then(|m| serde_json::from_str::<Message>(&m).ok())
                .map(|m| m.text.chars().take(200).collect())
                .unwrap_or_default();
            let status: String = row.try_get("status")?;
            history.open += u32::from(status == "open");
            history.conversations.push(PastConversation {
                id: row.try_get::<i64, _>("id")?.to_string(),
                channel: row.try_get("channel")?,
                opened_at: row.try_get("opened_at")?,
                intent: row
                    .try_get::<Option<String>, _>("intent")?
                    .unwrap_or_default(),
                status,
                summary,
            });
        }
        Ok(history)
    }

    async fn link_customers(
        &self,
        brand: &str,
        customer: i64,
        other: i64,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE customers SET person_id = (SELECT person_id FROM customers WHERE brand = ? AND id = ?)
             WHERE brand = ? AND person_id = (SELECT person_id FROM customers WHERE brand = ? AND id = ?)
               AND EXISTS (SELECT 1 FROM customers WHERE brand = ? AND id = ?)",
        )
        .bind(brand)
        .bind(customer)
        .bind(brand)
        .bind(brand)
        .bind(other)
        .bind(brand)
        .bind(customer)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    async fn counts(&self) -> Result<(i64, i64), StoreError> {
        let ledger: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM ledger")
            .fetch_one(&self.pool)
            .await?;
        let messages: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM messages")
            .fetch_one(&self.pool)
            .await?;
        Ok((ledger, messages))
    }
}
