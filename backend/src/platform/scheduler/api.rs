//! `/api/v1/scheduler`: the periodic jobs, their runs, and a run asked for by hand.

use actix_web::{HttpResponse, get, post, web};
use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

use super::model;
use super::service::{self, JobView};
use crate::app::AppState;
use crate::error::{ApiResult, PROBLEM_JSON, Problem};
use crate::http::{Caller, Page, PageQuery};
use crate::module::Schedule;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_jobs).service(list_runs).service(run_job);
}

/// A periodic job: what it does, when it runs, and how its last run went.
#[derive(Debug, Serialize, ToSchema)]
pub struct PeriodicJobOut {
    /// e.g. `auth.purge_expired`.
    pub name: String,
    pub label_fr: String,
    pub label_en: String,
    /// Seconds between runs, for a job run on a period.
    pub every_secs: Option<u64>,
    /// The cron expression (`sec min hour day month weekday`), for a job run at set times.
    pub cron: Option<String>,
    /// The time zone of the cron times.
    pub time_zone: String,
    pub next_run_at: Option<DateTime<Utc>>,
    pub last_run: Option<RunOut>,
}

/// `running`, `succeeded` or `failed`.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RunStatus {
    Running,
    Succeeded,
    Failed,
}

/// One run of a periodic job.
#[derive(Debug, Serialize, ToSchema)]
pub struct RunOut {
    pub id: Uuid,
    pub job: String,
    /// The time it ran for: its scheduled time, or when it was asked for.
    pub slot_at: Option<DateTime<Utc>>,
    /// `schedule` or `manual`.
    pub trigger: String,
    /// Who asked for a manual run.
    pub triggered_by: Option<Uuid>,
    pub status: RunStatus,
    pub started_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
    /// Rows it touched (purged, reported…).
    pub affected: Option<i64>,
    pub error: Option<String>,
}

impl From<model::Model> for RunOut {
    fn from(run: model::Model) -> Self {
        let status = match (&run.finished_at, &run.error) {
            (None, _) => RunStatus::Running,
            (Some(_), None) => RunStatus::Succeeded,
            (Some(_), Some(_)) => RunStatus::Failed,
        };
        Self {
            id: run.id,
            slot_at: DateTime::from_timestamp(run.slot, 0),
            job: run.job,
            trigger: run.trigger,
            triggered_by: run.triggered_by,
            status,
            started_at: run.started_at,
            finished_at: run.finished_at,
            affected: run.affected,
            error: run.error,
        }
    }
}

impl PeriodicJobOut {
    fn new(view: JobView, time_zone: &str) -> Self {
        let (every_secs, cron) = match view.job.schedule {
            Schedule::Every(period) => (Some(period.as_secs()), None),
            Schedule::Cron(expression) => (None, Some(expression.to_owned())),
        };
        Self {
            name: view.job.name.to_owned(),
            label_fr: view.job.label_fr.to_owned(),
            label_en: view.job.label_en.to_owned(),
            every_secs,
            cron,
            time_zone: time_zone.to_owned(),
            next_run_at: view.next_run_at,
            last_run: view.last_run.map(RunOut::from),
        }
    }
}

/// The periodic jobs of every module, with their schedule, next time and last run.
///
/// Permission: `scheduler.view.job` (any scope: the jobs are the platform's).
#[utoipa::path(
    tag = "scheduler",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Every periodic job", body = Vec<PeriodicJobOut>),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `scheduler.view.job`", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[get("/scheduler/jobs")]
async fn list_jobs(state: web::Data<AppState>, caller: Caller) -> ApiResult<web::Json<Vec<PeriodicJobOut>>> {
    let views = service::list(&state, &caller).await?;
    let time_zone = &state.settings.scheduler.time_zone;
    Ok(web::Json(views.into_iter().map(|view| PeriodicJobOut::new(view, time_zone)).collect()))
}

/// The runs of one periodic job, newest first: scheduled and manual, with what each
/// touched or the error it ended with.
///
/// Permission: `scheduler.view.job`.
#[utoipa::path(
    tag = "scheduler",
    security(("bearer" = [])),
    params(("name" = String, Path, description = "The job's name, e.g. `auth.purge_expired`"), PageQuery),
    responses(
        (status = 200, description = "One page of runs", body = Page<RunOut>),
        (status = 400, description = "Invalid `limit` or `cursor`", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `scheduler.view.job`", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No periodic job of that name", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[get("/scheduler/jobs/{name}/runs")]
async fn list_runs(
    state: web::Data<AppState>,
    caller: Caller,
    name: web::Path<String>,
    page: web::Query<PageQuery>,
) -> ApiResult<web::Json<Page<RunOut>>> {
    let runs = service::runs(&state, &caller, &name, &page).await?;
    Ok(web::Json(runs.map(RunOut::from)))
}

/// Run a periodic job now, besides its schedule. Answers at once with the run, which
/// shows how it went when it ends (read it in the job's runs). Audited.
///
/// Permission: `scheduler.run.job` at scope `all` (the jobs work on every company).
#[utoipa::path(
    tag = "scheduler",
    security(("bearer" = [])),
    params(("name" = String, Path, description = "The job's name, e.g. `auth.purge_expired`")),
    responses(
        (status = 202, description = "The run, started", body = RunOut),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `scheduler.run.job` at scope `all`", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No periodic job of that name", body = Problem, content_type = PROBLEM_JSON),
        (status = 409, description = "The job is running (`job_running`)", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[post("/scheduler/jobs/{name}/run")]
async fn run_job(state: web::Data<AppState>, caller: Caller, name: web::Path<String>) -> ApiResult<HttpResponse> {
    let run = service::run_now(&state, &caller, &name).await?;
    Ok(HttpResponse::Accepted().json(RunOut::from(run)))
}
