//! Exports of the incidents a filter keeps (and their actions), as a period report (PDF)
//! or a workbook (XLSX): a task (`hse.export_report`) run in a worker as whoever asked,
//! within their reach, its progress readable at `GET /api/v1/tasks/{id}`; the file it
//! makes is theirs, downloaded like any file.

use std::collections::BTreeMap;
use std::convert::Infallible;

use chrono::Utc;
use futures_util::stream;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

use super::reader::{Reader, drawn, site_names, user_names};
use super::{period, xlsx};
use crate::app::AppState;
use crate::caller::Caller;
use crate::error::{ApiError, ApiResult};
use crate::module::{TaskKind, TaskRun};
use crate::modules::hse::incidents::list::{self, IncidentFilter};
use crate::modules::hse::model::{action, incident, person};
use crate::modules::hse::permissions::{EXPORT_REPORT, VIEW_ACTION, VIEW_INCIDENT};
use crate::platform::files::{kinds, service as files};
use crate::platform::hooks::tasks;
use crate::scoped::find_in_reach;

pub const REPORT_PURPOSE: &str = "hse.report";
pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
/// Incidents read (with their people and actions) per step, and between two progress reports.
const CHUNK: usize = 500;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReportFormat {
    /// A period report: the figures, then one line per incident.
    Pdf,
    /// A workbook: the incidents, and their actions on a second sheet.
    Xlsx,
}

/// What to export: a format and the incident list's filters (`updated_since` aside).
#[derive(Debug, Clone, Serialize, Deserialize, Validate, ToSchema)]
pub struct ReportIn {
    pub format: ReportFormat,
    #[serde(flatten)]
    pub filter: IncidentFilter,
}

pub static EXPORT: TaskKind = TaskKind {
    name: "hse.export_report",
    label_fr: "Exporter les incidents HSE (PDF ou XLSX)",
    label_en: "Export HSE incidents (PDF or XLSX)",
    check: |params| parse(params).map(drop),
    run: |state, caller, task| Box::pin(run(state, caller, task)),
};

fn parse(params: &Value) -> Result<ReportIn, String> {
    let mut input: ReportIn = serde_json::from_value(params.clone()).map_err(|e| e.to_string())?;
    input.filter.updated_since = None;
    Ok(input)
}

/// Everything an export writes, read in the caller's reach.
pub struct Rows {
    pub incidents: Vec<incident::Model>,
    pub people: BTreeMap<Uuid, Vec<person::Model>>,
    pub actions: Vec<action::Model>,
    pub sites: BTreeMap<Uuid, String>,
    pub names: BTreeMap<Uuid, String>,
}

async fn run(state: &AppState, caller: &Caller, task: &TaskRun) -> ApiResult<Value> {
    caller.require(EXPORT_REPORT)?;
    let input = parse(&task.params).map_err(|m| ApiError::field("params", "invalid_params", m))?;
    let incidents =
        list::filtered(caller, &input.filter)?.order_by_asc(incident::Column::OccurredAt).all(&state.db).await?;
    let total = incidents.len();
    tasks::progress(state, caller, task.id, 0, total).await?;
    let mut rows = Rows {
        incidents: Vec::new(),
        people: BTreeMap::new(),
        actions: Vec::new(),
        sites: BTreeMap::new(),
        names: BTreeMap::new(),
    };
    let sees_actions = caller.require(VIEW_ACTION).is_ok();
    for chunk in incidents.chunks(CHUNK) {
        let ids: Vec<Uuid> = chunk.iter().map(|i| i.id).collect();
        for found in person::Entity::find()
            .filter(person::Column::IncidentId.is_in(ids.clone()))
            .order_by_asc(person::Column::Position)
            .all(&state.db)
            .await?
        {
            rows.people.entry(found.incident_id).or_default().push(found);
        }
        if sees_actions {
            let found = find_in_reach::<action::Entity>(caller, VIEW_ACTION)?
                .filter(action::Column::IncidentId.is_in(ids))
                .order_by_asc(action::Column::Id)
                .all(&state.db)
                .await?;
            rows.actions.extend(found);
        }
        rows.incidents.extend_from_slice(chunk);
        tasks::progress(state, caller, task.id, rows.incidents.len(), total).await?;
    }
    rows.sites = site_names(&state.db, rows.incidents.iter().filter_map(|i| i.site_id)).await?;
    let mut people: Vec<Uuid> =
        rows.incidents.iter().flat_map(|i| [Some(i.reported_by), i.assigned_to]).flatten().collect();
    people.extend(rows.actions.iter().map(|a| a.owner_id));
    people.sort_unstable();
    people.dedup();
    rows.names = user_names(&state.db, people).await?;

    let reader = Reader::of(state, caller).await?;
    let company = crate::platform::companies::service::get(&state.db, caller.company_id).await?.name;
    let stamp = Utc::now().with_timezone(&reader.zone).format("%Y%m%d-%H%M");
    let format = input.format;
    let name = match format {
        ReportFormat::Pdf => format!("hse-report-{stamp}.pdf"),
        ReportFormat::Xlsx => format!("hse-incidents-{stamp}.xlsx"),
    };
    let filter = input.filter;
    let bytes = drawn(move || match format {
        ReportFormat::Pdf => period::write(&rows, &filter, &reader, &company),
        ReportFormat::Xlsx => xlsx::write(&rows, &reader),
    })
    .await?;
    let purpose = kinds::purpose(REPORT_PURPOSE)?;
    let body = stream::iter([Ok::<_, Infallible>(bytes::Bytes::from(bytes))]);
    let file = files::upload(state, caller, purpose, &name, body).await?;
    Ok(json!({ "file_id": file.id, "file_name": name, "incidents": total }))
}

/// Asks for an export: checked now, run by a worker.
pub async fn request(state: &AppState, caller: &Caller, input: ReportIn) -> ApiResult<Uuid> {
    caller.require(EXPORT_REPORT)?;
    caller.require(VIEW_INCIDENT)?;
    let params = serde_json::to_value(&input).map_err(anyhow::Error::from)?;
    tasks::request(state, caller, &EXPORT, &params).await
}
