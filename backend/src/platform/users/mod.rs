//! Users: people who sign in. Authentication lives in `auth`; this module holds the
//! records, their administration and one's own profile.

pub mod api;
pub mod model;
pub mod service;
