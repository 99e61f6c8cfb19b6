//! When an event happens: its rule (RFC 5545 RRULE, through the `rrule` crate) read in
//! the event's own time zone, so a weekly 09:00 meeting in Paris stays at 09:00 across
//! the March and October changes, minus its EXDATEs.

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use rrule::{Frequency, RRule, RRuleSet, Unvalidated};

/// At most this many occurrences in a series with COUNT.
pub const MAX_COUNT: u32 = 1000;
/// At most this many occurrences of one event in one answer.
const MAX_EXPANDED: u16 = 2000;

/// When an event starts and ends, and the zone its rule is read in.
#[derive(Debug, Clone, Copy)]
pub struct Timing {
    pub zone: chrono_tz::Tz,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
}

impl Timing {
    pub fn duration(&self) -> Duration {
        self.ends_at - self.starts_at
    }

    /// An all-day event's times: local midnights, the end rounded up to the next one.
    pub fn whole_days(self) -> Self {
        let first = self.starts_at.with_timezone(&self.zone).date_naive();
        let end = self.ends_at.with_timezone(&self.zone);
        let mut last = end.date_naive();
        if end.time() != NaiveTime::MIN || last <= first {
            last = last.succ_opt().unwrap_or(last);
        }
        Self {
            starts_at: midnight(self.zone, first),
            ends_at: midnight(self.zone, last.max(first + Duration::days(1))),
            ..self
        }
    }
}

/// The start of `date` in `zone` (the first instant of the day where midnight is skipped).
pub fn midnight(zone: chrono_tz::Tz, date: NaiveDate) -> DateTime<Utc> {
    let mut at = date.and_time(NaiveTime::MIN);
    loop {
        if let Some(local) = zone.from_local_datetime(&at).earliest() {
            return local.with_timezone(&Utc);
        }
        at += Duration::minutes(30);
    }
}

/// A rule as written (`FREQ=WEEKLY;BYDAY=TU`), checked against its start.
#[derive(Debug, Clone)]
pub struct Rule {
    unvalidated: RRule<Unvalidated>,
}

impl Rule {
    /// Reads and checks a rule for an event starting at `timing`; the reason in words
    /// when it is not one we expand.
    pub fn parse(text: &str, timing: &Timing) -> Result<Self, String> {
        let text = text.trim().trim_start_matches("RRULE:");
        if text.is_empty() || text.contains(['\n', '\r', ':']) {
            return Err("must be one RRULE value, such as FREQ=WEEKLY;BYDAY=TU".into());
        }
        let unvalidated: RRule<Unvalidated> = text
            .to_ascii_uppercase()
            .parse()
            .map_err(|e: rrule::RRuleError| e.to_string().trim_start_matches("RRule parsing error: ").to_owned())?;
        if !matches!(
            unvalidated.get_freq(),
            Frequency::Daily | Frequency::Weekly | Frequency::Monthly | Frequency::Yearly
        ) {
            return Err("FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY".into());
        }
        if unvalidated.get_count().is_some_and(|count| count > MAX_COUNT) {
            return Err(format!("COUNT may be at most {MAX_COUNT}"));
        }
        if unvalidated.get_until().is_some_and(|until| until.with_timezone(&Utc) < timing.starts_at) {
            return Err("gives no occurrence: UNTIL is before the start".into());
        }
        let rule = Self { unvalidated };
        let set = rule.set(timing, &[]).map_err(|e| e.trim_start_matches("RRule validation error: ").to_owned())?;
        if set.all(1).dates.is_empty() {
            return Err("gives no occurrence: UNTIL is before the start".into());
        }
        Ok(rule)
    }

    /// The rule as stored and written in iCalendar files (UNTIL in UTC).
    pub fn text(&self) -> String {
        self.unvalidated.to_string()
    }

    /// The same rule ending just before `at`: the part of a series left when it is cut
    /// there (COUNT becomes an UNTIL).
    pub fn ending_before(&self, at: DateTime<Utc>) -> String {
        let mut parts: Vec<String> = self
            .text()
            .split(';')
            .filter(|part| !part.starts_with("COUNT=") && !part.starts_with("UNTIL="))
            .map(str::to_owned)
            .collect();
        parts.push(format!("UNTIL={}", (at - Duration::seconds(1)).format("%Y%m%dT%H%M%SZ")));
        parts.join(";")
    }

    /// The same rule with COUNT lowered by `done` occurrences: what the rest of a series
    /// keeps when it is cut.
    pub fn without_first(&self, done: usize) -> String {
        self.text()
            .split(';')
            .map(|part| match part.strip_prefix("COUNT=").and_then(|n| n.parse::<usize>().ok()) {
                Some(count) => format!("COUNT={}", count.saturating_sub(done).max(1)),
                None => part.to_owned(),
            })
            .collect::<Vec<_>>()
            .join(";")
    }

    /// Whether the series ends by itself (COUNT or UNTIL).
    pub fn is_bounded(&self) -> bool {
        self.unvalidated.get_count().is_some() || self.unvalidated.get_until().is_some()
    }

    fn set(&self, timing: &Timing, exdates: &[DateTime<Utc>]) -> Result<RRuleSet, String> {
        let zone = rrule::Tz::Tz(timing.zone);
        let start = timing.starts_at.with_timezone(&zone);
        let set = self.unvalidated.clone().build(start).map_err(|e| e.to_string())?;
        Ok(set.set_exdates(exdates.iter().map(|at| at.with_timezone(&zone)).collect()))
    }
}

/// An event's series: its timing, rule and left-out starts.
pub struct Series<'a> {
    pub timing: Timing,
    pub rule: Option<&'a Rule>,
    pub exdates: &'a [DateTime<Utc>],
}

impl Series<'_> {
    /// The starts of the occurrences that overlap `[from, to)`, in order (a single
    /// event's own start when it does).
    pub fn starts_between(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<DateTime<Utc>> {
        let duration = self.timing.duration();
        let overlaps = |start: &DateTime<Utc>| *start < to && *start + duration > from;
        let Some(rule) = self.rule else {
            return [self.timing.starts_at].into_iter().filter(overlaps).collect();
        };
        let Ok(set) = rule.set(&self.timing, self.exdates) else { return Vec::new() };
        let zone = rrule::Tz::Tz(self.timing.zone);
        let after = (from - duration).with_timezone(&zone);
        let before = to.with_timezone(&zone);
        let found = set.after(after).before(before).all(MAX_EXPANDED);
        found.dates.iter().map(|at| at.with_timezone(&Utc)).filter(overlaps).collect()
    }

    /// How many occurrences start before `at`.
    pub fn count_before(&self, at: DateTime<Utc>) -> usize {
        let Some(rule) = self.rule else { return usize::from(self.timing.starts_at < at) };
        let Ok(set) = rule.set(&self.timing, &[]) else { return 0 };
        let zone = rrule::Tz::Tz(self.timing.zone);
        set.before((at - Duration::seconds(1)).with_timezone(&zone)).all(u16::MAX).dates.len()
    }

    /// Whether `start` is one of the series' occurrences (excluded ones count: a changed
    /// or cancelled occurrence is still named by the start the rule gave it).
    pub fn has_occurrence_at(&self, start: DateTime<Utc>) -> bool {
        let Some(rule) = self.rule else { return start == self.timing.starts_at };
        let Ok(set) = rule.set(&self.timing, &[]) else { return false };
        let zone = rrule::Tz::Tz(self.timing.zone);
        let at = start.with_timezone(&zone);
        set.after(at).before(at).all(1).dates.first().is_some_and(|found| found.with_timezone(&Utc) == start)
    }

    /// When the last occurrence ends; `None` when the rule never ends (or ends later
    /// than is worth computing: UNTIL then stands for it).
    pub fn ends_at(&self) -> Option<DateTime<Utc>> {
        let Some(rule) = self.rule else { return Some(self.timing.ends_at) };
        if let Some(until) = rule.unvalidated.get_until() {
            return Some(until.with_timezone(&Utc) + self.timing.duration());
        }
        rule.unvalidated.get_count()?;
        let set = rule.set(&self.timing, &[]).ok()?;
        let last = set.all(u16::try_from(MAX_COUNT).unwrap_or(u16::MAX)).dates.last()?.with_timezone(&Utc);
        Some(last + self.timing.duration())
    }
}

#[cfg(test)]
mod tests {
    use chrono::Timelike;
    use chrono_tz::Europe::Paris;
    use chrono_tz::{America::New_York, Tz};

    use super::*;

    fn local(zone: Tz, y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        zone.with_ymd_and_hms(y, m, d, h, min, 0).single().expect("a local time").with_timezone(&Utc)
    }

    fn timing(zone: Tz, starts_at: DateTime<Utc>, minutes: i64) -> Timing {
        Timing { zone, starts_at, ends_at: starts_at + Duration::minutes(minutes) }
    }

    fn starts(rule: &str, timing: Timing, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<DateTime<Utc>> {
        let rule = Rule::parse(rule, &timing).expect("a valid rule");
        Series { timing, rule: Some(&rule), exdates: &[] }.starts_between(from, to)
    }

    #[test]
    fn a_weekly_meeting_in_paris_stays_at_nine_across_both_changes_of_time() {
        let first = local(Paris, 2027, 3, 16, 9, 0);
        let found = starts("FREQ=WEEKLY;BYDAY=TU", timing(Paris, first, 60), first, local(Paris, 2027, 11, 3, 0, 0));
        assert_eq!(found.len(), 34, "every Tuesday from 16 March to 2 November");
        for at in &found {
            assert_eq!(at.with_timezone(&Paris).hour(), 9, "{at} is not 09:00 in Paris");
        }
        // 28 March and 31 October 2027 are the changes: the UTC hour moves, the local one does not.
        assert_eq!(found[0].hour(), 8, "16 March: UTC+1");
        assert_eq!(found[2].hour(), 7, "30 March: UTC+2");
        assert_eq!(found[33].hour(), 8, "2 November: UTC+1 again");
    }

    #[test]
    fn rfc_5545_examples_give_their_dates() {
        // "Every other week on Monday, Wednesday, and Friday until December 24, 1997,
        // starting on Monday, September 1, 1997" (RFC 5545, 3.8.5.3): 25 occurrences.
        let start = local(New_York, 1997, 9, 1, 9, 0);
        let to = local(New_York, 1998, 1, 1, 0, 0);
        let found = starts(
            "FREQ=WEEKLY;INTERVAL=2;UNTIL=19971224T000000Z;WKST=SU;BYDAY=MO,WE,FR",
            timing(New_York, start, 60),
            start,
            to,
        );
        assert_eq!(found.len(), 25);
        assert_eq!(
            found.last().map(|at| at.with_timezone(&New_York).date_naive()),
            NaiveDate::from_ymd_opt(1997, 12, 22)
        );

        // "Monthly on the first Friday for 10 occurrences", from 5 September 1997.
        let start = local(New_York, 1997, 9, 5, 9, 0);
        let found =
            starts("FREQ=MONTHLY;COUNT=10;BYDAY=1FR", timing(New_York, start, 60), start, to + Duration::days(400));
        let days: Vec<_> = found.iter().map(|at| at.with_timezone(&New_York).format("%Y-%m-%d").to_string()).collect();
        assert_eq!(days[..4], ["1997-09-05", "1997-10-03", "1997-11-07", "1997-12-05"]);
        assert_eq!(days.len(), 10);
        assert_eq!(days[9], "1998-06-05");

        // "Monthly on the second-to-last day of the month, forever": BYMONTHDAY=-2.
        let start = local(New_York, 1997, 9, 29, 9, 0);
        let found =
            starts("FREQ=MONTHLY;BYMONTHDAY=-2", timing(New_York, start, 60), start, local(New_York, 1998, 3, 1, 0, 0));
        let days: Vec<_> = found.iter().map(|at| at.with_timezone(&New_York).format("%m-%d").to_string()).collect();
        assert_eq!(days, ["09-29", "10-30", "11-29", "12-30", "01-30", "02-27"]);
    }

    #[test]
    fn exdates_leave_occurrences_out_and_a_range_sees_only_what_overlaps_it() {
        let first = local(Paris, 2027, 1, 4, 9, 0);
        let timing = timing(Paris, first, 90);
        let rule = Rule::parse("FREQ=DAILY;COUNT=5", &timing).expect("valid");
        let skipped = [local(Paris, 2027, 1, 6, 9, 0)];
        let series = Series { timing, rule: Some(&rule), exdates: &skipped };
        let all = series.starts_between(first, first + Duration::days(10));
        assert_eq!(all.len(), 4, "five days, one left out");
        assert!(!all.contains(&skipped[0]));
        // An occurrence still under way at the range's start belongs to it.
        let from = local(Paris, 2027, 1, 5, 10, 0);
        assert_eq!(series.starts_between(from, from + Duration::hours(1)), [local(Paris, 2027, 1, 5, 9, 0)]);
        assert!(series.has_occurrence_at(skipped[0]), "a left-out start still names its occurrence");
        assert!(!series.has_occurrence_at(local(Paris, 2027, 1, 6, 10, 0)));
        assert_eq!(series.ends_at(), Some(local(Paris, 2027, 1, 8, 10, 30)));
    }

    #[test]
    fn cutting_a_series_keeps_the_right_rule_on_each_side() {
        let first = local(Paris, 2027, 1, 4, 9, 0);
        let timing = timing(Paris, first, 60);
        let rule = Rule::parse("freq=weekly;count=10;byday=mo", &timing).expect("valid");
        assert_eq!(rule.text(), "FREQ=WEEKLY;COUNT=10;BYDAY=MO");
        let cut = local(Paris, 2027, 2, 1, 9, 0);
        let series = Series { timing, rule: Some(&rule), exdates: &[] };
        assert_eq!(series.count_before(cut), 4);
        assert_eq!(rule.ending_before(cut), "FREQ=WEEKLY;BYDAY=MO;UNTIL=20270201T075959Z");
        assert_eq!(rule.without_first(4), "FREQ=WEEKLY;COUNT=6;BYDAY=MO");
        let head = Rule::parse(&rule.ending_before(cut), &timing).expect("valid");
        let kept =
            Series { timing, rule: Some(&head), exdates: &[] }.starts_between(first, first + Duration::days(365));
        assert_eq!(kept.len(), 4);
    }

    #[test]
    fn rules_we_do_not_expand_are_refused_in_words() {
        let timing = timing(Paris, local(Paris, 2027, 1, 4, 9, 0), 60);
        for (rule, says) in [
            ("FREQ=HOURLY", "FREQ must be"),
            ("FREQ=WEEKLY;COUNT=5000", "COUNT may be at most"),
            ("FREQ=DAILY;UNTIL=20260101T000000Z", "UNTIL is before the start"),
            ("DTSTART:20270104T090000Z\nRRULE:FREQ=DAILY", "one RRULE value"),
            ("FREQ=SOMETIMES", ""),
        ] {
            let err = Rule::parse(rule, &timing).expect_err(rule);
            assert!(err.contains(says), "{rule}: {err}");
        }
    }

    #[test]
    fn an_all_day_event_runs_from_midnight_to_midnight_in_its_zone() {
        let noon = local(Paris, 2027, 7, 14, 12, 0);
        let days = Timing { zone: Paris, starts_at: noon, ends_at: noon + Duration::hours(1) }.whole_days();
        assert_eq!(days.starts_at, local(Paris, 2027, 7, 14, 0, 0));
        assert_eq!(days.ends_at, local(Paris, 2027, 7, 15, 0, 0));
        let two = Timing {
            zone: Paris,
            starts_at: local(Paris, 2027, 7, 14, 0, 0),
            ends_at: local(Paris, 2027, 7, 16, 0, 0),
        };
        assert_eq!(two.whole_days().ends_at, local(Paris, 2027, 7, 16, 0, 0), "an exclusive midnight end stays");
    }
}
