//! What the eval commands share: reading a JSONL file line by line, the
//! brand the lines are addressed to (with its listening rules), the plugin
//! components (one per channel, loaded once, with the brand's host
//! services), and the message a line becomes on its channel.

use std::collections::BTreeMap;
use std::collections::btree_map::Entry;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chorus_host::brand::{Brand, Verification};
use chorus_host::model::{Context, ListenOutcome, Message};
use chorus_host::pipeline::{self, ProcessedMessage, Standalone};
use chorus_host::runtime::{HostServices, InMemoryKv, LoadedPlugin, Runtime, RuntimeConfig};

use super::super::Failure;
use super::inbound::{Channel, EMAIL_TOKEN, EMAIL_TOKEN_SECRET, Inbound};

/// The per-call deadline of evaluations (the server's is 50 ms).
const EVAL_DEADLINE: std::time::Duration = std::time::Duration::from_secs(5);

/// Reads every non-blank line of `file` with `parse` (which says what is
/// wrong with a line it refuses); returns the lines with their numbers
/// (from 1). A line refused fails the whole file with `file:line: why`.
pub(super) fn read_jsonl<T>(
    file: &Path,
    parse: impl Fn(&str) -> Result<T, String>,
) -> Result<Vec<(usize, T)>, Failure> {
    let text = std::fs::read_to_string(file)
        .map_err(|e| Failure::refused(format!("{}: cannot read: {e}", file.display())))?;
    let mut lines = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        if raw.trim().is_empty() {
            continue;
        }
        let line = parse(raw)
            .map_err(|why| Failure::refused(format!("{}:{}: {why}", file.display(), i + 1)))?;
        lines.push((i + 1, line));
    }
    Ok(lines)
}

/// The brand the messages are addressed to: from a server configuration
/// (the first brand, or `brand_id`), from a brand file, or the example brand
/// when neither is given.
pub(super) fn load_brand(
    brand: Option<&Path>,
    config: Option<&Path>,
    brand_id: Option<&str>,
) -> Result<Brand, Failure> {
    if let Some(path) = config {
        let config = chorus_host::server::ServerConfig::load(path)
            .map_err(|e| Failure::refused(e.to_string()))?;
        return config.brand(brand_id, |_| true).cloned().ok_or_else(|| {
            Failure::refused(format!(
                "{}: no brand{}",
                path.display(),
                brand_id.map(|id| format!(" `{id}`")).unwrap_or_default()
            ))
        });
    }
    match brand {
        Some(path) => Brand::load(path).map_err(|e| Failure::refused(e.to_string())),
        None => Ok(Brand::example()),
    }
}

/// A channel's plugin and the host services it gets for the brand.
pub(super) struct Loaded {
    /// The plugin.
    pub plugin: Arc<LoadedPlugin>,
    /// Its host services: the brand's configuration and secrets on the
    /// channel that runs it. The email webhook token is the evaluation's
    /// own, so every mail goes through the plugin's verified path, as in
    /// the server.
    pub services: Arc<dyn HostServices>,
}

/// The channel plugins of a directory, each loaded on first use.
pub(super) struct Plugins {
    dir: PathBuf,
    runtime: Runtime,
    brand: Brand,
    loaded: BTreeMap<Channel, Loaded>,
}

impl std::fmt::Debug for Plugins {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Plugins")
            .field("dir", &self.dir)
            .field("brand", &self.brand.info.id)
            .field("loaded", &self.loaded.keys().collect::<Vec<_>>())
            .finish_non_exhaustive()
    }
}

impl Plugins {
    /// A runtime for the components in `dir` (`twitter.wasm`, `chat.wasm`,
    /// `email.wasm`), with `$CHORUS_CACHE_DIR` as its cache, run for `brand`.
    pub fn new(dir: PathBuf, brand: Brand) -> Result<Self, Failure> {
        let defaults = RuntimeConfig::default();
        let runtime = Runtime::new(RuntimeConfig {
            cache_dir: std::env::var_os("CHORUS_CACHE_DIR").map(PathBuf::from),
            max_concurrent_instances: 4,
            // An evaluation measures what the plugins decide, not how fast:
            // a loaded CI machine must not turn a slow call into a failure.
            limits: chorus_host::runtime::Limits {
                deadline: EVAL_DEADLINE,
                ..defaults.limits.clone()
            },
            ..defaults
        })
        .map_err(|e| Failure::other(format!("cannot start the plugin runtime: {e:#}")))?;
        Ok(Self {
            dir,
            runtime,
            brand,
            loaded: BTreeMap::new(),
        })
    }

    /// The plugin that serves `channel`, with its host services, and the
    /// brand it runs for.
    pub async fn get(&mut self, channel: Channel) -> Result<(&Loaded, &Brand), Failure> {
        let brand = &self.brand;
        match self.loaded.entry(channel) {
            Entry::Occupied(entry) => Ok((entry.into_mut(), brand)),
            Entry::Vacant(entry) => {
                let path = self.dir.join(format!("{}.wasm", channel.plugin()));
                let plugin = self
                    .runtime
                    .load_file(&path)
                    .await
                    .map_err(|e| Failure::refused(format!("{}: {e}", path.display())))?;
                let token = [(EMAIL_TOKEN_SECRET.to_owned(), EMAIL_TOKEN.to_owned())];
                let (name, settings) = brand.channel_for(&plugin.info().name);
                let services = brand
                    .services(
                        (&name, &settings),
                        &plugin,
                        &token,
                        Arc::new(InMemoryKv::default()),
                        Verification::WhenConfigured,
                    )
                    .map_err(|e| Failure::refused(e.to_string()))?;
                let loaded = entry.insert(Loaded {
                    plugin: Arc::new(plugin),
                    services: Arc::new(services),
                });
                Ok((loaded, brand))
            }
        }
    }
}

/// What the channel made of a line.
#[derive(Debug)]
pub(super) enum Listened {
    /// The message triage gets.
    Message(Box<Message>),
    /// The email plugin's `listen` ignored the mail, with its reason.
    Ignored(String),
}

/// The message `inbound` becomes on its channel: an email goes through the
/// plugin's `listen` as raw mail (the first message it gives); an X post or
/// chat message is built as the plugin would hand it to triage.
pub(super) async fn listen(
    plugin: &LoadedPlugin,
    services: &Arc<dyn HostServices>,
    brand: &Brand,
    inbound: &Inbound<'_>,
) -> Result<Listened, String> {
    if inbound.channel != Channel::Email {
        let message = inbound.message(&brand.info.name);
        return Ok(Listened::Message(Box::new(message)));
    }
    let outcome = plugin
        .listen(services.clone(), &inbound.raw_email())
        .await
        .map_err(|e| format!("plugin {} refused the email: {e}", plugin.info().name))?;
    match outcome {
        ListenOutcome::Messages(messages) => messages
            .into_iter()
            .next()
            .map(|m| Listened::Message(Box::new(m)))
            .ok_or_else(|| "the email gave no message".to_owned()),
        ListenOutcome::Ignore(reason) => Ok(Listened::Ignored(reason)),
        other => Err(format!("the email gave no message: {other:?}")),
    }
}

/// `message` through the pipeline the server's worker runs
/// ([`pipeline::process_message`]), for `brand` with its listening rules;
/// a step that fails fails the line. Returns what it made and the context
/// it ran in.
pub(super) async fn process(
    Loaded { plugin, services }: &Loaded,
    brand: &Brand,
    message: Message,
) -> Result<(ProcessedMessage, Context), String> {
    let context = brand.context(plugin.info().channel_limits());
    let around = Standalone::rules_of(brand);
    let Ok(processed) =
        pipeline::process_message(plugin, services.clone(), message, &context, &around).await;
    match processed.error {
        Some(error) => Err(format!("plugin {} failed: {error}", plugin.info().name)),
        None => Ok((processed, context)),
    }
}
