//! Queueing, delivering, listing and resending emails.

use std::time::{Duration, Instant};

use anyhow::Context as _;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Func};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;
use uuid::Uuid;

use super::model::{self, Entity as Emails};
use crate::app::AppState;
use crate::error::{ApiError, ApiResult};
use crate::http::pagination::{Page, PageQuery, paginate};
use crate::infra::db::{BaseEntity, begin_write, contains_ignoring_case};
use crate::infra::mail::{Email, FileAttachment};
use crate::infra::queue::JobKind;
use crate::platform::audit::service::{self as audit, Change};
use crate::platform::delivery::alerts;
use crate::platform::delivery::retry::RetryPolicy;
use crate::platform::delivery::rows::{self, DeliveryTable};
use crate::platform::delivery::service::{self as delivery, Attempt};
use crate::platform::i18n::Locale;
use crate::platform::rbac::scope::Scope;
use crate::platform::rbac::service::Manager;

pub const VIEW_PERMISSION: &str = "emails.view.email";
pub const MANAGE_PERMISSION: &str = "emails.manage.email";

/// Urgent goes first.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Priority {
    Urgent,
    High,
    #[default]
    Normal,
    Low,
}

impl Priority {
    fn rank(self) -> i16 {
        match self {
            Self::Urgent => 0,
            Self::High => 1,
            Self::Normal => 2,
            Self::Low => 3,
        }
    }

    pub fn from_rank(rank: i16) -> Self {
        match rank {
            0 => Self::Urgent,
            1 => Self::High,
            3 => Self::Low,
            _ => Self::Normal,
        }
    }
}

/// Where an email stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Waiting for its (next) try.
    Queued,
    /// A worker is handing it to the SMTP server.
    Sending,
    /// The SMTP server accepted it.
    Sent,
    /// Every try failed; an administrator can resend it.
    Failed,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Queued => "queued",
            Self::Sending => "sending",
            Self::Sent => "sent",
            Self::Failed => "failed",
        }
    }

    pub fn parse(value: &str) -> Self {
        match value {
            "sending" => Self::Sending,
            "sent" => Self::Sent,
            "failed" => Self::Failed,
            _ => Self::Queued,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct AttachmentData {
    pub filename: String,
    pub content_type: String,
    pub content_base64: String,
}

/// An email to send, already rendered.
#[derive(Debug, Default)]
pub struct NewEmail {
    pub company_id: Option<Uuid>,
    pub to: Vec<String>,
    pub cc: Vec<String>,
    pub bcc: Vec<String>,
    pub subject: String,
    pub text: String,
    pub html: Option<String>,
    pub template: Option<String>,
    pub context: Option<serde_json::Value>,
    pub locale: Locale,
    pub priority: Priority,
    /// Not before; now when `None`.
    pub scheduled_at: Option<DateTime<Utc>>,
    pub attachments: Vec<AttachmentData>,
    pub created_by: Option<Uuid>,
}

/// Writes the email to the queue. Call it inside the transaction of the change that
/// causes it: the email exists if and only if the change committed. A worker's relay
/// picks it up within `relay_interval_ms`.
pub async fn enqueue(db: &impl ConnectionTrait, state: &AppState, new: NewEmail) -> ApiResult<model::Model> {
    if new.to.is_empty() {
        return Err(ApiError::field("to", "required", "needs at least one recipient"));
    }
    let id = Uuid::now_v7();
    let domain = state.settings.mail_from.rsplit_once('@').map_or("opsflux", |(_, d)| d.trim_end_matches('>'));
    let now = Utc::now();
    let row = model::ActiveModel {
        id: Set(id),
        company_id: Set(new.company_id),
        to_addrs: Set(json!(new.to)),
        cc_addrs: Set(json!(new.cc)),
        bcc_addrs: Set(json!(new.bcc)),
        subject: Set(new.subject),
        html_body: Set(new.html),
        text_body: Set(new.text),
        template: Set(new.template),
        context: Set(new.context),
        locale: Set(new.locale.as_str().to_owned()),
        priority: Set(new.priority.rank()),
        attachments: Set(json!(new.attachments)),
        status: Set(Status::Queued.as_str().to_owned()),
        attempts: Set(0),
        max_attempts: Set(policy(state).max_attempts),
        next_attempt_at: Set(new.scheduled_at.unwrap_or(now)),
        message_id: Set(Some(format!("<{id}@{domain}>"))),
        created_by: Set(new.created_by),
        updated_by: Set(new.created_by),
        ..Default::default()
    };
    Ok(row.insert(db).await?)
}

impl DeliveryTable for Emails {
    const KIND: JobKind = JobKind::Email;
    fn id() -> model::Column {
        model::Column::Id
    }
    fn status() -> model::Column {
        model::Column::Status
    }
    fn next_attempt_at() -> model::Column {
        model::Column::NextAttemptAt
    }
    fn enqueued_at() -> model::Column {
        model::Column::EnqueuedAt
    }
    fn locked_until() -> model::Column {
        model::Column::LockedUntil
    }
    fn priority() -> Option<model::Column> {
        Some(model::Column::Priority)
    }
}

fn policy(state: &AppState) -> RetryPolicy {
    RetryPolicy::email(Duration::from_millis(state.settings.retry_base_delay_ms))
}

/// One try: claims the email (so a duplicate job does nothing), hands it to the
/// mailer, records the try, and settles the row: `sent`, back to `queued` for a later
/// try, or `failed` after the last.
pub async fn deliver(state: &AppState, id: Uuid) -> anyhow::Result<()> {
    if !rows::claim::<Emails>(&state.db, id).await? {
        return Ok(());
    }
    let email = Emails::find_by_id(id).one(&state.db).await?.context("a claimed email vanished")?;
    let attempt = email.attempts + 1;
    let started_at = Utc::now();
    let clock = Instant::now();
    let result = match to_message(&email) {
        Ok(message) => state.mailer.send(&message).await,
        Err(err) => Err(err),
    };
    let error = result.err().map(|e| format!("{e:#}"));
    let txn = begin_write(&state.db).await?;
    delivery::record(
        &txn,
        Attempt {
            channel: "email",
            delivery_id: id,
            attempt,
            started_at,
            duration: clock.elapsed(),
            provider: state.mailer.backend(),
            error: error.clone(),
            response_status: None,
        },
    )
    .await?;
    let gives_up = attempt >= email.max_attempts;
    let (template, subject, to, company_id) =
        (email.template.clone(), email.subject.clone(), addresses(&email.to_addrs), email.company_id);
    let mut row: model::ActiveModel = email.into();
    row.attempts = Set(attempt);
    row.locked_until = Set(None);
    match &error {
        None => {
            row.status = Set(Status::Sent.as_str().to_owned());
            row.sent_at = Set(Some(Utc::now()));
            row.last_error = Set(None);
        }
        Some(err) if gives_up => {
            tracing::warn!(email = %id, attempt, error = %err, "email failed for good");
            row.status = Set(Status::Failed.as_str().to_owned());
            row.last_error = Set(Some(err.clone()));
            if template.as_deref() != Some(alerts::TEMPLATE) {
                let what = format!("email “{subject}” to {}", to.join(", "));
                let data = json!({ "channel": "email", "id": id, "to": to, "subject": subject, "error": err });
                alerts::delivery_failed(&txn, state, company_id, &what, data).await?;
            }
        }
        Some(err) => {
            let delay = policy(state).delay_after(attempt);
            tracing::info!(email = %id, attempt, retry_in_ms = delay.as_millis(), error = %err, "email try failed");
            row.status = Set(Status::Queued.as_str().to_owned());
            row.next_attempt_at = Set(Utc::now() + delay);
            row.enqueued_at = Set(None);
            row.last_error = Set(Some(err.clone()));
        }
    }
    row.update(&txn).await?;
    txn.commit().await?;
    Ok(())
}

fn addresses(value: &serde_json::Value) -> Vec<String> {
    serde_json::from_value(value.clone()).unwrap_or_default()
}

fn to_message(email: &model::Model) -> anyhow::Result<Email> {
    let attachments: Vec<AttachmentData> = serde_json::from_value(email.attachments.clone()).unwrap_or_default();
    let attachments = attachments
        .into_iter()
        .map(|a| {
            let bytes = BASE64.decode(&a.content_base64).context("attachment is not base64")?;
            Ok(FileAttachment { filename: a.filename, content_type: a.content_type, bytes })
        })
        .collect::<anyhow::Result<_>>()?;
    Ok(Email {
        to: addresses(&email.to_addrs),
        cc: addresses(&email.cc_addrs),
        bcc: addresses(&email.bcc_addrs),
        subject: email.subject.clone(),
        text: email.text_body.clone(),
        html: email.html_body.clone(),
        message_id: email.message_id.clone(),
        attachments,
    })
}

// ---------------------------------------------------------------------------
// Administration

#[derive(Debug, Default)]
pub struct EmailFilter {
    pub status: Option<Status>,
    /// Part of a recipient's address.
    pub to: Option<String>,
    pub template: Option<String>,
}

/// Emails in reach of `emails.view.email`: the company's (scope `company`), all
/// (`all`), or those one caused (`own`).
pub async fn list(
    db: &impl ConnectionTrait,
    manager: &Manager<'_>,
    filter: EmailFilter,
    page: &PageQuery,
) -> ApiResult<Page<model::Model>> {
    let mut select = match manager.perms.require(VIEW_PERMISSION)? {
        Scope::Own => Emails::find_live().filter(model::Column::CreatedBy.eq(manager.user_id)),
        Scope::Company => Emails::find_live().filter(model::Column::CompanyId.eq(manager.company_id)),
        Scope::All => Emails::find_live(),
    };
    if let Some(status) = filter.status {
        select = select.filter(model::Column::Status.eq(status.as_str()));
    }
    if let Some(to) = filter.to.filter(|t| !t.trim().is_empty()) {
        let recipients = Func::lower(Expr::col(model::Column::ToAddrs).cast_as("text"));
        select = select.filter(Expr::expr(recipients).like(contains_ignoring_case(&to)));
    }
    if let Some(template) = filter.template {
        select = select.filter(model::Column::Template.eq(template));
    }
    paginate(db, select, page).await
}

/// An email in reach, else 404.
pub async fn get_visible(db: &impl ConnectionTrait, manager: &Manager<'_>, id: Uuid) -> ApiResult<model::Model> {
    let scope = manager.perms.require(VIEW_PERMISSION)?;
    let email = Emails::find_live_by_id(id).one(db).await?.ok_or(ApiError::not_found("email"))?;
    let visible = match scope {
        Scope::Own => email.created_by == Some(manager.user_id),
        Scope::Company => email.company_id == Some(manager.company_id),
        Scope::All => true,
    };
    if visible { Ok(email) } else { Err(ApiError::not_found("email")) }
}

/// Sends a `sent` or `failed` email again, with a fresh set of tries. Audited.
pub async fn resend(state: &AppState, manager: &Manager<'_>, id: Uuid) -> ApiResult<model::Model> {
    let email = get_visible(&state.db, manager, id).await?;
    let needed = match manager.perms.require(MANAGE_PERMISSION)? {
        Scope::All => true,
        _ => email.company_id == Some(manager.company_id),
    };
    if !needed {
        return Err(ApiError::not_found("email"));
    }
    let status = Status::parse(&email.status);
    if !matches!(status, Status::Sent | Status::Failed) {
        return Err(ApiError::Conflict {
            code: "email_in_flight",
            detail: "This email is still queued or being sent; it can be resent once it is sent or failed.".into(),
        });
    }
    let txn = begin_write(&state.db).await?;
    let before = json!({ "status": email.status, "attempts": email.attempts });
    let mut row: model::ActiveModel = email.clone().into();
    row.status = Set(Status::Queued.as_str().to_owned());
    row.max_attempts = Set(email.attempts + policy(state).max_attempts);
    row.next_attempt_at = Set(Utc::now());
    row.enqueued_at = Set(None);
    row.updated_by = Set(Some(manager.user_id));
    let after = row.update(&txn).await?;
    let change = Change {
        company_id: email.company_id.unwrap_or(manager.company_id),
        action: "resend",
        model: "email",
        object_id: Some(id.to_string()),
        before: Some(before),
        after: Some(json!({ "status": after.status, "attempts": after.attempts })),
    };
    audit::record(&txn, &manager.actor, change).await?;
    txn.commit().await?;
    Ok(after)
}
