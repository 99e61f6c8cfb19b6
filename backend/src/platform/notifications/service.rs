//! Sending a notification: the seed's `send_notification`. One row per recipient in
//! their inbox, and each channel decided from their preferences (`rules`): queued in
//! the email, SMS and push queues, deferred, or skipped with its reason. Everything is
//! written in the caller's transaction, so a notification exists if and only if the
//! change that caused it committed; [`Written::announce`] then tells open streams.

use std::collections::{HashMap, HashSet};

use chrono::Utc;
use futures_util::StreamExt;
use sea_orm::ActiveValue::Set;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use serde_json::{Value, json};
use uuid::Uuid;

use super::SEND_PERMISSION;
use super::inbox::{self, NotificationOut};
use super::model::{channel, notification};
use super::preferences::{self, Category, Channel, Preferences, URGENT};
use super::recipients::{self, Recipient};
use super::rules::{self, Decision, Reach};
use crate::app::AppState;
use crate::caller::Caller;
use crate::error::{ApiError, ApiResult, FieldError};
use crate::infra::db::begin_write;
use crate::infra::push::PushMessage;
use crate::infra::realtime::UserMessage;
use crate::platform::audit::service::{self as audit, Change};
use crate::platform::delivery::secrets::Secrets;
use crate::platform::email::service::{self as email, NewEmail, Priority as EmailPriority};
use crate::platform::i18n::Locale;
use crate::platform::push::model::device;
use crate::platform::push::service as push;
use crate::platform::sms::service::{self as sms, NewSms};
use crate::platform::users::model as user;

/// A notification to send.
#[derive(Debug, Clone)]
pub struct NewNotification {
    pub title: String,
    pub message: String,
    pub category: Category,
    /// 0 low, 1 normal, 2 high, 3 urgent.
    pub priority: i16,
    /// The channels to try (each still subject to preferences); all when `None`.
    pub channels: Option<Vec<Channel>>,
    /// Where the apps open it: a path of the web app (`/hse/incidents/…`).
    pub link: Option<String>,
    pub data: Value,
    pub event_id: Option<Uuid>,
    pub sent_by: Option<Uuid>,
}

impl NewNotification {
    fn validate(&self) -> ApiResult<()> {
        let mut errors = Vec::new();
        let mut fail = |field: &str, code: &str, message: &str| {
            errors.push(FieldError { field: field.into(), code: code.into(), message: message.into() });
        };
        if !(1..=200).contains(&self.title.trim().chars().count()) {
            fail("title", "length", "must hold 1 to 200 characters");
        }
        if !(1..=5000).contains(&self.message.trim().chars().count()) {
            fail("message", "length", "must hold 1 to 5000 characters");
        }
        if !(0..=URGENT).contains(&self.priority) {
            fail("priority", "range", "must be between 0 and 3");
        }
        if let Some(link) = &self.link
            && (!link.starts_with('/') || link.starts_with("//") || link.len() > 500)
        {
            fail("link", "invalid_link", "must be a path of the app, such as /hse/incidents/42");
        }
        if errors.is_empty() { Ok(()) } else { Err(ApiError::Validation(errors)) }
    }
}

/// Notifications written in a transaction, to announce once it has committed.
#[must_use = "announce the notifications once the transaction has committed"]
#[derive(Debug, Default)]
pub struct Written {
    /// The users it was written for.
    pub recipients: usize,
    /// The rows shown in inboxes (the others skipped the in-app channel).
    pub notifications: Vec<NotificationOut>,
}

impl Written {
    pub fn merge(&mut self, other: Written) {
        self.recipients += other.recipients;
        self.notifications.extend(other.notifications);
    }

    /// Counts the new unread notifications and sends them to their users' open streams,
    /// in every API process.
    pub async fn announce(self, state: &AppState) {
        if self.notifications.is_empty() {
            return;
        }
        let mut per_user: HashMap<Uuid, i64> = HashMap::new();
        for n in &self.notifications {
            *per_user.entry(n.user_id).or_default() += 1;
        }
        let counts: Vec<(Uuid, Option<i64>)> = futures_util::stream::iter(per_user)
            .map(|(user_id, added)| async move { (user_id, inbox::move_counter(state, user_id, added).await) })
            .buffer_unordered(64)
            .collect()
            .await;
        let mut messages: Vec<UserMessage> = self.notifications.into_iter().map(|n| inbox::message(&n)).collect();
        messages.extend(counts.into_iter().filter_map(|(user_id, count)| Some(inbox::unread_message(user_id, count?))));
        state.realtime.send(messages).await;
    }
}

/// Sends `new` to the users `recipients` name in `company_id` (`data`: the event's data,
/// for `field:` recipients). Nobody named is no error: nothing is sent.
pub async fn notify(
    db: &impl ConnectionTrait,
    state: &AppState,
    company_id: Uuid,
    recipients: &[Recipient],
    data: Option<&Value>,
    new: &NewNotification,
) -> ApiResult<Written> {
    new.validate()?;
    let users = recipients::resolve(db, company_id, recipients, data).await?;
    write(db, state, company_id, &users, new).await
}

/// Sends `new` to each of `users` (of `company_id`).
pub async fn send(
    db: &impl ConnectionTrait,
    state: &AppState,
    company_id: Uuid,
    users: &[user::Model],
    new: &NewNotification,
) -> ApiResult<Written> {
    new.validate()?;
    write(db, state, company_id, users, new).await
}

/// Writes a validated notification for each of `users`.
async fn write(
    db: &impl ConnectionTrait,
    state: &AppState,
    company_id: Uuid,
    users: &[user::Model],
    new: &NewNotification,
) -> ApiResult<Written> {
    let ids: Vec<Uuid> = users.iter().map(|u| u.id).collect();
    let prefs = preferences::of_users(db, &ids).await?;
    let with_devices = users_with_devices(db, &ids).await?;
    let wanted: Vec<Channel> = new.channels.clone().unwrap_or_else(|| Channel::ALL.to_vec());
    let now = Utc::now();
    let mut rows = Vec::with_capacity(users.len());
    let mut channel_rows = Vec::new();
    let defaults = Preferences::default();
    for user in users {
        let prefs = prefs.get(&user.id).unwrap_or(&defaults);
        let tz = user.time_zone.parse().unwrap_or(chrono_tz::UTC);
        let reach = Reach { has_phone: user.phone.is_some(), has_device: with_devices.contains(&user.id) };
        let id = Uuid::now_v7();
        let mut in_app = false;
        for &channel in &wanted {
            let decision = rules::decide(prefs, channel, new.priority, new.category, reach, tz, now);
            if channel == Channel::InApp {
                in_app = decision == Decision::Deliver;
            }
            let (status, reason, deliver_at, refs) = match decision {
                Decision::Skip(reason) => ("skipped", Some(reason), None, Vec::new()),
                Decision::Deliver if channel == Channel::InApp => ("sent", None, None, Vec::new()),
                Decision::Deliver => ("pending", None, None, queue(db, state, user, id, channel, new, None).await?),
                Decision::Defer { reason: "digest", until } => ("deferred", Some("digest"), Some(until), Vec::new()),
                Decision::Defer { reason, until } => (
                    "deferred",
                    Some(reason),
                    Some(until),
                    queue(db, state, user, id, channel, new, Some(until)).await?,
                ),
            };
            channel_rows.push(channel::ActiveModel {
                notification_id: Set(id),
                channel: Set(channel.as_str().to_owned()),
                status: Set(status.to_owned()),
                reason: Set(reason.map(str::to_owned)),
                deliver_at: Set(deliver_at),
                refs: Set(json!(refs)),
            });
        }
        rows.push(notification::Model {
            id,
            company_id,
            user_id: user.id,
            title: new.title.trim().to_owned(),
            message: new.message.trim().to_owned(),
            category: new.category.as_str().to_owned(),
            priority: new.priority,
            link: new.link.clone(),
            data: new.data.clone(),
            event_id: new.event_id,
            sent_by: new.sent_by,
            created_at: now,
            read_at: None,
            archived_at: None,
            in_app,
        });
    }
    // Bounded batches: both databases cap the parameters of one statement.
    for batch in rows.chunks(1000) {
        let models = batch.iter().cloned().map(notification::ActiveModel::from);
        notification::Entity::insert_many(models).exec_without_returning(db).await?;
    }
    for batch in channel_rows.chunks(2000) {
        channel::Entity::insert_many(batch.to_vec()).exec_without_returning(db).await?;
    }
    let notifications = rows.into_iter().filter(|r| r.in_app).map(NotificationOut::from).collect();
    Ok(Written { recipients: users.len(), notifications })
}

/// A notification sent by hand (`POST /api/v1/notifications`) to people of the caller's
/// company, audited; how many users it reached.
pub async fn send_by_hand(
    state: &AppState,
    caller: &Caller,
    recipients: &[Recipient],
    new: NewNotification,
) -> ApiResult<usize> {
    caller.require(SEND_PERMISSION)?;
    let txn = begin_write(&state.db).await?;
    let written = notify(&txn, state, caller.company_id, recipients, None, &new).await?;
    let after = json!({
        "title": new.title, "category": new.category, "priority": new.priority, "recipients": written.recipients,
    });
    let change = Change {
        company_id: caller.company_id,
        action: "send",
        model: "notification",
        object_id: None,
        before: None,
        after: Some(after),
    };
    audit::record(&txn, &caller.actor, change).await?;
    txn.commit().await?;
    let reached = written.recipients;
    written.announce(state).await;
    Ok(reached)
}

async fn users_with_devices(db: &impl ConnectionTrait, ids: &[Uuid]) -> ApiResult<HashSet<Uuid>> {
    let mut found = HashSet::new();
    for chunk in ids.chunks(1000) {
        let owners: Vec<Uuid> = device::Entity::find()
            .select_only()
            .column(device::Column::UserId)
            .distinct()
            .filter(device::Column::UserId.is_in(chunk.to_vec()))
            .into_tuple()
            .all(db)
            .await?;
        found.extend(owners);
    }
    Ok(found)
}

/// Queues the notification on one channel, not before `not_before`: the ids of the
/// rows that carry it.
async fn queue(
    db: &impl ConnectionTrait,
    state: &AppState,
    user: &user::Model,
    notification_id: Uuid,
    channel: Channel,
    new: &NewNotification,
    not_before: Option<chrono::DateTime<Utc>>,
) -> ApiResult<Vec<Uuid>> {
    let locale = Locale::from_stored(&user.locale);
    Ok(match channel {
        Channel::InApp => Vec::new(),
        Channel::Email => {
            let action_url =
                format!("{}{}", state.settings.public_url, new.link.as_deref().unwrap_or("/notifications"));
            let context = json!({
                "name": user.full_name,
                "title": new.title,
                "message": new.message,
                "action_url": action_url,
                "category": new.category.as_str(),
                "notification_id": notification_id,
            });
            let priority = if new.priority >= URGENT { EmailPriority::Urgent } else { EmailPriority::Normal };
            let mut mail = NewEmail::from_template("notification_email", locale, context, user.email.clone(), priority)
                .map_err(anyhow::Error::from)?;
            mail.company_id = Some(user.company_id);
            mail.scheduled_at = not_before;
            mail.created_by = new.sent_by;
            vec![email::enqueue(db, state, mail).await?.id]
        }
        Channel::Sms => {
            let Some(phone) = &user.phone else { return Ok(Vec::new()) };
            let title: String = new.title.chars().take(100).collect();
            let body = format!("[OpsFlux URGENT] {title}");
            let text = NewSms {
                company_id: Some(user.company_id),
                user_id: Some(user.id),
                to: phone.clone(),
                body,
                not_before,
                ..Default::default()
            };
            vec![sms::enqueue(db, state, text).await?.id]
        }
        Channel::Push => {
            let mut data = std::collections::BTreeMap::new();
            data.insert("notification_id".to_owned(), notification_id.to_string());
            data.insert("category".to_owned(), new.category.as_str().to_owned());
            if let Some(link) = &new.link {
                data.insert("link".to_owned(), link.clone());
            }
            let message: String = new.message.chars().take(240).collect();
            let push_message = PushMessage { title: new.title.clone(), body: message, data };
            let queued = push::send_to_user(db, state, user.id, &push_message, &Secrets::default(), not_before).await?;
            queued.into_iter().map(|m| m.id).collect()
        }
    })
}
