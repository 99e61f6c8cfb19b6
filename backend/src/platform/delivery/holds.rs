//! The deliveries this process is trying right now, with the end of each hold: kept
//! alive while a try lasts, and handed back to the queue when the process stops before
//! its tries finish (see `worker::run`).

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::app::AppState;

type Key = (&'static str, Uuid);

/// The holds of this process, by channel and row.
#[derive(Clone, Default)]
pub struct Holds(Arc<Mutex<HashMap<Key, DateTime<Utc>>>>);

impl Holds {
    /// Notes a hold until the guard is dropped: when the try settles, fails, or is
    /// abandoned with its task.
    pub fn hold(&self, channel: &'static str, id: Uuid, until: DateTime<Utc>) -> Held {
        self.lock().insert((channel, id), until);
        Held { holds: self.clone(), key: (channel, id) }
    }

    /// Every hold now: `(channel, row, end of the hold)`.
    pub fn snapshot(&self) -> Vec<(&'static str, Uuid, DateTime<Utc>)> {
        self.lock().iter().map(|(&(channel, id), &until)| (channel, id, until)).collect()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Key, DateTime<Utc>>> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// One hold, forgotten when dropped.
pub struct Held {
    holds: Holds,
    key: Key,
}

impl Held {
    pub fn until(&self) -> DateTime<Utc> {
        self.holds.lock().get(&self.key).copied().unwrap_or_default()
    }

    fn renewed(&self, until: DateTime<Utc>) {
        self.holds.lock().insert(self.key, until);
    }
}

impl Drop for Held {
    fn drop(&mut self) {
        self.holds.lock().remove(&self.key);
    }
}

/// Runs `work` while renewing `held` every third of the lease, so a try that lasts
/// longer than the lease keeps its row. A renewal that finds the row taken leaves the
/// work to finish; the fence then refuses its outcome.
pub async fn keep_alive<F: Future, R: Future<Output = anyhow::Result<Option<DateTime<Utc>>>>>(
    held: &Held,
    lease: Duration,
    renew: impl Fn(DateTime<Utc>) -> R,
    work: F,
) -> F::Output {
    tokio::pin!(work);
    let mut beats = tokio::time::interval_at(tokio::time::Instant::now() + lease / 3, lease / 3);
    loop {
        tokio::select! {
            output = &mut work => return output,
            _ = beats.tick() => match renew(held.until()).await {
                Ok(Some(until)) => held.renewed(until),
                Ok(None) => tracing::warn!(channel = held.key.0, delivery = %held.key.1, "another worker took over this delivery"),
                Err(err) => tracing::warn!(channel = held.key.0, delivery = %held.key.1, error = format!("{err:#}"), "cannot renew a delivery's hold"),
            },
        }
    }
}

/// Hands every delivery this process still holds back to the queue, due now; returns
/// how many. Called when a worker stops after its grace period, its tries abandoned.
pub async fn release_all(state: &AppState) -> usize {
    let mut released = 0;
    for (channel, id, until) in state.holds.snapshot() {
        let Some(dispatch) = super::service::channel(state, channel) else {
            continue;
        };
        match dispatch.release(state, id, until).await {
            Ok(true) => released += 1,
            Ok(false) => {}
            Err(err) => {
                tracing::warn!(channel, delivery = %id, error = format!("{err:#}"), "cannot hand a delivery back")
            }
        }
    }
    released
}
