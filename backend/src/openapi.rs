//! The OpenAPI document: the contract for the web and mobile clients and third parties.

use actix_web::App;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_actix_web::AppExt;

use crate::error::{FieldError, Problem};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "OpsFlux API",
        description = "Operations platform for offshore and industrial sites.\n\n\
            Errors are RFC 9457 `application/problem+json` documents with a stable `code`. \
            Lists use cursor pagination: pass `next_cursor` back as `cursor`.",
        license(name = "Apache-2.0", identifier = "Apache-2.0"),
    ),
    tags(
        (name = "health", description = "Probes for orchestrators"),
        (name = "auth", description = "Sign-in, second factors, sessions, passwords"),
        (name = "companies", description = "Tenants"),
        (name = "users", description = "People, invitations, profiles"),
        (name = "access", description = "Permissions, roles, groups, grants"),
        (name = "api-tokens", description = "Tokens for third-party integrations"),
        (name = "audit", description = "The tamper-evident audit trail"),
        (name = "emails", description = "The email queue: what was sent, every try, resending; templates and their preview"),
        (name = "messages", description = "SMS and push messages: what was sent, every try, resending"),
        (name = "devices", description = "Your devices for push notifications"),
        (name = "webhooks", description = "Signed outgoing webhooks (Standard Webhooks): endpoints, deliveries, replays"),
    ),
    components(schemas(Problem, FieldError)),
    modifiers(&BearerAuth)
)]
pub struct ApiDoc;

/// `bearer`: the access token from `/api/v1/auth/login`, or an API token (`ofx_…`).
struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// The whole document, collected from the same route table the server uses.
pub fn document() -> utoipa::openapi::OpenApi {
    let (_, mut doc) = crate::app::routes(App::new().into_utoipa_app()).split_for_parts();
    doc.info.version = env!("CARGO_PKG_VERSION").to_owned();
    doc
}

/// Pretty JSON with a trailing newline, as committed in `openapi/openapi.json`.
pub fn to_json() -> String {
    let mut json = document().to_pretty_json().unwrap_or_default();
    json.push('\n');
    json
}
