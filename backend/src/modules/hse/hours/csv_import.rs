//! Hours worked from a CSV file: `site,month,employee_hours,contractor_hours`, a site by
//! name or id, commas or semicolons (a spreadsheet saved in French uses `;` and decimal
//! commas). Every line is checked first and each problem named by its line; then all
//! are saved in one transaction, or none.

use std::collections::HashMap;

use chrono::NaiveDate;
use sea_orm::{ColumnTrait, QueryFilter};
use uuid::Uuid;

use super::dto::{HoursImported, MAX_HOURS, parse_month};
use super::service;
use crate::app::AppState;
use crate::caller::Caller;
use crate::error::{ApiError, ApiResult, FieldError};
use crate::infra::db::{BaseEntity, begin_write};
use crate::platform::sites::model as site;

/// The most lines one file may hold.
pub const MAX_LINES: usize = 5000;
const COLUMNS: [&str; 4] = ["site", "month", "employee_hours", "contractor_hours"];

struct Line {
    site_id: Uuid,
    month: NaiveDate,
    hours: (f64, f64),
}

pub async fn import(state: &AppState, caller: &Caller, body: &[u8]) -> ApiResult<HoursImported> {
    service::check_manages(caller)?;
    let text = std::str::from_utf8(body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body))
        .map_err(|_| ApiError::bad_request("not_utf8", "The file must be UTF-8 text (save it as “CSV UTF-8”)."))?;
    let sites = site::Entity::find_live().filter(site::Column::CompanyId.eq(caller.company_id)).all(&state.db).await?;
    let by_name: HashMap<String, Uuid> = sites.iter().map(|s| (s.name.to_lowercase(), s.id)).collect();
    let lines = read(text, |name| {
        let name = name.trim();
        name.parse::<Uuid>()
            .ok()
            .filter(|id| sites.iter().any(|s| s.id == *id))
            .or_else(|| by_name.get(&name.to_lowercase()).copied())
    })?;
    let txn = begin_write(&state.db).await?;
    let mut done = HoursImported { created: 0, updated: 0 };
    for line in lines {
        let (_, created) = service::upsert(&txn, caller, line.site_id, line.month, line.hours).await?;
        if created { done.created += 1 } else { done.updated += 1 }
    }
    txn.commit().await?;
    Ok(done)
}

/// Every line checked; 422 naming each problem as `lines[<line number>].<column>`.
fn read(text: &str, site_of: impl Fn(&str) -> Option<Uuid>) -> ApiResult<Vec<Line>> {
    let header = text.lines().next().unwrap_or_default();
    let semicolons = header.contains(';') && !header.contains(',');
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(if semicolons { b';' } else { b',' })
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|_| ApiError::bad_request("unreadable_csv", "The file's first line is not a CSV header."))?
        .iter()
        .map(str::to_lowercase)
        .collect();
    let position = |name: &str| headers.iter().position(|h| h == name);
    let Some([site_at, month_at, employees_at, contractors_at]) =
        COLUMNS.iter().map(|c| position(c)).collect::<Option<Vec<_>>>().and_then(|v| <[usize; 4]>::try_from(v).ok())
    else {
        return Err(ApiError::Validation(vec![FieldError::new(
            "header",
            "missing_columns",
            format!("the first line names the columns {}", COLUMNS.join(", ")),
        )]));
    };
    let number = |text: &str| text.replace(',', ".").parse::<f64>().ok().filter(|h| (0.0..=MAX_HOURS).contains(h));
    let mut lines = Vec::new();
    let mut errors = Vec::new();
    let mut seen = HashMap::new();
    for (index, record) in reader.records().enumerate() {
        let line_number = index + 2;
        if lines.len() + errors.len() >= MAX_LINES {
            errors.push(FieldError::new("lines", "too_many", format!("a file holds at most {MAX_LINES} lines")));
            break;
        }
        let at = |column: &str| format!("lines[{line_number}].{column}");
        let Ok(record) = record else {
            errors.push(FieldError::new(at("site"), "unreadable", "this line is not valid CSV"));
            continue;
        };
        let cell = |i: usize| record.get(i).unwrap_or_default();
        let site_id = site_of(cell(site_at));
        let month = parse_month(cell(month_at));
        let employees = number(cell(employees_at));
        let contractors = number(cell(contractors_at));
        if site_id.is_none() {
            errors.push(FieldError::new(at("site"), "unknown_link", format!("no site named “{}”", cell(site_at))));
        }
        if month.is_none() {
            errors.push(FieldError::new(at("month"), "invalid_month", "a month is written YYYY-MM"));
        }
        for (column, value) in [("employee_hours", employees), ("contractor_hours", contractors)] {
            if value.is_none() {
                errors.push(FieldError::new(
                    at(column),
                    "invalid_hours",
                    format!("a number of hours from 0 to {MAX_HOURS}"),
                ));
            }
        }
        if let (Some(site_id), Some(month), Some(employees), Some(contractors)) =
            (site_id, month, employees, contractors)
        {
            if let Some(first) = seen.insert((site_id, month), line_number) {
                errors.push(FieldError::new(
                    at("month"),
                    "duplicate",
                    format!("line {first} gives this site's month already"),
                ));
            }
            lines.push(Line { site_id, month, hours: (employees, contractors) });
        }
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    if lines.is_empty() {
        return Err(ApiError::Validation(vec![FieldError::new(
            "lines",
            "empty",
            "the file holds no lines after its header",
        )]));
    }
    Ok(lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALPHA: Uuid = Uuid::from_u128(1);

    fn site_of(name: &str) -> Option<Uuid> {
        (name.eq_ignore_ascii_case("Platform Alpha")).then_some(ALPHA)
    }

    #[test]
    fn french_spreadsheets_with_semicolons_and_decimal_commas_are_read() {
        let text = "Site;Month;Employee_hours;Contractor_hours\nplatform alpha;2026-10;18250,5;9120\n";
        let lines = read(text, site_of).unwrap();
        assert_eq!(lines.len(), 1);
        assert_eq!((lines[0].site_id, lines[0].hours), (ALPHA, (18250.5, 9120.0)));
        assert_eq!(lines[0].month, NaiveDate::from_ymd_opt(2026, 10, 1).unwrap());
    }

    #[test]
    fn each_problem_is_named_by_its_line_and_column() {
        let text = "site,month,employee_hours,contractor_hours\nPlatform Alpha,2026-10,100,0\nNowhere,2026-13,-5,x\nPlatform Alpha,2026-10,1,1\n";
        let Err(ApiError::Validation(errors)) = read(text, site_of) else { panic!("refused") };
        let fields: Vec<(&str, &str)> = errors.iter().map(|e| (e.field.as_str(), e.code.as_str())).collect();
        assert_eq!(
            fields,
            [
                ("lines[3].site", "unknown_link"),
                ("lines[3].month", "invalid_month"),
                ("lines[3].employee_hours", "invalid_hours"),
                ("lines[3].contractor_hours", "invalid_hours"),
                ("lines[4].month", "duplicate"),
            ]
        );
    }

    #[test]
    fn a_file_without_the_columns_is_refused() {
        let Err(ApiError::Validation(errors)) = read("name,hours\nA,1\n", site_of) else { panic!("refused") };
        assert_eq!(errors[0].code, "missing_columns");
    }
}
