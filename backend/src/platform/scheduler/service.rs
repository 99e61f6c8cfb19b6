//! The loop that runs the modules' periodic jobs, once per slot across all workers;
//! the administrators' view of them, and a run asked for by hand.

use std::time::Duration;

use chrono::{DateTime, TimeDelta, Utc};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use super::model::{self, Entity as Runs};
use super::schedule;
use crate::app::AppState;
use crate::caller::Caller;
use crate::error::{ApiError, ApiResult};
use crate::http::pagination::paginate_by_id;
use crate::http::{Page, PageQuery};
use crate::infra::db::begin_write;
use crate::module::{Module, Periodic};
use crate::platform::audit::service::{self as audit, Change};
use crate::platform::rbac::scope::Scope;

pub const VIEW_PERMISSION: &str = "scheduler.view.job";
pub const RUN_PERMISSION: &str = "scheduler.run.job";

pub const SCHEDULE: &str = "schedule";
pub const MANUAL: &str = "manual";

/// A run that has not finished after this long is taken for dead (its worker stopped
/// mid-run): it no longer blocks a manual run.
const RUN_GIVEN_UP_AFTER: TimeDelta = TimeDelta::hours(1);

/// Every periodic job of these modules.
pub fn jobs(modules: &[&'static dyn Module]) -> Vec<&'static Periodic> {
    modules.iter().flat_map(|m| m.periodic_jobs()).collect()
}

/// Ticks until `shutdown`; at each tick, runs the jobs whose current slot nobody has
/// claimed yet.
pub async fn run(state: AppState, shutdown: impl Future<Output = ()>) {
    let jobs = jobs(state.modules);
    let mut ticks = tokio::time::interval(Duration::from_millis(state.settings.scheduler.tick_ms.max(10)));
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
    let Some(slot) = schedule::due_slot(job.schedule, state.settings.scheduler.tz(), Utc::now()) else {
        return Ok(false);
    };
    let Some(run) = claim(state, job, slot, SCHEDULE, None).await? else {
        return Ok(false);
    };
    execute(state, job, &run).await.map(|_| true)
}

/// Inserts the run of `job` for `slot`, unless that slot has one already.
async fn claim(
    state: &AppState,
    job: &Periodic,
    slot: i64,
    trigger: &str,
    triggered_by: Option<Uuid>,
) -> anyhow::Result<Option<model::Model>> {
    let run = model::Model {
        id: Uuid::now_v7(),
        job: job.name.to_owned(),
        slot,
        trigger: trigger.to_owned(),
        triggered_by,
        started_at: Utc::now(),
        finished_at: None,
        affected: None,
        error: None,
    };
    let inserted = Runs::insert(model::ActiveModel::from(run.clone()))
        .on_conflict(OnConflict::columns([model::Column::Job, model::Column::Slot]).do_nothing().to_owned())
        .exec_without_returning(&state.db)
        .await?;
    Ok((inserted == 1).then_some(run))
}

/// Runs a claimed job and writes how it went on its run.
async fn execute(state: &AppState, job: &Periodic, run: &model::Model) -> anyhow::Result<u64> {
    let outcome = (job.run)(state).await;
    let (affected, error) = match &outcome {
        Ok(n) => (Some(i64::try_from(*n).unwrap_or(i64::MAX)), None),
        Err(err) => (None, Some(format!("{err:#}"))),
    };
    Runs::update_many()
        .col_expr(model::Column::FinishedAt, Expr::value(Utc::now()))
        .col_expr(model::Column::Affected, Expr::value(affected))
        .col_expr(model::Column::Error, Expr::value(error))
        .filter(model::Column::Id.eq(run.id))
        .exec(&state.db)
        .await?;
    tracing::info!(job = job.name, trigger = run.trigger, affected, "periodic job ran");
    outcome
}

/// A periodic job as administrators see it.
pub struct JobView {
    pub job: &'static Periodic,
    pub next_run_at: Option<DateTime<Utc>>,
    pub last_run: Option<model::Model>,
}

/// Every periodic job with its next time and its last run (`scheduler.view.job`).
pub async fn list(state: &AppState, caller: &Caller) -> ApiResult<Vec<JobView>> {
    caller.require(VIEW_PERMISSION)?;
    let now = Utc::now();
    let time_zone = state.settings.scheduler.tz();
    let mut views = Vec::new();
    for job in jobs(state.modules) {
        let last_run = Runs::find()
            .filter(model::Column::Job.eq(job.name))
            .order_by_desc(model::Column::Id)
            .one(&state.db)
            .await?;
        views.push(JobView { job, next_run_at: schedule::next_after(job.schedule, time_zone, now), last_run });
    }
    Ok(views)
}

/// The runs of job `name`, newest first (`scheduler.view.job`).
pub async fn runs(state: &AppState, caller: &Caller, name: &str, page: &PageQuery) -> ApiResult<Page<model::Model>> {
    caller.require(VIEW_PERMISSION)?;
    find(state, name)?;
    let select = Runs::find().filter(model::Column::Job.eq(name));
    paginate_by_id(&state.db, select, model::Column::Id, |run| run.id, page).await
}

/// Runs job `name` now, in this process, and returns its run at once; the run shows
/// how it went when it ends (`scheduler.run.job` at scope `all`: the jobs work on every
/// company). 409 while another run of the job has not finished. Audited.
pub async fn run_now(state: &AppState, caller: &Caller, name: &str) -> ApiResult<model::Model> {
    if caller.require(RUN_PERMISSION)? != Scope::All {
        return Err(ApiError::Denied {
            code: "scope_all_required",
            detail: format!(
                "Periodic jobs work on every company: running one needs `{RUN_PERMISSION}` at scope `all`."
            ),
        });
    }
    let job = find(state, name)?;
    let running = Runs::find()
        .filter(model::Column::Job.eq(name))
        .filter(model::Column::FinishedAt.is_null())
        .filter(model::Column::StartedAt.gt(Utc::now() - RUN_GIVEN_UP_AFTER))
        .one(&state.db)
        .await?;
    let busy = || ApiError::Conflict {
        code: "job_running",
        detail: format!("`{name}` is running; wait for this run to end before starting another."),
    };
    if running.is_some() {
        return Err(busy());
    }
    let run = claim(state, job, Utc::now().timestamp(), MANUAL, Some(caller.user_id)).await?.ok_or_else(busy)?;
    let change = Change {
        company_id: caller.company_id,
        action: "run",
        model: "periodic_job",
        object_id: Some(name.to_owned()),
        before: None,
        after: Some(serde_json::json!({ "run_id": run.id, "trigger": MANUAL })),
    };
    let txn = begin_write(&state.db).await?;
    audit::record(&txn, &caller.actor, change).await?;
    txn.commit().await?;
    let (state, started) = (state.clone(), run.clone());
    tokio::spawn(async move {
        if let Err(err) = execute(&state, job, &started).await {
            tracing::warn!(job = job.name, error = format!("{err:#}"), "periodic job run by hand failed");
        }
    });
    Ok(run)
}

fn find(state: &AppState, name: &str) -> ApiResult<&'static Periodic> {
    jobs(state.modules).into_iter().find(|job| job.name == name).ok_or_else(|| ApiError::not_found("periodic job"))
}
