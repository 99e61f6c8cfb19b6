//! Company secrets: values an integration needs (an ERP's API key), sealed at rest
//! (AES-GCM) and written into webhook headers by name, `Authorization: Bearer
//! {ERP_API_KEY}`, only when a request leaves. Their values are never shown back, logged
//! or audited; a secret an endpoint still names cannot be deleted.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use chrono::{DateTime, Utc};
use regex::Regex;
use sea_orm::ActiveValue::Set;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, ModelTrait, QueryFilter, QueryOrder, Select,
};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;
use uuid::Uuid;

use super::model::endpoint;
use super::service::MANAGE_PERMISSION;
use crate::app::AppState;
use crate::caller::Caller;
use crate::error::{ApiError, ApiResult};
use crate::infra::crypto::SecretBox;
use crate::infra::db::{BaseEntity, begin_write};
use crate::platform::audit::service::{self as audit, Change};

pub mod model {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "company_secrets")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub company_id: Uuid,
        /// `ERP_API_KEY`: upper case, digits and underscores.
        pub name: String,
        /// The value, sealed.
        pub sealed: String,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
        pub updated_by: Option<Uuid>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// `{NAME}` in a header value.
static REFERENCE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\{([A-Z][A-Z0-9_]{0,63})\}").expect("pattern"));
static NAME: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[A-Z][A-Z0-9_]{0,63}$").expect("pattern"));

fn sealer(state: &AppState) -> SecretBox {
    SecretBox::new(&state.settings.secret_key, "company-secret")
}

/// A secret as its managers see it: never its value.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SecretOut {
    #[schema(example = "ERP_API_KEY")]
    pub name: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<model::Model> for SecretOut {
    fn from(s: model::Model) -> Self {
        Self { name: s.name, created_at: s.created_at, updated_at: s.updated_at }
    }
}

/// The secret names a header value refers to.
pub fn references(value: &str) -> impl Iterator<Item = &str> {
    REFERENCE.captures_iter(value).filter_map(|c| c.get(1)).map(|m| m.as_str())
}

/// The first name among `headers`' references the company has no secret for.
pub async fn first_unknown(
    db: &impl ConnectionTrait,
    company_id: Uuid,
    headers: &BTreeMap<String, String>,
) -> ApiResult<Option<(String, String)>> {
    let known: Vec<String> = names(db, company_id).await?;
    Ok(headers.iter().find_map(|(header, value)| {
        references(value).find(|name| !known.iter().any(|k| k == name)).map(|name| (header.clone(), name.to_owned()))
    }))
}

/// The company's secrets.
fn of_company(company_id: Uuid) -> Select<model::Entity> {
    model::Entity::find().filter(model::Column::CompanyId.eq(company_id))
}

async fn names(db: &impl ConnectionTrait, company_id: Uuid) -> ApiResult<Vec<String>> {
    let rows = of_company(company_id).all(db).await?;
    Ok(rows.into_iter().map(|r| r.name).collect())
}

/// Header values with their references replaced by the secrets, as a request leaves.
pub async fn fill(
    state: &AppState,
    company_id: Uuid,
    headers: Vec<(String, String)>,
) -> anyhow::Result<Vec<(String, String)>> {
    if !headers.iter().any(|(_, value)| REFERENCE.is_match(value)) {
        return Ok(headers);
    }
    let rows = of_company(company_id).all(&state.db).await?;
    let sealer = sealer(state);
    let mut filled = Vec::with_capacity(headers.len());
    for (header, value) in headers {
        let mut missing = None;
        let mut failed = None;
        let text = REFERENCE.replace_all(&value, |c: &regex::Captures| {
            let name = &c[1];
            match rows.iter().find(|r| r.name == name).map(|r| sealer.open(&r.sealed)) {
                Some(Ok(bytes)) => String::from_utf8(bytes).unwrap_or_default(),
                Some(Err(err)) => {
                    failed = Some(err);
                    String::new()
                }
                None => {
                    missing = Some(name.to_owned());
                    String::new()
                }
            }
        });
        if let Some(name) = missing {
            anyhow::bail!("the header {header} names the secret {name}, which is not set");
        }
        if let Some(err) = failed {
            return Err(err.context(format!("the secret in header {header}")));
        }
        filled.push((header, text.into_owned()));
    }
    Ok(filled)
}

pub async fn list(state: &AppState, caller: &Caller) -> ApiResult<Vec<SecretOut>> {
    caller.require(MANAGE_PERMISSION)?;
    let rows = of_company(caller.company_id).order_by_asc(model::Column::Name).all(&state.db).await?;
    Ok(rows.into_iter().map(SecretOut::from).collect())
}

fn change(company_id: Uuid, name: &str, action: &'static str) -> Change<'static> {
    Change {
        company_id,
        action,
        model: "webhook_secret",
        object_id: Some(name.to_owned()),
        before: None,
        after: Some(json!({ "name": name })),
    }
}

/// Sets a secret of the caller's company (a new value replaces the old); `true` when
/// it is new.
pub async fn set(state: &AppState, caller: &Caller, name: &str, value: &str) -> ApiResult<(SecretOut, bool)> {
    caller.require(MANAGE_PERMISSION)?;
    if !NAME.is_match(name) {
        return Err(ApiError::field(
            "name",
            "invalid_name",
            "upper case letters, digits and _, starting with a letter",
        ));
    }
    if value.is_empty() || value.len() > 4096 || reqwest::header::HeaderValue::from_str(value).is_err() {
        return Err(ApiError::field("value", "invalid_value", "must be 1 to 4096 characters a header may carry"));
    }
    let sealed = sealer(state).seal(value.as_bytes())?;
    let txn = begin_write(&state.db).await?;
    let existing = of_company(caller.company_id).filter(model::Column::Name.eq(name)).one(&txn).await?;
    let now = Utc::now();
    let created = existing.is_none();
    let saved = match existing {
        Some(found) => {
            let mut row: model::ActiveModel = found.into();
            row.sealed = Set(sealed);
            row.updated_at = Set(now);
            row.updated_by = Set(Some(caller.user_id));
            row.update(&txn).await?
        }
        None => {
            model::ActiveModel {
                id: Set(Uuid::now_v7()),
                company_id: Set(caller.company_id),
                name: Set(name.to_owned()),
                sealed: Set(sealed),
                created_at: Set(now),
                updated_at: Set(now),
                updated_by: Set(Some(caller.user_id)),
            }
            .insert(&txn)
            .await?
        }
    };
    audit::record(&txn, &caller.actor, change(caller.company_id, name, if created { "create" } else { "update" }))
        .await?;
    txn.commit().await?;
    Ok((saved.into(), created))
}

/// Deletes a secret no endpoint names; 409 `secret_in_use` naming the endpoint otherwise.
pub async fn delete(state: &AppState, caller: &Caller, name: &str) -> ApiResult<()> {
    caller.require(MANAGE_PERMISSION)?;
    let found = of_company(caller.company_id)
        .filter(model::Column::Name.eq(name))
        .one(&state.db)
        .await?
        .ok_or(ApiError::not_found("secret"))?;
    let endpoints =
        endpoint::Entity::find_live().filter(endpoint::Column::CompanyId.eq(caller.company_id)).all(&state.db).await?;
    let user = endpoints.iter().find(|e| {
        let headers: BTreeMap<String, String> = serde_json::from_value(e.headers.clone()).unwrap_or_default();
        headers.values().any(|v| references(v).any(|n| n == name))
    });
    if let Some(user) = user {
        return Err(ApiError::Conflict {
            code: "secret_in_use",
            detail: format!("The webhook endpoint {} still sends it; change its headers first.", user.url),
        });
    }
    let txn = begin_write(&state.db).await?;
    found.delete(&txn).await?;
    audit::record(&txn, &caller.actor, change(caller.company_id, name, "delete")).await?;
    txn.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_upper_case_names_in_braces() {
        let found: Vec<&str> = references("Bearer {ERP_API_KEY} {lower} {X} {{JSON}} {9BAD}").collect();
        assert_eq!(found, ["ERP_API_KEY", "X", "JSON"]);
    }
}
