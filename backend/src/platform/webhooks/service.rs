//! Endpoints (with the SSRF guard on every URL), planning deliveries from outbox
//! events, delivering them signed, replaying, and endpoint health.

use std::collections::BTreeMap;
use std::time::Duration;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter,
};
use serde_json::{Value, json};
use uuid::Uuid;

use super::model::{delivery, endpoint};
use super::{signing, vault};
use crate::app::AppState;
use crate::caller::Caller;
use crate::config::Settings;
use crate::error::{ApiError, ApiResult};
use crate::http::pagination::{Page, PageQuery, paginate_by_id};
use crate::infra::crypto::SecretBox;
use crate::infra::db::{BaseEntity, begin_write};
use crate::module::{AfterCommit, Subscriber};
use crate::platform::audit::service::{self as audit, Change};
use crate::platform::delivery::alerts;
use crate::platform::delivery::channel::{self, Channel, FAILED, Outcome, ProviderTry};
use crate::platform::delivery::retry::RetryPolicy;
use crate::platform::delivery::rows;
use crate::platform::email::account::{AccountEmail, send_in};
use crate::platform::outbox::model as outbox;
use crate::platform::outbox::service as outbox_service;
use crate::platform::rbac::grants::holders_of;
use crate::scoped::{get_in_reach, list_in_reach};

pub const MANAGE_PERMISSION: &str = "webhooks.manage.endpoint";
/// The event of an endpoint disabled after failing for `webhook_disable_after_secs`.
pub const ENDPOINT_DISABLED: &str = "webhook.endpoint_disabled";
/// The shape of its data: the endpoint, with why it was disabled.
pub const DISABLED_DATA_SCHEMA: &str = r#"{
  "type": "object",
  "properties": {
    "id": { "type": "string", "format": "uuid" },
    "url": { "type": "string" },
    "description": { "type": ["string", "null"] },
    "event_types": { "type": "array", "items": { "type": "string" } },
    "header_names": { "type": ["array", "null"], "items": { "type": "string" } },
    "enabled": { "type": "boolean" },
    "disabled_reason": { "type": "string" }
  }
}"#;
/// After a rotation, the old secret keeps signing (beside the new one) this long.
const ROTATION_OVERLAP: chrono::Duration = chrono::Duration::hours(24);
/// Headers a user may not set: the signature's, and what HTTP itself decides.
const RESERVED_HEADERS: &[&str] =
    &["webhook-id", "webhook-timestamp", "webhook-signature", "content-type", "content-length", "host", "user-agent"];

pub const DELIVERED: &str = "delivered";

crate::delivery_table!(delivery, "webhook", finished: DeliveredAt, response_status: ResponseStatus);

fn secrets(state: &AppState) -> SecretBox {
    SecretBox::new(&state.settings.secret_key, "webhook-secret")
}

/// An endpoint as given by its manager.
pub struct EndpointInput {
    pub url: String,
    pub description: Option<String>,
    pub event_types: Vec<String>,
    pub headers: BTreeMap<String, String>,
    pub enabled: bool,
}

async fn check_input(state: &AppState, company_id: Uuid, input: &EndpointInput) -> ApiResult<()> {
    if let Err(refused) = state.outbound.check(&input.url).await {
        return Err(ApiError::field("url", "url_refused", refused.to_string()));
    }
    if let Some(name) = input.headers.keys().find(|h| RESERVED_HEADERS.contains(&h.to_ascii_lowercase().as_str())) {
        return Err(ApiError::field(format!("headers.{name}"), "reserved", "is set by OpsFlux"));
    }
    for (name, value) in &input.headers {
        let valid = reqwest::header::HeaderName::from_bytes(name.as_bytes()).is_ok()
            && reqwest::header::HeaderValue::from_str(value).is_ok();
        if !valid {
            return Err(ApiError::field(format!("headers.{name}"), "header", "is not a valid HTTP header"));
        }
    }
    if let Some((header, name)) = vault::first_unknown(&state.db, company_id, &input.headers).await? {
        return Err(ApiError::field(
            format!("headers.{header}"),
            "unknown_secret",
            format!("no secret is named {name}"),
        ));
    }
    Ok(())
}

fn endpoint_json(e: &endpoint::Model) -> Value {
    json!({
        "url": e.url, "description": e.description, "event_types": e.event_types,
        "header_names": e.headers.as_object().map(|h| h.keys().cloned().collect::<Vec<_>>()),
        "enabled": e.enabled,
    })
}

fn change(e: &endpoint::Model, action: &'static str, before: Option<Value>, after: Option<Value>) -> Change<'static> {
    Change {
        company_id: e.company_id,
        action,
        model: "webhook_endpoint",
        object_id: Some(e.id.to_string()),
        before,
        after,
    }
}

/// Creates an endpoint of a company in reach; returns it with its secret, shown once.
pub async fn create(
    state: &AppState,
    caller: &Caller,
    company_id: Option<Uuid>,
    input: EndpointInput,
) -> ApiResult<(endpoint::Model, String)> {
    let company_id = caller.target_company(&state.db, MANAGE_PERMISSION, company_id).await?.id;
    check_input(state, company_id, &input).await?;
    let secret = signing::new_secret();
    let txn = begin_write(&state.db).await?;
    let created = endpoint::ActiveModel {
        company_id: Set(company_id),
        url: Set(input.url),
        description: Set(input.description),
        event_types: Set(json!(input.event_types)),
        secret: Set(secrets(state).seal(secret.as_bytes())?),
        headers: Set(json!(input.headers)),
        enabled: Set(input.enabled),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(&txn, &caller.actor, change(&created, "create", None, Some(endpoint_json(&created)))).await?;
    txn.commit().await?;
    Ok((created, secret))
}

pub async fn list(state: &AppState, caller: &Caller, page: &PageQuery) -> ApiResult<Page<endpoint::Model>> {
    list_in_reach::<endpoint::Entity>(&state.db, caller, MANAGE_PERMISSION, |endpoints| endpoints, page).await
}

/// An endpoint in reach, else 404.
pub async fn get(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<endpoint::Model> {
    get_in_reach::<endpoint::Entity>(&state.db, caller, MANAGE_PERMISSION, id).await
}

/// Replaces the endpoint's settings (the URL is vetted again). Enabling clears its
/// failure record.
pub async fn update(state: &AppState, caller: &Caller, id: Uuid, input: EndpointInput) -> ApiResult<endpoint::Model> {
    let before = get(state, caller, id).await?;
    check_input(state, before.company_id, &input).await?;
    let txn = begin_write(&state.db).await?;
    let mut row: endpoint::ActiveModel = before.clone().into();
    if input.enabled && !before.enabled {
        row.failing_since = Set(None);
        row.disabled_reason = Set(None);
    }
    row.url = Set(input.url);
    row.description = Set(input.description);
    row.event_types = Set(json!(input.event_types));
    row.headers = Set(json!(input.headers));
    row.enabled = Set(input.enabled);
    let after = row.update(&txn).await?;
    let entry = change(&after, "update", Some(endpoint_json(&before)), Some(endpoint_json(&after)));
    audit::record(&txn, &caller.actor, entry).await?;
    txn.commit().await?;
    Ok(after)
}

pub async fn delete(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<()> {
    let before = get(state, caller, id).await?;
    let txn = begin_write(&state.db).await?;
    endpoint::Entity::soft_delete(&txn, id, Some(caller.user_id)).await?;
    audit::record(&txn, &caller.actor, change(&before, "delete", Some(endpoint_json(&before)), None)).await?;
    txn.commit().await?;
    Ok(())
}

/// A new secret; the old one keeps signing beside it for 24 hours, so receivers can
/// switch without losing a message. Returns the new secret, shown once.
pub async fn rotate_secret(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<String> {
    let before = get(state, caller, id).await?;
    let secret = signing::new_secret();
    let txn = begin_write(&state.db).await?;
    let mut row: endpoint::ActiveModel = before.clone().into();
    row.previous_secret = Set(Some(before.secret.clone()));
    row.previous_secret_until = Set(Some(Utc::now() + ROTATION_OVERLAP));
    row.secret = Set(secrets(state).seal(secret.as_bytes())?);
    row.update(&txn).await?;
    audit::record(&txn, &caller.actor, change(&before, "rotate_secret", None, None)).await?;
    txn.commit().await?;
    Ok(secret)
}

// ---------------------------------------------------------------------------
// Deliveries

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

/// Deliveries of an endpoint in reach, newest first.
pub async fn deliveries_of(
    state: &AppState,
    caller: &Caller,
    endpoint_id: Uuid,
    page: &PageQuery,
) -> ApiResult<Page<delivery::Model>> {
    let target = get(state, caller, endpoint_id).await?;
    let select = delivery::Entity::find().filter(delivery::Column::EndpointId.eq(target.id));
    paginate_by_id(&state.db, select, delivery::Column::Id, |d| d.id, page).await
}

/// A delivery in reach, else 404.
pub async fn get_delivery(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<delivery::Model> {
    let found =
        delivery::Entity::find_by_id(id).one(&state.db).await?.ok_or(ApiError::not_found("webhook delivery"))?;
    get(state, caller, found.endpoint_id).await.map_err(|e| e.not_found_as("webhook delivery"))?;
    Ok(found)
}

/// Sends a finished delivery (delivered or failed) again, with a fresh set of tries.
pub async fn replay(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<delivery::Model> {
    let found = get_delivery(state, caller, id).await?;
    let txn = begin_write(&state.db).await?;
    let replayed = channel::requeue::<delivery::Entity>(&txn, &state.settings, found.id).await?.ok_or_else(|| {
        ApiError::Conflict { code: "delivery_in_flight", detail: "This delivery is still queued or being sent.".into() }
    })?;
    let entry = Change {
        company_id: replayed.company_id,
        action: "replay",
        model: "webhook_delivery",
        object_id: Some(replayed.id.to_string()),
        before: None,
        after: None,
    };
    audit::record(&txn, &caller.actor, entry).await?;
    txn.commit().await?;
    Ok(replayed)
}

/// Replays every failed delivery of an endpoint created since `since`; returns how many.
pub async fn replay_failed(
    state: &AppState,
    caller: &Caller,
    endpoint_id: Uuid,
    since: DateTime<Utc>,
) -> ApiResult<u64> {
    let target = get(state, caller, endpoint_id).await?;
    let failed = delivery::Entity::find()
        .filter(delivery::Column::EndpointId.eq(target.id))
        .filter(delivery::Column::Status.eq(FAILED))
        .filter(delivery::Column::CreatedAt.gte(since))
        .all(&state.db)
        .await?;
    let count = failed.len() as u64;
    let txn = begin_write(&state.db).await?;
    for row in failed {
        channel::requeue::<delivery::Entity>(&txn, &state.settings, row.id).await?;
    }
    let entry = change(&target, "replay_failed", None, Some(json!({ "since": since, "deliveries": count })));
    audit::record(&txn, &caller.actor, entry).await?;
    txn.commit().await?;
    Ok(count)
}
