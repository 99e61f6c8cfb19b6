//! What the actions API reads and returns.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use crate::modules::hse::domain::{ActionKind, ActionStatus};
use crate::modules::hse::model::action;
use crate::platform::companies::api::not_blank;

/// A corrective or preventive action to raise on an incident.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ActionIn {
    pub kind: ActionKind,
    #[validate(
        length(min = 5, max = 200),
        custom(function = "not_blank"),
        custom(function = "crate::http::text::single_line")
    )]
    #[schema(example = "Fit a secondary retention on the boom lights")]
    pub title: String,
    #[validate(length(max = 4000))]
    pub description: Option<String>,
    /// The user of the company who does it.
    pub owner_id: Uuid,
    /// Today or later.
    pub due_date: NaiveDate,
}

/// Changes to an action: the fields sent change. A new owner or due date starts the
/// overdue reminders again.
#[derive(Debug, Default, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ActionPatch {
    pub kind: Option<ActionKind>,
    #[validate(
        length(min = 5, max = 200),
        custom(function = "not_blank"),
        custom(function = "crate::http::text::single_line")
    )]
    pub title: Option<String>,
    #[serde(default, deserialize_with = "crate::http::json::nullable")]
    #[validate(length(max = 4000))]
    #[schema(value_type = Option<String>)]
    pub description: Option<Option<String>>,
    pub owner_id: Option<Uuid>,
    pub due_date: Option<NaiveDate>,
}

/// What a move of an action says: what was done (`complete`, with evidence photos
/// uploaded beforehand with purpose `hse.photo`), or why (`reopen` and `cancel` need it).
#[derive(Debug, Default, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ActionMoveIn {
    #[validate(length(max = 2000))]
    pub note: Option<String>,
    #[serde(default)]
    #[validate(length(max = 5))]
    pub evidence_ids: Vec<Uuid>,
}

/// A corrective or preventive action.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ActionOut {
    pub id: Uuid,
    #[schema(example = "ACT-2026-00007")]
    pub number: String,
    pub incident_id: Uuid,
    pub kind: ActionKind,
    pub title: String,
    pub description: Option<String>,
    pub owner_id: Uuid,
    pub due_date: NaiveDate,
    pub status: ActionStatus,
    /// Past its due date and not done.
    pub overdue: bool,
    pub status_note: Option<String>,
    pub completed_at: Option<DateTime<Utc>>,
    pub verified_by: Option<Uuid>,
    pub verified_at: Option<DateTime<Utc>>,
    /// Send it back in `If-Match` to change the action.
    pub revision: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Set only in a list read with `updated_since`: the action was deleted since then,
    /// and a copy kept for syncing should go.
    pub deleted_at: Option<DateTime<Utc>>,
}

impl From<action::Model> for ActionOut {
    fn from(m: action::Model) -> Self {
        Self {
            overdue: m.status.is_pending() && m.due_date < Utc::now().date_naive(),
            id: m.id,
            number: m.number,
            incident_id: m.incident_id,
            kind: m.kind,
            title: m.title,
            description: m.description,
            owner_id: m.owner_id,
            due_date: m.due_date,
            status: m.status,
            status_note: m.status_note,
            completed_at: m.completed_at,
            verified_by: m.verified_by,
            verified_at: m.verified_at,
            revision: m.revision,
            created_at: m.created_at,
            updated_at: m.updated_at,
            deleted_at: m.deleted_at,
        }
    }
}

/// Which actions to list.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ActionFilter {
    /// `me`, or a user id.
    pub owner: Option<String>,
    pub status: Option<ActionStatus>,
    pub incident_id: Option<Uuid>,
    /// Only those past their due date and not done.
    #[serde(default)]
    pub overdue: bool,
    /// Part of the number or title, any case.
    pub q: Option<String>,
    /// Changed at or after this time (RFC 3339), for syncing; actions deleted since
    /// then come too, with their `deleted_at`.
    pub updated_since: Option<DateTime<Utc>>,
}
