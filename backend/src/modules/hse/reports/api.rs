//! HSE reports: `GET /api/v1/hse/incidents/{id}/pdf`, and `POST /api/v1/hse/reports`
//! for an export made by a task.

use actix_web::{HttpResponse, get, post, web};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

use super::export::{self, ReportIn};
use super::incident;
use crate::app::AppState;
use crate::error::{ApiResult, PROBLEM_JSON, Problem};
use crate::http::ValidatedJson;
use crate::modules::hse::switch::HseCaller;
use crate::platform::hooks::task_state::{self, TaskState};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(incident_pdf).service(request_report);
}

/// Export the incidents the list's filters keep, with their actions: a period report
/// (`pdf`) or a workbook (`xlsx`), in your language, within your reach. A worker makes
/// it; follow it at the `Location` (`GET /api/v1/tasks/{id}`: status, rows done out of
/// the total) and, once done, download the file its `result.file_id` names
/// (`GET /api/v1/files/{id}/content`). Permission: `hse.export.report`.
#[utoipa::path(
    tag = "hse",
    security(("bearer" = [])),
    request_body = ReportIn,
    responses(
        (status = 202, description = "Queued: the task to follow", body = TaskState),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `hse.export.report`", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "HSE is off for your company", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "An unknown format or filter value", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[post("/hse/reports")]
async fn request_report(
    state: web::Data<AppState>,
    caller: HseCaller,
    input: ValidatedJson<ReportIn>,
) -> ApiResult<HttpResponse> {
    let id = export::request(&state, &caller, input.into_inner()).await?;
    let task = task_state::find(&state, &caller, id).await?;
    Ok(HttpResponse::Accepted().insert_header(("Location", format!("/api/v1/tasks/{id}"))).json(task))
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
