//! User records: creation (CLI, seed), lookups, and their administration: listing by
//! scope, invitations, profile edits, activation.

use sea_orm::sea_query::{Expr, ExprTrait, Func};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection,
    DatabaseTransaction, EntityTrait, IntoActiveModel, QueryFilter,
};
use serde_json::json;
use uuid::Uuid;

use super::model::{self, Entity as Users};
use crate::app::AppState;
use crate::caller::Caller;
use crate::error::{ApiError, ApiResult};
use crate::http::pagination::{Page, PageQuery, paginate};
use crate::infra::db::{BaseEntity, begin_write, contains_ignoring_case};
use crate::infra::pubsub::Event;
use crate::platform::api_tokens::service as api_tokens;
use crate::platform::audit::service::{self as audit, Actor, Change};
use crate::platform::auth::password::{PasswordHasher, check_policy};
use crate::platform::auth::service::{self as auth, LinkPurpose};
use crate::platform::companies::service as companies;
use crate::platform::email::account::{self, AccountEmail};
use crate::platform::i18n::Locale;
use crate::platform::outbox::service as outbox;
use crate::platform::rbac::cache as permission_cache;
use crate::platform::rbac::model::{role, user_role};
use crate::platform::rbac::service as rbac;
use crate::scoped::{find_in_reach, get_in_reach};

pub const VIEW_PERMISSION: &str = "users.view.user";
pub const MANAGE_PERMISSION: &str = "users.manage.user";
pub const CREATED: &str = "user.created";
pub const INVITED: &str = "user.invited";
pub const DELETED: &str = "user.deleted";
pub const DEACTIVATED: &str = "user.deactivated";
pub const ACTIVATED: &str = "user.activated";

pub struct NewUser {
    pub company_id: Uuid,
    pub email: String,
    pub full_name: String,
    pub password: String,
    pub locale: Locale,
    pub time_zone: String,
    pub is_superuser: bool,
}

/// Emails compare case-insensitively: stored trimmed and lower-cased.
pub fn normalize_email(email: &str) -> String {
    email.trim().to_lowercase()
}

pub async fn find_by_email(db: &impl ConnectionTrait, email: &str) -> ApiResult<Option<model::Model>> {
    Ok(Users::find_live().filter(model::Column::Email.eq(normalize_email(email))).one(db).await?)
}

/// Whether `id` is a live user of `company_id`: what a link to a person must name.
pub async fn is_member(db: &impl ConnectionTrait, company_id: Uuid, id: Uuid) -> ApiResult<bool> {
    let found = Users::find_live().filter(model::Column::Id.eq(id)).filter(model::Column::CompanyId.eq(company_id));
    Ok(found.one(db).await?.is_some())
}

pub async fn get(db: &impl ConnectionTrait, id: Uuid) -> ApiResult<model::Model> {
    Users::find_live_by_id(id).one(db).await?.ok_or(ApiError::not_found("user"))
}

fn checked_email(email: &str) -> ApiResult<String> {
    let email = normalize_email(email);
    if !validator::ValidateEmail::validate_email(&email) {
        return Err(ApiError::field("email", "email", "must be an email address"));
    }
    Ok(email)
}

const EMAIL_TAKEN: &str = "A user with this email already exists.";

fn email_conflict(err: sea_orm::DbErr) -> ApiError {
    ApiError::unique_as(err, "email_taken", EMAIL_TAKEN)
}

/// `email_taken`, for an address whose account the caller can see.
fn email_conflict_visible() -> ApiError {
    ApiError::Conflict { code: "email_taken", detail: EMAIL_TAKEN.into() }
}

/// A user with a password, for the CLI and the demo seed, with its `user.created` event.
pub async fn create(
    db: &DatabaseConnection,
    hasher: &PasswordHasher,
    actor: Option<Uuid>,
    new: NewUser,
) -> ApiResult<model::Model> {
    let email = checked_email(&new.email)?;
    check_policy("password", &new.password, &email)?;
    let hash = hasher.hash(&new.password).await?;
    let now = chrono::Utc::now();
    let user = model::ActiveModel {
        company_id: Set(new.company_id),
        email: Set(email),
        full_name: Set(new.full_name.trim().to_owned()),
        locale: Set(new.locale.as_str().to_owned()),
        time_zone: Set(new.time_zone),
        password_hash: Set(Some(hash)),
        password_changed_at: Set(Some(now)),
        is_active: Set(true),
        is_superuser: Set(new.is_superuser),
        sms_mfa_enabled: Set(false),
        created_by: Set(actor),
        updated_by: Set(actor),
        ..Default::default()
    };
    let txn = begin_write(db).await?;
    let user = user.insert(&txn).await.map_err(email_conflict)?;
    let by = Actor { user_id: actor, ..Actor::default() };
    outbox::emit(&txn, Some(user.company_id), CREATED, event_data(&user), &by).await?;
    txn.commit().await?;
    Ok(user)
}

/// What the API shows of a user in the audit trail (never secrets).
fn user_json(u: &model::Model) -> serde_json::Value {
    json!({
        "email": u.email, "full_name": u.full_name, "locale": u.locale, "time_zone": u.time_zone,
        "is_active": u.is_active, "is_superuser": u.is_superuser, "company_id": u.company_id,
    })
}

// ---------------------------------------------------------------------------
// Reading, by scope

#[derive(Debug, Default)]
pub struct UserFilter {
    /// Part of the email or name, any case.
    pub q: Option<String>,
    pub is_active: Option<bool>,
    pub company_id: Option<Uuid>,
}

/// Users the caller may see (`users.view.user`: own = themselves, company, all).
pub async fn list(
    db: &impl ConnectionTrait,
    caller: &Caller,
    filter: UserFilter,
    page: &PageQuery,
) -> ApiResult<Page<model::Model>> {
    let mut select = find_in_reach::<Users>(caller, VIEW_PERMISSION)?;
    if let Some(company_id) = filter.company_id {
        select = select.filter(model::Column::CompanyId.eq(company_id));
    }
    if let Some(is_active) = filter.is_active {
        select = select.filter(model::Column::IsActive.eq(is_active));
    }
    if let Some(q) = filter.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        select = select.filter(
            Condition::any()
                .add(Expr::col(model::Column::Email).like(contains_ignoring_case(q)))
                .add(Expr::expr(Func::lower(Expr::col(model::Column::FullName))).like(contains_ignoring_case(q))),
        );
    }
    paginate(db, select, page).await
}

/// A user as the caller may see them: themselves always; others with
/// `users.view.user` in reach. Out of reach answers 404, as if they did not exist.
pub async fn get_visible(db: &impl ConnectionTrait, caller: &Caller, id: Uuid) -> ApiResult<model::Model> {
    if id == caller.user_id {
        return get(db, id).await;
    }
    get_in_reach::<Users>(db, caller, VIEW_PERMISSION, id).await
}

/// A user the manager may administer (`users.manage.user` in reach, else 404/403).
/// Only superusers administer superusers.
async fn managed(db: &impl ConnectionTrait, caller: &Caller, id: Uuid) -> ApiResult<model::Model> {
    let user = rbac::managed_user(db, caller, id).await?;
    if user.is_superuser && !caller.perms.superuser {
        return Err(ApiError::Denied {
            code: "superuser_protected",
            detail: "Only a superuser can change a superuser's account.".into(),
        });
    }
    Ok(user)
}

// ---------------------------------------------------------------------------
// Invitations

pub struct Invitation {
    /// Defaults to the manager's company; another company needs scope `all`.
    pub company_id: Option<Uuid>,
    pub email: String,
    pub full_name: String,
    pub locale: Option<Locale>,
    pub time_zone: Option<String>,
    /// Roles of that company to give at once; the manager must hold what they grant.
    pub role_ids: Vec<Uuid>,
}

/// What came of an invitation.
pub enum Invited {
    Created(Box<model::Model>),
    /// The address is an account the inviter cannot see (another company's): no user
    /// was created, and that account's owner was told of the invitation by email.
    /// Emails are unique platform-wide, and `email_taken` would tell any company's
    /// administrator which addresses have an account elsewhere.
    Forwarded,
}

/// Creates a user without a password and emails them a 7-day single-use link to
/// choose one. Roles are given in the same transaction, audited.
pub async fn invite(state: &AppState, caller: &Caller, invitation: Invitation) -> ApiResult<Invited> {
    let txn = begin_write(&state.db).await?;
    let invited = invite_in(&txn, state, caller, invitation).await?;
    txn.commit().await?;
    Ok(invited)
}

/// [`invite`] in `txn` (an import's rows share one).
pub async fn invite_in(
    txn: &DatabaseTransaction,
    state: &AppState,
    caller: &Caller,
    invitation: Invitation,
) -> ApiResult<Invited> {
    let company = caller.target_company(txn, MANAGE_PERMISSION, invitation.company_id).await?;
    let company_id = company.id;
    let email = checked_email(&invitation.email)?;
    let roles = role::Entity::find_live()
        .filter(role::Column::Id.is_in(invitation.role_ids.clone()))
        .filter(role::Column::CompanyId.eq(company_id))
        .all(txn)
        .await?;
    if let Some(unknown) = invitation.role_ids.iter().find(|id| !roles.iter().any(|r| r.id == **id)) {
        return Err(ApiError::field("role_ids", "unknown_role", format!("{unknown} is not a role of this company")));
    }
    for role in &roles {
        caller.ensure_may_grant(company_id, &rbac::role_grants(txn, role.id).await?)?;
    }
    if let Some(existing) = find_by_email(txn, &email).await? {
        if existing.company_id == company_id || get_visible(txn, caller, existing.id).await.is_ok() {
            return Err(email_conflict_visible());
        }
        forward_invitation(txn, state, caller, company_id, &company.name, &existing).await?;
        return Ok(Invited::Forwarded);
    }
    let user = model::ActiveModel {
        company_id: Set(company_id),
        email: Set(email),
        full_name: Set(invitation.full_name.trim().to_owned()),
        locale: Set(invitation.locale.map_or(company.locale.clone(), |l| l.as_str().to_owned())),
        time_zone: Set(invitation.time_zone.unwrap_or_else(|| company.time_zone.clone())),
        password_hash: Set(None),
        is_active: Set(true),
        is_superuser: Set(false),
        sms_mfa_enabled: Set(false),
        ..Default::default()
    }
    .insert(txn)
    .await
    .map_err(email_conflict)?;
    if !roles.is_empty() {
        user_role::Entity::insert_many(
            roles.iter().map(|r| user_role::ActiveModel { user_id: Set(user.id), role_id: Set(r.id) }),
        )
        .exec_without_returning(txn)
        .await?;
    }
    let token = auth::issue_password_link(txn, user.id, LinkPurpose::Invitation).await?;
    let mut after = user_json(&user);
    after["roles"] = json!(roles.iter().map(|r| r.code.clone()).collect::<Vec<_>>());
    let change = Change {
        company_id,
        action: "invite",
        model: "user",
        object_id: Some(user.id.to_string()),
        before: None,
        after: Some(after),
    };
    audit::record(txn, &caller.actor, change).await?;
    outbox::emit(txn, Some(company_id), CREATED, event_data(&user), &caller.actor).await?;
    outbox::emit(txn, Some(company_id), INVITED, event_data(&user), &caller.actor).await?;
    send_invitation(txn, state, caller, &user, &company.name, &token).await?;
    Ok(Invited::Created(Box::new(user)))
}

/// Tells the owner of `existing` that `manager` tried to invite them into `company_id`,
/// and keeps the attempt in that company's audit trail (without the address's owner).
async fn forward_invitation(
    txn: &DatabaseTransaction,
    state: &AppState,
    caller: &Caller,
    company_id: Uuid,
    company: &str,
    existing: &model::Model,
) -> ApiResult<()> {
    let change = Change {
        company_id,
        action: "invite_forwarded",
        model: "user",
        object_id: None,
        before: None,
        after: Some(json!({ "email": existing.email })),
    };
    audit::record(txn, &caller.actor, change).await?;
    let inviter = get(txn, caller.user_id).await?.full_name;
    account::send_in(txn, state, existing, AccountEmail::InvitedElsewhere { company, inviter: &inviter }).await
}

/// The user as the API shows them: the `data` of `user.*` events.
fn event_data(user: &model::Model) -> serde_json::Value {
    serde_json::to_value(super::api::UserOut::from(user.clone())).unwrap_or_default()
}

/// A new invitation link for a user who has not chosen a password yet; earlier links die.
pub async fn resend_invitation(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<()> {
    let user = managed(&state.db, caller, id).await?;
    if user.password_hash.is_some() {
        return Err(ApiError::Conflict {
            code: "invitation_accepted",
            detail: "This user has already chosen a password; they can use “forgot password” instead.".into(),
        });
    }
    let company = companies::get(&state.db, user.company_id).await?;
    let txn = begin_write(&state.db).await?;
    auth::expire_password_links(&txn, user.id, LinkPurpose::Invitation).await?;
    let token = auth::issue_password_link(&txn, user.id, LinkPurpose::Invitation).await?;
    let change = Change {
        company_id: user.company_id,
        action: "resend_invitation",
        model: "user",
        object_id: Some(user.id.to_string()),
        before: None,
        after: None,
    };
    audit::record(&txn, &caller.actor, change).await?;
    send_invitation(&txn, state, caller, &user, &company.name, &token).await?;
    txn.commit().await?;
    Ok(())
}

/// Queues the invitation email in the invitation's transaction.
async fn send_invitation(
    db: &impl ConnectionTrait,
    state: &AppState,
    caller: &Caller,
    user: &model::Model,
    company: &str,
    token: &str,
) -> ApiResult<()> {
    let inviter = get(db, caller.user_id).await?.full_name;
    let link = LinkPurpose::Invitation.link(&state.settings.public_url, token);
    let email =
        AccountEmail::Invitation { link: &link, token, company, inviter: &inviter, days: auth::INVITATION_DAYS };
    account::send_in(db, state, user, email).await
}

// ---------------------------------------------------------------------------
// Changes

/// What a user may change of their own profile; `None` leaves a field as it is. The
/// phone is set through SMS verification, the email by an administrator.
#[derive(Debug, Default)]
pub struct ProfileChanges {
    pub full_name: Option<String>,
    pub locale: Option<Locale>,
    pub time_zone: Option<String>,
}

/// What an administrator may change.
#[derive(Debug, Default)]
pub struct UserChanges {
    pub profile: ProfileChanges,
    pub is_active: Option<bool>,
}

fn apply_profile(active: &mut model::ActiveModel, changes: ProfileChanges) {
    if let Some(full_name) = changes.full_name {
        active.full_name = Set(full_name.trim().to_owned());
    }
    if let Some(locale) = changes.locale {
        active.locale = Set(locale.as_str().to_owned());
    }
    if let Some(time_zone) = changes.time_zone {
        active.time_zone = Set(time_zone);
    }
}

/// The signed-in user edits their own profile.
pub async fn update_profile(
    state: &AppState,
    user_id: Uuid,
    actor: &Actor,
    changes: ProfileChanges,
) -> ApiResult<model::Model> {
    let before = get(&state.db, user_id).await?;
    let mut active = before.clone().into_active_model();
    apply_profile(&mut active, changes);
    active.updated_by = Set(Some(user_id));
    save(state, actor, &before, active, "update_profile").await
}

/// An administrator edits a user. Deactivating ends their sessions and API tokens at
/// once; reactivating gives them back their roles, so it needs the manager to hold
/// what they hold.
pub async fn update(state: &AppState, caller: &Caller, id: Uuid, changes: UserChanges) -> ApiResult<model::Model> {
    let before = managed(&state.db, caller, id).await?;
    if changes.is_active == Some(false) && id == caller.user_id {
        return Err(ApiError::Conflict {
            code: "cannot_deactivate_self",
            detail: "You cannot deactivate your own account; ask another administrator.".into(),
        });
    }
    let mut active = before.clone().into_active_model();
    apply_profile(&mut active, changes.profile);
    let action = match changes.is_active {
        Some(false) if before.is_active => "deactivate",
        Some(true) if !before.is_active => "activate",
        _ => "update",
    };
    if action == "activate" {
        let held = crate::platform::rbac::grants::compute_effective(&state.db, id).await?;
        caller.ensure_may_grant(before.company_id, &held.grants)?;
    }
    if let Some(is_active) = changes.is_active {
        active.is_active = Set(is_active);
    }
    let after = save(state, &caller.actor, &before, active, action).await?;
    match action {
        "deactivate" => end_access(state, id, "account_disabled").await?,
        "activate" => permission_cache::invalidate_user(state, id).await?,
        _ => {}
    }
    Ok(after)
}

/// A manager changes a user's name, language or time zone in `txn` (an import's
/// upsert); the user's open sessions pick it up at their next sign-in.
pub async fn update_profile_in(
    txn: &DatabaseTransaction,
    caller: &Caller,
    id: Uuid,
    changes: ProfileChanges,
) -> ApiResult<model::Model> {
    let before = managed(txn, caller, id).await?;
    let mut active = before.clone().into_active_model();
    apply_profile(&mut active, changes);
    active.updated_by = Set(Some(caller.user_id));
    save_in(txn, &caller.actor, &before, active, "update").await
}

/// Removes a user (soft delete): they cannot sign in, their sessions and API tokens end
/// at once, and they leave lists; the row stays, so the audit trail and the records
/// they made keep pointing at someone. Audited, with a `user.deleted` event.
pub async fn delete(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<()> {
    let user = managed(&state.db, caller, id).await?;
    if id == caller.user_id {
        return Err(ApiError::Conflict {
            code: "cannot_delete_self",
            detail: "You cannot delete your own account; ask another administrator.".into(),
        });
    }
    let txn = begin_write(&state.db).await?;
    Users::soft_delete(&txn, id, Some(caller.user_id)).await?;
    Users::update_many()
        .col_expr(model::Column::IsActive, Expr::value(false))
        .filter(model::Column::Id.eq(id))
        .exec(&txn)
        .await?;
    let change = Change {
        company_id: user.company_id,
        action: "delete",
        model: "user",
        object_id: Some(id.to_string()),
        before: Some(user_json(&user)),
        after: None,
    };
    audit::record(&txn, &caller.actor, change).await?;
    outbox::emit(&txn, Some(user.company_id), DELETED, event_data(&user), &caller.actor).await?;
    txn.commit().await?;
    end_access(state, id, "account_deleted").await?;
    state.bus.announce(Event::UserChanged { user_id: id }).await;
    Ok(())
}

/// A deactivated or deleted user's sessions and API tokens end, and every process forgets
/// their permissions.
async fn end_access(state: &AppState, id: Uuid, reason: &str) -> ApiResult<()> {
    auth::revoke_sessions_of(state, id, None, reason).await?;
    api_tokens::revoke_all_of_user(state, id, reason).await?;
    permission_cache::invalidate_user(state, id).await
}

/// Stores the change and its audit entry together, then tells every process.
async fn save(
    state: &AppState,
    actor: &Actor,
    before: &model::Model,
    active: model::ActiveModel,
    action: &str,
) -> ApiResult<model::Model> {
    let txn = begin_write(&state.db).await?;
    let after = save_in(&txn, actor, before, active, action).await?;
    txn.commit().await?;
    state.bus.announce(Event::UserChanged { user_id: after.id }).await;
    Ok(after)
}

/// Saves a user's change in `txn`, audited, with its event.
async fn save_in(
    txn: &DatabaseTransaction,
    actor: &Actor,
    before: &model::Model,
    active: model::ActiveModel,
    action: &str,
) -> ApiResult<model::Model> {
    let after = active.update(txn).await?;
    let change = Change {
        company_id: after.company_id,
        action,
        model: "user",
        object_id: Some(after.id.to_string()),
        before: Some(user_json(before)),
        after: Some(user_json(&after)),
    };
    audit::record(txn, actor, change).await?;
    let event = match action {
        "deactivate" => Some(DEACTIVATED),
        "activate" => Some(ACTIVATED),
        _ => None,
    };
    if let Some(event) = event {
        outbox::emit(txn, Some(after.company_id), event, event_data(&after), actor).await?;
    }
    Ok(after)
}
