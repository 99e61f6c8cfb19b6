//! HSE indicators over a period: incidents counted by month, severity, type, status and
//! site; open and overdue actions; and the injury rates against hours worked.

pub mod api;
pub mod cache;
pub mod dto;
pub mod rates;
pub mod service;
