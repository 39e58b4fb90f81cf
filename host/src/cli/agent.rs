//! `chorus agent add`: an agent account of a brand's inbox. The password is
//! read from a file or the first line of stdin (never the command line,
//! where other users could see it) and kept as an Argon2id hash.

use std::io::BufRead;
use std::path::{Path, PathBuf};

use chorus_host::server::ServerConfig;
use chorus_host::server::inbox::auth;
use chorus_host::store::Store;
use chorus_host::store::sql::SqlStore;
use clap::Subcommand;

use super::Failure;

/// `chorus agent …`.
#[derive(Debug, Subcommand)]
pub(crate) enum AgentCommand {
    /// Add an agent to a brand's inbox, or set the name and password of the
    /// brand's agent with that email (which signs them out everywhere).
    Add {
        /// The server's configuration file (its database is used).
        #[arg(long, default_value = "examples/chorus.toml")]
        config: PathBuf,
        /// The brand id.
        #[arg(long)]
        brand: String,
        /// The agent's email, their sign-in name.
        #[arg(long)]
        email: String,
        /// The agent's name, shown to colleagues.
        #[arg(long)]
        name: String,
        /// A file whose first line is the password; without it, the first
        /// line of stdin.
        #[arg(long)]
        password_file: Option<PathBuf>,
    },
}

pub(crate) async fn run(command: AgentCommand) -> Result<(), Failure> {
    let AgentCommand::Add {
        config,
        brand,
        email,
        name,
        password_file,
    } = command;
    let server = ServerConfig::load(&config).map_err(|e| Failure::refused(e.to_string()))?;
    if !server.brands.iter().any(|b| b.info.id == brand) {
        return Err(Failure::refused(format!(
            "{}: no brand `{brand}`",
            config.display()
        )));
    }
    let email = email.trim().to_lowercase();
    if !email.contains('@') {
        return Err(Failure::refused(format!(
            "--email {email:?} is not an email address"
        )));
    }
    let name = name.trim();
    if name.is_empty() {
        return Err(Failure::refused("--name is empty"));
    }
    let password = read_password(password_file.as_deref())?;
    let hash = auth::hash_password(&password).map_err(|e| Failure::refused(e.to_string()))?;
    let store = SqlStore::open(&server.storage_url())
        .await
        .map_err(|e| Failure::other(format!("{}: {e}", config.display())))?;
    let id = store
        .put_agent(&brand, &email, name, &hash, chorus_host::clock::now())
        .await
        .map_err(|e| Failure::other(e.to_string()))?;
    println!("agent {id}: {name} <{email}> of brand {brand}; sign in at /inbox/login");
    Ok(())
}

/// The password: the first line of `file`, else of stdin.
fn read_password(file: Option<&Path>) -> Result<String, Failure> {
    let text = match file {
        Some(path) => std::fs::read_to_string(path)
            .map_err(|e| Failure::refused(format!("{}: {e}", path.display())))?,
        None => {
            let mut line = String::new();
            std::io::stdin()
                .lock()
                .read_line(&mut line)
                .map_err(|e| Failure::refused(format!("stdin: {e}")))?;
            line
        }
    };
    Ok(text.lines().next().unwrap_or_default().to_owned())
}
