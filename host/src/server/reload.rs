//! Hot reload: a plugin is replaced while the server serves, from its file
//! in `plugins_dir` (an admin's `POST /v1/admin/reload/{plugin}`, or the
//! file watch with `watch_plugins = true`) or from an admin's upload.
//!
//! The new version takes traffic only once it has passed every check: the
//! config's SHA-256 pin, the `chorus:plugin` world and a supported contract
//! version (the runtime's load), the same plugin name and channel kind as
//! the version it replaces, and, for every brand × channel it serves, its
//! declared secrets (fail closed). Otherwise it is refused with the reason
//! and the old version keeps serving. Each channel then swaps in one step:
//! calls already started finish on the old version, events are never
//! dropped or run twice (the ledger is written before any plugin runs).

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::extract::rejection::BytesRejection;
use axum::http::{HeaderMap, StatusCode};
use serde::Serialize;

use super::api::authorize_admin;
use super::app::{App, hex, load_plugin, running};
use super::error::{ApiError, ErrorBody};
use super::extract::ApiPath;
use crate::brand::sha256;
use crate::store::Store;

/// What a reload did.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Reloaded {
    /// Plugin name.
    pub plugin: String,
    /// The version now serving.
    pub version: String,
    /// The version it replaced (on the first channel, when they differ).
    pub previous_version: String,
    /// The contract version it exports.
    pub contract: String,
    /// SHA-256 of the component, hex.
    pub sha256: String,
    /// Milliseconds to load it (compile or read from the cache,
    /// pre-initialize, link).
    pub load_ms: f64,
    /// Whether the compiled snapshot came from the cache (a file that was
    /// loaded before: compiling is skipped).
    pub from_cache: bool,
    /// The `brand/channel`s now running it.
    pub channels: Vec<String>,
}

/// Why a reload was refused; the old version keeps serving.
#[derive(Debug, thiserror::Error)]
pub enum ReloadError {
    /// No running channel uses the plugin.
    #[error("no running channel uses plugin `{0}`")]
    Unused(String),
    /// The new version failed a check.
    #[error("plugin `{plugin}` not reloaded, the running version keeps serving: {reason}")]
    Refused {
        /// Plugin name.
        plugin: String,
        /// Which check failed.
        reason: String,
    },
    /// The uploaded version passed, but could not be written to its file.
    #[error("plugin `{plugin}`: cannot write {path}: {source}")]
    Write {
        /// Plugin name.
        plugin: String,
        /// The plugin's file.
        path: String,
        /// The I/O error.
        source: std::io::Error,
    },
}

impl From<ReloadError> for ApiError {
    fn from(error: ReloadError) -> Self {
        let message = error.to_string();
        match error {
            ReloadError::Unused(_) => ApiError::not_found(message),
            ReloadError::Refused { .. } => {
                ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "plugin-refused", message)
            }
            ReloadError::Write { .. } => {
                ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "write-failed", message)
            }
        }
    }
}

/// Replaces plugin `name` on every channel that runs it with `upload`, or
/// with its file when there is no upload. An upload that passes is written
/// to the file first, so that a restart runs it too.
pub async fn reload<S: Store>(
    app: &App<S>,
    name: &str,
    upload: Option<&[u8]>,
) -> Result<Reloaded, ReloadError> {
    let _one_at_a_time = app.reloading.lock().await;
    let result = replace(app, name, upload).await;
    match &result {
        Ok(done) => tracing::info!(
            plugin = %name,
            version = %done.version,
            previous = %done.previous_version,
            load_ms = format_args!("{:.1}", done.load_ms),
            from_cache = done.from_cache,
            channels = done.channels.len(),
            "plugin reloaded"
        ),
        Err(e) => tracing::warn!(plugin = %name, "{e}"),
    }
    result
}

async fn replace<S: Store>(
    app: &App<S>,
    name: &str,
    upload: Option<&[u8]>,
) -> Result<Reloaded, ReloadError> {
    let refused = |reason: String| ReloadError::Refused {
        plugin: name.to_owned(),
        reason,
    };
    let users: Vec<_> = app
        .brands
        .values()
        .flat_map(|state| {
            state
                .channels
                .iter()
                .filter(|(_, channel)| channel.settings.plugin == name)
                .map(move |(channel_name, channel)| (state, channel_name, channel))
        })
        .collect();
    let Some((_, _, first)) = users.first() else {
        return Err(ReloadError::Unused(name.to_owned()));
    };
    let path = app.config.plugin_path(name);
    let bytes = match upload {
        Some(bytes) => bytes.to_vec(),
        // A few MiB, once per reload: not worth a blocking-pool hop.
        None => std::fs::read(&path).map_err(|e| refused(format!("{}: {e}", path.display())))?,
    };
    let (plugin, report) = load_plugin(&app.runtime, &app.config, name, &bytes)
        .await
        .map_err(|e| refused(e.to_string()))?;
    let old = first.running();
    let (was, now) = (old.plugin.info(), plugin.info());
    if now.name != was.name || now.channel != was.channel {
        return Err(refused(format!(
            "the new component is plugin `{}` for {:?} channels; the running one is `{}` for {:?}",
            now.name, now.channel, was.name, was.channel
        )));
    }
    let mut next = Vec::with_capacity(users.len());
    for (state, channel_name, channel) in &users {
        let running = running(
            &app.store,
            &app.config,
            &state.brand,
            channel_name,
            &channel.settings,
            Arc::clone(&plugin),
            report.sha256,
        )
        .map_err(|e| refused(format!("{e:#}")))?;
        next.push((channel, running, (&state.brand.info.id, channel_name)));
    }
    if upload.is_some() {
        write_atomically(&path, &bytes).map_err(|source| ReloadError::Write {
            plugin: name.to_owned(),
            path: path.display().to_string(),
            source,
        })?;
    }
    let mut channels = Vec::with_capacity(next.len());
    for (channel, running, (brand, channel_name)) in next {
        channel.replace(running);
        // A new version starts with a clean record.
        channel.breaker.reset();
        app.metrics.quarantined(brand, channel_name, false);
        channels.push(format!("{brand}/{channel_name}"));
    }
    channels.sort();
    let reloaded = Reloaded {
        plugin: name.to_owned(),
        version: now.version.clone(),
        previous_version: was.version.clone(),
        contract: plugin.contract_version().to_owned(),
        sha256: hex(&report.sha256),
        load_ms: report.elapsed.as_secs_f64() * 1000.0,
        from_cache: report.from_cache,
        channels,
    };
    app.metrics
        .plugin_reloaded(name, report.elapsed, report.from_cache);
    Ok(reloaded)
}

/// Writes `bytes` to `path` through a temporary file in the same folder and
/// a rename: the file watch never sees half a component.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let temporary = path.with_extension("wasm.uploading");
    std::fs::write(&temporary, bytes)?;
    std::fs::rename(&temporary, path)
}

/// `POST /v1/admin/reload/{plugin}`: reloads a plugin from its file, or,
/// with a body, from the uploaded component (written to its file once it
/// passes).
#[utoipa::path(post, path = "/v1/admin/reload/{plugin}", tag = "admin",
    params(("plugin" = String, Path, description = "Plugin name (its file is <plugins_dir>/<plugin>.wasm)")),
    request_body(content = String, description = "Optional: the new component (`application/wasm`); empty reloads the file", content_type = "application/wasm"),
    security(("bearer" = [])),
    responses(
        (status = 200, body = Reloaded),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody, description = "No running channel uses the plugin"),
        (status = 422, body = ErrorBody, description = "The new version failed a check; the old one keeps serving"),
    ))]
pub async fn admin<S: Store>(
    State(app): State<Arc<App<S>>>,
    ApiPath(plugin): ApiPath<String>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<Reloaded>, ApiError> {
    authorize_admin(&app, &headers)?;
    let body = body.map_err(|e| ApiError::rejected(e.status(), e.body_text()))?;
    let upload = (!body.is_empty()).then_some(&body[..]);
    Ok(Json(reload(&app, &plugin, upload).await?))
}

/// How often the file watch looks at the plugin files.
const WATCH_EVERY: Duration = Duration::from_secs(1);

/// What the watch last saw of a file: its length and modification time.
type Seen = Option<(u64, SystemTime)>;

fn seen(path: &Path) -> Seen {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.len(), meta.modified().ok()?))
}

/// Watches the files of the plugins that channels run, and reloads one
/// when its file has changed and then stayed the same for a whole period
/// (so that a file still being copied is not loaded half-written), unless
/// it holds the very component that runs (an admin's upload writes the
/// file too). Runs until the server stops.
pub async fn watch<S: Store>(app: Arc<App<S>>) {
    let mut files: Vec<(String, PathBuf, Seen)> = app
        .brands
        .values()
        .flat_map(|state| state.channels.values())
        .map(|channel| channel.settings.plugin.clone())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .map(|name| {
            let path = app.config.plugin_path(&name);
            let now = seen(&path);
            (name, path, now)
        })
        .collect();
    let mut pending: Vec<Option<Seen>> = vec![None; files.len()];
    let mut tick = tokio::time::interval(WATCH_EVERY);
    loop {
        tick.tick().await;
        for ((name, path, loaded), waiting) in files.iter_mut().zip(&mut pending) {
            let now = seen(path);
            if now == *loaded {
                *waiting = None;
                continue;
            }
            // Changed: reload once it reads the same twice in a row.
            if *waiting != Some(now) {
                *waiting = Some(now);
                continue;
            }
            *loaded = now;
            *waiting = None;
            if !runs(&app, name, path) {
                // Refusals are logged by `reload`; the old version serves.
                let _ = reload(&app, name, None).await;
            }
        }
    }
}

/// Whether the file at `path` holds the component plugin `name` runs.
fn runs<S>(app: &App<S>, name: &str, path: &Path) -> bool {
    let Ok(bytes) = std::fs::read(path) else {
        return false;
    };
    let digest = sha256(&bytes);
    app.brands
        .values()
        .flat_map(|state| state.channels.values())
        .filter(|channel| channel.settings.plugin == name)
        .all(|channel| channel.running().sha256 == digest)
}
