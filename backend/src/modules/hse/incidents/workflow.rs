//! The incident workflow of DOMAIN.md as one table: each move's start and end, who may
//! make it, what it needs and what it announces.
//!
//! `draft → submitted → under_investigation → pending_approval → approved → closed`,
//! and `pending_approval → rejected → submitted` with a reason.

use chrono::Utc;
use sea_orm::ActiveValue::Set;
use sea_orm::{ActiveEnum, ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;
use uuid::Uuid;

use super::dto::{IncidentDetail, IncidentTransitionIn};
use super::service::{self, MODEL};
use crate::app::AppState;
use crate::caller::Caller;
use crate::error::{ApiError, ApiResult, FieldError};
use crate::http::revision;
use crate::infra::db::begin_write;
use crate::modules::hse::domain::{ActionStatus, IncidentStatus};
use crate::modules::hse::kpis;
use crate::modules::hse::model::{action, incident, investigation};
use crate::modules::hse::permissions::{APPROVE_INCIDENT, CLOSE_INCIDENT, EDIT_INCIDENT, INVESTIGATE_INCIDENT};
use crate::platform::audit::service::{self as audit, Change};
use crate::platform::outbox::service as outbox;

/// A move of the workflow: `POST /api/v1/hse/incidents/{id}/{transition}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum IncidentTransition {
    Submit,
    StartInvestigation,
    RequestApproval,
    Approve,
    Reject,
    Resubmit,
    Close,
}

/// Who may make a move.
enum Who {
    /// Holders of the permission whose reach covers the incident.
    Holder(&'static str),
    /// Its reporter, or holders of the permission.
    ReporterOr(&'static str),
}

struct Rule {
    from: IncidentStatus,
    to: IncidentStatus,
    who: Who,
    /// The event announcing it, if any.
    event: Option<&'static str>,
}

/// The shortest reason a rejection takes.
const MIN_REASON: usize = 10;

impl IncidentTransition {
    pub const ALL: [Self; 7] = [
        Self::Submit,
        Self::StartInvestigation,
        Self::RequestApproval,
        Self::Approve,
        Self::Reject,
        Self::Resubmit,
        Self::Close,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Self::Submit => "submit",
            Self::StartInvestigation => "start_investigation",
            Self::RequestApproval => "request_approval",
            Self::Approve => "approve",
            Self::Reject => "reject",
            Self::Resubmit => "resubmit",
            Self::Close => "close",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.code() == code)
    }

    fn rule(self) -> Rule {
        use IncidentStatus as S;
        let (from, to, who, event) = match self {
            Self::Submit => (S::Draft, S::Submitted, Who::ReporterOr(EDIT_INCIDENT), Some("submitted")),
            Self::StartInvestigation => {
                (S::Submitted, S::UnderInvestigation, Who::Holder(INVESTIGATE_INCIDENT), Some("investigation_started"))
            }
            Self::RequestApproval => {
                (S::UnderInvestigation, S::PendingApproval, Who::Holder(INVESTIGATE_INCIDENT), None)
            }
            Self::Approve => (S::PendingApproval, S::Approved, Who::Holder(APPROVE_INCIDENT), Some("approved")),
            Self::Reject => (S::PendingApproval, S::Rejected, Who::Holder(APPROVE_INCIDENT), Some("rejected")),
            Self::Resubmit => (S::Rejected, S::Submitted, Who::ReporterOr(EDIT_INCIDENT), Some("submitted")),
            Self::Close => (S::Approved, S::Closed, Who::Holder(CLOSE_INCIDENT), Some("closed")),
        };
        Rule { from, to, who, event }
    }

    /// Whether `caller` may make this move on `row` (whatever its state).
    fn allowed(self, caller: &Caller, row: &incident::Model) -> bool {
        let reaches = |permission| caller.reaches(permission, Some(row.company_id), Some(row.reported_by));
        match self.rule().who {
            Who::Holder(permission) => reaches(permission),
            Who::ReporterOr(permission) => row.reported_by == caller.user_id || reaches(permission),
        }
    }

    fn permission(self) -> &'static str {
        match self.rule().who {
            Who::Holder(permission) | Who::ReporterOr(permission) => permission,
        }
    }
}

/// The moves `caller` may make on `row` now.
pub fn available(caller: &Caller, row: &incident::Model) -> Vec<IncidentTransition> {
    IncidentTransition::ALL.into_iter().filter(|t| t.rule().from == row.status && t.allowed(caller, row)).collect()
}

/// Makes the move: 404 when the incident is out of reach, 403 without the move's
/// permission, 412 when `If-Match` names an older revision, 409 naming the current state
/// when the move does not start there, 422 or 409 when what it needs is missing.
pub async fn apply(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    transition: IncidentTransition,
    expected: Option<i32>,
    input: IncidentTransitionIn,
) -> ApiResult<IncidentDetail> {
    let rule = transition.rule();
    let txn = begin_write(&state.db).await?;
    let current = service::find(&txn, caller, id).await?;
    if !transition.allowed(caller, &current) {
        return Err(ApiError::Forbidden { permission: transition.permission().to_owned() });
    }
    if let Some(expected) = expected {
        revision::check("incident", current.revision, expected)?;
    }
    if current.status != rule.from {
        return Err(ApiError::Conflict {
            code: "illegal_transition",
            detail: format!(
                "The incident is `{}`: `{}` moves it from `{}`.",
                current.status.to_value(),
                transition.code(),
                rule.from.to_value()
            ),
        });
    }
    let reason = input.reason.map(|r| r.trim().to_owned()).filter(|r| !r.is_empty());
    check_needs(&txn, transition, &current, reason.as_deref()).await?;
    follow_up(&txn, caller, transition, &current).await?;

    let before = json!(super::dto::IncidentOut::from(current.clone()));
    let mut row: incident::ActiveModel = current.clone().into();
    row.status = Set(rule.to);
    row.revision = Set(current.revision + 1);
    row.updated_at = Set(Utc::now());
    row.updated_by = Set(Some(caller.user_id));
    let row = row.update(&txn).await?;
    service::write_steps(&txn, &[service::new_step(caller, &row, transition.code(), Some(rule.from), rule.to, reason)])
        .await?;
    let detail = service::detail(&txn, caller, row).await?;
    let after = json!(detail.incident);
    let change = Change {
        company_id: current.company_id,
        action: transition.code(),
        model: MODEL,
        object_id: Some(id.to_string()),
        before: Some(before),
        after: Some(after.clone()),
    };
    audit::record(&txn, &caller.actor, change).await?;
    if let Some(event) = rule.event {
        outbox::emit(&txn, Some(current.company_id), &format!("hse.incident.{event}"), after, &caller.actor).await?;
    }
    txn.commit().await?;
    kpis::cache::changed(state, current.company_id).await;
    Ok(detail)
}

/// What a move needs beyond its start: a reason to reject, a finished investigation to
/// ask for approval, settled actions to close.
async fn check_needs(
    db: &impl ConnectionTrait,
    transition: IncidentTransition,
    row: &incident::Model,
    reason: Option<&str>,
) -> ApiResult<()> {
    match transition {
        IncidentTransition::Reject if reason.is_none_or(|r| r.chars().count() < MIN_REASON) => {
            Err(ApiError::Validation(vec![FieldError::new(
                "reason",
                "too_short",
                format!("say why it is rejected, in {MIN_REASON} characters or more"),
            )]))
        }
        IncidentTransition::RequestApproval => {
            let found = investigation::Entity::find_by_id(row.id).one(db).await?;
            let blank = |text: &Option<String>| text.as_deref().is_none_or(|t| t.trim().is_empty());
            let missing: Vec<FieldError> = match &found {
                None => vec![FieldError::new("investigation", "required", "the investigation is not written yet")],
                Some(found) => [("root_causes", &found.root_causes), ("findings", &found.findings)]
                    .into_iter()
                    .filter(|(_, text)| blank(text))
                    .map(|(field, _)| {
                        FieldError::new(
                            format!("investigation.{field}"),
                            "required",
                            "an investigation sent for approval states this",
                        )
                    })
                    .collect(),
            };
            if missing.is_empty() { Ok(()) } else { Err(ApiError::Validation(missing)) }
        }
        IncidentTransition::Close => {
            let unsettled = action::Entity::find()
                .filter(action::Column::IncidentId.eq(row.id))
                .filter(action::Column::DeletedAt.is_null())
                .filter(action::Column::Status.is_not_in([ActionStatus::Verified, ActionStatus::Cancelled]))
                .count(db)
                .await?;
            if unsettled == 0 {
                return Ok(());
            }
            Err(ApiError::Conflict {
                code: "actions_unsettled",
                detail: format!(
                    "{unsettled} action(s) of this incident are neither verified nor cancelled; close it once they are."
                ),
            })
        }
        _ => Ok(()),
    }
}

/// What a move does to the investigation: starting opens one (or reopens the one a
/// rejection sent back), asking for approval marks it complete.
async fn follow_up(
    db: &impl ConnectionTrait,
    caller: &Caller,
    transition: IncidentTransition,
    row: &incident::Model,
) -> ApiResult<()> {
    let now = Utc::now();
    let found = investigation::Entity::find_by_id(row.id).one(db).await?;
    match (transition, found) {
        (IncidentTransition::StartInvestigation, None) => {
            investigation::ActiveModel {
                incident_id: Set(row.id),
                method: Set(crate::modules::hse::domain::InvestigationMethod::FiveWhys),
                root_causes: Set(None),
                contributing_factors: Set(None),
                findings: Set(None),
                investigators: Set(json!([caller.user_id])),
                started_at: Set(now),
                completed_at: Set(None),
                updated_at: Set(now),
                updated_by: Set(Some(caller.user_id)),
            }
            .insert(db)
            .await?;
        }
        (IncidentTransition::StartInvestigation, Some(found)) => {
            let mut reopened: investigation::ActiveModel = found.into();
            reopened.completed_at = Set(None);
            reopened.updated_at = Set(now);
            reopened.update(db).await?;
        }
        (IncidentTransition::RequestApproval, Some(found)) => {
            let mut completed: investigation::ActiveModel = found.into();
            completed.completed_at = Set(Some(now));
            completed.update(db).await?;
        }
        _ => {}
    }
    Ok(())
}
