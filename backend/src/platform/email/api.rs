//! `/api/v1/emails`: what the platform sent, with every try, and resending.
//!
//! Reading needs `emails.view.email` (own: emails you caused, company, all);
//! resending needs `emails.manage.email` too. `/api/v1/email-templates` lists the
//! templates and previews them (`emails.view.email`).

use actix_web::{HttpResponse, get, post, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use validator::Validate;

use super::model;
use super::service::{self, EmailFilter, Priority, Status, VIEW_PERMISSION};
use super::templates::{self, Rendered, TemplateError, TemplateInfo};
use crate::app::AppState;
use crate::error::{ApiError, ApiResult, PROBLEM_JSON, Problem};
use crate::http::{Caller, Page, PageQuery, ValidatedJson};
use crate::platform::delivery::model as attempt_model;
use crate::platform::delivery::service as delivery;
use crate::platform::i18n::Locale;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_emails).service(get_email).service(resend_email).service(list_templates).service(preview_template);
}

/// An email, without its bodies and attachments.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct EmailOut {
    pub id: Uuid,
    pub company_id: Option<Uuid>,
    pub to: Vec<String>,
    pub cc: Vec<String>,
    pub bcc: Vec<String>,
    pub subject: String,
    pub template: Option<String>,
    pub locale: String,
    pub priority: Priority,
    pub status: Status,
    pub attempts: i32,
    pub max_attempts: i32,
    pub next_attempt_at: DateTime<Utc>,
    pub last_error: Option<String>,
    pub message_id: Option<String>,
    pub sent_at: Option<DateTime<Utc>>,
    /// What the SMTP server answered when it took the message, e.g.
    /// `250 2.0.0 Ok: queued as 4XyZ`.
    pub smtp_reply: Option<String>,
    pub created_at: DateTime<Utc>,
}

impl From<model::Model> for EmailOut {
    fn from(e: model::Model) -> Self {
        let list = |v: &serde_json::Value| serde_json::from_value(v.clone()).unwrap_or_default();
        Self {
            to: list(&e.to_addrs),
            cc: list(&e.cc_addrs),
            bcc: list(&e.bcc_addrs),
            priority: Priority::from_rank(e.priority),
            status: Status::parse(&e.status),
            id: e.id,
            company_id: e.company_id,
            subject: e.subject,
            template: e.template,
            locale: e.locale,
            attempts: e.attempts,
            max_attempts: e.max_attempts,
            next_attempt_at: e.next_attempt_at,
            last_error: e.last_error,
            message_id: e.message_id,
            sent_at: e.sent_at,
            smtp_reply: e.smtp_reply,
            created_at: e.created_at,
        }
    }
}

/// One try at delivering.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct AttemptOut {
    pub attempt: i32,
    pub started_at: DateTime<Utc>,
    pub duration_ms: i32,
    pub ok: bool,
    pub provider: String,
    pub error: Option<String>,
    pub response_status: Option<i32>,
}

impl From<attempt_model::Model> for AttemptOut {
    fn from(a: attempt_model::Model) -> Self {
        Self {
            attempt: a.attempt,
            started_at: a.started_at,
            duration_ms: a.duration_ms,
            ok: a.ok,
            provider: a.provider,
            error: a.error,
            response_status: a.response_status,
        }
    }
}

/// An email with its bodies and its tries. A secret it carries (the token of a reset or
/// invitation link, a code) reads `[redacted]`: only the recipient gets it.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct EmailDetailOut {
    #[serde(flatten)]
    pub email: EmailOut,
    pub text_body: String,
    pub html_body: Option<String>,
    pub attempts_log: Vec<AttemptOut>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EmailQuery {
    pub status: Option<Status>,
    /// Part of a recipient's address.
    pub to: Option<String>,
    /// Template name, e.g. `invitation`.
    pub template: Option<String>,
}

/// Emails in your reach, newest first. Permission: `emails.view.email`.
#[utoipa::path(
    tag = "emails",
    security(("bearer" = [])),
    params(EmailQuery, PageQuery),
    responses(
        (status = 200, description = "One page of emails", body = Page<EmailOut>),
        (status = 400, description = "Invalid filter, `limit` or `cursor`", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `emails.view.email`", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[get("/emails")]
async fn list_emails(
    state: web::Data<AppState>,
    caller: Caller,
    filter: web::Query<EmailQuery>,
    page: web::Query<PageQuery>,
) -> ApiResult<web::Json<Page<EmailOut>>> {
    let EmailQuery { status, to, template } = filter.into_inner();
    let filter = EmailFilter { status, to, template };
    Ok(web::Json(service::list(&state.db, &caller, filter, &page).await?.map(EmailOut::from)))
}

/// One email with its bodies and every try. Permission: `emails.view.email`.
#[utoipa::path(
    tag = "emails",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Email id")),
    responses(
        (status = 200, description = "The email", body = EmailDetailOut),
        (status = 400, description = "`id` is not a UUID", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `emails.view.email`", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such email in your reach", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[get("/emails/{id}")]
async fn get_email(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<EmailDetailOut>> {
    let email = service::get_visible(&state.db, &caller, id.into_inner()).await?;
    let attempts_log = delivery::attempts_of(&state.db, email.id).await?.into_iter().map(AttemptOut::from).collect();
    let (text_body, html_body) = (email.text_body.clone(), email.html_body.clone());
    Ok(web::Json(EmailDetailOut { email: email.into(), text_body, html_body, attempts_log }))
}

/// Send a `sent` or `failed` email again, with a fresh set of tries. Audited.
/// Permissions: `emails.view.email` and `emails.manage.email`.
///
/// An email that carried a link (reset, invitation) goes out with a fresh link, and the
/// old one stops working; one whose secret cannot be renewed (an accepted invitation, a
/// disabled account, a code) answers 409 `secret_not_renewable`.
#[utoipa::path(
    tag = "emails",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Email id")),
    responses(
        (status = 202, description = "Queued again", body = EmailOut),
        (status = 400, description = "`id` is not a UUID", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `emails.manage.email`", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such email in your reach", body = Problem, content_type = PROBLEM_JSON),
        (status = 409, description = "`email_in_flight`: still queued or sending; `secret_not_renewable`", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[post("/emails/{id}/resend")]
async fn resend_email(state: web::Data<AppState>, caller: Caller, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    let email = service::resend(&state, &caller, id.into_inner()).await?;
    Ok(HttpResponse::Accepted().json(EmailOut::from(email)))
}

/// The email templates, with the context each one takes (as a sample).
/// Permission: `emails.view.email`.
#[utoipa::path(
    tag = "emails",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Every template", body = Vec<TemplateInfo>),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `emails.view.email`", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[get("/email-templates")]
async fn list_templates(caller: Caller) -> ApiResult<web::Json<Vec<TemplateInfo>>> {
    caller.require(VIEW_PERMISSION)?;
    Ok(web::Json(templates::catalog()))
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PreviewIn {
    #[serde(default)]
    pub locale: Locale,
    /// The template's context; its sample context when absent.
    #[schema(value_type = Option<Object>)]
    pub context: Option<serde_json::Map<String, serde_json::Value>>,
}

/// Render a template without sending anything: subject, HTML and text parts.
/// Permission: `emails.view.email`.
#[utoipa::path(
    tag = "emails",
    security(("bearer" = [])),
    params(("name" = String, Path, description = "Template name, e.g. `invitation`")),
    request_body = PreviewIn,
    responses(
        (status = 200, description = "The rendered email", body = Rendered),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `emails.view.email`", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such template", body = Problem, content_type = PROBLEM_JSON),
        (status = 415, description = "Body is not JSON", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "The context lacks a value the template uses", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[post("/email-templates/{name}/preview")]
async fn preview_template(
    caller: Caller,
    name: web::Path<String>,
    body: ValidatedJson<PreviewIn>,
) -> ApiResult<web::Json<Rendered>> {
    caller.require(VIEW_PERMISSION)?;
    let PreviewIn { locale, context } = body.into_inner();
    let name = name.into_inner();
    let context = match context {
        Some(context) => serde_json::Value::Object(context),
        None => {
            templates::catalog()
                .into_iter()
                .find(|t| t.name == name)
                .ok_or(ApiError::not_found("email template"))?
                .sample_context
        }
    };
    match templates::render(&name, locale, &context) {
        Ok(rendered) => Ok(web::Json(rendered)),
        Err(TemplateError::Unknown(_)) => Err(ApiError::not_found("email template")),
        Err(err @ TemplateError::Render(_)) => Err(ApiError::field("context", "template_error", err.to_string())),
    }
}
