//! Who is calling: the `AuthUser` extractor (a verified access token of a live
//! session) and `ClientInfo` (IP and user agent, for sessions and the audit).

use std::sync::Arc;

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpMessage, HttpRequest, web};
use futures_util::future::{LocalBoxFuture, Ready, ready};

use super::observe::RequestId;
use super::ratelimit::RateLimit;
use crate::app::AppState;
use crate::caller::Caller;
use crate::error::ApiError;
use crate::platform::api_tokens::service as api_tokens;
use crate::platform::audit::service::Actor;
use crate::platform::auth::service::{self, ClientInfo, Principal};
use crate::platform::rbac::cache as permission_cache;

/// An authenticated caller with their effective permissions (`crate::caller::Caller`):
/// what a protected handler takes. `caller.require("hse.approve.incident")?` answers 403
/// naming the permission.
///
/// Accepts a session's access token (JWT) or an API token (`ofx_…`); an API token's
/// permissions are its grants narrowed to what its owner holds now.
impl FromRequest for Caller {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let req = req.clone();
        let client = ClientInfo::from_request(&req, payload).into_inner();
        Box::pin(async move {
            let client = client?;
            let request_id = req.extensions().get::<RequestId>().map(|r| r.0.clone());
            let state =
                req.app_data::<web::Data<AppState>>().ok_or_else(|| anyhow::anyhow!("application state missing"))?;
            let (user_id, company_id, api_token_id, perms) =
                match bearer_token(&req).filter(|t| t.starts_with(api_tokens::SECRET_PREFIX)) {
                    Some(secret) => {
                        let credential = api_tokens::identify(state, secret).await?;
                        let limit = api_tokens::count_request(state, &credential).await?;
                        req.extensions_mut().insert(limit);
                        if limit.exceeded() {
                            return Err(ApiError::TooManyRequests { retry_after_secs: limit.reset_secs });
                        }
                        let perms = api_tokens::admit(state, &credential, client.ip.as_deref()).await?;
                        (credential.user_id, credential.company_id, Some(credential.id), Arc::new(perms))
                    }
                    None => {
                        let p = authenticate(&req).await?;
                        let (limit, versions) = count_user_request(state, p.user_id, p.company_id).await;
                        if let Some(limit) = limit {
                            req.extensions_mut().insert(limit);
                            if limit.exceeded() {
                                return Err(ApiError::TooManyRequests { retry_after_secs: limit.reset_secs });
                            }
                        }
                        let perms = permission_cache::effective_at(state, p.user_id, versions).await?;
                        (p.user_id, p.company_id, None, perms)
                    }
                };
            crate::infra::db::act_as(user_id);
            let actor = Actor {
                user_id: Some(user_id),
                api_token_id,
                ip: client.ip,
                user_agent: client.user_agent,
                request_id,
            };
            Ok(Caller { user_id, company_id, api_token_id, perms, actor })
        })
    }
}

/// Counts a signed-in user's request in this minute's window, shared by every process,
/// and reads their permission versions in the same round trip. Without the cache
/// (Redis down) the request is let through: the limit protects the service, and
/// refusing everyone would do what it protects against.
async fn count_user_request(
    state: &AppState,
    user_id: uuid::Uuid,
    company_id: uuid::Uuid,
) -> (Option<RateLimit>, anyhow::Result<(i64, i64)>) {
    let [user_version, company_version] = permission_cache::version_keys(user_id, company_id);
    let counter = format!("user:rate:{user_id}");
    let window = std::time::Duration::from_secs(60);
    match state.cache.incr_and_get_many(&counter, window, &[&user_version, &company_version]).await {
        Ok((counter, versions)) => (
            Some(RateLimit::new(state.settings.auth.user_rate_limit_per_minute, counter)),
            Ok(permission_cache::versions_of(&versions)),
        ),
        Err(err) => {
            tracing::warn!(error = format!("{err:#}"), "cannot count the request against the user's rate limit");
            (None, Err(err))
        }
    }
}

/// An authenticated caller. Rejects with 401 before the handler runs.
#[derive(Debug, Clone, Copy)]
pub struct AuthUser(pub Principal);

pub fn bearer_token(req: &HttpRequest) -> Option<&str> {
    let value = req.headers().get(actix_web::http::header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim()).filter(|t| !t.is_empty())
}

impl FromRequest for AuthUser {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move { authenticate(&req).await.map(AuthUser) })
    }
}

/// A session's access token. Once a process has seen the session and user, everything
/// is in memory (verified-token cache, session and user mirror).
async fn authenticate(req: &HttpRequest) -> Result<Principal, ApiError> {
    let token = bearer_token(req).ok_or_else(|| {
        ApiError::unauthorized("unauthenticated", "Sign in first: send `Authorization: Bearer <access token>`.")
    })?;
    if token.starts_with(api_tokens::SECRET_PREFIX) {
        return Err(ApiError::Denied {
            code: "session_required",
            detail: "This endpoint is for signed-in users; API tokens cannot use it.".into(),
        });
    }
    let state = req.app_data::<web::Data<AppState>>().ok_or_else(|| anyhow::anyhow!("application state missing"))?;
    service::authenticate(state, token).await
}

impl FromRequest for ClientInfo {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let trust_proxy = req.app_data::<web::Data<AppState>>().is_some_and(|s| s.settings.trust_proxy_headers);
        let ip = if trust_proxy {
            req.connection_info().realip_remote_addr().map(str::to_owned)
        } else {
            req.peer_addr().map(|a| a.ip().to_string())
        };
        let user_agent = req
            .headers()
            .get(actix_web::http::header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .map(|ua| ua.chars().take(512).collect());
        ready(Ok(ClientInfo { ip, user_agent }))
    }
}
