//! Who is calling: the `AuthUser` extractor (a verified access token of a live
//! session) and `ClientInfo` (IP and user agent, for sessions and the audit).

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest, web};
use futures_util::future::{LocalBoxFuture, Ready, ready};

use crate::app::AppState;
use crate::error::ApiError;
use crate::platform::auth::service::{self, ClientInfo, Principal};

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
        let token = bearer_token(req).map(str::to_owned);
        let state = req.app_data::<web::Data<AppState>>().cloned();
        Box::pin(async move {
            let token = token.ok_or_else(|| {
                ApiError::unauthorized("unauthenticated", "Sign in first: send `Authorization: Bearer <access token>`.")
            })?;
            let state = state.ok_or_else(|| anyhow::anyhow!("application state missing"))?;
            service::authenticate(&state, &token).await.map(AuthUser)
        })
    }
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
