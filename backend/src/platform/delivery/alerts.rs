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
