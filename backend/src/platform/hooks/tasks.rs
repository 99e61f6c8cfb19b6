//! `create_task`: a hook asks a module for one of its tasks (`Module::tasks`). The
//! request is a row of the delivery engine, written with the hook's run, so it runs once
//! the event has committed, in a worker, with retries, as the person who made the hook
//! (with the permissions they hold when it runs); what the task did is kept.

use chrono::Utc;
use sea_orm::ActiveValue::Set;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter};
use serde_json::{Value, json};
use std::time::Duration;
use uuid::Uuid;

use crate::app::AppState;
use crate::caller::Caller;
use crate::config::Settings;
use crate::error::{ApiError, ApiResult};
use crate::infra::realtime::UserMessage;
use crate::module::{TaskKind, TaskRun};
use crate::platform::delivery::channel::{Channel, Outcome, ProviderTry};
use crate::platform::delivery::retry::RetryPolicy;
use crate::platform::delivery::{alerts, rows};
use crate::registry::MODULES;

pub mod model {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "hook_tasks")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub created_at: DateTimeUtc,
        pub company_id: Uuid,
        pub hook_id: Option<Uuid>,
        pub event_id: Option<Uuid>,
        /// A task's name (`webhooks.replay_failed`).
        pub task: String,
        pub params: Json,
        /// The event's context, as the hook saw it.
        pub context: Json,
        /// Who it runs as: the hook's author.
        pub acting_user: Option<Uuid>,
        /// `queued`, `sending`, `done` or `failed`.
        pub status: String,
        pub attempts: i32,
        pub max_attempts: i32,
        pub next_attempt_at: DateTimeUtc,
        pub enqueued_at: Option<DateTimeUtc>,
        pub locked_until: Option<DateTimeUtc>,
        pub last_error: Option<String>,
        /// What the task said it did.
        pub result: Option<Json>,
        pub finished_at: Option<DateTimeUtc>,
        /// How far it has got, when it says (an export's rows).
        pub progress_done: Option<i32>,
        pub progress_total: Option<i32>,
        /// When the person who asked for it asked it to stop.
        pub cancel_requested_at: Option<DateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

crate::delivery_table!(model, "hook_task", finished: FinishedAt);

/// The task of that name, among every module's.
pub fn kind(name: &str) -> Option<&'static TaskKind> {
    MODULES.iter().flat_map(|m| m.tasks()).find(|t| t.name == name)
}

/// Every task of the build, for the editor's list.
pub fn kinds() -> impl Iterator<Item = &'static TaskKind> {
    MODULES.iter().flat_map(|m| m.tasks())
}

/// What a hook's run (or a person asking for long work) writes for the worker.
pub struct NewTask<'a> {
    pub company_id: Uuid,
    pub hook_id: Option<Uuid>,
    pub event_id: Option<Uuid>,
    pub kind: &'static TaskKind,
    pub params: &'a Value,
    pub context: &'a Value,
    pub acting_user: Option<Uuid>,
}

pub async fn enqueue(db: &impl ConnectionTrait, state: &AppState, new: NewTask<'_>) -> ApiResult<Uuid> {
    let id = Uuid::now_v7();
    let now = Utc::now();
    let row = model::ActiveModel {
        id: Set(id),
        created_at: Set(now),
        company_id: Set(new.company_id),
        hook_id: Set(new.hook_id),
        event_id: Set(new.event_id),
        task: Set(new.kind.name.to_owned()),
        params: Set(new.params.clone()),
        context: Set(new.context.clone()),
        acting_user: Set(new.acting_user),
        status: Set(rows::QUEUED.to_owned()),
        attempts: Set(0),
        max_attempts: Set(<model::Entity as Channel>::policy(&state.settings).max_attempts),
        next_attempt_at: Set(now),
        enqueued_at: Set(None),
        locked_until: Set(None),
        last_error: Set(None),
        result: Set(None),
        finished_at: Set(None),
        progress_done: Set(None),
        progress_total: Set(None),
        cancel_requested_at: Set(None),
    };
    model::Entity::insert(row).exec_without_returning(db).await?;
    Ok(id)
}

/// Long work a person asks for (an export, an import): run by a worker as them.
pub async fn request(state: &AppState, caller: &Caller, kind: &'static TaskKind, params: &Value) -> ApiResult<Uuid> {
    let new = NewTask {
        company_id: caller.company_id,
        hook_id: None,
        event_id: None,
        kind,
        params,
        context: &Value::Null,
        acting_user: Some(caller.user_id),
    };
    enqueue(&state.db, state, new).await
}

/// Whether someone asked task `id` to stop; a task that can stop checks between steps.
pub async fn cancel_requested(db: &impl ConnectionTrait, id: Uuid) -> ApiResult<bool> {
    let row = model::Entity::find_by_id(id).one(db).await?;
    Ok(row.is_some_and(|r| r.cancel_requested_at.is_some()))
}

/// Records how far task `id` has got, `done` of `total` (0: not known yet), and tells
/// the person it runs for over their notification stream (a `task` event), so a page
/// showing it moves without polling.
pub async fn progress(state: &AppState, caller: &Caller, id: Uuid, done: usize, total: usize) -> ApiResult<()> {
    let count = |n: usize| i32::try_from(n).unwrap_or(i32::MAX);
    model::Entity::update_many()
        .col_expr(model::Column::ProgressDone, Expr::value(count(done)))
        .col_expr(model::Column::ProgressTotal, Expr::value(count(total)))
        .filter(model::Column::Id.eq(id))
        .exec(&state.db)
        .await?;
    announce_progress(state, caller, id, done, total).await;
    Ok(())
}

/// Tells the person task `id` runs for how far it has got, over their stream only: for
/// a task inside a write transaction on SQLite, which is the database's one writer until
/// it commits.
pub async fn announce_progress(state: &AppState, caller: &Caller, id: Uuid, done: usize, total: usize) {
    let progress = json!({ "id": id, "progress": { "done": done, "total": total } });
    state.realtime.send(vec![changed(caller.user_id, progress)]).await;
}

/// A `task` event for `user_id`'s streams: `{id, progress}` while it runs, `{id}` once
/// a try has settled (read it again: done, failed or queued for another try).
fn changed(user_id: Uuid, data: Value) -> UserMessage {
    UserMessage { user_id, event: "task".into(), id: None, data }
}

/// The caller a task runs as: the hook's author, with what they hold now.
async fn acting(state: &AppState, row: &model::Model) -> ApiResult<Caller> {
    let user_id = row
        .acting_user
        .ok_or_else(|| ApiError::Denied { code: "no_author", detail: "The hook has no author to act as.".into() })?;
    Caller::acting_as(state, user_id, row.company_id).await
}

#[async_trait::async_trait]
impl Channel for model::Entity {
    const DONE: &'static str = "done";
    /// The row's id and what the task answered.
    type Found = (Uuid, Option<Value>);

    fn policy(settings: &Settings) -> RetryPolicy {
        RetryPolicy::email(Duration::from_millis(settings.delivery.retry_base_delay_ms))
    }

    async fn attempt(state: &AppState, row: &model::Model) -> (Outcome, Self::Found) {
        let Some(task) = kind(&row.task) else {
            let tried = ProviderTry::failed_before("task", format!("no module of this build runs `{}`", row.task));
            return (Outcome { tries: vec![tried], permanent: true }, (row.id, None));
        };
        let work = async {
            let caller = acting(state, row).await?;
            let run = TaskRun { id: row.id, params: row.params.clone(), context: row.context.clone() };
            (task.run)(state, &caller, &run).await
        };
        let (tried, result) = ProviderTry::time("task", work).await;
        let permanent =
            matches!(&result, Err(err) if !matches!(err, ApiError::Internal(_) | ApiError::Unavailable { .. }));
        (Outcome { tries: vec![tried], permanent }, (row.id, result.ok()))
    }

    async fn gave_up(
        txn: &DatabaseTransaction,
        state: &AppState,
        row: &model::Model,
        _: &Self::Found,
        outcome: &Outcome,
    ) -> ApiResult<()> {
        let what = format!("the task {}", row.task);
        let data = json!({ "channel": "task", "id": row.id, "error": outcome.error() });
        alerts::delivery_failed(txn, state, Some(row.company_id), &what, data).await
    }

    async fn settled(
        txn: &DatabaseTransaction,
        _: &AppState,
        (id, result): &Self::Found,
        _: &Outcome,
    ) -> ApiResult<()> {
        if let Some(result) = result {
            model::Entity::update_many()
                .col_expr(model::Column::Result, Expr::value(result.clone()))
                .filter(model::Column::Id.eq(*id))
                .exec(txn)
                .await?;
        }
        Ok(())
    }

    async fn committed(state: &AppState, row: &model::Model) {
        if let Some(user_id) = row.acting_user {
            state.realtime.send(vec![changed(user_id, json!({ "id": row.id }))]).await;
        }
    }
}
