//! Upgrading an installed package to a higher version: the new archive is read and
//! checked like an install, then every live record of the package is checked against
//! its type's new definition. A dry run only reports; an upgrade moves the records that
//! still validate (their data normalised, their filter values rewritten) and reports
//! those that do not, which keep their data as it was.

use std::collections::{BTreeMap, BTreeSet};

use chrono::Utc;
use sea_orm::ActiveValue::Set;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::Serialize;
use serde_json::{Value, json};
use utoipa::ToSchema;
use uuid::Uuid;

use super::INSTALL_PERMISSION;
use super::catalog::{self, Catalog};
use super::install::{package_context, trust_of};
use super::manifest::Manifest;
use super::model::{package as package_row, record};
use super::package::{self, Limits, Package};
use super::records::{index, store, validate};
use crate::app::AppState;
use crate::caller::Caller;
use crate::error::{ApiError, ApiResult, FieldError};
use crate::infra::db::{BaseEntity, begin_write};
use crate::platform::audit::service::{self as audit, Change};
use crate::platform::rbac::scope::Scope;
use crate::platform::rbac::service::packages as rbac;

/// Records reported by name per type, at most.
const REPORTED: usize = 100;

/// What an upgrade does, or would do, to a package's records.
#[derive(Debug, Serialize, ToSchema)]
pub struct UpgradeReport {
    #[schema(example = "lifting")]
    pub code: String,
    pub from_version: String,
    pub to_version: String,
    /// Only a report: nothing was changed.
    pub dry_run: bool,
    pub record_types: Vec<TypeReport>,
    /// Permissions the new version no longer declares (taken out of the catalogue and
    /// of roles' reach).
    pub removed_permissions: Vec<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TypeReport {
    #[schema(example = "inspection")]
    pub code: String,
    /// Live records of the type, in every company.
    pub records: u64,
    /// Records that validate against the new definition (moved, unless a dry run).
    pub valid: u64,
    /// Records that do not, up to 100: they keep their data and must be fixed by hand.
    pub invalid: Vec<InvalidRecord>,
    pub invalid_count: u64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct InvalidRecord {
    pub id: Uuid,
    pub company_id: Uuid,
    pub title: String,
    pub errors: Vec<FieldError>,
}

/// Checks `archive` as the next version of the installed package `code` and reports
/// what becomes of its records; unless `dry_run`, applies it. 409 when the version is
/// not higher, when a record type that still has records is gone, or when a module
/// depending on this one would no longer accept the new version.
pub async fn upgrade(
    state: &AppState,
    caller: &Caller,
    code: &str,
    archive: &[u8],
    dry_run: bool,
) -> ApiResult<UpgradeReport> {
    if !caller.perms.covers(INSTALL_PERMISSION, Scope::All) {
        return Err(ApiError::Forbidden { permission: INSTALL_PERMISSION.to_owned() });
    }
    let catalog = catalog::catalog(state).await?;
    let installed = catalog.package(code).ok_or(ApiError::not_found("module"))?.clone();
    let (publishers, require_signature) = trust_of(state)?;
    let trust = package::Trust { publishers: &publishers, require_signature };
    let new = package_context(state, &catalog, |context| {
        Ok(package::read(archive, &Limits::default(), &trust, context, Some(code))?)
    })?;
    if new.manifest.code != code {
        return Err(ApiError::Conflict {
            code: "code_mismatch",
            detail: format!("This archive holds `{}`, not `{code}`.", new.manifest.code),
        });
    }
    if new.version <= installed.version {
        return Err(ApiError::Conflict {
            code: "version_not_higher",
            detail: format!(
                "Version {} is installed; an upgrade must be higher, not {}.",
                installed.version, new.version
            ),
        });
    }
    check_dependents(&catalog, state, code, &new.version)?;
    super::hooks::check(state, &new.manifest, &new.scripts).await?;

    let txn = begin_write(&state.db).await?;
    let mut reports = Vec::new();
    for old_type in &installed.manifest.record_types {
        let live = record::Entity::find_live()
            .filter(record::Column::Module.eq(code))
            .filter(record::Column::RecordType.eq(&old_type.code))
            .order_by_asc(record::Column::Id)
            .all(&txn)
            .await?;
        let Some(rt) = new.manifest.record_type(&old_type.code) else {
            if live.is_empty() {
                continue;
            }
            return Err(ApiError::Conflict {
                code: "record_type_removed",
                detail: format!(
                    "Version {} drops `{}`, which still has {} records.",
                    new.version,
                    old_type.code,
                    live.len()
                ),
            });
        };
        let mut report = TypeReport {
            code: rt.code.clone(),
            records: live.len() as u64,
            valid: 0,
            invalid: Vec::new(),
            invalid_count: 0,
        };
        // Values a unique field holds, per company, among the records moved so far.
        let mut taken: BTreeSet<(Uuid, String, Option<String>)> = BTreeSet::new();
        for row in live {
            let current = row.data.as_object().cloned().unwrap_or_default();
            let checked = validate::data(rt, &current, validate::Write::Create).and_then(|data| {
                let clashes: Vec<FieldError> = index::entries(rt, &data)
                    .into_iter()
                    .filter(|e| e.unique && !taken.insert((row.company_id, e.field.clone(), e.text.clone())))
                    .map(|e| FieldError {
                        field: format!("data.{}", e.field),
                        code: "taken".into(),
                        message: "another record already holds this value".into(),
                    })
                    .collect();
                if clashes.is_empty() { Ok(data) } else { Err(clashes) }
            });
            match checked {
                Ok(data) => {
                    report.valid += 1;
                    if !dry_run {
                        let revision = row.revision;
                        let mut moved: record::ActiveModel = row.clone().into();
                        moved.title = Set(store::title_of(rt, &data));
                        moved.search = Set(index::search_text(rt, &data));
                        moved.data = Set(Value::Object(data.clone()));
                        moved.revision = Set(revision + 1);
                        moved.updated_at = Set(Utc::now());
                        let moved = moved.update(&txn).await?;
                        store::write_values(&txn, rt, &moved, &data).await?;
                    }
                }
                Err(errors) => {
                    report.invalid_count += 1;
                    if report.invalid.len() < REPORTED {
                        report.invalid.push(InvalidRecord {
                            id: row.id,
                            company_id: row.company_id,
                            title: row.title,
                            errors,
                        });
                    }
                }
            }
        }
        reports.push(report);
    }
    let kept: Vec<&str> = new.manifest.permissions.iter().map(|p| p.code.as_str()).collect();
    let removed_permissions =
        installed.manifest.permissions.iter().map(|p| p.code.clone()).filter(|c| !kept.contains(&c.as_str())).collect();
    let report = UpgradeReport {
        code: code.to_owned(),
        from_version: installed.version.to_string(),
        to_version: new.version.to_string(),
        dry_run,
        record_types: reports,
        removed_permissions,
    };
    if dry_run {
        txn.rollback().await?;
        return Ok(report);
    }
    replace_package(&txn, caller, &new).await?;
    let change = Change {
        company_id: caller.company_id,
        action: "upgrade",
        model: "module",
        object_id: Some(code.to_owned()),
        before: Some(json!({ "version": report.from_version })),
        after: Some(json!({ "version": report.to_version, "sha256": new.sha256, "signed_by": new.signed_by })),
    };
    audit::record(&txn, &caller.actor, change).await?;
    txn.commit().await?;
    catalog::changed(state).await;
    Ok(report)
}

/// 409 naming an installed module whose range for `code` the new version leaves.
fn check_dependents(catalog: &Catalog, state: &AppState, code: &str, version: &semver::Version) -> ApiResult<()> {
    for other in catalog.available(state.modules) {
        let needs: BTreeMap<String, String> = other.needs().into_iter().collect();
        let Some(range) = needs.get(code) else { continue };
        if !semver::VersionReq::parse(range).is_ok_and(|r| r.matches(version)) {
            return Err(ApiError::Conflict {
                code: "dependency_broken",
                detail: format!("`{}` needs `{code}` {range}, which version {version} is not.", other.code()),
            });
        }
    }
    Ok(())
}

/// The package row and its permissions take the new version's.
async fn replace_package(txn: &sea_orm::DatabaseTransaction, caller: &Caller, new: &Package) -> ApiResult<()> {
    let manifest: &Manifest = &new.manifest;
    let row = package_row::Entity::find()
        .filter(package_row::Column::Code.eq(&manifest.code))
        .one(txn)
        .await?
        .ok_or(ApiError::not_found("module"))?;
    let mut row: package_row::ActiveModel = row.into();
    row.version = Set(new.version.to_string());
    row.manifest = Set(new.manifest_json.clone());
    row.scripts = Set(json!(new.scripts));
    row.sha256 = Set(new.sha256.clone());
    row.signed_by = Set(new.signed_by.clone());
    row.updated_at = Set(Utc::now());
    row.installed_by = Set(Some(caller.user_id));
    row.update(txn).await?;
    let declared: Vec<_> =
        manifest.permissions.iter().map(|p| (p.code.as_str(), p.label.fr.as_str(), p.label.en.as_str())).collect();
    rbac::register(txn, &manifest.code, &declared).await
}
