//! `GET /api/v1/tasks/{id}`: how a task is getting on, for whoever asked for it (an
//! export's requester polls it for its progress and, once done, its result), and for
//! the company's hook managers.

use actix_web::{get, web};
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde::Serialize;
use serde_json::Value;
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

use super::service::MANAGE_PERMISSION;
use super::tasks::model;
use crate::app::AppState;
use crate::error::{ApiError, ApiResult, PROBLEM_JSON, Problem};
use crate::http::Caller;
use crate::platform::delivery::rows;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(get_task);
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
    /// `queued`, `running`, `done` or `failed` (after its last try).
    #[schema(example = "running")]
    pub status: String,
    pub attempts: i32,
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
        let status = if row.status == rows::SENDING { "running".to_owned() } else { row.status };
        Self {
            id: row.id,
            task: row.task,
            status,
            attempts: row.attempts,
            progress,
            result: row.result,
            error: row.last_error,
            created_at: row.created_at,
            finished_at: row.finished_at,
        }
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
