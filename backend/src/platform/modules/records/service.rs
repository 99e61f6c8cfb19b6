//! The generic API's rules for a package's records: the record type is found in the
//! installed packages and must be on for the caller's company (else 404); reads and
//! writes go through the scoped queries with the type's permissions; data is checked
//! against the type; a workflow moves records only along its transitions. Every write
//! is audited and written to the outbox (`<module>.<type>.created`, `.updated`,
//! `.transitioned`, `.deleted`) in its own transaction.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use sea_orm::ActiveValue::Set;
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};
use utoipa::ToSchema;
use uuid::Uuid;

use super::index::{self, Filter, FilterValue, Op};
use super::validate::{self, Write};
use crate::app::AppState;
use crate::caller::Caller;
use crate::error::{ApiError, ApiResult, FieldError};
use crate::http::pagination::{Page, PageQuery};
use crate::infra::db::{begin_write, contains_ignoring_case};
use crate::platform::audit::service::{self as audit, Change};
use crate::platform::modules::catalog::{self, InstalledPackage};
use crate::platform::modules::manifest::{FieldType, Label, RecordType, Transition};
use crate::platform::modules::model::{record, record_value};
use crate::platform::outbox::service as outbox;
use crate::platform::sequences::format::Period;
use crate::platform::sequences::service::{self as sequences, Layout};
use crate::platform::users::model as user;
use crate::scoped::{find_in_reach, get_in_reach, list_in_reach};

/// A record as the API returns it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RecordOut {
    pub id: Uuid,
    #[schema(example = "lifting")]
    pub module: String,
    #[schema(example = "inspection")]
    pub record_type: String,
    #[schema(example = "LIFT-2026-00042")]
    pub number: Option<String>,
    /// Its workflow state.
    #[schema(example = "planned")]
    pub state: Option<String>,
    pub title: String,
    /// The fields' values, by field code, as the record type declares them.
    #[schema(value_type = Object)]
    pub data: Value,
    /// Send it back in `If-Match` to change the record.
    pub revision: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub created_by: Option<Uuid>,
    pub updated_by: Option<Uuid>,
}

impl From<record::Model> for RecordOut {
    fn from(row: record::Model) -> Self {
        Self {
            id: row.id,
            module: row.module,
            record_type: row.record_type,
            number: row.number,
            state: row.state,
            title: row.title,
            data: row.data,
            revision: row.revision,
            created_at: row.created_at,
            updated_at: row.updated_at,
            created_by: row.created_by,
            updated_by: row.updated_by,
        }
    }
}

/// A record with the workflow moves the caller may make now.
#[derive(Debug, Serialize, ToSchema)]
pub struct RecordDetail {
    #[serde(flatten)]
    pub record: RecordOut,
    pub transitions: Vec<TransitionOut>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TransitionOut {
    #[schema(example = "complete")]
    pub code: String,
    pub label: Label,
    pub to: String,
}

/// The data is checked against the record type by `validate::data`, not here.
#[derive(Debug, Deserialize, ToSchema, validator::Validate)]
#[serde(deny_unknown_fields)]
pub struct RecordIn {
    /// Field values by field code.
    #[schema(value_type = Object)]
    pub data: Map<String, Value>,
}

/// What narrows a list: `q` searches the type's search fields, `state` a workflow
/// state, `updated_since` changes from a time; any other parameter names a filter field
/// (`result=fail`, `due_date_from=2026-01-01`, `due_date_to=…`).
#[derive(Debug, Default)]
pub struct ListFilter {
    pub q: Option<String>,
    pub state: Option<String>,
    pub updated_since: Option<DateTime<Utc>>,
    pub fields: BTreeMap<String, String>,
}

/// The record type `module`/`code`, if installed and on for the caller's company.
pub struct Resolved {
    pub package: Arc<InstalledPackage>,
    pub index: usize,
}

impl Resolved {
    pub fn record_type(&self) -> &RecordType {
        &self.package.manifest.record_types[self.index]
    }

    fn module(&self) -> &str {
        &self.package.manifest.code
    }

    fn event(&self, verb: &str) -> String {
        format!("{}.{}.{verb}", self.module(), self.record_type().code)
    }

    fn model(&self) -> String {
        format!("{}.{}", self.module(), self.record_type().code)
    }
}

/// A package's record types as their users see them, for the generic screens.
#[derive(Debug, Serialize, ToSchema)]
pub struct DefinitionsOut {
    #[schema(example = "lifting")]
    pub module: String,
    pub name: Label,
    pub version: String,
    /// The types whose records the caller may view.
    pub record_types: Vec<RecordType>,
}

/// The module's record types the caller may view: 404 when the module is not
/// installed or is off for their company.
pub async fn definitions(state: &AppState, caller: &Caller, module: &str) -> ApiResult<DefinitionsOut> {
    let catalog = catalog::catalog(state).await?;
    let package = catalog.package(module).ok_or(ApiError::not_found("module"))?;
    catalog::require_on(state, caller.company_id, module).await?;
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
    let catalog = catalog::catalog(state).await?;
    let package = catalog.package(module).ok_or(ApiError::not_found("record type"))?.clone();
    let index =
        package.manifest.record_types.iter().position(|t| t.code == code).ok_or(ApiError::not_found("record type"))?;
    catalog::require_on(state, caller.company_id, module).await.map_err(|e| e.not_found_as("record type"))?;
    Ok(Resolved { package, index })
}

fn of_type(kind: &Resolved) -> impl Fn(sea_orm::Select<record::Entity>) -> sea_orm::Select<record::Entity> + '_ {
    move |rows| {
        rows.filter(record::Column::Module.eq(kind.module()))
            .filter(record::Column::RecordType.eq(&kind.record_type().code))
    }
}

pub async fn list(
    state: &AppState,
    caller: &Caller,
    kind: &Resolved,
    filter: ListFilter,
    page: &PageQuery,
) -> ApiResult<Page<RecordOut>> {
    let rt = kind.record_type();
    let mut conditions = Vec::new();
    let mut errors = Vec::new();
    for (name, raw) in &filter.fields {
        match index::parse_filter(rt, name, raw) {
            Ok(condition) => conditions.push(condition),
            Err(error) => errors.push(error),
        }
    }
    if let Some(wanted) = &filter.state
        && rt.state(wanted).is_none()
    {
        errors.push(FieldError {
            field: "state".into(),
            code: "unknown_state".into(),
            message: format!("`{wanted}` is not a state of this record type"),
        });
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let narrow = |rows: sea_orm::Select<record::Entity>| {
        let mut rows = of_type(kind)(rows);
        if let Some(q) = filter.q.as_deref().filter(|q| !q.trim().is_empty()) {
            rows = rows.filter(Expr::col(record::Column::Search).like(contains_ignoring_case(q)));
        }
        if let Some(wanted) = &filter.state {
            rows = rows.filter(record::Column::State.eq(wanted));
        }
        if let Some(since) = filter.updated_since {
            rows = rows.filter(record::Column::UpdatedAt.gte(since));
        }
        for condition in &conditions {
            rows = rows.filter(record::Column::Id.in_subquery(matching(kind, condition)));
        }
        rows
    };
    let page = list_in_reach::<record::Entity>(&state.db, caller, &rt.permissions.view, narrow, page).await?;
    Ok(page.map(RecordOut::from))
}

/// The ids of records of the type whose value of the filter's field matches it.
fn matching(kind: &Resolved, filter: &Filter) -> sea_orm::sea_query::SelectStatement {
    use record_value::Column as V;
    let (column, value): (V, sea_orm::Value) = match &filter.value {
        FilterValue::Text(text) => (V::Text, text.clone().into()),
        FilterValue::Number(number) => (V::Number, (*number).into()),
    };
    let compared = match filter.op {
        Op::Equals => Expr::col(column).eq(value),
        Op::AtLeast => Expr::col(column).gte(value),
        Op::AtMost => Expr::col(column).lte(value),
    };
    Query::select()
        .column(V::RecordId)
        .from(record_value::Entity)
        .and_where(Expr::col(V::Module).eq(kind.module()))
        .and_where(Expr::col(V::RecordType).eq(&kind.record_type().code))
        .and_where(Expr::col(V::Field).eq(&filter.field))
        .and_where(compared)
        .to_owned()
}

pub async fn get(state: &AppState, caller: &Caller, kind: &Resolved, id: Uuid) -> ApiResult<RecordDetail> {
    let row = find(state, caller, kind, &kind.record_type().permissions.view, id).await?;
    Ok(detail(caller, kind, row))
}

/// Row `id` of the type in reach of `permission`: 404 otherwise.
async fn find(
    state: &AppState,
    caller: &Caller,
    kind: &Resolved,
    permission: &str,
    id: Uuid,
) -> ApiResult<record::Model> {
    let row = get_in_reach::<record::Entity>(&state.db, caller, permission, id).await?;
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
    let txn = begin_write(&state.db).await?;
    check_references(&txn, caller.company_id, kind, &data, None).await?;
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
            Some(sequences::next_of(&txn, caller.company_id, &kind.model(), &layout, now).await?.number)
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
        title: Set(title_of(rt, &data)),
        search: Set(index::search_text(rt, &data)),
        data: Set(Value::Object(data.clone())),
        revision: Set(1),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    write_values(&txn, kind, &row, &data).await?;
    let out = RecordOut::from(row.clone());
    record_change(&txn, caller, row.company_id, kind, "create", None, &out).await?;
    outbox::emit(&txn, Some(caller.company_id), &kind.event("created"), json!(out), &caller.actor).await?;
    txn.commit().await?;
    Ok(detail(caller, kind, row))
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
    let rt = kind.record_type();
    let revision = revision.ok_or_else(|| ApiError::Precondition {
        required: true,
        code: "if_match_required",
        detail: "Send the record's revision in If-Match: a change must know what it changes.".into(),
    })?;
    let txn = begin_write(&state.db).await?;
    let current = find_in(&txn, caller, kind, &rt.permissions.edit, id).await?;
    check_revision(&current, revision)?;
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
    check_references(&txn, current.company_id, kind, &data, Some(id)).await?;
    let before_out = RecordOut::from(current.clone());
    let mut row: record::ActiveModel = current.into();
    row.title = Set(title_of(rt, &data));
    row.search = Set(index::search_text(rt, &data));
    row.data = Set(Value::Object(data.clone()));
    row.revision = Set(revision + 1);
    row.updated_at = Set(Utc::now());
    row.updated_by = Set(Some(caller.user_id));
    let row = row.update(&txn).await?;
    write_values(&txn, kind, &row, &data).await?;
    let out = RecordOut::from(row.clone());
    record_change(&txn, caller, row.company_id, kind, "update", Some(&before_out), &out).await?;
    outbox::emit(&txn, Some(row.company_id), &kind.event("updated"), json!(out), &caller.actor).await?;
    txn.commit().await?;
    Ok(detail(caller, kind, row))
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
    let current = find_in(&txn, caller, kind, &rt.permissions.view, id).await?;
    if !caller.reaches(&transition.permission, Some(current.company_id), current.created_by) {
        return Err(ApiError::Forbidden { permission: transition.permission.clone() });
    }
    if let Some(revision) = revision {
        check_revision(&current, revision)?;
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
    let missing = validate::required_for_state(rt, target, data);
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
    let current = find_in(&txn, caller, kind, &rt.permissions.delete, id).await?;
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

/// [`find`] inside a write transaction.
async fn find_in(
    txn: &DatabaseTransaction,
    caller: &Caller,
    kind: &Resolved,
    permission: &str,
    id: Uuid,
) -> ApiResult<record::Model> {
    let row = find_in_reach::<record::Entity>(caller, permission)?
        .filter(record::Column::Id.eq(id))
        .one(txn)
        .await?
        .ok_or(ApiError::not_found("record"))?;
    if row.module != kind.module() || row.record_type != kind.record_type().code {
        return Err(ApiError::not_found("record"));
    }
    Ok(row)
}

fn check_revision(row: &record::Model, revision: i32) -> ApiResult<()> {
    if row.revision == revision {
        return Ok(());
    }
    Err(ApiError::Precondition {
        required: false,
        code: "revision_mismatch",
        detail: format!("The record changed since revision {revision}; it is at {}. Read it again.", row.revision),
    })
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

fn title_of(rt: &RecordType, data: &Map<String, Value>) -> String {
    index::title(rt, data).chars().take(300).collect()
}

/// 422 naming each link to a user or record the company does not have, and each unique
/// value another live record of the company holds.
async fn check_references(
    txn: &DatabaseTransaction,
    company_id: Uuid,
    kind: &Resolved,
    data: &Map<String, Value>,
    this: Option<Uuid>,
) -> ApiResult<()> {
    let rt = kind.record_type();
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
                (_, None) => false,
                (Some("users"), Some(id)) => user_exists(txn, company_id, id).await?,
                (Some(other), Some(id)) if rt_exists(kind, other) => {
                    record_exists(txn, company_id, kind, other, id).await?
                }
                // Sites arrive with the sites register; until then the id is kept as given.
                _ => true,
            };
            if !exists {
                errors.push(error("unknown_link", "no such record in this company"));
            }
        }
    }
    for entry in index::entries(rt, data).into_iter().filter(|e| e.unique) {
        use record_value::Column as V;
        let mut taken = record_value::Entity::find()
            .filter(V::CompanyId.eq(company_id))
            .filter(V::Module.eq(kind.module()))
            .filter(V::RecordType.eq(&rt.code))
            .filter(V::Field.eq(&entry.field))
            .filter(V::UniqueText.eq(entry.text.clone()));
        if let Some(this) = this {
            taken = taken.filter(V::RecordId.ne(this));
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

fn rt_exists(kind: &Resolved, code: &str) -> bool {
    kind.package.manifest.record_type(code).is_some()
}

async fn user_exists(db: &impl ConnectionTrait, company_id: Uuid, id: Uuid) -> ApiResult<bool> {
    use crate::infra::db::BaseEntity;
    let found =
        user::Entity::find_live().filter(user::Column::Id.eq(id)).filter(user::Column::CompanyId.eq(company_id));
    Ok(found.one(db).await?.is_some())
}

async fn record_exists(
    db: &impl ConnectionTrait,
    company_id: Uuid,
    kind: &Resolved,
    code: &str,
    id: Uuid,
) -> ApiResult<bool> {
    use crate::infra::db::BaseEntity;
    let found = record::Entity::find_live()
        .filter(record::Column::Id.eq(id))
        .filter(record::Column::CompanyId.eq(company_id))
        .filter(record::Column::Module.eq(kind.module()))
        .filter(record::Column::RecordType.eq(code));
    Ok(found.one(db).await?.is_some())
}

/// Replaces the record's filter and unique values.
async fn write_values(
    txn: &DatabaseTransaction,
    kind: &Resolved,
    row: &record::Model,
    data: &Map<String, Value>,
) -> ApiResult<()> {
    record_value::Entity::delete_many().filter(record_value::Column::RecordId.eq(row.id)).exec(txn).await?;
    let entries = index::entries(kind.record_type(), data);
    if entries.is_empty() {
        return Ok(());
    }
    let rows = entries.into_iter().map(|entry| record_value::ActiveModel {
        record_id: Set(row.id),
        field: Set(entry.field),
        company_id: Set(row.company_id),
        module: Set(row.module.clone()),
        record_type: Set(row.record_type.clone()),
        unique_text: Set(entry.unique.then(|| entry.text.clone()).flatten()),
        text: Set(entry.text),
        number: Set(entry.number),
    });
    record_value::Entity::insert_many(rows)
        .exec_without_returning(txn)
        .await
        .map_err(|err| ApiError::unique_as(err, "taken", "Another record already holds one of these unique values."))?;
    Ok(())
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
