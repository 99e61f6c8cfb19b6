//! `/calendar/events/{id}`: plan, read, change and delete events (one occurrence, this
//! and the following ones, or all), and answer an invitation.

use actix_web::{HttpResponse, delete, get, patch, post, web};
use chrono::{DateTime, Utc};
use sea_orm::EntityTrait;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use validator::Validate;

use super::{AttendeeOut, EventIn, EventOut, EventPatch};
use crate::app::AppState;
use crate::error::{ApiError, ApiResult, PROBLEM_JSON, Problem};
use crate::http::{Caller, ValidatedJson};
use crate::platform::calendar::model::attendee::Response;
use crate::platform::calendar::model::event;
use crate::platform::calendar::occurrences::{self, Scope};
use crate::platform::calendar::service::{self, EventFields};
use crate::platform::users::model as user;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(create_event).service(get_event).service(update_event).service(delete_event).service(respond);
}

/// Which occurrences of a series a change or deletion is about.
#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum EditScope {
    /// The occurrence named by `occurrence` only.
    This,
    /// That occurrence and the following ones.
    Following,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OccurrenceQuery {
    /// An occurrence of the series, by the start its rule gives it (`original_start` in
    /// the range's answer). Without it, the whole event changes.
    pub occurrence: Option<DateTime<Utc>>,
    /// `this` (the default) or `following`.
    #[param(inline)]
    pub scope: Option<EditScope>,
}

impl OccurrenceQuery {
    fn target(&self) -> Option<(DateTime<Utc>, Scope)> {
        let scope = match self.scope {
            Some(EditScope::Following) => Scope::Following,
            _ => Scope::This,
        };
        self.occurrence.map(|at| (at, scope))
    }
}

/// The answer to an invitation.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResponseIn {
    /// `accepted`, `declined` or `tentative`.
    pub response: Response,
}

pub async fn out(state: &AppState, caller: &crate::caller::Caller, row: event::Model) -> ApiResult<EventOut> {
    let attendees = service::attendees(&state.db, row.id).await?.into_iter().map(AttendeeOut::of).collect();
    let organizer = user::Entity::find_by_id(row.organizer_id).one(&state.db).await?;
    let can_edit = service::can_edit(caller, &row);
    Ok(EventOut::of(row, attendees, organizer.map_or_else(String::new, |o| o.full_name), can_edit))
}

/// Plan an event and invite its attendees (each gets an email with the `.ics`).
/// Permission: `calendar.manage.event`.
#[utoipa::path(
    tag = "calendar",
    security(("bearer" = [])),
    request_body = EventIn,
    responses(
        (status = 201, description = "Planned; `Location` points to it", body = EventOut),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `calendar.manage.event`", body = Problem, content_type = PROBLEM_JSON),
        (status = 413, description = "Body too large", body = Problem, content_type = PROBLEM_JSON),
        (status = 415, description = "Body is not JSON", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Invalid fields (times, rule, zone, attendees, site), listed in `errors`", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[post("/calendar/events")]
async fn create_event(
    state: web::Data<AppState>,
    caller: Caller,
    body: ValidatedJson<EventIn>,
) -> ApiResult<HttpResponse> {
    let user_zone = user::Entity::find_by_id(caller.user_id).one(&state.db).await?.map(|u| u.time_zone);
    let zone = user_zone.and_then(|z| z.parse().ok()).unwrap_or(chrono_tz::UTC);
    let fields = body.into_inner().into_changes()?.into_new(zone)?;
    let row = service::create(&state, &caller, fields).await?;
    let location = format!("/api/v1/calendar/events/{}", row.id);
    Ok(HttpResponse::Created().insert_header(("Location", location)).json(out(&state, &caller, row).await?))
}

/// One event with its attendees and their answers. Permission: `calendar.view.event`
/// (private events: their organiser and attendees only).
#[utoipa::path(
    tag = "calendar",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Event id")),
    responses(
        (status = 200, description = "The event", body = EventOut),
        (status = 400, description = "`id` is not a UUID", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `calendar.view.event`", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such event that you see", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[get("/calendar/events/{id}")]
async fn get_event(state: web::Data<AppState>, caller: Caller, id: web::Path<Uuid>) -> ApiResult<web::Json<EventOut>> {
    let row = service::get(&state.db, &caller, id.into_inner()).await?;
    Ok(web::Json(out(&state, &caller, row).await?))
}

/// Change an event: all of it, or with `occurrence` one occurrence of a series
/// (`scope=this`, answers the changed occurrence) or it and the following ones
/// (`scope=following`, answers the new series that carries them). Attendees get the
/// update by email. Permission: `calendar.manage.event` (scope `own`: events you organise).
#[utoipa::path(
    tag = "calendar",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Event id"), OccurrenceQuery),
    request_body = EventPatch,
    responses(
        (status = 200, description = "The changed event", body = EventOut),
        (status = 400, description = "Malformed JSON, `id`, `occurrence` or `scope`", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `calendar.manage.event` reaching its organiser (`not_organizer`)", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such event, or no such occurrence of it", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Invalid fields, listed in `errors`", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[patch("/calendar/events/{id}")]
async fn update_event(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    query: web::Query<OccurrenceQuery>,
    body: ValidatedJson<EventPatch>,
) -> ApiResult<web::Json<EventOut>> {
    let current = service::get_to_change(&state.db, &caller, id.into_inner()).await?;
    let changes = body.into_inner().into_changes()?;
    let row = match query.target() {
        Some((at, scope)) => occurrences::change(&state, &caller, current, at, scope, changes).await?,
        None => {
            let fields = changes.apply(EventFields::of(&current))?;
            service::update(&state, &caller, current, fields).await?
        }
    };
    Ok(web::Json(out(&state, &caller, row).await?))
}

/// Delete an event (its attendees get a cancellation), or with `occurrence` one
/// occurrence of a series (`scope=this`) or it and the following ones
/// (`scope=following`). Permission: `calendar.manage.event`.
#[utoipa::path(
    tag = "calendar",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Event id"), OccurrenceQuery),
    responses(
        (status = 204, description = "Deleted"),
        (status = 400, description = "`id`, `occurrence` or `scope` malformed", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `calendar.manage.event` reaching its organiser (`not_organizer`)", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such event, or no such occurrence of it", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "`occurrence` given for an event that does not repeat", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[delete("/calendar/events/{id}")]
async fn delete_event(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    query: web::Query<OccurrenceQuery>,
) -> ApiResult<HttpResponse> {
    let current = service::get_to_change(&state.db, &caller, id.into_inner()).await?;
    match query.target() {
        Some((at, scope)) => occurrences::delete(&state, &caller, current, at, scope).await?,
        None => service::delete(&state, &caller, current).await?,
    }
    Ok(HttpResponse::NoContent().finish())
}

/// Answer an invitation: `accepted`, `tentative` or `declined` (declined events send no
/// reminders). Permission: `calendar.view.event`, and being invited.
#[utoipa::path(
    tag = "calendar",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Event id")),
    request_body = ResponseIn,
    responses(
        (status = 200, description = "The event with your answer", body = EventOut),
        (status = 400, description = "Malformed JSON or `id`", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `calendar.view.event`", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such event that you see", body = Problem, content_type = PROBLEM_JSON),
        (status = 409, description = "`not_invited`", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "`response` is `needs_action`", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[post("/calendar/events/{id}/response")]
async fn respond(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    body: ValidatedJson<ResponseIn>,
) -> ApiResult<web::Json<EventOut>> {
    let response = body.into_inner().response;
    if response == Response::NeedsAction {
        return Err(ApiError::field("response", "invalid", "must be accepted, tentative or declined"));
    }
    let row = service::respond(&state, &caller, id.into_inner(), response).await?;
    Ok(web::Json(out(&state, &caller, row).await?))
}
