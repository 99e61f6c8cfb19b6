//! Listing a type's records: the scoped query narrowed by search, state, time and the
//! type's filters, each filter a lookup in the values side table.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ColumnTrait, QueryFilter};
use uuid::Uuid;

use super::index::{self, Filter, FilterValue, Op};
use super::out::RecordOut;
use super::service::Resolved;
use crate::app::AppState;
use crate::caller::Caller;
use crate::error::{ApiError, ApiResult, FieldError};
use crate::http::pagination::{Page, PageQuery};
use crate::infra::db::contains_ignoring_case;
use crate::platform::modules::model::{record, record_value};
use crate::platform::rbac::scope::Scope;
use crate::scoped::list_in_reach;

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
    let page = list_in_reach::<record::Entity>(&state.db, caller, &rt.permissions.view, narrow, page).await?;
    Ok(page.map(RecordOut::from))
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
