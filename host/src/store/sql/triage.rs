//! Messages waiting for triage, and what the triage worker makes of them.

use sqlx::AnyConnection;

use super::db::Db;
use super::voice;
use crate::model::{Timestamp, Triage};
use crate::review::Review;
use crate::store::rows::{PendingRow, from_word, to_json, word};
use crate::store::{Completion, Lease, PendingMessage, StoreError, rules};

/// Claims conversations with pending messages for `lease` and returns
/// those messages (see [`crate::store::Store::claim_messages`]).
pub(super) async fn claim_messages(
    db: &Db,
    lease: &Lease,
    conversations: u32,
) -> Result<Vec<PendingMessage>, StoreError> {
    sqlx::query(db.sql(format!(
        "UPDATE conversations SET lease_owner = ?, lease_until = ?
         WHERE id IN (
           SELECT c.id FROM conversations c
           WHERE c.id IN (SELECT m.conversation_id FROM messages m WHERE m.status = 'pending')
             AND (c.lease_until IS NULL OR c.lease_until < ?)
           ORDER BY c.id LIMIT ?{})",
        db.dialect.skip_locked()
    )))
    .bind(&*lease.owner)
    .bind(lease.until())
    .bind(lease.now)
    .bind(i64::from(conversations))
    .execute(&db.pool)
    .await?;
    let rows: Vec<PendingRow> = sqlx::query_as(db.sql(
        "SELECT m.id, m.conversation_id, c.opened_at, m.brand, m.channel, m.message
         FROM messages m JOIN conversations c ON c.id = m.conversation_id
         WHERE m.status = 'pending' AND c.lease_owner = ? AND c.lease_until = ?
         ORDER BY m.id",
    ))
    .bind(&*lease.owner)
    .bind(lease.until())
    .fetch_all(&db.pool)
    .await?;
    rows.into_iter().map(PendingMessage::try_from).collect()
}

/// Stores each completion's triage and suggestions and updates its
/// conversation, in order, then ends `lease`, in one transaction (one
/// commit, one fsync on SQLite, for the whole batch).
pub(super) async fn complete_messages(
    db: &Db,
    lease: &Lease,
    completions: &[Completion],
) -> Result<(), StoreError> {
    let mut transaction = db.begin_write().await?;
    for completion in completions {
        complete_in(
            db,
            &mut transaction,
            completion.id,
            &completion.triage,
            &completion.review,
            completion.due,
        )
        .await?;
    }
    sqlx::query(db.sql(
        "UPDATE conversations SET lease_owner = NULL, lease_until = NULL
         WHERE lease_owner = ? AND lease_until = ?",
    ))
    .bind(&*lease.owner)
    .bind(lease.until())
    .execute(&mut *transaction)
    .await?;
    transaction.commit().await?;
    Ok(())
}

/// One message's completion, within `connection`'s transaction: its
/// triage and suggestions, and its conversation updated by
/// [`rules::escalate`] and [`rules::earliest_due`], with the latest route
/// and intent.
async fn complete_in(
    db: &Db,
    connection: &mut AnyConnection,
    id: i64,
    triage: &Triage,
    review: &Review,
    due: Timestamp,
) -> Result<(), StoreError> {
    let updated = sqlx::query(db.sql(
        "UPDATE messages SET triage = ?, intent = ?, status = 'done', error = NULL
         WHERE id = ? AND status = 'pending'",
    ))
    .bind(to_json(triage, "triage")?)
    .bind(&triage.intent)
    .bind(id)
    .execute(&mut *connection)
    .await?;
    if updated.rows_affected() == 0 {
        // Completed (or failed) by another host whose claim came after this
        // host's lease expired: its results stand.
        return Ok(());
    }
    voice::insert_suggestions(db, connection, id, review).await?;
    let conversation: Option<(i64, Option<String>, Option<Timestamp>)> = sqlx::query_as(db.sql(
        "SELECT c.id, c.priority, c.first_response_due
         FROM conversations c JOIN messages m ON m.conversation_id = c.id WHERE m.id = ?",
    ))
    .bind(id)
    .fetch_optional(&mut *connection)
    .await?;
    if let Some((conversation, priority, current_due)) = conversation {
        let priority = rules::escalate(from_word(priority), triage.priority);
        sqlx::query(db.sql(
            "UPDATE conversations SET priority = ?, route = ?, intent = ?, first_response_due = ?
             WHERE id = ?",
        ))
        .bind(word(&priority))
        .bind(word(&triage.route))
        .bind(&triage.intent)
        .bind(rules::earliest_due(current_due, due))
        .bind(conversation)
        .execute(&mut *connection)
        .await?;
    }
    Ok(())
}

/// Marks a message's triage as failed, unless it is no longer pending.
pub(super) async fn fail_message(db: &Db, id: i64, error: &str) -> Result<(), StoreError> {
    sqlx::query(db.sql(
        "UPDATE messages SET status = 'failed', error = ? WHERE id = ? AND status = 'pending'",
    ))
    .bind(error)
    .bind(id)
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// How many of the brand's messages received at or after `since` were
/// triaged with one of `intents`.
pub(super) async fn recent_with_intent(
    db: &Db,
    brand: &str,
    intents: &[&str],
    since: Timestamp,
) -> Result<u64, StoreError> {
    if intents.is_empty() {
        return Ok(0);
    }
    let placeholders = vec!["?"; intents.len()].join(", ");
    // Ledger ids follow arrival: the brand's messages of those intents from
    // the first entry received in the window on (an index range, whatever
    // the table's size), each checked against its own entry's time.
    let sql = format!(
        "SELECT COUNT(*) FROM messages m JOIN ledger l ON l.id = m.ledger_id
         WHERE m.brand = ? AND m.intent IN ({placeholders})
           AND m.ledger_id >= (SELECT id FROM ledger WHERE received_at >= ?
                               ORDER BY received_at, id LIMIT 1)
           AND m.status = 'done' AND l.received_at >= ?"
    );
    let mut query = sqlx::query_scalar(db.sql(sql)).bind(brand);
    for intent in intents {
        query = query.bind(*intent);
    }
    query = query.bind(since).bind(since);
    let count: i64 = query.fetch_one(&db.pool).await?;
    Ok(u64::try_from(count).unwrap_or_default())
}
