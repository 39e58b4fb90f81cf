//! The inbox: conversations with their messages, resolution, and what is
//! known of a customer across their linked identities.

use super::db::Db;
use super::voice;
use crate::model::{PastConversation, Timestamp};
use crate::store::rows::{HistoryRow, MessageRow, SUMMARY_COLUMNS, SUMMARY_FROM, SummaryRow, word};
use crate::store::{
    Assignee, Colleague, ConversationDetail, ConversationSummary, Cursor, Customer,
    CustomerHistory, InboxFilter, Note, Page, Paged, StoreError,
};

/// A page of the brand's inbox, by first-response due time (none last),
/// then id.
pub(super) async fn inbox(
    db: &Db,
    brand: &str,
    filter: &InboxFilter,
    page: &Page,
    now: Timestamp,
) -> Result<Paged<ConversationSummary>, StoreError> {
    let priority = filter.priority.map(|p| word(&p));
    let route = filter.route.map(|r| word(&r));
    let after = page.after.unwrap_or(Cursor {
        key: i64::MIN,
        id: i64::MIN,
    });
    let (assigned, nobody) = match filter.assignee {
        Some(Assignee::Agent(id)) => (Some(id), false),
        Some(Assignee::Nobody) => (None, true),
        None => (None, false),
    };
    let rows: Vec<SummaryRow> = sqlx::query_as(db.sql(format!(
        "SELECT {SUMMARY_COLUMNS} FROM {SUMMARY_FROM}
         WHERE c.brand = ?
           AND (? IS NULL OR c.status = ?)
           AND (? IS NULL OR c.priority = ?)
           AND (? IS NULL OR c.route = ?)
           AND (? IS NULL OR c.channel = ?)
           AND (? IS NULL OR c.assignee = ?)
           AND (? = 0 OR c.assignee IS NULL)
           AND (? IS NULL OR EXISTS (SELECT 1 FROM conversation_labels l
                                     WHERE l.conversation_id = c.id AND l.label = ?))
           AND ({DUE_KEY} > ? OR ({DUE_KEY} = ? AND c.id > ?))
         ORDER BY {DUE_KEY}, c.id
         LIMIT ?"
    )))
    .bind(brand)
    .bind(&filter.status)
    .bind(&filter.status)
    .bind(&priority)
    .bind(&priority)
    .bind(&route)
    .bind(&route)
    .bind(&filter.channel)
    .bind(&filter.channel)
    .bind(assigned)
    .bind(assigned)
    .bind(i64::from(nobody))
    .bind(&filter.label)
    .bind(&filter.label)
    .bind(after.key)
    .bind(after.key)
    .bind(after.id)
    .bind(page.fetch())
    .fetch_all(&db.pool)
    .await?;
    let mut conversations: Vec<ConversationSummary> =
        rows.into_iter().map(|row| row.at(now)).collect();
    with_labels(db, brand, &mut conversations).await?;
    Ok(page.of(conversations, |c: &ConversationSummary| Cursor {
        key: c.first_response_due.unwrap_or(NO_DUE),
        id: c.id,
    }))
}

/// The inbox's sort key: the first-response due time, none last.
const DUE_KEY: &str = "COALESCE(c.first_response_due, 9223372036854775807)";
/// [`DUE_KEY`] of a conversation with no due time.
const NO_DUE: i64 = i64::MAX;

/// One conversation of the brand, with its messages and the customer's
/// other conversations.
pub(super) async fn conversation(
    db: &Db,
    brand: &str,
    id: i64,
    now: Timestamp,
) -> Result<Option<ConversationDetail>, StoreError> {
    // Replies first, messages second, the conversation row last: the
    // sender commits a sent reply with its feedback and the conversation's
    // first response, and the triage worker a message with its
    // conversation, so what is read first is never newer than what follows.
    let replies = super::outbox::replies_of(db, id).await?;
    let rows: Vec<MessageRow> = sqlx::query_as(db.sql(
        "SELECT id, message, triage, status, error FROM messages
         WHERE conversation_id = ? AND brand = ? ORDER BY id",
    ))
    .bind(id)
    .bind(brand)
    .fetch_all(&db.pool)
    .await?;
    let mut messages = Vec::with_capacity(rows.len());
    for row in rows {
        let suggestions = voice::suggestions_of(db, row.id).await?;
        let dropped = voice::dropped_of(db, row.id).await?;
        messages.push(row.with(suggestions, dropped)?);
    }
    let Some(row): Option<SummaryRow> = sqlx::query_as(db.sql(format!(
        "SELECT {SUMMARY_COLUMNS} FROM {SUMMARY_FROM}
         WHERE c.brand = ? AND c.id = ?"
    )))
    .bind(brand)
    .bind(id)
    .fetch_optional(&db.pool)
    .await?
    else {
        return Ok(None);
    };
    let mut summary = [row.at(now)];
    with_labels(db, brand, &mut summary).await?;
    let [summary] = summary;
    let notes = notes_of(db, id).await?;
    let identities = linked_identities(db, brand, summary.customer.id).await?;
    let history = customer_history(
        db,
        brand,
        &summary.channel,
        &summary.customer.author_id,
        id,
        20,
    )
    .await?
    .conversations;
    Ok(Some(ConversationDetail {
        summary,
        messages,
        history,
        replies,
        notes,
        identities,
    }))
}

/// Fills in the labels of `conversations` of `brand`.
async fn with_labels(
    db: &Db,
    brand: &str,
    conversations: &mut [ConversationSummary],
) -> Result<(), StoreError> {
    if conversations.is_empty() {
        return Ok(());
    }
    let marks = vec!["?"; conversations.len()].join(", ");
    let mut query = sqlx::query_as::<_, (i64, String)>(db.sql(format!(
        "SELECT l.conversation_id, l.label FROM conversation_labels l
         JOIN conversations c ON c.id = l.conversation_id
         WHERE c.brand = ? AND l.conversation_id IN ({marks}) ORDER BY l.label"
    )))
    .bind(brand);
    for conversation in conversations.iter() {
        query = query.bind(conversation.id);
    }
    for (id, label) in query.fetch_all(&db.pool).await? {
        if let Some(c) = conversations.iter_mut().find(|c| c.id == id) {
            c.labels.push(label);
        }
    }
    Ok(())
}

/// The other identities of the brand linked to `customer`'s person.
async fn linked_identities(
    db: &Db,
    brand: &str,
    customer: i64,
) -> Result<Vec<Customer>, StoreError> {
    Ok(sqlx::query_as(db.sql(
        "SELECT o.id, o.channel, o.author_id, o.handle, o.display_name, o.email
         FROM customers u JOIN customers o ON o.person_id = u.person_id AND o.brand = u.brand
         WHERE u.brand = ? AND u.id = ? AND o.id != u.id ORDER BY o.id",
    ))
    .bind(brand)
    .bind(customer)
    .fetch_all(&db.pool)
    .await?)
}

/// A conversation's notes, oldest first.
async fn notes_of(db: &Db, conversation: i64) -> Result<Vec<Note>, StoreError> {
    Ok(sqlx::query_as(db.sql(
        "SELECT n.id, a.name AS agent_name, n.text, n.created_at
         FROM notes n JOIN agents a ON a.id = n.agent_id
         WHERE n.conversation_id = ? ORDER BY n.id",
    ))
    .bind(conversation)
    .fetch_all(&db.pool)
    .await?)
}

/// The brand's agents, by name.
pub(super) async fn colleagues(db: &Db, brand: &str) -> Result<Vec<Colleague>, StoreError> {
    Ok(
        sqlx::query_as(db.sql("SELECT id, name FROM agents WHERE brand = ? ORDER BY name, id"))
            .bind(brand)
            .fetch_all(&db.pool)
            .await?,
    )
}

/// Assigns a conversation of the brand to one of its agents, or to no one.
pub(super) async fn assign(
    db: &Db,
    brand: &str,
    conversation: i64,
    agent: Option<i64>,
) -> Result<bool, StoreError> {
    let done = sqlx::query(db.sql(
        "UPDATE conversations SET assignee = ?
         WHERE brand = ? AND id = ?
           AND (? IS NULL OR EXISTS (SELECT 1 FROM agents WHERE id = ? AND brand = ?))",
    ))
    .bind(agent)
    .bind(brand)
    .bind(conversation)
    .bind(agent)
    .bind(agent)
    .bind(brand)
    .execute(&db.pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Puts a label on a conversation of the brand, once.
pub(super) async fn add_label(
    db: &Db,
    brand: &str,
    conversation: i64,
    label: &str,
) -> Result<bool, StoreError> {
    let mut transaction = db.begin_write().await?;
    let owned: Option<i64> =
        sqlx::query_scalar(db.sql("SELECT id FROM conversations WHERE brand = ? AND id = ?"))
            .bind(brand)
            .bind(conversation)
            .fetch_optional(&mut *transaction)
            .await?;
    if owned.is_none() {
        return Ok(false);
    }
    let present: Option<i64> = sqlx::query_scalar(db.sql(
        "SELECT conversation_id FROM conversation_labels WHERE conversation_id = ? AND label = ?",
    ))
    .bind(conversation)
    .bind(label)
    .fetch_optional(&mut *transaction)
    .await?;
    if present.is_none() {
        sqlx::query(
            db.sql("INSERT INTO conversation_labels (conversation_id, label) VALUES (?, ?)"),
        )
        .bind(conversation)
        .bind(label)
        .execute(&mut *transaction)
        .await?;
    }
    transaction.commit().await?;
    Ok(true)
}

/// Leaves a note on a conversation of the brand, by one of its agents.
pub(super) async fn add_note(
    db: &Db,
    brand: &str,
    conversation: i64,
    agent: i64,
    text: &str,
    now: Timestamp,
) -> Result<bool, StoreError> {
    let done = sqlx::query(db.sql(
        "INSERT INTO notes (conversation_id, agent_id, text, created_at)
         SELECT c.id, a.id, ?, ? FROM conversations c CROSS JOIN agents a
         WHERE c.brand = ? AND c.id = ? AND a.brand = ? AND a.id = ?",
    ))
    .bind(text)
    .bind(now)
    .bind(brand)
    .bind(conversation)
    .bind(brand)
    .bind(agent)
    .execute(&db.pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Resolves a conversation of the brand; false if there is none.
pub(super) async fn resolve(
    db: &Db,
    brand: &str,
    id: i64,
    now: Timestamp,
) -> Result<bool, StoreError> {
    let done = sqlx::query(db.sql(
        "UPDATE conversations SET status = 'resolved', resolved_at = ? WHERE brand = ? AND id = ?",
    ))
    .bind(now)
    .bind(brand)
    .bind(id)
    .execute(&db.pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The customer's other conversations (all linked identities), excluding
/// `current_conversation`, newest first, at most `limit`.
pub(super) async fn customer_history(
    db: &Db,
    brand: &str,
    channel: &str,
    author_id: &str,
    current_conversation: i64,
    limit: u32,
) -> Result<CustomerHistory, StoreError> {
    let person: Option<i64> = sqlx::query_scalar(
        db.sql("SELECT person_id FROM customers WHERE brand = ? AND channel = ? AND author_id = ?"),
    )
    .bind(brand)
    .bind(channel)
    .bind(author_id)
    .fetch_optional(&db.pool)
    .await?
    .flatten();
    let Some(person) = person else {
        return Ok(CustomerHistory::default());
    };
    let rows: Vec<HistoryRow> = sqlx::query_as(db.sql(
        "SELECT c.id, c.channel, c.opened_at, c.intent, c.status,
                (SELECT m.message FROM messages m WHERE m.conversation_id = c.id ORDER BY m.id LIMIT 1) AS first
         FROM customers u CROSS JOIN conversations c
         WHERE c.customer_id = u.id AND u.brand = ? AND u.person_id = ?
           AND c.brand = ? AND c.id != ?
         ORDER BY c.opened_at DESC, c.id DESC LIMIT ?",
    ))
    // The person's identities first, then their conversations (SQLite
    // joins a CROSS JOIN in the order written): never a scan of every
    // conversation of the brand.
    .bind(brand)
    .bind(person)
    .bind(brand)
    .bind(current_conversation)
    .bind(i64::from(limit))
    .fetch_all(&db.pool)
    .await?;
    let conversations: Vec<PastConversation> = rows.into_iter().map(Into::into).collect();
    let open = conversations.iter().filter(|c| c.status == "open").count();
    Ok(CustomerHistory {
        person_id: Some(person),
        open: u32::try_from(open).unwrap_or(u32::MAX),
        conversations,
    })
}

/// Links customer `other` (and everyone linked to it) to `customer`'s
/// person; false if either is not the brand's.
pub(super) async fn link_customers(
    db: &Db,
    brand: &str,
    customer: i64,
    other: i64,
) -> Result<bool, StoreError> {
    let done = sqlx::query(db.sql(
        "UPDATE customers SET person_id = (SELECT person_id FROM customers WHERE brand = ? AND id = ?)
         WHERE brand = ? AND person_id = (SELECT person_id FROM customers WHERE brand = ? AND id = ?)
           AND EXISTS (SELECT 1 FROM customers WHERE brand = ? AND id = ?)",
    ))
    .bind(brand)
    .bind(customer)
    .bind(brand)
    .bind(brand)
    .bind(other)
    .bind(brand)
    .bind(customer)
    .execute(&db.pool)
    .await?;
    Ok(done.rows_affected() > 0)
}

#[cfg(test)]
mod tests {
    use super::{DUE_KEY, NO_DUE};

    #[test]
    fn no_due_time_sorts_as_the_cursor_says() {
        assert!(DUE_KEY.contains(&NO_DUE.to_string()));
    }
}
