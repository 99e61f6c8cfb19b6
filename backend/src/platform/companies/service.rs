//! Company rules: slugs, locales, time zones, soft delete.

use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, IntoActiveModel, QueryFilter};
use uuid::Uuid;

use super::model::{self, Entity as Companies};
use crate::app::AppState;
use crate::caller::Caller;
use crate::error::{ApiError, ApiResult};
use crate::http::pagination::{Page, PageQuery, paginate};
use crate::infra::db::{BaseEntity, begin_write};
use crate::infra::pubsub::Event;
use crate::platform::audit::service::{self as audit, Actor, Change};
use crate::platform::i18n::Locale;
use crate::platform::rbac::cache as permission_cache;
use crate::platform::rbac::scope::Scope;
use crate::platform::rbac::service as rbac;

/// A validated new company.
pub struct NewCompany {
    pub name: String,
    pub slug: Option<String>,
    pub locale: Locale,
    pub time_zone: String,
    pub is_active: bool,
}

/// Fields to change; `None` leaves a field as it is.
#[derive(Default)]
pub struct CompanyChanges {
    pub name: Option<String>,
    pub slug: Option<String>,
    pub locale: Option<Locale>,
    pub time_zone: Option<String>,
    pub is_active: Option<bool>,
}

pub const MANAGE_PERMISSION: &str = "companies.manage.company";

/// Companies a manager may list: every one with scope `all`, their own with `company`.
pub async fn list(db: &impl ConnectionTrait, caller: &Caller, query: &PageQuery) -> ApiResult<Page<model::Model>> {
    let select = match caller.perms.require(MANAGE_PERMISSION)? {
        Scope::All => Companies::find_live(),
        _ => Companies::find_live().filter(model::Column::Id.eq(caller.company_id)),
    };
    paginate(db, select, query).await
}

/// A company as the caller may see it: their own, or any with `companies.manage.company`
/// at scope `all`. Others are answered 404, as if they did not exist.
pub async fn get_visible(db: &impl ConnectionTrait, caller: &Caller, id: Uuid) -> ApiResult<model::Model> {
    if id != caller.company_id && !caller.perms.covers(MANAGE_PERMISSION, Scope::All) {
        return Err(ApiError::not_found("company"));
    }
    get(db, id).await
}

fn company_json(c: &model::Model) -> serde_json::Value {
    serde_json::json!({
        "name": c.name, "slug": c.slug, "locale": c.locale, "time_zone": c.time_zone, "is_active": c.is_active,
    })
}

/// Creating and deleting tenants is for platform operators (scope `all`).
pub fn require_all_scope(caller: &Caller) -> ApiResult<()> {
    match caller.perms.require(MANAGE_PERMISSION)? {
        Scope::All => Ok(()),
        _ => Err(ApiError::Forbidden { permission: format!("{MANAGE_PERMISSION}@all") }),
    }
}

pub async fn get(db: &impl ConnectionTrait, id: Uuid) -> ApiResult<model::Model> {
    Companies::find_live_by_id(id).one(db).await?.ok_or(ApiError::not_found("company"))
}

pub async fn find_by_slug(db: &impl ConnectionTrait, slug: &str) -> ApiResult<Option<model::Model>> {
    Ok(Companies::find_live().filter(model::Column::Slug.eq(slug)).one(db).await?)
}

/// Creates a company with its system roles, audited, in one transaction.
pub async fn create(state: &AppState, actor: &Actor, new: NewCompany) -> ApiResult<model::Model> {
    let slug = match new.slug {
        Some(slug) => slug,
        None => slugify(&new.name)
            .ok_or_else(|| ApiError::field("slug", "required", "cannot be derived from this name; give a slug"))?,
    };
    let txn = begin_write(&state.db).await?;
    let company = model::ActiveModel {
        name: Set(new.name.trim().to_owned()),
        slug: Set(slug),
        locale: Set(new.locale.as_str().to_owned()),
        time_zone: Set(new.time_zone),
        is_active: Set(new.is_active),
        created_by: Set(actor.user_id),
        updated_by: Set(actor.user_id),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(slug_conflict)?;
    rbac::ensure_system_roles(&txn, state.modules, company.id).await?;
    crate::platform::hooks::defaults::install(&txn, state.modules, company.id).await?;
    let change = Change {
        company_id: company.id,
        action: "create",
        model: "company",
        object_id: Some(company.id.to_string()),
        before: None,
        after: Some(company_json(&company)),
    };
    audit::record(&txn, actor, change).await?;
    txn.commit().await?;
    Ok(company)
}

/// Changes a company the manager reaches (their own with scope `company`, any with `all`).
/// Suspending or reinstating it and changing its slug (the tenant's identity) are the
/// platform operator's decisions: scope `all`. Suspension stops the company's sessions
/// and API tokens at the very next request of every process.
pub async fn update(state: &AppState, caller: &Caller, id: Uuid, changes: CompanyChanges) -> ApiResult<model::Model> {
    let db = &state.db;
    let before = get_visible(db, caller, id).await?;
    caller.reach(MANAGE_PERMISSION, id)?;
    let CompanyChanges { name, slug, locale, time_zone, is_active } = changes;
    let standing_changes = is_active.is_some_and(|active| active != before.is_active);
    if standing_changes || slug.as_ref().is_some_and(|slug| *slug != before.slug) {
        require_all_scope(caller)?;
    }
    if is_active == Some(false) && id == caller.company_id {
        return Err(own_company("suspend"));
    }
    let mut company = before.clone().into_active_model();
    if let Some(name) = name {
        company.name = Set(name.trim().to_owned());
    }
    if let Some(slug) = slug {
        company.slug = Set(slug);
    }
    if let Some(locale) = locale {
        company.locale = Set(locale.as_str().to_owned());
    }
    if let Some(time_zone) = time_zone {
        company.time_zone = Set(time_zone);
    }
    if let Some(is_active) = is_active {
        company.is_active = Set(is_active);
    }
    let txn = begin_write(db).await?;
    let after = company.update(&txn).await.map_err(slug_conflict)?;
    let change = Change {
        company_id: id,
        action: "update",
        model: "company",
        object_id: Some(id.to_string()),
        before: Some(company_json(&before)),
        after: Some(company_json(&after)),
    };
    audit::record(&txn, &caller.actor, change).await?;
    txn.commit().await?;
    if standing_changes {
        permission_cache::invalidate_company(state, id).await?;
    }
    state.bus.announce(Event::CompanyChanged { company_id: id }).await;
    Ok(after)
}

/// Soft-deletes a company (scope `all`).
pub async fn delete(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<()> {
    let db = &state.db;
    let before = get_visible(db, caller, id).await?;
    require_all_scope(caller)?;
    if id == caller.company_id {
        return Err(own_company("delete"));
    }
    let txn = begin_write(db).await?;
    Companies::soft_delete(&txn, id, Some(caller.user_id)).await?;
    let change = Change {
        company_id: id,
        action: "delete",
        model: "company",
        object_id: Some(id.to_string()),
        before: Some(company_json(&before)),
        after: None,
    };
    audit::record(&txn, &caller.actor, change).await?;
    txn.commit().await?;
    permission_cache::invalidate_company(state, id).await?;
    state.bus.announce(Event::CompanyChanged { company_id: id }).await;
    Ok(())
}

/// An operator cannot suspend or delete the company they act in: they would lock
/// themselves (and its other operators) out. Another operator does it from elsewhere.
fn own_company(what: &str) -> ApiError {
    ApiError::Conflict {
        code: "own_company",
        detail: format!("You cannot {what} the company you are signed in to; ask an operator of another company."),
    }
}

fn slug_conflict(err: sea_orm::DbErr) -> ApiError {
    ApiError::unique_as(err, "slug_taken", "Another company already uses this slug.")
}

/// `"Total Énergies — Site A"` → `"total-energies-site-a"`; `None` if nothing usable remains.
pub fn slugify(name: &str) -> Option<String> {
    let slug = slug::slugify(name);
    let slug = slug.get(..slug.len().min(63)).unwrap_or(&slug).trim_end_matches('-');
    (slug.len() >= 2).then(|| slug.to_owned())
}

#[cfg(test)]
mod tests {
    use super::slugify;

    #[test]
    fn slugs_are_url_safe() {
        assert_eq!(slugify("Total Énergies — Site A").as_deref(), Some("total-energies-site-a"));
        assert_eq!(slugify("  Perenco  ").as_deref(), Some("perenco"));
        assert_eq!(slugify("!!"), None);
        assert!(slugify(&"a".repeat(100)).is_some_and(|s| s.len() == 63));
    }
}
