//! RBAC rules: the permission catalogue, system roles, effective permissions, and the
//! management of roles and assignments without privilege escalation.

use std::collections::BTreeMap;

use chrono::Utc;
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter,
    QueryOrder,
};
use serde_json::json;
use uuid::Uuid;

use super::cache;
use super::model::{group, group_member, group_role, permission, role, role_permission, user_permission, user_role};
use super::scope::{EffectivePermissions, Scope};
use crate::app::AppState;
use crate::caller::Caller;
use crate::error::{ApiError, ApiResult};
use crate::infra::db::{BaseEntity, begin_write};
use crate::module::{Module, pattern_matches};
use crate::platform::audit::service::{self as audit, Change};
use crate::platform::users::service as users;
use crate::scoped::get_in_reach;

mod direct;
mod groups;
pub mod packages;

pub use direct::*;
pub use groups::*;

pub const MANAGE_ROLES: &str = "roles.manage.role";
pub const MANAGE_USERS: &str = users::MANAGE_PERMISSION;

/// Upserts every module's permissions (idempotent; safe from several processes).
pub async fn sync_catalogue(db: &impl ConnectionTrait, modules: &[&dyn Module]) -> ApiResult<()> {
    let now = Utc::now();
    let rows: Vec<permission::ActiveModel> = modules
        .iter()
        .flat_map(|m| {
            m.permissions().iter().map(move |p| permission::ActiveModel {
                code: Set(p.code.to_owned()),
                module: Set(m.name().to_owned()),
                label_fr: Set(p.label_fr.to_owned()),
                label_en: Set(p.label_en.to_owned()),
                description: Set(None),
                updated_at: Set(now),
            })
        })
        .collect();
    permission::Entity::insert_many(rows)
        .on_conflict(
            OnConflict::column(permission::Column::Code)
                .update_columns([
                    permission::Column::Module,
                    permission::Column::LabelFr,
                    permission::Column::LabelEn,
                    permission::Column::UpdatedAt,
                ])
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}

pub async fn catalogue(db: &impl ConnectionTrait) -> ApiResult<Vec<permission::Model>> {
    Ok(permission::Entity::find().order_by_asc(permission::Column::Code).all(db).await?)
}

/// Gives a company the system roles it lacks (new companies, or roles added by a new
/// release). Existing roles are left as the company edited them.
pub async fn ensure_system_roles(
    db: &impl ConnectionTrait,
    modules: &[&dyn Module],
    company_id: Uuid,
) -> ApiResult<()> {
    let existing: Vec<String> = role::Entity::find_live()
        .filter(role::Column::CompanyId.eq(company_id))
        .filter(role::Column::IsSystem.eq(true))
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.code)
        .collect();
    let codes: Vec<String> = catalogue(db).await?.into_iter().map(|p| p.code).collect();
    let missing = modules.iter().flat_map(|m| m.system_roles()).filter(|d| !existing.iter().any(|c| c == d.code));
    for def in missing {
        let created = role::ActiveModel {
            company_id: Set(company_id),
            code: Set(def.code.to_owned()),
            name: Set(def.name.to_owned()),
            description: Set(Some(def.description.to_owned())),
            is_system: Set(true),
            ..Default::default()
        }
        .insert(db)
        .await?;
        let mut grants = EffectivePermissions::default();
        for (pattern, scope) in def.grants {
            for code in codes.iter().filter(|c| pattern_matches(pattern, c)) {
                grants.grant(code, *scope);
            }
        }
        insert_role_grants(db, created.id, &grants.grants).await?;
    }
    Ok(())
}

/// System roles for every live company; run at start-up.
pub async fn ensure_all_system_roles(db: &impl ConnectionTrait, modules: &[&dyn Module]) -> ApiResult<()> {
    use crate::platform::companies::model::Entity as Companies;
    for company in Companies::find_live().all(db).await? {
        ensure_system_roles(db, modules, company.id).await?;
    }
    Ok(())
}

async fn insert_role_grants(
    db: &impl ConnectionTrait,
    role_id: Uuid,
    grants: &BTreeMap<String, Scope>,
) -> ApiResult<()> {
    if grants.is_empty() {
        return Ok(());
    }
    role_permission::Entity::insert_many(grants.iter().map(|(code, scope)| role_permission::ActiveModel {
        role_id: Set(role_id),
        permission_code: Set(code.clone()),
        scope: Set(scope.as_str().to_owned()),
    }))
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// A role with its grants.
pub struct RoleWithGrants {
    pub role: role::Model,
    pub grants: BTreeMap<String, Scope>,
}

pub async fn role_grants(db: &impl ConnectionTrait, role_id: Uuid) -> ApiResult<BTreeMap<String, Scope>> {
    Ok(role_permission::Entity::find()
        .filter(role_permission::Column::RoleId.eq(role_id))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|g| Scope::parse(&g.scope).map(|s| (g.permission_code, s)))
        .collect())
}

/// Refuses permission codes that are not in the catalogue.
pub async fn check_grants(db: &impl ConnectionTrait, grants: &BTreeMap<String, Scope>) -> ApiResult<()> {
    let known: Vec<String> = catalogue(db).await?.into_iter().map(|p| p.code).collect();
    let unknown: Vec<&String> = grants.keys().filter(|c| !known.contains(c)).collect();
    if let Some(first) = unknown.first() {
        return Err(ApiError::field(format!("permissions.{first}"), "unknown_permission", "is not a known permission"));
    }
    Ok(())
}

pub async fn list_roles(db: &impl ConnectionTrait, company_id: Uuid) -> ApiResult<Vec<RoleWithGrants>> {
    let roles = role::Entity::find_live()
        .filter(role::Column::CompanyId.eq(company_id))
        .order_by_asc(role::Column::Name)
        .all(db)
        .await?;
    let mut out = Vec::with_capacity(roles.len());
    for role in roles {
        let grants = role_grants(db, role.id).await?;
        out.push(RoleWithGrants { role, grants });
    }
    Ok(out)
}

/// A role the manager may manage (another company's is 404).
pub async fn get_role(db: &impl ConnectionTrait, caller: &Caller, id: Uuid) -> ApiResult<RoleWithGrants> {
    let role = get_in_reach::<role::Entity>(db, caller, MANAGE_ROLES, id).await?;
    let grants = role_grants(db, role.id).await?;
    Ok(RoleWithGrants { role, grants })
}

fn role_json(role: &role::Model, grants: &BTreeMap<String, Scope>) -> serde_json::Value {
    json!({ "code": role.code, "name": role.name, "description": role.description, "permissions": grants })
}

pub struct NewRole {
    pub code: String,
    pub name: String,
    pub description: Option<String>,
    pub grants: BTreeMap<String, Scope>,
}

pub async fn create_role(
    state: &AppState,
    caller: &Caller,
    company_id: Option<Uuid>,
    new: NewRole,
) -> ApiResult<RoleWithGrants> {
    let company_id = caller.target_company(&state.db, MANAGE_ROLES, company_id).await?.id;
    check_grants(&state.db, &new.grants).await?;
    caller.ensure_may_grant(company_id, &new.grants)?;
    let txn = begin_write(&state.db).await?;
    let role = role::ActiveModel {
        company_id: Set(company_id),
        code: Set(new.code),
        name: Set(new.name),
        description: Set(new.description),
        is_system: Set(false),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(|e| ApiError::unique_as(e, "role_code_taken", "Another role of this company has this code."))?;
    insert_role_grants(&txn, role.id, &new.grants).await?;
    let change = Change {
        company_id,
        action: "create",
        model: "role",
        object_id: Some(role.id.to_string()),
        before: None,
        after: Some(role_json(&role, &new.grants)),
    };
    audit::record(&txn, &caller.actor, change).await?;
    txn.commit().await?;
    Ok(RoleWithGrants { role, grants: new.grants })
}

pub struct RoleChanges {
    pub name: Option<String>,
    pub description: Option<String>,
    pub grants: Option<BTreeMap<String, Scope>>,
}

pub async fn update_role(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    changes: RoleChanges,
) -> ApiResult<RoleWithGrants> {
    let current = get_role(&state.db, caller, id).await?;
    if let Some(grants) = &changes.grants {
        check_grants(&state.db, grants).await?;
        // Adding or widening needs cover; removing never does.
        let added: BTreeMap<String, Scope> = grants
            .iter()
            .filter(|(code, scope)| current.grants.get(*code).is_none_or(|old| old < *scope))
            .map(|(c, s)| (c.clone(), *s))
            .collect();
        caller.ensure_may_grant(current.role.company_id, &added)?;
    }
    let txn = begin_write(&state.db).await?;
    let mut active: role::ActiveModel = current.role.clone().into();
    if let Some(name) = changes.name {
        active.name = Set(name);
    }
    if let Some(description) = changes.description {
        active.description = Set(Some(description));
    }
    let role = active.update(&txn).await?;
    let grants = match changes.grants {
        Some(grants) => {
            role_permission::Entity::delete_many().filter(role_permission::Column::RoleId.eq(id)).exec(&txn).await?;
            insert_role_grants(&txn, id, &grants).await?;
            grants
        }
        None => current.grants.clone(),
    };
    let change = Change {
        company_id: role.company_id,
        action: "update",
        model: "role",
        object_id: Some(id.to_string()),
        before: Some(role_json(&current.role, &current.grants)),
        after: Some(role_json(&role, &grants)),
    };
    audit::record(&txn, &caller.actor, change).await?;
    txn.commit().await?;
    cache::invalidate_company(state, role.company_id).await?;
    Ok(RoleWithGrants { role, grants })
}

pub async fn delete_role(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<()> {
    let current = get_role(&state.db, caller, id).await?;
    if current.role.is_system {
        return Err(ApiError::Conflict {
            code: "system_role",
            detail: "System roles can be edited but not deleted.".into(),
        });
    }
    let txn = begin_write(&state.db).await?;
    role::Entity::soft_delete(&txn, id, Some(caller.user_id)).await?;
    let change = Change {
        company_id: current.role.company_id,
        action: "delete",
        model: "role",
        object_id: Some(id.to_string()),
        before: Some(role_json(&current.role, &current.grants)),
        after: None,
    };
    audit::record(&txn, &caller.actor, change).await?;
    txn.commit().await?;
    cache::invalidate_company(state, current.role.company_id).await
}

/// A user the caller may manage (`users.manage.user` in reach), else 404.
pub async fn managed_user(
    db: &impl ConnectionTrait,
    caller: &Caller,
    user_id: Uuid,
) -> ApiResult<crate::platform::users::model::Model> {
    get_in_reach::<crate::platform::users::model::Entity>(db, caller, MANAGE_USERS, user_id).await
}

/// Gives a role to a user of the role's company. The manager must hold everything the
/// role grants: that is what stops anyone from making themselves an administrator.
pub async fn assign_role(state: &AppState, caller: &Caller, user_id: Uuid, role_id: Uuid) -> ApiResult<()> {
    let user = managed_user(&state.db, caller, user_id).await?;
    let role = role::Entity::find_live_by_id(role_id)
        .filter(role::Column::CompanyId.eq(user.company_id))
        .one(&state.db)
        .await?
        .ok_or(ApiError::not_found("role"))?;
    caller.ensure_may_grant(user.company_id, &role_grants(&state.db, role.id).await?)?;
    let txn = begin_write(&state.db).await?;
    user_role::Entity::insert(user_role::ActiveModel { user_id: Set(user.id), role_id: Set(role.id) })
        .on_conflict(
            OnConflict::columns([user_role::Column::UserId, user_role::Column::RoleId]).do_nothing().to_owned(),
        )
        .exec_without_returning(&txn)
        .await?;
    let change = Change {
        company_id: user.company_id,
        action: "assign_role",
        model: "user",
        object_id: Some(user.id.to_string()),
        before: None,
        after: Some(json!({ "role_id": role.id, "role": role.code })),
    };
    audit::record(&txn, &caller.actor, change).await?;
    txn.commit().await?;
    cache::invalidate_user(state, user.id).await
}

pub async fn unassign_role(state: &AppState, caller: &Caller, user_id: Uuid, role_id: Uuid) -> ApiResult<()> {
    let user = managed_user(&state.db, caller, user_id).await?;
    let txn = begin_write(&state.db).await?;
    let removed = user_role::Entity::delete_many()
        .filter(user_role::Column::UserId.eq(user.id))
        .filter(user_role::Column::RoleId.eq(role_id))
        .exec(&txn)
        .await?;
    if removed.rows_affected == 0 {
        return Err(ApiError::not_found("role assignment"));
    }
    let change = Change {
        company_id: user.company_id,
        action: "unassign_role",
        model: "user",
        object_id: Some(user.id.to_string()),
        before: Some(json!({ "role_id": role_id })),
        after: None,
    };
    audit::record(&txn, &caller.actor, change).await?;
    txn.commit().await?;
    cache::invalidate_user(state, user.id).await
}

/// What a user holds, and where it comes from.
pub struct UserAccess {
    pub roles: Vec<role::Model>,
    pub direct: BTreeMap<String, Scope>,
    pub effective: EffectivePermissions,
}

pub async fn user_access(db: &impl ConnectionTrait, caller: &Caller, user_id: Uuid) -> ApiResult<UserAccess> {
    let user = users::get_visible(db, caller, user_id).await?;
    let role_ids: Vec<Uuid> = user_role::Entity::find()
        .filter(user_role::Column::UserId.eq(user.id))
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.role_id)
        .collect();
    let roles = role::Entity::find_live()
        .filter(role::Column::Id.is_in(role_ids))
        .order_by_asc(role::Column::Name)
        .all(db)
        .await?;
    let direct = user_permission::Entity::find()
        .filter(user_permission::Column::UserId.eq(user.id))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|p| Scope::parse(&p.scope).map(|s| (p.permission_code, s)))
        .collect();
    let effective = super::grants::compute_effective(db, user.id).await?;
    Ok(UserAccess { roles, direct, effective })
}

/// Every permission a superuser holds, as `{code: all}`.
pub async fn expand_for_client(
    db: &impl ConnectionTrait,
    perms: &EffectivePermissions,
) -> ApiResult<BTreeMap<String, Scope>> {
    if !perms.superuser {
        return Ok(perms.grants.clone());
    }
    Ok(catalogue(db).await?.into_iter().map(|p| (p.code, Scope::All)).collect())
}
