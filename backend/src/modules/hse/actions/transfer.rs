//! Actions as a file: a row without a number raises a new action on the incident it
//! names, through the same rules as `POST /hse/incidents/{id}/actions` (an open incident,
//! an owner of the company, due today or later), numbered, audited and announced; in
//! upsert mode a row with an action's number changes what differs from it, as
//! `PATCH /hse/actions/{id}` does. The status only changes through the action's moves:
//! a file that asks another one is refused for that row.

use std::collections::BTreeMap;

use async_trait::async_trait;
use sea_orm::{ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter};
use serde_json::{Value, json};
use uuid::Uuid;

use super::dto::{ActionFilter, ActionIn, ActionPatch};
use super::{list, service};
use crate::app::AppState;
use crate::caller::Caller;
use crate::error::{ApiError, ApiResult};
use crate::http::pagination::{MAX_LIMIT, PageQuery};
use crate::modules::hse::domain::ActionStatus;
use crate::modules::hse::model::{action, incident};
use crate::modules::hse::permissions::{MANAGE_ACTION, VIEW_ACTION};
use crate::modules::hse::switch;
use crate::platform::import_export::resource::{as_request, list_filters};
use crate::platform::import_export::{
    Applied, Descriptor, ExportPage, Field, FieldKind, Mode, Resource, Row, RowImporter,
};
use crate::platform::users::{model as user, service as users};

pub struct ActionsFile;

pub static ACTIONS_FILE: ActionsFile = ActionsFile;

static FIELDS: [Field; 8] = [
    Field {
        name: "number",
        label_fr: "Numéro",
        label_en: "Number",
        kind: FieldKind::Text,
        required: false,
        example: "",
    },
    Field {
        name: "incident",
        label_fr: "Incident",
        label_en: "Incident",
        kind: FieldKind::Text,
        required: true,
        example: "INC-2026-00012",
    },
    Field {
        name: "kind",
        label_fr: "Type",
        label_en: "Kind",
        kind: FieldKind::Choice(&["corrective", "preventive"]),
        required: true,
        example: "corrective",
    },
    Field {
        name: "title",
        label_fr: "Titre",
        label_en: "Title",
        kind: FieldKind::Text,
        required: true,
        example: "Poser une rétention sous le groupe électrogène",
    },
    Field {
        name: "description",
        label_fr: "Description",
        label_en: "Description",
        kind: FieldKind::Text,
        required: false,
        example: "",
    },
    Field {
        name: "owner",
        label_fr: "Responsable",
        label_en: "Owner",
        kind: FieldKind::Email,
        required: true,
        example: "chef.chantier@example.com",
    },
    Field {
        name: "due_date",
        label_fr: "Échéance",
        label_en: "Due date",
        kind: FieldKind::Date,
        required: true,
        example: "2026-12-31",
    },
    Field {
        name: "status",
        label_fr: "Statut",
        label_en: "Status",
        kind: FieldKind::Choice(&["open", "in_progress", "done", "verified", "cancelled"]),
        required: false,
        example: "open",
    },
];

static DESCRIPTOR: Descriptor = Descriptor {
    name: "hse.actions",
    label_fr: "Actions HSE",
    label_en: "HSE actions",
    fields: &FIELDS,
    key: &["number"],
    import_permission: Some(MANAGE_ACTION),
    export_permission: VIEW_ACTION,
};

#[async_trait]
impl Resource for ActionsFile {
    fn descriptor(&self) -> &Descriptor {
        &DESCRIPTOR
    }

    async fn importer(&self, state: &AppState, caller: &Caller) -> ApiResult<Box<dyn RowImporter>> {
        switch::require_on(state, caller.company_id, "resource").await?;
        Ok(Box::new(Importer { caller: caller.clone() }))
    }

    async fn export_page(
        &self,
        state: &AppState,
        caller: &Caller,
        filters: &Value,
        cursor: Option<String>,
    ) -> ApiResult<ExportPage> {
        switch::require_on(state, caller.company_id, "resource").await?;
        let mut filter: ActionFilter = list_filters(filters)?;
        filter.updated_since = None;
        let page = list::list(&state.db, caller, &filter, &PageQuery { limit: Some(MAX_LIMIT), cursor }).await?;
        let incidents: BTreeMap<Uuid, String> = incident::Entity::find()
            .filter(incident::Column::Id.is_in(page.items.iter().map(|a| a.incident_id)))
            .all(&state.db)
            .await?
            .into_iter()
            .map(|i| (i.id, i.number))
            .collect();
        let owners: BTreeMap<Uuid, String> = user::Entity::find()
            .filter(user::Column::Id.is_in(page.items.iter().map(|a| a.owner_id)))
            .all(&state.db)
            .await?
            .into_iter()
            .map(|u| (u.id, u.email))
            .collect();
        let rows = page
            .items
            .iter()
            .map(|a| {
                vec![
                    json!(a.number),
                    json!(incidents.get(&a.incident_id)),
                    json!(a.kind),
                    json!(a.title),
                    json!(a.description),
                    json!(owners.get(&a.owner_id)),
                    json!(a.due_date.to_string()),
                    json!(a.status),
                ]
            })
            .collect();
        Ok((rows, page.next_cursor))
    }
}

struct Importer {
    caller: Caller,
}

impl Importer {
    /// The company's user with this address (the owner).
    async fn owner(&self, txn: &DatabaseTransaction, email: &str) -> ApiResult<Uuid> {
        users::find_by_email(txn, email)
            .await?
            .filter(|u| u.company_id == self.caller.company_id)
            .map(|u| u.id)
            .ok_or_else(|| {
                ApiError::field("owner", "unknown_owner", format!("`{email}` has no account in this company"))
            })
    }

    /// The incident of this number, in the importer's reach.
    async fn incident(&self, txn: &DatabaseTransaction, number: &str) -> ApiResult<Uuid> {
        let unknown = || ApiError::field("incident", "unknown_incident", format!("no incident numbered `{number}`"));
        let found = incident::Entity::find()
            .filter(incident::Column::CompanyId.eq(self.caller.company_id))
            .filter(incident::Column::Number.eq(number.to_uppercase()))
            .one(txn)
            .await?
            .ok_or_else(unknown)?;
        Ok(found.id)
    }
}

/// The status a row asks, if any, against the one the action has (`open` for a new one).
fn check_status(row: &Row, current: ActionStatus) -> ApiResult<()> {
    match row.text("status") {
        Some(asked) if asked != json!(current).as_str().unwrap_or_default() => Err(ApiError::field(
            "status",
            "status_not_importable",
            "the status changes through the action's steps (start, complete, verify), not by import",
        )),
        _ => Ok(()),
    }
}

#[async_trait]
impl RowImporter for Importer {
    async fn import(&self, txn: &DatabaseTransaction, row: &Row, mode: Mode) -> ApiResult<Applied> {
        let owner_id = self.owner(txn, row.required("owner")).await?;
        let Some(number) = row.text("number") else {
            check_status(row, ActionStatus::Open)?;
            let incident_id = self.incident(txn, row.required("incident")).await?;
            let body = json!({
                "kind": row.required("kind"),
                "title": row.required("title"),
                "description": row.text("description"),
                "owner_id": owner_id,
                "due_date": row.required("due_date"),
            });
            let input: ActionIn = as_request(body)?;
            service::create_in(txn, &self.caller, incident_id, input).await?;
            return Ok(Applied::Created);
        };
        let current = action::Entity::find()
            .filter(action::Column::CompanyId.eq(self.caller.company_id))
            .filter(action::Column::Number.eq(number.to_uppercase()))
            .filter(action::Column::DeletedAt.is_null())
            .one(txn)
            .await?;
        let Some(current) = current else {
            return Err(ApiError::field(
                "number",
                "unknown_action",
                "no action has this number: leave it empty to raise a new one",
            ));
        };
        if mode == Mode::Create {
            return Err(ApiError::Conflict {
                code: "exists",
                detail: "this action exists: import in upsert mode to change it".into(),
            });
        }
        let current = service::find(txn, &self.caller, current.id).await?;
        check_status(row, current.status)?;
        if self.incident(txn, row.required("incident")).await? != current.incident_id {
            return Err(ApiError::field(
                "incident",
                "incident_changed",
                "an action stays on the incident it was raised on",
            ));
        }
        // Only what differs: an unchanged past due date or a settled action is no error.
        let description = row.text("description").map(str::to_owned);
        let mut body = serde_json::Map::new();
        if row.required("kind") != json!(current.kind).as_str().unwrap_or_default() {
            body.insert("kind".into(), json!(row.required("kind")));
        }
        if row.required("title") != current.title {
            body.insert("title".into(), json!(row.required("title")));
        }
        if description != current.description {
            body.insert("description".into(), json!(description));
        }
        if owner_id != current.owner_id {
            body.insert("owner_id".into(), json!(owner_id));
        }
        if row.required("due_date") != current.due_date.to_string() {
            body.insert("due_date".into(), json!(row.required("due_date")));
        }
        if !body.is_empty() {
            let patch: ActionPatch = as_request(Value::Object(body))?;
            service::update_in(txn, &self.caller, current, patch).await?;
        }
        Ok(Applied::Updated)
    }
}
