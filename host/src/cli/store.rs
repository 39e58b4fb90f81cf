//! `chorus store migrate --from URL --to URL`: moves a whole store to
//! another backend (SQLite to PostgreSQL when a deployment grows to several
//! hosts, or back). The target must be empty; the copy is one transaction
//! on it, so a failed copy leaves it empty.

use chorus_host::store::sql::SqlStore;
use chorus_host::store::sql::copy::{CopyError, copy_store};
use clap::Subcommand;
use indicatif::ProgressBar;

use super::Failure;

/// `chorus store …`.
#[derive(Debug, Subcommand)]
pub(crate) enum StoreCommand {
    /// Copy every ledger entry, conversation, message, suggestion, feedback
    /// and plugin entry from one database into another, empty one; ids are
    /// kept. Stop the servers using the source first.
    Migrate {
        /// The source: `sqlite://path/to/chorus.db` (or a path) or `postgres://…`.
        #[arg(long)]
        from: String,
        /// The target, empty: `postgres://…` or `sqlite://…` (created, and
        /// migrated to the schema, when missing).
        #[arg(long)]
        to: String,
    },
}

pub(crate) async fn run(command: StoreCommand) -> Result<(), Failure> {
    match command {
        StoreCommand::Migrate { from, to } => migrate(&from, &to).await,
    }
}

async fn migrate(from: &str, to: &str) -> Result<(), Failure> {
    if from == to {
        return Err(Failure::refused("--from and --to name the same database"));
    }
    let source = SqlStore::open(from)
        .await
        .map_err(|e| Failure::other(format!("--from {}: {e}", redacted(from))))?;
    let target = SqlStore::open(to)
        .await
        .map_err(|e| Failure::other(format!("--to {}: {e}", redacted(to))))?;
    let bar = ProgressBar::new_spinner();
    let report = copy_store(&source, &target, |table, rows| {
        bar.set_message(format!("copying {table}: {rows} rows"));
    })
    .await
    .map_err(|e| match e {
        CopyError::TargetNotEmpty { .. } => Failure::refused(format!("--to {}: {e}", redacted(to))),
        CopyError::Store(_) => Failure::other(format!("copy failed, target left empty: {e}")),
    })?;
    bar.finish_and_clear();
    for (table, rows) in &report {
        println!("{table}: {rows} rows");
    }
    println!("copied {} into {}", redacted(from), redacted(to));
    Ok(())
}

/// `url` without its password, for messages.
fn redacted(url: &str) -> String {
    match (url.find("://"), url.find('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let credentials = &url[scheme + 3..at];
            match credentials.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::redacted;

    #[test]
    fn passwords_never_reach_a_message() {
        assert_eq!(
            redacted("postgres://chorus:s3cret@db:5432/chorus"),
            "postgres://chorus:***@db:5432/chorus"
        );
        assert_eq!(
            redacted("postgres://postgres@127.0.0.1/test"),
            "postgres://postgres@127.0.0.1/test"
        );
        assert_eq!(redacted("data/chorus.db"), "data/chorus.db");
    }
}
