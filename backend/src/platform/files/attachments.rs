//! Attachments: a file on a record of any module (`model`, `record_id`), in an order,
//! with a caption. Who may see or change them is the owning module's rule
//! (`Module::attachment_rules`), checked on every route; how many files of a purpose a
//! record holds is the rule's limit.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::ActiveValue::Set;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, IntoActiveModel, PaginatorTrait,
    QueryFilter, QueryOrder,
};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

use super::model::{attachment, file};
use super::service::{self, FileOut};
use crate::app::AppState;
use crate::caller::Caller;
use crate::error::{ApiError, ApiResult, FieldError};
use crate::infra::db::{BaseEntity, begin_write, take_turns};
use crate::module::{Attachable, RecordAccess};
use crate::platform::audit::service::{self as audit, Change};
use crate::registry::MODULES;

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AttachIn {
    /// An upload of yours (`POST /api/v1/files`), clean.
    pub file_id: Uuid,
    /// The record's model, e.g. `user` (see `GET /api/v1/files/purposes`).
    #[validate(length(min = 1, max = 100))]
    pub model: String,
    pub record_id: Uuid,
    #[validate(length(max = 500))]
    pub caption: Option<String>,
    /// Place among the record's attachments; after the last one when left out.
    #[validate(range(min = 0, max = 10_000))]
    pub position: Option<i32>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AttachmentPatch {
    /// A new caption; an empty one removes it.
    #[validate(length(max = 500))]
    pub caption: Option<String>,
    #[validate(range(min = 0, max = 10_000))]
    pub position: Option<i32>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AttachmentOut {
    pub id: Uuid,
    #[schema(example = "user")]
    pub model: String,
    pub record_id: Uuid,
    pub position: i32,
    pub caption: Option<String>,
    pub file: FileOut,
    pub created_at: DateTime<Utc>,
    pub created_by: Option<Uuid>,
}

impl AttachmentOut {
    fn of(a: attachment::Model, f: file::Model) -> Self {
        Self {
            id: a.id,
            model: a.model,
            record_id: a.record_id,
            position: a.position,
            caption: a.caption,
            file: FileOut::from(f),
            created_at: a.created_at,
            created_by: a.created_by,
        }
    }
}

/// The rule of `model`, among those in force for the company.
pub async fn rule(state: &AppState, company_id: Uuid, model: &str) -> ApiResult<Attachable> {
    let mut rules = rules(state, company_id).await?;
    match rules.iter().position(|r| r.model == model) {
        Some(found) => Ok(rules.swap_remove(found)),
        None => {
            let known: Vec<_> = rules.iter().map(|r| r.model.as_str()).collect();
            Err(ApiError::field(
                "model",
                "unknown",
                format!("files attach to none of this; one of: {}", known.join(", ")),
            ))
        }
    }
}

/// The records files attach to in the company: every module's, and the record types of
/// the packages it has on.
pub async fn rules(state: &AppState, company_id: Uuid) -> ApiResult<Vec<Attachable>> {
    let mut rules: Vec<Attachable> = MODULES.iter().flat_map(|m| m.attachment_rules()).map(Attachable::from).collect();
    for module in MODULES {
        rules.extend(module.runtime_attachment_rules(state, company_id).await?);
    }
    Ok(rules)
}

/// Attaches an upload to a record, within the rule's limit for its purpose.
pub async fn attach(state: &AppState, caller: &Caller, input: AttachIn) -> ApiResult<AttachmentOut> {
    let rule = rule(state, caller.company_id, &input.model).await?;
    (rule.check)(state, caller, &rule.model, input.record_id, RecordAccess::Change).await?;
    let file = service::readable(&state.db, caller, input.file_id).await?;
    if !service::usable(&file.status) {
        return Err(ApiError::Conflict {
            code: "file_not_clean",
            detail: format!("the file is {}; it can be attached once it is scanned clean", file.status),
        });
    }
    let Some(&(_, limit)) = rule.purposes.iter().find(|(purpose, _)| *purpose == file.purpose) else {
        let taken: Vec<_> = rule.purposes.iter().map(|(p, _)| p.as_str()).collect();
        return Err(ApiError::field(
            "file_id",
            "purpose",
            format!("a {} takes files for {}, not {}", rule.model, taken.join(", "), file.purpose),
        ));
    };
    let txn = begin_write(&state.db).await?;
    // Attaching to one record takes turns, so two uploads cannot both take its last place.
    take_turns(&txn, &format!("attachments:{}:{}", rule.model, input.record_id)).await?;
    let current = live_on(&txn, &rule.model, input.record_id).await?;
    if current.iter().any(|(a, _)| a.file_id == file.id) {
        return Err(ApiError::Conflict {
            code: "already_attached",
            detail: "the file is already attached to this record".into(),
        });
    }
    let same_purpose = current.iter().filter(|(_, f)| f.purpose == file.purpose).count();
    if same_purpose >= limit as usize {
        return Err(ApiError::Unprocessable {
            code: "attachment_limit",
            detail: format!("a {} holds at most {limit} files for {}", rule.model, file.purpose),
        });
    }
    let position = input.position.unwrap_or_else(|| current.iter().map(|(a, _)| a.position + 1).max().unwrap_or(0));
    let caption = input.caption.filter(|c| !c.trim().is_empty());
    let out = insert(&txn, caller, (&rule.model, input.record_id), file, position, caption).await?;
    txn.commit().await?;
    Ok(out)
}

/// Attaches uploads to a record changed in `txn`, after its files, in the order given:
/// files the caller may read, clean, of `purpose`, each once, `limit` of that purpose at
/// most. The record's change comes with its files or not at all; each refusal names
/// `<field>[<index>]` (or `<field>` for one too many).
pub async fn attach_new(
    txn: &DatabaseTransaction,
    caller: &Caller,
    (model, record_id): (&str, Uuid),
    (purpose, limit): (&str, u32),
    field: &str,
    file_ids: &[Uuid],
) -> ApiResult<Vec<AttachmentOut>> {
    if file_ids.is_empty() {
        return Ok(Vec::new());
    }
    let current = live_on(txn, model, record_id).await?;
    let held = current.iter().filter(|(_, f)| f.purpose == purpose).count();
    if held + file_ids.len() > limit as usize {
        return Err(ApiError::Validation(vec![FieldError::new(
            field,
            "too_many",
            format!("a {model} holds at most {limit} files for {purpose}; it has {held}"),
        )]));
    }
    let first = current.iter().map(|(a, _)| a.position + 1).max().unwrap_or(0);
    let mut errors = Vec::new();
    let mut found = Vec::new();
    for (index, id) in file_ids.iter().enumerate() {
        let error = |code: &str, message: String| FieldError::new(format!("{field}[{index}]"), code, message);
        if file_ids[..index].contains(id) {
            errors.push(error("duplicate", "this file is already in the list".into()));
            continue;
        }
        match service::readable(txn, caller, *id).await {
            Ok(file) if file.purpose != purpose => {
                errors.push(error("purpose", format!("a {model} takes files for {purpose}, not {}", file.purpose)))
            }
            Ok(file) if !service::usable(&file.status) => errors.push(error(
                "file_not_clean",
                format!("the file is {}; attach it once it is scanned clean", file.status),
            )),
            Ok(file) => found.push(file),
            Err(ApiError::NotFound { .. }) => errors.push(error("unknown_file", "no such upload of yours".into())),
            Err(other) => return Err(other),
        }
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let mut attached = Vec::with_capacity(found.len());
    for (offset, file) in found.into_iter().enumerate() {
        let position = first.saturating_add(i32::try_from(offset).unwrap_or(i32::MAX));
        attached.push(insert(txn, caller, (model, record_id), file, position, None).await?);
    }
    Ok(attached)
}

/// Saves one attachment and its audit entry, in the caller's transaction.
async fn insert(
    txn: &DatabaseTransaction,
    caller: &Caller,
    (model, record_id): (&str, Uuid),
    file: file::Model,
    position: i32,
    caption: Option<String>,
) -> ApiResult<AttachmentOut> {
    let saved = attachment::ActiveModel {
        company_id: Set(caller.company_id),
        file_id: Set(file.id),
        model: Set(model.to_owned()),
        record_id: Set(record_id),
        position: Set(position),
        caption: Set(caption),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    let out = AttachmentOut::of(saved, file);
    audit::record(txn, &caller.actor, change(caller, "create", &out, None, Some(json!(out)))).await?;
    Ok(out)
}

/// The record's attachments, in order.
pub async fn list(state: &AppState, caller: &Caller, model: &str, record_id: Uuid) -> ApiResult<Vec<AttachmentOut>> {
    let rule = rule(state, caller.company_id, model).await?;
    (rule.check)(state, caller, &rule.model, record_id, RecordAccess::See).await?;
    let found = live_on(&state.db, &rule.model, record_id).await?;
    Ok(found.into_iter().map(|(a, f)| AttachmentOut::of(a, f)).collect())
}

/// Attachment `id` and its file, if the caller may do `access` on its record; another
/// company's, or one on a record they cannot see, is a 404.
pub async fn find(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    access: RecordAccess,
) -> ApiResult<(attachment::Model, file::Model)> {
    let not_found = || ApiError::not_found("attachment");
    let found = attachment::Entity::find_live_by_id(id)
        .filter(attachment::Column::CompanyId.eq(caller.company_id))
        .one(&state.db)
        .await?
        .ok_or_else(not_found)?;
    let rule = rule(state, caller.company_id, &found.model).await.map_err(|_| not_found())?;
    (rule.check)(state, caller, &rule.model, found.record_id, access)
        .await
        .map_err(|e| e.not_found_as("attachment"))?;
    let file = file::Entity::find_by_id(found.file_id).one(&state.db).await?.ok_or_else(not_found)?;
    Ok((found, file))
}

pub async fn update(state: &AppState, caller: &Caller, id: Uuid, patch: AttachmentPatch) -> ApiResult<AttachmentOut> {
    let (found, file) = find(state, caller, id, RecordAccess::Change).await?;
    let before = json!(AttachmentOut::of(found.clone(), file.clone()));
    let mut active = found.into_active_model();
    if let Some(caption) = patch.caption {
        active.caption = Set(Some(caption).filter(|c| !c.trim().is_empty()));
    }
    if let Some(position) = patch.position {
        active.position = Set(position);
    }
    let txn = begin_write(&state.db).await?;
    let saved = active.update(&txn).await?;
    let out = AttachmentOut::of(saved, file);
    audit::record(&txn, &caller.actor, change(caller, "update", &out, Some(before), Some(json!(out)))).await?;
    txn.commit().await?;
    Ok(out)
}

/// Soft-deletes an attachment; the clean-up removes it (and its file, when nothing else
/// holds it) after the retention period.
pub async fn delete(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<()> {
    let (found, file) = find(state, caller, id, RecordAccess::Change).await?;
    let out = AttachmentOut::of(found, file);
    let txn = begin_write(&state.db).await?;
    attachment::Entity::soft_delete(&txn, id, Some(caller.user_id)).await?;
    audit::record(&txn, &caller.actor, change(caller, "delete", &out, Some(json!(out)), None)).await?;
    txn.commit().await?;
    Ok(())
}

/// Whether a live attachment holds the file.
pub async fn is_attached(db: &impl ConnectionTrait, file_id: Uuid) -> ApiResult<bool> {
    let count = attachment::Entity::find_live().filter(attachment::Column::FileId.eq(file_id)).count(db).await?;
    Ok(count > 0)
}

/// The purposes of the files attached to a record, once each.
pub async fn purposes_on(db: &impl ConnectionTrait, model: &str, record_id: Uuid) -> ApiResult<Vec<String>> {
    let mut purposes: Vec<String> = live_on(db, model, record_id).await?.into_iter().map(|(_, f)| f.purpose).collect();
    purposes.sort();
    purposes.dedup();
    Ok(purposes)
}

/// The live attachments of a record with their files, in order.
async fn live_on(
    db: &impl ConnectionTrait,
    model: &str,
    record_id: Uuid,
) -> ApiResult<Vec<(attachment::Model, file::Model)>> {
    let found = attachment::Entity::find_live()
        .filter(attachment::Column::Model.eq(model))
        .filter(attachment::Column::RecordId.eq(record_id))
        .order_by_asc(attachment::Column::Position)
        .order_by_asc(attachment::Column::Id)
        .all(db)
        .await?;
    let ids: Vec<Uuid> = found.iter().map(|a| a.file_id).collect();
    let mut files: HashMap<Uuid, file::Model> = file::Entity::find()
        .filter(file::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|f| (f.id, f))
        .collect();
    Ok(found.into_iter().filter_map(|a| files.remove(&a.file_id).map(|f| (a, f))).collect())
}

fn change<'a>(
    caller: &Caller,
    action: &'a str,
    out: &AttachmentOut,
    before: Option<serde_json::Value>,
    after: Option<serde_json::Value>,
) -> Change<'a> {
    Change {
        company_id: caller.company_id,
        action,
        model: "attachment",
        object_id: Some(out.id.to_string()),
        before,
        after,
    }
}
