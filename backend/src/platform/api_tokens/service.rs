//! Creating, listing, rotating and revoking API tokens, and authenticating requests
//! that carry one.
//!
//! A token acts as its owner, limited to the permissions it was given: its effective
//! set is the intersection of those grants with the owner's current permissions, so
//! an owner who loses a permission takes it from their tokens too.
//!
//! A secret is only ever shown to its owner, in a signed-in session: creating and
//! rotating need a session (a token cannot mint or re-issue tokens, so none outlives
//! or outgrows the one that made it), and rotating is for the owner alone. Managing
//! others' tokens (scope `company` or `all`) means seeing and revoking them, audited.
//! A password change or reset, and a deactivation, revoke all of the owner's tokens.

use std::collections::BTreeMap;
use std::time::Duration;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use serde::{Deserialize, Serialize};
use serde_json::json;
use uuid::Uuid;

use super::model::{self, Entity as ApiTokens};
use crate::app::AppState;
use crate::caller::Caller;
use crate::error::{ApiError, ApiResult};
use crate::http::pagination::{Page, PageQuery};
use crate::http::ratelimit::RateLimit;
use crate::infra::crypto::{random_token, token_hash};
use crate::infra::db::{BaseEntity, begin_write};
use crate::platform::audit::service::{self as audit, Change};
use crate::platform::companies::service as companies;
use crate::platform::rbac::cache as permission_cache;
use crate::platform::rbac::scope::{EffectivePermissions, Scope};
use crate::platform::rbac::service as rbac;
use crate::platform::users::service as users;
use crate::scoped::{get_in_reach, list_in_reach};

pub const MANAGE_PERMISSION: &str = "api_tokens.manage.token";
/// Every secret starts with this, so scanners and people recognise it.
pub const SECRET_PREFIX: &str = "ofx_";
const DEFAULT_VALIDITY_DAYS: i64 = 90;
const MAX_VALIDITY_DAYS: i64 = 730;
/// How long a process trusts a looked-up token before reading it again; revocation
/// and deactivation clear it at once.
const LOOKUP_TTL: Duration = Duration::from_secs(60);
const MINUTE: Duration = Duration::from_secs(60);

/// A validated request for a new token.
pub struct NewToken {
    pub name: String,
    pub grants: BTreeMap<String, Scope>,
    pub expires_at: Option<DateTime<Utc>>,
    pub rate_limit_per_minute: Option<u32>,
}

/// A token with its secret: shown once, at creation or rotation.
pub struct Issued {
    pub token: model::Model,
    pub secret: String,
}

pub fn grants_of(token: &model::Model) -> BTreeMap<String, Scope> {
    serde_json::from_value(token.permissions.clone()).unwrap_or_default()
}

fn token_json(t: &model::Model) -> serde_json::Value {
    json!({
        "name": t.name, "prefix": t.prefix, "user_id": t.user_id, "permissions": t.permissions,
        "rate_limit_per_minute": t.rate_limit_per_minute, "expires_at": t.expires_at, "revoked": t.revoked_at.is_some(),
    })
}

fn new_secret() -> (String, String) {
    let secret = format!("{SECRET_PREFIX}{}", random_token(32));
    let prefix = secret.chars().take(12).collect();
    (secret, prefix)
}

/// Creates a token owned by the caller. It may only carry permissions the caller holds,
/// at their scope or narrower (else 403 `privilege_escalation`).
pub async fn create(state: &AppState, caller: &Caller, new: NewToken) -> ApiResult<Issued> {
    caller.perms.require(MANAGE_PERMISSION)?;
    require_session(caller)?;
    if new.grants.is_empty() {
        return Err(ApiError::field("permissions", "required", "give the token at least one permission"));
    }
    rbac::check_grants(&state.db, &new.grants).await?;
    caller.ensure_may_grant(caller.company_id, &new.grants)?;
    let now = Utc::now();
    let expires_at = new.expires_at.unwrap_or(now + chrono::Duration::days(DEFAULT_VALIDITY_DAYS));
    if expires_at <= now {
        return Err(ApiError::field("expires_at", "in_past", "must be in the future"));
    }
    if expires_at > now + chrono::Duration::days(MAX_VALIDITY_DAYS) {
        return Err(ApiError::field("expires_at", "too_far", "must be within two years"));
    }
    let rate_limit = new.rate_limit_per_minute.unwrap_or(state.settings.api_tokens.rate_limit_per_minute);
    let (secret, prefix) = new_secret();
    let txn = begin_write(&state.db).await?;
    let token = model::ActiveModel {
        company_id: Set(caller.company_id),
        user_id: Set(caller.user_id),
        name: Set(new.name.trim().to_owned()),
        prefix: Set(prefix),
        token_hash: Set(token_hash(&secret)),
        permissions: Set(json!(new.grants)),
        rate_limit_per_minute: Set(i32::try_from(rate_limit).unwrap_or(i32::MAX)),
        expires_at: Set(Some(expires_at)),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(&txn, &caller.actor, change(&token, "create", None, Some(token_json(&token)))).await?;
    txn.commit().await?;
    Ok(Issued { token, secret })
}

/// Secrets are issued to people, not to tokens.
fn require_session(caller: &Caller) -> ApiResult<()> {
    match caller.actor.api_token_id {
        None => Ok(()),
        Some(_) => Err(ApiError::Denied {
            code: "session_required",
            detail: "API tokens cannot create or rotate tokens; sign in to do it.".into(),
        }),
    }
}

fn change<'a>(
    t: &model::Model,
    action: &'a str,
    before: Option<serde_json::Value>,
    after: Option<serde_json::Value>,
) -> Change<'a> {
    Change { company_id: t.company_id, action, model: "api_token", object_id: Some(t.id.to_string()), before, after }
}

/// Tokens the caller may see: their own (scope `own`), their company's, or all.
pub async fn list(state: &AppState, caller: &Caller, page: &PageQuery) -> ApiResult<Page<model::Model>> {
    list_in_reach::<ApiTokens>(&state.db, caller, MANAGE_PERMISSION, |tokens| tokens, page).await
}

/// A token in the caller's reach, else 404.
pub async fn get_visible(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<model::Model> {
    get_in_reach::<ApiTokens>(&state.db, caller, MANAGE_PERMISSION, id).await
}

/// Stops a token at once (idempotent).
pub async fn revoke(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<()> {
    let token = get_visible(state, caller, id).await?;
    if token.revoked_at.is_some() {
        return Ok(());
    }
    let txn = begin_write(&state.db).await?;
    let mut active: model::ActiveModel = token.clone().into();
    active.revoked_at = Set(Some(Utc::now()));
    let revoked = active.update(&txn).await?;
    audit::record(&txn, &caller.actor, change(&token, "revoke", Some(token_json(&token)), Some(token_json(&revoked))))
        .await?;
    txn.commit().await?;
    forget(state, &token.token_hash).await
}

/// Replaces the secret; the old one stops working at once. Name, grants and expiry stay.
/// Only the owner may: the new secret acts as them.
pub async fn rotate(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<Issued> {
    require_session(caller)?;
    let token = get_visible(state, caller, id).await?;
    if token.user_id != caller.user_id {
        return Err(ApiError::Denied {
            code: "token_owner_only",
            detail: "Only the token's owner can rotate it; you may revoke it instead.".into(),
        });
    }
    if token.revoked_at.is_some() {
        return Err(ApiError::Conflict { code: "token_revoked", detail: "A revoked token cannot be rotated.".into() });
    }
    let (secret, prefix) = new_secret();
    let txn = begin_write(&state.db).await?;
    let mut active: model::ActiveModel = token.clone().into();
    active.token_hash = Set(token_hash(&secret));
    active.prefix = Set(prefix);
    let rotated = active.update(&txn).await?;
    audit::record(&txn, &caller.actor, change(&token, "rotate", Some(token_json(&token)), Some(token_json(&rotated))))
        .await?;
    txn.commit().await?;
    forget(state, &token.token_hash).await?;
    Ok(Issued { token: rotated, secret })
}

// ---------------------------------------------------------------------------
// Authentication

/// A valid token, as a request needs it (cached for `LOOKUP_TTL`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Credential {
    pub id: Uuid,
    pub user_id: Uuid,
    pub company_id: Uuid,
    grants: BTreeMap<String, Scope>,
    rate_limit_per_minute: u32,
    expires_at: Option<DateTime<Utc>>,
}

fn lookup_key(hash: &str) -> String {
    format!("apitoken:{hash}")
}

fn invalid() -> ApiError {
    ApiError::unauthorized("invalid_api_token", "This API token is unknown, revoked, or its owner is disabled.")
}

/// Step 1 of a token request: is this `ofx_…` secret a live token of an active user?
pub async fn identify(state: &AppState, secret: &str) -> ApiResult<Credential> {
    let hash = token_hash(secret);
    let credential: Credential =
        match state.cache.get(&lookup_key(&hash)).await?.and_then(|b| serde_json::from_slice(&b).ok()) {
            Some(found) => found,
            None => {
                let loaded = load(state, &hash).await?;
                let bytes = serde_json::to_vec(&loaded).map_err(anyhow::Error::from)?;
                state.cache.set(&lookup_key(&hash), &bytes, LOOKUP_TTL).await?;
                loaded
            }
        };
    if credential.expires_at.is_some_and(|at| at <= Utc::now()) {
        return Err(ApiError::unauthorized("api_token_expired", "This API token has expired; create a new one."));
    }
    Ok(credential)
}

/// Step 2: counts the request in the token's one-minute window (shared by every API
/// process through the cache). The caller refuses it when `exceeded()`.
pub async fn count_request(state: &AppState, credential: &Credential) -> ApiResult<RateLimit> {
    let counter = state.cache.incr(&format!("apitoken:rate:{}", credential.id), MINUTE).await?;
    Ok(RateLimit::new(credential.rate_limit_per_minute, counter))
}

/// Step 3: notes the use (at most one write a minute per token, whatever the traffic)
/// and returns the token's permissions.
pub async fn admit(state: &AppState, credential: &Credential, ip: Option<&str>) -> ApiResult<EffectivePermissions> {
    if state.cache.incr(&format!("apitoken:seen:{}", credential.id), MINUTE).await?.count == 1 {
        ApiTokens::update_many()
            .col_expr(model::Column::LastUsedAt, Expr::value(Utc::now()))
            .col_expr(model::Column::LastUsedIp, Expr::value(ip.map(str::to_owned)))
            .filter(model::Column::Id.eq(credential.id))
            .exec(&state.db)
            .await?;
    }
    let owner = permission_cache::effective(state, credential.user_id, credential.company_id).await?;
    Ok(restrict(&owner, &credential.grants))
}

/// The token's grants, each narrowed to what the owner holds now.
pub fn restrict(owner: &EffectivePermissions, grants: &BTreeMap<String, Scope>) -> EffectivePermissions {
    let mut out = EffectivePermissions::default();
    for (code, scope) in grants {
        if let Some(held) = owner.scope_of(code) {
            out.grant(code, (*scope).min(held));
        }
    }
    out
}

async fn load(state: &AppState, hash: &str) -> ApiResult<Credential> {
    let token = ApiTokens::find_live()
        .filter(model::Column::TokenHash.eq(hash))
        .filter(model::Column::RevokedAt.is_null())
        .one(&state.db)
        .await?
        .ok_or_else(invalid)?;
    let owner = users::get(&state.db, token.user_id).await.map_err(|_| invalid())?;
    let company = companies::get(&state.db, token.company_id).await.map_err(|_| invalid())?;
    // A token belongs to its owner's company: one left behind by a move is dead.
    if !owner.is_active || !company.is_active || owner.company_id != token.company_id {
        return Err(invalid());
    }
    Ok(Credential {
        id: token.id,
        user_id: token.user_id,
        company_id: token.company_id,
        grants: grants_of(&token),
        rate_limit_per_minute: u32::try_from(token.rate_limit_per_minute).unwrap_or(0),
        expires_at: token.expires_at,
    })
}

async fn forget(state: &AppState, hash: &str) -> ApiResult<()> {
    state.cache.delete(&lookup_key(hash)).await?;
    Ok(())
}

/// Revokes every live token of a user whose credentials changed or who was deactivated
/// (`reason` goes to the log; the change that caused it is audited by its own
/// service). They stop at the next request and do not come back with a reactivation.
pub async fn revoke_all_of_user(state: &AppState, user_id: Uuid, reason: &str) -> ApiResult<()> {
    let live = ApiTokens::find_live()
        .filter(model::Column::UserId.eq(user_id))
        .filter(model::Column::RevokedAt.is_null())
        .all(&state.db)
        .await?;
    if live.is_empty() {
        return Ok(());
    }
    ApiTokens::update_many()
        .col_expr(model::Column::RevokedAt, Expr::value(Utc::now()))
        .filter(model::Column::Id.is_in(live.iter().map(|t| t.id)))
        .exec(&state.db)
        .await?;
    tracing::info!(%user_id, reason, tokens = live.len(), "API tokens revoked");
    for token in &live {
        forget(state, &token.token_hash).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_never_holds_more_than_its_owner() {
        let mut owner = EffectivePermissions::default();
        owner.grant("users.view.user", Scope::Own);
        owner.grant("audit.view.log", Scope::Company);
        let grants = BTreeMap::from([
            ("users.view.user".to_owned(), Scope::Company),
            ("audit.view.log".to_owned(), Scope::Own),
            ("roles.manage.role".to_owned(), Scope::Company),
        ]);
        let token = restrict(&owner, &grants);
        assert_eq!(token.scope_of("users.view.user"), Some(Scope::Own));
        assert_eq!(token.scope_of("audit.view.log"), Some(Scope::Own));
        assert_eq!(token.scope_of("roles.manage.role"), None);
        let root = EffectivePermissions { superuser: true, ..Default::default() };
        let token = restrict(&root, &grants);
        assert!(!token.superuser);
        assert_eq!(token.scope_of("roles.manage.role"), Some(Scope::Company));
    }
}
