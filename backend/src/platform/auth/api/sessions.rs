//! Your sessions: list and revoke.

use super::*;

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
pub(super) async fn list_sessions(state: web::Data<AppState>, user: AuthUser) -> ApiResult<web::Json<SessionsOut>> {
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
pub(super) async fn revoke_session(
    state: web::Data<AppState>,
    user: AuthUser,
    client: ClientInfo,
    id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    service::revoke_own_session(&state, user.0, id.into_inner(), &client).await?;
    Ok(HttpResponse::NoContent().finish())
}
