//! What an agent does to a conversation from its page: resolve it, assign
//! it, label it, leave a note. Each is a form POST with the session's CSRF
//! token, answered by the conversation's page again, and each change is
//! published to the brand's live pages.

use std::sync::Arc;

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::{Agent, CsrfOnly, check_csrf, required};
use crate::server::app::App;
use crate::server::error::ApiError;
use crate::server::extract::{ApiForm, ApiPath};
use crate::store::{Store, StoreError};

/// Most characters of a label.
const MAX_LABEL_CHARS: usize = 40;

/// Most characters of a note.
const MAX_NOTE_CHARS: usize = 4_000;

/// The signed-in agent behind a form's POST, its CSRF token checked.
pub(super) async fn poster<'a, S: Store>(
    app: &'a App<S>,
    headers: &HeaderMap,
    csrf: &str,
) -> Result<Agent<'a>, Response> {
    let agent = required(app, headers).await?;
    check_csrf(&agent, csrf).map_err(IntoResponse::into_response)?;
    Ok(agent)
}

/// Back to conversation `id` once `done` changed it (live pages are told,
/// as `kind`); a 404 saying `missing` when it found nothing to change.
fn changed<S>(
    app: &App<S>,
    agent: &Agent<'_>,
    id: i64,
    kind: &'static str,
    done: Result<bool, StoreError>,
    missing: &str,
) -> Response {
    match done {
        Ok(true) => {
            app.inbox.publish(&agent.session.brand, id, kind);
            Redirect::to(&format!("/inbox/conversations/{id}")).into_response()
        }
        Ok(false) => ApiError::not_found(missing.to_owned()).into_response(),
        Err(error) => ApiError::from(error).into_response(),
    }
}

/// `POST /inbox/conversations/{id}/resolve`.
pub(super) async fn resolve<S: Store>(
    State(app): State<Arc<App<S>>>,
    ApiPath(id): ApiPath<i64>,
    headers: HeaderMap,
    ApiForm(form): ApiForm<CsrfOnly>,
) -> Response {
    let agent = match poster(&app, &headers, &form.csrf).await {
        Ok(agent) => agent,
        Err(response) => return response,
    };
    let done = app
        .store
        .resolve(&agent.session.brand, id, crate::clock::now())
        .await;
    changed(
        &app,
        &agent,
        id,
        "resolved",
        done,
        &format!("no conversation {id}"),
    )
}

/// The assign form: an agent's id, `me`, or empty for no one.
#[derive(Debug, Deserialize)]
pub(super) struct AssignForm {
    csrf: String,
    agent: String,
}

/// `POST /inbox/conversations/{id}/assign`.
pub(super) async fn assign<S: Store>(
    State(app): State<Arc<App<S>>>,
    ApiPath(id): ApiPath<i64>,
    headers: HeaderMap,
    ApiForm(form): ApiForm<AssignForm>,
) -> Response {
    let agent = match poster(&app, &headers, &form.csrf).await {
        Ok(agent) => agent,
        Err(response) => return response,
    };
    let to = match form.agent.trim() {
        "" => None,
        "me" => Some(agent.session.agent_id),
        other => match other.parse() {
            Ok(colleague) => Some(colleague),
            Err(_) => {
                return ApiError::bad_request(format!("agent {other:?} is not an id"))
                    .into_response();
            }
        },
    };
    let done = app.store.assign(&agent.session.brand, id, to).await;
    let missing = format!("no conversation {id} or no such agent");
    changed(&app, &agent, id, "assigned", done, &missing)
}

/// The label form.
#[derive(Debug, Deserialize)]
pub(super) struct LabelForm {
    csrf: String,
    label: String,
}

/// `POST /inbox/conversations/{id}/labels`: a label, lower-cased, of
/// letters, digits and dashes (spaces become dashes).
pub(super) async fn label<S: Store>(
    State(app): State<Arc<App<S>>>,
    ApiPath(id): ApiPath<i64>,
    headers: HeaderMap,
    ApiForm(form): ApiForm<LabelForm>,
) -> Response {
    let agent = match poster(&app, &headers, &form.csrf).await {
        Ok(agent) => agent,
        Err(response) => return response,
    };
    let label = form
        .label
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join("-");
    let valid = (1..=MAX_LABEL_CHARS).contains(&label.chars().count())
        && label.chars().all(|c| c.is_alphanumeric() || c == '-');
    if !valid {
        return ApiError::bad_request(format!(
            "a label is 1-{MAX_LABEL_CHARS} letters, digits or dashes"
        ))
        .into_response();
    }
    let done = app.store.add_label(&agent.session.brand, id, &label).await;
    changed(
        &app,
        &agent,
        id,
        "labelled",
        done,
        &format!("no conversation {id}"),
    )
}

/// The note form.
#[derive(Debug, Deserialize)]
pub(super) struct NoteForm {
    csrf: String,
    text: String,
}

/// `POST /inbox/conversations/{id}/notes`: a note for colleagues, never
/// sent to the customer.
pub(super) async fn note<S: Store>(
    State(app): State<Arc<App<S>>>,
    ApiPath(id): ApiPath<i64>,
    headers: HeaderMap,
    ApiForm(form): ApiForm<NoteForm>,
) -> Response {
    let agent = match poster(&app, &headers, &form.csrf).await {
        Ok(agent) => agent,
        Err(response) => return response,
    };
    let text = form.text.trim();
    if text.is_empty() || text.chars().count() > MAX_NOTE_CHARS {
        return ApiError::bad_request(format!("a note is 1-{MAX_NOTE_CHARS} characters"))
            .into_response();
    }
    let session = &agent.session;
    let done = app
        .store
        .add_note(
            &session.brand,
            id,
            session.agent_id,
            text,
            crate::clock::now(),
        )
        .await;
    changed(
        &app,
        &agent,
        id,
        "noted",
        done,
        &format!("no conversation {id}"),
    )
}
