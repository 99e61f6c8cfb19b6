//! Outgoing webhooks (Standard Webhooks): endpoints per company, one signed delivery
//! per (event, endpoint), retried with backoff, every try logged.

pub mod api;
pub mod model;
pub mod service;
pub mod signing;
