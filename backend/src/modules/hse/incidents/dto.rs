//! What the incidents API reads and returns. The validation mirrors the seed's form
//! (title ≥ 10 characters, description ≥ 20, a location, at most 5 photos).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

use crate::modules::hse::domain::{Employer, IncidentStatus, IncidentType, InjuryClass, Severity};
use crate::modules::hse::model::{incident, person, step};
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

/// An incident with the people involved and its history.
#[derive(Debug, Serialize, ToSchema)]
pub struct IncidentDetail {
    #[serde(flatten)]
    pub incident: IncidentOut,
    pub people: Vec<PersonOut>,
    pub steps: Vec<StepOut>,
}
