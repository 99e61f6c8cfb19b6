"""Reads an iCalendar file, or an email carrying one, on stdin with the `icalendar`
package (a real RFC 5545 parser) and prints what it holds as JSON for the calendar's
tests: the method and each VEVENT with its times (UTC), rule, left-out dates,
organiser, attendees, and its first occurrences expanded by python-dateutil in the
event's own zone."""

import email
import json
import sys
from datetime import timezone
from email import policy

import icalendar
from dateutil.rrule import rruleset, rrulestr

FIRST_OCCURRENCES = 60


def utc(value):
    """A date as it is, a time in UTC (ISO 8601 with Z)."""
    if not hasattr(value, "hour"):
        return value.isoformat()
    return value.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def as_list(vevent, name):
    """A property that may appear once or several times, as a list."""
    value = vevent.get(name)
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def describe(vevent):
    start = vevent.decoded("DTSTART")
    item = {
        "uid": str(vevent.get("UID")),
        "summary": str(vevent.get("SUMMARY", "")),
        "start": utc(start),
        "end": utc(vevent.decoded("DTEND")) if "DTEND" in vevent else None,
        "tzid": vevent["DTSTART"].params.get("TZID"),
        "sequence": int(vevent.get("SEQUENCE", 0)),
        "status": str(vevent.get("STATUS", "")),
        "class": str(vevent.get("CLASS", "")),
        "location": str(vevent.get("LOCATION", "")) or None,
        "organizer": str(vevent.get("ORGANIZER", "")) or None,
        "attendees": [
            {"address": str(a), "partstat": a.params.get("PARTSTAT"), "cn": a.params.get("CN")}
            for a in as_list(vevent, "ATTENDEE")
        ],
        "recurrence_id": utc(vevent.decoded("RECURRENCE-ID")) if "RECURRENCE-ID" in vevent else None,
        "rrule": vevent["RRULE"].to_ical().decode() if "RRULE" in vevent else None,
        "exdates": [utc(d.dt) for p in as_list(vevent, "EXDATE") for d in p.dts],
    }
    if item["rrule"] and hasattr(start, "hour"):
        rules = rruleset()
        rules.rrule(rrulestr(item["rrule"], dtstart=start))
        for skipped in as_list(vevent, "EXDATE"):
            for d in skipped.dts:
                rules.exdate(d.dt)
        item["occurrences"] = [utc(at) for _, at in zip(range(FIRST_OCCURRENCES), rules)]
    return item


def main():
    raw = sys.stdin.buffer.read()
    if not raw.lstrip().startswith(b"BEGIN:VCALENDAR"):
        message = email.message_from_bytes(raw, policy=policy.default)
        parts = [p for p in message.walk() if p.get_content_type() == "text/calendar"]
        if not parts:
            sys.exit("no text/calendar part in the email")
        raw = parts[0].get_payload(decode=True)
    calendar = icalendar.Calendar.from_ical(raw)
    print(json.dumps({
        "method": str(calendar.get("METHOD", "")) or None,
        "name": str(calendar.get("X-WR-CALNAME", calendar.get("NAME", ""))) or None,
        "timezones": [str(tz.get("TZID")) for tz in calendar.walk("VTIMEZONE")],
        "events": [describe(e) for e in calendar.walk("VEVENT")],
    }))


if __name__ == "__main__":
    main()
