//! The import task: a file read row by row, each row checked against its fields, then
//! saved through its resource's service function in a savepoint of one transaction, as
//! the importer, within their reach. A preview runs the same way and rolls back; a
//! commit keeps everything or nothing (or only the valid rows when asked). Rows are
//! never all in memory: the report keeps the first problems and a sample, the rejected
//! rows go to an error file as they come.

use std::collections::{BTreeMap, HashMap};

use sea_orm::{ConnectionTrait, DatabaseTransaction, DbBackend, TransactionTrait};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use tempfile::NamedTempFile;
use utoipa::ToSchema;
use uuid::Uuid;

use super::mapping::{self, Mapping};
use super::resource::{Applied, Field, Mode, Resource, Row, RowImporter};
use super::sink::{FileFormat, Sink};
use super::source::{self, Cells};
use super::words::{Problem, RowProblem};
use super::{cells, registry, stored};
use crate::app::AppState;
use crate::caller::Caller;
use crate::error::{ApiError, ApiResult};
use crate::infra::db::begin_write;
use crate::module::{TaskKind, TaskRun};
use crate::platform::hooks::tasks;
use crate::platform::i18n::Locale;

/// Rows shown in a preview.
const SAMPLE: usize = 20;
/// Problems kept in the report (all of them are in the error file).
const MAX_PROBLEMS: usize = 500;
/// Rows between two progress reports (and cancellation checks).
const STEP: usize = 250;

pub const IMPORT: TaskKind = TaskKind {
    name: "import_export.import",
    label_fr: "Importer un fichier (CSV, XLSX, JSON)",
    label_en: "Import a file (CSV, XLSX, JSON)",
    check: |params| parse(params).map(drop),
    run: |state, caller, task| Box::pin(run(state, caller, task)),
};

/// What an import task runs with.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ImportParams {
    pub file_id: Uuid,
    #[schema(example = "users")]
    pub resource: String,
    /// Column header → field (`null` leaves the column out); guessed when absent.
    #[serde(default)]
    pub mapping: Option<Mapping>,
    #[serde(default)]
    pub mode: Mode,
    /// Keep the valid rows when others are refused (else nothing is written).
    #[serde(default)]
    pub valid_only: bool,
    /// A preview: everything is checked, nothing is kept.
    #[serde(default)]
    pub dry_run: bool,
}

fn parse(params: &Value) -> Result<ImportParams, String> {
    serde_json::from_value(params.clone()).map_err(|e| e.to_string())
}

/// A row as the preview shows it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PreviewRow {
    pub line: usize,
    /// Field → the value as it will be saved (a refused cell: as the file has it).
    pub values: BTreeMap<String, String>,
    pub problems: Vec<RowProblem>,
}

/// What an import (or its preview) found and did.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
pub struct ImportResult {
    pub dry_run: bool,
    pub resource: String,
    pub mode: Mode,
    pub valid_only: bool,
    /// The file's header cells, in order.
    pub columns: Vec<String>,
    pub mapping: Mapping,
    /// Required fields no column fills: nothing was checked while there are some.
    pub missing: Vec<String>,
    pub total: usize,
    pub valid: usize,
    pub rejected: usize,
    /// Rows created and updated (in a preview: that would be).
    pub created: usize,
    pub updated: usize,
    /// Whether rows were written.
    pub committed: bool,
    pub cancelled: bool,
    /// The first problems, by line.
    pub problems: Vec<RowProblem>,
    /// The first rows.
    pub rows: Vec<PreviewRow>,
    /// The rejected rows with a `reason` column, to fix and import again (CSV).
    pub error_file_id: Option<Uuid>,
}

async fn run(state: &AppState, caller: &Caller, task: &TaskRun) -> ApiResult<Value> {
    let params = parse(&task.params).map_err(|m| ApiError::field("params", "invalid_params", m))?;
    let resource = registry::importable(state, caller, &params.resource).await?;
    let locale = stored::locale_of(state, caller).await?;
    let (file, local) = stored::download(state, caller, params.file_id).await?;
    let total = source::count(local.path(), &file.content_type)?;
    let table = source::open(local.path(), &file.content_type)?;
    let columns = mapping::resolve(&table.header, resource.fields(), params.mapping.as_ref());
    let mut report = ImportResult {
        dry_run: params.dry_run,
        resource: params.resource.clone(),
        mode: params.mode,
        valid_only: params.valid_only,
        mapping: mapping::shown(&table.header, &columns),
        missing: mapping::missing(resource.fields(), &columns),
        columns: table.header.clone(),
        total,
        ..ImportResult::default()
    };
    if !report.missing.is_empty() {
        return Ok(json!(report));
    }
    tasks::progress(state, caller, task.id, 0, total).await?;
    let importer = resource.importer(state, caller).await?;
    let txn = begin_write(&state.db).await?;
    // SQLite's one writer is this import until it ends: its progress goes to the
    // importer's stream only (a poll sees it at the end).
    let one_writer = state.db.get_database_backend() == DbBackend::Sqlite;
    if !one_writer {
        // The tables grow inside this transaction, unseen by the statistics: a plan
        // cached for a table of 8 users scanned all of them for every row (quadratic,
        // 300 rows/s falling under 40 by 40,000 rows). Each statement is planned anew.
        txn.execute_unprepared("SET LOCAL plan_cache_mode = force_custom_plan").await?;
    }
    let mut pass = Pass {
        resource,
        importer: importer.as_ref(),
        columns: &columns,
        locale,
        mode: params.mode,
        seen: HashMap::new(),
        rejects: None,
        header: &table.header,
    };
    for (index, cells) in table.rows.enumerate() {
        if index > 0 && index % STEP == 0 {
            if one_writer {
                tasks::announce_progress(state, caller, task.id, index, total).await;
            } else {
                tasks::progress(state, caller, task.id, index, total).await?;
            }
            if tasks::cancel_requested(&state.db, task.id).await? {
                txn.rollback().await?;
                report.cancelled = true;
                return Ok(json!(report));
            }
        }
        let line = index + 2;
        let (row, problems) = pass.one(&txn, line, cells).await?;
        if problems.is_empty() {
            report.valid += 1;
        } else {
            report.rejected += 1;
            let room = MAX_PROBLEMS.saturating_sub(report.problems.len());
            report.problems.extend(problems.iter().take(room).cloned());
        }
        if report.rows.len() < SAMPLE {
            let values = row.values.iter().map(|(k, v)| ((*k).to_owned(), v.clone())).collect();
            report.rows.push(PreviewRow { line, values, problems });
        }
    }
    report.created = pass.seen.values().filter(|s| s.applied == Some(Applied::Created)).count();
    report.updated = pass.seen.values().filter(|s| s.applied == Some(Applied::Updated)).count();
    report.committed = !params.dry_run && report.valid > 0 && (params.valid_only || report.rejected == 0);
    if report.committed {
        txn.commit().await?;
        importer.committed().await?;
    } else {
        txn.rollback().await?;
        if !params.dry_run {
            (report.created, report.updated) = (0, 0);
        }
    }
    if let Some((file, sink)) = pass.rejects.take() {
        sink.finish()?;
        let name = format!("{}-errors.csv", file_stem(&stored::name_of(&params.resource)));
        report.error_file_id = Some(stored::keep(state, caller, file.path(), &name).await?);
    }
    tasks::progress(state, caller, task.id, total, total).await?;
    Ok(json!(report))
}

fn file_stem(name: &str) -> String {
    format!("{name}-{}", chrono::Utc::now().format("%Y%m%d-%H%M"))
}

/// What a row's key gave: its first line, and what saving it did.
struct Seen {
    line: usize,
    applied: Option<Applied>,
}

/// One pass over a file's rows.
struct Pass<'a> {
    resource: &'static dyn Resource,
    importer: &'a dyn RowImporter,
    columns: &'a [Option<&'static Field>],
    header: &'a [String],
    locale: Locale,
    mode: Mode,
    /// Each row's key (or line, for resources without one) → what came of it.
    seen: HashMap<String, Seen>,
    rejects: Option<(NamedTempFile, Sink)>,
}

impl Pass<'_> {
    /// Row `line` checked and saved in a savepoint of `txn`; its problems.
    async fn one(&mut self, txn: &DatabaseTransaction, line: usize, cells: Cells) -> ApiResult<(Row, Vec<RowProblem>)> {
        let raw = match cells {
            Ok(raw) => raw,
            Err(why) => {
                let problem = RowProblem::of(line, None, &Problem::Unreadable(why), self.locale);
                self.reject(&[], std::slice::from_ref(&problem))?;
                return Ok((Row { line, ..Row::default() }, vec![problem]));
            }
        };
        let mut row = Row { line, values: BTreeMap::new() };
        let mut problems = Vec::new();
        for (field, text) in self.columns.iter().zip(raw.iter().map(String::as_str).chain(std::iter::repeat(""))) {
            let Some(field) = field else { continue };
            match cells::normalise(field, text) {
                Ok(Some(value)) => {
                    row.values.insert(field.name, value);
                }
                Ok(None) => {}
                Err(problem) => {
                    // Shown as the file has it; a row with a problem is never saved.
                    row.values.insert(field.name, text.trim().to_owned());
                    problems.push(RowProblem::of(line, Some(field.name), &problem, self.locale));
                }
            }
        }
        let key = self.key_of(&row);
        if let Some(first) = self.seen.get(&key) {
            let problem = Problem::Duplicate(first.line);
            problems.push(RowProblem::of(line, self.resource.key().first().copied(), &problem, self.locale));
        }
        if problems.is_empty() {
            let savepoint = txn.begin().await?;
            match self.importer.import(&savepoint, &row, self.mode).await {
                Ok(applied) => {
                    savepoint.commit().await?;
                    self.seen.insert(key, Seen { line, applied: Some(applied) });
                }
                Err(err @ ApiError::Internal(_)) => return Err(err),
                Err(err) => {
                    savepoint.rollback().await?;
                    problems = RowProblem::from_service(line, &err, self.locale);
                }
            }
        }
        self.seen.entry(self.key_of(&row)).or_insert(Seen { line, applied: None });
        if !problems.is_empty() {
            self.reject(&raw, &problems)?;
        }
        Ok((row, problems))
    }

    /// The row's key for duplicates; its line when it has none.
    fn key_of(&self, row: &Row) -> String {
        let parts: Vec<&str> = self.resource.key().iter().filter_map(|k| row.text(k)).collect();
        if parts.len() == self.resource.key().len() && !parts.is_empty() {
            parts.join("\u{1f}").to_lowercase()
        } else {
            format!("line:{}", row.line)
        }
    }

    /// Writes the row, as the file had it, to the error file with its reasons.
    fn reject(&mut self, raw: &[String], problems: &[RowProblem]) -> ApiResult<()> {
        if self.rejects.is_none() {
            let file = NamedTempFile::new().map_err(anyhow::Error::from)?;
            let mut columns = self.header.to_vec();
            columns.push(reason_header(self.locale).to_owned());
            let sink = Sink::create(file.path(), FileFormat::Csv, columns)?;
            self.rejects = Some((file, sink));
        }
        let Some((_, sink)) = self.rejects.as_mut() else { return Ok(()) };
        let mut cells: Vec<Value> =
            (0..self.header.len()).map(|i| Value::String(raw.get(i).cloned().unwrap_or_default())).collect();
        let reasons: Vec<String> = problems
            .iter()
            .map(|p| match &p.column {
                Some(column) => format!("{column}: {}", p.message),
                None => p.message.clone(),
            })
            .collect();
        cells.push(Value::String(reasons.join("; ")));
        sink.write(&cells)
    }
}

fn reason_header(locale: Locale) -> &'static str {
    match locale {
        Locale::Fr => "motif",
        Locale::En => "reason",
    }
}
