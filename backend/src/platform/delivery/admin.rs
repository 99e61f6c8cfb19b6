//! Administration of the messages sent to people (SMS, push): who may list, read and
//! resend which. `messages.view.message` shows your own (`own`: sent to you), your
//! company's or all; resending also needs `messages.manage.message`. The recipient of
//! a message may always read it.

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Select};
use serde_json::json;
use uuid::Uuid;

use super::channel::{self, Channel};
use crate::app::AppState;
use crate::caller::Caller;
use crate::error::{ApiError, ApiResult};
use crate::http::pagination::{Page, PageQuery};
use crate::infra::db::begin_write;
use crate::platform::audit::service::{self as audit, Change};
use crate::scoped::{self, Tenanted, list_in_reach};

pub const VIEW_PERMISSION: &str = "messages.view.message";
pub const MANAGE_PERMISSION: &str = "messages.manage.message";

/// A delivery addressed to a user of a company: `messages.view.message` reaches it
/// as its recipient (`own`), its company's or all.
pub trait Addressed: Channel + Tenanted
where
    <Self as EntityTrait>::Model: Sync,
{
    /// Whether it carries a secret (see `delivery::secrets`).
    fn sealed(row: &Self::Model) -> bool;
}

/// The rows in reach of `messages.view.message`, newest first, filtered by `narrow`.
pub async fn list<T: Addressed>(
    db: &impl ConnectionTrait,
    caller: &Caller,
    narrow: impl FnOnce(Select<T>) -> Select<T>,
    page: &PageQuery,
) -> ApiResult<Page<T::Model>>
where
    T::Model: Sync,
{
    list_in_reach::<T>(db, caller, VIEW_PERMISSION, narrow, page).await
}

/// A row its recipient, or someone with the permission in reach, may read; else 404.
pub async fn get_visible<T: Addressed>(db: &impl ConnectionTrait, caller: &Caller, id: Uuid) -> ApiResult<T::Model>
where
    T::Model: Sync,
{
    let row = T::rows().filter(T::key().eq(id)).one(db).await?.ok_or(ApiError::not_found(T::RESOURCE))?;
    if T::owner_of(&row) == Some(caller.user_id) || scoped::reaches::<T>(caller, VIEW_PERMISSION, &row) {
        Ok(row)
    } else {
        Err(ApiError::not_found(T::RESOURCE))
    }
}

/// Sends a finished (sent or failed) message again with a fresh set of tries. Audited.
/// A message that carried a secret (a code) is not replayed: its sender issues a new one.
pub async fn resend<T: Addressed>(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<T::Model>
where
    T::Model: Sync,
{
    let row = get_visible::<T>(&state.db, caller, id).await?;
    caller.require(MANAGE_PERMISSION)?;
    if !scoped::reaches::<T>(caller, MANAGE_PERMISSION, &row) {
        return Err(ApiError::not_found(T::RESOURCE));
    }
    if T::sealed(&row) {
        return Err(ApiError::Conflict {
            code: "secret_not_renewable",
            detail: "This message carried a single-use secret; it is not sent again. Ask for a new one.".into(),
        });
    }
    let txn = begin_write(&state.db).await?;
    let requeued = channel::requeue::<T>(&txn, &state.settings, id).await?.ok_or_else(|| ApiError::Conflict {
        code: "delivery_in_flight",
        detail: "This message is still queued or being sent; it can be resent once it is sent or failed.".into(),
    })?;
    let change = Change {
        company_id: T::company_of(&row).unwrap_or(caller.company_id),
        action: "resend",
        model: T::RESOURCE,
        object_id: Some(id.to_string()),
        before: None,
        after: Some(json!({ "status": "queued" })),
    };
    audit::record(&txn, &caller.actor, change).await?;
    txn.commit().await?;
    Ok(requeued)
}
