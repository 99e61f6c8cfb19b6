//! One try at a delivery, the same for every channel (email, SMS, push, webhook): claim
//! the row, let the channel try, record what each provider answered, and settle the row
//! in one transaction: done, queued again after a backoff, or failed with an alert.

use std::future::Future;
use std::marker::PhantomData;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseTransaction, QueryFilter};
use uuid::Uuid;

use super::holds;
use super::retry::RetryPolicy;
use super::rows::{self, DeliveryTable};
use super::service::{self as attempts, Attempt};
use crate::app::AppState;
use crate::config::Settings;
use crate::error::ApiResult;
use crate::infra::db::begin_write;
use crate::infra::provider::{Accepted, Refusal};
use crate::module::Dispatch;

pub const FAILED: &str = "failed";

/// What one provider answered.
#[derive(Debug)]
pub struct ProviderTry {
    pub provider: &'static str,
    pub started_at: DateTime<Utc>,
    pub duration: std::time::Duration,
    /// `None` when the provider took it.
    pub error: Option<String>,
    pub response_status: Option<u16>,
    /// The provider's id for the message.
    pub reference: Option<String>,
}

impl ProviderTry {
    /// Times `work`, keeping its error's whole chain (`{:#}`) in the log.
    pub async fn time<T, E: std::fmt::Display>(
        provider: &'static str,
        work: impl Future<Output = Result<T, E>>,
    ) -> (Self, Result<T, E>) {
        let started_at = Utc::now();
        let clock = Instant::now();
        let result = work.await;
        let duration = clock.elapsed();
        let error = result.as_ref().err().map(|e| format!("{e:#}"));
        (Self { provider, started_at, duration, error, response_status: None, reference: None }, result)
    }

    /// Calls an SMS or push provider, keeping its HTTP status and message id; returns
    /// its refusal, if it refused.
    pub async fn call(
        provider: &'static str,
        work: impl Future<Output = Result<Accepted, Refusal>>,
    ) -> (Self, Option<Refusal>) {
        let (mut tried, result) = Self::time(provider, work).await;
        match result {
            Ok(accepted) => {
                (tried.response_status, tried.reference) = (accepted.status, accepted.reference);
                (tried, None)
            }
            Err(refusal) => {
                tried.response_status = refusal.status;
                (tried, Some(refusal))
            }
        }
    }

    /// A try that failed before reaching a provider (a message that cannot be built).
    pub fn failed_before(provider: &'static str, error: impl std::fmt::Display) -> Self {
        let error = Some(format!("{error:#}"));
        Self {
            provider,
            started_at: Utc::now(),
            duration: Default::default(),
            error,
            response_status: None,
            reference: None,
        }
    }
}

/// One try of a delivery: the providers asked in turn (a fallback after the main one),
/// and whether trying again could help.
#[derive(Debug, Default)]
pub struct Outcome {
    pub tries: Vec<ProviderTry>,
    /// Trying again cannot help: a device token the provider no longer knows, an
    /// endpoint that was deleted.
    pub permanent: bool,
}

impl Outcome {
    pub fn of(provider_try: ProviderTry) -> Self {
        Self { tries: vec![provider_try], permanent: false }
    }

    /// The last provider's error; `None` when the delivery went through.
    pub fn error(&self) -> Option<&str> {
        match self.tries.last() {
            Some(last) => last.error.as_deref(),
            None => Some("no provider was tried"),
        }
    }

    pub fn response_status(&self) -> Option<u16> {
        self.tries.last().and_then(|t| t.response_status)
    }

    pub fn reference(&self) -> Option<&str> {
        self.tries.last().and_then(|t| t.reference.as_deref())
    }
}

/// A delivery channel: its table, its provider call and what happens after the last try.
#[async_trait::async_trait]
pub trait Channel: DeliveryTable
where
    Self::Model: Sync,
{
    /// The status of a delivery that went through (`sent`, `delivered`).
    const DONE: &'static str;
    /// What `attempt` found and the settling steps need again (the webhook's endpoint).
    type Found: Send + Sync;

    fn policy(settings: &Settings) -> RetryPolicy;

    /// One try, through the channel's providers.
    async fn attempt(state: &AppState, row: &Self::Model) -> (Outcome, Self::Found);

    /// After the last try failed, in the transaction that marks the row failed.
    async fn gave_up(
        txn: &DatabaseTransaction,
        state: &AppState,
        row: &Self::Model,
        found: &Self::Found,
        outcome: &Outcome,
    ) -> ApiResult<()>;

    /// After every try, in the settling transaction.
    async fn settled(
        _txn: &DatabaseTransaction,
        _state: &AppState,
        _found: &Self::Found,
        _outcome: &Outcome,
    ) -> ApiResult<()> {
        Ok(())
    }

    /// Once the settling transaction committed: tell whoever waits on the row.
    async fn committed(_state: &AppState, _row: &Self::Model) {}
}

/// Runs one try of delivery `id` on channel `C`. A provider's refusal is not an error
/// here: it is a recorded try, and the row says when to try next. An error means the
/// platform itself failed (database down…), and the queue runs the job again.
pub async fn deliver<C: Channel>(state: &AppState, id: Uuid) -> anyhow::Result<()>
where
    C::Model: Sync,
{
    let lease = state.settings.delivery.lease();
    let Some((row, until)) = rows::claim::<C>(&state.db, lease, id).await? else {
        return Ok(());
    };
    let held = state.holds.hold(C::NAME, id, until);
    let db = state.db.clone();
    let renew = move |until| {
        let db = db.clone();
        async move { rows::renew::<C>(&db, lease, id, until).await }
    };
    let (outcome, found) = holds::keep_alive(&held, lease, renew, C::attempt(state, &row)).await;
    // The provider has answered: what it said must be written, even through a
    // database hiccup, or the row would be tried (and sent) again.
    let mut pause = Duration::from_millis(100);
    loop {
        match settle::<C>(state, id, &row, held.until(), &outcome, &found).await {
            Ok(()) => return Ok(()),
            Err(err) if Utc::now() + pause < held.until() => {
                tracing::warn!(channel = C::NAME, delivery = %id, error = format!("{err:#}"), "cannot record a try yet; retrying");
                tokio::time::sleep(pause).await;
                pause = (pause * 2).min(Duration::from_secs(5));
            }
            Err(err) => return Err(err),
        }
    }
}

/// Records a try and its outcome in one transaction: done, queued again after a
/// backoff, or failed with an alert. Nothing is written when the hold was lost (a
/// worker that stalled past it): the row belongs to whoever took it over.
async fn settle<C: Channel>(
    state: &AppState,
    id: Uuid,
    row: &C::Model,
    held_until: DateTime<Utc>,
    outcome: &Outcome,
    found: &C::Found,
) -> anyhow::Result<()>
where
    C::Model: Sync,
{
    let (made, allowed) = C::tries(row);
    let attempt = made + 1;
    let txn = begin_write(&state.db).await?;
    for provider_try in &outcome.tries {
        let entry = Attempt {
            channel: C::NAME,
            delivery_id: id,
            attempt,
            started_at: provider_try.started_at,
            duration: provider_try.duration,
            provider: provider_try.provider,
            error: provider_try.error.clone(),
            response_status: provider_try.response_status,
        };
        attempts::record(&txn, entry).await?;
    }
    let now = Utc::now();
    let error = outcome.error().map(str::to_owned);
    let mut update = C::update_many()
        .col_expr(C::attempts(), Expr::value(attempt))
        .col_expr(C::locked_until(), Expr::value(None::<DateTime<Utc>>))
        .col_expr(C::last_error(), Expr::value(error.clone()))
        .filter(rows::held::<C>(id, held_until));
    if let Some(column) = C::response_status() {
        update = update.col_expr(column, Expr::value(outcome.response_status().map(i32::from)));
    }
    if let Some(column) = C::provider_ref() {
        update = update.col_expr(column, Expr::value(outcome.reference().map(str::to_owned)));
    }
    let gave_up = match &error {
        None => {
            update = update.col_expr(C::status(), Expr::value(C::DONE)).col_expr(C::finished_at(), Expr::value(now));
            false
        }
        Some(err) if attempt >= allowed || outcome.permanent => {
            tracing::warn!(channel = C::NAME, delivery = %id, attempt, error = %err, "delivery failed for good");
            update = update.col_expr(C::status(), Expr::value(FAILED));
            true
        }
        Some(err) => {
            let delay = C::policy(&state.settings).delay_after(attempt);
            tracing::info!(channel = C::NAME, delivery = %id, attempt, retry_in_ms = delay.as_millis(), error = %err, "delivery try failed");
            update = update
                .col_expr(C::status(), Expr::value(rows::QUEUED))
                .col_expr(C::next_attempt_at(), Expr::value(now + delay))
                .col_expr(C::enqueued_at(), Expr::value(None::<DateTime<Utc>>));
            false
        }
    };
    if update.exec(&txn).await?.rows_affected == 0 {
        txn.rollback().await?;
        tracing::warn!(channel = C::NAME, delivery = %id, attempt, "this try's hold ran out and another worker took the delivery over; its outcome is not recorded");
        return Ok(());
    }
    if gave_up {
        C::gave_up(&txn, state, row, found, outcome).await?;
    }
    C::settled(&txn, state, found, outcome).await?;
    txn.commit().await?;
    C::committed(state, row).await;
    Ok(())
}

/// Gives a finished delivery (done or failed) a fresh set of tries, starting now; an
/// administrator's resend or replay. `None` when it is still queued or being sent.
pub async fn requeue<C: Channel>(
    db: &impl ConnectionTrait,
    settings: &Settings,
    id: Uuid,
) -> ApiResult<Option<C::Model>>
where
    C::Model: Sync,
{
    let more = C::policy(settings).max_attempts;
    let mut requeued = C::update_many()
        .col_expr(C::status(), Expr::value(rows::QUEUED))
        .col_expr(C::max_attempts(), Expr::col(C::attempts()).add(more))
        .col_expr(C::next_attempt_at(), Expr::value(Utc::now()))
        .col_expr(C::enqueued_at(), Expr::value(None::<DateTime<Utc>>))
        .filter(C::id().eq(id))
        .filter(C::status().is_in([C::DONE, FAILED]))
        .exec_with_returning(db)
        .await?;
    Ok(requeued.pop())
}

/// A channel as the job dispatch and the relay see it: `Deliveries::<C>::NEW` in its
/// module's `channels()`.
pub struct Deliveries<C>(PhantomData<fn() -> C>);

impl<C> Deliveries<C> {
    pub const NEW: Self = Self(PhantomData);
}

#[async_trait::async_trait]
impl<C: Channel> Dispatch for Deliveries<C>
where
    C::Model: Sync,
{
    fn kind(&self) -> &'static str {
        C::NAME
    }

    async fn push_due(&self, state: &AppState) -> anyhow::Result<usize> {
        rows::push_due::<C>(state).await
    }

    async fn perform(&self, state: &AppState, id: Uuid) -> anyhow::Result<()> {
        deliver::<C>(state, id).await
    }

    async fn due(&self, state: &AppState) -> anyhow::Result<Vec<Uuid>> {
        rows::due_now::<C>(&state.db).await
    }

    async fn release(&self, state: &AppState, id: Uuid, held_until: DateTime<Utc>) -> anyhow::Result<bool> {
        rows::release::<C>(&state.db, id, held_until).await
    }

    async fn forget_pushes(&self, state: &AppState) -> anyhow::Result<u64> {
        rows::forget_pushes::<C>(&state.db).await
    }

    async fn past_hold(&self, state: &AppState, before: DateTime<Utc>) -> anyhow::Result<u64> {
        rows::past_hold::<C>(&state.db, before).await
    }
}
