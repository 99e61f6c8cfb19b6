//! The inbox and the preferences.

use actix_web::{get, post, put, web};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::super::inbox::{self as service, ChannelOut, InboxFilter, NotificationOut};
use super::super::preferences::{self, Category, Preferences};
use crate::app::AppState;
use crate::error::{ApiResult, PROBLEM_JSON, Problem};
use crate::http::{AuthUser, Page, PageQuery, ValidatedJson};

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct InboxQuery {
    /// Only unread notifications.
    #[serde(default)]
    pub unread: bool,
    /// The archived notifications instead of the inbox.
    #[serde(default)]
    pub archived: bool,
    pub category: Option<Category>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct UnreadOut {
    pub unread: i64,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct MarkedOut {
    /// How many notifications were unread.
    pub marked: u64,
    pub unread: i64,
}

/// A notification with what became of it on each channel.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct NotificationDetailOut {
    #[serde(flatten)]
    pub notification: NotificationOut,
    pub channels: Vec<ChannelOut>,
}

/// Your notifications, newest first. Needs a session.
#[utoipa::path(
    tag = "notifications",
    security(("bearer" = [])),
    params(InboxQuery, PageQuery),
    responses(
        (status = 200, description = "One page of notifications", body = Page<NotificationOut>),
        (status = 400, description = "Invalid filter, `limit` or `cursor`", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "`session_required`", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[get("/notifications")]
pub(super) async fn list(
    state: web::Data<AppState>,
    user: AuthUser,
    query: web::Query<InboxQuery>,
    page: web::Query<PageQuery>,
) -> ApiResult<web::Json<Page<NotificationOut>>> {
    let InboxQuery { unread, archived, category } = query.into_inner();
    let filter = InboxFilter { unread_only: unread, archived, category };
    Ok(web::Json(service::list(&state.db, user.0.user_id, filter, &page).await?))
}

/// How many of your notifications are unread (the bell's count). Needs a session.
#[utoipa::path(
    tag = "notifications",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The count", body = UnreadOut),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "`session_required`", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[get("/notifications/unread-count")]
pub(super) async fn unread_count(state: web::Data<AppState>, user: AuthUser) -> ApiResult<web::Json<UnreadOut>> {
    Ok(web::Json(UnreadOut { unread: service::unread_count(&state, user.0.user_id).await? }))
}

/// One of your notifications, with each channel's status. Needs a session.
#[utoipa::path(
    tag = "notifications",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Notification id")),
    responses(
        (status = 200, description = "The notification", body = NotificationDetailOut),
        (status = 400, description = "`id` is not a UUID", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "Not one of yours", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[get("/notifications/{id}")]
pub(super) async fn get(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<NotificationDetailOut>> {
    let (notification, channels) = service::get(&state.db, user.0.user_id, *id).await?;
    Ok(web::Json(NotificationDetailOut { notification, channels }))
}

/// Mark one of your notifications read (again: no change). Needs a session.
#[utoipa::path(
    tag = "notifications",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Notification id")),
    responses(
        (status = 200, description = "Read", body = NotificationOut),
        (status = 400, description = "`id` is not a UUID", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "Not one of yours", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[post("/notifications/{id}/read")]
pub(super) async fn mark_read(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<NotificationOut>> {
    Ok(web::Json(service::mark_read(&state, user.0.user_id, *id).await?))
}

/// Mark all your notifications read. Needs a session.
#[utoipa::path(
    tag = "notifications",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Marked", body = MarkedOut),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[post("/notifications/read-all")]
pub(super) async fn mark_all_read(state: web::Data<AppState>, user: AuthUser) -> ApiResult<web::Json<MarkedOut>> {
    let marked = service::mark_all_read(&state, user.0.user_id).await?;
    let unread = service::unread_count(&state, user.0.user_id).await?;
    Ok(web::Json(MarkedOut { marked, unread }))
}

/// Archive one of your notifications: out of the inbox, still listed with
/// `?archived=true`. Needs a session.
#[utoipa::path(
    tag = "notifications",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Notification id")),
    responses(
        (status = 200, description = "Archived", body = NotificationOut),
        (status = 400, description = "`id` is not a UUID", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "Not one of yours", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[post("/notifications/{id}/archive")]
pub(super) async fn archive(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<NotificationOut>> {
    Ok(web::Json(service::archive(&state, user.0.user_id, *id).await?))
}

/// Your notification preferences (the defaults until you save some). Needs a session.
#[utoipa::path(
    tag = "notifications",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Your preferences", body = Preferences),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[get("/notifications/preferences")]
pub(super) async fn get_preferences(state: web::Data<AppState>, user: AuthUser) -> ApiResult<web::Json<Preferences>> {
    Ok(web::Json(preferences::of_user(&state.db, user.0.user_id).await?))
}

/// Replace your notification preferences. Times are in your profile's time zone.
/// Needs a session.
#[utoipa::path(
    tag = "notifications",
    security(("bearer" = [])),
    request_body = Preferences,
    responses(
        (status = 200, description = "Saved", body = Preferences),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 415, description = "Body is not JSON", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Invalid fields, listed in `errors`", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[put("/notifications/preferences")]
pub(super) async fn put_preferences(
    state: web::Data<AppState>,
    user: AuthUser,
    body: ValidatedJson<Preferences>,
) -> ApiResult<web::Json<Preferences>> {
    Ok(web::Json(preferences::save(&state.db, user.0.user_id, body.into_inner()).await?))
}
