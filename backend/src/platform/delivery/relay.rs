//! The relay: pushes a job for every delivery that is due and has none, so a
//! delivery written while the queue was unreachable (or whose job was lost) still
//! goes out. It runs in every worker process; a row is claimed before its job is
//! pushed, so two relays never push the same due row.

use std::time::Duration;

use crate::app::AppState;
use crate::platform::outbox::service as outbox;

/// Fans out new outbox events, then pushes jobs for every channel's due deliveries.
pub async fn relay_once(state: &AppState) -> anyhow::Result<()> {
    outbox::fan_out(state).await?;
    for channel in state.modules.iter().flat_map(|m| m.channels()) {
        channel.push_due(state).await?;
    }
    Ok(())
}

/// Relays until `shutdown` resolves.
pub async fn run(state: AppState, shutdown: impl Future<Output = ()>) {
    let period = Duration::from_millis(state.settings.relay_interval_ms.max(10));
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
