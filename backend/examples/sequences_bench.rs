//! Sequence numbers under concurrency, used by `make bench`: C tasks (default 32), each
//! looping over write transactions for S seconds (default 5), against a pool of C
//! connections. Three loops, side by side:
//!   select1    `SELECT 1` and commit: the round trips alone
//!   insert     one row into a scratch table and commit: the ceiling, a write
//!              transaction whose writers never wait for each other
//!   sequence   `sequences::service::next` and commit: every task takes a number of
//!              the same sequence, so they queue on its counter row
//! and prints tab-separated lines: LABEL  PER_SECOND  COUNT  P50_MS  P99_MS.
//! After `sequence` it checks that the counter stands at the number of commits (no
//! number lost or given twice).
//!
//! Run: `sequences_bench sqlite|postgres [SECONDS] [CONCURRENCY]`. The postgres mode uses
//! a fresh database `opsflux_bench_sequences` (dropped after).

#[path = "support/load.rs"]
mod load;

use std::time::Duration;

use chrono::Utc;
use opsflux::app::AppState;
use opsflux::config::Settings;
use opsflux::infra::db::begin_write;
use opsflux::module::{Period, SequenceKind};
use opsflux::platform::audit::service::Actor;
use opsflux::platform::companies::service::{self as companies, NewCompany};
use opsflux::platform::i18n::Locale;
use opsflux::platform::sequences::service;
use sea_orm::sea_query::{Alias, Query};
use sea_orm::{ConnectionTrait, Database, DatabaseConnection, DatabaseTransaction};
use uuid::Uuid;

const PG: &str = "postgres://postgres@127.0.0.1:5432";
const BENCH_DB: &str = "opsflux_bench_sequences";

static BENCH: SequenceKind = SequenceKind {
    code: "bench.record",
    prefix: "BEN",
    padding: 6,
    period: Period::Year,
    label_fr: "Banc d'essai",
    label_en: "Bench",
};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let mode = args.next().unwrap_or_else(|| "sqlite".into());
    let seconds: u64 = args.next().map_or(Ok(5), |n| n.parse())?;
    let concurrency: u32 = args.next().map_or(Ok(32), |n| n.parse())?;
    let dir = tempfile::tempdir()?;
    let mut settings = Settings {
        port: 0,
        metrics_addr: None,
        secret_key: opsflux::infra::crypto::random_token(32).into(),
        data_dir: dir.path().to_owned(),
        auto_migrate: Some(true),
        log_level: "warn".into(),
        // One connection per task: the loops measure the database, not the pool's queue.
        database_max_connections: concurrency,
        ..Settings::default()
    };
    match mode.as_str() {
        "postgres" => {
            let admin = Database::connect(format!("{PG}/postgres")).await?;
            admin.execute_unprepared(&format!("DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")).await?;
            admin.execute_unprepared(&format!("CREATE DATABASE {BENCH_DB}")).await?;
            settings.database_url = format!("{PG}/{BENCH_DB}");
        }
        "sqlite" => settings.database_url = format!("sqlite://{}/opsflux.db?mode=rwc", dir.path().display()),
        other => anyhow::bail!("unknown mode {other} (sqlite|postgres)"),
    }
    let result = run(settings, Duration::from_secs(seconds), concurrency).await;
    if mode == "postgres" {
        let admin = Database::connect(format!("{PG}/postgres")).await?;
        admin.execute_unprepared(&format!("DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")).await?;
    }
    result
}

async fn run(settings: Settings, duration: Duration, concurrency: u32) -> anyhow::Result<()> {
    let state = AppState::connect(settings).await?;
    let db = state.db.clone();
    let new =
        NewCompany { name: "Bench".into(), slug: None, locale: Locale::En, time_zone: "UTC".into(), is_active: true };
    let company_id = companies::create(&state, &Actor::default(), new).await?.id;
    db.execute_unprepared("CREATE TABLE bench_scratch (id VARCHAR(36) PRIMARY KEY)").await?;

    measure(Work::Select1, &db, duration, concurrency).await?;
    measure(Work::Insert, &db, duration, concurrency).await?;
    let committed = measure(Work::Sequence { company_id }, &db, duration, concurrency).await?;

    let sequence = service::ensure(&db, company_id, &BENCH).await?;
    let key = Period::Year.key(Utc::now(), sequence.time_zone);
    let last = service::last_used(&db, sequence.row.id, &key).await?;
    anyhow::ensure!(last == committed as i64, "the counter stands at {last} after {committed} commits");
    Ok(())
}

/// What each transaction does before it commits.
#[derive(Clone, Copy)]
enum Work {
    Select1,
    Insert,
    Sequence { company_id: Uuid },
}

impl Work {
    fn label(self) -> &'static str {
        match self {
            Self::Select1 => "select1",
            Self::Insert => "insert",
            Self::Sequence { .. } => "sequence",
        }
    }

    async fn run(self, txn: &DatabaseTransaction) -> anyhow::Result<()> {
        match self {
            Self::Select1 => {
                txn.execute_unprepared("SELECT 1").await?;
            }
            Self::Insert => {
                let row = Query::insert()
                    .into_table(Alias::new("bench_scratch"))
                    .columns([Alias::new("id")])
                    .values_panic([Uuid::now_v7().to_string().into()])
                    .to_owned();
                txn.execute(&row).await?;
            }
            Self::Sequence { company_id } => {
                service::next(txn, company_id, &BENCH, Utc::now()).await?;
            }
        }
        Ok(())
    }
}

/// Runs `work` in write transactions from `concurrency` tasks for `duration`; prints its
/// line and returns how many committed.
async fn measure(work: Work, db: &DatabaseConnection, duration: Duration, concurrency: u32) -> anyhow::Result<usize> {
    let db = db.clone();
    let measured = load::measure(concurrency as usize, duration, move || {
        let db = db.clone();
        async move {
            let txn = begin_write(&db).await?;
            work.run(&txn).await?;
            txn.commit().await?;
            Ok(())
        }
    })
    .await?;
    println!("{}\t{measured}", work.label());
    Ok(measured.count)
}
