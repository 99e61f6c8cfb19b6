//! Sites as a file: each row read as the API's `SiteIn` (its checks), created as
//! `POST /api/v1/sites` creates one, or in upsert mode changing the site of that name.

use async_trait::async_trait;
use sea_orm::sea_query::{Expr, ExprTrait, Func};
use sea_orm::{ColumnTrait, DatabaseTransaction, QueryFilter};
use serde::Deserialize;
use serde_json::{Value, json};

use super::api::SiteIn;
use super::model::{self, SiteKind};
use super::service::{self, MANAGE_PERMISSION, SiteChanges, SiteFields, SiteFilter, VIEW_PERMISSION};
use crate::app::AppState;
use crate::caller::Caller;
use crate::error::{ApiError, ApiResult};
use crate::http::pagination::{MAX_LIMIT, PageQuery};
use crate::infra::db::BaseEntity;
use crate::platform::import_export::resource::{as_request, list_filters};
use crate::platform::import_export::{
    Applied, Descriptor, ExportPage, Field, FieldKind, Mode, Resource, Row, RowImporter,
};

pub struct SitesFile;

static SITES_FILE: SitesFile = SitesFile;

/// What the module registers.
pub static RESOURCES: [&dyn Resource; 1] = [&SITES_FILE];

static FIELDS: [Field; 6] = [
    Field {
        name: "name",
        label_fr: "Nom",
        label_en: "Name",
        kind: FieldKind::Text,
        required: true,
        example: "Plateforme Alpha",
    },
    Field {
        name: "kind",
        label_fr: "Type",
        label_en: "Kind",
        kind: FieldKind::Choice(&["platform", "vessel", "base", "onshore"]),
        required: true,
        example: "platform",
    },
    Field {
        name: "location",
        label_fr: "Emplacement",
        label_en: "Location",
        kind: FieldKind::Text,
        required: false,
        example: "Bloc 17, 80 km au large de Port-Gentil",
    },
    Field {
        name: "latitude",
        label_fr: "Latitude",
        label_en: "Latitude",
        kind: FieldKind::Number,
        required: false,
        example: "-1.2345",
    },
    Field {
        name: "longitude",
        label_fr: "Longitude",
        label_en: "Longitude",
        kind: FieldKind::Number,
        required: false,
        example: "8.6789",
    },
    Field {
        name: "is_active",
        label_fr: "Actif",
        label_en: "Active",
        kind: FieldKind::Bool,
        required: false,
        example: "true",
    },
];

static DESCRIPTOR: Descriptor = Descriptor {
    name: "sites",
    label_fr: "Sites",
    label_en: "Sites",
    fields: &FIELDS,
    key: &["name"],
    import_permission: Some(MANAGE_PERMISSION),
    export_permission: VIEW_PERMISSION,
};

#[async_trait]
impl Resource for SitesFile {
    fn descriptor(&self) -> &Descriptor {
        &DESCRIPTOR
    }

    async fn importer(&self, _: &AppState, caller: &Caller) -> ApiResult<Box<dyn RowImporter>> {
        Ok(Box::new(Importer { caller: caller.clone() }))
    }

    async fn export_page(
        &self,
        state: &AppState,
        caller: &Caller,
        filters: &Value,
        cursor: Option<String>,
    ) -> ApiResult<ExportPage> {
        let filters: ListFilters = list_filters(filters)?;
        let filter = SiteFilter { q: filters.q, kind: filters.kind, is_active: filters.is_active };
        let page = service::list(&state.db, caller, &filter, &PageQuery { limit: Some(MAX_LIMIT), cursor }).await?;
        let rows = page
            .items
            .iter()
            .map(|s| {
                vec![
                    json!(s.name),
                    json!(s.kind),
                    json!(s.location),
                    json!(s.latitude),
                    json!(s.longitude),
                    json!(s.is_active),
                ]
            })
            .collect();
        Ok((rows, page.next_cursor))
    }
}

/// The sites list's filters.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ListFilters {
    q: Option<String>,
    kind: Option<SiteKind>,
    is_active: Option<bool>,
}

struct Importer {
    caller: Caller,
}

#[async_trait]
impl RowImporter for Importer {
    async fn import(&self, txn: &DatabaseTransaction, row: &Row, mode: Mode) -> ApiResult<Applied> {
        let coordinates = match (row.number("latitude"), row.number("longitude")) {
            (Some(latitude), Some(longitude)) => json!({ "latitude": latitude, "longitude": longitude }),
            (None, None) => Value::Null,
            _ => {
                return Err(ApiError::field("longitude", "incomplete_coordinates", "give both latitude and longitude"));
            }
        };
        let body = json!({
            "name": row.required("name"),
            "kind": row.required("kind"),
            "location": row.text("location"),
            "coordinates": coordinates,
            "is_active": row.bool("is_active").unwrap_or(true),
        });
        let SiteIn { name, kind, location, coordinates, is_active, .. } = as_request(body)?;
        let name = name.trim().to_owned();
        let coordinates = coordinates.map(|c| (c.latitude, c.longitude));
        let existing = model::Entity::find_live()
            .filter(model::Column::CompanyId.eq(self.caller.company_id))
            .filter(Expr::expr(Func::lower(Expr::col(model::Column::Name))).eq(name.to_lowercase()))
            .one(txn)
            .await?;
        match existing {
            Some(_) if mode == Mode::Create => Err(ApiError::Conflict {
                code: "site_name_taken",
                detail: "Another site of this company has this name.".into(),
            }),
            Some(site) => {
                let changes = SiteChanges {
                    name: Some(name),
                    kind: Some(kind),
                    location: Some(location),
                    coordinates: Some(coordinates),
                    is_active: Some(is_active),
                };
                service::update_in(txn, &self.caller, site.id, changes).await?;
                Ok(Applied::Updated)
            }
            None => {
                let fields = SiteFields { name, kind, location, coordinates, is_active };
                service::create_in(txn, &self.caller, None, fields).await?;
                Ok(Applied::Created)
            }
        }
    }
}
