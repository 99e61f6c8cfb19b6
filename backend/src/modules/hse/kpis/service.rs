//! Counting the indicators: the incidents of the period in the reader's reach, counted
//! by the database in one grouped pass (the rows never leave it); the people hurt in
//! them, grouped the same way; the hours.

use std::collections::{BTreeMap, HashMap};

use chrono::{Months, NaiveDate, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Query, SimpleExpr};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QuerySelect, QueryTrait};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::cache;
use super::dto::{ActionCounts, KpiQuery, Kpis, MonthCount, RatesByEmployer, SiteCount};
use super::rates::{Cases, Rates};
use crate::app::AppState;
use crate::caller::Caller;
use crate::error::ApiResult;
use crate::infra::db::{BaseEntity, utc_month};
use crate::modules::hse::domain::{ActionStatus, Employer, IncidentStatus, IncidentType, InjuryClass, Severity};
use crate::modules::hse::hours::dto::month_text;
use crate::modules::hse::hours::service::{self as hours, span};
use crate::modules::hse::incidents::list;
use crate::modules::hse::model::{action, incident, person};
use crate::modules::hse::permissions::VIEW_KPI;
use crate::platform::rbac::scope::Scope;
use crate::platform::sites::model as site;

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

/// What one pass over the period's incidents counts: per month, severity and site, how
/// many there are of each type and of each status.
#[derive(Default)]
struct Counts {
    by_month: BTreeMap<(String, Severity), u32>,
    by_site: HashMap<Option<Uuid>, u32>,
    by_type: BTreeMap<IncidentType, u32>,
    by_status: BTreeMap<IncidentStatus, u32>,
}

/// The incidents of a month, severity and site: how many of each type and of each
/// status (in the order of `IncidentType::ALL` and `IncidentStatus::ALL`).
#[derive(Serialize, Deserialize)]
struct Group {
    month: String,
    severity: Severity,
    site_id: Option<Uuid>,
    types: Vec<u32>,
    statuses: Vec<u32>,
}

/// People hurt, of one employer and injury class, and the days they lost.
#[derive(Serialize, Deserialize)]
struct Injured {
    employer: Employer,
    class: InjuryClass,
    people: u32,
    days_lost: i64,
}

/// What the period's incidents in a reach come to, as the database grouped them: the
/// costly part of the indicators (every incident of the period is read), kept by
/// [`cache`] until an incident of the company changes.
#[derive(Serialize, Deserialize)]
pub struct Figures {
    groups: Vec<Group>,
    injured: Vec<Injured>,
}

impl Figures {
    async fn read(db: &impl ConnectionTrait, incidents: sea_orm::Select<incident::Entity>) -> ApiResult<Self> {
        Ok(Self { groups: grouped(db, incidents.clone()).await?, injured: injuries(db, incidents).await? })
    }

    fn counts(&self) -> Counts {
        let mut counts = Counts::default();
        for group in &self.groups {
            for (kind, n) in IncidentType::ALL.iter().zip(&group.types) {
                *counts.by_type.entry(*kind).or_default() += n;
            }
            for (status, n) in IncidentStatus::ALL.iter().zip(&group.statuses) {
                *counts.by_status.entry(*status).or_default() += n;
            }
            let total: u32 = group.types.iter().sum();
            *counts.by_month.entry((group.month.clone(), group.severity)).or_default() += total;
            *counts.by_site.entry(group.site_id).or_default() += total;
        }
        counts
    }

    /// Employees' cases, then contractors'.
    fn cases(&self) -> (Cases, Cases) {
        let (mut employees, mut contractors) = (Cases::default(), Cases::default());
        for injured in &self.injured {
            let cases = match injured.employer {
                Employer::Employee => &mut employees,
                Employer::Contractor => &mut contractors,
            };
            cases.add(injured.class, injured.people, injured.days_lost);
        }
        (employees, contractors)
    }
}

/// One scan, grouped by month, severity and site (a few hundred groups), types and
/// statuses summed as columns: a breakdown per query would read every row once each.
async fn grouped(db: &impl ConnectionTrait, rows: sea_orm::Select<incident::Entity>) -> ApiResult<Vec<Group>> {
    use incident::Column as C;
    let month = utc_month(db.get_database_backend(), C::OccurredAt);
    // Literal 0 and 1: PostgreSQL cannot type a bound parameter inside SUM(CASE …).
    let one_if = |condition: SimpleExpr| -> SimpleExpr {
        Expr::case(condition, Expr::cust("1")).finally(Expr::cust("0")).into()
    };
    let mut grouped = rows
        .select_only()
        .column_as(month.clone(), "month")
        .column(C::Severity)
        .column(C::SiteId)
        .group_by(month)
        .group_by(C::Severity)
        .group_by(C::SiteId);
    for (index, kind) in IncidentType::ALL.iter().enumerate() {
        grouped = grouped.column_as(one_if(C::IncidentType.eq(*kind)).sum(), format!("type{index}"));
    }
    for (index, status) in IncidentStatus::ALL.iter().enumerate() {
        grouped = grouped.column_as(one_if(C::Status.eq(*status)).sum(), format!("status{index}"));
    }
    let sums = |row: &sea_orm::QueryResult, prefix: &str, n: usize| -> ApiResult<Vec<u32>> {
        (0..n).map(|index| Ok(count(row.try_get::<i64>("", &format!("{prefix}{index}"))?))).collect()
    };
    let mut groups = Vec::new();
    for row in db.query_all(grouped.as_query()).await? {
        groups.push(Group {
            month: row.try_get("", "month")?,
            severity: row.try_get("", "severity")?,
            site_id: row.try_get("", "site_id")?,
            types: sums(&row, "type", IncidentType::ALL.len())?,
            statuses: sums(&row, "status", IncidentStatus::ALL.len())?,
        });
    }
    Ok(groups)
}

fn count(n: i64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The indicators for `query`, in the caller's reach of `hse.view.kpi`.
pub async fn compute(state: &AppState, caller: &Caller, query: &KpiQuery) -> ApiResult<Kpis> {
    use incident::Column as C;
    let db = &state.db;
    let scope = caller.require(VIEW_KPI)?;
    let (first, last) = span(query.from.as_deref(), query.to.as_deref())?;
    let end = last + Months::new(1);
    let (start_at, end_at) = (midnight(first), midnight(end));
    let in_period =
        reached(caller, scope, query.site_id).filter(C::OccurredAt.gte(start_at)).filter(C::OccurredAt.lt(end_at));
    let reach = match scope {
        Scope::Own => format!("own:{}", caller.user_id),
        _ => "company".to_owned(),
    };
    let site = query.site_id.map(|id| id.to_string()).unwrap_or_default();
    let figures = cache::remembered(state, caller.company_id, &format!("{reach}:{first}:{last}:{site}"), || {
        Figures::read(db, in_period)
    })
    .await?;

    let counts = figures.counts();
    let mut by_month: Vec<MonthCount> = month_list(first, last)
        .into_iter()
        .map(|m| MonthCount { month: month_text(m), total: 0, by_severity: zeros(Severity::ALL) })
        .collect();
    let mut by_severity = zeros(Severity::ALL);
    for ((month, severity), n) in counts.by_month {
        *by_severity.entry(severity).or_default() += n;
        if let Some(slot) = by_month.iter_mut().find(|m| m.month == month) {
            slot.total += n;
            *slot.by_severity.entry(severity).or_default() += n;
        }
    }
    let mut by_type = zeros(IncidentType::ALL);
    by_type.extend(counts.by_type);
    let mut by_status = zeros(IncidentStatus::ALL);
    by_status.extend(counts.by_status);

    let (employees, contractors) = figures.cases();
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
        incidents: by_status.values().sum(),
        by_severity,
        by_type,
        by_status,
        by_month,
        by_site: named_sites(db, caller.company_id, counts.by_site).await?,
        actions: action_counts(db, caller, scope, query.site_id).await?,
        rates,
    })
}

/// The people hurt in `incidents`, by employer and injury class.
async fn injuries(db: &impl ConnectionTrait, incidents: sea_orm::Select<incident::Entity>) -> ApiResult<Vec<Injured>> {
    use person::Column as P;
    let ids = incidents.select_only().column(incident::Column::Id).into_query();
    let groups: Vec<(Employer, InjuryClass, i64, i64)> = person::Entity::find()
        .select_only()
        .columns([P::Employer, P::InjuryClass])
        .column_as(Expr::col(P::Id).count(), "people")
        .column_as(Expr::col(P::DaysLost).sum(), "days_lost")
        .filter(P::InjuryClass.is_not_null())
        .filter(P::IncidentId.in_subquery(ids))
        .group_by(P::Employer)
        .group_by(P::InjuryClass)
        .into_tuple()
        .all(db)
        .await?;
    Ok(groups
        .into_iter()
        .map(|(employer, class, people, days_lost)| Injured { employer, class, people: count(people), days_lost })
        .collect())
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
