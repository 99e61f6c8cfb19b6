//! The loop that runs the modules' periodic jobs, once per slot across all workers.

use std::time::Duration;

use chrono::Utc;
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};

use super::model::{self, Entity as Runs};
use crate::app::AppState;
use crate::module::{Module, Periodic};

/// Every periodic job of these modules.
pub fn jobs(modules: &[&'static dyn Module]) -> Vec<&'static Periodic> {
    modules.iter().flat_map(|m| m.periodic_jobs()).collect()
}

/// Ticks until `shutdown`; at each tick, runs the jobs whose current slot nobody has
/// claimed yet.
pub async fn run(state: AppState, shutdown: impl Future<Output = ()>) {
    let jobs = jobs(state.modules);
    let mut ticks = tokio::time::interval(Duration::from_millis(state.settings.scheduler_tick_ms.max(10)));
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    tokio::pin!(shutdown);
    loop {
        tokio::select! {
            () = &mut shutdown => return,
            _ = ticks.tick() => {}
        }
        for job in jobs.iter().copied() {
            if let Err(err) = run_if_due(&state, job).await {
                tracing::warn!(job = job.name, error = format!("{err:#}"), "scheduler");
            }
        }
    }
}

/// Claims the job's current slot; if this worker got it, runs the job and notes how
/// it went. A slot is claimed once, even by workers ticking together.
pub async fn run_if_due(state: &AppState, job: &Periodic) -> anyhow::Result<bool> {
    let period = i64::try_from(job.every.as_secs().max(1))?;
    let slot = Utc::now().timestamp() / period * period;
    let claimed = Runs::insert(model::ActiveModel {
        job: Set(job.name.to_owned()),
        slot: Set(slot),
        started_at: Set(Utc::now()),
        finished_at: Set(None),
        affected: Set(None),
        error: Set(None),
    })
    .on_conflict(OnConflict::columns([model::Column::Job, model::Column::Slot]).do_nothing().to_owned())
    .exec_without_returning(&state.db)
    .await?;
    if claimed == 0 {
        return Ok(false);
    }
    let outcome = (job.run)(state).await;
    let (affected, error) = match &outcome {
        Ok(n) => (Some(i64::try_from(*n).unwrap_or(i64::MAX)), None),
        Err(err) => (None, Some(format!("{err:#}"))),
    };
    Runs::update_many()
        .col_expr(model::Column::FinishedAt, Expr::value(Utc::now()))
        .col_expr(model::Column::Affected, Expr::value(affected))
        .col_expr(model::Column::Error, Expr::value(error))
        .filter(model::Column::Job.eq(job.name))
        .filter(model::Column::Slot.eq(slot))
        .exec(&state.db)
        .await?;
    tracing::info!(job = job.name, affected, "scheduled job ran");
    outcome.map(|_| true)
}
