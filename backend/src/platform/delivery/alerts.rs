//! Telling administrators that a delivery failed for good: a `delivery.failed` event
//! (webhooks, and in-app notifications when they exist) and an email to the
//! company's holders of `emails.manage.email`.

use serde_json::Value;
use uuid::Uuid;

use crate::app::AppState;
use crate::error::ApiResult;
use crate::platform::email::account::{AccountEmail, send_in};
use crate::platform::email::service::MANAGE_PERMISSION;
use crate::platform::outbox::service as outbox;
use crate::platform::rbac::grants::holders_of;

/// The template of the alert itself: its own failure raises no further alert.
pub const TEMPLATE: &str = "delivery_failed";
/// The event type.
pub const DELIVERY_FAILED: &str = "delivery.failed";
/// The shape of its data (a webhook's has `endpoint_id`, `url` and `event_type`; an
/// email's `to` and `subject`; an SMS's and a push's `to`).
pub const DATA_SCHEMA: &str = r#"{
  "type": "object",
  "properties": {
    "channel": { "type": "string", "enum": ["email", "sms", "push", "webhook", "task"] },
    "id": { "type": "string", "format": "uuid" },
    "to": { "type": ["array", "string"], "items": { "type": "string" } },
    "subject": { "type": "string" },
    "endpoint_id": { "type": "string", "format": "uuid" },
    "url": { "type": "string" },
    "event_type": { "type": "string" },
    "error": { "type": ["string", "null"] },
    "fallback_email_id": { "type": ["string", "null"], "format": "uuid" },
    "device_id": { "type": ["string", "null"], "format": "uuid" }
  }
}"#;

/// Call inside the transaction that marks the delivery failed. `what` names it for
/// people ("webhook user.invited → https://…", "email “Reset your password” to …").
pub async fn delivery_failed(
    db: &impl sea_orm::ConnectionTrait,
    state: &AppState,
    company_id: Option<Uuid>,
    what: &str,
    data: Value,
) -> ApiResult<()> {
    outbox::emit(db, company_id, DELIVERY_FAILED, data, &Default::default()).await?;
    let Some(company_id) = company_id else {
        return Ok(());
    };
    for admin in holders_of(db, company_id, MANAGE_PERMISSION).await? {
        send_in(db, state, &admin, AccountEmail::DeliveryFailed { what }).await?;
    }
    Ok(())
}
