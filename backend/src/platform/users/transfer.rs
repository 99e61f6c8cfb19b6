//! Users as a file: a new address is invited (with its roles, by code) exactly as
//! `POST /api/v1/users` does; in upsert mode an address of the company gets its name,
//! language and time zone changed. Exports hold the list as its filters keep it.

use std::collections::BTreeMap;

use async_trait::async_trait;
use sea_orm::{ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter};
use serde::Deserialize;
use serde_json::{Value, json};
use uuid::Uuid;

use super::model;
use super::service::{self, Invitation, ProfileChanges, UserFilter};
use crate::app::AppState;
use crate::caller::Caller;
use crate::error::{ApiError, ApiResult};
use crate::http::pagination::{MAX_LIMIT, PageQuery};
use crate::infra::db::BaseEntity;
use crate::platform::i18n::Locale;
use crate::platform::import_export::resource::list_filters;
use crate::platform::import_export::{
    Applied, Descriptor, ExportPage, Field, FieldKind, Mode, Resource, Row, RowImporter,
};
use crate::platform::rbac::model::{role, user_role};

pub struct UsersFile;

static USERS_FILE: UsersFile = UsersFile;

/// What the module registers.
pub static RESOURCES: [&dyn Resource; 1] = [&USERS_FILE];

static FIELDS: [Field; 5] = [
    Field {
        name: "email",
        label_fr: "E-mail",
        label_en: "Email",
        kind: FieldKind::Email,
        required: true,
        example: "amelie.moreau@example.com",
    },
    Field {
        name: "full_name",
        label_fr: "Nom complet",
        label_en: "Full name",
        kind: FieldKind::Text,
        required: true,
        example: "Amélie Moreau",
    },
    Field {
        name: "locale",
        label_fr: "Langue",
        label_en: "Language",
        kind: FieldKind::Choice(&["fr", "en"]),
        required: false,
        example: "fr",
    },
    Field {
        name: "time_zone",
        label_fr: "Fuseau horaire",
        label_en: "Time zone",
        kind: FieldKind::Text,
        required: false,
        example: "Africa/Libreville",
    },
    Field {
        name: "roles",
        label_fr: "Rôles",
        label_en: "Roles",
        kind: FieldKind::List,
        required: false,
        example: "field_worker",
    },
];

static DESCRIPTOR: Descriptor = Descriptor {
    name: "users",
    label_fr: "Utilisateurs",
    label_en: "Users",
    fields: &FIELDS,
    key: &["email"],
    import_permission: Some(service::MANAGE_PERMISSION),
    export_permission: service::VIEW_PERMISSION,
};

#[async_trait]
impl Resource for UsersFile {
    fn descriptor(&self) -> &Descriptor {
        &DESCRIPTOR
    }

    async fn importer(&self, state: &AppState, caller: &Caller) -> ApiResult<Box<dyn RowImporter>> {
        let roles = role::Entity::find_live()
            .filter(role::Column::CompanyId.eq(caller.company_id))
            .all(&state.db)
            .await?
            .into_iter()
            .map(|r| (r.code, r.id))
            .collect();
        Ok(Box::new(Importer { state: state.clone(), caller: caller.clone(), roles }))
    }

    async fn export_page(
        &self,
        state: &AppState,
        caller: &Caller,
        filters: &Value,
        cursor: Option<String>,
    ) -> ApiResult<ExportPage> {
        let filters: ListFilters = list_filters(filters)?;
        let filter = UserFilter { q: filters.q, is_active: filters.is_active, company_id: None };
        let page = service::list(&state.db, caller, filter, &PageQuery { limit: Some(MAX_LIMIT), cursor }).await?;
        let ids: Vec<Uuid> = page.items.iter().map(|u| u.id).collect();
        let links = user_role::Entity::find().filter(user_role::Column::UserId.is_in(ids)).all(&state.db).await?;
        let codes: BTreeMap<Uuid, String> = role::Entity::find()
            .filter(role::Column::Id.is_in(links.iter().map(|l| l.role_id)))
            .all(&state.db)
            .await?
            .into_iter()
            .map(|r| (r.id, r.code))
            .collect();
        let mut roles: BTreeMap<Uuid, Vec<String>> = BTreeMap::new();
        for link in links {
            roles.entry(link.user_id).or_default().extend(codes.get(&link.role_id).cloned());
        }
        let rows = page
            .items
            .iter()
            .map(|u: &model::Model| {
                let mut codes = roles.remove(&u.id).unwrap_or_default();
                codes.sort();
                vec![json!(u.email), json!(u.full_name), json!(u.locale), json!(u.time_zone), json!(codes.join(","))]
            })
            .collect();
        Ok((rows, page.next_cursor))
    }
}

/// The users list's filters.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ListFilters {
    q: Option<String>,
    is_active: Option<bool>,
}

struct Importer {
    state: AppState,
    caller: Caller,
    /// The company's roles by code.
    roles: BTreeMap<String, Uuid>,
}

#[async_trait]
impl RowImporter for Importer {
    async fn import(&self, txn: &DatabaseTransaction, row: &Row, mode: Mode) -> ApiResult<Applied> {
        let email = row.required("email");
        let locale = row.text("locale").map(Locale::from_stored);
        let time_zone = row.text("time_zone").map(str::to_owned);
        if let Some(zone) = &time_zone
            && zone.parse::<chrono_tz::Tz>().is_err()
        {
            return Err(ApiError::field("time_zone", "invalid_time_zone", "not an IANA time zone (Europe/Paris)"));
        }
        let existing = service::find_by_email(txn, email).await?.filter(|u| u.company_id == self.caller.company_id);
        if let Some(existing) = existing {
            if mode == Mode::Create {
                return Err(ApiError::Conflict {
                    code: "exists",
                    detail: "this address already has an account".into(),
                });
            }
            let changes = ProfileChanges { full_name: Some(row.required("full_name").to_owned()), locale, time_zone };
            service::update_profile_in(txn, &self.caller, existing.id, changes).await?;
            return Ok(Applied::Updated);
        }
        let mut role_ids = Vec::new();
        for code in row.list("roles") {
            let id = self.roles.get(&code).ok_or_else(|| {
                ApiError::field("roles", "unknown_role", format!("`{code}` is not a role of this company"))
            })?;
            role_ids.push(*id);
        }
        let invitation = Invitation {
            company_id: None,
            email: email.to_owned(),
            full_name: row.required("full_name").to_owned(),
            locale,
            time_zone,
            role_ids,
        };
        service::invite_in(txn, &self.state, &self.caller, invitation).await?;
        Ok(Applied::Created)
    }
}
