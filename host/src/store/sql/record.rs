//! Recording heard messages: the backend answers the questions of
//! [`recording`] (is this platform message stored? where is its
//! original? who else is this person?) and stores what the rules decide.

use sqlx::AnyConnection;

use super::db::Db;
use super::ledger;
use crate::model::{Message, MessageKind, Timestamp};
use crate::store::recording::{self, Decision, StoredOriginal};
use crate::store::rows::{IdentityRow, to_json, word};
use crate::store::rules::{self, Identity};
use crate::store::{LedgerEntry, LedgerId, Recorded, StoreError};

/// The ledger entry a webhook's messages were heard in: all that recording
/// reads of it (not the request).
#[derive(Debug, Clone)]
pub(super) struct Heard {
    pub id: LedgerId,
    pub brand: String,
    pub channel: String,
    pub received_at: Timestamp,
}

impl Heard {
    pub fn of(entry: &LedgerEntry) -> Self {
        Self {
            id: entry.id,
            brand: entry.brand.clone(),
            channel: entry.channel.clone(),
            received_at: entry.received_at,
        }
    }
}

/// Records the messages of each entry and marks the entries, all in one
/// transaction: per entry, what became of each of its messages.
pub(super) async fn record_batch(
    db: &Db,
    jobs: &[(&Heard, &[Message])],
) -> Result<Vec<Vec<Recorded>>, StoreError> {
    let mut transaction = db.begin_write().await?;
    let mut batch = Vec::with_capacity(jobs.len());
    for (entry, messages) in jobs {
        let mut results = Vec::with_capacity(messages.len());
        for message in *messages {
            results.push(record(db, &mut transaction, entry, message).await?);
        }
        let (status, detail) = recording::ledger_outcome(&results);
        ledger::set_status(db, &mut *transaction, entry.id, status, detail.as_deref()).await?;
        batch.push(results);
    }
    if let Some(notify) = db.dialect.notify_work()
        && batch.iter().flatten().any(|r| matches!(r, Recorded::New))
    {
        sqlx::query(db.sql(notify))
            .execute(&mut *transaction)
            .await?;
    }
    transaction.commit().await?;
    Ok(batch)
}

/// Records one message on `connection` (the caller's transaction).
async fn record(
    db: &Db,
    connection: &mut AnyConnection,
    entry: &Heard,
    message: &Message,
) -> Result<Recorded, StoreError> {
    let key = recording::platform_key(message);
    let stored = already_stored(db, connection, entry, &key).await?;
    let original = match message.kind {
        MessageKind::Original => None,
        _ => stored_original(db, connection, entry, &message.external_id).await?,
    };
    Ok(match recording::decide(message, stored, original) {
        Decision::Duplicate => Recorded::Duplicate { key },
        Decision::UnknownOriginal => Recorded::UnknownOriginal {
            kind: message.kind,
            external_id: message.external_id.clone(),
        },
        Decision::Store { in_conversation } => {
            let (conversation, message) = match in_conversation {
                Some(original) => (original.conversation_id, with_author(message, original)),
                None => (
                    open_conversation(db, connection, entry, message).await?,
                    message.clone(),
                ),
            };
            insert(db, connection, entry, conversation, &key, &message).await?
        }
    })
}

async fn already_stored(
    db: &Db,
    connection: &mut AnyConnection,
    entry: &Heard,
    key: &str,
) -> Result<bool, StoreError> {
    let found: Option<i64> = sqlx::query_scalar(db.sql(
        "SELECT id FROM messages WHERE brand = ? AND channel = ? AND platform_key = ? LIMIT 1",
    ))
    .bind(&entry.brand)
    .bind(&entry.channel)
    .bind(key)
    .fetch_optional(&mut *connection)
    .await?;
    Ok(found.is_some())
}

/// The stored original with `external_id` on the entry's brand and channel.
async fn stored_original(
    db: &Db,
    connection: &mut AnyConnection,
    entry: &Heard,
    external_id: &str,
) -> Result<Option<StoredOriginal>, StoreError> {
    let row: Option<(i64, String)> = sqlx::query_as(db.sql(
        "SELECT m.conversation_id, u.author_id
         FROM messages m JOIN conversations c ON c.id = m.conversation_id
         JOIN customers u ON u.id = c.customer_id
         WHERE m.brand = ? AND m.channel = ? AND m.external_id = ? AND m.kind = 'original'
         ORDER BY m.id LIMIT 1",
    ))
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

/// The customer (created or updated, linked to its person) and the
/// conversation of the message's thread (created, or reopened); returns the
/// conversation id.
async fn open_conversation(
    db: &Db,
    connection: &mut AnyConnection,
    entry: &Heard,
    message: &Message,
) -> Result<i64, StoreError> {
    let customer: IdentityRow = sqlx::query_as(db.sql(
        "INSERT INTO customers (brand, channel, author_id, handle, display_name, email)
         VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (brand, channel, author_id) DO UPDATE SET
           handle = COALESCE(excluded.handle, customers.handle),
           display_name = COALESCE(excluded.display_name, customers.display_name),
           email = COALESCE(excluded.email, customers.email)
         RETURNING id, person_id, email, handle",
    ))
    .bind(&entry.brand)
    .bind(&entry.channel)
    .bind(&message.author.id)
    .bind(&message.author.handle)
    .bind(&message.author.display_name)
    .bind(&message.author.email)
    .fetch_one(&mut *connection)
    .await?;
    let (customer, person, identity) = customer.into_parts();
    if person.is_none() {
        link_new_identity(db, connection, &entry.brand, customer, &identity).await?;
    }
    let thread = message
        .thread_id
        .clone()
        .unwrap_or_else(|| message.external_id.clone());
    let conversation = sqlx::query_scalar(db.sql(
        "INSERT INTO conversations (brand, channel, thread_key, customer_id, opened_at)
         VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (brand, channel, thread_key) DO UPDATE SET status = 'open', resolved_at = NULL
         RETURNING id",
    ))
    .bind(&entry.brand)
    .bind(&entry.channel)
    .bind(&thread)
    .bind(customer)
    .bind(entry.received_at)
    .fetch_one(&mut *connection)
    .await?;
    Ok(conversation)
}

/// Links a new identity to its person by [`rules::person_for`], among the
/// brand's identities with the same email address or handle.
async fn link_new_identity(
    db: &Db,
    connection: &mut AnyConnection,
    brand: &str,
    customer: i64,
    identity: &Identity,
) -> Result<(), StoreError> {
    let candidates: Vec<IdentityRow> = sqlx::query_as(db.sql(
        "SELECT id, person_id, email, handle FROM customers
         WHERE brand = ? AND id != ? AND person_id IS NOT NULL
           AND (lower(email) = lower(?) OR lower(handle) = lower(?))
         ORDER BY id",
    ))
    .bind(brand)
    .bind(customer)
    .bind(&identity.email)
    .bind(&identity.handle)
    .fetch_all(&mut *connection)
    .await?;
    let person = rules::person_for(
        customer,
        identity,
        candidates.into_iter().filter_map(IdentityRow::candidate),
    );
    sqlx::query(db.sql("UPDATE customers SET person_id = ? WHERE id = ?"))
        .bind(person)
        .bind(customer)
        .execute(&mut *connection)
        .await?;
    Ok(())
}

/// Inserts the message; a concurrent delivery of the same platform message
/// that got there first makes this one a duplicate.
async fn insert(
    db: &Db,
    connection: &mut AnyConnection,
    entry: &Heard,
    conversation: i64,
    key: &str,
    message: &Message,
) -> Result<Recorded, StoreError> {
    let inserted = sqlx::query(db.sql(
        "INSERT INTO messages (conversation_id, ledger_id, brand, channel, event_id, external_id, kind, platform_key, message, received_at, status)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT DO NOTHING",
    ))
    .bind(conversation)
    .bind(entry.id)
    .bind(&entry.brand)
    .bind(&entry.channel)
    .bind(&message.event_id)
    .bind(&message.external_id)
    .bind(word(&message.kind))
    .bind(key)
    .bind(to_json(message, "message")?)
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
