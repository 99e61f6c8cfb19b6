//! What goes out: every outbox event planned as a delivery to each endpoint that wants
//! it (or to one, for a hook's `call_webhook`), one signed try to the endpoint's URL, and
//! the endpoint's health (disabled after failing too long).

use std::collections::BTreeMap;
use std::time::Duration;

use chrono::Utc;
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter,
};
use serde_json::json;
use uuid::Uuid;

use super::model::{delivery, endpoint};
use super::service::{DELIVERED, ENDPOINT_DISABLED, MANAGE_PERMISSION, endpoint_json, secrets};
use super::{signing, vault};
use crate::app::AppState;
use crate::config::Settings;
use crate::error::{ApiError, ApiResult};
use crate::infra::db::BaseEntity;
use crate::module::{AfterCommit, Subscriber};
use crate::platform::delivery::alerts;
use crate::platform::delivery::channel::{Channel, Outcome, ProviderTry};
use crate::platform::delivery::retry::RetryPolicy;
use crate::platform::delivery::rows;
use crate::platform::email::account::{AccountEmail, send_in};
use crate::platform::outbox::model as outbox;
use crate::platform::outbox::service as outbox_service;
use crate::platform::rbac::grants::holders_of;

crate::delivery_table!(delivery, "webhook", finished: DeliveredAt, response_status: ResponseStatus);

/// The outbox subscriber: every event becomes a delivery to each enabled endpoint of its
/// company that wants its type.
pub struct PlanDeliveries;

#[async_trait::async_trait]
impl Subscriber for PlanDeliveries {
    async fn handle(
        &self,
        txn: &DatabaseTransaction,
        state: &AppState,
        events: &[outbox::Model],
    ) -> ApiResult<AfterCommit> {
        plan_deliveries(txn, state, events).await?;
        Ok(AfterCommit::new())
    }
}

/// Plans the delivery of `event` to one of the company's enabled endpoints (a hook's
/// `call_webhook`): signed, retried and logged like every delivery.
pub async fn deliver_to(
    db: &impl ConnectionTrait,
    state: &AppState,
    company_id: Uuid,
    endpoint_id: Uuid,
    event: &outbox::Model,
) -> ApiResult<Uuid> {
    let target = endpoint::Entity::find_live()
        .filter(endpoint::Column::Id.eq(endpoint_id))
        .filter(endpoint::Column::CompanyId.eq(company_id))
        .one(db)
        .await?
        .ok_or(ApiError::not_found("webhook endpoint"))?;
    if !target.enabled {
        return Err(ApiError::Conflict {
            code: "endpoint_disabled",
            detail: "The webhook endpoint is disabled.".into(),
        });
    }
    let max_attempts = <delivery::Entity as Channel>::policy(&state.settings).max_attempts;
    let row = delivery_row(&target, event, Utc::now(), max_attempts);
    let id = row.id.clone().unwrap();
    delivery::Entity::insert(row).exec_without_returning(db).await?;
    Ok(id)
}

fn delivery_row(
    target: &endpoint::Model,
    event: &outbox::Model,
    now: chrono::DateTime<Utc>,
    max_attempts: i32,
) -> delivery::ActiveModel {
    delivery::ActiveModel {
        id: Set(Uuid::now_v7()),
        created_at: Set(now),
        company_id: Set(target.company_id),
        endpoint_id: Set(target.id),
        event_id: Set(event.id),
        event_type: Set(event.event_type.clone()),
        payload: Set(event.payload.clone()),
        status: Set(rows::QUEUED.to_owned()),
        attempts: Set(0),
        max_attempts: Set(max_attempts),
        next_attempt_at: Set(now),
        enqueued_at: Set(None),
        locked_until: Set(None),
        last_error: Set(None),
        response_status: Set(None),
        delivered_at: Set(None),
    }
}

async fn plan_deliveries(db: &impl ConnectionTrait, state: &AppState, events: &[outbox::Model]) -> ApiResult<()> {
    let companies: Vec<Uuid> = events.iter().filter_map(|e| e.company_id).collect();
    if companies.is_empty() {
        return Ok(());
    }
    let endpoints = endpoint::Entity::find_live()
        .filter(endpoint::Column::CompanyId.is_in(companies))
        .filter(endpoint::Column::Enabled.eq(true))
        .all(db)
        .await?;
    let wanted: Vec<(&endpoint::Model, Vec<String>)> =
        endpoints.iter().map(|e| (e, serde_json::from_value(e.event_types.clone()).unwrap_or_default())).collect();
    let now = Utc::now();
    let max_attempts = <delivery::Entity as Channel>::policy(&state.settings).max_attempts;
    let mut rows = Vec::new();
    for event in events {
        for (target, types) in &wanted {
            let wants = types.is_empty() || types.iter().any(|t| t == &event.event_type);
            if Some(target.company_id) != event.company_id || !wants {
                continue;
            }
            rows.push(delivery_row(target, event, now, max_attempts));
        }
    }
    // Chunks keep each statement under SQLite's limit of bound values.
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<delivery::ActiveModel> = rows.by_ref().take(500).collect();
        delivery::Entity::insert_many(chunk)
            .on_conflict(
                OnConflict::columns([delivery::Column::EndpointId, delivery::Column::EventId]).do_nothing().to_owned(),
            )
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

/// A webhook goes to its endpoint's URL, signed; it is `delivered` on a 2xx answer.
#[async_trait::async_trait]
impl Channel for delivery::Entity {
    const DONE: &'static str = DELIVERED;
    /// The endpoint, when it still exists and is enabled.
    type Found = Option<endpoint::Model>;

    fn policy(settings: &Settings) -> RetryPolicy {
        RetryPolicy::webhook(Duration::from_millis(settings.webhooks.retry_base_delay_ms))
    }

    async fn attempt(state: &AppState, row: &delivery::Model) -> (Outcome, Self::Found) {
        let target = match endpoint::Entity::find_live_by_id(row.endpoint_id).one(&state.db).await {
            Ok(found) => found.filter(|e| e.enabled),
            Err(err) => return (Outcome::of(ProviderTry::failed_before("http", err)), None),
        };
        let Some(endpoint) = &target else {
            let gone = ProviderTry::failed_before("http", "the endpoint was disabled or deleted");
            return (Outcome { tries: vec![gone], permanent: true }, target);
        };
        let (mut sent, answer) = ProviderTry::time("http", send(state, endpoint, row)).await;
        if let Ok((status, body)) = answer {
            sent.response_status = Some(status);
            if !(200..300).contains(&status) {
                sent.error = Some(format!("HTTP {status}: {}", body.chars().take(300).collect::<String>()));
            }
        }
        (Outcome::of(sent), target)
    }

    async fn gave_up(
        txn: &DatabaseTransaction,
        state: &AppState,
        row: &delivery::Model,
        target: &Self::Found,
        outcome: &Outcome,
    ) -> ApiResult<()> {
        let url = target.as_ref().map_or("a removed endpoint", |t| t.url.as_str());
        let what = format!("webhook {} to {url}", row.event_type);
        let data = json!({
            "channel": "webhook", "id": row.id, "event_type": row.event_type, "url": url, "error": outcome.error(),
        });
        alerts::delivery_failed(txn, state, Some(row.company_id), &what, data).await
    }

    async fn settled(
        txn: &DatabaseTransaction,
        state: &AppState,
        target: &Self::Found,
        outcome: &Outcome,
    ) -> ApiResult<()> {
        match target {
            Some(target) => record_health(txn, state, target, outcome.error().is_none()).await,
            None => Ok(()),
        }
    }
}

/// The Standard Webhooks request: `{type, timestamp, data}` with its three headers.
async fn send(state: &AppState, target: &endpoint::Model, row: &delivery::Model) -> anyhow::Result<(u16, String)> {
    let now = Utc::now();
    let body = serde_json::to_vec(&json!({
        "type": row.event_type,
        "timestamp": now.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        "data": row.payload,
    }))?;
    let msg_id = format!("msg_{}", row.event_id.simple());
    let sealer = secrets(state);
    let current = String::from_utf8(sealer.open(&target.secret)?)?;
    let mut signature = signing::sign(&current, &msg_id, now.timestamp(), &body)?;
    if let (Some(previous), Some(until)) = (&target.previous_secret, target.previous_secret_until)
        && until > now
    {
        let previous = String::from_utf8(sealer.open(previous)?)?;
        signature = format!("{signature} {}", signing::sign(&previous, &msg_id, now.timestamp(), &body)?);
    }
    let headers: Vec<(String, String)> = serde_json::from_value::<BTreeMap<String, String>>(target.headers.clone())
        .unwrap_or_default()
        .into_iter()
        .collect();
    let mut headers = vault::fill(state, target.company_id, headers).await?;
    headers.push(("webhook-id".into(), msg_id));
    headers.push(("webhook-timestamp".into(), now.timestamp().to_string()));
    headers.push(("webhook-signature".into(), signature));
    let answer = state.outbound.post(&target.url, &headers, body).await?;
    Ok((answer.status, answer.body))
}

/// Tracks how long an endpoint has been failing; past `webhook_disable_after_secs`
/// it is disabled and a `webhook.endpoint_disabled` event tells the administrators.
async fn record_health(
    db: &impl ConnectionTrait,
    state: &AppState,
    target: &endpoint::Model,
    ok: bool,
) -> ApiResult<()> {
    let now = Utc::now();
    let mut row: endpoint::ActiveModel = target.clone().into();
    match (ok, target.failing_since) {
        (true, None) => return Ok(()),
        (true, Some(_)) => row.failing_since = Set(None),
        (false, None) => row.failing_since = Set(Some(now)),
        (false, Some(since)) => {
            let limit = chrono::Duration::seconds(state.settings.webhooks.disable_after_secs);
            if now - since < limit || !target.enabled {
                return Ok(());
            }
            let reason =
                format!("every delivery failed since {}", since.to_rfc3339_opts(chrono::SecondsFormat::Secs, true));
            tracing::warn!(endpoint = %target.id, %reason, "webhook endpoint disabled");
            row.enabled = Set(false);
            row.disabled_reason = Set(Some(reason.clone()));
            let mut data = endpoint_json(target);
            data["id"] = json!(target.id);
            data["enabled"] = json!(false);
            data["disabled_reason"] = json!(reason);
            outbox_service::emit(db, Some(target.company_id), ENDPOINT_DISABLED, data, &Default::default()).await?;
            let what = format!("the webhook endpoint {} was disabled: {reason}", target.url);
            for admin in holders_of(db, target.company_id, MANAGE_PERMISSION).await? {
                send_in(db, state, &admin, AccountEmail::DeliveryFailed { what: &what }).await?;
            }
        }
    }
    row.update(db).await?;
    Ok(())
}
