//! Incoming webhooks: a company registers a source (a third party) and gets a
//! `whsec_` secret; the source POSTs to `/api/v1/webhooks/in/{source id}` signed per
//! Standard Webhooks. A verified call is stored once per message id and becomes a
//! `webhook.received` event; a replayed one is acknowledged and dropped.

use chrono::Utc;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait, QueryOrder};
use serde_json::{Value, json};
use uuid::Uuid;

use super::model::{incoming, source};
use super::signing;
use crate::app::AppState;
use crate::caller::Caller;
use crate::error::{ApiError, ApiResult};
use crate::infra::crypto::SecretBox;
use crate::infra::db::{BaseEntity, begin_write};
use crate::platform::audit::service::{self as audit, Change};
use crate::platform::outbox::service as outbox;
use crate::scoped::{find_in_reach, get_in_reach};

use super::service::MANAGE_PERMISSION;

/// The event a verified incoming request becomes.
pub const RECEIVED: &str = "webhook.received";
/// The shape of its data.
pub const DATA_SCHEMA: &str = r#"{
  "type": "object",
  "properties": {
    "source_id": { "type": "string", "format": "uuid" },
    "source": { "type": "string" },
    "message_id": { "type": "string" },
    "payload": { "type": "object", "additionalProperties": {} }
  }
}"#;

/// Calls signed further from now than this are refused (replays of old captures).
const TOLERANCE_SECS: i64 = 5 * 60;

fn secrets(state: &AppState) -> SecretBox {
    SecretBox::new(&state.settings.secret_key, "webhook-source-secret")
}

fn change(s: &source::Model, action: &'static str, after: Option<Value>) -> Change<'static> {
    Change {
        company_id: s.company_id,
        action,
        model: "webhook_source",
        object_id: Some(s.id.to_string()),
        before: None,
        after,
    }
}

/// A new source of a company in reach; returns it with its secret, shown once.
pub async fn create_source(
    state: &AppState,
    caller: &Caller,
    company_id: Option<Uuid>,
    name: String,
) -> ApiResult<(source::Model, String)> {
    let company_id = caller.target_company(&state.db, MANAGE_PERMISSION, company_id).await?.id;
    let secret = signing::new_secret();
    let txn = begin_write(&state.db).await?;
    let created = source::ActiveModel {
        company_id: Set(company_id),
        name: Set(name.trim().to_owned()),
        secret: Set(secrets(state).seal(secret.as_bytes())?),
        enabled: Set(true),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(&txn, &caller.actor, change(&created, "create", Some(json!({ "name": created.name })))).await?;
    txn.commit().await?;
    Ok((created, secret))
}

/// Sources of the caller's company (every company's with scope `all`), by name.
pub async fn list_sources(state: &AppState, caller: &Caller) -> ApiResult<Vec<source::Model>> {
    let sources = find_in_reach::<source::Entity>(caller, MANAGE_PERMISSION)?;
    Ok(sources.order_by_asc(source::Column::Name).all(&state.db).await?)
}

/// Deletes a source in reach: its calls are refused from then on.
pub async fn delete_source(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<()> {
    let found = get_in_reach::<source::Entity>(&state.db, caller, MANAGE_PERMISSION, id).await?;
    let txn = begin_write(&state.db).await?;
    source::Entity::soft_delete(&txn, id, Some(caller.user_id)).await?;
    audit::record(&txn, &caller.actor, change(&found, "delete", None)).await?;
    txn.commit().await?;
    Ok(())
}

/// The Standard Webhooks headers of a call.
pub struct Signed<'a> {
    pub id: &'a str,
    pub timestamp: &'a str,
    pub signature: &'a str,
}

fn unsigned(detail: &str) -> ApiError {
    ApiError::unauthorized("invalid_webhook_signature", detail)
}

/// Verifies and stores a call. `Ok(true)`: new; `Ok(false)`: a replay, dropped.
pub async fn receive(state: &AppState, source_id: Uuid, signed: Option<Signed<'_>>, body: &[u8]) -> ApiResult<bool> {
    let found = source::Entity::find_live_by_id(source_id)
        .one(&state.db)
        .await?
        .filter(|s| s.enabled)
        .ok_or(ApiError::not_found("webhook source"))?;
    let signed = signed.ok_or_else(|| {
        unsigned("Send `webhook-id`, `webhook-timestamp` and `webhook-signature` (Standard Webhooks).")
    })?;
    let timestamp: i64 = signed.timestamp.parse().map_err(|_| unsigned("`webhook-timestamp` is not a Unix time."))?;
    if (Utc::now().timestamp() - timestamp).abs() > TOLERANCE_SECS {
        return Err(unsigned("`webhook-timestamp` is more than 5 minutes away from now."));
    }
    if signed.id.is_empty() || signed.id.len() > 255 {
        return Err(unsigned("`webhook-id` must be 1 to 255 characters."));
    }
    let secret = String::from_utf8(secrets(state).open(&found.secret)?).map_err(anyhow::Error::from)?;
    if !signing::verify(&secret, signed.id, timestamp, body, signed.signature)? {
        return Err(unsigned("The signature does not match this source's secret."));
    }
    let payload: Value = crate::http::json::parse_json(body)?;
    let txn = begin_write(&state.db).await?;
    let event_id = Uuid::now_v7();
    let stored = incoming::Entity::insert(incoming::ActiveModel {
        id: Set(Uuid::now_v7()),
        source_id: Set(found.id),
        company_id: Set(found.company_id),
        message_id: Set(signed.id.to_owned()),
        payload: Set(payload.clone()),
        received_at: Set(Utc::now()),
        event_id: Set(event_id),
    })
    .on_conflict(OnConflict::columns([incoming::Column::SourceId, incoming::Column::MessageId]).do_nothing().to_owned())
    .exec_without_returning(&txn)
    .await?;
    if stored == 0 {
        return Ok(false);
    }
    let data = json!({ "source_id": found.id, "source": found.name, "message_id": signed.id, "payload": payload });
    outbox::emit_with_id(&txn, event_id, Some(found.company_id), RECEIVED, data, &Default::default()).await?;
    txn.commit().await?;
    Ok(true)
}
