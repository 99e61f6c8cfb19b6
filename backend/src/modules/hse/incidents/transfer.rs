//! Incidents as a file, exported only (they are reported one by one, with their photos
//! and people): the list as `GET /api/v1/hse/incidents` filters it, in the reader's
//! reach (scope `own`: theirs or assigned to them).

use async_trait::async_trait;
use serde_json::{Value, json};

use super::list::{self, IncidentFilter};
use crate::app::AppState;
use crate::caller::Caller;
use crate::error::{ApiError, ApiResult};
use crate::http::pagination::{MAX_LIMIT, PageQuery};
use crate::modules::hse::permissions::VIEW_INCIDENT;
use crate::modules::hse::reports::reader::{site_names, user_names};
use crate::modules::hse::switch;
use crate::platform::import_export::resource::list_filters;
use crate::platform::import_export::{Descriptor, ExportPage, Field, FieldKind, Resource, RowImporter};

pub struct IncidentsFile;

pub static INCIDENTS_FILE: IncidentsFile = IncidentsFile;

const fn text(name: &'static str, label_fr: &'static str, label_en: &'static str) -> Field {
    Field { name, label_fr, label_en, kind: FieldKind::Text, required: false, example: "" }
}

static FIELDS: [Field; 11] = [
    text("number", "Numéro", "Number"),
    text("title", "Titre", "Title"),
    text("severity", "Gravité", "Severity"),
    text("incident_type", "Type", "Type"),
    text("status", "Statut", "Status"),
    text("occurred_at", "Survenu le", "Occurred at"),
    text("site", "Site", "Site"),
    text("location", "Lieu", "Location"),
    text("reported_by", "Déclaré par", "Reported by"),
    text("assigned_to", "Assigné à", "Assigned to"),
    text("description", "Description", "Description"),
];

static DESCRIPTOR: Descriptor = Descriptor {
    name: "hse.incidents",
    label_fr: "Incidents HSE",
    label_en: "HSE incidents",
    fields: &FIELDS,
    key: &["number"],
    import_permission: None,
    export_permission: VIEW_INCIDENT,
};

#[async_trait]
impl Resource for IncidentsFile {
    fn descriptor(&self) -> &Descriptor {
        &DESCRIPTOR
    }

    async fn importer(&self, _: &AppState, _: &Caller) -> ApiResult<Box<dyn RowImporter>> {
        Err(ApiError::field("resource", "not_importable", "incidents are reported one by one"))
    }

    async fn export_page(
        &self,
        state: &AppState,
        caller: &Caller,
        filters: &Value,
        cursor: Option<String>,
    ) -> ApiResult<ExportPage> {
        switch::require_on(state, caller.company_id, "resource").await?;
        let mut filter: IncidentFilter = list_filters(filters)?;
        filter.updated_since = None;
        let page = list::list(&state.db, caller, &filter, &PageQuery { limit: Some(MAX_LIMIT), cursor }).await?;
        let sites = site_names(&state.db, page.items.iter().filter_map(|i| i.site_id)).await?;
        let named: Vec<uuid::Uuid> =
            page.items.iter().flat_map(|i| [Some(i.reported_by), i.assigned_to]).flatten().collect();
        let people = user_names(&state.db, named).await?;
        let name = |id: Option<uuid::Uuid>| id.and_then(|id| people.get(&id).cloned());
        let rows = page
            .items
            .iter()
            .map(|i| {
                vec![
                    json!(i.number),
                    json!(i.title),
                    json!(i.severity),
                    json!(i.incident_type),
                    json!(i.status),
                    json!(i.occurred_at.to_rfc3339()),
                    json!(i.site_id.and_then(|s| sites.get(&s).cloned())),
                    json!(i.location),
                    json!(name(Some(i.reported_by))),
                    json!(name(i.assigned_to)),
                    json!(i.description),
                ]
            })
            .collect();
        Ok((rows, page.next_cursor))
    }
}
