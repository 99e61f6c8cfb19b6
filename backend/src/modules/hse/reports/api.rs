//! HSE reports: `GET /api/v1/hse/incidents/{id}/pdf`.

use actix_web::{HttpResponse, get, web};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

use super::incident;
use crate::app::AppState;
use crate::error::{ApiResult, PROBLEM_JSON, Problem};
use crate::modules::hse::switch::HseCaller;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(incident_pdf);
}

/// An incident as a PDF, in your language and time zone: its facts, description,
/// people involved, photos, investigation, actions and approval trail, with your
/// company's name and the generation date. Permission: `hse.view.incident` (scope
/// `own`: yours, or assigned to you).
#[utoipa::path(
    tag = "hse",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Incident id")),
    responses(
        (status = 200, description = "The report, `<number>.pdf`", body = Vec<u8>, content_type = "application/pdf"),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `hse.view.incident`", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such incident in your reach, or HSE is off", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[get("/hse/incidents/{id}/pdf")]
async fn incident_pdf(state: web::Data<AppState>, caller: HseCaller, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    let pdf = incident::incident_pdf(&state, &caller, id.into_inner()).await?;
    Ok(HttpResponse::Ok()
        .content_type("application/pdf")
        .insert_header(("Content-Disposition", format!("attachment; filename=\"{}\"", pdf.file_name)))
        .insert_header(("Cache-Control", "no-store"))
        .body(pdf.bytes))
}
