//! `/api/v1/users`: people of a company, by scope, and their administration;
//! `/api/v1/me`: one's own profile.
//!
//! Reading needs `users.view.user` (own: yourself, company, all); inviting and
//! changing users needs `users.manage.user`. Your own record is always yours to read.

use actix_web::{HttpResponse, delete, get, patch, post, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use validator::Validate;

use super::model;
use super::service::{self, Invitation, Invited, ProfileChanges, UserChanges, UserFilter};
use crate::app::AppState;
use crate::error::{ApiResult, PROBLEM_JSON, Problem};
use crate::http::{AuthUser, Caller, Page, PageQuery, ValidatedJson};
use crate::platform::companies::api::{not_blank, valid_time_zone};
use crate::platform::i18n::Locale;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(update_profile)
        .service(list_users)
        .service(invite_user)
        .service(get_user)
        .service(update_user)
        .service(delete_user)
        .service(resend_invitation);
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct MfaStatus {
    pub totp: bool,
    pub sms: bool,
    /// Only in your own profile (`/auth/me`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recovery_codes_left: Option<u64>,
}

/// Where a user stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum UserStatus {
    /// Invited, has not chosen a password yet.
    Invited,
    Active,
    /// Deactivated: cannot sign in; sessions and API tokens stopped.
    Disabled,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct UserOut {
    pub id: Uuid,
    #[schema(example = "a.moreau@example.com")]
    pub email: String,
    #[schema(example = "Amélie Moreau")]
    pub full_name: String,
    /// Verified through SMS enrolment.
    pub phone: Option<String>,
    pub locale: Locale,
    #[schema(example = "Africa/Libreville")]
    pub time_zone: String,
    pub company_id: Uuid,
    pub status: UserStatus,
    pub is_active: bool,
    pub is_superuser: bool,
    pub last_login_at: Option<DateTime<Utc>>,
    pub mfa: MfaStatus,
    pub created_at: DateTime<Utc>,
}

impl UserOut {
    /// `recovery_codes_left` is for the user themselves.
    pub fn new(u: model::Model, recovery_codes_left: Option<u64>) -> Self {
        let status = match (u.is_active, u.password_hash.is_some()) {
            (false, _) => UserStatus::Disabled,
            (true, false) => UserStatus::Invited,
            (true, true) => UserStatus::Active,
        };
        Self {
            mfa: MfaStatus { totp: u.totp_secret.is_some(), sms: u.sms_mfa_enabled, recovery_codes_left },
            status,
            id: u.id,
            email: u.email,
            full_name: u.full_name,
            phone: u.phone,
            locale: Locale::from_stored(&u.locale),
            time_zone: u.time_zone,
            company_id: u.company_id,
            is_active: u.is_active,
            is_superuser: u.is_superuser,
            last_login_at: u.last_login_at,
            created_at: u.created_at,
        }
    }
}

impl From<model::Model> for UserOut {
    fn from(u: model::Model) -> Self {
        Self::new(u, None)
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UserQuery {
    /// Part of the email or name, any case.
    pub q: Option<String>,
    pub is_active: Option<bool>,
    /// Only this company's users (reach permitting).
    pub company_id: Option<Uuid>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InvitationIn {
    /// Trimmed and lower-cased.
    #[validate(length(max = 254))]
    #[schema(example = "a.moreau@example.com")]
    pub email: String,
    #[validate(
        length(min = 1, max = 200),
        custom(function = "not_blank"),
        custom(function = "crate::http::text::single_line")
    )]
    #[schema(example = "Amélie Moreau")]
    pub full_name: String,
    /// Defaults to the company's language.
    pub locale: Option<Locale>,
    /// Defaults to the company's time zone.
    #[validate(custom(function = "valid_time_zone"))]
    pub time_zone: Option<String>,
    /// Defaults to your company; another needs `users.manage.user` at scope `all`.
    pub company_id: Option<Uuid>,
    /// Roles of that company to give at once.
    #[serde(default)]
    #[validate(length(max = 50))]
    pub role_ids: Vec<Uuid>,
}

/// Your own profile: only the fields present change.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProfilePatch {
    #[validate(
        length(min = 1, max = 200),
        custom(function = "not_blank"),
        custom(function = "crate::http::text::single_line")
    )]
    pub full_name: Option<String>,
    pub locale: Option<Locale>,
    #[validate(custom(function = "valid_time_zone"))]
    pub time_zone: Option<String>,
}

/// A user's administrable fields: only those present change. Email, company and
/// superuser status are not among them.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UserPatch {
    #[validate(
        length(min = 1, max = 200),
        custom(function = "not_blank"),
        custom(function = "crate::http::text::single_line")
    )]
    pub full_name: Option<String>,
    pub locale: Option<Locale>,
    #[validate(custom(function = "valid_time_zone"))]
    pub time_zone: Option<String>,
    /// `false` deactivates: sign-in refused, sessions and API tokens stopped at once.
    pub is_active: Option<bool>,
}

/// Edit your own profile (name, language, time zone). Any signed-in user; not with an
/// API token.
#[utoipa::path(
    tag = "users",
    security(("bearer" = [])),
    request_body = ProfilePatch,
    responses(
        (status = 200, description = "Your updated profile", body = UserOut),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "`session_required`: API tokens cannot edit a profile", body = Problem, content_type = PROBLEM_JSON),
        (status = 415, description = "Body is not JSON", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Invalid or unknown fields, listed in `errors`", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[patch("/me")]
async fn update_profile(
    state: web::Data<AppState>,
    user: AuthUser,
    client: crate::platform::auth::service::ClientInfo,
    body: ValidatedJson<ProfilePatch>,
) -> ApiResult<web::Json<UserOut>> {
    let ProfilePatch { full_name, locale, time_zone } = body.into_inner();
    let actor = crate::platform::audit::service::Actor {
        user_id: Some(user.0.user_id),
        ip: client.ip,
        user_agent: client.user_agent,
        ..Default::default()
    };
    let changes = ProfileChanges { full_name, locale, time_zone };
    Ok(web::Json(service::update_profile(&state, user.0.user_id, &actor, changes).await?.into()))
}

/// Users in your reach, newest first. Permission: `users.view.user` (scope `own`
/// lists only you).
#[utoipa::path(
    tag = "users",
    security(("bearer" = [])),
    params(UserQuery, PageQuery),
    responses(
        (status = 200, description = "One page of users", body = Page<UserOut>),
        (status = 400, description = "Invalid filter, `limit` or `cursor`", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `users.view.user`", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[get("/users")]
async fn list_users(
    state: web::Data<AppState>,
    caller: Caller,
    filter: web::Query<UserQuery>,
    page: web::Query<PageQuery>,
) -> ApiResult<web::Json<Page<UserOut>>> {
    let UserQuery { q, is_active, company_id } = filter.into_inner();
    let filter = UserFilter { q, is_active, company_id };
    Ok(web::Json(service::list(&state.db, &caller, filter, &page).await?.map(UserOut::from)))
}

/// Invite someone: creates the user without a password and emails them a link, valid
/// 7 days and once, to choose it. Permission: `users.manage.user`; you must hold what
/// the given roles grant (else 403 `privilege_escalation`).
///
/// Email addresses are unique across the platform. An address whose account you can
/// see (`users.view.user` in reach) answers 409 `email_taken`. An address whose account
/// is out of your reach (another company's) creates no user and answers 202: the
/// account's owner gets an email saying who tried to invite them into which company,
/// and may contact you; the attempt is in your company's audit trail
/// (`invite_forwarded`). So the answer never says whether or where that account
/// exists, and probing addresses warns their owners.
#[utoipa::path(
    tag = "users",
    security(("bearer" = [])),
    request_body = InvitationIn,
    responses(
        (status = 201, description = "Invited; `Location` points to the user", body = UserOut),
        (status = 202, description = "No user created here: the address's owner was told of the invitation"),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `users.manage.user`, or `privilege_escalation`", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such company in your reach", body = Problem, content_type = PROBLEM_JSON),
        (status = 409, description = "`email_taken`: a user you can see has this address", body = Problem, content_type = PROBLEM_JSON),
        (status = 413, description = "Body too large", body = Problem, content_type = PROBLEM_JSON),
        (status = 415, description = "Body is not JSON", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Invalid fields or unknown role, listed in `errors`", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[post("/users")]
async fn invite_user(
    state: web::Data<AppState>,
    caller: Caller,
    body: ValidatedJson<InvitationIn>,
) -> ApiResult<HttpResponse> {
    let InvitationIn { email, full_name, locale, time_zone, company_id, role_ids } = body.into_inner();
    let invitation = Invitation { company_id, email, full_name, locale, time_zone, role_ids };
    let Invited::Created(user) = service::invite(&state, &caller, invitation).await? else {
        return Ok(HttpResponse::Accepted().finish());
    };
    Ok(HttpResponse::Created()
        .insert_header(("Location", format!("/api/v1/users/{}", user.id)))
        .json(UserOut::from(*user)))
}

/// One user: yourself always; others with `users.view.user` in reach (else 404).
#[utoipa::path(
    tag = "users",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "User id")),
    responses(
        (status = 200, description = "The user", body = UserOut),
        (status = 400, description = "`id` is not a UUID", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `users.view.user`", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such user in your reach", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[get("/users/{id}")]
async fn get_user(state: web::Data<AppState>, caller: Caller, id: web::Path<Uuid>) -> ApiResult<web::Json<UserOut>> {
    Ok(web::Json(service::get_visible(&state.db, &caller, id.into_inner()).await?.into()))
}

/// Change a user's name, language, time zone or activation. Deactivating ends their
/// sessions and stops their API tokens at once. Permission: `users.manage.user`;
/// superusers are changed only by superusers (403 `superuser_protected`).
#[utoipa::path(
    tag = "users",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "User id")),
    request_body = UserPatch,
    responses(
        (status = 200, description = "The updated user", body = UserOut),
        (status = 400, description = "Malformed JSON or `id` not a UUID", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `users.manage.user`; `superuser_protected`; `privilege_escalation` (reactivating a user who holds more than you)", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such user in your reach", body = Problem, content_type = PROBLEM_JSON),
        (status = 409, description = "`cannot_deactivate_self`", body = Problem, content_type = PROBLEM_JSON),
        (status = 415, description = "Body is not JSON", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Invalid or unknown fields (e.g. `is_superuser`), listed in `errors`", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[patch("/users/{id}")]
async fn update_user(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    body: ValidatedJson<UserPatch>,
) -> ApiResult<web::Json<UserOut>> {
    let UserPatch { full_name, locale, time_zone, is_active } = body.into_inner();
    let changes = UserChanges { profile: ProfileChanges { full_name, locale, time_zone }, is_active };
    Ok(web::Json(service::update(&state, &caller, id.into_inner(), changes).await?.into()))
}

/// Delete a user: they can no longer sign in, their sessions end and their API tokens
/// stop at once, and they leave the lists. Their record stays for the audit trail and
/// what they made. Permission: `users.manage.user`; superusers are deleted only by
/// superusers.
#[utoipa::path(
    tag = "users",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "User id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 400, description = "`id` is not a UUID", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `users.manage.user`; `superuser_protected`", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such user in your reach", body = Problem, content_type = PROBLEM_JSON),
        (status = 409, description = "`cannot_delete_self`", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[delete("/users/{id}")]
async fn delete_user(state: web::Data<AppState>, caller: Caller, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    service::delete(&state, &caller, id.into_inner()).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Email a new invitation link to a user who has not chosen a password yet; earlier
/// links stop working. Permission: `users.manage.user`.
#[utoipa::path(
    tag = "users",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "User id")),
    responses(
        (status = 202, description = "Invitation sent"),
        (status = 400, description = "`id` is not a UUID", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `users.manage.user`", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such user in your reach", body = Problem, content_type = PROBLEM_JSON),
        (status = 409, description = "`invitation_accepted`: the user already has a password", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[post("/users/{id}/invitation")]
async fn resend_invitation(state: web::Data<AppState>, caller: Caller, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    service::resend_invitation(&state, &caller, id.into_inner()).await?;
    Ok(HttpResponse::Accepted().finish())
}
