//! Who holds what: one walk of direct grants and of the role → group → member graph,
//! read both for a user's effective permissions and for "who holds this permission"
//! (whom to alert). Only live roles of the company and live groups count; superusers
//! hold everything.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

use super::model::{group, group_member, group_role, role, role_permission, user_permission, user_role};
use super::scope::{EffectivePermissions, Scope, Standing};
use crate::error::ApiResult;
use crate::infra::db::BaseEntity;
use crate::platform::companies::service as companies;
use crate::platform::users::model::{self as user, Entity as Users};
use crate::platform::users::service as users;

/// One grant reaching one user.
struct Held {
    user_id: Uuid,
    code: String,
    scope: Scope,
}

/// The grants reaching users of `company_id`, narrowed to one user and/or one
/// permission, and the roles (id, code) through which they do.
async fn walk(
    db: &impl ConnectionTrait,
    company_id: Uuid,
    only_user: Option<Uuid>,
    only_permission: Option<&str>,
) -> ApiResult<(Vec<Held>, Vec<(Uuid, String)>)> {
    let mut held = Vec::new();
    let mut direct = user_permission::Entity::find();
    if let Some(user_id) = only_user {
        direct = direct.filter(user_permission::Column::UserId.eq(user_id));
    }
    if let Some(code) = only_permission {
        direct = direct.filter(user_permission::Column::PermissionCode.eq(code));
    }
    for grant in direct.all(db).await? {
        if let Some(scope) = Scope::parse(&grant.scope) {
            held.push(Held { user_id: grant.user_id, code: grant.permission_code, scope });
        }
    }

    let live_roles = role::Entity::find_live().filter(role::Column::CompanyId.eq(company_id)).all(db).await?;
    let mut role_grants =
        role_permission::Entity::find().filter(role_permission::Column::RoleId.is_in(live_roles.iter().map(|r| r.id)));
    if let Some(code) = only_permission {
        role_grants = role_grants.filter(role_permission::Column::PermissionCode.eq(code));
    }
    let mut grants_of_role: HashMap<Uuid, Vec<(String, Scope)>> = HashMap::new();
    for grant in role_grants.all(db).await? {
        if let Some(scope) = Scope::parse(&grant.scope) {
            grants_of_role.entry(grant.role_id).or_default().push((grant.permission_code, scope));
        }
    }
    // A user's own walk keeps every role (for `require_role`); a permission's, only
    // the roles granting it.
    let walked: Vec<Uuid> = match only_permission {
        Some(_) => grants_of_role.keys().copied().collect(),
        None => live_roles.iter().map(|r| r.id).collect(),
    };
    if walked.is_empty() {
        return Ok((held, Vec::new()));
    }

    let pairs = assignments(db, walked, only_user).await?;
    let mut roles = Vec::new();
    for (user_id, role_id) in pairs {
        for (code, scope) in grants_of_role.get(&role_id).into_iter().flatten() {
            held.push(Held { user_id, code: code.clone(), scope: *scope });
        }
        if let Some(role) = live_roles.iter().find(|r| r.id == role_id) {
            roles.push((user_id, role.code.clone()));
        }
    }
    Ok((held, roles))
}

/// (user, role) pairs for `roles`: users given the role, then members of live groups
/// given it; narrowed to one user when asked.
async fn assignments(
    db: &impl ConnectionTrait,
    roles: Vec<Uuid>,
    only_user: Option<Uuid>,
) -> ApiResult<Vec<(Uuid, Uuid)>> {
    let mut assigned = user_role::Entity::find().filter(user_role::Column::RoleId.is_in(roles.clone()));
    if let Some(user_id) = only_user {
        assigned = assigned.filter(user_role::Column::UserId.eq(user_id));
    }
    let mut pairs: Vec<(Uuid, Uuid)> = assigned.all(db).await?.into_iter().map(|a| (a.user_id, a.role_id)).collect();
    let group_roles = group_role::Entity::find().filter(group_role::Column::RoleId.is_in(roles)).all(db).await?;
    if !group_roles.is_empty() {
        let live_groups: Vec<Uuid> = group::Entity::find_live()
            .filter(group::Column::Id.is_in(group_roles.iter().map(|g| g.group_id)))
            .all(db)
            .await?
            .iter()
            .map(|g| g.id)
            .collect();
        let mut members = group_member::Entity::find().filter(group_member::Column::GroupId.is_in(live_groups));
        if let Some(user_id) = only_user {
            members = members.filter(group_member::Column::UserId.eq(user_id));
        }
        for member in members.all(db).await? {
            pairs.extend(
                group_roles.iter().filter(|g| g.group_id == member.group_id).map(|g| (member.user_id, g.role_id)),
            );
        }
    }
    Ok(pairs)
}

/// Users of `company_id` holding its live role `code`, directly or through a live
/// group (whom a `role:<code>` notification reaches).
pub async fn holders_of_role(db: &impl ConnectionTrait, company_id: Uuid, code: &str) -> ApiResult<Vec<Uuid>> {
    let roles: Vec<Uuid> = role::Entity::find_live()
        .filter(role::Column::CompanyId.eq(company_id))
        .filter(role::Column::Code.eq(code))
        .all(db)
        .await?
        .iter()
        .map(|r| r.id)
        .collect();
    if roles.is_empty() {
        return Ok(Vec::new());
    }
    Ok(assignments(db, roles, None).await?.into_iter().map(|(user_id, _)| user_id).collect())
}

/// Direct grants ∪ the user's roles ∪ their groups' roles; the widest scope wins. The
/// standing says whether the user and their company may act at all.
pub async fn compute_effective(db: &impl ConnectionTrait, user_id: Uuid) -> ApiResult<EffectivePermissions> {
    let user = users::get(db, user_id).await?;
    let company_active = companies::get(db, user.company_id).await.is_ok_and(|c| c.is_active);
    let standing = Standing::of(user.is_active, company_active);
    let mut effective = EffectivePermissions { superuser: user.is_superuser, standing, ..Default::default() };
    let (held, roles) = walk(db, user.company_id, Some(user_id), None).await?;
    for grant in held {
        effective.grant(&grant.code, grant.scope);
    }
    effective.roles = roles.into_iter().map(|(_, code)| code).collect();
    Ok(effective)
}

/// Live, active users of a company who hold `permission` (directly, through a role or
/// a group's role, at any scope, or as superusers): whom to alert about what that
/// permission governs.
pub async fn holders_of(db: &impl ConnectionTrait, company_id: Uuid, permission: &str) -> ApiResult<Vec<user::Model>> {
    let (held, _) = walk(db, company_id, None, Some(permission)).await?;
    let holders: Vec<Uuid> = held.into_iter().map(|h| h.user_id).collect();
    Ok(Users::find_live()
        .filter(user::Column::CompanyId.eq(company_id))
        .filter(user::Column::IsActive.eq(true))
        .filter(sea_orm::Condition::any().add(user::Column::Id.is_in(holders)).add(user::Column::IsSuperuser.eq(true)))
        .all(db)
        .await?)
}
