//! `/api/v1/imports` and `/api/v1/exports`: what can be imported or exported, templates,
//! previews, commits and exports. Each answers with the task to follow at its
//! `Location` (status, rows done out of the total, and its typed result).

use actix_web::http::header::{ContentDisposition, DispositionParam, DispositionType};
use actix_web::{HttpResponse, get, post, web};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

use super::export::{EXPORT, ExportParams, ExportResult};
use super::import::{IMPORT, ImportResult};
use super::jobs::{self, CommitIn, ImportIn};
use super::resource::{Field, FieldKind, Resource};
use super::sink::{FileFormat, Sink};
use super::{registry, stored};
use crate::app::AppState;
use crate::error::{ApiResult, PROBLEM_JSON, Problem};
use crate::http::{Caller, ValidatedJson};
use crate::platform::hooks::task_state::{self, TaskOf};
use crate::platform::i18n::Locale;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_data_resources)
        .service(import_template)
        .service(preview_import)
        .service(follow_import)
        .service(commit_import)
        .service(start_export)
        .service(follow_export);
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum FieldKindOut {
    Text,
    Email,
    Number,
    Date,
    Month,
    Bool,
    Choice,
    List,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FieldOut {
    #[schema(example = "email")]
    pub name: &'static str,
    /// In your language.
    pub label: &'static str,
    pub kind: FieldKindOut,
    pub required: bool,
    pub example: &'static str,
    /// The codes a `choice` takes.
    pub choices: Vec<&'static str>,
}

impl FieldOut {
    fn of(field: &Field, locale: Locale) -> Self {
        let (kind, choices) = match field.kind {
            FieldKind::Text => (FieldKindOut::Text, vec![]),
            FieldKind::Email => (FieldKindOut::Email, vec![]),
            FieldKind::Number => (FieldKindOut::Number, vec![]),
            FieldKind::Date => (FieldKindOut::Date, vec![]),
            FieldKind::Month => (FieldKindOut::Month, vec![]),
            FieldKind::Bool => (FieldKindOut::Bool, vec![]),
            FieldKind::Choice(codes) => (FieldKindOut::Choice, codes.to_vec()),
            FieldKind::List => (FieldKindOut::List, vec![]),
        };
        Self {
            name: field.name,
            label: field.label(locale),
            kind,
            required: field.required,
            example: field.example,
            choices,
        }
    }
}

/// A resource you may import or export.
#[derive(Debug, Serialize, ToSchema)]
pub struct ResourceOut {
    #[schema(example = "users")]
    pub name: &'static str,
    pub label: &'static str,
    pub fields: Vec<FieldOut>,
    /// The fields naming an existing record (upserts, duplicates in a file).
    pub key: Vec<&'static str>,
    pub importable: bool,
    pub exportable: bool,
}

/// What you may import or export, with each resource's fields in your language.
#[utoipa::path(
    tag = "import_export",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The resources", body = Vec<ResourceOut>),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[get("/imports/resources")]
async fn list_data_resources(state: web::Data<AppState>, caller: Caller) -> ApiResult<web::Json<Vec<ResourceOut>>> {
    let locale = stored::locale_of(&state, &caller).await?;
    let resources = registry::all(&state, &caller)
        .await?
        .into_iter()
        .map(|r| {
            let importable = r.import_permission().is_some_and(|p| caller.require(p).is_ok());
            let exportable = caller.require(r.export_permission()).is_ok();
            (r, importable, exportable)
        })
        .filter(|(_, importable, exportable)| *importable || *exportable)
        .map(|(r, importable, exportable)| ResourceOut {
            name: r.name(),
            label: r.label(locale),
            fields: r.fields().iter().map(|f| FieldOut::of(f, locale)).collect(),
            key: r.key().to_vec(),
            importable,
            exportable,
        })
        .collect();
    Ok(web::Json(resources))
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct TemplateQuery {
    /// `csv` (default), `xlsx` or `json`.
    pub format: Option<FileFormat>,
}

/// A file to fill in: the resource's columns and one example row.
#[utoipa::path(
    tag = "import_export",
    security(("bearer" = [])),
    params(("name" = String, Path, description = "Resource name"), TemplateQuery),
    responses(
        (status = 200, description = "The template, in the format asked for", content(
            (Vec<u8> = "text/csv"),
            (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            (Vec<std::collections::HashMap<String, String>> = "application/json"),
        )),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "You may not import it", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "No such resource", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[get("/imports/resources/{name}/template")]
async fn import_template(
    state: web::Data<AppState>,
    caller: Caller,
    name: web::Path<String>,
    query: web::Query<TemplateQuery>,
) -> ApiResult<HttpResponse> {
    let resource = registry::importable(&state, &caller, &name).await?;
    let format = query.format.unwrap_or(FileFormat::Csv);
    let bytes = template_bytes(resource, format)?;
    let file_name = format!("{}-template.{}", stored::name_of(resource.name()), format.extension());
    let disposition = ContentDisposition {
        disposition: DispositionType::Attachment,
        parameters: vec![DispositionParam::Filename(file_name)],
    };
    Ok(HttpResponse::Ok().content_type(format.content_type()).insert_header(disposition).body(bytes))
}

fn template_bytes(resource: &dyn Resource, format: FileFormat) -> ApiResult<Vec<u8>> {
    let file = tempfile::NamedTempFile::new().map_err(anyhow::Error::from)?;
    let fields = resource.fields();
    let mut sink = Sink::create(file.path(), format, fields.iter().map(|f| f.name.to_owned()).collect())?;
    sink.write(&fields.iter().map(|f| Value::String(f.example.to_owned())).collect::<Vec<_>>())?;
    sink.finish()?;
    Ok(std::fs::read(file.path()).map_err(anyhow::Error::from)?)
}

async fn import_task(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<TaskOf<ImportResult>> {
    task_state::find(state, caller, id).await?.typed(IMPORT.name, "import")
}

async fn export_task(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<TaskOf<ExportResult>> {
    task_state::find(state, caller, id).await?.typed(EXPORT.name, "export")
}

fn accepted<R: Serialize>(path: &str, task: &TaskOf<R>) -> HttpResponse {
    HttpResponse::Accepted().insert_header(("Location", format!("/api/v1/{path}/{}", task.id))).json(task)
}

/// Check a file before importing it: a task reads every row, maps the columns to the
/// resource's fields (as you say, else by their names or labels), checks each row as
/// the import would, and writes nothing. Its result (`ImportResult`) holds the mapping,
/// the first rows and every row's problems in your language. Upload the file first
/// (`POST /api/v1/files?purpose=import_export.file`: CSV, XLSX or JSON).
#[utoipa::path(
    tag = "import_export",
    security(("bearer" = [])),
    request_body = ImportIn,
    responses(
        (status = 202, description = "The preview task to follow", body = TaskOf<ImportResult>),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "You may not import this resource", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such file of yours", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Unknown resource or mapped field", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[post("/imports")]
async fn preview_import(
    state: web::Data<AppState>,
    caller: Caller,
    input: ValidatedJson<ImportIn>,
) -> ApiResult<HttpResponse> {
    let id = jobs::preview(&state, &caller, input.into_inner()).await?;
    Ok(accepted("imports", &import_task(&state, &caller, id).await?))
}

/// An import or its preview, as you follow it: status, rows done out of the total, and
/// once done its report (`ImportResult`). Also at `GET /api/v1/tasks/{id}`, untyped.
#[utoipa::path(
    tag = "import_export",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The import (or preview) task")),
    responses(
        (status = 200, description = "The import", body = TaskOf<ImportResult>),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No import of yours", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[get("/imports/{id}")]
async fn follow_import(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<TaskOf<ImportResult>>> {
    Ok(web::Json(import_task(&state, &caller, id.into_inner()).await?))
}

/// Import a file you previewed: create only, or create and update by the resource's
/// key; all rows or none (by default), or only the valid ones. Each row goes through
/// the same checks, permissions, audit and events as the API. The task reports its
/// progress, can be stopped (`POST /api/v1/tasks/{id}/cancel`: nothing is kept), and
/// ends with its report and an error file of the rejected rows.
#[utoipa::path(
    tag = "import_export",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The preview task")),
    request_body = CommitIn,
    responses(
        (status = 202, description = "The import task to follow", body = TaskOf<ImportResult>),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "You may not import this resource", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No preview of yours", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "An unknown mode or mapped field", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[post("/imports/{id}/commit")]
async fn commit_import(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    input: ValidatedJson<CommitIn>,
) -> ApiResult<HttpResponse> {
    let id = jobs::commit(&state, &caller, id.into_inner(), input.into_inner()).await?;
    Ok(accepted("imports", &import_task(&state, &caller, id).await?))
}

/// Export a list as CSV, XLSX or JSON, with the list's filters, only the rows you may
/// see. Its result: `file_id`, `file_name`, `rows` and a signed `link` that expires.
#[utoipa::path(
    tag = "import_export",
    security(("bearer" = [])),
    request_body = ExportParams,
    responses(
        (status = 202, description = "The export task to follow", body = TaskOf<ExportResult>),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "You may not read this resource", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Unknown resource, format or filters", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[post("/exports")]
async fn start_export(
    state: web::Data<AppState>,
    caller: Caller,
    input: ValidatedJson<ExportParams>,
) -> ApiResult<HttpResponse> {
    let id = jobs::export(&state, &caller, input.into_inner()).await?;
    Ok(accepted("exports", &export_task(&state, &caller, id).await?))
}

/// An export as you follow it: status, rows written, and once done its file and signed
/// link (`ExportResult`).
#[utoipa::path(
    tag = "import_export",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The export task")),
    responses(
        (status = 200, description = "The export", body = TaskOf<ExportResult>),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No export of yours", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[get("/exports/{id}")]
async fn follow_export(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<TaskOf<ExportResult>>> {
    Ok(web::Json(export_task(&state, &caller, id.into_inner()).await?))
}
