//! `/api/v1/hse/incidents`: report, list, read, change and delete incidents, move them
//! along the workflow and write their investigation. Every route answers 404
//! to companies that have HSE off.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, delete, get, patch, post, put, web};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

use super::dto::{
    IncidentDetail, IncidentIn, IncidentOut, IncidentPatch, IncidentTransitionIn, InvestigationIn, InvestigationOut,
};
use super::edit;
use super::list::{self, IncidentFilter};
use super::service::{self, Idempotency};
use super::workflow::{self, IncidentTransition};
use crate::app::AppState;
use crate::error::{ApiError, ApiResult, PROBLEM_JSON, Problem};
use crate::http::{OptionalJson, Page, PageQuery, ValidatedJson, revision};
use crate::modules::hse::switch::HseCaller;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_incidents)
        .service(report_incident)
        .service(get_incident)
        .service(update_incident)
        .service(delete_incident)
        .service(move_incident)
        .service(save_investigation);
}

/// The request's `Idempotency-Key`: 1 to 100 visible ASCII characters.
fn idempotency_key(request: &HttpRequest) -> ApiResult<Option<String>> {
    let Some(value) = request.headers().get("idempotency-key") else { return Ok(None) };
    let key = value.to_str().unwrap_or_default();
    if key.is_empty() || key.len() > 100 || !key.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(ApiError::bad_request(
            "invalid_idempotency_key",
            "Idempotency-Key must be 1 to 100 visible ASCII characters (a UUID will do).",
        ));
    }
    Ok(Some(key.to_owned()))
}

fn with_etag(response: actix_web::HttpResponseBuilder, detail: &IncidentDetail) -> HttpResponse {
    revision::tagged(response, detail.incident.revision, detail)
}

/// Incidents in your reach, newest first: your company's, or with scope `own` those
/// you reported or are assigned. Permission: `hse.view.incident`.
#[utoipa::path(
    tag = "hse",
    security(("bearer" = [])),
    params(IncidentFilter, PageQuery),
    responses(
        (status = 200, description = "One page of incidents", body = Page<IncidentOut>),
        (status = 400, description = "A filter, `limit` or `cursor` is malformed", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `hse.view.incident`", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "HSE is off for your company", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[get("/hse/incidents")]
async fn list_incidents(
    state: web::Data<AppState>,
    caller: HseCaller,
    filter: web::Query<IncidentFilter>,
    page: web::Query<PageQuery>,
) -> ApiResult<web::Json<Page<IncidentOut>>> {
    Ok(web::Json(list::list(&state.db, &caller, &filter, &page).await?.map(IncidentOut::from)))
}

/// Report an incident: checked like the form (title ≥ 10 characters, description ≥ 20,
/// a location, at most 5 photos uploaded beforehand with purpose `hse.photo`), numbered
/// (`INC-2026-00042`), submitted unless `draft`, audited, and announced to hooks and
/// webhooks (`hse.incident.created`, `.submitted`, `.severity_critical`). Send an
/// `Idempotency-Key` to retry safely: the same key with the same body gives the same
/// incident (`Idempotent-Replayed: true`), with another body 409. Permission:
/// `hse.create.incident`.
#[utoipa::path(
    tag = "hse",
    security(("bearer" = [])),
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes retries safe: one incident per key")),
    request_body = IncidentIn,
    responses(
        (status = 201, description = "Reported; `Location` points to it, `ETag` holds its revision", body = IncidentDetail,
            headers(("Location" = String), ("ETag" = String), ("Idempotent-Replayed" = String, description = "`true` when an earlier call with the same key made it"))),
        (status = 400, description = "Malformed JSON or Idempotency-Key", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `hse.create.incident`", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "HSE is off for your company", body = Problem, content_type = PROBLEM_JSON),
        (status = 409, description = "`idempotency_key_reused`: the key went with another body", body = Problem, content_type = PROBLEM_JSON),
        (status = 413, description = "Body too large", body = Problem, content_type = PROBLEM_JSON),
        (status = 415, description = "Body is not JSON", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Invalid fields, listed in `errors`", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[post("/hse/incidents")]
async fn report_incident(
    state: web::Data<AppState>,
    caller: HseCaller,
    request: HttpRequest,
    body: ValidatedJson<IncidentIn>,
) -> ApiResult<HttpResponse> {
    let input = body.into_inner();
    let idempotency = idempotency_key(&request)?.map(|key| Idempotency::of(key, &input)).transpose()?;
    let reported = service::create(&state, &caller, input, idempotency).await?;
    let mut response = HttpResponse::Created();
    response.insert_header((header::LOCATION, format!("/api/v1/hse/incidents/{}", reported.detail.incident.id)));
    if reported.replayed {
        response.insert_header(("Idempotent-Replayed", "true"));
    }
    Ok(with_etag(response, &reported.detail))
}

/// One incident with the people involved and its history. Permission:
/// `hse.view.incident` (scope `own`: yours, or assigned to you).
#[utoipa::path(
    tag = "hse",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Incident id")),
    responses(
        (status = 200, description = "The incident; `ETag` holds its revision", body = IncidentDetail),
        (status = 400, description = "`id` is not a UUID", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `hse.view.incident`", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such incident in your reach, or HSE is off", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[get("/hse/incidents/{id}")]
async fn get_incident(state: web::Data<AppState>, caller: HseCaller, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    let row = service::find(&state.db, &caller, id.into_inner()).await?;
    Ok(with_etag(HttpResponse::Ok(), &service::detail(&state.db, &caller, row).await?))
}

/// Change an incident: send its revision in `If-Match`; the fields sent change, `null`
/// clears an optional one, `people` replaces the list. Announces `hse.incident.updated`
/// (and `.severity_critical` when it becomes critical). Permission: `hse.edit.incident`,
/// or being its reporter while it is a draft or rejected.
#[utoipa::path(
    tag = "hse",
    security(("bearer" = [])),
    params(
        ("id" = Uuid, Path, description = "Incident id"),
        ("If-Match" = String, Header, description = "The revision the change was made on (its ETag)"),
    ),
    request_body = IncidentPatch,
    responses(
        (status = 200, description = "Changed; `ETag` holds the new revision", body = IncidentDetail),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `hse.edit.incident`", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such incident in your reach, or HSE is off", body = Problem, content_type = PROBLEM_JSON),
        (status = 409, description = "`incident_locked`: approved or closed", body = Problem, content_type = PROBLEM_JSON),
        (status = 412, description = "`revision_mismatch`: it changed since", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Invalid fields, listed in `errors`", body = Problem, content_type = PROBLEM_JSON),
        (status = 428, description = "`if_match_required`", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[patch("/hse/incidents/{id}")]
async fn update_incident(
    state: web::Data<AppState>,
    caller: HseCaller,
    request: HttpRequest,
    id: web::Path<Uuid>,
    body: ValidatedJson<IncidentPatch>,
) -> ApiResult<HttpResponse> {
    let expected = revision::if_match(&request)?;
    let detail = edit::update(&state, &caller, id.into_inner(), expected, body.into_inner()).await?;
    Ok(with_etag(HttpResponse::Ok(), &detail))
}

/// Delete an incident that is not approved yet; it stays in the audit trail, and a list
/// read with `updated_since` reports it. Permission: `hse.delete.incident`.
#[utoipa::path(
    tag = "hse",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Incident id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `hse.delete.incident`", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such incident in your reach, or HSE is off", body = Problem, content_type = PROBLEM_JSON),
        (status = 409, description = "`incident_locked`: approved or closed", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[delete("/hse/incidents/{id}")]
async fn delete_incident(
    state: web::Data<AppState>,
    caller: HseCaller,
    id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    edit::delete(&state, &caller, id.into_inner()).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Move an incident along its workflow: `submit` (draft → submitted, its reporter or
/// `hse.edit.incident`), `start_investigation` (submitted → under_investigation,
/// `hse.investigate.incident`), `request_approval` (→ pending_approval, once the
/// investigation states root causes and findings), `approve` or `reject` (with a reason
/// of 10 characters or more, `hse.approve.incident`), `resubmit` (rejected →
/// submitted), `close` (approved → closed, once every action is verified or cancelled,
/// `hse.close.incident`). The detail's `transitions` lists what you may do now.
#[utoipa::path(
    tag = "hse",
    security(("bearer" = [])),
    params(
        ("id" = Uuid, Path, description = "Incident id"),
        ("transition" = inline(IncidentTransition), Path, description = "The move"),
        ("If-Match" = Option<String>, Header, description = "When sent, the move is made only on this revision"),
    ),
    request_body(content = Option<IncidentTransitionIn>, description = "The reason, required to reject"),
    responses(
        (status = 200, description = "Moved; `ETag` holds the new revision", body = IncidentDetail),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs the move's permission", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such incident in your reach or no such move, or HSE is off", body = Problem, content_type = PROBLEM_JSON),
        (status = 409, description = "`illegal_transition` naming the current state, or `actions_unsettled`", body = Problem, content_type = PROBLEM_JSON),
        (status = 412, description = "`revision_mismatch`", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "What the move needs is missing, listed in `errors`", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[post("/hse/incidents/{id}/{transition}")]
async fn move_incident(
    state: web::Data<AppState>,
    caller: HseCaller,
    request: HttpRequest,
    path: web::Path<(Uuid, String)>,
    body: OptionalJson<IncidentTransitionIn>,
) -> ApiResult<HttpResponse> {
    let (id, code) = path.into_inner();
    let transition = IncidentTransition::from_code(&code).ok_or(ApiError::not_found("transition"))?;
    let expected = revision::if_match(&request)?;
    let detail = workflow::apply(&state, &caller, id, transition, expected, body.into_inner()).await?;
    Ok(with_etag(HttpResponse::Ok(), &detail))
}

/// Write the investigation of an incident under investigation: method, root causes,
/// contributing factors, findings, investigators (users of the company). Each save
/// replaces it and gives the incident a new revision. Permission:
/// `hse.investigate.incident`.
#[utoipa::path(
    tag = "hse",
    security(("bearer" = [])),
    params(
        ("id" = Uuid, Path, description = "Incident id"),
        ("If-Match" = Option<String>, Header, description = "When sent, saved only on this revision of the incident"),
    ),
    request_body = InvestigationIn,
    responses(
        (status = 200, description = "Saved", body = InvestigationOut),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `hse.investigate.incident`", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such incident in your reach, or HSE is off", body = Problem, content_type = PROBLEM_JSON),
        (status = 409, description = "`not_under_investigation`", body = Problem, content_type = PROBLEM_JSON),
        (status = 412, description = "`revision_mismatch`", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Invalid fields, listed in `errors`", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[put("/hse/incidents/{id}/investigation")]
async fn save_investigation(
    state: web::Data<AppState>,
    caller: HseCaller,
    request: HttpRequest,
    id: web::Path<Uuid>,
    body: ValidatedJson<InvestigationIn>,
) -> ApiResult<web::Json<InvestigationOut>> {
    let expected = revision::if_match(&request)?;
    Ok(web::Json(edit::save_investigation(&state, &caller, id.into_inner(), expected, body.into_inner()).await?))
}
