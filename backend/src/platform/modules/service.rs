//! Turning modules on and off for a company, the seed's installation steps for that
//! company: dependencies checked, the module's grants given to the system roles, the
//! switch recorded (audit, and a `module.enabled` event that the default hook turns
//! into a notification to the administrators), its hooks installed or woken. Turning a
//! module off hides its menu, answers 404 on its routes and rests its hooks; its data
//! stays.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};
use sea_orm::ActiveValue::Set;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ConnectionTrait, DatabaseTransaction, EntityTrait};
use serde::Serialize;
use serde_json::json;
use utoipa::ToSchema;

use super::catalog::{self, Available, Catalog};
use super::manifest::{Dependencies, Label, RecordType};
use super::model::company_module;
use super::{DISABLED, ENABLED, MANAGE_PERMISSION};
use crate::app::AppState;
use crate::caller::Caller;
use crate::error::{ApiError, ApiResult};
use crate::infra::db::{begin_write, take_turns};
use crate::module::pattern_matches;
use crate::platform::audit::service::{self as audit, Change};
use crate::platform::hooks::defaults as hook_defaults;
use crate::platform::outbox::service as outbox;
use crate::platform::rbac::cache as permissions;
use crate::platform::rbac::service::packages as rbac;
use crate::platform::rbac::system_roles::SYSTEM_ROLES;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ModuleKind {
    /// Compiled into this build (HSE).
    BuiltIn,
    /// Installed from a ZIP.
    Package,
}

/// A module as the modules page shows it, for the caller's company.
#[derive(Debug, Serialize, ToSchema)]
pub struct ModuleOut {
    #[schema(example = "lifting")]
    pub code: String,
    pub name: Label,
    pub description: Option<Label>,
    #[schema(example = "1.0.0")]
    pub version: String,
    pub kind: ModuleKind,
    /// On for the caller's company.
    pub enabled: bool,
    pub dependencies: Dependencies,
    /// Modules on in the caller's company that need this one (it cannot be turned off
    /// before them).
    pub required_by: Vec<String>,
    pub author: Option<String>,
    pub license: Option<String>,
    /// The publisher whose signature the package carried.
    pub signed_by: Option<String>,
    pub installed_at: Option<DateTime<Utc>>,
    /// A package's record types, as the generic screens draw them.
    pub record_types: Vec<RecordType>,
}

fn describe(available: Available<'_>, on: &BTreeSet<String>, catalog: &Catalog, state: &AppState) -> ModuleOut {
    let code = available.code().to_owned();
    let required_by = catalog
        .available(state.modules)
        .into_iter()
        .filter(|other| on.contains(other.code()) && other.needs().iter().any(|(c, _)| *c == code))
        .map(|other| other.code().to_owned())
        .collect();
    let common = |description, dependencies| ModuleOut {
        enabled: on.contains(&code),
        name: available.name(),
        version: available.version().to_string(),
        kind: ModuleKind::BuiltIn,
        description,
        dependencies,
        required_by,
        author: None,
        license: None,
        signed_by: None,
        installed_at: None,
        record_types: Vec::new(),
        code: code.clone(),
    };
    match available {
        Available::BuiltIn(_, b) => common(
            Some(Label { fr: b.description_fr.into(), en: b.description_en.into() }),
            Dependencies {
                core_services: b.core_services.iter().map(|s| (*s).to_owned()).collect(),
                modules: b.modules.iter().map(|(c, r)| ((*c).to_owned(), (*r).to_owned())).collect::<BTreeMap<_, _>>(),
            },
        ),
        Available::Package(p) => ModuleOut {
            kind: ModuleKind::Package,
            author: p.manifest.author.clone(),
            license: p.manifest.license.clone(),
            signed_by: p.signed_by.clone(),
            installed_at: Some(p.installed_at),
            record_types: p.manifest.record_types.clone(),
            ..common(p.manifest.description.clone(), p.manifest.dependencies.clone())
        },
    }
}

/// Every module companies may enable, with the caller's company's switches.
pub async fn list(state: &AppState, caller: &Caller) -> ApiResult<Vec<ModuleOut>> {
    caller.require(MANAGE_PERMISSION)?;
    let (catalog, on) = catalog::of_company(state, caller.company_id).await?;
    Ok(catalog.available(state.modules).into_iter().map(|a| describe(a, &on, &catalog, state)).collect())
}

pub async fn get(state: &AppState, caller: &Caller, code: &str) -> ApiResult<ModuleOut> {
    caller.require(MANAGE_PERMISSION)?;
    let (catalog, on) = catalog::of_company(state, caller.company_id).await?;
    let available = catalog.find(state.modules, code).ok_or(ApiError::not_found("module"))?;
    Ok(describe(available, &on, &catalog, state))
}

/// Turns `code` on for the caller's company (already on: nothing changes).
pub async fn enable(state: &AppState, caller: &Caller, code: &str) -> ApiResult<ModuleOut> {
    switch(state, caller, code, true).await
}

/// Turns `code` off for the caller's company (already off: nothing changes).
pub async fn disable(state: &AppState, caller: &Caller, code: &str) -> ApiResult<ModuleOut> {
    switch(state, caller, code, false).await
}

async fn switch(state: &AppState, caller: &Caller, code: &str, on: bool) -> ApiResult<ModuleOut> {
    caller.reach(MANAGE_PERMISSION, caller.company_id)?;
    let catalog = catalog::catalog(state).await?;
    let available = catalog.find(state.modules, code).ok_or(ApiError::not_found("module"))?;
    let company_id = caller.company_id;
    let txn = begin_write(&state.db).await?;
    // One switch at a time per company: two enables at once would both run the steps.
    take_turns(&txn, &format!("modules:{company_id}")).await?;
    let mut enabled = catalog::read_enabled(&txn, company_id).await?;
    if enabled.contains(code) != on {
        if on {
            check_needs(&catalog, state, available, &enabled)?;
            turn_on(&txn, caller, available).await?;
            enabled.insert(code.to_owned());
        } else {
            check_not_needed(&catalog, state, code, &enabled)?;
            hook_defaults::set_paused(&txn, company_id, code, true).await?;
            enabled.remove(code);
        }
        write_switch(&txn, caller, code, on).await?;
        let change = Change {
            company_id,
            action: if on { "enable" } else { "disable" },
            model: "module",
            object_id: Some(code.to_owned()),
            before: Some(json!({ "enabled": !on })),
            after: Some(json!({ "enabled": on })),
        };
        audit::record(&txn, &caller.actor, change).await?;
        let name = available.name();
        let data = json!({
            "code": code, "name": name.en, "name_fr": name.fr, "name_en": name.en,
            "version": available.version().to_string(),
        });
        outbox::emit(&txn, Some(company_id), if on { ENABLED } else { DISABLED }, data, &caller.actor).await?;
        txn.commit().await?;
        catalog::changed(state).await;
        permissions::invalidate_company(state, company_id).await?;
    } else {
        txn.commit().await?;
    }
    Ok(describe(available, &enabled, &catalog, state))
}

/// 409 naming the first module `available` needs that is missing, off, or of a version
/// out of its range.
fn check_needs(catalog: &Catalog, state: &AppState, available: Available<'_>, on: &BTreeSet<String>) -> ApiResult<()> {
    for (code, range) in available.needs() {
        let conflict = |code, detail: String| Err(ApiError::Conflict { code, detail });
        let Some(needed) = catalog.find(state.modules, &code) else {
            return conflict(
                "dependency_missing",
                format!("This module needs the module `{code}` ({range}), which is not installed."),
            );
        };
        let version = needed.version();
        let fits = semver::VersionReq::parse(&range).is_ok_and(|r| r.matches(&version));
        if !fits {
            return conflict(
                "dependency_version",
                format!("This module needs `{code}` {range}; version {version} is installed."),
            );
        }
        if !on.contains(&code) {
            return conflict("dependency_disabled", format!("This module needs the module `{code}`: enable it first."));
        }
    }
    Ok(())
}

/// 409 naming a module on in the company that needs `code`.
fn check_not_needed(catalog: &Catalog, state: &AppState, code: &str, on: &BTreeSet<String>) -> ApiResult<()> {
    let needing = catalog
        .available(state.modules)
        .into_iter()
        .find(|other| on.contains(other.code()) && other.needs().iter().any(|(c, _)| c == code));
    match needing {
        Some(other) => Err(ApiError::Conflict {
            code: "module_required",
            detail: format!("The module `{}` needs `{code}`: disable it first.", other.code()),
        }),
        None => Ok(()),
    }
}

/// Turning on: the module's hooks wake; a package's grants reach the company's system
/// roles (the roles whose patterns cover its permissions, and the grants it names) and
/// its hooks are installed.
async fn turn_on(txn: &DatabaseTransaction, caller: &Caller, available: Available<'_>) -> ApiResult<()> {
    let Available::Package(package) = available else {
        return hook_defaults::set_paused(txn, caller.company_id, available.code(), false).await;
    };
    let manifest = &package.manifest;
    let mut grants = Vec::new();
    for role in SYSTEM_ROLES {
        for (pattern, scope) in role.grants {
            for permission in manifest.permissions.iter().filter(|p| pattern_matches(pattern, &p.code)) {
                grants.push((role.code.to_owned(), permission.code.clone(), *scope));
            }
        }
    }
    for grant in &manifest.role_grants {
        for permission in manifest.permissions.iter().filter(|p| pattern_matches(&grant.permission, &p.code)) {
            grants.push((grant.role.clone(), permission.code.clone(), grant.scope));
        }
    }
    rbac::grant_to_system_roles(txn, caller.company_id, &grants).await?;
    super::hooks::install(txn, caller.company_id, package).await
}

async fn write_switch(db: &impl ConnectionTrait, caller: &Caller, code: &str, on: bool) -> ApiResult<()> {
    let row = company_module::ActiveModel {
        company_id: Set(caller.company_id),
        code: Set(code.to_owned()),
        enabled: Set(on),
        changed_at: Set(Utc::now()),
        changed_by: Set(Some(caller.user_id)),
    };
    let upsert = OnConflict::columns([company_module::Column::CompanyId, company_module::Column::Code])
        .update_columns([
            company_module::Column::Enabled,
            company_module::Column::ChangedAt,
            company_module::Column::ChangedBy,
        ])
        .to_owned();
    company_module::Entity::insert(row).on_conflict(upsert).exec_without_returning(db).await?;
    Ok(())
}
