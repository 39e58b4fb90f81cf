//! What differs between the SQL backends, and nothing else: how a URL
//! names one, placeholders, how a write transaction begins, the connection
//! settings and the migrations. Every query is written once, with `?`
//! placeholders, and passed through [`Dialect::sql`].

use std::borrow::Cow;

use sqlx::AssertSqlSafe;
use sqlx::migrate::Migrator;

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/sqlite");

/// A SQL backend.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// Embedded SQLite: WAL, `synchronous=FULL`, one writer at a time.
    Sqlite,
}

impl Dialect {
    /// The backend a storage URL names: `sqlite://path` (or a bare path).
    pub fn of_url(_url: &str) -> Self {
        Self::Sqlite
    }

    /// The URL the driver connects to: a SQLite path becomes a `sqlite://`
    /// URL that creates the file when missing.
    pub(super) fn connect_url(self, url: &str) -> String {
        match self {
            Self::Sqlite => {
                let path = sqlite_path(url);
                format!("sqlite://{path}?mode=rwc")
            }
        }
    }

    /// `sql`, written with `?` placeholders, for this backend.
    pub(super) fn sql(self, sql: impl Into<Cow<'static, str>>) -> AssertSqlSafe<Cow<'static, str>> {
        match self {
            Self::Sqlite => AssertSqlSafe(sql.into()),
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
        }
    }

    /// Statements run on every new connection, if any.
    pub(super) fn connection_setup(self) -> Option<&'static str> {
        match self {
            Self::Sqlite => Some(
                "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; \
                 PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON;",
            ),
        }
    }

    /// The schema's migrations.
    pub(super) fn migrator(self) -> &'static Migrator {
        match self {
            Self::Sqlite => &SQLITE_MIGRATIONS,
        }
    }
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
