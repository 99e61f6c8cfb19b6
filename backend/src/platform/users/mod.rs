//! Users: people who sign in. Authentication lives in `auth`; administration of
//! users comes with the Access issue.

pub mod model;
pub mod service;
