//! Authentication rules: sign-in with a second factor, sessions with rotating refresh
//! tokens, password change and reset, TOTP/SMS enrolment, trusted devices, throttling.

use std::time::Duration;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, TransactionSession, TransactionTrait,
};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::emails::{SecurityEmail, render};
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
use crate::platform::i18n::Locale;
use crate::platform::rbac::scope::{Standing, company_suspended};
use crate::platform::users::model::{self as user_model, Entity as Users};
use crate::platform::users::service as users;

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
    if counter.count >= state.settings.account_lockout_failures {
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
    db: &(impl ConnectionTrait + TransactionTrait),
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

/// Sends in the background: a slow mail server must not hold up a sign-in.
/// Queues an email to the user in their language (sent by a worker, with retries).
pub async fn notify(state: &AppState, user: &user_model::Model, kind: SecurityEmail<'_>) -> ApiResult<()> {
    notify_in(&state.db, state, user, kind).await
}

/// `notify` inside the caller's transaction: the email exists if the change commits.
pub async fn notify_in(
    db: &impl ConnectionTrait,
    state: &AppState,
    user: &user_model::Model,
    kind: SecurityEmail<'_>,
) -> ApiResult<()> {
    let mut email = render(&kind, Locale::from_stored(&user.locale), &user.email, &user.full_name)?;
    email.company_id = Some(user.company_id);
    crate::platform::email::service::enqueue(db, state, email).await?;
    Ok(())
}

// ---------------------------------------------------------------------------
// Sign-in

fn invalid_credentials() -> ApiError {
    ApiError::unauthorized("invalid_credentials", "The email or password is incorrect.")
}

pub async fn login(
    state: &AppState,
    email: &str,
    password: &str,
    device_name: Option<String>,
    device_token: Option<&str>,
    client: &ClientInfo,
) -> ApiResult<LoginOutcome> {
    let email = users::normalize_email(email);
    throttle_ip(state, client, "login").await?;
    if let Err(locked) = ensure_not_locked(state, &email).await {
        record(&state.db, "login_failed", None, None, client, Some(serde_json::json!({ "reason": "locked" }))).await?;
        return Err(locked);
    }
    let user = users::find_by_email(&state.db, &email).await?;
    // Same work, same answer for an unknown email, a wrong password and an account that
    // may not sign in (disabled, or its company suspended): saying "disabled" only after
    // a right password would confirm the password. The reason goes to the sign-in log.
    // Whether the account may sign in is checked whatever the password, so that a right
    // one costs no extra time either.
    let password_ok = state.auth.hasher.verify(password, user.as_ref().and_then(|u| u.password_hash.as_deref())).await;
    let allowed = match &user {
        Some(user) => ensure_can_sign_in(state, user).await.is_ok(),
        None => false,
    };
    let refused = match (password_ok, allowed) {
        (false, _) => Some("credentials"),
        (true, false) => Some("disabled"),
        (true, true) => None,
    };
    let (Some(user), None) = (user, refused) else {
        register_failure(state, &email).await?;
        let reason = serde_json::json!({ "reason": refused });
        record(&state.db, "login_failed", None, None, client, Some(reason)).await?;
        return Err(invalid_credentials());
    };

    if user.has_mfa() && !trusted_device_valid(state, &user, device_token).await? {
        let challenge = start_challenge(state, &user).await?;
        record(&state.db, "mfa_challenged", Some(&user), None, client, None).await?;
        return Ok(LoginOutcome::MfaRequired(challenge));
    }
    clear_failures(state, &email).await?;
    let tokens = open_session(state, &user, device_name, false, client).await?;
    Ok(LoginOutcome::Tokens(tokens))
}

/// Per-IP limit on sign-in steps (password, second factor).
async fn throttle_ip(state: &AppState, client: &ClientInfo, step: &str) -> ApiResult<()> {
    match &client.ip {
        Some(ip) => {
            throttle(state, &format!("auth:ip:{ip}:{step}"), state.settings.login_attempts_per_ip, IP_WINDOW).await
        }
        None => Ok(()),
    }
}

async fn ensure_can_sign_in(state: &AppState, user: &user_model::Model) -> ApiResult<()> {
    if !user.is_active {
        return Err(ApiError::Denied { code: "account_disabled", detail: "This account is disabled.".into() });
    }
    let company = crate::platform::companies::service::get(&state.db, user.company_id).await;
    if !company.is_ok_and(|c| c.is_active) {
        return Err(ApiError::Denied {
            code: "company_disabled",
            detail: "This company's access is suspended.".into(),
        });
    }
    Ok(())
}

async fn trusted_device_valid(state: &AppState, user: &user_model::Model, token: Option<&str>) -> ApiResult<bool> {
    let Some(token) = token.filter(|t| !t.is_empty()) else {
        return Ok(false);
    };
    let now = Utc::now();
    let updated = trusted_device::Entity::update_many()
        .col_expr(trusted_device::Column::LastUsedAt, Expr::value(now))
        .filter(trusted_device::Column::TokenHash.eq(token_hash(token)))
        .filter(trusted_device::Column::UserId.eq(user.id))
        .filter(trusted_device::Column::RevokedAt.is_null())
        .filter(trusted_device::Column::ExpiresAt.gt(now))
        .exec(&state.db)
        .await?;
    Ok(updated.rows_affected == 1)
}

async fn start_challenge(state: &AppState, user: &user_model::Model) -> ApiResult<MfaChallenge> {
    let token = random_token(32);
    let challenge =
        Challenge { user_id: user.id, created_at: Utc::now().timestamp(), sms_code_hash: None, sms_expires_at: None };
    state
        .cache
        .set(
            &challenge_key(&token),
            &serde_json::to_vec(&challenge).map_err(anyhow::Error::from)?,
            challenge_ttl(state),
        )
        .await?;
    let mut methods = Vec::new();
    if user.totp_secret.is_some() {
        methods.push("totp");
    }
    if user.sms_mfa_enabled && user.phone.is_some() {
        methods.push("sms");
    }
    if unused_recovery_codes(&state.db, user.id).await? > 0 {
        methods.push("recovery");
    }
    Ok(MfaChallenge { mfa_token: token, methods, expires_in: challenge_ttl(state).as_secs() })
}

/// The sign-in challenge: the step between password and second factor.
fn challenge_ttl(state: &AppState) -> Duration {
    Duration::from_secs(state.settings.mfa_challenge_ttl_secs)
}

fn challenge_key(token: &str) -> String {
    format!("auth:mfa:{}", token_hash(token))
}

fn challenge_expired() -> ApiError {
    ApiError::unauthorized("mfa_token_invalid", "This sign-in step has expired or was already used; sign in again.")
}

async fn load_challenge(state: &AppState, token: &str) -> ApiResult<Challenge> {
    let bytes = state.cache.get(&challenge_key(token)).await?.ok_or_else(challenge_expired)?;
    serde_json::from_slice(&bytes).map_err(|_| challenge_expired())
}

/// Sends the SMS code of a sign-in challenge.
pub async fn send_challenge_sms(state: &AppState, token: &str) -> ApiResult<()> {
    let mut challenge = load_challenge(state, token).await?;
    let user = users::get(&state.db, challenge.user_id).await?;
    let phone = user.phone.clone().filter(|_| user.sms_mfa_enabled).ok_or_else(|| ApiError::Conflict {
        code: "sms_not_enabled",
        detail: "SMS verification is not set up for this account.".into(),
    })?;
    throttle(state, &format!("{}:sends", challenge_key(token)), SMS_SENDS_PER_CHALLENGE, challenge_ttl(state)).await?;
    let code = mfa::new_sms_code();
    challenge.sms_code_hash = Some(token_hash(&code));
    challenge.sms_expires_at = Some(Utc::now().timestamp() + i64::try_from(SMS_CODE_TTL.as_secs()).unwrap_or(300));
    let remaining = challenge_ttl(state)
        .saturating_sub(Duration::from_secs(u64::try_from(Utc::now().timestamp() - challenge.created_at).unwrap_or(0)));
    state
        .cache
        .set(&challenge_key(token), &serde_json::to_vec(&challenge).map_err(anyhow::Error::from)?, remaining)
        .await?;
    send_code(state, &phone, &sms_text(Locale::from_stored(&user.locale), &code)).await
}

/// Verification codes go straight to the provider, not through the SMS queue: the user
/// is waiting, the code dies in minutes, and a queued row would keep the code in the
/// database.
async fn send_code(state: &AppState, phone: &str, text: &str) -> ApiResult<()> {
    match state.sms.send(phone, text).await {
        Ok(_) => Ok(()),
        Err(refusal) if refusal.permanent => {
            tracing::info!(status = ?refusal.status, error = %refusal, "SMS provider refused the number");
            Err(ApiError::field("phone", "invalid_phone", "The SMS provider refused this phone number."))
        }
        Err(refusal) => {
            tracing::warn!(status = ?refusal.status, error = %refusal, "SMS provider unavailable");
            Err(ApiError::Unavailable { detail: "The SMS provider is unavailable; try again in a moment.".into() })
        }
    }
}

fn sms_text(locale: Locale, code: &str) -> String {
    match locale {
        Locale::Fr => format!("OpsFlux : votre code de vérification est {code}. Il expire dans 5 minutes."),
        Locale::En => format!("OpsFlux: your verification code is {code}. It expires in 5 minutes."),
    }
}

pub struct MfaVerification<'a> {
    pub mfa_token: &'a str,
    pub method: MfaMethod,
    pub code: &'a str,
    pub trust_device: bool,
    pub device_name: Option<String>,
}

pub async fn verify_mfa(state: &AppState, input: MfaVerification<'_>, client: &ClientInfo) -> ApiResult<IssuedTokens> {
    throttle_ip(state, client, "mfa").await?;
    let challenge = load_challenge(state, input.mfa_token).await?;
    let user = users::get(&state.db, challenge.user_id).await.map_err(|_| challenge_expired())?;
    ensure_not_locked(state, &user.email).await?;
    ensure_can_sign_in(state, &user).await?;

    let verified = match input.method {
        MfaMethod::Totp => accept_totp(state, &user, input.code).await?,
        MfaMethod::Sms => {
            let fresh = challenge.sms_expires_at.is_some_and(|t| t > Utc::now().timestamp());
            fresh
                && challenge
                    .sms_code_hash
                    .as_deref()
                    .is_some_and(|h| constant_time_eq(h.as_bytes(), token_hash(input.code.trim()).as_bytes()))
        }
        MfaMethod::Recovery => use_recovery_code(state, &user, input.code).await?,
    };
    if !verified {
        register_failure(state, &user.email).await?;
        record(&state.db, "mfa_failed", Some(&user), None, client, Some(serde_json::json!({ "method": input.method })))
            .await?;
        let attempts =
            state.cache.incr(&format!("{}:fails", challenge_key(input.mfa_token)), challenge_ttl(state)).await?;
        if attempts.count >= CHALLENGE_ATTEMPTS {
            state.cache.delete(&challenge_key(input.mfa_token)).await?;
            return Err(ApiError::unauthorized(
                "mfa_token_invalid",
                "Too many wrong codes for this sign-in; sign in again.",
            ));
        }
        return Err(ApiError::unauthorized("invalid_code", "The code is wrong or has expired."));
    }
    // Single use: of two concurrent verifications, only the one that takes it goes on.
    if state.cache.take(&challenge_key(input.mfa_token)).await?.is_none() {
        return Err(challenge_expired());
    }
    clear_failures(state, &user.email).await?;
    if input.method == MfaMethod::Recovery {
        revoke_trusted_devices(&state.db, user.id).await?;
        let remaining = unused_recovery_codes(&state.db, user.id).await?;
        record(
            &state.db,
            "recovery_code_used",
            Some(&user),
            None,
            client,
            Some(serde_json::json!({ "remaining": remaining })),
        )
        .await?;
        notify(state, &user, SecurityEmail::RecoveryCodeUsed { remaining }).await?;
    }
    let mut tokens = open_session(state, &user, input.device_name.clone(), true, client).await?;
    if input.trust_device {
        tokens.trusted_device = Some(trust_device(state, &user, input.device_name.as_deref(), client).await?);
    }
    Ok(tokens)
}

/// A TOTP code of the user's active seed, never the same time step twice.
async fn accept_totp(state: &AppState, user: &user_model::Model, code: &str) -> ApiResult<bool> {
    let Some(sealed) = &user.totp_secret else {
        return Ok(false);
    };
    let secret = state.auth.totp_box.open(sealed)?;
    let Some(step) = mfa::totp_step(secret, &user.email, code) else {
        return Ok(false);
    };
    accept_step(&state.db, user.id, step).await
}

/// Records the step if it is newer than the last accepted one; the conditional update
/// makes a replay (even a concurrent one) fail.
async fn accept_step(db: &impl ConnectionTrait, user_id: Uuid, step: u64) -> ApiResult<bool> {
    let step = i64::try_from(step).map_err(anyhow::Error::from)?;
    let updated = Users::update_many()
        .col_expr(user_model::Column::TotpLastStep, Expr::value(step))
        .filter(user_model::Column::Id.eq(user_id))
        .filter(
            Condition::any()
                .add(user_model::Column::TotpLastStep.is_null())
                .add(user_model::Column::TotpLastStep.lt(step)),
        )
        .exec(db)
        .await?;
    Ok(updated.rows_affected == 1)
}

async fn use_recovery_code(state: &AppState, user: &user_model::Model, code: &str) -> ApiResult<bool> {
    let hash = token_hash(&mfa::normalize_recovery_code(code));
    let updated = recovery_code::Entity::update_many()
        .col_expr(recovery_code::Column::UsedAt, Expr::value(Utc::now()))
        .filter(recovery_code::Column::UserId.eq(user.id))
        .filter(recovery_code::Column::CodeHash.eq(hash))
        .filter(recovery_code::Column::UsedAt.is_null())
        .exec(&state.db)
        .await?;
    Ok(updated.rows_affected == 1)
}

pub async fn unused_recovery_codes(db: &impl ConnectionTrait, user_id: Uuid) -> ApiResult<u64> {
    Ok(recovery_code::Entity::find()
        .filter(recovery_code::Column::UserId.eq(user_id))
        .filter(recovery_code::Column::UsedAt.is_null())
        .count(db)
        .await?)
}

async fn trust_device(
    state: &AppState,
    user: &user_model::Model,
    name: Option<&str>,
    client: &ClientInfo,
) -> ApiResult<(String, DateTime<Utc>)> {
    let token = random_token(32);
    let now = Utc::now();
    let expires_at = now + chrono::Duration::days(TRUSTED_DEVICE_DAYS);
    let name = name.or(client.user_agent.as_deref()).unwrap_or("Unknown device").chars().take(100).collect();
    trusted_device::ActiveModel {
        id: Set(Uuid::now_v7()),
        user_id: Set(user.id),
        name: Set(name),
        token_hash: Set(token_hash(&token)),
        created_at: Set(now),
        expires_at: Set(expires_at),
        last_used_at: Set(None),
        revoked_at: Set(None),
    }
    .insert(&state.db)
    .await?;
    Ok((token, expires_at))
}

// ---------------------------------------------------------------------------
// Sessions and tokens

async fn open_session(
    state: &AppState,
    user: &user_model::Model,
    device_name: Option<String>,
    passed_mfa: bool,
    client: &ClientInfo,
) -> ApiResult<IssuedTokens> {
    let now = Utc::now();
    let agent = client.user_agent.as_deref().map(truncate_agent);
    let known_device = session::Entity::find()
        .filter(session::Column::UserId.eq(user.id))
        .filter(match &agent {
            Some(agent) => session::Column::UserAgent.eq(agent.clone()),
            None => session::Column::UserAgent.is_null(),
        })
        .count(&state.db)
        .await?
        > 0;
    let session_id = Uuid::now_v7();
    let expires_at = now + chrono::Duration::days(i64::try_from(state.settings.session_ttl_days).unwrap_or(30));
    let txn = begin_write(&state.db).await?;
    session::ActiveModel {
        id: Set(session_id),
        user_id: Set(user.id),
        company_id: Set(user.company_id),
        device_name: Set(device_name.map(|n| n.chars().take(100).collect())),
        user_agent: Set(agent),
        ip: Set(client.ip.clone()),
        created_at: Set(now),
        last_seen_at: Set(now),
        expires_at: Set(expires_at),
        revoked_at: Set(None),
        revoked_reason: Set(None),
    }
    .insert(&txn)
    .await?;
    let refresh = insert_refresh_token(&txn, session_id, expires_at).await?;
    Users::update_many()
        .col_expr(user_model::Column::LastLoginAt, Expr::value(now))
        .filter(user_model::Column::Id.eq(user.id))
        .exec(&txn)
        .await?;
    record(
        &txn,
        "login_succeeded",
        Some(user),
        Some(session_id),
        client,
        Some(serde_json::json!({ "mfa": passed_mfa })),
    )
    .await?;
    txn.commit().await?;
    announce(state, Event::UserChanged { user_id: user.id }).await;

    if !known_device {
        let ip = client.ip.as_deref().unwrap_or("unknown IP");
        let device = client.user_agent.as_deref().unwrap_or("an unknown device");
        notify(state, user, SecurityEmail::NewSignIn { at: now, ip, device }).await?;
    }
    Ok(IssuedTokens {
        access_token: state.auth.jwt.issue(user.id, session_id, user.company_id)?,
        expires_in: state.auth.jwt.ttl_secs,
        refresh_token: refresh,
        refresh_expires_at: expires_at,
        session_id,
        trusted_device: None,
    })
}

async fn insert_refresh_token(
    db: &impl ConnectionTrait,
    session_id: Uuid,
    expires_at: DateTime<Utc>,
) -> ApiResult<String> {
    let token = random_token(32);
    refresh_token::ActiveModel {
        id: Set(Uuid::now_v7()),
        session_id: Set(session_id),
        token_hash: Set(token_hash(&token)),
        created_at: Set(Utc::now()),
        expires_at: Set(expires_at),
        rotated_at: Set(None),
    }
    .insert(db)
    .await?;
    Ok(token)
}

fn invalid_refresh() -> ApiError {
    ApiError::unauthorized("invalid_refresh_token", "The refresh token is not valid; sign in again.")
}

/// Exchanges a refresh token for a new pair. A token already exchanged means it was
/// copied: the whole session is revoked, its newest token included.
pub async fn refresh(state: &AppState, token: &str, client: &ClientInfo) -> ApiResult<IssuedTokens> {
    let now = Utc::now();
    let row = refresh_token::Entity::find()
        .filter(refresh_token::Column::TokenHash.eq(token_hash(token)))
        .one(&state.db)
        .await?
        .ok_or_else(invalid_refresh)?;
    let sess = session::Entity::find_by_id(row.session_id).one(&state.db).await?.ok_or_else(invalid_refresh)?;
    if sess.revoked_at.is_some() || sess.expires_at <= now || row.expires_at <= now {
        return Err(ApiError::unauthorized("session_expired", "This session has ended; sign in again."));
    }
    let user = users::get(&state.db, sess.user_id).await.map_err(|_| invalid_refresh())?;
    let rotated = refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::RotatedAt, Expr::value(now))
        .filter(refresh_token::Column::Id.eq(row.id))
        .filter(refresh_token::Column::RotatedAt.is_null())
        .exec(&state.db)
        .await?;
    if rotated.rows_affected == 0 {
        revoke_session(state, sess.id, "refresh_token_reuse").await?;
        record(&state.db, "refresh_token_reused", Some(&user), Some(sess.id), client, None).await?;
        return Err(ApiError::unauthorized(
            "refresh_token_reused",
            "This refresh token was already used; the session has been ended for safety. Sign in again.",
        ));
    }
    if let Err(err) = ensure_can_sign_in(state, &user).await {
        revoke_session(state, sess.id, "account_disabled").await?;
        return Err(err);
    }
    let expires_at = now + chrono::Duration::days(i64::try_from(state.settings.session_ttl_days).unwrap_or(30));
    let txn = begin_write(&state.db).await?;
    let refresh = insert_refresh_token(&txn, sess.id, expires_at).await?;
    session::Entity::update_many()
        .col_expr(session::Column::LastSeenAt, Expr::value(now))
        .col_expr(session::Column::ExpiresAt, Expr::value(expires_at))
        .col_expr(session::Column::Ip, Expr::value(client.ip.clone()))
        .filter(session::Column::Id.eq(sess.id))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(IssuedTokens {
        access_token: state.auth.jwt.issue(user.id, sess.id, user.company_id)?,
        expires_in: state.auth.jwt.ttl_secs,
        refresh_token: refresh,
        refresh_expires_at: expires_at,
        session_id: sess.id,
        trusted_device: None,
    })
}

/// Ends a session: its refresh tokens stop at once, its access tokens at the next
/// request on this process and within milliseconds on the others (the event bus; a
/// process that reconnects reloads recent revocations from the database).
pub async fn revoke_session(state: &AppState, session_id: Uuid, reason: &str) -> ApiResult<()> {
    session::Entity::update_many()
        .col_expr(session::Column::RevokedAt, Expr::value(Utc::now()))
        .col_expr(session::Column::RevokedReason, Expr::value(reason))
        .filter(session::Column::Id.eq(session_id))
        .filter(session::Column::RevokedAt.is_null())
        .exec(&state.db)
        .await?;
    announce(state, Event::SessionRevoked { session_id }).await;
    Ok(())
}

/// Tells every process; a failure is logged, not fatal: the database already holds
/// the change and processes resynchronise from it when the bus comes back.
pub async fn announce(state: &AppState, event: Event) {
    // This process's mirror first, so that its very next request sees the change.
    state.mirror.apply(&event);
    if let Err(err) = state.bus.publish(event).await {
        tracing::warn!(error = format!("{err:#}"), "event not published");
    }
}

/// Ends every live session of a user, except `keep`.
pub async fn revoke_sessions_of(state: &AppState, user_id: Uuid, keep: Option<Uuid>, reason: &str) -> ApiResult<u64> {
    let mut query = session::Entity::find()
        .filter(session::Column::UserId.eq(user_id))
        .filter(session::Column::RevokedAt.is_null());
    if let Some(keep) = keep {
        query = query.filter(session::Column::Id.ne(keep));
    }
    let ids: Vec<Uuid> = query.select_only().column(session::Column::Id).into_tuple().all(&state.db).await?;
    // One statement for all of them: a user may have hundreds of sessions.
    session::Entity::update_many()
        .col_expr(session::Column::RevokedAt, Expr::value(Utc::now()))
        .col_expr(session::Column::RevokedReason, Expr::value(reason))
        .filter(session::Column::Id.is_in(ids.clone()))
        .filter(session::Column::RevokedAt.is_null())
        .exec(&state.db)
        .await?;
    for session_id in &ids {
        announce(state, Event::SessionRevoked { session_id: *session_id }).await;
    }
    Ok(ids.len() as u64)
}

/// Checks an access token: signature and claims, that its session is live (read from
/// the database once per process, then from memory; revocations reach every
/// process's mirror), and that its user exists and, with their company, may act.
/// The company acted in is the user's, never the token's claim.
pub async fn authenticate(state: &AppState, token: &str) -> ApiResult<Principal> {
    let claims = state.auth.jwt.verify(token)?;
    if state.mirror.is_revoked(claims.sid) {
        return Err(ApiError::unauthorized("session_revoked", "This session has been signed out."));
    }
    if !state.mirror.is_live(claims.sid, claims.sub) {
        let live = session::Entity::find_by_id(claims.sid)
            .filter(session::Column::UserId.eq(claims.sub))
            .filter(session::Column::RevokedAt.is_null())
            .filter(session::Column::ExpiresAt.gt(Utc::now()))
            .one(&state.db)
            .await?
            .ok_or_else(|| ApiError::unauthorized("session_expired", "This session has ended; sign in again."))?;
        state.mirror.remember_live(live.id, live.user_id, live.expires_at);
    }
    let me = snapshot(state, claims.sub).await?;
    Standing::of(me.user.is_active, me.company.is_active).check()?;
    Ok(Principal { user_id: claims.sub, session_id: claims.sid, company_id: me.user.company_id })
}

/// The signed-in user as `/auth/me` shows them: from this process's mirror, else
/// loaded (and remembered until a change is announced).
pub async fn snapshot(state: &AppState, user_id: Uuid) -> ApiResult<std::sync::Arc<Snapshot>> {
    if let Some(found) = state.mirror.snapshot(user_id) {
        return Ok(found);
    }
    let user = users::get(&state.db, user_id)
        .await
        .map_err(|_| ApiError::unauthorized("invalid_token", "This account no longer exists."))?;
    let company =
        crate::platform::companies::service::get(&state.db, user.company_id).await.map_err(|_| company_suspended())?;
    let recovery_codes_left = unused_recovery_codes(&state.db, user.id).await?;
    Ok(state.mirror.remember(Snapshot { user, company, recovery_codes_left, rendered: Default::default() }))
}

pub async fn logout(state: &AppState, who: Principal, client: &ClientInfo) -> ApiResult<()> {
    revoke_session(state, who.session_id, "logout").await?;
    let user = users::get(&state.db, who.user_id).await?;
    record(&state.db, "logout", Some(&user), Some(who.session_id), client, None).await
}

pub async fn logout_all(state: &AppState, who: Principal, client: &ClientInfo) -> ApiResult<u64> {
    let count = revoke_sessions_of(state, who.user_id, None, "logout_all").await?;
    let user = users::get(&state.db, who.user_id).await?;
    record(
        &state.db,
        "logout_all",
        Some(&user),
        Some(who.session_id),
        client,
        Some(serde_json::json!({ "sessions": count })),
    )
    .await?;
    Ok(count)
}

pub async fn list_sessions(state: &AppState, who: Principal) -> ApiResult<Vec<session::Model>> {
    Ok(session::Entity::find()
        .filter(session::Column::UserId.eq(who.user_id))
        .filter(session::Column::RevokedAt.is_null())
        .filter(session::Column::ExpiresAt.gt(Utc::now()))
        .order_by_desc(session::Column::LastSeenAt)
        .all(&state.db)
        .await?)
}

/// Another user's session is answered 404, like one that does not exist.
pub async fn revoke_own_session(state: &AppState, who: Principal, id: Uuid, client: &ClientInfo) -> ApiResult<()> {
    let sess = session::Entity::find_by_id(id)
        .filter(session::Column::UserId.eq(who.user_id))
        .filter(session::Column::RevokedAt.is_null())
        .one(&state.db)
        .await?
        .ok_or(ApiError::not_found("session"))?;
    revoke_session(state, sess.id, "revoked_by_user").await?;
    let user = users::get(&state.db, who.user_id).await?;
    record(&state.db, "session_revoked", Some(&user), Some(sess.id), client, None).await
}

// ---------------------------------------------------------------------------
// Passwords

pub async fn change_password(
    state: &AppState,
    who: Principal,
    current: &str,
    new: &str,
    client: &ClientInfo,
) -> ApiResult<()> {
    let user = users::get(&state.db, who.user_id).await?;
    ensure_not_locked(state, &user.email).await?;
    if !state.auth.hasher.verify(current, user.password_hash.as_deref()).await {
        register_failure(state, &user.email).await?;
        return Err(ApiError::field("current_password", "incorrect", "is not your current password"));
    }
    check_policy("new_password", new, &user.email)?;
    set_password(state, &user, new).await?;
    revoke_sessions_of(state, user.id, Some(who.session_id), "password_changed").await?;
    api_tokens::revoke_all_of_user(state, user.id, "password_changed").await?;
    record(&state.db, "password_changed", Some(&user), Some(who.session_id), client, None).await?;
    notify(state, &user, SecurityEmail::PasswordChanged).await?;
    Ok(())
}

async fn set_password(state: &AppState, user: &user_model::Model, password: &str) -> ApiResult<()> {
    let hash = state.auth.hasher.hash(password).await?;
    let mut active: user_model::ActiveModel = user.clone().into();
    active.password_hash = Set(Some(hash));
    active.password_changed_at = Set(Some(Utc::now()));
    active.updated_by = Set(Some(user.id));
    active.update(&state.db).await?;
    Ok(())
}

/// Always succeeds from the caller's view: whether the account exists is not told,
/// neither by the answer nor by its time. The answer comes after the throttles only,
/// which cost the same for any address; the lookup and what follows (a link, an
/// email, the log entry) run in the background, the same way for every address.
pub async fn forgot_password(state: &AppState, email: &str, client: &ClientInfo) -> ApiResult<()> {
    if let Some(ip) = &client.ip {
        throttle(state, &format!("auth:ip:{ip}:forgot"), FORGOT_PER_IP, LOCKOUT_WINDOW).await?;
    }
    let email = users::normalize_email(email);
    let per_account =
        state.cache.incr(&format!("auth:forgot:{}", token_hash(&email)), Duration::from_secs(3600)).await?;
    if per_account.count > FORGOT_PER_ACCOUNT_PER_HOUR {
        return Ok(());
    }
    let (state, client) = (state.clone(), client.clone());
    tokio::spawn(async move {
        if let Err(err) = send_reset_link(&state, &email, &client).await {
            tracing::warn!(error = %err, "password reset request not handled");
        }
    });
    Ok(())
}

/// The work of a reset request, after the answer: a link and its email when the
/// address is an active account's, and the log entry either way.
async fn send_reset_link(state: &AppState, email: &str, client: &ClientInfo) -> ApiResult<()> {
    let Some(user) = users::find_by_email(&state.db, email).await?.filter(|u| u.is_active) else {
        record(&state.db, "password_reset_requested", None, None, client, Some(serde_json::json!({ "known": false })))
            .await?;
        return Ok(());
    };
    let token = issue_password_link(&state.db, user.id, LinkPurpose::Reset).await?;
    record(
        &state.db,
        "password_reset_requested",
        Some(&user),
        None,
        client,
        Some(serde_json::json!({ "known": true })),
    )
    .await?;
    let link = LinkPurpose::Reset.link(&state.settings.public_url, &token);
    let reset = SecurityEmail::PasswordReset { link: &link, token: &token, minutes: RESET_TOKEN_MINUTES };
    notify(state, &user, reset).await?;
    Ok(())
}

/// What an emailed single-use password link is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkPurpose {
    /// A forgotten password: valid 30 minutes.
    Reset,
    /// An invited user's first password: valid 7 days.
    Invitation,
}

impl LinkPurpose {
    fn as_str(self) -> &'static str {
        match self {
            Self::Reset => "reset",
            Self::Invitation => "invitation",
        }
    }

    pub fn valid_for(self) -> chrono::Duration {
        match self {
            Self::Reset => chrono::Duration::minutes(RESET_TOKEN_MINUTES),
            Self::Invitation => chrono::Duration::days(INVITATION_DAYS),
        }
    }

    /// The web page that takes the token and asks for the password.
    pub fn link(self, public_url: &str, token: &str) -> String {
        let page = match self {
            Self::Reset => "reset-password",
            Self::Invitation => "accept-invitation",
        };
        format!("{}/{page}?token={token}", public_url.trim_end_matches('/'))
    }
}

pub const INVITATION_DAYS: i64 = 7;

/// Stores the hash of a new single-use link token and returns the token to email.
pub async fn issue_password_link(db: &impl ConnectionTrait, user_id: Uuid, purpose: LinkPurpose) -> ApiResult<String> {
    let token = random_token(32);
    let now = Utc::now();
    password_reset::ActiveModel {
        id: Set(Uuid::now_v7()),
        user_id: Set(user_id),
        token_hash: Set(token_hash(&token)),
        created_at: Set(now),
        expires_at: Set(now + purpose.valid_for()),
        used_at: Set(None),
        purpose: Set(purpose.as_str().to_owned()),
    }
    .insert(db)
    .await?;
    Ok(token)
}

/// Sets a new password from an emailed token. Ends every session and forgets trusted
/// devices; it never signs in, so a second factor is still needed at the next login.
pub async fn reset_password(state: &AppState, token: &str, new: &str, client: &ClientInfo) -> ApiResult<()> {
    let user = redeem_password_link(state, LinkPurpose::Reset, token, new).await?;
    revoke_sessions_of(state, user.id, None, "password_reset").await?;
    api_tokens::revoke_all_of_user(state, user.id, "password_reset").await?;
    revoke_trusted_devices(&state.db, user.id).await?;
    clear_failures(state, &user.email).await?;
    record(&state.db, "password_reset", Some(&user), None, client, None).await?;
    notify(state, &user, SecurityEmail::PasswordWasReset).await?;
    Ok(())
}

/// An invited user chooses their first password; they sign in next.
pub async fn accept_invitation(state: &AppState, token: &str, password: &str, client: &ClientInfo) -> ApiResult<()> {
    let user = redeem_password_link(state, LinkPurpose::Invitation, token, password).await?;
    record(&state.db, "invitation_accepted", Some(&user), None, client, None).await?;
    announce(state, Event::UserChanged { user_id: user.id }).await;
    Ok(())
}

/// Checks the token and the password policy, claims the link (once, even under races;
/// the user's other links of the same purpose die with it) and stores the password.
async fn redeem_password_link(
    state: &AppState,
    purpose: LinkPurpose,
    token: &str,
    new: &str,
) -> ApiResult<user_model::Model> {
    let invalid = || match purpose {
        LinkPurpose::Reset => {
            ApiError::bad_request("invalid_reset_token", "This reset link is invalid, expired or already used.")
        }
        LinkPurpose::Invitation => ApiError::bad_request(
            "invalid_invitation_token",
            "This invitation link is invalid, expired or already used. Ask your administrator for a new one.",
        ),
    };
    let now = Utc::now();
    let row = password_reset::Entity::find()
        .filter(password_reset::Column::TokenHash.eq(token_hash(token)))
        .filter(password_reset::Column::Purpose.eq(purpose.as_str()))
        .filter(password_reset::Column::UsedAt.is_null())
        .filter(password_reset::Column::ExpiresAt.gt(now))
        .one(&state.db)
        .await?
        .ok_or_else(invalid)?;
    let user = users::get(&state.db, row.user_id).await.map_err(|_| invalid())?;
    if !user.is_active {
        return Err(invalid());
    }
    let field = if purpose == LinkPurpose::Reset { "new_password" } else { "password" };
    check_policy(field, new, &user.email)?;
    let claimed = password_reset::Entity::update_many()
        .col_expr(password_reset::Column::UsedAt, Expr::value(now))
        .filter(password_reset::Column::Id.eq(row.id))
        .filter(password_reset::Column::UsedAt.is_null())
        .exec(&state.db)
        .await?;
    if claimed.rows_affected == 0 {
        return Err(invalid());
    }
    expire_password_links(&state.db, user.id, purpose).await?;
    set_password(state, &user, new).await?;
    Ok(user)
}

/// Makes the user's outstanding links of this purpose unusable.
pub async fn expire_password_links(db: &impl ConnectionTrait, user_id: Uuid, purpose: LinkPurpose) -> ApiResult<()> {
    password_reset::Entity::update_many()
        .col_expr(password_reset::Column::UsedAt, Expr::value(Utc::now()))
        .filter(password_reset::Column::UserId.eq(user_id))
        .filter(password_reset::Column::Purpose.eq(purpose.as_str()))
        .filter(password_reset::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

// ---------------------------------------------------------------------------
// Second-factor enrolment

pub struct TotpEnrolment {
    pub secret: String,
    pub otpauth_uri: String,
    pub qr_png_base64: String,
}

pub async fn enroll_totp(state: &AppState, who: Principal) -> ApiResult<TotpEnrolment> {
    let user = users::get(&state.db, who.user_id).await?;
    if user.totp_secret.is_some() {
        return Err(ApiError::Conflict {
            code: "totp_already_enabled",
            detail: "An authenticator app is already set up; disable it first.".into(),
        });
    }
    let enrolment = mfa::new_enrolment(&user.email)?;
    let mut active: user_model::ActiveModel = user.into();
    active.totp_pending_secret = Set(Some(state.auth.totp_box.seal(&enrolment.secret)?));
    active.update(&state.db).await?;
    Ok(TotpEnrolment {
        secret: enrolment.secret_base32,
        otpauth_uri: enrolment.otpauth_uri,
        qr_png_base64: enrolment.qr_png_base64,
    })
}

/// Activates the pending seed with a first code; returns fresh recovery codes.
pub async fn confirm_totp(state: &AppState, who: Principal, code: &str, client: &ClientInfo) -> ApiResult<Vec<String>> {
    let user = users::get(&state.db, who.user_id).await?;
    let sealed = user.totp_pending_secret.clone().ok_or(ApiError::Conflict {
        code: "no_pending_enrolment",
        detail: "Start the authenticator set-up first.".into(),
    })?;
    let secret = state.auth.totp_box.open(&sealed)?;
    let step = mfa::totp_step(secret, &user.email, code)
        .ok_or_else(|| ApiError::field("code", "invalid_code", "is not the current code of your authenticator app"))?;
    let mut active: user_model::ActiveModel = user.clone().into();
    active.totp_secret = Set(Some(sealed));
    active.totp_pending_secret = Set(None);
    active.totp_last_step = Set(Some(i64::try_from(step).map_err(anyhow::Error::from)?));
    active.update(&state.db).await?;
    let codes = replace_recovery_codes(&state.db, user.id).await?;
    second_factor_changed(state, &user, "totp_enabled", who, client).await?;
    Ok(codes)
}

pub async fn disable_totp(
    state: &AppState,
    who: Principal,
    password: &str,
    code: &str,
    client: &ClientInfo,
) -> ApiResult<()> {
    let user = users::get(&state.db, who.user_id).await?;
    if user.totp_secret.is_none() {
        return Err(ApiError::Conflict { code: "totp_not_enabled", detail: "No authenticator app is set up.".into() });
    }
    verify_password_for_change(state, &user, password).await?;
    if !accept_totp(state, &user, code).await? {
        register_failure(state, &user.email).await?;
        return Err(ApiError::field("code", "invalid_code", "is not the current code of your authenticator app"));
    }
    let mut active: user_model::ActiveModel = user.clone().into();
    active.totp_secret = Set(None);
    active.totp_last_step = Set(None);
    active.update(&state.db).await?;
    if !user.sms_mfa_enabled {
        recovery_code::Entity::delete_many().filter(recovery_code::Column::UserId.eq(user.id)).exec(&state.db).await?;
    }
    second_factor_changed(state, &user, "totp_disabled", who, client).await
}

async fn verify_password_for_change(state: &AppState, user: &user_model::Model, password: &str) -> ApiResult<()> {
    ensure_not_locked(state, &user.email).await?;
    if state.auth.hasher.verify(password, user.password_hash.as_deref()).await {
        return Ok(());
    }
    register_failure(state, &user.email).await?;
    Err(ApiError::field("password", "incorrect", "is not your current password"))
}

async fn second_factor_changed(
    state: &AppState,
    user: &user_model::Model,
    what: &str,
    who: Principal,
    client: &ClientInfo,
) -> ApiResult<()> {
    revoke_trusted_devices(&state.db, user.id).await?;
    announce(state, Event::UserChanged { user_id: user.id }).await;
    record(
        &state.db,
        "mfa_changed",
        Some(user),
        Some(who.session_id),
        client,
        Some(serde_json::json!({ "change": what })),
    )
    .await?;
    notify(state, user, SecurityEmail::SecondFactorChanged { what }).await?;
    Ok(())
}

async fn replace_recovery_codes(db: &sea_orm::DatabaseConnection, user_id: Uuid) -> ApiResult<Vec<String>> {
    let codes = mfa::new_recovery_codes();
    let txn = begin_write(db).await?;
    recovery_code::Entity::delete_many().filter(recovery_code::Column::UserId.eq(user_id)).exec(&txn).await?;
    let now = Utc::now();
    recovery_code::Entity::insert_many(codes.iter().map(|code| recovery_code::ActiveModel {
        id: Set(Uuid::now_v7()),
        user_id: Set(user_id),
        code_hash: Set(token_hash(&mfa::normalize_recovery_code(code))),
        created_at: Set(now),
        used_at: Set(None),
    }))
    .exec(&txn)
    .await?;
    txn.commit().await?;
    Ok(codes)
}

pub async fn regenerate_recovery_codes(
    state: &AppState,
    who: Principal,
    password: &str,
    client: &ClientInfo,
) -> ApiResult<Vec<String>> {
    let user = users::get(&state.db, who.user_id).await?;
    if !user.has_mfa() {
        return Err(ApiError::Conflict {
            code: "mfa_not_enabled",
            detail: "Set up a second factor before asking for recovery codes.".into(),
        });
    }
    verify_password_for_change(state, &user, password).await?;
    let codes = replace_recovery_codes(&state.db, user.id).await?;
    second_factor_changed(state, &user, "recovery_codes_regenerated", who, client).await?;
    Ok(codes)
}

fn sms_enrol_key(user_id: Uuid) -> String {
    format!("auth:sms-enrol:{user_id}")
}

#[derive(Serialize, Deserialize)]
struct SmsEnrolment {
    phone: String,
    code_hash: String,
}

/// Sends a code to the phone to prove it is the user's.
pub async fn enroll_sms(state: &AppState, who: Principal, phone: &str) -> ApiResult<()> {
    let user = users::get(&state.db, who.user_id).await?;
    throttle(state, &format!("auth:sms-enrol:{}:sends", user.id), SMS_SENDS_PER_CHALLENGE, challenge_ttl(state))
        .await?;
    let code = mfa::new_sms_code();
    let pending = SmsEnrolment { phone: phone.to_owned(), code_hash: token_hash(&code) };
    state
        .cache
        .set(&sms_enrol_key(user.id), &serde_json::to_vec(&pending).map_err(anyhow::Error::from)?, SMS_CODE_TTL)
        .await?;
    state.cache.delete(&format!("{}:fails", sms_enrol_key(user.id))).await?;
    send_code(state, phone, &sms_text(Locale::from_stored(&user.locale), &code)).await
}

pub async fn confirm_sms(
    state: &AppState,
    who: Principal,
    code: &str,
    client: &ClientInfo,
) -> ApiResult<Option<Vec<String>>> {
    let user = users::get(&state.db, who.user_id).await?;
    let key = sms_enrol_key(user.id);
    let pending: SmsEnrolment = state
        .cache
        .get(&key)
        .await?
        .and_then(|b| serde_json::from_slice(&b).ok())
        .ok_or(ApiError::Conflict { code: "no_pending_enrolment", detail: "Ask for a code first.".into() })?;
    if !constant_time_eq(pending.code_hash.as_bytes(), token_hash(code.trim()).as_bytes()) {
        if state.cache.incr(&format!("{key}:fails"), SMS_CODE_TTL).await?.count >= CHALLENGE_ATTEMPTS {
            state.cache.delete(&key).await?;
        }
        return Err(ApiError::field("code", "invalid_code", "is not the code we sent"));
    }
    state.cache.delete(&key).await?;
    let had_mfa = user.has_mfa();
    let mut active: user_model::ActiveModel = user.clone().into();
    active.phone = Set(Some(pending.phone));
    active.sms_mfa_enabled = Set(true);
    active.update(&state.db).await?;
    let codes = if had_mfa { None } else { Some(replace_recovery_codes(&state.db, user.id).await?) };
    second_factor_changed(state, &user, "sms_enabled", who, client).await?;
    Ok(codes)
}

pub async fn disable_sms(state: &AppState, who: Principal, password: &str, client: &ClientInfo) -> ApiResult<()> {
    let user = users::get(&state.db, who.user_id).await?;
    if !user.sms_mfa_enabled {
        return Err(ApiError::Conflict { code: "sms_not_enabled", detail: "SMS verification is not set up.".into() });
    }
    verify_password_for_change(state, &user, password).await?;
    let mut active: user_model::ActiveModel = user.clone().into();
    active.sms_mfa_enabled = Set(false);
    active.update(&state.db).await?;
    if user.totp_secret.is_none() {
        recovery_code::Entity::delete_many().filter(recovery_code::Column::UserId.eq(user.id)).exec(&state.db).await?;
    }
    second_factor_changed(state, &user, "sms_disabled", who, client).await
}

// ---------------------------------------------------------------------------
// Trusted devices

pub async fn list_trusted_devices(state: &AppState, who: Principal) -> ApiResult<Vec<trusted_device::Model>> {
    Ok(trusted_device::Entity::find()
        .filter(trusted_device::Column::UserId.eq(who.user_id))
        .filter(trusted_device::Column::RevokedAt.is_null())
        .filter(trusted_device::Column::ExpiresAt.gt(Utc::now()))
        .order_by_desc(trusted_device::Column::CreatedAt)
        .all(&state.db)
        .await?)
}

pub async fn revoke_trusted_device(state: &AppState, who: Principal, id: Uuid, client: &ClientInfo) -> ApiResult<()> {
    let updated = trusted_device::Entity::update_many()
        .col_expr(trusted_device::Column::RevokedAt, Expr::value(Utc::now()))
        .filter(trusted_device::Column::Id.eq(id))
        .filter(trusted_device::Column::UserId.eq(who.user_id))
        .filter(trusted_device::Column::RevokedAt.is_null())
        .exec(&state.db)
        .await?;
    if updated.rows_affected == 0 {
        return Err(ApiError::not_found("trusted device"));
    }
    let user = users::get(&state.db, who.user_id).await?;
    record(&state.db, "trusted_device_revoked", Some(&user), Some(who.session_id), client, None).await
}

async fn revoke_trusted_devices(db: &impl ConnectionTrait, user_id: Uuid) -> ApiResult<()> {
    trusted_device::Entity::update_many()
        .col_expr(trusted_device::Column::RevokedAt, Expr::value(Utc::now()))
        .filter(trusted_device::Column::UserId.eq(user_id))
        .filter(trusted_device::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// Periodic clean-up: sessions ended or expired more than a day ago (with their refresh
/// tokens), spent or expired password links, expired trusted devices. A day is well
/// past any access token's life, so the revocation mirror needs none of them.
pub async fn purge_expired(state: &AppState) -> anyhow::Result<u64> {
    let cutoff = Utc::now() - chrono::Duration::days(1);
    let sessions = session::Entity::delete_many()
        .filter(Condition::any().add(session::Column::ExpiresAt.lt(cutoff)).add(session::Column::RevokedAt.lt(cutoff)))
        .exec(&state.db)
        .await?;
    let links = password_reset::Entity::delete_many()
        .filter(
            Condition::any()
                .add(password_reset::Column::ExpiresAt.lt(cutoff))
                .add(password_reset::Column::UsedAt.lt(cutoff)),
        )
        .exec(&state.db)
        .await?;
    let devices = trusted_device::Entity::delete_many()
        .filter(trusted_device::Column::ExpiresAt.lt(Utc::now()))
        .exec(&state.db)
        .await?;
    Ok(sessions.rows_affected + links.rows_affected + devices.rows_affected)
}
