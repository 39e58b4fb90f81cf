//! Waking the hosts that share a PostgreSQL database: recording a new
//! message sends a notification on [`WORK_CHANNEL`] when its transaction
//! commits ([`super::dialect::Dialect::notify_work`]); every host listens
//! on its own connection and wakes its worker. A lost connection is
//! retried; the worker also polls, so a missed notification delays work by
//! at most one poll, and loses nothing.

use std::convert::Infallible;
use std::time::Duration;

use sqlx::postgres::PgListener;

use super::dialect::WORK_CHANNEL;

/// How long to wait before connecting again after the connection failed.
const RECONNECT_AFTER: Duration = Duration::from_secs(1);

/// Calls `wake` on every notification on [`WORK_CHANNEL`], and once after
/// each reconnection (notifications sent meanwhile are lost). Never returns.
pub(super) async fn watch(url: &str, wake: impl Fn() + Sync) {
    loop {
        let Err(error) = listen(url, &wake).await;
        tracing::warn!("work notifications: {error}; listening again shortly");
        wake();
        tokio::time::sleep(RECONNECT_AFTER).await;
    }
}

/// Listens until the connection fails.
async fn listen(url: &str, wake: &(impl Fn() + Sync)) -> Result<Infallible, sqlx::Error> {
    let mut listener = PgListener::connect(url).await?;
    listener.listen(WORK_CHANNEL).await?;
    loop {
        listener.recv().await?;
        wake();
    }
}
