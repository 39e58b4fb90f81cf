//! The agent inbox at `/inbox`: pages rendered on the server (`pages`),
//! a small script of our own (`assets/inbox.js`, no CDN, no build step) and
//! Server-Sent Events for live updates (`events`).
//!
//! ```text
//! GET  /inbox/login, POST /inbox/login, POST /inbox/logout
//! GET  /inbox                         the queue, by SLA due time, with filters and counts
//! GET  /inbox/rows                    the queue's rows alone (refreshed on events)
//! GET  /inbox/events                  Server-Sent Events: the brand's inbox changed
//! GET  /inbox/conversations/{id}      a conversation: thread, customer, triage, suggestions
//! GET  /inbox/conversations/{id}/replies  its replies alone (refreshed on events)
//! POST /inbox/conversations/{id}/send     send a reply (through the outbox)
//! POST /inbox/conversations/{id}/resolve
//! POST /inbox/conversations/{id}/assign   to an agent of the brand, or no one
//! POST /inbox/conversations/{id}/labels   put a label on it
//! POST /inbox/conversations/{id}/notes    a note for colleagues
//! POST /inbox/lint                    the brand's voice linter on a draft
//! GET  /inbox/assets/{file}
//! ```
//!
//! Agents sign in per brand (`chorus agent add`), with Argon2id password
//! hashes and sign-ins limited per account and per address. The session
//! cookie is `HttpOnly`, `SameSite=Strict`, scoped to `/inbox`, and
//! `Secure` behind a TLS proxy (`X-Forwarded-Proto: https`); every POST
//! carries the session's CSRF token. A session sees its own brand only.

mod actions;
pub mod auth;
mod events;
mod pages;

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Instant;

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use futures_util::Stream;
use serde::Deserialize;

pub use auth::SignInLimiter;
pub use events::{InboxChange, InboxEvents};

use super::app::{App, BrandState};
use super::error::ApiError;
use super::extract::{ApiForm, ApiPath, ApiQuery};
use super::replies_api::{self, ReplyRequest};
use crate::store::{AgentSession, Assignee, InboxFilter, NewSession, Page, Store, from_word};

/// The session cookie's name.
const COOKIE: &str = "chorus_inbox";

/// How long a session lasts: a working day and a half.
const SESSION_MS: i64 = 12 * 60 * 60 * 1000;

/// The inbox's routes.
pub fn routes<S: Store>() -> Router<Arc<App<S>>> {
    Router::new()
        .route("/inbox", get(queue::<S>))
        .route("/inbox/login", get(login_page).post(login::<S>))
        .route("/inbox/logout", post(logout::<S>))
        .route("/inbox/rows", get(rows::<S>))
        .route("/inbox/events", get(events::<S>))
        .route("/inbox/conversations/{id}", get(conversation::<S>))
        .route("/inbox/conversations/{id}/replies", get(replies::<S>))
        .route("/inbox/conversations/{id}/send", post(send::<S>))
        .route(
            "/inbox/conversations/{id}/resolve",
            post(actions::resolve::<S>),
        )
        .route(
            "/inbox/conversations/{id}/assign",
            post(actions::assign::<S>),
        )
        .route(
            "/inbox/conversations/{id}/labels",
            post(actions::label::<S>),
        )
        .route("/inbox/conversations/{id}/notes", post(actions::note::<S>))
        .route("/inbox/lint", post(lint::<S>))
        .route("/inbox/assets/{file}", get(asset))
}

/// A signed-in agent and their brand.
pub(super) struct Agent<'a> {
    session: AgentSession,
    state: &'a BrandState,
}

/// The session token in the request's cookie, if any.
fn cookie_token(headers: &HeaderMap) -> Option<&str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|pair| pair.trim().strip_prefix(COOKIE)?.strip_prefix('='))
        .filter(|token| !token.is_empty())
}

/// The signed-in agent, or `None` (no cookie, an unknown or expired
/// session, a brand no longer served).
async fn agent<'a, S: Store>(
    app: &'a App<S>,
    headers: &HeaderMap,
) -> Result<Option<Agent<'a>>, ApiError> {
    let Some(token) = cookie_token(headers) else {
        return Ok(None);
    };
    let Some(session) = app
        .store
        .session(&auth::token_hash(token), crate::clock::now())
        .await?
    else {
        return Ok(None);
    };
    Ok(app
        .brands
        .get(&session.brand)
        .map(|state| Agent { session, state }))
}

/// The signed-in agent, or the response that sends them to sign in.
pub(super) async fn required<'a, S: Store>(
    app: &'a App<S>,
    headers: &HeaderMap,
) -> Result<Agent<'a>, Response> {
    match agent(app, headers).await {
        Ok(Some(agent)) => Ok(agent),
        Ok(None) => Err(Redirect::to("/inbox/login").into_response()),
        Err(error) => Err(error.into_response()),
    }
}

/// Refuses a POST whose CSRF token is not the session's.
pub(super) fn check_csrf(agent: &Agent<'_>, given: &str) -> Result<(), ApiError> {
    if auth::same(given, &agent.session.csrf) {
        Ok(())
    } else {
        Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "csrf",
            "the form's CSRF token is not this session's; reload the page",
        ))
    }
}

/// `GET /inbox/login`.
async fn login_page() -> Response {
    pages::login(None, "", "").into_response()
}

/// The sign-in form.
#[derive(Debug, Deserialize)]
struct SignIn {
    brand: String,
    email: String,
    password: String,
}

/// `POST /inbox/login`: a session cookie and the queue, or the form again
/// with why (the same words for an unknown account and a wrong password).
async fn login<S: Store>(
    State(app): State<Arc<App<S>>>,
    headers: HeaderMap,
    ApiForm(form): ApiForm<SignIn>,
) -> Response {
    let now = Instant::now();
    let email = form.email.trim().to_lowercase();
    let brand = form.brand.trim();
    let account = format!("{brand}/{email}");
    let address = client_address(&headers);
    let again = |status: StatusCode, why: &str| {
        (status, pages::login(Some(why), brand, &email)).into_response()
    };
    if !app.sign_ins.allows(&account, now) || !app.sign_ins.allows(&address, now) {
        return again(
            StatusCode::TOO_MANY_REQUESTS,
            "Too many failed sign-ins. Wait a minute and try again.",
        );
    }
    let found = match app.store.agent_login(brand, &email).await {
        Ok(found) => found.filter(|_| app.brands.contains_key(brand)),
        Err(error) => return ApiError::from(error).into_response(),
    };
    let Some(found) = found.filter(|a| auth::verify_password(&a.password_hash, &form.password))
    else {
        app.sign_ins.failed(&account, now);
        app.sign_ins.failed(&address, now);
        return again(
            StatusCode::UNAUTHORIZED,
            "That brand, email and password do not match an agent.",
        );
    };
    let token = auth::random_token();
    let opened = crate::clock::now();
    let session = NewSession {
        token_hash: auth::token_hash(&token),
        agent_id: found.id,
        csrf: auth::random_token(),
        now: opened,
        expires_at: opened + SESSION_MS,
    };
    if let Err(error) = app.store.open_session(&session).await {
        return ApiError::from(error).into_response();
    }
    let cookie = format!(
        "{COOKIE}={token}; Path=/inbox; HttpOnly; SameSite=Strict; Max-Age={}{}",
        SESSION_MS / 1000,
        secure(&headers)
    );
    with_cookie(Redirect::to("/inbox").into_response(), &cookie)
}

/// `POST /inbox/logout`.
async fn logout<S: Store>(
    State(app): State<Arc<App<S>>>,
    headers: HeaderMap,
    ApiForm(form): ApiForm<CsrfOnly>,
) -> Response {
    if let Err(response) = actions::poster(&app, &headers, &form.csrf).await {
        return response;
    }
    if let Some(token) = cookie_token(&headers)
        && let Err(error) = app
            .store
            .end_session(&auth::token_hash(token), crate::clock::now())
            .await
    {
        return ApiError::from(error).into_response();
    }
    let cookie = format!(
        "{COOKIE}=; Path=/inbox; HttpOnly; SameSite=Strict; Max-Age=0{}",
        secure(&headers)
    );
    with_cookie(Redirect::to("/inbox/login").into_response(), &cookie)
}

/// A form that carries only its CSRF token.
#[derive(Debug, Deserialize)]
pub(super) struct CsrfOnly {
    csrf: String,
}

/// `; Secure` when the client reached us over TLS (through a proxy).
fn secure(headers: &HeaderMap) -> &'static str {
    let tls = headers
        .get("x-forwarded-proto")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|p| p.eq_ignore_ascii_case("https"));
    if tls { "; Secure" } else { "" }
}

/// The client's address as the proxy says (`X-Forwarded-For`), else a
/// single key for direct clients.
fn client_address(headers: &HeaderMap) -> String {
    let forwarded = headers
        .get("x-forwarded-for")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(',').next())
        .map(str::trim)
        .unwrap_or("direct");
    format!("address/{forwarded}")
}

fn with_cookie(mut response: Response, cookie: &str) -> Response {
    if let Ok(value) = HeaderValue::from_str(cookie) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

/// The queue's filters, from the query string.
#[derive(Debug, Default, Deserialize)]
struct QueueFilter {
    status: Option<String>,
    priority: Option<String>,
    route: Option<String>,
    channel: Option<String>,
    label: Option<String>,
    /// `me`, `none`, or an agent's id.
    assignee: Option<String>,
}

impl QueueFilter {
    /// As the store's filter, for the agent `me`; a value that does not
    /// parse filters nothing.
    fn to_store(&self, me: i64) -> InboxFilter {
        let parse = |value: &Option<String>| value.clone().filter(|v| !v.is_empty());
        InboxFilter {
            status: Some(
                self.status
                    .clone()
                    .filter(|s| !s.is_empty())
                    .unwrap_or_else(|| "open".to_owned()),
            ),
            priority: from_word(parse(&self.priority)),
            route: from_word(parse(&self.route)),
            channel: self.channel.clone().filter(|c| !c.is_empty()),
            label: self.label.clone().filter(|l| !l.is_empty()),
            assignee: match self.assignee.as_deref() {
                Some("me") => Some(Assignee::Agent(me)),
                Some("none") => Some(Assignee::Nobody),
                Some(id) => id.parse().ok().map(Assignee::Agent),
                None => None,
            },
        }
    }
}

/// The brand's conversations the filter selects, and those of the same
/// status, for the counts.
async fn queue_data<S: Store>(
    app: &App<S>,
    session: &AgentSession,
    filter: &QueueFilter,
) -> Result<pages::Queue, ApiError> {
    let now = crate::clock::now();
    let brand = &session.brand;
    let selected = filter.to_store(session.agent_id);
    let all = InboxFilter {
        status: selected.status.clone(),
        ..InboxFilter::default()
    };
    let page = Page::default();
    let shown = app.store.inbox(brand, &selected, &page, now).await?.items;
    let every = app.store.inbox(brand, &all, &page, now).await?.items;
    Ok(pages::Queue::new(
        shown,
        &every,
        selected,
        session.agent_id,
        now,
    ))
}

/// `GET /inbox`.
async fn queue<S: Store>(
    State(app): State<Arc<App<S>>>,
    headers: HeaderMap,
    ApiQuery(filter): ApiQuery<QueueFilter>,
) -> Response {
    render_queue(&app, &headers, &filter, |agent, queue| {
        pages::queue(&agent.session, &agent.state.brand.info.name, queue)
    })
    .await
}

/// `GET /inbox/rows`: the queue's rows and counts, for a live refresh.
async fn rows<S: Store>(
    State(app): State<Arc<App<S>>>,
    headers: HeaderMap,
    ApiQuery(filter): ApiQuery<QueueFilter>,
) -> Response {
    render_queue(&app, &headers, &filter, |_, queue| pages::queue_body(queue)).await
}

/// The signed-in agent's queue, as `render` draws it.
async fn render_queue<S: Store>(
    app: &App<S>,
    headers: &HeaderMap,
    filter: &QueueFilter,
    render: impl FnOnce(&Agent<'_>, &pages::Queue) -> maud::Markup,
) -> Response {
    let agent = match required(app, headers).await {
        Ok(agent) => agent,
        Err(response) => return response,
    };
    match queue_data(app, &agent.session, filter).await {
        Ok(queue) => render(&agent, &queue).into_response(),
        Err(error) => error.into_response(),
    }
}

/// `GET /inbox/events`: an event named after each change of the agent's
/// brand's inbox (`message`, `reply`, `resolved`), with the conversation
/// id as its data; a page that fell behind gets `refresh`.
async fn events<S: Store>(
    State(app): State<Arc<App<S>>>,
    headers: HeaderMap,
) -> Result<Sse<impl Stream<Item = Result<Event, Infallible>>>, Response> {
    let agent = required(&app, &headers).await?;
    let brand: Arc<str> = agent.session.brand.into();
    let mut changes = app.inbox.subscribe();
    let stream = async_stream(move |yield_event| async move {
        loop {
            let event = match changes.recv().await {
                Ok(change) if change.brand == brand => Event::default()
                    .event(change.kind)
                    .data(change.conversation.to_string()),
                Ok(_) => continue,
                Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => {
                    Event::default().event("refresh").data("")
                }
                Err(tokio::sync::broadcast::error::RecvError::Closed) => return,
            };
            if !yield_event(event).await {
                return;
            }
        }
    });
    Ok(Sse::new(stream).keep_alive(KeepAlive::default()))
}

/// A stream fed by an async producer through a channel: `produce` gets a
/// function that sends one event and says whether anyone still listens.
fn async_stream<F, Fut>(produce: F) -> impl Stream<Item = Result<Event, Infallible>>
where
    F: FnOnce(
        Box<dyn Fn(Event) -> futures_util::future::BoxFuture<'static, bool> + Send + Sync>,
    ) -> Fut,
    Fut: std::future::Future<Output = ()> + Send + 'static,
{
    let (sender, receiver) = tokio::sync::mpsc::channel::<Event>(16);
    let send = Box::new(move |event: Event| {
        let sender = sender.clone();
        Box::pin(async move { sender.send(event).await.is_ok() })
            as futures_util::future::BoxFuture<'static, bool>
    });
    tokio::spawn(produce(send));
    futures_util::stream::unfold(receiver, |mut receiver| async move {
        receiver.recv().await.map(|event| (Ok(event), receiver))
    })
}

/// `GET /inbox/conversations/{id}`.
async fn conversation<S: Store>(
    State(app): State<Arc<App<S>>>,
    ApiPath(id): ApiPath<i64>,
    headers: HeaderMap,
) -> Response {
    let agent = match required(&app, &headers).await {
        Ok(agent) => agent,
        Err(response) => return response,
    };
    let brand = &agent.session.brand;
    let detail = match app.store.conversation(brand, id, crate::clock::now()).await {
        Ok(Some(detail)) => detail,
        Ok(None) => return ApiError::not_found(format!("no conversation {id}")).into_response(),
        Err(error) => return ApiError::from(error).into_response(),
    };
    let limit = agent
        .state
        .channels
        .get(&detail.summary.channel)
        .map(|c| c.running().plugin.info().channel_limits().max_reply_length);
    let colleagues = match app.store.colleagues(brand).await {
        Ok(colleagues) => colleagues,
        Err(error) => return ApiError::from(error).into_response(),
    };
    let view = pages::ConversationView {
        session: &agent.session,
        brand: &agent.state.brand.info.name,
        detail: &detail,
        colleagues: &colleagues,
        max_length: limit,
        form_key: &auth::random_token(),
        vip: detail
            .messages
            .last()
            .is_some_and(|m| agent.state.brand.is_vip(&m.message)),
    };
    pages::conversation(&view).into_response()
}

/// `GET /inbox/conversations/{id}/replies`.
async fn replies<S: Store>(
    State(app): State<Arc<App<S>>>,
    ApiPath(id): ApiPath<i64>,
    headers: HeaderMap,
) -> Response {
    let agent = match required(&app, &headers).await {
        Ok(agent) => agent,
        Err(response) => return response,
    };
    match app
        .store
        .conversation(&agent.session.brand, id, crate::clock::now())
        .await
    {
        Ok(Some(detail)) => pages::replies(&detail).into_response(),
        Ok(None) => ApiError::not_found(format!("no conversation {id}")).into_response(),
        Err(error) => ApiError::from(error).into_response(),
    }
}

/// The send form.
#[derive(Debug, Deserialize)]
struct SendForm {
    csrf: String,
    /// Made when the page was rendered: a double submit queues one reply.
    key: String,
    #[serde(default)]
    suggestion_id: String,
    text: String,
}

/// `POST /inbox/conversations/{id}/send`: queues the reply and shows the
/// conversation again, or the gate's refusal.
async fn send<S: Store>(
    State(app): State<Arc<App<S>>>,
    ApiPath(id): ApiPath<i64>,
    headers: HeaderMap,
    ApiForm(form): ApiForm<SendForm>,
) -> Response {
    let agent = match actions::poster(&app, &headers, &form.csrf).await {
        Ok(agent) => agent,
        Err(response) => return response,
    };
    let request = ReplyRequest {
        suggestion_id: form.suggestion_id.trim().parse().ok(),
        text: Some(form.text),
    };
    let key = match replies_api::idempotency_key(&app, &agent.session.brand, id, Some(&form.key)) {
        Ok(key) => key,
        Err(error) => return error.into_response(),
    };
    match replies_api::queue(&app, agent.state, id, &request, key).await {
        Ok(_) => Redirect::to(&format!("/inbox/conversations/{id}")).into_response(),
        Err(error) => error.into_response(),
    }
}

/// A draft to lint.
#[derive(Debug, Deserialize)]
struct Draft {
    conversation: i64,
    text: String,
}

/// `POST /inbox/lint` (JSON, `X-CSRF-Token`): the brand's voice linter on
/// a draft, as the gate will see it, with the channel's length limit.
async fn lint<S: Store>(
    State(app): State<Arc<App<S>>>,
    headers: HeaderMap,
    draft: Result<axum::Json<Draft>, axum::extract::rejection::JsonRejection>,
) -> Response {
    let agent = match required(&app, &headers).await {
        Ok(agent) => agent,
        Err(response) => return response,
    };
    let given = headers
        .get("x-csrf-token")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    if let Err(error) = check_csrf(&agent, given) {
        return error.into_response();
    }
    let axum::Json(draft) = match draft {
        Ok(draft) => draft,
        Err(rejection) => return ApiError::bad_request(rejection.body_text()).into_response(),
    };
    let brand = &agent.session.brand;
    let detail = match app
        .store
        .conversation(brand, draft.conversation, crate::clock::now())
        .await
    {
        Ok(Some(detail)) => detail,
        Ok(None) => {
            return ApiError::not_found(format!("no conversation {}", draft.conversation))
                .into_response();
        }
        Err(error) => return ApiError::from(error).into_response(),
    };
    let (_, target, _) = match replies_api::target(agent.state, &detail) {
        Ok(found) => found,
        Err(error) => return error.into_response(),
    };
    let profile = &agent.state.brand.voice;
    let violations = chorus_voice::lint(
        profile,
        &draft.text,
        &crate::review::voice_target(&target, &draft.text),
    );
    axum::Json(serde_json::json!({
        "length": draft.text.chars().count(),
        "max_length": target.max_length,
        "violations": violations.iter().map(|v| serde_json::json!({
            "rule": v.rule.to_string(),
            "severity": if v.severity == chorus_voice::Severity::Hard { "hard" } else { "soft" },
            "message": v.message,
        })).collect::<Vec<_>>(),
    }))
    .into_response()
}

/// `GET /inbox/assets/{file}`: the inbox's script and style sheet,
/// compiled into the binary.
async fn asset(ApiPath(file): ApiPath<String>) -> Response {
    let (body, kind) = match file.as_str() {
        "inbox.js" => (
            include_str!("assets/inbox.js"),
            "text/javascript; charset=utf-8",
        ),
        "inbox.css" => (include_str!("assets/inbox.css"), "text/css; charset=utf-8"),
        _ => return ApiError::not_found(format!("no asset {file}")).into_response(),
    };
    (
        [
            (header::CONTENT_TYPE, kind),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        body,
    )
        .into_response()
}
