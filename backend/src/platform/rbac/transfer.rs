//! Groups as a file: a new name makes a group, with its roles (by code) and members (by
//! address) handed out through the same checks as the API, so an importer gives no more
//! than they hold. In upsert mode the group the name names (in any case) gets its
//! description and gains the roles and members listed (none is taken away: a file is no
//! place to revoke access).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::atomic::{AtomicBool, Ordering};

use async_trait::async_trait;
use sea_orm::{ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter};
use serde_json::{Value, json};
use uuid::Uuid;

use super::api::groups::GroupIn;
use super::cache;
use super::model::{group, role};
use super::service::{self, MANAGE_GROUPS};
use crate::app::AppState;
use crate::caller::Caller;
use crate::error::{ApiError, ApiResult};
use crate::infra::db::BaseEntity;
use crate::platform::import_export::resource::as_request;
use crate::platform::import_export::{
    Applied, Descriptor, ExportPage, Field, FieldKind, Mode, Resource, Row, RowImporter,
};
use crate::platform::users::{model as user, service as users};

pub struct GroupsFile;

static GROUPS_FILE: GroupsFile = GroupsFile;

/// What the module registers.
pub static RESOURCES: [&dyn Resource; 1] = [&GROUPS_FILE];

static FIELDS: [Field; 4] = [
    Field {
        name: "name",
        label_fr: "Nom",
        label_en: "Name",
        kind: FieldKind::Text,
        required: true,
        example: "Équipe de nuit — Plateforme B",
    },
    Field {
        name: "description",
        label_fr: "Description",
        label_en: "Description",
        kind: FieldKind::Text,
        required: false,
        example: "Relève de 19 h à 7 h",
    },
    Field {
        name: "roles",
        label_fr: "Rôles",
        label_en: "Roles",
        kind: FieldKind::List,
        required: false,
        example: "field_worker",
    },
    Field {
        name: "members",
        label_fr: "Membres",
        label_en: "Members",
        kind: FieldKind::List,
        required: false,
        example: "amelie.moreau@example.com",
    },
];

static DESCRIPTOR: Descriptor = Descriptor {
    name: "groups",
    label_fr: "Groupes",
    label_en: "Groups",
    fields: &FIELDS,
    key: &["name"],
    import_permission: Some(MANAGE_GROUPS),
    export_permission: MANAGE_GROUPS,
};

#[async_trait]
impl Resource for GroupsFile {
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
        Ok(Box::new(Importer { state: state.clone(), caller: caller.clone(), roles, joined: AtomicBool::new(false) }))
    }

    /// Every group of the reader's company, in one page (a company has tens of groups).
    async fn export_page(
        &self,
        state: &AppState,
        caller: &Caller,
        _: &Value,
        _: Option<String>,
    ) -> ApiResult<ExportPage> {
        caller.reach(MANAGE_GROUPS, caller.company_id)?;
        let groups = service::list_groups(&state.db, caller.company_id).await?;
        let role_ids = groups.iter().flat_map(|g| g.role_ids.iter().copied());
        let codes: BTreeMap<Uuid, String> = role::Entity::find()
            .filter(role::Column::Id.is_in(role_ids))
            .all(&state.db)
            .await?
            .into_iter()
            .map(|r| (r.id, r.code))
            .collect();
        let member_ids = groups.iter().flat_map(|g| g.member_ids.iter().copied());
        let emails: BTreeMap<Uuid, String> = user::Entity::find()
            .filter(user::Column::Id.is_in(member_ids))
            .all(&state.db)
            .await?
            .into_iter()
            .map(|u| (u.id, u.email))
            .collect();
        let joined = |ids: &[Uuid], names: &BTreeMap<Uuid, String>| {
            let listed: BTreeSet<&str> = ids.iter().filter_map(|id| names.get(id)).map(String::as_str).collect();
            listed.into_iter().collect::<Vec<_>>().join(",")
        };
        let rows = groups
            .iter()
            .map(|g| {
                vec![
                    json!(g.group.name),
                    json!(g.group.description),
                    json!(joined(&g.role_ids, &codes)),
                    json!(joined(&g.member_ids, &emails)),
                ]
            })
            .collect();
        Ok((rows, None))
    }
}

struct Importer {
    state: AppState,
    caller: Caller,
    /// The company's roles by code.
    roles: BTreeMap<String, Uuid>,
    /// Whether a group gained a role or a member: cached permissions to drop after commit.
    joined: AtomicBool,
}

impl Importer {
    fn role(&self, code: &str) -> ApiResult<Uuid> {
        self.roles
            .get(code)
            .copied()
            .ok_or_else(|| ApiError::field("roles", "unknown_role", format!("`{code}` is not a role of this company")))
    }

    async fn member(&self, txn: &DatabaseTransaction, email: &str) -> ApiResult<Uuid> {
        users::find_by_email(txn, &email.to_lowercase())
            .await?
            .filter(|u| u.company_id == self.caller.company_id)
            .map(|u| u.id)
            .ok_or_else(|| {
                ApiError::field("members", "unknown_member", format!("`{email}` has no account in this company"))
            })
    }
}

#[async_trait]
impl RowImporter for Importer {
    async fn import(&self, txn: &DatabaseTransaction, row: &Row, mode: Mode) -> ApiResult<Applied> {
        let body = json!({ "name": row.required("name"), "description": row.text("description") });
        let GroupIn { name, description, .. } = as_request(body)?;
        let name = name.trim().to_owned();
        let role_ids = row.list("roles").iter().map(|code| self.role(code)).collect::<ApiResult<Vec<_>>>()?;
        let mut member_ids = Vec::new();
        for email in row.list("members") {
            member_ids.push(self.member(txn, &email).await?);
        }
        // Compared here: SQLite's `lower` knows no accents (`Équipe`).
        let existing = group::Entity::find_live()
            .filter(group::Column::CompanyId.eq(self.caller.company_id))
            .all(txn)
            .await?
            .into_iter()
            .find(|g| g.name.to_lowercase() == name.to_lowercase());
        let (mut details, applied) = match existing {
            Some(_) if mode == Mode::Create => {
                return Err(ApiError::Conflict {
                    code: "group_name_taken",
                    detail: "Another group of this company has this name.".into(),
                });
            }
            Some(found) => {
                let current = service::get_group(txn, &self.caller, found.id).await?;
                (service::update_group_in(txn, &self.caller, current, None, description).await?, Applied::Updated)
            }
            None => {
                let company_id = self.caller.company_id;
                (service::create_group_in(txn, &self.caller, company_id, name, description).await?, Applied::Created)
            }
        };
        for role_id in role_ids {
            if !details.role_ids.contains(&role_id) {
                service::set_group_role_in(txn, &self.caller, &details, role_id, true).await?;
                details.role_ids.push(role_id);
                self.joined.store(true, Ordering::Relaxed);
            }
        }
        for user_id in member_ids {
            if !details.member_ids.contains(&user_id) {
                service::set_member_in(txn, &self.caller, &details, user_id, true).await?;
                details.member_ids.push(user_id);
                self.joined.store(true, Ordering::Relaxed);
            }
        }
        Ok(applied)
    }

    async fn committed(&self) -> ApiResult<()> {
        if self.joined.load(Ordering::Relaxed) {
            cache::invalidate_company(&self.state, self.caller.company_id).await?;
        }
        Ok(())
    }
}
