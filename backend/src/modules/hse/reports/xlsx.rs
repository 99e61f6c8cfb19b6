//! The incidents workbook: a sheet of incidents (one row each, their people's injuries
//! summed) and a sheet of their actions, headers in the reader's language, dates as
//! Excel dates in their time zone. Text goes in as text: a title starting with `=` stays
//! a title, never a formula.

use chrono_tz::Tz;
use rust_xlsxwriter::{ColNum, Format, Workbook, Worksheet, XlsxError};

use std::collections::HashMap;

use super::export::Rows;
use super::reader::Reader;
use super::words::{name_of, word};
use crate::error::{ApiError, ApiResult};
use crate::platform::i18n::Locale;

const INCIDENT_COLUMNS: [(&str, f64); 13] = [
    ("number", 17.0),
    ("title", 40.0),
    ("status", 20.0),
    ("severity", 11.0),
    ("type", 18.0),
    ("occurred_at", 17.0),
    ("site", 24.0),
    ("location", 28.0),
    ("reported_by", 20.0),
    ("assigned_to", 20.0),
    ("people", 10.0),
    ("recordable", 12.0),
    ("days_lost", 11.0),
];

const ACTION_COLUMNS: [(&str, f64); 8] = [
    ("number", 16.0),
    ("incident", 17.0),
    ("title", 40.0),
    ("kind", 12.0),
    ("owner", 20.0),
    ("due_date", 12.0),
    ("status", 14.0),
    ("completed_at", 17.0),
];

fn failed(e: XlsxError) -> ApiError {
    ApiError::Internal(anyhow::anyhow!("the workbook could not be written: {e}"))
}

fn header(sheet: &mut Worksheet, locale: Locale, columns: &[(&str, f64)], bold: &Format) -> Result<(), XlsxError> {
    for (index, (key, width)) in columns.iter().enumerate() {
        let col = ColNum::try_from(index).unwrap_or(ColNum::MAX);
        sheet.write_string_with_format(0, col, word(locale, key), bold)?;
        sheet.set_column_width(col, *width)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

pub fn write(rows: &Rows, reader: &Reader) -> ApiResult<Vec<u8>> {
    build(rows, reader.locale, reader.zone).map_err(failed)
}

fn build(rows: &Rows, locale: Locale, zone: Tz) -> Result<Vec<u8>, XlsxError> {
    let bold = Format::new().set_bold();
    let when = Format::new().set_num_format(if locale == Locale::Fr { "dd/mm/yyyy hh:mm" } else { "yyyy-mm-dd hh:mm" });
    let day = Format::new().set_num_format(if locale == Locale::Fr { "dd/mm/yyyy" } else { "yyyy-mm-dd" });
    let name = |id: Option<uuid::Uuid>| id.and_then(|id| rows.names.get(&id).cloned()).unwrap_or_default();
    let numbers: HashMap<uuid::Uuid, &str> = rows.incidents.iter().map(|i| (i.id, i.number.as_str())).collect();
    let mut book = Workbook::new();

    let sheet = book.add_worksheet_with_constant_memory()?;
    sheet.set_name(word(locale, "incidents"))?;
    header(sheet, locale, &INCIDENT_COLUMNS, &bold)?;
    for (index, i) in rows.incidents.iter().enumerate() {
        let row = u32::try_from(index + 1).unwrap_or(u32::MAX);
        let people = rows.people.get(&i.id).map(Vec::as_slice).unwrap_or_default();
        let recordable = people.iter().filter(|p| p.injury_class.is_some_and(|c| c.is_recordable())).count();
        let days: i32 = people.iter().map(|p| p.days_lost).sum();
        sheet.write_string(row, 0, &i.number)?;
        sheet.write_string(row, 1, &i.title)?;
        sheet.write_string(row, 2, name_of(locale, "status", i.status))?;
        sheet.write_string(row, 3, name_of(locale, "severity", i.severity))?;
        sheet.write_string(row, 4, name_of(locale, "incident_type", i.incident_type))?;
        sheet.write_datetime_with_format(row, 5, i.occurred_at.with_timezone(&zone).naive_local(), &when)?;
        sheet.write_string(row, 6, i.site_id.and_then(|s| rows.sites.get(&s).cloned()).unwrap_or_default())?;
        sheet.write_string(row, 7, &i.location)?;
        sheet.write_string(row, 8, name(Some(i.reported_by)))?;
        sheet.write_string(row, 9, name(i.assigned_to))?;
        sheet.write_number(row, 10, u32::try_from(people.len()).unwrap_or(u32::MAX))?;
        sheet.write_number(row, 11, u32::try_from(recordable).unwrap_or(u32::MAX))?;
        sheet.write_number(row, 12, days)?;
    }
    let last = u32::try_from(rows.incidents.len()).unwrap_or(u32::MAX);
    sheet.autofilter(0, 0, last, 12)?;

    let sheet = book.add_worksheet_with_constant_memory()?;
    sheet.set_name(word(locale, "actions_sheet"))?;
    header(sheet, locale, &ACTION_COLUMNS, &bold)?;
    for (index, a) in rows.actions.iter().enumerate() {
        let row = u32::try_from(index + 1).unwrap_or(u32::MAX);
        sheet.write_string(row, 0, &a.number)?;
        sheet.write_string(row, 1, numbers.get(&a.incident_id).copied().unwrap_or_default())?;
        sheet.write_string(row, 2, &a.title)?;
        sheet.write_string(row, 3, name_of(locale, "kind", a.kind))?;
        sheet.write_string(row, 4, name(Some(a.owner_id)))?;
        sheet.write_date_with_format(row, 5, a.due_date, &day)?;
        sheet.write_string(row, 6, name_of(locale, "action_status", a.status))?;
        if let Some(done) = a.completed_at {
            sheet.write_datetime_with_format(row, 7, done.with_timezone(&zone).naive_local(), &when)?;
        }
    }
    book.save_to_buffer()
}
