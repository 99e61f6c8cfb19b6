//! A user's inbox: the in-app notifications, read, unread or archived, and the unread
//! counter the bell shows.
//!
//! The counter lives in the cache (Redis, or in process) and moves by exactly what each
//! change did: every change that takes a row out of the unread set is one conditional
//! `UPDATE` on that set, and its row count is what the counter loses, so concurrent
//! marks and arrivals keep it exact. A missing counter is counted from the database.

use std::time::Duration;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Select,
};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;
use uuid::Uuid;

use super::model::{channel, notification};
use super::preferences::{Category, Channel};
use crate::app::AppState;
use crate::error::{ApiError, ApiResult};
use crate::http::pagination::{Page, PageQuery, paginate_by_id};
use crate::infra::realtime::UserMessage;
use crate::platform::email::model as email;
use crate::platform::push::model::message as push;
use crate::platform::sms::model as sms;

/// How long a counter is trusted before it is counted again.
const COUNTER_TTL: Duration = Duration::from_secs(600);

/// A notification as its recipient sees it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct NotificationOut {
    pub id: Uuid,
    pub user_id: Uuid,
    pub title: String,
    pub message: String,
    pub category: Category,
    /// 0 low, 1 normal, 2 high, 3 urgent.
    pub priority: i16,
    /// The app's path to open (`/hse/incidents/…`).
    pub link: Option<String>,
    #[schema(value_type = Object)]
    pub data: serde_json::Value,
    pub created_at: DateTime<Utc>,
    pub read_at: Option<DateTime<Utc>>,
    pub archived_at: Option<DateTime<Utc>>,
}

impl From<notification::Model> for NotificationOut {
    fn from(n: notification::Model) -> Self {
        Self {
            id: n.id,
            user_id: n.user_id,
            title: n.title,
            message: n.message,
            category: Category::parse(&n.category),
            priority: n.priority,
            link: n.link,
            data: n.data,
            created_at: n.created_at,
            read_at: n.read_at,
            archived_at: n.archived_at,
        }
    }
}

/// What became of the notification on one channel.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ChannelOut {
    pub channel: Channel,
    /// `pending`, `sent`, `failed`, `skipped` or `deferred`.
    pub status: String,
    /// Why it was skipped or deferred: `below_min_priority`, `category_muted`,
    /// `channel_disabled`, `sms_urgent_only`, `no_phone`, `no_device`, `dnd`, `digest`.
    pub reason: Option<String>,
    /// Until when it is deferred.
    pub deliver_at: Option<DateTime<Utc>>,
}

/// Which notifications a list shows.
#[derive(Debug, Default)]
pub struct InboxFilter {
    pub unread_only: bool,
    pub archived: bool,
    pub category: Option<Category>,
}

fn inbox_of(user_id: Uuid) -> Select<notification::Entity> {
    notification::Entity::find()
        .filter(notification::Column::UserId.eq(user_id))
        .filter(notification::Column::InApp.eq(true))
}

/// The unread set the counter counts.
fn unread_of(user_id: Uuid) -> Select<notification::Entity> {
    inbox_of(user_id).filter(notification::Column::ReadAt.is_null()).filter(notification::Column::ArchivedAt.is_null())
}

pub async fn list(
    db: &impl ConnectionTrait,
    user_id: Uuid,
    filter: InboxFilter,
    page: &PageQuery,
) -> ApiResult<Page<NotificationOut>> {
    let mut rows = inbox_of(user_id);
    rows = if filter.archived {
        rows.filter(notification::Column::ArchivedAt.is_not_null())
    } else {
        rows.filter(notification::Column::ArchivedAt.is_null())
    };
    if filter.unread_only {
        rows = rows.filter(notification::Column::ReadAt.is_null());
    }
    if let Some(category) = filter.category {
        rows = rows.filter(notification::Column::Category.eq(category.as_str()));
    }
    let found = paginate_by_id(db, rows, notification::Column::Id, |n| n.id, page).await?;
    Ok(found.map(NotificationOut::from))
}

/// One of the user's notifications (another's is 404), with its channels.
pub async fn get(db: &impl ConnectionTrait, user_id: Uuid, id: Uuid) -> ApiResult<(NotificationOut, Vec<ChannelOut>)> {
    let found = find(db, user_id, id).await?;
    let rows = channel::Entity::find()
        .filter(channel::Column::NotificationId.eq(id))
        .order_by_asc(channel::Column::Channel)
        .all(db)
        .await?;
    let mut channels = Vec::with_capacity(rows.len());
    for row in rows {
        channels.push(channel_out(db, row).await?);
    }
    Ok((found.into(), channels))
}

async fn find(db: &impl ConnectionTrait, user_id: Uuid, id: Uuid) -> ApiResult<notification::Model> {
    inbox_of(user_id).filter(notification::Column::Id.eq(id)).one(db).await?.ok_or(ApiError::not_found("notification"))
}

/// A channel's status: what was written, or, for a queued one, where its queue rows
/// stand now.
async fn channel_out(db: &impl ConnectionTrait, row: channel::Model) -> ApiResult<ChannelOut> {
    let refs: Vec<Uuid> = serde_json::from_value(row.refs).unwrap_or_default();
    let channel = Channel::parse(&row.channel).unwrap_or(Channel::InApp);
    let mut status = row.status;
    if !refs.is_empty() && (status == "pending" || status == "deferred") {
        let statuses: Vec<String> = match channel {
            Channel::Email => {
                queue_statuses::<email::Entity>(db, email::Column::Id, email::Column::Status, &refs).await?
            }
            Channel::Sms => queue_statuses::<sms::Entity>(db, sms::Column::Id, sms::Column::Status, &refs).await?,
            Channel::Push => queue_statuses::<push::Entity>(db, push::Column::Id, push::Column::Status, &refs).await?,
            Channel::InApp => Vec::new(),
        };
        let waiting = row.deliver_at.is_some_and(|at| at > Utc::now());
        status = if statuses.iter().any(|s| s == "sent") {
            "sent".into()
        } else if !statuses.is_empty() && statuses.iter().all(|s| s == "failed") {
            "failed".into()
        } else if waiting {
            "deferred".into()
        } else {
            "pending".into()
        };
    }
    Ok(ChannelOut { channel, status, reason: row.reason, deliver_at: row.deliver_at })
}

async fn queue_statuses<E: EntityTrait>(
    db: &impl ConnectionTrait,
    id: E::Column,
    status: E::Column,
    refs: &[Uuid],
) -> ApiResult<Vec<String>> {
    Ok(E::find().select_only().column(status).filter(id.is_in(refs.to_vec())).into_tuple().all(db).await?)
}

/// Marks one notification read; the counter drops if it was unread.
pub async fn mark_read(state: &AppState, user_id: Uuid, id: Uuid) -> ApiResult<NotificationOut> {
    let now = Utc::now();
    let read = Expr::value(now);
    let counted = notification::Entity::update_many()
        .col_expr(notification::Column::ReadAt, read.clone())
        .filter(notification::Column::Id.eq(id))
        .filter(notification::Column::UserId.eq(user_id))
        .filter(notification::Column::InApp.eq(true))
        .filter(notification::Column::ReadAt.is_null())
        .filter(notification::Column::ArchivedAt.is_null())
        .exec(&state.db)
        .await?
        .rows_affected;
    if counted == 0 {
        // Archived, or read already: read it without touching the counter.
        notification::Entity::update_many()
            .col_expr(notification::Column::ReadAt, read)
            .filter(notification::Column::Id.eq(id))
            .filter(notification::Column::UserId.eq(user_id))
            .filter(notification::Column::ReadAt.is_null())
            .exec(&state.db)
            .await?;
    }
    let found = find(&state.db, user_id, id).await?;
    count_departures(state, user_id, counted).await;
    Ok(found.into())
}

/// Marks every unread notification read: how many were.
pub async fn mark_all_read(state: &AppState, user_id: Uuid) -> ApiResult<u64> {
    let ids: Vec<Uuid> =
        unread_of(user_id).select_only().column(notification::Column::Id).into_tuple().all(&state.db).await?;
    if ids.is_empty() {
        return Ok(0);
    }
    let mut marked = 0;
    for chunk in ids.chunks(1000) {
        marked += notification::Entity::update_many()
            .col_expr(notification::Column::ReadAt, Expr::value(Utc::now()))
            .filter(notification::Column::Id.is_in(chunk.to_vec()))
            .filter(notification::Column::ReadAt.is_null())
            .filter(notification::Column::ArchivedAt.is_null())
            .exec(&state.db)
            .await?
            .rows_affected;
    }
    count_departures(state, user_id, marked).await;
    Ok(marked)
}

/// Archives a notification (out of the inbox, kept); the counter drops if it was unread.
pub async fn archive(state: &AppState, user_id: Uuid, id: Uuid) -> ApiResult<NotificationOut> {
    let archive = || {
        notification::Entity::update_many()
            .col_expr(notification::Column::ArchivedAt, Expr::value(Utc::now()))
            .filter(notification::Column::Id.eq(id))
            .filter(notification::Column::UserId.eq(user_id))
            .filter(notification::Column::ArchivedAt.is_null())
    };
    let counted = archive().filter(notification::Column::ReadAt.is_null()).exec(&state.db).await?.rows_affected;
    if counted == 0 {
        archive().exec(&state.db).await?;
    }
    let found = find(&state.db, user_id, id).await?;
    count_departures(state, user_id, counted).await;
    Ok(found.into())
}

fn counter_key(user_id: Uuid) -> String {
    format!("notifications:unread:{user_id}")
}

/// The user's unread count: the cached counter, else counted.
pub async fn unread_count(state: &AppState, user_id: Uuid) -> ApiResult<i64> {
    let key = counter_key(user_id);
    match state.cache.get(&key).await {
        Ok(Some(bytes)) => {
            if let Some(count) = std::str::from_utf8(&bytes).ok().and_then(|t| t.parse().ok()) {
                return Ok(count);
            }
        }
        Ok(None) => {}
        Err(err) => tracing::warn!(error = format!("{err:#}"), "unread counter unavailable; counting"),
    }
    let counted = i64::try_from(unread_of(user_id).count(&state.db).await?).unwrap_or(i64::MAX);
    if let Err(err) = state.cache.set_if_absent(&key, counted.to_string().as_bytes(), COUNTER_TTL).await {
        tracing::warn!(error = format!("{err:#}"), "unread counter not stored");
    }
    Ok(counted)
}

/// Takes committed departures off the counter and tells the user's streams.
async fn count_departures(state: &AppState, user_id: Uuid, removed: u64) {
    if removed == 0 {
        return;
    }
    let removed = i64::try_from(removed).unwrap_or(i64::MAX);
    let count = match move_counter(state, user_id, -removed).await {
        Some(count) => count,
        None => unread_count(state, user_id).await.unwrap_or_default(),
    };
    state.realtime.send(vec![unread_message(user_id, count)]).await;
}

/// Moves the counter by committed arrivals (or departures, negative): the new count,
/// when there is a counter.
pub(super) async fn move_counter(state: &AppState, user_id: Uuid, delta: i64) -> Option<i64> {
    match state.cache.add_if_present(&counter_key(user_id), delta).await {
        Ok(count) => count,
        Err(err) => {
            // The count can no longer be trusted: let the next read count again.
            tracing::warn!(error = format!("{err:#}"), "unread counter not moved");
            let _ = state.cache.delete(&counter_key(user_id)).await;
            None
        }
    }
}

/// The stream message for a new notification; its id is where a stream resumes.
pub fn message(n: &NotificationOut) -> UserMessage {
    UserMessage { user_id: n.user_id, event: "notification".into(), id: Some(n.id.to_string()), data: json!(n) }
}

pub fn unread_message(user_id: Uuid, count: i64) -> UserMessage {
    UserMessage { user_id, event: "unread".into(), id: None, data: json!({ "unread": count }) }
}

/// The user's notifications after `after` (oldest first, at most `limit`): what a
/// stream that may have missed some sends again.
pub async fn since(
    db: &impl ConnectionTrait,
    user_id: Uuid,
    after: Uuid,
    limit: u64,
) -> ApiResult<Vec<NotificationOut>> {
    let rows = inbox_of(user_id)
        .filter(notification::Column::Id.gt(after))
        .order_by_asc(notification::Column::Id)
        .limit(limit)
        .all(db)
        .await?;
    Ok(rows.into_iter().map(NotificationOut::from).collect())
}
