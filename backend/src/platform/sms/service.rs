//! Queueing and delivering SMS.

use std::time::Duration;

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter,
};
use serde::{Deserialize, Serialize};
use serde_json::json;
use uuid::Uuid;

use super::model::{self, Entity as SmsMessages};
use crate::app::AppState;
use crate::config::Settings;
use crate::error::{ApiError, ApiResult};
use crate::infra::sms;
use crate::platform::delivery::alerts;
use crate::platform::delivery::channel::{Channel, Outcome, ProviderTry};
use crate::platform::delivery::retry::RetryPolicy;
use crate::platform::delivery::rows;
use crate::platform::delivery::secrets::{self, Secrets};
use crate::platform::email::service::{self as email, NewEmail, Priority};
use crate::platform::email::templates;
use crate::platform::i18n::Locale;
use crate::platform::users::model as user;

crate::delivery_table!(model, "sms", finished: SentAt, response_status: ResponseStatus, provider_ref: ProviderRef);

/// Sent to a user of a company (`delivery::admin`).
impl crate::platform::delivery::admin::Addressed for model::Entity {
    fn sealed(row: &model::Model) -> bool {
        row.sealed.is_some()
    }
}

/// An SMS to send.
#[derive(Debug, Default)]
pub struct NewSms {
    pub company_id: Option<Uuid>,
    /// The recipient, when a user: the email fallback needs their address.
    pub user_id: Option<Uuid>,
    /// E.164, e.g. `+33612345678`.
    pub to: String,
    pub body: String,
    /// Values in `body` only the recipient may read (a code).
    pub secrets: Secrets,
    /// Not before (the end of the recipient's do-not-disturb window); now when `None`.
    pub not_before: Option<chrono::DateTime<chrono::Utc>>,
}

/// What the provider gets, sealed in the row when the text carries a secret; the
/// secrets go along so that an email fallback redacts them too.
#[derive(Serialize, Deserialize)]
struct Content {
    body: String,
    secrets: Secrets,
}

/// The text to send: the sealed one when there is one.
fn content(settings: &Settings, row: &model::Model) -> anyhow::Result<Content> {
    match &row.sealed {
        Some(sealed) => secrets::open(settings, sealed),
        None => Ok(Content { body: row.body.clone(), secrets: Secrets::default() }),
    }
}

/// Writes the SMS to the queue, inside the caller's transaction.
pub async fn enqueue(db: &impl ConnectionTrait, state: &AppState, new: NewSms) -> ApiResult<model::Model> {
    if !sms::is_e164(&new.to) {
        return Err(ApiError::field("to", "invalid_phone", "must be an E.164 number such as +33612345678"));
    }
    if new.body.trim().is_empty() || new.body.chars().count() > 1600 {
        return Err(ApiError::field("body", "length", "must hold 1 to 1600 characters"));
    }
    let now = chrono::Utc::now();
    let body = new.secrets.redact(&new.body);
    let sealed = new.secrets.seal(&state.settings, &Content { body: new.body, secrets: new.secrets.clone() })?;
    let row = model::ActiveModel {
        id: Set(Uuid::now_v7()),
        created_at: Set(now),
        company_id: Set(new.company_id),
        user_id: Set(new.user_id),
        to_number: Set(new.to),
        body: Set(body),
        sealed: Set(sealed),
        status: Set(rows::QUEUED.to_owned()),
        attempts: Set(0),
        max_attempts: Set(<SmsMessages as Channel>::policy(&state.settings).max_attempts),
        next_attempt_at: Set(new.not_before.unwrap_or(now)),
        ..Default::default()
    };
    Ok(row.insert(db).await?)
}

#[async_trait::async_trait]
impl Channel for SmsMessages {
    const DONE: &'static str = "sent";
    type Found = ();

    fn policy(settings: &Settings) -> RetryPolicy {
        RetryPolicy::sms(Duration::from_millis(settings.delivery.retry_base_delay_ms))
    }

    async fn attempt(state: &AppState, row: &model::Model) -> (Outcome, ()) {
        let text = match content(&state.settings, row) {
            Ok(content) => content.body,
            Err(err) => return (Outcome { tries: vec![ProviderTry::failed_before("none", err)], permanent: true }, ()),
        };
        let (tried, refusal) = ProviderTry::call(state.sms.name(), state.sms.send(&row.to_number, &text)).await;
        (Outcome { tries: vec![tried], permanent: refusal.is_some_and(|r| r.permanent) }, ())
    }

    /// The text goes to the recipient's email instead, and the administrators hear of it.
    async fn gave_up(
        txn: &DatabaseTransaction,
        state: &AppState,
        row: &model::Model,
        _: &(),
        outcome: &Outcome,
    ) -> ApiResult<()> {
        let fallback = match row.user_id {
            Some(user_id) => email_instead(txn, state, row, user_id).await?,
            None => None,
        };
        if let Some(email_id) = fallback {
            let mut active: model::ActiveModel = row.clone().into();
            active.fallback_email_id = Set(Some(email_id));
            active.update(txn).await?;
        }
        let what = format!("SMS to {}", row.to_number);
        let data = json!({
            "channel": "sms", "id": row.id, "to": row.to_number, "error": outcome.error(), "fallback_email_id": fallback,
        });
        alerts::delivery_failed(txn, state, row.company_id, &what, data).await
    }
}

/// Queues the SMS's text as an email to the user, when they are active.
async fn email_instead(
    txn: &DatabaseTransaction,
    state: &AppState,
    row: &model::Model,
    user_id: Uuid,
) -> ApiResult<Option<Uuid>> {
    let Some(recipient) = user::Entity::find_by_id(user_id).filter(user::Column::IsActive.eq(true)).one(txn).await?
    else {
        return Ok(None);
    };
    let locale = Locale::from_stored(&recipient.locale);
    let title = templates::phrase(locale, "sms_fallback", "title", &json!({})).map_err(anyhow::Error::from)?;
    let Content { body, secrets } = content(&state.settings, row)?;
    let context = json!({ "name": recipient.full_name, "title": title, "message": body });
    let mut fallback =
        NewEmail::from_template("notification_email", locale, context, recipient.email, Priority::Urgent)
            .map_err(anyhow::Error::from)?;
    fallback.company_id = row.company_id;
    fallback.secrets = secrets;
    let queued = email::enqueue(txn, state, fallback).await?;
    Ok(Some(queued.id))
}
