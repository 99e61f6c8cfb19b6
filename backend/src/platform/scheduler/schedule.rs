//! When a periodic job is due: the slot it runs for now, and its next time.

use std::str::FromStr;

use chrono::{DateTime, TimeDelta, Utc};
use chrono_tz::Tz;

use crate::module::Schedule;

/// A cron time missed while no worker ran (a restart around 07:00) still runs if it is
/// this recent; older ones are skipped, so a new deployment does not run this
/// morning's job in the afternoon.
const CATCH_UP: TimeDelta = TimeDelta::hours(1);

/// The time a job is due to run for at `now`, in Unix seconds: the start of its
/// current period, or its latest cron time if that is recent. `None` for a cron job
/// between times, or a cron expression that does not parse.
pub fn due_slot(schedule: Schedule, time_zone: Tz, now: DateTime<Utc>) -> Option<i64> {
    match schedule {
        Schedule::Every(period) => {
            let period = i64::try_from(period.as_secs().max(1)).ok()?;
            Some(now.timestamp().div_euclid(period) * period)
        }
        Schedule::Cron(expression) => {
            let times = cron::Schedule::from_str(expression).ok()?;
            let latest = times.after(&now.with_timezone(&time_zone)).next_back()?;
            let latest = latest.with_timezone(&Utc);
            (now - latest <= CATCH_UP).then_some(latest.timestamp())
        }
    }
}

/// The job's next time after `now`.
pub fn next_after(schedule: Schedule, time_zone: Tz, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    match schedule {
        Schedule::Every(period) => {
            let period = i64::try_from(period.as_secs().max(1)).ok()?;
            DateTime::from_timestamp((now.timestamp().div_euclid(period) + 1) * period, 0)
        }
        Schedule::Cron(expression) => {
            let times = cron::Schedule::from_str(expression).ok()?;
            times.after(&now.with_timezone(&time_zone)).next().map(|t| t.with_timezone(&Utc))
        }
    }
}

/// Whether a schedule can run at all: a period of a second or more, a cron expression
/// that parses and names a time to come.
pub fn check(schedule: Schedule) -> Result<(), String> {
    match schedule {
        Schedule::Every(period) if period.as_secs() >= 1 => Ok(()),
        Schedule::Every(period) => Err(format!("a period of {period:?} is under a second")),
        Schedule::Cron(expression) => {
            let times = cron::Schedule::from_str(expression).map_err(|e| format!("`{expression}`: {e}"))?;
            times.upcoming(Utc).next().map(drop).ok_or_else(|| format!("`{expression}` never runs again"))
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn a_period_runs_on_its_boundaries() {
        let hourly = Schedule::Every(Duration::from_secs(3600));
        let now = at("2026-12-07T10:17:00Z");
        assert_eq!(due_slot(hourly, chrono_tz::UTC, now), Some(at("2026-12-07T10:00:00Z").timestamp()));
        assert_eq!(next_after(hourly, chrono_tz::UTC, now), Some(at("2026-12-07T11:00:00Z")));
    }

    #[test]
    fn a_cron_time_is_local_to_the_time_zone_and_follows_daylight_saving() {
        let weekday_mornings = Schedule::Cron("0 0 7 * * Mon-Fri");
        let paris = chrono_tz::Europe::Paris;
        // Monday 7 December 2026, 07:20 in Paris (UTC+1): this morning's run is due.
        let now = at("2026-12-07T06:20:00Z");
        assert_eq!(due_slot(weekday_mornings, paris, now), Some(at("2026-12-07T06:00:00Z").timestamp()));
        assert_eq!(next_after(weekday_mornings, paris, now), Some(at("2026-12-08T06:00:00Z")));
        // In summer Paris is UTC+2: 07:00 there is 05:00 UTC.
        let june = at("2027-06-07T05:30:00Z");
        assert_eq!(due_slot(weekday_mornings, paris, june), Some(at("2027-06-07T05:00:00Z").timestamp()));
        // Friday evening: the next run is Monday morning.
        assert_eq!(next_after(weekday_mornings, paris, at("2026-12-11T18:00:00Z")), Some(at("2026-12-14T06:00:00Z")));
    }

    #[test]
    fn a_cron_time_missed_by_more_than_an_hour_is_skipped() {
        let daily = Schedule::Cron("0 0 7 * * *");
        let paris = chrono_tz::Europe::Paris;
        assert!(due_slot(daily, paris, at("2026-12-07T06:59:00Z")).is_some(), "59 minutes late: still runs");
        assert_eq!(due_slot(daily, paris, at("2026-12-07T10:00:00Z")), None, "4 hours late: skipped");
    }

    #[test]
    fn schedules_that_cannot_run_are_refused() {
        assert!(check(Schedule::Every(Duration::from_secs(60))).is_ok());
        assert!(check(Schedule::Cron("0 30 6 * * *")).is_ok());
        assert!(check(Schedule::Every(Duration::from_millis(10))).is_err());
        assert!(check(Schedule::Cron("every morning")).is_err());
        assert!(check(Schedule::Cron("0 0 7 * * * 1999")).is_err(), "in the past");
    }
}
