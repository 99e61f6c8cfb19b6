//! The generic API's rules for a package's records: the record type is found in the
//! installed packages and must be on for the caller's company (else 404); reads and
//! writes go through the scoped queries with the type's permissions; data is checked
//! against the type; a workflow moves records only along its transitions. Every write
//! is audited and written to the outbox (`<module>.<type>.created`, `.updated`,
//! `.transitioned`, `.deleted`) in its own transaction.

use std::sync::Arc;

use chrono::Utc;
use sea_orm::ActiveValue::Set;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter};
use serde_json::{Value, json};
use uuid::Uuid;

use super::files;
use super::index;
use super::out::{DefinitionsOut, RecordDetail, RecordIn, RecordOut, TransitionOut};
use super::store;
use super::validate::{self, Write};
use crate::app::AppState;
use crate::caller::Caller;
use crate::error::{ApiError, ApiResult};
use crate::http::revision;
use crate::infra::db::begin_write;
use crate::module::RecordAccess;
use crate::platform::audit::service::{self as audit, Change};
use crate::platform::modules::catalog::{self, InstalledPackage};
use crate::platform::modules::manifest::{RecordType, Transition};
use crate::platform::modules::model::{record, record_value};
use crate::platform::outbox::service as outbox;
use crate::platform::sequences::format::Period;
use crate::platform::sequences::service::{self as sequences, Layout};
use crate::scoped::get_in_reach;

/// The record type `module`/`code`, if installed and on for the caller's company.
pub struct Resolved {
    pub package: Arc<InstalledPackage>,
    pub index: usize,
}

impl Resolved {
    pub fn record_type(&self) -> &RecordType {
        &self.package.manifest.record_types[self.index]
    }

    pub fn module(&self) -> &str {
        &self.package.manifest.code
    }

    fn event(&self, verb: &str) -> String {
        format!("{}.{}.{verb}", self.module(), self.record_type().code)
    }

    pub fn model(&self) -> String {
        format!("{}.{}", self.module(), self.record_type().code)
    }
}

/// The module's record types the caller may view: 404 when the module is not
/// installed or is off for their company.
pub async fn definitions(state: &AppState, caller: &Caller, module: &str) -> ApiResult<DefinitionsOut> {
    let (catalog, on) = catalog::of_company(state, caller.company_id).await?;
    let package = catalog.package(module).filter(|_| on.contains(module)).ok_or(ApiError::not_found("module"))?;
    let manifest = &package.manifest;
    Ok(DefinitionsOut {
        module: manifest.code.clone(),
        name: manifest.name.clone(),
        version: package.version.to_string(),
        record_types: manifest
            .record_types
            .iter()
            .filter(|t| caller.perms.scope_of(&t.permissions.view).is_some())
            .cloned()
            .collect(),
    })
}

pub async fn resolve(state: &AppState, caller: &Caller, module: &str, code: &str) -> ApiResult<Resolved> {
    let (catalog, on) = catalog::of_company(state, caller.company_id).await?;
    let not_found = || ApiError::not_found("record type");
    let package = catalog.package(module).filter(|_| on.contains(module)).ok_or_else(not_found)?.clone();
    let index = package.manifest.record_types.iter().position(|t| t.code == code).ok_or_else(not_found)?;
    Ok(Resolved { package, index })
}

pub async fn get(state: &AppState, caller: &Caller, kind: &Resolved, id: Uuid) -> ApiResult<RecordDetail> {
    let row = find(&state.db, caller, kind, &kind.record_type().permissions.view, id).await?;
    Ok(detail(caller, kind, row))
}

/// Row `id` of the type in reach of `permission`: 404 otherwise.
async fn find(
    db: &impl ConnectionTrait,
    caller: &Caller,
    kind: &Resolved,
    permission: &str,
    id: Uuid,
) -> ApiResult<record::Model> {
    let row = get_in_reach::<record::Entity>(db, caller, permission, id).await?;
    if row.module != kind.module() || row.record_type != kind.record_type().code {
        return Err(ApiError::not_found("record"));
    }
    Ok(row)
}

fn detail(caller: &Caller, kind: &Resolved, row: record::Model) -> RecordDetail {
    let rt = kind.record_type();
    let transitions = rt
        .workflow
        .iter()
        .flat_map(|w| &w.transitions)
        .filter(|t| row.state.as_ref().is_some_and(|s| t.from.contains(s)))
        .filter(|t| caller.reaches(&t.permission, Some(row.company_id), row.created_by))
        .map(|t| TransitionOut { code: t.code.clone(), label: t.label.clone(), to: t.to.clone() })
        .collect();
    RecordDetail { record: row.into(), transitions }
}

pub async fn create(state: &AppState, caller: &Caller, kind: &Resolved, input: RecordIn) -> ApiResult<RecordDetail> {
    let txn = begin_write(&state.db).await?;
    let row = create_in(&txn, caller, kind, input).await?;
    txn.commit().await?;
    Ok(detail(caller, kind, row))
}

/// [`create`] in the caller's transaction: the stored row.
pub async fn create_in(
    txn: &DatabaseTransaction,
    caller: &Caller,
    kind: &Resolved,
    input: RecordIn,
) -> ApiResult<record::Model> {
    let rt = kind.record_type();
    caller.require(&rt.permissions.create)?;
    let data = validate::data(rt, &input.data, Write::Create).map_err(ApiError::Validation)?;
    let initial = rt.workflow.as_ref().map(|w| w.initial.clone());
    if let Some(state_def) = initial.as_deref().and_then(|s| rt.state(s)) {
        let missing = validate::required_for_state(rt, state_def, &data);
        if !missing.is_empty() {
            return Err(ApiError::Validation(missing));
        }
    }
    store::check_references(txn, caller.company_id, &kind.package.manifest, rt, &data, None).await?;
    let now = Utc::now();
    let number = match &rt.numbering {
        Some(numbering) => {
            let layout = Layout {
                prefix: numbering.prefix.clone(),
                padding: numbering.padding,
                period: match numbering.period {
                    crate::platform::modules::manifest::NumberingPeriod::Yearly => Period::Year,
                    crate::platform::modules::manifest::NumberingPeriod::Monthly => Period::Month,
                    crate::platform::modules::manifest::NumberingPeriod::Never => Period::None,
                },
            };
            Some(sequences::next_of(txn, caller.company_id, &kind.model(), &layout, now).await?.number)
        }
        None => None,
    };
    let row = record::ActiveModel {
        id: Set(Uuid::now_v7()),
        created_at: Set(now),
        updated_at: Set(now),
        created_by: Set(Some(caller.user_id)),
        updated_by: Set(Some(caller.user_id)),
        company_id: Set(caller.company_id),
        module: Set(kind.module().to_owned()),
        record_type: Set(rt.code.clone()),
        number: Set(number),
        state: Set(initial),
        title: Set(store::title_of(rt, &data)),
        search: Set(index::search_text(rt, &data)),
        data: Set(Value::Object(data.clone())),
        revision: Set(1),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    store::write_values(txn, rt, &row, &data).await?;
    let out = RecordOut::from(row.clone());
    record_change(txn, caller, row.company_id, kind, "create", None, &out).await?;
    outbox::emit(txn, Some(caller.company_id), &kind.event("created"), json!(out), &caller.actor).await?;
    Ok(row)
}

/// Changes the fields `input` names (`null` clears one), if the record is still at
/// `revision` (412 otherwise) and its state is not locked (409).
pub async fn update(
    state: &AppState,
    caller: &Caller,
    kind: &Resolved,
    id: Uuid,
    revision: Option<i32>,
    input: RecordIn,
) -> ApiResult<RecordDetail> {
    let revision = revision::required(revision, "record")?;
    let txn = begin_write(&state.db).await?;
    let current = find_to_edit(&txn, caller, kind, id).await?;
    revision::check("record", current.revision, revision)?;
    let row = update_in(&txn, caller, kind, current, input).await?;
    txn.commit().await?;
    Ok(detail(caller, kind, row))
}

/// Record `id` of the type if the caller may edit it: 404 otherwise.
pub async fn find_to_edit(
    db: &impl ConnectionTrait,
    caller: &Caller,
    kind: &Resolved,
    id: Uuid,
) -> ApiResult<record::Model> {
    find(db, caller, kind, &kind.record_type().permissions.edit, id).await
}

/// [`update`] of `current` (found by [`find_to_edit`], at the revision expected) in the
/// caller's transaction: the stored row.
pub async fn update_in(
    txn: &DatabaseTransaction,
    caller: &Caller,
    kind: &Resolved,
    current: record::Model,
    input: RecordIn,
) -> ApiResult<record::Model> {
    let rt = kind.record_type();
    let id = current.id;
    check_unlocked(rt, &current)?;
    let Value::Object(before) = &current.data else {
        return Err(anyhow::anyhow!("record {id} holds no object").into());
    };
    let data = validate::data(rt, &input.data, Write::Patch { current: before }).map_err(ApiError::Validation)?;
    if let Some(state_def) = current.state.as_deref().and_then(|s| rt.state(s)) {
        let missing = validate::required_for_state(rt, state_def, &data);
        if !missing.is_empty() {
            return Err(ApiError::Validation(missing));
        }
    }
    store::check_references(txn, current.company_id, &kind.package.manifest, rt, &data, Some(id)).await?;
    let before_out = RecordOut::from(current.clone());
    let revision = current.revision;
    let mut row: record::ActiveModel = current.into();
    row.title = Set(store::title_of(rt, &data));
    row.search = Set(index::search_text(rt, &data));
    row.data = Set(Value::Object(data.clone()));
    row.revision = Set(revision + 1);
    row.updated_at = Set(Utc::now());
    row.updated_by = Set(Some(caller.user_id));
    let row = row.update(txn).await?;
    store::write_values(txn, rt, &row, &data).await?;
    let out = RecordOut::from(row.clone());
    record_change(txn, caller, row.company_id, kind, "update", Some(&before_out), &out).await?;
    outbox::emit(txn, Some(row.company_id), &kind.event("updated"), json!(out), &caller.actor).await?;
    Ok(row)
}

/// Moves the record along the transition `code`: 404 for a transition the type does
/// not have, 403 without its permission, 409 naming the current state when it does not
/// start there, 422 naming the fields the new state needs.
pub async fn transition(
    state: &AppState,
    caller: &Caller,
    kind: &Resolved,
    id: Uuid,
    code: &str,
    revision: Option<i32>,
) -> ApiResult<RecordDetail> {
    let rt = kind.record_type();
    let transition: &Transition = rt
        .workflow
        .as_ref()
        .and_then(|w| w.transitions.iter().find(|t| t.code == code))
        .ok_or(ApiError::not_found("transition"))?;
    let txn = begin_write(&state.db).await?;
    let current = find(&txn, caller, kind, &rt.permissions.view, id).await?;
    if !caller.reaches(&transition.permission, Some(current.company_id), current.created_by) {
        return Err(ApiError::Forbidden { permission: transition.permission.clone() });
    }
    if let Some(revision) = revision {
        revision::check("record", current.revision, revision)?;
    }
    let from = current.state.clone().unwrap_or_default();
    if !transition.from.contains(&from) {
        return Err(ApiError::Conflict {
            code: "illegal_transition",
            detail: format!("The record is `{from}`: `{code}` starts from {}.", transition.from.join(", ")),
        });
    }
    let target = rt.state(&transition.to).ok_or_else(|| anyhow::anyhow!("state {} is not declared", transition.to))?;
    let Value::Object(data) = &current.data else { return Err(anyhow::anyhow!("record {id} holds no object").into()) };
    let mut missing = validate::required_for_state(rt, target, data);
    missing.extend(files::missing_for_state(&txn, &kind.model(), rt, target, id).await?);
    if !missing.is_empty() {
        return Err(ApiError::Validation(missing));
    }
    let before_out = RecordOut::from(current.clone());
    let revision = current.revision;
    let mut row: record::ActiveModel = current.into();
    row.state = Set(Some(transition.to.clone()));
    row.revision = Set(revision + 1);
    row.updated_at = Set(Utc::now());
    row.updated_by = Set(Some(caller.user_id));
    let row = row.update(&txn).await?;
    let out = RecordOut::from(row.clone());
    record_change(&txn, caller, row.company_id, kind, "transition", Some(&before_out), &out).await?;
    let mut event = json!(out);
    event["transition"] = json!({ "code": code, "from": from, "to": transition.to });
    outbox::emit(&txn, Some(row.company_id), &kind.event("transitioned"), event, &caller.actor).await?;
    txn.commit().await?;
    Ok(detail(caller, kind, row))
}

/// Soft-deletes the record; its unique values are free again.
pub async fn delete(state: &AppState, caller: &Caller, kind: &Resolved, id: Uuid) -> ApiResult<()> {
    let rt = kind.record_type();
    let txn = begin_write(&state.db).await?;
    let current = find(&txn, caller, kind, &rt.permissions.delete, id).await?;
    check_unlocked(rt, &current)?;
    let (out, company_id) = (RecordOut::from(current.clone()), current.company_id);
    let mut row: record::ActiveModel = current.into();
    row.deleted_at = Set(Some(Utc::now()));
    row.deleted_by = Set(Some(caller.user_id));
    row.update(&txn).await?;
    record_value::Entity::delete_many().filter(record_value::Column::RecordId.eq(id)).exec(&txn).await?;
    let change = Change {
        company_id,
        action: "delete",
        model: &kind.model(),
        object_id: Some(id.to_string()),
        before: Some(json!(out)),
        after: None,
    };
    audit::record(&txn, &caller.actor, change).await?;
    outbox::emit(&txn, Some(company_id), &kind.event("deleted"), json!(out), &caller.actor).await?;
    txn.commit().await?;
    Ok(())
}

/// Whether the caller may see (the type's view permission) or change (edit, and the
/// record's state not locked) record `id`'s files.
pub async fn check_files_access(
    state: &AppState,
    caller: &Caller,
    kind: &Resolved,
    id: Uuid,
    access: RecordAccess,
) -> ApiResult<()> {
    let rt = kind.record_type();
    let row = find(&state.db, caller, kind, &rt.permissions.view, id).await?;
    if access == RecordAccess::Change {
        if !caller.reaches(&rt.permissions.edit, Some(row.company_id), row.created_by) {
            return Err(ApiError::Forbidden { permission: rt.permissions.edit.clone() });
        }
        check_unlocked(rt, &row)?;
    }
    Ok(())
}

fn check_unlocked(rt: &RecordType, row: &record::Model) -> ApiResult<()> {
    match row.state.as_deref().and_then(|s| rt.state(s)) {
        Some(state) if state.locked => Err(ApiError::Conflict {
            code: "record_locked",
            detail: format!("The record is `{}` and can no longer be changed.", state.code),
        }),
        _ => Ok(()),
    }
}

async fn record_change(
    txn: &DatabaseTransaction,
    caller: &Caller,
    company_id: Uuid,
    kind: &Resolved,
    action: &str,
    before: Option<&RecordOut>,
    after: &RecordOut,
) -> ApiResult<()> {
    let change = Change {
        company_id,
        action,
        model: &kind.model(),
        object_id: Some(after.id.to_string()),
        before: before.map(|b| json!(b)),
        after: Some(json!(after)),
    };
    audit::record(txn, &caller.actor, change).await
}
