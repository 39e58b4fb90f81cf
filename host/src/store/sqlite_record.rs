//! Recording heard messages in SQLite: the backend answers the questions of
//! [`super::recording`] and stores what its rule decides.

use sqlx::SqliteConnection;

use super::recording::{self, Decision, Recorded, StoredOriginal};
use super::sqlite::{to_json, word};
use super::{LedgerEntry, StoreError};
use crate::model::{Message, MessageKind};

/// Records `messages` of `entry` and marks the entry, on `connection`
/// (the caller's transaction).
pub(super) async fn record(
    connection: &mut SqliteConnection,
    entry: &LedgerEntry,
    messages: &[Message],
) -> Result<Vec<Recorded>, StoreError> {
    let mut results = Vec::with_capacity(messages.len());
    for message in messages {
        let key = recording::platform_key(message);
        let stored = already_stored(connection, entry, &key).await?;
        let original = match message.kind {
            MessageKind::Original => None,
            _ => stored_original(connection, entry, &message.external_id).await?,
        };
        let result = match recording::decide(message, stored, original) {
            Decision::Duplicate => Recorded::Duplicate { key },
            Decision::UnknownOriginal => Recorded::UnknownOriginal {
                kind: message.kind,
                external_id: message.external_id.clone(),
            },
            Decision::Store { in_conversation } => {
                let (conversation, message) = match in_conversation {
                    Some(original) => (original.conversation_id, with_author(message, original)),
                    None => (
                        open_conversation(connection, entry, message).await?,
                        message.clone(),
                    ),
                };
                insert(connection, entry, conversation, &key, &message).await?
            }
        };
        results.push(result);
    }
    let (status, detail) = recording::ledger_outcome(&results);
    sqlx::query("UPDATE ledger SET status = ?, detail = ? WHERE id = ?")
        .bind(status.as_str())
        .bind(detail)
        .bind(entry.id)
        .execute(&mut *connection)
        .await?;
    Ok(results)
}

async fn already_stored(
    connection: &mut SqliteConnection,
    entry: &LedgerEntry,
    key: &str,
) -> Result<bool, StoreError> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM messages WHERE brand = ? AND channel = ? AND platform_key = ? LIMIT 1",
    )
    .bind(&entry.brand)
    .bind(&entry.channel)
    .bind(key)
    .fetch_optional(&mut *connection)
    .await?;
    Ok(found.is_some())
}

/// The stored original with `external_id` on the entry's brand and channel.
async fn stored_original(
    connection: &mut SqliteConnection,
    entry: &LedgerEntry,
    external_id: &str,
) -> Result<Option<StoredOriginal>, StoreError> {
    let row: Option<(i64, String)> = sqlx::query_as(
        "SELECT m.conversation_id, u.author_id
         FROM messages m JOIN conversations c ON c.id = m.conversation_id
         JOIN customers u ON u.id = c.customer_id
         WHERE m.brand = ? AND m.channel = ? AND m.external_id = ? AND m.kind = 'original'
         ORDER BY m.id LIMIT 1",
    )
    .bind(&entry.brand)
    .bind(&entry.channel)
    .bind(external_id)
    .fetch_optional(&mut *connection)
    .await?;
    Ok(row.map(|(conversation_id, author_id)| StoredOriginal {
        conversation_id,
        author_id,
    }))
}

/// A change of a stored message, with the original's author when the
/// plugin could not say who wrote it (a deletion).
fn with_author(message: &Message, original: StoredOriginal) -> Message {
    let mut message = message.clone();
    if message.author.id.trim().is_empty() {
        message.author.id = original.author_id;
    }
    message
}

/// The customer (created or updated) and the conversation of the message's
/// thread (created, or reopened); returns the conversation id.
async fn open_conversation(
    connection: &mut SqliteConnection,
    entry: &LedgerEntry,
    message: &Message,
) -> Result<i64, StoreError> {
    let customer: i64 = sqlx::query_scalar(
        "INSERT INTO customers (brand, channel, author_id, handle, display_name, email)
         VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (brand, channel, author_id) DO UPDATE SET
           handle = COALESCE(excluded.handle, handle),
           display_name = COALESCE(excluded.display_name, display_name),
           email = COALESCE(excluded.email, email)
         RETURNING id",
    )
    .bind(&entry.brand)
    .bind(&entry.channel)
    .bind(&message.author.id)
    .bind(&message.author.handle)
    .bind(&message.author.display_name)
    .bind(&message.author.email)
    .fetch_one(&mut *connection)
    .await?;
    // A new identity joins the person with the same email or handle.
    sqlx::query(
        "UPDATE customers SET person_id = COALESCE(
           (SELECT o.person_id FROM customers o
            WHERE o.brand = customers.brand AND o.id != customers.id AND o.person_id IS NOT NULL
              AND ((customers.email IS NOT NULL AND lower(o.email) = lower(customers.email))
                OR (customers.handle IS NOT NULL AND lower(o.handle) = lower(customers.handle)))
            ORDER BY o.id LIMIT 1),
           customers.id)
         WHERE id = ? AND person_id IS NULL",
    )
    .bind(customer)
    .execute(&mut *connection)
    .await?;
    let thread = message
        .thread_id
        .clone()
        .unwrap_or_else(|| message.external_id.clone());
    let conversation = sqlx::query_scalar(
        "INSERT INTO conversations (brand, channel, thread_key, customer_id, opened_at)
         VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (brand, channel, thread_key) DO UPDATE SET status = 'open', resolved_at = NULL
         RETURNING id",
    )
    .bind(&entry.brand)
    .bind(&entry.channel)
    .bind(&thread)
    .bind(customer)
    .bind(entry.received_at)
    .fetch_one(&mut *connection)
    .await?;
    Ok(conversation)
}

/// Inserts the message; a concurrent delivery of the same platform message
/// that got there first makes this one a duplicate.
async fn insert(
    connection: &mut SqliteConnection,
    entry: &LedgerEntry,
    conversation: i64,
    key: &str,
    message: &Message,
) -> Result<Recorded, StoreError> {
    let inserted = sqlx::query(
        "INSERT INTO messages (conversation_id, ledger_id, brand, channel, event_id, external_id, kind, platform_key, message, received_at, status)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT DO NOTHING",
    )
    .bind(conversation)
    .bind(entry.id)
    .bind(&entry.brand)
    .bind(&entry.channel)
    .bind(&message.event_id)
    .bind(&message.external_id)
    .bind(word(&message.kind))
    .bind(key)
    .bind(to_json(message)?)
    .bind(entry.received_at)
    // A deletion only records that the message is gone: nothing to triage.
    .bind(if message.kind == MessageKind::Deletion { "done" } else { "pending" })
    .execute(&mut *connection)
    .await?;
    Ok(if inserted.rows_affected() == 0 {
        Recorded::Duplicate {
            key: key.to_owned(),
        }
    } else {
        Recorded::New
    })
}
