//! Groups: users who share roles; joining hands out the group's roles, so it passes the escalation guard.

use super::*;

pub const MANAGE_GROUPS: &str = "groups.manage.group";

/// A group with its roles and members.
pub struct GroupDetails {
    pub group: group::Model,
    pub role_ids: Vec<Uuid>,
    pub member_ids: Vec<Uuid>,
}

async fn group_details(db: &impl ConnectionTrait, group: group::Model) -> ApiResult<GroupDetails> {
    let role_ids = group_role::Entity::find()
        .filter(group_role::Column::GroupId.eq(group.id))
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.role_id)
        .collect();
    let member_ids = group_member::Entity::find()
        .filter(group_member::Column::GroupId.eq(group.id))
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.user_id)
        .collect();
    Ok(GroupDetails { group, role_ids, member_ids })
}

fn group_json(g: &group::Model) -> serde_json::Value {
    json!({ "name": g.name, "description": g.description })
}

pub async fn list_groups(db: &impl ConnectionTrait, company_id: Uuid) -> ApiResult<Vec<GroupDetails>> {
    let groups = group::Entity::find_live()
        .filter(group::Column::CompanyId.eq(company_id))
        .order_by_asc(group::Column::Name)
        .all(db)
        .await?;
    let mut out = Vec::with_capacity(groups.len());
    for g in groups {
        out.push(group_details(db, g).await?);
    }
    Ok(out)
}

/// A group the manager reaches (another company's is 404).
pub async fn get_group(db: &impl ConnectionTrait, caller: &Caller, id: Uuid) -> ApiResult<GroupDetails> {
    let g = get_in_reach::<group::Entity>(db, caller, MANAGE_GROUPS, id).await?;
    group_details(db, g).await
}

fn group_conflict(err: sea_orm::DbErr) -> ApiError {
    ApiError::unique_as(err, "group_name_taken", "Another group of this company has this name.")
}

pub async fn create_group(
    state: &AppState,
    caller: &Caller,
    company_id: Option<Uuid>,
    name: String,
    description: Option<String>,
) -> ApiResult<GroupDetails> {
    let company_id = caller.target_company(&state.db, MANAGE_GROUPS, company_id).await?.id;
    let txn = begin_write(&state.db).await?;
    let created = create_group_in(&txn, caller, company_id, name, description).await?;
    txn.commit().await?;
    Ok(created)
}

/// A new group of `company_id` (one the caller may manage), in the caller's transaction.
pub async fn create_group_in(
    txn: &DatabaseTransaction,
    caller: &Caller,
    company_id: Uuid,
    name: String,
    description: Option<String>,
) -> ApiResult<GroupDetails> {
    let g = group::ActiveModel {
        company_id: Set(company_id),
        name: Set(name),
        description: Set(description),
        ..Default::default()
    }
    .insert(txn)
    .await
    .map_err(group_conflict)?;
    let change = Change {
        company_id,
        action: "create",
        model: "group",
        object_id: Some(g.id.to_string()),
        before: None,
        after: Some(group_json(&g)),
    };
    audit::record(txn, &caller.actor, change).await?;
    Ok(GroupDetails { group: g, role_ids: Vec::new(), member_ids: Vec::new() })
}

pub async fn update_group(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    name: Option<String>,
    description: Option<String>,
) -> ApiResult<GroupDetails> {
    let current = get_group(&state.db, caller, id).await?;
    let txn = begin_write(&state.db).await?;
    let updated = update_group_in(&txn, caller, current, name, description).await?;
    txn.commit().await?;
    Ok(updated)
}

/// Group `current` (read in the caller's reach) renamed or described anew.
pub async fn update_group_in(
    txn: &DatabaseTransaction,
    caller: &Caller,
    current: GroupDetails,
    name: Option<String>,
    description: Option<String>,
) -> ApiResult<GroupDetails> {
    let mut active: group::ActiveModel = current.group.clone().into();
    if let Some(name) = name {
        active.name = Set(name);
    }
    if let Some(description) = description {
        active.description = Set(Some(description));
    }
    let g = active.update(txn).await.map_err(group_conflict)?;
    let change = Change {
        company_id: g.company_id,
        action: "update",
        model: "group",
        object_id: Some(g.id.to_string()),
        before: Some(group_json(&current.group)),
        after: Some(group_json(&g)),
    };
    audit::record(txn, &caller.actor, change).await?;
    Ok(GroupDetails { group: g, ..current })
}

pub async fn delete_group(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<()> {
    let current = get_group(&state.db, caller, id).await?;
    let txn = begin_write(&state.db).await?;
    group::Entity::soft_delete(&txn, id, Some(caller.user_id)).await?;
    let change = Change {
        company_id: current.group.company_id,
        action: "delete",
        model: "group",
        object_id: Some(id.to_string()),
        before: Some(group_json(&current.group)),
        after: None,
    };
    audit::record(&txn, &caller.actor, change).await?;
    txn.commit().await?;
    cache::invalidate_company(state, current.group.company_id).await
}

/// What a group's members gain from it: the grants of its live roles.
async fn group_grants(db: &impl ConnectionTrait, group: &GroupDetails) -> ApiResult<BTreeMap<String, Scope>> {
    let roles = role::Entity::find_live()
        .filter(role::Column::Id.is_in(group.role_ids.clone()))
        .filter(role::Column::CompanyId.eq(group.group.company_id))
        .all(db)
        .await?;
    let mut grants = EffectivePermissions::default();
    for role in roles {
        for (code, scope) in role_grants(db, role.id).await? {
            grants.grant(&code, scope);
        }
    }
    Ok(grants.grants)
}

/// Adds (`add`) or removes a member; the user must belong to the group's company.
/// Joining hands out the group's roles, so adding needs the manager to hold them all.
pub async fn set_member(state: &AppState, caller: &Caller, group_id: Uuid, user_id: Uuid, add: bool) -> ApiResult<()> {
    let current = get_group(&state.db, caller, group_id).await?;
    let txn = begin_write(&state.db).await?;
    set_member_in(&txn, caller, &current, user_id, add).await?;
    txn.commit().await?;
    cache::invalidate_user(state, user_id).await
}

/// [`set_member`] in the caller's transaction; the member's cached permissions are the
/// caller's to drop once it commits.
pub async fn set_member_in(
    txn: &DatabaseTransaction,
    caller: &Caller,
    group: &GroupDetails,
    user_id: Uuid,
    add: bool,
) -> ApiResult<()> {
    let company_id = group.group.company_id;
    let user = users::get(txn, user_id).await?;
    if user.company_id != company_id {
        return Err(ApiError::not_found("user"));
    }
    let group_id = group.group.id;
    if add {
        caller.ensure_may_grant(company_id, &group_grants(txn, group).await?)?;
        group_member::Entity::insert(group_member::ActiveModel { group_id: Set(group_id), user_id: Set(user_id) })
            .on_conflict(
                OnConflict::columns([group_member::Column::GroupId, group_member::Column::UserId])
                    .do_nothing()
                    .to_owned(),
            )
            .exec_without_returning(txn)
            .await?;
    } else {
        let removed = group_member::Entity::delete_many()
            .filter(group_member::Column::GroupId.eq(group_id))
            .filter(group_member::Column::UserId.eq(user_id))
            .exec(txn)
            .await?;
        if removed.rows_affected == 0 {
            return Err(ApiError::not_found("group member"));
        }
    }
    let link = json!({ "user_id": user_id });
    let change = Change {
        company_id,
        action: if add { "add_member" } else { "remove_member" },
        model: "group",
        object_id: Some(group_id.to_string()),
        before: (!add).then(|| link.clone()),
        after: add.then_some(link),
    };
    audit::record(txn, &caller.actor, change).await
}

/// Gives a role to (or takes it from) a group: its members gain the role's grants, so
/// adding needs the manager to hold them all.
pub async fn set_group_role(
    state: &AppState,
    caller: &Caller,
    group_id: Uuid,
    role_id: Uuid,
    add: bool,
) -> ApiResult<()> {
    let current = get_group(&state.db, caller, group_id).await?;
    let txn = begin_write(&state.db).await?;
    set_group_role_in(&txn, caller, &current, role_id, add).await?;
    txn.commit().await?;
    cache::invalidate_company(state, current.group.company_id).await
}

/// [`set_group_role`] in the caller's transaction; the company's cached permissions are
/// the caller's to drop once it commits.
pub async fn set_group_role_in(
    txn: &DatabaseTransaction,
    caller: &Caller,
    group: &GroupDetails,
    role_id: Uuid,
    add: bool,
) -> ApiResult<()> {
    let company_id = group.group.company_id;
    let group_id = group.group.id;
    let role = role::Entity::find_live_by_id(role_id)
        .filter(role::Column::CompanyId.eq(company_id))
        .one(txn)
        .await?
        .ok_or(ApiError::not_found("role"))?;
    if add {
        caller.ensure_may_grant(company_id, &role_grants(txn, role.id).await?)?;
        group_role::Entity::insert(group_role::ActiveModel { group_id: Set(group_id), role_id: Set(role_id) })
            .on_conflict(
                OnConflict::columns([group_role::Column::GroupId, group_role::Column::RoleId]).do_nothing().to_owned(),
            )
            .exec_without_returning(txn)
            .await?;
    } else {
        let removed = group_role::Entity::delete_many()
            .filter(group_role::Column::GroupId.eq(group_id))
            .filter(group_role::Column::RoleId.eq(role_id))
            .exec(txn)
            .await?;
        if removed.rows_affected == 0 {
            return Err(ApiError::not_found("group role"));
        }
    }
    let link = json!({ "role_id": role.id, "role": role.code });
    let change = Change {
        company_id,
        action: if add { "add_role" } else { "remove_role" },
        model: "group",
        object_id: Some(group_id.to_string()),
        before: (!add).then(|| link.clone()),
        after: add.then_some(link),
    };
    audit::record(txn, &caller.actor, change).await
}
