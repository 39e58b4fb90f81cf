//! `chorus plugin check | run | test | new`.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chorus_host::brand::{Brand, Verification};
use chorus_host::model::HttpRequest;
use chorus_host::pipeline::{self, Standalone};
use chorus_host::runtime::{InMemoryKv, Limits, LoadedPlugin, PluginError};
use chorus_host::server::ServerConfig;
use clap::Subcommand;
use serde_json::json;

use super::loading::{load, load_brand, pretty, runtime, runtime_with};
use super::plugin_test::{self, TestOptions};
use super::{Failure, scaffold};

/// The per-call deadline of `chorus plugin run` and `test`, in milliseconds:
/// twenty times the server's, because a developer's or CI machine may be busy.
const CLI_DEADLINE_MS: u64 = 1000;

#[derive(Debug, Subcommand)]
pub(crate) enum PluginCommand {
    /// Checks that a file is a loadable Chorus plugin and prints its metadata and exports.
    Check {
        /// The component (`.wasm`).
        wasm: PathBuf,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Runs listen → triage → suggest on one raw event and prints the result as JSON.
    Run {
        /// The component (`.wasm`).
        wasm: PathBuf,
        /// The raw event: the HTTP request body exactly as the platform sends it.
        event: PathBuf,
        /// Brand file (voice, plugin config, secrets). Default: an example brand.
        #[arg(long)]
        brand: Option<PathBuf>,
        /// A server configuration (`chorus.toml`): run the event as `chorus
        /// serve` would for its brand, with the brand's voice, listening
        /// rules, VIPs, SLA and the channel's config and secrets.
        #[arg(long, conflicts_with_all = ["brand", "secrets"])]
        config: Option<PathBuf>,
        /// The brand of --config (default: its first brand with a channel
        /// running this plugin).
        #[arg(long, requires = "config")]
        brand_id: Option<String>,
        /// Request header, `Name: value`; repeatable.
        #[arg(long = "header", value_name = "NAME: VALUE")]
        headers: Vec<String>,
        /// Secret given on the command line, `NAME=VALUE`; repeatable. With a
        /// secret, signatures are verified as the server does.
        #[arg(long = "secret", value_name = "NAME=VALUE")]
        secrets: Vec<String>,
        /// HTTP method.
        #[arg(long, default_value = "POST")]
        method: String,
        /// Raw query string (without `?`).
        #[arg(long, default_value = "")]
        query: String,
        /// Deadline of each call, in milliseconds. The default is generous so
        /// that a busy machine does not turn a trial run into a timeout;
        /// `--deadline-ms 50` applies the server's default deadline.
        #[arg(long, default_value_t = CLI_DEADLINE_MS)]
        deadline_ms: u64,
    },
    /// Runs every fixture of a folder through the component and compares each
    /// output with `<stem>.expected.json` beside it; prints a table.
    ///
    /// A fixture is a body (`.json`, `.txt`, `.eml`, `.multipart`, `.form`,
    /// `.xml`, `.body`) with an optional `<stem>.request.toml` (method, path,
    /// query, headers, secrets, now, skip). Exit 1 on any mismatch or
    /// missing expected file, 2 on a malformed fixture folder or sidecar.
    Test {
        /// The component (`.wasm`).
        wasm: PathBuf,
        /// The fixture folder.
        #[arg(long)]
        fixtures: PathBuf,
        /// Write the expected files that are missing or differ.
        #[arg(long)]
        update: bool,
        /// Brand file (voice, plugin config, secrets). Default: an example brand.
        #[arg(long)]
        brand: Option<PathBuf>,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
        /// Deadline of each call, in milliseconds. The default is generous so
        /// that a busy machine does not turn a golden test into a timeout;
        /// `--deadline-ms 50` applies the server's default deadline.
        #[arg(long, default_value_t = CLI_DEADLINE_MS)]
        deadline_ms: u64,
        /// Fuel budget of each call. Default: unlimited (fuel is still counted).
        #[arg(long)]
        fuel: Option<u64>,
    },
    /// Creates a new plugin crate from the template.
    New {
        /// Plugin name: lower-case letters, digits and '-'.
        name: String,
        /// Directory to create the crate in (it becomes `<dir>/<name>`).
        #[arg(long, default_value = ".")]
        dir: PathBuf,
        /// Build against the chorus-sdk crate in this folder (a `[patch]`
        /// by absolute path). Default: the Chorus checkout this binary was
        /// built from, when it is still there; else crates.io.
        #[arg(long, conflicts_with = "vendor")]
        sdk_path: Option<PathBuf>,
        /// Copy the SDK (chorus-sdk, chorus-voice, the WIT) into `vendor/`:
        /// the crate builds offline, anywhere.
        #[arg(long)]
        vendor: bool,
    },
}

pub(crate) async fn run(command: PluginCommand) -> Result<(), Failure> {
    match command {
        PluginCommand::Check { wasm, json } => check(&wasm, json).await,
        PluginCommand::Run {
            wasm,
            event,
            brand,
            config,
            brand_id,
            headers,
            secrets,
            method,
            query,
            deadline_ms,
        } => {
            let options = RunOptions {
                brand,
                served: config.map(|config| (config, brand_id)),
                headers,
                secrets,
                method,
                query,
                deadline: std::time::Duration::from_millis(deadline_ms),
            };
            run_event(&wasm, &event, options).await
        }
        PluginCommand::Test {
            wasm,
            fixtures,
            update,
            brand,
            json,
            deadline_ms,
            fuel,
        } => {
            plugin_test::run(TestOptions {
                wasm,
                fixtures,
                update,
                brand,
                json,
                deadline: std::time::Duration::from_millis(deadline_ms),
                fuel,
            })
            .await
        }
        PluginCommand::New {
            name,
            dir,
            sdk_path,
            vendor,
        } => {
            let sdk =
                scaffold::Sdk::choose(vendor, sdk_path.as_deref()).map_err(Failure::refused)?;
            let created = scaffold::create(&name, &dir, &sdk).map_err(Failure::refused)?;
            println!("created {}", created.display());
            println!("chorus-sdk: {}", sdk.describe());
            println!(
                "build it: cargo build --release --target wasm32-wasip2 --manifest-path {}/Cargo.toml",
                created.display()
            );
            Ok(())
        }
    }
}

async fn check(wasm: &Path, as_json: bool) -> Result<(), Failure> {
    let runtime = runtime()?;
    let plugin = load(&runtime, wasm).await?;
    let info = plugin.info();
    if as_json {
        let report = json!({
            "file": wasm.display().to_string(),
            "metadata": info,
            "contract": format!("{}@{}", chorus_host::runtime::CONTRACT_PACKAGE, plugin.contract_version()),
            "preinitialized": plugin.preinitialized(),
            "exports": plugin.exports(),
        });
        println!("{}", pretty(&report)?);
        return Ok(());
    }
    println!("{} {} — {}", info.name, info.version, info.description);
    println!("  file:            {}", wasm.display());
    println!(
        "  channel:         {}",
        serde_json::to_string(&info.channel)
            .unwrap_or_default()
            .trim_matches('"')
    );
    println!(
        "  contract:        {}@{}",
        chorus_host::runtime::CONTRACT_PACKAGE,
        plugin.contract_version()
    );
    println!(
        "  granted:         {} (undeclared capabilities are refused: `not-permitted`)",
        plugin.grants()
    );
    println!("  secrets:         {}", list(&info.secrets));
    print_manifest(info);
    println!(
        "  pre-initialized: {}",
        match (plugin.preinitialized(), plugin.from_cache()) {
            (true, true) => "yes (from cache)",
            (true, false) => "yes",
            (false, _) => "no (initializes lazily in every instance)",
        }
    );
    println!("  exports:         {}", plugin.exports().join(", "));
    Ok(())
}

/// The configuration schema and the reply format, as `plugin check` shows
/// them.
fn print_manifest(info: &chorus_host::model::PluginInfo) {
    match &info.manifest.config {
        None => {
            println!("  config:          not declared (contract 0.1: any key is passed through)")
        }
        Some(fields) if fields.is_empty() => {
            println!("  config:          none (a brand may set no key)")
        }
        Some(fields) => {
            println!("  config:");
            for field in fields {
                println!(
                    "    {:<20} {}, {}: {}",
                    field.key,
                    field.kind.describe(),
                    if field.required {
                        "required"
                    } else {
                        "optional"
                    },
                    field.description
                );
            }
        }
    }
    let limits = info.channel_limits();
    println!(
        "  replies:         voice of {}, at most {} characters{}",
        info.voice_channels().join(" / "),
        limits.max_reply_length,
        if info.manifest.reply == Default::default() {
            " (the host's defaults for the channel kind)"
        } else {
            ""
        }
    );
    match info.manifest.send_to.as_slice() {
        [] => println!("  sends to:        nowhere (this plugin cannot send replies)"),
        hosts => println!(
            "  sends to:        {} (and their subdomains; a brand's `send_to` may replace them)",
            hosts.join(", ")
        ),
    }
}

fn list(items: &[String]) -> String {
    if items.is_empty() {
        "none".to_owned()
    } else {
        items.join(", ")
    }
}

struct RunOptions {
    brand: Option<PathBuf>,
    /// `--config` and `--brand-id`.
    served: Option<(PathBuf, Option<String>)>,
    headers: Vec<String>,
    secrets: Vec<String>,
    method: String,
    query: String,
    deadline: std::time::Duration,
}

async fn run_event(wasm: &Path, event: &Path, options: RunOptions) -> Result<(), Failure> {
    let body = std::fs::read(event)
        .map_err(|e| Failure::other(format!("{}: cannot read: {e}", event.display())))?;
    let mut headers = options
        .headers
        .iter()
        .map(|h| parse_header(h))
        .collect::<Result<Vec<_>, _>>()?;
    let has_content_type = headers
        .iter()
        .any(|(n, _)| n.eq_ignore_ascii_case("content-type"));
    if !has_content_type && let Some(media) = chorus_host::fixtures::media_type(event) {
        headers.push(("content-type".to_owned(), media.to_owned()));
    }
    let secrets = options
        .secrets
        .iter()
        .map(|s| {
            s.split_once('=')
                .map(|(n, v)| (n.trim().to_owned(), v.to_owned()))
                .ok_or_else(|| Failure::refused(format!("--secret {s:?}: expected NAME=VALUE")))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let runtime = runtime_with(Limits {
        deadline: options.deadline,
        ..Limits::default()
    })?;
    let plugin = Arc::new(load(&runtime, wasm).await?);
    let name = &plugin.info().name;
    let (brand, verification) = match &options.served {
        Some((config, brand_id)) => (
            served_brand(config, brand_id.as_deref(), name)?,
            Verification::Required,
        ),
        None => (
            load_brand(options.brand.as_deref())?,
            Verification::WhenConfigured,
        ),
    };
    let (channel, settings) = brand.channel_for(name);
    // Key-value entries in memory, for this run.
    let services = brand
        .services(
            (&channel, &settings),
            &plugin,
            &secrets,
            Arc::new(InMemoryKv::default()),
            verification,
        )
        .map_err(|e| Failure::refused(e.to_string()))?;
    let around = match verification {
        Verification::Required => Standalone::served(&brand),
        Verification::WhenConfigured => Standalone::rules_of(&brand),
    };
    let request = HttpRequest {
        method: options.method.to_uppercase(),
        path: format!("/v1/brands/{}/channels/{channel}/events", brand.info.id),
        query: options.query,
        headers,
        body,
    };
    let context = brand.context(plugin.info().channel_limits());
    let result =
        pipeline::run_event(&plugin, Arc::new(services), &request, &context, &around).await;
    let brand_id = brand.info.id;
    let result = result.map_err(|e| refused_event(event, &plugin, e))?;
    let report = json!({
        "plugin": { "name": plugin.info().name, "version": plugin.info().version },
        "brand": brand_id,
        "event": event.display().to_string(),
        "result": result,
    });
    println!("{}", pretty(&report)?);
    Ok(())
}

/// The brand `brand_id` of the server configuration `config` (or its first
/// brand) with a channel running plugin `name`.
fn served_brand(config: &Path, brand_id: Option<&str>, name: &str) -> Result<Brand, Failure> {
    let loaded = ServerConfig::load(config).map_err(|e| Failure::refused(e.to_string()))?;
    loaded
        .brand(brand_id, |brand| {
            brand
                .channels
                .values()
                .any(|channel| channel.plugin == name)
        })
        .cloned()
        .ok_or_else(|| {
            Failure::refused(format!(
                "{}: no brand{} with a channel running plugin `{name}`",
                config.display(),
                brand_id.map(|id| format!(" `{id}`")).unwrap_or_default()
            ))
        })
}

fn refused_event(event: &Path, plugin: &LoadedPlugin, error: PluginError) -> Failure {
    let message = format!(
        "{}: plugin {} failed: {error}",
        event.display(),
        plugin.info().name
    );
    match error {
        PluginError::Plugin(_) => Failure::refused(message),
        _ => Failure::other(message),
    }
}

fn parse_header(text: &str) -> Result<(String, String), Failure> {
    match text.split_once(':') {
        Some((name, value)) if !name.trim().is_empty() => {
            Ok((name.trim().to_owned(), value.trim().to_owned()))
        }
        _ => Err(Failure::refused(format!(
            "--header {text:?}: expected 'Name: value'"
        ))),
    }
}
