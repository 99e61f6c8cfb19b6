//! Company rules: slugs, locales, time zones, soft delete.

use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, IntoActiveModel, QueryFilter};
use uuid::Uuid;

use super::model::{self, Entity as Companies};
use crate::error::{ApiError, ApiResult};
use crate::http::pagination::{Page, PageQuery, paginate};
use crate::infra::db::BaseEntity;
use crate::platform::auth::service::Principal;
use crate::platform::i18n::Locale;
use crate::platform::users::service as users;

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

/// Managing tenants. Until roles arrive (Access issue) only superusers hold it.
pub const MANAGE_PERMISSION: &str = "companies.manage.company";

/// Refuses (403, naming the permission) a caller who may not manage companies.
pub async fn authorize_manage(db: &impl ConnectionTrait, who: &Principal) -> ApiResult<()> {
    let user = users::get(db, who.user_id).await?;
    if user.is_superuser { Ok(()) } else { Err(ApiError::Forbidden { permission: MANAGE_PERMISSION.into() }) }
}

/// A company as the caller may see it: their own, or any for a manager. Others are
/// answered 404, as if they did not exist.
pub async fn get_visible(db: &impl ConnectionTrait, who: &Principal, id: Uuid) -> ApiResult<model::Model> {
    if id != who.company_id && authorize_manage(db, who).await.is_err() {
        return Err(ApiError::not_found("company"));
    }
    get(db, id).await
}

pub async fn list(db: &impl ConnectionTrait, query: &PageQuery) -> ApiResult<Page<model::Model>> {
    paginate(db, Companies::find_live(), query).await
}

pub async fn get(db: &impl ConnectionTrait, id: Uuid) -> ApiResult<model::Model> {
    Companies::find_live_by_id(id).one(db).await?.ok_or(ApiError::not_found("company"))
}

pub async fn find_by_slug(db: &impl ConnectionTrait, slug: &str) -> ApiResult<Option<model::Model>> {
    Ok(Companies::find_live().filter(model::Column::Slug.eq(slug)).one(db).await?)
}

pub async fn create(db: &impl ConnectionTrait, actor: Option<Uuid>, new: NewCompany) -> ApiResult<model::Model> {
    let slug = match new.slug {
        Some(slug) => slug,
        None => slugify(&new.name)
            .ok_or_else(|| ApiError::field("slug", "required", "cannot be derived from this name; give a slug"))?,
    };
    let company = model::ActiveModel {
        name: Set(new.name.trim().to_owned()),
        slug: Set(slug),
        locale: Set(new.locale.as_str().to_owned()),
        time_zone: Set(new.time_zone),
        is_active: Set(new.is_active),
        created_by: Set(actor),
        updated_by: Set(actor),
        ..Default::default()
    };
    company.insert(db).await.map_err(slug_conflict)
}

pub async fn update(
    db: &impl ConnectionTrait,
    actor: Option<Uuid>,
    id: Uuid,
    changes: CompanyChanges,
) -> ApiResult<model::Model> {
    let CompanyChanges { name, slug, locale, time_zone, is_active } = changes;
    let mut company = get(db, id).await?.into_active_model();
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
    company.updated_by = Set(actor);
    company.update(db).await.map_err(slug_conflict)
}

pub async fn delete(db: &impl ConnectionTrait, actor: Option<Uuid>, id: Uuid) -> ApiResult<()> {
    if Companies::soft_delete(db, id, actor).await? { Ok(()) } else { Err(ApiError::not_found("company")) }
}

fn slug_conflict(err: sea_orm::DbErr) -> ApiError {
    match ApiError::from(err) {
        ApiError::Conflict { code: "already_exists", .. } => {
            ApiError::Conflict { code: "slug_taken", detail: "Another company already uses this slug.".into() }
        }
        other => other,
    }
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
