//! Queueing, delivering, listing and resending emails.

use std::time::Duration;

use anyhow::Context as _;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Func};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseTransaction, QueryFilter};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;
use uuid::Uuid;

use super::model::{self, Entity as Emails};
use super::templates::{self, TemplateError};
use crate::app::AppState;
use crate::caller::Caller;
use crate::config::Settings;
use crate::error::{ApiError, ApiResult};
use crate::http::pagination::{Page, PageQuery, paginate};
use crate::infra::db::{BaseEntity, begin_write, contains_ignoring_case};
use crate::infra::mail::{Email, FileAttachment};
use crate::platform::audit::service::{self as audit, Change};
use crate::platform::auth::link_renewal;
use crate::platform::delivery::alerts;
use crate::platform::delivery::channel::{self, Channel, Outcome, ProviderTry};
use crate::platform::delivery::retry::RetryPolicy;
use crate::platform::delivery::secrets::{self, Secrets};
use crate::platform::i18n::Locale;
use crate::platform::rbac::scope::Scope;

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
    /// Values only the recipient may read (a link's token): the row shows them
    /// redacted and keeps the real content sealed for the delivery.
    pub secrets: Secrets,
}

impl NewEmail {
    /// `template` rendered in `locale` for one recipient; the context is kept with it
    /// (for previews and audits).
    pub fn from_template(
        template: &str,
        locale: Locale,
        context: serde_json::Value,
        to: String,
        priority: Priority,
    ) -> Result<Self, TemplateError> {
        let rendered = templates::render(template, locale, &context)?;
        Ok(Self {
            to: vec![to],
            subject: rendered.subject,
            text: rendered.text,
            html: Some(rendered.html),
            template: Some(template.to_owned()),
            context: Some(context),
            locale,
            priority,
            ..Default::default()
        })
    }
}

/// What the SMTP server gets; sealed in the row when the email carries a secret.
#[derive(Serialize, Deserialize)]
struct Content {
    subject: String,
    text: String,
    html: Option<String>,
}

/// The content columns of a row: what administrators read (secrets redacted), and the
/// real content sealed for the delivery.
struct Stored {
    subject: String,
    text: String,
    html: Option<String>,
    context: Option<serde_json::Value>,
    sealed: Option<String>,
}

impl Stored {
    fn of(settings: &Settings, new: &NewEmail) -> anyhow::Result<Self> {
        let secrets = &new.secrets;
        let content = Content { subject: new.subject.clone(), text: new.text.clone(), html: new.html.clone() };
        Ok(Self {
            subject: secrets.redact(&new.subject),
            text: secrets.redact(&new.text),
            html: new.html.as_deref().map(|html| secrets.redact(html)),
            context: new.context.as_ref().map(|context| secrets.redact_json(context)),
            sealed: secrets.seal(settings, &content)?,
        })
    }
}

/// Writes the email to the queue. Call it inside the transaction of the change that
/// causes it: the email exists if and only if the change committed. A worker's relay
/// picks it up within `relay_interval_ms`.
pub async fn enqueue(db: &impl ConnectionTrait, state: &AppState, new: NewEmail) -> ApiResult<model::Model> {
    if new.to.is_empty() {
        return Err(ApiError::field("to", "required", "needs at least one recipient"));
    }
    let stored = Stored::of(&state.settings, &new)?;
    let id = Uuid::now_v7();
    let domain = state.settings.email.mail_from.rsplit_once('@').map_or("opsflux", |(_, d)| d.trim_end_matches('>'));
    let now = Utc::now();
    let row = model::ActiveModel {
        id: Set(id),
        company_id: Set(new.company_id),
        to_addrs: Set(json!(new.to)),
        cc_addrs: Set(json!(new.cc)),
        bcc_addrs: Set(json!(new.bcc)),
        subject: Set(stored.subject),
        html_body: Set(stored.html),
        text_body: Set(stored.text),
        template: Set(new.template),
        context: Set(stored.context),
        sealed: Set(stored.sealed),
        locale: Set(new.locale.as_str().to_owned()),
        priority: Set(new.priority.rank()),
        attachments: Set(json!(new.attachments)),
        status: Set(Status::Queued.as_str().to_owned()),
        attempts: Set(0),
        max_attempts: Set(<Emails as Channel>::policy(&state.settings).max_attempts),
        next_attempt_at: Set(new.scheduled_at.unwrap_or(now)),
        message_id: Set(Some(format!("<{id}@{domain}>"))),
        created_by: Set(new.created_by),
        updated_by: Set(new.created_by),
        ..Default::default()
    };
    Ok(row.insert(db).await?)
}

crate::delivery_table!(model, "email", finished: SentAt, priority: Priority, provider_ref: SmtpReply);

/// Email goes to the SMTP relay, then to the fallback relay when there is one; an email
/// is `sent` once a relay accepted it.
#[async_trait::async_trait]
impl Channel for Emails {
    const DONE: &'static str = "sent";
    type Found = ();

    fn policy(settings: &Settings) -> RetryPolicy {
        RetryPolicy::email(Duration::from_millis(settings.delivery.retry_base_delay_ms))
    }

    async fn attempt(state: &AppState, row: &model::Model) -> (Outcome, ()) {
        let message = match to_message(&state.settings, row) {
            Ok(message) => message,
            Err(err) => return (Outcome { tries: vec![ProviderTry::failed_before("none", err)], permanent: true }, ()),
        };
        let mut tries = Vec::new();
        for mailer in state.mailers.iter() {
            let (mut provider_try, sent) = ProviderTry::time(mailer.backend(), mailer.send(&message)).await;
            let accepted = sent.is_ok();
            if let Ok(reply) = sent {
                (provider_try.response_status, provider_try.reference) = (reply.status, reply.reference);
            }
            tries.push(provider_try);
            if accepted {
                break;
            }
        }
        (Outcome { tries, permanent: false }, ())
    }

    async fn gave_up(
        txn: &DatabaseTransaction,
        state: &AppState,
        row: &model::Model,
        _: &(),
        outcome: &Outcome,
    ) -> ApiResult<()> {
        // The alert's own failure raises no further alert.
        if row.template.as_deref() == Some(alerts::TEMPLATE) {
            return Ok(());
        }
        let to = addresses(&row.to_addrs);
        let what = format!("email “{}” to {}", row.subject, to.join(", "));
        let data =
            json!({ "channel": "email", "id": row.id, "to": to, "subject": row.subject, "error": outcome.error() });
        alerts::delivery_failed(txn, state, row.company_id, &what, data).await
    }
}

fn addresses(value: &serde_json::Value) -> Vec<String> {
    serde_json::from_value(value.clone()).unwrap_or_default()
}

fn to_message(settings: &Settings, email: &model::Model) -> anyhow::Result<Email> {
    let content = match &email.sealed {
        Some(sealed) => secrets::open(settings, sealed).context("the email's sealed content")?,
        None => {
            Content { subject: email.subject.clone(), text: email.text_body.clone(), html: email.html_body.clone() }
        }
    };
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
        subject: content.subject,
        text: content.text,
        html: content.html,
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
    caller: &Caller,
    filter: EmailFilter,
    page: &PageQuery,
) -> ApiResult<Page<model::Model>> {
    let mut select = match caller.perms.require(VIEW_PERMISSION)? {
        Scope::Own => Emails::find_live().filter(model::Column::CreatedBy.eq(caller.user_id)),
        Scope::Company => Emails::find_live().filter(model::Column::CompanyId.eq(caller.company_id)),
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
pub async fn get_visible(db: &impl ConnectionTrait, caller: &Caller, id: Uuid) -> ApiResult<model::Model> {
    let scope = caller.perms.require(VIEW_PERMISSION)?;
    let email = Emails::find_live_by_id(id).one(db).await?.ok_or(ApiError::not_found("email"))?;
    let visible = match scope {
        Scope::Own => email.created_by == Some(caller.user_id),
        Scope::Company => email.company_id == Some(caller.company_id),
        Scope::All => true,
    };
    if visible { Ok(email) } else { Err(ApiError::not_found("email")) }
}

/// Sends a `sent` or `failed` email again, with a fresh set of tries. Audited. An email
/// that carried a link goes out with a fresh link (the old one dies): the log never
/// replays a secret.
pub async fn resend(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<model::Model> {
    let email = get_visible(&state.db, caller, id).await?;
    let needed = match caller.perms.require(MANAGE_PERMISSION)? {
        Scope::All => true,
        _ => email.company_id == Some(caller.company_id),
    };
    if !needed {
        return Err(ApiError::not_found("email"));
    }
    let txn = begin_write(&state.db).await?;
    let before = json!({ "status": email.status, "attempts": email.attempts });
    let mut after = channel::requeue::<Emails>(&txn, &state.settings, id).await?.ok_or_else(|| ApiError::Conflict {
        code: "email_in_flight",
        detail: "This email is still queued or being sent; it can be resent once it is sent or failed.".into(),
    })?;
    if after.sealed.is_some() {
        let renewed = link_renewal::renew_link(&txn, state, &after).await?;
        let stored = Stored::of(&state.settings, &renewed)?;
        let mut row: model::ActiveModel = after.into();
        row.subject = Set(stored.subject);
        row.text_body = Set(stored.text);
        row.html_body = Set(stored.html);
        row.context = Set(stored.context);
        row.sealed = Set(stored.sealed);
        after = row.update(&txn).await?;
    }
    let change = Change {
        company_id: email.company_id.unwrap_or(caller.company_id),
        action: "resend",
        model: "email",
        object_id: Some(id.to_string()),
        before: Some(before),
        after: Some(json!({ "status": after.status, "attempts": after.attempts })),
    };
    audit::record(&txn, &caller.actor, change).await?;
    txn.commit().await?;
    Ok(after)
}
