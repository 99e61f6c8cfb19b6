use std::time::Instant;

use sea_orm::DatabaseConnection;
use serde::Serialize;
use utoipa::ToSchema;

use crate::infra::cache::Cache;

#[derive(Debug, Serialize, ToSchema)]
pub struct Check {
    /// `ok` or `failing`.
    pub status: &'static str,
    /// Which implementation answered: `postgres`, `sqlite`, `redis`, `memory`.
    pub backend: &'static str,
    pub latency_ms: f64,
    /// Why it failed (never a secret or connection string).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Readiness {
    /// `ok` when every check passes, else `unavailable`.
    pub status: &'static str,
    pub database: Check,
    pub cache: Check,
}

impl Readiness {
    pub fn is_ready(&self) -> bool {
        self.database.error.is_none() && self.cache.error.is_none()
    }
}

pub async fn readiness(db: &DatabaseConnection, cache: &dyn Cache) -> Readiness {
    let db_backend = match db.get_database_backend() {
        sea_orm::DbBackend::Sqlite => "sqlite",
        _ => "postgres",
    };
    let (database, cache) = tokio::join!(
        timed(db_backend, async { db.ping().await.map_err(|_| "database did not answer") }),
        timed(cache.backend(), async { cache.ping().await.map_err(|_| "cache did not answer") }),
    );
    let status = if database.error.is_none() && cache.error.is_none() { "ok" } else { "unavailable" };
    Readiness { status, database, cache }
}

async fn timed(backend: &'static str, probe: impl Future<Output = Result<(), &'static str>>) -> Check {
    let started = Instant::now();
    let outcome =
        tokio::time::timeout(std::time::Duration::from_secs(2), probe).await.unwrap_or(Err("timed out after 2 s"));
    let latency_ms = (started.elapsed().as_secs_f64() * 1000.0 * 100.0).round() / 100.0;
    match outcome {
        Ok(()) => Check { status: "ok", backend, latency_ms, error: None },
        Err(why) => Check { status: "failing", backend, latency_ms, error: Some(why.to_owned()) },
    }
}
