//! Changing an incident after it was reported: its fields (with `If-Match`), its
//! investigation, or deleting it. An approved or closed incident no longer changes.

use chrono::Utc;
use sea_orm::ActiveEnum;
use sea_orm::ActiveValue::Set;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait};
use serde_json::json;
use uuid::Uuid;

use super::dto::{IncidentDetail, IncidentOut, IncidentPatch, InvestigationIn, InvestigationOut};
use super::service::{self, Links, MODEL};
use crate::app::AppState;
use crate::caller::Caller;
use crate::error::{ApiError, ApiResult, FieldError};
use crate::http::revision;
use crate::infra::db::{BaseEntity, begin_write};
use crate::modules::hse::domain::{IncidentStatus, Severity};
use crate::modules::hse::kpis;
use crate::modules::hse::model::{action, incident, investigation};
use crate::modules::hse::permissions::{DELETE_INCIDENT, EDIT_INCIDENT, INVESTIGATE_INCIDENT};
use crate::platform::audit::service::{self as audit, Change};
use crate::platform::outbox::service as outbox;
use crate::platform::users::service as users;

/// 403 unless `caller` may change the incident's fields: holders of `hse.edit.incident`
/// in reach, or its reporter while it is a draft or sent back.
fn check_may_edit(caller: &Caller, row: &incident::Model) -> ApiResult<()> {
    let reporter_may =
        row.reported_by == caller.user_id && matches!(row.status, IncidentStatus::Draft | IncidentStatus::Rejected);
    if reporter_may || caller.reaches(EDIT_INCIDENT, Some(row.company_id), Some(row.reported_by)) {
        Ok(())
    } else {
        Err(ApiError::Forbidden { permission: EDIT_INCIDENT.to_owned() })
    }
}

/// 409 once the incident is approved or closed.
fn check_unlocked(row: &incident::Model) -> ApiResult<()> {
    if row.status.is_locked() {
        return Err(ApiError::Conflict {
            code: "incident_locked",
            detail: format!("The incident is `{}` and no longer changes.", row.status.to_value()),
        });
    }
    Ok(())
}

/// Changes the fields `patch` names, if the incident is still at `expected` (412) and
/// not approved (409). A change to critical announces `hse.incident.severity_critical`.
pub async fn update(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    expected: Option<i32>,
    patch: IncidentPatch,
) -> ApiResult<IncidentDetail> {
    let expected = revision::required(expected, "incident")?;
    let txn = begin_write(&state.db).await?;
    let current = service::find(&txn, caller, id).await?;
    check_may_edit(caller, &current)?;
    revision::check("incident", current.revision, expected)?;
    check_unlocked(&current)?;

    let mut errors = Vec::new();
    if let Some(occurred_at) = patch.occurred_at {
        service::check_occurred_at(occurred_at, &mut errors);
    }
    let links = Links {
        site_id: patch.site_id.flatten(),
        assigned_to: patch.assigned_to.flatten(),
        people: patch.people.as_deref().unwrap_or_default(),
    };
    service::check_links(&txn, current.company_id, links, &mut errors).await?;
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }

    let before = json!(IncidentOut::from(current.clone()));
    let became_critical = patch.severity == Some(Severity::Critical) && current.severity != Severity::Critical;
    let mut row: incident::ActiveModel = current.clone().into();
    if let Some(title) = patch.title {
        row.title = Set(title.trim().to_owned());
    }
    if let Some(description) = patch.description {
        row.description = Set(description);
    }
    if let Some(severity) = patch.severity {
        row.severity = Set(severity);
    }
    if let Some(kind) = patch.incident_type {
        row.incident_type = Set(kind);
    }
    if let Some(occurred_at) = patch.occurred_at {
        row.occurred_at = Set(occurred_at);
    }
    if let Some(site_id) = patch.site_id {
        row.site_id = Set(site_id);
    }
    if let Some(location) = patch.location {
        row.location = Set(location.trim().to_owned());
    }
    if let Some(coordinates) = patch.coordinates {
        row.latitude = Set(coordinates.map(|c| c.latitude));
        row.longitude = Set(coordinates.map(|c| c.longitude));
    }
    if let Some(immediate) = patch.immediate_actions {
        row.immediate_actions = Set(immediate.filter(|t| !t.trim().is_empty()));
    }
    if let Some(assigned_to) = patch.assigned_to {
        row.assigned_to = Set(assigned_to);
    }
    if let Some(people) = patch.people {
        service::write_people(&txn, id, people).await?;
    }
    row.revision = Set(current.revision + 1);
    row.updated_at = Set(Utc::now());
    row.updated_by = Set(Some(caller.user_id));
    let row = row.update(&txn).await?;

    let detail = service::detail(&txn, caller, row).await?;
    let after = json!(detail.incident);
    let change = Change {
        company_id: current.company_id,
        action: "update",
        model: MODEL,
        object_id: Some(id.to_string()),
        before: Some(before),
        after: Some(after.clone()),
    };
    audit::record(&txn, &caller.actor, change).await?;
    let mut events = vec!["hse.incident.updated"];
    if became_critical {
        events.push("hse.incident.severity_critical");
    }
    outbox::emit_all(&txn, Some(current.company_id), &events, after, &caller.actor).await?;
    txn.commit().await?;
    kpis::cache::changed(state, current.company_id).await;
    Ok(detail)
}

/// Soft-deletes the incident (it stays in the audit trail; lists read with
/// `updated_since` report it as deleted). Refused once approved.
pub async fn delete(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<()> {
    let txn = begin_write(&state.db).await?;
    let current = service::find(&txn, caller, id).await?;
    if !caller.reaches(DELETE_INCIDENT, Some(current.company_id), Some(current.reported_by)) {
        return Err(ApiError::Forbidden { permission: DELETE_INCIDENT.to_owned() });
    }
    check_unlocked(&current)?;
    let before = json!(IncidentOut::from(current.clone()));
    let now = Utc::now();
    let mut row: incident::ActiveModel = current.clone().into();
    row.deleted_at = Set(Some(now));
    row.deleted_by = Set(Some(caller.user_id));
    row.updated_at = Set(now);
    row.revision = Set(current.revision + 1);
    row.update(&txn).await?;
    // Its actions go with it; syncing clients learn it from their `deleted_at`.
    action::Entity::soft_delete_where(&txn, action::Column::IncidentId.eq(id), Some(caller.user_id)).await?;
    let change = Change {
        company_id: current.company_id,
        action: "delete",
        model: MODEL,
        object_id: Some(id.to_string()),
        before: Some(before),
        after: None,
    };
    audit::record(&txn, &caller.actor, change).await?;
    txn.commit().await?;
    kpis::cache::changed(state, current.company_id).await;
    Ok(())
}

/// Saves the investigation of an incident under investigation (409 otherwise). The
/// investigators must be users of the company. Bumps the incident's revision.
pub async fn save_investigation(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    expected: Option<i32>,
    input: InvestigationIn,
) -> ApiResult<InvestigationOut> {
    let txn = begin_write(&state.db).await?;
    let current = service::find(&txn, caller, id).await?;
    if !caller.reaches(INVESTIGATE_INCIDENT, Some(current.company_id), Some(current.reported_by)) {
        return Err(ApiError::Forbidden { permission: INVESTIGATE_INCIDENT.to_owned() });
    }
    if let Some(expected) = expected {
        revision::check("incident", current.revision, expected)?;
    }
    if current.status != IncidentStatus::UnderInvestigation {
        return Err(ApiError::Conflict {
            code: "not_under_investigation",
            detail: format!(
                "The incident is `{}`: its investigation is written while it is `under_investigation`.",
                current.status.to_value()
            ),
        });
    }
    let mut errors = Vec::new();
    for (index, user_id) in input.investigators.iter().enumerate() {
        if !users::is_member(&txn, current.company_id, *user_id).await? {
            errors.push(FieldError::new(
                format!("investigators[{index}]"),
                "unknown_link",
                "no such person in this company",
            ));
        }
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let found = investigation::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or_else(|| anyhow::anyhow!("incident {id} is under investigation without one"))?;
    let before = InvestigationOut::from(found.clone());
    let clean = |text: Option<String>| text.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty());
    let mut investigators = input.investigators;
    let mut seen = std::collections::HashSet::new();
    investigators.retain(|id| seen.insert(*id));
    let mut row: investigation::ActiveModel = found.into();
    row.method = Set(input.method);
    row.root_causes = Set(clean(input.root_causes));
    row.contributing_factors = Set(clean(input.contributing_factors));
    row.findings = Set(clean(input.findings));
    row.investigators = Set(json!(investigators));
    row.updated_at = Set(Utc::now());
    row.updated_by = Set(Some(caller.user_id));
    let saved = InvestigationOut::from(row.update(&txn).await?);
    let company_id = current.company_id;
    bump(&txn, caller, current).await?;
    let change = Change {
        company_id,
        action: "investigation",
        model: MODEL,
        object_id: Some(id.to_string()),
        before: Some(json!(before)),
        after: Some(json!(saved)),
    };
    audit::record(&txn, &caller.actor, change).await?;
    txn.commit().await?;
    Ok(saved)
}

/// A new revision of the incident, for a change to what hangs off it.
async fn bump(db: &impl ConnectionTrait, caller: &Caller, current: incident::Model) -> ApiResult<()> {
    let revision = current.revision;
    let mut row: incident::ActiveModel = current.into();
    row.revision = Set(revision + 1);
    row.updated_at = Set(Utc::now());
    row.updated_by = Set(Some(caller.user_id));
    row.update(db).await?;
    Ok(())
}
