//! `GET /api/v1/hse/kpis`: the HSE dashboard's figures.

use actix_web::{get, web};
use utoipa_actix_web::service_config::ServiceConfig;

use super::dto::{KpiQuery, Kpis};
use super::service;
use crate::app::AppState;
use crate::error::{ApiResult, PROBLEM_JSON, Problem};
use crate::modules::hse::switch::HseCaller;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(get_kpis);
}

/// HSE indicators over a period (months `from` to `to`, the last 12 by default) and
/// optionally a site: incidents by month, severity, type, status and site; open and
/// overdue actions; TRIR, DART and severity rate per 200,000 hours, LTIF and TRIFR per
/// 1,000,000, for employees, contractors and both. Permission: `hse.view.kpi` (scope
/// `own`: the incidents you reported or are assigned, the actions you own).
#[utoipa::path(
    tag = "hse",
    security(("bearer" = [])),
    params(KpiQuery),
    responses(
        (status = 200, description = "The indicators", body = Kpis),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `hse.view.kpi`", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "HSE is off for your company", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "A malformed month or span", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[get("/hse/kpis")]
async fn get_kpis(
    state: web::Data<AppState>,
    caller: HseCaller,
    query: web::Query<KpiQuery>,
) -> ApiResult<web::Json<Kpis>> {
    Ok(web::Json(service::compute(&state, &caller, &query).await?))
}
