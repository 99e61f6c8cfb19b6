//! Sign-in: password, then the second factor (TOTP, SMS code, recovery code), with
//! throttling, lockout and trusted devices that skip the second step.

use super::*;

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
            throttle(state, &format!("auth:ip:{ip}:{step}"), state.settings.auth.login_attempts_per_ip, IP_WINDOW).await
        }
        None => Ok(()),
    }
}

pub(super) async fn ensure_can_sign_in(state: &AppState, user: &user_model::Model) -> ApiResult<()> {
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
pub(super) fn challenge_ttl(state: &AppState) -> Duration {
    Duration::from_secs(state.settings.auth.mfa_challenge_ttl_secs)
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
pub(super) async fn send_code(state: &AppState, phone: &str, text: &str) -> ApiResult<()> {
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

pub(super) fn sms_text(locale: Locale, code: &str) -> String {
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
        account::send(state, &user, AccountEmail::RecoveryCodeUsed { remaining }).await?;
    }
    let mut tokens = open_session(state, &user, input.device_name.clone(), true, client).await?;
    if input.trust_device {
        tokens.trusted_device = Some(trust_device(state, &user, input.device_name.as_deref(), client).await?);
    }
    Ok(tokens)
}

/// A TOTP code of the user's active seed, never the same time step twice.
pub(super) async fn accept_totp(state: &AppState, user: &user_model::Model, code: &str) -> ApiResult<bool> {
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
