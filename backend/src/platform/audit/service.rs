//! Writing, reading and verifying the audit trail.

use chrono::{DateTime, SubsecRound, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde_json::{Map, Value, json};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::model::{self, Entity as AuditLog};
use crate::caller::Caller;
use crate::error::{ApiError, ApiResult};
use crate::http::pagination::{Page, PageQuery, paginate_by_id};
use crate::infra::db::take_turns;
use crate::module::Module;
use crate::platform::rbac::scope::Scope;
use crate::scoped::find_in_reach;

const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Who made a change, and from where.
#[derive(Debug, Clone, Default)]
pub struct Actor {
    pub user_id: Option<Uuid>,
    pub api_token_id: Option<Uuid>,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
    pub request_id: Option<String>,
}

/// A change to record. `before`/`after` are the resource as the API shows it (never
/// secrets); only the fields that differ are kept.
pub struct Change<'a> {
    pub company_id: Uuid,
    pub action: &'a str,
    pub model: &'a str,
    pub object_id: Option<String>,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

/// Appends one entry to the company's chain, inside the transaction of the change: both
/// commit, or neither. The chain's writers take turns until their transaction ends, so
/// two cannot take the same place in it.
pub async fn record(db: &DatabaseTransaction, actor: &Actor, change: Change<'_>) -> ApiResult<()> {
    take_turns(db, &format!("audit:{}", change.company_id)).await?;
    let last = AuditLog::find()
        .filter(model::Column::CompanyId.eq(change.company_id))
        .order_by_desc(model::Column::Seq)
        .limit(1)
        .one(db)
        .await?;
    let (seq, prev_hash) = last.map_or((1, GENESIS.to_owned()), |l| (l.seq + 1, l.hash));
    let mut entry = model::Model {
        id: Uuid::now_v7(),
        seq,
        company_id: change.company_id,
        // Stored precision (PostgreSQL keeps microseconds) so the hash recomputes.
        created_at: Utc::now().trunc_subsecs(6),
        user_id: actor.user_id,
        api_token_id: actor.api_token_id,
        action: change.action.to_owned(),
        model: change.model.to_owned(),
        object_id: change.object_id,
        changes: diff(change.before, change.after),
        ip: actor.ip.clone(),
        user_agent: actor.user_agent.clone(),
        request_id: actor.request_id.clone(),
        prev_hash,
        hash: String::new(),
    };
    entry.hash = entry_hash(&entry);
    let active: model::ActiveModel = entry.into();
    AuditLog::insert(active).exec_without_returning(db).await?;
    Ok(())
}

/// `{"before": {changed fields}, "after": {changed fields}}`; whole objects for a
/// creation or deletion.
pub fn diff(before: Option<Value>, after: Option<Value>) -> Option<Value> {
    match (before, after) {
        (None, None) => None,
        (Some(Value::Object(b)), Some(Value::Object(a))) => {
            let mut changed_before = Map::new();
            let mut changed_after = Map::new();
            for key in b.keys().chain(a.keys()) {
                let (old, new) = (b.get(key).unwrap_or(&Value::Null), a.get(key).unwrap_or(&Value::Null));
                if old != new && !changed_after.contains_key(key) {
                    changed_before.insert(key.clone(), old.clone());
                    changed_after.insert(key.clone(), new.clone());
                }
            }
            Some(json!({ "before": changed_before, "after": changed_after }))
        }
        (before, after) => Some(json!({ "before": before, "after": after })),
    }
}

/// SHA-256 over every field but the hash, in a canonical form that survives the
/// database round trip (sorted JSON keys, microsecond times).
pub fn entry_hash(e: &model::Model) -> String {
    let opt = |v: &Option<String>| v.clone().unwrap_or_default();
    let uuid = |v: &Option<Uuid>| v.map(|u| u.to_string()).unwrap_or_default();
    let material = [
        e.prev_hash.clone(),
        e.seq.to_string(),
        e.company_id.to_string(),
        timestamp(e.created_at),
        uuid(&e.user_id),
        uuid(&e.api_token_id),
        e.action.clone(),
        e.model.clone(),
        opt(&e.object_id),
        e.changes.as_ref().map(canonical).unwrap_or_default(),
        opt(&e.ip),
        opt(&e.user_agent),
        opt(&e.request_id),
    ];
    let mut hasher = Sha256::new();
    for part in material {
        hasher.update(part.len().to_be_bytes());
        hasher.update(part.as_bytes());
    }
    hex::encode(hasher.finalize())
}

fn timestamp(at: DateTime<Utc>) -> String {
    at.trunc_subsecs(6).format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string()
}

/// JSON with object keys sorted at every level.
fn canonical(value: &Value) -> String {
    match value {
        Value::Object(map) => {
            let mut keys: Vec<_> = map.keys().collect();
            keys.sort();
            let fields: Vec<String> =
                keys.into_iter().map(|k| format!("{}:{}", Value::String(k.clone()), canonical(&map[k]))).collect();
            format!("{{{}}}", fields.join(","))
        }
        Value::Array(items) => format!("[{}]", items.iter().map(canonical).collect::<Vec<_>>().join(",")),
        other => other.to_string(),
    }
}

/// What an audit reader may filter on.
#[derive(Debug, Default)]
pub struct AuditFilter {
    pub company_id: Option<Uuid>,
    pub user_id: Option<Uuid>,
    pub model: Option<String>,
    pub action: Option<String>,
    pub object_id: Option<String>,
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
}

pub const VIEW_PERMISSION: &str = "audit.view.log";

/// Entries the reader may see, newest first. `audit.view.log` sets the reach (own:
/// their own actions, company, all); entries about records the reader may not read
/// are left out (each module says which permission reads which of its models).
pub async fn list(
    db: &impl ConnectionTrait,
    modules: &[&dyn Module],
    reader: &Caller,
    filter: AuditFilter,
    page: &PageQuery,
) -> ApiResult<Page<model::Model>> {
    let mut query = find_in_reach::<AuditLog>(reader, VIEW_PERMISSION)?;
    if let Some(company) = filter.company_id {
        query = query.filter(model::Column::CompanyId.eq(company));
    }
    if let Some(user) = filter.user_id {
        query = query.filter(model::Column::UserId.eq(user));
    }
    if let Some(model_name) = &filter.model {
        query = query.filter(model::Column::Model.eq(model_name.clone()));
    }
    if let Some(action) = &filter.action {
        query = query.filter(model::Column::Action.eq(action.clone()));
    }
    if let Some(object) = &filter.object_id {
        query = query.filter(model::Column::ObjectId.eq(object.clone()));
    }
    if let Some(from) = filter.from {
        query = query.filter(model::Column::CreatedAt.gte(from));
    }
    if let Some(to) = filter.to {
        query = query.filter(model::Column::CreatedAt.lt(to));
    }
    let hidden: Vec<&str> = modules
        .iter()
        .flat_map(|m| m.audited_models())
        .filter(|(_, permission)| reader.perms.scope_of(permission).is_none())
        .map(|(model, _)| *model)
        .collect();
    if !hidden.is_empty() {
        query = query.filter(model::Column::Model.is_not_in(hidden));
    }
    paginate_by_id(db, query, model::Column::Id, |entry| entry.id, page).await
}

/// The result of walking every chain.
#[derive(Debug, Default)]
pub struct VerifyReport {
    pub companies: usize,
    pub entries: u64,
    pub problems: Vec<String>,
}

/// A company's chain, checked for a reader: `audit.view.log` at scope `company` (their
/// own company) or `all` (any).
pub async fn verify_company(db: &impl ConnectionTrait, reader: &Caller, company_id: Uuid) -> ApiResult<VerifyReport> {
    if reader.require(VIEW_PERMISSION)? == Scope::Own {
        return Err(ApiError::Forbidden { permission: format!("{VIEW_PERMISSION}@company") });
    }
    reader.reach(VIEW_PERMISSION, company_id).map_err(|e| e.not_found_as("company"))?;
    check_chains(db, Some(company_id)).await
}

/// Recomputes every hash and link of every company's chain; reports edited rows,
/// removed rows (gaps) and broken links.
pub async fn verify(db: &impl ConnectionTrait) -> ApiResult<VerifyReport> {
    check_chains(db, None).await
}

/// [`verify`], for every company or only one.
async fn check_chains(db: &impl ConnectionTrait, only: Option<Uuid>) -> ApiResult<VerifyReport> {
    let mut report = VerifyReport::default();
    let mut current: Option<(Uuid, i64, String)> = None;
    let mut after: Option<(Uuid, i64)> = None;
    loop {
        let mut query = AuditLog::find().order_by_asc(model::Column::CompanyId).order_by_asc(model::Column::Seq);
        if let Some(company) = only {
            query = query.filter(model::Column::CompanyId.eq(company));
        }
        if let Some((company, seq)) = after {
            query = query.filter(sea_orm::Condition::any().add(model::Column::CompanyId.gt(company)).add(
                sea_orm::Condition::all().add(model::Column::CompanyId.eq(company)).add(model::Column::Seq.gt(seq)),
            ));
        }
        let batch = query.limit(1000).all(db).await?;
        if batch.is_empty() {
            break;
        }
        for entry in &batch {
            report.entries += 1;
            let (expected_seq, expected_prev) = match &current {
                Some((company, seq, hash)) if *company == entry.company_id => (seq + 1, hash.clone()),
                _ => {
                    report.companies += 1;
                    (1, GENESIS.to_owned())
                }
            };
            let at = format!("company {} entry #{}", entry.company_id, entry.seq);
            if entry.seq != expected_seq {
                report.problems.push(format!("{at}: entries #{expected_seq}–#{} are missing", entry.seq - 1));
            } else if entry.prev_hash != expected_prev {
                report.problems.push(format!("{at}: does not link to the entry before it"));
            }
            if entry_hash(entry) != entry.hash {
                report.problems.push(format!("{at}: content does not match its hash (modified)"));
            }
            current = Some((entry.company_id, entry.seq, entry.hash.clone()));
        }
        after = batch.last().map(|e| (e.company_id, e.seq));
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diffs_keep_only_changed_fields() {
        let d = diff(Some(json!({"a": 1, "b": 2})), Some(json!({"a": 1, "b": 3, "c": true}))).unwrap();
        assert_eq!(d, json!({"before": {"b": 2, "c": null}, "after": {"b": 3, "c": true}}));
        let created = diff(None, Some(json!({"a": 1}))).unwrap();
        assert_eq!(created, json!({"before": null, "after": {"a": 1}}));
    }

    #[test]
    fn canonical_json_ignores_key_order() {
        let a: Value = serde_json::from_str(r#"{"b": {"y": 1, "x": [2, {"q": 1, "p": 0}]}, "a": "z"}"#).unwrap();
        let b: Value = serde_json::from_str(r#"{"a": "z", "b": {"x": [2, {"p": 0, "q": 1}], "y": 1}}"#).unwrap();
        assert_eq!(canonical(&a), canonical(&b));
    }
}
