//! Corrective and preventive actions (CAPA): raised on an incident, owned by one person,
//! done by them, verified by someone else. `open → in_progress → done → verified`, or
//! `cancelled`; a verifier not satisfied sends it back to `in_progress`.

use chrono::Utc;
use sea_orm::ActiveEnum;
use sea_orm::ActiveValue::Set;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, QueryFilter, QueryOrder};
use serde_json::json;
use uuid::Uuid;

use super::dto::{ActionIn, ActionMoveIn, ActionOut, ActionPatch};
use super::workflow::{ActionMove, Who};
use crate::app::AppState;
use crate::caller::Caller;
use crate::error::{ApiError, ApiResult, FieldError};
use crate::http::revision;
use crate::infra::db::begin_write;
use crate::module::{Period, SequenceKind};
use crate::modules::hse::domain::{ActionStatus, IncidentStatus};
use crate::modules::hse::incidents::dto::MAX_PHOTOS;
use crate::modules::hse::incidents::service::{self as incidents, PHOTO_PURPOSE};
use crate::modules::hse::model::action;
use crate::modules::hse::permissions::{MANAGE_ACTION, VIEW_ACTION};
use crate::platform::audit::service::{self as audit, Change};
use crate::platform::files::attachments;
use crate::platform::outbox::service as outbox;
use crate::platform::sequences::service as sequences;
use crate::platform::users::service as users;
use crate::scoped::{find_in_reach, get_in_reach};

pub const NUMBERS: SequenceKind = SequenceKind {
    code: "hse.action",
    prefix: "ACT",
    padding: 5,
    period: Period::Year,
    label_fr: "Action corrective HSE",
    label_en: "HSE corrective action",
};

/// Audit entries and evidence photos name actions as this model.
pub const MODEL: &str = "hse.action";

/// The incident's actions the caller may see, oldest first.
pub async fn of_incident(db: &impl ConnectionTrait, caller: &Caller, incident_id: Uuid) -> ApiResult<Vec<ActionOut>> {
    if caller.require(VIEW_ACTION).is_err() {
        return Ok(Vec::new());
    }
    let rows = find_in_reach::<action::Entity>(caller, VIEW_ACTION)?
        .filter(action::Column::IncidentId.eq(incident_id))
        .order_by_asc(action::Column::Id)
        .all(db)
        .await?;
    Ok(rows.into_iter().map(ActionOut::from).collect())
}

/// Action `id` if the caller sees it (scope `own`: theirs to do), else 404.
pub async fn find(db: &impl ConnectionTrait, caller: &Caller, id: Uuid) -> ApiResult<action::Model> {
    get_in_reach::<action::Entity>(db, caller, VIEW_ACTION, id).await
}

/// 403 unless `caller` manages the company's actions.
fn check_manages(caller: &Caller, company_id: Uuid) -> ApiResult<()> {
    if caller.reaches(MANAGE_ACTION, Some(company_id), None) {
        Ok(())
    } else {
        Err(ApiError::Forbidden { permission: MANAGE_ACTION.to_owned() })
    }
}

/// 422 unless the owner is a user of the company and the due date is not past.
async fn check_fields(
    db: &impl ConnectionTrait,
    company_id: Uuid,
    owner_id: Option<Uuid>,
    due_date: Option<chrono::NaiveDate>,
) -> ApiResult<()> {
    let mut errors = Vec::new();
    if let Some(owner_id) = owner_id
        && !users::is_member(db, company_id, owner_id).await?
    {
        errors.push(FieldError::new("owner_id", "unknown_link", "no such person in this company"));
    }
    if let Some(due) = due_date
        && due < Utc::now().date_naive()
    {
        errors.push(FieldError::new("due_date", "in_past", "an action is due today or later"));
    }
    if errors.is_empty() { Ok(()) } else { Err(ApiError::Validation(errors)) }
}

/// Raises an action on incident `incident_id`: it must be submitted and not closed.
/// Numbered, audited, and announced as `hse.action.assigned`.
pub async fn create(state: &AppState, caller: &Caller, incident_id: Uuid, input: ActionIn) -> ApiResult<ActionOut> {
    let txn = begin_write(&state.db).await?;
    let out = create_in(&txn, caller, incident_id, input).await?;
    txn.commit().await?;
    Ok(out)
}

/// [`create`] in the caller's transaction.
pub async fn create_in(
    txn: &DatabaseTransaction,
    caller: &Caller,
    incident_id: Uuid,
    input: ActionIn,
) -> ApiResult<ActionOut> {
    let incident = incidents::find(txn, caller, incident_id).await?;
    check_manages(caller, incident.company_id)?;
    if matches!(incident.status, IncidentStatus::Draft | IncidentStatus::Closed) {
        return Err(ApiError::Conflict {
            code: "incident_not_open",
            detail: format!(
                "The incident is `{}`: actions are raised once it is submitted and until it is closed.",
                incident.status.to_value()
            ),
        });
    }
    check_fields(txn, incident.company_id, Some(input.owner_id), Some(input.due_date)).await?;
    let now = Utc::now();
    let number = sequences::next(txn, incident.company_id, &NUMBERS, now).await?.number;
    let row = action::ActiveModel {
        id: Set(Uuid::now_v7()),
        company_id: Set(incident.company_id),
        incident_id: Set(incident_id),
        number: Set(number),
        kind: Set(input.kind),
        title: Set(input.title.trim().to_owned()),
        description: Set(input.description.filter(|d| !d.trim().is_empty())),
        owner_id: Set(input.owner_id),
        due_date: Set(input.due_date),
        status: Set(ActionStatus::Open),
        revision: Set(1),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    let out = ActionOut::from(row);
    record(txn, caller, incident.company_id, "create", None, &out).await?;
    outbox::emit(txn, Some(incident.company_id), "hse.action.assigned", json!(out), &caller.actor).await?;
    Ok(out)
}

/// Changes an action still to settle, at revision `expected` (412 otherwise). A new
/// owner is told (`hse.action.assigned`); a new owner or due date restarts reminders.
pub async fn update(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    expected: Option<i32>,
    patch: ActionPatch,
) -> ApiResult<ActionOut> {
    let expected = revision::required(expected, "action")?;
    let txn = begin_write(&state.db).await?;
    let current = find(&txn, caller, id).await?;
    revision::check("action", current.revision, expected)?;
    let out = update_in(&txn, caller, current, patch).await?;
    txn.commit().await?;
    Ok(out)
}

/// [`update`] of `current` (read in the caller's reach, at the expected revision) in the
/// caller's transaction.
pub async fn update_in(
    txn: &DatabaseTransaction,
    caller: &Caller,
    current: action::Model,
    patch: ActionPatch,
) -> ApiResult<ActionOut> {
    check_manages(caller, current.company_id)?;
    check_unsettled(&current)?;
    check_fields(txn, current.company_id, patch.owner_id, patch.due_date).await?;
    let before = ActionOut::from(current.clone());
    let reassigned = patch.owner_id.is_some_and(|owner| owner != current.owner_id);
    let rescheduled = patch.due_date.is_some_and(|due| due != current.due_date);
    let mut row: action::ActiveModel = current.clone().into();
    if let Some(kind) = patch.kind {
        row.kind = Set(kind);
    }
    if let Some(title) = patch.title {
        row.title = Set(title.trim().to_owned());
    }
    if let Some(description) = patch.description {
        row.description = Set(description.filter(|d| !d.trim().is_empty()));
    }
    if let Some(owner_id) = patch.owner_id {
        row.owner_id = Set(owner_id);
    }
    if let Some(due_date) = patch.due_date {
        row.due_date = Set(due_date);
    }
    if reassigned || rescheduled {
        row.overdue_notified_at = Set(None);
        row.escalated_at = Set(None);
    }
    row.revision = Set(current.revision + 1);
    row.updated_at = Set(Utc::now());
    row.updated_by = Set(Some(caller.user_id));
    let out = ActionOut::from(row.update(txn).await?);
    record(txn, caller, current.company_id, "update", Some(&before), &out).await?;
    if reassigned {
        outbox::emit(txn, Some(current.company_id), "hse.action.assigned", json!(out), &caller.actor).await?;
    }
    Ok(out)
}

pub fn check_unsettled(row: &action::Model) -> ApiResult<()> {
    if row.status.is_settled() {
        return Err(ApiError::Conflict {
            code: "action_settled",
            detail: format!("The action is `{}` and no longer changes.", row.status.to_value()),
        });
    }
    Ok(())
}

/// Makes the move: 404 out of reach, 403 for who may not, 412 on an older revision,
/// 409 naming the current state, 422 for a missing note or too many photos.
pub async fn apply(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    wanted: ActionMove,
    expected: Option<i32>,
    input: ActionMoveIn,
) -> ApiResult<ActionOut> {
    let rule = wanted.rule();
    let txn = begin_write(&state.db).await?;
    let current = find(&txn, caller, id).await?;
    match rule.who {
        Who::OwnerOrManager if current.owner_id == caller.user_id => {}
        Who::OwnerOrManager | Who::Manager => check_manages(caller, current.company_id)?,
        Who::ManagerNotOwner => {
            check_manages(caller, current.company_id)?;
            if current.owner_id == caller.user_id {
                return Err(ApiError::Conflict {
                    code: "verifier_is_owner",
                    detail: "Someone other than the action's owner verifies it.".into(),
                });
            }
        }
    }
    if let Some(expected) = expected {
        revision::check("action", current.revision, expected)?;
    }
    if !rule.from.contains(&current.status) {
        let from: Vec<String> = rule.from.iter().map(|s| format!("`{}`", s.to_value())).collect();
        return Err(ApiError::Conflict {
            code: "illegal_transition",
            detail: format!(
                "The action is `{}`: `{}` moves it from {}.",
                current.status.to_value(),
                wanted.code(),
                from.join(", ")
            ),
        });
    }
    let note = input.note.map(|n| n.trim().to_owned()).filter(|n| !n.is_empty());
    if rule.needs_note && note.as_deref().is_none_or(|n| n.chars().count() < 10) {
        return Err(ApiError::Validation(vec![FieldError::new(
            "note",
            "too_short",
            format!("say why it is {}, in 10 characters or more", rule.to.to_value()),
        )]));
    }
    if !input.evidence_ids.is_empty() {
        if wanted != ActionMove::Complete {
            return Err(ApiError::Validation(vec![FieldError::new(
                "evidence_ids",
                "not_expected",
                "evidence photos come with `complete`",
            )]));
        }
        let evidence = (PHOTO_PURPOSE, MAX_PHOTOS);
        attachments::attach_new(&txn, caller, (MODEL, id), evidence, "evidence_ids", &input.evidence_ids).await?;
    }

    let before = ActionOut::from(current.clone());
    let now = Utc::now();
    let mut row: action::ActiveModel = current.clone().into();
    row.status = Set(rule.to);
    row.status_note = Set(note);
    match wanted {
        ActionMove::Complete => row.completed_at = Set(Some(now)),
        ActionMove::Reopen => row.completed_at = Set(None),
        ActionMove::Verify => {
            row.verified_by = Set(Some(caller.user_id));
            row.verified_at = Set(Some(now));
        }
        ActionMove::Start | ActionMove::Cancel => {}
    }
    row.revision = Set(current.revision + 1);
    row.updated_at = Set(now);
    row.updated_by = Set(Some(caller.user_id));
    let out = ActionOut::from(row.update(&txn).await?);
    record(&txn, caller, current.company_id, wanted.code(), Some(&before), &out).await?;
    if wanted == ActionMove::Complete {
        outbox::emit(&txn, Some(current.company_id), "hse.action.completed", json!(out), &caller.actor).await?;
    }
    txn.commit().await?;
    Ok(out)
}

async fn record(
    db: &DatabaseTransaction,
    caller: &Caller,
    company_id: Uuid,
    action: &str,
    before: Option<&ActionOut>,
    after: &ActionOut,
) -> ApiResult<()> {
    let change = Change {
        company_id,
        action,
        model: MODEL,
        object_id: Some(after.id.to_string()),
        before: before.map(|b| json!(b)),
        after: Some(json!(after)),
    };
    audit::record(db, &caller.actor, change).await
}
