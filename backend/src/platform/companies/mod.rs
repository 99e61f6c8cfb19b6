//! Companies: the tenants. Every business row belongs to one.

pub mod api;
pub mod model;
pub mod service;
