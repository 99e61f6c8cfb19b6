//! Uploads end to end, used by `make bench`: a 5 MB JPEG photo through
//! `POST /api/v1/files` (streamed, scanned by clamd, re-encoded, stored) and its
//! thumbnail job, against copying the same bytes to the same store (the ceiling).
//! Prints tab-separated lines: LABEL  VALUE  UNIT.
//!   upload_p50 / upload_p99       ms per upload, 8 at a time
//!   thumbnail                     ms per thumbnail job
//!   upload_throughput             MB/s of photos uploaded, 8 at a time
//!   store_copy_throughput         MB/s of the same bytes put in the same store, 8 at a time
//!   peak_rss_growth               MB the process grew by during the concurrent uploads
//!   rss_budget                    MB the target allows (8 × 2 × the photo's size)
//!
//! Run: `upload_bench local|s3 CLAMD_URL [S3_STORAGE_URL] [ROUNDS]`. The process is
//! both server and client; the client sends one shared copy of the photo. `local` runs
//! on SQLite and a directory, `s3` on PostgreSQL (database `opsflux_bench_upload`,
//! dropped after) and the S3 store given.

use std::time::{Duration, Instant};

use bytes::Bytes;
use image::{DynamicImage, Rgb, RgbImage};
use opsflux::app::{AppState, Application};
use opsflux::config::Settings;
use opsflux::platform::audit::service::Actor;
use opsflux::platform::companies::service::{self as companies, NewCompany};
use opsflux::platform::i18n::Locale;
use opsflux::platform::users::service::{self as users, NewUser};
use sea_orm::{ConnectionTrait, Database};
use serde_json::{Value, json};

const PG: &str = "postgres://postgres@127.0.0.1:5432";
const BENCH_DB: &str = "opsflux_bench_upload";
const CONCURRENT: usize = 8;
const PASSWORD: &str = "Offshore-Rig-Safety-2026";

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mode = args.first().cloned().unwrap_or_else(|| "local".into());
    let clamd = args
        .get(1)
        .cloned()
        .ok_or_else(|| anyhow::anyhow!("usage: upload_bench local|s3 CLAMD_URL [S3_URL] [ROUNDS]"))?;
    let s3 = (mode == "s3").then(|| args.get(2).cloned()).flatten();
    let rounds: usize = args.get(if mode == "s3" { 3 } else { 2 }).map_or(Ok(3), |n| n.parse())?;
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
    settings.antivirus.clamd_url = Some(clamd);
    settings.files.uploads_per_minute = 10_000;
    if let Some(url) = s3 {
        let admin = Database::connect(format!("{PG}/postgres")).await?;
        admin.execute_unprepared(&format!("DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")).await?;
        admin.execute_unprepared(&format!("CREATE DATABASE {BENCH_DB}")).await?;
        settings.database_url = format!("{PG}/{BENCH_DB}");
        settings.files.storage_url = Some(url.into());
    } else {
        settings.database_url = format!("sqlite://{}/opsflux.db?mode=rwc", dir.path().display());
    }
    let result = run(settings, rounds).await;
    if mode == "s3" {
        let admin = Database::connect(format!("{PG}/postgres")).await?;
        admin.execute_unprepared(&format!("DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")).await?;
    }
    result
}

async fn run(settings: Settings, rounds: usize) -> anyhow::Result<()> {
    opsflux::infra::http::install_tls();
    let state = AppState::connect(settings).await?;
    let app = Application::build(state.clone())?;
    let base = format!("http://127.0.0.1:{}", app.port());
    tokio::spawn(app.run_until_stopped());
    let token = sign_in(&state, &base).await?;
    let photo = Bytes::from(photo_of_about(5 * 1024 * 1024));
    let megabytes = photo.len() as f64 / 1e6;
    let client = reqwest::Client::new();

    upload(&client, &base, &token, photo.clone()).await?; // warm-up
    opsflux::platform::delivery::relay::drain(&state).await?;
    reset_peak_rss();
    let before = peak_rss_mb();
    let mut latencies = Vec::new();
    let started = Instant::now();
    for _ in 0..rounds {
        let batch = (0..CONCURRENT).map(|_| {
            let (client, base, token, photo) = (client.clone(), base.clone(), token.clone(), photo.clone());
            tokio::spawn(async move {
                let clock = Instant::now();
                upload(&client, &base, &token, photo).await.map(|()| clock.elapsed())
            })
        });
        for done in futures_util::future::join_all(batch).await {
            latencies.push(done??);
        }
    }
    let wall = started.elapsed();
    let grown = peak_rss_mb() - before;

    let clock = Instant::now();
    let thumbnails = opsflux::platform::delivery::relay::drain(&state).await?;
    let per_thumbnail = clock.elapsed() / u32::try_from(thumbnails.max(1))?;

    let copies = rounds * CONCURRENT;
    let clock = Instant::now();
    let puts = (0..copies).map(|n| {
        let (storage, photo) = (state.storage.clone(), photo.clone());
        async move {
            let mut writer = storage.writer(&format!("bench/{n}"));
            writer.write(&photo).await?;
            writer.finish().await
        }
    });
    for put in futures_util::future::join_all(puts).await {
        put?;
    }
    let copy_wall = clock.elapsed();

    latencies.sort();
    let at = |q: f64| latencies[((latencies.len() as f64 - 1.0) * q).round() as usize];
    let dimensions = image::load_from_memory(&photo).map(|i| format!("{}x{}", i.width(), i.height()))?;
    println!("photo\t{megabytes:.1}\tMB {dimensions}");
    println!("upload_p50\t{}\tms", at(0.5).as_millis());
    println!("upload_p99\t{}\tms", at(0.99).as_millis());
    println!("thumbnail\t{}\tms", per_thumbnail.as_millis());
    println!("upload_throughput\t{:.1}\tMB/s", rate(copies, megabytes, wall));
    println!("store_copy_throughput\t{:.1}\tMB/s", rate(copies, megabytes, copy_wall));
    println!("peak_rss_growth\t{grown:.0}\tMB");
    println!("rss_budget\t{:.0}\tMB", CONCURRENT as f64 * 2.0 * megabytes);
    Ok(())
}

fn rate(count: usize, megabytes: f64, wall: Duration) -> f64 {
    count as f64 * megabytes / wall.as_secs_f64()
}

async fn sign_in(state: &AppState, base: &str) -> anyhow::Result<String> {
    let company = companies::create(
        state,
        &Actor::default(),
        NewCompany { name: "Uploads".into(), slug: None, locale: Locale::En, time_zone: "UTC".into(), is_active: true },
    )
    .await?;
    let new = NewUser {
        company_id: company.id,
        email: "bench@uploads.example.com".into(),
        full_name: "Bench".into(),
        password: PASSWORD.into(),
        locale: Locale::En,
        time_zone: "UTC".into(),
        is_superuser: false,
    };
    users::create(&state.db, &state.auth.hasher, None, new).await?;
    let body = json!({ "email": "bench@uploads.example.com", "password": PASSWORD });
    let reply: Value =
        reqwest::Client::new().post(format!("{base}/api/v1/auth/login")).json(&body).send().await?.json().await?;
    reply["access_token"].as_str().map(str::to_owned).ok_or_else(|| anyhow::anyhow!("no token: {reply}"))
}

async fn upload(client: &reqwest::Client, base: &str, token: &str, photo: Bytes) -> anyhow::Result<()> {
    let part = reqwest::multipart::Part::stream(photo).file_name("photo.jpg");
    let form = reqwest::multipart::Form::new().part("file", part);
    let response =
        client.post(format!("{base}/api/v1/files?purpose=photo")).bearer_auth(token).multipart(form).send().await?;
    anyhow::ensure!(response.status() == 201, "upload: {} {}", response.status(), response.text().await?);
    Ok(())
}

/// A noisy photo (as a phone's are) whose JPEG weighs about `target` bytes.
fn photo_of_about(target: usize) -> Vec<u8> {
    let (mut width, mut bytes) = (3000u32, Vec::new());
    for _ in 0..4 {
        bytes = noisy_jpeg(width, width * 3 / 4);
        let scale = (target as f64 / bytes.len() as f64).sqrt();
        if (0.95..1.05).contains(&scale) {
            break;
        }
        width = (f64::from(width) * scale) as u32;
    }
    bytes
}

fn noisy_jpeg(width: u32, height: u32) -> Vec<u8> {
    let mut seed = 0x9e37_79b9_u32;
    let pixels = RgbImage::from_fn(width, height, |x, y| {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        let n = (seed % 48) as u8;
        Rgb([((x / 7) % 200) as u8 + n, ((y / 5) % 200) as u8 + n / 2, 120 + n])
    });
    let mut jpeg = Vec::new();
    DynamicImage::ImageRgb8(pixels)
        .write_with_encoder(image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 90))
        .expect("encode");
    jpeg
}

fn reset_peak_rss() {
    // Linux: writing 5 to clear_refs starts the peak (VmHWM) afresh.
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

fn peak_rss_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kb = status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<f64>().ok())
        .unwrap_or_default();
    kb / 1024.0
}
