//! Sending a notification by hand.

use actix_web::{HttpResponse, post, web};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

use super::super::preferences::{Category, Channel};
use super::super::recipients;
use super::super::service::{self, NewNotification};
use crate::app::AppState;
use crate::error::{ApiResult, PROBLEM_JSON, Problem};
use crate::http::{Caller, ValidatedJson};

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SendIn {
    /// User ids, `role:<code>` (holders of the role, directly or through a group),
    /// `group:<name or id>`; people of your company only.
    #[validate(length(min = 1, max = 100))]
    #[schema(example = json!(["role:hse_manager"]))]
    pub recipients: Vec<String>,
    #[validate(length(min = 1, max = 200), custom(function = "crate::http::text::single_line"))]
    pub title: String,
    #[validate(length(min = 1, max = 5000))]
    pub message: String,
    #[serde(default = "system")]
    pub category: Category,
    /// 0 low, 1 normal (default), 2 high, 3 urgent (the only one sent by SMS, and
    /// past do-not-disturb).
    #[serde(default = "normal")]
    #[validate(range(min = 0, max = 3))]
    pub priority: i16,
    /// The channels to try, each subject to the recipient's preferences; all by default.
    pub channels: Option<Vec<Channel>>,
    /// A path of the web app to open (`/hse/incidents/…`).
    #[validate(length(max = 500))]
    pub link: Option<String>,
    /// Free data the apps receive with it.
    #[schema(value_type = Object)]
    pub data: Option<serde_json::Value>,
}

fn system() -> Category {
    Category::System
}

fn normal() -> i16 {
    1
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SentOut {
    /// The users it was sent to (recipients that name nobody are not an error).
    pub recipients: usize,
}

/// Send a notification to people of your company. Permission:
/// `notifications.send.notification`.
#[utoipa::path(
    tag = "notifications",
    security(("bearer" = [])),
    request_body = SendIn,
    responses(
        (status = 201, description = "Sent", body = SentOut),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `notifications.send.notification`", body = Problem, content_type = PROBLEM_JSON),
        (status = 415, description = "Body is not JSON", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Invalid fields, listed in `errors`", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[post("/notifications")]
pub(super) async fn send(
    state: web::Data<AppState>,
    caller: Caller,
    body: ValidatedJson<SendIn>,
) -> ApiResult<HttpResponse> {
    let SendIn { recipients, title, message, category, priority, channels, link, data } = body.into_inner();
    let recipients = recipients::parse_all(&recipients)?;
    let new = NewNotification {
        title,
        message,
        category,
        priority,
        channels,
        link,
        data: data.unwrap_or_else(|| serde_json::json!({})),
        event_id: None,
        sent_by: Some(caller.user_id),
    };
    let reached = service::send_by_hand(&state, &caller, &recipients, new).await?;
    Ok(HttpResponse::Created().json(SentOut { recipients: reached }))
}
