//! Writing a record's side rows and checking what it points to: the filter and unique
//! values lists read (`write_values`), links to users and records of the company, and
//! unique values taken by another record.

use sea_orm::ActiveValue::Set;
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter, Select};
use serde_json::{Map, Value};
use uuid::Uuid;

use super::index::{self, IndexEntry};
use super::service::Resolved;
use crate::error::{ApiError, ApiResult, FieldError};
use crate::infra::db::BaseEntity;
use crate::platform::modules::manifest::{FieldType, Manifest, RecordType};
use crate::platform::modules::model::{record, record_value};
use crate::platform::sites::service as sites;
use crate::platform::users::service as users;

/// Characters of a value the filter and unique index keeps.
const INDEXED_CHARS: usize = 300;

/// The record's title, as lists show it (at most 300 characters).
pub fn title_of(rt: &RecordType, data: &Map<String, Value>) -> String {
    index::title(rt, data).chars().take(300).collect()
}

/// 422 naming each link to a user or record the company does not have, and each unique
/// value another live record of the company holds.
pub async fn check_references(
    txn: &DatabaseTransaction,
    company_id: Uuid,
    manifest: &Manifest,
    rt: &RecordType,
    data: &Map<String, Value>,
    this: Option<Uuid>,
) -> ApiResult<()> {
    let mut errors = Vec::new();
    for field in &rt.fields {
        let Some(value) = data.get(&field.code) else { continue };
        let error = |code: &str, message: &str| FieldError {
            field: format!("data.{}", field.code),
            code: code.into(),
            message: message.into(),
        };
        if field.kind == FieldType::Link {
            let id = value.as_str().and_then(|s| Uuid::parse_str(s).ok());
            let exists = match (field.link.as_deref(), id) {
                (None, _) | (_, None) => false,
                (Some("users"), Some(id)) => users::is_member(txn, company_id, id).await?,
                (Some("sites"), Some(id)) => sites::find_live_in_company(txn, company_id, id).await?.is_some(),
                (Some(other), Some(id)) => {
                    manifest.record_type(other).is_some()
                        && record_exists(txn, company_id, &manifest.code, other, id).await?
                }
            };
            if !exists {
                errors.push(error("unknown_link", "no such record in this company"));
            }
        }
    }
    for entry in index::entries(rt, data).into_iter().filter(|e| e.unique) {
        let mut taken = holding(company_id, &manifest.code, &rt.code, &entry);
        if let Some(this) = this {
            taken = taken.filter(record_value::Column::RecordId.ne(this));
        }
        if taken.one(txn).await?.is_some() {
            errors.push(FieldError {
                field: format!("data.{}", entry.field),
                code: "taken".into(),
                message: "another record already holds this value".into(),
            });
        }
    }
    if errors.is_empty() { Ok(()) } else { Err(ApiError::Validation(errors)) }
}

/// The live records' values holding unique `entry` (their deletion frees them).
fn holding(company_id: Uuid, module: &str, record_type: &str, entry: &IndexEntry) -> Select<record_value::Entity> {
    use record_value::Column as V;
    record_value::Entity::find()
        .filter(V::CompanyId.eq(company_id))
        .filter(V::Module.eq(module))
        .filter(V::RecordType.eq(record_type))
        .filter(V::Field.eq(&entry.field))
        .filter(V::UniqueText.eq(entry.text.as_ref().map(|t| t.chars().take(INDEXED_CHARS).collect::<String>())))
}

/// The record of `kind` holding `data`'s value of unique field `field`, if any.
pub async fn holder(
    db: &impl ConnectionTrait,
    company_id: Uuid,
    kind: &Resolved,
    field: &str,
    data: &Map<String, Value>,
) -> ApiResult<Option<Uuid>> {
    let rt = kind.record_type();
    let Some(entry) = index::entries(rt, data).into_iter().find(|e| e.unique && e.field == field) else {
        return Ok(None);
    };
    let found = holding(company_id, kind.module(), &rt.code, &entry).one(db).await?;
    Ok(found.map(|v| v.record_id))
}

async fn record_exists(
    db: &impl ConnectionTrait,
    company_id: Uuid,
    module: &str,
    code: &str,
    id: Uuid,
) -> ApiResult<bool> {
    let found = record::Entity::find_live()
        .filter(record::Column::Id.eq(id))
        .filter(record::Column::CompanyId.eq(company_id))
        .filter(record::Column::Module.eq(module))
        .filter(record::Column::RecordType.eq(code));
    Ok(found.one(db).await?.is_some())
}

/// Replaces the record's filter and unique values.
pub async fn write_values(
    txn: &DatabaseTransaction,
    rt: &RecordType,
    row: &record::Model,
    data: &Map<String, Value>,
) -> ApiResult<()> {
    record_value::Entity::delete_many().filter(record_value::Column::RecordId.eq(row.id)).exec(txn).await?;
    let entries = index::entries(rt, data);
    if entries.is_empty() {
        return Ok(());
    }
    let rows = entries.into_iter().map(|entry| {
        // The side table's column holds 300 characters; a longer value is compared on
        // its first 300 (a long text filter or unique field of a package).
        let text = entry.text.map(|t| t.chars().take(INDEXED_CHARS).collect::<String>());
        record_value::ActiveModel {
            record_id: Set(row.id),
            field: Set(entry.field),
            company_id: Set(row.company_id),
            module: Set(row.module.clone()),
            record_type: Set(row.record_type.clone()),
            unique_text: Set(entry.unique.then(|| text.clone()).flatten()),
            text: Set(text),
            number: Set(entry.number),
        }
    });
    record_value::Entity::insert_many(rows)
        .exec_without_returning(txn)
        .await
        .map_err(|err| ApiError::unique_as(err, "taken", "Another record already holds one of these unique values."))?;
    Ok(())
}
