//! Photos on incidents: whoever sees an incident sees its photos; changing them takes
//! `hse.edit.incident` (or being its reporter while it is a draft), and an approved or
//! closed incident keeps the photos it has.

use futures_util::future::BoxFuture;
use sea_orm::ActiveEnum;
use uuid::Uuid;

use super::dto::MAX_PHOTOS;
use super::service::{self, MODEL, PHOTO_PURPOSE};
use crate::app::AppState;
use crate::caller::Caller;
use crate::error::{ApiError, ApiResult};
use crate::module::{AttachmentRule, RecordAccess};
use crate::modules::hse::domain::IncidentStatus;
use crate::modules::hse::permissions::EDIT_INCIDENT;
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
            return Err(ApiError::not_found("incident"));
        }
        let row = service::find(&state.db, caller, id).await?;
        if access == RecordAccess::See {
            return Ok(());
        }
        let own_draft = row.status == IncidentStatus::Draft && row.reported_by == caller.user_id;
        if !own_draft && !caller.reaches(EDIT_INCIDENT, Some(row.company_id), Some(row.reported_by)) {
            return Err(ApiError::Forbidden { permission: EDIT_INCIDENT.to_owned() });
        }
        if row.status.is_locked() {
            return Err(ApiError::Conflict {
                code: "incident_locked",
                detail: format!("the incident is {}: its photos no longer change", row.status.to_value()),
            });
        }
        Ok(())
    })
}
