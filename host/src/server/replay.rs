//! Replay: re-run dead letters (after a plugin fix, a config fix, a secret
//! rotation) and entries left unprocessed. Used by `chorus replay` and by
//! `POST /v1/admin/replay`.

use serde::Serialize;

use super::app::App;
use super::intake::{Reply, listen_entry};
use super::worker;
use crate::model::Timestamp;
use crate::store::{Store, StoreError};

/// What a replay did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct ReplayReport {
    /// Dead letters and unprocessed entries tried.
    pub replayed: usize,
    /// Of those, now recorded as messages.
    pub accepted: usize,
    /// Ignored or answered as handshakes.
    pub ignored: usize,
    /// Failed again (a new dead letter records why).
    pub failed: usize,
    /// Messages triaged afterwards.
    pub triaged: usize,
}

/// Replays unprocessed entries and, with `dead_letters`, dead letters
/// created since `since`; `progress(done, total)` is called after each.
pub async fn replay<S: Store>(
    app: &App<S>,
    dead_letters: bool,
    since: Timestamp,
    mut progress: impl FnMut(usize, usize),
) -> Result<ReplayReport, StoreError> {
    // (dead letter to mark replayed, entry)
    let mut work: Vec<(Option<i64>, _)> = app
        .store
        .unprocessed()
        .await?
        .into_iter()
        .map(|entry| (None, entry))
        .collect();
    if dead_letters {
        let letters = app.store.replayable(since).await?;
        work.extend(
            letters
                .into_iter()
                .map(|(letter, entry)| (Some(letter.id), entry)),
        );
    }
    let total = work.len();
    let mut report = ReplayReport::default();
    for (done, (letter, entry)) in work.iter().enumerate() {
        if let Some(letter) = letter {
            app.store
                .mark_replayed(*letter, crate::clock::now())
                .await?;
        }
        match listen_entry(app, entry).await? {
            Reply::Accepted { .. } => report.accepted += 1,
            Reply::Handshake(_) | Reply::Ignored(_) => report.ignored += 1,
            Reply::Refused(_) | Reply::Disabled(_) => report.failed += 1,
        }
        report.replayed += 1;
        progress(done + 1, total);
    }
    report.triaged = worker::process_all_pending(app).await?;
    Ok(report)
}
