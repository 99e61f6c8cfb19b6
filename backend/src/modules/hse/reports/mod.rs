//! HSE reports: an incident's PDF, and exports of what a filter keeps, a period report
//! (PDF) or a workbook (XLSX), made by a task with progress. All built from what the
//! reader may see.

pub mod api;
pub mod export;
pub mod incident;
pub mod period;
pub mod reader;
pub mod words;
pub mod xlsx;
