//! One writer that records the messages of concurrent webhooks in one
//! transaction (group commit), as [`super::ledger_writer`] does for the
//! ledger's appends, and answers each webhook once its batch commits.
//!
//! Recording a webhook's messages runs a handful of statements and ends in
//! a durable commit (one fsync with SQLite's `synchronous=FULL`), under the
//! database's write lock: one transaction per webhook made concurrent
//! webhooks wait on each other's fsync. A batch pays one. When a batch
//! fails, each of its webhooks is recorded again on its own, so that one
//! bad entry fails alone.

use tokio::sync::{mpsc, oneshot};

use super::batch::queue;
use super::db::Db;
use super::record::{self, Heard};
use crate::model::Message;
use crate::store::{Recorded, StoreError};

/// Most webhooks in one transaction.
const MAX_BATCH: usize = 64;

/// One webhook's messages to record.
pub(super) struct Job {
    pub heard: Heard,
    pub messages: Vec<Message>,
    pub reply: oneshot::Sender<Result<Vec<Recorded>, StoreError>>,
}

/// Starts the writer task on `db`'s pool.
pub(super) fn spawn(db: Db) -> mpsc::Sender<Job> {
    let (sender, mut batches) = queue::<Job>(MAX_BATCH);
    tokio::spawn(async move {
        while let Some(batch) = batches.next().await {
            write(&db, batch).await;
        }
    });
    sender
}

/// Records `batch` in one transaction, or, when that fails and there is
/// more than one job, each job in a transaction of its own.
async fn write(db: &Db, batch: Vec<Job>) {
    let jobs: Vec<(&Heard, &[Message])> = batch
        .iter()
        .map(|job| (&job.heard, job.messages.as_slice()))
        .collect();
    let outcome = record::record_batch(db, &jobs).await;
    match outcome {
        Ok(results) => {
            for (job, result) in batch.into_iter().zip(results) {
                // The webhook may have gone away; its messages are stored anyway.
                let _ = job.reply.send(Ok(result));
            }
        }
        Err(error) if batch.len() == 1 => {
            if let Some(job) = batch.into_iter().next() {
                let _ = job.reply.send(Err(error));
            }
        }
        Err(error) => {
            tracing::warn!(
                "recording a batch of {} failed, each alone: {error}",
                batch.len()
            );
            for job in batch {
                let alone = record::record_batch(db, &[(&job.heard, &job.messages)]).await;
                let _ = job
                    .reply
                    .send(alone.map(|results| results.into_iter().next().unwrap_or_default()));
            }
        }
    }
}
