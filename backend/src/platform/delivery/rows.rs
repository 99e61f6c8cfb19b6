//! The life of a delivery row, the same for every channel: the relay claims due rows
//! that have no job and pushes one; a job claims its row before working on it, so a
//! duplicate job, or a second worker, does nothing.
//!
//! A row has `status` (`queued` → `sending` → `sent`/`delivered` or `failed`),
//! `next_attempt_at`, `enqueued_at` (a job was pushed and has not started yet) and
//! `locked_until` (a worker holds it). The holder renews its hold while a try lasts;
//! the hold of a worker that died runs out, and the row is then due again like a
//! queued one. The hold's end is also its fence: a worker settles, renews or hands
//! back a row only while `locked_until` is still the value it wrote.

use std::time::Duration;

use chrono::{DateTime, SubsecRound, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::sea_query::{LockBehavior, LockType};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};
use uuid::Uuid;

use crate::app::AppState;
use crate::infra::db::begin_write;
use crate::infra::queue::Job;

const RELAY_BATCH: u64 = 200;

pub const QUEUED: &str = "queued";
pub const SENDING: &str = "sending";

/// A table of deliveries: the columns the relay, the claim and the settling of a try
/// work on. Implemented with `delivery_table!`, for tables that use the usual names.
pub trait DeliveryTable: EntityTrait {
    /// `email`, `sms`, `push` or `webhook`: the job kind, and the channel in the
    /// attempts log.
    const NAME: &'static str;
    fn id() -> Self::Column;
    fn status() -> Self::Column;
    fn attempts() -> Self::Column;
    fn max_attempts() -> Self::Column;
    fn next_attempt_at() -> Self::Column;
    fn enqueued_at() -> Self::Column;
    fn locked_until() -> Self::Column;
    fn last_error() -> Self::Column;
    /// When it went through (`sent_at`, `delivered_at`).
    fn finished_at() -> Self::Column;
    /// Lower first, when the table has priorities.
    fn priority() -> Option<Self::Column> {
        None
    }
    /// Where the last HTTP status is kept, for channels that have one.
    fn response_status() -> Option<Self::Column> {
        None
    }
    /// Where the provider's id for the message is kept, for channels that have one.
    fn provider_ref() -> Option<Self::Column> {
        None
    }
    /// Tries made so far and tries allowed, from a row.
    fn tries(row: &Self::Model) -> (i32, i32);
}

/// `delivery_table!(model, "sms", finished: SentAt, response_status: ResponseStatus,
/// provider_ref: ProviderRef)` implements `DeliveryTable` for `model::Entity`.
#[macro_export]
macro_rules! delivery_table {
    ($model:ident, $name:literal, finished: $finished:ident $(, priority: $priority:ident)? $(, response_status: $status:ident)? $(, provider_ref: $reference:ident)?) => {
        impl $crate::platform::delivery::rows::DeliveryTable for $model::Entity {
            const NAME: &'static str = $name;
            fn id() -> $model::Column {
                $model::Column::Id
            }
            fn status() -> $model::Column {
                $model::Column::Status
            }
            fn attempts() -> $model::Column {
                $model::Column::Attempts
            }
            fn max_attempts() -> $model::Column {
                $model::Column::MaxAttempts
            }
            fn next_attempt_at() -> $model::Column {
                $model::Column::NextAttemptAt
            }
            fn enqueued_at() -> $model::Column {
                $model::Column::EnqueuedAt
            }
            fn locked_until() -> $model::Column {
                $model::Column::LockedUntil
            }
            fn last_error() -> $model::Column {
                $model::Column::LastError
            }
            fn finished_at() -> $model::Column {
                $model::Column::$finished
            }
            fn tries(row: &$model::Model) -> (i32, i32) {
                (row.attempts, row.max_attempts)
            }
            $(fn priority() -> Option<$model::Column> {
                Some($model::Column::$priority)
            })?
            $(fn response_status() -> Option<$model::Column> {
                Some($model::Column::$status)
            })?
            $(fn provider_ref() -> Option<$model::Column> {
                Some($model::Column::$reference)
            })?
        }
    };
}

/// Claims the table's due rows that have no job, in one transaction (Postgres skips
/// rows another relay holds; SQLite has one writer), then pushes their jobs at once.
/// Rows whose push failed are handed back, and the round reports the failure.
pub async fn push_due<T: DeliveryTable>(state: &AppState) -> anyhow::Result<usize> {
    let now = Utc::now();
    let lost_before = now - chrono::Duration::seconds(state.settings.delivery.requeue_after_secs);
    let due = || {
        due_at::<T>(now).filter(Condition::any().add(T::enqueued_at().is_null()).add(T::enqueued_at().lt(lost_before)))
    };
    // A plain read first: most rounds find nothing and take no lock.
    if due().limit(1).into_tuple::<Uuid>().one(&state.db).await?.is_none() {
        return Ok(0);
    }
    let txn = begin_write(&state.db).await?;
    let ids: Vec<Uuid> =
        due().lock_with_behavior(LockType::Update, LockBehavior::SkipLocked).into_tuple().all(&txn).await?;
    T::update_many().col_expr(T::enqueued_at(), Expr::value(now)).filter(T::id().is_in(ids.clone())).exec(&txn).await?;
    txn.commit().await?;

    let jobs = ids.iter().map(|&id| Job { kind: T::NAME.to_owned(), id }).collect();
    let mut failed = Vec::new();
    let mut last_error = None;
    for (id, pushed) in state.queue().await?.push_all(jobs).await {
        if let Err(err) = pushed {
            failed.push(id);
            last_error = Some(err);
        }
    }
    if let Some(err) = last_error {
        T::update_many()
            .col_expr(T::enqueued_at(), Expr::value(None::<DateTime<Utc>>))
            .filter(T::id().is_in(failed))
            .exec(&state.db)
            .await?;
        return Err(err);
    }
    Ok(ids.len())
}

/// Takes a row for one try, and returns it with the end of the hold: due and queued,
/// or held by a worker whose hold ran out. `None` means someone else has it, it is
/// not due, or it is finished. The job that claimed it is spent: `enqueued_at` is
/// cleared, so the relay pushes a new one if this hold runs out.
pub async fn claim<T: DeliveryTable>(
    db: &impl ConnectionTrait,
    lease: Duration,
    id: Uuid,
) -> anyhow::Result<Option<(T::Model, DateTime<Utc>)>> {
    let now = Utc::now();
    let until = hold_end(now, lease);
    let mut claimed = T::update_many()
        .col_expr(T::status(), Expr::value(SENDING))
        .col_expr(T::locked_until(), Expr::value(until))
        .col_expr(T::enqueued_at(), Expr::value(None::<DateTime<Utc>>))
        .filter(T::id().eq(id))
        .filter(due_condition::<T>(now))
        .exec_with_returning(db)
        .await?;
    Ok(claimed.pop().map(|row| (row, until)))
}

/// Extends a hold that is still ours; `None` when another worker has taken the row.
pub async fn renew<T: DeliveryTable>(
    db: &impl ConnectionTrait,
    lease: Duration,
    id: Uuid,
    held_until: DateTime<Utc>,
) -> anyhow::Result<Option<DateTime<Utc>>> {
    let until = hold_end(Utc::now(), lease);
    let renewed = T::update_many()
        .col_expr(T::locked_until(), Expr::value(until))
        .filter(held::<T>(id, held_until))
        .exec(db)
        .await?;
    Ok((renewed.rows_affected == 1).then_some(until))
}

/// Hands a row this worker holds back to the queue, due now (a worker shutting down
/// before its try finished). `false` when the hold was no longer ours.
pub async fn release<T: DeliveryTable>(
    db: &impl ConnectionTrait,
    id: Uuid,
    held_until: DateTime<Utc>,
) -> anyhow::Result<bool> {
    let released = T::update_many()
        .col_expr(T::status(), Expr::value(QUEUED))
        .col_expr(T::locked_until(), Expr::value(None::<DateTime<Utc>>))
        .col_expr(T::enqueued_at(), Expr::value(None::<DateTime<Utc>>))
        .col_expr(T::next_attempt_at(), Expr::value(Utc::now()))
        .filter(held::<T>(id, held_until))
        .exec(db)
        .await?;
    Ok(released.rows_affected == 1)
}

/// The row `id` while this hold on it lasts: the fence of every write after a claim.
pub fn held<T: DeliveryTable>(id: Uuid, held_until: DateTime<Utc>) -> Condition {
    Condition::all().add(T::id().eq(id)).add(T::status().eq(SENDING)).add(T::locked_until().eq(held_until))
}

/// Forgets every job pushed for the table's queued rows, so the relay pushes them
/// again at once: after the queue lost its jobs (a Redis that came back empty), or when
/// a worker stops with jobs it fetched and will not run. A job pushed twice is
/// harmless: the second finds the row claimed or finished.
pub async fn forget_pushes<T: DeliveryTable>(db: &impl ConnectionTrait) -> anyhow::Result<u64> {
    let forgotten = T::update_many()
        .col_expr(T::enqueued_at(), Expr::value(None::<DateTime<Utc>>))
        .filter(T::status().eq(QUEUED))
        .filter(T::enqueued_at().is_not_null())
        .exec(db)
        .await?;
    Ok(forgotten.rows_affected)
}

/// Rows still `sending` although their hold ran out before `before`: a worker died
/// with them, and no other has taken them over yet.
pub async fn past_hold<T: DeliveryTable>(db: &impl ConnectionTrait, before: DateTime<Utc>) -> anyhow::Result<u64>
where
    T::Model: Sync,
{
    Ok(T::find().filter(T::status().eq(SENDING)).filter(T::locked_until().lt(before)).count(db).await?)
}

/// Millisecond precision, so the value reads back equal from PostgreSQL and SQLite.
fn hold_end(now: DateTime<Utc>, lease: Duration) -> DateTime<Utc> {
    (now + chrono::TimeDelta::from_std(lease).unwrap_or(chrono::TimeDelta::days(1))).trunc_subsecs(3)
}

/// Due at `now`: queued and its time has come, or held by a worker whose hold ran out.
fn due_condition<T: DeliveryTable>(now: DateTime<Utc>) -> Condition {
    Condition::any()
        .add(Condition::all().add(T::status().eq(QUEUED)).add(T::next_attempt_at().lte(now)))
        .add(Condition::all().add(T::status().eq(SENDING)).add(T::locked_until().lt(now)))
}

/// Ids of the table's rows whose try is due at `now`, most urgent first, a batch.
fn due_at<T: DeliveryTable>(now: DateTime<Utc>) -> sea_orm::Select<T> {
    let select = T::find().select_only().column(T::id()).filter(due_condition::<T>(now));
    match T::priority() {
        Some(priority) => select.order_by_asc(priority),
        None => select,
    }
    .order_by_asc(T::next_attempt_at())
    .limit(RELAY_BATCH)
}

/// The table's rows whose try is due now, pushed or not (a row waiting for a later
/// retry is not due; one whose holder died is), most urgent first.
pub async fn due_now<T: DeliveryTable>(db: &impl ConnectionTrait) -> anyhow::Result<Vec<Uuid>> {
    Ok(due_at::<T>(Utc::now()).into_tuple().all(db).await?)
}
