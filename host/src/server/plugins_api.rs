//! `GET /v1/admin/plugins` and `POST /v1/admin/plugins/{brand}/{channel}/reset`:
//! what each brand × channel runs, what it is granted, and its circuit
//! breaker, which an admin can reset.

use std::sync::Arc;
use std::time::Instant;

use axum::Json;
use axum::extract::State;
use axum::http::HeaderMap;
use serde::Serialize;

use super::api::authorize_admin;
use super::app::{App, Channel};
use super::breaker::BreakerState;
use super::error::{ApiError, ErrorBody};
use super::extract::ApiPath;
use crate::runtime::HostServices;

/// One brand × channel.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct PluginStatus {
    /// Brand id.
    pub brand: String,
    /// Channel name.
    pub channel: String,
    /// Plugin name and version, when it loaded.
    pub plugin: Option<String>,
    /// Capabilities granted for this brand.
    pub granted: Option<String>,
    /// The circuit breaker (`None` when the channel is disabled).
    pub breaker: Option<BreakerState>,
    /// Failures counted in the breaker's current window.
    pub recent_failures: usize,
    /// Why the channel is disabled, if it is (its plugin failed to load).
    pub disabled: Option<String>,
}

/// Every brand × channel.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct PluginList {
    /// Sorted by brand, then channel.
    pub plugins: Vec<PluginStatus>,
}

/// `GET /v1/admin/plugins`.
#[utoipa::path(get, path = "/v1/admin/plugins", tag = "admin",
    security(("bearer" = [])),
    responses((status = 200, body = PluginList), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn list<S>(
    State(app): State<Arc<App<S>>>,
    headers: HeaderMap,
) -> Result<Json<PluginList>, ApiError> {
    authorize_admin(&app, &headers)?;
    let now = Instant::now();
    let mut plugins = Vec::new();
    for (brand, state) in &app.brands {
        for (channel, loaded) in &state.channels {
            plugins.push(status(brand, channel, loaded, now));
        }
        for (channel, reason) in &state.disabled {
            plugins.push(PluginStatus {
                brand: brand.clone(),
                channel: channel.clone(),
                plugin: None,
                granted: None,
                breaker: None,
                recent_failures: 0,
                disabled: Some(reason.clone()),
            });
        }
    }
    plugins.sort_by(|a, b| (&a.brand, &a.channel).cmp(&(&b.brand, &b.channel)));
    Ok(Json(PluginList { plugins }))
}

/// `POST /v1/admin/plugins/{brand}/{channel}/reset`: closes the breaker.
#[utoipa::path(post, path = "/v1/admin/plugins/{brand}/{channel}/reset", tag = "admin",
    params(("brand" = String, Path, description = "Brand id"), ("channel" = String, Path, description = "Channel name")),
    security(("bearer" = [])),
    responses((status = 200, body = PluginStatus), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn reset<S>(
    State(app): State<Arc<App<S>>>,
    ApiPath((brand, channel)): ApiPath<(String, String)>,
    headers: HeaderMap,
) -> Result<Json<PluginStatus>, ApiError> {
    authorize_admin(&app, &headers)?;
    let loaded = app
        .brands
        .get(&brand)
        .and_then(|b| b.channels.get(&channel))
        .ok_or_else(|| {
            ApiError::not_found(format!(
                "no running channel `{channel}` for brand `{brand}`"
            ))
        })?;
    loaded.breaker.reset();
    app.breaker_outcome(&brand, &channel, loaded, None);
    tracing::info!(brand = %brand, channel = %channel, "circuit breaker reset by an admin");
    Ok(Json(status(&brand, &channel, loaded, Instant::now())))
}

fn status(brand: &str, channel: &str, loaded: &Channel, now: Instant) -> PluginStatus {
    let (breaker, recent_failures) = loaded.breaker.status(now);
    let running = loaded.running();
    let info = running.plugin.info();
    PluginStatus {
        brand: brand.to_owned(),
        channel: channel.to_owned(),
        plugin: Some(format!("{}@{}", info.name, info.version)),
        granted: Some(
            running
                .plugin
                .grants()
                .without(running.services.denied())
                .to_string(),
        ),
        breaker: Some(breaker),
        recent_failures,
        disabled: None,
    }
}
