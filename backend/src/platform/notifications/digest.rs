//! Digests: users who chose them get their notification emails gathered in one email
//! each morning (daily) or on Monday morning (weekly), at 08:00 in their time zone.
//!
//! A periodic job looks for users whose period has begun and has no digest yet. The
//! digest row, unique per user and period, is written first in the transaction that
//! sends: of two workers building the same digest, one fails on the unique index and
//! sends nothing, so each period's digest goes exactly once. What waits is taken in the
//! same transaction; a notification arriving after that waits for the next period.

use std::collections::BTreeMap;

use chrono::Utc;
use sea_orm::ActiveValue::Set;
use sea_orm::sea_query::{Expr, Query};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::json;
use uuid::Uuid;

use super::model::{channel, digest, notification, preference};
use super::preferences::Frequency;
use super::rules;
use crate::app::AppState;
use crate::infra::db::{BaseEntity, begin_write};
use crate::platform::email::service::{self as email, NewEmail, Priority};
use crate::platform::i18n::Locale;
use crate::platform::users::model::{self as user, Entity as Users};

/// Sends every digest due now: how many emails went.
pub async fn send_due(state: &AppState) -> anyhow::Result<u64> {
    let now = Utc::now();
    let subscribers =
        preference::Entity::find().filter(preference::Column::DigestEnabled.eq(true)).all(&state.db).await?;
    let mut sent = 0;
    for prefs in subscribers {
        let Some(person) = Users::find_live()
            .filter(user::Column::Id.eq(prefs.user_id))
            .filter(user::Column::IsActive.eq(true))
            .one(&state.db)
            .await?
        else {
            continue;
        };
        let frequency = if prefs.digest_frequency == "weekly" { Frequency::Weekly } else { Frequency::Daily };
        let tz = person.time_zone.parse().unwrap_or(chrono_tz::UTC);
        let Some(period) = rules::due_period(frequency, tz, now) else { continue };
        let done = digest::Entity::find()
            .filter(digest::Column::UserId.eq(person.id))
            .filter(digest::Column::Period.eq(&period))
            .one(&state.db)
            .await?;
        if done.is_none() && send_one(state, &person, frequency, &period).await? {
            sent += 1;
        }
    }
    Ok(sent)
}

/// Builds and queues one user's digest for `period`; `false` when another worker did,
/// or nothing waited.
async fn send_one(state: &AppState, person: &user::Model, frequency: Frequency, period: &str) -> anyhow::Result<bool> {
    let txn = begin_write(&state.db).await?;
    let digest_id = Uuid::now_v7();
    let claimed = digest::ActiveModel {
        id: Set(digest_id),
        user_id: Set(person.id),
        period: Set(period.to_owned()),
        email_id: Set(None),
        count: Set(0),
        created_at: Set(Utc::now()),
    }
    .insert(&txn)
    .await;
    if let Err(err) = claimed {
        if matches!(err.sql_err(), Some(sea_orm::SqlErr::UniqueConstraintViolation(_))) {
            return Ok(false);
        }
        return Err(err.into());
    }
    let mine = Query::select()
        .column(notification::Column::Id)
        .from(notification::Entity)
        .and_where(notification::Column::UserId.eq(person.id))
        .to_owned();
    let waiting = channel::Entity::find()
        .filter(channel::Column::Channel.eq("email"))
        .filter(channel::Column::Status.eq("deferred"))
        .filter(channel::Column::Reason.eq("digest"))
        .filter(channel::Column::NotificationId.in_subquery(mine))
        .all(&txn)
        .await?;
    let ids: Vec<Uuid> = waiting.iter().map(|c| c.notification_id).collect();
    if ids.is_empty() {
        txn.commit().await?;
        return Ok(false);
    }
    let items = notification::Entity::find()
        .filter(notification::Column::Id.is_in(ids.clone()))
        .order_by_asc(notification::Column::Id)
        .all(&txn)
        .await?;
    let mail = digest_email(state, person, frequency, &items)?;
    let queued = email::enqueue(&txn, state, mail).await?;
    channel::Entity::update_many()
        .col_expr(channel::Column::Status, Expr::value("pending"))
        .col_expr(channel::Column::Refs, Expr::value(json!([queued.id])))
        .filter(channel::Column::Channel.eq("email"))
        .filter(channel::Column::Status.eq("deferred"))
        .filter(channel::Column::NotificationId.is_in(ids))
        .exec(&txn)
        .await?;
    digest::Entity::update_many()
        .col_expr(digest::Column::EmailId, Expr::value(queued.id))
        .col_expr(digest::Column::Count, Expr::value(i32::try_from(items.len()).unwrap_or(i32::MAX)))
        .filter(digest::Column::Id.eq(digest_id))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(true)
}

fn digest_email(
    state: &AppState,
    person: &user::Model,
    frequency: Frequency,
    items: &[notification::Model],
) -> anyhow::Result<NewEmail> {
    let tz: chrono_tz::Tz = person.time_zone.parse().unwrap_or(chrono_tz::UTC);
    let day = |n: &notification::Model| n.created_at.with_timezone(&tz).date_naive().to_string();
    let mut groups: BTreeMap<&str, Vec<serde_json::Value>> = BTreeMap::new();
    for n in items {
        let mut item = json!({ "title": n.title, "detail": n.message.chars().take(140).collect::<String>() });
        if let Some(link) = &n.link {
            item["url"] = json!(format!("{}{link}", state.settings.public_url));
        }
        groups.entry(n.category.as_str()).or_default().push(item);
    }
    let groups: Vec<_> =
        groups.into_iter().map(|(category, items)| json!({ "category": category, "items": items })).collect();
    let context = json!({
        "name": person.full_name,
        "daily": frequency == Frequency::Daily,
        "period_start": items.first().map(day),
        "period_end": Utc::now().with_timezone(&tz).date_naive().to_string(),
        "link": format!("{}/notifications", state.settings.public_url),
        "groups": groups,
    });
    let locale = Locale::from_stored(&person.locale);
    let mut mail = NewEmail::from_template("weekly_digest", locale, context, person.email.clone(), Priority::Low)?;
    mail.company_id = Some(person.company_id);
    Ok(mail)
}
