//! The audit trail: an append-only, hash-chained log of every change, written in the
//! same transaction as the change itself.

pub mod api;
pub mod model;
pub mod service;
