//! Load generator for the sign-in paths, used by `make bench` (wrk cannot chain
//! single-use refresh tokens). Prints the argon2id cost, then drives `CONCURRENCY`
//! clients for `SECONDS` each against:
//!   login    POST /api/v1/auth/login, over and over
//!   refresh  POST /api/v1/auth/refresh, each client following its own token chain
//! and prints one line per target, tab-separated like scripts/bench.sh's results:
//!   ROUND  LABEL  req/s  p50_ms  p99_ms  errors
//!
//! Run: `auth_load BASE_URL EMAIL PASSWORD ROUND LABEL_PREFIX` with CONCURRENCY
//! (default 64) and SECONDS (default 10) in the environment.

use std::time::{Duration, Instant};

use opsflux::config::Settings;
use opsflux::platform::auth::password::PasswordHasher;
use serde_json::{Value, json};

struct Run {
    latencies: Vec<Duration>,
    errors: usize,
    elapsed: Duration,
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index].as_secs_f64() * 1000.0
}

fn report(round: &str, label: &str, mut run: Run) {
    run.latencies.sort_unstable();
    let rps = run.latencies.len() as f64 / run.elapsed.as_secs_f64();
    let (p50, p99) = (percentile(&run.latencies, 0.50), percentile(&run.latencies, 0.99));
    println!("{round}\t{label}\t{rps:.0}\t{p50:.2}\t{p99:.2}\t{}", run.errors);
}

async fn post(client: &reqwest::Client, url: &str, body: &Value) -> Option<Value> {
    let response = client.post(url).json(body).send().await.ok()?;
    if !response.status().is_success() {
        return None;
    }
    response.json().await.ok()
}

/// `clients` tasks, each running `step` in a loop until the deadline; `step` returns
/// the state for its next call, or `None` on an error.
async fn drive<S, F, Fut>(clients: Vec<S>, seconds: u64, step: F) -> Run
where
    S: Send + 'static,
    F: Fn(S) -> Fut + Send + Sync + Clone + 'static,
    Fut: Future<Output = (S, bool)> + Send,
{
    let started = Instant::now();
    let deadline = started + Duration::from_secs(seconds);
    let tasks: Vec<_> = clients
        .into_iter()
        .map(|mut state| {
            let step = step.clone();
            tokio::spawn(async move {
                let (mut latencies, mut errors) = (Vec::new(), 0);
                while Instant::now() < deadline {
                    let t = Instant::now();
                    let (next, ok) = step(state).await;
                    state = next;
                    if ok { latencies.push(t.elapsed()) } else { errors += 1 }
                }
                (latencies, errors)
            })
        })
        .collect();
    let mut run = Run { latencies: Vec::new(), errors: 0, elapsed: Duration::ZERO };
    for task in tasks {
        let (latencies, errors) = task.await.expect("client task");
        run.latencies.extend(latencies);
        run.errors += errors;
    }
    run.elapsed = started.elapsed();
    run
}

#[tokio::main]
async fn main() {
    // reqwest's TLS is the app's (ring), installed before any client is built.
    opsflux::infra::http::install_tls();
    let args: Vec<String> = std::env::args().collect();
    let [_, base, email, password, round, prefix] = &args[..] else {
        eprintln!("usage: auth_load BASE_URL EMAIL PASSWORD ROUND LABEL_PREFIX");
        std::process::exit(2);
    };
    let clients: usize = std::env::var("CONCURRENCY").ok().and_then(|v| v.parse().ok()).unwrap_or(64);
    let seconds: u64 = std::env::var("SECONDS").ok().and_then(|v| v.parse().ok()).unwrap_or(10);

    let settings = Settings::default();
    let hasher = PasswordHasher::new(settings.auth.argon2_memory_kib, settings.auth.argon2_iterations).expect("hasher");
    let t = Instant::now();
    for _ in 0..5 {
        hasher.hash("a sample password for timing").await.expect("hash");
    }
    eprintln!("password hashing: {} — {:.1} ms per hash", hasher.describe(), t.elapsed().as_secs_f64() * 1000.0 / 5.0);

    let http = reqwest::Client::builder().pool_max_idle_per_host(clients).build().expect("client");
    let login_url = format!("{base}/api/v1/auth/login");
    let refresh_url = format!("{base}/api/v1/auth/refresh");
    let credentials = json!({ "email": email, "password": password });

    let login = {
        let (http, url, body) = (http.clone(), login_url.clone(), credentials.clone());
        drive(vec![(); clients], seconds, move |()| {
            let (http, url, body) = (http.clone(), url.clone(), body.clone());
            async move { ((), post(&http, &url, &body).await.is_some_and(|v| v["access_token"].is_string())) }
        })
        .await
    };
    report(round, &format!("{prefix}-login"), login);

    let mut chains = Vec::with_capacity(clients);
    for _ in 0..clients {
        let tokens = post(&http, &login_url, &credentials).await.expect("sign-in for the refresh chains");
        chains.push(tokens["refresh_token"].as_str().expect("refresh token").to_owned());
    }
    let refresh = {
        let (http, url) = (http.clone(), refresh_url.clone());
        drive(chains, seconds, move |token: String| {
            let (http, url) = (http.clone(), url.clone());
            async move {
                match post(&http, &url, &json!({ "refresh_token": token })).await {
                    Some(next) => (next["refresh_token"].as_str().unwrap_or_default().to_owned(), true),
                    None => (token, false),
                }
            }
        })
        .await
    };
    report(round, &format!("{prefix}-refresh"), refresh);
}
