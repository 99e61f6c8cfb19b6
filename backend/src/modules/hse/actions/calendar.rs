//! Pending actions on the calendar, on their due date (red once overdue), for those who
//! see them; nothing when HSE is off for the company or the reader sees no action.

use chrono::{NaiveDate, Utc};
use sea_orm::{ColumnTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::app::AppState;
use crate::caller::Caller;
use crate::error::ApiResult;
use crate::module::CalendarItem;
use crate::modules::hse::domain::ActionStatus;
use crate::modules::hse::model::action::{self, Column};
use crate::modules::hse::permissions::VIEW_ACTION;
use crate::modules::hse::switch;
use crate::scoped::find_in_reach;

/// At most this many actions on one calendar page.
const MAX_ITEMS: u64 = 1000;

pub async fn items(state: &AppState, caller: &Caller, from: NaiveDate, to: NaiveDate) -> ApiResult<Vec<CalendarItem>> {
    if caller.require(VIEW_ACTION).is_err() || !switch::is_on(state, caller.company_id).await? {
        return Ok(Vec::new());
    }
    let today = Utc::now().date_naive();
    let rows = find_in_reach::<action::Entity>(caller, VIEW_ACTION)?
        .filter(Column::Status.is_in([ActionStatus::Open, ActionStatus::InProgress]))
        .filter(Column::DueDate.between(from, to))
        .order_by_asc(Column::DueDate)
        .limit(MAX_ITEMS)
        .all(&state.db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|row| CalendarItem {
            source: "hse.action",
            id: row.id,
            title: format!("{} — {}", row.number, row.title),
            date: row.due_date,
            overdue: row.due_date < today,
            link: format!("/hse/incidents/{}", row.incident_id),
        })
        .collect())
}
