//! Incidents: reported with photos and the people involved, numbered, then moved along
//! the approval workflow.

pub mod api;
pub mod dto;
pub mod edit;
pub mod files;
pub mod list;
pub mod service;
pub mod transfer;
pub mod workflow;
