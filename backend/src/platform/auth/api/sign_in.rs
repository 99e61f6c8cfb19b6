//! Sign-in, the second step, refresh and sign-out.

use super::*;

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
pub(super) async fn login(
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
pub(super) async fn mfa_verify(
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
pub(super) async fn mfa_sms_send(
    state: web::Data<AppState>,
    body: ValidatedJson<MfaTokenIn>,
) -> ApiResult<HttpResponse> {
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
pub(super) async fn refresh(
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
pub(super) async fn logout(state: web::Data<AppState>, user: AuthUser, client: ClientInfo) -> ApiResult<HttpResponse> {
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
pub(super) async fn logout_all(
    state: web::Data<AppState>,
    user: AuthUser,
    client: ClientInfo,
) -> ApiResult<HttpResponse> {
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
pub(super) async fn me(state: web::Data<AppState>, user: AuthUser) -> ApiResult<HttpResponse> {
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
