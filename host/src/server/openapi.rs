//! The OpenAPI description of every route, served at `GET /openapi.json`.

use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::{Modify, OpenApi};

use super::{api, intake, plugins_api, reload, replies_api, voice_api};

/// The API document.
#[derive(Debug, OpenApi)]
#[openapi(
    info(title = "Chorus", description = "Webhook intake, inbox and feedback API of the Chorus host."),
    paths(
        intake::webhook,
        api::inbox,
        api::conversation,
        replies_api::reply,
        api::resolve,
        api::feedback,
        api::link_customers,
        voice_api::examples,
        voice_api::priors,
        api::dead_letters,
        api::replay,
        plugins_api::list,
        plugins_api::reset,
        reload::admin,
        api::healthz,
        api::readyz,
        api::metrics,
    ),
    modifiers(&BearerAuth),
)]
pub struct ApiDoc;

/// Declares the `bearer` security scheme (brand API keys, the admin key).
#[derive(Debug)]
struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)),
        );
    }
}

/// `GET /openapi.json`.
pub async fn document() -> axum::Json<utoipa::openapi::OpenApi> {
    axum::Json(ApiDoc::openapi())
}
