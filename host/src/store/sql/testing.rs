//! PostgreSQL for tests: every test gets a schema of its own on the server
//! named by `CHORUS_TEST_POSTGRES_URL` (default
//! `postgres://postgres@127.0.0.1:5432/test`), so tests run in parallel,
//! and the schema is dropped with its [`PostgresSchema`].
//!
//! When no server answers, [`PostgresSchema::create`] prints one loud
//! `PostgreSQL suite SKIPPED` line and returns `None` (the test passes
//! without running), unless `CHORUS_REQUIRE_POSTGRES=1`: then it panics, so
//! CI never skips the PostgreSQL suite silently.

use std::io::Write;
use std::sync::Once;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use sqlx::{AnyConnection, Connection, Executor};

/// The variable naming the test server.
pub const POSTGRES_URL_VAR: &str = "CHORUS_TEST_POSTGRES_URL";
/// The variable that turns a missing server into a failure.
pub const REQUIRE_POSTGRES_VAR: &str = "CHORUS_REQUIRE_POSTGRES";
/// The test server when [`POSTGRES_URL_VAR`] is unset.
pub const DEFAULT_POSTGRES_URL: &str = "postgres://postgres@127.0.0.1:5432/test";

/// How long a test waits for the server to answer.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// The test server's URL.
pub fn postgres_url() -> String {
    std::env::var(POSTGRES_URL_VAR).unwrap_or_else(|_| DEFAULT_POSTGRES_URL.to_owned())
}

/// A schema of its own on the test server, dropped (with everything in it)
/// when this is dropped.
#[derive(Debug)]
pub struct PostgresSchema {
    server: String,
    name: String,
    url: String,
}

impl PostgresSchema {
    /// Creates a fresh schema; `None` (after the loud skip line) when no
    /// server answers.
    ///
    /// # Panics
    ///
    /// When no server answers and `CHORUS_REQUIRE_POSTGRES=1`, or the
    /// schema cannot be created.
    pub fn create() -> Option<Self> {
        let server = postgres_url();
        let name = unique_name();
        let create = format!("CREATE SCHEMA {name}");
        match on_fresh_runtime(execute(&server, create)) {
            Ok(()) => {}
            Err(Failure::Unreachable(error)) => {
                skip_or_fail(&server, &error);
                return None;
            }
            Err(Failure::Refused(error)) => {
                panic!("{server}: cannot create schema {name}: {error}")
            }
        }
        let separator = if server.contains('?') { '&' } else { '?' };
        let url = format!("{server}{separator}options[search_path]={name}");
        Some(Self { server, name, url })
    }

    /// The URL of the schema: the server's, with the schema as the search
    /// path of every connection.
    pub fn url(&self) -> &str {
        &self.url
    }
}

impl Drop for PostgresSchema {
    fn drop(&mut self) {
        let drop = format!("DROP SCHEMA IF EXISTS {} CASCADE", self.name);
        if let Err(Failure::Unreachable(error) | Failure::Refused(error)) =
            on_fresh_runtime(execute(&self.server, drop))
        {
            eprintln!("could not drop test schema {}: {error}", self.name);
        }
    }
}

/// Why a statement did not run.
enum Failure {
    /// No server answered.
    Unreachable(String),
    /// The server refused the statement.
    Refused(String),
}

/// `chorus_test_<pid>_<n>`: unique among this process's tests and the
/// other test processes running at once.
fn unique_name() -> String {
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    format!(
        "chorus_test_{}_{}_{nanos}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    )
}

async fn execute(server: &str, statement: String) -> Result<(), Failure> {
    sqlx::any::install_default_drivers();
    let connect = tokio::time::timeout(CONNECT_TIMEOUT, AnyConnection::connect(server));
    let mut connection = match connect.await {
        Ok(Ok(connection)) => connection,
        Ok(Err(error)) => return Err(Failure::Unreachable(error.to_string())),
        Err(_) => {
            return Err(Failure::Unreachable(format!(
                "no answer in {CONNECT_TIMEOUT:?}"
            )));
        }
    };
    let result = connection
        .execute(sqlx::AssertSqlSafe(statement))
        .await
        .map(|_| ())
        .map_err(|e| Failure::Refused(e.to_string()));
    let _ = connection.close().await;
    result
}

/// Runs `future` to completion on a runtime of its own, on a thread of its
/// own: callable from synchronous tests and from inside a runtime alike.
fn on_fresh_runtime<T: Send>(future: impl Future<Output = T> + Send) -> T {
    std::thread::scope(|scope| {
        scope
            .spawn(|| {
                tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .map(|runtime| runtime.block_on(future))
            })
            .join()
    })
    .unwrap_or_else(|_| panic!("the test schema's thread panicked"))
    .unwrap_or_else(|e| panic!("a runtime for the test schema: {e}"))
}

fn skip_or_fail(server: &str, error: &str) {
    if std::env::var(REQUIRE_POSTGRES_VAR).is_ok_and(|v| v == "1") {
        panic!(
            "PostgreSQL is required ({REQUIRE_POSTGRES_VAR}=1) but {server} does not answer: {error}"
        );
    }
    // Once per test process, written past the test harness's capture.
    static LOUD: Once = Once::new();
    LOUD.call_once(|| {
        let _ = writeln!(
            std::io::stderr(),
            "\n*** PostgreSQL suite SKIPPED: no server at {server}; start one or set {POSTGRES_URL_VAR} ***\n    ({error})\n"
        );
    });
}
