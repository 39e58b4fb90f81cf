//! Copying a whole store to another, empty one: `chorus store migrate
//! --from sqlite://… --to postgres://…` (or back). Both are opened (and so
//! migrated to the same schema) first; every table is copied with its ids,
//! parents before children, in one transaction on the target, so a failed
//! copy leaves the target empty. PostgreSQL's identity sequences then
//! continue after the copied ids.

use sqlx::any::AnyRow;
use sqlx::{Any, AnyConnection, Row};

use super::SqlStore;
use super::db::Db;
use super::dialect::Dialect;
use crate::store::StoreError;

/// A column's type, as both backends store it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// `INTEGER` / `BIGINT`.
    Int,
    /// `TEXT`.
    Text,
    /// `BLOB` / `BYTEA`.
    Bytes,
}

use Kind::{Bytes, Int, Text};

/// A table and its columns, in the order they are copied. A table whose
/// first column is `id` is read in pages by id.
struct Table {
    name: &'static str,
    columns: &'static [(&'static str, Kind)],
}

/// Every table of the schema, parents first. A test checks this list
/// against the migrated schema, so that a new column cannot be left behind.
const TABLES: &[Table] = &[
    Table {
        name: "ledger",
        columns: &[
            ("id", Int),
            ("brand", Text),
            ("channel", Text),
            ("received_at", Int),
            ("method", Text),
            ("path", Text),
            ("query", Text),
            ("headers", Text),
            ("body", Bytes),
            ("status", Text),
            ("detail", Text),
            ("lease_owner", Text),
            ("lease_until", Int),
        ],
    },
    Table {
        name: "dead_letters",
        columns: &[
            ("id", Int),
            ("ledger_id", Int),
            ("brand", Text),
            ("channel", Text),
            ("kind", Text),
            ("reason", Text),
            ("created_at", Int),
            ("replayed_at", Int),
        ],
    },
    Table {
        name: "customers",
        columns: &[
            ("id", Int),
            ("brand", Text),
            ("channel", Text),
            ("author_id", Text),
            ("handle", Text),
            ("display_name", Text),
            ("email", Text),
            ("person_id", Int),
        ],
    },
    Table {
        name: "agents",
        columns: &[
            ("id", Int),
            ("brand", Text),
            ("email", Text),
            ("name", Text),
            ("password_hash", Text),
            ("created_at", Int),
        ],
    },
    Table {
        name: "conversations",
        columns: &[
            ("id", Int),
            ("brand", Text),
            ("channel", Text),
            ("thread_key", Text),
            ("customer_id", Int),
            ("status", Text),
            ("priority", Text),
            ("route", Text),
            ("intent", Text),
            ("opened_at", Int),
            ("first_response_due", Int),
            ("resolved_at", Int),
            ("lease_owner", Text),
            ("lease_until", Int),
            ("first_response_at", Int),
            ("assignee", Int),
        ],
    },
    Table {
        name: "messages",
        columns: &[
            ("id", Int),
            ("conversation_id", Int),
            ("ledger_id", Int),
            ("brand", Text),
            ("channel", Text),
            ("event_id", Text),
            ("external_id", Text),
            ("kind", Text),
            ("message", Text),
            ("triage", Text),
            ("intent", Text),
            ("status", Text),
            ("error", Text),
            ("received_at", Int),
            ("platform_key", Text),
        ],
    },
    Table {
        name: "suggestions",
        columns: &[
            ("id", Int),
            ("message_id", Int),
            ("rank", Int),
            ("text", Text),
            ("strategy", Text),
            ("rationale", Text),
            ("review", Text),
        ],
    },
    Table {
        name: "dropped_suggestions",
        columns: &[
            ("id", Int),
            ("message_id", Int),
            ("text", Text),
            ("strategy", Text),
            ("rationale", Text),
            ("reason", Text),
            ("rules", Text),
        ],
    },
    Table {
        name: "feedback",
        columns: &[
            ("id", Int),
            ("suggestion_id", Int),
            ("verdict", Text),
            ("final_text", Text),
            ("reason", Text),
            ("created_at", Int),
            ("diff", Text),
        ],
    },
    Table {
        name: "voice_examples",
        columns: &[
            ("id", Int),
            ("brand", Text),
            ("suggestion_id", Int),
            ("channel", Text),
            ("intent", Text),
            ("strategy", Text),
            ("text", Text),
            ("diff", Text),
            ("created_at", Int),
        ],
    },
    Table {
        name: "outbox",
        columns: &[
            ("id", Int),
            ("brand", Text),
            ("conversation_id", Int),
            ("message_id", Int),
            ("suggestion_id", Int),
            ("text", Text),
            ("idempotency_key", Text),
            ("status", Text),
            ("attempts", Int),
            ("progress", Int),
            ("next_attempt_at", Int),
            ("lease_owner", Text),
            ("lease_until", Int),
            ("platform_id", Text),
            ("error", Text),
            ("created_at", Int),
            ("sent_at", Int),
        ],
    },
    Table {
        name: "agent_sessions",
        columns: &[
            ("token_hash", Text),
            ("agent_id", Int),
            ("csrf", Text),
            ("created_at", Int),
            ("expires_at", Int),
        ],
    },
    Table {
        name: "conversation_labels",
        columns: &[("conversation_id", Int), ("label", Text)],
    },
    Table {
        name: "notes",
        columns: &[
            ("id", Int),
            ("conversation_id", Int),
            ("agent_id", Int),
            ("text", Text),
            ("created_at", Int),
        ],
    },
    Table {
        name: "plugin_kv",
        columns: &[
            ("brand", Text),
            ("plugin", Text),
            ("key", Text),
            ("value", Bytes),
            ("bytes", Int),
        ],
    },
];

/// Rows read and written at a time.
const CHUNK: i64 = 1_000;

/// Rows copied per table, in copy order.
pub type CopyReport = Vec<(&'static str, u64)>;

/// Why a copy did not happen.
#[derive(Debug, thiserror::Error)]
pub enum CopyError {
    /// The target already holds data: a copy would mix two histories.
    #[error("the target database is not empty: its {table} table has {rows} rows")]
    TargetNotEmpty {
        /// The first table found with rows.
        table: &'static str,
        /// How many.
        rows: i64,
    },
    /// Reading or writing failed; the target is left as it was.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sqlx::Error> for CopyError {
    fn from(error: sqlx::Error) -> Self {
        Self::Store(StoreError::Database(error))
    }
}

/// One value of a row.
enum Value {
    Int(Option<i64>),
    Text(Option<String>),
    Bytes(Option<Vec<u8>>),
}

/// Copies every table of `from` into `to`, which must be empty; returns
/// the rows copied per table. `progress(table, rows so far)` is called
/// after each chunk.
pub async fn copy_store(
    from: &SqlStore,
    to: &SqlStore,
    mut progress: impl FnMut(&str, u64),
) -> Result<CopyReport, CopyError> {
    for table in TABLES {
        let rows: i64 =
            sqlx::query_scalar(to.db.sql(format!("SELECT COUNT(*) FROM {}", table.name)))
                .fetch_one(&to.db.pool)
                .await?;
        if rows > 0 {
            return Err(CopyError::TargetNotEmpty {
                table: table.name,
                rows,
            });
        }
    }
    let mut transaction = to.db.pool.begin().await?;
    let mut report = Vec::with_capacity(TABLES.len());
    for table in TABLES {
        let copied = copy_table(&from.db, &to.db, &mut transaction, table, &mut progress).await?;
        if to.db.dialect == Dialect::Postgres && table.columns[0].0 == "id" {
            sqlx::query(to.db.sql(format!(
                "SELECT setval(pg_get_serial_sequence('{0}', 'id'),
                               (SELECT COALESCE(MAX(id), 0) + 1 FROM {0}), false)",
                table.name
            )))
            .execute(&mut *transaction)
            .await?;
        }
        report.push((table.name, copied));
    }
    transaction.commit().await?;
    Ok(report)
}

/// Copies one table, in chunks (by id where it has one).
async fn copy_table(
    from: &Db,
    to: &Db,
    target: &mut sqlx::Transaction<'static, Any>,
    table: &Table,
    progress: &mut impl FnMut(&str, u64),
) -> Result<u64, CopyError> {
    let names: Vec<&str> = table.columns.iter().map(|(name, _)| *name).collect();
    let columns = names.join(", ");
    let by_id = names.first() == Some(&"id");
    let order = if by_id {
        "id".to_owned()
    } else {
        columns.clone()
    };
    let insert = format!(
        "INSERT INTO {} ({columns}) VALUES ({})",
        table.name,
        vec!["?"; names.len()].join(", ")
    );
    let mut copied = 0_u64;
    let mut last_id = i64::MIN;
    loop {
        let rows: Vec<AnyRow> = if by_id {
            sqlx::query(from.sql(format!(
                "SELECT {columns} FROM {} WHERE id > ? ORDER BY id LIMIT ?",
                table.name
            )))
            .bind(last_id)
            .bind(CHUNK)
            .fetch_all(&from.pool)
            .await?
        } else {
            sqlx::query(from.sql(format!(
                "SELECT {columns} FROM {} ORDER BY {order} LIMIT ? OFFSET ?",
                table.name
            )))
            .bind(CHUNK)
            .bind(i64::try_from(copied).unwrap_or(i64::MAX))
            .fetch_all(&from.pool)
            .await?
        };
        if rows.is_empty() {
            return Ok(copied);
        }
        for row in &rows {
            let values = read_row(row, table)?;
            if let Some(Value::Int(Some(id))) = values.first().filter(|_| by_id) {
                last_id = *id;
            }
            write_row(to, target, &insert, values).await?;
        }
        copied += rows.len() as u64;
        progress(table.name, copied);
    }
}

fn read_row(row: &AnyRow, table: &Table) -> Result<Vec<Value>, sqlx::Error> {
    table
        .columns
        .iter()
        .enumerate()
        .map(|(i, (_, kind))| {
            Ok(match kind {
                Int => Value::Int(row.try_get(i)?),
                Text => Value::Text(row.try_get(i)?),
                Bytes => Value::Bytes(row.try_get(i)?),
            })
        })
        .collect()
}

async fn write_row(
    to: &Db,
    connection: &mut AnyConnection,
    insert: &str,
    values: Vec<Value>,
) -> Result<(), sqlx::Error> {
    let mut query = sqlx::query(to.sql(insert.to_owned()));
    for value in values {
        query = match value {
            Value::Int(v) => query.bind(v),
            Value::Text(v) => query.bind(v),
            Value::Bytes(v) => query.bind(v),
        };
    }
    query.execute(connection).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::TABLES;

    /// The tables and columns of the migrated SQLite schema, sorted.
    async fn schema(store: &super::SqlStore) -> Vec<(String, Vec<String>)> {
        let tables: Vec<String> = sqlx::query_scalar(store.db.sql(
            "SELECT name FROM sqlite_master
             WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_sqlx%'
             ORDER BY name",
        ))
        .fetch_all(&store.db.pool)
        .await
        .expect("tables");
        let mut schema = Vec::new();
        for table in tables {
            let mut columns: Vec<String> = sqlx::query_scalar(
                store
                    .db
                    .sql(format!("SELECT name FROM pragma_table_info('{table}')")),
            )
            .fetch_all(&store.db.pool)
            .await
            .expect("columns");
            columns.sort();
            schema.push((table, columns));
        }
        schema
    }

    #[tokio::test]
    async fn every_table_and_column_of_the_schema_is_copied() {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = format!("sqlite://{}", dir.path().join("c.db").display());
        let store = super::SqlStore::open(&url).await.expect("opens");
        let mut listed: Vec<(String, Vec<String>)> = TABLES
            .iter()
            .map(|table| {
                let mut columns: Vec<String> =
                    table.columns.iter().map(|(c, _)| (*c).to_owned()).collect();
                columns.sort();
                (table.name.to_owned(), columns)
            })
            .collect();
        listed.sort();
        assert_eq!(listed, schema(&store).await);
    }
}
