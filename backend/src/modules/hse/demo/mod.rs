//! HSE's part of the demo: the module on, a year of hours worked on each site, and
//! about two hundred incidents over those twelve months, each taken through the
//! workflow by the demo's people with the module's own services (so numbers, steps,
//! investigations, actions and the audit trail are the real ones), then dated back to
//! when it happened. Older incidents are mostly closed; recent ones still open, with
//! some actions overdue.

mod stories;

use chrono::{DateTime, Datelike, Duration, Months, NaiveDate, Utc};
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::{RngExt, SeedableRng};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use super::actions::dto::{ActionIn, ActionMoveIn};
use super::actions::{service as actions, workflow::ActionMove};
use super::domain::{ActionKind, Employer, IncidentStatus, InjuryClass, Severity};
use super::hours::{dto::HoursIn, service as hours};
use super::incidents::dto::{IncidentIn, IncidentTransitionIn, InvestigationIn, PersonIn};
use super::incidents::workflow::{self, IncidentTransition};
use super::incidents::{edit, service as incidents};
use super::model::{action, incident, investigation, step};
use crate::app::AppState;
use crate::caller::Caller;
use crate::demo::Demo;
use crate::error::ApiResult;
use crate::platform::modules::service as modules;
use crate::platform::sites::api::Coordinates;
use stories::{STORIES, Story};

const INCIDENTS: usize = 200;
const NAMES: [&str; 10] = [
    "Jean Okou",
    "Awa Diallo",
    "Lucas Martin",
    "Paul Mba",
    "Ines Ndong",
    "Thomas Girard",
    "Samuel Obiang",
    "Nadia Haddad",
    "Pierre Moussavou",
    "Eric Nzé",
];

/// The demo's people by what they do in HSE.
struct Crew<'a> {
    manager: &'a Caller,
    officer: &'a Caller,
    workers: Vec<&'a Caller>,
}

pub async fn seed(state: &AppState, demo: &Demo) -> ApiResult<()> {
    let admin = demo.admin();
    if !super::switch::is_on(state, demo.company_id).await? {
        modules::enable(state, admin, super::switch::CODE).await?;
    }
    let any = incident::Entity::find().filter(incident::Column::CompanyId.eq(demo.company_id)).count(&state.db).await?;
    if any > 0 {
        return Ok(());
    }
    let (Some(manager), Some(officer)) =
        (demo.with_role("hse_manager").first().copied(), demo.with_role("hse_officer").first().copied())
    else {
        return Ok(());
    };
    let crew = Crew { manager, officer, workers: demo.with_role("field_worker") };
    let mut rng = StdRng::seed_from_u64(2026);
    let now = Utc::now();
    seed_hours(state, &crew, demo, &mut rng, now).await?;
    let mut when: Vec<DateTime<Utc>> =
        (0..INCIDENTS).map(|_| now - Duration::minutes(rng.random_range(90..365 * 24 * 60))).collect();
    when.sort();
    for occurred_at in when {
        seed_incident(state, &crew, demo, &mut rng, now, occurred_at).await?;
    }
    Ok(())
}

/// Each site's hours for the last twelve months: platforms busier than the vessel and base.
async fn seed_hours(
    state: &AppState,
    crew: &Crew<'_>,
    demo: &Demo,
    rng: &mut StdRng,
    now: DateTime<Utc>,
) -> ApiResult<()> {
    let this_month = NaiveDate::from_ymd_opt(now.year(), now.month(), 1).expect("a month's first day");
    for back in 0..12 {
        let month = this_month - Months::new(back);
        for (index, site) in demo.sites.iter().enumerate() {
            let base = if index < 2 { 21_000.0 } else { 7_500.0 };
            let input = HoursIn {
                site_id: site.id,
                month: month.format("%Y-%m").to_string(),
                employee_hours: (base * rng.random_range(0.85..1.15_f64)).round(),
                contractor_hours: (base * 0.55 * rng.random_range(0.7..1.3_f64)).round(),
            };
            hours::save(state, crew.manager, input).await?;
        }
    }
    Ok(())
}

/// Where the incident ends up: older ones further along.
fn destination(rng: &mut StdRng, age_days: i64) -> IncidentStatus {
    use IncidentStatus as S;
    let roll = rng.random_range(0..100);
    match age_days {
        0..=14 => *[S::Draft, S::Submitted, S::Submitted, S::UnderInvestigation, S::UnderInvestigation]
            .choose(rng)
            .expect("states"),
        15..=60 => match roll {
            0..=19 => S::UnderInvestigation,
            20..=39 => S::PendingApproval,
            40..=49 => S::Rejected,
            50..=69 => S::Approved,
            _ => S::Closed,
        },
        _ => match roll {
            0..=4 => S::UnderInvestigation,
            5..=9 => S::Approved,
            _ => S::Closed,
        },
    }
}

fn severity(rng: &mut StdRng) -> Severity {
    match rng.random_range(0..100) {
        0..=39 => Severity::Low,
        40..=74 => Severity::Medium,
        75..=93 => Severity::High,
        _ => Severity::Critical,
    }
}

fn people(rng: &mut StdRng, story: &Story) -> Vec<PersonIn> {
    let count = if story.hurts { rng.random_range(1..=2) } else { rng.random_range(0..=1) };
    (0..count)
        .map(|_| {
            let injury_class = story.hurts.then(|| match rng.random_range(0..100) {
                0..=49 => InjuryClass::FirstAid,
                50..=74 => InjuryClass::MedicalTreatment,
                75..=87 => InjuryClass::RestrictedWork,
                _ => InjuryClass::LostTime,
            });
            let days_lost = match injury_class {
                Some(InjuryClass::LostTime) => rng.random_range(1..=21),
                Some(InjuryClass::RestrictedWork) => rng.random_range(1..=5),
                _ => 0,
            };
            PersonIn {
                full_name: (*NAMES.choose(rng).expect("names")).to_owned(),
                employer: if rng.random_bool(0.6) { Employer::Employee } else { Employer::Contractor },
                user_id: None,
                injury_class,
                days_lost,
            }
        })
        .collect()
}

async fn seed_incident(
    state: &AppState,
    crew: &Crew<'_>,
    demo: &Demo,
    rng: &mut StdRng,
    now: DateTime<Utc>,
    occurred_at: DateTime<Utc>,
) -> ApiResult<()> {
    use IncidentStatus as S;
    let story = STORIES.choose(rng).expect("stories");
    let site = demo.sites.choose(rng).expect("sites");
    let reporter = *crew.workers.choose(rng).unwrap_or(&crew.officer);
    let target = destination(rng, (now - occurred_at).num_days());
    let input = IncidentIn {
        title: story.title.to_owned(),
        description: story.description.to_owned(),
        severity: severity(rng),
        incident_type: story.kind,
        occurred_at,
        site_id: Some(site.id),
        location: story.location.to_owned(),
        coordinates: site.latitude.zip(site.longitude).map(|(latitude, longitude)| Coordinates { latitude, longitude }),
        immediate_actions: Some(story.immediate_actions.to_owned()),
        assigned_to: (target != S::Draft).then_some(crew.officer.user_id),
        people: people(rng, story),
        photo_ids: Vec::new(),
        draft: target == S::Draft,
    };
    let id = incidents::create(state, reporter, input, None).await?.detail.incident.id;
    let mut actions_made = Vec::new();
    if !matches!(target, S::Draft | S::Submitted) {
        let go = |caller, transition| workflow::apply(state, caller, id, transition, None, Default::default());
        go(crew.officer, IncidentTransition::StartInvestigation).await?;
        let investigation = InvestigationIn {
            method: story.method,
            root_causes: Some(story.root_causes.to_owned()),
            contributing_factors: Some("Pression sur les délais ; rotation d'équipe récente.".to_owned()),
            findings: Some(story.findings.to_owned()),
            investigators: vec![crew.officer.user_id],
        };
        edit::save_investigation(state, crew.officer, id, None, investigation).await?;
        let owner = *crew.workers.choose(rng).unwrap_or(&crew.officer);
        let action = ActionIn {
            kind: if rng.random_bool(0.7) { ActionKind::Corrective } else { ActionKind::Preventive },
            title: story.action.to_owned(),
            description: None,
            owner_id: owner.user_id,
            due_date: now.date_naive() + Duration::days(30),
        };
        let action = actions::create(state, crew.officer, id, action).await?;
        let settled = matches!(target, S::Approved | S::Closed);
        if settled || rng.random_bool(0.5) {
            move_action(state, owner, action.id, ActionMove::Complete).await?;
            if settled {
                move_action(state, crew.manager, action.id, ActionMove::Verify).await?;
            }
        }
        actions_made.push(action.id);
        if target != S::UnderInvestigation {
            go(crew.officer, IncidentTransition::RequestApproval).await?;
        }
        if target == S::Rejected {
            let reason = IncidentTransitionIn {
                reason: Some("Les causes profondes ne sont pas étayées par les témoignages.".to_owned()),
            };
            workflow::apply(state, crew.manager, id, IncidentTransition::Reject, None, reason).await?;
        }
        if settled {
            go(crew.manager, IncidentTransition::Approve).await?;
        }
        if target == S::Closed {
            go(crew.manager, IncidentTransition::Close).await?;
        }
    }
    date_back(state, id, &actions_made, occurred_at, now, rng).await
}

async fn move_action(state: &AppState, caller: &Caller, id: Uuid, wanted: ActionMove) -> ApiResult<()> {
    actions::apply(state, caller, id, wanted, None, ActionMoveIn::default()).await.map(drop)
}

/// Moves what the services stamped "now" back to when it would have happened: the
/// report an hour or two after the event, each later step a few days on, the action
/// due a month after the report (so recent unfinished ones are overdue, and their
/// owners and managers already told).
async fn date_back(
    state: &AppState,
    id: Uuid,
    actions_made: &[Uuid],
    occurred_at: DateTime<Utc>,
    now: DateTime<Utc>,
    rng: &mut StdRng,
) -> ApiResult<()> {
    let reported = occurred_at + Duration::minutes(rng.random_range(30..240));
    let steps = step::Entity::find()
        .filter(step::Column::IncidentId.eq(id))
        .order_by_asc(step::Column::Id)
        .all(&state.db)
        .await?;
    let mut at = reported;
    let mut last = reported;
    for (index, row) in steps.iter().enumerate() {
        if index > 1 {
            at = (at + Duration::hours(rng.random_range(20..120))).min(now);
        }
        last = at;
        step::Entity::update_many()
            .col_expr(step::Column::At, Expr::value(at))
            .filter(step::Column::Id.eq(row.id))
            .exec(&state.db)
            .await?;
    }
    incident::Entity::update_many()
        .col_expr(incident::Column::CreatedAt, Expr::value(reported))
        .col_expr(incident::Column::UpdatedAt, Expr::value(last))
        .filter(incident::Column::Id.eq(id))
        .exec(&state.db)
        .await?;
    investigation::Entity::update_many()
        .col_expr(investigation::Column::StartedAt, Expr::value((reported + Duration::days(1)).min(now)))
        .col_expr(investigation::Column::UpdatedAt, Expr::value(last))
        .filter(investigation::Column::IncidentId.eq(id))
        .exec(&state.db)
        .await?;
    let due = (reported + Duration::days(30)).date_naive();
    let overdue_told = (reported + Duration::days(31)).min(now);
    for action_id in actions_made {
        let done = (reported + Duration::days(rng.random_range(5..28))).min(last);
        let Some(row) = action::Entity::find_by_id(*action_id).one(&state.db).await? else { continue };
        let mut update = action::Entity::update_many()
            .col_expr(action::Column::CreatedAt, Expr::value(reported + Duration::days(1)))
            .col_expr(action::Column::UpdatedAt, Expr::value(done))
            .col_expr(action::Column::DueDate, Expr::value(due))
            .filter(action::Column::Id.eq(*action_id));
        if row.status.is_pending() && due < now.date_naive() {
            update = update
                .col_expr(action::Column::OverdueNotifiedAt, Expr::value(overdue_told))
                .col_expr(action::Column::EscalatedAt, Expr::value(overdue_told));
        }
        if row.completed_at.is_some() {
            update = update.col_expr(action::Column::CompletedAt, Expr::value(done));
        }
        if row.verified_at.is_some() {
            update = update.col_expr(action::Column::VerifiedAt, Expr::value(done));
        }
        update.exec(&state.db).await?;
    }
    Ok(())
}
