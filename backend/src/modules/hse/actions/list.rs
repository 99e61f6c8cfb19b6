//! The action list: "my actions" (`owner=me`), an incident's, the overdue ones, the
//! changes since a sync.

use chrono::Utc;
use sea_orm::{ColumnTrait, ConnectionTrait, QueryFilter};
use uuid::Uuid;

use super::dto::ActionFilter;
use crate::caller::Caller;
use crate::error::{ApiError, ApiResult};
use crate::http::pagination::{Page, PageQuery, paginate};
use crate::infra::db::any_contains;
use crate::modules::hse::domain::ActionStatus;
use crate::modules::hse::model::action::{self, Column};
use crate::modules::hse::permissions::VIEW_ACTION;
use crate::scoped::{find_changed_in_reach, find_in_reach};

pub async fn list(
    db: &impl ConnectionTrait,
    caller: &Caller,
    filter: &ActionFilter,
    page: &PageQuery,
) -> ApiResult<Page<action::Model>> {
    let mut rows = match filter.updated_since {
        Some(since) => find_changed_in_reach::<action::Entity>(caller, VIEW_ACTION, since)?,
        None => find_in_reach::<action::Entity>(caller, VIEW_ACTION)?,
    };
    match filter.owner.as_deref() {
        None => {}
        Some("me") => rows = rows.filter(Column::OwnerId.eq(caller.user_id)),
        Some(other) => {
            let owner: Uuid =
                other.parse().map_err(|_| ApiError::bad_request("invalid_owner", "`owner` is `me` or a user id."))?;
            rows = rows.filter(Column::OwnerId.eq(owner));
        }
    }
    if let Some(status) = filter.status {
        rows = rows.filter(Column::Status.eq(status));
    }
    if let Some(incident_id) = filter.incident_id {
        rows = rows.filter(Column::IncidentId.eq(incident_id));
    }
    if filter.overdue {
        rows = rows
            .filter(Column::Status.is_in([ActionStatus::Open, ActionStatus::InProgress]))
            .filter(Column::DueDate.lt(Utc::now().date_naive()));
    }
    if let Some(q) = filter.q.as_deref().filter(|q| !q.trim().is_empty()) {
        rows = rows.filter(any_contains(&[Column::Number, Column::Title], q));
    }
    paginate(db, rows, page).await
}
