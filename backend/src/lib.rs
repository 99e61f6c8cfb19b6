//! OpsFlux: operations platform for offshore and industrial sites.
//! See ARCHITECTURE.md (shared) and the README for the map.

pub mod app;
pub mod caller;
pub mod config;
pub mod demo;
pub mod error;
pub mod http;
pub mod infra;
pub mod module;
pub mod modules;
pub mod openapi;
pub mod platform;
pub mod registry;
pub mod scoped;
pub mod telemetry;
pub mod worker;
