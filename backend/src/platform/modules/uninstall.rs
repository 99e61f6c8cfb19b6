//! Uninstalling a package: only once no company has it on and no installed module
//! needs it. Its records, in every company, are first written to one JSON export in
//! the store (`module-exports/<code>-<version>-<time>.json`, listed and downloaded by
//! platform operators); then the package, its records, switches, hooks and permissions
//! go, in one transaction.

use bytes::Bytes;
use chrono::Utc;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use serde::Serialize;
use serde_json::json;
use utoipa::ToSchema;

use super::INSTALL_PERMISSION;
use super::catalog;
use super::model::{company_module, package as package_row, record};
use crate::app::AppState;
use crate::caller::Caller;
use crate::error::{ApiError, ApiResult};
use crate::infra::db::begin_write;
use crate::platform::audit::service::{self as audit, Change};
use crate::platform::hooks::model::hook;
use crate::platform::rbac::scope::Scope;
use crate::platform::rbac::service::packages as rbac;

const EXPORTS: &str = "module-exports/";

#[derive(Debug, Serialize, ToSchema)]
pub struct UninstallOut {
    #[schema(example = "lifting")]
    pub code: String,
    pub version: String,
    /// Records exported, then removed.
    pub records: u64,
    /// The export's name, for `GET /api/v1/modules/exports/{name}`.
    #[schema(example = "lifting-1.0.0-20261206T214500Z.json")]
    pub export: String,
}

fn require_operator(caller: &Caller) -> ApiResult<()> {
    if caller.perms.covers(INSTALL_PERMISSION, Scope::All) {
        Ok(())
    } else {
        Err(ApiError::Forbidden { permission: INSTALL_PERMISSION.to_owned() })
    }
}

pub async fn uninstall(state: &AppState, caller: &Caller, code: &str) -> ApiResult<UninstallOut> {
    require_operator(caller)?;
    let catalog = catalog::catalog(state).await?;
    let package = catalog.package(code).ok_or(ApiError::not_found("module"))?.clone();
    if let Some(needing) =
        catalog.available(state.modules).into_iter().find(|m| m.needs().iter().any(|(c, _)| c == code))
    {
        return Err(ApiError::Conflict {
            code: "module_required",
            detail: format!("The module `{}` needs `{code}`: uninstall it first.", needing.code()),
        });
    }
    let on = company_module::Entity::find()
        .filter(company_module::Column::Code.eq(code))
        .filter(company_module::Column::Enabled.eq(true))
        .count(&state.db)
        .await?;
    if on > 0 {
        return Err(ApiError::Conflict {
            code: "module_enabled",
            detail: format!("{on} companies have `{code}` on: each must turn it off first."),
        });
    }

    let rows = record::Entity::find()
        .filter(record::Column::Module.eq(code))
        .order_by_asc(record::Column::Id)
        .all(&state.db)
        .await?;
    let version = package.version.to_string();
    let export = format!("{code}-{version}-{}.json", Utc::now().format("%Y%m%dT%H%M%SZ"));
    let document = json!({
        "module": code,
        "version": version,
        "exported_at": Utc::now(),
        "manifest": package.manifest,
        "records": rows.iter().map(|r| json!({
            "id": r.id, "company_id": r.company_id, "record_type": r.record_type, "number": r.number,
            "state": r.state, "title": r.title, "data": r.data, "revision": r.revision,
            "created_at": r.created_at, "updated_at": r.updated_at, "deleted_at": r.deleted_at,
            "created_by": r.created_by, "updated_by": r.updated_by,
        })).collect::<Vec<_>>(),
    });
    let bytes = serde_json::to_vec_pretty(&document).map_err(anyhow::Error::from)?;
    state.storage.put(&format!("{EXPORTS}{export}"), Bytes::from(bytes)).await?;

    let txn = begin_write(&state.db).await?;
    record::Entity::delete_many().filter(record::Column::Module.eq(code)).exec(&txn).await?;
    company_module::Entity::delete_many().filter(company_module::Column::Code.eq(code)).exec(&txn).await?;
    hook::Entity::delete_many().filter(hook::Column::Module.eq(code)).exec(&txn).await?;
    package_row::Entity::delete_many().filter(package_row::Column::Code.eq(code)).exec(&txn).await?;
    rbac::register(&txn, code, &[]).await?;
    let change = Change {
        company_id: caller.company_id,
        action: "uninstall",
        model: "module",
        object_id: Some(code.to_owned()),
        before: Some(json!({ "version": version })),
        after: Some(json!({ "export": export, "records": rows.len() })),
    };
    audit::record(&txn, &caller.actor, change).await?;
    txn.commit().await?;
    catalog::changed(state).await;
    Ok(UninstallOut { code: code.to_owned(), version, records: rows.len() as u64, export })
}

/// The exports kept, newest last.
pub async fn exports(state: &AppState, caller: &Caller) -> ApiResult<Vec<String>> {
    require_operator(caller)?;
    let mut names: Vec<String> = state
        .storage
        .keys(EXPORTS)
        .await?
        .into_iter()
        .filter_map(|k| k.strip_prefix(EXPORTS).map(str::to_owned))
        .collect();
    names.sort_by_key(|name| name.rsplit('-').next().map(str::to_owned));
    Ok(names)
}

/// One export's JSON.
pub async fn export(state: &AppState, caller: &Caller, name: &str) -> ApiResult<Bytes> {
    require_operator(caller)?;
    let safe = name.ends_with(".json") && name.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._".contains(&b));
    if !safe || !state.storage.exists(&format!("{EXPORTS}{name}")).await? {
        return Err(ApiError::not_found("export"));
    }
    Ok(state.storage.read(&format!("{EXPORTS}{name}")).await?)
}
