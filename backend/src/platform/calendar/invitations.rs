//! Invitations by email: each attendee (the organiser aside) gets the event in their
//! language and time zone with its `.ics` (METHOD:REQUEST to add or update it,
//! METHOD:CANCEL to remove it), queued in the transaction of the change.

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use chrono::{DateTime, Duration, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use serde_json::json;
use uuid::Uuid;

use super::ics::{self, Entry};
use super::model::event;
use super::service;
use crate::app::AppState;
use crate::error::ApiResult;
use crate::platform::email::service::{self as email, AttachmentData, NewEmail, Priority};
use crate::platform::i18n::Locale;
use crate::platform::users::model as user;

/// What the `.ics` asks of the attendee's calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// Add the event or update it (a higher SEQUENCE).
    Request,
    /// Remove it.
    Cancel,
}

impl Method {
    fn as_str(self) -> &'static str {
        match self {
            Self::Request => "REQUEST",
            Self::Cancel => "CANCEL",
        }
    }
}

/// Emails `method` about `row` to each of its attendees.
pub async fn send(db: &impl ConnectionTrait, state: &AppState, row: &event::Model, method: Method) -> ApiResult<()> {
    let people = service::attendees(db, row.id).await?;
    let recipients: Vec<user::Model> = people.iter().map(|(_, person)| person.clone()).collect();
    send_to(db, state, row, method, &people, &recipients).await
}

/// Emails a cancellation of `row` to the users `removed` from it.
pub async fn cancel_for(
    db: &impl ConnectionTrait,
    state: &AppState,
    row: &event::Model,
    removed: &[Uuid],
) -> ApiResult<()> {
    if removed.is_empty() {
        return Ok(());
    }
    let recipients = user::Entity::find().filter(user::Column::Id.is_in(removed.to_vec())).all(db).await?;
    send_to(db, state, row, Method::Cancel, &[], &recipients).await
}

async fn send_to(
    db: &impl ConnectionTrait,
    state: &AppState,
    row: &event::Model,
    method: Method,
    people: &[(super::model::attendee::Model, user::Model)],
    recipients: &[user::Model],
) -> ApiResult<()> {
    let recipients: Vec<&user::Model> =
        recipients.iter().filter(|person| person.id != row.organizer_id && person.is_active).collect();
    if recipients.is_empty() {
        return Ok(());
    }
    let organizer = user::Entity::find_by_id(row.organizer_id).one(db).await?;
    let cancelled = method == Method::Cancel;
    let vevent = ics::vevent(&Entry { row, organizer: organizer.as_ref(), attendees: people, cancelled });
    let file = ics::document(Some(method.as_str()), None, &[row], vec![vevent]);
    let attachment = AttachmentData {
        filename: if cancelled { "cancel.ics" } else { "invite.ics" }.to_owned(),
        content_type: format!("text/calendar; charset=UTF-8; method={}", method.as_str()),
        content_base64: BASE64.encode(file.as_bytes()),
    };
    let organizer_name = organizer.map_or_else(String::new, |o| o.full_name);
    for person in recipients {
        let locale = Locale::from_stored(&person.locale);
        let context = json!({
            "name": person.full_name,
            "title": row.title,
            "when": when(row, &person.time_zone, locale),
            "repeats": row.rrule.is_some(),
            "location": row.location,
            "organizer": organizer_name,
            "description": row.description,
            "link": format!("{}/calendar", state.settings.public_url.trim_end_matches('/')),
            "updated": row.sequence > 0,
            "cancelled": cancelled,
        });
        let mut mail =
            NewEmail::from_template("calendar_invitation", locale, context, person.email.clone(), Priority::Normal)
                .map_err(|e| anyhow::anyhow!("calendar invitation: {e}"))?;
        mail.company_id = Some(row.company_id);
        mail.attachments = vec![attachment.clone()];
        email::enqueue(db, state, mail).await?;
    }
    Ok(())
}

/// When the event happens, in words for a reader in `zone` (`12/01/2027 09:00–10:00
/// (Europe/Paris)`); all-day events as their dates.
pub fn when(row: &event::Model, zone: &str, locale: Locale) -> String {
    let zone: chrono_tz::Tz = zone.parse().unwrap_or(chrono_tz::UTC);
    let date = locale.date_pattern();
    let local = |at: DateTime<Utc>| at.with_timezone(&zone);
    let (start, end) = (local(row.starts_at), local(row.ends_at));
    if row.all_day {
        let event_zone = service::timing_of(row).zone;
        let first = row.starts_at.with_timezone(&event_zone).date_naive();
        let last = (row.ends_at - Duration::seconds(1)).with_timezone(&event_zone).date_naive();
        return if first == last {
            first.format(date).to_string()
        } else {
            format!("{} – {}", first.format(date), last.format(date))
        };
    }
    if start.date_naive() == end.date_naive() {
        format!("{} {}–{} ({})", start.format(date), start.format("%H:%M"), end.format("%H:%M"), zone.name())
    } else {
        let full = format!("{date} %H:%M");
        format!("{} – {} ({})", start.format(&full), end.format(&full), zone.name())
    }
}
