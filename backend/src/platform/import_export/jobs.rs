//! Asking for an import, its commit or an export: checked now (the resource, the
//! permission, the file, the mapping), run by a worker as a task the caller follows at
//! `GET /api/v1/tasks/{id}`.

use sea_orm::EntityTrait;
use serde::Deserialize;
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

use super::export::{EXPORT, ExportParams};
use super::import::{IMPORT, ImportParams};
use super::mapping::{self, Mapping};
use super::registry;
use super::resource::Mode;
use crate::app::AppState;
use crate::caller::Caller;
use crate::error::{ApiError, ApiResult};
use crate::platform::files::service as files;
use crate::platform::hooks::tasks::{self, model as task};

/// A file to check before importing it.
#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
pub struct ImportIn {
    /// An upload of yours (`POST /api/v1/files?purpose=import_export.file`).
    pub file_id: Uuid,
    #[schema(example = "users")]
    pub resource: String,
    /// Column header → field (`null` leaves the column out); guessed when absent.
    #[serde(default)]
    pub mapping: Option<Mapping>,
    #[serde(default)]
    pub mode: Mode,
}

/// How to import a previewed file.
#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
pub struct CommitIn {
    pub mode: Mode,
    /// Keep the valid rows when others are refused; by default, all or nothing.
    #[serde(default)]
    pub valid_only: bool,
    /// Replaces the preview's mapping.
    #[serde(default)]
    pub mapping: Option<Mapping>,
}

/// The preview task of `input`.
pub async fn preview(state: &AppState, caller: &Caller, input: ImportIn) -> ApiResult<Uuid> {
    let params = ImportParams {
        file_id: input.file_id,
        resource: input.resource,
        mapping: input.mapping,
        mode: input.mode,
        valid_only: false,
        dry_run: true,
    };
    request_import(state, caller, params).await
}

/// The import of the file preview `id` checked.
pub async fn commit(state: &AppState, caller: &Caller, id: Uuid, input: CommitIn) -> ApiResult<Uuid> {
    let row = task::Entity::find_by_id(id).one(&state.db).await?;
    let preview = row
        .filter(|t| t.company_id == caller.company_id && t.acting_user == Some(caller.user_id) && t.hook_id.is_none())
        .filter(|t| t.task == IMPORT.name)
        .and_then(|t| serde_json::from_value::<ImportParams>(t.params).ok())
        .filter(|p| p.dry_run)
        .ok_or(ApiError::not_found("import"))?;
    let params = ImportParams {
        mapping: input.mapping.or(preview.mapping),
        mode: input.mode,
        valid_only: input.valid_only,
        dry_run: false,
        ..preview
    };
    request_import(state, caller, params).await
}

async fn request_import(state: &AppState, caller: &Caller, params: ImportParams) -> ApiResult<Uuid> {
    let resource = registry::importable(state, caller, &params.resource).await?;
    mapping::check(resource.fields(), params.mapping.as_ref())?;
    files::readable(&state.db, caller, params.file_id).await?;
    tasks::request(state, caller, &IMPORT, &serde_json::to_value(&params).map_err(anyhow::Error::from)?).await
}

/// The export task of `input`.
pub async fn export(state: &AppState, caller: &Caller, input: ExportParams) -> ApiResult<Uuid> {
    registry::exportable(state, caller, &input.resource).await?;
    if !(input.filters.is_object() || input.filters.is_null()) {
        return Err(ApiError::field("filters", "invalid_type", "the list's filters, as an object"));
    }
    tasks::request(state, caller, &EXPORT, &serde_json::to_value(&input).map_err(anyhow::Error::from)?).await
}
