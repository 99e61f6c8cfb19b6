//! Registering devices, queueing pushes to them and delivering those pushes.

use std::collections::BTreeMap;
use std::time::Duration;

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;
use uuid::Uuid;

use super::model::{device, message};
use crate::app::AppState;
use crate::config::Settings;
use crate::error::{ApiError, ApiResult};
use crate::infra::db::begin_write;
use crate::infra::push::PushMessage;
use crate::platform::delivery::alerts;
use crate::platform::delivery::channel::{Channel, Outcome, ProviderTry};
use crate::platform::delivery::retry::RetryPolicy;
use crate::platform::delivery::rows;
use crate::platform::delivery::secrets::{self, Secrets};
use crate::platform::i18n::Locale;

crate::delivery_table!(message, "push", finished: SentAt, response_status: ResponseStatus, provider_ref: ProviderRef);

/// Sent to a user of a company (`delivery::admin`).
impl crate::platform::delivery::admin::Addressed for message::Entity {
    fn sealed(row: &message::Model) -> bool {
        row.sealed.is_some()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Platform {
    Ios,
    Android,
    Web,
}

impl Platform {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Ios => "ios",
            Self::Android => "android",
            Self::Web => "web",
        }
    }

    pub fn parse(value: &str) -> Self {
        match value {
            "ios" => Self::Ios,
            "web" => Self::Web,
            _ => Self::Android,
        }
    }
}

pub struct NewDevice {
    pub platform: Platform,
    pub push_token: String,
    pub name: Option<String>,
}

/// A user keeps this many devices, the most recently seen; older ones (phones long
/// replaced, apps reinstalled) are dropped at the next registration.
pub const DEVICES_PER_USER: usize = 20;

/// Registers the caller's device, or refreshes it. A token is one device: registered
/// before by someone else (another person signed in on that phone), their registration
/// is dropped and the caller gets a new one, answered as any fresh registration so
/// that nothing tells them it existed. `true` when the device is new.
pub async fn register(
    db: &impl ConnectionTrait,
    user_id: Uuid,
    company_id: Uuid,
    new: NewDevice,
) -> ApiResult<(device::Model, bool)> {
    let now = Utc::now();
    let existing = device::Entity::find().filter(device::Column::PushToken.eq(&new.push_token)).one(db).await?;
    let existing = match existing {
        Some(theirs) if theirs.user_id != user_id => {
            device::Entity::delete_by_id(theirs.id).exec(db).await?;
            None
        }
        mine => mine,
    };
    let created = existing.is_none();
    let mut row = match existing {
        Some(found) => found.into(),
        None => device::ActiveModel {
            id: Set(Uuid::now_v7()),
            created_at: Set(now),
            push_token: Set(new.push_token),
            ..Default::default()
        },
    };
    row.user_id = Set(user_id);
    row.company_id = Set(company_id);
    row.platform = Set(new.platform.as_str().to_owned());
    row.name = Set(new.name);
    row.updated_at = Set(now);
    row.last_seen_at = Set(now);
    let saved = if created { row.insert(db).await? } else { row.update(db).await? };
    // A user has a handful of devices: skipping in Rust keeps the SQL portable (SQLite
    // takes no OFFSET without a LIMIT).
    let ids: Vec<Uuid> = device::Entity::find()
        .select_only()
        .column(device::Column::Id)
        .filter(device::Column::UserId.eq(user_id))
        .order_by_desc(device::Column::LastSeenAt)
        .order_by_desc(device::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    let stale: Vec<Uuid> = ids.into_iter().skip(DEVICES_PER_USER).collect();
    if !stale.is_empty() {
        device::Entity::delete_many().filter(device::Column::Id.is_in(stale)).exec(db).await?;
    }
    Ok((saved, created))
}

pub async fn devices_of(db: &impl ConnectionTrait, user_id: Uuid) -> ApiResult<Vec<device::Model>> {
    Ok(device::Entity::find()
        .filter(device::Column::UserId.eq(user_id))
        .order_by_desc(device::Column::LastSeenAt)
        .all(db)
        .await?)
}

/// One of the user's devices, else 404.
pub async fn device_of(db: &impl ConnectionTrait, user_id: Uuid, id: Uuid) -> ApiResult<device::Model> {
    device::Entity::find_by_id(id)
        .filter(device::Column::UserId.eq(user_id))
        .one(db)
        .await?
        .ok_or(ApiError::not_found("device"))
}

pub async fn unregister(db: &impl ConnectionTrait, user_id: Uuid, id: Uuid) -> ApiResult<()> {
    let found = device_of(db, user_id, id).await?;
    device::Entity::delete_by_id(found.id).exec(db).await?;
    Ok(())
}

/// Queues `push` to each of the user's devices, inside the caller's transaction, not
/// before `not_before` (now when `None`); `secrets` are values in it only the recipient
/// may read (a code).
pub async fn send_to_user(
    db: &impl ConnectionTrait,
    state: &AppState,
    user_id: Uuid,
    push: &PushMessage,
    secrets: &Secrets,
    not_before: Option<DateTime<Utc>>,
) -> ApiResult<Vec<message::Model>> {
    let mut queued = Vec::new();
    for target in devices_of(db, user_id).await? {
        queued.push(enqueue(db, state, &target, push, secrets, not_before.unwrap_or_else(Utc::now)).await?);
    }
    Ok(queued)
}

/// What FCM gets, sealed in the row when it carries a secret.
#[derive(Serialize, Deserialize)]
struct Content {
    title: String,
    body: String,
    data: BTreeMap<String, String>,
}

async fn enqueue(
    db: &impl ConnectionTrait,
    state: &AppState,
    target: &device::Model,
    push: &PushMessage,
    secrets: &Secrets,
    not_before: DateTime<Utc>,
) -> ApiResult<message::Model> {
    let now = Utc::now();
    let real = Content { title: push.title.clone(), body: push.body.clone(), data: push.data.clone() };
    let row = message::ActiveModel {
        id: Set(Uuid::now_v7()),
        created_at: Set(now),
        company_id: Set(Some(target.company_id)),
        user_id: Set(Some(target.user_id)),
        device_id: Set(Some(target.id)),
        title: Set(secrets.redact(&push.title)),
        body: Set(secrets.redact(&push.body)),
        data: Set(secrets.redact_json(&json!(push.data))),
        sealed: Set(secrets.seal(&state.settings, &real)?),
        status: Set(rows::QUEUED.to_owned()),
        attempts: Set(0),
        max_attempts: Set(<message::Entity as Channel>::policy(&state.settings).max_attempts),
        next_attempt_at: Set(not_before),
        ..Default::default()
    };
    Ok(row.insert(db).await?)
}

/// A test notification to one of the caller's devices, so people can check that
/// pushes reach their phone.
pub async fn send_test(state: &AppState, user_id: Uuid, locale: Locale, id: Uuid) -> ApiResult<message::Model> {
    let txn = begin_write(&state.db).await?;
    let target = device_of(&txn, user_id, id).await?;
    let (title, body) = match locale {
        Locale::Fr => ("Notification de test", "Les notifications OpsFlux arrivent bien sur cet appareil."),
        Locale::En => ("Test notification", "OpsFlux notifications reach this device."),
    };
    let data = BTreeMap::from([("kind".to_owned(), "test".to_owned())]);
    let push = PushMessage { title: title.into(), body: body.into(), data };
    let queued = enqueue(&txn, state, &target, &push, &Secrets::default(), Utc::now()).await?;
    txn.commit().await?;
    Ok(queued)
}

/// The push to send: the sealed one when there is one.
fn content(settings: &Settings, row: &message::Model) -> anyhow::Result<Content> {
    match &row.sealed {
        Some(sealed) => secrets::open(settings, sealed),
        None => Ok(Content {
            title: row.title.clone(),
            body: row.body.clone(),
            data: serde_json::from_value(row.data.clone()).unwrap_or_default(),
        }),
    }
}

/// The device a try went to, and whether the provider said its token is dead.
pub struct Target {
    device: Option<device::Model>,
    gone: bool,
}

#[async_trait::async_trait]
impl Channel for message::Entity {
    const DONE: &'static str = "sent";
    type Found = Target;

    fn policy(settings: &Settings) -> RetryPolicy {
        RetryPolicy::sms(Duration::from_millis(settings.delivery.retry_base_delay_ms))
    }

    async fn attempt(state: &AppState, row: &message::Model) -> (Outcome, Target) {
        let provider = state.push.name();
        let found = match row.device_id {
            Some(id) => device::Entity::find_by_id(id).one(&state.db).await,
            None => Ok(None),
        };
        let device = match found {
            Ok(Some(device)) => device,
            Ok(None) => {
                let removed = ProviderTry::failed_before(provider, "the device was unregistered");
                return (Outcome { tries: vec![removed], permanent: true }, Target { device: None, gone: false });
            }
            Err(err) => {
                return (Outcome::of(ProviderTry::failed_before(provider, err)), Target { device: None, gone: false });
            }
        };
        let push = match content(&state.settings, row) {
            Ok(Content { title, body, data }) => PushMessage { title, body, data },
            Err(err) => {
                let unreadable = ProviderTry::failed_before(provider, err);
                return (
                    Outcome { tries: vec![unreadable], permanent: true },
                    Target { device: Some(device), gone: false },
                );
            }
        };
        let (tried, refusal) = ProviderTry::call(provider, state.push.send(&device.push_token, &push)).await;
        let (permanent, gone) = refusal.map_or((false, false), |r| (r.permanent, r.recipient_gone));
        (Outcome { tries: vec![tried], permanent }, Target { device: Some(device), gone })
    }

    /// A dead token is the app's uninstall, not an incident: the device goes, quietly.
    /// Anything else is an administrator's concern.
    async fn gave_up(
        txn: &DatabaseTransaction,
        state: &AppState,
        row: &message::Model,
        target: &Target,
        outcome: &Outcome,
    ) -> ApiResult<()> {
        if target.gone || target.device.is_none() {
            return Ok(());
        }
        let what = format!("push “{}”", row.title);
        let data = json!({ "channel": "push", "id": row.id, "device_id": row.device_id, "error": outcome.error() });
        alerts::delivery_failed(txn, state, row.company_id, &what, data).await
    }

    async fn settled(txn: &DatabaseTransaction, _: &AppState, target: &Target, _: &Outcome) -> ApiResult<()> {
        if let (true, Some(device)) = (target.gone, &target.device) {
            tracing::info!(device = %device.id, "push token unregistered by the provider; device removed");
            device::Entity::delete_by_id(device.id).exec(txn).await?;
        }
        Ok(())
    }
}
