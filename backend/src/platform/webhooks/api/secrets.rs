//! `/api/v1/webhooks/secrets`: the company's secrets for webhook headers, by name;
//! values go in and never come out. Permission: `webhooks.manage.endpoint`.

use actix_web::{HttpResponse, delete, get, put, web};
use serde::Deserialize;
use utoipa::ToSchema;
use validator::Validate;

use super::super::vault::{self, SecretOut};
use crate::app::AppState;
use crate::error::{ApiResult, PROBLEM_JSON, Problem};
use crate::http::{Caller, ValidatedJson};

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SecretIn {
    /// The value; written into the headers that name the secret, never shown back.
    #[validate(length(min = 1, max = 4096))]
    pub value: String,
}

/// Your company's secrets (names and dates, never values).
#[utoipa::path(
    tag = "webhooks",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The secrets", body = Vec<SecretOut>),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `webhooks.manage.endpoint`", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[get("/webhooks/secrets")]
pub(super) async fn list_secrets(state: web::Data<AppState>, caller: Caller) -> ApiResult<web::Json<Vec<SecretOut>>> {
    Ok(web::Json(vault::list(&state, &caller).await?))
}

/// Set a secret; endpoint headers name it as `{NAME}` (`Authorization: Bearer
/// {ERP_API_KEY}`). A new value replaces the old at the next request. Audited, without
/// its value.
#[utoipa::path(
    tag = "webhooks",
    security(("bearer" = [])),
    params(("name" = String, Path, description = "Upper case, digits and `_`, e.g. `ERP_API_KEY`")),
    request_body = SecretIn,
    responses(
        (status = 201, description = "Created", body = SecretOut),
        (status = 200, description = "Replaced", body = SecretOut),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `webhooks.manage.endpoint`", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Invalid name or value", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[put("/webhooks/secrets/{name}")]
pub(super) async fn set_secret(
    state: web::Data<AppState>,
    caller: Caller,
    name: web::Path<String>,
    body: ValidatedJson<SecretIn>,
) -> ApiResult<HttpResponse> {
    let (saved, created) = vault::set(&state, &caller, &name, &body.into_inner().value).await?;
    Ok(if created { HttpResponse::Created() } else { HttpResponse::Ok() }.json(saved))
}

/// Delete a secret no endpoint names any more. Audited.
#[utoipa::path(
    tag = "webhooks",
    security(("bearer" = [])),
    params(("name" = String, Path, description = "The secret's name")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `webhooks.manage.endpoint`", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such secret", body = Problem, content_type = PROBLEM_JSON),
        (status = 409, description = "`secret_in_use`: an endpoint's headers name it", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[delete("/webhooks/secrets/{name}")]
pub(super) async fn delete_secret(
    state: web::Data<AppState>,
    caller: Caller,
    name: web::Path<String>,
) -> ApiResult<HttpResponse> {
    vault::delete(&state, &caller, &name).await?;
    Ok(HttpResponse::NoContent().finish())
}
