//! `GET /calendar/events` (a range with every series expanded, and the modules' dated
//! records) and `GET /calendar/free-busy`.

use actix_web::{get, web};
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

use crate::app::AppState;
use crate::error::{ApiError, ApiResult, PROBLEM_JSON, Problem};
use crate::http::Caller;
use crate::module::CalendarItem;
use crate::platform::calendar::model::attendee::Response;
use crate::platform::calendar::model::event::Visibility;
use crate::platform::calendar::occurrences;
use crate::platform::calendar::service;
use crate::registry::MODULES;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_range).service(free_busy);
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RangeQuery {
    /// Start of the range (RFC 3339).
    #[param(example = "2027-01-11T00:00:00Z")]
    pub from: DateTime<Utc>,
    /// End of the range, excluded; at most 400 days after `from`.
    #[param(example = "2027-01-18T00:00:00Z")]
    pub to: DateTime<Utc>,
}

/// One occurrence of an event in the range.
#[derive(Debug, Serialize, ToSchema)]
pub struct OccurrenceOut {
    /// The row to open or change: a changed occurrence's own id, or its series'.
    pub event_id: Uuid,
    /// For a changed occurrence: its series.
    pub series_id: Option<Uuid>,
    /// For an occurrence of a series: the start its rule gives it, to pass as
    /// `occurrence` when changing or deleting this one or the following ones.
    pub original_start: Option<DateTime<Utc>>,
    /// Part of a series.
    pub recurring: bool,
    pub title: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub all_day: bool,
    pub time_zone: String,
    pub location: Option<String>,
    pub site_id: Option<Uuid>,
    pub category: Option<String>,
    pub color: Option<String>,
    pub visibility: Visibility,
    pub organizer_id: Uuid,
    /// Your answer; `null` when you are not invited.
    pub my_response: Option<Response>,
    pub can_edit: bool,
}

/// A range of the calendar.
#[derive(Debug, Serialize, ToSchema)]
pub struct RangeOut {
    pub occurrences: Vec<OccurrenceOut>,
    /// Dated records of modules (HSE actions' due dates), read-only.
    pub items: Vec<CalendarItem>,
}

/// The occurrences of the events you see in `[from, to)`, every series expanded in its
/// own time zone, with the modules' dated records. Permission: `calendar.view.event`.
#[utoipa::path(
    tag = "calendar",
    security(("bearer" = [])),
    params(RangeQuery),
    responses(
        (status = 200, description = "The range", body = RangeOut),
        (status = 400, description = "`from` or `to` missing or not RFC 3339", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `calendar.view.event`", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "`to` not after `from`, or more than 400 days after it", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[get("/calendar/events")]
async fn list_range(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<RangeQuery>,
) -> ApiResult<web::Json<RangeOut>> {
    let RangeQuery { from, to } = query.into_inner();
    let range = occurrences::range(&state.db, &caller, from, to).await?;
    let occurrences = range
        .occurrences
        .into_iter()
        .map(|o| {
            let row = &range.events[o.event];
            OccurrenceOut {
                event_id: row.id,
                series_id: row.series_id,
                original_start: o.original_start,
                recurring: row.rrule.is_some() || row.series_id.is_some(),
                title: row.title.clone(),
                starts_at: o.starts_at,
                ends_at: o.ends_at,
                all_day: row.all_day,
                time_zone: row.time_zone.clone(),
                location: row.location.clone(),
                site_id: row.site_id,
                category: row.category.clone(),
                color: row.color.clone(),
                visibility: row.visibility,
                organizer_id: row.organizer_id,
                my_response: range.my_responses.get(&row.id).copied(),
                can_edit: service::can_edit(&caller, row),
            }
        })
        .collect();
    let (first, last) = (from.date_naive(), (to - Duration::seconds(1)).date_naive());
    let mut items = Vec::new();
    for module in MODULES {
        items.extend(module.calendar_items(&state, &caller, first, last).await?);
    }
    items.sort_by_key(|item| item.date);
    Ok(web::Json(RangeOut { occurrences, items }))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FreeBusyQuery {
    /// User ids of your company, comma-separated (at most 50).
    pub users: String,
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
}

/// When someone is busy.
#[derive(Debug, Serialize, ToSchema)]
pub struct BusyOut {
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct UserBusyOut {
    pub user_id: Uuid,
    /// Merged, in order.
    pub busy: Vec<BusyOut>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FreeBusyOut {
    pub users: Vec<UserBusyOut>,
}

/// When each of `users` is busy in `[from, to)`: the events they organise or have not
/// declined, private ones included, without saying what they are. Permission:
/// `calendar.view.event`.
#[utoipa::path(
    tag = "calendar",
    security(("bearer" = [])),
    params(FreeBusyQuery),
    responses(
        (status = 200, description = "Busy times per user", body = FreeBusyOut),
        (status = 400, description = "A parameter missing or malformed", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `calendar.view.event`", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "An unknown user, more than 50, or a bad range", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[get("/calendar/free-busy")]
async fn free_busy(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<FreeBusyQuery>,
) -> ApiResult<web::Json<FreeBusyOut>> {
    let FreeBusyQuery { users, from, to } = query.into_inner();
    let ids = users
        .split(',')
        .filter(|id| !id.trim().is_empty())
        .map(|id| id.trim().parse::<Uuid>())
        .collect::<Result<Vec<_>, _>>()
        .map_err(|_| ApiError::bad_request("invalid_users", "`users` holds user ids separated by commas."))?;
    if ids.is_empty() || ids.len() > 50 {
        return Err(ApiError::field("users", "count", "names 1 to 50 users"));
    }
    let found = occurrences::free_busy(&state.db, &caller, &ids, from, to).await?;
    let users = found
        .into_iter()
        .map(|(user_id, busy)| UserBusyOut {
            user_id,
            busy: busy.into_iter().map(|(starts_at, ends_at)| BusyOut { starts_at, ends_at }).collect(),
        })
        .collect();
    Ok(web::Json(FreeBusyOut { users }))
}
