//! Background workers: `opsflux worker` in production, in-process in the embedded mode.
//!
//! Job kinds (email, SMS, push, webhooks, outbox relay, scheduler) register here as
//! their issues land; until then the worker connects, reports, and waits for shutdown.

use crate::app::AppState;

/// The job kinds this build runs.
pub const JOB_KINDS: &[&str] = &[];

pub async fn run(state: AppState, shutdown: impl Future<Output = ()>) -> anyhow::Result<()> {
    let queue = if state.settings.redis_url.is_some() { "redis" } else { "sqlite (in process)" };
    tracing::info!(queue, job_kinds = ?JOB_KINDS, "worker started");
    shutdown.await;
    tracing::info!("worker stopped");
    Ok(())
}
