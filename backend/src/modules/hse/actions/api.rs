//! `/api/v1/hse/actions` and an incident's actions: raise, list ("my actions"), read,
//! change and move corrective and preventive actions.

use actix_web::{HttpRequest, HttpResponse, get, patch, post, web};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

use super::dto::{ActionFilter, ActionIn, ActionMoveIn, ActionOut, ActionPatch};
use super::list;
use super::service;
use super::workflow::ActionMove;
use crate::app::AppState;
use crate::error::{ApiError, ApiResult, PROBLEM_JSON, Problem};
use crate::http::{OptionalJson, Page, PageQuery, ValidatedJson, revision};
use crate::modules::hse::switch::HseCaller;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_actions).service(raise_action).service(get_action).service(update_action).service(move_action);
}

fn tagged(response: actix_web::HttpResponseBuilder, action: &ActionOut) -> HttpResponse {
    revision::tagged(response, action.revision, action)
}

/// Actions in your reach, newest first: `owner=me` for yours, `overdue=true` for those
/// past due. Permission: `hse.view.action` (scope `own`: those you own).
#[utoipa::path(
    tag = "hse",
    security(("bearer" = [])),
    params(ActionFilter, PageQuery),
    responses(
        (status = 200, description = "One page of actions", body = Page<ActionOut>),
        (status = 400, description = "A filter, `limit` or `cursor` is malformed", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `hse.view.action`", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "HSE is off for your company", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[get("/hse/actions")]
async fn list_actions(
    state: web::Data<AppState>,
    caller: HseCaller,
    filter: web::Query<ActionFilter>,
    page: web::Query<PageQuery>,
) -> ApiResult<web::Json<Page<ActionOut>>> {
    Ok(web::Json(list::list(&state.db, &caller, &filter, &page).await?.map(ActionOut::from)))
}

/// Raise a corrective or preventive action on an incident that is submitted and not
/// closed: numbered (`ACT-2026-00007`), owned by a user of the company, due today or
/// later; its owner is told through `hse.action.assigned`. Permission:
/// `hse.manage.action`.
#[utoipa::path(
    tag = "hse",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Incident id")),
    request_body = ActionIn,
    responses(
        (status = 201, description = "Raised; `ETag` holds its revision", body = ActionOut),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `hse.manage.action`", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such incident in your reach, or HSE is off", body = Problem, content_type = PROBLEM_JSON),
        (status = 409, description = "`incident_not_open`: a draft or closed incident", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Invalid fields, listed in `errors`", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[post("/hse/incidents/{id}/actions")]
async fn raise_action(
    state: web::Data<AppState>,
    caller: HseCaller,
    id: web::Path<Uuid>,
    body: ValidatedJson<ActionIn>,
) -> ApiResult<HttpResponse> {
    let action = service::create(&state, &caller, id.into_inner(), body.into_inner()).await?;
    Ok(tagged(HttpResponse::Created(), &action))
}

/// One action. Permission: `hse.view.action` (scope `own`: yours).
#[utoipa::path(
    tag = "hse",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Action id")),
    responses(
        (status = 200, description = "The action; `ETag` holds its revision", body = ActionOut),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `hse.view.action`", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such action in your reach, or HSE is off", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[get("/hse/actions/{id}")]
async fn get_action(state: web::Data<AppState>, caller: HseCaller, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    let action = ActionOut::from(service::find(&state.db, &caller, id.into_inner()).await?);
    Ok(tagged(HttpResponse::Ok(), &action))
}

/// Change an action not yet verified or cancelled: send its revision in `If-Match`. A
/// new owner is told (`hse.action.assigned`). Permission: `hse.manage.action`.
#[utoipa::path(
    tag = "hse",
    security(("bearer" = [])),
    params(
        ("id" = Uuid, Path, description = "Action id"),
        ("If-Match" = String, Header, description = "The revision the change was made on (its ETag)"),
    ),
    request_body = ActionPatch,
    responses(
        (status = 200, description = "Changed; `ETag` holds the new revision", body = ActionOut),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `hse.manage.action`", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such action in your reach, or HSE is off", body = Problem, content_type = PROBLEM_JSON),
        (status = 409, description = "`action_settled`: verified or cancelled", body = Problem, content_type = PROBLEM_JSON),
        (status = 412, description = "`revision_mismatch`", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Invalid fields, listed in `errors`", body = Problem, content_type = PROBLEM_JSON),
        (status = 428, description = "`if_match_required`", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[patch("/hse/actions/{id}")]
async fn update_action(
    state: web::Data<AppState>,
    caller: HseCaller,
    request: HttpRequest,
    id: web::Path<Uuid>,
    body: ValidatedJson<ActionPatch>,
) -> ApiResult<HttpResponse> {
    let expected = revision::if_match(&request)?;
    let action = service::update(&state, &caller, id.into_inner(), expected, body.into_inner()).await?;
    Ok(tagged(HttpResponse::Ok(), &action))
}

/// Move an action: `start` and `complete` (its owner, or `hse.manage.action`; complete
/// may bring evidence photos and a note, and announces `hse.action.completed`),
/// `verify` (`hse.manage.action`, someone other than its owner), `reopen` and `cancel`
/// (`hse.manage.action`, with a note of 10 characters or more saying why).
#[utoipa::path(
    tag = "hse",
    security(("bearer" = [])),
    params(
        ("id" = Uuid, Path, description = "Action id"),
        ("move" = inline(ActionMove), Path, description = "The move"),
        ("If-Match" = Option<String>, Header, description = "When sent, the move is made only on this revision"),
    ),
    request_body(content = Option<ActionMoveIn>, description = "A note and evidence photos"),
    responses(
        (status = 200, description = "Moved; `ETag` holds the new revision", body = ActionOut),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Not yours, and no `hse.manage.action`", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such action in your reach or no such move, or HSE is off", body = Problem, content_type = PROBLEM_JSON),
        (status = 409, description = "`illegal_transition` naming the current state, or `verifier_is_owner`", body = Problem, content_type = PROBLEM_JSON),
        (status = 412, description = "`revision_mismatch`", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "A missing note, or photos refused, listed in `errors`", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[post("/hse/actions/{id}/{move}")]
async fn move_action(
    state: web::Data<AppState>,
    caller: HseCaller,
    request: HttpRequest,
    path: web::Path<(Uuid, String)>,
    body: OptionalJson<ActionMoveIn>,
) -> ApiResult<HttpResponse> {
    let (id, code) = path.into_inner();
    let wanted = ActionMove::from_code(&code).ok_or(ApiError::not_found("move"))?;
    let expected = revision::if_match(&request)?;
    let action = service::apply(&state, &caller, id, wanted, expected, body.into_inner()).await?;
    Ok(tagged(HttpResponse::Ok(), &action))
}
