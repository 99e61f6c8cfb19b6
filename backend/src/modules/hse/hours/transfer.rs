//! Hours worked as a file: a site by name, a month, employee and contractor hours; each
//! row read as the API's `HoursIn` and saved as `PUT /api/v1/hse/hours` saves it.

use std::collections::BTreeMap;

use async_trait::async_trait;
use sea_orm::{ColumnTrait, DatabaseTransaction, QueryFilter};
use serde::Deserialize;
use serde_json::{Value, json};
use uuid::Uuid;

use super::dto::{HoursFilter, HoursIn, parse_month};
use super::service;
use crate::app::AppState;
use crate::caller::Caller;
use crate::error::{ApiError, ApiResult};
use crate::infra::db::BaseEntity;
use crate::modules::hse::permissions::{MANAGE_HOURS, VIEW_KPI};
use crate::modules::hse::reports::reader::site_names;
use crate::modules::hse::switch;
use crate::platform::import_export::resource::{as_request, list_filters};
use crate::platform::import_export::{
    Applied, Descriptor, ExportPage, Field, FieldKind, Mode, Resource, Row, RowImporter,
};
use crate::platform::sites::model as site;

pub struct HoursFile;

pub static HOURS_FILE: HoursFile = HoursFile;

static FIELDS: [Field; 4] = [
    Field {
        name: "site",
        label_fr: "Site",
        label_en: "Site",
        kind: FieldKind::Text,
        required: true,
        example: "Plateforme Alpha",
    },
    Field {
        name: "month",
        label_fr: "Mois",
        label_en: "Month",
        kind: FieldKind::Month,
        required: true,
        example: "2026-11",
    },
    Field {
        name: "employee_hours",
        label_fr: "Heures salariés",
        label_en: "Employee hours",
        kind: FieldKind::Number,
        required: true,
        example: "18250.5",
    },
    Field {
        name: "contractor_hours",
        label_fr: "Heures sous-traitants",
        label_en: "Contractor hours",
        kind: FieldKind::Number,
        required: true,
        example: "9120",
    },
];

/// 404 for a company with HSE off, as its routes answer.
static DESCRIPTOR: Descriptor = Descriptor {
    name: "hse.hours",
    label_fr: "Heures travaillées (HSE)",
    label_en: "Hours worked (HSE)",
    fields: &FIELDS,
    key: &["site", "month"],
    import_permission: Some(MANAGE_HOURS),
    export_permission: VIEW_KPI,
};

#[async_trait]
impl Resource for HoursFile {
    fn descriptor(&self) -> &Descriptor {
        &DESCRIPTOR
    }

    async fn importer(&self, state: &AppState, caller: &Caller) -> ApiResult<Box<dyn RowImporter>> {
        switch::require_on(state, caller.company_id, "resource").await?;
        let sites = site::Entity::find_live()
            .filter(site::Column::CompanyId.eq(caller.company_id))
            .all(&state.db)
            .await?
            .into_iter()
            .map(|s| (s.name.to_lowercase(), s.id))
            .collect();
        Ok(Box::new(Importer { caller: caller.clone(), sites }))
    }

    async fn export_page(
        &self,
        state: &AppState,
        caller: &Caller,
        filters: &Value,
        _: Option<String>,
    ) -> ApiResult<ExportPage> {
        switch::require_on(state, caller.company_id, "resource").await?;
        let filters: ListFilters = list_filters(filters)?;
        let filter = HoursFilter { site_id: filters.site_id, from: filters.from, to: filters.to };
        let months = service::list(&state.db, caller, &filter).await?;
        let names = site_names(&state.db, months.iter().map(|m| m.site_id)).await?;
        let rows = months
            .iter()
            .map(|m| {
                let site = names.get(&m.site_id).cloned().unwrap_or_default();
                vec![json!(site), json!(m.month), json!(m.employee_hours), json!(m.contractor_hours)]
            })
            .collect();
        // The months of a span are few (a site a month): one page.
        Ok((rows, None))
    }
}

/// The hours list's filters.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ListFilters {
    site_id: Option<Uuid>,
    from: Option<String>,
    to: Option<String>,
}

struct Importer {
    caller: Caller,
    /// The company's sites by lower-case name.
    sites: BTreeMap<String, Uuid>,
}

#[async_trait]
impl RowImporter for Importer {
    async fn import(&self, txn: &DatabaseTransaction, row: &Row, mode: Mode) -> ApiResult<Applied> {
        let name = row.required("site");
        let site_id = *self.sites.get(&name.to_lowercase()).ok_or_else(|| {
            ApiError::field("site", "unknown_link", format!("no site named “{name}” in this company"))
        })?;
        let month = row.required("month");
        let input: HoursIn = as_request(json!({
            "site_id": site_id,
            "month": month,
            "employee_hours": row.number("employee_hours"),
            "contractor_hours": row.number("contractor_hours"),
        }))?;
        if mode == Mode::Create
            && let Some(first) = parse_month(month)
            && service::recorded(txn, &self.caller, site_id, first).await?
        {
            return Err(ApiError::Conflict { code: "exists", detail: "this site's month is recorded already".into() });
        }
        let (_, created) = service::save_in(txn, &self.caller, input).await?;
        Ok(if created { Applied::Created } else { Applied::Updated })
    }
}
