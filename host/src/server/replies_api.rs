//! `POST /v1/brands/{brand}/conversations/{id}/replies`: an agent sends a
//! reply, chosen from the suggestions or written. The text goes through
//! the brand's voice gate once more, then into the durable outbox, before
//! the answer (`202 Accepted`); the sender delivers it through the
//! channel's plugin (see `sender`).

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use axum::Json;
use axum::extract::State;
use axum::extract::rejection::JsonRejection;
use axum::http::{HeaderMap, StatusCode};
use serde::Deserialize;

use super::api::authorize;
use super::app::{App, BrandState};
use super::error::{ApiError, ErrorBody};
use super::extract::ApiPath;
use crate::model::{MessageKind, Suggestion, Triage};
use crate::review::{ReplyTarget, StrategyPriors, review};
use crate::store::{ConversationDetail, CustomerHistory, NewReply, SentReply, Store};

/// What to send: a suggestion as it is (`suggestion_id`), a suggestion
/// edited (`suggestion_id` and `text`), or a reply of the agent's own
/// (`text`).
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReplyRequest {
    /// The suggestion sent, or edited into `text`.
    #[serde(default)]
    pub suggestion_id: Option<i64>,
    /// The text to send; the suggestion's when absent.
    #[serde(default)]
    pub text: Option<String>,
}

/// The header a client repeats to make a retried request queue one reply.
const IDEMPOTENCY_KEY: &str = "idempotency-key";

/// The longest client idempotency key taken.
const MAX_KEY_BYTES: usize = 200;

/// `POST /v1/brands/{brand}/conversations/{id}/replies` with
/// `{"suggestion_id": 12}`, `{"suggestion_id": 12, "text": "..."}` or
/// `{"text": "..."}`; an `Idempotency-Key` header makes a retry of the
/// request return the reply first queued.
#[utoipa::path(post, path = "/v1/brands/{brand}/conversations/{id}/replies", tag = "inbox",
    params(("brand" = String, Path, description = "Brand id"), ("id" = i64, Path, description = "Conversation id"),
           ("Idempotency-Key" = Option<String>, Header, description = "Repeat it to retry the request safely")),
    request_body = ReplyRequest,
    security(("bearer" = [])),
    responses((status = 202, body = SentReply, description = "Queued for sending"),
              (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 409, body = ErrorBody, description = "The channel cannot send now"),
              (status = 422, body = ErrorBody, description = "The voice gate refused the text")))]
pub async fn reply<S: Store>(
    State(app): State<Arc<App<S>>>,
    ApiPath((brand, id)): ApiPath<(String, i64)>,
    headers: HeaderMap,
    request: Result<Json<ReplyRequest>, JsonRejection>,
) -> Result<(StatusCode, Json<SentReply>), ApiError> {
    let state = authorize(&app, &brand, &headers)?;
    let Json(request) = request.map_err(|e| ApiError::bad_request(e.body_text()))?;
    let client_key = match headers.get(IDEMPOTENCY_KEY) {
        Some(value) => Some(value.to_str().map_err(|_| bad_key())?),
        None => None,
    };
    let key = idempotency_key(&app, &brand, id, client_key)?;
    let queued = queue(&app, state, id, &request, key).await?;
    Ok((StatusCode::ACCEPTED, Json(queued)))
}

/// Queues `request` in conversation `id` of `state`'s brand under `key`,
/// through the voice gate, and wakes the sender: what the API and the
/// agents' inbox both do to send a reply.
pub(super) async fn queue<S: Store>(
    app: &App<S>,
    state: &BrandState,
    id: i64,
    request: &ReplyRequest,
    key: String,
) -> Result<SentReply, ApiError> {
    let brand = &state.brand.info.id;
    let detail = app
        .store
        .conversation(brand, id, crate::clock::now())
        .await?
        .ok_or_else(|| ApiError::not_found(format!("no conversation {id}")))?;
    let (suggestion_id, text) = chosen(&detail, request)?;
    let (message_id, text) = gate(state, &detail, text)?;
    let queued = app
        .store
        .queue_reply(
            brand,
            &NewReply {
                conversation_id: id,
                message_id,
                suggestion_id,
                text,
                idempotency_key: key,
                now: crate::clock::now(),
            },
        )
        .await?
        .ok_or_else(|| ApiError::not_found(format!("no conversation {id}")))?;
    app.outbox.notify_one();
    app.inbox.publish(brand, id, "reply");
    Ok(queued)
}

/// The suggestion and the text to send.
fn chosen(
    detail: &ConversationDetail,
    request: &ReplyRequest,
) -> Result<(Option<i64>, String), ApiError> {
    let suggested = match request.suggestion_id {
        Some(wanted) => Some(
            detail
                .messages
                .iter()
                .flat_map(|m| &m.suggestions)
                .find(|s| s.id == wanted)
                .ok_or_else(|| {
                    ApiError::not_found(format!(
                        "no suggestion {wanted} in conversation {}",
                        detail.summary.id
                    ))
                })?,
        ),
        None => None,
    };
    let text = match (&request.text, suggested) {
        (Some(text), _) => text.clone(),
        (None, Some(s)) => s.suggestion.text.clone(),
        (None, None) => {
            return Err(ApiError::bad_request(
                "give `suggestion_id`, `text`, or both",
            ));
        }
    };
    if text.trim().is_empty() {
        return Err(ApiError::bad_request("`text` is empty"));
    }
    Ok((suggested.map(|s| s.id), text))
}

/// The message a reply answers (the conversation's latest), and where the
/// reply goes: the channel's voice, limits and the moment triage read.
pub(super) fn target(
    state: &BrandState,
    detail: &ConversationDetail,
) -> Result<(i64, ReplyTarget, Triage), ApiError> {
    let channel_name = &detail.summary.channel;
    let channel = state.channels.get(channel_name).ok_or_else(|| {
        ApiError::new(
            StatusCode::CONFLICT,
            "channel-unavailable",
            format!("channel `{channel_name}` is not running, so it cannot send"),
        )
    })?;
    let latest = detail
        .messages
        .iter()
        .rev()
        .find(|m| m.message.kind != MessageKind::Deletion)
        .ok_or_else(|| ApiError::not_found("the conversation has no message to answer"))?;
    let triage = detail
        .messages
        .iter()
        .rev()
        .find_map(|m| m.triage.as_ref())
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::CONFLICT,
                "not-triaged",
                "the conversation is still being triaged; send in a moment",
            )
        })?;
    let running = channel.running();
    let context = state.context(&running, &latest.message, &CustomerHistory::default());
    let mut target = ReplyTarget::new(
        &context,
        running.plugin.info(),
        &latest.message,
        triage,
        Some(state.brand.sla(triage.priority)),
    );
    target.max_suggestions = 1;
    if target.situation == chorus_voice::Situation::NoReply {
        // Triage saw nothing to answer; the agent does. Their reply is
        // held to the rules of a problem, the default.
        target.situation = chorus_voice::Situation::default();
    }
    Ok((latest.id, target, triage.clone()))
}

/// The message the reply answers, and the text as the brand's voice gate
/// leaves it: fixed where it safely can be, refused with the reasons when
/// a hard rule is still broken.
fn gate(
    state: &BrandState,
    detail: &ConversationDetail,
    text: String,
) -> Result<(i64, String), ApiError> {
    let (message_id, target, triage) = target(state, detail)?;
    let gated = review(
        &state.brand.voice,
        &target,
        vec![agent_reply(text, &triage)],
        &StrategyPriors::default(),
    );
    match (gated.kept.into_iter().next(), gated.dropped.first()) {
        (Some(kept), _) => Ok((message_id, kept.suggestion.text)),
        (None, dropped) => Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "voice-gate",
            format!(
                "the brand's voice gate refused the text: {}",
                dropped.map_or("nothing left after fixing", |d| d.reason.as_str())
            ),
        )),
    }
}

/// The agent's text as a suggestion, for the gate.
fn agent_reply(text: String, triage: &Triage) -> Suggestion {
    Suggestion {
        text,
        strategy: "agent".to_owned(),
        rationale: format!("sent by an agent ({})", triage.intent),
    }
}

/// The refusal of a client key that is not 1-[`MAX_KEY_BYTES`] bytes of
/// visible ASCII.
fn bad_key() -> ApiError {
    ApiError::bad_request(format!(
        "`Idempotency-Key` must be 1-{MAX_KEY_BYTES} bytes of visible ASCII"
    ))
}

/// The reply's idempotency key: the client's, scoped to the brand, or one
/// made for this request, unique across hosts.
pub(super) fn idempotency_key<S>(
    app: &App<S>,
    brand: &str,
    conversation: i64,
    client_key: Option<&str>,
) -> Result<String, ApiError> {
    static SEQUENCE: AtomicU64 = AtomicU64::new(0);
    let hash = |parts: &[&[u8]]| {
        let mut hasher = blake3::Hasher::new();
        for part in parts {
            hasher.update(&(part.len() as u64).to_le_bytes());
            hasher.update(part);
        }
        hasher.finalize().to_hex()[..32].to_owned()
    };
    match client_key {
        Some(value) => {
            let value = value.trim();
            if value.is_empty() || value.len() > MAX_KEY_BYTES {
                return Err(bad_key());
            }
            Ok(format!(
                "chorus-{}",
                hash(&[brand.as_bytes(), value.as_bytes()])
            ))
        }
        None => {
            let sequence = SEQUENCE.fetch_add(1, Ordering::Relaxed);
            Ok(format!(
                "chorus-{}",
                hash(&[
                    app.host_id.as_bytes(),
                    brand.as_bytes(),
                    &conversation.to_le_bytes(),
                    &crate::clock::now().to_le_bytes(),
                    &sequence.to_le_bytes(),
                ])
            ))
        }
    }
}
