//! Role-based access control: permissions with scopes, roles, groups, direct grants,
//! and the cached effective permissions every request is checked against.

pub mod api;
pub mod cache;
pub mod model;
pub mod scope;
pub mod service;
