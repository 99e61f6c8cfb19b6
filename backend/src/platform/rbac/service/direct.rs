//! Direct grants: a permission given to one user, without a role.

use super::*;

/// Grants `code` at `scope` directly to a user (`Some`), or removes it (`None`).
pub async fn set_user_permission(
    state: &AppState,
    caller: &Caller,
    user_id: Uuid,
    code: &str,
    scope: Option<Scope>,
) -> ApiResult<()> {
    let user = managed_user(&state.db, caller, user_id).await?;
    let before = user_permission::Entity::find_by_id((user.id, code.to_owned())).one(&state.db).await?;
    let txn = begin_write(&state.db).await?;
    match scope {
        Some(scope) => {
            let grant = BTreeMap::from([(code.to_owned(), scope)]);
            check_grants(&state.db, &grant).await?;
            caller.ensure_may_grant(user.company_id, &grant)?;
            user_permission::Entity::delete_by_id((user.id, code.to_owned())).exec(&txn).await?;
            user_permission::ActiveModel {
                user_id: Set(user.id),
                permission_code: Set(code.to_owned()),
                scope: Set(scope.as_str().to_owned()),
            }
            .insert(&txn)
            .await?;
        }
        None => {
            if before.is_none() {
                return Err(ApiError::not_found("permission grant"));
            }
            user_permission::Entity::delete_by_id((user.id, code.to_owned())).exec(&txn).await?;
        }
    }
    let change = Change {
        company_id: user.company_id,
        action: if scope.is_some() { "grant_permission" } else { "revoke_permission" },
        model: "user_permission",
        object_id: Some(user.id.to_string()),
        before: before.map(|b| json!({ b.permission_code: b.scope })),
        after: scope.map(|s| json!({ code: s.as_str() })),
    };
    audit::record(&txn, &caller.actor, change).await?;
    txn.commit().await?;
    cache::invalidate_user(state, user.id).await
}
