//! The webhook intake: the raw request is made durable in the ledger, then
//! the channel's plugin listens to it. Whatever happens next, the raw event
//! is kept: messages are recorded, a handshake is answered, or the entry
//! becomes a dead letter with the reason.

use std::sync::Arc;
use std::time::Instant;

use axum::body::{Body, Bytes};
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;
use tracing::Instrument;

use super::app::App;
use super::breaker::Admission;
use super::error::{ApiError, ErrorBody};
use super::extract::ApiPath;
use super::handshake;
use crate::model::{ChannelKind, HttpRequest, HttpResponse, ListenOutcome};
use crate::runtime::{ContractError, PluginError};
use crate::store::recording::ledger_outcome;
use crate::store::{LedgerEntry, LedgerStatus, Recorded, Store, StoreError};

/// What listening to one ledger entry came to.
#[derive(Debug)]
pub enum Reply {
    /// Messages recorded (`new` of them were not duplicates).
    Accepted {
        /// Ledger entry.
        ledger_id: i64,
        /// Messages in the request.
        messages: usize,
        /// Of those, new.
        new: usize,
        /// Why some were not stored, when some were not.
        detail: Option<String>,
    },
    /// A handshake to send verbatim.
    Handshake(HttpResponse),
    /// Nothing to answer.
    Ignored(String),
    /// The plugin refused or failed; the entry is a dead letter.
    Refused(PluginError),
    /// The channel cannot listen (its plugin failed to load, or it is no
    /// longer configured); the entry is a dead letter, kept for replay.
    Disabled(String),
}

/// `POST|GET /v1/brands/{brand}/channels/{channel}/events`: the platform's
/// webhook (signed by the platform; no API key).
#[utoipa::path(method(get, post), path = "/v1/brands/{brand}/channels/{channel}/events", tag = "webhooks",
    params(("brand" = String, Path, description = "Brand id"), ("channel" = String, Path, description = "Channel name, e.g. slack")),
    request_body(content = String, description = "The platform's raw request body", content_type = "application/octet-stream"),
    responses(
        (status = 200, description = "Accepted (messages recorded), ignored with a reason, or the platform handshake's answer"),
        (status = 202, body = ErrorBody, description = "The plugin failed; the event is kept as a dead letter"),
        (status = 400, body = ErrorBody, description = "Malformed payload; kept as a dead letter"),
        (status = 401, body = ErrorBody, description = "Bad or stale signature; kept as a dead letter"),
        (status = 404, body = ErrorBody),
        (status = 413, body = ErrorBody, description = "Over the channel's body limit; refused before reading"),
        (status = 422, body = ErrorBody, description = "Unsupported content; kept as a dead letter"),
        (status = 503, body = ErrorBody, description = "Saturated or storage unavailable; retry later")))]
pub async fn webhook<S: Store>(
    State(app): State<Arc<App<S>>>,
    ApiPath((brand_id, channel_name)): ApiPath<(String, String)>,
    method: Method,
    uri: Uri,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let brand = app
        .brands
        .get(&brand_id)
        .ok_or_else(|| ApiError::not_found(format!("no brand `{brand_id}`")))?;
    let limit = match (
        brand.channels.get(&channel_name),
        brand.disabled.get(&channel_name),
    ) {
        (Some(channel), _) => match channel.running().plugin.info().channel {
            ChannelKind::Email => app.config.limits.email_body_bytes,
            _ => app.config.limits.body_bytes,
        },
        // Its plugin's kind is unknown: accept what any channel would.
        (None, Some(_)) => app
            .config
            .limits
            .email_body_bytes
            .max(app.config.limits.body_bytes),
        (None, None) => {
            return Err(ApiError::not_found(format!(
                "brand `{brand_id}` has no channel `{channel_name}`"
            )));
        }
    };
    // A place in the brand's lane before anything is acknowledged: a brand
    // flooding its plugins waits (or is refused) in its own queue.
    let _ticket = app
        .pool
        .admit(&brand_id)
        .map_err(|e| ApiError::unavailable(e.to_string(), 1))?;
    let body = read_body(&headers, body, limit).await?;
    let request = HttpRequest {
        method: method.to_string(),
        path: uri.path().to_owned(),
        query: query.unwrap_or_default(),
        headers: headers
            .iter()
            .map(|(name, value)| {
                (
                    name.to_string(),
                    String::from_utf8_lossy(value.as_bytes()).into_owned(),
                )
            })
            .collect(),
        body: body.to_vec(),
    };
    let received_at = crate::clock::now();
    let id = app
        .store
        .append(&brand_id, &channel_name, received_at, &request)
        .await?;
    app.metrics.received(&brand_id, &channel_name);
    let entry = LedgerEntry {
        id,
        brand: brand_id,
        channel: channel_name,
        received_at,
        request,
    };
    let reply = listen_entry(&app, &entry).await?;
    Ok(reply_response(&entry, reply))
}

/// Reads the body up to `limit` bytes; a larger one is refused with 413
/// before it is read (by `Content-Length`) or as soon as it passes the limit.
async fn read_body(headers: &HeaderMap, body: Body, limit: usize) -> Result<Bytes, ApiError> {
    let too_large = || {
        ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "payload-too-large",
            format!("the body exceeds this channel's limit of {limit} bytes"),
        )
    };
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|length| length > limit) {
        return Err(too_large());
    }
    axum::body::to_bytes(body, limit)
        .await
        .map_err(|_| too_large())
}

/// Runs the channel's `listen` on a durable ledger entry and records the
/// outcome. Used by the webhook, by recovery at start and by replay.
pub async fn listen_entry<S: Store>(
    app: &App<S>,
    entry: &LedgerEntry,
) -> Result<Reply, StoreError> {
    let (brand, name) = (&entry.brand, &entry.channel);
    let state = app.brands.get(brand);
    let Some(channel) = state.and_then(|b| b.channels.get(name)) else {
        let (kind, reason) = match state.and_then(|b| b.disabled.get(name)) {
            Some(why) => (
                "channel-disabled",
                format!(
                    "brand `{brand}` channel `{name}` is disabled: its plugin failed to load: {why}"
                ),
            ),
            None => (
                "config",
                format!("brand `{brand}` channel `{name}` is not configured"),
            ),
        };
        app.store.dead_letter(entry, kind, &reason).await?;
        app.metrics.dead_lettered(brand, name, kind);
        return Ok(Reply::Disabled(reason));
    };
    let started = std::time::Instant::now();
    if let Admission::Refuse(reason) = channel.breaker.admit(Instant::now()) {
        let reason = format!("brand `{brand}` channel `{name}`: {reason}");
        app.store.dead_letter(entry, "quarantined", &reason).await?;
        app.metrics.dead_lettered(brand, name, "quarantined");
        return Ok(Reply::Disabled(reason));
    }
    let span = tracing::info_span!("listen", brand = %brand, channel = %name, ledger_id = entry.id);
    // This event runs on the version running now, whatever a reload does
    // meanwhile.
    let running = channel.running();
    let (plugin, services, request) = (
        running.plugin.clone(),
        running.services.clone(),
        entry.request.clone(),
    );
    let call = async move { plugin.listen(services, &request).await }.instrument(span);
    let result = app
        .pool
        .run(brand, call)
        .await
        .unwrap_or_else(|e| Err(PluginError::Trap(e.to_string())));
    app.breaker_outcome(brand, name, channel, result.as_ref().err());
    let failure = result.as_ref().err().map(error_kind);
    let plugin = &running.plugin.info().name;
    app.metrics
        .call(plugin, brand, "listen", started.elapsed(), failure);
    let reply = match result {
        Ok(ListenOutcome::Respond(response)) => {
            app.store
                .set_status(entry.id, LedgerStatus::Responded, None)
                .await?;
            Reply::Handshake(response)
        }
        Ok(ListenOutcome::Ignore(reason)) => {
            app.store
                .set_status(entry.id, LedgerStatus::Ignored, Some(&reason))
                .await?;
            Reply::Ignored(reason)
        }
        Ok(ListenOutcome::Messages(messages)) => {
            let results = app.store.record_messages(entry, &messages).await?;
            let new = results.iter().filter(|r| **r == Recorded::New).count();
            if new > 0 {
                app.work.notify_one();
            }
            match ledger_outcome(&results) {
                (LedgerStatus::Ignored, detail) => Reply::Ignored(detail.unwrap_or_default()),
                (_, detail) => Reply::Accepted {
                    ledger_id: entry.id,
                    messages: messages.len(),
                    new,
                    detail,
                },
            }
        }
        Err(error) => {
            app.store
                .dead_letter(entry, error_kind(&error), &error.to_string())
                .await?;
            app.metrics.dead_lettered(brand, name, error_kind(&error));
            return Ok(Reply::Refused(error));
        }
    };
    let outcome = match &reply {
        Reply::Handshake(_) => "responded",
        Reply::Ignored(_) => "ignored",
        _ => "accepted",
    };
    app.metrics.processed(brand, name, outcome);
    Ok(reply)
}

/// The short kind of an error, as stored with dead letters.
pub fn error_kind(error: &PluginError) -> &'static str {
    match error {
        PluginError::Trap(_) => "trap",
        PluginError::Timeout { .. } => "timeout",
        PluginError::OutOfMemory { .. } => "out-of-memory",
        PluginError::OutOfFuel => "out-of-fuel",
        PluginError::BadOutput(_) => "bad-output",
        PluginError::Host(_) => "host-resources",
        PluginError::Plugin(ContractError::BadInput(_)) => "bad-input",
        PluginError::Plugin(ContractError::Unauthorized(_)) => "unauthorized",
        PluginError::Plugin(ContractError::Config(_)) => "config",
        PluginError::Plugin(ContractError::Unsupported(_)) => "unsupported",
        PluginError::Plugin(ContractError::Internal(_)) => "internal",
    }
}

fn reply_response(entry: &LedgerEntry, reply: Reply) -> Response {
    match reply {
        Reply::Accepted { ledger_id, messages, new, detail } => (
            StatusCode::OK,
            axum::Json(json!({ "status": "accepted", "ledger_id": ledger_id, "messages": messages, "new": new, "detail": detail })),
        )
            .into_response(),
        Reply::Ignored(reason) => {
            (StatusCode::OK, axum::Json(json!({ "status": "ignored", "reason": reason }))).into_response()
        }
        Reply::Handshake(answer) => {
            let (response, dropped) = handshake::response(answer);
            if !dropped.is_empty() {
                tracing::warn!(
                    brand = %entry.brand,
                    channel = %entry.channel,
                    ledger_id = entry.id,
                    dropped = ?dropped,
                    "handshake headers outside the allowed list were dropped"
                );
            }
            response
        }
        Reply::Refused(error) => refused(&error).into_response(),
        Reply::Disabled(reason) => ApiError::new(
            StatusCode::ACCEPTED,
            "channel-disabled",
            format!("{reason}; the raw event is kept as a dead letter"),
        )
        .into_response(),
    }
}

/// Refusals: the client's fault is a 4xx; a plugin failure is acknowledged
/// (202) because the event is kept as a dead letter for replay, and a
/// platform retry would only fail the same way.
fn refused(error: &PluginError) -> ApiError {
    let message = format!("{error}; the raw event is kept as a dead letter");
    match error {
        PluginError::Plugin(ContractError::Unauthorized(_)) => ApiError::unauthorized(message),
        PluginError::Plugin(ContractError::BadInput(_)) => ApiError::bad_request(message),
        PluginError::Plugin(ContractError::Unsupported(_)) => {
            ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "unsupported", message)
        }
        PluginError::Plugin(ContractError::Config(_)) => {
            ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "plugin-config", message)
        }
        _ => ApiError::new(StatusCode::ACCEPTED, error_kind(error), message),
    }
}
