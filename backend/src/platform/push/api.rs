//! `/api/v1/devices`: the signed-in user's devices for push notifications. Each user
//! manages only their own devices, with a session (the mobile or web app), not with an
//! API token. `/api/v1/push-messages`: the pushes sent, for their recipient and for
//! holders of `messages.view.message` (see `delivery::admin`).

use actix_web::{HttpResponse, delete, get, post, web};
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, QueryFilter};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use validator::Validate;

use super::model::{device, message};
use super::service::{self, NewDevice, Platform};
use crate::app::AppState;
use crate::error::{ApiResult, PROBLEM_JSON, Problem};
use crate::http::{AuthUser, Caller, Page, PageQuery, ValidatedJson};
use crate::platform::delivery::admin;
use crate::platform::delivery::service as delivery;
use crate::platform::email::api::AttemptOut;
use crate::platform::i18n::Locale;
use crate::platform::users::service as users;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_devices)
        .service(register_device)
        .service(unregister_device)
        .service(test_device)
        .service(list_pushes)
        .service(get_push)
        .service(resend_push);
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct DeviceOut {
    pub id: Uuid,
    pub platform: Platform,
    pub name: Option<String>,
    /// The first characters of the push token, to tell devices apart.
    pub token_hint: String,
    pub created_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
}

impl From<device::Model> for DeviceOut {
    fn from(d: device::Model) -> Self {
        Self {
            id: d.id,
            platform: Platform::parse(&d.platform),
            name: d.name,
            token_hint: d.push_token.chars().take(8).collect(),
            created_at: d.created_at,
            last_seen_at: d.last_seen_at,
        }
    }
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DeviceIn {
    pub platform: Platform,
    /// The FCM registration token the app received.
    #[validate(length(min = 1, max = 4096))]
    pub push_token: String,
    /// What people call it ("Pixel 8 de Jean").
    #[validate(length(min = 1, max = 100), custom(function = "crate::http::text::single_line"))]
    pub name: Option<String>,
}

/// A push to a device, with its tries.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct PushOut {
    pub id: Uuid,
    pub company_id: Option<Uuid>,
    pub user_id: Option<Uuid>,
    pub device_id: Option<Uuid>,
    pub title: String,
    /// A secret it carries (a code) reads `[redacted]`, here and in the title.
    pub body: String,
    /// `queued`, `sending`, `sent` or `failed`.
    pub status: String,
    pub attempts: i32,
    pub max_attempts: i32,
    pub last_error: Option<String>,
    pub response_status: Option<i32>,
    pub sent_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    /// Every try; empty in lists.
    pub attempts_log: Vec<AttemptOut>,
}

impl PushOut {
    fn new(m: message::Model, attempts_log: Vec<AttemptOut>) -> Self {
        Self {
            id: m.id,
            company_id: m.company_id,
            user_id: m.user_id,
            device_id: m.device_id,
            title: m.title,
            body: m.body,
            status: m.status,
            attempts: m.attempts,
            max_attempts: m.max_attempts,
            last_error: m.last_error,
            response_status: m.response_status,
            sent_at: m.sent_at,
            created_at: m.created_at,
            attempts_log,
        }
    }
}

/// Your devices, last seen first. Needs a session.
#[utoipa::path(
    tag = "devices",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Your devices", body = Vec<DeviceOut>),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "`session_required`: API tokens have no devices", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[get("/devices")]
async fn list_devices(state: web::Data<AppState>, user: AuthUser) -> ApiResult<web::Json<Vec<DeviceOut>>> {
    let devices = service::devices_of(&state.db, user.0.user_id).await?;
    Ok(web::Json(devices.into_iter().map(DeviceOut::from).collect()))
}

/// Register this device for push notifications, or refresh it (your token again: 200).
/// A token someone else registered is theirs no more: it becomes a new registration of
/// yours (201), as if it were fresh. Needs a session.
#[utoipa::path(
    tag = "devices",
    security(("bearer" = [])),
    request_body = DeviceIn,
    responses(
        (status = 201, description = "Registered", body = DeviceOut),
        (status = 200, description = "Already known: refreshed", body = DeviceOut),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "`session_required`", body = Problem, content_type = PROBLEM_JSON),
        (status = 415, description = "Body is not JSON", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Invalid fields, listed in `errors`", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[post("/devices")]
async fn register_device(
    state: web::Data<AppState>,
    user: AuthUser,
    body: ValidatedJson<DeviceIn>,
) -> ApiResult<HttpResponse> {
    let DeviceIn { platform, push_token, name } = body.into_inner();
    let new = NewDevice { platform, push_token, name };
    let (saved, created) = service::register(&state.db, user.0.user_id, user.0.company_id, new).await?;
    let mut answer = if created { HttpResponse::Created() } else { HttpResponse::Ok() };
    Ok(answer.json(DeviceOut::from(saved)))
}

/// Stop pushes to one of your devices (on sign-out). Needs a session.
#[utoipa::path(
    tag = "devices",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Device id")),
    responses(
        (status = 204, description = "Unregistered"),
        (status = 400, description = "`id` is not a UUID", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "`session_required`", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "Not one of your devices", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[delete("/devices/{id}")]
async fn unregister_device(state: web::Data<AppState>, user: AuthUser, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    service::unregister(&state.db, user.0.user_id, id.into_inner()).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Send a test notification to one of your devices; follow it with
/// `GET /api/v1/push-messages/{id}`. Needs a session.
#[utoipa::path(
    tag = "devices",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Device id")),
    responses(
        (status = 202, description = "Queued", body = PushOut),
        (status = 400, description = "`id` is not a UUID", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "`session_required`", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "Not one of your devices", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[post("/devices/{id}/test")]
async fn test_device(state: web::Data<AppState>, user: AuthUser, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    let me = users::get(&state.db, user.0.user_id).await?;
    let queued = service::send_test(&state, me.id, Locale::from_stored(&me.locale), id.into_inner()).await?;
    Ok(HttpResponse::Accepted().json(PushOut::new(queued, Vec::new())))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PushQuery {
    /// `queued`, `sending`, `sent` or `failed`.
    pub status: Option<String>,
    /// The recipient.
    pub user_id: Option<Uuid>,
}

/// Pushes in your reach, newest first. Permission: `messages.view.message`.
#[utoipa::path(
    tag = "messages",
    security(("bearer" = [])),
    params(PushQuery, PageQuery),
    responses(
        (status = 200, description = "One page of pushes", body = Page<PushOut>),
        (status = 400, description = "Invalid `limit`, `cursor` or `user_id`", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `messages.view.message`", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[get("/push-messages")]
async fn list_pushes(
    state: web::Data<AppState>,
    caller: Caller,
    filter: web::Query<PushQuery>,
    page: web::Query<PageQuery>,
) -> ApiResult<web::Json<Page<PushOut>>> {
    let PushQuery { status, user_id } = filter.into_inner();
    let narrow = |mut select: sea_orm::Select<message::Entity>| {
        if let Some(status) = status {
            select = select.filter(message::Column::Status.eq(status));
        }
        if let Some(user_id) = user_id {
            select = select.filter(message::Column::UserId.eq(user_id));
        }
        select
    };
    let found = admin::list::<message::Entity>(&state.db, &caller, narrow, &page).await?;
    Ok(web::Json(found.map(|m| PushOut::new(m, Vec::new()))))
}

/// A push with every try: its recipient, or `messages.view.message`.
#[utoipa::path(
    tag = "messages",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Push message id")),
    responses(
        (status = 200, description = "The push", body = PushOut),
        (status = 400, description = "`id` is not a UUID", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such push in your reach", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[get("/push-messages/{id}")]
async fn get_push(state: web::Data<AppState>, caller: Caller, id: web::Path<Uuid>) -> ApiResult<web::Json<PushOut>> {
    let push = admin::get_visible::<message::Entity>(&state.db, &caller, id.into_inner()).await?;
    let log = delivery::attempts_of(&state.db, push.id).await?.into_iter().map(AttemptOut::from).collect();
    Ok(web::Json(PushOut::new(push, log)))
}

/// Send a `sent` or `failed` push again, with a fresh set of tries. Audited.
/// Permissions: `messages.view.message` and `messages.manage.message`.
#[utoipa::path(
    tag = "messages",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Push message id")),
    responses(
        (status = 202, description = "Queued again", body = PushOut),
        (status = 400, description = "`id` is not a UUID", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `messages.manage.message`", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such push in your reach", body = Problem, content_type = PROBLEM_JSON),
        (status = 409, description = "`delivery_in_flight`: still queued or sending; `secret_not_renewable`: it carried a code", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[post("/push-messages/{id}/resend")]
async fn resend_push(state: web::Data<AppState>, caller: Caller, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    let push = admin::resend::<message::Entity>(&state, &caller, id.into_inner()).await?;
    Ok(HttpResponse::Accepted().json(PushOut::new(push, Vec::new())))
}
