//! What differs between the SQL backends, and nothing else: how a URL
//! names one, placeholders, how a write transaction begins, the connection
//! settings and the migrations. Every query is written once, with `?`
//! placeholders, and passed through `Dialect::sql`.

use std::borrow::Cow;
use std::fmt::Write;

use sqlx::AssertSqlSafe;
use sqlx::migrate::Migrator;

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/postgres");

/// The PostgreSQL notification channel on which hosts announce recorded
/// work ([`Dialect::notify_work`]).
pub(super) const WORK_CHANNEL: &str = "chorus_work";

/// A SQL backend.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// Embedded SQLite: WAL, `synchronous=FULL`, one writer at a time.
    Sqlite,
    /// PostgreSQL, `postgres://` or `postgresql://`.
    Postgres,
}

impl Dialect {
    /// The backend a storage URL names: `postgres://…` or
    /// `postgresql://…` is PostgreSQL; `sqlite://path`, or a bare path,
    /// SQLite.
    pub fn of_url(url: &str) -> Self {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Self::Postgres
        } else {
            Self::Sqlite
        }
    }

    /// The URL the driver connects to: a SQLite path becomes a `sqlite://`
    /// URL that creates the file when missing.
    pub(super) fn connect_url(self, url: &str) -> String {
        match self {
            Self::Sqlite => {
                let path = sqlite_path(url);
                format!("sqlite://{path}?mode=rwc")
            }
            Self::Postgres => url.to_owned(),
        }
    }

    /// `sql`, written with `?` placeholders, for this backend.
    pub(super) fn sql(self, sql: impl Into<Cow<'static, str>>) -> AssertSqlSafe<Cow<'static, str>> {
        let sql = sql.into();
        match self {
            Self::Sqlite => AssertSqlSafe(sql),
            Self::Postgres => AssertSqlSafe(Cow::Owned(numbered_placeholders(&sql))),
        }
    }

    /// The statement that begins a transaction that reads, then writes.
    /// SQLite takes the write lock first (`IMMEDIATE`): a read transaction
    /// cannot become a write one once another connection has committed
    /// (`SQLITE_BUSY_SNAPSHOT`); taking the lock first makes it wait its
    /// turn instead.
    pub(super) fn begin_write(self) -> &'static str {
        match self {
            Self::Sqlite => "BEGIN IMMEDIATE",
            Self::Postgres => "BEGIN",
        }
    }

    /// Statements run on every new connection, if any.
    pub(super) fn connection_setup(self) -> Option<&'static str> {
        match self {
            Self::Sqlite => Some(
                "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; \
                 PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON;",
            ),
            Self::Postgres => None,
        }
    }

    /// The statement, if any, that serializes writes to one key-value
    /// namespace (bound to its name) until the transaction ends. SQLite
    /// needs none: its write transactions already run one at a time.
    pub(super) fn lock_kv_namespace(self) -> Option<&'static str> {
        match self {
            Self::Sqlite => None,
            Self::Postgres => Some("SELECT 1 FROM pg_advisory_xact_lock(hashtext(?))"),
        }
    }

    /// The clause that makes a claim's `SELECT` skip rows another host is
    /// claiming (PostgreSQL), so that hosts never wait on each other or get
    /// the same work. SQLite needs none: one write runs at a time.
    pub(super) fn skip_locked(self) -> &'static str {
        match self {
            Self::Sqlite => "",
            Self::Postgres => " FOR UPDATE SKIP LOCKED",
        }
    }

    /// The statement, if any, that tells the other hosts, once the
    /// transaction commits, that there is work ([`WORK_CHANNEL`]).
    pub(super) fn notify_work(self) -> Option<&'static str> {
        match self {
            Self::Sqlite => None,
            Self::Postgres => Some("SELECT pg_notify('chorus_work', '')"),
        }
    }

    /// The schema's migrations.
    pub(super) fn migrator(self) -> &'static Migrator {
        match self {
            Self::Sqlite => &SQLITE_MIGRATIONS,
            Self::Postgres => &POSTGRES_MIGRATIONS,
        }
    }
}

/// `sql` with its `?` placeholders numbered `$1`, `$2`, ... (PostgreSQL's),
/// leaving string literals alone.
fn numbered_placeholders(sql: &str) -> String {
    let mut numbered = String::with_capacity(sql.len() + 16);
    let mut next = 1;
    let mut in_literal = false;
    for c in sql.chars() {
        match c {
            '\'' => {
                in_literal = !in_literal;
                numbered.push(c);
            }
            '?' if !in_literal => {
                let _ = write!(numbered, "${next}");
                next += 1;
            }
            _ => numbered.push(c),
        }
    }
    numbered
}

/// The file path of a SQLite URL (`sqlite://path`, `sqlite:path` or a bare
/// path), without its query string.
pub(super) fn sqlite_path(url: &str) -> &str {
    let path = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .unwrap_or(url);
    path.split_once('?').map_or(path, |(path, _)| path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_name_their_backend() {
        assert_eq!(Dialect::of_url("postgres://u@h/db"), Dialect::Postgres);
        assert_eq!(Dialect::of_url("postgresql://u@h/db"), Dialect::Postgres);
        assert_eq!(Dialect::of_url("sqlite://data/chorus.db"), Dialect::Sqlite);
        assert_eq!(Dialect::of_url("data/chorus.db"), Dialect::Sqlite);
    }

    #[test]
    fn postgres_placeholders_are_numbered_outside_literals() {
        assert_eq!(
            numbered_placeholders("SELECT '?' WHERE a = ? AND b IN (?, ?)"),
            "SELECT '?' WHERE a = $1 AND b IN ($2, $3)"
        );
        assert_eq!(
            Dialect::Sqlite.sql("a = ?").0,
            "a = ?",
            "SQLite keeps its own placeholders"
        );
    }

    #[test]
    fn only_postgres_skips_locked_rows_and_notifies_on_the_work_channel() {
        assert_eq!(Dialect::Sqlite.skip_locked(), "");
        assert_eq!(Dialect::Sqlite.notify_work(), None);
        assert!(Dialect::Postgres.skip_locked().contains("SKIP LOCKED"));
        assert!(
            Dialect::Postgres
                .notify_work()
                .is_some_and(|sql| sql.contains(&format!("'{WORK_CHANNEL}'")))
        );
    }

    #[test]
    fn sqlite_urls_and_paths_name_a_file() {
        assert_eq!(sqlite_path("sqlite://data/chorus.db"), "data/chorus.db");
        assert_eq!(sqlite_path("sqlite:/tmp/c.db?mode=rw"), "/tmp/c.db");
        assert_eq!(sqlite_path("data/chorus.db"), "data/chorus.db");
        assert_eq!(
            Dialect::Sqlite.connect_url("data/chorus.db"),
            "sqlite://data/chorus.db?mode=rwc"
        );
    }
}
