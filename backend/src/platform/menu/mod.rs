//! The navigation tree the clients draw, contributed by the module manifests and
//! filtered by the user's permissions.

pub mod api;
pub mod service;
