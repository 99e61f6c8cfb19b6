//! Delivery throughput, used by `make bench`. In one process (one worker, as
//! `opsflux worker` runs it), against a local webhook receiver and the test SMTP sink:
//!   webhooks  N outbox events → N signed deliveries; deliveries/s until all are 2xx
//!   lag       outbox commit → first try of its delivery, p50 and p99 (ms), under a
//!             steady 200 events/s for 5 s
//!   emails    M queued emails → accepted by the SMTP server; emails/s
//! and prints tab-separated lines: LABEL  VALUE  COUNT.
//!
//! Run: `delivery_load sqlite|pgredis [N] [M]` (defaults 2000 and 500), with
//! OPSFLUX_TEST_PYTHON (scripts/tools.sh python) for the SMTP sink. The pg+redis mode
//! uses a fresh database `opsflux_bench_delivery` (dropped after) and Redis keys
//! under a unique prefix.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use actix_web::{App, HttpResponse, HttpServer, web};
use anyhow::Context;
use opsflux::app::AppState;
use opsflux::caller::Caller;
use opsflux::config::Settings;
use opsflux::platform::audit::service::Actor;
use opsflux::platform::companies::service::{self as companies, NewCompany};
use opsflux::platform::delivery::model as attempts;
use opsflux::platform::email::model::Entity as Emails;
use opsflux::platform::email::service::{self as email, NewEmail};
use opsflux::platform::i18n::Locale;
use opsflux::platform::outbox::model as outbox;
use opsflux::platform::outbox::service::emit;
use opsflux::platform::rbac::scope::EffectivePermissions;
use opsflux::platform::webhooks::model::delivery;
use opsflux::platform::webhooks::service::{self as webhooks, EndpointInput};
use sea_orm::{ColumnTrait, ConnectionTrait, Database, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::json;

const PG: &str = "postgres://postgres@127.0.0.1:5432";
const BENCH_DB: &str = "opsflux_bench_delivery";
/// The steady load under which the relay lag is measured.
const LAG_RATE: usize = 200;
const LAG_SECONDS: usize = 5;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let mode = args.next().unwrap_or_else(|| "sqlite".into());
    let hooks: usize = args.next().map_or(Ok(2000), |n| n.parse())?;
    let mails: usize = args.next().map_or(Ok(500), |n| n.parse())?;
    let dir = tempfile::tempdir()?;

    // The receiver: answers 200 and counts.
    let received = Arc::new(AtomicUsize::new(0));
    let counter = received.clone();
    let server = HttpServer::new(move || {
        let counter = counter.clone();
        App::new().default_service(web::to(move || {
            counter.fetch_add(1, Ordering::Relaxed);
            async { HttpResponse::Ok().finish() }
        }))
    })
    .workers(1)
    .bind(("127.0.0.1", 0))?;
    let receiver_port = server.addrs()[0].port();
    tokio::spawn(server.run());

    let smtp_port = std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
    let python = std::env::var("OPSFLUX_TEST_PYTHON")
        .unwrap_or_else(|_| format!("{}/.cache/opsflux-py/bin/python", std::env::var("HOME").unwrap_or_default()));
    let mut sink = std::process::Command::new(&python)
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/../scripts/smtp_sink.py"))
        .args(["--port", &smtp_port.to_string(), "--dir"])
        .arg(dir.path().join("mails"))
        .stdout(std::process::Stdio::null())
        .spawn()
        .context("the SMTP sink (scripts/tools.sh python)")?;
    let result = run(&mode, hooks, mails, dir.path(), receiver_port, smtp_port, &received).await;
    let _ = sink.kill();
    let _ = sink.wait();
    if mode == "pgredis" {
        let admin = Database::connect(format!("{PG}/postgres")).await?;
        admin.execute_unprepared(&format!("DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")).await?;
    }
    result
}

async fn run(
    mode: &str,
    hooks: usize,
    mails: usize,
    dir: &std::path::Path,
    receiver_port: u16,
    smtp_port: u16,
    received: &AtomicUsize,
) -> anyhow::Result<()> {
    let mut settings = Settings {
        data_dir: dir.to_owned(),
        database_url: format!("sqlite://{}/bench.db?mode=rwc", dir.display()),
        secret_key: opsflux::infra::crypto::random_token(32).into(),
        ..Settings::default()
    };
    settings.email.smtp_url = Some(format!("smtp://127.0.0.1:{smtp_port}").into());
    settings.webhooks.allowed_hosts = vec![format!("127.0.0.1:{receiver_port}")];
    if mode == "pgredis" {
        let admin = Database::connect(format!("{PG}/postgres")).await?;
        admin.execute_unprepared(&format!("DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")).await?;
        admin.execute_unprepared(&format!("CREATE DATABASE {BENCH_DB}")).await?;
        settings.database_url = format!("{PG}/{BENCH_DB}");
        settings.redis_url = Some("redis://127.0.0.1:6379".into());
        settings.redis_prefix = format!("bench-delivery:{}:", uuid::Uuid::now_v7());
    }
    for _ in 0..100 {
        if tokio::net::TcpStream::connect(("127.0.0.1", smtp_port)).await.is_ok() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let state = AppState::connect(settings).await?;
    let company = companies::create(
        &state,
        &Actor::default(),
        NewCompany { name: "Bench".into(), slug: None, locale: Locale::En, time_zone: "UTC".into(), is_active: true },
    )
    .await?;
    let root = EffectivePermissions { superuser: true, ..Default::default() };
    let caller = Caller::operator(uuid::Uuid::nil(), company.id, root);
    let input = EndpointInput {
        url: format!("http://127.0.0.1:{receiver_port}/hook"),
        description: None,
        event_types: vec![],
        headers: Default::default(),
        enabled: true,
    };
    webhooks::create(&state, &caller, None, input).await.map_err(|e| anyhow::anyhow!("{e}"))?;
    tokio::spawn(opsflux::worker::run(state.clone(), std::future::pending()));

    // Throughput: a burst of events committed at once, then delivered by the worker.
    let started = Instant::now();
    for chunk in 0..hooks.div_ceil(100) {
        let txn = opsflux::infra::db::begin_write(&state.db).await?;
        for i in chunk * 100..((chunk + 1) * 100).min(hooks) {
            emit(&txn, Some(company.id), "bench.ping", json!({ "n": i }), &Actor::default()).await?;
        }
        txn.commit().await?;
    }
    wait_until(180, || async { Ok(delivered(&state).await? >= hooks) }).await?;
    let rate = hooks as f64 / started.elapsed().as_secs_f64();
    println!("webhooks\t{rate:.0}\t{hooks}");
    anyhow::ensure!(received.load(Ordering::Relaxed) == hooks, "the receiver got duplicates");

    // Lag under a steady load (LAG_RATE events/s, one commit each): commit → first try.
    let lag_events = LAG_RATE * LAG_SECONDS;
    let mut beat = tokio::time::interval(Duration::from_secs(1) / u32::try_from(LAG_RATE)?);
    for i in 0..lag_events {
        beat.tick().await;
        emit(&state.db, Some(company.id), "bench.lag", json!({ "n": i }), &Actor::default()).await?;
    }
    wait_until(60, || async { Ok(delivered(&state).await? >= hooks + lag_events) }).await?;
    let events: std::collections::HashMap<uuid::Uuid, chrono::DateTime<chrono::Utc>> = outbox::Entity::find()
        .filter(outbox::Column::EventType.eq("bench.lag"))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|e| (e.id, e.created_at))
        .collect();
    let deliveries: std::collections::HashMap<uuid::Uuid, uuid::Uuid> =
        delivery::Entity::find().all(&state.db).await?.into_iter().map(|d| (d.id, d.event_id)).collect();
    let mut lags: Vec<f64> = attempts::Entity::find()
        .filter(attempts::Column::Attempt.eq(1))
        .filter(attempts::Column::Channel.eq("webhook"))
        .all(&state.db)
        .await?
        .into_iter()
        .filter_map(|a| {
            let created = events.get(deliveries.get(&a.delivery_id)?)?;
            Some((a.started_at - *created).num_microseconds()? as f64 / 1000.0)
        })
        .collect();
    lags.sort_by(f64::total_cmp);
    let pick = |p: f64| lags.get(((lags.len() as f64 - 1.0) * p).round() as usize).copied().unwrap_or(0.0);
    println!("lag_p50_ms\t{:.1}\t{}", pick(0.5), lags.len());
    println!("lag_p99_ms\t{:.1}\t{}", pick(0.99), lags.len());

    // Emails: queued at once, each accepted by the SMTP server.
    let started = Instant::now();
    let txn = opsflux::infra::db::begin_write(&state.db).await?;
    for i in 0..mails {
        let message = NewEmail {
            company_id: Some(company.id),
            to: vec![format!("reader{i}@bench.example.com")],
            subject: format!("Bench {i}"),
            text: "Hello from the delivery bench.".into(),
            ..Default::default()
        };
        email::enqueue(&txn, &state, message).await.map_err(|e| anyhow::anyhow!("{e}"))?;
    }
    txn.commit().await?;
    wait_until(120, || async {
        let sent =
            Emails::find().filter(opsflux::platform::email::model::Column::Status.eq("sent")).count(&state.db).await?;
        Ok(sent as usize >= mails)
    })
    .await?;
    let rate = mails as f64 / started.elapsed().as_secs_f64();
    println!("emails\t{rate:.0}\t{mails}");
    Ok(())
}

async fn delivered(state: &AppState) -> anyhow::Result<usize> {
    let count = delivery::Entity::find().filter(delivery::Column::Status.eq("delivered")).count(&state.db).await?;
    Ok(usize::try_from(count)?)
}

async fn wait_until<F, Fut>(seconds: u64, mut done: F) -> anyhow::Result<()>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = anyhow::Result<bool>>,
{
    let deadline = Instant::now() + Duration::from_secs(seconds);
    while !done().await? {
        anyhow::ensure!(Instant::now() < deadline, "not done within {seconds} s");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    Ok(())
}
