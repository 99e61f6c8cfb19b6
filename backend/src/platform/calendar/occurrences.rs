//! Occurrences: a range of the calendar with every series expanded (changed occurrences
//! in place of the ones they replace), free/busy, and changing or deleting one
//! occurrence or an occurrence and the following ones.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Duration, Utc};
use sea_orm::ActiveValue::Set;
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder,
    QuerySelect,
};
use serde_json::json;
use uuid::Uuid;

use super::changes::{EventChanges, in_calendar};
use super::invitations::{self, Method};
use super::model::attendee::{self, Response};
use super::model::event::{self, Column, Entity as Events};
use super::recurrence::{Rule, Timing};
use super::service::{self, EventFields, exdates_of, timing_of};
use crate::app::AppState;
use crate::caller::Caller;
use crate::error::{ApiError, ApiResult};
use crate::infra::db::{BaseEntity, begin_write};
use crate::platform::users::model as user;

/// The longest range one request expands.
pub const MAX_RANGE: Duration = Duration::days(400);
/// At most this many events (series count once) in one range.
const MAX_EVENTS: u64 = 5000;

/// One occurrence of an event in a range.
#[derive(Debug, Clone)]
pub struct Occurrence {
    /// Index into [`Range::events`].
    pub event: usize,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// The start its series' rule gave it (for occurrences of a series, changed or not).
    pub original_start: Option<DateTime<Utc>>,
}

/// A range of the calendar.
#[derive(Debug, Default)]
pub struct Range {
    pub events: Vec<event::Model>,
    pub occurrences: Vec<Occurrence>,
    /// The reader's answers, by event.
    pub my_responses: HashMap<Uuid, Response>,
}

pub fn check_range(from: DateTime<Utc>, to: DateTime<Utc>) -> ApiResult<()> {
    if !in_calendar(from) || !in_calendar(to) {
        return Err(ApiError::field("from", "out_of_range", "dates run from 1970 to 2200"));
    }
    if to <= from {
        return Err(ApiError::field("to", "before_from", "must be after from"));
    }
    if to - from > MAX_RANGE {
        return Err(ApiError::field("to", "too_far", "a range spans at most 400 days"));
    }
    Ok(())
}

/// Events that may have an occurrence in `[from, to)`.
fn in_range(rows: sea_orm::Select<Events>, from: DateTime<Utc>, to: DateTime<Utc>) -> sea_orm::Select<Events> {
    rows.filter(Column::StartsAt.lt(to))
        .filter(Condition::any().add(Column::SeriesEndsAt.is_null()).add(Column::SeriesEndsAt.gt(from)))
        .order_by_asc(Column::StartsAt)
        .limit(MAX_EVENTS)
}

/// Expands `rows` over `[from, to)`: each series' occurrences except those a changed
/// occurrence replaces, and each single or changed occurrence that overlaps it.
pub async fn expand(
    db: &impl ConnectionTrait,
    rows: Vec<event::Model>,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> ApiResult<(Vec<event::Model>, Vec<Occurrence>)> {
    let series_ids: Vec<Uuid> = rows.iter().filter(|r| r.rrule.is_some()).map(|r| r.id).collect();
    let replaced: HashSet<(Uuid, DateTime<Utc>)> = service::overrides(db, series_ids)
        .await?
        .into_iter()
        .filter_map(|o| Some((o.series_id?, o.original_start?)))
        .collect();
    let mut occurrences = Vec::new();
    for (index, row) in rows.iter().enumerate() {
        let fields = EventFields::of(row);
        let duration = fields.timing.duration();
        let recurring = fields.rule.is_some();
        for start in fields.series().starts_between(from, to) {
            if recurring && replaced.contains(&(row.id, start)) {
                continue;
            }
            let original_start = if recurring { Some(start) } else { row.original_start };
            occurrences.push(Occurrence { event: index, starts_at: start, ends_at: start + duration, original_start });
        }
    }
    occurrences.sort_by_key(|o| (o.starts_at, o.event));
    Ok((rows, occurrences))
}

/// What `caller` sees of the calendar in `[from, to)`.
pub async fn range(
    db: &impl ConnectionTrait,
    caller: &Caller,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> ApiResult<Range> {
    check_range(from, to)?;
    let rows = in_range(service::visible(caller)?, from, to).all(db).await?;
    let (events, occurrences) = expand(db, rows, from, to).await?;
    let ids: Vec<Uuid> = events.iter().map(|e| e.id).collect();
    let my_responses = attendee::Entity::find()
        .filter(attendee::Column::UserId.eq(caller.user_id))
        .filter(attendee::Column::EventId.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.event_id, a.response))
        .collect();
    Ok(Range { events, occurrences, my_responses })
}

/// When each of `user_ids` (of the caller's company) is busy in `[from, to)`: the
/// occurrences of events they organise or have not declined, merged, without what
/// they are (private events count too).
pub async fn free_busy(
    db: &impl ConnectionTrait,
    caller: &Caller,
    user_ids: &[Uuid],
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> ApiResult<Vec<(Uuid, Vec<(DateTime<Utc>, DateTime<Utc>)>)>> {
    caller.require(service::VIEW_PERMISSION)?;
    check_range(from, to)?;
    let known: HashSet<Uuid> = user::Entity::find_live()
        .filter(user::Column::CompanyId.eq(caller.company_id))
        .filter(user::Column::Id.is_in(user_ids.to_vec()))
        .all(db)
        .await?
        .into_iter()
        .map(|u| u.id)
        .collect();
    if let Some(unknown) = user_ids.iter().find(|id| !known.contains(id)) {
        return Err(ApiError::field("users", "unknown", format!("no user {unknown} in your company")));
    }
    let mut answer = Vec::new();
    for &user_id in user_ids {
        let attending = Query::select()
            .column(attendee::Column::EventId)
            .from(attendee::Entity)
            .and_where(Expr::col(attendee::Column::UserId).eq(user_id))
            .and_where(Expr::col(attendee::Column::Response).ne(Response::Declined))
            .to_owned();
        let theirs = Events::find_live()
            .filter(Column::CompanyId.eq(caller.company_id))
            .filter(Condition::any().add(Column::OrganizerId.eq(user_id)).add(Column::Id.in_subquery(attending)));
        let rows = in_range(theirs, from, to).all(db).await?;
        let (_, occurrences) = expand(db, rows, from, to).await?;
        let mut busy: Vec<(DateTime<Utc>, DateTime<Utc>)> = Vec::new();
        for o in occurrences {
            match busy.last_mut() {
                Some(last) if o.starts_at <= last.1 => last.1 = std::cmp::max(last.1, o.ends_at),
                _ => busy.push((o.starts_at, o.ends_at)),
            }
        }
        answer.push((user_id, busy));
    }
    Ok(answer)
}

/// Which occurrences a change or a deletion is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// The one the rule starts at `original_start`.
    This,
    /// That one and the following ones.
    Following,
}

/// Checks that `original_start` names an occurrence of the series `row`.
fn check_occurrence(row: &event::Model, original_start: DateTime<Utc>) -> ApiResult<EventFields> {
    let fields = EventFields::of(row);
    if fields.rule.is_none() {
        return Err(ApiError::field("occurrence", "not_recurring", "only a recurring event has occurrences"));
    }
    if !in_calendar(original_start) || !fields.series().has_occurrence_at(original_start) {
        return Err(ApiError::not_found("occurrence"));
    }
    Ok(fields)
}

/// Changes one occurrence (returns the changed occurrence's own row) or an occurrence
/// and the following ones (returns the new series that carries them).
pub async fn change(
    state: &AppState,
    caller: &Caller,
    series: event::Model,
    original_start: DateTime<Utc>,
    scope: Scope,
    changes: EventChanges,
) -> ApiResult<event::Model> {
    let fields = check_occurrence(&series, original_start)?;
    let moved =
        Timing { starts_at: original_start, ends_at: original_start + fields.timing.duration(), ..fields.timing };
    if scope == Scope::Following && original_start == series.starts_at {
        let whole = changes.apply(fields)?;
        return service::update(state, caller, series, whole).await;
    }
    let existing = Events::find_live()
        .filter(Column::SeriesId.eq(series.id))
        .filter(Column::OriginalStart.eq(original_start))
        .one(&state.db)
        .await?;
    match scope {
        Scope::This => {
            if matches!(changes.rrule, Some(Some(_))) {
                return Err(ApiError::field("rrule", "one_occurrence", "one occurrence has no rule of its own"));
            }
            if let Some(current) = existing {
                let base = EventFields::of(&current);
                return service::update(state, caller, current, changes.apply(base)?).await;
            }
            let base = EventFields { timing: moved, rule: None, exdates: Vec::new(), ..fields };
            let one = changes.apply(base)?;
            let users = service::check_links(&state.db, series.company_id, &one).await?;
            let answers = service::answers(&state.db, series.id).await?;
            let txn = begin_write(&state.db).await?;
            let row =
                service::insert(&txn, series.company_id, series.organizer_id, &one, Some((series.id, original_start)))
                    .await?;
            service::set_attendees(&txn, row.id, &users, &answers).await?;
            service::record(&txn, caller, "update_occurrence", Some(&series), Some(&row)).await?;
            invitations::send(&txn, state, &row, Method::Request).await?;
            txn.commit().await?;
            Ok(row)
        }
        Scope::Following => {
            let rule = fields.rule.clone().expect("checked recurring");
            let done = fields.series().count_before(original_start);
            let rest_rule =
                Rule::parse(&rule.without_first(done), &moved).map_err(|r| ApiError::field("rrule", "invalid", r))?;
            let (before, after): (Vec<_>, Vec<_>) = fields.exdates.iter().partition(|at| **at < original_start);
            let base = EventFields { timing: moved, rule: Some(rest_rule), exdates: after, ..fields.clone() };
            let rest = changes.apply(base)?;
            let users = service::check_links(&state.db, series.company_id, &rest).await?;
            let answers = service::answers(&state.db, series.id).await?;
            let head = EventFields {
                rule: Some(
                    Rule::parse(&rule.ending_before(original_start), &fields.timing)
                        .map_err(|r| ApiError::field("rrule", "invalid", r))?,
                ),
                exdates: before,
                ..fields
            };
            let txn = begin_write(&state.db).await?;
            let row = end_series(&txn, caller, &series, head, original_start).await?;
            invitations::send(&txn, state, &row, Method::Request).await?;
            let tail = service::insert(&txn, series.company_id, series.organizer_id, &rest, None).await?;
            service::set_attendees(&txn, tail.id, &users, &answers).await?;
            service::record(&txn, caller, "create", None, Some(&tail)).await?;
            invitations::send(&txn, state, &tail, Method::Request).await?;
            txn.commit().await?;
            Ok(tail)
        }
    }
}

/// Cuts `series` before `at` (its rule becomes `head`'s), dropping its changed
/// occurrences from `at` on.
async fn end_series(
    db: &sea_orm::DatabaseTransaction,
    caller: &Caller,
    series: &event::Model,
    head: EventFields,
    at: DateTime<Utc>,
) -> ApiResult<event::Model> {
    Events::soft_delete_where(
        db,
        Expr::col(Column::SeriesId).eq(series.id).and(Expr::col(Column::OriginalStart).gte(at)),
        Some(caller.user_id),
    )
    .await?;
    let mut row = series.clone().into_active_model();
    head.apply(&mut row);
    row.sequence = Set(series.sequence + 1);
    let row = row.update(db).await?;
    service::record(db, caller, "update", Some(series), Some(&row)).await?;
    Ok(row)
}

/// Deletes one occurrence (left out of the series, its changed row deleted) or an
/// occurrence and the following ones (the series cut before it).
pub async fn delete(
    state: &AppState,
    caller: &Caller,
    series: event::Model,
    original_start: DateTime<Utc>,
    scope: Scope,
) -> ApiResult<()> {
    let fields = check_occurrence(&series, original_start)?;
    if scope == Scope::Following && original_start == series.starts_at {
        return service::delete(state, caller, series).await;
    }
    let txn = begin_write(&state.db).await?;
    let row = match scope {
        Scope::This => {
            Events::soft_delete_where(
                &txn,
                Expr::col(Column::SeriesId).eq(series.id).and(Expr::col(Column::OriginalStart).eq(original_start)),
                Some(caller.user_id),
            )
            .await?;
            let mut exdates = exdates_of(&series);
            exdates.push(original_start);
            exdates.sort_unstable();
            exdates.dedup();
            let mut row = series.clone().into_active_model();
            row.exdates = Set(json!(exdates));
            row.sequence = Set(series.sequence + 1);
            let row = row.update(&txn).await?;
            service::record(&txn, caller, "delete_occurrence", Some(&series), Some(&row)).await?;
            row
        }
        Scope::Following => {
            let rule = fields.rule.clone().expect("checked recurring");
            let head_rule = Rule::parse(&rule.ending_before(original_start), &timing_of(&series))
                .map_err(|r| ApiError::field("occurrence", "invalid", r))?;
            let head = EventFields {
                rule: Some(head_rule),
                exdates: fields.exdates.iter().copied().filter(|at| *at < original_start).collect(),
                ..fields
            };
            end_series(&txn, caller, &series, head, original_start).await?
        }
    };
    invitations::send(&txn, state, &row, Method::Request).await?;
    txn.commit().await?;
    Ok(())
}
