//! The calendar's part of the demo: the meetings and drills an installation runs on
//! (a weekly safety meeting, morning toolbox talks, a monthly muster drill, an audit),
//! planned by the HSE manager through the calendar's own service, from this week on.

use chrono::{Duration, NaiveTime, Utc, Weekday};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

use super::changes::EventChanges;
use super::model::event::{Column, Entity as Events};
use super::recurrence::midnight;
use super::service;
use crate::app::AppState;
use crate::demo::Demo;
use crate::error::ApiResult;

struct Plan {
    title: &'static str,
    description: &'static str,
    /// Days after this week's Monday, and the local time.
    day: i64,
    at: (u32, u32),
    minutes: i64,
    all_day: bool,
    rrule: Option<&'static str>,
    attendees: &'static [&'static str],
    color: &'static str,
    reminders: &'static [i32],
}

const PLANS: [Plan; 4] = [
    Plan {
        title: "Réunion sécurité hebdomadaire",
        description: "Incidents de la semaine, actions en retard, points ouverts par les équipes.",
        day: 1,
        at: (9, 0),
        minutes: 60,
        all_day: false,
        rrule: Some("FREQ=WEEKLY;BYDAY=TU"),
        attendees: &["role:hse_officer", "role:viewer"],
        color: "#0e7490",
        reminders: &[15, 1440],
    },
    Plan {
        title: "Toolbox talk du matin",
        description: "Quinze minutes avant la prise de poste : les travaux du jour et leurs risques.",
        day: 0,
        at: (6, 45),
        minutes: 15,
        all_day: false,
        rrule: Some("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"),
        attendees: &["role:field_worker"],
        color: "#ca8a04",
        reminders: &[10],
    },
    Plan {
        title: "Exercice d'évacuation (muster drill)",
        description: "Alarme générale, rassemblement aux points de regroupement, appel nominatif.",
        day: 3,
        at: (14, 0),
        minutes: 90,
        all_day: false,
        rrule: Some("FREQ=MONTHLY;BYDAY=1TH"),
        attendees: &["role:hse_officer", "role:field_worker"],
        color: "#dc2626",
        reminders: &[60, 1440],
    },
    Plan {
        title: "Audit sécurité — Plateforme Alpha",
        description: "Audit annuel du système de gestion de la sécurité par le siège.",
        day: 15,
        at: (0, 0),
        minutes: 2 * 24 * 60,
        all_day: true,
        rrule: None,
        attendees: &["role:hse_officer"],
        color: "#7c3aed",
        reminders: &[1440],
    },
];

pub async fn seed(state: &AppState, demo: &Demo) -> ApiResult<()> {
    let planned = Events::find().filter(Column::CompanyId.eq(demo.company_id)).count(&state.db).await?;
    let Some(manager) = demo.with_role("hse_manager").first().copied() else { return Ok(()) };
    if planned > 0 {
        return Ok(());
    }
    let zone = chrono_tz::Europe::Paris;
    let today = Utc::now().with_timezone(&zone).date_naive();
    let monday = today.week(Weekday::Mon).first_day();
    for plan in &PLANS {
        let day = monday + Duration::days(plan.day);
        let starts_at = if plan.all_day {
            midnight(zone, day)
        } else {
            let time = NaiveTime::from_hms_opt(plan.at.0, plan.at.1, 0).unwrap_or_default();
            day.and_time(time).and_local_timezone(zone).earliest().map_or_else(|| midnight(zone, day), |t| t.to_utc())
        };
        let changes = EventChanges {
            title: Some(plan.title.into()),
            description: Some(Some(plan.description.into())),
            location: Some(demo.sites.first().map(|site| site.name.clone())),
            site_id: Some(demo.sites.first().map(|site| site.id)),
            starts_at: Some(starts_at),
            ends_at: Some(starts_at + Duration::minutes(plan.minutes)),
            all_day: Some(plan.all_day),
            time_zone: Some(zone),
            rrule: Some(plan.rrule.map(str::to_owned)),
            invitees: Some(plan.attendees.iter().map(|a| (*a).to_owned()).collect()),
            color: Some(Some(plan.color.into())),
            reminders: Some(plan.reminders.to_vec()),
            ..Default::default()
        };
        service::create(state, manager, changes.into_new(zone)?).await?;
    }
    Ok(())
}
