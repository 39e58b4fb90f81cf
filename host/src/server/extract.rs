//! Extractors whose rejections are the API's JSON errors, not axum's plain
//! text.

use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

use super::error::ApiError;

/// [`Path`], refusing a segment that does not parse (an id that is not a
/// number, bad percent-encoding) with a JSON `400`.
#[derive(Debug)]
pub struct ApiPath<T>(pub T);

impl<S, T> FromRequestParts<S> for ApiPath<T>
where
    T: DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match Path::<T>::from_request_parts(parts, state).await {
            Ok(Path(value)) => Ok(Self(value)),
            Err(rejection) => Err(ApiError::rejected(
                rejection.status(),
                rejection.body_text(),
            )),
        }
    }
}

/// [`Form`](axum::extract::Form), refusing a body that does not parse (a
/// missing field, bad encoding) with a JSON `4xx`, as every route does.
#[derive(Debug)]
pub struct ApiForm<T>(pub T);

impl<S, T> axum::extract::FromRequest<S> for ApiForm<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(
        request: axum::extract::Request,
        state: &S,
    ) -> Result<Self, Self::Rejection> {
        match axum::extract::Form::<T>::from_request(request, state).await {
            Ok(axum::extract::Form(value)) => Ok(Self(value)),
            Err(rejection) => Err(ApiError::rejected(
                rejection.status(),
                rejection.body_text(),
            )),
        }
    }
}

/// [`Query`](axum::extract::Query), refusing a query string that does not
/// parse with a JSON `400`.
#[derive(Debug)]
pub struct ApiQuery<T>(pub T);

impl<S, T> FromRequestParts<S> for ApiQuery<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match axum::extract::Query::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Query(value)) => Ok(Self(value)),
            Err(rejection) => Err(ApiError::rejected(
                rejection.status(),
                rejection.body_text(),
            )),
        }
    }
}
