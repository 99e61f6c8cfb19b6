//! A file read as a table: its header cells, then its rows one at a time. CSV streams
//! (its encoding and delimiter told from its first bytes: UTF-8 with or without a BOM,
//! else Windows-1252, as Excel saves in France); a workbook's first sheet and a JSON
//! array of objects are read whole, their size bounded by the upload's.

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

use calamine::{Data, DataType, Reader};
use encoding_rs_io::DecodeReaderBytesBuilder;
use serde_json::Value;

use crate::error::{ApiError, ApiResult};

pub const CSV: &str = "text/csv";
pub const JSON: &str = "application/json";
pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// A row's cells, or why the line could not be read.
pub type Cells = Result<Vec<String>, String>;

pub struct Table {
    pub header: Vec<String>,
    pub rows: Box<dyn Iterator<Item = Cells> + Send>,
}

/// The table in `path`, a file of type `content_type`.
pub fn open(path: &Path, content_type: &str) -> ApiResult<Table> {
    let table = match content_type {
        CSV => csv_table(path),
        XLSX => sheet_table(path),
        JSON => json_table(path),
        other => return Err(unreadable(format!("a file of type {other} is not a table; send CSV, XLSX or JSON"))),
    }?;
    if table.header.iter().all(|h| h.trim().is_empty()) {
        return Err(unreadable("the file's first row, which names the columns, is empty".into()));
    }
    Ok(table)
}

/// How many rows `path` holds after its header, read without keeping them.
pub fn count(path: &Path, content_type: &str) -> ApiResult<usize> {
    Ok(open(path, content_type)?.rows.count())
}

fn unreadable(detail: String) -> ApiError {
    ApiError::Unprocessable { code: "unreadable_file", detail }
}

fn io(err: std::io::Error) -> ApiError {
    ApiError::Internal(err.into())
}

fn csv_table(path: &Path) -> ApiResult<Table> {
    let mut head = Vec::with_capacity(64 * 1024);
    File::open(path).map_err(io)?.take(64 * 1024).read_to_end(&mut head).map_err(io)?;
    let utf8 = match std::str::from_utf8(&head) {
        Ok(_) => true,
        // Cut in the middle of a character by the 64 KiB window: still UTF-8.
        Err(e) => e.error_len().is_none(),
    };
    let encoding = if utf8 { encoding_rs::UTF_8 } else { encoding_rs::WINDOWS_1252 };
    let (first_line, _, _) = encoding.decode(&head);
    let delimiter = delimiter(first_line.lines().next().unwrap_or_default());
    let decoded = DecodeReaderBytesBuilder::new()
        .encoding(Some(encoding))
        .bom_override(true)
        .build(File::open(path).map_err(io)?);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(false)
        .from_reader(BufReader::new(decoded));
    let mut records = reader.records();
    let header = match records.next() {
        Some(Ok(record)) => record.iter().map(str::to_owned).collect(),
        Some(Err(err)) => return Err(unreadable(format!("the first line is not CSV: {err}"))),
        None => return Err(unreadable("the file is empty".into())),
    };
    // The header was read through `records`: the reader goes on from the first row.
    let rows = reader
        .into_records()
        .map(|record| record.map(|r| r.iter().map(str::to_owned).collect()).map_err(|e| e.to_string()));
    Ok(Table { header, rows: Box::new(rows) })
}

/// The delimiter a header line uses most among `,`, `;`, tab and `|`.
fn delimiter(line: &str) -> u8 {
    [b',', b';', b'\t', b'|']
        .into_iter()
        .max_by_key(|d| (line.bytes().filter(|b| b == d).count(), *d == b','))
        .unwrap_or(b',')
}

fn sheet_table(path: &Path) -> ApiResult<Table> {
    let mut book = calamine::open_workbook_auto(path).map_err(|e| unreadable(format!("not a workbook: {e}")))?;
    let sheet = book
        .worksheet_range_at(0)
        .ok_or_else(|| unreadable("the workbook has no sheet".into()))?
        .map_err(|e| unreadable(format!("its first sheet cannot be read: {e}")))?;
    let mut rows = sheet.rows().map(|row| row.iter().map(cell_text).collect::<Vec<_>>());
    let header = rows.next().ok_or_else(|| unreadable("the first sheet is empty".into()))?;
    let rows: Vec<Cells> = rows.map(Ok).collect();
    Ok(Table { header, rows: Box::new(rows.into_iter()) })
}

/// A workbook cell as text: whole numbers without `.0`, dates ISO.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{f:.0}"),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(_) | Data::DateTimeIso(_) => match cell.as_datetime() {
            Some(at) if at.time() == chrono::NaiveTime::MIN => at.date().to_string(),
            Some(at) => at.to_string(),
            None => cell.to_string(),
        },
        other => other.to_string(),
    }
}

fn json_table(path: &Path) -> ApiResult<Table> {
    let value: Value = serde_json::from_reader(BufReader::new(File::open(path).map_err(io)?))
        .map_err(|e| unreadable(format!("not JSON: {e}")))?;
    let Value::Array(items) = value else {
        return Err(unreadable("the JSON must be an array of objects".into()));
    };
    let mut header: Vec<String> = Vec::new();
    for item in &items {
        if let Value::Object(object) = item {
            for key in object.keys() {
                if !header.contains(key) {
                    header.push(key.clone());
                }
            }
        }
    }
    let columns = header.clone();
    let rows = items.into_iter().map(move |item| match item {
        Value::Object(object) => Ok(columns.iter().map(|c| object.get(c).map(json_text).unwrap_or_default()).collect()),
        _ => Err("not an object".to_owned()),
    });
    Ok(Table { header, rows: Box::new(rows.collect::<Vec<_>>().into_iter()) })
}

fn json_text(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(json_text).collect::<Vec<_>>().join(","),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(bytes: &[u8], content_type: &str) -> (Vec<String>, Vec<Cells>) {
        let file = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(file.path(), bytes).unwrap();
        let table = open(file.path(), content_type).unwrap();
        (table.header, table.rows.collect())
    }

    #[test]
    fn a_french_excel_csv_with_a_bom_and_semicolons_is_read() {
        let (header, rows) = read("\u{feff}email;full_name\nana@x.fr;Ana Ségur\n".as_bytes(), CSV);
        assert_eq!(header, ["email", "full_name"]);
        assert_eq!(rows, [Ok(vec!["ana@x.fr".to_owned(), "Ana Ségur".to_owned()])]);
    }

    #[test]
    fn windows_1252_is_decoded() {
        // "Ségur" in Windows-1252: é is 0xE9, invalid as UTF-8.
        let (_, rows) = read(b"name,site\nS\xE9gur,Alpha\n", CSV);
        assert_eq!(rows, [Ok(vec!["Ségur".to_owned(), "Alpha".to_owned()])]);
    }

    #[test]
    fn tabs_and_pipes_are_delimiters_too() {
        assert_eq!(delimiter("a\tb\tc"), b'\t');
        assert_eq!(delimiter("a|b"), b'|');
        assert_eq!(delimiter("single"), b',');
        assert_eq!(delimiter("a;b,c;d"), b';');
    }

    #[test]
    fn a_json_array_of_objects_is_a_table_of_every_key() {
        let (header, rows) = read(br#"[{"email":"a@x.fr","roles":["r1","r2"]},{"email":"b@x.fr","age":3}]"#, JSON);
        assert_eq!(header, ["email", "roles", "age"]);
        assert_eq!(rows[0], Ok(vec!["a@x.fr".to_owned(), "r1,r2".to_owned(), String::new()]));
        assert_eq!(rows[1], Ok(vec!["b@x.fr".to_owned(), String::new(), "3".to_owned()]));
    }
}
