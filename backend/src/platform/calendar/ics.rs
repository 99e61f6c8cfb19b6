//! iCalendar (RFC 5545) files: an event as a VEVENT (its rule and left-out dates, a
//! changed occurrence with RECURRENCE-ID, organiser and attendees with their answers),
//! and a VTIMEZONE for each zone used, so Outlook reads local times without guessing.

use std::fmt::Write;

use chrono::{DateTime, Datelike, Duration, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::{OffsetComponents, OffsetName, Tz};
use icalendar::{
    Calendar, CalendarDateTime, Class, Component, DatePerhapsTime, Event, EventLike, EventStatus, Property,
};

use super::model::attendee;
use super::model::event::{self, Visibility};
use super::service::{exdates_of, timing_of};
use crate::platform::users::model as user;

/// What goes in one VEVENT.
pub struct Entry<'a> {
    pub row: &'a event::Model,
    pub organizer: Option<&'a user::Model>,
    pub attendees: &'a [(attendee::Model, user::Model)],
    pub cancelled: bool,
}

/// The UID an event has in every calendar: a changed occurrence shares its series'.
pub fn uid(row: &event::Model) -> String {
    format!("{}@opsflux", row.series_id.unwrap_or(row.id))
}

/// A time as the event's calendars read it: a date for all-day events, a local time
/// with its zone otherwise (UTC as such).
fn at(row: &event::Model, zone: Tz, instant: DateTime<Utc>) -> DatePerhapsTime {
    let local = instant.with_timezone(&zone);
    if row.all_day {
        DatePerhapsTime::Date(local.date_naive())
    } else if zone == Tz::UTC {
        CalendarDateTime::Utc(instant).into()
    } else {
        CalendarDateTime::WithTimezone { date_time: local.naive_local(), tzid: zone.name().to_owned() }.into()
    }
}

pub fn vevent(entry: &Entry) -> Event {
    let row = entry.row;
    let zone = timing_of(row).zone;
    let mut vevent = Event::new();
    vevent
        .uid(&uid(row))
        .timestamp(Utc::now())
        .sequence(u32::try_from(row.sequence).unwrap_or(0))
        .summary(&row.title)
        .starts(at(row, zone, row.starts_at))
        .ends(at(row, zone, row.ends_at))
        .class(if row.visibility == Visibility::Private { Class::Private } else { Class::Public })
        .status(if entry.cancelled { EventStatus::Cancelled } else { EventStatus::Confirmed })
        .created(row.created_at)
        .last_modified(row.updated_at);
    if let Some(description) = &row.description {
        vevent.description(description);
    }
    if let Some(location) = &row.location {
        vevent.location(location);
    }
    if let Some(category) = &row.category {
        vevent.categories([category.as_str()]);
    }
    if let Some(rule) = &row.rrule {
        vevent.add_property("RRULE", rule);
    }
    for skipped in exdates_of(row) {
        let mut exdate = Property::new("EXDATE", date_value(row, zone, skipped));
        if row.all_day {
            exdate.add_parameter("VALUE", "DATE");
        } else if zone != Tz::UTC {
            exdate.add_parameter("TZID", zone.name());
        }
        vevent.append_multi_property(exdate);
    }
    if let Some(original) = row.original_start {
        vevent.recurrence_id(at(row, zone, original));
    }
    if let Some(organizer) = entry.organizer {
        let mut property = Property::new("ORGANIZER", format!("mailto:{}", organizer.email));
        property.add_parameter("CN", &organizer.full_name);
        vevent.append_property(property);
    }
    for (answer, person) in entry.attendees {
        let mut property = Property::new("ATTENDEE", format!("mailto:{}", person.email));
        property
            .add_parameter("CN", &person.full_name)
            .add_parameter("ROLE", "REQ-PARTICIPANT")
            .add_parameter("PARTSTAT", answer.response.partstat())
            .add_parameter("RSVP", "TRUE");
        vevent.append_multi_property(property);
    }
    vevent.done()
}

/// An EXDATE's value: a date, a local time, or a UTC time.
fn date_value(row: &event::Model, zone: Tz, instant: DateTime<Utc>) -> String {
    let local = instant.with_timezone(&zone);
    if row.all_day {
        local.format("%Y%m%d").to_string()
    } else if zone == Tz::UTC {
        instant.format("%Y%m%dT%H%M%SZ").to_string()
    } else {
        local.format("%Y%m%dT%H%M%S").to_string()
    }
}

/// A whole iCalendar file: `method` for invitations (`REQUEST`, `CANCEL`), a name for
/// feeds.
pub fn document(method: Option<&str>, name: Option<&str>, rows: &[&event::Model], vevents: Vec<Event>) -> String {
    let mut calendar = Calendar::new();
    calendar.append_property(Property::new("PRODID", "-//OpsFlux//Calendar//EN"));
    if let Some(method) = method {
        calendar.append_property(Property::new("METHOD", method));
    }
    if let Some(name) = name {
        calendar.name(name);
    }
    for vevent in vevents {
        calendar.push(vevent);
    }
    let text = calendar.done().to_string();
    let mut zones: Vec<Tz> =
        rows.iter().filter(|r| !r.all_day).map(|r| timing_of(r).zone).filter(|z| *z != Tz::UTC).collect();
    zones.sort_by_key(|zone| zone.name());
    zones.dedup();
    if zones.is_empty() {
        return text;
    }
    let first = rows.iter().map(|r| r.starts_at.year()).min().unwrap_or(1970);
    let last = Utc::now().year().max(first) + 2;
    let timezones: String = zones.iter().map(|zone| vtimezone(*zone, first - 1, last)).collect();
    text.replacen("BEGIN:VEVENT", &format!("{timezones}BEGIN:VEVENT"), 1)
}

/// The VTIMEZONE of `zone` from `first` to `last` (years): each change of offset as an
/// observance, found from chrono-tz's rules.
fn vtimezone(zone: Tz, first: i32, last: i32) -> String {
    let offset_at = |at: DateTime<Utc>| zone.offset_from_utc_datetime(&at.naive_utc());
    let mut out = format!("BEGIN:VTIMEZONE\r\nTZID:{}\r\n", zone.name());
    let mut at = Utc.with_ymd_and_hms(first, 1, 1, 0, 0, 0).single().unwrap_or_default();
    let end = Utc.with_ymd_and_hms(last + 1, 1, 1, 0, 0, 0).single().unwrap_or_default();
    let mut current = offset_at(at);
    let mut changes = 0;
    while at < end {
        let next = at + Duration::hours(6);
        let offset = offset_at(next);
        if offset.fix() != current.fix() {
            // Narrow the change down to the second it happens.
            let (mut low, mut high) = (at, next);
            while high - low > Duration::seconds(1) {
                let mid = low + (high - low) / 2;
                if offset_at(mid).fix() == current.fix() { low = mid } else { high = mid }
            }
            observance(&mut out, &current, &offset, high);
            current = offset;
            changes += 1;
        }
        at = next;
    }
    if changes == 0 {
        let start = Utc.with_ymd_and_hms(1970, 1, 1, 0, 0, 0).single().unwrap_or_default();
        observance(&mut out, &current, &current, start);
    }
    out.push_str("END:VTIMEZONE\r\n");
    out
}

/// One STANDARD or DAYLIGHT block: from offset `from` to `to` at `instant`.
fn observance(
    out: &mut String,
    from: &<Tz as TimeZone>::Offset,
    to: &<Tz as TimeZone>::Offset,
    instant: DateTime<Utc>,
) {
    let kind = if to.dst_offset().is_zero() { "STANDARD" } else { "DAYLIGHT" };
    let local: NaiveDateTime = instant.naive_utc() + Duration::seconds(i64::from(from.fix().local_minus_utc()));
    let name = to.abbreviation().unwrap_or("");
    let _ = write!(
        out,
        "BEGIN:{kind}\r\nDTSTART:{}\r\nTZOFFSETFROM:{}\r\nTZOFFSETTO:{}\r\nTZNAME:{name}\r\nEND:{kind}\r\n",
        local.format("%Y%m%dT%H%M%S"),
        utc_offset(from.fix().local_minus_utc()),
        utc_offset(to.fix().local_minus_utc()),
    );
}

fn utc_offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let seconds = seconds.abs();
    format!("{sign}{:02}{:02}", seconds / 3600, seconds % 3600 / 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paris_changes_twice_a_year_at_the_right_local_times() {
        let text = vtimezone(chrono_tz::Europe::Paris, 2027, 2027);
        assert!(
            text.contains(
                "BEGIN:DAYLIGHT\r\nDTSTART:20270328T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST"
            ),
            "{text}"
        );
        assert!(
            text.contains(
                "BEGIN:STANDARD\r\nDTSTART:20271031T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:CET"
            ),
            "{text}"
        );
        assert_eq!(text.matches("BEGIN:DAYLIGHT").count(), 1);
    }

    #[test]
    fn a_zone_without_changes_has_one_observance() {
        let text = vtimezone(chrono_tz::Africa::Lagos, 2027, 2028);
        assert_eq!(text.matches("BEGIN:STANDARD").count(), 1, "{text}");
        assert!(text.contains("TZOFFSETFROM:+0100\r\nTZOFFSETTO:+0100"), "{text}");
    }
}
