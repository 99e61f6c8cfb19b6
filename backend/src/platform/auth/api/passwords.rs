//! Passwords: change, forgotten, reset; invitation acceptance.

use super::*;

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
pub(super) async fn change_password(
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
pub(super) async fn forgot_password(
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
pub(super) async fn reset_password(
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
pub(super) async fn accept_invitation(
    state: web::Data<AppState>,
    client: ClientInfo,
    body: ValidatedJson<AcceptInvitationIn>,
) -> ApiResult<HttpResponse> {
    let AcceptInvitationIn { token, password } = body.into_inner();
    service::accept_invitation(&state, &token, &password, &client).await?;
    Ok(HttpResponse::NoContent().finish())
}
