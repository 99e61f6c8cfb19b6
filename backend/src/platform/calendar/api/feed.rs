//! `/calendar/feed`: your personal iCal link (create, see whether it is active,
//! revoke), and the feed itself, read by calendar apps with the token in its URL.

use actix_web::{HttpResponse, delete, get, post, web};
use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::app::AppState;
use crate::error::{ApiResult, PROBLEM_JSON, Problem};
use crate::http::Caller;
use crate::platform::calendar::feed;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(feed_status).service(create_feed).service(revoke_feed).service(read_feed);
}

/// Whether you have an iCal link.
#[derive(Debug, Serialize, ToSchema)]
pub struct FeedStatusOut {
    pub active: bool,
    pub created_at: Option<DateTime<Utc>>,
    /// When a calendar app last read it.
    pub last_used_at: Option<DateTime<Utc>>,
}

/// A new iCal link: shown once.
#[derive(Debug, Serialize, ToSchema)]
pub struct FeedCreatedOut {
    /// Paste it in Outlook ("Add calendar → From internet") or Google Calendar ("From URL").
    #[schema(example = "https://opsflux.example/api/v1/calendar/feed/3q2-….ics")]
    pub url: String,
    pub created_at: DateTime<Utc>,
}

/// Whether you have an iCal link, and when it was last read. Permission: `calendar.view.event`.
#[utoipa::path(
    tag = "calendar",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Your link's state", body = FeedStatusOut),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `calendar.view.event`", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[get("/calendar/feed")]
async fn feed_status(state: web::Data<AppState>, caller: Caller) -> ApiResult<web::Json<FeedStatusOut>> {
    let found = feed::status(&state, &caller).await?;
    Ok(web::Json(FeedStatusOut {
        active: found.is_some(),
        created_at: found.as_ref().map(|f| f.created_at),
        last_used_at: found.and_then(|f| f.last_used_at),
    }))
}

/// A new personal iCal link (the previous one stops working). The URL holds a secret:
/// it is shown this once. Permission: `calendar.view.event`.
#[utoipa::path(
    tag = "calendar",
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The link", body = FeedCreatedOut),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `calendar.view.event`", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[post("/calendar/feed")]
async fn create_feed(state: web::Data<AppState>, caller: Caller) -> ApiResult<HttpResponse> {
    let (url, row) = feed::create(&state, &caller).await?;
    Ok(HttpResponse::Created().json(FeedCreatedOut { url, created_at: row.created_at }))
}

/// Revoke your iCal link: calendars subscribed to it stop updating. Permission:
/// `calendar.view.event`.
#[utoipa::path(
    tag = "calendar",
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Revoked"),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `calendar.view.event`", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "You have no link", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[delete("/calendar/feed")]
async fn revoke_feed(state: web::Data<AppState>, caller: Caller) -> ApiResult<HttpResponse> {
    feed::revoke(&state, &caller).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The iCal feed (RFC 5545) of the link's owner: what they see from three months back
/// to a year ahead. No sign-in: the token in the URL is the credential.
#[utoipa::path(
    tag = "calendar",
    params(("token" = String, Path, description = "The secret of the link")),
    responses(
        (status = 200, description = "The calendar", content_type = "text/calendar", body = String),
        (status = 404, description = "Unknown or revoked link", body = Problem, content_type = PROBLEM_JSON),
        (status = 429, description = "Read too often (more than 120 times an hour)", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[get("/calendar/feed/{token}.ics")]
async fn read_feed(state: web::Data<AppState>, token: web::Path<String>) -> ApiResult<HttpResponse> {
    let body = feed::render(&state, &token.into_inner(), Utc::now()).await?;
    Ok(HttpResponse::Ok()
        .content_type("text/calendar; charset=utf-8")
        .insert_header(("Content-Disposition", "inline; filename=\"opsflux.ics\""))
        .insert_header(("Cache-Control", "private, max-age=300"))
        .body(body))
}
