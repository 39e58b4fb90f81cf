//! `chorus serve`: the webhook intake, the inbox and feedback API.
//!
//! ```text
//! POST|GET /v1/brands/{brand}/channels/{channel}/events   webhook intake (platform-signed)
//! POST     /v1/brands/{brand}/channels/{channel}/events/mime  the same, for Mailgun's raw MIME
//! GET      /v1/brands/{brand}/conversations               inbox (Bearer brand key)
//! GET      /v1/brands/{brand}/conversations/{id}
//! POST     /v1/brands/{brand}/conversations/{id}/replies  send a reply (queued, 202)
//! POST     /v1/brands/{brand}/conversations/{id}/resolve
//! POST     /v1/brands/{brand}/suggestions/{id}/feedback
//! GET      /v1/brands/{brand}/voice/examples
//! GET      /v1/brands/{brand}/voice/priors
//! POST     /v1/brands/{brand}/customers/{id}/link
//! GET      /v1/admin/dead-letters                         (Bearer admin key)
//! POST     /v1/admin/replay?since=<unix ms>               (Bearer admin key)
//! GET      /v1/admin/plugins                              (Bearer admin key)
//! POST     /v1/admin/plugins/{brand}/{channel}/reset      (Bearer admin key)
//! GET      /healthz, /readyz, /metrics (Prometheus), /openapi.json
//! GET      /inbox ...                                      the agents' inbox (see `inbox`)
//! ```

mod api;
mod app;
pub mod breaker;
pub mod config;
mod error;
mod extract;
mod handshake;
pub mod inbox;
mod intake;
pub mod kv;
mod metrics;
pub mod openapi;
mod plugins_api;
pub mod pool;
mod priors;
pub mod reload;
pub mod replay;
mod replies_api;
mod sender;
mod services;
mod voice_api;
mod worker;

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::error_handling::HandleErrorLayer;
use axum::extract::DefaultBodyLimit;
use axum::response::IntoResponse;
use axum::routing::{get, post};
use tower::ServiceBuilder;
use tower_http::timeout::TimeoutLayer;

pub use app::App;
pub use config::ServerConfig;
pub use error::ApiError;

use crate::store::Store;
use crate::store::sql::SqlStore;

/// The largest plugin an admin may upload.
const MAX_UPLOAD_BYTES: usize = 64 << 20;

/// The router over `app`.
pub fn router<S: Store>(app: Arc<App<S>>) -> Router {
    let limits = &app.config.limits;
    let overload = ServiceBuilder::new()
        .layer(HandleErrorLayer::new(|_: tower::BoxError| async {
            ApiError::unavailable("the server is at its concurrency limit", 1).into_response()
        }))
        .load_shed()
        // One limit for the whole server: `Router::layer` clones layers per
        // route, and a global limit shares its semaphore across the clones.
        .layer(tower::limit::GlobalConcurrencyLimitLayer::new(
            limits.concurrency,
        ));
    let timeout = TimeoutLayer::with_status_code(
        axum::http::StatusCode::REQUEST_TIMEOUT,
        Duration::from_millis(limits.request_timeout_ms),
    );
    Router::new()
        .route(
            "/v1/brands/{brand}/channels/{channel}/events",
            post(intake::webhook::<S>).get(intake::webhook::<S>),
        )
        // Mailgun sends the raw MIME message only to URLs ending in `mime`.
        .route(
            "/v1/brands/{brand}/channels/{channel}/events/mime",
            post(intake::webhook::<S>),
        )
        .route("/v1/brands/{brand}/conversations", get(api::inbox::<S>))
        .route(
            "/v1/brands/{brand}/conversations/{id}",
            get(api::conversation::<S>),
        )
        .route(
            "/v1/brands/{brand}/conversations/{id}/replies",
            post(replies_api::reply::<S>),
        )
        .route(
            "/v1/brands/{brand}/conversations/{id}/resolve",
            post(api::resolve::<S>),
        )
        .route(
            "/v1/brands/{brand}/suggestions/{id}/feedback",
            post(api::feedback::<S>),
        )
        .route(
            "/v1/brands/{brand}/customers/{id}/link",
            post(api::link_customers::<S>),
        )
        .route(
            "/v1/brands/{brand}/voice/examples",
            get(voice_api::examples::<S>),
        )
        .route(
            "/v1/brands/{brand}/voice/priors",
            get(voice_api::priors::<S>),
        )
        .route("/v1/admin/dead-letters", get(api::dead_letters::<S>))
        .route("/v1/admin/replay", post(api::replay::<S>))
        .route("/v1/admin/plugins", get(plugins_api::list::<S>))
        .route(
            "/v1/admin/plugins/{brand}/{channel}/reset",
            post(plugins_api::reset::<S>),
        )
        .route(
            "/v1/admin/reload/{plugin}",
            post(reload::admin::<S>).layer(DefaultBodyLimit::max(MAX_UPLOAD_BYTES)),
        )
        .route("/metrics", get(api::metrics::<S>))
        .route("/openapi.json", get(openapi::document))
        .route("/healthz", get(api::healthz))
        .route("/readyz", get(api::readyz::<S>))
        .merge(inbox::routes::<S>())
        .fallback(|| async { ApiError::not_found("no such route") })
        .method_not_allowed_fallback(|method: axum::http::Method| async move {
            ApiError::new(
                axum::http::StatusCode::METHOD_NOT_ALLOWED,
                "method-not-allowed",
                format!("this route does not take {method}"),
            )
        })
        .layer(timeout)
        .layer(overload)
        .with_state(app)
}

/// Opens the configured store and builds the app (plugins loaded), for
/// commands that work on the data without serving: `chorus replay`.
pub async fn open(config: ServerConfig) -> anyhow::Result<Arc<App<SqlStore>>> {
    let store = SqlStore::open(&config.storage_url()).await?;
    App::build(config, store).await
}

/// Runs the server until SIGTERM or Ctrl-C: in-flight requests finish, and
/// everything acknowledged is already durable.
pub async fn serve(config: ServerConfig) -> anyhow::Result<()> {
    let store = SqlStore::open(&config.storage_url()).await?;
    let listen = config.listen;
    let app = App::build(config, store).await?;
    tokio::spawn(worker::run(app.clone()));
    tokio::spawn(sender::run(app.clone()));
    if app.config.watch_plugins {
        tokio::spawn(reload::watch(app.clone()));
    }
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .map_err(|e| anyhow::anyhow!("cannot listen on {listen}: {e}"))?;
    let address = listener.local_addr()?;
    let shutdown = shutdown_signal()?;
    // Tests and scripts read this line to find a random port.
    println!("chorus listening on http://{address}");
    axum::serve(listener, router(app))
        .with_graceful_shutdown(shutdown)
        .await?;
    Ok(())
}

/// Installs the SIGTERM and SIGINT handlers now (before the address is
/// announced) and returns a future that completes on either.
fn shutdown_signal() -> anyhow::Result<impl std::future::Future<Output = ()>> {
    use tokio::signal::unix::{SignalKind, signal};
    let mut terminate = signal(SignalKind::terminate())?;
    let mut interrupt = signal(SignalKind::interrupt())?;
    Ok(async move {
        tokio::select! {
            _ = terminate.recv() => {},
            _ = interrupt.recv() => {},
        }
        tracing::info!("shutting down: finishing in-flight requests");
    })
}
