//! HSE routes answer only companies that have the module on: [`HseCaller`] is the
//! caller of every HSE route, and a company with HSE off gets 404, as if the routes did
//! not exist. Its data stays, and comes back when the module is turned on again.

use std::ops::Deref;

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest, web};
use futures_util::future::LocalBoxFuture;

use crate::app::AppState;
use crate::caller::Caller;
use crate::error::{ApiError, ApiResult};
use crate::platform::modules::catalog;

pub const CODE: &str = "hse";

/// Whether `company_id` has HSE on.
pub async fn is_on(state: &AppState, company_id: uuid::Uuid) -> ApiResult<bool> {
    Ok(catalog::enabled(state, company_id).await?.contains(CODE))
}

/// 404 for `resource` unless `company_id` has HSE on (its files, like its routes).
pub async fn require_on(state: &AppState, company_id: uuid::Uuid, resource: &'static str) -> ApiResult<()> {
    if is_on(state, company_id).await? { Ok(()) } else { Err(ApiError::not_found(resource)) }
}

/// The caller of an HSE route, whose company has HSE on.
pub struct HseCaller(pub Caller);

impl Deref for HseCaller {
    type Target = Caller;

    fn deref(&self) -> &Caller {
        &self.0
    }
}

impl FromRequest for HseCaller {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let caller = Caller::from_request(req, payload);
        let state = req.app_data::<web::Data<AppState>>().cloned();
        Box::pin(async move {
            let caller = caller.await?;
            let state = state.ok_or_else(|| anyhow::anyhow!("application state missing"))?;
            if is_on(&state, caller.company_id).await? { Ok(Self(caller)) } else { Err(ApiError::not_found("route")) }
        })
    }
}
