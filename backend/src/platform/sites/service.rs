//! Site rules: names unique per company, kinds from DOMAIN.md, coordinates in range,
//! audit on every change; [`find_live_in_company`] is how other concerns check a site link.

use sea_orm::sea_query::{Expr, ExprTrait, Func};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseTransaction, IntoActiveModel, QueryFilter,
};
use serde_json::json;
use uuid::Uuid;

use super::model::{self, Entity as Sites, SiteKind};
use crate::app::AppState;
use crate::caller::Caller;
use crate::error::{ApiError, ApiResult};
use crate::http::pagination::{Page, PageQuery};
use crate::infra::db::{BaseEntity, begin_write, contains_ignoring_case};
use crate::platform::audit::service::{self as audit, Change};
use crate::scoped::{get_in_reach, list_in_reach};

pub const VIEW_PERMISSION: &str = "sites.view.site";
pub const MANAGE_PERMISSION: &str = "sites.manage.site";

/// A validated site, new or changed in full.
pub struct SiteFields {
    pub name: String,
    pub kind: SiteKind,
    pub location: Option<String>,
    pub coordinates: Option<(f64, f64)>,
    pub is_active: bool,
}

/// Fields to change; `None` leaves one as it is (`Some(None)` clears an optional one).
#[derive(Default)]
pub struct SiteChanges {
    pub name: Option<String>,
    pub kind: Option<SiteKind>,
    pub location: Option<Option<String>>,
    pub coordinates: Option<Option<(f64, f64)>>,
    pub is_active: Option<bool>,
}

/// What narrows the list.
#[derive(Debug, Default)]
pub struct SiteFilter {
    pub q: Option<String>,
    pub kind: Option<SiteKind>,
    pub is_active: Option<bool>,
}

pub async fn list(
    db: &impl ConnectionTrait,
    caller: &Caller,
    filter: &SiteFilter,
    page: &PageQuery,
) -> ApiResult<Page<model::Model>> {
    let narrow = |mut rows: sea_orm::Select<Sites>| {
        if let Some(q) = filter.q.as_deref().filter(|q| !q.trim().is_empty()) {
            rows = rows.filter(Expr::expr(Func::lower(Expr::col(model::Column::Name))).like(contains_ignoring_case(q)));
        }
        if let Some(kind) = filter.kind {
            rows = rows.filter(model::Column::Kind.eq(kind));
        }
        if let Some(active) = filter.is_active {
            rows = rows.filter(model::Column::IsActive.eq(active));
        }
        rows
    };
    list_in_reach::<Sites>(db, caller, VIEW_PERMISSION, narrow, page).await
}

pub async fn get(db: &impl ConnectionTrait, caller: &Caller, id: Uuid) -> ApiResult<model::Model> {
    get_in_reach::<Sites>(db, caller, VIEW_PERMISSION, id).await
}

/// Site `id` if it is a live site of `company_id`: what a record's site link must name.
pub async fn find_live_in_company(
    db: &impl ConnectionTrait,
    company_id: Uuid,
    id: Uuid,
) -> ApiResult<Option<model::Model>> {
    Ok(Sites::find_live_by_id(id).filter(model::Column::CompanyId.eq(company_id)).one(db).await?)
}

fn site_json(site: &model::Model) -> serde_json::Value {
    json!({
        "name": site.name, "kind": site.kind, "location": site.location,
        "latitude": site.latitude, "longitude": site.longitude, "is_active": site.is_active,
    })
}

fn name_taken(err: sea_orm::DbErr) -> ApiError {
    ApiError::unique_as(err, "site_name_taken", "Another site of this company has this name.")
}

pub async fn create(
    state: &AppState,
    caller: &Caller,
    company_id: Option<Uuid>,
    fields: SiteFields,
) -> ApiResult<model::Model> {
    let txn = begin_write(&state.db).await?;
    let site = create_in(&txn, caller, company_id, fields).await?;
    txn.commit().await?;
    Ok(site)
}

/// [`create`] in `txn` (an import's rows share one).
pub async fn create_in(
    txn: &DatabaseTransaction,
    caller: &Caller,
    company_id: Option<Uuid>,
    fields: SiteFields,
) -> ApiResult<model::Model> {
    let company_id = caller.target_company(txn, MANAGE_PERMISSION, company_id).await?.id;
    let site = model::ActiveModel {
        company_id: Set(company_id),
        name: Set(fields.name),
        kind: Set(fields.kind),
        location: Set(fields.location),
        latitude: Set(fields.coordinates.map(|c| c.0)),
        longitude: Set(fields.coordinates.map(|c| c.1)),
        is_active: Set(fields.is_active),
        ..Default::default()
    }
    .insert(txn)
    .await
    .map_err(name_taken)?;
    let change = Change {
        company_id,
        action: "create",
        model: "site",
        object_id: Some(site.id.to_string()),
        before: None,
        after: Some(site_json(&site)),
    };
    audit::record(txn, &caller.actor, change).await?;
    Ok(site)
}

pub async fn update(state: &AppState, caller: &Caller, id: Uuid, changes: SiteChanges) -> ApiResult<model::Model> {
    let txn = begin_write(&state.db).await?;
    let site = update_in(&txn, caller, id, changes).await?;
    txn.commit().await?;
    Ok(site)
}

/// [`update`] in `txn`.
pub async fn update_in(
    txn: &DatabaseTransaction,
    caller: &Caller,
    id: Uuid,
    changes: SiteChanges,
) -> ApiResult<model::Model> {
    let current = get_in_reach::<Sites>(txn, caller, MANAGE_PERMISSION, id).await?;
    let mut active = current.clone().into_active_model();
    if let Some(name) = changes.name {
        active.name = Set(name);
    }
    if let Some(kind) = changes.kind {
        active.kind = Set(kind);
    }
    if let Some(location) = changes.location {
        active.location = Set(location);
    }
    if let Some(coordinates) = changes.coordinates {
        active.latitude = Set(coordinates.map(|c| c.0));
        active.longitude = Set(coordinates.map(|c| c.1));
    }
    if let Some(is_active) = changes.is_active {
        active.is_active = Set(is_active);
    }
    let site = active.update(txn).await.map_err(name_taken)?;
    let change = Change {
        company_id: site.company_id,
        action: "update",
        model: "site",
        object_id: Some(id.to_string()),
        before: Some(site_json(&current)),
        after: Some(site_json(&site)),
    };
    audit::record(txn, &caller.actor, change).await?;
    Ok(site)
}

/// Soft delete: records that name the site keep it; new ones cannot.
pub async fn delete(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<()> {
    let current = get_in_reach::<Sites>(&state.db, caller, MANAGE_PERMISSION, id).await?;
    let txn = begin_write(&state.db).await?;
    Sites::soft_delete(&txn, id, Some(caller.user_id)).await?;
    let change = Change {
        company_id: current.company_id,
        action: "delete",
        model: "site",
        object_id: Some(id.to_string()),
        before: Some(site_json(&current)),
        after: None,
    };
    audit::record(&txn, &caller.actor, change).await?;
    txn.commit().await?;
    Ok(())
}
