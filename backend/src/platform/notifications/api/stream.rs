//! The live stream and its tickets.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use super::super::stream::{self as service, StreamTicket};
use crate::app::AppState;
use crate::error::{ApiError, ApiResult, PROBLEM_JSON, Problem};
use crate::http::AuthUser;

/// A single-use ticket to open the stream from a browser, whose EventSource cannot send
/// an `Authorization` header. Needs a session.
#[utoipa::path(
    tag = "notifications",
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The ticket", body = StreamTicket),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "`session_required`", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[post("/notifications/stream-ticket")]
pub(super) async fn stream_ticket(state: web::Data<AppState>, user: AuthUser) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Created().json(service::issue_ticket(&state, user.0.user_id).await?))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StreamQuery {
    /// From `POST /notifications/stream-ticket`; or send `Authorization: Bearer`.
    pub ticket: Option<String>,
    /// The last event id received, for clients that cannot send `Last-Event-ID`.
    pub last_event_id: Option<Uuid>,
}

/// Your notifications as they arrive, as Server-Sent Events: `notification` events (the
/// notification, with its id as the event id) and `unread` events (`{"unread": n}`),
/// with keep-alive comments. Reconnecting with `Last-Event-ID` (EventSource does it by
/// itself) sends what was missed, from the store; an id may then come twice, so keep
/// the ones you have.
#[utoipa::path(
    tag = "notifications",
    params(StreamQuery, ("Last-Event-ID" = Option<Uuid>, Header, description = "The last event id received")),
    responses(
        (status = 200, description = "The event stream", content_type = "text/event-stream", body = String),
        (status = 400, description = "`Last-Event-ID` is not an id", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "No session, or the ticket is unknown, used or expired", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[get("/notifications/stream")]
pub(super) async fn stream(
    state: web::Data<AppState>,
    req: HttpRequest,
    user: Option<AuthUser>,
    query: web::Query<StreamQuery>,
) -> ApiResult<HttpResponse> {
    let StreamQuery { ticket, last_event_id } = query.into_inner();
    let user_id = match (ticket, user) {
        (Some(ticket), _) => service::redeem_ticket(&state, &ticket).await?,
        (None, Some(user)) => user.0.user_id,
        (None, None) => {
            return Err(ApiError::unauthorized(
                "unauthenticated",
                "Open the stream with `?ticket=` (POST /notifications/stream-ticket) or `Authorization: Bearer`.",
            ));
        }
    };
    let header_id =
        match req.headers().get("last-event-id") {
            Some(value) => {
                Some(value.to_str().ok().and_then(|text| Uuid::parse_str(text.trim()).ok()).ok_or_else(|| {
                    ApiError::bad_request("invalid_last_event_id", "`Last-Event-ID` is not an event id.")
                })?)
            }
            None => None,
        };
    let events = service::open(state.get_ref().clone(), user_id, header_id.or(last_event_id)).await;
    Ok(HttpResponse::Ok()
        .content_type("text/event-stream")
        .insert_header((header::CACHE_CONTROL, "no-cache"))
        // Compression would hold events back until a buffer fills; proxies must not
        // buffer either.
        .insert_header((header::CONTENT_ENCODING, "identity"))
        .insert_header(("X-Accel-Buffering", "no"))
        .streaming(events))
}
