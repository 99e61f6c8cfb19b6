//! Installing a module package for the whole platform, the seed's `install_module`:
//! the archive is read and checked against what is installed (`package::read`), then
//! the package and its permissions are written in one transaction. Companies then turn
//! it on one by one (`service::enable`).

use chrono::Utc;
use sea_orm::ActiveValue::Set;
use sea_orm::{EntityTrait, TransactionTrait};
use serde_json::json;
use uuid::Uuid;

use super::INSTALL_PERMISSION;
use super::catalog::{self, Available, Catalog};
use super::model::package as package_row;
use super::package::{self, Context, InstalledModule, Limits, Package, Publisher, Trust};
use super::service::{self, ModuleOut};
use crate::app::AppState;
use crate::caller::Caller;
use crate::error::{ApiError, ApiResult};
use crate::platform::audit::service::{self as audit, Change};
use crate::platform::rbac::scope::Scope;
use crate::platform::rbac::service::packages as rbac;
use crate::platform::rbac::system_roles::SYSTEM_ROLES;

/// Installs the package in `archive`: 403 without the platform permission, 413, 422 or
/// 409 with every problem found, and nothing written unless all is well.
pub async fn install(state: &AppState, caller: &Caller, archive: &[u8]) -> ApiResult<ModuleOut> {
    if !caller.perms.covers(INSTALL_PERMISSION, Scope::All) {
        return Err(ApiError::Forbidden { permission: INSTALL_PERMISSION.to_owned() });
    }
    let catalog = catalog::catalog(state).await?;
    let package = read(state, &catalog, archive)?;
    let manifest = &package.manifest;
    super::hooks::check(state, manifest, &package.scripts).await?;
    let now = Utc::now();
    let row = package_row::ActiveModel {
        id: Set(Uuid::now_v7()),
        code: Set(manifest.code.clone()),
        version: Set(package.version.to_string()),
        manifest: Set(package.manifest_json.clone()),
        scripts: Set(json!(package.scripts)),
        sha256: Set(package.sha256.clone()),
        signed_by: Set(package.signed_by.clone()),
        installed_at: Set(now),
        installed_by: Set(Some(caller.user_id)),
        updated_at: Set(now),
    };
    let txn = state.db.begin().await?;
    package_row::Entity::insert(row)
        .exec_without_returning(&txn)
        .await
        .map_err(|err| ApiError::unique_as(err, "module_exists", "A module with this code is already installed."))?;
    let declared: Vec<_> =
        manifest.permissions.iter().map(|p| (p.code.as_str(), p.label.fr.as_str(), p.label.en.as_str())).collect();
    rbac::register(&txn, &manifest.code, &declared).await?;
    let change = Change {
        company_id: caller.company_id,
        action: "install",
        model: "module",
        object_id: Some(manifest.code.clone()),
        before: None,
        after: Some(json!({
            "version": package.version.to_string(), "sha256": package.sha256, "signed_by": package.signed_by,
        })),
    };
    audit::record(&txn, &caller.actor, change).await?;
    txn.commit().await?;
    catalog::changed(state).await;
    service::get(state, caller, &manifest.code).await
}

fn read(state: &AppState, catalog: &Catalog, archive: &[u8]) -> ApiResult<Package> {
    let (publishers, require_signature) = trust_of(state)?;
    let trust = Trust { publishers: &publishers, require_signature };
    package_context(state, catalog, |context| Ok(package::read(archive, &Limits::default(), &trust, context, None)?))
}

/// The trusted publishers, and whether a signature is required.
pub fn trust_of(state: &AppState) -> ApiResult<(Vec<Publisher>, bool)> {
    let settings = &state.settings.modules;
    let publishers = settings.publishers().map_err(anyhow::Error::msg)?;
    Ok((publishers, settings.require_signature(state.settings.env)))
}

/// Runs `work` with what a package is checked against: the platform's core services,
/// permissions, menu, roles and purposes, and the modules installed.
pub fn package_context<T>(
    state: &AppState,
    catalog: &Catalog,
    work: impl FnOnce(&Context) -> ApiResult<T>,
) -> ApiResult<T> {
    let modules: Vec<InstalledModule> = catalog.available(state.modules).into_iter().map(installed).collect();
    let core_services: Vec<&str> = state.modules.iter().filter(|m| m.business().is_none()).map(|m| m.name()).collect();
    let core_permissions: Vec<&str> = state.modules.iter().flat_map(|m| m.permissions()).map(|p| p.code).collect();
    let core_menu_ids: Vec<&str> = state.modules.iter().flat_map(|m| m.menu()).map(|e| e.id).collect();
    let system_roles: Vec<&str> = SYSTEM_ROLES.iter().map(|r| r.code).collect();
    let file_purposes: Vec<&str> = state.modules.iter().flat_map(|m| m.file_purposes()).map(|p| p.code).collect();
    work(&Context {
        core_services: &core_services,
        modules: &modules,
        system_roles: &system_roles,
        file_purposes: &file_purposes,
        core_permissions: &core_permissions,
        core_menu_ids: &core_menu_ids,
    })
}

fn installed(available: Available<'_>) -> InstalledModule {
    let (permissions, record_types) = match available {
        Available::BuiltIn(module, _) => (module.permissions().iter().map(|p| p.code.to_owned()).collect(), Vec::new()),
        Available::Package(p) => (
            p.manifest.permissions.iter().map(|p| p.code.clone()).collect(),
            p.manifest.record_types.iter().map(|t| t.code.clone()).collect(),
        ),
    };
    InstalledModule {
        code: available.code().to_owned(),
        version: available.version(),
        permissions,
        depends_on: available.needs().into_iter().collect(),
        record_types,
    }
}
