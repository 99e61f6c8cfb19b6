//! Effective permissions, cached in two levels and invalidated by version counters.
//!
//! The shared cache (Redis or moka) holds each user's computed grants for 1 hour under
//! a key that includes two version numbers: the user's (bumped when their roles,
//! groups or direct grants change) and their company's (bumped when any role or group
//! of the company changes). A change bumps a version, so the very next request of
//! every API process reads a new key and recomputes. Each process also keeps the
//! decoded grants in memory under the same versioned key, so a check costs two small
//! cache reads and a map lookup.
//!
//! The entry also holds the account's standing: deactivating a user or suspending a
//! company bumps a version, so every process refuses the very next request (401).

use std::sync::Arc;
use std::time::Duration;

use uuid::Uuid;

use super::grants::compute_effective;
use super::scope::EffectivePermissions;
use crate::app::AppState;
use crate::error::ApiResult;

const TTL: Duration = Duration::from_secs(3600);
/// Versions must outlive any cached entry; they are tiny.
const VERSION_TTL: Duration = Duration::from_secs(10 * 365 * 24 * 3600);

/// The in-process level, keyed by (user, user version, company version).
#[derive(Clone)]
pub struct LocalPermissions {
    inner: moka::sync::Cache<(Uuid, i64, i64), Arc<EffectivePermissions>>,
}

impl Default for LocalPermissions {
    fn default() -> Self {
        Self { inner: moka::sync::Cache::builder().max_capacity(50_000).time_to_live(TTL).build() }
    }
}

impl LocalPermissions {
    pub fn get(&self, key: &(Uuid, i64, i64)) -> Option<Arc<EffectivePermissions>> {
        self.inner.get(key)
    }

    pub fn insert(&self, key: (Uuid, i64, i64), value: Arc<EffectivePermissions>) {
        self.inner.insert(key, value);
    }
}

fn user_version_key(user_id: Uuid) -> String {
    format!("perm:ver:user:{user_id}")
}

fn company_version_key(company_id: Uuid) -> String {
    format!("perm:ver:company:{company_id}")
}

/// The cache keys of the user's and the company's versions.
pub fn version_keys(user_id: Uuid, company_id: Uuid) -> [String; 2] {
    [user_version_key(user_id), company_version_key(company_id)]
}

/// The versions as read from [`version_keys`] (0 before any change).
pub fn versions_of(read: &[Option<Vec<u8>>]) -> (i64, i64) {
    let number = |i: usize| {
        read.get(i).and_then(Option::as_deref).and_then(|v| std::str::from_utf8(v).ok()?.parse().ok()).unwrap_or(0)
    };
    (number(0), number(1))
}

async fn bump(state: &AppState, key: &str) -> ApiResult<()> {
    state.cache.incr(key, VERSION_TTL).await?;
    Ok(())
}

/// A user's own grants changed (roles, groups, direct grants, superuser flag).
pub async fn invalidate_user(state: &AppState, user_id: Uuid) -> ApiResult<()> {
    bump(state, &user_version_key(user_id)).await
}

/// A role or group of the company changed: every member recomputes.
pub async fn invalidate_company(state: &AppState, company_id: Uuid) -> ApiResult<()> {
    bump(state, &company_version_key(company_id)).await
}

/// A user's effective permissions, or 401 when they or their company may not act.
pub async fn effective(state: &AppState, user_id: Uuid, company_id: Uuid) -> ApiResult<Arc<EffectivePermissions>> {
    let [user_key, company_key] = version_keys(user_id, company_id);
    let versions = state.cache.get_many(&[&user_key, &company_key]).await.map(|read| versions_of(&read));
    effective_at(state, user_id, versions).await
}

/// [`effective`] with the versions already read (with the request's rate-limit count,
/// in the same round trip), or the error that reading them gave.
pub async fn effective_at(
    state: &AppState,
    user_id: Uuid,
    versions: anyhow::Result<(i64, i64)>,
) -> ApiResult<Arc<EffectivePermissions>> {
    let Ok((user_version, company_version)) = versions else {
        // The cache is only a shortcut: without it, the database answers (slower, and
        // nothing is kept, since no version can tell when it goes stale).
        tracing::warn!(%user_id, "permission cache unreachable; reading permissions from the database");
        let computed = compute_effective(&state.db, user_id).await?;
        computed.standing.check()?;
        return Ok(Arc::new(computed));
    };
    let key = (user_id, user_version, company_version);
    if let Some(found) = state.permissions.get(&key) {
        found.standing.check()?;
        return Ok(found);
    }
    let shared_key = format!("perm:eff:{user_id}:{user_version}:{company_version}");
    let cached = state.cache.get(&shared_key).await.ok().flatten().and_then(|b| serde_json::from_slice(&b).ok());
    let permissions = match cached {
        Some(cached) => cached,
        None => {
            let computed = compute_effective(&state.db, user_id).await?;
            let bytes = serde_json::to_vec(&computed).map_err(anyhow::Error::from)?;
            if let Err(err) = state.cache.set(&shared_key, &bytes, TTL).await {
                tracing::warn!(error = format!("{err:#}"), "permission cache not written");
            }
            computed
        }
    };
    let permissions = Arc::new(permissions);
    state.permissions.insert(key, permissions.clone());
    permissions.standing.check()?;
    Ok(permissions)
}
