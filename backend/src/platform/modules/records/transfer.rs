//! Every package record type as a file, from its definition: its fields (attachments
//! aside) are the columns, a link is written as what people know it by (a user's
//! address, a site's name, a record's number or title), and each row is saved through
//! [`service::create_in`] / [`service::update_in`], so the type's checks, unique
//! values, numbering, audit and events apply. Upserts find a record by the type's first
//! unique field, else by its number.
//!
//! A package version's record types never change: each becomes a resource once per
//! process and is kept for good (`&'static`, as the built-in ones are declared), so the
//! registry hands out one kind of resource; memory grows with the versions installed
//! while the process runs, a few kilobytes each.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::{LazyLock, Mutex, PoisonError};

use async_trait::async_trait;
use sea_orm::sea_query::{Expr, ExprTrait, Func};
use sea_orm::{ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter};
use serde_json::{Map, Value, json};
use uuid::Uuid;

use super::list::{self, ListFilter};
use super::out::RecordIn;
use super::service::{self, Resolved};
use super::store;
use crate::app::AppState;
use crate::caller::Caller;
use crate::error::{ApiError, ApiResult};
use crate::http::pagination::{MAX_LIMIT, PageQuery};
use crate::infra::db::BaseEntity;
use crate::platform::import_export::{
    Applied, Descriptor, ExportPage, Field, FieldKind, Mode, Resource, Row, RowImporter,
};
use crate::platform::modules::catalog::{Catalog, InstalledPackage};
use crate::platform::modules::manifest::{FieldDef, FieldType, RecordType};
use crate::platform::modules::model::record;
use crate::platform::sites::model as site;
use crate::platform::users::{model as user, service as users};

/// The column of a numbered type's number.
const NUMBER: &str = "number";

pub struct RecordsFile {
    /// Named `<module>.<type>`.
    descriptor: Descriptor,
    module: String,
    code: String,
    /// The definitions of the fields, in their order (`None` for the number).
    defs: Vec<Option<FieldDef>>,
}

type Interned = HashMap<(String, String, String), &'static RecordsFile>;

static INTERNED: LazyLock<Mutex<Interned>> = LazyLock::new(Mutex::default);

fn keep(text: &str) -> &'static str {
    Box::leak(text.to_owned().into_boxed_str())
}

/// The import column of a field: links by what people know them by.
fn column(def: &FieldDef) -> Field {
    let kind = match def.kind {
        FieldType::Number | FieldType::Money => FieldKind::Number,
        FieldType::Date => FieldKind::Date,
        FieldType::Boolean => FieldKind::Bool,
        FieldType::Choice => {
            let values: Vec<&'static str> = def.choices.iter().map(|c| keep(&c.value)).collect();
            FieldKind::Choice(Box::leak(values.into_boxed_slice()))
        }
        FieldType::Link if def.link.as_deref() == Some("users") => FieldKind::Email,
        _ => FieldKind::Text,
    };
    Field {
        name: keep(&def.code),
        label_fr: keep(&def.label.fr),
        label_en: keep(&def.label.en),
        kind,
        required: def.required && def.default.is_none(),
        example: "",
    }
}

fn made(package: &InstalledPackage, rt: &RecordType) -> RecordsFile {
    let mut defs: Vec<Option<FieldDef>> = Vec::new();
    let mut fields = Vec::new();
    if rt.numbering.is_some() {
        defs.push(None);
        fields.push(Field {
            name: NUMBER,
            label_fr: "Numéro",
            label_en: "Number",
            kind: FieldKind::Text,
            required: false,
            example: "",
        });
    }
    for def in rt.fields.iter().filter(|f| f.kind != FieldType::Attachment) {
        fields.push(column(def));
        defs.push(Some(def.clone()));
    }
    let unique = rt.fields.iter().find(|f| f.unique && f.kind != FieldType::Attachment).map(|f| keep(&f.code));
    let key: Vec<&'static str> = unique.or(rt.numbering.as_ref().map(|_| NUMBER)).into_iter().collect();
    let descriptor = Descriptor {
        name: keep(&format!("{}.{}", package.manifest.code, rt.code)),
        label_fr: keep(&rt.label_plural.fr),
        label_en: keep(&rt.label_plural.en),
        fields: Box::leak(fields.into_boxed_slice()),
        key: Box::leak(key.into_boxed_slice()),
        import_permission: Some(keep(&rt.permissions.create)),
        export_permission: keep(&rt.permissions.view),
    };
    RecordsFile { descriptor, module: package.manifest.code.clone(), code: rt.code.clone(), defs }
}

/// The record types of the packages on for a company, as resources.
pub fn resources(catalog: &Catalog, on: &BTreeSet<String>) -> Vec<&'static dyn Resource> {
    let mut interned = INTERNED.lock().unwrap_or_else(PoisonError::into_inner);
    let mut found: Vec<&'static dyn Resource> = Vec::new();
    for package in catalog.packages.iter().filter(|p| on.contains(&p.manifest.code)) {
        for rt in &package.manifest.record_types {
            let id = (package.manifest.code.clone(), package.version.to_string(), rt.code.clone());
            let file: &'static RecordsFile =
                interned.entry(id).or_insert_with(|| Box::leak(Box::new(made(package, rt))));
            found.push(file);
        }
    }
    found
}

#[async_trait]
impl Resource for RecordsFile {
    fn descriptor(&self) -> &Descriptor {
        &self.descriptor
    }

    async fn importer(&self, state: &AppState, caller: &Caller) -> ApiResult<Box<dyn RowImporter>> {
        let kind = service::resolve(state, caller, &self.module, &self.code).await?;
        Ok(Box::new(Importer {
            caller: caller.clone(),
            kind,
            file_defs: self.defs.clone(),
            key: self.descriptor.key.first().copied(),
        }))
    }

    async fn export_page(
        &self,
        state: &AppState,
        caller: &Caller,
        filters: &Value,
        cursor: Option<String>,
    ) -> ApiResult<ExportPage> {
        let kind = service::resolve(state, caller, &self.module, &self.code).await?;
        let filter = list_filter(filters)?;
        let page = list::list(state, caller, &kind, filter, &PageQuery { limit: Some(MAX_LIMIT), cursor }).await?;
        let mut records = Vec::with_capacity(page.items.len());
        for item in &page.items {
            let data: Map<String, Value> = serde_json::from_str(item.data.get()).map_err(anyhow::Error::from)?;
            records.push((item.number.clone(), data));
        }
        let names = LinkNames::of(state, caller, &self.module, &self.defs, &records).await?;
        let rows = records
            .iter()
            .map(|(number, data)| {
                self.defs
                    .iter()
                    .map(|def| match def {
                        None => json!(number),
                        Some(def) => names.shown(def, data.get(&def.code)),
                    })
                    .collect()
            })
            .collect();
        Ok((rows, page.next_cursor))
    }
}

/// The list's filters as the records API reads them: `q`, `state`, and the type's own.
fn list_filter(filters: &Value) -> ApiResult<ListFilter> {
    let invalid = |m: &str| ApiError::field("filters", "invalid_filters", m.to_owned());
    let Value::Object(given) = filters else {
        return if filters.is_null() { Ok(ListFilter::default()) } else { Err(invalid("an object of strings")) };
    };
    let mut params = BTreeMap::new();
    for (name, value) in given {
        let text = match value {
            Value::String(s) => s.clone(),
            Value::Number(_) | Value::Bool(_) => value.to_string(),
            _ => return Err(invalid("an object of strings")),
        };
        params.insert(name.clone(), text);
    }
    Ok(ListFilter::from_params(params, None))
}

/// What the links of a page point to, by id: users' addresses, sites' names, records'
/// numbers (or titles).
#[derive(Default)]
struct LinkNames(BTreeMap<Uuid, String>);

impl LinkNames {
    async fn of(
        state: &AppState,
        caller: &Caller,
        module: &str,
        defs: &[Option<FieldDef>],
        records: &[(Option<String>, Map<String, Value>)],
    ) -> ApiResult<Self> {
        let mut wanted: BTreeMap<&str, Vec<Uuid>> = BTreeMap::new();
        for def in defs.iter().flatten().filter(|d| d.kind == FieldType::Link) {
            let target = def.link.as_deref().unwrap_or_default();
            let ids = records.iter().filter_map(|(_, data)| data.get(&def.code)?.as_str()?.parse::<Uuid>().ok());
            wanted.entry(target).or_default().extend(ids);
        }
        let mut names = BTreeMap::new();
        for (target, ids) in wanted {
            match target {
                "users" => {
                    let found = user::Entity::find().filter(user::Column::Id.is_in(ids)).all(&state.db).await?;
                    names.extend(found.into_iter().map(|u| (u.id, u.email)));
                }
                "sites" => {
                    let found = site::Entity::find().filter(site::Column::Id.is_in(ids)).all(&state.db).await?;
                    names.extend(found.into_iter().map(|s| (s.id, s.name)));
                }
                other => {
                    let found = record::Entity::find()
                        .filter(record::Column::Id.is_in(ids))
                        .filter(record::Column::CompanyId.eq(caller.company_id))
                        .filter(record::Column::Module.eq(module))
                        .filter(record::Column::RecordType.eq(other))
                        .all(&state.db)
                        .await?;
                    names.extend(found.into_iter().map(|r| (r.id, r.number.unwrap_or(r.title))));
                }
            }
        }
        Ok(Self(names))
    }

    fn shown(&self, def: &FieldDef, value: Option<&Value>) -> Value {
        match (def.kind, value) {
            (FieldType::Link, Some(Value::String(id))) => {
                let known = id.parse().ok().and_then(|id: Uuid| self.0.get(&id));
                json!(known.unwrap_or(id))
            }
            (_, Some(value)) => value.clone(),
            (_, None) => Value::Null,
        }
    }
}

struct Importer {
    caller: Caller,
    kind: Resolved,
    file_defs: Vec<Option<FieldDef>>,
    /// The field upserts find a record by.
    key: Option<&'static str>,
}

impl Importer {
    /// The row as the records API's `data`.
    async fn data(&self, txn: &DatabaseTransaction, row: &Row) -> ApiResult<Map<String, Value>> {
        let mut data = Map::new();
        for def in self.file_defs.iter().flatten() {
            let Some(text) = row.text(&def.code) else { continue };
            let value = match def.kind {
                FieldType::Number | FieldType::Money => json!(row.number(&def.code)),
                FieldType::Boolean => json!(row.bool(&def.code)),
                FieldType::Link => json!(self.linked(txn, def, text).await?),
                _ => json!(text),
            };
            data.insert(def.code.clone(), value);
        }
        Ok(data)
    }

    /// The id a link's cell names: an id, or a user's address, a site's name, a
    /// record's number or title.
    async fn linked(&self, txn: &DatabaseTransaction, def: &FieldDef, text: &str) -> ApiResult<Uuid> {
        if let Ok(id) = text.parse::<Uuid>() {
            return Ok(id);
        }
        let company_id = self.caller.company_id;
        let found = match def.link.as_deref().unwrap_or_default() {
            "users" => users::find_by_email(txn, text).await?.filter(|u| u.company_id == company_id).map(|u| u.id),
            "sites" => site::Entity::find_live()
                .filter(site::Column::CompanyId.eq(company_id))
                .filter(Expr::expr(Func::lower(Expr::col(site::Column::Name))).eq(text.to_lowercase()))
                .one(txn)
                .await?
                .map(|s| s.id),
            other => record::Entity::find_live()
                .filter(record::Column::CompanyId.eq(company_id))
                .filter(record::Column::Module.eq(self.kind.module()))
                .filter(record::Column::RecordType.eq(other))
                .filter(record::Column::Number.eq(text.to_uppercase()).or(record::Column::Title.eq(text)))
                .one(txn)
                .await?
                .map(|r| r.id),
        };
        found.ok_or_else(|| ApiError::field(&def.code, "unknown_link", format!("nothing of this company is `{text}`")))
    }

    /// The record the row's key names, if any.
    async fn existing(
        &self,
        txn: &DatabaseTransaction,
        row: &Row,
        data: &Map<String, Value>,
    ) -> ApiResult<Option<Uuid>> {
        let company_id = self.caller.company_id;
        match self.key {
            Some(NUMBER) => {
                let Some(number) = row.text(NUMBER) else { return Ok(None) };
                let found = record::Entity::find_live()
                    .filter(record::Column::CompanyId.eq(company_id))
                    .filter(record::Column::Module.eq(self.kind.module()))
                    .filter(record::Column::RecordType.eq(&self.kind.record_type().code))
                    .filter(record::Column::Number.eq(number.to_uppercase()))
                    .one(txn)
                    .await?;
                found.map(|r| Some(r.id)).ok_or_else(|| {
                    ApiError::field(NUMBER, "unknown_record", "no record has this number: leave it empty to create one")
                })
            }
            Some(field) => store::holder(txn, company_id, &self.kind, field, data).await,
            None => Ok(None),
        }
    }
}

/// A records API problem named by the field's code, as the file's columns are.
fn as_columns(err: ApiError) -> ApiError {
    match err {
        ApiError::Validation(mut fields) => {
            for f in &mut fields {
                if let Some(code) = f.field.strip_prefix("data.") {
                    f.field = code.to_owned();
                }
            }
            ApiError::Validation(fields)
        }
        other => other,
    }
}

#[async_trait]
impl RowImporter for Importer {
    async fn import(&self, txn: &DatabaseTransaction, row: &Row, mode: Mode) -> ApiResult<Applied> {
        let data = self.data(txn, row).await?;
        match self.existing(txn, row, &data).await? {
            Some(_) if mode == Mode::Create => {
                Err(ApiError::Conflict { code: "exists", detail: "a record holds this key already".into() })
            }
            Some(id) => {
                let current = service::find_to_edit(txn, &self.caller, &self.kind, id).await?;
                service::update_in(txn, &self.caller, &self.kind, current, RecordIn { data })
                    .await
                    .map_err(as_columns)?;
                Ok(Applied::Updated)
            }
            None => {
                service::create_in(txn, &self.caller, &self.kind, RecordIn { data }).await.map_err(as_columns)?;
                Ok(Applied::Created)
            }
        }
    }
}
