//! The incident figures behind the indicators, kept in the shared cache: reading them
//! means reading every incident of the period, and they change only when an incident
//! of the company does. Each entry is filed under the company's incident version,
//! which every committed change to an incident moves on ([`changed`]), so a reader
//! never gets figures older than the last change it could have seen.

use std::future::Future;
use std::time::Duration;

use uuid::Uuid;

use super::service::Figures;
use crate::app::AppState;
use crate::error::ApiResult;

/// How long figures are kept after they were read.
const TTL: Duration = Duration::from_secs(10 * 60);
/// Far longer than [`TTL`]: a version that lapses comes back at 0, and no entry filed
/// under an early number may still be there.
const VERSION_TTL: Duration = Duration::from_secs(7 * 24 * 60 * 60);

fn version_key(company_id: Uuid) -> String {
    format!("hse:kpi:version:{company_id}")
}

/// An incident of `company_id` was reported, changed, moved or deleted (call it after
/// the commit): figures read before are no longer served.
pub async fn changed(state: &AppState, company_id: Uuid) {
    if let Err(err) = state.cache.incr(&version_key(company_id), VERSION_TTL).await {
        // Readers will not trust the cache either while it cannot be reached.
        tracing::warn!(error = format!("{err:#}"), %company_id, "cannot move the HSE indicators' version on");
    }
}

/// The figures for `reach` (who may see what, the period, the site) at the company's
/// current version: from the cache, else `read` and kept. Without the cache, read.
pub async fn remembered<F, Fut>(state: &AppState, company_id: Uuid, reach: &str, read: F) -> ApiResult<Figures>
where
    F: FnOnce() -> Fut,
    Fut: Future<Output = ApiResult<Figures>>,
{
    let version = match state.cache.get(&version_key(company_id)).await {
        Ok(found) => found.and_then(|v| String::from_utf8(v).ok()).unwrap_or_else(|| "0".to_owned()),
        Err(_) => return read().await,
    };
    let key = format!("hse:kpi:{company_id}:{version}:{reach}");
    if let Some(figures) = state.cache.get(&key).await.ok().flatten().and_then(|b| serde_json::from_slice(&b).ok()) {
        return Ok(figures);
    }
    let figures = read().await?;
    match serde_json::to_vec(&figures) {
        Ok(bytes) => {
            if let Err(err) = state.cache.set(&key, &bytes, TTL).await {
                tracing::warn!(error = format!("{err:#}"), "HSE indicators not kept");
            }
        }
        Err(err) => tracing::warn!(error = %err, "HSE indicators not kept"),
    }
    Ok(figures)
}
