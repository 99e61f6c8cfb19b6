//! HSE reports: an incident's PDF (a period's PDF and the XLSX export follow), built
//! with `infra::pdf` from what the reader may see.

pub mod api;
pub mod incident;
pub mod words;
