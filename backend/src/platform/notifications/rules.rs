//! What happens to a notification on each channel, from the recipient's preferences,
//! time zone and reachability: the seed's filtering step, as pure functions.

use chrono::{DateTime, Datelike, Days, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

use super::preferences::{Category, Channel, Frequency, Preferences, URGENT};

/// The fate of one channel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// In-app: shown now. Other channels: queued now.
    Deliver,
    /// Held until `until` (`dnd` or `digest`).
    Defer {
        reason: &'static str,
        until: DateTime<Utc>,
    },
    Skip(&'static str),
}

/// What the recipient can be reached on, besides the inbox.
#[derive(Debug, Clone, Copy)]
pub struct Reach {
    pub has_phone: bool,
    pub has_device: bool,
}

/// The local hour digests go at.
pub const DIGEST_HOUR: u32 = 8;

pub fn decide(
    prefs: &Preferences,
    channel: Channel,
    priority: i16,
    category: Category,
    reach: Reach,
    tz: Tz,
    now: DateTime<Utc>,
) -> Decision {
    let urgent = priority >= URGENT;
    if priority < prefs.min_priority {
        return Decision::Skip("below_min_priority");
    }
    if prefs.muted_categories.contains(&category) {
        return Decision::Skip("category_muted");
    }
    if !prefs.enabled_channels.contains(&channel) {
        return Decision::Skip("channel_disabled");
    }
    match channel {
        Channel::InApp => return Decision::Deliver,
        Channel::Sms if !urgent => return Decision::Skip("sms_urgent_only"),
        Channel::Sms if !reach.has_phone => return Decision::Skip("no_phone"),
        Channel::Push if !reach.has_device => return Decision::Skip("no_device"),
        _ => {}
    }
    if urgent {
        return Decision::Deliver;
    }
    if channel == Channel::Email && prefs.digest_enabled {
        return Decision::Defer { reason: "digest", until: next_digest(prefs.digest_frequency, tz, now) };
    }
    match prefs.dnd_window().and_then(|(start, end)| dnd_until(start, end, tz, now)) {
        Some(until) => Decision::Defer { reason: "dnd", until },
        None => Decision::Deliver,
    }
}

/// When the do-not-disturb window `start..end` (local times, possibly across midnight)
/// holding `now` ends; `None` outside it.
pub fn dnd_until(start: NaiveTime, end: NaiveTime, tz: Tz, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let local = now.with_timezone(&tz);
    let time = local.time();
    let inside = if start < end { start <= time && time < end } else { time >= start || time < end };
    if !inside {
        return None;
    }
    let today = local.date_naive();
    let day = if time < end { today } else { today.checked_add_days(Days::new(1))? };
    Some(at_local(tz, day, end))
}

/// `time` on `day` in `tz`, as an instant; a time skipped by a clock change moves to
/// the first instant after the gap.
fn at_local(tz: Tz, day: NaiveDate, time: NaiveTime) -> DateTime<Utc> {
    let mut naive = day.and_time(time);
    loop {
        if let Some(instant) = tz.from_local_datetime(&naive).earliest() {
            return instant.with_timezone(&Utc);
        }
        naive += chrono::Duration::minutes(15);
    }
}

/// The next time a digest of `frequency` goes: the next local 08:00 (daily), or Monday
/// 08:00 (weekly).
pub fn next_digest(frequency: Frequency, tz: Tz, now: DateTime<Utc>) -> DateTime<Utc> {
    let morning = NaiveTime::from_hms_opt(DIGEST_HOUR, 0, 0).unwrap_or_default();
    let local = now.with_timezone(&tz);
    let mut day = local.date_naive();
    loop {
        let fits = frequency == Frequency::Daily || day.weekday() == chrono::Weekday::Mon;
        let instant = at_local(tz, day, morning);
        if fits && instant > now {
            return instant;
        }
        day = day.succ_opt().unwrap_or(day);
    }
}

/// The digest period `now` falls in, once its morning has come: `2026-12-07` or
/// `2026-W50`; `None` before 08:00 (daily) or before Monday 08:00 of the week
/// (weekly), when the period's digest is not due yet.
pub fn due_period(frequency: Frequency, tz: Tz, now: DateTime<Utc>) -> Option<String> {
    let local = now.with_timezone(&tz);
    let morning = NaiveTime::from_hms_opt(DIGEST_HOUR, 0, 0)?;
    match frequency {
        Frequency::Daily => (local.time() >= morning).then(|| local.date_naive().to_string()),
        Frequency::Weekly => {
            let week = local.iso_week();
            let monday = NaiveDate::from_isoywd_opt(week.year(), week.week(), chrono::Weekday::Mon)?;
            (now >= at_local(tz, monday, morning)).then(|| format!("{}-W{:02}", week.year(), week.week()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(text: &str) -> DateTime<Utc> {
        text.parse().unwrap()
    }

    fn hm(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    const REACHABLE: Reach = Reach { has_phone: true, has_device: true };

    fn dnd_prefs() -> Preferences {
        Preferences { dnd_enabled: true, ..Preferences::default() }
    }

    #[test]
    fn the_same_instant_is_night_in_paris_and_afternoon_in_new_york() {
        let now = utc("2026-12-06T22:30:00Z");
        let paris: Tz = "Europe/Paris".parse().unwrap();
        let new_york: Tz = "America/New_York".parse().unwrap();
        assert_eq!(dnd_until(hm(22, 0), hm(8, 0), paris, now), Some(utc("2026-12-07T07:00:00Z")));
        assert_eq!(dnd_until(hm(22, 0), hm(8, 0), new_york, now), None);
    }

    #[test]
    fn a_window_after_midnight_ends_the_same_day() {
        let paris: Tz = "Europe/Paris".parse().unwrap();
        assert_eq!(
            dnd_until(hm(22, 0), hm(8, 0), paris, utc("2026-12-07T05:00:00Z")),
            Some(utc("2026-12-07T07:00:00Z"))
        );
        assert_eq!(dnd_until(hm(22, 0), hm(8, 0), paris, utc("2026-12-07T07:00:00Z")), None, "ends at 08:00 sharp");
    }

    #[test]
    fn a_daytime_window_does_not_wrap() {
        let utc_tz: Tz = "UTC".parse().unwrap();
        assert_eq!(
            dnd_until(hm(12, 0), hm(14, 0), utc_tz, utc("2026-12-07T13:00:00Z")),
            Some(utc("2026-12-07T14:00:00Z"))
        );
        assert_eq!(dnd_until(hm(12, 0), hm(14, 0), utc_tz, utc("2026-12-07T15:00:00Z")), None);
    }

    #[test]
    fn a_window_ending_in_a_skipped_hour_ends_after_the_gap() {
        // 2027-03-28, 02:00 → 03:00 in Paris: 02:30 does not exist.
        let paris: Tz = "Europe/Paris".parse().unwrap();
        let until = dnd_until(hm(22, 0), hm(2, 30), paris, utc("2027-03-27T23:00:00Z")).unwrap();
        assert_eq!(until, utc("2027-03-28T01:00:00Z"), "03:00 summer time");
    }

    #[test]
    fn during_dnd_only_the_inbox_is_immediate() {
        let paris: Tz = "Europe/Paris".parse().unwrap();
        let night = utc("2026-12-06T23:00:00Z");
        let prefs = dnd_prefs();
        let decide_on = |channel, priority| decide(&prefs, channel, priority, Category::Hse, REACHABLE, paris, night);
        assert_eq!(decide_on(Channel::InApp, 1), Decision::Deliver);
        let deferred = Decision::Defer { reason: "dnd", until: utc("2026-12-07T07:00:00Z") };
        assert_eq!(decide_on(Channel::Email, 1), deferred);
        assert_eq!(decide_on(Channel::Push, 2), deferred);
        assert_eq!(decide_on(Channel::Sms, 1), Decision::Skip("sms_urgent_only"));
        assert_eq!(decide_on(Channel::Sms, 3), Decision::Deliver, "urgent bypasses DND");
        assert_eq!(decide_on(Channel::Email, 3), Decision::Deliver);
    }

    #[test]
    fn priority_and_muting_skip_every_channel() {
        let utc_tz: Tz = "UTC".parse().unwrap();
        let now = utc("2026-12-07T10:00:00Z");
        let prefs =
            Preferences { min_priority: 2, muted_categories: vec![Category::Comment], ..Preferences::default() };
        for channel in Channel::ALL {
            assert_eq!(
                decide(&prefs, channel, 1, Category::Hse, REACHABLE, utc_tz, now),
                Decision::Skip("below_min_priority")
            );
            assert_eq!(
                decide(&prefs, channel, 3, Category::Comment, REACHABLE, utc_tz, now),
                Decision::Skip("category_muted")
            );
        }
    }

    #[test]
    fn disabled_or_unreachable_channels_are_skipped() {
        let utc_tz: Tz = "UTC".parse().unwrap();
        let now = utc("2026-12-07T10:00:00Z");
        let prefs = Preferences { enabled_channels: vec![Channel::InApp, Channel::Sms], ..Preferences::default() };
        let nobody = Reach { has_phone: false, has_device: false };
        assert_eq!(
            decide(&prefs, Channel::Email, 1, Category::Hse, nobody, utc_tz, now),
            Decision::Skip("channel_disabled")
        );
        assert_eq!(decide(&prefs, Channel::Sms, 3, Category::Hse, nobody, utc_tz, now), Decision::Skip("no_phone"));
        let all = Preferences::default();
        assert_eq!(decide(&all, Channel::Push, 1, Category::Hse, nobody, utc_tz, now), Decision::Skip("no_device"));
    }

    #[test]
    fn digest_users_get_their_email_in_the_next_morning_digest() {
        let paris: Tz = "Europe/Paris".parse().unwrap();
        let now = utc("2026-12-07T10:00:00Z"); // Monday 11:00 in Paris
        let daily = Preferences { digest_enabled: true, ..Preferences::default() };
        assert_eq!(
            decide(&daily, Channel::Email, 1, Category::Hse, REACHABLE, paris, now),
            Decision::Defer { reason: "digest", until: utc("2026-12-08T07:00:00Z") }
        );
        let weekly = Preferences { digest_frequency: Frequency::Weekly, ..daily.clone() };
        assert_eq!(next_digest(Frequency::Weekly, paris, now), utc("2026-12-14T07:00:00Z"));
        assert_eq!(decide(&weekly, Channel::Email, 3, Category::Hse, REACHABLE, paris, now), Decision::Deliver);
    }

    #[test]
    fn a_period_is_due_once_its_morning_has_come() {
        let paris: Tz = "Europe/Paris".parse().unwrap();
        assert_eq!(due_period(Frequency::Daily, paris, utc("2026-12-07T06:59:00Z")), None);
        assert_eq!(due_period(Frequency::Daily, paris, utc("2026-12-07T07:00:00Z")).as_deref(), Some("2026-12-07"));
        assert_eq!(due_period(Frequency::Weekly, paris, utc("2026-12-07T06:00:00Z")), None, "Monday 07:00");
        assert_eq!(due_period(Frequency::Weekly, paris, utc("2026-12-09T06:00:00Z")).as_deref(), Some("2026-W50"));
    }
}
