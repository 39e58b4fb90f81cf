//! The outbox: replies queued for sending, claimed by the sender with a
//! lease, and what became of each attempt.

use super::db::Db;
use crate::model::Timestamp;
use crate::store::outbox::{NewReply, SendJob, SendOutcome, SentReply};
use crate::store::rows::from_json;
use crate::store::{Lease, StoreError, rules};

/// The columns of a [`SentReply`], from `outbox o`.
const REPLY_COLUMNS: &str = "o.id, o.status, o.text, o.suggestion_id, o.message_id, o.attempts,
     o.next_attempt_at, o.platform_id, o.error, o.created_at, o.sent_at";

/// A reply as the conversation shows it.
#[derive(Debug, sqlx::FromRow)]
struct ReplyRow {
    id: i64,
    status: String,
    text: String,
    suggestion_id: Option<i64>,
    message_id: i64,
    attempts: i64,
    next_attempt_at: Timestamp,
    platform_id: Option<String>,
    error: Option<String>,
    created_at: Timestamp,
    sent_at: Option<Timestamp>,
}

impl From<ReplyRow> for SentReply {
    fn from(row: ReplyRow) -> Self {
        Self {
            next_attempt_at: (row.status == "queued").then_some(row.next_attempt_at),
            id: row.id,
            status: row.status,
            text: row.text,
            suggestion_id: row.suggestion_id,
            message_id: row.message_id,
            attempts: row.attempts,
            platform_id: row.platform_id,
            error: row.error,
            created_at: row.created_at,
            sent_at: row.sent_at,
        }
    }
}

/// Queues `reply` for `brand`: `None` when the conversation, its message
/// or the suggestion is not the brand's. A key queued before returns its
/// reply, unchanged.
pub(super) async fn queue_reply(
    db: &Db,
    brand: &str,
    reply: &NewReply,
) -> Result<Option<SentReply>, StoreError> {
    let mut transaction = db.begin_write().await?;
    let existing: Option<ReplyRow> = sqlx::query_as(db.sql(format!(
        "SELECT {REPLY_COLUMNS} FROM outbox o WHERE o.idempotency_key = ? AND o.brand = ?"
    )))
    .bind(&reply.idempotency_key)
    .bind(brand)
    .fetch_optional(&mut *transaction)
    .await?;
    if let Some(existing) = existing {
        return Ok(Some(existing.into()));
    }
    let owned: Option<i64> = sqlx::query_scalar(db.sql(
        "SELECT m.id FROM messages m
         WHERE m.id = ? AND m.conversation_id = ? AND m.brand = ?
           AND (? IS NULL OR EXISTS (
             SELECT 1 FROM suggestions s JOIN messages sm ON sm.id = s.message_id
             WHERE s.id = ? AND sm.conversation_id = m.conversation_id))",
    ))
    .bind(reply.message_id)
    .bind(reply.conversation_id)
    .bind(brand)
    .bind(reply.suggestion_id)
    .bind(reply.suggestion_id)
    .fetch_optional(&mut *transaction)
    .await?;
    if owned.is_none() {
        return Ok(None);
    }
    let id: i64 = sqlx::query_scalar(db.sql(
        "INSERT INTO outbox (brand, conversation_id, message_id, suggestion_id, text,
                             idempotency_key, next_attempt_at, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    ))
    .bind(brand)
    .bind(reply.conversation_id)
    .bind(reply.message_id)
    .bind(reply.suggestion_id)
    .bind(&reply.text)
    .bind(&reply.idempotency_key)
    .bind(reply.now)
    .bind(reply.now)
    .fetch_one(&mut *transaction)
    .await?;
    transaction.commit().await?;
    Ok(Some(SentReply {
        id,
        status: "queued".to_owned(),
        text: reply.text.clone(),
        suggestion_id: reply.suggestion_id,
        message_id: reply.message_id,
        attempts: 0,
        next_attempt_at: Some(reply.now),
        platform_id: None,
        error: None,
        created_at: reply.now,
        sent_at: None,
    }))
}

/// The row the sender reads of a claimed reply.
#[derive(Debug, sqlx::FromRow)]
struct JobRow {
    id: i64,
    brand: String,
    channel: String,
    conversation_id: i64,
    message: String,
    suggestion_id: Option<i64>,
    text: String,
    idempotency_key: String,
    attempts: i64,
    progress: i64,
}

impl TryFrom<JobRow> for SendJob {
    type Error = StoreError;

    fn try_from(row: JobRow) -> Result<Self, StoreError> {
        Ok(Self {
            id: row.id,
            brand: row.brand,
            channel: row.channel,
            conversation_id: row.conversation_id,
            message: from_json(&row.message, "message")?,
            suggestion_id: row.suggestion_id,
            text: row.text,
            idempotency_key: row.idempotency_key,
            attempts: u32::try_from(row.attempts).unwrap_or(u32::MAX),
            progress: u32::try_from(row.progress).unwrap_or(u32::MAX),
        })
    }
}

/// Claims up to `limit` queued replies due at `lease.now` whose lease is
/// free or expired, for `lease`'s owner, oldest due first.
pub(super) async fn claim_sends(
    db: &Db,
    lease: &Lease,
    limit: u32,
) -> Result<Vec<SendJob>, StoreError> {
    sqlx::query(db.sql(format!(
        "UPDATE outbox SET lease_owner = ?, lease_until = ?
         WHERE id IN (
           SELECT o.id FROM outbox o
           WHERE o.status = 'queued' AND o.next_attempt_at <= ?
             AND (o.lease_until IS NULL OR o.lease_until < ?)
           ORDER BY o.next_attempt_at, o.id LIMIT ?{})",
        db.dialect.skip_locked()
    )))
    .bind(&*lease.owner)
    .bind(lease.until())
    .bind(lease.now)
    .bind(lease.now)
    .bind(i64::from(limit))
    .execute(&db.pool)
    .await?;
    let rows: Vec<JobRow> = sqlx::query_as(db.sql(
        "SELECT o.id, o.brand, c.channel, o.conversation_id, m.message, o.suggestion_id,
                o.text, o.idempotency_key, o.attempts, o.progress
         FROM outbox o
         JOIN conversations c ON c.id = o.conversation_id
         JOIN messages m ON m.id = o.message_id
         WHERE o.status = 'queued' AND o.lease_owner = ? AND o.lease_until = ?
         ORDER BY o.next_attempt_at, o.id",
    ))
    .bind(&*lease.owner)
    .bind(lease.until())
    .fetch_all(&db.pool)
    .await?;
    rows.into_iter().map(SendJob::try_from).collect()
}

/// Records how `job`'s attempt ended and frees its lease, unless the
/// lease passed to another host meanwhile. A reply sent meets its
/// conversation's first response and records its suggestion's feedback:
/// accepted as suggested, or edited. One transaction: a reply seen as sent
/// is seen with both.
pub(super) async fn finish_send(
    db: &Db,
    lease: &Lease,
    job: &SendJob,
    outcome: &SendOutcome,
) -> Result<(), StoreError> {
    let mut transaction = db.begin_write().await?;
    let attempts = i64::from(job.attempts) + 1;
    let (status, progress, next_at, error, platform_id, sent_at) = match outcome {
        SendOutcome::Sent { platform_id, at } => {
            ("sent", None, None, None, platform_id.as_deref(), Some(*at))
        }
        SendOutcome::Retry {
            progress,
            next_at,
            reason,
        } => (
            "queued",
            Some(*progress),
            Some(*next_at),
            Some(reason.as_str()),
            None,
            None,
        ),
        SendOutcome::Failed { progress, reason } => (
            "failed",
            Some(*progress),
            None,
            Some(reason.as_str()),
            None,
            None,
        ),
    };
    let updated = sqlx::query(db.sql(
        "UPDATE outbox SET status = ?, attempts = ?, progress = COALESCE(?, progress),
                next_attempt_at = COALESCE(?, next_attempt_at), error = ?,
                platform_id = ?, sent_at = ?, lease_owner = NULL, lease_until = NULL
         WHERE id = ? AND status = 'queued' AND lease_owner = ? AND lease_until = ?",
    ))
    .bind(status)
    .bind(attempts)
    .bind(progress.map(i64::from))
    .bind(next_at)
    .bind(error)
    .bind(platform_id)
    .bind(sent_at)
    .bind(job.id)
    .bind(&*lease.owner)
    .bind(lease.until())
    .execute(&mut *transaction)
    .await?;
    if updated.rows_affected() == 0 {
        return Ok(());
    }
    if let SendOutcome::Sent { at, .. } = outcome {
        sqlx::query(db.sql(
            "UPDATE conversations SET first_response_at = COALESCE(first_response_at, ?)
             WHERE id = ?",
        ))
        .bind(*at)
        .bind(job.conversation_id)
        .execute(&mut *transaction)
        .await?;
        if let Some(suggestion) = job.suggestion_id {
            let suggested: Option<String> =
                sqlx::query_scalar(db.sql("SELECT text FROM suggestions WHERE id = ?"))
                    .bind(suggestion)
                    .fetch_optional(&mut *transaction)
                    .await?;
            if let Some(suggested) = suggested {
                let verdict = rules::verdict_of_send(&suggested, &job.text);
                super::voice::record_feedback_in(
                    db,
                    &mut transaction,
                    &job.brand,
                    suggestion,
                    &verdict,
                    *at,
                )
                .await?;
            }
        }
    }
    transaction.commit().await?;
    Ok(())
}

/// When the earliest queued reply is due, if any is queued.
pub(super) async fn next_send_due(db: &Db) -> Result<Option<Timestamp>, StoreError> {
    Ok(sqlx::query_scalar(
        db.sql("SELECT MIN(next_attempt_at) FROM outbox WHERE status = 'queued'"),
    )
    .fetch_one(&db.pool)
    .await?)
}

/// The replies of a conversation, oldest first.
pub(super) async fn replies_of(db: &Db, conversation: i64) -> Result<Vec<SentReply>, StoreError> {
    let rows: Vec<ReplyRow> = sqlx::query_as(db.sql(format!(
        "SELECT {REPLY_COLUMNS} FROM outbox o WHERE o.conversation_id = ? ORDER BY o.id"
    )))
    .bind(conversation)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows.into_iter().map(Into::into).collect())
}
