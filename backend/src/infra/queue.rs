//! The job queue: apalis on Redis (production, shared by every worker process) or on a
//! SQLite file (embedded mode, workers in the API process).
//!
//! A job only names the database row to work on (`kind` + `id`); the row holds the
//! state (status, attempts, next attempt), so a job lost with Redis, or run twice, costs
//! nothing: the relay pushes due rows again, and a row is claimed before it is worked on.

use std::str::FromStr;
use std::task::{Context, Poll};
use std::time::Duration;

use anyhow::Context as _;
use apalis::prelude::{PollSnapshot, PollStrategy, TaskBuilder, TaskSink};
use apalis_redis::RedisStorage;
use apalis_sqlite::{SqliteConnectOptions, SqlitePool, SqliteStorage};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::config::Settings;

/// A row to work on: `kind` names what runs it (`crate::module::Dispatch::kind`, say
/// `email`), so the queue knows no channel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Job {
    pub kind: String,
    pub id: Uuid,
}

/// A push that cannot reach the queue gives up after this; the relay tries again later.
const PUSH_TIMEOUT: Duration = Duration::from_secs(2);

#[derive(Clone)]
pub enum Queue {
    Redis(RedisStorage<Job>),
    Sqlite(SqliteStorage<Job>),
}

impl Queue {
    pub async fn connect(settings: &Settings) -> anyhow::Result<Self> {
        let name = format!("{}jobs", settings.redis_prefix);
        match &settings.redis_url {
            Some(url) => {
                let conn = apalis_redis::connect(url.as_str()).await.context("connecting the job queue to Redis")?;
                let config = apalis_redis::Config::default()
                    .queue(&name)
                    .batch_size(fetch_batch(settings))
                    .heartbeat_interval(heartbeat(settings))
                    .missed_heartbeats(MISSED_HEARTBEATS);
                Ok(Self::Redis(RedisStorage::new(conn).with_config(config)))
            }
            None => {
                std::fs::create_dir_all(&settings.data_dir)
                    .with_context(|| format!("creating {}", settings.data_dir.display()))?;
                // Its own file: apalis tunes the connection (WAL, synchronous=OFF) for a
                // queue, which the business database must not get.
                let path = settings.data_dir.join("jobs.db");
                let options =
                    SqliteConnectOptions::from_str(&format!("sqlite://{}", path.display()))?.create_if_missing(true);
                let pool = SqlitePool::connect_with(options).await.context("opening the job queue")?;
                SqliteStorage::setup(&pool).await.context("preparing the job queue")?;
                let config = apalis_sqlite::Config::default()
                    .queue(&name)
                    .batch_size(fetch_batch(settings))
                    .heartbeat_interval(heartbeat(settings))
                    .missed_heartbeats(MISSED_HEARTBEATS);
                Ok(Self::Sqlite(SqliteStorage::new(&pool).with_config(config)))
            }
        }
    }

    pub fn backend(&self) -> &'static str {
        match self {
            Self::Redis(_) => "redis",
            Self::Sqlite(_) => "sqlite",
        }
    }

    /// Queues jobs to run now, and says how each push went, by row id: at once on Redis,
    /// one after the other on SQLite (one writer: concurrent inserts would only wait on
    /// its lock).
    pub async fn push_all(&self, jobs: Vec<Job>) -> Vec<(Uuid, anyhow::Result<()>)> {
        match self {
            Self::Redis(_) => {
                let mut pushes = tokio::task::JoinSet::new();
                for job in jobs {
                    let queue = self.clone();
                    pushes.spawn(async move { (job.id, queue.push(job, Duration::ZERO).await) });
                }
                let mut done = Vec::with_capacity(pushes.len());
                while let Some(joined) = pushes.join_next().await {
                    match joined {
                        Ok(pushed) => done.push(pushed),
                        // A push task cannot panic short of a bug in apalis; its row is pushed
                        // again after `requeue_after_secs`.
                        Err(err) => tracing::error!(error = %err, "a job push task failed"),
                    }
                }
                done
            }
            Self::Sqlite(_) => {
                let mut done = Vec::with_capacity(jobs.len());
                for job in jobs {
                    let id = job.id;
                    done.push((id, self.push(job, Duration::ZERO).await));
                }
                done
            }
        }
    }

    /// Whether the queue may have lost jobs since the last call: a Redis that restarted
    /// empty, or was flushed, no longer has the marker the first call left. The first
    /// call on a new Redis says so too. A SQLite queue keeps its jobs in its file.
    pub async fn lost_jobs(&self, settings: &Settings) -> anyhow::Result<bool> {
        let Self::Redis(storage) = self else {
            return Ok(false);
        };
        let mut storage = storage.clone();
        let marker = format!("{}jobs-marker", settings.redis_prefix);
        let mut set = deadpool_redis::redis::cmd("SET");
        set.arg(&marker).arg(1).arg("NX");
        let placed = set.query_async::<Option<String>>(storage.get_connection());
        let placed =
            tokio::time::timeout(PUSH_TIMEOUT, placed).await.context("the job queue did not answer in time")?;
        Ok(placed.context("job queue")?.is_some())
    }

    /// Queues a job to run after `delay`.
    pub async fn push(&self, job: Job, delay: Duration) -> anyhow::Result<()> {
        let pushed = async {
            match self {
                Self::Redis(storage) => {
                    storage.clone().push_task(TaskBuilder::new(job).run_after(delay).build()).await.map_err(anyhow_of)
                }
                Self::Sqlite(storage) => {
                    storage.clone().push_task(TaskBuilder::new(job).run_after(delay).build()).await.map_err(anyhow_of)
                }
            }
        };
        tokio::time::timeout(PUSH_TIMEOUT, pushed).await.context("the job queue did not answer in time")?
    }
}

/// A worker that misses this many heartbeats is dead: the others queue the jobs it had
/// fetched again.
const MISSED_HEARTBEATS: usize = 3;

/// A worker's heartbeat: a sixth of the delivery lease, between 1 and 10 s, so the jobs
/// a dead worker fetched come back within half a lease, before the rows it held do.
fn heartbeat(settings: &Settings) -> Duration {
    (settings.delivery.lease() / 6).clamp(Duration::from_secs(1), Duration::from_secs(10))
}

/// Jobs fetched per poll: enough to keep every slot of the worker busy. (apalis's
/// default, 10 per poll, caps a worker at 200 jobs/s with a 50 ms poll.)
fn fetch_batch(settings: &Settings) -> usize {
    settings.delivery.worker_concurrency.max(1) * 2
}

fn anyhow_of(err: impl std::fmt::Display) -> anyhow::Error {
    anyhow::anyhow!("job queue: {err}")
}

/// Polls the queue on a fixed beat. (apalis 1.0's interval strategy can lose its
/// wake-up and leave an idle worker asleep until the next heartbeat.)
pub struct Every(tokio::time::Interval);

impl Every {
    pub fn new(period: Duration) -> Self {
        let mut interval = tokio::time::interval(period);
        interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
        Self(interval)
    }
}

impl PollStrategy for Every {
    fn poll_drive(&mut self, cx: &mut Context<'_>, _: &PollSnapshot) -> Poll<Option<()>> {
        let mut fired = false;
        // Poll until pending, so a wake-up is always registered.
        while self.0.poll_tick(cx).is_ready() {
            fired = true;
        }
        if fired { Poll::Ready(Some(())) } else { Poll::Pending }
    }
}
