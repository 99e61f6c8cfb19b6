//! Core services shared by every business module, one folder each; each folder's
//! `mod.rs` says what it brings (`crate::module::Module`), `crate::registry` lists them.

pub mod api_tokens;
pub mod audit;
pub mod auth;
pub mod calendar;
pub mod companies;
pub mod delivery;
pub mod email;
pub mod files;
pub mod health;
pub mod hooks;
pub mod i18n;
pub mod import_export;
pub mod menu;
pub mod modules;
pub mod notifications;
pub mod outbox;
pub mod push;
pub mod rbac;
pub mod scheduler;
pub mod sequences;
pub mod sites;
pub mod sms;
pub mod users;
pub mod webhooks;
