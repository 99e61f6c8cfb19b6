//! Administration of the messages sent to people (SMS, push): who may list, read and
//! resend which. `messages.view.message` shows your own (`own`: sent to you), your
//! company's or all; resending also needs `messages.manage.message`. The recipient of
//! a message may always read it.

use sea_orm::{ColumnTrait, ConnectionTrait, QueryFilter, Select};
use serde_json::json;
use uuid::Uuid;

use super::channel::{self, Channel};
use crate::app::AppState;
use crate::caller::Caller;
use crate::error::{ApiError, ApiResult};
use crate::http::pagination::{Page, PageQuery, paginate_by_id};
use crate::infra::db::begin_write;
use crate::platform::audit::service::{self as audit, Change};
use crate::platform::rbac::scope::Scope;

pub const VIEW_PERMISSION: &str = "messages.view.message";
pub const MANAGE_PERMISSION: &str = "messages.manage.message";

/// A delivery addressed to a user of a company.
pub trait Addressed: Channel
where
    Self::Model: Sync,
{
    /// The resource's name in errors and the audit trail (`sms`, `push_message`).
    const RESOURCE: &'static str;
    fn company_id() -> Self::Column;
    fn user_id() -> Self::Column;
    fn id_of(row: &Self::Model) -> Uuid;
    /// (company, recipient) of a row.
    fn owners(row: &Self::Model) -> (Option<Uuid>, Option<Uuid>);
    /// Whether it carries a secret (see `delivery::secrets`).
    fn sealed(row: &Self::Model) -> bool;
}

fn in_reach<T: Addressed>(scope: Scope, caller: &Caller, row: &T::Model) -> bool
where
    T::Model: Sync,
{
    let (company, user) = T::owners(row);
    match scope {
        Scope::Own => user == Some(caller.user_id),
        Scope::Company => company == Some(caller.company_id),
        Scope::All => true,
    }
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
    let select = match caller.perms.require(VIEW_PERMISSION)? {
        Scope::Own => T::find().filter(T::user_id().eq(caller.user_id)),
        Scope::Company => T::find().filter(T::company_id().eq(caller.company_id)),
        Scope::All => T::find(),
    };
    paginate_by_id(db, narrow(select), T::id(), T::id_of, page).await
}

/// A row its recipient, or someone with the permission in reach, may read; else 404.
pub async fn get_visible<T: Addressed>(db: &impl ConnectionTrait, caller: &Caller, id: Uuid) -> ApiResult<T::Model>
where
    T::Model: Sync,
{
    let row = T::find().filter(T::id().eq(id)).one(db).await?.ok_or(ApiError::not_found(T::RESOURCE))?;
    if T::owners(&row).1 == Some(caller.user_id) {
        return Ok(row);
    }
    match caller.perms.require(VIEW_PERMISSION) {
        Ok(scope) if in_reach::<T>(scope, caller, &row) => Ok(row),
        _ => Err(ApiError::not_found(T::RESOURCE)),
    }
}

/// Sends a finished (sent or failed) message again with a fresh set of tries. Audited.
/// A message that carried a secret (a code) is not replayed: its sender issues a new one.
pub async fn resend<T: Addressed>(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<T::Model>
where
    T::Model: Sync,
{
    let row = get_visible::<T>(&state.db, caller, id).await?;
    let scope = caller.perms.require(MANAGE_PERMISSION)?;
    if !in_reach::<T>(scope, caller, &row) {
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
        company_id: T::owners(&row).0.unwrap_or(caller.company_id),
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
