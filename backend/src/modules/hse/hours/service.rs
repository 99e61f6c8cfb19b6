//! Reading and saving hours worked: one row per site and month, replaced when saved
//! again, audited; [`totals`] gives the rates their denominators.

use chrono::{Datelike, Months, NaiveDate, Utc};
use sea_orm::ActiveValue::Set;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, QueryFilter, QueryOrder};
use serde_json::json;
use uuid::Uuid;

use super::dto::{HoursFilter, HoursIn, HoursOut, month_field};
use crate::app::AppState;
use crate::caller::Caller;
use crate::error::{ApiError, ApiResult, FieldError};
use crate::infra::db::{BaseEntity, begin_write};
use crate::modules::hse::model::hours::{self, Column, Entity as Hours};
use crate::modules::hse::permissions::{MANAGE_HOURS, VIEW_KPI};
use crate::platform::audit::service::{self as audit, Change};
use crate::platform::sites::service as sites;

/// Audit entries name hours worked as this model.
pub const MODEL: &str = "hse.hours_worked";
/// The longest span one read covers.
const MAX_MONTHS: u32 = 60;

/// The first day of the month `date` falls in.
pub fn month_of(date: NaiveDate) -> NaiveDate {
    date.with_day(1).expect("every month has a first day")
}

/// The first and last months (`YYYY-MM`) asked for: the last 12 by default, 60 at most.
pub fn span(from: Option<&str>, to: Option<&str>) -> ApiResult<(NaiveDate, NaiveDate)> {
    let mut errors = Vec::new();
    let mut read = |field: &str, text: Option<&str>| match text.map(|t| month_field(field, t)) {
        Some(Ok(month)) => Some(month),
        Some(Err(error)) => {
            errors.push(error);
            None
        }
        None => None,
    };
    let to = read("to", to);
    let from = read("from", from);
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let to = to.unwrap_or_else(|| month_of(Utc::now().date_naive()));
    let from = from.unwrap_or_else(|| to - Months::new(11));
    if from > to || from + Months::new(MAX_MONTHS) <= to {
        return Err(ApiError::Validation(vec![FieldError::new(
            "from",
            "invalid_range",
            format!("`from` comes before `to`, at most {MAX_MONTHS} months apart"),
        )]));
    }
    Ok((from, to))
}

/// The company's hours worked in the months asked for, by month then site.
pub async fn list(db: &impl ConnectionTrait, caller: &Caller, filter: &HoursFilter) -> ApiResult<Vec<HoursOut>> {
    caller.require(VIEW_KPI)?;
    let (from, to) = span(filter.from.as_deref(), filter.to.as_deref())?;
    let mut rows = Hours::find_live()
        .filter(Column::CompanyId.eq(caller.company_id))
        .filter(Column::Month.gte(from))
        .filter(Column::Month.lte(to));
    if let Some(site_id) = filter.site_id {
        rows = rows.filter(Column::SiteId.eq(site_id));
    }
    let rows = rows.order_by_asc(Column::Month).order_by_asc(Column::SiteId).all(db).await?;
    Ok(rows.into_iter().map(HoursOut::from).collect())
}

/// Employee and contractor hours of the company in `[from, to)` (months starting in
/// it), at one site or all.
pub async fn totals(
    db: &impl ConnectionTrait,
    company_id: Uuid,
    (from, to): (NaiveDate, NaiveDate),
    site_id: Option<Uuid>,
) -> ApiResult<(f64, f64)> {
    let mut rows = Hours::find_live()
        .filter(Column::CompanyId.eq(company_id))
        .filter(Column::Month.gte(from))
        .filter(Column::Month.lt(to));
    if let Some(site_id) = site_id {
        rows = rows.filter(Column::SiteId.eq(site_id));
    }
    let rows = rows.all(db).await?;
    Ok(rows.iter().fold((0.0, 0.0), |(e, c), r| (e + r.employee_hours, c + r.contractor_hours)))
}

/// 403 unless the caller keeps the company's hours.
pub fn check_manages(caller: &Caller) -> ApiResult<()> {
    caller.reach(MANAGE_HOURS, caller.company_id)
}

/// Saves one site's month: checked, then created or replaced.
pub async fn save(state: &AppState, caller: &Caller, input: HoursIn) -> ApiResult<HoursOut> {
    let txn = begin_write(&state.db).await?;
    let (saved, _) = save_in(&txn, caller, input).await?;
    txn.commit().await?;
    Ok(saved)
}

/// [`save`] in `txn`; whether the month was new.
pub async fn save_in(txn: &DatabaseTransaction, caller: &Caller, input: HoursIn) -> ApiResult<(HoursOut, bool)> {
    check_manages(caller)?;
    let month = month_field("month", &input.month).map_err(|e| ApiError::Validation(vec![e]))?;
    if sites::find_live_in_company(txn, caller.company_id, input.site_id).await?.is_none() {
        return Err(ApiError::Validation(vec![FieldError::new(
            "site_id",
            "unknown_link",
            "no such site in this company",
        )]));
    }
    upsert(txn, caller, input.site_id, month, (input.employee_hours, input.contractor_hours)).await
}

/// Whether the company has the site's month already.
pub async fn recorded(txn: &DatabaseTransaction, caller: &Caller, site_id: Uuid, month: NaiveDate) -> ApiResult<bool> {
    Ok(month_row(txn, caller, site_id, month).await?.is_some())
}

/// Creates or replaces a site's month in `txn`, audited; whether it was created.
pub async fn upsert(
    txn: &DatabaseTransaction,
    caller: &Caller,
    site_id: Uuid,
    month: NaiveDate,
    (employee_hours, contractor_hours): (f64, f64),
) -> ApiResult<(HoursOut, bool)> {
    let found = month_row(txn, caller, site_id, month).await?;
    let before = found.clone().map(HoursOut::from);
    let row = match found {
        Some(found) => {
            let mut row: hours::ActiveModel = found.into();
            row.employee_hours = Set(employee_hours);
            row.contractor_hours = Set(contractor_hours);
            row.updated_at = Set(Utc::now());
            row.updated_by = Set(Some(caller.user_id));
            row.update(txn).await?
        }
        None => {
            hours::ActiveModel {
                id: Set(Uuid::now_v7()),
                company_id: Set(caller.company_id),
                site_id: Set(site_id),
                month: Set(month),
                employee_hours: Set(employee_hours),
                contractor_hours: Set(contractor_hours),
                created_by: Set(Some(caller.user_id)),
                ..Default::default()
            }
            .insert(txn)
            .await?
        }
    };
    let saved = HoursOut::from(row);
    let change = Change {
        company_id: caller.company_id,
        action: if before.is_some() { "update" } else { "create" },
        model: MODEL,
        object_id: Some(saved.id.to_string()),
        before: before.as_ref().map(|b| json!(b)),
        after: Some(json!(saved)),
    };
    audit::record(txn, &caller.actor, change).await?;
    Ok((saved, before.is_none()))
}

/// The company's row for the site's month, if it has one.
async fn month_row(
    db: &impl ConnectionTrait,
    caller: &Caller,
    site_id: Uuid,
    month: NaiveDate,
) -> ApiResult<Option<hours::Model>> {
    Ok(Hours::find_live()
        .filter(Column::CompanyId.eq(caller.company_id))
        .filter(Column::SiteId.eq(site_id))
        .filter(Column::Month.eq(month))
        .one(db)
        .await?)
}
