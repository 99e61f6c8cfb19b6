//! Second factors: TOTP and SMS enrolment, recovery codes, trusted devices.

use super::*;

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
    state.bus.announce(Event::UserChanged { user_id: user.id }).await;
    record(
        &state.db,
        "mfa_changed",
        Some(user),
        Some(who.session_id),
        client,
        Some(serde_json::json!({ "change": what })),
    )
    .await?;
    account::send(state, user, AccountEmail::SecondFactorChanged { what }).await?;
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

pub(super) async fn revoke_trusted_devices(db: &impl ConnectionTrait, user_id: Uuid) -> ApiResult<()> {
    trusted_device::Entity::update_many()
        .col_expr(trusted_device::Column::RevokedAt, Expr::value(Utc::now()))
        .filter(trusted_device::Column::UserId.eq(user_id))
        .filter(trusted_device::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}
