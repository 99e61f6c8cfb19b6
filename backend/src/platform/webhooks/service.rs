//! Endpoints (with the SSRF guard on every URL), their deliveries and replays. What
//! goes out (planning deliveries, one signed try, endpoint health) is `sending`.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};
use uuid::Uuid;

use super::model::{delivery, endpoint};
use super::{signing, vault};
use crate::app::AppState;
use crate::caller::Caller;
use crate::error::{ApiError, ApiResult};
use crate::http::pagination::{Page, PageQuery, paginate_by_id};
use crate::infra::crypto::SecretBox;
use crate::infra::db::{BaseEntity, begin_write};
use crate::platform::audit::service::{self as audit, Change};
use crate::platform::delivery::channel::{self, FAILED};
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

pub(super) fn secrets(state: &AppState) -> SecretBox {
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

pub(super) fn endpoint_json(e: &endpoint::Model) -> Value {
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
