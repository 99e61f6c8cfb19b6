//! `/api/v1/api-tokens`: tokens for third-party integrations.
//!
//! Permission `api_tokens.manage.token`: scope `own` manages one's own tokens,
//! `company` sees and revokes the company's, `all` every company's. A token is
//! created for the caller and may carry only permissions the caller holds; only its
//! owner rotates it, and creating or rotating needs a session, never an API token.

use std::collections::BTreeMap;

use actix_web::{HttpResponse, delete, get, post, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use validator::Validate;

use super::model;
use super::service::{self, Issued, NewToken};
use crate::app::AppState;
use crate::error::{ApiResult, PROBLEM_JSON, Problem};
use crate::http::{Caller, Page, PageQuery, ValidatedJson};
use crate::platform::rbac::scope::Scope;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_tokens).service(create_token).service(get_token).service(revoke_token).service(rotate_token);
}

/// An API token, without its secret.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ApiTokenOut {
    pub id: Uuid,
    #[schema(example = "SAP connector")]
    pub name: String,
    /// The secret's first characters, to recognise it.
    #[schema(example = "ofx_Xk3p9QaZ")]
    pub prefix: String,
    /// The owner: the token acts as them.
    pub user_id: Uuid,
    pub company_id: Uuid,
    /// What the token may do; narrowed at each request to what the owner still holds.
    #[schema(example = json!({"audit.view.log": "company"}))]
    pub permissions: BTreeMap<String, Scope>,
    pub rate_limit_per_minute: i32,
    pub expires_at: Option<DateTime<Utc>>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub last_used_ip: Option<String>,
    pub revoked_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

impl From<model::Model> for ApiTokenOut {
    fn from(t: model::Model) -> Self {
        Self {
            permissions: service::grants_of(&t),
            id: t.id,
            name: t.name,
            prefix: t.prefix,
            user_id: t.user_id,
            company_id: t.company_id,
            rate_limit_per_minute: t.rate_limit_per_minute,
            expires_at: t.expires_at,
            last_used_at: t.last_used_at,
            last_used_ip: t.last_used_ip,
            revoked_at: t.revoked_at,
            created_at: t.created_at,
        }
    }
}

/// A token with its secret, shown this once.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct IssuedTokenOut {
    #[serde(flatten)]
    pub token: ApiTokenOut,
    /// Send as `Authorization: Bearer <secret>`. Not retrievable later.
    #[schema(example = "ofx_Xk3p9QaZ…")]
    pub secret: String,
}

impl From<Issued> for IssuedTokenOut {
    fn from(issued: Issued) -> Self {
        Self { token: issued.token.into(), secret: issued.secret }
    }
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ApiTokenIn {
    #[validate(length(min = 1, max = 100), custom(function = "crate::http::text::single_line"))]
    #[schema(example = "SAP connector")]
    pub name: String,
    /// `{permission code: scope}`, each held by you at that scope or wider.
    #[schema(example = json!({"audit.view.log": "company"}))]
    pub permissions: BTreeMap<String, Scope>,
    /// Defaults to 90 days from now; at most two years.
    pub expires_at: Option<DateTime<Utc>>,
    /// Defaults to the server's setting (600).
    #[validate(range(min = 1, max = 100_000))]
    pub rate_limit_per_minute: Option<u32>,
}

/// Your tokens (scope `own`), your company's (`company`) or all (`all`), newest first.
/// Permission: `api_tokens.manage.token`.
#[utoipa::path(
    tag = "api-tokens",
    security(("bearer" = [])),
    params(PageQuery),
    responses(
        (status = 200, description = "One page of tokens", body = Page<ApiTokenOut>),
        (status = 400, description = "Invalid `limit` or `cursor`", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `api_tokens.manage.token`", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[get("/api-tokens")]
async fn list_tokens(
    state: web::Data<AppState>,
    caller: Caller,
    page: web::Query<PageQuery>,
) -> ApiResult<web::Json<Page<ApiTokenOut>>> {
    Ok(web::Json(service::list(&state, &caller, &page).await?.map(ApiTokenOut::from)))
}

/// Create a token acting as you. The secret is in the answer, and only there.
/// Permission: `api_tokens.manage.token`; every permission given must be one you hold
/// at that scope or wider (else 403 `privilege_escalation`). Needs a session: an API
/// token cannot create tokens (403 `session_required`).
#[utoipa::path(
    tag = "api-tokens",
    security(("bearer" = [])),
    request_body = ApiTokenIn,
    responses(
        (status = 201, description = "Created; the secret is shown once", body = IssuedTokenOut),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `api_tokens.manage.token`; `privilege_escalation`; `session_required`", body = Problem, content_type = PROBLEM_JSON),
        (status = 413, description = "Body too large", body = Problem, content_type = PROBLEM_JSON),
        (status = 415, description = "Body is not JSON", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Invalid fields, unknown permission, or expiry out of range", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[post("/api-tokens")]
async fn create_token(
    state: web::Data<AppState>,
    caller: Caller,
    body: ValidatedJson<ApiTokenIn>,
) -> ApiResult<HttpResponse> {
    let ApiTokenIn { name, permissions, expires_at, rate_limit_per_minute } = body.into_inner();
    let new = NewToken { name, grants: permissions, expires_at, rate_limit_per_minute };
    let issued = service::create(&state, &caller, new).await?;
    Ok(HttpResponse::Created()
        .insert_header(("Location", format!("/api/v1/api-tokens/{}", issued.token.id)))
        .insert_header(("Cache-Control", "no-store"))
        .json(IssuedTokenOut::from(issued)))
}

/// One token in your reach. Permission: `api_tokens.manage.token`.
#[utoipa::path(
    tag = "api-tokens",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Token id")),
    responses(
        (status = 200, description = "The token", body = ApiTokenOut),
        (status = 400, description = "`id` is not a UUID", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `api_tokens.manage.token`", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such token in your reach", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[get("/api-tokens/{id}")]
async fn get_token(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<ApiTokenOut>> {
    Ok(web::Json(service::get_visible(&state, &caller, id.into_inner()).await?.into()))
}

/// Revoke a token: it answers 401 from the next request on. Idempotent.
/// Permission: `api_tokens.manage.token`.
#[utoipa::path(
    tag = "api-tokens",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Token id")),
    responses(
        (status = 204, description = "Revoked"),
        (status = 400, description = "`id` is not a UUID", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `api_tokens.manage.token`", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such token in your reach", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[delete("/api-tokens/{id}")]
async fn revoke_token(state: web::Data<AppState>, caller: Caller, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    service::revoke(&state, &caller, id.into_inner()).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Replace a token's secret: the old secret stops working at once; name, permissions
/// and expiry stay. The new secret is in the answer, and only there. Only the token's
/// owner, signed in: another's token is 403 `token_owner_only` (revoke it instead), an
/// API token 403 `session_required`. Permission: `api_tokens.manage.token`.
#[utoipa::path(
    tag = "api-tokens",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Token id")),
    responses(
        (status = 200, description = "Rotated; the new secret is shown once", body = IssuedTokenOut),
        (status = 400, description = "`id` is not a UUID", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `api_tokens.manage.token`; `token_owner_only`; `session_required`", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such token in your reach", body = Problem, content_type = PROBLEM_JSON),
        (status = 409, description = "`token_revoked`", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[post("/api-tokens/{id}/rotate")]
async fn rotate_token(state: web::Data<AppState>, caller: Caller, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    let issued = service::rotate(&state, &caller, id.into_inner()).await?;
    Ok(HttpResponse::Ok().insert_header(("Cache-Control", "no-store")).json(IssuedTokenOut::from(issued)))
}
