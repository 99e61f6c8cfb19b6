//! Event rules: who sees an event (company events for every reader of the calendar,
//! private ones for their organiser and attendees), who changes it (`calendar.manage.event`
//! at the organiser's scope), attendees resolved from users, roles and groups, audit on
//! every change, invitations and cancellations emailed with an `.ics` in the same
//! transaction.

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, Utc};
use sea_orm::ActiveValue::Set;
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseTransaction, EntityTrait, IntoActiveModel,
    QueryFilter, QueryOrder, Select,
};
use serde_json::json;
use uuid::Uuid;

use super::invitations::{self, Method};
use super::model::attendee::{self, Response};
use super::model::event::{self, Column, Entity as Events, Visibility};
use super::recurrence::{Rule, Series, Timing};
use crate::app::AppState;
use crate::caller::Caller;
use crate::error::{ApiError, ApiResult};
use crate::infra::db::{BaseEntity, begin_write};
use crate::platform::audit::service::{self as audit, Change};
use crate::platform::notifications::recipients::{self, Recipient};
use crate::platform::rbac::scope::Scope;
use crate::platform::sites::service as sites;
use crate::platform::users::model as user;

pub const VIEW_PERMISSION: &str = "calendar.view.event";
pub const MANAGE_PERMISSION: &str = "calendar.manage.event";

/// An event's fields, checked.
#[derive(Debug, Clone)]
pub struct EventFields {
    pub title: String,
    pub description: Option<String>,
    pub location: Option<String>,
    pub site_id: Option<Uuid>,
    pub timing: Timing,
    pub all_day: bool,
    pub rule: Option<Rule>,
    pub exdates: Vec<DateTime<Utc>>,
    pub invitees: Vec<String>,
    pub category: Option<String>,
    pub color: Option<String>,
    pub visibility: Visibility,
    pub reminders: Vec<i32>,
}

impl EventFields {
    /// The fields of a stored event (its rule was checked when it was saved).
    pub fn of(row: &event::Model) -> Self {
        let timing = timing_of(row);
        Self {
            title: row.title.clone(),
            description: row.description.clone(),
            location: row.location.clone(),
            site_id: row.site_id,
            timing,
            all_day: row.all_day,
            rule: row.rrule.as_deref().and_then(|text| Rule::parse(text, &timing).ok()),
            exdates: exdates_of(row),
            invitees: serde_json::from_value(row.invitees.clone()).unwrap_or_default(),
            category: row.category.clone(),
            color: row.color.clone(),
            visibility: row.visibility,
            reminders: serde_json::from_value(row.reminders.clone()).unwrap_or_default(),
        }
    }

    pub fn series(&self) -> Series<'_> {
        Series { timing: self.timing, rule: self.rule.as_ref(), exdates: &self.exdates }
    }

    /// The columns these fields set.
    pub fn apply(&self, row: &mut event::ActiveModel) {
        let timing = if self.all_day { self.timing.whole_days() } else { self.timing };
        row.title = Set(self.title.clone());
        row.description = Set(self.description.clone());
        row.location = Set(self.location.clone());
        row.site_id = Set(self.site_id);
        row.time_zone = Set(timing.zone.name().to_owned());
        row.all_day = Set(self.all_day);
        row.starts_at = Set(timing.starts_at);
        row.ends_at = Set(timing.ends_at);
        row.rrule = Set(self.rule.as_ref().map(Rule::text));
        row.exdates = Set(json!(self.exdates));
        let series = Series { timing, rule: self.rule.as_ref(), exdates: &self.exdates };
        row.series_ends_at = Set(series.ends_at());
        row.invitees = Set(json!(self.invitees));
        row.category = Set(self.category.clone());
        row.color = Set(self.color.clone());
        row.visibility = Set(self.visibility);
        row.reminders = Set(json!(self.reminders));
    }

    /// Whether attendees must hear of the change from `before` (what they put in their
    /// own calendars: when, where, what).
    fn differs_for_attendees(&self, before: &Self) -> bool {
        self.title != before.title
            || self.description != before.description
            || self.location != before.location
            || self.timing.starts_at != before.timing.starts_at
            || self.timing.ends_at != before.timing.ends_at
            || self.timing.zone != before.timing.zone
            || self.all_day != before.all_day
            || self.rule.as_ref().map(Rule::text) != before.rule.as_ref().map(Rule::text)
            || self.exdates != before.exdates
    }
}

pub fn timing_of(row: &event::Model) -> Timing {
    Timing { zone: row.time_zone.parse().unwrap_or(chrono_tz::UTC), starts_at: row.starts_at, ends_at: row.ends_at }
}

pub fn exdates_of(row: &event::Model) -> Vec<DateTime<Utc>> {
    serde_json::from_value(row.exdates.clone()).unwrap_or_default()
}

/// The live events `caller` may see: company events of their company (any company's
/// at scope `all`), and those they organise or attend.
pub fn visible(caller: &Caller) -> ApiResult<Select<Events>> {
    let scope = caller.require(VIEW_PERMISSION)?;
    let mine = Condition::any().add(Column::OrganizerId.eq(caller.user_id)).add(
        Column::Id.in_subquery(
            Query::select()
                .column(attendee::Column::EventId)
                .from(attendee::Entity)
                .and_where(Expr::col(attendee::Column::UserId).eq(caller.user_id))
                .to_owned(),
        ),
    );
    let rows = Events::find_live();
    Ok(match scope {
        Scope::Own => rows.filter(Column::CompanyId.eq(caller.company_id)).filter(mine),
        Scope::Company => rows
            .filter(Column::CompanyId.eq(caller.company_id))
            .filter(Condition::any().add(Column::Visibility.eq(Visibility::Company)).add(mine)),
        Scope::All => rows.filter(Condition::any().add(Column::Visibility.eq(Visibility::Company)).add(mine)),
    })
}

/// Whether `caller` may change `row`: `calendar.manage.event` reaching it (scope `own`:
/// events they organise).
pub fn can_edit(caller: &Caller, row: &event::Model) -> bool {
    caller.reaches(MANAGE_PERMISSION, Some(row.company_id), Some(row.organizer_id))
}

/// Event `id` if `caller` sees it; 404 otherwise.
pub async fn get(db: &impl ConnectionTrait, caller: &Caller, id: Uuid) -> ApiResult<event::Model> {
    visible(caller)?.filter(Column::Id.eq(id)).one(db).await?.ok_or(ApiError::not_found("event"))
}

/// Event `id` if `caller` may change it: 404 when they do not see it, 403 when they
/// only see it.
pub async fn get_to_change(db: &impl ConnectionTrait, caller: &Caller, id: Uuid) -> ApiResult<event::Model> {
    caller.require(MANAGE_PERMISSION)?;
    let row = get(db, caller, id).await?;
    if can_edit(caller, &row) {
        Ok(row)
    } else {
        Err(ApiError::Denied {
            code: "not_organizer",
            detail: "Only the organiser or a calendar manager changes this event.".into(),
        })
    }
}

/// An event's attendees with who they are, in name order.
pub async fn attendees(db: &impl ConnectionTrait, event_id: Uuid) -> ApiResult<Vec<(attendee::Model, user::Model)>> {
    Ok(attendees_of(db, vec![event_id]).await?.remove(&event_id).unwrap_or_default())
}

/// The attendees of each of `event_ids`, in name order.
pub async fn attendees_of(
    db: &impl ConnectionTrait,
    event_ids: Vec<Uuid>,
) -> ApiResult<HashMap<Uuid, Vec<(attendee::Model, user::Model)>>> {
    let rows = attendee::Entity::find().filter(attendee::Column::EventId.is_in(event_ids)).all(db).await?;
    let ids: BTreeSet<Uuid> = rows.iter().map(|a| a.user_id).collect();
    let users: HashMap<Uuid, user::Model> = user::Entity::find()
        .filter(user::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    let mut by_event: HashMap<Uuid, Vec<(attendee::Model, user::Model)>> = HashMap::new();
    for row in rows {
        if let Some(person) = users.get(&row.user_id) {
            by_event.entry(row.event_id).or_default().push((row, person.clone()));
        }
    }
    for people in by_event.values_mut() {
        people.sort_by(|a, b| a.1.full_name.cmp(&b.1.full_name));
    }
    Ok(by_event)
}

/// The answers given to an event, by attendee.
pub async fn answers(
    db: &impl ConnectionTrait,
    event_id: Uuid,
) -> ApiResult<HashMap<Uuid, (Response, Option<DateTime<Utc>>)>> {
    let rows = attendee::Entity::find().filter(attendee::Column::EventId.eq(event_id)).all(db).await?;
    Ok(rows.into_iter().map(|a| (a.user_id, (a.response, a.responded_at))).collect())
}

/// Checks the links fields make (site, invited users) in `company_id`; the invitees'
/// users.
pub async fn check_links(
    db: &impl ConnectionTrait,
    company_id: Uuid,
    fields: &EventFields,
) -> ApiResult<Vec<user::Model>> {
    if let Some(site_id) = fields.site_id
        && sites::find_live_in_company(db, company_id, site_id).await?.is_none()
    {
        return Err(ApiError::field("site_id", "unknown", "no such site in this company"));
    }
    let parsed = recipients::parse_all(&fields.invitees).map_err(|_| {
        ApiError::field("attendees", "invalid", "each attendee is a user id, `role:<code>` or `group:<name>`")
    })?;
    let users = recipients::resolve(db, company_id, &parsed, None).await?;
    let found: BTreeSet<Uuid> = users.iter().map(|u| u.id).collect();
    if let Some(missing) = parsed.iter().find_map(|r| match r {
        Recipient::User(id) if !found.contains(id) => Some(id),
        _ => None,
    }) {
        return Err(ApiError::field("attendees", "unknown", format!("no active user {missing} in this company")));
    }
    Ok(users)
}

/// What an event is in the audit trail.
pub fn audit_json(row: &event::Model) -> serde_json::Value {
    json!({
        "title": row.title, "starts_at": row.starts_at, "ends_at": row.ends_at, "all_day": row.all_day,
        "time_zone": row.time_zone, "rrule": row.rrule, "exdates": row.exdates, "location": row.location,
        "site_id": row.site_id, "invitees": row.invitees, "visibility": row.visibility,
        "reminders": row.reminders, "series_id": row.series_id, "original_start": row.original_start,
    })
}

pub async fn record(
    db: &DatabaseTransaction,
    caller: &Caller,
    action: &str,
    before: Option<&event::Model>,
    after: Option<&event::Model>,
) -> ApiResult<()> {
    let row = after.or(before).expect("an event before or after");
    let change = Change {
        company_id: row.company_id,
        action,
        model: "calendar_event",
        object_id: Some(row.id.to_string()),
        before: before.map(audit_json),
        after: after.map(audit_json),
    };
    audit::record(db, &caller.actor, change).await
}

/// Plans an event in the caller's company, invites its attendees.
pub async fn create(state: &AppState, caller: &Caller, fields: EventFields) -> ApiResult<event::Model> {
    caller.require(MANAGE_PERMISSION)?;
    let company_id = caller.company_id;
    let users = check_links(&state.db, company_id, &fields).await?;
    let txn = begin_write(&state.db).await?;
    let row = insert(&txn, company_id, caller.user_id, &fields, None).await?;
    set_attendees(&txn, row.id, &users, &HashMap::new()).await?;
    record(&txn, caller, "create", None, Some(&row)).await?;
    invitations::send(&txn, state, &row, Method::Request).await?;
    txn.commit().await?;
    Ok(row)
}

/// Writes a new event row: a plan, or one changed occurrence of `series` (its id and
/// the start the rule gave the occurrence).
pub async fn insert(
    db: &impl ConnectionTrait,
    company_id: Uuid,
    organizer_id: Uuid,
    fields: &EventFields,
    series: Option<(Uuid, DateTime<Utc>)>,
) -> ApiResult<event::Model> {
    let mut row = event::ActiveModel {
        company_id: Set(company_id),
        organizer_id: Set(organizer_id),
        series_id: Set(series.map(|s| s.0)),
        original_start: Set(series.map(|s| s.1)),
        sequence: Set(0),
        ..Default::default()
    };
    fields.apply(&mut row);
    Ok(row.insert(db).await?)
}

/// Makes `users` the event's attendees: answers of those who stay are kept (or taken
/// from `answers`, a series' answers for a changed occurrence), the others removed.
pub async fn set_attendees(
    db: &impl ConnectionTrait,
    event_id: Uuid,
    users: &[user::Model],
    answers: &HashMap<Uuid, (Response, Option<DateTime<Utc>>)>,
) -> ApiResult<Vec<Uuid>> {
    let current = attendee::Entity::find().filter(attendee::Column::EventId.eq(event_id)).all(db).await?;
    let wanted: BTreeSet<Uuid> = users.iter().map(|u| u.id).collect();
    let gone: Vec<Uuid> = current.iter().filter(|a| !wanted.contains(&a.user_id)).map(|a| a.user_id).collect();
    if !gone.is_empty() {
        attendee::Entity::delete_many()
            .filter(attendee::Column::EventId.eq(event_id))
            .filter(attendee::Column::UserId.is_in(gone.clone()))
            .exec(db)
            .await?;
    }
    let present: BTreeSet<Uuid> = current.iter().map(|a| a.user_id).collect();
    for user_id in wanted.difference(&present) {
        let (response, responded_at) = answers.get(user_id).copied().unwrap_or((Response::NeedsAction, None));
        attendee::ActiveModel {
            id: Set(Uuid::now_v7()),
            event_id: Set(event_id),
            user_id: Set(*user_id),
            response: Set(response),
            responded_at: Set(responded_at),
        }
        .insert(db)
        .await?;
    }
    Ok(gone)
}

/// Changes a whole event (a series with all its occurrences). Moving a series or
/// changing its rule drops its changed occurrences, which no longer line up.
pub async fn update(
    state: &AppState,
    caller: &Caller,
    current: event::Model,
    fields: EventFields,
) -> ApiResult<event::Model> {
    let users = check_links(&state.db, current.company_id, &fields).await?;
    let before = EventFields::of(&current);
    let told = fields.differs_for_attendees(&before);
    let realigned = current.rrule.is_some()
        && (fields.timing.starts_at != before.timing.starts_at
            || fields.rule.as_ref().map(Rule::text) != before.rule.as_ref().map(Rule::text));
    let txn = begin_write(&state.db).await?;
    if realigned {
        Events::soft_delete_where(&txn, Column::SeriesId.eq(current.id), Some(caller.user_id)).await?;
    }
    let mut row = current.clone().into_active_model();
    fields.apply(&mut row);
    if told {
        row.sequence = Set(current.sequence + 1);
    }
    let row = row.update(&txn).await?;
    let gone = set_attendees(&txn, row.id, &users, &HashMap::new()).await?;
    record(&txn, caller, "update", Some(&current), Some(&row)).await?;
    invitations::cancel_for(&txn, state, &row, &gone).await?;
    if told {
        invitations::send(&txn, state, &row, Method::Request).await?;
    }
    txn.commit().await?;
    Ok(row)
}

/// Deletes a whole event, its changed occurrences with it, and tells its attendees.
pub async fn delete(state: &AppState, caller: &Caller, current: event::Model) -> ApiResult<()> {
    let txn = begin_write(&state.db).await?;
    Events::soft_delete_where(&txn, Column::SeriesId.eq(current.id), Some(caller.user_id)).await?;
    Events::soft_delete(&txn, current.id, Some(caller.user_id)).await?;
    record(&txn, caller, "delete", Some(&current), None).await?;
    let cancelled = event::Model { sequence: current.sequence + 1, ..current };
    invitations::send(&txn, state, &cancelled, Method::Cancel).await?;
    txn.commit().await?;
    Ok(())
}

/// An attendee's answer to an event they are invited to.
pub async fn respond(state: &AppState, caller: &Caller, id: Uuid, response: Response) -> ApiResult<event::Model> {
    let row = get(&state.db, caller, id).await?;
    let updated = attendee::Entity::update_many()
        .col_expr(attendee::Column::Response, Expr::value(response))
        .col_expr(attendee::Column::RespondedAt, Expr::value(Utc::now()))
        .filter(attendee::Column::EventId.eq(id))
        .filter(attendee::Column::UserId.eq(caller.user_id))
        .exec(&state.db)
        .await?;
    if updated.rows_affected == 0 {
        return Err(ApiError::Conflict { code: "not_invited", detail: "You are not invited to this event.".into() });
    }
    Ok(row)
}

/// The changed occurrences of `series_id`, by the start the rule gave them.
pub async fn overrides(db: &impl ConnectionTrait, series_ids: Vec<Uuid>) -> ApiResult<Vec<event::Model>> {
    if series_ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(Events::find_live()
        .filter(Column::SeriesId.is_in(series_ids))
        .order_by_asc(Column::OriginalStart)
        .all(db)
        .await?)
}
