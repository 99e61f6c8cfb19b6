//! Second factors: TOTP, SMS, recovery codes.

use super::*;

/// Start setting up an authenticator app: returns the seed, URI and QR code.
/// Nothing changes until `/auth/mfa/totp/confirm` receives a first code.
#[utoipa::path(
    tag = "auth",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Seed to add to the app", body = TotpEnrollOut),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 409, description = "`totp_already_enabled`", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[post("/auth/mfa/totp/enroll")]
pub(super) async fn totp_enroll(state: web::Data<AppState>, user: AuthUser) -> ApiResult<HttpResponse> {
    let e = service::enroll_totp(&state, user.0).await?;
    Ok(HttpResponse::Ok().insert_header(("Cache-Control", "no-store")).json(TotpEnrollOut {
        secret: e.secret,
        otpauth_uri: e.otpauth_uri,
        qr_png_base64: e.qr_png_base64,
    }))
}

/// Confirm the authenticator app with its current code. Returns 10 recovery codes,
/// shown once; trusted devices are forgotten and an alert email is sent.
#[utoipa::path(
    tag = "auth",
    security(("bearer" = [])),
    request_body = CodeIn,
    responses(
        (status = 200, description = "Enabled", body = RecoveryCodesOut),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 409, description = "`no_pending_enrolment`", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Wrong code", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[post("/auth/mfa/totp/confirm")]
pub(super) async fn totp_confirm(
    state: web::Data<AppState>,
    user: AuthUser,
    client: ClientInfo,
    body: ValidatedJson<CodeIn>,
) -> ApiResult<HttpResponse> {
    let recovery_codes = service::confirm_totp(&state, user.0, &body.into_inner().code, &client).await?;
    Ok(HttpResponse::Ok().insert_header(("Cache-Control", "no-store")).json(RecoveryCodesOut { recovery_codes }))
}

/// Remove the authenticator app (needs the password and a current code).
#[utoipa::path(
    tag = "auth",
    security(("bearer" = [])),
    request_body = PasswordAndCodeIn,
    responses(
        (status = 204, description = "Disabled"),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 409, description = "`totp_not_enabled`", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Wrong password or code", body = Problem, content_type = PROBLEM_JSON),
        (status = 429, description = "Locked after repeated failures", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[post("/auth/mfa/totp/disable")]
pub(super) async fn totp_disable(
    state: web::Data<AppState>,
    user: AuthUser,
    client: ClientInfo,
    body: ValidatedJson<PasswordAndCodeIn>,
) -> ApiResult<HttpResponse> {
    let PasswordAndCodeIn { password, code } = body.into_inner();
    service::disable_totp(&state, user.0, &password, &code, &client).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Start SMS verification: sends a code to this phone (valid 5 minutes).
#[utoipa::path(
    tag = "auth",
    security(("bearer" = [])),
    request_body = PhoneIn,
    responses(
        (status = 202, description = "Code sent"),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Not an international phone number", body = Problem, content_type = PROBLEM_JSON),
        (status = 429, description = "Too many codes sent", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[post("/auth/mfa/sms/enroll")]
pub(super) async fn sms_enroll(
    state: web::Data<AppState>,
    user: AuthUser,
    body: ValidatedJson<PhoneIn>,
) -> ApiResult<HttpResponse> {
    service::enroll_sms(&state, user.0, &body.into_inner().phone).await?;
    Ok(HttpResponse::Accepted().finish())
}

/// Confirm the phone with the code received; enables SMS verification.
#[utoipa::path(
    tag = "auth",
    security(("bearer" = [])),
    request_body = CodeIn,
    responses(
        (status = 200, description = "Enabled", body = SmsConfirmOut),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 409, description = "`no_pending_enrolment`", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Wrong code", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[post("/auth/mfa/sms/confirm")]
pub(super) async fn sms_confirm(
    state: web::Data<AppState>,
    user: AuthUser,
    client: ClientInfo,
    body: ValidatedJson<CodeIn>,
) -> ApiResult<HttpResponse> {
    let recovery_codes = service::confirm_sms(&state, user.0, &body.into_inner().code, &client).await?;
    Ok(HttpResponse::Ok().insert_header(("Cache-Control", "no-store")).json(SmsConfirmOut { recovery_codes }))
}

/// Turn SMS verification off (needs the password).
#[utoipa::path(
    tag = "auth",
    security(("bearer" = [])),
    request_body = PasswordIn,
    responses(
        (status = 204, description = "Disabled"),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 409, description = "`sms_not_enabled`", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Wrong password", body = Problem, content_type = PROBLEM_JSON),
        (status = 429, description = "Locked after repeated failures", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[post("/auth/mfa/sms/disable")]
pub(super) async fn sms_disable(
    state: web::Data<AppState>,
    user: AuthUser,
    client: ClientInfo,
    body: ValidatedJson<PasswordIn>,
) -> ApiResult<HttpResponse> {
    service::disable_sms(&state, user.0, &body.into_inner().password, &client).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Replace the recovery codes (the old ones stop working). Needs the password.
#[utoipa::path(
    tag = "auth",
    security(("bearer" = [])),
    request_body = PasswordIn,
    responses(
        (status = 200, description = "New codes, shown once", body = RecoveryCodesOut),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 409, description = "`mfa_not_enabled`", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Wrong password", body = Problem, content_type = PROBLEM_JSON),
        (status = 429, description = "Locked after repeated failures", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[post("/auth/mfa/recovery-codes")]
pub(super) async fn regenerate_recovery_codes(
    state: web::Data<AppState>,
    user: AuthUser,
    client: ClientInfo,
    body: ValidatedJson<PasswordIn>,
) -> ApiResult<HttpResponse> {
    let recovery_codes =
        service::regenerate_recovery_codes(&state, user.0, &body.into_inner().password, &client).await?;
    Ok(HttpResponse::Ok().insert_header(("Cache-Control", "no-store")).json(RecoveryCodesOut { recovery_codes }))
}
