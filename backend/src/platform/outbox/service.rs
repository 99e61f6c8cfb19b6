//! Writing events, and fanning them out.

use chrono::Utc;
use sea_orm::sea_query::{Expr, ExprTrait, LockBehavior, LockType};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use serde_json::{Value, json};
use uuid::Uuid;

use super::model::{self, Entity as Events};
use crate::app::AppState;
use crate::error::ApiResult;
use crate::infra::db::begin_write;
use crate::module::AfterCommit;
use crate::platform::audit::service::Actor;

const BATCH: u64 = 200;

/// Writes an event. Call it inside the transaction of the change it reports.
pub async fn emit(
    db: &impl ConnectionTrait,
    company_id: Option<Uuid>,
    event_type: &str,
    data: Value,
    actor: &Actor,
) -> ApiResult<Uuid> {
    emit_with_id(db, Uuid::now_v7(), company_id, event_type, data, actor).await
}

/// [`emit`] with an id chosen beforehand (to point at the event from another row).
pub async fn emit_with_id(
    db: &impl ConnectionTrait,
    id: Uuid,
    company_id: Option<Uuid>,
    event_type: &str,
    data: Value,
    actor: &Actor,
) -> ApiResult<Uuid> {
    event(id, company_id, event_type, data, actor).insert(db).await?;
    Ok(id)
}

/// Several events about one change (`hse.incident.created` and `.submitted`, say),
/// written in one statement.
pub async fn emit_all(
    db: &impl ConnectionTrait,
    company_id: Option<Uuid>,
    event_types: &[&str],
    data: Value,
    actor: &Actor,
) -> ApiResult<()> {
    let events = event_types.iter().map(|t| event(Uuid::now_v7(), company_id, t, data.clone(), actor));
    Events::insert_many(events).exec_without_returning(db).await?;
    Ok(())
}

fn event(id: Uuid, company_id: Option<Uuid>, event_type: &str, data: Value, actor: &Actor) -> model::ActiveModel {
    let payload = json!({
        "data": data,
        "company_id": company_id,
        "actor": { "user_id": actor.user_id, "api_token_id": actor.api_token_id },
    });
    model::ActiveModel {
        id: Set(id),
        company_id: Set(company_id),
        event_type: Set(event_type.to_owned()),
        payload: Set(payload),
        created_at: Set(Utc::now()),
        relayed_at: Set(None),
        attempts: Set(0),
        last_error: Set(None),
    }
}

/// The relay's part for events: a batch of pending events, oldest first, goes to every
/// module's subscriber in the transaction that marks the events relayed — so each is
/// handled once, even with several relays (Postgres skips events another relay holds;
/// SQLite has one writer).
pub async fn fan_out(state: &AppState) -> anyhow::Result<usize> {
    let pending = || Events::find().filter(model::Column::RelayedAt.is_null()).order_by_asc(model::Column::Id);
    // A plain read first: most rounds find nothing and take no lock.
    if pending().limit(1).one(&state.db).await?.is_none() {
        return Ok(0);
    }
    let txn = begin_write(&state.db).await?;
    let events =
        pending().limit(BATCH).lock_with_behavior(LockType::Update, LockBehavior::SkipLocked).all(&txn).await?;
    let ids: Vec<Uuid> = events.iter().map(|e| e.id).collect();
    let after_commit = match hand_out(&txn, state, &events).await {
        Ok(after_commit) => after_commit,
        Err(err) => {
            drop(txn);
            Events::update_many()
                .col_expr(model::Column::Attempts, Expr::col(model::Column::Attempts).add(1))
                .col_expr(model::Column::LastError, Expr::value(err.to_string()))
                .filter(model::Column::Id.is_in(ids))
                .exec(&state.db)
                .await?;
            return Err(anyhow::anyhow!("handing out events: {err}"));
        }
    };
    Events::update_many()
        .col_expr(model::Column::RelayedAt, Expr::value(Utc::now()))
        .filter(model::Column::Id.is_in(ids))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    for work in after_commit {
        work(state.clone()).await;
    }
    Ok(events.len())
}

async fn hand_out(txn: &DatabaseTransaction, state: &AppState, events: &[model::Model]) -> ApiResult<AfterCommit> {
    let mut after_commit = AfterCommit::new();
    for subscriber in state.modules.iter().filter_map(|m| m.subscriber()) {
        after_commit.extend(subscriber.handle(txn, state, events).await?);
    }
    Ok(after_commit)
}

/// Periodic clean-up: events relayed more than 30 days ago (their deliveries keep a
/// copy of the payload).
pub async fn purge_relayed(state: &AppState) -> anyhow::Result<u64> {
    let cutoff = Utc::now() - chrono::Duration::days(30);
    let purged = Events::delete_many().filter(model::Column::RelayedAt.lt(cutoff)).exec(&state.db).await?;
    Ok(purged.rows_affected)
}
