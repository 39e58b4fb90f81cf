//! The inbox and feedback API, and the admin routes. Every brand route needs
//! `Authorization: Bearer <key>` of that brand; another brand's key gets 404,
//! exactly like a brand that does not exist.

use std::sync::Arc;

use axum::Json;
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::app::{App, BrandState};
use super::error::{ApiError, ErrorBody};
use super::extract::ApiPath;
use super::replay::ReplayReport;
use crate::brand::sha256;
use crate::model::{Priority, Route};
use crate::store::page::MAX_PAGE;
use crate::store::{
    ConversationDetail, ConversationSummary, Cursor, DeadLetter, InboxFilter, Page, Store, Verdict,
};

fn bearer(headers: &HeaderMap) -> Option<[u8; 32]> {
    let value = headers
        .get(axum::http::header::AUTHORIZATION)?
        .to_str()
        .ok()?;
    let token = value.strip_prefix("Bearer ")?.trim();
    (!token.is_empty()).then(|| sha256(token.as_bytes()))
}

/// The brand, if the request carries one of its keys.
pub(super) fn authorize<'a, S>(
    app: &'a App<S>,
    brand: &str,
    headers: &HeaderMap,
) -> Result<&'a BrandState, ApiError> {
    let Some(hash) = bearer(headers) else {
        return Err(ApiError::unauthorized(
            "missing `Authorization: Bearer <key>`",
        ));
    };
    app.brands
        .get(brand)
        .filter(|state| state.brand.key_hashes.contains(&hash))
        .ok_or_else(|| ApiError::not_found(format!("no brand `{brand}` for this key")))
}

pub(super) fn authorize_admin<S>(app: &App<S>, headers: &HeaderMap) -> Result<(), ApiError> {
    match (bearer(headers), app.admin_key) {
        (Some(hash), Some(admin)) if hash == admin => Ok(()),
        (None, _) => Err(ApiError::unauthorized(
            "missing `Authorization: Bearer <admin key>`",
        )),
        _ => Err(ApiError::new(
            axum::http::StatusCode::FORBIDDEN,
            "forbidden",
            "admin routes need the admin key",
        )),
    }
}

/// Inbox query parameters.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct InboxQuery {
    /// `open` or `resolved`.
    status: Option<String>,
    /// Only this priority.
    priority: Option<Priority>,
    /// Only this route.
    route: Option<Route>,
    /// Only this channel.
    channel: Option<String>,
    /// Only conversations with this label (put on by agents).
    label: Option<String>,
    /// Most conversations in the page, 1 to 500 (default 500).
    limit: Option<u32>,
    /// The `next_cursor` of the previous page.
    cursor: Option<String>,
}

/// The inbox.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct InboxPage {
    /// Conversations by first-response due time (none last), then id.
    pub conversations: Vec<ConversationSummary>,
    /// Pass as `cursor` for the next page; `null` on the last page.
    pub next_cursor: Option<String>,
}

/// Paging parameters.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// Most rows in the page, 1 to 500 (default 500).
    limit: Option<u32>,
    /// The `next_cursor` of the previous page.
    cursor: Option<String>,
}

/// Dead letters.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct DeadLetterList {
    /// Newest first.
    pub dead_letters: Vec<DeadLetter>,
    /// Pass as `cursor` for the next page; `null` on the last page.
    pub next_cursor: Option<String>,
}

/// The page a request asks for: a 400 names a bad `limit` or `cursor`.
fn page(limit: Option<u32>, cursor: Option<&str>) -> Result<Page, ApiError> {
    let after = cursor
        .map(str::parse::<Cursor>)
        .transpose()
        .map_err(|e| ApiError::bad_request(e.to_string()))?;
    Page::new(after, limit.unwrap_or(MAX_PAGE)).map_err(|e| ApiError::bad_request(e.to_string()))
}

/// Feedback recorded.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct FeedbackRecorded {
    /// The suggestion.
    pub suggestion: i64,
    /// The feedback.
    pub feedback: Verdict,
}

/// A resolved conversation.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Resolved {
    /// The conversation.
    pub id: i64,
    /// Always `resolved`.
    pub status: String,
}

/// `GET /v1/brands/{brand}/conversations`: the inbox, by first-response due time.
#[utoipa::path(get, path = "/v1/brands/{brand}/conversations", tag = "inbox",
    params(("brand" = String, Path, description = "Brand id"), InboxQuery),
    security(("bearer" = [])),
    responses((status = 200, body = InboxPage), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn inbox<S: Store>(
    State(app): State<Arc<App<S>>>,
    ApiPath(brand): ApiPath<String>,
    headers: HeaderMap,
    query: Result<Query<InboxQuery>, QueryRejection>,
) -> Result<Json<InboxPage>, ApiError> {
    authorize(&app, &brand, &headers)?;
    let Query(query) = query.map_err(|e| ApiError::bad_request(e.body_text()))?;
    if let Some(status) = &query.status
        && status != "open"
        && status != "resolved"
    {
        return Err(ApiError::bad_request(format!(
            "status `{status}`: expected open or resolved"
        )));
    }
    let page = page(query.limit, query.cursor.as_deref())?;
    let filter = InboxFilter {
        status: query.status,
        priority: query.priority,
        route: query.route,
        channel: query.channel,
        label: query.label,
        assignee: None,
    };
    let conversations = app
        .store
        .inbox(&brand, &filter, &page, crate::clock::now())
        .await?;
    Ok(Json(InboxPage {
        conversations: conversations.items,
        next_cursor: conversations.next.map(|c| c.to_string()),
    }))
}

/// `GET /v1/brands/{brand}/conversations/{id}`.
#[utoipa::path(get, path = "/v1/brands/{brand}/conversations/{id}", tag = "inbox",
    params(("brand" = String, Path, description = "Brand id"), ("id" = i64, Path, description = "Conversation id")),
    security(("bearer" = [])),
    responses((status = 200, body = ConversationDetail), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn conversation<S: Store>(
    State(app): State<Arc<App<S>>>,
    ApiPath((brand, id)): ApiPath<(String, i64)>,
    headers: HeaderMap,
) -> Result<Json<ConversationDetail>, ApiError> {
    authorize(&app, &brand, &headers)?;
    let detail = app
        .store
        .conversation(&brand, id, crate::clock::now())
        .await?
        .ok_or_else(|| ApiError::not_found(format!("no conversation {id}")))?;
    Ok(Json(detail))
}

/// `POST /v1/brands/{brand}/conversations/{id}/resolve`.
#[utoipa::path(post, path = "/v1/brands/{brand}/conversations/{id}/resolve", tag = "inbox",
    params(("brand" = String, Path, description = "Brand id"), ("id" = i64, Path, description = "Conversation id")),
    security(("bearer" = [])),
    responses((status = 200, body = Resolved), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn resolve<S: Store>(
    State(app): State<Arc<App<S>>>,
    ApiPath((brand, id)): ApiPath<(String, i64)>,
    headers: HeaderMap,
) -> Result<Json<Resolved>, ApiError> {
    authorize(&app, &brand, &headers)?;
    if !app.store.resolve(&brand, id, crate::clock::now()).await? {
        return Err(ApiError::not_found(format!("no conversation {id}")));
    }
    app.inbox.publish(&brand, id, "resolved");
    Ok(Json(Resolved {
        id,
        status: "resolved".to_owned(),
    }))
}

/// `POST /v1/brands/{brand}/suggestions/{id}/feedback` with
/// `{"verdict": "accepted"}`, `{"verdict": "edited", "final_text": "..."}`
/// or `{"verdict": "rejected", "reason": "..."}`.
#[utoipa::path(post, path = "/v1/brands/{brand}/suggestions/{id}/feedback", tag = "inbox",
    params(("brand" = String, Path, description = "Brand id"), ("id" = i64, Path, description = "Suggestion id")),
    request_body = Verdict,
    security(("bearer" = [])),
    responses((status = 200, body = FeedbackRecorded), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn feedback<S: Store>(
    State(app): State<Arc<App<S>>>,
    ApiPath((brand, id)): ApiPath<(String, i64)>,
    headers: HeaderMap,
    verdict: Result<Json<Verdict>, JsonRejection>,
) -> Result<Json<FeedbackRecorded>, ApiError> {
    authorize(&app, &brand, &headers)?;
    let Json(verdict) = verdict.map_err(|e| ApiError::bad_request(e.body_text()))?;
    if !app
        .store
        .feedback(&brand, id, &verdict, crate::clock::now())
        .await?
    {
        return Err(ApiError::not_found(format!("no suggestion {id}")));
    }
    app.priors.invalidate(&brand);
    Ok(Json(FeedbackRecorded {
        suggestion: id,
        feedback: verdict,
    }))
}

/// Which customer to link.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LinkRequest {
    /// The other customer record (another channel identity of the same person).
    pub customer: i64,
}

/// `POST /v1/brands/{brand}/customers/{id}/link`: the same person on another
/// channel; their histories are shared from now on.
#[utoipa::path(post, path = "/v1/brands/{brand}/customers/{id}/link", tag = "inbox",
    params(("brand" = String, Path, description = "Brand id"), ("id" = i64, Path, description = "Customer id")),
    request_body = LinkRequest,
    security(("bearer" = [])),
    responses((status = 200, description = "Linked"), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn link_customers<S: Store>(
    State(app): State<Arc<App<S>>>,
    ApiPath((brand, id)): ApiPath<(String, i64)>,
    headers: HeaderMap,
    request: Result<Json<LinkRequest>, JsonRejection>,
) -> Result<Json<Value>, ApiError> {
    authorize(&app, &brand, &headers)?;
    let Json(request) = request.map_err(|e| ApiError::bad_request(e.body_text()))?;
    if !app
        .store
        .link_customers(&brand, id, request.customer)
        .await?
    {
        return Err(ApiError::not_found(format!(
            "no customers {id} and {}",
            request.customer
        )));
    }
    Ok(Json(json!({ "customer": id, "linked": request.customer })))
}

/// `GET /v1/admin/dead-letters`.
#[utoipa::path(get, path = "/v1/admin/dead-letters", tag = "admin",
    params(PageQuery),
    security(("bearer" = [])),
    responses((status = 200, body = DeadLetterList), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn dead_letters<S: Store>(
    State(app): State<Arc<App<S>>>,
    headers: HeaderMap,
    query: Result<Query<PageQuery>, QueryRejection>,
) -> Result<Json<DeadLetterList>, ApiError> {
    authorize_admin(&app, &headers)?;
    let Query(query) = query.map_err(|e| ApiError::bad_request(e.body_text()))?;
    let page = page(query.limit, query.cursor.as_deref())?;
    let letters = app.store.dead_letters(&page).await?;
    Ok(Json(DeadLetterList {
        dead_letters: letters.items,
        next_cursor: letters.next.map(|c| c.to_string()),
    }))
}

/// Replay parameters.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ReplayQuery {
    /// Only dead letters created at or after this time (unix ms).
    #[serde(default)]
    since: i64,
}

/// `POST /v1/admin/replay`: re-runs dead letters and unprocessed entries.
#[utoipa::path(post, path = "/v1/admin/replay", tag = "admin",
    params(ReplayQuery),
    security(("bearer" = [])),
    responses((status = 200, body = ReplayReport), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn replay<S: Store>(
    State(app): State<Arc<App<S>>>,
    headers: HeaderMap,
    query: Result<Query<ReplayQuery>, QueryRejection>,
) -> Result<Json<ReplayReport>, ApiError> {
    authorize_admin(&app, &headers)?;
    let Query(query) = query.map_err(|e| ApiError::bad_request(e.body_text()))?;
    let report = super::replay::replay(&app, true, query.since, |_, _| {}).await?;
    Ok(Json(report))
}

/// `GET /healthz`: the process is up.
#[utoipa::path(get, path = "/healthz", tag = "operations", responses((status = 200, description = "The process is up")))]
pub async fn healthz() -> Json<Value> {
    Json(json!({ "status": "ok" }))
}

/// `GET /readyz`: the store answers. `degraded` when a channel is disabled
/// because its plugin failed to load (the other channels serve).
#[utoipa::path(get, path = "/readyz", tag = "operations",
    responses((status = 200, description = "The store answers; ledger and message counts; `status` is `ready` or `degraded`, with the disabled channels and why"), (status = 503, body = ErrorBody)))]
pub async fn readyz<S: Store>(State(app): State<Arc<App<S>>>) -> Result<Json<Value>, ApiError> {
    let (ledger, messages) = app.store.counts().await?;
    let mut disabled: Vec<Value> = app
        .brands
        .iter()
        .flat_map(|(brand, state)| {
            state.disabled.iter().map(move |(channel, reason)| {
                json!({ "brand": brand, "channel": channel, "reason": reason })
            })
        })
        .collect();
    disabled.sort_by_key(|d| (d["brand"].to_string(), d["channel"].to_string()));
    let status = if disabled.is_empty() {
        "ready"
    } else {
        "degraded"
    };
    Ok(Json(json!({
        "status": status,
        "ledger": ledger,
        "messages": messages,
        "disabled_channels": disabled,
    })))
}

/// `GET /metrics`: Prometheus text exposition.
#[utoipa::path(get, path = "/metrics", tag = "operations",
    responses((status = 200, description = "Prometheus text format", content_type = "text/plain")))]
pub async fn metrics<S: Store>(
    State(app): State<Arc<App<S>>>,
) -> impl axum::response::IntoResponse {
    (
        [(
            axum::http::header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        app.metrics.render(),
    )
}
