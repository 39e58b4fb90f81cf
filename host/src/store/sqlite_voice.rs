//! SQLite queries for the voice gate: reviewed and dropped suggestions,
//! feedback with edit diffs, voice examples and the counts behind the learnt
//! ranking priors.

use sqlx::{Row, SqliteConnection, SqlitePool};

use super::sqlite::{from_json, to_json};
use super::{StoreError, StoredSuggestion, Verdict, VoiceExample};
use crate::model::{Suggestion, Timestamp};
use crate::review::{DroppedSuggestion, Review, StrategyStat, word_diff};

/// Replaces a message's suggestions with `review`'s kept and dropped ones.
pub(super) async fn replace_suggestions(
    connection: &mut SqliteConnection,
    message_id: i64,
    review: &Review,
) -> Result<(), StoreError> {
    for table in ["suggestions", "dropped_suggestions"] {
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "DELETE FROM {table} WHERE message_id = ?"
        )))
        .bind(message_id)
        .execute(&mut *connection)
        .await?;
    }
    for (rank, kept) in review.kept.iter().enumerate() {
        sqlx::query(
            "INSERT INTO suggestions (message_id, rank, text, strategy, rationale, review)
             VALUES (?, ?, ?, ?, ?, ?)",
        )
        .bind(message_id)
        .bind(rank as i64)
        .bind(&kept.suggestion.text)
        .bind(&kept.suggestion.strategy)
        .bind(&kept.suggestion.rationale)
        .bind(to_json(&kept.review)?)
        .execute(&mut *connection)
        .await?;
    }
    for dropped in &review.dropped {
        sqlx::query(
            "INSERT INTO dropped_suggestions (message_id, text, strategy, rationale, reason, rules)
             VALUES (?, ?, ?, ?, ?, ?)",
        )
        .bind(message_id)
        .bind(&dropped.suggestion.text)
        .bind(&dropped.suggestion.strategy)
        .bind(&dropped.suggestion.rationale)
        .bind(&dropped.reason)
        .bind(to_json(&dropped.rules)?)
        .execute(&mut *connection)
        .await?;
    }
    Ok(())
}

/// A message's kept suggestions, best first, each with its latest feedback.
pub(super) async fn suggestions_of(
    pool: &SqlitePool,
    message_id: i64,
) -> Result<Vec<StoredSuggestion>, StoreError> {
    let rows = sqlx::query(
        "SELECT s.id, s.rank, s.text, s.strategy, s.rationale, s.review,
                f.verdict, f.final_text, f.reason
         FROM suggestions s
         LEFT JOIN feedback f ON f.id = (SELECT MAX(id) FROM feedback WHERE suggestion_id = s.id)
         WHERE s.message_id = ? ORDER BY s.rank",
    )
    .bind(message_id)
    .fetch_all(pool)
    .await?;
    rows.iter()
        .map(|row| {
            let text = |column: &str| -> Result<String, StoreError> {
                Ok(row
                    .try_get::<Option<String>, _>(column)?
                    .unwrap_or_default())
            };
            let verdict: Option<String> = row.try_get("verdict")?;
            let feedback = match verdict.as_deref() {
                Some("accepted") => Some(Verdict::Accepted),
                Some("edited") => Some(Verdict::Edited {
                    final_text: text("final_text")?,
                }),
                Some("rejected") => Some(Verdict::Rejected {
                    reason: text("reason")?,
                }),
                _ => None,
            };
            let review: Option<String> = row.try_get("review")?;
            Ok(StoredSuggestion {
                id: row.try_get("id")?,
                rank: row.try_get("rank")?,
                suggestion: Suggestion {
                    text: row.try_get("text")?,
                    strategy: row.try_get("strategy")?,
                    rationale: row.try_get("rationale")?,
                },
                feedback,
                review: review.map(|r| from_json(&r, "review")).transpose()?,
            })
        })
        .collect()
}

/// The suggestions the voice gate refused for a message.
pub(super) async fn dropped_of(
    pool: &SqlitePool,
    message_id: i64,
) -> Result<Vec<DroppedSuggestion>, StoreError> {
    let rows = sqlx::query(
        "SELECT text, strategy, rationale, reason, rules FROM dropped_suggestions
         WHERE message_id = ? ORDER BY id",
    )
    .bind(message_id)
    .fetch_all(pool)
    .await?;
    rows.iter()
        .map(|row| {
            let rules: String = row.try_get("rules")?;
            Ok(DroppedSuggestion {
                suggestion: Suggestion {
                    text: row.try_get("text")?,
                    strategy: row.try_get("strategy")?,
                    rationale: row.try_get("rationale")?,
                },
                reason: row.try_get("reason")?,
                rules: from_json(&rules, "rules")?,
            })
        })
        .collect()
}

/// Records feedback on one of `brand`'s suggestions; an edit also keeps its
/// word diff and becomes a voice example. False if there is no such
/// suggestion.
pub(super) async fn record_feedback(
    pool: &SqlitePool,
    brand: &str,
    suggestion_id: i64,
    verdict: &Verdict,
    now: Timestamp,
) -> Result<bool, StoreError> {
    let mut transaction = pool.begin().await?;
    let Some(row) = sqlx::query(
        "SELECT s.text, s.strategy, m.channel, COALESCE(json_extract(m.triage, '$.intent'), '') AS intent
         FROM suggestions s JOIN messages m ON m.id = s.message_id
         WHERE s.id = ? AND m.brand = ?",
    )
    .bind(suggestion_id)
    .bind(brand)
    .fetch_optional(&mut *transaction)
    .await?
    else {
        return Ok(false);
    };
    let (word, final_text, reason) = match verdict {
        Verdict::Accepted => ("accepted", None, None),
        Verdict::Edited { final_text } => ("edited", Some(final_text.as_str()), None),
        Verdict::Rejected { reason } => ("rejected", None, Some(reason.as_str())),
    };
    let suggested: String = row.try_get("text")?;
    let diff = final_text.map(|text| word_diff(&suggested, text));
    sqlx::query(
        "INSERT INTO feedback (suggestion_id, verdict, final_text, reason, diff, created_at)
         VALUES (?, ?, ?, ?, ?, ?)",
    )
    .bind(suggestion_id)
    .bind(word)
    .bind(final_text)
    .bind(reason)
    .bind(diff.as_deref())
    .bind(now)
    .execute(&mut *transaction)
    .await?;
    if let (Some(text), Some(diff)) = (final_text, diff) {
        sqlx::query(
            "INSERT INTO voice_examples (brand, suggestion_id, channel, intent, strategy, text, diff, created_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(brand)
        .bind(suggestion_id)
        .bind(row.try_get::<String, _>("channel")?)
        .bind(row.try_get::<String, _>("intent")?)
        .bind(row.try_get::<String, _>("strategy")?)
        .bind(text)
        .bind(diff)
        .bind(now)
        .execute(&mut *transaction)
        .await?;
    }
    transaction.commit().await?;
    Ok(true)
}

/// Feedback counts per (strategy, intent) for `brand`: the latest verdict
/// of each suggestion counts once.
pub(super) async fn strategy_stats(
    pool: &SqlitePool,
    brand: &str,
) -> Result<Vec<StrategyStat>, StoreError> {
    let rows = sqlx::query(
        "SELECT s.strategy, COALESCE(json_extract(m.triage, '$.intent'), '') AS intent,
                COUNT(*) AS trials,
                SUM(CASE f.verdict WHEN 'accepted' THEN 1.0 WHEN 'edited' THEN 0.5 ELSE 0.0 END) AS successes
         FROM feedback f
         JOIN suggestions s ON s.id = f.suggestion_id
         JOIN messages m ON m.id = s.message_id
         WHERE m.brand = ? AND f.id = (SELECT MAX(id) FROM feedback WHERE suggestion_id = s.id)
         GROUP BY s.strategy, intent",
    )
    .bind(brand)
    .fetch_all(pool)
    .await?;
    rows.iter()
        .map(|row| {
            Ok(StrategyStat {
                strategy: row.try_get("strategy")?,
                intent: row.try_get("intent")?,
                trials: row.try_get::<i64, _>("trials")? as f64,
                successes: row.try_get("successes")?,
            })
        })
        .collect()
}

/// `brand`'s voice examples, newest first.
pub(super) async fn voice_examples(
    pool: &SqlitePool,
    brand: &str,
    limit: u32,
) -> Result<Vec<VoiceExample>, StoreError> {
    let rows = sqlx::query(
        "SELECT id, suggestion_id, channel, intent, strategy, text, diff, created_at
         FROM voice_examples WHERE brand = ? ORDER BY id DESC LIMIT ?",
    )
    .bind(brand)
    .bind(limit)
    .fetch_all(pool)
    .await?;
    rows.iter()
        .map(|row| {
            Ok(VoiceExample {
                id: row.try_get("id")?,
                suggestion_id: row.try_get("suggestion_id")?,
                channel: row.try_get("channel")?,
                intent: row.try_get("intent")?,
                strategy: row.try_get("strategy")?,
                text: row.try_get("text")?,
                diff: row.try_get("diff")?,
                created_at: row.try_get("created_at")?,
            })
        })
        .collect()
}
