//! Passwords: change, forgotten-password links, reset, invitation acceptance.

use super::*;

pub async fn change_password(
    state: &AppState,
    who: Principal,
    current: &str,
    new: &str,
    client: &ClientInfo,
) -> ApiResult<()> {
    let user = users::get(&state.db, who.user_id).await?;
    ensure_not_locked(state, &user.email).await?;
    if !state.auth.hasher.verify(current, user.password_hash.as_deref()).await {
        register_failure(state, &user.email).await?;
        return Err(ApiError::field("current_password", "incorrect", "is not your current password"));
    }
    check_policy("new_password", new, &user.email)?;
    set_password(state, &user, new).await?;
    revoke_sessions_of(state, user.id, Some(who.session_id), "password_changed").await?;
    api_tokens::revoke_all_of_user(state, user.id, "password_changed").await?;
    record(&state.db, "password_changed", Some(&user), Some(who.session_id), client, None).await?;
    account::send(state, &user, AccountEmail::PasswordChanged).await?;
    Ok(())
}

async fn set_password(state: &AppState, user: &user_model::Model, password: &str) -> ApiResult<()> {
    let hash = state.auth.hasher.hash(password).await?;
    let mut active: user_model::ActiveModel = user.clone().into();
    active.password_hash = Set(Some(hash));
    active.password_changed_at = Set(Some(Utc::now()));
    active.updated_by = Set(Some(user.id));
    active.update(&state.db).await?;
    Ok(())
}

/// Always succeeds from the caller's view: whether the account exists is not told,
/// neither by the answer nor by its time. The answer comes after the throttles only,
/// which cost the same for any address; the lookup and what follows (a link, an
/// email, the log entry) run in the background, the same way for every address.
pub async fn forgot_password(state: &AppState, email: &str, client: &ClientInfo) -> ApiResult<()> {
    if let Some(ip) = &client.ip {
        throttle(state, &format!("auth:ip:{ip}:forgot"), FORGOT_PER_IP, LOCKOUT_WINDOW).await?;
    }
    let email = users::normalize_email(email);
    let per_account =
        state.cache.incr(&format!("auth:forgot:{}", token_hash(&email)), Duration::from_secs(3600)).await?;
    if per_account.count > FORGOT_PER_ACCOUNT_PER_HOUR {
        return Ok(());
    }
    let (state, client) = (state.clone(), client.clone());
    tokio::spawn(async move {
        if let Err(err) = send_reset_link(&state, &email, &client).await {
            tracing::warn!(error = %err, "password reset request not handled");
        }
    });
    Ok(())
}

/// The work of a reset request, after the answer: a link and its email when the
/// address is an active account's, and the log entry either way.
async fn send_reset_link(state: &AppState, email: &str, client: &ClientInfo) -> ApiResult<()> {
    let Some(user) = users::find_by_email(&state.db, email).await?.filter(|u| u.is_active) else {
        record(&state.db, "password_reset_requested", None, None, client, Some(serde_json::json!({ "known": false })))
            .await?;
        return Ok(());
    };
    let token = issue_password_link(&state.db, user.id, LinkPurpose::Reset).await?;
    record(
        &state.db,
        "password_reset_requested",
        Some(&user),
        None,
        client,
        Some(serde_json::json!({ "known": true })),
    )
    .await?;
    let link = LinkPurpose::Reset.link(&state.settings.public_url, &token);
    let reset = AccountEmail::PasswordReset { link: &link, token: &token, minutes: RESET_TOKEN_MINUTES };
    account::send(state, &user, reset).await?;
    Ok(())
}

/// What an emailed single-use password link is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkPurpose {
    /// A forgotten password: valid 30 minutes.
    Reset,
    /// An invited user's first password: valid 7 days.
    Invitation,
}

impl LinkPurpose {
    fn as_str(self) -> &'static str {
        match self {
            Self::Reset => "reset",
            Self::Invitation => "invitation",
        }
    }

    pub fn valid_for(self) -> chrono::Duration {
        match self {
            Self::Reset => chrono::Duration::minutes(RESET_TOKEN_MINUTES),
            Self::Invitation => chrono::Duration::days(INVITATION_DAYS),
        }
    }

    /// The web page that takes the token and asks for the password.
    pub fn link(self, public_url: &str, token: &str) -> String {
        let page = match self {
            Self::Reset => "reset-password",
            Self::Invitation => "accept-invitation",
        };
        format!("{}/{page}?token={token}", public_url.trim_end_matches('/'))
    }
}

pub const INVITATION_DAYS: i64 = 7;

/// Stores the hash of a new single-use link token and returns the token to email.
pub async fn issue_password_link(db: &impl ConnectionTrait, user_id: Uuid, purpose: LinkPurpose) -> ApiResult<String> {
    let token = random_token(32);
    let now = Utc::now();
    password_reset::ActiveModel {
        id: Set(Uuid::now_v7()),
        user_id: Set(user_id),
        token_hash: Set(token_hash(&token)),
        created_at: Set(now),
        expires_at: Set(now + purpose.valid_for()),
        used_at: Set(None),
        purpose: Set(purpose.as_str().to_owned()),
    }
    .insert(db)
    .await?;
    Ok(token)
}

/// Sets a new password from an emailed token. Ends every session and forgets trusted
/// devices; it never signs in, so a second factor is still needed at the next login.
pub async fn reset_password(state: &AppState, token: &str, new: &str, client: &ClientInfo) -> ApiResult<()> {
    let user = redeem_password_link(state, LinkPurpose::Reset, token, new).await?;
    revoke_sessions_of(state, user.id, None, "password_reset").await?;
    api_tokens::revoke_all_of_user(state, user.id, "password_reset").await?;
    revoke_trusted_devices(&state.db, user.id).await?;
    clear_failures(state, &user.email).await?;
    record(&state.db, "password_reset", Some(&user), None, client, None).await?;
    account::send(state, &user, AccountEmail::PasswordWasReset).await?;
    Ok(())
}

/// An invited user chooses their first password; they sign in next.
pub async fn accept_invitation(state: &AppState, token: &str, password: &str, client: &ClientInfo) -> ApiResult<()> {
    let user = redeem_password_link(state, LinkPurpose::Invitation, token, password).await?;
    record(&state.db, "invitation_accepted", Some(&user), None, client, None).await?;
    state.bus.announce(Event::UserChanged { user_id: user.id }).await;
    Ok(())
}

/// Checks the token and the password policy, claims the link (once, even under races;
/// the user's other links of the same purpose die with it) and stores the password.
async fn redeem_password_link(
    state: &AppState,
    purpose: LinkPurpose,
    token: &str,
    new: &str,
) -> ApiResult<user_model::Model> {
    let invalid = || match purpose {
        LinkPurpose::Reset => {
            ApiError::bad_request("invalid_reset_token", "This reset link is invalid, expired or already used.")
        }
        LinkPurpose::Invitation => ApiError::bad_request(
            "invalid_invitation_token",
            "This invitation link is invalid, expired or already used. Ask your administrator for a new one.",
        ),
    };
    let now = Utc::now();
    let row = password_reset::Entity::find()
        .filter(password_reset::Column::TokenHash.eq(token_hash(token)))
        .filter(password_reset::Column::Purpose.eq(purpose.as_str()))
        .filter(password_reset::Column::UsedAt.is_null())
        .filter(password_reset::Column::ExpiresAt.gt(now))
        .one(&state.db)
        .await?
        .ok_or_else(invalid)?;
    let user = users::get(&state.db, row.user_id).await.map_err(|_| invalid())?;
    if !user.is_active {
        return Err(invalid());
    }
    let field = if purpose == LinkPurpose::Reset { "new_password" } else { "password" };
    check_policy(field, new, &user.email)?;
    let claimed = password_reset::Entity::update_many()
        .col_expr(password_reset::Column::UsedAt, Expr::value(now))
        .filter(password_reset::Column::Id.eq(row.id))
        .filter(password_reset::Column::UsedAt.is_null())
        .exec(&state.db)
        .await?;
    if claimed.rows_affected == 0 {
        return Err(invalid());
    }
    expire_password_links(&state.db, user.id, purpose).await?;
    set_password(state, &user, new).await?;
    Ok(user)
}

/// Makes the user's outstanding links of this purpose unusable.
pub async fn expire_password_links(db: &impl ConnectionTrait, user_id: Uuid, purpose: LinkPurpose) -> ApiResult<()> {
    password_reset::Entity::update_many()
        .col_expr(password_reset::Column::UsedAt, Expr::value(Utc::now()))
        .filter(password_reset::Column::UserId.eq(user_id))
        .filter(password_reset::Column::Purpose.eq(purpose.as_str()))
        .filter(password_reset::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}
