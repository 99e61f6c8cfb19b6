//! Recording tries, and running a job on its channel.

use std::time::Duration;

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use super::model::{self, Entity as Attempts};
use crate::app::AppState;
use crate::error::ApiResult;
use crate::infra::queue::Job;
use crate::module::Dispatch;

/// One try, as it went.
pub struct Attempt<'a> {
    pub channel: &'a str,
    pub delivery_id: Uuid,
    pub attempt: i32,
    pub started_at: DateTime<Utc>,
    pub duration: Duration,
    pub provider: &'a str,
    /// `None` when it worked.
    pub error: Option<String>,
    pub response_status: Option<u16>,
}

pub async fn record(db: &impl ConnectionTrait, attempt: Attempt<'_>) -> ApiResult<()> {
    model::ActiveModel {
        id: Set(Uuid::now_v7()),
        channel: Set(attempt.channel.to_owned()),
        delivery_id: Set(attempt.delivery_id),
        attempt: Set(attempt.attempt),
        started_at: Set(attempt.started_at),
        duration_ms: Set(i32::try_from(attempt.duration.as_millis()).unwrap_or(i32::MAX)),
        ok: Set(attempt.error.is_none()),
        provider: Set(attempt.provider.to_owned()),
        error: Set(attempt.error),
        response_status: Set(attempt.response_status.map(i32::from)),
    }
    .insert(db)
    .await?;
    Ok(())
}

/// A delivery's tries, first first.
pub async fn attempts_of(db: &impl ConnectionTrait, delivery_id: Uuid) -> ApiResult<Vec<model::Model>> {
    Ok(Attempts::find()
        .filter(model::Column::DeliveryId.eq(delivery_id))
        .order_by_asc(model::Column::Attempt)
        .order_by_asc(model::Column::StartedAt)
        .all(db)
        .await?)
}

/// Every delivery channel of the build's modules.
pub fn channels(state: &AppState) -> impl Iterator<Item = &'static dyn Dispatch> {
    state.modules.iter().flat_map(|m| m.channels()).copied()
}

/// The channel that runs jobs of `kind` (`email`, `webhook`…).
pub fn channel(state: &AppState, kind: &str) -> Option<&'static dyn Dispatch> {
    channels(state).find(|c| c.kind() == kind)
}

/// Runs one job on the channel of its kind (see `channel::deliver`).
pub async fn perform(state: &AppState, job: &Job) -> anyhow::Result<()> {
    let channel =
        channel(state, &job.kind).ok_or_else(|| anyhow::anyhow!("no channel runs jobs of kind {:?}", job.kind))?;
    channel.perform(state, job.id).await
}
