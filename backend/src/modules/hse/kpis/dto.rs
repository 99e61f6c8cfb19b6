//! What the KPI API reads and returns.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::rates::Rates;
use crate::modules::hse::domain::{IncidentStatus, IncidentType, Severity};

/// The period (months, inclusive; the last 12 by default) and the site.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct KpiQuery {
    /// First month, `YYYY-MM`.
    pub from: Option<String>,
    /// Last month, `YYYY-MM`.
    pub to: Option<String>,
    pub site_id: Option<Uuid>,
}

/// A month's incidents, by severity.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MonthCount {
    #[schema(example = "2026-11")]
    pub month: String,
    pub total: u32,
    #[schema(value_type = std::collections::HashMap<String, u32>)]
    pub by_severity: BTreeMap<Severity, u32>,
}

/// A site's incidents (`site_id` null for those at no site).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SiteCount {
    pub site_id: Option<Uuid>,
    pub name: Option<String>,
    pub total: u32,
}

/// Actions still to do, and those of them past due.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ActionCounts {
    pub open: u32,
    pub overdue: u32,
}

/// The rates for employees, contractors and both.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RatesByEmployer {
    pub employees: Rates,
    pub contractors: Rates,
    pub all: Rates,
}

/// HSE indicators over a period. Incidents count from submission (drafts do not) by
/// when they happened (UTC months); within the reader's reach of `hse.view.kpi`.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Kpis {
    #[schema(example = "2025-12")]
    pub from: String,
    #[schema(example = "2026-11")]
    pub to: String,
    pub site_id: Option<Uuid>,
    pub incidents: u32,
    #[schema(value_type = std::collections::HashMap<String, u32>)]
    pub by_severity: BTreeMap<Severity, u32>,
    #[schema(value_type = std::collections::HashMap<String, u32>)]
    pub by_type: BTreeMap<IncidentType, u32>,
    #[schema(value_type = std::collections::HashMap<String, u32>)]
    pub by_status: BTreeMap<IncidentStatus, u32>,
    /// Every month of the period, oldest first, zeros included.
    pub by_month: Vec<MonthCount>,
    /// Most incidents first.
    pub by_site: Vec<SiteCount>,
    /// Now, whatever the period.
    pub actions: ActionCounts,
    pub rates: RatesByEmployer,
}
