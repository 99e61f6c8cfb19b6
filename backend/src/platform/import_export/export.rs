//! The export task: a resource's list, filtered as its API filters it and read page by
//! page in the caller's reach, written to CSV, XLSX or JSON without holding it whole,
//! then kept as the caller's file with a signed link that expires.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use tempfile::NamedTempFile;
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

use super::sink::{FileFormat, Sink};
use super::{registry, stored};
use crate::app::AppState;
use crate::caller::Caller;
use crate::error::{ApiError, ApiResult};
use crate::module::{TaskKind, TaskRun};
use crate::platform::files::api::{SignedLink, signed_link};
use crate::platform::files::signed::Variant;
use crate::platform::hooks::tasks;

pub const EXPORT: TaskKind = TaskKind {
    name: "import_export.export",
    label_fr: "Exporter une liste (CSV, XLSX, JSON)",
    label_en: "Export a list (CSV, XLSX, JSON)",
    check: |params| parse(params).map(drop),
    run: |state, caller, task| Box::pin(run(state, caller, task)),
};

/// What to export.
#[derive(Debug, Clone, Serialize, Deserialize, Validate, ToSchema)]
pub struct ExportParams {
    #[schema(example = "hse.incidents")]
    pub resource: String,
    pub format: FileFormat,
    /// The list's query parameters (`{"status": "submitted", "q": "crane"}`).
    #[serde(default)]
    #[schema(value_type = std::collections::HashMap<String, serde_json::Value>)]
    pub filters: Value,
}

/// What an export made.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
pub struct ExportResult {
    /// Rows written.
    pub rows: usize,
    /// Stopped by its requester: no file.
    pub cancelled: bool,
    pub file_id: Option<Uuid>,
    #[schema(example = "hse-incidents-20261207-1402.xlsx")]
    pub file_name: Option<String>,
    /// Works without signing in until it expires; `GET /api/v1/files/{id}/link` gives
    /// a fresh one.
    pub link: Option<SignedLink>,
}

fn parse(params: &Value) -> Result<ExportParams, String> {
    serde_json::from_value(params.clone()).map_err(|e| e.to_string())
}

async fn run(state: &AppState, caller: &Caller, task: &TaskRun) -> ApiResult<Value> {
    let params = parse(&task.params).map_err(|m| ApiError::field("params", "invalid_params", m))?;
    let resource = registry::exportable(state, caller, &params.resource).await?;
    let local = NamedTempFile::new().map_err(anyhow::Error::from)?;
    let columns = resource.fields().iter().map(|f| f.name.to_owned()).collect();
    let mut sink = Sink::create(local.path(), params.format, columns)?;
    let (mut rows, mut cursor) = (0, None);
    loop {
        let (page, next) = resource.export_page(state, caller, &params.filters, cursor).await?;
        for cells in &page {
            sink.write(cells)?;
        }
        rows += page.len();
        tasks::progress(state, caller, task.id, rows, 0).await?;
        if tasks::cancel_requested(&state.db, task.id).await? {
            return Ok(json!(ExportResult { rows, cancelled: true, ..ExportResult::default() }));
        }
        match next {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
    sink.finish()?;
    let stamp = chrono::Utc::now().format("%Y%m%d-%H%M");
    let name = format!("{}-{stamp}.{}", stored::name_of(&params.resource), params.format.extension());
    let file_id = stored::keep(state, caller, local.path(), &name).await?;
    tasks::progress(state, caller, task.id, rows, rows).await?;
    let link = signed_link(state, file_id, Variant::Original);
    let made = ExportResult { rows, cancelled: false, file_id: Some(file_id), file_name: Some(name), link: Some(link) };
    Ok(json!(made))
}
