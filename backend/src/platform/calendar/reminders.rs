//! Reminders, every minute: for each occurrence whose reminder time has come (its start
//! minus each of the event's offsets), its organiser and the attendees who have not
//! declined get a notification (their preferences and do-not-disturb apply). The
//! first worker to record `(event, occurrence, offset)` sends it: with several workers,
//! or a run repeated by hand, each reminder goes once.

use std::time::Duration as StdDuration;

use chrono::{DateTime, Duration, Utc};
use futures_util::future::BoxFuture;
use sea_orm::ActiveValue::Set;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter};
use serde_json::json;

use super::changes::MAX_REMINDER_MINUTES;
use super::invitations::when;
use super::model::attendee::{self, Response};
use super::model::event::{self, Column, Entity as Events};
use super::model::reminder_sent;
use super::occurrences;
use crate::app::AppState;
use crate::infra::db::{BaseEntity, begin_write};
use crate::module::{Periodic, Schedule};
use crate::platform::i18n::Locale;
use crate::platform::notifications::preferences::Category;
use crate::platform::notifications::service::{self as notifications, NewNotification};
use crate::platform::users::model as user;

/// A reminder due this long ago is still sent (a worker stopped for a moment sends it
/// late rather than never); an older one is dropped.
const LATE: Duration = Duration::minutes(15);

pub static PERIODIC: Periodic = Periodic {
    name: "calendar.reminders",
    label_fr: "Envoyer les rappels des événements du calendrier",
    label_en: "Send calendar event reminders",
    schedule: Schedule::Every(StdDuration::from_secs(60)),
    run,
};

fn run(state: &AppState) -> BoxFuture<'_, anyhow::Result<u64>> {
    Box::pin(send_due(state, Utc::now()))
}

/// Sends the reminders due at `now`; how many (occurrence, offset) pairs it sent.
pub async fn send_due(state: &AppState, now: DateTime<Utc>) -> anyhow::Result<u64> {
    let furthest = Duration::minutes(i64::from(MAX_REMINDER_MINUTES));
    let rows: Vec<event::Model> = Events::find_live()
        .filter(Column::StartsAt.lte(now + furthest))
        .filter(Condition::any().add(Column::SeriesEndsAt.is_null()).add(Column::SeriesEndsAt.gt(now - LATE)))
        .all(&state.db)
        .await?
        .into_iter()
        .filter(|row| !offsets(row).is_empty())
        .collect();
    let (events, found) =
        occurrences::expand(&state.db, rows, now - LATE, now + furthest + Duration::minutes(1)).await?;
    let mut sent = 0;
    for occurrence in found {
        let row = &events[occurrence.event];
        for minutes in offsets(row) {
            let due = occurrence.starts_at - Duration::minutes(i64::from(minutes));
            if due > now || due <= now - LATE {
                continue;
            }
            if remind(state, row, occurrence.starts_at, minutes).await? {
                sent += 1;
            }
        }
    }
    Ok(sent)
}

fn offsets(row: &event::Model) -> Vec<i32> {
    serde_json::from_value(row.reminders.clone()).unwrap_or_default()
}

/// Records the reminder and notifies, in one transaction; false when another worker
/// already had.
async fn remind(state: &AppState, row: &event::Model, start: DateTime<Utc>, minutes: i32) -> anyhow::Result<bool> {
    let txn = begin_write(&state.db).await?;
    if !claim(&txn, row, start, minutes).await? {
        return Ok(false);
    }
    let attending: Vec<uuid::Uuid> = attendee::Entity::find()
        .filter(attendee::Column::EventId.eq(row.id))
        .filter(attendee::Column::Response.ne(Response::Declined))
        .all(&txn)
        .await?
        .into_iter()
        .map(|a| a.user_id)
        .chain([row.organizer_id])
        .collect();
    let people = user::Entity::find_live()
        .filter(user::Column::Id.is_in(attending))
        .filter(user::Column::IsActive.eq(true))
        .all(&txn)
        .await?;
    let mut written = notifications::Written::default();
    for person in &people {
        let new = notice(row, start, person);
        written.merge(notifications::send(&txn, state, row.company_id, std::slice::from_ref(person), &new).await?);
    }
    txn.commit().await?;
    written.announce(state).await;
    Ok(true)
}

async fn claim(
    db: &impl ConnectionTrait,
    row: &event::Model,
    start: DateTime<Utc>,
    minutes: i32,
) -> anyhow::Result<bool> {
    let mark = reminder_sent::ActiveModel {
        event_id: Set(row.id),
        occurrence_start: Set(start),
        minutes_before: Set(minutes),
        sent_at: Set(Utc::now()),
    };
    let conflict = OnConflict::columns([
        reminder_sent::Column::EventId,
        reminder_sent::Column::OccurrenceStart,
        reminder_sent::Column::MinutesBefore,
    ])
    .do_nothing()
    .to_owned();
    let inserted = reminder_sent::Entity::insert(mark).on_conflict(conflict).exec_without_returning(db).await?;
    Ok(inserted == 1)
}

/// The reminder, in its reader's language and time zone.
fn notice(row: &event::Model, start: DateTime<Utc>, reader: &user::Model) -> NewNotification {
    let locale = Locale::from_stored(&reader.locale);
    let occurrence = event::Model { starts_at: start, ends_at: start + (row.ends_at - row.starts_at), ..row.clone() };
    let at = when(&occurrence, &reader.time_zone, locale);
    let title = match locale {
        Locale::Fr => format!("Rappel : {}", row.title),
        Locale::En => format!("Reminder: {}", row.title),
    };
    let message = match &row.location {
        Some(location) => format!("{at} — {location}"),
        None => at,
    };
    NewNotification {
        title,
        message,
        category: Category::Calendar,
        priority: 1,
        channels: None,
        link: Some(format!("/calendar?date={}", start.format("%Y-%m-%d"))),
        data: json!({ "event_id": row.id, "occurrence_start": start }),
        event_id: None,
        sent_by: None,
    }
}
