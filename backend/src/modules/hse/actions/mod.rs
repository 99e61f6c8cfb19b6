//! Corrective and preventive actions (CAPA) raised on incidents: owned, done with
//! evidence, verified by someone else, and chased when overdue.

pub mod api;
pub mod calendar;
pub mod dto;
pub mod files;
pub mod list;
pub mod overdue;
pub mod service;
pub mod transfer;
pub mod workflow;
