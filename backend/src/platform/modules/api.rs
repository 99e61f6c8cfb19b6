//! `/api/v1/modules`: the modules companies may enable, each company's switches, and
//! module packages installed from a ZIP.

use actix_multipart::Multipart;
use actix_web::{HttpResponse, delete, get, post, web};
use futures_util::StreamExt;
use serde::Deserialize;
use serde_json::Value;
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;

use super::package::Limits;
use super::service::{self, ModuleOut};
use super::uninstall::{self, UninstallOut};
use super::upgrade::{self, UpgradeReport};
use super::{install, manifest};
use crate::app::AppState;
use crate::error::{ApiError, ApiResult, PROBLEM_JSON, Problem};
use crate::http::Caller;
use crate::platform::files::api::{UploadForm, file_part};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_modules)
        .service(manifest_schema)
        .service(install_package)
        .service(upgrade_package)
        .service(uninstall_package)
        .service(list_exports)
        .service(get_export)
        .service(get_module)
        .service(enable_module)
        .service(disable_module);
}

/// Every module your company may enable, built in (HSE) or installed from a package,
/// with whether it is on for your company and what it needs. Permission:
/// `modules.manage.module`.
#[utoipa::path(
    tag = "modules",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Built-in modules, then packages by code", body = Vec<ModuleOut>),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `modules.manage.module`", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[get("/modules")]
async fn list_modules(state: web::Data<AppState>, caller: Caller) -> ApiResult<web::Json<Vec<ModuleOut>>> {
    Ok(web::Json(service::list(&state, &caller).await?))
}

/// The JSON Schema a package's `module.json` must follow (draft 2020-12), for package
/// authors to check their manifest against before uploading. Any signed-in user.
#[utoipa::path(
    tag = "modules",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The JSON Schema of module.json", body = Object),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
    ),
)]
#[get("/modules/schema")]
async fn manifest_schema(_caller: Caller) -> web::Json<Value> {
    web::Json(manifest::json_schema())
}

/// One module, with its record types' full definitions (fields, filters, workflow), as
/// the generic screens draw them. Permission: `modules.manage.module`.
#[utoipa::path(
    tag = "modules",
    security(("bearer" = [])),
    params(("code" = String, Path, description = "Module code, e.g. `lifting`")),
    responses(
        (status = 200, description = "The module", body = ModuleOut),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `modules.manage.module`", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such module", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[get("/modules/{code}")]
async fn get_module(
    state: web::Data<AppState>,
    caller: Caller,
    code: web::Path<String>,
) -> ApiResult<web::Json<ModuleOut>> {
    Ok(web::Json(service::get(&state, &caller, &code).await?))
}

/// Turn a module on for your company: what it needs must be on first (409 naming it);
/// its permissions reach your system roles, its menu appears, its routes answer.
/// Audited; sends `module.enabled`, which tells your administrators. Already on:
/// nothing changes. Permission: `modules.manage.module`.
#[utoipa::path(
    tag = "modules",
    security(("bearer" = [])),
    params(("code" = String, Path, description = "Module code")),
    responses(
        (status = 200, description = "On", body = ModuleOut),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `modules.manage.module`", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such module", body = Problem, content_type = PROBLEM_JSON),
        (status = 409, description = "`dependency_missing`, `dependency_version` or `dependency_disabled`, naming the module needed", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[post("/modules/{code}/enable")]
async fn enable_module(
    state: web::Data<AppState>,
    caller: Caller,
    code: web::Path<String>,
) -> ApiResult<web::Json<ModuleOut>> {
    Ok(web::Json(service::enable(&state, &caller, &code).await?))
}

/// Turn a module off for your company: its menu goes, its routes answer 404, its data
/// stays for when it is turned on again. A module another enabled module needs is a
/// 409 naming that one. Audited; sends `module.disabled`. Permission:
/// `modules.manage.module`.
#[utoipa::path(
    tag = "modules",
    security(("bearer" = [])),
    params(("code" = String, Path, description = "Module code")),
    responses(
        (status = 200, description = "Off", body = ModuleOut),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `modules.manage.module`", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such module", body = Problem, content_type = PROBLEM_JSON),
        (status = 409, description = "`module_required`: an enabled module needs it", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[post("/modules/{code}/disable")]
async fn disable_module(
    state: web::Data<AppState>,
    caller: Caller,
    code: web::Path<String>,
) -> ApiResult<web::Json<ModuleOut>> {
    Ok(web::Json(service::disable(&state, &caller, &code).await?))
}

/// Install a module package (a ZIP holding `module.json`, optionally `signature.json`,
/// `translations/{fr,en}.json`, `scripts/*.rhai`, `README.md`) for the whole platform.
/// Everything is checked before anything is written: archive safety (no `..`, absolute
/// paths or links; size, file-count and compression-ratio limits), `module.json`
/// against the published schema (each error with its JSON pointer), the rules beyond
/// it, dependencies, and the publisher's signature (required in production). Companies
/// then enable it. Audited. Permission: `modules.install.package` at scope `all`
/// (platform operators).
#[utoipa::path(
    tag = "modules",
    security(("bearer" = [])),
    request_body(content = UploadForm, content_type = "multipart/form-data"),
    responses(
        (status = 201, description = "Installed (off in every company)", body = ModuleOut),
        (status = 400, description = "Not a multipart body, or no `file` part", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `modules.install.package` at scope `all`", body = Problem, content_type = PROBLEM_JSON),
        (status = 409, description = "`module_exists`, `permission_taken`, `dependency_missing` or `dependency_version`", body = Problem, content_type = PROBLEM_JSON),
        (status = 413, description = "Larger than 5 MiB", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "An unsafe or unexpected archive, an invalid manifest (`errors` lists each problem at its JSON pointer), or a missing or bad signature", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[post("/modules/packages")]
async fn install_package(state: web::Data<AppState>, caller: Caller, form: Multipart) -> ApiResult<HttpResponse> {
    let archive = read_archive(form).await?;
    let installed = install::install(&state, &caller, &archive).await?;
    Ok(HttpResponse::Created().json(installed))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UpgradeQuery {
    /// Only report what the upgrade would do (the default); `false` applies it.
    #[serde(default = "yes")]
    pub dry_run: bool,
}

fn yes() -> bool {
    true
}

/// Upgrade an installed package to a higher version from its new ZIP, checked like an
/// install. Every record of the package is checked against its type's new definition:
/// the report lists, per type, how many still validate and each that does not (with
/// its errors). With `dry_run=true` (the default) nothing changes; with `false` the
/// records that validate are moved to the new definition, the others keep their data,
/// and the new version is in place. Audited. Permission: `modules.install.package` at
/// scope `all`.
#[utoipa::path(
    tag = "modules",
    security(("bearer" = [])),
    params(("code" = String, Path, description = "The installed package's code"), UpgradeQuery),
    request_body(content = UploadForm, content_type = "multipart/form-data"),
    responses(
        (status = 200, description = "What the upgrade does (or would do) to the records", body = UpgradeReport),
        (status = 400, description = "Not a multipart body, or no `file` part", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `modules.install.package` at scope `all`", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No package with this code is installed", body = Problem, content_type = PROBLEM_JSON),
        (status = 409, description = "`version_not_higher`, `code_mismatch`, `record_type_removed` (a type that still has records), `dependency_broken` (a module needing this one refuses the new version), `permission_taken`", body = Problem, content_type = PROBLEM_JSON),
        (status = 413, description = "Larger than 5 MiB", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "An unsafe archive, an invalid manifest, or a bad signature, as for an install", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[post("/modules/packages/{code}/upgrade")]
async fn upgrade_package(
    state: web::Data<AppState>,
    caller: Caller,
    code: web::Path<String>,
    query: web::Query<UpgradeQuery>,
    form: Multipart,
) -> ApiResult<web::Json<UpgradeReport>> {
    let archive = read_archive(form).await?;
    Ok(web::Json(upgrade::upgrade(&state, &caller, &code, &archive, query.dry_run).await?))
}

/// Uninstall a package from the platform, once no company has it on (409
/// `module_enabled`) and no installed module needs it (409 `module_required`). Its
/// records, in every company, are first exported to one JSON document kept in the
/// store (see `GET /api/v1/modules/exports`); then the package, its records, its
/// hooks and its permissions are removed. Audited. Permission:
/// `modules.install.package` at scope `all`.
#[utoipa::path(
    tag = "modules",
    security(("bearer" = [])),
    params(("code" = String, Path, description = "The installed package's code")),
    responses(
        (status = 200, description = "Uninstalled; the export's name", body = UninstallOut),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `modules.install.package` at scope `all`", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No package with this code is installed", body = Problem, content_type = PROBLEM_JSON),
        (status = 409, description = "`module_enabled` or `module_required`", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[delete("/modules/packages/{code}")]
async fn uninstall_package(
    state: web::Data<AppState>,
    caller: Caller,
    code: web::Path<String>,
) -> ApiResult<web::Json<UninstallOut>> {
    Ok(web::Json(uninstall::uninstall(&state, &caller, &code).await?))
}

/// The exports of uninstalled packages' records, oldest first. Permission:
/// `modules.install.package` at scope `all`.
#[utoipa::path(
    tag = "modules",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Export names", body = Vec<String>),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `modules.install.package` at scope `all`", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[get("/modules/exports")]
async fn list_exports(state: web::Data<AppState>, caller: Caller) -> ApiResult<web::Json<Vec<String>>> {
    Ok(web::Json(uninstall::exports(&state, &caller).await?))
}

/// One export: the package's manifest and every record it had, in every company.
/// Permission: `modules.install.package` at scope `all`.
#[utoipa::path(
    tag = "modules",
    security(("bearer" = [])),
    params(("name" = String, Path, description = "An export's name, e.g. `lifting-1.0.0-20261206T214500Z.json`")),
    responses(
        (status = 200, description = "The export", body = Object),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `modules.install.package` at scope `all`", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such export", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[get("/modules/exports/{name}")]
async fn get_export(state: web::Data<AppState>, caller: Caller, name: web::Path<String>) -> ApiResult<HttpResponse> {
    let bytes = uninstall::export(&state, &caller, &name).await?;
    Ok(HttpResponse::Ok()
        .content_type("application/json")
        .insert_header(("Content-Disposition", format!("attachment; filename=\"{name}\"")))
        .body(bytes))
}

/// The `file` part of the form, up to the archive limit (413 past it).
async fn read_archive(mut form: Multipart) -> ApiResult<Vec<u8>> {
    let limit = Limits::default().max_archive_bytes;
    let mut part = file_part(&mut form).await?;
    let mut archive = Vec::new();
    while let Some(chunk) = part.next().await {
        archive.extend_from_slice(&chunk.map_err(|e| ApiError::bad_request("malformed_multipart", e.to_string()))?);
        if archive.len() as u64 > limit {
            return Err(ApiError::PayloadTooLarge { limit: usize::try_from(limit).unwrap_or(usize::MAX) });
        }
    }
    Ok(archive)
}
