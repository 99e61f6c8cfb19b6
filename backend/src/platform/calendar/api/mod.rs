//! `/api/v1/calendar`: events and their occurrences, answers, free/busy, and the
//! personal iCal feed. The shapes shared by its routes live here.

mod events;
mod feed;
mod range;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use validator::{Validate, ValidationError};

use super::changes::EventChanges;
use super::model::attendee::{self, Response};
use super::model::event::{self, Visibility};
use crate::error::{ApiError, ApiResult};
use crate::http::json::nullable;
use crate::http::text::single_line;
use crate::platform::companies::api::not_blank;
use crate::platform::users::model as user;

pub fn configure(cfg: &mut ServiceConfig) {
    range::configure(cfg);
    feed::configure(cfg);
    events::configure(cfg);
}

/// `#rrggbb`.
fn hex_color(value: &str) -> Result<(), ValidationError> {
    let digits = value.strip_prefix('#').unwrap_or("");
    if digits.len() == 6 && digits.chars().all(|c| c.is_ascii_hexdigit()) {
        Ok(())
    } else {
        Err(ValidationError::new("color").with_message("must be a colour as #rrggbb".into()))
    }
}

fn zone(name: &str) -> ApiResult<chrono_tz::Tz> {
    name.parse().map_err(|_| ApiError::field("time_zone", "unknown", "must be an IANA time zone, such as Europe/Paris"))
}

/// A new event.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EventIn {
    #[validate(length(min = 1, max = 200), custom(function = "not_blank"), custom(function = "single_line"))]
    #[schema(example = "Weekly safety meeting")]
    pub title: String,
    #[validate(length(max = 5000))]
    pub description: Option<String>,
    #[validate(length(max = 200), custom(function = "single_line"))]
    #[schema(example = "Platform Alpha, meeting room")]
    pub location: Option<String>,
    pub site_id: Option<Uuid>,
    #[schema(example = "2027-01-12T08:00:00Z")]
    pub starts_at: DateTime<Utc>,
    /// After `starts_at`; for an all-day event the midnight after its last day.
    #[schema(example = "2027-01-12T09:00:00Z")]
    pub ends_at: DateTime<Utc>,
    #[serde(default)]
    pub all_day: bool,
    /// The IANA zone its times and rule are read in; yours by default.
    #[schema(example = "Europe/Paris")]
    pub time_zone: Option<String>,
    /// An RFC 5545 RRULE value: FREQ (DAILY, WEEKLY, MONTHLY, YEARLY), INTERVAL, BYDAY,
    /// BYMONTHDAY, BYMONTH, BYSETPOS, COUNT (≤ 1000) or UNTIL (UTC).
    #[validate(length(max = 500))]
    #[schema(example = "FREQ=WEEKLY;BYDAY=TU")]
    pub rrule: Option<String>,
    /// Starts of occurrences left out of the series.
    #[serde(default)]
    pub exdates: Vec<DateTime<Utc>>,
    /// Who is invited: user ids, `role:<code>`, `group:<name>`.
    #[serde(default)]
    #[schema(example = json!(["role:hse_manager"]))]
    pub attendees: Vec<String>,
    #[validate(length(max = 40), custom(function = "single_line"))]
    #[schema(example = "safety")]
    pub category: Option<String>,
    #[validate(custom(function = "hex_color"))]
    #[schema(example = "#0e7490")]
    pub color: Option<String>,
    #[serde(default = "company")]
    pub visibility: Visibility,
    /// Minutes before each occurrence when attendees are reminded (at most 5, each up to
    /// 40,320: four weeks).
    #[serde(default)]
    #[schema(example = json!([15, 1440]))]
    pub reminders: Vec<i32>,
}

fn company() -> Visibility {
    Visibility::Company
}

impl EventIn {
    pub fn into_changes(self) -> ApiResult<EventChanges> {
        Ok(EventChanges {
            title: Some(self.title.trim().to_owned()),
            description: Some(self.description),
            location: Some(self.location),
            site_id: Some(self.site_id),
            starts_at: Some(self.starts_at),
            ends_at: Some(self.ends_at),
            all_day: Some(self.all_day),
            time_zone: self.time_zone.as_deref().map(zone).transpose()?,
            rrule: Some(self.rrule),
            exdates: Some(self.exdates),
            invitees: Some(self.attendees),
            category: Some(self.category),
            color: Some(self.color),
            visibility: Some(self.visibility),
            reminders: Some(self.reminders),
        })
    }
}

/// Only the fields present change; `null` clears an optional one (`rrule: null` makes
/// a series a single event).
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EventPatch {
    #[validate(length(min = 1, max = 200), custom(function = "not_blank"), custom(function = "single_line"))]
    pub title: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    #[validate(length(max = 5000))]
    #[schema(value_type = Option<String>)]
    pub description: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    #[validate(length(max = 200), custom(function = "single_line"))]
    #[schema(value_type = Option<String>)]
    pub location: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<Uuid>)]
    pub site_id: Option<Option<Uuid>>,
    pub starts_at: Option<DateTime<Utc>>,
    pub ends_at: Option<DateTime<Utc>>,
    pub all_day: Option<bool>,
    pub time_zone: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    #[validate(length(max = 500))]
    #[schema(value_type = Option<String>)]
    pub rrule: Option<Option<String>>,
    pub exdates: Option<Vec<DateTime<Utc>>>,
    pub attendees: Option<Vec<String>>,
    #[serde(default, deserialize_with = "nullable")]
    #[validate(length(max = 40), custom(function = "single_line"))]
    #[schema(value_type = Option<String>)]
    pub category: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    #[validate(custom(function = "hex_color"))]
    #[schema(value_type = Option<String>)]
    pub color: Option<Option<String>>,
    pub visibility: Option<Visibility>,
    pub reminders: Option<Vec<i32>>,
}

impl EventPatch {
    pub fn into_changes(self) -> ApiResult<EventChanges> {
        Ok(EventChanges {
            title: self.title.map(|t| t.trim().to_owned()),
            description: self.description,
            location: self.location,
            site_id: self.site_id,
            starts_at: self.starts_at,
            ends_at: self.ends_at,
            all_day: self.all_day,
            time_zone: self.time_zone.as_deref().map(zone).transpose()?,
            rrule: self.rrule,
            exdates: self.exdates,
            invitees: self.attendees,
            category: self.category,
            color: self.color,
            visibility: self.visibility,
            reminders: self.reminders,
        })
    }
}

/// An invited person and their answer.
#[derive(Debug, Serialize, ToSchema)]
pub struct AttendeeOut {
    pub user_id: Uuid,
    #[schema(example = "Awa Diallo")]
    pub full_name: String,
    pub email: String,
    pub response: Response,
    pub responded_at: Option<DateTime<Utc>>,
}

impl AttendeeOut {
    pub fn of((answer, person): (attendee::Model, user::Model)) -> Self {
        Self {
            user_id: person.id,
            full_name: person.full_name,
            email: person.email,
            response: answer.response,
            responded_at: answer.responded_at,
        }
    }
}

/// An event: a single one, a series (`rrule`), or one changed occurrence of a series
/// (`series_id` and `original_start`).
#[derive(Debug, Serialize, ToSchema)]
pub struct EventOut {
    pub id: Uuid,
    pub title: String,
    pub description: Option<String>,
    pub location: Option<String>,
    pub site_id: Option<Uuid>,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub all_day: bool,
    pub time_zone: String,
    pub rrule: Option<String>,
    pub exdates: Vec<DateTime<Utc>>,
    pub series_id: Option<Uuid>,
    pub original_start: Option<DateTime<Utc>>,
    /// Who was invited, as written.
    pub invitees: Vec<String>,
    /// The people that made, with their answers.
    pub attendees: Vec<AttendeeOut>,
    pub category: Option<String>,
    pub color: Option<String>,
    pub visibility: Visibility,
    pub reminders: Vec<i32>,
    pub organizer_id: Uuid,
    pub organizer_name: String,
    /// iCalendar's SEQUENCE: one more at each change attendees were told of.
    pub sequence: i32,
    /// Whether you may change or delete it.
    pub can_edit: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl EventOut {
    pub fn of(row: event::Model, attendees: Vec<AttendeeOut>, organizer_name: String, can_edit: bool) -> Self {
        Self {
            id: row.id,
            title: row.title,
            description: row.description,
            location: row.location,
            site_id: row.site_id,
            starts_at: row.starts_at,
            ends_at: row.ends_at,
            all_day: row.all_day,
            time_zone: row.time_zone,
            rrule: row.rrule,
            exdates: serde_json::from_value(row.exdates).unwrap_or_default(),
            series_id: row.series_id,
            original_start: row.original_start,
            invitees: serde_json::from_value(row.invitees).unwrap_or_default(),
            attendees,
            category: row.category,
            color: row.color,
            visibility: row.visibility,
            reminders: serde_json::from_value(row.reminders).unwrap_or_default(),
            organizer_id: row.organizer_id,
            organizer_name,
            sequence: row.sequence,
            can_edit,
            created_at: row.created_at,
            updated_at: row.updated_at,
        }
    }
}
