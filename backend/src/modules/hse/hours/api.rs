//! `/api/v1/hse/hours`: hours worked per site and month, read, saved one by one or
//! imported from a CSV file.

use actix_web::{HttpMessage, HttpRequest, get, post, put, web};
use utoipa_actix_web::service_config::ServiceConfig;

use super::csv_import;
use super::dto::{HoursFilter, HoursImported, HoursIn, HoursOut};
use super::service;
use crate::app::AppState;
use crate::error::{ApiError, ApiResult, PROBLEM_JSON, Problem};
use crate::http::ValidatedJson;
use crate::modules::hse::switch::HseCaller;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_hours).service(save_hours).service(import_hours);
}

/// The company's hours worked per site and month, from `from` to `to` (`YYYY-MM`,
/// the last 12 months by default, 60 at most). Permission: `hse.view.kpi`.
#[utoipa::path(
    tag = "hse",
    security(("bearer" = [])),
    params(HoursFilter),
    responses(
        (status = 200, description = "By month, then site", body = Vec<HoursOut>),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `hse.view.kpi`", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "HSE is off for your company", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "A malformed month or span", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[get("/hse/hours")]
async fn list_hours(
    state: web::Data<AppState>,
    caller: HseCaller,
    filter: web::Query<HoursFilter>,
) -> ApiResult<web::Json<Vec<HoursOut>>> {
    Ok(web::Json(service::list(&state.db, &caller, &filter).await?))
}

/// Save a site's hours for a month, replacing what was saved for it. Audited.
/// Permission: `hse.manage.hours`.
#[utoipa::path(
    tag = "hse",
    security(("bearer" = [])),
    request_body = HoursIn,
    responses(
        (status = 200, description = "Saved", body = HoursOut),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `hse.manage.hours`", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "HSE is off for your company", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Invalid fields, listed in `errors`", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[put("/hse/hours")]
async fn save_hours(
    state: web::Data<AppState>,
    caller: HseCaller,
    body: ValidatedJson<HoursIn>,
) -> ApiResult<web::Json<HoursOut>> {
    Ok(web::Json(service::save(&state, &caller, body.into_inner()).await?))
}

/// Import hours from a CSV file (`Content-Type: text/csv`, UTF-8) with the columns
/// `site,month,employee_hours,contractor_hours` (a site by name or id; `;` and decimal
/// commas accepted), at most 5,000 lines. Every problem is listed by line
/// (`lines[3].month`) and nothing is saved until all lines are right. Permission:
/// `hse.manage.hours`.
#[utoipa::path(
    tag = "hse",
    security(("bearer" = [])),
    request_body(content = String, content_type = "text/csv", example = "site,month,employee_hours,contractor_hours\nPlatform Alpha,2026-11,18250.5,9120\n"),
    responses(
        (status = 200, description = "Imported", body = HoursImported),
        (status = 400, description = "Not UTF-8, or no CSV header", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `hse.manage.hours`", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "HSE is off for your company", body = Problem, content_type = PROBLEM_JSON),
        (status = 413, description = "Body too large", body = Problem, content_type = PROBLEM_JSON),
        (status = 415, description = "Not `text/csv`", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Problems by line, listed in `errors`", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[post("/hse/hours/import")]
async fn import_hours(
    state: web::Data<AppState>,
    caller: HseCaller,
    request: HttpRequest,
    body: web::Bytes,
) -> ApiResult<web::Json<HoursImported>> {
    if request.mime_type().ok().flatten().is_none_or(|m| m.essence_str() != "text/csv") {
        return Err(ApiError::UnsupportedMediaType { detail: "Send the file as text/csv.".into() });
    }
    Ok(web::Json(csv_import::import(&state, &caller, &body).await?))
}
