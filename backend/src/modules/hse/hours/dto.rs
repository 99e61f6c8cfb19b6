//! What the hours-worked API reads and returns. A month is written `YYYY-MM`.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use crate::error::FieldError;
use crate::modules::hse::model::hours;

/// The most hours one site can log in a month (a site of 10,000 people).
pub const MAX_HOURS: f64 = 10_000.0 * 24.0 * 31.0;

/// `2026-11` as the first day of that month; `None` for anything else.
pub fn parse_month(text: &str) -> Option<NaiveDate> {
    let (year, month) = text.trim().split_once('-')?;
    if year.len() != 4 || month.len() != 2 {
        return None;
    }
    NaiveDate::from_ymd_opt(year.parse().ok()?, month.parse().ok()?, 1)
}

pub fn month_text(month: NaiveDate) -> String {
    format!("{:04}-{:02}", month.year(), month.month())
}

/// The month `text` names, or a 422 entry at `field`.
pub fn month_field(field: &str, text: &str) -> Result<NaiveDate, FieldError> {
    parse_month(text).ok_or_else(|| FieldError::new(field, "invalid_month", "a month is written YYYY-MM, e.g. 2026-11"))
}

/// The hours worked at a site in a month; sending a site and month again replaces them.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct HoursIn {
    pub site_id: Uuid,
    #[schema(example = "2026-11")]
    pub month: String,
    #[validate(range(min = 0.0, max = MAX_HOURS))]
    #[schema(example = 18250.5)]
    pub employee_hours: f64,
    #[validate(range(min = 0.0, max = MAX_HOURS))]
    #[schema(example = 9120.0)]
    pub contractor_hours: f64,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct HoursOut {
    pub id: Uuid,
    pub site_id: Uuid,
    #[schema(example = "2026-11")]
    pub month: String,
    pub employee_hours: f64,
    pub contractor_hours: f64,
    pub updated_at: DateTime<Utc>,
}

impl From<hours::Model> for HoursOut {
    fn from(m: hours::Model) -> Self {
        Self {
            id: m.id,
            site_id: m.site_id,
            month: month_text(m.month),
            employee_hours: m.employee_hours,
            contractor_hours: m.contractor_hours,
            updated_at: m.updated_at,
        }
    }
}

/// Which months to read: `from` to `to` inclusive, 60 months at most (the last 12 when
/// left out).
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct HoursFilter {
    pub site_id: Option<Uuid>,
    /// First month, `YYYY-MM`.
    pub from: Option<String>,
    /// Last month, `YYYY-MM`.
    pub to: Option<String>,
}

/// What an import did.
#[derive(Debug, Serialize, ToSchema)]
pub struct HoursImported {
    pub created: usize,
    pub updated: usize,
}
