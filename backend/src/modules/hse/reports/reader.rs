//! Who a report is for: their language and time zone (their profile's), how dates read
//! for them; and the names of the people and sites a report mentions.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

use super::words::word;
use crate::app::AppState;
use crate::caller::Caller;
use crate::error::{ApiError, ApiResult};
use crate::platform::i18n::Locale;
use crate::platform::sites::model as site;
use crate::platform::users::{model as user, service as users};

pub struct Reader {
    pub locale: Locale,
    pub zone: Tz,
}

impl Reader {
    pub async fn of(state: &AppState, caller: &Caller) -> ApiResult<Self> {
        let me = users::get(&state.db, caller.user_id).await?;
        Ok(Self { locale: Locale::from_stored(&me.locale), zone: me.time_zone.parse().unwrap_or(Tz::UTC) })
    }

    /// A moment, to the minute.
    pub fn at(&self, at: DateTime<Utc>) -> String {
        self.local(at, &format!("{} %H:%M", self.locale.date_pattern()))
    }

    /// A moment's day.
    pub fn day(&self, at: DateTime<Utc>) -> String {
        self.local(at, self.locale.date_pattern())
    }

    fn local(&self, at: DateTime<Utc>, pattern: &str) -> String {
        at.with_timezone(&self.zone).format(pattern).to_string()
    }

    pub fn w(&self, key: &str) -> String {
        word(self.locale, key)
    }
}

/// Runs the drawing of a report off the async threads (krilla's documents are not `Send`).
pub async fn drawn<T: Send + 'static>(draw: impl FnOnce() -> ApiResult<T> + Send + 'static) -> ApiResult<T> {
    tokio::task::spawn_blocking(draw)
        .await
        .map_err(|e| ApiError::Internal(anyhow::anyhow!("drawing the report failed: {e}")))?
}

/// The full names of users `ids`, by id.
pub async fn user_names(
    db: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = Uuid>,
) -> ApiResult<BTreeMap<Uuid, String>> {
    let found = user::Entity::find().filter(user::Column::Id.is_in(ids)).all(db).await?;
    Ok(found.into_iter().map(|u| (u.id, u.full_name)).collect())
}

/// The names of sites `ids`, by id.
pub async fn site_names(
    db: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = Uuid>,
) -> ApiResult<BTreeMap<Uuid, String>> {
    let found = site::Entity::find().filter(site::Column::Id.is_in(ids)).all(db).await?;
    Ok(found.into_iter().map(|s| (s.id, s.name)).collect())
}
