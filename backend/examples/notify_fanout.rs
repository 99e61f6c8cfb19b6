//! Notification fan-out, used by `make bench`: one notification to N people of a
//! company (default 10,000), S of whom (default 1,000) have the live stream open on the
//! API (SSE, as browsers hold it). Measures, from the call:
//!   rows      every inbox row written and committed
//!   streams   every open stream has received its `notification` event
//! and prints tab-separated lines: LABEL  MILLISECONDS  COUNT.
//!
//! Run: `notify_fanout sqlite|pgredis [N] [S]`. The pg+redis mode uses a fresh database
//! `opsflux_bench_fanout` (dropped after) and Redis keys under a unique prefix.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use chrono::Utc;
use opsflux::app::{AppState, Application};
use opsflux::config::Settings;
use opsflux::infra::db::begin_write;
use opsflux::platform::audit::service::Actor;
use opsflux::platform::companies::service::{self as companies, NewCompany};
use opsflux::platform::i18n::Locale;
use opsflux::platform::notifications::preferences::{Category, Channel};
use opsflux::platform::notifications::service::{self as notifications, NewNotification};
use opsflux::platform::notifications::stream;
use opsflux::platform::users::model as user;
use sea_orm::ActiveValue::Set;
use sea_orm::{ConnectionTrait, Database, EntityTrait};
use serde_json::json;
use uuid::Uuid;

const PG: &str = "postgres://postgres@127.0.0.1:5432";
const BENCH_DB: &str = "opsflux_bench_fanout";

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let mode = args.next().unwrap_or_else(|| "sqlite".into());
    let people: usize = args.next().map_or(Ok(10_000), |n| n.parse())?;
    let watching: usize = args.next().map_or(Ok(1_000), |n| n.parse())?;
    let dir = tempfile::tempdir()?;
    let mut settings = Settings {
        port: 0,
        metrics_addr: None,
        secret_key: opsflux::infra::crypto::random_token(32).into(),
        data_dir: dir.path().to_owned(),
        auto_migrate: Some(true),
        log_level: "warn".into(),
        ..Settings::default()
    };
    if mode == "pgredis" {
        let admin = Database::connect(format!("{PG}/postgres")).await?;
        admin.execute_unprepared(&format!("DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")).await?;
        admin.execute_unprepared(&format!("CREATE DATABASE {BENCH_DB}")).await?;
        settings.database_url = format!("{PG}/{BENCH_DB}");
        settings.redis_url = Some("redis://127.0.0.1:6379".into());
        settings.redis_prefix = format!("bench-fanout:{}:", Uuid::now_v7().simple());
    } else {
        settings.database_url = format!("sqlite://{}/opsflux.db?mode=rwc", dir.path().display());
    }
    let result = run(settings, people, watching).await;
    if mode == "pgredis" {
        let admin = Database::connect(format!("{PG}/postgres")).await?;
        admin.execute_unprepared(&format!("DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")).await?;
    }
    result
}

async fn run(settings: Settings, people: usize, watching: usize) -> anyhow::Result<()> {
    opsflux::infra::http::install_tls();
    let state = AppState::connect(settings).await?;
    let app = Application::build(state.clone())?;
    let base = format!("http://127.0.0.1:{}", app.port());
    tokio::spawn(app.run_until_stopped());

    let company = companies::create(
        &state,
        &Actor::default(),
        NewCompany { name: "Fan-out".into(), slug: None, locale: Locale::En, time_zone: "UTC".into(), is_active: true },
    )
    .await?;
    let now = Utc::now();
    let rows: Vec<user::ActiveModel> = (0..people)
        .map(|n| user::ActiveModel {
            id: Set(Uuid::now_v7()),
            created_at: Set(now),
            updated_at: Set(now),
            company_id: Set(company.id),
            email: Set(format!("crew{n}@fanout.example.com")),
            full_name: Set(format!("Crew {n}")),
            locale: Set("en".into()),
            time_zone: Set("UTC".into()),
            is_active: Set(true),
            is_superuser: Set(false),
            sms_mfa_enabled: Set(false),
            ..Default::default()
        })
        .collect();
    for batch in rows.chunks(500) {
        user::Entity::insert_many(batch.to_vec()).exec_without_returning(&state.db).await?;
    }
    let users: Vec<user::Model> = user::Entity::find().all(&state.db).await?;
    let users: Vec<user::Model> = users.into_iter().filter(|u| u.company_id == company.id).collect();

    // The watchers: each stream counts once when its notification arrives.
    let client = reqwest::Client::new();
    let connected = Arc::new(AtomicUsize::new(0));
    let arrived = Arc::new(AtomicUsize::new(0));
    for person in users.iter().take(watching) {
        let ticket = stream::issue_ticket(&state, person.id).await?.ticket;
        let response = client.get(format!("{base}/api/v1/notifications/stream?ticket={ticket}")).send().await?;
        let (connected, arrived) = (connected.clone(), arrived.clone());
        tokio::spawn(async move {
            let mut response = response;
            let mut seen = String::new();
            let mut counted = false;
            while let Ok(Some(chunk)) = response.chunk().await {
                seen.push_str(&String::from_utf8_lossy(&chunk));
                if !counted && seen.contains("event: unread") {
                    counted = true;
                    connected.fetch_add(1, Ordering::Relaxed);
                }
                if seen.contains("event: notification") {
                    arrived.fetch_add(1, Ordering::Relaxed);
                    return;
                }
            }
        });
    }
    wait_for(&connected, watching, Duration::from_secs(60)).await?;

    let new = NewNotification {
        title: "Muster drill at 14:00".into(),
        message: "Everyone to the muster station.".into(),
        category: Category::Hse,
        priority: 2,
        channels: Some(vec![Channel::InApp]),
        link: None,
        data: json!({}),
        event_id: None,
        sent_by: None,
    };
    let started = Instant::now();
    let txn = begin_write(&state.db).await?;
    let written = notifications::send(&txn, &state, company.id, &users, &new).await?;
    txn.commit().await?;
    let rows_ms = started.elapsed().as_millis();
    let count = written.notifications.len();
    written.announce(&state).await;
    wait_for(&arrived, watching, Duration::from_secs(60)).await?;
    let streams_ms = started.elapsed().as_millis();
    println!("rows\t{rows_ms}\t{count}");
    println!("streams\t{streams_ms}\t{watching}");
    Ok(())
}

async fn wait_for(counter: &AtomicUsize, target: usize, limit: Duration) -> anyhow::Result<()> {
    let deadline = Instant::now() + limit;
    while counter.load(Ordering::Relaxed) < target {
        anyhow::ensure!(
            Instant::now() < deadline,
            "only {} of {target} after {limit:?}",
            counter.load(Ordering::Relaxed)
        );
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    Ok(())
}
