//! A person's files (certificates, badge and ID photos) hang on their user record:
//! anyone who sees the person sees them; the person and their managers change them.

use futures_util::future::BoxFuture;
use sea_orm::{ColumnTrait, QueryFilter};
use uuid::Uuid;

use super::model;
use super::service::{MANAGE_PERMISSION, VIEW_PERMISSION};
use crate::app::AppState;
use crate::caller::Caller;
use crate::error::{ApiError, ApiResult};
use crate::infra::db::BaseEntity;
use crate::module::RecordAccess;
use crate::scoped::reaches;

pub fn check<'a>(
    state: &'a AppState,
    caller: &'a Caller,
    _model: &'a str,
    user_id: Uuid,
    access: RecordAccess,
) -> BoxFuture<'a, ApiResult<()>> {
    Box::pin(async move {
        let user = model::Entity::find_live_by_id(user_id)
            .filter(model::Column::CompanyId.eq(caller.company_id))
            .one(&state.db)
            .await?
            .ok_or(ApiError::not_found("user"))?;
        let own = user.id == caller.user_id;
        if !own && !reaches::<model::Entity>(caller, VIEW_PERMISSION, &user) {
            return Err(ApiError::not_found("user"));
        }
        if access == RecordAccess::Change && !own && !reaches::<model::Entity>(caller, MANAGE_PERMISSION, &user) {
            return Err(ApiError::Forbidden { permission: MANAGE_PERMISSION.into() });
        }
        Ok(())
    })
}
