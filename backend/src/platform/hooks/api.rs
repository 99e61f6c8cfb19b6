//! `/api/v1/hooks`: the events hooks listen to, hooks, their runs and dry runs.
//! Permission: `hooks.manage.hook`, in the caller's company.

use actix_web::{HttpResponse, delete, get, post, put, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

use super::events::{self, EventInfo};
use super::model::{execution, hook};
use super::service::{self, HookInput};
use crate::app::AppState;
use crate::error::{ApiResult, PROBLEM_JSON, Problem};
use crate::http::{Caller, Page, PageQuery, ValidatedJson};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_events)
        .service(list_tasks)
        .service(list_hooks)
        .service(create_hook)
        .service(get_hook)
        .service(update_hook)
        .service(delete_hook)
        .service(list_executions)
        .service(test_hook);
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct HookOut {
    pub id: Uuid,
    pub company_id: Uuid,
    pub name: String,
    pub event: String,
    pub is_active: bool,
    #[schema(value_type = Option<Object>)]
    pub conditions: Option<serde_json::Value>,
    #[schema(value_type = Vec<Object>)]
    pub actions: serde_json::Value,
    pub priority: i32,
    /// The module that installed it, if one did.
    pub module: Option<String>,
    /// Resting because its module is off for the company: it does not run.
    pub paused: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<hook::Model> for HookOut {
    fn from(h: hook::Model) -> Self {
        Self {
            id: h.id,
            company_id: h.company_id,
            name: h.name,
            event: h.event,
            is_active: h.is_active,
            conditions: h.conditions,
            actions: h.actions,
            priority: h.priority,
            module: h.module,
            paused: h.paused,
            created_at: h.created_at,
            updated_at: h.updated_at,
        }
    }
}

/// One run of a hook.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ExecutionOut {
    pub id: Uuid,
    pub hook_id: Uuid,
    pub event_id: Option<Uuid>,
    pub event_type: String,
    /// What the hook saw.
    #[schema(value_type = Object)]
    pub context: serde_json::Value,
    pub success: bool,
    pub error: Option<String>,
    pub duration_ms: i32,
    /// What each action did.
    #[schema(value_type = Vec<Object>)]
    pub actions: serde_json::Value,
    pub created_at: DateTime<Utc>,
}

impl From<execution::Model> for ExecutionOut {
    fn from(e: execution::Model) -> Self {
        Self {
            id: e.id,
            hook_id: e.hook_id,
            event_id: e.event_id,
            event_type: e.event_type,
            context: e.context,
            success: e.success,
            error: e.error,
            duration_ms: e.duration_ms,
            actions: e.actions,
            created_at: e.created_at,
        }
    }
}

#[derive(Debug, Deserialize, ToSchema, validator::Validate)]
#[serde(deny_unknown_fields)]
pub struct TestIn {
    /// The event context to try; the event's sample when left out.
    #[schema(value_type = Option<Object>)]
    pub context: Option<serde_json::Value>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct TestOut {
    /// Whether the conditions match.
    pub matched: bool,
    #[schema(value_type = Object)]
    pub context: serde_json::Value,
    /// Each action as it would run (rendered texts, how many recipients), or its error.
    #[schema(value_type = Vec<Object>)]
    pub actions: Vec<serde_json::Value>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct EventsOut {
    pub items: Vec<EventInfo>,
}

/// Every event hooks can listen to, with the JSON schema of what a hook sees and a
/// sample. Permission: `hooks.manage.hook`.
#[utoipa::path(
    tag = "hooks",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The events", body = EventsOut),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `hooks.manage.hook`", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[get("/hooks/events")]
async fn list_events(state: web::Data<AppState>, caller: Caller) -> ApiResult<web::Json<EventsOut>> {
    caller.require(service::MANAGE_PERMISSION)?;
    Ok(web::Json(EventsOut { items: events::all(&state).await? }))
}

/// A task `create_task` may ask for.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct TaskOut {
    #[schema(example = "webhooks.replay_failed")]
    pub name: String,
    pub label_fr: String,
    pub label_en: String,
}

/// The tasks hooks may ask for with `create_task`, from every module. Permission:
/// `hooks.manage.hook`.
#[utoipa::path(
    tag = "hooks",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The tasks", body = Vec<TaskOut>),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `hooks.manage.hook`", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[get("/hooks/tasks")]
async fn list_tasks(caller: Caller) -> ApiResult<web::Json<Vec<TaskOut>>> {
    caller.require(service::MANAGE_PERMISSION)?;
    let kinds = super::tasks::kinds();
    Ok(web::Json(
        kinds
            .map(|k| TaskOut { name: k.name.into(), label_fr: k.label_fr.into(), label_en: k.label_en.into() })
            .collect(),
    ))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct HooksQuery {
    /// Only the hooks of this event.
    pub event: Option<String>,
}

/// Your company's hooks, newest first. Permission: `hooks.manage.hook`.
#[utoipa::path(
    tag = "hooks",
    security(("bearer" = [])),
    params(HooksQuery, PageQuery),
    responses(
        (status = 200, description = "One page of hooks", body = Page<HookOut>),
        (status = 400, description = "Invalid `limit` or `cursor`", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `hooks.manage.hook`", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[get("/hooks")]
async fn list_hooks(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<HooksQuery>,
    page: web::Query<PageQuery>,
) -> ApiResult<web::Json<Page<HookOut>>> {
    Ok(web::Json(service::list(&state, &caller, query.into_inner().event, &page).await?.map(HookOut::from)))
}

/// Create a hook. Its conditions and actions are checked against the event's schema:
/// an unknown field, operator or action is 422 naming its path. Audited. Permission:
/// `hooks.manage.hook`.
#[utoipa::path(
    tag = "hooks",
    security(("bearer" = [])),
    request_body = HookInput,
    responses(
        (status = 201, description = "Created", body = HookOut),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `hooks.manage.hook`", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Invalid fields, listed in `errors`", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[post("/hooks")]
async fn create_hook(
    state: web::Data<AppState>,
    caller: Caller,
    body: ValidatedJson<HookInput>,
) -> ApiResult<HttpResponse> {
    let created = service::create(&state, &caller, body.into_inner()).await?;
    let location = format!("/api/v1/hooks/{}", created.id);
    Ok(HttpResponse::Created().insert_header(("Location", location)).json(HookOut::from(created)))
}

/// One hook. Permission: `hooks.manage.hook`.
#[utoipa::path(
    tag = "hooks",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Hook id")),
    responses(
        (status = 200, description = "The hook", body = HookOut),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `hooks.manage.hook`", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such hook in reach", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[get("/hooks/{id}")]
async fn get_hook(state: web::Data<AppState>, caller: Caller, id: web::Path<Uuid>) -> ApiResult<web::Json<HookOut>> {
    Ok(web::Json(service::get(&state, &caller, *id).await?.into()))
}

/// Replace a hook, checked as on creation. Audited. Permission: `hooks.manage.hook`.
#[utoipa::path(
    tag = "hooks",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Hook id")),
    request_body = HookInput,
    responses(
        (status = 200, description = "Saved", body = HookOut),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `hooks.manage.hook`", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such hook in reach", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Invalid fields, listed in `errors`", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[put("/hooks/{id}")]
async fn update_hook(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    body: ValidatedJson<HookInput>,
) -> ApiResult<web::Json<HookOut>> {
    Ok(web::Json(service::update(&state, &caller, *id, body.into_inner()).await?.into()))
}

/// Delete a hook (its runs go with it). Audited. Permission: `hooks.manage.hook`.
#[utoipa::path(
    tag = "hooks",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Hook id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `hooks.manage.hook`", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such hook in reach", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[delete("/hooks/{id}")]
async fn delete_hook(state: web::Data<AppState>, caller: Caller, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    service::delete(&state, &caller, *id).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// A hook's runs (when its conditions matched), newest first, with their durations,
/// errors and what each action did. Permission: `hooks.manage.hook`.
#[utoipa::path(
    tag = "hooks",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Hook id"), PageQuery),
    responses(
        (status = 200, description = "One page of runs", body = Page<ExecutionOut>),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `hooks.manage.hook`", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such hook in reach", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[get("/hooks/{id}/executions")]
async fn list_executions(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    page: web::Query<PageQuery>,
) -> ApiResult<web::Json<Page<ExecutionOut>>> {
    Ok(web::Json(service::executions(&state, &caller, *id, &page).await?.map(ExecutionOut::from)))
}

/// Try a hook on a context (the event's sample by default): whether it matches and
/// what each action would do, with no side effect. Permission: `hooks.manage.hook`.
#[utoipa::path(
    tag = "hooks",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Hook id")),
    request_body = TestIn,
    responses(
        (status = 200, description = "What it would do", body = TestOut),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `hooks.manage.hook`", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such hook in reach", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "`context` is not an object", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[post("/hooks/{id}/test")]
async fn test_hook(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    body: ValidatedJson<TestIn>,
) -> ApiResult<web::Json<TestOut>> {
    let (matched, context, actions) = service::dry_run(&state, &caller, *id, body.into_inner().context).await?;
    Ok(web::Json(TestOut { matched, context, actions }))
}
