//! `/api/v1/sms`: the SMS the platform sent, with every try, and resending. See
//! `delivery::admin` for who may see what.

use actix_web::{HttpResponse, get, post, web};
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, QueryFilter};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

use super::model::{self, Entity as SmsMessages};
use crate::app::AppState;
use crate::error::{ApiResult, PROBLEM_JSON, Problem};
use crate::http::{Caller, Page, PageQuery};
use crate::platform::delivery::admin;
use crate::platform::delivery::service as attempts;
use crate::platform::email::api::AttemptOut;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_sms).service(get_sms).service(resend_sms);
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SmsOut {
    pub id: Uuid,
    pub company_id: Option<Uuid>,
    pub user_id: Option<Uuid>,
    pub to: String,
    /// A secret it carries (a code) reads `[redacted]`.
    pub body: String,
    /// `queued`, `sending`, `sent` or `failed`.
    pub status: String,
    pub attempts: i32,
    pub max_attempts: i32,
    pub next_attempt_at: DateTime<Utc>,
    pub last_error: Option<String>,
    pub response_status: Option<i32>,
    /// The provider's message id.
    pub provider_ref: Option<String>,
    pub sent_at: Option<DateTime<Utc>>,
    /// The email sent instead after the last failed try.
    pub fallback_email_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
}

impl From<model::Model> for SmsOut {
    fn from(m: model::Model) -> Self {
        Self {
            id: m.id,
            company_id: m.company_id,
            user_id: m.user_id,
            to: m.to_number,
            body: m.body,
            status: m.status,
            attempts: m.attempts,
            max_attempts: m.max_attempts,
            next_attempt_at: m.next_attempt_at,
            last_error: m.last_error,
            response_status: m.response_status,
            provider_ref: m.provider_ref,
            sent_at: m.sent_at,
            fallback_email_id: m.fallback_email_id,
            created_at: m.created_at,
        }
    }
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SmsDetailOut {
    #[serde(flatten)]
    pub sms: SmsOut,
    pub attempts_log: Vec<AttemptOut>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SmsQuery {
    /// `queued`, `sending`, `sent` or `failed`.
    pub status: Option<String>,
    /// The number, in E.164.
    pub to: Option<String>,
}

/// SMS in your reach, newest first. Permission: `messages.view.message`.
#[utoipa::path(
    tag = "messages",
    security(("bearer" = [])),
    params(SmsQuery, PageQuery),
    responses(
        (status = 200, description = "One page of SMS", body = Page<SmsOut>),
        (status = 400, description = "Invalid `limit` or `cursor`", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `messages.view.message`", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[get("/sms")]
async fn list_sms(
    state: web::Data<AppState>,
    caller: Caller,
    filter: web::Query<SmsQuery>,
    page: web::Query<PageQuery>,
) -> ApiResult<web::Json<Page<SmsOut>>> {
    let SmsQuery { status, to } = filter.into_inner();
    let narrow = |mut select: sea_orm::Select<SmsMessages>| {
        if let Some(status) = status {
            select = select.filter(model::Column::Status.eq(status));
        }
        if let Some(to) = to {
            select = select.filter(model::Column::ToNumber.eq(to));
        }
        select
    };
    let found = admin::list::<SmsMessages>(&state.db, &caller, narrow, &page).await?;
    Ok(web::Json(found.map(SmsOut::from)))
}

/// One SMS with every try. Its recipient, or `messages.view.message`.
#[utoipa::path(
    tag = "messages",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "SMS id")),
    responses(
        (status = 200, description = "The SMS", body = SmsDetailOut),
        (status = 400, description = "`id` is not a UUID", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such SMS in your reach", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[get("/sms/{id}")]
async fn get_sms(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<SmsDetailOut>> {
    let sms = admin::get_visible::<SmsMessages>(&state.db, &caller, id.into_inner()).await?;
    let attempts_log = attempts::attempts_of(&state.db, sms.id).await?.into_iter().map(AttemptOut::from).collect();
    Ok(web::Json(SmsDetailOut { sms: sms.into(), attempts_log }))
}

/// Send a `sent` or `failed` SMS again, with a fresh set of tries. Audited.
/// Permissions: `messages.view.message` and `messages.manage.message`.
#[utoipa::path(
    tag = "messages",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "SMS id")),
    responses(
        (status = 202, description = "Queued again", body = SmsOut),
        (status = 400, description = "`id` is not a UUID", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `messages.manage.message`", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such SMS in your reach", body = Problem, content_type = PROBLEM_JSON),
        (status = 409, description = "`delivery_in_flight`: still queued or sending; `secret_not_renewable`: it carried a code", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[post("/sms/{id}/resend")]
async fn resend_sms(state: web::Data<AppState>, caller: Caller, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    let sms = admin::resend::<SmsMessages>(&state, &caller, id.into_inner()).await?;
    Ok(HttpResponse::Accepted().json(SmsOut::from(sms)))
}
