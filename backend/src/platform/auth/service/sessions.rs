//! Sessions with rotating refresh tokens: opening, refreshing, listing, revoking, and
//! checking an access token on every request; the periodic clean-up.

use super::*;

pub(super) async fn open_session(
    state: &AppState,
    user: &user_model::Model,
    device_name: Option<String>,
    passed_mfa: bool,
    client: &ClientInfo,
) -> ApiResult<IssuedTokens> {
    let now = Utc::now();
    let agent = client.user_agent.as_deref().map(truncate_agent);
    let known_device = session::Entity::find()
        .filter(session::Column::UserId.eq(user.id))
        .filter(match &agent {
            Some(agent) => session::Column::UserAgent.eq(agent.clone()),
            None => session::Column::UserAgent.is_null(),
        })
        .count(&state.db)
        .await?
        > 0;
    let session_id = Uuid::now_v7();
    let expires_at = now + chrono::Duration::days(i64::try_from(state.settings.auth.session_ttl_days).unwrap_or(30));
    let txn = begin_write(&state.db).await?;
    session::ActiveModel {
        id: Set(session_id),
        user_id: Set(user.id),
        company_id: Set(user.company_id),
        device_name: Set(device_name.map(|n| n.chars().take(100).collect())),
        user_agent: Set(agent),
        ip: Set(client.ip.clone()),
        created_at: Set(now),
        last_seen_at: Set(now),
        expires_at: Set(expires_at),
        revoked_at: Set(None),
        revoked_reason: Set(None),
    }
    .insert(&txn)
    .await?;
    let refresh = insert_refresh_token(&txn, session_id, expires_at).await?;
    Users::update_many()
        .col_expr(user_model::Column::LastLoginAt, Expr::value(now))
        .filter(user_model::Column::Id.eq(user.id))
        .exec(&txn)
        .await?;
    record(
        &txn,
        "login_succeeded",
        Some(user),
        Some(session_id),
        client,
        Some(serde_json::json!({ "mfa": passed_mfa })),
    )
    .await?;
    txn.commit().await?;
    state.bus.announce(Event::UserChanged { user_id: user.id }).await;

    if !known_device {
        let ip = client.ip.as_deref().unwrap_or("unknown IP");
        let device = client.user_agent.as_deref().unwrap_or("an unknown device");
        account::send(state, user, AccountEmail::NewSignIn { at: now, ip, device }).await?;
    }
    Ok(IssuedTokens {
        access_token: state.auth.jwt.issue(user.id, session_id, user.company_id)?,
        expires_in: state.auth.jwt.ttl_secs,
        refresh_token: refresh,
        refresh_expires_at: expires_at,
        session_id,
        trusted_device: None,
    })
}

async fn insert_refresh_token(
    db: &impl ConnectionTrait,
    session_id: Uuid,
    expires_at: DateTime<Utc>,
) -> ApiResult<String> {
    let token = random_token(32);
    refresh_token::ActiveModel {
        id: Set(Uuid::now_v7()),
        session_id: Set(session_id),
        token_hash: Set(token_hash(&token)),
        created_at: Set(Utc::now()),
        expires_at: Set(expires_at),
        rotated_at: Set(None),
    }
    .insert(db)
    .await?;
    Ok(token)
}

fn invalid_refresh() -> ApiError {
    ApiError::unauthorized("invalid_refresh_token", "The refresh token is not valid; sign in again.")
}

/// Exchanges a refresh token for a new pair. A token already exchanged means it was
/// copied: the whole session is revoked, its newest token included.
pub async fn refresh(state: &AppState, token: &str, client: &ClientInfo) -> ApiResult<IssuedTokens> {
    let now = Utc::now();
    let row = refresh_token::Entity::find()
        .filter(refresh_token::Column::TokenHash.eq(token_hash(token)))
        .one(&state.db)
        .await?
        .ok_or_else(invalid_refresh)?;
    let sess = session::Entity::find_by_id(row.session_id).one(&state.db).await?.ok_or_else(invalid_refresh)?;
    if sess.revoked_at.is_some() || sess.expires_at <= now || row.expires_at <= now {
        return Err(ApiError::unauthorized("session_expired", "This session has ended; sign in again."));
    }
    let user = users::get(&state.db, sess.user_id).await.map_err(|_| invalid_refresh())?;
    let rotated = refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::RotatedAt, Expr::value(now))
        .filter(refresh_token::Column::Id.eq(row.id))
        .filter(refresh_token::Column::RotatedAt.is_null())
        .exec(&state.db)
        .await?;
    if rotated.rows_affected == 0 {
        revoke_session(state, sess.id, "refresh_token_reuse").await?;
        record(&state.db, "refresh_token_reused", Some(&user), Some(sess.id), client, None).await?;
        return Err(ApiError::unauthorized(
            "refresh_token_reused",
            "This refresh token was already used; the session has been ended for safety. Sign in again.",
        ));
    }
    if let Err(err) = ensure_can_sign_in(state, &user).await {
        revoke_session(state, sess.id, "account_disabled").await?;
        return Err(err);
    }
    let expires_at = now + chrono::Duration::days(i64::try_from(state.settings.auth.session_ttl_days).unwrap_or(30));
    let txn = begin_write(&state.db).await?;
    let refresh = insert_refresh_token(&txn, sess.id, expires_at).await?;
    session::Entity::update_many()
        .col_expr(session::Column::LastSeenAt, Expr::value(now))
        .col_expr(session::Column::ExpiresAt, Expr::value(expires_at))
        .col_expr(session::Column::Ip, Expr::value(client.ip.clone()))
        .filter(session::Column::Id.eq(sess.id))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(IssuedTokens {
        access_token: state.auth.jwt.issue(user.id, sess.id, user.company_id)?,
        expires_in: state.auth.jwt.ttl_secs,
        refresh_token: refresh,
        refresh_expires_at: expires_at,
        session_id: sess.id,
        trusted_device: None,
    })
}

/// Ends a session: its refresh tokens stop at once, its access tokens at the next
/// request on this process and within milliseconds on the others (the event bus; a
/// process that reconnects reloads recent revocations from the database).
pub async fn revoke_session(state: &AppState, session_id: Uuid, reason: &str) -> ApiResult<()> {
    session::Entity::update_many()
        .col_expr(session::Column::RevokedAt, Expr::value(Utc::now()))
        .col_expr(session::Column::RevokedReason, Expr::value(reason))
        .filter(session::Column::Id.eq(session_id))
        .filter(session::Column::RevokedAt.is_null())
        .exec(&state.db)
        .await?;
    state.bus.announce(Event::SessionRevoked { session_id }).await;
    Ok(())
}

/// Ends every live session of a user, except `keep`.
pub async fn revoke_sessions_of(state: &AppState, user_id: Uuid, keep: Option<Uuid>, reason: &str) -> ApiResult<u64> {
    let mut query = session::Entity::find()
        .filter(session::Column::UserId.eq(user_id))
        .filter(session::Column::RevokedAt.is_null());
    if let Some(keep) = keep {
        query = query.filter(session::Column::Id.ne(keep));
    }
    let ids: Vec<Uuid> = query.select_only().column(session::Column::Id).into_tuple().all(&state.db).await?;
    // One statement for all of them: a user may have hundreds of sessions.
    session::Entity::update_many()
        .col_expr(session::Column::RevokedAt, Expr::value(Utc::now()))
        .col_expr(session::Column::RevokedReason, Expr::value(reason))
        .filter(session::Column::Id.is_in(ids.clone()))
        .filter(session::Column::RevokedAt.is_null())
        .exec(&state.db)
        .await?;
    for session_id in &ids {
        state.bus.announce(Event::SessionRevoked { session_id: *session_id }).await;
    }
    Ok(ids.len() as u64)
}

/// Checks an access token: signature and claims, that its session is live (read from
/// the database once per process, then from memory; revocations reach every
/// process's mirror), and that its user exists and, with their company, may act.
/// The company acted in is the user's, never the token's claim.
pub async fn authenticate(state: &AppState, token: &str) -> ApiResult<Principal> {
    let claims = state.auth.jwt.verify(token)?;
    if state.mirror.is_revoked(claims.sid) {
        return Err(ApiError::unauthorized("session_revoked", "This session has been signed out."));
    }
    if !state.mirror.is_live(claims.sid, claims.sub) {
        let live = session::Entity::find_by_id(claims.sid)
            .filter(session::Column::UserId.eq(claims.sub))
            .filter(session::Column::RevokedAt.is_null())
            .filter(session::Column::ExpiresAt.gt(Utc::now()))
            .one(&state.db)
            .await?
            .ok_or_else(|| ApiError::unauthorized("session_expired", "This session has ended; sign in again."))?;
        state.mirror.remember_live(live.id, live.user_id, live.expires_at);
    }
    let me = snapshot(state, claims.sub).await?;
    Standing::of(me.user.is_active, me.company.is_active).check()?;
    Ok(Principal { user_id: claims.sub, session_id: claims.sid, company_id: me.user.company_id })
}

/// The signed-in user as `/auth/me` shows them: from this process's mirror, else
/// loaded (and remembered until a change is announced).
pub async fn snapshot(state: &AppState, user_id: Uuid) -> ApiResult<std::sync::Arc<Snapshot>> {
    if let Some(found) = state.mirror.snapshot(user_id) {
        return Ok(found);
    }
    let user = users::get(&state.db, user_id)
        .await
        .map_err(|_| ApiError::unauthorized("invalid_token", "This account no longer exists."))?;
    let company =
        crate::platform::companies::service::get(&state.db, user.company_id).await.map_err(|_| company_suspended())?;
    let recovery_codes_left = unused_recovery_codes(&state.db, user.id).await?;
    Ok(state.mirror.remember(Snapshot { user, company, recovery_codes_left, rendered: Default::default() }))
}

pub async fn logout(state: &AppState, who: Principal, client: &ClientInfo) -> ApiResult<()> {
    revoke_session(state, who.session_id, "logout").await?;
    let user = users::get(&state.db, who.user_id).await?;
    record(&state.db, "logout", Some(&user), Some(who.session_id), client, None).await
}

pub async fn logout_all(state: &AppState, who: Principal, client: &ClientInfo) -> ApiResult<u64> {
    let count = revoke_sessions_of(state, who.user_id, None, "logout_all").await?;
    let user = users::get(&state.db, who.user_id).await?;
    record(
        &state.db,
        "logout_all",
        Some(&user),
        Some(who.session_id),
        client,
        Some(serde_json::json!({ "sessions": count })),
    )
    .await?;
    Ok(count)
}

pub async fn list_sessions(state: &AppState, who: Principal) -> ApiResult<Vec<session::Model>> {
    Ok(session::Entity::find()
        .filter(session::Column::UserId.eq(who.user_id))
        .filter(session::Column::RevokedAt.is_null())
        .filter(session::Column::ExpiresAt.gt(Utc::now()))
        .order_by_desc(session::Column::LastSeenAt)
        .all(&state.db)
        .await?)
}

/// Another user's session is answered 404, like one that does not exist.
pub async fn revoke_own_session(state: &AppState, who: Principal, id: Uuid, client: &ClientInfo) -> ApiResult<()> {
    let sess = session::Entity::find_by_id(id)
        .filter(session::Column::UserId.eq(who.user_id))
        .filter(session::Column::RevokedAt.is_null())
        .one(&state.db)
        .await?
        .ok_or(ApiError::not_found("session"))?;
    revoke_session(state, sess.id, "revoked_by_user").await?;
    let user = users::get(&state.db, who.user_id).await?;
    record(&state.db, "session_revoked", Some(&user), Some(sess.id), client, None).await
}

/// Periodic clean-up: sessions ended or expired more than a day ago (with their refresh
/// tokens), spent or expired password links, expired trusted devices. A day is well
/// past any access token's life, so the revocation mirror needs none of them.
pub async fn purge_expired(state: &AppState) -> anyhow::Result<u64> {
    let cutoff = Utc::now() - chrono::Duration::days(1);
    let sessions = session::Entity::delete_many()
        .filter(Condition::any().add(session::Column::ExpiresAt.lt(cutoff)).add(session::Column::RevokedAt.lt(cutoff)))
        .exec(&state.db)
        .await?;
    let links = password_reset::Entity::delete_many()
        .filter(
            Condition::any()
                .add(password_reset::Column::ExpiresAt.lt(cutoff))
                .add(password_reset::Column::UsedAt.lt(cutoff)),
        )
        .exec(&state.db)
        .await?;
    let devices = trusted_device::Entity::delete_many()
        .filter(trusted_device::Column::ExpiresAt.lt(Utc::now()))
        .exec(&state.db)
        .await?;
    Ok(sessions.rows_affected + links.rows_affected + devices.rows_affected)
}
