//! The ledger's reads and status, dead letters and their replay.

use super::db::Db;
use crate::model::Timestamp;
use crate::store::rows::{
    DEAD_LETTER_COLUMNS, DeadLetterRow, LEDGER_COLUMNS, LedgerRow, ReplayRow,
};
use crate::store::{
    Cursor, DeadLetter, Lease, LedgerEntry, LedgerId, LedgerStatus, Page, Paged, StoreError,
};

/// Entries still `received`, oldest first.
pub(super) async fn unprocessed(db: &Db) -> Result<Vec<LedgerEntry>, StoreError> {
    let rows: Vec<LedgerRow> = sqlx::query_as(db.sql(format!(
        "SELECT {LEDGER_COLUMNS} FROM ledger l WHERE l.status = 'received' ORDER BY l.id"
    )))
    .fetch_all(&db.pool)
    .await?;
    rows.into_iter().map(LedgerEntry::try_from).collect()
}

/// Claims entries still `received` that their host gave up on (see
/// [`crate::store::Store::claim_unlistened`]).
pub(super) async fn claim_unlistened(
    db: &Db,
    lease: &Lease,
    limit: u32,
) -> Result<Vec<LedgerEntry>, StoreError> {
    sqlx::query(db.sql(format!(
        "UPDATE ledger SET lease_owner = ?, lease_until = ?
         WHERE id IN (
           SELECT id FROM ledger
           WHERE status = 'received' AND COALESCE(lease_until, received_at + ?) < ?
           ORDER BY id LIMIT ?{})",
        db.dialect.skip_locked()
    )))
    .bind(&*lease.owner)
    .bind(lease.until())
    .bind(lease.duration_ms)
    .bind(lease.now)
    .bind(i64::from(limit))
    .execute(&db.pool)
    .await?;
    let rows: Vec<LedgerRow> = sqlx::query_as(db.sql(format!(
        "SELECT {LEDGER_COLUMNS} FROM ledger l
         WHERE l.status = 'received' AND l.lease_owner = ? AND l.lease_until = ?
         ORDER BY l.id"
    )))
    .bind(&*lease.owner)
    .bind(lease.until())
    .fetch_all(&db.pool)
    .await?;
    rows.into_iter().map(LedgerEntry::try_from).collect()
}

/// Marks a ledger entry.
pub(super) async fn set_status<'c>(
    db: &Db,
    executor: impl sqlx::AnyExecutor<'c>,
    id: LedgerId,
    status: LedgerStatus,
    detail: Option<&str>,
) -> Result<(), StoreError> {
    sqlx::query(db.sql("UPDATE ledger SET status = ?, detail = ? WHERE id = ?"))
        .bind(status.as_str())
        .bind(detail)
        .bind(id)
        .execute(executor)
        .await?;
    Ok(())
}

/// A dead letter for `entry`, and the entry marked dead, together.
pub(super) async fn dead_letter(
    db: &Db,
    entry: &LedgerEntry,
    kind: &str,
    reason: &str,
) -> Result<(), StoreError> {
    let mut transaction = db.pool.begin().await?;
    sqlx::query(db.sql(
        "INSERT INTO dead_letters (ledger_id, brand, channel, kind, reason, created_at)
         VALUES (?, ?, ?, ?, ?, ?)",
    ))
    .bind(entry.id)
    .bind(&entry.brand)
    .bind(&entry.channel)
    .bind(kind)
    .bind(reason)
    .bind(crate::clock::now())
    .execute(&mut *transaction)
    .await?;
    set_status(
        db,
        &mut *transaction,
        entry.id,
        LedgerStatus::Dead,
        Some(reason),
    )
    .await?;
    transaction.commit().await?;
    Ok(())
}

/// A page of dead letters, newest first.
pub(super) async fn dead_letters(db: &Db, page: &Page) -> Result<Paged<DeadLetter>, StoreError> {
    let rows: Vec<DeadLetterRow> = sqlx::query_as(db.sql(format!(
        "SELECT {DEAD_LETTER_COLUMNS} FROM dead_letters d
         WHERE d.id < ? ORDER BY d.id DESC LIMIT ?"
    )))
    .bind(page.after.map_or(i64::MAX, |cursor| cursor.id))
    .bind(page.fetch())
    .fetch_all(&db.pool)
    .await?;
    let letters = rows.into_iter().map(DeadLetter::from).collect();
    Ok(page.of(letters, |letter: &DeadLetter| Cursor {
        key: letter.id,
        id: letter.id,
    }))
}

/// Dead letters not yet replayed, created at or after `since`, oldest
/// first, with their ledger entries.
pub(super) async fn replayable(
    db: &Db,
    since: Timestamp,
) -> Result<Vec<(DeadLetter, LedgerEntry)>, StoreError> {
    let rows: Vec<ReplayRow> = sqlx::query_as(db.sql(format!(
        "SELECT d.id AS dead_id, d.ledger_id, d.kind, d.reason, d.created_at, {LEDGER_COLUMNS}
         FROM dead_letters d JOIN ledger l ON l.id = d.ledger_id
         WHERE d.replayed_at IS NULL AND d.created_at >= ? ORDER BY d.id"
    )))
    .bind(since)
    .fetch_all(&db.pool)
    .await?;
    rows.into_iter().map(TryFrom::try_from).collect()
}

/// Marks a dead letter as replayed.
pub(super) async fn mark_replayed(db: &Db, id: i64, now: Timestamp) -> Result<(), StoreError> {
    sqlx::query(db.sql("UPDATE dead_letters SET replayed_at = ? WHERE id = ?"))
        .bind(now)
        .bind(id)
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// Ledger entries and messages stored.
pub(super) async fn counts(db: &Db) -> Result<(i64, i64), StoreError> {
    let ledger: i64 = sqlx::query_scalar(db.sql("SELECT COUNT(*) FROM ledger"))
        .fetch_one(&db.pool)
        .await?;
    let messages: i64 = sqlx::query_scalar(db.sql("SELECT COUNT(*) FROM messages"))
        .fetch_one(&db.pool)
        .await?;
    Ok((ledger, messages))
}
