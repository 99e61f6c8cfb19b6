//! `GET /api/v1/tasks/{id}`: how a task is getting on, for whoever asked for it (an
//! export's requester polls it for its progress and, once done, its result), and for
//! the company's hook managers.

use actix_web::{HttpResponse, get, post, web};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

use super::service::MANAGE_PERMISSION;
use super::tasks::model;
use crate::app::AppState;
use crate::error::{ApiError, ApiResult, PROBLEM_JSON, Problem};
use crate::http::Caller;
use crate::http::pagination::{Page, PageQuery, paginate_by_id};
use crate::platform::delivery::rows;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_my_tasks).service(get_task).service(cancel_task);
}

/// How far a task has got.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TaskProgress {
    pub done: u32,
    pub total: u32,
}

/// A task, as the person who asked for it follows it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TaskState {
    pub id: Uuid,
    #[schema(example = "hse.export_report")]
    pub task: String,
    /// `queued`, `running`, `done`, `failed` (after its last try) or `cancelled`.
    #[schema(example = "running")]
    pub status: String,
    pub attempts: i32,
    /// What it was asked to do (an export's resource, format and filters).
    #[schema(value_type = std::collections::HashMap<String, serde_json::Value>)]
    pub params: Value,
    /// Set once the task tells (an export: its incidents written out of the total).
    pub progress: Option<TaskProgress>,
    /// What it made, once done: an export's `file_id` and `file_name`.
    #[schema(value_type = Option<Object>)]
    pub result: Option<Value>,
    /// Why its last try failed.
    pub error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
}

impl From<model::Model> for TaskState {
    fn from(row: model::Model) -> Self {
        let count = |n: Option<i32>| n.and_then(|n| u32::try_from(n).ok());
        let progress =
            count(row.progress_done).zip(count(row.progress_total)).map(|(done, total)| TaskProgress { done, total });
        let stopped = row.cancel_requested_at.is_some()
            && (row.result.is_none() || row.result.as_ref().is_some_and(|r| r["cancelled"] == true));
        let status = if row.status == rows::SENDING {
            "running".to_owned()
        } else if stopped && row.status != rows::QUEUED {
            "cancelled".to_owned()
        } else {
            row.status
        };
        Self {
            id: row.id,
            task: row.task,
            status,
            attempts: row.attempts,
            params: row.params,
            progress,
            result: row.result,
            error: row.last_error,
            created_at: row.created_at,
            finished_at: row.finished_at,
        }
    }
}

/// A task of a known kind, its result typed: how an import or an export is followed.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TaskOf<R> {
    pub id: Uuid,
    /// `queued`, `running`, `done`, `failed` (after its last try) or `cancelled`.
    pub status: String,
    pub progress: Option<TaskProgress>,
    /// Once it has run (absent until then).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub result: Option<R>,
    /// Why its last try failed.
    pub error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
}

impl TaskState {
    /// This task as one of kind `task`, its result read as `R`; 404 (as `resource`) for
    /// a task of another kind.
    pub fn typed<R: DeserializeOwned>(self, task: &str, resource: &'static str) -> ApiResult<TaskOf<R>> {
        if self.task != task {
            return Err(ApiError::not_found(resource));
        }
        let result = self.result.map(serde_json::from_value).transpose().map_err(anyhow::Error::from)?;
        Ok(TaskOf {
            id: self.id,
            status: self.status,
            progress: self.progress,
            result,
            error: self.error,
            created_at: self.created_at,
            finished_at: self.finished_at,
        })
    }
}

/// Task `id` if the caller asked for it or manages the company's hooks; else 404.
pub async fn find(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<TaskState> {
    let row = model::Entity::find_by_id(id)
        .filter(model::Column::CompanyId.eq(caller.company_id))
        .one(&state.db)
        .await?
        .ok_or(ApiError::not_found("task"))?;
    let asked = row.hook_id.is_none() && row.acting_user == Some(caller.user_id);
    if asked || caller.reaches(MANAGE_PERMISSION, Some(row.company_id), None) {
        Ok(TaskState::from(row))
    } else {
        Err(ApiError::not_found("task"))
    }
}

/// A task you asked for (an export), or one of your company's hooks' tasks
/// (`hooks.manage.hook`): its status, progress and, once done, its result.
#[utoipa::path(
    tag = "hooks",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Task id")),
    responses(
        (status = 200, description = "The task", body = TaskState),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such task of yours", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[get("/tasks/{id}")]
async fn get_task(state: web::Data<AppState>, caller: Caller, id: web::Path<Uuid>) -> ApiResult<web::Json<TaskState>> {
    Ok(web::Json(find(&state, &caller, id.into_inner()).await?))
}

/// Asks task `id` (one you asked for) to stop: a queued one never starts; a running
/// import or export stops at its next step without keeping what it did; 409 once it
/// has ended.
pub async fn cancel(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<TaskState> {
    let found = find(state, caller, id).await?;
    if !matches!(found.status.as_str(), "queued" | "running") {
        return Err(ApiError::Conflict {
            code: "task_ended",
            detail: format!("the task has ended ({}); there is nothing to stop", found.status),
        });
    }
    let now = Utc::now();
    model::Entity::update_many()
        .col_expr(model::Column::CancelRequestedAt, Expr::value(now))
        .filter(model::Column::Id.eq(id))
        .exec(&state.db)
        .await?;
    // Still queued: no worker holds it, so it ends here.
    model::Entity::update_many()
        .col_expr(model::Column::Status, Expr::value("done"))
        .col_expr(model::Column::FinishedAt, Expr::value(now))
        .filter(model::Column::Id.eq(id))
        .filter(model::Column::Status.eq(rows::QUEUED))
        .filter(model::Column::LockedUntil.is_null())
        .exec(&state.db)
        .await?;
    find(state, caller, id).await
}

/// The tasks you asked for (exports, imports), newest first.
#[utoipa::path(
    tag = "hooks",
    security(("bearer" = [])),
    params(PageQuery),
    responses(
        (status = 200, description = "A page of your tasks", body = Page<TaskState>),
        (status = 400, description = "A bad cursor or limit", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[get("/tasks")]
async fn list_my_tasks(
    state: web::Data<AppState>,
    caller: Caller,
    page: web::Query<PageQuery>,
) -> ApiResult<web::Json<Page<TaskState>>> {
    let mine = model::Entity::find()
        .filter(model::Column::CompanyId.eq(caller.company_id))
        .filter(model::Column::ActingUser.eq(caller.user_id))
        .filter(model::Column::HookId.is_null());
    let page = paginate_by_id(&state.db, mine, model::Column::Id, |t: &model::Model| t.id, &page).await?;
    Ok(web::Json(page.map(TaskState::from)))
}

/// Stop a task you asked for: a queued one never starts, a running import or export
/// stops at its next step and keeps nothing. `409 task_ended` once it has ended.
#[utoipa::path(
    tag = "hooks",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Task id")),
    responses(
        (status = 202, description = "Asked to stop: the task as it is now", body = TaskState),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such task of yours", body = Problem, content_type = PROBLEM_JSON),
        (status = 409, description = "The task has ended", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[post("/tasks/{id}/cancel")]
async fn cancel_task(state: web::Data<AppState>, caller: Caller, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    let task = cancel(&state, &caller, id.into_inner()).await?;
    Ok(HttpResponse::Accepted().json(task))
}
