//! One writer that batches concurrent ledger appends into one transaction
//! (group commit) and acknowledges each append after its batch commits.
//!
//! With SQLite's `synchronous=FULL` one commit costs one fsync (~0.3 ms
//! here); batching the appends that arrive meanwhile shares that cost. The
//! writer has a connection of its own; when a batch fails, every append in
//! it gets the error and the next batch opens a fresh connection (a
//! database server may have dropped the old one).

use std::sync::Arc;

use sqlx::{AnyConnection, Connection, Executor};
use tokio::sync::{mpsc, oneshot};

use super::batch::queue;
use super::dialect::Dialect;
use crate::model::{HttpRequest, Timestamp};
use crate::store::{LedgerId, StoreError};

/// Most appends in one transaction.
const MAX_BATCH: usize = 256;

/// One append request.
pub(super) struct Append {
    pub brand: String,
    pub channel: String,
    pub received_at: Timestamp,
    pub request: HttpRequest,
    pub headers: String,
    pub reply: oneshot::Sender<Result<LedgerId, StoreError>>,
}

/// Where the writer connects.
struct Target {
    url: String,
    dialect: Dialect,
}

/// Starts the writer task; it connects to `url` when the first append
/// arrives.
pub(super) fn spawn(url: String, dialect: Dialect) -> mpsc::Sender<Append> {
    let (sender, mut batches) = queue::<Append>(MAX_BATCH);
    let target = Target { url, dialect };
    tokio::spawn(async move {
        let mut connection: Option<AnyConnection> = None;
        while let Some(batch) = batches.next().await {
            match write_batch(&target, &mut connection, &batch).await {
                Ok(ids) => {
                    for (append, id) in batch.into_iter().zip(ids) {
                        // The requester may have gone away; the row is durable anyway.
                        let _ = append.reply.send(Ok(id));
                    }
                }
                Err(error) => {
                    tracing::error!("ledger append failed: {error}");
                    connection = None;
                    let error = Arc::new(error);
                    for append in batch {
                        let _ = append.reply.send(Err(StoreError::Ledger(error.clone())));
                    }
                }
            }
        }
    });
    sender
}

async fn write_batch(
    target: &Target,
    connection: &mut Option<AnyConnection>,
    batch: &[Append],
) -> Result<Vec<LedgerId>, sqlx::Error> {
    let connection = match connection {
        Some(connection) => connection,
        None => {
            let mut fresh = AnyConnection::connect(&target.url).await?;
            if let Some(setup) = target.dialect.connection_setup() {
                fresh.execute(setup).await?;
            }
            connection.insert(fresh)
        }
    };
    let mut transaction = connection.begin().await?;
    let mut ids = Vec::with_capacity(batch.len());
    for append in batch {
        let id: i64 = sqlx::query_scalar(target.dialect.sql(
            "INSERT INTO ledger (brand, channel, received_at, method, path, query, headers, body)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        ))
        .bind(&append.brand)
        .bind(&append.channel)
        .bind(append.received_at)
        .bind(&append.request.method)
        .bind(&append.request.path)
        .bind(&append.request.query)
        .bind(&append.headers)
        .bind(&append.request.body)
        .fetch_one(&mut *transaction)
        .await?;
        ids.push(id);
    }
    transaction.commit().await?;
    Ok(ids)
}
