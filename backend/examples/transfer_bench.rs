//! Imports, exports and calendar expansion at volume, used by `scripts/bench_transfer.sh`
//! with the server's configuration (its `OPSFLUX_*` environment) on the database the
//! demo was seeded in. Each command prints one tab-separated line the script reads:
//!   import N     N users-like rows (address, name, language, a role) in a CSV uploaded
//!                and imported by the import task as the demo administrator: each row
//!                checked, invited (user, role, invitation link, email queued), audited
//!                and announced, in one transaction. `ROWS SECONDS ROWS_PER_S PEAK_GROWTH_MB`
//!   ceiling N    the same N users written with batched INSERTs of 1,000 rows (no
//!                checks, audit or events): the ceiling. `ROWS SECONDS ROWS_PER_S`
//!   export       every HSE incident of the demo company written to XLSX by the export
//!                task as the HSE manager. `ROWS SECONDS ROWS_PER_S PEAK_GROWTH_MB`
//!   expand N     N recurring events (daily, weekly on 2 days, monthly on the 2nd
//!                Tuesday) in Europe/Paris expanded over a year. `EVENTS OCCURRENCES MS`

use std::time::Instant;

use chrono::{Duration, TimeZone, Utc};
use opsflux::app::AppState;
use opsflux::caller::Caller;
use opsflux::config::Settings;
use opsflux::module::{TaskKind, TaskRun};
use opsflux::platform::calendar::recurrence::{Rule, Series, Timing};
use opsflux::platform::companies::service as companies;
use opsflux::platform::files::{kinds, service as files};
use opsflux::platform::hooks::tasks;
use opsflux::platform::import_export::{export::EXPORT, import::IMPORT, stored};
use opsflux::platform::users::{model as user, service as users};
use sea_orm::ActiveValue::Set;
use sea_orm::EntityTrait;
use serde_json::{Value, json};
use uuid::Uuid;

const ADMIN: &str = "admin@demo.opsflux.localhost";
const MANAGER: &str = "hse.manager@demo.opsflux.localhost";

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let command = args.next().unwrap_or_default();
    let count: usize = args.next().map_or(Ok(100_000), |n| n.parse())?;
    let state = AppState::connect(Settings::load()?).await?;
    match command.as_str() {
        "import" => import(&state, count).await,
        "ceiling" => ceiling(&state, count).await,
        "export" => export(&state).await,
        "expand" => expand(count),
        other => anyhow::bail!("unknown command {other:?}: import N | ceiling N | export | expand N"),
    }
}

async fn as_demo(state: &AppState, email: &str) -> anyhow::Result<Caller> {
    let company =
        companies::find_by_slug(&state.db, "demo").await?.ok_or_else(|| anyhow::anyhow!("seed the demo first"))?;
    let person = users::find_by_email(&state.db, email).await?.ok_or_else(|| anyhow::anyhow!("no {email}"))?;
    Ok(Caller::acting_as(state, person.id, company.id).await?)
}

/// The process's peak resident memory so far, in MB (`VmHWM`).
fn peak_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kb = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .unwrap_or_default();
    kb / 1024.0
}

/// Runs `kind` with `params` as `caller`, as a worker would; its result.
async fn run(state: &AppState, caller: &Caller, kind: &'static TaskKind, params: Value) -> anyhow::Result<Value> {
    let id = tasks::request(state, caller, kind, &params).await?;
    let task = TaskRun { id, params, context: Value::Null };
    Ok((kind.run)(state, caller, &task).await?)
}

fn rows_csv(count: usize, domain: &str) -> String {
    let mut csv = String::from("email;full_name;locale;roles\n");
    for n in 0..count {
        let locale = if n % 3 == 0 { "en" } else { "fr" };
        csv.push_str(&format!("crew{n:06}@{domain};Crew Member {n};{locale};field_worker\n"));
    }
    csv
}

async fn import(state: &AppState, count: usize) -> anyhow::Result<()> {
    let admin = as_demo(state, ADMIN).await?;
    let csv = rows_csv(count, "import.bench.example.com");
    let body = Box::pin(futures_util::stream::iter([Ok::<_, std::convert::Infallible>(bytes::Bytes::from(csv))]));
    let file = files::upload(state, &admin, kinds::purpose(stored::PURPOSE)?, "crew.csv", body).await?;
    let before = peak_mb();
    let started = Instant::now();
    let params = json!({ "file_id": file.id, "resource": "users", "mode": "create" });
    let result = run(state, &admin, &IMPORT, params).await?;
    let seconds = started.elapsed().as_secs_f64();
    let created = result["created"].as_u64().unwrap_or_default();
    anyhow::ensure!(created == count as u64, "every row imported: {result}");
    println!("{count}\t{seconds:.1}\t{:.0}\t{:.0}", count as f64 / seconds, peak_mb() - before);
    Ok(())
}

async fn ceiling(state: &AppState, count: usize) -> anyhow::Result<()> {
    let admin = as_demo(state, ADMIN).await?;
    let started = Instant::now();
    for start in (0..count).step_by(1000) {
        let now = Utc::now();
        let batch = (start..(start + 1000).min(count)).map(|n| user::ActiveModel {
            id: Set(Uuid::now_v7()),
            created_at: Set(now),
            updated_at: Set(now),
            company_id: Set(admin.company_id),
            email: Set(format!("crew{n:06}@ceiling.bench.example.com")),
            full_name: Set(format!("Crew Member {n}")),
            locale: Set("fr".into()),
            time_zone: Set("Europe/Paris".into()),
            is_active: Set(true),
            is_superuser: Set(false),
            sms_mfa_enabled: Set(false),
            ..Default::default()
        });
        user::Entity::insert_many(batch).exec_without_returning(&state.db).await?;
    }
    let seconds = started.elapsed().as_secs_f64();
    println!("{count}\t{seconds:.1}\t{:.0}", count as f64 / seconds);
    Ok(())
}

async fn export(state: &AppState) -> anyhow::Result<()> {
    let manager = as_demo(state, MANAGER).await?;
    let before = peak_mb();
    let started = Instant::now();
    let result = run(state, &manager, &EXPORT, json!({ "resource": "hse.incidents", "format": "xlsx" })).await?;
    let seconds = started.elapsed().as_secs_f64();
    let rows = result["rows"].as_u64().unwrap_or_default() as f64;
    println!("{rows}\t{seconds:.1}\t{:.0}\t{:.0}", rows / seconds, peak_mb() - before);
    Ok(())
}

fn expand(count: usize) -> anyhow::Result<()> {
    let zone = chrono_tz::Europe::Paris;
    let rules = ["FREQ=DAILY", "FREQ=WEEKLY;BYDAY=TU,TH", "FREQ=MONTHLY;BYDAY=2TU"];
    let start = zone.with_ymd_and_hms(2027, 1, 4, 9, 0, 0).single().expect("a time").with_timezone(&Utc);
    let events: Vec<(Timing, Rule)> = (0..count)
        .map(|n| {
            let starts_at = start + Duration::minutes(15 * (n as i64 % 40));
            let timing = Timing { zone, starts_at, ends_at: starts_at + Duration::minutes(30) };
            let rule = Rule::parse(rules[n % rules.len()], &timing).map_err(anyhow::Error::msg)?;
            Ok((timing, rule))
        })
        .collect::<anyhow::Result<_>>()?;
    let (from, to) = (start, start + Duration::days(365));
    let started = Instant::now();
    let occurrences: usize = events
        .iter()
        .map(|(timing, rule)| Series { timing: *timing, rule: Some(rule), exdates: &[] }.starts_between(from, to).len())
        .sum();
    println!("{count}\t{occurrences}\t{:.0}", started.elapsed().as_secs_f64() * 1000.0);
    Ok(())
}
