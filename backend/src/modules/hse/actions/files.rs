//! Evidence photos on actions: whoever sees an action sees its photos; its owner or
//! those who manage actions add them until it is verified or cancelled.

use futures_util::future::BoxFuture;
use uuid::Uuid;

use super::service::{self, MODEL};
use crate::app::AppState;
use crate::caller::Caller;
use crate::error::{ApiError, ApiResult};
use crate::module::{AttachmentRule, RecordAccess};
use crate::modules::hse::incidents::dto::MAX_PHOTOS;
use crate::modules::hse::incidents::service::PHOTO_PURPOSE;
use crate::modules::hse::permissions::MANAGE_ACTION;
use crate::modules::hse::switch;

pub const RULE: AttachmentRule = AttachmentRule { model: MODEL, purposes: &[(PHOTO_PURPOSE, MAX_PHOTOS)], check };

fn check<'a>(
    state: &'a AppState,
    caller: &'a Caller,
    _model: &'a str,
    id: Uuid,
    access: RecordAccess,
) -> BoxFuture<'a, ApiResult<()>> {
    Box::pin(async move {
        if !switch::is_on(state, caller.company_id).await? {
            return Err(ApiError::not_found("action"));
        }
        let row = service::find(&state.db, caller, id).await?;
        if access == RecordAccess::See {
            return Ok(());
        }
        if row.owner_id != caller.user_id && !caller.reaches(MANAGE_ACTION, Some(row.company_id), None) {
            return Err(ApiError::Forbidden { permission: MANAGE_ACTION.to_owned() });
        }
        service::check_unsettled(&row)
    })
}
