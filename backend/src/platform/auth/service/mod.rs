//! Authentication rules: sign-in with a second factor, sessions with rotating refresh
//! tokens, password change and reset, TOTP/SMS enrolment, trusted devices, throttling.

use std::time::Duration;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DatabaseTransaction, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, TransactionTrait,
};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::mfa;
use super::mirror::Snapshot;
use super::model::{auth_event, password_reset, recovery_code, refresh_token, session, trusted_device};
use super::password::check_policy;
use crate::app::AppState;
use crate::error::{ApiError, ApiResult};
use crate::infra::crypto::{constant_time_eq, random_token, token_hash};
use crate::infra::db::begin_write;
use crate::infra::pubsub::Event;
use crate::platform::api_tokens::service as api_tokens;
use crate::platform::audit::service::{self as audit, Actor, Change};
use crate::platform::email::account::{self, AccountEmail};
use crate::platform::i18n::Locale;
use crate::platform::rbac::scope::{Standing, company_suspended};
use crate::platform::users::model::{self as user_model, Entity as Users};
use crate::platform::users::service as users;

mod passwords;
mod second_factor;
mod sessions;
mod sign_in;

pub use passwords::*;
pub use second_factor::*;
pub use sessions::*;
pub use sign_in::*;

/// How long an account stays locked after `account_lockout_failures` failed passwords or codes.
pub const LOCKOUT_WINDOW: Duration = Duration::from_secs(15 * 60);
/// Window of the per-IP limit on sign-in attempts (`login_attempts_per_ip`).
const IP_WINDOW: Duration = Duration::from_secs(5 * 60);
const CHALLENGE_ATTEMPTS: i64 = 5;
const SMS_CODE_TTL: Duration = Duration::from_secs(5 * 60);
const SMS_SENDS_PER_CHALLENGE: i64 = 3;
const RESET_TOKEN_MINUTES: i64 = 30;
const FORGOT_PER_IP: i64 = 10;
const FORGOT_PER_ACCOUNT_PER_HOUR: i64 = 3;
const TRUSTED_DEVICE_DAYS: i64 = 30;

/// Who is calling, as far as the network tells.
#[derive(Debug, Clone, Default)]
pub struct ClientInfo {
    pub ip: Option<String>,
    pub user_agent: Option<String>,
}

/// An authenticated request: from a verified access token of a live session.
#[derive(Debug, Clone, Copy)]
pub struct Principal {
    pub user_id: Uuid,
    pub session_id: Uuid,
    pub company_id: Uuid,
}

pub struct IssuedTokens {
    pub access_token: String,
    pub expires_in: u64,
    pub refresh_token: String,
    pub refresh_expires_at: DateTime<Utc>,
    pub session_id: Uuid,
    /// Set when the user asked to trust this device.
    pub trusted_device: Option<(String, DateTime<Utc>)>,
}

pub struct MfaChallenge {
    pub mfa_token: String,
    pub methods: Vec<&'static str>,
    pub expires_in: u64,
}

pub enum LoginOutcome {
    Tokens(IssuedTokens),
    MfaRequired(MfaChallenge),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum MfaMethod {
    Totp,
    Sms,
    Recovery,
}

#[derive(Serialize, Deserialize)]
struct Challenge {
    user_id: Uuid,
    created_at: i64,
    sms_code_hash: Option<String>,
    sms_expires_at: Option<i64>,
}

// ---------------------------------------------------------------------------
// Throttling and lockout (counters in the shared cache, so every API process agrees)

async fn throttle(state: &AppState, key: &str, limit: i64, window: Duration) -> ApiResult<()> {
    let counter = state.cache.incr(key, window).await?;
    if counter.count > limit {
        return Err(ApiError::TooManyRequests { retry_after_secs: counter.resets_in.as_secs().max(1) });
    }
    Ok(())
}

fn lock_key(email: &str) -> String {
    format!("auth:lock:{}", token_hash(email))
}

async fn ensure_not_locked(state: &AppState, email: &str) -> ApiResult<()> {
    if let Some(until) = state.cache.get(&lock_key(email)).await? {
        let until: i64 = std::str::from_utf8(&until).ok().and_then(|s| s.parse().ok()).unwrap_or(0);
        let retry_after_secs = u64::try_from(until - Utc::now().timestamp()).unwrap_or(1).max(1);
        return Err(ApiError::TooManyRequests { retry_after_secs });
    }
    Ok(())
}

/// Counts a failed password or code; the limit locks the account for the window.
async fn register_failure(state: &AppState, email: &str) -> ApiResult<()> {
    let counter = state.cache.incr(&format!("auth:fail:{}", token_hash(email)), LOCKOUT_WINDOW).await?;
    if counter.count >= state.settings.auth.account_lockout_failures {
        let until = Utc::now().timestamp() + i64::try_from(LOCKOUT_WINDOW.as_secs()).unwrap_or(900);
        state.cache.set(&lock_key(email), until.to_string().as_bytes(), LOCKOUT_WINDOW).await?;
    }
    Ok(())
}

async fn clear_failures(state: &AppState, email: &str) -> ApiResult<()> {
    state.cache.delete(&format!("auth:fail:{}", token_hash(email))).await?;
    state.cache.delete(&lock_key(email)).await?;
    Ok(())
}

// ---------------------------------------------------------------------------
// Events and emails

/// Records an authentication event; one of a known user also joins their company's
/// audit trail (inside the caller's transaction when there is one).
pub async fn record(
    db: &(impl ConnectionTrait + TransactionTrait<Transaction = DatabaseTransaction>),
    event: &str,
    user: Option<&user_model::Model>,
    session_id: Option<Uuid>,
    client: &ClientInfo,
    detail: Option<serde_json::Value>,
) -> ApiResult<()> {
    if let Some(user) = user {
        let actor = Actor {
            user_id: Some(user.id),
            ip: client.ip.clone(),
            user_agent: client.user_agent.as_deref().map(truncate_agent),
            ..Actor::default()
        };
        let change = Change {
            company_id: user.company_id,
            action: event,
            model: "auth",
            object_id: Some(user.id.to_string()),
            before: None,
            after: detail.clone(),
        };
        let txn = begin_write(db).await?;
        audit::record(&txn, &actor, change).await?;
        txn.commit().await?;
    }
    auth_event::ActiveModel {
        id: Set(Uuid::now_v7()),
        created_at: Set(Utc::now()),
        user_id: Set(user.map(|u| u.id)),
        company_id: Set(user.map(|u| u.company_id)),
        session_id: Set(session_id),
        event: Set(event.to_owned()),
        ip: Set(client.ip.clone()),
        user_agent: Set(client.user_agent.as_deref().map(truncate_agent)),
        detail: Set(detail),
    }
    .insert(db)
    .await?;
    Ok(())
}

fn truncate_agent(agent: &str) -> String {
    agent.chars().take(512).collect()
}
