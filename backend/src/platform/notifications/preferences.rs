//! What each user wants to receive: the seed's `NotificationPreference`, one row per
//! user, the defaults for a user without one.

use chrono::{NaiveTime, Utc};
use sea_orm::ActiveValue::Set;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;
use uuid::Uuid;

use super::model::preference;
use crate::error::{ApiError, ApiResult, FieldError};

/// A way a notification reaches someone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    InApp,
    Email,
    Sms,
    Push,
}

impl Channel {
    pub const ALL: [Self; 4] = [Self::InApp, Self::Email, Self::Sms, Self::Push];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::InApp => "in_app",
            Self::Email => "email",
            Self::Sms => "sms",
            Self::Push => "push",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == value)
    }
}

/// What a notification is about (DOMAIN.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    System,
    Security,
    Hse,
    Action,
    Comment,
    Mention,
    Update,
    Digest,
    /// Reminders of calendar events.
    Calendar,
}

impl Category {
    pub const ALL: [Self; 9] = [
        Self::System,
        Self::Security,
        Self::Hse,
        Self::Action,
        Self::Comment,
        Self::Mention,
        Self::Update,
        Self::Digest,
        Self::Calendar,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::System => "system",
            Self::Security => "security",
            Self::Hse => "hse",
            Self::Action => "action",
            Self::Comment => "comment",
            Self::Mention => "mention",
            Self::Update => "update",
            Self::Digest => "digest",
            Self::Calendar => "calendar",
        }
    }

    pub fn parse(value: &str) -> Self {
        Self::ALL.into_iter().find(|c| c.as_str() == value).unwrap_or(Self::System)
    }
}

/// How often a digest goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Frequency {
    #[default]
    Daily,
    Weekly,
}

impl Frequency {
    fn as_str(self) -> &'static str {
        match self {
            Self::Daily => "daily",
            Self::Weekly => "weekly",
        }
    }
}

/// Priority 3: bypasses do-not-disturb and digests; the only one sent by SMS.
pub const URGENT: i16 = 3;

/// A user's preferences, as the API shows and takes them.
/// Checked by [`Preferences::validated`], which reports every field at once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, validator::Validate)]
#[serde(deny_unknown_fields)]
pub struct Preferences {
    /// Channels the user accepts. SMS carries urgent notifications (priority 3) only.
    pub enabled_channels: Vec<Channel>,
    /// Do not disturb: outside urgent ones, email, SMS and push wait for the end of the
    /// window; the in-app notification appears at once.
    pub dnd_enabled: bool,
    /// `HH:MM` (or `HH:MM:SS`) in the user's time zone; the window may cross midnight.
    #[schema(example = "22:00")]
    pub dnd_start_time: String,
    #[schema(example = "08:00")]
    pub dnd_end_time: String,
    /// 0 every notification, 1 normal and above, 2 high and above, 3 urgent only.
    #[schema(minimum = 0, maximum = 3)]
    pub min_priority: i16,
    /// Categories never delivered (`security` cannot be muted).
    pub muted_categories: Vec<Category>,
    /// Emails gathered in one digest, in the morning, instead of one by one.
    pub digest_enabled: bool,
    pub digest_frequency: Frequency,
}

impl Default for Preferences {
    fn default() -> Self {
        Self {
            enabled_channels: Channel::ALL.to_vec(),
            dnd_enabled: false,
            dnd_start_time: "22:00".into(),
            dnd_end_time: "08:00".into(),
            min_priority: 0,
            muted_categories: Vec::new(),
            digest_enabled: false,
            digest_frequency: Frequency::Daily,
        }
    }
}

/// Reads `HH:MM` or `HH:MM:SS`.
pub fn parse_time(value: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(value, "%H:%M").or_else(|_| NaiveTime::parse_from_str(value, "%H:%M:%S")).ok()
}

/// `HH:MM`, with seconds only when there are some.
fn show_time(time: NaiveTime) -> String {
    let format = if time.format("%S").to_string() == "00" { "%H:%M" } else { "%H:%M:%S" };
    time.format(format).to_string()
}

impl Preferences {
    /// Checks every field at once, so the form shows all its errors; times come back
    /// in their canonical form.
    pub fn validated(mut self) -> ApiResult<Self> {
        let mut errors = Vec::new();
        let start = parse_time(&self.dnd_start_time);
        let end = parse_time(&self.dnd_end_time);
        if start.is_none() {
            errors.push(("dnd_start_time", "invalid_time", "must be a time such as 22:00"));
        }
        if end.is_none() {
            errors.push(("dnd_end_time", "invalid_time", "must be a time such as 08:00"));
        }
        if start.is_some() && start == end {
            errors.push(("dnd_end_time", "empty_window", "must differ from the start time"));
        }
        if !(0..=URGENT).contains(&self.min_priority) {
            errors.push(("min_priority", "range", "must be between 0 and 3"));
        }
        if self.muted_categories.contains(&Category::Security) {
            errors.push(("muted_categories", "not_mutable", "security notifications cannot be muted"));
        }
        if !errors.is_empty() {
            let errors = errors
                .into_iter()
                .map(|(field, code, message)| FieldError {
                    field: field.into(),
                    code: code.into(),
                    message: message.into(),
                })
                .collect();
            return Err(ApiError::Validation(errors));
        }
        self.enabled_channels.sort();
        self.enabled_channels.dedup();
        self.muted_categories.sort();
        self.muted_categories.dedup();
        self.dnd_start_time = start.map(show_time).unwrap_or_default();
        self.dnd_end_time = end.map(show_time).unwrap_or_default();
        Ok(self)
    }

    pub fn dnd_window(&self) -> Option<(NaiveTime, NaiveTime)> {
        if !self.dnd_enabled {
            return None;
        }
        Some((parse_time(&self.dnd_start_time)?, parse_time(&self.dnd_end_time)?))
    }

    fn from_row(row: preference::Model) -> Self {
        let strings = |value: serde_json::Value| serde_json::from_value::<Vec<String>>(value).unwrap_or_default();
        Self {
            enabled_channels: strings(row.enabled_channels).iter().filter_map(|c| Channel::parse(c)).collect(),
            dnd_enabled: row.dnd_enabled,
            dnd_start_time: parse_time(&row.dnd_start).map(show_time).unwrap_or(row.dnd_start),
            dnd_end_time: parse_time(&row.dnd_end).map(show_time).unwrap_or(row.dnd_end),
            min_priority: row.min_priority,
            muted_categories: strings(row.muted_categories).iter().map(|c| Category::parse(c)).collect(),
            digest_enabled: row.digest_enabled,
            digest_frequency: if row.digest_frequency == "weekly" { Frequency::Weekly } else { Frequency::Daily },
        }
    }
}

pub async fn of_user(db: &impl ConnectionTrait, user_id: Uuid) -> ApiResult<Preferences> {
    let row = preference::Entity::find_by_id(user_id).one(db).await?;
    Ok(row.map(Preferences::from_row).unwrap_or_default())
}

/// The preferences of many users at once (a notification's recipients).
pub async fn of_users(
    db: &impl ConnectionTrait,
    user_ids: &[Uuid],
) -> ApiResult<std::collections::HashMap<Uuid, Preferences>> {
    let mut found = std::collections::HashMap::new();
    for chunk in user_ids.chunks(1000) {
        let rows = preference::Entity::find().filter(preference::Column::UserId.is_in(chunk.to_vec())).all(db).await?;
        found.extend(rows.into_iter().map(|row| (row.user_id, Preferences::from_row(row))));
    }
    Ok(found)
}

/// Saves validated preferences.
pub async fn save(db: &impl ConnectionTrait, user_id: Uuid, prefs: Preferences) -> ApiResult<Preferences> {
    let prefs = prefs.validated()?;
    let channels: Vec<&str> = prefs.enabled_channels.iter().map(|c| c.as_str()).collect();
    let muted: Vec<&str> = prefs.muted_categories.iter().map(|c| c.as_str()).collect();
    let row = preference::ActiveModel {
        user_id: Set(user_id),
        enabled_channels: Set(json!(channels)),
        dnd_enabled: Set(prefs.dnd_enabled),
        dnd_start: Set(prefs.dnd_start_time.clone()),
        dnd_end: Set(prefs.dnd_end_time.clone()),
        min_priority: Set(prefs.min_priority),
        muted_categories: Set(json!(muted)),
        digest_enabled: Set(prefs.digest_enabled),
        digest_frequency: Set(prefs.digest_frequency.as_str().to_owned()),
        updated_at: Set(Utc::now()),
    };
    let every_column = [
        preference::Column::EnabledChannels,
        preference::Column::DndEnabled,
        preference::Column::DndStart,
        preference::Column::DndEnd,
        preference::Column::MinPriority,
        preference::Column::MutedCategories,
        preference::Column::DigestEnabled,
        preference::Column::DigestFrequency,
        preference::Column::UpdatedAt,
    ];
    preference::Entity::insert(row)
        .on_conflict(OnConflict::column(preference::Column::UserId).update_columns(every_column).to_owned())
        .exec_without_returning(db)
        .await?;
    Ok(prefs)
}
