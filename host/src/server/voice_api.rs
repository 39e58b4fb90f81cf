//! What the brand's agents taught Chorus: voice examples (the texts they
//! sent after editing a suggestion, with the diff) and the learnt ranking
//! priors per strategy and intent.

use std::sync::Arc;

use axum::Json;
use axum::extract::State;
use axum::http::HeaderMap;
use serde::Serialize;

use super::api::authorize;
use super::app::App;
use super::error::{ApiError, ErrorBody};
use super::extract::ApiPath;
use crate::review::{StrategyPriors, StrategyStat};
use crate::store::{Store, VoiceExample};

/// How many examples the route returns, newest first.
const EXAMPLES_LIMIT: u32 = 200;

/// The brand's voice examples.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct VoiceExampleList {
    /// Newest first.
    pub examples: Vec<VoiceExample>,
}

/// One learnt prior with the counts behind it.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct LearntPrior {
    /// Counts of feedback.
    #[serde(flatten)]
    pub stat: StrategyStat,
    /// The prior the ranking multiplies by (½ = no opinion).
    pub prior: f32,
}

/// The brand's learnt ranking priors.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct LearntPriorList {
    /// One per (strategy, intent) with feedback.
    pub priors: Vec<LearntPrior>,
}

/// `GET /v1/brands/{brand}/voice/examples`.
#[utoipa::path(get, path = "/v1/brands/{brand}/voice/examples", tag = "voice",
    params(("brand" = String, Path, description = "Brand id")),
    security(("bearer" = [])),
    responses((status = 200, body = VoiceExampleList), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn examples<S: Store>(
    State(app): State<Arc<App<S>>>,
    ApiPath(brand): ApiPath<String>,
    headers: HeaderMap,
) -> Result<Json<VoiceExampleList>, ApiError> {
    authorize(&app, &brand, &headers)?;
    Ok(Json(VoiceExampleList {
        examples: app.store.voice_examples(&brand, EXAMPLES_LIMIT).await?,
    }))
}

/// `GET /v1/brands/{brand}/voice/priors`.
#[utoipa::path(get, path = "/v1/brands/{brand}/voice/priors", tag = "voice",
    params(("brand" = String, Path, description = "Brand id")),
    security(("bearer" = [])),
    responses((status = 200, body = LearntPriorList), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn priors<S: Store>(
    State(app): State<Arc<App<S>>>,
    ApiPath(brand): ApiPath<String>,
    headers: HeaderMap,
) -> Result<Json<LearntPriorList>, ApiError> {
    authorize(&app, &brand, &headers)?;
    let stats = app.store.strategy_stats(&brand).await?;
    let priors = StrategyPriors::new(stats.clone());
    Ok(Json(LearntPriorList {
        priors: stats
            .into_iter()
            .map(|stat| LearntPrior {
                prior: priors.prior(&stat.strategy, &stat.intent),
                stat,
            })
            .collect(),
    }))
}
