//! The period report (PDF): what the filter kept, in figures (incidents, injuries,
//! actions; by severity, type and status), then one line per incident.

use std::collections::BTreeMap;

use chrono::Utc;
use serde::Serialize;

use super::export::Rows;
use super::reader::Reader;
use super::words::name_of;
use crate::error::{ApiError, ApiResult};
use crate::infra::pdf::{self, Header, Layout};
use crate::modules::hse::domain::{IncidentStatus, IncidentType, Severity};
use crate::modules::hse::incidents::list::IncidentFilter;
use crate::platform::i18n::Locale;

pub fn write(rows: &Rows, filter: &IncidentFilter, reader: &Reader, company: &str) -> ApiResult<Vec<u8>> {
    let (w, locale) = (|key: &str| reader.w(key), reader.locale);
    let day = |at: Option<chrono::DateTime<Utc>>| at.map(|at| reader.day(at)).unwrap_or_default();
    let period = match (filter.occurred_from, filter.occurred_to) {
        (None, None) => w("all_time"),
        (from, to) => format!("{} → {}", day(from), day(to)),
    };
    let mut layout = Layout::default();
    layout.title(&w("period_report"), &format!("{} · {period}", w("period")));

    let people = rows.people.values().flatten();
    let recordable = people.clone().filter(|p| p.injury_class.is_some_and(|c| c.is_recordable())).count();
    let days: i32 = people.map(|p| p.days_lost).sum();
    let today = Utc::now().date_naive();
    let open: Vec<_> = rows.actions.iter().filter(|a| a.status.is_pending()).collect();
    let overdue = open.iter().filter(|a| a.due_date < today).count();
    layout.heading(&w("figures"));
    layout.facts(&[
        (w("incidents"), rows.incidents.len().to_string()),
        (w("recordable"), recordable.to_string()),
        (w("days_lost"), days.to_string()),
        (w("open_actions"), open.len().to_string()),
        (w("overdue_actions"), overdue.to_string()),
    ]);

    let counted = |group: &str, counts: Vec<(String, usize)>, heading: &str, layout: &mut Layout| {
        layout.heading(heading);
        let rows: Vec<Vec<String>> = counts.into_iter().map(|(name, n)| vec![name, n.to_string()]).collect();
        layout.table(&[(w(group), 4.0), (w("count"), 1.0)], &rows);
    };
    counted(
        "severity",
        count(locale, "severity", Severity::ALL, rows.incidents.iter().map(|i| i.severity)),
        &w("severity"),
        &mut layout,
    );
    counted(
        "type",
        count(locale, "incident_type", IncidentType::ALL, rows.incidents.iter().map(|i| i.incident_type)),
        &w("type"),
        &mut layout,
    );
    counted(
        "status",
        count(locale, "status", IncidentStatus::ALL, rows.incidents.iter().map(|i| i.status)),
        &w("status"),
        &mut layout,
    );

    layout.heading(&w("incident_list"));
    let lines: Vec<Vec<String>> = rows
        .incidents
        .iter()
        .map(|i| {
            vec![
                i.number.clone(),
                reader.day(i.occurred_at),
                i.title.clone(),
                name_of(locale, "severity", i.severity),
                name_of(locale, "status", i.status),
                i.site_id.and_then(|s| rows.sites.get(&s).cloned()).unwrap_or_default(),
            ]
        })
        .collect();
    let columns = [
        (w("number"), 2.4),
        (w("date"), 1.8),
        (w("title"), 4.0),
        (w("severity"), 1.4),
        (w("status"), 2.0),
        (w("site"), 2.0),
    ];
    layout.table(&columns, &lines);

    let header = Header {
        title: w("period_report"),
        language: locale.as_str(),
        company: company.to_owned(),
        generated: format!("{} {}", w("generated"), reader.at(Utc::now())),
        footer: format!("{} · {period}", w("period_report")),
    };
    pdf::render(&layout, &header).map_err(ApiError::Internal)
}

/// How many of `values` are each of `all`, named, in `all`'s order (zeros kept).
fn count<T: Ord + Copy + Serialize>(
    locale: Locale,
    group: &str,
    all: &[T],
    values: impl Iterator<Item = T>,
) -> Vec<(String, usize)> {
    let mut counts: BTreeMap<T, usize> = all.iter().map(|v| (*v, 0)).collect();
    for value in values {
        *counts.entry(value).or_default() += 1;
    }
    all.iter().map(|v| (name_of(locale, group, *v), counts[v])).collect()
}
