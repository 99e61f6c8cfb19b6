//! What a request changes in an event, checked as a whole: the end after the start, the
//! rule read against the new start and zone, the reminders in range.

use chrono::{DateTime, Datelike, Duration, Utc};
use uuid::Uuid;

use super::model::event::Visibility;
use super::recurrence::{Rule, Timing};
use super::service::EventFields;
use crate::error::{ApiError, ApiResult, FieldError};

/// At most this many reminders per event, each at most four weeks before.
pub const MAX_REMINDERS: usize = 5;
pub const MAX_REMINDER_MINUTES: i32 = 40_320;
/// An event lasts at most this long (a series repeats it).
const MAX_DURATION: Duration = Duration::days(366);

/// Fields to change; `None` leaves one as it is (`Some(None)` clears an optional one).
#[derive(Debug, Default)]
pub struct EventChanges {
    pub title: Option<String>,
    pub description: Option<Option<String>>,
    pub location: Option<Option<String>>,
    pub site_id: Option<Option<Uuid>>,
    pub starts_at: Option<DateTime<Utc>>,
    pub ends_at: Option<DateTime<Utc>>,
    pub all_day: Option<bool>,
    pub time_zone: Option<chrono_tz::Tz>,
    pub rrule: Option<Option<String>>,
    pub exdates: Option<Vec<DateTime<Utc>>>,
    pub invitees: Option<Vec<String>>,
    pub category: Option<Option<String>>,
    pub color: Option<Option<String>>,
    pub visibility: Option<Visibility>,
    pub reminders: Option<Vec<i32>>,
}

impl EventChanges {
    /// A new event's fields: title, start and end are required; the zone defaults to
    /// `zone` (the organiser's).
    pub fn into_new(self, zone: chrono_tz::Tz) -> ApiResult<EventFields> {
        let mut missing = Vec::new();
        for (field, absent) in [
            ("title", self.title.is_none()),
            ("starts_at", self.starts_at.is_none()),
            ("ends_at", self.ends_at.is_none()),
        ] {
            if absent {
                missing.push(FieldError::new(field, "required", "is required"));
            }
        }
        if !missing.is_empty() {
            return Err(ApiError::Validation(missing));
        }
        let start = self.starts_at.unwrap_or_default();
        let blank = EventFields {
            title: String::new(),
            description: None,
            location: None,
            site_id: None,
            timing: Timing { zone: self.time_zone.unwrap_or(zone), starts_at: start, ends_at: start },
            all_day: false,
            rule: None,
            exdates: Vec::new(),
            invitees: Vec::new(),
            category: None,
            color: None,
            visibility: Visibility::Company,
            reminders: Vec::new(),
        };
        self.apply(blank)
    }

    /// `base` with these changes, checked. Moving the start alone keeps the duration.
    pub fn apply(self, base: EventFields) -> ApiResult<EventFields> {
        let mut errors = Vec::new();
        let duration = base.timing.duration();
        let starts_at = self.starts_at.unwrap_or(base.timing.starts_at);
        let ends_at =
            self.ends_at.unwrap_or(if self.starts_at.is_some() { starts_at + duration } else { base.timing.ends_at });
        let timing = Timing { zone: self.time_zone.unwrap_or(base.timing.zone), starts_at, ends_at };
        if !in_calendar(starts_at) || !in_calendar(ends_at) {
            errors.push(FieldError::new("starts_at", "out_of_range", "dates run from 1970 to 2200"));
        } else if ends_at <= starts_at {
            errors.push(FieldError::new("ends_at", "before_start", "must be after starts_at"));
        } else if ends_at - starts_at > MAX_DURATION {
            errors.push(FieldError::new("ends_at", "too_long", "an event lasts at most a year; repeat it with a rule"));
        }
        let clears_rule = matches!(self.rrule, Some(None));
        let rule_text = match self.rrule {
            Some(text) => text,
            None => base.rule.as_ref().map(Rule::text),
        };
        let rule = match rule_text.filter(|t| !t.trim().is_empty()) {
            Some(text) if errors.is_empty() => match Rule::parse(&text, &timing) {
                Ok(rule) => Some(rule),
                Err(reason) => {
                    errors.push(FieldError::new("rrule", "invalid", reason));
                    None
                }
            },
            _ => None,
        };
        let reminders = self.reminders.unwrap_or(base.reminders);
        if reminders.len() > MAX_REMINDERS || reminders.iter().any(|m| !(0..=MAX_REMINDER_MINUTES).contains(m)) {
            errors.push(FieldError::new(
                "reminders",
                "invalid",
                format!("at most {MAX_REMINDERS} reminders, each 0 to {MAX_REMINDER_MINUTES} minutes before"),
            ));
        }
        let exdates = self.exdates.unwrap_or(base.exdates);
        if !exdates.iter().all(|at| in_calendar(*at)) {
            errors.push(FieldError::new("exdates", "out_of_range", "dates run from 1970 to 2200"));
        } else if exdates.len() > 500 {
            errors.push(FieldError::new("exdates", "too_many", "at most 500 left-out occurrences"));
        }
        let invitees = self.invitees.unwrap_or(base.invitees);
        if invitees.len() > 200 {
            errors.push(FieldError::new("attendees", "too_many", "at most 200 attendees, roles or groups"));
        }
        if !errors.is_empty() {
            return Err(ApiError::Validation(errors));
        }
        let mut reminders = reminders;
        reminders.sort_unstable();
        reminders.dedup();
        let mut exdates = exdates;
        exdates.sort_unstable();
        exdates.dedup();
        Ok(EventFields {
            title: self.title.unwrap_or(base.title),
            description: self.description.unwrap_or(base.description),
            location: self.location.unwrap_or(base.location),
            site_id: self.site_id.unwrap_or(base.site_id),
            timing,
            all_day: self.all_day.unwrap_or(base.all_day),
            rule,
            exdates: if clears_rule { Vec::new() } else { exdates },
            invitees,
            category: self.category.unwrap_or(base.category),
            color: self.color.unwrap_or(base.color),
            visibility: self.visibility.unwrap_or(base.visibility),
            reminders,
        })
    }
}

/// Whether `at` is in the years the calendar handles (no arithmetic near chrono's limits).
pub fn in_calendar(at: DateTime<Utc>) -> bool {
    (1970..=2200).contains(&at.year())
}
