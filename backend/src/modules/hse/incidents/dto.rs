//! What the incidents API reads and returns. The validation mirrors the seed's form
//! (title ≥ 10 characters, description ≥ 20, a location, at most 5 photos).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

use super::workflow::IncidentTransition;
use crate::http::json::nullable;
use crate::modules::hse::actions::dto::ActionOut;
use crate::modules::hse::domain::{Employer, IncidentStatus, IncidentType, InjuryClass, InvestigationMethod, Severity};
use crate::modules::hse::model::{incident, investigation, person, step};
use crate::platform::companies::api::not_blank;
use crate::platform::sites::api::Coordinates;

/// At most this many photos on an incident (the seed's rule).
pub const MAX_PHOTOS: u32 = 5;

/// An incident as it is reported.
#[derive(Debug, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct IncidentIn {
    #[validate(
        length(min = 10, max = 200),
        custom(function = "not_blank"),
        custom(function = "crate::http::text::single_line")
    )]
    #[schema(example = "Dropped object from the crane boom")]
    pub title: String,
    #[validate(length(min = 20, max = 10000))]
    pub description: String,
    pub severity: Severity,
    pub incident_type: IncidentType,
    /// When it happened; not in the future.
    pub occurred_at: DateTime<Utc>,
    /// One of the company's active sites.
    pub site_id: Option<Uuid>,
    /// Where on the site, in words.
    #[validate(
        length(min = 1, max = 200),
        custom(function = "not_blank"),
        custom(function = "crate::http::text::single_line")
    )]
    #[schema(example = "Main deck, crane pedestal")]
    pub location: String,
    #[validate(nested)]
    pub coordinates: Option<Coordinates>,
    #[validate(length(max = 4000))]
    pub immediate_actions: Option<String>,
    /// A user of the company who follows it up.
    pub assigned_to: Option<Uuid>,
    #[serde(default)]
    #[validate(length(max = 50), nested)]
    pub people: Vec<PersonIn>,
    /// Photos already uploaded with purpose `hse.photo` (scanned clean), in order.
    #[serde(default)]
    #[validate(length(max = 5))]
    pub photo_ids: Vec<Uuid>,
    /// Keep it as a draft instead of submitting it.
    #[serde(default)]
    pub draft: bool,
}

/// Someone involved in an incident.
#[derive(Debug, Clone, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PersonIn {
    #[validate(
        length(min = 1, max = 200),
        custom(function = "not_blank"),
        custom(function = "crate::http::text::single_line")
    )]
    pub full_name: String,
    pub employer: Employer,
    /// When they are a user of the company.
    pub user_id: Option<Uuid>,
    /// How they were hurt; none when they were not.
    pub injury_class: Option<InjuryClass>,
    /// Days away from work.
    #[serde(default)]
    #[validate(range(min = 0, max = 3650))]
    pub days_lost: i32,
}

/// An incident, as lists show it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct IncidentOut {
    pub id: Uuid,
    #[schema(example = "INC-2026-00042")]
    pub number: String,
    pub title: String,
    pub description: String,
    pub severity: Severity,
    pub incident_type: IncidentType,
    pub status: IncidentStatus,
    pub occurred_at: DateTime<Utc>,
    pub site_id: Option<Uuid>,
    pub location: String,
    pub coordinates: Option<Coordinates>,
    pub immediate_actions: Option<String>,
    pub reported_by: Uuid,
    pub assigned_to: Option<Uuid>,
    /// Send it back in `If-Match` to change the incident.
    pub revision: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Set only in a list read with `updated_since`: the incident was deleted since
    /// then, and a copy kept for syncing should go.
    pub deleted_at: Option<DateTime<Utc>>,
}

impl From<incident::Model> for IncidentOut {
    fn from(m: incident::Model) -> Self {
        let coordinates = m.latitude.zip(m.longitude).map(|(latitude, longitude)| Coordinates { latitude, longitude });
        Self {
            id: m.id,
            number: m.number,
            title: m.title,
            description: m.description,
            severity: m.severity,
            incident_type: m.incident_type,
            status: m.status,
            occurred_at: m.occurred_at,
            site_id: m.site_id,
            location: m.location,
            coordinates,
            immediate_actions: m.immediate_actions,
            reported_by: m.reported_by,
            assigned_to: m.assigned_to,
            revision: m.revision,
            created_at: m.created_at,
            updated_at: m.updated_at,
            deleted_at: m.deleted_at,
        }
    }
}

/// Someone involved, as recorded.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PersonOut {
    pub full_name: String,
    pub employer: Employer,
    pub user_id: Option<Uuid>,
    pub injury_class: Option<InjuryClass>,
    pub days_lost: i32,
}

impl From<person::Model> for PersonOut {
    fn from(m: person::Model) -> Self {
        Self {
            full_name: m.full_name,
            employer: m.employer,
            user_id: m.user_id,
            injury_class: m.injury_class,
            days_lost: m.days_lost,
        }
    }
}

/// One move of the workflow, for the timeline.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct StepOut {
    #[schema(example = "submit")]
    pub transition: String,
    pub from_status: Option<IncidentStatus>,
    pub to_status: IncidentStatus,
    pub reason: Option<String>,
    pub by_user: Option<Uuid>,
    pub at: DateTime<Utc>,
}

impl From<step::Model> for StepOut {
    fn from(m: step::Model) -> Self {
        Self {
            transition: m.transition,
            from_status: m.from_status,
            to_status: m.to_status,
            reason: m.reason,
            by_user: m.by_user,
            at: m.at,
        }
    }
}

/// An incident with the people involved, its investigation, its actions, its history
/// and the workflow moves the caller may make now.
#[derive(Debug, Serialize, ToSchema)]
pub struct IncidentDetail {
    #[serde(flatten)]
    pub incident: IncidentOut,
    pub people: Vec<PersonOut>,
    pub investigation: Option<InvestigationOut>,
    /// The actions the caller may see (none without `hse.view.action`).
    pub actions: Vec<ActionOut>,
    pub steps: Vec<StepOut>,
    /// What the caller may do now: `POST /hse/incidents/{id}/{transition}`.
    pub transitions: Vec<IncidentTransition>,
}

/// Changes to an incident: the fields sent change, `null` clears an optional one;
/// `people`, when sent, replaces the list. Refused once it is approved.
#[derive(Debug, Default, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct IncidentPatch {
    #[validate(
        length(min = 10, max = 200),
        custom(function = "not_blank"),
        custom(function = "crate::http::text::single_line")
    )]
    pub title: Option<String>,
    #[validate(length(min = 20, max = 10000))]
    pub description: Option<String>,
    pub severity: Option<Severity>,
    pub incident_type: Option<IncidentType>,
    pub occurred_at: Option<DateTime<Utc>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<Uuid>)]
    pub site_id: Option<Option<Uuid>>,
    #[validate(
        length(min = 1, max = 200),
        custom(function = "not_blank"),
        custom(function = "crate::http::text::single_line")
    )]
    pub location: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    #[validate(nested)]
    #[schema(value_type = Option<Coordinates>)]
    pub coordinates: Option<Option<Coordinates>>,
    #[serde(default, deserialize_with = "nullable")]
    #[validate(length(max = 4000))]
    #[schema(value_type = Option<String>)]
    pub immediate_actions: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<Uuid>)]
    pub assigned_to: Option<Option<Uuid>>,
    #[validate(length(max = 50), nested)]
    pub people: Option<Vec<PersonIn>>,
}

/// Why a workflow move is made: required to reject (at least 10 characters), kept on
/// the timeline for any move.
#[derive(Debug, Default, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct IncidentTransitionIn {
    #[validate(length(max = 2000))]
    #[schema(example = "Root cause not supported by the witness statements")]
    pub reason: Option<String>,
}

/// The investigation as the investigators write it; each save replaces it.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InvestigationIn {
    pub method: InvestigationMethod,
    #[validate(length(max = 10000))]
    pub root_causes: Option<String>,
    #[validate(length(max = 10000))]
    pub contributing_factors: Option<String>,
    #[validate(length(max = 10000))]
    pub findings: Option<String>,
    /// Users of the company; at least one.
    #[validate(length(min = 1, max = 20))]
    pub investigators: Vec<Uuid>,
}

/// An incident's investigation.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct InvestigationOut {
    pub method: InvestigationMethod,
    pub root_causes: Option<String>,
    pub contributing_factors: Option<String>,
    pub findings: Option<String>,
    pub investigators: Vec<Uuid>,
    pub started_at: DateTime<Utc>,
    /// When it was sent for approval.
    pub completed_at: Option<DateTime<Utc>>,
    pub updated_at: DateTime<Utc>,
}

impl From<investigation::Model> for InvestigationOut {
    fn from(m: investigation::Model) -> Self {
        Self {
            method: m.method,
            root_causes: m.root_causes,
            contributing_factors: m.contributing_factors,
            findings: m.findings,
            investigators: serde_json::from_value(m.investigators).unwrap_or_default(),
            started_at: m.started_at,
            completed_at: m.completed_at,
            updated_at: m.updated_at,
        }
    }
}
