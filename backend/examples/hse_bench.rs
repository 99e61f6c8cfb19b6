//! HSE at scale, used by `scripts/bench_hse.sh`, with the server's own configuration
//! (its `OPSFLUX_*` environment) on the database the demo was seeded in:
//!   seed N        N more incidents (default 10,000) in the demo company over the last
//!                 twelve months, spread over its people and sites, a third with
//!                 people hurt, written in batches straight to the tables (the
//!                 module's services make the demo's first 200; this makes volume)
//!   ceiling S C   the incident list's query for the HSE manager (company scope, 50
//!                 rows, newest first: `incidents::list::list`, what the route runs
//!                 before JSON and HTTP) in a loop from C tasks for S seconds; prints
//!                 `PER_SECOND COUNT P50_MS P99_MS`

#[path = "support/load.rs"]
mod load;

use std::time::Duration;

use chrono::{Duration as Days, Utc};
use opsflux::app::AppState;
use opsflux::caller::Caller;
use opsflux::config::Settings;
use opsflux::http::PageQuery;
use opsflux::modules::hse::domain::{Employer, IncidentStatus, IncidentType, InjuryClass, Severity};
use opsflux::modules::hse::incidents::list::{self, IncidentFilter};
use opsflux::modules::hse::model::{incident, person};
use opsflux::platform::companies::service as companies;
use opsflux::platform::sites::model as site;
use opsflux::platform::users::service as users;
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::{RngExt, SeedableRng};
use sea_orm::ActiveValue::Set;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

const MANAGER: &str = "hse.manager@demo.opsflux.localhost";
const BATCH: usize = 500;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let command = args.next().unwrap_or_default();
    let state = AppState::connect(Settings::load()?).await?;
    let company =
        companies::find_by_slug(&state.db, "demo").await?.ok_or_else(|| anyhow::anyhow!("seed the demo first"))?;
    let manager = users::find_by_email(&state.db, MANAGER).await?.ok_or_else(|| anyhow::anyhow!("no demo manager"))?;
    match command.as_str() {
        "seed" => seed(&state, company.id, args.next().map_or(Ok(10_000), |n| n.parse())?).await,
        "ceiling" => {
            let seconds: u64 = args.next().map_or(Ok(10), |n| n.parse())?;
            let concurrency: usize = args.next().map_or(Ok(64), |n| n.parse())?;
            let caller = Caller::acting_as(&state, manager.id, company.id).await?;
            ceiling(&state, caller, Duration::from_secs(seconds), concurrency).await
        }
        other => anyhow::bail!("unknown command {other:?}: seed [N] | ceiling [SECONDS] [CONCURRENCY]"),
    }
}

async fn seed(state: &AppState, company_id: Uuid, count: usize) -> anyhow::Result<()> {
    let sites: Vec<Uuid> = site::Entity::find()
        .filter(site::Column::CompanyId.eq(company_id))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|s| s.id)
        .collect();
    let people: Vec<Uuid> = opsflux::platform::users::model::Entity::find()
        .filter(opsflux::platform::users::model::Column::CompanyId.eq(company_id))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|u| u.id)
        .collect();
    let mut rng = StdRng::seed_from_u64(7);
    let now = Utc::now();
    for start in (0..count).step_by(BATCH) {
        let mut incidents = Vec::new();
        let mut hurt = Vec::new();
        for n in start..(start + BATCH).min(count) {
            let id = Uuid::now_v7();
            let occurred_at = now - Days::minutes(rng.random_range(60..365 * 24 * 60));
            incidents.push(incident::ActiveModel {
                id: Set(id),
                created_at: Set(occurred_at + Days::hours(1)),
                updated_at: Set(occurred_at + Days::hours(2)),
                company_id: Set(company_id),
                number: Set(format!("BCH-{:06}", n + 1)),
                title: Set(format!("Bench incident {} on deck", n + 1)),
                description: Set("A load shifted on the pipe deck during a routine lift; nobody was under it.".into()),
                severity: Set(*Severity::ALL.choose(&mut rng).expect("severities")),
                incident_type: Set(*IncidentType::ALL.choose(&mut rng).expect("types")),
                occurred_at: Set(occurred_at),
                site_id: Set(sites.choose(&mut rng).copied()),
                location: Set("Pipe deck".into()),
                reported_by: Set(*people.choose(&mut rng).expect("people")),
                assigned_to: Set(people.choose(&mut rng).copied()),
                status: Set(*[IncidentStatus::Submitted, IncidentStatus::UnderInvestigation, IncidentStatus::Closed]
                    .choose(&mut rng)
                    .expect("states")),
                revision: Set(1),
                ..Default::default()
            });
            if rng.random_bool(0.33) {
                hurt.push(person::ActiveModel {
                    id: Set(Uuid::now_v7()),
                    incident_id: Set(id),
                    position: Set(0),
                    full_name: Set("Bench Person".into()),
                    employer: Set(if rng.random_bool(0.6) { Employer::Employee } else { Employer::Contractor }),
                    user_id: Set(None),
                    injury_class: Set(Some(*InjuryClass::ALL[..4].choose(&mut rng).expect("classes"))),
                    days_lost: Set(rng.random_range(0..5)),
                });
            }
        }
        incident::Entity::insert_many(incidents).exec_without_returning(&state.db).await?;
        if !hurt.is_empty() {
            person::Entity::insert_many(hurt).exec_without_returning(&state.db).await?;
        }
    }
    // Written straight to the tables: the indicators' cache is told, as the services would.
    opsflux::modules::hse::kpis::cache::changed(state, company_id).await;
    println!("seeded {count} incidents");
    Ok(())
}

async fn ceiling(state: &AppState, caller: Caller, duration: Duration, concurrency: usize) -> anyhow::Result<()> {
    let db = state.db.clone();
    let measured = load::measure(concurrency, duration, move || {
        let (db, caller) = (db.clone(), caller.clone());
        async move {
            let page = PageQuery { limit: Some(50), cursor: None };
            let rows = list::list(&db, &caller, &IncidentFilter::default(), &page).await?;
            anyhow::ensure!(rows.items.len() == 50, "a full page");
            Ok(())
        }
    })
    .await?;
    println!("{measured}");
    Ok(())
}
