//! Integration tests: the real app on a random port, a fresh database per test, HTTP
//! in and out. One binary (one link step), one module per area.
//!
//! `OPSFLUX_TEST_DATABASE=postgres` (default; with Redis) or `sqlite` (embedded mode).

mod access;
mod antivirus;
mod api_tokens;
mod audit_chain;
mod auth;
mod calendar;
mod companies;
mod delivery;
mod enumeration;
mod escalation;
mod faults;
mod files;
mod health;
mod helpers;
mod holders;
mod hooks;
mod hse;
mod import_export;
mod input;
mod messaging;
mod modules;
mod notifications;
mod openapi;
mod problems;
mod scheduler;
mod secrets;
mod sequences;
mod sites;
mod spa;
mod stale_credentials;
mod stamps;
mod translations;
mod users;
mod webhook_events;
mod webhook_secrets;
mod webhooks;
