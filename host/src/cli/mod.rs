//! Command-line parsing and dispatch. Failures print one line naming the
//! file or field and exit non-zero: 2 for refused input, 1 for anything else.

mod agent;
mod eval;
mod loading;
mod metrics;
mod plugin;
mod plugin_test;
mod replay;
mod scaffold;
mod store;
mod voice;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Chorus: sandboxed WebAssembly channel plugins for customer care.
#[derive(Debug, Parser)]
#[command(name = "chorus", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Measure triage and suggested replies against labelled files.
    #[command(subcommand)]
    Eval(eval::EvalCommand),
    /// Work with plugin components.
    #[command(subcommand)]
    Plugin(plugin::PluginCommand),
    /// Run the server: webhooks, inbox and feedback API.
    Serve {
        /// The configuration file.
        #[arg(long, default_value = "examples/chorus.toml")]
        config: std::path::PathBuf,
    },
    /// Work with configuration files.
    #[command(subcommand)]
    Config(ConfigCommand),
    /// Lint replies and check profiles against a brand's voice.
    #[command(subcommand)]
    Voice(voice::VoiceCommand),
    /// Work with the database: move it to another backend.
    #[command(subcommand)]
    Store(store::StoreCommand),
    /// Manage the agents who sign in to a brand's inbox.
    #[command(subcommand)]
    Agent(agent::AgentCommand),
    /// Re-run unprocessed ledger entries and, with --dead-letters, dead letters.
    Replay {
        /// The configuration file.
        #[arg(long, default_value = "examples/chorus.toml")]
        config: std::path::PathBuf,
        /// Also re-run dead letters.
        #[arg(long)]
        dead_letters: bool,
        /// Only dead letters from this recent: `30m`, `2h`, `7d`, or a unix time in ms.
        #[arg(long)]
        since: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
enum ConfigCommand {
    /// Validates a server configuration file (brands, channels, voice files, keys).
    Check {
        /// The configuration file.
        file: std::path::PathBuf,
    },
}

/// A failure with its exit code.
#[derive(Debug)]
pub struct Failure {
    code: u8,
    message: String,
}

impl Failure {
    /// Refused input (bad file, bad field): exit code 2.
    pub fn refused(message: impl Into<String>) -> Self {
        Self {
            code: 2,
            message: message.into(),
        }
    }

    /// Anything else: exit code 1.
    pub fn other(message: impl Into<String>) -> Self {
        Self {
            code: 1,
            message: message.into(),
        }
    }
}

async fn serve(path: &std::path::Path) -> Result<(), Failure> {
    let config = chorus_host::server::ServerConfig::load(path)
        .map_err(|e| Failure::refused(e.to_string()))?;
    chorus_host::server::serve(config)
        .await
        .map_err(|e| Failure::other(format!("{}: {e:#}", path.display())))
}

fn check_config(path: &std::path::Path) -> Result<(), Failure> {
    let config = chorus_host::server::ServerConfig::load(path)
        .map_err(|e| Failure::refused(e.to_string()))?;
    for brand in &config.brands {
        let channels: Vec<&str> = brand.channels.keys().map(String::as_str).collect();
        println!(
            "brand {} ({}): channels {}",
            brand.info.id,
            brand.info.name,
            channels.join(", ")
        );
    }
    println!("{}: ok", path.display());
    Ok(())
}

/// Runs the CLI.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_target(false)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("CHORUS_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn,chorus_host=info")),
        )
        .init();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::from(1);
        }
    };
    let result = runtime.block_on(async {
        match cli.command {
            Command::Eval(command) => eval::run(command).await,
            Command::Plugin(command) => plugin::run(command).await,
            Command::Serve { config } => serve(&config).await,
            Command::Config(ConfigCommand::Check { file }) => check_config(&file),
            Command::Voice(command) => voice::run(command),
            Command::Store(command) => store::run(command).await,
            Command::Agent(command) => agent::run(command).await,
            Command::Replay {
                config,
                dead_letters,
                since,
            } => replay::run(&config, dead_letters, since.as_deref()).await,
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            let line = failure
                .message
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            eprintln!("error: {line}");
            ExitCode::from(failure.code)
        }
    }
}
