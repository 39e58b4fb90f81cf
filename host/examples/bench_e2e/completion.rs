//! When each message was completed (triaged, suggestions stored, or
//! failed), seen by polling the servers' database read-only.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::time::Instant;

use sqlx::AnyPool;
use sqlx::any::AnyPoolOptions;

/// Polls the `messages` table; remembers when each ledger entry's message
/// was first seen complete.
pub struct Watcher {
    pool: AnyPool,
    /// Whether the database is PostgreSQL (`$1` placeholders).
    postgres: bool,
    /// Every message below this id was seen complete. Ids count from 1
    /// in a fresh database.
    low: i64,
    /// The highest id seen so far.
    high: i64,
    /// Ledger id → when its message was first seen complete.
    done: HashMap<i64, Instant>,
    /// Ledger ids whose message failed, with the error stored.
    failed: Vec<(i64, String)>,
}

impl Watcher {
    /// Opens the database the servers write (a URL).
    pub async fn open(database: &str) -> anyhow::Result<Self> {
        sqlx::any::install_default_drivers();
        let pool = AnyPoolOptions::new()
            .max_connections(1)
            .connect(database)
            .await?;
        Ok(Self {
            pool,
            postgres: database.starts_with("postgres"),
            low: 1,
            high: 0,
            done: HashMap::new(),
            failed: Vec::new(),
        })
    }

    /// One poll: notes the messages completed since the last.
    ///
    /// `low` stops at the first message still pending *or not yet seen*:
    /// hosts commit their messages out of id order (two hosts on one
    /// PostgreSQL, or one host's parallel intake), so a missing id may be
    /// a message whose insert commits later. Stepping past it would skip
    /// that message for good.
    pub async fn poll(&mut self) -> anyhow::Result<()> {
        let rows: Vec<(i64, i64, String, Option<String>)> = sqlx::query_as(
            self.sql("SELECT id, ledger_id, status, error FROM messages WHERE id >= ? ORDER BY id"),
        )
        .bind(self.low)
        .fetch_all(&self.pool)
        .await?;
        let now = Instant::now();
        let mut contiguous = true;
        for (id, ledger_id, status, error) in &rows {
            self.high = self.high.max(*id);
            let pending = status == "pending";
            contiguous &= !pending && *id == self.low;
            if contiguous {
                self.low = id + 1;
            }
            if pending {
                continue;
            }
            // Seen before (above `low`, out of order): the first sighting stays.
            if let Entry::Vacant(entry) = self.done.entry(*ledger_id) {
                entry.insert(now);
                if status != "done" {
                    let error = error.as_deref().unwrap_or("no error recorded");
                    self.failed.push((*ledger_id, format!("{status}: {error}")));
                }
            }
        }
        Ok(())
    }

    /// `sql` with PostgreSQL's placeholder when the database is one.
    fn sql(&self, sql: &'static str) -> sqlx::AssertSqlSafe<String> {
        let postgres = self.postgres;
        sqlx::AssertSqlSafe(if postgres {
            sql.replace('?', "$1")
        } else {
            sql.to_owned()
        })
    }

    /// Steps `low` past every id seen, once every message the bench waits
    /// for is complete: an id that never appears (an insert rolled back, or
    /// skipped by a conflict) would otherwise make every later poll read
    /// from it.
    pub fn settle(&mut self) {
        self.low = self.low.max(self.high + 1);
    }

    /// When `ledger_id`'s message was first seen complete, if it was.
    pub fn completed(&self, ledger_id: i64) -> Option<Instant> {
        self.done.get(&ledger_id).copied()
    }

    /// How many messages failed so far.
    pub fn failures(&self) -> usize {
        self.failed.len()
    }

    /// An error naming `what` when any message failed: how many, and each
    /// distinct error stored with its count (a benchmark of failures would
    /// measure nothing).
    pub fn check(&self, what: &str) -> anyhow::Result<()> {
        if self.failed.is_empty() {
            return Ok(());
        }
        let mut errors: Vec<(&str, usize)> = Vec::new();
        for (_, error) in &self.failed {
            match errors.iter_mut().find(|(seen, _)| seen == error) {
                Some((_, count)) => *count += 1,
                None => errors.push((error, 1)),
            }
        }
        let listed: Vec<String> = errors
            .iter()
            .take(5)
            .map(|(error, count)| format!("{count}× {error}"))
            .collect();
        anyhow::bail!(
            "{what}: {} messages failed (first ledger id {}): {}",
            self.failed.len(),
            self.failed[0].0,
            listed.join("; ")
        )
    }
}
