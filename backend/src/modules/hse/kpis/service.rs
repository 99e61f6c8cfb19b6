//! Counting the indicators: the incidents of the period in the reader's reach, read
//! once (a few columns), counted in memory; the people hurt in them; the hours.

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, Months, NaiveDate, Utc};
use sea_orm::sea_query::Query;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DerivePartialModel, EntityTrait, PaginatorTrait, QueryFilter, QuerySelect, QueryTrait,
};
use uuid::Uuid;

use super::dto::{ActionCounts, KpiQuery, Kpis, MonthCount, RatesByEmployer, SiteCount};
use super::rates::{Cases, Rates};
use crate::caller::Caller;
use crate::error::ApiResult;
use crate::infra::db::BaseEntity;
use crate::modules::hse::domain::{ActionStatus, Employer, IncidentStatus, IncidentType, InjuryClass, Severity};
use crate::modules::hse::hours::dto::month_text;
use crate::modules::hse::hours::service::{self as hours, span};
use crate::modules::hse::incidents::list;
use crate::modules::hse::model::{action, incident, person};
use crate::modules::hse::permissions::VIEW_KPI;
use crate::platform::rbac::scope::Scope;
use crate::platform::sites::model as site;

#[derive(DerivePartialModel)]
#[sea_orm(entity = "incident::Entity")]
struct Counted {
    severity: Severity,
    incident_type: IncidentType,
    status: IncidentStatus,
    occurred_at: chrono::DateTime<Utc>,
    site_id: Option<Uuid>,
}

#[derive(DerivePartialModel)]
#[sea_orm(entity = "person::Entity")]
struct Hurt {
    employer: Employer,
    injury_class: Option<InjuryClass>,
    days_lost: i32,
}

/// The company's live, submitted incidents the reader reaches (scope `own`: reported by
/// or assigned to them), at the site if one is named.
fn reached(caller: &Caller, scope: Scope, site_id: Option<Uuid>) -> sea_orm::Select<incident::Entity> {
    use incident::Column as C;
    let mut rows =
        list::within(caller, scope, incident::Entity::find_live()).filter(C::Status.ne(IncidentStatus::Draft));
    if let Some(site_id) = site_id {
        rows = rows.filter(C::SiteId.eq(site_id));
    }
    rows
}

pub async fn compute(db: &impl ConnectionTrait, caller: &Caller, query: &KpiQuery) -> ApiResult<Kpis> {
    let scope = caller.require(VIEW_KPI)?;
    let (first, last) = span(query.from.as_deref(), query.to.as_deref())?;
    let end = last + Months::new(1);
    let (start_at, end_at) = (midnight(first), midnight(end));
    let in_period = reached(caller, scope, query.site_id)
        .filter(incident::Column::OccurredAt.gte(start_at))
        .filter(incident::Column::OccurredAt.lt(end_at));

    let incidents: Vec<Counted> = in_period.clone().into_partial_model().all(db).await?;
    let ids = in_period.select_only().column(incident::Column::Id).into_query();
    let hurt: Vec<Hurt> = person::Entity::find()
        .filter(person::Column::InjuryClass.is_not_null())
        .filter(person::Column::IncidentId.in_subquery(ids))
        .into_partial_model()
        .all(db)
        .await?;

    let months = month_list(first, last);
    let mut by_month: Vec<MonthCount> = months
        .iter()
        .map(|m| MonthCount { month: month_text(*m), total: 0, by_severity: zeros(Severity::ALL) })
        .collect();
    let mut by_severity = zeros(Severity::ALL);
    let mut by_type = zeros(IncidentType::ALL);
    let mut by_status = zeros(IncidentStatus::ALL);
    let mut by_site: HashMap<Option<Uuid>, u32> = HashMap::new();
    for row in &incidents {
        *by_severity.entry(row.severity).or_default() += 1;
        *by_type.entry(row.incident_type).or_default() += 1;
        *by_status.entry(row.status).or_default() += 1;
        *by_site.entry(row.site_id).or_default() += 1;
        let month = NaiveDate::from_ymd_opt(row.occurred_at.year(), row.occurred_at.month(), 1);
        if let Some(slot) = month.and_then(|m| months.iter().position(|x| *x == m)) {
            by_month[slot].total += 1;
            *by_month[slot].by_severity.entry(row.severity).or_default() += 1;
        }
    }

    let (mut employees, mut contractors) = (Cases::default(), Cases::default());
    for person in hurt {
        let Some(class) = person.injury_class else { continue };
        match person.employer {
            Employer::Employee => employees.add(class, person.days_lost),
            Employer::Contractor => contractors.add(class, person.days_lost),
        }
    }
    let (employee_hours, contractor_hours) = hours::totals(db, caller.company_id, (first, end), query.site_id).await?;
    let rates = RatesByEmployer {
        employees: Rates::of(employees, employee_hours),
        contractors: Rates::of(contractors, contractor_hours),
        all: Rates::of(employees.plus(contractors), employee_hours + contractor_hours),
    };

    Ok(Kpis {
        from: month_text(first),
        to: month_text(last),
        site_id: query.site_id,
        incidents: u32::try_from(incidents.len()).unwrap_or(u32::MAX),
        by_severity,
        by_type,
        by_status,
        by_month,
        by_site: named_sites(db, caller.company_id, by_site).await?,
        actions: action_counts(db, caller, scope, query.site_id).await?,
        rates,
    })
}

fn midnight(day: NaiveDate) -> chrono::DateTime<Utc> {
    day.and_hms_opt(0, 0, 0).expect("midnight exists").and_utc()
}

fn month_list(first: NaiveDate, last: NaiveDate) -> Vec<NaiveDate> {
    std::iter::successors(Some(first), |m| Some(*m + Months::new(1))).take_while(|m| *m <= last).collect()
}

fn zeros<K: Ord + Copy>(keys: &[K]) -> BTreeMap<K, u32> {
    keys.iter().map(|k| (*k, 0)).collect()
}

async fn named_sites(
    db: &impl ConnectionTrait,
    company_id: Uuid,
    counts: HashMap<Option<Uuid>, u32>,
) -> ApiResult<Vec<SiteCount>> {
    let names: HashMap<Uuid, String> = site::Entity::find()
        .filter(site::Column::CompanyId.eq(company_id))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.name))
        .collect();
    let mut sites: Vec<SiteCount> = counts
        .into_iter()
        .map(|(site_id, total)| SiteCount { site_id, name: site_id.and_then(|id| names.get(&id).cloned()), total })
        .collect();
    sites.sort_by(|a, b| b.total.cmp(&a.total).then_with(|| a.name.cmp(&b.name)));
    Ok(sites)
}

/// Actions still to do now, in the reader's reach (scope `own`: theirs), of incidents at
/// the site if one is named.
async fn action_counts(
    db: &impl ConnectionTrait,
    caller: &Caller,
    scope: Scope,
    site_id: Option<Uuid>,
) -> ApiResult<ActionCounts> {
    use action::Column as A;
    let mut pending = action::Entity::find_live()
        .filter(A::CompanyId.eq(caller.company_id))
        .filter(A::Status.is_in([ActionStatus::Open, ActionStatus::InProgress]));
    if scope == Scope::Own {
        pending = pending.filter(A::OwnerId.eq(caller.user_id));
    }
    if let Some(site_id) = site_id {
        let mut at_site = Query::select();
        at_site.column(incident::Column::Id).from(incident::Entity).and_where(incident::Column::SiteId.eq(site_id));
        pending = pending.filter(A::IncidentId.in_subquery(at_site));
    }
    let open = pending.clone().count(db).await?;
    let overdue = pending.filter(A::DueDate.lt(Utc::now().date_naive())).count(db).await?;
    let count = |n: u64| u32::try_from(n).unwrap_or(u32::MAX);
    Ok(ActionCounts { open: count(open), overdue: count(overdue) })
}
