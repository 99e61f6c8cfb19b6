//! The incident list: the caller's reach (scope `own` sees what they reported or are
//! assigned), narrowed by the list's filters, newest first, a page at a time.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Func};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, QueryFilter};
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use crate::caller::Caller;
use crate::error::ApiResult;
use crate::http::pagination::{Page, PageQuery, paginate};
use crate::infra::db::{BaseEntity, contains_ignoring_case};
use crate::modules::hse::domain::{IncidentStatus, IncidentType, Severity};
use crate::modules::hse::model::incident::{self, Column, Entity as Incidents};
use crate::modules::hse::permissions::VIEW_INCIDENT;
use crate::platform::rbac::scope::Scope;

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct IncidentFilter {
    /// Part of the number, title or description, any case.
    pub q: Option<String>,
    pub status: Option<IncidentStatus>,
    pub severity: Option<Severity>,
    pub incident_type: Option<IncidentType>,
    pub site_id: Option<Uuid>,
    /// Happened at or after this time (RFC 3339).
    pub occurred_from: Option<DateTime<Utc>>,
    /// Happened before this time.
    pub occurred_to: Option<DateTime<Utc>>,
    /// Only those assigned to you.
    #[serde(default)]
    pub assigned_to_me: bool,
    /// Only those you reported.
    #[serde(default)]
    pub reported_by_me: bool,
    /// Changed at or after this time, for syncing.
    pub updated_since: Option<DateTime<Utc>>,
}

/// The incidents `caller` sees: their company's, or with scope `own` those they
/// reported or are assigned.
pub fn in_reach(caller: &Caller) -> ApiResult<sea_orm::Select<Incidents>> {
    let rows = Incidents::find_live().filter(Column::CompanyId.eq(caller.company_id));
    Ok(match caller.require(VIEW_INCIDENT)? {
        Scope::All | Scope::Company => rows,
        Scope::Own => rows.filter(
            Condition::any().add(Column::ReportedBy.eq(caller.user_id)).add(Column::AssignedTo.eq(caller.user_id)),
        ),
    })
}

pub async fn list(
    db: &impl ConnectionTrait,
    caller: &Caller,
    filter: &IncidentFilter,
    page: &PageQuery,
) -> ApiResult<Page<incident::Model>> {
    let mut rows = in_reach(caller)?;
    if let Some(q) = filter.q.as_deref().filter(|q| !q.trim().is_empty()) {
        let like = contains_ignoring_case(q);
        let lower = |column: Column| Expr::expr(Func::lower(Expr::col(column)));
        rows = rows.filter(
            Condition::any()
                .add(lower(Column::Number).like(like.clone()))
                .add(lower(Column::Title).like(like.clone()))
                .add(lower(Column::Description).like(like)),
        );
    }
    if let Some(status) = filter.status {
        rows = rows.filter(Column::Status.eq(status));
    }
    if let Some(severity) = filter.severity {
        rows = rows.filter(Column::Severity.eq(severity));
    }
    if let Some(kind) = filter.incident_type {
        rows = rows.filter(Column::IncidentType.eq(kind));
    }
    if let Some(site) = filter.site_id {
        rows = rows.filter(Column::SiteId.eq(site));
    }
    if let Some(from) = filter.occurred_from {
        rows = rows.filter(Column::OccurredAt.gte(from));
    }
    if let Some(to) = filter.occurred_to {
        rows = rows.filter(Column::OccurredAt.lt(to));
    }
    if filter.assigned_to_me {
        rows = rows.filter(Column::AssignedTo.eq(caller.user_id));
    }
    if filter.reported_by_me {
        rows = rows.filter(Column::ReportedBy.eq(caller.user_id));
    }
    if let Some(since) = filter.updated_since {
        rows = rows.filter(Column::UpdatedAt.gte(since));
    }
    paginate(db, rows, page).await
}
