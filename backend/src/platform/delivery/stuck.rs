//! Deliveries stuck in `sending`: held by a worker whose hold ran out more than a lease
//! ago. The relay takes such a row over within a tick, so one that stays means no
//! worker is running, or something is wrong with them. Counted by a periodic check
//! (logged) and on every scrape of `/metrics` (`opsflux_deliveries_stuck`).

use chrono::Utc;

use crate::app::AppState;

/// Stuck rows per channel (`email`, `webhook`…), every channel listed.
pub async fn count(state: &AppState) -> anyhow::Result<Vec<(&'static str, u64)>> {
    let before = Utc::now() - chrono::TimeDelta::from_std(state.settings.delivery.lease())?;
    let mut counts = Vec::new();
    for channel in super::service::channels(state) {
        counts.push((channel.kind(), channel.past_hold(state, before).await?));
    }
    Ok(counts)
}

/// The periodic check: a warning per channel with stuck rows; returns how many in all.
pub async fn check(state: &AppState) -> anyhow::Result<u64> {
    let counts = count(state).await?;
    for &(channel, stuck) in counts.iter().filter(|(_, stuck)| *stuck > 0) {
        tracing::warn!(
            channel,
            stuck,
            "deliveries still `sending` a lease after their worker's hold ran out: is any worker running?"
        );
    }
    Ok(counts.iter().map(|(_, stuck)| stuck).sum())
}
