//! The relay: pushes a job for every delivery that is due and has none, so a
//! delivery written while the queue was unreachable (or whose job was lost) still
//! goes out. It runs in every worker process; a row is claimed before its job is
//! pushed, so two relays never push the same due row.

use std::time::Duration;

use super::service::channels;
use crate::app::AppState;
use crate::platform::outbox::service as outbox;

/// Fans out new outbox events, then pushes jobs for every channel's due deliveries;
/// when the queue has lost its jobs, pushes every queued delivery again first.
pub async fn relay_once(state: &AppState) -> anyhow::Result<()> {
    outbox::fan_out(state).await?;
    if state.queue().await?.lost_jobs(&state.settings).await? {
        let forgotten = forget_pushes(state).await?;
        if forgotten > 0 {
            tracing::warn!(deliveries = forgotten, "the job queue lost its jobs; pushing them again");
        }
    }
    for channel in channels(state) {
        channel.push_due(state).await?;
    }
    Ok(())
}

/// Forgets the jobs pushed for every channel's queued deliveries, so they are pushed
/// again at once; returns how many.
pub async fn forget_pushes(state: &AppState) -> anyhow::Result<u64> {
    let mut forgotten = 0;
    for channel in channels(state) {
        forgotten += channel.forget_pushes(state).await?;
    }
    Ok(forgotten)
}

/// Runs all pending work in the calling task, without a queue or a worker: fans out
/// new events, then tries every due delivery of every channel (claimed as a job would),
/// again until nothing is left; what a try writes (an alert email, a retry due at once)
/// runs in the next round. A delivery waiting for a later retry is not due. Returns the
/// number of tries. For tests and `opsflux jobs run-pending`.
pub async fn drain(state: &AppState) -> anyhow::Result<usize> {
    let mut tries = 0;
    loop {
        let mut progressed = outbox::fan_out(state).await? > 0;
        for channel in channels(state) {
            for id in channel.due(state).await? {
                channel.perform(state, id).await?;
                tries += 1;
                progressed = true;
            }
        }
        if !progressed {
            return Ok(tries);
        }
    }
}

/// Relays until `shutdown` resolves.
pub async fn run(state: AppState, shutdown: impl Future<Output = ()>) {
    let period = Duration::from_millis(state.settings.delivery.relay_interval_ms.max(10));
    let mut ticks = tokio::time::interval(period);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut failing = false;
    tokio::pin!(shutdown);
    loop {
        tokio::select! {
            () = &mut shutdown => return,
            _ = ticks.tick() => {}
        }
        match relay_once(&state).await {
            Ok(()) if failing => {
                failing = false;
                tracing::info!("relay recovered");
            }
            Ok(()) => {}
            // Logged once per outage, not once per tick.
            Err(err) if !failing => {
                failing = true;
                tracing::warn!(error = format!("{err:#}"), "relay cannot push jobs; retrying");
            }
            Err(_) => {}
        }
    }
}
