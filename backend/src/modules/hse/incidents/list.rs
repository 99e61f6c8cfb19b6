//! The incident list: the caller's reach (scope `own` sees what they reported or are
//! assigned), narrowed by the list's filters, newest first, a page at a time.

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::caller::Caller;
use crate::error::ApiResult;
use crate::http::pagination::{Page, PageQuery, paginate};
use crate::infra::db::{BaseEntity, any_contains};
use crate::modules::hse::domain::{IncidentStatus, IncidentType, Severity};
use crate::modules::hse::model::incident::{self, Column, Entity as Incidents};
use crate::modules::hse::permissions::VIEW_INCIDENT;
use crate::platform::rbac::scope::Scope;

#[derive(Debug, Default, Clone, Serialize, Deserialize, IntoParams, ToSchema)]
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
    /// Changed at or after this time, for syncing; incidents deleted since then come
    /// too, with their `deleted_at`.
    pub updated_since: Option<DateTime<Utc>>,
}

/// The live incidents `caller` sees: their company's, or with scope `own` those they
/// reported or are assigned.
pub fn in_reach(caller: &Caller) -> ApiResult<sea_orm::Select<Incidents>> {
    Ok(within(caller, caller.require(VIEW_INCIDENT)?, Incidents::find_live()))
}

/// `rows` of the caller's company; with `scope` own, those they reported or are
/// assigned. The one definition of an incident's reach, for lists and KPIs alike.
pub fn within(caller: &Caller, scope: Scope, rows: sea_orm::Select<Incidents>) -> sea_orm::Select<Incidents> {
    let rows = rows.filter(Column::CompanyId.eq(caller.company_id));
    match scope {
        Scope::All | Scope::Company => rows,
        Scope::Own => rows.filter(
            Condition::any().add(Column::ReportedBy.eq(caller.user_id)).add(Column::AssignedTo.eq(caller.user_id)),
        ),
    }
}

pub async fn list(
    db: &impl ConnectionTrait,
    caller: &Caller,
    filter: &IncidentFilter,
    page: &PageQuery,
) -> ApiResult<Page<incident::Model>> {
    paginate(db, filtered(caller, filter)?, page).await
}

/// The incidents in the caller's reach that `filter` keeps, for lists and exports alike.
pub fn filtered(caller: &Caller, filter: &IncidentFilter) -> ApiResult<sea_orm::Select<Incidents>> {
    // A sync (`updated_since`) also learns what was deleted since: a deletion bumps
    // `updated_at`, and the row comes with its `deleted_at`.
    let mut rows = match filter.updated_since {
        Some(since) => {
            within(caller, caller.require(VIEW_INCIDENT)?, Incidents::find()).filter(Column::UpdatedAt.gte(since))
        }
        None => in_reach(caller)?,
    };
    if let Some(q) = filter.q.as_deref().filter(|q| !q.trim().is_empty()) {
        rows = rows.filter(any_contains(&[Column::Number, Column::Title, Column::Description], q));
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
    Ok(rows)
}
