//! Outgoing webhooks (Standard Webhooks): endpoints per company, one signed delivery
//! per (event, endpoint), retried with backoff, every try logged; and incoming
//! webhooks from registered sources.

pub mod api;
pub mod incoming;
pub mod model;
pub mod service;
pub mod signing;
