//! The queue of a group-committing writer ([`super::ledger_writer`],
//! [`super::record_writer`]): requests wait in a channel, and the writer
//! takes at once all that waited, up to a batch's size.

use tokio::sync::mpsc;

/// A writer's queue of `T` requests, taken in batches of at most `max`.
pub(super) struct Batches<T> {
    receiver: mpsc::Receiver<T>,
    max: usize,
}

/// A queue for batches of at most `max` requests (room for four batches
/// waiting), and the sender its requesters use.
pub(super) fn queue<T>(max: usize) -> (mpsc::Sender<T>, Batches<T>) {
    let (sender, receiver) = mpsc::channel(4 * max);
    (sender, Batches { receiver, max })
}

impl<T> Batches<T> {
    /// Waits for a request, then takes the ones already waiting behind it;
    /// `None` once every sender is gone.
    pub async fn next(&mut self) -> Option<Vec<T>> {
        let first = self.receiver.recv().await?;
        let mut batch = vec![first];
        while batch.len() < self.max {
            match self.receiver.try_recv() {
                Ok(next) => batch.push(next),
                Err(_) => break,
            }
        }
        Some(batch)
    }
}
