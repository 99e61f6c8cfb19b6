//! Writing a table row by row to a file: CSV (UTF-8 with a BOM so Excel reads accents,
//! formulas escaped), XLSX (constant memory: each row is flushed as it is written, text
//! always a text cell, never a formula) or JSON (an array of objects).

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use rust_xlsxwriter::{Format as CellFormat, Workbook, Worksheet};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use utoipa::ToSchema;

use super::cells::escape_formula;
use super::source;
use crate::error::{ApiError, ApiResult};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum FileFormat {
    Csv,
    Xlsx,
    Json,
}

impl FileFormat {
    pub fn extension(self) -> &'static str {
        match self {
            Self::Csv => "csv",
            Self::Xlsx => "xlsx",
            Self::Json => "json",
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Self::Csv => source::CSV,
            Self::Xlsx => source::XLSX,
            Self::Json => source::JSON,
        }
    }
}

pub struct Sink {
    columns: Vec<String>,
    out: Out,
}

enum Out {
    Csv(Box<csv::Writer<BufWriter<File>>>),
    Xlsx { book: Box<Workbook>, row: u32, path: std::path::PathBuf },
    Json { file: BufWriter<File>, first: bool },
}

fn failed(err: impl std::fmt::Display) -> ApiError {
    ApiError::Internal(anyhow::anyhow!("writing the file: {err}"))
}

impl Sink {
    /// A file at `path` whose first row names `columns`.
    pub fn create(path: &Path, format: FileFormat, columns: Vec<String>) -> ApiResult<Self> {
        let out = match format {
            FileFormat::Csv => {
                let mut file = BufWriter::new(File::create(path).map_err(failed)?);
                file.write_all(b"\xEF\xBB\xBF").map_err(failed)?;
                let mut writer = csv::Writer::from_writer(file);
                writer.write_record(&columns).map_err(failed)?;
                Out::Csv(Box::new(writer))
            }
            FileFormat::Xlsx => {
                let mut book = Box::new(Workbook::new());
                let sheet = book.add_worksheet_with_constant_memory().map_err(failed)?;
                let bold = CellFormat::new().set_bold();
                for (col, name) in columns.iter().enumerate() {
                    sheet.write_string_with_format(0, column(col)?, name, &bold).map_err(failed)?;
                }
                Out::Xlsx { book, row: 1, path: path.to_owned() }
            }
            FileFormat::Json => {
                let mut file = BufWriter::new(File::create(path).map_err(failed)?);
                file.write_all(b"[").map_err(failed)?;
                Out::Json { file, first: true }
            }
        };
        Ok(Self { columns, out })
    }

    pub fn write(&mut self, cells: &[Value]) -> ApiResult<()> {
        match &mut self.out {
            Out::Csv(writer) => {
                let texts: Vec<String> = cells.iter().map(|c| escape_formula(&plain(c)).into_owned()).collect();
                writer.write_record(&texts).map_err(failed)
            }
            Out::Xlsx { book, row, .. } => {
                let sheet = book.worksheet_from_index(0).map_err(failed)?;
                for (col, cell) in cells.iter().enumerate() {
                    write_cell(sheet, *row, column(col)?, cell)?;
                }
                *row += 1;
                Ok(())
            }
            Out::Json { file, first } => {
                let object: Map<String, Value> = self.columns.iter().cloned().zip(cells.iter().cloned()).collect();
                if !*first {
                    file.write_all(b",\n").map_err(failed)?;
                }
                *first = false;
                serde_json::to_writer(&mut *file, &object).map_err(failed)
            }
        }
    }

    pub fn finish(self) -> ApiResult<()> {
        match self.out {
            Out::Csv(mut writer) => writer.flush().map_err(failed),
            Out::Xlsx { mut book, path, .. } => book.save(&path).map_err(failed),
            Out::Json { mut file, .. } => {
                file.write_all(b"]\n").map_err(failed)?;
                file.flush().map_err(failed)
            }
        }
    }
}

fn column(index: usize) -> ApiResult<u16> {
    u16::try_from(index).map_err(failed)
}

fn write_cell(sheet: &mut Worksheet, row: u32, col: u16, cell: &Value) -> ApiResult<()> {
    match cell {
        Value::Null => Ok(()),
        Value::Number(n) => sheet.write_number(row, col, n.as_f64().unwrap_or_default()).map(drop).map_err(failed),
        Value::Bool(b) => sheet.write_boolean(row, col, *b).map(drop).map_err(failed),
        other => sheet.write_string(row, col, plain(other)).map(drop).map_err(failed),
    }
}

/// A cell as plain text: strings without quotes, lists joined by commas.
pub fn plain(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(plain).collect::<Vec<_>>().join(","),
        other => other.to_string(),
    }
}
