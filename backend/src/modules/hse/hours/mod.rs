//! Hours worked per site and month, employees and contractors apart: what the injury
//! rates are counted against. Kept by hand, or imported from a CSV file.

pub mod api;
pub mod csv_import;
pub mod dto;
pub mod service;
pub mod transfer;
