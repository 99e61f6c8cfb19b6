//! What module packages add to access control at run time: their permissions join the
//! catalogue when installed, and their grants reach a company's system roles when the
//! company enables them (the roles stay editable afterwards).

use chrono::Utc;
use sea_orm::ActiveValue::Set;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

use super::super::model::{permission, role, role_permission};
use super::super::scope::Scope;
use crate::error::ApiResult;
use crate::infra::db::BaseEntity;

/// A permission a package declares: (code, French label, English label).
pub type Declared<'a> = (&'a str, &'a str, &'a str);

/// Puts `module`'s permissions in the catalogue (labels updated on upgrade) and takes
/// out those it no longer declares.
pub async fn register(db: &impl ConnectionTrait, module: &str, declared: &[Declared<'_>]) -> ApiResult<()> {
    let codes: Vec<&str> = declared.iter().map(|(code, _, _)| *code).collect();
    permission::Entity::delete_many()
        .filter(permission::Column::Module.eq(module))
        .filter(permission::Column::Code.is_not_in(codes))
        .exec(db)
        .await?;
    if declared.is_empty() {
        return Ok(());
    }
    let now = Utc::now();
    let rows = declared.iter().map(|(code, fr, en)| permission::ActiveModel {
        code: Set((*code).to_owned()),
        module: Set(module.to_owned()),
        label_fr: Set((*fr).to_owned()),
        label_en: Set((*en).to_owned()),
        description: Set(None),
        updated_at: Set(now),
    });
    let upsert = OnConflict::column(permission::Column::Code)
        .update_columns([permission::Column::LabelFr, permission::Column::LabelEn, permission::Column::UpdatedAt])
        .to_owned();
    permission::Entity::insert_many(rows).on_conflict(upsert).exec_without_returning(db).await?;
    Ok(())
}

/// Gives the company's live system roles the grants (role code, permission, scope) they
/// lack; a grant a role already holds keeps its scope.
pub async fn grant_to_system_roles(
    db: &impl ConnectionTrait,
    company_id: Uuid,
    grants: &[(String, String, Scope)],
) -> ApiResult<()> {
    let roles = role::Entity::find_live()
        .filter(role::Column::CompanyId.eq(company_id))
        .filter(role::Column::IsSystem.eq(true))
        .all(db)
        .await?;
    let rows: Vec<role_permission::ActiveModel> = grants
        .iter()
        .filter_map(|(role_code, code, scope)| {
            let role = roles.iter().find(|r| &r.code == role_code)?;
            Some(role_permission::ActiveModel {
                role_id: Set(role.id),
                permission_code: Set(code.clone()),
                scope: Set(scope.as_str().to_owned()),
            })
        })
        .collect();
    if rows.is_empty() {
        return Ok(());
    }
    let keep = OnConflict::columns([role_permission::Column::RoleId, role_permission::Column::PermissionCode])
        .do_nothing()
        .to_owned();
    role_permission::Entity::insert_many(rows).on_conflict(keep).exec_without_returning(db).await?;
    Ok(())
}
