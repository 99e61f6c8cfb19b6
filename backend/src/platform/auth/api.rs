//! `/api/v1/auth`: sign-in, second factors, sessions, passwords, trusted devices.
//!
//! Browsers get the refresh token (and a trusted-device token) as httpOnly,
//! SameSite=Strict cookies scoped to `/api/v1/auth`; mobile apps use the body.

use actix_web::cookie::{Cookie, SameSite, time};
use actix_web::{HttpRequest, HttpResponse, delete, get, post, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use validator::{Validate, ValidationError};

use super::mirror::Snapshot;
use super::model::{session, trusted_device};
use super::service::{self, ClientInfo, IssuedTokens, LoginOutcome, MfaMethod, MfaVerification};
use crate::app::AppState;
use crate::error::{ApiError, ApiResult, PROBLEM_JSON, Problem};
use crate::http::{AuthUser, ValidatedJson};
use crate::platform::companies::api::CompanyOut;
use crate::platform::i18n::Locale;
use crate::platform::users::api::UserOut;

const REFRESH_COOKIE: &str = "opsflux_refresh";
const DEVICE_COOKIE: &str = "opsflux_device";
const COOKIE_PATH: &str = "/api/v1/auth";

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(login)
        .service(mfa_verify)
        .service(mfa_sms_send)
        .service(refresh)
        .service(logout)
        .service(logout_all)
        .service(me)
        .service(list_sessions)
        .service(revoke_session)
        .service(change_password)
        .service(forgot_password)
        .service(reset_password)
        .service(accept_invitation)
        .service(totp_enroll)
        .service(totp_confirm)
        .service(totp_disable)
        .service(sms_enroll)
        .service(sms_confirm)
        .service(sms_disable)
        .service(regenerate_recovery_codes)
        .service(list_trusted_devices)
        .service(revoke_trusted_device);
}

// ---------------------------------------------------------------------------
// DTOs

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginIn {
    #[validate(length(min = 3, max = 254))]
    #[schema(example = "admin@demo.opsflux.localhost")]
    pub email: String,
    #[validate(length(min = 1, max = 1024))]
    pub password: String,
    /// Shown in the session list, e.g. "Marie's iPhone".
    #[validate(length(max = 100), custom(function = "crate::http::text::single_line"))]
    pub device_name: Option<String>,
    /// From an earlier "trust this device" (mobile); browsers send the cookie instead.
    #[validate(length(max = 128))]
    pub trusted_device_token: Option<String>,
}

/// A signed-in session's tokens.
#[derive(Debug, Serialize, ToSchema)]
pub struct TokensOut {
    /// JWT for `Authorization: Bearer …`.
    pub access_token: String,
    #[schema(example = "Bearer")]
    pub token_type: &'static str,
    /// Seconds until the access token expires.
    #[schema(example = 900)]
    pub expires_in: u64,
    /// Single use: each refresh returns a new one. Also set as an httpOnly cookie.
    pub refresh_token: String,
    pub refresh_expires_at: DateTime<Utc>,
    pub session_id: Uuid,
    /// Present when `trust_device` was asked: send it at the next sign-in to skip the second factor.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trusted_device_token: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trusted_device_expires_at: Option<DateTime<Utc>>,
}

/// The password was right; a second factor is needed.
#[derive(Debug, Serialize, ToSchema)]
pub struct MfaRequiredOut {
    #[schema(example = true)]
    pub mfa_required: bool,
    /// Single use, bound to the user, valid `expires_in` seconds.
    pub mfa_token: String,
    /// Available methods for this user.
    #[schema(example = json!(["totp", "recovery"]))]
    pub methods: Vec<&'static str>,
    pub expires_in: u64,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(untagged)]
pub enum LoginOut {
    Tokens(TokensOut),
    MfaRequired(MfaRequiredOut),
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MfaVerifyIn {
    #[validate(length(min = 1, max = 128))]
    pub mfa_token: String,
    pub method: MfaMethod,
    /// 6 digits (totp, sms) or a recovery code (`xxxx-xxxx`).
    #[validate(length(min = 1, max = 32))]
    #[schema(example = "123456")]
    pub code: String,
    /// Skip the second factor on this device for 30 days.
    #[serde(default)]
    pub trust_device: bool,
    #[validate(length(max = 100), custom(function = "crate::http::text::single_line"))]
    pub device_name: Option<String>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MfaTokenIn {
    #[validate(length(min = 1, max = 128))]
    pub mfa_token: String,
}

#[derive(Debug, Default, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RefreshIn {
    /// Omit to use the `opsflux_refresh` cookie (web).
    #[validate(length(min = 1, max = 128))]
    pub refresh_token: Option<String>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordChangeIn {
    #[validate(length(min = 1, max = 1024))]
    pub current_password: String,
    /// 12 to 128 characters, not a common password, not containing your email.
    #[validate(length(min = 1, max = 1024))]
    pub new_password: String,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ForgotIn {
    #[validate(length(min = 3, max = 254))]
    pub email: String,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResetIn {
    /// From the emailed link.
    #[validate(length(min = 1, max = 128))]
    pub token: String,
    #[validate(length(min = 1, max = 1024))]
    pub new_password: String,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AcceptInvitationIn {
    /// From the emailed invitation link.
    #[validate(length(min = 1, max = 128))]
    pub token: String,
    #[validate(length(min = 1, max = 1024))]
    pub password: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TotpEnrollOut {
    /// Base32 seed, for typing into an authenticator app.
    pub secret: String,
    /// `otpauth://totp/…` URI.
    pub otpauth_uri: String,
    /// The URI as a QR code, PNG, base64.
    pub qr_png_base64: String,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CodeIn {
    #[validate(length(min = 1, max = 32))]
    #[schema(example = "123456")]
    pub code: String,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordAndCodeIn {
    #[validate(length(min = 1, max = 1024))]
    pub password: String,
    #[validate(length(min = 1, max = 32))]
    pub code: String,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordIn {
    #[validate(length(min = 1, max = 1024))]
    pub password: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RecoveryCodesOut {
    /// Shown once: each code signs in once when the second factor is lost.
    pub recovery_codes: Vec<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SmsConfirmOut {
    /// Present when this is the account's first second factor.
    pub recovery_codes: Option<Vec<String>>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PhoneIn {
    /// E.164, e.g. `+33612345678`.
    #[validate(custom(function = "e164"))]
    #[schema(example = "+33612345678")]
    pub phone: String,
}

fn e164(phone: &str) -> Result<(), ValidationError> {
    if crate::infra::sms::is_e164(phone) {
        Ok(())
    } else {
        Err(ValidationError::new("phone").with_message("must be an international number, e.g. +33612345678".into()))
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SessionOut {
    pub id: Uuid,
    pub device_name: Option<String>,
    pub user_agent: Option<String>,
    pub ip: Option<String>,
    pub created_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    /// The session making this request.
    pub current: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SessionsOut {
    pub items: Vec<SessionOut>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TrustedDeviceOut {
    pub id: Uuid,
    pub name: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TrustedDevicesOut {
    pub items: Vec<TrustedDeviceOut>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct LogoutAllOut {
    pub sessions_revoked: u64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MeOut {
    pub user: UserOut,
    pub company: CompanyOut,
    /// The language to show the UI in.
    pub locale: Locale,
}

// ---------------------------------------------------------------------------
// Cookies

fn cookie(state: &AppState, name: &'static str, value: String, max_age: time::Duration) -> Cookie<'static> {
    Cookie::build(name, value)
        .path(COOKIE_PATH)
        .http_only(true)
        .secure(state.settings.cookie_secure())
        .same_site(SameSite::Strict)
        .max_age(max_age)
        .finish()
}

fn seconds_until(at: DateTime<Utc>) -> time::Duration {
    time::Duration::seconds((at - Utc::now()).num_seconds().max(0))
}

/// The tokens as JSON, with the browser cookies beside them.
fn tokens_response(state: &AppState, tokens: IssuedTokens) -> HttpResponse {
    let mut response = HttpResponse::Ok();
    response.cookie(cookie(
        state,
        REFRESH_COOKIE,
        tokens.refresh_token.clone(),
        seconds_until(tokens.refresh_expires_at),
    ));
    if let Some((token, expires_at)) = &tokens.trusted_device {
        response.cookie(cookie(state, DEVICE_COOKIE, token.clone(), seconds_until(*expires_at)));
    }
    response.insert_header(("Cache-Control", "no-store")).json(LoginOut::Tokens(TokensOut {
        access_token: tokens.access_token,
        token_type: "Bearer",
        expires_in: tokens.expires_in,
        refresh_token: tokens.refresh_token,
        refresh_expires_at: tokens.refresh_expires_at,
        session_id: tokens.session_id,
        trusted_device_token: tokens.trusted_device.as_ref().map(|(t, _)| t.clone()),
        trusted_device_expires_at: tokens.trusted_device.map(|(_, at)| at),
    }))
}

fn clear_refresh_cookie(state: &AppState) -> Cookie<'static> {
    cookie(state, REFRESH_COOKIE, String::new(), time::Duration::ZERO)
}

// ---------------------------------------------------------------------------
// Sign-in

/// Sign in with email and password.
///
/// Answers the tokens, or — when the account has a second factor and this device is
/// not trusted — `mfa_required` with a short-lived `mfa_token` for `/auth/mfa/verify`.
/// An unknown email, a wrong password and an account that may not sign in (disabled,
/// or its company suspended) get the same answer, `invalid_credentials`, after the
/// same password check: telling "disabled" apart only after a right password would
/// confirm the password. Throttled per IP and per account; repeated failures lock the
/// account for 15 minutes.
#[utoipa::path(
    tag = "auth",
    request_body = LoginIn,
    responses(
        (status = 200, description = "Tokens, or the second-factor step", body = LoginOut),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "`invalid_credentials`: unknown email, wrong password, or an account that may not sign in", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Invalid fields", body = Problem, content_type = PROBLEM_JSON),
        (status = 429, description = "Too many attempts; see `Retry-After`", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[post("/auth/login")]
async fn login(
    state: web::Data<AppState>,
    req: HttpRequest,
    client: ClientInfo,
    body: ValidatedJson<LoginIn>,
) -> ApiResult<HttpResponse> {
    let LoginIn { email, password, device_name, trusted_device_token } = body.into_inner();
    let cookie_token = req.cookie(DEVICE_COOKIE).map(|c| c.value().to_owned());
    let device_token = trusted_device_token.or(cookie_token);
    match service::login(&state, &email, &password, device_name, device_token.as_deref(), &client).await? {
        LoginOutcome::Tokens(tokens) => Ok(tokens_response(&state, tokens)),
        LoginOutcome::MfaRequired(challenge) => Ok(HttpResponse::Ok()
            .insert_header(("Cache-Control", "no-store"))
            .json(LoginOut::MfaRequired(MfaRequiredOut {
                mfa_required: true,
                mfa_token: challenge.mfa_token,
                methods: challenge.methods,
                expires_in: challenge.expires_in,
            }))),
    }
}

/// Complete a sign-in with a second factor.
///
/// `totp`: the authenticator app's current code (each code works once). `sms`: the code
/// sent by `/auth/mfa/sms/send`. `recovery`: an unused recovery code (this also forgets
/// trusted devices). Five wrong codes end the sign-in attempt.
#[utoipa::path(
    tag = "auth",
    request_body = MfaVerifyIn,
    responses(
        (status = 200, description = "Signed in", body = TokensOut),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "`invalid_code`, or `mfa_token_invalid` (expired, used, or too many tries)", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "`account_disabled`", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Invalid fields", body = Problem, content_type = PROBLEM_JSON),
        (status = 429, description = "Account locked after repeated failures", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[post("/auth/mfa/verify")]
async fn mfa_verify(
    state: web::Data<AppState>,
    client: ClientInfo,
    body: ValidatedJson<MfaVerifyIn>,
) -> ApiResult<HttpResponse> {
    let MfaVerifyIn { mfa_token, method, code, trust_device, device_name } = body.into_inner();
    let input = MfaVerification { mfa_token: &mfa_token, method, code: &code, trust_device, device_name };
    let tokens = service::verify_mfa(&state, input, &client).await?;
    Ok(tokens_response(&state, tokens))
}

/// Send the SMS code for a pending sign-in (at most 3 per sign-in attempt).
#[utoipa::path(
    tag = "auth",
    request_body = MfaTokenIn,
    responses(
        (status = 202, description = "Code sent to the account's phone"),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "`mfa_token_invalid`", body = Problem, content_type = PROBLEM_JSON),
        (status = 409, description = "`sms_not_enabled`", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Invalid fields", body = Problem, content_type = PROBLEM_JSON),
        (status = 429, description = "Too many codes sent", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[post("/auth/mfa/sms/send")]
async fn mfa_sms_send(state: web::Data<AppState>, body: ValidatedJson<MfaTokenIn>) -> ApiResult<HttpResponse> {
    service::send_challenge_sms(&state, &body.into_inner().mfa_token).await?;
    Ok(HttpResponse::Accepted().finish())
}

/// Exchange a refresh token for a new pair (rotation).
///
/// The old refresh token stops working. Presenting an already-exchanged token ends the
/// whole session (it was copied), its newest token included.
#[utoipa::path(
    tag = "auth",
    request_body = RefreshIn,
    responses(
        (status = 200, description = "A new token pair", body = TokensOut),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "`invalid_refresh_token`, `refresh_token_reused` or `session_expired`", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "`account_disabled`", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Invalid fields", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[post("/auth/refresh")]
async fn refresh(
    state: web::Data<AppState>,
    req: HttpRequest,
    client: ClientInfo,
    body: ValidatedJson<RefreshIn>,
) -> ApiResult<HttpResponse> {
    let token = body
        .into_inner()
        .refresh_token
        .or_else(|| req.cookie(REFRESH_COOKIE).map(|c| c.value().to_owned()))
        .filter(|t| !t.is_empty())
        .ok_or_else(|| ApiError::unauthorized("invalid_refresh_token", "No refresh token was sent."))?;
    let tokens = service::refresh(&state, &token, &client).await?;
    Ok(tokens_response(&state, tokens))
}

/// Sign out this session.
#[utoipa::path(
    tag = "auth",
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Signed out; the refresh cookie is cleared"),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[post("/auth/logout")]
async fn logout(state: web::Data<AppState>, user: AuthUser, client: ClientInfo) -> ApiResult<HttpResponse> {
    service::logout(&state, user.0, &client).await?;
    Ok(HttpResponse::NoContent().cookie(clear_refresh_cookie(&state)).finish())
}

/// Sign out every session of the account, this one included.
#[utoipa::path(
    tag = "auth",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "How many sessions ended", body = LogoutAllOut),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[post("/auth/logout-all")]
async fn logout_all(state: web::Data<AppState>, user: AuthUser, client: ClientInfo) -> ApiResult<HttpResponse> {
    let sessions_revoked = service::logout_all(&state, user.0, &client).await?;
    Ok(HttpResponse::Ok().cookie(clear_refresh_cookie(&state)).json(LogoutAllOut { sessions_revoked }))
}

/// The signed-in user, their company and UI language.
#[utoipa::path(
    tag = "auth",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The current user", body = MeOut),
        (status = 401, description = "Not signed in, token expired or session revoked", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[get("/auth/me")]
async fn me(state: web::Data<AppState>, user: AuthUser) -> ApiResult<HttpResponse> {
    let snapshot = service::snapshot(&state, user.0.user_id).await?;
    let body = snapshot.rendered.get_or_init(|| {
        let Snapshot { user, company, recovery_codes_left, .. } = &*snapshot;
        let me = MeOut {
            user: UserOut::new(user.clone(), Some(*recovery_codes_left)),
            company: company.clone().into(),
            locale: Locale::from_stored(&user.locale),
        };
        serde_json::to_vec(&me).unwrap_or_default().into()
    });
    Ok(HttpResponse::Ok().content_type("application/json").body(body.clone()))
}

// ---------------------------------------------------------------------------
// Sessions

/// The account's live sessions, most recently used first.
#[utoipa::path(
    tag = "auth",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Live sessions", body = SessionsOut),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[get("/auth/sessions")]
async fn list_sessions(state: web::Data<AppState>, user: AuthUser) -> ApiResult<web::Json<SessionsOut>> {
    let current = user.0.session_id;
    let items = service::list_sessions(&state, user.0)
        .await?
        .into_iter()
        .map(|s: session::Model| SessionOut {
            current: s.id == current,
            id: s.id,
            device_name: s.device_name,
            user_agent: s.user_agent,
            ip: s.ip,
            created_at: s.created_at,
            last_seen_at: s.last_seen_at,
            expires_at: s.expires_at,
        })
        .collect();
    Ok(web::Json(SessionsOut { items }))
}

/// Sign out one of the account's sessions.
#[utoipa::path(
    tag = "auth",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Session id")),
    responses(
        (status = 204, description = "Session ended"),
        (status = 400, description = "`id` is not a UUID", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such live session of yours", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[delete("/auth/sessions/{id}")]
async fn revoke_session(
    state: web::Data<AppState>,
    user: AuthUser,
    client: ClientInfo,
    id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    service::revoke_own_session(&state, user.0, id.into_inner(), &client).await?;
    Ok(HttpResponse::NoContent().finish())
}

// ---------------------------------------------------------------------------
// Passwords

/// Change the password; every other session is signed out.
#[utoipa::path(
    tag = "auth",
    security(("bearer" = [])),
    request_body = PasswordChangeIn,
    responses(
        (status = 204, description = "Changed"),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "`current_password` incorrect, or `new_password` refused by the policy", body = Problem, content_type = PROBLEM_JSON),
        (status = 429, description = "Locked after repeated failures", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[post("/auth/password/change")]
async fn change_password(
    state: web::Data<AppState>,
    user: AuthUser,
    client: ClientInfo,
    body: ValidatedJson<PasswordChangeIn>,
) -> ApiResult<HttpResponse> {
    let PasswordChangeIn { current_password, new_password } = body.into_inner();
    service::change_password(&state, user.0, &current_password, &new_password, &client).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Ask for a password-reset email. Always 202, whether or not the account exists, and
/// in the same time: the answer comes before any work that depends on the address
/// (the link and its email are prepared in the background).
#[utoipa::path(
    tag = "auth",
    request_body = ForgotIn,
    responses(
        (status = 202, description = "If the account exists, a link valid 30 minutes was emailed"),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Invalid fields", body = Problem, content_type = PROBLEM_JSON),
        (status = 429, description = "Too many requests from this address", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[post("/auth/password/forgot")]
async fn forgot_password(
    state: web::Data<AppState>,
    client: ClientInfo,
    body: ValidatedJson<ForgotIn>,
) -> ApiResult<HttpResponse> {
    service::forgot_password(&state, &body.into_inner().email, &client).await?;
    Ok(HttpResponse::Accepted().finish())
}

/// Set a new password with the emailed token. Signs out everywhere and forgets trusted
/// devices; does not sign in (the second factor is still asked at the next sign-in).
#[utoipa::path(
    tag = "auth",
    request_body = ResetIn,
    responses(
        (status = 204, description = "Password set"),
        (status = 400, description = "Malformed JSON, or `invalid_reset_token` (unknown, expired or used)", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "`new_password` refused by the policy", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[post("/auth/password/reset")]
async fn reset_password(
    state: web::Data<AppState>,
    client: ClientInfo,
    body: ValidatedJson<ResetIn>,
) -> ApiResult<HttpResponse> {
    let ResetIn { token, new_password } = body.into_inner();
    service::reset_password(&state, &token, &new_password, &client).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Accept an invitation: choose the first password with the emailed token, then sign in.
#[utoipa::path(
    tag = "auth",
    request_body = AcceptInvitationIn,
    responses(
        (status = 204, description = "Password set; the user can sign in"),
        (status = 400, description = "Malformed JSON, or `invalid_invitation_token` (unknown, expired or used)", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "`password` refused by the policy", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[post("/auth/invitation/accept")]
async fn accept_invitation(
    state: web::Data<AppState>,
    client: ClientInfo,
    body: ValidatedJson<AcceptInvitationIn>,
) -> ApiResult<HttpResponse> {
    let AcceptInvitationIn { token, password } = body.into_inner();
    service::accept_invitation(&state, &token, &password, &client).await?;
    Ok(HttpResponse::NoContent().finish())
}

// ---------------------------------------------------------------------------
// Second factors

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
async fn totp_enroll(state: web::Data<AppState>, user: AuthUser) -> ApiResult<HttpResponse> {
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
async fn totp_confirm(
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
async fn totp_disable(
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
async fn sms_enroll(
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
async fn sms_confirm(
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
async fn sms_disable(
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
async fn regenerate_recovery_codes(
    state: web::Data<AppState>,
    user: AuthUser,
    client: ClientInfo,
    body: ValidatedJson<PasswordIn>,
) -> ApiResult<HttpResponse> {
    let recovery_codes =
        service::regenerate_recovery_codes(&state, user.0, &body.into_inner().password, &client).await?;
    Ok(HttpResponse::Ok().insert_header(("Cache-Control", "no-store")).json(RecoveryCodesOut { recovery_codes }))
}

// ---------------------------------------------------------------------------
// Trusted devices

/// Devices that skip the second factor.
#[utoipa::path(
    tag = "auth",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Trusted devices", body = TrustedDevicesOut),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[get("/auth/trusted-devices")]
async fn list_trusted_devices(state: web::Data<AppState>, user: AuthUser) -> ApiResult<web::Json<TrustedDevicesOut>> {
    let items = service::list_trusted_devices(&state, user.0)
        .await?
        .into_iter()
        .map(|d: trusted_device::Model| TrustedDeviceOut {
            id: d.id,
            name: d.name,
            created_at: d.created_at,
            expires_at: d.expires_at,
            last_used_at: d.last_used_at,
        })
        .collect();
    Ok(web::Json(TrustedDevicesOut { items }))
}

/// Stop trusting a device: it will be asked for the second factor again.
#[utoipa::path(
    tag = "auth",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Trusted device id")),
    responses(
        (status = 204, description = "Forgotten"),
        (status = 400, description = "`id` is not a UUID", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such trusted device of yours", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[delete("/auth/trusted-devices/{id}")]
async fn revoke_trusted_device(
    state: web::Data<AppState>,
    user: AuthUser,
    client: ClientInfo,
    id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    service::revoke_trusted_device(&state, user.0, id.into_inner(), &client).await?;
    Ok(HttpResponse::NoContent().finish())
}
