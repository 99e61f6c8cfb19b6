//! `/api/v1/companies`: list, read, create, update, delete tenants.
//!
//! `companies.manage.company`: scope `company` edits one's own company, scope `all`
//! (platform operators) lists, creates and deletes tenants. Any signed-in user may
//! read their own company.

use actix_web::{HttpResponse, delete, get, patch, post, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use validator::{Validate, ValidationError};

use super::model;
use super::service::{self, CompanyChanges, NewCompany};
use crate::app::AppState;
use crate::error::{ApiResult, PROBLEM_JSON, Problem};
use crate::http::{Caller, Page, PageQuery, ValidatedJson};
use crate::platform::i18n::Locale;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_companies)
        .service(create_company)
        .service(get_company)
        .service(update_company)
        .service(delete_company);
}

/// A company (tenant).
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct CompanyOut {
    pub id: Uuid,
    #[schema(example = "Perenco Gabon")]
    pub name: String,
    #[schema(example = "perenco-gabon")]
    pub slug: String,
    pub locale: Locale,
    #[schema(example = "Africa/Libreville")]
    pub time_zone: String,
    pub is_active: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<model::Model> for CompanyOut {
    fn from(m: model::Model) -> Self {
        Self {
            id: m.id,
            name: m.name,
            slug: m.slug,
            locale: Locale::from_stored(&m.locale),
            time_zone: m.time_zone,
            is_active: m.is_active,
            created_at: m.created_at,
            updated_at: m.updated_at,
        }
    }
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CompanyIn {
    #[validate(
        length(min = 1, max = 200),
        custom(function = "not_blank"),
        custom(function = "crate::http::text::single_line")
    )]
    #[schema(example = "Perenco Gabon")]
    pub name: String,
    /// Lowercase letters, digits and dashes; derived from the name when omitted.
    #[validate(custom(function = "valid_slug"))]
    #[schema(example = "perenco-gabon")]
    pub slug: Option<String>,
    #[serde(default)]
    pub locale: Locale,
    /// IANA time zone; defaults to `UTC`.
    #[validate(custom(function = "valid_time_zone"))]
    #[schema(example = "Africa/Libreville")]
    pub time_zone: Option<String>,
    #[serde(default = "yes")]
    pub is_active: bool,
}

/// Only the fields present are changed.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CompanyPatch {
    #[validate(
        length(min = 1, max = 200),
        custom(function = "not_blank"),
        custom(function = "crate::http::text::single_line")
    )]
    pub name: Option<String>,
    #[validate(custom(function = "valid_slug"))]
    pub slug: Option<String>,
    pub locale: Option<Locale>,
    #[validate(custom(function = "valid_time_zone"))]
    pub time_zone: Option<String>,
    pub is_active: Option<bool>,
}

fn yes() -> bool {
    true
}

pub fn not_blank(value: &str) -> Result<(), ValidationError> {
    if value.trim().is_empty() {
        return Err(ValidationError::new("blank").with_message("must not be blank".into()));
    }
    Ok(())
}

fn valid_slug(slug: &str) -> Result<(), ValidationError> {
    let shape_ok = (2..=63).contains(&slug.len())
        && slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !slug.starts_with('-')
        && !slug.ends_with('-')
        && !slug.contains("--");
    if shape_ok {
        Ok(())
    } else {
        Err(ValidationError::new("slug")
            .with_message("must be 2 to 63 lowercase letters, digits or single dashes, not at either end".into()))
    }
}

pub fn valid_time_zone(tz: &str) -> Result<(), ValidationError> {
    tz.parse::<chrono_tz::Tz>().map(|_| ()).map_err(|_| {
        ValidationError::new("time_zone").with_message("must be an IANA time zone, e.g. Europe/Paris".into())
    })
}

/// List companies, newest first.
#[utoipa::path(
    tag = "companies",
    security(("bearer" = [])),
    params(PageQuery),
    responses(
        (status = 200, description = "One page of companies", body = Page<CompanyOut>),
        (status = 400, description = "Invalid `limit` or `cursor`", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `companies.manage.company`", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[get("/companies")]
async fn list_companies(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<PageQuery>,
) -> ApiResult<web::Json<Page<CompanyOut>>> {
    let page = service::list(&state.db, &caller, &query).await?;
    Ok(web::Json(page.map(CompanyOut::from)))
}

/// Create a company.
#[utoipa::path(
    tag = "companies",
    security(("bearer" = [])),
    request_body = CompanyIn,
    responses(
        (status = 201, description = "Created; `Location` points to it", body = CompanyOut),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = PROBLEM_JSON),
        (status = 409, description = "Slug already used (`slug_taken`)", body = Problem, content_type = PROBLEM_JSON),
        (status = 413, description = "Body too large", body = Problem, content_type = PROBLEM_JSON),
        (status = 415, description = "Body is not JSON", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Invalid fields, listed in `errors`", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `companies.manage.company`", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[post("/companies")]
async fn create_company(
    state: web::Data<AppState>,
    caller: Caller,
    body: ValidatedJson<CompanyIn>,
) -> ApiResult<HttpResponse> {
    service::require_all_scope(&caller)?;
    let CompanyIn { name, slug, locale, time_zone, is_active } = body.into_inner();
    let new = NewCompany { name, slug, locale, time_zone: time_zone.unwrap_or_else(|| "UTC".into()), is_active };
    let company = service::create(&state, &caller.actor, new).await?;
    Ok(HttpResponse::Created()
        .insert_header(("Location", format!("/api/v1/companies/{}", company.id)))
        .json(CompanyOut::from(company)))
}

/// Get one company: your own, or any with `companies.manage.company`.
#[utoipa::path(
    tag = "companies",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Company id")),
    responses(
        (status = 200, description = "The company", body = CompanyOut),
        (status = 400, description = "`id` is not a UUID", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such company", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[get("/companies/{id}")]
async fn get_company(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<CompanyOut>> {
    Ok(web::Json(service::get_visible(&state.db, &caller, id.into_inner()).await?.into()))
}

/// Change some fields of a company.
#[utoipa::path(
    tag = "companies",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Company id")),
    request_body = CompanyPatch,
    responses(
        (status = 200, description = "The updated company", body = CompanyOut),
        (status = 400, description = "Malformed JSON or `id` not a UUID", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such company", body = Problem, content_type = PROBLEM_JSON),
        (status = 409, description = "Slug already used (`slug_taken`); suspending the company you are signed in to (`own_company`)", body = Problem, content_type = PROBLEM_JSON),
        (status = 415, description = "Body is not JSON", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Invalid fields, listed in `errors`", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in, or the company is suspended (`company_disabled`)", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `companies.manage.company`; at scope `all` to change `is_active` or `slug`", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[patch("/companies/{id}")]
async fn update_company(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    body: ValidatedJson<CompanyPatch>,
) -> ApiResult<web::Json<CompanyOut>> {
    let CompanyPatch { name, slug, locale, time_zone, is_active } = body.into_inner();
    let changes = CompanyChanges { name, slug, locale, time_zone, is_active };
    Ok(web::Json(service::update(&state, &caller, id.into_inner(), changes).await?.into()))
}

/// Delete a company (soft delete: the row is kept, hidden, and its slug freed).
#[utoipa::path(
    tag = "companies",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Company id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 400, description = "`id` is not a UUID", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such company", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `companies.manage.company`", body = Problem, content_type = PROBLEM_JSON),
        (status = 409, description = "`own_company`: the company you are signed in to", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[delete("/companies/{id}")]
async fn delete_company(state: web::Data<AppState>, caller: Caller, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    service::delete(&state, &caller, id.into_inner()).await?;
    Ok(HttpResponse::NoContent().finish())
}
