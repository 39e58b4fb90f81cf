//! The voice gate's records: reviewed and dropped suggestions, feedback
//! with edit diffs, voice examples and the verdicts behind the learnt
//! ranking priors.

use sqlx::AnyConnection;

use super::db::Db;
use crate::model::Timestamp;
use crate::review::{DroppedSuggestion, Review, StrategyStat};
use crate::store::rows::{DroppedRow, FeedbackTargetRow, LatestVerdictRow, SuggestionRow, to_json};
use crate::store::rules::{self, FeedbackRecord};
use crate::store::{StoreError, StoredSuggestion, Verdict, VoiceExample};

/// Stores `review`'s kept and dropped suggestions for a message being
/// completed. A message is completed once, in the transaction that moves
/// it from `pending` to `done` (`complete_messages`), so it has none yet:
/// nothing to delete first.
pub(super) async fn insert_suggestions(
    db: &Db,
    connection: &mut AnyConnection,
    message_id: i64,
    review: &Review,
) -> Result<(), StoreError> {
    // Each table's rows in one statement: one round trip to the database
    // for the three suggestions of a message, not three.
    if !review.kept.is_empty() {
        let sql = insert_rows(
            "INSERT INTO suggestions (message_id, rank, text, strategy, rationale, review) VALUES ",
            review.kept.len(),
        );
        let mut insert = sqlx::query(db.sql(sql));
        for (rank, kept) in (0_i64..).zip(&review.kept) {
            insert = insert
                .bind(message_id)
                .bind(rank)
                .bind(&kept.suggestion.text)
                .bind(&kept.suggestion.strategy)
                .bind(&kept.suggestion.rationale)
                .bind(to_json(&kept.review, "review")?);
        }
        insert.execute(&mut *connection).await?;
    }
    if !review.dropped.is_empty() {
        let sql = insert_rows(
            "INSERT INTO dropped_suggestions (message_id, text, strategy, rationale, reason, rules) VALUES ",
            review.dropped.len(),
        );
        let mut insert = sqlx::query(db.sql(sql));
        for dropped in &review.dropped {
            insert = insert
                .bind(message_id)
                .bind(&dropped.suggestion.text)
                .bind(&dropped.suggestion.strategy)
                .bind(&dropped.suggestion.rationale)
                .bind(&dropped.reason)
                .bind(to_json(&dropped.rules, "rules")?);
        }
        insert.execute(&mut *connection).await?;
    }
    Ok(())
}

/// `head` followed by `rows` groups of six placeholders: a multi-row
/// `INSERT … VALUES (?, ?, ?, ?, ?, ?), (…)`.
fn insert_rows(head: &str, rows: usize) -> String {
    let row = "(?, ?, ?, ?, ?, ?)";
    let mut sql = String::with_capacity(head.len() + rows * (row.len() + 2));
    sql.push_str(head);
    for n in 0..rows {
        if n > 0 {
            sql.push_str(", ");
        }
        sql.push_str(row);
    }
    sql
}

/// A message's kept suggestions, best first, each with its latest feedback.
pub(super) async fn suggestions_of(
    db: &Db,
    message_id: i64,
) -> Result<Vec<StoredSuggestion>, StoreError> {
    let rows: Vec<SuggestionRow> = sqlx::query_as(db.sql(
        "SELECT s.id, s.rank, s.text, s.strategy, s.rationale, s.review,
                f.verdict, f.final_text, f.reason
         FROM suggestions s
         LEFT JOIN feedback f ON f.id = (SELECT MAX(id) FROM feedback WHERE suggestion_id = s.id)
         WHERE s.message_id = ? ORDER BY s.rank",
    ))
    .bind(message_id)
    .fetch_all(&db.pool)
    .await?;
    rows.into_iter().map(StoredSuggestion::try_from).collect()
}

/// The suggestions the voice gate refused for a message.
pub(super) async fn dropped_of(
    db: &Db,
    message_id: i64,
) -> Result<Vec<DroppedSuggestion>, StoreError> {
    let rows: Vec<DroppedRow> = sqlx::query_as(db.sql(
        "SELECT text, strategy, rationale, reason, rules FROM dropped_suggestions
         WHERE message_id = ? ORDER BY id",
    ))
    .bind(message_id)
    .fetch_all(&db.pool)
    .await?;
    rows.into_iter().map(DroppedSuggestion::try_from).collect()
}

/// Records feedback on one of `brand`'s suggestions as
/// [`FeedbackRecord`] says; an edit also becomes a voice example. False if
/// there is no such suggestion.
pub(super) async fn record_feedback(
    db: &Db,
    brand: &str,
    suggestion_id: i64,
    verdict: &Verdict,
    now: Timestamp,
) -> Result<bool, StoreError> {
    let mut transaction = db.begin_write().await?;
    let recorded =
        record_feedback_in(db, &mut transaction, brand, suggestion_id, verdict, now).await?;
    transaction.commit().await?;
    Ok(recorded)
}

/// [`record_feedback`] within `connection`'s transaction.
pub(super) async fn record_feedback_in(
    db: &Db,
    connection: &mut AnyConnection,
    brand: &str,
    suggestion_id: i64,
    verdict: &Verdict,
    now: Timestamp,
) -> Result<bool, StoreError> {
    let Some(target): Option<FeedbackTargetRow> = sqlx::query_as(db.sql(
        "SELECT s.text, s.strategy, m.channel, m.intent
         FROM suggestions s JOIN messages m ON m.id = s.message_id
         WHERE s.id = ? AND m.brand = ?",
    ))
    .bind(suggestion_id)
    .bind(brand)
    .fetch_optional(&mut *connection)
    .await?
    else {
        return Ok(false);
    };
    let record = FeedbackRecord::new(verdict, &target.text);
    sqlx::query(db.sql(
        "INSERT INTO feedback (suggestion_id, verdict, final_text, reason, diff, created_at)
         VALUES (?, ?, ?, ?, ?, ?)",
    ))
    .bind(suggestion_id)
    .bind(record.verdict)
    .bind(record.final_text)
    .bind(record.reason)
    .bind(record.diff.as_deref())
    .bind(now)
    .execute(&mut *connection)
    .await?;
    if let (Some(text), Some(diff)) = (record.final_text, &record.diff) {
        sqlx::query(db.sql(
            "INSERT INTO voice_examples (brand, suggestion_id, channel, intent, strategy, text, diff, created_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        ))
        .bind(brand)
        .bind(suggestion_id)
        .bind(&target.channel)
        .bind(target.intent.as_deref().unwrap_or_default())
        .bind(&target.strategy)
        .bind(text)
        .bind(diff)
        .bind(now)
        .execute(&mut *connection)
        .await?;
    }
    Ok(true)
}

/// Feedback counts per (strategy, intent) for `brand` by
/// [`rules::strategy_stats`]: the latest verdict of each suggestion counts
/// once.
pub(super) async fn strategy_stats(db: &Db, brand: &str) -> Result<Vec<StrategyStat>, StoreError> {
    let rows: Vec<LatestVerdictRow> = sqlx::query_as(db.sql(
        "SELECT s.strategy, m.intent, f.verdict
         FROM feedback f
         JOIN suggestions s ON s.id = f.suggestion_id
         JOIN messages m ON m.id = s.message_id
         WHERE m.brand = ? AND f.id = (SELECT MAX(id) FROM feedback WHERE suggestion_id = s.id)",
    ))
    .bind(brand)
    .fetch_all(&db.pool)
    .await?;
    Ok(rules::strategy_stats(rows.into_iter().map(Into::into)))
}

/// `brand`'s voice examples, newest first.
pub(super) async fn voice_examples(
    db: &Db,
    brand: &str,
    limit: u32,
) -> Result<Vec<VoiceExample>, StoreError> {
    Ok(sqlx::query_as(db.sql(
        "SELECT id, suggestion_id, channel, intent, strategy, text, diff, created_at
         FROM voice_examples WHERE brand = ? ORDER BY id DESC LIMIT ?",
    ))
    .bind(brand)
    .bind(i64::from(limit))
    .fetch_all(&db.pool)
    .await?)
}
