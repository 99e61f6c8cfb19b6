//! Personal iCal feeds: a URL holding a secret token (kept as its SHA-256) that Outlook
//! or Google Calendar subscribe to. It serves what its owner sees now (series with
//! their rules, changed occurrences with RECURRENCE-ID) from three months back to a
//! year ahead; revoking it, or its owner losing the calendar, makes it 404.

use chrono::{DateTime, Duration, Utc};
use sea_orm::ActiveValue::Set;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde_json::json;

use super::ics::{self, Entry};
use super::model::event::Column;
use super::model::feed;
use super::service::{self, VIEW_PERMISSION};
use crate::app::AppState;
use crate::caller::Caller;
use crate::error::{ApiError, ApiResult};
use crate::http::ratelimit::RateLimit;
use crate::infra::crypto::{random_token, token_hash};
use crate::infra::db::{BaseEntity, begin_write};
use crate::platform::audit::service::{self as audit, Change};
use crate::platform::users::model as user;

/// How far back and ahead a feed reaches.
const PAST: Duration = Duration::days(92);
const AHEAD: Duration = Duration::days(366);
/// At most this many events in a feed.
const MAX_EVENTS: u64 = 2000;
/// Calendar apps poll every few minutes to hours; more than this per hour and token is
/// refused (429).
const READS_PER_HOUR: u32 = 120;

/// The caller's feed, if they have one.
pub async fn status(state: &AppState, caller: &Caller) -> ApiResult<Option<feed::Model>> {
    caller.require(VIEW_PERMISSION)?;
    Ok(feed::Entity::find_by_id(caller.user_id).one(&state.db).await?)
}

/// A new feed URL for the caller; the previous one stops working.
pub async fn create(state: &AppState, caller: &Caller) -> ApiResult<(String, feed::Model)> {
    caller.require(VIEW_PERMISSION)?;
    let token = random_token(32);
    let txn = begin_write(&state.db).await?;
    feed::Entity::delete_by_id(caller.user_id).exec(&txn).await?;
    let row = feed::ActiveModel {
        user_id: Set(caller.user_id),
        token_hash: Set(token_hash(&token)),
        created_at: Set(Utc::now()),
        last_used_at: Set(None),
    }
    .insert(&txn)
    .await?;
    trail(&txn, caller, "create").await?;
    txn.commit().await?;
    let url = format!("{}/api/v1/calendar/feed/{token}.ics", state.settings.public_url.trim_end_matches('/'));
    Ok((url, row))
}

/// Revokes the caller's feed: its URL answers 404 from now on.
pub async fn revoke(state: &AppState, caller: &Caller) -> ApiResult<()> {
    caller.require(VIEW_PERMISSION)?;
    let txn = begin_write(&state.db).await?;
    let deleted = feed::Entity::delete_by_id(caller.user_id).exec(&txn).await?;
    if deleted.rows_affected == 0 {
        return Err(ApiError::not_found("calendar feed"));
    }
    trail(&txn, caller, "delete").await?;
    txn.commit().await?;
    Ok(())
}

async fn trail(db: &sea_orm::DatabaseTransaction, caller: &Caller, action: &str) -> ApiResult<()> {
    let change = Change {
        company_id: caller.company_id,
        action,
        model: "calendar_feed",
        object_id: Some(caller.user_id.to_string()),
        before: None,
        after: Some(json!({ "user_id": caller.user_id })),
    };
    audit::record(db, &caller.actor, change).await
}

/// The iCalendar file a token's feed serves; 404 for an unknown or revoked token, or
/// an owner who may no longer read the calendar.
pub async fn render(state: &AppState, token: &str, now: DateTime<Utc>) -> ApiResult<String> {
    let hash = token_hash(token);
    let found = feed::Entity::find().filter(feed::Column::TokenHash.eq(&hash)).one(&state.db).await?;
    let found = found.ok_or(ApiError::not_found("calendar feed"))?;
    count_read(state, &hash).await?;
    let owner = user::Entity::find_live_by_id(found.user_id).one(&state.db).await?;
    let owner = owner.filter(|u| u.is_active).ok_or(ApiError::not_found("calendar feed"))?;
    let caller = Caller::acting_as(state, owner.id, owner.company_id).await?;
    let rows = service::visible(&caller)
        .map_err(|_| ApiError::not_found("calendar feed"))?
        .filter(Column::StartsAt.lt(now + AHEAD))
        .filter(Condition::any().add(Column::SeriesEndsAt.is_null()).add(Column::SeriesEndsAt.gt(now - PAST)))
        .order_by_asc(Column::StartsAt)
        .limit(MAX_EVENTS)
        .all(&state.db)
        .await?;
    let organizers: Vec<uuid::Uuid> = rows.iter().map(|r| r.organizer_id).collect();
    let organizers: std::collections::HashMap<_, _> = user::Entity::find()
        .filter(user::Column::Id.is_in(organizers))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    let attendees = service::attendees_of(&state.db, rows.iter().map(|r| r.id).collect()).await?;
    let vevents = rows
        .iter()
        .map(|row| {
            let people = attendees.get(&row.id).map_or(&[][..], Vec::as_slice);
            let organizer = organizers.get(&row.organizer_id);
            ics::vevent(&Entry { row, organizer, attendees: people, cancelled: false })
        })
        .collect();
    feed::Entity::update_many()
        .col_expr(feed::Column::LastUsedAt, Expr::value(now))
        .filter(feed::Column::UserId.eq(found.user_id))
        .exec(&state.db)
        .await?;
    let name = format!("OpsFlux — {}", owner.full_name);
    let refs: Vec<_> = rows.iter().collect();
    Ok(ics::document(None, Some(&name), &refs, vevents))
}

async fn count_read(state: &AppState, hash: &str) -> ApiResult<()> {
    let window = std::time::Duration::from_secs(3600);
    match state.cache.incr(&format!("calendar:feed:{hash}"), window).await {
        Ok(counter) => {
            if RateLimit::new(READS_PER_HOUR, counter).exceeded() {
                return Err(ApiError::TooManyRequests { retry_after_secs: counter.resets_in.as_secs().max(1) });
            }
        }
        Err(err) => tracing::warn!(error = format!("{err:#}"), "cannot count the feed read against its limit"),
    }
    Ok(())
}
