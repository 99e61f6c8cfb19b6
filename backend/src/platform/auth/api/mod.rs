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

mod passwords;
mod second_factor;
mod sessions;
mod sign_in;
mod trusted_devices;

use passwords::*;
use second_factor::*;
use sessions::*;
use sign_in::*;
use trusted_devices::*;

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
