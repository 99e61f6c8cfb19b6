//! Listing a type's records: the scoped query narrowed by search, state, time and the
//! type's filters, each filter a lookup in the values side table.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ColumnTrait, DerivePartialModel, QueryFilter};
use serde_json::value::RawValue;
use uuid::Uuid;

use super::index::{self, Filter, FilterValue, Op};
use super::out::RecordOut;
use super::service::Resolved;
use crate::app::AppState;
use crate::caller::Caller;
use crate::error::{ApiError, ApiResult, FieldError};
use crate::http::pagination::{Page, PageQuery, paginate_partial};
use crate::infra::db::contains_ignoring_case;
use crate::platform::modules::model::{record, record_value};
use crate::platform::rbac::scope::Scope;
use crate::scoped::find_in_reach;

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

impl ListFilter {
    /// A list's parameters by name: `q` and `state`, the others the type's filters.
    pub fn from_params(mut params: BTreeMap<String, String>, updated_since: Option<DateTime<Utc>>) -> Self {
        Self { q: params.remove("q"), state: params.remove("state"), updated_since, fields: params }
    }
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
    // Below scope `all` only the caller's company is in reach: saying so to the values
    // too lets their index hand over the newest matches in order.
    let company = match caller.require(&rt.permissions.view)? {
        Scope::All => None,
        Scope::Company | Scope::Own => Some(caller.company_id),
    };
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
            rows = rows.filter(record::Column::Id.in_subquery(matching(kind, company, condition)));
        }
        rows
    };
    let rows = narrow(find_in_reach::<record::Entity>(caller, &rt.permissions.view)?);
    let page = paginate_partial(&state.db, rows, record::Column::Id, |row: &Listed| row.id, page).await?;
    let items =
        page.items.into_iter().map(RecordOut::try_from).collect::<Result<_, _>>().map_err(anyhow::Error::from)?;
    Ok(Page { items, next_cursor: page.next_cursor })
}

/// A listed record: what [`RecordOut`] shows and no more (not the search words), its
/// data as the stored JSON text, passed through without being decoded.
#[derive(DerivePartialModel)]
#[sea_orm(entity = "record::Entity")]
struct Listed {
    id: Uuid,
    module: String,
    record_type: String,
    number: Option<String>,
    state: Option<String>,
    title: String,
    #[sea_orm(from_expr = r#"Expr::col((record::Entity, record::Column::Data)).cast_as("text")"#)]
    data: String,
    revision: i32,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    created_by: Option<Uuid>,
    updated_by: Option<Uuid>,
}

impl TryFrom<Listed> for RecordOut {
    type Error = serde_json::Error;

    fn try_from(row: Listed) -> Result<Self, Self::Error> {
        Ok(Self {
            id: row.id,
            module: row.module,
            record_type: row.record_type,
            number: row.number,
            state: row.state,
            title: row.title,
            data: RawValue::from_string(row.data)?,
            revision: row.revision,
            created_at: row.created_at,
            updated_at: row.updated_at,
            created_by: row.created_by,
            updated_by: row.updated_by,
        })
    }
}

/// The ids of records of the type (of `company`, if given) whose value of the filter's
/// field matches it.
fn matching(kind: &Resolved, company: Option<Uuid>, filter: &Filter) -> sea_orm::sea_query::SelectStatement {
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
    let mut ids = Query::select();
    ids.column(V::RecordId)
        .from(record_value::Entity)
        .and_where(Expr::col(V::Module).eq(kind.module()))
        .and_where(Expr::col(V::RecordType).eq(&kind.record_type().code))
        .and_where(Expr::col(V::Field).eq(&filter.field))
        .and_where(compared);
    if let Some(company) = company {
        ids.and_where(Expr::col(V::CompanyId).eq(company));
    }
    ids
}
